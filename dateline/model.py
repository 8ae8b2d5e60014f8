"""The record types of the output contract ``dateline.article/1``.

Every span is a pair of character offsets into ``Article.text`` plus the text it
covers, so each record carries its own evidence.
"""

from __future__ import annotations

import json
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from . import SCHEMA_ID


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(Record):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Mention(Span):
    """One place in the text where an actor is referred to."""

    form: Literal["name", "nominal", "pronoun", "title"] = "name"


class Removal(Record):
    """A piece of the raw page left out of ``Article.text``, and why."""

    text: str
    reason: str
    raw_start: int = Field(ge=0, description="offset of the removed text in the raw input (for a page or a feed "
                                             "entry: in the text extracted from its markup)")


class Segment(Record):
    """``text[start:start+length] == raw[raw_start:raw_start+length]``."""

    start: int
    raw_start: int
    length: int


class Article(Record):
    id: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = Field(None, description="ISO 8601: YYYY-MM-DDThh:mm:ss±hh:mm when the source gives the "
                                                   "time and offset, YYYY-MM-DDThh:mm:ss when only the time, "
                                                   "YYYY-MM-DD when only the day")
    captured: str | None = Field(None, description="when a crawler fetched the page (WARC-Date), ISO 8601")
    outlet: str | None = None
    source_id: str | None = None
    byline: str | None = Field(None, description="the authors, comma-separated")
    authors: list[str] = Field(default=[], description="person names of the authors")
    cited_sources: list[str] = []
    language: str = "en"
    dateline_place: str | None = None
    text: str
    removed: list[Removal] = []
    warnings: list[str] = Field(default=[], description="doubts about the extraction, e.g. a suspiciously short text")
    text_map: list[Segment] = Field(
        default=[], description="how spans of text map back to the raw input (for a page or a feed entry: to "
                                "the text extracted from its markup)"
    )


ActorKind = Literal["person", "organization", "country", "group", "other"]


class Actor(Record):
    id: str
    name: str
    kind: ActorKind
    titles: list[str] = []
    affiliations: list[str] = []
    country: str | None = Field(None, description="ISO 3166 alpha-3")
    sector: str | None = Field(None, description="PLOVER/CAMEO sector code (GOV, MIL, REB, OPP, MED …)")
    kb_id: str | None = None
    mentions: list[Mention] = []


class Statement(Record):
    id: str
    kind: Literal["direct", "indirect", "mixed"]
    act: Literal["speech", "intention"] = Field(
        "speech", description="speech: words someone said or wrote; intention: what someone means to do or "
                              "decided, told by a verb or noun of aim with an infinitive (\"sought to talk\", "
                              "\"agreed to inject $6.5 billion\"), which PolNeAR counts as attribution but no one said")
    speaker: str | None = Field(None, description="actor id; null when not resolved confidently")
    speaker_mention: Span | None = None
    cue: Span | None = None
    content: Span
    content_parts: list[Span] = Field(default=[], description="pieces of a split quote")
    date: str | None = None
    date_basis: Literal["text", "context", "published"] | None = None
    addressee: str | None = None
    event: str | None = None
    confidence: float = Field(ge=0, le=1)


class EventDate(Record):
    value: str = Field(description="ISO 8601 calendar date, or a reduced one (YYYY-MM, YYYY)")
    timex: str | None = Field(None, description="the TIMEX3 value of the expression, where it says more "
                                                "(\"2019-11-19TNI\", \"2019-W47\")")
    text: str | None = None
    start: int | None = None
    end: int | None = None
    basis: Literal["text", "context", "published"] = "text"


Modality = Literal[
    "asserted", "reported", "negated", "future", "planned", "hypothetical", "demanded"
]
MODALITIES: tuple[str, ...] = get_args(Modality)
# The PLOVER event types (PLOVER manual, sections 2-17), in its order.
EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


class Event(Record):
    id: str
    type: str
    mode: str | None = None
    actors: list[str] = []
    recipients: list[str] = []
    place: str | None = None
    date: EventDate | None = None
    evidence: Span
    trigger: Span | None = None
    mentions: list[Span] = Field(default=[], description="the trigger words of later references to the same "
                                                         "happening (\"the attack\", \"the explosion\")")
    modality: Modality = "asserted"
    background: bool = Field(False, description="history told for context, not the article's news: the date its "
                                                "own words give ended more than a year before publication")
    statement: str | None = Field(None, description="statement that reports this event")
    confidence: float = Field(ge=0, le=1)


class Place(Record):
    id: str
    name: str
    country: str | None = Field(None, description="ISO 3166 alpha-2")
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    feature: Literal["continent", "country", "region", "district", "city", "other"] = Field(
        "other", description="region: first-level division (state, province); district: second level (county)")
    mentions: list[Span] = []


class TimeExpression(Record):
    text: str
    start: int
    end: int
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str | None = None
    anchor: Literal["published", "focus", "none"] = "none"


class AnalyzedArticle(Record):
    """One article and everything dateline found in it."""

    schema_: Literal["dateline.article/1"] = Field(SCHEMA_ID, alias="schema")
    article: Article
    actors: list[Actor] = []
    statements: list[Statement] = []
    events: list[Event] = []
    places: list[Place] = []
    times: list[TimeExpression] = []

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json_dict(self) -> dict:
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self) -> str:
        """The record as one line of JSON, non-ASCII kept (as the store, the CLI and the datasets write it)."""
        return json.dumps(self.to_json_dict(), ensure_ascii=False)
