"""The OWASP file-upload rules on the real app: every route behind a login (but an explicit
allow-list), CSRF on every change made with a session cookie, the file's signature decides (not its
name or content type), size limits with a Norwegian message, generated storage names, and PDF
active content flagged to the caseworker and never run.

The app has a data folder of its own, a per-file limit of 1 MB and a request limit of 3 MB, so the
limits are reached with small files.
"""

from __future__ import annotations

import http.server
import re
import threading
from pathlib import Path

import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from starlette.routing import Mount

PASSWORD = "et-langt-passord-42"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
MAX_FILE_MB = 1
MAX_REQUEST_MB = 3

#: Routes open without a login, and why.
ALLOWED_WITHOUT_LOGIN = {
    ("GET", "/login"): "the login form itself",
    ("POST", "/login"): "the login; guarded by the login form's own CSRF token (tested below)",
    ("GET", "/api/health"): "monitoring: status, version, database and model state only, no data",
}
#: Mounts open without a login: the pages' CSS and JavaScript (the login page needs them); no data.
ALLOWED_MOUNTS = {"/static"}


@pytest.fixture(scope="module")
def sec_data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("security-data")


@pytest.fixture(scope="module")
def sec_app(sec_data_dir):
    import nlp_service.api.app as app_module
    from nlp_service.config import Settings

    saved = app_module.MAX_REQUEST_MB
    app_module.MAX_REQUEST_MB = MAX_REQUEST_MB
    try:
        app = app_module.create_app(Settings(data_dir=sec_data_dir, max_file_mb=MAX_FILE_MB))
    finally:
        app_module.MAX_REQUEST_MB = saved
    return app


@pytest.fixture(scope="module")
def sec_client(sec_app):
    with TestClient(sec_app) as c:
        yield c


@pytest.fixture(scope="module")
def sec_token(sec_client) -> str:
    from nlp_service import auth

    with sec_client.app.state.ctx.store.session() as s:
        user = auth.create_user(s, "sikkerhet", PASSWORD, "saksbehandler")
        auth.create_user(s, "sikkerhet-admin", PASSWORD, "admin")
        _, token = auth.create_api_token(s, user, "tester")
    return token


@pytest.fixture(scope="module")
def as_user(sec_token) -> dict[str, str]:
    return {"Authorization": f"Bearer {sec_token}"}


def _login(app, username: str = "sikkerhet") -> tuple[TestClient, str]:
    c = TestClient(app)
    token = CSRF.search(c.get("/login").text).group(1)
    r = c.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token, "neste": "/"},
               follow_redirects=False)
    assert r.status_code == 303
    return c, CSRF.search(c.get("/dokumenter").text).group(1)


def _routes(app) -> list[tuple[str, str]]:
    """(method, path) of every route of the app; fails on a kind of route this test does not know."""
    out = []
    for context in iter_route_contexts(app.routes):  # included routers resolved, with their prefixes
        route = context.original_route
        if isinstance(route, APIRoute):
            out += [(m, context.path) for m in sorted(route.methods)]
        elif isinstance(route, Mount):
            assert context.path in ALLOWED_MOUNTS, f"unknown mount {context.path}: check its access"
        else:
            raise AssertionError(f"a route this test does not know: {type(route).__name__} {context.path}")
    return out


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


# --- authorisation on every route ---------------------------------------------------------------------


def test_every_route_needs_a_login_but_the_allow_list(sec_app, sec_client, sec_token):
    anonymous = TestClient(sec_app)  # no cookies of its own; the app is already running
    routes = _routes(sec_app)
    assert set(ALLOWED_WITHOUT_LOGIN) <= set(routes)
    checked = 0
    for method, route_path in routes:
        if (method, route_path) in ALLOWED_WITHOUT_LOGIN:
            continue
        path = _concrete(route_path)
        for headers in ({}, {"Authorization": "Bearer nlps_forfalsket"}, {"Cookie": "nlps_session=forfalsket"}):
            r = anonymous.request(method, path, headers=headers, follow_redirects=False)
            if path.startswith("/api"):
                assert r.status_code == 401, (method, path, headers, r.status_code)
                assert r.headers["www-authenticate"] == "Bearer"
                assert "logge inn" in r.json()["detail"] or "ugyldig" in r.json()["detail"]
            else:
                assert r.status_code == 303, (method, path, headers, r.status_code)
                assert r.headers["location"].startswith("/login?neste="), (method, path)
        checked += 1
    # The API's description is not public either.
    assert ("GET", "/api/openapi.json") in routes and ("GET", "/api/docs") in routes
    assert checked >= 40, checked


def test_the_allow_list_gives_no_data(sec_app, sec_client, sec_token):
    anonymous = TestClient(sec_app)
    assert set(anonymous.get("/api/health").json()) == {"status", "version", "database", "models"}
    assert anonymous.get("/static/").status_code == 404  # no folder listing
    # A login with the right password but without the login form's CSRF token (login CSRF) fails.
    r = anonymous.post("/login", data={"username": "sikkerhet", "password": PASSWORD, "neste": "/"},
                       follow_redirects=False)
    assert r.status_code == 400 and "utløpt" in r.text
    assert anonymous.get("/api/me").status_code == 401


# --- CSRF -------------------------------------------------------------------------------------------


def test_every_change_with_a_session_cookie_needs_the_csrf_token(sec_app, sec_token):
    from nlp_service.api.security import CsrfFailed

    browser, csrf = _login(sec_app)
    changes = [(m, p) for m, p in _routes(sec_app) if m in ("POST", "PUT", "PATCH", "DELETE") and p != "/login"]
    assert len(changes) >= 15
    for method, route_path in changes:
        path = _concrete(route_path)
        for headers in ({}, {"X-CSRF-Token": "feil-" + csrf}):
            r = browser.request(method, path, headers=headers, follow_redirects=False)
            assert r.status_code == 403, (method, path, headers, r.status_code)
            if path.startswith("/api"):
                assert r.json()["detail"] == CsrfFailed.message
            else:
                assert "Last siden på nytt" in r.text
    # A wrong token in the form field is refused as well; the right one in the header or the form works.
    r = browser.post("/api-nokler", data={"name": "skjema", "csrf_token": "feil"}, follow_redirects=False)
    assert r.status_code == 403
    assert browser.post("/api/tokens", json={"name": "med-csrf"}, headers={"X-CSRF-Token": csrf}).status_code == 201
    r = browser.post("/api-nokler", data={"name": "skjema", "csrf_token": csrf}, follow_redirects=False)
    assert r.status_code in (200, 303)
    assert browser.get("/api/me").json()["username"] == "sikkerhet"  # still logged in: the logout was refused


def test_a_session_cookie_is_http_only_and_same_site(sec_app):
    c = TestClient(sec_app)
    r = c.get("/login")
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie


# --- the file: signature, size, storage name ----------------------------------------------------------


def _upload(client, headers, files) -> dict:
    r = client.post("/api/documents", headers=headers, files=[("files", f) for f in files])
    assert r.status_code == 200, r.text
    return {d["file"]: d for d in r.json()["documents"]}


def test_the_signature_decides_not_the_name_or_content_type(sec_client, as_user, hostile_dir):
    from nlp_service.corpus.hostile import simple_pdf

    pdf = simple_pdf("Søknad om tilskudd fra Os kommune. Prosjektet har 12 deltakere.")
    docs = _upload(sec_client, as_user, [
        ("bilde.pdf", (hostile_dir / "not_pdf.pdf").read_bytes(), "application/pdf"),
        ("tekst.pdf", (hostile_dir / "text_named_pdf.pdf").read_bytes(), "application/pdf"),
        ("skript.pdf", b"#!/bin/sh\nrm -rf /\n", "application/pdf"),
        ("soknad.exe", pdf, "application/octet-stream"),
    ])
    for name in ("bilde.pdf", "tekst.pdf", "skript.pdf"):
        err = docs[name]["analysis"]["error"]
        assert err["code"] == "not_pdf" and err["message"] == "Filen er ikke en PDF. Last opp søknaden som PDF."
    assert docs["soknad.exe"]["analysis"]["error"] is None  # a PDF by its bytes, whatever it is called
    assert docs["soknad.exe"]["analysis"]["document"]["pages"] == 1


