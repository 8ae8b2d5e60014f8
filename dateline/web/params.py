"""The query parameters of the workspace, declared once: read and checked from a request (a bad one is a
400 saying which and why) and written into the OpenAPI document."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..model import EVENT_TYPES, MODALITIES

MAX_TEXT = 200
MAX_LIMIT = 200
ACTOR_KINDS = ("person", "organization", "country", "group", "other")


class ParamError(ValueError):
    """A query parameter that cannot be used."""


@dataclass(frozen=True)
class Param:
    name: str
    kind: str = "string"  # string, integer, boolean, date
    description: str = ""
    enum: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    default: object = None

    def read(self, raw: str | None):
        if raw is None or raw == "":
            return self.default
        if len(raw) > MAX_TEXT:
            raise ParamError(f"{self.name}: at most {MAX_TEXT} characters")
        if "\x00" in raw:
            raise ParamError(f"{self.name}: holds a NUL character")
        if self.kind == "integer":
            if not raw.strip().lstrip("-").isdigit():
                raise ParamError(f"{self.name}: not a whole number")
            value = int(raw)
            if (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
                raise ParamError(f"{self.name}: must lie between {self.minimum} and {self.maximum}")
            return value
        if self.kind == "boolean":
            if raw.lower() not in ("true", "false", "1", "0", "yes", "no", "on", "off"):
                raise ParamError(f"{self.name}: true or false")
            return raw.lower() in ("true", "1", "yes", "on")
        if self.kind == "date":
            try:
                return date.fromisoformat(raw).isoformat()
            except ValueError:
                raise ParamError(f"{self.name}: an ISO date, YYYY-MM-DD") from None
        if self.enum:
            value = raw.upper() if self.name == "type" else raw
            if value not in self.enum:
                raise ParamError(f"{self.name}: one of {', '.join(self.enum)}")
            return value
        return raw

    def openapi(self) -> dict:
        schema: dict = {"type": "integer" if self.kind == "integer" else "boolean" if self.kind == "boolean" else "string"}
        if self.kind == "date":
            schema["format"] = "date"
        if self.kind == "string":
            schema["maxLength"] = MAX_TEXT
        if self.enum:
            schema["enum"] = list(self.enum)
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        if self.default is not None:
            schema["default"] = self.default
        return {"name": self.name, "in": "query", "required": False, "description": self.description, "schema": schema}


LIMIT = Param("limit", "integer", "rows per page", minimum=1, maximum=MAX_LIMIT, default=50)
OFFSET = Param("offset", "integer", "rows to skip", minimum=0, maximum=10_000_000, default=0)
SINCE = Param("since", "date", "on or after this date")
UNTIL = Param("until", "date", "on or before this date")
OUTLET = Param("outlet", description="the outlet's name, as stored")
SPEAKER = Param("speaker", description="any name of the speaker")
TYPE = Param("type", description="PLOVER event type", enum=EVENT_TYPES)
MODALITY = Param("modality", description="event modality", enum=MODALITIES)
REVIEWED = Param("reviewed", "boolean", "apply analysts' reviews (drop records marked wrong, use corrections)",
                 default=False)


@dataclass(frozen=True)
class Endpoint:
    summary: str
    params: tuple[Param, ...] = ()
    path_params: tuple[str, ...] = ()
    method: str = "get"
    body: dict | None = None
    responses: dict = field(default_factory=lambda: {"200": {"description": "OK"}})

    def read(self, query) -> dict:
        """The endpoint's parameters from ``query`` (a mapping of strings), checked."""
        return {p.name: p.read(query.get(p.name)) for p in self.params}


REVIEW_BODY = {
    "type": "object", "required": ["target", "article_id", "record_id", "field", "value"],
    "properties": {
        "target": {"type": "string", "enum": ["statement", "event"]},
        "article_id": {"type": "string", "maxLength": MAX_TEXT}, "record_id": {"type": "string", "maxLength": MAX_TEXT},
        "field": {"type": "string", "enum": ["verdict", "speaker", "type", "modality", "place"]},
        "value": {"type": "string", "maxLength": MAX_TEXT}, "reviewer": {"type": "string", "maxLength": MAX_TEXT},
        "note": {"type": "string", "maxLength": 1000}},
}
ANALYZE_BODY = {
    "type": "object", "required": ["text"],
    "properties": {"text": {"type": "string", "maxLength": 500_000}, "published": {"type": "string", "maxLength": 40},
                   "url": {"type": "string", "maxLength": 2000}},
}

