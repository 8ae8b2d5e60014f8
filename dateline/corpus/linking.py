"""Corpus actors: the same person or organisation across articles, with the reason for every merge."""

from __future__ import annotations

import sqlite3

from ..model import Actor
from .kb import KnowledgeBase
from .names import keys


def link_keys(actor: Actor) -> dict[str, str]:
    """The name keys an actor is linked by: its normalised names, or its country for a country."""
    if actor.kind == "country" and actor.country:
        return {"full": f"country:{actor.country}"}
    return keys(actor.name, actor.kind)


class ActorLinker:
    """Links each article actor to a corpus actor, creating one when nothing matches."""

    def __init__(self, db: sqlite3.Connection, kb: KnowledgeBase):
        self.db = db
        self.kb = kb

    def forget(self) -> None:
        """Nothing is cached outside the database; kept for symmetry with the story index."""

    def _find(self, key: str) -> list[int]:
        return [r[0] for r in self.db.execute(
            "SELECT corpus_actor_id FROM actor_keys WHERE key = ? ORDER BY corpus_actor_id", (key,))]

    def _most_linked(self, ids: list[int]) -> int:
        counts = {i: self.db.execute("SELECT count(*) FROM actors WHERE corpus_actor_id = ?", (i,)).fetchone()[0]
                  for i in ids}
        return max(ids, key=lambda i: (counts[i], -i))

    def _name(self, corpus_id: int) -> str:
        return self.db.execute("SELECT name FROM corpus_actors WHERE id = ?", (corpus_id,)).fetchone()[0]

    def _create(self, name: str, kind: str, country: str | None, kb_id: str | None = None) -> int:
        return self.db.execute("INSERT INTO corpus_actors (name, kind, country, kb_id) VALUES (?,?,?,?)",
                               (name, kind, country, kb_id)).lastrowid

    def _add_keys(self, corpus_id: int, found: dict[str, str]) -> None:
        self.db.executemany("INSERT OR IGNORE INTO actor_keys (key, corpus_actor_id) VALUES (?, ?)",
                            [(k, corpus_id) for k in found.values()])

    def link(self, actor: Actor, published: str | None = None, article_id: str | None = None) -> tuple[int, str]:
        """The corpus actor of ``actor`` and the reason of the link (``article_id`` is for linkers that
        were given their links, as ``dateline load`` is)."""
        kind = actor.kind
        found = link_keys(actor)
        entry = self.kb.lookup(actor.name, kind)
        if entry is not None:
            ids = [r[0] for r in self.db.execute("SELECT id FROM corpus_actors WHERE kb_id = ?", (entry.id,))]
            corpus_id = ids[0] if ids else self._create(entry.name, entry.kind, entry.country, entry.id)
            for alias in [entry.name, *entry.aliases]:
                self._add_keys(corpus_id, keys(alias, entry.kind))
            self._add_keys(corpus_id, found)
            return corpus_id, f"knowledge base entry {entry.name!r}"
        if ids := self._find(found["full"]):
            self._add_keys(corpus_id := ids[0], found)
            return corpus_id, f"same name as {self._name(corpus_id)!r} after normalising case, accents, titles and spelling"
        if "first_last" in found and (ids := self._find(found["first_last"])):
            self._add_keys(corpus_id := ids[0], found)
            return corpus_id, f"same first and last name as {self._name(corpus_id)!r}"
        if kind == "person" and "last" in found and "first_last" not in found and (ids := self._find(found["last"])):
            corpus_id = self._most_linked(ids)
            return corpus_id, f"surname of {self._name(corpus_id)!r}, the most-mentioned person of that name"
        if kind == "person" and "first_last" in found:
            surname_only = self._find("person:" + found["last"].split(":", 1)[1])
            if surname_only:
                corpus_id = surname_only[0]
                earlier = self._name(corpus_id)
                self.db.execute("UPDATE corpus_actors SET name = ? WHERE id = ?", (actor.name, corpus_id))
                self._add_keys(corpus_id, found)
                return corpus_id, f"full name of the earlier {earlier!r}"
        corpus_id = self._create(actor.name, kind, actor.country)
        self._add_keys(corpus_id, found)
        return corpus_id, "first seen here"
