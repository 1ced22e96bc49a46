"""One row per document, for caseworkers' spreadsheets: CSV, XLSX or JSON Lines.

``rows(results) -> list[dict]`` flattens the contract's objects (pydantic ``Analysis`` or the
dicts of their JSON) into rows keyed by :data:`COLUMNS`; ``write_export(results, path)`` writes
them by the path's suffix:

- ``.csv``: UTF-8 with a byte-order mark and ``;`` between fields, as Excel set to Norwegian opens
  it directly; a header row with the Norwegian column titles; ``ja``/``nei`` for yes/no, empty
  cells for unknown values.
- ``.xlsx`` (openpyxl): the same header, bold and frozen, an auto filter over the table, numbers
  as numbers.
- ``.jsonl``: the objects themselves, one per line.

Text that comes from a document (the applicant's name, project titles, file names) is written as
text, never as a formula: a cell that would start with ``=``, ``+``, ``-``, ``@`` or a control
character gets a leading apostrophe in CSV and an explicit string type in XLSX.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel

from nlp_service.spreadsheets import to_csv, to_xlsx

#: (key, column title). Keys are stable for programs; titles are what a caseworker reads.
COLUMNS: list[tuple[str, str]] = [
    ("file", "Fil"),
    ("kind", "Dokumenttype"),
    ("area_predicted", "Satsingsområde (vurdert)"),
    ("probability", "Sannsynlighet"),
    ("uncertain", "Usikker"),
    ("area_stated", "Satsingsområde (oppgitt)"),
    ("matches_stated", "Samsvarer med oppgitt"),
    ("gaps", "Antall mangler"),
    ("gap_ids", "Mangler"),
    ("participants", "Deltakere"),
    ("own_contribution_nok", "Egenandel (kr)"),
    ("requested_nok", "Søknadsbeløp (kr)"),
    ("applicant", "Søker"),
    ("similar_project", "Likeste tidligere prosjekt"),
    ("similar_score", "Likhet"),
    ("error_code", "Feilkode"),
    ("error_message", "Feilmelding"),
]
KEYS = [k for k, _ in COLUMNS]
TITLES = [t for _, t in COLUMNS]


def _as_dict(result: BaseModel | dict) -> dict:
    return result.model_dump(mode="json") if isinstance(result, BaseModel) else result


def row(result: BaseModel | dict) -> dict:
    """One document's row (see :data:`COLUMNS`); ``None`` where the document says nothing."""
    r = _as_dict(result)
    document = r.get("document") or {}
    area = r.get("area") or {}
    checks = r.get("checks") or []
    facts = r.get("facts") or {}
    similar = r.get("similar_projects") or []
    error = r.get("error") or {}
    probabilities = area.get("probabilities") or {}
    predicted = area.get("predicted")
    if predicted is not None and predicted in probabilities:
        probability = probabilities[predicted]
    else:
        probability = max(probabilities.values()) if probabilities else None
    gap_ids = [c["id"] for c in checks if c.get("status") == "gap"]
    top = max(similar, key=lambda p: p.get("score", 0.0)) if similar else None
    if top is not None:
        label = top.get("title") or top.get("id") or ""
        details = ", ".join(str(x) for x in (top.get("applicant"), top.get("year")) if x)
        similar_label = f"{label} ({details})" if details else label
    else:
        similar_label = None
    return {
        "file": r.get("file"),
        "kind": document.get("kind"),
        "area_predicted": predicted,
        "probability": round(float(probability), 4) if probability is not None else None,
        "uncertain": area.get("uncertain") if area else None,
        "area_stated": area.get("stated"),
        "matches_stated": area.get("matches_stated"),
        "gaps": len(gap_ids) if r.get("checks") is not None else None,
        "gap_ids": ", ".join(gap_ids) if r.get("checks") is not None else None,
        "participants": facts.get("participants"),
        "own_contribution_nok": facts.get("own_contribution_nok"),
        "requested_nok": facts.get("requested_nok"),
        "applicant": facts.get("applicant"),
        "similar_project": similar_label,
        "similar_score": round(float(top["score"]), 4) if top is not None and top.get("score") is not None else None,
        "error_code": error.get("code"),
        "error_message": error.get("message"),
    }


def rows(results: Iterable[BaseModel | dict]) -> list[dict]:
    return [row(r) for r in results]


def write_csv(table: list[dict], path: Path) -> None:
    path.write_bytes(to_csv(table, COLUMNS))


def write_xlsx(table: list[dict], path: Path) -> None:
    path.write_bytes(to_xlsx(table, COLUMNS, "Triage"))


def write_jsonl(results: Iterable[BaseModel | dict], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for r in results:
            fh.write(json.dumps(_as_dict(r), ensure_ascii=False) + "\n")


SUFFIXES = (".jsonl", ".csv", ".xlsx")


def write_export(results: Iterable[BaseModel | dict], path: Path | str) -> Path:
    """Write the results to ``path`` (``.csv``, ``.xlsx`` or ``.jsonl``), whole, replacing it atomically."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"Ukjent filtype {suffix or '(ingen)'}; bruk .jsonl, .csv eller .xlsx.")
    results = list(results)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if suffix == ".jsonl":
            write_jsonl(results, tmp)
        elif suffix == ".csv":
            write_csv(rows(results), tmp)
        else:
            write_xlsx(rows(results), tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path
