"""Load on the real service: concurrent uploads through the API, then a check that nothing was lost.

    nice -n 5 .venv/bin/python evaluation/reliability_load.py [--uploads 50] [--good 40] [--route documents|batches]
                                                             [--json-out PATH] [--keep]

Starts ``nlp-service serve`` (uvicorn) in a subprocess on a free port with a fresh data folder under
/tmp, creates a user with ``nlp-service users create``, logs in through the login form (cookie and
CSRF token) and makes an API token with ``POST /api/tokens``. It waits until ``/api/health`` says the
models are loaded, then:

Round 1: ``--uploads`` (50) concurrent uploads, one application PDF each, all distinct (corpus
  applications rendered by ``nlp_service.corpus.render`` in letter, form, two-column and OCR-damaged
  layouts).
Round 2: ``--good`` (40) other applications with 10 hostile files mixed in, in a shuffled order, all
  concurrent: the eight hostile kinds of ``nlp_service.corpus.hostile`` that must give an error (not a
  PDF, text named .pdf, empty, truncated, corrupt, encrypted, decompression bomb, circular page tree),
  a zip with a zip-slip entry and a zip bomb.

``--route documents`` (default) posts to ``POST /api/documents``, which answers when the analysis is
stored: the upload request is then the whole upload-to-analysis-done time. ``--route batches`` posts
to ``POST /api/batches`` (answers 202 at once) and polls ``GET /api/batches/{id}`` until the batch is
done: two different latencies.

Afterwards every upload is checked through the API (``GET /api/documents/{id}``: the stored analysis
has the uploaded file's sha256, good files have no error and an area, hostile files a typed error
code) and in the store itself (the SQLite file: one document row and one analysis per distinct file,
the file kept under its sha256 name, no duplicates, nothing else). Prints p50/p95/max latency,
throughput and errors per round; exit status 1 when a check failed.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import re
import secrets
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

VENV_BIN = Path(sys.executable).parent
USER = "lasttest"
LAYOUTS = ("letter", "form", "two_column", "ocr_damaged")
#: The hostile files of nlp_service.corpus.hostile that must end in an error (the other two are read).
HOSTILE_NAMES = ("not_pdf.pdf", "text_named_pdf.pdf", "empty.pdf", "truncated.pdf", "corrupt.pdf", "encrypted.pdf",
                 "bomb.pdf", "circular.pdf")


# --- inputs --------------------------------------------------------------------------------------------


@dataclass
class Upload:
    name: str
    data: bytes
    kind: str  # good | hostile
    expected_code: str | None = None  # for hostile files
    content_type: str = "application/pdf"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def good_uploads(start: int, count: int) -> list[Upload]:
    """``count`` distinct applications of the corpus from index ``start``, rendered in turn in each layout."""
    from nlp_service.corpus.render import Layout, render_pdf

    sources = sorted((REPO / "corpora" / "applications").glob("*.txt"))
    if start + count > len(sources):
        raise SystemExit(f"the corpus has {len(sources)} applications; asked for {start + count}")
    out = []
    for i, path in enumerate(sources[start:start + count]):
        layout = LAYOUTS[(start + i) % len(LAYOUTS)]
        pdf = render_pdf(path.read_text(encoding="utf-8"), path.stem, Layout(name=layout),
                         header="Søknad om tilskudd 2025", footer="Tilskudd til kvalifiserings- og integreringstiltak")
        out.append(Upload(f"soknad-{path.stem}.pdf", pdf, "good"))
    return out


def _zip(entries: list[tuple[str, bytes]]) -> bytes:
    from nlp_service.corpus.hostile import zip_of

    return zip_of(entries)


def hostile_uploads(folder: Path) -> list[Upload]:
    from nlp_service.corpus.hostile import EXPECTED_CODES, simple_pdf, write_hostile_set

    paths = write_hostile_set(folder)
    out = [Upload(f"fiendtlig-{name}", paths[name].read_bytes(), "hostile", EXPECTED_CODES[name])
           for name in HOSTILE_NAMES]
    assert all(u.expected_code for u in out)
    # A zip whose one entry leaves the target folder, and a zip bomb (60 MB of zeros, about 1000:1).
    out.append(Upload("zip-slip.zip", _zip([("../../utenfor.pdf", simple_pdf())]), "hostile", "zip_unsafe_path",
                      "application/zip"))
    out.append(Upload("zip-bombe.zip", _zip([("bombe.pdf", b"\0" * (60 * 1024 * 1024))]), "hostile", "zip_bomb",
                      "application/zip"))
    return out


# --- the service ---------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Service:
    data_dir: Path
    port: int
    proc: subprocess.Popen
    log_path: Path
    token: str = ""

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)  # uvicorn's graceful stop (the lifespan closes the pools)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        return self.proc.returncode

    def peak_rss_mb(self) -> float:
        from nlp_service.jobs.runner import peak_rss_bytes

        return peak_rss_bytes(self.proc.pid) / (1024 * 1024)


def start_service(data_dir: Path, password: str, env_extra: dict[str, str] | None = None,
                  verbose: bool = False) -> Service:
    """``nlp-service serve`` on a free port with its own data folder and one user («lasttest»); its
    stdout and stderr go to ``server.log`` beside the data folder."""
    env = {**os.environ, "NLP_SERVICE_DATA_DIR": str(data_dir), **(env_extra or {})}
    cli = str(VENV_BIN / "nlp-service")
    subprocess.run([cli, "users", "create", USER, "--role", "saksbehandler", "--password-stdin"],
                   input=password + "\n", text=True, env=env, check=True, capture_output=True)
    port = free_port()
    log_path = data_dir.parent / "server.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([cli, *(["-v"] if verbose else []), "serve", "--host", "127.0.0.1", "--port", str(port)],
                                env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    return Service(data_dir, port, proc, log_path)


def wait_ready(service: Service, timeout_s: float = 600) -> float:
    """Seconds until /api/health answers with the models loaded."""
    started = time.perf_counter()
    with httpx.Client(base_url=service.base, timeout=10) as c:
        while time.perf_counter() - started < timeout_s:
            if service.proc.poll() is not None:
                raise SystemExit(f"the service stopped (status {service.proc.returncode}); see {service.log_path}")
            try:
                r = c.get("/api/health")
                if r.status_code == 200 and r.json().get("models") == "ready":
                    return time.perf_counter() - started
                if r.json().get("models") == "error":
                    raise SystemExit(f"the models failed to load; see {service.log_path}")
            except httpx.TransportError:
                pass
            time.sleep(0.5)
    raise SystemExit("the service was not ready in time")


def login_and_make_token(service: Service, password: str) -> str:
    """The browser's way in (login form with its CSRF token), then an API token for the load."""
    with httpx.Client(base_url=service.base, timeout=30) as c:
        page = c.get("/login")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        r = c.post("/login", data={"username": USER, "password": password, "csrf_token": csrf, "neste": "/dokumenter"})
        if r.status_code != 303:
            raise SystemExit(f"login failed: {r.status_code}")
        page = c.get("/dokumenter")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        r = c.post("/api/tokens", json={"name": "lasttest"}, headers={"X-CSRF-Token": csrf})
        if r.status_code != 201:
            raise SystemExit(f"making an API token failed: {r.status_code}")
        return r.json()["token"]


