"""Events: who did what to whom, typed in the PLOVER ontology.

Triggers come from ``data/events.yaml`` and are matched over lemmas in one pass
over the tokens; participants come from the parse (subject → actors, object or a
"with" phrase → recipients), place and date from the expressions in the
trigger's clause, and modality from the words that govern the trigger.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from .. import data
from .actors import ActorTable, lexicon, sentence_index, sentence_of, text_of, title_cased, tokens_of
from .places import PLACE_NOUNS, PlaceInfo, PlaceMention, compass_words, fold, gazetteer, place_words, qualifying_mentions
from .senses import violent
from .statements import PERSONAL_OBJECTS, StatementBuild, a_thing, inside_a_name, is_cue, subject_of
from .times import Timex

ARGUMENT_DEPS = {"dobj", "dative", "attr"}


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
    has_patient: bool = False  # the trigger's own patient, named or not: no place stands in for it
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token spans of later references to it
    years_back: bool = False  # told as years before the news: "18 years after Washington invaded the country"


@cache
def config() -> dict:
    """The trigger lexicon and modality words of ``data/events.yaml``."""
    return data.load("events")


@dataclass(frozen=True)
class _TriggerWords:
    verbs: frozenset[str]
    nouns: frozenset[str]
    armed: frozenset[str]  # verbs that are events only with an armed side
    phrases: dict[str, tuple[tuple[str, ...], ...]]  # first word → phrases, longest first


@cache
def _trigger_words() -> _TriggerWords:
    """Every verb, noun and phrase the lexicon names, typed afterwards."""
    verbs, nouns, phrases = set(), set(), set()
    for spec in _types().values():
        verbs |= set(spec.get("verbs", {})) | set(spec.get("verb_objects", {}))
        nouns |= {n for n in spec.get("nouns", {}) if " " not in n}
        phrases |= set(spec.get("phrases", {})) | {n for n in spec.get("nouns", {}) if " " in n}
    armed = frozenset(config()["armed_verbs"]["verbs"])  # "fighting broke out" stays a noun
    verbs |= armed | _two_sense_words("verb")
    nouns |= _two_sense_words("noun")
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(phrases):
        words = tuple(phrase.split())
        by_first.setdefault(words[0], []).append(words)
    return _TriggerWords(frozenset(verbs), frozenset(nouns), armed,
                         {w: tuple(sorted(p, key=len, reverse=True)) for w, p in by_first.items()})


def candidate_triggers(doc: Doc) -> list[tuple[str, int, int]]:
    """(form, start, end) of every candidate trigger, in text order, longer first where two start
    together: a verb or noun of the lexicon by its lemma (a noun by its own form too), a phrase by its
    words and its last word's lemma ("took to the street" for "took to the streets").

    A plain pass over the tokens: spaCy's Matcher with set predicates cost more than the rest of the
    event coder together."""
    words = _trigger_words()
    tokens = tokens_of(doc)
    found = []
    for token in tokens:
        lemma, lower, pos = token.lemma_, token.lower_, token.pos_
        for phrase in words.phrases.get(lower, ()):
            end = token.i + len(phrase)
            if end <= len(tokens) and tokens[end - 1].lemma_ == phrase[-1] \
                    and all(tokens[token.i + k].lower_ == w for k, w in enumerate(phrase[:-1])):
                found.append(("phrase", token.i, end))
        if pos in ("VERB", "AUX") and lemma in words.verbs and not (
                lemma in words.armed and token.tag_ == "VBG" and token.dep_ in ("nsubj", "nsubjpass")) \
                and not (inside_a_name(token, NAMED_BODIES) and not title_cased(sentence_of(token))):
            # ("the Volatiles Investigating Polar Exploration Rover" investigates nothing)
            found.append(("verb", token.i, token.i + 1))
        # a gerund where a noun stands is one: "fighting broke out"
        elif (pos in ("NOUN", "PROPN") or token.tag_ == "VBG" and token.dep_ in ("nsubj", "nsubjpass")) \
                and (lemma in words.nouns or lower in words.nouns
                     or token.i > 1 and tokens[token.i - 1].text == "-" and _hyphened(token) in words.nouns) \
                and token.ent_type_ not in ("DATE", "TIME") \
                and not (inside_a_name(token, NAMED_BODIES) and not title_cased(sentence_of(token))):
            # "on 12 March" is no march; "the Asia-Pacific Economic Cooperation forum" is no cooperation
            found.append(("noun", token.i, token.i + 1))
    return sorted(found, key=lambda m: (m[1], -m[2]))


@cache
def _two_sense_words(form: str) -> frozenset[str]:
    """The words with a violent and another sense (`two_senses`), verbs or nouns: an assault only when
    ``senses.violent`` reads them so."""
    return frozenset(config()["two_senses"]["verbs" if form == "verb" else "nouns"])


@cache
def _types() -> dict:
    return {k: v for k, v in config().items() if k.isupper()}  # the PLOVER types, not the word lists


def _complements(verb: Token) -> set[str]:
    """What a verb acts on, as comparable words: objects, particles, complements, prepositional objects."""
    found: set[str] = set()
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "oprd", "nsubjpass", "dative", "acomp", "ccomp"):
            found.add(child.lemma_.lower())
            found.add(child.lower_)
            found.add(_hyphened(child))  # "held a sit-in"
            found.add(" ".join(t.lower_ for t in child.subtree))
            # "aid deliveries", "tons of food aid", "photographs and other intelligence"
            found |= {g.lemma_.lower() for g in child.children if g.dep_ in ("compound", "conj", "amod")}  # "an offensive operation"
            found |= {g.lemma_.lower() for p in child.children if p.dep_ == "prep" and p.lower_ == "of"
                      for g in p.children if g.dep_ == "pobj"}
            # "set more than 200 houses on fire": the phrase the parser hung on the object
            found |= {f"{p.lower_} {g.lemma_.lower()}" for p in child.children if p.dep_ == "prep"
                      for g in p.children if g.dep_ == "pobj"}
        elif child.dep_ == "prt":
            found.add(child.lower_)
        elif child.dep_ == "xcomp":
            found |= {"to", child.lemma_.lower()}
        elif child.dep_ in ("prep", "agent"):
            found.add(child.lower_)
            # "in support"; but "on 4 March" is a date, no march
            found |= {w for g in child.children if g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in ("DATE", "TIME")
                      for w in (g.lemma_.lower(), f"{child.lower_} {g.lemma_.lower()}")}
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and _is_weapon(verb.head, _weapons()):
        found |= {verb.head.lemma_.lower(), verb.head.lower_}  # "shells fired by Pakistan forces": fired shells
    return found | _object_classes(verb)


def _object_classes(verb: Token) -> set[str]:
    """The "@" classes of what a verb acts on: its object's words in `object_classes` ("provided
    medical supplies": @relief), a sum of money (@money), a thing handed to someone (@to_party)."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not objects:
        return set()
    quantities = config()["object_quantities"]
    # the object's head and its conjuncts ("vehicles and tents"), and what a quantity holds ("tons of
    # food"); not a modifier ("fuel prices" are no fuel)
    heads = [t for o in objects for t in (o, *o.conjuncts)]
    heads += [g for h in heads if h.lemma_.lower() in quantities for p in h.children
              if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    words = {w for t in heads for w in (t.lemma_.lower(), t.lower_)}
    found = {f"@{name}" for name, members in _class_words().items() if words & members}
    if any(t.ent_type_ == "MONEY" for t in heads):
        found.add("@money")  # "provided 6.3 million euros", not "announced a $2 billion takeover"
    lex = lexicon()
    for p in verb.children:
        if p.dep_ in ("prep", "dative") and p.lower_ == "to":
            for party in (g for g in p.children if g.dep_ == "pobj"):
                if party.ent_type_ in ("GPE", "ORG", "NORP", "PERSON") or party.lemma_.lower() in lex.org_nouns \
                        or party.lemma_.lower() in lex.agent_nouns:
                    found.add("@to_party")  # "returned 11 paintings to the museum", not "returned to Kabul"
    return found


@cache
def _class_words() -> dict[str, frozenset[str]]:
    return {name: frozenset(words) for name, words in config()["object_classes"].items()}


def _verb_type(verb: Token) -> tuple[str, str | None] | None:
    """(PLOVER type, mode) of a verb, its objects considered first."""
    lemma = verb.lemma_.lower()
    complements = None
    for etype, spec in _types().items():
        objects = spec.get("verb_objects", {}).get(lemma)
        if objects:
            complements = complements if complements is not None else _complements(verb)
            for word, mode in objects.items():
                if word in complements or any(" " in word and word in c for c in complements):
                    return etype, mode
    objectless = config()["objectless_verbs"]
    for etype, spec in _types().items():
        if lemma in spec.get("verbs", {}) and not (
                lemma in objectless.get(etype, ()) and any(c.dep_ == "dobj" and not _route(c) for c in verb.children)):
            return etype, spec["verbs"][lemma]
    armed = config()["armed_verbs"]
    if lemma in armed["verbs"] and len(sides := _sides(verb)) > 1 and any(_armed(side) for side in sides):
        return "ASSAULT", armed["verbs"][lemma]
    return None


def _subject_lost(verb: Token) -> bool:
    """A finite main verb the parser left without a subject: "in Cumana (Sucre), women and activists
    protested", the subject read as more of the place. Someone did it; who is unknown."""
    return verb.dep_ == "ROOT" and verb.tag_ in ("VBD", "VBN", "VBZ", "VBP") \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl", "aux", "auxpass") for c in verb.children)


def _no_such_event(verb: Token, etype: str, table: ActorTable) -> bool:
    """Whether an event verb, in its clause, tells of no event of its type after all: no one freed
    ("released a video") or hosted ("will host the final"), a thing beaten ("production beat forecasts"), a person hired ("signed to
    Universal"), a warning of how things are ("warned that staff shortages have taken their toll"),
    a plea or a showing ("pleaded guilty", "the case demonstrates that …"), a naming ("called the
    explosion an attack"), a thing, a disaster or a
    market for doer ("the crashes killed 346 people"), an alarm going off."""
    lemma, cfg = verb.lemma_.lower(), config()
    return lemma in cfg["patient_verbs"] and not _someone_acted_on(verb, table) and not _meeting_held(verb) \
        or lemma in cfg["thing_object_verbs"] and _thing_acted_on(verb, table) \
        or lemma in cfg["person_object_not_event"] and _person_acted_on(verb, table) \
        or lemma in cfg["own_deed_verbs"] and _warns_of_a_state(verb) \
        or _court_or_show_word(verb) \
        or lemma in cfg["active_only_verbs"] and _passive(verb) \
        or lemma in cfg["intransitive_event_verbs"] and any(
            c.dep_ == "ccomp" or c.dep_ == "dobj" and c.pos_ in ("NOUN", "PRON") and c.ent_type_ not in ("GPE", "LOC", "FAC")
            for c in verb.children) \
        or etype == "REQUEST" and lemma in cfg["naming_verbs"] and any(c.dep_ == "oprd" and c.ent_type_ not in ("DATE", "TIME")
                                                                      for c in verb.children) \
        or _done_by_a_thing(verb, etype, table) \
        or lemma in cfg["contests"]["verbs"] and _a_contest(verb) \
        or not _weapon_went_off(verb) and any(f"{lemma} {c.lower_}" in cfg["weapon_subject_verbs"]
                                              for c in verb.children if c.dep_ in ("prt", "prep"))  # "went off script"


def _passive(verb: Token) -> bool:
    """A passive, with its auxiliary, or "as" and a by-phrase ("as demonstrated by his departure"; not
    "protesters on a flotilla demonstrated by a lodge", parsed as a by-phrase)."""
    children = list(verb.children)
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in children) or verb.tag_ == "VBN" \
        and any(c.dep_ == "agent" for c in children) and any(c.dep_ == "mark" and c.lower_ == "as" for c in children)


# "6-3", "2-1", "52-48": a game's or a vote's score, written close (not "between 4 - 5 January", "18-20 February")
SCORE = re.compile(r"(?<![\d./-])(?<!between )\d{1,3}[-–]\d{1,3}(?![\d/-])(?! ?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))")


