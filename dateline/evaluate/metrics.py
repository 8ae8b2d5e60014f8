"""Precision, recall, F1 and one-to-one greedy span matching."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

Spans = tuple[tuple[int, int], ...]  # possibly discontinuous
# Items by position, even / odd: one half to tune rules on, the other to confirm that a change holds.
HALVES = ("tune", "confirm")


def write_errors(path: Path | None, lines: list[str]) -> None:
    """Every miss and false alarm of an evaluation, a line each, where ``--errors`` asked for them."""
    if path is not None:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> dict:
        return {"p": round(self.precision, 3), "r": round(self.recall, 3), "f1": round(self.f1, 3),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def overlap(text: str, a: Spans, b: Spans) -> int:
    """Number of non-space characters two (discontinuous) spans share."""
    chars_a = {i for s, e in a for i in range(s, e)}
    return sum(1 for s, e in b for i in range(s, e) if i in chars_a and not text[i].isspace())


def greedy_match(gold: Sequence, pred: Sequence, score: Callable[[object, object], float]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index), best-scoring first; pairs scoring 0 are left out."""
    candidates = sorted(((score(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)),
                        key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for value, gi, pi in candidates:
        if value <= 0:
            break
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs
