"""Actors: one record per real-world entity, holding every reference to it.

Names found by the NER are corrected with document evidence, merged across
variants, and given the titles and affiliations written around them; nominal
references ("the president") and personal pronouns are then resolved to the
actors they refer to, in text order.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, insort
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from .. import data
from .places import PlaceInfo, famous_place, fold, gazetteer
from .quotes import QuoteIndex

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
MALE_PRONOUNS = {"he", "him", "his", "himself"}
FEMALE_PRONOUNS = {"she", "her", "hers", "herself"}
PERSONAL_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS
PRONOUN_WINDOW = 3  # sentences back a pronoun may reach
MAX_OWNER_TOKENS = 5  # "of the Democratic Republic of Congo": longer "of" phrases say more than whose
PRONOUN_MARGIN = 10  # score lead the best antecedent needs over a rival actor


@dataclass(frozen=True)
class _Lexicon:
    titles: frozenset[tuple[str, ...]]
    honorifics: frozenset[tuple[str, ...]]
    person_words: frozenset[tuple[str, ...]]  # titles and honorifics
    female: frozenset[str]
    male: frozenset[str]
    role_nouns: frozenset[str]
    org_nouns: frozenset[str]
    agent_nouns: frozenset[str]
    partitive_nouns: frozenset[str]
    joint_bodies: frozenset[str]
    particles: frozenset[str]
    longest: int
    title_equivalents: dict[str, frozenset[str]]
    platforms: frozenset[str]  # services and firms named bare ("Twitter"): never a person
    org_name_endings: frozenset[str]  # last words of a firm's or a body's name ("Productions")


@cache
def lexicon() -> _Lexicon:
    raw = data.load("roles")
    titles = frozenset(tuple(t.split()) for t in raw["titles"])
    honorifics = frozenset(tuple(t.split()) for t in raw["honorifics"])
    return _Lexicon(
        titles=titles, honorifics=honorifics, person_words=titles | honorifics,
        female=frozenset(raw["female_titles"]) | frozenset(raw["female_nouns"]),
        male=frozenset(raw["male_titles"]) | frozenset(raw["male_nouns"]),
        role_nouns=frozenset(raw["role_nouns"]) | {t[0] for t in titles if len(t) == 1 and not t[0].endswith(".")},
        org_nouns=frozenset(raw["org_nouns"]),
        agent_nouns=frozenset(raw["agent_nouns"]),
        partitive_nouns=frozenset(raw["partitive_nouns"]),
        joint_bodies=frozenset(raw["joint_bodies"]),
        particles=frozenset(raw["name_particles"]),
        longest=max(len(t) for t in titles | honorifics),
        title_equivalents={fold(k): frozenset(v) for k, v in raw["title_equivalents"].items()},
        platforms=frozenset(raw["platforms"]), org_name_endings=frozenset(raw["org_name_endings"]),
    )


NOUN_PHRASE_DEPS = {"amod", "compound", "nummod", "quantmod", "det", "poss", "nmod", "case", "advmod", "predet", "npadvmod"}


@dataclass
class MentionRef:
    start: int  # token offsets
    end: int
    form: str  # name | nominal | pronoun | title
    head: int  # syntactic head of the whole reference (titles included)
    actor: str | None = None
    confidence: float = 1.0


@dataclass
class ActorBuild:
    id: str
    name: str
    kind: str
    key: tuple[str, ...]
    titles: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    country: str | None = None
    gender: str | None = None
    mentions: list[MentionRef] = field(default_factory=list)

    @property
    def sector(self) -> str | None:
        return None if self.kind == "country" else sector_of(self.titles, self.name, self.kind)

    def title_words(self) -> set[str]:
        """The words of the titles, with what each lets a description call the bearer ("Gov." → governor)."""
        words = {fold(w) for t in self.titles for w in t.split()}
        equivalents = lexicon().title_equivalents
        return words | {e for w in words for e in equivalents.get(w, ())}


@dataclass
class ActorTable:
    """The actors of one Doc and a token → actor map for later stages."""

    actors: list[ActorBuild]
    mentions: list[MentionRef]
    by_token: dict[int, MentionRef]

    def actor(self, actor_id: str | None) -> ActorBuild | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def add_name(self, doc: Doc, start: int, end: int) -> MentionRef:
        """Register a proper name the NER missed, found where only a person or group can stand."""
        words = [t.text for t in doc[start:end]]
        key = name_key(words)
        lexicon_ = lexicon()
        kind = "organization" if words[-1].lower() in lexicon_.org_nouns else "person"
        actor = next((a for a in self.actors if a.kind == kind and (a.key == key or (
            kind == "person" and len(key) == 1 and key[0] in a.key))), None)
        if actor is None:
            actor = ActorBuild(id=f"a{len(self.actors) + 1}", name=" ".join(words), kind=kind, key=key)
            self.actors.append(actor)
        mention = MentionRef(start, end, "name", _head_of(doc, start, end), actor.id)
        actor.mentions.append(mention)
        actor.mentions.sort(key=lambda m: m.start)
        for i in range(start, end):
            self.by_token[i] = mention
        return mention

    def add_nominal(self, head: Token) -> MentionRef | None:
        """An unnamed participant ("Angry French paper workers") becomes a group actor of its own."""
        doc = head.doc
        # the noun's own modifiers, not a clause the parser hung on it ("On 15 January, around 1000 people")
        start = min([c.left_edge.i for c in head.lefts if c.dep_ in NOUN_PHRASE_DEPS] + [head.i])
        # not past a comma: "On 26 January 2022, sex workers" with the date parsed as the noun's modifier
        start = max([start] + [t.i + 1 for t in doc[start:head.i] if t.text == ","])
        while start < head.i and (doc[start].pos_ in ("DET", "PRON", "PUNCT", "NUM", "CCONJ") or doc[start].dep_ in ("poss", "case")
                                  or doc[start].lower_ in ("angry", "some", "several", "many", "other")):
            start += 1
        end = head.i + 1
        # "military forces of Pakistan", "fighters from Al Shabaab": whose forces they are is part of the name
        whose = next((p for p in head.rights if p.dep_ == "prep" and p.lower_ in ("of", "from") and p.i == end), None)
        owner = next((o for o in whose.children if o.dep_ == "pobj"), None) if whose is not None else None
        if owner is not None and owner.ent_type_ in ("GPE", "LOC", "ORG", "NORP"):
            # to the end of the owner's name ("of the Afghanistan Freedom Front (AFF)": not its acronym)
            name_end = next((e.end for e in ents_of(doc) if e.start <= owner.i < e.end), owner.right_edge.i + 1)
            if name_end - whose.i <= MAX_OWNER_TOKENS + 1:
                end = name_end
        words = [t.text for t in doc[start:end]]
        if not words:
            return None
        lexicon_ = lexicon()
        info = gazetteer().lookup(" ".join(words))
        kind = "country" if info and info.feature == "country" else (
            "organization" if head.lemma_.lower() in lexicon_.org_nouns else "group")
        key = tuple(fold(" ".join(words)).split())
        actor = next((a for a in self.actors if a.key == key and a.kind == kind), None)
        if actor is None:
            actor = ActorBuild(id=f"a{len(self.actors) + 1}", name=" ".join(words), kind=kind, key=key)
            actor.country = next((c for t in doc[start:end] if (c := gazetteer().country_of_word(t.text))), None)
            self.actors.append(actor)
        mention = MentionRef(start, end, "nominal", head.i, actor.id, 0.7)
        actor.mentions.append(mention)
        actor.mentions.sort(key=lambda m: m.start)
        for i in range(start, end):
            self.by_token.setdefault(i, mention)
        return mention

    def add_place(self, doc: Doc, start: int, end: int, place: PlaceInfo) -> MentionRef:
        """A place standing for its people or government as an event participant: "shelled Juba",
        "demolished Palestinian homes" (the nationality word names the country)."""
        if place.feature == "country":
            kind, key = "country", (place.country,)
        else:
            kind, key = "other", ("place", str(place.geonames_id or fold(place.name)))
        actor = next((a for a in self.actors if a.kind == kind and a.key == key), None)
        if actor is None:
            actor = ActorBuild(id=f"a{len(self.actors) + 1}", name=place.name, kind=kind, key=key,
                               country=gazetteer().alpha3(place.country))
            self.actors.append(actor)
        mention = MentionRef(start, end, "name", _head_of(doc, start, end), actor.id, 0.8)
        actor.mentions.append(mention)
        actor.mentions.sort(key=lambda m: m.start)
        for i in range(start, end):
            self.by_token.setdefault(i, mention)
        return mention

    def mention_at(self, token: Token) -> MentionRef | None:
        return self.by_token.get(token.i)

    def actor_at(self, token: Token) -> str | None:
        mention = self.by_token.get(token.i)
        return mention.actor if mention else None

    def names_a_person(self, token: Token) -> bool:
        """Whether ``token`` is part of a person's name (whatever label the NER gave it)."""
        mention = self.by_token.get(token.i)
        actor = self.actor(mention.actor) if mention and mention.form == "name" else None
        return actor is not None and actor.kind == "person"



