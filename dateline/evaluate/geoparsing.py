"""Geoparsing against toponym gold with coordinates: LGL and GeoVirus (as in Gritta et al. 2018).

- tagging: a predicted place mention matches a gold toponym it overlaps, one-to-one. Every gold
  toponym counts, with or without coordinates.
- resolution, on matched toponyms whose gold has coordinates: the share within 161 km (100
  miles), the mean and median error in km, and the area under the curve of the log error
  (``AUC``: 0 is perfect, 1 is the antipode everywhere; the measure of the geoparsing papers).
- The documents are split in two halves by position (even: ``tune``, odd: ``confirm``), so a
  change can be tuned on one half and checked on the other.
"""

from __future__ import annotations

import math
import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from ..analysis.pipeline import analyze_many
from ..analysis.places import kilometres
from ..model import AnalyzedArticle, Article
from .metrics import PRF, greedy_match, write_errors

MAX_ERROR_KM = 20039.0  # half the circumference: the worst possible error
NEAR_KM = 161.0  # 100 miles, the threshold of the literature


@dataclass
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None


@dataclass
class GoldDocument:
    id: str
    text: str
    published: str | None
    toponyms: list[GoldToponym]


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def read_corpus(path: Path) -> list[GoldDocument]:
    """LGL (``<toponyms><toponym><gaztag>``) or GeoVirus (``<locations><location>``) XML."""
    root = ET.parse(path).getroot()
    documents = []
    for n, article in enumerate(root.iter("article")):
        text = article.findtext("text") or ""
        toponyms = []
        for t in article.iter("toponym"):
            tag = t.find("gaztag")
            toponyms.append(GoldToponym(int(t.findtext("start")), int(t.findtext("end")), t.findtext("phrase") or "",
                                        _float(tag.findtext("lat")) if tag is not None else None,
                                        _float(tag.findtext("lon")) if tag is not None else None))
        for loc in article.iter("location"):
            toponyms.append(GoldToponym(int(loc.findtext("start")), int(loc.findtext("end")), loc.findtext("name") or "",
                                        _float(loc.findtext("lat")), _float(loc.findtext("lon"))))
        dltime = (article.findtext("dltime") or "")[:10] or None
        documents.append(GoldDocument(article.get("docid") or article.findtext("source") or str(n), text, dltime,
                                      toponyms))
    return documents


@dataclass
class Half:
    tagging: PRF = field(default_factory=PRF)
    errors_km: list[float] = field(default_factory=list)
    unresolved: int = 0  # matched toponyms with gold coordinates that dateline left without any

    def row(self) -> dict:
        scored = len(self.errors_km) + self.unresolved
        worst = [MAX_ERROR_KM] * self.unresolved  # a place without coordinates is as wrong as can be
        every = sorted(self.errors_km + worst)
        auc = (sum(math.log1p(e) for e in every) / (len(every) * math.log1p(MAX_ERROR_KM))) if every else 0.0
        return {"tagging": self.tagging.row(), "resolved_matches": scored,
                "within_161km": round(sum(e <= NEAR_KM for e in self.errors_km) / scored, 3) if scored else 0.0,
                "mean_km": round(statistics.fmean(every), 1) if every else 0.0,
                "median_km": round(statistics.median(every), 1) if every else 0.0,
                "auc": round(auc, 3), "without_coordinates": self.unresolved}


@dataclass
class GeoparsingScores:
    halves: dict[str, Half] = field(default_factory=lambda: {"tune": Half(), "confirm": Half()})
    documents: int = 0
    failed: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        whole = Half()
        for half in self.halves.values():
            whole.tagging.add(half.tagging.tp, half.tagging.fp, half.tagging.fn)
            whole.errors_km += half.errors_km
            whole.unresolved += half.unresolved
        return {"documents": self.documents, "failed": self.failed, "seconds": round(self.seconds, 1), "all": whole.row(),
                **{name: half.row() for name, half in self.halves.items()}}


def score_document(document: GoldDocument, result: AnalyzedArticle, half: Half, errors: list[str]) -> None:
    predicted = [(m.start, m.end, place) for place in result.places for m in place.mentions]
    gold = document.toponyms
    pairs = greedy_match(gold, predicted, lambda g, p: max(0, min(g.end, p[1]) - max(g.start, p[0])))
    half.tagging.add(len(pairs), len(predicted) - len(pairs), len(gold) - len(pairs))
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}
    for gi, pi in pairs:
        g, (_, _, place) = gold[gi], predicted[pi]
        if g.lat is None or g.lon is None:
            continue
        if place.lat is None or place.lon is None:
            half.unresolved += 1
            errors.append(f"NOCOORD\t{document.id}\t{g.name}\t{place.name} ({place.feature}, {place.country})")
            continue
        km = kilometres(g.lat, g.lon, place.lat, place.lon)
        half.errors_km.append(km)
        if km > NEAR_KM:
            errors.append(f"FAR\t{document.id}\t{g.name}\t{round(km)} km\t{place.name} ({place.feature}, "
                          f"{place.country}, {place.lat}, {place.lon}) gold {g.lat}, {g.lon}")
    errors += [f"FN\t{document.id}\t{g.name}\t{document.text[max(0, g.start - 40):g.end + 40]!r}"
               for i, g in enumerate(gold) if i not in matched_gold]
    errors += [f"FP\t{document.id}\t{p[2].name} ({p[2].feature}, {p[2].country})\t"
               f"{document.text[max(0, p[0] - 40):p[1] + 40]!r}" for i, p in enumerate(predicted) if i not in matched_pred]


def evaluate(path: Path, errors_path: Path | None = None) -> GeoparsingScores:
    started = time.perf_counter()
    documents = read_corpus(path)
    scores = GeoparsingScores()
    articles = (Article(id=f"gold-{d.id}", text=d.text, published=d.published) for d in documents)
    for n, (document, result) in enumerate(zip(documents, analyze_many(articles), strict=True)):
        if not isinstance(result, AnalyzedArticle):  # scored as finding nothing, and said
            scores.errors.append(f"FAILED\t{document.id}\t{result.reason}")
            scores.failed += 1
            result = AnalyzedArticle(article=Article(id=document.id, text=document.text))
        score_document(document, result, scores.halves["tune" if n % 2 == 0 else "confirm"], scores.errors)
        scores.documents += 1
    scores.seconds = time.perf_counter() - started
    write_errors(errors_path, scores.errors)
    return scores
