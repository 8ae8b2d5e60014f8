"""Exports and the datasette view of a real store, loaded back with the tools researchers use."""

import csv
import json
import socket
import subprocess
import sys
import time
import urllib.request

import networkx
import pandas
import pyarrow
import pyarrow.parquet as pq
import pytest

from conftest import REPO
from corpus_fixtures import corpus


def dateline(*args):
    return subprocess.run([sys.executable, "-m", "dateline", *args], capture_output=True, cwd=REPO)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("exports")
    db = tmp / "corpus.db"
    proc = dateline("ingest", "--db", str(db), "--quiet", str(corpus(tmp)))
    assert proc.returncode == 0, proc.stderr.decode()
    return db


def test_csv_tables_name_speakers_and_cite_articles(store, tmp_path):
    assert dateline("export", str(tmp_path / "csv"), "--format", "csv", "--db", str(store)).returncode == 0
    statements = pandas.read_csv(tmp_path / "csv" / "statements.csv")
    assert {"speaker_name", "speaker_corpus_id", "title", "outlet", "url", "published"} <= set(statements.columns)
    said = statements[statements["speaker_name"] == "Amina Odhiambo"]
    assert not said.empty and said["title"].notna().all()
    articles = pandas.read_csv(tmp_path / "csv" / "articles.csv")
    assert "raw" not in articles.columns and articles["title"].notna().any()
    with open(tmp_path / "csv" / "times.csv", encoding="utf-8") as fh:
        assert next(csv.reader(fh))[:3] == ["article_id", "start", "end"]


def test_parquet_columns_are_typed(store, tmp_path):
    assert dateline("export", str(tmp_path / "pq"), "--format", "parquet", "--db", str(store)).returncode == 0
    articles = pq.read_table(tmp_path / "pq" / "articles.parquet")
    stamp = articles.schema.field("published_utc").type
    assert pyarrow.types.is_timestamp(stamp) and stamp.tz == "UTC"
    assert str(articles.schema.field("published_date").type) == "date32[day]"
    actors = pq.read_table(tmp_path / "pq" / "actors.parquet")
    titles = actors.schema.field("titles").type
    assert pyarrow.types.is_list(titles) and pyarrow.types.is_string(titles.value_type)
    frame = pandas.read_parquet(tmp_path / "pq" / "statements.parquet")
    assert frame["date"].notna().any() and "title" in frame.columns


def test_polecat_events_carry_countries_places_and_sources(store, tmp_path):
    out = tmp_path / "events.csv"
    assert dateline("export", str(out), "--format", "polecat", "--db", str(store)).returncode == 0
    events = pandas.read_csv(out)
    meeting = events[(events["event_type"] == "CONSULT") & (events["actor"].notna())].iloc[0]
    assert meeting["modality"] == "asserted" and isinstance(meeting["url"], str)
    assert {"actor_country", "recipient_sector", "latitude", "evidence"} <= set(events.columns)


def test_network_export_loads_in_networkx(store, tmp_path):
    out = tmp_path / "actors.graphml"
    assert dateline("export", str(out), "--format", "graphml", "--db", str(store)).returncode == 0
    graph = networkx.read_graphml(out)
    assert graph.number_of_nodes() > 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_datasette_serves_the_store_without_shadow_tables(store, tmp_path):
    metadata = tmp_path / "metadata.json"
    proc = dateline("datasette-metadata", "--db", str(store))
    assert proc.returncode == 0
    metadata.write_bytes(proc.stdout)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "datasette", "serve", str(store), "--metadata", str(metadata),
                               "--host", "127.0.0.1", "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        name = store.stem
        listing = json.load(urllib.request.urlopen(f"{base}/{name}.json", timeout=10))
        shown = {t["name"] for t in listing["tables"] if not t["hidden"]}
        assert not any("_fts" in t for t in shown) and "actor_keys" not in shown
        views = {v["name"] for v in listing["views"]}
        assert {"statement_list", "event_list", "article_list"} <= views
        page = urllib.request.urlopen(f"{base}/{name}/statement_list", timeout=10)
        assert page.status == 200 and b"Amina Odhiambo" in page.read()
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_gexf_export_loads_in_networkx(store, tmp_path):
    out = tmp_path / "actors.gexf"
    assert dateline("export", str(out), "--format", "gexf", "--db", str(store)).returncode == 0
    assert networkx.read_gexf(out).number_of_edges() >= 1


@pytest.mark.parametrize("command", [["stats"], ["actor", "Amina Odhiambo"]])
def test_one_format_vocabulary(store, command):
    as_json = dateline(*command, "--db", str(store), "--format", "json")
    assert as_json.returncode == 0 and json.loads(as_json.stdout)
    as_lines = dateline(*command, "--db", str(store), "--format", "jsonl")
    assert as_lines.returncode == 0 and len(as_lines.stdout.decode().strip().splitlines()) == 1
