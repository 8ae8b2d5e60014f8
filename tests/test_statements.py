import pytest

from conftest import actor_named, speaker_name

from dateline import analyze


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


def _said(result: dict, cue: str = "said") -> list[dict]:
    return [s for s in result["statements"] if s["cue"] and s["cue"]["text"] == cue]


@pytest.mark.parametrize("text,speaker", [
    # an abbreviated title lets the role noun name its bearer
    ("Gov. Ana Ruiz signed the budget on Monday. Her rival Tom Baker was absent. "
     "The governor said the state would hire teachers.", "Ana Ruiz"),
    # a justice is the judge
    ("Supreme Court Justice Frank Nervo heard the case with lawyers for Tom Baker. "
     "The judge said the file would stay sealed.", "Frank Nervo"),
    # a description an earlier organisation's name holds is that organisation
    ("The U.S. Court of Appeals for the Sixth Circuit heard the case on Monday. "
     "The appeals court said the purge was unlawful.", "U.S. Court of Appeals"),
])
def test_a_role_description_names_whom_the_article_named_so(run, text, speaker):
    result = run("Ruling\n\n" + text)
    assert [speaker_name(result, s) for s in _said(result)] == [speaker]


@pytest.mark.parametrize("subject", ["The GOP presidential nominee", "A U.S. senator"])
def test_a_party_or_country_modifying_a_person_noun_is_not_the_speaker(run, subject):
    result = run(f"Files\n\nThe court met on Monday. {subject} said the files should stay sealed.")
    statement = _said(result)[0]
    assert statement["speaker"] is None
    assert statement["speaker_mention"]["text"] == subject


def test_who_speaks_for_its_antecedent_and_stays_the_mention(run):
    result = run("Rally\n\nThe crowd cheered Tom Baker, who said the plant would stay open.")
    statement = _said(result)[0]
    assert speaker_name(result, statement) == "Tom Baker"
    assert statement["speaker_mention"]["text"] == "who"


def test_two_organisations_holding_the_noun_leave_the_description_alone(run):
    result = run("Ruling\n\nThe Supreme Court of Ohio and the Court of Appeals for the Sixth Circuit heard the case. "
                 "The court said the purge was unlawful.")
    statement = _said(result)[0]
    assert statement["speaker"] is None and statement["speaker_mention"]["text"] == "The court"


def test_a_role_description_goes_to_the_main_person_only_when_nobody_rivals_them(run):
    main = run("Race\n\nSarah Collins opened her campaign in Ohio on Monday. Collins spoke for an hour. "
               "Collins met farmers in Toledo. Tom Baker watched. The Democratic nominee said taxes would fall.")
    assert [speaker_name(main, s) for s in _said(main)] == ["Sarah Collins"]
    # two people stand as subjects just before it: the description could be either
    rivals = run("Race\n\nSarah Collins opened her campaign in Ohio on Monday. Collins spoke for an hour. "
                 "Tom Baker replied. Baker met farmers while Collins left. The Democratic nominee said taxes would fall.")
    assert [s["speaker"] for s in _said(rivals)] == [None]
    # a man's noun never goes to a woman
    male = run("Race\n\nSarah Collins opened her campaign in Ohio on Monday. Collins spoke for an hour. "
               "Collins met farmers in Toledo. The businessman said taxes would fall.")
    assert [s["speaker"] for s in _said(male)] == [None]


def test_a_headline_word_written_in_lower_case_elsewhere_is_no_speaker(run):
    result = run("New Poll Shows Bump For Ruiz\n\nA new poll shows Ana Ruiz ahead. The poll asked 900 voters.")
    assert not any(a["name"] == "New Poll" for a in result["actors"])


@pytest.mark.parametrize("text, speaker", [
    ("“Having access to the file and two people who understand it is valuable,” said Skelly, explaining "
     "he worked closely with the team.", "Skelly"),  # the tagger took the name for an adverb
    ("“I am not going to say it is a mistake, so forget about it,” said retired neurosurgeon Ben Carson, "
     "asked about his claims.", "Ben Carson"),  # modifiers before the name, the name parsed as another verb's subject
])
def test_the_speaker_named_after_an_inverted_cue(run, text, speaker):
    result = run("Campaign\n\n" + text)
    [statement] = _said(result)
    assert speaker_name(result, statement) == speaker


