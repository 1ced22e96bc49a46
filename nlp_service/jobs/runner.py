"""Bulk triage: many PDFs through the whole pipeline in a pool of worker processes, resumable.

The parts, from the bottom up:

- :class:`WorkerPool`: worker processes of our own (forked from a ``forkserver`` that has imported
  the heavy libraries, so a replaced worker is ready in seconds; ``spawn`` where there is none),
  each holding one :class:`~nlp_service.analysis.Analyzer` created when the worker starts, its
  models loaded once, never per document. Each document has a time limit and a memory limit
  (the worker's resident memory, read from ``/proc``); a worker that passes either, or dies, is
  killed with its ingest child and replaced, and that one document is tried once more, then
  reported failed with a reason (``timeout``, ``memory_limit``, ``worker_crashed``). The other
  documents go on.
  Workers ignore Ctrl-C (the parent stops them) and end themselves when the parent dies.
- Batches live in the store (:class:`~nlp_service.store.models.Batch` and ``BatchItem``). Every file
  is hashed and kept in the store's file area when the batch is made; a document seen before
  (same sha256) with an analysis made by the same model and call versions is not analysed again.
  Items finished are never redone: a batch killed at any point (even ``kill -9``) and started again
  carries on with the items that were pending or running.
- :func:`run_batch` drives one batch through a pool, writing each result to the store as it
  completes and handing it to a callback (the CLI writes a JSON line and flushes).

For the API (and anything else that runs batches in the background):

``start_batch(store, paths_or_zip, name, user_id=None) -> batch_id``
    ``paths_or_zip`` is a ``.zip`` file, a folder (every PDF under it), or a sequence of PDF
    paths, ``(name, path)`` pairs (to keep the names files were uploaded under) or entries with
    ``name``, ``path`` and ``error`` (an upload the caller unpacked itself; ``error`` set: a failed
    item). The files are hashed and copied into the store before it returns, so the caller may
    delete its copies; a refused zip
    raises :class:`~nlp_service.jobs.zipsafe.ZipRefused` (``.code``, ``.message`` in Norwegian),
    no usable input raises ``ValueError``. The batch is queued (status ``queued``) and run by one
    background thread that keeps a warm pool of workers between batches (closed after
    ``IDLE_CLOSE_S`` seconds without work); batches run one after another. When the settings name
    a broker (``NLP_SERVICE_BROKER_URL``) the batch goes to the distributed queue instead
    (:mod:`nlp_service.jobs.distributed`) and ``nlp-service worker`` processes analyse it.

``batch_progress(store, batch_id) -> dict | None``
    ``{"total", "done", "failed", "running", "pending", "status", "name"}``: ``done`` counts the
    documents analysed, ``failed`` those that ended with an error, ``status`` is ``queued``,
    ``running``, ``done`` or ``interrupted`` (stopped before the end; running it again resumes it).
    ``None`` when there is no such batch.

``batch_results(store, batch_id) -> list[dict]``
    The contract's object for each finished document of the batch, in file-name order (``file`` is
    the name inside the batch); what :func:`nlp_service.jobs.export.write_export` takes.

``resume_batch(store, batch_id)`` queues an unfinished batch again; ``stop_background()`` stops
the background thread and its workers (for the API's shutdown); ``use_pool(pool)`` lends the
background a pool the caller keeps (``None``: its own again).
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing as mp
import os
import queue as queue_mod
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from nlp_service.config import Settings
from nlp_service.contract import Analysis, ErrorInfo
from nlp_service.errors import AnalysisError, describe_exception
from nlp_service.store import Store
from nlp_service.store.db import is_busy
from nlp_service.store.models import AnalysisRecord, Batch, BatchItem, StoredDocument

log = logging.getLogger(__name__)

#: Errors that belong to the run, not to the document: never cached, tried again on ``--retry-failed``.
TRANSIENT_CODES = frozenset({"timeout", "memory_limit", "worker_crashed", "internal_error", "file_not_found",
                             "file_unreadable"})

#: Messages of the batch layer (code and a sentence in Norwegian bokmål, as in nlp_service.errors).
JOB_MESSAGES: dict[str, str] = {
    "timeout": "Analysen av dokumentet tok lengre tid enn grensen på {limit} sekunder og ble avbrutt, "
               "også ved et nytt forsøk.",
    "memory_limit": "Analysen av dokumentet krevde mer minne enn grensen på {limit} MB og ble avbrutt, "
                    "også ved et nytt forsøk.",
    "worker_crashed": "Analysen av dokumentet stoppet uventet, også ved et nytt forsøk. Feilen er logget.",
    "file_unreadable": "Filen kunne ikke leses (den er flyttet, slettet eller mangler lesetilgang).",
}


def job_error(code: str, **params: object) -> ErrorInfo:
    if code in JOB_MESSAGES:
        return ErrorInfo(code=code, message=JOB_MESSAGES[code].format(**params))
    return ErrorInfo(**AnalysisError(code, **params).to_dict())


# --- processes, as Linux shows them (/proc) ------------------------------------------------------

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def rss_bytes(pid: int) -> int:
    """Resident memory of one process, 0 when it is gone or /proc is not there."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


