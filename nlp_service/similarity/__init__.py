"""Earlier projects: what was done before, by whom, and what is a copy (the pipeline's compare stage).

- :mod:`.index`: :class:`EarlierProject`, :class:`ProjectIndex` (passage embeddings, exact search,
  persistence in the data folder, the corpus's projects by default);
- :mod:`.scoring`: the calibrated score (about the probability of the same project) and "very similar";
- :mod:`.applicants`: one key per applicant, whatever the spelling;
- :mod:`.compare`: :func:`similar_projects`, the contract's ``similar_projects`` of one document;
- :mod:`.duplicates`: :func:`find_duplicates`, re-submitted texts and one project from two applicants;
- :mod:`.importer`: :func:`import_projects`, ``nlp-service projects import FILE``.
"""

from nlp_service.similarity.applicants import applicant_key, same_applicant
from nlp_service.similarity.compare import similar_projects
from nlp_service.similarity.duplicates import DuplicatePair, Fingerprint, duplicates_by_document, find_duplicates
from nlp_service.similarity.importer import ProjectImportError, import_projects
from nlp_service.similarity.index import EarlierProject, ProjectIndex, default_index_dir
from nlp_service.similarity.scoring import VERY_SIMILAR, Calibration, fit_calibration, load_calibration

__all__ = [
    "EarlierProject", "ProjectIndex", "default_index_dir", "similar_projects",
    "Calibration", "fit_calibration", "load_calibration", "VERY_SIMILAR",
    "applicant_key", "same_applicant",
    "Fingerprint", "DuplicatePair", "find_duplicates", "duplicates_by_document",
    "import_projects", "ProjectImportError",
]
