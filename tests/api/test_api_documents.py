"""Upload, store, list, read: the documents routes against the real app and the real Analyzer."""

from __future__ import annotations

import hashlib
import io
import zipfile

from sqlalchemy import select

from nlp_service.contract import Analysis
from nlp_service.store.models import AnalysisRecord, AuditEntry, StoredDocument


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_upload_gives_the_contract_object_of_each_file_in_order(uploaded, pdfs):
    body = uploaded["_body"]
    assert [d["file"] for d in body["documents"]] == ["søknad-askøy.pdf", "ikke-en-pdf.pdf", "to-spalter.pdf",
                                                       "passord.pdf"]
    assert body["failed"] == 2
    good = uploaded["søknad-askøy.pdf"]
    analysis = Analysis.model_validate(good["analysis"])
    assert analysis.error is None and analysis.sha256 == sha(pdfs["letter"])
    assert analysis.document.kind == "application" and analysis.document.pages >= 1
    assert abs(sum(analysis.area.probabilities.values()) - 1) < 0.01
    assert analysis.area.stated == "2"
    assert analysis.versions["service"]
    # A file that cannot be read is a result with a Norwegian error, and the others are still analysed.
    bad = uploaded["ikke-en-pdf.pdf"]["analysis"]
    assert bad["error"]["code"] == "not_pdf" and "PDF" in bad["error"]["message"]
    assert bad["area"] is None and bad["checks"] is None
    assert uploaded["passord.pdf"]["analysis"]["error"]["code"] == "encrypted_pdf"
    assert uploaded["to-spalter.pdf"]["analysis"]["error"] is None


def test_documents_are_kept_by_sha256_under_generated_names(uploaded, store, pdfs):
    doc_id = uploaded["søknad-askøy.pdf"]["document_id"]
    with store.session() as s:
        doc = s.get(StoredDocument, doc_id)
        record = s.scalar(select(AnalysisRecord).where(AnalysisRecord.document_id == doc_id))
        assert doc.sha256 == sha(pdfs["letter"]) and doc.original_name == "søknad-askøy.pdf"
        assert "søknad" not in doc.storage_name and doc.sha256 in doc.storage_name
        assert store.file_path(doc.sha256).read_bytes() == pdfs["letter"]
        # The analysis is kept as the contract's JSON, with the versions that made it.
        assert record.result["sha256"] == doc.sha256
        assert "service=" in record.versions_key and "area_model=" in record.versions_key
        uploads = s.scalars(select(AuditEntry).where(AuditEntry.action == "upload",
                                                     AuditEntry.object_id == doc_id)).all()
        assert uploads and uploads[0].user_id is not None


def test_the_same_bytes_again_reuse_the_stored_analysis(client, as_caseworker, uploaded, pdfs):
    r = client.post("/api/documents", headers=as_caseworker,
                    files=[("files", ("kopi med nytt navn.pdf", pdfs["letter"], "application/pdf"))])
    assert r.status_code == 200
    again = r.json()["documents"][0]
    first = uploaded["søknad-askøy.pdf"]
    assert again["cached"] is True
    assert again["document_id"] == first["document_id"] and again["analysis_id"] == first["analysis_id"]
    assert again["analysis"]["file"] == "kopi med nytt navn.pdf"
    assert again["analysis"]["area"] == first["analysis"]["area"]


def test_a_zip_is_unpacked_safely_and_each_pdf_analysed(client, as_caseworker, uploaded, pdfs, hostile_dir,
                                                        api_data_dir):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mappe/søknad.pdf", pdfs["letter"])
        z.writestr("mappe/skadet.pdf", (hostile_dir / "truncated.pdf").read_bytes())
        z.writestr("les-meg.txt", "ikke en pdf")
    evil = io.BytesIO()
    with zipfile.ZipFile(evil, "w") as z:
        z.writestr("../../utenfor.pdf", pdfs["letter"])
    r = client.post("/api/documents", headers=as_caseworker, files=[
        ("files", ("bunke.zip", buf.getvalue(), "application/zip")),
        ("files", ("slem.zip", evil.getvalue(), "application/zip")),
    ])
    assert r.status_code == 200, r.text
    body = r.json()
    by_name = {d["file"]: d for d in body["documents"]}
    assert body["skipped"] == 1
    assert by_name["mappe/søknad.pdf"]["cached"] is True
    assert by_name["mappe/skadet.pdf"]["analysis"]["error"]["code"] == "corrupt_pdf"
    refused = by_name["slem.zip"]
    assert refused["document_id"] is None and refused["analysis"]["error"]["code"] == "zip_unsafe_path"
    assert "angrepsfil" in refused["analysis"]["error"]["message"]
    assert not list(api_data_dir.parent.glob("utenfor.pdf")) and not list(api_data_dir.glob("**/utenfor.pdf"))
    assert not list((api_data_dir / "tmp").iterdir())  # the upload's temporary files are gone


def test_a_file_over_the_size_limit_is_refused_without_being_kept(app, client, as_caseworker, store):
    limit_mb = app.state.ctx.settings.max_file_mb
    big = b"%PDF-1.4\n" + b"0" * int(limit_mb * 1024 * 1024)
    r = client.post("/api/documents", headers=as_caseworker, files=[("files", ("stor.pdf", big, "application/pdf"))])
    result = r.json()["documents"][0]
    assert result["document_id"] is None and result["analysis"]["error"]["code"] == "too_large"
    assert f"{limit_mb:g} MB" in result["analysis"]["error"]["message"]
    assert not store.file_path(sha(big)).exists()