def test_a_quotation_mark_glued_to_the_cue_still_opens_the_quote(run):
    result = run("Vote\n\nSenator Ana Ruiz spoke in Austin on Monday.\n\n"
                 "Ruiz said,“We will fix the roads before winter. Nobody will wait.”")
    assert ("direct", "Ana Ruiz", "We will fix the roads before winter. Nobody will wait") in statements_of(result)


def test_a_day_the_parser_made_the_subject_is_not_the_speaker(run):
    result = run("Ryan speaks\n\nTuesday on WTMJ’s “Midday with Charlie Sykes,” while discussing a tweet from "
                 "Donald Trump featuring an image of Hillary Clinton, Speaker of the House Rep. Paul Ryan (R-WI) "
                 "said “anti-Semitic images, they’ve got no place in a presidential campaign.”")
    direct = [s for s in statements_of(result) if s[0] == "direct"]
    assert direct == [("direct", "Paul Ryan", "anti-Semitic images, they’ve got no place in a presidential campaign")]


def test_a_word_opening_a_sentence_is_no_name_to_resolve_a_pronoun_to(run):
    result = run("Savings\n\nThe plan comes from Kevin McKinley, a financial adviser in Eau Claire, Wis.\n\n"
                 "Harsh? He doesn't think so. “I don't judge what people choose to spend money on,” he said.")
    assert [a["name"] for a in result["actors"] if a["kind"] == "person"] == ["Kevin McKinley"]
    assert ("direct", "Kevin McKinley", "I don't judge what people choose to spend money on") in statements_of(result)


def test_a_colon_paragraph_introduces_the_next_paragraph_as_the_speakers_words(run):
    result = run("Debate\n\nGovernor Chris Christie spoke on the radio on Wednesday.\n\nThe governor added:\n\n"
                 "It is typical of her. She knows nothing about the case.\n\nThe show ended at noon.")
    (statement,) = _said(result, "added")
    assert statement["kind"] == "direct"
    assert statement["content"]["text"] == "It is typical of her. She knows nothing about the case"
    assert speaker_name(result, statement) == "Chris Christie"


def test_a_colon_after_two_sentences_is_no_introduction(run):
    # web furniture: "Do you support X? Like the page:" introduces nothing anybody said
    result = run("Race\n\nDo you support Ted Cruz? Like the page:\n\nThe former governor noted that the race was open.")
    assert not any(s["content"]["text"].startswith("The former governor") for s in result["statements"])


def test_an_opening_mark_typed_as_the_closing_one_still_closes_the_quote(run):
    result = run("Primary\n\n“If she loses Iowa, that could create real problems for her here,“ said Jim Clyburn, "
                 "a congressman from South Carolina.")
    (statement,) = _said(result)
    assert statement["content"]["text"] == "If she loses Iowa, that could create real problems for her here"
    assert speaker_name(result, statement) == "Jim Clyburn"


def test_called_on_with_on_parsed_as_a_particle(run):
    result = run("Endorsements\n\nIn June, Senator Lindsey Graham called on fellow Republicans to withdraw their support.")
    (statement,) = _said(result, "called")
    assert statement["content"]["text"].startswith("fellow Republicans to withdraw")


def test_the_head_of_the_speaker_phrase_speaks_not_its_modifiers(run):
    result = run("Voting\n\nA 2014 study by Loyola Law School professor Justin Levitt found that fraud was rare.")
    (statement,) = _said(result, "found")
    assert speaker_name(result, statement) == "Justin Levitt"


def test_a_parenthetical_district_is_not_the_speaker(run):
    result = run("Rally\n\nScott's niece, state Del. Marcia \"Cia\" Price (D-Newport News), told the crowd that "
                 "the nation was watching.")
    (statement,) = _said(result, "told")
    assert speaker_name(result, statement) == 'Marcia "Cia" Price'
    assert "Rally" not in {a["name"].strip() for a in result["actors"]}  # the headline word is nobody


