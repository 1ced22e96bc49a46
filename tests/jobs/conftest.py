"""Fixtures of the bulk triage: real PDFs from the corpus renderer, the hostile set, one worker pool
per test session (its models load once per worker), and a fresh SQLite store per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nlp_service.corpus.hostile import EXPECTED_CODES

REPO = Path(__file__).resolve().parents[2]
SOURCES = REPO / "corpora" / "applications"

#: Good documents of the mixed folder: (corpus source, layout).
GOOD = [("a1-003", "letter"), ("a2-004", "form"), ("a4-005", "two_column"), ("a5-007", "ocr_damaged")]

#: What each hostile file of nlp_service.corpus.hostile gives (None: it is read and analysed).
HOSTILE = EXPECTED_CODES


def render(source: str, layout: str, doc_id: str | None = None, repeat: int = 1) -> bytes:
    from nlp_service.corpus.render import Layout, render_pdf

    text = (SOURCES / f"{source}.txt").read_text(encoding="utf-8")
    text = "\n\n".join([text] * repeat)
    return render_pdf(text, doc_id or source, Layout(name=layout), header="Søknad om tilskudd 2025",
                      footer="Tilskudd til utvikling av kvalifiserings- og integreringstiltak")


def make_store(path: Path):
    from nlp_service.config import get_settings
    from nlp_service.store import Store

    store = Store(get_settings(), url=f"sqlite:///{path}")
    store.create_all()
    return store


@pytest.fixture(scope="session")
def mixed_dir(tmp_path_factory, hostile_dir) -> Path:
    """Good applications (one in a subfolder, one twice under another name) and every hostile file."""
    folder = tmp_path_factory.mktemp("mixed")
    (folder / "innkommet").mkdir()
    for i, (source, layout) in enumerate(GOOD):
        target = folder / ("innkommet" if i == 1 else "") / f"{source}.pdf"
        target.write_bytes(render(source, layout))
    shutil.copy(folder / f"{GOOD[0][0]}.pdf", folder / "kopi av søknad.pdf")
    (folder / "notat.txt").write_text("ikke en PDF, blir ikke lest", encoding="utf-8")
    hostile = folder / "rare"
    hostile.mkdir()
    for name in HOSTILE:
        shutil.copy(hostile_dir / name, hostile / name)
    return folder


@pytest.fixture(scope="session")
def pool():
    """Two workers, each with its own Analyzer (models loaded once), for the whole session."""
    from nlp_service.jobs.runner import WorkerPool

    with WorkerPool(workers=2) as p:
        p.wait_ready()
        yield p


@pytest.fixture
def store(tmp_path):
    """A fresh SQLite file (the data folder, with its model caches, is the session's)."""
    return make_store(tmp_path / "store.sqlite3")


@pytest.fixture(scope="session")
def mixed_run(tmp_path_factory, mixed_dir, pool):
    """The mixed folder through ``triage`` once: (store, out.jsonl, exit status)."""
    from nlp_service.jobs.triage_cli import triage

    folder = tmp_path_factory.mktemp("mixed-run")
    store = make_store(folder / "store.sqlite3")
    out = folder / "out.jsonl"
    rc = triage(mixed_dir, out, pool=pool, store=store, progress=False)
    return store, out, rc


@pytest.fixture(scope="session")
def render_pdf():
    """``render_pdf(source, layout, doc_id=None, repeat=1) -> bytes``: a corpus source as a PDF."""
    return render


@pytest.fixture(scope="session")
def new_store():
    """``new_store(path) -> Store``: a fresh SQLite file (in the session's data folder)."""
    return make_store


@pytest.fixture(scope="session")
def good_sources() -> list[tuple[str, str]]:
    return GOOD


@pytest.fixture(scope="session")
def hostile_codes() -> dict[str, str | None]:
    return HOSTILE
