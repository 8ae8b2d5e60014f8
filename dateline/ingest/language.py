"""A cheap English check: dateline's analysis stages are English-only."""

from __future__ import annotations

import re

_STOPWORDS = frozenset("the of and to a in that is was he for it with as his on be at by i this had not are but "
                       "from or have an they which one you were her all she there would their we him been has "
                       "when who will more no if out so said what up its about into than them can only other "
                       "new some could time these two may then do first any my now such like our over man me "
                       "even most made after also did many before must through back years where much your way".split())
_WORD = re.compile(r"[^\W\d_]+")
MIN_ENGLISH_SHARE = 0.12  # share of running words that are common English function words
MIN_WORDS = 20


def guess_language(text: str) -> str:
    """'en' for English text, 'und' (undetermined, not English) otherwise."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if len(words) < MIN_WORDS:
        return "en"
    share = sum(w in _STOPWORDS for w in words) / len(words)
    return "en" if share >= MIN_ENGLISH_SHARE else "und"
