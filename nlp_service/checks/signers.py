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

# A name: two to five words, each capitalised ("Ole-Martin Rekdal Brun", "Ayşe Yılmaz", "KARI NORDMANN"), an
# initial ("Kari B. Nordmann") or a particle inside it ("Ingrid van der Berg"); the words one space or one line
# break apart (a PDF line may end inside a name).
_TOKEN = re.compile(r"[^\W\d_][^\W\d_'’]*(?:-[^\W\d_][^\W\d_'’]*)*\.?")
_PARTICLES = {"van", "der", "den", "de", "von", "da", "di", "du", "la", "le", "al", "el", "bin", "ibn", "ter", "ten"}
# A word that makes the capitalised words a place or a unit, not a person ("Vågå Læringssenter").
_ORG_WORDS = ("kommune", "kommunes", "herad", "bydel", "senter", "senteret", "sentral", "sentralen", "skole", "skule",
              "skolen", "skulen", "opplæring", "opplæringa", "opplæringen", "tjenesten", "tenesta", "tjeneste",
              "kontor", "kontoret", "etaten", "avdeling", "avdelinga", "seksjon", "sykehus", "sjukehus", "barnehage",
              "barnehagen", "stasjon", "stasjonen", "fylke", "universitet", "høgskole", "høgskule")
_PLACE_DATE = re.compile(r"^,?\s*\d{1,2}\.\s*(\d{1,2}\.|[a-zæøå]+)\s*\d{4}\b")
_ORG_SHORT = {"as", "asa", "hf", "sa", "iks", "nav", "imdi", "vgs", "dps", "ks"}
# Words that begin a sentence or a line and are not part of a name.
_COMMON = {"med", "vi", "dato", "kopi", "sum", "note", "merknad", "merknader", "regnskapet", "rekneskapen", "den",
           "det", "dei", "de", "som", "og", "for", "til", "fra", "frå", "av", "i", "på", "rolle", "navn",
           "namn", "stilling", "signatur", "underskrift", "godkjent", "godkjend", "attestert", "anvist", "signert",
           "kontakt", "kontaktperson", "saksbehandler", "sakshandsamar", "tlf", "telefon", "e-post", "epost",
           "begge", "undertegnede", "underteikna", "hilsen", "helsing", "vennlig", "venleg", "beste",
           "godkjenning", "underskrifter", "signaturer", "stadfesting", "underteikning", "attestasjon"}
# A capitalised pair followed by one of these is a place or a unit, not a person ("Nordre Follo voksenopplæring").
_ORG_AFTER = re.compile(r"^\s+(kommune|kommunes|fylkeskommune|herad|voksenopplæring|vaksenopplæring|læringssenter|"
                        r"vgs|videregående|vidaregåande|skole|skule|bydel|sykehus|sjukehus|frivilligsentral|"
                        r"helsestasjon|nav)\b", re.I)
