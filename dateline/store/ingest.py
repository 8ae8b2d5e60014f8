"""Ingesting inputs into the store: idempotent (content hashes), resumable (a transaction per batch)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from ..analyze.pipeline import AnalysisFailure, analyze_many
from ..ingest.decode import DEFAULT_MAX_BYTES
from ..ingest.sources import Document, Failure, Pending, iter_documents
from .db import Store

import os

BATCH_SIZE = int(os.environ.get("DATELINE_BATCH_SIZE", "32"))  # documents per transaction


@dataclass
class IngestSummary:
    added: int = 0
    skipped: int = 0
    failed: int = 0
    pending: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)


def ingest(paths: list[str], store: Store, *, published: datetime | date | None = None,
           max_bytes: int = DEFAULT_MAX_BYTES, batch_size: int = BATCH_SIZE, nlp=None,
           on_progress: Callable[[IngestSummary], None] | None = None, analyse=None) -> IngestSummary:
    """Read, analyse and store every document under ``paths``; what is stored already is skipped.

    ``analyse`` maps a list of Articles to their analyses (default: one process);
    the parallel runner passes its own.
    """
    summary = IngestSummary()
    started = time.perf_counter()
    documents: list[Document] = []
    failures: list[tuple[str, str]] = []
    pending: list[tuple[str, str | None, str | None]] = []
    analyse = analyse or (lambda articles: list(analyze_many(articles, nlp)))

    def flush() -> None:
        known = store.known_hashes(d.content_hash for d in documents)
        fresh: list[Document] = []
        seen: set[str] = set()
        for document in documents:
            if document.content_hash in known or document.content_hash in seen:
                summary.skipped += 1
                continue
            seen.add(document.content_hash)
            fresh.append(document)
        results = analyse([d.article for d in fresh])
        analysed = []
        for document, result in zip(fresh, results, strict=True):
            if isinstance(result, AnalysisFailure):
                failures.append((document.locator, result.reason))
                summary.failed += 1
            else:
                analysed.append((document, result))
        summary.added += store.write_batch(analysed, failures, pending)
        summary.failures.extend(failures)
        documents.clear()
        failures.clear()
        pending.clear()
        summary.seconds = time.perf_counter() - started
        if on_progress:
            on_progress(summary)

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
            flush()
    flush()
    return summary
