"""Ingest real files of every kind into a real SQLite store and query it through the CLI."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO
from corpus_fixtures import corpus, html_page, jsonl, warc
from dateline.ingest.detect import sniff
from dateline.ingest.sources import Document, Failure, Pending, iter_documents


def dateline(*args, env=None):
    return subprocess.run([sys.executable, "-m", "dateline", *args], capture_output=True, cwd=REPO,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("store")
    folder = corpus(tmp)
    db = tmp / "corpus.db"
    proc = dateline("ingest", "--db", str(db), "--quiet", str(folder))
    assert proc.returncode == 0, proc.stderr.decode()
    return db, folder


@pytest.mark.parametrize("head,name,kind", [
    (b"WARC/1.1\r\n", "x", "warc"),
    (b'<?xml version="1.0"?><rss version="2.0">', "x", "feed"),
    (b"<feed xmlns='http://www.w3.org/2005/Atom'>", "x", "feed"),
    (b"<!DOCTYPE html><html>", "page.txt", "html"),
    (b'{"text": "hello"}\n', "x.jsonl", "jsonl"),
    (b"Headline\n\nBody text.", "x.html", "text"),
])
def test_kind_is_detected_by_content(head, name, kind):
    assert sniff(head, name) == kind


def test_every_kind_yields_articles(tmp_path):
    folder = corpus(tmp_path)
    items = list(iter_documents([str(folder)]))
    documents = [i for i in items if isinstance(i, Document)]
    kinds = sorted(d.kind for d in documents)
    assert kinds.count("html") == 4  # two pages, one feed entry, one WARC response (the PNG is skipped)
    pending = [i for i in items if isinstance(i, Pending)]
    assert [p.url for p in pending] == ["https://example.org/teaser"]
    page = next(d for d in documents if d.locator.endswith("a.html"))
    assert page.article.outlet == "Daily Meridian" and page.article.byline == "Jane Doe"
    assert page.article.url == "https://example.org/port-deal-close"
    assert page.article.published.startswith("2024-03-11")
    record = next(d for d in documents if d.kind == "jsonl")
    assert record.article.id == "j1" and record.article.title == "Markets calm"
    assert not [i for i in items if isinstance(i, Failure)]


def test_ingest_then_query_through_the_cli(store):
    db, _ = store
    stats = json.loads(dateline("stats", "--db", str(db), "--json").stdout)
    assert stats["counts"]["articles"] == 6
    assert stats["counts"]["pending"] == 1 and stats["counts"]["errors"] == 0
    assert stats["stories"] == 5  # the re-published copy of story A joins its story
    found = json.loads(dateline("search", "--db", str(db), "railway", "--format", "json").stdout)
    assert found and "«railway»" in found[0]["snippet"]
    said = json.loads(dateline("statements", "--db", str(db), "--speaker", "Haniyeh", "--about", "immigration",
                               "--format", "json").stdout)
    assert len(said) == 1 and "immigration" in said[0]["content"] and said[0]["date"] == "2024-03-12"
    met = json.loads(dateline("events", "--db", str(db), "--type", "CONSULT", "--actor", "Raisi",
                              "--format", "json").stdout)
    tehran = [m for m in met if m["place"] == "Tehran"]
    # the corpus knows one person under both spellings; either may be the name it shows
    assert tehran and {"Ismail Haniyeh", "Ismail Haniya"} & set(tehran[0]["actors"] + tehran[0]["recipients"])
    assert tehran[0]["date"] == "2024-03-12"  # "on Tuesday" in a story of Wednesday 13 March
    unique = json.loads(dateline("events", "--db", str(db), "--type", "CONSULT", "--unique-stories",
                                 "--format", "json").stdout)
    every = json.loads(dateline("events", "--db", str(db), "--type", "CONSULT", "--format", "json").stdout)
    odhiambo = lambda rows: [r for r in rows if "Amina Odhiambo" in r["actors"] + r["recipients"]]
    assert len(odhiambo(every)) == 2 and len(odhiambo(unique)) == 1  # the copy's meeting is not counted twice


def test_actor_across_articles_and_spellings(store):
    db, _ = store
    profile = json.loads(dateline("actor", "--db", str(db), "Ismail Haniya", "--json").stdout)
    assert profile["name"] in ("Ismail Haniyeh", "Ismail Haniya") and profile["articles"] == 2
    spellings = " ".join(profile["names_in_articles"])
    assert "Haniyeh" in spellings and "Haniya" in spellings.replace("Haniyeh", "")
    assert any(reason != "first seen here" for reason in profile["merge_reasons"])  # the join is explained


def test_second_run_adds_nothing(store):
    db, folder = store
    before = dict(_counts(db))
    proc = dateline("ingest", "--db", str(db), "--quiet", str(folder))
    assert proc.returncode == 0 and b"0 added" in proc.stdout
    assert dict(_counts(db)) == before


def test_store_round_trip_loses_nothing(store, nlp):
    from dateline.analysis.pipeline import analyze
    from dateline.store.db import Store

    db, folder = store
    with Store(db) as s:
        stored = {r["article"]["id"]: r for r in s.records()}
    for item in iter_documents([str(folder)]):
        if isinstance(item, Document):
            assert stored[item.article.id] == analyze(item.article, nlp).to_json_dict()


def test_export_formats(store, tmp_path):
    db, _ = store
    assert dateline("export", "--db", str(db), "--format", "jsonl", str(tmp_path / "all.jsonl")).returncode == 0
    lines = (tmp_path / "all.jsonl").read_text().splitlines()
    assert len(lines) == 6 and all(json.loads(l)["schema"] == "dateline.article/1" for l in lines)
    assert dateline("export", "--db", str(db), "--format", "csv", str(tmp_path / "csv")).returncode == 0
    assert (tmp_path / "csv" / "statements.csv").read_text().startswith("article_id,id,date,date_basis,kind,speaker_name")
    assert dateline("export", "--db", str(db), "--format", "parquet", str(tmp_path / "pq")).returncode == 0
    import pyarrow.parquet as pq
    assert pq.read_table(tmp_path / "pq" / "events.parquet").num_rows > 0
    assert dateline("export", "--db", str(db), "--format", "graphml", str(tmp_path / "net.graphml")).returncode == 0
    import networkx as nx
    graph = nx.read_graphml(tmp_path / "net.graphml")
    assert graph.number_of_edges() >= 2


def test_bad_inputs_are_recorded_and_the_run_goes_on(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    good = html_page("Port deal close", "Minister Amina Odhiambo said the port would open in May. Traders welcomed it.")
    warc([("https://example.org/a", good)], folder / "cut.warc.gz")
    data = (folder / "cut.warc.gz").read_bytes()
    (folder / "cut.warc.gz").write_bytes(data[: len(data) // 2])
    (folder / "broken.html").write_bytes(b"<html><body><div><p></p></div></body></html>")
    (folder / "notafeed.xml").write_bytes(b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>x')
    jsonl([{"text": "Officials said the bridge would reopen on Monday after repairs."},
           {"text": "Police said two men were arrested near the station on Friday."}], folder / "lines.jsonl", broken_line=True)
    (folder / "german.txt").write_text("Die Regierung hat am Montag beschlossen, dass die Steuern im nächsten Jahr "
                                       "nicht steigen werden, und der Minister sagte, er sei mit dem Ergebnis zufrieden "
                                       "und werde die Pläne bald vorstellen.")
    db = tmp_path / "bad.db"
    proc = dateline("ingest", "--db", str(db), "--quiet", str(folder))
    assert proc.returncode == 1
    errors = proc.stderr.decode()
    assert "cut.warc.gz" in errors and "broken archive" in errors
    assert "broken.html" in errors and "lines.jsonl" in errors and "invalid JSON" in errors
    assert "Traceback" not in errors
    stats = json.loads(dateline("stats", "--db", str(db), "--json").stdout)
    assert stats["counts"]["articles"] == 3  # two JSONL records and the German page (stored, not analysed)
    assert stats["languages"] == {"en": 2, "und": 1}
    german = sqlite3.connect(db).execute("SELECT record FROM articles WHERE language = 'und'").fetchone()[0]
    assert json.loads(german)["statements"] == []


def test_kb_import_phoenix(tmp_path):
    folder = tmp_path / "phoenix"
    folder.mkdir()
    (folder / "Test.actors.txt").write_text(
        "# comment\nBILL_CLINTON_  # CountryInfo.txt\n+PRESIDENT_CLINTON\n+WILLIAM_JEFFERSON_CLINTON\n"
        "\t[USAELI 640101-930120]\n\t[USAGOV 930120-010120]\nHAMAS_ [PSEREB]\n+ISLAMIC_RESISTANCE_MOVEMENT\n")
    out = tmp_path / "kb.yaml"
    proc = dateline("kb", "import-phoenix", str(folder), "--out", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    import yaml
    entries = yaml.safe_load(out.read_text())
    clinton = entries[0]
    assert clinton["name"] == "Bill Clinton" and "William Jefferson Clinton" in clinton["aliases"]
    assert {"code": "USAGOV", "start": "1993-01-20", "end": "2001-01-20"} in clinton["roles"]
    assert clinton["country"] == "USA"


def test_knowledge_base_joins_aliases(tmp_path):
    kb = tmp_path / "kb.yaml"
    kb.write_text("- name: Islamic Resistance Movement\n  aliases: [Hamas]\n  kind: organization\n  country: PSE\n")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "one.txt").write_text("Talks\n\nHamas said on Monday that it would attend the talks in Cairo.")
    (folder / "two.txt").write_text("Talks\n\nThe Islamic Resistance Movement rejected the plan on Tuesday, officials said.")
    db = tmp_path / "kb.db"
    assert dateline("ingest", "--db", str(db), "--kb", str(kb), "--quiet", str(folder)).returncode == 0
    profile = json.loads(dateline("actor", "--db", str(db), "Hamas", "--json").stdout)
    assert profile["name"] == "Islamic Resistance Movement" and profile["articles"] == 2
    assert profile["kb_id"]


def _counts(db: Path):
    con = sqlite3.connect(db)
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'")]
    return [(t, con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in sorted(tables)]


def _dump(db: Path):
    con = sqlite3.connect(db)
    out = {}
    for table in ("articles", "actors", "corpus_actors", "actor_keys", "statements", "events", "event_participants",
                  "mentions", "places", "times", "errors"):
        columns = [c[1] for c in con.execute(f"PRAGMA table_info({table})") if c[1] not in ("rowid",)]
        out[table] = sorted(tuple(r) for r in con.execute(f"SELECT {', '.join(chr(34) + c + chr(34) for c in columns)} FROM {table}"))
    return out


def test_killed_run_resumes_to_the_same_store(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(24):
        (folder / f"{n:02d}.txt").write_text(
            f"Story {n}\n\nMinister Amina Odhiambo met envoy number {n} in Nairobi on Monday. "
            f"Odhiambo said that deal {n} would be signed in {2030 + n}.")
    clean = tmp_path / "clean.db"
    assert dateline("ingest", "--db", str(clean), "--quiet", str(folder)).returncode == 0
    killed = tmp_path / "killed.db"
    proc = subprocess.Popen([sys.executable, "-m", "dateline", "ingest", "--db", str(killed), "--quiet", str(folder)],
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "DATELINE_BATCH_SIZE": "2"})
    deadline = time.time() + 60
    while time.time() < deadline:  # wait until some, but not all, batches are committed
        if killed.exists():
            try:
                done = sqlite3.connect(killed).execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.Error:
                done = 0
            if done >= 4:
                break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = sqlite3.connect(killed).execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 0 < partial < 24
    assert dateline("ingest", "--db", str(killed), "--quiet", str(folder)).returncode == 0
    assert _dump(killed) == _dump(clean)


def test_reanalyze_updates_articles_of_older_versions(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "one.txt").write_text("Talks\n\nMinister Amina Odhiambo met President Ebrahim Raisi in Tehran on Monday.")
    (folder / "two.txt").write_text("Vote\n\nSenator Ana Ruiz said the vote was fair.")
    db = tmp_path / "re.db"
    assert dateline("ingest", "--db", str(db), "--quiet", str(folder)).returncode == 0
    before = _dump(db)
    con = sqlite3.connect(db)
    con.execute("UPDATE articles SET extractor_version = '0.0.1' WHERE id = (SELECT min(id) FROM articles)")
    con.execute("DELETE FROM events")  # what an older version did not find
    con.commit()
    proc = dateline("reanalyze", "--db", str(db))
    assert proc.returncode == 0 and b"1 articles reanalysed" in proc.stdout
    after = _dump(db)
    assert after["events"] != [] and len(after["statements"]) == len(before["statements"])
    versions = {r[0] for r in sqlite3.connect(db).execute("SELECT extractor_version FROM articles")}
    assert versions == {__import__("dateline").__version__}


def test_reanalyze_all_with_the_same_version_changes_nothing(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "one.txt").write_text("Talks\n\nMinister Amina Odhiambo met President Ebrahim Raisi in Tehran on Monday. "
                                    "Odhiambo said the talks went well.")
    (folder / "two.txt").write_text("Vote\n\nSenator Ana Ruiz said the vote was fair. Odhiambo agreed.")
    db = tmp_path / "same.db"
    assert dateline("ingest", "--db", str(db), "--quiet", str(folder)).returncode == 0
    query = ("SELECT article_id, local_id, name, kind, country, titles, corpus_actor_id, link_reason FROM actors "
             "ORDER BY article_id, local_id")
    before = sqlite3.connect(db).execute(query).fetchall()
    assert any(r[7] == "first seen here" for r in before)
    for _ in range(2):
        assert dateline("reanalyze", "--db", str(db), "--all").returncode == 0
        assert sqlite3.connect(db).execute(query).fetchall() == before
