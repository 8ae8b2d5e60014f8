"""The attribution scorer: each unmatched gold attribution and statement is counted once, under its class."""

from dateline.evaluate.attribution import Predicted, Scores, score_document
from dateline.evaluate.brat import GoldAttribution

TEXT = "Ann said the plan failed. Bob told reporters the city would pay, though he noted costs rose."


def _span(word: str, nth: int = 0) -> tuple[tuple[int, int]]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return ((start, start + len(word)),)


def _gold() -> list[GoldAttribution]:
    return [
        GoldAttribution(_span("Ann"), _span("said"), _span("the plan failed")),
        GoldAttribution(_span("Bob"), _span("told"), _span("the city would pay")),
        GoldAttribution(_span("he"), _span("noted"), _span("costs rose")),
    ]


def test_a_document_is_scored_once_and_its_misses_are_classed():
    found = [
        Predicted(_span("Ann"), _span("said"), _span("the plan failed"), "indirect"),
        # Bob's content runs over the aside, so the aside's cue lies inside it; the source is wrong
        Predicted(_span("reporters"), _span("told"), _span("the city would pay, though he noted costs rose"), "indirect"),
    ]
    scores, errors = Scores(), []
    score_document(TEXT, _gold(), found, scores, errors, "toy")
    assert (scores.overlap["whole"].tp, scores.overlap["whole"].fp, scores.overlap["whole"].fn) == (1, 1, 2)
    assert scores.misses == {"source-wrong": 1, "nested-in-content": 1}
    assert scores.false_alarms == {"source-wrong": 1}
    assert sorted(line.split("\t")[:2] for line in errors) == [
        ["FN", "nested-in-content"], ["FN", "source-wrong"], ["FP", "source-wrong"]]


def test_a_statement_where_gold_has_none_is_not_an_attribution():
    found = [Predicted(None, None, _span("costs rose"), "direct"),
             Predicted(_span("Ann"), _span("said"), _span("the plan"), "indirect")]
    scores = Scores()
    score_document(TEXT, _gold()[:1], found, scores, None, "toy")
    assert scores.misses == {}
    assert scores.false_alarms == {"not-an-attribution": 1}
