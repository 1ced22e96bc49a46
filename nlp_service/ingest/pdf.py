"""PDF bytes to a Document: pypdfium2 for text and character boxes, pdfplumber for tables.

This module and ``ocr`` are the only code that touches PDF libraries. It runs inside the ingest
sandbox (see ``sandbox``), so a hang or a memory blow-up here cannot take the caller down.
"""

from __future__ import annotations

import ctypes
import functools
import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from nlp_service.errors import AnalysisError
from nlp_service.ingest.document import Document, Line, Page, Table, Word
from nlp_service.ingest.precheck import precheck

_GENERATED = {"\r", "\n", "\x02", "\ufffe"}
_HEADER_ZONE = 0.09  # share of the page height at top and bottom where running lines live


@dataclass
class IngestOptions:
    max_file_mb: float = 50.0
    max_pages: int = 300
    max_inflated_mb: int = 400
    max_stream_ratio: int = 1000
    ocr_dpi: int = 200
    ocr_language: str = "nor"
    ocr_workers: int = 2
    repair: bool = True


def _open(data: bytes, max_pages: int) -> pdfium.PdfDocument:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD or "password" in str(exc).lower():
            raise AnalysisError("encrypted_pdf") from None
        raise AnalysisError("corrupt_pdf") from None
    n = len(pdf)
    if n == 0:
        raise AnalysisError("corrupt_pdf")
    if n > max_pages:
        raise AnalysisError("too_many_pages", pages=n, limit=max_pages)
    return pdf


def _page_lines(textpage: pdfium.PdfTextPage, height: float) -> list[Line]:
    """Lines of a text page in content order, split where a wide horizontal gap shows two columns.

    Hot path: character boxes come straight from the PDFium C API and the models are built without
    re-validation (the values are made here), which keeps ingest several times faster than pdfplumber.
    """
    n = textpage.count_chars()
    if n == 0:
        return []
    text = textpage.get_text_range(0, n)
    raw = textpage.raw
    cl, cr, cb, ct = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    refs = (ctypes.byref(cl), ctypes.byref(cr), ctypes.byref(cb), ctypes.byref(ct))
    get_box = pdfium_c.FPDFText_GetCharBox
    lines: list[Line] = []
    words: list[Word] = []
    first_index: list[int] = []
    w_chars: list[str] = []
    w_x0 = w_top = w_x1 = w_bottom = 0.0
    prev_right: float | None = None
    prev_char_w = 5.0
    line_first = -1

    def end_word() -> None:
        if w_chars:
            words.append(("".join(w_chars), w_x0, w_top, w_x1, w_bottom))
            w_chars.clear()

    def end_line() -> None:
        nonlocal line_first
        end_word()
        if words:
            x0 = min(w[1] for w in words)
            top = min(w[2] for w in words)
            x1 = max(w[3] for w in words)
            bottom = max(w[4] for w in words)
            lines.append(Line.model_construct(
                text=" ".join(w[0] for w in words), bbox=(x0, top, x1, bottom), font_size=0.0,
                bold=False, heading=False, start=0, words=list(words)))
            first_index.append(line_first)
            words.clear()
        line_first = -1

    for i in range(min(n, len(text))):
        ch = text[i]
        if ch in _GENERATED:
            end_line()
            prev_right = None
            continue
        if ch.isspace():
            end_word()
            continue
        get_box(raw, i, *refs)
        left, right = cl.value, cr.value
        top, bottom = height - ct.value, height - cb.value
        if prev_right is not None and left - prev_right > max(6 * prev_char_w, 18.0):
            end_line()  # a column gap on the same baseline
        if line_first < 0:
            line_first = i
        if not w_chars:
            w_x0, w_top, w_x1, w_bottom = left, top, right, bottom
        else:
            if top < w_top:
                w_top = top
            if bottom > w_bottom:
                w_bottom = bottom
            if right > w_x1:
                w_x1 = right
        w_chars.append(ch)
        prev_right = right
        if right > left:
            prev_char_w = right - left
    end_line()
    # Font size and weight of each line from its first character.
    for line, idx in zip(lines, first_index):
        line.font_size = round(float(pdfium_c.FPDFText_GetFontSize(raw, idx)), 1)
        line.bold = pdfium_c.FPDFText_GetFontWeight(raw, idx) >= 600
    return lines


