"""Ingest benchmark: this service's reader against bare pdfplumber ``extract_text``, same PDFs, one run.

    python evaluation/bench_ingest.py [--docs 12] [--pages 15]

Generates text-layer PDFs of about 15 pages from the corpus sources, shaped like real long
applications: one application (its form fields and budget table) followed by narrative sections
(headings, paragraphs, lists) from other sources, in letter, form and two-column layouts with running
headers and footers. Then it times (a) ``IngestSandbox.parse`` (warm child process, as in
the service) and (b) ``pdfplumber`` page-by-page ``extract_text`` in this process. Prints pages/s for
both and the ratio.
"""

from __future__ import annotations

import argparse
import re
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def make_pdfs(folder: Path, docs: int, pages: int) -> list[Path]:
    import pypdfium2 as pdfium

    from nlp_service.corpus.dataset import CORPUS_DIR
    from nlp_service.corpus.render import Layout, render_pdf

    sources = sorted((CORPUS_DIR / "applications").glob("*.txt"))
    paths = []
    layouts = ["letter", "form", "two_column"]
    for i in range(docs):
        text, k = sources[i % len(sources)].read_text(encoding="utf-8"), i + 7
        while True:  # append narrative from other sources until the document is long enough
            other = sources[k % len(sources)].read_text(encoding="utf-8")
            text += "\n\n" + "\n".join(line for line in other.splitlines()
                                      if not line.lstrip().startswith("|") and not re.match(r"^[\w ]{1,40}: ", line))
            k += 7
            pdf = render_pdf(text, f"bench-{i}", Layout(name=layouts[i % 3]), header="Søknad om tilskudd 2025",
                             footer="Tilskudd til utvikling av kvalifiserings- og integreringstiltak")
            n = len(pdfium.PdfDocument(pdf))
            if n >= pages:
                break
        path = folder / f"bench-{i:02d}.pdf"
        path.write_bytes(pdf)
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=12)
    ap.add_argument("--pages", type=int, default=15)
    args = ap.parse_args()
    os.environ.setdefault("NLP_SERVICE_DATA_DIR", tempfile.mkdtemp(prefix="bench-ingest-"))

    import pdfplumber
    import pypdfium2 as pdfium

    from nlp_service.analysis import ingest_options
    from nlp_service.config import get_settings
    from nlp_service.ingest.sandbox import IngestSandbox

    with tempfile.TemporaryDirectory() as tmp:
        paths = make_pdfs(Path(tmp), args.docs, args.pages)
        total_pages = sum(len(pdfium.PdfDocument(str(p))) for p in paths)
        data = [p.read_bytes() for p in paths]

        sandbox = IngestSandbox(ingest_options(get_settings()), timeout_s=120)
        sandbox.parse(data[0])  # warm: the service keeps its child process
        t0 = time.perf_counter()
        chars = 0
        for d in data:
            chars += len(sandbox.parse(d).text)
        ours = time.perf_counter() - t0
        sandbox.close()

        t0 = time.perf_counter()
        plumber_chars = 0
        for p in paths:
            with pdfplumber.open(p) as pdf:
                for page in pdf.pages:
                    plumber_chars += len(page.extract_text() or "")
        plumber = time.perf_counter() - t0

    print(f"{len(paths)} PDFs, {total_pages} pages (text layer)")
    print(f"{'reader':<36}{'seconds':>9}{'pages/s':>10}{'chars':>10}")
    print(f"{'nlp-service ingest (sandboxed)':<36}{ours:>9.2f}{total_pages / ours:>10.1f}{chars:>10}")
    print(f"{'bare pdfplumber extract_text':<36}{plumber:>9.2f}{total_pages / plumber:>10.1f}{plumber_chars:>10}")
    print(f"ratio (ingest / pdfplumber pages per second): {plumber / ours:.1f}x")
    print("ingest also gives word boxes, lines, headings, tables on ruled pages, header/footer removal, "
          "two-column order, OCR repair, kind and language.")


if __name__ == "__main__":
    main()
