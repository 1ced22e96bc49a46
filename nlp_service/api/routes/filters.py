"""The triage list's filters as query parameters, shared by the list, the exports and the pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import HTTPException, Query

from nlp_service.api.queries import SORT_KEYS, DocumentFilter

_TRUE = {"true", "1", "ja", "yes", "on"}
_FALSE = {"false", "0", "nei", "no", "off"}


def _flag(name: str, value: str | None) -> bool | None:
    if value is None or value.strip() == "":
        return None
    v = value.strip().lower()
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    raise HTTPException(422, f"Ugyldig verdi for «{name}»: bruk true eller false.")


def _int(name: str, value: str | None, low: int, high: int) -> int | None:
    if value is None or value.strip() == "":
        return None
    try:
        n = int(value)
    except ValueError:
        raise HTTPException(422, f"Ugyldig verdi for «{name}»: må være et heltall.") from None
    if not low <= n <= high:
        raise HTTPException(422, f"Ugyldig verdi for «{name}»: må være mellom {low} og {high}.")
    return n


def document_filter(
    area: Annotated[str | None, Query(description="Predicted area (satsingsområde), e.g. 2")] = None,
    has_gaps: Annotated[str | None, Query(description="true: at least one check is a gap; false: none")] = None,
    min_gaps: Annotated[str | None, Query(description="At least this many gaps")] = None,
    uncertain: Annotated[str | None, Query(description="true: the area prediction is uncertain")] = None,
    mismatch: Annotated[str | None, Query(description="true: the content reads as another area than the stated one")] = None,
    failed: Annotated[str | None, Query(description="true: the document could not be read (error set)")] = None,
    kind: Annotated[str | None, Query(description="application, status_report, annual_report, accounts, other")] = None,
    batch: Annotated[str | None, Query(description="Only the documents of this batch")] = None,
    sort: Annotated[str, Query(description=f"One of: {', '.join(SORT_KEYS)}")] = "uploaded",
    order: Annotated[str, Query(description="asc or desc")] = "desc",
    limit: Annotated[str | None, Query(description="Page size, 1-1000 (default 100)")] = None,
    offset: Annotated[str | None, Query(description="Rows to skip")] = None,
) -> DocumentFilter:
    if sort not in SORT_KEYS:
        raise HTTPException(422, f"Ugyldig sortering «{sort}». Bruk en av: {', '.join(SORT_KEYS)}.")
    if order not in ("asc", "desc"):
        raise HTTPException(422, "Ugyldig rekkefølge: bruk asc eller desc.")
    return DocumentFilter(
        area=(area or "").strip() or None, has_gaps=_flag("has_gaps", has_gaps),
        min_gaps=_int("min_gaps", min_gaps, 0, 1000), uncertain=_flag("uncertain", uncertain),
        mismatch=_flag("mismatch", mismatch), failed=_flag("failed", failed), kind=(kind or "").strip() or None,
        batch=(batch or "").strip() or None, sort=sort, descending=order == "desc",
        limit=_int("limit", limit, 1, 1000) or 100, offset=_int("offset", offset, 0, 10**9) or 0,
    )
