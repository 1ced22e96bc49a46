"""Required-content checks and facts, driven by a call definition (:mod:`nlp_service.calls`).

    from nlp_service.calls import load_call
    from nlp_service.checks import CheckEngine, extract_facts

    facts = extract_facts(doc, sentences)
    results = CheckEngine(load_call("tuki-2025"), encoder=None).run(doc, sentences, area="2",
                                                                    kind="application", facts=facts)
"""

from nlp_service.checks.engine import CheckEngine
from nlp_service.checks.facts import extract_facts

__all__ = ["CheckEngine", "extract_facts"]
