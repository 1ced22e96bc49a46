"""The calibrated score: in [0, 1], rising with the cosine, persisted as JSON parameters."""

from __future__ import annotations

import json

import numpy as np
import pytest

from nlp_service.similarity.scoring import CALIBRATION_PATH, VERY_SIMILAR, Calibration, fit_calibration, load_calibration


def test_shipped_calibration_scores_are_probabilities_rising_with_the_cosine():
    cal = load_calibration()
    cos = np.linspace(-1.0, 1.0, 4001)
    s = cal.score(cos)
    assert ((s >= 0.0) & (s <= 1.0)).all()
    assert (np.diff(s) >= 0).all()
    # strictly rising where e5 cosines of Norwegian texts lie
    band = cal.score(np.linspace(0.85, 0.98, 200))
    assert (np.diff(band) > 0).all()
    assert isinstance(cal.score(0.9), float)
    assert cal.score(0.80) < 0.05 and cal.score(0.98) > 0.95


def test_very_similar_threshold_is_consistent():
    cal = load_calibration()
    assert cal.very_similar == VERY_SIMILAR
    c = cal.very_similar_cosine
    assert cal.score(c) == pytest.approx(VERY_SIMILAR, abs=1e-9)
    assert cal.is_very_similar(c + 1e-4) and not cal.is_very_similar(c - 1e-4)


def test_calibration_was_fitted_on_part_of_the_pairs_only(similarity_pairs):
    meta = load_calibration().meta
    fitted = set(meta["fitted_on"])
    assert fitted < set(similarity_pairs) and 0 < len(fitted) < len(similarity_pairs)


def test_calibration_is_plain_json_and_round_trips(tmp_path):
    doc = json.loads(CALIBRATION_PATH.read_text(encoding="utf-8"))
    assert {"slope", "intercept", "very_similar"} <= set(doc)
    cal = Calibration.from_dict(doc)
    cal.save(tmp_path / "c.json")
    again = Calibration.load(tmp_path / "c.json")
    assert again == cal and again.meta == cal.meta


def test_fit_recovers_a_rising_curve():
    rng = np.random.default_rng(0)
    other = rng.normal(0.88, 0.02, 2000)
    same = rng.normal(0.94, 0.01, 40)
    cal = fit_calibration(np.r_[other, same], np.r_[np.zeros(2000, bool), np.ones(40, bool)])
    assert cal.slope > 0
    assert cal.score(0.96) > 0.8 > cal.score(0.90)
    with pytest.raises(ValueError, match="both"):
        fit_calibration([0.9, 0.91], [False, False])


def test_calibration_refuses_a_falling_curve():
    with pytest.raises(ValueError):
        Calibration(slope=-3.0, intercept=1.0)
