"""The triage over real PDFs: one result per file, exit codes, dedup, limits and dead workers."""

from __future__ import annotations

import json
import os
import signal
import threading
import time

from sqlalchemy import func, select, update



def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_mixed_folder_gives_one_result_per_file_and_exit_status_1(mixed_run, mixed_dir, good_sources,
                                                                    hostile_codes):
    from nlp_service.contract import Analysis

    store, out, rc = mixed_run
    results = _lines(out)
    pdfs = sorted(p.relative_to(mixed_dir).as_posix() for p in mixed_dir.rglob("*.pdf"))
    assert sorted(r["file"] for r in results) == pdfs  # one line per PDF, none twice, notat.txt left out
    assert rc == 1  # some files failed, the others were analysed
    by_file = {r["file"]: r for r in results}
    for r in results:
        Analysis.model_validate(r)  # every line is the contract's object
    for name, code in hostile_codes.items():
        r = by_file[f"rare/{name}"]
        if code is None:
            assert r["error"] is None and r["area"] is not None
        else:
            assert r["error"]["code"] == code and r["area"] is None
            assert "Error" not in r["error"]["message"] and len(r["error"]["message"]) > 10
    for i, (source, _) in enumerate(good_sources):
        r = by_file[("innkommet/" if i == 1 else "") + f"{source}.pdf"]
        assert r["error"] is None
        assert r["document"]["kind"] == "application" and r["document"]["pages"] >= 1
        assert set(r["area"]["probabilities"]) == {"1", "2", "3", "4", "5"}
    # The copy is the same bytes: the same analysis, under its own name.
    copy, original = by_file["kopi av søknad.pdf"], by_file[f"{good_sources[0][0]}.pdf"]
    assert copy["sha256"] == original["sha256"] and copy["area"] == original["area"]


def test_store_holds_the_batch_and_one_analysis_per_distinct_file(mixed_run, mixed_dir, hostile_codes):
    from nlp_service.jobs.runner import batch_progress
    from nlp_service.store.models import AnalysisRecord, Batch, BatchItem

    store, out, _ = mixed_run
    with store.session() as s:
        batch = s.scalars(select(Batch)).one()
        items = s.scalars(select(BatchItem).where(BatchItem.batch_id == batch.id)).all()
        analyses = s.scalar(select(func.count()).select_from(AnalysisRecord))
        shas = {i.sha256 for i in items}
    assert batch.status == "done"
    assert len(items) == len(_lines(out))
    assert analyses == len(shas)  # the copy was analysed once
    assert all(i.attempts == 1 for i in items)
    progress = batch_progress(store, batch.id)
    failed = sum(1 for c in hostile_codes.values() if c)
    assert progress == {"total": len(items), "done": len(items) - failed, "failed": failed, "running": 0,
                        "pending": 0, "status": "done", "name": mixed_dir.name}


def test_seen_files_are_not_analysed_again_unless_the_versions_changed(tmp_path, store, pool, render_pdf):
    from nlp_service.jobs.runner import collect_folder, prepare_batch, run_batch
    from nlp_service.store.models import AnalysisRecord

    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    pdf = render_pdf("a3-011", "letter")
    (first / "a.pdf").write_bytes(pdf)
    (second / "same bytes, other name.pdf").write_bytes(pdf)

    batch_a, _ = prepare_batch(store, collect_folder(first), name="a", source=str(first))
    s1 = run_batch(store, batch_a, pool)
    assert (s1.analysed, s1.reused, s1.exit_code) == (1, 0, 0)

    batch_b, _ = prepare_batch(store, collect_folder(second), name="b", source=str(second))
    results = []
    s2 = run_batch(store, batch_b, pool, on_result=results.append)
    assert (s2.analysed, s2.reused, s2.exit_code) == (0, 1, 0)
    assert results[0]["file"] == "same bytes, other name.pdf" and results[0]["area"]["predicted"]
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(AnalysisRecord)) == 1
        # The stored analysis now reads as made by an older model: the next batch analyses again.
        s.execute(update(AnalysisRecord).values(versions_key="area_model=older;service=0.0.1"))
    batch_c, _ = prepare_batch(store, collect_folder(second), name="c", source=str(second) + "-c")
    s3 = run_batch(store, batch_c, pool)
    assert (s3.analysed, s3.reused) == (1, 0)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(AnalysisRecord)) == 2


