from __future__ import annotations

from pathlib import Path

from nlp_service.language.repair import OcrRepairer

# The 2025 circular as received (OCR-damaged), copied from ../shared so the test needs nothing outside the repository
CALL = Path(__file__).resolve().parent / "rundskriv-08-2025.txt"


def test_the_call_text_is_repaired():
    result = OcrRepairer().repair(CALL.read_text(encoding="utf-8"))
    text = result.text
    for word in ("støtte", "satsingsområde", "Søknadsfrist", "særpreger", "opplæring", "Målgruppen",
                 "løsninger", "overføringsverdi", "søknaden"):
        assert word in text, word
    assert "stgtte" not in text and "szerpreger" not in text and "Sgknadsfrist" not in text
    assert "til å øke" in text or "å øke" in text  # "3 gke"
    assert result.repairs > 250


def test_clean_norwegian_and_numbers_are_left_alone():
    text = ("Kommunen søker om tilskudd i 3 år for 25 deltakere. TUKI og NAV er forkortelser. "
            "Prosjektet i Tromsø starter 1. august 2025, med en egenandel på kr 150 000.")
    result = OcrRepairer().repair(text)
    assert result.text == text
    assert result.repairs == 0


def test_only_unique_repairs_are_made():
    r = OcrRepairer()
    assert r.repair_word("stgtte") == "støtte"
    assert r.repair_word("Satsingsomrdde") == "Satsingsområde"
    assert r.repair_word("mal") is None  # "mal" is a word: left alone though it may be "mål"
    assert r.repair_word("xqzv") is None


def test_a_damaged_year_is_repaired_only_where_a_year_is_meant():
    r = OcrRepairer()
    assert r.repair("tilsvarende kr 220 000 per ar.").text == "tilsvarende kr 220 000 per år."
    assert r.repair("Prosjektet varer i to ar, og 3 ar etter").text == "Prosjektet varer i to år, og 3 år etter"
    for clean in ("Ar og dager", "opplæring i AR og VR-briller", "Kurs i AR-teknologi", "i dr. Hansens regi",
                  "Dette ér viktig", "i ar-prosjektet"):
        assert r.repair(clean).text == clean, clean
