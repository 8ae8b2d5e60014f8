"""Reading TimeML documents: plain text, creation time and gold TIMEX3 spans."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TimeMLDocument:
    name: str
    dct: str
    text: str
    timexes: list[GoldTimex]


def read_timeml(path: Path) -> TimeMLDocument:
    """The <TEXT> of a TimeML file with its TIMEX3 annotations as character offsets."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'<DCT>\s*<TIMEX3[^>]*value="([^"]+)"', raw).group(1)
    body = raw[raw.index("<TEXT>") + len("<TEXT>"):raw.index("</TEXT>")]
    out: list[str] = []
    length = 0
    timexes: list[GoldTimex] = []
    open_timex: tuple[int, dict] | None = None
    pos = 0
    for match in _TAG.finditer(body):
        chunk = unescape(body[pos:match.start()])
        out.append(chunk)
        length += len(chunk)
        pos = match.end()
        closing, name, attrs = match.group(1), match.group(2), match.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(attrs)))
        elif open_timex is not None:
            start, attributes = open_timex
            text = "".join(out)[start:length]
            timexes.append(GoldTimex(start, length, text, attributes.get("type", ""), attributes.get("value", "")))
            open_timex = None
    out.append(unescape(body[pos:]))
    return TimeMLDocument(path.stem, dct, "".join(out), timexes)