# ---------------------------------------------------------------- helpers

@cache
def _edge_words(phrases: frozenset[tuple[str, ...]]) -> tuple[frozenset[str], frozenset[str]]:
    """First and last words of ``phrases``: most tokens start or end none, and are rejected at once."""
    return frozenset(p[0] for p in phrases), frozenset(p[-1] for p in phrases)


def _phrase_at(doc: Doc, i: int, phrases: frozenset[tuple[str, ...]], longest: int) -> int:
    """Length of the longest phrase from ``phrases`` starting at token ``i``."""
    lowers = lowers_of(doc)
    if lowers[i] not in _edge_words(phrases)[0]:
        return 0
    for n in range(min(longest, len(doc) - i), 0, -1):
        if tuple(lowers[i:i + n]) in phrases:
            return n
    return 0


def _phrase_ending(doc: Doc, i: int, phrases: frozenset[tuple[str, ...]], longest: int) -> int:
    lowers = lowers_of(doc)
    if lowers[i] not in _edge_words(phrases)[1]:
        return 0
    for n in range(min(longest, i + 1), 0, -1):
        if tuple(lowers[i - n + 1:i + 1]) in phrases:
            return n
    return 0


def name_key(tokens: list[str]) -> tuple[str, ...]:
    """Comparable name parts: folded, particles ("al-", "bin") dropped."""
    parts = fold(" ".join(tokens)).split()
    kept = tuple(p for p in parts if p not in lexicon().particles)
    return kept or tuple(parts)


def _head_of(doc: Doc, start: int, end: int) -> int:
    """The token of doc[start:end] whose head lies outside it."""
    for token in tokens_of(doc)[start:end]:
        head = token.head.i
        if not (start <= head < end) or head == token.i:
            return token.i
    return end - 1


def _is_capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


# ---------------------------------------------------------------- names

@dataclass
class _Name:
    start: int  # core name tokens
    end: int
    label: str
    extent_start: int  # titles and honorifics included
    title_spans: list[tuple[int, int]] = field(default_factory=list)
    honorifics: list[str] = field(default_factory=list)


def _strip_leading_titles(doc: Doc, span: Span, name: _Name) -> None:
    lex = lexicon()
    i = span.start
    while i < span.end - 1:
        if tokens_of(doc)[i].lower_ in ("the", "a", "an"):
            i += 1
            continue
        if n := _phrase_at(doc, i, lex.titles, lex.longest):
            if i + n < span.end:
                name.title_spans.append((i, i + n))
                i += n
                continue
        if n := _phrase_at(doc, i, lex.honorifics, lex.longest):
            if i + n < span.end:
                name.honorifics.append(doc[i:i + n].text.lower())
                i += n
                continue
        break
    name.start = i


def _titles_before(doc: Doc, name: _Name) -> None:
    """Collect title phrases and honorifics written just before a name."""
    lex = lexicon()
    tokens = tokens_of(doc)
    i = name.start - 1 if not name.title_spans else min(s for s, _ in name.title_spans) - 1
    while i >= 0:
        if n := _phrase_ending(doc, i, lex.honorifics, lex.longest):
            if not _phrase_ending(doc, i, lex.titles, lex.longest):
                name.honorifics.append(doc[i - n + 1:i + 1].text.lower())
                i -= n
                continue
        if n := _phrase_ending(doc, i, lex.titles, lex.longest):
            k = i - n + 1
            # Nationality or organisation words before an office ("Iranian President", "Hamas leader").
            while k > 0 and tokens[k - 1].ent_type_ in ("NORP", "GPE", "ORG") and _is_capitalised(tokens[k - 1]):
                k -= 1
            name.title_spans.append((k, i + 1))
            i = k - 1
            continue
        # "Leader of the Islamic Revolution" / "leader of the Palestinian Islamic Jihad"
        found = None
        for k in range(i - 1, max(-1, i - 9), -1):
            if tokens[k].lower_ == "of":
                n = _phrase_ending(doc, k - 1, lex.titles, lex.longest) if k > 0 else 0
                tail = doc[k + 1:i + 1]
                if n and all(t.lower_ in ("the", "of", "and", "for") or _is_capitalised(t) for t in tail) \
                        and _is_capitalised(tokens[i]):
                    found = k - n
                break
        if found is not None:
            name.title_spans.append((found, i + 1))
            i = found - 1
            continue
        break
    starts = [s for s, _ in name.title_spans]
    name.extent_start = min(starts + [name.start])
    if name.extent_start > 0 and tokens[name.extent_start - 1].lower_ == "the" and name.title_spans:
        name.extent_start -= 1


TITLE_CASE_SHARE = 0.7  # a line this much of whose longer words are capitalised is a headline
TITLE_CASE_MIN_WORDS = 3


_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
_CAPITALISED_WORD = re.compile(r"\b[^\W\d_][\w'’-]*")
_WORD = re.compile(r"[^\W\d_][\w'’]*")
# The only lowercase words a title-cased headline holds.
FUNCTION_WORDS = frozenset("a an the and or but nor as at by for from in into of off on onto out over to up upon "
                           "with vs via if than per is are was be it its so yet not no".split())


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of title-cased lines (headlines, section heads), where capitals do not mark
    names. A sentence full of names ("Angela Merkel met Emmanuel Macron on Monday.") has lowercase
    words other than function words; a headline has none."""
    found, offset = [], 0
    for line in text.split("\n"):
        words = _LONG_WORD.findall(line)
        if len(words) >= TITLE_CASE_MIN_WORDS and sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words) \
                and all(w[0].isupper() or w.lower() in FUNCTION_WORDS for w in _WORD.findall(line)):
            found.append((offset, offset + len(line)))
        offset += len(line) + 1
    return found


def _headline_tokens(doc: Doc, lines: list[tuple[int, int]]) -> set[int]:
    """The tokens of the headline ``lines``."""
    found: set[int] = set()
    for start, end in lines:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            found.update(range(span.start, span.end))
    return found


def _named_outside(doc: Doc, lines: list[tuple[int, int]]) -> set[str]:
    """Words the article capitalises outside its headline ``lines`` (at least as often as it writes
    them in lower case): the words its names are made of."""
    text = text_of(doc)
    pieces, last = [], 0
    for start, end in lines:
        pieces.append(text[last:start])
        last = end
    pieces.append(text[last:])
    capitalised: dict[str, int] = {}
    lowercase: dict[str, int] = {}
    for piece in pieces:
        for word in _CAPITALISED_WORD.findall(piece):
            counts = capitalised if word[0].isupper() else lowercase
            counts[word.lower()] = counts.get(word.lower(), 0) + 1
    # A word the article mostly writes in lower case is a common word even where capitalised ("A new poll").
    return {w for w, n in capitalised.items() if n >= lowercase.get(w, 0)}


def is_name_like(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens [start, end) the NER left untagged may still be a name: not only role words
    ("Judge rejects …"), and no word the article otherwise writes in lower case ("New Poll Shows …")."""
    lex = lexicon()
    words = [t.lower_ for t in doc[start:end]]
    if all(w in lex.role_nouns or (w,) in lex.person_words for w in words):
        return False
    named = _name_words(doc)
    return all(w in named for w in words if w.isalpha())


