"""Bulk triage benchmark: the whole analysis in the worker pool against bare pdfplumber, same PDFs, one run.

    python evaluation/bench_triage.py [--docs 200] [--workers N] [--cache DIR] [--single 10] [--text-only]

Generates (once; cached in ``--cache``, default ``/tmp/nlp-service-bench-triage``) applications of
8-20 pages: one corpus application (its form fields and budget) followed by the narrative of other
corpus sources until the document reaches its drawn length, in letter, form, two-column and
OCR-damaged layouts; about 10 % are image-only scans (``Layout('scan')``), read by OCR. Then, in one
run:

1. ``nlp-service triage`` as the command runs it, warm: a :class:`~nlp_service.jobs.runner.WorkerPool`
   (models loaded first, timed apart), a fresh SQLite store (so nothing is taken from earlier
   results), every document through ``run_batch``. Prints documents/minute, pages/s, p50 and p95
   seconds per document (the worker's own time for one document, ingest included), and the peak
   resident memory of each worker (alone, and with its ingest child).
2. One document at a time through the warm pool: the latency of a ~15-page text application.
3. Bare single-process pdfplumber ``extract_text`` over the same files, and the ratio.

``--text-only`` leaves the scans out (both sides read the same text-layer files).

The machine's load average is printed: other processes on the same cores lower the figures. So the
CPU seconds of both sides are printed too (triage: the pool's workers, their ingest children and
the tesseract processes those start, read from /proc; pdfplumber: this process), with the wall ratio
they imply on idle cores, which other sessions on a shared machine disturb much less.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CACHE_VERSION = "v1"
TEXT_LAYOUTS = ("letter", "form", "two_column", "ocr_damaged")


def _loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def _tree_cpu(root: int) -> float:
    """CPU seconds (user + system) of the live descendants of ``root``, with their reaped children.

    A reaped child's time is in its parent's ``cutime``/``cstime`` (the tesseract runs in the ingest
    child's, a replaced ingest child in its worker's), a live one is counted itself: no double count.
    """
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        parents[pid] = int(fields[1])
        times[pid] = sum(int(fields[i]) for i in (11, 12, 13, 14)) / tick  # utime stime cutime cstime
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    total, todo = 0.0, list(children.get(root, []))
    while todo:
        pid = todo.pop()
        total += times.get(pid, 0.0)
        todo.extend(children.get(pid, []))
    return total


def _narrative(text: str) -> str:
    """A source without its form fields and tables: what an application's later sections read like."""
    return "\n".join(line for line in text.splitlines()
                     if not line.lstrip().startswith("|") and not re.match(r"^[\w ]{1,40}: ", line))


def _plan(i: int) -> tuple[int, str]:
    """Document i: its target pages and layout (deterministic; every tenth is a scan)."""
    rng = random.Random(f"bench-triage-{i}")
    pages = rng.randint(8, 20)
    layout = "scan" if i % 10 == 7 else TEXT_LAYOUTS[rng.randrange(len(TEXT_LAYOUTS))]
    return pages, layout


def _make_one(args: tuple[int, str]) -> dict:
    import pypdfium2 as pdfium

    from nlp_service.corpus.render import Layout, render_pdf

    i, folder = args
    path = Path(folder) / f"soknad-{i:04d}.pdf"
    target, layout = _plan(i)
    sources = sorted((REPO / "corpora" / "applications").glob("*.txt"))
    rng = random.Random(f"bench-triage-sources-{i}")
    first = sources[i % len(sources)]
    text = first.read_text(encoding="utf-8")
    words_per_page = 330  # a first guess, corrected after one render
    others = [s for s in sources if s != first]
    rng.shuffle(others)
    k = 0
    pages = 0
    text_layout = Layout(name="letter" if layout == "scan" else layout)
    for _ in range(6):
        while len(text.split()) < target * words_per_page and k < len(others):
            text += "\n\n" + _narrative(others[k].read_text(encoding="utf-8"))
            k += 1
        pdf = render_pdf(text, f"bench-{i}", text_layout, header="Søknad om tilskudd 2025",
                         footer="Tilskudd til utvikling av kvalifiserings- og integreringstiltak")
        pages = len(pdfium.PdfDocument(pdf))
        if pages >= target or k >= len(others):
            break
        words_per_page = max(100, int(len(text.split()) / max(pages, 1)))
    if pages > target:  # trim whole paragraphs from the end until it fits
        paragraphs = text.split("\n\n")
        while pages > target and len(paragraphs) > 4:
            paragraphs = paragraphs[: max(4, int(len(paragraphs) * target / pages))]
            text = "\n\n".join(paragraphs)
            pdf = render_pdf(text, f"bench-{i}", text_layout, header="Søknad om tilskudd 2025",
                             footer="Tilskudd til utvikling av kvalifiserings- og integreringstiltak")
            pages = len(pdfium.PdfDocument(pdf))
            if pages < 8:
                break
    if layout == "scan":
        from nlp_service.corpus.render import rasterise

        pdf = rasterise(pdf, f"bench-{i}")
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(pdf)
    os.replace(tmp, path)
    return {"file": path.name, "pages": pages, "layout": layout}


