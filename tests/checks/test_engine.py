"""The check engine on real text through the real spaCy pipeline: the keyword traps of the call, scoping,
evidence, a second call through the same engine, and the time it takes."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from nlp_service.calls import load_call
from nlp_service.checks.engine import CheckEngine
from nlp_service.checks.facts import extract_facts
from nlp_service.contract import CheckResult
from nlp_service.corpus.dataset import markup_to_text
from nlp_service.ingest.text import document_from_text
from nlp_service.language.segment import document_sentences

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def engine() -> CheckEngine:
    return CheckEngine(load_call("tuki-2025"))


def run(engine: CheckEngine, markup: str, area: str | None, kind: str = "application") -> dict[str, CheckResult]:
    doc = document_from_text(markup_to_text(markup))
    sentences = document_sentences(doc)
    facts = extract_facts(doc, sentences)
    return {r.id: r for r in engine.run(doc, sentences, area=area, kind=kind, facts=facts)}


def allowance_status(engine: CheckEngine, markup: str) -> str:
    """The status of the participant-allowance check for an area-1 application."""
    return run(engine, markup, "1")["deltakerstonad_maks_1g"].status


def booked_status(engine: CheckEngine, markup: str) -> str:
    """The status of the booked-income-and-expenses check for accounts."""
    return run(engine, markup, "2", "accounts")["regnskap_inntekter_utgifter"].status


BASE = """# Søknad om tilskudd

Søker: Askøy kommune
Prosjektnavn: Mestring og arbeid
Søknadsbeløp: kr 850 000
Antall deltakere: 18

## Om prosjektet

Prosjektet skal utvikle og prøve ut en ny modell for arbeidsrettet oppfølging i introduksjonsprogrammet.
"""


def application(participants: int) -> str:
    """BASE with its form's participant count set to ``participants``."""
    return BASE.replace("Antall deltakere: 18", f"Antall deltakere: {participants}")


# ---------------------------------------------------------------------------------- egenandel


def test_egenandel_zero_is_a_gap(engine):
    r = run(engine, BASE + "\nEgenandel: 0 kr\n", "2")["egenandel"]
    assert r.status == "gap"


def test_egenandel_to_be_clarified_is_a_gap(engine):
    r = run(engine, BASE + "\n## Budsjett\n\nKommunens egenandel avklares senere i budsjettprosessen.\n", "2")
    assert r["egenandel"].status == "gap"
    assert r["egenandel"].evidence, "a gap shows the closest thing found"


def test_egenandel_met_without_the_keyword(engine):
    text = BASE + "\n## Budsjett\n\nKommunen dekker selv 25 % med 180 000 kr i arbeidstid for programrådgiverne.\n"
    r = run(engine, text, "2")["egenandel"]
    assert r.status == "met"
    assert any("180 000" in e.text for e in r.evidence)


def test_egenandel_share_without_amount(engine):
    r = run(engine, BASE + "\nKommunen dekker selv 30 % av de samlede kostnadene gjennom arbeidstid.\n", "1")
    assert r["egenandel"].status == "met"


# ---------------------------------------------------------------------------------- participants


def test_employees_beside_eight_participants(engine):
    text = BASE.replace("Antall deltakere: 18\n", "") + (
        "\nFlyktningtjenesten har tjue ansatte som skal få opplæring. Vi starter med 8 deltakere i første gruppe.\n")
    r = run(engine, text, "2")["minst_ti_deltakere"]
    assert r.status == "gap"
    assert "8" in r.message


def test_ten_participants_in_words(engine):
    text = BASE.replace("Antall deltakere: 18\n", "") + "\nVi regner med tjue deltakere det første året.\n"
    r = run(engine, text, "2")["minst_ti_deltakere"]
    assert r.status == "met"
    assert r.evidence and "tjue deltakere" in r.evidence[0].text


# ---------------------------------------------------------------------------------- earlier projects


def test_no_earlier_projects_is_a_gap(engine):
    text = BASE + "\n## Tidligere erfaring\n\nVi har ikke tidligere gjennomført prosjekter av denne typen.\n"
    assert run(engine, text, "2")["tidligere_prosjekter"].status == "gap"


def test_named_earlier_project_is_met(engine):
    text = BASE + ("\n## Tidligere erfaring\n\nAskøy kommune gjennomførte i 2021–2023 prosjektet «Jobbspor» med "
                   "tilskudd fra IMDi.\n")
    r = run(engine, text, "2")["tidligere_prosjekter"]
    assert r.status == "met"
    assert "Jobbspor" in r.evidence[0].text


def test_others_projects_do_not_count(engine):
    text = BASE + "\nVi har lært mye av Bergen kommunes prosjekt «Helse i intro» fra 2022.\n"
    assert run(engine, text, "2")["tidligere_prosjekter"].status == "gap"


# ---------------------------------------------------------------------------------- transfer value


def test_vague_transfer_value_is_a_gap(engine):
    text = BASE + "\n## Overføringsverdi\n\nProsjektet kan ha overføringsverdi for andre kommuner.\n"
    assert run(engine, text, "2")["overforingsverdi"].status == "gap"


def test_concrete_transfer_value_is_met(engine):
    text = BASE + ("\n## Overføringsverdi\n\nVi skal lage en veileder med maler som gjøres fritt tilgjengelig for "
                   "andre kommuner.\n")
    assert run(engine, text, "2")["overforingsverdi"].status == "met"


# ---------------------------------------------------------------------------------- ordinary operation


def test_ordinary_operation_is_a_gap(engine):
    text = BASE + "\n## Budsjett\n\n| Post | 2025 | 2026 |\n| Lønn programrådgiver (fast stilling i Flyktningtjenesten) | 300 000 | 300 000 |\n"
    r = run(engine, text, "2")["ikke_ordinaer_drift"]
    assert r.status == "gap"
    assert "fast stilling" in r.evidence[0].text


def test_new_temporary_position_is_not_ordinary_operation(engine):
    text = BASE + "\nProsjektlederstillingen er ny og midlertidig, og ingen faste stillinger finansieres av tilskuddet.\n"
    assert run(engine, text, "2")["ikke_ordinaer_drift"].status == "met"


# ---------------------------------------------------------------------------------- applicant


def test_kommune_in_area_4_is_wrong_applicant(engine):
    r = run(engine, BASE, "4")["riktig_soker"]
    assert r.status == "gap"
    assert "fylkeskommune" in r.message


def test_fylkeskommune_in_area_4_is_right(engine):
    r = run(engine, BASE.replace("Askøy kommune", "Vestland fylkeskommune"), "4")["riktig_soker"]
    assert r.status == "met"


def test_unknown_area_makes_applicant_uncertain(engine):
    assert run(engine, BASE, None)["riktig_soker"].status == "uncertain"


# ---------------------------------------------------------------------------------- area 2


AREA2 = BASE + """
## Samarbeid

{samarbeid}

## Om tiltaket

{tiltak}
"""


def test_relevant_actors_unnamed_is_a_gap(engine):
    text = AREA2.format(samarbeid="Vi vil samarbeide med relevante aktører i kommunen.",
                        tiltak="Tiltaket er støttende og forebyggende.")
    assert run(engine, text, "2")["samarbeidspartnere"].status == "gap"


def test_named_partners_with_organisation_is_met(engine):
    text = AREA2.format(
        samarbeid=("Det opprettes en styringsgruppe med leder for Nav Askøy, rektor ved Askøy voksenopplæring og "
                   "leder for psykisk helsetjeneste, som møtes hver måned."),
        tiltak="Gruppene ledes av en psykiatrisk sykepleier og en programrådgiver fra introduksjonsprogrammet.")
    r = run(engine, text, "2")
    assert r["samarbeidspartnere"].status == "met"
    assert r["tverrfaglig_samarbeid"].status == "met"


def test_only_qualification_side_is_not_interdisciplinary(engine):
    text = AREA2.format(
        samarbeid="Det etableres et tverrfaglig team med flyktningkonsulent, Nav-veileder og lærer som møtes hver uke.",
        tiltak="Tiltaket er støttende.")
    assert run(engine, text, "2")["tverrfaglig_samarbeid"].status == "gap"


def test_treatment_after_referral_is_a_gap(engine):
    text = AREA2.format(samarbeid="", tiltak=(
        "For deltakere som trenger mer, gir psykologen et kort behandlingsforløp etter henvisning fra fastlege."))
    r = run(engine, text, "2")["ikke_behandling"]
    assert r.status == "gap"
    assert "henvisning" in r.evidence[0].text


def test_not_treatment_is_met(engine):
    text = AREA2.format(samarbeid="", tiltak="Tiltaket er forebyggende og ikke behandling, og det kreves ingen henvisning.")
    assert run(engine, text, "2")["ikke_behandling"].status == "met"


# ---------------------------------------------------------------------------------- area 4 and 5


def test_police_only_in_the_background_is_a_gap(engine):
    text = BASE.replace("Askøy kommune", "Vestland fylkeskommune") + (
        "\nPolitiet har tidligere meldt om flere saker der arbeidsinnvandrere er blitt utnyttet.\n")
    assert run(engine, text, "4")["dialog_offentlige_aktorer"].status == "gap"


def test_state_actors_in_the_project_is_met(engine):
    text = BASE.replace("Askøy kommune", "Vestland fylkeskommune") + (
        "\nSkatteetaten, Vest politidistrikt og Nav Stord sitter i samarbeidsgruppen sammen med de fire kommunene.\n")
    r = run(engine, text, "4")["dialog_offentlige_aktorer"]
    assert r.status == "met"
    assert "Skatteetaten" in r.evidence[0].text


def test_voluntary_participation_is_not_civil_society(engine):
    text = BASE + "\nDeltakelse i gruppene er frivillig, og vi legger vekt på at frivillig deltakelse gir motivasjon.\n"
    assert run(engine, text, "5")["involvering_sivilsamfunn"].status == "gap"


def test_civil_society_involved_is_met(engine):
    text = BASE + "\nAskøy idrettslag og to innvandrerforeninger er med og planlegger de åpne møtene.\n"
    assert run(engine, text, "5")["involvering_sivilsamfunn"].status == "met"


# ---------------------------------------------------------------------------------- area 1


def test_curriculum_and_local_curriculum(engine):
    met = BASE + "\nNorskopplæringen følger læreplan i norsk og samfunnskunnskap for voksne innvandrere.\n"
    gap = BASE + "\nVi skal utarbeide ein eigen lokal læreplan for løpet, med mål for kvart halvår.\n"
    assert run(engine, met, "1")["laereplan_fov"].status == "met"
    assert run(engine, gap, "1")["laereplan_fov"].status == "gap"


def test_participant_allowance(engine):
    over = BASE + "\nVi søker om deltakerstønad på 12 500 kroner i måneden per deltaker.\n"
    under = BASE + "\nDeltakerne får deltakerstønad på 70 000 kroner per deltaker i året.\n"
    assert allowance_status(engine, over) == "gap"
    assert allowance_status(engine, under) == "met"
    assert allowance_status(engine, BASE) == "not_applicable"


# ---------------------------------------------------------------------------------- scope and shape


def test_every_check_in_call_order_with_scope(engine):
    results = run(engine, BASE, "1")
    assert list(results) == [c.id for c in engine.call.checks]
    assert results["lokalt_saerpreg"].status == "not_applicable"
    assert results["dialog_offentlige_aktorer"].status == "not_applicable"
    assert results["status_fremdrift"].status == "not_applicable"
    for r in results.values():
        assert r.message and r.rule
        for e in r.evidence:
            assert e.page >= 1 and e.text


def test_report_checks(engine):
    status = """# Statusrapport per 1. september 2025

Tilskuddsmottaker: Askøy kommune

Prosjektet startet som planlagt 1. mai 2025. Første gruppe begynte 19. mai med 12 deltakere, én uke senere enn planlagt.
"""
    vague = "# Statusrapport 2025\n\nProsjektet er godt i gang, og vi opplever stort engasjement.\n"
    assert run(engine, status, "2", "status_report")["status_fremdrift"].status == "met"
    assert run(engine, vague, "2", "status_report")["status_fremdrift"].status == "gap"
    accounts = """# Prosjektregnskap 2025

| Post | Budsjett | Regnskap |
| Tilskudd fra IMDi | 500 000 | 500 000 |
| Sum utgifter | 500 000 | 487 000 |

Regnskapet er godkjent.

Kari Nordmann
prosjektleder
"""
    r = run(engine, accounts, "2", "accounts")
    assert r["regnskap_inntekter_utgifter"].status == "met"
    assert r["regnskap_godkjent"].status == "gap"
    signed = accounts + "\nPer Hansen\nkommunalsjef, Helse og velferd (overordnet leder)\n"
    assert run(engine, signed, "2", "accounts")["regnskap_godkjent"].status == "met"
    assert r["egenandel"].status == "not_applicable"


# ---------------------------------------------------------------------------------- accounts

ACCOUNTS_HEAD = """# Regnskap for tilskudd 2025

Tilskuddsmottaker: Askøy kommune

Kommunen fikk ved tilsagnsbrev av 3. april 2025 tilskudd på kr 640 000 til prosjektet.

"""


def test_accounts_with_booked_income_and_expenses_are_met(engine):
    markup = ACCOUNTS_HEAD + """## Regnskap 2025

| Post | Budsjett 2025 | Bokført 2025 |
| Inntekter | | |
| Tilskudd fra IMDi | 640 000 | 640 000 |
| Utgifter | | |
| Lønn prosjektleder 50 % | 365 000 | 358 912 |
| Tolketjenester | 70 000 | 83 240 |
| Sum | 435 000 | 442 152 |
"""
    r = run(engine, markup, "2", "accounts")["regnskap_inntekter_utgifter"]
    assert r.status == "met"
    assert any("Tilskudd fra IMDi" in e.text for e in r.evidence)


def test_expenses_without_income_are_a_gap(engine):
    """The grant award told in the cover letter is not booked income: half the accounts is a gap."""
    markup = ACCOUNTS_HEAD + """## Regnskap 2025

| Kostnadsart | Budsjett 2025 | Bokført 2025 | Avvik |
| Lønn prosjektleder 50 % | 365 000 | 358 912 | -6 088 |
| Tolketjenester | 70 000 | 83 240 | 13 240 |
| Sum | 435 000 | 442 152 | 7 152 |
"""
    assert booked_status(engine, markup) == "gap"


#: A fourth column beside budget and accounts: its header, then a value for each of the three rows.
_DEVIATION = ("Avvik", "0", "6 088", "-13 240")
_NEXT_BUDGET = ("Budsjett 2026", "700 000", "380 000", "80 000")


def _accounts(note: str, column: str = "Regnskap 2025", *, fourth: tuple[str, ...] | None = None,
              income: str = "Tilskudd fra IMDi", note_below: bool = False) -> str:
    """ACCOUNTS_HEAD and a table of the year's income and expenses beside the budget (the grant, a salary,
    interpreters) under the accounts column ``column``, with ``note`` above it (or below it)."""
    rows = [("Post", "Budsjett 2025", column), (income, "640 000", "640 000"),
            ("Lønn prosjektleder 50 %", "365 000", "358 912"), ("Tolketjenester", "70 000", "83 240")]
    if fourth:
        rows = [(*r, extra) for r, extra in zip(rows, fourth)]
    table = "".join("| " + " | ".join(r) + " |\n" for r in rows)
    body = table + "\n" + note + "\n" if note_below else note + "\n\n" + table
    return ACCOUNTS_HEAD + "## Regnskap 2025\n\n" + body


def test_the_budget_beside_the_booked_figures_is_no_sign_of_a_plan_and_an_estimated_month_is(engine):
    """"Tabellen viser budsjett og regnskapsførte tall" says what the columns are, both of them; a column of
    figures "per 9.12. + stipulert desember" holds an estimate, not the year's booked accounts."""
    both = _accounts("Tabellen viser budsjett og regnskapsførte tall per 31.12.2025, hentet fra kommunens "
                     "økonomisystem.")
    assert booked_status(engine, both) == "met"
    estimated = _accounts("Tala er henta frå økonomisystemet.", "Rekneskap 2025 (per 9.12. + stipulert desember)")
    assert booked_status(engine, estimated) == "gap"
    # the income of the accounts set against the budget is booked income, not the budget shown as accounts
    same = _accounts("Samla inntekter i rekneskapen er dermed 640 000 kr, som er det same som i budsjettet.",
                     "Rekneskap 2025")
    assert booked_status(engine, same) == "met"
    # ... but an estimate or figures to follow in the same sentence still make it a gap
    for intro in ("Tabellen viser budsjett og regnskap per 30. november, og utgiftene for desember er anslått.",
                  "Endelig regnskap ettersendes; her vises budsjett og regnskap så langt.",
                  "Oversikten viser budsjett og regnskap, men desember er ennå ikke bokført."):
        assert booked_status(engine, _accounts(intro)) == "gap", intro
    # "stipulert" as an allocation key in booked accounts is no estimate of the figures
    key = _accounts("Tallene er hentet fra kommunens økonomisystem. Husleie er stipulert etter areal og belastet "
                    "prosjektet ved internfakturering.")
    assert booked_status(engine, key) == "met"


def test_budget_table_is_not_booked(engine):
    """A budget column under an accounts title: the table's own header decides, not the document's title."""
    markup = ACCOUNTS_HEAD + """## Regnskap

| Post | Budsjett 2025 |
| Tilskudd fra IMDi | 640 000 |
| Lønn prosjektleder 50 % | 365 000 |
| Tolketjenester | 70 000 |
"""
    assert booked_status(engine, markup) == "gap"
    booked = markup.replace("| Post | Budsjett 2025 |", "| Post | Budsjett 2025 | Regnskap 2025 |")
    assert booked_status(engine, booked) == "met"


def test_income_only_and_promised_spending_are_a_gap(engine):
    income_only = ACCOUNTS_HEAD + """## Regnskap 2025

| Inntekter | Regnskap 2025 |
| Tilskudd fra IMDi | 640 000 |
| Egenandel | 160 000 |
| Sum | 800 000 |
"""
    assert booked_status(engine, income_only) == "gap"
    promised = ACCOUNTS_HEAD + """## Regnskap 2025

Vi forventer å motta 640 000 kr i tilskudd fra IMDi, og kommunen skal bruke 450 000 kr til lønn.
"""
    assert booked_status(engine, promised) == "gap"


def test_figures_said_to_be_a_forecast_are_a_gap(engine):
    markup = ACCOUNTS_HEAD + """## Regnskap 2025

| Post | Regnskap 2025 |
| Tilskudd fra IMDi | 640 000 |
| Lønn prosjektleder 50 % | 365 000 |

Tallene er en prognose per 20. november; endelig regnskap ettersendes.
"""
    r = run(engine, markup, "2", "accounts")["regnskap_inntekter_utgifter"]
    assert r.status == "gap"
    assert any("prognose" in e.text for e in r.evidence)