# --- one round -----------------------------------------------------------------------------------------


@dataclass
class Outcome:
    upload: Upload
    status: int = 0
    upload_s: float = 0.0  # the upload request
    done_s: float = 0.0  # upload start to analysis stored
    results: list[dict] = field(default_factory=list)  # {file, document_id, code}
    transport_error: str = ""


async def _upload_documents(c: httpx.AsyncClient, u: Upload) -> Outcome:
    out = Outcome(u)
    started = time.perf_counter()
    try:
        r = await c.post("/api/documents", files=[("files", (u.name, u.data, u.content_type))])
    except httpx.HTTPError as exc:
        out.transport_error = type(exc).__name__
        return out
    out.upload_s = out.done_s = time.perf_counter() - started
    out.status = r.status_code
    if r.status_code == 200:
        out.results = [{"file": d["file"], "document_id": d["document_id"],
                        "code": (d["analysis"].get("error") or {}).get("code")} for d in r.json()["documents"]]
    return out


#: How long one batch may take from its upload to ``done`` before it counts as lost.
BATCH_DEADLINE_S = 900.0


async def _upload_batch(c: httpx.AsyncClient, u: Upload, deadline_s: float = BATCH_DEADLINE_S,
                        poll_s: float = 0.5) -> Outcome:
    out = Outcome(u)
    started = time.perf_counter()
    try:
        r = await c.post("/api/batches", files=[("files", (u.name, u.data, u.content_type))], data={"name": u.name})
        out.upload_s = time.perf_counter() - started
        out.status = r.status_code
        if r.status_code != 202:
            return out
        url = r.json()["progress_url"]
        while True:
            p = await c.get(url)
            body = p.json() if p.status_code == 200 else {"status": f"HTTP {p.status_code}"}
            if body["status"] == "done":
                break
            if body["status"] == "interrupted" or time.perf_counter() - started > deadline_s:
                out.transport_error = f"batch {body['status']} after {time.perf_counter() - started:.0f} s"
                return out
            await asyncio.sleep(poll_s)
    except httpx.HTTPError as exc:
        out.transport_error = type(exc).__name__
        return out
    out.done_s = time.perf_counter() - started
    out.results = [{"file": i["file_name"], "document_id": i["document_id"], "code": i["error_code"]}
                   for i in body["items"]]
    return out


