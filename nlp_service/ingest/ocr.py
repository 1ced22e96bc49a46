"""OCR of scanned pages: pypdfium2 renders, tesseract reads (``-l nor``), pages in parallel processes.

Cost is almost all tesseract's (about a CPU second a page), so a page is given to it as cheaply as
it can read it well:

- at the scan's own resolution, kept between 150 dpi and ``ocr_dpi`` (the ceiling): a 150-dpi scan
  is no longer upsampled to 200 dpi, a 300-dpi scan is read at 200. On generated scans of 150, 200
  and 300 dpi this read as many words as rendering at 200 or 300 dpi, for 15-35 % less tesseract
  time (``evaluation/bench_ocr.py``);
- as raw greyscale (PGM) through a pipe: no PNG encoding, no temporary files;
- not at all when the page is blank (no ink): a blank page costs a render, not a tesseract run.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import shutil
import subprocess
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Callable

from nlp_service.ingest.document import Line, Word

if TYPE_CHECKING:
    import pypdfium2 as pdfium

    from nlp_service.ingest.pdf import IngestOptions


@functools.lru_cache(maxsize=4)
def tesseract_available(language: str = "nor") -> bool:
    exe = shutil.which("tesseract")
    if not exe:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return False
    return language in out.stdout.split()


def _tsv_to_lines(tsv: str, scale: float) -> list[Line]:
    """Tesseract's TSV (one row per word) to lines with word boxes in PDF points."""
    groups: dict[tuple[int, int, int], list[Word]] = {}
    order: list[tuple[int, int, int]] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") != "5":
            continue
        text = (row.get("text") or "").strip()
        if not text or float(row.get("conf") or -1) < 0:
            continue
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        left, top = int(row["left"]) / scale, int(row["top"]) / scale
        w, h = int(row["width"]) / scale, int(row["height"]) / scale
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append((text, left, top, left + w, top + h))
    lines = []
    for key in order:
        words = groups[key]
        lines.append(Line(
            text=" ".join(w[0] for w in words),
            bbox=(min(w[1] for w in words), min(w[2] for w in words),
                  max(w[3] for w in words), max(w[4] for w in words)),
            font_size=round(statistics_median([w[4] - w[2] for w in words]), 1),
            words=words,
        ))
    return lines


def statistics_median(values: list[float]) -> float:
    values = sorted(values)
    return values[len(values) // 2] if values else 0.0


#: Lowest resolution a page is rendered at for tesseract, whatever the scan's own resolution.
MIN_OCR_DPI = 150
#: A page with less ink than this share of its pixels (darker than mid-grey) is blank.
BLANK_INK_SHARE = 0.0002


def scan_dpi(page: "pdfium.PdfPage") -> float | None:
    """The resolution of the largest image on the page, in pixels per inch of the page, or None."""
    import pypdfium2.raw as pdfium_c

    best_area, dpi = 0.0, None
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        width_pt, height_pt = right - left, top - bottom
        if width_pt <= 1 or height_pt <= 1:
            continue
        px_w, px_h = obj.get_px_size()
        if width_pt * height_pt > best_area:
            best_area = width_pt * height_pt
            dpi = max(px_w / (width_pt / 72.0), px_h / (height_pt / 72.0))
    return dpi


def render_dpi(page: "pdfium.PdfPage", ceiling: int) -> int:
    """The resolution to render a scanned page at: its scan's own, within [MIN_OCR_DPI, ceiling]."""
    ceiling = max(int(ceiling), 72)
    native = scan_dpi(page)
    if native is None:
        return ceiling
    return int(round(min(max(native, MIN_OCR_DPI), ceiling)))


def _pgm(width: int, height: int, pixels: bytes) -> bytes:
    return b"P5\n%d %d\n255\n" % (width, height) + pixels


_DARK = bytes(range(128))


def _is_blank(pixels: bytes) -> bool:
    dark = len(pixels) - len(pixels.translate(None, _DARK))  # translate deletes the dark values
    return dark < BLANK_INK_SHARE * max(len(pixels), 1)


def _ocr_image(image: bytes, language: str, timeout: float) -> str:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    out = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", language, "--psm", "3", "tsv"],
        input=image, capture_output=True, timeout=timeout, env=env,
    )
    return out.stdout.decode("utf-8", errors="replace")


def _render(page: "pdfium.PdfPage", ceiling: int) -> tuple[bytes | None, float]:
    """The page as a PGM image for tesseract (None when blank) and its scale (pixels per point)."""
    scale = render_dpi(page, ceiling) / 72.0
    image = page.render(scale=scale, grayscale=True).to_pil()
    if image.mode != "L":
        image = image.convert("L")
    pixels = image.tobytes()
    if _is_blank(pixels):
        return None, scale
    return _pgm(image.width, image.height, pixels), scale


#: Called with the number of pages about to be OCR'd (the ingest sandbox's child tells its parent, which
#: then allows the document more time); None outside the sandbox.
_listener: Callable[[int], None] | None = None


def set_ocr_listener(listener: Callable[[int], None] | None) -> None:
    global _listener
    _listener = listener


def ocr_pages(pdf: "pdfium.PdfDocument", numbers: list[int], options: "IngestOptions") -> dict[int, list[Line]]:
    """OCR the given pages (1-based); pages stay empty when tesseract or its language is missing.

    pdfium is not thread-safe: pages are rendered in this thread and read by tesseract processes in
    parallel, a few pages ahead at most, so a long scan never holds all its page images at once.
    """
    if _listener is not None and numbers:
        _listener(len(numbers))
    if not tesseract_available(options.ocr_language):
        return {n: [] for n in numbers}
    workers = max(1, options.ocr_workers)
    results: dict[int, list[Line]] = {}
    pending: dict[int, tuple[Future, float]] = {}

    def collect(n: int) -> None:
        future, scale = pending.pop(n)
        try:
            results[n] = _tsv_to_lines(future.result(), scale)
        except (OSError, subprocess.SubprocessError):
            results[n] = []

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for n in numbers:
            if len(pending) >= 2 * workers:
                collect(next(iter(pending)))
            page = pdf[n - 1]
            try:
                image, scale = _render(page, options.ocr_dpi)
            finally:
                page.close()
            if image is None:
                results[n] = []
                continue
            pending[n] = (pool.submit(_ocr_image, image, options.ocr_language, 120.0), scale)
            del image
        while pending:
            collect(next(iter(pending)))
    return {n: results[n] for n in numbers}
