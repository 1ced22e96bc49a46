"""The API against the real app: a real SQLite file in a data folder of its own, the real Analyzer
(loaded once for the whole test session, shared by every app in the process), real PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

REPO = Path(__file__).resolve().parents[2]

PASSWORD = "et-langt-passord-42"
ROLES = {"api-saksbehandler": "saksbehandler", "api-evaluator": "evaluator", "api-admin": "admin"}


@pytest.fixture(scope="session")
def api_data_dir(tmp_path_factory) -> Path:
    """The app's own data folder: what these tests store never meets the other tests' store."""
    return tmp_path_factory.mktemp("api-data")


@pytest.fixture(scope="session")
def app(api_data_dir):
    from nlp_service.api import create_app
    from nlp_service.config import Settings

    return create_app(Settings(data_dir=api_data_dir))


@pytest.fixture(scope="session")
def client(app):
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def store(client):
    return client.app.state.ctx.store


@pytest.fixture(scope="session")
def tokens(store) -> dict[str, str]:
    """An API token for one user of each role (users made through the auth module)."""
    from nlp_service import auth

    out = {}
    with store.session() as s:
        for name, role in ROLES.items():
            user = auth.create_user(s, name, PASSWORD, role)
            _, token = auth.create_api_token(s, user, "tester")
            out[role] = token
    return out


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="session")
def as_caseworker(tokens):
    return bearer(tokens["saksbehandler"])


@pytest.fixture(scope="session")
def as_evaluator(tokens):
    return bearer(tokens["evaluator"])


@pytest.fixture(scope="session")
def as_admin(tokens):
    return bearer(tokens["admin"])


#: Personal data in the corpus application a4-001 (and a fødselsnummer added to it): never in logs.
PERSONAL = ("Ingrid Hatlestad Vik", "ingrid.hatlestad.vik@vlfk.no", "55 23 81 47", "01017012345")


def corpus_a4_text() -> str:
    text = (REPO / "corpora" / "applications" / "a4-001.txt").read_text(encoding="utf-8")
    return text.replace("Telefon: 55 23 81 47\n", "Telefon: 55 23 81 47\nFødselsnummer kontaktperson: 01017012345\n")


@pytest.fixture(scope="session")
def pdfs(pdf_dir) -> dict[str, bytes]:
    from nlp_service.corpus.render import Layout, render_pdf

    return {
        "letter": (pdf_dir / "letter.pdf").read_bytes(),
        "two_column": (pdf_dir / "two_column.pdf").read_bytes(),
        "corpus_a4": render_pdf(corpus_a4_text(), "a4-001", Layout(name="form")),
    }


@pytest.fixture(scope="session")
def uploaded(client, as_caseworker, pdfs, hostile_dir) -> dict:
    """One upload of two readable applications and two files that cannot be read, analysed once."""
    files = [
        ("files", ("søknad-askøy.pdf", pdfs["letter"], "application/pdf")),
        ("files", ("ikke-en-pdf.pdf", (hostile_dir / "not_pdf.pdf").read_bytes(), "application/pdf")),
        ("files", ("to-spalter.pdf", pdfs["two_column"], "application/pdf")),
        ("files", ("passord.pdf", (hostile_dir / "encrypted.pdf").read_bytes(), "application/pdf")),
    ]
    r = client.post("/api/documents", files=files, headers=as_caseworker)
    assert r.status_code == 200, r.text
    body = r.json()
    return {d["file"]: d for d in body["documents"]} | {"_body": body}
