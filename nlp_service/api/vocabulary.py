"""Names a caseworker reads: the call's areas and checks (from the call definition) and the
Norwegian words for the contract's values."""

from __future__ import annotations

import functools
import logging

log = logging.getLogger(__name__)

STATUS_LABELS = {"met": "Oppfylt", "gap": "Mangler", "uncertain": "Usikker", "not_applicable": "Ikke aktuelt"}
KIND_LABELS = {"application": "Søknad", "status_report": "Statusrapport", "annual_report": "Årsrapport",
               "accounts": "Regnskap", "other": "Annet dokument"}
LANGUAGE_LABELS = {"nb": "bokmål", "nn": "nynorsk", "en": "engelsk", "other": "annet språk"}
TEXT_SOURCE_LABELS = {"text_layer": "tekstlag i PDF-en", "ocr": "tekstgjenkjenning (OCR)", "none": "ingen tekst"}
APPLICANT_TYPE_LABELS = {"kommune": "kommune", "fylkeskommune": "fylkeskommune", "bydel": "bydel", "other": "annen"}
BATCH_STATUS_LABELS = {"queued": "I kø", "running": "Analyseres", "done": "Ferdig",
                       "interrupted": "Avbrutt – fortsetter når tjenesten starter igjen"}
ITEM_STATUS_LABELS = {"pending": "Venter", "running": "Analyseres", "done": "Ferdig", "failed": "Feilet"}
CHECK_CORRECTION_LABELS = {"wrong": "feil", **{k: v.lower() for k, v in STATUS_LABELS.items()}}


@functools.lru_cache(maxsize=4)
def _call(name: str):  # noqa: ANN202
    from nlp_service.calls import load_call

    try:
        return load_call(name)
    except Exception:  # noqa: BLE001 - the pages still work with ids for names
        log.exception("the call definition %s could not be read", name)
        return None


def area_names(call: str) -> dict[str, str]:
    """Area number -> name, in the call's order ("1".."5" for 2025)."""
    definition = _call(call)
    if definition is None:
        return {str(n): f"Satsingsområde {n}" for n in range(1, 6)}
    return {a.number: a.name for a in definition.areas}


def check_titles(call: str) -> dict[str, str]:
    definition = _call(call)
    return {c.id: c.title or c.id for c in definition.checks} if definition is not None else {}


def call_title(call: str) -> str:
    definition = _call(call)
    return f"{definition.name} ({definition.year})" if definition is not None else call
