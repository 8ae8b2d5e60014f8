"""Events against the PLOVER gold-standard records (PLOVER_GSR_CAMEO.json).

The gold file is coded in PLOVER 0.5; its types are mapped to the current 16
types (``LEGACY_TYPES``): DEMAND → REQUEST, DISAPPROVE → ACCUSE, FIGHT → ASSAULT,
INVESTIGATE → ACCUSE (mode investigate); and a gold COERCE is matched by an ASSAULT of a mode
the current manual moved there (abduct, torture, destroy). Each sentence holds one gold event, so
predictions are compared as the set of event types coded in the sentence.
Scores: event type; (type, actor); (type, actor, recipient), with actors matched
by text overlap; and location country accuracy where gold gives a location.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..analysis.pipeline import analyze_many
from ..analysis.places import gazetteer
from ..ingest.scraped import read_scraped_text
from ..model import AnalyzedArticle
from .metrics import HALVES, PRF, write_errors

LEGACY_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}
# Modes the current manual files under ASSAULT that PLOVER 0.5 coded as COERCE (kidnapping,
# torture, the intentional destruction of property): such an ASSAULT matches a gold COERCE.
MOVED_TO_ASSAULT = {"abduct", "torture", "destroy"}


@dataclass
class EventScores:
    type: PRF = field(default_factory=PRF)
    type_actor: PRF = field(default_factory=PRF)
    type_actor_recipient: PRF = field(default_factory=PRF)
    located: int = 0
    country_correct: int = 0
    sentences: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    # sentences by position: even ones to tune on, odd ones to confirm → measure → counts
    halves: dict[str, dict[str, PRF]] = field(default_factory=lambda: {
        half: {"type": PRF(), "type_actor": PRF(), "type_actor_recipient": PRF()} for half in HALVES})

    def as_dict(self) -> dict:
        return {"sentences": self.sentences, "seconds": round(self.seconds, 1), "type": self.type.row(),
                "type_actor": self.type_actor.row(), "type_actor_recipient": self.type_actor_recipient.row(),
                "location_country_accuracy": round(self.country_correct / self.located, 3) if self.located else 0.0,
                "located": self.located,
                "halves": {half: {key: prf.row() for key, prf in measures.items()} for half, measures in self.halves.items()}}


def _spans_of(text: str, actor_texts: list[str]) -> list[tuple[int, int]]:
    spans = []
    for actor_text in actor_texts:
        if not actor_text.strip():
            continue  # an empty gold field: no actor to match
        at = text.find(actor_text)
        if at >= 0:
            spans.append((at, at + len(actor_text)))
    return spans


def _touches(result: AnalyzedArticle, actor_ids: list[str], gold: list[tuple[int, int]]) -> bool:
    """Whether any mention of the given actors overlaps a gold actor span."""
    if not gold:
        return True
    mentions = [(m.start, m.end) for a in result.actors if a.id in actor_ids for m in a.mentions]
    return any(ms < ge and gs < me for ms, me in mentions for gs, ge in gold)


def _actor_texts(value) -> list[str]:
    """Gold actors come as a list of records, a single record or a bare string."""
    if isinstance(value, dict):
        value = [value]
    if isinstance(value, str):
        value = [{"actorText": value}]
    return [a["actorText"] if isinstance(a, dict) else str(a) for a in value or [] if a]


def _gold_country(location: dict) -> str | None:
    if location.get("country code"):
        return location["country code"]
    info = gazetteer().lookup(location.get("name", ""))
    return info.country if info else None


def evaluate(path: Path, errors_path: Path | None = None) -> EventScores:
    records = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]
    started = time.perf_counter()
    articles = (read_scraped_text(r["text"], doc_id=r["id"], published=date.fromisoformat(r["date"]))
                for r in records)
    scores = EventScores()
    for position, (record, result) in enumerate(zip(records, analyze_many(articles), strict=True)):
        scores.sentences += 1
        half = scores.halves[HALVES[position % 2]]
        if not isinstance(result, AnalyzedArticle):
            result = AnalyzedArticle(article=result.article)  # a failure predicts nothing
        gold_type = LEGACY_TYPES.get(record["event"], record["event"])
        text = result.article.text
        sources = _spans_of(text, _actor_texts(record.get("source")))
        targets = _spans_of(text, _actor_texts(record.get("target")))
        # PLOVER codes what happened or is reported to have: not what was demanded, planned or refused.
        events = [e for e in result.events if e.modality in ("asserted", "reported")]
        typed = [e for e in events if e.type == gold_type
                 or gold_type == "COERCE" and e.type == "ASSAULT" and e.mode in MOVED_TO_ASSAULT]
        with_actor = [e for e in typed if _touches(result, e.actors, sources)]
        with_both = [e for e in with_actor if _touches(result, e.recipients, targets)]
        # The gold codes one event per sentence: a sentence's events count once per type, so that
        # "killed two, wounding five" (two ASSAULT records) is one ASSAULT, and other types are false alarms.
        coded = len({gold_type if e in typed else e.type for e in events})
        for key, hits in (("type", typed), ("type_actor", with_actor), ("type_actor_recipient", with_both)):
            for prf in (getattr(scores, key), half[key]):
                prf.add(1 if hits else 0, coded - (1 if hits else 0), 0 if hits else 1)
        if not typed:
            found = ", ".join(f"{e.type}:{e.trigger.text if e.trigger else ''}" for e in events) or "-"
            scores.errors.append(f"TYPE\t{record['id']}\tgold={gold_type}:{record['eventText']}\tfound={found}\t{text}")
        elif not with_both:
            scores.errors.append(f"ACTORS\t{record['id']}\t{gold_type}\tsource={_actor_texts(record.get('source'))}"
                                 f"\ttarget={_actor_texts(record.get('target'))}\t{text}")
        if "eventLoc" in record:
            want = _gold_country(record["eventLoc"])
            if want:
                scores.located += 1
                places = {p.id: p for p in result.places}
                best = (typed or events or [None])[0]
                got = places[best.place].country if best is not None and best.place in places else None
                if got is None and len(result.places) == 1:
                    got = result.places[0].country
                scores.country_correct += got == want
    scores.seconds = time.perf_counter() - started
    write_errors(errors_path, scores.errors)
    return scores
