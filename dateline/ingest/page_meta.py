"""A news page's own metadata: JSON-LD (schema.org NewsArticle and kin), Open Graph and meta tags.

The page states its publication time with its offset, its publisher, its authors and its body in
machine-readable form more often than in its prose; what it states there beats what extraction
guesses from the text. A fact-check's ``itemReviewed`` (the claim it checks) is not the page.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlsplit

import lxml.html

from .. import data
from ..calendar import iso, labelled_stamp

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")

ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                 "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "liveblogposting",
                 "claimreview", "webpage", "report", "scholarlyarticle", "socialmediaposting", "askpublicnewsarticle"}
# Types whose own dates are not the page's: what a fact-check reviews, what a page is about.
NESTED_SKIP = {"itemReviewed", "about", "mentions", "citation", "isBasedOn", "review", "comment", "hasPart",
               "subjectOf", "video", "image", "associatedMedia"}
DATE_META = ("article:published_time", "og:article:published_time", "datePublished", "pubdate", "publishdate",
             "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date",
             "parsely-pub-date", "article.published", "cxenseparse:recs:publishtime")


@dataclass
class PageMeta:
    title: str | None = None
    published: str | None = None  # as the page writes it (ISO 8601 mostly)
    other_dates: list[str] = field(default_factory=list)  # further publication stamps of the page, for the offset
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    body: str | None = None
    url: str | None = None
    shown: str | None = None  # the publication time the page writes for its readers ("Published 10:02 AM EST …")
    claimants: list[str] = field(default_factory=list)  # who made the claims a fact-check reviews, not its authors


def _types(node: dict) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).casefold() for k in kinds if k}


def _walk(node, depth: int = 0):
    """Every JSON-LD object, through @graph and lists, not into what the page only refers to."""
    if depth > 6:
        return
    if isinstance(node, list):
        for item in node:
            yield from _walk(item, depth + 1)
    elif isinstance(node, dict):
        yield node
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if key in node and key not in NESTED_SKIP:
                yield from _walk(node[key], depth + 1)


def _names(value, people_only: bool = False) -> list[str]:
    """Names of a schema.org Person/Organization value (a string, an object or a list of them);
    ``people_only`` leaves out what is typed an organisation (an author that is the outlet)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        if people_only and _types(value) & {"organization", "newsmediaorganization"}:
            return []
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [n for item in value for n in _names(item, people_only)]
    return []


def _json_ld(tree) -> list[dict]:
    objects = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            objects.extend(_walk(json.loads(raw)))
        except (ValueError, RecursionError):
            continue  # a broken block is skipped, the page is still read
    return objects


def read_page_meta(raw: bytes | str) -> PageMeta:
    """What the page says of itself; empty fields where it says nothing."""
    meta = PageMeta()
    try:
        # Decoded as trafilatura decodes the page (declared charset, then detection), so that
        # names and titles are not mojibake; the declaration itself must go for lxml to take a str.
        from trafilatura.utils import decode_file  # trafilatura loads only when a page is read

        text = decode_file(raw) if isinstance(raw, bytes) else raw
        tree = lxml.html.fromstring(_XML_DECLARATION.sub("", text, count=1))
    except (ValueError, lxml.etree.ParserError):
        return meta
    articles = [o for o in _json_ld(tree) if _types(o) & ARTICLE_TYPES]
    # The most specific article type first: a NewsArticle over the WebPage that holds it.
    articles.sort(key=lambda o: (not (_types(o) - {"webpage"}), "claimreview" in _types(o)))
    meta.claimants = [n for o in articles if isinstance(o.get("itemReviewed"), dict)
                      for n in _names(o["itemReviewed"].get("author"))]
    for node in articles:
        meta.title = meta.title or _text(node.get("headline"))
        meta.published = meta.published or _stamp(node.get("datePublished")) or _stamp(node.get("dateCreated"))
        meta.publisher = meta.publisher or next(iter(_names(node.get("publisher"))), None)
        meta.authors = meta.authors or [n for n in _names(node.get("author"), people_only=True) if n.strip()]
        body = _text(node.get("articleBody"))
        if body and len(body) > len(meta.body or ""):
            meta.body = body
        meta.url = meta.url or _text(node.get("url"))
    tags = {}
    for element in tree.xpath("//meta[@content]"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().casefold()
        for name in key.split():  # itemprop="datePublished dateCreated" names two properties
            tags.setdefault(name, html.unescape(element.get("content")).strip())
    stamps = [tags[k.casefold()] for k in DATE_META if _stamp(tags.get(k.casefold()))]
    meta.published = meta.published or next(iter(stamps), None)
    if meta.published is None:
        stamp = tree.xpath('//time[@datetime][contains(@itemprop, "datePublished") or contains(@class, "publish")]'
                           '/@datetime') or tree.xpath('//article//time[@datetime]/@datetime')
        meta.published = stamp[0].strip() if stamp else None
    meta.title = meta.title or tags.get("og:title") or tags.get("twitter:title")
    meta.publisher = meta.publisher or tags.get("og:site_name") or tags.get("application-name")
    if not meta.authors:
        author = tags.get("author") or tags.get("article:author") or tags.get("dc.creator") or tags.get("byl")
        meta.authors = [author] if author and not author.startswith("http") else []
    meta.other_dates = stamps + [t.strip() for t in tree.xpath('//time[@datetime]/@datetime')[:5]]
    words = " ".join(tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]"))
    shown = labelled_stamp(" ".join(words.split())) if "ublished" in words or "osted" in words else None
    meta.shown = iso(shown) if shown else None
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    meta.url = meta.url or tags.get("og:url") or (canonical[0].strip() if canonical else None)
    return meta


FIRST_PLAUSIBLE_YEAR = 1900  # "0001-01-01T00:00:00Z": a template's empty date, no publication time
_YEAR = re.compile(r"^\s*(\d{4})-")


def _stamp(value) -> str | None:
    """A date-time a page gives, unless it is a placeholder."""
    text = _text(value)
    year = _YEAR.match(text) if text else None
    return None if year and int(year.group(1)) < FIRST_PLAUSIBLE_YEAR else text


def _text(value) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    if not isinstance(value, str):
        return None
    value = html.unescape(value).strip()  # JSON-LD strings often carry HTML entities ("&#8216;")
    return value or None


# ------------------------------------------------------------------ cleaning what pages say

_BY = re.compile(r"^\s*(?:by|written by|words by|analysis by|story by|report by)\s*[:\-]?\s*", re.I)
_ROLE_TAIL = re.compile(r"\s*(?:[,;|]|\bis\b|\s[-–—]\s).*$")
_MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
# A date after the name: "… NOVEMBER 20, 2019", or a month closing a longer string ("… STAFF NOVEMBER");
# "Theresa May" keeps her name.
_MONTH_OR_DATE = re.compile(r"\s+" + _MONTHS + r"\.?\s*\d.*$|\s*\d.*$", re.I)
_MONTH_WORD = re.compile(_MONTHS + r"\.?", re.I)
_WEEKDAY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day,?", re.I)
_SPLIT_AUTHORS = re.compile(r"\s*(?:,\s*and\s+|\s+and\s+|\s*&\s*|;\s*|\s*\|\s*)\s*")


@cache
def _outlets() -> dict:
    return data.load("outlets")


@cache
def _outlet_names() -> frozenset[str]:
    """Every outlet name the data file knows, case-folded."""
    table = _outlets()
    return frozenset(n.casefold() for n in table["names"]) | frozenset(v.casefold() for v in table["domains"].values())


def canonical_outlet(name: str | None, url: str | None = None) -> str | None:
    """One name per publisher: the domain map first (``data/outlets.yaml``), then the page's own name."""
    table = _outlets()
    host = (urlsplit(url).hostname or "").casefold().removeprefix("www.") if url else ""
    while host:
        if host in table["domains"]:
            return table["domains"][host]
        host = host.partition(".")[2] if host.count(".") > 1 else ""
    if not name:
        return None
    name = " ".join(name.split())
    return table["names"].get(name.casefold(), name)


def clean_authors(names: list[str], outlet: str | None = None) -> list[str]:
    """Person names only: no "By", no roles ("… is a reporter", "; CNN Editor-at-large"), no outlet,
    no dates; several authors in one string split; capitals of a shouted byline lowered."""
    outlet_words = _outlet_names() | ({outlet.casefold()} if outlet else set())
    found: list[str] = []
    for raw in names:
        text = _BY.sub("", " ".join(raw.split()))
        for part in _SPLIT_AUTHORS.split(text):
            part = _BY.sub("", part)
            part = _ROLE_TAIL.sub("", part)
            part = _MONTH_OR_DATE.sub("", part).strip(" .,:-–—")
            words = part.split()
            if part.isupper():
                words = [w.capitalize() for w in words]
            if len(words) > 2 and _MONTH_WORD.fullmatch(words[-1]):
                words = words[:-1]  # "… STAFF NOVEMBER": a date cut short
            while words and (_WEEKDAY.fullmatch(words[-1]) or _MONTH_WORD.fullmatch(words[-1]) and len(words) == 1):
                words = words[:-1]  # "Malcolm Owen Monday, November 18": the day of the byline's date
            while words and _is_role(words[-1]):
                words = words[:-1]
            part = " ".join(words)
            if not part or len(words) > 4 or part.casefold() in outlet_words or not part[:1].isalpha() \
                    or any(_is_role(w) for w in words) or any(w.casefold() in outlet_words for w in words):
                continue  # "Ap Auto Writer", "CNN Editor-at-large", "Reuters": no person
            if any(ch.isdigit() for ch in part) or "@" in part or part.startswith("http"):
                continue
            if part not in found:
                found.append(part)
    return found


ROLE_WORDS = {"staff", "reporter", "reporters", "writer", "writers", "correspondent", "editor", "editors",
              "contributor", "columnist", "bureau", "desk", "team", "news", "agency", "admin", "administrator",
              "correspondents", "producer", "service", "wire", "media", "newsroom", "online"}


def _is_role(word: str) -> bool:
    word = word.casefold().strip(".,")
    return word in ROLE_WORDS or word.startswith("editor")


_SUFFIX = re.compile(r"^(?P<head>.+?)\s+(?:\||-|–|—|::|»)\s+(?P<tail>[^|–—]+)$")


def clean_title(title: str | None, outlet: str | None = None) -> str | None:
    """The headline without the site's or section's suffix ("… | CNN Politics", "… - Telegraph")."""
    if not title:
        return title
    title = " ".join(title.split())
    for _ in range(2):  # "Headline | Section | Site"
        match = _SUFFIX.match(title)
        if not match:
            break
        head, tail = match["head"].strip(), match["tail"].strip()
        tail_words = tail.split()
        outlet_like = outlet and (outlet.casefold() in tail.casefold() or tail.casefold() in outlet.casefold())
        known = tail.casefold() in _outlet_names()
        short_name = len(tail_words) <= 3 and all(w[:1].isupper() or not w[:1].isalpha() for w in tail_words)
        if len(head.split()) >= 3 and (outlet_like or known or short_name or "." in tail and " " not in tail):
            title = head
        else:
            break
    return title
