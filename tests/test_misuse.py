"""Misuse and hostile input at the command line: one clear line, an exit code, nothing lost or made up."""

import sqlite3
import subprocess
import sys

import pytest

from conftest import REPO

STORY = ("Port talks resume\n\nKenyan Foreign Minister Amina Odhiambo said on Monday that talks with Tanzania "
         "would resume next week. Officials 138 said the port was calm.\n")


def dateline(*args, stdin: bytes | None = None):
    return subprocess.run([sys.executable, "-m", "dateline", *args], input=stdin, capture_output=True, cwd=REPO)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("store")
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    db = folder / "corpus.db"
    proc = dateline("ingest", "--db", str(db), "--quiet", str(folder / "story.txt"))
    assert proc.returncode == 0, proc.stderr.decode()
    return db


@pytest.mark.parametrize("args", [
    ["statements", "--since", "notadate"], ["statements", "--since", "2023-13-45"], ["events", "--until", "yesterday"],
    ["statements", "--limit", "-1"], ["actor", ""], ["search", "x" * 100_000],
])
def test_bad_query_options_are_usage_errors(store, args):
    proc = dateline(*args, "--db", str(store))
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr


def test_a_like_wildcard_matches_nobody(store):
    proc = dateline("statements", "--speaker", "%", "--db", str(store), "--format", "json")
    assert proc.returncode == 0 and proc.stdout.strip() == b"[]"


def test_a_query_never_creates_a_store(tmp_path):
    missing = tmp_path / "typo.db"
    proc = dateline("stats", "--db", str(missing))
    assert proc.returncode == 2 and b"no store" in proc.stderr and not missing.exists()


