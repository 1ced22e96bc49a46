"""The API documents itself (OpenAPI), with the contract's object as a schema."""

from __future__ import annotations


def test_openapi_describes_the_routes_and_the_contract(client, as_caseworker):
    spec = client.get("/api/openapi.json", headers=as_caseworker).json()
    paths = spec["paths"]
    for path in ("/api/documents", "/api/documents/{document_id}", "/api/batches", "/api/batches/{batch_id}",
                 "/api/exports/documents.{fmt}", "/api/projects/import", "/api/health",
                 "/api/documents/{document_id}/corrections"):
        assert path in paths, path
    assert "Analysis" in spec["components"]["schemas"]
    schemes = spec["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())
    assert not any(p.startswith("/dokumenter") for p in paths)  # the pages are not part of the API


def test_the_documentation_page_needs_a_user(client, as_caseworker):
    assert client.get("/api/docs").status_code == 401
    page = client.get("/api/docs", headers=as_caseworker)
    assert page.status_code == 200 and "/api/openapi.json" in page.text
