"""Language of a document: bokmål, nynorsk, English or other."""

from __future__ import annotations

import json
from pathlib import Path

from nlp_service.corpus.dataset import markup_to_text
from nlp_service.language.detect import detect_language

CORPUS = Path(__file__).resolve().parents[2] / "corpora"


def test_every_corpus_document_gets_its_written_standard():
    """Norwegian words that are English words too ("for", "to", "by") once made applications English."""
    wrong = []
    for path in sorted(CORPUS.glob("*/*.txt")):
        gold = path.with_suffix(".json")
        if not gold.exists() or path.parent.name not in ("applications", "reports"):
            continue
        expected = json.loads(gold.read_text(encoding="utf-8")).get("language", "nb")
        got = detect_language(markup_to_text(path.read_text(encoding="utf-8")))
        if got != expected:
            wrong.append((path.stem, expected, got))
    assert wrong == []


def test_english_and_other_text():
    assert detect_language("We will work with the municipality, and this is the plan that we have for it.") == "en"
    assert detect_language("Prosjektet skal gi deltakerne arbeid, og kommunen vil ikke drive det alene.") == "nb"
    assert detect_language("Prosjektet skal gje deltakarane arbeid, og kommunen vil ikkje drive det åleine.") == "nn"
    assert detect_language("lorem ipsum dolor sit amet consectetur adipiscing elit") == "other"
    assert detect_language("kort") == "other"