ENDPOINTS: dict[str, Endpoint] = {
    "/api/articles": Endpoint("Stored articles with facet counts", (
        Param("q", description="words of the article text"), OUTLET, SINCE, UNTIL, SPEAKER, TYPE, MODALITY,
        LIMIT, OFFSET)),
    "/api/articles/{article_id}": Endpoint("One article: its record, source, story copies and reviews",
                                           path_params=("article_id",),
                                           responses={"200": {"description": "OK"}, "404": {"description": "no such article"}}),
    "/api/statements": Endpoint("Statements across the corpus", (
        SPEAKER, Param("about", description="words of the content"), SINCE, UNTIL,
        Param("kind", description="direct, indirect or mixed", enum=("direct", "indirect", "mixed")), OUTLET,
        Param("article", description="one article's id"), REVIEWED, LIMIT, OFFSET)),
    "/api/events": Endpoint("Events across the corpus", (
        TYPE, Param("actor", description="any name of a participant"),
        Param("place", description="place name or ISO alpha-2 country"), SINCE, UNTIL, MODALITY,
        Param("all_modalities", "boolean", "also reported, negated, planned … events", default=False), OUTLET,
        Param("article", description="one article's id"), REVIEWED, LIMIT, OFFSET)),
    "/api/actors": Endpoint("Corpus actors, most mentioned first", (
        Param("q", description="any name"), Param("kind", description="actor kind", enum=ACTOR_KINDS), LIMIT, OFFSET)),
    "/api/actors/{actor_id}": Endpoint("One corpus actor's profile", path_params=("actor_id",),
                                       responses={"200": {"description": "OK"}, "404": {"description": "no such actor"}}),
    "/api/search": Endpoint("Full-text search over articles", (Param("q", description="words to find"), LIMIT, OFFSET)),
    "/api/network": Endpoint("Actor interactions (events and addressed statements)", (
        SINCE, UNTIL, TYPE, Param("actor", description="only edges of this actor"),
        Param("limit", "integer", "edges", minimum=1, maximum=1000, default=200))),
    "/api/reviews": Endpoint("Analysts' reviews, newest first", (Param("article", description="one article's id"),
                                                                 LIMIT, OFFSET)),
    "/api/analyze": Endpoint("Analyse a pasted article without storing it", method="post", body=ANALYZE_BODY,
                             responses={"200": {"description": "a dateline.article/1 record"},
                                        "400": {"description": "unreadable input"}}),
    "/api/reviews#post": Endpoint("Record a review (needs the token as a Bearer header)", method="post",
                                  body=REVIEW_BODY, responses={
                                      "201": {"description": "stored"}, "400": {"description": "bad review"},
                                      "401": {"description": "no or wrong token"},
                                      "403": {"description": "reviewing is off"}}),
}


def openapi(version: str) -> dict:
    """The OpenAPI 3.0 document of the JSON API."""
    paths: dict = {}
    for key, endpoint in ENDPOINTS.items():
        path = key.split("#")[0]
        operation: dict = {"summary": endpoint.summary, "responses": {
            **endpoint.responses, "400": endpoint.responses.get("400", {"description": "bad parameter"})}}
        parameters = [p.openapi() for p in endpoint.params] + [
            {"name": name, "in": "path", "required": True, "schema": {"type": "string", "maxLength": MAX_TEXT}}
            for name in endpoint.path_params]
        if parameters:
            operation["parameters"] = parameters
        if endpoint.body:
            operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": endpoint.body}}}
        paths.setdefault(path, {})[endpoint.method] = operation
    return {"openapi": "3.0.3", "info": {"title": "dateline workspace API", "version": version},
            "paths": paths}
