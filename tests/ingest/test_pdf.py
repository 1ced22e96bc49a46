from __future__ import annotations

import re

import pytest

from nlp_service.ingest.ocr import tesseract_available


def _parse(sandbox, path):
    return sandbox.parse(path.read_bytes())


@pytest.mark.parametrize("layout", ["form", "letter", "two_column"])
def test_text_layer_layouts_read_as_written(sandbox, pdf_dir, layout):
    doc = _parse(sandbox, pdf_dir / f"{layout}.pdf")
    assert doc.text_source == "text_layer"
    assert doc.kind == "application"
    assert doc.language == "nb"
    assert doc.ocr_repairs == 0  # clean text is left alone
    text = doc.text
    assert "Tiltaket er støttende og forebyggende, ikke behandling." in re.sub(r"\s+", " ", text)
    # Reading order: the goals come before the partners, the partners before the budget.
    flat = re.sub(r"\s+", " ", text)
    assert flat.index("Beskriv prosjektets mål") < flat.index("Samarbeidspartnere") < flat.index("Budsjett")


def test_two_column_pages_are_read_column_by_column(sandbox, pdf_dir):
    doc = _parse(sandbox, pdf_dir / "long_two_column.pdf")
    assert sum(p.columns == 2 for p in doc.pages) >= len(doc.pages) - 1
    flat = re.sub(r"\s+", " ", doc.text)
    positions = [flat.index(f"Del {i} ") for i in range(1, 25)]
    assert positions == sorted(positions)


def test_budget_table_is_extracted_cell_by_cell(sandbox, pdf_dir):
    doc = _parse(sandbox, pdf_dir / "letter.pdf")
    tables = [t for p in doc.pages for t in p.tables]
    rows = [r for t in tables for r in t.rows]
    assert ["Post", "2025", "2026"] in rows
    assert ["Sum", "400 000", "450 000"] in rows


def test_running_header_and_footer_are_removed(sandbox, pdf_dir):
    doc = _parse(sandbox, pdf_dir / "long.pdf")
    assert len(doc.pages) >= 3
    assert "Askøy kommune – søknad 2025" in doc.removed_header_footer
    assert "Askøy kommune – søknad 2025" not in doc.text
    assert not re.search(r"^Side \d+$", doc.text, re.M)


def test_headings_and_word_boxes(sandbox, pdf_dir):
    doc = _parse(sandbox, pdf_dir / "letter.pdf")
    assert "Samarbeidspartnere" in doc.headings
    line = next(ln for p in doc.pages for ln in p.lines if ln.text.startswith("Flyktningtjenesten"))
    assert line.words[0][0] == "Flyktningtjenesten"
    x0, top, x1, bottom = line.words[0][1:]
    assert 0 < x0 < x1 < doc.pages[0].width and 0 < top < bottom < doc.pages[0].height
    # Offsets let later stages find a sentence's lines on the page.
    page = doc.pages[line_page(doc, line)]
    start = page.text.index("Flyktningtjenesten")
    assert doc.line_boxes(page.number, start, start + 10) == [line.bbox]


def line_page(doc, line):
    return next(i for i, p in enumerate(doc.pages) if line in p.lines)


def test_ocr_damaged_text_layer_is_repaired(sandbox, pdf_dir):
    doc = _parse(sandbox, pdf_dir / "ocr_damaged.pdf")
    assert doc.ocr_repairs >= 8
    text = doc.text
    for word in ("støtte", "Satsingsområde", "Beskriv prosjektets mål", "møtes hver måned"):
        assert word in text


@pytest.mark.skipif(not tesseract_available("nor"), reason="tesseract with Norwegian is not installed")
def test_scanned_pdf_is_read_by_ocr(sandbox, pdf_dir):
    doc = _parse(sandbox, pdf_dir / "scan.pdf")
    assert doc.text_source == "ocr"
    assert doc.kind == "application"
    flat = re.sub(r"\s+", " ", doc.text)
    assert "psykisk støtte" in flat
    assert "Askøy kommune" in flat


WRAPPING_TABLE = """# Årsrapport 2025

Tilskotsmottakar: Møre og Romsdal fylkeskommune

## Bruk av tilskotet

| Post | Kr |
| --- | --- |
| Prosjektleiar, 50 % stilling (fylkeskommunen) | 340 000 |
| Koordinatorar i kommunane, 3 × 10 % stilling | 195 000 |
| Tolk og omsetjing (polsk, litauisk, rumensk, engelsk) | 92 000 |
| Sum | 627 000 |

| Post | Kostnad | Finansieres av |
| --- | --- | --- |
| Kursholdere og veiledning, HVL | 120 000 | IMDi |
| Frikjøp av pedagogiske ledere til kursrekken | 270 000 | Bergen kommune |
"""


def test_a_table_row_whose_cells_wrap_is_one_line(sandbox, tmp_path):
    """In two columns the cells wrap ("Prosjektleiar, 50 %" / "stilling" / ...): each row is read as one line, so a
    post and its amount meet in one sentence; a two-column row reads as "label: value", as the portal's form means
    it, and the cells keep their word order ("3 × 10 %", whose sign sits higher than the digits)."""
    from nlp_service.corpus.render import Layout, render_pdf

    path = tmp_path / "wrapping.pdf"
    path.write_bytes(render_pdf(WRAPPING_TABLE, "wrapping-table", Layout(name="two_column", running_header=False)))
    doc = _parse(sandbox, path)
    lines = [ln.text for p in doc.pages for ln in p.lines]
    assert "Prosjektleiar, 50 % stilling (fylkeskommunen): 340 000" in lines
    assert "Koordinatorar i kommunane, 3 × 10 % stilling: 195 000" in lines
    assert "Frikjøp av pedagogiske ledere til kursrekken  270 000  Bergen kommune" in lines
    assert "kommune" not in lines and "stilling" not in lines  # no cell fragment left on a line of its own
    assert ["Sum", "627 000"] in [r for p in doc.pages for t in p.tables for r in t.rows]  # the cells as before
