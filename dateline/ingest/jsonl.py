"""JSON Lines: one article per line with ``text`` and optional title, published, url, outlet, id."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import InputError


@dataclass
class JsonRecord:
    line: int
    fields: dict
    raw: bytes


def read_jsonl(stream) -> Iterator[JsonRecord | InputError]:
    """Yield each record; a broken line yields an InputError and the rest goes on."""
    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        try:
            fields = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield InputError(f"line {number}: invalid JSON ({exc.msg if hasattr(exc, 'msg') else exc})")
            continue
        if not isinstance(fields, dict) or not isinstance(fields.get("text"), str) or not fields["text"].strip():
            yield InputError(f"line {number}: no 'text' field")
            continue
        yield JsonRecord(number, fields, raw)