def test_ledger_with_account_codes_and_prose_accounts(engine):
    """A ledger extract (account codes, income as minus lines) and accounts told in sentences."""
    ledger = ACCOUNTS_HEAD + """## Regnskapsutskrift

| Art | Tekst | Regnskap 2025 |
| | Driftsinntekter | |
| 1810 | Tilskudd fra IMDi | -640 000 |
| | Driftsutgifter | |
| 1010 | Fastlønn prosjektleder | 412 000 |
| 1150 | Kurs for veiledere | 47 318 |
"""
    assert booked_status(engine, ledger) == "met"
    prose = ACCOUNTS_HEAD + """## Inntekter

Kommunen mottok kr 640 000 i tilskudd fra IMDi for 2025, inntektsført på prosjektets koststed.

## Utgifter

Til sammen er det bokført 612 400 kr i utgifter på tilskuddet, mest lønn og tolk.
"""
    assert booked_status(engine, prose) == "met"


def test_annual_report_grant_use_is_not_the_own_resources_or_the_total(engine):
    head = "# Årsrapport 2025\n\nTilskuddsmottaker: Askøy kommune\n\n## Bruk av tilskuddet\n\n"
    own = head + "Bydelen har lagt egne ressurser inn i tiltaket: 30 % av en seksjonsleders stilling, om lag 290 000 kr.\n"
    total = head + "Tilskuddet på kr 650 000 er i sin helhet benyttet i 2025.\n"
    used = head + "Tilskuddet er brukt til lønn for koordinator i 50 % stilling (410 000 kr) og tolk (60 000 kr).\n"
    assert run(engine, own, "1", "annual_report")["rapport_bruk_av_tilskudd"].status == "gap"
    assert run(engine, total, "1", "annual_report")["rapport_bruk_av_tilskudd"].status == "gap"
    assert run(engine, used, "1", "annual_report")["rapport_bruk_av_tilskudd"].status == "met"
    # under a heading that does not name the grant, the sentence itself must say it is the money
    nynorsk = ("# Årsrapport 2025\n\nTilskotsmottakar: Valle kommune\n\n## Økonomi\n\n"
               "Pengane frå IMDi gjekk til desse tinga: 171 000 kr til frikjøp av sjukepleiar og 38 000 kr til tolk.\n")
    assert run(engine, nynorsk, "2", "annual_report")["rapport_bruk_av_tilskudd"].status == "met"


def test_nynorsk_prose_accounts_and_a_forecast_column(engine):
    prose = ACCOUNTS_HEAD + """## Rekneskap 2025

I 2025 kom det inn til saman kr 980 000 på prosjektet: kr 780 000 i tilskot frå IMDi og kr 200 000 i eigendel.
Ifølgje rekneskapen per 31. desember gjekk kr 512 340 til lønn for prosjektkoordinator.
"""
    assert run(engine, prose, "3", "accounts")["regnskap_inntekter_utgifter"].status == "met"
    forecast = ACCOUNTS_HEAD + """## Regnskap 2025

| Post | Budsjett 2025 | Regnskap 2025 |
| Tilskudd IMDi | 640 000 | 640 000 |
| Husleie | 240 000 | 240 000 |

Kolonnen «Regnskap 2025» viser belastet per 30.11. pluss forventede kostnader for desember.
"""
    assert booked_status(engine, forecast) == "gap"
    beside = forecast.replace("Kolonnen «Regnskap 2025» viser belastet per 30.11. pluss forventede kostnader for desember.",
                              "Oppsettet viser budsjett og det som faktisk er rekneskapsført på prosjektet i 2025.")
    assert booked_status(engine, beside) == "met"


def test_accounts_told_as_what_they_show_and_a_projected_year(engine):
    shown = ACCOUNTS_HEAD + """## Inntekter og kostnader

Rekneskapen for 2025, slik han ligg i økonomisystemet etter årsavslutninga, viser inntekter på kr 735 000 og
kostnader på kr 712 480.
"""
    assert run(engine, shown, "5", "accounts")["regnskap_inntekter_utgifter"].status == "met"
    projected = ACCOUNTS_HEAD + """## Resultat 2025

Årsoppgjøret lukkes først 15. februar. Økonomirådgiver har satt opp årsresultatet ut fra bokført per 30. november,
fremskrevet med kjente kostnader for desember.

| Post | Budsjett | Resultat 2025 |
| Tilskudd fra IMDi | 640 000 | 640 000 |
| Lønn prosjektleder | 400 000 | 396 000 |
"""
    r = run(engine, projected, "1", "accounts")["regnskap_inntekter_utgifter"]
    assert r.status == "gap" and any("fremskrevet" in e.text for e in r.evidence)


def test_one_person_in_both_roles_is_not_two_approvals(engine):
    tail = "\n\n## Godkjenning\n\n"
    one = ACCOUNTS_HEAD + tail + ("Rekneskapen er gjennomgått og godkjend av Ragnhild Østebø, kommunalsjef for kultur og "
                                  "inkludering, som også er prosjektansvarleg.\n\nRagnhild Østebø\n"
                                  "kommunalsjef kultur og inkludering / prosjektansvarleg\n")
    assert run(engine, one, "5", "accounts")["regnskap_godkjent"].status == "gap"
    two = ACCOUNTS_HEAD + tail + ("Rekneskapen er godkjend av prosjektansvarleg og kommunalsjefen.\n\n"
                                  "Eli Grytøyr\nprosjektansvarleg\n\nRagnhild Østebø\nkommunalsjef kultur og inkludering\n")
    assert run(engine, two, "5", "accounts")["regnskap_godkjent"].status == "met"


def test_second_call_runs_through_the_same_engine():
    engine = CheckEngine(load_call(HERE / "second_call.yaml"))
    text = ("Søker: Gjøvik kommune\nSøknadsbeløp: kr 90 000\nAntall deltakere: 12\n\n"
            "Språkkafeen drives sammen med Gjøvik frivilligsentral og to idrettslag.\n")
    r = run(engine, text, "A")
    assert [x for x in r] == ["budsjett_oppgitt", "minst_fem_deltakere", "frivillige_med", "arbeidsgiver_med"]
    assert r["budsjett_oppgitt"].status == "met"
    assert r["minst_fem_deltakere"].status == "met"
    assert r["frivillige_med"].status == "met"
    assert r["arbeidsgiver_med"].status == "not_applicable"
    r = run(engine, "Søker: Gjøvik kommune\n\nDeltakelse er frivillig deltakelse for alle.\n", "A")
    assert r["budsjett_oppgitt"].status == "gap" and r["frivillige_med"].status == "gap"


def test_checks_on_a_15_page_document_are_fast(engine):
    paragraph = ("Kommunen vil prøve ut nye arbeidsmåter sammen med deltakerne og arbeidsgiverne, og Nav Askøy deltar "
                 "i styringsgruppen som møtes hver måned. Erfaringene skal beskrives i en veileder som gjøres fritt "
                 "tilgjengelig for andre kommuner. Deltakerne får oppfølging av en programrådgiver og en psykiatrisk "
                 "sykepleier fra kommunens psykiske helsetjeneste. ")
    text = BASE + "\n\n".join(f"## Del {i}\n\n" + paragraph * 6 for i in range(1, 40))
    doc = document_from_text(markup_to_text(text))
    assert len(doc.pages) >= 15
    sentences = document_sentences(doc)
    facts = extract_facts(doc, sentences)
    engine.run(doc, sentences, area="2", kind="application", facts=facts)  # warm the token cache
    t0 = time.perf_counter()
    engine.run(doc, sentences, area="2", kind="application", facts=facts)
    elapsed = time.perf_counter() - t0
    assert elapsed < 1.0, f"{elapsed:.2f} s"  # typically ~0.1 s; loose bound for busy machines


def test_embeddings_must_match_sentences(engine):
    doc = document_from_text(BASE)
    sentences = document_sentences(doc)
    with pytest.raises(ValueError):
        engine.run(doc, sentences, area="2", kind="application", facts=extract_facts(doc, sentences),
                   embeddings=np.zeros((len(sentences) + 1, 384), dtype=np.float32))


def test_semantic_detectors_with_shared_embeddings():
    """Shared sentence embeddings drive the semantic detectors (no model needed: exemplars are encoded by a
    tiny deterministic encoder over character trigrams, the same vectors the sentences get)."""

    class TrigramEncoder:
        def _vec(self, text: str) -> np.ndarray:
            v = np.zeros(384, dtype=np.float32)
            t = f"  {text.lower()}  "
            for i in range(len(t) - 2):
                v[hash(t[i:i + 3]) % 384] += 1.0
            return v / max(float(np.linalg.norm(v)), 1e-9)

        def encode_passages(self, texts):
            return np.stack([self._vec(t) for t in texts]) if texts else np.zeros((0, 384), np.float32)

        encode_queries = encode_passages

    enc = TrigramEncoder()
    engine = CheckEngine(load_call("tuki-2025"), encoder=enc)
    # a sentence identical to an exemplar, but which the lemma rules do not take (no year, no quotes)
    exemplar = engine.call.check("tidligere_prosjekter").detectors[2].exemplars[1]
    doc = document_from_text(BASE + "\n" + exemplar + "\n")
    sentences = document_sentences(doc)
    facts = extract_facts(doc, sentences)
    shared = enc.encode_passages([s.text for s in sentences])
    r = {x.id: x for x in engine.run(doc, sentences, area="2", kind="application", facts=facts, embeddings=shared)}
    assert r["tidligere_prosjekter"].status == "uncertain"
    assert any(exemplar[:30] in e.text for e in r["tidligere_prosjekter"].evidence)


GENERIC_LOCAL = """# Søknad om tilskudd

Søker: Askøy kommune
Prosjektnavn: Mestring og arbeid

## 2. Lokalt særpreg

Askøy kommune har de siste årene bosatt mange flyktninger, og vi ser de samme utfordringene som andre kommuner.
Forskning fra NKVTS viser at mange flyktninger har symptomer på angst og depresjon.
"""


def test_a_local_heading_and_an_earlier_project_are_not_local_conditions(engine):
    assert run(engine, GENERIC_LOCAL, "2")["lokalt_saerpreg"].status == "gap"
    earlier = GENERIC_LOCAL + ("\nBydelen gjennomførte i 2022–2023 prosjektet «Ny start», et løp for unge flyktninger med "
                               "praksis i bedrifter i Nydalen.\n")
    assert run(engine, earlier, "2")["lokalt_saerpreg"].status == "gap"
    local = GENERIC_LOCAL + ("\nMange av de bosatte bor spredt i kommunen, og det er lang reisevei og dårlig "
                             "kollektivtilbud til voksenopplæringen på Kleppestø.\n")
    assert run(engine, local, "2")["lokalt_saerpreg"].status == "met"


def test_a_share_of_permanent_staff_is_background_not_ordinary_operation(engine):
    share = BASE + ("\nNesten hver femte innbygger under 40 år har innvandrerbakgrunn, men blant de fast ansatte i "
                    "kommunen er andelen under 7 prosent.\n")
    assert run(engine, share, "5")["ikke_ordinaer_drift"].status != "gap"
    paid = BASE + "\nTilskuddet skal dekke lønn til to faste ansatte i flyktningtjenesten, 50 % stilling hver.\n"
    assert run(engine, paid, "5")["ikke_ordinaer_drift"].status == "gap"


def test_two_signers_with_the_same_title_are_peers_not_owner_and_superior(engine):
    head = ACCOUNTS_HEAD + "\n## Godkjenning\n\nRegnskapet er gjennomgått og godkjent av undertegnede.\n\n"
    peers = head + ("Hilde Marie Rustad\nenhetsleder Enebakk voksenopplæring, prosjektansvarlig\n\n"
                    "Rune Kjeldstadli\nenhetsleder flyktningtjenesten\n")
    assert run(engine, peers, "1", "accounts")["regnskap_godkjent"].status == "gap"
    superior = head + ("Hilde Marie Rustad\nenhetsleder Enebakk voksenopplæring, prosjektansvarlig\n\n"
                       "Rune Kjeldstadli\nkommunalsjef for oppvekst\n")
    assert run(engine, superior, "1", "accounts")["regnskap_godkjent"].status == "met"
    # the owner's title named again beside the superior's in one sentence does not make them peers
    both = ACCOUNTS_HEAD + ("\n## Godkjenning\n\nRegnskapet er godkjent av prosjektansvarlig, avdelingsdirektør Kjersti "
                            "Aas, og av bydelsdirektør Tor Lind.\n\nKjersti Aas\navdelingsdirektør, prosjektansvarlig\n")
    assert run(engine, both, "2", "accounts")["regnskap_godkjent"].status == "met"


def test_results_of_another_project_or_of_the_whole_programme_are_not_the_projects(engine):
    head = "# Årsrapport 2025\n\nTilskuddsmottaker: Askøy kommune\n\n## Resultater\n\n"
    cases = [
        "I prosjektet «Jobbspor» i 2022–2023 kom 7 av 10 deltakere over i arbeid eller utdanning.",
        "Ifølge IMDis tall var 64 % av dem som avsluttet introduksjonsprogrammet i 2024 i arbeid eller utdanning.",
        "Av 52 deltakere som avsluttet programmet, gikk 35 over til arbeid eller utdanning (67 %), mot 58 % året før.",
        "De 16 deltakerne er fortsatt i programmet, og det er for tidlig å si hvor mange som går over i arbeid.",
    ]
    for sentence in cases:
        assert run(engine, head + sentence + "\n", "1", "annual_report")["rapport_maloppnaelse"].status != "met", sentence
    own = head + "Av de 14 deltakerne i prosjektet har 9 gått over i arbeid, og 3 har bestått norskprøven på B1.\n"
    assert run(engine, own, "1", "annual_report")["rapport_maloppnaelse"].status == "met"


def test_a_copy_to_the_director_and_an_approval_still_to_come_are_not_approvals(engine):
    copy = ACCOUNTS_HEAD + ("\n## Godkjenning\n\nRegnskapet er gjennomgått og godkjent av undertegnede som prosjektleder.\n\n"
                            "Kari Nes\nprosjektleder\n\nKopi: kommunedirektør Geir Vikse\n")
    assert run(engine, copy, "3", "accounts")["regnskap_godkjent"].status == "gap"
    later = ACCOUNTS_HEAD + ("\n## Godkjenning\n\nRekneskapen er sett opp og kontrollert av prosjektleiar. Han vert lagd fram "
                             "for einingsleiar og kommunalsjef for godkjenning på leiarmøtet 10. februar.\n\n"
                             "Torunn Bjåen\nprosjektleiar\n")
    assert run(engine, later, "2", "accounts")["regnskap_godkjent"].status == "gap"


def test_accounts_whose_final_figures_follow_or_that_repeat_the_application_are_not_booked(engine):
    table = "\n| Post | Budsjett | Regnskap 2025 |\n| Tilskudd fra IMDi | 700 000 | 700 000 |\n| Lønn | 340 000 | 291 540 |\n"
    later = ACCOUNTS_HEAD + "## Regnskap 2025\n" + table + (
        "\nEndelige tall sendes inn som supplement når bydelens årsoppgjør er avsluttet i mars 2026.\n")
    assert booked_status(engine, later) == "gap"
    copied = ACCOUNTS_HEAD + "## Regnskap 2025\n" + table + (
        "\nOppstillingen følger postene og beløpene i søknaden og tilsagnsbrevet.\n")
    assert booked_status(engine, copied) == "gap"


def test_rules_a_reviewer_found_too_wide(engine):
    head = "# Årsrapport 2025\n\nTilskuddsmottaker: Askøy kommune\n\n## Resultater\n\n"
    for own in ("Siden prosjektstart i 2024 har 9 av 14 deltakere gått over i arbeid.",
                "Av de 14 deltakerne gikk 10 (72 %) over i arbeid eller utdanning, mot et mål på 60 %."):
        assert run(engine, head + own + "\n", "1", "annual_report")["rapport_maloppnaelse"].status == "met", own
    # prose about the roles does not make the superior's signature a peer's; a copy enclosed is no copy recipient
    sign = ACCOUNTS_HEAD + ("\n## Godkjenning\n\nProsjektansvarlig rapporterer til kommunalsjef for oppvekst.\n"
                            "Regnskapet er godkjent av undertegnede, signert kopi vedlagt.\n\n"
                            "Kari Nes\nenhetsleder, prosjektansvarlig\n\nPer Olsen\nkommunalsjef for oppvekst\n")
    assert run(engine, sign, "1", "accounts")["regnskap_godkjent"].status == "met"
    peers = ACCOUNTS_HEAD + ("\n## Godkjenning\n\nGodkjent av undertegnede.\n\nKari Nes\nenhetsleder, prosjektleder\n\n"
                             "Ola Berg\nenhetsleder flyktningtjenesten\n")
    assert run(engine, peers, "1", "accounts")["regnskap_godkjent"].status == "gap"
    # booked accounts whose final version was sent, or laid out by the application's posts
    table = "\n| Post | Budsjett | Regnskap 2025 |\n| Tilskudd fra IMDi | 700 000 | 700 000 |\n| Lønn | 340 000 | 291 540 |\n"
    for note in ("Det endelige regnskapet er sendt IMDi 20. februar.", "Regnskapet følger postene i søknaden."):
        doc = ACCOUNTS_HEAD + "## Regnskap 2025\n" + table + "\n" + note + "\n"
        assert booked_status(engine, doc) == "met", note
    # a share of the wages of permanent posts paid by the grant is ordinary operation
    share = BASE + "\nTilskuddet skal dekke andelen på 50 % av lønnen til to faste lærerstillinger.\n"
    assert run(engine, share, "5")["ikke_ordinaer_drift"].status == "gap"


# ------------------------------------------------------------------ cases from the twelfth batch (session 6)

BOOKED_EXPENSES = """
| Art | Bokført 2025 |
| --- | --- |
| Psykolog 30 %, lønn inkl. sosiale kostnader | 214 300 |
| Tolketjenester | 41 920 |
| Sum | 256 220 |
"""


def test_an_organisation_number_is_not_booked_income(engine):
    """Expenses alone are half the accounts, even when a header line holds "Tilskudd..." and a nine-digit
    organisation number that reads like a sum."""
    markup = ("# Regnskap for tilskudd 2025\n\nTilskuddsmottaker: Oslo kommune, bydel St. Hanshaugen\n"
              "Org.nr.: 974 778 734\nInnvilget tilskudd 2025: kr 410 000\n\n## Regnskapsoversikt\n" + BOOKED_EXPENSES)
    assert booked_status(engine, markup) == "gap"


def _booked_with_note(note: str) -> str:
    """Booked accounts of both sides, under a note that may say they are not final."""
    return f"""# Regnskap 2025\n\nSøker: Hå kommune\n\n{note}\n
| Post | Regnskap 2025 |
| Tilskudd fra IMDi | 350 000 |
| Lønn prosjektmedarbeider | 224 870 |
| Kurs | 48 500 |
"""


@pytest.mark.parametrize("note", [
    "Oversikten er tatt ut av økonomisystemet 9. januar. Tallene kan derfor bli justert noe når årsoppgjøret er ferdig.",
    "Prosjektregnskapet nedenfor viser revidert ramme slik den ble vedtatt i styringsgruppa i juni.",
])
def test_figures_still_to_change_or_a_revised_frame_are_not_booked(engine, note):
    assert run(engine, _booked_with_note(note), "5", "accounts")["regnskap_inntekter_utgifter"].status == "gap"
    assert run(engine, _booked_with_note(""), "5", "accounts")["regnskap_inntekter_utgifter"].status == "met"


