"""Similarity to earlier projects: retrieval recall, score calibration and duplicate thresholds.

Queries are the 50 texts of ``corpora/similarity`` (each describes one earlier project in other
words); the index is all 210 projects of ``corpora/earlier_projects``. A query is embedded as the
pipeline embeds a document: the passage embeddings of its chunks (``prepare_text(...).chunks``),
and a project's cosine is the best over the chunks.

Printed:

1. recall@1 and recall@5, all pairs and split into *normal* pairs (the text names the applicant)
   and *hard* ones (it does not: "en kommune i Agder", or it names a partner instead); also with
   the mean of the chunk vectors instead of the best chunk, and with each text placed at the end of
   a real application of the corpus (a document that refers to an earlier project in one paragraph),
   with the classifier's first 10 chunks and with all chunks.
2. the calibration of the score: pairs (query, every project), "same" when the project is the
   query's. The pairs are split by query, by the sha256 of the query id: the first half fits the
   curve (``--fit`` writes ``nlp_service/similarity/calibration.json``), the other half is reported
   (Brier score, log loss, reliability by score band, precision and recall of "very similar").
3. with ``--duplicates``: the figures behind the thresholds of ``nlp_service/similarity/duplicates.py``
   (corpus documents by different applicants against copies made with another applicant's name).

    python evaluation/eval_similarity.py [--fit] [--duplicates] [--threads 2]

Exit status 0 when recall@5 >= 0.9, else 1. Evaluation only, never imported by the service.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SIMILARITY_DIR = REPO / "corpora" / "similarity"
APPLICATIONS_DIR = REPO / "corpora" / "applications"


def load_queries() -> list[dict]:
    out = []
    for path in sorted(SIMILARITY_DIR.glob("*.jsonl")):
        out += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


def calibration_half(query_id: str) -> str:
    """"fit" or "report": the fixed split of the pairs, by the sha256 of the query id."""
    return "fit" if int(hashlib.sha256(query_id.encode()).hexdigest(), 16) % 2 == 0 else "report"


def names_applicant(text: str, applicant: str) -> bool:
    """Whether the text names the applicant (its place name, folded), i.e. a "normal" pair."""
    from nlp_service.similarity.applicants import fold_text, applicant_key

    key = applicant_key(applicant) or ""
    place = key.removeprefix("bydel ").removesuffix(" fylkeskommune")
    return bool(place) and re.search(rf"\b{re.escape(place)}", fold_text(text)) is not None


def embed_documents(texts: list[str], encoder, *, max_chunks: int | None = None) -> list[np.ndarray]:
    """Chunk passage embeddings of each text, as the pipeline makes them (one encoder call).

    ``max_chunks``: instead of the classifier's cap of 10 chunks (about the first 1,100 words).
    """
    from nlp_service.classify import features

    cap = features.MAX_CHUNKS
    try:
        features.MAX_CHUNKS = max_chunks or cap
        chunks = [features.prepare_text(t).chunks or [t] for t in texts]
    finally:
        features.MAX_CHUNKS = cap
    flat = encoder.encode_passages([c for cs in chunks for c in cs])
    out, start = [], 0
    for cs in chunks:
        out.append(flat[start:start + len(cs)])
        start += len(cs)
    return out


def recall(index, queries: list[dict], vectors: list[np.ndarray], *, pool: str = "best") -> dict:
    """recall@1/@5 over the queries; pool "best" (the search) or "mean" (mean chunk vector)."""
    ranks = []
    for q, v in zip(queries, vectors):
        if pool == "mean":
            m = v.mean(axis=0)
            v = m / np.linalg.norm(m)
        hits = [p.id for p, _ in index.search(v, k=len(index))]
        ranks.append(hits.index(q["project_id"]))
    ranks = np.array(ranks)
    return {"n": len(ranks), "r1": float((ranks < 1).mean()) if len(ranks) else float("nan"),
            "r5": float((ranks < 5).mean()) if len(ranks) else float("nan"), "ranks": ranks}


def pair_table(index, queries: list[dict], vectors: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Raw cosine, "same" label and query number of every (query, project) pair."""
    ids = [p.id for p in index.projects]
    cos, same, owner = [], [], []
    for qi, (q, v) in enumerate(zip(queries, vectors)):
        c = index.cosines(v)
        cos.append(c)
        same.append(np.array([pid == q["project_id"] for pid in ids]))
        owner.append(np.full(len(ids), qi))
    return np.concatenate(cos), np.concatenate(same), np.concatenate(owner)


