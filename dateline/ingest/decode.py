"""Bytes to text, refusing what is not a readable news document."""

from __future__ import annotations

import re

from ..errors import InputError

DEFAULT_MAX_BYTES = 5_000_000
_WORD = re.compile(r"[^\W\d_]{2,}")


def check_size(size: int, max_bytes: int) -> None:
    """Raise :class:`InputError` for a document of ``size`` bytes over the limit."""
    if size > max_bytes:
        raise InputError(f"document too large: {size / 1e6:.1f} MB exceeds the limit of "
                         f"{max_bytes / 1e6:.1f} MB (see --max-mb)")


def decode_document(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Decode ``data`` as UTF-8 text or raise :class:`InputError` saying why not."""
    if not data.strip():
        raise InputError("empty document")
    check_size(len(data), max_bytes)
    if b"\x00" in data[:65536]:
        raise InputError("binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})") from None
    return text.removeprefix("\ufeff")


def require_prose(text: str) -> None:
    """Raise :class:`InputError` when ``text`` holds no sentence to analyse."""
    if len(_WORD.findall(text)) < 2:
        raise InputError("no sentence found in text")
