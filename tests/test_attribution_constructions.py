"""One small text per construction of how news attributes speech (issue 3, point 1)."""

import pytest

from conftest import speaker_name


def only(result, **where):
    found = [s for s in result["statements"] if all(
        (s[k]["text"] if isinstance(s[k], dict) else s[k]) == v for k, v in where.items())]
    assert len(found) == 1, [(s["cue"], s["content"]["text"]) for s in result["statements"]]
    return found[0]


@pytest.mark.parametrize("text,speaker,content", [
    ('“We will not back down,” said Senator Ana Ruiz.', "Ana Ruiz", "We will not back down"),
    ('“We will not back down,” Senator Ana Ruiz, who chairs the committee, said on Monday.', "Ana Ruiz", "We will not back down"),
    ('Senator Ana Ruiz said: “We will not back down.”', "Ana Ruiz", "We will not back down"),
    ('Senator Ana Ruiz told the crowd in Austin, “We will not back down.”', "Ana Ruiz", "We will not back down"),
    ('“We will not back down.” ― Ana Ruiz', "Ana Ruiz", "We will not back down"),
    ("Senator Ana Ruiz said, ''We will not back down.''", "Ana Ruiz", "We will not back down"),
])
def test_direct_quote_forms(run, text, speaker, content):
    result = run("Vote\n\n" + text)
    statement = only(result, kind="direct")
    assert speaker_name(result, statement) == speaker
    assert statement["content"]["text"] == content


def test_multi_paragraph_quote(run):
    result = run("Vote\n\nSenator Ana Ruiz said: “The roads come first.\n\n“Then the schools.”")
    statement = only(result, kind="direct")
    assert statement["content"]["text"].startswith("The roads come first")
    assert statement["content"]["text"].endswith("Then the schools")


def test_quote_continued_after_the_cue_sentence(run):
    result = run("Vote\n\n“The roads come first,” Senator Ana Ruiz said on Monday. “Then the schools.”")
    statement = only(result, kind="direct")
    assert [p["text"] for p in statement["content_parts"]] == ["The roads come first", "Then the schools"]


@pytest.mark.parametrize("text,cue,content", [
    ("Senator Ana Ruiz believes that the tax cut will pass.", "believes", "that the tax cut will pass"),
    ("Senator Ana Ruiz wants to cut taxes for farmers.", "wants", "to cut taxes for farmers"),
    ("Senator Ana Ruiz backs the new pipeline.", "backs", "the new pipeline"),
    ("Senator Ana Ruiz insists the vote was fair.", "insists", "the vote was fair"),
    ("Senator Ana Ruiz called on lawmakers to pass the bill.", "called", "lawmakers to pass the bill"),
    ("Senator Ana Ruiz praised the volunteers, adding that the city owed them thanks.", "adding", "that the city owed them thanks"),
])
def test_beliefs_positions_and_participles(run, text, cue, content):
    result = run("Vote\n\n" + text)
    statement = only(result, cue=cue)
    assert speaker_name(result, statement) == "Ana Ruiz"
    assert statement["content"]["text"] == content


def test_noun_cue_with_owner(run):
    result = run("Vote\n\nSenator Ana Ruiz met voters. Ruiz's claim that the election was rigged drew criticism.")
    statement = only(result, cue="claim")
    assert speaker_name(result, statement) == "Ana Ruiz"
    assert statement["content"]["text"] == "that the election was rigged"


def test_transcript_lines(run):
    result = run("Debate\n\nWALLACE: Will you attend the debate tomorrow night?\n\nPENCE: I will be there with my wife.")
    speakers = [s["speaker_mention"]["text"] for s in result["statements"]]
    assert speakers == ["WALLACE", "PENCE"]
    assert result["statements"][1]["content"]["text"] == "I will be there with my wife"


def test_organisation_media_and_unnamed_speakers(run):
    result = run("Vote\n\nThe Daily Meridian reported that the mayor had resigned. "
                 "A source familiar with the talks said the deal was close.")
    reported = only(result, cue="reported")
    assert speaker_name(result, reported) == "Daily Meridian"
    unnamed = only(result, cue="said")
    assert unnamed["speaker"] is None
    assert unnamed["speaker_mention"]["text"] == "A source familiar with the talks"