def _a_contest(verb: Token) -> bool:
    """Whether a verb of winning tells of a game or a vote rather than a fight: a score in its sentence,
    a contest word in who beat whom, where ("beat the incumbent", "rallied from a set down"), or an article that
    reports games (scores in two sentences or more)."""
    if SCORE.search(verb.sent.text):
        return True
    words = _contest_words()
    # what was beaten and where, not what a rally is for or against ("rallied against the election")
    parts = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "advcl", "xcomp")
             or c.dep_ == "prep" and c.lower_ in ("in", "from", "to")]
    if any(t.lower_ in words or t.lemma_.lower() in words for c in parts for t in c.subtree):
        return True
    head = verb.head  # "rallied from a set down to beat him": one contest
    if verb.dep_ in ("xcomp", "advcl", "conj") and head.lemma_.lower() in config()["contests"]["verbs"] \
            and _a_contest(head):
        return True
    doc = verb.doc
    if "dateline_scores" not in doc.user_data:
        doc.user_data["dateline_scores"] = sum(bool(SCORE.search(s.text)) for s in doc.sents)
    return doc.user_data["dateline_scores"] >= 2


@cache
def _contest_words() -> frozenset[str]:
    return frozenset(config()["contests"]["words"])


WRITER_READER_SUBJECTS = {"i", "we", "you"}


def _article_voice(verb: Token, statements: list[StatementBuild]) -> bool:
    """"I welcome the return of the keyboard", "you'll be attacked by three factions": the writer or the
    reader in the article's own prose, outside anything a source says, does no event of the news."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ not in WRITER_READER_SUBJECTS:
        return False
    return not any(start <= verb.idx < end for s in statements for start, end in s.spans())


def _person_acted_on(verb: Token, table: ActorTable) -> bool:
    """Whether a verb's object, or its subject in the passive, is a person."""
    for patient in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")):
        mention = table.mention_at(patient)
        if patient.ent_type_ == "PERSON" or mention is not None and mention.actor \
                and table.actor(mention.actor).kind == "person":
            return True
    return False


SPEAKER_PRONOUNS = {"i", "we", "he", "she", "it", "they"}


def _warns_of_a_state(verb: Token) -> bool:
    """Whether a warning's clause tells of how things are or go, not of a deed to come of the warner's
    own side: a clause whose subject is no pronoun for the warner, or whose verb no "will" or "would"
    points ahead ("warned that it would retaliate" threatens)."""
    infinitive = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if infinitive is not None:
        # "warned the WHO to be cautious": advice for the one warned; "vowed to hasten efforts": a
        # promise; only a hostile deed of the speaker's own threatens ("vowed to retaliate")
        if any(c.dep_ == "dobj" for c in verb.children):
            return True
        typed = _verb_type(infinitive)
        return not (typed and typed[0] in config()["hostile_types"]
                    or infinitive.lemma_.lower() in config()["hostile_vows"])
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return False
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    ahead = any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in clause.children)
    lex = lexicon()
    # (the warner's own side: a pronoun, its people or forces, a body: "warned that police will no
    # longer tolerate rallies"; not "warned that prices will rise")
    acting = subject is not None and (subject.lower_ in SPEAKER_PRONOUNS or subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
                                      or subject.lemma_.lower() in lex.agent_nouns | lex.role_nouns)
    return not (ahead and acting)


LONG_UNITS = {"year", "decade", "century"}


def _years_back(trigger: Token) -> bool:
    """"18 years after Washington invaded the country", "decades since the army seized power": an event
    in a clause the text places years before the time it tells of is history, whatever its date."""
    for verb in (trigger, trigger.head):
        if any(c.dep_ == "mark" and c.lower_ in ("after", "since") for c in verb.children) and any(
                c.dep_ == "npadvmod" and c.lemma_.lower() in LONG_UNITS for c in verb.children):
            return True
    return False


def _court_or_show_word(verb: Token) -> bool:
    """"pleaded guilty", "demonstrates that …", "a request for comment": a verb or an event noun that,
    with these words beside it, is a plea, a showing or the reporter's own business
    (``no_event_complements``), not the event its lemma names."""
    following = config()["no_event_next_words"].get(verb.lemma_.lower())
    if following and verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].lower_ in following:
        return True
    words = config()["no_event_complements"].get(verb.lemma_.lower())
    if not words:
        return False
    # a clause beside it counts as "that", marked or not ("denied it was involved")
    beside = {c.lower_ for c in verb.children} | {"that" for c in verb.children if c.dep_ == "ccomp"}
    beside |= {" ".join(t.lower_ for t in verb.doc[verb.i + 1:verb.i + n]) for n in (2, 3)}  # "pleaded guilty Monday"
    return bool(beside & set(words))


def _in_a_title(noun: Token) -> bool:
    """Whether an event noun names a post, not a happening: "the commissioner responsible for
    humanitarian aid", "the UN's aid chief", "minister for trade negotiations"."""
    roles = lexicon().role_nouns
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in roles:
        return True
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("for", "of"):
        return False
    holder = noun.head.head
    # "responsible for": the noun the adjective describes, however the parser hung it
    holders = [holder.head, *(c for c in holder.children if c.dep_ == "nsubj")] if holder.pos_ == "ADJ" else [holder]
    return any(h.pos_ == "NOUN" and h.lemma_.lower() in roles for h in holders)


def _there_was(noun: Token) -> bool:
    """Whether an event noun is what "there was" says happened, not one told before ("the explosion")."""
    verb = noun.head
    return noun.dep_ == "attr" and verb.lemma_ == "be" and any(c.dep_ == "expl" for c in verb.children) \
        and not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those", "no") for c in noun.children) \
        and not any(c.dep_ == "neg" for c in verb.children)  # "there was no attack"


def _route(obj: Token) -> bool:
    """Whether a verb's object is the way it goes: after a particle of way ("marched down First
    Avenue"), or a road ("marched the streets of Paris")."""
    verb = obj.head
    return any(c.dep_ == "prt" and c.lower_ in config()["route_particles"] and c.i < obj.i for c in verb.children) \
        or obj.lemma_.lower() in config()["route_nouns"]


@cache
def _armed_words() -> frozenset[str]:
    sectors = data.load("roles")["sectors"]
    return frozenset(config()["armed_verbs"]["words"] + sectors["MIL"] + sectors["COP"] + sectors["REB"])


def _armed(side: Token) -> bool:
    """Whether a side of a fight is armed: soldiers, police, rebels, fighters, gunmen."""
    words = _armed_words()
    return any(t.lemma_.lower() in words or t.lower_ in words for t in _with_conjuncts(side))


def _sides(verb: Token) -> list[Token]:
    """Who fights: the subject, the object and whom "with" or "against" names."""
    subject = subject_of(verb, speech=False)
    return ([subject] if subject is not None else []) + [c for c in verb.children if c.dep_ == "dobj"] \
        + _prep_objects(verb, {"with", "against"})


def _passive_of_its_noun(verb: Token, spec: dict) -> bool:
    """"a demonstration was staged outside the company": a light verb in the passive with its event
    noun for subject tells the event happened, whoever did it."""
    nouns = spec.get("nouns", {})
    return any(c.dep_ == "nsubjpass" and (c.lemma_.lower() in nouns or c.lower_ in nouns) for c in verb.children)


def _told_as_happening(noun: Token) -> bool:
    """Whether an event noun is the subject of a verb that says it happened ("a shoot-out took place",
    "fighting broke out"; not "the explosion occurred", a mention of one told before), or is counted
    as observed ("observed a total of 8 explosions"), or what "there was" says happened ("there were
    explosions at the bank")."""
    if _there_was(noun):
        return True
    counted = noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in ("total", "number", "series"):
        counted = noun.head.head  # "a total of 8 explosions"
    if counted.dep_ == "dobj" and counted.head.lemma_.lower() in config()["observed_verbs"] and (
            counted is not noun or any(c.dep_ == "nummod" for c in noun.children)):
        return True  # "monitors observed 8 explosions near Yasne"
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX") \
            or any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children):
        return False
    words = {verb.lemma_.lower()} | {f"{verb.lemma_.lower()} {c.lower_}" for c in verb.children if c.dep_ in ("prt", "dobj")}
    return bool(words & set(config()["occurrence_verbs"]))


def _done_by_a_thing(verb: Token, etype: str, table: ActorTable) -> bool:
    """Whether the subject of an event verb is something that does no such event: a thing, for a type
    told by what people say or decide ("the script called for an anthem"); an accident, a disaster or
    a disease for any type ("two crashes that killed 346 people"). A weapon or an event does ("a bomb
    killed five", "the attack wounded two")."""
    if _by_a_natural_cause(verb):
        return True
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    noun = subject.head.head if subject.lower_ in ("which", "that") and subject.head.dep_ == "relcl" else subject
    # (or what it is of: "two crashes of its 737 Max jets that killed 346 people")
    nouns = [noun] + ([noun.head.head] if noun.dep_ == "pobj" and noun.head.lower_ == "of" else [])
    if any(_natural_cause(n) for n in nouns):
        return True
    if {noun.lemma_.lower(), noun.lower_} & set(config()["market_subjects"]):
        return True  # "stocks rallied", "the Nifty has been rallying"
    return etype in config()["verbal_types"] and a_thing(subject, table) and not _is_weapon(noun, _weapons()) \
        and noun.lemma_.lower() not in _event_nouns()


CAUSE_PREPOSITIONS = {"in", "by", "during", "from"}


def _by_a_natural_cause(verb: Token) -> bool:
    """"were killed in a helicopter crash", "died in the floods", "injured by lightning": the phrase
    names an accident, a disaster or a disease as what did it, and nobody else is its doer."""
    if any(c.dep_ == "agent" and any(g.dep_ == "pobj" and not _natural_cause(g) for g in c.children) for c in verb.children):
        return False
    return any(c.dep_ in ("prep", "agent") and c.lower_ in CAUSE_PREPOSITIONS and any(
        g.dep_ == "pobj" and _natural_cause(g) for g in c.children) for c in verb.children)


def _natural_cause(noun: Token) -> bool:
    causes = config()["natural_causes"]
    return noun.lemma_.lower() in causes or noun.lower_ in causes


def _someone_acted_on(verb: Token, table: ActorTable) -> bool:
    """Whether a verb's patient (its object, or its subject in the passive) is someone: a person's or
    a group's name, a word for people ("hostages", "detainees", "protesters"), a personal pronoun."""
    # its own object, or that of the verbs it is coordinated with ("freed and flew home two hostages")
    verbs = [verb, *(v for v in verb.conjuncts if v.pos_ in ("VERB", "AUX"))]
    patients = [c for v in verbs for c in v.children if c.dep_ in ("dobj", "nsubjpass")]
    if not patients and verb.dep_ == "acl" and verb.tag_ == "VBN":
        patients = [verb.head]  # "two hostages released on Monday"
    lex = lexicon()
    people = lex.role_nouns | lex.agent_nouns | lex.partitive_nouns | lex.female | lex.male
    # and what a count or a part is of: "hundreds of political prisoners were released"
    patients += [g for head in patients if head.pos_ == "NUM" or head.ent_type_ == "CARDINAL"
                 or head.lower_ in lex.partitive_nouns for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
                 for g in p.children if g.dep_ == "pobj"]  # not "photos of the suspects"
    for patient in (p for head in patients for p in (head, *head.conjuncts)):
        mention = table.mention_at(patient)
        # (a person or a group: an organisation's name is as often a product's, "the MacBook released in 2015")
        if mention is not None and mention.actor and table.actor(mention.actor).kind in ("person", "group"):
            return True
        if patient.ent_type_ in ("PERSON", "NORP") or patient.lower_ in PERSONAL_OBJECTS \
                or patient.lemma_.lower() in people or patient.lower_.endswith(("ees", "ers", "ors", "ists", "ians")):
            return True
    return False


def _meeting_held(verb: Token) -> bool:
    """Whether a verb's object is a meeting of people: "ready to host a meeting between …", "hosted talks"."""
    return any(c.dep_ == "dobj" and (_noun_type(c, c.lemma_.lower()) or ("",))[0] == "CONSULT" for c in verb.children)


def _thing_acted_on(verb: Token, table: ActorTable) -> bool:
    """Whether a verb's own object is plainly a thing, or it has a particle that makes it no event."""
    if any(c.dep_ == "prt" and c.lower_ in config()["thing_object_verbs"][verb.lemma_.lower()] for c in verb.children):
        return True
    return any(c.dep_ == "dobj" and a_thing(c, table) for c in verb.children)