def test_over_size_files_and_requests_are_refused_in_norwegian(sec_app, sec_client, as_user, sec_data_dir):
    big_file = b"%PDF-1.4\n" + b"0" * int(1.5 * 1024 * 1024)
    docs = _upload(sec_client, as_user, [("stor.pdf", big_file, "application/pdf")])
    err = docs["stor.pdf"]["analysis"]["error"]
    assert err["code"] == "too_large" and err["message"] == f"Filen er større enn grensen på {MAX_FILE_MB} MB."
    assert docs["stor.pdf"]["document_id"] is None  # never stored
    huge = b"%PDF-1.4\n" + b"0" * (MAX_REQUEST_MB * 1024 * 1024 + 10)
    expected = f"Opplastingen er større enn grensen på {MAX_REQUEST_MB} MB. Del den opp i flere opplastinger."
    r = sec_client.post("/api/documents", headers=as_user, files=[("files", ("enorm.pdf", huge, "application/pdf"))])
    assert r.status_code == 413 and r.json()["detail"] == expected

    def chunks():  # no Content-Length: the limit counts the bytes as they come
        yield b"--grense\r\nContent-Disposition: form-data; name=\"files\"; filename=\"x.pdf\"\r\n\r\n"
        for _ in range(MAX_REQUEST_MB + 1):
            yield b"0" * (1024 * 1024)
        yield b"\r\n--grense--\r\n"

    r = sec_client.post("/api/documents", headers={**as_user, "Content-Type": "multipart/form-data; boundary=grense"},
                        content=chunks())
    assert r.status_code == 413 and r.json()["detail"] == expected
    browser, csrf = _login(sec_app)
    r = browser.post("/last-opp", headers={"X-CSRF-Token": csrf},
                     files=[("files", ("enorm.pdf", huge, "application/pdf"))], follow_redirects=False)
    assert r.status_code == 413 and r.json()["detail"] == expected
    assert not any((sec_data_dir / "tmp").rglob("*")) if (sec_data_dir / "tmp").exists() else True


@pytest.mark.parametrize("evil", ["../../x.pdf", "..\\..\\x.pdf", "/etc/cron.d/x.pdf", "C:\\Windows\\x.pdf",
                                  "mappe/../../x.pdf"])
def test_stored_names_are_generated_never_the_uploaded_name(sec_client, as_user, sec_data_dir, evil):
    import hashlib

    from sqlalchemy import select

    from nlp_service.corpus.hostile import simple_pdf
    from nlp_service.store.models import StoredDocument

    pdf = simple_pdf(f"Søknad {evil} om tilskudd. Prosjektet har 14 deltakere.")
    sha = hashlib.sha256(pdf).hexdigest()
    r = sec_client.post("/api/documents", headers=as_user, files=[("files", (evil, pdf, "application/pdf"))])
    assert r.status_code == 200
    doc = r.json()["documents"][0]
    assert doc["file"] == "x.pdf" and doc["analysis"]["sha256"] == sha
    files = [p for p in (sec_data_dir / "files").rglob("*") if p.is_file()]
    assert files and all(re.fullmatch(r"[0-9a-f]{2}/[0-9a-f]{64}\.pdf", p.relative_to(sec_data_dir / "files").as_posix())
                         for p in files)
    assert (sec_data_dir / "files" / sha[:2] / f"{sha}.pdf").read_bytes() == pdf
    root = sec_data_dir.parent
    assert not [p for p in root.rglob("x.pdf")], "a file was written under the uploaded name"
    assert not Path("/etc/cron.d/x.pdf").exists()
    with sec_client.app.state.ctx.store.session() as s:
        row = s.scalar(select(StoredDocument).where(StoredDocument.sha256 == sha))
        assert row.original_name == "x.pdf" and row.storage_name == f"{sha[:2]}/{sha}.pdf"
    download = sec_client.get(f"/api/documents/{doc['document_id']}/file", headers=as_user)
    assert download.status_code == 200 and download.content == pdf
    assert download.headers["content-disposition"].startswith("attachment") and ".." not in download.headers[
        "content-disposition"]


