"""An analysed article as table rows: the one flattening behind the SQLite store and the Parquet datasets.

Each table is a list of column names and a function from the record to tuples in that order;
``article_id`` comes first in every table.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..model import AnalyzedArticle

COLUMNS: dict[str, tuple[str, ...]] = {
    "actors": ("article_id", "local_id", "name", "kind", "country", "titles"),
    "mentions": ("article_id", "actor_id", "start", "end", "text", "form"),
    "statements": ("article_id", "id", "kind", "speaker", "speaker_text", "cue", "content", "start", "end", "date",
                   "date_basis", "addressee", "event", "confidence", "act"),
    "events": ("article_id", "id", "type", "mode", "modality", "date", "date_basis", "place", "evidence",
               "confidence", "start", "end", "background"),
    "event_participants": ("article_id", "event_id", "role", "actor_id"),
    "places": ("article_id", "id", "name", "country", "admin1", "lat", "lon", "geonames_id", "feature"),
    "times": ("article_id", "start", "end", "text", "type", "value"),
}


def _actors(result: AnalyzedArticle) -> Iterator[tuple]:
    for a in result.actors:
        yield result.article.id, a.id, a.name, a.kind, a.country, json.dumps(a.titles)


def _mentions(result: AnalyzedArticle) -> Iterator[tuple]:
    for a in result.actors:
        for m in a.mentions:
            yield result.article.id, a.id, m.start, m.end, m.text, m.form


def _statements(result: AnalyzedArticle) -> Iterator[tuple]:
    names = {a.id: a.name for a in result.actors}
    for s in result.statements:
        speaker_text = names.get(s.speaker) or (s.speaker_mention.text if s.speaker_mention else None)
        yield (result.article.id, s.id, s.kind, s.speaker, speaker_text, s.cue.text if s.cue else None, s.content.text,
               s.content.start, s.content.end, s.date, s.date_basis, s.addressee, s.event, s.confidence, s.act)


def _events(result: AnalyzedArticle) -> Iterator[tuple]:
    for e in result.events:
        yield (result.article.id, e.id, e.type, e.mode, e.modality, e.date.value if e.date else None,
               e.date.basis if e.date else None, e.place, e.evidence.text, e.confidence, e.evidence.start, e.evidence.end,
               int(e.background))


def _participants(result: AnalyzedArticle) -> Iterator[tuple]:
    for e in result.events:
        yield from ((result.article.id, e.id, "actor", a) for a in e.actors)
        yield from ((result.article.id, e.id, "recipient", a) for a in e.recipients)


def _places(result: AnalyzedArticle) -> Iterator[tuple]:
    for p in result.places:
        yield result.article.id, p.id, p.name, p.country, p.admin1, p.lat, p.lon, p.geonames_id, p.feature


def _times(result: AnalyzedArticle) -> Iterator[tuple]:
    for t in result.times:
        yield result.article.id, t.start, t.end, t.text, t.type, t.value


_ROWS = {"actors": _actors, "mentions": _mentions, "statements": _statements, "events": _events,
         "event_participants": _participants, "places": _places, "times": _times}


def record_rows(result: AnalyzedArticle) -> dict[str, list[tuple]]:
    """Every table's rows for one analysed article, in record order."""
    return {table: list(rows(result)) for table, rows in _ROWS.items()}


def insert_sql(table: str, extra: tuple[str, ...] = ()) -> str:
    """``INSERT INTO table (…) VALUES (?, …)`` for the table's columns and ``extra`` ones after them."""
    columns = COLUMNS[table] + extra
    quoted = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' * len(columns))})"
