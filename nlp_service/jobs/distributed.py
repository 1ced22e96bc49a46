"""Triage beyond one machine: Celery over Redis, results in the store (PostgreSQL).

Why Celery and not RQ: a batch must survive a worker killed mid-document and a broker restart.
Celery acknowledges a message only after the task ends (``task_acks_late``) and puts it back when
the process running it dies (``task_reject_on_worker_lost``); its prefork pool replaces a dead or
bloated child (``worker_max_memory_per_child``) and has soft and hard time limits. RQ would give us
the queue but none of this without code of our own (its jobs die with their work horse), and it is
tied to Redis where Celery can move to another broker.

The store stays the truth, the broker only carries work:

- One message per distinct file (sha256) of a batch, ``analyze_document(batch_id, sha256)``. The
  task is idempotent: it looks at the batch items in the store, does nothing for items already
  finished, and reuses an analysis of the same bytes made by the same model and call versions.
- Before it analyses, the task marks the items ``running``, counts the attempt and records which
  worker (``host:pid``) took them; while it analyses, a heartbeat keeps the items' ``updated_at``
  fresh. A message that comes again (the worker was killed and Celery put the message back)
  finds the items ``running`` by a worker that is gone (the same host and no such process, or no
  heartbeat for ``lease_s`` seconds) and takes them over; after ``Limits.max_attempts`` attempts
  the document is marked failed with a reason (``worker_crashed``, ``timeout``), never retried
  forever. A message for items a live worker holds is dropped (that worker finishes them).
- :func:`reconcile` puts back to work what the broker lost: items ``running`` without a heartbeat
  for ``lease_s``, and pending items that no message carries any more (the queue is empty, yet
  they wait: a broker restarted without its data). It runs in every worker's main process, in
  ``nlp-service triage --queue`` while it waits, and can run anywhere; several at once do no harm.
- Files travel through the store: with a server database every stored file is also kept in the
  database (``file_blobs``), so a worker on another machine reads it from there.

Configuration is the service's settings: ``NLP_SERVICE_BROKER_URL`` (``redis://host:6379/0``) and
``NLP_SERVICE_DATABASE_URL`` (``postgresql+psycopg://user:password@host/db``), the same on every
machine. ``nlp-service worker`` starts a worker; ``nlp-service triage DIR --out X --queue`` (or the
API and web batches, when the broker is set) sends a batch to the queue.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select, update

from nlp_service.config import Settings
from nlp_service.errors import describe_exception
from nlp_service.jobs.runner import (TRANSIENT_CODES, BatchSummary, Limits, _error_result, _item_result, _save,
                                     job_error)
from nlp_service.store import Store
from nlp_service.store.models import AnalysisRecord, Batch, BatchItem, StoredDocument

log = logging.getLogger(__name__)

TASK_NAME = "nlp_service.analyze_document"
#: How often a running task touches its items (the lease is renewed at this pace).
HEARTBEAT_S = 10.0


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives naive datetimes back (stored as UTC); PostgreSQL aware ones."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.timezone.utc)
    return value


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:120]


def _process_alive(pid: int) -> bool:
    """A process of this host that exists and is not a zombie (killed, not yet reaped)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rpartition(")")[2].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            pass
        return True


def _owner_gone(owner: str | None, updated_at: dt.datetime | None, lease_s: float) -> bool:
    """Whether the worker that took an item is gone: on this host, its process is; elsewhere, it
    has not renewed its lease."""
    if owner is None:
        return True
    host, _, pid = owner.rpartition(":")
    if host == socket.gethostname() and pid.isdigit():
        if int(pid) == os.getpid() or not _process_alive(int(pid)):
            return True  # a process of this host that is gone (or us: we cannot be running it now)
    updated = _aware(updated_at)
    return updated is None or (_now() - updated).total_seconds() > lease_s


# --- the Celery application ----------------------------------------------------------------------

