"""The store as the API and the pages use it: the triage list with its filters, one document, the
corrections (saved and read), a batch's progress and the audit log. Nothing is analysed here."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from nlp_service.jobs.runner import batch_progress
from nlp_service.store.models import AnalysisRecord, AuditEntry, Batch, BatchItem, Correction, StoredDocument, User


def audit(s: Session, user_id: int | None, action: str, object_type: str, object_id: str, **detail: object) -> None:
    """One line of the audit log: who did what to which object (ids only, never document content)."""
    s.add(AuditEntry(user_id=user_id, action=action, object_type=object_type, object_id=str(object_id)[:64],
                     detail=detail))


SORT_KEYS = ("uploaded", "file", "area", "probability", "gaps", "uncertain")


@dataclass
class DocumentFilter:
    area: str | None = None  # the predicted area
    has_gaps: bool | None = None
    min_gaps: int | None = None
    uncertain: bool | None = None
    mismatch: bool | None = None  # the content reads as another area than the one stated
    failed: bool | None = None  # the document could not be read
    kind: str | None = None
    batch: str | None = None
    sort: str = "uploaded"
    descending: bool = True
    limit: int = 100
    offset: int = 0

    def as_params(self) -> dict[str, str]:
        """The filter as query parameters (for links: sorting, paging, exports)."""
        out: dict[str, str] = {}
        for key in ("area", "kind", "batch", "min_gaps"):
            value = getattr(self, key)
            if value not in (None, ""):
                out[key] = str(value)
        for key in ("has_gaps", "uncertain", "mismatch", "failed"):
            value = getattr(self, key)
            if value is not None:
                out[key] = "true" if value else "false"
        return out


def _latest_ids():
    return (select(AnalysisRecord.document_id, func.max(AnalysisRecord.id).label("analysis_id"))
            .group_by(AnalysisRecord.document_id).subquery())


def _filtered(f: DocumentFilter):
    latest = _latest_ids()
    q = (select(StoredDocument, AnalysisRecord)
         .join(latest, latest.c.document_id == StoredDocument.id)
         .join(AnalysisRecord, AnalysisRecord.id == latest.c.analysis_id))
    if f.area:
        q = q.where(AnalysisRecord.area_predicted == f.area)
    if f.has_gaps is not None:
        q = q.where(AnalysisRecord.gaps > 0 if f.has_gaps else AnalysisRecord.gaps == 0)
    if f.min_gaps is not None:
        q = q.where(AnalysisRecord.gaps >= f.min_gaps)
    if f.uncertain is not None:
        q = q.where(AnalysisRecord.uncertain.is_(True) if f.uncertain
                    else or_(AnalysisRecord.uncertain.is_(False), AnalysisRecord.uncertain.is_(None)))
    if f.mismatch is not None:
        differs = and_(AnalysisRecord.area_predicted.is_not(None), AnalysisRecord.area_stated.is_not(None),
                       AnalysisRecord.area_predicted != AnalysisRecord.area_stated)
        q = q.where(differs if f.mismatch else ~differs)
    if f.failed is not None:
        q = q.where(AnalysisRecord.error_code.is_not(None) if f.failed else AnalysisRecord.error_code.is_(None))
    if f.kind:
        q = q.where(AnalysisRecord.kind == f.kind)
    if f.batch:
        q = q.where(StoredDocument.id.in_(select(BatchItem.document_id).where(BatchItem.batch_id == f.batch)))
    return q


def list_documents(s: Session, f: DocumentFilter) -> tuple[int, list[tuple[StoredDocument, AnalysisRecord]]]:
    q = _filtered(f)
    total = s.scalar(select(func.count()).select_from(q.subquery()))
    column = {
        "uploaded": StoredDocument.uploaded_at, "file": func.lower(StoredDocument.original_name),
        "area": AnalysisRecord.area_predicted, "probability": AnalysisRecord.area_probability,
        "gaps": AnalysisRecord.gaps, "uncertain": AnalysisRecord.uncertain,
    }.get(f.sort, StoredDocument.uploaded_at)
    order = column.desc().nulls_last() if f.descending else column.asc().nulls_last()
    rows = s.execute(q.order_by(order, StoredDocument.uploaded_at.desc(), StoredDocument.id)
                     .limit(f.limit).offset(f.offset)).all()
    return total, [(d, a) for d, a in rows]


def latest_corrections(s: Session, document_ids: list[str]) -> dict[str, dict[str, Correction]]:
    """The latest correction of each target (area, check id) of each document."""
    out: dict[str, dict[str, Correction]] = {}
    if not document_ids:
        return out
    for c in s.scalars(select(Correction).where(Correction.document_id.in_(document_ids)).order_by(Correction.id)):
        out.setdefault(c.document_id, {})[c.target] = c
    return out


def summary(doc: StoredDocument, record: AnalysisRecord, corrections: dict | None = None) -> dict:
    """One row of the triage list (API, pages and exports)."""
    result = record.result or {}
    info = result.get("document") or {}
    area = result.get("area") or {}
    checks = result.get("checks") or []
    facts = result.get("facts") or {}
    error = result.get("error") or {}
    corrected = (corrections or {}).get("area")
    return {
        "id": doc.id, "file": doc.original_name, "sha256": doc.sha256, "size": doc.size,
        "uploaded_at": doc.uploaded_at, "analysis_id": record.id, "analyzed_at": record.created_at,
        "kind": record.kind, "pages": info.get("pages"), "language": info.get("language"),
        "text_source": info.get("text_source"),
        "area_predicted": record.area_predicted, "area_stated": record.area_stated,
        "matches_stated": area.get("matches_stated"), "area_probability": record.area_probability,
        "uncertain": record.uncertain, "gaps": record.gaps,
        "gap_checks": [c["id"] for c in checks if c.get("status") == "gap"],
        "uncertain_checks": [c["id"] for c in checks if c.get("status") == "uncertain"],
        "applicant": facts.get("applicant"), "requested_nok": facts.get("requested_nok"),
        "own_contribution_nok": facts.get("own_contribution_nok"), "participants": facts.get("participants"),
        "corrected_area": corrected.corrected_value if corrected is not None else None,
        "error_code": error.get("code"), "error_message": error.get("message"),
    }


def document_with_analysis(s: Session, document_id: str) -> tuple[StoredDocument, AnalysisRecord] | None:
    doc = s.get(StoredDocument, document_id)
    if doc is None:
        return None
    record = s.scalar(select(AnalysisRecord).where(AnalysisRecord.document_id == doc.id)
                      .order_by(AnalysisRecord.id.desc()).limit(1))
    if record is None:
        return None
    return doc, record


def corrections_of(s: Session, document_id: str | None = None, limit: int = 1000, offset: int = 0) -> list[dict]:
    q = (select(Correction, User.username, StoredDocument.original_name)
         .join(User, User.id == Correction.user_id)
         .join(StoredDocument, StoredDocument.id == Correction.document_id))
    if document_id is not None:
        q = q.where(Correction.document_id == document_id)
    rows = s.execute(q.order_by(Correction.id.desc()).limit(limit).offset(offset)).all()
    return [{"id": c.id, "document_id": c.document_id, "file": name, "analysis_id": c.analysis_id,
             "user": username, "target": c.target, "service_value": c.service_value,
             "corrected_value": c.corrected_value, "comment": c.comment, "created_at": c.created_at}
            for c, username, name in rows]


CHECK_VALUES = ("wrong", "met", "gap", "uncertain", "not_applicable")


def validate_correction(record: AnalysisRecord, target: str, value: str, comment: str,
                        areas: list[str]) -> tuple[str | None, str | None]:
    """(the service's value, an error in Norwegian or None) for a correction of ``record``."""
    result = record.result or {}
    if result.get("error"):
        return None, "Dokumentet kunne ikke leses, så det er ingen vurdering å korrigere."
    if target == "area":
        service = (result.get("area") or {}).get("predicted")
        if value not in areas:
            return service, f"Ukjent satsingsområde «{value}». Velg et av: {', '.join(areas)}."
        return service, None
    check = next((c for c in result.get("checks") or [] if c.get("id") == target), None)
    if check is None:
        return None, f"Dokumentet har ingen kontroll «{target}»."
    if value not in CHECK_VALUES:
        return check.get("status"), "Ugyldig verdi for en kontroll."
    if value == "wrong" and not comment.strip():
        return check.get("status"), "Skriv en kommentar om hva som er feil i kontrollen."
    return check.get("status"), None


class CorrectionRefused(ValueError):
    """The correction cannot be saved; the message (Norwegian) says why."""


def record_correction(s: Session, document_id: str, user_id: int, target: str, value: str, comment: str,
                      areas: list[str]) -> Correction:
    """Save a caseworker's correction of the document's latest analysis, and audit it."""
    found = document_with_analysis(s, document_id)
    if found is None:
        raise LookupError(document_id)
    _, record = found
    target, value, comment = target.strip(), value.strip(), comment.strip()
    service_value, problem = validate_correction(record, target, value, comment, areas)
    if problem:
        raise CorrectionRefused(problem)
    if len(comment) > 4000:
        raise CorrectionRefused("Kommentaren er for lang (høyst 4000 tegn).")
    correction = Correction(document_id=document_id, analysis_id=record.id, user_id=user_id, target=target[:60],
                            service_value=service_value, corrected_value=value[:40], comment=comment)
    s.add(correction)
    s.flush()
    audit(s, user_id, "correct", "document", document_id, correction=correction.id, target=target[:60])
    return correction


def batch_view(store, batch_id: str) -> dict | None:  # noqa: ANN001 - a nlp_service.store.Store
    """A batch's progress (counts and status from :func:`nlp_service.jobs.batch_progress`, whichever
    runner runs it) and the state of each of its files, from the store."""
    progress = batch_progress(store, batch_id)
    if progress is None:
        return None
    with store.session() as s:
        batch = s.get(Batch, batch_id)
        items = [{"file_name": i.file_name, "status": i.status, "document_id": i.document_id,
                  "error_code": i.error_code, "error_message": i.error_message, "seconds": i.seconds}
                 for i in s.scalars(select(BatchItem).where(BatchItem.batch_id == batch_id).order_by(BatchItem.id))]
        created_at, background = batch.created_at, not batch.source.startswith("upload:")
    return {**progress, "id": batch_id, "created_at": created_at, "background": background,
            "finished": progress["done"] + progress["failed"], "items": items}
