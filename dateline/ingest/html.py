"""HTML pages: main text with trafilatura; metadata from the page's own JSON-LD and meta tags first
(``page_meta``), trafilatura's and htmldate's guesses after."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

import lxml.etree
import lxml.html
import trafilatura

from .. import data
from ..calendar import parse_datetime
from ..errors import InputError
from ..model import Article
from .decode import decode_html, require_prose
from .page_meta import canonical_outlet, clean_authors, clean_title, read_page_meta
from .scraped import read_scraped_text

SHORT_TEXT_WORDS = 80  # an extracted text shorter than this is likely a caption or a teaser: say so
FRAGMENT_SHARE = 0.5  # extraction that returns less than this share of the page's articleBody missed the story


def read_html(raw: bytes, *, source: str | None = None, doc_id: str | None = None,
              published: datetime | date | None = None, url: str | None = None) -> Article:
    """Extract the article from an HTML page; the page's own metadata wins over ``published``."""
    page_text, charset_warning = decode_html(raw)
    try:
        found = trafilatura.bare_extraction(_without_hidden(page_text), url=url, with_metadata=True, include_comments=False,
                                            include_tables=False, favor_precision=True)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise InputError(f"malformed HTML ({type(exc).__name__})") from None
    extracted = found.as_dict() if found is not None and hasattr(found, "as_dict") else (found or {})
    page = read_page_meta(page_text)
    warnings = [charset_warning] if charset_warning else []
    body = (extracted.get("text") or "").strip()
    if page.body and len(body) < FRAGMENT_SHARE * len(page.body):
        # The page's structured data holds the whole story where extraction found a fragment.
        if body:
            warnings.append(f"extracted text ({len(body.split())} words) was a fragment of the page's articleBody; "
                            "the articleBody is used")
        body = page.body.strip()
    if not body:
        raise InputError("no article text found in HTML")
    page_url = page.url if page.url and page.url.startswith("http") else None
    the_url = url or page_url or extracted.get("url")
    outlet = canonical_outlet(page.publisher or extracted.get("sitename"), the_url)
    title = clean_title(page.title or (extracted.get("title") or "").strip(), outlet) or ""
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    text = "\n\n".join(([title] if title else []) + paragraphs)
    page_date = _publication_time(page, extracted.get("date"))
    article = read_scraped_text(text, source=source, doc_id=doc_id, published=page_date or published)
    require_prose(article.text)
    # a fact-check may show whom it checks where a byline would stand: a name of the claimant is no author
    claimants = {name.casefold() for name in clean_authors(page.claimants)}
    authors: list[str] = []
    for given in (page.authors, [extracted.get("author")], [article.byline]):
        names = clean_authors([g for g in given if g], outlet)
        if names and not any(name.casefold() in claimants for name in names):
            authors = names
            break
    if len(article.text.split()) < SHORT_TEXT_WORDS:
        warnings.append(f"suspiciously short text ({len(article.text.split())} words): the page may hold "
                        "only a teaser, a caption or a video")
    return article.model_copy(update={
        "title": title or article.title,
        "outlet": outlet or article.outlet,
        "byline": ", ".join(authors) or None,
        "authors": authors,
        "url": the_url,
        "warnings": warnings,
    })


@cache
def _hidden_xpath() -> str:
    """Elements no reader sees in the running text: hover cards, tooltips, screen-reader copies,
    anything styled or marked hidden."""
    classes = data.load("page_patterns")["hidden_classes"]
    tests = [f'contains(translate(@class, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"), "{c}")'
             for c in classes]
    tests += ["@hidden", 'contains(translate(@style, " ", ""), "display:none")']
    return "//body//*[" + " or ".join(tests) + "]"


def _without_hidden(page_text: str) -> str:
    """The page without what it hides, so that a hover card is not glued into a name."""
    if not any(marker in page_text for marker in ("hidden", "display:none", "display: none", "tooltip", "rollover",
                                                   "hover", "popover", "sr-only", "screen-reader", "invisible")):
        return page_text
    try:
        tree = lxml.html.fromstring(page_text)
    except (ValueError, lxml.etree.ParserError):
        return page_text
    hidden = tree.xpath(_hidden_xpath())
    if not hidden:
        return page_text
    for element in hidden:
        if element.getparent() is not None:
            element.drop_tree()  # keeps the text after it ("tail"), drops the element and its content
    return lxml.html.tostring(tree, encoding="unicode")


def _publication_time(page, extracted_date: str | None) -> datetime | date | None:
    """The page's own stamp first; a stamp without offset takes one from another stamp of the page
    that gives the same wall-clock time with its offset."""
    when = next((d for d in (parse_datetime(page.published) if page.published else None,
                             parse_datetime(extracted_date) if extracted_date else None) if d is not None), None)
    shown = parse_datetime(page.shown) if page.shown else None
    if isinstance(shown, datetime) and (when is None or not isinstance(when, datetime) and shown.date() == when
                                        or isinstance(when, datetime) and when.tzinfo is None
                                        and shown.replace(tzinfo=None) == when):
        return shown  # the page's data gave only the day (or a placeholder): the time it shows its readers
    if isinstance(when, datetime) and when.tzinfo is None:
        for other in map(parse_datetime, page.other_dates):
            if isinstance(other, datetime) and other.tzinfo is not None and other.replace(tzinfo=None) == when:
                return other
    return when
