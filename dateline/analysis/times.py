"""Time expressions: find them and normalise them to TIMEX3 values.

Deictic expressions ("today", "on Monday", "last fall") are anchored to the
publication date-time; anaphoric ones ("a day earlier", "the next day", "that
day") to the last date in focus, i.e. the most recent fully resolved date
before them in the text. Candidates are spaCy's DATE/TIME entities, cleaned of
ages and bare numbers, plus patterns the small model misses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from spacy.tokens import Doc, Span

from ..calendar import MONTHS, WEEKDAYS
from .actors import ents_of, text_of
from .holidays import holiday_in, holiday_names, is_holiday

NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
           "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
           "ninety": 90, "hundred": 100,
           "several": None, "few": None, "a few": None, "some": None, "many": None,
           "couple of": 2, "a couple of": 2, "half a": None}
UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE",
         "hour": "H", "minute": "M", "second": "S", "weekend": "WE", "quarter": "Q"}
TIME_UNITS = {"hour", "minute", "second"}
FUTURE_AUX = {"will", "shall", "'ll", "wo", "going"}
MODALS = {"might", "may", "could", "should", "must", "would"}
PRESENT_AUX = {"is", "are", "am", "'s", "'re", "be", "being"}
UNTIMED_ADJECTIVES = {"effective"}
# Verbs whose present tells of now, not of a plan: "says Monday", "remains closed until".
STATE_OR_REPORT = {"be", "have", "say", "tell", "report", "claim", "remain", "continue", "know", "believe",
                   "think", "see", "mean", "show", "seem", "appear", "need", "want", "like", "include", "stand",
                   "hold", "keep", "face", "cost", "own", "live", "work"}
PLANNING = {"plan", "schedule", "expect", "intend", "prepare", "aim", "hope", "promise", "set", "due"}
INTENDING = PLANNING | {"agree", "decide", "vow", "pledge", "threaten", "want", "seek", "offer", "propose"}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
AND_A_HALF = {"year": "P{}Y6M", "month": "P{}M15D", "day": "P{}DT12H", "hour": "PT{}H30M", "minute": "PT{}M30S"}
CENTURY_ORDINALS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth twenty-first".split(), start=1)}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
PRESENT = {"now", "currently", "current", "nowadays", "at present", "present", "the present", "right now",
           "at the moment", "these days", "this time", "today's"}
PAST = {"recently", "recent", "lately", "the past", "previously", "past", "earlier", "formerly", "once",
        "in the past", "years ago", "several years ago", "some time ago",
        "a while ago", "the old days"}
FUTURE = {"the future", "future", "near future", "near term", "short term", "long term", "coming years", "soon", "the near future", "the near term", "the short term", "the long term",
          "the coming years", "the years ahead", "the coming months", "shortly", "eventually"}
SETS = {"daily": "P1D", "every day": "P1D", "each day": "P1D", "weekly": "P1W", "every week": "P1W",
        "each week": "P1W", "monthly": "P1M", "every month": "P1M", "each month": "P1M",
        "annually": "P1Y", "yearly": "P1Y", "every year": "P1Y", "each year": "P1Y", "nightly": "TNI",
        "hourly": "PT1H", "every hour": "PT1H", "every quarter": "P1Q", "each quarter": "P1Q"}
MODIFIERS = re.compile(
    r"^(?:(?:early|late|mid|the (?:end|beginning|start|middle|rest|remainder) of|end of|beginning of|the|"
    r"earlier|later|"
    r"about|around|approximately|nearly|almost|more than|less than|fewer than|up to|over|at least|"
    r"at most|just|only|some|roughly|within|another|no more than|as (?:early|late) as|by|since|until|"
    r"through|throughout|during|from|in|on|at|for|of|before|after)[- ]+)+")

_NUM = r"(?P<num>\d+|a couple of|couple of|a few|few|several|some|many|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)"
_UNIT = r"(?P<unit>day|week|month|year|decade|century|hour|minute|quarter)s?"
_WEEKDAY_RE = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_FULL_WEEKDAY = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_SEASON_RE = "spring|summer|fall|autumn|winter"
_HOLIDAY_RE = "|".join(re.escape(name) for name in holiday_names())

# Expressions spaCy's small model tends to miss or to cut short.
EXTRA_PATTERNS = [
    re.compile(rf"\b(?:(?:last|next|this|early|late|the previous|the following)\s+)?(?:{_FULL_WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?\b", re.I),
    re.compile(r"\b(?:today|tonight|yesterday|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?\b", re.I),
    re.compile(r"\b(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|\d+)\s+(?:day|week|month|year)s?|years|months|weeks|days)\s+(?:earlier|later|before|after|ago)\b", re.I),
    re.compile(r"\bthe\s+(?:next|following|previous|same|prior)\s+(?:day|week|month|year|morning|evening|night)\b", re.I),
    re.compile(r"\b(?:the\s+day\s+(?:before|after)|that\s+(?:same\s+)?day|the\s+same\s+day)\b", re.I),
    re.compile(rf"\b(?:{_MONTH_RE})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b(?!:)", re.I),
    # "26 January 2022", "3rd of March": the day first, as most of the world writes it ("2 may" is no date)
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:(?!may\b)(?:{_MONTH_RE})\.?|may(?=,?\s+\d{{4}}))(?:,?\s+\d{{4}})?\b(?!:)", re.I),
    re.compile(rf"\b(?:(?:last|next|this|early|late)\s+)?(?:{_SEASON_RE})(?:\s+of\s+\d{{4}})?\b", re.I),
    re.compile(rf"\b(?:(?:last|next|this)\s+)?(?:{_HOLIDAY_RE})(?:,?\s+\d{{4}})?\b", re.I),
    re.compile(r"\b(?:the\s+)?(?:(?:\d{4}|latest|previous|current|last|first|second|third|fourth)\s+)?(?:first|second|third|fourth|latest|current|previous|fiscal)[- ]quarter\b", re.I),
    re.compile(r"\b(?:this|last|next) year's\s+(?:(?:first|second|third|fourth|fiscal)[- ])?(?:quarter|period)\b", re.I),
    # "previously" and "soon" are left out: TimeBank annotators marked them in under one case in five. "current"
    # is in, as TimeML asks; "recent" only with its unit ("recent years"): alone it marked a time in 6 of 15 cases.
    re.compile(r"\b(?:right\s+now|now|currently|current|nowadays|at\s+present|recently|lately|the\s+(?:near\s+)?future|the\s+(?:near|short|long)\s+term|the\s+past)\b", re.I),
    re.compile(r"\b(?:daily|weekly|nightly|hourly|every\s+(?:day|week|month|year|quarter|hour)|each\s+(?:day|week|month|year|quarter))\b", re.I),
    re.compile(rf"\b(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)|{'|'.join(CENTURY_ORDINALS)})\s+century\b", re.I),
]
_LOWER_PATTERNS = [re.compile(p.pattern) for p in EXTRA_PATTERNS]
# Words one of which every match of the pattern at that place holds: a pattern whose words the
# text lacks is not run (a scan in C per word is cheaper than one regex pass). None: always run.
_PATTERN_WORDS: list[tuple[str, ...] | None] = [
    tuple(_FULL_WEEKDAY.split("|")), ("today", "tonight", "yesterday", "tomorrow"),
    ("earlier", "later", "before", "after", "ago"), ("next", "following", "previous", "same", "prior"), ("day",),
    None, None, tuple(_SEASON_RE.split("|")), None, ("quarter",), ("year's",),
    ("now", "current", "present", "recent", "lately", "future", "term", "past"),
    ("daily", "weekly", "nightly", "hourly", "every", "each"), ("century",),
]
assert len(_PATTERN_WORDS) == len(EXTRA_PATTERNS)
_AGE = re.compile(r"\w+[- ](?:year|month|week|day)s?[- ]old|^\d+$", re.I)
_SHORT_WEEKDAY = re.compile(r"^(?:sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)$", re.I)
_NOISE_WORDS = {"annual", "quarterly", "sat", "sun"}


_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}(T.*)?")


@dataclass
class Timex:
    start: int  # character offsets into the Doc text
    end: int
    text: str
    type: str
    value: str | None
    anchor: str  # published | focus | none

    @cached_property
    def day(self) -> date | None:
        """The calendar day this expression denotes, when it denotes exactly one."""
        if self.value and _DAY_VALUE.fullmatch(self.value):
            return date.fromisoformat(self.value[:10])
        return None


def clause_tense(span: Span) -> str:
    """past | future | present for the clause governing ``span``.

    Infinitives and participles take the tense of the verb they depend on; modals,
    "will" and verbs of planning ("planned a rally on Saturday") point forward, and so
    does an infinitive under a noun or a verb of intending ("an agreement to buy it in
    January", "agreed to sell it in February"). A modal perfect ("may have been") and
    "could not" look back. A day that names a thing ("Wednesday's ruling") is read on
    its own, as present.
    """
    head = span.root
    if head.dep_ in ("poss", "compound") and head.head.pos_ in ("NOUN", "PROPN"):
        return "present"
    from_infinitive = False
    for _ in range(10):
        if head.lower_ in UNTIMED_ADJECTIVES and head.pos_ == "ADJ":
            return "present"  # "effective Feb. 1": the nearest such day, whatever tense tells of it
        if head.pos_ in ("VERB", "AUX") and head.dep_ != "aux":
            aux = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
            if aux & MODALS and aux & {"have", "'ve"}:
                return "past"
            if "could" in aux and any(c.dep_ == "neg" for c in head.children):
                return "past"
            if head.lemma_ in PLANNING and not aux & (FUTURE_AUX | MODALS):
                if aux & {"was", "were", "had"}:
                    return "present"  # "was planned for Oct. 15": a plan of the past, for the nearest such date
                if head.tag_ == "VBN" and not aux and head.dep_ in ("acl", "amod", "relcl") and head.head.i != head.i:
                    head = head.head  # "the vote, planned for Oct. 15, was delayed": the clause it describes
                    continue
            if aux & (FUTURE_AUX | MODALS) or head.lemma_ in PLANNING or from_infinitive and head.lemma_ in INTENDING:
                return "future"
            if head.tag_ == "VBN" and aux & PRESENT_AUX and not aux & {"has", "have", "had"}:
                return "present"  # "when the case is heard in May": a present passive, not a past
            if head.tag_ in ("VBD", "VBN") and not aux & {"to"} or aux & {"had", "did", "was", "were", "has", "have"}:
                return "past"
            if "to" in aux and head.tag_ == "VB" and head.head.pos_ == "NOUN" and head.dep_ == "acl":
                return "future"
            if "to" in aux and head.tag_ == "VB" and head.head.lemma_ == "be" and head.dep_ == "xcomp":
                return "future"  # "is to resume trading Tuesday"
            if head.tag_ in ("VBP", "VBZ") and not aux and head.lemma_ not in STATE_OR_REPORT \
                    and not any(t.tag_ == "VBD" and t.lemma_ not in STATE_OR_REPORT for t in head.sent):
                # news writes the scheduled in the present: "meet separately Monday", "resume Monday,
                # officials said" (in a sentence told in the past, a present form is more likely a past
                # misread: "Weakness hurt the index, which fell Friday")
                return "future"
            untensed = head.tag_ in ("VB", "VBG") or "to" in aux
            if not untensed or head.head.i == head.i:
                return "present"
            from_infinitive = "to" in aux
        if head.head.i == head.i:
            return "present"
        head = head.head
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
    if unit == "quarter":
        quarter_index = anchor.year * 4 + (anchor.month - 1) // 3 + n
        return f"{quarter_index // 4:04d}-Q{quarter_index % 4 + 1}"
    if unit == "year":
        return f"{anchor.year + n:04d}"
    if unit == "decade":
        return f"{(anchor.year + 10 * n) // 10:03d}"
    return anchor.isoformat()


def _year_for_day(day: date, today: date, tense: str) -> date:
    """The year of a month and day written without one: ahead for the future, behind for the
    past (each with some grace: reports run late and plans slip), else the nearest."""
    def in_year(year: int) -> date:
        return day.replace(year=year) if not (day.month == 2 and day.day == 29) else day
    if tense == "future":
        return in_year(day.year + 1) if day < today - timedelta(days=30) else day
    if day > today + timedelta(days=60 if tense == "past" else 183):
        return in_year(day.year - 1)
    if tense == "present" and day < today - timedelta(days=183):
        return in_year(day.year + 1)
    return day


def _duration(n: int | None, unit: str) -> str:
    """A TIMEX3 duration; decades are written in years, as ISO 8601 has no decade unit."""
    if unit == "decade":
        n, unit = (10 * n if n is not None else None), "year"
    return f"{'PT' if unit in TIME_UNITS else 'P'}{n if n is not None else 'X'}{UNITS[unit]}"


def _number(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBERS.get(word)


def _clean(text: str) -> str:
    t = " ".join(text.lower().replace("’", "'").replace("‘", "'").split())
    t = re.sub(r"'s$|s'$", "", t)
    t = re.sub(r" or so$| or more$| or less$", "", t)
    t = re.sub(r"^this past ", "last ", t)
    t = re.sub(r"^this coming ", "next ", t)
    t = re.sub(r"(?<=\d),(?=\d{3}\b)", "", t)  # "2,275 hours" is a count of hours
    t = _spelled_years(t)
    t = t.strip(" .,;:")
    previous = None
    while previous != t:
        previous = t
        t = MODIFIERS.sub("", t).strip()
    return t


def _granular_shift(value: str, years: int) -> str | None:
    """Shift an absolute TIMEX3 value by whole years, keeping its granularity (day, month, quarter, year)."""
    if m := re.fullmatch(r"(\d{4})(-.*)?", value):
        return f"{int(m[1]) + years:04d}{m[2] or ''}" if not (m[2] or "").startswith("-02-29") else None
    return None


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19}


def _spelled_years(t: str) -> str:
    """Broadcast transcripts spell years out: "nineteen ninety-six" → "1996", "two thousand" → "2000"."""
    def two_digits(words: str) -> int | None:
        if words in _TEENS:
            return _TEENS[words]
        if m := re.fullmatch(r"(?P<tens>\w+)(?:[- ](?P<ones>\w+))?", words):
            if m["tens"] in _TENS and (m["ones"] is None or m["ones"] in _ONES):
                return _TENS[m["tens"]] + _ONES.get(m["ones"] or "", 0)
        return None

    def century(m: re.Match) -> str:
        low = two_digits(m["low"])
        return f"{_TEENS[m['high']] * 100 + low:04d}" if low is not None else m.group(0)

    t = re.sub(r"\b(?P<high>nineteen|eighteen)[ -](?P<low>[a-z]+(?:[- ][a-z]+)?)\b", century, t)
    t = re.sub(r"\btwo thousand(?: and (?P<ones>[a-z]+))?\b",
               lambda m: f"{2000 + _ONES.get(m['ones'] or '', 0)}", t)
    return t


_CLOCK = re.compile(
    r"(?P<clock>\d{1,2}(?:[:.]\d{2})?\s*(?P<ap>[ap]\.?\s?m\b\.?)(?:\s+[a-z]{2,4}\b)?|noon|midday|midnight|"
    r"\d{1,2} (?:o'clock )?in the (?P<inpart>morning|afternoon|evening)|(?:mid-?)?(?P<part>morning|afternoon|evening|night|overnight))")


def _clock_time(t: str, *, published, focus, tense, focus_value):
    """"10 p.m. Wednesday", "noon Thursday", "last night", "Friday morning": a day plus a time of day."""
    m = _CLOCK.search(t)
    if m is None:
        return None
    rest = (t[:m.start()] + " " + t[m.end():]).strip(" ,")
    rest = re.sub(r"^(?:on|of)\s+|\s+(?:on|of)$", "", rest).strip()
    if m["part"] or m["inpart"]:
        part = PARTS_OF_DAY.get(m["part"] or m["inpart"], "NI")
    if m["clock"].startswith(("noon", "midday")):
        clock = "12:00"
    elif m["clock"].startswith("midnight"):
        clock = "24:00"
    elif m["part"]:
        clock = part
    else:
        hm = re.match(r"(\d{1,2})(?:[:.](\d{2}))?", m["clock"])
        hour = int(hm[1])
        if m["ap"]:
            hour = hour % 12 + (12 if m["ap"].startswith("p") else 0)
        elif m["inpart"] in ("afternoon", "evening") and hour < 12:
            hour += 12
        clock = f"{hour:02d}:{int(hm[2] or 0):02d}"
    if rest in ("last", "") and m["part"] in ("night", "overnight") and published is not None and (rest == "last" or m["part"] == "overnight"):
        return "TIME", f"{(published - timedelta(days=1)).isoformat()}T{clock}", "published"
    if rest in ("", "this", "the", "that", "early", "late", "later", "earlier"):
        base = focus if rest in ("that", "the") and focus else (focus or published) if not m["part"] else published
        if rest == "the" and focus:
            base = focus
        if base is None:
            return "TIME", f"XXXX-XX-XXT{clock}", "none"
        return "TIME", f"{base.isoformat()}T{clock}", "focus" if base == focus and base != published else "published"
    _, value, anchor = normalize(rest, published=published, focus=focus, tense=tense, focus_value=focus_value)
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "TIME", f"{value}T{clock}", anchor
    return None


def normalize(text: str, *, published: date | None, focus: date | None, tense: str = "past",
              focus_value: str | None = None):
    """Return (type, value, anchor) for one time expression.

    ``focus`` is the last day in focus, ``focus_value`` the last absolute value of any
    granularity ("1989-Q3"), which relative expressions like "a year earlier" inherit.
    """
    t = _clean(text)
    today = published
    if not t:
        return "DATE", None, "none"
    if (clock := _clock_time(t, published=published, focus=focus, tense=tense, focus_value=focus_value)) is not None:
        return clock
    if t in PRESENT:
        return "DATE", "PRESENT_REF", "none"
    if m := re.fullmatch(r"(?:the (?:past|last) (?:few|several)|recent) (?P<unit>year|month|week|day|decade|quarter)s", t):
        # A stretch of unstated length reaching back to now: TimeML writes it as a duration.
        return "DURATION", f"PX{UNITS[m['unit']]}", "none"
    if t in PAST or re.fullmatch(r"(?:(?:the last|the past|several|a few|few|some|many) )?(?:years|months|decades) ago", t):
        return "DATE", "PAST_REF", "none"
    if t in FUTURE or re.fullmatch(r"(?:coming|future) (?:years|months|weeks|days|decades|quarters)|(?:a|some) later date", t):
        return "DATE", "FUTURE_REF", "none"
    if t in SETS:
        return "SET", SETS[t], "none"
    if m := re.fullmatch(rf"(?:every|each) (?P<mon>{_MONTH_RE})", t):
        return "SET", f"XXXX-{MONTHS[m['mon']]:02d}", "none"

    # Today, tonight, yesterday, tomorrow, with a part of the day.
    if m := re.fullmatch(r"(?P<day>today|tonight|yesterday|tomorrow|this)(?: (?P<part>morning|afternoon|evening|night))?", t):
        if not today:
            return "DATE", None, "none"
        offset = {"yesterday": -1, "tomorrow": 1}.get(m["day"], 0)
        day = (today + timedelta(days=offset)).isoformat()
        if m["part"] and not (m["day"] == "tonight"):
            return "TIME", f"{day}T{PARTS_OF_DAY[m['part']]}", "published"
        if m["day"] == "this":
            return "DATE", None, "none"
        return "DATE", day, "published"

    # Anaphoric: relative to the date in focus.
    if m := re.fullmatch(rf"{_NUM}\s+{_UNIT}\s+(?P<dir>earlier|later|before|after|ago)", t):
        n = _number(m["num"])
        base, anchor = (today, "published") if m["dir"] == "ago" else (focus or today, "focus" if focus else "published")
        if n is None:
            return "DATE", "PAST_REF" if m["dir"] in ("ago", "earlier", "before") else "FUTURE_REF", "none"
        if base is None or m["unit"] in TIME_UNITS:
            return "DATE", None, "none"
        sign = 1 if m["dir"] in ("later", "after") else -1
        if m["dir"] == "ago" and not (m["unit"] == "year" and n == 1 and focus_value and "Q" in focus_value):
            # Counted from publication; only "a year ago" in a report on a quarter means that quarter.
            unit, n = ("year", 10 * n) if m["unit"] == "decade" else (m["unit"], n)
            return "DATE", _shift(base, unit, -n), anchor
        if m["unit"] == "year" and focus_value and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", focus_value) \
                and (shifted := _granular_shift(focus_value, sign * n)):
            return "DATE", shifted, "focus"
        if m["unit"] == "year" and m["dir"] != "ago" and focus is not None:
            return "DATE", (focus.replace(year=focus.year + sign * n) if not (focus.month == 2 and focus.day == 29)
                            else focus).isoformat(), "focus"
        return "DATE", _shift(base, m["unit"], sign * n), anchor
    # "the next day" follows the day in focus; a bare "next week" is counted from publication.
    deictic = t.startswith("next ") and not re.match(r"\W*the\s", text, re.I)
    if not deictic and (m := re.fullmatch(r"(?:the )?(?:(?P<dir>next|following|previous|prior|same) (?P<unit>day|week|month|year|morning|evening|night)|day (?P<dir2>before|after)|that (?:same )?day|same day)", t)):
        direction = m["dir"] or m["dir2"] or "same"
        unit = m["unit"] or "day"
        base = focus or today
        if base is None:
            return "DATE", None, "none"
        if unit in ("morning", "evening", "night"):
            unit = "day"
        step = {"next": 1, "following": 1, "after": 1, "previous": -1, "prior": -1, "before": -1, "same": 0}[direction]
        return "DATE", _shift(base, unit, step), "focus" if focus else "published"
    if t == "weekend" and today is not None:
        return "DATE", _shift(today, "week", 0 if today.weekday() >= 4 else -1) + "-WE", "published"
    if t == "nineties" or t == "eighties" or t == "seventies" or t == "sixties":
        return "DATE", {"nineties": "199", "eighties": "198", "seventies": "197", "sixties": "196"}[t], "none"
    if m := re.fullmatch(r"that (?P<unit>year|month|week)", t):
        if m["unit"] == "year" and focus_value and re.match(r"\d{4}", focus_value):
            return "DATE", focus_value[:4], "focus"  # the year last named, even by a month or a quarter
        base = focus or today
        return ("DATE", _shift(base, m["unit"], 0), "focus" if focus else "published") if base else ("DATE", None, "none")
    if m := re.fullmatch(r"(?:(?:comparable|corresponding|same) )?(?:year[- ](?:earlier|ago)|prior[- ]year|previous[- ]year)(?: (?:(?P<n>first|second|third|fourth) )?(?:quarter|period))?", t):
        if focus_value and re.fullmatch(r"\d{4}-Q\d", focus_value):
            quarter = f"Q{ORDINALS[m['n']]}" if m["n"] else focus_value[-2:]
            return "DATE", f"{int(focus_value[:4]) - 1:04d}-{quarter}", "focus"
        if today is not None:
            return "DATE", _shift(today, "quarter", -4), "published"
        return "DATE", None, "none"
    if t in ("year", "full year", "fiscal year", "year end", "year-end", "end of the year", "current year",
             "calendar year") and today is not None:
        return "DATE", f"{today.year:04d}", "published"
    if t in ("quarter", "period", "latest period", "latest quarter", "most recent quarter") and today is not None:
        if focus_value and re.fullmatch(r"\d{4}-Q\d", focus_value):
            return "DATE", focus_value, "focus"
        return "DATE", _shift(today, "quarter", -1), "published"
    if m := re.fullmatch(r"(?P<rel>last|next|this|past|coming|current|previous) (?:fiscal )?(?P<unit>week|month|year|weekend|quarter|decade)", t):
        if not today:
            return "DATE", None, "none"
        step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0, "current": 0}[m["rel"]]
        if m["unit"] == "weekend":
            return "DATE", _shift(today, "week", step) + "-WE", "published"
        return "DATE", _shift(today, m["unit"], step), "published"
    if m := re.fullmatch(r"(?:the )?(?:latest|most recent|last|previous) (?:quarter|period)", t):
        return ("DATE", _shift(today, "quarter", -1), "published") if today else ("DATE", None, "none")

    # Weekday names, tense-aware: past → on or before publication, future → after.
    if m := re.fullmatch(rf"(?:(?P<rel>last|next|this|the previous|the following) )?(?P<wd>{_WEEKDAY_RE})\.?(?: (?P<part>morning|afternoon|evening|night))?", t):
        target = WEEKDAYS[m["wd"]]
        part = PARTS_OF_DAY.get(m["part"] or "")
        rel = m["rel"]
        if rel in ("the previous", "the following"):
            base = focus or today
            if base is None:
                return "DATE", None, "none"
            delta = ((target - base.weekday()) % 7 or 7) if rel == "the following" else -((base.weekday() - target) % 7 or 7)
            return "DATE", (base + timedelta(days=delta)).isoformat(), "focus" if focus else "published"
        if not today:
            return "DATE", f"XXXX-WXX-{target + 1}", "none"
        forward = rel == "next" or (rel != "last" and tense == "future")
        if forward:
            # Wire copy names the day even for the day of writing: "will speak Thursday", filed on Thursday.
            delta = (target - today.weekday()) % 7 or (7 if rel == "next" else 0)
        else:
            delta = -((today.weekday() - target) % 7)
            if rel == "last" and delta == 0:
                delta = -7
        day = (today + timedelta(days=delta)).isoformat()
        return ("DATE", f"{day}T{part}", "published") if part else ("DATE", day, "published")

    # Named days.
    if (m := re.fullmatch(r"(?:(?P<rel>last|next|this) )?(?P<name>.+?)(?:,? (?P<year>\d{4}))?", t)) \
            and is_holiday(m["name"]):
        if m["year"]:
            return "DATE", holiday_in(m["name"], int(m["year"])).isoformat(), "none"
        if today is None:
            return "DATE", None, "none"
        day = holiday_in(m["name"], today.year)
        if m["rel"] == "last" and day >= today or m["rel"] == "next" and day <= today:
            day = holiday_in(m["name"], today.year + (1 if m["rel"] == "next" else -1))
        elif m["rel"] is None:
            day = holiday_in(m["name"], _year_for_day(day, today, tense).year)
        return "DATE", day.isoformat(), "published"

    # Seasons and quarters.
    if m := re.fullmatch(rf"(?:(?P<rel>last|next|this) )?(?P<season>{_SEASON_RE})(?: (?:of )?(?P<year>\d{{4}}))?", t):
        code = SEASONS[m["season"]]
        if m["year"]:
            return "DATE", f"{m['year']}-{code}", "none"
        if not today:
            return "DATE", f"XXXX-{code}", "none"
        year = today.year
        started = today.month >= SEASON_START[code] or (code == "WI" and today.month <= 2)
        if code == "WI" and today.month <= 2:
            year -= 1
        if m["rel"] == "last" or (m["rel"] is None and tense == "past"):
            if not started or today.month < SEASON_START[code] + 3 and m["rel"] == "last":
                year -= 1
        elif m["rel"] == "next" and started:
            year += 1
        return "DATE", f"{year}-{code}", "published"
    if m := re.fullmatch(r"(?:(?P<this>this|last|next) year's|(?P<year>\d{4})) (?:quarter|period)", t):
        # "last year's quarter", "the 1988 period": that year's counterpart of the quarter in focus.
        year = int(m["year"]) if m["year"] else (today.year + {"last": -1, "next": 1, "this": 0}[m["this"]] if today else None)
        if year is None:
            return "DATE", None, "none"
        quarter = focus_value[4:] if focus_value and re.fullmatch(r"\d{4}-Q\d", focus_value) else ""
        return "DATE", f"{year:04d}{quarter}", "focus" if quarter else "published"
    if m := re.fullmatch(r"(?:(?P<y1>\d{4}) |(?P<this>this year|last year|next year)(?:'s)? )?(?:fiscal )?(?P<n>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter(?: of (?P<y2>\d{4}))?(?: (?P<y3>\d{4}))?", t):
        n = ORDINALS[m["n"]]
        year = m["y1"] or m["y2"] or m["y3"]
        if year is None and today is not None:
            year = today.year + {"last year": -1, "next year": 1}.get(m["this"] or "", 0)
            if m["this"] is None and n > (today.month - 1) // 3 + 1:
                year -= 1
        return "DATE", f"{int(year):04d}-Q{n}" if year else f"XXXX-Q{n}", "published" if today else "none"
    if m := re.fullmatch(r"(?P<n>first|second) half(?: of (?P<year>\d{4}))?", t):
        year = m["year"] or (today.year if today else None)
        return "DATE", f"{year}-H{1 if m['n'] == 'first' else 2}" if year else None, "published"

    # Calendar dates.
    if m := re.fullmatch(rf"(?:(?:{_WEEKDAY_RE})\.?,? )?(?P<mon>{_MONTH_RE})\.? (?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,? (?P<year>\d{{4}}))?", t) \
            or re.fullmatch(rf"(?:(?:{_WEEKDAY_RE})\.?,? )?(?:the )?(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<mon>{_MONTH_RE})\.?(?:,? (?P<year>\d{{4}}))?", t):
        year = int(m["year"]) if m["year"] else (today.year if today else None)
        if year is None:
            return "DATE", f"XXXX-{MONTHS[m['mon']]:02d}-{int(m['day']):02d}", "none"
        try:
            day = date(year, MONTHS[m["mon"]], int(m["day"]))
        except ValueError:
            return "DATE", None, "none"
        if not m["year"] and today is not None:
            day = _year_for_day(day, today, tense)
        return "DATE", day.isoformat(), "published" if not m["year"] else "none"
    if m := re.fullmatch(rf"(?:(?P<rel>last|next|this) )?(?P<mon>{_MONTH_RE})\.?(?:,? (?:of )?(?P<year>\d{{4}}))?(?: (?P<rel2>last|next|this) year)?", t):
        month = MONTHS[m["mon"]]
        if m["year"]:
            return "DATE", f"{m['year']}-{month:02d}", "none"
        if not today:
            return "DATE", f"XXXX-{month:02d}", "none"
        year = today.year
        rel = m["rel"] or m["rel2"]
        if m["rel2"] == "last":
            year -= 1
        elif m["rel2"] == "next":
            year += 1
        elif rel == "last" and month >= today.month:
            year -= 1
        elif rel == "next" and month <= today.month:
            year += 1
        elif rel is None and tense == "future" and month < today.month:
            year += 1  # "will end in April", written in December
        elif rel is None and tense == "past" and month > today.month:
            year -= 1  # "was signed in December", written in April
        elif rel is None and tense == "present" and month - today.month >= 6:
            year -= 1  # half a year apart: news more often looks back
        elif rel is None and tense == "present" and today.month - month > 6:
            year += 1  # "is payable in January", written in November
        return "DATE", f"{year:04d}-{month:02d}", "published"
    if m := re.fullmatch(r"(?:(?:the )?(?:year|fiscal|calendar|fiscal year|model year) )?(?P<year>1[6-9]\d\d|20\d\d)", t):
        return "DATE", m["year"], "none"
    if m := re.fullmatch(r"(?:the )?(?:early |late |mid-)?(?P<dec>1[6-9]\d|20\d)0'?s", t):
        return "DATE", m["dec"], "none"
    if m := re.fullmatch(r"(?:the )?'(?P<dec>\d)0s", t):
        return "DATE", f"19{m['dec']}", "none"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        return "DATE", t, "none"

    # Durations.
    if (m := re.fullmatch(rf"(?P<num>\d+) (?:1/2|and a half) {_UNIT}", t) or re.fullmatch(rf"(?P<num>an?|one) {_UNIT} and a half", t)) \
            and m["unit"] in AND_A_HALF:
        return "DURATION", AND_A_HALF[m["unit"]].format(_number(m["num"])), "none"
    if m := re.fullmatch(rf"(?P<nth>\d{{1,2}}(?:st|nd|rd|th)|{'|'.join(CENTURY_ORDINALS)}) century", t):
        nth = int(m["nth"][:-2]) if m["nth"][0].isdigit() else CENTURY_ORDINALS[m["nth"]]
        return "DATE", f"{nth - 1:02d}", "none"
    if m := re.fullmatch(rf"(?:the )?(?:(?:last|past|next|coming|first|previous|final|same) )*{_NUM}[- ](?:more |additional |straight |consecutive |full |trading |business |working )?{_UNIT}(?:[- ]long| period| span)?", t):
        return "DURATION", _duration(_number(m["num"]), m["unit"]), "none"
    if m := re.fullmatch(r"(?P<unit>day|week|month|year|decade|hour|minute|quarter)s", t):
        return "DURATION", _duration(None, m["unit"]), "none"
    if m := re.fullmatch(r"(?:a|one|the) (?P<unit>day|week|month|year|decade|hour)", t):
        return "DURATION", _duration(1, m["unit"]), "none"

    # Clock times.
    if m := re.fullmatch(r"(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?\s*(?P<ap>[ap]\.?\s?m\.?)?(?: (?P<zone>[a-z]{2,4}))?", t):
        if m["ap"] is None and m["mi"] is None:
            return "DATE", None, "none"
        hour = int(m["h"]) % 12 + (12 if m["ap"] and m["ap"].startswith("p") else 0) if m["ap"] else int(m["h"])
        clock = f"{hour:02d}:{int(m['mi'] or 0):02d}"
        return "TIME", f"{today.isoformat()}T{clock}" if today else f"XXXX-XX-XXT{clock}", "published" if today else "none"
    if t in ("noon", "midday", "midnight"):
        clock = "12:00" if t != "midnight" else "24:00"
        return "TIME", f"{today.isoformat()}T{clock}" if today else f"XXXX-XX-XXT{clock}", "published" if today else "none"
    if m := re.fullmatch(r"(?P<part>morning|afternoon|evening|night)", t):
        return "TIME", f"{today.isoformat()}T{PARTS_OF_DAY[m['part']]}" if today else None, "published" if today else "none"
    return ("TIME" if re.search(r"\d:\d\d|[ap]\.?m\b|morning|night|evening", t) else "DATE"), None, "none"


def _is_noise(span: Span) -> bool:
    text = span.text.strip()
    if _AGE.search(text) and not re.fullmatch(r"1[6-9]\d\d|20\d\d", text):
        return True
    after = span.doc[span.end:span.end + 2].text.lower()
    if re.match(r"(?:[- ]?years?)?[- ]old\b|-year-old", after):
        return True
    if _SHORT_WEEKDAY.match(text) or text.lower() in _NOISE_WORDS:
        return True
    if len(span) == 1 and span[0].lower_ in SEASONS and span[0].pos_ in ("VERB", "AUX"):
        return True  # "prices fall", "spring into action"
    if not span[0].is_title and span[0].lower_ not in ("last", "next", "this") and is_holiday(text):
        return True  # a holiday is written with capitals
    return False


def _trim(span: Span) -> Span:
    """Drop a leading preposition and a trailing possessive from a candidate."""
    while len(span) > 1 and span[0].lower_ in ("on", "in", "at", "since", "by", "from", "until", "during", "of", "for"):
        span = span[1:]
    while len(span) > 1 and (span[-1].tag_ == "POS" or span[-1].is_punct):
        span = span[:-1]
    return span


_RANGE = re.compile(r"^(?:between |from )?(?P<a>.+?)(?: and | to | through |\s?[-–]\s?)(?P<b>.+)$", re.I)
_POINT = re.compile(rf"^(?:(?:{_MONTH_RE})\.?(?: \d{{1,2}}(?:, \d{{4}})?)?|\d{{4}}|(?:{_FULL_WEEKDAY}))$", re.I)


_ENDED = re.compile(r"^(?P<a>.+?) (?:ended|ending|that ended|which ended) (?P<b>.+)$", re.I)


def _split_range(span: Span) -> list[Span]:
    """"between 1994 and 1997", "April 24 and 25", "the quarter ended Sept. 30" are two expressions."""
    m = _ENDED.match(span.text)
    if m:
        doc = span.doc
        parts = [doc.char_span(span.start_char + m.start(g), span.start_char + m.end(g), alignment_mode="contract")
                 for g in ("a", "b")]
        return [p for p in parts if p is not None and len(p)] or [span]
    m = _RANGE.match(span.text)
    if not m or not _POINT.match(m["a"]) or not (_POINT.match(m["b"]) or re.fullmatch(r"\d{1,2}", m["b"])):
        return [span]
    doc = span.doc
    first = doc.char_span(span.start_char + m.start("a"), span.start_char + m.end("a"), alignment_mode="contract")
    second = doc.char_span(span.start_char + m.start("b"), span.start_char + m.end("b"), alignment_mode="contract")
    return [s for s in (first, second) if s is not None and len(s)] or [span]


def _spans(doc: Doc) -> list[Span]:
    """Candidate time spans: spaCy's DATE/TIME entities and the extra patterns, longest kept."""
    candidates = [_trim(ent) for ent in ents_of(doc) if ent.label_ in ("DATE", "TIME")]
    text = text_of(doc)
    lowered = text.lower()
    # The patterns are lower-case: matching them on lowered text is twice as fast as ignoring case.
    patterns, searched = (_LOWER_PATTERNS, lowered) if len(lowered) == len(text) else (EXTRA_PATTERNS, text)
    for pattern, words in zip(patterns, _PATTERN_WORDS):
        if words is not None and not any(word in lowered for word in words):
            continue
        for m in pattern.finditer(searched):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                candidates.append(_trim(span))
    candidates = [part for c in candidates if len(c) and not _is_noise(c) for part in _split_range(c)]
    chosen: list[Span] = []
    taken: set[int] = set()
    for span in sorted(candidates, key=lambda s: (-(s.end_char - s.start_char), s.start)):
        if not taken & set(range(span.start, span.end)):
            chosen.append(span)
            taken |= set(range(span.start, span.end))
    return _join_clock_and_day(sorted(chosen, key=lambda s: s.start))


_CLOCK_START = re.compile(r"\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?\s?m\b|noon|midnight|midday|(?:mid-?)?(?:morning|afternoon|evening)\b", re.I)


def _join_clock_and_day(spans: list[Span]) -> list[Span]:
    """"5 p.m. EST, Nov. 6", "noon Thursday", "mid-afternoon yesterday": a clock time and the day
    right after it are one expression."""
    joined: list[Span] = []
    text = text_of(spans[0].doc) if spans else ""
    for span in spans:
        previous = joined[-1] if joined else None
        if previous is not None and _CLOCK_START.match(previous.text) and not _CLOCK_START.search(span.text) \
                and text[previous.end_char:span.start_char] in ("", " ", ", ", " on "):
            joined[-1] = span.doc[previous.start:span.end]
        else:
            joined.append(span)
    return joined


def _inner_spans(span: Span) -> Iterator[Span]:
    """Sub-spans of ``span`` from the longest down, edges trimmed first; one-word parts only when
    they are numbers or names ("25", "Friday"), never a bare "day" or "the"."""
    n = len(span)
    for dropped in range(1, n):
        for lead in range(dropped + 1):
            part = span[lead:n - (dropped - lead)]
            if len(part) == 1 and not (part[0].like_num or part[0].is_title):
                continue
            if part[0].is_punct or part[-1].is_punct:
                continue
            yield part


def _year_ending(span: Span) -> bool:
    """"the year ended March 31": a twelve-month accounting period, not a calendar year."""
    after = span.doc[span.end:span.end + 1]
    return span[-1].lower_ == "year" and len(after) == 1 and after[0].lower_ in ("ended", "ending")


def find_times(doc: Doc, published: date | None) -> list[Timex]:
    """All time expressions in ``doc`` in text order, normalised."""
    found: list[Timex] = []
    focus: date | None = None
    focus_value: str | None = None
    for span in _spans(doc):
        tense = clause_tense(span)
        kind, value, anchor = normalize(span.text, published=published, focus=focus, tense=tense,
                                        focus_value=focus_value)
        if value is None:
            # "as long as a month", "sometime next year", "a minute and a half later": the expression
            # is the longest part that has a value; the words around it only modify it.
            for part in _inner_spans(span):
                inner = normalize(part.text, published=published, focus=focus, tense=tense, focus_value=focus_value)
                if inner[1] is not None:
                    span, (kind, value, anchor) = part, inner
                    break
        if _year_ending(span):
            kind, value, anchor = "DURATION", "P1Y", "none"
        timex = Timex(span.start_char, span.end_char, span.text, kind, value, anchor)
        found.append(timex)
        if timex.day is not None and timex.type == "DATE":
            focus = timex.day
        # "a year earlier" compares with the period in focus; it does not become that period.
        if kind == "DATE" and anchor != "focus" and value and re.fullmatch(r"\d{4}(-(Q\d|\d{2}(-\d{2})?))?", value):
            focus_value = value
    return found
