"""HTML pages: main text and metadata with trafilatura (title, date via htmldate, author, site, URL)."""

from __future__ import annotations

from datetime import date, datetime

import trafilatura

from ..calendar import parse_datetime
from ..errors import InputError
from ..model import Article
from .decode import require_prose
from .scraped import read_scraped_text


def read_html(raw: bytes, *, source: str | None = None, doc_id: str | None = None,
              published: datetime | date | None = None, url: str | None = None) -> Article:
    """Extract the article from an HTML page; the page's own metadata wins over ``published``."""
    try:
        found = trafilatura.bare_extraction(raw, url=url, with_metadata=True, include_comments=False,
                                            include_tables=False, favor_precision=True)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise InputError(f"malformed HTML ({type(exc).__name__})") from None
    meta = found.as_dict() if found is not None and hasattr(found, "as_dict") else (found or {})
    body = (meta.get("text") or "").strip()
    if not body:
        raise InputError("no article text found in HTML")
    title = (meta.get("title") or "").strip()
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    text = "\n\n".join(([title] if title else []) + paragraphs)
    page_date = parse_datetime(meta["date"]) if meta.get("date") else None
    article = read_scraped_text(text, source=source, doc_id=doc_id, published=page_date or published)
    require_prose(article.text)
    return article.model_copy(update={
        "title": title or article.title,
        "outlet": meta.get("sitename") or article.outlet,
        "byline": meta.get("author") or article.byline,
        "url": meta.get("url") or url,
    })
