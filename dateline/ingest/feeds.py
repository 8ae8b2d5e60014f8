"""RSS and Atom feeds with feedparser. Nothing is fetched: entries that only link out are pending."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import feedparser

from ..calendar import parse_datetime
from ..errors import InputError

MIN_ENTRY_WORDS = 40  # shorter entries are teasers that link to the article


@dataclass
class FeedEntry:
    index: int
    title: str | None
    link: str | None
    published: str | None
    html: str | None  # the entry's full content, when the feed carries it
    authors: list[str]  # dc:creator, author


def read_feed(raw: bytes) -> Iterator[FeedEntry]:
    parsed = feedparser.parse(raw)
    if parsed.bozo and not parsed.entries:
        raise InputError(f"not a valid feed ({type(parsed.bozo_exception).__name__}: {parsed.bozo_exception})")
    if not parsed.entries and not parsed.feed:
        raise InputError("not a feed: no channel and no entries")
    for index, entry in enumerate(parsed.entries):
        content = entry.get("content")
        html = content[0].get("value") if content else entry.get("summary")
        words = len(_strip_tags(html or "").split())
        published = entry.get("published") or entry.get("updated")
        authors = [a.get("name") for a in entry.get("authors") or [] if a.get("name")] or (
            [entry["author"]] if entry.get("author") else [])
        yield FeedEntry(index, entry.get("title"), entry.get("link"), published,
                        html if words >= MIN_ENTRY_WORDS else None, authors)


def entry_date(entry: FeedEntry):
    if not entry.published:
        return None
    parsed = parse_datetime(entry.published)
    if parsed is None:
        from email.utils import parsedate_to_datetime
        try:
            parsed = parsedate_to_datetime(entry.published)
        except (TypeError, ValueError):
            parsed = None
    return parsed


def _strip_tags(html: str) -> str:
    import re

    return re.sub(r"<[^>]+>", " ", html)