@pytest.mark.parametrize("text,cue,source,content", [
    ("It was announced by the Finance Ministry that taxes would rise.", "announced", "the Finance Ministry",
     "that taxes would rise"),
    # with an agent and no clause, the passive subject is what is attributed
    ("The tax plan was endorsed by the Austin Chronicle.", "endorsed", "the Austin Chronicle", "The tax plan"),
])
def test_passive_with_agent(run, text, cue, source, content):
    statement = only(run("Vote\n\n" + text), cue=cue)
    assert statement["speaker_mention"]["text"] == source
    assert statement["content"]["text"] == content


def test_headline_statement(run):
    result = run("Senator Ana Ruiz: Roads Come Before Schools\n\nThe senator spoke in Austin on Monday.")
    statement = result["statements"][0]
    assert speaker_name(result, statement) == "Ana Ruiz"
    assert statement["content"]["text"] == "Roads Come Before Schools"


@pytest.mark.parametrize("headline,source,content,kind", [
    ("Poll: Voters Abandon the Governor Over Roads", "Poll", "Voters Abandon the Governor Over Roads", "indirect"),
    ("A lesson from Senator Ana Ruiz: 'Be the voice that people hear.'", "Ana Ruiz", "Be the voice that people hear", "direct"),
])
def test_headline_led_by_who_says_it(run, headline, source, content, kind):
    result = run(headline + "\n\nSenator Ana Ruiz spoke in Austin on Monday.")
    statement = only(result, cue=":")
    assert statement["speaker_mention"]["text"] == source
    assert (statement["content"]["text"], statement["kind"]) == (content, kind)


def test_headline_led_by_a_topic_says_nothing(run):
    result = run("The Latest: Roads Come Before Schools in Austin\n\nThe senator spoke in Austin on Monday.")
    assert not [s for s in result["statements"] if s["cue"] and s["cue"]["text"] == ":"]


@pytest.mark.parametrize("text,source,content", [
    # the small model parses the clause after the comma as in apposition to the source
    ("According to conservative radio host Tom Baker, the move reeks of fear and desperation.", "Tom Baker",
     "the move reeks of fear and desperation"),
    ("The governor repeatedly demeaned staff with crude language, according to show insiders.", "show insiders",
     "The governor repeatedly demeaned staff with crude language"),
    ("According to the senator, who spoke on Monday, the bill is dead.", "the senator, who spoke on Monday",
     "the bill is dead"),
])
def test_according_to_forms(run, text, source, content):
    statement = only(run("Vote\n\n" + text), cue="according to" if text[0] == "T" else "According to")
    assert statement["speaker_mention"]["text"] == source
    assert statement["content"]["text"] == content


def test_agentless_passive_keeps_the_claim_without_a_speaker(run):
    result = run("Plant\n\nIt was announced on Monday that the plant would close.")
    statement = only(result, kind="indirect")
    assert statement["content"]["text"] == "that the plant would close"
    assert statement["speaker"] is None and statement["speaker_mention"] is None


@pytest.mark.parametrize("text,speaker,parts", [
    ("Lenox was a juggernaut, Senator Ana Ruiz said, until it went bankrupt in 1999.", "Ana Ruiz",
     ["Lenox was a juggernaut", "until it went bankrupt in 1999"]),
    ("The museum, Senator Ana Ruiz said, would make visitors face hard truths.", "Ana Ruiz",
     ["The museum", "would make visitors face hard truths"]),
])
def test_cue_inside_the_reported_clause(run, text, speaker, parts):
    result = run("Vote\n\n" + text)
    statement = only(result, kind="indirect")
    assert speaker_name(result, statement) == speaker
    assert [p["text"] for p in statement["content_parts"]] == parts


def test_closing_mark_typed_at_the_start_of_a_quotation(run):
    result = run("Vote\n\n”We will not back down.” ― Ana Ruiz")
    statement = only(result, kind="direct")
    assert speaker_name(result, statement) == "Ana Ruiz"
    assert statement["content"]["text"] == "We will not back down"


@pytest.mark.parametrize("text,speaker,content", [
    ("Many Democrats are afraid that the edge may be undercut by apathy.", "Many Democrats",
     "that the edge may be undercut by apathy"),
    ("Senator Ana Ruiz was worried about the cost of the wall.", "Senator Ana Ruiz", "the cost of the wall"),
])
def test_state_of_mind_is_attributed_to_its_holder(run, text, speaker, content):
    result = run("Vote\n\n" + text)
    statement = only(result, kind="indirect")
    assert statement["speaker_mention"]["text"] == speaker
    assert statement["content"]["text"] == content