def make_celery(settings: Settings):  # noqa: ANN201 - celery.Celery
    """The Celery app for these settings, with :func:`analyze_document` registered."""
    from celery import Celery

    if not settings.broker_url:
        raise ValueError("NLP_SERVICE_BROKER_URL er ikke satt: den distribuerte køen trenger en Redis-adresse.")
    limits = Limits.from_settings(settings)
    app = Celery("nlp_service", broker=settings.broker_url, set_as_current=False)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        task_default_queue=settings.queue_name,
        task_soft_time_limit=limits.timeout_s,
        task_time_limit=limits.timeout_s + 30,
        worker_max_memory_per_child=int(limits.memory_mb * 1024),
        # A new pool process loads the models before it says it is up (tens of seconds on a busy
        # machine); Celery's default of 4 s would kill it again and again.
        worker_proc_alive_timeout=300.0,
        broker_transport_options={"visibility_timeout": settings.visibility_timeout_s},
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,
        task_publish_retry=True,
        task_publish_retry_policy={"max_retries": 30, "interval_start": 0.5, "interval_step": 1.0,
                                   "interval_max": 5.0},
        worker_hijack_root_logger=False,
        worker_redirect_stdouts=False,
        worker_send_task_events=False,
        worker_enable_remote_control=False,
    )
    app.conf.task_routes = {TASK_NAME: {"queue": settings.queue_name}}

    @app.task(name=TASK_NAME, bind=True)
    def _analyze(self, batch_id: str, sha256: str) -> str:  # noqa: ANN001
        return analyze_document(batch_id, sha256, settings=settings)

    return app


# --- inside a worker -----------------------------------------------------------------------------

class _WorkerState:
    """What one worker process keeps between documents: its store and its analyzer."""

    def __init__(self) -> None:
        self.store: Store | None = None
        self.analyzer = None
        self.settings: Settings | None = None

    def get(self, settings: Settings):  # noqa: ANN201
        if self.store is None or self.settings is not settings:
            self.settings = settings
            self.store = Store(settings)
        if self.analyzer is None:
            from nlp_service.analysis import Analyzer

            self.analyzer = Analyzer(settings)
            self.analyzer.warm()  # the models now, once per process (the ingest child starts meanwhile)
        return self.store, self.analyzer

    def drop_analyzer(self) -> None:
        if self.analyzer is not None:
            try:
                self.analyzer.close()
            except Exception as exc:  # noqa: BLE001
                log.warning("analyzer did not close cleanly: %s", describe_exception(exc))
            self.analyzer = None


_STATE = _WorkerState()


def _finish(s, items: list[BatchItem], result: dict, record: AnalysisRecord | None,  # noqa: ANN001
            seconds: float | None) -> None:
    error = result.get("error")
    for item in items:
        item.status = "failed" if error else "done"
        item.analysis_id = record.id if record is not None else None
        item.error_code = error["code"] if error else None
        item.error_message = error["message"] if error else None
        item.seconds = seconds
    s.flush()


def _close_batch_if_finished(s, batch_id: str) -> None:  # noqa: ANN001
    left = s.scalar(select(func.count()).select_from(BatchItem).where(
        BatchItem.batch_id == batch_id, BatchItem.status.in_(("pending", "running"))))
    if not left:
        s.execute(update(Batch).where(Batch.id == batch_id).values(status="done"))


class _Heartbeat:
    """Touch the items a task holds every ``HEARTBEAT_S`` seconds, so others see the worker lives."""

    def __init__(self, store: Store, item_ids: list[int]) -> None:
        self.store, self.item_ids = store, item_ids
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True, name="nlp-heartbeat")

    def _run(self) -> None:
        while not self.stop.wait(HEARTBEAT_S):
            try:
                with self.store.session() as s:
                    s.execute(update(BatchItem).where(BatchItem.id.in_(self.item_ids),
                                                      BatchItem.status == "running")
                              .values(updated_at=_now()))
            except Exception as exc:  # noqa: BLE001 - a missed beat only shortens the lease
                log.warning("heartbeat failed: %s", describe_exception(exc))

    def __enter__(self) -> "_Heartbeat":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=5)


