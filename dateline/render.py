"""Human-readable rendering of analysed articles with rich."""

from __future__ import annotations

import re
from collections import defaultdict

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .model import AnalyzedArticle

CONTENT_PREVIEW = 160


def _clip(text: str, limit: int = CONTENT_PREVIEW) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def inert(text: str) -> str:
    """``text`` safe for a terminal: control characters (escape sequences that set titles, clear the
    screen, move the cursor) shown as ``\\xNN`` instead of acted on."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _inert_values(value):
    if isinstance(value, str):
        return inert(value)
    if isinstance(value, list):
        return [_inert_values(v) for v in value]
    if isinstance(value, dict):
        return {k: _inert_values(v) for k, v in value.items()}
    return value


def render(result: AnalyzedArticle, console: Console) -> None:
    """The article and its records for people; every string from the article is made inert first."""
    result = AnalyzedArticle.model_validate(_inert_values(result.model_dump(by_alias=True)))
    art = result.article
    names = {a.id: a.name for a in result.actors}
    places = {p.id: p.name for p in result.places}
    header = Text()
    header.append(art.title or "(untitled)", style="bold")
    for label, value in (("published", art.published), ("outlet", art.outlet), ("source id", art.source_id),
                         ("byline", art.byline), ("cites", ", ".join(art.cited_sources) or None),
                         ("source", art.source)):
        if value:
            header.append(f"\n{label}: ", style="dim")
            header.append(value)
    if art.removed:
        header.append("\nremoved: ", style="dim")
        header.append("; ".join(f"{r.reason} ({_clip(r.text, 40)!r})" for r in art.removed))
    console.print(Panel(header, title="article", expand=True))

    actors = Table(title="actors", show_lines=False, expand=True)
    for column in ("id", "name", "kind", "titles / affiliations", "mentions"):
        actors.add_column(column)
    for a in result.actors:
        roles = "; ".join(a.titles + [f"of {x}" for x in a.affiliations if not any(x in t for t in a.titles)])
        actors.add_row(a.id, a.name, a.kind + (f" ({a.country})" if a.country else ""), roles, str(len(a.mentions)))
    console.print(actors)

    by_speaker: dict[str, list] = defaultdict(list)
    for s in result.statements:
        key = names.get(s.speaker) if s.speaker else (f"{s.speaker_mention.text} (unresolved)" if s.speaker_mention else "(no speaker)")
        by_speaker[key].append(s)
    blocks = []
    for speaker, items in by_speaker.items():
        lines = Text()
        lines.append(speaker, style="bold cyan")
        for s in items:
            lines.append(f"\n  [{s.kind}{', intention' if s.act == 'intention' else ''}] ", style="magenta")
            lines.append(f"{s.date or '?'}{' ~' if s.date_basis != 'text' else ''} ", style="dim")
            lines.append(f"{s.cue.text if s.cue else '—'}: ", style="green")
            said = " … ".join(p.text for p in s.content_parts) if s.content_parts else s.content.text
            lines.append(f"“{_clip(said)}”")
            if s.addressee:
                lines.append(f"  → to {names.get(s.addressee, s.addressee)}", style="dim")
        blocks.append(lines)
    console.print(Panel(Group(*blocks) if blocks else Text("none"), title="statements (claims, as attributed)"))

    blocks = []
    for e in result.events:
        line = Text()
        line.append(f"{e.id} {e.type}{'/' + e.mode if e.mode else ''} ", style="bold")
        line.append(", ".join(names.get(a, a) for a in e.actors) or "?")
        if e.recipients:
            line.append(" → " + ", ".join(names.get(a, a) for a in e.recipients))
        if e.date:
            line.append(f"  {e.date.value}", style="yellow")
            line.append(f" ({e.date.text})" if e.date.text else " (publication date)", style="dim")
        if e.place:
            line.append(f"  in {places.get(e.place, e.place)}", style="yellow")
        line.append(f"  [{e.modality}{', background' if e.background else ''}]", style="magenta")
        line.append(f"\n   {_clip(e.evidence.text, 140)}", style="dim")
        blocks.append(line)
    console.print(Panel(Group(*blocks) if blocks else Text("none"), title="events"))
