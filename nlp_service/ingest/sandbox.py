"""Run the PDF parser in a child process with a time limit and a memory limit.

A hostile PDF may hang a parser or inflate to gigabytes; it must cost one error, not the caller.
The child is long-lived (libraries and the lexicon load once) and replaced after a timeout or a
crash. It runs in its own process group, so the tesseract processes it starts die with it.

The time limit is per document; a scan gets more (``ocr_page_timeout_s`` a page, at most the limit
again), since the child says how many pages it sends to OCR before it starts on them. A fresh child's
start-up (``STARTUP_TIMEOUT_S``) comes on top; the worker pool's watchdog allows for all of it
(:meth:`nlp_service.jobs.runner.Limits.from_settings`).
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import signal
import threading
import time
from dataclasses import asdict
from multiprocessing.connection import Connection

from nlp_service.errors import AnalysisError
from nlp_service.ingest.document import Document
from nlp_service.ingest.pdf import IngestOptions

log = logging.getLogger(__name__)


def _child_main(conn: Connection, memory_mb: int) -> None:
    os.setpgid(0, 0)
    if memory_mb > 0:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from nlp_service.ingest.ocr import set_ocr_listener
    from nlp_service.ingest.pdf import parse_pdf

    set_ocr_listener(lambda pages: conn.send(("ocr", pages)))

    try:  # load once, not per document: the PDF libraries, the table reader and the lexicon
        import pdfplumber  # noqa: F401

        from nlp_service.language.repair import OcrRepairer

        OcrRepairer()
    except Exception:  # noqa: BLE001 - a start-up failure shows at the first document
        pass
    conn.send(("ready", None))  # the start-up is not counted in the first document's time limit

    while True:
        try:
            request = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if request is None:
            return
        data, options = request
        try:
            doc = parse_pdf(data, IngestOptions(**options))
            conn.send(("ok", doc.model_dump(mode="python")))
        except AnalysisError as exc:
            conn.send(("error", (exc.code, exc.params)))
        except MemoryError:
            conn.send(("error", ("memory_limit", {})))
        except Exception as exc:  # noqa: BLE001 - any library failure on bad bytes is a corrupt file
            if _out_of_memory(exc):
                conn.send(("error", ("memory_limit", {})))
            else:
                conn.send(("error", ("corrupt_pdf", {"detail": type(exc).__name__})))


def _out_of_memory(exc: BaseException) -> bool:
    seen = 0
    while exc is not None and seen < 10:
        text = str(exc).lower()
        if isinstance(exc, MemoryError) or "cannot allocate memory" in text or "failed to map segment" in text:
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


#: How long a new child may take to import its libraries and load the lexicon (seconds on an idle
#: machine, far more on a loaded one); apart from, not within, the first document's time limit. The
#: worker pool's watchdog counts it in (:meth:`nlp_service.jobs.runner.Limits.from_settings`).
STARTUP_TIMEOUT_S = 60.0


class IngestSandbox:
    """One child process; ``parse`` is thread-safe (calls are serialised)."""

    def __init__(self, options: IngestOptions, timeout_s: float = 60.0, memory_mb: int = 2048,
                 ocr_page_timeout_s: float = 0.0) -> None:
        self.options = options
        self.timeout_s = timeout_s
        self.ocr_page_timeout_s = ocr_page_timeout_s
        self.memory_mb = memory_mb
        self._lock = threading.Lock()
        self._proc: mp.Process | None = None
        self._conn: Connection | None = None
        self._ready_by: float | None = None  # a spawned child's start-up deadline until it says it is ready

    def _spawn(self) -> None:
        """Start a child without waiting for it: it loads its libraries while the caller does other work."""
        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_child_main, args=(child, self.memory_mb), daemon=True, name="nlp-ingest")
        proc.start()
        child.close()
        self._proc, self._conn = proc, parent
        self._ready_by = time.monotonic() + STARTUP_TIMEOUT_S

    def _await_ready(self) -> None:
        if self._ready_by is None:
            return
        assert self._conn is not None
        try:
            ready = self._conn.poll(max(0.0, self._ready_by - time.monotonic()))
            if ready:
                self._conn.recv()
        except (EOFError, OSError):  # it died starting: the memory limit, as for a document
            self._kill()
            raise AnalysisError("memory_limit") from None
        if not ready:
            self._kill()
            raise AnalysisError("timeout", limit=f"{self.timeout_s:g}")
        self._ready_by = None

    def prestart(self) -> None:
        """Start the child now, not at the first document, and return at once; the first ``parse`` waits
        for what is left of its start-up. A process that loads its models next (a worker, the service,
        ``nlp-service analyze``) so has the child's imports done on another core meanwhile."""
        with self._lock:
            if self._proc is None:
                self._spawn()

    def _kill(self) -> None:
        if self._proc is not None:
            try:
                os.killpg(self._proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            self._proc.join(timeout=5)
        if self._conn is not None:
            self._conn.close()
        self._proc, self._conn, self._ready_by = None, None, None

    def close(self) -> None:
        with self._lock:
            if self._conn is not None and self._proc is not None and self._proc.is_alive():
                try:
                    self._conn.send(None)
                    self._proc.join(timeout=2)
                except (OSError, BrokenPipeError):
                    pass
            self._kill()

    def limit_with_ocr(self, ocr_pages: int) -> float:
        """The document's time limit once ``ocr_pages`` pages go to OCR: more time per page, at most double."""
        return self.timeout_s + min(self.timeout_s, max(0.0, self.ocr_page_timeout_s) * ocr_pages)

    def parse(self, data: bytes) -> Document:
        with self._lock:
            if self._proc is None or not self._proc.is_alive():
                self._kill()
                self._spawn()
            self._await_ready()
            assert self._conn is not None
            try:
                self._conn.send((data, asdict(self.options)))
                limit = self.timeout_s
                ocr_pages = 0
                started = time.monotonic()
                while True:
                    if not self._conn.poll(max(0.0, started + limit - time.monotonic())):
                        self._kill()
                        raise AnalysisError("timeout", limit=f"{limit:g}")
                    status, payload = self._conn.recv()
                    if status != "ocr":
                        break
                    ocr_pages += int(payload)
                    limit = self.limit_with_ocr(ocr_pages)
            except (EOFError, OSError, BrokenPipeError):
                # The child died: out of memory (the limit) or a crash in a native library.
                self._kill()
                raise AnalysisError("memory_limit") from None
            except AnalysisError:
                raise
            except BaseException:
                # Anything else (an interrupt, a malformed message) leaves a reply in the pipe that the
                # next document would read as its own: the child goes.
                self._kill()
                raise
        if status == "ok":
            return Document.model_validate(payload)
        code, params = payload
        if code == "corrupt_pdf":
            log.info("corrupt PDF (%s)", params.get("detail", "?"))
            params = {}
        raise AnalysisError(code, **params)
