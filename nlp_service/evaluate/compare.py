"""Models side by side on the same labelled documents: the baselines against the service's model.

- zero-shot: a document's embedding against the call's own description of each area (no training);
- TF-IDF + linear SVM on lemmas;
- embeddings + logistic regression;
- the current model: the installed area classifier, as the service ran it (its probabilities in the
  contract objects).
The baselines are trained on the corpus train + dev split, as ``evaluation/baselines.py`` does for
its test column; the area a document names is masked out for every model. Features of the training
pool are computed once and shared with the learning curve.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nlp_service.classify.features import EMBED_DIM, Prepared, document_vectors, feature_matrix, mean_vector
from nlp_service.classify.train import AREAS, Example, build_examples, earlier_project_examples
from nlp_service.corpus.dataset import LabeledDoc, load_corpus
from nlp_service.evaluate import metrics
from nlp_service.evaluate.runner import DocResult, Progress


@dataclass
class FeatureSet:
    """Documents ready for any of the models: lemma text + embeddings (``X``), embeddings alone, labels."""

    ids: list[str]
    y: np.ndarray
    vectors: np.ndarray
    X: np.ndarray
    source: np.ndarray  # "corpus" or "earlier_project" per row


def _features(ids: list[str], areas: list[str], prepared: list[Prepared], sources: list[str], encoder) -> FeatureSet:
    vectors = document_vectors(prepared, encoder)
    return FeatureSet(ids=ids, y=np.array(areas), vectors=vectors, X=feature_matrix(prepared, vectors),
                      source=np.array(sources))


def training_pool(encoder, docs: list[LabeledDoc] | None = None, *, earlier_projects: bool = True,
                  progress: Progress = lambda m: None) -> FeatureSet:
    """The labelled applications to learn from (default: the corpus train + dev split) and, unless told
    otherwise, the earlier projects' summaries; features computed once for every model fitted on them."""
    if docs is None:
        docs = [d for d in load_corpus() if d.split in ("train", "dev")]
    # Prepared as `nlp-service train` prepares its examples, so each baseline learns from what the model did.
    examples: list[Example] = build_examples(docs) + (earlier_project_examples() if earlier_projects else [])
    progress(f"Treningsgrunnlag: {sum(e.source == 'corpus' for e in examples)} søknader og "
             f"{sum(e.source != 'corpus' for e in examples)} tidligere prosjekter; beregner innbygginger én gang ...")
    return _features([e.id for e in examples], [e.area for e in examples], [e.prepared for e in examples],
                     [e.source for e in examples], encoder)


def evaluation_set(results: list[DocResult], stages, labels: list[str] = AREAS) -> tuple[FeatureSet, list[DocResult]]:
    """The evaluated applications with an area label, as the service's classify stage prepares them (the
    stated area and the areas' names masked, the same chunk embeddings)."""
    rows = [r for r in results if r.ok and r.document is not None and r.doc.kind == "application"
            and r.doc.area in labels and r.analysis.area is not None]
    prepared, vectors = [], []
    for r in rows:
        _, prep, chunks = stages.classify(r.document)
        prepared.append(prep)
        vectors.append(mean_vector(chunks))
    vectors = np.vstack(vectors) if vectors else np.zeros((0, EMBED_DIM), dtype=np.float32)
    return FeatureSet(ids=[r.doc.id for r in rows], y=np.array([r.doc.area for r in rows]), vectors=vectors,
                      X=feature_matrix(prepared, vectors), source=np.array(["evaluated"] * len(rows))), rows


def _scores(name: str, description: str, y: list[str], pred: list[str], labels: list[str], n_train: int | None,
            bootstrap: int) -> dict:
    lo, hi = metrics.bootstrap_macro_f1(y, pred, labels, n=bootstrap)
    return {"name": name, "description": description, "n_train": n_train, "n": len(y),
            "macro_f1": metrics.macro_f1(y, pred, labels), "macro_f1_ci95": [lo, hi],
            "accuracy": metrics.accuracy(y, pred),
            "per_area_f1": {a: v["f1"] for a, v in metrics.per_class(y, pred, labels).items()}}


def zero_shot_predict(encoder, call, vectors: np.ndarray) -> list[str]:
    area_texts = [f"{a.name}. {a.description} {a.target_group}" for a in call.areas]
    area_vecs = encoder.encode_passages(area_texts)
    ids = [a.number for a in call.areas]
    return [ids[i] for i in (vectors @ area_vecs.T).argmax(axis=1)]


def compare_models(pool: FeatureSet, evaluated: FeatureSet, rows: list[DocResult], encoder, call, config: dict,
                   labels: list[str] = AREAS, bootstrap: int = 1000,
                   trained_on: str = "korpusets train + dev") -> dict:
    """Macro-F1 (with a bootstrap 95 % interval), accuracy and per-area F1 of each model on ``evaluated``."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    y = list(evaluated.y)
    corpus = np.where(pool.source == "corpus")[0]
    models = []
    models.append(_scores("zero-shot", "Innbyggingen av dokumentet mot utlysningens egen beskrivelse av hvert "
                          "satsingsområde; ingen trening.", y, zero_shot_predict(encoder, call, evaluated.vectors),
                          labels, 0, bootstrap))
    svm = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True), LinearSVC(C=1.0))
    svm.fit(pool.X[corpus, 0], pool.y[corpus])
    models.append(_scores("TF-IDF + lineær SVM", "Ordformer (lemmaer) og ordpar vektet med TF-IDF, lineær SVM.",
                          y, list(svm.predict(evaluated.X[:, 0])), labels, len(corpus), bootstrap))
    lr = LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced")
    lr.fit(pool.vectors[corpus], pool.y[corpus])
    models.append(_scores("innbygginger + logistisk regresjon", "Gjennomsnittlig e5-innbygging av dokumentet, "
                          "logistisk regresjon.", y, list(lr.predict(evaluated.vectors)), labels, len(corpus),
                          bootstrap))
    current = [labels[int(np.argmax([r.analysis.area.probabilities.get(a, 0.0) for a in labels]))] for r in rows]
    models.append(_scores("gjeldende modell", "Den installerte modellen slik tjenesten kjørte den: TF-IDF og "
                          f"innbygginger, kalibrert logistisk regresjon ({_config_text(config)}).", y, current,
                          labels, None, bootstrap))
    return {"n": len(y), "trained_on": trained_on, "models": models}


def _config_text(config: dict) -> str:
    return (f"C={config.get('C')}, TF-IDF-vekt {config.get('tfidf_weight')}, innbyggingsvekt "
            f"{config.get('emb_weight')}, tidligere prosjekter i treningen: {'ja' if config.get('extra') else 'nei'}")