# Where the words about one person end and those about the next begin: ", og", "og av", "og hennes
# overordnede", "og godkjend av"; a bare "og" only when there is nothing better ("for helse og omsorg" is a title).
_STRONG_SEP = re.compile(r",\s*(?:og|samt)\s+|;\s*|\n|\s+og\s+(?=(?:av|deretter|hennes|hans|hennar|sin|sine|så|"
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
        self.not_names = _Rx([rf"^(?:{p})$" for p in det.not_names])

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


def _is_org_word(word: str) -> bool:
    w = word.lower().rstrip(".")
    return w in _ORG_SHORT or w.endswith(_ORG_WORDS)


def _names(text: str, rules: SignerRules) -> list[tuple[int, int, str]]:
    """(start, end, name) of each person's name in ``text``."""
    runs: list[list[re.Match]] = []
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        capital = word[0].isupper()
        particle = word.lower() in _PARTICLES
        if not (capital or particle):
            runs.append([])
            continue
        prev = runs[-1] if runs and runs[-1] else None
        if prev is not None and text[prev[-1].end():m.start()] in (" ", "\n") \
                and not (prev[-1].group(0).endswith(".") and len(prev[-1].group(0)) > 2):
            prev.append(m)  # "Furuseth." ends a run; "B." (an initial) does not
        else:
            runs.append([m])
    out = []
    for run in runs:
        # leading and trailing words that are titles, common words or particles ("Kommunedirektør Svein Arild
        # Haugen", "… Haugen Dato")
        while run and (run[0].group(0).lower().rstrip(".") in _COMMON or rules.is_title(run[0].group(0).rstrip("."))
                       or run[0].group(0).lower() in _PARTICLES):
            run = run[1:]
        while run and (run[-1].group(0).lower().rstrip(".") in _COMMON or rules.is_title(run[-1].group(0).rstrip("."))
                       or run[-1].group(0).lower() in _PARTICLES):
            run = run[:-1]
        words = [m.group(0) for m in run]
        full = [w for w in words if w.lower() not in _PARTICLES and not re.fullmatch(r"\w\.", w)]
        if len(full) < 2 or len(words) > 6 or any(_is_org_word(w) or rules.not_names.search(w.rstrip("."))
                                                   for w in words):
            continue
        start, end = run[0].start(), run[-1].end()
        if words[-1].endswith(".") and len(words[-1]) > 2:
            end -= 1  # the full stop after the name ends the sentence
        if _ORG_AFTER.match(text[end:]):
            continue
        if _PLACE_DATE.match(text[end:]) and (start == 0 or text[start - 1] == "\n"):
            continue  # "Øystre Slidre, 12.03.2026": where and when it was signed
        out.append((start, end, " ".join(text[start:end].split())))
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


# who gets a copy or what is attached, under the signatures ("Kopi: kommunalsjef for kultur ...", "Kopimottakere:",
# "Til orientering:"): not the title of the name above it
_COPY_LINE = re.compile(r"\s*(kopi\w*|gjenpart|cc|til orientering|vedlegg\w*|vedlagt)\b", re.I)


def read_approval(texts: Sequence[str], headings: Sequence[bool], rules: SignerRules) -> Approval:
    """Who approved, from the sentences of a document (``headings[i]``: sentence ``i`` is a heading)."""
    start = _region(texts, headings, rules)
    # A line break in a PDF can end a "sentence" inside a name ("... og kommunalsjef Rune" / "Oftedal som
    # hennes overordnede."): text that does not end like a sentence runs on into the next, headings aside.
    units: list[tuple[int, str]] = []
    for i in range(start, len(texts)):
        if units and not headings[i] and not headings[units[-1][0]] and not _COPY_LINE.match(texts[i]) \
                and (not units[-1][1].rstrip().endswith((".", "!", "?", ":", ";"))
                     or re.search(r"(^|\s)[A-ZÆØÅ]\.$", units[-1][1].rstrip())):  # "Kari B." / "Nordmann"
            units[-1] = (units[-1][0], units[-1][1] + "\n" + texts[i])
        else:
            units.append((i, texts[i]))
    people: dict[str, Person] = {}
    claims: list[int] = []
    pending: list[int] = []
    last: Person | None = None
    for i, text in units:
        later = rules.pending.search(text)  # searched once per unit: a long line holds many names
        if later:
            pending.append(i)
        names = _names(text, rules)
        if not names:
            # a title line under a name ("einingsleiar, prosjektansvarleg"), else a statement
            if last is not None and not text.rstrip().endswith(".") and len(text.split()) <= 14 \
                    and not rules.approve.search(text) and not _COPY_LINE.match(text):
                last.text.append(text)
                last.sentences.append(i)
            elif rules.approve.search(text) and not later:
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
            if rules.not_approver.search(text[lo:s]) or later:
                if len(person.sentences) == 1:
                    person.approver = False
            else:
                person.approver = True
            last = person
    approvers = [p for p in people.values() if p.approver]
    return _decide(approvers, claims, pending, texts, rules)


def _decide(approvers: list[Person], claims: list[int], pending: list[int], texts: Sequence[str],
            rules: SignerRules) -> Approval:
    about = {p.name: " ".join(p.text) for p in approvers}
    ranks = {p.name: rules.rank(about[p.name]) for p in approvers}
    superior = {p.name: rules.superior.search(about[p.name]) for p in approvers}
    owners = [p for p in approvers if rules.owner.search(about[p.name])]
    evidence = [i for p in approvers for i in p.sentences]
    if len(approvers) >= 2:
        candidates = owners or [min(approvers, key=lambda p: ranks[p.name])]
        for a in candidates:
            for b in approvers:
                if b is a:
                    continue
                marked = superior[b.name] and not superior[a.name]
                higher = ranks[b.name] > ranks[a.name] and ranks[b.name] >= 2
                if marked or higher:
                    return Approval(True, approvers, sorted(set(a.sentences[:1] + b.sentences[:1])))
        # "godkjent av prosjektansvarlig og overordnet leder" over two signatures whose titles do not say
        # they are peers
        # (different ranks, or no titles at all)
        both = [i for i in claims if rules.owner.search(texts[i]) and rules.superior.search(texts[i])]
        levels = set(ranks.values())
        if both and (len(levels) != 1 or levels == {0}):
            return Approval(True, approvers, both[:1] + evidence[:2])
    return Approval(False, approvers, (claims + pending + evidence)[:3])