def test_a_threat_to_a_place_is_no_statement_but_a_threat_to_act_is(run):
    target = run("Europe\n\nShe has no illusions about Putin's threat to Eastern Europe.")
    assert not any(s["cue"] and s["cue"]["text"] == "threat" for s in target["statements"])
    act = run("Europe\n\nPutin's threat to cut off the gas worried Berlin.")
    assert [s["content"]["text"] for s in _said(act, "threat")] == ["to cut off the gas"]


def test_a_quoted_title_before_the_cue_is_not_what_it_reports(run):
    result = run("Savings\n\nIn his 2002 book, ''Make Your Kid a Millionaire,'' Mr. McKinley suggested looking at "
                 "the things on your card statement.")
    (statement,) = _said(result, "suggested")
    assert statement["content"]["text"].startswith("looking at the things")


def test_seeking_or_offering_a_thing_is_no_statement(run):
    result = run("Extradition\n\nThe United States is seeking Assange's extradition. The senator offered a striking "
                 "contrast with his rivals. The senator is seeking to calm his supporters.")
    cues = [s["cue"]["text"] for s in result["statements"] if s["cue"]]
    assert cues == ["seeking"]  # only the intention to act, with its infinitive


def test_a_pull_quote_repeating_attributed_words_is_no_second_statement(run):
    result = run("Primary\n\n\"The reality is, if she loses Iowa, that could create real problems for her.\"\n\n"
                 "The race tightened in January.\n\n\"The reality is, if she loses Iowa, that could create real "
                 "problems for her,\" said Jim Clyburn, a congressman from South Carolina.")
    statements = [s for s in result["statements"] if s["content"]["text"].startswith("The reality")]
    assert len(statements) == 1 and speaker_name(result, statements[0]) == "Jim Clyburn"


def test_an_outlet_run_into_a_name_without_a_comma_leaves_the_person_speaking(run):
    result = run("Alliance\n\nDonald Trump spoke in Ohio. In a meeting with the editorial board of the New York Times "
                 "Trump said that the alliance may need to shrink.")
    (statement,) = _said(result, "said")
    assert speaker_name(result, statement) == "Donald Trump"
    assert not any("Times Trump" in a["name"] for a in result["actors"])


def test_a_participle_hung_on_a_quoted_clause_keeps_the_writers_subject(run):
    # the parser roots the sentence in the quoted "That makes me smart"; its "That" is nobody
    result = run("Taxes\n\nMr. Trump hardly clarified the matter, treating her remark first as a compliment -- "
                 "''That makes me smart'' -- and, when questioned after the debate, asserting, "
                 "''Of course, I pay federal taxes.''")
    (statement,) = _said(result, "asserting")
    assert speaker_name(result, statement) == "Trump"


def test_a_floating_quote_belongs_to_the_person_the_sentence_before_is_about(run):
    result = run("Race\n\nGovernor Tom Reed spoke first. \"We will rebuild,\" Reed said.\n\n"
                 "On Sunday, Sen. Ana Ruiz (Vt.), who lost the primary to Reed, identified young voters as the key "
                 "to the race. \"The younger people are sick and tired of waiting.\"")
    (statement,) = [s for s in result["statements"] if s["content"]["text"].startswith("The younger people")]
    assert speaker_name(result, statement) == "Ana Ruiz"


def test_a_capitalised_word_inside_a_name_is_no_cue(run):
    # the parser read "Pyu saw …" as a perception verb; the NER read the name whole
    result = run("Raid\n\nOn 12 January 2022, the Myanmar military forces and Pyu Saw Htee members burned down "
                 "residential houses.")
    assert result["statements"] == []
    assert [e["modality"] for e in result["events"]] == ["asserted"]


@pytest.mark.parametrize("text", [
    "The Nasdaq added 20.72 points, or 0.3 percent, to 7,940.",  # an object of "add" is no speech
    "The committee concluded its hearings on Thursday.",
    "Beijing has calculated that the trade war will hurt Washington more.",  # the writer's inference
])
def test_a_verb_that_only_sometimes_reports_speech_needs_its_frame(run, text):
    assert run("Markets\n\n" + text)["statements"] == []


def test_a_group_of_someones_defenders_is_not_that_someone(run):
    result = run("Hearing\n\nSome of Trump's defenders took to social media on Friday, claiming the "
                 "whistleblower was biased.")
    [statement] = result["statements"]
    assert speaker_name(result, statement) != "Trump" and "defenders" in statement["speaker_mention"]["text"]


