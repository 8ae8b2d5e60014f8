"""Views over the store for people and their tools: names joined in, big columns left out.

``article_list``, ``statement_list`` and ``event_list`` are what datasette shows first and what the
exports write: every statement and event carries its article's title, outlet, URL and date, and
every local actor id its name and corpus actor. ``datasette_metadata`` hides the FTS shadow tables
and the internal key table, and describes the columns.
"""

from __future__ import annotations

STATEMENT_LIST_V1 = """CREATE VIEW statement_list AS
        SELECT st.article_id, st.id, st.date, st.date_basis, st.kind,
               sp.name AS speaker_name, st.speaker_text AS speaker_mention, sp.corpus_actor_id AS speaker_corpus_id,
               ca.name AS speaker_corpus_name, st.cue, st.content, st.start, st."end",
               ad.name AS addressee_name, st.event, st.confidence,
               a.title, a.outlet, a.url, a.published, st.speaker AS speaker_local_id
        FROM statements st JOIN articles a ON a.id = st.article_id
        LEFT JOIN actors sp ON sp.article_id = st.article_id AND sp.local_id = st.speaker
        LEFT JOIN corpus_actors ca ON ca.id = sp.corpus_actor_id
        LEFT JOIN actors ad ON ad.article_id = st.article_id AND ad.local_id = st.addressee"""
# Store version 5 adds each statement's act (speech, or an intention no one said), last so that
# exports keep their columns in place.
STATEMENT_LIST = STATEMENT_LIST_V1.replace("st.speaker AS speaker_local_id", "st.speaker AS speaker_local_id, st.act")

VIEWS = [
    """CREATE VIEW article_list AS
        SELECT a.id, a.title, a.published, a.outlet, a.url, a.language, a.story_id, a.extractor_version,
               s.locator AS source, s.kind AS source_kind
        FROM articles a JOIN sources s ON s.id = a.source_id""",
    STATEMENT_LIST_V1,
    """CREATE VIEW event_list AS
        SELECT e.article_id, e.id, e.date, e.date_basis, e.type, e.mode, e.modality,
               (SELECT group_concat(x.name, '; ') FROM event_participants p JOIN actors x
                  ON x.article_id = p.article_id AND x.local_id = p.actor_id
                WHERE p.article_id = e.article_id AND p.event_id = e.id AND p.role = 'actor') AS actor_names,
               (SELECT group_concat(x.name, '; ') FROM event_participants p JOIN actors x
                  ON x.article_id = p.article_id AND x.local_id = p.actor_id
                WHERE p.article_id = e.article_id AND p.event_id = e.id AND p.role = 'recipient') AS recipient_names,
               pl.name AS place_name, pl.country AS place_country, pl.lat, pl.lon,
               e.evidence, e.confidence, a.title, a.outlet, a.url, a.published
        FROM events e JOIN articles a ON a.id = e.article_id
        LEFT JOIN places pl ON pl.article_id = e.article_id AND pl.id = e.place""",
    """CREATE VIEW actor_list AS
        SELECT x.article_id, x.local_id, x.name, x.kind, x.country, x.titles, x.corpus_actor_id,
               ca.name AS corpus_name, x.link_reason
        FROM actors x LEFT JOIN corpus_actors ca ON ca.id = x.corpus_actor_id""",
]

HIDDEN_TABLES = ("articles_fts", "articles_fts_data", "articles_fts_idx", "articles_fts_docsize",
                 "articles_fts_config", "articles_fts_content", "statements_fts", "statements_fts_data",
                 "statements_fts_idx", "statements_fts_docsize", "statements_fts_config", "statements_fts_content",
                 "actor_keys", "articles")

DESCRIPTIONS = {
    "article_list": ("Stored articles, one row each (the raw page and the full record stay in the articles table)", {
        "published": "ISO 8601 as the source gives it: date-time with offset, or a date",
        "story_id": "articles that are copies of one story share it (MinHash near-duplicates)"}),
    "statement_list": ("Who said what: one row per statement, with its speaker's name and its article", {
        "speaker_name": "the speaker as named in the article; empty when dateline abstained",
        "speaker_mention": "the words of the text that stand for the speaker",
        "speaker_corpus_id": "the speaker across the corpus (corpus_actors.id)",
        "start": "character offset of the content in the article's text", "end": "end offset of the content",
        "date_basis": "text: the statement's own clause; context: a neighbouring statement or event; published",
        "act": "speech: words said or written; intention: what someone means to do or decided (\"sought to talk\")"}),
    "event_list": ("Who did what to whom: one row per event (PLOVER type), with names, place and article", {
        "modality": "asserted, reported (a source claims it), negated, future, planned, hypothetical, demanded",
        "actor_names": "the actors, '; '-separated", "recipient_names": "the recipients, '; '-separated"}),
    "actor_list": ("Actors of each article, with the corpus actor they were joined to and why", {}),
}


def datasette_metadata(database: str) -> dict:
    """datasette's metadata for a store file named ``database`` (its stem)."""
    tables: dict = {name: {"hidden": True} for name in HIDDEN_TABLES}
    for name, (description, columns) in DESCRIPTIONS.items():
        tables[name] = {"description": description, **({"columns": columns} if columns else {})}
    return {"title": "dateline corpus", "description": "Attributed statements and events extracted by dateline",
            "databases": {database: {"tables": tables}}}