def test_signature_after_a_non_breaking_space(run):
    result = run("Voices\n\n“We deserve better than this campaign.”\u00a0― Ana Ruiz\n")
    statement = only(result, kind="direct")
    assert speaker_name(result, statement) == "Ana Ruiz"


def test_colon_at_paragraph_end_introduces_the_quotation_below(run):
    result = run("Vote\n\nThe Austin Chronicle reports:\n\n“The council voted to close the library on Sundays.”\n")
    statement = only(result, kind="direct")
    assert statement["cue"]["text"] == "reports"
    assert statement["content"]["text"] == "The council voted to close the library on Sundays"


def test_a_quoted_title_is_not_speech_and_leaves_the_cue_to_the_claim(run):
    result = run("Vote\n\nOn “The Morning Show,” Senator Ana Ruiz said the roads would be fixed by winter.\n")
    assert not [s for s in result["statements"] if s["content"]["text"] == "The Morning Show"]
    statement = only(result, kind="indirect")
    assert statement["content"]["text"] == "the roads would be fixed by winter"
    assert speaker_name(result, statement) == "Ana Ruiz"


@pytest.mark.parametrize("text,cue,content", [
    # a gerund after a preposition speaks for the subject of the verb it completes
    ("Senator Ana Ruiz ended the debate by saying that the roads would be fixed.", "saying",
     "that the roads would be fixed"),
    # "that" marking a clause the small model hung from the cue as an adverbial
    ("Senator Ana Ruiz tweeted in the early morning hours that the council was a disgrace.", "tweeted",
     "that the council was a disgrace"),
    # comparisons and labels
    ("Senator Ana Ruiz likened the budget to a house of cards.", "likened", "the budget to a house of cards"),
    # an infinitive of purpose keeps the subject of the verb it serves
    ("Senator Ana Ruiz went on to discuss the new polls.", "discuss", "the new polls"),
])
def test_speaker_through_gerunds_infinitives_and_comparisons(run, text, cue, content):
    result = run("Vote\n\n" + text)
    statement = only(result, **{"cue": cue})
    assert statement["content"]["text"] == content
    assert speaker_name(result, statement) == "Ana Ruiz"


def test_a_second_cue_between_two_quotes_makes_two_statements(run):
    result = run("Vote\n\n“We cannot afford this any more,” Senator Ana Ruiz said, adding later, "
                 "“The budget is costing us a fortune.”")
    first = only(result, **{"cue": "said"})
    second = only(result, **{"cue": "adding"})
    assert first["content"]["text"] == "We cannot afford this any more"
    assert second["content"]["text"] == "The budget is costing us a fortune"
    assert speaker_name(result, first) == speaker_name(result, second) == "Ana Ruiz"


def test_a_name_the_parser_buried_before_the_cue_still_speaks(run, nlp):
    from dateline.analysis.statements import _name_just_before

    doc = nlp("In a March meeting with the editorial board of the Austin Chronicle Ruiz said that taxes would rise.")
    said = next(t for t in doc if t.text == "said")
    if any(c.dep_ == "nsubj" for c in said.children):
        pytest.fail("the parse found the subject itself: this sentence no longer tests the fallback")
    assert _name_just_before(said).text == "Ruiz"


def test_a_cue_in_the_next_paragraph_does_not_take_a_quote(run):
    result = run("Museum\n\nThe visitor recalled ''all the people who did things to get us here.''\n\n"
                 "She said she had toured the museum last week.\n")
    statement = only(result, **{"cue": "said"})
    assert statement["content"]["text"] == "she had toured the museum last week"


def test_a_cue_with_its_own_clause_does_not_take_the_quote_before_it(run):
    result = run("Network\n\nThe editor wrote that the piece was “not in line with our policy.” "
                 "The network said it would send the reporter to Crimea.\n")
    statement = only(result, **{"cue": "said"})
    assert statement["content"]["text"] == "it would send the reporter to Crimea"


