from __future__ import annotations

from nlp_service.language.detect import detect_language
from nlp_service.language.pipeline import get_nlp, sentences


def test_sentences_end_after_a_number_but_not_in_dates():
    text = ("Prosjektet varer fra 2025 til 2026. Neste fase er spredning. "
            "Søknadsfristen er 19. februar 2025. Vi har bl.a. tolv deltakere.")
    assert sentences(text) == [
        "Prosjektet varer fra 2025 til 2026.",
        "Neste fase er spredning.",
        "Søknadsfristen er 19. februar 2025.",
        "Vi har bl.a. tolv deltakere.",
    ]


def test_paragraph_breaks_and_headings_split_sentences():
    assert sentences("Målgruppe\n\nNyankomne innvandrere med kort botid") == [
        "Målgruppe", "Nyankomne innvandrere med kort botid"]


def test_lemmas_from_ordbank_and_number_words():
    doc = get_nlp()("Kommunen har tjuefem deltakere og tolv ansatte i prosjektene.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["Kommunen"] == "kommune"
    assert lemmas["deltakere"] == "deltaker"
    assert lemmas["prosjektene"] == "prosjekt"
    numbers = {t.text: t._.number for t in doc if t._.number is not None}
    assert numbers == {"tjuefem": 25, "tolv": 12}


def test_language_detection():
    assert detect_language("Vi skal ikke gjøre dette, men det er noe vi vil prøve i kommunen.") == "nb"
    assert detect_language("Me skal ikkje gjere dette, men det er noko me vil prøve i kommunen.") == "nn"
    assert detect_language("We will try this in the municipality and the county, with the partners.") == "en"
