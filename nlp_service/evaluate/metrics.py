"""Figures evaluators read: macro-F1 with a bootstrap interval, calibration error, Brier score."""

from __future__ import annotations

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
    rng = np.random.default_rng(seed)
    yt, yp = np.array(y_true), np.array(y_pred)
    scores = []
    for _ in range(n):
        idx = rng.integers(0, len(yt), len(yt))
        scores.append(f1_score(yt[idx], yp[idx], labels=labels, average="macro", zero_division=0))
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
