"""An analysed article's text cut into pieces, each with the records whose evidence covers it: the
article page marks statement contents (coloured by speaker), cues, speaker mentions, event triggers,
places and times, and shows each record on hover."""

from __future__ import annotations

from dataclasses import dataclass, field

from html import escape

from markupsafe import Markup

SPEAKER_COLOURS = 8


@dataclass
class Mark:
    start: int
    end: int
    css: str  # class names
    key: str  # the record it belongs to
    speaker: str = ""


@dataclass
class Piece:
    text: str
    css: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)


def record_views(record: dict, reviews: list[dict] | None = None) -> dict[str, dict]:
    """What the page shows of each record on hover, by key ('s1', 'e2', 'p3', 't4')."""
    article = record["article"]
    names = {a["id"]: a["name"] for a in record.get("actors", [])}
    places = {p["id"]: p["name"] for p in record.get("places", [])}
    by_span = {}
    for r in reviews or []:
        by_span.setdefault((r["target"], r["start"], r["end"]), {})[r["field"]] = r["value"]
    views: dict[str, dict] = {}
    for s in record.get("statements", []):
        views[s["id"]] = {
            "record": "statement", "kind": s["kind"],
            "speaker": names.get(s.get("speaker")) or (s.get("speaker_mention") or {}).get("text") or "(not resolved)",
            "cue": (s.get("cue") or {}).get("text"), "date": s.get("date"), "date basis": s.get("date_basis"),
            "confidence": s.get("confidence"), "content": s["content"]["text"],
            "offsets": f"{s['content']['start']}-{s['content']['end']}",
            "review": by_span.get(("statement", s["content"]["start"], s["content"]["end"]))}
    for e in record.get("events", []):
        date = e.get("date") or {}
        views[e["id"]] = {
            "record": "event", "type": e["type"], "mode": e.get("mode"), "modality": e["modality"],
            "actors": ", ".join(names.get(a, a) for a in e.get("actors", [])) or None,
            "recipients": ", ".join(names.get(a, a) for a in e.get("recipients", [])) or None,
            "place": places.get(e.get("place")), "date": date.get("value"), "date basis": date.get("basis"),
            "confidence": e.get("confidence"), "evidence": e["evidence"]["text"],
            "offsets": f"{e['evidence']['start']}-{e['evidence']['end']}",
            "review": by_span.get(("event", e["evidence"]["start"], e["evidence"]["end"]))}
    for p in record.get("places", []):
        where = f"{p['lat']:.3f}, {p['lon']:.3f}" if p.get("lat") is not None else None
        views[p["id"]] = {"record": "place", "name": p["name"], "feature": p.get("feature"),
                          "country": p.get("country"), "admin1": p.get("admin1"), "coordinates": where,
                          "geonames": p.get("geonames_id")}
    for i, t in enumerate(record.get("times", [])):
        views[f"t{i}"] = {"record": "time", "type": t["type"], "value": t.get("value"), "anchor": t.get("anchor")}
    views["_article"] = {"published": article.get("published")}
    return views


def speaker_classes(record: dict) -> dict[str, str]:
    """A colour class per speaker, in order of first statement."""
    order: dict[str, str] = {}
    for s in record.get("statements", []):
        who = s.get("speaker") or "?"
        order.setdefault(who, f"spk{len(order) % SPEAKER_COLOURS}")
    return order


def marks(record: dict) -> list[Mark]:
    names = {a["id"]: a["name"] for a in record.get("actors", [])}
    colours = speaker_classes(record)
    found: list[Mark] = []
    for s in record.get("statements", []):
        speaker = names.get(s.get("speaker")) or (s.get("speaker_mention") or {}).get("text") or ""
        colour = colours[s.get("speaker") or "?"]
        for part in s.get("content_parts") or [s["content"]]:
            found.append(Mark(part["start"], part["end"], f"statement {s['kind']} {colour}", s["id"], speaker))
        if s.get("cue"):
            found.append(Mark(s["cue"]["start"], s["cue"]["end"], "cue", s["id"], speaker))
        if s.get("speaker_mention"):
            found.append(Mark(s["speaker_mention"]["start"], s["speaker_mention"]["end"], f"speaker {colour}",
                              s["id"], speaker))
    for e in record.get("events", []):
        span = e.get("trigger") or e["evidence"]
        found.append(Mark(span["start"], span["end"], f"trigger {e['modality']}", e["id"]))
        for m in e.get("mentions") or []:  # "the attack" later on: the same event's record
            found.append(Mark(m["start"], m["end"], f"trigger {e['modality']}", e["id"]))
    for p in record.get("places", []):
        for m in p.get("mentions", []):
            found.append(Mark(m["start"], m["end"], "place", p["id"]))
    for i, t in enumerate(record.get("times", [])):
        found.append(Mark(t["start"], t["end"], "time", f"t{i}"))
    return found


def pieces(text: str, found: list[Mark]) -> list[Piece]:
    """``text`` cut at every mark boundary; each piece lists the marks that cover it."""
    found = [m for m in found if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in found), *(m.end for m in found)})
    starting: dict[int, list[Mark]] = {}
    for m in found:
        starting.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    out: list[Piece] = []
    for left, right in zip(cuts, cuts[1:]):
        active = [m for m in active if m.end > left] + starting.get(left, [])
        piece = Piece(text[left:right])
        for m in active:
            piece.css += m.css.split()
            if m.key not in piece.keys:
                piece.keys.append(m.key)
            if m.speaker and m.speaker not in piece.speakers:
                piece.speakers.append(m.speaker)
        piece.css = list(dict.fromkeys(piece.css))
        out.append(piece)
    return out


def to_html(found: list[Piece]) -> Markup:
    """The pieces as escaped HTML: marked ones as focusable spans naming their records. Built here, not in
    the template, because an article has hundreds of pieces and this is the page's hot loop."""
    out = []
    for piece in found:
        text = escape(piece.text)
        if not piece.keys:
            out.append(text)
            continue
        speaker = f' data-speaker="{escape("; ".join(piece.speakers))}"' if piece.speakers else ""
        out.append(f'<span class="{escape(" ".join(piece.css))}" data-r="{escape(" ".join(piece.keys))}"{speaker} '
                   f'tabindex="0">{text}</span>')
    return Markup("".join(out))
