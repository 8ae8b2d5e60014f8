"""Events: who did what to whom, typed in the PLOVER ontology.

Triggers come from ``data/events.yaml`` and are matched over lemmas with spaCy's
Matcher; participants come from the parse (subject → actors, object or a
"with" phrase → recipients), place and date from the expressions in the
trigger's clause, and modality from the words that govern the trigger.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from .. import data
from .actors import ActorTable
from .places import PlaceMention
from .statements import StatementBuild, subject_of
from .times import Timex

ARGUMENT_DEPS = {"dobj", "dative", "attr"}
LIGHT_VERBS = {"hold", "have", "attend", "host", "convene", "join", "conduct", "sign", "reach", "launch", "stage", "carry", "make"}


@dataclass
class EventBuild:
    type: str
    mode: str | None
    trigger: int  # token index
    trigger_end: int
    actors: list[str]
    recipients: list[str]
    evidence: tuple[int, int]  # character offsets
    modality: str = "asserted"
    statement: int | None = None  # index into the statements list
    place: PlaceMention | None = None
    date: Timex | None = None
    date_basis: str = "text"
    confidence: float = 0.7


@cache
def config() -> dict:
    """The trigger lexicon and modality words of ``data/events.yaml``."""
    return data.load("events")


def _matcher(vocab) -> Matcher:
    matcher = Matcher(vocab)
    for etype, spec in config().items():
        if etype == "modality":
            continue
        if spec.get("verbs"):
            matcher.add(f"{etype}|verb", [[{"LEMMA": {"IN": list(spec["verbs"])}, "POS": "VERB"}]])
        single_nouns = [n for n in spec.get("nouns", {}) if " " not in n]
        if single_nouns:
            matcher.add(f"{etype}|noun", [[{"LEMMA": {"IN": single_nouns}, "POS": "NOUN"}]])
        for phrase in [n for n in spec.get("nouns", {}) if " " in n]:
            matcher.add(f"{etype}|noun", [[{"LOWER": w} for w in phrase.split()[:-1]] + [{"LEMMA": phrase.split()[-1]}]])
        for phrase in spec.get("phrases", {}):
            matcher.add(f"{etype}|phrase", [[{"LOWER": w} for w in phrase.split()]])
    return matcher


_MATCHERS: dict[int, Matcher] = {}


def _with_conjuncts(token: Token) -> list[Token]:
    return [token] + [t for t in token.conjuncts if t.i > token.i]


def _actors_of(tokens: list[Token], table: ActorTable) -> list[str]:
    found: list[str] = []
    for token in tokens:
        for t in _with_conjuncts(token):
            actor = table.actor_at(t)
            if actor is None:
                # "the leader of X, Ismail Haniyeh": the name in apposition.
                actor = next((table.actor_at(c) for c in t.children if c.dep_ == "appos" and table.actor_at(c)), None)
            if actor and actor not in found:
                found.append(actor)
    return found


def _prep_objects(token: Token, preps: set[str]) -> list[Token]:
    return [p for c in token.children if c.dep_ in ("prep", "agent") and c.lower_ in preps
            for p in c.children if p.dep_ == "pobj"]


def _modality(trigger: Token) -> str:
    mod = config()["modality"]
    clause = trigger
    if trigger.pos_ == "NOUN":
        clause = next((a for a in trigger.ancestors if a.pos_ in ("VERB", "AUX")), trigger)
    words = {c.lower_ for c in clause.children}
    aux = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
    if words & set(mod["negation"]) or any(c.dep_ == "neg" for c in trigger.children):
        return "negated"
    governor = clause.head if clause.dep_ in ("xcomp", "ccomp", "pobj", "dobj") else None
    if trigger.pos_ == "NOUN" and trigger.head.lower_ == "for" and trigger.head.head.lemma_ in mod["demanded_heads"]:
        return "demanded"
    if governor is not None and governor.lemma_ in mod["demanded_heads"] and clause.dep_ in ("xcomp", "ccomp"):
        return "demanded"
    if governor is not None and governor.lemma_ in mod["planned_heads"] and clause.dep_ == "xcomp":
        return "planned"
    if aux & set(mod["future_aux"]):
        return "future"
    if any(c.dep_ == "mark" and c.lower_ in mod["conditional_marks"] for c in clause.children) or \
            aux & set(mod["hypothetical_aux"]):
        return "hypothetical"
    return "asserted"


def _nearest(items, trigger: Token, sent, key_start, excluded) -> object | None:
    """The item nearest after the trigger in its sentence, else nearest before it."""
    in_sentence = [x for x in items if sent.start_char <= key_start(x) < sent.end_char and not excluded(key_start(x))]
    after = [x for x in in_sentence if key_start(x) > trigger.idx]
    if after:
        return min(after, key=key_start)
    before = [x for x in in_sentence if key_start(x) < trigger.idx]
    return max(before, key=key_start) if before else None


def extract_events(doc: Doc, table: ActorTable, statements: list[StatementBuild],
                   places: list[PlaceMention], times: list[Timex]) -> list[EventBuild]:
    """Events in ``doc`` with participants, place, date and modality."""
    matcher = _MATCHERS.get(id(doc.vocab))
    if matcher is None:  # built once per vocabulary, not per document
        matcher = _MATCHERS[id(doc.vocab)] = _matcher(doc.vocab)
    lexicon_config = config()
    found: list[EventBuild] = []
    seen: set[int] = set()
    for match_id, start, end in sorted(matcher(doc), key=lambda m: (m[1], -m[2])):
        label = doc.vocab.strings[match_id]
        etype, form = label.split("|")
        if start in seen:
            continue
        spec = lexicon_config[etype]
        trigger = doc[end - 1] if form == "noun" else doc[start]
        lexicon = {"verb": spec.get("verbs", {}), "noun": spec.get("nouns", {}), "phrase": spec.get("phrases", {})}[form]
        phrase = doc[start:end].text.lower()
        mode = lexicon.get(phrase, lexicon.get(trigger.lemma_.lower()))
        preps = set(spec.get("with_preps", [])) | {"with", "between"} if etype == "CONSULT" else set(spec.get("with_preps", []))
        if form in ("verb", "phrase"):
            head = trigger if form == "verb" else doc[start]
            subject = subject_of(head)
            actors = _actors_of([subject], table) if subject is not None else []
            objects = [c for c in head.children if c.dep_ in ARGUMENT_DEPS] + _prep_objects(head, preps)
            recipients = [a for a in _actors_of(objects, table) if a not in actors]
        else:
            if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in trigger.children) \
                    and not _prep_objects(trigger, preps) and not any(c.dep_ == "poss" for c in trigger.children):
                continue  # "during the meeting": a reference back, not a new event
            args = _prep_objects(trigger, preps)
            between = _prep_objects(trigger, {"between", "among"})
            owners = [c for c in trigger.children if c.dep_ == "poss"]
            clause = next((a for a in trigger.ancestors if a.pos_ in ("VERB", "AUX")), None)
            governing = []
            if clause is not None and (trigger.head.dep_ == "prep" and trigger.head.head == clause
                                       or trigger.dep_ in ("dobj", "nsubjpass") and clause.lemma_ in LIGHT_VERBS):
                subj = subject_of(clause)
                governing = [subj] if subj is not None else []
            actors = _actors_of(owners + governing + between, table)
            recipients = [a for a in _actors_of([a for a in args if a not in between], table) if a not in actors]
        if etype == "CONSULT" and len(actors) + len(recipients) < 2:
            continue
        if not actors and not recipients:
            continue
        seen.update(range(start, end))
        sent = trigger.sent
        found.append(EventBuild(
            type=etype, mode=mode, trigger=start, trigger_end=end, actors=actors, recipients=recipients,
            evidence=(sent.start_char, sent.end_char - len(sent.text) + len(sent.text.rstrip())),
            modality=_modality(trigger), confidence=0.8 if actors and recipients else 0.6))
    for event in found:
        _ground(doc, event, statements, places, times)
    return found


def _ground(doc: Doc, event: EventBuild, statements: list[StatementBuild],
            places: list[PlaceMention], times: list[Timex]) -> None:
    """Attach the statement that reports the event, its place and its date."""
    trigger = doc[event.trigger]
    sent = trigger.sent
    reporting = next((n for n, s in enumerate(statements) if s.content[0] <= trigger.idx < s.content[1]), None)
    if reporting is not None:
        event.statement = reporting
        if event.modality == "asserted":
            event.modality = "reported"
    in_other_content = lambda offset: any(
        s.content[0] <= offset < s.content[1] for n, s in enumerate(statements) if n != reporting)
    located = [p for p in places if p.token > 0 and doc[p.token - 1].lower_ in ("in", "at", "near", "outside", "inside")]
    event.place = _nearest(located, trigger, sent, lambda p: p.start, in_other_content)
    dated = [t for t in times if t.type in ("DATE", "TIME") and t.day is not None]
    event.date = _nearest(dated, trigger, sent, lambda t: t.start, in_other_content)
