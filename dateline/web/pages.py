"""The workspace's pages, rendered on the server: search with facets, article with its evidence
highlighted, actor, network, analyse-a-pasted-article, reviews and the reviewer's login."""

from __future__ import annotations

import json

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from ..errors import InputError
from ..model import EVENT_TYPES, MODALITIES
from ..store import browse, queries, reviews
from . import charts, highlight
from .context import PAGE_SIZE, Workspace
from .params import ACTOR_KINDS, Param, ParamError
from .security import SESSION_COOKIE

SEARCH = (Param("q"), Param("outlet"), Param("since", "date"), Param("until", "date"), Param("speaker"),
          Param("type", enum=EVENT_TYPES), Param("modality", enum=MODALITIES),
          Param("show", enum=("articles", "statements", "events"), default="articles"),
          Param("page", "integer", minimum=1, maximum=100_000, default=1))
NETWORK = (Param("since", "date"), Param("until", "date"), Param("type", enum=EVENT_TYPES), Param("actor"))
ACTORS = (Param("q"), Param("kind", enum=ACTOR_KINDS), Param("page", "integer", minimum=1, maximum=100_000, default=1))
ACTOR_FILTERS = (Param("kind", enum=("direct", "indirect", "mixed")), Param("since", "date"), Param("until", "date"))


def _read(params, request: Request) -> dict:
    try:
        return {p.name: p.read(request.query_params.get(p.name)) for p in params}
    except ParamError as exc:
        raise HTTPException(400, str(exc)) from None


