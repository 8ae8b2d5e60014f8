"""Ingesting inputs into the store: idempotent (content hashes), resumable (a transaction per batch)."""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from ..analysis.parallel import ParallelAnalyser
from ..analysis.pipeline import AnalysisFailure
from ..ingest.decode import DEFAULT_MAX_BYTES
from ..ingest.sources import Document, Failure, Pending, iter_documents
from .db import Store, StoreError

BATCH_SIZE = int(os.environ.get("DATELINE_BATCH_SIZE", "32"))  # documents per transaction


@dataclass
class IngestSummary:
    added: int = 0
    skipped: int = 0
    failed: int = 0
    pending: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)
    stopped: str | None = None  # why the run stopped before the end (the store could not be written)


@dataclass
class _Batch:
    """Documents whose analysis is under way, with the failures and pending entries read beside them."""

    documents: list[Document]
    failures: list[tuple[str, str]]
    pending: list[tuple[str, str | None, str | None]]
    results: Callable[[], list]


def ingest(paths: list[str], store: Store, *, published: datetime | date | None = None,
           max_bytes: int = DEFAULT_MAX_BYTES, batch_size: int = BATCH_SIZE,
           on_progress: Callable[[IngestSummary], None] | None = None,
           analyser: ParallelAnalyser | None = None) -> IngestSummary:
    """Read, analyse and store every document under ``paths``; what is stored already is skipped.

    ``analyser`` runs the analysis (default: in this process). With worker processes the
    next batch is analysed while this process stores the previous one.
    """
    summary = IngestSummary()
    started = time.perf_counter()
    analyser = analyser or ParallelAnalyser(1)
    documents: list[Document] = []
    failures: list[tuple[str, str]] = []
    pending: list[tuple[str, str | None, str | None]] = []
    in_flight: deque[_Batch] = deque()

    def submit() -> None:
        # Stored copies are found in the store, copies still being analysed among the batches in flight.
        known = store.known_hashes(d.content_hash for d in documents)
        known |= {d.content_hash for batch in in_flight for d in batch.documents}
        fresh: list[Document] = []
        for document in documents:
            if document.content_hash in known:
                summary.skipped += 1
                continue
            known.add(document.content_hash)
            fresh.append(document)
        in_flight.append(_Batch(fresh, failures.copy(), pending.copy(), analyser.submit([d.article for d in fresh])))
        documents.clear()
        failures.clear()
        pending.clear()

    def write(batch: _Batch) -> None:
        analysed = []
        for document, result in zip(batch.documents, batch.results(), strict=True):
            if isinstance(result, AnalysisFailure):
                batch.failures.append((document.locator, result.reason))
                summary.failed += 1
            else:
                analysed.append((document, result))
        before = len(batch.failures)
        added = store.write_batch(analysed, batch.failures, batch.pending)
        refused = len(batch.failures) - before  # documents refused while storing (an id clash)
        summary.added += added
        summary.failed += refused
        # what another writer stored meanwhile is stored already, not lost from the count
        summary.skipped += len(analysed) - added - refused
        summary.failures.extend(batch.failures)
        summary.seconds = time.perf_counter() - started
        if on_progress:
            on_progress(summary)

    def read_all() -> None:
        for item in iter_documents(paths, published=published, max_bytes=max_bytes):
            if isinstance(item, Document):
                documents.append(item)
            elif isinstance(item, Failure):
                failures.append((item.source, item.reason))
                summary.failed += 1
            elif isinstance(item, Pending):
                pending.append((item.locator, item.url, item.title))
                summary.pending += 1
            if len(documents) >= batch_size or len(failures) + len(pending) >= batch_size:
                submit()
                while len(in_flight) > 1:  # one batch stays in analysis while the older one is stored
                    write(in_flight.popleft())
        submit()
        while in_flight:
            write(in_flight.popleft())

    try:
        read_all()
    except StoreError as exc:
        # Every batch committed before stays; the rest is read again by the rerun.
        summary.stopped = str(exc)
        summary.seconds = time.perf_counter() - started
    return summary
