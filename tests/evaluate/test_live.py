"""Live agreement from caseworkers' corrections in a real SQLite store, against counts made by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from nlp_service.config import Settings
from nlp_service.evaluate.live import live_agreement
from nlp_service.store import Store
from nlp_service.store.models import Correction, User

WEEK_A = dt.datetime(2026, 3, 3, 10, 0, tzinfo=dt.timezone.utc)   # Tuesday of ISO week 2026-W10
WEEK_B = dt.datetime(2026, 3, 11, 9, 0, tzinfo=dt.timezone.utc)   # Wednesday of ISO week 2026-W11


def result(area: str | None, checks: dict[str, str]) -> dict:
    return {"area": {"predicted": area, "stated": None, "probabilities": {}, "uncertain": area is None},
            "checks": [{"id": k, "status": v} for k, v in checks.items()], "versions": {"service": "test"}}


@pytest.fixture
def store(tmp_path):
    s = Store(Settings(data_dir=tmp_path / "data"))
    s.create_all()
    return s


def test_an_empty_store_has_no_agreement(store):
    out = live_agreement(store)
    assert out["reviewed"] == 0 and out["area"]["agreement"] is None and out["by_week"] == []


def test_a_store_without_tables_is_empty_too(tmp_path):
    assert live_agreement(Store(Settings(data_dir=tmp_path / "fresh")))["corrections"] == 0


def test_agreement_per_area_per_check_and_per_week(store):
    analyses = [
        ("1", {"egenandel": "met", "minst_ti_deltakere": "gap", "lokalt_saerpreg": "not_applicable"}),
        ("2", {"egenandel": "gap", "lokalt_saerpreg": "met"}),
        (None, {"egenandel": "met"}),
        ("5", {"egenandel": "met"}),  # never reviewed: does not count
    ]
    with store.session() as s:
        user = User(username="saksbehandler", password_hash="x", role="saksbehandler")
        s.add(user)
        s.flush()
        ids = []
        for i, (area, checks) in enumerate(analyses):
            doc = store.upsert_document(s, f"soknad-{i}.pdf", f"%PDF-1.7 dokument {i}".encode())
            rec = store.save_analysis(s, doc, result(area, checks))
            ids.append((doc.id, rec.id))

        def correct(n, target, service, corrected, at):
            s.add(Correction(document_id=ids[n][0], analysis_id=ids[n][1], user_id=user.id, target=target,
                             service_value=service, corrected_value=corrected, created_at=at))

        correct(0, "area", "1", "1", WEEK_A)                      # confirmed
        correct(0, "minst_ti_deltakere", "gap", "met", WEEK_A)    # a check marked wrong
        correct(1, "area", "2", "2", WEEK_A)                      # first changed to 3 ...
        correct(1, "area", "2", "3", WEEK_B)                      # ... the latest (changed) counts
        correct(1, "egenandel", "gap", "gap", WEEK_B)             # re-stated as is: still agreement
        correct(2, "area", None, "4", WEEK_B)                     # the service abstained
    out = live_agreement(store)

    assert out["corrections"] == 6 and out["reviewed"] == 3
    a = out["area"]
    assert (a["n"], a["agreed"], a["abstained"]) == (3, 1, 1)
    assert a["agreement"] == pytest.approx(1 / 3)
    assert a["per_area"] == {"1": {"n": 1, "agreed": 1, "agreement": 1.0}, "3": {"n": 1, "agreed": 0, "agreement": 0.0},
                             "4": {"n": 1, "agreed": 0, "agreement": 0.0}}
    assert {(c["service"], c["caseworker"]) for c in a["confusions"]} == {("2", "3"), (None, "4")}

    # judged checks of reviewed analyses: #0 egenandel (ok), minst_ti (corrected); #1 egenandel (ok),
    # lokalt_saerpreg (ok); #2 egenandel (ok): 4 of 5
    c = out["checks"]
    assert (c["n"], c["agreed"]) == (5, 4)
    assert c["per_check"]["minst_ti_deltakere"] == {"n": 1, "agreed": 0, "corrected": 1, "agreement": 0.0}
    assert c["per_check"]["egenandel"]["agreement"] == 1.0
    assert "5" not in a["per_area"]

    weeks = {w["week"]: w for w in out["by_week"]}
    assert list(weeks) == ["2026-W10", "2026-W11"]
    assert weeks["2026-W10"]["monday"] == "2026-03-02"
    assert (weeks["2026-W10"]["area_n"], weeks["2026-W10"]["area_agreement"]) == (1, 1.0)
    assert (weeks["2026-W10"]["check_n"], weeks["2026-W10"]["check_agreed"]) == (2, 1)
    assert (weeks["2026-W11"]["area_n"], weeks["2026-W11"]["area_agreed"]) == (2, 0)
    assert weeks["2026-W11"]["check_agreement"] == 1.0
