"""Engine, sessions and the file store. ``Store(settings)`` is the one entry point."""

from __future__ import annotations

import hashlib
import os
import threading
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from nlp_service.config import Settings, get_settings
from nlp_service.store.models import AnalysisRecord, FileBlob, StoredDocument


def is_busy(exc: BaseException) -> bool:
    """SQLite's "database is locked" (another connection writes; or this transaction's snapshot is stale)."""
    from sqlalchemy.exc import OperationalError

    orig = getattr(exc, "orig", None)
    return isinstance(exc, OperationalError) and orig is not None and "locked" in str(orig).lower()


class Store:
    def __init__(self, settings: Settings | None = None, url: str | None = None) -> None:
        self.settings = settings or get_settings()
        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.url = url or os.environ.get("NLP_SERVICE_DATABASE_URL") or self.settings.store_url
        is_sqlite = self.url.startswith("sqlite")
        #: Files are kept in the database as well as on disk when other machines read this store.
        self.files_in_database = (not is_sqlite) if self.settings.files_in_database is None \
            else self.settings.files_in_database
        self.engine = create_engine(self.url, future=True,
                                    connect_args={"timeout": 30, "check_same_thread": False} if is_sqlite else {},
                                    pool_pre_ping=True, hide_parameters=True)  # errors never carry row data
        if is_sqlite:
            @event.listens_for(self.engine, "connect")
            def _pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA foreign_keys=ON")
                cur.execute("PRAGMA busy_timeout=30000")
                cur.close()
        self.sessions = sessionmaker(self.engine, expire_on_commit=False, future=True)
        self.files_dir = self.settings.data_dir / "files"
        self._schema_ready = False
        self._schema_lock = threading.Lock()

    def create_all(self) -> None:
        """Bring the database to the current schema: a fresh one gets every table, an older one its
        migrations (one process at a time; see :func:`nlp_service.store.migrations.upgrade`)."""
        from nlp_service.store.migrations import upgrade

        with self._schema_lock:  # once per store: every batch and command asks, from many threads
            if not self._schema_ready:
                upgrade(self)

    def retrying(self, attempts: int = 8):  # noqa: ANN201 - tenacity.Retrying
        """Retry a whole unit of work when SQLite is busy (a transaction that read an older snapshot
        cannot write; the busy timeout does not help it): ``for attempt in store.retrying():
        with attempt: ...``. Other errors, and every error of a server database, pass through."""
        from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_random_exponential

        return Retrying(retry=retry_if_exception(is_busy), stop=stop_after_attempt(attempts),
                        wait=wait_random_exponential(multiplier=0.05, max=2.0), reraise=True)

    @contextmanager
    def session(self, write: bool = False) -> Session:
        """A unit of work, committed at the end. ``write=True`` for one that reads and then writes
        while others write too (batches): on SQLite it takes the write lock at the start (``BEGIN
        IMMEDIATE``, waiting for it up to the busy timeout) instead of failing at its first write
        because its snapshot went stale. Never open another session inside a ``write`` one."""
        with self.sessions() as s:
            if write and self.engine.dialect.name == "sqlite":
                s.connection().exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield s
                s.commit()
            except Exception:
                s.rollback()
                raise

    # --- files -----------------------------------------------------------------------------------

    def file_path(self, sha256: str) -> Path:
        return self.files_dir / sha256[:2] / f"{sha256}.pdf"

    def put_file(self, data: bytes) -> str:
        """Keep the bytes under a generated name (their sha256); returns the sha256."""
        sha = hashlib.sha256(data).hexdigest()
        path = self.file_path(sha)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)
        return sha

    def put_blob(self, s: Session, sha256: str, data: bytes) -> None:
        """Keep a file's bytes in the database (for workers on other machines); once per sha256."""
        if s.get(FileBlob, sha256) is None:
            with s.begin_nested():
                s.add(FileBlob(sha256=sha256, data=data))

    def read_file(self, sha256: str) -> bytes:
        """A stored file's bytes: from this machine's file area, else from the database (and then
        kept on disk for the next read). ``FileNotFoundError`` when neither has it."""
        path = self.file_path(sha256)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            if not self.files_in_database:
                raise
        with self.session() as s:
            blob = s.get(FileBlob, sha256)
            if blob is None:
                raise FileNotFoundError(sha256)
            data = bytes(blob.data)
        if hashlib.sha256(data).hexdigest() != sha256:
            raise FileNotFoundError(sha256)
        self.put_file(data)
        return data

    # --- documents and analyses --------------------------------------------------------------------

    def upsert_document(self, s: Session, name: str, data: bytes, user_id: int | None = None) -> StoredDocument:
        sha = self.put_file(data)
        if self.files_in_database:
            self.put_blob(s, sha, data)
        doc = s.scalar(select(StoredDocument).where(StoredDocument.sha256 == sha))
        if doc is None:
            doc = StoredDocument(sha256=sha, original_name=Path(name).name[:255],
                                 storage_name=str(self.file_path(sha).relative_to(self.files_dir)), size=len(data),
                                 uploaded_by=user_id)
            s.add(doc)
            s.flush()
        return doc

    @staticmethod
    def versions_key(versions: dict[str, str]) -> str:
        return ";".join(f"{k}={versions[k]}" for k in sorted(versions))[:200]

    def find_analysis(self, s: Session, document_id: str, versions: dict[str, str]) -> AnalysisRecord | None:
        return s.scalar(select(AnalysisRecord).where(AnalysisRecord.document_id == document_id,
                                                     AnalysisRecord.versions_key == self.versions_key(versions)))

    def save_analysis(self, s: Session, document: StoredDocument, result: dict) -> AnalysisRecord:
        """Store one analysis (idempotent for the same document and versions)."""
        versions = result.get("versions") or {}
        existing = self.find_analysis(s, document.id, versions)
        if existing is not None:
            return existing
        area = result.get("area") or {}
        checks = result.get("checks") or []
        probs = area.get("probabilities") or {}
        record = AnalysisRecord(
            document_id=document.id, versions_key=self.versions_key(versions), result=result,
            kind=(result.get("document") or {}).get("kind"), area_predicted=area.get("predicted"),
            area_stated=area.get("stated"), area_probability=max(probs.values()) if probs else None,
            uncertain=area.get("uncertain"), gaps=sum(1 for c in checks if c.get("status") == "gap"),
            error_code=(result.get("error") or {}).get("code"),
        )
        s.add(record)
        s.flush()
        return record

    def latest_analysis(self, s: Session, document_id: str) -> AnalysisRecord | None:
        return s.scalar(select(AnalysisRecord).where(AnalysisRecord.document_id == document_id)
                        .order_by(AnalysisRecord.id.desc()).limit(1))
