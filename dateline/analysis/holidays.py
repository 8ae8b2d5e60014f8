"""Named days ("Thanksgiving", "Election Day", "Easter") as calendar dates, from data/holidays.yaml."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from ..calendar import WEEKDAYS
from ..data import load

_NTH = re.compile(r"(?P<month>\d{2})/(?P<n>[1-4]|last)/(?P<weekday>[a-z]+)(?P<shift>[+-]\d+)?", re.I)
_EASTER = re.compile(r"easter(?P<shift>[+-]\d+)?")


@cache
def holiday_rules() -> dict[str, str]:
    return {name.lower(): str(rule) for name, rule in load("holidays")["holidays"].items()}


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_offset = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_offset) // 451
    month, day = divmod(h + weekday_offset - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _nth_weekday(year: int, month: int, n: str, weekday: int) -> date:
    if n == "last":
        following = date(year + month // 12, month % 12 + 1, 1)
        last = following - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (int(n) - 1))


def _key(name: str) -> str:
    return " ".join(name.lower().replace("’", "'").split())


def is_holiday(name: str) -> bool:
    return _key(name) in holiday_rules()


def holiday_in(name: str, year: int) -> date | None:
    """The date of the named day in ``year``, or None when the name is not a known holiday."""
    rule = holiday_rules().get(_key(name))
    if rule is None:
        return None
    if m := _EASTER.fullmatch(rule):
        return easter(year) + timedelta(days=int(m["shift"] or 0))
    if m := _NTH.fullmatch(rule):
        day = _nth_weekday(year, int(m["month"]), m["n"].lower(), WEEKDAYS[m["weekday"].lower()])
        return day + timedelta(days=int(m["shift"] or 0))
    month, day = (int(part) for part in rule.split("-"))
    return date(year, month, day)


def holiday_names() -> list[str]:
    """Known names, longest first, for building a pattern."""
    return sorted(holiday_rules(), key=len, reverse=True)
