"""Article extraction from real pages against their true body text (the AEB benchmark layout:
``html/HASH.html.gz`` and ``ground-truth.json`` mapping HASH to ``{"articleBody": …}``).

- body: bag-of-tokens precision, recall and F1 of dateline's article text (title included, as
  the reader keeps it) against the true body, per page and averaged (the benchmark's measure).
- metadata: the share of pages that come out with a publication date, with a date-time, and with
  a date-time and offset; how many have a title, an outlet and authors; how many were warned about.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..ingest.html import read_html

_TOKEN = re.compile(r"\w+", re.UNICODE)
_OFFSET = re.compile(r"T\d{2}:\d{2}:\d{2}(?:[+-]\d{2}:\d{2}|Z)$")


def token_prf(predicted: str, gold: str) -> tuple[float, float, float]:
    pred, true = Counter(_TOKEN.findall(predicted.casefold())), Counter(_TOKEN.findall(gold.casefold()))
    common = sum((pred & true).values())
    p = common / sum(pred.values()) if pred else 0.0
    r = common / sum(true.values()) if true else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class ExtractionScores:
    pages: int = 0
    failed: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    with_date: int = 0
    with_time: int = 0
    with_offset: int = 0
    with_title: int = 0
    with_outlet: int = 0
    with_authors: int = 0
    warned: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        n = self.pages or 1
        return {"pages": self.pages, "failed": self.failed, "seconds": round(self.seconds, 1),
                "body": {"p": round(self.precision / n, 3), "r": round(self.recall / n, 3), "f1": round(self.f1 / n, 3)},
                "metadata": {k: getattr(self, k) for k in ("with_date", "with_time", "with_offset", "with_title",
                                                           "with_outlet", "with_authors", "warned")}}


def evaluate(directory: Path, errors_path: Path | None = None) -> ExtractionScores:
    started = time.perf_counter()
    truth = json.loads((directory / "ground-truth.json").read_text(encoding="utf-8"))
    scores = ExtractionScores()
    for key in sorted(truth):
        path = directory / "html" / f"{key}.html.gz"
        scores.pages += 1
        try:
            article = read_html(gzip.decompress(path.read_bytes()), source=str(path))
        except (InputError, OSError) as exc:
            scores.failed += 1
            scores.errors.append(f"FAILED\t{key}\t{exc}")
            continue
        p, r, f = token_prf(article.text, truth[key].get("articleBody") or "")
        scores.precision += p
        scores.recall += r
        scores.f1 += f
        published = article.published or ""
        scores.with_date += bool(published)
        scores.with_time += "T" in published
        scores.with_offset += bool(_OFFSET.search(published))
        scores.with_title += bool(article.title)
        scores.with_outlet += bool(article.outlet)
        scores.with_authors += bool(article.authors)
        scores.warned += bool(article.warnings)
        scores.errors.append(f"PAGE\t{key}\tF1 {f:.3f}\t{published}\t{article.outlet}\t{article.authors}\t"
                             f"{article.title!r}\t{article.warnings}")
    scores.seconds = time.perf_counter() - started
    if errors_path is not None:
        errors_path.write_text("\n".join(scores.errors) + "\n", encoding="utf-8")
    return scores
