"""Figures evaluators read: macro-F1 with a bootstrap interval, calibration error, Brier score."""

from __future__ import annotations

import re

import numpy as np
from sklearn.metrics import f1_score, precision_recall_fscore_support


def macro_f1(y_true: list[str], y_pred: list[str], labels: list[str]) -> float:
    return float(f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0))


def per_class(y_true: list[str], y_pred: list[str], labels: list[str]) -> dict[str, dict[str, float]]:
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    return {lab: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
            for i, lab in enumerate(labels)}


def bootstrap_macro_f1(y_true: list[str], y_pred: list[str], labels: list[str], n: int = 1000,
                       seed: int = 0) -> tuple[float, float]:
    """95 % percentile interval of macro-F1 over ``n`` resamples of the documents. A resample scores
    the areas that occur in it (as label or prediction): an area that no resampled document has or
    gets says nothing about the model, and counting it as F1 0 would drag the interval down."""
    rng = np.random.default_rng(seed)
    yt, yp = np.array(y_true), np.array(y_pred)
    scores = []
    for _ in range(n):
        idx = rng.integers(0, len(yt), len(yt))
        present = set(yt[idx]) | set(yp[idx])
        scores.append(f1_score(yt[idx], yp[idx], labels=[lab for lab in labels if lab in present], average="macro",
                               zero_division=0))
    return float(np.percentile(scores, 2.5)), float(np.percentile(scores, 97.5))


def expected_calibration_error(probs: np.ndarray, y_true: list[str], labels: list[str], bins: int = 10) -> float:
    """ECE of the top-class confidence, equal-width bins."""
    conf = probs.max(axis=1)
    pred = np.array(labels)[probs.argmax(axis=1)]
    correct = (pred == np.array(y_true)).astype(float)
    edges = np.linspace(0, 1, bins + 1)
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        mask = (conf > lo) & (conf <= hi)
        if mask.any():
            ece += mask.mean() * abs(correct[mask].mean() - conf[mask].mean())
    return float(ece)


def reliability(probs: np.ndarray, y_true: list[str], labels: list[str], bins: int = 10) -> list[dict]:
    conf = probs.max(axis=1)
    pred = np.array(labels)[probs.argmax(axis=1)]
    correct = (pred == np.array(y_true)).astype(float)
    edges = np.linspace(0, 1, bins + 1)
    rows = []
    for lo, hi in zip(edges[:-1], edges[1:]):
        mask = (conf > lo) & (conf <= hi)
        if mask.any():
            rows.append({"lo": float(lo), "hi": float(hi), "n": int(mask.sum()),
                         "confidence": float(conf[mask].mean()), "accuracy": float(correct[mask].mean())})
    return rows


def brier(probs: np.ndarray, y_true: list[str], labels: list[str]) -> float:
    onehot = np.array([[1.0 if y == lab else 0.0 for lab in labels] for y in y_true])
    return float(((probs - onehot) ** 2).sum(axis=1).mean())


# --- classification, beyond macro-F1 ---------------------------------------------------------------


def accuracy(y_true: list[str], y_pred: list[str | None]) -> float:
    """Share of documents whose prediction equals the label (an abstention, ``None``, is never right)."""
    if not y_true:
        return float("nan")
    return float(np.mean([t == p for t, p in zip(y_true, y_pred)]))


def confusion(y_true: list[str], y_pred: list[str], labels: list[str]) -> list[list[int]]:
    """Counts: row = the label, column = the prediction, both in the order of ``labels``."""
    from sklearn.metrics import confusion_matrix

    return confusion_matrix(y_true, y_pred, labels=labels).astype(int).tolist()


def abstention_curve(probs: np.ndarray, y_true: list[str], labels: list[str],
                     thresholds: list[float] | None = None) -> list[dict]:
    """For each confidence threshold: the share of documents the model abstains on (top-class
    probability below the threshold) and its accuracy on the documents it still answers."""
    if thresholds is None:
        thresholds = [round(t, 2) for t in np.arange(0.0, 1.0, 0.05)] + [0.97, 0.99]
    conf = probs.max(axis=1)
    pred = np.array(labels)[probs.argmax(axis=1)]
    correct = pred == np.array(y_true)
    rows = []
    for t in thresholds:
        answered = conf >= t
        rows.append({"threshold": float(t), "abstention": float(1.0 - answered.mean()), "answered": int(answered.sum()),
                     "accuracy_answered": float(correct[answered].mean()) if answered.any() else None})
    return rows


# --- checks and facts ---------------------------------------------------------------------------------