def peak_rss_bytes(pid: int) -> int:
    """The peak resident memory (VmHWM) of a live process, 0 when it is gone or /proc is not there."""
    try:
        with open(f"/proc/{pid}/status", "rb") as fh:
            for line in fh:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def child_pids(pid: int) -> list[int]:
    """The direct children of ``pid`` (the worker's ingest sandbox and what it started)."""
    out: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        tasks = []
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", "rb") as fh:
                out.extend(int(x) for x in fh.read().split())
        except (OSError, ValueError):
            continue
    return out


def descendants(pid: int) -> list[int]:
    seen: list[int] = []
    stack = child_pids(pid)
    while stack:
        p = stack.pop()
        if p not in seen:
            seen.append(p)
            stack.extend(child_pids(p))
    return seen


def kill_tree(pid: int) -> None:
    """SIGKILL a process and everything under it (the sandbox child leads its own process group)."""
    for child in descendants(pid):
        for kill in (lambda c: os.killpg(c, signal.SIGKILL), lambda c: os.kill(c, signal.SIGKILL)):
            try:
                kill(child)
            except (ProcessLookupError, PermissionError, OSError):
                pass
    try:
        os.kill(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def limit_threads(threads: int) -> None:
    """In a process that analyses documents beside others: ``threads`` for the math libraries and torch (the
    cores are shared among the processes), and no tokenizer threads of their own."""
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = str(threads)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        import torch

        torch.set_num_threads(threads)
    except Exception:  # noqa: BLE001 - torch is optional for the pool itself
        pass


# --- the worker process --------------------------------------------------------------------------

def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _watch_parent(pool_pid: int) -> None:
    """End this worker (and its ingest child) when the pool's process is gone, even mid-document."""
    first_parent = os.getppid()  # the pool's process, or its fork server
    while True:
        time.sleep(1.0)
        if os.getppid() != first_parent or not _pid_alive(pool_pid):
            for child in descendants(os.getpid()):
                try:
                    os.killpg(child, signal.SIGKILL)
                except OSError:
                    pass
            os._exit(0)


def _worker_main(conn: Connection, settings: Settings, threads: int, pool_pid: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when workers stop
    limit_threads(threads)
    threading.Thread(target=_watch_parent, args=(pool_pid,), daemon=True, name="parent-watch").start()
    level = logging.getLevelName(os.environ.get("NLP_SERVICE_LOG_LEVEL", "").strip().upper() or "WARNING")
    logging.basicConfig(level=level if isinstance(level, int) else logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for name in ("sqlalchemy", "pdfminer"):  # their records carry data (statement parameters, PDF tokens)
        logging.getLogger(name).setLevel(logging.WARNING)
    import resource

    try:  # progress bars of libraries inside a worker: a thread lock, no semaphore a kill would leak
        from tqdm import tqdm

        tqdm.set_lock(threading.RLock())
    except Exception:  # noqa: BLE001
        pass
    from nlp_service.analysis import Analyzer

    try:
        analyzer = Analyzer(settings)
        analyzer.warm()  # the models once, here, not per document (the ingest child starts meanwhile)
        _warm_up(analyzer)
        conn.send(("ready", os.getpid(), analyzer.versions()))
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which stops the batch
        log.exception("worker could not load the models")
        try:
            conn.send(("init_error", os.getpid(), f"{type(exc).__name__}"))
        except OSError:
            pass
        return
    try:
        while True:
            try:
                request = conn.recv()
            except (EOFError, OSError):
                return
            if request is None:
                return
            key, path, name = request
            t0 = time.perf_counter()
            try:
                data = Path(path).read_bytes()
            except OSError:
                result = _error_result(name, key, job_error("file_unreadable"), analyzer.versions())
            else:
                try:
                    result = analyzer.analyze_bytes(name, data).model_dump(mode="json")
                except Exception as exc:  # noqa: BLE001 - one document's failure never stops a batch
                    log.error("analysis failed for a document (sha256 %s): %s", key[:12], describe_exception(exc))
                    result = _error_result(name, key, job_error("internal_error"), analyzer.versions())
            seconds = time.perf_counter() - t0
            peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            _trim()
            conn.send(("result", key, result, seconds, peak_kb))
    finally:
        analyzer.close()


def _trim() -> None:
    """Give the heap freed by the last document back to the system (glibc), so a long batch does
    not creep upwards by fragmentation."""
    global _MALLOC_TRIM
    if _MALLOC_TRIM is None:
        try:
            import ctypes

            _MALLOC_TRIM = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _MALLOC_TRIM = False
    if _MALLOC_TRIM:
        _MALLOC_TRIM(0)


_MALLOC_TRIM = None


def _warm_up(analyzer) -> None:  # noqa: ANN001
    """Start the ingest child (PDF libraries, OCR lexicon) and the spaCy pipeline before the first
    document, so that its time and its time limit are the document's own."""
    from nlp_service.corpus.render import Layout, render_pdf
    from nlp_service.language.pipeline import get_nlp

    try:
        analyzer.parse(render_pdf("# Oppvarming\n\nKommunen søker om tilskudd til et prosjekt med 20 deltakere.",
                                  "warm-up", Layout(name="letter")))
        get_nlp()("Kommunen søker om tilskudd.")
    except Exception as exc:  # noqa: BLE001 - a failed warm-up shows again, as a typed error, at a real document
        log.warning("worker warm-up failed: %s", describe_exception(exc))


def _error_result(name: str, sha: str, error: ErrorInfo, versions: dict[str, str] | None = None) -> dict:
    return Analysis(file=name, sha256=sha or "", document=None, area=None, checks=None, facts=None,
                    similar_projects=None, error=error, versions=versions or {}).model_dump(mode="json")


# --- the pool ------------------------------------------------------------------------------------

#: Imported once in the fork server, so that a new worker (a restart after a hang, too) skips them.
_PRELOAD = ["torch", "sentence_transformers", "spacy", "sklearn", "pypdfium2", "pdfplumber",
            "nlp_service.analysis", "nlp_service.stages"]


def _worker_context() -> mp.context.BaseContext:
    """``forkserver`` with the heavy libraries preloaded where there is one (Linux); else ``spawn``.

    Only imports are shared: no model is loaded and no thread started before the fork; each worker
    loads its own models. Workers are never forked from the pool's own process (it may hold
    threads and open database connections)."""
    try:
        ctx = mp.get_context("forkserver")
    except ValueError:
        return mp.get_context("spawn")
    ctx.set_forkserver_preload(_PRELOAD)
    return ctx


@dataclass(frozen=True)
class Limits:
    """Per document: wall-clock seconds and the worker's resident memory; tries before failing."""

    timeout_s: float = 240.0  # Limits.from_settings with the default settings
    memory_mb: int = 3072
    max_attempts: int = 2

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: object) -> "Limits":
        """Time: a fresh reader's start-up, the reading at most twice the ingest limit (a scan's OCR
        allowance) and the ingest limit once more for the rest of the analysis, so the reader's own
        "timeout" always comes first. Memory: one and a half times the ingest limit (the worker also
        holds the models)."""
        from nlp_service.ingest.sandbox import STARTUP_TIMEOUT_S

        values = {"timeout_s": STARTUP_TIMEOUT_S + 3 * settings.timeout_s,
                  "memory_mb": int(1.5 * settings.max_memory_mb)}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


@dataclass(frozen=True)
class Job:
    key: str  # the file's sha256
    path: Path
    name: str


@dataclass
class Outcome:
    job: Job
    result: dict  # the contract's object (an error object when the pool gave up on the document)
    seconds: float
    attempts: int
    transient: bool  # the error is the run's (time, memory, crash), not the document's


class PoolError(RuntimeError):
    """The pool cannot work at all (the models do not load); the batch stays resumable."""


@dataclass
class _Slot:
    index: int
    proc: mp.Process | None = None
    conn: Connection | None = None
    pid: int = 0
    ready: bool = False
    job: Job | None = None
    started: float = 0.0
    kill_reason: str | None = None
    init_failures: int = 0
    peak_rss: int = 0  # this worker process alone
    peak_rss_tree: int = 0  # with its ingest child
    docs: int = 0


@dataclass
class PoolStats:
    workers: int
    restarts: int
    peak_rss_mb: list[float] = field(default_factory=list)
    peak_rss_with_ingest_mb: list[float] = field(default_factory=list)
    docs_per_worker: list[int] = field(default_factory=list)


class WorkerPool:
    """Worker processes with one Analyzer each; survives workers that hang, bloat or die.

    Use from one thread at a time. ``process(jobs, limits)`` yields one :class:`Outcome` per job.
    """

    INIT_TIMEOUT_S = 600.0
    MAX_INIT_FAILURES = 3
    POLL_S = 0.25

    def __init__(self, workers: int | None = None, settings: Settings | None = None,
                 threads_per_worker: int | None = None) -> None:
        from nlp_service.config import get_settings

        self.settings = settings or get_settings()
        self.size = max(1, workers or available_cores())
        self.threads = threads_per_worker or max(1, available_cores() // self.size)
        # Each worker's reader OCRs pages in parallel: share the cores among the workers, not per worker.
        self.worker_settings = self.settings.model_copy(
            update={"ocr_workers": min(self.settings.ocr_workers, max(1, available_cores() // self.size))})
        self._ctx = _worker_context()
        self._slots = [_Slot(i) for i in range(self.size)]
        self.versions: dict[str, str] | None = None
        self.restarts = 0
        self._started = False
        self._deferred = False  # the others wait for the first worker (see start)

    # lifecycle -----------------------------------------------------------------------------------

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        """Start the workers that are not running (all of them, the first time).

        On a fresh data folder the first worker starts alone: loading the stages builds caches
        there (the earlier-projects index), and several workers must not write them at once. The
        others start as soon as it is ready.
        """
        if not self._started:
            self._started = True
            self._deferred = self.size > 1 and self._fresh_data_folder()
        for slot in self._slots:
            if slot.proc is None and not (self._deferred and slot.index > 0):
                self._spawn(slot)

    def _fresh_data_folder(self) -> bool:
        try:
            from nlp_service.similarity.index import ProjectIndex, default_index_dir
        except ImportError:
            return False
        return not ProjectIndex.exists(default_index_dir(self.settings))

    def _spawn(self, slot: _Slot) -> None:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_worker_main, args=(child, self.worker_settings, self.threads, os.getpid()),
                                 name=f"nlp-triage-{slot.index}")
        proc.start()
        child.close()
        slot.proc, slot.conn, slot.pid = proc, parent, proc.pid
        slot.ready, slot.job, slot.kill_reason, slot.started = False, None, None, time.monotonic()

    def _reap(self, slot: _Slot) -> None:
        if slot.proc is not None:
            kill_tree(slot.proc.pid)
            slot.proc.join(timeout=5)
        if slot.conn is not None:
            slot.conn.close()
        slot.proc, slot.conn, slot.ready, slot.job = None, None, False, None

    def close(self) -> None:
        """Idle workers end cleanly (closing their ingest child); busy or still-loading ones are killed."""
        polite = []
        for slot in self._slots:
            if slot.proc is not None and slot.proc.is_alive() and slot.ready and slot.job is None:
                try:
                    slot.conn.send(None)
                    polite.append(slot)
                except OSError:
                    pass
        deadline = time.monotonic() + 5
        for slot in polite:
            slot.proc.join(timeout=max(0.0, deadline - time.monotonic()))
        for slot in self._slots:
            self._reap(slot)
        self._started = False

    def pids(self) -> list[int]:
        return [s.pid for s in self._slots if s.proc is not None]

    def busy_pids(self) -> list[int]:
        return [s.pid for s in self._slots if s.proc is not None and s.job is not None]

    def stats(self) -> PoolStats:
        mb = 1024 * 1024
        return PoolStats(workers=self.size, restarts=self.restarts,
                         peak_rss_mb=[round(s.peak_rss / mb, 1) for s in self._slots],
                         peak_rss_with_ingest_mb=[round(s.peak_rss_tree / mb, 1) for s in self._slots],
                         docs_per_worker=[s.docs for s in self._slots])

    # readiness -------------------------------------------------------------------------------------

    def wait_ready(self, all_workers: bool = False, timeout_s: float | None = None,
                   stop: threading.Event | None = None) -> dict[str, str] | None:
        """Start the workers and wait until one (or all) has loaded its models; the versions
        (``None`` when ``stop`` was set first)."""
        self.start()
        deadline = time.monotonic() + (timeout_s or self.INIT_TIMEOUT_S)
        while True:
            if stop is not None and stop.is_set():
                return None
            for _ in self._poll(deque(), Counter(), Limits()):
                pass  # no jobs yet: only start-up messages and deaths
            ready = [s for s in self._slots if s.ready]
            if ready and (not all_workers or len(ready) == len(self._slots)):
                assert self.versions is not None
                return self.versions
            if time.monotonic() > deadline:
                raise PoolError("the workers did not start in time")

    # the work ------------------------------------------------------------------------------------

    def process(self, jobs: Iterable[Job], limits: Limits = Limits(),
                on_dispatch: Callable[[Job], None] | None = None,
                stop: threading.Event | None = None) -> Iterator[Outcome]:
        """Yield one outcome per job, in completion order. Stops early when ``stop`` is set."""
        self.start()
        todo: deque[Job] = deque(jobs)
        failures: Counter[str] = Counter()
        try:
            while todo or any(s.job is not None for s in self._slots):
                if stop is not None and stop.is_set():
                    return
                for slot in self._slots:
                    if slot.ready and slot.job is None and todo:
                        job = todo.popleft()
                        try:
                            assert slot.conn is not None
                            slot.conn.send((job.key, str(job.path), job.name))
                        except OSError:
                            todo.appendleft(job)
                            continue
                        slot.job, slot.started, slot.kill_reason = job, time.monotonic(), None
                        if on_dispatch is not None:
                            on_dispatch(job)
                yield from self._poll(todo, failures, limits)
        finally:
            # Stopped early (or the consumer went away): documents in flight are abandoned; their
            # workers are replaced so that the next call starts clean.
            for slot in self._slots:
                if slot.job is not None:
                    self._reap(slot)
                    self.restarts += 1

    def _poll(self, todo: deque[Job], failures: Counter[str], limits: Limits) -> Iterator[Outcome]:
        handles: list = []
        for slot in self._slots:
            if slot.proc is not None:
                handles.append(slot.proc.sentinel)
                if slot.conn is not None:
                    handles.append(slot.conn)
        if handles:
            wait(handles, timeout=self.POLL_S)
        now = time.monotonic()
        for slot in self._slots:
            if slot.proc is None:
                continue
            # Messages first: a worker may have sent its result just before it died.
            dead = False
            while slot.conn is not None:
                try:
                    if not slot.conn.poll():
                        break
                    message = slot.conn.recv()
                except (EOFError, OSError):
                    dead = True
                    break
                outcome = self._message(slot, message)
                if outcome is not None:
                    yield outcome
            if dead or not slot.proc.is_alive():
                yield from self._died(slot, todo, failures, limits)
                continue
            # Memory: the worker process (its ingest child has its own limit) and the tree, for stats.
            rss = rss_bytes(slot.pid)
            slot.peak_rss = max(slot.peak_rss, rss)
            if slot.job is not None:
                tree = rss + sum(rss_bytes(p) for p in descendants(slot.pid))
                slot.peak_rss_tree = max(slot.peak_rss_tree, tree)
                if rss > limits.memory_mb * 1024 * 1024:
                    slot.kill_reason = "memory_limit"
                elif now - slot.started > limits.timeout_s:
                    slot.kill_reason = "timeout"
                if slot.kill_reason:
                    log.warning("worker %d: %s on a document (sha256 %s); restarting it", slot.index,
                                slot.kill_reason, slot.job.key[:12])
                    yield from self._died(slot, todo, failures, limits)
            elif not slot.ready and now - slot.started > self.INIT_TIMEOUT_S:
                slot.kill_reason = "init_timeout"
                yield from self._died(slot, todo, failures, limits)

    def _message(self, slot: _Slot, message: tuple) -> Outcome | None:
        kind = message[0]
        if kind == "ready":
            slot.ready, slot.init_failures = True, 0
            if self.versions is None:
                self.versions = dict(message[2])
            if self._deferred:
                self._deferred = False
                self.start()
            return None
        if kind == "init_error":
            slot.kill_reason = "init_error"
            return None
        _, key, result, seconds, peak_kb = message
        slot.peak_rss = max(slot.peak_rss, peak_kb * 1024)
        job = slot.job
        if job is None or job.key != key:
            return None
        slot.job = None
        slot.docs += 1
        code = (result.get("error") or {}).get("code")
        return Outcome(job=job, result=result, seconds=seconds, attempts=1, transient=code in TRANSIENT_CODES)

    def _died(self, slot: _Slot, todo: deque[Job], failures: Counter[str], limits: Limits) -> Iterator[Outcome]:
        job, reason, was_ready = slot.job, slot.kill_reason, slot.ready
        exitcode = slot.proc.exitcode if slot.proc is not None else None
        self._reap(slot)
        if not was_ready and job is None:
            slot.init_failures += 1
            if slot.init_failures >= self.MAX_INIT_FAILURES:
                raise PoolError(f"a worker failed to start {slot.init_failures} times ({reason or exitcode})")
        self.restarts += 1
        self._spawn(slot)
        if job is None:
            return
        if reason is None:
            # Died on its own: killed by the kernel for memory, or a crash in a native library.
            reason = "memory_limit" if exitcode == -signal.SIGKILL else "worker_crashed"
            log.warning("worker %d died (exit %s) on a document (sha256 %s)", slot.index, exitcode, job.key[:12])
        failures[job.key] += 1
        if failures[job.key] < limits.max_attempts:
            todo.append(job)  # once more, after the others
            return
        params = {"timeout": {"limit": f"{limits.timeout_s:g}"}, "memory_limit": {"limit": limits.memory_mb}}
        error = job_error(reason, **params.get(reason, {}))
        yield Outcome(job=job, result=_error_result(job.name, job.key, error, self.versions), seconds=0.0,
                      attempts=failures[job.key], transient=True)


# --- what a batch is made of ---------------------------------------------------------------------

@dataclass
class SourceFile:
    """One file of a batch: its name inside the batch and where to read it, or why it cannot be."""

    name: str
    path: Path | None
    error: ErrorInfo | None = None


def _ignored(part: str) -> bool:
    return part.startswith(".") or part == "__MACOSX"


def collect_folder(folder: Path, exclude: Path | None = None) -> list[SourceFile]:
    """Every ``*.pdf`` under ``folder`` (any case), sorted; hidden files, macOS resource forks and
    anything under ``exclude`` (the service's own data folder, should it lie inside) left out."""
    out = []
    skip = exclude.resolve() if exclude is not None else None
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if path.suffix.lower() != ".pdf" or any(_ignored(p) for p in rel.parts) or not path.is_file():
            continue
        if skip is not None and path.resolve().is_relative_to(skip):
            continue
        out.append(SourceFile(name=rel.as_posix(), path=path))
    return out


def collect_paths(items: Sequence) -> list[SourceFile]:
    """Files given one by one: paths, ``(name, path)`` pairs, or entries with ``name``, ``path`` and
    ``error`` (a :class:`SourceFile`, an upload entry). Names are file names, made unique with a
    counter when repeated."""
    out: list[SourceFile] = []
    used: Counter[str] = Counter()
    for item in items:
        error = None
        if isinstance(item, tuple):
            name, path = item[0], Path(item[1])
        elif isinstance(item, (str, Path)):
            name, path = Path(item).name, Path(item)
        else:
            name, error = item.name, getattr(item, "error", None)
            path = Path(item.path) if item.path is not None else None
        name = Path(name).name or "dokument.pdf"
        used[name] += 1
        if used[name] > 1:
            stem, suffix = os.path.splitext(name)
            name = f"{stem} ({used[name]}){suffix}"
        out.append(SourceFile(name=name, path=path, error=error))
    return out


def file_sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def folder_fingerprint(files: Sequence[SourceFile]) -> str:
    """The content of a folder batch: every name with the sha256 of its bytes."""
    h = hashlib.sha256()
    for f in sorted(files, key=lambda f: f.name):
        try:
            digest = file_sha256(f.path) if f.path is not None else "-"
        except OSError:
            digest = "unreadable"
        h.update(f"{f.name}\0{digest}\n".encode())
    return h.hexdigest()


def _sha_or_none(path: Path) -> str | None:
    try:
        return file_sha256(path)
    except OSError:
        return None


def derived_batch_id(source: Path, fingerprint: str) -> str:
    """A batch is its source path and its content: the same command on the same files resumes it."""
    return hashlib.sha256(f"{source.resolve()}\n{fingerprint}".encode()).hexdigest()[:32]


def prepare_batch(store: Store, files: Sequence[SourceFile], *, name: str, source: str,
                  batch_id: str | None = None, user_id: int | None = None) -> tuple[str, bool]:
    """Create the batch (or bring an existing one up to date with ``files``); ``(id, created)``.

    Each readable file is hashed and kept in the store (its ``StoredDocument``); a file that cannot
    be taken (too large, unreadable, refused inside a zip) becomes a failed item at once.
    """
    limit_bytes = store.settings.max_file_mb * 1024 * 1024
    with store.session(write=True) as s:
        batch = s.get(Batch, batch_id) if batch_id else None
        created = batch is None
        if batch is None:
            batch = Batch(name=name[:255], source=source[:1000], created_by=user_id, status="queued")
            if batch_id:
                batch.id = batch_id
            s.add(batch)
            s.flush()
        changed = False
        existing = {i.file_name: i for i in s.scalars(select(BatchItem).where(BatchItem.batch_id == batch.id))}
        for n, f in enumerate(files):
            item = existing.get(f.name)
            if item is not None and item.sha256 is not None and f.path is not None and not created \
                    and f.error is None and item.sha256 == _sha_or_none(f.path):
                continue  # unchanged: its state (done, failed, pending) stays
            error, doc = f.error, None
            if error is None and f.path is not None:
                try:
                    size = f.path.stat().st_size
                    if size > limit_bytes:
                        error = job_error("too_large", limit=f"{store.settings.max_file_mb:g}")
                    else:
                        doc = store.upsert_document(s, f.name, f.path.read_bytes(), user_id)
                except OSError:
                    error = job_error("file_unreadable")
            if item is not None and doc is None and item.sha256 is None and error is not None \
                    and item.error_code == error.code:
                continue  # refused before for the same reason
            changed = True
            if item is None:
                item = BatchItem(batch_id=batch.id, file_name=f.name[:1000])
                s.add(item)
            item.sha256 = doc.sha256 if doc else None
            item.document_id = doc.id if doc else None
            item.analysis_id = None
            item.seconds = None
            if error is not None:
                item.status, item.error_code, item.error_message = "failed", error.code, error.message
            else:
                item.status, item.error_code, item.error_message = "pending", None, None
            if n % 50 == 49:
                s.flush()
        if changed and batch.status in ("done", "interrupted"):
            batch.status = "queued"
        return batch.id, created


# --- results of a batch --------------------------------------------------------------------------

def _item_result(item: BatchItem, record: AnalysisRecord | None) -> dict:
    if record is not None:
        return {**record.result, "file": item.file_name}
    error = ErrorInfo(code=item.error_code or "internal_error",
                      message=item.error_message or AnalysisError("internal_error").message)
    return _error_result(item.file_name, item.sha256 or "", error)


def batch_results(store: Store, batch_id: str) -> list[dict]:
    """The contract's object for each finished item (done or failed), in file-name order."""
    with store.session() as s:
        rows = s.execute(select(BatchItem, AnalysisRecord)
                         .outerjoin(AnalysisRecord, AnalysisRecord.id == BatchItem.analysis_id)
                         .where(BatchItem.batch_id == batch_id, BatchItem.status.in_(("done", "failed")))
                         .order_by(BatchItem.file_name)).all()
        return [_item_result(item, record) for item, record in rows]


def batch_progress(store: Store, batch_id: str) -> dict | None:
    with store.session() as s:
        batch = s.get(Batch, batch_id)
        if batch is None:
            return None
        counts = dict(s.execute(select(BatchItem.status, func.count()).where(BatchItem.batch_id == batch_id)
                                .group_by(BatchItem.status)).all())
    return {"total": sum(counts.values()), "done": counts.get("done", 0), "failed": counts.get("failed", 0),
            "running": counts.get("running", 0), "pending": counts.get("pending", 0), "status": batch.status,
            "name": batch.name}


# --- running a batch -----------------------------------------------------------------------------

@dataclass
class BatchSummary:
    batch_id: str
    total: int
    done: int
    failed: int
    analysed: int  # documents analysed in this run (not taken from earlier results)
    reused: int  # items finished from an earlier analysis of the same bytes and versions
    finished: bool  # every item is done or failed

    @property
    def exit_code(self) -> int:
        return 0 if self.finished and self.failed == 0 else 1


def _save(store: Store, s, document: StoredDocument, result: dict) -> AnalysisRecord:
    try:
        with s.begin_nested():
            return store.save_analysis(s, document, result)
    except IntegrityError:  # another process stored the same analysis a moment ago
        record = store.find_analysis(s, document.id, result.get("versions") or {})
        assert record is not None
        return record


def run_batch(store: Store, batch_id: str, pool: WorkerPool, *, limits: Limits | None = None,
              on_result: Callable[[dict], None] | None = None, retry_failed: bool = False,
              progress: bool = False, stop: threading.Event | None = None) -> BatchSummary:
    """Analyse the unfinished items of a batch; ``on_result`` gets every finished item's object,
    first those finished before this run (so an output file can be rewritten whole), then each
    new one as it completes, after it is committed to the store."""
    from tqdm import tqdm

    emit = on_result or (lambda _r: None)
    limits = limits or Limits.from_settings(store.settings)
    with store.session(write=True) as s:
        batch = s.get(Batch, batch_id)
        if batch is None:
            raise KeyError(batch_id)
        items = list(s.scalars(select(BatchItem).where(BatchItem.batch_id == batch_id).order_by(BatchItem.file_name)))
        for item in items:
            if item.status == "running":  # the run before was stopped or killed mid-document
                item.status = "pending"
            elif retry_failed and item.status == "failed" and item.document_id is not None:
                item.status, item.analysis_id, item.error_code, item.error_message = "pending", None, None, None
        batch.status = "running"
        records = {r.id: r for r in s.scalars(select(AnalysisRecord).where(
            AnalysisRecord.id.in_([i.analysis_id for i in items if i.analysis_id is not None])))}
        for item in items:
            if item.status in ("done", "failed"):
                emit(_item_result(item, records.get(item.analysis_id)))
        pending: dict[str, list[int]] = {}
        for item in items:
            if item.status == "pending":
                pending.setdefault(item.sha256, []).append(item.id)
        counts = Counter(i.status for i in items)
    total = len(items)
    bar = tqdm(total=total, initial=counts["done"] + counts["failed"], unit="dok", desc="Analyserer",
               file=sys.stderr, disable=not progress, mininterval=0.5, dynamic_ncols=True)
    bar.set_postfix(ferdig=counts["done"], feilet=counts["failed"], refresh=False)
    analysed = reused = 0

    def finish(s, item_ids: list[int], result: dict, record: AnalysisRecord | None, seconds: float | None) -> None:
        error = result.get("error")
        for item in s.scalars(select(BatchItem).where(BatchItem.id.in_(item_ids)).order_by(BatchItem.file_name)):
            item.status = "failed" if error else "done"
            item.analysis_id = record.id if record is not None else None
            item.error_code = error["code"] if error else None
            item.error_message = error["message"] if error else None
            item.seconds = seconds
            counts[item.status] += 1
            counts["pending"] -= 1
            out = {**result, "file": item.file_name}
            finished.append(out)
        bar.set_postfix(ferdig=counts["done"], feilet=counts["failed"], refresh=False)
        bar.update(len(item_ids))

    finished: list[dict] = []
    try:
        if pending and progress and not pool.versions:
            bar.write(f"Laster modellene i {pool.size} arbeidsprosess(er) …", file=sys.stderr)
        versions = pool.wait_ready(stop=stop) if pending else None
        if versions is not None:
            jobs: list[Job] = []
            with store.session(write=True) as s:
                for sha, ids in pending.items():
                    doc = s.scalar(select(StoredDocument).where(StoredDocument.sha256 == sha))
                    record = store.find_analysis(s, doc.id, versions) if doc is not None else None
                    if record is not None and record.error_code not in TRANSIENT_CODES:
                        finish(s, ids, record.result, record, None)
                        reused += len(ids)
                    else:
                        first = s.get(BatchItem, ids[0])
                        jobs.append(Job(key=sha, path=store.file_path(sha), name=first.file_name))
            for r in finished:
                emit(r)
            finished.clear()

            def dispatched(job: Job) -> None:
                with store.session(write=True) as s:
                    for item in s.scalars(select(BatchItem).where(BatchItem.id.in_(pending[job.key]))):
                        item.status = "running"
                        item.attempts = (item.attempts or 0) + 1

            for outcome in pool.process(jobs, limits, on_dispatch=dispatched, stop=stop):
                with store.session(write=True) as s:
                    record = None
                    if not outcome.transient:
                        doc = s.scalar(select(StoredDocument).where(StoredDocument.sha256 == outcome.job.key))
                        record = _save(store, s, doc, outcome.result)
                    finish(s, pending[outcome.job.key], outcome.result, record, round(outcome.seconds, 3))
                analysed += 1
                for r in finished:  # after the commit: a line written is a result kept
                    emit(r)
                finished.clear()
    finally:
        bar.close()
        with store.session(write=True) as s:
            batch = s.get(Batch, batch_id)
            left = s.scalars(select(BatchItem).where(BatchItem.batch_id == batch_id,
                                                     BatchItem.status.in_(("pending", "running")))).all()
            for item in left:
                item.status = "pending"
            batch.status = "interrupted" if left else "done"
            done = s.scalar(select(func.count()).where(BatchItem.batch_id == batch_id, BatchItem.status == "done"))
            failed = s.scalar(select(func.count()).where(BatchItem.batch_id == batch_id,
                                                         BatchItem.status == "failed"))
    return BatchSummary(batch_id=batch_id, total=total, done=done, failed=failed, analysed=analysed, reused=reused,
                        finished=not left)


# --- batches in the background (the API) ---------------------------------------------------------

IDLE_CLOSE_S = 600.0
#: A batch stopped by a busy SQLite database is resumed this many times before it counts as interrupted.
BUSY_RETRIES = 20


class _Background:
    """One thread that runs queued batches one after another through a warm pool."""

    def __init__(self) -> None:
        self._queue: queue_mod.Queue = queue_mod.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._pool: WorkerPool | None = None
        self._pool_key: tuple | None = None
        self.external: WorkerPool | None = None  # a pool lent by the caller (use_pool): used, never closed
        self._busy: Counter[str] = Counter()  # times each batch met a busy database

    def submit(self, store: Store, batch_id: str) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._stop.clear()
                self._thread = threading.Thread(target=self._loop, daemon=True, name="nlp-triage-batches")
                self._thread.start()
        self._queue.put((store, batch_id))

    def _pool_for(self, settings: Settings) -> WorkerPool:
        if self.external is not None:
            return self.external
        key = (settings.model_dump_json(),)
        if self._pool is None or self._pool_key != key:
            if self._pool is not None:
                self._pool.close()
            self._pool, self._pool_key = WorkerPool(settings=settings), key
        return self._pool

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                store, batch_id = self._queue.get(timeout=IDLE_CLOSE_S if self._pool is not None else 1.0)
            except queue_mod.Empty:
                if self._pool is not None:
                    self._pool.close()
                    self._pool = None
                continue
            try:
                run_batch(store, batch_id, self._pool_for(store.settings), stop=self._stop)
            except Exception as exc:  # noqa: BLE001 - a broken batch must not stop the next ones
                if is_busy(exc) and self._busy[batch_id] < BUSY_RETRIES:
                    # SQLite was busy with other uploads: the batch is resumable, run it again shortly.
                    self._busy[batch_id] += 1
                    log.warning("batch %s: the database was busy; resuming it (%d)", batch_id, self._busy[batch_id])
                    time.sleep(0.2 * self._busy[batch_id])
                    for attempt in store.retrying():
                        with attempt, store.session(write=True) as s:
                            s.execute(update(Batch).where(Batch.id == batch_id).values(status="queued"))
                    self._queue.put((store, batch_id))
                    continue
                log.error("batch %s stopped: %s", batch_id, describe_exception(exc))
                if self._pool is not None:
                    self._pool.close()
                    self._pool = None
                with store.session(write=True) as s:
                    batch = s.get(Batch, batch_id)
                    if batch is not None:
                        batch.status = "interrupted"
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def stop(self, timeout_s: float = 30.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=timeout_s)


_BACKGROUND = _Background()


def start_batch(store: Store, paths_or_zip: Path | str | Sequence, name: str, user_id: int | None = None) -> str:
    """Make a batch of the input and queue it in the background; returns its id (see the module doc)."""
    import tempfile

    from nlp_service.jobs.zipsafe import extract_pdfs

    store.create_all()
    if isinstance(paths_or_zip, (str, Path)):
        source = Path(paths_or_zip)
        if source.is_dir():
            files = collect_folder(source, exclude=store.settings.data_dir)
        elif source.suffix.lower() == ".zip":
            tmp_root = store.settings.data_dir / "tmp"
            tmp_root.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(dir=tmp_root) as tmp:
                contents = extract_pdfs(source, Path(tmp))
                files = [SourceFile(name=e.name, path=e.path, error=e.error) for e in contents.entries]
                if not files:
                    raise ValueError("Zip-filen inneholder ingen PDF-filer.")
                batch_id = _prepare(store, files, name=name, source=source.name, user_id=user_id)
            _dispatch(store, batch_id)
            return batch_id
        else:
            files = collect_paths([source])
        label = source.name
    else:
        files = collect_paths(list(paths_or_zip))
        label = "opplasting"
    if not files:
        raise ValueError("Fant ingen PDF-filer å analysere.")
    batch_id = _prepare(store, files, name=name, source=label, user_id=user_id)
    _dispatch(store, batch_id)
    return batch_id


def _prepare(store: Store, files: Sequence[SourceFile], **kwargs: object) -> str:
    """:func:`prepare_batch`, tried again while SQLite is busy with other uploads."""
    for attempt in store.retrying():
        with attempt:
            batch_id, _ = prepare_batch(store, files, **kwargs)
    return batch_id


def _dispatch(store: Store, batch_id: str) -> None:
    """Run the batch: on the distributed queue when a broker is set (workers on any machine take
    it; nlp_service.jobs.distributed), else in this process's background pool."""
    if store.settings.broker_url:
        from nlp_service.jobs.distributed import enqueue_batch

        enqueue_batch(store, batch_id)
    else:
        _BACKGROUND.submit(store, batch_id)


def use_pool(pool: WorkerPool | None) -> None:
    """Run background batches in ``pool`` (started and closed by the caller), or, with ``None``, in
    the background's own pool again. For a process that already keeps a pool warm."""
    _BACKGROUND.external = pool


def resume_batch(store: Store, batch_id: str) -> None:
    """Queue a batch again (after a restart of the service): it carries on with what is left."""
    _dispatch(store, batch_id)


def stop_background(timeout_s: float = 30.0) -> None:
    """Stop the background batches (unfinished ones are ``interrupted``, resumable) and their workers."""
    _BACKGROUND.stop(timeout_s)


__all__ = [
    "BatchSummary", "Job", "Limits", "Outcome", "PoolError", "SourceFile", "WorkerPool", "batch_progress",
    "batch_results", "collect_folder", "collect_paths", "derived_batch_id", "folder_fingerprint", "prepare_batch",
    "resume_batch", "run_batch", "start_batch", "stop_background", "use_pool",
]
