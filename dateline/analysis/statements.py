"""Statements: who said what — direct, indirect and mixed quotations.

Direct quotes are found from quotation marks and attributed to the nearest
speech cue around them; indirect speech from cue verbs (``data/cues.yaml``) and
the dependent that carries the content. Speakers come from the cue's subject
through the actor table, so "he" and "the president" name the actor they refer
to, and a speaker that cannot be resolved with confidence stays a mention only.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from .. import data
from .actors import (SUBJECT_DEPS, ActorTable, is_name_like, is_person_noun, lexicon, sentence_index, sentence_of,
                     text_of, title_cased, tokens_of)
from .quotes import Quote, QuoteIndex
from .senses import violent
from .learned_cues import learned_cue_heads

MIN_QUOTE_WORDS = 4  # shorter quoted fragments are scare quotes or parts of mixed quotes
CUE_AFTER_WINDOW = 24  # tokens after a closing mark searched for "he said" (titles, party labels)
_DASH_AFTER = re.compile(r"[^\S\n]*([—―–]|--?)[^\S\n]*(?=[A-Z])")  # spaces of any kind, no line break
CUE_BEFORE_WINDOW = 5  # tokens between a cue and the opening mark it introduces
MAX_SPEAKER_TOKENS = 40  # PolNeAR-style sources run to a long apposition: "X, an economist who served as …"
MAX_CONTINUATION_GAP = 200  # characters of cue clause between a quote and its continuation
PULL_QUOTE_MIN_WORDS = 4  # a shorter repeat ("yes", "thank you") may well be said twice
MAX_ASIDE = 80  # characters between a cue and the second half of the quote it splits
FLOATING_QUOTE_SENTENCES = 3  # how far back a floating quote looks for the speaker in focus
CONFIDENT = 0.5
_TRAILING = ",.;:!? \n\t—–-"
_QUOTE_CHARS = "\"“”„«»"
SENTIENT_PRONOUNS = {"he", "she", "they", "we", "i", "you", "who"}
WRITER_READER_PRONOUNS = frozenset({"i", "me", "my", "we", "us", "our", "you", "your"})
# What a cue from the learned tagger may attribute, since no lexicon entry says: a clause, an
# object or an infinitive for a verb; a "that" clause or the usual prepositions for a noun.
LEARNED_VERB_FRAMES = frozenset({"ccomp", "dobj", "xcomp"})
SAYING_FRAMES = frozenset({"ccomp", "quote"})  # a verb that can carry a clause or a quotation says something
LEARNED_NOUN_FRAMES = frozenset({"that", "to", "of", "on", "about", "for", "over"})


@cache
def cue_lexicon() -> dict[str, frozenset[str]]:
    return {lemma: frozenset(kinds) for lemma, kinds in data.load("cues")["verbs"].items()}


@dataclass
class StatementBuild:
    kind: str
    content: tuple[int, int]  # character offsets
    cue: tuple[int, int] | None
    cue_token: int | None
    speaker: str | None
    speaker_mention: tuple[int, int] | None
    confidence: float
    parts: list[tuple[int, int]] = field(default_factory=list)
    addressee: str | None = None
    date: str | None = None
    date_basis: str | None = None
    event: int | None = None  # index into the events list, set when linked
    act: str = "speech"  # or "intention": what someone means to do or decided, not words (see ``intention``)

    def spans(self) -> list[tuple[int, int]]:
        """The character spans of what is reported: its parts, or the content whole."""
        return self.parts or [self.content]


def verbal(token: Token) -> bool:
    """A verb, or one the tagger took for a plural noun ("Trump claims that …", "the campaign
    plans to …"): a noun with a subject before it and a clause or an object after it."""
    if token.pos_ in ("VERB", "AUX"):
        return True
    return token.pos_ == "NOUN" and any(c.dep_ == "nsubj" and c.i < token.i for c in token.children) and \
        any(c.dep_ in ("ccomp", "xcomp", "dobj") and c.i > token.i for c in token.children)


def is_cue(token: Token, kinds: set[str] | None = None) -> bool:
    entry = cue_lexicon().get(token.lemma_.lower())
    if entry is None and _said_with_it(token):
        entry = _WITH_IT_KINDS
    return entry is not None and (kinds is None or bool(entry & kinds)) and verbal(token) and not inside_a_name(token)


def inside_a_name(token: Token, labels: frozenset[str] | None = None) -> bool:
    """"the Pyu Saw Htee members burned …": a capitalised word within a name the NER read whole (of
    one of ``labels``, by default those of people and bodies) is part of the name, whatever the
    parser made of it."""
    return token.ent_iob_ == "I" and token.ent_type_ in (labels or NAME_TYPES) and token.text[:1].isupper()


_WITH_IT_KINDS = frozenset({"quote", "ccomp"})


@cache
def _with_it() -> frozenset[str]:
    return frozenset(data.load("cues")["with_it"])


def _said_with_it(token: Token) -> bool:
    """"As the memo put it": a verb that reports only with "it" as its object."""
    return token.lemma_.lower() in _with_it() and any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)


RELATIVE_WORDS = frozenset({"that", "which", "who", "whom"})
NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def subject_of(verb: Token, speech: bool = True) -> Token | None:
    """The subject of ``verb``, inherited through participles and conjunctions.

    For a speech verb (``speech``) also through a gerund after a preposition ("by saying"), an
    infinitive of purpose ("went on to discuss") and a name the parser buried before the verb;
    for other events these reach the wrong participant too often ("ordered him to appear for
    questioning": the judge does not appear).
    """
    for climbed in range(4):
        children = list(verb.children)
        subjects = [c for c in children if c.dep_ in SUBJECT_DEPS]
        if len(subjects) > 1:
            # Two subjects is a misparse: a name or a pronoun is it before a common noun, a relative
            # word last ("the reasons that Trump refuses …", "THE BORROWING Back when …, Mr. McKinley
            # said"); else the first ("Members of the X, a body linked to Y, investigated")
            subjects.sort(key=lambda c: (c.lower_ in RELATIVE_WORDS, not (c.pos_ in ("PROPN", "PRON") or c.ent_type_ in NAME_TYPES)))
            children = subjects + [c for c in children if c.dep_ not in SUBJECT_DEPS]
        for child in children:
            # a climb reaches the clause whose surface subject the participle shares, passive or not:
            # "After saying …, she was whisked off"
            if child.dep_ in SUBJECT_DEPS and (child.dep_ != "nsubjpass" or climbed) \
                    and not child.is_punct and not (speech and _is_date(child)):  # a dash, a day taken for one
                return child
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        if not speech and not climbed and any(c.dep_ == "nsubjpass" for c in children):
            return None  # "… was killed and 3 were wounded": a passive's doer is never the clause's subject
        if speech and (buried := _name_just_before(verb)) is not None:
            return buried
        if speech and verb.dep_ == "acl" and verb.tag_ == "VBN" \
                and sum(c.dep_ in ("dobj", "oprd") for c in children) >= 2:
            # "A lawmaker called Trump “the orange prince …”", parsed as a lawmaker named Trump: an
            # object and its predicate make the participle the noun's own deed
            return verb.head
        if speech and verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ in ("prep", "conj"):
            # "ended the call by saying …", "refuses to discuss them, aside from saying …": the speaker
            # of the verb the gerund's phrase hangs from
            above = verb.head
            for _ in range(3):
                if above.pos_ in ("VERB", "AUX") or above.dep_ not in ("prep", "advmod", "conj") or above.head.i == above.i:
                    break
                above = above.head
            if above.pos_ in ("VERB", "AUX"):
                verb = above
                continue
        if speech and verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and is_cue(verb) and is_cue(verb.head.head):
            verb = verb.head.head  # "said it was opposed and warned …", parsed as if "it" warned
            continue
        if not speech and verb.dep_ == "conj" and verb.tag_ == "VBN" \
                and any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.head.children):
            return None  # "were captured and detained by …": the shared subject is both passives' patient
        if speech and verb.dep_ == "dep" and verb.head.i < verb.i and verb.head.tag_ in ("VBD", "VBN") \
                and any(c.dep_ == "nsubj" and c.i < verb.head.i for c in verb.head.children):
            verb = verb.head  # "Clinton, exasperated, famously responded:", the participle parsed as the verb
            continue
        infinitive_of_purpose = speech and verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        # "Protesters marching through the streets chanted …", parsed with the participle as main verb
        under_participle = verb.dep_ in ("advcl", "dep") and verb.head.dep_ == "ROOT" and verb.head.tag_ == "VBG"
        # (a copula by its complement too: the lemmatiser leaves a curly "’s" unread)
        if verb.dep_ == "xcomp" and (verb.head.lemma_ == "be" or any(c.dep_ in ("acomp", "attr") for c in verb.head.children)) \
                and any(c.dep_ in SUBJECT_DEPS and c.lower_ == "it" for c in verb.head.children):
            return None  # "it's fair to assume", "it is worth noting": an empty "it", nobody's view
        if not speech and verb.dep_ == "xcomp" and verb.head.lemma_.lower() not in SUBJECT_CONTROL_VERBS and (
                controller := next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i
                                    and _someone(c)), None)):
            # "convinced him to hand over his cheque": he hands it over, not who convinced him
            # ("used grenades to attack": who used them)
            return controller
        if (verb.dep_ in ("advcl", "xcomp", "conj", "acl", "acomp") or under_participle) and verb.head.i != verb.i and \
                (verb.dep_ in ("conj", "xcomp", "acomp") or verb.tag_ == "VBG" or infinitive_of_purpose or under_participle):
            # "He said A, adding B": the speaker of a participle is that of the cue it hangs from.
            cues_above = [a for a in verb.ancestors if is_cue(a, {"ccomp", "quote"}) and _subject_of_own(a) is not None]
            cue_above = cues_above[-1] if cues_above else None
            verb = cue_above if verb.tag_ == "VBG" and cue_above is not None else verb.head
            continue
        return None
    return None


def _someone(token: Token) -> bool:
    """Whether a noun phrase is someone who can act: a person's or a body's name, a personal pronoun,
    a word for people."""
    lex = lexicon()
    return token.ent_type_ in ("PERSON", "ORG", "NORP") or token.lower_ in ("him", "her", "them", "us", "me", "you") \
        or bool({token.lemma_.lower(), token.lower_} & (lex.agent_nouns | lex.role_nouns | lex.female | lex.male))


# Verbs whose infinitive their subject does, though they take an object: "promised him to come".
SUBJECT_CONTROL_VERBS = frozenset({"promise", "vow", "pledge", "threaten"})


def _is_date(token: Token) -> bool:
    """"Tuesday on WTMJ … Ryan said": a day the parser made the subject speaks for nobody."""
    return token.ent_type_ in ("DATE", "TIME") and token.lower_ in _CALENDAR_WORDS


# Days, months and spans of time, in the singular: "Fridays for Future activists" are people.
_CALENDAR_WORDS = frozenset([n.lower() for n in (*calendar.day_name, *calendar.month_name) if n] + [
    "today", "yesterday", "tonight", "day", "week", "weekend", "month", "year", "morning", "evening", "night"])


