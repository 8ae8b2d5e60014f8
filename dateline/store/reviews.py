"""Analysts' reviews of statements and events: a verdict (correct/wrong) or a corrected field.

A review is kept in its own table with who made it, when, the value it replaces and the record's
evidence span (the statement's content, the event's evidence). Records are matched to reviews by
that span, not by their article-local id, so a review survives ``dateline reanalyze`` as long as the
new analysis finds the same words. ``apply`` gives rows as reviewed: a record judged wrong is dropped,
corrected fields replace the extracted ones; ``annotate`` only marks rows with their reviews.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime, timezone

from ..model import EVENT_TYPES, MODALITIES

TARGETS = ("statement", "event")
FIELDS = {"statement": ("verdict", "speaker"), "event": ("verdict", "type", "modality", "place")}
VERDICTS = ("correct", "wrong")
MAX_VALUE = 200  # a corrected name or type, not a text
# The column of a query row that each corrected field replaces.
ROW_FIELD = {"speaker": "speaker", "type": "type", "modality": "modality", "place": "place"}


class ReviewError(ValueError):
    """A review that cannot be stored (unknown record or field, bad value)."""


def _record_span(db: sqlite3.Connection, target: str, article_id: str, record_id: str) -> sqlite3.Row | None:
    table = "statements" if target == "statement" else "events"
    return db.execute(f'SELECT * FROM {table} WHERE article_id = ? AND id = ?', (article_id, record_id)).fetchone()


def _original(db: sqlite3.Connection, target: str, row: sqlite3.Row, field: str) -> str | None:
    if field == "verdict":
        return None
    if field == "speaker":
        name = db.execute("SELECT name FROM actors WHERE article_id = ? AND local_id = ?",
                          (row["article_id"], row["speaker"])).fetchone()
        return name[0] if name else row["speaker_text"]
    if field == "place":
        name = db.execute("SELECT name FROM places WHERE article_id = ? AND id = ?",
                          (row["article_id"], row["place"])).fetchone()
        return name[0] if name else None
    return row[field]


def validate(target: str, field: str, value: str) -> str:
    """``value`` cleaned for ``field`` of a ``target`` record, or a ReviewError saying why not."""
    if target not in TARGETS:
        raise ReviewError(f"target must be one of {', '.join(TARGETS)}")
    if field not in FIELDS[target]:
        raise ReviewError(f"a {target} review corrects one of {', '.join(FIELDS[target])}")
    value = " ".join((value or "").split())
    if not value or len(value) > MAX_VALUE:
        raise ReviewError(f"the value must hold 1 to {MAX_VALUE} characters")
    if field == "verdict" and value not in VERDICTS:
        raise ReviewError("a verdict is 'correct' or 'wrong'")
    if field == "type":
        value = value.upper()
        if value not in EVENT_TYPES:
            raise ReviewError("not a PLOVER event type")
    if field == "modality" and value not in MODALITIES:
        raise ReviewError(f"modality is one of {', '.join(MODALITIES)}")
    return value


def add(db: sqlite3.Connection, *, target: str, article_id: str, record_id: str, field: str, value: str,
        reviewer: str, note: str | None = None) -> dict:
    """Store one review of the record ``record_id`` of ``article_id``; returns it."""
    value = validate(target, field, value)
    reviewer = " ".join((reviewer or "").split())[:MAX_VALUE] or "analyst"
    row = _record_span(db, target, article_id, record_id)
    if row is None:
        raise ReviewError(f"no {target} {record_id!r} in article {article_id!r}")
    review = {"article_id": article_id, "target": target, "start": row["start"], "end": row["end"],
              "record_id": record_id, "field": field, "value": value, "original": _original(db, target, row, field),
              "reviewer": reviewer, "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "note": (note or "")[:1000] or None}
    cursor = db.execute(
        'INSERT INTO reviews (article_id, target, start, "end", record_id, field, value, original, reviewer, created, '
        "note) VALUES (:article_id, :target, :start, :end, :record_id, :field, :value, :original, :reviewer, :created, "
        ":note)", review)
    return {"id": cursor.lastrowid, **review}


def listing(db: sqlite3.Connection, *, article_id: str | None = None, limit: int = 100, offset: int = 0) -> list[dict]:
    """Reviews, newest first (of one article when ``article_id`` is given)."""
    where, params = ("WHERE article_id = ?", [article_id]) if article_id else ("", [])
    return [dict(r) for r in db.execute(
        f"SELECT * FROM reviews {where} ORDER BY id DESC LIMIT ? OFFSET ?", [*params, limit, offset])]


def current(db: sqlite3.Connection, target: str, keys: Iterable[tuple[str, int, int]]) -> dict[tuple, dict[str, dict]]:
    """The latest review of each field for records keyed (article_id, start, end)."""
    keys = list(dict.fromkeys(keys))
    found: dict[tuple, dict[str, dict]] = {}
    for i in range(0, len(keys), 300):
        chunk = keys[i:i + 300]
        articles = sorted({k[0] for k in chunk})
        rows = db.execute(
            f'SELECT * FROM reviews WHERE target = ? AND article_id IN ({",".join("?" * len(articles))}) ORDER BY id',
            [target, *articles])
        wanted = set(chunk)
        for r in rows:
            key = (r["article_id"], r["start"], r["end"])
            if key in wanted:
                found.setdefault(key, {})[r["field"]] = dict(r)
    return found


def annotate(db: sqlite3.Connection, target: str, rows: list[dict]) -> list[dict]:
    """Each row with a ``review`` entry (field → value) where an analyst reviewed its record."""
    found = current(db, target, [(r["article_id"], r["start"], r["end"]) for r in rows])
    for row in rows:
        reviews = found.get((row["article_id"], row["start"], row["end"]))
        if reviews:
            row["review"] = {field: r["value"] for field, r in reviews.items()}
    return rows


def apply(db: sqlite3.Connection, target: str, rows: list[dict]) -> list[dict]:
    """Rows as reviewed: records judged wrong dropped, corrected fields in place of the extracted ones."""
    kept = []
    for row in annotate(db, target, rows):
        review = row.get("review", {})
        if review.get("verdict") == "wrong":
            continue
        for field, value in review.items():
            column = ROW_FIELD.get(field)
            if column:
                row[column] = value
        kept.append(row)
    return kept