def test_one_person_who_is_both_project_owner_and_superior_is_one_approval(engine):
    one = ACCOUNTS_HEAD + ("Rekneskapen er godkjend av kommunalsjef for helse og omsorg Ingebjørg Aarflot, som er "
                           "prosjektansvarleg og overordna leiar for tenesta.\n")
    assert run(engine, one, "2", "accounts")["regnskap_godkjent"].status == "gap"
    two = ACCOUNTS_HEAD + ("Rekneskapen er godkjend av prosjektansvarleg Kari Eide og av kommunalsjef for helse og "
                           "omsorg Ingebjørg Aarflot som overordna leiar.\n")
    assert run(engine, two, "2", "accounts")["regnskap_godkjent"].status == "met"


def test_an_idea_from_another_municipalitys_project_is_not_an_earlier_project(engine):
    head = "# Søknad om tilskudd\n\nSøker: Grimstad kommune\nAntall deltakere: 14\n\n## Erfaring\n\n"
    idea = ("Ideen til bransjeløpet har vi fra Arendal kommune, som i 2022–2023 prøvde ut et lignende kurs i lager "
            "og logistikk.\n")
    assert run(engine, head + idea, "1")["tidligere_prosjekter"].status == "gap"
    own = "Vi gjennomførte i 2022–2023 prosjektet «Jobbspor» med tilskudd fra IMDi, der 12 deltakere fikk praksis.\n"
    assert run(engine, head + own, "1")["tidligere_prosjekter"].status == "met"


def test_a_budget_row_naming_material_is_not_transfer_value(engine):
    markup = """# Søknad om tilskudd

Søker: Bergen kommune

## Nytte for andre

Vi tror erfaringene kan være nyttige for andre kommuner.

## Budsjett

| Post | Kostnad | Finansieres av |
| --- | --- | --- |
| Kursholdere og veiledning | 120 000 | IMDi |
| Foreldremøter med tolk og servering | 60 000 | IMDi |
| Oversettelse av materiell | 30 000 | IMDi |
| Totalt | 210 000 | |

Vi søker IMDi om kr 210 000. Tilskuddet skal brukes til utviklingsarbeid og ikke til bemanning.
"""
    r = run(engine, markup, "5")["overforingsverdi"]
    assert r.status == "gap" and not any("materiell" in e.text for e in r.evidence)


def test_the_applicants_own_valued_time_is_not_the_grants_use(engine):
    report = """# Årsrapport 2025

Søker: Oslo kommune, bydel Frogner

## Økonomi og bruk av tilskudd

Psykologspesialisten har brukt om lag 15 % av sin stilling på tilbudet, verdsatt til kr 165 000.
Programrådgiverne har brukt til sammen ca. 300 timer, verdsatt til kr 135 000.
"""
    assert run(engine, report, "2", "annual_report")["rapport_bruk_av_tilskudd"].status == "gap"


@pytest.mark.parametrize("sentence, status", [
    # a second person who is the project leader: two approvals (the reviewer's cases)
    ("Regnskapet er godkjent av kommunalsjef Ola Hansen og av Kari Eide, som er prosjektleder.", "met"),
    ("Regnskapet er godkjent av Kari Eide, som er prosjektleder, og av kommunalsjef Ola Hansen som overordnet leder.",
     "met"),
])
def test_a_second_signer_who_is_the_project_leader_is_not_the_same_person(engine, sentence, status):
    assert run(engine, ACCOUNTS_HEAD + sentence + "\n", "2", "accounts")["regnskap_godkjent"].status == status


@pytest.mark.parametrize("note", [
    "Tallene er endelige; de kan ikke bli endret.",
    "Regnskapet viser at revidert ramme på kr 350 000 er brukt fullt ut.",
])
def test_final_figures_and_a_spent_revised_frame_are_booked(engine, note):
    assert run(engine, _booked_with_note(note), "5", "accounts")["regnskap_inntekter_utgifter"].status == "met"


def test_ideas_from_the_participants_do_not_undo_an_earlier_project(engine):
    head = "# Søknad om tilskudd\n\nSøker: Grimstad kommune\nAntall deltakere: 14\n\n## Erfaring\n\n"
    own = ("Vi gjennomførte i 2022–2023 prosjektet «Jobbspor» med tilskudd fra IMDi, der ideer fra deltakerne ble "
           "prøvd ut og 12 deltakere fikk praksis.\n")
    assert run(engine, head + own, "1")["tidligere_prosjekter"].status == "met"


def test_phone_and_account_numbers_are_not_sums():
    from nlp_service.checks.engine import _amounts

    assert _amounts("Tlf: 901 23 456, mobil: 905 12 345, kontonummer: 1503 12 34567") == []
    assert _amounts("Overført til prosjektkonto 150 000") == ["150 000"]
    assert _amounts("Org.nr.: 974 778 734  Sum 410 000") == ["410 000"]


def test_the_project_owners_own_title_is_not_a_superiors_approval(engine):
    lines = ("## Godkjenning\n\nProsjektansvarlig: Siri Vatne Helland, seksjonssjef inkludering – godkjent 28.01.2026\n"
             "Overordnet leder: Per Dahl, fylkesdirektør – legges fram for godkjenning i direktørmøtet 10.02.2026\n")
    assert run(engine, ACCOUNTS_HEAD + lines, "4", "accounts")["regnskap_godkjent"].status == "gap"
    both = lines.replace("legges fram for godkjenning i direktørmøtet 10.02.2026", "godkjent 02.02.2026")
    assert run(engine, ACCOUNTS_HEAD + both, "4", "accounts")["regnskap_godkjent"].status == "met"


# ---------------------------------------------------------------------------------- who approved the accounts

_ACCOUNTS = """# Prosjektregnskap 2025

| Post | Budsjett | Regnskap |
| Tilskudd fra IMDi | 500 000 | 500 000 |
| Sum utgifter | 500 000 | 487 000 |

## Godkjenning

"""


@pytest.mark.parametrize("approval, want", [
    # the heading names both roles, but one person signs
    ("Godkjent av prosjektansvarlig og overordnet leder:\n\nSiri Aamodt Knutsen\n"
     "fylkesdirektør for opplæring og kompetanse, prosjektansvarlig\n", "gap"),
    # two people at the same level
    ("Regnskapet er godkjent av prosjektansvarlige:\n\nKjersti Hals Aune, enhetsleder læringssenteret\n"
     "Ørjan Mathisen Tilrem, enhetsleder flyktningtjenesten\n", "gap"),
    ("Godkjent 28.01.2026 av Arnt Ove Hamnvik, seksjonsleder fag- og yrkesopplæring (prosjektansvarlig), og "
     "Kristin Solbakk Mikalsen, seksjonsleder økonomi og analyse.\n", "gap"),
    # the project leader under the owner is not the owner's superior
    ("Regnskapet er godkjent av prosjektleder og prosjektansvarlig.\n\nAnders Nyhus Berge, prosjektleder\n"
     "Ingrid Solheim Kvaal, rektor voksenopplæringen, prosjektansvarlig\n", "gap"),
    # prepared by one, approved by the superior alone
    ("Rekneskapen er sett opp av økonomikonsulent Gro Haugo Bakke og godkjend av overordna leiar, kommunalsjef for "
     "oppvekst og kultur Arne Sletto.\n\nArne Sletto\nkommunalsjef\n", "gap"),
    # the superior's approval is still to come
    ("Rekneskapen er sett opp av prosjektleiar og skal godkjennast av kommunalsjef for helse og velferd i februar.\n\n"
     "Sunniva Bigset Ulstein\nprosjektleiar\n", "gap"),
    # one person in both roles
    ("Rekneskapen er godkjend av kommunalsjef Ingebjørg Kvalsvik Aarflot, som er prosjektansvarleg og overordna "
     "leiar for tenesta.\n\nIngebjørg Kvalsvik Aarflot\nkommunalsjef\n", "gap"),
    # owner and superior, in prose with titles before and after the names ("og" inside a title)
    ("Regnskapet er gjennomgått og underskrevet av prosjektansvarlig, avdelingsdirektør for arbeid og inkludering "
     "Nora Elise Brattli, og kontrasignert av bydelsdirektør Henrik Aamodt.\n", "met"),
    ("Regnskapet er godkjent av prosjektansvarlig Hanne Kristin Sakshaug og hennes overordnede, kommunalsjef for "
     "oppvekst Ole Petter Røflo.\n", "met"),
    # a table of roles, names and dates
    ("| Rolle | Navn | Dato |\n| Prosjektansvarleg, rektor vaksenopplæringa | Ingvild Rygg Sandnes | 27.01.2026 |\n"
     "| Overordna leiar, kommunalsjef for oppvekst | Bjarte Hope Nygård | 28.01.2026 |\n", "met"),
    # signatures only, the superior by rank
    ("Oslo, 28. januar 2026\n\nTone Aasheim Berg\navdelingsdirektør arbeid og bolig, prosjektansvarlig\n\n"
     "Rune Kvamme Solli\nbydelsdirektør\n\nSaksbehandler: Farhan Ali Yusuf, tlf. 932 41 067\n", "met"),
    # a controller and the one who prepared it are not approvers
    ("Utarbeidet av: Nadia Rahimi Lunde, prosjektleder, tlf. 948 07 215\n"
     "Kontrollert mot Agresso: Henrik Solem Dybdahl, controller, økonomiseksjonen\n", "gap"),
    # names with initials, letters from other alphabets, particles, capitals
    ("Kari B. Nordmann\nprosjektansvarlig\n\nOle K. Hansen\nkommunalsjef\n", "met"),
    ("Ayşe Yılmaz\nprosjektansvarlig\n\nZoë Łukasz-Muñoz\nkommunalsjef\n", "met"),
    ("Ingrid van der Berg\nprosjektansvarlig\n\nOle Hansen\nkommunalsjef\n", "met"),
    ("KARI NORDMANN\nprosjektansvarlig\n\nOLE HANSEN\nkommunalsjef\n", "met"),
    # a line break inside a sentence, inside a name
    ("Bekreftet av prosjektansvarlig Signe Helland Skretting, stabsleder samfunnsutvikling, og kommunalsjef Rune\n"
     "Oftedal som hennes overordnede, 12.12.2025.\n", "met"),
    # a capitalised unit or the place and date of signing is not a second person
    ("Regnskapet er godkjent av prosjektansvarlig og overordnet leder.\n\nVågå Læringssenter\n\nKari Nordmann\n"
     "prosjektansvarlig\n", "gap"),
    ("Regnskapet er godkjent av prosjektansvarlig og overordnet leder.\n\nØystre Slidre, 12.03.2026\n\nKari Nordmann\n"
     "prosjektansvarlig\n", "gap"),
])
def test_the_accounts_are_approved_by_the_owner_and_someone_above(engine, approval, want):
    assert run(engine, _ACCOUNTS + approval, "2", "accounts")["regnskap_godkjent"].status == want


_REPORT_HEADS = {"accounts": ("# Rekneskap 2025\n\nSøkjar: Tysnes kommune\n\n", "5"),
                 "annual_report": ("# Årsrapport 2025\n\nTilskuddsmottaker: Ringsaker kommune\n\n", "3")}


@pytest.mark.parametrize("kind, check, body, want", [
    # accounts told in prose: "det vil si" is not a plan, "kosta" and "enda på" are what was spent
    ("accounts", "regnskap_inntekter_utgifter",
     "Regnskapsført i 2025 er inntekter på 262 500 kr, det vil si tilskuddet fra IMDi på 210 000 kr og kommunens "
     "egenandel på 52 500 kr.\n\nPå utgiftssiden gikk 118 400 kr til lønn for prosjektleder og 46 250 kr til kurs.\n",
     "met"),
    ("accounts", "regnskap_inntekter_utgifter",
     "Prosjektet hadde i 2025 desse inntektene, slik dei står i kommunerekneskapen etter årsavslutninga: tilskotet "
     "frå IMDi på kr 385 000 og ein eigendel på kr 96 000.\n\nUtgiftene enda på kr 478 640. Kurset for leiarar kosta "
     "kr 41 500.\n", "met"),
    # the year is not closed: preliminary figures, whatever the table is called
    ("accounts", "regnskap_inntekter_utgifter",
     "| Post | Rekneskap 2025 |\n| Tilskot IMDi | 520 000 |\n| Sum inntekter | 650 000 |\n"
     "| Prosjektleiar 50 % | 340 000 |\n| Sum utgifter | 650 000 |\n\n"
     "Avviket mellom postane er lite, og vi ventar ikkje meirforbruk når 2025 er lukka.\n", "gap"),
    # the budget as adopted, shown under an accounts heading
    ("accounts", "regnskap_inntekter_utgifter",
     "Oppstillinga viser postane slik dei vart vedtekne av styringsgruppa 11. juni 2025.\n\n"
     "| Inntekter | Rekneskap 2025 |\n| Tilskot IMDi | 860 000 |\n| Sum inntekter | 1 200 000 |\n"
     "| Utgifter | Rekneskap 2025 |\n| Prosjektleiar 80 % | 568 000 |\n| Sum utgifter | 1 200 000 |\n", "gap"),
    # a numbered heading over a lead-in sentence and a table of what the grant paid
    ("annual_report", "rapport_bruk_av_tilskudd",
     "## 5. Bruk av tilskuddet\n\nTilskuddet er ført på eget prosjektansvar. Fordelingen er vist i tabellen under.\n\n"
     "| Utgiftspost | Brukt av tilskuddet, kr | Andel |\n| Prosjektleder 60 % stilling | 468 000 | 40,7 % |\n"
     "| Tolk ved kartlegging | 57 500 | 5,0 % |\n\n## 6. Erfaringer\n\nVi har lært mye.\n", "met"),
    ("annual_report", "rapport_bruk_av_tilskudd",
     "## Pengene fra IMDi\n\n- Prosjektleder i 30 % stilling, februar–desember: 210 000 kr\n"
     "- Kurs for ledere og tillitsvalgte: 85 000 kr\n", "met"),
    # the applicant's own share under the same heading is not the grant's use
    ("annual_report", "rapport_bruk_av_tilskudd",
     "## Bruk av tilskotet\n\nTilskotet frå IMDi er nytta i samsvar med tilsegnsbrevet.\n\n"
     "Kvam herad har stilt med lokale, administrasjon og 20 % stilling som prosjektleiar, rekna til kr 180 000.\n"
     "Fylkeskommunen har i tillegg sett av ein rådgjevar i 30 % stilling til koordineringa.\n", "gap"),
    # results: the whole introduction programme's rate, or results still to be seen, are not the project's
    ("annual_report", "rapport_maloppnaelse",
     "## Resultat\n\nFor introduksjonsprogrammet i Bjørnafjorden samlet var resultatet for 2025 at 64 prosent av dem "
     "som avsluttet programmet gikk direkte over i arbeid eller utdanning.\n", "gap"),
    # a change measured before and after, in nynorsk
    ("annual_report", "rapport_maloppnaelse",
     "## Resultat\n\nI november gjentok vi spørjeundersøkinga. Delen tilsette som veit korleis dei skal melde frå om "
     "diskriminering, auka frå 38 til 71 prosent.\n", "met"),
    ("annual_report", "rapport_maloppnaelse",
     "## Resultat\n\n14 deltakarar har vore med i gruppene. Kor mange som går over til arbeid, vil vi sjå når dei "
     "fleste avsluttar introduksjonsprogrammet hausten 2026.\n", "gap"),
])
def test_report_checks_read_prose_accounts_unbooked_figures_and_numbered_headings(engine, kind, check, body, want):
    head, area = _REPORT_HEADS[kind]
    assert run(engine, head + body, area, kind)[check].status == want


@pytest.mark.parametrize("sentence, want", [
    # a post or an offer paid for years already, kept up or run on as today: ordinary operation
    ("Stillingen som helsesykepleier for flyktninger har siden 2019 vært finansiert over integreringstilskuddet, og vi "
     "ønsker at prosjektmidlene dekker den i 2025.", "gap"),
    ("Lærerstillingen på 60 % ved læringssenteret har hittil vært finansiert over kommunens budsjett, men er nå truet.",
     "gap"),
    ("Midlane skal i hovudsak gå til å halde oppe den 50 % stillinga som miljøarbeidar i flyktningtenesta.", "gap"),
    ("Vi søker midler slik at samtaletilbudet kan fortsette som i dag, med den samme sykepleieren.", "gap"),
    ("Fylkeskommunen søker derfor om tilskudd til drift av praksisbrevklassen i 2025 og 2026.", "gap"),
    # ordinary operation kept apart from the grant is not a gap
    ("Ordinær drift av introduksjonsprogrammet dekkes av kommunens eget budsjett.", "met"),
    ("Alt vi søker om, er nye kostnader som kommer i tillegg til den ordinære driften av enheten.", "met"),
    ("Midlene skal brukes til å prøve ut modellen; ordinær drift av flyktningtjenesten holdes utenfor.", "met"),
    # running a new offer that is being tried out
    ("Vi søker om tilskudd til drift av en ny språkkafé for kvinner, som startes opp som et prøveprosjekt i 2026.", "met"),
])
def test_ordinary_operation_paid_already_or_kept_apart(engine, sentence, want):
    r = run(engine, BASE + "\n## Budsjett\n\n" + sentence + "\n", "2")
    assert r["ikke_ordinaer_drift"].status == want


@pytest.mark.parametrize("text, want", [
    # the sum per participant and year in the sentence after the one that names the allowance, or under its heading
    ("## Deltakerstønad\n\nDeltakere som ikke mottar stønad fra andre ordninger, får deltakerstønad. Vi søker om "
     "kr 140 000 per deltaker per år, til sammen kr 1 680 000 for 12 deltakere.\n", "gap"),
    ("## Deltakerstønad\n\nDeltakerne får deltakerstønad mens de er hos oss.\n\nFor å gjøre tilbudet attraktivt "
     "søker vi om 150 000 kroner per deltaker per år.\n", "gap"),
    ("## Deltakerstønad\n\nDeltakerne får deltakerstønad fra prosjektet. Vi søker om 120 000 kroner per deltaker "
     "per år.\n", "met"),
    # another cost per participant after it is not the allowance
    ("Vi søker om deltakerstønad til 12 deltakere, kr 100 000 per deltaker per år. Opplæringen hos fagskolen koster "
     "kr 150 000 per deltaker per år, og den dekker kommunen selv.\n", "met"),
    # a rate per month in nynorsk, paid through the year: 11 000 x 12 = 132 000 > 1G
    ("## Deltakarstønad\n\nVi søkjer om deltakarstønad. Stønaden er sett til 11 000 kroner i månaden for kvar "
     "deltakar gjennom heile det tolv månader lange løpet.\n", "gap"),
    ("## Deltakarstønad\n\nVi søkjer om deltakarstønad på 10 000 kr per månad per deltakar i tolv månader.\n", "met"),
    # a short first year beside a full second one: the full year decides (11 500 x 12 = 138 000)
    ("## Deltakarstønad\n\nVi søkjer difor om deltakarstønad på 11 500 kr per månad per deltakar, dvs. 828 000 kr i "
     "2025 (seks månader) og 1 656 000 kr i 2026 for dei 12 deltakarane.\n", "gap"),
    # a paid stretch shorter than a year
    ("## Deltakerstønad\n\nVi søker om deltakerstønad på 20 000 kr per måned i seks måneder.\n", "met"),
    # the rate and the total it comes to: the total is not a second rate
    ("## Deltakerstønad\n\nFor disse søker vi om deltakerstønad på 50 000 kroner per deltaker for året, altså "
     "300 000 kroner for 6 deltakere.\n", "met"),
    ("## Deltakerstønad\n\nFor disse søker vi om deltakerstønad på 50 000 kroner per deltaker, 300 000 kroner for 6 "
     "deltakere.\n", "met"),
    # a point in time is not the stretch paid ("etter 3 måneder"; 11 000 x 12 > 1G)
    ("## Deltakerstønad\n\nVi søker om deltakerstønad på 11 000 kroner i måneden per deltaker, og etter 3 måneder "
     "får hver deltaker en ny plan.\n", "gap"),
])
def test_the_allowance_per_participant_and_year(engine, text, want):
    assert allowance_status(engine, BASE + "\n" + text) == want


