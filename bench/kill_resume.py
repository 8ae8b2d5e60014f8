"""kill -9 at random points of an ingest, each run resumed: is every store the uninterrupted one?

    .venv/bin/python bench/kill_resume.py [--articles 150] [--kills 20] [--seed 1]

Articles are real PolNeAR train texts when ../shared is there, else small built ones. Each kill
lands at a random moment of a fresh run (from process start to its end, as timed on a clean run);
the rerun must end with a store whose every table equals the clean run's.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "corpus" / "polnear" / "train" / "text"
TABLES = ("articles", "actors", "corpus_actors", "actor_keys", "statements", "events", "event_participants",
          "mentions", "places", "times", "errors", "pending")


def dump(db: Path) -> dict:
    con = sqlite3.connect(db)
    out = {}
    for table in TABLES:
        columns = [c[1] for c in con.execute(f"PRAGMA table_info({table})")]
        out[table] = sorted(tuple(r) for r in con.execute(f"SELECT {', '.join(repr(c) for c in columns)} FROM {table}"))
    con.close()
    return out


def ingest(folder: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "dateline", "ingest", "--quiet", "--db", str(db), str(folder)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "DATELINE_BATCH_SIZE": "4"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        sources = sorted(NEWS.iterdir())[:args.articles] if NEWS.is_dir() else []
        for n in range(args.articles):
            text = sources[n].read_text(encoding="utf-8") if n < len(sources) else (
                f"Story {n}\n\nMinister Amina Odhiambo met envoy {n} in Nairobi on Monday. "
                f"Odhiambo said that deal {n} would be signed.")
            (folder / f"{n:03d}.txt").write_text(text, encoding="utf-8")
        clean = Path(tmp) / "clean.db"
        started = time.perf_counter()
        assert ingest(folder, clean).wait() == 0
        full = time.perf_counter() - started
        expected = dump(clean)
        print(f"clean run: {len(expected['articles'])} articles in {full:.1f} s")
        same = 0
        for k in range(args.kills):
            db = Path(tmp) / f"killed{k}.db"
            at = rng.uniform(0.05, 1.0) * full
            proc = ingest(folder, db)
            time.sleep(at)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            stored = sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0] if db.exists() else 0
            resumed = ingest(folder, db).wait()
            equal = resumed == 0 and dump(db) == expected
            same += equal
            print(f"kill {k + 1:>2} at {at:5.1f} s: {stored:>3} stored before the kill; resumed "
                  f"{'identical' if equal else 'DIFFERENT'}", flush=True)
        print(f"{same} of {args.kills} resumed stores identical to the uninterrupted run")
        sys.exit(0 if same == args.kills else 1)


if __name__ == "__main__":
    main()