async def run_round(service: Service, uploads: list[Upload], route: str,
                    deadline_s: float = BATCH_DEADLINE_S) -> tuple[list[Outcome], float]:
    limits = httpx.Limits(max_connections=len(uploads) + 5, max_keepalive_connections=len(uploads) + 5)
    async with httpx.AsyncClient(base_url=service.base, timeout=httpx.Timeout(900.0), limits=limits,
                                 headers={"Authorization": f"Bearer {service.token}"}) as c:
        started = time.perf_counter()
        if route == "documents":
            outcomes = await asyncio.gather(*(_upload_documents(c, u) for u in uploads))
        else:
            outcomes = await asyncio.gather(*(_upload_batch(c, u, deadline_s) for u in uploads))
        return list(outcomes), time.perf_counter() - started


# --- checks --------------------------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    """The q-quantile by the nearest-rank method (p95 of 50 values is the 48th smallest)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 1))  # ceil
    return ordered[int(rank) - 1]


def latency(values: list[float]) -> dict:
    return {"p50_s": round(pct(values, 0.50), 2), "p95_s": round(pct(values, 0.95), 2),
            "max_s": round(max(values), 2) if values else None, "mean_s": round(statistics.fmean(values), 2)
            if values else None}


def check_round(service: Service, outcomes: list[Outcome]) -> tuple[list[str], dict]:
    """Every upload answered, stored and readable through the API; returns (problems, per-kind counts)."""
    from nlp_service.errors import MESSAGES
    from nlp_service.jobs.zipsafe import ZIP_MESSAGES

    known = set(MESSAGES) | set(ZIP_MESSAGES)
    problems: list[str] = []
    counts = {"good_analysed": 0, "hostile_typed": 0, "transport_errors": 0, "http_errors": 0}
    with httpx.Client(base_url=service.base, timeout=60, headers={"Authorization": f"Bearer {service.token}"}) as c:
        for o in outcomes:
            u = o.upload
            if o.transport_error:
                counts["transport_errors"] += 1
                problems.append(f"{u.name}: {o.transport_error}")
                continue
            if o.status not in (200, 202) or len(o.results) != 1:
                counts["http_errors"] += 1
                problems.append(f"{u.name}: HTTP {o.status}, {len(o.results)} results")
                continue
            res = o.results[0]
            if u.kind == "good":
                if res["code"] is not None or not res["document_id"]:
                    problems.append(f"{u.name}: error {res['code']}")
                    continue
                a = c.get(f"/api/documents/{res['document_id']}")
                body = a.json() if a.status_code == 200 else {}
                if body.get("sha256") != u.sha256 or body.get("error") is not None or not body.get("area"):
                    problems.append(f"{u.name}: stored analysis missing or wrong ({a.status_code})")
                    continue
                counts["good_analysed"] += 1
            else:
                if res["code"] != u.expected_code or res["code"] not in known:
                    problems.append(f"{u.name}: code {res['code']}, expected {u.expected_code}")
                    continue
                if res["document_id"]:  # a file the analyzer refused is stored with its error
                    a = c.get(f"/api/documents/{res['document_id']}")
                    if a.status_code != 200 or (a.json().get("error") or {}).get("code") != u.expected_code:
                        problems.append(f"{u.name}: stored error missing ({a.status_code})")
                        continue
                counts["hostile_typed"] += 1
    return problems, counts


