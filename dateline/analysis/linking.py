"""Tie statements to the events they were made at, and date both.

An event the text does not date in its own sentence takes, when told in the past tense, the day
its paragraph last named before it (the story's time: "On 9 January, soldiers pursued militants.
Three were killed."), flagged ``context``; else the publication date, flagged ``published``.

A statement's date is, in order of preference: the date of the event whose
clause it shares ("he said in a meeting … on Wednesday"); a time expression in
its own clause; the date of the speaker's previous statement or of the latest
event the speaker took part in (the discourse in focus); else the publication
date, flagged as such.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from ..calendar import last_day

from .actors import sentence_index, sentence_of, text_of, tokens_of
from .events import EventBuild, config
from .statements import StatementBuild
from .times import Timex, clause_tense


def _anaphoric_event_nouns() -> set[str]:
    return {n for n in config()["CONSULT"]["nouns"] if " " not in n}


def _sentences_naming(doc: Doc, nouns: set[str]) -> set[int]:
    """The sentences where "the meeting", "that interview" points back to an event told before."""
    found = doc.user_data.get("dateline_event_noun_sentences")
    if found is None:
        index = sentence_index(doc)
        found = doc.user_data["dateline_event_noun_sentences"] = {
            index[t.i] for t in tokens_of(doc) if t.lemma_.lower() in nouns
            and any(c.lower_ in ("the", "that") for c in t.children)}
    return found


def link(doc: Doc, statements: list[StatementBuild], events: list[EventBuild],
         times: list[Timex], published: date | None) -> None:
    for event in events:
        if event.date is None:
            _narrative_date(doc, event, statements, times)
        if event.date is None and published is not None:
            event.date = Timex(0, 0, "", "DATE", published.isoformat(), "published")
            event.date_basis = "published"
    nouns = _anaphoric_event_nouns()
    previous: StatementBuild | None = None
    for st in statements:
        at = doc[st.cue_token] if st.cue_token is not None else doc.char_span(*st.content, alignment_mode="expand")[0]
        sent = sentence_of(at)
        # 1. The event this statement was made at.
        syntactic = False
        for n, ev in enumerate(events):
            trigger = doc[ev.trigger]
            # (the event a statement is part of, "told reporters at the talks", never one it reports:
            # "“We were attacked in downtown Manhattan,” she said" was not said on 9/11)
            if st.cue_token is not None and sentence_of(trigger) == sent and ev.statement is None and (
                    at in trigger.ancestors or trigger in at.ancestors) \
                    and not any(start <= trigger.idx < end for start, end in st.spans()):
                st.event, syntactic = n, True
                break
        if st.event is None and sentence_index(doc)[sent.start] in _sentences_naming(doc, nouns):
            earlier = [n for n, ev in enumerate(events) if ev.type == "CONSULT" and doc[ev.trigger].idx < at.idx]
            if earlier:
                st.event = earlier[-1]
        if st.event is not None:
            ev = events[st.event]
            spoken_to = any(c.dep_ in ("dobj", "dative") for c in at.children)
            if st.addressee is None and (syntactic or not spoken_to):
                st.addressee = next((a for a in ev.actors + ev.recipients if a != st.speaker), None)
        st.date, st.date_basis = _date_of(doc, st, at, sent, events, times, previous, published, statements)
        previous = st
    # An event the text does not date itself takes the date of what is said in its own sentence.
    for ev in events:
        if ev.date_basis != "published":
            continue
        sent = sentence_of(doc[ev.trigger])
        said = [s for s in statements if s.date and s.date_basis != "published"
                and sent.start_char <= (s.cue[0] if s.cue else s.content[0]) < sent.end_char]
        if said:
            day = said[0].date
            ev.date = Timex(0, 0, "", "DATE", day, "focus")
            ev.date_basis = "context"


def _narrative_date(doc: Doc, event: EventBuild, statements: list[StatementBuild], times: list[Timex]) -> None:
    """Date a past event its own sentence leaves undated by the last day its paragraph named before it:
    not a day inside someone else's words, nor the day a statement was made ("said on Tuesday")."""
    trigger = doc[event.trigger]
    sent = sentence_of(trigger)

    def in_others_words(offset: int) -> bool:
        return any(s.content[0] <= offset < s.content[1] for n, s in enumerate(statements) if n != event.statement)

    opening = _opening_day(doc, sent, times)
    if opening is not None and opening.end <= trigger.idx and not in_others_words(trigger.idx):
        # "Around 26 January 2022 (as reported), workers … protested": a day the sentence opens with
        # frames all of it, however the parser hung the clause
        event.date = Timex(opening.start, opening.end, opening.text, opening.type, opening.value, "focus")
        event.date_basis = "text"
        return
    if clause_tense(doc[trigger.i:trigger.i + 1]) != "past":
        return
    text = text_of(doc)
    sent_start = sent.start_char
    paragraph_start = text.rfind("\n", 0, trigger.idx) + 1
    cues = {st.cue_token for st in statements if st.cue_token is not None}
    earlier = [t for t in times if t.day is not None and t.type in ("DATE", "TIME") and paragraph_start <= t.start < sent_start
               and not in_others_words(t.start) and not _governs_a_cue(doc, t, cues)]
    if earlier:
        day = max(earlier, key=lambda t: t.start)
        event.date = Timex(day.start, day.end, day.text, day.type, day.value, "focus")
        event.date_basis = "context"


