"""Metadata of HTML pages: the page's own JSON-LD and meta tags, cleaned for citation."""

import json

import pytest

from dateline.ingest.html import read_html
from dateline.ingest.page_meta import canonical_outlet, clean_authors, clean_title

BODY = " ".join(["The council voted on Tuesday to close the old bridge to traffic after inspectors found "
                 "cracks in two of its supports, the mayor said."] * 8)


def _page(ld: dict | None = None, head: str = "", body: str = BODY) -> bytes:
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld else ""
    return (f"<html><head><title>Bridge closed after cracks found</title>{head}{script}</head><body><article>"
            f"<h1>Bridge closed after cracks found</h1><p>{body}</p></article></body></html>").encode()


def test_the_publication_time_keeps_its_offset():
    article = read_html(_page({"@type": "NewsArticle", "datePublished": "2019-11-20T05:52:20-05:00"}))
    assert article.published == "2019-11-20T05:52:20-05:00"


def test_a_stamp_without_offset_takes_it_from_another_stamp_of_the_page():
    head = '<meta property="article:published_time" content="2019-11-19 02:24:00">'
    body = '<time datetime="2019-11-19T02:24:00+00:00">Nov 19</time> ' + BODY
    assert read_html(_page(head=head, body=body)).published == "2019-11-19T02:24:00+00:00"


def test_a_fact_check_has_its_own_date_not_the_claims():
    ld = {"@type": "ClaimReview", "datePublished": "2019-11-18T10:00:00+00:00",
          "itemReviewed": {"@type": "Claim", "datePublished": "2019-10-01"}}
    assert read_html(_page(ld)).published == "2019-11-18T10:00:00+00:00"


def test_a_fact_check_takes_no_claimants_name_for_a_byline():
    ld = {"@type": "ClaimReview", "datePublished": "2019-11-18T10:00:00+00:00",
          "author": {"@type": "Organization", "name": "Polygraph.info"},
          "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "The Syrian defense ministry"}}}
    page = _page(ld, body='<h4 class="author">By The Syrian defense ministry</h4> ' + BODY)
    article = read_html(page)
    assert article.authors == [] and article.byline is None


@pytest.mark.parametrize("claimant, authors", [("Jane Roe", []), ("Someone Else", ["Jane Roe"])])
def test_a_byline_guess_naming_the_claimant_is_dropped(claimant, authors):
    ld = {"@type": "ClaimReview", "datePublished": "2019-11-18T10:00:00+00:00",
          "author": {"@type": "Organization", "name": "Fact Desk"},
          "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": claimant}}}
    head = '<meta name="author" content="Jane Roe">'  # where the page puts a name, whoever's it is
    assert read_html(_page(ld, head=head)).authors == authors


def test_outlet_and_authors_from_json_ld():
    ld = {"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "ReutersIndia"},
          "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"}]}
    article = read_html(_page(ld))
    assert article.outlet == "Reuters" and article.authors == ["Jane Doe", "John Roe"]
    assert article.byline == "Jane Doe, John Roe"


def test_the_domain_map_names_the_publisher():
    assert canonical_outlet("Hosted", "https://hosted.ap.org/story/123") == "Associated Press"
    assert canonical_outlet("Reuters_Co_Uk", None) == "Reuters"


@pytest.mark.parametrize("raw,expected", [
    ("Phil Helsel is a reporter", ["Phil Helsel"]),
    ("JERUSALEM POST STAFF NOVEMBER 20, 2019", []),
    ("Analysis by Chris Cillizza; CNN Editor-at-large", ["Chris Cillizza"]),
    ("By Tom Krisher; AP Auto Writer", ["Tom Krisher"]),
    ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
    ("Reuters", []),
])
def test_bylines_are_person_names_only(raw, expected):
    assert clean_authors([raw]) == expected


@pytest.mark.parametrize("title,outlet,expected", [
    ("Trump impeachment hearings: what we learned | CNN Politics", "CNN", "Trump impeachment hearings: what we learned"),
    ("Boris Johnson wins the first debate - Telegraph", None, "Boris Johnson wins the first debate"),
    ("We need a new deal for the oceans | Editorial", None, "We need a new deal for the oceans"),
    ("Biden - the man who would be president again and again", None,
     "Biden - the man who would be president again and again"),
])
def test_titles_lose_the_site_suffix(title, outlet, expected):
    assert clean_title(title, outlet) == expected


def test_the_article_body_in_json_ld_replaces_a_fragment():
    ld = {"@type": "NewsArticle", "articleBody": BODY}
    article = read_html(_page(ld, body="Photo: the old bridge at dusk, seen from the river bank today."))
    assert "inspectors found cracks" in article.text
    assert any("fragment" in w for w in article.warnings)


def test_a_short_text_is_flagged():
    article = read_html(_page(body="The council voted on Tuesday to close the old bridge to traffic after "
                                   "inspectors found cracks in two of its supports, the mayor said."))
    assert any("short" in w for w in article.warnings)


def test_a_placeholder_date_gives_way_to_the_time_the_page_shows():
    # a template's empty "0001-01-01" is no publication time; the page prints the real one for its readers
    ld = {"@type": "NewsArticle", "datePublished": "0001-01-01T00:00:00Z"}
    body = "<span>Published 10:02 AM EST Nov 19, 2019</span> " + BODY
    assert read_html(_page(ld, body=body)).published == "2019-11-19T10:02:00-05:00"


def test_us_eastern_time_follows_daylight_saving():
    body = "<span>Published 2:15 p.m. ET July 9, 2019</span> " + BODY
    assert read_html(_page(body=body)).published == "2019-07-09T14:15:00-04:00"


def test_a_hover_card_is_not_glued_into_a_name():
    card = ('Rep. <span class="rollover-people"><a href="/people/ilhan-omar">Ilhan Omar</a>'
            '<span class="rollover-people-block"><a class="name">Ilhan Omar</a><a>Hillicon Valley: Senators call '
            'for a 5G security coordinator</a></span></span> said the vote would go ahead. ')
    article = read_html(_page(body=card + BODY))
    assert "Ilhan Omar said" in article.text and "Hillicon" not in article.text


@pytest.mark.parametrize("raw,expected", [
    (["Mike Wuerthele and Malcolm Owen Monday, November 18, 2019"], ["Mike Wuerthele", "Malcolm Owen"]),
    (["Fred Sun"], ["Fred Sun"]),  # a surname that is no weekday's
])
def test_a_bylines_weekday_is_no_name(raw, expected):
    assert clean_authors(raw) == expected