def report_calibration(cal, cos: np.ndarray, same: np.ndarray, title: str) -> dict:
    from sklearn.metrics import brier_score_loss, log_loss

    s = cal.score(cos)
    very = s >= cal.very_similar
    tp = int((very & same).sum())
    out = {"pairs": int(same.size), "same": int(same.sum()), "brier": float(brier_score_loss(same, s)),
           "log_loss": float(log_loss(same, np.clip(s, 1e-9, 1 - 1e-9), labels=[False, True])),
           "very_similar_flagged": int(very.sum()), "very_similar_correct": tp,
           "very_similar_precision": tp / max(int(very.sum()), 1), "very_similar_recall": tp / max(int(same.sum()), 1)}
    print(f"\n{title}: {out['pairs']} pairs, {out['same']} same-project; Brier {out['brier']:.4f}, "
          f"log loss {out['log_loss']:.4f}")
    print("  score band     pairs   same   mean score   share same")
    for lo, hi in ((0, 0.05), (0.05, 0.2), (0.2, 0.5), (0.5, 0.8), (0.8, 1.0001)):
        m = (s >= lo) & (s < hi)
        if m.any():
            print(f"  [{lo:.2f}, {min(hi, 1):.2f})  {int(m.sum()):6d} {int(same[m].sum()):6d}   {s[m].mean():10.3f}   "
                  f"{same[m].mean():10.3f}")
    print(f"  very similar (score >= {cal.very_similar}): {out['very_similar_flagged']} pairs flagged, "
          f"{tp} of them the same project (precision {out['very_similar_precision']:.2f}); "
          f"{tp} of {out['same']} same-project pairs flagged (recall {out['very_similar_recall']:.2f})")
    return out


def inside_applications(queries: list[dict], index, seed: int = 7) -> list[str]:
    """Each query text at the end of a corpus application by another applicant."""
    from nlp_service.corpus.dataset import markup_to_text
    from nlp_service.similarity.applicants import same_applicant

    apps = []
    for path in sorted(APPLICATIONS_DIR.glob("*.txt")):
        gold = path.with_suffix(".json")
        applicant = json.loads(gold.read_text(encoding="utf-8")).get("applicant") if gold.exists() else None
        apps.append((applicant, markup_to_text(path.read_text(encoding="utf-8"))))
    rng = random.Random(seed)
    out = []
    for q in queries:
        own = index.get(q["project_id"]).applicant
        applicant, text = rng.choice([a for a in apps if not same_applicant(a[0], own)])
        out.append(text + "\n\nTidligere erfaring\n\n" + q["text"])
    return out


