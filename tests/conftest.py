"""Shared fixtures: a fresh data folder per test session, real PDFs made by the repo's renderer, documents
full of personal data, and one run of ``nlp-service analyze`` that several test modules read."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# Before anything reads the settings: every test session starts from an empty data folder.
_SESSION_DATA = Path(tempfile.mkdtemp(prefix="nlp-service-test-"))
os.environ["NLP_SERVICE_DATA_DIR"] = str(_SESSION_DATA)

REPO = Path(__file__).resolve().parents[1]


def pytest_unconfigure(config: pytest.Config) -> None:
    """The session's data folder goes when the session ends (each run left one in the temp folder)."""
    shutil.rmtree(_SESSION_DATA, ignore_errors=True)

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


def process_alive(pid: int) -> bool:
    """The process runs (not gone, not a zombie waiting to be reaped)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return _SESSION_DATA


@pytest.fixture(scope="session")
def seed_data_dir():
    """A function that gives a fresh data folder the earlier-projects index an installed service has after its
    first start. The index is built once for the session (``ProjectIndex.open``, the service's own first-start
    path, tested in tests/similarity) and copied, so the tests that start the service as a user does in a
    folder of their own do not each spend seconds of embedding on it."""
    from nlp_service.classify.features import encoder_for
    from nlp_service.config import Settings, get_settings
    from nlp_service.similarity.index import ProjectIndex, default_index_dir

    settings = get_settings()
    built = default_index_dir(settings)
    if not ProjectIndex.exists(built):
        ProjectIndex.open(built, encoder_for(settings))

    def seed(data: Path) -> Path:
        target = default_index_dir(Settings(data_dir=data))
        if not target.exists():
            shutil.copytree(built, target)
        return data

    return seed


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


#: Personal data written into the test documents: a fødselsnummer, Norwegian phone numbers with and
#: without +47, e-mail addresses and a name. None of it may reach a log or an error message.
FNR = "15076512345"
PHONES = ("+47 912 34 567", "41234567", "55 23 81 47")
EMAILS = ("kari.eidsvag@askoy.kommune.no", "prosjekt.mestring@askoy-frivillig.no")
NAME = "Kari Eidsvåg Brekkestø"
#: What is searched for in the logs (case-insensitive): each value, and the phone numbers' digits as
#: they may be written without spaces.
NEEDLES = (FNR, *PHONES, "91234567", "912 34 567", "55238147", *EMAILS, "eidsvag@", "Eidsvåg", "Brekkestø",
           "brekkesto")

PII_TEXT = f"""# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak

Søker: Askøy kommune
Prosjektnavn: Mestring og arbeid på Askøy
Kontaktperson: {NAME}
Fødselsnummer kontaktperson: {FNR}
Telefon: {PHONES[0]}
Mobil: {PHONES[1]}
Sentralbord: {PHONES[2]}
E-post: {EMAILS[0]}
Satsingsområde: 2 – Tiltak som gir psykisk støtte
Søknadsbeløp: kr 850 000
Egenandel: kr 200 000
Antall deltakere: 18

## Beskriv prosjektets mål

Prosjektet skal gi nyankomne flyktninger i introduksjonsprogrammet psykisk støtte og en raskere vei til
arbeid. Tiltaket er støttende og forebyggende, ikke behandling. Spørsmål kan sendes til {EMAILS[1]} eller
til {NAME} på telefon {PHONES[0]}. Vi starter i 2025 og avslutter i 2026.

## Samarbeidspartnere

Flyktningtjenesten samarbeider med helsestasjon for voksne og Nav Askøy. Det er etablert en styringsgruppe
som møtes hver måned. Kontakt hos Nav: {PHONES[1]}.

## Budsjett

| Post | 2025 | 2026 |
| Prosjektleder 50 % | 300 000 | 300 000 |
| Kurs og veiledning | 100 000 | 150 000 |
| Sum | 400 000 | 450 000 |
"""


def leaks(text: str) -> list[str]:
    low = text.lower()
    return [n for n in NEEDLES if n.lower() in low]


@pytest.fixture(scope="session")
def pii_files(tmp_path_factory) -> dict[str, Path]:
    """Readable applications full of personal data (two layouts), and broken files whose names and
    contents hold it: a text file named by a fødselsnummer, a truncated PDF, a PDF named by an e-mail."""
    from nlp_service.corpus.render import Layout, render_pdf

    folder = tmp_path_factory.mktemp("pii")
    letter = render_pdf(PII_TEXT, "pii-letter", Layout(name="letter"), header=f"Kontakt: {EMAILS[0]}",
                        footer=f"Tlf. {PHONES[0]}")
    form = render_pdf(PII_TEXT, "pii-form", Layout(name="form"))
    files = {
        "soknad-askoy.pdf": letter,
        f"{EMAILS[0]}.pdf": form,
        f"{FNR}-soknad.pdf": PII_TEXT.encode("utf-8"),  # text named .pdf: not_pdf
        f"cv {NAME} {FNR}.pdf": letter[: len(letter) // 3],  # truncated: corrupt_pdf
    }
    out = {}
    for name, data in files.items():
        (folder / name).write_bytes(data)
        out[name] = folder / name
    return out


@pytest.fixture(scope="session")
def pii():
    """The personal data of the test documents and the search for it (test modules cannot import
    this conftest under --import-mode=importlib)."""
    from types import SimpleNamespace

    return SimpleNamespace(FNR=FNR, PHONES=PHONES, EMAILS=EMAILS, NAME=NAME, NEEDLES=NEEDLES, TEXT=PII_TEXT,
                           leaks=leaks)


@pytest.fixture(scope="session")
def analyze_cli_run(tmp_path_factory, pdf_dir, hostile_dir, pii_files, seed_data_dir):
    """``nlp-service analyze`` run once as a user runs it, on the renderer's layouts, two hostile files and the
    documents full of personal data, with logging at DEBUG into a file (``NLP_SERVICE_LOG_LEVEL`` /
    ``NLP_SERVICE_LOG_FILE``). The model load is the slow part; test_cli reads the JSON lines,
    test_pii_logs the log file and stderr. (files, completed process, lines by file name, log text)."""
    folder = tmp_path_factory.mktemp("analyze-cli")
    log_file = folder / "service.log"
    data = folder / "data"
    data.mkdir()
    seed_data_dir(data)
    env = {**os.environ, "NLP_SERVICE_DATA_DIR": str(data), "NLP_SERVICE_LOG_LEVEL": "DEBUG",
           "NLP_SERVICE_LOG_FILE": str(log_file)}
    files = [pdf_dir / "letter.pdf", pdf_dir / "scan.pdf", pdf_dir / "ocr_damaged.pdf",
             hostile_dir / "encrypted.pdf", hostile_dir / "not_pdf.pdf", *(pii_files[n] for n in sorted(pii_files))]
    proc = subprocess.run([str(Path(sys.executable).parent / "nlp-service"), "analyze", *map(str, files)],
                          capture_output=True, text=True, env=env, timeout=900)
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    log_text = log_file.read_text(encoding="utf-8") if log_file.exists() else ""
    return files, proc, lines, log_text
