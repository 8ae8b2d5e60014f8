"""Places: tagging against WikiEvents' named GPE/LOC mentions, resolution against PLOVER gold locations.

- tagging (WikiEvents ``dev.jsonl``): gold are the GPE and LOC entity mentions that are names
  (capitalised, not nationality words such as "Russian"); a predicted place mention matches a gold
  one it overlaps, one-to-one.
- resolution (PLOVER ``PLOVER_GSR_CAMEO.json``): for each gold event location whose name occurs in
  the sentence and whose country is known independently of dateline's gazetteer (a country code in
  the gold, or a country name pycountry knows), whether dateline tags that name and resolves it
  to that country.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pycountry

from ..analysis.pipeline import analyze_many
from ..analysis.places import fold, gazetteer
from ..ingest.scraped import read_scraped_text
from ..model import AnalyzedArticle
from .metrics import PRF, greedy_match, write_errors
from .wikievents import read_document

PLACE_TYPES = ("GPE", "LOC")


@dataclass
class PlaceScores:
    tagging: PRF = field(default_factory=PRF)
    resolvable: int = 0
    tagged: int = 0
    resolved: int = 0
    documents: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        figures = {"documents": self.documents, "seconds": round(self.seconds, 1)}
        if self.tagging.tp + self.tagging.fn:
            figures["tagging"] = self.tagging.row()
        if self.resolvable:
            figures["resolution"] = {"gold": self.resolvable, "tagged": round(self.tagged / self.resolvable, 3),
                                     "country_accuracy": round(self.resolved / self.resolvable, 3)}
        return figures


def _is_name(text: str) -> bool:
    """A place name, not a nationality word ("Russian") or a common noun ("the city")."""
    return text[:1].isupper() and fold(text) not in gazetteer().demonyms


def _mentions(result: AnalyzedArticle) -> list[tuple[int, int, str | None]]:
    return [(m.start, m.end, p.country) for p in result.places for m in p.mentions]


def evaluate_tagging(path: Path, scores: PlaceScores) -> None:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    documents = [read_document(r) for r in records]
    for record, document, result in zip(records, documents, analyze_many(d.article for d in documents), strict=True):
        if not isinstance(result, AnalyzedArticle):
            result = AnalyzedArticle(article=document.article)
        tokens = [t for sentence in record["sentences"] for t in sentence[0]]
        gold = [(tokens[m["start"]][1], tokens[m["end"] - 1][2]) for m in record["entity_mentions"]
                if m["entity_type"] in PLACE_TYPES and _is_name(m["text"])]
        pred = _mentions(result)
        pairs = greedy_match(gold, pred, lambda g, p: max(0, min(g[1], p[1]) - max(g[0], p[0])))
        scores.tagging.add(len(pairs), len(pred) - len(pairs), len(gold) - len(pairs))
        matched = {gi for gi, _ in pairs}
        text = document.text
        scores.errors += [f"FN\t{document.id}\t{text[s:e]!r}" for i, (s, e) in enumerate(gold) if i not in matched]
        scores.documents += 1


def _gold_country(location: dict) -> str | None:
    """The gold location's country, from the gold itself or pycountry, never from our gazetteer."""
    if location.get("country code"):
        return location["country code"]
    try:
        return pycountry.countries.lookup(location.get("name", "")).alpha_2
    except LookupError:
        return None


def evaluate_resolution(path: Path, scores: PlaceScores) -> None:
    records = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]
    articles = (read_scraped_text(r["text"], doc_id=r["id"], published=date.fromisoformat(r["date"])) for r in records)
    for record, result in zip(records, analyze_many(articles), strict=True):
        scores.documents += 1
        location = record.get("eventLoc") or {}
        want = _gold_country(location)
        if not isinstance(result, AnalyzedArticle) or want is None:
            continue
        text = result.article.text
        at = text.find(location["name"])
        if at < 0:
            continue
        scores.resolvable += 1
        found = [c for s, e, c in _mentions(result) if s < at + len(location["name"]) and at < e]
        scores.tagged += bool(found)
        scores.resolved += bool(found) and found[0] == want
        if not found or found[0] != want:
            scores.errors.append(f"RESOLVE\t{record['id']}\t{location['name']}\t{want}\t{found[:1]}")


def evaluate(path: Path, errors_path: Path | None = None) -> PlaceScores:
    """Tagging for a WikiEvents JSONL file, resolution for the PLOVER gold JSON."""
    started = time.perf_counter()
    scores = PlaceScores()
    if path.suffix == ".jsonl":
        evaluate_tagging(path, scores)
    else:
        evaluate_resolution(path, scores)
    scores.seconds = time.perf_counter() - started
    write_errors(errors_path, scores.errors)
    return scores
