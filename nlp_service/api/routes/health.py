"""GET /api/health: for monitoring; no login."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from nlp_service import __version__
from nlp_service.api.deps import Ctx
from nlp_service.api.runner import models_state
from nlp_service.api.schemas import Health

router = APIRouter(tags=["drift"])


@router.get("/health", response_model=Health, summary="Is the service up",
            responses={503: {"model": Health, "description": "The database cannot be reached."}})
def health(ctx: Ctx) -> JSONResponse:
    try:
        with ctx.store.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        database = "ok"
    except Exception:  # noqa: BLE001 - reported, not raised
        database = "error"
    models = models_state()
    ok = database == "ok" and models != "error"
    body = Health(status="ok" if ok else "degraded", version=__version__, database=database, models=models)
    return JSONResponse(body.model_dump(), status_code=200 if database == "ok" else 503)