@pytest.mark.parametrize("text, want", [
    # a rate per day, week or hour is a year's sum once the days, weeks or hours are said (1G = 130 160 kr)
    ("Deltakerne får deltakerstønad på 560 kroner per dag, fem dager i uka i 48 uker i året.", "gap"),  # 134 400
    ("Deltakerstønaden er satt til 540 kr per dag, fire dager i uka i 49 uker.", "met"),  # 105 840
    ("Deltakarane får deltakarstønad på 520 kr dagen i 220 dagar.", "met"),  # 114 400
    ("Vi søker om deltakerstønad på 2 650 kr i uka i 52 uker.", "gap"),  # 137 800
    ("Deltakerstønaden utgjør 2 400 kroner per uke i 46 uker.", "met"),  # 110 400
    ("Deltakarstønaden er 95 kr per time, 32 timar i veka i 46 veker.", "gap"),  # 139 840
    ("Deltakerstønad gis med 90 kr per time i 1 200 timer.", "met"),  # 108 000
    ("Deltakerstønad gis med 150 kr per time i 1 200 timer.", "gap"),  # 180 000: "1 200" is one count
    # days or hours spread over the years the sentence names
    ("Deltakerne får deltakerstønad på 560 kr per dag i 300 dager fordelt over to år.", "met"),  # 84 000
    # the stretch paid said in the next sentence of the paragraph: 12 000 x 8 = 96 000
    ("For dem søker vi om deltakerstønad på 12 000 kr per måned i kursperioden. Kurset varer i åtte måneder, fra "
     "september til april.", "met"),
    ("For dem søker vi om deltakerstønad på 12 000 kr per måned. Kurset varer hele året.", "gap"),
    # a point in time after the course is not the stretch paid ("seks måneder etter"): 11 000 x 12
    ("Vi søker om deltakerstønad på 11 000 kr per måned. Målet er arbeid seks måneder etter avsluttet løp.", "gap"),
    # a sum per participant for the whole stretch is divided by its years
    ("Vi søker om deltakerstønad på kr 240 000 per deltaker for hele prosjektperioden på to år.", "met"),
    ("Deltakerne får deltakerstønad på 2 450 kr per uke i hele løpet på 78 uker (18 måneder), til sammen 191 100 kr "
     "per deltaker for hele løpet.", "met"),
    ("Vi søker om deltakerstønad på kr 300 000 per deltaker for hele prosjektperioden på to år.", "gap"),
    # ages, time lived in Norway and "the whole year" are not the stretch
    ("Vi søker om deltakerstønad på kr 200 000 per deltaker for hele prosjektperioden på ett år. Målgruppen er unge "
     "mellom 18 og 25 år.", "gap"),
    ("Vi søker om deltakerstønad på kr 200 000 per deltaker i alt. Alle deltakerne har bodd i Norge i mindre enn fem "
     "år.", "gap"),
    ("Vi søker om deltakerstønad på kr 150 000 per deltaker for hele året.", "gap"),
    # months named near a rate that are not how long it is paid
    ("Vi søker om deltakerstønad på 12 000 kr per måned gjennom hele året. Etter kurset følger en praksisperiode på "
     "tre måneder.", "gap"),
    ("Vi søker om deltakerstønad på 12 000 kr per måned. Deltakerne må ha bodd i kommunen i minst seks måneder.", "gap"),
])
def test_an_allowance_paid_by_the_day_week_hour_or_month(engine, text, want):
    assert allowance_status(engine, BASE + "\n## Deltakerstønad\n\n" + text + "\n") == want


def test_a_rate_per_named_day_with_the_days_of_a_year_said_elsewhere(engine):
    """"per oppmøtedag" is a day; "220 oppmøtedager i året" in another section is its stretch (620 x 220 = 136 400)."""
    plan = ("## Gjennomføring\n\nDeltakerne er i tiltaket fem dager i uka, til sammen om lag {days} oppmøtedager i "
            "året.\n\n## Deltakerstønad\n\nDeltakerne mottar deltakerstønad på 620 kroner per oppmøtedag, så lenge de "
            "ikke har stønad fra andre ordninger.\n")
    assert allowance_status(engine, BASE + plan.format(days=220)) == "gap"
    assert allowance_status(engine, BASE + plan.format(days=200)) == "met"  # 124 000
    # and "om lag 220 oppmøtedager" is not a count of participants
    doc = document_from_text(markup_to_text(BASE.replace("Antall deltakere: 18\n", "") + plan.format(days=220)))
    assert extract_facts(doc, document_sentences(doc)).participants is None


@pytest.mark.parametrize("table, want", [
    # a budget row under a header of years: each year's sum for the row's participants (1 740 000 / 12 = 145 000)
    ("| Post | 2025 (mai–des) | 2026 | Sum |\n| Deltakerstønad (12 deltakere) | 1 160 000 | 1 740 000 | 2 900 000 |", "gap"),
    ("| Post | 2025 (mai–des) | 2026 | Sum |\n| Deltakerstønad (12 deltakere) | 900 000 | 1 440 000 | 2 340 000 |", "met"),
    # the row names no count: the most participants the text plans for (16 in 2026: 1 920 000 / 16 = 120 000)
    ("| Post | 2025 | 2026 | Sum |\n| Deltakerstønad | 1 080 000 | 1 920 000 | 3 000 000 |", "met"),
    ("| Post | Prosjektår 1 | Prosjektår 2 | Sum |\n| Deltakerstønad | 1 350 000 | 2 400 000 | 3 750 000 |", "gap"),
    # no years over the columns: the old reading (a total over the project's years and participants)
    ("| Post | Søkt IMDi | Egenandel | Sum |\n| Deltakerstønad | 1 920 000 | 0 | 1 920 000 |", "met"),
    # found by review, each read right before year columns were read:
    # a rate per participant in the row is not divided again
    ("| Post | 2025 | 2026 | Sum |\n| Deltakerstønad 140 000 kr per deltaker | 840 000 | 1 680 000 | 2 520 000 |", "gap"),
    # a period in one column or heading is not a column per year: 2 880 000 / 12 / 2 = 120 000
    ("| Post | Budsjett 2025–2026 | Søkt IMDi | Egenandel |\n| Deltakerstønad (12 deltakere) | kr 2 880 000 | kr 2 880 000 "
     "| kr 0 |", "met"),
    # columns that are not years (a share, a rate, a count): the row is read as before
    ("| Post | 2025 | 2026 | Sum | Herav søkt IMDi |\n| Deltakerstønad (12 deltakere) | kr 1 440 000 | kr 1 440 000 | "
     "kr 2 880 000 | kr 2 880 000 |", "met"),
    ("| Post | Sats | 2025 | 2026 | Sum |\n| Deltakerstønad | 120 000 | 1 440 000 | 1 920 000 | 3 360 000 |", "met"),
    ("| Post | Antall | 2025 | 2026 | Sum |\n| Deltakerstønad | 12 | 960 000 | 1 440 000 | 2 400 000 |", "met"),
    # dotted cells beside each other are two sums
    ("| Post | 2025 | 2026 | Sum |\n| Deltakerstønad | 480.000 | 960.000 | 1.440.000 |", "met"),
    # a count in parts is not the first number: the form's and the text's count decide (1 200 000 / 16)
    ("| Post | 2025 | 2026 | Sum |\n| Deltakerstønad (10 + 6 deltakere) | 1 200 000 | 720 000 | 1 920 000 |", "met"),
    # a count for each year in the label: each year's sum by its own count (537 600 / 12, 1 764 000 / 15)
    ("| Post | 2025 | 2026 | Sum |\n| Deltakerstønad (12 deltakere i 2025, 15 i 2026) | 537 600 | 1 764 000 | 2 301 600 |",
     "met"),
    ("| Post | 2025 | 2026 | Sum |\n| Deltakerstønad (12 deltakere i 2025, 10 i 2026) | 537 600 | 1 764 000 | 2 301 600 |",
     "gap"),
    # the counts go with their years, in whatever order they are named; a count in parts is no one count
    ("| Post | 2025 | 2026 | Sum |\n| Deltakerstønad (15 deltakere i 2026, 12 i 2025) | 537 600 | 1 764 000 | 2 301 600 |",
     "met"),
    ("| Post | 2025 | 2026 | Sum |\n| Deltakerstønad (12 deltakere i 2025, 10 + 6 i 2026) | 537 600 | 1 764 000 | 2 301 600 |",
     "met"),
    ("| Post | 2025 | 2026 | Sum |\n| Deltakerstønad (12 deltakere i 2025, 2 grupper à 8 i 2026) | 537 600 | 1 764 000 | "
     "2 301 600 |", "met"),
    # one count per column in the order the label gives them, without the years (2 076 800 / 16 = 129 800;
    # 1 463 000 / 14 = 104 500), and the same sums for fewer in the second year (2 076 800 / 14 = 148 343)
    ("| Post | 2025 | 2026 | Sum |\n| Deltakerstønad (10 deltakere i 5 mnd / 16 deltakere i 11 mnd) | 590 000 | "
     "2 076 800 | 2 666 800 |", "met"),
    ("| Post | 2025 | 2026 | Sum |\n| Deltakerstønad (2025: 10 deltakere × 4 mnd, 2026: 14 deltakere × 11 mnd) | 380 000 | "
     "1 463 000 | 1 843 000 |", "met"),
    ("| Post | 2025 | 2026 | Sum |\n| Deltakerstønad (10 deltakere i 5 mnd / 14 deltakere i 11 mnd) | 590 000 | "
     "2 076 800 | 2 666 800 |", "gap"),
])
def test_the_allowance_in_a_budget_row_by_year(engine, table, want):
    text = ("Prosjektperiode: 01.05.2025–31.12.2026\n\n## Målgruppe\n\nFørste kull starter i mai 2025 med 12 deltakere. Fra "
            "januar 2026 utvider vi til 16 plasser.\n\n## Budsjett\n\n" + table + "\n")
    assert allowance_status(engine, BASE + text) == want


@pytest.mark.parametrize("said, want", [
    # a count far above the form's is the population or a total over years, not one year's participants
    ("Kommunen har 40 deltakere i introduksjonsprogrammet, og 12 av dem skal delta i prosjektet.", "gap"),
    ("Vi tar inn 12 deltakere i 2025. Etter prosjektet ønsker vi å drifte tilbudet videre med totalt 36 deltakere over "
     "tre år.", "gap"),
])
def test_a_year_column_is_for_the_forms_participants_not_the_population(engine, said, want):
    text = (application(12) + "Prosjektperiode: 01.01.2025–31.12.2026\n\n"
            "## Målgruppe\n\n" + said + "\n\n## Budsjett\n\n| Post | 2025 | 2026 | Sum |\n"
            "| Deltakerstønad | kr 3 360 000 | kr 3 360 000 | kr 6 720 000 |\n")
    assert allowance_status(engine, text) == want


@pytest.mark.parametrize("other", [
    "Hver programrådgiver har om lag 225 arbeidsdager i året.",
    "Voksenopplæringen har 190 skoledager i året.",
])
def test_the_staffs_days_in_a_year_are_not_the_allowances_stretch(engine, other):
    text = (BASE + "\n## Organisering\n\n" + other + "\n\n## Deltakerstønad\n\nDeltakerne får deltakerstønad på 600 "
            "kroner per dag, tre dager i uka i 46 uker.\n")  # 82 800
    assert allowance_status(engine, text) == "met"


def test_a_budget_rows_cells_run_together_are_split_into_the_fewest_sums():
    from nlp_service.checks.engine import _row_sums

    def sums(text):
        return [v for v, _start, _end in _row_sums(text)]

    assert sums("Deltakerstønad, 15 deltakere 562 500 562 500") == [562500, 562500]
    assert sums("Deltakarstønad (2 + 2 deltakarar) 115 500 231 000 115 500 462 000") == [115500, 231000, 115500, 462000]
    assert sums("Deltakerstønad 1 350 000 1 350 000 2 700 000") == [1350000, 1350000, 2700000]
    assert sums("Egeninnsats 45 000 60 000 105 000") == [45000, 60000, 105000]
    assert sums("Lønn 2 400 000") == [2400000]
    assert sums("Lønn 1450000 2.500.000") == [1450000, 2500000]


@pytest.mark.parametrize("header, want", [
    # the accounts of 2025 with a column for 2026: the budget over the project's years, not booked figures
    ("| Post | 2025 | 2026 |", "gap"),
    ("| Post | 2025 |", "met"),
    # a booked column named as such beside next year's budget
    ("| Post | Regnskap 2025 | Budsjett 2026 |", "met"),
])
def test_a_column_for_a_year_after_the_accounts_is_not_booked(engine, header, want):
    """Only the table's header row says so: a date or a period in a field above the table does not."""
    rows = [("Prosjektleder 50 %", "310 000", "320 000"), ("Kurs for trenere", "60 000", "40 000"),
            ("Tilskudd IMDi", "390 000", "360 000"), ("Egenandel Målselv kommune", "100 000", "100 000")]
    columns = header.count("|") - 1
    table = "\n".join("| " + " | ".join(row[:columns]) + " |" for row in rows)
    markup = ("# Regnskap 2025 – Alle med i Målselv\n\nKommune: Målselv kommune\nIMDi ref.: 25/01466\n\n"
              "Regnskapsoppstilling for prosjektet:\n\n" + header + "\n" + table + "\n")
    assert run(engine, markup, "5", "accounts")["regnskap_inntekter_utgifter"].status == want


@pytest.mark.parametrize("note, want", [
    # a post against its estimate, staff time valued outside the accounts, the signed copy to follow: none makes
    # the booked figures a plan
    ("Nettsiden ble rimeligere enn anslått fordi vi kunne gjenbruke en eldre løsning.", "met"),
    ("Egenandel i tillegg, ikke ført på prosjektet: arbeidstid til programrådgivere, anslått til 0,2 årsverk.", "met"),
    ("Regnskapet legges fram for kommunalsjefen, og godkjent regnskap ettersendes.", "met"),
    # "not finished" about the project, not the books
    ("Prosjektet er ikke ferdig og fortsetter i 2026.", "met"),
    # figures said to be preliminary stay unbooked, whatever else the sentence names
    ("Tallene er foreløpige, og endelig godkjent regnskap ettersendes.", "gap"),
    ("Tala er førebels; godkjend rekneskap blir ettersendt i mars.", "gap"),
    ("Tallene er foreløpige, inkludert arbeidstid for programrådgiverne.", "gap"),
    # the year's books not closed: the figures are the expected accounts, not booked ones
    ("Fordi årsoppgjøret for 2025 ikke er ferdig før rapporteringsfristen, er tallene nedenfor beregnet ut fra "
     "budsjett og kjente kostnader per januar.", "gap"),
    ("Tallene i tabellen er forventet regnskap for 2025.", "gap"),
])
def test_notes_beside_booked_accounts(engine, note, want):
    assert run(engine, _booked_with_note(note), "5", "accounts")["regnskap_inntekter_utgifter"].status == want


def test_income_told_in_nynorsk_prose_with_det_vil_seie(engine):
    markup = ("# Rekneskap 2025\n\nSøkjar: Hå kommune\n\nI 2025 kom det inn 350 000 kr frå IMDi, det vil seie heile "
              "tilsegnet.\n" + BOOKED_EXPENSES)
    assert run(engine, markup, "5", "accounts")["regnskap_inntekter_utgifter"].status == "met"


@pytest.mark.parametrize("field", ["Dato: 20.01.2026", "Prosjektperiode: 2025–2026", "Rapporteringsfrist: 1. mars 2026"])
def test_a_later_date_above_booked_accounts_leaves_them_booked(engine, field):
    markup = ("# Regnskap 2025\n\nTilskuddsmottaker: Hå kommune\n" + field + "\n\n| Post | Beløp |\n"
              "| Tilskudd fra IMDi | 350 000 |\n| Lønn prosjektmedarbeider | 224 870 |\n| Kurs | 48 500 |\n")
    assert run(engine, markup, "5", "accounts")["regnskap_inntekter_utgifter"].status == "met"


def test_a_reference_number_in_a_row_keeps_its_amount(engine):
    markup = ("# Regnskap 2025\n\nTilskuddsmottaker: Hå kommune\n\n| Post | Regnskap 2025 |\n"
              "| Tilskudd fra IMDi, ref. 25/01466 | 350 000 |\n| Lønn prosjektmedarbeider | 224 870 |\n")
    assert run(engine, markup, "5", "accounts")["regnskap_inntekter_utgifter"].status == "met"


def test_a_case_number_is_not_booked_income(engine):
    markup = ("# Regnskap 2025\n\nTilskuddsmottaker: Hå kommune\nSaksnummer IMDi: 25/02981\n\n## Regnskap\n"
              + BOOKED_EXPENSES)
    assert run(engine, markup, "5", "accounts")["regnskap_inntekter_utgifter"].status == "gap"


GRANT_USE = """# Årsrapport 2025

Tilskuddsmottaker: Lødingen kommune

## Hvordan ble tilskuddet brukt?

{lead}

| Post | {column} |
| --- | --- |
| Lærer i 50 % stilling, arbeidsplassbasert norsk (ny, midlertidig) | 298 000 |
| Honorar til arbeidsledere for veiledning | 96 000 |
| Sum | 394 000 |
"""


@pytest.mark.parametrize("lead, column, want", [
    # the table under the grant's heading, led into by a sentence and headed by the year: the use
    ("Tilskuddet er brukt i tråd med søknaden, fordelt slik:", "2025", "met"),
    ("Pengene gikk til dette:", "Faktisk brukt 2025", "met"),
    # the same table called a budget, or the grant as awarded, by its header row or its lead-in: the plan
    ("Tilskuddet for 2025 var budsjettert fordelt slik:", "2025", "gap"),
    ("Oversikten viser fordelingen slik den ble godkjent i tilsagnsbrevet:", "Innvilget 2025", "gap"),
    ("Tabellen viser postene for 2025.", "Budsjett 2025", "gap"),
    # a budget column beside what was spent is the use
    ("Tabellen viser postene for 2025.", "Budsjett og faktisk brukt 2025", "met"),
])
def test_the_grants_use_in_a_table_under_its_heading(engine, lead, column, want):
    report = GRANT_USE.format(lead=lead, column=column)
    assert run(engine, report, "1", "annual_report")["rapport_bruk_av_tilskudd"].status == want


