"""Query time of the earlier-projects search at 1,000, 10,000 and 50,000 indexed projects.

The index beyond the corpus's 210 real projects is synthetic: real passage embeddings mixed and
perturbed, then normalised (values do not change the time of an exact search, only the size does).
Timed per query, p50 and p95 over ``--queries`` queries after a warm-up, with BLAS and torch on
``--threads`` threads:

- ``search``: :meth:`ProjectIndex.search` with one vector, and with the 10 chunk vectors of a long
  application (the pipeline's case: the best chunk per project);
- ``similar_projects``: the same plus the calibrated scores and the applicant's own projects;
- ``find_duplicates``: one document against 1,000 / 10,000 / 50,000 stored fingerprints.

Then the real model, separately: embedding a corpus application's chunks (``prepare_text`` +
``encode_passages``) per document, which the pipeline shares with the area classifier.

    python evaluation/bench_similarity.py [--threads 2] [--queries 200] [--sizes 1000 10000 50000]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def _percentiles(times: list[float]) -> tuple[float, float]:
    import numpy as np

    ms = np.array(times) * 1000
    return float(np.percentile(ms, 50)), float(np.percentile(ms, 95))


def _time(fn, args_list, warmup: int = 5) -> tuple[float, float]:
    for a in args_list[:warmup]:
        fn(a)
    times = []
    for a in args_list:
        t = time.perf_counter()
        fn(a)
        times.append(time.perf_counter() - t)
    return _percentiles(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    ap.add_argument("--documents", type=int, default=20, help="applications embedded with the real model")
    args = ap.parse_args(argv)

    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(args.threads)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    sys.path.insert(0, str(REPO))
    import numpy as np
    import torch
    from threadpoolctl import threadpool_limits

    torch.set_num_threads(args.threads)
    threadpool_limits(args.threads)
    from nlp_service.classify.features import encoder_for, prepare_text
    from nlp_service.config import get_settings
    from nlp_service.corpus.dataset import markup_to_text
    from nlp_service.similarity.compare import similar_projects
    from nlp_service.similarity.duplicates import Fingerprint, find_duplicates
    from nlp_service.similarity.index import EarlierProject, ProjectIndex
    from nlp_service.similarity.scoring import load_calibration

    encoder = encoder_for(get_settings())
    calibration = load_calibration()
    t = time.perf_counter()
    base = ProjectIndex.from_corpus(encoder)
    print(f"{len(base)} corpus projects embedded in {time.perf_counter() - t:.1f} s ({encoder.precision}); "
          f"{args.threads} threads; numpy {np.__version__}; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} CPUs (other processes on the same cores lower the figures)")
    real = base.embeddings
    rng = np.random.default_rng(0)

    def synthetic(n: int) -> np.ndarray:
        a = real[rng.integers(0, len(real), n)]
        b = real[rng.integers(0, len(real), n)]
        v = a + 0.5 * b + 0.05 * rng.standard_normal((n, real.shape[1])).astype(np.float32)
        return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)

    texts = [markup_to_text(p.read_text(encoding="utf-8")) for p in sorted((REPO / "corpora" / "applications").glob("*.txt"))]
    texts = sorted(texts, key=len, reverse=True)  # long applications: up to 10 chunks
    # queries: real chunk vectors of long applications would cost minutes to embed; use synthetic ones
    one = [synthetic(1)[0] for _ in range(args.queries)]
    ten = [synthetic(10) for _ in range(args.queries)]
    applicants = [p.applicant for p in base.projects]

    rows = []
    for n in args.sizes:
        extra = n - len(base)
        projects = base.projects + [
            EarlierProject(id=f"syn-{i}", year=2000 + i % 25, applicant=applicants[i % len(applicants)],
                           title="syntetisk", summary="syntetisk", area=str(1 + i % 5), source="import")
            for i in range(max(extra, 0))]
        emb = np.concatenate([real, synthetic(max(extra, 0))])[:n]
        index = ProjectIndex(projects[:n], emb, model=base.model)
        mb = index.embeddings.nbytes / 2**20
        r1 = _time(lambda q: index.search(q, k=5), one)
        r10 = _time(lambda q: index.search(q, k=5), ten)
        rs = _time(lambda q: similar_projects(index, q, applicant="Trondheim kommune", calibration=calibration), ten)
        stored = [Fingerprint(id=f"s{i}", applicant=applicants[i % len(applicants)],
                              minhash=rng.integers(0, 2**32, 256, dtype=np.uint64).astype(np.uint32),
                              vectors=v[None, :]) for i, v in enumerate(emb)]
        probe = [Fingerprint(id="new", applicant="Bodø kommune", text_sha256="x",
                             minhash=rng.integers(0, 2**32, 256, dtype=np.uint64).astype(np.uint32), vectors=q)
                 for q in ten[: max(10, args.queries // 10)]]
        rd = _time(lambda fp: find_duplicates([fp], stored), probe, warmup=2)
        rows.append((n, mb, r1, r10, rs, rd))

    print("\nQuery time in ms (p50 / p95)")
    print(f"{'projects':>9} {'matrix MB':>10} {'search, 1 vector':>18} {'search, 10 chunks':>18} "
          f"{'similar_projects':>18} {'find_duplicates':>18}")
    for n, mb, r1, r10, rs, rd in rows:
        cell = lambda r: f"{r[0]:7.2f} / {r[1]:7.2f}"  # noqa: E731
        print(f"{n:9d} {mb:10.1f} {cell(r1):>18} {cell(r10):>18} {cell(rs):>18} {cell(rd):>18}")

    docs = texts[: args.documents]
    times, chunks = [], []
    encoder.encode_passages(prepare_text(docs[0]).chunks)  # warm-up
    for text in docs:
        t = time.perf_counter()
        c = prepare_text(text).chunks
        encoder.encode_passages(c)
        times.append(time.perf_counter() - t)
        chunks.append(len(c))
    p50, p95 = _percentiles(times)
    print(f"\nReal model, one application's chunks (spaCy sentences + e5 passages, {encoder.precision}): "
          f"p50 {p50:.0f} ms, p95 {p95:.0f} ms per document ({np.mean(chunks):.1f} chunks on average, "
          f"{len(docs)} longest corpus applications)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
