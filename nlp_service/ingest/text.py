"""Plain text (a .txt in an archive, or a corpus source) to a Document, without a PDF."""

from __future__ import annotations

from nlp_service.ingest.document import Document, Line, Page

_PAGE_CHARS = 3500  # about one A4 page of 10-point text


def document_from_text(text: str) -> Document:
    from nlp_service.ingest.classify_kind import detect_kind
    from nlp_service.language.detect import detect_language

    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    pages: list[Page] = []
    current: list[str] = []
    size = 0
    for para in paragraphs + [None]:
        if para is None or (size + len(para) > _PAGE_CHARS and current):
            body = "\n\n".join(current)
            lines, offset = [], 0
            for chunk in body.split("\n"):
                lines.append(Line(text=chunk, bbox=(0.0, 0.0, 0.0, 0.0), start=offset))
                offset += len(chunk) + 1
            if body:
                pages.append(Page(number=len(pages) + 1, width=595.0, height=842.0, text=body, lines=lines,
                                  source="text_layer"))
            current, size = [], 0
        if para is not None:
            current.append(para)
            size += len(para)
    doc = Document(pages=pages or [Page(number=1, width=595.0, height=842.0, text="")], text_source="text_layer")
    doc.language = detect_language(doc.text)
    doc.kind = detect_kind(doc)
    return doc
