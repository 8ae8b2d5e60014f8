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


def _documents(folder, count: int):
    folder.mkdir()
    for n in range(count):
        (folder / f"d{n:02}.txt").write_text(STORY.replace("next week", f"in week {n}"), encoding="utf-8")
    return str(folder)


def test_a_store_that_fills_up_stops_the_run_in_one_line_keeping_every_committed_batch(tmp_path):
    from dateline.store.db import Store
    from dateline.store.ingest import ingest

    folder = _documents(tmp_path / "docs", 12)
    db = tmp_path / "full.db"
    store = Store(db)
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    # SQLite's own size cap gives the same error as a full disk ("database or disk is full").
    store.db.execute(f"PRAGMA max_page_count = {pages + 6}")
    summary = ingest([folder], store, batch_size=2)
    assert summary.stopped == f"cannot write to {db}: database or disk is full"
    assert 0 < summary.added < 12
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert store.db.execute("SELECT count(*) FROM articles").fetchone()[0] == summary.added
    store.close()
    with Store(db) as roomy:  # room again: the rerun stores the rest, nothing twice
        rerun = ingest([folder], roomy, batch_size=2)
        assert rerun.stopped is None and rerun.skipped == summary.added and rerun.added == 12 - summary.added


def test_a_store_that_cannot_be_written_is_reported_before_anything_is_lost(tmp_path):
    from dateline.store.db import Store
    from dateline.store.ingest import ingest

    folder = _documents(tmp_path / "docs", 3)
    db = tmp_path / "ro.db"
    store = Store(db)
    store.db.execute("PRAGMA query_only = 1")  # what a read-only file or mount gives a writer
    summary = ingest([folder], store)
    assert summary.stopped == f"cannot write to {db}: attempt to write a readonly database" and summary.added == 0
    assert store.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


def test_ingest_into_a_full_store_prints_one_line_without_a_traceback(tmp_path):
    folder = _documents(tmp_path / "docs", 2)
    db = tmp_path / "full.db"
    assert dateline("ingest", "--quiet", "--db", str(db), folder).returncode == 0
    with sqlite3.connect(db) as con:  # the journal goes to the file: no room for the next batch
        con.execute("PRAGMA journal_mode = DELETE")
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "x.txt").write_text(STORY.replace("Monday", "Friday") * 40, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", "import sqlite3, sys, dateline.store.db as d; real = sqlite3.connect\n"
         "def capped(*a, **k):\n con = real(*a, **k); con.execute('PRAGMA max_page_count = 1'); return con\n"
         "sqlite3.connect = capped\nfrom dateline.cli import main; sys.argv = ['dateline'] + sys.argv[1:]; main()",
         "ingest", "--quiet", "--workers", "1", "--db", str(db), str(tmp_path / "more")],
        capture_output=True, cwd=REPO)
    err = proc.stderr.decode()
    assert proc.returncode == 1 and "Traceback" not in err, err
    assert err.strip().splitlines()[-1] == (f"dateline: stopped: cannot write to {db}: database or disk is full; "
                                           "what was stored is kept, rerun to resume")
    assert sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0] == 2


def test_a_line_too_long_is_refused_with_its_reason_and_the_file_beside_it_analysed(tmp_path):
    (tmp_path / "line.txt").write_text("word " * 30_000, encoding="utf-8")  # 150,000 characters, no line break
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    proc = dateline("analyze", "--format", "jsonl", str(tmp_path / "line.txt"), str(tmp_path / "good.txt"))
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    assert proc.stderr.decode().strip() == (f"dateline: {tmp_path / 'line.txt'}: line too long "
                                            "(149,999 characters; limit 100,000)")
    assert len(proc.stdout.decode().splitlines()) == 1 and "Odhiambo" in proc.stdout.decode()


def test_each_shape_past_a_limit_has_its_own_reason():
    from dateline.analysis.limits import shape_problem

    assert shape_problem(STORY) is None
    assert shape_problem("Hi.\n" * 20_000) == "too many lines (20,001; limit 20,000)"
    assert shape_problem("x\n" * 500_001) == "text too long (1,000,002 characters; limit 1,000,000)"


def test_a_long_text_is_cut_into_pieces_of_whole_lines_that_join_to_it():
    from dateline.analysis.limits import pieces

    text = "".join(f"Paragraph {n} says something.\n\n" for n in range(2_000))
    found = pieces(text, size=5_000)
    assert "".join(found) == text and len(found) > 10
    assert all(len(p) <= 5_000 and p.endswith("\n") for p in found)
    assert pieces("no break " * 10, size=20) == ["no break " * 10]  # nowhere to cut: kept whole


def test_a_long_text_parsed_in_pieces_keeps_every_offset():
    from dateline.analysis.limits import PIECE_CHARS
    from dateline.analysis.pipeline import analyze
    from dateline.model import Article

    text = "".join(f"Minister Amina Odhiambo said on Monday that talks would resume in week {n}.\n\n"
                   for n in range(2_500))
    assert len(text) > 1.5 * PIECE_CHARS
    result = analyze(Article(id="long", source="long", text=text, language="en"))
    assert len(result.statements) == 2_500
    assert all(text[s.content.start:s.content.end] == s.content.text for s in result.statements)
    alone = analyze(Article(id="one", source="one", text=text[-80:].lstrip(), language="en")).statements[0]
    assert result.statements[-1].content.text == alone.content.text and "week 2499" in alone.content.text


def test_a_document_past_the_time_limit_fails_alone(monkeypatch):
    import time

    from dateline.analysis import limits, pipeline
    from dateline.model import Article

    real = pipeline.records

    def slow_for_the_first(article, doc):
        if article.id == "slow":
            time.sleep(5)  # stands for a path that would never end
        return real(article, doc)

    monkeypatch.setattr(pipeline, "records", slow_for_the_first)
    monkeypatch.setattr(limits, "_max_seconds", 0.3)
    results = list(pipeline.analyze_many([Article(id=i, source=i, text=STORY, language="en") for i in ("slow", "ok")]))
    assert isinstance(results[0], pipeline.AnalysisFailure)
    assert results[0].reason == "analysis took longer than the time limit of 0.3 s (see --max-seconds)"
    assert isinstance(results[1], pipeline.AnalyzedArticle) and results[1].statements


def test_a_path_with_a_name_too_long_is_one_failure_and_the_rest_is_read(tmp_path):
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    too_long = tmp_path / ("n" * 300) / "x.txt"
    proc = dateline("analyze", "--format", "jsonl", str(too_long), str(tmp_path / "good.txt"))
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    assert proc.stderr.decode().strip() == f"dateline: {too_long}: cannot read: File name too long"
    assert len(proc.stdout.splitlines()) == 1
