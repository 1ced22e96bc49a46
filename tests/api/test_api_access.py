"""Who may do what: login for every route but login and health, CSRF on cookie sessions, API
tokens, roles."""

from __future__ import annotations

import re
from typing import Annotated

import pytest
from fastapi import FastAPI, File, UploadFile
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from nlp_service.api.security import BodyLimit

PASSWORD = "et-langt-passord-42"  # as in conftest.py


def test_health_needs_no_login(client):
    r = client.get("/api/health")
    assert r.status_code == 200
    assert r.json()["status"] == "ok" and r.json()["database"] == "ok"


def test_every_route_but_login_and_health_needs_a_user(app, client, as_caseworker):
    from nlp_service.web.pages import router as pages

    open_paths = {"/api/health", "/login"}
    spec = client.get("/api/openapi.json", headers=as_caseworker).json()
    routes = [(path, method.upper()) for path, ops in spec["paths"].items() for method in ops]
    routes += [(r.path, m) for r in pages.routes if isinstance(r, APIRoute) for m in r.methods]
    routes += [("/api/openapi.json", "GET"), ("/api/docs", "GET")]
    checked = 0
    for route_path, method in routes:
        if route_path in open_paths:
            continue
        path = re.sub(r"\{[^}]+\}", "1", route_path)
        r = client.request(method, path, follow_redirects=False)
        if path.startswith("/api"):
            assert r.status_code == 401, (method, path, r.status_code)
            assert r.json()["detail"] == "Du må logge inn."
        else:
            assert r.status_code == 303 and r.headers["location"].startswith("/login"), (method, path)
        checked += 1
    assert checked > 35


def test_a_wrong_or_revoked_token_is_refused(client, store):
    from nlp_service import auth
    from nlp_service.store.models import ApiToken

    assert client.get("/api/me", headers={"Authorization": "Bearer nlps_feil"}).status_code == 401
    with store.session() as s:
        user = auth.create_user(s, "api-tidligere", PASSWORD, "saksbehandler")
        row, token = auth.create_api_token(s, user, "gammel")
        token_id = row.id
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/me", headers=headers).json()["username"] == "api-tidligere"
    assert client.delete(f"/api/tokens/{token_id}", headers=headers).status_code == 204
    r = client.get("/api/me", headers=headers)
    assert r.status_code == 401 and "trukket tilbake" in r.json()["detail"]
    with store.session() as s:
        assert s.get(ApiToken, token_id).token_hash != token  # only the hash is kept


def _login(app, username: str) -> tuple[TestClient, str]:
    """A browser-like client: logged in through the form; returns it and its CSRF token."""
    c = TestClient(app)  # no lifespan of its own: the session's app is already running
    page = c.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    r = c.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token, "neste": "/"},
               follow_redirects=False)
    assert r.status_code == 303
    page = c.get("/dokumenter")
    return c, re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def test_cookie_sessions_need_the_csrf_token_for_changes(app, client, tokens):
    c, csrf = _login(app, "api-saksbehandler")
    assert c.get("/api/me").json()["role"] == "saksbehandler"
    r = c.post("/api/tokens", json={"name": "uten csrf"})
    assert r.status_code == 403 and "Last siden på nytt" in r.json()["detail"]
    r = c.post("/api/tokens", json={"name": "med feil csrf"}, headers={"X-CSRF-Token": "feil"})
    assert r.status_code == 403
    r = c.post("/api/tokens", json={"name": "med csrf"}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 201 and r.json()["token"].startswith("nlps_")
    # A token needs no CSRF token: it is not sent by a browser on its own.
    r = client.post("/api/tokens", json={"name": "integrasjon"},
                    headers={"Authorization": f"Bearer {tokens['saksbehandler']}"})
    assert r.status_code == 201


def test_a_password_change_ends_the_sessions_made_with_the_old_one(app, client, as_admin):
    from nlp_service import auth

    with client.app.state.ctx.store.session() as s:
        user = auth.create_user(s, "api-bytter", PASSWORD, "saksbehandler")
        user_id = user.id
    c, _ = _login(app, "api-bytter")
    assert c.get("/api/me").status_code == 200
    r = client.patch(f"/api/users/{user_id}", json={"password": "et-helt-nytt-passord"}, headers=as_admin)
    assert r.status_code == 200
    assert c.get("/api/me").status_code == 401


@pytest.mark.parametrize("path", ["/api/users", "/api/audit", "/api/corrections"])
def test_caseworkers_cannot_reach_the_evaluator_and_admin_routes(client, as_caseworker, path):
    r = client.get(path, headers=as_caseworker)
    assert r.status_code == 403 and "tilgang" in r.json()["detail"]


def test_evaluators_see_corrections_but_do_not_manage_users(client, as_evaluator):
    assert client.get("/api/corrections", headers=as_evaluator).status_code == 200
    assert client.get("/api/users", headers=as_evaluator).status_code == 403


def test_admins_manage_users(client, as_admin):
    r = client.post("/api/users", json={"username": "Ny.Bruker", "password": "kort", "role": "evaluator"},
                    headers=as_admin)
    assert r.status_code == 422 and "minst 10 tegn" in r.json()["detail"]
    r = client.post("/api/users", json={"username": "Ny.Bruker", "password": PASSWORD, "role": "evaluator"},
                    headers=as_admin)
    assert r.status_code == 201 and r.json()["username"] == "ny.bruker"
    again = client.post("/api/users", json={"username": "ny.bruker", "password": PASSWORD}, headers=as_admin)
    assert again.status_code == 422 and "allerede i bruk" in again.json()["detail"]
    user_id = r.json()["id"]
    r = client.patch(f"/api/users/{user_id}", json={"active": False}, headers=as_admin)
    assert r.json()["active"] is False
    assert "ny.bruker" in [u["username"] for u in client.get("/api/users", headers=as_admin).json()]
    me = client.get("/api/me", headers=as_admin).json()
    r = client.patch(f"/api/users/{me['id']}", json={"role": "saksbehandler"}, headers=as_admin)
    assert r.status_code == 422 and "egen administratortilgang" in r.json()["detail"]
    log = client.get("/api/audit", params={"action": "user_create"}, headers=as_admin).json()
    assert any(e["object_id"] == str(user_id) for e in log)


def test_validation_errors_are_in_norwegian(client, as_caseworker):
    r = client.post("/api/tokens", json={}, headers=as_caseworker)
    assert r.status_code == 422
    assert r.json()["detail"] == "Forespørselen er ugyldig." and r.json()["problems"] == ["«name» mangler"]


def test_security_headers(client):
    r = client.get("/api/health")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]


def _small_app() -> FastAPI:
    small = FastAPI()

    @small.post("/up")
    async def up(files: Annotated[list[UploadFile], File()]) -> dict:
        return {"n": len(files)}

    small.add_middleware(BodyLimit, max_bytes=10_000)
    return small


def test_a_request_body_over_the_limit_is_refused_in_norwegian():
    with TestClient(_small_app()) as c:
        assert c.post("/up", files=[("files", ("a.pdf", b"x" * 100))]).status_code == 200
        r = c.post("/up", files=[("files", ("a.pdf", b"x" * 20_000))])
        assert r.status_code == 413 and "større enn grensen" in r.json()["detail"]

        def chunks():  # no Content-Length: counted as it streams
            for _ in range(30):
                yield b"y" * 1000

        r = c.post("/up", content=chunks(), headers={"Content-Type": "multipart/form-data; boundary=b"})
        assert r.status_code == 413
