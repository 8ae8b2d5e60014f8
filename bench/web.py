"""Workspace speed: article page and API list latency at 20 concurrent clients on a store of ≥ 10,000 articles.

    .venv/bin/python bench/web.py [--base DB] [--articles 10000] [--workers 2] [--seconds 15] [--json FILE]

The store is a synthetic copy: a base store (``--base``, or PolNeAR train ingested here) multiplied
with distinct ids until it holds ``--articles`` articles, every table and index copied. The load comes
from wrk (Debian's package, installed when missing), 20 connections on loopback, against
``dateline serve --workers N``; p50/p95/p99 come from wrk's own latency histogram.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR_TRAIN = ROOT.parent / "shared" / "corpus" / "polnear" / "train" / "text"
CLIENTS = 20
TARGETS = {"article page": 200, "API list": 100}  # p95, milliseconds

WRK_SCRIPT = """
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do paths[#paths + 1] = line end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format('{"p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "requests": %d, "errors": %d, '
    .. '"non_2xx": %d, "seconds": %.2f}\\n', latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests, summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout, summary.errors.status, summary.duration / 1e6))
end
"""

COPIED = {  # table → its columns with the article id, copied with the id suffixed
    "actors": "article_id, local_id, name, kind, country, titles, corpus_actor_id, link_reason",
    "mentions": 'article_id, actor_id, start, "end", text, form',
    "events": "article_id, id, type, mode, modality, date, date_basis, place, evidence, confidence, start, \"end\"",
    "event_participants": "article_id, event_id, role, actor_id",
    "places": "article_id, id, name, country, admin1, lat, lon, geonames_id, feature",
    "times": 'article_id, start, "end", text, type, value',
}


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*sudo, "apt-get", "install", "-y", "-q", "wrk"], check=True, env={**os.environ,
                                                                                   "DEBIAN_FRONTEND": "noninteractive"})
    return shutil.which("wrk")


def base_store(base: Path | None, work: Path) -> Path:
    if base:
        target = work / "base.db"
        source = sqlite3.connect(base)
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        source.close()
        shutil.copy(base, target)
        return target
    target = work / "base.db"
    subprocess.run([sys.executable, "-m", "dateline", "ingest", "--db", str(target), "--quiet", str(POLNEAR_TRAIN)],
                   check=True, cwd=ROOT)
    return target


def multiply(db_path: Path, wanted: int) -> int:
    """Copy the store's articles and records under new ids until it holds ``wanted`` articles."""
    from dateline.store.db import Store

    Store(db_path, create=False).close()  # migrated to the latest schema first
    db = sqlite3.connect(db_path, isolation_level=None)
    base_articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    top_article = db.execute("SELECT max(rowid) FROM articles").fetchone()[0]
    top_statement = db.execute("SELECT max(rowid) FROM statements").fetchone()[0] or 0
    copies = -(-wanted // base_articles) - 1
    for k in range(1, copies + 1):
        sfx = f"~{k}"
        db.execute("BEGIN")
        db.execute(
            "INSERT INTO articles (rowid, id, source_id, content_hash, extractor_version, title, published, outlet, url, "
            "language, raw, raw_kind, record, story_id, minhash) SELECT rowid + ?, id || ?, source_id, content_hash || ?, "
            "extractor_version, title, published, outlet, url, language, x'', raw_kind, "
            "json_set(record, '$.article.id', id || ?), story_id, minhash FROM articles WHERE rowid <= ?",
            (k * top_article, sfx, sfx, sfx, top_article))
        db.execute("INSERT INTO articles_fts (rowid, title, text) SELECT rowid + ?, title, text FROM articles_fts "
                   "WHERE rowid <= ?", (k * top_article, top_article))
        db.execute(
            'INSERT INTO statements (rowid, article_id, id, kind, speaker, speaker_text, cue, content, start, "end", date, '
            "date_basis, addressee, event, confidence) SELECT rowid + ?, article_id || ?, id, kind, speaker, speaker_text, "
            'cue, content, start, "end", date, date_basis, addressee, event, confidence FROM statements WHERE rowid <= ?',
            (k * top_statement, sfx, top_statement))
        db.execute("INSERT INTO statements_fts (rowid, content, speaker) SELECT rowid + ?, content, speaker "
                   "FROM statements_fts WHERE rowid <= ?", (k * top_statement, top_statement))
        for table, columns in COPIED.items():
            rest = columns.split(", ", 1)[1]
            db.execute(f"INSERT INTO {table} ({columns}) SELECT article_id || ?, {rest} FROM {table} "
                       "WHERE instr(article_id, '~') = 0", (sfx,))
        db.execute("COMMIT")
    total = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    db.execute("ANALYZE")
    db.close()
    return total


def paths(db_path: Path, rng: random.Random) -> dict[str, list[str]]:
    db = sqlite3.connect(db_path)
    ids = [r[0] for r in db.execute("SELECT id FROM articles")]
    statements = db.execute("SELECT count(*) FROM statements").fetchone()[0]
    words = ["president", "said", "election", "campaign", "trade", "court", "police", "senate"]
    db.close()
    from urllib.parse import quote

    return {
        "article page": [f"/article/{quote(i, safe='')}" for i in rng.sample(ids, 2000)],
        "API list": [f"/api/statements?limit=50&offset={rng.randrange(0, statements - 50)}" for _ in range(300)]
                    + [f"/api/articles?limit=20&offset={rng.randrange(0, len(ids) - 20)}" for _ in range(300)]
                    + [f"/api/events?limit=50&offset={rng.randrange(0, 2000)}" for _ in range(300)]
                    + [f"/api/statements?limit=50&about={w}" for w in words],
        "search page": [f"/search?q={w}" for w in words],
    }


def load(wrk: str, url: str, path_list: list[str], seconds: int, work: Path, name: str) -> dict:
    script, listing = work / "paths.lua", work / f"{name.replace(' ', '_')}.txt"
    script.write_text(WRK_SCRIPT)
    listing.write_text("\n".join(path_list) + "\n")
    proc = subprocess.run([wrk, "-t2", f"-c{CLIENTS}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), url],
                          capture_output=True, text=True, env={**os.environ, "WRK_PATHS": str(listing)}, check=True)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["per_second"] = round(result["requests"] / result["seconds"], 1)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, help="a store to multiply (default: ingest PolNeAR train)")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    wrk = ensure_wrk()
    rng = random.Random(13)
    with tempfile.TemporaryDirectory(prefix="dateline-web-bench-") as tmp:
        work = Path(tmp)
        db = base_store(args.base, work)
        total = multiply(db, args.articles)
        port = 8800 + rng.randrange(100)
        url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([sys.executable, "-m", "dateline", "serve", "--db", str(db), "--port", str(port),
                                   "--workers", str(args.workers)], cwd=ROOT, stderr=subprocess.DEVNULL)
        try:
            for _ in range(300):
                try:
                    urllib.request.urlopen(url + "/api/openapi.json", timeout=2)
                    break
                except OSError:
                    time.sleep(0.2)
            scenarios = paths(db, rng)
            for name, listed in scenarios.items():  # warm the page cache, the templates and the facet counts
                for path in listed[::max(1, len(listed) // 100)]:
                    urllib.request.urlopen(url + path).read()
            results = {name: load(wrk, url, listed, args.seconds, work, name) for name, listed in scenarios.items()}
        finally:
            server.terminate()
            server.wait()
    report = {"articles": total, "clients": CLIENTS, "server_workers": args.workers, "cores": os.cpu_count(),
              "results": results,
              "targets_p95_ms": TARGETS,
              "met": {name: results[name]["requests"] > 0 and results[name]["non_2xx"] == 0
                      and results[name]["p95_ms"] < limit for name, limit in TARGETS.items()}}
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
