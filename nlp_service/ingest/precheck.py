"""Checks on the raw bytes before any PDF library sees them.

Signature, size, decompression bombs (a small stream that inflates to gigabytes) and active content
(JavaScript, launch actions, embedded files), found without running or fully inflating anything.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

from nlp_service.errors import AnalysisError

_OBJ_STREAM = re.compile(rb"\d+\s+\d+\s+obj\s*(<<.*?>>)\s*stream\r?\n", re.DOTALL)
_ACTIVE = {
    b"/JavaScript": "JavaScript",
    b"/JS": "JavaScript",
    b"/Launch": "startkommando (Launch)",
    b"/EmbeddedFile": "innebygde filer",
    b"/RichMedia": "multimedia (RichMedia)",
    b"/SubmitForm": "skjemainnsending (SubmitForm)",
    b"/ImportData": "dataimport (ImportData)",
}
_ACTIVE_RE = re.compile(b"|".join(re.escape(k) + rb"(?![A-Za-z])" for k in _ACTIVE))
_CHUNK = 1 << 20
_SCAN_KEEP = 4 << 20  # inflated bytes of a stream kept for the active-content scan


@dataclass
class PrecheckResult:
    active_content: list[str] = field(default_factory=list)
    encrypted: bool = False


def _inflate_bounded(data: bytes, limit: int) -> tuple[int, bytes]:
    """Inflate at most ``limit`` bytes; returns the inflated size (limit+1 when over) and its head."""
    d = zlib.decompressobj()
    total = 0
    head = bytearray()
    buf = data
    try:
        while buf:
            out = d.decompress(buf, _CHUNK)
            total += len(out)
            if len(head) < _SCAN_KEEP:
                head += out[: _SCAN_KEEP - len(head)]
            if total > limit:
                return limit + 1, bytes(head)
            buf = d.unconsumed_tail
            if not out and not buf:
                break
    except zlib.error:
        pass  # damaged or encrypted stream: the PDF library decides what to make of it
    return total, bytes(head)


def precheck(data: bytes, *, max_file_mb: float, max_inflated_mb: int, max_stream_ratio: int) -> PrecheckResult:
    if not data:
        raise AnalysisError("empty_file")
    if len(data) > max_file_mb * 1024 * 1024:
        raise AnalysisError("too_large", limit=f"{max_file_mb:g}")
    if b"%PDF-" not in data[:1024]:
        raise AnalysisError("not_pdf")
    result = PrecheckResult(encrypted=b"/Encrypt" in data)
    per_stream_limit = max_inflated_mb * 1024 * 1024
    total_limit = 2 * per_stream_limit
    total = 0
    found: set[str] = set()
    streams: list[tuple[int, int]] = []  # stream data: binary, or text such as ASCII85 image data
    for m in _OBJ_STREAM.finditer(data):
        header = m.group(1)
        start = m.end()
        end = data.find(b"endstream", start)
        if end < 0:
            end = len(data)
        elif data.find(b"endobj", start, end) < 0:  # else not one stream's data: scanned as it is
            streams.append((start, end))
        if b"/Image" in header:
            w = re.search(rb"/Width\s+(\d+)", header)
            h = re.search(rb"/Height\s+(\d+)", header)
            if w and h and int(w.group(1)) * int(h.group(1)) > 200_000_000:
                raise AnalysisError("decompression_bomb")
        if b"/FlateDecode" not in header and b"/Fl " not in header and b"/Fl]" not in header:
            continue
        raw = data[start:end]
        size, head = _inflate_bounded(raw, per_stream_limit)
        if size > per_stream_limit:
            raise AnalysisError("decompression_bomb")
        if b"/Image" not in header:
            total += size
            if total > total_limit or (size > 64 * 1024 * 1024 and size > max_stream_ratio * max(len(raw), 1)):
                raise AnalysisError("decompression_bomb")
        if b"/ObjStm" in header:
            for am in _ACTIVE_RE.finditer(head):
                found.add(_ACTIVE[am.group()])
    # Active content is a dictionary key: look for it outside stream data (where "/JS" turns up by
    # chance, e.g. in a scan's ASCII85 image data), and in the inflated object streams above.
    pos = 0
    for start, end in streams + [(len(data), len(data))]:
        if start < pos:
            continue
        for m in _ACTIVE_RE.finditer(data, pos, start):
            found.add(_ACTIVE[m.group()])
        pos = end
    result.active_content = sorted(found)
    return result
