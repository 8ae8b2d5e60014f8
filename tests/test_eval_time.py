import pytest

from dateline.evaluate.time import canonical_value


@pytest.mark.parametrize("gold,ours", [
    ("1968-XX", "1968"),
    ("1994-XX-XX", "1994"),
    ("198X", "198"),
    ("2000-W7", "2000-W07"),
    ("1989-11-09T17", "1989-11-09T17:00"),
])
def test_spellings_of_one_value_compare_equal(gold, ours):
    assert canonical_value(gold) == canonical_value(ours)


@pytest.mark.parametrize("gold,ours", [
    ("1968-06", "1968"),
    ("1989-Q3", "1989"),
    ("2000-W17", "2000-W07"),
    ("P1Y", "1989"),
    ("PRESENT_REF", "PAST_REF"),
])
def test_different_values_stay_different(gold, ours):
    assert canonical_value(gold) != canonical_value(ours)
