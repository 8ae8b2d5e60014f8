"""WARC and WARC.gz archives with warcio: HTML responses only, streamed in constant memory."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from ..errors import InputError

MAX_RECORD_BYTES = 5_000_000


@dataclass
class WarcPage:
    offset: int
    url: str | None
    date: str | None
    html: bytes


def complete_prefix(path: Path) -> int | None:
    """For a gzip file, the byte offset where its last complete gzip member ends, or None if not gzip.

    WARC.gz stores each record as its own member, so a cut file ends in a partial member
    that warcio would read as a short record without complaint.
    """
    with open(path, "rb") as stream:
        if stream.read(2) != b"\x1f\x8b":
            return None
        stream.seek(0)
        good_end, consumed = 0, 0
        decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
        while chunk := stream.read(1 << 16):
            data = chunk
            while data:
                try:
                    decoder.decompress(data)
                except zlib.error:
                    return good_end
                if decoder.eof:
                    used = len(data) - len(decoder.unused_data)
                    consumed += used
                    good_end = consumed
                    data = decoder.unused_data
                    decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
                else:
                    consumed += len(data)
                    data = b""
        return good_end


@dataclass
class WarcRefusal:
    """A response record that is not an article (an HTTP error page), reported on its own line."""

    offset: int
    reason: str


def read_warc(path: Path) -> Iterator[WarcPage | WarcRefusal | InputError]:
    """Yield each HTML response; a broken archive ends with one InputError saying where."""
    complete = complete_prefix(path)
    truncated = complete is not None and complete < path.stat().st_size
    with open(path, "rb") as stream:
        records = ArchiveIterator(stream)
        try:
            for record in records:
                body, status = None, None
                if record.rec_type == "response" and record.http_headers is not None and \
                        "html" in (record.http_headers.get_header("Content-Type") or "").lower():
                    status = record.http_headers.get_statuscode()
                    # Read before asking for the offset: warcio finds it by reading the record to its end.
                    body = record.content_stream().read(MAX_RECORD_BYTES + 1)
                offset = records.get_record_offset()
                if truncated and offset >= complete:
                    break  # the cut record: reported below, never analysed
                if body is None or len(body) > MAX_RECORD_BYTES or (status or "").startswith("3"):
                    continue  # not a page, too big, or a redirect (its target is a record of its own)
                if not (status or "").startswith("2"):
                    yield WarcRefusal(offset, f"HTTP {status or 'response without a status'}: an error page, not an article")
                    continue
                yield WarcPage(offset, record.rec_headers.get_header("WARC-Target-URI"),
                               record.rec_headers.get_header("WARC-Date"), body)
        except Exception as exc:  # warcio and zlib raise many kinds on truncated or corrupt archives
            yield InputError(f"broken archive {_where(records)}: {type(exc).__name__}: {exc}")
            return
    if truncated:
        yield InputError(f"broken archive: truncated after byte {complete} of {path.stat().st_size}")


def _where(records: ArchiveIterator) -> str:
    try:
        return f"after offset {records.get_record_offset()}"
    except Exception:  # no record read yet: warcio has no offset to give
        return "at its start"
