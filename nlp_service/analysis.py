"""Bytes in, the contract's object out: ingest, then each analysis stage, errors as values."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from pathlib import Path

from nlp_service import __version__
from nlp_service.config import Settings, get_settings
from nlp_service.contract import Analysis, DocumentInfo, ErrorInfo
from nlp_service.errors import AnalysisError, describe_exception
from nlp_service.ingest.document import Document
from nlp_service.ingest.pdf import IngestOptions
from nlp_service.ingest.sandbox import IngestSandbox

log = logging.getLogger(__name__)


def ingest_options(settings: Settings) -> IngestOptions:
    """The ingest options from the settings: every option a setting of the same name sets."""
    return IngestOptions(**{f.name: getattr(settings, f.name) for f in dataclasses.fields(IngestOptions)
                            if f.name in Settings.model_fields})


class Analyzer:
    """The whole pipeline for one process: the ingest sandbox and the models, loaded once."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.sandbox = IngestSandbox(ingest_options(self.settings), timeout_s=self.settings.timeout_s,
                                     memory_mb=self.settings.max_memory_mb,
                                     ocr_page_timeout_s=self.settings.ocr_page_timeout_s)
        self._stages = None

    def close(self) -> None:
        self.sandbox.close()

    def __enter__(self) -> "Analyzer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def stages(self):
        if self._stages is None:
            from nlp_service.stages import Stages

            self._stages = Stages.load(self.settings)
        return self._stages

    def warm(self) -> None:
        """Load the models now, with the ingest child starting meanwhile on another core: for a process about to
        read PDFs (a worker, the service, ``nlp-service analyze``), which so waits for the longer of the two, not
        their sum. A process that only reads text (the regression gate) loads ``stages`` alone."""
        self.sandbox.prestart()
        _ = self.stages

    def versions(self) -> dict[str, str]:
        versions = {"service": __version__}
        if self._stages is not None:
            versions.update(self._stages.versions())
        return versions

    def parse(self, data: bytes) -> Document:
        return self.sandbox.parse(data)

    def analyze_bytes(self, name: str, data: bytes) -> Analysis:
        sha = hashlib.sha256(data).hexdigest()
        base = {"file": Path(name).name, "sha256": sha}
        try:
            doc = self.parse(data)
        except AnalysisError as exc:
            return Analysis(**base, document=None, area=None, checks=None, facts=None, similar_projects=None,
                            error=ErrorInfo(**exc.to_dict()), versions=self.versions())
        info = DocumentInfo(kind=doc.kind, pages=len(doc.pages), text_source=doc.text_source,
                            language=doc.language, ocr_repairs=doc.ocr_repairs,
                            active_content=doc.active_content)
        if not doc.text.strip():
            code = "needs_ocr" if doc.text_source == "none" and any(p.source == "none" for p in doc.pages) else "no_text"
            err = AnalysisError(code)
            return Analysis(**base, document=info, area=None, checks=None, facts=None, similar_projects=None,
                            error=ErrorInfo(**err.to_dict()), versions=self.versions())
        try:
            result = self.stages.run(doc, doc_id=sha)
        except Exception as exc:  # noqa: BLE001 - one document's failure never stops a batch
            log.error("analysis stage failed for a document (sha256 %s): %s", sha[:12], describe_exception(exc))
            err = AnalysisError("internal_error")
            return Analysis(**base, document=info, area=None, checks=None, facts=None, similar_projects=None,
                            error=ErrorInfo(**err.to_dict()), versions=self.versions())
        return Analysis.model_validate({**base, "document": info.model_dump(), "error": None,
                                       "versions": self.versions(), **result})

    def analyze_path(self, path: Path) -> Analysis:
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            err = AnalysisError("file_not_found")
            return Analysis(file=Path(path).name, sha256="", document=None, area=None, checks=None, facts=None,
                            similar_projects=None, error=ErrorInfo(**err.to_dict()), versions=self.versions())
        except IsADirectoryError:
            err = AnalysisError("not_pdf")
            return Analysis(file=Path(path).name, sha256="", document=None, area=None, checks=None, facts=None,
                            similar_projects=None, error=ErrorInfo(**err.to_dict()), versions=self.versions())
        return self.analyze_bytes(Path(path).name, data)