def test_one_documents_analysis_is_the_contract_json_and_viewing_is_audited(client, as_caseworker, uploaded, store):
    doc_id = uploaded["to-spalter.pdf"]["document_id"]
    r = client.get(f"/api/documents/{doc_id}", headers=as_caseworker)
    assert r.status_code == 200
    assert Analysis.model_validate(r.json()).file == "to-spalter.pdf"
    assert r.json() == uploaded["to-spalter.pdf"]["analysis"]
    with store.session() as s:
        assert s.scalar(select(AuditEntry).where(AuditEntry.action == "view", AuditEntry.object_id == doc_id))
    missing = client.get("/api/documents/finnes-ikke", headers=as_caseworker)
    assert missing.status_code == 404 and missing.json()["detail"] == "Fant ikke dokumentet."


def test_the_list_filters_and_sorts(client, as_caseworker, uploaded):
    good = uploaded["søknad-askøy.pdf"]
    area = good["analysis"]["area"]["predicted"]

    def ids(**params) -> list[str]:
        r = client.get("/api/documents", params=params, headers=as_caseworker)
        assert r.status_code == 200, r.text
        return [d["id"] for d in r.json()["items"]]

    everything = ids()
    assert good["document_id"] in everything
    assert good["document_id"] in ids(area=area)
    assert good["document_id"] not in ids(area="9")
    failed = ids(failed="true")
    assert uploaded["ikke-en-pdf.pdf"]["document_id"] in failed and good["document_id"] not in failed
    assert good["document_id"] in ids(kind="application")
    assert good["document_id"] not in ids(kind="accounts")
    gaps = sum(1 for c in good["analysis"]["checks"] or [] if c["status"] == "gap")
    assert (good["document_id"] in ids(has_gaps="true")) == (gaps > 0)
    assert (good["document_id"] in ids(min_gaps=str(gaps + 1))) is False
    uncertain = good["analysis"]["area"]["uncertain"]
    assert good["document_id"] in ids(uncertain="true" if uncertain else "false")
    by_name = client.get("/api/documents", params={"sort": "file", "order": "asc"}, headers=as_caseworker).json()
    names = [d["file"].lower() for d in by_name["items"]]
    assert names == sorted(names)
    row = next(d for d in by_name["items"] if d["id"] == good["document_id"])
    assert row["gaps"] == gaps and row["area_predicted"] == area and row["uploaded_at"].endswith("Z")
    bad = client.get("/api/documents", params={"sort": "tull"}, headers=as_caseworker)
    assert bad.status_code == 422 and "Ugyldig sortering" in bad.json()["detail"]
    page = client.get("/api/documents", params={"limit": "1", "offset": "1"}, headers=as_caseworker).json()
    assert len(page["items"]) == 1 and page["total"] == len(everything)


def test_page_images_of_a_stored_pdf(client, as_caseworker, uploaded):
    doc_id = uploaded["to-spalter.pdf"]["document_id"]
    r = client.get(f"/api/documents/{doc_id}/pages/1.png", headers=as_caseworker)
    assert r.status_code == 200 and r.content.startswith(b"\x89PNG")
    pages = uploaded["to-spalter.pdf"]["analysis"]["document"]["pages"]
    assert client.get(f"/api/documents/{doc_id}/pages/{pages + 1}.png", headers=as_caseworker).status_code == 404
    unreadable = uploaded["ikke-en-pdf.pdf"]["document_id"]
    assert client.get(f"/api/documents/{unreadable}/pages/1.png", headers=as_caseworker).status_code == 404


def test_the_pdf_itself_can_be_downloaded(client, as_caseworker, uploaded, pdfs):
    doc_id = uploaded["søknad-askøy.pdf"]["document_id"]
    r = client.get(f"/api/documents/{doc_id}/file", headers=as_caseworker)
    assert r.status_code == 200 and r.content == pdfs["letter"]
    assert r.headers["content-type"] == "application/pdf" and "attachment" in r.headers["content-disposition"]


def test_a_document_analysed_by_older_versions_is_analysed_again(client, as_caseworker, uploaded, store):
    doc = uploaded["to-spalter.pdf"]
    url = f"/api/documents/{doc['document_id']}/analyze"
    same = client.post(url, headers=as_caseworker).json()
    assert same["cached"] is True and same["analysis_id"] == doc["analysis_id"]
    with store.session() as s:  # as if a model or the call changed since
        s.get(AnalysisRecord, doc["analysis_id"]).versions_key = "service=0.0.1"
    page = client.get(f"/dokumenter/{doc['document_id']}", headers=as_caseworker).text
    assert "Analyser på nytt" in page
    again = client.post(url, headers=as_caseworker).json()
    assert again["cached"] is False and again["analysis_id"] > doc["analysis_id"]
    assert again["analysis"]["area"] == doc["analysis"]["area"]
    assert client.get(f"/api/documents/{doc['document_id']}", headers=as_caseworker).json()["sha256"] == \
        doc["analysis"]["sha256"]
    listed = client.get("/api/documents", headers=as_caseworker).json()["items"]
    assert next(d for d in listed if d["id"] == doc["document_id"])["analysis_id"] == again["analysis_id"]
    assert "Analyser på nytt" not in client.get(f"/dokumenter/{doc['document_id']}", headers=as_caseworker).text
