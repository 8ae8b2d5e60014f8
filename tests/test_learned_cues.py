"""The optional cue tagger: trained locally from BRAT data, proposing cues the rules then complete."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from dateline.analysis.actors import build_actors
from dateline.analysis.learned_cues import SPAN_KEY, LearnedCues
from dateline.analysis.quotes import QuoteIndex, find_quotes
from dateline.analysis.statements import extract_statements
from dateline.cli import app
from dateline.learn.cue_tagger import train

ARTICLES = {
    "a": "Vote\n\nSenator Ana Ruiz mocked the plan of the governor.\n\nShe said the roads were fine.\n",
    "b": "Budget\n\nMayor Tom Baker ridiculed the budget of the council.\n\nHe said it was late.\n",
}


def _brat(tmp_path):
    """A two-article BRAT set in PolNeAR's layout, written here."""
    for name, text in ARTICLES.items():
        (tmp_path / "train" / "text").mkdir(parents=True, exist_ok=True)
        (tmp_path / "train" / "attributions").mkdir(parents=True, exist_ok=True)
        (tmp_path / "train" / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        lines = []
        for n, cue in enumerate(("mocked", "ridiculed", "said")):
            start = text.find(cue)
            if start < 0:
                continue
            lines.append(f"T{n + 1}\tCue {start} {start + len(cue)}\t{cue}")
            content_start = start + len(cue) + 1
            content_end = text.index(".", content_start)
            lines.append(f"T{n + 10}\tContent {content_start} {content_end}\t{text[content_start:content_end]}")
            lines.append(f"E{n + 1}\tAttribution:T{n + 1} Cue:T{n + 1} Content:T{n + 10}")
        # a span text that runs over a line break continues on the next line of the .ann file
        lines.append("T99\tContent 6 20\tSenator Ana\nRuiz")
        (tmp_path / "train" / "attributions" / f"{name}_ann1.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def test_training_saves_a_tagger_that_loads_and_tags(tmp_path, nlp):
    data = _brat(tmp_path)
    report = train(data, tmp_path / "model", epochs=2, log=lambda line: None)
    assert (report.documents, report.cues) == (2, 4)
    component = LearnedCues(str(tmp_path / "model"))
    doc = nlp("Vote\n\nSenator Ana Ruiz mocked the plan of the governor.")
    names = [(e.text, e.label_) for e in doc.ents]
    tagged = component(doc)
    assert all(span.label_ == "CUE" for span in tagged.spans[SPAN_KEY])
    assert [(e.text, e.label_) for e in tagged.ents] == names  # the Doc's own entities are untouched


def test_a_proposed_cue_outside_the_lexicons_gets_speaker_and_content_from_the_parse(nlp):
    text = "Vote\n\nSenator Ana Ruiz skewered the plan of the governor."
    doc = nlp(text)
    quotes = QuoteIndex(find_quotes(text))
    table = build_actors(doc, quotes)
    cue = next(t for t in doc if t.text == "skewered")
    assert not [s for s in extract_statements(doc, table, quotes) if s.cue_token == cue.i]  # not in the lexicons
    doc.spans[SPAN_KEY] = [doc[cue.i:cue.i + 1]]
    found = [s for s in extract_statements(doc, table, quotes) if s.cue_token == cue.i]
    assert len(found) == 1
    assert text[slice(*found[0].content)] == "the plan of the governor"
    assert text[slice(*found[0].speaker_mention)] == "Senator Ana Ruiz"


def test_a_missing_model_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["analyze", "-", "--model", str(tmp_path / "nothing")], input="Some text.")
    assert result.exit_code == 2
    assert "no trained cue tagger" in result.output


def test_training_on_a_directory_without_annotations_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["train", "attribution", "--data", str(tmp_path), "--output", str(tmp_path / "m")])
    assert result.exit_code == 2
    assert "no annotated articles" in result.output


def test_a_batch_runs_with_the_tagger_inside_memory_zones(tmp_path):
    from dateline.analysis.nlp import use_cue_model
    from dateline.analysis.pipeline import AnalysisFailure, analyze_many
    from dateline.ingest.scraped import read_scraped_text

    from dateline.analysis.nlp import load_pipeline

    train(_brat(tmp_path), tmp_path / "model", epochs=25, log=lambda line: None)  # learns its two articles by heart
    use_cue_model(str(tmp_path / "model"))
    try:
        nlp = load_pipeline()
        with nlp.memory_zone():
            doc = nlp(ARTICLES["a"])
            proposed = [s.text for s in doc.spans[SPAN_KEY]]
        assert proposed, "the tagger proposed no cue: this test would not reach the labelled spans"
        results = list(analyze_many(read_scraped_text(text, source=name) for name, text in ARTICLES.items()))
    finally:
        use_cue_model(None)
    assert not [r for r in results if isinstance(r, AnalysisFailure)], [r.reason for r in results if isinstance(r, AnalysisFailure)]
    assert len(results) == 2


def _with_parts(nlp, text, cue, content, source=None):
    """A parsed Doc carrying the given proposed cue, contents and source, as a trained tagger leaves them."""
    from dateline.analysis.learned_cues import PARTS_KEY

    doc = nlp(text)
    span = lambda phrase, label: doc.char_span(text.index(phrase), text.index(phrase) + len(phrase), label=label)
    doc.spans[SPAN_KEY] = [span(cue, "CUE")]
    doc.spans[PARTS_KEY] = [span(c, "CONTENT") for c in content] + ([span(source, "SOURCE")] if source else [])
    return doc


