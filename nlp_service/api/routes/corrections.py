"""All corrections, for the evaluation of the service (evaluators and administrators)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from nlp_service.api import queries
from nlp_service.api.deps import Db, Evaluator
from nlp_service.api.schemas import CorrectionOut

router = APIRouter(prefix="/corrections", tags=["korreksjoner"])


@router.get("", response_model=list[CorrectionOut], summary="Every correction, newest first")
def list_corrections(s: Db, user: Evaluator, limit: Annotated[int, Query(ge=1, le=10000)] = 1000,
                     offset: Annotated[int, Query(ge=0)] = 0) -> list[dict]:
    return queries.corrections_of(s, None, limit=limit, offset=offset)
