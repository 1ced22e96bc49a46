"""Near misses that co-occurrence rules took for a met condition, and a condition met only across the
document (a role said to do the work today, paid in the budget). Each pair differs in the one thing the
call's condition is about, so a rule that only looks for keywords fails one side of it."""

from __future__ import annotations

from importlib import resources

import pytest

from nlp_service.calls import CallError, LemmaDetector, load_call
from nlp_service.checks.engine import CheckEngine
from nlp_service.checks.facts import extract_facts
from nlp_service.contract import CheckResult
from nlp_service.corpus.dataset import markup_to_text
from nlp_service.ingest.text import document_from_text
from nlp_service.language.segment import document_sentences


@pytest.fixture(scope="module")
def engine() -> CheckEngine:
    return CheckEngine(load_call("tuki-2025"))


def run(engine: CheckEngine, markup: str, area: str | None, kind: str = "application") -> dict[str, CheckResult]:
    doc = document_from_text(markup_to_text(markup))
    sentences = document_sentences(doc)
    facts = extract_facts(doc, sentences)
    return {r.id: r for r in engine.run(doc, sentences, area=area, kind=kind, facts=facts)}


HEAD = """# Søknad om tilskudd

Søker: Voss herad
Prosjektnavn: Trygg i kvardagen
Søknadsbeløp: kr 900 000
Antall deltakere: 16

## Om tiltaket

{body}
"""


# ---------------------------------------------------------------------- interdisciplinary cooperation


def test_health_and_qualification_in_neighbouring_sentences_is_not_cooperation(engine):
    body = ("Mange deltakarar har hatt samtalar med kommunepsykologen. "
            "Programrådgjevarane i introduksjonsprogrammet følgjer opp kvar deltakar.")
    assert run(engine, HEAD.format(body=body), "2")["tverrfaglig_samarbeid"].status == "gap"


def test_health_and_qualification_working_together_is_met(engine):
    body = ("Kommunepsykologen og programrådgjevarane i introduksjonsprogrammet har faste møte kvar veke "
            "der dei saman planlegg oppfølginga.")
    r = run(engine, HEAD.format(body=body), "2")["tverrfaglig_samarbeid"]
    assert r.status == "met"
    assert "Kommunepsykologen" in r.evidence[0].text


def test_course_led_by_one_from_each_side_is_met(engine):
    body = "Kvar gruppe har to kursleiarar: ein frå vaksenopplæringa og ein helsesjukepleiar frå helsestasjonen."
    assert run(engine, HEAD.format(body=body), "2")["tverrfaglig_samarbeid"].status == "met"


# ---------------------------------------------------------------------- partners and organisation


def test_fixed_contact_teacher_is_not_an_organised_partnership(engine):
    body = ("Kvar deltakar får ein fast kontaktperson som følgjer opp. "
            "Vi vil samarbeide med Nav og helsestasjonen ved behov.")
    assert run(engine, HEAD.format(body=body), "2")["samarbeidspartnere"].status == "gap"


def test_named_partners_in_a_steering_group_is_met(engine):
    body = "Nav, helsestasjonen og vaksenopplæringa sit i styringsgruppa, som møtest kvar månad."
    assert run(engine, HEAD.format(body=body), "2")["samarbeidspartnere"].status == "met"


# ---------------------------------------------------------------------- transfer value


def test_final_report_to_imdi_is_not_transfer_value(engine):
    text = HEAD.format(body="Tiltaket er nytt i regionen.") + (
        "\n## Overføringsverdi\n\nVi skal skrive ein sluttrapport og dele han med IMDi når prosjektet er ferdig.\n")
    assert run(engine, text, "2")["overforingsverdi"].status == "gap"


def test_guide_shared_with_other_municipalities_is_met(engine):
    text = HEAD.format(body="Tiltaket er nytt i regionen.") + (
        "\n## Overføringsverdi\n\nVi lagar ein rettleiar med kursopplegg som blir gjort fritt tilgjengeleg for "
        "andre kommunar.\n")
    assert run(engine, text, "2")["overforingsverdi"].status == "met"


# ---------------------------------------------------------------------- ordinary operation


BUDGET = """
## Budsjett

| Post | 2025 | 2026 |
| {role} | 300 000 | 300 000 |
| Tolk | 40 000 | 40 000 |
"""


def test_existing_staff_paid_only_in_the_budget_is_ordinary_operation(engine):
    body = ("Deltakarane får samtalar med miljøterapeuten i flyktningtenesta, som allereie i dag følgjer opp "
            "busette med psykiske plager.")
    text = HEAD.format(body=body) + BUDGET.format(role="Miljøterapeut, 50 % stilling")
    r = run(engine, text, "2")["ikke_ordinaer_drift"]
    assert r.status == "gap"
    assert any("Miljøterapeut" in e.text for e in r.evidence)


def test_existing_staff_not_in_the_budget_is_not_ordinary_operation(engine):
    body = ("Deltakarane får samtalar med miljøterapeuten i flyktningtenesta, som allereie i dag følgjer opp "
            "busette med psykiske plager.")
    text = HEAD.format(body=body) + BUDGET.format(role="Prosjektleiar, ny mellombels stilling")
    assert run(engine, text, "2")["ikke_ordinaer_drift"].status == "met"


# ---------------------------------------------------------------------- status report


STATUS = "# Statusrapport per 1. september 2025\n\nTilskotsmottakar: Voss herad\n\n{body}\n"


def test_project_continues_as_planned_is_not_progress(engine):
    body = "Prosjektet held fram som planlagt ut 2025, og samarbeidet fungerer godt."
    assert run(engine, STATUS.format(body=body), "2", "status_report")["status_fremdrift"].status == "gap"


def test_activity_against_plan_is_progress(engine):
    body = "Den andre gruppa starta i august, to veker seinare enn planlagt, med 11 deltakarar."
    assert run(engine, STATUS.format(body=body), "2", "status_report")["status_fremdrift"].status == "met"


# ---------------------------------------------------------------------- the call model


def test_link_needs_link_in():
    with pytest.raises(ValueError):
        LemmaDetector.model_validate({"type": "lemmas", "patterns": ["fast"], "link": ["@x"]})
    with pytest.raises(ValueError):
        LemmaDetector.model_validate({"type": "lemmas", "patterns": ["fast"], "link": ["a ~2 b"], "link_in": ["#num"]})


def test_link_to_an_unknown_term_list_is_named(tmp_path):
    src = (resources.files("nlp_service.calls") / "tuki-2025.yaml").read_text(encoding="utf-8")
    assert 'link: ["@staff_role"]' in src
    path = tmp_path / "broken.yaml"
    path.write_text(src.replace('link: ["@staff_role"]', 'link: ["@no_such_list"]'), encoding="utf-8")
    with pytest.raises(CallError, match="no_such_list"):
        load_call(path)
