"""Cues proposed by a locally trained tagger (``dateline train attribution``).

The tagger only says where a cue is; the statement rules then decide whether the
parse gives it a speaker and a content, exactly as for a cue from the lexicons.
Without a model this component is never added and nothing changes.
"""

# No "from __future__ import annotations": spaCy checks a factory's signature at run time.
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

SPAN_KEY = "dateline_learned_cues"
LABEL = "CUE"


def check_model(path: str) -> None:
    """Raise a clear error unless ``path`` holds a saved spaCy pipeline."""
    if not (Path(path) / "meta.json").is_file():
        raise FileNotFoundError(f"no trained cue tagger at {path} (make one with `dateline train attribution`)")


class LearnedCues:
    """Runs the trained cue NER on the parsed Doc (it reads the parse's tags and dependencies)
    and keeps its finds in ``doc.spans``; the Doc's own entities are left as they were."""

    def __init__(self, path: str):
        check_model(path)
        self.ner = spacy.load(path).get_pipe("ner")

    def __call__(self, doc: Doc) -> Doc:
        entities = doc.ents
        doc.set_ents([], default="missing")  # set entities would bind the NER; it must see a blank Doc
        self.ner(doc)
        doc.spans[SPAN_KEY] = [e for e in doc.ents if e.label_ == LABEL]
        doc.ents = entities
        return doc


@Language.factory("dateline_learned_cues", default_config={"path": ""})
def make_learned_cues(nlp: Language, name: str, path: str) -> LearnedCues:
    nlp.vocab.strings.add(LABEL)  # now, outside any memory zone, so the label outlives them
    return LearnedCues(path)


def learned_cue_heads(doc: Doc) -> frozenset[int]:
    """Token indices of the heads of the proposed cues (empty without a model)."""
    if SPAN_KEY not in doc.spans:
        return frozenset()
    return frozenset(span.root.i for span in doc.spans[SPAN_KEY])
