"""Corrections (saved and audited, seen by evaluators) and the CSV and XLSX exports."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook


def test_area_confirmed_changed_and_a_check_marked_wrong(client, as_caseworker, as_evaluator, uploaded):
    doc = uploaded["søknad-askøy.pdf"]
    doc_id, analysis = doc["document_id"], doc["analysis"]
    predicted = analysis["area"]["predicted"]
    url = f"/api/documents/{doc_id}/corrections"
    r = client.post(url, json={"target": "area", "value": predicted}, headers=as_caseworker)
    assert r.status_code == 201
    assert r.json()["service_value"] == predicted and r.json()["corrected_value"] == predicted
    other = "4" if predicted != "4" else "5"
    r = client.post(url, json={"target": "area", "value": other, "comment": "Gjelder velkomsttilbud"},
                    headers=as_caseworker)
    assert r.status_code == 201 and r.json()["user"] == "api-saksbehandler"
    r = client.post(url, json={"target": "area", "value": "9"}, headers=as_caseworker)
    assert r.status_code == 422 and "Ukjent satsingsområde" in r.json()["detail"]

    check = analysis["checks"][0]
    r = client.post(url, json={"target": check["id"], "value": "wrong"}, headers=as_caseworker)
    assert r.status_code == 422 and "kommentar" in r.json()["detail"]
    r = client.post(url, json={"target": check["id"], "value": "wrong", "comment": "Står på side 2"},
                    headers=as_caseworker)
    assert r.status_code == 201 and r.json()["service_value"] == check["status"]
    r = client.post(url, json={"target": "finnes_ikke", "value": "met"}, headers=as_caseworker)
    assert r.status_code == 422 and "ingen kontroll" in r.json()["detail"]
    unreadable = uploaded["ikke-en-pdf.pdf"]["document_id"]
    r = client.post(f"/api/documents/{unreadable}/corrections", json={"target": "area", "value": "1"},
                    headers=as_caseworker)
    assert r.status_code == 422 and "kunne ikke leses" in r.json()["detail"]

    mine = client.get(url, headers=as_caseworker).json()
    assert [c["target"] for c in mine] == [check["id"], "area", "area"]
    everyone = client.get("/api/corrections", headers=as_evaluator).json()
    assert {c["id"] for c in mine} <= {c["id"] for c in everyone}
    listed = client.get("/api/documents", params={"area": predicted}, headers=as_caseworker).json()["items"]
    assert next(d for d in listed if d["id"] == doc_id)["corrected_area"] == other
    audit = client.get("/api/documents", headers=as_caseworker)  # still fine after corrections
    assert audit.status_code == 200


def test_csv_export_of_the_filtered_list(client, as_caseworker, uploaded):
    r = client.get("/api/exports/documents.csv", params={"failed": "true"}, headers=as_caseworker)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    text = r.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    files = {row["Fil"] for row in rows}
    assert "ikke-en-pdf.pdf" in files and "søknad-askøy.pdf" not in files
    row = next(row for row in rows if row["Fil"] == "ikke-en-pdf.pdf")
    assert row["Feilkode"] == "not_pdf" and "PDF" in row["Feil"]


def test_xlsx_export_writes_text_never_formulas(client, as_caseworker, hostile_dir, as_admin):
    name = "=2+5 søknad.pdf"
    client.post("/api/documents", headers=as_caseworker,
                files=[("files", (name, b"dette er ingen pdf, bare tekst med et annet innhold", "application/pdf"))])
    r = client.get("/api/exports/documents.xlsx", headers=as_caseworker)
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Dokument-ID", "Fil", "Dokumenttype"]
    cells = [row[1] for row in ws.iter_rows(min_row=2)]
    evil = next(c for c in cells if c.value and c.value.startswith("=2+5"))
    assert evil.data_type == "s"
    csv_text = client.get("/api/exports/documents.csv", headers=as_caseworker).content.decode("utf-8-sig")
    assert "'=2+5 søknad.pdf" in csv_text
    exports = client.get("/api/audit", params={"action": "export"}, headers=as_admin).json()
    assert {e["object_id"] for e in exports} >= {"csv", "xlsx"}


def test_corrections_export_is_for_evaluators(client, as_caseworker, as_evaluator):
    assert client.get("/api/exports/corrections.csv", headers=as_caseworker).status_code == 403
    r = client.get("/api/exports/corrections.xlsx", headers=as_evaluator)
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    assert [c.value for c in ws[1]][:3] == ["Korreksjon-ID", "Dokument-ID", "Fil"]
    assert client.get("/api/exports/documents.pdf", headers=as_caseworker).status_code == 404
