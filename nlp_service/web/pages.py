"""The web pages. Like the API routes they only read the store and hand work to the runner; the
document page also places each piece of evidence on its page (:mod:`nlp_service.web.evidence`)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import time
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as FormFile

from nlp_service import auth
from nlp_service.api import queries
from nlp_service.api import vocabulary as vocab
from nlp_service.api.deps import Admin, Ctx, Evaluator, User
from nlp_service.spreadsheets import OSLO
from nlp_service.api.routes.filters import document_filter
from nlp_service.api.security import CSRF_FIELD, MAX_FORM_FILES, CurrentUser, session_of, set_session_cookie
from nlp_service.api.routes.batches import list_batches, start_background_batch
from nlp_service.api.routes.documents import analyze_again as api_analyze_again
from nlp_service.api.routes.projects import import_earlier_projects
from nlp_service.api.uploads import unpack
from nlp_service.errors import AnalysisError
from nlp_service.store.models import ApiToken, AuditEntry, Batch, StoredDocument
from nlp_service.store.models import User as UserRow
from nlp_service.web import TEMPLATE_DIR
from nlp_service.web.evidence import locate

log = logging.getLogger(__name__)

router = APIRouter()
templates = Jinja2Templates(directory=TEMPLATE_DIR)
PAGE_SIZE = 50
STATUS_ORDER = {"gap": 0, "uncertain": 1, "met": 2, "not_applicable": 3}


# --- formatting ----------------------------------------------------------------------------------------

def _when(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(OSLO).strftime("%d.%m.%Y kl. %H:%M")


def _nok(value: int | float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}".replace(",", "\u00a0") + "\u00a0kr"


def _pct(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "–"
    if 0 < value < 0.005 and digits == 0:
        return "<\u00a01\u00a0%"
    return f"{value * 100:.{digits}f}".replace(".", ",") + "\u00a0%"


def _size(n: int | None) -> str:
    if not n:
        return "0 kB"
    return f"{n / 1024:.0f} kB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB".replace(".", ",")


templates.env.filters.update(when=_when, nok=_nok, pct=_pct, size=_size)
templates.env.globals.update(
    STATUS_LABELS=vocab.STATUS_LABELS, KIND_LABELS=vocab.KIND_LABELS, LANGUAGE_LABELS=vocab.LANGUAGE_LABELS,
    TEXT_SOURCE_LABELS=vocab.TEXT_SOURCE_LABELS, APPLICANT_TYPE_LABELS=vocab.APPLICANT_TYPE_LABELS,
    BATCH_STATUS_LABELS=vocab.BATCH_STATUS_LABELS, ITEM_STATUS_LABELS=vocab.ITEM_STATUS_LABELS,
    CHECK_CORRECTION_LABELS=vocab.CHECK_CORRECTION_LABELS, ROLE_LABELS=auth.ROLE_LABELS, ROLES=auth.ROLES,
    CSRF_FIELD=CSRF_FIELD,
)


def _page(request: Request, name: str, user: CurrentUser | None, status_code: int = 200, **context) -> HTMLResponse:
    settings = request.app.state.ctx.settings
    context.setdefault("call_title", vocab.call_title(settings.call))
    return templates.TemplateResponse(request, name, {"user": user, "csrf": user.csrf if user else None, **context},
                                      status_code=status_code)


def render_error(request: Request, status_code: int, message: str) -> HTMLResponse:
    titles = {403: "Ingen tilgang", 404: "Fant ikke siden", 413: "For stor opplasting", 422: "Noe er ikke riktig"}
    return _page(request, "error.html", None, status_code=status_code,
                 title=titles.get(status_code, "Noe gikk galt"), message=message)


def _redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _local(target: str | None) -> str:
    """Only a path on this site is a place to go after login."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/dokumenter"


# --- login ---------------------------------------------------------------------------------------------

class _Throttle:
    """At most ``limit`` failed logins per user name in ``window_s``; then a pause."""

    def __init__(self, limit: int = 8, window_s: float = 900.0) -> None:
        self.limit, self.window_s = limit, window_s
        self._fails: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def blocked(self, name: str) -> bool:
        now = time.monotonic()
        with self._lock:
            fails = [t for t in self._fails.get(name, []) if now - t < self.window_s]
            self._fails[name] = fails
            return len(fails) >= self.limit

    def fail(self, name: str) -> None:
        with self._lock:
            self._fails.setdefault(name, []).append(time.monotonic())

    def clear(self, name: str) -> None:
        with self._lock:
            self._fails.pop(name, None)