def test_temporary_is_not_the_money(engine):
    # "midlertidig" (temporary) beside a post is not "midler" (funds)
    report = """# Årsrapport 2025

Tilskuddsmottaker: Steinkjer kommune

## Resultater

Av de 14 deltakerne var 6 i fast eller midlertidig stilling i kommunen ved årsskiftet.
"""
    assert run(engine, report, "1", "annual_report")["rapport_bruk_av_tilskudd"].status == "gap"


def test_an_earlier_project_in_nynorsk_perfect(engine):
    text = BASE + ("\nVi har òg sidan 2022 drive prosjektet «Språkløft i lære» saman med Stord vidaregåande skule, der "
                   "lærlingar med kort butid fekk norskstøtte.\n")
    assert run(engine, text, "3")["tidligere_prosjekter"].status == "met"


@pytest.mark.parametrize("section, want", [
    # the kroner from IMDi as the subject, a sum between the verb and "til"
    ("## 4. Økonomi\n\nAv de 610 000 kronene fra IMDi gikk 285 000 til norsklærer i 50 % stilling og 148 000 til "
     "ekstern instruktør for truckopplæring.\n", "met"),
    # a heading that sets what was granted beside what was spent
    ("## Tildelt og brukt\n\n| Post | Tildelt | Brukt | Avvik |\n| --- | --- | --- | --- |\n"
     "| Prosjektkoordinator, 40 % stilling | 300 000 | 292 500 | 7 500 |\n"
     "| Tolk og oversetting | 60 000 | 54 300 | 5 700 |\n", "met"),
    # the same heading over the grant as awarded only is the plan
    ("## Tildelt og brukt\n\n| Post | Tildelt 2025 |\n| --- | --- |\n"
     "| Prosjektkoordinator, 40 % stilling | 300 000 |\n| Tolk og oversetting | 60 000 |\n", "gap"),
])
def test_the_grants_use_said_without_the_word_tilskudd(engine, section, want):
    report = "# Årsrapport 2025\n\nTilskuddsmottaker: Bamble kommune\n\n" + section
    assert run(engine, report, "1", "annual_report")["rapport_bruk_av_tilskudd"].status == want


@pytest.mark.parametrize("lead, c1, c2, want", [
    # review: the award beside what was spent, in other words than "brukt"
    ("Oversikten under viser postene.", "Tildelt", "Påløpt", "met"),
    ("Oversikten under viser postene.", "Innvilget", "Utgifter", "met"),
    ("Oversikten under viser postene.", "Budsjett 2025", "Påløpte kostnader 2025", "met"),
    # a lead-in ending with a colon belongs to the section above it
    ("Av det innvilgede beløpet ble det betalt ut følgende:", "Post", "2025", "met"),
])
def test_the_grants_use_review_cases(engine, lead, c1, c2, want):
    report = f"""# Årsrapport 2025

Tilskuddsmottaker: Lødingen kommune

## Hvordan ble tilskuddet brukt?

{lead}

| Post | {c1} | {c2} |
| --- | --- | --- |
| Lærer i 50 % stilling, arbeidsplassbasert norsk | 298 000 | 301 500 |
| Honorar til arbeidsledere for veiledning | 96 000 | 92 500 |
"""
    assert run(engine, report, "1", "annual_report")["rapport_bruk_av_tilskudd"].status == want


@pytest.mark.parametrize("sentence, want", [
    # the state actors as where people are sent, linked to, or what they lack today: not dialogue in the project
    ("Velkomstkontoret vil henvise brukerne videre til Nav, Skatteetaten og politiet ved behov.", "gap"),
    ("Nav har god informasjon på flere språk på nav.no, som vi vil lenke til fra velkomstsidene.", "gap"),
    ("Arbeidsinnvandrerne må i dag reise til Drammen for ID-kontroll hos Skatteetaten og politiet, og vi vil "
     "samarbeide om bedre tilbud.", "gap"),
    # dialogue planned with them
    ("Nav, Skatteetaten og politiet sitter i styringsgruppen og møtes fire ganger i året.", "met"),
])
def test_state_actors_named_as_referral_or_background(engine, sentence, want):
    text = BASE.replace("Søker: Askøy kommune", "Søker: Viken fylkeskommune") + "\n## Samarbeid\n\n" + sentence + "\n"
    assert run(engine, text, "4")["dialog_offentlige_aktorer"].status == want


# ------------------------------------------------------------------ cases from the twenty-fourth batch (session 9)

@pytest.mark.parametrize("kind, check, body, want", [
    # knowledge for one's own work, and the scheme's goal restated, are not results for the participants
    ("annual_report", "rapport_maloppnaelse",
     "## Resultater\n\nEtter fagdagene svarte 89 % av de ansatte at de hadde fått kunnskap de kunne bruke i eget "
     "arbeid. Samlet mener vi at prosjektet bidrar til ordningens mål om at flere innvandrere kommer i arbeid eller "
     "utdanning.\n", "gap"),
    ("annual_report", "rapport_maloppnaelse",
     "## Resultater\n\nSju av de tolv deltakerne har begynt i fast jobb, og to har startet på fagbrev.\n", "met"),
    # what the project did is not what the money paid for
    ("annual_report", "rapport_bruk_av_tilskudd",
     "## Bruk av tilskotet\n\nMidlane har gått til gjennomføring av aktivitetane i prosjektet, slik dei er omtala "
     "ovanfor.\n", "gap"),
    # reconciled by a finance adviser and sent to the superior for information: one approval
    ("accounts", "regnskap_godkjent",
     "## Kontroll og godkjenning\n\nRegnskapet er avstemt mot hovedbok per 31.12.2025 av økonomirådgiver Espen "
     "Thorvaldsen, Økonomi og virksomhetsstyring.\n\nGodkjent av prosjektansvarlig:\nTor Egil Rønning, enhetsleder "
     "Lillestrøm voksenopplæring\nLillestrøm, 26.01.2026\n\nRegnskapet oversendes kommunalsjef for oppvekst og "
     "utdanning til orientering.\n", "gap"),
])
def test_report_cases_of_the_twenty_fourth_batch(engine, kind, check, body, want):
    head, area = _REPORT_HEADS[kind]
    assert run(engine, head + body, area, kind)[check].status == want


def test_what_the_autumn_is_for_is_no_progress(engine):
    status = ("# Statusrapport per 1. september 2025\n\nTilskuddsmottaker: Bydel Grünerløkka\n\nProsjektet er i rute. "
              "Høsten brukes til å fullføre aktivitetene i planen over, slik at rapporten kan legges fram i november.\n")
    assert run(engine, status, "5", "status_report")["status_fremdrift"].status == "gap"


def test_an_allowance_just_over_1g_is_over(engine):
    # 10 900 x 12 = 130 800 > 130 160
    text = "## Deltakerstønad\n\nDeltakerstønad, 10 deltakere à kr 10 900 pr. mnd i 12 mnd, søkes dekket av IMDi.\n"
    assert allowance_status(engine, BASE + "\n" + text) == "gap"


def test_own_contribution_pointed_to_and_found_in_the_budget(engine):
    markup = ("# Søknad om tilskudd\n\nSøker: Oslo kommune, bydel Stovner\nEgenandel: Se vedlegg\nAntall deltakere: 12\n\n"
              "## Budsjett\n\n| Post | 2025 | 2026 | Sum |\n| Prosjektkoordinator 50 % | 380 000 | 390 000 | 770 000 |\n"
              "| Finansiering: bydelens egeninnsats | 195 000 | 195 000 | 390 000 |\n")
    assert run(engine, markup, "1")["egenandel"].status == "met"


def test_ordinary_operation_financed_by_the_municipality_as_before(engine):
    r = run(engine, BASE + "\n## Budsjett\n\nMidlene fra IMDi skal gå til å utvikle og prøve ut tilbudet; ordinær drift "
            "av inkluderingstjenesten og voksenopplæringen finansieres av kommunen som før.\n", "2")
    assert r["ikke_ordinaer_drift"].status == "met"


@pytest.mark.parametrize("label, want", [
    # a rate in the label ("x kr 95") does not hide the row's yearly sums: 1 678 080 / 12 = 139 840 > 1G
    ("Deltakerstønad (12 delt. x 32 t/uke x kr 95) | 583 680 | 1 678 080", "gap"),
    ("Deltakerstønad (12 delt. x 32 t/uke x kr 80) | 491 520 | 1 413 120", "met"),  # 117 760
])
def test_an_allowance_row_with_a_rate_in_its_label(engine, label, want):
    table = f"## Budsjett\n\n| Post | 2025 | 2026 |\n| Prosjektleder 60 % | 170 000 | 510 000 |\n| {label} |\n"
    text = application(12) + "\n" + table
    assert allowance_status(engine, text) == want


def test_a_total_that_includes_the_allowance_is_not_the_allowance(engine):
    """"til saman 2 550 600 kr, medrekna deltakarstønad" is the whole sum asked for; the allowance is 114 400 a year."""
    text = BASE + ("\n## Deltakarstønad\n\nVi søkjer om til saman 2 550 600 kr, medrekna deltakarstønad. Deltakarane "
                   "får 520 kr dagen i 220 dagar, dvs. 114 400 kr per deltakar i 2026.\n")
    assert allowance_status(engine, text) == "met"


def test_accounts_called_preliminary_in_a_column_heading_are_not_booked(engine):
    """A column "Førebels rekneskap 2025" beside a deviation column: the deviations do not make the figures booked;
    a sentence that names last year's accounts, this year's budget and this year's booked figures says what the
    columns are."""
    preliminary = _accounts("Tala er henta frå økonomisystemet.", "Førebels rekneskap 2025", fourth=_DEVIATION)
    assert booked_status(engine, preliminary) == "gap"
    booked = _accounts("Tabellen viser regnskap for 2024, budsjett for 2025 og regnskapsførte tall for 2025.",
                       "Rekneskap 2025", fourth=_DEVIATION)
    assert booked_status(engine, booked) == "met"


def test_a_rate_per_participant_per_month_and_a_total_before_the_next_sentences_year(engine):
    """"10 500 kr per deltakar per månad" is a month's rate (126 000 a year); the period's total "2 772 000 kr."
    is not a sum for the year the next sentence begins with ("For 2025 gjeld dette ...")."""
    text = application(18) + (
        "\n## Deltakarstønad\n\nDeltakarstønaden er rekna ut med 10 500 kr per deltakar per månad, og samla for heile "
        "prosjektperioden utgjer dette 2 772 000 kr. For 2025 gjeld dette 12 deltakarar i fire månader, for 2026 18 "
        "deltakarar i tolv månader.\n")
    assert allowance_status(engine, text) == "met"
    over = text.replace("10 500 kr per deltakar per månad", "11 500 kr per deltakar per månad")  # 138 000
    assert allowance_status(engine, over) == "gap"


@pytest.mark.parametrize("column, note, want", [
    ("Regnskap 2025 (foreløpig)", "Tallene er hentet fra økonomisystemet.", "gap"),
    ("Regnskap 2025", "Tallene er hentet ut av økonomisystemet 16. januar 2026, før fylkeskommunens årsavslutning.",
     "gap"),
    ("Regnskap 2025", "Periodiseringer kan endre tallene noe, og endelige tall foreligger når årsregnskapet er avlagt.",
     "gap"),
    ("Regnskap 2025", "Tabellen viser budsjett og regnskapsførte inntekter og utgifter på prosjektets eget ansvar.",
     "met"),
    # final figures that are there now, the closing done, a deviation from an earlier preliminary statement: booked
    ("Regnskap 2025", "Endelig regnskap for 2025 foreligger nå, og tallene er hentet fra hovedboka.", "met"),
    ("Regnskap 2025", "Når årsavslutningen var gjennomført i januar, ble tallene hentet ut av økonomisystemet.", "met"),
    ("Regnskap 2025", "Avviket fra foreløpig regnskap per oktober skyldes at tolkeutgiftene kom sent.", "met"),
    ("Regnskap 2025", "Tabellen viser ikke bokførte tall, men budsjett og anslag per november.", "gap"),
])
def test_accounts_not_yet_closed_in_other_words(engine, column, note, want):
    markup = _accounts(note, column, fourth=_DEVIATION, note_below=True)
    assert booked_status(engine, markup) == want


def test_months_said_in_the_definite_form_are_the_stretch_paid(engine):
    """"i de ti månedene kvalifiseringsløpet varer": 12 800 x 10 = 128 000, within 1G."""
    text = BASE + ("\n## Deltakerstønad\n\nVi søker om deltakerstønad på 12 800 kroner per måned i de ti månedene "
                   "kvalifiseringsløpet varer.\n")
    assert allowance_status(engine, text) == "met"
    assert allowance_status(engine, text.replace("ti månedene", "tolv månedene")) == "gap"


@pytest.mark.parametrize("note, income, want", [
    # what the columns are: this year's budget and accounts, and next year's budget for information
    ("Tabellen under viser budsjett og rekneskap for 2025 og budsjettet for 2026 side om side.", None, "met"),
    ("Kolonnen for 2026 viser vedteke budsjett for andre prosjektår og er teken med til orientering.", None, "met"),
    # figures set up from the budget; but the grant awarded "på grunnlag av" the budget is no such thing, and a
    # booked row that names its award letter is booked income
    ("Oversikten er satt opp på grunnlag av prosjektbudsjettet og aktivitetsplanen som styringsgruppen vedtok.", None,
     "gap"),
    ("Tilskuddet ble innvilget på grunnlag av budsjettet i søknaden.", None, "met"),
    ("Tallene er hentet fra økonomisystemet.", "Tilskudd fra IMDi, jf. tilskuddsbrev 3.4.2025", "met"),
    # a note "til orientering" that the year is not closed is not a budget column
    ("Til orientering: regnskapet er ennå ikke avsluttet, og endelige tall ettersendes.", None, "gap"),
    ("Endelig budsjett og regnskap for 2025 ettersendes.", None, "gap"),
    # the accounts of one year named beside the budget of another, the budget "i egen kolonne" or "til orientering"
    # first: the columns, not a plan
    ("Tabellen viser regnskapet for 2025 og budsjettet for 2026 side om side.", None, "met"),
    ("Til orientering står vedtatt budsjett for 2026 i egen kolonne.", None, "met"),
    ("For å gi et samlet bilde viser vi regnskapstallene for 2024 og 2025 ved siden av hverandre, sammen med vedtatt "
     "budsjett for 2026.", None, "met"),
    # ... but the accounts said to be set up from the budget are still no booked accounts
    ("Regnskapet for 2025 er satt opp på grunnlag av budsjettet for 2025.", None, "gap"),
])
def test_what_the_accounts_say_about_their_budget_columns_and_their_income(engine, note, income, want):
    markup = _accounts(note, fourth=_NEXT_BUDGET, income=income or "Tilskudd fra IMDi")
    assert booked_status(engine, markup) == want


@pytest.mark.parametrize("text, want", [
    # a monthly rate named so ("månedssats"), paid every month: 13 500 x 12 = 162 000
    ("Deltakerstønad beregnes med en fast månedssats på 13 500 kroner per deltaker, og utbetales for hver hele måned "
     "deltakeren er i tiltaket.", "gap"),
    ("Deltakerstønad beregnes med en fast månedssats på 9 500 kroner per deltaker.", "met"),
    # hours a week with words between ("20 timer praksis og opplæring i uka") and weeks a year: 165 x 20 x 46
    ("Deltakerne får deltakerstønad etter en timesats på 165 kr for 20 timer praksis og opplæring i uka. Stønaden "
     "utbetales for 46 uker i året.", "gap"),
    ("Deltakerne får deltakerstønad etter en timesats på 120 kr for 20 timer praksis og opplæring i uka. Stønaden "
     "utbetales for 46 uker i året.", "met"),
])
def test_more_ways_to_say_a_rate_and_its_stretch(engine, text, want):
    assert allowance_status(engine, BASE + "\n## Deltakerstønad\n\n" + text + "\n") == want


@pytest.mark.parametrize("weeks, want", [("48", "gap"), ("40", "met")])
def test_a_weekly_rate_and_the_weeks_of_the_school_year_said_elsewhere(engine, weeks, want):
    """"vekesats på 2 800 kr" in the budget section; "Opplæringa går over 48 veker kvart skuleår" in another (2 800 x 48
    = 134 400 > 1G; x 40 = 112 000)."""
    text = BASE + (f"\n## Gjennomføring\n\nOpplæringa går over {weeks} veker kvart skuleår, med fire dagar i veka.\n\n"
                   "## Budsjett\n\nVi søkjer om deltakarstønad med ei vekesats på 2 800 kr per deltakar.\n")
    assert allowance_status(engine, text) == want


def test_a_table_said_to_show_booked_amounts_beside_the_budget_is_booked(engine):
    markup = _accounts("Tabellen viser budsjett slik det ble lagt til grunn i tilskuddsbrevet, og regnskapsførte beløp "
                       "per 31.12.2025 hentet fra bydelens økonomisystem.")
    assert booked_status(engine, markup) == "met"


@pytest.mark.parametrize("text, want", [
    # a total "inkludert deltakerstønad" that also says the rate per participant: the rate decides (150 000 > 1G)
    ("Samlet budsjett er 2 400 000 kroner, inkludert deltakerstønad på 150 000 kroner per deltaker per år.", "gap"),
    # months named in the definite form that are not the stretch paid: paid all year, 12 000 x 12 = 144 000
    ("Vi søker om deltakerstønad på 12 000 kroner i måneden, også i de to månedene med sommerferie.", "gap"),
])
def test_a_rate_beside_a_total_and_months_that_are_not_the_stretch(engine, text, want):
    assert allowance_status(engine, BASE + "\n## Deltakerstønad\n\n" + text + "\n") == want


@pytest.mark.parametrize("days_a_week, want", [("fire", "met"), ("fem", "gap")])
def test_a_day_rate_with_the_participants_week_and_weeks_said_in_other_sections(engine, days_a_week, want):
    """"720 kr per oppmøtedag" in the budget; "fire dager i uka" and "45 uker i året" in two other places:
    720 x 4 x 45 = 129 600, within 1G (five days: 162 000, over)."""
    text = BASE + (f"\n## Gjennomføring\n\nDeltakerne er i bakeriet {days_a_week} dager i uka, fra klokka åtte til to.\n\n"
                   "## Tidsplan\n\nLøpet følger skoleåret med 45 uker i året.\n\n"
                   "## Budsjett\n\nDeltakerstønad: dagsats 720 kr per oppmøtedag for ti deltakere.\n")
    assert allowance_status(engine, text) == want


