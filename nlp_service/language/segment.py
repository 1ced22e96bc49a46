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


def document_sentences(doc: Document, *, min_chars: int = 2) -> list[Sentence]:
    """Sentences of every page in reading order (a sentence never crosses a page break)."""
    nlp = get_nlp()
    out: list[Sentence] = []
    texts = [p.text for p in doc.pages]
    for page, parsed in zip(doc.pages, nlp.pipe(texts, batch_size=8)):
        for sent in parsed.sents:
            text = _normalise(sent.text)
            if len(text) < min_chars:
                continue
            lemmas = tuple(t.lemma_.lower() for t in sent if not t.is_space and not t.is_punct)
            out.append(Sentence(page=page.number, start=sent.start_char, end=sent.end_char, text=text,
                                lemmas=lemmas))
    return out
