"""The web pages against the real app: TestClient for the pages, uvicorn and Chromium for the browser
test. The Analyzer is the process's one (models loaded once per test session)."""

from __future__ import annotations

import re
import time

import pytest
from fastapi.testclient import TestClient

PASSWORD = "et-langt-passord-42"
USERS = {"web-saksbehandler": "saksbehandler", "web-evaluator": "evaluator", "web-admin": "admin"}
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="session")
def web_app(tmp_path_factory):
    """The app with a data folder of its own: what these tests store never meets the other tests' store."""
    from nlp_service.api import create_app
    from nlp_service.config import Settings

    return create_app(Settings(data_dir=tmp_path_factory.mktemp("web-data")))


@pytest.fixture(scope="session")
def web_client(web_app):
    with TestClient(web_app) as c:
        yield c


@pytest.fixture(scope="session")
def web_users(web_client) -> dict[str, str]:
    from nlp_service import auth

    with web_client.app.state.ctx.store.session() as s:
        for name, role in USERS.items():
            auth.create_user(s, name, PASSWORD, role)
    return dict(USERS)


class Browser:
    """A logged-in TestClient and the CSRF token of its session."""

    def __init__(self, app, username: str) -> None:
        self.client = TestClient(app)
        page = self.client.get("/login")
        r = self.client.post("/login", data={"username": username, "password": PASSWORD, "neste": "/dokumenter",
                                             "csrf_token": CSRF.search(page.text).group(1)}, follow_redirects=False)
        assert r.status_code == 303, r.text
        self.csrf = CSRF.search(self.client.get("/dokumenter").text).group(1)

    def get(self, url: str, **kw):
        return self.client.get(url, **kw)

    def post(self, url: str, data: dict | None = None, **kw):
        return self.client.post(url, data={"csrf_token": self.csrf, **(data or {})}, follow_redirects=False, **kw)


@pytest.fixture(scope="session")
def login(web_app, web_users):
    return lambda username: Browser(web_app, username)


@pytest.fixture(scope="session")
def caseworker(login) -> Browser:
    return login("web-saksbehandler")


def wait_for_batch(browser: Browser, batch_id: str, timeout_s: float = 120) -> dict:
    deadline = time.monotonic() + timeout_s
    while True:
        progress = browser.get(f"/api/batches/{batch_id}").json()
        if progress["status"] == "done" or time.monotonic() > deadline:
            return progress
        time.sleep(0.2)


@pytest.fixture(scope="session")
def batch_done():
    return wait_for_batch


@pytest.fixture(scope="session")
def web_document(caseworker, pdf_dir) -> dict:
    """A PDF uploaded through the upload page and analysed; its batch progress at the end."""
    r = caseworker.post("/last-opp", data={"name": "Nettsidetest"},
                        files=[("files", ("askøy-søknad.pdf", (pdf_dir / "letter.pdf").read_bytes(), "application/pdf"))])
    assert r.status_code == 303 and r.headers["location"].startswith("/bunker/")
    batch_id = r.headers["location"].split("?")[0].rsplit("/", 1)[1]
    progress = wait_for_batch(caseworker, batch_id)
    assert progress["status"] == "done" and progress["done"] == 1, progress
    item = progress["items"][0]
    analysis = caseworker.get(f"/api/documents/{item['document_id']}").json()
    return {"id": item["document_id"], "batch": batch_id, "analysis": analysis}
