"""Who approved a set of accounts: the people named in its approval part, their titles and ranks.

The call's rule for accounts is approval by the project owner *and* a superior leader. A keyword test
cannot tell "godkjent av prosjektansvarlig og overordnet leder:" over one signature from the same words
over two, nor two section leaders (peers) from a section leader and a director. This module reads the
approval part as people: each name with the titles written beside it, then decides whether two
different people, the owner and someone above the owner, approved. The patterns come from the call
(``SignersDetector``); the name heuristic is Norwegian.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

# A name: two to four capitalised words ("Ole-Martin Rekdal Brun", "Ingvild Bøe Naper").
_WORD = r"[A-ZÆØÅ][a-zæøåéèüöäá]+(?:-[A-ZÆØÅ][a-zæøåéèüöäá]+)?"
_NAME = re.compile(rf"(?<![\w@.]){_WORD}(?: {_WORD}){{1,3}}(?![\w@])")
# Words that begin a sentence or a line and are not part of a name.
_COMMON = {"med", "vi", "dato", "kopi", "sum", "note", "merknad", "merknader", "regnskapet", "rekneskapen", "den",
           "det", "dei", "de", "som", "og", "for", "til", "fra", "frå", "av", "i", "på", "rolle", "navn",
           "namn", "stilling", "signatur", "underskrift", "godkjent", "godkjend", "attestert", "anvist", "signert",
           "kontakt", "kontaktperson", "saksbehandler", "sakshandsamar", "tlf", "telefon", "e-post", "epost",
           "begge", "undertegnede", "underteikna", "hilsen", "helsing", "vennlig", "venleg", "beste"}
# A capitalised pair followed by one of these is a place or a unit, not a person ("Nordre Follo voksenopplæring").
_ORG_AFTER = re.compile(r"^\s+(kommune|kommunes|fylkeskommune|herad|voksenopplæring|vaksenopplæring|læringssenter|"
                        r"vgs|videregående|vidaregåande|skole|skule|bydel|sykehus|sjukehus|frivilligsentral|"
                        r"helsestasjon|nav)\b", re.I)
# Where the words about one person end and those about the next begin: ", og", "og av", "og hennes
# overordnede", "og godkjend av"; a bare "og" only when there is nothing better ("for helse og omsorg" is a title).
_STRONG_SEP = re.compile(r",\s*(?:og|samt)\s+|;\s*|\s+og\s+(?=(?:av|deretter|hennes|hans|hennar|sin|sine|så|"
                         r"kontrasign\w*|signert|signerte|godkj\w*|underskr\w*|underteikn\w*|attest\w*)\b)", re.I)
_WEAK_SEP = re.compile(r"\s+og\s+", re.I)


@dataclass
class Person:
    name: str
    text: list[str] = field(default_factory=list)  # the words written beside the name, each mention
    sentences: list[int] = field(default_factory=list)
    approver: bool = True


@dataclass
class Approval:
    met: bool
    people: list[Person]
    evidence: list[int]  # sentence indices that show the approval (or its nearest miss)


class _Rx:
    def __init__(self, patterns: Sequence[str]) -> None:
        self.rx = re.compile("|".join(f"(?:{p})" for p in patterns), re.I) if patterns else None

    def search(self, text: str) -> bool:
        return bool(self.rx and self.rx.search(text))


class SignerRules:
    """The detector's patterns, compiled once."""

    def __init__(self, det) -> None:
        self.headings = _Rx(det.headings)
        self.approve = _Rx(det.approve)
        self.pending = _Rx(det.pending)
        self.not_approver = _Rx(det.not_approver)
        self.owner = _Rx(det.owner)
        self.superior = _Rx(det.superior)
        self.ranks = [_Rx(level) for level in det.ranks]
        self.not_names = _Rx([rf"^(?:{p})$" for p in det.not_names]) if det.not_names else _Rx([])

    def rank(self, text: str) -> int:
        """The highest level (1 = lowest) of a title in ``text``; 0 when it has none."""
        best = 0
        for level, rx in enumerate(self.ranks, start=1):
            if rx.search(text):
                best = level
        return best

    def is_title(self, word: str) -> bool:
        w = word.lower()
        return (self.owner.search(w) or self.superior.search(w) or any(rx.search(w) for rx in self.ranks)
                or self.not_names.search(word))


