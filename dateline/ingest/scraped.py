"""Plain text scraped from a news page: lift metadata, remove page artifacts.

The cleaned ``Article.text`` is the raw text with whole lines (and an outlet
prefix) cut out; ``Article.text_map`` maps every kept character back to the raw
input, and ``Article.removed`` lists every cut with its reason.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from .. import data
from ..calendar import iso, parse_datetime
from ..model import Article, Removal, Segment

TITLE_MAX_CHARS = 250  # longer first lines are body text, not a headline
TITLE_MAX_WORDS = 30


@dataclass(frozen=True)
class _Patterns:
    furniture: list[re.Pattern]
    boilerplate: list[re.Pattern]
    source_id: list[re.Pattern]
    byline: list[re.Pattern]
    date_prefix: re.Pattern
    prefixes: list[re.Pattern]
    not_outlets: frozenset[str]
    cited: list[re.Pattern]


@cache
def _patterns() -> _Patterns:
    raw = data.load("page_patterns")
    agencies = "|".join(re.escape(name) for name in sorted(raw["news_agencies"], key=len, reverse=True))
    cited = [re.compile(p) for p in raw["cited_source_patterns"]]
    cited.append(re.compile(rf"\b(?P<src>{agencies})\s+(?:news agency\s+)?(?:has\s+)?(?:reported|reports|quoted|said|cited)\b"))
    return _Patterns(
        furniture=[re.compile(p, re.I) for p in raw["furniture_lines"]],
        boilerplate=[re.compile(p, re.I) for p in raw["boilerplate_lines"]],
        source_id=[re.compile(p, re.I) for p in raw["source_id_lines"]],
        byline=[re.compile(p) for p in raw["byline_lines"]],
        date_prefix=re.compile(r"^(?:" + "|".join(raw["date_line_prefixes"]) + r")\s*:?\s*", re.I),
        prefixes=[re.compile(p) for p in raw["dateline_prefixes"]],
        not_outlets=frozenset(raw["not_outlets"]),
        cited=cited,
    )


@dataclass
class _Line:
    start: int  # raw offset of the first non-space character
    end: int  # raw offset after the last non-space character
    text: str

    @property
    def key(self) -> str:
        return " ".join(self.text.split()).casefold()


def _lines(raw: str) -> list[_Line]:
    return [_Line(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\n\r]*\S[^\n\r]*", raw)]


def _strip_line(line: _Line) -> _Line:
    lead = len(line.text) - len(line.text.lstrip())
    text = line.text.strip()
    return _Line(line.start + lead, line.start + lead + len(text), text)


def _published_in(line: str) -> datetime | date | None:
    return parse_datetime(_patterns().date_prefix.sub("", line))


def _first_match(patterns: list[re.Pattern], text: str) -> re.Match | None:
    return next((m for p in patterns if (m := p.search(text))), None)


def _dateline_prefix(paragraph: str) -> tuple[int, str | None, str | None] | None:
    """Length of an outlet/place prefix at the start of ``paragraph``, with outlet and place."""
    p = _patterns()
    for pattern in p.prefixes:
        match = pattern.match(paragraph)
        if not match:
            continue
        groups = match.groupdict()
        outlet, place = groups.get("outlet"), groups.get("place")
        if outlet and outlet.strip().casefold() in p.not_outlets:
            continue
        if place and not outlet and len(place.split()) > 4:
            continue
        place = place.strip().title() if place else None
        return match.end(), outlet.strip() if outlet else None, place
    return None


def cited_sources(text: str) -> list[str]:
    """Names of the outlets and agencies the text cites for its reporting."""
    found: list[str] = []
    for pattern in _patterns().cited:
        for match in pattern.finditer(text):
            # A name never spans a sentence or line break.
            name = re.split(r"(?<=[a-z])\.\s+|\n", match.group("src"))[-1]
            name = re.sub(r"^(?:the|The)\s+", "", " ".join(name.split()))
            if name.casefold() not in {f.casefold() for f in found}:
                found.append(name)
    return found


_SPEAKER_LINE = re.compile(r"^[\"“]?[A-Z][A-Z.'’ -]{1,30}:\s")


def _is_transcript(lines: list[_Line], first: int) -> bool:
    """More than one later paragraph opens with an upper-case speaker label."""
    return sum(1 for line in lines[first + 1:] if _SPEAKER_LINE.match(line.text)) >= 1


def _is_body(line: _Line) -> bool:
    return len(line.text.split()) > TITLE_MAX_WORDS or len(line.text) > TITLE_MAX_CHARS


def read_scraped_text(raw: str, *, source: str | None = None, doc_id: str | None = None,
                      published: datetime | date | None = None) -> Article:
    """Build an :class:`Article` from the plain text of a scraped news page.

    ``published`` is used only when the page itself gives no publication date.
    """
    p = _patterns()
    lines = [_strip_line(line) for line in _lines(raw)]
    cuts: list[tuple[int, int, str]] = []  # raw [start, end) and the reason
    meta: dict = {"title": None, "published": None, "source_id": None, "byline": None,
                  "outlet": None, "dateline_place": None}

    def cut(index: int, reason: str) -> None:
        cuts.append((lines[index].start, lines[index].end, reason))

    seen_paragraphs: set[str] = set()
    in_header = True
    first_body: int | None = None
    for i, line in enumerate(lines):
        text = line.text
        short = len(text.split()) <= 8
        if short and _first_match(p.furniture, text):
            cut(i, "page furniture (counter, share or navigation line)")
            continue
        if _first_match(p.boilerplate, text):
            cut(i, "boilerplate line (link to another story, call to share or subscribe)")
            continue
        if in_header:
            if meta["published"] is None and (when := _published_in(text)) is not None:
                meta["published"] = when
                cut(i, "publication date line")
                continue
            if meta["source_id"] is None and (m := _first_match(p.source_id, text)):
                meta["source_id"] = m.group("id")
                cut(i, "source id line")
                continue
            if meta["byline"] is None and (m := _first_match(p.byline, text)):
                meta["byline"] = m.group("byline")
                cut(i, "byline")
                continue
            if meta["title"] is None and not _is_body(line) and len(lines) > 1:
                meta["title"] = text
                seen_paragraphs.add(line.key)
                continue
        if meta["title"] and line.key == " ".join(meta["title"].split()).casefold():
            cut(i, "title repeated")
            continue
        if first_body is None:
            in_header = False
            first_body = i
            prefix = _dateline_prefix(text)
            if prefix and text[:prefix[0]].rstrip().endswith(":") and (
                    _is_transcript(lines, i) or meta["title"] and text[:prefix[0]].rstrip() in meta["title"]):
                # "WALLACE: …" opens a transcript, and "Star Wars Jedi: Fallen Order is …" under a title
                # that names the game starts with a name: neither names an outlet
                prefix = None
            if prefix:
                length, meta["outlet"], meta["dateline_place"] = prefix
                cuts.append((line.start, line.start + length, "outlet dateline prefix"))
                text = text[length:]
        elif i == first_body + 1 and meta["dateline_place"] is None and meta["outlet"] is None:
            # a standfirst may come before the dateline: "South Dakota says … \n\nSIOUX FALLS, S.D. – People …"
            prefix = _dateline_prefix(text)
            if prefix and prefix[2] is not None:
                length, meta["outlet"], meta["dateline_place"] = prefix
                cuts.append((line.start, line.start + length, "outlet dateline prefix"))
                text = text[length:]
        key = " ".join(text.split()).casefold()
        if key in seen_paragraphs and len(key.split()) > 3:
            cut(i, "paragraph repeated verbatim")
            continue
        seen_paragraphs.add(key)

    text, segments, removed = _apply_cuts(raw, lines, cuts)
    if meta["published"] is None and published is not None:
        meta["published"] = published
    return Article(
        id=doc_id or hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16],
        source=source,
        title=meta["title"],
        published=iso(meta["published"]) if meta["published"] is not None else None,
        outlet=meta["outlet"],
        source_id=meta["source_id"],
        byline=meta["byline"],
        cited_sources=cited_sources(text),
        dateline_place=meta["dateline_place"],
        text=text,
        removed=removed,
        text_map=segments,
    )


def _apply_cuts(raw: str, lines: list[_Line], cuts: list[tuple[int, int, str]]):
    """Remove ``cuts`` (and the blank space they leave) from ``raw``."""
    removed = [Removal(text=raw[s:e], reason=r, raw_start=s) for s, e, r in sorted(cuts)]
    # A cut line takes the line break after it with it; a cut prefix takes its spaces.
    line_starts = sorted(line.start for line in lines)
    whole_lines = {(line.start, line.end) for line in lines}
    spans = []
    for start, end, _ in sorted(cuts):
        at = bisect.bisect_left(line_starts, end)  # looked up: a text may have thousands of cuts
        following = line_starts[at] if at < len(line_starts) else len(raw)
        spans.append((start, following if (start, end) in whole_lines else end))
    kept: list[tuple[int, int]] = []
    pos = 0
    for start, end in spans:
        if start > pos:
            kept.append((pos, start))
        pos = max(pos, end)
    kept.append((pos, len(raw)))
    # Leading and trailing blank space is not part of the story.
    kept = [(s, e) for s, e in kept if e > s]
    if kept:
        s, e = kept[0]
        kept[0] = (s + len(raw[s:e]) - len(raw[s:e].lstrip()), e)
        s, e = kept[-1]
        kept[-1] = (s, s + len(raw[s:e].rstrip()))
    kept = [(s, e) for s, e in kept if e > s]
    segments, parts, offset = [], [], 0
    for s, e in kept:
        segments.append(Segment(start=offset, raw_start=s, length=e - s))
        parts.append(raw[s:e])
        offset += e - s
    return "".join(parts), segments, removed


def to_raw_offset(article: Article, offset: int) -> int:
    """Map an offset into ``article.text`` back to the raw input."""
    for segment in reversed(article.text_map):
        if offset >= segment.start:
            return segment.raw_start + (offset - segment.start)
    return offset
