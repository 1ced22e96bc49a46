from __future__ import annotations

import shutil

import pytest

from nlp_service.corpus.hostile import EXPECTED_CODES
from nlp_service.errors import AnalysisError
from nlp_service.ingest.pdf import IngestOptions
from nlp_service.ingest.sandbox import IngestSandbox

from tests.conftest import process_alive

EXPECTED = {name: code for name, code in EXPECTED_CODES.items() if code is not None}


@pytest.mark.parametrize("name,code", sorted(EXPECTED.items()))
def test_hostile_file_gives_a_typed_error(sandbox, hostile_dir, name, code):
    with pytest.raises(AnalysisError) as info:
        sandbox.parse((hostile_dir / name).read_bytes())
    assert info.value.code == code
    # The message is for a caseworker: Norwegian words, no Python in it.
    assert "Error" not in info.value.message and len(info.value.message) > 10


def test_empty_user_password_opens(sandbox, hostile_dir):
    doc = sandbox.parse((hostile_dir / "empty_user_password.pdf").read_bytes())
    assert "deltakere" in doc.text


def test_active_content_is_flagged_not_run(sandbox, hostile_dir):
    doc = sandbox.parse((hostile_dir / "javascript.pdf").read_bytes())
    assert "JavaScript" in doc.active_content
    assert "innebygde filer" in doc.active_content


def test_limits_on_size_and_pages(pdf_dir):
    data = (pdf_dir / "long.pdf").read_bytes()
    sb = IngestSandbox(IngestOptions(max_file_mb=0.001), timeout_s=30)
    try:
        with pytest.raises(AnalysisError) as info:
            sb.parse(data)
        assert info.value.code == "too_large"
    finally:
        sb.close()
    sb = IngestSandbox(IngestOptions(max_pages=2), timeout_s=30)
    try:
        with pytest.raises(AnalysisError) as info:
            sb.parse(data)
        assert info.value.code == "too_many_pages"
        assert "grensen er 2" in info.value.message
    finally:
        sb.close()


def test_timeout_kills_the_child_and_the_next_document_still_works(pdf_dir):
    sb = IngestSandbox(IngestOptions(), timeout_s=0.01)
    try:
        with pytest.raises(AnalysisError) as info:
            sb.parse((pdf_dir / "scan.pdf").read_bytes())
        assert info.value.code == "timeout"
        sb.timeout_s = 60
        doc = sb.parse((pdf_dir / "letter.pdf").read_bytes())
        assert doc.kind == "application"
    finally:
        sb.close()


@pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract is not installed")
def test_a_scan_gets_more_time_for_each_page_it_sends_to_ocr(pdf_dir):
    """The child tells the parent how many pages go to OCR; the limit grows by the per-page allowance
    (at most doubled). A limit far below what three pages of OCR take shows the grown limit in its error."""
    import pypdfium2 as pdfium

    from nlp_service.corpus.render import Layout, render_pdf

    from tests.conftest import APPLICATION_TEXT

    scan = render_pdf("\n\n".join([APPLICATION_TEXT] * 5), "test-long-scan", Layout(name="scan"))
    pages = len(pdfium.PdfDocument(scan))
    assert pages >= 3
    sb = IngestSandbox(IngestOptions(), timeout_s=60, ocr_page_timeout_s=0.1)
    try:
        sb.parse((pdf_dir / "letter.pdf").read_bytes())  # warm: the child has loaded its libraries
        sb.timeout_s = 1.0  # what the reader does before OCR takes well under this; OCR of 5 pages far more
        with pytest.raises(AnalysisError) as info:
            sb.parse(scan)
        assert info.value.code == "timeout"
        # the limit in the error is the grown one: 1 s + 0.1 s for each page sent to OCR
        assert float(info.value.params["limit"]) == pytest.approx(1.0 + 0.1 * pages)
        assert sb.limit_with_ocr(1000) == pytest.approx(2.0)  # never more than twice the limit
    finally:
        sb.close()


def test_memory_limit_is_an_error_not_a_crash(pdf_dir):
    sb = IngestSandbox(IngestOptions(), timeout_s=60, memory_mb=64)
    try:
        with pytest.raises(AnalysisError) as info:
            sb.parse((pdf_dir / "letter.pdf").read_bytes())
        assert info.value.code == "memory_limit"
    finally:
        sb.close()


def test_a_child_started_ahead_serves_the_first_document(pdf_dir):
    """``prestart`` (called before the models load) starts the child and returns; the first document is parsed by
    that child, not a second one, and a second ``prestart`` starts nothing."""
    sb = IngestSandbox(IngestOptions(), timeout_s=60)
    try:
        sb.prestart()
        first = sb._proc.pid
        sb.prestart()
        assert sb._proc.pid == first
        doc = sb.parse((pdf_dir / "letter.pdf").read_bytes())
        assert doc.kind == "application" and sb._proc.pid == first
    finally:
        sb.close()
    assert not process_alive(first)


def test_a_child_closed_while_it_starts_leaves_no_process():
    sb = IngestSandbox(IngestOptions(), timeout_s=60)
    sb.prestart()
    pid = sb._proc.pid
    sb.close()
    assert not process_alive(pid)


def test_a_child_started_ahead_that_dies_starting_is_a_memory_error(pdf_dir):
    sb = IngestSandbox(IngestOptions(), timeout_s=60, memory_mb=64)
    try:
        sb.prestart()
        with pytest.raises(AnalysisError) as info:
            sb.parse((pdf_dir / "letter.pdf").read_bytes())
        assert info.value.code == "memory_limit"
    finally:
        sb.close()