def test_an_unrelated_sqlite_file_is_left_untouched(tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE sources (x)")
    proc = dateline("ingest", "--db", str(other), "--quiet", str(REPO / "dateline" / "examples" / "harbour_talks.txt"))
    assert proc.returncode == 2 and b"not a dateline store" in proc.stderr
    with sqlite3.connect(other) as db:
        assert [r[0] for r in db.execute("SELECT name FROM sqlite_master")] == ["sources"]


def test_export_does_not_overwrite_without_force(store, tmp_path):
    out = tmp_path / "records.jsonl"
    out.write_text("keep me\n")
    proc = dateline("export", str(out), "--db", str(store))
    assert proc.returncode == 2 and out.read_text() == "keep me\n"
    assert dateline("export", str(out), "--db", str(store), "--force").returncode == 0
    assert out.read_text().startswith("{")


def test_export_into_a_missing_directory_is_one_line(store, tmp_path):
    proc = dateline("export", str(tmp_path / "nowhere" / "records.jsonl"), "--db", str(store))
    assert proc.returncode == 2 and proc.stderr.count(b"\n") == 1


def test_an_actor_without_letters_does_not_stop_the_store(store):
    proc = dateline("stats", "--db", str(store), "--json")
    assert proc.returncode == 0 and b'"articles": 1' in proc.stdout


def test_terminal_escapes_in_an_article_are_shown_not_obeyed(tmp_path):
    path = tmp_path / "evil.txt"
    path.write_bytes(b"Evil page\n\nThe mayor said on Monday that the bridge \x1b[2J\x1b]0;owned\x07would close.\n")
    proc = dateline("analyze", str(path))
    assert proc.returncode == 0 and b"\x1b[2J" not in proc.stdout and b"\x1b]0;" not in proc.stdout
    assert b"\\x1b[2J" in proc.stdout


def test_search_keeps_its_term_in_the_table(store):
    proc = dateline("search", "talks", "--db", str(store))
    assert proc.returncode == 0 and "«talks»".encode() in proc.stdout


def test_json_output_is_always_a_list():
    proc = dateline("analyze", "--format", "json", str(REPO / "dateline" / "examples" / "harbour_talks.txt"))
    assert proc.returncode == 0 and proc.stdout.lstrip().startswith(b"[")


def test_utf16_text_with_a_bom_is_read(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes("\ufeff".encode("utf-16-le") + STORY.encode("utf-16-le"))
    proc = dateline("analyze", "--format", "jsonl", str(path))
    assert proc.returncode == 0, proc.stderr.decode()
    assert b"Amina Odhiambo" in proc.stdout


def test_records_sharing_an_id_are_not_merged_silently(tmp_path):
    import json

    path = tmp_path / "same-id.jsonl"
    texts = [STORY, STORY.replace("Monday", "Tuesday"), STORY.replace("Monday", "Friday")]
    path.write_text("".join(json.dumps({"id": "x1", "text": t}) + "\n" for t in texts), encoding="utf-8")
    db = tmp_path / "ids.db"
    proc = dateline("ingest", "--db", str(db), "--quiet", str(path))
    assert proc.returncode == 1
    assert proc.stderr.count(b"already used by a different document") == 2
    assert b"1 added" in proc.stdout and b"2 failed" in proc.stdout


def test_ctrl_c_during_ingest_prints_one_line_and_a_rerun_stores_the_rest(tmp_path):
    import signal
    import time

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(3000):
        (corpus / f"a{i}.txt").write_text(f"Story {i}\n\nPolice arrested {i} protesters in Lagos on Monday.\n")
    db = tmp_path / "news.db"
    process = subprocess.Popen([sys.executable, "-m", "dateline", "ingest", str(corpus), "--db", str(db)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    deadline = time.monotonic() + 120
    stored = 0
    while stored == 0 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        try:
            with sqlite3.connect(db) as con:
                stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            pass  # the store is not there yet
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == "dateline: interrupted; what was stored is kept, rerun to resume"
    rerun = dateline("ingest", str(corpus), "--db", str(db))
    summary = rerun.stderr.decode().strip().splitlines()[-1]
    added, already = (int(summary.split(" added")[0].split()[-1]), int(summary.split(" already")[0].split()[-1]))
    assert rerun.returncode == 0 and added + already == 3000 and already > 0, summary


def _feed(entries: int) -> bytes:
    items = "".join(f"<item><title>Story {n}</title><description>Officials met on Monday to talk about the port "
                    f"number {n} and said the talks went well.</description></item>" for n in range(entries))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>'.encode()


def test_stdin_over_the_size_limit_is_refused_whole_like_a_file(tmp_path):
    feed = _feed(12_000)
    assert len(feed) > 1_000_000
    proc = dateline("analyze", "--max-mb", "1", "--format", "jsonl", "-", stdin=feed)
    assert b"larger than the limit of 1.0 MB" in proc.stderr
    assert proc.stdout.strip() == b""  # nothing of the cut input analysed
    (tmp_path / "feed.xml").write_bytes(feed)
    as_file = dateline("analyze", "--max-mb", "1", "--format", "jsonl", str(tmp_path / "feed.xml"))
    assert b"too large" in as_file.stderr and as_file.stdout.strip() == b""


def test_a_directory_that_cannot_be_listed_is_reported_and_the_rest_read(tmp_path, monkeypatch):
    import os

    from dateline.ingest.sources import Document, Failure, iter_documents

    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text(STORY, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied")  # what a non-root user meets; root reads anything
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(iter_documents([str(tmp_path)]))
    assert [type(i) for i in items] == [Document, Failure]
    assert items[1].source.endswith("locked") and items[1].reason == "cannot list directory: Permission denied"


def test_two_writers_on_a_fresh_store_store_each_document_once_and_both_account_for_all(tmp_path):
    import re

    folder = tmp_path / "docs"
    folder.mkdir()
    for n in range(40):
        (folder / f"d{n}.txt").write_text(STORY.replace("next week", f"in week {n}"), encoding="utf-8")
    db = tmp_path / "fresh.db"
    command = [sys.executable, "-m", "dateline", "ingest", "--db", str(db), str(folder)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO) for _ in range(2)]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (out, err) in zip(runs, outputs):
        assert run.returncode == 0 and b"Traceback" not in err, err.decode()
        found = re.search(rb"(\d+) added, (\d+) already stored, 0 failed", out + err)
        assert found and int(found[1]) + int(found[2]) == 40, (out + err).decode()
    assert sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0] == 40


def test_a_file_deleted_while_a_run_is_under_way_is_reported_not_lost(tmp_path):
    from dateline.ingest.sources import Document, Failure, iter_documents

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(STORY, encoding="utf-8")
    items = iter_documents([str(tmp_path)])
    first = next(items)
    (tmp_path / "c.txt").unlink()  # gone after the walk listed it, before it was read
    rest = list(items)
    assert isinstance(first, Document) and isinstance(rest[0], Document)
    assert isinstance(rest[1], Failure) and rest[1].source.endswith("c.txt") and rest[1].reason == "no such file"
