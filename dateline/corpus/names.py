"""Comparable forms of names across articles: case, diacritics, titles and transliteration variants."""

from __future__ import annotations

import re
from functools import cache

from unidecode import unidecode

from ..analysis.actors import lexicon

_NON_LETTER = re.compile(r"[^a-z ]+")
# Spelling rules applied in order; they make common transliteration variants meet
# ("Haniyeh" / "Haniya", "Qaddafi" / "Gaddafi" / "Kadhafi", "Mohammed" / "Muhammad").
_RULES = [("kh", "k"), ("gh", "g"), ("ph", "f"), ("dh", "d"), ("th", "t"), ("ou", "u"), ("oo", "u"),
          ("ee", "i"), ("ie", "i"), ("y", "i"), ("q", "k"), ("ck", "k"), ("c", "k"), ("o", "u"), ("e", "i")]


def plain(name: str) -> str:
    """Lower-case ASCII words, punctuation gone."""
    return " ".join(_NON_LETTER.sub(" ", unidecode(name).lower().replace("'", "")).split())


@cache
def _stopwords() -> frozenset[str]:
    lex = lexicon()
    words = {w for t in lex.titles | lex.honorifics for w in t for w in [w.rstrip(".")]}
    return frozenset(words | set(lex.particles) | {"the", "of", "mr", "mrs", "ms", "dr", "jr", "sr"})


def name_words(name: str) -> list[str]:
    """The words of a name without titles, honorifics and particles."""
    words = plain(name).split()
    kept = [w for w in words if w not in _stopwords()]
    return kept or words


def sound(word: str) -> str:
    """A spelling-insensitive form of one word."""
    for old, new in _RULES:
        word = word.replace(old, new)
    word = re.sub(r"(.)\1+", r"\1", word)
    word = word.rstrip("h")
    return word.rstrip("aiu") or word


def keys(name: str, kind: str) -> dict[str, str]:
    """Lookup keys of a name: 'full' always; for people also 'last' and 'first_last'."""
    words = name_words(name)
    found = {"full": f"{kind}:" + " ".join(sound(w) for w in words)}
    if kind == "person" and words:
        found["last"] = f"person-last:{sound(words[-1])}"
        if len(words) >= 2:
            found["first_last"] = f"person:{sound(words[0])} {sound(words[-1])}"
    return found