def _weapon_went_off(verb: Token) -> bool:
    """"A bomb exploded in a market": a weapon, told for the first time (not "the bomb exploded"),
    is the subject of the verb; the attack happened, its doer unknown."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and _is_weapon(subject, _weapons()) \
        and not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subject.children)


def _noun_type(noun: Token, *phrases: str) -> tuple[str, str | None] | None:
    """The type of a noun trigger: a listed phrase first, of any type ("air raids" is ASSAULT before
    "raids" is COERCE), then the noun itself."""
    for etype, spec in _types().items():
        for phrase in phrases:
            if phrase in spec.get("nouns", {}):
                return etype, spec["nouns"][phrase]
            if phrase in spec.get("phrases", {}):
                return etype, spec["phrases"][phrase]
    for etype, spec in _types().items():
        nouns = spec.get("nouns", {})
        # "talks", "sanctions" are listed in the plural; "cease-fire" as written
        for word in (noun.lower_, noun.lemma_.lower(), _hyphened(noun)):
            if word in nouns:
                return etype, nouns[word]
    return None


def _with_conjuncts(token: Token) -> list[Token]:
    return [token] + [t for t in token.conjuncts if t.i > token.i]


def _actors_of(tokens: list[Token], table: ActorTable, *, subject: bool = False) -> list[str]:
    """Actors a phrase refers to; unnamed people and bodies become group actors.

    A subject is an agent whatever its head noun ("the APEC forum agreed"); an object
    only when its head names people or a body ("arrested students"), not a thing.
    """
    found: list[str] = []
    agents = lexicon().agent_nouns
    partitive = lexicon().partitive_nouns
    weapons = _weapons()
    for token in tokens:
        for t in _with_conjuncts(token):
            if subject and _is_weapon(t, weapons) and table.actor_at(t) is None:
                user = _weapon_user(t)
                if user is None:
                    continue  # "a landmine exploded": the mine is no actor, and nobody is named
                t = user
            if table.actor_at(t) is None:
                # "Tens of thousands of students": the students act
                while (t.lower_ in partitive or _joint_body(t)) and (body := next(iter(_prep_objects(t, {"of"})), None)) is not None:
                    t = body
            actor = table.actor_at(t)
            if actor is None:
                # "the leader of X, Ismail Haniyeh": the name in apposition.
                actor = next((table.actor_at(c) for c in t.children if c.dep_ == "appos" and table.actor_at(c)), None)
            if (actor is None or t.pos_ == "PROPN" and table.actor(actor).kind not in ("person", "organization")
                    and gazetteer().candidates(t.text)) and (person := next(
                    (c for c in t.children if c.dep_ == "appos" and c.lemma_.lower() in agents
                     and c.lemma_.lower() not in lexicon().org_nouns), None)) is not None:
                # "in X, Sinaloa, a man was killed": the parser took the place for the subject, the man for its apposition
                mention = table.add_nominal(person)
                actor = mention.actor if mention else None
            if actor is None and subject and (t.pos_ == "NUM" or t.lower_ in partitive) and t.dep_ in ("nsubj", "pobj"):
                mention = table.add_nominal(t)  # "hundreds demonstrated", "about 200 gathered"
                actor = mention.actor if mention else None
            if actor is None and t.pos_ in ("NOUN", "PROPN") and (
                    t.lemma_.lower() in agents or t.lower_ in agents or subject and _can_act(t)):
                named = [m.actor for m in (table.mention_at(x) for x in t.subtree if x.i < t.i) if m and m.actor]
                if subject and named and t.lemma_.lower() not in agents:
                    actor = named[0]  # "Taiwan's vice foreign minister" → Taiwan when nothing better
                else:
                    mention = table.add_nominal(t)
                    actor = mention.actor if mention else None
            if actor is None and not subject:
                actor = _place_participant(t, table)
            if actor is None and subject and t.lower_ in REPORTER_PRONOUNS:
                actor = _reporter(t, table)
            if actor and actor not in found:
                found.append(actor)
            if subject and actor:
                found += [a for a in _umbrella(t, table) if a not in found]
    return found


def _umbrella(doc_token: Token, table: ActorTable) -> list[str]:
    """The named coalition a doer acts within: "RRR militiamen under the CPC alliance", "Cameroonian
    soldiers, as part of the MNJTF" (``umbrella_nouns``): it acts too."""
    words = config()["umbrella_nouns"]
    found = []
    for prep in (c for c in doc_token.children if c.dep_ == "prep"):
        objects = [o for o in prep.children if o.dep_ == "pobj"]
        if prep.lower_ == "as":  # "as part of the MNJTF"
            objects = [g for o in objects if o.lower_ == "part" for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                       for g in p.children if g.dep_ == "pobj"]
        elif prep.lower_ == "under":  # "under the CPC alliance", "under the umbrella of the CPC"
            objects = [g for o in objects if o.lemma_.lower() in words
                       for g in [o, *(g for p in o.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj")]]
        else:
            continue
        objects += [c for o in objects for c in o.children if c.dep_ == "compound"]  # "the CPC coalition"
        found += [a for o in objects if (a := table.actor_at(o)) is not None and table.actor(a).kind == "organization"]
    return list(dict.fromkeys(found))


def _is_weapon(token: Token, weapons: frozenset[str]) -> bool:
    """A weapon's word, also capitalised where the tagger takes it for a name ("Rockets fired …")."""
    lower = token.lower_
    return token.lemma_.lower() in weapons or lower in weapons or lower.endswith("s") and lower[:-1] in weapons


@cache
def _weapons() -> frozenset[str]:
    return frozenset(config()["weapons"])


def _weapon_user(weapon: Token) -> Token | None:
    """Who a weapon is "by" or "from" ("an IED by Al Shabaab militants"), directly or through the verb
    that qualifies it ("a bomb planted by the rebels")."""
    users = _prep_objects(weapon, {"by", "from"}) or [
        u for c in weapon.children if c.dep_ == "acl" for u in _prep_objects(c, {"by"})]
    return users[0] if users else None


REPORTER_PRONOUNS = {"it": ("organization", "country", "group", "other"), "they": ("organization", "country", "group"),
                     "we": ("organization", "country", "group", "person")}


def _reporter(pronoun: Token, table: ActorTable) -> str | None:
    """"Iraq said it would allow …": the subject pronoun of a reported clause is the reporter when
    it can refer to it (an organization or a country for "it")."""
    clause = next((a for a in pronoun.ancestors if a.dep_ == "ccomp"), None)
    if clause is None:
        return None
    subject = subject_of(clause.head, speech=False)
    if subject is not None and table.actor_at(subject) is None and subject.pos_ == "NOUN" and _can_act(subject):
        table.add_nominal(subject)  # "Iraqi military says it has seized …": the military, unnamed
    actor = table.actor(table.actor_at(subject)) if subject is not None else None
    return actor.id if actor is not None and actor.kind in REPORTER_PRONOUNS[pronoun.lower_] else None


@cache
def _event_nouns() -> frozenset[str]:
    """Nouns that name events: "the bombing killed …" stands for whoever bombed."""
    return frozenset(n for spec in _types().values() for n in spec.get("nouns", {}))


AGENTIVE_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "ary", "ee", "ers", "ors", "ists", "ians", "ants", "ents")


def _acts_always(verb: Token) -> bool:
    """A verb only people do: protest, march, gather, organise a protest."""
    lemma = verb.lemma_.lower()
    nouns = _types()["PROTEST"]["nouns"]
    return lemma in config()["actor_verbs"] or lemma in config()["gatherings"]["verbs"] or any(
        c.dep_ == "dobj" and (c.lemma_.lower() in nouns or _hyphened(c) in nouns  # "held a sit-in"
                              or any(g.dep_ == "compound" and g.lemma_.lower() in nouns for g in c.children))
        for c in verb.children)  # "held a protest march", "a protest sit-in"


def _hyphened(token: Token) -> str:
    """A hyphened word the tokenizer split, as written: "sit-in" for the "in" of "sit - in"."""
    doc, start = token.doc, token.i
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ and not doc[start - 2].whitespace_:
        start -= 2
    return doc[start:token.i + 1].text.lower()


def _joint_body(noun: Token) -> bool:
    """"joint forces of the PDF and the CNDF", "the combined force of KNDF": groups acting as one."""
    return any(c.dep_ == "amod" and f"{c.lower_} {noun.lower_}" in lexicon().joint_bodies for c in noun.children)


def _can_act(noun: Token) -> bool:
    """Whether an unlisted subject noun can be an agent: a name, a body ("the APEC forum"), a word
    for a doer ("negotiators"), or a noun a nationality qualifies; not "its compulsion"."""
    lex = lexicon()
    lemma = noun.lemma_.lower()
    # the subject of a verb only people do ("250 masons demonstrated", "veterans gathered") is people
    if noun.dep_ == "nsubj" and _acts_always(noun.head):
        return True
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in lexicon().partitive_nouns \
            and noun.head.head.dep_ == "nsubj" and _acts_always(noun.head.head.head):
        return True  # "members of tribal associations held protests": the partitive's subject acts too
    if noun.tag_ == "NNS" and any(c.dep_ == "nummod" for c in noun.children):
        return True  # a counted body that acts: "around 200 veterans gathered … to demand"
    return noun.pos_ == "PROPN" or _acronym(noun) or lemma in lex.org_nouns or lemma in lex.role_nouns or lemma in _event_nouns() or \
        noun.lower_.endswith(AGENTIVE_ENDINGS) or \
        any(c.dep_ in ("compound", "amod", "nmod") and (c.pos_ == "PROPN" or c.ent_type_) for c in noun.children)


def _acronym(noun: Token) -> bool:
    """"ICE returned 11 paintings", "DHS returned …": a body's initials the tagger took for a common noun."""
    return noun.is_alpha and len(noun.text) >= 2 and noun.text.isupper() and not title_cased(sentence_of(noun))


def _place_participant(token: Token, table: ActorTable) -> str | None:
    """The place a thing-object stands for: "shelled Juba" → Juba, "demolished Palestinian homes" →
    Palestine, "positions of the Palestinian forces" → the forces' actor."""
    doc = token.doc
    gaz = gazetteer()
    # "shelled Mariupol": the place the place finder read there, with its context (extract_events
    # sets the map; a name it left unread is no place to second-guess)
    mention = doc.user_data["dateline_place_at"].get(token.i)
    if mention is not None:
        return table.actor_at(doc[mention.token]) or \
            table.add_place(doc, mention.token, _mention_end(doc, mention), mention.place).actor
    for child in token.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.ent_type_ in ("NORP", "GPE") \
                and gaz.country_named_by(child.text) is not None:
            return table.actor_at(child) or _country_word(child, table)
    for p in _prep_objects(token, {"of"}):
        found = _actors_of([p], table)
        if found:
            return found[0]
    return None


def _mention_end(doc: Doc, mention: PlaceMention) -> int:
    """The token after a place mention's last."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.end if span is not None else mention.token + 1


def _prep_objects(token: Token, preps: set[str]) -> list[Token]:
    return [p for c in token.children if c.dep_ in ("prep", "agent") and c.lower_ in preps
            for p in c.children if p.dep_ == "pobj"]


def _clause_of(trigger: Token) -> Token:
    """The verb whose clause tells of the event: the trigger, or the verb a noun trigger hangs from."""
    if trigger.pos_ == "NOUN":
        return next((a for a in trigger.ancestors if a.pos_ in ("VERB", "AUX")), trigger)
    return trigger


def _modality(trigger: Token) -> str:
    mod = config()["modality"]
    clause = _clause_of(trigger)
    words = {c.lower_ for c in clause.children}
    aux = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
    if words & set(mod["negation"]) or any(c.dep_ == "neg" for c in trigger.children):
        return "negated"
    if (words | {c.lower_ for c in trigger.children}) & set(mod["hedges"]):
        return "reported"  # "militants reportedly attacked": a claim the writer does not vouch for
    governor = clause.head if clause.dep_ in ("xcomp", "ccomp", "pobj", "dobj") else None
    if governor is not None and clause.dep_ == "xcomp" and governor.lemma_.lower() in (
            *mod["implicative_heads"], *mod["planned_heads"]) and any(c.dep_ == "neg" for c in governor.children):
        return "negated"
    if trigger.pos_ == "NOUN" and trigger.head.lower_ == "for" and trigger.head.head.lemma_ in mod["demanded_heads"]:
        return "demanded"
    if governor is not None and governor.lemma_ in mod["demanded_heads"] and clause.dep_ in ("xcomp", "ccomp"):
        return "demanded"
    if governor is not None and governor.lemma_ in mod["planned_heads"] and clause.dep_ == "xcomp":
        return "planned"
    if aux & set(mod["obligation_aux"]):
        return "demanded"
    if aux & set(mod["future_aux"]):
        return "future"
    if aux & set(mod["future_in_past_aux"]) and clause.dep_ == "ccomp" and not any(
            c.dep_ == "advcl" and any(m.lower_ in mod["conditional_marks"] for m in c.children) for c in clause.children):
        return "future"  # "said they would meet": the future of a past report, unless a condition follows
    if any(c.dep_ == "mark" and c.lower_ in mod["conditional_marks"] for c in clause.children) or \
            aux & set(mod["hypothetical_aux"]):
        return "hypothetical"
    if clause.dep_ in ("pcomp", "xcomp") and {clause.head.lemma_.lower(), clause.head.head.lemma_.lower()} & set(
            mod["capability_heads"]):
        return "hypothetical"  # "hackers capable of launching cyber warfare": what they could do, not did
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
    # the places the place finder read, by token: a participant's place is its reading, never a second guess
    doc.user_data["dateline_place_at"] = {i: m for m in places
                                          for i in range(m.token, _mention_end(doc, m))}
    found: list[EventBuild] = []
    seen: set[int] = set()
    references: list[tuple[str, int, int]] = []  # (type, start, end) of event nouns that name no one
    for form, start, end in candidate_triggers(doc):
        if start in seen:
            continue
        trigger = doc[start] if form == "verb" else doc[end - 1]
        # a phrase is listed with its last word's lemma: "took to the street" for "took to the streets"
        phrase = " ".join([t.lower_ for t in doc[start:end - 1]] + [doc[end - 1].lemma_.lower()])
        typed = _verb_type(trigger) if form == "verb" else (
            _noun_type(trigger, doc[start:end].text.lower(), phrase))
        if typed is None and trigger.lemma_.lower() in _two_sense_words(form) \
                and violent(trigger, table.names_a_person):
            typed = ("ASSAULT", None)  # "struck a target with artillery", "launched air strikes on troops"
        if typed is None:
            continue
        if form == "phrase" and doc[start].pos_ in ("VERB", "AUX"):
            form, trigger = "verb", doc[start]  # "took to the streets": a verb phrase, with the verb's arguments
        if form == "verb" and (_no_such_event(trigger, typed[0], table) or _article_voice(trigger, statements)) \
                or form != "verb" and (_court_or_show_word(trigger) or _in_a_title(trigger)):
            continue
        etype, mode = typed
        if etype == "ASSAULT" and violent(trigger, table.names_a_person) is False:
            etype, mode = "ACCUSE", "disapprove"  # "the senator attacked the plan": words, not violence
        spec = _types()[etype]
        preps = set(spec.get("with_preps", []))
        if form == "verb" and trigger.lemma_.lower() in config()["mutual_verbs"]:
            preps.add("with")  # "clashed with the police": the other side
        has_patient = False
        if form == "verb":
            actors, recipients, has_patient = _verb_participants(trigger, preps, table,
                                                                 spec.get("clause_recipient", False),
                                                                 etype in config()["scene_types"])
        else:
            participants = _noun_participants(trigger, preps, table)
            if participants is None:
                references.append((etype, start, end))  # "the explosion": the happening told before
                continue
            actors, recipients = participants
        if etype == "CONSULT" and len(actors) + len(recipients) < 2 and not (mode == "visit" and actors):
            continue
        if not actors and not any(table.actor(r).key[:1] != ("place",) for r in recipients) \
                and not (form != "verb" and _told_as_happening(trigger)) \
                and not (form == "verb" and (_passive_of_its_noun(trigger, spec) or _weapon_went_off(trigger)
                                             or etype == "PROTEST" and _subject_lost(trigger))):
            # nobody takes part: "an agreement on the use of the Lamu port"; told of an event already
            # told, the same happening again ("the bomb exploded")
            if form != "verb":
                references.append((etype, start, end))
            elif not _infinitive(trigger) and not any(c.dep_ == "det" for c in trigger.children):
                references.append((etype, trigger.i, trigger.i + 1))  # not "to attack the virus", "these injured"
            continue
        seen.update(range(start, end))
        sent = sentence_of(trigger)
        found.append(EventBuild(
            type=etype, mode=mode, trigger=trigger.i, trigger_end=trigger.i + 1 if form == "verb" else end,
            actors=actors, recipients=recipients,
            evidence=_sentence_evidence(sent),
            modality=_claimed(trigger, _modality(trigger)), confidence=0.8 if actors and recipients else 0.6,
            has_patient=has_patient, years_back=_years_back(trigger)))
    found = _without_protest_topics(doc, _merged_mentions(doc, _protesters_voice(
        doc, found + _gatherings(doc, found, table))))
    embedded = _mark_embedded(doc, found)
    grounds = _Grounds.of(doc, places, times)
    scene: EventBuild | None = None  # the last event, in text order, whose place the text gave
    for event in sorted(found, key=lambda e: e.trigger):
        _ground(doc, event, statements, grounds, table)
        own_place = event.place is not None
        if event.place is None and scene is not None and _same_scene(doc, scene, event, grounds.places):
            event.place = scene.place  # "… demonstrated in As Samawah. The protesters denounced …": the scene goes on
        elif event.place is None and event.statement is None:
            event.place = _scene_before(doc, event, grounds)  # "… in Marka town. One person was killed."
        if event.place is not None:
            scene = event
        # only a place the event's own words name may stand for who it hit, not one the scene lends it
        if own_place and not event.recipients and not event.has_patient \
                and (event.type not in config()["scene_types"] or _stands_for_people(event.place.place)):
            _place_as_recipient(doc, event, table)
    found += _commitments(found, embedded, statements)
    found += _refusals(doc, found, embedded, statements)
    found += _obligations(doc, found, statements, table)
    found.sort(key=lambda e: e.trigger)
    _attach_references(found, references)
    return _headline_merged(doc, found)


def _same_scene(doc: Doc, before: EventBuild, event: EventBuild, places: list[PlaceMention]) -> bool:
    """Whether ``event`` goes on in the scene of the event ``before`` it, neither inside what someone
    says (a quote's scene is the speaker's)."""
    return event.statement is None and before.statement is None and _goes_on(
        doc, sentence_of(doc[before.trigger]), sentence_of(doc[event.trigger]), places)


def _scene_before(doc: Doc, event: EventBuild, grounds: _Grounds) -> PlaceMention | None:
    """The one place the sentence before names as where something happens, when the event's own
    sentence goes on from it."""
    here = sentence_of(doc[event.trigger])
    if here.start == 0:
        return None
    there = sentence_of(doc[here.start - 1] if not doc[here.start - 1].is_space else doc[max(0, here.start - 2)])
    if not _goes_on(doc, there, here, grounds.places):
        return None
    located = [p for p in grounds.located if there.start_char <= p.start < there.end_char] or \
        [p for p in grounds.qualifying if there.start_char <= p.start < there.end_char][:1]  # "… in X (Lubero)."
    return located[0] if len({(p.place.name, p.place.country) for p in located}) == 1 else None


def _goes_on(doc: Doc, there: Span, here: Span, places: list[PlaceMention]) -> bool:
    """Whether sentence ``here`` goes on in the scene of sentence ``there``: the same sentence or the
    one right after, in one paragraph (a new paragraph may be a new scene), naming no place of its own."""
    return all(t.is_space for t in doc[there.end:here.start]) \
        and "\n" not in text_of(doc)[there.start_char:here.start_char] \
        and not any(here.start_char <= p.start < here.end_char and not _origin(doc, p) for p in places)


def _sentence_evidence(sent) -> tuple[int, int]:
    """A sentence's character span without its trailing whitespace."""
    return sent.start_char, sent.start_char + len(sent.text.rstrip())


def _headline_merged(doc: Doc, events: list[EventBuild]) -> list[EventBuild]:
    """The headline tells the story the body then tells again: a headline event is a mention of the
    first body event of its type that shares a participant with it ("Taliban attack convoy" and
    "Taliban fighters attacked a police convoy …"), not a second happening."""
    headline_end = text_of(doc).find("\n")
    if headline_end < 0:
        return events
    kept = []
    for event in events:
        if doc[event.trigger].idx >= headline_end:
            kept.append(event)
            continue
        people = set(event.actors) | set(event.recipients)
        # the body's hedge stands: a headline asserts what the body reports ("…, officials said")
        body = next((e for e in events if doc[e.trigger].idx > headline_end and e.type == event.type
                     and e.modality in (event.modality, "reported" if event.modality == "asserted" else None)
                     and people & (set(e.actors) | set(e.recipients))), None)
        if body is None:
            kept.append(event)
            continue
        body.mentions[:0] = [(event.trigger, event.trigger_end), *event.mentions]
    return kept


def _attach_references(events: list[EventBuild], references: list[tuple[str, int, int]]) -> None:
    """An event word that names no participant ("the attack", "the bomb exploded") is one more mention of
    the happening of its type the article told last before it (or, in a headline or a lead that
    tells it first, the next one); with none of its type, it stays no event at all."""
    told: dict[str, list[EventBuild]] = {}  # events not denied, by type, in text order (``events`` is sorted)
    for event in events:
        if event.modality != "negated":
            told.setdefault(event.type, []).append(event)
    starts = {etype: [e.trigger for e in same] for etype, same in told.items()}
    triggers = {i for e in events for i in range(e.trigger, e.trigger_end)}
    for etype, start, end in references:
        if start in triggers or etype not in told:
            continue  # the word is an event's own trigger already, or nothing of its type was told
        # looked up, not scanned: an article of thousands of events stays fast
        before = bisect.bisect_left(starts[etype], start)
        told[etype][before - 1 if before else 0].mentions.append((start, end))


def _place_as_recipient(doc: Doc, event: EventBuild, table: ActorTable) -> None:
    """With no one else on the receiving end, the place the trigger governs is ("imposed a curfew in
    Abidjan", "arrived in Amman"), as PLOVER codes a location's people or government."""
    span = doc.char_span(event.place.start, event.place.end, alignment_mode="expand")
    if span is None or not any(doc[event.trigger].is_ancestor(t) for t in span):
        return
    actor = table.actor_at(span[0]) or table.add_place(doc, span.start, span.end, event.place.place).actor
    if actor not in event.actors:
        event.recipients = [actor]


def _gatherings(doc: Doc, events: list[EventBuild], table: ActorTable) -> list[EventBuild]:
    """A crowd gathered to demand, denounce or defend something protests: "gathered in Kiel to demand
    …", "gathered outside the court, denouncing …" (the demand is then the protest's topic)."""
    spec = config()["gatherings"]
    protested = {e.trigger for e in events if e.type == "PROTEST"}
    found: list[EventBuild] = []
    for event in events:
        trigger = doc[event.trigger]
        head = trigger.head
        dep = trigger.dep_
        if dep == "relcl" and head.dep_ == "pobj" and head.head.dep_ == "prep" and _infinitive(trigger):
            head, dep = head.head.head, "advcl"  # "gathered in a square to demand": the infinitive hung on the square
        if event.type not in spec["purposes"] or dep not in ("advcl", "xcomp", "conj") \
                or head.lemma_.lower() not in spec["verbs"] or head.i in protested:
            continue
        subject = subject_of(head, speech=False) or _participle_subject(head)
        actors = _actors_of([subject], table, subject=True) if subject is not None else []
        if not actors or subject.lemma_.lower() in spec["officials"]:
            continue  # leaders gathering to back a plan do not protest
        protested.add(head.i)
        found.append(EventBuild(type="PROTEST", mode="demonstrate", trigger=head.i, trigger_end=head.i + 1,
                                actors=actors, recipients=[], evidence=event.evidence,
                                modality=_modality(head), confidence=0.6))
    return found + _told_gatherings(doc, events, table, protested)


def _purposes(verb: Token) -> Iterator[Token]:
    """The infinitives of purpose of ``verb`` and the participles that tell what its doers did it for,
    also where the parser hung an infinitive on the place after it ("gathered in a square to demand …"
    read as a square to demand)."""
    for child in verb.children:
        if child.dep_ == "advcl" and (_infinitive(child) or child.tag_ == "VBG"):
            yield child  # "gathered to denounce …", "gathered in Laval, denouncing …"
        elif child.dep_ == "prep":
            yield from (c for o in child.children if o.dep_ == "pobj" for c in o.children
                        if c.dep_ == "relcl" and _infinitive(c))


def _told_gatherings(doc: Doc, events: list[EventBuild], table: ActorTable, protested: set[int]) -> list[EventBuild]:
    """Gatherings that are protests by who gathered or by what they said next: "demonstrators gathered
    in Pau", "farmers gathered in Allonnes. They called for …" (the demand the sentence after tells)."""
    spec = config()["gatherings"]
    sentence_of_token = sentence_index(doc)
    protesting = _protest_sentences(events, sentence_of_token)
    gatherings = [verb for verb in doc if verb.pos_ == "VERB" and verb.lemma_.lower() in spec["verbs"]
                  and verb.dep_ in ("ROOT", "conj", "acl")]
    if not gatherings:
        return []  # most articles: the sentences below need not be read
    # sentences whose main verb is "they" demanding, denouncing, rejecting or supporting something
    voiced = {sentence_of_token[sent.root.i] for sent in doc.sents if sent.root.pos_ == "VERB"
              and any(c.dep_ == "nsubj" and c.lower_ == "they" for c in sent.root.children)
              and (typed := _verb_type(sent.root)) is not None and typed[0] in spec["purposes"]}
    found: list[EventBuild] = []
    for verb in gatherings:
        if verb.i in protested or sentence_of_token[verb.i] in protesting:
            continue
        subject = _clause_subject(verb) if verb.dep_ != "acl" else _participle_subject(verb)
        if subject is None:
            continue
        by_protesters = subject.lemma_.lower() in config()["protesters"]["nouns"]
        # a crowd, not officials: "farmers gathered … They called for", not "leaders gathered … They called for calm"
        crowd = subject.pos_ == "NOUN" and subject.lemma_.lower() not in spec["officials"] and _can_act(subject)
        # … or gathered "to oppose the pipeline", "to denounce the cuts"
        stated = any(c.lemma_.lower() in spec["purpose_verbs"] for c in _purposes(verb))
        if not by_protesters and not ((sentence_of_token[verb.i] + 1 in voiced or stated) and crowd):
            continue
        actors = _actors_of([subject], table, subject=True)
        if not actors:
            continue
        protested.add(verb.i)
        protesting.add(sentence_of_token[verb.i])
        sent = verb.sent
        found.append(EventBuild(type="PROTEST", mode="demonstrate", trigger=verb.i, trigger_end=verb.i + 1,
                                actors=actors, recipients=[],
                                evidence=_sentence_evidence(sent),
                                modality=_modality(verb), confidence=0.6))
    return found


def _merged_mentions(doc: Doc, events: list[EventBuild]) -> list[EventBuild]:
    """One event per happening within a clause: "shot and killed" (coordinated verbs of one type) and
    "held a protest" (a light verb and its event noun) are one event with the participants of both."""
    kept: list[EventBuild] = []
    by_trigger: dict[int, list[tuple[int, EventBuild]]] = {}  # kept events by trigger, with their order
    for event in events:
        token = doc[event.trigger]
        # Only events at the trigger's conjuncts or head can be the same: looked up, not scanned.
        # "took to the streets to protest": an infinitive of purpose of the same type is the same happening
        purpose = token.dep_ in ("xcomp", "advcl") and _infinitive(token)
        near = {c.i for c in token.conjuncts} | ({token.head.i} if token.dep_ in ARGUMENT_DEPS or purpose else set())
        if token.dep_ == "pobj" and token.head.dep_ == "prep":
            near.add(token.head.head.i)  # "engaged in a firefight": the light verb through its preposition
        candidates = [(n, k) for i in near for n, k in by_trigger.get(i, ()) if k.type == event.type]
        same = min(candidates, key=lambda pair: pair[0])[1] if candidates else None
        if same is None:
            by_trigger.setdefault(event.trigger, []).append((len(kept), event))
            kept.append(event)
            continue
        same.actors += [a for a in event.actors if a not in same.actors]
        same.recipients += [r for r in event.recipients if r not in same.recipients and r not in same.actors]
        same.has_patient = same.has_patient or event.has_patient
    return kept


def _protest_sentences(events: list[EventBuild], sentence_of_token: list[int]) -> set[int]:
    return {sentence_of_token[e.trigger] for e in events if e.type == "PROTEST"}


def _protesters_voice(doc: Doc, events: list[EventBuild]) -> list[EventBuild]:
    """What protesters demand, denounce or reject, with no protest told in the sentence, is their
    protest ("protesters demanded basic services"; PLOVER PROTEST, the demand its topic)."""
    spec = config()["protesters"]
    sentence_of_token = sentence_index(doc)
    protesting = _protest_sentences(events, sentence_of_token)
    for event in events:
        trigger = doc[event.trigger]
        if event.type not in spec["voiced_types"] or trigger.pos_ not in ("VERB", "AUX") \
                or sentence_of_token[trigger.i] in protesting:
            continue
        subject = subject_of(trigger, speech=False)
        if subject is not None and subject.lemma_.lower() in spec["nouns"]:
            event.type, event.mode = "PROTEST", "demonstrate"
            protesting.add(sentence_of_token[trigger.i])
    return events


def _without_protest_topics(doc: Doc, events: list[EventBuild]) -> list[EventBuild]:
    """The demand a protest is about ("rallied, demanding his resignation", "gathered to express
    support") is the protest's topic, not an event of its own (PLOVER manual, PROTEST)."""
    protests = [doc[e.trigger] for e in events if e.type == "PROTEST"]

    def is_topic(event: EventBuild) -> bool:
        trigger = doc[event.trigger]
        # under the protest ("rallied, demanding …") or beside it ("staged rallies to demand …")
        return any(p in trigger.ancestors or (trigger.head == p.head and trigger.dep_ in ("advcl", "xcomp", "conj"))
                   for p in protests)

    topics = set(config()["gatherings"]["purposes"])  # demanding, denouncing, rejecting, supporting
    return [e for e in events if not (e.type in topics and is_topic(e))]


def _obligations(doc: Doc, events: list[EventBuild], statements: list[StatementBuild],
                 table: ActorTable) -> list[EventBuild]:
    """"X said Y must Z" is X's REQUEST to Y, whatever Z is (PLOVER's demand)."""
    obligation = set(config()["modality"]["obligation_aux"])
    taken = {e.trigger for e in events if e.type == "REQUEST"}
    derived = []
    for n, statement in enumerate(statements):
        if statement.speaker is None:
            continue
        span = doc.char_span(*statement.content, alignment_mode="expand")
        for token in tokens_of(doc)[span.start:span.end] if span is not None else ():
            if token.dep_ != "aux" or token.lower_ not in obligation or token.head.i in taken:
                continue
            verb = token.head
            subject = subject_of(verb, speech=False)
            recipients = [a for a in _actors_of([subject], table) if a != statement.speaker] if subject is not None else []
            if not recipients:
                continue
            sent = sentence_of(verb)
            taken.add(verb.i)
            derived.append(EventBuild(
                type="REQUEST", mode=None, trigger=verb.i, trigger_end=verb.i + 1, actors=[statement.speaker],
                recipients=recipients, evidence=_sentence_evidence(sent),
                modality="asserted", statement=n, confidence=0.6))
    return derived


def _commitments(events: list[EventBuild], embedded: set[int], statements: list[StatementBuild]) -> list[EventBuild]:
    """What PLOVER codes for an announced intention: "will provide aid" is an AGREE (a pledge), "will
    impose a curfew" a THREATEN. The intended event keeps its own modality; the pledge or threat is
    what the text reports as made."""
    kinds = config()["commitments"]
    derived = []
    for event in events:
        if id(event) in embedded:
            continue  # "agreed to withdraw": the matrix verb's event is the pledge already
        speaker = statements[event.statement].speaker if event.statement is not None else None
        # A conditional counts only in the actor's own words: "we may halt mediation if …" is a threat,
        # an analyst's "Iran could attack" is not.
        intended = event.modality in ("future", "planned") or (event.modality == "hypothetical" and speaker in event.actors)
        etype = next((t for t, types in kinds.items() if event.type in types), None) if intended else None
        if etype is None:
            continue
        derived.append(_made_of(event, etype, None, speaker))
    return derived


def _made_of(event: EventBuild, etype: str, mode: str | None, speaker: str | None) -> EventBuild:
    """The pledge, threat or refusal an intended event makes: asserted when the actor's own words
    (or the writer's) tell it, reported when someone else's do."""
    own_words = event.statement is None or speaker in event.actors
    return EventBuild(
        type=etype, mode=mode, trigger=event.trigger, trigger_end=event.trigger_end, actors=list(event.actors),
        recipients=list(event.recipients), evidence=event.evidence, modality="asserted" if own_words else "reported",
        statement=event.statement, place=event.place, date=event.date, date_basis=event.date_basis,
        confidence=round(event.confidence * 0.9, 2))


def _refusals(doc: Doc, events: list[EventBuild], embedded: set[int],
              statements: list[StatementBuild]) -> list[EventBuild]:
    """What PLOVER codes for a cooperation refused: "will not lift the ban", "cannot accept more
    refugees" are a REJECT (mode yield, assist or meet by what is refused). A plain negated past
    ("did not lift the ban") tells of no act and stays what it is."""
    cfg = config()["refusals"]
    derived = []
    for event in events:
        mode = cfg["types"].get(event.type)
        if mode is None or event.modality != "negated" or id(event) in embedded:
            continue
        # (the clause whose negation made it negated)
        if not any(c.dep_ == "aux" and c.lower_ in cfg["aux"] for c in _clause_of(doc[event.trigger]).children):
            continue
        speaker = statements[event.statement].speaker if event.statement is not None else None
        derived.append(_made_of(event, "REJECT", mode, speaker))
    return derived


def _reduced_passive_patient(verb: Token) -> Token | None:
    """The patient of a passive without its auxiliary, as headlines write it: "Man stabbed to death in
    Berlin" (the subject of a bare participle), "Journalist arrested in Cairo" (the noun it qualifies)."""
    if any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children) or verb.lemma_.lower() in config()["actor_verbs"] \
            or _first_of_listed_actions(verb):
        return None  # "Activists protested" (tagged VBN): a verb whose subject always acts
    # "Man stabbed to death": a verb of killing with no object but "to death" is passive, whatever its tag;
    # so is a verb that cannot go without its patient, with a phrase of the charge ("the man accused of
    # knifing him went to jail")
    to_death = any(c.lower_ == "to" and any(g.lower_ == "death" for g in c.children) for c in verb.children)
    charged = verb.lemma_.lower() in config()["charge_verbs"] and any(
        c.dep_ == "prep" and c.lower_ in ("of", "with") for c in verb.children)
    if verb.tag_ != "VBN" and not (verb.tag_ == "VBD" and (to_death or charged)):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None:
        return subject if to_death or charged or _headline_subject(subject) else None
    if verb.dep_ == "acl" and verb.head.dep_ == "pobj" and verb.head.head.lower_ in ("in", "to", "into") \
            and verb.head.lemma_.lower() in config()["venue_nouns"]:
        # "appeared in court charged with theft": the participle tells of who appeared, not of the court
        return subject_of(verb.head.head.head, speech=False)
    return verb.head if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") else None


def _headline_subject(subject: Token) -> bool:
    """Whether a bare participle's subject is written as headlines write a patient: a singular noun
    without its article ("Journalist arrested in Cairo"), or any on the headline line ("Protesters
    arrested in Moscow"). "The Russian forces shelled …" (a participle tag on a past tense) is body
    grammar: its subject acts."""
    if any(c.dep_ in ("det", "poss") for c in subject.children):
        return False
    if subject.tag_ in ("NN", "NNP"):
        return True
    headline_end = text_of(subject.doc).find("\n")
    return headline_end < 0 or subject.idx < headline_end


def _passive_conjuncts(verb: Token) -> list[Token]:
    """The participles coordinated with ``verb`` ("shot and killed"), itself first."""
    head = verb.head if verb.dep_ == "conj" else verb
    return [verb] + [v for v in (head, *head.conjuncts) if v != verb and v.pos_ == "VERB"]


def _agents(verb: Token) -> list[Token]:
    """Who a passive names as its doer: "arrested by police"; else who did the deed of its type the
    passive happened in: "killed in an attack by militants", "wounded following a shelling by the army"."""
    found = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if found:
        return found
    kind = _verb_type(verb)
    for link in verb.children:
        if link.lower_ not in CAUSE_LINKS or kind is None:
            continue
        # a deed of the same type only: "arrested after a protest by students" is no arrest by students
        for deed in (o for o in link.children if o.dep_ in ("pobj", "dobj") and o.lemma_.lower() in _event_nouns()
                     and (typed := _noun_type(o, o.lower_, o.lemma_.lower())) and typed[0] == kind[0]):
            found += [g for p in deed.children if p.dep_ == "prep" and p.lower_ == "by"
                      for g in p.children if g.dep_ == "pobj"]
        # "killed in clashes with police": the side the victims fought
        for fight in (o for o in link.children if o.dep_ == "pobj" and o.lemma_.lower() in config()["mutual_verbs"]):
            found += [g for p in fight.children if p.dep_ == "prep" and p.lower_ == "with"
                      for g in p.children if g.dep_ == "pobj"]
    return found


CAUSE_LINKS = frozenset({"in", "during", "following", "after", "amid"})


def _verb_participants(verb: Token, preps: set[str], table: ActorTable, clause_recipient: bool = False,
                       scene: bool = False) -> tuple[list[str], list[str], bool]:
    """Actors, recipients, and whether the verb has a patient of its own (named or not): then no
    place stands in as the recipient ("a journalist was arrested in Cairo")."""
    reduced = _reduced_passive_patient(verb)
    if reduced is not None:
        actors = _actors_of(_agents(verb), table, subject=True)
    else:
        subject = _clause_subject(verb)
        if subject is None:
            subject = _participle_subject(verb)
        if subject is None and _purpose_infinitive(verb):
            # "gathered in Kiel to protest": who gathered
            subject = subject_of(verb.head, speech=False) or _participle_subject(verb.head)
        actors = _actors_of([subject], table, subject=True) if subject is not None else []
    # the nearest, where the parser gave two ("Around 6 February …, Sinaloa, a man was killed")
    passive = next((c for c in reversed(list(verb.lefts)) if c.dep_ == "nsubjpass"), None) \
        or next((c for c in verb.children if c.dep_ == "nsubjpass"), None) or reduced
    if passive is None and verb.dep_ == "conj" and verb.tag_ == "VBN":
        # "a man was shot and killed by gunmen": the conjoined participle shares the patient
        passive = next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None)
    if passive is not None and not actors:
        # … and the doer, whichever participle the by-phrase hangs from
        actors = _actors_of([a for v in _passive_conjuncts(verb) for a in _agents(v)], table, subject=True)
    objects = [c for c in verb.children if c.dep_ in ARGUMENT_DEPS] + _prep_objects(verb, preps)
    if passive is not None:
        objects.append(passive)
    recipients = [a for a in _actors_of(objects, table) if a not in actors]
    # A passive's patient, named or not ("a journalist was arrested in Cairo"): no place stands in for it.
    if passive is not None:
        return actors, recipients, True
    if not recipients and clause_recipient:
        # "demanded that the government end curbs": who is asked is the demanded clause's subject
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        clause_subject = subject_of(clause, speech=False) if clause is not None else None
        if clause_subject is not None:
            recipients = [a for a in _actors_of([clause_subject], table, subject=True) if a not in actors]
    if not recipients:
        recipients = _named_in_clause(verb, actors, table, scene, preps)
    # a person acted on, named or not ("released a Togolese priest in Fada"): no place stands in for them
    lex = lexicon()
    person = any(c.dep_ == "dobj" and (c.ent_type_ == "PERSON" or c.lemma_.lower() in lex.agent_nouns
                                       or c.lemma_.lower() in lex.role_nouns) for c in verb.children)
    return actors, recipients, person