def check_store(service: Service, expected: dict[str, str]) -> list[str]:
    """The SQLite store holds exactly one document and one analysis per distinct stored file (sha256 ->
    kind), each file kept under its sha256 name with the same bytes, none under an uploaded name."""
    problems = []
    db = sqlite3.connect(f"file:{service.data_dir / 'nlp_service.sqlite3'}?mode=ro", uri=True)
    try:
        docs = db.execute("SELECT id, sha256, storage_name FROM documents").fetchall()
        per_doc = dict(db.execute("SELECT document_id, count(*) FROM analyses GROUP BY document_id").fetchall())
    finally:
        db.close()
    shas = [sha for _, sha, _ in docs]
    if len(shas) != len(set(shas)):
        problems.append(f"duplicate documents: {len(shas) - len(set(shas))}")
    missing = set(expected) - set(shas)
    extra = set(shas) - set(expected)
    if missing:
        problems.append(f"{len(missing)} uploads not in the store")
    if extra:
        problems.append(f"{len(extra)} documents in the store that were not uploaded")
    files_dir = service.data_dir / "files"
    for doc_id, sha, storage_name in docs:
        if per_doc.get(doc_id, 0) != 1:
            problems.append(f"document {doc_id}: {per_doc.get(doc_id, 0)} analyses")
        path = files_dir / storage_name
        if Path(storage_name).stem != sha or not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != sha:
            problems.append(f"document {doc_id}: file not kept under its sha256")
    names = {p.name for p in files_dir.rglob("*") if p.is_file()}
    if any(not re.fullmatch(r"[0-9a-f]{64}\.pdf", n) for n in names):
        problems.append("a stored file is not named by its sha256")
    return problems


def summarise(name: str, outcomes: list[Outcome], wall_s: float, counts: dict, problems: list[str]) -> dict:
    ok = [o for o in outcomes if not o.transport_error and o.status in (200, 202)]
    good = [o for o in ok if o.upload.kind == "good"]
    hostile = [o for o in ok if o.upload.kind == "hostile"]
    return {
        "round": name,
        "uploads": len(outcomes),
        "good": sum(1 for o in outcomes if o.upload.kind == "good"),
        "hostile": sum(1 for o in outcomes if o.upload.kind == "hostile"),
        "wall_s": round(wall_s, 1),
        "throughput_docs_per_min": round(60 * len(outcomes) / wall_s, 1),
        "upload_request": latency([o.upload_s for o in ok]),
        "upload_to_analysis_done": latency([o.done_s for o in ok]),
        "good_upload_to_analysis_done": latency([o.done_s for o in good]),
        "hostile_upload_to_analysis_done": latency([o.done_s for o in hostile]) if hostile else None,
        "hostile_codes": {o.upload.name: o.results[0]["code"] for o in hostile if o.results},
        **counts,
        "problems": problems,
    }


