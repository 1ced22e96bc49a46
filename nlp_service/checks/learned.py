"""Learned sentence detectors beside the rules: one logistic regression per check over each sentence's
lemma TF-IDF (and, where the stored settings say so, its multilingual-e5-small embedding).

The rules of the call file (:mod:`nlp_service.checks.engine`) were written with the corpus's authors'
wording in view; a sentence model trained on the gold spans reads wording the rules have no pattern
for. The two are combined per check with a fixed policy: the learned detector can only move a
decision *towards the caseworker reading* (a flagged gap), never hide a gap the rules found:

- ``require`` checks (the signal is "a sentence meets it"): a rule *met* with no sentence scoring at
  least ``veto`` becomes a *gap* (evidence: the rule's sentence and the best-scoring sentence, the
  nearest thing found); a rule *uncertain* is decided by ``decide`` (met at or above it, else gap);
- ``forbid`` checks (the signal is "a sentence breaks it"): a rule *met* with a sentence scoring at
  least ``flag`` becomes a *gap* with that sentence as evidence.

A sentence that matches the check's ``learned_unless`` patterns in the call file ("Det søkes ikke om lønn til
ordinære stillinger": the condition kept, in the words of its breach) is not scored (the engine zeroes it).

A rule *gap* always stays a gap, so the keyword traps the rules catch ("Egenandel: 0 kr",
"frivillig deltakelse") cannot be undone by the model. Thresholds come from grouped cross-validation
over train + dev (:mod:`nlp_service.checks.train`) and are stored with the model in ``model.json``.

The estimators are plain scikit-learn Pipelines over a 2-D object array (column 0 the lemma text,
columns 1..384 the sentence embedding when used), persisted with skops and loaded without running code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from nlp_service.contract import CheckResult, Evidence
from nlp_service.language.segment import Sentence

MODEL_FILE = "model.skops"
#: Where the committed detectors live; ``NLP_SERVICE_CHECK_DETECTORS_DIR`` names another folder, or
#: ``none`` for the rules alone.
DEFAULT_DIR_NAME = "check-detectors"
META_FILE = "model.json"
EMBED_DIM = 384
_EVIDENCE_CHARS = 400
_MIN_TOKENS = 3  # shorter sentences (headings, single fields) are never scored
_NUMERIC = re.compile(r"^[\d.,:/%\-–]+$")


def lemma_text(sentence: Sentence) -> str:
    """The sentence as the TF-IDF sees it: lower-cased Ordbank lemmas, numbers as ``#num``."""
    return " ".join("#num" if _NUMERIC.match(lem) else lem for lem in sentence.lemmas)


def _norm_span(text: str) -> str:
    """A gold span or a sentence, compared without markup, case or spacing."""
    text = re.sub(r"^#+\s*", "", text.strip())
    text = text.replace("|", " ")
    return " ".join(text.lower().split()).strip(" .,:;")


def span_sentences(sentences: list[Sentence], span: str | None) -> list[int]:
    """Indices of the sentences that carry a gold span (the span inside the sentence, or a sentence of
    at least 20 characters inside a span that crosses sentence ends)."""
    if not span:
        return []
    s = _norm_span(span)
    if len(s) < 4:
        return []
    out = []
    for i, sent in enumerate(sentences):
        t = _norm_span(sent.text)
        if not t:
            continue
        if s in t or (len(t) >= 20 and t in s):
            out.append(i)
    return out


def build_pipeline(C: float, use_embeddings: bool, emb_weight: float = 1.0):
    """Lemma TF-IDF (1-2 grams), optionally beside the standardised e5 embedding, into a balanced LR."""
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    parts: list[tuple[str, Any, Any]] = [
        ("tfidf", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, token_pattern=r"\S+",
                                  max_features=10000), 0)]
    weights = {"tfidf": 1.0}
    if use_embeddings:
        parts.append(("emb", StandardScaler(), list(range(1, 1 + EMBED_DIM))))
        weights["emb"] = emb_weight
    features = ColumnTransformer(parts, transformer_weights=weights)
    return Pipeline([("features", features),
                     ("clf", LogisticRegression(C=C, max_iter=3000, class_weight="balanced"))])


def feature_rows(lemmas: list[str], embeddings: np.ndarray | None, use_embeddings: bool) -> np.ndarray:
    X = np.empty((len(lemmas), 1 + (EMBED_DIM if use_embeddings else 0)), dtype=object)
    X[:, 0] = lemmas
    if use_embeddings:
        if embeddings is None or len(embeddings) != len(lemmas):
            raise ValueError("the detectors need one embedding per sentence")
        X[:, 1:] = embeddings
    return X


def scorable(sentences: list[Sentence]) -> list[int]:
    return [i for i, s in enumerate(sentences) if len(s.lemmas) >= _MIN_TOKENS]