def test_a_participle_after_a_bracketed_place_speaks_for_the_clause(run):
    # the NER ran "Shendi (Shendi" into one organisation; no name holds a bracket, and a participle
    # after the bracket speaks for the clause's subject, not for the place before it
    result = run("News\n\nOn 24 January 2022, demonstrators responded to the call for demonstrations in Shendi "
                 "(Shendi locality, River Nile state), denouncing the military coup.")
    assert not any("(" in a["name"] for a in result["actors"])
    [statement] = [s for s in result["statements"] if s["cue"]["text"] == "denouncing"]
    assert statement["speaker_mention"]["text"] == "demonstrators"


@pytest.mark.parametrize("text", [
    "A smartphone app supports cabin preconditioning and remote charging control.",  # a thing's object
    "The transit chief said officers boarded the train. He found a man bleeding.",  # perception, no speech
    "The Nasdaq Composite added 20.72 points, or 0.24%, to 8,570.66.",  # a quantity
    "The move will see him become the most expensive keeper in history.",  # a bare infinitive seen
    "We will test more machines to see if they make any difference.",  # a look, no claim
    "By the time Buckley learned who had written the song, filming had begun.",  # learning is no saying
])
def test_no_statement_without_a_speaker_and_words(run, text):
    statements = run("News\n\n" + text)["statements"]
    assert all(s["cue"]["text"] not in ("supports", "found", "added", "see", "learned") for s in statements)


def test_a_document_still_states_what_it_holds(run):
    result = run("News\n\nThe Reuters/Ipsos poll showed Clinton doing better than in other polls.")
    assert [s["cue"]["text"] for s in result["statements"]] == ["showed"]


def test_a_headline_label_before_a_colon_is_nobody(run):
    result = run("BREAKING NEWS: Chelsea Activate Release Clause To Sign Kepa Arrizabalaga\n\n"
                 "Chelsea have triggered the clause, the club said.")
    assert all(s["speaker_mention"]["text"] != "BREAKING NEWS" for s in result["statements"])


def test_a_title_cased_headline_object_is_no_statement(run):
    result = run("Mary Steenburgen Wrote the Best Original Movie Song of the Year\n\nShe said it came to her "
                 "after surgery.")
    assert [s["cue"]["text"] for s in result["statements"]] == ["said"]


def test_the_writers_comment_after_a_dash_is_not_the_speakers(run):
    result = run("News\n\nThe president says his approach has created leverage — and in some cases, he is right.")
    [statement] = result["statements"]
    assert statement["content"]["text"] == "his approach has created leverage"


def test_a_name_owning_the_speaker_does_not_speak(run):
    # "the Trump administration" is the administration, not Trump (a group is never its leader)
    result = run("News\n\nDonald Trump visited Ohio. The Trump administration said it would impose tariffs on "
                 "December 15.")
    [statement] = [s for s in result["statements"] if s["cue"]["text"] == "said"]
    assert statement["speaker"] != actor_named(result, "Donald Trump")["id"]
    assert statement["speaker_mention"]["text"] == "The Trump administration"


def test_a_pronoun_after_a_quote_goes_to_the_speaker_the_ner_missed(run):
    # the NER misses "Eswar Prasad"; named as the subject of "said", he is in reach of the next "he said",
    # and Trump, named only inside the quotation, is not its speaker
    result = run("News\n\nEswar Prasad, a trade professor at Cornell, said the president's temperament had "
                 "complicated the talks. \u201cBy hyping up expectations, Trump makes a deal more uncertain,\u201d "
                 "he said.")
    [direct] = [s for s in result["statements"] if s["kind"] == "direct"]
    assert direct["speaker"] == actor_named(result, "Eswar Prasad")["id"]


def test_a_clause_of_when_someone_spoke_is_not_what_was_said(run):
    result = run("News\n\nLiz Wahl said when she resigned from the network in 2014. She called when she was "
                 "home sick. Trump said the plan was bad when he spoke in Ohio.")
    assert [(s["cue"]["text"], s["content"]["text"]) for s in result["statements"]] == [
        ("said", "the plan was bad when he spoke in Ohio")]


