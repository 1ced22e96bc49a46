"""The ``similar_projects`` of one document: nearest earlier projects, scored, and the applicant's own."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from nlp_service.contract import SimilarProject
from nlp_service.similarity.index import ProjectIndex
from nlp_service.similarity.scoring import Calibration, load_calibration

__all__ = ["similar_projects"]


def similar_projects(index: ProjectIndex, chunk_vectors: np.ndarray, *, applicant: str | None = None,
                     calibration: Calibration | None = None, k: int = 5, max_same_applicant: int = 10,
                     exclude_ids: Iterable[str] = ()) -> list[SimilarProject]:
    """The contract's ``similar_projects`` for one document, highest score first.

    ``chunk_vectors``: the passage embeddings of the document's chunks (``Prepared.chunks``), float32
    ``(m, 384)`` (one vector ``(384,)`` also works). The k nearest projects come first; projects of
    the same applicant (``applicant`` as extracted from the document) follow even when they are not
    among the k, at most ``max_same_applicant`` of them, flagged ``same_applicant``. ``score`` is the
    calibrated probability of the same project; ``very_similar`` is ``score >= calibration.very_similar``.
    ``exclude_ids``: projects never to list (the document itself, once it is in the index).
    """
    calibration = calibration or load_calibration()
    exclude = set(exclude_ids)
    cosines = index.cosines(chunk_vectors)
    rows = index.nearest(cosines, k, exclude_ids=exclude)
    own_rows = set(index.by_applicant(applicant))
    chosen = {r for r, _ in rows}
    more = sorted((r for r in own_rows if r not in chosen and index.project(r).id not in exclude),
                  key=lambda r: (-float(cosines[r]), r))
    rows += [(r, float(cosines[r])) for r in more[:max_same_applicant]]
    out = []
    for r, cos in rows:
        p = index.project(r)
        score = round(calibration.score(cos), 4)
        out.append(SimilarProject(
            id=p.id, title=p.title, applicant=p.applicant, year=p.year, area=p.area, score=score,
            same_applicant=r in own_rows, very_similar=score >= calibration.very_similar))
    return out
