"""Uploaded files to entries the runner can analyse: PDFs as they came, zips unpacked by the safe
extractor (:mod:`nlp_service.jobs.zipsafe`), each file capped at the ingest size limit.

The entries lie in a temporary folder of the data folder while the request lasts, so a large
upload is never held in memory at once.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from fastapi import UploadFile
from starlette.concurrency import run_in_threadpool

from nlp_service.config import Settings
from nlp_service.contract import ErrorInfo
from nlp_service.errors import AnalysisError
from nlp_service.jobs.zipsafe import ZipLimits, ZipRefused, extract_pdfs

CHUNK = 1 << 20
#: Limits on one uploaded zip (the ingest limits apply to each PDF in it as well).
MAX_ZIP_FILES = 2000
MAX_ZIP_TOTAL_MB = 2048.0


@dataclass
class UploadEntry:
    """One file of an upload: where its bytes lie, or the error that kept them out."""

    name: str
    path: Path | None = None
    error: ErrorInfo | None = None

    def read(self) -> bytes:
        assert self.path is not None
        return self.path.read_bytes()


@dataclass
class Unpacked:
    entries: list[UploadEntry] = field(default_factory=list)
    skipped: int = 0  # files in zips that are not PDFs


def client_name(filename: str | None) -> str:
    """The file's own name, without any folders a client sent along."""
    raw = (filename or "").strip()
    name = PureWindowsPath(PurePosixPath(raw).name).name
    return name[:255] or "uten-navn.pdf"


def _is_zip(name: str, head: bytes) -> bool:
    """A zip by its first bytes, or by its name unless the bytes say PDF."""
    return head.startswith(b"PK\x03\x04") or (name.lower().endswith(".zip") and not head.startswith(b"%PDF"))


async def _copy_capped(upload: UploadFile, dest: Path, limit: int) -> bool:
    """Copy the upload to ``dest``; False (and nothing kept) when it is larger than ``limit``."""
    written = 0
    with open(dest, "wb") as out:
        while chunk := await upload.read(CHUNK):
            written += len(chunk)
            if written > limit:
                break
            out.write(chunk)
    if written > limit:
        dest.unlink(missing_ok=True)
        return False
    return True


@contextlib.asynccontextmanager
async def unpack(files: list[UploadFile], settings: Settings) -> AsyncIterator[Unpacked]:
    tmp_root = Path(settings.data_dir) / "tmp"
    tmp_root.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="upload-", dir=tmp_root))
    max_file = int(settings.max_file_mb * 1024 * 1024)
    too_large = ErrorInfo(**AnalysisError("too_large", limit=f"{settings.max_file_mb:g}").to_dict())
    try:
        out = Unpacked()
        for upload in files:
            name = client_name(upload.filename)
            head = await upload.read(4)
            await upload.seek(0)
            if _is_zip(name, head):
                zip_path = folder / f"{uuid.uuid4().hex}.zip"
                if not await _copy_capped(upload, zip_path, int(MAX_ZIP_TOTAL_MB * 1024 * 1024)):
                    out.entries.append(UploadEntry(name, error=ErrorInfo(code="zip_too_large", message=(
                        f"Zip-filen er større enn grensen på {MAX_ZIP_TOTAL_MB:g} MB. Del den opp i flere zip-filer."))))
                    continue
                limits = ZipLimits(max_files=MAX_ZIP_FILES, max_total_mb=MAX_ZIP_TOTAL_MB,
                                   max_file_mb=settings.max_file_mb)
                target = folder / uuid.uuid4().hex
                try:
                    contents = await run_in_threadpool(extract_pdfs, zip_path, target, limits)
                except ZipRefused as exc:
                    out.entries.append(UploadEntry(name, error=ErrorInfo(**exc.to_dict())))
                    continue
                finally:
                    zip_path.unlink(missing_ok=True)
                out.skipped += contents.skipped
                for entry in contents.entries:
                    out.entries.append(UploadEntry(entry.name, path=entry.path, error=entry.error))
                continue
            dest = folder / uuid.uuid4().hex
            if await _copy_capped(upload, dest, max_file):
                out.entries.append(UploadEntry(name, path=dest))
            else:
                out.entries.append(UploadEntry(name, error=too_large))
        yield out
    finally:
        await run_in_threadpool(shutil.rmtree, folder, True)
