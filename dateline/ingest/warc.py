"""WARC and WARC.gz archives with warcio: HTML responses only, streamed in constant memory."""

from __future__ import annotations

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


def read_warc(path: Path) -> Iterator[WarcPage | InputError]:
    """Yield each HTML response; a broken archive ends with one InputError saying where."""
    with open(path, "rb") as stream:
        records = ArchiveIterator(stream)
        try:
            for record in records:
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                content_type = (record.http_headers.get_header("Content-Type") or "").lower()
                if "html" not in content_type:
                    continue
                body = record.content_stream().read(MAX_RECORD_BYTES + 1)
                if len(body) > MAX_RECORD_BYTES:
                    continue
                yield WarcPage(records.get_record_offset(), record.rec_headers.get_header("WARC-Target-URI"),
                               record.rec_headers.get_header("WARC-Date"), body)
        except Exception as exc:  # warcio and zlib raise many kinds on truncated or corrupt archives
            yield InputError(f"broken archive after offset {records.get_record_offset()}: {type(exc).__name__}: {exc}")