def duplicates_figures(encoder, seed: int = 1) -> None:
    """Jaccard and chunk cosine among corpus documents of different applicants, and of copies."""
    from nlp_service.corpus.dataset import markup_to_text
    from nlp_service.similarity.duplicates import Fingerprint, _chunk_cosine
    from nlp_service.similarity.applicants import same_applicant

    docs = []
    for folder in ("applications", "reports"):
        for path in sorted((REPO / "corpora" / folder).glob("*.txt")):
            gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
            docs.append((path.stem, gold.get("applicant"), markup_to_text(path.read_text(encoding="utf-8"))))
    rng = random.Random(seed)
    others = ["Narvik kommune", "Lillehammer kommune", "Sandnes kommune", "Harstad kommune", "Askøy kommune"]
    chosen = rng.sample([d for d in docs if d[0].startswith("a")], 30)
    copies = []
    for doc_id, applicant, text in chosen:
        new = rng.choice([o for o in others if o != applicant])
        swapped = text.replace(applicant, new).replace(applicant.split()[0], new.split()[0])
        paras = swapped.split("\n\n")
        head, rest = paras[:2], paras[2:]
        rng.shuffle(rest)
        sentences = re.split(r"(?<=[.!?])\s+", "\n\n".join(head + rest))
        shortened = " ".join(s for k, s in enumerate(sentences) if k % 5 != 3)
        copies.append((doc_id, new, swapped, shortened))
    t0 = time.perf_counter()
    vecs = embed_documents([d[2] for d in docs] + [c[2] for c in copies] + [c[3] for c in copies], encoder)
    print(f"\n(duplicates: {len(vecs)} documents embedded in {time.perf_counter() - t0:.0f} s)")
    fps = [Fingerprint.of(d[0], d[2], applicant=d[1], vectors=v) for d, v in zip(docs, vecs)]
    n = len(docs)
    jac, chk = [], []
    for i in range(n):
        for j in range(i + 1, n):
            if not same_applicant(docs[i][1], docs[j][1]):
                jac.append(float((fps[i].minhash == fps[j].minhash).mean()))
                chk.append(_chunk_cosine(fps[i].vectors, fps[j].vectors))
    by_id = {d[0]: k for k, d in enumerate(docs)}
    rows = []
    for name, offset, pos in (("name replaced", n, 2), ("name replaced, shortened, reordered", n + len(copies), 3)):
        js, cs = [], []
        for k, c in enumerate(copies):
            fp = Fingerprint.of("copy", c[pos], applicant=c[1], vectors=vecs[offset + k])
            orig = fps[by_id[c[0]]]
            js.append(float((fp.minhash == orig.minhash).mean()))
            cs.append(_chunk_cosine(fp.vectors, orig.vectors))
        rows.append((name, js, cs))
    print(f"documents by different applicants ({len(jac)} pairs): Jaccard max {max(jac):.3f}, "
          f"chunk cosine max {max(chk):.4f} (99.9th percentile {np.percentile(chk, 99.9):.4f})")
    for name, js, cs in rows:
        print(f"copies, {name} ({len(js)}): Jaccard min {min(js):.3f} median {np.median(js):.3f}, "
              f"chunk cosine min {min(cs):.4f} median {np.median(cs):.4f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fit", action="store_true", help="fit the calibration on the fit half and write calibration.json")
    ap.add_argument("--duplicates", action="store_true", help="also print the figures behind the duplicate thresholds")
    ap.add_argument("--no-long", action="store_true", help="skip the texts placed inside applications")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    sys.path.insert(0, str(REPO))
    import torch

    torch.set_num_threads(args.threads)
    from nlp_service.classify.features import encoder_for
    from nlp_service.config import get_settings
    from nlp_service.similarity.index import ProjectIndex
    from nlp_service.similarity.scoring import CALIBRATION_PATH, fit_calibration, load_calibration

    encoder = encoder_for(get_settings())
    t0 = time.perf_counter()
    index = ProjectIndex.from_corpus(encoder)
    queries = load_queries()
    vectors = embed_documents([q["text"] for q in queries], encoder)
    print(f"{len(index)} projects, {len(queries)} queries ({sum(len(v) for v in vectors)} chunks); "
          f"embedded in {time.perf_counter() - t0:.0f} s, {encoder.precision}")

    normal = np.array([names_applicant(q["text"], index.get(q["project_id"]).applicant) for q in queries])
    print("\nRetrieval (index: all 210 projects)     n   recall@1  recall@5")
    results = {}
    variants = [("best chunk (the search)", vectors, "best"), ("mean of chunks", vectors, "mean")]
    if not args.no_long:
        long_texts = inside_applications(queries, index)
        long_vectors = embed_documents(long_texts, encoder)
        all_chunks = embed_documents(long_texts, encoder, max_chunks=100)
        variants += [("inside an application, best chunk", long_vectors, "best"),
                     ("inside an application, mean", long_vectors, "mean"),
                     ("inside, best of all chunks (no cap)", all_chunks, "best")]
    for name, vecs, pool in variants:
        r = recall(index, queries, vecs, pool=pool)
        results[name] = r
        print(f"  {name:37s} {r['n']:3d}   {r['r1']:.2f}      {r['r5']:.2f}")
        if pool == "best" and name.startswith("best"):
            for label, mask in (("normal (names the applicant)", normal), ("hard (does not)", ~normal)):
                sub = recall(index, [q for q, m in zip(queries, mask) if m], [v for v, m in zip(vecs, mask) if m])
                print(f"    {label:35s} {sub['n']:3d}   {sub['r1']:.2f}      {sub['r5']:.2f}")
    main_r = results["best chunk (the search)"]
    misses = [(q["id"], int(rk)) for q, rk in zip(queries, main_r["ranks"]) if rk > 0]
    print(f"  not first: {', '.join(f'{i} (rank {rk + 1})' for i, rk in misses) or 'none'}")

    halves = np.array([calibration_half(q["id"]) for q in queries])
    cos, same, owner = pair_table(index, queries, vectors)
    fit_mask = halves[owner] == "fit"
    if args.fit:
        cal = fit_calibration(cos[fit_mask], same[fit_mask], meta={
            "fitted_on": sorted(q["id"] for q, h in zip(queries, halves) if h == "fit"),
            "split": "queries of corpora/similarity with an even sha256 of the id; the others are held out",
            "query_vectors": "best cosine over the passage embeddings of the document's chunks",
            "project_vectors": "passage embedding of title + summary",
            "embedding_model": index.model, "precision": encoder.precision,
            "fitted": time.strftime("%Y-%m-%d")})
        cal.save(CALIBRATION_PATH)
        print(f"\nwrote {CALIBRATION_PATH.relative_to(REPO)}: slope {cal.slope:.2f}, intercept {cal.intercept:.2f}")
    cal = load_calibration()
    fitted = set(cal.meta.get("fitted_on", []))
    held_out = np.array([q["id"] not in fitted for q in queries])[owner]
    print(f"\nCalibration: score = logistic({cal.slope:.2f} * cosine + {cal.intercept:.2f}); "
          f"very similar = score >= {cal.very_similar} = cosine >= {cal.very_similar_cosine:.4f}; "
          f"fitted on {len(fitted)} queries' pairs")
    report_calibration(cal, cos[held_out], same[held_out], "Held-out pairs (not used in the fit)")
    if not args.no_long:
        lcos, lsame, lowner = pair_table(index, queries, all_chunks)
        lheld = np.array([q["id"] not in fitted for q in queries])[lowner]
        report_calibration(cal, lcos[lheld], lsame[lheld], "Held-out pairs, texts inside an application (all chunks)")
    held_queries = [(q, v) for q, v in zip(queries, vectors) if q["id"] not in fitted]
    top = [(cal.score(c), p.id == q["project_id"]) for q, v in held_queries for p, c in index.search(v, k=1)]
    print(f"\nheld-out queries' top hit: median score {np.median([s for s, _ in top]):.2f}; "
          f"{sum(s >= cal.very_similar for s, _ in top)} of {len(top)} very similar, "
          f"{sum(s >= cal.very_similar and ok for s, ok in top)} of them the right project")

    if args.duplicates:
        duplicates_figures(encoder)
    ok = main_r["r5"] >= 0.9
    print(f"\nrecall@5 {main_r['r5']:.2f} {'>=' if ok else '<'} 0.90")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
