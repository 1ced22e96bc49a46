"""Request and response bodies of the API (beside the contract's Analysis, which is returned as is)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field

from nlp_service.contract import Analysis


def _utc(value: dt.datetime) -> dt.datetime:
    """SQLite gives back times without their zone; they were stored in UTC."""
    return value.replace(tzinfo=dt.timezone.utc) if value.tzinfo is None else value


Time = Annotated[dt.datetime, AfterValidator(_utc)]


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    version: str
    database: Literal["ok", "error"]
    models: Literal["not_loaded", "loading", "ready", "error"]


class Problem(BaseModel):
    """Every error of the API: a sentence in Norwegian for a person, and details where they help."""

    detail: str
    problems: list[str] = Field(default_factory=list)


class UserOut(BaseModel):
    id: int
    username: str
    role: str
    active: bool
    created_at: Time


class UserCreate(BaseModel):
    username: str
    password: str
    role: Literal["saksbehandler", "evaluator", "admin"] = "saksbehandler"


class UserUpdate(BaseModel):
    role: Literal["saksbehandler", "evaluator", "admin"] | None = None
    active: bool | None = None
    password: str | None = None


class TokenOut(BaseModel):
    id: int
    name: str
    created_at: Time
    last_used_at: Time | None
    revoked: bool


class TokenCreate(BaseModel):
    name: str = Field(description="What the token is for, e.g. the name of the integration.")


class TokenCreated(TokenOut):
    token: str = Field(description="Send as 'Authorization: Bearer <token>'. Shown only this once.")


class DocumentSummary(BaseModel):
    id: str
    file: str
    sha256: str
    size: int
    uploaded_at: Time
    analysis_id: int
    analyzed_at: Time
    kind: str | None
    pages: int | None
    language: str | None
    text_source: str | None
    area_predicted: str | None
    area_stated: str | None
    matches_stated: bool | None
    area_probability: float | None
    uncertain: bool | None
    gaps: int
    gap_checks: list[str]
    uncertain_checks: list[str]
    applicant: str | None
    requested_nok: int | None
    own_contribution_nok: int | None
    participants: int | None
    corrected_area: str | None
    error_code: str | None
    error_message: str | None


class DocumentList(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[DocumentSummary]


class UploadedDocument(BaseModel):
    file: str
    document_id: str | None = Field(description="Null when the file was refused before analysis (too large, "
                                                "a bad entry in a zip).")
    analysis_id: int | None
    cached: bool = Field(description="True when the same bytes were analysed before by the same versions.")
    analysis: Analysis


class UploadResponse(BaseModel):
    documents: list[UploadedDocument]
    failed: int = Field(description="How many of the documents have `analysis.error` set.")
    skipped: int = Field(0, description="Files inside zip archives that are not PDFs, not analysed.")


class BatchCreated(BaseModel):
    batch_id: str
    progress_url: str


class BatchItemOut(BaseModel):
    file_name: str
    status: str
    document_id: str | None
    error_code: str | None
    error_message: str | None
    seconds: float | None


class BatchProgress(BaseModel):
    id: str
    name: str
    status: str = Field(description="queued, running, done, or interrupted (resumed when the service starts)")
    created_at: Time
    background: bool = Field(description="True: run by the bulk triage's worker pool; false: an upload "
                                         "analysed by the service's own analysis pool")
    total: int
    finished: int
    pending: int
    running: int
    done: int
    failed: int
    items: list[BatchItemOut]


class BatchOut(BaseModel):
    id: str
    name: str
    status: str
    created_at: Time
    total: int
    finished: int


class CorrectionCreate(BaseModel):
    target: str = Field(description='"area", or the id of a check in the analysis')
    value: str = Field(description='For "area": the right area ("1".."5"), the predicted one to confirm it. '
                                   'For a check: "wrong" (then a comment is needed), or the right status '
                                   '("met", "gap", "uncertain", "not_applicable").')
    comment: str = ""


class CorrectionOut(BaseModel):
    id: int
    document_id: str
    file: str
    analysis_id: int
    user: str
    target: str
    service_value: str | None
    corrected_value: str
    comment: str
    created_at: Time


class ImportResult(BaseModel):
    added: int
    detail: str


class AuditOut(BaseModel):
    id: int
    user: str | None
    action: str
    object_type: str
    object_id: str
    at: Time
    detail: dict
