"""From a cleaned Article to the full ``dateline.article/1`` record."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from ..calendar import calendar_value, day_of, parse_datetime
from ..errors import InputError
from ..model import (Actor, AnalyzedArticle, Article, Event, EventDate, Mention, Place, Span,
                     Statement, TimeExpression)
from .actors import build_actors, tokens_of
from .events import extract_events
from .learned_statements import with_learned_statements
from .limits import PIECE_CHARS, TimeLimitExceeded, deadline, pieces, shape_problem, time_limit
from .linking import link, long_before
from .nlp import load_pipeline, cut_run_on_entities
from .places import find_place_mentions
from .quotes import QuoteIndex, find_quotes
from .statements import extract_statements
from .times import find_times

# Docs parsed together: peak memory follows the largest batch's parse, while speed does not
# gain past a few docs, so small batches keep the peak flat over any corpus.
BATCH_SIZE = 4
MEMORY_ZONE_ARTICLES = 256  # per spaCy memory zone: leaving one is costly (words are looked up anew), so few


def published_day(article: Article) -> date | None:
    return day_of(parse_datetime(article.published)) if article.published else None


def analyze(article: Article, nlp: Language | None = None) -> AnalyzedArticle:
    """Analyse one article; raises InputError when it is past a limit (see :mod:`.limits`)."""
    result = next(analyze_many([article], nlp))
    if isinstance(result, AnalysisFailure):
        raise InputError(result.reason)
    return result


WARM_UP_TEXT = ("Leaders meet in Oslo\n\nPresident Maria Lopez met Prime Minister Jonas Store in Oslo on Monday. "
                "“The talks were useful,” she said. Police arrested two protesters outside the hall.")


def warm_up(nlp: Language | None = None) -> Language:
    """Load the model, the gazetteer and every lexicon the stages read lazily, by analysing a short
    text once: the first real article then costs what every other does."""
    from ..ingest.scraped import read_scraped_text  # ingest builds on analysis, not the other way

    nlp = nlp or load_pipeline()
    next(analyze_many([read_scraped_text(WARM_UP_TEXT, source="warm-up")], nlp))
    return nlp


@dataclass
class AnalysisFailure:
    """An article whose analysis raised: reported on one line, the stream goes on."""

    article: Article
    reason: str


def analyze_many(articles: Iterable[Article], nlp: Language | None = None) -> Iterator[AnalyzedArticle | AnalysisFailure]:
    """Analyse a stream of articles, parsing them in batches; one article's fault is contained."""
    nlp = nlp or load_pipeline()
    stream = iter(articles)
    while chunk := list(itertools.islice(stream, MEMORY_ZONE_ARTICLES)):
        results: list[AnalyzedArticle | AnalysisFailure] = []
        # Strings spaCy learns from a chunk are freed with it: memory stays flat over a corpus.
        with nlp.memory_zone():
            for group in (chunk[i:i + BATCH_SIZE] for i in range(0, len(chunk), BATCH_SIZE)):
                for article, (doc, seconds) in zip(group, _parsed(nlp, group), strict=True):
                    results.append(doc if isinstance(doc, AnalysisFailure) else _analysed(article, doc, seconds))
        yield from results


def _too_slow() -> str:
    return f"analysis took longer than the time limit of {time_limit():g} s (see --max-seconds)"


def _parsed(nlp: Language, group: list[Article]) -> list[tuple[Doc | AnalysisFailure, float]]:
    """The parse of each article of ``group`` (or why it was not parsed) and the seconds it took: a
    text past a limit is refused before the parser; short texts are parsed together, long ones
    alone in pieces."""
    found: dict[int, tuple[Doc | AnalysisFailure, float]] = {}
    short: list[int] = []
    for n, article in enumerate(group):
        problem = shape_problem(article.text)
        if problem is not None:
            found[n] = AnalysisFailure(article, problem), 0.0
        elif article.language != "en":
            found[n] = Doc(nlp.vocab), 0.0  # the analysis stages are English-only: nothing to parse
        elif len(article.text) > PIECE_CHARS:
            found[n] = _parsed_alone(nlp, article)
        else:
            short.append(n)
    try:
        with deadline():
            found.update((n, (doc, 0.0)) for n, doc in zip(short, nlp.pipe([group[n].text for n in short],
                                                                             batch_size=BATCH_SIZE)))
    except TimeLimitExceeded:  # which one was slow: each again, alone, with its own time
        found.update((n, _parsed_alone(nlp, group[n])) for n in short)
    return [found[n] for n in range(len(group))]


def _parsed_alone(nlp: Language, article: Article) -> tuple[Doc | AnalysisFailure, float]:
    started = time.perf_counter()
    try:
        with deadline():
            parts = pieces(article.text)
            if len(parts) == 1:
                doc = nlp(article.text)
            else:  # the parser's memory follows the piece; the joined Doc is the text, offsets and all
                doc = Doc.from_docs(list(nlp.pipe(parts, batch_size=1)), ensure_whitespace=False)
    except TimeLimitExceeded:
        return AnalysisFailure(article, _too_slow()), 0.0
    return doc, time.perf_counter() - started