def _entity_bounds(token: Token) -> tuple[int, int]:
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def _name_just_before(verb: Token) -> Token | None:
    """"In a meeting with the Post Trump said …": the parser buried the name in the phrase before
    the verb; a capitalised name right before a subjectless verb is its subject."""
    if verb.i == 0 or any((c.dep_ in SUBJECT_DEPS or c.dep_ in ("nsubjpass", "expl")) and not _is_date(c)
                          for c in verb.children):
        return None
    doc, at = verb.doc, verb.i - 1
    if doc[at].text == "," and at > 0 and doc[at - 1].text == ")" and verb.tag_ != "VBG":
        # "Gov. John Kasich (R-OH), said" (but "…Miss Universe, saying": the participle's own subject;
        # "… in Shendi (Shendi locality), denouncing": the clause's, not the bracketed place's)
        at -= 1
    if doc[at].text == ")":  # past the party and state after a lawmaker's name: "Paul Ryan (R-WI) said"
        opener = next((i for i in range(at - 1, max(at - 8, 0), -1) if doc[i].text == "("), None)
        if opener is None:
            return None
        at = opener - 1
    before = doc[at]
    if before.dep_ == "pobj" and before.head.head.pos_ in ("VERB", "AUX") and _subject_of_own(before.head.head) is not None:
        return None  # "Swift posted on Twitter accusing …": the clause's subject, not the place it posted
    if verb.tag_ == "VBG" and before.dep_ == "dobj" and before.head.lemma_.lower() not in SHOWING_VERBS:
        # "fans broke Investopedia trying to figure out …": the object of the verb before (but "the ad
        # shows Clinton asking …" is Clinton's)
        return None
    if before.pos_ == "PROPN" and before.ent_type_ in ("PERSON", "ORG", "") and before.is_title and \
            sentence_index(verb.doc)[before.i] == sentence_index(verb.doc)[verb.i]:
        return before
    return None


def speaker_of(subject: Token, table: ActorTable) -> tuple[str | None, tuple[int, int], float]:
    """Actor id, token span of the speaker mention, and confidence."""
    doc = subject.doc
    clause_end = len(doc)
    if subject.lower_ in ("who", "which") and subject.head.dep_ == "relcl" and subject.head.head.i < subject.i:
        # "Trump, who said …": the mention is "who", the speaker whom it stands for
        antecedent = table.mention_at(subject.head.head)
        at = (subject.i, subject.i + 1)
        if antecedent is None or antecedent.actor is None or antecedent.confidence < CONFIDENT:
            return None, at, 0.5
        return antecedent.actor, at, antecedent.confidence
    if subject.lower_ == "that" and subject.head.dep_ == "relcl" and subject.head.head.i < subject.i:
        clause_end = subject.head.left_edge.i
        subject = subject.head.head  # "the rules that promise …": the rules promise
    elif subject.dep_ in SUBJECT_DEPS and subject.i < subject.head.i:
        clause_end = subject.head.i  # a subject ends before its verb, whatever the parser hangs on it
    # "A lawmaker called Trump “…”", parsed as a lawmaker named Trump: the words the speech verb
    # hangs on the speaker are what was said, not who said it
    # ("The program, called EB-5," set off by commas only names it)
    clause_end = min([clause_end] + [c.left_edge.i for c in subject.children
                                     if c.dep_ == "acl" and c.i > subject.i and is_cue(c)
                                     and subject.doc[c.left_edge.i - 1].text != ","])
    mention = table.mention_at(subject)
    if mention is not None and mention.form == "nominal":
        # "The company that runs the AMAs, Dick Clark Productions, denies": the name in apposition
        # says who, not a guess at which company "the company" was before
        # (the parser may hang it on the relative clause's last noun: the apposition closing the subject counts)
        named = next((m for c in subject.subtree if c.dep_ == "appos" and c.i < clause_end
                      and (c.head.i == subject.i or c.right_edge.i + 2 >= clause_end)
                      and (m := table.mention_at(c)) is not None and m.actor and m.form == "name"), None)
        mention = named or mention
    if mention is None and (subject.pos_ == "PROPN" and subject.text[:1].isupper() or _capitalised_word(subject)
                            and subject.pos_ in ("ADV", "X", "NOUN")):
        # A name in a speaker's place that the NER missed: "― Ana Ruiz", "said Ruiz".
        names = [t for t in subject.subtree if t.pos_ == "PROPN" and t.dep_ in ("compound", "flat") or t == subject]
        if names and names[-1].i - names[0].i + 1 == len(names) and is_name_like(doc, names[0].i, names[-1].i + 1):
            mention = table.add_name(doc, names[0].i, names[-1].i + 1)
    if mention is None:
        # The head may be a role noun whose name sits in apposition or a compound; a possessor
        # names someone else ("Scott's niece, Marcia Price").
        # (at any depth: "some of Trump's defenders" are not Trump; a group is never its leader)
        # (a possessor the parser calls a modifier marked by "'s" too: "Lawyers for Epstein's victims")
        owned = {t.i for c in subject.subtree if c.head.pos_ in ("NOUN", "PRON", "NUM", "ADJ") and (
                 c.dep_ == "poss" or any(g.dep_ == "case" and g.lower_ in ("'s", "’s") for g in c.children))
                 for t in c.subtree}
        owned |= _parenthesised(subject)  # "(D-Newport News)": a party and a home town, not the speaker
        owned |= _described_by_clause(subject)
        # "sources in the Rukban camp", "officials inside Idlib": where they are is not who they are
        # (where a report is, is: "a report in the Argus Leader")
        if subject.lower_ not in _document_sources():
            owned |= {t.i for c in subject.subtree if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPOSITIONS
                      and c.head.pos_ == "NOUN" for t in c.subtree}
        person = is_person_noun(subject)
        # Nearest the head first: "a study by Loyola Law School professor Justin Levitt" is Levitt's,
        # the school only modifies him.
        for token in sorted(subject.subtree, key=lambda t: (_depth_below(t, subject), t.i)):
            if token.i < clause_end and token.i not in owned and (m := table.mention_at(token)) and m.actor \
                    and m.form in ("name", "title"):
                if person and table.actor(m.actor).kind != "person" and not _in_apposition(token, subject):
                    continue  # "the GOP nominee", "a U.S. senator": the party or country does not speak
                if subject.pos_ == "NOUN" and token.head.i == subject.i and token.dep_ in ("compound", "nmod", "amod") \
                        and not m.start <= subject.i < m.end and not _in_apposition(token, subject):
                    # "the Trump administration", "Clinton supporters": the name owns who speaks; a body
                    # it names ("the Bush administration") is an organisation of its own
                    if subject.lemma_.lower() in lexicon().org_nouns:
                        mention = table.add_nominal(subject)
                        break
                    continue
                mention = m
                break
    start, end = max(subject.left_edge.i, sentence_of(subject).start), min(subject.right_edge.i, sentence_of(subject).end - 1, clause_end - 1) + 1
    if subject.ent_iob_ in ("B", "I") and subject.dep_ not in (*SUBJECT_DEPS, "poss") and subject.head.dep_ != "agent":
        # a name the parser buried in a phrase: only the name speaks, not the phrase around it
        start, end = (mention.start, mention.end) if mention is not None else _entity_bounds(subject)
    if end - start > MAX_SPEAKER_TOKENS:
        start, end = (mention.start, mention.end) if mention else (subject.i, subject.i + 1)
    while end - start > 1 and doc[start].dep_ in ("advmod", "cc", "preconj") and doc[start].head.i == subject.i:
        start += 1  # "Even China", "But the senator": the speaker is the noun phrase
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and not (
            doc[end - 1].text == ")" and any(t.text == "(" for t in doc[start:end])):  # keep "(D-Md.)"
        end -= 1
    if mention is None or mention.actor is None:
        return None, (start, end), 0.5
    if mention.confidence < CONFIDENT:
        return None, (start, end), mention.confidence
    return mention.actor, (start, end), mention.confidence


LOCATIVE_PREPOSITIONS = {"in", "inside", "near", "outside", "within", "across", "around"}


def _described_by_clause(head: Token) -> set[int]:
    """Indices of the names a clause describing the source holds, who are not the source: "officials
    who met Biden", "scientists using a telescope on Mauna Kea". A clause's agent is the source's
    author ("a statement released by the ministry"), unless the clause tells who got hold of it
    ("the statement, which was obtained by Variety", "a memo seen by Reuters")."""
    described: set[int] = set()
    for clause in (c for c in head.subtree if c.dep_ in ("relcl", "acl") and c.i != head.i):
        # and a document's: "a document Matthesen prepared for her lawyers" ("the man Biden met" is no one's)
        writers = ("agent", "nsubj") if clause.head.lemma_.lower() in _document_sources() else ("agent",)
        authors = set() if clause.lemma_.lower() in _receiving_verbs() else {
            t.i for c in clause.children if c.dep_ in writers for t in c.subtree}
        described |= {t.i for t in clause.subtree} - authors
    return described


def _parenthesised(head: Token) -> set[int]:
    """Indices of the tokens of ``head``'s phrase that stand inside parentheses."""
    inside, depth = set(), 0
    for token in head.subtree:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth = max(0, depth - 1)
        elif depth:
            inside.add(token.i)
    return inside


def _depth_below(token: Token, top: Token) -> int:
    """How many arcs ``token`` hangs below ``top``, its ancestor or itself."""
    depth = 0
    while token.i != top.i and token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


def _in_apposition(token: Token, head: Token) -> bool:
    """Whether ``token`` sits in an apposition (or a conjoined head) of ``head``: "the senator, Ana Ruiz"."""
    while token.i != head.i and token.head.i != token.i:
        if token.dep_ in ("appos", "conj") and token.pos_ == "PROPN":
            return True
        token = token.head
    return False


