"""Events against CAMEO quad-class sentences (ConfliBERT's ``cameo_class`` TSV: sentence, class).

Each sentence's predicted class is that of its first event dateline codes as asserted or
reported (``data/plover_quad.yaml`` maps PLOVER types to the quad classes), or 0 ("make a
statement") when it codes none. Scores: accuracy, and P/R/F1 per class with their macro average.
The sentences are split by position into halves (even: ``tune``, odd: ``confirm``).
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .. import data
from ..analysis.pipeline import analyze_many
from ..ingest.scraped import read_scraped_text
from ..model import AnalyzedArticle
from .metrics import HALVES, PRF, write_errors

CLASSES = (0, 1, 2, 3, 4)
CLASS_NAMES = {0: "statement", 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
               4: "material conflict"}


@cache
def _quad() -> dict:
    return data.load("plover_quad")


def quad_class(result: AnalyzedArticle) -> int:
    """The quad class of a sentence's first asserted or reported event (0 without one)."""
    events = sorted((e for e in result.events if e.modality in ("asserted", "reported")), key=lambda e: e.evidence.start)
    if not events:
        return 0
    event = events[0]
    if event.type == "REQUEST" and event.trigger and any(
            w in event.trigger.text.lower() for w in _quad()["demand_words"]):
        return 3
    return _quad()["classes"].get(event.type, 0)


@dataclass
class QuadScores:
    sentences: int = 0
    seconds: float = 0.0
    right: Counter = field(default_factory=Counter)  # half → right
    counts: Counter = field(default_factory=Counter)  # half → sentences
    per_class: dict = field(default_factory=lambda: {c: PRF() for c in CLASSES})
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        accuracy = {h: round(self.right[h] / self.counts[h], 3) if self.counts[h] else 0.0 for h in ("all", *HALVES)}
        rows = {CLASS_NAMES[c]: prf.row() for c, prf in self.per_class.items()}
        macro = round(sum(prf.f1 for prf in self.per_class.values()) / len(CLASSES), 3)
        return {"sentences": self.sentences, "seconds": round(self.seconds, 1), "accuracy": accuracy,
                "macro_f1": macro, "classes": rows}


def evaluate(path: Path, errors_path: Path | None = None) -> QuadScores:
    rows = [line.rsplit("\t", 1) for line in path.read_text(encoding="utf-8").splitlines() if "\t" in line]
    started = time.perf_counter()
    scores = QuadScores()
    articles = (read_scraped_text(text, doc_id=f"s{i}") for i, (text, _) in enumerate(rows))
    for position, ((text, label), result) in enumerate(zip(rows, analyze_many(articles), strict=True)):
        gold = int(label)
        got = quad_class(result) if isinstance(result, AnalyzedArticle) else 0
        half = HALVES[position % 2]
        scores.sentences += 1
        for key in ("all", half):
            scores.counts[key] += 1
            scores.right[key] += got == gold
        for c, prf in scores.per_class.items():
            prf.add(int(got == c == gold), int(got == c != gold), int(gold == c != got))
        if got != gold:
            found = ", ".join(f"{e.type}:{e.trigger.text if e.trigger else ''}" for e in result.events) \
                if isinstance(result, AnalyzedArticle) else "failed"
            scores.errors.append(f"CLASS\t{CLASS_NAMES[gold]}\tgot={CLASS_NAMES[got]}\tfound={found or '-'}\t{text}")
    scores.seconds = time.perf_counter() - started
    write_errors(errors_path, sorted(scores.errors))
    return scores
