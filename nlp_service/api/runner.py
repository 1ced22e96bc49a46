"""The process's one Analyzer behind a small thread pool; every result goes to the store as it ends.

Routes never analyse: they hand bytes to :class:`AnalysisRunner` and await the stored result (the
event loop never blocks on a document), or start an upload batch and show its progress from the
store. The Analyzer is shared by every app in the process (one ingest sandbox, models loaded once)
and closed when the process ends.

One document's failure is a result with ``error`` set, stored like any other; it never stops the
batch it is in, and it never loses another document's result.
"""

from __future__ import annotations

import asyncio
import atexit
import hashlib
import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select, update

from nlp_service.analysis import Analyzer
from nlp_service.api.queries import audit
from nlp_service.api.uploads import UploadEntry
from nlp_service.config import Settings
from nlp_service.contract import Analysis, ErrorInfo
from nlp_service.errors import AnalysisError
from nlp_service.jobs.runner import TRANSIENT_CODES
from nlp_service.store import Store
from nlp_service.store.models import Batch, BatchItem, StoredDocument

log = logging.getLogger(__name__)

#: Batches this module runs itself start their ``source`` with this; they are resumed after a restart.
UPLOAD_SOURCE_PREFIX = "upload:"

_ANALYZER: Analyzer | None = None
_ANALYZER_LOCK = threading.Lock()
_MODELS_LOCK = threading.Lock()
_MODELS_STATE = {"state": "not_loaded"}  # not_loaded | loading | ready | error


def shared_analyzer(settings: Settings) -> Analyzer:
    """The process-wide Analyzer (made on first use, closed at exit)."""
    global _ANALYZER
    with _ANALYZER_LOCK:
        if _ANALYZER is None:
            _ANALYZER = Analyzer(settings)
            atexit.register(_ANALYZER.close)
        return _ANALYZER


def models_state() -> str:
    return _MODELS_STATE["state"]


@dataclass
class StoredResult:
    document_id: str | None
    analysis_id: int | None
    analysis: dict  # the contract's object
    cached: bool = False


def error_result(name: str, error: ErrorInfo, sha256: str = "") -> dict:
    """The contract's object for a file that never reached the Analyzer."""
    return Analysis(file=Path(name).name, sha256=sha256, document=None, area=None, checks=None, facts=None,
                    similar_projects=None, error=error).model_dump(mode="json")