@pytest.mark.parametrize("days, want", [("230", "gap"), ("200", "met")])
def test_a_day_rate_and_the_days_counted_for_each_calendar_year(engine, days, want):
    """"620 kroner per dag per deltaker. Vi har regnet med 90 dager i 2025 og 230 dager i 2026": the longest year
    decides (620 x 230 = 142 600, over 1G; x 200 = 124 000, within)."""
    text = BASE + ("\n## Budsjett\n\nDeltakerstønaden er satt til 620 kroner per dag per deltaker. Vi har regnet med 90 "
                   f"dager i 2025 (oppstart 18. august) og {days} dager i 2026, for ti deltakere.\n")
    assert allowance_status(engine, text) == want


def test_ordinary_operation_met_shows_where_the_application_keeps_it_apart(engine):
    """A forbid check met has evidence too: the sentence that keeps the grant apart from ordinary operation, or
    says the post is new and temporary."""
    text = BASE + ("\nProsjektleder blir en ny, midlertidig stilling i flyktningtjenesten. Det søkes ikke om midler til "
                   "ordinær drift av voksenopplæringen.\n")
    r = run(engine, text, "2")["ikke_ordinaer_drift"]
    assert r.status == "met"
    shown = [e.text for e in r.evidence]
    assert any("ny, midlertidig stilling" in t for t in shown) and any("ordinær drift" in t for t in shown)
    # what is only background (an earlier project carried on in ordinary operation) is not shown
    earlier = BASE + "\nProsjektet «Språkløftet» fra 2021 er videreført i ordinær drift.\n"
    assert not any("videreført" in e.text for e in run(engine, earlier, "2")["ikke_ordinaer_drift"].evidence)


def test_the_applicant_check_shows_the_line_that_names_the_applicant(engine):
    text = BASE.replace("Søker: Askøy kommune", "Søkerorganisasjon: Askøy kommune")
    r = run(engine, text, "2")["riktig_soker"]
    assert r.status == "met"
    assert [e.text for e in r.evidence] == ["Søkerorganisasjon: Askøy kommune"]


@pytest.mark.parametrize("who, want", [
    # only some of the participants get the allowance: a yearly total is theirs (1 740 000 / 12 = 145 000, over 1G)
    ("Vi regner med at 12 av de 20 deltakerne vil ha behov for deltakerstønad.", "gap"),
    # all of them (1 740 000 / 20 = 87 000)
    ("Alle de 20 deltakerne vil ha behov for deltakerstønad.", "met"),
    # a count for each year is no subset: the most of them (1 740 000 / 20)
    ("Deltakerstønad gis i 2025 for 12 deltakere og i 2026 for 20 deltakere.", "met"),
])
def test_a_yearly_allowance_total_for_the_participants_who_get_it(engine, who, want):
    text = application(20) + (
        "\n## Deltakerstønad\n\n" + who + " For 2025 er bare august–desember tatt med.\n\n## Budsjett\n\n"
        "| Post | 2025 | 2026 | Sum |\n| Deltakerstønad | 725 000 | 1 740 000 | 2 465 000 |\n")
    assert allowance_status(engine, text) == want


@pytest.mark.parametrize("note, want", [
    # accounts to a date before the year's end, set up before it, or months entered at what is expected
    ("Kolonnen Regnskap pr. 31.10.2025 viser bokførte tall.", "gap"),
    ("Tabellen viser regnskapet per 30. november 2025.", "gap"),
    ("Prosjektregnskapet er satt opp før årsskiftet, mens koordinatoren fortsatt er i stillingen.", "gap"),
    ("Lønn for desember er lagt inn med forventet beløp, slik at tabellen viser hele året.", "gap"),
    # ... not the accounts at the year's end, a cost invoiced after it, or a post below what was expected
    ("Tabellen viser regnskapet per 31.12.2025.", "met"),
    ("Mindreforbruket gjelder veiledning som ikke ble fakturert før årsskiftet.", "met"),
    ("Tolkeutgiftene ble lavere enn forventet beløp.", "met"),
])
def test_accounts_up_to_a_date_before_the_years_end_are_not_the_years(engine, note, want):
    markup = _accounts(note, note_below=True)
    assert booked_status(engine, markup) == want


@pytest.mark.parametrize("column, want", [("Regnskap pr. 31.10.2025", "gap"), ("Regnskap pr. 31.12.2025", "met")])
def test_an_accounts_column_booked_to_a_date(engine, column, want):
    markup = _accounts("Tallene er hentet fra kommunens økonomisystem.", column)
    assert booked_status(engine, markup) == want


@pytest.mark.parametrize("text, want", [
    # hours a week right after what the course is called ("tiltaket 30 timar i veka i 46 veker"): 95 x 30 x 46 = 131 100
    ("Deltakarstønaden er 95 kr per time. Deltakarane er i tiltaket 30 timar i veka i 46 veker.", "gap"),
    ("Deltakarstønaden er 90 kr per time. Deltakarane er i tiltaket 30 timar i veka i 46 veker.", "met"),
    # a sum worked out in the sentence: the result, not its factors (1 584 000 / 12 = 132 000)
    ("Deltakerstønad: 12 deltakere × 11 000 kr × 12 mnd = 1 584 000 kr per år.", "gap"),
    ("Deltakerstønad: 12 deltakere × 10 000 kr × 12 mnd = 1 440 000 kr per år.", "met"),
    # the weeks of a course year that runs across the calendar year (2 950 x 46 = 135 700; 2 800 x 46 = 128 800)
    ("Deltakarane får deltakarstønad på 2 950 kr per veke. Kursåret går frå august til juni, 46 veker.", "gap"),
    ("Deltakarane får deltakarstønad på 2 800 kr per veke. Kursåret går frå august til juni, 46 veker.", "met"),
])
def test_a_rate_with_its_stretch_said_in_other_ways(engine, text, want):
    base = application(12)
    assert allowance_status(engine, base + "\n## Deltakerstønad\n\n" + text + "\n") == want



# ---------------------------------------------------------------------------------- found by review (engine 35)

@pytest.mark.parametrize("note, want", [
    # a sentence that names the accounts and next year's budget, and says the accounts are not final
    ("Endelig regnskap for 2025 ettersendes sammen med budsjettet for 2026.", "gap"),
    ("Budsjettet står i egen kolonne; desember er ennå ikke bokført.", "gap"),
    # "før årsskiftet" of what was done or paid, in closed accounts
    ("Alle aktivitetene i prosjektet ble gjennomført før årsskiftet.", "met"),
    ("Tilskotet frå IMDi vart motteke før årsskiftet.", "met"),
    # dates after the year's end, or a deviation from figures of a date
    ("Regnskapsrapport per 15.01.2026 fra kommunens økonomisystem.", "met"),
    ("Avviket fra regnskapet per 30.09.2025 skyldes at tolkeutgiftene kom sent.", "met"),
    # a date at the end of the sentence, "til og med" a date, or a month
    ("Tabellen viser rekneskapen pr. 30.11.2025.", "gap"),
    ("Tallene er bokført til og med 30.11.2025, og desember kommer i tillegg.", "gap"),
    ("Tabellen viser regnskapet per oktober 2025.", "gap"),
    # no estimates, or the grant as expected; but estimated amounts entered are a gap
    ("Regnskapet inneholder ingen estimerte eller forventede beløp; alle tall er bokførte.", "met"),
    ("Inntektene samsvarer med forventet beløp i tilsagnsbrevet.", "met"),
    ("Lønn for desember er lagt inn med estimerte beløp.", "gap"),
])
def test_accounts_wordings_found_by_review(engine, note, want):
    markup = _accounts(note, note_below=True)
    assert booked_status(engine, markup) == want


_ROW_20 = "\n\n## Budsjett\n\n| Post | 2025 | 2026 | Sum |\n| Deltakerstønad | 400 000 | 2 400 000 | 2 800 000 |\n"


@pytest.mark.parametrize("said, want", [
    # a smaller count for a season or a year is that year's, not a subset (2 400 000 / 20 = 120 000)
    ("Deltakerstønad gis for 10 deltakere høsten 2025 og for alle 20 i 2026.", "met"),
    ("Høsten 2025 gis deltakerstønad for 10 deltakere. I 2026 får alle de 20 deltakerne deltakerstønad.", "met"),
    # a count beside the allowance that is not who gets it
    ("Uten deltakerstønad ville trolig bare 5 av de 20 deltakerne klart å fullføre løpet.", "met"),
    ("Deltakerstønad er viktig. I tillegg dekker vi barnepass for 6 deltakere som har små barn.", "met"),
    # who gets it, said in other ways (2 400 000 / 16 = 150 000)
    ("Deltakarstønad gjeld 16 deltakarar som ikkje har rett på introduksjonsstønad.", "gap"),
    ("Av de 20 deltakerne vil 16 få deltakerstønad.", "gap"),
])
def test_who_gets_the_allowance_found_by_review(engine, said, want):
    text = application(20) + "\n## Deltakerstønad\n\n" + said + _ROW_20
    assert allowance_status(engine, text) == want


@pytest.mark.parametrize("other, want", [
    # days a week of the staff, or of one part of the week, are not the days paid (650 x 5 x 46 = 149 500)
    ("Jobbspesialisten følger opp deltakerne to dager i uka.", "gap"),
    ("Deltakerne har norskopplæring to dager i uka og praksis resten av uka.", "gap"),
    ("Deltakerne er i praksis tre dager i uka.", "met"),
])
def test_the_participants_week_is_theirs_found_by_review(engine, other, want):
    text = BASE + ("\n## Gjennomføring\n\n" + other + "\n\n## Deltakerstønad\n\nDeltakerstønaden har en dagsats på 650 kr "
                   "per deltaker, og stønaden utbetales 46 uker i året.\n")
    assert allowance_status(engine, text) == want


def test_days_over_a_span_of_years_and_label_counts_out_of_order_found_by_review(engine):
    # 300 days over 2025 and 2026 are not one year's (650 x 150 = 97 500)
    span = BASE + ("\n## Deltakerstønad\n\nDeltakerstønaden har en dagsats på 650 kr. Vi har regnet med 300 "
                   "oppmøtedager for 2025 og 2026 for hver av deltakerne.\n")
    assert allowance_status(engine, span) == "met"
    # counts named with their years, not in the columns' order (1 320 000 / 12 = 110 000)
    row = BASE + ("\n## Budsjett\n\n| Post | 2025 | 2026 | Sum |\n| Deltakerstønad (12 deltakere i 2026, 6 deltakere fra "
                  "august 2025) | 600 000 | 1 320 000 | 1 920 000 |\n")
    assert allowance_status(engine, row) == "met"


@pytest.mark.parametrize("text", [
    "Leksehjelpen er en del av den ordinære driften som ikke dekkes av rammen lenger, og vi ber derfor om tilskudd til den.",
    "Den midlertidige stillingen som miljøarbeider har eksistert i fem år, og vi ønsker å beholde den med tilskuddet.",
])
def test_what_argues_for_ordinary_operation_is_never_its_counter_evidence(engine, text):
    r = run(engine, BASE + "\n" + text + "\n", "2")["ikke_ordinaer_drift"]
    assert not any(text[:30] in e.text for e in r.evidence)


def test_the_applicants_evidence_names_the_applicant_not_its_type(engine):
    text = BASE.replace("Søker: Askøy kommune", "Søknad om tilskudd frå Askøy kommune") + (
        "\nSøkjarane til vidaregåande skular i fylkeskommunen får tilbod om rettleiing.\n")
    r = run(engine, text, "2")["riktig_soker"]
    assert [e.text for e in r.evidence] == ["Søknad om tilskudd frå Askøy kommune"]



@pytest.mark.parametrize("group, want", [
    # one kull a year of twelve, 24 in all: a sum per year is for the year's twelve (1 800 000 / 12 = 150 000)
    ("Gruppen vil bestå av tolv deltakere i hvert kull. Vi planlegger to kull, ett per prosjektår, til sammen 24 "
     "deltakere.", "gap"),
    ("Vi tar inn 12 deltakere per år, til sammen 24 deltakere.", "gap"),
    # two kull a year: the year's participants are all 24 (1 800 000 / 24 = 75 000)
    ("Gruppen vil bestå av tolv deltakere i hvert kull. Vi har to kull i året, til sammen 24 deltakere.", "met"),
])
def test_a_yearly_sum_is_for_one_years_participants(engine, group, want):
    text = application(24) + (
        "\n## Deltakere\n\n" + group + "\n\n## Deltakerstønad\n\nVi søker om deltakerstønad for hele gruppen med til "
        "sammen 1 800 000 kroner per år.\n")
    assert allowance_status(engine, text) == want



@pytest.mark.parametrize("note, want", [
    # the year so far is not the year's accounts
    ("Tabellen viser regnskap hittil i år, per 3. kvartal.", "gap"),
    ("Så langt i år er det bokført 640 000 kr i inntekter.", "gap"),
    # ... the year closed is
    ("Rekneskapen er avslutta og avstemt mot hovudboka per 31.12.2025.", "met"),
])
def test_accounts_for_the_year_so_far_are_not_the_years(engine, note, want):
    assert booked_status(engine, _accounts(note, note_below=True)) == want


# ------------------------------------------------------------------- learned from the 40th batch (train/dev only)

_LIST_ACCOUNTS = """# Regnskap 2025 – Velkommen til Nordland

Tilskuddsmottaker: Nordland fylkeskommune
{head_grant}Periode: 1. januar – 31. desember 2025
Kontaktperson: Kari Nordmann

## Inntekter

{income}

## Utgifter

Utgiftene nedenfor er bokført på prosjekt 4410 i fylkeskommunens økonomisystem per 31.12.2025:

- Prosjektkoordinator 80 %, lønn og sosiale kostnader: kr 468 900
- Informasjonsmøter (lokaler, tolk, servering): kr 96 450

Sum utgifter 2025: kr 565 350
"""


@pytest.mark.parametrize("head_grant, income, want", [
    # income that is only the grant letter's amount is no booked income
    ("", "- Tilskudd fra IMDi, jf. tilskuddsbrev datert 12. mai 2025: kr 900 000", "gap"),
    # the grant as received is
    ("", "- Tilskudd fra IMDi, mottatt 20. mai 2025: kr 900 000", "met"),
    # the grant named among the head's fields, with no income side in the accounts, is not booked income
    ("Tilskudd fra IMDi 2025: kr 900 000\n", "Fylkeskommunens egenandel er lagt inn som arbeidstid.", "gap"),
    # ... beside booked income it changes nothing
    ("Tilskudd fra IMDi 2025: kr 900 000\n", "- Tilskudd fra IMDi, mottatt 20. mai 2025: kr 900 000", "met"),
])
def test_income_that_is_only_the_grant_as_awarded_is_not_booked(engine, head_grant, income, want):
    text = _LIST_ACCOUNTS.format(head_grant=head_grant, income=income)
    assert booked_status(engine, text) == want


@pytest.mark.parametrize("who, want", [
    # the allowance asked for the participants a relative clause picks out (1 500 000 / 10 = 150 000, over 1G)
    ("For de ti deltakerne som ikke har introduksjonsstønad, søker vi om deltakerstønad på til sammen "
     "1 500 000 kroner per prosjektår.", "gap"),
    ("Dei ti deltakarane som står utan anna yting, vil få deltakarstønad, til saman 1 500 000 kroner kvart prosjektår.",
     "gap"),
    # others who get another benefit are not the allowance's recipients (1 500 000 / 14 = 107 143)
    ("De fire deltakerne som mottar stønad fra Nav, beholder den. Vi søker om deltakerstønad på til sammen "
     "1 500 000 kroner per prosjektår for alle.", "met"),
])
def test_the_allowance_for_the_participants_a_clause_picks_out(engine, who, want):
    text = application(14) + (
        "\n## Deltakere og deltakerstønad\n\n" + who + "\n\n## Budsjett\n\n"
        "| Post | 2025 | 2026 | Sum |\n| Deltakerstønad | 1 500 000 | 1 500 000 | 3 000 000 |\n")
    assert allowance_status(engine, text) == want


def test_a_copy_line_under_the_signatures_is_not_the_last_signers_title(engine):
    """"Kopi: kommunalsjef ..." under a controller's signature does not make the controller a superior."""
    approval = ("Regnskapet er avstemt mot hovedbok per 31.12.2025 og godkjent.\n\nPorsgrunn, 27. januar 2026\n\n"
                "Kari Bjørnstad Eriksen\nprosjektleder og prosjektansvarlig\n\nTor Arne Fjeld\ncontroller, Økonomi og "
                "analyse\n\nKopi: kommunalsjef for kultur, mangfold og inkludering\n")
    assert run(engine, _ACCOUNTS + approval, "2", "accounts")["regnskap_godkjent"].status == "gap"
    signed = approval.replace("Tor Arne Fjeld\ncontroller, Økonomi og analyse", "Tor Arne Fjeld\nkommunalsjef")
    assert run(engine, _ACCOUNTS + signed, "2", "accounts")["regnskap_godkjent"].status == "met"


def test_a_financing_table_the_text_ties_to_the_grant_letter_is_not_booked_income(engine):
    text = ("# Regnskap 2025 – Alle skal med\n\nVi viser til tilskuddsbrev av 12. mai 2025. Her følger regnskapet for "
            "2025.\n\n## Utgifter\n\n| Post | Regnskap 2025 |\n| Prosjektleder 50 % | 412 300 |\n| Kurs og samlinger "
            "| 96 200 |\n\n## Finansiering\n\nProsjektet finansieres slik, jf. søknaden og tilskuddsbrevet:\n\n"
            "| Finansiering | Beløp |\n| Tilskudd fra IMDi 2025 | 600 000 |\n")
    assert booked_status(engine, text) == "gap"
    # the same table under a column of booked figures is booked income
    booked = text.replace("| Finansiering | Beløp |", "| Finansiering | Bokført 2025 |")
    assert booked_status(engine, booked) == "met"


@pytest.mark.parametrize("seasons, want", [
    # one course year told season by season: 90 + 130 = 220 days x 650 = 143 000, over 1G
    ("Høsten 2025 er beregnet til 90 kursdager og våren 2026 til 130 kursdager.", "gap"),
    ("Hausten 2025 er rekna til 14 veker og våren 2026 til 20 veker.", "gap"),  # 34 x 4 000 = 136 000
    # seasons of different course years are not added (130 x 650 = 84 500)
    ("Høsten 2025 er beregnet til 90 kursdager og våren 2027 til 130 kursdager.", "met"),
])
def test_a_course_year_told_season_by_season_is_one_year(engine, seasons, want):
    rate = "650 kr per kursdag" if "kursdager" in seasons else "4 000 kr per veke"
    text = BASE + f"\n## Deltakerstønad\n\nDeltakerne får deltakerstønad på {rate}. {seasons}\n"
    assert allowance_status(engine, text) == want


# ------------------------------------------------------------------- found by review of engine 38

