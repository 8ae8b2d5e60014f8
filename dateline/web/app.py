"""The analysts' workspace as one ASGI app: ``create_app(db)`` for uvicorn, the tests and ``dateline serve``.

Pages and the JSON API read the store through read-only connections and the same query API as the
CLI (``dateline.store.queries`` and ``browse``); reviews are the only writes, and only when enabled.
"""

from __future__ import annotations

import logging
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from . import api, pages
from .context import Workspace
from .security import Guard, Reviewing

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("dateline.web")


def create_app(db: Path | str, *, allow_review: bool = False, token: str | None = None) -> Starlette:
    """The workspace over the store ``db`` (which must exist at the latest schema)."""
    from ..store.db import Store

    Store(db, readonly=True).close()  # fail now, not on the first request, if the store cannot be read
    space = Workspace(Path(db), Reviewing(allow_review, token))

    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    async def http_error(request: Request, exc: HTTPException):
        if is_api(request):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        return HTMLResponse(space.render("error.html", request=request, status=exc.status_code, message=exc.detail,
                                         reviewing=space.reviewing.enabled, reviewer=False),
                            status_code=exc.status_code)

    async def server_error(request: Request, exc: Exception):
        # The trace goes to the server's log, never into a response.
        log.exception("error answering %s", request.url.path)
        if is_api(request):
            return JSONResponse({"error": "internal error"}, status_code=500)
        return HTMLResponse("<!doctype html><title>error</title><p>Something went wrong on the server.",
                            status_code=500)

    app = Starlette(
        routes=[*api.routes(space), *pages.routes(space), Mount("/static", StaticFiles(directory=STATIC), name="static")],
        middleware=[Middleware(Guard)],
        exception_handlers={HTTPException: http_error, Exception: server_error})
    app.state.workspace = space
    return app


def app_from_environment() -> Starlette:
    """The app for ``uvicorn --factory`` worker processes (``dateline serve --workers N``), configured by
    DATELINE_DB, DATELINE_REVIEW (1 to allow reviews) and DATELINE_TOKEN."""
    import os

    return create_app(os.environ["DATELINE_DB"], allow_review=os.environ.get("DATELINE_REVIEW") == "1",
                      token=os.environ.get("DATELINE_TOKEN") or None)