def _name_words(doc: Doc) -> set[str]:
    """``_named_outside`` the Doc's headline lines, worked out once per Doc."""
    named = doc.user_data.get("dateline_name_words")
    if named is None:
        named = doc.user_data["dateline_name_words"] = _named_outside(doc, _headline_lines(text_of(doc)))
    return named


def _headline_trim(doc: Doc, start: int, end: int, headline: set[int], named: set[str],
                   label: str) -> tuple[int, int]:
    """A name in a headline keeps only the words the article capitalises elsewhere too: "Obama Seeks
    Harsh Penalties" is Obama. A name none of whose words the article repeats is left whole: nothing
    tells its words apart ("Senator Ana Ruiz: Roads Come Before Schools")."""
    if start not in headline:
        return start, end
    keep = [i for i in range(start, end) if doc[i].lower_ in named or doc[i].is_punct and i not in (start, end - 1)]
    if not any(doc[i].is_alpha for i in keep):
        # Only a full person name stands on the headline alone; a lone capitalised word ("Speech") does not.
        return (start, end) if label == "PERSON" and end - start >= 2 else (start, start)
    first = keep[0]
    last = first
    while last + 1 < end and last + 1 in keep:
        last += 1
    return first, last + 1


def _sole_word(token: Token) -> bool:
    """Whether ``token`` is the only word of its sentence ("Harsh?", "Really!")."""
    return all(t.i == token.i or t.is_punct or t.is_space for t in token.sent)


