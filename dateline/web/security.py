"""What keeps the workspace safe to open on real articles: security headers, a request-size limit, the
review token and CSRF tokens for the forms that write."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY = 2_000_000  # bytes: a pasted article, never a file upload
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]
SESSION_COOKIE = "dateline_session"


class Guard:
    """ASGI middleware: security headers on every response; bodies larger than ``MAX_BODY`` refused
    with 413 before the app reads them."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        api = scope.get("path", "").startswith("/api/")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await _refuse(send, api)
            return
        seen = 0
        too_big = False

        async def counted() -> Message:
            nonlocal seen, too_big
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    too_big = True
                    raise _TooLarge()
            return message

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *HEADERS]}
            await send(message)

        try:
            await self.app(scope, counted, with_headers)
        except _TooLarge:
            await _refuse(send, api)


class _TooLarge(Exception):
    pass


async def _refuse(send: Send, api: bool) -> None:
    """413, as JSON under /api/ (like every API error), as text elsewhere."""
    kind, body = ((b"application/json", b'{"error": "request body too large"}') if api
                  else (b"text/plain; charset=utf-8", b"request body too large"))
    await send({"type": "http.response.start", "status": 413, "headers": [(b"content-type", kind), *HEADERS]})
    await send({"type": "http.response.body", "body": body})


class Reviewing:
    """Who may write reviews: off unless enabled; then the token, given once at login (a session cookie)
    or as an API Bearer header; each form carries a CSRF token bound to its session. Sessions are signed
    with a key derived from the token, so every server worker knows them and nothing is kept in memory."""

    def __init__(self, enabled: bool, token: str | None = None):
        self.enabled = enabled
        self.token = token or secrets.token_urlsafe(24)
        self._key = hashlib.sha256(b"dateline-session:" + self.token.encode()).digest()

    def _sign(self, purpose: str, value: str) -> str:
        return hmac.new(self._key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()

    def token_ok(self, given: str | None) -> bool:
        return self.enabled and bool(given) and hmac.compare_digest(given.encode(), self.token.encode())

    def bearer_ok(self, header: str | None) -> bool:
        scheme, _, value = (header or "").partition(" ")
        return scheme.lower() == "bearer" and self.token_ok(value.strip())

    def open_session(self) -> str:
        nonce = secrets.token_urlsafe(18)
        return f"{nonce}.{self._sign('session', nonce)}"

    def session_ok(self, session: str | None) -> bool:
        nonce, _, signature = (session or "").partition(".")
        return self.enabled and bool(nonce) and hmac.compare_digest(signature, self._sign("session", nonce))

    def csrf(self, session: str | None) -> str:
        return self._sign("csrf", session or "")

    def csrf_ok(self, session: str | None, given: str | None) -> bool:
        return self.session_ok(session) and bool(given) and hmac.compare_digest(self.csrf(session), given)
