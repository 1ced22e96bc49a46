"""Throughput of :class:`nlp_service.embeddings.Encoder` in float32 and bfloat16 on a few CPU threads.

Embeds N Norwegian sentences of realistic length (from ``../shared/rundskriv-08-2025.txt`` and
``corpora/``, as ``e5_parity.py`` collects them; fragments under 6 words left out) as passages.
Each precision first runs one untimed pass over the same sentences (the warm-up: oneDNN builds its
kernels per input shape), then ``--repeats`` timed passes, float32 and bfloat16 interleaved so
that both see the same machine load; the best pass of each is reported.

    python evaluation/bench_embeddings.py [--sentences 1000] [--threads 2] [--batch-size 32]

The machine's load average is printed: other processes on the same cores lower the figures.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_MODEL_DIR = REPO / "models" / "multilingual-e5-small"


def realistic_sentences(n: int, min_words: int = 6, max_words: int = 60) -> list[str]:
    sys.path.insert(0, str(HERE))
    from e5_parity import collect_sentences

    want = n
    while True:
        pool, _ = collect_sentences(want)
        chosen = [s for s in pool if min_words <= len(s.split()) <= max_words]
        if len(chosen) >= n or want > 20 * n:
            return chosen[:n]
        want *= 2


def _loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sentences", type=int, default=1000, help="number of sentences (default 1000)")
    ap.add_argument("--threads", type=int, default=2, help="torch intra-op threads (default 2)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--max-seq-length", type=int, default=256)
    ap.add_argument("--repeats", type=int, default=3, help="timed passes per precision (best is reported)")
    ap.add_argument("--model-dir", type=Path, default=DEFAULT_MODEL_DIR)
    args = ap.parse_args(argv)

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    sys.path.insert(0, str(REPO))
    import torch

    torch.set_num_threads(args.threads)
    from nlp_service.embeddings import Encoder, build_model_folder
    from nlp_service.embeddings.encoder import bf16_native

    build_model_folder(args.model_dir)
    sentences = realistic_sentences(args.sentences)
    words = np.array([len(s.split()) for s in sentences])
    print(f"{len(sentences)} sentences, {words.mean():.1f} words on average (median {np.median(words):.0f}, "
          f"max {words.max()}); torch {torch.__version__}, {torch.get_num_threads()} threads, "
          f"CPU capability {torch.backends.cpu.get_cpu_capability()}, native bf16: {bf16_native()}")
    print(f"load average before: {_loadavg()}")

    encoders = {}
    for precision in ("float32", "bfloat16"):
        enc = Encoder(args.model_dir, precision=precision, batch_size=args.batch_size,
                      max_seq_length=args.max_seq_length)
        assert enc.precision == precision
        encoders[precision] = enc
    tok = encoders["float32"].model.tokenizer(["passage: " + s for s in sentences])["input_ids"]
    print(f"tokens per sentence (with prefix and specials): {np.mean([len(t) for t in tok]):.1f}")

    embeddings = {p: enc.encode_passages(sentences) for p, enc in encoders.items()}  # warm-up, not timed
    wall = {p: float("inf") for p in encoders}
    cpu = {p: float("inf") for p in encoders}
    for _ in range(args.repeats):  # interleaved, so that both precisions see the same machine load
        for precision, enc in encoders.items():
            t0, c0 = time.perf_counter(), time.process_time()
            enc.encode_passages(sentences)
            wall[precision] = min(wall[precision], time.perf_counter() - t0)
            cpu[precision] = min(cpu[precision], time.process_time() - c0)
    print(f"load average after:  {_loadavg()}\n")

    n = len(sentences)
    ref = embeddings["float32"]
    print("| precision | sentences/s | ms/sentence | CPU-s per 1000 sentences | mean cosine to float32 |")
    print("|---|---:|---:|---:|---:|")
    for precision in encoders:
        cos = float(np.mean(np.sum(embeddings[precision] * ref, axis=1)))
        print(f"| {precision} | {n / wall[precision]:.1f} | {1000 * wall[precision] / n:.2f} | "
              f"{1000 * cpu[precision] / n:.1f} | {cos:.5f} |")
    print(f"\nbfloat16 / float32 throughput: {wall['float32'] / wall['bfloat16']:.2f}x "
          f"({args.threads} threads, batch {args.batch_size}, {n} sentences, best of {args.repeats})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