def _slash_joined(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """"Reuters/Ipsos", "New York Times/CBS News": organisations written together with a slash are
    one sponsor; the model often takes one side only."""
    def joins(i: int) -> bool:  # doc[i] is an unspaced slash between capitalised words
        return 0 < i < len(doc) - 1 and doc[i].text == "/" and not doc[i - 1].whitespace_ and not doc[i].whitespace_ \
            and _is_capitalised(doc[i - 1]) and _is_capitalised(doc[i + 1])
    while end < len(doc) and joins(end):
        end += 2
        while end < len(doc) and doc[end].pos_ == "PROPN" and _is_capitalised(doc[end]) and "\n" not in doc[end - 1].text_with_ws:
            end += 1
    while joins(start - 1):
        start -= 2
        while start > 0 and doc[start - 1].pos_ == "PROPN" and _is_capitalised(doc[start - 1]) \
                and "\n" not in doc[start - 1].text_with_ws and doc[start - 1].ent_type_ in ("", "ORG"):
            start -= 1
    return start, end


def _candidate_names(doc: Doc) -> list[_Name]:
    lex = lexicon()
    tokens = tokens_of(doc)  # a list: spaCy makes a new Token object on every doc[i]
    names: list[_Name] = []
    taken: set[int] = set()
    lines = _headline_lines(text_of(doc))
    headline = _headline_tokens(doc, lines)
    named = _name_words(doc) if headline else set()
    named_anywhere: set[str] | None = None  # words written as names mid-sentence, found when first needed
    for ent in ents_of(doc):
        if ent.label_ not in ACTOR_LABELS:
            continue
        end = ent.end
        while end > ent.start + 1 and (tokens[end - 1].is_quote or tokens[end - 1].is_space):
            end -= 1  # 'Marcia "' — the model took the opening mark of a nickname (or a line break) into the name
        if ent.label_ == "PERSON":
            # The small model often stops short: "Ebrahim" + "Raisi", 'Marcia "Cia" Price'.
            while end < len(doc):
                if tokens[end].is_quote and end + 3 < len(doc) and tokens[end + 2].is_quote and _is_capitalised(tokens[end + 1]) \
                        and tokens[end + 3].pos_ in ("PROPN", "NOUN") and _is_capitalised(tokens[end + 3]):
                    end += 4  # a quoted nickname inside the name, and the surname after it
                elif tokens[end].pos_ == "PROPN" and _is_capitalised(tokens[end]) \
                        and tokens[end].ent_type_ in ("", "GPE", "PERSON", "NORP") and not tokens[end].is_punct:
                    end += 1
                else:
                    break
        while end > ent.start + 1 and tokens[end - 1].tag_ == "POS":
            end -= 1  # "Clinton’s" names Clinton
        start = ent.start
        if ent.label_ == "ORG":
            start, end = _slash_joined(doc, start, end)
        for i in range(ent.start, end - 1):
            if "\n" in tokens[i].text_with_ws:
                start = i + 1  # a name never runs over a line break: "Rally\n\nDonald Trump" is Donald Trump
        label = ent.label_
        if label in ("PERSON", "ORG") and end - start > 1 and (cut := _after_organisation(doc, ent, start, end)) > start:
            start, label = cut, "PERSON"
        while start < end and tokens[start].is_space:
            start += 1
        start, end = _headline_trim(doc, start, end, headline, named, label)
        if start >= end:
            continue
        span = doc[start:end]
        if len(span) == 1 and span[0].is_sent_start and (
                span[0].pos_ in ("ADJ", "ADV", "VERB", "INTJ") or _sole_word(span[0])):
            if named_anywhere is None:
                named_anywhere = {t.text for t in tokens_of(doc) if t.pos_ == "PROPN" and not t.is_sent_start}
            if span[0].text not in named_anywhere:
                continue  # "Harsh? He doesn't think so.": a word opening a sentence, taken for a name
        name = _Name(span.start, span.end, label, span.start)
        if label in ("PERSON", "ORG"):
            _strip_leading_titles(doc, span, name)
        while name.start < name.end and (doc[name.start].lower_ in ("the", "a", "an") or doc[name.start].is_punct):
            name.start += 1  # "the Times"; "― Ana Ruiz", a signature dash the model took into the name
        if name.start >= name.end or all(_phrase_at(doc, t.i, lex.person_words, lex.longest) for t in doc[name.start:name.end]):
            continue
        if label == "PERSON":
            _titles_before(doc, name)
        names.append(name)
        taken.update(range(span.start, span.end))
    _correct_labels(doc, names, taken)
    _untagged_full_names(doc, names, taken, headline)
    return sorted(names, key=lambda n: n.start)


@cache
def _outlet_names() -> frozenset[str]:
    """Folded names of news outlets (``data/outlets.yaml``), with and without their article."""
    names = {fold(n) for n in data.load("outlets")["domains"].values()}
    return frozenset(names | {n.removeprefix("the ") for n in names})


def _after_organisation(doc: Doc, ent: Span, start: int, end: int) -> int:
    """Where the person's name begins in an entity that runs an organisation's name into it, a
    comma missing ("the editorial board of the Washington Post Trump said"): the organisation is an
    outlet or an organisation the article names, and the rest a surname it gives a person elsewhere."""
    tokens = tokens_of(doc)
    surnames = doc.user_data.get("dateline_person_ends")
    if surnames is None:  # once per Doc: this runs for every entity
        surnames = doc.user_data["dateline_person_ends"] = {}
        for e in ents_of(doc):
            if e.label_ == "PERSON":
                surnames.setdefault(e[-1].text, set()).add(e.start)
    if not surnames.get(tokens[end - 1].text, set()) - {ent.start}:
        return start  # the last word is no other person's name of the article
    named = doc.user_data.get("dateline_org_names")
    if named is None:  # folded organisation name → where the NER gives it, once per Doc
        named = doc.user_data["dateline_org_names"] = {}
        for e in ents_of(doc):
            if e.label_ == "ORG":
                named.setdefault(fold(e.text).removeprefix("the "), set()).add(e.start)
    outlets = _outlet_names()
    for cut in range(start + 1, end):
        folded = fold(doc[start:cut].text).removeprefix("the ")
        if (folded in outlets or named.get(folded, set()) - {ent.start}) \
                and all(t.pos_ == "PROPN" and _is_capitalised(t) for t in tokens[cut:end]):
            return cut
    return start


@cache
def _speech_verbs() -> frozenset[str]:
    """Verbs that introduce a quotation ("say", "add", "tell"): their subject speaks."""
    return frozenset(verb for verb, frames in data.load("cues")["verbs"].items() if "quote" in frames)


def _speaks(token: Token) -> bool:
    """Whether a word is the subject of a verb of speech ("Prasad said"), and no organisation's
    last word ("the East European Coalition said")."""
    return token.dep_ == "nsubj" and token.head.lemma_.lower() in _speech_verbs() and token.head.i > token.i \
        and token.lower_ not in lexicon().org_nouns


FAMOUS_TOWN_POPULATION = 100_000  # a first name that is also a city this big is read as the city


def _untagged_full_names(doc: Doc, names: list[_Name], taken: set[int], headline: set[int]) -> None:
    """A first name and a surname the NER left untagged ("Primary\\n\\nAngela Merkel spoke …": the
    small model often misses a name right after a short line): a capitalised proper noun that
    gender-guesser knows as a first name, not a place's name ("Georgia",
    "Jordan"), followed by capitalised proper nouns the article writes as names."""
    gaz = gazetteer()
    tokens = tokens_of(doc)
    for token in tokens:
        i = token.i
        if i in taken or i in headline or token.ent_type_ or token.pos_ != "PROPN" or not _is_capitalised(token) \
                or not token.is_alpha:
            continue
        place = gaz.lookup(token.text)
        if place is not None and (place.feature != "city" or (place.population or 0) >= FAMOUS_TOWN_POPULATION):
            continue  # "Georgia", "Jordan", "Victoria Station"; not the hamlet of Bernie, Missouri
        end = i + 1
        while end < len(doc) and end not in taken and not tokens[end].ent_type_ and tokens[end].pos_ == "PROPN" \
                and _is_capitalised(tokens[end]) and tokens[end].is_alpha and "\n" not in tokens[end - 1].text_with_ws:
            end += 1
        if end - i < 2 or end - i > 3 or not is_name_like(doc, i, end):
            continue
        # a first name gender-guesser knows, or any name that speaks ("Eswar Prasad, a trade professor, said")
        if _first_names().get_gender(token.text) == "unknown" and not _speaks(tokens[end - 1]):
            continue
        name = _Name(i, end, "PERSON", i)
        _titles_before(doc, name)
        names.append(name)
        taken.update(range(i, end))


PLACE_PREPOSITIONS = {"in", "near", "outside"}  # not "to", "from", "at": "wrote to Clinton"


def _correct_labels(doc: Doc, names: list[_Name], taken: set[int]) -> None:
    """Use the document's own evidence against NER slips.

    A single word that is the surname of a person named in full elsewhere in the
    article ("President Ebrahim Raisi" … "Raisi") is that person, whatever label
    the model gave it, unless it is a country's name, or a place's after a place
    preposition ("gathered in Leeds" beside "Sisters Uncut Leeds").
    """
    gaz = gazetteer()
    tokens = tokens_of(doc)

    def placed(i: int) -> bool:
        return i > 0 and tokens[i - 1].lower_ in PLACE_PREPOSITIONS and bool(gaz.candidates(tokens[i].text)) \
            and not (i + 1 < len(doc) and tokens[i + 1].lower_ in ("'s", "’s"))  # "in Clinton's view"

    # "Russian troops shelled Kyiv", "Sri Lanka's president": a famous place's name read as a person's,
    # with no title, whose words are no other person's name in the article
    places = [n for n in names if n.label == "PERSON" and not n.title_spans and not n.honorifics
              and famous_place(doc[n.start:n.end].text)]
    surnames = {name_key([t.text for t in doc[n.start:n.end]])[-1]
                for n in names if n.label == "PERSON" and n.end - n.start >= 2 and n not in places}
    for name in places:
        if not set(name_key([t.text for t in doc[name.start:name.end]])) & surnames:
            name.label = "GPE"
    for name in names:
        if name.label == "PERSON" and _body_read_as_person(doc, name):
            name.label = "ORG"
    for name in names:
        if name.label != "PERSON" and name.end - name.start == 1:
            key = name_key([tokens[name.start].text])
            info = gaz.lookup(tokens[name.start].text)
            if key and key[-1] in surnames and not (info and info.feature == "country") and not placed(name.start):
                name.label = "PERSON"
                _titles_before(doc, name)
    for token in tokens_of(doc):
        if token.i in taken or token.pos_ not in ("PROPN", "NOUN") or not _is_capitalised(token):
            continue
        key = name_key([token.text])
        if key and key[-1] in surnames and not placed(token.i):
            name = _Name(token.i, token.i + 1, "PERSON", token.i)
            _titles_before(doc, name)
            names.append(name)
            taken.add(token.i)


def _body_read_as_person(doc: Doc, name: _Name) -> bool:
    """A name the NER read as a person's that is a body's: a platform ("posted on Twitter"), a name
    ending in a firm's word ("Dick Clark Productions"), or one capitalised word after "the" that heads
    its phrase ("The Chronicle says"; not "the Clinton camp", where the name modifies the noun)."""
    lex = lexicon()
    tokens = tokens_of(doc)
    if doc[name.start:name.end].text in lex.platforms:
        return True
    if name.end - name.start >= 2:
        return tokens[name.end - 1].text in lex.org_name_endings
    word = tokens[name.start]
    return name.start > 0 and word.tag_ == "NNP" and tokens[name.start - 1].lower_ == "the" \
        and not name.title_spans and not name.honorifics \
        and word.dep_ not in ("compound", "amod", "nmod", "poss") \
        and not (name.start + 1 < len(tokens) and tokens[name.start + 1].pos_ in ("NOUN", "PROPN"))


# ---------------------------------------------------------------- building

def _kind(doc: Doc, name: _Name) -> str | None:
    if name.label == "PERSON":
        return "person"
    if name.label == "ORG":
        return "organization"
    text = doc[name.start:name.end].text
    if name.label == "GPE":
        info = gazetteer().lookup(text)
        return "country" if info and info.feature == "country" else None
    if name.label == "NORP":
        token = tokens_of(doc)[name.end - 1]
        if token.tag_ in ("NNPS", "NNS") and token.dep_ not in ("amod", "compound"):
            return "group"
    return None


def is_first_name(word: str) -> bool:
    """Whether gender-guesser knows ``word`` as a first name."""
    return _first_names().get_gender(word) != "unknown"


@cache
def _first_names():
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


def first_name_gender(name: str) -> str | None:
    """'male' or 'female' when the first word of a two-word-or-longer name is a first name that
    gender-guesser's lexicon holds for one gender, or mostly for one ("Melanie", "Donald"); else None
    (names given to both, a surname alone): so that "she" does not go to Donald Trump."""
    words = [w for w in name.replace(".", ". ").split() if w[:1].isalpha()]
    if len(words) < 2 or not words[0].isalpha() or len(words[0]) < 2:
        return None
    found = _first_names().get_gender(words[0])
    # "mostly_male" (Chris) counts: the gender only keeps a pronoun from a person, and "she" left
    # unresolved is better than "she" given to Chris Christie.
    return {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female"}.get(found)


def _people_by_sentence(doc: Doc, actors: list[ActorBuild]) -> dict[int, set[str]]:
    """Sentence number → the ids of the people mentioned in it."""
    sent_index = sentence_index(doc)
    found: dict[int, set[str]] = {}
    for actor in actors:
        if actor.kind == "person":
            for mention in actor.mentions:
                found.setdefault(sent_index[mention.start], set()).add(actor.id)
    return found


def _pronoun_gender(doc: Doc, actor: ActorBuild, people_in: dict[int, set[str]], quotes: QuoteIndex) -> str | None:
    """The sex the article's own pronouns give a person: "Taylor Swift is allowed to play her music",
    a pronoun after the name in a sentence that names no other person (``people_in``: the ids of the
    people each sentence mentions), outside quotations. It outweighs the first name's usual sex
    ("Taylor" is mostly a man's); two answers give none."""
    sent_index = sentence_index(doc)
    tokens = tokens_of(doc)
    found = set()
    for mention in actor.mentions:
        here = sent_index[mention.start]
        if mention.form != "name" or people_in.get(here, set()) - {actor.id} \
                or quotes.at(tokens[mention.start].idx) is not None:
            continue
        sentence = sentence_of(tokens[mention.start])
        for token in tokens[mention.end:sentence.end]:
            if token.lower_ in PERSONAL_PRONOUNS and quotes.at(token.idx) is None:
                found.add("male" if token.lower_ in MALE_PRONOUNS else "female")
                break
    return found.pop() if len(found) == 1 else None


def _lone_first_name_gender(doc: Doc, name: str) -> str | None:
    """"Melanie", "Kevin": a person the article calls by one word only, a first name the lexicon
    gives one sex outright, and never written after another name (so not the surname of "Hillary
    Clinton", which the lexicon also knows as a boy's name)."""
    if " " in name or not name.isalpha():
        return None
    gender = {"male": "male", "female": "female"}.get(_first_names().get_gender(name))
    if gender and re.search(rf"\b[A-Z][\w.'’-]*\s+{name}\b", text_of(doc)):
        return None
    return gender


def _honorific_gender(name: _Name) -> str | None:
    """'female' for "Mrs. Clinton", 'male' for "Mr. Clinton", else None."""
    lex = lexicon()
    for word in name.honorifics:
        if word in lex.female:
            return "female"
        if word in lex.male:
            return "male"
    return None


def _name_gender(doc: Doc, name: _Name) -> str | None:
    """The sex a name's honorific ("Mrs. Clinton") or its first name ("Michelle Obama") gives, if any."""
    return _honorific_gender(name) or first_name_gender(doc[name.start:name.end].text)


def _gender_conflict(gender: str | None, members: list[_Name], genders: dict[int, str | None]) -> bool:
    """"Mr. Clinton" is not the "Mrs. Clinton" of the same article, nor "Mr. Obama" "Michelle Obama"
    (``genders``: each name's ``_name_gender``, by ``id``)."""
    return gender is not None and any(genders[id(n)] not in (None, gender) for n in members)


def _same_org(a: tuple[str, ...], b: tuple[str, ...], a_text: str, b_text: str) -> bool:
    if a == b:
        return True
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(short) >= 2 and long_[-len(short):] == short:
        return True
    acronym_of = lambda text: "".join(w[0] for w in text.split() if w[:1].isupper()).casefold()
    for x, y in ((a_text, b_text), (b_text, a_text)):
        if " " not in x.strip() and x.isupper() and len(x) >= 2 and acronym_of(y) == x.casefold():
            return True
    return False


def _owner_country(doc: Doc, start: int) -> str | None:
    """The country a possessor before a name names: "Zimbabwe's Ministry of Health" → ZW."""
    tokens = tokens_of(doc)
    if start < 2 or tokens[start - 1].lower_ not in ("'s", "’s"):
        return None
    info = gazetteer().country_named_by(tokens[start - 2].text)
    return info.country if info is not None else None


def _other_countrys(long_key: tuple[str, ...], short_key: tuple[str, ...], owner: str | None) -> bool:
    """Whether a shorter name a country owns cannot be a longer name that names another country:
    "Zimbabwe's Ministry of Health" is not "the South African ministry of health"."""
    if owner is None or len(long_key) <= len(short_key):
        return False
    extra = long_key[:len(long_key) - len(short_key)]
    spans = (" ".join(extra[i:j]) for i in range(len(extra)) for j in range(i + 1, min(len(extra), i + 3) + 1))
    named = {info.country for span in spans if (info := gazetteer().country_named_by(span)) is not None}
    return bool(named) and owner not in named


def _cluster(doc: Doc, names: list[_Name]) -> list[tuple[ActorBuild, list[_Name]]]:
    clusters: list[tuple[ActorBuild, list[_Name]]] = []
    gaz = gazetteer()
    # Fuller names first, so that a bare surname finds the full name it shortens; among names as
    # long, those with an honorific ("Mr. Obama") first: they tell two namesakes apart before a bare
    # surname has to choose between them.
    order = sorted(names, key=lambda n: (-(n.end - n.start), not n.honorifics, n.start))
    genders = {id(n): _name_gender(doc, n) for n in names if n.label == "PERSON"}  # once each, not per comparison
    owners: dict[int, set[str]] = {}  # cluster → the countries possessors name its members after
    for name in order:
        owner = None
        kind = _kind(doc, name)
        if kind is None:
            continue
        text = doc[name.start:name.end].text
        if kind == "person":
            key = name_key([t.text for t in doc[name.start:name.end]])
            gender = genders[id(name)]
            same = [c for c in clusters if c[0].kind == "person" and (
                c[0].key == key or (len(key) >= 2 and key[0] == c[0].key[0] and key[-1] == c[0].key[-1])
                or (len(key) == 1 and key[0] in c[0].key)
                or (len(key) >= 2 and set(key) <= set(c[0].key) and key[-1] == c[0].key[-1]))
                and not _gender_conflict(gender, c[1], genders)]
            if len(same) > 1:
                # A bare surname shared by two people names the more prominent one
                # (more mentions, then introduced first): "Clinton" is rarely the daughter.
                same.sort(key=lambda c: (-len(c[1]), min(n.start for n in c[1])))
                same = same[:1]
        elif kind == "country":
            info = gaz.lookup(text)
            key = (info.country,)
            text = info.name
            same = [c for c in clusters if c[0].kind == "country" and c[0].key == key]
        else:
            key = tuple(fold(text).split())
            owner = _owner_country(doc, name.start)
            # ("Zimbabwe's Ministry of Health" and "Kenya's Ministry of Health" are two ministries)
            same = [c for c in clusters if c[0].kind == kind and _same_org(c[0].key, key, c[0].name, text)
                    and not _other_countrys(c[0].key, key, owner)
                    and not (owner and owners.get(id(c)) and owner not in owners[id(c)])]
        if same:
            same[0][1].append(name)
        else:
            clusters.append((ActorBuild(id="", name=text, kind=kind, key=key), [name]))
            same = clusters[-1:]
        if kind not in ("person", "country") and owner is not None:
            owners.setdefault(id(same[0]), set()).add(owner)
    return clusters


def _attach_titles(doc: Doc, actor: ActorBuild, name: _Name, org_names: dict[int, str], table: dict[int, MentionRef]) -> None:
    """Titles, affiliations, country and gender from the words around one name."""
    lex = lexicon()
    gaz = gazetteer()
    tokens = tokens_of(doc)
    spans = list(name.title_spans)
    head = tokens[_head_of(doc, name.start, name.end)]
    # Apposition either way: "the leader of X, Ismail Haniyeh" / "Ismail Haniyeh, the leader of X,"
    role = None
    if head.dep_ == "appos" and head.head.i < name.start and head.head.lemma_.lower() in lex.role_nouns:
        role = head.head
        role_end = name.extent_start
        while role_end > role.i and (tokens[role_end - 1].is_punct or tokens[role_end - 1].is_space):
            role_end -= 1
        spans.append((role.left_edge.i, role_end))
    for child in head.children:
        if child.dep_ == "appos" and child.i > head.i and child.lemma_.lower() in lex.role_nouns:
            right = child.right_edge.i + 1
            spans.append((child.left_edge.i, right))
    for start, end in spans:
        words = doc[start:end]
        while len(words) and words[0].lower_ in ("the", "a", "an"):
            words = words[1:]
        if not len(words):
            continue
        title = words.text
        if title.casefold() not in {t.casefold() for t in actor.titles}:
            actor.titles.append(title)
        for token in words:
            if token.i in org_names and org_names[token.i] not in actor.affiliations:
                actor.affiliations.append(org_names[token.i])
            if actor.country is None and token.ent_type_ in ("NORP", "GPE"):
                actor.country = gaz.country_of_word(token.text)
        mention = MentionRef(start, end, "title", _head_of(doc, start, end), actor.id)
        for i in range(start, end):
            table.setdefault(i, mention)
        actor.mentions.append(mention)
        lowered = title.casefold()
        if actor.gender is None:
            if any(lowered == w or lowered.startswith(w + " ") for w in lex.female):
                actor.gender = "female"
            elif any(lowered == w or lowered.startswith(w + " ") for w in lex.male):
                actor.gender = "male"
    for word in name.honorifics:
        if actor.gender is None and word in lex.female:
            actor.gender = "female"
        elif actor.gender is None and word in lex.male:
            actor.gender = "male"


@cache
def _sector_words() -> list[tuple[str, frozenset[str]]]:
    return [(code, frozenset(words)) for code, words in data.load("roles")["sectors"].items()]


def sector_of(titles: list[str], name: str, kind: str) -> str | None:
    """The PLOVER sector a role or group name points to ("President" → GOV); unknown stays None."""
    texts = [t.lower() for t in titles] + ([name.lower()] if kind in ("group", "organization") else [])
    # the longest phrase found decides, the first sector listed among equals: an "attorney general"
    # is a lawyer, not a general
    best, longest = None, 0
    for code, words in _sector_words():
        for text in texts:
            tokens = text.replace(",", " ").split()
            found = max((len(w.split()) for w in words if w in tokens or (" " in w and w in text)), default=0)
            if found > longest:
                best, longest = code, found
    return best


def build_actors(doc: Doc, quotes: QuoteIndex) -> ActorTable:
    """Find, merge and describe the actors of ``doc``; resolve references to them."""
    names = _candidate_names(doc)
    clusters = _cluster(doc, names)
    clusters.sort(key=lambda c: min(n.start for n in c[1]))
    by_token: dict[int, MentionRef] = {}
    actors: list[ActorBuild] = []
    for number, (actor, members) in enumerate(clusters, start=1):
        actor.id = f"a{number}"
        richest = max(members, key=lambda n: (n.end - n.start, -n.start))
        if actor.kind != "country":
            actor.name = doc[richest.start:richest.end].text
        if actor.kind == "country":
            actor.country = gazetteer().alpha3(actor.key[0])
        for name in members:
            # "Mrs. Clinton": a courtesy word belongs to the mention, though not to the name.
            start = name.start
            while start > 0 and (n := _phrase_ending(doc, start - 1, lexicon().honorifics, lexicon().longest)):
                start -= n
            mention = MentionRef(start, name.end, "name", _head_of(doc, name.extent_start, name.end), actor.id)
            actor.mentions.append(mention)
            for i in range(start, name.end):
                by_token[i] = mention
        actors.append(actor)
    org_names = {i: a.name for a in actors if a.kind == "organization" for m in a.mentions for i in range(m.start, m.end)}
    for actor, members in clusters:
        for name in sorted(members, key=lambda n: n.start):
            if actor.kind == "person":
                _attach_titles(doc, actor, name, org_names, by_token)
            # The titles in front of a name refer to its bearer: "Leader of ... Khamenei said".
            for i in range(name.extent_start, name.start):
                by_token.setdefault(i, next(m for m in actor.mentions if m.end == name.end and m.form == "name"))
    for actor in actors:
        actor.mentions.sort(key=lambda m: m.start)
    people_in = _people_by_sentence(doc, actors)
    for actor in actors:
        if actor.kind == "person" and actor.gender is None:
            actor.gender = _pronoun_gender(doc, actor, people_in, quotes) or first_name_gender(actor.name) \
                or _lone_first_name_gender(doc, actor.name)
    table = ActorTable(actors=actors, mentions=[], by_token=by_token)
    _resolve_references(doc, table, quotes)
    table.mentions = sorted((m for a in actors for m in a.mentions), key=lambda m: m.start)
    return table


# ---------------------------------------------------------------- references

def _nominal(doc: Doc, token: Token, table: ActorTable, resolved: list[MentionRef], quotes: QuoteIndex) -> MentionRef | None:
    """Resolve a definite role description ("the president") to an actor named before."""
    lex = lexicon()
    word = token.lemma_.lower()
    if _age_description(token):
        # "the 56-year-old said": a person by age, no title to match
        start = min(c.i for c in token.subtree)
        return _recent_subject(doc, token, start, table, resolved, quotes)
    if token.pos_ != "NOUN" or token.tag_ in ("NNS", "NNPS") or (word not in lex.role_nouns and word not in lex.female
                                                                  and word not in lex.male):
        return None
    dets = [c for c in token.children if c.dep_ == "det" and c.lower_ in ("the", "this", "that")]
    if not dets:
        return None
    start = min(c.i for c in token.children if c.i < token.i) if any(c.i < token.i for c in token.children) else token.i
    if word not in lex.role_nouns:  # "the former first lady": a person by sex, no title to match
        return _recent_subject(doc, token, start, table, resolved, quotes)
    modifiers = {fold(t.text) for t in doc[start:token.i] if t.pos_ in ("ADJ", "PROPN", "NOUN")}
    noun = fold(token.lemma_)
    best = None
    for actor in table.actors:
        if actor.kind != "person":
            continue
        earlier = [m.start for m in actor.mentions if m.end <= start]
        if not earlier or noun not in actor.title_words():
            continue
        score = (len(modifiers & (actor.title_words() | {fold(a) for a in actor.affiliations})), max(earlier))
        if best is None or score > best[0]:
            best = (score, actor)
    if best is None:
        return _salient_bearer(doc, token, start, table) or _recent_subject(doc, token, start, table, resolved, quotes)
    return MentionRef(start, token.i + 1, "nominal", token.i, best[1].id, 0.8)


def _age_description(token: Token) -> bool:
    """"the 56-year-old", as a noun phrase of its own (not "a 56-year-old man")."""
    doc = token.doc
    return token.lower_ == "old" and token.dep_ in SUBJECT_DEPS and token.i >= 2 \
        and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ in ("year", "years") \
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)


def _office_words(token: Token) -> frozenset[str]:
    """The names of the body a role description's "of" phrase gives its office: "the chairman of the
    Conservative Party" → {conservative, party}; none for "the senator"."""
    return frozenset(fold(t.text) for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of"
                     for t in prep.subtree if t.pos_ == "PROPN")


def _may_hold(actor: ActorBuild, office: frozenset[str]) -> bool:
    """Whether what the article says of a person (titles, affiliations) allows the office a
    description names: Keir Starmer of the Labour Party is not "the chairman of the Conservative Party"."""
    known = actor.title_words() | {fold(w) for a in actor.affiliations for w in a.split()}
    return office <= known


SALIENCE_LEAD = 2.0  # how many times the runner-up's name mentions the article's main person needs
SALIENCE_MIN = 3  # name mentions that make a person the article's main one


def _salient_bearer(doc: Doc, token: Token, start: int, table: ActorTable) -> MentionRef | None:
    """"The Democratic nominee", "the Vermont senator": a role description no title in the article
    ties to anyone goes to the article's main person, named before it, when the article's other
    people named before it are far less present, the gender agrees and no title of theirs says
    otherwise. Else nobody."""
    lex = lexicon()
    noun = fold(token.lemma_)
    gender = "female" if noun in lex.female else "male" if noun in lex.male else None
    counts = []
    for actor in table.actors:
        if actor.kind != "person" or not any(m.end <= start for m in actor.mentions):
            continue
        counts.append((sum(m.form == "name" for m in actor.mentions), actor))
    counts.sort(key=lambda c: -c[0])
    if not counts or counts[0][0] < SALIENCE_MIN or (len(counts) > 1 and counts[0][0] < SALIENCE_LEAD * counts[1][0]):
        return None
    actor = counts[0][1]
    roles = actor.title_words() & lex.role_nouns
    if (gender and actor.gender and gender != actor.gender) or (roles and noun not in roles) \
            or not _may_hold(actor, _office_words(token)):
        return None
    return MentionRef(start, token.i + 1, "nominal", token.i, actor.id, 0.6)


DESCRIPTION_WINDOW = 2  # sentences back the subject a description takes up may stand


def _recent_subject(doc: Doc, token: Token, start: int, table: ActorTable, resolved: list[MentionRef],
                    quotes: QuoteIndex) -> MentionRef | None:
    """"Trump, appearing after Clinton, … "We need change," the New York businessman said": a role
    description that is the subject of its clause takes up the person who was the subject of the
    same or one of the two sentences before, when that person is the only one so close, the
    gender agrees and none of the person's titles names another role. Else nobody."""
    if token.dep_ not in SUBJECT_DEPS:
        return None
    lex = lexicon()
    tokens = tokens_of(doc)
    noun = fold(token.lemma_)
    gender = "female" if noun in lex.female else "male" if noun in lex.male else None
    sent_index = sentence_index(doc)
    here = sent_index[token.i]
    outside = quotes.at(token.idx) is None
    office = _office_words(token)
    candidates: set[str] = set()
    for mention in resolved:
        if mention.end > start:
            break
        distance = here - sent_index[mention.start]
        if distance > DESCRIPTION_WINDOW or mention.actor is None or mention.form == "title" \
                or not any(t.dep_ in SUBJECT_DEPS for t in tokens[mention.start:mention.end]) \
                or (outside and quotes.at(tokens[mention.start].idx) is not None):
            continue
        actor = table.actor(mention.actor)
        if actor is None or actor.kind != "person" or (gender and actor.gender and gender != actor.gender):
            continue
        roles = actor.title_words() & lex.role_nouns
        if roles and noun in lex.role_nouns and noun not in roles or not _may_hold(actor, office):
            continue
        candidates.add(actor.id)
    if len(candidates) != 1:
        return None  # nobody, or two people the description could take up: abstain
    return MentionRef(start, token.i + 1, "nominal", token.i, candidates.pop(), 0.6)


def _organization_description(doc: Doc, token: Token, table: ActorTable) -> MentionRef | None:
    """"The appeals court" after "the U.S. Court of Appeals", "the poll" after "the Reuters/Ipsos
    poll": a definite description whose noun (and noun modifiers) one earlier organisation's name
    holds, or whose noun that name modified. Two candidates: nobody."""
    if token.pos_ != "NOUN" or token.tag_ in ("NNS", "NNPS") or not any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children):
        return None  # the cheap tests first: this runs for every noun
    nouns = {fold(token.text), fold(token.lemma_)}
    if not nouns & _organization_nouns(doc, table):
        return None
    lex = lexicon()
    if token.lemma_.lower() in lex.role_nouns | lex.female | lex.male or is_person_noun(token):
        return None  # "the man" after "Chiefland man": a person, never the town or body that named him
    start = min([c.i for c in token.children if c.i < token.i] + [token.i])
    tokens = tokens_of(doc)
    if any(i in table.by_token for i in range(start, token.i)):
        return None  # "the USC Dornsife/Los Angeles Times poll" names its own sponsor
    modifiers = {fold(t.text) for t in doc[start:token.i] if t.pos_ in ("NOUN", "PROPN")}
    found = set()
    for actor in table.actors:
        earlier = [m for m in actor.mentions if m.end <= start and m.form == "name"]
        if actor.kind != "organization" or not earlier:
            continue
        words = {fold(w) for w in actor.name.replace("/", " ").split()}
        if nouns & words and modifiers <= words and len(words) > len(modifiers) + 1:  # "State" is no evidence
            found.add(actor.id)
        elif any(tokens[m.head].dep_ in ("compound", "poss", "nmod") and fold(tokens[m.head].head.lemma_) in nouns
                 and tokens[m.head].head.i < start for m in earlier):
            found.add(actor.id)
    if len(found) != 1:
        return None
    return MentionRef(start, token.i + 1, "nominal", token.i, found.pop(), 0.8)