def _names(text: str, rules: SignerRules) -> list[tuple[int, int, str]]:
    """(start, end, name) of each person's name in ``text``."""
    out = []
    for m in _NAME.finditer(text):
        words = m.group(0).split(" ")
        start = m.start()
        # leading words that are titles or common words ("Kommunedirektør Svein Arild Haugen")
        while words and (words[0].lower() in _COMMON or rules.is_title(words[0])):
            start += len(words[0]) + 1
            words = words[1:]
        while words and (words[-1].lower() in _COMMON or rules.is_title(words[-1])):
            words = words[:-1]
        if len(words) < 2 or any(rules.not_names.search(w) for w in words):
            continue
        name = " ".join(words)
        end = start + len(name)
        if _ORG_AFTER.match(text[end:]):
            continue
        out.append((start, end, name))
    return out


def _region(texts: Sequence[str], headings: Sequence[bool], rules: SignerRules) -> int:
    """The first sentence of the approval part."""
    n = len(texts)
    for i in range(n - 1, -1, -1):
        if headings[i] and rules.headings.search(texts[i]):
            return i
    tail = max(0, n - 15)
    for i in range(tail, n):
        if rules.approve.search(texts[i]):
            return i
    return max(0, n - 8)


def read_approval(texts: Sequence[str], headings: Sequence[bool], rules: SignerRules) -> Approval:
    """Who approved, from the sentences of a document (``headings[i]``: sentence ``i`` is a heading)."""
    start = _region(texts, headings, rules)
    people: dict[str, Person] = {}
    claims: list[int] = []
    pending: list[int] = []
    last: Person | None = None
    for i in range(start, len(texts)):
        text = texts[i]
        if rules.pending.search(text):
            pending.append(i)
        names = _names(text, rules)
        if not names:
            # a title line under a name ("einingsleiar, prosjektansvarleg"), else a statement
            if last is not None and not text.rstrip().endswith(".") and len(text.split()) <= 14 \
                    and not rules.approve.search(text):
                last.text.append(text)
                last.sentences.append(i)
            elif rules.approve.search(text) and not rules.pending.search(text):
                claims.append(i)
            last = None
            continue
        # the words between two names: after the separator they belong to the second, before it to the first
        bounds = []
        for k, (s, e, name) in enumerate(names):
            lo = 0 if k == 0 else names[k - 1][1]
            gap = text[lo:s]
            if k:
                sep = _STRONG_SEP.search(gap) or _WEAK_SEP.search(gap)
                bounds[-1][1] = lo + (sep.start() if sep else len(gap))
                lo = lo + (sep.end() if sep else len(gap))
            bounds.append([lo, len(text), name, s, e])
        for lo, hi, name, s, e in bounds:
            own = text[lo:s] + " " + text[e:hi]
            key = name.lower()
            person = people.setdefault(key, Person(name))
            person.text.append(own)
            person.sentences.append(i)
            # prepared, controlled or copied by, a contact: not an approver; nor one only to approve later
            if rules.not_approver.search(text[lo:s]) or rules.pending.search(text):
                if len(person.sentences) == 1:
                    person.approver = False
            else:
                person.approver = True
            last = person
    approvers = [p for p in people.values() if p.approver]
    return _decide(approvers, claims, pending, texts, rules)


def _decide(approvers: list[Person], claims: list[int], pending: list[int], texts: Sequence[str],
            rules: SignerRules) -> Approval:
    def about(p: Person) -> str:
        return " ".join(p.text)

    ranks = {p.name: rules.rank(about(p)) for p in approvers}
    owners = [p for p in approvers if rules.owner.search(about(p))]
    evidence = [i for p in approvers for i in p.sentences]
    if len(approvers) >= 2:
        candidates = owners or [min(approvers, key=lambda p: ranks[p.name])]
        for a in candidates:
            for b in approvers:
                if b is a:
                    continue
                marked = rules.superior.search(about(b)) and not rules.superior.search(about(a))
                higher = ranks[b.name] > ranks[a.name] and ranks[b.name] >= 2
                if marked or higher:
                    return Approval(True, approvers, sorted(set(a.sentences[:1] + b.sentences[:1])))
        # "godkjent av prosjektansvarlig og overordnet leder" over two signatures whose titles do not say
        # they are peers
        both = [i for i in claims if rules.owner.search(texts[i]) and rules.superior.search(texts[i])]
        if both and len({ranks[p.name] for p in approvers}) != 1:
            return Approval(True, approvers, both[:1] + evidence[:2])
        if both and all(ranks[p.name] == 0 for p in approvers):
            return Approval(True, approvers, both[:1] + evidence[:2])
    return Approval(False, approvers, (claims + pending + evidence)[:3])
