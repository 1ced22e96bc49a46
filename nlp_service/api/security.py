"""Who is asking: a session cookie (browsers, with CSRF on every change) or a bearer token
(integrations). Also the HTTP hardening of every response and the limit on request size."""

from __future__ import annotations

import json
from dataclasses import dataclass

from fastapi import HTTPException, Request
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from nlp_service import auth

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
MAX_FORM_FILES = 10_000  # files in one upload form (a zip counts as one)

bearer_scheme = HTTPBearer(auto_error=False, scheme_name="API-nøkkel",
                           description="An API token made on the page «API-nøkler» or by POST /api/tokens.")
cookie_scheme = APIKeyCookie(name=auth.SESSION_COOKIE, auto_error=False, scheme_name="Innlogging",
                             description="The session cookie of the web pages; changes need the X-CSRF-Token header.")


class NotAuthenticated(Exception):
    def __init__(self, message: str = "Du må logge inn.") -> None:
        self.message = message
        super().__init__(message)


class Forbidden(Exception):
    def __init__(self, message: str = "Du har ikke tilgang til dette.") -> None:
        self.message = message
        super().__init__(message)


class CsrfFailed(Exception):
    message = "Skjemaet er utløpt eller kom ikke fra denne tjenesten. Last siden på nytt og prøv igjen."


@dataclass(frozen=True)
class CurrentUser:
    id: int
    username: str
    role: str
    via: str  # "session" | "token"
    csrf: str | None = None

    def can(self, role: str) -> bool:
        return auth.role_at_least(self.role, role)


def _from_token(store, token: str) -> CurrentUser | None:  # noqa: ANN001
    with store.session() as s:
        user = auth.token_user(s, token)
        return CurrentUser(user.id, user.username, user.role, "token") if user else None


def _from_session(store, data: auth.SessionData | None) -> CurrentUser | None:  # noqa: ANN001
    with store.session() as s:
        user = auth.session_user(s, data)
        return CurrentUser(user.id, user.username, user.role, "session", data.csrf) if user else None


async def authenticate_request(request: Request, bearer: HTTPAuthorizationCredentials | None,
                               cookie: str | None) -> CurrentUser:
    ctx = request.app.state.ctx
    if bearer is not None:
        user = await run_in_threadpool(_from_token, ctx.store, bearer.credentials)
        if user is None:
            raise NotAuthenticated("API-nøkkelen er ugyldig eller trukket tilbake.")
        return user
    data = ctx.codec.loads(cookie)
    user = await run_in_threadpool(_from_session, ctx.store, data) if data else None
    if user is None:
        raise NotAuthenticated()
    if request.method not in SAFE_METHODS:
        given = request.headers.get(CSRF_HEADER)
        if given is None:
            form = await request.form(max_files=MAX_FORM_FILES)
            value = form.get(CSRF_FIELD)
            given = value if isinstance(value, str) else None
        if not auth.csrf_matches(data.csrf, given):
            raise CsrfFailed()
    return user


def session_of(request: Request) -> auth.SessionData | None:
    return request.app.state.ctx.codec.loads(request.cookies.get(auth.SESSION_COOKIE))


def set_session_cookie(response, request: Request, data: auth.SessionData) -> None:  # noqa: ANN001
    response.set_cookie(auth.SESSION_COOKIE, request.app.state.ctx.codec.dumps(data),
                        max_age=auth.SESSION_MAX_AGE_S, httponly=True, samesite="lax",
                        secure=request.url.scheme == "https", path="/")


# --- HTTP hardening ----------------------------------------------------------------------------------

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
#: The API documentation page loads Swagger UI from its CDN (where the network allows it).
DOCS_CSP = ("default-src 'self'; img-src 'self' data: https://fastapi.tiangolo.com; "
            "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
            "script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; frame-ancestors 'none'")


class SecurityHeaders:
    """Pure ASGI middleware: security headers on every response."""

    def __init__(self, app, docs_path: str = "/api/docs") -> None:  # noqa: ANN001
        self.app = app
        self.docs_path = docs_path

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope["path"].startswith(self.docs_path) else CSP

        async def send_with_headers(message) -> None:  # noqa: ANN001
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                for key, value in ((b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                                   (b"referrer-policy", b"same-origin"),
                                   (b"content-security-policy", csp.encode())):
                    if key not in names:
                        headers.append((key, value))
                if scope["path"] != "/api/health" and b"cache-control" not in names:
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Pure ASGI middleware: refuses a request body over ``max_bytes`` with 413 and a Norwegian
    message, whether the request says its length up front or streams it."""

    def __init__(self, app, max_bytes: int) -> None:  # noqa: ANN001
        self.app = app
        self.max_bytes = max_bytes

    @property
    def message(self) -> str:
        return (f"Opplastingen er større enn grensen på {self.max_bytes / (1024 * 1024):g} MB. "
                "Del den opp i flere opplastinger.")

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for key, value in scope.get("headers", []):
            if key == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                body = json.dumps({"detail": self.message}, ensure_ascii=False).encode()
                await send({"type": "http.response.start", "status": 413,
                            "headers": [(b"content-type", b"application/json; charset=utf-8"),
                                        (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
        seen = 0

        async def counting_receive():  # noqa: ANN202
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:  # FastAPI passes an HTTPException raised while reading the body on
                    raise HTTPException(status_code=413, detail=self.message)
            return message

        await self.app(scope, counting_receive, send)