_throttle = _Throttle()


def _login_page(request: Request, neste: str, error: str | None = None, status_code: int = 200) -> HTMLResponse:
    session = session_of(request)
    if session is None or session.user_id is not None:
        session = auth.SessionCodec.anonymous()
    response = _page(request, "login.html", None, status_code=status_code, login_csrf=session.csrf, neste=neste,
                     error=error)
    set_session_cookie(response, request, session)
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, ctx: Ctx, neste: str = "/dokumenter") -> Response:
    session = session_of(request)
    if session is not None and session.user_id is not None:
        with ctx.store.session() as s:
            if auth.session_user(s, session) is not None:
                return _redirect(_local(neste))
    return _login_page(request, _local(neste))


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request, ctx: Ctx, username: Annotated[str, Form()] = "",
                password: Annotated[str, Form()] = "", neste: Annotated[str, Form()] = "/dokumenter",
                csrf_token: Annotated[str, Form()] = "") -> Response:
    session = session_of(request)
    if session is None or not auth.csrf_matches(session.csrf, csrf_token):
        return _login_page(request, _local(neste), "Innloggingsskjemaet var utløpt. Prøv igjen.", 400)
    name = auth.normalise_username(username)
    if _throttle.blocked(name):
        return _login_page(request, _local(neste), "For mange mislykkede forsøk. Vent et kvarter og prøv igjen.", 429)

    def check() -> auth.SessionData | None:
        with ctx.store.session() as s:
            user = auth.authenticate(s, username, password)
            if user is None:
                queries.audit(s, None, "login_failed", "user", "")
                return None
            queries.audit(s, user.id, "login", "user", str(user.id))
            return auth.SessionCodec.for_user(user)

    new_session = await run_in_threadpool(check)
    if new_session is None:
        _throttle.fail(name)
        return _login_page(request, _local(neste), "Feil brukernavn eller passord.", 400)
    _throttle.clear(name)
    response = _redirect(_local(neste))
    set_session_cookie(response, request, new_session)
    return response


@router.post("/logout")
def logout(request: Request, ctx: Ctx, user: User) -> Response:
    with ctx.store.session() as s:
        queries.audit(s, user.id, "logout", "user", str(user.id))
    response = _redirect("/login")
    response.delete_cookie(auth.SESSION_COOKIE, path="/")
    return response


@router.get("/")
def home(user: User) -> Response:
    return _redirect("/dokumenter")


# --- the triage list -------------------------------------------------------------------------------------

@router.get("/dokumenter", response_class=HTMLResponse)
def documents(request: Request, ctx: Ctx, user: User,
              f: Annotated[queries.DocumentFilter, Depends(document_filter)],
              mangler: str | None = None) -> HTMLResponse:
    if "limit" not in request.query_params:
        f.limit = PAGE_SIZE
    if mangler == "ingen":  # the page's one «Mangler» choice: none, or at least n
        f.has_gaps, f.min_gaps = False, None
    elif mangler and mangler.isdigit():
        f.has_gaps, f.min_gaps = None, int(mangler)
    with ctx.store.session() as s:
        total, rows = queries.list_documents(s, f)
        corrections = queries.latest_corrections(s, [d.id for d, _ in rows])
        items = [queries.summary(d, a, corrections.get(d.id)) for d, a in rows]
        batch = s.get(Batch, f.batch) if f.batch else None
    params = f.as_params()

    def sort_link(key: str) -> str:
        descending = not (f.sort == key and f.descending)
        return "?" + urlencode({**params, "sort": key, "order": "desc" if descending else "asc"})

    def page_link(offset: int) -> str:
        return "?" + urlencode({**params, "sort": f.sort, "order": "desc" if f.descending else "asc",
                                "offset": max(offset, 0)})

    return _page(request, "documents.html", user, items=items, total=total, f=f, params=params,
                 areas=vocab.area_names(ctx.settings.call), sort_link=sort_link, page_link=page_link,
                 export_query=urlencode({**params, "sort": f.sort, "order": "desc" if f.descending else "asc"}),
                 batch=batch)


# --- one document -----------------------------------------------------------------------------------------

def _evidence_items(result: dict) -> tuple[list[dict], list[dict]]:
    """The area's and the checks' evidence, each with a key for links (``o0``, ``k3-1``)."""
    area = result.get("area") or {}
    area_items = [{"key": f"o{i}", "page": e["page"], "text": e["text"]} for i, e in enumerate(area.get("evidence") or [])]
    checks = []
    for ci, check in enumerate(result.get("checks") or []):
        checks.append({**check, "evidence": [{"key": f"k{ci}-{ei}", "page": e["page"], "text": e["text"]}
                                             for ei, e in enumerate(check.get("evidence") or [])]})
    checks.sort(key=lambda c: STATUS_ORDER.get(c.get("status"), 9))
    return area_items, checks


