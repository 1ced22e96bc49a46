"""Personal data from documents never reaches the logs or the audit log."""

from __future__ import annotations

import logging

from sqlalchemy import select

from nlp_service.store.models import AuditEntry

PERSONAL = ("Ingrid Hatlestad Vik", "ingrid.hatlestad.vik@vlfk.no", "55 23 81 47", "01017012345")


def test_personal_data_stays_out_of_logs(client, as_caseworker, pdfs, store, caplog):
    caplog.set_level(logging.DEBUG)
    r = client.post("/api/documents", headers=as_caseworker, files=[
        ("files", ("søknad-ingrid-hatlestad-vik.pdf", pdfs["corpus_a4"], "application/pdf")),
        ("files", ("ingrid-hatlestad-vik-cv.pdf", b"Ingrid Hatlestad Vik, tlf 55 23 81 47", "application/pdf")),
    ])
    assert r.status_code == 200
    docs = r.json()["documents"]
    doc_id = docs[0]["document_id"]
    assert docs[0]["analysis"]["error"] is None
    assert docs[1]["analysis"]["error"]["code"] == "not_pdf"
    assert "Hatlestad" not in docs[1]["analysis"]["error"]["message"]
    assert client.get(f"/dokumenter/{doc_id}", headers=as_caseworker).status_code == 200
    logged = "\n".join(rec.getMessage() for rec in caplog.records)
    for value in PERSONAL + ("hatlestad",):
        assert value.lower() not in logged.lower(), value
    with store.session() as s:
        entries = s.scalars(select(AuditEntry)).all()
        text = " ".join(f"{e.object_id} {e.detail}" for e in entries).lower()
    for value in PERSONAL + ("hatlestad",):
        assert value.lower() not in text, value
