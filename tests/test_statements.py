import pytest

from conftest import speaker_name


def statements_of(result):
    return [(s["kind"], speaker_name(result, s), s["content"]["text"]) for s in result["statements"]]


def test_direct_quote_with_cue_after_and_pronoun_speaker(run):
    result = run("Vote\n\nSenator Ana Ruiz spoke to voters in Austin. "
                 "“We will fix the roads before winter,” she said.")
    assert ("direct", "Ana Ruiz", "We will fix the roads before winter") in statements_of(result)


def test_straight_quotes_and_inverted_cue(run):
    result = run('Vote\n\n"The budget is balanced and the deficit is gone," said Governor Tom Baker.')
    kind, speaker, content = statements_of(result)[0]
    assert (kind, speaker) == ("direct", "Tom Baker")
    assert content == "The budget is balanced and the deficit is gone"


def test_colon_introduction(run):
    result = run("Vote\n\nMayor Lena Park wrote: “The library will stay open on Sundays.”")
    assert ("direct", "Lena Park", "The library will stay open on Sundays") in statements_of(result)


def test_split_quote_keeps_both_parts(run):
    result = run("Vote\n\n“The plan is ready,” Minister Karl Weiss said, “and we start in May.”")
    statement = result["statements"][0]
    assert speaker_name(result, statement) == "Karl Weiss"
    assert [p["text"] for p in statement["content_parts"]] == ["The plan is ready", "and we start in May"]


def test_indirect_speech_with_that(run):
    result = run("Vote\n\nPresident Ebrahim Raisi said that the talks would continue next month.")
    assert ("indirect", "Ebrahim Raisi", "that the talks would continue next month") in statements_of(result)


def test_according_to(run):
    result = run("Vote\n\nPresident Ebrahim Raisi met the envoy. Trade between the countries doubled last year, "
                 "according to Raisi.")
    found = [s for s in result["statements"] if s["cue"] and s["cue"]["text"] == "according to"]
    assert found and speaker_name(result, found[0]) == "Ebrahim Raisi"
    assert found[0]["content"]["text"] == "Trade between the countries doubled last year"


def test_mixed_quote(run):
    result = run('Vote\n\nPresident Ebrahim Raisi stressed that any deal is a "betrayal of the cause."')
    kinds = {s["kind"] for s in result["statements"]}
    assert kinds == {"mixed"}
    assert "betrayal of the cause" in result["statements"][0]["content"]["text"]


@pytest.mark.parametrize("sentence,cue", [
    ("Mayor Lena Park called for calm after the vote.", "called"),
    ("Mayor Lena Park underlined the need for new housing.", "underlined"),
    ("Mayor Lena Park reassured residents that the water is safe.", "reassured"),
    ("Mayor Lena Park added that the budget was tight.", "added"),
])
def test_indirect_cues(run, sentence, cue):
    result = run("Vote\n\n" + sentence)
    assert [(s["cue"]["text"], speaker_name(result, s)) for s in result["statements"]] == [(cue, "Lena Park")]


def test_participle_cue_takes_the_main_speaker(run):
    result = run("Vote\n\nMayor Lena Park praised the volunteers, saying the city owed them a great deal.")
    saying = [s for s in result["statements"] if s["cue"]["text"] == "saying"]
    assert saying and speaker_name(result, saying[0]) == "Lena Park"


def test_floating_quote_inherits_the_speaker_in_focus(run):
    result = run("Vote\n\nMayor Lena Park said the vote was fair. “Nobody was turned away from the polls.”")
    floating = [s for s in result["statements"] if s["cue"] is None]
    assert floating and speaker_name(result, floating[0]) == "Lena Park"
    assert floating[0]["confidence"] < 0.8


def test_unresolved_speaker_stays_a_mention(run):
    result = run("Vote\n\nOfficials said the bridge would reopen in June.")
    statement = result["statements"][0]
    assert statement["speaker"] is None
    assert statement["speaker_mention"]["text"] == "Officials"


def test_claims_stay_claims_with_evidence(run):
    result = run("Vote\n\n“The election was stolen,” said Senator Ana Ruiz.")
    text = result["article"]["text"]
    for s in result["statements"]:
        for key in ("content", "cue", "speaker_mention"):
            if s[key]:
                assert text[s[key]["start"]:s[key]["end"]] == s[key]["text"]
    # The claim appears only as the content of a statement, never as an event or fact.
    assert result["events"] == []


def test_quote_after_part_of_the_clause_is_mixed(run):
    result = run('Vote\n\nThe minister later stressed that the deal "must not become a paper promise."')
    [statement] = result["statements"]
    assert statement["kind"] == "mixed"
    assert statement["content"]["text"].startswith("that the deal")


def test_a_run_of_words_that_never_ends_is_cut_into_sentences():
    """22 KB of unbalanced quotes and reporting verbs with no full stop or line break: every
    sentence stays short, so reading sentence trees costs in proportion to the text."""
    from dateline.analysis.nlp import MAX_SENTENCE_TOKENS, load_pipeline

    text = "Quotes\n\n" + " ".join("“He said the minister warned officials said" for _ in range(500))
    doc = load_pipeline()(text)
    lengths = [len(s) for s in doc.sents]
    assert max(lengths) <= 2 * MAX_SENTENCE_TOKENS + 1 and sum(lengths) == len(doc)
    ordinary = load_pipeline()("Talks\n\nThe minister said on Monday that the port, which had been closed for "
                               "weeks, would reopen.")
    assert len(list(ordinary.sents)) == 2  # a sentence of news length is left whole
