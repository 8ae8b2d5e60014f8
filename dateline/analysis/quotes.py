"""Quotation marks: pair them into quoted spans, across paragraphs where news does."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
_OPEN_CONTEXT = " \t\n([{—–-:;/"  # a straight mark after these opens a quote


@dataclass(frozen=True)
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset after the closing mark, or the end of the last paragraph
    closed: bool
    open_len: int = 1  # '' (two apostrophes, as some newspapers print quotes) is one mark
    close_len: int = 1

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + self.open_len, self.end - self.close_len if self.closed else self.end


def find_quotes(text: str) -> list[Quote]:
    """Quoted spans in ``text``.

    A quote left open at the end of a paragraph continues when the next
    paragraph opens with a quotation mark (the newspaper convention for
    multi-paragraph quotes); otherwise it ends with its paragraph.
    """
    quotes: list[Quote] = []
    open_at: int | None = None
    open_len = 1
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        width = 1
        if ch == "'" and text[i + 1:i + 2] == "'":
            ch, width = STRAIGHT, 2
        if ch == "\n" and open_at is not None:
            j = i
            while j < n and text[j].isspace():
                j += 1
            if j < n and (text[j] in OPENING or text[j] == STRAIGHT or text[j:j + 2] == "''"):
                i = j + 1  # the quote goes on in the next paragraph
                continue
            end = i
            while end > open_at and text[end - 1].isspace():
                end -= 1
            quotes.append(Quote(open_at, end, closed=False, open_len=open_len))
            open_at = None
        elif ch in OPENING and open_at is not None and i > open_at + 1 and text[i - 1] in ".!?,…" \
                and (i + 1 == n or text[i + 1] in " \t\n"):
            # an opening mark typed where a quotation closes: “… 51 percent.“, “… for her here,“ said
            quotes.append(Quote(open_at, i + 1, closed=True, open_len=open_len))
            open_at = None
        elif ch in OPENING:
            open_at, open_len = i, 1
        elif ch in CLOSING and open_at is None and (i == 0 or text[i - 1] in "\n(") and text[i + 1:i + 2].isalnum():
            open_at, open_len = i, 1  # a closing mark typed where a quotation opens: ”We … ”
        elif ch in CLOSING:
            if open_at is not None:
                quotes.append(Quote(open_at, i + 1, closed=True, open_len=open_len))
                open_at = None
        elif ch == STRAIGHT:
            prev = text[i - 1] if i else " "
            if open_at is None:
                if prev in _OPEN_CONTEXT or i == 0:
                    open_at, open_len = i, width
            else:
                quotes.append(Quote(open_at, i + width, closed=True, open_len=open_len, close_len=width))
                open_at = None
        i += width
    if open_at is not None:
        quotes.append(Quote(open_at, len(text.rstrip()), closed=False, open_len=open_len))
    return quotes


class QuoteIndex:
    """Fast 'is this offset inside a quote?' over sorted, non-overlapping quotes."""

    def __init__(self, quotes: list[Quote]):
        self.quotes = sorted(quotes, key=lambda q: q.start)
        self._starts = [q.start for q in self.quotes]

    def at(self, offset: int) -> Quote | None:
        k = bisect.bisect_right(self._starts, offset) - 1
        if k >= 0 and self.quotes[k].start <= offset < self.quotes[k].end:
            return self.quotes[k]
        return None
