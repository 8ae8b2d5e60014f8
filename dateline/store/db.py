"""The SQLite store: one writer, WAL, foreign keys, forward migrations, a transaction per batch.

Each analysed article is kept whole (its ``dateline.article/1`` JSON, so nothing is
lost in the round trip) and also spread over query tables: actors linked to corpus
actors, statements, events and their participants, places and times, with FTS5
indexes over article text and statement content.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .. import __version__
from ..corpus.dedup import StoryIndex
from ..corpus.kb import KnowledgeBase
from ..corpus.linking import ActorLinker
from ..ingest.sources import Document
from ..model import AnalyzedArticle
from .rows import insert_sql, record_rows
from .schema import LATEST, MIGRATIONS

DEFAULT_PATH = "dateline.db"
BUSY_TIMEOUT_S = 60  # a second writer waits this long for the first


def default_path() -> Path:
    return Path(os.environ.get("DATELINE_DB") or DEFAULT_PATH)


class StoreError(Exception):
    """The store file cannot be used."""


class Store:
    """A corpus store at ``path``; created and migrated on open."""

    def __init__(self, path: Path | str, *, kb: KnowledgeBase | None = None, create: bool = True,
                 readonly: bool = False):
        """Open the store at ``path``; ``create=False`` (the query commands) refuses a missing file
        instead of making an empty store; ``readonly=True`` (the web app's readers) opens it read-only,
        with no migration and no linker, and needs a store already at the latest schema."""
        self.path = Path(path)
        if (readonly or not create) and not self.path.is_file():
            raise StoreError(f"no store at {self.path} (ingest something first, or give --db)")
        self._stories = None
        if readonly:
            self._open_readonly()
            return
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_S)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot use {self.path} as a store: {exc}") from None
        self.linker = ActorLinker(self.db, kb or KnowledgeBase.load())
        self._stories: StoryIndex | None = None

    def _open_readonly(self) -> None:
        try:
            self.db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S,
                                      check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            version = self.schema_version
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot use {self.path} as a store: {exc}") from None
        if version != LATEST:
            self.db.close()
            raise StoreError(f"{self.path} has schema {version}, not {LATEST}: open it once with a writing command "
                             "(dateline ingest or reanalyze) to migrate it")
        self.linker = None

    # ------------------------------------------------------------ schema
    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > LATEST:
            raise StoreError(f"{self.path} was written by a newer dateline (schema {version} > {LATEST})")
        if version == 0 and self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise StoreError(f"{self.path} is an SQLite file but not a dateline store: it is left untouched")
        while version < LATEST:
            # The version is read again inside the write lock: two processes opening a new store
            # together must not both create its tables.
            with self._transaction():
                version = self.db.execute("PRAGMA user_version").fetchone()[0]
                if version < LATEST:
                    version += 1
                    for statement in MIGRATIONS[version]:
                        self.db.execute(statement)
                    self.db.execute(f"PRAGMA user_version={version}")

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    # ------------------------------------------------------------ queries (the CLI's, as methods)
    def search(self, text: str, limit: int = 20) -> list[dict]:
        """Articles whose text holds every word of ``text``, ranked, with snippets."""
        from .queries import search

        return search(self, text, limit)

    def statements(self, **filters) -> list[dict]:
        """Statements across the corpus; filters: speaker, about, since, until, unique_stories, limit."""
        from .queries import statements

        return statements(self, **filters)

    def events(self, **filters) -> list[dict]:
        """Events across the corpus; filters: type, actor, place, since, until, all_modalities,
        unique_stories, limit."""
        from .queries import events

        return events(self, **filters)

    def actor(self, name: str) -> dict | None:
        """The profile of the corpus actor any of whose names is ``name``."""
        from .queries import actor_profile

        return actor_profile(self, name)

    def stats(self) -> dict:
        from .queries import stats

        return stats(self)

    def export(self, fmt: str, out: Path | str) -> list[Path]:
        """Write the records as jsonl, csv or parquet (``out`` a file or a directory)."""
        from .queries import export

        return export(self, fmt, Path(out))

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------ writing
    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction, rolled back whole on any failure; a store that cannot be written
        (read-only, full disk, locked past the busy timeout) raises StoreError with SQLite's reason."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield
                self.db.execute("COMMIT")
            except BaseException:
                # SQLite may have rolled back already (a full disk ends the transaction itself).
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot write to {self.path}: {exc}") from None

    @property
    def stories(self) -> StoryIndex:
        if self._stories is None:
            self._stories = StoryIndex.from_rows(self.db.execute(
                "SELECT rowid, story_id, minhash FROM articles WHERE minhash IS NOT NULL ORDER BY rowid"))
        return self._stories

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        hashes = list(hashes)
        found: set[str] = set()
        for i in range(0, len(hashes), 500):
            chunk = hashes[i:i + 500]
            found |= {r[0] for r in self.db.execute(
                f"SELECT content_hash FROM articles WHERE content_hash IN ({','.join('?' * len(chunk))})", chunk)}
        return found

    def write_batch(self, analysed: list[tuple[Document, AnalyzedArticle]], failures: list[tuple[str, str]] | None = None,
                    pending: list[tuple[str, str | None, str | None]] = ()) -> int:
        """Store a batch of documents, failures and pending entries in one transaction; a document that
        cannot be stored is added to ``failures``."""
        failures = failures if failures is not None else []
        added = 0
        try:
            with self._transaction():
                for document, result in analysed:
                    clash = self._id_clash(document, result)
                    if clash is not None:
                        failures.append((document.locator, clash))  # the caller reports it with the others
                        continue
                    added += self._insert(document, result)
                self.db.executemany("INSERT OR IGNORE INTO errors (locator, reason) VALUES (?, ?)", failures)
                self.db.executemany("INSERT OR IGNORE INTO pending (locator, url, title) VALUES (?, ?, ?)", pending)
        except BaseException:
            self._stories = None  # the in-memory index may hold rolled-back rows
            self.linker.forget()
            raise
        return added

    def _id_clash(self, document: Document, result: AnalyzedArticle) -> str | None:
        """Why ``document`` cannot be stored under its declared id: another text holds that id."""
        row = self.db.execute("SELECT content_hash FROM articles WHERE id = ?", (result.article.id,)).fetchone()
        if row is not None and row[0] != document.content_hash:
            return (f"id {result.article.id!r} is already used by a different document; give each record its "
                    "own id (nothing was merged)")
        return None

    def _insert(self, document: Document, result: AnalyzedArticle) -> int:
        art = result.article
        if self.db.execute("SELECT 1 FROM articles WHERE content_hash = ?", (document.content_hash,)).fetchone():
            return 0  # stored already (an id held by another text is refused by _id_clash first)
        self.db.execute("INSERT OR IGNORE INTO sources (locator, kind) VALUES (?, ?)", (document.locator, document.kind))
        source_id = self.db.execute("SELECT id FROM sources WHERE locator = ?", (document.locator,)).fetchone()[0]
        signature = self.stories.signature(art.text)
        cursor = self.db.execute(
            "INSERT INTO articles (id, source_id, content_hash, extractor_version, title, published, outlet, url, "
            "language, raw, raw_kind, record, minhash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (art.id, source_id, document.content_hash, __version__, art.title, art.published, art.outlet, art.url,
             art.language, document.raw, document.kind, result.to_json(),
             signature.tobytes()))
        rowid = cursor.lastrowid
        story = self.stories.add(rowid, signature)
        self.db.execute("UPDATE articles SET story_id = ? WHERE rowid = ?", (story, rowid))
        self.db.execute("INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)", (rowid, art.title or "", art.text))
        self._insert_records(result)
        return 1

    def _insert_records(self, result: AnalyzedArticle) -> None:
        art = result.article
        rows = record_rows(result)
        for actor, row in zip(result.actors, rows["actors"], strict=True):
            corpus_id, reason = self.linker.link(actor, art.published, article_id=art.id)
            self.db.execute(insert_sql("actors", ("corpus_actor_id", "link_reason")), (*row, corpus_id, reason))
        for table in ("mentions", "events", "event_participants", "places", "times"):
            self.db.executemany(insert_sql(table), rows[table])
        statement = insert_sql("statements")
        for row in rows["statements"]:
            rowid = self.db.execute(statement, row).lastrowid
            self.db.execute("INSERT INTO statements_fts (rowid, content, speaker) VALUES (?, ?, ?)",
                            (rowid, row[6], row[4] or ""))

    def replace_records(self, article_id: str, result: AnalyzedArticle) -> None:
        """Swap the records of one stored article for a new analysis (``dateline reanalyze``)."""
        try:
            with self._transaction():
                # An actor linked again to the same corpus actor keeps the reason of its first link: the
                # article's own earlier link is not news ("same name as" itself).
                reasons = self.db.execute("SELECT name, corpus_actor_id, link_reason FROM actors WHERE article_id = ?",
                                          (article_id,)).fetchall()
                for table in ("actors", "mentions", "event_participants", "events", "places", "times"):
                    self.db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
                for (rowid,) in self.db.execute("SELECT rowid FROM statements WHERE article_id = ?", (article_id,)).fetchall():
                    self.db.execute("DELETE FROM statements_fts WHERE rowid = ?", (rowid,))
                self.db.execute("DELETE FROM statements WHERE article_id = ?", (article_id,))
                self._insert_records(result)
                self.db.executemany("UPDATE actors SET link_reason = ? WHERE article_id = ? AND name = ? AND corpus_actor_id = ?",
                                    [(reason, article_id, name, corpus_id) for name, corpus_id, reason in reasons])
                self.db.execute("UPDATE articles SET record = ?, extractor_version = ?, title = ?, published = ? WHERE id = ?",
                                (result.to_json(), __version__,
                                 result.article.title, result.article.published, article_id))
        except BaseException:
            self.linker.forget()
            raise

    # ------------------------------------------------------------ reading
    def record(self, article_id: str) -> dict | None:
        row = self.db.execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def records(self) -> Iterable[dict]:
        for (record,) in self.db.execute("SELECT record FROM articles ORDER BY rowid"):
            yield json.loads(record)

    def counts(self) -> dict[str, int]:
        tables = ("articles", "actors", "corpus_actors", "mentions", "statements", "events", "event_participants",
                  "places", "times", "errors", "pending", "sources")
        return {t: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