def test_of_two_subjects_the_one_outside_the_quote_speaks(run):
    result = run('Senate\n\n"He would be a great senator. Not good, great. One of the brightest members of the '
                 'entire Congress," Rep. Elijah E. Cummings (D-Md.) said in a phone interview.\n')
    statement = only(result, kind="direct")
    assert statement["speaker_mention"]["text"] == "Rep. Elijah E. Cummings (D-Md.)"


@pytest.mark.parametrize("text,cue,content", [
    ("Senator Ana Ruiz has been critical of the budget.", "critical", "the budget"),
    ("Senator Ana Ruiz was sure the council would fold.", "sure", "the council would fold"),
    ("Senator Ana Ruiz has been a consistent supporter of the treaty.", "supporter", "the treaty"),
])
def test_positions_held_by_a_speaker(run, text, cue, content):
    result = run("Vote\n\n" + text)
    statement = only(result, **{"cue": cue})
    assert statement["content"]["text"] == content
    assert speaker_name(result, statement) == "Ana Ruiz"


def test_a_raised_passive_reports_its_subject_and_infinitive_without_a_source(run):
    result = run("Vote\n\nTurnout is expected to rise sharply in the suburbs.\n")
    statement = only(result, cue="expected")
    assert statement["speaker"] is None and statement["speaker_mention"] is None
    assert [p["text"] for p in statement["content_parts"]] == ["Turnout", "to rise sharply in the suburbs"]


@pytest.mark.parametrize("text,cue,content", [
    # the small model tags these verbs as plural nouns, with a subject and a clause of their own
    ("But Senator Ana Ruiz claims that she should be the exception.", "claims", "that she should be the exception"),
    ("The campaign of Senator Ana Ruiz plans to employ two new organizers in the coming weeks.", "plans",
     "to employ two new organizers in the coming weeks"),
])
def test_cue_verbs_tagged_as_nouns(run, text, cue, content):
    statement = only(run("Vote\n\n" + text), cue=cue)
    assert statement["content"]["text"] == content


def test_of_two_clauses_the_one_after_the_cue_is_reported(run):
    result = run("Vote\n\nIt’s an extremely unlikely scenario; the senator’s team says she’ll continue her march.")
    statement = only(result, cue="says")
    assert statement["content"]["text"] == "she’ll continue her march"


@pytest.mark.parametrize("text,parts", [
    # an aside with an abbreviation between the cue and the second half
    ("“The roads come first,” Senator Ana Ruiz said during a rally in Kinston, N.C., “and then the schools.”",
     ["The roads come first", "and then the schools"]),
    # a statement inside the cue clause does not cut the quote from its continuation
    ("“The roads come first,” said Senator Ana Ruiz, speaking of the budget. “Then the schools.”",
     ["The roads come first", "Then the schools"]),
    # a long cue clause
    ("“The roads come first,” said Senator Ana Ruiz, a lawyer from Austin who has chaired the transport "
     "committee since 2009. “Then the schools.”", ["The roads come first", "Then the schools"]),
])
def test_one_quotation_in_two_halves(run, text, parts):
    result = run("Vote\n\n" + text)
    statement = only(result, kind="direct")
    assert speaker_name(result, statement) == "Ana Ruiz"
    assert [p["text"] for p in statement["content_parts"]] == parts


def test_an_attribution_inside_reported_words_stays_part_of_the_claim(run):
    # that the governor told police anything is the aide's claim, not a statement of its own
    result = run("Vote\n\nAn aide to Senator Ana Ruiz added that the governor had told police he did not want an escort.")
    assert [s["cue"]["text"] for s in result["statements"]] == ["added"]
    assert result["statements"][0]["content"]["text"] == "that the governor had told police he did not want an escort"


def test_a_clause_before_a_semicolon_is_not_what_the_cue_reports(run):
    result = run("Vote\n\nLeaders denounce the test; Senator Ana Ruiz and others vow consequences.")
    assert not [s for s in result["statements"] if s["cue"]["text"] == "vow"]


def test_a_relative_clause_after_the_object_is_the_writers(run):
    result = run("Vote\n\nSenator Ana Ruiz endorses Tom Baker, who says he is honored.")
    assert only(result, cue="endorses")["content"]["text"] == "Tom Baker"
    assert only(result, cue="says")["content"]["text"] == "he is honored"


