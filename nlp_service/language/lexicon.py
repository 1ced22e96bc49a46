"""Norwegian bokmål word forms and lemmas from Norsk Ordbank, as shipped in spacy-lookups-data."""

from __future__ import annotations

import functools
import gzip
import json
import os
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from spacy.lang.nb.stop_words import STOP_WORDS

# Number words, for participant counts written in letters ("tjue deltakere").
_UNITS = {
    "null": 0, "én": 1, "ett": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7,
    "syv": 7, "åtte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14,
    "femten": 15, "seksten": 16, "sytten": 17, "atten": 18, "nitten": 19,
}
_TENS = {"tjue": 20, "tretti": 30, "tredve": 30, "førti": 40, "femti": 50, "seksti": 60, "sytti": 70,
         "åtti": 80, "nitti": 90}


def number_word_value(word: str) -> int | None:
    """The value of a Norwegian number word ("tolv" 12, "tjuefem" 25, "hundre" 100), else None.

    "en"/"ett" are left out: as articles they are far more common than as numbers.
    """
    w = word.lower()
    if w in _UNITS and w not in ("ett",):
        return _UNITS[w]
    if w in _TENS:
        return _TENS[w]
    if w in ("hundre", "hundrede", "ethundre"):
        return 100
    if w == "dusin":  # "et dusin deltakere"
        return 12
    for tens, value in _TENS.items():
        if w.startswith(tens):
            rest = w[len(tens):]
            if rest in _UNITS and 0 < _UNITS[rest] < 10:
                return value + _UNITS[rest]
    return None


@dataclass(frozen=True)
class Lexicon:
    forms: frozenset[str]
    lemmas: dict[str, str]
    infinitives: frozenset[str]

    def is_word(self, word: str) -> bool:
        w = word.lower()
        return w in self.forms or number_word_value(w) is not None

    def is_compound(self, word: str) -> bool:
        """A word, or two words joined as Norwegian compounds are (with an optional linking s or e)."""
        w = word.lower()
        if self.is_word(w):
            return True
        if len(w) < 7 or not w.isalpha():
            return False
        for i in range(3, len(w) - 2):
            head, tail = w[:i], w[i:]
            if tail not in self.forms:
                continue
            if head in self.forms or (head[-1] in "se" and head[:-1] in self.forms and len(head) > 3):
                return True
        return False

    def lemma(self, word: str) -> str:
        w = word.lower()
        return self.lemmas.get(w, w)


_POS_ORDER = ("noun", "verb", "adj", "adv")


def _cache_path() -> Path:
    from nlp_service.config import get_settings

    version = metadata.version("spacy-lookups-data")
    return get_settings().data_dir / "cache" / f"nb-lexicon-{version}.tsv"


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The lexicon, from a plain-text cache in the data folder (0.3 s) or built from Ordbank (4 s)."""
    cache = _cache_path()
    if cache.exists():
        lemmas: dict[str, str] = {}
        infinitives: set[str] = set()
        with open(cache, encoding="utf-8") as fh:
            for line in fh:
                form, lemma, inf = line.rstrip("\n").split("\t")
                lemmas[form] = lemma or form
                if inf:
                    infinitives.add(form)
        return _finish(lemmas, infinitives)
    lemmas, infinitives = _build()
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            for form, lemma in lemmas.items():
                fh.write(f"{form}\t{'' if lemma == form else lemma}\t{'1' if form in infinitives else ''}\n")
        os.replace(tmp, cache)
    except OSError:
        pass  # a read-only data folder only costs the build time next start
    return _finish(lemmas, infinitives)


def _finish(lemmas: dict[str, str], infinitives: set[str]) -> Lexicon:
    forms = set(lemmas) | {w.lower() for w in STOP_WORDS}
    forms |= set(_UNITS) | set(_TENS)
    forms |= {"nav", "ki", "fov", "intro", "vo", "nis", "dps", "uh", "imdi", "hk-dir", "nok", "kr"}
    return Lexicon(forms=frozenset(forms), lemmas=lemmas, infinitives=frozenset(infinitives))


def _build() -> tuple[dict[str, str], set[str]]:
    data = resources.files("spacy_lookups_data") / "data"
    with gzip.open(data / "nb_lemma_exc.json.gz", "rt", encoding="utf-8") as fh:
        exc = json.load(fh)
    with gzip.open(data / "nb_lemma_lookup.json.gz", "rt", encoding="utf-8") as fh:
        lookup = json.load(fh)
    lemmas: dict[str, str] = {}
    infinitives: set[str] = set()
    for pos in _POS_ORDER:
        for form, candidates in exc.get(pos, {}).items():
            form_l = form.lower()
            if pos == "verb" and form_l in (c.lower() for c in candidates):
                infinitives.add(form_l)
            if form_l not in lemmas or form_l in (c.lower() for c in candidates):
                # An identity lemma wins ("søker" stays "søker"), otherwise the first part of speech.
                lemmas[form_l] = form_l if form_l in (c.lower() for c in candidates) else candidates[0].lower()
    for form, lemma in lookup.items():
        lemmas.setdefault(form.lower(), lemma.lower())
    return lemmas, infinitives
