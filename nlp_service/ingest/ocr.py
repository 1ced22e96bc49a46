"""OCR of scanned pages: pypdfium2 renders, tesseract reads (``-l nor``), pages in parallel processes."""

from __future__ import annotations

import csv
import functools
import io
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

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


def _ocr_image(png_path: str, language: str, timeout: float) -> str:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    out = subprocess.run(
        ["tesseract", png_path, "stdout", "-l", language, "--psm", "3", "tsv"],
        capture_output=True, text=True, timeout=timeout, env=env,
    )
    return out.stdout


def ocr_pages(pdf: "pdfium.PdfDocument", numbers: list[int], options: "IngestOptions") -> dict[int, list[Line]]:
    """OCR the given pages (1-based); pages stay empty when tesseract or its language is missing."""
    if not tesseract_available(options.ocr_language):
        return {n: [] for n in numbers}
    scale = options.ocr_dpi / 72.0
    results: dict[int, list[Line]] = {}
    with tempfile.TemporaryDirectory(prefix="nlp-ocr-") as tmp:
        paths = {}
        for n in numbers:  # pdfium is not thread-safe: render in this thread, read in parallel
            page = pdf[n - 1]
            image = page.render(scale=scale, grayscale=True).to_pil()
            path = os.path.join(tmp, f"p{n}.png")
            image.save(path)
            page.close()
            paths[n] = path
        with ThreadPoolExecutor(max_workers=max(1, options.ocr_workers)) as pool:
            futures = {n: pool.submit(_ocr_image, p, options.ocr_language, 120.0) for n, p in paths.items()}
            for n, fut in futures.items():
                try:
                    results[n] = _tsv_to_lines(fut.result(), scale)
                except (OSError, subprocess.SubprocessError):
                    results[n] = []
    return results