#: Gold statuses a check is judged on; ``not_applicable`` is counted apart.
JUDGED = ("met", "gap")


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def check_agreement(pairs: list[tuple[str, str, str | None]]) -> dict:
    """Per check and overall, from (check id, gold status, predicted status or None when missing).

    - ``n``: documents whose gold status is met or gap; ``agreement``: share of those predicted the
      same (``uncertain`` and a missing check count as disagreement);
    - ``gold_gaps``/``gaps_found``/``gap_recall``: gold gaps, and how many the service called a gap;
    - ``false_gaps``: gold met predicted gap (a caseworker would chase a gap that is not there);
    - ``uncertain``: predicted uncertain where the gold is met or gap;
    - ``n_not_applicable``/``na_agreement``: gold not_applicable, and the share predicted so.
    """
    per: dict[str, dict[str, int]] = {}
    for cid, gold, pred in pairs:
        c = per.setdefault(cid, {"n": 0, "agreed": 0, "gold_gaps": 0, "gaps_found": 0, "false_gaps": 0,
                                 "uncertain": 0, "n_not_applicable": 0, "na_agreed": 0})
        if gold == "not_applicable":
            c["n_not_applicable"] += 1
            c["na_agreed"] += pred == "not_applicable"
        elif gold in JUDGED:
            c["n"] += 1
            c["agreed"] += pred == gold
            c["uncertain"] += pred == "uncertain"
            if gold == "gap":
                c["gold_gaps"] += 1
                c["gaps_found"] += pred == "gap"
            elif pred == "gap":
                c["false_gaps"] += 1

    def finish(c: dict[str, int]) -> dict:
        return {**c, "agreement": _ratio(c["agreed"], c["n"]), "gap_recall": _ratio(c["gaps_found"], c["gold_gaps"]),
                "na_agreement": _ratio(c["na_agreed"], c["n_not_applicable"])}

    total = {k: sum(c[k] for c in per.values()) for k in
             ("n", "agreed", "gold_gaps", "gaps_found", "false_gaps", "uncertain", "n_not_applicable", "na_agreed")}
    return {"per_check": {cid: finish(c) for cid, c in sorted(per.items())}, "overall": finish(total)}


SCALAR_FACTS = ("applicant", "applicant_type", "participants", "own_contribution_nok", "requested_nok",
                "duration_years")


def norm_applicant(name: str | None) -> str:
    """An applicant's name compared case- and whitespace-insensitively; an Oslo district is the same applicant with
    or without its city ("Oslo kommune, Bydel Bjerke" = "Bydel Bjerke" = "Bydel Bjerke (Oslo kommune)")."""
    text = " ".join((name or "").lower().split())
    if "bydel" in text:
        text = " ".join(re.sub(r"[(),]", " ", text.replace("oslo kommune", " ")).split())
    return text


def _norm_fact(field: str, value: object) -> object:
    if field == "applicant" and value is not None:
        return norm_applicant(str(value))
    return value


def set_f1(gold: set[str], pred: set[str]) -> float:
    """F1 of two sets; two empty sets agree fully."""
    if not gold and not pred:
        return 1.0
    return 2 * len(gold & pred) / (len(gold) + len(pred))


def facts_agreement(records: list[tuple[dict, dict]]) -> dict:
    """From (gold facts, predicted facts) pairs: the exact-match rate of each labelled scalar fact
    (the applicant compared as ``norm_applicant`` says), ``exact`` over all of them (micro),
    and the partners as set F1 (micro over documents, and the mean per document, names lower-cased).

    A fact counts only where the gold has it (a gold ``None`` means "not stated" and expects ``None``)."""
    fields: dict[str, list[int]] = {f: [0, 0] for f in SCALAR_FACTS}
    tp = fp = fn = 0
    doc_f1: list[float] = []
    for gold, pred in records:
        for f in SCALAR_FACTS:
            if f in gold:
                fields[f][0] += _norm_fact(f, gold[f]) == _norm_fact(f, pred.get(f))
                fields[f][1] += 1
        if gold.get("partners") is not None:
            g = {p.lower().strip() for p in gold["partners"]}
            p = {x.lower().strip() for x in pred.get("partners") or []}
            tp, fp, fn = tp + len(g & p), fp + len(p - g), fn + len(g - p)
            doc_f1.append(set_f1(g, p))
    per = {f: {"n": v[1], "exact": v[0], "rate": _ratio(v[0], v[1])} for f, v in fields.items() if v[1]}
    n = sum(v["n"] for v in per.values())
    denom = 2 * tp + fp + fn
    return {"per_fact": per, "n": n, "exact": _ratio(sum(v["exact"] for v in per.values()), n),
            "partners": {"n": len(doc_f1), "f1_micro": (2 * tp / denom) if denom else (1.0 if doc_f1 else None),
                         "f1_mean": float(np.mean(doc_f1)) if doc_f1 else None}}
