"""``kill -9`` of the triage command mid-batch, then the same command again: it finishes the batch
without redoing finished documents and without duplicate lines or rows. A real subprocess."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from tests.conftest import process_alive

REPO = Path(__file__).resolve().parents[2]
SOURCES = [("a1-021", "letter"), ("a2-022", "form"), ("a3-023", "two_column"), ("a4-024", "letter"),
           ("a5-025", "form")]


def test_killed_batch_resumes_without_redoing_or_duplicating(tmp_path, data_dir, pool, render_pdf, new_store):
    from nlp_service.jobs.runner import descendants
    from nlp_service.store.models import AnalysisRecord, Batch, BatchItem

    folder = tmp_path / "in"
    folder.mkdir()
    for source, layout in SOURCES:
        (folder / f"{source}.pdf").write_bytes(render_pdf(source, layout))
    out = tmp_path / "out.jsonl"
    db = tmp_path / "store.sqlite3"
    env = {**os.environ, "NLP_SERVICE_DATA_DIR": str(data_dir), "NLP_SERVICE_DATABASE_URL": f"sqlite:///{db}"}
    command = [sys.executable, "-m", "nlp_service.jobs.triage_cli", str(folder), "--out", str(out),
               "--workers", "1", "--quiet"]

    first = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    workers: set[int] = set()
    while time.monotonic() < deadline and first.poll() is None:
        workers.update(descendants(first.pid))
        if out.exists() and len(out.read_text(encoding="utf-8").splitlines()) >= 1:
            break
        time.sleep(0.1)
    assert first.poll() is None, first.stderr.read().decode()
    workers.update(descendants(first.pid))
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    first.stdout.close()
    first.stderr.close()
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert 1 <= len(written) < len(SOURCES)

    # The workers (and their ingest children) notice the parent is gone and end.
    gone_by = time.monotonic() + 20
    while time.monotonic() < gone_by and any(process_alive(p) for p in workers):
        time.sleep(0.2)
    assert workers and not any(process_alive(p) for p in workers)

    store = new_store(db)
    with store.session() as s:
        batch = s.scalars(select(Batch)).one()
        assert batch.status == "running"  # killed: nobody could say otherwise
        before = {i.file_name: (i.analysis_id, i.attempts) for i in s.scalars(select(BatchItem))
                  if i.status == "done"}
    assert len(before) >= len(written)  # each line is written after its result is committed

    second = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stderr
    assert "Fortsetter bunke" in second.stderr and second.stdout == ""
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["file"] for r in lines) == sorted(f"{s}.pdf" for s, _ in SOURCES)  # once each
    assert all(r["error"] is None for r in lines)
    with store.session() as s:
        items = {i.file_name: i for i in s.scalars(select(BatchItem))}
        assert s.scalar(select(func.count()).select_from(AnalysisRecord)) == len(SOURCES)  # no duplicate rows
        assert s.scalar(select(func.count()).select_from(Batch)) == 1
        assert s.scalars(select(Batch)).one().status == "done"
    assert all(i.status == "done" for i in items.values())
    for name, (analysis_id, attempts) in before.items():  # finished before the kill: not redone
        assert (items[name].analysis_id, items[name].attempts) == (analysis_id, attempts)
    redone = [n for n in items if n not in before]
    assert f"{len(redone)} analysert nå" in second.stderr