def analyze_document(batch_id: str, sha256: str, *, settings: Settings) -> str:
    """The task: analyse one file of a batch and store the result; returns what it did (a word,
    never document content): ``done``, ``failed``, ``reused``, ``finished`` (nothing left to do),
    ``busy`` (a live worker holds it) or ``requeued`` (timed out, tried again)."""
    from celery.exceptions import Reject, SoftTimeLimitExceeded

    store, analyzer = _STATE.get(settings)
    limits = Limits.from_settings(settings)
    versions = analyzer.versions()
    me = worker_id()
    with store.session() as s:
        items = list(s.scalars(select(BatchItem).where(
            BatchItem.batch_id == batch_id, BatchItem.sha256 == sha256,
            BatchItem.status.in_(("pending", "running"))).order_by(BatchItem.file_name).with_for_update()))
        if not items:
            return "finished"
        held = [i for i in items if i.status == "running"]
        if held and not all(_owner_gone(i.worker, i.updated_at, settings.lease_s) for i in held):
            return "busy"
        doc = s.scalar(select(StoredDocument).where(StoredDocument.sha256 == sha256))
        record = store.find_analysis(s, doc.id, versions) if doc is not None else None
        if record is not None and record.error_code not in TRANSIENT_CODES:
            _finish(s, items, record.result, record, None)
            _close_batch_if_finished(s, batch_id)
            return "reused"
        attempts = max(i.attempts or 0 for i in items) + 1
        name = items[0].file_name
        if attempts > limits.max_attempts:
            # Each earlier attempt ended with its worker gone (killed, out of memory, hard time limit).
            result = _error_result(name, sha256, job_error("worker_crashed"), versions)
            _finish(s, items, result, None, None)
            _close_batch_if_finished(s, batch_id)
            log.warning("document %s failed after %d attempts", sha256[:12], attempts - 1)
            return "failed"
        for item in items:
            item.status, item.attempts, item.worker, item.updated_at = "running", attempts, me, _now()
        s.execute(update(Batch).where(Batch.id == batch_id, Batch.status == "queued").values(status="running"))
        item_ids = [i.id for i in items]

    t0 = time.perf_counter()
    transient = False
    with _Heartbeat(store, item_ids):
        try:
            data = store.read_file(sha256)
        except OSError:
            result = _error_result(name, sha256, job_error("file_unreadable"), versions)
            transient = True
        else:
            try:
                result = analyzer.analyze_bytes(name, data).model_dump(mode="json")
            except SoftTimeLimitExceeded:
                _STATE.drop_analyzer()  # it may hold a half-read document; the next task starts a fresh one
                if attempts < limits.max_attempts:
                    with store.session() as s:
                        s.execute(update(BatchItem).where(BatchItem.id.in_(item_ids))
                                  .values(status="pending", worker=None))
                    log.warning("document %s timed out; trying again", sha256[:12])
                    raise Reject("timeout", requeue=True) from None
                result = _error_result(name, sha256, job_error("timeout", limit=f"{limits.timeout_s:g}"), versions)
                transient = True
            except Exception as exc:  # noqa: BLE001 - one document's failure never stops the batch
                log.error("analysis failed for a document (sha256 %s): %s", sha256[:12], describe_exception(exc))
                result = _error_result(name, sha256, job_error("internal_error"), versions)
                transient = True
    seconds = round(time.perf_counter() - t0, 3)
    with store.session() as s:
        items = list(s.scalars(select(BatchItem).where(BatchItem.id.in_(item_ids)).with_for_update()))
        mine = [i for i in items if i.status == "running" and i.worker == me]
        if not mine:  # taken over meanwhile (we were thought dead): the other worker's result stands
            return "finished"
        record = None
        if not transient:
            doc = s.scalar(select(StoredDocument).where(StoredDocument.sha256 == sha256))
            record = _save(store, s, doc, result)
        _finish(s, mine, result, record, seconds)
        _close_batch_if_finished(s, batch_id)
    return "failed" if result.get("error") else "done"


# --- sending batches and putting lost work back --------------------------------------------------

def _queue_length(app, queue: str) -> int | None:  # noqa: ANN001
    """Messages waiting in the queue; 0 when the broker does not know the queue (it lost its data);
    ``None`` when the broker cannot be reached."""
    from kombu.exceptions import ChannelError

    try:
        with app.connection_for_read() as conn:
            try:
                return conn.default_channel.queue_declare(queue=queue, passive=True).message_count
            except ChannelError:  # NOT_FOUND: a broker that came back empty
                return 0
    except Exception:  # noqa: BLE001 - the broker is down: nothing can be sent now anyway
        return None


def _send(app, batch_id: str, shas: list[str]) -> int:  # noqa: ANN001
    sent = 0
    for sha in shas:
        app.send_task(TASK_NAME, args=[batch_id, sha])
        sent += 1
    return sent