def print_round(s: dict) -> None:
    print(f"{s['round']}: {s['uploads']} concurrent uploads ({s['good']} good, {s['hostile']} hostile) in "
          f"{s['wall_s']} s, {s['throughput_docs_per_min']} documents/min")
    for key in ("upload_request", "upload_to_analysis_done", "good_upload_to_analysis_done",
                "hostile_upload_to_analysis_done"):
        if s.get(key):
            v = s[key]
            print(f"  {key:34s} p50 {v['p50_s']:7.2f} s   p95 {v['p95_s']:7.2f} s   max {v['max_s']:7.2f} s")
    print(f"  good analysed and stored: {s['good_analysed']}/{s['good']}; hostile with the expected typed error: "
          f"{s['hostile_typed']}/{s['hostile']}; transport errors {s['transport_errors']}, "
          f"HTTP errors {s['http_errors']}")
    if s["hostile_codes"]:
        print("  hostile codes: " + ", ".join(f"{k}={v}" for k, v in sorted(s["hostile_codes"].items())))
    for p in s["problems"]:
        print(f"  PROBLEM: {p}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--uploads", type=int, default=50, help="round 1: concurrent uploads of distinct applications")
    p.add_argument("--good", type=int, default=40, help="round 2: good applications (10 hostile files are added)")
    p.add_argument("--route", choices=("documents", "batches"), default="documents")
    p.add_argument("--batch-deadline", type=float, default=BATCH_DEADLINE_S,
                   help="--route batches: seconds a batch may take to be done before it counts as lost")
    p.add_argument("--json-out", type=Path)
    p.add_argument("--keep", action="store_true", help="keep the data folder")
    args = p.parse_args(argv)

    base = Path("/tmp/reliability")
    base.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="load-", dir=base))
    data_dir = work / "data"
    data_dir.mkdir()
    password = secrets.token_urlsafe(18)
    t0 = time.perf_counter()
    round1 = good_uploads(0, args.uploads)
    round2 = good_uploads(args.uploads, args.good) + hostile_uploads(work / "hostile")
    random.Random(20251130).shuffle(round2)
    print(f"reliability_load: {len(round1)} + {len(round2)} files made in {time.perf_counter() - t0:.1f} s; "
          f"data folder {data_dir}", file=sys.stderr, flush=True)

    service = start_service(data_dir, password)
    summary: dict = {"route": args.route, "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                     "load_average_before": os.getloadavg(), "cpus": os.cpu_count()}
    try:
        summary["ready_s"] = round(wait_ready(service), 1)
        service.token = login_and_make_token(service, password)
        print(f"reliability_load: service ready in {summary['ready_s']} s on port {service.port}", file=sys.stderr,
              flush=True)
        rounds = []
        for name, uploads in (("round 1", round1), ("round 2", round2)):
            outcomes, wall = asyncio.run(run_round(service, uploads, args.route, args.batch_deadline))
            problems, counts = check_round(service, outcomes)
            rounds.append(summarise(name, outcomes, wall, counts, problems))
            print_round(rounds[-1])
            sys.stdout.flush()
        # The store: every distinct file uploaded in both rounds that reached the analyzer, once.
        expected = {u.sha256: u.kind for u in round1 + round2 if not u.name.endswith(".zip")}
        store_problems = check_store(service, expected)
        summary.update(rounds=rounds, store_problems=store_problems, load_average_after=os.getloadavg(),
                       service_peak_rss_mb=round(service.peak_rss_mb(), 1))
    finally:
        rc = service.stop()
    summary["service_exit_status"] = rc
    with open(service.log_path, "rb") as fh:
        log_text = fh.read().decode("utf-8", "replace")
    summary["service_log_errors"] = sum(1 for line in log_text.splitlines() if " ERROR " in line or "Traceback" in line)
    print(f"store: {len(expected)} distinct files expected; "
          f"{'all stored once, each with one analysis' if not store_problems else store_problems}")
    print(f"service: peak RSS {summary['service_peak_rss_mb']} MB, exit status {rc}, "
          f"{summary['service_log_errors']} error lines in its log; load average before {summary['load_average_before']}"
          f", after {summary['load_average_after']}")
    if args.json_out:
        args.json_out.parent.mkdir(parents=True, exist_ok=True)
        args.json_out.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if not args.keep:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    failed = store_problems or any(r["problems"] for r in summary["rounds"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