def _order_columns(lines: list[Line], width: float) -> tuple[list[Line], int]:
    """Reading order for one- and two-column pages: full-width lines, then left column, then right."""
    if len(lines) < 8:
        return lines, 1
    mid = width / 2
    left = [ln for ln in lines if ln.bbox[2] <= mid + 6]
    right = [ln for ln in lines if ln.bbox[0] >= mid - 6]
    if len(left) < 4 or len(right) < 4:
        return lines, 1
    # Membership by identity: a line's fields decide which list it is in, so this is the same as
    # comparing by value, without pydantic's field-by-field __eq__ (a third of a page's ingest time).
    in_columns = {id(ln) for ln in left} | {id(ln) for ln in right}
    spanning = [ln for ln in lines if id(ln) not in in_columns]
    col_top = min(ln.bbox[1] for ln in left + right)
    col_bottom = max(ln.bbox[3] for ln in left + right)
    above = [ln for ln in spanning if ln.bbox[3] <= col_top + 2]
    above_ids = {id(ln) for ln in above}
    below = [ln for ln in spanning if id(ln) not in above_ids]
    if any(col_top < ln.bbox[1] < col_bottom - 2 for ln in below):
        return lines, 1  # full-width text between the columns: not a clean two-column page
    key = lambda ln: (round(ln.bbox[1], 1), ln.bbox[0])  # noqa: E731
    return sorted(above, key=key) + sorted(left, key=key) + sorted(right, key=key) + sorted(below, key=key), 2


def _has_rulings(page: pdfium.PdfPage) -> bool:
    """Whether the page draws a ruled grid (rows and columns of lines): then pdfplumber reads its tables.

    Running-header rules and coloured bands are not grids, so most pages skip pdfplumber's costly
    layout pass.
    """
    horizontal = vertical = 0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        w, h = right - left, top - bottom
        if h < 2.5 and w > 15:
            horizontal += 1
        elif w < 2.5 and h > 6:
            vertical += 1
        elif w > 15 and h > 6 and w < page.get_width() * 0.98:
            horizontal += 2
            vertical += 2
        if horizontal >= 3 and vertical >= 3:
            return True
    return False


def _has_images(page: pdfium.PdfPage) -> bool:
    for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        return True
    return False


def _tables(pdf: pdfium.PdfDocument, pages: list[Page], page_numbers: list[int]
            ) -> dict[int, list[tuple[Table, list[tuple[float, float, float, float]]]]]:
    """Tables of the ruled pages: pdfplumber finds the grid, pdfium's words fill the cells.

    pdfplumber's lattice finder is exact on ruled tables, but it interprets every character of a page
    (about 0.3 s a page). So it is given a copy of each ruled page with the text objects removed:
    the ruling lines alone, where it finds the cells in milliseconds; the words in each cell come
    from the boxes pdfium already gave. Each table comes with the box of each of its rows.
    """
    if not page_numbers:
        return {}
    import pdfplumber

    out: dict[int, list[Table]] = {}
    try:
        lines_only = pdfium.PdfDocument.new()
        lines_only.import_pages(pdf, [n - 1 for n in page_numbers])
        for i in range(len(lines_only)):
            page = lines_only[i]
            for obj in list(page.get_objects(max_depth=1)):
                if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
                    page.remove_obj(obj)
            page.gen_content()
            page.close()
        buf = io.BytesIO()
        lines_only.save(buf)
        lines_only.close()
        with pdfplumber.open(io.BytesIO(buf.getvalue())) as plumber:
            for i, number in enumerate(page_numbers):
                words = [w for ln in pages[number - 1].lines for w in ln.words]
                found = []
                for table in plumber.pages[i].find_tables():
                    rows = [[_cell_text(words, cell) for cell in row.cells] for row in table.rows]
                    if len(rows) >= 2 and max(len(r) for r in rows) >= 2 and any(any(c for c in r) for r in rows):
                        found.append((Table(bbox=tuple(table.bbox), rows=rows), [tuple(r.bbox) for r in table.rows]))
                if found:
                    out[number] = found
    except Exception:  # noqa: BLE001 - a table we cannot read must not cost the document's text
        return out
    return out


