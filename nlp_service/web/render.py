"""Page images of stored PDFs (pypdfium2), rendered in a child process with a time and memory limit
and kept as PNG in the data folder's cache.

Only documents the ingest sandbox has read get their pages shown, but a PDF is still the
applicant's bytes: a native crash or a runaway page costs one child process, never the service.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import threading
from pathlib import Path

log = logging.getLogger(__name__)

SCALE = 2.0  # 144 dpi: sharp on a laptop screen at the width the page is shown


class RenderError(Exception):
    """The page could not be rendered."""


def _render_child(pdf_path: str, index: int, scale: float, out_path: str, memory_mb: int) -> None:
    if memory_mb > 0:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(pdf_path)
    try:
        page = pdf[index]
        image = page.render(scale=scale).to_pil()
        tmp = out_path + ".part"
        image.save(tmp, format="PNG")
        os.replace(tmp, out_path)
    finally:
        pdf.close()


class PageRenderer:
    def __init__(self, cache_dir: Path, *, scale: float = SCALE, timeout_s: float = 30.0, memory_mb: int = 1024,
                 concurrency: int = 2) -> None:
        self.cache_dir = Path(cache_dir)
        self.scale = scale
        self.timeout_s = timeout_s
        self.memory_mb = memory_mb
        self._slots = threading.BoundedSemaphore(concurrency)
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def path(self, sha256: str, page_number: int) -> Path:
        return self.cache_dir / sha256[:2] / sha256 / f"{page_number}@{self.scale:g}.png"

    def render(self, sha256: str, pdf_path: Path, page_number: int) -> Path:
        """The PNG of page ``page_number`` (1-based), rendered once; raises :class:`RenderError`."""
        out = self.path(sha256, page_number)
        if out.exists():
            return out
        key = f"{sha256}:{page_number}"
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock, self._slots:
            if out.exists():
                return out
            out.parent.mkdir(parents=True, exist_ok=True)
            ctx = mp.get_context("spawn")
            proc = ctx.Process(target=_render_child, name="nlp-page-render", daemon=True,
                               args=(str(pdf_path), page_number - 1, self.scale, str(out), self.memory_mb))
            proc.start()
            proc.join(self.timeout_s)
            if proc.is_alive():
                proc.kill()
                proc.join(5)
                log.warning("page rendering timed out (document %s, page %d)", sha256[:12], page_number)
            if not out.exists():
                raise RenderError(f"page {page_number} could not be rendered (exit {proc.exitcode})")
            return out
