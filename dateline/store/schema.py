"""Store schema and its forward migrations. ``PRAGMA user_version`` holds the applied version."""

from .views import STATEMENT_LIST, VIEWS

MIGRATIONS: dict[int, list[str]] = {
    1: [
        """CREATE TABLE sources (
            id INTEGER PRIMARY KEY, locator TEXT NOT NULL UNIQUE, kind TEXT NOT NULL)""",
        """CREATE TABLE articles (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            source_id INTEGER NOT NULL REFERENCES sources(id),
            content_hash TEXT NOT NULL UNIQUE,
            extractor_version TEXT NOT NULL,
            title TEXT, published TEXT, outlet TEXT, url TEXT, language TEXT,
            raw BLOB NOT NULL, raw_kind TEXT NOT NULL,
            record TEXT NOT NULL,
            story_id INTEGER, minhash BLOB)""",
        "CREATE INDEX articles_published ON articles(published)",
        "CREATE INDEX articles_story ON articles(story_id)",
        """CREATE TABLE corpus_actors (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT, kb_id TEXT)""",
        """CREATE TABLE actor_keys (
            key TEXT NOT NULL, corpus_actor_id INTEGER NOT NULL REFERENCES corpus_actors(id),
            PRIMARY KEY (key, corpus_actor_id))""",
        """CREATE TABLE actors (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, local_id TEXT NOT NULL,
            name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT, titles TEXT,
            corpus_actor_id INTEGER REFERENCES corpus_actors(id), link_reason TEXT,
            PRIMARY KEY (article_id, local_id))""",
        "CREATE INDEX actors_corpus ON actors(corpus_actor_id)",
        """CREATE TABLE mentions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, actor_id TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, form TEXT)""",
        "CREATE INDEX mentions_article ON mentions(article_id, actor_id)",
        """CREATE TABLE statements (
            rowid INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, id TEXT NOT NULL,
            kind TEXT NOT NULL, speaker TEXT, speaker_text TEXT, cue TEXT, content TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, date TEXT, date_basis TEXT,
            addressee TEXT, event TEXT, confidence REAL, UNIQUE (article_id, id))""",
        "CREATE INDEX statements_date ON statements(date)",
        """CREATE TABLE events (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, id TEXT NOT NULL,
            type TEXT NOT NULL, mode TEXT, modality TEXT NOT NULL, date TEXT, date_basis TEXT, place TEXT,
            evidence TEXT NOT NULL, confidence REAL, PRIMARY KEY (article_id, id))""",
        "CREATE INDEX events_type_date ON events(type, date)",
        """CREATE TABLE event_participants (
            article_id TEXT NOT NULL, event_id TEXT NOT NULL, role TEXT NOT NULL, actor_id TEXT NOT NULL,
            FOREIGN KEY (article_id, event_id) REFERENCES events(article_id, id) ON DELETE CASCADE)""",
        "CREATE INDEX participants_event ON event_participants(article_id, event_id)",
        """CREATE TABLE places (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, id TEXT NOT NULL,
            name TEXT NOT NULL, country TEXT, admin1 TEXT, lat REAL, lon REAL, geonames_id INTEGER, feature TEXT,
            PRIMARY KEY (article_id, id))""",
        """CREATE TABLE times (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, type TEXT, value TEXT)""",
        """CREATE TABLE errors (
            id INTEGER PRIMARY KEY, locator TEXT NOT NULL, reason TEXT NOT NULL, UNIQUE (locator, reason))""",
        """CREATE TABLE pending (
            locator TEXT PRIMARY KEY, url TEXT, title TEXT)""",
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text)",
        "CREATE VIRTUAL TABLE statements_fts USING fts5(content, speaker)",
    ],
}

# 2: views with names and articles joined, for people, datasette and the exports (store/views.py).
MIGRATIONS[2] = list(VIEWS)

# 3: analysts' reviews (store/reviews.py), kept apart from the records they judge and matched to them by
# evidence span, so that they survive ``reanalyze``; events get their evidence offsets for that match.
MIGRATIONS[3] = [
    """CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL, target TEXT NOT NULL CHECK (target IN ('statement', 'event')),
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, record_id TEXT,
        field TEXT NOT NULL CHECK (field IN ('verdict', 'speaker', 'type', 'modality', 'place')),
        value TEXT NOT NULL, original TEXT, reviewer TEXT NOT NULL, created TEXT NOT NULL, note TEXT)""",
    'CREATE INDEX reviews_span ON reviews(article_id, target, start, "end")',
    "ALTER TABLE events ADD COLUMN start INTEGER",
    'ALTER TABLE events ADD COLUMN "end" INTEGER',
    """UPDATE events SET
        start = (SELECT json_extract(j.value, '$.evidence.start') FROM articles a, json_each(a.record, '$.events') j
                 WHERE a.id = events.article_id AND json_extract(j.value, '$.id') = events.id),
        "end" = (SELECT json_extract(j.value, '$.evidence.end') FROM articles a, json_each(a.record, '$.events') j
                 WHERE a.id = events.article_id AND json_extract(j.value, '$.id') = events.id)""",
    "CREATE INDEX statements_article ON statements(article_id)",
    "CREATE INDEX articles_outlet ON articles(outlet)",
    "CREATE INDEX events_date ON events(date, article_id, id)",
]

# 4: events told as history for context ("background"), kept apart from the article's news.
MIGRATIONS[4] = [
    "ALTER TABLE events ADD COLUMN background INTEGER NOT NULL DEFAULT 0",
    """UPDATE events SET background = coalesce(
        (SELECT json_extract(j.value, '$.background') FROM articles a, json_each(a.record, '$.events') j
         WHERE a.id = events.article_id AND json_extract(j.value, '$.id') = events.id), 0)""",
]

# 5: a statement's act: words said, or an intention no one said ("agreed to inject $6.5 billion").
MIGRATIONS[5] = [
    "ALTER TABLE statements ADD COLUMN act TEXT NOT NULL DEFAULT 'speech'",
    """UPDATE statements SET act = coalesce(
        (SELECT json_extract(j.value, '$.act') FROM articles a, json_each(a.record, '$.statements') j
         WHERE a.id = statements.article_id AND json_extract(j.value, '$.id') = statements.id), 'speech')""",
    "DROP VIEW statement_list",
    STATEMENT_LIST,
]

LATEST = max(MIGRATIONS)
