"""Questions asked of the store: search, statements, events, actor profiles, statistics, exports."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from collections import Counter
from pathlib import Path

from ..corpus.names import keys, name_words
from .db import Store

KINDS = ("person", "organization", "country", "group", "other")


def _fts_query(text: str) -> str:
    """User words as an FTS5 query: every word must occur (prefix match on the last one)."""
    words = re.findall(r"\w+", text)
    if not words:
        return '""'
    return " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'


def like_escape(text: str) -> str:
    """``text`` matched literally inside a LIKE pattern: '%' and '_' are no wildcards."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def date_range(where: list[str], params: list, column: str, since: str | None, until: str | None) -> None:
    """Add the conditions 'column on or after since, on or before until' (a day; a time counts as its day)."""
    if since:
        where.append(f"{column} >= ?")
        params.append(since)
    if until:
        where.append(f"substr({column}, 1, 10) <= ?")
        params.append(until)


def find_corpus_actors(store: Store, name: str) -> list[int]:
    """Corpus actors a user's name refers to: by normalised key, then by surname, then by substring."""
    ids: list[int] = []
    for kind in KINDS:
        found = keys(name, kind)
        for key in ("full", "first_last"):
            if key in found:
                ids += [r[0] for r in store.db.execute(
                    "SELECT corpus_actor_id FROM actor_keys WHERE key = ?", (found[key],))]
    if not name_words(name):
        return []  # no word to look for: nobody, rather than everybody
    if len(name_words(name)) == 1:  # a bare surname ("Clinton", "Mrs. Clinton") names every person who bears it
        ids += [r[0] for r in store.db.execute(
            "SELECT corpus_actor_id FROM actor_keys WHERE key = ?", (keys(name, "person")["last"],))]
    if not ids:
        ids = [r[0] for r in store.db.execute(
            "SELECT id FROM corpus_actors WHERE name LIKE ? ESCAPE '\\' ORDER BY id", (f"%{like_escape(name)}%",))]
    return list(dict.fromkeys(ids))


def search(store: Store, text: str, limit: int = 20) -> list[dict]:
    rows = store.db.execute(
        "SELECT a.id, a.title, a.published, a.outlet, snippet(articles_fts, 1, '«', '»', ' … ', 16) AS snippet, "
        "bm25(articles_fts) AS rank FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
        "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?", (_fts_query(text), limit))
    return [dict(r) for r in rows]