MAX_CLAUSE_RECIPIENTS = 3


def _clause_subject(verb: Token) -> Token | None:
    """The subject of an event verb, repaired where the small parser misreads a crowd's count or
    hangs the subjects on the place the sentence opens with."""
    subject = subject_of(verb, speech=False)
    if subject is not None and subject.lower_ in config()["approximators"]:
        # "between 50 and 60 people demonstrated", "circa 550 people took to the streets": the word
        # before the count parsed as the subject
        return next((o for o in subject.children if o.dep_ == "pobj"), None) or next(
            (c for c in subject.head.children if c.dep_ == "nsubj" and c != subject), subject)
    if subject is None:
        # "around 1000 people protested", parsed as a prepositional phrase before the verb, wherever
        # the parser hung it
        subject = next((o for c in verb.children if c.dep_ == "prep" and c.i < verb.i
                        and c.lower_ in config()["approximators"] for o in c.children if o.dep_ == "pobj"), None)
        before = verb.doc[verb.i - 1] if verb.i else None
        if subject is None and before is not None and before.dep_ == "pobj" and before.pos_ == "NOUN" \
                and before.head.lower_ in config()["approximators"]:
            subject = before
    if subject is not None and subject.ent_type_ in ("GPE", "LOC", "FAC") and subject.left_edge.i \
            and verb.doc[subject.left_edge.i - 1].lower_ in ("in", "at", "near"):
        # "in Merida (Merida), students … protested": the town parsed as the subject, its preposition stranded
        return _first_acting_conjunct(verb, subject) or subject
    if subject is None:
        subject = _subject_in_fronted_phrase(verb)
    return subject if subject is not None else _phrase_just_before(verb) or _opening_phrase(verb)


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _opening_phrase(verb: Token) -> Token | None:
    """"On 25 March 2022, workers of the residency for the elderly protested": a verb only people do,
    left without a subject by a parse gone astray, has for subject the noun phrase that opens its
    clause after the date and place ahead of it: the first noun after a comma (not a preposition's
    phrase: "in Santa Cruz", "under the union"), where nothing between it and the verb is another
    clause's verb or subject."""
    if not _acts_always(verb):
        return None
    tokens = tokens_of(verb.doc)
    for comma in range(sentence_of(verb).start, verb.i - 1):
        if tokens[comma].text != "," or tokens[comma + 1].pos_ == "ADP":
            continue
        head = next((t for t in tokens[comma + 1:verb.i] if t.pos_ == "NOUN" and tokens[t.i + 1].pos_ != "NOUN"), None)
        if head is None or not _can_act(head) or head.ent_type_ in ("DATE", "TIME"):
            continue
        if any(t.tag_ in FINITE_TAGS or t.dep_ in ("nsubj", "nsubjpass") for t in tokens[head.i + 1:verb.i]):
            return None
        return head
    return None


