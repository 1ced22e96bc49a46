"""The app factory: ``create_app(settings) -> FastAPI``.

On start the store's schema is brought to the latest migration, the analysis models start loading
in the background, and batches left unfinished by a stop are queued again: upload batches in the
app's own analysis pool, bulk-triage batches (:mod:`nlp_service.jobs`) in worker processes.
"""

from __future__ import annotations

import contextlib
import logging
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from sqlalchemy import select
from starlette.staticfiles import StaticFiles

from nlp_service import __version__, auth
from nlp_service.api.deps import AppContext, User
from nlp_service.api.routes import api_router
from nlp_service.api.runner import UPLOAD_SOURCE_PREFIX, AnalysisRunner
from nlp_service.api.security import BodyLimit, CsrfFailed, Forbidden, NotAuthenticated, SecurityHeaders
from nlp_service.config import Settings, get_settings
from nlp_service.jobs.runner import WorkerPool, resume_batch, stop_background, use_pool
from nlp_service.store import Store
from nlp_service.store.migrations import upgrade
from nlp_service.store.models import Batch
from nlp_service.web import STATIC_DIR
from nlp_service.web.evidence import LayoutCache
from nlp_service.web.pages import render_error, router as web_router
from nlp_service.web.render import PageRenderer

log = logging.getLogger(__name__)

#: The largest request body (an upload of many files or a zip).
MAX_REQUEST_MB = 2048

DESCRIPTION = """Pre-assessment hints for caseworkers at IMDi on applications for the grant for
qualification and integration measures (and the projects' reports).

Log in on the web pages, or send an API token: `Authorization: Bearer <token>` (make one on the page
«API-nøkler» or with `POST /api/tokens`). One document's analysis is the JSON object of the analysis
contract (the `Analysis` schema). Error messages are in Norwegian, for the people who read them."""


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api")


_VALIDATION_WORDS = {
    "missing": "mangler", "int_parsing": "må være et heltall", "bool_parsing": "må være true eller false",
    "string_type": "må være tekst", "literal_error": "har en ugyldig verdi", "json_invalid": "er ikke gyldig JSON",
    "greater_than_equal": "er for liten", "less_than_equal": "er for stor", "model_attributes_type": "mangler",
}


def _field(loc: tuple) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) or "forespørselen"


def _resume_background_batches(store: Store) -> int:
    """Queue again the bulk-triage batches a stop left unfinished (they carry on where they were)."""
    with store.session() as s:
        ids = s.scalars(select(Batch.id).where(Batch.status.in_(("queued", "running", "interrupted")),
                                               ~Batch.source.startswith(UPLOAD_SOURCE_PREFIX))).all()
    for batch_id in ids:
        resume_batch(store, batch_id)
    return len(ids)


class QueryFreeAccessLog(logging.Filter):
    """The access log gets the path of each request without its query string: the query holds what a
    caseworker searched for (a name, a fødselsnummer) and where the login goes next."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        # uvicorn's access record: (client, method, path with query, HTTP version, status)
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str) and "?" in args[2]:
            record.args = (*args[:2], args[2].split("?", 1)[0] + "?…", *args[3:])
        return True


def _quiet_logs() -> None:
    # SQLAlchemy logs statements with their parameters (file names, analyses) at INFO: never in our logs.
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, QueryFreeAccessLog) for f in access.filters):
        access.addFilter(QueryFreeAccessLog())


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    _quiet_logs()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):  # noqa: ANN202
        store = Store(settings)
        await run_in_threadpool(upgrade, store)
        runner = AnalysisRunner(store, settings)
        cache = settings.data_dir / "cache"
        app.state.ctx = AppContext(settings=settings, store=store, runner=runner,
                                   codec=auth.SessionCodec(auth.secret_key(settings)),
                                   pages=PageRenderer(cache / "pages"), layouts=LayoutCache(cache / "layout"))
        # The bulk triage runs background batches in worker processes; the app keeps their pool (started
        # by the first batch, closed with the app), so that stopping never waits for an idle pool.
        workers = WorkerPool(settings=settings)
        use_pool(workers)
        runner.warm_up()
        resumed = await run_in_threadpool(runner.resume)
        background = await run_in_threadpool(_resume_background_batches, store)
        if resumed or background:
            log.info("queued again: %d upload items, %d background batches", resumed, background)
        try:
            yield
        finally:
            await run_in_threadpool(stop_background)  # unfinished batches are resumed on the next start
            use_pool(None)
            await run_in_threadpool(workers.close)
            runner.close()
            store.engine.dispose()

    # The API's description and its documentation page need a user too (routes below).
    app = FastAPI(title="nlp-service", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url=None)

    @app.get("/api/openapi.json", include_in_schema=False)
    def openapi(user: User) -> JSONResponse:
        return JSONResponse(app.openapi())

    @app.get("/api/docs", include_in_schema=False)
    def docs(user: User) -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/api/openapi.json", title="nlp-service – API")

    app.add_middleware(BodyLimit, max_bytes=MAX_REQUEST_MB * 1024 * 1024)
    app.add_middleware(SecurityHeaders)
    app.include_router(api_router, prefix="/api")
    app.include_router(web_router, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.exception_handler(NotAuthenticated)
    async def not_authenticated(request: Request, exc: NotAuthenticated):  # noqa: ANN202
        if _is_api(request):
            return JSONResponse({"detail": exc.message}, status_code=401, headers={"WWW-Authenticate": "Bearer"})
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?{urlencode({'neste': target})}", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden):  # noqa: ANN202
        if _is_api(request):
            return JSONResponse({"detail": exc.message}, status_code=403)
        return render_error(request, 403, exc.message)

    @app.exception_handler(CsrfFailed)
    async def csrf_failed(request: Request, exc: CsrfFailed):  # noqa: ANN202
        if _is_api(request):
            return JSONResponse({"detail": exc.message}, status_code=403)
        return render_error(request, 403, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):  # noqa: ANN202
        detail = exc.detail if isinstance(exc.detail, str) else "Forespørselen kunne ikke utføres."
        if exc.status_code == 404 and detail == "Not Found":
            detail = "Fant ikke siden."
        elif exc.status_code == 405:
            detail = "Denne handlingen er ikke tillatt her."
        if _is_api(request) or exc.status_code == 413:
            return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)
        return render_error(request, exc.status_code, detail)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):  # noqa: ANN202
        problems = [f"«{_field(tuple(e.get('loc', ())))}» {_VALIDATION_WORDS.get(e.get('type', ''), 'har en ugyldig verdi')}"
                    for e in exc.errors()]
        if _is_api(request):
            return JSONResponse({"detail": "Forespørselen er ugyldig.", "problems": problems}, status_code=422)
        return render_error(request, 422, "Skjemaet er ikke fylt ut riktig: " + "; ".join(problems))

    return app
