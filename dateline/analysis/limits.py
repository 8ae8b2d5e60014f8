"""Per-document limits: what no news article comes near, checked before the parser, each refused
with its own reason, and a time limit that stops any document that would still hang.

A news article is a few thousand words in tens of paragraphs. Texts far past that (a book, a
dump, a file of one endless line) would cost gigabytes in the parser; they are refused whole
rather than cut silently. Long texts within the limits are parsed in pieces, so the parser's
memory follows the piece, not the text.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

MAX_TEXT_CHARS = 1_000_000  # spaCy's own default max_length
MAX_LINE_CHARS = 100_000  # a paragraph of news is rarely over 5,000
MAX_LINES = 20_000
PIECE_CHARS = 100_000  # texts longer than this are parsed in pieces of whole lines
DEFAULT_MAX_SECONDS = 50.0  # with reading and start-up, no document keeps a run past a minute

_max_seconds = DEFAULT_MAX_SECONDS


def set_time_limit(seconds: float) -> None:
    """Seconds one document may take to parse and analyse (0: no limit); worker processes forked
    afterwards inherit it."""
    global _max_seconds
    _max_seconds = seconds


def time_limit() -> float:
    return _max_seconds


class TimeLimitExceeded(Exception):
    """A document took longer than the time limit."""


def shape_problem(text: str) -> str | None:
    """Why ``text`` is refused before parsing, or None when it is within every limit."""
    if len(text) > MAX_TEXT_CHARS:
        return f"text too long ({len(text):,} characters; limit {MAX_TEXT_CHARS:,})"
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        return f"too many lines ({lines:,}; limit {MAX_LINES:,})"
    if len(text) > MAX_LINE_CHARS:
        longest = max(map(len, text.split("\n")))
        if longest > MAX_LINE_CHARS:
            return f"line too long ({longest:,} characters; limit {MAX_LINE_CHARS:,})"
    return None


def pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """``text`` cut after line breaks into pieces of at most ``size`` characters (a line longer
    than ``size`` stays whole); joined, they are ``text``."""
    found: list[str] = []
    start = 0
    while len(text) - start > size:
        cut = text.rfind("\n", start, start + size)
        if cut < 0:
            cut = text.find("\n", start + size)
            if cut < 0:
                break
        found.append(text[start:cut + 1])
        start = cut + 1
    found.append(text[start:])
    return found


@contextmanager
def deadline(seconds: float | None = None) -> Iterator[None]:
    """Raise TimeLimitExceeded in the block once ``seconds`` (default: the time limit) have passed.
    Only the main thread can take the alarm signal; elsewhere (a web server's threads) the block
    runs unbounded."""
    seconds = _max_seconds if seconds is None else seconds
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise TimeLimitExceeded

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
