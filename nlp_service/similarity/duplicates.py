"""Near-duplicates among documents: the same text sent again, and the same project from two applicants.

A document's :class:`Fingerprint` holds what the comparison needs, and nothing of the text itself:

- ``text_sha256``: the hash of the normalised text (lower case, words only), equal for the same
  text however the PDF broke its lines;
- ``minhash``: a 256-value MinHash of the text's word 5-grams, from which the Jaccard overlap of two
  texts is estimated (standard error about 0.02 near 0.9);
- ``vectors``: the passage embeddings of the document's chunks (the vectors the search uses).

Kinds of pair (each with a reason in Norwegian bokmål for the caseworker):

- ``same_text``: identical normalised text;
- ``near_copy``: Jaccard >= 0.9 (the same text with small edits);
- ``same_project_other_applicant``: two different applicants, and either a large share of common
  text (Jaccard >= 0.3) or content alike chunk by chunk (``chunk_cosine`` >= 0.95: the mean cosine
  of each chunk with its best match in the other document, the smaller of the two directions).

The thresholds are set on the corpus (``evaluation/eval_similarity.py`` prints the figures): among
the 17,000 pairs of corpus documents by different applicants the Jaccard never exceeds 0.04 and the
chunk cosine 0.93, while a copy with the applicant's name replaced has Jaccard >= 0.78 and chunk
cosine >= 0.98, and one also shortened and reordered Jaccard >= 0.43. A project rewritten in
other words is *not* found reliably: a report and the application of the same project have chunk
cosines of 0.91-0.92, as high as different projects in the same area.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from pydantic import BaseModel

from nlp_service.similarity.applicants import applicant_key

__all__ = ["Fingerprint", "DuplicatePair", "find_duplicates", "duplicates_by_document", "normalised_words"]

NUM_PERM = 256
SHINGLE = 5
NEAR_COPY_JACCARD = 0.9
SHARED_TEXT_JACCARD = 0.3
CHUNK_COSINE = 0.95
PREFILTER_COSINE = 0.965  # mean-vector cosine: copies have >= 0.97, 99 % of pairs of different documents less

_rng = np.random.default_rng(20250801)  # fixed: fingerprints stay comparable across processes and years
_SEEDS = _rng.integers(0, 2**63, NUM_PERM, dtype=np.int64).astype(np.uint64)
_WORD = re.compile(r"\w+")

DuplicateKind = Literal["same_text", "near_copy", "same_project_other_applicant"]


def normalised_words(text: str) -> list[str]:
    """The text's words, lower case, NFKC: what stays when a PDF is extracted again."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).lower())


