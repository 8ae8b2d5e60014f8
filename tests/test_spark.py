"""The Spark mode on local[2]: the same records as `dateline analyze`, reruns that replace, error rows,
corpus steps, and `dateline load` into the SQLite store."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.dataset as ds
import pytest

import dateline
from dateline.ingest.sources import Document, iter_documents
from dateline.spark.inputs import expand, listed_paths
from dateline.spark.worker import band_keys, month_of
from dateline.store.db import Store
from dateline.store.ingest import ingest
from dateline.store.load import load
from dateline.store.rows import record_rows

from corpus_fixtures import STORY_A, STORY_B, STORY_C, html_page, jsonl, warc

# A wire story long enough for its copies to be near duplicates in 5-word shingles.
LONG_A = (STORY_A + " Officials from both countries said a final text could be signed within weeks, and that the "
          "railway would carry goods from the port to the interior. Traders in Mombasa welcomed the news, saying "
          "delays at the harbour had cost them dearly over the past year.")

TABLES = ("articles", "actors", "corpus_actors", "mentions", "statements", "events", "event_participants", "places",
          "times", "errors", "pending")


def _java() -> None:
    if shutil.which("java") is None:
        pytest.fail("no Java runtime: `make test` installs Debian's openjdk-17-jre-headless (the Spark tests need it)")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    """A WARC folder (with a corrupt archive beside it), a JSONL file (with a broken line) and a text folder."""
    root = tmp_path_factory.mktemp("spark-inputs")
    (root / "warc").mkdir()
    warc([("https://example.org/a", html_page("Port deal close", LONG_A)),
          ("https://example.org/c", html_page("Talks to resume", STORY_C, date="2024-04-02"))],
         root / "warc" / "CC-NEWS-20240311-00000.warc.gz")
    (root / "warc" / "CC-NEWS-20240311-00001.warc.gz").write_bytes(b"\x1f\x8b\x08\x00not a gzip stream at all" * 40)
    jsonl([{"id": "j-raisi", "title": "Raisi meets Haniyeh", "published": "2024-03-12T08:00:00+03:30",
            "text": STORY_B},
           {"id": "j-port-wire", "title": "Port deal near, minister says", "published": "2024-03-11",
            "text": LONG_A + " The talks continue on Tuesday."}], root / "records.jsonl", broken_line=True)
    (root / "texts").mkdir()
    (root / "texts" / "summit.txt").write_text(
        "Summit ends\n\nLeaders said on Friday that the summit had ended with a joint statement. "
        "Minister Odhiambo told reporters the port would reopen.", encoding="utf-8")
    shutil.copy(Path(dateline.__file__).parent / "examples" / "harbour_talks.txt", root / "texts" / "harbour.txt")
    return [str(root / "warc"), str(root / "records.jsonl"), str(root / "texts")]


@pytest.fixture(scope="module")
def spark():
    _java()
    from dateline.spark.job import session

    session_ = session("local[2]", app_name="dateline-tests")
    yield session_
    session_.stop()


@pytest.fixture(scope="module")
def output(inputs, tmp_path_factory) -> Path:
    """The job run once from the command line, as a user runs it."""
    _java()
    out = tmp_path_factory.mktemp("spark-out") / "out"
    proc = subprocess.run([sys.executable, "-m", "dateline", "spark", *inputs, "--output", str(out),
                           "--master", "local[2]", "--partitions", "4"], capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert " articles, " in proc.stdout
    return out


def _rows(out: Path, table: str) -> list[dict]:
    rows = ds.dataset(out / table, format="parquet", partitioning="hive").to_table().to_pylist()
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=repr))


def test_records_equal_dateline_analyze(inputs, output):
    local = {}
    for item in iter_documents([str(Path(p).resolve()) for p in inputs]):
        if isinstance(item, Document):
            local.setdefault(item.content_hash, dateline.analyze(item.article).to_json_dict())
    articles = _rows(output, "articles")
    assert {a["content_hash"] for a in articles} == set(local)
    for article in articles:
        assert json.loads(article["record"]) == local[article["content_hash"]], article["locator"]
    # every record table holds exactly the rows the store's flattening gives
    by_table: dict[str, int] = {}
    for article in articles:
        result = dateline.model.AnalyzedArticle.model_validate(json.loads(article["record"]))
        for table, rows in record_rows(result).items():
            by_table[table] = by_table.get(table, 0) + len(rows)
    for table, count in by_table.items():
        assert len(_rows(output, table)) == count, table
    statements = _rows(output, "statements")
    assert any(s["speaker_text"] == "Amina Odhiambo" and "port deal is close" in s["content"] for s in statements)


def test_partitioned_by_month_with_ids_from_content(output):
    months = sorted(p.name for p in (output / "articles").iterdir() if p.is_dir())
    assert months == ["month=2024-03", "month=2024-04", "month=undated"]
    articles = _rows(output, "articles")
    assert len({a["id"] for a in articles}) == len(articles)
    assert {"j-raisi", "j-port-wire"} <= {a["id"] for a in articles}
    manifest = json.loads((output / "_dateline.json").read_text())
    assert manifest["articles"] == len(articles) and manifest["format"] == "dateline.parquet/1"
    assert not (output / "_analysed").exists()


def test_bad_documents_are_error_rows(output):
    errors = _rows(output, "errors")
    locators = {e["locator"] for e in errors}
    assert any(loc.endswith("CC-NEWS-20240311-00001.warc.gz") for loc in locators), errors
    assert any(loc.endswith("records.jsonl") or "records.jsonl#" in loc for loc in locators), errors
    assert all(e["reason"] for e in errors)


def test_near_duplicate_stories_and_corpus_actors(output):
    articles = {a["id"]: a for a in _rows(output, "articles")}
    wire = articles["j-port-wire"]
    page = next(a for a in articles.values() if a["url"] == "https://example.org/a")
    # one story, headed by the earlier of the two (publication date, then locator)
    first = min((wire, page), key=lambda a: (a["published"] or "9999", a["locator"]))
    assert wire["story_id"] == page["story_id"] == first["id"]
    assert articles["j-raisi"]["story_id"] == "j-raisi"
    actors = _rows(output, "actors")
    linked = [a for a in actors if "Odhiambo" in a["name"] and a["kind"] == "person"]
    odhiambo = {a["corpus_actor_id"] for a in linked}
    assert len(odhiambo) == 1, linked
    assert sum(a["link_reason"] == "first seen here" for a in linked) == 1
    assert any(a["name"] == "Odhiambo" and a["link_reason"].startswith("surname of 'Amina Odhiambo'") for a in linked)
    corpus = {c["id"]: c for c in _rows(output, "corpus_actors")}
    assert corpus[odhiambo.pop()]["actors"] == len(linked) >= 3
    haniyeh = {a["corpus_actor_id"] for a in actors if a["name"] in ("Ismail Haniyeh", "Ismail Haniya")}
    assert len(haniyeh) == 1  # spelling variants meet, as in the local store


def test_rerun_replaces_rows(inputs, output, spark, tmp_path):
    from dateline.spark.job import run

    before = {t: _rows(output, t) for t in TABLES}
    again = tmp_path / "again"
    shutil.copytree(output, again)
    summary = run(inputs, str(again), spark=spark, partitions=3)  # other tasks, same rows
    assert summary.articles == len(before["articles"])
    for table in TABLES:
        assert _rows(again, table) == before[table], table


def test_load_into_the_store_matches_ingest(inputs, output, tmp_path):
    with Store(tmp_path / "loaded.db") as store:
        summary = load(output, store)
        assert summary.added == len(_rows(output, "articles"))
        counts = store.counts()
        for table in ("articles", "actors", "mentions", "statements", "events", "event_participants", "places",
                      "times"):
            assert counts[table] == len(_rows(output, table)), table
        assert counts["errors"] == len(_rows(output, "errors"))
        assert load(output, store).added == 0  # loading twice adds nothing
        assert store.counts()["statements"] == counts["statements"]
        loaded_statements = {(r["article_id"], r["content"], r["speaker_text"])
                             for r in store.db.execute("SELECT * FROM statements")}
        profile = store.actor("Odhiambo")
        assert profile is not None and profile["name"] == "Amina Odhiambo"
        stories = store.db.execute("SELECT count(DISTINCT story_id) FROM articles").fetchone()[0]
    with Store(tmp_path / "ingested.db") as store:
        ingest([str(Path(p).resolve()) for p in inputs], store)
        ingested_statements = {(r["article_id"], r["content"], r["speaker_text"])
                               for r in store.db.execute("SELECT * FROM statements")}
        assert store.db.execute("SELECT count(DISTINCT story_id) FROM articles").fetchone()[0] == stories
    assert loaded_statements == ingested_statements


def test_cli_load_refuses_what_is_not_a_job_output(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "dateline", "load", str(tmp_path), "--db", str(tmp_path / "x.db")],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "not the output of `dateline spark`" in proc.stderr


# ---------------------------------------------------------------- without a cluster

def test_month_partition_of_dates():
    assert month_of("2024-03-11T10:00:00+00:00") == "2024-03"
    assert month_of("2024-03") == "2024-03"
    assert month_of(None) == month_of("") == month_of("March 2024") == "undated"


def test_band_keys_make_candidates_of_near_copies():
    from dateline.corpus.dedup import StoryIndex

    text = " ".join(f"word{i}" for i in range(400))
    copy = text.replace("word7 ", "changed ")
    other = " ".join(f"other{i}" for i in range(400))
    keys = set(band_keys(StoryIndex.signature(text)))
    assert keys & set(band_keys(StoryIndex.signature(copy)))
    assert not keys & set(band_keys(StoryIndex.signature(other)))


def test_inputs_expand_globs_listings_and_uris(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.warc.gz").write_bytes(b"")
    (tmp_path / "a" / "y.jsonl").write_text("")
    listing = tmp_path / "warc.paths"
    listing.write_text("crawl-data/CC-NEWS/2024/03/CC-NEWS-1.warc.gz\n# comment\n\ns3a://other/z.warc.gz\n")
    found = expand([str(tmp_path / "a" / "*.warc.gz"), str(tmp_path / "a"),
                    *listed_paths(str(listing), "s3a://commoncrawl/")])
    assert found.local == [str((tmp_path / "a" / "x.warc.gz").resolve()), str((tmp_path / "a" / "y.jsonl").resolve())]
    assert found.remote == ["s3a://commoncrawl/crawl-data/CC-NEWS/2024/03/CC-NEWS-1.warc.gz", "s3a://other/z.warc.gz"]
    with pytest.raises(dateline.errors.InputError, match="no file matches"):
        expand([str(tmp_path / "none-*.warc")])
