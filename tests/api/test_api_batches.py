"""Batches: the API hands uploads to the bulk triage (nlp_service.jobs) and shows their progress from
the store; upload batches of the pages run in the service's own pool and resume after a restart."""

from __future__ import annotations

import io
import time
import zipfile


def _wait(client, headers, batch_id: str, timeout_s: float = 120) -> dict:
    deadline = time.monotonic() + timeout_s
    while True:
        progress = client.get(f"/api/batches/{batch_id}", headers=headers).json()
        if progress["status"] == "done" or time.monotonic() > deadline:
            return progress
        time.sleep(0.2)


def _bomb_zip() -> bytes:
    """Two entries that unpack to far more than they fill (refused by the safe extractor), and a note."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("bunke/bombe-1.pdf", b"%PDF-1.4\n" + b"\0" * (3 << 20))
        z.writestr("bunke/bombe-2.pdf", b"%PDF-1.4\n" + b"\0" * (2 << 20))
        z.writestr("bunke/notat.txt", b"ikke en pdf")
    return buf.getvalue()


def test_a_batch_is_handed_to_the_bulk_triage_and_its_progress_read_back(client, as_caseworker, store):
    from nlp_service.store.models import Batch

    r = client.post("/api/batches", headers=as_caseworker, data={"name": "Uke 12"},
                    files=[("files", ("bunke.zip", _bomb_zip(), "application/zip"))])
    assert r.status_code == 202, r.text
    batch_id = r.json()["batch_id"]
    assert r.json()["progress_url"] == f"/api/batches/{batch_id}"
    progress = _wait(client, as_caseworker, batch_id)
    assert progress["status"] == "done" and progress["name"] == "Uke 12" and progress["background"] is True
    assert (progress["total"], progress["done"], progress["failed"], progress["finished"]) == (2, 0, 2, 2)
    assert {i["file_name"] for i in progress["items"]} == {"bombe-1.pdf", "bombe-2.pdf"}
    assert all(i["error_code"] == "zip_bomb" and "zip-bombe" in i["error_message"] for i in progress["items"])
    with store.session() as s:
        assert s.get(Batch, batch_id).created_by is not None
    assert any(b["id"] == batch_id and b["finished"] == 2 for b in client.get("/api/batches", headers=as_caseworker).json())
    assert client.get("/api/batches/finnes-ikke", headers=as_caseworker).status_code == 404


def test_a_batch_with_nothing_to_analyse_is_refused_in_norwegian(client, as_caseworker):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("les-meg.txt", "ingen pdf her")
    r = client.post("/api/batches", headers=as_caseworker, files=[("files", ("tom.zip", buf.getvalue(), "application/zip"))])
    assert r.status_code == 422 and "PDF" in r.json()["detail"]


def test_unfinished_upload_batches_are_resumed_after_a_restart(client, store, pdfs, as_caseworker, uploaded):
    from nlp_service.store.models import Batch, BatchItem

    sha = store.put_file(pdfs["two_column"])
    with store.session() as s:
        batch = Batch(name="avbrutt", source="upload:web", status="running")
        s.add(batch)
        s.flush()
        s.add(BatchItem(batch_id=batch.id, file_name="avbrutt.pdf", sha256=sha, status="running"))
        batch_id = batch.id
    assert client.app.state.ctx.runner.resume() >= 1
    progress = _wait(client, as_caseworker, batch_id)
    assert progress["status"] == "done" and progress["background"] is False
    item = progress["items"][0]
    assert item["status"] == "done" and item["document_id"] == uploaded["to-spalter.pdf"]["document_id"]