def char_offsets(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character span of tokens [start, end), trimmed of edge punctuation and space."""
    first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    return trim(text_of(doc), first, last)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \n\t,;:—–-":
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    # A quotation mark at an edge belongs to the content only if its partner is inside too.
    inner = text[start:end]
    if end > start and text[end - 1] in _QUOTE_CHARS and sum(inner.count(c) for c in _QUOTE_CHARS) % 2:
        end -= 1
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
    inner = text[start:end]
    if end > start and text[start] in _QUOTE_CHARS and sum(inner.count(c) for c in _QUOTE_CHARS) % 2:
        start += 1
    return start, end


def _generic_cue(token: Token, table: ActorTable) -> bool:
    """A verb outside the lexicon that still attributes: someone (not something) + a finite clause.

    "Ryan reckons that …", "she figures the race is close": a clause complement of a
    verb whose subject is a person, an organisation or a personal pronoun.
    """
    if token.pos_ != "VERB" or token.lemma_.lower() in _not_cues():
        return False
    # (a clause, not a question: "learned who had written the song" is knowing, not saying)
    # (nor a cue whose subject joins the verb's object: "has won a state and Cruz suggested …" is a
    # coordination the parser made a complement)
    clause = next((c for c in token.children if c.dep_ == "ccomp" and c.i > token.i
                   and any(g.dep_ in SUBJECT_DEPS for g in c.children)
                   and c.left_edge.lower_ not in QUESTION_WORDS
                   and not (c.lemma_.lower() in cue_lexicon() and _coordinated_subject(c))), None)
    return clause is not None and _sentient(_subject_of_own(token), table)


def _coordinated_subject(clause: Token) -> bool:
    """Whether a clause's subject is a coordination ("a state and Cruz")."""
    return any(g.dep_ in SUBJECT_DEPS and any(k.dep_ == "conj" for k in g.children) for g in clause.children)


def _sentient(subject: Token | None, table: ActorTable) -> bool:
    """A person, an organisation or a group (or a personal pronoun): someone who can say or hold."""
    if subject is None:
        return False
    if subject.lower_ in SENTIENT_PRONOUNS:
        return True
    actor = table.actor(table.actor_at(subject))
    return actor is not None and actor.kind in ("person", "organization", "group")


@cache
def _contact_verbs() -> frozenset[str]:
    return frozenset(data.load("cues")["contact_verbs"])


def _only_a_name(tokens: list[Token]) -> bool:
    """Whether the content is a name and nothing else ("the Richmond Police Department", "Trump")."""
    return all(t.ent_type_ in ("ORG", "PERSON", "GPE", "FAC", "NORP") or t.lower_ == "the" for t in tokens)


@cache
def _receiving_verbs() -> frozenset[str]:
    return frozenset(data.load("cues")["receiving_verbs"])


@cache
def _document_sources() -> frozenset[str]:
    return frozenset(data.load("cues")["document_sources"])


@cache
def _people_nouns() -> frozenset[str]:
    lex = lexicon()
    return frozenset(data.load("cues")["people_nouns"]) | lex.role_nouns | lex.org_nouns | lex.agent_nouns \
        | lex.partitive_nouns | lex.female | lex.male


PEOPLE_ENDINGS = ("ers", "ors", "ists", "ians", "ants", "ents", "ees", "ist", "ian")  # "voters", "analysts", "theorist"
DEMONSTRATIVES = {"this", "that", "these", "those"}


def a_thing(subject: Token, table: ActorTable) -> bool:
    """Whether a cue's subject is plainly a thing, which cannot say or hold what a noun phrase names
    ("a smartphone app supports …", "that promises 355 horsepower", "the order favoring …"); a
    name, a person, a group, a body or a document can ("the report cites three cases")."""
    if subject.lower_ in ("which", "that") and subject.head.dep_ == "relcl":
        subject = subject.head.head  # the relative word stands for the noun it follows
    if subject.lower_ in DEMONSTRATIVES and subject.pos_ == "PRON":
        return True
    if subject.pos_ != "NOUN" or table.actor_at(subject) is not None:
        return False
    if any(c.dep_ in ("compound", "amod", "nmod") and (c.pos_ == "PROPN" or c.ent_type_) for c in subject.children):
        return False  # "the APEC forum", "the UNITA militarist wing": a body a name qualifies
    lemma, word = subject.lemma_.lower(), subject.lower_
    return not ({lemma, word} & (_people_nouns() | _document_sources())) and not word.endswith(PEOPLE_ENDINGS)


def _noun_content(tokens: list[Token]) -> bool:
    """Whether what a cue attributes is a noun phrase (its object), not a clause or a quotation."""
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    return len(roots) == 1 and roots[0].dep_ in ("dobj", "pobj") and roots[0].pos_ in ("NOUN", "PROPN", "NUM", "PRON")


@cache
def _addressed() -> frozenset[str]:
    return frozenset(data.load("cues")["addressed"])


@cache
def _object_not_said() -> frozenset[str]:
    return frozenset(data.load("cues")["object_not_said"])


@cache
def _not_cues() -> frozenset[str]:
    return frozenset(data.load("cues")["not_cues"])


def _content_tokens(cue: Token, kinds: frozenset[str] | None = None) -> list[Token] | None:
    """The tokens that carry what ``cue`` attributes, or None."""
    kinds = kinds or cue_lexicon().get(cue.lemma_.lower(), _WITH_IT_KINDS)
    head = None
    # "reassured residents that …": the clause hangs from the addressee.
    for child in cue.children:
        if child.dep_ in ("dobj", "dative") and "ccomp" in kinds:
            head = next((g for g in child.children if g.dep_ in ("acl", "ccomp", "relcl") and g.i > child.i
                         and any(m.dep_ == "mark" and m.lower_ == "that" for m in g.children)), None)
    extra: list[Token] = []  # further right-hand dependents that belong to the content
    if head is None and "ccomp" in kinds:
        # "It's unlikely; her team says she'll go on": of two clauses, the one after the cue
        # (not a small clause of perception: "found a man bleeding", "found her buried in a basket")
        clauses = sorted((c for c in cue.children if c.dep_ == "ccomp" and not _small_clause(c)), key=lambda c: c.i < cue.i)
        # "Leaders denounce the test; Obama vows consequences": a semicolon ends the clause before
        clauses = [c for c in clauses if c.i > cue.i or not any(t.text == ";" for t in cue.doc[c.right_edge.i:cue.i])]
        if clauses and clauses[0].i < cue.i and any(c.dep_ in kinds & {"xcomp", "dobj"} and c.i > cue.i for c in cue.children):
            clauses = []  # "In his book, ''Make Your Kid a Millionaire,'' he suggested looking at …": what follows
        head = clauses[0] if clauses else None
        if head is not None and (noun := _object_of_relative(cue, head)) is not None:
            # "reported wait times that exceeded two hours", parsed as a clause: the object and its relative
            return list(cue.doc[noun.left_edge.i:head.right_edge.i + 1])
    if head is None and "ccomp" in kinds:
        # "Trump said he would not accept …" parsed as an adverbial clause: one with its own
        # subject and no subordinator ("if", "because") is the reported clause.
        head = next((c for c in cue.children if c.dep_ == "advcl" and c.i > cue.i
                     and any(g.dep_ in SUBJECT_DEPS for g in c.children)
                     and not any(g.dep_ == "mark" and g.lower_ != "that" for g in c.children)
                     # nor "when" ("said when she resigned …": when she spoke, not what she said)
                     and not any(g.dep_ == "advmod" and g.tag_ == "WRB" and g.i < c.i for g in c.children)), None)
    if head is None and "dobj" in kinds:
        # "condemned what he called a “brazen breach”": a free relative, parsed as a clause, is the object
        head = next((c for c in cue.children if c.i > cue.i and (
            c.dep_ == "dobj" or c.dep_ == "ccomp" and c.left_edge.lower_ in ("what", "whatever"))), None)
        if head is not None:
            # "blasted him for not paying", "called the plan a disaster", "urged them to vote"
            extra = [c for c in cue.children if c.i > head.i and (
                c.dep_ in ("oprd", "xcomp", "ccomp") or c.dep_ == "prep" and c.lower_ in ("for", "as", "over", "of", "to"))]
    if head is None and "oprd" in kinds:
        head = next((c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i
                     and any(o.dep_ == "oprd" for o in cue.children)), None)
        if head is not None:
            extra = [c for c in cue.children if c.dep_ == "oprd" and c.i > head.i]
    if head is None and "xcomp" in kinds:
        head = next((c for c in cue.children if c.dep_ == "xcomp" and c.i > cue.i), None)
    if head is None:
        # the parser takes "on" of "called on X to Y" for a particle as often as for a preposition
        for prep in (c for c in cue.children if c.dep_ in ("prep", "prt") and c.lower_ in kinds and c.i > cue.i):
            head = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
            if head is not None and prep.lower_ == "by" and head.pos_ == "VERB" and not is_cue(head) and any(
                    c.dep_ == "dobj" and (c.ent_type_ == "PERSON" or c.lower_ in PERSONAL_OBJECTS) for c in head.children):
                # "responded by hitting Rudolph": a deed done to someone, not words ("responded by
                # calling it …", "by using the example of Chicago")
                head = None
                continue
            if head is not None:
                extra = [c for c in cue.children if c.i > head.i and c.dep_ == "xcomp"]  # "called on X to Y"
                break
    if head is None and "ccomp" in kinds:
        # "Mook said as much", "she said so": words that stand for what was said before
        proform = next((c for c in cue.children if c.dep_ == "advmod" and c.i > cue.i and (
            c.lower_ == "so" or c.lower_ == "much" and c.i > 0 and cue.doc[c.i - 1].lower_ == "as")), None)
        if proform is not None:
            return list(cue.doc[proform.left_edge.i:proform.i + 1])
    if head is None and any(c.dep_ == "ccomp" and _small_clause(c) for c in cue.children):
        return None
    if head is None:
        return (_content_after_that(cue) or _content_rest_of_sentence(cue) or _fragment_before(cue)) if "ccomp" in kinds else None
    tokens = sorted({t for part in [head, *extra] for t in part.subtree}, key=lambda t: t.i)
    if cue.dep_ == "relcl":
        # "vehicles that analysts say will boost sales": the relative pronoun stands in the content's
        # subject's place, before the source; what was said is what follows the cue
        tokens = [t for t in tokens if t.i > cue.i]
        if not tokens:
            return None
    if head.pos_ in ("NOUN", "PROPN", "PRON"):
        # "endorsed Trump, who says he is honored": a relative clause set off by a comma at the
        # end adds the writer's words about the object, not the speaker's
        aside = next((c for c in head.children if c.dep_ == "relcl" and c.left_edge.i > 0 and c.right_edge.i == tokens[-1].i
                      and cue.doc[c.left_edge.i - 1].text == ","), None)
        if aside is not None:
            tokens = [t for t in tokens if t.i < aside.left_edge.i - 1]
    # A participial cue inside the content starts a statement of its own ("…, adding that …"), and a
    # cue coordinated without a subject is the speaker's next act ("said it was opposed and warned …").
    for token in tokens:
        own_subject = _subject_of_own(token)
        if token.i != head.i and is_cue(token) and (own_subject is None and (
                token.dep_ in ("advcl", "conj") and token.tag_ == "VBG" or token.dep_ == "conj" and token.tag_ in ("VBD", "VBZ"))
                # "She said A, and when pressed, the mother replied, “B”": a speaker of its own
                or own_subject is not None and token.dep_ == "conj" and is_cue(token, {"quote"}) and own_subject.pos_ != "PRON"):
            cut = next((c.i for c in token.head.children if c.dep_ == "cc" and c.i < token.i), token.left_edge.i)
            tokens = [t for t in tokens if t.i < cut]
            break
        if token.i != head.i and own_subject is None and token.dep_ == "pcomp" and token.tag_ == "VBG" \
                and is_cue(token) and token.head.dep_ == "prep" and token.head.head.dep_ == "advmod":
            # "refuses to discuss them, aside from saying …": the aside is a statement of its own
            tokens = [t for t in tokens if t.i < token.head.head.left_edge.i]
            break
    # A clause the small model hangs on the cue instead of the content ("said A, but B").
    last = tokens[-1].i if tokens else head.i
    for child in cue.children:
        if child.dep_ == "conj" and child.i > last and not is_cue(child) and \
                any(c.dep_ in SUBJECT_DEPS and c.pos_ != "PRON" for c in child.children):
            tokens += sorted(child.subtree, key=lambda t: t.i)
    return tokens or None


def _object_of_relative(cue: Token, clause: Token) -> Token | None:
    """The noun before ``clause`` that the clause relates to, when the parser made a relative clause
    ("times that exceeded two hours") a clause of the cue: its subject is a relative pronoun."""
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.tag_ not in ("WDT", "WP") or subject.i != clause.left_edge.i:
        return None
    return next((c for c in cue.children if c.dep_ in ("dobj", "npadvmod") and c.pos_ in ("NOUN", "PROPN")
                 and cue.i < c.i < clause.left_edge.i), None)


PERSONAL_OBJECTS = {"him", "her", "them", "us", "me", "you", "himself", "herself", "themselves"}
QUESTION_WORDS = {"if", "whether", "how", "what", "who", "why", "when", "where", "which"}
PERCEPTION_VERBS = {"find", "see", "watch", "hear", "notice", "spot", "catch", "discover", "feel"}
SHOWING_VERBS = PERCEPTION_VERBS | {"show", "depict", "feature", "picture", "capture", "film", "record", "quote"}


DASHES = {"—", "–", "--", "-"}
ASIDE_CONJUNCTIONS = {"and", "but", "yet"}


def _with_word_ends(tokens: list[Token]) -> list[Token]:
    """Content that ends inside a word ends with it: the parser may hang "n’t" of "don’t" outside the
    clause, and "those who do" is not what was said."""
    if not tokens:
        return tokens
    doc, last = tokens[0].doc, tokens[-1]
    extended = list(tokens)
    while last.text[-1:].isalnum() and not last.whitespace_ and last.i + 1 < len(doc) \
            and _word_piece(doc[last.i + 1].text):
        last = doc[last.i + 1]
        extended.append(last)
    return extended


def _word_piece(text: str) -> bool:
    """The rest of a word the tokenizer split: "n’t" of "don’t", "not" of "cannot" (not "’ll", the
    next clause's verb: "attacked you’ll")."""
    return text[:1].isalnum() or text.lower() in ("n’t", "n't")


def _without_writer_aside(tokens: list[Token]) -> list[Token]:
    """Reported words end where the writer's own comment begins behind a dash and a conjunction: "says
    his approach has created leverage — and in some cases, he is right"."""
    for n, token in enumerate(tokens[1:-2], start=1):
        if token.text in DASHES and token.whitespace_ and tokens[n + 1].lower_ in ASIDE_CONJUNCTIONS \
                and tokens[n + 2].lower_ != "that" \
                and any(t.dep_ in SUBJECT_DEPS for t in tokens[n + 2:]) and not any(t.is_quote for t in tokens[n:]):
            kept = tokens[:n]
            while kept and kept[-1].is_punct:
                kept.pop()
            return kept or tokens
    return tokens


def _small_clause(clause: Token) -> bool:
    """A participle with its own subject and no auxiliary or "that" after a verb of perception,
    whose subject is no document: what someone saw or found ("found a man bleeding"), not what
    anyone said ("the poll found Clinton leading" is the poll's finding)."""
    cue = clause.head
    subject = _subject_of_own(cue)
    if cue.lemma_.lower() not in PERCEPTION_VERBS or subject is not None and subject.lemma_.lower() in _document_sources():
        return False
    if clause.left_edge.lower_ in QUESTION_WORDS and clause.left_edge.i > cue.i:
        return True  # "to see if they make any difference", "see how things come apart": a look, no claim
    # a participle or a bare infinitive ("see him become the most expensive keeper")
    return clause.tag_ in ("VBG", "VBN", "VB") \
        and any(c.dep_ in SUBJECT_DEPS for c in clause.children) \
        and not any(c.dep_ in ("aux", "auxpass", "mark") for c in clause.children)


def _content_after_that(cue: Token) -> list[Token] | None:
    """Fallback for a parse that lost the clause: "said on Thursday that …" runs to the sentence end."""
    doc = cue.doc
    # "that" hanging from the cue, or marking a clause the small model hung from it ("tweeted … that X was")
    # or after an adjunct the model took the clause into ("reported at the time that X conveyed …",
    # parsed as a relative clause of "time")
    adjunct = {t.i for c in cue.children if c.dep_ in ("prep", "npadvmod") and c.i > cue.i for t in c.subtree}
    that = next((t for t in doc[cue.i + 1:cue.i + 8] if t.lower_ == "that" and (
        t.head.i == cue.i or t.dep_ == "mark" and t.head.head.i == cue.i and t.head.dep_ in ("advcl", "ccomp")
        or t.head.dep_ == "relcl" and all(b.i in adjunct for b in doc[cue.i + 1:t.i]))), None)
    if that is None:
        return None
    end = sentence_of(cue).end
    # The small model sometimes breaks a sentence in two; a lowercase start means it goes on.
    while end < len(doc) and doc[end].text[:1].islower():
        end = sentence_of(doc[end]).end
    tokens = _before_main_clause(cue, [t for t in doc[that.i:end] if not t.is_space])
    return tokens or None


def _before_main_clause(cue: Token, tokens: list[Token]) -> list[Token]:
    """A fallback content runs to the sentence end, but not into the sentence's own main clause
    ("While he acknowledged …, Ham also noted …"): that is somebody's statement, not this one's."""
    main = next(((t, subject) for t in tokens if t.dep_ == "ROOT" and t.i != cue.i and is_cue(t)
                 and (subject := _subject_of_own(t)) is not None), None)
    if main is None:
        return tokens
    start = min(main[0].i, main[1].left_edge.i)
    kept = [t for t in tokens if t.i < start]
    while kept and kept[-1].is_punct:
        kept.pop()
    return kept


def _content_rest_of_sentence(cue: Token) -> list[Token] | None:
    """Fallback for "X said many of the examples …" parsed without a clause: the rest of the sentence."""
    doc = cue.doc
    subject = _subject_of_own(cue)
    if subject is None or subject.i > cue.i or cue.i + 1 >= sentence_of(cue).end:
        return None
    first = doc[cue.i + 1]
    if first.pos_ not in ("DET", "NOUN", "PROPN", "PRON", "ADJ", "NUM") or first.ent_type_ in ("DATE", "TIME") \
            or first.dep_ in ("dobj", "dative", "npadvmod") and first.head.i == cue.i and cue.lemma_ != "say":
        return None
    if sentence_of(cue).start == 0 and title_cased(sentence_of(cue)):
        return None  # "Mary Steenburgen Wrote the Best Original Movie Song": a title-cased headline's parse is no clause
    if cue.lemma_.lower() in _object_not_said() and any(
            c.dep_ in ("dobj", "dative", "npadvmod") and c.i > cue.i and first.i in {t.i for t in c.subtree}
            for c in cue.children):
        return None  # "the Nasdaq added 20.72 points", "concluded its hearings": an object, not what was said
    if cue.lemma_.lower() != "say" and _object_only(cue, first):
        return None  # "he found a strange-looking cell", "she believes the waitress": a thing or a person, no clause
    # a relative clause's cue reports no further than its clause ("Assange, who denies the
    # accusation, has avoided extradition": the accusation only)
    end = cue.right_edge.i + 1 if cue.dep_ == "relcl" else sentence_of(cue).end
    tokens = _before_main_clause(cue, [t for t in doc[cue.i + 1:end] if not t.is_space])
    return tokens if len(tokens) >= 3 else None


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _object_only(cue: Token, first: Token) -> bool:
    """Whether the words after ``cue`` are its noun-phrase object and nothing with a verb of its own, an
    object that is no content: what someone found or saw ("found a cell"), or a person ("believes the
    waitress")."""
    obj = next((c for c in cue.children if c.dep_ in ("dobj", "dative") and c.i > cue.i
                and c.left_edge.i <= first.i <= c.right_edge.i), None)
    if obj is None:
        return False
    subject = _subject_of_own(cue)
    seen = cue.lemma_.lower() in PERCEPTION_VERBS and not (subject is not None and subject.lemma_.lower() in _document_sources())
    if any(c.dep_ == "prep" and c.lower_ == "as" for c in cue.children):
        return False  # "saw the comment as a dig": a view
    if not (seen or obj.tag_ == "PRP" or obj.ent_type_ == "PERSON"):
        return False  # "noted the clot's existence", "denied any involvement": a stance on a thing is held
    # a relative clause on the object describes it ("the waitress, who said …"), it is not what was held
    described = {t.i for c in obj.subtree if c.dep_ == "relcl" and c.left_edge.tag_ in ("WP", "WDT", "WP$")
                 for t in c.subtree}
    # nor is a clause of its own joined to the cue ("found a cell …, and it was studded with receptors")
    described |= {t.i for c in cue.children if c.dep_ == "conj" and _subject_of_own(c) is not None for t in c.subtree}
    rest = cue.doc[cue.i + 1:sentence_of(cue).end]
    return not any(t.tag_ in FINITE_TAGS and t.i not in described for t in rest)


def _fragment_before(cue: Token) -> list[Token] | None:
    """"People like Scott, he said.", "Not a chance, the mayor said.": words without a verb of their
    own, set before a speech cue and its subject; the parser hangs them on the cue loosely."""
    subject = _subject_of_own(cue)
    if subject is None or not subject.i < cue.i or not is_cue(cue, {"quote"}):
        return None
    sentence = sentence_of(cue)
    fragment = next((c for c in cue.children if c.dep_ in ("dep", "npadvmod", "intj") and c.left_edge.i == sentence.start
                     and c.right_edge.i + 1 < subject.left_edge.i and cue.doc[c.right_edge.i + 1].text == ","), None)
    if fragment is None:
        return None
    tokens = [t for t in cue.doc[fragment.left_edge.i:fragment.right_edge.i + 1] if not t.is_space]
    return tokens if len(tokens) >= 2 else None


def content_kind(doc: Doc, quotes: QuoteIndex, start: int, end: int) -> str:
    """Direct when [start, end) lies inside one quotation, else indirect or mixed."""
    enclosing = quotes.at(start)
    return "direct" if enclosing is not None and quotes.at(end - 1) is enclosing else reported_kind(doc, start, end)


def reported_kind(doc: Doc, start: int, end: int) -> str:
    """"mixed" when the reported words quote some of the speaker's own, else "indirect"."""
    return "mixed" if any(c in text_of(doc)[start:end] for c in _QUOTE_CHARS) else "indirect"


def _passive_object(verb: Token) -> list[Token] | None:
    """"The nominee has been endorsed by dozens of papers": with an agent, the passive subject is
    what is attributed (the agent is the source, found by ``subject_of``)."""
    if not any(c.dep_ == "agent" for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return sorted(subject.subtree, key=lambda t: t.i) if subject is not None else None


def _raised_report(verb: Token) -> tuple[list[Token], list[Token]] | None:
    """"Turnout is expected to rise", "he is said to have left": a passive report verb with no
    agent, its subject and the infinitive it raised; the two together are what is reported."""
    children = list(verb.children)
    subject = next((c for c in children if c.dep_ == "nsubjpass" and c.lower_ not in ("it", "there")), None)
    infinitive = next((c for c in children if c.dep_ == "xcomp" and c.i > verb.i
                       and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if subject is None or infinitive is None or any(c.dep_ == "agent" for c in children) \
            or not any(c.dep_ == "auxpass" for c in children) or subject.i > verb.i:
        return None
    about = sorted(subject.subtree, key=lambda t: t.i)
    if subject.lower_ in RELATIVE_WORDS and verb.dep_ == "relcl":
        # "the shooting, which is believed to have occurred about midnight": the noun the relative word stands for
        clause = {t.i for t in verb.subtree}
        about = [t for t in verb.head.subtree if t.i not in clause]
        about = [t for t in about if not (t.is_punct and t.i == about[-1].i)]
    return about, sorted(infinitive.subtree, key=lambda t: t.i)


def _reduced_raised_report(verb: Token) -> tuple[list[Token], list[Token]] | None:
    """"The winner, believed to be a millionaire, will remain a mystery": a report verb cut to its
    participle after a comma, with the infinitive it raised; the parser may take it for the verb of
    the noun before it, which is what the report is about, not its source."""
    doc, i = verb.doc, verb.i
    if verb.lemma_.lower() not in _raising_verbs() or verb.tag_ not in ("VBN", "VBD") or i < 2 \
            or doc[i - 1].text != "," or i + 2 >= len(doc) or doc[i + 1].lower_ != "to" \
            or doc[i + 2].lower_ not in ("be", "have") or any(c.dep_ in ("dobj", "agent") for c in verb.children):
        return None
    subject = verb.head if verb.dep_ == "acl" else next((c for c in verb.children if c.dep_ in SUBJECT_DEPS
                                                          and c.i < i), None)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return None
    about = [t for t in subject.subtree if t.i < i - 1 and not (t.is_punct and t.i == i - 2)]
    end = i + 3
    while end < len(doc) and doc[end].text not in (",", ";", ".") and not doc[end].is_sent_start:
        end += 1
    return about, list(doc[i + 1:end])


@cache
def _raising_verbs() -> frozenset[str]:
    return frozenset(data.load("cues")["raising_verbs"])


def _agentless_passive(verb: Token) -> bool:
    """"It was announced that …": passive, no agent, and no subject but an expletive ("they're
    convinced that …" has a holder; "he is expected to win" is about him, not by him)."""
    children = list(verb.children)
    return any(c.dep_ == "auxpass" for c in children) and not any(c.dep_ == "agent" for c in children) \
        and all(c.lower_ in ("it", "there") for c in children if c.dep_ in ("nsubjpass", "nsubj", "expl"))


def _subject_of_own(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)


def _quote_tokens(doc: Doc, quote: Quote) -> tuple[int, int]:
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    return span.start, span.end


def _cue_by_parse(doc: Doc, quote: Quote) -> Token | None:
    """The speech verb the quotation hangs from in the parse, if it sits outside the quote."""
    inner = doc.char_span(*quote.inner, alignment_mode="contract")
    if inner is None or not len(inner):
        return None
    sentences = sentence_index(doc)
    for token in tokens_of(doc)[inner.start:inner.end]:
        head = token.head
        if not (quote.start <= head.idx < quote.end) and sentences[head.i] == sentences[token.i] and is_cue(head, {"quote", "ccomp"}) \
                and token.dep_ in ("ccomp", "dobj", "parataxis", "xcomp"):
            complement_start = min(t.idx for t in token.subtree if not t.is_punct)
            if complement_start < quote.start and head.idx < quote.start:
                return None  # "stressed that the deal “must not …”": a mixed quote, left to indirect speech
            return head
    return None


def _narrator_before(cue: Token, quotes: QuoteIndex) -> Token | None:
    """'Mr. Trump hardly clarified it, treating it as a compliment -- ''That makes me smart'' -- and
    … asserting, ''…''': the parser hung the participle on the quoted clause, whose subject ("That")
    speaks for nobody outside it. The subject of the writer's own clause before the cue speaks,
    when it is a person's name or a personal pronoun."""
    sentence = sentence_of(cue)
    for token in reversed(tokens_of(cue.doc)[sentence.start:cue.i]):
        if token.dep_ == "nsubj" and quotes.at(token.idx) is None and quotes.at(token.head.idx) is None:
            return token if token.ent_type_ == "PERSON" or token.lower_ in ("he", "she") else None
    return None


def _nearer_speaking(doc: Doc, quote: Quote, cue: Token) -> Token | None:
    """"The spot concludes with footage of Trump saying, “…”": a verb of speaking between the cue the
    parse gives and the quotation says it."""
    start, _ = _quote_tokens(doc, quote)
    if cue.i >= start:
        return None
    return next((t for t in reversed(doc[max(cue.i + 1, start - 2 * CUE_BEFORE_WINDOW):start])
                 if t.pos_ == "VERB" and is_cue(t, {"quote"}) and not _reported_by(t, cue)), None)


def _reported_by(token: Token, cue: Token) -> bool:
    """Whether ``token`` lies in the clause ``cue`` reports ("Lynch said [she recalled …]")."""
    while token.i != cue.i and token.head.i != token.i:
        if token.dep_ == "ccomp" and token.head.i == cue.i:
            return True
        token = token.head
    return False


def _inverted_subject(cue: Token, quote: Quote) -> Token | None:
    """"…,” said Leslie Wimes / Said Ellis: “…”: the speaker named right after the cue; never after a
    telling verb, whose object is who was told ("…,” Ramos, 58, told AFP")."""
    if cue.lemma_.lower() in _addressed():
        return None
    for token in cue.doc[cue.i + 1:cue.i + 6]:
        if quote.start <= token.idx < quote.end or token.is_punct and token.text not in (".",):
            return None
        if token.ent_type_ in ("DATE", "TIME"):
            continue  # "said Monday"
        if token.dep_ in ("amod", "compound", "det", "nummod") and cue.i < token.head.i < cue.i + 8:
            continue  # "said retired neurosurgeon Ben Carson": a modifier of the name to come
        if token.pos_ in ("ADP", "VERB", "AUX", "SCONJ"):
            return None
        if token.pos_ in ("PROPN", "NOUN", "PRON") or _capitalised_word(token):
            head = token
            while head.head.i != head.i and head.head.i > head.i and head.head.i < cue.i + 8 \
                    and head.head.pos_ in ("PROPN", "NOUN") and head.dep_ in ("compound", "amod", "det"):
                head = head.head
            return head
    return None


def _capitalised_word(token: Token) -> bool:
    """A capitalised word inside a sentence, whatever the tagger called it ("said Skelly" as an adverb)."""
    return token.is_title and token.is_alpha and not token.is_sent_start and len(token) > 1


def _name_between(doc: Doc, quote: Quote, cue: Token) -> Token | None:
    """"“…,” Flynn, a top surrogate, said": the name between the closing mark and the cue, which
    the parser may have hung inside the quotation."""
    if cue.idx < quote.end:
        return None
    between = doc.char_span(quote.end, cue.idx, alignment_mode="contract")
    return next((t for t in between or () if t.pos_ == "PROPN" and t.ent_type_ in ("PERSON", "ORG")
                 and t.dep_ not in ("compound", "flat")), None)


_NICKNAME = re.compile(r"[\"“][A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?[\"”]")


def _cue_after(doc: Doc, quote: Quote) -> Token | None:
    _, end = _quote_tokens(doc, quote)
    inner_end = text_of(doc)[quote.start:quote.end].rstrip(_QUOTE_CHARS + "'’ ")
    continues = inner_end.endswith((",", "—", "-")) or not inner_end.endswith((".", "!", "?"))
    nickname_end = -1
    for token in doc[end:end + CUE_AFTER_WINDOW]:
        if token.idx < nickname_end:
            continue
        if token.text in _QUOTE_CHARS and (match := _NICKNAME.match(text_of(doc), token.idx)) is not None:
            nickname_end = match.end()  # 'Marcia "Cia" Price': a quoted nickname belongs to the name
            continue
        if token.text in _QUOTE_CHARS or "\n" in token.text:
            return None  # another quotation, or the next paragraph: the cue is not this quote's
        if token.is_sent_start and token.i > end and not continues:
            return None
        # A full stop ends the search only where it ends a sentence, not in "(D-Wis.)".
        following = token.i + 1 + (token.i + 1 < len(doc) and doc[token.i + 1].is_space)  # "Trump.  Meanwhile"
        if token.text in ".!?" and token.i > end and (following >= len(doc) or doc[following].is_sent_start):
            return None
        if is_cue(token, {"quote", "ccomp"}):
            # "“….” The network said it would …": a cue with a clause of its own reports that clause
            owns_clause = any(c.dep_ == "ccomp" and c.i > token.i for c in token.children)
            return None if owns_clause and not continues else token
        if token.pos_ == "VERB" and token.i > end:
            return None  # another verb first: "“…,” the report, which he wrote, …"
    return None


def _dash_signature(doc: Doc, quote: Quote) -> tuple[Token, Token] | None:
    """“…” — Jane Doe: a dash and a name right after the quote sign it."""
    match = _DASH_AFTER.match(text_of(doc), quote.end)
    if match is None:
        return None
    name = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
    dash = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
    if name is not None and dash is not None and name[0].pos_ == "PROPN":
        head = name[0]
        while head.head.i != head.i and head.head.pos_ == "PROPN" and head.head.i > head.i and head.head.i < head.i + 5:
            head = head.head
        return dash[0], head
    return None


def _name_colon(doc: Doc, quote: Quote) -> tuple[Token, Token] | None:
    """Republican pollster Daron Shaw: “…”: a person's name and a colon right before the quote."""
    before = text_of(doc)[:quote.start].rstrip()
    if not before.endswith(":"):
        return None
    colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None or colon[0].i == 0:
        return None
    last = doc[colon[0].i - 1]
    if last.ent_type_ != "PERSON" or last.idx + len(last.text) != colon[0].idx:
        return None
    head = last
    while head.head.i != head.i and head.head.ent_type_ == "PERSON" and head.head.i < colon[0].i:
        head = head.head
    return colon[0], head


def _cue_before(doc: Doc, quote: Quote, learned: frozenset[int]) -> Token | None:
    start, _ = _quote_tokens(doc, quote)
    before = text_of(doc)[:quote.start].rstrip()
    colon = before.endswith(":")
    sent_start = sentence_of(doc[start]).start if start < len(doc) else start
    window_start = max(sent_start, start - 12)
    if colon and start == sent_start and start > 0:
        # "The Times reports:" ending one paragraph introduces the quotation opening the next.
        window_start = max(sentence_of(doc[start - 1]).start, start - 25)
    for token in reversed(doc[window_start:start]):
        if colon and token.dep_ == "dobj" and token.lemma_.lower() in _noun_lexicon() and verbal(token.head):
            return token.head  # "Sanders made the following comment:", "issued this statement:"
        if not (is_cue(token, {"quote", "ccomp"}) or token.i in learned and token.pos_ == "VERB"):
            continue
        # "X said: “…”" or "X said, “…”" — but not "X said that the deal “…”", which is mixed.
        between = doc[token.i + 1:start]
        clause = {t.i for c in token.children if c.dep_ == "ccomp" for t in c.subtree}
        window = CUE_BEFORE_WINDOW if not before.endswith(",") else 2 * CUE_BEFORE_WINDOW
        if colon or (start - token.i <= window and not any(t.i in clause and not t.is_punct for t in between)):
            return token
    return None


def _spoken_right_after(doc: Doc, opener: Span | None) -> bool:
    """"Protesters chanted “What curfew?”": a short quotation (opening with ``opener``) right after a verb
    of saying is said, not scare-quoted."""
    if opener is None:
        return False
    i = opener.start - 1
    while i >= 0 and doc[i].text in (",", ":"):
        i -= 1
    return i >= 0 and is_cue(doc[i], {"quote"})  # labelling verbs ("called it a “disaster”") take no bare quote


def _next_quote_after_cue(doc: Doc, cue: Token, quotes: list[Quote], after: Quote) -> Quote | None:
    """The second half of a split quote: “…,” he said, “…”."""
    cue_end = cue.idx + len(cue.text)
    following = next((q for q in quotes if q.start >= cue_end), None)
    if following is None:
        return None
    gap = text_of(doc)[cue_end:following.start]
    # Only an aside may stand between the cue and the second half: ", " or " during a rally in Kinston, N.C., ".
    between = doc.char_span(cue_end, following.start, alignment_mode="contract")
    if len(gap) > MAX_ASIDE or not gap.rstrip().endswith(",") or \
            any(t.text in (".", "!", "?") for t in between or ()) or between is None and any(c in gap for c in ".!?"):
        return None
    # "…,” he said, adding, “…”: a second cue introduces a statement of its own.
    if between is not None and any(is_cue(t) for t in between):
        return None
    return following


def extract_statements(doc: Doc, table: ActorTable, quotes: QuoteIndex) -> list[StatementBuild]:
    """All statements in ``doc``, in text order."""
    found: list[StatementBuild] = []
    used_cues: set[int] = set()
    used_quotes: set[int] = set()
    cued_quotes: set[Quote] = set()  # quotations attributed to a cue or a signature
    short_floating: set[int] = set()
    quote_list = quotes.quotes
    learned = learned_cue_heads(doc)  # cues a trained tagger proposes; empty without one
    headline_end = text_of(doc).find("\n")

    # Direct quotes.
    for n, quote in enumerate(quote_list):
        if n in used_quotes:
            continue
        inner = text_of(doc)[quote.inner[0]:quote.inner[1]]
        words = len(inner.split())
        opener = doc.char_span(quote.start, quote.start + 1, alignment_mode="expand")
        # the parser may leave the opening mark at the end of the sentence before
        starts_sentence = opener is not None and (opener[0].is_sent_start or text_of(doc)[:quote.start].rstrip().endswith((":", ".", "!", "?")))
        in_headline = headline_end == -1 or quote.start < headline_end  # headlines are title case throughout
        if words < 2 or (words < MIN_QUOTE_WORDS and not starts_sentence and not _spoken_right_after(doc, opener)) \
                or (_is_title(inner) and not in_headline):
            continue
        cue = _cue_by_parse(doc, quote)
        if cue is not None and (nearer := _nearer_speaking(doc, quote, cue)) is not None:
            used_cues.add(cue.i)  # its clause holds the quotation: reporting it again would nest it
            cue = nearer
        cue = cue or _cue_after(doc, quote) or _cue_before(doc, quote, learned)
        if cue is None and words < MIN_QUOTE_WORDS:
            short_floating.add(trim(text_of(doc), *quote.inner)[0])  # kept only as the continuation of a quote before it
        parts = [trim(text_of(doc), *quote.inner)]
        halves = {quote}
        if cue is not None and cue.idx > quote.start:
            second = _next_quote_after_cue(doc, cue, quote_list, quote)
            if second is not None:
                halves.add(second)
                used_quotes.add(quote_list.index(second))
                parts.append(trim(text_of(doc), *second.inner))
        used_quotes.add(n)
        content = parts[0]
        signature = (_dash_signature(doc, quote) or _name_colon(doc, quote)) if cue is None else None
        if cue is not None or signature is not None:
            cued_quotes.update(halves)
        if signature is not None:
            dash, name = signature
            speaker, mention, confidence = speaker_of(name, table)
            found.append(StatementBuild(
                "direct", content, (dash.idx, dash.idx + len(dash.text)), dash.i, speaker,
                char_offsets(doc, *mention), round(min(0.9, confidence), 2)))
        elif cue is not None:
            used_cues.add(cue.i)
            subject = subject_of(cue)
            if subject is not None and quote.start <= subject.idx < quote.end:
                # the parser may give the cue two subjects, one inside the quote: take the other
                subject = next((c for c in cue.children if c.dep_ in SUBJECT_DEPS
                                and not quote.start <= c.idx < quote.end), subject)
            if subject is not None and subject.i > cue.i and quotes.at(subject.idx) is not None:
                subject = None  # '…,” Flynn said on “Fox and Friends.”': a quoted title is nobody's voice
            elif subject is not None and (other := quotes.at(subject.idx)) is not None and other is not quote \
                    and quotes.at(cue.idx) is not other:
                subject = _narrator_before(cue, quotes)
            if subject is None or quote.start <= subject.idx < quote.end:
                subject = _inverted_subject(cue, quote) or _name_between(doc, quote, cue) or (
                    None if subject is None or quote.start <= subject.idx < quote.end else subject)
            if subject is None:
                speaker, mention, confidence = None, None, 0.5
            else:
                speaker, mention, confidence = speaker_of(subject, table)
            found.append(StatementBuild(
                "direct", content, (cue.idx, cue.idx + len(cue.text)), cue.i, speaker,
                char_offsets(doc, *mention) if mention else None,
                round(min(0.95, confidence), 2), parts=parts if len(parts) > 1 else [],
                addressee=_addressee(cue, table)))
        else:
            found.append(StatementBuild("direct", content, None, None, None, None, 0.3,
                                        parts=parts if len(parts) > 1 else []))

    # Indirect and mixed speech.
    for token in tokens_of(doc):
        # only a verb, or a noun the tagger took for one, can be a cue (see verbal)
        if token.pos_ not in ("VERB", "AUX", "NOUN") or token.i in used_cues or quotes.at(token.idx):
            continue
        if is_cue(token):
            tokens = _content_tokens(token)
        elif _generic_cue(token, table):
            tokens = _content_tokens(token, frozenset({"ccomp"}))
        elif token.i in learned and token.pos_ in ("VERB", "AUX") and _sentient(subject_of(token), table):
            tokens = _content_tokens(token, LEARNED_VERB_FRAMES)
        else:
            continue
        if tokens is None and (is_cue(token) and token.lemma_.lower() not in _addressed() or token.i in learned):
            tokens = _passive_object(token)  # "the issue was first reported by the Post"
        subject = subject_of(token)
        if subject is not None and subject.lower_ in ("'s", "’s", "us") and (
                token.head.lemma_.lower() == "let" or subject.i > 0 and doc[subject.i - 1].lower_ == "let"):
            continue  # "Let's say you think …": a supposition, not a statement
        raised = _reduced_raised_report(token) if is_cue(token) else None
        if raised is not None or tokens is None and subject is None and (raised := _raised_report(token)) is not None:
            # "he is expected to win", "the winner, believed to be a millionaire, …": a report whose
            # source the text withholds, about him
            parts = [char_offsets(doc, part[0].i, part[-1].i + 1) for part in raised]
            found.append(StatementBuild(reported_kind(doc, *parts[1]), parts[0], (token.idx, token.idx + len(token.text)),
                                        token.i, None, None, 0.5, parts=parts))
            used_cues.add(token.i)
            continue
        if tokens is None or (subject is None and not _agentless_passive(token)):
            continue
        if any(t.i == token.i or (subject is not None and t.i == subject.i) for t in tokens):
            continue
        if any(c.dep_ == "neg" for c in token.children) and tokens[0].lower_ in QUESTION_WORDS:
            continue  # "it didn't say when the wagon will go on sale": nothing was said
        tokens = _with_word_ends(_without_writer_aside(tokens))
        if all(t.pos_ == "PRON" or t.lower_ in RELATIVE_WORDS or t.is_punct or t.like_num and t.text[:1].isdigit()
               for t in tokens):
            continue  # "attacked you", "predicted what", "called 911", "which police believe": nothing of what was said
        if token.lemma_.lower() in _contact_verbs() and _only_a_name(tokens) \
                and not any(c.dep_ == "prt" for c in token.children):  # "calling out the Republicans" criticises
            continue  # "call the Richmond Police Department", "called Trump": a call, no words reported
        if any(is_cue(t) for t in tokens) and all(t.pos_ in ("PRON", "PUNCT") or is_cue(t) for t in tokens):
            continue  # "He said, she said": a heading, nobody's words
        if subject is not None and _noun_content(tokens) and a_thing(subject, table):
            continue  # "A smartphone app supports cabin preconditioning": a thing's object is nobody's words
        if violent(token, table.names_a_person):
            continue  # "gunmen attacked the convoy": violence, not words
        start, end = char_offsets(doc, tokens[0].i, tokens[-1].i + 1)
        if end <= start:
            continue
        enclosing = quotes.at(start)
        if enclosing in cued_quotes:
            continue  # the content is, or opens with, a quotation attributed above
        # what the verb reports may be a whole quotation no other cue claimed ("attacked “…”")
        kind = content_kind(doc, quotes, start, end)
        if subject is None:
            # "It was announced that …", "he is expected to …": a report whose source the text withholds
            found.append(StatementBuild(kind, (start, end), (token.idx, token.idx + len(token.text)), token.i,
                                        None, None, 0.5))
            used_cues.add(token.i)
            continue
        speaker, mention, confidence = speaker_of(subject, table)
        found.append(StatementBuild(
            kind, (start, end), (token.idx, token.idx + len(token.text)), token.i, speaker,
            char_offsets(doc, *mention), round(min(0.9, confidence * 0.95), 2),
            addressee=_addressee(token, table), act="intention" if intention(token, tokens) else "speech"))
        used_cues.add(token.i)

    found.extend(_parenthetical_cues(doc, table, quotes, used_cues))
    found.extend(_holder_states(doc, table, quotes, used_cues))
    found.extend(_according_to(doc, table, quotes))
    found.extend(_noun_cues(doc, table, quotes, {s.content for s in found}, learned))
    found.extend(_block_quotes(doc, table, [s.content for s in found]))
    colon_lines = _colon_lines(doc, table, {s.content[0] for s in found})
    if colon_lines:
        # The transcript line is the statement; a quotation mark opening it is not another one.
        line_starts = {s.speaker_mention[0] for s in colon_lines}
        found = [s for s in found if s.cue is not None or s.content[0] not in line_starts] + colon_lines
    # A quotation inside reported speech is a fragment of a mixed quote, not a statement of its own.
    found = [s for s in found if s.cue is not None or not any(
        o is not s and o.content[0] <= s.content[0] and s.content[1] <= o.content[1] for o in found)]
    found.sort(key=lambda s: s.content[0])
    found = _merge_continuations(doc, found)
    found = [s for s in found if not (s.cue is None and s.content[0] in short_floating)]
    for n, statement in enumerate(found):
        if statement.cue is None:
            _inherit_speaker(doc, statement, found[:n], table)
    # A quotation nobody can be found to have said, inside running text, is a title or a scare quote.
    found = [s for s in found if s.cue is not None or s.speaker_mention is not None or _opens_paragraph(text_of(doc), s.content[0])]
    found = [s for s in found if not _article_voice(doc, s, quotes)]
    return outermost(_without_pull_quotes(doc, found))


def _article_voice(doc: Doc, statement: StatementBuild, quotes: QuoteIndex) -> bool:
    """Whether the source is the writer or the reader ("I think", "we saw", "you know") in the article's
    own prose: its opinion, not what a source said. Inside a quotation "I" is the quoted speaker."""
    if statement.speaker_mention is None:
        return False
    start, end = statement.speaker_mention
    if quotes.at(start) is not None:
        return False
    text = text_of(doc)
    source = text[start:end].lower()
    if source == "that" and re.match(r"\s*said\s*,", text[end:]):
        return True  # "That said, early retirement comes in many shapes": a turn of the writer's argument
    # "most of us think", "those of you who say": a share of the writer and readers
    words = source.split()
    return source in WRITER_READER_PRONOUNS or len(words) >= 3 and words[-2] == "of" and words[-1] in WRITER_READER_PRONOUNS


def _without_pull_quotes(doc: Doc, found: list[StatementBuild]) -> list[StatementBuild]:
    """A quotation without a cue that repeats words the article attributes elsewhere is the page's pull
    quote, not a second statement: one record per thing said."""
    text = text_of(doc)
    said = [_comparable(text[s.content[0]:s.content[1]]) for s in found if s.cue is not None]

    def repeats(s: StatementBuild) -> bool:
        words = _comparable(text[s.content[0]:s.content[1]])
        return len(words.split()) >= PULL_QUOTE_MIN_WORDS and any(words in other for other in said)

    return [s for s in found if s.cue is not None or not repeats(s)]


def _comparable(words: str) -> str:
    """Words without case, punctuation or spacing differences, space-delimited at both ends so that
    one copy of a quote is found inside another as whole words."""
    return " " + " ".join(re.findall(r"\w+", words.lower())) + " "


def outermost(found: list[StatementBuild]) -> list[StatementBuild]:
    """The statements whose cue is not inside what another statement reports.

    "The aide said Clinton told police she did not want an escort": that Clinton told
    police anything is the aide's claim; recording it as a statement of its own would
    assert it. It stays inside the aide's words, where the text puts it.
    """
    reported = sorted((start, end, n) for n, o in enumerate(found) for start, end in o.spans())
    starts = [start for start, _, _ in reported]
    # For each prefix of the spans by start: the furthest end, its statement, and the furthest end
    # of any other statement; a cue is reported by another statement when that end covers it.
    # (Looked up, not compared pair by pair: a text of thousands of quotes stays fast.)
    reach: list[tuple[int, int, int]] = []
    best, owner, second = -1, -1, -1
    for _, end, n in reported:
        if end > best:
            if n != owner:
                second = best
            best, owner = end, n
        elif n != owner and end > second:
            second = end
        reach.append((best, owner, second))

    def is_reported(n: int, cue: tuple[int, int]) -> bool:
        k = bisect.bisect_right(starts, cue[0])
        if k == 0:
            return False
        best, owner, second = reach[k - 1]
        return (best if owner != n else second) >= cue[1]

    return [s for n, s in enumerate(found) if s.cue is None or not is_reported(n, s.cue)]


_TITLE_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "for", "to", "at", "by", "with", "from"}


def _is_title(inner: str) -> bool:
    """“The Steve Harvey Morning Show,” “Hamilton”: a name in title case, not words someone said."""
    words = inner.strip(" ,").split()
    if not words or len(words) > 8 or inner.rstrip(" ,”\"'’").endswith((".", "!", "?")):
        return False
    lettered = [w for w in words if any(ch.isalpha() for ch in w)]
    return bool(lettered) and lettered[0][0].isupper() and all(
        w[0].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in lettered)


def _opens_paragraph(text: str, offset: int) -> bool:
    before = text[:offset].rstrip(_QUOTE_CHARS + " \t")
    return before == "" or before.endswith("\n")


_SHORT_QUOTED = re.compile(r"“[^“”\n]{1,40}”")


def _merge_continuations(doc: Doc, found: list[StatementBuild]) -> list[StatementBuild]:
    """“A,” she said. “B.” — a cue-less quote right after a quoted statement continues it."""
    merged: list[StatementBuild] = []
    by_cue: dict[int, StatementBuild] = {}
    # Where quoted statements (direct, or closed by their cue) lie in ``merged``. A statement only
    # ever loses that (its spans grow, indirect becomes mixed), so stale entries are popped as met.
    quoted: list[int] = []
    for statement in found:
        # “A,” she said. “B.” / “A,” he said, but “B”: the parser may give the second quotation the
        # same cue; it is one statement, unless another verb comes between ("before asking her, “B”")
        first = by_cue.get(statement.cue_token) if statement.kind == "direct" else None
        between = doc.char_span(statement.cue[1], statement.content[0], alignment_mode="contract") \
            if first is not None and statement.cue[1] <= statement.content[0] else None
        if between is not None and (any(t.text in ".!?" for t in between) or
                                    not any(t.pos_ in ("VERB", "AUX") for t in between)):
            first.parts = first.spans() + statement.spans()
            continue
        if statement.kind == "direct" and statement.cue_token is not None:
            by_cue[statement.cue_token] = statement
        # the quoted statement before, past any statement inside its cue clause ("said X, speaking of Y.")
        # ("The summit did too little, he added. “Without changes, Europe risks a lot.”": also a
        # reported statement whose cue closes it)
        while quoted and not (merged[quoted[-1]].kind == "direct" or _cue_closes(merged[quoted[-1]])):
            quoted.pop()
        at = quoted[-1] if quoted else None
        previous = merged[at] if at is not None else None
        if previous is not None and any(s.content[0] < previous.spans()[-1][1]
                                        and not _inside(s, previous) for s in merged[at + 1:]):
            previous = None
        if previous is not None and statement.cue is None and statement.kind == "direct":
            last_end = previous.spans()[-1][1]
            gap = text_of(doc)[last_end:statement.content[0]]
            # a short quoted title in the cue clause ('on “Fox and Friends.”') does not end the quotation
            # nor does a quoted nickname in the speaker's name ('Marcia "Cia" Price')
            marks = sum(_NICKNAME.sub("", _SHORT_QUOTED.sub("", gap)).count(c) for c in _QUOTE_CHARS)
            # '“A,” he said.' closing a paragraph, and the next paragraph a quotation: he goes on
            # ('“A,” Collins told MSNBC on Friday.': the cue's sentence may go on to its end)
            rest = text_of(doc)[previous.cue[1]:statement.content[0]].strip(_QUOTE_CHARS + " \n") \
                if previous.cue is not None else ""
            paragraph_after_cue = _cue_closes(previous) and "\n" in gap and (
                not rest.strip(".") or rest.endswith(".") and not any(c in rest[:-1] for c in ".!?;" + _QUOTE_CHARS)
                and _closed_in_its_paragraph(text_of(doc), statement))
            # '“A,” he said. “B.”' closing a paragraph, and the next a quotation: the same words go on
            paragraph_after_quote = previous.kind != "indirect" and not gap.strip(_QUOTE_CHARS + " ,.\n")
            if len(gap) <= MAX_CONTINUATION_GAP and marks <= 2 and (
                    "\n" not in gap.strip(_QUOTE_CHARS + " ,.") or paragraph_after_cue or paragraph_after_quote):
                previous.parts = previous.spans() + [statement.content]
                if previous.kind == "indirect":
                    previous.kind = "mixed"
                continue
        if statement.kind == "direct" or _cue_closes(statement):
            quoted.append(len(merged))
        merged.append(statement)
    return merged


def _closed_in_its_paragraph(text: str, statement: StatementBuild) -> bool:
    """Whether a quotation closes in the paragraph it opens, not an excerpt's paragraph that opens with
    a mark and runs on (a block quoted from another paper, its narration included)."""
    start, end = statement.content
    return "\n" not in text[start:end] and any(c in "”\"" for c in text[end:end + 3])


def _inside(inner: StatementBuild, outer: StatementBuild) -> bool:
    """Whether the cue of ``inner`` lies within what ``outer`` reports."""
    return inner.cue is not None and any(start <= inner.cue[0] and inner.cue[1] <= end
                                         for start, end in outer.spans())


def _cue_closes(statement: StatementBuild) -> bool:
    """Whether the cue comes after all that the statement reports ("…, Schiff said.")."""
    return statement.cue is not None and statement.cue[0] >= statement.spans()[-1][1]


def _addressee(cue: Token, table: ActorTable) -> str | None:
    """Who was spoken to: "told X", "said to X"."""
    for child in cue.children:
        if child.dep_ in ("dobj", "dative") and cue.lemma_.lower() in _addressed():
            return table.actor_at(child)
        if child.dep_ in ("prep", "dative") and child.lower_ == "to" and cue.lemma_.lower() in ("say", "write", "explain", "speak"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return table.actor_at(pobj)
    return None


def _inherit_speaker(doc: Doc, statement: StatementBuild, before: list[StatementBuild], table: ActorTable) -> None:
    """A quotation with no cue that opens its sentence inherits the speaker in focus, if one is close:
    the person the sentence right before it in its paragraph is about, else the last speaker.
    One inside a sentence is a fragment of words the sentence around it reports ("has gone after
    Trump as a “human leech”"), not a statement of the last speaker."""
    opening = text_of(doc)[:statement.content[0]].rstrip(_QUOTE_CHARS + "'‘ \t")
    if opening and not opening.endswith(("\n", ".", "!", "?", ":", "…")):
        return
    here = doc.char_span(*statement.content, alignment_mode="expand")
    if here is not None and (subject := _person_just_before(doc, here, table)) is not None:
        statement.speaker, statement.speaker_mention, statement.confidence = subject[0], subject[1], 0.6
        return
    previous = next((s for s in reversed(before) if s.speaker), None)
    if previous is None:
        return
    sentence = sentence_index(doc)
    there = doc.char_span(*previous.content, alignment_mode="expand")
    if here is None or there is None:
        return
    if sentence[here.start] - sentence[there.end - 1] <= FLOATING_QUOTE_SENTENCES:
        statement.speaker, statement.speaker_mention, statement.confidence = previous.speaker, previous.speaker_mention, 0.6


def _person_just_before(doc: Doc, quote: Span, table: ActorTable) -> tuple[str, tuple[int, int]] | None:
    """'Sen. Bernie Sanders … identified X as Y. "The younger people are …"': the person named as the
    subject of the sentence right before a floating quote, in its paragraph, said it."""
    start = sentence_of(quote[0]).start
    if start == 0:
        return None
    previous = sentence_of(tokens_of(doc)[start - 1])
    if "\n" in text_of(doc)[previous.end_char:quote.start_char]:
        return None  # a new paragraph: the focus is the last speaker's, not a sentence's
    subject = next((c for c in previous.root.children if c.dep_ == "nsubj"), None)
    mention = table.mention_at(subject) if subject is not None else None
    if mention is None or mention.actor is None or mention.confidence < CONFIDENT \
            or table.actor(mention.actor).kind != "person":
        return None
    return mention.actor, char_offsets(doc, mention.start, mention.end)


_COLON_LINE = re.compile(r"^[\"“]?(?P<who>[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}):[^\S\n]+(?P<what>\S.*)$", re.M)


def _colon_lines(doc: Doc, table: ActorTable, taken: set[int]) -> list[StatementBuild]:
    """Transcripts and headlines: "WALLACE: Let's start …", "Pat Caddell: Voters Worried …"."""
    found = []
    for match in _COLON_LINE.finditer(text_of(doc)):
        who, what = match.span("who"), match.span("what")
        name = text_of(doc)[who[0]:who[1]]
        words = text_of(doc)[what[0]:what[1]].split()
        speaker_tokens = doc.char_span(*who, alignment_mode="expand")
        if len(words) < 3 or speaker_tokens is None or what[0] in taken or name.strip().casefold() in _headline_kickers() \
                or _title_with_colon(text_of(doc), who[1]):
            continue  # ("BREAKING NEWS: …" is a label, no speaker in a transcript)
        # a name speaks before a colon; a description ("The Implement Stage: Iterate …") heads a section
        named = table.mention_at(speaker_tokens.root)
        actor = named.actor if named is not None and named.form == "name" else None
        is_transcript = name.isupper() and len(name) > 1
        if actor is None and not is_transcript:
            continue
        if text_of(doc)[what[0]] in _HEADLINE_QUOTES and what[0] + 1 in taken:
            continue  # 'Lynn: “We needed to win”': the quotation, attributed already
        said = doc.char_span(*what, alignment_mode="expand")
        if not is_transcript and said is not None and not any(
                t.tag_ in FINITE_TAGS or t.lower_ in WRITER_READER_PRONOUNS for t in said):
            continue  # "Elizabeth A. Burton: Possession of methamphetamine, …": a list under a name, nobody's words
        colon = who[1]
        found.append(StatementBuild("direct" if is_transcript else "indirect", trim(text_of(doc), *what), (colon, colon + 1),
                                    None, actor, who, 0.8 if actor else 0.5))
    headline = _headline_colon(doc, table, taken | {s.content[0] for s in found})
    return found + ([headline] if headline else [])


def _title_with_colon(text: str, colon: int) -> bool:
    """Whether the words around the colon at ``colon`` recur elsewhere in the article: a name with a
    colon in it ("Star Wars Jedi: Fallen Order", "Mission: Impossible"), not a speaker and a saying."""
    line_start = text.rfind("\n", 0, colon) + 1
    after = re.match(r":\s*\S+", text[colon:])
    if after is None:
        return False
    name = text[line_start:colon + after.end()].lstrip("\"“ ")
    if text[line_start:colon].isupper():
        return False  # "PENCE: Well, …" twice is a transcript's speaker speaking twice
    return text.count(name) > 1


BLOCK_INTRO_MAX_WORDS = 12  # "The governor added:", "Caddell said in a statement on Monday:"
_BLOCK_INTRO = re.compile(r"(?:^|\n)(?P<intro>[^\n\"“”]+):[^\S\n]*\n+(?P<block>[^\n]+)")


def _block_quotes(doc: Doc, table: ActorTable, taken: list[tuple[int, int]]) -> list[StatementBuild]:
    """"The governor added:\n\nIt's typical of …": a short paragraph that is one sentence, a speaker
    and a speech verb ending on a colon, introduces the next paragraph, quoted or not, as the speaker's
    words. A paragraph a quotation statement already opens is left to it."""
    text = text_of(doc)
    found = []
    for match in _BLOCK_INTRO.finditer(text):
        intro_start, colon = match.start("intro"), match.end("intro")
        block = trim(text, match.start("block"), match.end("block"))
        if len(text[intro_start:colon].split()) > BLOCK_INTRO_MAX_WORDS or block[1] <= block[0] \
                or any(s <= block[0] + 1 < e for s, e in taken):
            continue
        intro = doc.char_span(intro_start, colon, alignment_mode="expand")
        if intro is None or len({sentence_of(t).start for t in intro if not t.is_space}) != 1:
            continue  # the paragraph is one sentence: "Do you support Ted Cruz? Like the page:" is not
        cue = next((t for t in intro if t.dep_ == "ROOT" and is_cue(t)), None)
        subject = subject_of(cue) if cue is not None else None
        if subject is None or not _sentient(subject, table):
            continue
        speaker, mention, confidence = speaker_of(subject, table)
        found.append(StatementBuild("direct", block, (cue.idx, cue.idx + len(cue.text)), cue.i, speaker,
                                    char_offsets(doc, *mention), round(min(0.9, confidence), 2)))
    return found


@cache
def _headline_source_nouns() -> frozenset[str]:
    return frozenset(data.load("cues")["headline_sources"])


@cache
def _headline_kickers() -> frozenset[str]:
    return frozenset(data.load("cues")["headline_kickers"])


_HEADLINE_COLON = re.compile(r"^(?P<who>[^:\n]{2,80}?):[^\S\n]+(?P<what>\S[^\n]*)")
_HEADLINE_QUOTES = "\"“”‘’'"
MAX_HEADLINE_SOURCE_WORDS = 6


def _headline_colon(doc: Doc, table: ActorTable, taken: set[int]) -> StatementBuild | None:
    """"Poll: Clinton leads", "Clinton camp: …", "A lesson from Loretta Lynch: 'Be the voice …'": a
    headline whose part before the colon names who says the rest. A topic there ("The Latest: …")
    names nobody; a quotation after it names whoever is mentioned before it."""
    match = _HEADLINE_COLON.match(text_of(doc))
    if match is None or len(match["who"].split()) > MAX_HEADLINE_SOURCE_WORDS or len(match["what"].split()) < 3 \
            or match["who"].strip().casefold() in _headline_kickers() or _title_with_colon(text_of(doc), match.end("who")):
        return None
    what = trim(text_of(doc), *match.span("what"))
    quoted = text_of(doc)[what[0]] in _HEADLINE_QUOTES
    if quoted:
        what = trim(text_of(doc), what[0] + 1, what[1] - (text_of(doc)[what[1] - 1] in _HEADLINE_QUOTES))
    if what[0] in taken or what[0] - 1 in taken:
        return None
    before = doc.char_span(*match.span("who"), alignment_mode="contract")
    if before is None:
        return None
    mentions = [m for t in before if (m := table.mention_at(t)) is not None and m.actor
                and table.actor(m.actor).kind in ("person", "organization", "group")]
    if mentions and (quoted or mentions[0].head == before.root.i or mentions[0].start <= before.root.i < mentions[0].end):
        named = next((m for m in mentions if m.form == "name"), mentions[0])
        speaker, mention = named.actor, (named.start, named.end)
    elif before.root.lemma_.lower() in _headline_source_nouns() or before.root.ent_type_ in ("PERSON", "ORG", "NORP"):
        speaker, mention = None, (before.start, before.end)
    else:
        return None
    colon = match.end("who")
    return StatementBuild("direct" if quoted else reported_kind(doc, *what), what, (colon, colon + 1), None,
                          speaker, char_offsets(doc, *mention), 0.6 if speaker else 0.5)


def intention(cue: Token, content: list[Token]) -> bool:
    """Whether ``cue`` with an infinitive for ``content`` tells what someone means to do or decided
    ("sought to talk", "agreed to inject $6.5 billion", "the league's decision to suspend Garrett"),
    not what anyone said; an infinitive of saying is words ("declined to comment", "refused to say")."""
    words = _intentions()["nouns" if cue.pos_ == "NOUN" else "verbs"]
    if cue.lemma_.lower() not in words or not content or content[0].lower_ != "to":
        return False
    inside = {t.i for t in content}
    verb = next((t for t in content if t.head.i == cue.i or t.head.i not in inside), None)
    return verb is None or not is_cue(verb, SAYING_FRAMES)


@cache
def _intentions() -> dict[str, frozenset[str]]:
    return {kind: frozenset(words) for kind, words in data.load("cues")["intentions"].items()}


@cache
def _reporter_requests() -> frozenset[str]:
    return frozenset(data.load("cues")["reporter_requests"])


@cache
def _noun_lexicon() -> dict[str, frozenset[str]]:
    return {noun: frozenset(preps) for noun, preps in data.load("cues")["nouns"].items()}


def _noun_cues(doc: Doc, table: ActorTable, quotes: QuoteIndex, taken: set,
               learned: frozenset[int] = frozenset()) -> list[StatementBuild]:
    """"Trump's claim that …", "the call by officials for …": a noun, its owner and its content."""
    lexicon = _noun_lexicon()
    found = []
    for token in tokens_of(doc):
        if token.pos_ != "NOUN":
            continue
        preps = lexicon.get(token.lemma_.lower()) or (LEARNED_NOUN_FRAMES if token.i in learned else None)
        if token.pos_ != "NOUN" or preps is None or quotes.at(token.idx) or verbal(token) \
                or violent(token, table.names_a_person):
            continue
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is None:
            by = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "by"), None)
            owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        if owner is None and token.dep_ == "attr":
            owner = _subject_of_own(token.head)  # "Clinton has been a supporter of …"
        if owner is None or owner.pos_ not in ("PROPN", "NOUN", "PRON") or owner.lower_ in ("its",):
            continue
        content = None
        for child in token.children:
            if child.i < token.i:
                continue
            if child.dep_ in ("acl", "ccomp", "relcl") and "that" in preps and \
                    any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children):
                content = child
            elif child.dep_ == "prep" and child.lower_ in preps and child.lower_ != "by":
                content = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            elif child.dep_ in ("acl", "relcl") and preps & {"to", "to_verb"} and any(a.lower_ == "to" for a in child.children):
                content = child
            if content is not None:
                break
        if content is None or content.n_lefts + content.n_rights == 0 and content.lemma_.lower() in _reporter_requests():
            continue  # "The Hill's request for comment": the reporter's, no one's words
        tokens = sorted(content.subtree, key=lambda t: t.i)
        span = char_offsets(doc, tokens[0].i, tokens[-1].i + 1)
        if span[1] - span[0] < 3 or span in taken:
            continue
        speaker, mention, confidence = speaker_of(owner, table)
        kind = reported_kind(doc, *span)
        found.append(StatementBuild(kind, span, (token.idx, token.idx + len(token.text)), token.i, speaker,
                                    char_offsets(doc, *mention), round(min(0.8, confidence * 0.85), 2),
                                    act="intention" if intention(token, tokens) else "speech"))
    return found


@cache
def _states() -> frozenset[str]:
    return frozenset(data.load("cues")["holder_states"])


def _holder_states(doc: Doc, table: ActorTable, quotes: QuoteIndex, used: set[int]) -> list[StatementBuild]:
    """"Many Democrats are afraid that …", "they're convinced the department mishandled …": a state of
    mind attributed to its subject, with the clause (or the about/of phrase) it holds."""
    found = []
    states = _states()
    for token in tokens_of(doc):
        if token.lower_ not in states or token.i in used or quotes.at(token.idx):
            continue
        holder = token.head if token.dep_ == "acomp" else token
        # the clause may hang from the state or, in the small model's parse, from "be" ("was sure X would …")
        content = next((c for c in token.children if c.dep_ in ("ccomp", "xcomp")), None) or next(
            (c for c in holder.children if c.dep_ == "ccomp" and c.i > token.i), None)
        if content is None:
            prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in ("about", "of", "to", "over")), None)
            content = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep else None
        subject = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if content is None or subject is None or subject.lower_ in ("it", "there") or content.i < token.i:
            continue
        tokens = sorted(content.subtree, key=lambda t: t.i)
        start, end = char_offsets(doc, tokens[0].i, tokens[-1].i + 1)
        if end <= start:
            continue
        speaker, mention, confidence = speaker_of(subject, table)
        kind = reported_kind(doc, start, end)
        found.append(StatementBuild(kind, (start, end), (token.idx, token.idx + len(token.text)), token.i, speaker,
                                    char_offsets(doc, *mention), round(min(0.85, confidence * 0.9), 2)))
        used.add(token.i)
    return found