def enqueue_batch(store: Store, batch_id: str, *, app=None, retry_failed: bool = False) -> int:  # noqa: ANN001
    """Send a message for every distinct unfinished file of the batch; returns how many."""
    app = app or make_celery(store.settings)
    with store.session() as s:
        batch = s.get(Batch, batch_id)
        if batch is None:
            raise KeyError(batch_id)
        items = list(s.scalars(select(BatchItem).where(BatchItem.batch_id == batch_id)))
        for item in items:
            if retry_failed and item.status == "failed" and item.document_id is not None:
                item.status, item.analysis_id, item.error_code, item.error_message = "pending", None, None, None
                item.attempts = 0
        shas = sorted({i.sha256 for i in items if i.status == "pending" and i.sha256})
        if shas:
            s.execute(update(BatchItem).where(BatchItem.batch_id == batch_id, BatchItem.status == "pending")
                      .values(updated_at=_now()))
            if batch.status in ("done", "interrupted"):
                batch.status = "queued"
        else:
            _close_batch_if_finished(s, batch_id)
    return _send(app, batch_id, shas)


def reconcile(store: Store, *, app=None, batch_id: str | None = None) -> int:  # noqa: ANN001
    """Put lost work back on the queue (see the module doc); returns the messages sent."""
    app = app or make_celery(store.settings)
    lease = store.settings.lease_s
    now = _now()
    todo: dict[str, set[str]] = {}
    with store.session() as s:
        q = select(BatchItem).where(BatchItem.status.in_(("pending", "running")))
        if batch_id is not None:
            q = q.where(BatchItem.batch_id == batch_id)
        items = list(s.scalars(q))
        if not items:
            return 0
        queue_empty = _queue_length(app, store.settings.queue_name) == 0
        for item in items:
            updated = _aware(item.updated_at) or now
            if item.status == "running" and _owner_gone(item.worker, item.updated_at, lease):
                todo.setdefault(item.batch_id, set()).add(item.sha256)
            elif item.status == "pending" and queue_empty \
                    and (now - updated).total_seconds() > store.settings.requeue_grace_s:
                item.updated_at = now
                todo.setdefault(item.batch_id, set()).add(item.sha256)
    sent = 0
    for bid, shas in todo.items():
        sent += _send(app, bid, sorted(x for x in shas if x))
    if sent:
        log.info("reconcile: %d message(s) sent again", sent)
    return sent


class Reconciler:
    """:func:`reconcile` every ``interval_s`` seconds in a daemon thread (a worker's main process)."""

    def __init__(self, settings: Settings, interval_s: float | None = None) -> None:
        self.settings, self.interval_s = settings, interval_s or settings.reconcile_interval_s
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True, name="nlp-reconcile")

    def _run(self) -> None:
        store = Store(self.settings)
        app = make_celery(self.settings)
        while not self.stop.wait(self.interval_s):
            try:
                reconcile(store, app=app)
            except Exception as exc:  # noqa: BLE001 - the database or the broker is away; try again later
                log.warning("reconcile failed: %s", describe_exception(exc))

    def start(self) -> "Reconciler":
        self.thread.start()
        return self


@dataclass
class _Seen:
    done: int = 0
    failed: int = 0