def _phrase_just_before(verb: Token) -> Token | None:
    """"On 26 January 2022, sex workers, business owners, and supporters gathered": the noun phrase
    between a comma and a subjectless verb, which the parser made the object of the date's preposition."""
    if verb.i < 2 or verb.doc[verb.i - 1].pos_ not in ("NOUN", "PROPN"):
        return None
    head = verb.doc[verb.i - 1]
    while head.dep_ in ("conj", "compound", "amod") and head.head.i < head.i:
        head = head.head
    while head.dep_ == "compound" and head.head.i > head.i and head.head.i < verb.i:
        head = head.head
    start = head.i
    while start > 0 and verb.doc[start - 1].head == head and verb.doc[start - 1].dep_ in ("compound", "amod", "det"):
        start -= 1
    if head.dep_ not in ("pobj", "conj", "appos") or start < 1 or verb.doc[start - 1].text != "," \
            or not _acts_always(verb):
        return None
    return head


def _subject_in_fronted_phrase(verb: Token) -> Token | None:
    """"In Merida (Merida), students, teachers and workers protested": the parser coordinated the
    subjects with the place the sentence opens with; the first conjunct after the comma that can act
    is who did it, when the verb has no subject of its own."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.i < verb.i):
        for place in (o for o in prep.children if o.dep_ == "pobj" and o.ent_type_ in ("GPE", "LOC", "FAC")):
            if (people := _first_acting_conjunct(verb, place)) is not None:
                return people
    return None


def _first_acting_conjunct(verb: Token, place: Token) -> Token | None:
    """The first word coordinated with a place, or set beside it ("in San Salvador, San Salvador,
    around 50 relatives … staged a protest"), after a comma, that names who can do ``verb``."""
    beside, places = [], [place]
    while places:  # places set beside places, and whatever is set beside them
        for c in places.pop().children:
            if c.dep_ == "appos":
                (places if c.ent_type_ in ("GPE", "LOC", "FAC") else beside).append(c)
    people = sorted((c for c in (*place.conjuncts, *beside) if c.i > place.i and c.ent_type_ not in ("GPE", "LOC", "FAC")
                     and c.pos_ in ("NOUN", "PROPN")), key=lambda c: c.i)
    # (past a place name the NER left untagged: "in Anna Regina, Pomeroon-Supenaam, about 50 rice farmers")
    people = [c for c in people if not any(t.ent_type_ in ("GPE", "LOC") for t in c.lefts)] or people[:1]
    if people and any(t.text == "," for t in place.doc[place.i + 1:people[0].i]) and (
            _acts_always(verb) or _can_act(people[0])):
        return people[0]
    return None


def _first_of_listed_actions(verb: Token) -> bool:
    """"militants abducted, interrogated, and released a priest": the first verb of a list the parser
    hung on the subject as a participle, while the list's last verb acts on an object."""
    head = verb.head
    if verb.dep_ != "acl" or verb.i + 1 >= len(verb.doc) or verb.doc[verb.i + 1].text != "," or head.dep_ != "nsubj":
        return False
    clause = head.head
    return any(c.dep_ == "dobj" for v in (clause, *clause.conjuncts) for c in v.children)


def _participle_subject(verb: Token) -> Token | None:
    """"people protesting in Lyon", "around 200 veterans gathered …" read as a participle: the noun a
    verb only people do hangs from is who does it."""
    if verb.dep_ == "acl" and (verb.tag_ == "VBD" or _first_of_listed_actions(verb)) and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # a finite verb the parser hung on its subject: "…, the military forces fired at civilians"
    if verb.dep_ == "acl" and _acts_always(verb):
        head = verb.head
        owner = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else None
        if owner is not None and owner.pos_ == "NOUN" and _can_act(owner) and not _can_act(head):
            return owner  # "workers of a housing project protested": the workers, not the project
        return head
    return None


def _infinitive(verb: Token) -> bool:
    """Whether ``verb`` is a to-infinitive ("to protest")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _purpose_infinitive(verb: Token) -> bool:
    """"to protest" in "took to the streets to protest": its subject is that of the verb it serves."""
    return verb.dep_ == "advcl" and verb.head.i != verb.i and _infinitive(verb)


def _stands_for_people(place: PlaceInfo) -> bool:
    """Whether a place named as a scene can stand for its people or government: a country or a
    capital, not a town or a province."""
    return place.feature == "country" or place.capital


def _only_scene(token: Token, mention, table: ActorTable) -> bool:
    """Whether a place word is only where something happened (a town, a building), not who it hit."""
    if mention is not None and mention.actor:
        return table.actor(mention.actor).kind != "country"
    if token.ent_type_ not in ("GPE", "LOC", "FAC"):
        return False
    place = gazetteer().lookup(token.text)
    return place is None or not _stands_for_people(place)


def _named_in_clause(head: Token, actors: list[str], table: ActorTable, scene: bool = False,
                     preps: set[str] = frozenset()) -> list[str]:
    """Recipients written anywhere in the trigger's own phrase: "offered to hand over … to Great Britain".
    For a ``scene`` type, a town named where it happened is none; where a journey set out is none
    unless the type takes a "from" phrase (``preps``): "visiting from Los Angeles"."""
    found: list[str] = []
    for token in _own_clause(head):
        if token.i <= head.i or token.is_punct:
            continue  # (the hyphen inside "Bobo-Dioulasso" is no participant of its own)
        mention = table.mention_at(token)
        if "from" not in preps and _set_out_from(token.doc[mention.head] if mention is not None else token):
            continue
        if token.i > 1 and token.doc[token.i - 1].text == "-" and token.doc[token.i - 2].lower_ == "pro":
            continue  # "a pro-Ukraine rally" is for Ukraine, not against it
        if scene and _is_locative(token.doc[mention.head] if mention else token) and _only_scene(token, mention, table):
            continue  # "demonstrated in Oslo": where it happened, not to whom
        if _is_weapon(token, _weapons()) and token.dep_ == "pobj" and token.head.lower_ == "with":
            continue  # "targeted a checkpoint with an RPG": what it was done with, not to whom
        if mention is None and token.ent_type_ in ("GPE", "LOC", "NORP"):
            # "an admission by Moscow", "a Senegalese peace plan", "a curfew in Algiers"
            actor = _place_participant(token, table) if token.ent_type_ != "NORP" else _country_word(token, table)
        else:
            actor = mention.actor if mention is not None and mention.form != "pronoun" else None
        if actor is not None and actor not in actors and actor not in found:
            found.append(actor)
    return found[:MAX_CLAUSE_RECIPIENTS]


OTHER_CLAUSES = {"parataxis", "csubj"}


def _own_clause(head: Token) -> list[Token]:
    """The tokens of ``head``'s phrase with its complements ("demanded that X …", "… to demand X from
    Y"), leaving out what is said beside it ("…, saying that …") and coordinated verbs."""
    found, stack = [], [head]
    while stack:
        token = stack.pop()
        found.append(token)
        stack.extend(c for c in token.children if c.dep_ not in OTHER_CLAUSES
                     and not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))
                     and not (c.dep_ == "advcl" and c.tag_ == "VBG" and is_cue(c)))
    return sorted(found, key=lambda t: t.i)


