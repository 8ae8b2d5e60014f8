"""Train a tagger of attribution cues from BRAT data (PolNeAR's Source/Cue/Content).

The tagger is a small spaCy pipeline of its own (tokenizer + NER with one label,
CUE), kept apart from the English pipeline so its entities never mix with names
and places. At analysis time it proposes cues the lexicons lack; the rules still
decide the speaker and the content from the parse (see analyze/learned_cues.py).
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import filter_spans, fix_random_seed, minibatch

from ..evaluate.brat import gold_files, read_ann
from ..ingest.scraped import read_scraped_text, to_raw_offset

LABEL = "CUE"
SEED = 0


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


def _trimmed(span):
    """The span without edge spaces or punctuation, which NER cannot learn to include."""
    start, end = span.start, span.end
    while start < end and (span.doc[start].is_space or span.doc[start].is_punct):
        start += 1
    while end > start and (span.doc[end - 1].is_space or span.doc[end - 1].is_punct):
        end -= 1
    return Span(span.doc, start, end, label=span.label_) if end > start else None


def annotated_docs(split_dir: Path, nlp: Language) -> Iterator[Doc]:
    """Each article's cleaned text with its gold cue fragments as entities."""
    for name, ann in sorted(gold_files(split_dir).items()):
        raw = (split_dir / "text" / f"{name}.txt").read_text(encoding="utf-8")
        article = read_scraped_text(raw, source=name, doc_id=name)
        to_text = _raw_to_text(article)
        doc = nlp.make_doc(article.text)
        spans = []
        for attribution in read_ann(ann):
            for start, end in attribution.cue or ():
                if start in to_text and end - 1 in to_text:
                    span = doc.char_span(to_text[start], to_text[end - 1] + 1, label=LABEL, alignment_mode="expand")
                    if span is not None and (span := _trimmed(span)) is not None:
                        spans.append(span)
        doc.ents = filter_spans(spans)
        yield doc


def train(data: Path, output: Path, split: str = "train", epochs: int = 8, log=print) -> TrainingReport:
    """Train the cue tagger on ``data/split`` and save it to ``output``."""
    started = time.perf_counter()
    fix_random_seed(SEED)
    nlp = spacy.blank("en")
    nlp.add_pipe("ner").add_label(LABEL)
    gold = list(annotated_docs(data / split, nlp))
    if not gold:
        raise FileNotFoundError(f"no annotated articles under {data / split}")
    examples = [Example(nlp.make_doc(d.text), d) for d in gold]
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
    report = TrainingReport(len(gold), sum(len(d.ents) for d in gold), epochs, losses_by_epoch,
                            round(time.perf_counter() - started, 1))
    (output / "dateline_training.json").write_text(json.dumps({**report.__dict__, "data": str(data), "split": split}, indent=1))
    return report
