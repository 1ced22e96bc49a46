"""The regression gate: the corpus test split (from its .txt sources, fast) against evaluation/thresholds.json."""

from __future__ import annotations

import copy

from nlp_service.evaluate.gate import gate_failures, load_thresholds


def test_corpus_test_split_holds_the_thresholds(corpus_test_metrics):
    failures = gate_failures(corpus_test_metrics, load_thresholds())
    assert not failures, "figures dropped below evaluation/thresholds.json:\n" + "\n".join(failures)


def test_the_run_in_two_processes_keeps_the_split_in_order_and_agrees_with_one(corpus_test_results, analyzer):
    """The gate's run shares the documents with a helper process; its results are in the split's order, and
    documents from the end of the run (when both processes work) get the same checks and facts from one
    process alone."""
    from nlp_service.corpus.dataset import load_corpus
    from nlp_service.evaluate.runner import analyze_labeled

    split = [d for d in load_corpus() if d.split == "test"]
    assert [r.doc.id for r in corpus_test_results] == [d.id for d in split]
    again = analyze_labeled(split[-8:], analyzer)

    def outcome(r):
        a = r.analysis
        return a.error, a.area.predicted, a.facts, [(c.id, c.status) for c in a.checks]

    assert [outcome(r) for r in again] == [outcome(r) for r in corpus_test_results[-8:]]


def test_the_gate_fails_on_a_drop_and_on_a_lost_stage(corpus_test_metrics):
    thresholds = load_thresholds()
    worse = copy.deepcopy(corpus_test_metrics)
    worse["area"]["macro_f1"] = thresholds["figures"]["macro_f1"]["min"] - 0.01
    worse["area"]["calibration"]["ece"] = thresholds["figures"]["ece"]["max"] + 0.01
    worse["facts"] = None
    failures = gate_failures(worse, thresholds)
    assert any(f.startswith("macro_f1:") and "below" in f for f in failures)
    assert any(f.startswith("ece:") and "above" in f for f in failures)
    assert any(f.startswith("facts_exact:") and "not measured" in f for f in failures)
    cid, floor = next(iter(thresholds["check_agreement"].items()))
    worse["checks"]["per_check"][cid]["agreement"] = floor - 0.01
    assert any(f.startswith(f"check {cid}:") for f in gate_failures(worse, thresholds))


def test_proposed_bounds_pass_the_figures_they_come_from_and_sit_just_below(corpus_test_metrics):
    from nlp_service.evaluate.gate import propose_thresholds

    proposed = propose_thresholds(corpus_test_metrics)
    assert gate_failures(corpus_test_metrics, proposed) == []
    area = corpus_test_metrics["area"]
    assert 0 < area["macro_f1"] - proposed["figures"]["macro_f1"]["min"] <= 0.06
    assert 0 < proposed["figures"]["ece"]["max"] - area["calibration"]["ece"] <= 0.04
    for cid, floor in proposed["check_agreement"].items():
        c = corpus_test_metrics["checks"]["per_check"][cid]
        assert c["n"] >= 5 and c["agreement"] - floor <= 1 / c["n"] + 0.01
