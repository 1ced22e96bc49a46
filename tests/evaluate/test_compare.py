"""Models side by side and the learning curve, on a small real pool (corpus train applications, the real
encoder and pipelines) so the test stays fast; the command uses the whole train + dev split."""

from __future__ import annotations

import numpy as np
import pytest

from nlp_service.classify.model import build_pipeline
from nlp_service.classify.train import AREAS
from nlp_service.evaluate import metrics


@pytest.fixture(scope="module")
def setup(analyzer, corpus_test_results):
    from nlp_service.calls import load_call
    from nlp_service.corpus.dataset import load_corpus
    from nlp_service.evaluate.compare import evaluation_set, training_pool

    stages = analyzer.stages
    train = [d for d in load_corpus() if d.split == "train" and d.kind == "application"]
    pool_docs = [d for a in AREAS for d in [x for x in train if x.area == a][:3]]
    pool = training_pool(stages.encoder, pool_docs, earlier_projects=False)
    picked = [r for a in AREAS for r in [x for x in corpus_test_results
                                         if x.doc.kind == "application" and x.doc.area == a][:2]]
    evaluated, rows = evaluation_set(picked, stages)
    config = {**stages.classifier.meta["config"], "extra": False}
    return pool, evaluated, rows, stages.encoder, load_call(analyzer.settings.call), config


def test_models_side_by_side(setup):
    from nlp_service.evaluate.compare import compare_models

    pool, evaluated, rows, encoder, call, config = setup
    assert len(pool.ids) == 15 and set(pool.source) == {"corpus"} and len(rows) == 10
    out = compare_models(pool, evaluated, rows, encoder, call, config, bootstrap=200, trained_on="3 per område")
    names = [m["name"] for m in out["models"]]
    assert names == ["zero-shot", "TF-IDF + lineær SVM", "innbygginger + logistisk regresjon", "gjeldende modell"]
    for model in out["models"]:
        lo, hi = model["macro_f1_ci95"]
        assert 0.0 <= lo <= model["macro_f1"] <= hi <= 1.0 and model["n"] == 10
    assert out["models"][0]["n_train"] == 0 and out["models"][1]["n_train"] == 15
    # the current model is scored from the service's own probabilities for the same documents
    current = [AREAS[int(np.argmax([r.analysis.area.probabilities[a] for a in AREAS]))] for r in rows]
    assert out["models"][3]["macro_f1"] == pytest.approx(metrics.macro_f1(list(evaluated.y), current, AREAS))


def test_learning_curve_draws_per_area_and_caps_at_what_there_is(setup):
    from nlp_service.evaluate.learning_curve import learning_curve

    pool, evaluated, rows, encoder, call, config = setup
    out = learning_curve(pool, evaluated, config, sizes=(1, 2, 5, None), repeats=3)
    assert out["available_per_area"] == {a: 3 for a in AREAS} and out["earlier_projects_in_every_fit"] == 0
    p1, p2, p5, pall = out["points"]
    assert p1["per_area"] == {a: 1 for a in AREAS} and p1["fits"] == 3 and len(p1["scores"]) == 3
    assert p2["per_area"] == {a: 2 for a in AREAS} and not p2["same_as_all"]
    assert p5["per_area"] == {a: 3 for a in AREAS} and p5["same_as_all"] and p5["fits"] == 1
    assert pall["size"] == "alle" and pall["fits"] == 1
    for p in out["points"]:
        assert p["min"] <= p["mean"] <= p["max"] and p["std"] >= 0.0
    # the "all" point is the pipeline fitted on the whole pool
    est = build_pipeline(config["C"], config["tfidf_weight"], config["emb_weight"]).fit(pool.X, pool.y)
    assert pall["mean"] == pytest.approx(metrics.macro_f1(list(evaluated.y), list(est.predict(evaluated.X)), AREAS))


def test_report_shows_comparison_learning_curve_and_live_agreement(setup, corpus_test_metrics, tmp_path):
    from nlp_service.evaluate.compare import compare_models
    from nlp_service.evaluate.learning_curve import learning_curve
    from nlp_service.evaluate.report import write_report

    pool, evaluated, rows, encoder, call, config = setup
    live = {"corrections": 3, "reviewed": 2,
            "area": {"n": 2, "agreed": 1, "agreement": 0.5, "abstained": 0,
                     "per_area": {"2": {"n": 2, "agreed": 1, "agreement": 0.5}}, "confusions": []},
            "checks": {"n": 4, "agreed": 3, "agreement": 0.75, "per_check": {}},
            "by_week": [{"week": "2026-W10", "monday": "2026-03-02", "area_n": 2, "area_agreed": 1, "check_n": 4,
                         "check_agreed": 3, "area_agreement": 0.5, "check_agreement": 0.75}]}
    m = {**corpus_test_metrics, "live": live,
         "comparison": compare_models(pool, evaluated, rows, encoder, call, config, bootstrap=100),
         "learning_curve": learning_curve(pool, evaluated, config, sizes=(1, None), repeats=2)}
    paths = write_report(m, tmp_path)
    for name in ("compare", "learning_curve", "live"):
        assert paths[name].is_file() and paths[name].stat().st_size > 1000
    html = paths["report"].read_text(encoding="utf-8")
    for text in ("Modeller side om side", "TF-IDF + lineær SVM", "zero-shot", "Læringskurve",
                 "ukalibrerte", "Enighet med saksbehandlerne i drift", "Område bekreftet", "50,0 %"):
        assert text in html, text