def statements(store: Store, *, speaker: str | None = None, about: str | None = None, since: str | None = None,
               until: str | None = None, kind: str | None = None, outlet: str | None = None,
               article: str | None = None, speaker_id: int | None = None, unique_stories: bool = False,
               reviewed: bool = False, limit: int = 100, offset: int = 0, act: str | None = None) -> list[dict]:
    where, params = [], []
    if speaker or speaker_id is not None:
        ids = find_corpus_actors(store, speaker) if speaker else [speaker_id]
        if not ids:
            return []
        where.append(f"ac.corpus_actor_id IN ({','.join('?' * len(ids))})")
        params += ids
    if about:
        where.append("s.rowid IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)")
        params.append(f"content : ({_fts_query(about)})")
    date_range(where, params, "COALESCE(s.date, a.published)", since, until)
    for column, value in (("s.kind", kind), ("s.act", act), ("a.outlet", outlet), ("s.article_id", article)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    columns = ("s.article_id, s.id, s.kind, s.act, COALESCE(ca.name, s.speaker_text) AS speaker, s.cue, s.content, s.date, "
               "a.title, a.published, a.outlet, a.url, a.story_id, s.start, s.\"end\", ac.corpus_actor_id AS speaker_id")
    body = ("FROM statements s JOIN articles a ON a.id = s.article_id "
            "LEFT JOIN actors ac ON ac.article_id = s.article_id AND ac.local_id = s.speaker "
            "LEFT JOIN corpus_actors ca ON ca.id = ac.corpus_actor_id "
            + (("WHERE " + " AND ".join(where)) if where else ""))
    # A statement's date falls back to its article's, so s.date orders as COALESCE(s.date, a.published)
    # would, and an index serves it.
    return _finish(store, "statement", ("s", columns, body, "s.date, s.rowid"), params, reviewed, limit, offset,
                   unique_stories and (lambda r: (r["story_id"], r["speaker"], r["content"])))


def _finish(store: Store, target: str, query: tuple[str, str, str, str], params: list, reviewed: bool, limit: int,
            offset: int, story_key=None, expand=None) -> list[dict]:
    """The page [offset, offset + limit) of a query's rows, with their reviews (applied when ``reviewed``),
    one row per story when ``story_key`` is given. ``query`` is (table alias, columns, FROM … WHERE …, ORDER BY).

    Without reviews or story filtering SQL does the paging, and first on row ids alone: the joins then
    run for the rows of the page only, not for every row an offset skips."""
    from . import reviews

    alias, columns, body, order = query
    filtered = bool(story_key) or reviewed
    if filtered:
        rows = [dict(r) for r in store.db.execute(f"SELECT {columns} {body} ORDER BY {order}", params)]
    else:
        # With no condition the page comes from the table's own index, no join at all.
        source = body if " WHERE " in body else " ".join(body.split()[:3])
        page = f"SELECT {alias}.rowid {source} ORDER BY {order} LIMIT ? OFFSET ?"
        rows = [dict(r) for r in store.db.execute(
            f"SELECT {columns} {body.split(' WHERE ', 1)[0]} WHERE {alias}.rowid IN ({page}) ORDER BY {order}",
            [*params, limit, offset])]
    if expand:
        rows = expand(rows)
    rows = reviews.apply(store.db, target, rows) if reviewed else reviews.annotate(store.db, target, rows)
    if story_key:
        seen: set[tuple] = set()
        rows = [r for r in rows if (key := story_key(r)) not in seen and not seen.add(key)]
    return rows[offset:offset + limit] if filtered else rows


def events(store: Store, *, type: str | None = None, actor: str | None = None, place: str | None = None,
           since: str | None = None, until: str | None = None, all_modalities: bool = False,
           modality: str | None = None, outlet: str | None = None, article: str | None = None,
           unique_stories: bool = False, reviewed: bool = False, limit: int = 100, offset: int = 0) -> list[dict]:
    where, params = [], []
    if modality:
        where.append("e.modality = ?")
        params.append(modality)
    elif not all_modalities:
        where.append("e.modality = 'asserted' AND NOT e.background")  # the article's news, not its history
    if type:
        where.append("e.type = ?")
        params.append(type.upper())
    if actor:
        ids = find_corpus_actors(store, actor)
        if not ids:
            return []
        where.append("EXISTS (SELECT 1 FROM event_participants p JOIN actors ac ON ac.article_id = p.article_id "
                     f"AND ac.local_id = p.actor_id WHERE p.article_id = e.article_id AND p.event_id = e.id "
                     f"AND ac.corpus_actor_id IN ({','.join('?' * len(ids))}))")
        params += ids
    if place:
        where.append("EXISTS (SELECT 1 FROM places pl WHERE pl.article_id = e.article_id AND pl.id = e.place "
                     "AND (pl.name LIKE ? ESCAPE '\\' OR pl.country = ?))")
        params += [f"%{like_escape(place)}%", place.upper()]
    date_range(where, params, "e.date", since, until)
    for column, value in (("a.outlet", outlet), ("e.article_id", article)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    columns = ("e.article_id, e.id, e.type, e.mode, e.modality, e.date, e.evidence, a.title, a.outlet, a.url, "
               "a.story_id, e.start, e.\"end\", "
               "(SELECT name FROM places pl WHERE pl.article_id = e.article_id AND pl.id = e.place) AS place")
    body = "FROM events e JOIN articles a ON a.id = e.article_id " + (("WHERE " + " AND ".join(where)) if where else "")

    def participants(rows: list[dict]) -> list[dict]:
        """Each event's actors and recipients by name, in one query for the page."""
        for row in rows:
            row["actors"], row["recipients"] = [], []
        at = {(r["article_id"], r["id"]): r for r in rows}
        articles = sorted({r["article_id"] for r in rows})
        for i in range(0, len(articles), 300):
            chunk = articles[i:i + 300]
            for article_id, event_id, role, name in store.db.execute(
                    "SELECT p.article_id, p.event_id, p.role, COALESCE(ca.name, ac.name) FROM event_participants p "
                    "JOIN actors ac ON ac.article_id = p.article_id AND ac.local_id = p.actor_id "
                    "LEFT JOIN corpus_actors ca ON ca.id = ac.corpus_actor_id "
                    f"WHERE p.article_id IN ({','.join('?' * len(chunk))}) ORDER BY p.rowid", chunk):
                row = at.get((article_id, event_id))
                if row is not None:
                    row[role + "s"].append(name)
        return rows

    return _finish(store, "event", ("e", columns, body, "e.date, e.article_id, e.id"), params, reviewed, limit, offset,
                   unique_stories and (
        lambda r: (r["story_id"], r["type"], tuple(r["actors"]), tuple(r["recipients"]))), participants)


def actor_profile(store: Store, name: str) -> dict | None:
    ids = find_corpus_actors(store, name)
    if not ids:
        return None
    return corpus_actor_profile(store, ids[0], other_matches=ids[1:])


def corpus_actor_profile(store: Store, corpus_id: int, other_matches: list[int] = ()) -> dict | None:
    """The profile of corpus actor ``corpus_id``: names, roles, merge reasons, statements, events, counterparts."""
    head = store.db.execute("SELECT * FROM corpus_actors WHERE id = ?", (corpus_id,)).fetchone()
    if head is None:
        return None
    head = dict(head)
    links = [dict(r) for r in store.db.execute(
        "SELECT ac.article_id, ac.local_id, ac.name, ac.titles, ac.link_reason, a.published, a.title "
        "FROM actors ac JOIN articles a ON a.id = ac.article_id WHERE ac.corpus_actor_id = ? ORDER BY a.published",
        (corpus_id,))]
    mentions = Counter(r[0] for r in store.db.execute(
        "SELECT m.text FROM mentions m JOIN actors ac ON ac.article_id = m.article_id AND ac.local_id = m.actor_id "
        "WHERE ac.corpus_actor_id = ? AND m.form = 'name'", (corpus_id,)))
    roles: dict[str, list[str]] = {}
    for link in links:
        for title in json.loads(link["titles"] or "[]"):
            roles.setdefault(title, []).append((link["published"] or "")[:10])
    statements_ = [dict(r) for r in store.db.execute(
        "SELECT s.article_id, s.id, s.date, s.kind, s.content, a.title, a.published FROM statements s JOIN actors ac ON ac.article_id = s.article_id "
        "AND ac.local_id = s.speaker JOIN articles a ON a.id = s.article_id WHERE ac.corpus_actor_id = ? "
        "ORDER BY s.date", (corpus_id,))]
    events_ = [dict(r) for r in store.db.execute(
        "SELECT DISTINCT e.article_id, e.id, e.date, e.type, e.modality, e.evidence FROM events e "
        "JOIN event_participants p ON p.article_id = e.article_id AND p.event_id = e.id "
        "JOIN actors ac ON ac.article_id = p.article_id AND ac.local_id = p.actor_id "
        "WHERE ac.corpus_actor_id = ? ORDER BY e.date", (corpus_id,))]
    counterparts = Counter(r[0] for r in store.db.execute(
        "SELECT ca.name FROM event_participants p1 JOIN actors a1 ON a1.article_id = p1.article_id "
        "AND a1.local_id = p1.actor_id JOIN event_participants p2 ON p2.article_id = p1.article_id "
        "AND p2.event_id = p1.event_id AND p2.actor_id != p1.actor_id JOIN actors a2 ON a2.article_id = p2.article_id "
        "AND a2.local_id = p2.actor_id JOIN corpus_actors ca ON ca.id = a2.corpus_actor_id "
        "WHERE a1.corpus_actor_id = ?", (corpus_id,)))
    reasons = Counter(link["link_reason"] for link in links)
    return {"id": corpus_id, "name": head["name"], "kind": head["kind"], "country": head["country"],
            "kb_id": head["kb_id"], "articles": len({link["article_id"] for link in links}),
            "aliases": dict(mentions.most_common()), "names_in_articles": sorted({link["name"] for link in links}),
            "roles": {t: {"first": min(d), "last": max(d), "articles": len(d)} for t, d in roles.items()},
            "merge_reasons": dict(reasons.most_common()), "statements": statements_, "events": events_,
            "counterparts": dict(counterparts.most_common(10)), "other_matches": list(other_matches)}


def stats(store: Store) -> dict:
    counts = store.counts()
    first, last = store.db.execute("SELECT min(published), max(published) FROM articles").fetchone()
    stories = store.db.execute("SELECT count(DISTINCT story_id) FROM articles").fetchone()[0]
    kinds = dict(store.db.execute("SELECT raw_kind, count(*) FROM articles GROUP BY raw_kind ORDER BY 2 DESC").fetchall())
    languages = dict(store.db.execute("SELECT language, count(*) FROM articles GROUP BY language").fetchall())
    return {"counts": counts, "stories": stories, "first_published": first, "last_published": last,
            "sources_by_kind": kinds, "languages": languages, "schema_version": store.schema_version,
            "path": str(store.path)}


# ------------------------------------------------------------------ export

def export(store: Store, fmt: str, out: Path) -> list[Path]:
    """jsonl: one dateline.article/1 record per line. csv/parquet: one file per table, names and
    articles joined in (store/exports.py). polecat: one row per event, PLOVER/POLECAT layout."""
    from .exports import export_tables, write_polecat

    if fmt == "jsonl":
        with open(out, "w", encoding="utf-8") as fh:
            for record in store.records():
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        return [out]
    if fmt == "polecat":
        return [write_polecat(store.records(), out)]
    return export_tables(store.db, fmt, out)


def network(store: Store, fmt: str, out: Path) -> Path:
    """Actor interaction network: corpus actors as nodes, events and addressed statements as weighted edges."""
    import networkx as nx

    graph = nx.Graph()
    for corpus_id, name, kind, country in store.db.execute("SELECT id, name, kind, country FROM corpus_actors"):
        graph.add_node(corpus_id, label=name, kind=kind, country=country or "")
    pairs = store.db.execute(
        "SELECT a1.corpus_actor_id, a2.corpus_actor_id, 'event' FROM event_participants p1 "
        "JOIN event_participants p2 ON p2.article_id = p1.article_id AND p2.event_id = p1.event_id AND p2.actor_id > p1.actor_id "
        "JOIN actors a1 ON a1.article_id = p1.article_id AND a1.local_id = p1.actor_id "
        "JOIN actors a2 ON a2.article_id = p2.article_id AND a2.local_id = p2.actor_id "
        "UNION ALL SELECT a1.corpus_actor_id, a2.corpus_actor_id, 'statement' FROM statements s "
        "JOIN actors a1 ON a1.article_id = s.article_id AND a1.local_id = s.speaker "
        "JOIN actors a2 ON a2.article_id = s.article_id AND a2.local_id = s.addressee").fetchall()
    for a, b, kind in pairs:
        if a is None or b is None or a == b:
            continue
        data = graph.get_edge_data(a, b) or {"weight": 0, "events": 0, "statements": 0}
        data["weight"] += 1
        data["events" if kind == "event" else "statements"] += 1
        graph.add_edge(a, b, **data)
    if fmt == "graphml":
        nx.write_graphml(graph, out)
    elif fmt == "gexf":
        nx.write_gexf(graph, out)
    else:
        raise ValueError(f"unknown network format {fmt!r}")
    return out


def to_csv(rows: list[dict]) -> str:
    if not rows:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows({k: json.dumps(v) if isinstance(v, (list, dict)) else v for k, v in r.items()} for r in rows)
    return buffer.getvalue()


def sqlite_version() -> str:
    return sqlite3.sqlite_version
