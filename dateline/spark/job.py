"""The Spark job: input files → analysed records → Parquet datasets, partitioned by publication month.

    dateline spark news/*.warc.gz --output out/ --master local[4]
    spark-submit --master yarn "$(python -c 'import dateline.spark.job as j; print(j.__file__)')" \\
        --paths-from warc.paths.gz --prefix s3a://commoncrawl/ --output s3a://bucket/dateline/

Documents stream through ``mapPartitions`` (one spaCy pipeline per Python worker, loaded once);
a bad document is an ``errors`` row. Ids come from the content, and each table is written in
overwrite mode: a rerun or a retried task replaces rows, never adds copies.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pyspark import StorageLevel
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F

from dateline import __version__
from dateline.spark.corpus import corpus_actors, stories
from dateline.spark.inputs import Inputs, expand, listed_paths
from dateline.spark.tables import EMITTED, RECORD_TABLES
from dateline.spark.worker import Unit, analyse_items, read_units

ACTOR_COLUMNS = ("article_id", "local_id", "name", "kind", "country", "titles", "corpus_actor_id", "link_reason", "month")
ARTICLE_OUTPUT = ("id", "locator", "kind", "content_hash", "extractor_version", "title", "published", "outlet", "url",
                  "language", "raw", "record", "minhash", "story_id", "month")
MANIFEST = "_dateline.json"
LOCAL_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
WRITERS = 4  # tables written at once
TASKS_PER_CORE = 8  # documents vary in cost: small tasks keep every core busy to the end
STAGING = "_analysed"  # the tasks' rows, removed when the tables are written


@dataclass
class JobSummary:
    articles: int = 0
    errors: int = 0
    copies: int = 0  # documents whose exact text another input already gave
    pending: int = 0
    seconds: float = 0.0
    partitions: int = 0
    workers: list[dict] = field(default_factory=list)  # per Python worker: pid, peak_kib, documents, seconds
    tables: dict[str, int] = field(default_factory=dict)


def session(master: str | None = None, app_name: str = "dateline") -> SparkSession:
    """A Spark session; ``master`` is taken from spark-submit when not given. Python workers are
    the interpreter running this (where ``PYSPARK_PYTHON`` does not say otherwise)."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name).config("spark.ui.showConsoleProgress", "false") \
        .config("spark.python.worker.reuse", "true").config("spark.sql.session.timeZone", "UTC")
    if master:
        builder = builder.master(master)
    if (master or "").startswith("local"):
        # In local mode the driver JVM is the executor and shares the cores with the Python
        # workers: C1-compiled code and the serial collector leave them more of each core.
        builder = builder.config("spark.driver.extraJavaOptions", LOCAL_JVM_OPTIONS)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _emitted(spark: SparkSession, inputs: Inputs, partitions: int, kb: list[str] | None) -> DataFrame:
    """Every task's rows (one per document, error, pending entry or worker), from files read and
    analysed in the Python workers."""
    sc = spark.sparkContext
    parts = []
    if inputs.local:
        slices = min(partitions, len(inputs.local))
        parts.append(sc.parallelize([Unit(p) for p in _balanced(inputs.local, slices)], slices))
    if inputs.remote:
        parts.append(sc.binaryFiles(",".join(inputs.remote), minPartitions=partitions)
                     .map(lambda kv: Unit(kv[0], bytes(kv[1]))))
    units = parts[0] if len(parts) == 1 else sc.union(parts)
    documents = units.mapPartitions(read_units)
    if len(inputs) < partitions:  # fewer files than tasks (a big JSONL or WARC): spread their documents
        documents = documents.repartition(partitions)
    return spark.createDataFrame(documents.mapPartitions(lambda part: analyse_items(part, kb)), EMITTED)


def _remove(spark: SparkSession, path: str) -> None:
    """Delete a directory through Hadoop's file system API (local, HDFS or S3 alike)."""
    jvm = spark.sparkContext._jvm
    hadoop_path = jvm.org.apache.hadoop.fs.Path(path)
    hadoop_path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).delete(hadoop_path, True)


def _table(emitted: DataFrame, table: str) -> DataFrame:
    """The rows of one record table, each with its article's month and text hash."""
    return emitted.where("tag = 'article'").select(
        F.col("article.month").alias("month"), F.col("article.content_hash").alias("_doc"),
        F.explode(table).alias("row")).select("row.*", "month", "_doc")


def _keep_one_copy(articles: DataFrame) -> tuple[DataFrame, DataFrame | None, int]:
    """One article per text (the first locator's), and one text per id: a second text under an id
    already used is an error row, as in the local store. Returns the kept articles (the same frame
    when every text and id is distinct), the clash errors and the number of copies left out."""
    counts = articles.agg(F.count("*").alias("n"), F.countDistinct("content_hash").alias("texts"),
                          F.countDistinct("id").alias("ids")).first()
    if counts.n == counts.texts == counts.ids:
        return articles, None, 0
    first = articles.withColumn("copy", F.row_number().over(Window.partitionBy("content_hash").orderBy("locator")))
    ranked = first.where("copy = 1").withColumn("rank", F.row_number().over(Window.partitionBy("id").orderBy("locator")))
    clashes = ranked.where("rank > 1").select("locator", F.concat(
        F.lit("id '"), F.col("id"), F.lit("' is already used by a different document; give each record its own id "
                                          "(nothing was merged)")).alias("reason"))
    return ranked.where("rank = 1").drop("copy", "rank").localCheckpoint(), clashes, counts.n - counts.texts