def _document_view(ctx, user: CurrentUser, document_id: str) -> dict | None:  # noqa: ANN001
    with ctx.store.session() as s:
        found = queries.document_with_analysis(s, document_id)
        if found is None:
            return None
        doc, record = found
        queries.audit(s, user.id, "view", "document", doc.id, via="web")
        corrections = queries.corrections_of(s, doc.id)
        uploader = s.get(UserRow, doc.uploaded_by) if doc.uploaded_by else None
        duplicates = []
        for d in (record.result or {}).get("duplicates") or []:
            other = s.scalar(select(StoredDocument).where(StoredDocument.sha256 == d.get("id")))
            duplicates.append({**d, "document_id": other.id if other else None,
                               "file": other.original_name if other else None})
        view = {"doc": doc, "record": record, "result": record.result or {}, "corrections": corrections,
                "uploader": uploader.username if uploader else None, "duplicates": duplicates}
    result = view["result"]
    area_items, checks = _evidence_items(result)
    pages = int((result.get("document") or {}).get("pages") or 0)
    layout = None
    if pages and (area_items or any(c["evidence"] for c in checks)):
        try:
            layout = ctx.layouts.get(doc.sha256, lambda: ctx.store.file_path(doc.sha256).read_bytes(),
                                     ctx.runner.analyzer.parse)
        except (AnalysisError, OSError):
            log.warning("document %s: its pages could not be read again for the evidence", doc.id)
    located = {}
    for item in area_items + [e for c in checks for e in c["evidence"]]:
        if layout is not None:
            page, boxes = locate(layout, item["page"], item["text"])
        else:
            page, boxes = item["page"], []
        item["page"], item["boxes"], item["found"] = page, boxes, bool(boxes)
        located[item["key"]] = {"page": page, "boxes": boxes}
    latest: dict[str, dict] = {}
    for c in reversed(corrections):  # oldest first, so the newest wins
        latest[c["target"]] = c
    view.update(area_items=area_items, checks=checks, pages=pages, located=located, latest=latest)
    return view


@router.get("/dokumenter/{document_id}", response_class=HTMLResponse)
async def document_page(request: Request, document_id: str, ctx: Ctx, user: User, side: int | None = None,
                        bevis: str | None = None, lagret: str | None = None) -> HTMLResponse:
    return await _render_document(request, ctx, user, document_id, side, bevis,
                                  message={"omrade": "Korreksjonen av området er lagret.",
                                           "kontroll": "Korreksjonen av kontrollen er lagret."}.get(lagret or ""))


async def _render_document(request: Request, ctx, user: CurrentUser, document_id: str, side: int | None,  # noqa: ANN001
                           bevis: str | None, message: str | None = None, error: str | None = None,
                           status_code: int = 200) -> HTMLResponse:
    view = await run_in_threadpool(_document_view, ctx, user, document_id)
    if view is None:
        return render_error(request, 404, "Fant ikke dokumentet.")
    pages = view["pages"]
    active = bevis if bevis in view["located"] else None
    if side is None or not 1 <= side <= pages:
        if active:
            side = view["located"][active]["page"]
        else:
            first = next((i for i in view["area_items"] if i["found"]), None) or \
                next((e for c in view["checks"] if c["status"] == "met" for e in c["evidence"] if e["found"]), None)
            side = first["page"] if first else 1
    marks = [{"key": k, "boxes": v["boxes"], "active": k == active}
             for k, v in view["located"].items() if v["page"] == side and v["boxes"]]
    areas = vocab.area_names(ctx.settings.call)
    current = ctx.runner.analyzer.versions()
    stale = len(current) > 1 and view["record"].versions_key != ctx.store.versions_key(current)
    return _page(request, "document.html", user, status_code=status_code, **view, side=side, active=active, stale=stale,
                 marks=marks, areas=areas, check_titles=vocab.check_titles(ctx.settings.call), message=message,
                 error=error)


@router.post("/dokumenter/{document_id}/analyser", response_class=HTMLResponse)
async def analyze_again(request: Request, document_id: str, ctx: Ctx, user: User) -> Response:
    await api_analyze_again(document_id, ctx, user)
    return _redirect(f"/dokumenter/{document_id}")