def _country_word(token: Token, table: ActorTable) -> str | None:
    """The country a nationality word stands for, as an actor."""
    place = gazetteer().country_named_by(token.text)
    return table.add_place(token.doc, token.i, token.i + 1, place).actor if place is not None else None


def _noun_participants(noun: Token, preps: set[str], table: ActorTable) -> tuple[list[str], list[str]] | None:
    args = _prep_objects(noun, preps | {"with", "between"})  # the type's own: "attack on", not "agreement on"
    # the second of two nouns joined stands where the first does ("launched air and artillery strikes on …")
    stand = noun.head if noun.dep_ == "conj" and noun.head.pos_ == "NOUN" else noun
    if not args and stand is not noun:
        args = _prep_objects(stand, preps | {"with", "between"})
    clause = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
    owners = [_bound_owner(c, clause, table) for c in noun.children if c.dep_ == "poss"]
    undergone = []  # "his arrest", "Khashoggi's killing": the owner underwent it (unless "of" names who did)
    if owners and noun.lemma_.lower() in config()["patient_owner_nouns"] and not _prep_objects(noun, {"of"}):
        undergone, owners = owners, []
    light = clause is not None and stand.dep_ in ("dobj", "nsubjpass", "attr") and clause.lemma_ in config()["light_verbs"]
    if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children) \
            and not args and not owners and not light and _claimant(noun) is None:
        return None  # "during the meeting": a reference back, not a new event
    between = _prep_objects(noun, {"between", "among"})
    if not between and noun.dep_ == "nsubj":
        between = _prep_objects(noun.head, {"between", "among"})  # "a clash occurred between X and Y"
    governing, victims = [], []
    if undergone:
        pass  # the owner underwent it; the clause around is what happened to them after ("after her arrest")
    elif clause is not None and (noun.head.dep_ == "prep" and noun.head.head == clause or light):
        subject = _clause_subject(clause)
        if subject is not None and not light and (clause.lemma_.lower() in config()["suffering_verbs"]
                                                  or noun.head.lower_ == "under"):
            # "a civilian died in an explosion", "Warren was under attack": who suffered it, not who did it
            victims = [subject]
        else:
            governing = [subject] if subject is not None else []
    elif (claimant := _claimant(noun)) is not None:
        governing = [claimant]
    # "an extradition request from the US": for a noun, "from" names who asks; whoever approves,
    # receives or rejects it is asked ("the verb's "from" names whom: "demanded money from them")
    askers = _prep_objects(noun, {"from"}) if "from" in preps and "to" in preps and not owners else []
    if askers and _actors_of(askers, table):
        args = [a for a in args if a not in askers]
        victims, governing = victims + governing, askers
    # the sides "between" whom it happens act, named or not ("a firefight between the NPA and the military")
    actors = _actors_of(owners + governing + between, table, subject=True)
    if not actors:
        actors = _modifier_actors(noun, table)
    recipients = [a for a in _actors_of([a for a in args if a not in between] + victims + undergone, table)
                  if a not in actors]
    return actors, recipients


