"""Area classifier against its baselines on the corpus dev and test splits, in one run.

    python evaluation/baselines.py

- zero-shot: each application's embedding against the call text's own description of the five
  areas (no training at all);
- TF-IDF + linear SVM on lemmas;
- embeddings + logistic regression;
- the chosen model (`nlp-service train` settings from models/area-classifier/model.json), fitted on
  train for the dev column and on train + dev for the test column, as the model card does.
Macro-F1 for each; the named area is masked out for all of them.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("NLP_SERVICE_DATA_DIR", tempfile.mkdtemp(prefix="baselines-"))


def main() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    from nlp_service.calls import load_call
    from nlp_service.classify.features import document_vectors, encoder_for, feature_matrix
    from nlp_service.classify.model import build_calibrated
    from nlp_service.classify.train import AREAS, build_examples, earlier_project_examples
    from nlp_service.config import get_settings
    from nlp_service.corpus.dataset import load_corpus
    from nlp_service.evaluate.metrics import macro_f1

    settings = get_settings()
    encoder = encoder_for(settings)
    examples = build_examples(load_corpus())
    extra = earlier_project_examples()
    allx = examples + extra
    vectors = document_vectors([e.prepared for e in allx], encoder)
    X = feature_matrix([e.prepared for e in allx], vectors)
    y = np.array([e.area for e in allx])
    split = np.array([e.split for e in examples] + ["extra"] * len(extra))
    tr, dv, te = (np.where(split == s)[0] for s in ("train", "dev", "test"))
    ex = np.where(split == "extra")[0]

    call = load_call(settings.call)
    area_texts = [f"{a.name}. {a.description} {a.target_group}" for a in call.areas]
    area_vecs = encoder.encode_passages(area_texts)
    area_ids = [a.number for a in call.areas]

    card = json.loads((settings.classifier_dir / "model.json").read_text(encoding="utf-8"))
    cfg = card["config"]

    rows = []

    def zero_shot(idx):
        sims = vectors[idx] @ area_vecs.T
        return [area_ids[i] for i in sims.argmax(axis=1)]

    rows.append(("zero-shot: call's area descriptions", zero_shot(dv), zero_shot(te)))

    def fit_predict(make, fit_idx, pred_idx, cols):
        model = make()
        model.fit(cols(fit_idx), y[fit_idx])
        return list(model.predict(cols(pred_idx)))

    text = lambda idx: X[idx, 0]  # noqa: E731
    emb = lambda idx: vectors[idx]  # noqa: E731
    svm = lambda: make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True), LinearSVC(C=1.0))  # noqa: E731
    lr = lambda: LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced")  # noqa: E731
    rows.append(("TF-IDF + linear SVM", fit_predict(svm, tr, dv, text),
                 fit_predict(svm, np.concatenate([tr, dv]), te, text)))
    rows.append(("embeddings + logistic regression", fit_predict(lr, tr, dv, emb),
                 fit_predict(lr, np.concatenate([tr, dv]), te, emb)))
    extra_idx = ex if cfg.get("extra") else np.array([], dtype=int)
    chosen = lambda: build_calibrated(cfg["C"], cfg["tfidf_weight"], cfg["emb_weight"])  # noqa: E731
    rows.append(("chosen: TF-IDF + embeddings, calibrated LR",
                 fit_predict(chosen, np.concatenate([tr, extra_idx]), dv, lambda i: X[i]),
                 fit_predict(chosen, np.concatenate([tr, dv, extra_idx]), te, lambda i: X[i])))

    print(f"applications: train {len(tr)}, dev {len(dv)}, test {len(te)}; earlier projects {len(ex)}")
    print(f"{'model':<46}{'dev macro-F1':>14}{'test macro-F1':>15}")
    for name, pd, pt in rows:
        print(f"{name:<46}{macro_f1(list(y[dv]), pd, AREAS):>14.3f}{macro_f1(list(y[te]), pt, AREAS):>15.3f}")


if __name__ == "__main__":
    main()
