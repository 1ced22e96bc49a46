"""Errors a caseworker can read: a stable code and a sentence in Norwegian bokmål.

The messages never quote the document's content, so no personal data leaks into logs or reports.
"""

from __future__ import annotations

from pathlib import Path

MESSAGES: dict[str, str] = {
    "not_pdf": "Filen er ikke en PDF. Last opp søknaden som PDF.",
    "empty_file": "Filen er tom.",
    "corrupt_pdf": "PDF-filen er skadet eller ufullstendig og kan ikke leses. Be søkeren sende den på nytt.",
    "encrypted_pdf": "PDF-filen er passordbeskyttet. Be søkeren sende en utgave uten passord.",
    "too_large": "Filen er større enn grensen på {limit} MB.",
    "too_many_pages": "Dokumentet har {pages} sider; grensen er {limit}.",
    "decompression_bomb": "PDF-filen inneholder data som pakkes ut til urimelig store mengder og blir ikke lest (mulig angrepsfil).",
    "timeout": "Lesingen av dokumentet tok lengre tid enn grensen på {limit} sekunder og ble avbrutt.",
    "memory_limit": "Dokumentet krevde mer minne enn tillatt og ble avbrutt.",
    "needs_ocr": "Dokumentet er skannet og har ikke tekst. Tekstgjenkjenning (OCR) er ikke tilgjengelig på denne maskinen.",
    "no_text": "Det ble ikke funnet tekst i dokumentet.",
    "file_not_found": "Filen finnes ikke.",
    "internal_error": "En uventet feil oppstod under analysen av dokumentet. Feilen er logget.",
}


class AnalysisError(Exception):
    """A failure that ends the analysis of one document, reported in its result object."""

    def __init__(self, code: str, **params: object) -> None:
        if code not in MESSAGES:
            raise ValueError(f"unknown error code {code!r}")
        self.code = code
        self.params = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return MESSAGES[self.code].format(**self.params)

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


def describe_exception(exc: BaseException) -> str:
    """An exception for the log without its message: the types of the chain and where each was
    raised (file, line, function). Messages of library errors can carry document content or file
    names (SQLAlchemy's carry the statement's parameters), which never go to a log."""
    import traceback

    parts = []
    seen = 0
    while exc is not None and seen < 5:
        frames = traceback.extract_tb(exc.__traceback__)[-6:]
        where = " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))
        parts.append(f"{type(exc).__module__}.{type(exc).__qualname__} at {where or '?'}")
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return " | caused by ".join(parts)
