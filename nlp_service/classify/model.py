"""The area classifier: a calibrated scikit-learn Pipeline, its abstention threshold and its evidence."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from nlp_service.classify.features import EMBED_DIM, Prepared

MODEL_FILE = "model.skops"
META_FILE = "model.json"


def build_pipeline(C: float = 1.0, tfidf_weight: float = 1.0, emb_weight: float = 1.0) -> Pipeline:
    """Lemma TF-IDF beside chunk embeddings, into one multinomial logistic regression."""
    features = ColumnTransformer(
        [
            ("tfidf", TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_df=0.9, sublinear_tf=True,
                                      max_features=40000), 0),
            ("emb", StandardScaler(), list(range(1, 1 + EMBED_DIM))),
        ],
        transformer_weights={"tfidf": tfidf_weight, "emb": emb_weight},
    )
    return Pipeline([("features", features),
                     ("clf", LogisticRegression(C=C, max_iter=3000, class_weight="balanced"))])


def build_calibrated(C: float, tfidf_weight: float, emb_weight: float, cv: int = 5) -> CalibratedClassifierCV:
    # ensemble=False: one pipeline fitted on all the data (whose coefficients give the evidence),
    # calibrated by cross-validated predictions.
    # Temperature scaling: one parameter for all five areas, the right size for a few hundred documents
    # (one-vs-rest sigmoids left the model underconfident on dev).
    return CalibratedClassifierCV(build_pipeline(C, tfidf_weight, emb_weight), method="temperature", cv=cv,
                                  ensemble=False)


@dataclass
class AreaPrediction:
    probabilities: dict[str, float]
    predicted: str | None
    uncertain: bool
    evidence: list[tuple[int, str]] = field(default_factory=list)  # (page, sentence)


@dataclass
class AreaClassifier:
    estimator: CalibratedClassifierCV
    threshold: float
    meta: dict

    @property
    def classes(self) -> list[str]:
        return [str(c) for c in self.estimator.classes_]

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        return self.estimator.predict_proba(X)

    def _base(self) -> Pipeline:
        return self.estimator.calibrated_classifiers_[0].estimator

    def evidence(self, prepared: Prepared, area: str, k: int = 3) -> list[tuple[int, str]]:
        """The sentences whose words most favour ``area`` over the other areas in the linear model."""
        base = self._base()
        features: ColumnTransformer = base.named_steps["features"]
        vectorizer: TfidfVectorizer = features.named_transformers_["tfidf"]
        coef = base.named_steps["clf"].coef_[:, : len(vectorizer.vocabulary_)]
        idx = self.classes.index(area)
        contrast = coef[idx] - np.delete(coef, idx, axis=0).mean(axis=0)
        candidates = [(p, t, lem) for p, t, lem in prepared.sentences if 6 <= len(t.split()) <= 80]
        if not candidates:
            return []
        M = vectorizer.transform([lem for _, _, lem in candidates])
        scores = M @ contrast
        order = np.argsort(-scores)
        out = []
        for i in order[:k]:
            if scores[i] > 0:
                out.append((candidates[i][0], candidates[i][1]))
        return out

    def predict(self, X: np.ndarray, prepared: list[Prepared]) -> list[AreaPrediction]:
        probs = self.predict_proba(X)
        out = []
        for row, prep in zip(probs, prepared):
            best = int(np.argmax(row))
            area = self.classes[best]
            uncertain = bool(row[best] < self.threshold)
            probabilities = {c: float(p) for c, p in zip(self.classes, row)}
            out.append(AreaPrediction(probabilities=probabilities, predicted=None if uncertain else area,
                                      uncertain=uncertain, evidence=self.evidence(prep, area)))
        return out

    def save(self, folder: Path) -> None:
        from nlp_service.skops_io import dump_trusted

        folder.mkdir(parents=True, exist_ok=True)
        dump_trusted(self.estimator, folder / MODEL_FILE)
        (folder / META_FILE).write_text(json.dumps({"threshold": self.threshold, **self.meta}, indent=2,
                                                   ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> "AreaClassifier":
        """Load without running code: skops refuses any type outside scikit-learn's and numpy's."""
        from nlp_service.skops_io import load_trusted

        path = folder / MODEL_FILE
        if not path.exists():
            raise FileNotFoundError(f"no area model in {folder}; run `nlp-service train`")
        estimator = load_trusted(path)
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        return cls(estimator=estimator, threshold=float(meta.pop("threshold")), meta=meta)