def _organization_nouns(doc: Doc, table: ActorTable) -> frozenset[str]:
    """Every word that could refer back to an organisation of ``table``: the words of its names and
    the nouns its names modify. Worked out once per Doc (references add no organisations)."""
    words = doc.user_data.get("dateline_organization_nouns")
    if words is None:
        found = set()
        for actor in table.actors:
            if actor.kind == "organization":
                found |= {fold(w) for w in actor.name.replace("/", " ").split()}
                found |= {fold(doc[m.head].head.lemma_) for m in actor.mentions if m.form == "name"}
        words = doc.user_data["dateline_organization_nouns"] = frozenset(found)
    return words


def is_person_noun(token: Token) -> bool:
    """A common noun for one person by role ("nominee", "senator", "lady"): its modifiers name
    whom the person belongs to, not the person."""
    if token.pos_ != "NOUN":
        return False
    lex = lexicon()
    word = token.lemma_.lower()
    return word in lex.role_nouns or (word,) in lex.person_words


def _agrees(actor: ActorBuild, pronoun: str) -> bool:
    if actor.kind != "person":
        return False
    if pronoun in MALE_PRONOUNS:
        return actor.gender != "female"
    return actor.gender != "male"


def _pronoun(doc: Doc, token: Token, table: ActorTable, resolved: list[MentionRef], quotes: QuoteIndex) -> MentionRef | None:
    word = token.lower_
    tokens = tokens_of(doc)
    if word not in PERSONAL_PRONOUNS:
        return None
    sent_index = _narrative_index(doc, quotes)
    here = sent_index[token.i]
    inside = quotes.at(token.idx)
    scores: dict[str, float] = {}
    # Sentence numbers grow with position: the mentions in reach begin at the first within the window.
    first = bisect_left(resolved, here - PRONOUN_WINDOW, key=lambda m: sent_index[m.start])
    for mention in itertools.islice(resolved, first, None):
        if mention.start >= token.i:
            break
        if mention.actor is None or mention.form == "title":
            continue
        distance = here - sent_index[mention.start]
        if distance > PRONOUN_WINDOW:
            continue
        if inside is None and quotes.at(tokens[mention.start].idx) is not None:
            continue
        actor = table.actor(mention.actor)
        if actor is None or not _agrees(actor, word):
            continue
        head = argument = tokens[mention.head]
        while argument.dep_ == "conj" and argument.head.i != argument.i:
            argument = argument.head  # "Lambe and Evans convinced him": each of the subjects
        if distance == 0 and argument.head.i == token.head.i and argument.dep_ != token.dep_ \
                and token.dep_ in ("dobj", "pobj"):
            continue  # "he met him": co-arguments are not the same person
        score = 100 - 30 * distance + (20 if head.dep_ in SUBJECT_DEPS else 0) - (token.i - mention.start) / 1000
        scores[actor.id] = max(scores.get(actor.id, -1e9), score)
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    margin = ranked[0][1] - ranked[1][1] if len(ranked) > 1 else 100
    confidence = 0.9 if margin >= PRONOUN_MARGIN else 0.4
    if _unnamed_rival(doc, token, table, sent_index, quotes) >= ranked[0][1]:
        confidence = 0.4  # "A New York man pleaded guilty to charges he threatened Omar": not Omar
    return MentionRef(token.i, token.i + 1, "pronoun", token.i, ranked[0][0], confidence)


