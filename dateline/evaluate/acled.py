"""Events against ACLED analyst notes (acled_dev.jsonl): type, actor, place and date per note.

Each note summarises one event. Its ACLED sub-event type maps to a PLOVER type with
``data/acled_plover.yaml`` (notes of unmapped sub-event types are counted, not scored). The
note is analysed alone, without a publication date, so the date must come from its text.
The note's event is the first event dateline codes of the gold type (else its first event).

- type: the note has an event of the gold type (asserted or reported).
- actor: the note's event has an actor at all; and, where ACLED's first actor is *named* in
  the text (its name, acronym, or the country or nationality word of "Military Forces of
  Russia"), a mention of one of the event's actors overlaps that name.
- place: the event's place lies in ACLED's country; its coordinates within 161 km of ACLED's
  (an unresolved place counts wrong).
- date: the event's date equals ACLED's, on notes whose date ACLED gives exactly.

The notes are split by position into halves (even: ``tune``, odd: ``confirm``).
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .. import data
from ..analysis.pipeline import analyze_many
from ..analysis.places import fold, gazetteer, kilometres
from ..ingest.scraped import read_scraped_text
from ..model import AnalyzedArticle, Event
from .geoparsing import NEAR_KM
from .metrics import HALVES, write_errors

# ACLED's generic actor names: the people they stand for are not named in the note.
GENERIC_ACTORS = re.compile(r"^(Protesters|Rioters|Civilians|Unidentified|Private Security|Labou?r Group|"
                            r"Refugees|Prisoners|Sole Perpetrator)\b")
STATE_FORCES = re.compile(r"^(?:Military|Police|Naval|Air) Forces of (?P<country>[^(]+?)\s*(?:\(|$)|"
                          r"^Government of (?P<gov>[^(]+?)\s*(?:\(|$)")


@cache
def plover_types() -> dict[str, str | None]:
    return data.load("acled_plover")


@dataclass
class Tally:
    hits: Counter = field(default_factory=Counter)
    counts: Counter = field(default_factory=Counter)

    def add(self, measure: str, half: str, hit: bool) -> None:
        for key in (half, "all"):
            self.counts[measure, key] += 1
            self.hits[measure, key] += bool(hit)

    def share(self, measure: str, half: str = "all") -> float:
        n = self.counts[measure, half]
        return round(self.hits[measure, half] / n, 3) if n else 0.0


MEASURES = ("type", "actor_filled", "named_actor", "place_country", "place_161km", "date_exact")


@dataclass
class AcledScores:
    tally: Tally = field(default_factory=Tally)
    notes: int = 0
    unmapped: int = 0
    seconds: float = 0.0
    by_type: Counter = field(default_factory=Counter)  # (gold PLOVER type, right?) → notes
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        figures = {m: {h: self.tally.share(m, h) for h in ("all", *HALVES)} | {"n": self.tally.counts[m, "all"]}
                   for m in MEASURES}
        types = sorted({t for t, _ in self.by_type})
        return {"notes": self.notes, "unmapped": self.unmapped, "seconds": round(self.seconds, 1), **figures,
                "type_by_gold": {t: {"right": self.by_type[t, True], "n": self.by_type[t, True] + self.by_type[t, False]}
                                 for t in types}}


def _demonyms(alpha2: str) -> set[str]:
    gaz = gazetteer()
    alpha3 = gaz.alpha3(alpha2)
    return {word for word, a3 in gaz.demonyms.items() if a3 == alpha3}


def actor_names(actor: str | None) -> list[str]:
    """The words by which a note can name ACLED's actor (folded); empty for a generic actor."""
    if not actor or GENERIC_ACTORS.match(actor):
        return []
    state = STATE_FORCES.match(actor)
    if state:
        country = (state.group("country") or state.group("gov")).strip()
        info = gazetteer().lookup(country)
        return sorted({fold(country)} | (_demonyms(info.country) if info and info.country else set()))
    names = set()
    head, _, tail = actor.partition(":")
    for part in (head, tail) if tail else (head,):
        for piece in re.sub(r"\([^)]*\)", " ", part).split(" - "):
            piece = " ".join(piece.split())
            if piece:
                names.add(fold(piece))
    return sorted(names)


