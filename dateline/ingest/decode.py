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


_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
FALLBACK_CHARSET = "windows-1252"  # what pages that lie about UTF-8 are written in, nearly always


def decode_html(data: bytes) -> tuple[str, str | None]:
    """An HTML page's text and, when its declared charset does not fit its bytes, a warning saying
    how it was read instead. Bytes that are valid UTF-8 are read as UTF-8 (multi-byte sequences
    are almost never an accident of another charset), else as the declared charset, else as
    Windows-1252."""
    for bom, codec in (*_BOMS, (b"\xef\xbb\xbf", "utf-8")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace"), None
    found = _DECLARED.search(data[:8192])
    declared = found[1].decode("ascii").lower() if found else None
    says_utf8 = declared in (None, "utf-8", "utf8")
    try:
        text = data.decode("utf-8")
        if says_utf8 or data.isascii():
            return text, None
        return text, f"declared charset {declared!r} does not fit the bytes, which are UTF-8; read as UTF-8"
    except UnicodeDecodeError:
        pass
    if not says_utf8:
        try:
            return data.decode(declared), None
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode(FALLBACK_CHARSET, errors="replace"), (
        f"declared charset {declared or 'utf-8 (by default)'!r} does not fit the bytes; read as {FALLBACK_CHARSET}")