RIVAL_REACH = 120  # tokens back an unnamed person is looked for


def _unnamed_rival(doc: Doc, pronoun: Token, table: ActorTable, sent_index: list[int], quotes: QuoteIndex) -> float:
    """The score, on the pronoun's scale, of the nearest person the text brings in as a subject without
    a name ("a New York man pleaded …", "an officer said …") that the pronoun could stand for; -inf when there is none. A named
    person who scores no better is no safe reading."""
    lex = lexicon()
    word = pronoun.lower_
    here = sent_index[pronoun.i]
    inside = quotes.at(pronoun.idx)
    best = float("-inf")
    for token in reversed(tokens_of(doc)[max(0, pronoun.i - RIVAL_REACH):pronoun.i]):
        distance = here - sent_index[token.i]
        if distance > PRONOUN_WINDOW:
            break
        lemma = token.lemma_.lower()
        # (someone new to the story: "a man", "an officer"; "the president" is mostly a named one again)
        if token.tag_ != "NN" or token.i in table.by_token or not (
                lemma in lex.agent_nouns or lemma in lex.female or lemma in lex.male) \
                or token.dep_ not in SUBJECT_DEPS \
                or not any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in token.children):
            continue
        if (word in MALE_PRONOUNS and lemma in lex.female) or (word in FEMALE_PRONOUNS and lemma in lex.male) \
                or (inside is None and quotes.at(token.idx) is not None):
            continue
        best = max(best, 120 - 30 * distance)  # a subject's score
    return best


