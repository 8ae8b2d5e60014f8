"""dateline on Apache Spark: the same analysis over corpora beyond one machine (``pip install dateline[spark]``).

:func:`dateline.spark.job.run` reads WARC, JSONL, text, HTML and feeds, analyses each document
with the public API in ``mapPartitions`` and writes the store's tables as Parquet, partitioned
by publication month; ``dateline load`` brings them into an SQLite store.
"""
