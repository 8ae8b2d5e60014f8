"""dateline benchmark: the spaCy floor, analysis on 1 and 2 workers, ingest, memory, cold start.

The ratio of analysis to bare parse is taken from a paired run (both timed in turn over each
batch, in one process), since runs minutes apart on a shared host differ by more than the
stages cost; the runs apart are reported too (``analysis_vs_floor_apart``).

Peak memory of the whole corpus is compared with that of its first tenth.

    .venv/bin/python bench/run.py [--corpus DIR] [--limit N] [--json FILE]

Each measurement runs in its own process so that its peak memory is its own. The
corpus defaults to PolNeAR train (../shared/corpus/polnear/train/text).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "polnear" / "train" / "text"
EXAMPLE = ROOT / "dateline" / "examples" / "harbour_talks.txt"


def _paths(corpus: Path, limit: int | None) -> list[str]:
    files = sorted(str(p) for p in corpus.iterdir() if p.is_file())
    return files[:limit] if limit else files


def _articles(paths: list[str]):
    from dateline.ingest.sources import Document, iter_documents

    return (item.article for item in iter_documents(paths) if isinstance(item, Document))


def measure(kind: str, corpus: Path, limit: int | None) -> dict:
    """One measurement, in this process. Articles stream from disk: nothing holds the corpus."""
    paths = _paths(corpus, limit)
    counts = {"articles": 0, "words": 0}

    def stream():
        for article in _articles(paths):
            counts["articles"] += 1
            counts["words"] += len(article.text.split())
            yield article

    articles = stream()
    started = time.perf_counter()
    if kind == "paired":
        return _paired(articles, counts)
    if kind == "floor":
        from dateline.analysis.nlp import load_pipeline

        nlp = load_pipeline()
        started = time.perf_counter()
        for _ in nlp.pipe((a.text for a in articles), batch_size=16):
            pass
    elif kind.startswith("analyze"):
        from dateline.analysis.parallel import analyze_parallel
        from dateline.analysis.pipeline import warm_up

        workers = int(kind.split(":")[1])
        if workers == 1:
            warm_up()  # steady state: the one-time loads are the cold start's, measured apart
            started = time.perf_counter()
        for _ in analyze_parallel(articles, workers):
            pass
    elif kind.startswith("ingest"):
        from dateline.analysis.parallel import ParallelAnalyser
        from dateline.analysis.pipeline import warm_up
        from dateline.store.db import Store
        from dateline.store.ingest import ingest

        workers = int(kind.split(":")[1])
        warm_up()
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store, \
                ParallelAnalyser(workers) as analyser:
            started = time.perf_counter()
            ingest(paths, store, analyser=analyser)
    seconds = time.perf_counter() - started
    if kind.startswith("ingest"):  # the store read the files itself: count them afterwards
        for article in _articles(paths):
            counts["articles"] += 1
            counts["words"] += len(article.text.split())
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    words, count = counts["words"], counts["articles"]
    return {"kind": kind, "articles": count, "words": words, "seconds": round(seconds, 2),
            "words_per_s": round(words / seconds), "articles_per_s": round(count / seconds, 2),
            "peak_rss_mb": round(own), "peak_worker_rss_mb": round(children) if children else None}


def _paired(articles, counts: dict) -> dict:
    """The bare parse and the whole analysis of the same articles, batch by batch in one process.

    On a shared host the load changes from minute to minute; timed in turn over each batch of
    16 articles (in alternating order), both see the same load and the ratio is the analysis's
    own. Each starts from the same vocabulary: the bare parse runs in a memory zone as the
    analysis does, so neither leaves the other words already looked up.
    """
    import itertools

    from dateline.analysis.pipeline import analyze_many, warm_up

    nlp = warm_up()
    seconds = {"floor": 0.0, "analyze:1": 0.0}

    def floor(batch):
        with nlp.memory_zone():
            for _ in nlp.pipe((a.text for a in batch), batch_size=16):
                pass

    def analysis(batch):
        for _ in analyze_many(batch, nlp):
            pass

    for n in itertools.count():
        if not (batch := list(itertools.islice(articles, 16))):
            break
        runs = [("floor", floor), ("analyze:1", analysis)]
        for kind, run in runs if n % 2 == 0 else runs[::-1]:
            started = time.perf_counter()
            run(batch)
            seconds[kind] += time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    words, count = counts["words"], counts["articles"]
    return {"rows": [{"kind": f"{kind}(paired)", "articles": count, "words": words, "seconds": round(s, 2),
                      "words_per_s": round(words / s), "articles_per_s": round(count / s, 2),
                      "peak_rss_mb": round(own), "peak_worker_rss_mb": None} for kind, s in seconds.items()]}


def _run(kind: str, corpus: Path, limit: int | None) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--measure", kind, "--corpus", str(corpus)]
                          + (["--limit", str(limit)] if limit else []), capture_output=True, text=True, cwd=ROOT)
    if proc.returncode:
        raise SystemExit(f"{kind} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def cold_start() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "dateline", "analyze", "--format", "jsonl", "--workers", "1", str(EXAMPLE)],
                   check=True, capture_output=True, cwd=ROOT)
    return round(time.perf_counter() - started, 2)


def machine() -> dict:
    import spacy

    import dateline

    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    return {"cores": len(os.sched_getaffinity(0)), "cpu": model, "python": platform.python_version(),
            "spacy": spacy.__version__, "dateline": dateline.__version__}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.corpus, args.limit)))
        return
    if not args.corpus.is_dir():
        raise SystemExit(f"corpus not found: {args.corpus}")
    rows = [_run(kind, args.corpus, args.limit) for kind in ("floor", "analyze:1", "analyze:2", "ingest:1", "ingest:2")]
    tenth = max(1, (args.limit or len(_paths(args.corpus, None))) // 10)
    rows.append({**_run("analyze:1", args.corpus, tenth), "kind": f"analyze:1@{tenth}"})
    paired = _run("paired", args.corpus, args.limit)["rows"]
    rows += paired
    floor = rows[0]["words_per_s"]
    one = rows[1]["words_per_s"]
    report = {"machine": machine(), "corpus": str(args.corpus), "limit": args.limit, "rows": rows,
              "ratios": {"analysis_vs_floor": round(paired[1]["words_per_s"] / paired[0]["words_per_s"], 2),
                         "analysis_vs_floor_apart": round(one / floor, 2),
                         "two_workers_vs_one": round(rows[2]["words_per_s"] / one, 2),
                         "ingest_vs_analysis": round(rows[3]["words_per_s"] / one, 2),
                         "ingest_two_workers_vs_analysis_two": round(rows[4]["words_per_s"] / rows[2]["words_per_s"], 2),
                         "peak_memory_all_vs_tenth": round(rows[1]["peak_rss_mb"] / rows[5]["peak_rss_mb"], 2)},
              "cold_start_s": cold_start()}
    print(f"{'measure':<12}{'articles':>9}{'words/s':>10}{'art/s':>8}{'seconds':>9}{'peak MB':>9}{'worker MB':>10}")
    for row in rows:
        print(f"{row['kind']:<12}{row['articles']:>9}{row['words_per_s']:>10}{row['articles_per_s']:>8}"
              f"{row['seconds']:>9}{row['peak_rss_mb']:>9}{str(row['peak_worker_rss_mb'] or '-'):>10}")
    print(json.dumps(report["ratios"]), f"cold start {report['cold_start_s']} s", json.dumps(report["machine"]))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
