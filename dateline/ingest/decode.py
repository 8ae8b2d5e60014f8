"""Bytes to text, refusing what is not a readable news document."""

from __future__ import annotations

import re

from ..errors import InputError

DEFAULT_MAX_BYTES = 5_000_000
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"),
         (b"\xfe\xff", "utf-16-be"))
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
    for bom, codec in _BOMS:
        if data.startswith(bom):  # UTF-16 and UTF-32 text says so in its first bytes
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid {codec.upper()} after its byte-order mark (byte {exc.start})") from None
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
