"""Earlier projects: import a CSV or JSONL file into the index the similarity search reads."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, UploadFile
from fastapi.responses import JSONResponse

from nlp_service.api import queries
from nlp_service.api.deps import Admin, Ctx
from nlp_service.api.schemas import ImportResult, Problem
from nlp_service.api.uploads import client_name

router = APIRouter(prefix="/projects", tags=["tidligere prosjekter"])

MAX_IMPORT_MB = 50


@router.post("/import", response_model=ImportResult, summary="Import earlier projects (CSV or JSONL)",
             responses={422: {"model": Problem}})
async def import_earlier_projects(ctx: Ctx, user: Admin,
                                  file: Annotated[UploadFile, File(description=".csv or .jsonl, see the README")],
                                  replace: Annotated[bool, Form(description="Replace projects with the same id")] = False):
    try:
        from nlp_service.similarity.importer import ProjectImportError
    except ImportError:  # the similarity stage is not installed in this build
        raise HTTPException(501, "Import av tidligere prosjekter er ikke tilgjengelig i denne versjonen.") from None
    name = client_name(file.filename)
    suffix = Path(name).suffix.lower()
    if suffix not in (".csv", ".jsonl"):
        raise HTTPException(422, "Filen må være .csv eller .jsonl.")
    data = await file.read(MAX_IMPORT_MB * 1024 * 1024 + 1)
    if len(data) > MAX_IMPORT_MB * 1024 * 1024:
        raise HTTPException(413, f"Filen er større enn grensen på {MAX_IMPORT_MB} MB.")
    folder = Path(tempfile.mkdtemp(prefix="import-", dir=ctx.settings.data_dir))
    try:
        path = folder / f"prosjekter{suffix}"
        path.write_bytes(data)
        try:
            added = await ctx.runner.import_projects(path, replace=replace)
        except ProjectImportError as exc:
            lines = str(exc).splitlines()
            return JSONResponse({"detail": lines[0], "problems": [ln.strip() for ln in lines[1:]]}, status_code=422)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    with ctx.store.session() as s:
        queries.audit(s, user.id, "import", "projects", name[:64], added=added, replace=replace)
    return {"added": added, "detail": f"{added} prosjekter ble lagt til i arkivet over tidligere prosjekter."}
