"""Render corpus sources (light markup, see corpora/AUTHORING.md) to PDFs of varied layout.

Layouts: a portal form export, a municipal letter, two columns, running headers and footers,
ruled budget tables, image-only scans, and text layers with the OCR damage the 2025 call shows
("stgtte" for "støtte"). Deterministic: the same source and layout give the same PDF bytes.
"""

from __future__ import annotations

import hashlib
import io
import random
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, KeepTogether, PageTemplate, Paragraph, Spacer, Table,
                                TableStyle)

LAYOUTS = ("form", "letter", "two_column", "scan", "ocr_damaged")


@dataclass(frozen=True)
class Layout:
    name: str  # one of LAYOUTS
    running_header: bool = True
    font_size: float = 10.0


def layout_for(doc_id: str, style: str) -> Layout:
    """The layout a corpus document gets: mostly its own style, a share of each special layout."""
    h = int(hashlib.sha256(doc_id.encode()).hexdigest(), 16)
    bucket = h % 20
    if bucket in (0, 1):
        name = "scan"
    elif bucket in (2, 3, 4):
        name = "ocr_damaged"
    elif bucket in (5, 6, 7) and style == "letter":
        name = "two_column"
    else:
        name = "form" if style == "form" else "letter"
    return Layout(name=name, running_header=(h >> 8) % 3 != 0, font_size=(9.5, 10.0, 10.5, 11.0)[(h >> 12) % 4])


# --- OCR damage, as in the circular as received -------------------------------------------------

_DAMAGE = {
    "ø": ("g", "g", "g", "@", "a"),
    "Ø": ("@", "G"),
    "å": ("a", "a", "d", "é", "3"),
    "Å": ("A", "D"),
    "æ": ("ae", "ae", "z", "ee", "ze"),
    "Æ": ("Ae", "Z"),
}


def damage_text(text: str, seed: str, rate: float = 0.85) -> str:
    """Replace æ/ø/å the way bad OCR does; ``rate`` of the letters are damaged."""
    rng = random.Random(seed)
    out = []
    for ch in text:
        if ch in _DAMAGE and rng.random() < rate:
            out.append(rng.choice(_DAMAGE[ch]))
        else:
            out.append(ch)
    return "".join(out)


# --- markup to flowables -------------------------------------------------------------------------

def parse_markup(text: str) -> list[tuple[str, object]]:
    """Blocks of the markup: ("h1"|"h2"|"para"|"fields"|"table"|"bullets", content)."""
    blocks: list[tuple[str, object]] = []
    lines = text.replace("\r\n", "\n").split("\n")
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
            i += 1
        elif line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
            i += 1
        elif line.lstrip().startswith("|"):
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
        elif re.match(r"^\s*([-•*]|\d+[.)])\s+", line):
            items = []
            while i < len(lines) and re.match(r"^\s*([-•*]|\d+[.)])\s+", lines[i]):
                items.append(lines[i].strip())
                i += 1
            blocks.append(("bullets", items))
        elif re.match(r"^[A-ZÆØÅa-zæøå][\w ()/.,–-]{1,40}:( |$)", line) and not line.rstrip().endswith("."):
            fields = []
            while i < len(lines) and re.match(r"^[A-ZÆØÅa-zæøå][\w ()/.,–-]{1,40}:( |$)", lines[i]):
                label, _, value = lines[i].partition(":")
                fields.append((label.strip(), value.strip()))
                i += 1
            blocks.append(("fields", fields))
        else:
            para = []
            while i < len(lines) and lines[i].strip() and not lines[i].startswith("#") \
                    and not lines[i].lstrip().startswith("|") and not re.match(r"^\s*([-•*]|\d+[.)])\s+", lines[i]):
                para.append(lines[i].strip())
                i += 1
            blocks.append(("para", "\n".join(para)))
    return blocks


