"""The analysis contract (../shared/contract.md): one document's JSON object, as pydantic models.

The CLI, the bulk triage, the API, the exports and the evaluation all read this one object.
Fields may be added; the contract's fields keep their names and meanings.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

AreaId = str
DocumentKind = Literal["application", "status_report", "annual_report", "accounts", "other"]
TextSource = Literal["text_layer", "ocr", "none"]
Language = Literal["nb", "nn", "en", "other"]
CheckStatus = Literal["met", "gap", "uncertain", "not_applicable"]
ApplicantType = Literal["kommune", "fylkeskommune", "bydel", "other"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Model):
    page: int = Field(ge=1, description="1-based page number")
    text: str


class DocumentInfo(_Model):
    kind: DocumentKind
    pages: int = Field(ge=0)
    text_source: TextSource
    language: Language
    ocr_repairs: int = Field(default=0, ge=0, description="Words repaired from OCR damage (æ/ø/å).")
    active_content: list[str] = Field(
        default_factory=list,
        description="Active content found in the PDF (JavaScript, launch actions, embedded files); never run.",
    )


class AreaResult(_Model):
    predicted: AreaId | None
    stated: AreaId | None
    matches_stated: bool | None
    probabilities: dict[AreaId, float]
    uncertain: bool
    evidence: list[Evidence]


class CheckResult(_Model):
    id: str
    status: CheckStatus
    message: str
    rule: str
    evidence: list[Evidence] = Field(default_factory=list)


class Facts(_Model):
    applicant: str | None = None
    applicant_type: ApplicantType | None = None
    participants: int | None = None
    own_contribution_nok: int | None = None
    requested_nok: int | None = None
    duration_years: int | None = None
    partners: list[str] = Field(default_factory=list)


class SimilarProject(_Model):
    id: str
    title: str
    applicant: str
    year: int | None
    area: AreaId | None
    score: float = Field(ge=0.0, le=1.0)
    same_applicant: bool = False
    very_similar: bool = False


class ErrorInfo(_Model):
    code: str
    message: str


class Analysis(_Model):
    file: str
    sha256: str
    document: DocumentInfo | None
    area: AreaResult | None
    checks: list[CheckResult] | None
    facts: Facts | None
    similar_projects: list[SimilarProject] | None
    duplicates: list[dict] | None = Field(
        default=None, description="Near-duplicates among stored or same-batch documents."
    )
    error: ErrorInfo | None = None
    versions: dict[str, str] = Field(default_factory=dict, description="Service, model and call versions.")


def json_schema() -> dict:
    """The JSON Schema of one document's object, as kept in ``docs/analysis.schema.json``."""
    return Analysis.model_json_schema()