def generate(folder: Path, docs: int, jobs: int) -> list[dict]:
    """The cached PDFs (made on first use); their pages and layouts from ``manifest.json``."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    missing = [i for i in range(docs) if f"soknad-{i:04d}.pdf" not in manifest
               or not (folder / f"soknad-{i:04d}.pdf").exists()]
    if missing:
        print(f"generating {len(missing)} PDFs in {folder} (once) ...", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        with ProcessPoolExecutor(max_workers=jobs) as ex:
            for n, entry in enumerate(ex.map(_make_one, [(i, str(folder)) for i in missing], chunksize=2), 1):
                manifest[entry["file"]] = entry
                if n % 20 == 0:
                    print(f"  {n}/{len(missing)}", file=sys.stderr, flush=True)
                    manifest_path.write_text(json.dumps(manifest, indent=0), encoding="utf-8")
        manifest_path.write_text(json.dumps(manifest, indent=0), encoding="utf-8")
        print(f"generated in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    return [manifest[f"soknad-{i:04d}.pdf"] for i in range(docs)]


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=200, help="number of applications (default 200)")
    ap.add_argument("--workers", type=int, default=None, help="worker processes (default: one per core)")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "nlp-service-bench-triage",
                    help="folder for the generated PDFs and the data folder's caches (kept between runs)")
    ap.add_argument("--single", type=int, default=10,
                    help="~15-page text applications timed one at a time in the warm pool (default 10)")
    ap.add_argument("--text-only", action="store_true",
                    help="leave the scanned applications out (the same generated set, its text-layer files)")
    args = ap.parse_args(argv)

    pdf_dir = args.cache / f"pdfs-{CACHE_VERSION}"
    data_dir = args.cache / "data"  # the earlier-projects index is built here once
    os.environ["NLP_SERVICE_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    from nlp_service.jobs.runner import (Job, WorkerPool, available_cores, batch_results, collect_folder,
                                         prepare_batch, run_batch)
    from nlp_service.config import get_settings
    from nlp_service.store import Store
    from nlp_service.store.models import BatchItem

    entries = generate(pdf_dir, args.docs, available_cores())
    if args.text_only:
        entries = [e for e in entries if e["layout"] != "scan"]
    pages_of = {e["file"]: e["pages"] for e in entries}
    layout_of = {e["file"]: e["layout"] for e in entries}
    folder = Path(tempfile.mkdtemp(prefix="bench-triage-in-"))
    for e in entries:  # the batch's folder: links to the cached files
        os.symlink(pdf_dir / e["file"], folder / e["file"])
    total_pages = sum(pages_of.values())
    scans = sum(1 for e in entries if e["layout"] == "scan")

    settings = get_settings()
    run_dir = Path(tempfile.mkdtemp(prefix="bench-triage-store-"))
    store = Store(settings, url=f"sqlite:///{run_dir / 'store.sqlite3'}")
    store.create_all()
    print(f"load average before: {_loadavg()}; {available_cores()} cores", flush=True)

    with WorkerPool(workers=args.workers, settings=settings) as pool:
        t0 = time.perf_counter()
        pool.wait_ready(all_workers=True)
        startup = time.perf_counter() - t0
        batch_id, _ = prepare_batch(store, collect_folder(folder), name="bench", source=str(folder))
        cpu0, own0 = _tree_cpu(os.getpid()), time.process_time()
        t0 = time.perf_counter()
        summary = run_batch(store, batch_id, pool, progress=True)
        wall = time.perf_counter() - t0
        pool_cpu = _tree_cpu(os.getpid()) - cpu0
        own_cpu = time.process_time() - own0
        with store.session() as s:
            items = list(s.query(BatchItem).filter(BatchItem.batch_id == batch_id))
        results = {r["file"]: r for r in batch_results(store, batch_id)}
        seconds = [i.seconds for i in items if i.seconds is not None]
        text_seconds = [i.seconds for i in items if i.seconds is not None and layout_of[i.file_name] != "scan"]
        scan_seconds = [i.seconds for i in items if i.seconds is not None and layout_of[i.file_name] == "scan"]
        stats = pool.stats()

        # One document at a time, warm: ~15-page text applications.
        fifteen = [e for e in entries if e["layout"] != "scan" and 14 <= e["pages"] <= 16][: args.single]
        single = []
        for e in fifteen:
            sha = results[e["file"]]["sha256"]
            for outcome in pool.process([Job(key=sha, path=store.file_path(sha), name=e["file"])]):
                single.append(outcome.seconds)
    errors = {}
    for r in results.values():
        if r.get("error"):
            errors[r["error"]["code"]] = errors.get(r["error"]["code"], 0) + 1

    import pdfplumber

    t0 = time.perf_counter()
    c0 = time.process_time()
    plumber_chars = 0
    plumber_doc: dict[str, float] = {}
    for e in entries:
        t1 = time.perf_counter()
        with pdfplumber.open(pdf_dir / e["file"]) as pdf:
            for page in pdf.pages:
                plumber_chars += len(page.extract_text() or "")
        plumber_doc[e["file"]] = time.perf_counter() - t1
    plumber = time.perf_counter() - t0
    plumber_cpu = time.process_time() - c0

    n = len(entries)
    print()
    print(f"{n} applications, {total_pages} pages ({scans} scanned, OCR), {pool.size} workers, "
          f"{pool.threads} torch thread(s) each; load average after: {_loadavg()}")
    print(f"start-up (models loaded once per worker, in parallel): {startup:.1f} s")
    print(f"results: {summary.done} analysed, {summary.failed} failed {errors or ''}")
    print()
    print(f"{'':<42}{'seconds':>9}{'docs/min':>10}{'pages/s':>9}")
    print(f"{'triage, whole analysis (warm pool)':<42}{wall:>9.1f}{n / wall * 60:>10.1f}{total_pages / wall:>9.2f}")
    print(f"{'bare pdfplumber extract_text (1 process)':<42}{plumber:>9.1f}{n / plumber * 60:>10.1f}"
          f"{total_pages / plumber:>9.2f}")
    ratio = plumber / wall
    print(f"ratio (pdfplumber time / triage time): {ratio:.2f}x  [aim >= 2x]")
    # Text-layer documents alone (pdfplumber reads nothing from a scan, the service runs OCR on it):
    # the pool's time for them estimated from the workers' per-document seconds.
    text_files = [i.file_name for i in items if i.seconds is not None and layout_of[i.file_name] != "scan"]
    text_pool = sum(i.seconds for i in items if i.file_name in set(text_files)) / pool.size
    text_plumber = sum(plumber_doc[f] for f in text_files)
    if text_pool:
        print(f"text-layer documents only ({len(text_files)}): pdfplumber {text_plumber:.0f} s, triage about "
              f"{text_pool:.0f} s of pool time: {text_plumber / text_pool:.2f}x")
    triage_cpu = pool_cpu + own_cpu
    print(f"CPU seconds: triage {triage_cpu:.0f} ({pool_cpu:.0f} in the pool's processes and their "
          f"tesseract runs, {own_cpu:.0f} in the batch's own process), pdfplumber {plumber_cpu:.0f}; "
          f"per page {triage_cpu / total_pages:.3f} s and {plumber_cpu / total_pages:.3f} s")
    print(f"  on {pool.size} idle cores the CPU seconds imply a ratio of about "
          f"{plumber_cpu / (triage_cpu / pool.size):.2f}x (pdfplumber on one core, triage on {pool.size})")
    print(f"  the 2x aim needs about {math.ceil(2 * triage_cpu / max(plumber_cpu, 1e-9))} idle cores for the pool "
          f"at this CPU cost per page (one worker per core, OCR included)")
    busy = sum(seconds) / (wall * pool.size) if wall else 0.0
    print(f"pool occupancy: {busy:.0%} (the workers' per-document seconds, {sum(seconds):.0f} s in all, "
          f"over wall time x {pool.size} workers; the rest is dispatch, store writes and waiting)")
    print()
    print("seconds per document (worker's own time, ingest included; the workers share the cores):")
    print(f"  all:          p50 {_pct(seconds, .5):6.2f}   p95 {_pct(seconds, .95):6.2f}   (n={len(seconds)})")
    print(f"  text layer:   p50 {_pct(text_seconds, .5):6.2f}   p95 {_pct(text_seconds, .95):6.2f}")
    print(f"  scanned:      p50 {_pct(scan_seconds, .5):6.2f}   p95 {_pct(scan_seconds, .95):6.2f}")
    if single:
        print(f"one ~15-page text application at a time, warm pool: p50 {statistics.median(single):.2f} s, "
              f"max {max(single):.2f} s (n={len(single)})  [aim p50 <= 1.5 s]")
    print()
    print("peak resident memory per worker (MB):")
    for k, (alone, tree, docs) in enumerate(zip(stats.peak_rss_mb, stats.peak_rss_with_ingest_mb,
                                                stats.docs_per_worker)):
        print(f"  worker {k}: {alone:7.0f} alone, {tree:7.0f} with its ingest child ({docs} documents)")
    worst = max(stats.peak_rss_mb) if stats.peak_rss_mb else 0
    print(f"  largest: {worst:.0f} MB  [aim <= 1536 MB]; worker restarts: {stats.restarts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
