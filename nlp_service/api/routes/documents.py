"""Documents: upload (one or many PDFs, or a zip), the triage list, one document's analysis, its
file and page images, and its corrections. Routes read the store and hand work to the runner."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Depends, File, HTTPException, UploadFile
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool

from nlp_service.api import queries
from nlp_service.api.deps import Ctx, Db, User
from nlp_service.api.routes.filters import document_filter
from nlp_service.api.schemas import (CorrectionCreate, CorrectionOut, DocumentList, Problem, UploadedDocument,
                                     UploadResponse)
from nlp_service.api.uploads import UploadEntry, unpack
from nlp_service.api.vocabulary import area_names
from nlp_service.contract import Analysis
from nlp_service.web.render import RenderError

router = APIRouter(prefix="/documents", tags=["dokumenter"])

NOT_FOUND = "Fant ikke dokumentet."


@router.post("", response_model=UploadResponse, summary="Upload and analyse one or many PDFs, or zips of PDFs",
             responses={413: {"model": Problem}})
async def upload(ctx: Ctx, user: User,
                 files: Annotated[list[UploadFile], File(description="PDF files, or .zip files of PDFs")]) -> dict:
    """Each file is analysed (in the service's analysis pool) and stored; the response holds the
    contract's object of each, in the order given. A file that cannot be read is a result with
    `error` set; it never stops the others. For hundreds of files, use `POST /api/batches`."""
    async with unpack(files, ctx.settings) as unpacked:
        results = await asyncio.gather(*(ctx.runner.analyze(entry, user.id) for entry in unpacked.entries))
    documents = [UploadedDocument(file=entry.name, document_id=r.document_id, analysis_id=r.analysis_id,
                                  cached=r.cached, analysis=Analysis.model_validate(r.analysis))
                 for entry, r in zip(unpacked.entries, results)]
    return {"documents": documents, "failed": sum(1 for d in documents if d.analysis.error is not None),
            "skipped": unpacked.skipped}


@router.get("", response_model=DocumentList, summary="The triage list, filtered and sorted")
def list_documents(s: Db, user: User, f: Annotated[queries.DocumentFilter, Depends(document_filter)]) -> dict:
    total, rows = queries.list_documents(s, f)
    corrections = queries.latest_corrections(s, [d.id for d, _ in rows])
    return {"total": total, "limit": f.limit, "offset": f.offset,
            "items": [queries.summary(d, a, corrections.get(d.id)) for d, a in rows]}


@router.get("/{document_id}", response_model=Analysis, summary="One document's analysis (the contract's object)",
            responses={404: {"model": Problem}})
def get_document(document_id: str, s: Db, user: User) -> dict:
    found = queries.document_with_analysis(s, document_id)
    if found is None:
        raise HTTPException(404, NOT_FOUND)
    doc, record = found
    queries.audit(s, user.id, "view", "document", doc.id, via=user.via)
    s.commit()
    return record.result


@router.post("/{document_id}/analyze", response_model=UploadedDocument,
             summary="Analyse the stored PDF again with the service's current models and call",
             responses={404: {"model": Problem}})
async def analyze_again(document_id: str, ctx: Ctx, user: User) -> dict:
    """A stored analysis made by the same versions is returned as it is (`cached`); after a new model
    or call, the document gets a new analysis and the list shows that one."""
    def stored() -> tuple[str, str] | None:
        with ctx.store.session() as s:
            found = queries.document_with_analysis(s, document_id)
            return (found[0].original_name, found[0].sha256) if found else None

    found = await run_in_threadpool(stored)
    if found is None or not ctx.store.file_path(found[1]).exists():
        raise HTTPException(404, NOT_FOUND)
    name, sha = found
    entry = UploadEntry(name, path=ctx.store.file_path(sha))
    r = await ctx.runner.analyze(entry, user.id)
    return {"file": name, "document_id": r.document_id, "analysis_id": r.analysis_id, "cached": r.cached,
            "analysis": Analysis.model_validate(r.analysis)}


@router.get("/{document_id}/file", summary="The uploaded PDF", response_class=FileResponse,
            responses={404: {"model": Problem}})
def get_file(document_id: str, ctx: Ctx, s: Db, user: User) -> FileResponse:
    found = queries.document_with_analysis(s, document_id)
    if found is None or not ctx.store.file_path(found[0].sha256).exists():
        raise HTTPException(404, NOT_FOUND)
    doc, _ = found
    queries.audit(s, user.id, "download", "document", doc.id)
    s.commit()
    return FileResponse(ctx.store.file_path(doc.sha256), media_type="application/pdf", filename=doc.original_name,
                        content_disposition_type="attachment")


@router.get("/{document_id}/pages/{page}.png", summary="A page of the PDF as an image",
            response_class=FileResponse, responses={404: {"model": Problem}})
async def page_image(document_id: str, page: int, ctx: Ctx, user: User) -> FileResponse:
    def lookup() -> tuple[str, int] | None:
        with ctx.store.session() as s:
            found = queries.document_with_analysis(s, document_id)
            if found is None:
                return None
            info = (found[1].result or {}).get("document") or {}
            return found[0].sha256, int(info.get("pages") or 0)

    found = await run_in_threadpool(lookup)
    if found is None or not 1 <= page <= found[1]:
        raise HTTPException(404, "Fant ikke siden.")
    sha, _ = found
    try:
        path = await run_in_threadpool(ctx.pages.render, sha, ctx.store.file_path(sha), page)
    except RenderError:
        raise HTTPException(422, "Siden kunne ikke vises som bilde.") from None
    return FileResponse(path, media_type="image/png", headers={"Cache-Control": "private, max-age=86400"})


@router.post("/{document_id}/corrections", response_model=CorrectionOut, status_code=201,
             summary="Confirm or change the area, or mark a check wrong",
             responses={404: {"model": Problem}, 422: {"model": Problem}})
def add_correction(document_id: str, body: CorrectionCreate, ctx: Ctx, s: Db, user: User) -> dict:
    try:
        correction = queries.record_correction(s, document_id, user.id, body.target, body.value, body.comment,
                                               list(area_names(ctx.settings.call)))
    except LookupError:
        raise HTTPException(404, NOT_FOUND) from None
    except queries.CorrectionRefused as exc:
        raise HTTPException(422, str(exc)) from None
    s.commit()
    return next(c for c in queries.corrections_of(s, document_id) if c["id"] == correction.id)


@router.get("/{document_id}/corrections", response_model=list[CorrectionOut],
            summary="The corrections of one document", responses={404: {"model": Problem}})
def document_corrections(document_id: str, s: Db, user: User) -> list[dict]:
    if queries.document_with_analysis(s, document_id) is None:
        raise HTTPException(404, NOT_FOUND)
    return queries.corrections_of(s, document_id)
