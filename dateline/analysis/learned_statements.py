"""Statements assembled from a trained tagger's parts, where the rules found none.

With a model from ``dateline train attribution``, the Doc carries proposed cues
(``SPAN_KEY``) and proposed sources and contents (``PARTS_KEY``). A proposed cue
the rules left unused, with a proposed content next to it, becomes a statement
(and takes the place of a quotation the rules found without a cue):
the long tail of cue phrases ("is doubling down on", "has pooh-poohed") that no
lexicon lists. The speaker is the proposed source in the cue's sentence, else the
cue's subject in the parse. Without a model this adds nothing.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .actors import ActorTable, sentence_index
from .learned_cues import CONTENT, PARTS_KEY, SOURCE, SPAN_KEY
from .quotes import QuoteIndex
from .statements import StatementBuild, char_offsets, content_kind, speaker_of, subject_of

MAX_GAP = 3  # tokens between a cue and a content in another sentence ('"…," he said' across a split)
CONFIDENCE = 0.5


def _gap(a: Span, b: Span) -> int:
    return b.start - a.end if a.end <= b.start else a.start - b.end if b.end <= a.start else -1


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _joined(doc: Doc, spans: list[Span]) -> list[Span]:
    """Proposed contents with only spaces and punctuation between them as one: the tagger marks a
    content over several sentences one sentence at a time."""
    joined: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if joined and span.start >= joined[-1].end and all(t.is_space or t.is_punct for t in doc[joined[-1].end:span.start]):
            joined[-1] = doc[joined[-1].start:span.end]
        else:
            joined.append(span)
    return joined


def _governor(content: Span) -> Span | None:
    """The word that takes ``content`` as its complement in the parse: the verb, noun or adjective
    above it ("bristled at [the questions]", "advocates for [equal schools]")."""
    head = content.root.head
    if head.i == content.root.i or content.start <= head.i < content.end:
        return None
    if head.dep_ == "prep" and head.head.i != head.i:
        head = head.head
    if head.pos_ not in ("VERB", "NOUN", "ADJ") or content.start <= head.i < content.end:
        return None
    return head.doc[head.i:head.i + 1]


def _build(doc: Doc, table: ActorTable, quotes: QuoteIndex, cue: Span, parts: list[Span],
           sources: list[Span], sentence: list[int], need_source: bool = False) -> StatementBuild | None:
    spans = [(p.start_char, p.end_char) for p in parts]
    outer = (spans[0][0], spans[-1][1])
    source = min((s for s in sources if sentence[s.start] == sentence[cue.start]
                  and not any(p.start <= s.start < p.end for p in parts)),
                 key=lambda s: abs(s.start - cue.start), default=None)
    head = source.root if source is not None else subject_of(cue.root)
    if head is not None and any(p.start <= head.i < p.end for p in parts):
        head = None
    if head is None and need_source:
        return None
    if head is not None:
        speaker, mention, confidence = speaker_of(head, table)
        if source is not None:
            mention = (source.start, source.end)
        mention_chars = char_offsets(doc, *mention)
    else:
        speaker, mention_chars, confidence = None, None, CONFIDENCE
    return StatementBuild(content_kind(doc, quotes, *outer), outer, (cue.start_char, cue.end_char), cue.root.i,
                          speaker, mention_chars, round(min(CONFIDENCE, confidence), 2),
                          parts=spans if len(spans) > 1 else [])


def with_learned_statements(doc: Doc, table: ActorTable, quotes: QuoteIndex,
                            found: list[StatementBuild]) -> list[StatementBuild]:
    """``found`` and the statements of proposed cues the rules did not use, each with its nearest
    proposed content, in text order; then proposed contents still unclaimed, with the word that
    governs them in the parse as cue when they have a speaker. A quotation the rules found no cue
    for gives way to either."""
    if PARTS_KEY not in doc.spans or SPAN_KEY not in doc.spans:
        return found
    sentence = sentence_index(doc)
    contents = _joined(doc, [s for s in doc.spans[PARTS_KEY] if s.label_ == CONTENT])
    sources = [s for s in doc.spans[PARTS_KEY] if s.label_ == SOURCE]
    taken_contents = [s.content for s in found if s.cue is not None]
    taken_cues = [s.cue for s in found if s.cue]
    added = []

    def add(statement: StatementBuild | None) -> None:
        if statement is not None:
            added.append(statement)
            taken_contents.extend(statement.spans())
            taken_cues.append(statement.cue)

    for cue in doc.spans[SPAN_KEY]:
        cue_chars = (cue.start_char, cue.end_char)
        if _overlaps(cue_chars, taken_cues) or _overlaps(cue_chars, taken_contents):
            continue  # a cue inside reported words is part of the claim (see statements.outermost)
        near = [c for c in contents if _gap(cue, c) >= 0 and (
            sentence[c.start] <= sentence[cue.start] <= sentence[c.end - 1] or _gap(cue, c) <= MAX_GAP)]
        near = [c for c in near if not _overlaps((c.start_char, c.end_char), taken_contents)]
        if not near:
            continue
        content = min(near, key=lambda c: (_gap(cue, c), c.start))
        parts = [content]
        # "The plan, he said, is dead": a content on the other side of the cue, just as close, continues it
        other = [c for c in near if (c.start > cue.start) != (content.start > cue.start) and _gap(cue, c) <= MAX_GAP]
        if other:
            parts = sorted([content, min(other, key=lambda c: _gap(cue, c))], key=lambda c: c.start)
        add(_build(doc, table, quotes, cue, parts, sources, sentence))
    for content in contents:
        if _overlaps((content.start_char, content.end_char), taken_contents):
            continue
        cue = _governor(content)
        if cue is None or _overlaps((cue.start_char, cue.end_char), taken_cues + taken_contents):
            continue
        add(_build(doc, table, quotes, cue, [content], sources, sentence, need_source=True))
    kept = [s for s in found if s.cue is not None or not _overlaps(s.content, [a.content for a in added])]
    return sorted(kept + added, key=lambda s: s.content[0])