def routes(space: Workspace) -> list[Route]:
    def page(request: Request, name: str, status: int = 200, **values) -> HTMLResponse:
        session = request.cookies.get(SESSION_COOKIE)
        reviewer = space.reviewing.session_ok(session)
        return HTMLResponse(space.render(name, request=request, reviewing=space.reviewing.enabled,
                                         reviewer=reviewer, csrf=space.reviewing.csrf(session) if reviewer else "",
                                         **values), status_code=status)

    async def home(request: Request) -> Response:
        return RedirectResponse("/search", status_code=302)

    async def search(request: Request) -> HTMLResponse:
        f = _read(SEARCH, request)
        offset = (f["page"] - 1) * PAGE_SIZE
        filters = {k: f[k] for k in ("q", "outlet", "since", "until", "speaker", "type", "modality")}
        with space.reader() as store:
            found = browse.articles(store, **filters, limit=PAGE_SIZE, offset=offset, facets=space.facets(store))
            results, more = found["items"], offset + PAGE_SIZE < found["total"]
            if f["show"] == "statements":
                results = queries.statements(store, speaker=f["speaker"], about=f["q"], since=f["since"],
                                             until=f["until"], outlet=f["outlet"], limit=PAGE_SIZE + 1, offset=offset)
                more, results = len(results) > PAGE_SIZE, results[:PAGE_SIZE]
            elif f["show"] == "events":
                results = queries.events(store, type=f["type"], actor=f["speaker"], since=f["since"], until=f["until"],
                                         outlet=f["outlet"], modality=f["modality"], all_modalities=True,
                                         limit=PAGE_SIZE + 1, offset=offset)
                more, results = len(results) > PAGE_SIZE, results[:PAGE_SIZE]
        return page(request, "search.html", filters={**filters, "show": f["show"]}, found=found, results=results,
                    show=f["show"], page_no=f["page"], more=more, event_types=EVENT_TYPES, modalities=MODALITIES)

    def article_view(request: Request, record: dict, stored: dict | None) -> HTMLResponse:
        review_rows = stored["reviews"] if stored else []
        views = highlight.record_views(record, review_rows)
        text = record["article"]["text"]
        names = {a["id"]: a["name"] for a in record.get("actors", [])}
        return page(request, "article.html", record=record, stored=stored, article=record["article"],
                    text_html=highlight.to_html(highlight.pieces(text, highlight.marks(record))), names=names,
                    colours=highlight.speaker_classes(record), views=views,
                    views_json=json.dumps(views, ensure_ascii=False).replace("<", "\\u003c"),
                    event_types=EVENT_TYPES, modalities=MODALITIES)

    async def article(request: Request) -> HTMLResponse:
        with space.reader() as store:
            stored = browse.article(store, request.path_params["article_id"])
        if stored is None:
            raise HTTPException(404, "no such article")
        return article_view(request, stored["record"], stored)

    async def actor(request: Request) -> HTMLResponse:
        raw = request.path_params["actor_id"]
        f = _read(ACTOR_FILTERS, request)
        if not raw.isdigit() or len(raw) > 18:
            raise HTTPException(404, "no such actor")
        with space.reader() as store:
            profile = queries.corpus_actor_profile(store, int(raw))
            if profile is None:
                raise HTTPException(404, "no such actor")
            said = queries.statements(store, speaker_id=int(raw), kind=f["kind"], since=f["since"], until=f["until"],
                                      limit=200)
        chart = charts.timeline({
            "statements": browse.weekly([s["date"] or s["published"] for s in profile["statements"]]),
            "events": browse.weekly([e["date"] for e in profile["events"]])})
        return page(request, "actor.html", actor=profile, said=said, chart=chart, filters=f)

    async def actor_list(request: Request) -> HTMLResponse:
        f = _read(ACTORS, request)
        with space.reader() as store:
            found = browse.actors(store, q=f["q"], kind=f["kind"], limit=PAGE_SIZE, offset=(f["page"] - 1) * PAGE_SIZE)
        return page(request, "actors.html", found=found, filters=f, kinds=ACTOR_KINDS,
                    more=f["page"] * PAGE_SIZE < found["total"])

    async def network(request: Request) -> HTMLResponse:
        f = _read(NETWORK, request)
        with space.reader() as store:
            found = browse.network(store, **f, limit=150)
        return page(request, "network.html", drawing=charts.network_layout(found["nodes"], found["edges"]),
                    filters=f, event_types=EVENT_TYPES)

    async def analyse(request: Request) -> Response:
        if request.method == "GET":
            return page(request, "analyse.html", error=None, text="")
        form = await request.form()
        text, published = str(form.get("text") or ""), str(form.get("published") or "")
        if not text.strip():
            return page(request, "analyse.html", status=400, error="Paste an article's text first.", text=text)
        try:
            record = await run_in_threadpool(space.analyse, text, published=published or None)
        except (InputError, ValueError) as exc:
            return page(request, "analyse.html", status=400, error=str(exc), text=text)
        return article_view(request, record, None)

    async def review_list(request: Request) -> HTMLResponse:
        with space.reader() as store:
            rows = reviews.listing(store.db, limit=200)
        return page(request, "reviews.html", rows=rows)

    async def login(request: Request) -> Response:
        if not space.reviewing.enabled:
            raise HTTPException(403, "reviewing is off: start the server with --allow-review")
        if request.method == "GET":
            return page(request, "login.html", error=None)
        form = await request.form()
        if not space.reviewing.token_ok(str(form.get("token") or "")):
            return page(request, "login.html", status=401, error="That is not the server's token.")
        response = RedirectResponse("/search", status_code=303)
        response.set_cookie(SESSION_COOKIE, space.reviewing.open_session(), httponly=True, samesite="strict")
        return response

    async def review(request: Request) -> Response:
        form = await request.form()
        session = request.cookies.get(SESSION_COOKIE)
        if not space.reviewing.enabled:
            raise HTTPException(403, "reviewing is off: start the server with --allow-review")
        if not space.reviewing.csrf_ok(session, str(form.get("csrf") or "")):
            raise HTTPException(403, "log in with the server's token to review (or the form has expired)")
        values = {k: str(form.get(k) or "") for k in ("target", "article_id", "record_id", "field", "value",
                                                       "reviewer", "note")}
        try:
            with space.writer() as db:
                reviews.add(db, target=values["target"], article_id=values["article_id"],
                            record_id=values["record_id"], field=values["field"], value=values["value"],
                            reviewer=values["reviewer"] or "analyst", note=values["note"])
        except reviews.ReviewError as exc:
            raise HTTPException(400, str(exc)) from None
        from urllib.parse import quote

        return RedirectResponse(f"/article/{quote(values['article_id'], safe='')}#{quote(values['record_id'])}",
                                status_code=303)

    return [
        Route("/", home),
        Route("/search", search),
        Route("/article/{article_id:path}", article),
        Route("/actor/{actor_id}", actor),
        Route("/actors", actor_list),
        Route("/network", network),
        Route("/analyse", analyse, methods=["GET", "POST"]),
        Route("/reviews", review_list),
        Route("/login", login, methods=["GET", "POST"]),
        Route("/review", review, methods=["POST"]),
    ]