def _merge_table_rows(page: Page, table: Table, row_boxes: list[tuple[float, float, float, float]]) -> None:
    """One line per table row, in place of the lines the cells were read as.

    A cell that wraps ("Prosjektleiar, 50 %" / "stilling" / "(fylkeskommunen)" / "340 000") is otherwise read as
    several lines, and the row's label and amount never meet in one sentence. A row becomes its cells joined by
    two spaces (an empty cell between two such gaps), as the text of a table reads elsewhere ("Prosjektleiar, 50 % stilling (fylkeskommunen)  340 000");
    a two-column row is a field ("Antall deltakere: 16"), as the portal's form means it.
    """
    x0, top, x1, bottom = table.bbox

    def centre_in(ln: Line, box: tuple[float, float, float, float]) -> bool:
        cx, cy = (ln.bbox[0] + ln.bbox[2]) / 2, (ln.bbox[1] + ln.bbox[3]) / 2
        return box[0] - 1 <= cx <= box[2] + 1 and box[1] - 1 <= cy <= box[3] + 1

    inside = [k for k, ln in enumerate(page.lines) if centre_in(ln, (x0, top, x1, bottom))]
    if not inside:
        return
    members = [page.lines[k] for k in inside]
    merged: list[Line] = []
    for cells, box in zip(table.rows, row_boxes):
        texts = [_clean_cell(c) or "" for c in cells]
        if not any(texts):
            continue
        if len(cells) == 2 and all(texts) and not texts[0].endswith(":"):
            text = f"{texts[0]}: {texts[1]}"
        else:
            # (an empty cell keeps its place, four spaces, as the text of a table reads: the header's cells and
            # the row's stay aligned)
            text = "  ".join(texts).strip()
        own = [ln for ln in members if centre_in(ln, box)]
        sizes = [ln.font_size for ln in own if ln.font_size > 0]
        merged.append(Line(text=text, bbox=box, font_size=statistics.median(sizes) if sizes else 0.0, bold=False,
                           words=[w for ln in own for w in ln.words]))
    if not merged:
        return
    taken = set(inside)
    keep = [ln for k, ln in enumerate(page.lines) if k not in taken]
    at = inside[0]  # the rows stand where the table's first line stood (no line before it was taken)
    page.lines = keep[:at] + merged + keep[at:]


def _cell_text(words: list, cell: tuple[float, float, float, float] | None) -> str | None:
    if cell is None:
        return None
    x0, top, x1, bottom = cell
    inside = [w for w in words if x0 <= (w[1] + w[3]) / 2 <= x1 and top <= (w[2] + w[4]) / 2 <= bottom]
    # lines of the cell top to bottom, each left to right: a word belongs to the line whose middle is within
    # half a word's height of its own ("3 × 10 %": a symbol sits a little higher or lower than the digits)
    inside.sort(key=lambda w: (w[2] + w[4]) / 2)
    lines: list[list] = []  # [middle, tallest word's height, words]
    for w in inside:
        middle, height = (w[2] + w[4]) / 2, max(w[4] - w[2], 1.0)
        if lines and abs(middle - lines[-1][0]) <= max(height, lines[-1][1]) / 2:
            lines[-1][1] = max(lines[-1][1], height)
            lines[-1][2].append(w)
        else:
            lines.append([middle, height, [w]])
    return " ".join(w[0] for _, _, ws in lines for w in sorted(ws, key=lambda w: w[1]))


