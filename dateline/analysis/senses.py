"""Which sense a word with a violent and a verbal one has here.

"Gunmen attacked the convoy" is violence; "the senator attacked the plan", "Trump's attacks on
Clinton" and "ads attacking Trump" are words. The statement finder and the event coder ask the same
question of the same word, so a verbal attack is a statement and no assault, a violent one an
assault and no statement. When the words around it do not tell, the answer is ``None`` and each
keeps its own default.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from spacy.tokens import Token

from .. import data
from .actors import lexicon
from .places import PLACE_NOUNS, place_words

PHYSICAL_LABELS = ("GPE", "LOC", "FAC")  # entities only violence hits: places and buildings
PERSONAL = {"he", "she", "his", "her"}  # a person, who may attack in words


@cache
def _words() -> dict[str, frozenset[str]]:
    raw = data.load("events")["two_senses"]
    roles = data.load("roles")
    sectors = roles["sectors"]
    armed = set(raw["armed_nouns"]) | {w for code in ("MIL", "COP", "REB") for w in sectors[code]}
    speakers = set(raw["speaker_nouns"]) | set(roles["role_nouns"]) \
        | {w for code in raw["speaker_sectors"] for w in sectors[code]}
    people = set(raw["victim_nouns"]) | set(roles["female_nouns"]) | set(roles["male_nouns"]) \
        | set(sectors["CVL"]) | set(sectors["REF"])
    physical = set(raw["physical_objects"]) | PLACE_NOUNS | set(place_words()["facility"])
    weapons = {w for w in data.load("events")["weapons"] if " " not in w} | set(raw["hand_weapons"])
    return {"verbs": frozenset(raw["verbs"]), "nouns": frozenset(raw["nouns"]), "armed": frozenset(armed),
            "physical": frozenset(physical), "security": frozenset(raw["security_objects"]),
            "preps": frozenset(raw["verbal_preps"]),
            "violent_manners": frozenset(raw["violent_manners"]), "channels": frozenset(raw["verbal_channels"]),
            "modifiers": frozenset(raw["verbal_modifiers"]), "media": frozenset(raw["verbal_subjects"]),
            "speakers": frozenset(speakers - armed), "people": frozenset(people), "weapons": frozenset(weapons),
            "platforms": frozenset(p.lower() for p in lexicon().platforms)}


def two_senses(token: Token) -> bool:
    """Whether ``token`` is a word with a violent and a verbal sense."""
    words = _words()
    lemma = token.lemma_.lower()
    return lemma in words["verbs"] if token.pos_ in ("VERB", "AUX") else lemma in words["nouns"]


def violent(token: Token, is_person: Callable[[Token], bool] = lambda t: False) -> bool | None:
    """True when the two-sense word ``token`` means violence here, False when it means words, None
    when its words do not tell (or it is no such word). ``is_person`` tells a named person where the
    NER did not ("Trump" read as an organisation)."""
    if not two_senses(token):
        return None
    if token.pos_ in ("VERB", "AUX"):
        return _verb_sense(token, is_person)
    return _noun_sense(token, is_person)


def _verb_sense(verb: Token, is_person) -> bool | None:
    words = _words()
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    doer = _head_of(verb, ("agent",) if passive else ("nsubj",))
    if doer is None and verb.dep_ in ("acl", "relcl") and not passive:
        doer = verb.head  # "ads attacking Trump", "militants who attacked …"
        if doer.dep_ == "relcl":
            doer = doer.head
    target = _head_of(verb, ("nsubjpass",) if passive else ("dobj",))
    if passive and target is None and verb.dep_ == "acl":
        target = verb.head  # "the convoy attacked by militants"
    speaks = _speaks(doer, is_person)
    named_person = target is not None and is_person(target)  # "attacked Machado", whom the NER took for a place
    if _armed(doer) or _with_weapon(verb) or not named_person and _physical(target) \
            or any(c.dep_ == "advmod" and c.lower_ in words["violent_manners"] for c in verb.children):
        return True
    victim = target is not None and _unnamed_people(target)
    if not victim and (any(c.dep_ == "prep" and c.lower_ in words["preps"] for c in verb.children)
                       or any(c.dep_ == "advcl" and c.lemma_ == "say" for c in verb.children)) \
            or any(c.dep_ in ("ccomp", "oprd") for c in verb.children):
        return False  # "attacked him for …", "slammed the ruling as …", "attacked Trump, saying …"
    if _lemma_in(doer, words["media"]) or _in_media(verb):
        return False  # "ads attacking Trump", "attacked Machado in tweets"
    if not named_person and _lemma_in(target, words["security"]):
        # "rioters attacked police officers"; a politician's attack on them may be in words
        return None if speaks or doer is None or doer.pos_ == "PRON" else True
    if speaks and target is not None and not victim:
        return False  # "the senator attacked the plan", "Trump attacked Clinton"
    return None


def _noun_sense(noun: Token, is_person) -> bool | None:
    words = _words()
    children = list(noun.children)
    if any(c.dep_ in ("amod", "compound") and c.lower_ in words["modifiers"] for c in children):
        return False  # "a personal attack"
    if any(c.dep_ == "compound" and c.lemma_.lower() in words["weapons"] for c in children):
        return True  # "a rocket attack"
    targets = [g for c in children if c.dep_ == "prep" and c.lower_ in ("on", "against")
               for g in c.children if g.dep_ == "pobj"]
    owner = next((c for c in children if c.dep_ == "poss"), None)
    if _armed(owner) or _with_weapon(noun) or any(_physical(t) and not is_person(t) for t in targets):
        return True
    # the doer of the verb that carries it out: "the military launched air strikes on …"
    carried = noun.head.head if noun.dep_ == "conj" and noun.head.dep_ == "dobj" else noun
    if carried.dep_ == "dobj" and _armed(_head_of(carried.head, ("nsubj",))):
        return True
    if _speaks(owner, is_person) and targets and not any(_unnamed_people(t) for t in targets):
        return False  # "Trump's attacks on Clinton"
    return None


def _head_of(verb: Token, deps: tuple[str, ...]) -> Token | None:
    found = next((c for c in verb.children if c.dep_ in deps), None)
    if found is not None and found.dep_ == "agent":
        found = next((g for g in found.children if g.dep_ == "pobj"), None)
    return found


def _lemma_in(token: Token | None, words: frozenset[str]) -> bool:
    return token is not None and (token.lemma_.lower() in words or token.lower_ in words)


def _in_media(verb: Token) -> bool:
    """"attacked him in a speech", "slammed it on Twitter": words, where they were said."""
    words = _words()
    return any(c.dep_ == "prep" and c.lower_ in words["channels"]
               and any(g.dep_ == "pobj" and (_lemma_in(g, words["media"]) or g.lower_ in words["platforms"])
                       for g in c.children)
               for c in verb.children)


def _armed(token: Token | None) -> bool:
    armed = _words()["armed"]
    return _lemma_in(token, armed) or token is not None and any(
        c.dep_ == "compound" and c.lower_ in armed for c in token.children)


def _physical(token: Token | None) -> bool:
    """A place, a building, a vehicle or armed men: what only violence hits."""
    return token is not None and token.ent_type_ in PHYSICAL_LABELS or _lemma_in(token, _words()["physical"])


def _with_weapon(token: Token) -> bool:
    """"attacked him with a knife", "using grenades"."""
    weapons = _words()["weapons"]
    return any((child.dep_ == "prep" and child.lower_ == "with" or child.lower_ == "using")
               and any(g.lemma_.lower() in weapons for g in child.subtree)
               for child in token.children)


def _speaks(token: Token | None, is_person) -> bool:
    """Someone who takes positions in words: a named person, an office holder, a critic."""
    if token is None:
        return False
    if token.ent_type_ == "PERSON" and token.pos_ == "PROPN" or is_person(token) or token.lower_ in PERSONAL:
        return True
    return _lemma_in(token, _words()["speakers"])


def _unnamed_people(token: Token) -> bool:
    return token.pos_ == "NOUN" and _lemma_in(token, _words()["people"])