def _parenthetical_cues(doc: Doc, table: ActorTable, quotes: QuoteIndex, used: set[int]) -> list[StatementBuild]:
    """"Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt", "As experts have pointed out,
    he is free to …": a cue set inside the words it attributes, or in an "as" clause before or
    after them; the content is the clause around it, in one or two parts."""
    found = []
    for token in tokens_of(doc):
        if token.dep_ not in ("advcl", "parataxis"):
            continue
        as_clause = token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children)
        if not (token.dep_ == "parataxis" or as_clause) or token.i in used or not is_cue(token, {"ccomp"}) \
                or quotes.at(token.idx):
            continue
        subject = _subject_of_own(token)
        # ("told me": a telling verb's object is whom it was told to)
        if subject is None or any(c.dep_ == "ccomp" or c.dep_ == "dobj" and not _said_with_it(token)
                                  and token.lemma_.lower() not in _addressed() for c in token.children):
            continue
        inner = {t.i for t in token.subtree}
        # "The difference now, he told me, is that …": the cue hung on the subject stands in its clause
        clause = token.head
        while clause.pos_ not in ("VERB", "AUX") and clause.dep_ in ("nsubj", "nsubjpass") and clause.head.i != clause.i:
            clause = clause.head
        runs: list[list[Token]] = []
        for t in clause.subtree:
            if t.i in inner or t.is_space:
                if runs and runs[-1]:
                    runs.append([])
                continue
            if not runs:
                runs.append([])
            runs[-1].append(t)
        parts = [char_offsets(doc, run[0].i, run[-1].i + 1) for run in runs if any(not t.is_punct for t in run)]
        parts = [p for p in parts if p[1] > p[0]]
        if not parts or all(quotes.at(p[0]) is not None and quotes.at(p[1] - 1) is quotes.at(p[0]) for p in parts):
            continue  # a quotation around the cue is attributed with the quotes
        content = (parts[0][0], parts[-1][1])
        speaker, mention, confidence = speaker_of(subject, table)
        kind = reported_kind(doc, *content)
        found.append(StatementBuild(
            kind, content, (token.idx, token.idx + len(token.text)), token.i, speaker, char_offsets(doc, *mention),
            round(min(0.9, confidence * 0.9), 2), parts=parts if len(parts) > 1 else []))
        used.add(token.i)
    return found


