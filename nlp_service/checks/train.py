"""``nlp-service train --checks``: fit the learned sentence detectors of the checks (:mod:`.learned`).

Data: the corpus documents with gold check labels. For each check, the sentences of the documents
where it applies (gold met or gap); a sentence is positive when it carries the gold span of the
signal (``met`` spans for require checks, ``gap`` spans for forbid checks), every other sentence is
a negative, and the spans of the opposite status (the "nearest misleading text" of a gap, e.g.
"Egenandel: 0 kr") are hard negatives with a larger weight.

Settings (C, with or without e5 sentence embeddings) are chosen by grouped 5-fold cross-validation
over train + dev (a document's sentences never straddle folds): the mean over checks of the document-
level ROC AUC of the best sentence's probability against the gold status. The thresholds of the
policy (:mod:`.learned`) come from the same out-of-fold scores. Once chosen, the final detectors are
fitted on train + dev (every document the choice was made on); the test split is never trained or
tuned on. The policy is judged on the train+dev documents by later authors (``unseen_tags``): the rules
were written before them (and revised afterwards on a few of their train/dev errors, so the choice
leans a little towards the rules).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import platform
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import numpy as np

from nlp_service.calls import AmountLimitDetector, CallDefinition, FactDetector
from nlp_service.checks.learned import (
    CheckDetectors, build_pipeline, feature_rows, lemma_text, scorable, span_sentences,
)
from nlp_service.contract import CheckResult
from nlp_service.language.segment import Sentence

log = logging.getLogger(__name__)

SEED = 0
FOLDS = 5
HARD_NEGATIVE_WEIGHT = 3.0
#: The share of documents the learned detector may wrongly move to *gap* (out of fold): the veto /
#: flag thresholds are set where at most this share of gold-met documents would be flagged.
FALSE_FLAG_RATE = 0.02
GRID = [dict(C=C, use_embeddings=emb) for emb in (False, True) for C in (1.0, 3.0, 10.0, 30.0)]
MIN_POSITIVES = 6
#: How many more documents (right, or gaps found) a detector must gain over the rules alone to be kept.
MIN_GAIN_DOCS = 2
#: How much better (CV document AUC) the signal that is not the check's own mode must be to be chosen instead.
SIGNAL_MARGIN = 0.02
#: A check's detector is used only when its out-of-fold document AUC reaches this (default policy).
MIN_AUC = 0.9
POLICY_RATES = (0.0, 0.02, 0.05, 0.1)
#: Corpus batches by later authors (corpora/AUTHORING.md): other_hands, other_hands_2, ...
UNSEEN_TAG_PREFIX = "other_hands"
POLICY_MIN_AUC = (0.0, 0.9, 0.95)


@dataclass
class DocRecord:
    id: str
    split: str
    kind: str
    sentences: list[Sentence]
    lemmas: list[str]
    gold: dict[str, tuple[str, str | None]]  # check id -> (status, span)
    rules: dict[str, CheckResult]
    embeddings: np.ndarray | None = None
    tags: list[str] = field(default_factory=list)


def learnable_checks(call: CallDefinition) -> list[str]:
    """Checks decided by the wording of sentences: not those decided by a fact or a sum alone."""
    return [c.id for c in call.checks
            if not all(isinstance(d, (FactDetector, AmountLimitDetector)) for d in c.detectors)]


def signal_of(call: CallDefinition, check_id: str) -> str:
    return "met" if call.check(check_id).mode == "require" else "gap"


def prepare_records(docs, engine, *, progress=print) -> list[DocRecord]:
    """Read each labelled corpus document, split it into sentences, run the rules on it."""
    from nlp_service.checks.facts import extract_facts
    from nlp_service.classify.train import load_document
    from nlp_service.language.segment import document_sentences

    out = []
    for d in docs:
        gold = d.gold.get("checks") or {}
        if not gold:
            continue
        doc = load_document(d)
        sentences = document_sentences(doc)
        facts = extract_facts(doc, sentences)
        area = (d.gold.get("stated") or d.gold.get("area")) if d.kind == "application" else d.gold.get("area")
        rules = {r.id: r for r in engine.run(doc, sentences, area=area, kind=d.kind, facts=facts)}
        out.append(DocRecord(id=d.id, split=d.split or "train", kind=d.kind, sentences=sentences,
                             lemmas=[lemma_text(s) for s in sentences],
                             gold={k: (v["status"], v.get("span")) for k, v in gold.items()}, rules=rules,
                             tags=list(d.gold.get("tags") or [])))
    progress(f"{len(out)} dokumenter lest")
    return out


def embed_records(records: list[DocRecord], encoder, cache_dir: Path | None = None, progress=print) -> None:
    """e5 passage embeddings of every sentence (cached by the sentences' text when a folder is given)."""
    for k, r in enumerate(records):
        key = hashlib.sha256("\n".join(s.text for s in r.sentences).encode()).hexdigest()[:24]
        path = cache_dir / f"{key}.npy" if cache_dir else None
        if path is not None and path.exists():
            r.embeddings = np.load(path)
            continue
        r.embeddings = encoder.encode_passages([s.text for s in r.sentences]) if r.sentences \
            else np.zeros((0, 384), np.float32)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.save(path, r.embeddings)
        if k % 25 == 0:
            progress(f"  innbygginger: {k + 1}/{len(records)}")


def _sentence_set(records: list[DocRecord], check_id: str, signal: str, use_embeddings: bool):
    rows, y, w, owner = [], [], [], []
    embs = []
    for di, r in enumerate(records):
        status, span = r.gold.get(check_id, ("not_applicable", None))
        if status not in ("met", "gap"):
            continue
        pos = set(span_sentences(r.sentences, span)) if status == signal else set()
        hard = set(span_sentences(r.sentences, span)) if status != signal else set()
        for i in scorable(r.sentences):
            rows.append(r.lemmas[i])
            y.append(1 if i in pos else 0)
            w.append(HARD_NEGATIVE_WEIGHT if i in hard else 1.0)
            owner.append(di)
            if use_embeddings:
                embs.append(r.embeddings[i])
    E = np.stack(embs) if use_embeddings and embs else None
    return feature_rows(rows, E, use_embeddings), np.array(y), np.array(w), np.array(owner)


def fit_detector(records: list[DocRecord], check_id: str, signal: str, C: float, use_embeddings: bool):
    X, y, w, _ = _sentence_set(records, check_id, signal, use_embeddings)
    if y.sum() < 2 or y.sum() == len(y):
        return None
    est = build_pipeline(C, use_embeddings)
    est.fit(X, y, clf__sample_weight=w)
    return est


def doc_scores(est, record: DocRecord, use_embeddings: bool) -> np.ndarray:
    idx = scorable(record.sentences)
    p = np.zeros(len(record.sentences))
    if idx and est is not None:
        X = feature_rows([record.lemmas[i] for i in idx],
                         record.embeddings[idx] if use_embeddings else None, use_embeddings)
        p[idx] = est.predict_proba(X)[:, 1]
    return p


def _folds(records: list[DocRecord]) -> list[int]:
    """A fixed fold per document (seeded hash of its id): the groups of the grouped CV."""
    rng = np.random.default_rng(SEED)
    order = rng.permutation(len(records))
    fold = [0] * len(records)
    for rank, i in enumerate(order):
        fold[i] = rank % FOLDS
    return fold


def _auc(pos: list[float], neg: list[float]) -> float | None:
    if not pos or not neg:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def oof_scores(records: list[DocRecord], pairs: list[tuple[str, str]], C: float, use_embeddings: bool
               ) -> dict[tuple[str, str], dict[int, float]]:
    """Out-of-fold document score (the best sentence's probability) per (check, signal) and document index."""
    fold = _folds(records)
    out: dict[tuple[str, str], dict[int, float]] = {p: {} for p in pairs}
    for k in range(FOLDS):
        fit_recs = [r for r, f in zip(records, fold) if f != k]
        for cid, sig in pairs:
            est = fit_detector(fit_recs, cid, sig, C, use_embeddings)
            for di, (r, f) in enumerate(zip(records, fold)):
                if f == k and r.gold.get(cid, ("",))[0] in ("met", "gap"):
                    out[(cid, sig)][di] = float(doc_scores(est, r, use_embeddings).max(initial=0.0))
    return out


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _thresholds(status: dict[int, str], scores: dict[int, float], signal: str, rate: float) -> dict:
    met_s = np.array([scores[i] for i in scores if status[i] == "met"])
    gap_s = np.array([scores[i] for i in scores if status[i] == "gap"])
    cands = np.unique(np.concatenate([met_s, gap_s, [0.0, 1.0]]))
    allowed = int(np.floor(rate * len(met_s)))
    if signal == "met":
        # veto: the highest cut below which at most `allowed` gold-met documents fall
        ok = [t for t in cands if (met_s < t).sum() <= allowed]
        veto = float(max(ok)) if ok else 0.0
        # decide (for a rule "uncertain"): the cut with the best accuracy, met at or above it
        acc = [((met_s >= t).sum() + (gap_s < t).sum(), -abs(t - 0.5), t) for t in cands]
        return {"signal": "met", "veto": round(veto, 6), "decide": round(float(max(acc)[2]), 6)}
    # flag: the lowest cut at or above which at most `allowed` gold-met documents score
    ok = [t for t in cands if (met_s >= t).sum() <= allowed]
    flag = float(min(ok)) if ok else 1.0
    acc = [((met_s < t).sum() + (gap_s >= t).sum(), -abs(t - 0.5), t) for t in cands]
    return {"signal": "gap", "flag": round(flag, 6), "decide": round(float(max(acc)[2]), 6)}


def combined_status(rule: str, score: float, cfg: dict | None) -> str:
    """The policy of :meth:`CheckDetectors.combine`, on statuses alone (for the CV figures)."""
    if cfg is None or rule in ("not_applicable", "gap"):
        return rule
    if cfg["signal"] == "met":
        if rule == "uncertain":
            return "met" if score >= cfg["decide"] else "gap"
        return "gap" if score < cfg["veto"] else rule
    if rule == "uncertain":
        return "gap" if score >= cfg["decide"] else "met"
    return "gap" if score >= cfg["flag"] else rule


def figures(records: list[DocRecord], statuses: dict[str, dict[int, str]], checks: list[str]) -> dict:
    """Per check: n (gold met or gap), agreement, gold gaps and gap recall; and overall."""
    out = {}
    tot = {"n": 0, "agree": 0, "gaps": 0, "found": 0}
    for cid in checks:
        n = agree = gaps = found = 0
        for di, r in enumerate(records):
            g = r.gold.get(cid, ("not_applicable",))[0]
            if g not in ("met", "gap"):
                continue
            p = statuses[cid].get(di, r.rules[cid].status if cid in r.rules else "missing")
            n += 1
            agree += p == g
            if g == "gap":
                gaps += 1
                found += p == "gap"
        out[cid] = {"n": n, "agreement": round(agree / n, 4) if n else None, "gold_gaps": gaps,
                    "gap_recall": round(found / gaps, 4) if gaps else None}
        for k, v in (("n", n), ("agree", agree), ("gaps", gaps), ("found", found)):
            tot[k] += v
    out["ALL"] = {"n": tot["n"], "agreement": round(tot["agree"] / tot["n"], 4) if tot["n"] else None,
                  "gold_gaps": tot["gaps"], "gap_recall": round(tot["found"] / tot["gaps"], 4) if tot["gaps"] else None}
    return out


def _counts(f: dict) -> tuple[int, int]:
    """Documents right and gaps found, from one check's figures."""
    n, gaps = f["n"] or 0, f["gold_gaps"] or 0
    return round((f["agreement"] or 0.0) * n), round((f["gap_recall"] or 0.0) * gaps)


def keep_detector(sides: list[tuple[dict, dict, str]]) -> str:
    """Whether a check keeps its detector: "detector (...)" or "rules (...)", with where it was decided.

    ``sides``: (rules alone, rules + out-of-fold detector, where) figures of the check, the later authors'
    documents first, then all train+dev documents. The detector is kept where it is better by a margin of
    documents (MIN_GAIN_DOCS more right and no gap lost, or that many more gaps found and no document
    lost); it is dropped where it loses that many documents or gaps; anything else (a smaller difference, or
    a gain on one count with a smaller loss on the other) is a tie and the next side decides. Tied everywhere,
    the detector if it finds more gaps on the later authors' documents without losing a document there (gaps
    found is what the rules miss on new wording), else the rules alone. A one-document difference in documents
    right on 20-30 documents flipped with each retrain on a few more documents (session 5), so it decides nothing.
    The CV figures are of this choice, made on the same folds: the test split is the unbiased measure."""
    for f_rules, f_comb, where in sides:
        (right_r, found_r), (right_c, found_c) = _counts(f_rules), _counts(f_comb)
        d_right, d_found = right_c - right_r, found_c - found_r
        if (d_right >= MIN_GAIN_DOCS and d_found >= 0) or (d_found >= MIN_GAIN_DOCS and d_right >= 0):
            return f"detector ({where}: {d_right:+d} right, {d_found:+d} gaps)"
        if d_right <= -MIN_GAIN_DOCS or d_found <= -MIN_GAIN_DOCS:
            return f"rules ({where}: {d_right:+d} right, {d_found:+d} gaps)"
    (right_r, found_r), (right_c, found_c) = _counts(sides[0][0]), _counts(sides[0][1])
    if found_c > found_r and right_c >= right_r:
        return f"detector (tie, {sides[0][2]}: {right_c - right_r:+d} right, {found_c - found_r:+d} gaps)"
    return "tie"


def choose_policy(rows: list[dict]) -> dict:
    """The policy with the best agreement + gaps found on the later authors' documents (the issue asks 0.90 of
    both, and choosing on agreement alone gave up gaps on each new batch in sessions 5 and 6); ties: the more
    cautious policy (higher AUC bar, lower rate)."""
    best = max(rows, key=lambda p: (round((p["agreement"] or 0) + (p["gap_recall"] or 0), 6), p["min_auc"], -p["rate"]))
    return {"rate": best["rate"], "min_auc": best["min_auc"]}


def choose_signal(aucs: dict[str, float], own: str) -> str:
    """The signal a check's detector learns: its own mode's ("met" for require, "gap" for forbid), unless
    the other one's CV AUC is higher by more than SIGNAL_MARGIN, or the own one has too few examples."""
    other = max((sig for sig in aucs if sig != own), key=aucs.get, default=None)
    if own not in aucs or (other is not None and aucs[other] > aucs[own] + SIGNAL_MARGIN):
        return other if other is not None else own
    return own


def train_checks(docs, call: CallDefinition, out_dir: Path, *, encoder=None, embedding_cache: Path | None = None,
                 rate: float = FALSE_FLAG_RATE, min_auc: float = MIN_AUC, unseen_tags: tuple[str, ...] | None = None,
                 grid: list[dict] | None = None, excluded_tags: set[str] | frozenset[str] = frozenset(),
                 progress=print) -> dict:
    """Choose settings by grouped CV over train + dev, fit on train + dev, save to ``out_dir``; the card.

    ``docs`` are the corpus documents to learn from (the caller has left out any tags it excludes;
    ``excluded_tags`` only names them in the card). ``unseen_tags``: the later authors' batches the policy is
    judged on; by default every tag of the documents that starts with ``other_hands``."""
    from nlp_service.checks.engine import CheckEngine

    started = time.time()
    engine = CheckEngine(call, encoder=None)
    records = prepare_records([d for d in docs if d.split in ("train", "dev")], engine, progress=progress)
    if unseen_tags is None:
        unseen_tags = tuple(sorted({t for r in records for t in r.tags if t.startswith(UNSEEN_TAG_PREFIX)}))
    grid = [g for g in (grid or GRID) if encoder is not None or not g["use_embeddings"]]
    if any(g["use_embeddings"] for g in grid):
        progress("innbygginger av setningene ...")
        embed_records(records, encoder, embedding_cache, progress=progress)
    # Candidate signals per check: "met" spans (the condition is met here) and "gap" spans (the nearest
    # misleading text, or what breaks a forbid check), each where train + dev have enough of them.
    def n_pos(c: str, sig: str) -> int:
        return sum(1 for r in records if r.gold.get(c, ("",))[0] == sig
                   and span_sentences(r.sentences, r.gold[c][1]))

    pairs = [(c, sig) for c in learnable_checks(call) for sig in ("met", "gap") if n_pos(c, sig) >= MIN_POSITIVES]
    checks = sorted({c for c, _ in pairs}, key=[x.id for x in call.checks].index)
    status = {c: {di: r.gold[c][0] for di, r in enumerate(records) if r.gold.get(c, ("",))[0] in ("met", "gap")}
              for c in checks}

    results = []
    for config in grid:
        t0 = time.time()
        sc = oof_scores(records, pairs, config["C"], config["use_embeddings"])
        aucs = {}
        for c, sig in pairs:
            pos = [sc[(c, sig)][i] for i in sc[(c, sig)] if status[c][i] == sig]
            neg = [sc[(c, sig)][i] for i in sc[(c, sig)] if status[c][i] != sig]
            aucs[(c, sig)] = _auc(pos, neg)
        # per check the check's own mode's signal, unless the other signal is clearly better (by more than
        # SIGNAL_MARGIN): two AUCs of 0.995 and 0.997 are a tie, and a coin-flip between them changed which
        # decisions a retrain on a few more documents made
        chosen = {c: choose_signal({sig: aucs[(c, sig)] or 0.0 for cc, sig in pairs if cc == c}, signal_of(call, c))
                  for c in checks}
        mean_auc = float(np.mean([aucs[(c, chosen[c])] or 0.0 for c in checks]))
        results.append({"config": config, "mean_auc": mean_auc, "auc": aucs, "scores": sc, "signal": chosen})
        progress(f"  C={config['C']:<5} e5={config['use_embeddings']!s:5}: CV dokument-AUC {mean_auc:.4f} "
                 f"({time.time() - t0:.0f} s)")
    # Best mean AUC; settings within 0.002 of it are equal, then the one without embeddings (faster), lower C.
    top = max(r["mean_auc"] for r in results)
    best = sorted([r for r in results if r["mean_auc"] >= top - 0.002],
                  key=lambda r: (r["config"]["use_embeddings"], r["config"]["C"]))[0]
    config = best["config"]
    signals = best["signal"]
    scores = {c: best["scores"][(c, signals[c])] for c in checks}
    aucs = {c: best["auc"][(c, signals[c])] for c in checks}

    rule_status = {c: {di: records[di].rules[c].status for di in status[c]} for c in checks}

    def combine(thr: dict) -> dict:
        """Combined statuses (out of fold) with these thresholds; a check without thresholds keeps its rule."""
        return {c: {di: combined_status(rule_status[c][di], scores[c][di], thr.get(c)) for di in status[c]}
                for c in checks}

    def apply(policy: dict) -> tuple[dict, dict]:
        """Thresholds and combined statuses (out of fold) under one policy."""
        thr = {c: _thresholds(status[c], scores[c], signals[c], policy["rate"]) for c in checks
               if (aucs[c] or 0.0) >= policy["min_auc"]}
        return thr, combine(thr)

    # The policy (false-flag rate, least CV AUC for a check's detector to be used): judged on the documents
    # the rules were not written on (tags `unseen_tags`), where the rules' errors are honest; else the defaults.
    unseen = [di for di, r in enumerate(records) if set(unseen_tags) & set(r.tags)]
    unseen_recs = [records[di] for di in unseen]

    def on_unseen(st: dict) -> dict:
        """Figures of these statuses on the later authors' documents alone."""
        return figures(unseen_recs, {c: {k: st[c][di] for k, di in enumerate(unseen) if di in st[c]} for c in checks},
                       checks)

    policies = [dict(rate=r, min_auc=a) for r in POLICY_RATES for a in POLICY_MIN_AUC]
    policy_rows = []
    if unseen:
        for pol in policies:
            f = on_unseen(apply(pol)[1])["ALL"]
            policy_rows.append({**pol, "agreement": f["agreement"], "gap_recall": f["gap_recall"]})
        policy = choose_policy(policy_rows)
        progress(f"  policy (på {len(unseen)} dokumenter av senere forfattere): {policy}")
    else:
        policy = {"rate": rate, "min_auc": min_auc}
    thresholds, comb_status = apply(policy)

    # CV figures: rules alone (written on most of these documents: optimistic) and rules + out-of-fold detectors
    cv_rules = figures(records, rule_status, checks)
    unseen_rules = on_unseen(rule_status) if unseen else None
    # every detector, before the choice (so the card can show where a detector did worse than the rules)
    unseen_all_detectors = on_unseen(comb_status) if unseen else None
    sides = [(cv_rules, figures(records, comb_status, checks), "all train+dev")]
    if unseen:
        sides.insert(0, (unseen_rules, unseen_all_detectors, "later authors"))
    selection: dict[str, str] = {}
    for c in list(thresholds):
        selection[c] = keep_detector([(f_rules[c], f_comb[c], where) for f_rules, f_comb, where in sides])
        if not selection[c].startswith("detector"):
            del thresholds[c]
    comb_status = combine(thresholds)
    progress("  detektor brukt for: " + (", ".join(sorted(thresholds)) or "ingen"))

    cv_combined = figures(records, comb_status, checks)
    cv_unseen = None
    if unseen:
        cv_unseen = {"tag": " + ".join(unseen_tags), "documents": len(unseen), "rules": unseen_rules,
                     "rules_plus_all_detectors": unseen_all_detectors,
                     "rules_plus_detectors": on_unseen(comb_status)}

    train_recs = records  # train + dev: the settings and thresholds are chosen, fit on all of it
    estimators = {}
    for c in thresholds:
        est = fit_detector(train_recs, c, signals[c], config["C"], config["use_embeddings"])
        if est is not None:
            estimators[c] = est
        else:
            selection[c] = "no detector could be fitted"
    positives = {c: int(_sentence_set(train_recs, c, signals[c], False)[1].sum()) for c in checks}
    card = {
        "model": "check-detectors",
        "trained": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "call": f"{call.id}@{call.version}",
        "settings": {**config, "seed": SEED, "folds": FOLDS, "hard_negative_weight": HARD_NEGATIVE_WEIGHT,
                     "false_flag_rate": policy["rate"], "min_cv_auc": policy["min_auc"]},
        "data": {"train_documents": len(train_recs), "cv_documents": len(records),
                 "excluded_tags": sorted(excluded_tags),
                 "positive_sentences_train": positives},
        "checks": {c: {**thresholds[c], "cv_auc": _round(best["auc"][(c, signals[c])]),
                       "cv_auc_other_signal": _round(best["auc"].get((c, "gap" if signals[c] == "met" else "met")))}
                   for c in checks if c in estimators},
        "rules_only": {c: {"cv_auc": _round(aucs[c]), "signal": signals[c],
                           "why": selection.get(c, f"CV AUC below {policy['min_auc']}")}
                       for c in checks if c not in estimators},
        "detector_selection": selection,
        "selection": {"method": "grouped 5-fold CV over train+dev (groups = documents): mean document-level "
                                "ROC AUC over checks; within 0.002 of the best, no embeddings and lower C first",
                      "grid": [{**r["config"], "mean_auc": round(r["mean_auc"], 4)} for r in results]},
        "policy": {**policy, "grid": policy_rows,
                   "method": f"agreement + gap recall of rules + out-of-fold detectors on the train+dev documents "
                             f"tagged {' or '.join(unseen_tags)} (later authors: the rules were written before them, then revised on "
                             f"their train/dev errors)" if unseen else "defaults"},
        "cv": {"rules": cv_rules, "rules_plus_detectors": cv_combined, "unseen": cv_unseen},
        "versions": {p: metadata.version(p) for p in ("scikit-learn", "spacy", "skops", "nlp-service")},
        "python": platform.python_version(),
        "train_seconds": round(time.time() - started, 1),
    }
    detectors = CheckDetectors(estimators=estimators, meta=card)
    detectors.save(out_dir)
    write_model_card(out_dir, card)
    return card


def _unseen_section(card: dict) -> str:
    u = card["cv"].get("unseen")
    if not u:
        return ""
    every = u.get("rules_plus_all_detectors") or u["rules_plus_detectors"]
    rows = "\n".join(f"| {c} | {u['rules'][c]['n']} | {u['rules'][c]['agreement']} / {every[c]['agreement']} / "
                     f"{u['rules_plus_detectors'][c]['agreement']} | {u['rules'][c]['gap_recall']} / {every[c]['gap_recall']} / "
                     f"{u['rules_plus_detectors'][c]['gap_recall']} |"
                     for c in u["rules"] if c != "ALL")
    grid = "\n".join(f"| {p['rate']} | {p['min_auc']} | {p['agreement']} | {p['gap_recall']} |" for p in card["policy"]["grid"])
    return f"""**Policy.** {card['policy']['method']}: false-flag rate {card['policy']['rate']}, least CV AUC {card['policy']['min_auc']}.

| false-flag rate | least AUC | agreement | gap recall |
| --- | --- | --- | --- |
{grid}

**CV on the {u['documents']} train+dev documents tagged {u['tag']}** (later authors; the rules were written before
them, then revised on their train/dev errors): rules alone / rules + every out-of-fold detector / rules + the detectors
kept (the choice is made on these same folds, so the last column is optimistic). Overall agreement
{u['rules']['ALL']['agreement']} / {every['ALL']['agreement']} / {u['rules_plus_detectors']['ALL']['agreement']}, gap recall
{u['rules']['ALL']['gap_recall']} / {every['ALL']['gap_recall']} / {u['rules_plus_detectors']['ALL']['gap_recall']}.

| check | n | agreement | gap recall |
| --- | --- | --- | --- |
{rows}
"""


def _small_n(card: dict) -> str:
    """The range of documents the checks of one area or report kind were trained on (the smallest checks)."""
    ns = [v["n"] for c, v in card["cv"]["rules"].items() if c != "ALL" and v["n"] and v["n"] < 100]
    return f"{min(ns)}-{max(ns)}" if ns else "few"


def write_model_card(out_dir: Path, card: dict) -> None:
    rows = []
    for c, cfg in card["checks"].items():
        r, m = card["cv"]["rules"][c], card["cv"]["rules_plus_detectors"][c]
        thr = f"veto {cfg['veto']:.3f}, decide {cfg['decide']:.3f}" if cfg["signal"] == "met" else f"flag {cfg['flag']:.3f}"
        rows.append(f"| {c} | {cfg['signal']} | {card['data']['positive_sentences_train'].get(c, 0)} | "
                    f"{cfg['cv_auc'] if cfg['cv_auc'] is not None else '-'} | {thr} | {r['n']} | {r['agreement']} / {m['agreement']} | "
                    f"{r['gap_recall']} / {m['gap_recall']} |")
    a_r, a_m = card["cv"]["rules"]["ALL"], card["cv"]["rules_plus_detectors"]["ALL"]
    text = f"""# Model card: check detectors (learned sentence detectors beside the rules)

Trained {card['trained']} by `nlp-service train --checks` in {card['train_seconds']} s, for the call {card['call']}.

**What it does.** For each check decided by the wording of the application (not by a fact or a sum),
a logistic regression scores every sentence: "does this sentence meet the condition" (require checks) or
"does it break it" (forbid checks). The best sentence's probability is combined with the rule's result
by a fixed policy (`nlp_service/checks/learned.py`): the detector can turn a rule *met* into a *gap* (no
sentence reads as meeting it, or one reads as breaking it) and decides a rule *uncertain*; it never turns a
rule *gap* into *met*, so keyword traps the rules catch stay gaps.

**Model.** scikit-learn Pipeline per check: lemma TF-IDF (1-2 grams, the project's spaCy/Ordbank lemmas,
numbers as `#num`){' and standardised multilingual-e5-small sentence embeddings' if card['settings']['use_embeddings'] else ''}
into `LogisticRegression(class_weight="balanced")`. Settings `{json.dumps(card['settings'])}`, chosen by
{card['selection']['method']}. Grid: {json.dumps(card['selection']['grid'])}.
Thresholds from the same out-of-fold scores: *veto*/*flag* where at most {card['settings']['false_flag_rate']:.0%}
of gold-met documents would be moved to gap; *decide* at the best out-of-fold accuracy.
Stored with skops (`model.skops`, the vectorizers' vocabularies in `model.vocabularies.json`), loaded without running code.

**Data.** Positives: sentences holding a gold span of the signal; negatives: the other sentences of
documents where the check applies; the opposite status's spans are hard negatives (weight
{card['settings']['hard_negative_weight']}). Settings and thresholds chosen by CV over {card['data']['cv_documents']}
train+dev documents, then the final detectors fitted on all {card['data']['train_documents']} of them; the test split is
never trained or tuned on. Excluded from all training and selection: documents tagged
{', '.join(card['data']['excluded_tags']) or '(none)'}.

**Cross-validation (train+dev, out of fold).** Rules alone (written on these documents, so optimistic) / rules +
detectors. Overall agreement {a_r['agreement']} / {a_m['agreement']}, gap recall {a_r['gap_recall']} / {a_m['gap_recall']}.

| check | signal | positive sentences (train+dev) | CV doc AUC | thresholds | n | agreement | gap recall |
| --- | --- | --- | --- | --- | --- | --- | --- |
{chr(10).join(rows)}

{_unseen_section(card)}
**Which checks use their detector.** Only those where, out of fold, rules + detector beat the rules alone on the
later authors' documents by at least {MIN_GAIN_DOCS} documents ({MIN_GAIN_DOCS} more right and no gap lost, or {MIN_GAIN_DOCS}
more gaps found and no document lost; dropped where it loses {MIN_GAIN_DOCS} documents or gaps; anything else, a smaller
difference or a gain on one count with a small loss on the other, is a tie, decided on all train+dev documents; still
tied, the detector if it finds more gaps on the later authors' documents without losing one of them, else the rules
alone). Left to the rules alone:
{', '.join(f"{c} (AUC {v['cv_auc']}; {v.get('why', '')})" for c, v in card['rules_only'].items()) or 'none'}; and the
checks decided by a fact or a sum (participants, applicant type, participant allowance). The CV figures above are of
this choice, made on the same folds; the test split is the unbiased measure.

Test-split and other-hands figures: `evaluation/eval_checks.py --split test` (see the report of issue #5).

**Versions.** {json.dumps(card['versions'])}, Python {card['python']}.

**Limits.** Trained on an authored corpus with one gold span per check and document (other sentences that
also meet a condition count as negatives); the area and report checks have {_small_n(card)} training documents each. The
detector gives hints for the caseworker to read, never decisions.
"""
    (out_dir / "MODEL_CARD.md").write_text(text, encoding="utf-8")
