"""What one Spark task does with its share of the input: read, analyse, flatten — in plain Python.

Nothing here imports pyspark: a partition is an iterator of input units in, tagged rows out,
so the same code is tested without a cluster. The analysis is the public one
(:func:`dateline.read`, :func:`dateline.analyze_many`), its pipeline loaded once per Python worker.
"""

from __future__ import annotations

import hashlib
import os
import resource
import tempfile
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from .. import __version__
from ..analysis.pipeline import AnalysisFailure
from ..corpus.dedup import NUM_PERM, THRESHOLD, StoryIndex
from ..corpus.kb import KnowledgeBase
from ..corpus.linking import link_keys
from ..corpus.names import keys
from ..ingest.sources import Document, Failure, Pending, iter_documents
from ..store.rows import COLUMNS, record_rows

UNDATED = "undated"  # partition of the articles without a publication date


@dataclass(frozen=True)
class Unit:
    """One input file: its locator (a path or a URI) and, for files Spark read from a remote file
    system, its bytes."""

    locator: str
    payload: bytes | None = None


def month_of(published: str | None) -> str:
    """The ``YYYY-MM`` partition of a publication date."""
    if published and len(published) >= 7 and published[:4].isdigit() and published[4] == "-" and published[5:7].isdigit():
        return published[:7]
    return UNDATED


def _order_key(published: str | None, locator: str) -> str:
    """What "earliest" means across the corpus: the publication date (undated last), then the
    locator; a tab joins them so that the key sorts as that pair does."""
    return f"{published or '9999'}\t{locator}"


@cache
def _bands() -> tuple[int, int]:
    """The (bands, rows) split the local story index uses for its threshold."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def band_keys(signature: np.ndarray) -> list[str]:
    """The LSH bucket of each band of a MinHash signature: two articles sharing one are candidates,
    exactly as in :class:`dateline.corpus.dedup.StoryIndex`."""
    bands, rows = _bands()
    return [f"{i}:{hashlib.sha1(signature[i * rows:(i + 1) * rows].tobytes()).hexdigest()[:16]}" for i in range(bands)]


def _documents(unit: Unit) -> Iterator[Document | Failure | Pending]:
    """The documents of one input file; a remote file's bytes go through a temporary file so that
    every reader (WARC, JSONL, feeds) sees what it would see locally."""
    if unit.payload is None:
        yield from iter_documents([unit.locator])
        return
    suffix = "".join(Path(unit.locator).suffixes[-2:])
    with tempfile.TemporaryDirectory(prefix="dateline-") as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(unit.payload)
        for item in iter_documents([str(path)]):
            yield _relocate(item, str(path), unit.locator)


def _relocate(item, local: str, locator: str):
    if isinstance(item, Document):
        item.locator = item.locator.replace(local, locator, 1)
        if item.article.source and item.article.source.startswith(local):
            item.article = item.article.model_copy(update={"source": item.article.source.replace(local, locator, 1)})
        return item
    if isinstance(item, Failure):
        return Failure(item.source.replace(local, locator, 1), item.reason)
    return Pending(item.locator.replace(local, locator, 1), item.url, item.title)


def read_units(units: Iterable[Unit]) -> Iterator[Document | Failure | Pending]:
    """The documents of some input files, in order; a file that breaks its reader is one failure."""
    for unit in units:
        try:
            yield from _documents(unit)
        except Exception as exc:  # a reader fault loses this file only, never the job
            yield Failure(unit.locator, f"cannot read: {type(exc).__name__}: {exc}")


class RowMaker:
    """Turns a document and its analysis into one row holding every table's rows."""

    def __init__(self, kb: KnowledgeBase | None = None):
        self.kb = kb or KnowledgeBase.load()
        # A person named by first and last name only meets the entry whose alias has them (as locally,
        # where the entry's keys are in the store).
        self.kb_first_last = {}
        for entry in self.kb.entries:
            for alias in [entry.name, *entry.aliases]:
                if entry.kind == "person" and (key := keys(alias, "person").get("first_last")):
                    self.kb_first_last.setdefault(key, entry)

    def document_row(self, document: Document, result) -> tuple:
        """One ``article`` row: the article's columns, then the rows of each record table."""
        art = result.article
        signature = StoryIndex.signature(art.text)
        article = (art.id, document.locator, document.kind, document.content_hash, __version__, art.title,
                   art.published, art.outlet, art.url, art.language, document.raw, result.to_json(), signature.tobytes(),
                   band_keys(signature), _order_key(art.published, document.locator), month_of(art.published))
        rows = record_rows(result)
        rows["actors"] = [(*row, *self.link_keys(actor)) for actor, row in zip(result.actors, rows["actors"], strict=True)]
        return row("article", article=article, **rows)

    def link_keys(self, actor) -> tuple[str | None, str | None, str, str | None, str | None]:
        """(kb id, kb name, full key, first-last key, surname key) — what corpus linking groups on."""
        found = link_keys(actor)
        entry = self.kb.lookup(actor.name, actor.kind)
        if entry is None and "first_last" in found:
            entry = self.kb_first_last.get(found["first_last"])
        return (entry.id if entry else None, entry.name if entry else None, found["full"], found.get("first_last"),
                found.get("last"))


def row(tag: str, *, article: tuple | None = None, error: tuple | None = None, pending: tuple | None = None,
        worker: tuple | None = None, **tables: list[tuple]) -> tuple:
    """One emitted row, in the layout of :data:`dateline.spark.tables.EMITTED`: a tag, then the
    article, its record tables, an error, a pending feed entry or a worker's figures."""
    return (tag, article, *(tables.get(t, []) for t in COLUMNS), error, pending, worker)


def analyse_items(items: Iterable[Document | Failure | Pending],
                  kb_paths: list[str] | None = None) -> Iterator[tuple]:
    """The rows of every document, then one ``worker`` row: this process's id, peak memory (KiB),
    documents and seconds. A document that cannot be read or analysed becomes an ``errors`` row.

    The documents go through one :func:`dateline.analyze_many` stream, as in the multiprocess path
    (its batches and memory zones span the partition, not a few documents)."""
    from .. import analyze_many

    started = time.perf_counter()
    maker = RowMaker(KnowledgeBase.load([Path(p) for p in kb_paths]) if kb_paths else None)
    items = iter(items)
    waiting: deque[Document] = deque()  # documents handed to the analysis, in order
    side: list[tuple] = []  # failures and pending entries read meanwhile

    def articles() -> Iterator:
        for item in items:
            if isinstance(item, Document):
                waiting.append(item)
                yield item.article
            elif isinstance(item, Failure):
                side.append(row("error", error=(item.source, item.reason)))
            else:
                side.append(row("pending", pending=(item.locator, item.url, item.title)))

    count = 0
    while True:
        try:
            for result in analyze_many(articles()):
                document = waiting.popleft()
                count += 1
                yield from side
                side.clear()
                yield _document_row(maker, document, result)
            break
        except Exception as exc:  # a fault outside the per-article guard: its documents fail, the rest go on
            side.extend(row("error", error=(d.locator, f"{type(exc).__name__}: {exc}")) for d in waiting)
            waiting.clear()
    yield from side
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    yield row("worker", worker=(os.getpid(), peak, count, time.perf_counter() - started))


def _document_row(maker: RowMaker, document: Document, result) -> tuple:
    if isinstance(result, AnalysisFailure):
        return row("error", error=(document.locator, result.reason))
    try:
        return maker.document_row(document, result)
    except Exception as exc:  # a record that cannot be flattened fails alone
        return row("error", error=(document.locator, f"cannot store: {type(exc).__name__}: {exc}"))
