"""Exports researchers load as they are: one file per table, typed, with names and articles joined in.

- csv and parquet: ``articles``, ``statements``, ``events``, ``event_participants``, ``actors``,
  ``places``, ``times``, ``reviews`` (analysts' verdicts and corrections): every statement and event row carries its article's title, outlet, URL and
  date, every local actor id its name and corpus actor. CSV files always have their header.
  Parquet columns are typed: ``published_utc`` a timestamp with zone (where the source gives an
  offset), ``published_date``/``date`` dates, ``titles`` a list of strings.
- polecat: one row per event in the layout of the PLOVER/POLECAT event data (type, mode, actor and
  recipient with ISO alpha-3 country and PLOVER sector, date, place with coordinates, modality, source
  URL, evidence). The GDELT-like names of its columns are in ``GDELT_COLUMNS``.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timezone
from pathlib import Path

import pycountry

TABLES = {
    "articles": "SELECT * FROM article_list",
    "statements": "SELECT * FROM statement_list",
    "events": "SELECT * FROM event_list",
    "event_participants": """SELECT p.article_id, p.event_id, p.role, p.actor_id, x.name AS actor_name,
                                    x.corpus_actor_id FROM event_participants p
                             LEFT JOIN actors x ON x.article_id = p.article_id AND x.local_id = p.actor_id""",
    "actors": "SELECT * FROM actor_list",
    "places": "SELECT * FROM places",
    "times": "SELECT * FROM times",
    "reviews": "SELECT * FROM reviews",
}

POLECAT_COLUMNS = ["event_id", "article_id", "story_date", "event_date", "event_type", "mode", "modality",
                   "actor", "actor_country", "actor_sector", "recipient", "recipient_country", "recipient_sector",
                   "place", "place_country", "latitude", "longitude", "geonames_id", "trigger", "evidence",
                   "statement_id", "confidence", "url", "outlet", "title"]
# Where a GDELT 2.0 event user finds each column (dateline's name → GDELT's).
GDELT_COLUMNS = {
    "event_id": "GLOBALEVENTID", "event_date": "SQLDATE", "event_type": "EventRootCode (PLOVER type, not CAMEO)",
    "actor": "Actor1Name", "actor_country": "Actor1CountryCode", "actor_sector": "Actor1Type1Code",
    "recipient": "Actor2Name", "recipient_country": "Actor2CountryCode", "recipient_sector": "Actor2Type1Code",
    "place": "ActionGeo_FullName", "place_country": "ActionGeo_CountryCode (ISO alpha-3, not FIPS)",
    "latitude": "ActionGeo_Lat", "longitude": "ActionGeo_Long", "geonames_id": "ActionGeo_FeatureID",
    "url": "SOURCEURL", "story_date": "DATEADDED",
}

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _alpha3(alpha2: str | None) -> str | None:
    if not alpha2:
        return None
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country else None


def polecat_rows(records: Iterable[dict]) -> Iterator[dict]:
    """One row per event of each ``dateline.article/1`` record."""
    for record in records:
        article = record["article"]
        actors = {a["id"]: a for a in record["actors"]}
        places = {p["id"]: p for p in record["places"]}
        for event in record["events"]:
            def party(ids: list[str]) -> tuple[str | None, str | None, str | None]:
                found = [actors[i] for i in ids if i in actors]
                if not found:
                    return None, None, None
                return ("; ".join(a["name"] for a in found), "; ".join(a["country"] or "" for a in found) or None,
                        "; ".join(a["sector"] or "" for a in found) or None)

            actor, actor_country, actor_sector = party(event["actors"])
            recipient, recipient_country, recipient_sector = party(event["recipients"])
            place = places.get(event["place"]) if event["place"] else None
            yield {
                "event_id": f"{article['id']}:{event['id']}", "article_id": article["id"],
                "story_date": article.get("published"), "event_date": (event.get("date") or {}).get("value"),
                "event_type": event["type"], "mode": event.get("mode"), "modality": event["modality"],
                "actor": actor, "actor_country": actor_country, "actor_sector": actor_sector,
                "recipient": recipient, "recipient_country": recipient_country, "recipient_sector": recipient_sector,
                "place": place["name"] if place else None, "place_country": _alpha3(place["country"]) if place else None,
                "latitude": place["lat"] if place else None, "longitude": place["lon"] if place else None,
                "geonames_id": place["geonames_id"] if place else None,
                "trigger": (event.get("trigger") or {}).get("text"), "evidence": event["evidence"]["text"],
                "statement_id": event.get("statement"), "confidence": event["confidence"],
                "url": article.get("url"), "outlet": article.get("outlet"), "title": article.get("title"),
            }


def write_polecat(records: Iterable[dict], out: Path) -> Path:
    """The event rows as CSV, or as JSON Lines when ``out`` ends in ``.jsonl``."""
    rows = polecat_rows(records)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        if out.suffix == ".jsonl":
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            writer = csv.DictWriter(fh, fieldnames=POLECAT_COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
    return out


def _published_utc(value: str | None) -> datetime | None:
    if not value or "T" not in value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(timezone.utc) if moment.tzinfo else None


def _day(value: str | None) -> date | None:
    if not value:
        return None
    head = value[:10]
    return date.fromisoformat(head) if _DAY.match(head) else None


def _typed_table(name: str, columns: list[str], rows: list[dict]):
    """A pyarrow table with dates as dates, times as UTC timestamps and lists as lists."""
    import pyarrow as pa

    data = {c: [r[c] for r in rows] for c in columns}
    fields = {}
    for column in columns:
        values = data[column]
        if column == "titles":
            fields[column] = pa.array([json.loads(v) if v else [] for v in values], pa.list_(pa.string()))
        elif column == "date":
            fields[column] = pa.array([_day(v) for v in values], pa.date32())
            fields["date_text"] = pa.array(values, pa.string())
        elif column == "published":
            fields[column] = pa.array(values, pa.string())
            fields["published_date"] = pa.array([_day(v) for v in values], pa.date32())
            fields["published_utc"] = pa.array([_published_utc(v) for v in values], pa.timestamp("s", tz="UTC"))
        else:
            fields[column] = pa.array(values)
    return pa.table(fields)


def export_tables(db, fmt: str, out: Path) -> list[Path]:
    """csv or parquet: one file per table in the directory ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, query in TABLES.items():
        cursor = db.execute(query)
        columns = [d[0] for d in cursor.description]
        rows = [dict(zip(columns, row)) for row in cursor]
        path = out / f"{name}.{fmt}"
        if fmt == "csv":
            with open(path, "w", encoding="utf-8", newline="") as fh:
                writer = csv.DictWriter(fh, fieldnames=columns)
                writer.writeheader()  # also for an empty table: a reader knows its columns
                writer.writerows(rows)
        elif fmt == "parquet":
            import pyarrow.parquet as pq

            pq.write_table(_typed_table(name, columns, rows), path)
        else:
            raise ValueError(f"unknown export format {fmt!r}")
        written.append(path)
    return written
