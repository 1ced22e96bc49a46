"""``nlp-service train``: fit the area classifier on the corpus (or an archive), choose on dev, report on test."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import logging
import platform
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np

from nlp_service.classify.features import Prepared, document_vectors, encoder_for, feature_matrix
from nlp_service.classify.model import AreaClassifier, build_calibrated
from nlp_service.classify.prepare import prepare_document
from nlp_service.config import Settings
from nlp_service.corpus.dataset import CORPUS_DIR, LabeledDoc, markup_to_text
from nlp_service.evaluate import metrics

log = logging.getLogger(__name__)
AREAS = ["1", "2", "3", "4", "5"]


@dataclass
class Example:
    id: str
    area: str
    split: str
    prepared: Prepared
    stated: str | None
    source: str  # "corpus", "archive" or "earlier_project"


def _split_for(doc_id: str) -> str:
    h = int(hashlib.sha256(doc_id.encode()).hexdigest(), 16) % 10
    return "train" if h < 6 else ("dev" if h < 8 else "test")


def load_document(d: LabeledDoc, parse=None):
    """A labelled file as a Document: corpus sources from markup, PDFs through the ingest sandbox."""
    from nlp_service.ingest.text import document_from_text

    if d.is_pdf:
        if parse is None:
            raise ValueError("a PDF archive needs the ingest sandbox")
        return parse(d.path.read_bytes())
    text = d.path.read_text(encoding="utf-8")
    if d.path.is_relative_to(CORPUS_DIR):
        text = markup_to_text(text)
    return document_from_text(text)


def build_examples(docs: list[LabeledDoc], parse=None, area_names=None) -> list[Example]:
    out = []
    for d in docs:
        if d.kind != "application" or d.area not in AREAS:
            continue
        doc = load_document(d, parse)
        prepared, stated = prepare_document(doc, area_names)
        out.append(Example(id=d.id, area=d.area, split=d.split or _split_for(d.id), prepared=prepared,
                           stated=stated.area, source="corpus"))
    return out


def earlier_project_examples(root: Path = CORPUS_DIR) -> list[Example]:
    """Earlier projects (title + summary) and their paraphrases: short, other authors' words, train only."""
    from nlp_service.classify.features import prepare_text

    projects = {}
    for path in sorted((root / "earlier_projects").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                p = json.loads(line)
                projects[p["id"]] = p
    out = [Example(id=p["id"], area=p["area"], split="train", prepared=prepare_text(f"{p['title']}. {p['summary']}"),
                   stated=None, source="earlier_project") for p in projects.values() if p.get("area") in AREAS]
    for path in sorted((root / "similarity").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                q = json.loads(line)
                area = projects.get(q["project_id"], {}).get("area")
                if area in AREAS:
                    out.append(Example(id=q["id"], area=area, split="train", prepared=prepare_text(q["text"]),
                                       stated=None, source="earlier_project"))
    return out


def _evaluate(est, X: np.ndarray, y: list[str]) -> dict:
    probs = est.predict_proba(X)
    labels = [str(c) for c in est.classes_]
    pred = [labels[i] for i in probs.argmax(axis=1)]
    return {"macro_f1": metrics.macro_f1(y, pred, AREAS), "accuracy": float(np.mean(np.array(pred) == np.array(y))),
            "ece": metrics.expected_calibration_error(probs, y, labels), "brier": metrics.brier(probs, y, labels),
            "n": len(y), "probs": probs, "pred": pred}


def choose_threshold(probs: np.ndarray, y: list[str], labels: list[str]) -> float:
    """The abstention threshold: fewest (errors + half the abstentions) on dev, ties to the lower."""
    conf = probs.max(axis=1)
    pred = np.array(labels)[probs.argmax(axis=1)]
    wrong = pred != np.array(y)
    best_t, best_cost = 0.0, float("inf")
    for t in np.round(np.arange(0.20, 0.91, 0.05), 2):
        answered = conf >= t
        cost = (wrong & answered).sum() + 0.5 * (~answered).sum()
        if cost < best_cost - 1e-9:
            best_t, best_cost = float(t), cost
    return best_t


def train(docs: list[LabeledDoc], settings: Settings, out_dir: Path, *, parse=None, use_extra: bool | None = None,
          area_names=None, progress=print) -> dict:
    started = time.time()
    examples = build_examples(docs, parse, area_names)
    if use_extra is not False:
        examples += earlier_project_examples()
    progress(f"{len(examples)} eksempler; bygger innbygginger ...")
    encoder = encoder_for(settings)
    vectors = document_vectors([e.prepared for e in examples], encoder)
    X = feature_matrix([e.prepared for e in examples], vectors)
    tr = [i for i, e in enumerate(examples) if e.split == "train"]
    dv = [i for i, e in enumerate(examples) if e.split == "dev"]
    te = [i for i, e in enumerate(examples) if e.split == "test"]
    if not dv or not te:
        raise ValueError("training needs documents in the train, dev and test splits")
    y = [e.area for e in examples]

    # Model selection by 5-fold cross-validation over train + dev (30 dev documents alone are too
    # few to choose between settings); the earlier projects only ever join the training folds.
    from sklearn.metrics import log_loss
    from sklearn.model_selection import StratifiedKFold

    from nlp_service.classify.model import build_pipeline

    pool = [i for i in tr + dv if examples[i].source != "earlier_project"]
    extra_idx = [i for i in tr if examples[i].source == "earlier_project"]
    grid = [dict(C=C, tfidf_weight=tw, emb_weight=ew, extra=extra)
            for C, (tw, ew), extra in itertools.product(
                (1.0, 4.0), ((1.0, 0.0), (0.0, 1.0), (10.0, 0.3), (20.0, 1.0)),
                ((True, False) if use_extra is None else (bool(use_extra),)))]
    folds = list(StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(pool, [y[i] for i in pool]))
    results = []
    for config in grid:
        preds, truth, losses = [], [], []
        for fit_part, held in folds:
            fit_idx = [pool[j] for j in fit_part] + (extra_idx if config["extra"] else [])
            held_idx = [pool[j] for j in held]
            est = build_pipeline(config["C"], config["tfidf_weight"], config["emb_weight"])
            est.fit(X[fit_idx], [y[i] for i in fit_idx])
            probs = est.predict_proba(X[held_idx])
            preds += [str(est.classes_[k]) for k in probs.argmax(axis=1)]
            truth += [y[i] for i in held_idx]
            losses.append(log_loss([y[i] for i in held_idx], probs, labels=list(est.classes_)))
        f1 = metrics.macro_f1(truth, preds, AREAS)
        results.append((f1, -float(np.mean(losses)), config))
        progress(f"  C={config['C']:<5} tfidf={config['tfidf_weight']} emb={config['emb_weight']} "
                 f"tidligere prosjekter={config['extra']}: CV macro-F1 {f1:.3f}, log-loss {np.mean(losses):.3f}")
    # Best macro-F1, where settings within 0.01 of it (one document) are equal: then the lowest log-loss.
    top = max(r[0] for r in results)
    results.sort(key=lambda r: (r[0] >= top - 0.01, r[1]), reverse=True)
    config = results[0][2]
    cv_f1 = results[0][0]

    # Dev figures and the abstention threshold from the chosen settings fitted on train only.
    train_idx = [i for i in tr if config["extra"] or examples[i].source != "earlier_project"]
    dev_est = build_calibrated(config["C"], config["tfidf_weight"], config["emb_weight"])
    dev_est.fit(X[train_idx], [y[i] for i in train_idx])
    dev_eval = _evaluate(dev_est, X[dv], [y[i] for i in dv])
    labels = [str(c) for c in dev_est.classes_]
    threshold = choose_threshold(dev_eval["probs"], [y[i] for i in dv], labels)

    # Final model: train + dev with the chosen settings; the test split is looked at once, here.
    final_idx = [i for i in tr + dv if config["extra"] or examples[i].source != "earlier_project"]
    final = build_calibrated(config["C"], config["tfidf_weight"], config["emb_weight"])
    final.fit(X[final_idx], [y[i] for i in final_idx])
    test_eval = _evaluate(final, X[te], [y[i] for i in te])
    conf = test_eval["probs"].max(axis=1)
    answered = conf >= threshold
    acc_answered = float(np.mean(np.array(test_eval["pred"])[answered] == np.array([y[i] for i in te])[answered])) \
        if answered.any() else 0.0

    def strip(ev):
        return {k: v for k, v in ev.items() if k not in ("probs", "pred")}

    card = {
        "model": "area-classifier",
        "trained": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "data": {"documents": len(examples), "train": len(tr), "dev": len(dv), "test": len(te),
                 "earlier_projects_in_training": bool(config["extra"]),
                 "per_area_train": {a: sum(1 for i in final_idx if y[i] == a) for a in AREAS}},
        "config": config,
        "selection": {"method": "5-fold CV over train+dev: macro-F1 within 0.01 of the best, then lowest log-loss", "cv_macro_f1": cv_f1,
                      "grid": [{**r[2], "cv_macro_f1": round(r[0], 4), "cv_log_loss": round(-r[1], 4)}
                               for r in results]},
        "dev": strip(dev_eval),
        "test": {**strip(test_eval), "threshold": threshold, "abstained": float((~answered).mean()),
                 "accuracy_answered": acc_answered,
                 "per_area": metrics.per_class([y[i] for i in te], test_eval["pred"], AREAS),
                 "macro_f1_ci95": metrics.bootstrap_macro_f1([y[i] for i in te], test_eval["pred"], AREAS),
                 "reliability": metrics.reliability(test_eval["probs"], [y[i] for i in te], labels)},
        "embedding_model": str(settings.embedding_model_dir.name),
        "embedding_precision": encoder.precision,
        "versions": {p: metadata.version(p) for p in ("scikit-learn", "sentence-transformers", "torch", "spacy",
                                                       "nlp-service")},
        "python": platform.python_version(),
        "train_seconds": round(time.time() - started, 1),
    }
    classifier = AreaClassifier(estimator=final, threshold=threshold, meta=card)
    classifier.save(out_dir)
    write_model_card(out_dir, card)
    return card


def write_model_card(out_dir: Path, card: dict) -> None:
    t, d = card["test"], card["dev"]
    rows = "\n".join(f"| {a} | {v['precision']:.2f} | {v['recall']:.2f} | {v['f1']:.2f} | {v['support']} |"
                     for a, v in t["per_area"].items())
    rel = "\n".join(f"| {r['lo']:.1f}–{r['hi']:.1f} | {r['n']} | {r['confidence']:.2f} | {r['accuracy']:.2f} |"
                    for r in t["reliability"])
    text = f"""# Model card: area classifier (satsingsområde)

Trained {card['trained']} by `nlp-service train` in {card['train_seconds']} s.

**What it does.** Predicts the satsingsområde (1-5) of the 2025 call from an application's content, with
calibrated probabilities. The area the applicant names is masked out before classification.

**Model.** scikit-learn Pipeline: lemma TF-IDF (1-2 grams) and the mean of multilingual-e5-small chunk
embeddings (StandardScaler), into a multinomial logistic regression; calibrated with
`CalibratedClassifierCV(method="temperature", cv=5)`. Settings chosen by 5-fold cross-validation over train + dev (CV macro-F1 {card['selection']['cv_macro_f1']:.3f}): `{json.dumps(card['config'])}`.
Embedding precision at training: {card['embedding_precision']}. Stored with skops (`model.skops`, the vocabulary in
`model.vocabularies.json`), loaded without running code (only scikit-learn/numpy/scipy types are trusted).

**Data.** {card['data']['documents']} labelled examples: {card['data']['train']} train, {card['data']['dev']} dev,
{card['data']['test']} test (fixed split by document, `corpora/splits.json`). Earlier projects and their
paraphrases used in training: {card['data']['earlier_projects_in_training']} (train only). Final model fitted on
train + dev: {card['data']['per_area_train']} per area. The corpus is authored (see `corpora/README.md`):
figures on IMDi's real applications will be lower.

**Dev (model fitted on train only).** macro-F1 {d['macro_f1']:.3f}, accuracy {d['accuracy']:.3f},
ECE {d['ece']:.3f}, Brier {d['brier']:.3f} (n = {d['n']}).

**Test (final model; looked at once).** macro-F1 {t['macro_f1']:.3f} (95 % bootstrap interval
{t['macro_f1_ci95'][0]:.2f}–{t['macro_f1_ci95'][1]:.2f}), accuracy {t['accuracy']:.3f}, ECE {t['ece']:.3f},
Brier {t['brier']:.3f} (n = {t['n']}). Abstention threshold {t['threshold']:.2f} (chosen on dev): abstains on
{t['abstained']:.1%} of test documents; accuracy on the rest {t['accuracy_answered']:.3f}.

| area | precision | recall | F1 | n |
| --- | --- | --- | --- | --- |
{rows}

Reliability (test):

| confidence | n | mean confidence | accuracy |
| --- | --- | --- | --- |
{rel}

**Versions.** {json.dumps(card['versions'])}, Python {card['python']}.

**Limits.** Trained on authored Norwegian text; nynorsk is thin in the data; the model reads the first
~1,100 words through embeddings and the whole text through TF-IDF. It gives hints; the caseworker decides.
"""
    (out_dir / "MODEL_CARD.md").write_text(text, encoding="utf-8")
