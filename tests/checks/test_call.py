"""The call as data: the 2025 call file validates, a broken file names its field, a second call loads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from nlp_service.calls import CallDefinition, CallError, available_calls, load_call

HERE = Path(__file__).resolve().parent
CONTRACT_IDS = ["egenandel", "minst_ti_deltakere", "tidligere_prosjekter", "overforingsverdi", "ikke_ordinaer_drift",
                "riktig_soker", "laereplan_fov", "lokalt_saerpreg", "samarbeidspartnere", "tverrfaglig_samarbeid",
                "ikke_behandling", "dialog_offentlige_aktorer", "involvering_sivilsamfunn"]
REPORT_IDS = ["status_fremdrift", "rapport_maloppnaelse", "rapport_bruk_av_tilskudd", "regnskap_inntekter_utgifter",
              "regnskap_godkjent"]


@pytest.fixture(scope="module")
def call() -> CallDefinition:
    return load_call("tuki-2025")


def test_packaged_call_validates(call):
    assert "tuki-2025" in available_calls()
    assert call.id == "tuki-2025" and call.year == 2025
    assert call.name.startswith("Tilskudd til utvikling av kvalifiserings")
    ids = [c.id for c in call.checks]
    for cid in CONTRACT_IDS + REPORT_IDS + ["deltakerstonad_maks_1g"]:
        assert cid in ids, cid
    assert len(ids) == len(set(ids))


def test_areas_and_applicants(call):
    assert [a.number for a in call.areas] == ["1", "2", "3", "4", "5"]
    assert call.area("4").applicants == ["fylkeskommune"]
    assert set(call.area("1").applicants) == {"kommune", "bydel"}
    assert "fylkeskommune" in call.area("3").applicants
    assert call.area("2").name == "Tiltak som gir psykisk støtte"
    for a in call.areas:
        assert a.description and a.target_group


def test_scopes_of_checks(call):
    assert call.check("laereplan_fov").areas == ["1"]
    assert call.check("deltakerstonad_maks_1g").areas == ["1"]
    assert call.check("dialog_offentlige_aktorer").areas == ["4"]
    assert call.check("involvering_sivilsamfunn").areas == ["5"]
    for cid in ("lokalt_saerpreg", "samarbeidspartnere", "tverrfaglig_samarbeid", "ikke_behandling"):
        assert call.check(cid).areas == ["2"]
    assert call.check("status_fremdrift").kinds == ["status_report"]
    assert call.check("regnskap_godkjent").kinds == ["accounts"]
    assert call.check("egenandel").areas == "all" and call.check("egenandel").kinds == ["application"]
    assert call.constants["G"] == 130160 and call.constants["G_before_2025_05_01"] == 124028


def test_rules_cite_the_circular_with_aeoeaa_restored(call):
    ocr_damage = re.compile(r"\b(stgtte|sgke|sgknad|gkonomi|malet|vilkar|omrade|opplaering|laereplan|ma ha)\b")
    for c in call.checks:
        assert c.rule and not ocr_damage.search(c.rule), c.id
        for text in (c.hints.met, c.hints.gap, c.hints.uncertain):
            assert text and not ocr_damage.search(text), c.id
    assert "minimum ti deltakere" in call.check("minst_ti_deltakere").rule
    assert "egenandel" in call.check("egenandel").rule
    assert "ordinær drift" in call.check("ikke_ordinaer_drift").rule
    assert "behandlingstilbud etter henvisning" in call.check("ikke_behandling").rule


def test_load_by_path(tmp_path):
    src = Path(__file__).resolve().parents[2] / "nlp_service" / "calls" / "tuki-2025.yaml"
    target = tmp_path / "my-call.yaml"
    target.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_call(target).id == "tuki-2025"
    assert load_call(str(target)).id == "tuki-2025"


def _broken(tmp_path: Path, mutate) -> Path:
    src = Path(__file__).resolve().parents[2] / "nlp_service" / "calls" / "tuki-2025.yaml"
    data = yaml.safe_load(src.read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "broken-call.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_broken_call_names_file_and_field(tmp_path):
    def bad_op(d):
        d["checks"][1]["detectors"][0]["op"] = "more-than"

    path = _broken(tmp_path, bad_op)
    with pytest.raises(CallError) as exc:
        load_call(path)
    msg = str(exc.value)
    assert str(path) in msg
    assert "checks.1(minst_ti_deltakere).detectors.0.op" in msg


def test_missing_field_and_unknown_key_are_named(tmp_path):
    def no_rule(d):
        del d["checks"][0]["rule"]
        d["areas"][3]["aplicants"] = d["areas"][3].pop("applicants")  # a typo in a key

    path = _broken(tmp_path, no_rule)
    with pytest.raises(CallError) as exc:
        load_call(path)
    msg = str(exc.value)
    assert "checks.0(egenandel).rule" in msg
    assert "areas.3.applicants" in msg and "areas.3.aplicants" in msg


def test_bad_pattern_and_unknown_term_list(tmp_path):
    def bad_pattern(d):
        d["checks"][2]["detectors"][0]["patterns"] = ["~3 prosjekt"]

    with pytest.raises(CallError, match=r"checks\.2\(tidligere_prosjekter\)\.detectors\.0\.patterns"):
        load_call(_broken(tmp_path, bad_pattern))

    def unknown_terms(d):
        d["checks"][0]["detectors"][1]["patterns"] = ["@no_such_list ~3 #pct"]

    with pytest.raises(CallError, match=r"unknown term list @no_such_list"):
        load_call(_broken(tmp_path, unknown_terms))


def test_bad_learned_unless_pattern_is_named(tmp_path):
    def bad(d):
        d["checks"][4]["learned_unless"] = ["ikke ~3"]

    with pytest.raises(CallError, match=r"checks\.4\(ikke_ordinaer_drift\)\.learned_unless"):
        load_call(_broken(tmp_path, bad))

    def unknown_terms(d):
        d["checks"][4]["learned_unless"] = ["@no_such_list ~3 drift"]

    with pytest.raises(CallError, match=r"learned_unless \(ikke_ordinaer_drift\).*unknown term list @no_such_list"):
        load_call(_broken(tmp_path, unknown_terms))


def test_unknown_area_and_bad_yaml(tmp_path):
    def unknown_area(d):
        d["checks"][6]["areas"] = ["9"]

    with pytest.raises(CallError, match=r"unknown area"):
        load_call(_broken(tmp_path, unknown_area))
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nchecks: [\n", encoding="utf-8")
    with pytest.raises(CallError, match="bad.yaml"):
        load_call(bad)
    with pytest.raises(CallError, match="unknown call"):
        load_call("no-such-call")


def test_second_call_is_a_different_file():
    second = load_call(HERE / "second_call.yaml")
    assert second.id == "sprak-2026"
    assert [a.number for a in second.areas] == ["A", "B"]
    assert {c.id for c in second.checks} == {"budsjett_oppgitt", "minst_fem_deltakere", "frivillige_med",
                                              "arbeidsgiver_med"}


def test_a_broken_regular_expression_in_a_signers_detector_is_named(tmp_path):
    def bad_rank(d):
        check = next(c for c in d["checks"] if c["id"] == "regnskap_godkjent")
        check["detectors"][0]["ranks"][1] = ["enhetsleder|(seksjonsleder"]

    with pytest.raises(CallError, match=r"regnskap_godkjent\)\.detectors\.0\.signers\.ranks") as exc:
        load_call(_broken(tmp_path, bad_rank))
    assert "missing )" in str(exc.value)
