"""Time expressions against TimeML gold (TempEval-3 measures).

Extent: strict (same offsets) and relaxed (overlap) precision/recall/F1. Over the
relaxed matches: type accuracy and value accuracy; value F1 = relaxed F1 × value
accuracy, as TempEval-3 reports attribute F1.

Values are compared after writing each in one canonical notation, because the gold
spells the same value several ways: "1968-XX" and "1968-XX-XX" are the year 1968,
"198X" the 1980s ("198"), "2000-W7" week 07, "T17" the hour 17:00. Nothing else is
normalised; the accuracy on the raw strings is reported as well.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..analysis.nlp import load_pipeline
from ..analysis.times import find_times
from ..calendar import day_of, parse_datetime
from .metrics import PRF, greedy_match, write_errors
from .timeml import read_timeml

_UNKNOWN_TAIL = re.compile(r"(?:-XX)+$")


def canonical_value(value: str | None) -> str | None:
    """One spelling of a TIMEX3 value: unknown trailing parts dropped, weeks zero-padded, hours with minutes."""
    if not value:
        return value
    value = _UNKNOWN_TAIL.sub("", value)
    value = re.sub(r"^(\d{2,3})X+$", r"\1", value)
    value = re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)
    return re.sub(r"T(\d{2})$", r"T\1:00", value)


@dataclass
class TimeScores:
    strict: PRF = field(default_factory=PRF)
    relaxed: PRF = field(default_factory=PRF)
    matched: int = 0
    type_correct: int = 0
    value_correct: int = 0
    value_string_equal: int = 0
    documents: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        type_acc = self.type_correct / self.matched if self.matched else 0.0
        value_acc = self.value_correct / self.matched if self.matched else 0.0
        string_acc = self.value_string_equal / self.matched if self.matched else 0.0
        return {"documents": self.documents, "seconds": round(self.seconds, 1),
                "strict": self.strict.row(), "relaxed": self.relaxed.row(),
                "type_accuracy": round(type_acc, 3), "value_accuracy": round(value_acc, 3),
                "value_f1": round(self.relaxed.f1 * value_acc, 3),
                "value_accuracy_raw_strings": round(string_acc, 3)}


def _files(data: Path) -> list[Path]:
    return sorted(p for sub in ("TimeBank", "AQUAINT") for p in (data / sub).glob("*.tml"))


def evaluate(data: Path, errors_path: Path | None = None) -> TimeScores:
    """Tag and normalise the TimeBank and AQUAINT documents under ``data`` against their DCT."""
    files = _files(data)
    if not files:
        raise FileNotFoundError(f"no TimeML files under {data}/TimeBank or {data}/AQUAINT")
    started = time.perf_counter()
    nlp = load_pipeline()
    documents = [read_timeml(p) for p in files]
    scores = TimeScores()
    docs = nlp.pipe((d.text for d in documents), batch_size=16)
    for gold_doc, doc in zip(documents, docs, strict=True):
        found = find_times(doc, day_of(parse_datetime(gold_doc.dct)))
        gold = gold_doc.timexes
        strict = greedy_match(gold, found, lambda g, p: 1.0 if (g.start, g.end) == (p.start, p.end) else 0.0)
        scores.strict.add(len(strict), len(found) - len(strict), len(gold) - len(strict))
        relaxed = greedy_match(gold, found, lambda g, p: max(0, min(g.end, p.end) - max(g.start, p.start)))
        scores.relaxed.add(len(relaxed), len(found) - len(relaxed), len(gold) - len(relaxed))
        for gi, pi in relaxed:
            g, p = gold[gi], found[pi]
            scores.matched += 1
            scores.type_correct += g.type == p.type
            same_value = canonical_value(g.value) == canonical_value(p.value)
            scores.value_correct += same_value
            scores.value_string_equal += g.value == p.value
            if not same_value or g.type != p.type:
                scores.errors.append(f"VALUE\t{gold_doc.name}\t{g.text!r}\t{g.type} {g.value}\t{p.text!r}\t{p.type} {p.value}")
        matched_g = {gi for gi, _ in relaxed}
        matched_p = {pi for _, pi in relaxed}
        scores.errors += [f"FN\t{gold_doc.name}\t{g.text!r}\t{g.type} {g.value}" for i, g in enumerate(gold) if i not in matched_g]
        scores.errors += [f"FP\t{gold_doc.name}\t{p.text!r}\t{p.type} {p.value}" for i, p in enumerate(found) if i not in matched_p]
        scores.documents += 1
    scores.seconds = time.perf_counter() - started
    write_errors(errors_path, scores.errors)
    return scores
