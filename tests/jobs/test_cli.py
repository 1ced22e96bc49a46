"""Usage errors of ``nlp-service triage`` exit with 2 and a Norwegian sentence, before any analysis."""

from __future__ import annotations

import pytest

from nlp_service.jobs.triage_cli import main


@pytest.mark.parametrize("args,words", [
    (["{missing}", "--out", "{tmp}/out.jsonl"], "verken en mappe eller en .zip-fil"),
    (["{pdfs}", "--out", "{tmp}/out.txt"], "må slutte på .jsonl, .csv eller .xlsx"),
    (["{pdfs}", "--out", "{tmp}/finnes-ikke/out.csv"], "mappen for --out finnes ikke"),
    (["{empty}", "--out", "{tmp}/out.jsonl"], "fant ingen PDF-filer"),
    (["{pdfs}", "--out", "{tmp}/out.jsonl", "--workers", "0"], "minst 1"),
    (["{pdfs}", "--out", "{tmp}/out.jsonl", "--batch-id", "../x"], "--batch-id"),
])
def test_usage_errors_exit_2(tmp_path, pdf_dir, capsys, args, words):
    (tmp_path / "tom").mkdir()
    values = {"missing": tmp_path / "nei", "tmp": tmp_path, "pdfs": pdf_dir, "empty": tmp_path / "tom"}
    assert main([a.format(**values) for a in args]) == 2
    captured = capsys.readouterr()
    assert words in captured.err and captured.out == ""


def test_out_is_required(capsys):
    with pytest.raises(SystemExit) as info:
        main(["."])
    assert info.value.code == 2
