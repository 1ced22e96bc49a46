"""The metrics against values computed by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nlp_service.evaluate import metrics

LABELS = ["1", "2", "3"]
Y_TRUE = ["1", "1", "2", "2", "3", "3"]
Y_PRED = ["1", "2", "2", "2", "3", "1"]


def test_per_class_and_macro_f1_by_hand():
    # area 1: predicted at 0 and 5, right at 0 -> P 1/2, R 1/2, F1 1/2
    # area 2: predicted at 1, 2, 3, right at 2, 3 -> P 2/3, R 1 -> F1 0.8
    # area 3: predicted at 4, right -> P 1, R 1/2 -> F1 2/3
    per = metrics.per_class(Y_TRUE, Y_PRED, LABELS)
    assert per["1"] == pytest.approx({"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2})
    assert per["2"]["precision"] == pytest.approx(2 / 3) and per["2"]["f1"] == pytest.approx(0.8)
    assert per["3"]["recall"] == pytest.approx(0.5) and per["3"]["f1"] == pytest.approx(2 / 3)
    assert metrics.macro_f1(Y_TRUE, Y_PRED, LABELS) == pytest.approx((0.5 + 0.8 + 2 / 3) / 3)


def test_accuracy_counts_an_abstention_as_wrong():
    assert metrics.accuracy(["1", "2", "3", "1"], ["1", None, "3", "2"]) == pytest.approx(0.5)
    assert math.isnan(metrics.accuracy([], []))


def test_confusion_rows_are_the_truth():
    assert metrics.confusion(Y_TRUE, Y_PRED, LABELS) == [[1, 1, 0], [0, 2, 0], [1, 0, 1]]


def test_bootstrap_interval_holds_the_estimate_and_is_a_point_when_perfect():
    assert metrics.bootstrap_macro_f1(Y_TRUE, Y_TRUE, LABELS, n=200) == (1.0, 1.0)
    lo, hi = metrics.bootstrap_macro_f1(Y_TRUE * 5, Y_PRED * 5, LABELS, n=300)
    assert lo < metrics.macro_f1(Y_TRUE, Y_PRED, LABELS) < hi
    assert 0.0 <= lo < hi <= 1.0


PROBS = np.array([[0.9, 0.05, 0.05],   # conf 0.9, predicts 1, truth 1: right
                  [0.6, 0.3, 0.1],     # conf 0.6, predicts 1, truth 2: wrong
                  [0.2, 0.7, 0.1],     # conf 0.7, predicts 2, truth 2: right
                  [0.1, 0.1, 0.8]])    # conf 0.8, predicts 3, truth 1: wrong
TRUTH = ["1", "2", "2", "1"]


def test_expected_calibration_error_by_hand():
    # ten bins: each document alone in its bin; ECE = mean |correct - conf|
    expected = (abs(1 - 0.9) + abs(0 - 0.6) + abs(1 - 0.7) + abs(0 - 0.8)) / 4
    assert metrics.expected_calibration_error(PROBS, TRUTH, LABELS) == pytest.approx(expected)
    # two bins (0-0.5, 0.5-1): all four in the upper one: |0.5 - 0.75|
    assert metrics.expected_calibration_error(PROBS, TRUTH, LABELS, bins=2) == pytest.approx(0.25)


def test_reliability_bins_by_hand():
    rows = metrics.reliability(PROBS, TRUTH, LABELS, bins=2)
    assert len(rows) == 1
    assert rows[0]["n"] == 4 and rows[0]["confidence"] == pytest.approx(0.75) and rows[0]["accuracy"] == 0.5


def test_brier_by_hand():
    d1 = 0.1 ** 2 + 0.05 ** 2 + 0.05 ** 2
    d2 = 0.6 ** 2 + 0.7 ** 2 + 0.1 ** 2
    d3 = 0.2 ** 2 + 0.3 ** 2 + 0.1 ** 2
    d4 = 0.9 ** 2 + 0.1 ** 2 + 0.8 ** 2
    assert metrics.brier(PROBS, TRUTH, LABELS) == pytest.approx((d1 + d2 + d3 + d4) / 4)


def test_abstention_curve_by_hand():
    rows = {r["threshold"]: r for r in metrics.abstention_curve(PROBS, TRUTH, LABELS, [0.0, 0.65, 0.75, 0.95])}
    assert rows[0.0]["abstention"] == 0.0 and rows[0.0]["accuracy_answered"] == 0.5
    # 0.65: the 0.6 document (wrong) is left out -> 2 right of 3
    assert rows[0.65]["abstention"] == pytest.approx(0.25) and rows[0.65]["accuracy_answered"] == pytest.approx(2 / 3)
    # 0.75: answers 0.9 (right) and 0.8 (wrong)
    assert rows[0.75]["answered"] == 2 and rows[0.75]["accuracy_answered"] == 0.5
    assert rows[0.95]["abstention"] == 1.0 and rows[0.95]["accuracy_answered"] is None


def test_check_agreement_by_hand():
    pairs = [
        ("egenandel", "met", "met"),
        ("egenandel", "met", "gap"),          # a false gap
        ("egenandel", "gap", "gap"),          # a gap found
        ("egenandel", "gap", "uncertain"),    # not found, and not agreement
        ("egenandel", "not_applicable", "not_applicable"),
        ("lokalt_saerpreg", "gap", None),     # the service gave no such check
        ("lokalt_saerpreg", "not_applicable", "met"),
        ("lokalt_saerpreg", "uncertain", "met"),  # an uncertain gold is not judged
    ]
    out = metrics.check_agreement(pairs)
    e = out["per_check"]["egenandel"]
    assert (e["n"], e["agreed"], e["gold_gaps"], e["gaps_found"], e["false_gaps"], e["uncertain"]) == (4, 2, 2, 1, 1, 1)
    assert e["agreement"] == 0.5 and e["gap_recall"] == 0.5 and e["na_agreement"] == 1.0
    s = out["per_check"]["lokalt_saerpreg"]
    assert (s["n"], s["agreed"], s["gold_gaps"], s["gaps_found"]) == (1, 0, 1, 0)
    assert s["na_agreement"] == 0.0
    o = out["overall"]
    assert (o["n"], o["agreed"], o["false_gaps"]) == (5, 2, 1)
    assert o["agreement"] == pytest.approx(0.4) and o["gap_recall"] == pytest.approx(1 / 3)


def test_facts_agreement_by_hand():
    records = [
        ({"applicant": "Bodø kommune", "participants": 25, "requested_nok": 800000, "partners": ["Nav", "DPS"]},
         {"applicant": "  bodø  Kommune", "participants": 25, "requested_nok": 750000, "partners": ["nav"]}),
        ({"participants": None, "duration_years": 2, "partners": []},
         {"participants": 12, "duration_years": 2, "partners": []}),
    ]
    out = metrics.facts_agreement(records)
    assert out["per_fact"]["applicant"] == {"n": 1, "exact": 1, "rate": 1.0}
    assert out["per_fact"]["participants"] == {"n": 2, "exact": 1, "rate": 0.5}
    assert out["per_fact"]["requested_nok"]["rate"] == 0.0
    assert "own_contribution_nok" not in out["per_fact"]  # not labelled anywhere
    assert out["n"] == 5 and out["exact"] == pytest.approx(3 / 5)
    # partners: doc 1: tp 1, fn 1 -> F1 2/3; doc 2: both empty -> 1; micro: 2*1/(2+0+1)
    assert out["partners"]["f1_micro"] == pytest.approx(2 / 3)
    assert out["partners"]["f1_mean"] == pytest.approx((2 / 3 + 1) / 2)


def test_an_oslo_district_is_the_same_applicant_with_or_without_its_city():
    records = [({"applicant": "Oslo kommune, Bydel Vestre Aker"}, {"applicant": "Bydel Vestre Aker"}),
               ({"applicant": "Bydel Alna"}, {"applicant": "Bydel Alna, Oslo kommune"}),
               ({"applicant": "Bydel Grorud (Oslo kommune)"}, {"applicant": "Bydel Grorud"}),
               ({"applicant": "Bydel Alna"}, {"applicant": "Bydel Grorud"})]
    out = metrics.facts_agreement(records)
    assert out["per_fact"]["applicant"] == {"n": 4, "exact": 3, "rate": pytest.approx(3 / 4)}
