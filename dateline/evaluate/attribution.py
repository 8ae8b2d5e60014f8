"""Attribution (who said what) against PolNeAR's Source/Cue/Content gold.

EXACT: boundaries equal after stripping surrounding whitespace, punctuation and
quotation marks. OVERLAP: at least one shared non-space character; a whole
attribution matches when contents overlap and, where gold has a source, sources
overlap too. Matching is one-to-one and greedy by largest overlap.

Each miss is counted under a class (cue-missed, nested-in-content, content-taken,
content-elsewhere, source-wrong, source-missing), and so is each false alarm
(not-an-attribution, source-wrong, source-or-cue-wrong, content-elsewhere); ``--errors``
writes them grouped by class.
"""

from __future__ import annotations

import re
import string
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..analysis.pipeline import analyze_many
from ..ingest.scraped import read_scraped_text, to_raw_offset
from ..model import AnalyzedArticle, Article
from .brat import GoldAttribution, gold_files, read_ann
from .metrics import PRF, Spans, greedy_match, overlap, write_errors

_STRIP = set(string.whitespace + string.punctuation + "“”„«»‘’—–…")
_QUOTES = "\"“”„«»"
_WORD = re.compile(r"\w+")


@dataclass
class Predicted:
    source: Spans | None
    cue: Spans | None
    content: Spans
    kind: str


@dataclass
class Scores:
    exact: dict[str, PRF] = field(default_factory=lambda: {k: PRF() for k in ("source", "cue", "content", "whole")})
    overlap: dict[str, PRF] = field(default_factory=lambda: {k: PRF() for k in ("source", "cue", "content", "whole")})
    tokens: PRF = field(default_factory=PRF)
    recall_by_kind: dict[str, list[int]] = field(default_factory=lambda: {"direct/mixed": [0, 0], "indirect": [0, 0]})
    misses: Counter = field(default_factory=Counter)  # unmatched gold attributions by class
    false_alarms: Counter = field(default_factory=Counter)  # unmatched statements by class
    documents: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {
            "documents": self.documents, "seconds": round(self.seconds, 1),
            "exact": {k: v.row() for k, v in self.exact.items()},
            "overlap": {k: v.row() for k, v in self.overlap.items()},
            "content_token": self.tokens.row(),
            "recall_whole_overlap": {k: round(hit / total, 3) if total else 0.0
                                     for k, (hit, total) in self.recall_by_kind.items()},
            "misses_by_class": dict(self.misses.most_common()),
            "false_alarms_by_class": dict(self.false_alarms.most_common()),
        }


def _normalized(text: str, spans: Spans) -> tuple[int, int] | None:
    """Hull of ``spans`` with surrounding whitespace, punctuation and quote marks stripped."""
    start, end = spans[0][0], spans[-1][1]
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    return (start, end) if end > start else None


def _exact(text: str, a: Spans | None, b: Spans | None) -> bool:
    return a is not None and b is not None and _normalized(text, a) == _normalized(text, b)


def _raw(article: Article, span) -> tuple[int, int]:
    return to_raw_offset(article, span.start), to_raw_offset(article, span.end - 1) + 1


def predictions(result: AnalyzedArticle) -> list[Predicted]:
    """Statements as (source, cue, content) spans in raw-text offsets."""
    art = result.article
    found = []
    for s in result.statements:
        content = tuple(_raw(art, p) for p in s.content_parts) if s.content_parts else (_raw(art, s.content),)
        found.append(Predicted(
            source=(_raw(art, s.speaker_mention),) if s.speaker_mention else None,
            cue=(_raw(art, s.cue),) if s.cue else None, content=content, kind=s.kind))
    return found


def _component(text: str, gold: list, pred: list, prf_exact: PRF, prf_overlap: PRF) -> None:
    gold = [g for g in gold if g is not None]
    pred = [p for p in pred if p is not None]
    n_overlap = len(greedy_match(gold, pred, lambda g, p: overlap(text, g, p)))
    n_exact = len(greedy_match(gold, pred, lambda g, p: 1.0 if _exact(text, g, p) else 0.0))
    prf_overlap.add(n_overlap, len(pred) - n_overlap, len(gold) - n_overlap)
    prf_exact.add(n_exact, len(pred) - n_exact, len(gold) - n_exact)


def _whole_overlap(text: str, g: GoldAttribution, p: Predicted) -> float:
    if g.source is not None and (p.source is None or not overlap(text, g.source, p.source)):
        return 0.0
    return overlap(text, g.content, p.content)


def _whole_exact(text: str, g: GoldAttribution, p: Predicted) -> float:
    if g.source is not None and not _exact(text, g.source, p.source):
        return 0.0
    return 1.0 if _exact(text, g.content, p.content) else 0.0


def _token_starts(text: str, spans_list) -> set[int]:
    starts = set()
    for spans in spans_list:
        for s, e in spans:
            starts.update(m.start() + s for m in _WORD.finditer(text[s:e]))
    return starts


