"""End to end on the user's own example article (../shared/corpus/seed)."""

import json
import subprocess
import sys

import pytest

from conftest import REPO


@pytest.fixture(scope="module")
def seed(shared):
    path = shared / "seed" / "000_a8b556da02926368.txt"
    proc = subprocess.run([sys.executable, "-m", "dateline", "analyze", "--format", "jsonl", str(path)],
                          capture_output=True, cwd=REPO)
    assert proc.returncode == 0, proc.stderr.decode()
    return json.loads(proc.stdout)


def by_name(seed):
    return {a["name"]: a for a in seed["actors"]}


def test_article_metadata_and_cleaning(seed):
    art = seed["article"]
    assert art["title"] == "Liberation of Palestinian Territories a Muslim Duty"
    assert art["published"].startswith("2023-06-21T21:22")
    assert art["source_id"] == "37398" and art["outlet"] == "EghtesadOnline"
    assert "Leader.ir" in art["cited_sources"]
    assert "0 Persons" not in art["text"]
    assert art["text"].count("Liberation of Palestinian Territories a Muslim Duty") == 1
    assert art["text"].count("said the Palestinian land belongs to all Muslims") == 1
    reasons = " ".join(r["reason"] for r in art["removed"])
    assert "title repeated" in reasons and "paragraph repeated" in reasons and "furniture" in reasons


def test_actors(seed):
    actors = by_name(seed)
    for name in ("Ali Khamenei", "Ismail Haniyeh", "Ebrahim Raisi", "Ziyad al-Nakhalah"):
        assert actors[name]["kind"] == "person"
    assert actors["Hamas"]["kind"] == "organization"
    assert actors["Palestinian Islamic Jihad"]["kind"] == "organization"
    assert "President" in actors["Ebrahim Raisi"]["titles"]
    assert "Hamas" in actors["Ismail Haniyeh"]["affiliations"]
    assert "Palestinian Islamic Jihad" in actors["Ziyad al-Nakhalah"]["affiliations"]
    assert any("leader" in t.lower() for t in actors["Ismail Haniyeh"]["titles"])
    raisi_names = [m["text"] for m in actors["Ebrahim Raisi"]["mentions"] if m["form"] == "name"]
    assert raisi_names.count("Raisi") == 3  # every bare "Raisi", though the model tags it a place
    persons = [a for a in seed["actors"] if a["kind"] == "person"]
    assert len(persons) == 4


def test_direct_quotes_have_their_speakers(seed):
    names = {a["id"]: a["name"] for a in seed["actors"]}
    direct = [(names.get(s["speaker"]), s["content"]["text"]) for s in seed["statements"] if s["kind"] == "direct"]
    expected = [
        ("Ali Khamenei", "The Islamic Republic’s support"),
        ("Ismail Haniyeh", "Palestinian resistance forces"),
        ("Ebrahim Raisi", "The resistance front is changing"),
        ("Ebrahim Raisi", "The Islamic Republic of Iran and"),
        ("Ebrahim Raisi", "Those who are seeking to normalize"),
    ]
    assert len(direct) == len(expected)
    for (speaker, content), (want_speaker, want_start) in zip(direct, expected, strict=True):
        assert speaker == want_speaker and content.startswith(want_start)


def test_indirect_statements_of_all_four_speakers(seed):
    names = {a["id"]: a["name"] for a in seed["actors"]}
    indirect = [(names.get(s["speaker"]), s["cue"]["text"]) for s in seed["statements"] if s["kind"] != "direct"]
    for expected in [("Ali Khamenei", "said"), ("Ali Khamenei", "called"), ("Ismail Haniyeh", "added"),
                     ("Ebrahim Raisi", "according to"), ("Ebrahim Raisi", "stressed"), ("Ebrahim Raisi", "reassured"),
                     ("Ziyad al-Nakhalah", "underlined")]:
        assert expected in indirect
    also_said = [s for s in seed["statements"] if s["content"]["text"].startswith("Israel’s normalization")]
    assert names[also_said[0]["speaker"]] == "Ebrahim Raisi"
    stressed = next(s for s in seed["statements"] if s["cue"] and s["cue"]["text"] == "stressed")
    assert stressed["kind"] == "mixed"


def test_three_meetings_with_participants_dates_and_places(seed):
    names = {a["id"]: a["name"] for a in seed["actors"]}
    places = {p["id"]: p["name"] for p in seed["places"]}
    meetings = {(frozenset(names[i] for i in e["actors"] + e["recipients"]), e["date"]["value"], places.get(e["place"]))
                for e in seed["events"] if e["type"] == "CONSULT"}
    assert meetings == {
        (frozenset({"Ali Khamenei", "Ismail Haniyeh"}), "2023-06-21", "Tehran"),
        (frozenset({"Ismail Haniyeh", "Ebrahim Raisi"}), "2023-06-20", None),
        (frozenset({"Ebrahim Raisi", "Ziyad al-Nakhalah"}), "2023-06-19", "Tehran"),
    }


def test_statement_dates_follow_their_meetings(seed):
    names = {a["id"]: a["name"] for a in seed["actors"]}
    dates = {}
    for s in seed["statements"]:
        dates.setdefault(names.get(s["speaker"]), set()).add(s["date"])
    assert dates["Ali Khamenei"] == {"2023-06-21"}
    assert dates["Ismail Haniyeh"] == {"2023-06-20"}
    assert dates["Ziyad al-Nakhalah"] == {"2023-06-19"}
    reassured = next(s for s in seed["statements"] if s["cue"] and s["cue"]["text"] == "reassured")
    assert reassured["date"] == "2023-06-19"


def test_places_resolve(seed):
    places = {p["name"]: p for p in seed["places"]}
    assert places["Tehran"]["country"] == "IR"
    assert places["Gaza Strip"]["feature"] == "region"
    assert places["West Bank"]["country"] == "PS"
    assert places["Jerusalem"]["mentions"][0]["text"] == "Beit-ul-Moqaddas"
