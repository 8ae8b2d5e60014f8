from datetime import date, datetime, timedelta, timezone

import pytest

from dateline.calendar import parse_datetime
from dateline.errors import InputError
from dateline.ingest.decode import decode_document, require_prose
from dateline.ingest.scraped import read_scraped_text, to_raw_offset

PAGE = """3 Comments

Dockworkers End Strike After Pay Deal

Mar 2, 2024, 7:45 AM
Article ID: A-5531
Dockworkers End Strike After Pay Deal

Harbour Times: Dockworkers in the port city returned to work on Friday after union leaders accepted a new pay offer.

Dockworkers in the port city returned to work on Friday after union leaders accepted a new pay offer.

The deal raises wages by six percent, the port authority said, according to the official Harbour News Agency.

Share | Tweet | Email
"""


def test_scraped_page_metadata_is_lifted():
    article = read_scraped_text(PAGE)
    assert article.title == "Dockworkers End Strike After Pay Deal"
    assert article.published == "2024-03-02T07:45:00"
    assert article.source_id == "A-5531"
    assert article.outlet == "Harbour Times"
    assert "Harbour News Agency" in article.cited_sources


def test_page_artifacts_are_removed_and_listed_with_reasons():
    article = read_scraped_text(PAGE)
    reasons = {r.reason for r in article.removed}
    assert any("furniture" in r for r in reasons)
    assert "title repeated" in reasons and "paragraph repeated verbatim" in reasons
    assert "3 Comments" not in article.text and "Share | Tweet" not in article.text
    assert article.text.count("Dockworkers in the port city returned") == 1
    assert article.text.count("Dockworkers End Strike After Pay Deal") == 1
    assert not article.text.startswith("Harbour Times")


def test_text_offsets_map_back_to_the_raw_page():
    article = read_scraped_text(PAGE)
    for segment in article.text_map:
        assert article.text[segment.start:segment.start + segment.length] == \
            PAGE[segment.raw_start:segment.raw_start + segment.length]
    at = article.text.index("union leaders")
    assert PAGE[to_raw_offset(article, at):].startswith("union leaders")


@pytest.mark.parametrize("prefix,outlet,place", [
    ("WASHINGTON (AFP) – ", "AFP", "Washington"),
    ("(Reuters) - ", "Reuters", None),
    ("BEIRUT — ", None, "Beirut"),
])
def test_dateline_prefixes(prefix, outlet, place):
    article = read_scraped_text(f"Title of the story\n\n{prefix}Officials said on Monday that talks would go on.\n")
    assert article.outlet == outlet
    assert article.dateline_place == place
    assert article.text.endswith("Officials said on Monday that talks would go on.")


def test_plain_article_is_kept_whole():
    raw = "Headline here\n\nThe mayor said the bridge would reopen. \"It is safe,\" she said.\n"
    article = read_scraped_text(raw)
    assert article.text == raw.strip()
    assert article.removed == []


@pytest.mark.parametrize("text,expected", [
    ("Jun 21, 2023, 9:22\u202fPM", datetime(2023, 6, 21, 21, 22)),
    ("21 June 2023", date(2023, 6, 21)),
    ("2023-06-21T21:22:00+03:30", datetime(2023, 6, 21, 21, 22, tzinfo=timezone(timedelta(hours=3, minutes=30)))),
    ("Wednesday, June 21, 2023 at 9:22 a.m.", datetime(2023, 6, 21, 9, 22)),
    ("Published: 2023-06-21", None),  # prefixes are stripped by the page reader, not the parser
    ("News ID: 37398", None),
])
def test_publication_date_forms(text, expected):
    assert parse_datetime(text) == expected


def test_cli_published_is_a_fallback_only():
    with_date = read_scraped_text("Title\n\nJune 1, 2020\n\nSome body text goes here today.", published=date(2021, 1, 1))
    without = read_scraped_text("Title\n\nSome body text goes here today.", published=date(2021, 1, 1))
    assert with_date.published == "2020-06-01"
    assert without.published == "2021-01-01"


@pytest.mark.parametrize("data,message", [
    (b"", "empty"),
    (b"   \n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
    (b"caf\xe9 au lait is served", "UTF-8"),
])
def test_unreadable_documents_are_refused_with_a_reason(data, message):
    with pytest.raises(InputError, match=message):
        decode_document(data)


def test_oversized_document_is_refused():
    with pytest.raises(InputError, match="too large"):
        decode_document(b"word " * 1000, max_bytes=100)


def test_text_without_a_sentence_is_refused():
    with pytest.raises(InputError, match="no sentence"):
        require_prose("12 34 -- ###")


def _warc_with_statuses(pages: list[tuple[str, bytes]]) -> bytes:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for i, (status, html) in enumerate(pages):
        headers = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://example.org/{i}", "response",
                                                      payload=io.BytesIO(html), http_headers=headers))
    return buffer.getvalue()


def test_warc_error_pages_are_failures_and_a_cut_archive_keeps_its_complete_records(tmp_path):
    from corpus_fixtures import STORY_A, STORY_B, STORY_C, html_page
    from dateline.ingest.sources import Document, Failure, iter_documents

    data = _warc_with_statuses([("200 OK", html_page("Port", STORY_A)),
                                          ("404 Not Found", html_page("Missing", STORY_B)),
                                          ("301 Moved Permanently", b"<html><body>moved</body></html>"),
                                          ("200 OK", html_page("Talks", STORY_C)),
                                          ("200 OK", html_page("Summit", STORY_B + " More words here."))])
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(data)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[:len(data) - 200])  # inside the last record
    for path, pages in ((whole, 3), (cut, 2)):
        items = list(iter_documents([str(path)]))
        documents = [i for i in items if isinstance(i, Document)]
        failures = [i for i in items if isinstance(i, Failure)]
        assert len(documents) == pages, items
        assert all(d.article.text for d in documents)
        assert any("HTTP 404" in f.reason for f in failures)
        assert not any("moved" in d.article.text for d in documents)  # a redirect is no article
    assert any(f.source == str(cut) and "truncated" in f.reason for f in items if isinstance(f, Failure))


def test_html_whose_charset_lies_is_read_right_with_a_warning():
    from dateline.ingest.decode import decode_html

    page = "<html><head><meta charset=\"{}\"><title>Müller wins</title></head><body><p>Thomas Müller said.</p></body></html>"
    text, warning = decode_html(page.format("utf-8").encode("latin-1"))  # declares UTF-8, written in Latin-1
    assert "Thomas Müller" in text and "windows-1252" in warning
    text, warning = decode_html(page.format("iso-8859-1").encode("utf-8"))  # declares Latin-1, written in UTF-8
    assert "Thomas Müller" in text and "UTF-8" in warning
    text, warning = decode_html(page.format("utf-8").encode("utf-8"))
    assert "Thomas Müller" in text and warning is None
    text, warning = decode_html(page.format("iso-8859-1").encode("latin-1"))  # honest Latin-1
    assert "Thomas Müller" in text and warning is None


def test_a_dateline_after_a_standfirst_is_cut_and_kept_as_the_place():
    article = read_scraped_text("Meth campaign is working, governor says\n\nSouth Dakota says it is on meth, "
                                "and Twitter asks if the state is OK.\n\nSIOUX FALLS, S.D. – People across the "
                                "nation are talking about it.")
    assert article.dateline_place == "Sioux Falls"
    assert "SIOUX FALLS" not in article.text and "People across the nation" in article.text
