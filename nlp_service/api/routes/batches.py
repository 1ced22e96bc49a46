"""Batches: many files (or zips) at once, run in the background by the bulk triage
(:func:`nlp_service.jobs.start_batch`); progress from the store."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, UploadFile
from sqlalchemy import case, func, select
from starlette.concurrency import run_in_threadpool

from nlp_service.api import queries
from nlp_service.api.deps import Ctx, Db, User
from nlp_service.api.schemas import BatchCreated, BatchOut, BatchProgress, Problem
from nlp_service.api.uploads import unpack
from nlp_service.store.models import Batch, BatchItem

router = APIRouter(prefix="/batches", tags=["bunker"])


async def start_background_batch(ctx, files: list[UploadFile], name: str, user_id: int) -> str:  # noqa: ANN001
    """Unpack the upload and hand it to the bulk triage; raises HTTPException(422) when nothing in it
    can be used."""
    from nlp_service.jobs import runner as jobs

    async with unpack(files, ctx.settings) as unpacked:
        label = name.strip() or (files[0].filename if len(files) == 1 and files[0].filename else "Opplasting")
        try:  # start_batch copies the files into the store before it returns
            batch_id = await run_in_threadpool(jobs.start_batch, ctx.store, unpacked.entries, label, user_id)
        except ValueError as exc:
            raise HTTPException(422, getattr(exc, "message", None) or str(exc)) from None
    with ctx.store.session() as s:
        queries.audit(s, user_id, "batch_create", "batch", batch_id, files=len(unpacked.entries))
    return batch_id


@router.post("", response_model=BatchCreated, status_code=202, summary="Start a batch of PDFs or zips",
             responses={413: {"model": Problem}, 422: {"model": Problem}})
async def create_batch(ctx: Ctx, user: User,
                       files: Annotated[list[UploadFile], File(description="PDF files, or .zip files of PDFs")],
                       name: Annotated[str, Form(description="A name for the batch")] = "") -> dict:
    """The files are kept and queued at once and analysed by the bulk triage's worker pool; follow
    `progress_url` until `status` is `done`. Each document's result is then read with
    `GET /api/documents/{id}` (the items name their documents), or listed with `?batch=`."""
    batch_id = await start_background_batch(ctx, files, name, user.id)
    return {"batch_id": batch_id, "progress_url": f"/api/batches/{batch_id}"}


@router.get("", response_model=list[BatchOut], summary="The latest batches")
def list_batches(s: Db, user: User, limit: int = 50) -> list[dict]:
    counts = (select(BatchItem.batch_id, func.count().label("total"),
                     func.sum(case((BatchItem.status.in_(("done", "failed")), 1), else_=0)).label("finished"))
              .group_by(BatchItem.batch_id).subquery())
    rows = s.execute(select(Batch, counts.c.total, counts.c.finished).outerjoin(counts, counts.c.batch_id == Batch.id)
                     .order_by(Batch.created_at.desc()).limit(max(1, min(limit, 500)))).all()
    return [{"id": b.id, "name": b.name, "status": b.status, "created_at": b.created_at, "total": total or 0,
             "finished": int(finished or 0)} for b, total, finished in rows]


@router.get("/{batch_id}", response_model=BatchProgress, summary="A batch's progress",
            responses={404: {"model": Problem}})
def get_batch(batch_id: str, ctx: Ctx, user: User) -> dict:
    progress = queries.batch_view(ctx.store, batch_id)
    if progress is None:
        raise HTTPException(404, "Fant ikke bunken.")
    return progress
