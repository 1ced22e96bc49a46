"""The distributed queue for real: redis-server and PostgreSQL from Debian's packages on loopback,
two ``nlp-service worker`` processes, each with a data folder of its own (as on two machines: the
files reach them through the database), and ``nlp-service triage --queue`` as a user runs it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from nlp_service.testing.servers import PostgresServer, RedisServer, ServerUnavailable

REPO = Path(__file__).resolve().parents[2]
CLI = str(Path(sys.executable).parent / "nlp-service")


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    root = tmp_path_factory.mktemp("servers")
    try:
        redis = RedisServer(root / "redis").start()
        pg = PostgresServer(root / "pg").start()
    except ServerUnavailable as exc:
        pytest.skip(f"{exc}: `make test-deps` installs it")
    yield redis, pg
    redis.stop()
    pg.stop()


def _env(servers, data: Path, **extra: str) -> dict[str, str]:
    redis, pg = servers
    data.mkdir(parents=True, exist_ok=True)
    shared_cache = Path(os.environ["NLP_SERVICE_DATA_DIR"]) / "cache"  # the lexicon cache, as if installed
    shared_cache.mkdir(parents=True, exist_ok=True)
    if not (data / "cache").exists():
        (data / "cache").symlink_to(shared_cache)
    return {**os.environ, "NLP_SERVICE_DATA_DIR": str(data), "NLP_SERVICE_BROKER_URL": redis.url,
            "NLP_SERVICE_DATABASE_URL": pg.url, "NLP_SERVICE_LEASE_S": "20", "NLP_SERVICE_REQUEUE_GRACE_S": "3",
            "NLP_SERVICE_RECONCILE_INTERVAL_S": "2", **extra}


@pytest.fixture(scope="module")
def store(servers, tmp_path_factory):
    from nlp_service.config import Settings
    from nlp_service.store import Store

    _redis, pg = servers
    s = Store(Settings(data_dir=tmp_path_factory.mktemp("observer")), url=pg.url)
    s.create_all()
    yield s
    s.engine.dispose()


@pytest.fixture(scope="module")
def workers(servers, store, tmp_path_factory, seed_data_dir):
    """Two workers of one process each, as on two machines (each with the earlier-projects index an installed
    service has); stopped (warm) at the end."""
    root = tmp_path_factory.mktemp("workers")
    procs = []
    for name in ("maskin-a", "maskin-b"):
        seed_data_dir(root / name)
        log = open(root / f"{name}.log", "wb")
        procs.append(subprocess.Popen([CLI, "worker", "--concurrency", "1", "--name", name], cwd=REPO,
                                      env=_env(servers, root / name), stdout=log, stderr=subprocess.STDOUT,
                                      start_new_session=True))
    yield procs, root
    for p in procs:
        p.send_signal(signal.SIGTERM)
    for p in procs:  # a warm stop; the suite does not wait for a slow one (its state is in the store)
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait(timeout=30)
    for p in procs:  # their ingest children and pool processes end with them
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _triage(servers, folder: Path, out: Path, data: Path, *extra: str, timeout: float = 600):
    return subprocess.run([CLI, "triage", str(folder), "--out", str(out), "--queue", "--quiet", *extra], cwd=REPO,
                          env=_env(servers, data), capture_output=True, text=True, timeout=timeout)


def test_a_batch_through_two_workers_on_the_queue(servers, store, workers, mixed_dir, hostile_codes, tmp_path):
    from nlp_service.store.models import BatchItem

    out = tmp_path / "out.jsonl"
    done = _triage(servers, mixed_dir, out, tmp_path / "client")
    assert done.returncode == 1, done.stderr  # the hostile files failed, everything else was analysed
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_file = {line["file"]: line for line in lines}
    assert len(lines) == len(by_file) == len(list(mixed_dir.rglob("*.pdf")))
    for name, code in hostile_codes.items():
        line = by_file[f"rare/{name}"]
        if code is None:
            assert line["error"] is None
        else:
            assert line["error"]["code"] == code, name
            assert line["error"]["message"]  # a sentence for the caseworker
    good = [line for f, line in by_file.items() if not f.startswith("rare/")]
    assert all(line["error"] is None and line["area"]["predicted"] in "12345" for line in good)
    # The same bytes twice (a copy under another name) were analysed once.
    assert by_file["kopi av søknad.pdf"]["sha256"] == by_file["a1-003.pdf"]["sha256"]

    with store.session() as s:
        items = list(s.scalars(select(BatchItem)))
    takers = {i.worker for i in items if i.worker}
    assert len(takers) == 2, takers  # both workers took documents from the one batch
    assert all(i.status in ("done", "failed") and i.attempts == 1 for i in items if i.sha256)

    again = _triage(servers, mixed_dir, tmp_path / "again.jsonl", tmp_path / "client")
    assert "Fortsetter bunke" in again.stderr
    assert [json.loads(x)["sha256"] for x in (tmp_path / "again.jsonl").read_text().splitlines()] \
        and len((tmp_path / "again.jsonl").read_text().splitlines()) == len(lines)


def _wait_running(store, batch_name: str, timeout_s: float = 300) -> tuple[int, str]:
    """Wait until a worker takes the batch's document; (item id, worker ``host:pid``)."""
    from nlp_service.store.models import Batch, BatchItem

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with store.session() as s:
            item = s.scalar(select(BatchItem).join(Batch).where(Batch.name == batch_name,
                                                                BatchItem.status == "running"))
            if item is not None and item.worker:
                return item.id, item.worker
        time.sleep(0.05)
    raise AssertionError("no worker took the document")


