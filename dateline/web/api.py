"""The JSON API under /api/: the CLI's queries over HTTP, paginated, described by an OpenAPI document.
Errors are JSON objects ``{"error": …}`` with their status code."""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from .. import __version__
from ..errors import InputError
from ..store import browse, queries, reviews
from .context import Workspace
from .params import ENDPOINTS, ParamError, openapi


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _page(items: list, limit: int, offset: int, total: int | None = None) -> dict:
    page = {"items": items, "limit": limit, "offset": offset,
            "next_offset": offset + limit if len(items) == limit else None}
    if total is not None:
        page["total"] = total
    return page


def routes(space: Workspace) -> list[Route]:
    # Reading handlers are coroutines that query SQLite inline: each query takes milliseconds, and one
    # request at a time per worker serves a crowd faster and more evenly than threads fighting for the GIL.
    def listing(path: str, run):
        endpoint = ENDPOINTS[path]

        async def handler(request: Request):
            try:
                args = endpoint.read(request.query_params)
            except ParamError as exc:
                return error(400, str(exc))
            with space.reader() as store:
                return JSONResponse(run(store, args))

        return Route(path, handler, methods=["GET"])

    def articles(store, a):
        found = browse.articles(store, **a, facets=space.facets(store))
        return {**_page(found["items"], a["limit"], a["offset"], found["total"]), "facets": found["facets"]}

    def statements(store, a):
        return _page(queries.statements(store, **a), a["limit"], a["offset"])

    def events(store, a):
        return _page(queries.events(store, **a), a["limit"], a["offset"])

    def actors(store, a):
        found = browse.actors(store, **a)
        return _page(found["items"], a["limit"], a["offset"], found["total"])

    def search(store, a):
        if not a["q"]:
            return _page([], a["limit"], a["offset"], 0)
        found = browse.articles(store, q=a["q"], limit=a["limit"], offset=a["offset"], facets=space.facets(store))
        return _page(found["items"], a["limit"], a["offset"], found["total"])

    def network(store, a):
        return browse.network(store, **a)

    def review_list(store, a):
        return _page(reviews.listing(store.db, article_id=a["article"], limit=a["limit"], offset=a["offset"]),
                     a["limit"], a["offset"])

    async def article(request: Request):
        with space.reader() as store:
            found = browse.article(store, request.path_params["article_id"])
        return JSONResponse(found) if found else error(404, "no such article")

    async def actor(request: Request):
        raw = request.path_params["actor_id"]
        if not raw.isdigit() or len(raw) > 18:
            return error(404, "no such actor")
        with space.reader() as store:
            found = queries.corpus_actor_profile(store, int(raw))
        return JSONResponse(found) if found else error(404, "no such actor")

    async def body(request: Request) -> dict | JSONResponse:
        try:
            data = json.loads(await request.body() or b"null")
        except (ValueError, UnicodeDecodeError):
            return error(400, "the body is not JSON")
        if not isinstance(data, dict):
            return error(400, "the body must be a JSON object")
        return data

    async def analyze(request: Request):
        data = await body(request)
        if isinstance(data, JSONResponse):
            return data
        text, published, url = data.get("text"), data.get("published"), data.get("url")
        if not isinstance(text, str) or not text.strip():
            return error(400, "'text' must be a non-empty string")
        if not all(v is None or isinstance(v, str) for v in (published, url)):
            return error(400, "'published' and 'url' are strings")
        from starlette.concurrency import run_in_threadpool

        try:
            record = await run_in_threadpool(space.analyse, text, published=published, url=url)
        except (InputError, ValueError) as exc:
            return error(400, str(exc))
        return JSONResponse(record)

    async def add_review(request: Request):
        if not space.reviewing.enabled:
            return error(403, "reviewing is off: start the server with --allow-review")
        if not space.reviewing.bearer_ok(request.headers.get("authorization")):
            return error(401, "a review needs the server's token: Authorization: Bearer TOKEN")
        data = await body(request)
        if isinstance(data, JSONResponse):
            return data
        fields = ("target", "article_id", "record_id", "field", "value", "reviewer", "note")
        if any(not isinstance(data.get(k), str) for k in fields[:5]) or any(
                data.get(k) is not None and not isinstance(data.get(k), str) for k in fields[5:]):
            return error(400, "target, article_id, record_id, field and value are strings")
        try:
            with space.writer() as db:
                stored = reviews.add(db, target=data["target"], article_id=data["article_id"],
                                     record_id=data["record_id"], field=data["field"], value=data["value"],
                                     reviewer=data.get("reviewer") or "api", note=data.get("note"))
        except reviews.ReviewError as exc:
            return error(400, str(exc))
        return JSONResponse(stored, status_code=201)

    reviews_get = listing("/api/reviews", review_list).endpoint

    async def reviews_endpoint(request: Request):
        if request.method == "POST":
            return await add_review(request)
        return await reviews_get(request)

    async def spec(request: Request):
        return JSONResponse(openapi(__version__))

    return [
        listing("/api/articles", articles),
        Route("/api/articles/{article_id:path}", article, methods=["GET"]),
        listing("/api/statements", statements),
        listing("/api/events", events),
        listing("/api/actors", actors),
        Route("/api/actors/{actor_id}", actor, methods=["GET"]),
        listing("/api/search", search),
        listing("/api/network", network),
        Route("/api/reviews", reviews_endpoint, methods=["GET", "POST"]),
        Route("/api/analyze", analyze, methods=["POST"]),
        Route("/api/openapi.json", spec, methods=["GET"]),
    ]
