"""Browsing the store: filtered, paginated article and actor lists with facet counts, one article
with its records and reviews, and the actor-interaction network. The web workspace and its JSON API
call these, as the CLI calls ``queries``."""

from __future__ import annotations

from collections import Counter
from datetime import date

from .db import Store
from .queries import _fts_query, date_range, find_corpus_actors

FACET_SIZE = 12


def _article_filters(store: Store, *, q: str | None = None, outlet: str | None = None, since: str | None = None,
                     until: str | None = None, speaker: str | None = None, type: str | None = None,
                     modality: str | None = None) -> tuple[list[str], list] | None:
    """WHERE clauses over ``articles a`` for the filters; None when a name matches nobody."""
    where, params = [], []
    if q:
        where.append("a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(_fts_query(q))
    if outlet:
        where.append("a.outlet = ?")
        params.append(outlet)
    date_range(where, params, "a.published", since, until)
    if speaker:
        ids = find_corpus_actors(store, speaker)
        if not ids:
            return None
        where.append("EXISTS (SELECT 1 FROM statements s JOIN actors ac ON ac.article_id = s.article_id "
                     "AND ac.local_id = s.speaker WHERE s.article_id = a.id "
                     f"AND ac.corpus_actor_id IN ({','.join('?' * len(ids))}))")
        params += ids
    if type or modality:
        clauses = ["e.article_id = a.id"]
        for column, value in (("e.type", (type or "").upper()), ("e.modality", modality)):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        where.append(f"EXISTS (SELECT 1 FROM events e WHERE {' AND '.join(clauses)})")
    return where, params


NO_FACETS = {"outlet": [], "type": [], "modality": []}


def articles(store: Store, *, limit: int = 20, offset: int = 0, facets=None, **filters) -> dict:
    """Articles matching the filters (q: words of the text; outlet; since/until; speaker; event type
    and modality), newest first or best match first, with the total and facet counts (``facets`` may
    give them, e.g. from a cache: a function of the filters)."""
    found = _article_filters(store, **filters)
    if found is None:
        return {"total": 0, "items": [], "facets": NO_FACETS}
    where, params = found
    condition = ("WHERE " + " AND ".join(where)) if where else ""
    total = store.db.execute(f"SELECT count(*) FROM articles a {condition}", params).fetchone()[0]
    order = "a.published DESC, a.rowid DESC"
    select = ("SELECT a.id, a.title, a.published, a.outlet, a.url, "
              "(SELECT count(*) FROM statements s WHERE s.article_id = a.id) AS statements, "
              "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events")
    if filters.get("q"):
        # Ranked by the text search, with a snippet of where the words are.
        rows = store.db.execute(
            f"{select}, snippet(articles_fts, 1, '«', '»', ' … ', 16) AS snippet FROM articles_fts "
            f"JOIN articles a ON a.rowid = articles_fts.rowid {condition} AND articles_fts MATCH ? "
            "ORDER BY bm25(articles_fts) LIMIT ? OFFSET ?", [*params, _fts_query(filters["q"]), limit, offset])
    else:
        rows = store.db.execute(f"{select} FROM articles a {condition} ORDER BY {order} LIMIT ? OFFSET ?",
                                [*params, limit, offset])
    return {"total": total, "items": [dict(r) for r in rows],
            "facets": facets(filters) if facets else article_facets(store, **filters)}


def article_facets(store: Store, **filters) -> dict[str, list[tuple[str, int]]]:
    """How many of the articles matching ``filters`` fall under each outlet, event type and modality."""
    found = _article_filters(store, **filters)
    if found is None:
        return NO_FACETS
    where, params = found
    condition = ("WHERE " + " AND ".join(where)) if where else ""
    inner = f"SELECT a.id FROM articles a {condition}"
    outlets = store.db.execute(
        f"SELECT a.outlet, count(*) FROM articles a {condition} GROUP BY a.outlet ORDER BY 2 DESC, 1 LIMIT ?",
        [*params, FACET_SIZE])
    among = f"WHERE e.article_id IN ({inner})" if where else ""
    types = store.db.execute(
        f"SELECT e.type, count(DISTINCT e.article_id) FROM events e {among} "
        "GROUP BY e.type ORDER BY 2 DESC, 1 LIMIT ?", [*params, FACET_SIZE])
    modalities = store.db.execute(
        f"SELECT e.modality, count(DISTINCT e.article_id) FROM events e {among} "
        "GROUP BY e.modality ORDER BY 2 DESC, 1", params)
    return {"outlet": [(r[0], r[1]) for r in outlets if r[0]], "type": [tuple(r) for r in types],
            "modality": [tuple(r) for r in modalities]}


def article(store: Store, article_id: str) -> dict | None:
    """One stored article: its record, its source, story copies and its reviews."""
    from . import reviews

    row = store.db.execute(
        "SELECT a.id, a.story_id, a.extractor_version, s.locator FROM articles a JOIN sources s ON s.id = a.source_id "
        "WHERE a.id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    corpus_ids = dict(store.db.execute(
        "SELECT local_id, corpus_actor_id FROM actors WHERE article_id = ?", (article_id,)).fetchall())
    copies = [r[0] for r in store.db.execute(
        "SELECT id FROM articles WHERE story_id = ? AND id != ? ORDER BY rowid LIMIT 20", (row["story_id"], article_id))]
    return {"id": row["id"], "source": row["locator"], "extractor_version": row["extractor_version"],
            "record": store.record(article_id), "corpus_actor_ids": corpus_ids, "copies": copies,
            "reviews": reviews.listing(store.db, article_id=article_id, limit=1000)}


