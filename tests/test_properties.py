"""Property tests (hypothesis): every reader and normaliser, on inputs it was never shown, ends in a
record or a one-line reason, never another exception; spans are the text they point at; the same
input gives the same output."""

import json
import warnings
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_fixtures import STORY_A, STORY_B, feed, html_page, jsonl, warc
from dateline.analysis.pipeline import AnalysisFailure, analyze_many
from dateline.calendar import calendar_value, iso, parse_datetime
from dateline.ingest.sources import Document, Failure, Pending, iter_documents
from dateline.model import AnalyzedArticle, Article

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
                    derandomize=True)  # the same examples on every run: CI is reproducible
WORDS = ["said", "told", "“", "”", '"', "'", "\n", "\n\n", "Minister", "Amina", "Odhiambo", "Monday", "on",
         "police", "arrested", "protesters", "in", "Nairobi", ",", ".", "—", "(", ")", "2024", "March 3",
         "<p>", "</p>", "&amp;", "\x00", "\x1b]0;title\x07", "\u202e", "🙂", "مرحبا", "中文", "\r\n", "\t"]
news_like = st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join)
plain_text = st.lists(st.sampled_from([w for w in WORDS if "<" not in w and "&" not in w]), max_size=80).map(" ".join)


def _read(tmp_path: Path, name: str, data: bytes) -> list:
    path = tmp_path / name
    path.write_bytes(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # readers may warn (a fragment, a short page); only exceptions fail
        return list(iter_documents([str(path)]))


def _summary(items: list) -> list:
    return [(type(i).__name__, i.article.model_dump_json() if isinstance(i, Document) else repr(i)) for i in items]


def _seeds(tmp_path: Path) -> dict[str, bytes]:
    seeds = {"page.html": html_page("Port deal close", STORY_A),
             "wire.xml": feed([("Raisi meets Haniyeh", STORY_B, "https://example.org/b")]),
             "notes.txt": ("Summit ends\n\n" + STORY_A).encode()}
    seeds["crawl.warc.gz"] = warc([("https://example.org/c", html_page("Talks", STORY_B))],
                                  tmp_path / "seed.warc.gz").read_bytes()
    seeds["crawl.warc"] = warc([("https://example.org/c", html_page("Talks", STORY_B))],
                               tmp_path / "seed.warc", gz=False).read_bytes()
    seeds["feed.jsonl"] = jsonl([{"id": "j1", "title": "Markets", "text": STORY_A}], tmp_path / "seed.jsonl").read_bytes()
    return seeds


def _check_items(items: list, raw: bytes | None = None) -> None:
    for item in items:
        assert isinstance(item, Document | Failure | Pending)
        if isinstance(item, Failure):
            assert item.reason and "\n" not in item.reason and "Traceback" not in item.reason
        if isinstance(item, Document) and raw is not None and item.article.text_map:
            decoded = raw.decode("utf-8", errors="replace")
            text = item.article.text
            for segment in item.article.text_map:
                assert text[segment.start:segment.start + segment.length] == \
                    decoded[segment.raw_start:segment.raw_start + segment.length]


@PROPERTY
@given(data=st.binary(max_size=4096), name=st.sampled_from(["x.txt", "x.html", "x.xml", "x.jsonl", "x.warc",
                                                           "x.warc.gz", "x.gz", "x"]))
def test_any_bytes_under_any_name_end_in_records_or_reasons(tmp_path, data, name):
    items = _read(tmp_path, name, data)
    _check_items(items)
    assert _summary(items) == _summary(_read(tmp_path, name, data))


@PROPERTY
@given(seed=st.sampled_from(["page.html", "wire.xml", "notes.txt", "crawl.warc.gz", "crawl.warc", "feed.jsonl"]),
       cut=st.floats(min_value=0, max_value=1), flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)),
                                                               max_size=4))
def test_real_documents_cut_short_or_damaged_end_in_records_or_reasons(tmp_path, seed, cut, flips):
    data = bytearray(_seeds(tmp_path)[seed])
    for where, byte in flips:
        data[int(where * (len(data) - 1))] = byte
    data = bytes(data[:int(cut * len(data))])
    items = _read(tmp_path, seed, data)
    _check_items(items)
    assert _summary(items) == _summary(_read(tmp_path, seed, data))


@PROPERTY
@given(text=plain_text)
def test_scraped_text_maps_back_to_its_input(tmp_path, text):
    raw = text.encode("utf-8")
    items = _read(tmp_path, "story.txt", raw)
    _check_items(items, raw)


@PROPERTY
@given(record=st.dictionaries(st.sampled_from(["id", "title", "text", "published", "outlet", "url", "byline"]),
                              st.one_of(st.none(), st.integers(), st.text(max_size=40), news_like,
                                        st.lists(st.text(max_size=5), max_size=3),
                                        st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))))
def test_json_records_of_any_shape_end_in_records_or_reasons(tmp_path, record):
    items = _read(tmp_path, "records.jsonl", (json.dumps(record) + "\n").encode())
    _check_items(items)
    assert len(items) == 1


@PROPERTY
@given(text=st.one_of(st.text(max_size=40), st.sampled_from(
    ["2024-03-11", "2024-03-11T10:00:00+05:30", "Jun 21, 2023, 9:22 PM", "2023-13-45", "yesterday", "99999-01-01",
     "2024-02-30", "Mon, 11 Mar 2024 10:00:00 GMT", "1e400", "\x00", "2024-03-11T25:61"])))
def test_date_parsing_never_raises_and_round_trips(text):
    value = parse_datetime(text)
    assert value is None or isinstance(value, datetime | date)
    if value is not None:
        assert parse_datetime(iso(value)) == value


@PROPERTY
@given(value=st.one_of(st.text(max_size=20), st.sampled_from(
    ["2019-11-19TNI", "2019-W47", "2019-Q3", "PRESENT_REF", "2019-11", "XXXX-11-19", "2019-11-19T10:00", "P2D",
     "2019-13-45", "2019-00", "0000-00", "2019-02-30", "2019-W60", "2019-SU"])))
def test_calendar_values_are_calendar_dates_or_nothing(value):
    day = calendar_value(value)  # a date, or a reduced one (a month, a year) that is in the calendar
    assert day is None or date.fromisoformat(day + "-01-01"[len(day) - 4:])


@settings(max_examples=25, deadline=None, derandomize=True)
@given(text=news_like.filter(lambda t: t.strip()))
def test_every_span_of_an_analysis_is_the_text_it_points_at_and_the_analysis_is_repeatable(text):
    article = Article(id="p", source="p", text=text, language="en")
    first, second = list(analyze_many([article])), list(analyze_many([article]))
    assert not isinstance(first[0], AnalysisFailure), first[0].reason
    result: AnalyzedArticle = first[0]
    assert result.to_json() == second[0].to_json()
    spans = [m for a in result.actors for m in a.mentions]
    spans += [s for st_ in result.statements for s in (st_.content, st_.cue, st_.speaker_mention, *st_.content_parts)
              if s is not None]
    spans += [s for e in result.events for s in (e.trigger, e.evidence)]
    spans += [m for p in result.places for m in p.mentions]
    for span in spans:
        assert text[span.start:span.end] == span.text
    for timex in result.times:
        assert text[timex.start:timex.end] == timex.text


if __name__ == "__main__":
    pytest.main([__file__])
