"""What every request handler of the workspace shares: the store (read-only per request, a short
writable connection for reviews), the review gate, the analysis of pasted text, the templates."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape

from ..store.db import BUSY_TIMEOUT_S, Store
from .security import Reviewing

PAGE_SIZE = 20
CACHE_SIZE = 256


def safe_url(value: str | None) -> str | None:
    """A link target only for web addresses: an article's ``javascript:`` URL is shown, never followed."""
    if not value:
        return None
    try:
        scheme = urlsplit(value).scheme.lower()
    except ValueError:
        return None
    return value if scheme in ("http", "https") else None


def query_string(current: dict, **changes) -> str:
    """The current filters with ``changes`` applied, as '?a=b…' (empty values dropped)."""
    merged = {**current, **changes}
    return "?" + urlencode({k: v for k, v in merged.items() if v not in (None, "", False)})


class Workspace:
    """One store served to analysts."""

    def __init__(self, db: Path, reviewing: Reviewing):
        self.db = Path(db)
        self.reviewing = reviewing
        self._analyse_lock = threading.Lock()
        self.templates = Environment(loader=PackageLoader("dateline.web", "templates"), auto_reload=False,
                                     autoescape=select_autoescape(default=True, default_for_string=True))
        self.templates.filters["safe_url"] = safe_url
        self.templates.globals["query_string"] = query_string
        self._local = threading.local()
        self._cache: OrderedDict = OrderedDict()
        self._cache_lock = threading.Lock()

    def _state(self) -> tuple:
        """What changes when anything writes the store: the sizes and times of its file and its WAL."""
        marks = []
        for path in (self.db, self.db.with_name(self.db.name + "-wal")):
            try:
                st = os.stat(path)
                marks.append((st.st_size, st.st_mtime_ns))
            except OSError:
                marks.append(None)
        return tuple(marks)

    def cached(self, key: tuple, compute):
        """``compute()``, remembered until the store is written (facet counts cost a scan of the corpus)."""
        key = (key, self._state())
        with self._cache_lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        value = compute()
        with self._cache_lock:
            self._cache[key] = value
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return value

    def facets(self, store):
        """The facet function for ``browse.articles``, cached."""
        from ..store.browse import article_facets

        return lambda filters: self.cached(("facets", tuple(sorted(filters.items()))),
                                           lambda: article_facets(store, **filters))

    @contextmanager
    def reader(self):
        """This thread's read-only store connection, opened once: a new connection would parse the whole
        schema again, which costs more than most queries. Each query still sees the latest commit."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.db, readonly=True)
        yield store

    @contextmanager
    def writer(self):
        db = sqlite3.connect(self.db, isolation_level=None, timeout=BUSY_TIMEOUT_S)
        db.row_factory = sqlite3.Row
        try:
            db.execute("BEGIN IMMEDIATE")
            yield db
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        finally:
            db.close()

    def analyse(self, text: str, *, published: str | None = None, url: str | None = None) -> dict:
        """A pasted article analysed, not stored; one at a time (the spaCy pipeline is shared)."""
        from ..api import analyze

        with self._analyse_lock:
            return analyze(text, published=published or None, url=url or None).to_json_dict()

    def render(self, name: str, **values) -> str:
        return self.templates.get_template(name).render(**values)
