"""Language of a text: bokmål, nynorsk, English or other, from function words."""

from __future__ import annotations

import re
from collections import Counter

_MARKERS = {
    "nb": {"ikke", "jeg", "hva", "hvordan", "fra", "være", "noe", "mye", "bare", "hvis", "også", "skal",
           "vil", "kan", "deres", "hvilke", "etter", "mellom", "av", "deltakerne", "vi", "de", "disse", "en",
           "et", "har", "blir", "gjennom", "slik", "hvor"},
    "nn": {"ikkje", "eg", "kva", "korleis", "frå", "vere", "noko", "mykje", "berre", "dersom", "òg", "skal",
           "vil", "kan", "deira", "kva", "etter", "mellom", "av", "deltakarane", "me", "dei", "desse", "ein",
           "eit", "har", "blir", "gjennom", "slik", "kor", "ho", "vert", "vore", "sjølv", "berre", "mellom"},
    "en": {"the", "and", "of", "to", "is", "are", "will", "with", "for", "this", "that", "we", "be", "by"},
}
_EXCLUSIVE = {
    "nb": {"ikke", "jeg", "hva", "hvordan", "fra", "være", "noe", "mye", "bare", "hvis", "deres", "hvilke",
           "disse", "hvor", "deltakerne", "en", "et"},
    "nn": {"ikkje", "eg", "kva", "korleis", "frå", "vere", "noko", "mykje", "berre", "dersom", "deira",
           "desse", "kor", "deltakarane", "ein", "eit", "vert", "vore", "sjølv", "òg", "dei"},
    "en": _MARKERS["en"],
}


def detect_language(text: str) -> str:
    words = re.findall(r"[a-zæøåé]+", text.lower())
    if len(words) < 5:
        return "other"
    counts = Counter(words)
    scores = {lang: sum(counts[w] for w in markers) for lang, markers in _EXCLUSIVE.items()}
    total = len(words)
    best = max(scores, key=scores.get)
    if scores[best] < max(2, 0.02 * total):
        return "other"
    return best