def _narrative_index(doc: Doc, quotes: QuoteIndex) -> list[int]:
    """For every token, how many sentences with words outside quotation marks begin up to its own:
    the distance a pronoun reaches back is counted in the writer's sentences, so that a quote
    running over several sentences ('"… . … . …," she continued') keeps its speaker in reach."""
    index = doc.user_data.get("dateline_narrative_index")
    if index is None:
        index, count = [], 0
        for sent in _sentences(doc):
            if any(not (t.is_punct or t.is_space) and quotes.at(t.idx) is None for t in sent):
                count += 1
            index.extend([count] * (sent.end - sent.start))
        doc.user_data["dateline_narrative_index"] = index
    return index


def text_of(doc: Doc) -> str:
    """``doc.text`` once per Doc: spaCy rebuilds the string from every token on each access.
    The pipeline seeds it with the article text the Doc was made from."""
    text = doc.user_data.get("dateline_text")
    if text is None:
        text = doc.user_data["dateline_text"] = doc.text
    return text


def tokens_of(doc: Doc) -> list[Token]:
    """The Doc's tokens, made once: spaCy builds a new Token object on every ``doc[i]`` and iteration."""
    tokens = doc.user_data.get("dateline_tokens")
    if tokens is None:
        tokens = doc.user_data["dateline_tokens"] = list(doc)
    return tokens


