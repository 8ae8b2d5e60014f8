"""Where documents come from: files, directories, standard input — text, HTML, feeds, WARC, JSONL.

Every input becomes the same kind of item: a ``Document`` (a cleaned Article with
its raw bytes), a ``Failure`` (what could not be read, and why) or a ``Pending``
feed entry that only links out (nothing is fetched over the network).
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..calendar import iso, parse_datetime
from ..errors import InputError
from ..model import Article
from .decode import DEFAULT_MAX_BYTES, check_size, decode_document, require_prose
from .detect import sniff
from .jsonl import read_jsonl, trafilatura_xml_record
from .language import guess_language
from .page_meta import canonical_outlet, clean_authors
from .scraped import read_scraped_text

SNIFF_BYTES = 65536


@dataclass
class Document:
    locator: str  # path, or path#record for one record inside a feed, archive or JSONL file
    kind: str
    raw: bytes
    article: Article

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


@dataclass
class Failure:
    source: str
    reason: str


@dataclass
class Pending:
    locator: str
    url: str | None
    title: str | None


Item = Document | Failure | Pending


def iter_paths(paths: list[str]) -> Iterator[str | Path]:
    """Expand directories (recursively, sorted, hidden files skipped); '-' is stdin."""
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        path = Path(raw)
        try:
            is_dir = path.is_dir()
        except OSError:  # a name too long, a loop of links: reading it says why, as a failure
            is_dir = False
        if is_dir:
            yield from _walk(path, set())
        else:
            yield path


def _walk(directory: Path, seen: set[str]) -> Iterator[Path]:
    """Files under ``directory`` in sorted order, hidden ones skipped, each directory once (symbolic
    links may loop). A directory that cannot be listed is yielded itself, so that reading it says why."""
    real = os.path.realpath(directory)
    if real in seen:
        return
    seen.add(real)
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError:
        yield directory
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(Path(entry.path), seen)
        elif entry.is_file():
            yield Path(entry.path)


def _doc_id(raw: bytes) -> str:
    return hashlib.sha1(raw).hexdigest()[:16]


_LOCATOR_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-/_.](0[1-9]|1[0-2])[-/_.](0[1-9]|[12]\d|3[01])(?!\d)")


def date_in_locator(locator: str | None) -> date | None:
    """A date written in a file name or URL ("…/2016/09/12/…", "site_2016-09-12_title.txt")."""
    match = _LOCATOR_DATE.search(locator or "")
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _finish(article: Article) -> Article:
    update = {}
    language = guess_language(article.text)
    if language != article.language:
        update["language"] = language
    if article.published is None and (found := date_in_locator(article.url) or date_in_locator(article.source)):
        update["published"] = found.isoformat()  # the page gave no date; its address does
    return article.model_copy(update=update) if update else article


def _text_document(locator: str, raw: bytes, published, max_bytes: int) -> Document:
    text = decode_document(raw, max_bytes=max_bytes)
    article = read_scraped_text(text, source=locator, doc_id=_doc_id(raw), published=published)
    require_prose(article.text)
    return Document(locator, "text", raw, _finish(article))


def _html_document(locator: str, raw: bytes, published, url: str | None = None) -> Document:
    from .html import read_html  # trafilatura loads only when there is HTML to read

    article = read_html(raw, source=locator, doc_id=_doc_id(raw), published=published, url=url)
    return Document(locator, "html", raw, _finish(article))


def _jsonl_items(path_name: str, stream, published, max_bytes: int, records=None) -> Iterator[Item]:
    """Articles of JSON records (or of ``records`` already read, e.g. from trafilatura's XML)."""
    for record in records if records is not None else read_jsonl(stream):
        if isinstance(record, InputError):
            yield Failure(path_name, str(record))
            continue
        fields = record.fields
        locator = f"{path_name}#{record.line}"
        try:
            when = parse_datetime(str(fields["published"])) if fields.get("published") else None
            if fields.get("published") and when is None:
                raise InputError(f"line {record.line}: unreadable 'published' value {fields['published']!r}")
            text = fields["text"]
            if fields.get("title") and not text.lstrip().startswith(str(fields["title"])):
                text = f"{fields['title']}\n\n{text}"
            check_size(len(text.encode("utf-8")), max_bytes)
            doc_id = str(fields.get("id") or _doc_id(record.raw))
            article = read_scraped_text(text, source=locator, doc_id=doc_id, published=when or published)
            require_prose(article.text)
            outlet = canonical_outlet(fields.get("outlet"), fields.get("url"))
            authors = clean_authors(fields.get("authors", []), outlet)
            article = article.model_copy(update={k: v for k, v in (
                ("title", fields.get("title")), ("outlet", outlet), ("url", fields.get("url")),
                ("authors", authors), ("byline", ", ".join(authors))) if v})
            yield Document(locator, "jsonl", record.raw, _finish(article))
        except InputError as exc:
            yield Failure(locator, str(exc))


def _feed_items(path_name: str, raw: bytes, published) -> Iterator[Item]:
    from .feeds import entry_date, read_feed

    try:
        entries = list(read_feed(raw))
    except InputError as exc:
        yield Failure(path_name, str(exc))
        return
    for entry in entries:
        locator = f"{path_name}#{entry.index}"
        if entry.html is None:
            yield Pending(locator, entry.link, entry.title)
            continue
        html = f"<html><head><title>{entry.title or ''}</title></head><body><article>" \
               f"<h1>{entry.title or ''}</h1>{entry.html}</article></body></html>".encode()
        try:
            document = _html_document(locator, html, entry_date(entry) or published, url=entry.link)
            update = {"title": entry.title} if entry.title else {}
            if entry.authors and not document.article.authors:
                authors = clean_authors(entry.authors, document.article.outlet)
                update |= {"authors": authors, "byline": ", ".join(authors) or None}
            document.article = document.article.model_copy(update=update)
            yield document
        except InputError as exc:
            yield Failure(locator, str(exc))


def _warc_items(path: Path, published) -> Iterator[Item]:
    from .warc import WarcRefusal, read_warc

    for page in read_warc(path):
        if isinstance(page, InputError):
            yield Failure(str(path), str(page))
            return
        locator = f"{path}#{page.offset}"
        if isinstance(page, WarcRefusal):
            yield Failure(locator, page.reason)
            continue
        try:
            # The capture time is when the crawler came, not when the story was published: it has its own field.
            captured = parse_datetime(page.date) if page.date else None
            document = _html_document(locator, page.html, published, url=page.url)
            if captured is not None:
                document.article = document.article.model_copy(update={"captured": iso(captured)})
            yield document
        except InputError as exc:
            yield Failure(locator, str(exc))


def _listable(directory: Path) -> None:
    """Raise the reason a directory given or met while walking cannot be listed."""
    try:
        with os.scandir(directory):
            pass
    except OSError as exc:
        raise InputError(f"cannot list directory: {exc.strerror or exc}") from exc


def iter_documents(paths: list[str], *, published: datetime | date | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Every document under ``paths``, of whatever kind, in a stable order."""
    for source in iter_paths(paths):
        name = "<stdin>" if source == "-" else str(source)
        try:
            if source == "-":
                raw = sys.stdin.buffer.read(max_bytes + 1)
                if len(raw) > max_bytes:  # refused whole, as the same bytes in a file would be
                    raise InputError(f"input larger than the limit of {max_bytes / 1e6:.1f} MB (see --max-mb)")
                kind = sniff(raw[:SNIFF_BYTES])
            else:
                path = Path(source)
                if not path.exists():
                    raise InputError("no such file")
                if path.is_dir():
                    _listable(path)
                if not path.is_file():
                    raise InputError("not a regular file")
                with open(path, "rb") as fh:
                    head = fh.read(SNIFF_BYTES)
                kind = sniff(head, path.name)
                if kind == "warc":
                    yield from _warc_items(path, published)
                    continue
                if kind == "jsonl":
                    with open(path, "rb") as fh:
                        yield from _jsonl_items(name, fh, published, max_bytes)
                    continue
                check_size(path.stat().st_size, max_bytes)
                raw = path.read_bytes()
            if kind == "jsonl":
                yield from _jsonl_items(name, raw.splitlines(keepends=True), published, max_bytes)
            elif kind == "trafilatura-xml":
                yield from _jsonl_items(name, [raw], published, max_bytes, records=[trafilatura_xml_record(raw)])
            elif kind == "feed":
                yield from _feed_items(name, raw, published)
            elif kind == "html":
                check_size(len(raw), max_bytes)
                yield _html_document(name, raw, published)
            else:
                yield _text_document(name, raw, published, max_bytes)
        except InputError as exc:
            yield Failure(name, str(exc))
        except OSError as exc:
            yield Failure(name, f"cannot read: {exc.strerror or exc}")


def load_articles(paths: list[str], *, published: datetime | date | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | Failure | Pending]:
    """Articles only (for ``dateline analyze``): documents reduced to their Article."""
    for item in iter_documents(paths, published=published, max_bytes=max_bytes):
        yield item.article if isinstance(item, Document) else item
