"""The document model: the spine every later stage reads."""

from __future__ import annotations

from pydantic import BaseModel, Field

from nlp_service.contract import DocumentKind, Language, TextSource

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, origin top-left


#: A word and its box: (text, x0, top, x1, bottom). Plain tuples, since a page has thousands.
Word = tuple[str, float, float, float, float]


class Line(BaseModel):
    """One line of text in reading order, with its box and the offset of its text in the page text."""

    text: str
    bbox: BBox
    font_size: float = 0.0
    bold: bool = False
    heading: bool = False
    start: int = 0  # offset of this line in Page.text
    words: list[Word] = Field(default_factory=list)


class Table(BaseModel):
    bbox: BBox
    rows: list[list[str | None]]


class Page(BaseModel):
    number: int  # 1-based
    width: float
    height: float
    text: str
    lines: list[Line] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    source: TextSource = "text_layer"
    columns: int = 1

    @property
    def headings(self) -> list[str]:
        return [line.text for line in self.lines if line.heading]


class Document(BaseModel):
    pages: list[Page]
    text_source: TextSource
    kind: DocumentKind = "other"
    language: Language = "other"
    ocr_repairs: int = 0
    removed_header_footer: list[str] = Field(default_factory=list)
    active_content: list[str] = Field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages)

    @property
    def headings(self) -> list[str]:
        return [h for p in self.pages for h in p.headings]

    def line_boxes(self, page_number: int, start: int, end: int) -> list[BBox]:
        """Boxes of the lines of a page that the character span [start, end) of its text touches."""
        page = self.pages[page_number - 1]
        boxes = []
        for line in page.lines:
            lo, hi = line.start, line.start + len(line.text)
            if lo < end and hi > start:
                boxes.append(line.bbox)
        return boxes
