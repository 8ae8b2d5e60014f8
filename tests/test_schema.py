import jsonschema

from dateline.schema import committed, generate


def test_committed_schema_matches_the_models():
    assert committed() == generate(), "models changed: run `make schema` and commit the file"


def test_output_validates_against_the_schema(run):
    result = run("Talks\n\n“We are ready,” President Ebrahim Raisi said in a meeting with Minister Amina Odhiambo "
                 "on Wednesday in Tehran. Odhiambo said trade would grow.")
    jsonschema.validate(result, committed())
    assert result["schema"] == "dateline.article/1"


def test_schema_rejects_a_renamed_field(run):
    result = run("Talks\n\nMinister Amina Odhiambo said trade would grow.")
    result["statements"][0]["who"] = result["statements"][0].pop("speaker")
    try:
        jsonschema.validate(result, committed())
    except jsonschema.ValidationError:
        return
    raise AssertionError("a renamed field passed validation")
