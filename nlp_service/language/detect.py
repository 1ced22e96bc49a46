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
    # Not "for", "to", "by", "be": Norwegian words too ("for", two, town, ask), frequent in applications.
    "en": _MARKERS["en"] - {"for", "to", "by", "be"},
}


#: Frequent words of both written Norwegian standards (and not English words).
_NORWEGIAN = {"og", "i", "på", "til", "med", "som", "er", "det", "av", "for", "om", "å", "at", "skal", "har", "kan",
              "vil", "fra", "frå", "ikke", "ikkje", "den", "mot", "etter", "med", "under", "kommune", "kommunen",
              "prosjektet", "tilskudd", "tilskot", "deltakere", "deltakarar"}


def detect_language(text: str) -> str:
    """``nb``, ``nn``, ``en`` or ``other``: Norwegian against English by frequent words, then
    nynorsk against bokmål by the words only one of them uses (bokmål when neither shows)."""
    words = re.findall(r"[a-zæøåé]+", text.lower())
    if len(words) < 5:
        return "other"
    counts = Counter(words)
    total = len(words)
    norwegian = sum(counts[w] for w in _NORWEGIAN)
    english = sum(counts[w] for w in _EXCLUSIVE["en"])
    if max(norwegian, english) < max(2, 0.02 * total):
        return "other"
    if english > norwegian:
        return "en"
    nb = sum(counts[w] for w in _EXCLUSIVE["nb"])
    nn = sum(counts[w] for w in _EXCLUSIVE["nn"])
    return "nn" if nn > nb else "nb"
