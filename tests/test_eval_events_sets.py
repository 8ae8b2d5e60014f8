"""The ACLED-notes and CAMEO quad-class evaluators, on notes and sentences the tests write."""

import json

from dateline.evaluate import acled, quadclass


def _note(**fields) -> dict:
    base = {"id": "X1", "event_date": "2022-01-21", "sub_event_type": "Attack", "actor1": None, "iso": 76,
            "country": "Brazil", "location": "Trindade", "latitude": -7.76, "longitude": -40.27,
            "time_precision": 1}
    return base | fields


def test_actor_names_cover_acronyms_state_forces_and_skip_generic_actors():
    assert acled.actor_names("Protesters (India)") == []
    assert acled.actor_names("Civilians (Brazil)") == []
    assert {"russia", "russian"} <= set(acled.actor_names("Military Forces of Russia (2000-) Air Force"))
    assert {"hbdh", "peoples united revolutionary movement"} <= set(
        acled.actor_names("HBDH: Peoples United Revolutionary Movement"))


def test_acled_notes_are_scored_for_type_actor_place_and_date(tmp_path):
    notes = [
        _note(id="A", text="On 21 January 2022, in Trindade (Pernambuco), a man was shot and killed by "
                           "two armed men.", actor1="Unidentified Armed Group (Brazil)"),
        _note(id="B", text="On 22 January 2022, people protested in Recife against fuel prices.",
              sub_event_type="Peaceful protest", event_date="2022-01-22", location="Recife",
              latitude=-8.05, longitude=-34.9),
        _note(id="C", text="On 23 January 2022, a group changed its name.", sub_event_type="Change to group/activity"),
    ]
    path = tmp_path / "acled.jsonl"
    path.write_text("\n".join(json.dumps(n) for n in notes) + "\n", encoding="utf-8")
    figures = acled.evaluate(path).as_dict()
    assert figures["notes"] == 3 and figures["unmapped"] == 1  # "Change to group/activity" has no PLOVER type
    assert figures["type"]["all"] == 1.0 and figures["type"]["n"] == 2
    assert figures["date_exact"]["all"] == 1.0
    assert figures["place_country"]["all"] == 1.0 and figures["place_161km"]["all"] == 1.0
    assert figures["named_actor"]["n"] == 0  # a generic ACLED actor is not named in the text


def test_a_wrong_type_and_a_missing_place_count_against_the_note(tmp_path):
    path = tmp_path / "acled.jsonl"
    path.write_text(json.dumps(_note(id="D", text="On 21 January 2022, the minister praised the new law.")) + "\n",
                    encoding="utf-8")
    scores = acled.evaluate(path, errors_path=tmp_path / "errors.tsv")
    figures = scores.as_dict()
    assert figures["type"]["all"] == 0.0 and figures["place_country"]["all"] == 0.0
    kinds = {line.split("\t")[0] for line in (tmp_path / "errors.tsv").read_text().splitlines()}
    assert {"TYPE", "PLACE"} <= kinds


def test_quad_classes_follow_the_first_event_and_a_sentence_without_one_is_a_statement(tmp_path):
    path = tmp_path / "cameo.tsv"
    path.write_text("Police arrested 20 protesters in Moscow on Sunday.\t4\n"
                    "Rebels attacked an army post near Goma.\t4\n"
                    "The minister said the economy was growing.\t0\n"
                    "Police arrested 20 protesters in Moscow on Monday.\t1\n", encoding="utf-8")
    figures = quadclass.evaluate(path).as_dict()
    assert figures["sentences"] == 4
    assert figures["accuracy"]["all"] == 0.75  # the last gold label is wrong on purpose: 3 of 4
    assert figures["classes"]["material conflict"]["tp"] == 2
    assert figures["classes"]["material conflict"]["fp"] == 1


def test_plover_gold_sentences_are_split_into_a_tune_and_a_confirm_half(tmp_path):
    from dateline.evaluate import events

    sentences = [
        {"id": "s1", "date": "2022-01-03", "event": "ASSAULT", "eventText": "attacked",
         "text": "Rebels attacked an army post near Goma.", "source": "Rebels", "target": "an army post"},
        {"id": "s2", "date": "2022-01-03", "event": "CONSULT", "eventText": "met",
         "text": "The foreign ministers of France and Germany met in Paris.", "source": "", "target": ""},
        {"id": "s3", "date": "2022-01-03", "event": "PROTEST", "eventText": "protested",
         "text": "Farmers protested in Delhi on Monday.", "source": "Farmers", "target": ""},
    ]
    path = tmp_path / "plover.json"
    path.write_text(json.dumps(sentences), encoding="utf-8")
    figures = events.evaluate(path).as_dict()
    halves = figures["halves"]
    for key in ("type", "type_actor", "type_actor_recipient"):
        # each sentence counts once, in one half: sentences 1 and 3 to tune, 2 to confirm
        assert halves["tune"][key]["tp"] + halves["tune"][key]["fn"] == 2
        assert halves["confirm"][key]["tp"] + halves["confirm"][key]["fn"] == 1
        assert halves["tune"][key]["tp"] + halves["confirm"][key]["tp"] == figures[key]["tp"]
