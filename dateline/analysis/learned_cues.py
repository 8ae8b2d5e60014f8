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
PARTS_KEY = "dateline_learned_parts"
LABEL = "CUE"
SOURCE, CONTENT = "SOURCE", "CONTENT"
PARTS_DIR = "parts"  # the source/content tagger, saved inside the cue tagger's directory


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
        parts = Path(path) / PARTS_DIR
        # a model trained before sources and contents were learned has no parts tagger
        self.parts = spacy.load(parts).get_pipe("ner") if (parts / "meta.json").is_file() else None

    def __call__(self, doc: Doc) -> Doc:
        entities = doc.ents
        for ner, key, labels in ((self.ner, SPAN_KEY, {LABEL}), (self.parts, PARTS_KEY, {SOURCE, CONTENT})):
            if ner is None:
                continue
            doc.set_ents([], default="missing")  # set entities would bind the NER; it must see a blank Doc
            ner(doc)
            doc.spans[key] = [e for e in doc.ents if e.label_ in labels]
        doc.ents = entities
        return doc


@Language.factory("dateline_learned_cues", default_config={"path": ""})
def make_learned_cues(nlp: Language, name: str, path: str) -> LearnedCues:
    for label in (LABEL, SOURCE, CONTENT):
        nlp.vocab.strings.add(label)  # now, outside any memory zone, so the label outlives them
    return LearnedCues(path)


def learned_cue_heads(doc: Doc) -> frozenset[int]:
    """Token indices of the heads of the proposed cues (empty without a model)."""
    if SPAN_KEY not in doc.spans:
        return frozenset()
    return frozenset(span.root.i for span in doc.spans[SPAN_KEY])
