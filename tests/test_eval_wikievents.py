"""The WikiEvents evaluator: text rebuilt at gold offsets, type mapping, trigger and argument scoring."""

from dateline.analysis.pipeline import analyze
from dateline.evaluate.wikievents import WikiEventsScores, gold_type, read_document, score_document


def _record() -> dict:
    words = [("Rebels", 0, 6), ("attacked", 7, 15), ("Kabul", 16, 21), (".", 21, 22),
             ("Two", 23, 26), ("died", 27, 31), (".", 31, 32)]
    return {
        "doc_id": "toy",
        "sentences": [[[list(w) for w in words[:4]], "Rebels attacked Kabul."],
                      [[list(w) for w in words[4:]], "Two died."]],
        "entity_mentions": [{"id": "toy-T1", "start": 0, "end": 1}, {"id": "toy-T2", "start": 2, "end": 3},
                            {"id": "toy-T3", "start": 4, "end": 5}],
        "event_mentions": [
            {"event_type": "Conflict.Attack.Unspecified", "trigger": {"start": 1, "end": 2},
             "arguments": [{"entity_id": "toy-T1", "role": "Attacker"}, {"entity_id": "toy-T2", "role": "Target"}]},
            {"event_type": "Life.Die.Unspecified", "trigger": {"start": 5, "end": 6},
             "arguments": [{"entity_id": "toy-T3", "role": "Victim"}]},
        ],
    }


def test_type_mapping_prefers_the_longest_prefix():
    assert gold_type("Contact.Contact.Meet") == "CONSULT"
    assert gold_type("Contact.Contact.Broadcast") is None
    assert gold_type("Conflict.Attack.DetonateExplode") == "ASSAULT"
    assert gold_type("Contact.RequestCommand.Broadcast") == "REQUEST"


def test_text_is_rebuilt_at_gold_offsets_with_a_line_per_sentence():
    document = read_document(_record())
    assert document.text == "Rebels attacked Kabul.\nTwo died."
    (attack,) = document.events
    assert document.text[slice(*attack.trigger)] == "attacked"
    assert [(role, document.text[slice(*span)]) for role, span in attack.arguments] == \
        [("actor", "Rebels"), ("recipient", "Kabul")]
    assert [document.text[slice(*t)] for t in document.other_triggers] == ["died"]


def test_a_matching_event_scores_its_trigger_and_actor(nlp):
    document = read_document(_record())
    scores = WikiEventsScores()
    score_document(analyze(document.article, nlp), document, scores)
    assert (scores.classification.tp, scores.classification.fp, scores.classification.fn) == (1, 0, 0)
    # "Rebels" as the attacker, the city attacked as the target
    assert (scores.arguments.tp, scores.arguments.fp, scores.arguments.fn) == (2, 0, 0)


def test_documents_are_split_into_a_tune_and_a_confirm_half(tmp_path):
    import json

    from dateline.evaluate.wikievents import evaluate

    second = _record() | {"doc_id": "toy2"}
    path = tmp_path / "dev.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (_record(), second)) + "\n", encoding="utf-8")
    figures = evaluate(path).as_dict()
    halves = figures["halves"]
    assert halves["tune"]["documents"] == halves["confirm"]["documents"] == 1
    for key in ("trigger_identification", "argument"):
        assert halves["tune"][key]["tp"] + halves["confirm"][key]["tp"] == figures[key]["tp"]
        assert halves["tune"][key]["fn"] + halves["confirm"][key]["fn"] == figures[key]["fn"]
