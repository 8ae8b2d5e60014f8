"""dateline's stages as spaCy pipeline components, for a user's own pipeline.

    nlp = spacy.load("en_core_web_sm")       # any English pipeline with a parser and NER
    nlp.add_pipe("dateline")                 # or "dateline_statements", "dateline_events", …
    doc = nlp(text)
    doc._.dateline                           # the whole AnalyzedArticle (dateline.article/1)
    doc._.dateline_statements                # that stage's records
    doc.spans["dateline_statements"]         # their evidence as spans, labelled by kind or type

The factories are registered through the ``spacy_factories`` entry point, so ``add_pipe`` finds
them without importing dateline first. The analysis runs once per Doc, whichever components ask.
"""


from spacy.language import Language
from spacy.tokens import Doc, Span

from .model import AnalyzedArticle, Article

STAGES = ("actors", "statements", "events", "places", "times")
RESULT_KEY = "dateline_result"


def _register_extensions() -> None:
    if not Doc.has_extension("dateline"):
        Doc.set_extension("dateline", default=None)
        Doc.set_extension("dateline_published", default=None)  # ISO date-time the relative dates anchor to
        for stage in STAGES:
            Doc.set_extension(f"dateline_{stage}", default=None)


def _analysed(doc: Doc, published: str | None) -> AnalyzedArticle:
    """The records of ``doc``, computed once and kept in its user data."""
    result = doc.user_data.get(RESULT_KEY)
    if result is None:
        from .analysis.pipeline import records

        article = Article(id=doc.user_data.get("dateline_id", "doc"), text=doc.text,
                          published=doc._.dateline_published or published)
        result = doc.user_data[RESULT_KEY] = records(article, doc)
    return result


def _char_span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def _spans(doc: Doc, stage: str, result: AnalyzedArticle) -> list[Span]:
    """The evidence of one stage's records as labelled spans."""
    found: list[Span | None] = []
    if stage == "actors":
        found = [_char_span(doc, m.start, m.end, a.kind) for a in result.actors for m in a.mentions]
    elif stage == "statements":
        found = [_char_span(doc, s.content.start, s.content.end, s.kind) for s in result.statements]
    elif stage == "events":
        found = [_char_span(doc, e.trigger.start, e.trigger.end, e.type) for e in result.events if e.trigger]
    elif stage == "places":
        found = [_char_span(doc, m.start, m.end, p.feature) for p in result.places for m in p.mentions]
    elif stage == "times":
        found = [_char_span(doc, t.start, t.end, t.type) for t in result.times]
    return [span for span in found if span is not None]


class DatelineComponent:
    """Sets ``doc._.dateline_<stage>`` and ``doc.spans["dateline_<stage>"]`` for its stages (all five,
    and ``doc._.dateline``, for the ``dateline`` component)."""

    def __init__(self, nlp: Language, name: str, *, stages: tuple[str, ...], published: str | None = None):
        _register_extensions()
        self.name = name
        self.stages = stages
        self.published = published

    def __call__(self, doc: Doc) -> Doc:
        result = _analysed(doc, self.published)
        if set(self.stages) == set(STAGES):
            doc._.dateline = result
        for stage in self.stages:
            setattr(doc._, f"dateline_{stage}", getattr(result, stage))
            doc.spans[f"dateline_{stage}"] = _spans(doc, stage, result)
        return doc


@Language.factory("dateline", default_config={"published": None},
                  assigns=["doc._.dateline", *(f"doc._.dateline_{s}" for s in STAGES)],
                  requires=["token.dep", "token.pos", "doc.ents"])
def make_dateline(nlp: Language, name: str, published: str | None) -> DatelineComponent:
    """Every dateline stage: actors, statements, events, places, times."""
    return DatelineComponent(nlp, name, stages=STAGES, published=published)


def _stage_factory(stage: str):
    def make(nlp: Language, name: str, published: str | None) -> DatelineComponent:
        return DatelineComponent(nlp, name, stages=(stage,), published=published)

    make.__name__ = f"make_{stage}"
    make.__doc__ = f"dateline's {stage} stage."
    return Language.factory(f"dateline_{stage}", default_config={"published": None},
                            assigns=[f"doc._.dateline_{stage}"],
                            requires=["token.dep", "token.pos", "doc.ents"])(make)


make_actors = _stage_factory("actors")
make_statements = _stage_factory("statements")
make_events = _stage_factory("events")
make_places = _stage_factory("places")
make_times = _stage_factory("times")
