"""Repair OCR damage to æ, ø and å against the Norsk Ordbank word forms.

OCR and bad text layers turn "støtte" into "stgtte", "område" into "omrdde", "særpreger" into
"szerpreger" and "å øke" into "3 gke". A token is replaced only when it is not a word itself and
exactly one repair with the fewest substitutions is (a compound of two words counts as a word).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from nlp_service.language.lexicon import Lexicon, load_lexicon

# Damaged sequence -> what it may stand for. Longer sequences first.
_SUBSTITUTIONS: list[tuple[str, tuple[str, ...]]] = [
    ("eae", ("æ",)),
    ("ae", ("æ",)), ("ze", ("æ",)), ("ee", ("æ",)), ("zae", ("æ",)),
    ("da", ("å",)), ("ad", ("å",)), ("aé", ("å",)),
    ("g", ("ø",)), ("@", ("ø",)), ("z", ("æ",)), ("é", ("å",)), ("d", ("å",)),
    ("a", ("å", "ø", "æ")), ("e", ("ø", "æ")), ("I", ("l",)), ("8", ("å",)), ("3", ("å",)),
    # Capitals lose their ring and stroke too ("Arsrapport", "Drsrapport", "Gvrige").
    ("Ae", ("Æ",)), ("A", ("Å",)), ("D", ("Å",)), ("G", ("Ø",)), ("Z", ("Æ",)),
]
_MAX_SUBSTITUTIONS = 3
_MAX_CANDIDATES = 4000

# Short function words whose damaged form happens to be a rare word or abbreviation in Ordbank.
_FUNCTION_WORDS = {"pa": "på", "pd": "på", "pé": "på", "p&": "på", "p3": "på", "p8": "på", "ma": "må", "mé": "må", "md": "må",
                   "fa": "få", "na": "nå", "nd": "nå", "bade": "både", "bdde": "både", "béde": "både"}
# Standalone tokens that stand for "å" before an infinitive ("til 3 gke" = "til å øke").
_INFINITIVE_MARKERS = {"3", "&", "8", "a", "d", "é"}
# "år" damaged ("ar", "dr") is only repaired where a year is meant: after a number or one of these words,
# not before "-" (a compound) and not "dr." (doctor).
_YEAR_FORMS = {"ar", "dr", "&r", "3r", "8r"}  # lower case only: "AR-teknologi", "Dr. Hansen" are left alone
_BEFORE_YEAR = {"per", "pr", "hvert", "kvart", "i", "to", "tre", "fire", "fem", "ett", "eitt", "ei", "et", "første", "forste",
                "andre", "tredje", "neste", "dette", "siste", "samme", "same", "hele", "heile", "gjennom", "om"}
_NOT_AFTER_NUMBER = {"år", "kr", "mill", "prosent", "ganger", "timer", "uker", "dager", "måneder"}

_TOKEN = re.compile(r"[^\W_][\w@&é]*|[@&][\w@&é]+|&", re.UNICODE)


@dataclass
class RepairResult:
    text: str
    repairs: int


def _match_case(original: str, repaired: str) -> str:
    """Carry the original's case over; a damaged first letter ("@", "I" for "l") stays lower case
    here and is capitalised by the caller where a sentence starts."""
    if original.isupper() and len(original) > 1 and original[0] != "I":
        return repaired.upper()
    if original[:1].isupper() and not (original[0] == "I" and repaired[:1] == "l"):
        return repaired[:1].upper() + repaired[1:]
    return repaired


class OcrRepairer:
    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self._cache: dict[str, str | None] = {}

    def _candidates(self, word: str) -> list[list[str]]:
        """Repairs by number of substitutions: index k holds the words made with k+1 substitutions."""
        sites: list[tuple[int, int, tuple[str, ...]]] = []
        i = 0
        lower = word
        while i < len(lower):
            for damaged, options in _SUBSTITUTIONS:
                if lower.startswith(damaged, i):
                    sites.append((i, len(damaged), options))
            i += 1
        by_count: list[list[str]] = []
        produced = 0
        for k in range(1, min(_MAX_SUBSTITUTIONS, len(sites)) + 1):
            found: set[str] = set()
            for combo in itertools.combinations(sites, k):
                # Sites must not overlap.
                if any(a[0] + a[1] > b[0] for a, b in zip(combo, combo[1:])):
                    continue
                for choice in itertools.product(*(s[2] for s in combo)):
                    produced += 1
                    if produced > _MAX_CANDIDATES:
                        break
                    parts, pos = [], 0
                    for (start, length, _), rep in zip(combo, choice):
                        parts.append(word[pos:start])
                        parts.append(rep)
                        pos = start + length
                    parts.append(word[pos:])
                    cand = "".join(parts).lower()
                    if self.lexicon.is_compound(cand):
                        found.add(cand)
            by_count.append(sorted(found))
            if found:
                break
        return by_count

    def repair_word(self, word: str) -> str | None:
        """The repaired word, or None when the word is fine or no single repair exists."""
        if word in self._cache:
            return self._cache[word]
        result: str | None = None
        low = word.lower()
        if low in _FUNCTION_WORDS and (not word[:1].isupper() or word[1:].islower()):
            result = _match_case(word, _FUNCTION_WORDS[low])
        elif (
            len(word) >= 3
            and not (word.isupper() and "@" not in word)  # acronyms: TUKI, NAV, FOV
            and not any(ch.isdigit() for ch in word.replace("3", "").replace("8", ""))
            and not self.lexicon.is_compound(word)
            and not (word[:1].isupper() and word[:1] not in "ADGZ" and word[1:].islower()
                     and not re.search(r"[gdz@é3&8]", word[1:]))
        ):
            for found in self._candidates(word):
                if len(found) == 1:
                    result = _match_case(word, found[0])
                if found:
                    break
        self._cache[word] = result
        return result

    def repair(self, text: str) -> RepairResult:
        tokens = list(_TOKEN.finditer(text))
        out: list[str] = []
        pos = 0
        repairs = 0
        repaired_tokens: list[str] = []
        for tok in tokens:
            repaired_tokens.append(self.repair_word(tok.group()) or tok.group())
        for idx, tok in enumerate(tokens):
            word = tok.group()
            new = repaired_tokens[idx]
            if new == word and word in _YEAR_FORMS and idx > 0 and text[tok.end():tok.end() + 1] != "-" \
                    and not (word == "dr" and text[tok.end():tok.end() + 1] == ".") \
                    and text[tokens[idx - 1].end():tok.start()] in (" ", "\n") \
                    and (tokens[idx - 1].group().lower() in _BEFORE_YEAR or tokens[idx - 1].group().isdigit()):
                new = _match_case(word, "år")  # "kr 220 000 per ar", "i to ar", "3 ar"
            if new == word and word in _INFINITIVE_MARKERS and idx + 1 < len(tokens):
                nxt = repaired_tokens[idx + 1].lower()
                gap = text[tok.end(): tokens[idx + 1].start()]
                if gap == " " and nxt in self.lexicon.infinitives and nxt not in _NOT_AFTER_NUMBER:
                    prev_ok = idx > 0 and not tokens[idx - 1].group().isdigit()
                    if prev_ok:
                        new = "å"
            if new != word and word[:1] in "@I" and new[:1].islower():
                before = text[:tok.start()].rstrip(" \t")
                if not before or before[-1] in ".!?:\n":
                    new = new[:1].upper() + new[1:]
            out.append(text[pos:tok.start()])
            out.append(new)
            if new != word:
                repairs += 1
            pos = tok.end()
        out.append(text[pos:])
        return RepairResult("".join(out), repairs)
