"""OCR benchmark: word accuracy and CPU seconds per page on generated scans whose text is known.

    python evaluation/bench_ocr.py [--docs 4] [--pages 2] [--scan-dpi 150 200 300] [--render 150 200 300]

Corpus applications are rendered in letter, form and two-column layouts; their text layer (as
pdfium reads it) is the reference. Each page is then rasterised as the corpus renders a scan
(greyscale, slight rotation and blur, no text layer) at each ``--scan-dpi``, and read:

- ``service``: ``ocr_pages`` exactly as the ingest runs it (the scan's own resolution within
  [150 dpi, ``ocr_dpi``], raw greyscale through a pipe, blank pages skipped);
- ``fixed N dpi``: the same tesseract call on the page rendered at N dpi, for comparison.

Word accuracy: the reference words (lower-cased, punctuation stripped) found in order in the OCR
words (difflib's matching blocks), over all reference words. CPU: this process and its tesseract
children (user + system), one tesseract at a time, so the figures do not depend on the core count.
"""

from __future__ import annotations

import argparse
import difflib
import re
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

LAYOUTS = ("letter", "form", "two_column")


def words(text: str) -> list[str]:
    out = []
    for w in text.split():
        w = re.sub(r"[^\w]", "", w).lower()
        if w:
            out.append(w)
    return out


def word_accuracy(reference: list[str], hypothesis: list[str]) -> tuple[int, int]:
    """(reference words found in order in the hypothesis, reference words)."""
    sm = difflib.SequenceMatcher(a=reference, b=hypothesis, autojunk=False)
    return sum(b.size for b in sm.get_matching_blocks()), len(reference)


def sample_pages(docs: int, pages: int, scan_dpi: int) -> list[tuple[str, list[str], bytes]]:
    """(name, reference words, one-page scanned PDF) for the first ``pages`` pages of ``docs`` documents."""
    import pypdfium2 as pdfium

    from nlp_service.corpus.render import Layout, rasterise, render_pdf

    sources = sorted((REPO / "corpora" / "applications").glob("*.txt"))
    step = max(1, len(sources) // max(docs, 1))
    out = []
    for k, source in enumerate(sources[::step][:docs]):
        layout = LAYOUTS[k % len(LAYOUTS)]
        pdf_bytes = render_pdf(source.read_text(encoding="utf-8"), f"bench-ocr-{k}", Layout(name=layout),
                               header="Søknad om tilskudd 2025")
        pdf = pdfium.PdfDocument(pdf_bytes)
        for i in range(min(len(pdf), pages)):
            single = pdfium.PdfDocument.new()
            single.import_pages(pdf, [i])
            textpage = pdf[i].get_textpage()
            reference = words(textpage.get_text_range())
            textpage.close()
            import io

            buf = io.BytesIO()
            single.save(buf)
            out.append((f"{source.stem}-{layout}-p{i + 1}", reference,
                        rasterise(buf.getvalue(), f"bench-ocr-{k}-{i}", dpi=scan_dpi)))
        pdf.close()
    return out


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def read_service(scan: bytes, options) -> str:
    import pypdfium2 as pdfium

    from nlp_service.ingest.ocr import ocr_pages

    pdf = pdfium.PdfDocument(scan)
    try:
        lines = ocr_pages(pdf, [1], options)[1]
    finally:
        pdf.close()
    return " ".join(ln.text for ln in lines)


def read_fixed(scan: bytes, dpi: int, options) -> str:
    import pypdfium2 as pdfium

    from nlp_service.ingest.ocr import _ocr_image, _pgm, _tsv_to_lines

    pdf = pdfium.PdfDocument(scan)
    try:
        page = pdf[0]
        image = page.render(scale=dpi / 72.0, grayscale=True).to_pil().convert("L")
        page.close()
    finally:
        pdf.close()
    tsv = _ocr_image(_pgm(image.width, image.height, image.tobytes()), options.ocr_language, 120.0)
    return " ".join(ln.text for ln in _tsv_to_lines(tsv, dpi / 72.0))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=4, help="corpus applications (default 4)")
    ap.add_argument("--pages", type=int, default=2, help="pages of each (default 2)")
    ap.add_argument("--scan-dpi", type=int, nargs="+", default=[150, 300], help="scan resolutions (default 150 300)")
    ap.add_argument("--render", type=int, nargs="*", default=[200],
                    help="fixed render resolutions to compare with the service (default 200, the earlier one)")
    args = ap.parse_args(argv)

    from nlp_service.config import get_settings
    from nlp_service.analysis import ingest_options
    from nlp_service.ingest.ocr import tesseract_available

    options = ingest_options(get_settings())
    if not tesseract_available(options.ocr_language):
        print(f"tesseract with the language '{options.ocr_language}' is not installed", file=sys.stderr)
        return 2
    options = replace(options, ocr_workers=1)
    print(f"{'scan dpi':>8}  {'reader':<22}{'words correct':>20}{'CPU s/page':>12}{'wall s/page':>13}")
    for scan_dpi in args.scan_dpi:
        pages = sample_pages(args.docs, args.pages, scan_dpi)
        readers = [("service", lambda scan: read_service(scan, options))]
        readers += [(f"fixed {d} dpi", (lambda d: lambda scan: read_fixed(scan, d, options))(d)) for d in args.render]
        for name, read in readers:
            ok = total = 0
            c0, t0 = _cpu(), time.perf_counter()
            for _, reference, scan in pages:
                found, n = word_accuracy(reference, words(read(scan)))
                ok += found
                total += n
            cpu, wall = _cpu() - c0, time.perf_counter() - t0
            print(f"{scan_dpi:>8}  {name:<22}{f'{ok}/{total} = {ok / max(total, 1):.2%}':>20}"
                  f"{cpu / len(pages):>12.2f}{wall / len(pages):>13.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