@pytest.mark.parametrize("text,cue,content", [
    ("As many tax experts have pointed out, the senator is free to disclose her returns.", "pointed",
     "the senator is free to disclose her returns"),
    ("As Senator Ana Ruiz said on Monday, the roads come first.", "said", "the roads come first"),
])
def test_as_clause_cue(run, text, cue, content):
    statement = only(run("Vote\n\n" + text), cue=cue)
    assert statement["content"]["text"] == content


def test_as_without_a_speaker_is_no_cue(run):
    assert run("Vote\n\nAs expected, the bill passed on Monday.")["statements"] == []


@pytest.mark.parametrize("text,cue,source,content", [
    ("The registration issue was first reported by the Austin Chronicle.", "reported", "the Austin Chronicle",
     "The registration issue"),
    ("The anthem was written by Senator Ana Ruiz.", "written", "Senator Ana Ruiz", "The anthem"),
])
def test_passive_report_with_agent(run, text, cue, source, content):
    statement = only(run("Vote\n\n" + text), cue=cue)
    assert (statement["speaker_mention"]["text"], statement["content"]["text"]) == (source, content)


def test_a_passive_addressee_is_not_what_was_said(run):
    result = run("Vote\n\nThe mayor was told by aides about the vote.")
    assert not [s for s in result["statements"] if s["content"]["text"] == "The mayor"]


def test_a_second_cue_coordinated_with_the_first_is_a_statement_of_its_own(run):
    result = run("Vote\n\nEven the governor said it was opposed to the plan and warned the council to refrain from "
                 "further votes.")
    said, warned = only(result, cue="said"), only(result, cue="warned")
    assert said["content"]["text"] == "it was opposed to the plan"
    assert said["speaker_mention"]["text"] == warned["speaker_mention"]["text"] == "the governor"


def test_a_fallback_content_stops_at_the_main_clause(run):
    result = run("Vote\n\nWhile he acknowledged funding was a major reason he felt demoralized serving under the mayor, "
                 "Tom Baker also noted several “intangibles” left him further disillusioned.")
    assert only(result, cue="noted")["content"]["text"] == "several “intangibles” left him further disillusioned"
    assert not only(result, cue="acknowledged")["content"]["text"].endswith("disillusioned")


@pytest.mark.parametrize("text,cue,content", [
    ("The protesters chanted “What curfew?” as they marched.", "chanted", "What curfew"),
    ("The mayor said “no way.”", "said", "no way"),
])
def test_a_short_quotation_right_after_a_verb_of_saying(run, text, cue, content):
    statement = only(run("Vote\n\n" + text), cue=cue)
    assert (statement["kind"], statement["content"]["text"]) == ("direct", content)


def test_a_short_quotation_after_a_label_is_a_scare_quote(run):
    result = run("Vote\n\nSenator Ana Ruiz called the budget a “disaster.”")
    assert [s["kind"] for s in result["statements"]] == ["mixed"]


def test_a_quoted_show_title_after_the_cue_is_not_the_speaker(run):
    result = run("Vote\n\n“The roads come first and the schools come next,” Senator Ana Ruiz, a member of the "
                 "committee, said Thursday morning on the network’s “Good Morning Austin.” “Then the parks.”")
    statement = only(result, kind="direct")
    assert speaker_name(result, statement) == "Ana Ruiz"
    assert [p["text"] for p in statement["content_parts"]] == [
        "The roads come first and the schools come next", "Then the parks"]


def test_a_dash_the_parser_takes_for_a_subject_is_not_the_speaker(run):
    result = run("Vote\n\nWhen the mayor noted that the senator had not paid taxes ― as was true for the years her "
                 "returns were made public ― Senator Ana Ruiz boasted, “That makes me smart.”")
    statement = only(result, kind="direct")
    assert speaker_name(result, statement) == "Ana Ruiz"


@pytest.mark.parametrize("text,content", [
    ("People like the mayor, she said.", "People like the mayor"),
    ("Not a chance, the senator said on Monday.", "Not a chance"),
])
def test_a_fragment_before_the_cue_is_what_was_said(run, text, content):
    result = run("Vote\n\nSenator Ana Ruiz spoke in Austin.\n\n" + text)
    statement = only(result, cue="said")
    assert speaker_name(result, statement) == "Ana Ruiz"
    assert statement["content"]["text"] == content


