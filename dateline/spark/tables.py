"""The Spark schemas of the rows a task emits and of the Parquet datasets a job writes.

Column names and order come from :mod:`dateline.store.rows` (the SQLite store's flattening);
this module only adds their types and the columns the corpus-level steps need.
"""

from __future__ import annotations

from pyspark.sql.types import (ArrayType, BinaryType, DataType, DoubleType, LongType, StringType, StructField,
                               StructType)

from ..store.rows import COLUMNS

_INTEGER = {"start", "end", "geonames_id", "pid", "peak_kib", "documents", "background"}
_REAL = {"confidence", "lat", "lon", "seconds"}
_BINARY = {"raw", "minhash"}


def _type(column: str) -> DataType:
    if column in _INTEGER:
        return LongType()
    if column in _REAL:
        return DoubleType()
    if column in _BINARY:
        return BinaryType()
    if column == "bands":
        return ArrayType(StringType())
    return StringType()


def schema(columns: tuple[str, ...], required: set[str] = frozenset()) -> StructType:
    return StructType([StructField(c, _type(c), c not in required) for c in columns])


ARTICLE_COLUMNS = ("id", "locator", "kind", "content_hash", "extractor_version", "title", "published", "outlet", "url",
                   "language", "raw", "record", "minhash", "bands", "order_key", "month")
LINK_COLUMNS = ("kb_id", "kb_name", "key_full", "key_first_last", "key_last")
TABLE_COLUMNS = {**COLUMNS, "actors": COLUMNS["actors"] + LINK_COLUMNS}  # as a task emits them
ERROR_COLUMNS = ("locator", "reason")
PENDING_COLUMNS = ("locator", "url", "title")
WORKER_COLUMNS = ("pid", "peak_kib", "documents", "seconds")

# What a task emits (worker.row): one row per document, error, pending entry or worker.
EMITTED = StructType([
    StructField("tag", StringType(), False),
    StructField("article", schema(ARTICLE_COLUMNS)),
    *(StructField(table, ArrayType(schema(columns))) for table, columns in TABLE_COLUMNS.items()),
    StructField("error", schema(ERROR_COLUMNS)),
    StructField("pending", schema(PENDING_COLUMNS)),
    StructField("worker", schema(WORKER_COLUMNS)),
])

RECORD_TABLES = tuple(t for t in COLUMNS if t != "actors")  # written as emitted (actors get their corpus links)