def run_batch_distributed(store: Store, batch_id: str, *, on_result: Callable[[dict], None] | None = None,
                          retry_failed: bool = False, progress: bool = False,
                          stop: threading.Event | None = None, poll_s: float = 1.0) -> BatchSummary:
    """Send the batch to the queue and wait for the workers, handing each finished item to
    ``on_result`` as it appears in the store (the same contract as :func:`run_batch`)."""
    from tqdm import tqdm

    emit = on_result or (lambda _r: None)
    app = make_celery(store.settings)
    stop = stop or threading.Event()
    with store.session() as s:
        if s.get(Batch, batch_id) is None:
            raise KeyError(batch_id)
        for item in s.scalars(select(BatchItem).where(BatchItem.batch_id == batch_id,
                                                      BatchItem.status == "running")):
            if _owner_gone(item.worker, item.updated_at, store.settings.lease_s):
                item.status = "pending"
        finished_before = sum(1 for i in s.scalars(select(BatchItem).where(BatchItem.batch_id == batch_id))
                              if i.status == "done" or (i.status == "failed"
                                                        and not (retry_failed and i.document_id is not None)))
    enqueue_batch(store, batch_id, app=app, retry_failed=retry_failed)
    emitted: set[int] = set()
    seen = _Seen()
    total = 0
    bar = tqdm(total=0, unit="dok", desc="Analyserer (kø)", file=sys.stderr, disable=not progress,
               mininterval=0.5, dynamic_ncols=True)
    last_reconcile = time.monotonic()
    try:
        while True:
            with store.session() as s:
                rows = s.execute(select(BatchItem, AnalysisRecord)
                                 .outerjoin(AnalysisRecord, AnalysisRecord.id == BatchItem.analysis_id)
                                 .where(BatchItem.batch_id == batch_id).order_by(BatchItem.file_name)).all()
            total = len(rows)
            bar.total = total
            for item, record in rows:
                if item.status in ("done", "failed") and item.id not in emitted:
                    emitted.add(item.id)
                    setattr(seen, item.status, getattr(seen, item.status) + 1)
                    emit(_item_result(item, record))
                    bar.update(1)
            bar.set_postfix(ferdig=seen.done, feilet=seen.failed, refresh=False)
            if len(emitted) == total or stop.is_set():
                break
            if time.monotonic() - last_reconcile > store.settings.reconcile_interval_s:
                last_reconcile = time.monotonic()
                try:
                    reconcile(store, app=app, batch_id=batch_id)
                except Exception as exc:  # noqa: BLE001 - the broker is away: the workers' reconcilers go on
                    log.warning("reconcile failed: %s", describe_exception(exc))
            stop.wait(poll_s)
    finally:
        bar.close()
    with store.session() as s:
        _close_batch_if_finished(s, batch_id)
    finished = len(emitted) == total
    with store.session() as s:
        done = s.scalar(select(func.count()).select_from(BatchItem).where(BatchItem.batch_id == batch_id,
                                                                         BatchItem.status == "done"))
        failed = s.scalar(select(func.count()).select_from(BatchItem).where(BatchItem.batch_id == batch_id,
                                                                           BatchItem.status == "failed"))
    # Finished in this run: analysed by the workers, or taken from an earlier analysis of the same bytes
    # (the workers do not tell the two apart here).
    return BatchSummary(batch_id=batch_id, total=total, done=done, failed=failed,
                        analysed=max(0, done + failed - finished_before),
                        reused=0, finished=finished)


# --- the worker command --------------------------------------------------------------------------

def _allow_children() -> None:
    """Let a Celery pool process start processes of Python's ``multiprocessing``: the ingest runs in
    a sandboxed child of each worker process (it ends with its parent: its pipe closes).

    Celery's pool (billiard) marks its processes daemonic, which ``multiprocessing`` refuses as a
    parent, and gives them its own kind of key, which cannot be pickled for a ``spawn`` child: the
    flag is cleared and the key replaced by a fresh one of Python's own kind."""
    import multiprocessing.process as mp_process

    config = mp_process.current_process()._config  # noqa: SLF001
    config["daemon"] = False
    config["authkey"] = mp_process.AuthenticationString(os.urandom(32))


def run_worker(settings: Settings, *, concurrency: int | None = None, name: str | None = None,
               loglevel: str = "INFO") -> None:
    """``nlp-service worker``: a Celery worker with ``concurrency`` processes (default: one per
    core), each loading the models once when it starts; blocks until stopped (SIGTERM: warm stop)."""
    from celery.signals import worker_process_init, worker_process_shutdown

    from nlp_service.jobs.runner import available_cores, limit_threads

    n = concurrency or available_cores()
    threads = max(1, available_cores() // n)
    # Each process's reader OCRs pages in parallel: share the cores among the processes.
    settings = settings.model_copy(update={"ocr_workers": min(settings.ocr_workers, threads)})
    store = Store(settings)
    store.create_all()
    store.engine.dispose()
    app = make_celery(settings)

    @worker_process_init.connect(weak=False)
    def _init(**_kw: object) -> None:
        _allow_children()
        limit_threads(threads)
        _STATE.get(settings)

    @worker_process_shutdown.connect(weak=False)
    def _shutdown(**_kw: object) -> None:
        _STATE.drop_analyzer()

    Reconciler(settings).start()
    argv = ["worker", "--pool=prefork", f"--concurrency={n}", f"--loglevel={loglevel}",
            f"--queues={settings.queue_name}", "--without-gossip", "--without-mingle"]
    if name:
        argv.append(f"--hostname={name}@%h")
    app.worker_main(argv)