def test_triage_of_a_zip_analyses_the_good_entries_and_reports_the_bomb(tmp_path, store, pool, render_pdf):
    import zipfile

    good_pdf = render_pdf("a2-017", "letter")
    from nlp_service.jobs.triage_cli import triage

    archive = tmp_path / "innsendt.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mappe/god.pdf", good_pdf)
        zf.writestr("bombe.pdf", b"\0" * (60 << 20))
        zf.writestr("__MACOSX/._god.pdf", b"x")
    out = tmp_path / "out.jsonl"
    rc = triage(archive, out, pool=pool, store=store, progress=False)
    lines = {r["file"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert rc == 1 and set(lines) == {"mappe/god.pdf", "bombe.pdf"}
    assert lines["mappe/god.pdf"]["error"] is None and lines["mappe/god.pdf"]["area"]["predicted"] is not None
    assert lines["bombe.pdf"]["error"]["code"] == "zip_bomb"


def test_a_worker_killed_mid_document_costs_a_retry_not_the_batch(tmp_path, store, pool, render_pdf):
    from nlp_service.jobs.runner import collect_folder, prepare_batch, run_batch
    from nlp_service.store.models import BatchItem

    folder = tmp_path / "in"
    folder.mkdir()
    for source in ("a1-012", "a4-013", "a5-014"):
        (folder / f"{source}.pdf").write_bytes(render_pdf(source, "form", repeat=3))
    batch_id, _ = prepare_batch(store, collect_folder(folder), name="k", source=str(folder))
    restarts = pool.restarts
    outcome = {}
    runner = threading.Thread(target=lambda: outcome.update(summary=run_batch(store, batch_id, pool)))
    runner.start()
    killed = None
    # A loaded CI machine can take minutes to start the workers (each loads the models): wait while the batch
    # runs, not a fixed time, so the kill lands in a document rather than the watch giving up first.
    deadline = time.monotonic() + 600
    while killed is None and runner.is_alive() and time.monotonic() < deadline:
        busy = pool.busy_pids()
        if busy:
            time.sleep(0.3)  # well into the document
            if busy[0] in pool.busy_pids():
                os.kill(busy[0], signal.SIGKILL)
                killed = busy[0]
        time.sleep(0.05)
    runner.join(timeout=300)
    summary = outcome["summary"]
    assert killed is not None
    assert summary.finished and summary.done == 3 and summary.failed == 0
    assert pool.restarts >= restarts + 1 and killed not in pool.pids()
    with store.session() as s:
        attempts = sorted(i.attempts for i in s.scalars(select(BatchItem).where(BatchItem.batch_id == batch_id)))
    assert attempts[-1] == 2 and attempts[0] == 1


def test_start_batch_runs_in_the_background_and_reports_progress(tmp_path, store, pool, render_pdf):
    from nlp_service.jobs.runner import batch_progress, batch_results, start_batch, use_pool

    uploads = tmp_path / "uploads"
    uploads.mkdir()
    (uploads / "x1").write_bytes(render_pdf("a4-019", "letter"))
    (uploads / "x2").write_bytes(b"%PDF-1.7\n" + bytes((i * 37 + 11) % 256 for i in range(4000)))
    use_pool(pool)
    try:
        batch_id = start_batch(store, [("søknad.pdf", uploads / "x1"), ("søknad.pdf", uploads / "x2")], "Opplasting",
                               user_id=None)
        for path in uploads.iterdir():  # the batch has its own copies in the store
            path.unlink()
        deadline = time.monotonic() + 300
        progress = batch_progress(store, batch_id)
        assert progress["total"] == 2 and progress["status"] in ("queued", "running")
        while progress["status"] != "done" and time.monotonic() < deadline:
            time.sleep(0.2)
            progress = batch_progress(store, batch_id)
    finally:
        use_pool(None)
    assert progress == {"total": 2, "done": 1, "failed": 1, "running": 0, "pending": 0, "status": "done",
                        "name": "Opplasting"}
    results = {r["file"]: r for r in batch_results(store, batch_id)}
    assert results["søknad.pdf"]["area"]["predicted"] is not None
    assert results["søknad (2).pdf"]["error"]["code"] == "corrupt_pdf"
    assert batch_progress(store, "finnes-ikke") is None


def test_a_document_over_the_time_limit_is_tried_twice_then_fails_alone(tmp_path, store, pool, render_pdf):
    from nlp_service.jobs.runner import Limits, collect_folder, prepare_batch, run_batch
    from nlp_service.store.models import BatchItem

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "lang.pdf").write_bytes(render_pdf("a2-013", "letter", repeat=6))
    batch_id, _ = prepare_batch(store, collect_folder(folder), name="t", source=str(folder))
    restarts = pool.restarts
    results = []
    summary = run_batch(store, batch_id, pool, limits=Limits(timeout_s=0.3), on_result=results.append)
    assert summary.finished and summary.failed == 1 and summary.exit_code == 1
    assert results[0]["error"]["code"] == "timeout"
    assert "0.3 sekunder" in results[0]["error"]["message"] and "nytt forsøk" in results[0]["error"]["message"]
    assert pool.restarts == restarts + 2  # the hung worker was replaced, each time
    with store.session() as s:
        item = s.scalars(select(BatchItem).where(BatchItem.batch_id == batch_id)).one()
        assert (item.status, item.attempts, item.error_code, item.analysis_id) == ("failed", 2, "timeout", None)