POSSESSIVE_PRONOUNS = {"its", "their", "his", "her"}


def _bound_owner(owner: Token, clause: Token | None, table: ActorTable) -> Token:
    """"China is seeking to deepen its partnership": a possessive pronoun with no actor of its own
    stands for the subject of its clause, when that subject is an actor's name."""
    if owner.lower_ not in POSSESSIVE_PRONOUNS or clause is None or table.actor_at(owner) is not None:
        return owner
    subject = subject_of(clause, speech=False)
    return subject if subject is not None and subject.pos_ == "PROPN" and table.actor_at(subject) is not None else owner


def _claimant(noun: Token) -> Token | None:
    """Who claims the event as their own deed: "the Air Force claimed an airstrike", "Al Shabaab
    claimed responsibility for the attack" (the claim stays theirs: the event is reported)."""
    claims = config()["claims"]
    verb, verbs = noun.head, claims["verbs"]
    if noun.dep_ == "pobj" and verb.lower_ == "for" and verb.head.lemma_.lower() in claims["nouns"]:
        verb, verbs = verb.head.head, claims["responsibility_verbs"]
    elif noun.dep_ != "dobj":
        return None
    return _clause_subject(verb) if verb.lemma_.lower() in verbs else None


def _claimed(trigger: Token, modality: str) -> str:
    """A deed its doer claims is theirs by their own account only: reported, not asserted."""
    return "reported" if modality == "asserted" and trigger.pos_ == "NOUN" and _claimant(trigger) is not None else modality


def _modifier_actors(noun: Token, table: ActorTable) -> list[str]:
    """Who an event noun's modifiers say did it: "coalition air raids", "Israeli airstrikes", "a police
    raid", "Houthi shelling". A place name there says where ("the Baghdad bombing"), not who."""
    lex = lexicon()
    found: list[str] = []
    for child in noun.children:
        if child.dep_ not in ("compound", "amod", "nmod") or child.i > noun.i:
            continue
        actor = table.actor(table.actor_at(child))
        if actor is not None and actor.kind in ("organization", "group", "person"):
            found.append(actor.id)
        elif actor is None and child.pos_ == "ADJ" and fold(child.text) in gazetteer().demonyms:
            if (country := _country_word(child, table)) is not None:
                found.append(country)
        elif actor is None and child.pos_ == "NOUN" and (child.lemma_.lower() in lex.agent_nouns
                                                         or child.lemma_.lower() in lex.org_nouns):
            mention = table.add_nominal(child)
            if mention is not None:
                found.append(mention.actor)
    return list(dict.fromkeys(found))


EMBEDDED_MODALITY = {"REQUEST": "demanded", "AGREE": "planned", "REJECT": "negated", "THREATEN": "hypothetical"}


NAMED_BODIES = frozenset({"ORG", "PERSON", "GPE", "FAC", "NORP"})


def _within_subject(token: Token, head: Token) -> bool:
    """Whether ``token`` hangs from ``head`` through its subject: "hundreds of citizens protested in Voto,
    demanding more staff", parsed with "demanding" for root and "protested" under its subject, is no
    protest demanded."""
    while token.i != head.i and token.head.i != token.i:
        if token.dep_ in ("nsubj", "nsubjpass", "csubj") and token.head.i == head.i:
            return True
        token = token.head
    return False


def _mark_embedded(doc: Doc, events: list[EventBuild]) -> set[int]:
    """An event under a matrix verb is not asserted: "called for talks" (demanded), "agreed to withdraw"
    (planned), "refused to meet" (negated), "threatened to attack" (hypothetical). The matrix verb's own
    event ("REQUEST", "AGREE" …) is the one that happened."""
    matrix = config()["matrix"]
    heads = [e for e in events if doc[e.trigger].lemma_.lower() in matrix]
    embedded: set[int] = set()
    for event in events:
        head = next((h for h in heads if h is not event
                     and sentence_index(doc)[event.trigger] == sentence_index(doc)[h.trigger]
                     and doc[event.trigger] in doc[h.trigger].subtree
                     and not _within_subject(doc[event.trigger], doc[h.trigger])), None)
        head_type = head.type if head is not None else _matrix_above(doc[event.trigger], matrix)
        if head_type is not None:
            embedded.add(id(event))
            if event.modality == "asserted":
                event.modality = EMBEDDED_MODALITY.get(head_type, "planned")
    return embedded


def _matrix_above(trigger: Token, matrix: dict) -> str | None:
    """The type of a matrix verb an event is the complement of, though that verb is no event of its
    own ("the union called for workers to strike": nobody named calls, the strike is still only asked
    for)."""
    token = trigger
    for _ in range(4):
        infinitive = token.dep_ == "advcl" and any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children)
        if token.dep_ not in ("xcomp", "ccomp", "pcomp", "pobj", "dobj", "prep") and not infinitive \
                or token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ == "VERB" and token.lemma_.lower() in matrix:
            return matrix[token.lemma_.lower()]
    return None


LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "to", "into", "from", "across", "around", "throughout", "through",
                  "within", "on", "of", "off", "towards", "toward"}


STANCE_PREFIXES = {"pro", "anti"}


def _is_locative(token: Token) -> bool:
    """A place named where something happens: "in south Lebanon", "the town of Gorazde", "near Samarra",
    "in Ibuga village (Bwito, Rutshuru, Nord-Kivu)"; not the side a stance takes ("at a pro-Ukraine rally")."""
    if token.i > 1 and token.doc[token.i - 1].text == "-" and token.doc[token.i - 2].lower_ in STANCE_PREFIXES:
        return False
    for _ in range(6):
        head = token.head
        if head.i == token.i:
            return False
        if head.pos_ == "ADP":
            if head.lower_ == "of":
                governor = head.head
                if governor.lower_ in LOCATIVE_PREPS or governor.lower_ in compass_words():
                    return True  # "outside of Basra", "north of Baghdad"
                # "the eastern Bosnian enclave of Gorazde", "in Speney Adda of Herat city"
                return (governor.lemma_.lower() in PLACE_NOUNS or governor.pos_ == "PROPN") and _is_locative(governor)
            return head.lower_ in LOCATIVE_PREPS
        if token.dep_ not in ("compound", "amod", "pobj", "appos", "nmod", "npadvmod", "poss", "conj") and \
                head.lemma_.lower() not in PLACE_NOUNS:
            return False
        token = head
    return False


def _governing_chain(trigger: Token) -> set[int]:
    """The trigger and the words whose modifiers are the event's: a noun's verb ("held a protest in
    X"), the verb a purpose infinitive or a coordinated verb hangs from ("gathered in X to protest")."""
    chain = {trigger.i}
    token = trigger
    for _ in range(3):
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "pobj"):
            token = token.head if token.dep_ != "pobj" else token.head.head
        elif token.dep_ in ("advcl", "xcomp", "conj") and token.head.pos_ in ("VERB", "AUX"):
            token = token.head
        else:
            break
        chain.add(token.i)
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("advcl", "xcomp", "conj"):
            break
    return chain


def _governor(token: Token) -> Token | None:
    """The word a place or a date modifies through its preposition ("protested [in X]" → protested),
    or that it modifies directly ("killed two people Monday")."""
    for _ in range(6):
        head = token.head
        if head.i == token.i:
            return None
        if head.pos_ == "ADP":
            return head.head
        if token.dep_ == "npadvmod" and head.pos_ in ("VERB", "AUX"):
            return head
        if token.dep_ not in ("compound", "amod", "pobj", "appos", "nmod", "nummod", "poss", "conj"):
            return None
        token = head
    return None


def _with_governors(doc: Doc, items, span_of) -> list[tuple[object, int | None]]:
    """Each item (place or date) with the index of the word it modifies, if any."""
    paired = []
    for item in items:
        span = doc.char_span(*span_of(item), alignment_mode="expand")
        governor = _governor(span.root) if span is not None else None
        paired.append((item, governor.i if governor is not None else None))
    return paired


TOPIC_PREPOSITIONS = {"against", "about", "regarding", "concerning"}  # ("clashed over land in X" may be in X)


def _talked_of(doc: Doc, place, trigger: Token) -> bool:
    """"demonstrated in Volkach against the war in Ukraine": a place inside what the event is against
    or about is its topic, not where it happened."""
    token = doc[place.token]
    for _ in range(12):
        if token.i == trigger.i or token.head.i == token.i:
            return False
        if token.dep_ == "prep" and token.lower_ in TOPIC_PREPOSITIONS:
            return True
        token = token.head
    return False


def _set_out_from(token: Token) -> bool:
    """Whether a name is where a journey set out ("visiting from Los Angeles", "arrived from Kabul"),
    not where anything happens nor whom it concerns."""
    while token.dep_ in ("compound", "flat", "conj", "appos") and token.head.i != token.i:
        token = token.head
    verb = token.head.head
    return token.dep_ == "pobj" and token.head.lower_ == "from" and verb.pos_ == "VERB" \
        and verb.lemma_.lower() in config()["journey_verbs"]