def score_document(text: str, gold: list[GoldAttribution], pred: list[Predicted], scores: Scores,
                   errors: list[str] | None = None, name: str = "") -> None:
    for key in ("source", "cue", "content"):
        _component(text, [getattr(g, key) for g in gold], [getattr(p, key) for p in pred],
                   scores.exact[key], scores.overlap[key])
    pairs = greedy_match(gold, pred, lambda g, p: _whole_overlap(text, g, p))
    scores.overlap["whole"].add(len(pairs), len(pred) - len(pairs), len(gold) - len(pairs))
    exact_pairs = greedy_match(gold, pred, lambda g, p: _whole_exact(text, g, p))
    scores.exact["whole"].add(len(exact_pairs), len(pred) - len(exact_pairs), len(gold) - len(exact_pairs))
    matched_gold = {gi for gi, _ in pairs}
    for gi, g in enumerate(gold):
        content_text = " ".join(text[s:e] for s, e in g.content)
        kind = "direct/mixed" if any(c in content_text for c in _QUOTES) else "indirect"
        scores.recall_by_kind[kind][1] += 1
        scores.recall_by_kind[kind][0] += gi in matched_gold
    g_tokens = _token_starts(text, [g.content for g in gold])
    p_tokens = _token_starts(text, [p.content for p in pred])
    scores.tokens.add(len(g_tokens & p_tokens), len(p_tokens - g_tokens), len(g_tokens - p_tokens))
    matched_pred = {pi for _, pi in pairs}
    show = lambda spans: " … ".join(text[s:e] for s, e in spans) if spans else "-"
    parts = lambda a: f"source={show(a.source)!r}\tcue={show(a.cue)!r}\tcontent={show(a.content)!r}"
    _count_unmatched(gold, matched_gold, lambda g: _miss_class(text, g, pred), scores.misses, errors,
                     lambda kind, g: f"FN\t{kind}\t{name}\t{g.content[0][0]}\t{parts(g)}")
    _count_unmatched(pred, matched_pred, lambda p: _false_alarm_class(text, gold, p), scores.false_alarms, errors,
                     lambda kind, p: f"FP\t{kind}\t{name}\t{p.content[0][0]}\t{p.kind}\t{parts(p)}")


def _count_unmatched(items: list, matched: set[int], classify, counts: Counter, errors: list[str] | None,
                     line) -> None:
    """Count each item not in ``matched`` under its class, and list it in ``errors`` when kept."""
    for i, item in enumerate(items):
        if i not in matched:
            kind = classify(item)
            counts[kind] += 1
            if errors is not None:
                errors.append(line(kind, item))


def _within(inner: Spans | None, outer: Spans) -> bool:
    return inner is not None and any(s <= inner[0][0] and inner[-1][1] <= e for s, e in outer)


def _miss_class(text: str, g: GoldAttribution, pred: list[Predicted]) -> str:
    """Why a gold attribution went unmatched: the class ``--errors`` groups it under."""
    same_cue = next((p for p in pred if g.cue and p.cue and overlap(text, g.cue, p.cue)), None)
    if same_cue is not None:
        if g.source is not None and (same_cue.source is None or not overlap(text, g.source, same_cue.source)):
            return "source-wrong" if same_cue.source else "source-missing"
        return "content-elsewhere"
    if any(_within(g.cue, p.content) for p in pred):
        return "nested-in-content"  # its cue lies inside what a found statement reports
    if any(overlap(text, g.content, p.content) for p in pred):
        return "content-taken"  # its words went to another cue
    return "cue-missed"


def _false_alarm_class(text: str, gold: list[GoldAttribution], p: Predicted) -> str:
    """Why a found statement matched no gold attribution."""
    if any(overlap(text, g.content, p.content) for g in gold):
        return "source-or-cue-wrong" if not any(g.cue and p.cue and overlap(text, g.cue, p.cue) for g in gold) \
            else "source-wrong"
    if p.cue and any(g.cue and overlap(text, g.cue, p.cue) for g in gold):
        return "content-elsewhere"
    return "not-an-attribution"


def evaluate(data: Path, split: str = "dev", errors_path: Path | None = None, nlp=None) -> Scores:
    """Run dateline over ``data/split/text`` and score it against the first annotator's file."""
    split_dir = data / split
    files = gold_files(split_dir)
    if not files:
        raise FileNotFoundError(f"no .ann files under {split_dir / 'attributions'}")
    started = time.perf_counter()
    raws = {doc: (split_dir / "text" / f"{doc}.txt").read_text(encoding="utf-8") for doc in files}
    articles = (read_scraped_text(raws[doc], source=doc, doc_id=doc) for doc in files)
    scores = Scores()
    errors: list[str] | None = [] if errors_path else None
    for result in analyze_many(articles, nlp):
        doc = result.article.id
        found = predictions(result) if isinstance(result, AnalyzedArticle) else []  # a failure predicts nothing
        score_document(raws[doc], read_ann(files[doc]), found, scores, errors, doc)
        scores.documents += 1
    scores.seconds = time.perf_counter() - started
    if errors is not None:
        write_errors(errors_path, sorted(errors, key=lambda line: line.split("\t")[:2]))
    return scores