_LETTER_ACCOUNTS = """{above}# {title} – Velkommen til Nordland

Tilskuddsmottaker: Nordland fylkeskommune
{field}Periode: 1. januar – 31. desember 2025

## {income_heading}

{income}

## Utgifter

Utgiftene nedenfor er bokført i fylkeskommunens økonomisystem per 31.12.2025:

- Prosjektkoordinator 80 %, lønn og sosiale kostnader: kr 468 900
- Informasjonsmøter (lokaler, tolk, servering): kr 96 450
"""
_LETTER_ROW = "- Tilskudd fra IMDi, jf. tilskuddsbrev datert 12. mai 2025: kr 900 000"


@pytest.mark.parametrize("parts, want", [
    # the row, or the heading right over it, says booked or received: booked income
    (dict(income="- Regnskapsført tilskudd fra IMDi (tilskuddsbrev 12.05.2025): kr 900 000"), "met"),
    (dict(income="- Tilskudd fra IMDi iht. tilskuddsbrev av 12. mai 2025, mottatt 20. mai 2025: kr 900 000"), "met"),
    (dict(income_heading="Bokførte inntekter 2025"), "met"),
    (dict(income_heading="Inntekter", income="Regnskapsførte inntekter per 31.12.2025, jf. tilskuddsbrev:\n\n"
          + _LETTER_ROW), "met"),
    # nothing but the title says so, whatever the title is
    (dict(title="Sluttrapport 2025"), "gap"),
    # a head field that says it was received or booked is a row of the accounts
    (dict(field="Mottatt tilskudd fra IMDi 2025: kr 900 000\n", income="Ingen andre inntekter."), "met"),
    # a head field with a letterhead above the title is still the head's
    (dict(above="Nordland fylkeskommune\nVår ref.: 25/01234\n\n", field="Tilskudd fra IMDi 2025: kr 900 000\n",
          income="Ingen andre inntekter."), "gap"),
])
def test_grant_letter_rows_and_head_fields_found_by_review(engine, parts, want):
    fields = dict(above="", title="Regnskap 2025", field="", income_heading="Inntekter", income=_LETTER_ROW) | parts
    assert booked_status(engine, _LETTER_ACCOUNTS.format(**fields)) == want


@pytest.mark.parametrize("who", [
    "De fire deltakerne som allerede har introduksjonsstønad, får ikke deltakerstønad.",
    "Dei fire deltakarane som har introduksjonsstønad, får ikkje deltakarstønad.",
    "For de fire deltakerne som har introduksjonsstønad, er det ikke aktuelt, men for de andre søker vi om det.",
    "De fire deltakerne som mottar stønader fra Nav, beholder dem.",
])
def test_those_who_do_not_get_the_allowance_are_not_its_recipients(engine, who):
    # 1 000 000 / 14 = 71 429 a year: within 1G; read as for four, it would be 250 000
    text = application(14) + (
        "\n## Deltakerstønad\n\n" + who + " Vi søker om deltakerstønad på til sammen 1 000 000 kroner per prosjektår."
        "\n\n## Budsjett\n\n| Post | 2025 | 2026 | Sum |\n| Deltakerstønad | 1 000 000 | 1 000 000 | 2 000 000 |\n")
    assert allowance_status(engine, text) == "met"


@pytest.mark.parametrize("copy", ["Kopimottaker: kommunalsjef for kultur, mangfold og inkludering",
                                  "Til orientering: kommunalsjef for kultur, mangfold og inkludering"])
def test_copy_lines_of_other_shapes_are_no_title(engine, copy):
    approval = ("Regnskapet er avstemt og godkjent.\n\nKari Bjørnstad Eriksen\nprosjektleder og prosjektansvarlig\n\n"
                f"Tor Arne Fjeld\ncontroller, Økonomi og analyse\n\n{copy}\n")
    assert run(engine, _ACCOUNTS + approval, "2", "accounts")["regnskap_godkjent"].status == "gap"


# ------------------------------------------------------------------- from probes of my own (session 14)

@pytest.mark.parametrize("said, want", [
    # a rate per hour or day in the definite form alone: 125 x 30 x 40 = 150 000, over 1G
    ("Deltakerstønaden er 125 kr timen for 30 timer i uka, og tiltaket varer 40 uker per år.", "gap"),
    ("Deltakerstønaden er 100 kr timen for 30 timer i uka, og tiltaket varer 40 uker per år.", "met"),
    # the sum the sentence before comes to: 1 680 000 / 12 = 140 000
    ("Alle deltakerne får deltakerstønad. Per år utgjør dette 1 680 000 kr.", "gap"),
    ("Alle deltakerne får deltakerstønad. Per år utgjør dette 1 440 000 kr.", "met"),
])
def test_allowance_rates_and_sums_said_in_other_words(engine, said, want):
    text = application(12) + "\n## Deltakerstønad\n\n" + said + "\n"
    assert allowance_status(engine, text) == want


# ------------------------------------------------------------------- learned from the 42nd batch (train/dev only)

@pytest.mark.parametrize("total, want", [("1 400 000", "gap"), ("1 200 000", "met")])
def test_a_group_total_per_course_year_is_a_yearly_sum(engine, total, want):
    """"for ti kvinner, til saman 1 400 000 kr per kursår" over two course years: 140 000 each a year, over 1G."""
    text = application(10).replace(
        "Søknadsbeløp: kr 850 000", "Prosjektperiode: 1. august 2025 – 31. juli 2027") + (
        f"\n## Deltakarstønad\n\nVi har budsjettert med deltakarstønad for ti kvinner, til saman {total} kr per kursår.\n")
    assert allowance_status(engine, text) == want


@pytest.mark.parametrize("total, want", [("3 600 000", "gap"), ("3 000 000", "met")])
def test_a_whole_period_sum_for_intakes_one_a_year_is_per_participant_year(engine, total, want):
    """Two intakes of 10 and 14, one a year: 3 600 000 kr for 24 participant-years is 150 000 each, over 1G."""
    text = BASE.replace("Antall deltakere: 18\n", "").replace(
        "Søknadsbeløp: kr 850 000", "Prosjektperiode: 1. september 2025 – 31. august 2027") + (
        "\n## Deltakere\n\nKull 1 starter i september 2025 og består av 10 deltakere. Kull 2 starter i september 2026 "
        "og består av 14 deltakere.\n\n## Deltakerstønad\n\nVi søker om deltakerstønad til alle deltakerne i begge kull, "
        f"til sammen kr {total} for hele prosjektperioden.\n")
    assert allowance_status(engine, text) == want


# ------------------------------------------------------------------- found by review of engines 39-41

@pytest.mark.parametrize("said, want", [
    # another sum after the allowance's sentence is not what the allowance comes to (80 000 each: within 1G)
    ("Deltakerne får deltakerstønad på 80 000 kr per år. Samlet blir det søkt om 2 400 000 kr fra IMDi.", "met"),
    ("Deltakerne får deltakerstønad på 80 000 kr per år. Prosjektleder i 50 % stilling kommer i tillegg, og det "
     "utgjør 1 650 000 kr over prosjektperioden.", "met"),
    # 'andre ytelser' in the clause of those who get it: the 8 of 14 (1 200 000 / 8 = 150 000)
    ("For de åtte deltakerne som ikke har andre ytelser, søker vi om deltakerstønad. Vi søker om til sammen "
     "1 200 000 kr i deltakerstønad per år.", "gap"),
    # hours a week told season by season are no course year's hours: 150 x 30 x 38 = 171 000
    ("Deltakerne får deltakerstønad på 150 kr per time i 38 uker. Høsten 2025 er det 20 timer i uka og våren 2026 "
     "30 timer i uka.", "gap"),
])
def test_allowance_readings_found_by_the_second_review(engine, said, want):
    text = application(14 if "åtte" in said else 12)
    assert allowance_status(engine, text + "\n## Deltakerstønad\n\n" + said + "\n") == want


def test_groups_side_by_side_are_not_one_intake_a_year(engine):
    text = application(24).replace(
        "Søknadsbeløp: kr 850 000", "Prosjektperiode: 2025–2026") + (
        "\n## Deltakere\n\nGruppe 1 holdes i Alta og har 10 deltakere. Gruppe 2 holdes i Hammerfest og har 14 deltakere. "
        "Begge gruppene går parallelt gjennom hele prosjektperioden på to år.\n\n## Deltakerstønad\n\nVi søker om "
        "deltakerstønad til alle deltakerne, til sammen kr 5 000 000 for hele prosjektperioden.\n")
    assert allowance_status(engine, text) == "met"  # 5 000 000 / 24 / 2 = 104 167


@pytest.mark.parametrize("markup, want", [
    # a side heading over field-shaped rows: the rows are the accounts, not the document's head
    ("# Prosjektregnskap 2025\n\nProsjekt: Jobbsjansen\n\n## Bokførte inntekter\n\nTilskudd fra IMDi: kr 900 000\n"
     "Kommentar: hele tilskuddet er mottatt og inntektsført\n\n## Bokførte utgifter\n\nLønn: kr 610 000\n"
     "Kurs: kr 240 000\n", "met"),
    # prose under the title does not end the head: the grant among the fields is as awarded
    ("# Prosjektregnskap 2025\n\nRegnskapet gjelder tilskudd til prosjektet Jobbsjansen.\n\nTilskuddsmottaker: Alta "
     "kommune\nTilskudd fra IMDi 2025: kr 820 000\nPeriode: 1. januar – 31. desember 2025\n\n## Utgifter\n\nTabellen "
     "viser utgiftene slik de er ført i kommunens regnskap per 31.12.2025.\n\n| Post | Regnskap 2025 |\n"
     "| Lønn | 610 000 |\n| Kurs | 240 000 |\n", "gap"),
    # a grant-letter row that was not received
    (_LETTER_ACCOUNTS.format(above="", title="Regnskap 2025", field="", income_heading="Inntekter",
                             income="- Tilskudd fra IMDi, jf. tilskuddsbrev datert 12. mai 2025, ikke mottatt per "
                                    "31.12.2025: kr 900 000"), "gap"),
])
def test_accounts_readings_found_by_the_second_review(engine, markup, want):
    assert booked_status(engine, markup) == want



# ------------------------------------------------------------------- the allowance, told in more ways (session 15)

_ALLOWANCE_HEAD = ("# Søknad om tilskudd\n\nSøker: Askøy kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\n"
                   "Antall deltakere: {n}\n\n## Om prosjektet\n\nProsjektet skal gi arbeidsrettet kvalifisering.\n\n"
                   "## Mål\n\nProsjektet skal gi deltakerne arbeid.\n\n")


@pytest.mark.parametrize("body, n, want", [
    # rate per week in a budget note, the weeks a year in another section
    ("## Opplegg\n\nKurset går 44 uker i året med fem dager i uka.\n\n## Budsjett\n\n| Post | 2025 | 2026 |\n| Deltakerstønad (se note 1) | 400 000 | 1 200 000 |\n\nNote 1: Deltakerstønaden er 3 200 kr per uke per deltaker.\n", 10, "gap"),
    ("## Opplegg\n\nKurset går 38 uker i året.\n\n## Budsjett\n\n| Post | 2025 | 2026 |\n| Deltakerstønad (se note 1) | 400 000 | 1 200 000 |\n\nNote 1: Deltakerstønaden er 3 200 kr per uke per deltaker.\n", 10, "met"),
    # daily rate, days a week and weeks a year in different sentences
    ("## Deltakerstønad\n\nDeltakerstønaden er 640 kr per oppmøtedag. Deltakerne er på kurs eller i praksis fire dager i uka.\n\n## Framdrift\n\nHvert kursår har 46 uker.\n", 12, "met"),
    ("## Deltakerstønad\n\nDeltakerstønaden er 640 kr per oppmøtedag. Deltakerne er på kurs eller i praksis fem dager i uka.\n\n## Framdrift\n\nHvert kursår har 46 uker.\n", 12, "gap"),
    # share of G
    ("## Deltakerstønad\n\nVi søker om deltakerstønad tilsvarende 80 % av G per deltaker per år.\n", 12, "met"),
    ("## Deltakerstønad\n\nDeltakerstønaden er satt til 1,2 ganger grunnbeløpet per deltaker per år.\n", 12, "gap"),
    # a row that multiplies it out
    ("## Budsjett\n\n| Post | Beløp |\n| Deltakerstønad (10 x 120 000) | 1 200 000 |\n| Prosjektleder | 600 000 |\n", 10, "met"),
    ("## Budsjett\n\n| Post | Beløp |\n| Deltakerstønad (10 x 140 000) | 1 400 000 |\n| Prosjektleder | 600 000 |\n", 10, "gap"),
    # group total per year, recipients named
    ("## Deltakerstønad\n\nDeltakerstønad: 1 300 000 kr per år for ti deltakere.\n", 12, "met"),
    ("## Deltakerstønad\n\nDeltakerstønad: 1 400 000 kr per år for ti deltakere.\n", 12, "gap"),
    # fewer recipients than participants
    ("## Deltakerstønad\n\nÅtte av de tolv deltakerne har ikke annen inntekt og får deltakerstønad. Vi har budsjettert med 1 120 000 kr per år til dette.\n", 12, "gap"),
    ("## Deltakerstønad\n\nÅtte av de tolv deltakerne har ikke annen inntekt og får deltakerstønad. Vi har budsjettert med 960 000 kr per år til dette.\n", 12, "met"),
    # monthly rate, a course year of ten months
    ("## Deltakerstønad\n\nDeltakerstønaden er 12 500 kr i måneden. Kursåret går fra august til mai, ti måneder.\n", 12, "met"),
    ("## Deltakerstønad\n\nDeltakerstønaden er 12 500 kr i måneden, og den utbetales alle årets tolv måneder.\n", 12, "gap"),
    # different rates per year
    ("## Deltakerstønad\n\nDeltakerstønaden er 10 000 kr per måned det første året og 11 500 kr per måned det andre året, tolv måneder hvert år.\n", 12, "gap"),
    ("## Deltakerstønad\n\nDeltakerstønaden er 10 000 kr per måned det første året og 10 500 kr per måned det andre året, tolv måneder hvert år.\n", 12, "met"),
    # hourly rate
    ("## Deltakerstønad\n\nDeltakerne får 150 kr per time i deltakerstønad. De har 20 timer i uka i 42 uker per år.\n", 12, "met"),
    ("## Deltakerstønad\n\nDeltakerne får 150 kr per time i deltakerstønad. De har 30 timer i uka i 42 uker per år.\n", 12, "gap"),
    # nynorsk, weekly rate and weeks in one sentence
    ("## Deltakarstønad\n\nDeltakarstønaden er 2 700 kr i veka i 47 veker kvart år.\n", 12, "met"),
    ("## Deltakarstønad\n\nDeltakarstønaden er 2 900 kr i veka i 47 veker kvart år.\n", 12, "gap"),
    # the text claims 1G but the figures exceed it
    ("## Deltakerstønad\n\nDeltakerstønaden holdes innenfor rammen på 1G. Den er 700 kr per dag, fem dager i uka i 45 uker i året.\n", 12, "gap"),
    # whole-course sum per participant, course of 18 months
    ("## Deltakerstønad\n\nHver deltaker får til sammen 180 000 kr i deltakerstønad over hele kursløpet på 18 måneder.\n", 12, "met"),
    ("## Deltakerstønad\n\nHver deltaker får til sammen 220 000 kr i deltakerstønad over hele kursløpet på 18 måneder.\n", 12, "gap"),
    # a budget row per year with part year columns, recipients in the row
    ("## Budsjett\n\n| Post | 2025 (sep–des) | 2026 | Sum |\n| Deltakerstønad, 8 deltakere | 320 000 | 960 000 | 1 280 000 |\n", 8, "met"),
    ("## Budsjett\n\n| Post | 2025 (sep–des) | 2026 | Sum |\n| Deltakerstønad, 8 deltakere | 480 000 | 1 440 000 | 1 920 000 |\n", 8, "gap"),
])
def test_the_allowance_from_rates_stretches_shares_of_g_and_recipients_told_anywhere(engine, body, n, want):
    assert allowance_status(engine, _ALLOWANCE_HEAD.format(n=n) + body) == want


@pytest.mark.parametrize("body, n, want", [
    ("## Deltakerstønad\n\nVi søker ikke om deltakerstønad, fordi alle deltakerne har introduksjonsstønad på om lag 250 000 kr i året.\n", 12, "not_applicable"),
    ("## Deltakerstønad\n\nDeltakerstønad er ikke aktuelt i dette prosjektet, siden deltakerne får lønn på 180 000 kr.\n", 12, "not_applicable"),
    ("## Deltakerstønad\n\nVi søker ikke om stønad til deltakerne; de har introduksjonsstønad (kr 260 000 per år).\n", 12, "not_applicable"),
    ("## Deltakerstønad\n\nDeltakerstønaden utbetales fra september til juni med 12 000 kr i måneden.\n", 12, "met"),
    ("## Deltakerstønad\n\nDeltakerstønaden utbetales fra august til juli med 12 000 kr i måneden.\n", 12, "gap"),
    ("## Deltakerstønad\n\nVi har budsjettert med 2 400 000 kr til deltakerstønad i 2026 for tolv deltakere.\n", 12, "gap"),
    ("## Deltakerstønad\n\nVi har budsjettert med 1 440 000 kr til deltakerstønad i 2026 for tolv deltakere.\n", 12, "met"),
    ("## Deltakerstønad\n\nDe seks deltakerne som mangler andre ytelser, får deltakerstønad. Vi har satt av 900 000 kr per år til dette.\n", 12, "gap"),
    ("## Deltakerstønad\n\nDeltakerstønad søkes til dem som ikke har introduksjonsstønad, 11 000 kr i måneden i elleve måneder.\n", 12, "met"),
    ("## Deltakerstønad\n\nDeltakerstønad søkes til dem som ikke har introduksjonsstønad, 11 500 kr i måneden hele året.\n", 12, "gap"),
    ("## Deltakerstønad\n\nDeltakerstønaden er satt til 90 % av G.\n", 12, "met"),
    ("## Deltakerstønad\n\nSatsen for deltakerstønad er 1,1 G per deltaker per år.\n", 12, "gap"),
    ("## Budsjett\n\n| Post | Beløp |\n| Deltakerstønad 12 deltakere x 115 000 | 1 380 000 |\n", 12, "met"),
    ("## Budsjett\n\n| Post | Beløp |\n| Deltakerstønad (12 x 11 000 x 11 mnd) | 1 452 000 |\n", 12, "met"),
    ("## Budsjett\n\n| Post | Beløp |\n| Deltakerstønad (12 x 12 000 x 12 mnd) | 1 728 000 |\n", 12, "gap"),
    ("## Deltakerstønad\n\nDeltakerne får deltakerstønad. Den er 120 000 kr per deltaker per år.\n", 12, "met"),
    ("## Deltakerstønad\n\nHver deltaker får til sammen 300 000 kr i deltakerstønad over hele prosjektperioden på to år.\n", 12, "gap"),
    ("## Deltakerstønad\n\nHver deltaker får til sammen 240 000 kr i deltakerstønad over hele prosjektperioden på to år.\n", 12, "met"),
])
def test_the_allowance_not_asked_for_and_more_ways_to_ask_it(engine, body, n, want):
    assert allowance_status(engine, _ALLOWANCE_HEAD.format(n=n) + body) == want