def _origin(doc: Doc, place) -> bool:
    """"migrants from Honduras", "a driver from Zimbabwe", "the US ambassador to Ukraine": where people
    come from or are posted to, not where it happened."""
    if _set_out_from(doc[place.token]):
        return True
    token = doc[place.token]
    while token.dep_ in ("compound", "amod", "conj", "appos") and token.head.i != token.i:
        token = token.head
    if token.dep_ != "pobj" or token.head.lower_ not in ("from", "to"):
        return False
    people = token.head.head  # "a caravan protest from Velez-Malaga" is a route, not an origin
    lex, lemma = lexicon(), people.lemma_.lower()
    return people.pos_ == "NOUN" and (lemma in lex.agent_nouns or lemma in lex.role_nouns
                                      or people.lower_ in place_words()["resident"]
                                      or people.lower_.endswith(AGENTIVE_ENDINGS))


def _governed(paired: list[tuple[object, int | None]], chain: set[int], key_start, excluded) -> object | None:
    """The first item (place or date) that modifies the event's own words: the phrase that governs
    the event, not a neighbouring clause."""
    return next((item for item, governor in paired if governor in chain and not excluded(key_start(item))), None)


@dataclass
class _Grounds:
    """What every event of a document is grounded in, worked out once per document: the places named
    where something happens (not their qualifiers), the dates of one day, and the words each modifies."""
    places: list[PlaceMention]
    located: list[PlaceMention]
    qualifying: list[PlaceMention]
    dated: list[Timex]
    located_governors: list[tuple[object, int | None]]
    dated_governors: list[tuple[object, int | None]]
    periods_governors: list[tuple[object, int | None]]  # a year, a decade, a century: "in 1967", "in the 14th century"

    @classmethod
    def of(cls, doc: Doc, places: list[PlaceMention], times: list[Timex]) -> _Grounds:
        qualifiers = qualifying_mentions(doc, places)
        located = [p for p in places if id(p) not in qualifiers and not _set_out_from(doc[p.token])
                   and (_is_locative(doc[p.token]) or _article_parsed_as_preposition(doc, p.token))]
        qualifying = [p for p in places if id(p) in qualifiers or _bracketed(doc, p.token)
                      or _after_unnamed_scene(doc, p.token)]
        dated = [t for t in times if t.type in ("DATE", "TIME") and t.day is not None]
        periods = [t for t in times if t.type == "DATE" and t.day is None and t.value and _PERIOD.fullmatch(t.value)]
        return cls(places, located, qualifying, dated, _with_governors(doc, located, lambda p: (p.start, p.end)),
                   _with_governors(doc, dated, lambda t: (t.start, t.end)),
                   _with_governors(doc, periods, lambda t: (t.start, t.end)))


_PERIOD = re.compile(r"\d{2,4}(?:-\d{2})?")  # TIMEX3 century, decade, year, month: "13", "196", "1967", "1998-10"


def _article_parsed_as_preposition(doc: Doc, i: int) -> bool:
    """"in As Samawah", "in Al Hasakeh": the name's own article, parsed as a preposition of the verb,
    stands after the real one."""
    return doc[i].pos_ == "ADP" and doc[i].text[:1].isupper() and i > 0 and doc[i - 1].lower_ in LOCATIVE_PREPS


UNNAMED_SCENE_REACH = 6  # words back over the scene's own name and kind ("in Mahaaungmyay township, …")


def _after_unnamed_scene(doc: Doc, i: int) -> bool:
    """Whether the place at token ``i`` follows, behind a comma, a locative phrase naming a place
    the gazetteer lacks by its kind: "in Kartal town, Istanbul", "in Mahaaungmyay township, Mandalay
    district" (the scene lies in it, whatever the parse made of the commas)."""
    if i < 3 or doc[i - 1].text != ",":
        return False
    j = i - 2
    words = place_words()
    if doc[j].lemma_.lower() not in PLACE_NOUNS | words["division"] | words["local_kinds"]:
        return False
    reach = j - UNNAMED_SCENE_REACH
    j -= 1
    while j > max(reach, 0) and (doc[j].pos_ == "PROPN" or doc[j].text in ("-", "/")):
        j -= 1
    return j < i - 3 and doc[j].lower_ in LOCATIVE_PREPS and doc[j].pos_ == "ADP"


def _bracketed(doc: Doc, i: int) -> bool:
    """Whether token ``i`` opens a bracket's content or the list in it: "(Jenin, West Bank)"."""
    while i > 0 and doc[i - 1].text == "," or i > 1 and doc[i - 1].is_alpha and doc[i - 2].text == ",":
        i -= 1
        while i > 0 and doc[i - 1].text != "," and doc[i - 1].text != "(" and doc[i - 1].is_alpha:
            i -= 1
    return i > 0 and doc[i - 1].text == "("


def _home_of_doers(trigger: Token, places: list[PlaceMention]) -> PlaceMention | None:
    """"residents of Kocani protested in front of the factory": with no place of its own, an event its
    doers are the people of a place did happens there."""
    subject = subject_of(trigger, speech=False) if trigger.pos_ in ("VERB", "AUX") else None
    if subject is None or subject.lemma_.lower() not in place_words()["resident"]:
        return None
    homes = {o.i for p in subject.children if p.dep_ == "prep" and p.lower_ in ("of", "from")
             for o in p.children if o.dep_ == "pobj"}
    return next((p for p in places if p.token in homes), None)


def _sole_place(doc: Doc, event: EventBuild, sent: Span, grounds: _Grounds, table: ActorTable,
                excluded) -> PlaceMention | None:
    """The place the event's sentence names in the event's own clause, however the parser attached
    it ("demonstrated by burning the gates of the prefecture of Ajaccio"), when every such place lies
    in one country and none is anyone's origin, what the event is about, one of its doers ("Russia's
    army") or inside someone else's words; the scene before the divisions that qualify it."""
    trigger = doc[event.trigger]
    named = _scene_candidates(doc, event, grounds.places, table, sent)
    if not named:
        return None
    # a place one sanctions or criticises is who is addressed ("The EU sanctioned Russia"), not where;
    # a place in the words for the people hit is theirs ("attacked Burundi refugees")
    acted_at = event.type in config()["object_place_types"]
    addressed = _mention_tokens(event.recipients, table, sent, lambda actor: not (acted_at and actor.key[:1] == ("place",)))
    named = [p for p in named if not excluded(p.start) and p.token not in addressed
             and _in_event_clause(doc[p.token], trigger)]
    if len({p.place.country for p in named}) != 1:
        return None
    qualifying = {id(p) for p in grounds.qualifying}
    scenes = [p for p in named if id(p) not in qualifying] or named
    return min(scenes, key=lambda p: abs(p.start - trigger.idx))


def _scene_candidates(doc: Doc, event: EventBuild, places: list[PlaceMention], table: ActorTable,
                      sent: Span) -> list[PlaceMention]:
    """The places of the event's sentence that may be where it happened: none that acts ("China is
    seeking to deepen its partnership": a government, whether or not the event names it), none
    inside a doer's own words ("the US ambassador to Ukraine", "Russia's army"), anyone's origin or
    what it is about."""
    in_sentence = [p for p in places if sent.start_char <= p.start < sent.end_char]
    if not in_sentence:
        return []
    trigger = doc[event.trigger]
    doers = _mention_tokens(event.actors, table, sent)
    return [p for p in in_sentence if p.token not in doers and doc[p.token].dep_ not in ("poss", "nsubj")
            and not _origin(doc, p) and not _talked_of(doc, p, trigger)]


def _mention_tokens(actor_ids, table: ActorTable, sent: Span, keep=lambda actor: True) -> set[int]:
    """The tokens of the mentions, in ``sent``, of the actors ``actor_ids`` that ``keep`` admits."""
    return {i for a in actor_ids if (actor := table.actor(a)) is not None and keep(actor)
            for m in actor.mentions if sent.start <= m.start < sent.end for i in range(m.start, m.end)}


def _in_event_clause(token: Token, trigger: Token) -> bool:
    """Whether ``token`` belongs to the clause of the event or one it governs or hangs from, not a
    neighbouring clause ("the attack came as Biden prepared to travel to Europe") nor one that describes
    a participant ("a man who had flown to Paris")."""
    verb = next((t for t in token.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.i == trigger.i or verb in trigger.ancestors:
        return True
    if trigger not in verb.ancestors:
        return False
    step = verb
    while step.i != trigger.i:
        # a clause on the event word itself tells of the event ("airstrikes targeting tents in X")
        if step.dep_ in ("relcl", "acl", "ccomp", "parataxis") and step.head.i != trigger.i:
            return False
        step = step.head
    return True


def _place_hit(doc: Doc, event: EventBuild, grounds: _Grounds, table: ActorTable) -> PlaceMention | None:
    """The place the event's recipient is, in the event's sentence: "Russian forces shelled Toretsk,
    Donetsk" happened in Toretsk, though the parser made the town an adverb."""
    sent = sentence_of(doc[event.trigger])
    place_at = doc.user_data["dateline_place_at"]
    qualifying = {id(p) for p in grounds.qualifying}
    for recipient in event.recipients:
        actor = table.actor(recipient)
        for mention in actor.mentions if actor is not None else ():
            if not sent.start <= mention.start < sent.end:
                continue
            head = doc[mention.head]
            governed = head.head.i == event.trigger or head.dep_ == "pobj" and head.head.head.i == event.trigger
            place = place_at.get(mention.head)  # the recipient is the place, not "the Myanmar military"
            if governed and place is not None and id(place) not in qualifying and not _origin(doc, place):
                return place
    return None


def _ground(doc: Doc, event: EventBuild, statements: list[StatementBuild], grounds: _Grounds,
            table: ActorTable) -> None:
    """Attach the statement that reports the event, its place and its date."""
    trigger = doc[event.trigger]
    sent = sentence_of(trigger)
    reporting = next((n for n, s in enumerate(statements) if s.content[0] <= trigger.idx < s.content[1]), None)
    if reporting is not None:
        event.statement = reporting
        if event.modality == "asserted":
            event.modality = "reported"
    in_other_content = lambda offset: any(
        s.content[0] <= offset < s.content[1] for n, s in enumerate(statements) if n != reporting)
    chain = _governing_chain(trigger)
    # "Russia's invasion of Ukraine", "an attack on Kabul": the place an event noun acts on
    acted_on = {o.i for o in _prep_objects(trigger, {"of", "on"})} if trigger.pos_ == "NOUN" else set()
    event.place = next((p for p in grounds.places if p.token in acted_on and doc[p.token].ent_type_ in ("GPE", "LOC")), None) \
        or _governed(grounds.located_governors, chain, lambda p: p.start, in_other_content) \
        or _nearest(_scene_candidates(doc, event, grounds.located, table, sent), trigger, sent, lambda p: p.start,
                    in_other_content)
    if event.place is None and event.type in config()["object_place_types"]:
        # "visited Mombasa", "shelled Voznesensk, Mykolaiv": a place the event acts on is where it is
        # the object itself, what a place noun object names ("shelled the town of X") or where the
        # object is ("blocked the entrance of X prison"); not a modifier of who was hit ("attacked
        # Burundi refugees" did not attack Burundi)
        objects = set()
        for c in (c for c in trigger.children if c.dep_ in ("dobj", "pobj")):
            objects.update(t.i for t in c.subtree)
            # not a clause about the object ("a tower operated by the Myanmar military")
            objects -= {t.i for m in c.children if m.dep_ in ("acl", "relcl") for t in m.subtree}
            if not (c.lemma_.lower() in PLACE_NOUNS or c.ent_type_ in ("GPE", "LOC", "FAC") or c.pos_ == "PROPN"):
                objects -= {t.i for m in c.children if m.dep_ in ("compound", "amod", "nmod", "poss") for t in m.subtree}
        qualifying = {id(p) for p in grounds.qualifying}
        event.place = next((p for p in grounds.places if p.token in objects and id(p) not in qualifying
                            and not _origin(doc, p)), None)
    if event.place is None and event.type in config()["place_hit_types"]:
        event.place = _place_hit(doc, event, grounds, table)
    if event.place is None:
        # "at the entrance of Jaba village (Jenin, West Bank)", Jaba unknown to the gazetteer: the
        # division the text says the scene lies in, coarser but true
        event.place = _nearest(grounds.qualifying, trigger, sent, lambda p: p.start, in_other_content)
    if event.place is None:
        event.place = _home_of_doers(trigger, grounds.places)
    if event.place is None:
        event.place = _sole_place(doc, event, sent, grounds, table, in_other_content)
    event.date = _governed(grounds.dated_governors, chain, lambda t: t.start, in_other_content) \
        or _nearest(grounds.dated, trigger, sent, lambda t: t.start, in_other_content) \
        or _governed(grounds.periods_governors, chain, lambda t: t.start, in_other_content)  # "killed … in the 14th Century"