def test_a_worker_killed_mid_document_is_retried_once_then_failed_with_a_reason(servers, store, workers,
                                                                                render_pdf, tmp_path):
    from nlp_service.store.models import BatchItem

    def submit(name: str, source: str) -> subprocess.Popen:
        folder = tmp_path / name
        folder.mkdir()
        (folder / f"{source}.pdf").write_bytes(render_pdf(source, "scanned", doc_id=name, repeat=2))  # OCR: slow
        return subprocess.Popen([CLI, "triage", str(folder), "--out", str(tmp_path / f"{name}.jsonl"), "--queue",
                                 "--quiet", "--name", name], cwd=REPO, env=_env(servers, tmp_path / "client"),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def kill(worker: str) -> None:
        os.kill(int(worker.rpartition(":")[2]), signal.SIGKILL)

    # Killed once: the message goes back to the queue and the document is analysed on the next try.
    client = submit("drept-en-gang", "a2-012")
    item_id, worker = _wait_running(store, "drept-en-gang")
    kill(worker)
    client.communicate(timeout=600)
    assert client.returncode == 0
    with store.session() as s:
        item = s.get(BatchItem, item_id)
        assert (item.status, item.attempts, item.error_code) == ("done", 2, None)
        assert item.worker != worker

    # Killed on both tries: failed with a reason, the batch ends, no endless retry.
    client = submit("drept-to-ganger", "a3-013")
    item_id, first = _wait_running(store, "drept-to-ganger")
    kill(first)
    deadline = time.monotonic() + 300
    second = None
    while time.monotonic() < deadline and second is None:
        with store.session() as s:
            item = s.get(BatchItem, item_id)
            if item.status == "running" and item.attempts == 2 and item.worker and item.worker != first:
                second = item.worker
        time.sleep(0.05)
    assert second is not None, "the document was not tried again"
    kill(second)
    _out, err = client.communicate(timeout=600)
    assert client.returncode == 1, err
    line = json.loads((tmp_path / "drept-to-ganger.jsonl").read_text(encoding="utf-8"))
    assert line["error"]["code"] == "worker_crashed"
    assert "nytt forsøk" in line["error"]["message"]
    with store.session() as s:
        item = s.get(BatchItem, item_id)
        assert (item.status, item.attempts) == ("failed", 2)


def test_a_broker_that_comes_back_empty_loses_no_document(servers, store, workers, render_pdf, tmp_path):
    """The broker crashes and restarts without its data (the worst case: the queue is gone); the
    store still knows what is pending, and the reconcilers send it again."""
    import shutil

    from nlp_service.store.models import Batch, BatchItem

    redis, _pg = servers
    folder = tmp_path / "in"
    folder.mkdir()
    sources = [("a1-009", "letter"), ("a2-013", "form"), ("a3-016", "letter"), ("a4-019", "form"),
               ("a5-020", "letter"), ("a1-021", "form")]
    for source, layout in sources:
        (folder / f"{source}.pdf").write_bytes(render_pdf(source, layout, doc_id=f"tom-{source}"))
    client = subprocess.Popen([CLI, "triage", str(folder), "--out", str(tmp_path / "out.jsonl"), "--queue", "--quiet",
                               "--name", "tom-megler"], cwd=REPO, env=_env(servers, tmp_path / "client"),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        with store.session() as s:
            finished = s.scalar(select(func.count()).select_from(BatchItem).join(Batch).where(
                Batch.name == "tom-megler", BatchItem.status == "done"))
        if finished >= 1:
            break
        time.sleep(0.1)
    redis.stop(kill=True)
    shutil.rmtree(redis.folder / "appendonlydir", ignore_errors=True)
    redis.start()
    _out, err = client.communicate(timeout=600)
    assert client.returncode == 0, err
    lines = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(x["file"] for x in lines) == sorted(f"{src}.pdf" for src, _ in sources)
    assert all(x["error"] is None for x in lines)