def _occurrences(text: str, names: list[str]) -> list[tuple[int, int]]:
    folded = fold(text)
    if len(folded) != len(text):
        folded = text.lower()  # folding changed the length: offsets would shift
    spans = []
    for name in names:
        spans += [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", folded)]
    return spans


def _note_event(result: AnalyzedArticle, gold_type: str) -> tuple[Event | None, bool]:
    events = [e for e in result.events if e.modality in ("asserted", "reported")]
    typed = [e for e in events if e.type == gold_type]
    return (typed or events or [None])[0], bool(typed)


def evaluate(path: Path, errors_path: Path | None = None, limit: int | None = None) -> AcledScores:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = records[:limit] if limit else records
    started = time.perf_counter()
    scores = AcledScores()
    articles = (read_scraped_text(r["text"], doc_id=r["id"]) for r in records)
    for position, (record, result) in enumerate(zip(records, analyze_many(articles), strict=True)):
        scores.notes += 1
        gold_type = plover_types().get(record["sub_event_type"])
        if gold_type is None:
            scores.unmapped += 1
            continue
        if not isinstance(result, AnalyzedArticle):
            result = AnalyzedArticle(article=result.article)  # a failure predicts nothing
        half = HALVES[position % 2]
        event, typed = _note_event(result, gold_type)
        scores.tally.add("type", half, typed)
        scores.by_type[gold_type, typed] += 1
        problems = [] if typed else [f"type: found {sorted({e.type for e in result.events}) or '-'}"]
        scores.tally.add("actor_filled", half, bool(event and event.actors))
        text = result.article.text
        gold_spans = _occurrences(text, actor_names(record.get("actor1")))
        if gold_spans:
            mentions = [(m.start, m.end) for a in result.actors if event and a.id in event.actors for m in a.mentions]
            found = any(ms < ge and gs < me for ms, me in mentions for gs, ge in gold_spans)
            scores.tally.add("named_actor", half, found)
            if not found:
                names = [a.name for a in result.actors if event and a.id in event.actors]
                problems.append(f"actor: want {record['actor1']!r}, found {names or '-'}")
        place = next((p for p in result.places if event and p.id == event.place), None)
        right_country = place is not None and place.country == _alpha2(record["iso"])
        scores.tally.add("place_country", half, right_country)
        near = place is not None and place.lat is not None and kilometres(
            place.lat, place.lon, record["latitude"], record["longitude"]) <= NEAR_KM
        scores.tally.add("place_161km", half, near)
        if not near:
            got = f"{place.name} ({place.country}, {place.feature})" if place else "-"
            problems.append(f"place: want {record['location']} ({record['country']}), found {got}")
        if record.get("time_precision") == 1:
            got_date = event.date.value if event and event.date else None
            scores.tally.add("date_exact", half, got_date == record["event_date"])
            if got_date != record["event_date"]:
                problems.append(f"date: want {record['event_date']}, found {got_date}")
        for problem in problems:
            kind, _, detail = problem.partition(": ")
            scores.errors.append(f"{kind.upper()}\t{record['id']}\t{record['sub_event_type']}→{gold_type}\t{detail}\t{text}")
    scores.seconds = time.perf_counter() - started
    write_errors(errors_path, sorted(scores.errors))
    return scores


@cache
def _alpha2_by_numeric() -> dict[int, str]:
    import pycountry

    return {int(c.numeric): c.alpha_2 for c in pycountry.countries}


def _alpha2(numeric: int) -> str | None:
    return _alpha2_by_numeric().get(int(numeric))
