"""Month and weekday names, and parsing of stand-alone publication dates."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"),
         ("thursday", "thu", "thur", "thurs"), ("friday", "fri"), ("saturday", "sat"),
         ("sunday", "sun")]
    )
    for name in names
}

_MONTH = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?,?\s+)?"
_TIME = (
    r"(?:[,\s]+(?:at\s+|-\s+|\|\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?P<ampm>[ap]\.?\s?m\.?)?(?:\s*(?P<tz>[A-Z]{2,5}|(?:GMT|UTC)?[+-]\d{1,2}(?::?\d{2})?))?)?"
)
_DATE_FORMS = [
    re.compile(r"^" + _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})" + _TIME + r"$", re.I),
    re.compile(r"^" + _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})" + _TIME + r"$", re.I),
    re.compile(r"^(?P<year>\d{4})[-/](?P<mnum>\d{1,2})[-/](?P<day>\d{1,2})" + _TIME + r"$", re.I),
]
_CLOCK = (r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\.?)?"
          r"(?:\s*(?P<tz>[A-Z]{2,5}|(?:GMT|UTC)?[+-]\d{1,2}(?::?\d{2})?))?")
# "10:02 AM EST Nov 19, 2019", "2:15 p.m. ET Tuesday, Nov. 19, 2019": the clock before the day
_DATE_FORMS.append(re.compile(r"^" + _CLOCK + r"[,\s|]+" + _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+"
                              r"(?P<year>\d{4})$", re.I))
_TZ_NAMES = {"UTC": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
             "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "BST": 1, "CET": 1, "CEST": 2}
# US zones written without saying whether daylight saving applies ("ET"): standard hours, an hour
# later from the second Sunday of March to the first Sunday of November.
_US_ZONES = {"ET": -5, "CT": -6, "MT": -7, "PT": -8}


def _us_daylight(day: date) -> bool:
    march = date(day.year, 3, 1)
    november = date(day.year, 11, 1)
    start = march + timedelta(days=(6 - march.weekday()) % 7 + 7)  # second Sunday of March
    end = november + timedelta(days=(6 - november.weekday()) % 7)  # first Sunday of November
    return start <= day < end


def _tzinfo(tz: str | None, day: date | None = None) -> timezone | None:
    if not tz:
        return None
    tz = tz.upper()
    if tz in _TZ_NAMES:
        return timezone(timedelta(hours=_TZ_NAMES[tz]))
    if tz in _US_ZONES and day is not None:
        return timezone(timedelta(hours=_US_ZONES[tz] + _us_daylight(day)))
    match = re.fullmatch(r"(?:GMT|UTC)?([+-])(\d{1,2}):?(\d{2})?", tz)
    if not match:
        return None
    sign = 1 if match.group(1) == "+" else -1
    return timezone(sign * timedelta(hours=int(match.group(2)), minutes=int(match.group(3) or 0)))


def parse_datetime(text: str) -> datetime | date | None:
    """Parse a string that is only a date, optionally with a time.

    Returns a ``datetime`` when a time is given (aware when the offset is known),
    a ``date`` when only the day is given, and None when ``text`` is not a date.
    """
    text = " ".join(text.split()).strip(" .")
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    for form in _DATE_FORMS:
        match = form.match(text)
        if not match:
            continue
        parts = match.groupdict()
        month = int(parts["mnum"]) if parts.get("mnum") else MONTHS[parts["mon"].lower()]
        try:
            day = date(int(parts["year"]), month, int(parts["day"]))
        except ValueError:
            return None
        if parts.get("hour") is None:
            return day
        hour = int(parts["hour"])
        ampm = (parts.get("ampm") or "").replace(".", "").replace(" ", "").lower()
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour > 23:
            return None
        return datetime(day.year, day.month, day.day, hour, int(parts["minute"]),
                        int(parts.get("second") or 0), tzinfo=_tzinfo(parts.get("tz"), day))
    return None


_LABELLED_STAMP = re.compile(r"\b(?:Published|Posted|First published)\b\s*:?\s*(?:on\s+)?(?P<stamp>"
                            r"\d{1,2}[:.]\d{2}[^\n]{0,40}?\d{4}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}[^\n]{0,25})")


def labelled_stamp(text: str) -> datetime | date | None:
    """The publication time a page writes for its readers ("Published 10:02 AM EST Nov 19, 2019"):
    the first such stamp that parses, with a time if one does."""
    found = None
    for match in _LABELLED_STAMP.finditer(text):
        stamp = match["stamp"]
        for end in range(len(stamp), 7, -1):  # the stamp runs on into other words: try it shorter
            parsed = parse_datetime(stamp[:end])
            if parsed is not None:
                if isinstance(parsed, datetime):
                    return parsed
                found = found or parsed
                break
    return found


def iso(value: datetime | date) -> str:
    """ISO 8601 text in one shape: a date-time always to the second (with its offset when known), or a date."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def day_of(value: datetime | date | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


_WEEK = re.compile(r"(?P<y>\d{4})-W(?P<w>\d{2})")
_QUARTER = re.compile(r"(?P<y>\d{4})-Q(?P<q>[1-4])")
_REDUCED = re.compile(r"\d{4}(?:-\d{2})?")


def _in_calendar(text: str) -> bool:
    """Whether the ISO date ``text`` exists (no 2019-13-45, no February 30)."""
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def calendar_value(timex_value: str | None) -> str | None:
    """An ISO 8601 calendar date (or a reduced one: year-month, year) for a TIMEX3 value; None for values
    that name no calendar period ("PRESENT_REF", durations). "2019-11-19TNI" is 2019-11-19, week 47 of
    2019 its Monday, a quarter its first month, a season or half its year."""
    if not timex_value:
        return None
    if re.match(r"\d{4}-\d{2}-\d{2}", timex_value):
        return timex_value[:10] if _in_calendar(timex_value[:10]) else None
    if m := _WEEK.match(timex_value):
        try:
            return date.fromisocalendar(int(m["y"]), int(m["w"]), 1).isoformat()
        except ValueError:
            return m["y"]
    if m := _QUARTER.match(timex_value):
        return f"{m['y']}-{3 * int(m['q']) - 2:02d}"
    if _REDUCED.fullmatch(timex_value):
        return timex_value if _in_calendar(timex_value + "-01-01"[len(timex_value) - 4:]) else None
    if re.match(r"\d{4}-(?:SP|SU|FA|WI|H1|H2)", timex_value):
        return timex_value[:4]
    return None


def last_day(timex_value: str | None) -> date | None:
    """The last day of the period a TIMEX3 date value names: a day, a month ("1998-10"), a year,
    a decade ("196"), a century ("13"); None for anything else."""
    if not timex_value:
        return None
    head = timex_value.split("T")[0]
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", head):
            return date.fromisoformat(head)
        if re.fullmatch(r"\d{4}-\d{2}", head):
            year, month = int(head[:4]), int(head[5:])
            return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        if re.fullmatch(r"\d{2,4}", head):
            span = 10 ** (4 - len(head))  # a year, a decade, a century
            return date(min(9999, (int(head) + 1) * span - 1), 12, 31)
    except ValueError:
        return None
    return None