class AnalysisRunner:
    def __init__(self, store: Store, settings: Settings, workers: int = 2) -> None:
        self.store = store
        self.settings = settings
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="nlp-analysis")
        self._inflight: dict[str, Future] = {}
        self._inflight_lock = threading.Lock()
        self._write_lock = threading.Lock()

    @property
    def analyzer(self) -> Analyzer:
        return shared_analyzer(self.settings)

    def close(self) -> None:
        """Stop taking work; the shared Analyzer stays for the rest of the process."""
        self.pool.shutdown(wait=False, cancel_futures=True)

    # --- models ------------------------------------------------------------------------------------

    def warm_up(self) -> Future:
        """Load the models in the pool, so that the first upload does not wait for them."""
        return self.pool.submit(self.ensure_models)

    def ensure_models(self) -> None:
        if _MODELS_STATE["state"] in ("ready", "error"):
            return
        with _MODELS_LOCK:
            if _MODELS_STATE["state"] in ("ready", "error"):
                return
            _MODELS_STATE["state"] = "loading"
            started = time.perf_counter()
            try:
                self.analyzer.warm()  # loads the models once (the ingest child starts meanwhile)
            except Exception:  # noqa: BLE001 - each document then reports internal_error
                log.exception("loading the analysis models failed")
                _MODELS_STATE["state"] = "error"
                return
            _MODELS_STATE["state"] = "ready"
            log.info("analysis models loaded in %.1f s", time.perf_counter() - started)

    # --- one document ------------------------------------------------------------------------------

    async def analyze(self, entry: UploadEntry, user_id: int | None) -> StoredResult:
        """Analyse and store one uploaded file in the pool; the event loop waits without blocking."""
        if entry.path is None:
            err = entry.error or ErrorInfo(**AnalysisError("internal_error").to_dict())
            return StoredResult(None, None, error_result(entry.name, err))
        return await asyncio.wrap_future(self.pool.submit(self._analyze_entry, entry, user_id))

    def _analyze_entry(self, entry: UploadEntry, user_id: int | None) -> StoredResult:
        return self.analyze_and_store(Path(entry.name).name, entry.read(), user_id)

    def analyze_and_store(self, name: str, data: bytes, user_id: int | None) -> StoredResult:
        """Analyse and store one file (in a worker thread); a stored result for the same bytes and
        the same versions of the service, models and call is used again, not recomputed."""
        sha = hashlib.sha256(data).hexdigest()
        self.ensure_models()
        while True:
            with self._inflight_lock:
                other = self._inflight.get(sha)
                if other is None:
                    mine: Future = Future()
                    self._inflight[sha] = mine
                    break
            other.exception()  # the same bytes are being analysed by another thread: wait, then reuse
        try:
            result = self._analyze_once(name, sha, data, user_id)
            mine.set_result(None)
            return result
        except BaseException as exc:
            mine.set_exception(exc)
            raise
        finally:
            with self._inflight_lock:
                self._inflight.pop(sha, None)

    def _analyze_once(self, name: str, sha: str, data: bytes, user_id: int | None) -> StoredResult:
        analyzer = self.analyzer
        with self.store.session() as s:
            doc = s.scalar(select(StoredDocument).where(StoredDocument.sha256 == sha))
            record = self.store.find_analysis(s, doc.id, analyzer.versions()) if doc is not None else None
            if record is not None and record.error_code not in TRANSIENT_CODES:
                audit(s, user_id, "upload", "document", doc.id, analysis=record.id, cached=True)
                return StoredResult(doc.id, record.id, {**record.result, "file": Path(name).name}, cached=True)
        result = analyzer.analyze_bytes(name, data).model_dump(mode="json")
        if (result.get("error") or {}).get("code") in TRANSIENT_CODES:
            # A failure of this run (time or memory limit, a crash), not of the document: reported, not kept.
            log.warning("analysis of a document (sha256 %s) failed: %s", sha[:12], result["error"]["code"])
            return StoredResult(None, None, result)
        with self._write_lock, self.store.session() as s:
            doc = self.store.upsert_document(s, name, data, user_id)
            record = self.store.save_analysis(s, doc, result)
            audit(s, user_id, "upload", "document", doc.id, analysis=record.id)
            if result.get("error"):
                log.info("document %s: %s", doc.id, result["error"]["code"])
            return StoredResult(doc.id, record.id, result)

    # --- earlier projects ---------------------------------------------------------------------------

    async def import_projects(self, path: Path, replace: bool = False) -> int:
        """Import earlier projects (embedding them with the loaded model) and let the running
        similarity stage see them at once."""
        return await asyncio.wrap_future(self.pool.submit(self._import_projects, path, replace))

    def _import_projects(self, path: Path, replace: bool) -> int:
        from nlp_service.similarity import ProjectIndex, default_index_dir, import_projects

        self.ensure_models()
        stages = self.analyzer.stages
        encoder = getattr(stages, "encoder", None)
        index_dir = default_index_dir(self.settings)
        added = import_projects(path, index_dir, encoder=encoder, replace=replace)
        if hasattr(stages, "index") and encoder is not None:
            stages.index = ProjectIndex.open(index_dir, encoder)
        return added

    # --- upload batches ----------------------------------------------------------------------------

    def start_batch(self, entries: list[UploadEntry], name: str, user_id: int | None, source: str = "web") -> str:
        """Keep the files, record a batch with one item each, and analyse the items in the pool.
        Returns the batch id; progress is read from the store (:func:`batch_progress`)."""
        with self.store.session() as s:
            batch = Batch(name=name[:255] or "Opplasting", source=f"{UPLOAD_SOURCE_PREFIX}{source}"[:1000],
                          created_by=user_id, status="running")
            s.add(batch)
            s.flush()
            taken: set[str] = set()
            for entry in entries:
                item = BatchItem(batch_id=batch.id, file_name=_unique_name(entry.name, taken))
                if entry.path is not None:
                    item.sha256 = self.store.put_file(entry.read())
                else:
                    err = entry.error or ErrorInfo(**AnalysisError("internal_error").to_dict())
                    item.status, item.error_code, item.error_message = "failed", err.code, err.message
                s.add(item)
            s.flush()
            batch_id = batch.id
            pending = [i.id for i in batch.items if i.status == "pending"]
            if not pending:
                batch.status = "done"
            audit(s, user_id, "batch_create", "batch", batch_id, files=len(entries))
        for item_id in pending:
            self.pool.submit(self._run_item, item_id, user_id)
        return batch_id

    def resume(self) -> int:
        """Queue again the unfinished items of upload batches (after a restart); returns how many."""
        with self.store.session() as s:
            rows = s.execute(select(BatchItem.id, Batch.created_by).join(Batch, Batch.id == BatchItem.batch_id)
                             .where(Batch.source.startswith(UPLOAD_SOURCE_PREFIX),
                                    BatchItem.status.in_(("pending", "running")))).all()
        for item_id, user_id in rows:
            self.pool.submit(self._run_item, item_id, user_id)
        return len(rows)

    def _run_item(self, item_id: int, user_id: int | None) -> None:
        started = time.perf_counter()
        with self.store.session() as s:
            item = s.get(BatchItem, item_id)
            if item is None or item.status not in ("pending", "running"):
                return
            item.status, item.attempts = "running", item.attempts + 1
            name, sha, batch_id = item.file_name, item.sha256, item.batch_id
        try:
            data = self.store.file_path(sha).read_bytes()
            stored = self.analyze_and_store(Path(name).name, data, user_id)
            error = stored.analysis.get("error")
            values = dict(status="failed" if error else "done", document_id=stored.document_id,
                          analysis_id=stored.analysis_id, error_code=(error or {}).get("code"),
                          error_message=(error or {}).get("message"))
        except Exception as exc:  # noqa: BLE001 - one item's failure never stops the batch
            # The type only: a database error's text would carry the file's name.
            log.error("batch item %s failed: %s", item_id, type(exc).__name__)
            err = AnalysisError("internal_error")
            values = dict(status="failed", error_code=err.code, error_message=err.message)
        with self._write_lock, self.store.session() as s:
            s.execute(update(BatchItem).where(BatchItem.id == item_id)
                      .values(seconds=round(time.perf_counter() - started, 3), **values))
            left = s.scalar(select(func.count()).select_from(BatchItem).where(
                BatchItem.batch_id == batch_id, BatchItem.status.in_(("pending", "running"))))
            if not left:
                s.execute(update(Batch).where(Batch.id == batch_id).values(status="done"))


def _unique_name(name: str, taken: set[str]) -> str:
    """The name, or ``name (2)`` ... when the same name came twice in one upload."""
    base = (name or "uten-navn.pdf")[:900]
    candidate, n = base, 1
    while candidate.casefold() in taken:
        n += 1
        stem, dot, ext = base.rpartition(".")
        candidate = f"{stem} ({n}).{ext}" if dot else f"{base} ({n})"
    taken.add(candidate.casefold())
    return candidate
