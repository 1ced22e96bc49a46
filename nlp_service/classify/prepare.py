"""One way from a Document to the classifier's input, for training and for analysis alike."""

from __future__ import annotations

from nlp_service.classify.features import Prepared, prepare_pages
from nlp_service.classify.stated import StatedArea, find_stated_area, mask_stated
from nlp_service.ingest.document import Document


def prepare_document(doc: Document, area_names: dict[str, list[str]] | None = None,
                     valid_areas: set[str] | None = None, parsed_pages: list | None = None) -> tuple[Prepared, StatedArea]:
    """The document's stated area and its content with every statement of the area masked out."""
    stated_area: str | None = None
    all_spans: list[tuple[int, int]] = []
    pages: list[tuple[int, str]] = []
    for page in doc.pages:
        found = find_stated_area(page.text, area_names, valid_areas)
        if stated_area is None and found.area is not None:
            stated_area = found.area
        all_spans.extend(found.spans)
        pages.append((page.number, mask_stated(page.text, found)))
    return prepare_pages(pages, parsed_pages), StatedArea(area=stated_area, spans=all_spans)