def _styles(size: float) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName="Helvetica", fontSize=size, leading=size * 1.35, alignment=TA_LEFT,
                          spaceAfter=size * 0.6)
    return {
        "body": base,
        "h1": ParagraphStyle("h1", parent=base, fontName="Helvetica-Bold", fontSize=size + 5, leading=(size + 5) * 1.3,
                             spaceBefore=4, spaceAfter=8),
        "h2": ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold", fontSize=size + 2, leading=(size + 2) * 1.3,
                             spaceBefore=8, spaceAfter=4),
        "cell": ParagraphStyle("cell", parent=base, fontSize=size - 1, leading=(size - 1) * 1.25, spaceAfter=0),
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=12, spaceAfter=2),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _flowables(blocks: list[tuple[str, object]], layout: Layout, width: float) -> list:
    st = _styles(layout.font_size)
    out: list = []
    for kind, content in blocks:
        if kind == "h1":
            out.append(_p(content, st["h1"]))
        elif kind == "h2":
            out.append(_p(content, st["h2"]))
        elif kind == "para":
            out.append(_p(content, st["body"]))
        elif kind == "bullets":
            for item in content:
                text = re.sub(r"^[-•*]\s+", "• ", item)
                out.append(_p(text, st["bullet"]))
            out.append(Spacer(1, 4))
        elif kind == "fields":
            if layout.name == "form":
                data = [[_p(label, st["cell"]), _p(value, st["cell"])] for label, value in content]
                table = Table(data, colWidths=[width * 0.32, width * 0.68])
                table.setStyle(TableStyle([
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                    ("BACKGROUND", (0, 0), (0, -1), colors.Color(0.93, 0.95, 0.98)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]))
                out.append(table)
                out.append(Spacer(1, 8))
            else:
                out.append(_p("\n".join(f"{label}: {value}" for label, value in content), st["body"]))
        elif kind == "table":
            ncols = max(len(r) for r in content)
            data = [[_p(c, st["cell"]) for c in r + [""] * (ncols - len(r))] for r in content]
            table = Table(data, colWidths=[width / ncols] * ncols, repeatRows=1)
            table.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(KeepTogether([table]) if len(content) < 12 else table)
            out.append(Spacer(1, 8))
    return out


def render_pdf(text: str, doc_id: str, layout: Layout, *, header: str = "", footer: str = "") -> bytes:
    """One document's PDF bytes. ``scan`` gives image-only pages; ``ocr_damaged`` a damaged text layer."""
    if layout.name == "ocr_damaged":
        text = damage_text(text, doc_id)
        header, footer = damage_text(header, doc_id + "h"), damage_text(footer, doc_id + "f")
    buf = io.BytesIO()
    page_w, page_h = A4
    margin = 22 * mm
    doc = BaseDocTemplate(buf, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin, title="", author="", creator="nlp-service corpus", invariant=1)
    width = page_w - 2 * margin
    if layout.name == "two_column":
        gap = 8 * mm
        col = (width - gap) / 2
        frames = [Frame(margin, margin, col, page_h - 2 * margin, id="left"),
                  Frame(margin + col + gap, margin, col, page_h - 2 * margin, id="right")]
        flow_width = col
    else:
        frames = [Frame(margin, margin, width, page_h - 2 * margin, id="body")]
        flow_width = width

    def decorate(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        if layout.running_header and header:
            canvas.drawString(margin, page_h - 12 * mm, header)
            canvas.line(margin, page_h - 13.5 * mm, page_w - margin, page_h - 13.5 * mm)
        if layout.running_header and footer:
            canvas.drawString(margin, 10 * mm, footer)
        if layout.running_header:
            canvas.drawRightString(page_w - margin, 10 * mm, f"Side {document.page}")
        if layout.name == "form":
            canvas.setFillColor(colors.Color(0.15, 0.25, 0.45))
            canvas.rect(0, page_h - 8 * mm, page_w, 8 * mm, stroke=0, fill=1)
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate(id="page", frames=frames, onPage=decorate)])
    doc.build(_flowables(parse_markup(text), layout, flow_width))
    pdf = buf.getvalue()
    if layout.name == "scan":
        pdf = rasterise(pdf, doc_id)
    return pdf


def rasterise(pdf: bytes, seed: str, dpi: int = 150) -> bytes:
    """An image-only copy of a PDF, as a scanner makes it: grey pages, slight noise, no text layer."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas as rl_canvas

    rng = random.Random(seed)
    src = pdfium.PdfDocument(pdf)
    out = io.BytesIO()
    c = rl_canvas.Canvas(out, pagesize=A4, invariant=1)
    try:
        for i in range(len(src)):
            page = src[i]
            img = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            angle = rng.uniform(-0.6, 0.6)
            img = img.rotate(angle, resample=Image.BICUBIC, fillcolor=255, expand=False)
            img = img.filter(ImageFilter.GaussianBlur(radius=0.4))
            png = io.BytesIO()
            img.save(png, format="PNG", optimize=True)
            png.seek(0)
            c.drawImage(ImageReader(png), 0, 0, width=A4[0], height=A4[1])
            c.showPage()
            page.close()
    finally:
        src.close()
    c.save()
    return out.getvalue()
