"""Fixtures of the reliability tests: documents full of personal data, made by the repo's renderer,
and the evaluation scripts imported by path (they are scripts, not a package)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

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


def load_script(name: str):
    """An evaluation script as a module (``evaluation/<name>.py``)."""
    key = f"_evaluation_{name}"
    if key in sys.modules:
        return sys.modules[key]
    spec = importlib.util.spec_from_file_location(key, REPO / "evaluation" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module
    spec.loader.exec_module(module)
    return module


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
def load_module():
    return load_script
