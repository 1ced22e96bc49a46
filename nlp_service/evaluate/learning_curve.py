"""What more labelled applications would buy: macro-F1 against labelled examples per area.

For each size (4, 8, 16, 32 and all examples per area) the model is fitted ``repeats`` times on
applications drawn at random from the corpus train + dev pool and scored on the evaluated documents.
To stay affordable the embeddings are computed once (by :mod:`nlp_service.evaluate.compare`) and the
repeats use the uncalibrated pipeline with the current model's settings: temperature scaling, the
service's calibration, rescales the probabilities and never changes which area is on top, so
macro-F1 is the same as for the calibrated model.
"""

from __future__ import annotations

import numpy as np

from nlp_service.classify.model import build_pipeline
from nlp_service.classify.train import AREAS
from nlp_service.evaluate import metrics
from nlp_service.evaluate.compare import FeatureSet

SIZES: tuple[int | None, ...] = (4, 8, 16, 32, None)  # None: every example in the pool


def learning_curve(pool: FeatureSet, evaluated: FeatureSet, config: dict, *, sizes=SIZES, repeats: int = 10,
                   labels: list[str] = AREAS, seed: int = 0) -> dict:
    corpus = np.where(pool.source == "corpus")[0]
    extra = np.where(pool.source != "corpus")[0] if config.get("extra") else np.array([], dtype=int)
    by_area = {a: corpus[pool.y[corpus] == a] for a in labels}
    available = {a: int(len(v)) for a, v in by_area.items()}
    y = list(evaluated.y)
    rng = np.random.default_rng(seed)
    points = []
    for size in sizes:
        per_area = {a: (n if size is None else min(size, n)) for a, n in available.items()}
        # Drawing all examples gives the same fit every time: one fit, not ten copies of it.
        full = all(per_area[a] == available[a] for a in labels)
        scores = []
        for _ in range(1 if full else repeats):
            idx = np.concatenate([rng.choice(by_area[a], per_area[a], replace=False) for a in labels] + [extra])
            est = build_pipeline(config["C"], config["tfidf_weight"], config["emb_weight"])
            est.fit(pool.X[idx], pool.y[idx])
            scores.append(metrics.macro_f1(y, list(est.predict(evaluated.X)), labels))
        points.append({"size": "alle" if size is None else size, "per_area": per_area, "fits": len(scores),
                       "same_as_all": full and size is not None,
                       "mean": float(np.mean(scores)), "std": float(np.std(scores)),
                       "min": float(np.min(scores)), "max": float(np.max(scores)), "scores": scores})
    return {"n_evaluated": len(y), "available_per_area": available, "repeats": repeats,
            "earlier_projects_in_every_fit": int(len(extra)), "config": config,
            "pipeline": (f"build_pipeline(C={config['C']}, tfidf_weight={config['tfidf_weight']}, "
                         f"emb_weight={config['emb_weight']})"), "points": points}
