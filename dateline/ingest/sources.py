"""Where documents come from: files, directories and standard input."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..errors import InputError
from ..model import Article
from .decode import DEFAULT_MAX_BYTES, check_size, decode_document, require_prose
from .scraped import read_scraped_text


@dataclass
class Failure:
    source: str
    reason: str


def iter_paths(paths: list[str]) -> Iterator[str | Path]:
    """Expand directories (recursively, sorted, hidden files skipped); '-' is stdin."""
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                    yield child
        else:
            yield path


def _read_bytes(source: str | Path, max_bytes: int) -> bytes:
    if source == "-":
        return sys.stdin.buffer.read(max_bytes + 1)
    path = Path(source)
    if not path.exists():
        raise InputError("no such file")
    if not path.is_file():
        raise InputError("not a regular file")
    check_size(path.stat().st_size, max_bytes)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}") from None


def load_articles(paths: list[str], *, published: datetime | date | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | Failure]:
    """Yield an Article for each readable document and a Failure for each other one."""
    for source in iter_paths(paths):
        name = "<stdin>" if source == "-" else str(source)
        try:
            text = decode_document(_read_bytes(source, max_bytes), max_bytes=max_bytes)
            article = read_scraped_text(text, source=name, published=published)
            require_prose(article.text)
        except InputError as exc:
            yield Failure(name, str(exc))
            continue
        yield article