# --- active content ---------------------------------------------------------------------------------


class _Canary(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        _Canary.hits.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args) -> None:  # noqa: ANN002
        pass


def active_content_pdf(port: int, marker: Path) -> bytes:
    """A readable PDF whose JavaScript, launch action, URI action and embedded script would each leave
    a trace if anything ran them: a request to the canary server or the marker file."""
    from nlp_service.corpus.hostile import _assemble

    js = (f"app.launchURL('http://127.0.0.1:{port}/js', true); "
          f"this.exportDataObject({{cName: 'kanari.sh', nLaunch: 2}});").encode()
    script = f"#!/bin/sh\ntouch {marker}\n".encode()
    content = b"BT /F1 12 Tf 72 760 Td (Soknad om tilskudd med 15 deltakere fra Os kommune.) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R /Names << /EmbeddedFiles << /Names [(kanari.sh) 7 0 R] >> "
        b"/JavaScript << /Names [(start) 9 0 R] >> >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 6 0 R >> >> "
        b"/AA << /O 10 0 R /C 11 0 R >> >>",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
        b"<< /S /JavaScript /JS (" + js + b") /Next 10 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Filespec /F (kanari.sh) /EF << /F 8 0 R >> >>",
        f"<< /Type /EmbeddedFile /Length {len(script)} >>\nstream\n".encode() + script + b"\nendstream",
        b"<< /S /JavaScript /JS (" + js + b") >>",
        f"<< /S /Launch /F (/bin/sh) /Win << /F (cmd.exe) /P (/c echo x) >> /Unix (/bin/touch {marker}) >>".encode(),
        f"<< /S /URI /URI (http://127.0.0.1:{port}/uri) >>".encode(),
    ]
    return _assemble(objects)


def test_active_content_is_flagged_and_never_run(sec_app, sec_client, as_user, sec_data_dir, tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Canary)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    marker = tmp_path / "kjort"
    try:
        pdf = active_content_pdf(server.server_address[1], marker)
        docs = _upload(sec_client, as_user, [("aktivt.pdf", pdf, "application/pdf")])
        analysis = docs["aktivt.pdf"]["analysis"]
        assert analysis["error"] is None, analysis["error"]
        flagged = set(analysis["document"]["active_content"])
        assert {"JavaScript", "startkommando (Launch)", "innebygde filer"} <= flagged, flagged
        doc_id = docs["aktivt.pdf"]["document_id"]
        # Everything a caseworker does with it: the analysis, the page with evidence, the page image,
        # the file itself. The page warns; the file comes as a download, never shown inline.
        assert sec_client.get(f"/api/documents/{doc_id}", headers=as_user).json()["document"]["active_content"]
        page = sec_client.get(f"/dokumenter/{doc_id}", headers=as_user)
        assert page.status_code == 200 and "aktivt innhold" in page.text and "ikke kjørt" in page.text
        image = sec_client.get(f"/api/documents/{doc_id}/pages/1.png", headers=as_user)
        assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
        file = sec_client.get(f"/api/documents/{doc_id}/file", headers=as_user)
        assert file.headers["content-disposition"].startswith("attachment")
        assert file.headers["x-content-type-options"] == "nosniff"
        assert "script-src 'self'" in page.headers["content-security-policy"]
    finally:
        server.shutdown()
        server.server_close()
    assert _Canary.hits == [], _Canary.hits
    assert not marker.exists()
    assert not [p for p in sec_data_dir.rglob("kanari.sh")]  # the embedded file was never extracted
