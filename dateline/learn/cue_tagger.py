"""Train a tagger of attribution cues from BRAT data (PolNeAR's Source/Cue/Content).

The tagger is a spaCy NER with one label, CUE, whose features are the word forms
*and* the English pipeline's tags and dependency labels: it learns over the parse
dateline already makes, so at analysis time it runs on the parsed Doc at little
cost. It is saved as a pipeline of its own and never writes the Doc's entities
(see analyze/learned_cues.py); the rules still decide speaker and content.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import filter_spans, fix_random_seed, minibatch

from ..analyze.learned_cues import LABEL
from ..analyze.nlp import load_pipeline
from ..evaluate.brat import gold_files, read_ann
from ..ingest.scraped import read_scraped_text, to_raw_offset

SEED = 0
FEATURES = ["NORM", "PREFIX", "SUFFIX", "SHAPE", "TAG", "DEP"]
MODEL = {
    "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner", "extra_state_tokens": False,
    "hidden_width": 64, "maxout_pieces": 2, "use_upper": True, "nO": None,
    "tok2vec": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 96, "attrs": FEATURES,
                  "rows": [5000, 1000, 2500, 2500, 500, 500], "include_static_vectors": False},
        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 96, "depth": 4,
                   "window_size": 1, "maxout_pieces": 3},
    },
}


@dataclass
class TrainingReport:
    documents: int
    cues: int
    epochs: int
    losses: list[float]
    seconds: float


def _raw_to_text(article) -> dict[int, int]:
    """Raw-file offset → offset in ``article.text`` (the text the analysis sees)."""
    return {to_raw_offset(article, i): i for i in range(len(article.text))}


def _trimmed(span: Span) -> Span | None:
    """The span without edge spaces or punctuation, which NER cannot learn to include."""
    start, end = span.start, span.end
    while start < end and (span.doc[start].is_space or span.doc[start].is_punct):
        start += 1
    while end > start and (span.doc[end - 1].is_space or span.doc[end - 1].is_punct):
        end -= 1
    return Span(span.doc, start, end, label=span.label_) if end > start else None


def annotated_examples(split_dir: Path) -> Iterator[Example]:
    """Each article parsed as the analysis parses it, paired with its gold cue fragments."""
    nlp = load_pipeline()
    for name, ann in sorted(gold_files(split_dir).items()):
        raw = (split_dir / "text" / f"{name}.txt").read_text(encoding="utf-8")
        article = read_scraped_text(raw, source=name, doc_id=name)
        to_text = _raw_to_text(article)
        parsed = nlp(article.text)
        parsed.tensor = parsed.tensor[:0]  # the tagger does not use it; it would hold 384 bytes a token
        reference = Doc(parsed.vocab, words=[t.text for t in parsed], spaces=[bool(t.whitespace_) for t in parsed])
        spans = []
        for attribution in read_ann(ann):
            for start, end in attribution.cue or ():
                if start in to_text and end - 1 in to_text:
                    span = reference.char_span(to_text[start], to_text[end - 1] + 1, label=LABEL, alignment_mode="expand")
                    if span is not None and (span := _trimmed(span)) is not None:
                        spans.append(span)
        reference.ents = filter_spans(spans)
        parsed.set_ents([], default="missing")  # the tagger starts from a blank Doc, as at analysis time
        yield Example(parsed, reference)


def train(data: Path, output: Path, split: str = "train", epochs: int = 6, log=print) -> TrainingReport:
    """Train the cue tagger on ``data/split`` and save it to ``output``."""
    started = time.perf_counter()
    fix_random_seed(SEED)
    examples = list(annotated_examples(data / split))
    if not examples:
        raise FileNotFoundError(f"no annotated articles under {data / split}")
    nlp = spacy.blank("en", vocab=examples[0].predicted.vocab)
    nlp.add_pipe("ner", config={"model": MODEL}).add_label(LABEL)
    optimizer = nlp.initialize(lambda: examples)
    order = random.Random(SEED)
    losses_by_epoch = []
    for epoch in range(epochs):
        order.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=8):
            nlp.update(batch, drop=0.2, sgd=optimizer, losses=losses)
        losses_by_epoch.append(round(float(losses.get("ner", 0.0)), 1))
        log(f"epoch {epoch + 1}/{epochs}: loss {losses_by_epoch[-1]}")
    output.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    report = TrainingReport(len(examples), sum(len(e.reference.ents) for e in examples), epochs, losses_by_epoch,
                            round(time.perf_counter() - started, 1))
    (output / "dateline_training.json").write_text(
        json.dumps({**report.__dict__, "data": str(data), "split": split, "features": FEATURES}, indent=1))
    return report
