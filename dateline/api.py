"""The public Python API: what the CLI, the tests and any program call.

    import dateline
    result = dateline.analyze("Ports Deal Within Reach\n\nKenya's foreign minister said …")
    for statement in result.statements: ...
    for item in dateline.read("news/"): ...              # Article, Failure or Pending, any input kind
    with dateline.Store("corpus.db") as store: store.statements(speaker="Odhiambo")
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from .calendar import parse_datetime
from .errors import InputError
from .ingest.decode import DEFAULT_MAX_BYTES
from .ingest.detect import sniff
from .model import AnalyzedArticle, Article

Kind = Literal["text", "html", "jsonl"]
When = datetime | date | str | None


def _when(published: When) -> datetime | date | None:
    if published is None or isinstance(published, datetime | date):
        return published
    parsed = parse_datetime(published)
    if parsed is None:
        raise ValueError(f"not a date or date-time: {published!r}")
    return parsed


def read_article(source: str | bytes, *, kind: Kind | None = None, published: When = None, url: str | None = None,
                 doc_id: str | None = None) -> Article:
    """One document (scraped text, an HTML page or one JSON record) as a cleaned :class:`Article`.

    ``kind`` is judged from the content when not given; ``published`` is used only when the document
    gives no date of its own. Raises :class:`dateline.errors.InputError` for what cannot be read.
    """
    from .ingest.sources import _finish, _html_document, _jsonl_items, _text_document, Failure

    raw = source.encode("utf-8") if isinstance(source, str) else source
    kind = kind or sniff(raw[:65536])
    when = _when(published)
    locator = url or "<input>"
    if kind == "html":
        article = _html_document(locator, raw, when, url=url).article
    elif kind == "jsonl":
        item = next(iter(_jsonl_items(locator, raw.splitlines(keepends=True), when, DEFAULT_MAX_BYTES)), None)
        if item is None or isinstance(item, Failure):
            raise InputError(item.reason if item is not None else "no JSON record")
        article = item.article
    elif kind == "text":
        article = _text_document(locator, raw, when, DEFAULT_MAX_BYTES).article
    else:
        raise InputError(f"{kind} input holds several documents: use dateline.read() on its file")
    update = {"id": doc_id} if doc_id else {}
    if url and not article.url:
        update["url"] = url
    return _finish(article.model_copy(update=update)) if update else article


def analyze(source: str | bytes | Article, *, kind: Kind | None = None, published: When = None,
            url: str | None = None, doc_id: str | None = None) -> AnalyzedArticle:
    """Analyse one article: its actors, statements, events, places and times (``dateline.article/1``);
    InputError when it is past a per-document limit (size, line length, lines, time)."""
    from .analysis.pipeline import analyze as analyze_article

    article = source if isinstance(source, Article) else read_article(
        source, kind=kind, published=published, url=url, doc_id=doc_id)
    return analyze_article(article)


def read(paths: str | Path | Iterable[str | Path], *, published: When = None,
         max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator:
    """Every document under ``paths`` (files, directories, ``-`` for stdin; text, HTML, feeds, WARC,
    JSONL): an :class:`Article`, a ``Failure`` (what could not be read, and why) or a ``Pending``
    feed entry that only links out."""
    from .ingest.sources import load_articles

    items = [paths] if isinstance(paths, str | Path) else list(paths)
    return load_articles([str(p) for p in items], published=_when(published), max_bytes=max_bytes)


def analyze_many(articles: Iterable[Article], *, workers: int = 1) -> Iterator:
    """Analyse a stream of articles, in ``workers`` processes; yields an :class:`AnalyzedArticle` or an
    ``AnalysisFailure`` per article, in order."""
    if workers > 1:
        from .analysis.parallel import analyze_parallel

        return analyze_parallel(iter(articles), workers)
    from .analysis.pipeline import analyze_many as analyze_stream

    return analyze_stream(articles)


def open_store(path: str | Path, *, kb: Iterable[str | Path] | None = None, create: bool = True):
    """The SQLite corpus store at ``path`` (see :class:`dateline.store.db.Store`)."""
    from .corpus.kb import KnowledgeBase
    from .store.db import Store

    return Store(Path(path), kb=KnowledgeBase.load([Path(p) for p in kb]) if kb else None, create=create)
