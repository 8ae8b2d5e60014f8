"""Corpus-level steps as Spark DataFrame operations: near-duplicate stories and corpus actors.

Both follow the local store's rules (:mod:`dateline.corpus.dedup`, :mod:`dateline.corpus.linking`)
in a form that does not depend on the order documents arrive in:

- stories: articles sharing an LSH band bucket of their MinHash signatures are candidates (the
  same bands as the local index); each article takes the story of its earliest candidate's
  story, computed by propagation until nothing changes. Earliest = by publication date, then locator.
- corpus actors: a knowledge-base entry, else for people the first and last name, else the
  normalised full name; a surname alone joins the most-linked person of that surname.
"""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

MAX_ROUNDS = 50  # chains of near-duplicates longer than this are cut (never seen: a chain is a few copies)


def stories(articles: DataFrame) -> DataFrame:
    """``(id, story_id)`` for every article: the id of its story's first article."""
    bands = articles.select("id", "order_key", F.explode("bands").alias("band"))
    pairs = (bands.alias("x").join(bands.alias("y"), F.col("x.band") == F.col("y.band"))
             .where(F.col("x.order_key") < F.col("y.order_key"))
             .select(F.col("x.id").alias("earlier"), F.col("y.id").alias("later")).distinct()).localCheckpoint()
    labels = articles.select("id", F.struct("order_key", "id").alias("story")).localCheckpoint()
    for _ in range(MAX_ROUNDS):
        proposed = (pairs.join(labels.withColumnRenamed("id", "earlier"), "earlier")
                    .groupBy("later").agg(F.min("story").alias("proposed")).withColumnRenamed("later", "id"))
        updated = (labels.join(proposed, "id", "left")
                   .select("id", F.least("story", F.coalesce("proposed", "story")).alias("story"),
                           (F.col("proposed") < F.col("story")).alias("changed"))).localCheckpoint()
        changed = updated.where("changed").limit(1).count()
        labels = updated.drop("changed")
        if not changed:
            break
    return labels.select("id", F.col("story.id").alias("story_id"))


_SAME_NAME = " after normalising case, accents, titles and spelling"


def corpus_actors(actors: DataFrame, articles: DataFrame) -> tuple[DataFrame, DataFrame]:
    """Link every article actor to a corpus actor.

    ``actors`` carries the link keys a task computed (``kb_id``, ``kb_name``, ``key_full``,
    ``key_first_last``, ``key_last``). Returns the actors with ``corpus_actor_id`` and
    ``link_reason``, and the corpus actors (id, name, kind, country, kb_id, group key, keys, actors).
    """
    person = F.col("kind") == "person"
    surname_only = person & F.col("key_first_last").isNull() & F.col("key_last").isNotNull() & F.col("kb_id").isNull()
    rows = actors.join(articles.select(F.col("id").alias("article_id"), "order_key"), "article_id").withColumn(
        "group", F.when(F.col("kb_id").isNotNull(), F.concat(F.lit("kb:"), "kb_id"))
        .when(person & F.col("key_first_last").isNotNull(), F.col("key_first_last"))
        .when(surname_only, F.lit(None)).otherwise(F.col("key_full")))
    # A surname alone goes to the most-linked full-name person of that surname, if there is one.
    best = rows.where(F.col("group").isNotNull() & person & F.col("key_last").isNotNull()) \
        .groupBy("key_last", "group").count() \
        .groupBy("key_last").agg(F.min(F.struct(-F.col("count"), F.col("group"))).alias("best")) \
        .select("key_last", F.col("best.group").alias("surname_group"))
    rows = rows.join(best, "key_last", "left").withColumn(
        "joined_surname", F.col("group").isNull() & F.col("surname_group").isNotNull()).withColumn(
        "group", F.coalesce("group", "surname_group", "key_full"))

    # Everything a corpus actor needs from its members, in one aggregation.
    keys = F.array_compact(F.array("key_full", "key_first_last", F.when(person, F.col("key_last"))))
    groups = rows.groupBy("group").agg(
        F.coalesce(F.max("kb_name"), F.mode("name", True)).alias("group_name"), F.min("kind").alias("kind"),
        F.mode("country", True).alias("country"), F.max("kb_id").alias("kb_id"),
        F.min(F.struct("order_key", "article_id", "local_id", "key_full")).alias("first"),
        F.array_sort(F.array_distinct(F.flatten(F.collect_list(keys)))).alias("keys"),
        F.count("*").alias("actors")).withColumn("id", F.substring(F.sha1("group"), 1, 16))
    rows = rows.join(groups.select("group", "id", "group_name", "first"), "group") \
        .withColumnRenamed("id", "corpus_actor_id")
    quoted = F.concat(F.lit("'"), F.col("group_name"), F.lit("'"))
    reason = (F.when(F.col("kb_id").isNotNull(), F.concat(F.lit("knowledge base entry "), quoted))
              .when((F.col("article_id") == F.col("first.article_id")) & (F.col("local_id") == F.col("first.local_id")),
                    F.lit("first seen here"))
              .when(F.col("joined_surname"), F.concat(F.lit("surname of "), quoted,
                                                      F.lit(", the most-mentioned person of that name")))
              .when(F.col("key_full") == F.col("first.key_full"),
                    F.concat(F.lit("same name as "), quoted, F.lit(_SAME_NAME)))
              .otherwise(F.concat(F.lit("same first and last name as "), quoted)))
    table = groups.select("id", F.col("group_name").alias("name"), "kind", "country", "kb_id",
                          F.col("group").alias("group_key"), "keys", "actors")
    return rows.withColumn("link_reason", reason), table
