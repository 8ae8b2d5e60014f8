"""Train taggers of attribution parts from BRAT data (PolNeAR's Source/Cue/Content).

Two spaCy NERs whose features are the word forms *and* the English pipeline's tags
and dependency labels: they learn over the parse dateline already makes, so at
analysis time they run on the parsed Doc at little cost. One tags cues (CUE); the
other, saved under ``parts/``, tags sources and contents (SOURCE, CONTENT), which
nest around cues and so need an entity layer of their own. Neither writes the
Doc's entities (see analyze/learned_cues.py).
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

from ..analysis.learned_cues import CONTENT, LABEL, PARTS_DIR, SOURCE
from ..analysis.nlp import load_pipeline
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
    parts: int = 0
    parts_losses: list[float] | None = None


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


def _gold_spans(parsed: Doc, to_text: dict[int, int], fragments, label: str) -> list[Span]:
    spans = []
    for start, end in fragments:
        if start in to_text and end - 1 in to_text:
            span = parsed.char_span(to_text[start], to_text[end - 1] + 1, label=label, alignment_mode="expand")
            if span is None:
                continue
            # an entity holds no line break and crosses no sentence start: a content over
            # several sentences is one entity a sentence (analysis joins them again)
            begin = span.start
            for t in [*span[1:], None]:
                stop = span.end if t is None else t.i
                if t is not None and not t.is_space and not t.is_sent_start:
                    continue
                if stop > begin and (piece := _trimmed(Span(parsed, begin, stop, label=label))) is not None:
                    spans.append(piece)
                begin = stop + (t is not None and t.is_space)
    return spans


def _reference(parsed: Doc, spans: list[Span]) -> Doc:
    reference = Doc(parsed.vocab, words=[t.text for t in parsed], spaces=[bool(t.whitespace_) for t in parsed])
    reference.ents = filter_spans([Span(reference, s.start, s.end, label=s.label_) for s in spans])
    return reference


def annotated_examples(split_dir: Path) -> Iterator[tuple[Example, Example]]:
    """Each article parsed as the analysis parses it, paired with its gold cue fragments and,
    separately, its gold source and content fragments."""
    nlp = load_pipeline()
    for name, ann in sorted(gold_files(split_dir).items()):
        raw = (split_dir / "text" / f"{name}.txt").read_text(encoding="utf-8")
        article = read_scraped_text(raw, source=name, doc_id=name)
        to_text = _raw_to_text(article)
        parsed = nlp(article.text)
        parsed.tensor = parsed.tensor[:0]  # the taggers do not use it; it would hold 384 bytes a token
        cues, parts = [], []
        for attribution in read_ann(ann):
            cues += _gold_spans(parsed, to_text, attribution.cue or (), LABEL)
            parts += _gold_spans(parsed, to_text, attribution.source or (), SOURCE)
            parts += _gold_spans(parsed, to_text, attribution.content or (), CONTENT)
        parsed.set_ents([], default="missing")  # the taggers start from a blank Doc, as at analysis time
        # nested attributions overlap; the longest span wins (an outer content over an inner source)
        yield Example(parsed, _reference(parsed, cues)), Example(parsed, _reference(parsed, parts))


def _blank_tagger(vocab, labels) -> spacy.Language:
    nlp = spacy.blank("en", vocab=vocab)
    ner = nlp.add_pipe("ner", config={"model": MODEL})
    for label in labels:
        ner.add_label(label)
    return nlp


def train(data: Path, output: Path, split: str = "train", epochs: int = 6, log=print) -> TrainingReport:
    """Train the cue tagger and the source/content tagger on ``data/split``; save them to ``output``."""
    started = time.perf_counter()
    fix_random_seed(SEED)
    pairs = list(annotated_examples(data / split))
    if not pairs:
        raise FileNotFoundError(f"no annotated articles under {data / split}")
    vocab = pairs[0][0].predicted.vocab
    taggers = [_blank_tagger(vocab, [LABEL]), _blank_tagger(vocab, [SOURCE, CONTENT])]
    optimizers = [tagger.initialize(lambda n=n: [pair[n] for pair in pairs]) for n, tagger in enumerate(taggers)]
    order = random.Random(SEED)
    losses_by_epoch: list[list[float]] = [[], []]
    for epoch in range(epochs):
        order.shuffle(pairs)
        losses: list[dict[str, float]] = [{}, {}]
        for batch in minibatch(pairs, size=8):
            for n, tagger in enumerate(taggers):
                tagger.update([pair[n] for pair in batch], drop=0.2, sgd=optimizers[n], losses=losses[n])
        for n in range(2):
            losses_by_epoch[n].append(round(float(losses[n].get("ner", 0.0)), 1))
        log(f"epoch {epoch + 1}/{epochs}: loss cues {losses_by_epoch[0][-1]}, sources/contents {losses_by_epoch[1][-1]}")
    output.mkdir(parents=True, exist_ok=True)
    taggers[0].to_disk(output)
    taggers[1].to_disk(output / PARTS_DIR)
    report = TrainingReport(len(pairs), sum(len(p[0].reference.ents) for p in pairs), epochs, losses_by_epoch[0],
                            round(time.perf_counter() - started, 1), sum(len(p[1].reference.ents) for p in pairs),
                            losses_by_epoch[1])
    (output / "dateline_training.json").write_text(
        json.dumps({**report.__dict__, "data": str(data), "split": split, "features": FEATURES}, indent=1))
    return report