@pytest.mark.parametrize("head", ["| Post | Beløp |", "| Post | Beløp (kr) |", "| Budsjettpost | Kr |",
                                  "| Kostnader | Beløp i kr |", "| Post | NOK |", "| Utgiftspost | Sum |"])
@pytest.mark.parametrize("total, want", [("3 200 000", "gap"), ("2 400 000", "met")])
def test_the_allowance_in_a_budget_of_one_column_of_sums(engine, head, total, want):
    # the whole period's sum for 10 participants over two years: 160 000 or 120 000 a year each
    body = f"## Budsjett\n\n{head}\n| Deltakerstønad, 10 deltakere | {total} |\n| Prosjektleder | 900 000 |\n"
    assert allowance_status(engine, _ALLOWANCE_HEAD.format(n=10) + body) == want


def test_a_count_column_beside_the_sums_is_no_part_of_a_sum(engine):
    body = "## Budsjett\n\n| Post | Antall | Beløp |\n| Deltakerstønad | 10 | 2 400 000 |\n"
    assert allowance_status(engine, _ALLOWANCE_HEAD.format(n=10) + body) == "met"


# --------------------------------------------- another hand's ways of stating the allowance (session 15)

_OTHER_HEAD = ("# Søknad om tilskudd\n\nSøker: Lunner kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\n"
               "Antall deltakere: {n}\n\n## Om prosjektet\n\nProsjektet skal gi arbeidsrettet kvalifisering.\n\n"
               "## Mål\n\nProsjektet skal gi deltakerne arbeid.\n\n")

_OTHER_WAYS = [
    ('A1', '## Budsjett\n\n| Post | 2025 | 2026 | 2027 | Sum |\n| Prosjektleder 50 % | 180 000 | 440 000 | 260 000 | 880 000 |\n| Deltakerstønad | 650 000 | 1 500 000 | 870 000 | 3 020 000 |\n',
     12, 'met'),
    ('A2', '## Budsjett\n\n| Post | 2025 | 2026 | 2027 | Sum |\n| Prosjektleder 50 % | 180 000 | 440 000 | 260 000 | 880 000 |\n| Deltakerstønad | 700 000 | 1 680 000 | 980 000 | 3 360 000 |\n',
     12, 'gap'),
    ('A4', '## Budsjett\n\nBeløp i 1000 kr.\n\n| Post | 2025 | 2026 | 2027 | Sum |\n| Prosjektleder 50 % | 180 | 440 | 260 | 880 |\n| Deltakerstønad | 600 | 1 440 | 840 | 2 880 |\n',
     12, 'met'),
    ('A6', '## Budsjett\n\n| Post | Kursår 2025/26 | Kursår 2026/27 | Sum |\n| Lønn jobbspesialist | 650 000 | 670 000 | 1 320 000 |\n| Deltakerstønad | 1 512 000 | 1 512 000 | 3 024 000 |\n',
     12, 'met'),
    ('A8', '## Budsjett\n\n| Post | 2025 | 2026 | 2027 |\n| Deltakarstønad (10 deltakarar) | 560 000 | 1 400 000 | 840 000 |\n',
     10, 'gap'),
    ('B4', '## Budsjett\n\n| Post | Sats per måned | Antall deltakere | Måneder | Sum per år |\n| Deltakerstønad | 10 500 | 12 | 12 | 1 512 000 |\n| Prosjektleder | | | | 620 000 |\n',
     12, 'met'),
    ('B6', '## Budsjett 2026\n\n| Post | Beløp |\n| Deltakerstønad | 1 440 000 |\n| Lønn prosjektleder | 900 000 |\n\n## Budsjett 2025 (august–desember)\n\n| Post | Beløp |\n| Deltakerstønad | 600 000 |\n| Lønn prosjektleder | 375 000 |\n',
     12, 'met'),
    ('B7', '## Budsjett\n\n| Post | Beregning | Beløp per år |\n| Deltakerstønad | 10 deltakere × kr 560 × 5 dager × 46 uker | 1 288 000 |\n',
     10, 'met'),
    ('C1', '## Deltakerstønad\n\nDeltakerstønaden beregnes per uke. Ukesatsen er kr 2 950, og kurset går over 45 uker i året.\n',
     12, 'gap'),
    ('C2', '## Deltakerstønad\n\nDeltakerstønaden beregnes per uke. Ukesatsen er kr 2 600, og kurset går over 45 uker i året.\n',
     12, 'met'),
    ('C3', '## Organisering\n\nProgramåret er 46 uker langt, med fire ukers sommerstengt.\n\n## Budsjett\n\nDeltakerstønad beregnes med 2 900 kr per uke per deltaker.\n',
     12, 'gap'),
    ('C4', '## Deltakerstønad\n\nDagsatsen for deltakerstønad er 560 kr. Deltakerne har 230 oppmøtedager i året.\n',
     12, 'met'),
    ('C5', '## Deltakerstønad\n\nDeltakerstønaden er 610 kroner per dag, og tiltaket har 225 kursdager per år.\n',
     12, 'gap'),
    ('C6', '## Deltakarstønad\n\nDeltakarstønaden er 140 kr per time. Deltakarane er i tiltaket 25 timar i veka, 44 veker i året.\n',
     12, 'gap'),
    ('C7', '## Deltakerstønad\n\nDeltakerne får 150 kr timen i deltakerstønad for 25 timer i uka. Kursåret har 42 uker.\n',
     12, 'gap'),
    ('C8', '## Deltakarstønad\n\nDeltakarstønaden er 2 750 kr kvar veke i 48 veker.\n',
     12, 'gap'),
    ('C9', '## Deltakerstønad\n\nDeltakerstønaden vil utgjøre om lag 11 000 kroner i måneden for hver deltaker. Kurset varer i ti måneder hvert år.\n',
     12, 'met'),
    ('C10', '## Deltakerstønad\n\nDeltakerstønaden er 12 000 kr per måned. Stønaden utbetales fra august til juni.\n',
     12, 'gap'),
    ('C11', '## Deltakarstønad\n\nDeltakarstønaden er 11 500 kr i månaden. Stønaden blir utbetalt i 11 månader kvart år.\n',
     12, 'met'),
    ('C12', '## Deltakerstønad\n\nDeltakerstønaden er satt til 10 800 kr per måned, tolv måneder i året.\n',
     12, 'met'),
    ('C13', '## Deltakerstønad\n\nKull 1 (2025/26) får 10 500 kr per måned. Kull 2 (2026/27) får 11 200 kr per måned i deltakerstønad. Stønaden utbetales i 12 måneder.\n',
     12, 'gap'),
    ('D1', '## Deltakerstønad\n\nDeltakerstønaden utgjør 90 prosent av grunnbeløpet (G) per deltaker per år.\n',
     12, 'met'),
    ('D2', '## Deltakerstønad\n\nVi søker om deltakerstønad på inntil 1,5 G per deltaker per år, i tråd med satsene i kommunens kvalifiseringsprogram.\n',
     12, 'gap'),
    ('D3', '## Deltakerstønad\n\nDeltakerstønaden er 250 000 kr per deltaker over to år.\n',
     12, 'met'),
    ('D4', '## Deltakarstønad\n\nKvar deltakar får 240 000 kr i deltakarstønad for dei to åra prosjektet varer.\n',
     12, 'met'),
    ('D5', 'Deltakerstønad per deltaker per år: 135 000 kr\n',
     12, 'gap'),
    ('D6', '## Deltakerstønad\n\nDeltakerstønaden er 1G, 130 160 kr, per deltaker per år. For ti deltakere blir dette 1 301 600 kr per år.\n',
     10, 'met'),
    ('D7', '## Økonomi\n\nTiltaket koster totalt 4 200 000 kr, inkludert deltakerstønad på 128 000 kr per deltaker per år.\n',
     12, 'met'),
    ('E4', '## Deltakarstønad\n\nVi søkjer om 1 560 000 kr i deltakarstønad kvart år for dei tolv deltakarane.\n',
     12, 'met'),
    ('E5', '## Deltakerstønad\n\nTil deltakerstønad søker vi om totalt 2 880 000 kroner for prosjektperioden.\n',
     12, 'met'),
    ('E6', 'Deltakerstønad, totalt for prosjektperioden: 3 360 000 kr\n',
     12, 'gap'),
    ('E8', '## Deltakerstønad\n\nDeltakerstønad: kr 11 500,- pr. mnd. x 12 mnd. x 10 deltakere = kr 1 380 000,- per år.\n',
     10, 'gap'),
    ('F1', '## Deltakerstønad\n\nDeltakerne er i introduksjonsprogrammet og mottar introduksjonsstønad. Det søkes derfor ikke om deltakerstønad.\n',
     12, 'not_applicable'),
    ('F5', '## Budsjett\n\n| Post | 2025 | 2026 | 2027 |\n| Prosjektleder | 180 000 | 440 000 | 260 000 |\n| Deltakerstønad | – | – | – |\n',
     12, 'not_applicable'),
    ('F6', '## Deltakerstønad\n\nDeltakerne får tiltakspenger fra Nav i stedet for deltakerstønad.\n',
     12, 'not_applicable'),
    ('F8', '## Deltakarstønad\n\nDeltakarane mottek kvalifiseringsstønad frå Nav, og vi har difor ikkje teke med deltakarstønad i budsjettet.\n',
     12, 'not_applicable'),
    ('G2', '## Deltakerstønad\n\nVi søker om deltakerstønad til alle deltakerne. Ukesatsen er kr 2 950, og kurset går over 45 uker i året.\n',
     12, 'gap'),
    ('G3', '## Deltakerstønad\n\nDeltakerstønaden er 11 500 kr per måned. Stønaden utbetales i 11 måneder i året.\n',
     12, 'met'),
    ('G4', '## Deltakerstønad\n\nDeltakerstønaden er 250 000 kr per deltaker for hele prosjektperioden på to år.\n',
     12, 'met'),
    ('G5', '## Budsjett\n\n| Post | Beløp |\n| Deltakerstønad (12 x 11 500 x 11 mnd) | 1 518 000 |\n',
     12, 'met'),
    ('G6', '## Framdrift\n\nDeltakerne er i tiltaket 44 uker i året.\n\n## Deltakerstønad\n\nDeltakerstønaden er 2 950 kr per uke.\n',
     12, 'met'),
    ('G7', '## Deltakerstønad\n\nDeltakerstønaden er 2 900 kr per uke. Kurset varer i 80 uker, uten opphold.\n',
     12, 'gap'),
    ('G8', '## Deltakarstønad\n\nDeltakarane får 120 kr per time i deltakarstønad for inntil 1 000 timar i året.\n',
     12, 'met'),
    ('G9', '## Deltakarstønad\n\nKvar deltakar får 12 500 kr i månaden i deltakarstønad medan dei er i tiltaket. Tiltaket varer i ti månader.\n',
     12, 'met'),
    ('G12', '## Deltakerstønad\n\nVi søker om deltakerstønad på 1,5 G per deltaker per år.\n',
     12, 'gap'),
    ('G13', '## Deltakerstønad\n\nFem av de tolv deltakerne får deltakerstønad, til sammen 700 000 kr i året.\n',
     12, 'gap'),
    ('G15', '## Deltakerstønad\n\nDeltakerstønaden er 240 000 kr per deltaker over to år.\n',
     12, 'met'),
    ('G16', '## Deltakerstønad\n\nDeltakerstønaden er 11 500 kr per måned. Hvert kursår har ti måneder.\n',
     12, 'met'),
    # read with the table's header (session 16): thousands, course years, half years, a rate with its stretch,
    # one column under a year's heading; a row of zeros asks for nothing
    ('A3', '## Budsjett\n\nAlle beløp er oppgitt i hele tusen kroner.\n\n| Post | 2025 | 2026 | 2027 | Sum |\n| Prosjektleder 50 % | 180 | 440 | 260 | 880 |\n| Deltakerstønad | 700 | 1 680 | 980 | 3 360 |\n',
     12, 'gap'),
    ('A5', '## Budsjett\n\n| Post | Kursår 2025/26 | Kursår 2026/27 | Sum |\n| Lønn jobbspesialist | 650 000 | 670 000 | 1 320 000 |\n| Deltakerstønad | 1 656 000 | 1 656 000 | 3 312 000 |\n',
     12, 'gap'),
    ('A7', '## Budsjett\n\nDeltakerstønaden er budsjettert per halvår.\n\n| Post | Høst 2025 | Vår 2026 | Høst 2026 | Vår 2027 |\n| Deltakerstønad | 750 000 | 900 000 | 750 000 | 900 000 |\n',
     12, 'gap'),
    ('B3', '## Budsjett\n\n| Post | Sats per måned | Antall deltakere | Måneder | Sum per år |\n| Deltakerstønad | 11 500 | 12 | 12 | 1 656 000 |\n| Prosjektleder | | | | 620 000 |\n',
     12, 'gap'),
    ('B5', '## Budsjett 2026\n\n| Post | Beløp |\n| Deltakerstønad | 1 680 000 |\n| Lønn prosjektleder | 900 000 |\n\n## Budsjett 2025 (august–desember)\n\n| Post | Beløp |\n| Deltakerstønad | 700 000 |\n| Lønn prosjektleder | 375 000 |\n',
     12, 'gap'),
    ('F2', '## Budsjett\n\n| Post | 2025 | 2026 | 2027 | Sum |\n| Prosjektleder | 180 000 | 440 000 | 260 000 | 880 000 |\n| Deltakerstønad | 0 | 0 | 0 | 0 |\n',
     12, 'not_applicable'),
    ('G11', '## Budsjett\n\nBudsjettposten deltakerstønad er satt til kr 0, da alle deltakerne har introduksjonsstønad.\n',
     12, 'not_applicable'),
    ('G14', '## Budsjett\n\n| Post | 2025 | 2026 | 2027 | Sum |\n| Deltakerstønad | 700 | 1 680 | 980 | 3 360 |\n\nBeløpene er i tusen kroner.\n',
     12, 'gap'),
    # recipients said as a share, as "de øvrige", or as those without other benefits; not asked: "inngår ikke i
    # søknaden", an earlier project's allowance
    ('E1', '## Deltakerstønad\n\nOm lag halvparten av deltakerne har ikke introduksjonsstønad eller andre ytelser, og vil få deltakerstønad. Vi har budsjettert med 900 000 kr per år til deltakerstønad.\n',
     12, 'gap'),
    ('E2', '## Deltakerstønad\n\nSju av deltakerne mottar introduksjonsstønad. De øvrige fem får deltakerstønad, til sammen 700 000 kr i året.\n',
     12, 'gap'),
    ('E3', '## Målgruppe\n\nVi regner med at åtte av de tolv deltakerne ikke har rett til introduksjonsstønad eller andre ytelser.\n\n## Budsjett\n\nDeltakerstønaden er budsjettert med 1 120 000 kr i 2026.\n',
     12, 'gap'),
    ('F3', '## Budsjett\n\nEventuell deltakerstønad dekkes av kommunens egne midler og inngår ikke i søknaden til IMDi.\n',
     12, 'not_applicable'),
    ('F7', '## Erfaringer\n\nI forrige prosjekt fikk deltakerne 150 000 kr i deltakerstønad per år. Denne gangen søker vi ikke om deltakerstønad, fordi alle deltakerne har introduksjonsstønad.\n',
     12, 'not_applicable'),
]


@pytest.mark.parametrize("case, body, n, want", _OTHER_WAYS, ids=[c[0] for c in _OTHER_WAYS])
def test_the_allowance_as_another_hand_states_it(engine, case, body, n, want):
    """A prober's cases (a helper who saw only the check's purpose), each with its arithmetic worked out by hand;
    the ones engine 43 still gets wrong are listed in the session's closing note."""
    assert allowance_status(engine, _OTHER_HEAD.format(n=n) + body) == want


# The allowance's sum and its stretch told apart, as the 46th batch's authors told them (my own wording of their
# forms, with the arithmetic by hand): a rate under the allowance's heading that names no allowance, a course year
# in weeks said where the course is described, a count of recipients per intake in the budget row's label, and
# "Dette gjelder ... åtte av de tolv deltakerne" after the sentence on the allowance.
_SPREAD_WAYS = [
    ("rate under its heading, over", "## Deltakerstønad\n\nDeltakere uten andre ytelser får deltakerstønad. Vi har "
     "lagt til grunn en sats på 3 300 kr per uke per deltaker.\n\n## Opplegg\n\nKvalifiseringsløpet går over 45 uker "
     "per år.\n", 12, "gap"),  # 3 300 x 45 = 148 500
    ("rate under its heading, within", "## Deltakerstønad\n\nDeltakere uten andre ytelser får deltakerstønad. Vi har "
     "lagt til grunn en sats på 2 800 kr per uke per deltaker.\n\n## Opplegg\n\nKvalifiseringsløpet går over 45 uker "
     "per år.\n", 12, "met"),  # 2 800 x 45 = 126 000
    ("days of a course year, over", "## Opplegg\n\nHvert kull følger et løp på ett kursår. Opplæringen går fem dager "
     "i uka i 40 uker per kursår.\n\n## Deltakerstønad\n\nDeltakerstønaden er satt til 700 kroner per dag.\n",
     12, "gap"),  # 700 x 5 x 40 = 140 000
    ("days of a course year, within", "## Opplegg\n\nHvert kull følger et løp på ett kursår. Opplæringen går fem "
     "dager i uka i 40 uker per kursår.\n\n## Deltakerstønad\n\nDeltakerstønaden er satt til 640 kroner per dag.\n",
     12, "met"),  # 640 x 200 = 128 000
    ("recipients per intake in the row, over", "## Budsjett\n\nVi tar inn to kull à ti deltakere, ett hvert år.\n\n"
     "| Post | 2025 | 2026 | 2027 |\n| Deltakerstønad (5 mottakere per kull) | 300 000 | 700 000 | 400 000 |\n",
     20, "gap"),  # 2026: 700 000 / 5 = 140 000
    ("recipients per intake in the row, within", "## Budsjett\n\nVi tar inn to kull à ti deltakere, ett hvert år.\n\n"
     "| Post | 2025 | 2026 | 2027 |\n| Deltakerstønad (5 mottakere per kull) | 250 000 | 600 000 | 350 000 |\n",
     20, "met"),  # 2026: 600 000 / 5 = 120 000
    ("'Dette gjelder' the recipients, over", "## Deltakerstønad\n\nDeltakere uten annen inntekt får deltakerstønad, "
     "til sammen 1 120 000 kr i året. Dette gjelder etter kartleggingen åtte av de tolv deltakerne.\n",
     12, "gap"),  # 1 120 000 / 8 = 140 000
    ("as in an earlier project, still asked", "## Deltakerstønad\n\nSom i det forrige prosjektet får deltakerne "
     "deltakerstønad, 140 000 kr per deltaker per år.\n", 12, "gap"),
]


@pytest.mark.parametrize("case, body, n, want", _SPREAD_WAYS, ids=[c[0] for c in _SPREAD_WAYS])
def test_the_allowance_with_its_parts_told_in_different_places(engine, case, body, n, want):
    assert allowance_status(engine, _OTHER_HEAD.format(n=n) + body) == want
