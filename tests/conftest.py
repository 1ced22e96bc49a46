"""Shared fixtures: a fresh data folder per test session and real PDFs made by the repo's renderer."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Before anything reads the settings: every test session starts from an empty data folder.
_SESSION_DATA = Path(tempfile.mkdtemp(prefix="nlp-service-test-"))
os.environ["NLP_SERVICE_DATA_DIR"] = str(_SESSION_DATA)

REPO = Path(__file__).resolve().parents[1]

APPLICATION_TEXT = """# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak

Søker: Askøy kommune
Prosjektnavn: Mestring og arbeid på Askøy
Satsingsområde: 2 – Tiltak som gir psykisk støtte
Søknadsbeløp: kr 850 000
Egenandel: kr 200 000
Antall deltakere: 18

## Beskriv prosjektets mål

Prosjektet skal gi nyankomne flyktninger i introduksjonsprogrammet psykisk støtte og en raskere vei til arbeid. Tiltaket er støttende og forebyggende, ikke behandling. Vi starter i 2025 og avslutter i 2026. Neste fase er spredning til nabokommunene.

## Samarbeidspartnere

Flyktningtjenesten samarbeider med helsestasjon for voksne og Nav Askøy. Det er etablert en styringsgruppe som møtes hver måned.

## Budsjett

| Post | 2025 | 2026 |
| Prosjektleder 50 % | 300 000 | 300 000 |
| Kurs og veiledning | 100 000 | 150 000 |
| Sum | 400 000 | 450 000 |
"""


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return _SESSION_DATA


@pytest.fixture(scope="session")
def pdf_dir(tmp_path_factory) -> Path:
    """One PDF of each layout of the corpus renderer, and a longer multi-page letter."""
    from nlp_service.corpus.render import LAYOUTS, Layout, render_pdf

    folder = tmp_path_factory.mktemp("pdfs")
    for name in LAYOUTS:
        pdf = render_pdf(APPLICATION_TEXT, f"test-{name}", Layout(name=name),
                         header="Askøy kommune – søknad 2025", footer="Saksnummer 25/117")
        (folder / f"{name}.pdf").write_bytes(pdf)
    long_text = APPLICATION_TEXT + "\n\n" + "\n\n".join(
        f"## Del {i}\n\nKommunen vil i del {i} prøve ut nye arbeidsmåter sammen med deltakerne og arbeidsgiverne. "
        "Erfaringene skal beskrives slik at andre kommuner kan ta dem i bruk." * 3 for i in range(1, 25))
    for name, layout in (("long", "letter"), ("long_two_column", "two_column")):
        (folder / f"{name}.pdf").write_bytes(render_pdf(
            long_text, "test-long", Layout(name=layout), header="Askøy kommune – søknad 2025",
            footer="Saksnummer 25/117"))
    return folder


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory) -> Path:
    from nlp_service.corpus.hostile import write_hostile_set

    folder = tmp_path_factory.mktemp("hostile")
    write_hostile_set(folder)
    return folder


@pytest.fixture(scope="session")
def make_sandbox():
    """A function that makes another ingest sandbox like ``sandbox`` (the caller closes it)."""
    from nlp_service.analysis import ingest_options
    from nlp_service.config import get_settings
    from nlp_service.ingest.sandbox import IngestSandbox

    return lambda: IngestSandbox(ingest_options(get_settings()), timeout_s=60, memory_mb=2048)


@pytest.fixture(scope="session")
def sandbox(make_sandbox):
    sb = make_sandbox()
    yield sb
    sb.close()