@router.post("/dokumenter/{document_id}/korreksjoner", response_class=HTMLResponse)
async def correct(request: Request, document_id: str, ctx: Ctx, user: User, target: Annotated[str, Form()],
                  value: Annotated[str, Form()], comment: Annotated[str, Form()] = "") -> Response:
    def save() -> str | None:
        with ctx.store.session() as s:
            try:
                queries.record_correction(s, document_id, user.id, target, value, comment,
                                          list(vocab.area_names(ctx.settings.call)))
            except queries.CorrectionRefused as exc:
                return str(exc)
        return None

    try:
        problem = await run_in_threadpool(save)
    except LookupError:
        return render_error(request, 404, "Fant ikke dokumentet.")
    if problem:
        return await _render_document(request, ctx, user, document_id, None, None, error=problem, status_code=422)
    anchor = "#omrade" if target == "area" else "#kontroller"
    return _redirect(f"/dokumenter/{document_id}?lagret={'omrade' if target == 'area' else 'kontroll'}{anchor}")


# --- upload and batches ------------------------------------------------------------------------------------

@router.get("/last-opp", response_class=HTMLResponse)
def upload_form(request: Request, user: User) -> HTMLResponse:
    return _page(request, "upload.html", user)


@router.post("/last-opp", response_class=HTMLResponse)
async def upload(request: Request, ctx: Ctx, user: User) -> Response:
    form = await request.form(max_files=MAX_FORM_FILES)
    # A browser sends an empty file part when none was chosen: that is no file.
    chosen = [f for f in form.getlist("files") if isinstance(f, FormFile) and f.filename]
    name = form.get("name") if isinstance(form.get("name"), str) else ""
    if not chosen:
        return _page(request, "upload.html", user, status_code=422, error="Velg minst én PDF- eller zip-fil.")
    label = name.strip() or (chosen[0].filename if len(chosen) == 1 else f"{len(chosen)} filer")
    if form.get("bakgrunn") == "ja":  # a large batch: the bulk triage's worker pool
        try:
            batch_id = await start_background_batch(ctx, chosen, label, user.id)
        except HTTPException as exc:
            return _page(request, "upload.html", user, status_code=422, error=exc.detail)
        return _redirect(f"/bunker/{batch_id}?ny=1")
    async with unpack(chosen, ctx.settings) as unpacked:
        if not unpacked.entries:
            return _page(request, "upload.html", user, status_code=422,
                         error="Zip-filen inneholdt ingen PDF-filer.")
        batch_id = await run_in_threadpool(ctx.runner.start_batch, unpacked.entries, label, user.id, "web")
    return _redirect(f"/bunker/{batch_id}?ny=1")


@router.get("/bunker", response_class=HTMLResponse)
def batches(request: Request, ctx: Ctx, user: User) -> HTMLResponse:
    with ctx.store.session() as s:
        rows = list_batches(s, user, limit=100)
    return _page(request, "batches.html", user, batches=rows)


@router.get("/bunker/{batch_id}", response_class=HTMLResponse)
def batch_page(request: Request, batch_id: str, ctx: Ctx, user: User) -> HTMLResponse:
    progress = queries.batch_view(ctx.store, batch_id)
    if progress is None:
        return render_error(request, 404, "Fant ikke bunken.")
    return _page(request, "batch.html", user, batch=progress)


# --- evaluators and administrators --------------------------------------------------------------------------

@router.get("/korreksjoner", response_class=HTMLResponse)
def corrections(request: Request, ctx: Ctx, user: Evaluator) -> HTMLResponse:
    with ctx.store.session() as s:
        rows = queries.corrections_of(s, None, limit=500)
    return _page(request, "corrections.html", user, corrections=rows, areas=vocab.area_names(ctx.settings.call),
                 check_titles=vocab.check_titles(ctx.settings.call))


def _users_page(request: Request, ctx, user: CurrentUser, status_code: int = 200, **extra) -> HTMLResponse:  # noqa: ANN001
    with ctx.store.session() as s:
        rows = list(s.scalars(select(UserRow).order_by(UserRow.username)))
    return _page(request, "users.html", user, status_code=status_code, users=rows, **extra)


@router.get("/brukere", response_class=HTMLResponse)
def users(request: Request, ctx: Ctx, user: Admin) -> HTMLResponse:
    return _users_page(request, ctx, user)


