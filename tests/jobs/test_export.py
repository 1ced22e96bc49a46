"""Exports: a row per document with the columns caseworkers need, CSV and XLSX readable back."""

from __future__ import annotations

import csv
import json

import pytest

from nlp_service.jobs.export import COLUMNS, KEYS, TITLES, rows, write_export


@pytest.fixture(scope="module")
def results(mixed_run):
    from nlp_service.jobs.runner import batch_results
    from nlp_service.store.models import Batch

    store, _, _ = mixed_run
    with store.session() as s:
        batch_id = s.query(Batch).one().id
    return batch_results(store, batch_id)


def test_rows_have_the_columns_and_the_values_of_the_contract(results):
    table = rows(results)
    assert len(table) == len(results) and all(list(r) == KEYS for r in table)
    assert KEYS == ["file", "kind", "area_predicted", "probability", "uncertain", "area_stated", "matches_stated",
                    "gaps", "gap_ids", "participants", "own_contribution_nok", "requested_nok", "applicant",
                    "similar_project", "similar_score", "error_code", "error_message"]
    for result, row in zip(results, table):
        assert row["file"] == result["file"]
        if result["error"] is None:
            area = result["area"]
            assert row["area_predicted"] == area["predicted"] and row["area_stated"] == area["stated"]
            assert row["matches_stated"] == area["matches_stated"] and row["uncertain"] == area["uncertain"]
            top = area["predicted"] or max(area["probabilities"], key=area["probabilities"].get)
            assert row["probability"] == pytest.approx(area["probabilities"][top], abs=1e-4)
            assert row["kind"] == result["document"]["kind"]
            if result["checks"] is not None:
                gaps = [c["id"] for c in result["checks"] if c["status"] == "gap"]
                assert row["gaps"] == len(gaps) and row["gap_ids"] == ", ".join(gaps)
            if result["facts"] is not None:
                assert row["applicant"] == result["facts"]["applicant"]
                assert row["requested_nok"] == result["facts"]["requested_nok"]
            assert row["error_code"] is None
        else:
            assert row["error_code"] == result["error"]["code"]
            assert row["error_message"] == result["error"]["message"]
            assert row["area_predicted"] is None and row["gaps"] is None


def test_csv_reads_back_with_its_header(results, tmp_path):
    path = write_export(results, tmp_path / "triage.csv")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh, delimiter=";")
        back = list(reader)
    assert reader.fieldnames == TITLES
    table = rows(results)
    assert [r["Fil"] for r in back] == [r["file"] for r in table]
    title = dict(COLUMNS)
    for got, want in zip(back, table):
        assert got[title["error_code"]] == (want["error_code"] or "")
        assert got[title["area_predicted"]] == (want["area_predicted"] or "")
        if want["uncertain"] is not None:
            assert got[title["uncertain"]] == ("ja" if want["uncertain"] else "nei")
        if want["probability"] is not None:
            assert float(got[title["probability"]].replace(",", ".")) == pytest.approx(want["probability"], abs=1e-4)


def test_xlsx_has_a_frozen_filtered_header_and_reads_back(results, tmp_path):
    from openpyxl import load_workbook

    path = write_export(results, tmp_path / "triage.xlsx")
    ws = load_workbook(path).active
    values = list(ws.iter_rows(values_only=True))
    assert list(values[0]) == TITLES
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:Q{len(results) + 1}"
    assert ws["A1"].font.bold
    table = rows(results)
    assert len(values) == len(table) + 1
    for got, want in zip(values[1:], table):
        as_dict = dict(zip(KEYS, got))
        assert as_dict["file"] == want["file"] and as_dict["error_code"] == want["error_code"]
        assert as_dict["requested_nok"] == want["requested_nok"]
        if want["probability"] is not None:
            assert as_dict["probability"] == pytest.approx(want["probability"])


def test_document_text_never_becomes_a_formula(results, tmp_path):
    from openpyxl import load_workbook

    good = next(r for r in results if r["error"] is None)
    hostile = {**good, "file": "=cmd|'/c calc'!A1.pdf",
               "facts": {**(good["facts"] or {}), "applicant": "=HYPERLINK(\"http://x\",\"klikk\")"}}
    csv_path = write_export([hostile], tmp_path / "f.csv")
    text = csv_path.read_text(encoding="utf-8-sig")
    assert ";'=cmd" not in text and "'=cmd" in text and "'=HYPERLINK" in text
    ws = load_workbook(write_export([hostile], tmp_path / "f.xlsx")).active
    assert ws["A2"].data_type == "s" and ws["A2"].value.startswith("=cmd")
    assert ws["M2"].data_type == "s" and ws["M2"].value.startswith("=HYPERLINK")


def test_jsonl_export_and_unknown_suffix(results, tmp_path):
    path = write_export(results, tmp_path / "t.jsonl")
    assert [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] == results
    with pytest.raises(ValueError):
        write_export(results, tmp_path / "t.txt")


def test_triage_writes_csv_and_xlsx_from_the_store(mixed_run, mixed_dir, pool, tmp_path):
    from openpyxl import load_workbook

    from nlp_service.jobs.triage_cli import triage

    store, out, _ = mixed_run
    n = len(out.read_text(encoding="utf-8").splitlines())
    for suffix in (".csv", ".xlsx"):
        target = tmp_path / f"triage{suffix}"
        assert triage(mixed_dir, target, pool=pool, store=store, progress=False) == 1  # resumes the done batch
        if suffix == ".csv":
            with open(target, encoding="utf-8-sig", newline="") as fh:
                assert len(list(csv.DictReader(fh, delimiter=";"))) == n
        else:
            assert load_workbook(target).active.max_row == n + 1
