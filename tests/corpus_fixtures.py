"""Small real documents of every kind, written by the tests themselves."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

STORY_A = ("Minister Amina Odhiambo met Chancellor Olaf Weber in Nairobi on Monday. "
           "“The port deal is close,” Odhiambo said after the meeting. "
           "Weber said that Germany would fund a new railway line to the coast.")
STORY_B = ("President Ebrahim Raisi met Ismail Haniyeh in Tehran on Tuesday. "
           "Haniyeh said the resistance front was growing stronger, according to the state news agency. "
           "Raisi called for unity among Muslim countries. The two leaders also discussed the situation in Gaza "
           "and the West Bank, officials said after the talks ended late in the evening.")
STORY_C = ("Ismail Haniya told reporters that talks on immigration would resume. "
           "Senator Ana Ruiz said immigration reform had to wait until after the election.")


def html_page(title: str, body: str, date: str = "2024-03-11", site: str = "Daily Meridian") -> bytes:
    paragraphs = "".join(f"<p>{p}.</p>" for p in body.split(". ") if p)
    return (f"<!DOCTYPE html><html><head><title>{title}</title>"
            f'<meta property="og:site_name" content="{site}"><meta name="author" content="Jane Doe">'
            f'<meta property="article:published_time" content="{date}T10:00:00+00:00">'
            f'<link rel="canonical" href="https://example.org/{title.lower().replace(" ", "-")}"></head>'
            f"<body><nav>Home | World | Sport</nav><article><h1>{title}</h1>{paragraphs}</article>"
            f"<footer>Share this story</footer></body></html>").encode()


def feed(entries: list[tuple[str, str | None, str]]) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>{link}</link><pubDate>Wed, 13 Mar 2024 09:00:00 GMT</pubDate>"
        + (f"<description><![CDATA[<p>{body}</p>]]></description>" if body else "<description>Read more</description>")
        + "</item>"
        for title, body, link in entries)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire</title>'
            f"<link>https://example.org</link><description>News</description>{items}</channel></rss>").encode()


def warc(pages: list[tuple[str, bytes]], path: Path, gz: bool = True) -> Path:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html), http_headers=headers))
        other = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url + ".png", "response", payload=io.BytesIO(b"\x89PNG"),
                                                      http_headers=other))
    path.write_bytes(buffer.getvalue())
    return path


def jsonl(records: list[dict], path: Path, broken_line: bool = False) -> Path:
    lines = [json.dumps(r) for r in records]
    if broken_line:
        lines.insert(1, '{"text": "unterminated')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def corpus(tmp: Path) -> Path:
    """A folder with one document of each kind (plus a copy of story A from another outlet)."""
    folder = tmp / "inbox"
    folder.mkdir()
    (folder / "a.html").write_bytes(html_page("Port deal close", STORY_A))
    (folder / "a-copy.htm").write_bytes(html_page("Port deal close, minister says", STORY_A, site="Coastal Wire"))
    (folder / "wire.xml").write_bytes(feed([("Raisi meets Haniyeh", STORY_B, "https://example.org/b"),
                                            ("Teaser only", None, "https://example.org/teaser")]))
    warc([("https://example.org/c", html_page("Talks to resume", STORY_C, date="2024-03-12"))], folder / "crawl.warc.gz")
    jsonl([{"id": "j1", "title": "Markets calm", "published": "2024-03-10",
            "text": "Traders said on Sunday that markets were calm after the central bank held rates steady."}],
          folder / "feed.jsonl")
    (folder / "notes.txt").write_text("Summit ends\n\nLeaders said on Friday that the summit had ended with a joint statement.")
    return folder


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data)
