"""Where a piece of evidence stands on its page: the sentence's words found among the page's words.

The stored PDF is parsed again through the Analyzer's ingest (the same sandbox, so the same words,
OCR repairs included); the page's words and their boxes are kept in the data folder's cache, so a
document is parsed once for its pages however often it is viewed. A sentence is matched as a
sequence of normalised words (``difflib``), tolerant of punctuation, line-end hyphenation and a
few words that differ; the result is one box per line it covers, as fractions of the page.
"""

from __future__ import annotations

import difflib
import gzip
import json
import os
import threading
import unicodedata
from collections.abc import Callable
from pathlib import Path

from nlp_service.ingest.document import Document

#: Share of the sentence's words that must be found, in order and close together, to mark it.
MIN_COVERAGE = 0.6
_NO_JOIN = frozenset({"og", "eller", "til", "samt", "and", "or"})  # "kvalifiserings- og": no line-end join
_HYPHENS = ("-", "\u00ad", "\u2010", "\u2011")

Layout = dict  # {"pages": [{"number", "width", "height", "lines": [[[text, x0, top, x1, bottom], ...], ...]}]}
Box = tuple[float, float, float, float]  # left, top, width, height as fractions of the page


def layout_of(doc: Document) -> Layout:
    return {"pages": [{"number": p.number, "width": p.width, "height": p.height,
                       "lines": [[list(w) for w in line.words] for line in p.lines if line.words]}
                      for p in doc.pages]}


def _norm(word: str) -> str:
    text = unicodedata.normalize("NFC", word).casefold()
    start, end = 0, len(text)
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return text[start:end]


def _page_tokens(page: dict) -> tuple[list[str], list[list[tuple[int, int]]]]:
    """The page's words as normalised tokens, each with the (line, word) places it covers; a word
    hyphenated at a line's end is joined with the first word of the next line."""
    tokens: list[str] = []
    places: list[list[tuple[int, int]]] = []
    lines = page["lines"]
    skip: tuple[int, int] | None = None
    for li, line in enumerate(lines):
        for wi, word in enumerate(line):
            if (li, wi) == skip:
                continue
            text = word[0]
            last_in_line = wi == len(line) - 1
            if last_in_line and text.endswith(_HYPHENS) and len(text) > 2 and li + 1 < len(lines) and lines[li + 1]:
                nxt = lines[li + 1][0][0]
                if nxt[:1].islower() and _norm(nxt) not in _NO_JOIN:
                    tokens.append(_norm(text.rstrip("".join(_HYPHENS)) + nxt))
                    places.append([(li, wi), (li + 1, 0)])
                    skip = (li + 1, 0)
                    continue
            norm = _norm(text)
            if norm:
                tokens.append(norm)
                places.append([(li, wi)])
    return tokens, places


def locate_on_page(page: dict, text: str) -> tuple[float, list[Box]]:
    """(coverage, boxes) of the sentence ``text`` on one page; no boxes when it is not there."""
    wanted = [t for t in (_norm(w) for w in text.split()) if t]
    if not wanted:
        return 0.0, []
    tokens, places = _page_tokens(page)
    if not tokens:
        return 0.0, []
    blocks = [b for b in difflib.SequenceMatcher(None, tokens, wanted, autojunk=False).get_matching_blocks()
              if b.size]
    if not blocks:
        return 0.0, []
    # The run of blocks around the largest one that stays close together on the page.
    anchor = max(range(len(blocks)), key=lambda i: blocks[i].size)
    chosen = [blocks[anchor]]
    for step in (-1, 1):
        i = anchor + step
        while 0 <= i < len(blocks):
            near = chosen[0] if step < 0 else chosen[-1]
            b = blocks[i]
            gap_page = near.a - (b.a + b.size) if step < 0 else b.a - (near.a + near.size)
            gap_text = near.b - (b.b + b.size) if step < 0 else b.b - (near.b + near.size)
            if gap_page > gap_text + 3:
                break
            if step < 0:
                chosen.insert(0, b)
            else:
                chosen.append(b)
            i += step
    coverage = sum(b.size for b in chosen) / len(wanted)
    if coverage < MIN_COVERAGE:
        return coverage, []
    first, last = chosen[0].a, chosen[-1].a + chosen[-1].size
    by_line: dict[int, list[list]] = {}
    for token_places in places[first:last]:
        for li, wi in token_places:
            by_line.setdefault(li, []).append(page["lines"][li][wi])
    width, height = page["width"] or 1.0, page["height"] or 1.0
    boxes = []
    for li in sorted(by_line):
        words = by_line[li]
        x0 = min(w[1] for w in words) - 1.5
        top = min(w[2] for w in words) - 1.5
        x1 = max(w[3] for w in words) + 1.5
        bottom = max(w[4] for w in words) + 1.5
        boxes.append((round(max(x0, 0) / width, 5), round(max(top, 0) / height, 5),
                      round((x1 - max(x0, 0)) / width, 5), round((bottom - max(top, 0)) / height, 5)))
    return coverage, boxes


def locate(layout: Layout, page_number: int, text: str) -> tuple[int, list[Box]]:
    """The page (the stated one, else a neighbour where a sentence runs on) and the boxes of ``text``."""
    pages = layout["pages"]
    best: tuple[float, int, list[Box]] = (0.0, page_number, [])
    for n in (page_number, page_number + 1, page_number - 1):
        if 1 <= n <= len(pages):
            coverage, boxes = locate_on_page(pages[n - 1], text)
            if boxes and coverage > best[0] + (0.15 if best[2] else 0):
                best = (coverage, n, boxes)
            if boxes and coverage >= 0.95:
                break
    return best[1], best[2]


class LayoutCache:
    """Page words of stored documents, parsed once and kept as gzip JSON under ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def path(self, sha256: str) -> Path:
        return self.folder / sha256[:2] / f"{sha256}.json.gz"

    def get(self, sha256: str, read_pdf: Callable[[], bytes], parse: Callable[[bytes], Document]) -> Layout:
        path = self.path(sha256)
        with self._guard:
            lock = self._locks.setdefault(sha256, threading.Lock())
        with lock:
            try:
                return json.loads(gzip.decompress(path.read_bytes()))
            except (FileNotFoundError, OSError, ValueError):
                pass
            layout = layout_of(parse(read_pdf()))
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
            tmp.write_bytes(gzip.compress(json.dumps(layout, ensure_ascii=False).encode(), compresslevel=5))
            os.replace(tmp, path)
            return layout