def _clean_cell(cell: str | None) -> str | None:
    return None if cell is None else re.sub(r"\s+", " ", cell).strip()


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def _remove_running_lines(pages: list[Page]) -> list[str]:
    """Drop header and footer lines repeated (numbers aside) on at least half of the pages."""
    if len(pages) < 2:
        return []
    counts: Counter[str] = Counter()
    for page in pages:
        keys = {_running_key(ln.text) for ln in page.lines
                if ln.bbox[1] < page.height * _HEADER_ZONE or ln.bbox[3] > page.height * (1 - _HEADER_ZONE)}
        counts.update(keys)
    running = {k for k, c in counts.items() if c >= max(2, (len(pages) + 1) // 2) and k}
    removed: set[str] = set()
    for page in pages:
        kept = []
        for ln in page.lines:
            in_zone = ln.bbox[1] < page.height * _HEADER_ZONE or ln.bbox[3] > page.height * (1 - _HEADER_ZONE)
            if in_zone and _running_key(ln.text) in running:
                removed.add(ln.text)
                continue
            kept.append(ln)
        page.lines = kept
    return sorted(removed)


def _mark_headings(pages: list[Page]) -> None:
    sizes = [ln.font_size for p in pages for ln in p.lines if ln.font_size > 0]
    body = statistics.median(sizes) if sizes else 0.0
    for page in pages:
        for ln in page.lines:
            short = len(ln.text) <= 90 and not ln.text.rstrip().endswith((".", ",", ";"))
            bigger = body > 0 and ln.font_size >= body * 1.15
            ln.heading = short and (bigger or (ln.bold and len(ln.text.split()) <= 12))


def _assemble_text(page: Page) -> None:
    """Page text from its lines: a blank line where the vertical gap shows a new paragraph."""
    parts: list[str] = []
    offset = 0
    prev: Line | None = None
    for ln in page.lines:
        if prev is not None:
            gap = ln.bbox[1] - prev.bbox[3]
            height = max(prev.bbox[3] - prev.bbox[1], 1.0)
            new_para = gap > 0.9 * height or gap < -height or ln.heading or prev.heading
            sep = "\n\n" if new_para else "\n"
            parts.append(sep)
            offset += len(sep)
        ln.start = offset
        parts.append(ln.text)
        offset += len(ln.text)
        prev = ln
    page.text = "".join(parts)


@functools.lru_cache(maxsize=1)
def _repairer():
    from nlp_service.language.repair import OcrRepairer

    return OcrRepairer()  # its cache of judged words lives as long as the process


def _repair(pages: list[Page]) -> int:
    repairer = _repairer()
    total = 0
    for page in pages:
        for ln in page.lines:
            result = repairer.repair(ln.text)
            if result.repairs:
                total += result.repairs
                new_words = result.text.split(" ")
                if len(new_words) == len(ln.words):
                    ln.words = [(t, *w[1:]) for w, t in zip(ln.words, new_words)]
                ln.text = result.text
    return total


def parse_pdf(data: bytes, options: IngestOptions) -> Document:
    checked = precheck(data, max_file_mb=options.max_file_mb, max_inflated_mb=options.max_inflated_mb,
                       max_stream_ratio=options.max_stream_ratio)
    pdf = _open(data, options.max_pages)
    pages: list[Page] = []
    ruled: list[int] = []
    needs_ocr: list[int] = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            width, height = page.get_size()
            textpage = page.get_textpage()
            lines = _page_lines(textpage, height)
            lines, columns = _order_columns(lines, width)
            number = index + 1
            source = "text_layer"
            if not any(ln.text.strip() for ln in lines):
                source = "none"
                needs_ocr.append(number)
            elif _has_rulings(page):
                ruled.append(number)
            pages.append(Page.model_construct(tables=[], number=number, width=width, height=height, text="", lines=lines,
                              source=source, columns=columns))
            textpage.close()
            page.close()
        if needs_ocr:
            from nlp_service.ingest.ocr import ocr_pages

            for number, lines in ocr_pages(pdf, needs_ocr, options).items():
                pages[number - 1].lines = lines
                pages[number - 1].source = "ocr" if lines else "none"
        for number, tables in _tables(pdf, pages, ruled).items():
            pages[number - 1].tables = [t for t, _ in tables]
            for table, row_boxes in tables:
                _merge_table_rows(pages[number - 1], table, row_boxes)
    finally:
        pdf.close()
    removed = _remove_running_lines(pages)
    _mark_headings(pages)
    repairs = _repair(pages) if options.repair else 0
    for page in pages:
        _assemble_text(page)
    sources = {p.source for p in pages}
    if "ocr" in sources:
        text_source = "ocr"
    elif "text_layer" in sources:
        text_source = "text_layer"
    else:
        text_source = "none"
    from nlp_service.ingest.classify_kind import detect_kind
    from nlp_service.language.detect import detect_language

    doc = Document(pages=pages, text_source=text_source, ocr_repairs=repairs,
                   removed_header_footer=removed, active_content=checked.active_content)
    doc.language = detect_language(doc.text)
    doc.kind = detect_kind(doc)
    return doc