def actors(store: Store, *, q: str | None = None, kind: str | None = None, limit: int = 50,
           offset: int = 0) -> dict:
    """Corpus actors, most mentioned first, by any name of theirs (q) and kind."""
    where, params = [], []
    if q:
        ids = find_corpus_actors(store, q)
        if not ids:
            return {"total": 0, "items": []}
        where.append(f"ca.id IN ({','.join('?' * len(ids))})")
        params += ids
    if kind:
        where.append("ca.kind = ?")
        params.append(kind)
    condition = ("WHERE " + " AND ".join(where)) if where else ""
    total = store.db.execute(f"SELECT count(*) FROM corpus_actors ca {condition}", params).fetchone()[0]
    rows = store.db.execute(
        f"SELECT ca.id, ca.name, ca.kind, ca.country, ca.kb_id, "
        "(SELECT count(*) FROM actors x WHERE x.corpus_actor_id = ca.id) AS articles "
        f"FROM corpus_actors ca {condition} ORDER BY articles DESC, ca.id LIMIT ? OFFSET ?", [*params, limit, offset])
    return {"total": total, "items": [dict(r) for r in rows]}


def weekly(dates: list[str | None]) -> list[tuple[str, int]]:
    """Counts per ISO week (its Monday) of the dated items, in order."""
    weeks: Counter[str] = Counter()
    for value in dates:
        try:
            day = date.fromisoformat((value or "")[:10])
        except ValueError:
            continue
        weeks[date.fromordinal(day.toordinal() - day.weekday()).isoformat()] += 1
    return sorted(weeks.items())


def network(store: Store, *, since: str | None = None, until: str | None = None, type: str | None = None,
            actor: str | None = None, limit: int = 200) -> dict:
    """Who acts on whom: corpus-actor pairs linked by events (actor → recipient) and by statements
    addressed to someone (speaker → addressee), with counts and the event types, strongest first."""
    where, params = [], []
    date_range(where, params, "x.day", since, until)
    if type:
        where.append("x.type = ?")
        params.append(type.upper())
    if actor:
        ids = find_corpus_actors(store, actor)
        if not ids:
            return {"nodes": [], "edges": []}
        marks = ",".join("?" * len(ids))
        where.append(f"(x.source IN ({marks}) OR x.target IN ({marks}))")
        params += ids + ids
    pairs = """
        SELECT s1.corpus_actor_id AS source, s2.corpus_actor_id AS target, e.type AS type, e.date AS day
        FROM events e
        JOIN event_participants p1 ON p1.article_id = e.article_id AND p1.event_id = e.id AND p1.role = 'actor'
        JOIN event_participants p2 ON p2.article_id = e.article_id AND p2.event_id = e.id AND p2.role = 'recipient'
        JOIN actors s1 ON s1.article_id = p1.article_id AND s1.local_id = p1.actor_id
        JOIN actors s2 ON s2.article_id = p2.article_id AND s2.local_id = p2.actor_id
        UNION ALL
        SELECT s1.corpus_actor_id, s2.corpus_actor_id, 'STATEMENT', st.date
        FROM statements st
        JOIN actors s1 ON s1.article_id = st.article_id AND s1.local_id = st.speaker
        JOIN actors s2 ON s2.article_id = st.article_id AND s2.local_id = st.addressee"""
    condition = ("WHERE x.source != x.target" + "".join(f" AND {w}" for w in where))
    rows = store.db.execute(
        f"SELECT x.source, x.target, count(*) AS weight, group_concat(DISTINCT x.type) AS types "
        f"FROM ({pairs}) x {condition} GROUP BY x.source, x.target ORDER BY weight DESC, x.source, x.target LIMIT ?",
        [*params, limit]).fetchall()
    edges = [{"source": r["source"], "target": r["target"], "weight": r["weight"],
              "types": sorted((r["types"] or "").split(","))} for r in rows]
    ids = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    names = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        names.update({r[0]: (r[1], r[2]) for r in store.db.execute(
            f"SELECT id, name, kind FROM corpus_actors WHERE id IN ({','.join('?' * len(chunk))})", chunk)})
    nodes = [{"id": i, "name": names.get(i, ("?", "other"))[0], "kind": names.get(i, ("?", "other"))[1]} for i in ids]
    return {"nodes": nodes, "edges": edges}


def outlets(store: Store) -> list[str]:
    return [r[0] for r in store.db.execute("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY 1")]