@pytest.mark.parametrize("text", [
    "“The roads come first,” Senator Ana Ruiz declared. “Even today the schools wait. But not for long.”",
    "''The roads come first,'' Senator Ana Ruiz declared. ''Even today the schools wait. But not for long.''",
    "“The roads come first,” Senator Ana Ruiz declared, but “even today the schools wait. But not for long.”",
])
def test_a_quotation_resumed_after_the_cue_sentence_is_one_statement(run, text):
    result = run("Vote\n\n" + text)
    statement = only(result, kind="direct")
    assert speaker_name(result, statement) == "Ana Ruiz"
    assert [p["text"] for p in statement["content_parts"]] == [
        "The roads come first", ("even" if ", but" in text else "Even") + " today the schools wait. But not for long"]


def test_the_speaking_verb_nearest_the_quotation_is_its_cue(run):
    result = run("Vote\n\nThe advert concludes with footage of Senator Ana Ruiz saying during the debate last week, "
                 "“That makes me proud,” when her rival attacked her.")
    statement = only(result, kind="direct")
    assert statement["cue"]["text"] == "saying"
    # the advert's verb holds the quotation; it reports nothing of its own
    assert not [s for s in result["statements"] if s["cue"] and s["cue"]["text"] == "concludes"]
    assert speaker_name(result, statement) == "Ana Ruiz"


def test_a_gerund_before_a_passive_clause_shares_its_subject(run):
    result = run("Vote\n\nSenator Ana Ruiz toured the port. After saying her ankle was “so swollen I could barely walk,” "
                 "she was taken to a hospital for tests.")
    statement = only(result, cue="saying")
    assert speaker_name(result, statement) == "Ana Ruiz"
    assert statement["speaker_mention"]["text"] == "she"


@pytest.mark.parametrize("text,cue,mention", [
    pytest.param("The council passed new harbour rules that promise to cut shipping fees by half.",
                 "promise", "new harbour rules", id="a relative 'that' speaks for its antecedent"),
    # the parser hangs the appositive after the verb on the subject; the speaker is still the words before it
    pytest.param("A majority of voters expect Ana Ruiz to win Monday's debate, the first of the season, "
                 "at Rice University in Houston -- 44 percent to 34 percent.",
                 "expect", "A majority of voters", id="a speaker before the cue ends at the cue"),
    # the small model takes "marching" for the main verb and hangs "chanted" from it
    pytest.param("Protesters marching through the streets chanted “What curfew?” and kept going until 2 a.m.",
                 "chanted", "Protesters", id="a speech verb parsed under a participle takes its subject"),
])
def test_the_speaker_mention(run, text, cue, mention):
    statement = only(run("Vote\n\n" + text), cue=cue)
    assert statement["speaker_mention"]["text"] == mention


def test_a_coordinated_clause_with_a_speaker_of_its_own_is_another_statement(run):
    result = run("Vote\n\nRuiz said fathers would not be eligible for the leave, and when pressed on why, "
                 "the 54-year-old lawyer replied, “It is meant to help the mother who has given birth.”")
    said = only(result, cue="said")
    assert said["content"]["text"] == "fathers would not be eligible for the leave"
    replied = only(result, cue="replied")
    assert replied["speaker_mention"]["text"] == "the 54-year-old lawyer"


def test_a_short_quotation_opening_a_sentence_is_said(run):
    # the parser leaves the opening '' with the sentence before; three words still open a sentence
    result = run("Vote\n\nMexico's future relies on North American integration. ''That's Mexico's vulnerability,'' "
                 "said Luis Rubio, who heads a research center in Mexico City. ''There is nothing more important than Nafta.''")
    statement = only(result, kind="direct")
    assert speaker_name(result, statement) == "Luis Rubio"
    assert [p["text"] for p in statement["content_parts"]] == [
        "That's Mexico's vulnerability", "There is nothing more important than Nafta"]


def test_a_colon_after_a_noun_of_saying_introduces_the_next_paragraph(run):
    # and the quotation's closing mark is typed as an opening one, as scraped pages often have it
    result = run("Vote\n\nOn July 6, Senator Ana Ruiz made the following comment:\n\n“For young people the rate is "
                 "33 percent. For older workers it is 12 percent.“\n\nThe figure was checked by the paper.")
    statement = only(result, kind="direct")
    assert speaker_name(result, statement) == "Ana Ruiz"
    assert statement["content"]["text"] == "For young people the rate is 33 percent. For older workers it is 12 percent"