def test_a_cue_set_inside_the_clause_it_reports_with_whom_it_was_told(run):
    result = run("Vote\n\nThe difference now, Senator Mark Hale told me on Friday, is that the plan has money.")
    [statement] = result["statements"]
    assert speaker_name(result, statement) == "Mark Hale"
    assert [p["text"] for p in statement["content_parts"]] == ["The difference now", "is that the plan has money"]


def test_manners_of_speaking_carry_a_quotation(run):
    result = run("Vote\n\nMayor Tom Reyes barked, “Go back to your seat,” at the reporter.")
    assert ("direct", "Tom Reyes", "Go back to your seat") in statements_of(result)


def test_whom_a_speaker_told_is_not_the_speaker(run):
    result = run("Vote\n\n“We were tremendously wrong to not have confronted him from the beginning,” Ramos, 58, told AFP in an interview on Monday.")
    assert [speaker_name(result, s) for s in result["statements"]] == ["Ramos"]


def test_naming_someone_is_the_namers_statement(run):
    # parsed as "a lawmaker named Trump": an object and its predicate make the lawmaker the speaker
    result = run("Vote\n\nA Republican lawmaker called Trump “the orange prince of American self-publicity.”")
    [statement] = result["statements"]
    assert statement["speaker_mention"]["text"].endswith("lawmaker")


def test_a_subject_set_off_by_commas_still_speaks(run):
    result = run("Vote\n\nHillary Clinton, exasperated, famously responded: “What difference does it make?”")
    assert ("direct", "Hillary Clinton", "What difference does it make") in statements_of(result)


def test_a_quotation_paragraph_after_a_quoted_statement_goes_on_with_it(run):
    result = run("Vote\n\n“The roads come first,” Mayor Ana Ruiz said. “Then the schools.”\n\n"
                 "“And after that, the parks will get their share.”\n\n"
                 "“We start in May,” Ruiz told reporters on Friday.\n\n“Nobody will wait longer than a year.”")
    contents = [[p["text"] for p in s["content_parts"]] or [s["content"]["text"]] for s in result["statements"]]
    assert contents == [["The roads come first", "Then the schools", "And after that, the parks will get their share"],
                        ["We start in May", "Nobody will wait longer than a year"]]


def test_a_coordination_parsed_as_a_clause_is_no_statement_of_the_first_verb(run):
    result = run("Vote\n\nNeither John Kasich nor Mario Rubio has won a state and Cruz strongly suggested "
                 "they should drop out.")
    assert [s["cue"]["text"] for s in result["statements"]] == ["suggested"]


def test_a_name_and_a_colon_before_a_quotation_sign_it(run):
    result = run("Vote\n\nThe surge does not surprise Republican pollster Daron Shaw: “Lesser-known candidates "
                 "who beat favourites in early contests have seen the biggest boost.”")
    [statement] = result["statements"]
    assert (statement["kind"], speaker_name(result, statement), statement["cue"]["text"]) == ("direct", "Daron Shaw", ":")
    # a newspaper's headline is no one's voice here
    result = run("Vote\n\nHere is the headline from the Washington Post: “Surge in robberies alters residents’ routines.”")
    assert all(s["cue"] is None or s["cue"]["text"] != ":" for s in result["statements"])


def test_history_the_article_recalls_gives_no_date_to_what_is_said_now():
    result = analyze("Memories\n\nOn March 3, 2001, Hillary Clinton met Tony Blair in London. "
                     "“We were close friends from then on,” Clinton said.", kind="text", published="2016-09-01")
    statement = next(s for s in result.statements if s.content.text.startswith("We were close"))
    assert (statement.date, statement.date_basis) == ("2016-09-01", "published")


@pytest.mark.parametrize("text,said", [
    ("Gunmen attacked a police post in Kandahar on Monday.", False),  # violence
    ("Insurgents attacked Kandahar on Monday.", False),
    ("Senator Elizabeth Warren slammed the merger plan as reckless.", True),  # words
])
def test_an_attack_is_a_statement_only_in_words(run, text, said):
    assert bool(run("News\n\n" + text)["statements"]) is said


