"""Events against WikiEvents (KAIROS ontology) gold, for the types that overlap PLOVER.

Each document's text is rebuilt from its tokens at their gold character offsets, one
sentence per line. Gold types map to PLOVER types with ``TYPE_MAP`` (longest prefix
wins); gold events of other types, and predicted events of PLOVER types outside the
map's range, are outside the common ground and not scored; so is a predicted event
whose trigger is the trigger of a gold event of an unmapped type ("killed" is a
KAIROS Life.Die event but a PLOVER ASSAULT: the ontologies differ, neither is wrong).

- trigger: a predicted event matches a gold one when their triggers overlap
  (identification) and, for classification, their types agree; one-to-one, greedy.
- argument: (event, role, entity) triples, role being actor, recipient, participant
  (CONSULT's symmetric role) or place. A predicted argument is right when its event
  matched a gold event of its type and a mention of the predicted actor or place
  overlaps the gold argument's mention with that role.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..analysis.pipeline import analyze_many
from ..model import AnalyzedArticle, Article, Event
from .metrics import HALVES, PRF, greedy_match, write_errors

TYPE_MAP = {
    "Contact.Contact.Meet": "CONSULT",
    "Contact.RequestCommand": "REQUEST",
    "Contact.ThreatenCoerce": "THREATEN",
    "Conflict.Attack": "ASSAULT",
    "Conflict.Demonstrate": "PROTEST",
    "Justice.ArrestJailDetain": "COERCE",
    "Justice.ChargeIndict": "ACCUSE",
    "Justice.InvestigateCrime": "ACCUSE",
    "Justice.TrialHearing": "ACCUSE",
    "Justice.ReleaseParole": "RETREAT",  # PLOVER codes the release of prisoners as RETREAT
}
SCORED_TYPES = frozenset(TYPE_MAP.values())

# Gold argument roles as PLOVER participants; roles not listed (instruments, topics …) are not scored.
ROLE_MAP = {
    "Attacker": "actor", "Jailer": "actor", "Demonstrator": "actor", "Communicator": "actor",
    "Prosecutor": "actor", "Investigator": "actor", "JudgeCourt": "actor",
    "Target": "recipient", "Victim": "recipient", "Detainee": "recipient", "Recipient": "recipient",
    "Defendant": "recipient",
    "Participant": "participant",
    "Place": "place",
}


@dataclass
class GoldEvent:
    type: str
    trigger: tuple[int, int]
    arguments: list[tuple[str, tuple[int, int]]]  # (role, character span)


@dataclass
class WikiEventsScores:
    identification: PRF = field(default_factory=PRF)
    classification: PRF = field(default_factory=PRF)
    arguments: PRF = field(default_factory=PRF)
    documents: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    halves: dict[str, WikiEventsScores] = field(default_factory=dict)  # documents by position: tune, confirm

    def as_dict(self) -> dict:
        figures = {"documents": self.documents, "seconds": round(self.seconds, 1),
                   "trigger_identification": self.identification.row(),
                   "trigger_classification": self.classification.row(), "argument": self.arguments.row()}
        if self.halves:
            figures["halves"] = {half: {key: value for key, value in scores.as_dict().items()
                                        if key not in ("seconds",)} for half, scores in self.halves.items()}
        return figures


def gold_type(kairos_type: str) -> str | None:
    for prefix in sorted(TYPE_MAP, key=len, reverse=True):
        if kairos_type == prefix or kairos_type.startswith(prefix + "."):
            return TYPE_MAP[prefix]
    return None


@dataclass
class Document:
    text: str
    id: str
    events: list[GoldEvent]
    other_triggers: list[tuple[int, int]]  # gold events of types PLOVER does not share

    @property
    def article(self) -> Article:
        return Article(id=self.id, source=self.id, text=self.text)


def read_document(record: dict) -> Document:
    """The document's text (tokens at their offsets, a line per sentence) and its scorable events."""
    tokens = [token for sentence in record["sentences"] for token in sentence[0]]
    chars = [" "] * max(end for _, _, end in tokens)
    for text, start, end in tokens:
        chars[start:end] = text
    for sentence in record["sentences"][:-1]:
        gap = sentence[0][-1][2]
        if gap < len(chars) and chars[gap] == " ":
            chars[gap] = "\n"
    mentions = {m["id"]: (tokens[m["start"]][1], tokens[m["end"] - 1][2]) for m in record["entity_mentions"]}
    events, other = [], []
    for mention in record["event_mentions"]:
        trigger = mention["trigger"]
        plover = gold_type(mention["event_type"])
        if plover is None:
            other.append((tokens[trigger["start"]][1], tokens[trigger["end"] - 1][2]))
            continue
        arguments = [(ROLE_MAP[a["role"]], mentions[a["entity_id"]]) for a in mention["arguments"]
                     if a["role"] in ROLE_MAP and a["entity_id"] in mentions]
        events.append(GoldEvent(plover, (tokens[trigger["start"]][1], tokens[trigger["end"] - 1][2]), arguments))
    return Document("".join(chars), record["doc_id"], events, other)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _trigger(event: Event) -> tuple[int, int]:
    span = event.trigger or event.evidence
    return span.start, span.end


