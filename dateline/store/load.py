"""``dateline load``: the Parquet datasets of a Spark job into the SQLite store.

Articles go through the store's own writing path (one transaction per batch, content hashes,
id clashes refused), with the corpus-level results the job computed: each actor keeps its
corpus actor and link reason, each article its story. A corpus actor of the job that the store
knows already, by knowledge-base id or by name key, is that actor. Loading twice adds nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from ..errors import InputError
from ..ingest.sources import Document
from ..model import AnalyzedArticle
from .db import Store
from .ingest import IngestSummary

BATCH = 64  # articles per transaction
_NEEDED = ("articles", "actors", "corpus_actors", "errors", "pending")


def _dataset(directory: Path, name: str):
    import pyarrow.dataset as ds

    return ds.dataset(directory / name, format="parquet", partitioning="hive")


def _check(directory: Path) -> None:
    missing = [name for name in _NEEDED if not (directory / name).is_dir()]
    if missing:
        raise InputError(f"{directory} is not the output of `dateline spark` (no {', '.join(missing)} dataset)")


class _GivenLinks:
    """The linker of a load: every actor's corpus actor comes from the job (a ``corpus_actors`` id
    becomes a store id once, found among the store's actors by knowledge-base id or name key)."""

    def __init__(self, store: Store, links: dict[tuple[str, str], tuple[str, str]], corpus: dict[str, dict]):
        self.db = store.db
        self.links = links
        self.corpus = corpus
        self.ids: dict[str, int] = {}

    def forget(self) -> None:
        self.ids.clear()  # ids made inside a rolled-back transaction are gone

    def link(self, actor, published: str | None = None, article_id: str | None = None) -> tuple[int, str]:
        job_id, reason = self.links[(article_id, actor.id)]
        if job_id not in self.ids:
            self.ids[job_id] = self._store_id(self.corpus[job_id])
        return self.ids[job_id], reason

    def _store_id(self, entry: dict) -> int:
        found = None
        if entry["kb_id"]:
            found = self.db.execute("SELECT id FROM corpus_actors WHERE kb_id = ?", (entry["kb_id"],)).fetchone()
        if found is None and not entry["kb_id"]:
            found = self.db.execute("SELECT corpus_actor_id FROM actor_keys WHERE key = ? ORDER BY corpus_actor_id",
                                    (entry["group_key"],)).fetchone()
        corpus_id = found[0] if found else self.db.execute(
            "INSERT INTO corpus_actors (name, kind, country, kb_id) VALUES (?,?,?,?)",
            (entry["name"], entry["kind"], entry["country"], entry["kb_id"])).lastrowid
        self.db.executemany("INSERT OR IGNORE INTO actor_keys (key, corpus_actor_id) VALUES (?, ?)",
                            [(key, corpus_id) for key in entry["keys"] or []])
        return corpus_id


class _GivenStories:
    """The story index of a load: each article's story is the job's (its first article's row)."""

    def __init__(self, store: Store, story_of: dict[str, str]):
        self.db = store.db
        self.story_of = story_of

    @staticmethod
    def signature(text: str) -> np.ndarray:
        from ..corpus.dedup import StoryIndex

        return StoryIndex.signature(text)

    def add(self, rowid: int, signature: np.ndarray) -> int:
        article_id = self.db.execute("SELECT id FROM articles WHERE rowid = ?", (rowid,)).fetchone()[0]
        head = self.story_of.get(article_id, article_id)
        if head == article_id:
            return rowid
        found = self.db.execute("SELECT story_id FROM articles WHERE id = ?", (head,)).fetchone()
        return found[0] if found and found[0] is not None else rowid  # a head the store refused: its own story


def _articles(directory: Path) -> Iterator[dict]:
    """Article rows month by month, each month in the job's order (publication date, then locator),
    so a story's first article is stored before the others."""
    dataset = _dataset(directory, "articles")
    months = sorted({f.split("month=", 1)[1].split("/", 1)[0] for f in dataset.files if "month=" in f})
    import pyarrow.dataset as ds

    for month in months:
        rows = dataset.to_table(filter=ds.field("month") == month).to_pylist()
        rows.sort(key=lambda r: (r["published"] or "9999", r["locator"]))
        yield from rows


def load(directory: Path | str, store: Store) -> IngestSummary:
    """Import the datasets under ``directory`` into ``store``."""
    directory = Path(directory)
    _check(directory)
    links = {(r["article_id"], r["local_id"]): (r["corpus_actor_id"], r["link_reason"])
             for r in _dataset(directory, "actors").to_table(
                 columns=["article_id", "local_id", "corpus_actor_id", "link_reason"]).to_pylist()}
    corpus = {r["id"]: r for r in _dataset(directory, "corpus_actors").to_table().to_pylist()}
    heads = _dataset(directory, "articles").to_table(columns=["id", "story_id"]).to_pydict()
    story_of = dict(zip(heads["id"], heads["story_id"], strict=True))
    summary = IngestSummary()
    linker = store.linker
    store.linker, store._stories = _GivenLinks(store, links, corpus), _GivenStories(store, story_of)
    try:
        batch: list[tuple[Document, AnalyzedArticle]] = []
        for row in _articles(directory):
            result = AnalyzedArticle.model_validate(json.loads(row["record"]))
            batch.append((Document(row["locator"], row["kind"], row["raw"], result.article), result))
            if len(batch) >= BATCH:
                _write(store, batch, summary)
                batch = []
        _write(store, batch, summary)
        errors = [(r["locator"], r["reason"]) for r in _dataset(directory, "errors").to_table().to_pylist()]
        pending = [(r["locator"], r["url"], r["title"]) for r in _dataset(directory, "pending").to_table().to_pylist()]
        store.write_batch([], errors, pending)
        summary.failed += len(errors)
        summary.pending = len(pending)
        summary.failures.extend(errors)
    finally:
        store.linker, store._stories = linker, None  # the next ingest rebuilds the index from the store
    return summary


def _write(store: Store, batch: list[tuple[Document, AnalyzedArticle]], summary: IngestSummary) -> None:
    if not batch:
        return
    known = store.known_hashes(d.content_hash for d, _ in batch)
    fresh = [(d, r) for d, r in batch if d.content_hash not in known]
    summary.skipped += len(batch) - len(fresh)
    refused: list[tuple[str, str]] = []
    summary.added += store.write_batch(fresh, refused)
    summary.failed += len(refused)
    summary.failures.extend(refused)
