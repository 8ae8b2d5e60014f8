"""Spark local[2] against the two-worker multiprocess path, on one corpus, in one run.

    .venv/bin/python bench/spark.py [--corpus DIR] [--limit N] [--json FILE]

Each path runs in its own process: ``analyze:2`` (analysis only, bench/run.py's measure),
``ingest:2`` (analysis, corpus linking, stories and the SQLite store) and ``spark`` (the Spark job
with ``local[2]``: analysis, corpus steps and the Parquet datasets). The Spark time is the job's,
from inputs to the last dataset written; the session's start (the JVM) is reported beside it.
Peak memory: the executor JVM (in local mode the driver is the executor) and each Python worker.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from run import DEFAULT_CORPUS, _paths, _run, machine  # noqa: E402


def _peak_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _cpu_s(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    import os

    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure_spark(corpus: Path, limit: int | None, partitions: int | None = None) -> dict:
    from dateline.spark.job import run, session

    paths = _paths(corpus, limit)
    started = time.perf_counter()
    spark = session("local[2]")
    spark_start = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as out:
        jvm = spark.sparkContext._gateway.proc.pid
        jvm_cpu = _cpu_s(jvm)
        summary = run(paths, out, spark=spark, partitions=partitions)
    jvm_peak = _peak_kib(jvm)
    jvm_cpu = _cpu_s(jvm) - jvm_cpu if jvm_cpu is not None else None
    spark.stop()
    workers = summary.workers
    return {"kind": "spark:local[2]", "articles": summary.articles, "errors": summary.errors,
            "seconds": round(summary.seconds, 2), "articles_per_s": round(summary.articles / summary.seconds, 2),
            "session_start_s": round(spark_start, 2), "partitions": summary.partitions,
            "analysis_task_s": round(sum(w["seconds"] for w in workers), 1),
            "executor_jvm_cpu_s": round(jvm_cpu, 1) if jvm_cpu is not None else None,
            "executor_jvm_peak_mb": round(jvm_peak / 1024) if jvm_peak else None,
            "python_worker_peak_mb": round(max(w["peak_kib"] for w in workers) / 1024),
            "python_workers": len({w["pid"] for w in workers})}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--partitions", type=int, help="Spark tasks (default: the job's own choice)")
    parser.add_argument("--measure-spark", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_spark:
        print(json.dumps(measure_spark(args.corpus, args.limit, args.partitions)))
        return
    if not args.corpus.is_dir():
        raise SystemExit(f"corpus not found: {args.corpus}")
    rows = [_run("analyze:2", args.corpus, args.limit), _run("ingest:2", args.corpus, args.limit)]
    proc = subprocess.run([sys.executable, __file__, "--measure-spark", "--corpus", str(args.corpus)]
                          + (["--limit", str(args.limit)] if args.limit else [])
                          + (["--partitions", str(args.partitions)] if args.partitions else []), capture_output=True,
                          text=True,
                          cwd=ROOT)
    if proc.returncode:
        raise SystemExit(f"spark failed:\n{proc.stderr[-4000:]}")
    spark = json.loads(proc.stdout.strip().splitlines()[-1])
    rows.append(spark)
    report = {"machine": machine(), "corpus": str(args.corpus), "limit": args.limit, "rows": rows,
              "spark_vs_analyze2": round(spark["articles_per_s"] / rows[0]["articles_per_s"], 2),
              "spark_vs_ingest2": round(spark["articles_per_s"] / rows[1]["articles_per_s"], 2)}
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
