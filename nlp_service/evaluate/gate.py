"""The regression gate: figures of an evaluation against the floors in ``evaluation/thresholds.json``.

The thresholds sit just below the figures the service reaches today on the corpus test split, so a
real drop fails the gate and noise of a fraction of a document does not. A figure the evaluation
could not produce (no checks, no facts) fails as well: losing a stage is the largest drop of all.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from nlp_service.config import PROJECT_ROOT

THRESHOLDS = PROJECT_ROOT / "evaluation" / "thresholds.json"


def load_thresholds(path: Path = THRESHOLDS) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _get(m: dict, dotted: str):
    value = m
    for part in dotted.split("."):
        if not isinstance(value, dict) or value.get(part) is None:
            return None
        value = value[part]
    return value


def gate_failures(m: dict, thresholds: dict) -> list[str]:
    """Every figure of ``m`` (an :func:`~nlp_service.evaluate.runner.evaluate_results` dict) that is
    below its ``min`` or above its ``max`` in ``thresholds``; empty when the gate passes."""
    failures = []
    for name, bound in thresholds["figures"].items():
        value = _get(m, bound["path"])
        if value is None:
            failures.append(f"{name}: not measured ({bound['path']} is missing)")
        elif "min" in bound and value < bound["min"]:
            failures.append(f"{name}: {value:.4f} is below the floor {bound['min']}")
        elif "max" in bound and value > bound["max"]:
            failures.append(f"{name}: {value:.4f} is above the ceiling {bound['max']}")
    for cid, floor in thresholds.get("check_agreement", {}).items():
        value = _get(m, f"checks.per_check.{cid}.agreement")
        if value is None:
            failures.append(f"check {cid}: agreement not measured")
        elif value < floor:
            failures.append(f"check {cid}: agreement {value:.4f} is below the floor {floor}")
    return failures


# --- measuring: the corpus test split from its sources, and floors just below what it reaches --------------


def measure(analyzer, split: str = "test", workers: int = 1) -> tuple[list, dict]:
    """The results and the figures the gate reads: the corpus ``split`` from its .txt sources
    (``document_from_text``: no PDF rendering or OCR, so it is fast) through the stages of ``analyzer``
    (and of ``workers - 1`` helper processes like it, see ``analyze_labeled``)."""
    from nlp_service.corpus.dataset import load_corpus
    from nlp_service.evaluate.runner import analyze_labeled, evaluate_results

    results = analyze_labeled([d for d in load_corpus() if d.split == split], analyzer, workers=workers)
    return results, evaluate_results(
        results, threshold=analyzer.stages.classifier.threshold, versions=analyzer.versions(),
        source={"description": f"korpusets {split}-del (.txt)", "split": split, "corpus": True})


def _down(x: float, digits: int) -> float:
    return math.floor(x * 10 ** digits + 1e-9) / 10 ** digits


def _up(x: float, digits: int) -> float:
    return math.ceil(x * 10 ** digits - 1e-9) / 10 ** digits


def propose_thresholds(m: dict, *, min_check_n: int = 5) -> dict:
    """Bounds just below today's figures ``m``: macro-F1 tolerates about one misclassified application,
    each check's agreement one more disagreement, the overall check agreement six, facts four."""
    area, checks, facts = m["area"], m["checks"], m["facts"]
    overall = checks["overall"]
    per = {cid: c for cid, c in checks["per_check"].items() if c["n"] >= min_check_n}
    return {
        "_comment": ("Regression gate (tests/evaluate/test_regression_gate.py): the corpus test split, read from "
                     "its .txt sources, must stay within these bounds, set just below the figures measured on the "
                     "date below by nlp_service.evaluate.gate.propose_thresholds: macro-F1 tolerates about one "
                     "misclassified application, each check's agreement one more disagreement (checks judged on at "
                     f"least {min_check_n} test documents; the rest count in the overall agreement), the overall "
                     "agreement six, facts four. After a retrain or a change of the corpus, measure again with "
                     "`python -m nlp_service.evaluate.gate`; lower a bound only with a note saying why."),
        "measured": {"date": m["generated"][:10], "split": m["source"].get("split"),
                     "documents": m["documents"]["total"], "versions": m["versions"],
                     "figures": {"macro_f1": round(area["macro_f1"], 4), "ece": round(area["calibration"]["ece"], 4),
                                 "brier": round(area["calibration"]["brier"], 4),
                                 "check_agreement": round(overall["agreement"], 4),
                                 "false_gaps": overall["false_gaps"],
                                 "facts_exact": round(facts["exact"], 4), "failed_documents": m["documents"]["failed"],
                                 "check_agreement_per_check": {cid: round(c["agreement"], 4)
                                                               for cid, c in per.items()}}},
        "figures": {
            "macro_f1": {"path": "area.macro_f1", "min": _down(area["macro_f1"] - 1.5 / area["n"], 2)},
            "ece": {"path": "area.calibration.ece", "max": _up(area["calibration"]["ece"] + 0.03, 2)},
            "brier": {"path": "area.calibration.brier", "max": _up(area["calibration"]["brier"] + 0.025, 2)},
            "check_agreement": {"path": "checks.overall.agreement",
                                "min": _down(overall["agreement"] - 6 / overall["n"], 2)},
            "false_gaps": {"path": "checks.overall.false_gaps", "max": overall["false_gaps"] + 3},
            "facts_exact": {"path": "facts.exact", "min": _down(facts["exact"] - 4 / facts["n"], 3)},
            "failed_documents": {"path": "documents.failed", "max": 0},
        },
        "check_agreement": {cid: _down(c["agreement"] - 1 / c["n"], 2) for cid, c in per.items()},
    }


def main() -> int:
    """Measure the corpus test split and print the proposed thresholds (JSON) on stdout."""
    from nlp_service.analysis import Analyzer
    from nlp_service.jobs.runner import available_cores

    with Analyzer() as analyzer:
        _, m = measure(analyzer, workers=available_cores())
    proposed = propose_thresholds(m)
    print(json.dumps(proposed, ensure_ascii=False, indent=2))
    failures = gate_failures(m, load_thresholds())
    print("\n".join(["gate against the current thresholds:"] + (failures or ["passes"])), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