def _learned(doc):
    from dateline.analysis.learned_statements import with_learned_statements

    quotes = QuoteIndex(find_quotes(doc.text))
    table = build_actors(doc, quotes)
    found = extract_statements(doc, table, quotes)
    return found, [s for s in with_learned_statements(doc, table, quotes, list(found)) if s not in found]


def test_a_proposed_cue_phrase_with_a_proposed_content_becomes_a_statement(nlp):
    text = "Vote\n\nSenator Ana Ruiz is doubling down on her campaign against the governor."
    doc = _with_parts(nlp, text, "is doubling down on", ["her campaign against the governor"], "Senator Ana Ruiz")
    rules, learned = _learned(doc)
    assert not rules
    assert [(text[slice(*s.content)], text[slice(*s.cue)], text[slice(*s.speaker_mention)], s.kind) for s in learned] == [
        ("her campaign against the governor", "is doubling down on", "Senator Ana Ruiz", "indirect")]


def test_without_a_proposed_source_the_speaker_is_the_cue_subject(nlp):
    text = "Vote\n\nThe mayor pooh-poohed the idea of a new stadium."
    doc = _with_parts(nlp, text, "pooh-poohed", ["the idea of a new stadium"])
    _, learned = _learned(doc)
    assert [text[slice(*s.speaker_mention)] for s in learned] == ["The mayor"]


def test_a_content_on_each_side_of_the_cue_is_one_statement_in_two_parts(nlp):
    text = "Vote\n\nThe plan, the senator scoffed, is dead on arrival."
    doc = _with_parts(nlp, text, "scoffed", ["The plan", "is dead on arrival"], "the senator")
    _, learned = _learned(doc)
    assert len(learned) == 1
    assert [text[slice(*p)] for p in learned[0].parts] == ["The plan", "is dead on arrival"]


def test_a_cue_the_rules_already_used_adds_nothing(nlp):
    text = "Vote\n\nSenator Ana Ruiz said the roads were fine."
    doc = _with_parts(nlp, text, "said", ["the roads were fine"], "Senator Ana Ruiz")
    rules, learned = _learned(doc)
    assert len(rules) == 1 and learned == []


def test_a_content_far_from_the_cue_in_another_sentence_is_not_taken(nlp):
    text = "Vote\n\nThe roads were fine last year. Then Senator Ana Ruiz toured the state."
    doc = _with_parts(nlp, text, "toured", ["The roads were fine last year"], "Senator Ana Ruiz")
    assert _learned(doc)[1] == []


def test_proposed_contents_one_sentence_each_are_joined_into_one(nlp):
    from dateline.analysis.learned_statements import _joined

    doc = nlp("Senator Ana Ruiz fumed: “The plan is dead. The roads come first.” Then she left.")
    spans = [doc.char_span(doc.text.index(p), doc.text.index(p) + len(p)) for p in ("The plan is dead", "The roads come first", "she left")]
    assert [s.text for s in _joined(doc, spans)] == ["The plan is dead. The roads come first", "she left"]


def test_a_learned_statement_takes_the_place_of_a_quotation_found_without_a_cue(nlp):
    from dateline.analysis.learned_statements import with_learned_statements

    # a noun the rules cannot use as a cue (a proposed verb they use themselves, see below)
    text = "Vote\n\nSenator Ana Ruiz spoke on Monday.\n\n“The roads come first and the schools come next,” was her verdict."
    doc = _with_parts(nlp, text, "verdict", ["The roads come first and the schools come next"], "her")
    quotes = QuoteIndex(find_quotes(text))
    table = build_actors(doc, quotes)
    rules = extract_statements(doc, table, quotes)
    quote = text.index("The roads")
    assert [s.cue for s in rules if s.content[0] == quote] == [None]  # the rules know no such cue
    merged = [s for s in with_learned_statements(doc, table, quotes, rules) if s.content[0] == quote]
    assert [(text[slice(*s.cue)], text[slice(*s.speaker_mention)]) for s in merged] == [("verdict", "her")]


def test_a_proposed_verb_after_a_quotation_is_its_cue_in_the_rules(nlp):
    text = "Vote\n\nSenator Ana Ruiz spoke on Monday.\n\n“The roads come first and the schools come next,” she ventured."
    doc = _with_parts(nlp, text, "ventured", ["The roads come first and the schools come next"], "she")
    quotes = QuoteIndex(find_quotes(text))
    table = build_actors(doc, quotes)
    [statement] = [s for s in extract_statements(doc, table, quotes) if s.content[0] == text.index("The roads")]
    assert (statement.kind, text[slice(*statement.cue)], text[slice(*statement.speaker_mention)]) == ("direct", "ventured", "she")


def test_a_proposed_content_without_a_proposed_cue_takes_the_word_governing_it(nlp):
    from dateline.analysis.learned_cues import PARTS_KEY

    text = "Vote\n\nSenator Ana Ruiz bristled at the questions about her record."
    doc = _with_parts(nlp, text, "Vote", ["the questions about her record"], "Senator Ana Ruiz")
    doc.spans[SPAN_KEY] = []  # the cue tagger saw no cue
    _, learned = _learned(doc)
    assert [(text[slice(*s.cue)], text[slice(*s.speaker_mention)], text[slice(*s.content)]) for s in learned] == [
        ("bristled", "Senator Ana Ruiz", "the questions about her record")]
    assert PARTS_KEY in doc.spans


def test_a_proposed_content_with_no_speaker_in_sight_is_dropped(nlp):
    text = "Vote\n\nThe questions about the record continued."
    doc = _with_parts(nlp, text, "Vote", ["the record"])
    doc.spans[SPAN_KEY] = []
    assert _learned(doc)[1] == []
