"""JSON Lines, and the JSON of neighbouring tools: one article per record.

dateline's own records carry ``text`` and optional ``title``, ``published``, ``url``, ``outlet``,
``authors`` and ``id``. The JSON that trafilatura writes (``text``, ``date``, ``author``,
``hostname``/``sitename``, ``source`` as the URL) and news-please's (``maintext``, ``date_publish``,
``authors``, ``source_domain``) are read too, field for field (``FIELD_NAMES``). A file may hold one
record per line, or one pretty-printed object, or a list of objects.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..errors import InputError

# dateline's field → the names other tools give it, in order of preference.
FIELD_NAMES = {
    "text": ("text", "maintext", "raw_text", "articleBody", "content", "body"),
    "title": ("title", "headline"),
    "published": ("published", "date_publish", "datePublished", "date", "publish_date", "pubdate"),
    "url": ("url", "source", "link", "canonical_url"),
    "outlet": ("outlet", "sitename", "source_domain", "source-hostname", "hostname", "publisher"),
    "authors": ("authors", "author", "byline"),
    "id": ("id",),
    "language": ("language",),
}


@dataclass
class JsonRecord:
    line: int
    fields: dict
    raw: bytes


def normalise_fields(record: dict) -> dict:
    """A record of any of the known layouts as dateline's fields; wrong types are refused."""
    fields: dict = {}
    for ours, names in FIELD_NAMES.items():
        value = next((record[n] for n in names if record.get(n) not in (None, "", [])), None)
        if value is None:
            continue
        if ours == "authors":
            if isinstance(value, str):
                value = [value]  # "Jane Doe; John Roe": page_meta.clean_authors splits it
            if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
                raise InputError(f"field {ours!r} must be a string or a list of strings, not {type(value).__name__}")
        elif ours == "url" and isinstance(value, str) and not value.startswith(("http://", "https://")):
            continue  # trafilatura's "source" can be a file name
        elif ours == "id" and isinstance(value, int | float):
            value = str(value)
        elif not isinstance(value, str):
            raise InputError(f"field {ours!r} must be a string, not {type(value).__name__}")
        fields[ours] = value
    return fields


def _records(parsed, number: int, raw: bytes) -> Iterator[JsonRecord | InputError]:
    items = parsed if isinstance(parsed, list) else [parsed]
    for item in items:
        if not isinstance(item, dict):
            yield InputError(f"line {number}: not a JSON object")
            continue
        try:
            fields = normalise_fields(item)
        except InputError as exc:
            yield InputError(f"line {number}: {exc}")
            continue
        if not fields.get("text", "").strip():
            yield InputError(f"line {number}: no 'text' field (nor 'maintext', 'raw_text', 'articleBody')")
            continue
        yield JsonRecord(number, fields, raw if len(items) == 1 else json.dumps(item, sort_keys=True).encode())


def read_jsonl(stream: Iterable[bytes]) -> Iterator[JsonRecord | InputError]:
    """Yield each record; a broken line yields an InputError and the rest goes on."""
    lines = iter(stream)
    buffered: list[bytes] = []
    for raw in lines:
        if raw.strip():
            buffered.append(raw)
            break
    if buffered and not buffered[0].strip().endswith((b"}", b"]")):
        # One object spread over lines (a pretty-printed file): read it whole.
        whole = b"".join(buffered + list(lines))
        try:
            yield from _records(json.loads(whole), 1, whole)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield InputError(f"invalid JSON ({exc.msg if hasattr(exc, 'msg') else exc})")
        return
    number = 0
    for number, raw in enumerate([*buffered, *lines], start=1):
        if not raw.strip():
            continue
        try:
            parsed = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield InputError(f"line {number}: invalid JSON ({exc.msg if hasattr(exc, 'msg') else exc})")
            continue
        yield from _records(parsed, number, raw)


def trafilatura_xml_record(raw: bytes) -> JsonRecord | InputError:
    """trafilatura's XML output (``<doc title= author= date= url= …><main><p>…``) as one record: the
    attributes are its metadata, the paragraphs of ``<main>`` its text."""
    import lxml.etree

    try:
        root = lxml.etree.fromstring(raw, parser=lxml.etree.XMLParser(resolve_entities=False, no_network=True))
    except lxml.etree.XMLSyntaxError as exc:
        return InputError(f"invalid XML ({exc})")
    main = root.find("main") if root.tag == "doc" else None
    if main is None:
        return InputError("not trafilatura XML: no <doc><main>")
    paragraphs = [" ".join("".join(element.itertext()).split()) for element in main]
    record = {**dict(root.attrib), "text": "\n\n".join(p for p in paragraphs if p)}
    head = main.find("head")
    if record.get("title") and head is not None and paragraphs and paragraphs[0] == record["title"]:
        record["text"] = "\n\n".join(paragraphs[1:])
    return next(_records(record, 1, raw))