def _analysed(article: Article, doc: Doc, parse_seconds: float) -> AnalyzedArticle | AnalysisFailure:
    """The records of a parsed article, within what is left of its time after its parse."""
    limit = time_limit()
    try:
        with deadline(max(limit - parse_seconds, 0.001) if limit else 0):
            return records(article, doc)
    except TimeLimitExceeded:
        return AnalysisFailure(article, _too_slow())
    except Exception as exc:  # a bug on one document must not stop a batch of thousands
        return AnalysisFailure(article, f"internal error ({type(exc).__name__}: {exc})")


def _span(text: str, start: int, end: int) -> Span:
    # built from the Doc's own offsets, tens of thousands per corpus: validating each costs more than the stage
    return Span.model_construct(start=start, end=end, text=text[start:end])


def records(article: Article, doc: Doc) -> AnalyzedArticle:
    """Run every analysis stage over a parsed article and assemble its records."""
    if article.language != "en":
        return AnalyzedArticle(article=article)  # the analysis stages are English-only
    text = article.text
    doc.user_data.setdefault("dateline_text", text)  # the Doc was parsed from it: no need to rebuild it
    cut_run_on_entities(doc)
    day = published_on = published_day(article)  # (``day`` is reused below for each event's date)
    quotes = QuoteIndex(find_quotes(text))
    table = build_actors(doc, quotes)
    times = find_times(doc, day)
    # A person's name is no place; the title before it may hold one ("Fargo Mayor", "Minnesota Governor").
    people = {i for a in table.actors if a.kind == "person" for m in a.mentions if m.form != "title"
              for i in range(m.start, m.end)}
    place_mentions = find_place_mentions(doc, people)
    statements = extract_statements(doc, table, quotes)
    statements = with_learned_statements(doc, table, quotes, statements)
    events = extract_events(doc, table, statements, place_mentions, times)
    link(doc, statements, events, times, day)

    places: dict[str, Place] = {}
    for pm in place_mentions:
        info = pm.place
        place = places.get(info.key)
        if place is None:
            place = places[info.key] = Place(
                id=f"p{len(places) + 1}", name=info.name, country=info.country, admin1=info.admin1,
                lat=info.lat, lon=info.lon, geonames_id=info.geonames_id, feature=info.feature)
        place.mentions.append(_span(text, pm.start, pm.end))

    tokens = tokens_of(doc)
    actors = [
        Actor(id=a.id, name=a.name, kind=a.kind, titles=a.titles, affiliations=a.affiliations,
              country=a.country, sector=a.sector, mentions=[
                  Mention.model_construct(start=(first := tokens[m.start].idx), end=(end := tokens[m.end - 1].idx + len(tokens[m.end - 1])),
                          text=text[first:end], form=m.form)
                  for m in a.mentions])
        for a in table.actors
    ]
    event_ids = [f"e{n}" for n in range(1, len(events) + 1)]
    statement_ids = [f"s{n}" for n in range(1, len(statements) + 1)]
    statement_records = [
        Statement(
            id=statement_ids[n], kind=s.kind, act=s.act, speaker=s.speaker,
            speaker_mention=_span(text, *s.speaker_mention) if s.speaker_mention else None,
            cue=_span(text, *s.cue) if s.cue else None, content=_span(text, *s.content),
            content_parts=[_span(text, *p) for p in s.parts], date=s.date, date_basis=s.date_basis,
            addressee=s.addressee, event=event_ids[s.event] if s.event is not None else None,
            confidence=s.confidence)
        for n, s in enumerate(statements)
    ]
    event_records = []
    for n, e in enumerate(events):
        trigger = doc[e.trigger:e.trigger_end]
        date_record = None
        if e.date is not None and (day := calendar_value(e.date.value)):
            date_record = EventDate(value=day, timex=e.date.value if e.date.value != day else None,
                                    basis=e.date_basis,
                                    text=e.date.text or None,
                                    start=e.date.start if e.date.text else None,
                                    end=e.date.end if e.date.text else None)
        event_records.append(Event(
            id=event_ids[n], type=e.type, mode=e.mode, actors=e.actors, recipients=e.recipients,
            place=places[e.place.place.key].id if e.place is not None else None,
            date=date_record, evidence=_span(text, *e.evidence),
            trigger=_span(text, trigger.start_char, trigger.end_char),
            mentions=[_span(text, doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)) for a, b in e.mentions],
            modality=e.modality,
            background=e.years_back or e.date is not None and e.date_basis == "text" and published_on is not None
            and long_before(e.date.value, published_on),
            statement=statement_ids[e.statement] if e.statement is not None else None,
            confidence=e.confidence))
    time_records = [TimeExpression(text=t.text, start=t.start, end=t.end, type=t.type, value=t.value,
                                   anchor=t.anchor) for t in times]
    return AnalyzedArticle(article=article, actors=actors, statements=statement_records,
                           events=event_records, places=list(places.values()), times=time_records)