def ents_of(doc: Doc) -> tuple[Span, ...]:
    """The Doc's entities, made once: spaCy builds new Spans on every ``doc.ents``."""
    ents = doc.user_data.get("dateline_ents")
    if ents is None:
        ents = doc.user_data["dateline_ents"] = tuple(doc.ents)
    return ents


def lowers_of(doc: Doc) -> list[str]:
    """Lower-cased token texts, computed once per Doc."""
    lowers = doc.user_data.get("dateline_lowers")
    if lowers is None:
        lowers = doc.user_data["dateline_lowers"] = [t.lower_ for t in tokens_of(doc)]
    return lowers


def title_cased(sentence: Span) -> bool:
    """A headline's capitals ("Court Convicts Friend of Boston Bombing Suspect") say nothing of names."""
    words = [t for t in sentence if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[:1].isupper() for t in words) >= 0.8 * len(words)


def sentence_of(token: Token) -> Span:
    """``token.sent`` in constant time: spaCy's own property walks the Doc on every call."""
    doc = token.doc
    return _sentences(doc)[sentence_index(doc)[token.i]]


def _sentences(doc: Doc) -> list[Span]:
    sentences = doc.user_data.get("dateline_sentences")
    if sentences is None:
        sentences = doc.user_data["dateline_sentences"] = list(doc.sents)
    return sentences


def sentence_index(doc: Doc) -> list[int]:
    """Sentence number of every token, computed once per Doc."""
    if not doc.user_data.get("dateline_sent_index"):
        index = [0] * len(doc)
        for number, sent in enumerate(_sentences(doc)):
            index[sent.start:sent.end] = [number] * (sent.end - sent.start)
        doc.user_data["dateline_sent_index"] = index
    return doc.user_data["dateline_sent_index"]


def _resolve_references(doc: Doc, table: ActorTable, quotes: QuoteIndex) -> None:
    resolved = sorted((m for a in table.actors for m in a.mentions), key=lambda m: m.start)
    for token in tokens_of(doc):
        if token.i in table.by_token:
            continue
        noun = token.pos_ == "NOUN" or _age_description(token)
        if not noun and token.lower_ not in PERSONAL_PRONOUNS:
            continue  # only nouns and pronouns refer back
        mention = noun and (_nominal(doc, token, table, resolved, quotes) or _organization_description(doc, token, table)) \
            or _pronoun(doc, token, table, resolved, quotes)
        if mention is None:
            continue
        actor = table.actor(mention.actor)
        if mention.form == "pronoun" and mention.confidence < 0.5:
            table.by_token[token.i] = MentionRef(token.i, token.i + 1, "pronoun", token.i, None, mention.confidence)
            continue
        actor.mentions.append(mention)
        if actor.gender is None and mention.form == "pronoun" and quotes.at(token.idx) is None:
            # not from a quoted pronoun: inside a quote "he" is rarely the one quoted
            actor.gender = "male" if token.lower_ in MALE_PRONOUNS else "female"
        for i in range(mention.start, mention.end):
            table.by_token.setdefault(i, mention)
        insort(resolved, mention, key=lambda m: m.start)