def _according_to(doc: Doc, table: ActorTable, quotes: QuoteIndex) -> list[StatementBuild]:
    """"…, according to X" and "According to X, …"."""
    found = []
    for token in tokens_of(doc):
        if token.lower_ != "according" or quotes.at(token.idx):
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        if to is None and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            to = doc[token.i + 1]
        # "according to show insiders": the small model may read the source as a verb phrase
        pobj = next((c for c in to.children if c.dep_ in ("pobj", "pcomp")), None) if to is not None else None
        if pobj is None:
            continue
        sent = sentence_of(token)
        phrase_start = token.i
        phrase_end = max(pobj.right_edge.i, to.i) + 1
        if phrase_start - sent.start < 3 and sent.end - phrase_end < 3:
            # "According to X, the move reeks …" parsed with the clause in apposition to X: the phrase ends at the comma
            phrase_end = next((t.i for t in doc[to.i + 1:phrase_end] if t.text in (",", ";", ":")), phrase_end)
        before = (sent.start, phrase_start)
        after = (phrase_end, sent.end)
        start, end = before if before[1] - before[0] >= after[1] - after[0] else after
        if end - start < 3:
            continue
        content = char_offsets(doc, start, end)
        speaker, mention, confidence = speaker_of(pobj, table)
        kind = reported_kind(doc, *content)
        found.append(StatementBuild(
            kind, content, (token.idx, to.idx + len(to.text)), token.i, speaker,
            char_offsets(doc, *mention), round(min(0.9, confidence * 0.95), 2)))
    return found
