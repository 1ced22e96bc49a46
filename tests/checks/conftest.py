"""Shared by the allowance's case tables (the probers' and the reviews'): the status of the participant-allowance
check for an area-1 application written in the corpus markup."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def allowance_of():
    from nlp_service.calls import load_call
    from nlp_service.checks.engine import CheckEngine
    from nlp_service.checks.facts import extract_facts
    from nlp_service.corpus.dataset import markup_to_text
    from nlp_service.ingest.text import document_from_text
    from nlp_service.language.segment import document_sentences

    engine = CheckEngine(load_call("tuki-2025"))

    def status(markup: str) -> str:
        doc = document_from_text(markup_to_text(markup))
        sentences = document_sentences(doc)
        facts = extract_facts(doc, sentences)
        results = {r.id: r for r in engine.run(doc, sentences, area="1", kind="application", facts=facts)}
        return results["deltakerstonad_maks_1g"].status

    return status