@dataclass
class CheckDetectors:
    """The trained detectors of one call: per check a Pipeline, its signal and its thresholds."""

    estimators: dict[str, Any]
    meta: dict
    encoder: Any = None  # for detectors that use sentence embeddings, when the caller passes none

    @property
    def use_embeddings(self) -> bool:
        return bool(self.meta["settings"]["use_embeddings"])

    @property
    def version(self) -> str:
        return str(self.meta.get("trained", "?"))

    def covers(self, check_id: str) -> bool:
        return check_id in self.estimators

    def sentence_scores(self, sentences: list[Sentence], embeddings: np.ndarray | None = None,
                        checks: set[str] | None = None) -> dict[str, np.ndarray]:
        """Per check (all, or those named), the probability of each sentence (0 for sentences too short
        to score)."""
        idx = scorable(sentences)
        wanted = [c for c in self.estimators if checks is None or c in checks]
        out = {}
        if not idx:
            return {cid: np.zeros(len(sentences)) for cid in wanted}
        if self.use_embeddings and embeddings is None:
            if self.encoder is None:
                raise ValueError("these check detectors need sentence embeddings: pass them or an encoder")
            embeddings = np.zeros((len(sentences), EMBED_DIM), dtype=np.float32)
            embeddings[idx] = self.encoder.encode_passages([sentences[i].text for i in idx])
        X = feature_rows([lemma_text(sentences[i]) for i in idx],
                         embeddings[idx] if embeddings is not None else None, self.use_embeddings)
        for cid in wanted:
            est = self.estimators[cid]
            p = np.zeros(len(sentences))
            p[idx] = est.predict_proba(X)[:, 1]
            out[cid] = p
        return out

    def combine(self, result: CheckResult, scores: np.ndarray, sentences: list[Sentence], gap_message: str,
                met_message: str) -> CheckResult:
        """The rule's result, changed only where the policy of the module docstring says so."""
        cfg = self.meta["checks"].get(result.id)
        if cfg is None or result.status in ("not_applicable", "gap") or not len(scores):
            return result
        best = int(np.argmax(scores))
        top = float(scores[best])
        best_ev = Evidence(page=sentences[best].page, text=sentences[best].text[:_EVIDENCE_CHARS])
        if cfg["signal"] == "met":
            if result.status == "uncertain":
                if top >= cfg["decide"]:
                    return result.model_copy(update={"status": "met", "message": met_message,
                                                     "evidence": _merge([best_ev], result.evidence)})
                return result.model_copy(update={"status": "gap", "message": gap_message,
                                                 "evidence": _merge(result.evidence, [best_ev])})
            if top < cfg["veto"]:  # rule met, but no sentence reads as meeting it
                return result.model_copy(update={"status": "gap", "message": gap_message,
                                                 "evidence": _merge(result.evidence, [best_ev])})
            return result
        # forbid: the model found a sentence that reads as breaking the condition
        if top >= cfg["flag"]:
            return result.model_copy(update={"status": "gap", "message": gap_message,
                                             "evidence": _merge([best_ev], result.evidence)})
        return result

    # -- persistence ---------------------------------------------------------------------------
    def save(self, folder: Path) -> None:
        from nlp_service.skops_io import dump_trusted

        folder.mkdir(parents=True, exist_ok=True)
        dump_trusted(self.estimators, folder / MODEL_FILE)
        (folder / META_FILE).write_text(json.dumps(self.meta, indent=2, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> "CheckDetectors":
        """Load without running code: skops refuses any type outside scikit-learn's, numpy's and scipy's."""
        from nlp_service.skops_io import load_trusted

        path = Path(folder) / MODEL_FILE
        if not path.exists():
            raise FileNotFoundError(f"no check detectors in {folder}; run `nlp-service train --checks`")
        estimators = load_trusted(path)
        meta = json.loads((Path(folder) / META_FILE).read_text(encoding="utf-8"))
        return cls(estimators=dict(estimators), meta=meta)


def detectors_dir(settings: Any = None) -> Path | None:
    """The folder of the check detectors in use (None: the rules alone)."""
    import os

    from nlp_service.config import PROJECT_ROOT

    value = getattr(settings, "check_detectors_dir", None) or os.environ.get("NLP_SERVICE_CHECK_DETECTORS_DIR")
    if value is not None and str(value).strip().lower() in ("", "none", "off"):
        return None
    return Path(value) if value else PROJECT_ROOT / "models" / DEFAULT_DIR_NAME


def load_detectors(settings: Any = None, encoder: Any = None) -> "CheckDetectors | None":
    """The configured detectors, or None when switched off or not trained (then the rules decide alone).
    ``encoder``: the embedding model, for detectors trained with sentence embeddings."""
    folder = detectors_dir(settings)
    if folder is None:
        return None
    if not (folder / MODEL_FILE).exists():
        import logging

        logging.getLogger(__name__).warning("no check detectors in %s: the rules decide alone", folder)
        return None
    detectors = CheckDetectors.load(folder)
    detectors.encoder = encoder
    return detectors


def _merge(first: list[Evidence], second: list[Evidence], k: int = 2) -> list[Evidence]:
    out: list[Evidence] = []
    for ev in first + second:
        if all(ev.text != o.text for o in out):
            out.append(ev)
        if len(out) >= k:
            break
    return out