def _mix64(z: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: a bijection of 64-bit integers that scatters every input bit."""
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def _minhash(words: list[str]) -> np.ndarray:
    """MinHash of the word 5-grams: for each of NUM_PERM seeded hash functions, the smallest hash."""
    n = max(1, len(words) - SHINGLE + 1)
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(n)}
    x = np.fromiter((int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")
                     for s in shingles), dtype=np.uint64, count=len(shingles))
    with np.errstate(over="ignore"):
        h = _mix64(x[None, :] ^ _SEEDS[:, None])
    return (h.min(axis=1) & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def _b64(a: np.ndarray | None) -> str | None:
    return None if a is None else base64.b64encode(np.ascontiguousarray(a).tobytes()).decode("ascii")


@dataclass
class Fingerprint:
    """What duplicate detection keeps of one document (JSON-able with :meth:`to_dict`)."""

    id: str
    applicant: str | None = None
    text_sha256: str | None = None
    minhash: np.ndarray | None = None  # uint32 (NUM_PERM,)
    vectors: np.ndarray | None = None  # float32 (m, dim): chunk passage embeddings, unit length

    @classmethod
    def of(cls, id: str, text: str | None = None, *, applicant: str | None = None,
           vectors: np.ndarray | None = None) -> Fingerprint:
        """The fingerprint of a document from its text and/or its chunk vectors."""
        sha = mh = None
        if text is not None:
            words = normalised_words(text)
            if words:
                sha = hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()
                mh = _minhash(words)
        vec = None
        if vectors is not None:
            vec = np.asarray(vectors, dtype=np.float32)
            vec = vec[None, :] if vec.ndim == 1 else vec
            if vec.ndim != 2 or not len(vec):
                raise ValueError(f"vectors must be (dim,) or (m, dim), got {np.shape(vectors)}")
        return cls(id=id, applicant=applicant, text_sha256=sha, minhash=mh, vectors=vec)

    @functools.cached_property
    def mean_vector(self) -> np.ndarray | None:
        """The unit mean of the chunk vectors (computed once; a stored fingerprint is compared often)."""
        if self.vectors is None:
            return None
        m = self.vectors.mean(axis=0)
        return m / max(float(np.linalg.norm(m)), 1e-12)

    def to_dict(self) -> dict:
        return {"id": self.id, "applicant": self.applicant, "text_sha256": self.text_sha256,
                "minhash": _b64(self.minhash),
                "vectors": _b64(self.vectors), "vectors_shape": None if self.vectors is None else list(self.vectors.shape)}

    @classmethod
    def from_dict(cls, d: dict) -> Fingerprint:
        mh = d.get("minhash")
        vec = d.get("vectors")
        return cls(
            id=d["id"], applicant=d.get("applicant"), text_sha256=d.get("text_sha256"),
            minhash=None if mh is None else np.frombuffer(base64.b64decode(mh), dtype=np.uint32).copy(),
            vectors=None if vec is None else np.frombuffer(base64.b64decode(vec), dtype=np.float32)
            .reshape(d["vectors_shape"]).copy())


class DuplicatePair(BaseModel):
    """Two documents that look like duplicates, and why (``reason`` in Norwegian bokmål)."""

    a: str
    b: str
    kind: DuplicateKind
    reason: str
    jaccard: float | None = None  # estimated share of common word 5-grams
    chunk_cosine: float | None = None
    same_applicant: bool | None = None  # None: an applicant is unknown
    b_stored: bool = False  # b is a stored document, not one of this batch

    def entry_for(self, doc_id: str) -> dict:
        """The entry for ``Analysis.duplicates`` of ``doc_id`` (one of the two)."""
        other, stored = (self.b, self.b_stored) if doc_id == self.a else (self.a, False)
        return {"id": other, "stored": stored, "kind": self.kind, "reason": self.reason,
                "jaccard": self.jaccard, "chunk_cosine": self.chunk_cosine, "same_applicant": self.same_applicant}


def duplicates_by_document(pairs: Sequence[DuplicatePair]) -> dict[str, list[dict]]:
    """For each document of the batch, its entries for ``Analysis.duplicates``."""
    out: dict[str, list[dict]] = {}
    for p in pairs:
        out.setdefault(p.a, []).append(p.entry_for(p.a))
        if not p.b_stored:
            out.setdefault(p.b, []).append(p.entry_for(p.b))
    return out


def _coerce(items: Sequence) -> list[Fingerprint]:
    out = []
    for i, item in enumerate(items):
        if isinstance(item, Fingerprint):
            out.append(item)
        elif isinstance(item, str):
            out.append(Fingerprint.of(str(i), item))
        else:
            out.append(Fingerprint.of(str(i), vectors=np.asarray(item)))
    return out


def _jaccards(a: list[Fingerprint], b: list[Fingerprint]) -> np.ndarray:
    """Estimated Jaccard of every pair (nan where a text is missing)."""
    out = np.full((len(a), len(b)), np.nan)
    ia = [i for i, f in enumerate(a) if f.minhash is not None]
    ib = [j for j, f in enumerate(b) if f.minhash is not None]
    if ia and ib:
        mb = np.stack([b[j].minhash for j in ib])
        for i in ia:
            out[i, ib] = (mb == a[i].minhash).mean(axis=1)
    return out


def _chunk_cosine(u: np.ndarray, v: np.ndarray) -> float:
    s = u @ v.T
    return float(min(s.max(axis=1).mean(), s.max(axis=0).mean()))


def _reason(kind: str, jaccard: float | None, cos: float | None, a: Fingerprint, b: Fingerprint, same: bool | None) -> str:
    who = "" if same is not False else f" De kommer fra to ulike søkere ({a.applicant} og {b.applicant})."
    if kind == "same_text":
        return "Dokumentene har identisk tekst: samme søknad ser ut til å være sendt inn på nytt." + who
    if kind == "near_copy":
        return (f"Dokumentene er nesten like ({jaccard:.0%} felles tekst): trolig samme søknad sendt inn på nytt "
                "med små endringer." + who)
    evidence = (f"{jaccard:.0%} av teksten er felles" if jaccard is not None and jaccard >= SHARED_TEXT_JACCARD
                else f"innholdet er nesten likt avsnitt for avsnitt (cosinus {cos:.3f})")
    return (f"Trolig samme prosjekt søkt av to ulike søkere ({a.applicant} og {b.applicant}): {evidence}. "
            "Undersøk om søknadene er kopiert eller gjelder et felles prosjekt.")


def find_duplicates(batch: Sequence[Fingerprint | str | np.ndarray], stored: Sequence[Fingerprint] = (), *,
                    near_copy_jaccard: float = NEAR_COPY_JACCARD, shared_text_jaccard: float = SHARED_TEXT_JACCARD,
                    chunk_cosine: float = CHUNK_COSINE, prefilter_cosine: float = PREFILTER_COSINE) -> list[DuplicatePair]:
    """Duplicate pairs within ``batch`` and between ``batch`` and ``stored`` (never stored with stored).

    Items of ``batch`` are fingerprints (:meth:`Fingerprint.of`), or bare texts or chunk-vector
    arrays, which get their position as id. Pairs come in batch order, a before b.
    """
    docs = _coerce(batch)
    targets = docs + list(stored)  # column j >= len(docs) is stored[j - len(docs)]
    n, m = len(docs), len(targets)
    if n == 0:
        return []
    jac = _jaccards(docs, targets)
    dim = next((f.vectors.shape[1] for f in targets if f.vectors is not None), 1)
    means = np.zeros((m, dim), dtype=np.float32)
    has_vec = np.array([f.vectors is not None for f in targets])
    for j, f in enumerate(targets):
        if f.vectors is not None:
            means[j] = f.mean_vector
    mean_cos = np.where(has_vec[:n, None] & has_vec[None, :], means[:n] @ means.T, -np.inf)
    by_sha: dict[str, list[int]] = {}
    for j, f in enumerate(targets):
        if f.text_sha256 is not None:
            by_sha.setdefault(f.text_sha256, []).append(j)
    candidate = (np.nan_to_num(jac, nan=-1.0) >= min(shared_text_jaccard, near_copy_jaccard)) | (mean_cos >= prefilter_cosine)
    for i, f in enumerate(docs):
        candidate[i, by_sha.get(f.text_sha256, [])] = True
    candidate &= np.arange(m)[None, :] > np.arange(n)[:, None]  # each batch pair once, never a document with itself
    key = functools.lru_cache(maxsize=None)(applicant_key)  # only for the candidates' applicants
    pairs: list[DuplicatePair] = []
    for i, j in zip(*np.nonzero(candidate)):
        a, b = docs[i], targets[j]
        ka, kb = key(a.applicant), key(b.applicant)
        same = None if ka is None or kb is None else ka == kb
        J = None if np.isnan(jac[i, j]) else round(float(jac[i, j]), 4)
        both_vectors = a.vectors is not None and b.vectors is not None
        cos = round(_chunk_cosine(a.vectors, b.vectors), 4) if both_vectors else None
        if a.text_sha256 is not None and a.text_sha256 == b.text_sha256:
            kind, J = "same_text", 1.0
        elif J is not None and J >= near_copy_jaccard:
            kind = "near_copy"
        elif same is False and ((J is not None and J >= shared_text_jaccard)
                                or (cos is not None and mean_cos[i, j] >= prefilter_cosine and cos >= chunk_cosine)):
            kind = "same_project_other_applicant"
        else:
            continue
        pairs.append(DuplicatePair(a=a.id, b=b.id, kind=kind, reason=_reason(kind, J, cos, a, b, same),
                                   jaccard=J, chunk_cosine=cos, same_applicant=same, b_stored=bool(j >= n)))
    return pairs