@pytest.mark.parametrize("text,said", [
    ("The main requirement is a “lawful source of income,” as a Homeland Security memo put it.", "lawful source of income"),
    ("As Senator Ana Ruiz recently put it, “Did the mayor lower his taxes through legal means?”",
     "Did the mayor lower his taxes through legal means"),
])
def test_as_x_put_it(run, text, said):
    result = run("Vote\n\n" + text)
    statement = only(result, cue="put")
    assert said in statement["content"]["text"]


def test_a_quoted_fragment_inside_a_sentence_is_not_the_last_speakers(run):
    result = run("Vote\n\nSenator Ana Ruiz said the port would reopen in May. Her rival has long gone after the plan "
                 "as a “scheme that will bleed the city dry.”")
    assert [s["cue"]["text"] for s in result["statements"]] == ["said"]


def test_a_free_relative_is_the_object_of_a_cue(run):
    result = run("Vote\n\nSenator Ana Ruiz condemned what she called a “brazen breach” of the treaty.")
    statement = only(result, cue="condemned")
    assert speaker_name(result, statement) == "Ana Ruiz"
    assert statement["content"]["text"] == "what she called a “brazen breach” of the treaty"
    # what she called it is part of what she condemned, not a statement beside it
    assert len(result["statements"]) == 1


def test_a_quotation_as_the_object_of_a_judging_verb(run):
    result = run("Vote\n\nSenator Ana Ruiz attacked “the hateful ideology of the cartel and its grip on the port.”")
    statement = only(result, cue="attacked")
    assert speaker_name(result, statement) == "Ana Ruiz"
    assert "the hateful ideology of the cartel" in statement["content"]["text"]


def test_a_long_speaker_with_a_quoted_nickname_after_the_quote(run):
    result = run('Vote\n\n"This is a big year for our next senator, Bobby Scott!" Scott\'s niece, state Del. Marcia "Cia" '
                 'Price (D-Newport News), shouted to the crowd. "The nation is watching Virginia."')
    statement = only(result, kind="direct")
    assert statement["cue"]["text"] == "shouted"
    # the niece speaks, not the uncle her description names
    assert speaker_name(result, statement) == 'Marcia "Cia" Price'
    # and the nickname's marks do not end her quotation
    assert [p["text"] for p in statement["content_parts"]] == [
        "This is a big year for our next senator, Bobby Scott", "The nation is watching Virginia"]


def test_a_cue_after_the_next_sentence_is_not_the_quotes(run):
    result = run("Vote\n\nHe dismissed Estonia as being in the “suburbs of St. Petersburg” — a metaphor for the party’s "
                 "drift.  Meanwhile Senator Ana Ruiz continues her praise of the port.")
    assert not [s for s in result["statements"] if s["content"]["text"] == "suburbs of St. Petersburg"]


@pytest.mark.parametrize("text", [
    "Senator Ana Ruiz refuses to discuss potential appointees, aside from saying she wants a diverse delegation.",
    "Senator Ana Ruiz appeared at a hearing for her role in the deal and for saying that the port was safe.",
])
def test_a_gerund_under_a_phrase_takes_the_clauses_speaker(run, text):
    result = run("Vote\n\n" + text)
    statement = only(result, cue="saying")
    assert speaker_name(result, statement) == "Ana Ruiz"


@pytest.mark.parametrize("text,source,content", [
    ("Investigators turned to the police department, which reported “2,521 shooting incidents” in the city this year.",
     "which", "2,521 shooting incidents"),
    ("A reporter for the Gazette spotted the senator and reported her presence on Twitter.",
     "A reporter for the Gazette", "her presence on Twitter"),
])
def test_what_is_reported_can_be_a_noun_phrase(run, text, source, content):
    result = run("Vote\n\n" + text)
    statement = only(result, cue="reported")
    assert statement["speaker_mention"]["text"] == source
    assert statement["content"]["text"] == content


def test_a_rating_is_the_raters_judgement(run):
    result = run("Vote\n\nThe fact-checker rated 22% of the senator's claims as “entirely true” last year.")
    statement = only(result, cue="rated")
    assert statement["speaker_mention"]["text"] == "The fact-checker"
    assert statement["content"]["text"].startswith("22% of the senator's claims as “entirely true")