def test_content_ends_with_its_last_word_not_inside_it(run):
    # the parser may hang "n’t" outside the reported clause
    result = run("News\n\nHe suggested that veterans who suffer from PTSD might not be as strong as those who don’t.\n\n"
                 "Trump made the reference at an event on Monday.")
    contents = [s["content"]["text"] for s in result["statements"]]
    assert any(c.endswith("those who don’t") for c in contents), contents


def test_the_source_is_the_whole_phrase_that_names_the_speaker(run):
    # a long apposition belongs to the source, as PolNeAR marks it
    text = ("Economists weigh in on the plan\n\nDouglas Holtz-Eakin, an economist who served as director of the Congressional Budget Office and "
            "is now president of the American Action Forum, a conservative advocacy group, said that the plan "
            "would cost more than it raises.")
    [statement] = run(text)["statements"]
    assert statement["speaker_mention"]["text"].startswith("Douglas Holtz-Eakin, an economist who served")
    assert statement["speaker_mention"]["text"].endswith("advocacy group")


@pytest.mark.parametrize("text", [
    "VW says the car is a preview, but it didn't say when the wagon will go on sale.",  # what was not said
    "Rudolph pulled at the helmet before Garrett responded by hitting him in the head.",  # a deed, not words
    "The governor's office did not respond to The Hill's request for comment.",  # the reporter's request
    "A woman who called 911 said she saw a man.",  # a number dialled
])
def test_what_was_not_said_or_was_done_is_no_statement(run, text):
    contents = [s["content"]["text"] for s in run("News\n\n" + text)["statements"]]
    assert not any(c.startswith(("when", "hitting", "comment", "911")) for c in contents), contents


def test_a_deed_by_gerund_does_not_hide_an_argument_by_gerund(run):
    [statement] = run("News\n\nTrump responded by using the example of Chicago.")["statements"]
    assert statement["content"]["text"] == "using the example of Chicago"


def test_a_relative_clause_cue_reports_what_follows_it(run):
    result = run("Cars\n\nFord built vehicles that industry analysts say will boost sales.")
    [statement] = result["statements"]
    assert statement["speaker_mention"]["text"] == "industry analysts"
    assert statement["content"]["text"] == "will boost sales"


def test_an_object_with_its_relative_clause_is_what_was_reported(run):
    # the parser hangs "that exceeded two hours" on the verb as if it were the reported clause
    result = run("Launch\n\nSome consumers who sought help on launch day reported telephone wait times that exceeded two hours.")
    assert [s["content"]["text"] for s in result["statements"]] == ["telephone wait times that exceeded two hours"]


@pytest.mark.parametrize("text,not_speaker", [
    ("Rukban is a camp. Both analysts and sources in the Rukban camp told us the claims are false.", "Rukban"),
    ("Jeffrey Epstein died in 2019. Lawyers for Epstein’s victims who are suing his estate will find "
     "the interview a treasure trove.", "Jeffrey Epstein"),
])
def test_a_place_where_sources_are_or_a_possessor_is_not_the_speaker(run, text, not_speaker):
    result = run("News\n\n" + text)
    assert result["statements"] and all(speaker_name(result, s) != not_speaker for s in result["statements"])


def test_a_quoted_headline_under_a_name_is_one_statement(run):
    result = run("Anthony Lynn: “We needed to win this game”\n\nChargers coach Anthony Lynn said on Monday that the loss hurt.")
    headline = [s for s in result["statements"] if "needed to win" in s["content"]["text"]]
    assert len(headline) == 1 and headline[0]["kind"] == "direct"


def test_a_list_under_a_name_is_nobodys_words(run):
    result = run("Police arrest six\n\nOfficers arrested Elizabeth A. Burton and Ryan S. Hollman on Monday. They were "
                 "held on the following charges:\n\n"
                 "Elizabeth A. Burton: Possession of methamphetamine, held in jail in lieu of $70,000 bond.\n\n"
                 "Ryan S. Hollman: Dealing in methamphetamine, held in jail in lieu of $68,500 bond.")
    assert result["statements"] == []


