"""The triage list (and, for evaluators, the corrections) as CSV or XLSX."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import Response

from nlp_service.api import exports, queries
from nlp_service.api.deps import Db, Evaluator, User
from nlp_service.api.routes.filters import document_filter

router = APIRouter(prefix="/exports", tags=["eksport"])

MEDIA = {"csv": "text/csv; charset=utf-8",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
MAX_ROWS = 100_000


def _file(data: bytes, stem: str, fmt: str) -> Response:
    name = f"{stem}-{dt.date.today().isoformat()}.{fmt}"
    return Response(data, media_type=MEDIA[fmt], headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _check(fmt: str) -> None:
    if fmt not in MEDIA:
        raise HTTPException(404, "Ukjent format. Bruk .csv eller .xlsx.")


@router.get("/documents.{fmt}", summary="The triage list as CSV or XLSX (the list's filters apply)",
            response_class=Response, responses={200: {"content": {m: {} for m in MEDIA.values()}}})
def export_documents(fmt: str, s: Db, user: User,
                     f: Annotated[queries.DocumentFilter, Depends(document_filter)]) -> Response:
    _check(fmt)
    f.limit, f.offset = MAX_ROWS, 0
    _, rows = queries.list_documents(s, f)
    corrections = queries.latest_corrections(s, [d.id for d, _ in rows])
    summaries = [queries.summary(d, a, corrections.get(d.id)) for d, a in rows]
    data = (exports.to_csv(summaries, exports.DOCUMENT_COLUMNS) if fmt == "csv"
            else exports.to_xlsx(summaries, exports.DOCUMENT_COLUMNS, "Dokumenter"))
    queries.audit(s, user.id, "export", "documents", fmt, rows=len(summaries), filters=f.as_params())
    s.commit()
    return _file(data, "dokumenter", fmt)


@router.get("/corrections.{fmt}", summary="Every correction as CSV or XLSX (evaluators)",
            response_class=Response, responses={200: {"content": {m: {} for m in MEDIA.values()}}})
def export_corrections(fmt: str, s: Db, user: Evaluator) -> Response:
    _check(fmt)
    rows = queries.corrections_of(s, None, limit=MAX_ROWS)
    data = (exports.to_csv(rows, exports.CORRECTION_COLUMNS) if fmt == "csv"
            else exports.to_xlsx(rows, exports.CORRECTION_COLUMNS, "Korreksjoner"))
    queries.audit(s, user.id, "export", "corrections", fmt, rows=len(rows))
    s.commit()
    return _file(data, "korreksjoner", fmt)