@router.post("/brukere", response_class=HTMLResponse)
def create_user(request: Request, ctx: Ctx, user: Admin, username: Annotated[str, Form()] = "",
                password: Annotated[str, Form()] = "", role: Annotated[str, Form()] = "saksbehandler") -> Response:
    try:
        with ctx.store.session() as s:
            row = auth.create_user(s, username, password, role)
            queries.audit(s, user.id, "user_create", "user", str(row.id), role=row.role)
            created = row.username
    except auth.AuthError as exc:
        return _users_page(request, ctx, user, status_code=422, error=str(exc))
    return _users_page(request, ctx, user, message=f"Brukeren «{created}» er opprettet.")


@router.post("/brukere/{user_id}", response_class=HTMLResponse)
def update_user(request: Request, user_id: int, ctx: Ctx, user: Admin, role: Annotated[str, Form()] = "",
                active: Annotated[str, Form()] = "", password: Annotated[str, Form()] = "") -> Response:
    try:
        with ctx.store.session() as s:
            row = s.get(UserRow, user_id)
            if row is None:
                return render_error(request, 404, "Fant ikke brukeren.")
            if row.id == user.id and (active == "nei" or (role and role != "admin")):
                raise auth.AuthError("Du kan ikke fjerne din egen administratortilgang.")
            changed: dict = {}
            if role:
                if role not in auth.ROLES:
                    raise auth.AuthError("Ukjent rolle.")
                row.role = changed["role"] = role
            if active in ("ja", "nei"):
                row.active = changed["active"] = active == "ja"
            if password:
                auth.set_password(row, password)
                changed["password"] = True
            queries.audit(s, user.id, "user_update", "user", str(row.id), **changed)
            name = row.username
    except auth.AuthError as exc:
        return _users_page(request, ctx, user, status_code=422, error=str(exc))
    return _users_page(request, ctx, user, message=f"Endringene for «{name}» er lagret.")


def _tokens_page(request: Request, ctx, user: CurrentUser, status_code: int = 200, **extra) -> HTMLResponse:  # noqa: ANN001
    with ctx.store.session() as s:
        rows = list(s.scalars(select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc())))
    return _page(request, "tokens.html", user, status_code=status_code, tokens=rows, **extra)


@router.get("/api-nokler", response_class=HTMLResponse)
def tokens(request: Request, ctx: Ctx, user: User) -> HTMLResponse:
    return _tokens_page(request, ctx, user)


@router.post("/api-nokler", response_class=HTMLResponse)
def create_token(request: Request, ctx: Ctx, user: User, name: Annotated[str, Form()] = "") -> HTMLResponse:
    try:
        with ctx.store.session() as s:
            row, token = auth.create_api_token(s, s.get(UserRow, user.id), name)
            queries.audit(s, user.id, "token_create", "api_token", str(row.id))
    except auth.AuthError as exc:
        return _tokens_page(request, ctx, user, status_code=422, error=str(exc))
    return _tokens_page(request, ctx, user, new_token=token)


@router.post("/api-nokler/{token_id}/trekk-tilbake", response_class=HTMLResponse)
def revoke_token(request: Request, token_id: int, ctx: Ctx, user: User) -> HTMLResponse:
    with ctx.store.session() as s:
        row = s.get(ApiToken, token_id)
        if row is None or row.user_id != user.id:
            return render_error(request, 404, "Fant ikke nøkkelen.")
        row.revoked = True
        queries.audit(s, user.id, "token_revoke", "api_token", str(row.id))
    return _tokens_page(request, ctx, user, message="Nøkkelen er trukket tilbake.")


@router.get("/prosjekter", response_class=HTMLResponse)
def projects(request: Request, user: Admin) -> HTMLResponse:
    return _page(request, "projects.html", user)


@router.post("/prosjekter", response_class=HTMLResponse)
async def import_projects(request: Request, ctx: Ctx, user: Admin, file: Annotated[UploadFile, File()],
                          replace: Annotated[str, Form()] = "") -> HTMLResponse:
    response = await import_earlier_projects(ctx, user, file, replace == "ja")
    if isinstance(response, Response):  # a refused file: the problems, line by line
        body = json.loads(response.body)
        return _page(request, "projects.html", user, status_code=422, error=body["detail"], problems=body["problems"])
    return _page(request, "projects.html", user, message=response["detail"])


@router.get("/logg", response_class=HTMLResponse)
def audit_log(request: Request, ctx: Ctx, user: Admin) -> HTMLResponse:
    with ctx.store.session() as s:
        rows = s.execute(select(AuditEntry, UserRow.username).outerjoin(UserRow, UserRow.id == AuditEntry.user_id)
                         .order_by(AuditEntry.id.desc()).limit(500)).all()
    return _page(request, "audit.html", user, entries=rows)
