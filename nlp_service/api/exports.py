"""The triage list and the corrections as CSV or XLSX, with Norwegian column names (the writers are
:mod:`nlp_service.spreadsheets`)."""

from __future__ import annotations

from nlp_service.spreadsheets import OSLO, to_csv, to_xlsx

__all__ = ["CORRECTION_COLUMNS", "DOCUMENT_COLUMNS", "OSLO", "to_csv", "to_xlsx"]

DOCUMENT_COLUMNS: list[tuple[str, str]] = [
    ("id", "Dokument-ID"), ("file", "Fil"), ("kind", "Dokumenttype"), ("pages", "Sider"),
    ("area_predicted", "Område (tjenesten)"), ("area_probability", "Sannsynlighet"), ("uncertain", "Usikker"),
    ("area_stated", "Område (oppgitt)"), ("matches_stated", "Samsvarer med oppgitt"),
    ("corrected_area", "Område (korrigert)"), ("gaps", "Antall mangler"), ("gap_checks", "Mangler"),
    ("uncertain_checks", "Usikre kontroller"), ("applicant", "Søker"), ("requested_nok", "Søknadsbeløp (kr)"),
    ("own_contribution_nok", "Egenandel (kr)"), ("participants", "Deltakere"), ("error_code", "Feilkode"),
    ("error_message", "Feil"), ("uploaded_at", "Lastet opp"), ("sha256", "SHA-256"),
]

CORRECTION_COLUMNS: list[tuple[str, str]] = [
    ("id", "Korreksjon-ID"), ("document_id", "Dokument-ID"), ("file", "Fil"), ("analysis_id", "Analyse-ID"),
    ("user", "Bruker"), ("target", "Gjelder"), ("service_value", "Tjenestens verdi"),
    ("corrected_value", "Korrigert verdi"), ("comment", "Kommentar"), ("created_at", "Tidspunkt"),
]
