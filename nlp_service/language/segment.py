"""A document's sentences with their page and position, the unit of evidence for every hint."""

from __future__ import annotations

from dataclasses import dataclass

from nlp_service.ingest.document import Document
from nlp_service.language.pipeline import get_nlp


@dataclass(frozen=True)
class Sentence:
    page: int  # 1-based
    start: int  # offset in the page's text
    end: int
    text: str  # whitespace-normalised
    lemmas: tuple[str, ...]


def _normalise(text: str) -> str:
    return " ".join(text.split())


def parse_pages(doc: Document) -> list:
    """The spaCy doc of each page's text, once per document for every stage that needs it."""
    return list(get_nlp().pipe([p.text for p in doc.pages], batch_size=8))


def document_sentences(doc: Document, *, min_chars: int = 2, parsed_pages: list | None = None) -> list[Sentence]:
    """Sentences of every page in reading order (a sentence never crosses a page break)."""
    out: list[Sentence] = []
    parsed_pages = parsed_pages if parsed_pages is not None else parse_pages(doc)
    for page, parsed in zip(doc.pages, parsed_pages):
        for sent in parsed.sents:
            text = _normalise(sent.text)
            if len(text) < min_chars:
                continue
            lemmas = tuple(t.lemma_.lower() for t in sent if not t.is_space and not t.is_punct)
            out.append(Sentence(page=page.number, start=sent.start_char, end=sent.end_char, text=text,
                                lemmas=lemmas))
    return out