def _write(frame: DataFrame, path: str) -> None:
    writer = frame.write.mode("overwrite")
    if "month" in frame.columns:
        writer = writer.partitionBy("month")
    writer.parquet(path)


def _row_counts(output: str, names) -> dict[str, int]:
    """Rows written per table, from the Parquet footers (local output only: no Spark job)."""
    if "://" in output:
        return {}
    import pyarrow.dataset as ds

    return {name: ds.dataset(f"{output}/{name}", format="parquet", partitioning="hive").count_rows() for name in names}


def _balanced(paths: list[str], slices: int) -> list[str]:
    """Paths reordered so that Spark's contiguous slices each get a similar share of bytes: sizes
    dealt out largest first, round robin."""
    sizes = {p: os.path.getsize(p) if os.path.isfile(p) else 0 for p in paths}
    ordered = sorted(paths, key=lambda p: (-sizes[p], p))
    dealt: list[list[str]] = [[] for _ in range(slices)]
    for i, path in enumerate(ordered):
        dealt[i % slices].append(path)
    # parallelize() cuts the list into `slices` runs of (almost) equal length, in order.
    return [p for hand in dealt for p in hand]


def run(items: list[str], output: str, *, master: str | None = None, partitions: int | None = None,
        kb: list[str] | None = None, spark: SparkSession | None = None) -> JobSummary:
    """Analyse every document of ``items`` on Spark and write the Parquet datasets under ``output``."""
    started = time.perf_counter()
    output = output.rstrip("/")
    inputs = expand(items)
    spark = spark or session(master)
    partitions = partitions or max(1, spark.sparkContext.defaultParallelism * TASKS_PER_CORE)
    # Shuffles after the analysis move small rows: few partitions, few tasks to schedule.
    spark.conf.set("spark.sql.shuffle.partitions", str(max(1, spark.sparkContext.defaultParallelism * 2)))
    # The analysis is written once to a staging dataset: every later step reads it (in the JVM),
    # none runs Python again, whatever the cache keeps.
    staging = f"{output}/{STAGING}"
    _emitted(spark, inputs, partitions, [str(Path(k).resolve()) for k in kb] if kb else None) \
        .write.mode("overwrite").parquet(staging)
    emitted = spark.read.parquet(staging)
    try:
        articles, clashes, copies = _keep_one_copy(emitted.where("tag = 'article'").select("article.*"))
        kept = None if clashes is None else articles.select(
            F.col("id").alias("article_id"), F.col("content_hash").alias("_doc"))

        def table(name: str) -> DataFrame:
            rows = _table(emitted, name)
            return rows if kept is None else rows.join(kept, ["article_id", "_doc"], "left_semi")

        out = {"articles": articles.join(stories(articles), "id").select(*ARTICLE_OUTPUT)}
        linked, corpus = corpus_actors(table("actors"), articles)
        linked = linked.persist(StorageLevel.MEMORY_AND_DISK)
        out["actors"] = linked.select(*ACTOR_COLUMNS)
        out["corpus_actors"] = corpus
        for name in RECORD_TABLES:
            out[name] = table(name).drop("_doc")
        errors = emitted.where("tag = 'error'").select("error.*")
        out["errors"] = (errors if clashes is None else errors.unionByName(clashes)).distinct()
        out["pending"] = emitted.where("tag = 'pending'").select("pending.*").distinct()
        # Tables are written by concurrent Spark jobs: small tables would otherwise wait on each
        # other's scheduling, and one table's shuffle overlaps another's scan.
        with ThreadPoolExecutor(max_workers=WRITERS) as pool:
            for future in [pool.submit(_write, frame, f"{output}/{name}") for name, frame in out.items()]:
                future.result()
        linked.unpersist()
        summary = JobSummary(copies=copies, partitions=partitions, tables=_row_counts(output, out))
        summary.articles = summary.tables.get("articles", 0)
        summary.errors = summary.tables.get("errors", 0)
        summary.pending = summary.tables.get("pending", 0)
        summary.workers = [w.asDict() for w in emitted.where("tag = 'worker'").select("worker.*").collect()]
    finally:
        _remove(spark, staging)
    summary.seconds = time.perf_counter() - started
    if "://" not in output:
        manifest = {"format": "dateline.parquet/1", "dateline": __version__, "inputs": len(inputs),
                    **{k: v for k, v in asdict(summary).items() if k != "workers"}}
        (Path(output) / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    """Entry point for ``spark-submit`` (and ``python -m dateline.spark``)."""
    parser = argparse.ArgumentParser(prog="dateline.spark.job", description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", help="files, directories, globs or URIs (WARC, JSONL, text, HTML, feeds)")
    parser.add_argument("--output", required=True, help="directory (or URI) of the Parquet datasets")
    parser.add_argument("--master", help="local[N], spark://host:port or yarn (default: spark-submit's)")
    parser.add_argument("--partitions", type=int, help="tasks (default: 8 per core)")
    parser.add_argument("--paths-from", action="append", default=[], help="a file listing inputs, one per line")
    parser.add_argument("--prefix", default="", help="put before relative paths of --paths-from (s3a://commoncrawl/)")
    parser.add_argument("--kb", action="append", help="knowledge-base YAML file(s)")
    args = parser.parse_args(argv)
    items = list(args.inputs)
    for listing in args.paths_from:
        items.extend(listed_paths(listing, args.prefix))
    if not items:
        parser.error("no input given")
    summary = run(items, args.output, master=args.master, partitions=args.partitions, kb=args.kb)
    print(json.dumps(asdict(summary), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
