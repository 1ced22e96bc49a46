"""The command line as a user runs it: real PDFs in, the contract's JSON lines out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from nlp_service.contract import json_schema

REPO = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((REPO / "docs" / "analysis.schema.json").read_text(encoding="utf-8"))


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nlp_service.cli", *args], capture_output=True, text=True,
                          env=dict(os.environ), timeout=600)


def test_committed_schema_is_the_contract_models_schema():
    assert SCHEMA == json.loads(json.dumps(json_schema())), "regenerate docs/analysis.schema.json"


@pytest.fixture(scope="module")
def analyzed(analyze_cli_run):
    """The session's one ``nlp-service analyze`` run (see the root conftest): a letter, a scan, an OCR-damaged
    letter, an encrypted PDF and a text file named .pdf, then the personal-data files that test_pii_logs reads."""
    files, proc, lines, _log = analyze_cli_run
    return proc, files, lines


def test_one_line_per_file_in_order_and_valid_against_the_schema(analyzed):
    proc, files, lines = analyzed
    assert [line["file"] for line in lines] == [f.name for f in files]
    for line in lines:
        jsonschema.validate(line, SCHEMA)
    assert proc.returncode == 1  # two files failed, the others were still analysed


def test_readable_documents_get_every_part_of_the_contract(analyzed):
    _, _, lines = analyzed
    letter, scan, damaged = lines[:3]
    for result in (letter, damaged):
        assert result["error"] is None
        assert result["document"]["kind"] == "application"
        assert result["document"]["text_source"] == "text_layer"
        area = result["area"]
        assert abs(sum(area["probabilities"].values()) - 1) < 1e-9
        assert area["stated"] == "2"
        assert area["evidence"] and all(e["page"] >= 1 for e in area["evidence"])
    assert damaged["document"]["ocr_repairs"] > 0
    if scan["error"] is None:
        assert scan["document"]["text_source"] == "ocr"
    else:
        assert scan["error"]["code"] == "needs_ocr" and scan["document"]["text_source"] == "none"


def test_unreadable_documents_say_why_in_norwegian(analyzed):
    _, _, lines = analyzed
    encrypted, not_pdf = lines[3:5]
    assert encrypted["error"]["code"] == "encrypted_pdf"
    assert not_pdf["error"]["code"] == "not_pdf"
    for result in (encrypted, not_pdf):
        assert result["area"] is None and result["checks"] is None and result["facts"] is None
        assert "PDF" in result["error"]["message"]


def test_nothing_but_json_on_stdout_and_usage_errors_exit_2():
    proc = run_cli("analyze")
    assert proc.returncode == 2
    assert proc.stdout == ""


def test_probabilities_rounded_for_the_contract_still_sum_to_one():
    """Four decimals each, as printed, and the sum the contract promises (rounding alone gave 0.9999 or 1.0001)."""
    from nlp_service.stages import rounded_probabilities

    raw = {"1": 0.00018, "2": 0.94356, "3": 0.00724, "4": 0.01876, "5": 0.03026}  # each rounded: sum 1.0001
    assert abs(sum(round(v, 4) for v in raw.values()) - 1) > 5e-5
    out = rounded_probabilities(raw)
    assert abs(sum(out.values()) - 1) < 1e-9
    assert all(round(v, 4) == v for v in out.values())
    assert max(out, key=out.get) == "2" and {k: out[k] for k in "1345"} == {k: round(raw[k], 4) for k in "1345"}
