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


def test_a_sentence_ends_after_an_amount_in_kr_but_not_before_one():
    """"kr." after an amount ends the sentence before a capitalised word; before an amount ("kr. 500 000") and
    before a lower-case word it is the unit."""
    text = ("Rettleiaren er verdsett til 320 000 kr. I tillegg kjem lokala. Vi søker om kr. 500 000 til prosjektet. "
            "Budsjettet er 1,2 mill. Kommunen dekker resten. Satsen er 95 kr. per time.")
    assert sentences(text) == [
        "Rettleiaren er verdsett til 320 000 kr.",
        "I tillegg kjem lokala.",
        "Vi søker om kr. 500 000 til prosjektet.",
        "Budsjettet er 1,2 mill.",
        "Kommunen dekker resten.",
        "Satsen er 95 kr. per time.",
    ]


def test_paragraph_breaks_and_headings_split_sentences():
    assert sentences("Målgruppe\n\nNyankomne innvandrere med kort botid") == [
        "Målgruppe", "Nyankomne innvandrere med kort botid"]


def test_ledger_rows_are_one_sentence_each_but_wrapped_prose_is_not_split():
    ledger = ("Art Tekst Regnskap 2025\nDriftsinntekter\n1810 Tilskudd fra IMDi 1 450 000\n"
              "1990 Egenandel 290 000\n10100 Fastlønn, prosjektleder 50 % 305 000 298 412\n"
              "10900 Pensjon (KLP) 37 000 36 402")
    assert sentences(ledger) == [
        "Art Tekst Regnskap 2025", "Driftsinntekter", "1810 Tilskudd fra IMDi 1 450 000", "1990 Egenandel 290 000",
        "10100 Fastlønn, prosjektleder 50 % 305 000 298 412", "10900 Pensjon (KLP) 37 000 36 402"]
    # amounts written "318.420,-" end a row too
    assert sentences("Art Beskrivelse Debet Kredit\n10100 Fastlønn koordinator 50 % 318.420,-\n"
                     "10900 Pensjon og arbeidsgiveravgift 82.790,-\n17500 Tilskudd fra staten, IMDi 500.000,-") == [
        "Art Beskrivelse Debet Kredit", "10100 Fastlønn koordinator 50 % 318.420,-",
        "10900 Pensjon og arbeidsgiveravgift 82.790,-", "17500 Tilskudd fra staten, IMDi 500.000,-"]
    # a line wrapped before a year, a count, an amount or a postal code inside a sentence stays one sentence
    for wrapped in ("Prosjektet startet i\n2025 med tolv deltakere, og vi fikk\n150 000 kr fra IMDi.",
                    "Vi fikk tilskudd på kr 1\n450 000 til lønn.", "Prosjektet har nådd\n200 NAV-ansatte.",
                    "Kontoret flyttet til Storgata 5 i\n2050 Jessheim.", "Satsen er satt til\n15000 NOK per deltaker.",
                    "Vi startet opp i januar 2025\n12 deltakere fullførte."):
        assert len(sentences(wrapped)) == 1, wrapped


def test_pdf_line_wraps_inside_a_sentence_are_joined():
    # a wrap before a capitalised name after a word that cannot end a sentence, and a paragraph break the
    # reader put inside a sentence (it goes on in lower case)
    assert len(sentences("ledet av frivillige fra innvandrerforeningene og\nHarstad frivilligsentral, som rekrutterer.")) == 1
    assert sentences("Vi reknar med 14\n\ndeltakarar, sju i kvar runde.") == ["Vi reknar med 14\n\ndeltakarar, sju i kvar runde."]
    # form lines, question headings, headings with their value and list items still split
    for split in ("Søker: Bodø kommune\nProsjektnavn: Trygg start", "Målgruppe\n\nNyankomne innvandrere",
                  "Hva skal midlene brukes til\nMidlene skal brukes til norskkurs.",
                  "Kva skal tilskotet nyttast til\nTilskotet skal gå til kurs.",
                  "Samarbeidspartnere: NAV, Frivilligsentralen,\nPeriode: 2025–2026",
                  "Prosjektnavn: Sammen om\nSøknadsbeløp: kr 200 000", "Målgruppe\n\nkvinner med kort botid"):
        assert len(sentences(split)) == 2, split
    assert len(sentences("Tiltak\n\no norskkurs\n\no arbeidspraksis")) == 3
    assert len(sentences("Kurset holdes hos Frivilligsentralen i\n3015 Drammen fra uke 34.")) == 1
    # a ledger of dated entries is one row a sentence; a date that wraps inside a sentence is not
    assert len(sentences("Dato Bilag Tekst Debet Kredit\n14.02.2025 25-0211 Utbetaling tilskudd IMDi kr 650 000\n"
                         "31.03.2025 25-0488 Lønn prosjektleder jan–mars kr 148 200")) == 2
    assert len(sentences("Møtet ble holdt\n14.02.2025 i Oslo.")) == 1


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


def test_a_dated_ledger_row_after_an_amount_written_with_a_dash_splits():
    assert len(sentences("15.02.2025 25-0311 Tolk 12.500,-\n31.03.2025 25-0488 Lønn prosjektleder 650.000,-")) == 2