def test_a_that_clause_after_an_adjunct_is_what_was_reported(run):
    result = run("Vote\n\nStill, the Harbour Gazette reported at the time that the port's chief, Ana Ruiz, told the crew "
                 "that the strike was not in line with company policy.")
    statement = only(result, cue="reported")
    assert statement["speaker_mention"]["text"] == "the Harbour Gazette"
    assert statement["content"]["text"].startswith("that the port's chief")


@pytest.mark.parametrize("text,content", [
    ("Senator Ana Ruiz said as much in an interview on Sunday.", "as much"),
    ("Senator Ana Ruiz said so on Monday.", "so"),
])
def test_a_proform_is_what_was_said(run, text, content):
    result = run("Vote\n\n" + text)
    statement = only(result, cue="said")
    assert speaker_name(result, statement) == "Ana Ruiz"
    assert statement["content"]["text"] == content


@pytest.mark.parametrize("text,kind", [
    ("The port may reopen while talks go on, Senator Ana Ruiz said. “The other factor is the weather. "
     "Nobody can plan for that.”", "mixed"),
    ("“The port will reopen in May,” Senator Ana Ruiz said.\n\n“The other factor is the weather. "
     "Nobody can plan for that.”", "direct"),
])
def test_a_quotation_after_a_closing_cue_goes_on_with_the_statement(run, text, kind):
    result = run("Vote\n\n" + text)
    statement = only(result, cue="said")
    assert statement["kind"] == kind
    assert speaker_name(result, statement) == "Ana Ruiz"
    assert statement["content_parts"][-1]["text"] == "The other factor is the weather. Nobody can plan for that"
    assert len(result["statements"]) == 1


def test_a_supposition_is_not_a_statement(run):
    result = run("Vote\n\nLet's say you think an undergraduate degree will cost $160,000 in 18 years.")
    assert result["statements"] == []  # neither "say" nor the reader's "think"


@pytest.mark.parametrize("text", [
    "Review\n\nI bet I'll like the new keyboard more than the old one.",
    "Review\n\nWe saw that single-core scores increased from 1061 to 1128 on Geekbench.",
    "Review\n\nYou know the service has connected when the light turns white.",
])
def test_the_writer_or_reader_in_the_articles_own_prose_is_no_source(run, text):
    assert run(text)["statements"] == []


def test_the_first_person_inside_a_quotation_is_the_speaker(run):
    result = run("Vote\n\n“I think the plan will fail because nobody funds it,” Ana Ruiz said on Monday.")
    statement = only(result, cue="said")
    assert speaker_name(result, statement) == "Ana Ruiz"


@pytest.mark.parametrize("text", [
    "Lab\n\nHerbert studied the mice for years. He found a strange-looking cell with a thatch of projections.",
    "Lab\n\nHerbert studied the mice. He found a strange-looking cell with a thatch of projections, and it was "
    "studded with taste receptors.",
    "Game\n\nThen three enemy factions attacked you.",
    "Vote\n\nIt is important to note that the plan failed in three states.",
    "Vote\n\nBut it's fair to assume that will be the case again on Wednesday night.",
    "Vote\n\nHealth care has dominated the debates, and it’s safe to assume that will be the case again on Wednesday.",
])
def test_no_statement_without_a_holder_and_something_held(run, text):
    assert run(text)["statements"] == []


def test_a_stance_on_a_thing_is_kept(run):
    result = run("Vote\n\nThe Saudi government has strongly denied any involvement in the attacks.")
    assert [s["cue"]["text"] for s in result["statements"]] == ["denied"]


def test_a_title_with_a_colon_is_no_speaker(run):
    result = run("Star Wars Jedi: Fallen Order review – shoots for the moon, lands among the stars\n\n"
                 "Star Wars Jedi: Fallen Order is a game that is many things to different people.")
    assert result["statements"] == []
    assert result["article"]["outlet"] is None
    assert result["article"]["text"].count("Star Wars Jedi: Fallen Order") == 2


def test_a_section_heading_with_a_colon_is_no_statement(run):
    result = run("Plan and grow\n\nThe PLAN stage comes first. Build the site, then test it.\n\n"
                 "The Implement Stage: Iterate to find what works\n\nThis stage is tricky for every owner.")
    assert not any(s["cue"] and s["cue"]["text"] == ":" and s["speaker"] for s in result["statements"])
