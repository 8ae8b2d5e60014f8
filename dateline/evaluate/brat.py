"""Reading BRAT standoff attribution annotations (PolNeAR)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .metrics import Spans


@dataclass
class GoldAttribution:
    source: Spans | None
    cue: Spans | None
    content: Spans


def _spans(field: str) -> Spans:
    return tuple((int(s), int(e)) for s, e in (part.split() for part in field.split(";")))


def read_ann(path: Path) -> list[GoldAttribution]:
    """The attributions of one .ann file (relations ``Attribution`` and ``Attribution-no-source``)."""
    spans: dict[str, Spans] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        columns = line.split("\t")
        if len(columns) < 2 or not columns[0][1:].isdigit():
            continue  # the rest of a span text that ran over a line break
        if line.startswith("T") and len(columns) >= 3:
            tid, kind_and_spans = columns[0], columns[1]
            kind, _, offsets = kind_and_spans.partition(" ")
            spans[tid] = _spans(offsets)
        elif line.startswith("E"):
            _, args = line.split("\t", 1)
            fields = dict(arg.split(":", 1) for arg in args.split())
            if "Attribution" in fields or "Attribution-no-source" in fields:
                relations.append(fields)
    found = []
    for rel in relations:
        if "Content" not in rel:
            continue
        found.append(GoldAttribution(
            source=spans.get(rel["Source"]) if "Source" in rel else None,
            cue=spans.get(rel["Cue"]) if "Cue" in rel else None,
            content=spans[rel["Content"]]))
    return found


def gold_files(split_dir: Path) -> dict[str, Path]:
    """Article name → the .ann file whose annotator id sorts first."""
    chosen: dict[str, Path] = {}
    for path in sorted((split_dir / "attributions").glob("*.ann")):
        doc, _, _annotator = path.stem.rpartition("_")
        chosen.setdefault(doc, path)
    return chosen