def test_a_person_described_by_age_is_the_subject_told_of_just_before(run):
    result = run("Spurs\n\nJose Mourinho has agreed a deal to replace Mauricio Pochettino as manager. "
                 "“I am excited to be joining a club with such a great heritage,” the 56-year-old said.")
    statement = next(s for s in result["statements"] if s["kind"] == "direct")
    assert speaker_name(result, statement) == "Jose Mourinho"
    assert statement["speaker_mention"]["text"] == "the 56-year-old"


def test_a_relative_clause_cue_reports_no_further_than_its_clause(run):
    result = run("News\n\nAssange, who denies the accusation, has avoided extradition to Sweden for seven years.")
    assert not any("extradition" in s["content"]["text"] for s in result["statements"])


@pytest.mark.parametrize("subject", [
    "Officials who met Tom Baker",  # a name in a clause describing the source
    "Scientists using a telescope on Mauna Kea",
    "The statement, which was obtained by Variety,",  # who got hold of the document
])
def test_a_name_in_a_clause_describing_the_source_is_not_the_speaker(run, subject):
    result = run(f"Files\n\nThe talks ended on Monday. {subject} said the plant would stay open.")
    statement = _said(result)[0]
    assert statement["speaker"] is None


@pytest.mark.parametrize("text,cue,speaker", [
    ("A statement released by Reuters said the plant would stay open.", "said", "Reuters"),
    ("Ana Ruiz sued in May. According to a document Ana Ruiz prepared for her lawyers, the plant would stay open.",
     "According to", "Ana Ruiz"),
])
def test_who_made_a_document_a_clause_describes_wrote_it(run, text, cue, speaker):
    result = run("Files\n\n" + text)
    assert [speaker_name(result, s) for s in _said(result, cue)] == [speaker]


def test_a_role_with_another_partys_office_does_not_take_up_the_last_subject(run):
    result = run("Video\n\nThe party posted a video of an interview with Keir Starmer, a senior Labour Party figure. "
                 "The clip showed Starmer failing to answer, when in fact he responded quickly. "
                 "The chairman of the Conservative Party said the video was satire.")
    statement = _said(result)[0]
    assert statement["speaker"] is None and statement["speaker_mention"]["text"].startswith("The chairman")


def test_a_name_the_ner_runs_on_over_a_clause_opener_is_cut_there(run):
    result = run("Awards\n\nTaylor Swift will sing at the American Music Awards. The label gave way at the upcoming "
                 "American Music Awards after Swift publicly scolded her former label, saying it blocked her.")
    assert "American Music Awards after Swift" not in [a["name"] for a in result["actors"]]


@pytest.mark.parametrize("text", [
    "Most of us think we overeat when the food is really good.",
    "Let’s say the plan fails next year.",
    "That said, early retirement comes in various shapes and sizes.",
])
def test_the_writers_own_turns_are_no_statements(run, text):
    assert run("Money\n\n" + text)["statements"] == []


def test_calling_an_office_reports_no_words(run):
    assert run("Theft\n\nAnyone with information should call the Richmond Police Department.")["statements"] == []


def test_a_report_cut_to_its_participle_has_no_source_and_tells_of_its_subject(run):
    result = run("Lottery\n\nThe winner, believed to be a millionaire, will remain a mystery.")
    [statement] = result["statements"]
    assert statement["speaker"] is None and statement["speaker_mention"] is None
    assert [p["text"] for p in statement["content_parts"]] == ["The winner", "to be a millionaire"]


@pytest.mark.parametrize("text", [
    "Man shot\n\nSPRINGFIELD - A city man was shot twice early Tuesday, police said.",
    "Man shot twice in robbery. SPRINGFIELD - A city man was shot twice early Tuesday, police said.",
    "Man shot\n\nOROVILLE, Calif. (AP) — A city man was shot twice early Tuesday, police said.",
])
def test_a_dateline_is_no_part_of_what_a_source_said(run, text):
    assert [s["content"]["text"] for s in _said(run(text))] == ["A city man was shot twice early Tuesday"]


def test_a_report_about_a_relative_word_is_about_the_noun_it_stands_for(run):
    result = run("Robbery\n\nOfficers were sent to the scene after word of the shooting which is believed to have "
                 "occurred about midnight.")
    assert [[p["text"] for p in s["content_parts"]] for s in result["statements"]] == [
        ["the shooting", "to have occurred about midnight"]]
