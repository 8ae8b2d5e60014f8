"""The actor knowledge base: a user-editable YAML file of canonical actors.

Each entry: ``name`` (canonical), ``aliases``, ``kind`` (person, organization,
country, group), ``roles`` (each with ``title`` or ``code`` and optional ``start`` /
``end`` dates), ``country`` (ISO alpha-3) and an optional ``wikidata`` id. Files
given with ``--kb`` or ``DATELINE_KB`` (several, separated by ``:``) are read at start.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .names import keys


@dataclass
class KBEntry:
    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    roles: list[dict] = field(default_factory=list)
    country: str | None = None
    wikidata: str | None = None


class KnowledgeBase:
    def __init__(self, entries: list[KBEntry]):
        self.entries = entries
        self._by_key: dict[str, KBEntry] = {}
        for entry in entries:
            for alias in [entry.name, *entry.aliases]:
                self._by_key.setdefault(keys(alias, entry.kind)["full"], entry)

    def lookup(self, name: str, kind: str) -> KBEntry | None:
        return self._by_key.get(keys(name, kind)["full"])

    @classmethod
    def load(cls, paths: list[Path] | None = None) -> KnowledgeBase:
        if paths is None:
            paths = [Path(p) for p in os.environ.get("DATELINE_KB", "").split(":") if p]
        entries: list[KBEntry] = []
        for path in paths:
            for n, raw in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
                entries.append(KBEntry(
                    id=str(raw.get("id") or raw.get("wikidata") or f"{path.stem}:{n}"), name=raw["name"],
                    kind=raw.get("kind", "person"), aliases=[str(a) for a in raw.get("aliases", [])],
                    roles=raw.get("roles", []), country=raw.get("country"), wikidata=raw.get("wikidata")))
        return cls(entries)


# ------------------------------------------------------------------ Phoenix import

_ROLE = re.compile(r"\[([A-Z~]+)(?:\s+(\d{6})?-(\d{6})?)?\]")
_COMMENT = re.compile(r"\s*#.*$")


def _phoenix_name(raw: str) -> str:
    words = raw.strip().strip("_").replace("_", " ").split()
    return " ".join(w if any(c.isdigit() for c in w) else w.capitalize() for w in words)


def _phoenix_date(value: str | None, *, end: bool) -> str | None:
    if not value:
        return None
    year = int(value[:2])
    year += 1900 if year > 30 else 2000
    return f"{year:04d}-{value[2:4]}-{value[4:6]}"


def import_phoenix(directory: Path) -> list[dict]:
    """Convert PETRARCH/Phoenix ``*.actors.txt`` dictionaries into knowledge-base entries."""
    entries: list[dict] = []
    for path in sorted(directory.glob("*actors.txt")):
        current: dict | None = None
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            text = _COMMENT.sub("", line).rstrip()
            if not text.strip():
                continue
            if text.startswith(("\t", " ")) and text.strip().startswith("["):
                if current is not None:
                    for code, start, stop in _ROLE.findall(text):
                        current["roles"].append({k: v for k, v in (
                            ("code", code), ("start", _phoenix_date(start, end=False)),
                            ("end", _phoenix_date(stop, end=True))) if v})
                continue
            if text.startswith("+"):
                if current is not None:
                    current["aliases"].append(_phoenix_name(text[1:]))
                continue
            roles = _ROLE.findall(text)
            name = _ROLE.sub("", text).strip()
            if not name or name.startswith(("!", "<")):
                current = None
                continue
            current = {"name": _phoenix_name(name), "aliases": [], "roles": [], "kind": "person"}
            for code, start, stop in roles:
                current["roles"].append({k: v for k, v in (("code", code), ("start", _phoenix_date(start, end=False)),
                                                             ("end", _phoenix_date(stop, end=True))) if v})
            entries.append(current)
    for entry in entries:
        codes = [r["code"] for r in entry["roles"] if "code" in r]
        if codes:
            entry["country"] = codes[-1][:3]
        if any(len(c) == 3 for c in codes) and not any(len(c) > 3 for c in codes):
            entry["kind"] = "country"
        elif any(c[3:6] in ("GOV", "MIL", "ELI", "OPP", "PTY", "REB", "LEG", "JUD", "SPY", "BUS", "MED", "CVL",
                            "REF", "LAB", "EDU", "HLH", "CRM", "IMG", "UAF", "IGO", "NGO", "MNC") for c in codes) \
                and path_kind(entry["name"]) == "organization":
            entry["kind"] = "organization"
        if not entry["aliases"]:
            del entry["aliases"]
    return entries


def path_kind(name: str) -> str:
    """Organisations in the Phoenix files read like organisations."""
    words = name.lower().split()
    org_words = {"party", "army", "front", "organization", "organisation", "council", "committee", "movement",
                 "union", "brigades", "ministry", "agency", "bank", "company", "corporation", "group", "forces",
                 "league", "association", "nations", "fund", "alliance", "court", "parliament", "government"}
    return "organization" if set(words) & org_words else "person"