def _opening_day(doc: Doc, sent, times: list[Timex]) -> Timex | None:
    """The day a sentence opens with ("On 3 March 2022, …", "Around 26 January (as reported), …"),
    set off by a comma or a bracket from what follows."""
    lead = next((t for t in sent if not t.is_punct), None)
    if lead is None:
        return None
    start = lead.idx if lead.pos_ not in ("ADP", "ADV") else lead.idx + len(lead.text_with_ws)
    day = next((t for t in times if t.day is not None and t.type == "DATE" and t.start in (lead.idx, start)), None)
    if day is None:
        return None
    after = doc.char_span(day.end, sent.end_char, alignment_mode="expand")
    return day if after is not None and len(after) and after[0].text in (",", "(") else None


def _governs_a_cue(doc: Doc, timex: Timex, cues: set[int]) -> bool:
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    head = span.root.head if span is not None else None
    if head is not None and head.pos_ == "ADP":
        head = head.head  # "said on Tuesday": the preposition's head
    return head is not None and head.i in cues


BACKGROUND_DAYS = 365  # an event dated this long before publication is history, not the article's news


def long_before(timex_value: str | None, published: date) -> bool:
    """Whether a TIMEX3 date ("1967", "13" for the 14th century, "2017-05-02") ended more than a
    year before ``published``."""
    last = last_day(timex_value)
    return last is not None and (published - last).days > BACKGROUND_DAYS


def _history(event, published) -> bool:
    """Whether an event is history the article recalls ("the 9/11 attacks"): no date for what is said now."""
    return event.years_back or published is not None and long_before(event.date.value, published)


def _date_of(doc, st, at, sent, events, times, previous, published, statements):
    if st.event is not None:
        ev = events[st.event]
        if ev.date is not None and ev.date.day is not None and ev.date_basis != "published":
            return ev.date.day.isoformat(), "text" if sentence_of(doc[ev.trigger]) == sent else "context"
    outside = [t for t in times if t.day is not None and sent.start_char <= t.start < sent.end_char
               and not any(o.content[0] <= t.start < o.content[1] for o in statements)]
    if at.i < len(doc) and outside:
        cue_span = {t.idx for t in at.subtree}
        own = [t for t in outside if t.start in cue_span]
        if own:
            return own[0].day.isoformat(), "text"
    # The discourse in focus: the speaker's previous statement or latest event, whichever is nearer.
    candidates = []
    if previous is not None and previous.speaker and previous.speaker == st.speaker and previous.date_basis != "published":
        candidates.append((previous.content[0], previous.date))
    for ev in events:
        if doc[ev.trigger].idx < at.idx and st.speaker and st.speaker in ev.actors + ev.recipients \
                and ev.date is not None and ev.date.day is not None and ev.date_basis != "published" \
                and not _history(ev, published):
            candidates.append((doc[ev.trigger].idx, ev.date.day.isoformat()))
    if candidates:
        return max(candidates)[1], "context"
    if published is not None:
        return published.isoformat(), "published"
    return None, None
