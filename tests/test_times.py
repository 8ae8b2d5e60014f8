from datetime import date

import pytest

from dateline.analysis.times import find_times, normalize

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


@pytest.mark.parametrize("text,tense,value", [
    ("two years ago", "past", "2021"),  # counted from publication, in years, not "PAST_REF"
    ("five months ago", "past", "2023-01"),
    ("a decade ago", "past", "2013"),
    ("several years ago", "past", "PAST_REF"),
    ("next year", "future", "2024"),
    ("Nov. 2", "present", "2023-11-02"),  # "is payable Nov. 2", written in June: the nearest one
    ("Feb. 1", "future", "2024-02-01"),
    ("Feb. 1", "past", "2023-02-01"),
    ("January", "present", "2023-01"),
    ("Thanksgiving", "future", "2023-11-23"),
    ("Election Day", "future", "2023-11-07"),
    ("last Christmas", "past", "2022-12-25"),
    ("Easter 2024", "past", "2024-03-31"),
    ("the 20th century", "past", "19"),
])
def test_more_deictic_expressions(text, tense, value):
    assert normalize(text, published=PUBLISHED, focus=date(2019, 3, 1), tense=tense, focus_value="2019-03")[1] == value


@pytest.mark.parametrize("text,kind,value", [
    ("recent years", "DURATION", "PXY"),
    ("the coming months", "DATE", "FUTURE_REF"),
    ("two decades", "DURATION", "P20Y"),
    ("2 1/2 years", "DURATION", "P2Y6M"),
    ("a minute and a half", "DURATION", "PT1M30S"),
    ("no more than sixty days", "DURATION", "P60D"),
    ("eight trading days", "DURATION", "P8D"),
    ("hourly", "SET", "PT1H"),
])
def test_more_types_and_values(text, kind, value):
    assert normalize(text, published=PUBLISHED, focus=None)[:2] == (kind, value)


@pytest.mark.parametrize("sentence,text,value", [
    # a day that names a thing is not pulled forward by the clause around it
    ("They said they would fight Monday's ruling.", "Monday", "2023-06-19"),
    ("He could not be reached Tuesday.", "Tuesday", "2023-06-20"),
    ("The deal may have closed Monday.", "Monday", "2023-06-19"),
    # an infinitive under a noun or a verb of intending looks ahead
    ("The bank announced an agreement to buy the lender in January.", "January", "2024-01"),
    ("It agreed to sell the unit in February.", "February", "2024-02"),
    ("She declined to comment on Monday.", "Monday", "2023-06-19"),
    # the day of writing counts for the future: wire copy names it
    ("The minister will speak Wednesday.", "Wednesday", "2023-06-21"),
    # news writes what is scheduled in the present: "meet Monday", "is to resume Tuesday"
    ("He and the prime minister meet separately Monday with the envoy.", "Monday", "2023-06-26"),
    ("Trading is to resume in Paris Tuesday.", "Tuesday", "2023-06-27"),
    ("The talks resume Monday, officials said.", "Monday", "2023-06-26"),
    ("Weakness hurt the index, which fell Friday.", "Friday", "2023-06-16"),  # told in the past: a past misread
])
def test_tense_of_the_governing_clause(nlp, sentence, text, value):
    found = {t.text: t.value for t in find_times(nlp(sentence), PUBLISHED)}
    assert found.get(text) == value, found


def test_a_clock_time_and_its_day_are_one_expression(nlp):
    found = [(t.text, t.type, t.value) for t in find_times(nlp("The offer expires at 5 p.m. EST, June 23."), PUBLISHED)]
    assert found == [("5 p.m. EST, June 23", "TIME", "2023-06-23T17:00")]


def test_a_year_ended_on_a_date_is_an_accounting_period(nlp):
    found = {t.text: (t.type, t.value) for t in find_times(nlp("For the year ended March 31, it earned $5 million."), PUBLISHED)}
    assert found["the year"] == ("DURATION", "P1Y")
    assert found["March 31"][1] == "2023-03-31"


def test_a_year_earlier_compares_without_moving_the_period_in_focus(nlp):
    doc = nlp("Net income in the third quarter rose to $5 million from $4 million a year earlier. "
              "Sales a year earlier were $9 million.")
    values = [t.value for t in find_times(doc, PUBLISHED)]
    # a third quarter named in June is last year's: this year's has not begun
    assert values == ["2022-Q3", "2021-Q3", "2021-Q3"], values


def test_season_verbs_and_spelled_ages_are_not_times(nlp):
    found = [t.text for t in find_times(nlp("Prices will fall as the six-year-old plan ends."), PUBLISHED)]
    assert found == []


@pytest.mark.parametrize("sentence,value", [
    ("The vote, planned for Oct. 15, was delayed.", "2019-10-15"),  # a past plan keeps its own year
    ("The vote was planned for Oct. 15.", "2019-10-15"),
    ("The vote is planned for Oct. 15.", "2020-10-15"),  # a plan still ahead goes forward
    ("The appeal will be heard when the case is heard in February.", "2020-02"),  # a present passive is no past
    ("The bank created a new office, effective Feb. 1.", "2020-02-01"),  # "effective": the nearest such day
    ("The treaty was signed in December.", "2018-12"),  # next month in a past clause: last year's
])
def test_month_days_take_the_year_their_clauses_tense_points_to(nlp, sentence, value):
    assert [t.value for t in find_times(nlp(sentence), date(2019, 11, 18))] == [value]


def test_a_count_of_hours_is_a_duration(nlp):
    found = find_times(nlp("Volunteers logged 2,275 hours on the project."), date(2019, 11, 18))
    assert [(t.type, t.value) for t in found] == [("DURATION", "PT2275H")]


@pytest.mark.parametrize("timex,calendar", [
    ("2019-11-19TNI", "2019-11-19"), ("2019-W47", "2019-11-18"), ("2019-Q3", "2019-07"), ("2019", "2019"),
    ("PRESENT_REF", None), ("P3D", None),
])
def test_event_dates_are_calendar_dates(timex, calendar):
    from dateline.calendar import calendar_value

    assert calendar_value(timex) == calendar
