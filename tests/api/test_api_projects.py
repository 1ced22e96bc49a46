"""Importing earlier projects through the API (administrators)."""

from __future__ import annotations


def test_import_earlier_projects(client, as_admin, as_caseworker):
    csv_text = ("id;year;applicant;title;area;summary\n"
                "api-imp-1;2022;Hamar kommune;Språkkafé på biblioteket;1;"
                "Frivillige og ansatte ved biblioteket holdt språkkafé for deltakere i introduksjonsprogrammet.\n")
    files = {"file": ("prosjekter.csv", csv_text.encode(), "text/csv")}
    assert client.post("/api/projects/import", files=files, headers=as_caseworker).status_code == 403
    r = client.post("/api/projects/import", files=files, headers=as_admin)
    assert r.status_code == 200, r.text
    assert r.json()["added"] == 1 and "1 prosjekter" in r.json()["detail"]
    stages = client.app.state.ctx.runner.analyzer.stages
    assert "api-imp-1" in stages.index  # the running similarity stage sees it at once
    again = client.post("/api/projects/import", files=files, headers=as_admin)
    assert again.status_code == 422
    assert "ingenting er lagt til" in again.json()["detail"]
    assert any("finnes allerede" in p for p in again.json()["problems"])
    bad = client.post("/api/projects/import", files={"file": ("prosjekter.txt", b"x", "text/plain")}, headers=as_admin)
    assert bad.status_code == 422 and ".csv eller .jsonl" in bad.json()["detail"]
