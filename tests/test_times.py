from datetime import date

import pytest

from dateline.analyze.times import find_times, normalize

PUBLISHED = date(2023, 6, 21)  # a Wednesday


@pytest.mark.parametrize("text,tense,value", [
    ("on Wednesday", "past", "2023-06-21"),
    ("Monday", "past", "2023-06-19"),
    ("Thursday", "past", "2023-06-15"),
    ("Friday", "future", "2023-06-23"),
    ("next Monday", "past", "2023-06-26"),
    ("last Wednesday", "past", "2023-06-14"),
    ("today", "past", "2023-06-21"),
    ("yesterday", "past", "2023-06-20"),
    ("tomorrow", "future", "2023-06-22"),
    ("three days ago", "past", "2023-06-18"),
    ("March 3", "past", "2023-03-03"),
    ("21 June 2022", "past", "2022-06-21"),
    ("June 2021", "past", "2021-06"),
    ("last week", "past", "2023-W24"),
    ("next month", "future", "2023-07"),
])
def test_deictic_expressions_anchor_to_publication(text, tense, value):
    assert normalize(text, published=PUBLISHED, focus=None, tense=tense)[1] == value


@pytest.mark.parametrize("text,value", [
    ("a day earlier", "2023-06-09"),
    ("the day before", "2023-06-09"),
    ("the next day", "2023-06-11"),
    ("two weeks later", "2023-W25"),  # TIMEX3 keeps the granularity of the unit
    ("a day later", "2023-06-11"),
])
def test_anaphoric_expressions_anchor_to_the_date_in_focus(text, value):
    kind, got, anchor = normalize(text, published=PUBLISHED, focus=date(2023, 6, 10))
    assert (got, anchor) == (value, "focus")


@pytest.mark.parametrize("text,kind,value", [
    ("two weeks", "DURATION", "P2W"),
    ("72 hours", "DURATION", "PT72H"),
    ("every week", "SET", "P1W"),
    ("9:22 PM", "TIME", "2023-06-21T21:22"),
    ("now", "DATE", "PRESENT_REF"),
])
def test_types_and_values(text, kind, value):
    assert normalize(text, published=PUBLISHED, focus=None)[:2] == (kind, value)


def test_focus_moves_with_the_text(nlp):
    doc = nlp("The envoy arrived in Cairo on Monday. He had met the king a day earlier. "
              "He will travel to Amman on Friday.")
    values = {t.text: t.value for t in find_times(doc, PUBLISHED)}
    assert values["Monday"] == "2023-06-19"
    assert values["a day earlier"] == "2023-06-18"
    assert values["Friday"] == "2023-06-23"


@pytest.mark.parametrize("sentence,text,value", [
    ("Prices rose barely a month after the vote.", "a month", "P1M"),
    ("He was released just over an hour later.", "just over an hour", "PT1H"),
    ("The plant will reopen sometime next year.", "next year", "2024"),
])
def test_modifiers_around_an_expression_leave_its_value(nlp, sentence, text, value):
    found = {t.text: t.value for t in find_times(nlp(sentence), PUBLISHED)}
    assert found.get(text) == value, found
