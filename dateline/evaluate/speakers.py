"""Speaker resolution against PolNeAR dev's hand-resolved sources (``speakers_dev.jsonl``).

The protocol of the file's ``SPEAKERS.md``: each record with a canonical name is scored. The
system's statement for it is the one whose content overlaps most the gold contents of the
attributions with that Source; its speaker is the resolved actor's name, else the text of its
speaker mention. Correct when that name matches the canonical name after normalising (case,
apostrophes, possessive 's, dots in abbreviations, titles, leading articles, generational suffixes), by the last proper
word of the name (with the same common-noun tail: "the Trump campaign" is not "Hillary Clinton
campaign") or by one side's words appearing whole in the other's (with a proper name among them),
or an acronym equal to the other side's initials. Reported: coverage, accuracy among covered
sources and end to end, overall and per form.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..analysis.pipeline import analyze_many
from ..ingest.scraped import read_scraped_text, to_raw_offset
from ..model import AnalyzedArticle
from .brat import gold_files, read_ann
from .metrics import HALVES

TITLES = {"mr", "mrs", "ms", "sen", "gov", "dr", "rep", "pres", "president", "senator", "governor", "secretary"}
ARTICLES = {"the", "a", "an"}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
FORMS = ("name", "pronoun", "nominal", "organization")


def _words(name: str) -> list[str]:
    """A name's words for comparison, case kept: apostrophes straightened, possessive 's and the dots
    of abbreviations dropped, titles and leading articles left out."""
    name = name.replace("’", "'").replace("‘", "'")
    name = re.sub(r"'s\b", "", name)
    name = re.sub(r"\b((?:[A-Za-z]\.){2,})", lambda m: m.group(1).replace(".", ""), name)
    words = [w.strip(".,;:\"“”()") for w in name.split()]
    words = [w for w in words if w]
    while words and words[0].lower() in ARTICLES:
        words = words[1:]
    words = [w for w in words if w.lower().rstrip(".") not in TITLES]
    while len(words) > 1 and words[-1].lower().rstrip(".") in SUFFIXES:
        words = words[:-1]  # "Joseph R. Biden Jr." is Joseph Biden, "Vann R. Newkirk II" Vann Newkirk
    return words


def _proper(word: str) -> bool:
    return word[:1].isupper()


def _last_proper_and_tail(words: list[str]) -> tuple[str | None, tuple[str, ...]]:
    last = max((i for i, w in enumerate(words) if _proper(w)), default=None)
    if last is None:
        return None, ()
    return words[last].lower(), tuple(w.lower() for w in words[last + 1:])


def _contains(outer: list[str], inner: list[str]) -> bool:
    low_outer, low_inner = [w.lower() for w in outer], [w.lower() for w in inner]
    n = len(low_inner)
    return bool(n) and any(low_outer[i:i + n] == low_inner for i in range(len(low_outer) - n + 1))


def names_match(system: str | None, canonical: str) -> bool:
    if not system:
        return False
    a, b = _words(system), _words(canonical)
    if not a or not b:
        return False
    last_a, tail_a = _last_proper_and_tail(a)
    last_b, tail_b = _last_proper_and_tail(b)
    if last_a is not None and last_a == last_b and tail_a == tail_b:
        # one surname, two people: "Bill Clinton" is not "Hillary Clinton" (an initial may stand for a name)
        return not _other_first_names(a, b)
    return _one_contains_the_other(a, b)


def _other_first_names(a: list[str], b: list[str]) -> bool:
    """Whether two names of two words or more open with different first names ("Bill", "Hillary")."""
    first_a = next((w for w in a if _proper(w)), None)
    first_b = next((w for w in b if _proper(w)), None)
    if first_a is None or first_b is None or len([w for w in a if _proper(w)]) < 2 or len([w for w in b if _proper(w)]) < 2:
        return False
    short, long_ = sorted((first_a.rstrip("."), first_b.rstrip(".")), key=len)
    return not long_.startswith(short)


def _one_contains_the_other(a: list[str], b: list[str]) -> bool:
    for outer, inner in ((a, b), (b, a)):
        if _contains(outer, inner) and any(_proper(w) for w in inner):
            return True
        if len(inner) == 1 and inner[0].isupper() and len(inner[0]) > 1 \
                and inner[0] == "".join(w[0] for w in outer if _proper(w)).upper():
            return True
    return False


@dataclass
class SpeakerScores:
    by_form: dict[str, list[int]] = field(default_factory=lambda: {f: [0, 0, 0] for f in FORMS})  # scored, covered, right
    # documents by position, even / odd: one half to tune on, the other to confirm a change holds
    by_half: dict[str, list[int]] = field(default_factory=lambda: {h: [0, 0, 0] for h in HALVES})
    documents: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def _row(self, scored: int, covered: int, right: int) -> dict:
        return {"scored": scored, "coverage": round(covered / scored, 3) if scored else 0.0,
                "accuracy_covered": round(right / covered, 3) if covered else 0.0,
                "accuracy": round(right / scored, 3) if scored else 0.0}

    def as_dict(self) -> dict:
        total = [sum(v[i] for v in self.by_form.values()) for i in range(3)]
        return {"documents": self.documents, "seconds": round(self.seconds, 1), "all": self._row(*total),
                "by_half": {h: self._row(*v) for h, v in self.by_half.items()},
                "by_form": {f: self._row(*v) for f, v in self.by_form.items() if v[0]}}


def _chars(spans) -> set[int]:
    return {i for s, e in spans for i in range(s, e)}


def evaluate(data: Path, errors_path: Path | None = None) -> SpeakerScores:
    """``data``: the PolNeAR directory holding ``speakers_dev.jsonl`` and ``dev/``."""
    started = time.perf_counter()
    records = [json.loads(line) for line in (data / "speakers_dev.jsonl").read_text(encoding="utf-8").splitlines()
               if line.strip()]
    docs = sorted({r["doc"] for r in records})
    ann = gold_files(data / "dev")
    raws = {doc: (data / "dev" / "text" / f"{doc}.txt").read_text(encoding="utf-8") for doc in docs}
    scores = SpeakerScores()
    articles = (read_scraped_text(raws[doc], source=doc, doc_id=doc) for doc in docs)
    for n, (doc, result) in enumerate(zip(docs, analyze_many(articles), strict=True)):
        half = scores.by_half[HALVES[n % 2]]
        scores.documents += 1
        raw = raws[doc]
        gold = read_ann(ann[doc])
        statements = []
        if isinstance(result, AnalyzedArticle):
            names = {a.id: a.name for a in result.actors}
            for s in result.statements:
                parts = s.content_parts or [s.content]
                spans = [(to_raw_offset(result.article, p.start), to_raw_offset(result.article, p.end - 1) + 1)
                         for p in parts]
                name = names.get(s.speaker) if s.speaker else (s.speaker_mention.text if s.speaker_mention else None)
                statements.append((_chars(spans), name))
        for record in (r for r in records if r["doc"] == doc and r["canonical"]):
            form = record["form"] if record["form"] in FORMS else "nominal"
            tally = scores.by_form[form]
            tally[0] += 1
            half[0] += 1
            contents = _chars([span for g in gold if g.source and g.source[0][0] == record["start"]
                               and g.source[-1][1] == record["end"] for span in g.content])
            best = max(((len(chars & contents), -n, name) for n, (chars, name) in enumerate(statements)),
                       default=(0, 0, None))
            best = (best[0], best[2])
            if best[0] == 0:
                scores.errors.append(f"MISSED\t{form}\t{doc}\t{record['text']!r}\twant {record['canonical']!r}")
                continue
            tally[1] += 1
            half[1] += 1
            if names_match(best[1], record["canonical"]):
                tally[2] += 1
                half[2] += 1
            else:
                scores.errors.append(f"WRONG\t{form}\t{doc}\t{record['text']!r}\tgot {best[1]!r}\t"
                                     f"want {record['canonical']!r}\t{raw[record['start']:record['end'] + 60]!r}")
    scores.seconds = time.perf_counter() - started
    if errors_path is not None:
        errors_path.write_text("\n".join(sorted(scores.errors)) + "\n", encoding="utf-8")
    return scores
