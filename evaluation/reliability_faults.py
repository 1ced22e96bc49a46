"""Faults on the distributed queue, for real: a worker killed mid-document, the broker killed and
restarted (with its data, and once without), and the web service killed and restarted mid-batch.

    python evaluation/reliability_faults.py [--docs N] [--json PATH]

It starts its own redis-server (append-only file, synced on every write) and PostgreSQL on
loopback (Debian's packages, as the tests do), two ``nlp-service worker`` processes of one
process each with data folders of their own (as on two machines), sends batches with
``nlp-service triage --queue`` and through the API, and breaks things while they run. For each
scenario it prints what happened and checks, in PostgreSQL, that every document ended done or
failed with a reason, none twice, none lost. Figures for evaluation/RELIABILITY.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "evaluation"))

from sqlalchemy import func, select  # noqa: E402

CLI = str(Path(sys.executable).parent / "nlp-service")


def _render(start: int, count: int, folder: Path, scanned_every: int = 0) -> list[Path]:
    from nlp_service.corpus.render import Layout, render_pdf

    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted((REPO / "corpora" / "applications").glob("*.txt"))[start:start + count]
    layouts = ("letter", "form", "two_column", "ocr_damaged")
    out = []
    for i, path in enumerate(sources):
        layout = "scanned" if scanned_every and i % scanned_every == scanned_every - 1 else layouts[i % len(layouts)]
        target = folder / f"{path.stem}.pdf"
        target.write_bytes(render_pdf(path.read_text(encoding="utf-8"), path.stem, Layout(name=layout),
                                      header="Søknad om tilskudd 2025", footer="TUKI 2025"))
        out.append(target)
    return out


class Lab:
    """The servers, the workers and a store to look at."""

    def __init__(self, root: Path) -> None:
        from nlp_service.config import Settings
        from nlp_service.store import Store
        from nlp_service.testing.servers import PostgresServer, RedisServer

        self.root = root
        self.redis = RedisServer(root / "redis").start()
        self.pg = PostgresServer(root / "pg").start()
        self.cache = root / "cache"
        self.cache.mkdir()
        self.store = Store(Settings(data_dir=root / "observer"), url=self.pg.url)
        self.store.create_all()
        self.workers: dict[str, subprocess.Popen] = {}

    def env(self, data: Path, **extra: str) -> dict[str, str]:
        data.mkdir(parents=True, exist_ok=True)
        if not (data / "cache").exists():
            (data / "cache").symlink_to(self.cache)
        return {**os.environ, "NLP_SERVICE_DATA_DIR": str(data), "NLP_SERVICE_BROKER_URL": self.redis.url,
                "NLP_SERVICE_DATABASE_URL": self.pg.url, "NLP_SERVICE_LEASE_S": "20", **extra}

    def start_worker(self, name: str) -> None:
        log = open(self.root / f"{name}.log", "ab")
        self.workers[name] = subprocess.Popen([CLI, "worker", "--concurrency", "1", "--name", name], cwd=REPO,
                                              env=self.env(self.root / name), stdout=log, stderr=subprocess.STDOUT,
                                              start_new_session=True)

    def triage(self, folder: Path, name: str) -> subprocess.Popen:
        return subprocess.Popen([CLI, "triage", str(folder), "--out", str(self.root / f"{name}.jsonl"), "--queue",
                                 "--quiet", "--name", name], cwd=REPO, env=self.env(self.root / "client"),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def items(self, batch_name: str) -> list:
        from nlp_service.store.models import Batch, BatchItem

        with self.store.session() as s:
            return list(s.scalars(select(BatchItem).join(Batch).where(Batch.name == batch_name)))

    def wait(self, batch_name: str, predicate, timeout_s: float = 900, poll_s: float = 0.05):  # noqa: ANN001
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            items = self.items(batch_name)
            hit = predicate(items)
            if hit:
                return hit
            time.sleep(poll_s)
        raise SystemExit(f"timed out waiting in batch {batch_name}")

    def verdict(self, batch_name: str, expected: int) -> dict:
        """Every document done or failed with a reason, once; analyses stored once per document."""
        from nlp_service.store.models import AnalysisRecord

        items = self.items(batch_name)
        with self.store.session() as s:
            doc_ids = [i.document_id for i in items if i.document_id]
            per_doc = dict(s.execute(select(AnalysisRecord.document_id, func.count()).where(
                AnalysisRecord.document_id.in_(doc_ids)).group_by(AnalysisRecord.document_id)).all())
        return {
            "files": expected, "items": len(items),
            "done": sum(i.status == "done" for i in items),
            "failed": sum(i.status == "failed" for i in items),
            "failed_without_reason": sum(i.status == "failed" and not i.error_message for i in items),
            "unfinished": sum(i.status in ("pending", "running") for i in items),
            "lost": expected - sum(i.status in ("done", "failed") for i in items),
            "duplicate_analyses": sum(n - 1 for n in per_doc.values() if n > 1),
            "max_attempts": max((i.attempts for i in items), default=0),
            "workers": len({(i.worker or "").rpartition(":")[2] for i in items if i.worker}),
        }

    def close(self) -> None:
        for p in self.workers.values():
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in self.workers.values():
            try:
                p.wait(timeout=60)
            except subprocess.TimeoutExpired:
                pass
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.store.engine.dispose()
        self.redis.stop()
        self.pg.stop()


def _kill_pid(worker: str) -> int:
    pid = int(worker.rpartition(":")[2])
    os.kill(pid, signal.SIGKILL)
    return pid


def scenario_worker_killed(lab: Lab, n: int) -> dict:
    folder = lab.root / "in-kill"
    files = _render(0, n, folder, scanned_every=4)
    t0 = time.perf_counter()
    client = lab.triage(folder, "kill")
    kills = []
    for _ in range(2):  # kill the worker process of a running document, twice during the batch
        item = lab.wait("kill", lambda items: next((i for i in items if i.status == "running" and i.worker
                                                    and i.attempts == 1 and i.id not in [k["item"] for k in kills]),
                                                   None))
        kills.append({"item": item.id, "worker": item.worker, "pid": _kill_pid(item.worker),
                      "at_s": round(time.perf_counter() - t0, 1)})
        time.sleep(3)
    client.communicate(timeout=1800)
    wall = time.perf_counter() - t0
    by_id = {i.id: i for i in lab.items("kill")}
    for k in kills:
        i = by_id[k["item"]]
        k.update(status=i.status, attempts=i.attempts, error=i.error_code)
    # Killed on both tries: one scanned document alone, its worker process killed twice.
    folder2 = lab.root / "in-kill-twice"
    _render(n, 1, folder2, scanned_every=1)
    client = lab.triage(folder2, "kill-twice")
    first = lab.wait("kill-twice", lambda items: next((i for i in items if i.status == "running" and i.worker), None))
    _kill_pid(first.worker)
    second = lab.wait("kill-twice", lambda items: next(
        (i for i in items if i.status == "running" and i.attempts == 2 and i.worker != first.worker), None))
    _kill_pid(second.worker)
    client.communicate(timeout=900)
    twice = lab.items("kill-twice")[0]
    return {"wall_s": round(wall, 1), "kills": kills, "verdict": lab.verdict("kill", len(files)),
            "killed_twice": {"status": twice.status, "attempts": twice.attempts, "error": twice.error_code,
                             "message": twice.error_message}}


def scenario_broker_restart(lab: Lab, n: int, start: int, lose_data: bool) -> dict:
    name = "broker-lost-data" if lose_data else "broker-restart"
    folder = lab.root / f"in-{name}"
    files = _render(start, n, folder)
    t0 = time.perf_counter()
    client = lab.triage(folder, name)
    lab.wait(name, lambda items: sum(i.status in ("done", "failed") for i in items) >= 3, poll_s=0.2)
    finished_before = sum(i.status in ("done", "failed") for i in lab.items(name))
    lab.redis.stop(kill=True)  # a crash, not a clean stop
    down_at = time.perf_counter()
    if lose_data:
        shutil.rmtree(lab.redis.folder / "appendonlydir", ignore_errors=True)
    time.sleep(5)
    lab.redis.start()
    back_at = time.perf_counter()
    client.communicate(timeout=1800)
    wall = time.perf_counter() - t0
    return {"wall_s": round(wall, 1), "finished_before_crash": finished_before, "broker_down_s": round(back_at - down_at, 1),
            "finish_after_broker_back_s": round(time.perf_counter() - back_at, 1), "client_exit": client.returncode,
            "verdict": lab.verdict(name, len(files))}


def scenario_service_restart(lab: Lab, n: int, start: int) -> dict:
    import secrets

    import httpx

    from reliability_load import Service, login_and_make_token, start_service, wait_ready

    data = lab.root / "service" / "data"
    data.mkdir(parents=True)
    (data / "cache").symlink_to(lab.cache)
    password = secrets.token_urlsafe(18)
    env = {"NLP_SERVICE_BROKER_URL": lab.redis.url, "NLP_SERVICE_DATABASE_URL": lab.pg.url}
    service = start_service(data, password, env)
    wait_ready(service)
    service.token = login_and_make_token(service, password)
    files = _render(start, n, lab.root / "in-service")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for f in files:
            zf.writestr(f.name, f.read_bytes())
    headers = {"Authorization": f"Bearer {service.token}"}
    t0 = time.perf_counter()
    with httpx.Client(base_url=service.base, timeout=120, headers=headers) as c:
        r = c.post("/api/batches", files={"files": ("bunke.zip", buf.getvalue(), "application/zip")},
                   data={"name": "service-restart"})
        r.raise_for_status()
        batch_id = r.json()["batch_id"]
    lab.wait("service-restart", lambda items: sum(i.status == "done" for i in items) >= 2, poll_s=0.2)
    done_before = sum(i.status == "done" for i in lab.items("service-restart"))
    os.killpg(service.proc.pid, signal.SIGKILL)  # the service dies mid-batch
    service.proc.wait()
    killed_at = time.perf_counter()
    with open(service.log_path, "ab") as log:  # the same service, started again
        proc = subprocess.Popen([CLI, "serve", "--host", "127.0.0.1", "--port", str(service.port)],
                                env={**os.environ, "NLP_SERVICE_DATA_DIR": str(data), **env}, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
    service = Service(data, service.port, proc, service.log_path, service.token)
    ready_s = wait_ready(service)
    with httpx.Client(base_url=service.base, timeout=60, headers=headers) as c:
        deadline = time.monotonic() + 1800
        while time.monotonic() < deadline:
            progress = c.get(f"/api/batches/{batch_id}").json()
            if progress.get("status") == "done":
                break
            time.sleep(1)
        items = progress.get("items") or []
        readable = 0
        for item in items:
            if item.get("document_id"):
                readable += c.get(f"/api/documents/{item['document_id']}").status_code == 200
    wall = time.perf_counter() - t0
    service.stop()
    return {"wall_s": round(wall, 1), "done_before_kill": done_before, "service_ready_again_s": round(ready_s, 1),
            "finish_after_kill_s": round(time.perf_counter() - killed_at, 1), "status": progress.get("status"),
            "results_readable_via_api": readable, "verdict": lab.verdict("service-restart", len(files))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=12, help="documents per batch (default 12)")
    ap.add_argument("--json", type=Path, default=None, help="write the figures here too")
    ap.add_argument("--keep", action="store_true", help="keep the working folder (logs, outputs)")
    args = ap.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="nlp-faults-"))
    lab = Lab(root)
    report: dict = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "docs_per_batch": args.docs,
                    "load_average_start": os.getloadavg()}
    try:
        for name in ("maskin-a", "maskin-b"):
            lab.start_worker(name)
        n = args.docs
        steps = [("worker_killed", lambda: scenario_worker_killed(lab, n)),
                 ("broker_restart", lambda: scenario_broker_restart(lab, n, n + 1, lose_data=False)),
                 ("broker_lost_its_data", lambda: scenario_broker_restart(lab, n, 2 * n + 1, lose_data=True)),
                 ("service_restart", lambda: scenario_service_restart(lab, n, 3 * n + 1))]
        for key, step in steps:
            t = time.perf_counter()
            report[key] = step()
            print(f"== {key} ({time.perf_counter() - t:.0f} s)\n{json.dumps(report[key], indent=1, ensure_ascii=False)}",
                  flush=True)
    finally:
        report["load_average_end"] = os.getloadavg()
        lab.close()
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
        else:
            print(f"kept: {root}")
    problems = [k for k, v in report.items() if isinstance(v, dict) and "verdict" in v
                and (v["verdict"]["lost"] or v["verdict"]["duplicate_analyses"] or v["verdict"]["unfinished"]
                     or v["verdict"]["failed_without_reason"])]
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    print("OK: no document lost, none analysed twice" if not problems else f"PROBLEMS in {problems}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