def predicted_arguments(result: AnalyzedArticle, event: Event) -> list[tuple[str, list[tuple[int, int]]]]:
    """(role, mention spans) for each participant and the place of a predicted event."""
    mentions = {a.id: [(m.start, m.end) for m in a.mentions] for a in result.actors}
    symmetric = event.type == "CONSULT"
    arguments = [("participant" if symmetric else "actor", mentions.get(a, [])) for a in event.actors]
    arguments += [("participant" if symmetric else "recipient", mentions.get(r, [])) for r in event.recipients]
    places = {p.id: [(m.start, m.end) for m in p.mentions] for p in result.places}
    # a place that is also a participant ("attacked Kabul") is one argument in KAIROS, scored once by its role
    named = {span for _, spans in arguments for span in spans}
    if event.place in places and not named & set(places[event.place]):
        arguments.append(("place", places[event.place]))
    return arguments


def _mentions(event: Event) -> list[Event]:
    """The event once per mention of it: its trigger, then each later reference ("the attack"), which
    names no participant of its own (the event's are scored at its trigger)."""
    return [event] + [event.model_copy(update={"trigger": span, "mentions": [], "actors": [], "recipients": [],
                                               "place": None}) for span in event.mentions]


def score_document(result: AnalyzedArticle, document: Document, scores: WikiEventsScores) -> None:
    gold = document.events
    pred = [m for e in result.events if e.type in SCORED_TYPES for m in _mentions(e)
            if not any(_overlaps(_trigger(m), other) for other in document.other_triggers)]
    found = greedy_match(gold, pred, lambda g, p: 1.0 if _overlaps(g.trigger, _trigger(p)) else 0.0)
    scores.identification.add(len(found), len(pred) - len(found), len(gold) - len(found))
    typed = greedy_match(gold, pred, lambda g, p: 1.0 if g.type == p.type and _overlaps(g.trigger, _trigger(p)) else 0.0)
    scores.classification.add(len(typed), len(pred) - len(typed), len(gold) - len(typed))
    gold_of = {pi: gi for gi, pi in typed}
    text = result.article.text
    right = 0
    predicted_count = 0
    for pi, event in enumerate(pred):
        arguments = predicted_arguments(result, event)
        predicted_count += len(arguments)
        unused = list(gold[gold_of[pi]].arguments) if pi in gold_of else []
        for role, spans in arguments:
            hit = next((g for g in unused if g[0] == role and any(_overlaps(g[1], s) for s in spans)), None)
            if hit is not None:
                unused.remove(hit)
                right += 1
    gold_count = sum(len(g.arguments) for g in gold)
    scores.arguments.add(right, predicted_count - right, gold_count - right)
    matched_gold = {gi for gi, _ in typed}
    for gi, g in enumerate(gold):
        if gi not in matched_gold:
            scores.errors.append(f"FN\t{result.article.id}\t{g.type}\t{text[g.trigger[0]:g.trigger[1]]!r}\t"
                                 f"{_line(text, g.trigger[0])}")
    for pi, p in enumerate(pred):
        if pi not in gold_of:
            start, end = _trigger(p)
            scores.errors.append(f"FP\t{result.article.id}\t{p.type}\t{text[start:end]!r}\t{_line(text, start)}")


def _line(text: str, at: int) -> str:
    return text[text.rfind("\n", 0, at) + 1:(text.find("\n", at) + 1 or len(text) + 1) - 1]


def evaluate(path: Path, errors_path: Path | None = None) -> WikiEventsScores:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    started = time.perf_counter()
    documents = [read_document(r) for r in records]
    scores = WikiEventsScores(halves={half: WikiEventsScores() for half in HALVES})
    for position, (document, result) in enumerate(zip(documents, analyze_many(d.article for d in documents), strict=True)):
        if not isinstance(result, AnalyzedArticle):
            result = AnalyzedArticle(article=document.article)  # a failure predicts nothing
        half = scores.halves[HALVES[position % 2]]
        for tally in (scores, half):
            score_document(result, document, tally)
            tally.documents += 1
    scores.seconds = time.perf_counter() - started
    write_errors(errors_path, scores.errors)
    return scores
