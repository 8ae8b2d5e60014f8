"""Time expressions: find them and normalise them to TIMEX3 values.

Deictic expressions ("today", "on Monday") are anchored to the publication
date-time; anaphoric ones ("a day earlier", "the next day") to the last date in
focus, i.e. the most recent fully resolved date before them in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Span

from ..calendar import MONTHS, WEEKDAYS

NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
           "several": None, "few": None, "a few": None, "couple of": 2, "a couple of": 2}
UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE",
         "hour": "H", "minute": "M", "second": "S", "weekend": "WE", "quarter": "Q"}
TIME_UNITS = {"hour", "minute", "second"}
FUTURE_AUX = {"will", "shall", "'ll", "wo", "going"}

_NUM = r"(?P<num>\d+|a couple of|couple of|a few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)"
_UNIT = r"(?P<unit>day|week|month|year|decade|hour|minute)s?"
_WEEKDAY_RE = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))

# Expressions spaCy's small model tends to miss; added to its DATE/TIME entities.
EXTRA_PATTERNS = [
    re.compile(rf"\b(?:(?:last|next|this|on|early|late)\s+)?(?:{_WEEKDAY_RE})(?:\s+(?:morning|afternoon|evening|night))?\b", re.I),
    re.compile(r"\b(?:today|tonight|yesterday|tomorrow)\b", re.I),
    re.compile(r"\b(?:a|one|two|three|four|five|six|seven|\d+)\s+(?:day|week|month|year)s?\s+(?:earlier|later|before|after|ago)\b", re.I),
    re.compile(r"\bthe\s+(?:next|following|previous|same)\s+(?:day|week|month|year|morning|evening|night)\b", re.I),
    re.compile(r"\bthe\s+day\s+(?:before|after)\b", re.I),
]


@dataclass
class Timex:
    start: int  # character offsets into the Doc text
    end: int
    text: str
    type: str
    value: str | None
    anchor: str  # published | focus | none

    @property
    def day(self) -> date | None:
        """The calendar day this expression denotes, when it denotes exactly one."""
        if self.value and re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", self.value):
            return date.fromisoformat(self.value[:10])
        return None


def _tense(span: Span) -> str:
    """past | future | present for the clause governing ``span``."""
    head = span.root
    for _ in range(6):
        if head.pos_ in ("VERB", "AUX") or head.dep_ == "ROOT":
            break
        head = head.head
    aux = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    if aux & FUTURE_AUX or any(c.lower_ == "to" and c.dep_ == "aux" for c in head.children):
        return "future"
    if head.tag_ in ("VBD", "VBN") or aux & {"had", "did", "was", "were", "has", "have"}:
        return "past"
    return "present"


def _shift(anchor: date, unit: str, n: int) -> str:
    if unit == "day":
        return (anchor + timedelta(days=n)).isoformat()
    if unit == "week":
        year, week, _ = (anchor + timedelta(weeks=n)).isocalendar()
        return f"{year}-W{week:02d}"
    if unit == "month":
        month_index = anchor.year * 12 + anchor.month - 1 + n
        return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"
    if unit == "year":
        return f"{anchor.year + n:04d}"
    return anchor.isoformat()


def normalize(text: str, *, published: date | None, focus: date | None, tense: str = "past"):
    """Return (type, value, anchor) for one time expression."""
    t = " ".join(text.lower().replace("’", "'").split())
    t = re.sub(r"^(?:on|in|at|during|since|by|from|until|of)\s+", "", t)
    today = published

    if t in ("now", "currently", "nowadays", "at present", "present"):
        return "DATE", "PRESENT_REF", "none"
    if t in ("recently", "lately", "the past", "previously"):
        return "DATE", "PAST_REF", "none"
    if t in ("the future", "soon"):
        return "DATE", "FUTURE_REF", "none"
    if m := re.fullmatch(r"(today|tonight|this (morning|afternoon|evening))", t):
        if not today:
            return "DATE", None, "none"
        part = {"tonight": "TNI", "this morning": "TMO", "this afternoon": "TAF", "this evening": "TEV"}.get(t)
        return ("TIME", f"{today.isoformat()}T{part}", "published") if part else ("DATE", today.isoformat(), "published")
    if t in ("yesterday", "tomorrow"):
        if not today:
            return "DATE", None, "none"
        return "DATE", (today + timedelta(days=-1 if t == "yesterday" else 1)).isoformat(), "published"

    # Anaphoric: relative to the date in focus.
    if m := re.fullmatch(rf"{_NUM}\s+{_UNIT}\s+(?P<dir>earlier|later|before|after|ago)", t):
        n = NUMBERS.get(m["num"], None) if not m["num"].isdigit() else int(m["num"])
        base, anchor = (today, "published") if m["dir"] == "ago" else (focus or today, "focus" if focus else "published")
        if n is None or base is None or m["unit"] in TIME_UNITS:
            return "DATE", None, "none"
        sign = 1 if m["dir"] in ("later", "after") else -1
        return "DATE", _shift(base, m["unit"], sign * n), anchor
    if m := re.fullmatch(r"the (?:(?P<dir>next|following|previous|same) (?P<unit>day|week|month|year|morning|evening|night)|day (?P<dir2>before|after))", t):
        direction = m["dir"] or m["dir2"]
        unit = m["unit"] or "day"
        base = focus or today
        if base is None:
            return "DATE", None, "none"
        if unit in ("morning", "evening", "night"):
            unit = "day"
        step = {"next": 1, "following": 1, "after": 1, "previous": -1, "before": -1, "same": 0}[direction]
        return "DATE", _shift(base, unit, step), "focus" if focus else "published"
    if m := re.fullmatch(r"(?P<rel>last|next|this|past|coming) (?P<unit>week|month|year|weekend)", t):
        if not today:
            return "DATE", None, "none"
        step = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}[m["rel"]]
        if m["unit"] == "weekend":
            return "DATE", _shift(today, "week", step) + "-WE", "published"
        return "DATE", _shift(today, m["unit"], step), "published"

    # Weekday names, tense-aware: past → on or before publication, future → after.
    if m := re.fullmatch(rf"(?:(?P<rel>last|next|this|early|late)\s+)?(?P<wd>{_WEEKDAY_RE})\.?(?:\s+(?P<part>morning|afternoon|evening|night))?", t):
        if not today:
            return "DATE", f"XXXX-WXX-{WEEKDAYS[m['wd']] + 1}", "none"
        target = WEEKDAYS[m["wd"]]
        rel = m["rel"]
        forward = rel == "next" or (rel != "last" and tense == "future")
        if forward:
            delta = (target - today.weekday()) % 7 or 7
        else:
            delta = -((today.weekday() - target) % 7)
            if rel == "last" and delta == 0:
                delta = -7
        day = (today + timedelta(days=delta)).isoformat()
        part = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}.get(m["part"] or "")
        return ("TIME", f"{day}T{part}", "published") if part else ("DATE", day, "published")

    # Calendar dates.
    if m := re.fullmatch(rf"(?:(?:{_WEEKDAY_RE}),?\s+)?(?P<mon>{_MONTH_RE})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?", t) \
            or re.fullmatch(rf"(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_RE})\.?(?:,?\s+(?P<year>\d{{4}}))?", t):
        year = int(m["year"]) if m["year"] else (today.year if today else None)
        if year is None:
            return "DATE", f"XXXX-{MONTHS[m['mon']]:02d}-{int(m['day']):02d}", "none"
        try:
            return "DATE", date(year, MONTHS[m["mon"]], int(m["day"])).isoformat(), "published" if not m["year"] else "none"
        except ValueError:
            return "DATE", None, "none"
    if m := re.fullmatch(rf"(?:(?:early|mid|late)[- ])?(?P<mon>{_MONTH_RE})\.?(?:,?\s+(?P<year>\d{{4}}))?", t):
        year = int(m["year"]) if m["year"] else (today.year if today else None)
        value = f"{year:04d}-{MONTHS[m['mon']]:02d}" if year else f"XXXX-{MONTHS[m['mon']]:02d}"
        return "DATE", value, "none" if m["year"] or not today else "published"
    if m := re.fullmatch(r"(?:the\s+)?(?:year\s+)?(?P<year>1[6-9]\d\d|20\d\d)", t):
        return "DATE", m["year"], "none"
    if m := re.fullmatch(r"(?:the\s+)?(?P<dec>1[6-9]\d|20\d)0'?s", t):
        return "DATE", m["dec"], "none"
    if m := re.fullmatch(r"(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})", t):
        return "DATE", t, "none"

    # Durations and sets.
    if m := re.fullmatch(rf"(?:the\s+)?(?:(?:last|past|next|coming|first|over)\s+)*{_NUM}\s+{_UNIT}", t):
        n = NUMBERS.get(m["num"]) if not m["num"].isdigit() else int(m["num"])
        unit = UNITS[m["unit"]]
        prefix = "PT" if m["unit"] in TIME_UNITS else "P"
        return "DURATION", f"{prefix}{n if n is not None else 'X'}{unit}", "none"
    if m := re.fullmatch(r"(?:every|each)\s+(?P<unit>day|week|month|year)|(?P<adj>daily|weekly|monthly|annually|yearly)", t):
        unit = m["unit"] or {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year", "yearly": "year"}[m["adj"]]
        return "SET", f"P1{UNITS[unit]}", "none"
    if m := re.fullmatch(r"(?P<h>\d{1,2})(?::(?P<mi>\d{2}))?\s*(?P<ap>[ap]\.?m\.?)", t):
        hour = int(m["h"]) % 12 + (12 if m["ap"].startswith("p") else 0)
        clock = f"{hour:02d}:{int(m['mi'] or 0):02d}"
        return "TIME", f"{today.isoformat()}T{clock}" if today else f"XXXX-XX-XXT{clock}", "published" if today else "none"
    return ("TIME" if re.search(r"\d:\d\d|[ap]\.?m\b|morning|night|evening", t) else "DATE"), None, "none"


def _spans(doc: Doc) -> list[Span]:
    """Candidate time spans: spaCy's DATE/TIME entities plus the extra patterns."""
    spans = [ent for ent in doc.ents if ent.label_ in ("DATE", "TIME")]
    taken = {i for span in spans for i in range(span.start, span.end)}
    for pattern in EXTRA_PATTERNS:
        for m in pattern.finditer(doc.text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None and not taken & set(range(span.start, span.end)):
                spans.append(span)
                taken |= set(range(span.start, span.end))
    return sorted(spans, key=lambda s: s.start)


def find_times(doc: Doc, published: date | None) -> list[Timex]:
    """All time expressions in ``doc`` in text order, normalised."""
    found: list[Timex] = []
    focus: date | None = None
    for span in _spans(doc):
        text = span.text.strip()
        if span[0].lower_ in ("on", "in", "at") and len(span) > 1:
            span = span[1:]
            text = span.text
        kind, value, anchor = normalize(text, published=published, focus=focus, tense=_tense(span))
        timex = Timex(span.start_char, span.start_char + len(text), text, kind, value, anchor)
        found.append(timex)
        if timex.day is not None:
            focus = timex.day
    return found
