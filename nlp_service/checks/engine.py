"""The check engine: a call definition (YAML, :mod:`nlp_service.calls`) applied to one document.

Everything call-specific lives in the call file: which checks exist, where they apply, the rule they
cite, the hints, and how each is detected. The engine only knows the detector types:

- ``lemmas``: token patterns over each sentence's spaCy tokens, matched on lemma and form (see the
  pattern language in :mod:`nlp_service.calls`), with co-occurring groups, a window, negation/vagueness cues
  (``unless``) and an optional section scope (``under_heading``);
- ``semantic``: cosine similarity of a sentence to exemplar sentences (multilingual-e5-small); only
  the sentences a lemma ``prefilter`` picks are embedded, once per document, shared by all checks;
- ``fact``: a condition on the document's facts (``participants >= 10``, applicant type allowed in
  the assessed area ...);
- ``amount_limit``: a sum asked for, per participant and year, compared with a limit (1G);
- ``accounts``: one side of a set of accounts (income or expenses) booked: table rows under a booked
  column or heading, or a sentence that says what was booked (not a budget, not the grant award).

A detector that fires adds its weight to the check's score; the check's ``mode`` and thresholds turn
the score into met / gap / uncertain. Evidence is the sentence(s) behind the decision: for *met*
what meets it, for a *gap* the closest thing found (a cancelled or partial hit), if any.
"""

from __future__ import annotations

import itertools
import logging
import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, Sequence, TypeVar

import numpy as np
from spacy.tokens import Doc

from nlp_service.calls import (
    AccountsDetector, AmountLimitDetector, CallDefinition, CheckDefinition, FactDetector, LemmaDetector,
    SemanticDetector, SignersDetector, detector_patterns,
)
from nlp_service.checks.facts import (MONTH_NAMES, NUMBERED, THOUSANDS, THOUSANDS_CELL, YEAR_WORD, heading_shape,
                                      intake_counts, parse_amounts, planned_counts, year_column_months, year_column_span)
from nlp_service.checks.signers import SignerRules, read_approval
from nlp_service.contract import CheckResult, Evidence, Facts
from nlp_service.ingest.document import Document
from nlp_service.language.lexicon import number_word_value
from nlp_service.language.pipeline import YEAR_NUMBER, get_nlp
from nlp_service.language.segment import Sentence

__all__ = ["CheckEngine", "DetectorHit", "ENGINE_VERSION"]

#: Changes whenever the engine would give another result for the same document and call: it is part
#: of the versions an analysis is stored under, so stored analyses are recomputed.
ENGINE_VERSION = "52"

log = logging.getLogger(__name__)


_FIELD_LINE = re.compile(r"^[A-ZÆØÅa-zæøå][\wæøåÆØÅ .,/()\-]{0,40}:\s")
_AMOUNT_CELL = re.compile(r"\b\d{1,3}(?:[ .]\d{3})+\b|\b\d{4,}\b")
_MAX_EVIDENCE = 2
_EVIDENCE_CHARS = 400
_MONEY_TOKENS = {"kr", "kr.", "nok", "kroner", ",-", "mill", "mill.", "millioner", "mnok"}


# ----------------------------------------------------------------------------------------------
# Pattern compilation


@dataclass
class _Atom:
    spec: str
    kind: str  # "words", "num", "pct", "amount", "regex", "dynamic"
    rx: re.Pattern | None = None


def _is_number(lower: str, number: Any) -> bool:
    if number is not None:
        return True
    return bool(re.fullmatch(r"\d+(?:[.,]\d+)?(?:[-–]\d+)?|\d{1,3}(?:[ .]\d{3})+", lower))


class _PatternSet:
    """All token patterns of a call, compiled once.

    Tokens come from the project's spaCy pipeline (tokenizer, Ordbank lemmas, number words). Each
    token spec of a pattern is an *atom*; a token's atoms are computed once per distinct
    (lemma, form) and cached. A pattern is a sequence of atoms and gaps, matched with an index from
    atom to token positions (spaCy's ``Matcher`` with the same specs as extension predicates took
    over a second per document: every pattern is tried at every token).
    """

    def __init__(self, call: CallDefinition) -> None:
        self.nlp = get_nlp()
        self.call = call
        self.atoms: dict[str, int] = {}
        self.atom_list: list[_Atom] = []
        self.keys: dict[str, str] = {}  # pattern text -> key
        self.sequences: dict[str, list[list[tuple[str, int]]]] = {}  # key -> [("atom", id) | ("gap", n)]
        self.by_first: dict[int, list[tuple[str, list[tuple[str, int]]]]] = {}  # first atom -> (key, sequence)
        self._cache: dict[tuple[str, str], tuple[int, ...]] = {}
        self.dynamic_atoms: dict[str, int] = {}
        # literal lookups for the word atoms: exact, prefix, suffix, contains
        self._exact: dict[str, set[int]] = {}
        self._prefix: dict[str, set[int]] = {}
        self._suffix: dict[str, set[int]] = {}
        self._contains: list[tuple[str, int]] = []
        self._other: list[int] = []

    def _atom(self, spec: str) -> int:
        if spec in self.atoms:
            return self.atoms[spec]
        idx = len(self.atom_list)
        if spec == "#num":
            atom = _Atom(spec, "num")
        elif spec == "#pct":
            atom = _Atom(spec, "pct")
        elif spec == "#amount":
            atom = _Atom(spec, "amount")
        elif spec in ("#applicant", "#name"):
            atom = _Atom(spec, "dynamic")
            self.dynamic_atoms[spec] = idx
        elif spec.startswith("/") and spec.endswith("/") and len(spec) > 2:
            atom = _Atom(spec, "regex", re.compile(spec[1:-1], re.I))
        else:
            atom = _Atom(spec, "words")
            for alt in spec.lower().split("|"):
                if not alt:
                    continue
                pre, suf = alt.startswith("*"), alt.endswith("*") and len(alt) > 1
                core = alt.strip("*")
                if pre and suf:
                    self._contains.append((core, idx))
                elif pre:
                    self._suffix.setdefault(core, set()).add(idx)
                elif suf:
                    self._prefix.setdefault(core, set()).add(idx)
                else:
                    self._exact.setdefault(core, set()).add(idx)
        if atom.kind in ("num", "pct", "amount", "regex"):
            self._other.append(idx)
        self.atoms[spec] = idx
        self.atom_list.append(atom)
        return idx

    def _terms(self, name: str, seen: frozenset = frozenset()) -> list[str]:
        """A term list with nested ``@other`` lists spelled out."""
        out: list[str] = []
        for t in self.call.terms[name]:
            if t.startswith("@") and " " not in t and t[1:] not in seen:
                out.extend(self._terms(t[1:], seen | {name}))
            else:
                out.append(t)
        return out

    def _expand(self, pattern: str) -> list[list[str]]:
        """Token specs of a pattern, with ``@list`` terms spelled out (multi-word terms as sequences)."""
        slots: list[list[list[str]]] = []
        for tok in pattern.split():
            if tok.startswith("@"):
                terms = self._terms(tok[1:])
                plain = [t for t in terms if len(t.split()) == 1 and not t.startswith(("#", "/"))]
                special = [[t] for t in terms if len(t.split()) == 1 and t.startswith(("#", "/"))]
                multi = [t.split() for t in terms if len(t.split()) > 1]
                options = ([["|".join(plain)]] if plain else []) + special + multi
                slots.append(options)
            else:
                slots.append([[tok]])
        return [list(itertools.chain.from_iterable(combo)) for combo in itertools.product(*slots)]

    def add(self, pattern: str) -> str:
        if pattern in self.keys:
            return self.keys[pattern]
        key = f"P{len(self.keys)}"
        seqs = []
        for seq in self._expand(pattern):
            spec: list[tuple[str, int]] = []
            for tok in seq:
                m = re.fullmatch(r"~(\d+)", tok)
                spec.append(("gap", int(m.group(1))) if m else ("atom", self._atom(tok)))
            seqs.append(spec)
        self.sequences[key] = seqs
        for seq in seqs:
            self.by_first.setdefault(seq[0][1], []).append((key, seq))
        self.keys[pattern] = key
        self._cache.clear()
        return key

    def token_atoms(self, lemma: str, lower: str, number: Any) -> tuple[int, ...]:
        key = (lemma, lower)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        found: set[int] = set()
        for w in {lemma, lower}:
            found |= self._exact.get(w, set())
            for k in range(1, len(w) + 1):
                found |= self._prefix.get(w[:k], set())
                found |= self._suffix.get(w[-k:], set())
            for core, idx in self._contains:
                if core in w:
                    found.add(idx)
        for idx in self._other:
            atom = self.atom_list[idx]
            if atom.kind == "regex":
                ok = bool(atom.rx.fullmatch(lower))
            elif atom.kind == "num":
                ok = _is_number(lower, number) or number_word_value(lower) is not None
            elif atom.kind == "pct":
                ok = lower in ("%", "prosent", "prosents") or lower.endswith("%")
            else:  # amount
                ok = lower in _MONEY_TOKENS or bool(re.fullmatch(r"\d[\d .]*,-", lower))
            if ok:
                found.add(idx)
        hit = tuple(sorted(found))
        self._cache[key] = hit
        return hit

    def match(self, token_atoms: list[tuple[int, ...]]) -> dict[str, list[tuple[int, int]]]:
        """Every pattern key that matches in one sentence, with its token spans [start, end)."""
        index: dict[int, list[int]] = {}
        for pos, atoms in enumerate(token_atoms):
            for a in atoms:
                index.setdefault(a, []).append(pos)
        n = len(token_atoms)
        out: dict[str, list[tuple[int, int]]] = {}
        for first, starts in index.items():
            for key, seq in self.by_first.get(first, ()):
                if any(kind == "atom" and a not in index for kind, a in seq):
                    continue
                for st in starts:
                    end = _match_from(seq, 1, st + 1, token_atoms, n)
                    if end is not None:
                        out.setdefault(key, []).append((st, end))
                        break
        return out


def _match_from(seq: list[tuple[str, int]], k: int, pos: int, token_atoms: list[tuple[int, ...]], n: int
                ) -> int | None:
    """End position when seq[k:] matches from token ``pos`` (gaps are lazy: shortest first)."""
    if k == len(seq):
        return pos
    kind, val = seq[k]
    if kind == "gap":
        for skip in range(0, val + 1):
            if pos + skip > n:
                break
            end = _match_from(seq, k + 1, pos + skip, token_atoms, n)
            if end is not None:
                return end
        return None
    if pos < n and val in token_atoms[pos]:
        return _match_from(seq, k + 1, pos + 1, token_atoms, n)
    return None


# ----------------------------------------------------------------------------------------------
# One document as the engine sees it


@dataclass
class DetectorHit:
    """What one detector found: whether it fired, the weight it adds, and the sentences behind it."""

    fired: bool
    weight: float
    sentences: list[int] = field(default_factory=list)  # indices into the document's sentences
    near: list[int] = field(default_factory=list)  # partial or cancelled hits: the closest thing found
    detail: str = ""


class _DocView:
    def __init__(self, engine: "CheckEngine", doc: Document, sentences: list[Sentence], facts: Facts,
                 embeddings: np.ndarray | None) -> None:
        self.engine = engine
        self.doc = doc
        self.sentences = sentences
        self.facts = facts
        ps = engine._patterns
        self.spacy_docs: list[Doc] = [_tokens(ps.nlp, s.text) for s in sentences]
        place_words = _applicant_words(facts.applicant)
        dyn = ps.dynamic_atoms.get("#applicant")
        name_atom = ps.dynamic_atoms.get("#name")
        self.matches: list[dict[str, list[tuple[int, int]]]] = []
        self.atoms: list[list[tuple[int, ...]]] = []  # per sentence, per token: the atoms it carries
        for sd in self.spacy_docs:
            atoms = []
            for k, tok in enumerate(sd):
                if tok.is_space:
                    atoms.append(())
                    continue
                lower = tok.text.lower()
                t_atoms = ps.token_atoms(tok.lemma_.lower(), lower, None)
                if dyn is not None and lower in place_words:
                    t_atoms = t_atoms + (dyn,)
                if name_atom is not None and k > 0 and tok.text[:1].isupper() and tok.text[1:2].islower() \
                        and sd[k - 1].text not in (".", ":", "-", "–", "•", "«"):
                    t_atoms = t_atoms + (name_atom,)  # a proper name inside the sentence
                atoms.append(t_atoms)
            self.atoms.append(atoms)
            self.matches.append(ps.match(atoms))
        self._page_headings: dict[int, set[str]] = {}
        self.section = self._sections()
        self._prose: dict[int, bool] = {}
        self._context: dict[int, list[int]] = {}
        self._row_top: dict[int, int] = {}
        self._accounts_year: tuple[int | None] | None = None
        self._planned: int | None = None
        self._first_side: int | None = None
        self._embeddings = embeddings
        self._emb_rows: dict[int, np.ndarray] = {}

    # -- structure ---------------------------------------------------------------------------------
    def _is_heading(self, i: int) -> bool:
        s = self.sentences[i]
        text = s.text
        # a lead-in ("Tilskuddet er brukt i tråd med søknaden, fordelt slik:") ends with a colon and belongs to the
        # section above; a short label ("Budsjett:") may be a heading
        if not heading_shape(text, short_label=True):
            return False
        page = self.doc.pages[s.page - 1] if 0 < s.page <= len(self.doc.pages) else None
        if page is None:
            return False
        heads = self._page_headings.get(s.page)
        if heads is None:
            heads = self._page_headings[s.page] = {NUMBERED.sub("", " ".join(ln.text.split()))
                                                   for ln in page.lines if ln.heading}
        if NUMBERED.sub("", text) in heads:
            return True
        # Only the text around the sentence is looked at (a page may hold thousands of lines).
        before = page.text[max(0, s.start - 40):s.start]
        raw = page.text[s.start:s.end]
        after = page.text[s.end:s.end + 40]
        at_end = s.end >= len(page.text.rstrip())
        # the sentence splitter may cut a heading's number off ("5." / "Bruk av tilskuddet"); a numbered list
        # item ("1." / "Lønn til koordinator") has no blank line after it
        numbered = _NUMBER_BEFORE.search(before)
        if numbered and numbered.group(0).strip():
            before = before[:numbered.start()] + numbered.group(1)
            if not re.match(r"[ \t]*(\n[ \t]*\n|\Z)", raw[len(raw.rstrip()):] + after) and not at_end:
                return False
        own_line = (not before.strip() and s.start <= 40 or before.rstrip(" \t").endswith("\n")) and \
                   (at_end or after.lstrip(" \t").startswith("\n") or raw.rstrip(" \t").endswith("\n")
                    or "\n" in raw.strip(" \t")[-2:])
        return own_line and len(_AMOUNT_CELL.findall(text)) < 2 and not re.search(r"\d{1,3} \d{3}", text)

    def _sections(self) -> list[int]:
        """For each sentence, the index of the heading it falls under (-1: none)."""
        out, current = [], -1
        for i in range(len(self.sentences)):
            if self._is_heading(i):
                current = i
            out.append(current)
        return out

    def any_hit(self, i: int, patterns: Sequence[str]) -> bool:
        keys = self.engine._patterns.keys
        return any(keys[p] in self.matches[i] for p in patterns)

    def is_prose(self, i: int) -> bool:
        """False for headings, form fields ("Label: value"), table rows and contact lines."""
        cached = self._prose.get(i)
        if cached is None:
            text = self.sentences[i].text
            # a title of one to three words without a full stop is a heading even where the reader did
            # not mark it so ("2. Lokalt særpreg" split after its number)
            cached = not (self.section[i] == i or "@" in text or _FIELD_LINE.match(text)
                          or (len(text.split()) <= 3 and not _ends_sentence(text))
                          or len(_amounts(text)) >= 2 or "|" in text
                          or re.search(r"(?:\s(?:\d{1,3}(?: \d{3})*|-|–)){2,}\s*$", text)
                          # a budget row with its source after the sum ("Oversettelse av materiell 30 000 IMDi")
                          or (not _ends_sentence(text) and len(text.split()) <= 12
                              and re.search(r"\d{1,3}(?: \d{3})+(?:\s+(?:[A-ZÆØÅ][\wæøåÆØÅ.-]*|egenandel|eigendel|"
                                            r"eigenandel|kommunen|fylkeskommunen|bydelen)){1,2}\s*$", text)))
            self._prose[i] = cached
        return cached

    def _spec_lemmas(self, i: int, specs: Sequence[str]) -> set[str]:
        """The lemmas of the words of sentence ``i`` that match one of the single-token ``specs``."""
        ps = self.engine._patterns
        wanted = {a for p in specs for seq in ps.sequences[ps.keys[p]] if len(seq) == 1 for _, a in seq}
        return {tok.lemma_.lower() for tok, atoms in zip(self.spacy_docs[i], self.atoms[i]) if wanted.intersection(atoms)}

    def linked(self, i: int, link: Sequence[str], link_in: Sequence[str]) -> list[int]:
        """Other sentences matching ``link_in`` that repeat (same lemma) a word of sentence ``i`` that
        matches one of the single-token specs ``link``."""
        lemmas = self._spec_lemmas(i, link)
        if not lemmas:
            return []
        return [j for j in range(len(self.sentences)) if j != i and self.any_hit(j, link_in)
                and any(tok.lemma_.lower() in lemmas for tok in self.spacy_docs[j])]

    def all_recur(self, i: int, specs: Sequence[str], others: Sequence[str]) -> bool:
        """Every word of sentence ``i`` matching one of the single-token ``specs`` recurs (same lemma) in
        another line that matches ``others`` (and there is at least one such word). Only lines that do not end
        like a sentence count as the other: signature and title lines ("enhetsleder ..., prosjektansvarlig"),
        not prose about the roles ("Prosjektansvarlig rapporterer til kommunalsjefen.")."""
        lemmas = self._spec_lemmas(i, specs)
        if not lemmas:
            return False
        seen: set[str] = set()
        for j in range(len(self.sentences)):
            if j != i and self.any_hit(j, others) and not _ends_sentence(self.sentences[j].text):
                seen.update(tok.lemma_.lower() for tok in self.spacy_docs[j])
        return lemmas <= seen

    def in_section(self, i: int, heading_patterns: Sequence[str]) -> bool:
        """Sentence ``i`` is under a heading matching the patterns: its own, or, for a table row whose
        "heading" is the table's header row right under the table's title, that title."""
        h = self.section[i]
        if h < 0 or h == i:
            return False
        if self.any_hit(h, heading_patterns):
            return True
        text, head = self.sentences[i].text, self.sentences[h].text
        table_row = "|" in text or bool(_AMOUNT_CELL.search(text))
        # "Post kr", "Post 2025 2026" (years are column heads), not "Kostnader 2026: 450 000"
        header_row = (len(head.split()) <= 6 or len(self.cells(h)) >= 3) and not re.search(r"\d", YEAR_WORD.sub("", head))
        # the table's header row reads as a heading: the section is the one the table stands in (its title
        # right above it, or the heading over the text that leads into the table)
        return (table_row and header_row and h > 0 and self.section[h - 1] >= 0
                and self.any_hit(self.section[h - 1], heading_patterns))

    def accounts_year(self, booked_patterns: Sequence[str]) -> int | None:
        """The year the accounts are for: the one year named in the title or an early line that calls the
        document accounts ("Regnskap 2025", "Rekneskapsperiode: 1.1.2025–31.12.2025"); None if not said."""
        if self._accounts_year is None:
            self._accounts_year = (None,)
            for k in range(min(12, len(self.sentences))):
                years = {int(y) for y in YEAR_WORD.findall(self.sentences[k].text)}
                if len(years) == 1 and self.any_hit(k, booked_patterns):
                    self._accounts_year = (years.pop(),)
                    break
        return self._accounts_year[0]

    def is_header_row(self, j: int, i: int) -> bool:
        """Line ``j`` is the header row of the table that row ``i`` stands in: the line right above its rows, not
        a heading and not a form field ("Dato: 20.01.2026")."""
        return j == self.above_rows(i) and self.section[j] != j and not _FIELD_LINE.match(self.sentences[j].text)

    def in_front_matter(self, i: int, side_headings: Sequence[str]) -> bool:
        """Line ``i`` is a field of the document's head: "Label: value" beside other fields that carry no sum
        ("Tilskuddsmottaker: ...", "Periode: ..."), above the first heading that names a side of the accounts
        (``side_headings``: "Inntekter", "Bokførte inntekter", "Utgifter"). A sum there is the grant as awarded or a
        key figure, not a row of the accounts."""
        if self._first_side is None:
            self._first_side = next((j for j in range(len(self.sentences))
                                     if self.section[j] == j and self.any_hit(j, side_headings)), len(self.sentences))
        if i > self._first_side or not _FIELD_LINE.match(self.sentences[i].text):
            return False
        return any(0 <= j < len(self.sentences) and self.section[j] == self.section[i] and j != self.section[i]
                   and _FIELD_LINE.match(self.sentences[j].text) and not _amounts(self.sentences[j].text)
                   for j in (i - 1, i + 1))

    def later_year_than_accounts(self, j: int, booked_patterns: Sequence[str]) -> bool:
        """Line ``j`` (a table's header row) names a year after the one the accounts are for."""
        years = [int(y) for y in YEAR_WORD.findall(self.sentences[j].text)]
        if not years:
            return False
        year = self.accounts_year(booked_patterns)
        return year is not None and max(years) > year

    def column_participants(self) -> int | None:
        """The participants a budget column of one year is for: the most the running text plans for ("Fra januar
        2026 utvider vi til 16 plasser"), where the form gives fewer, up to half as many again as it gives (a
        count far above it is the population or a total over several years); read once per document."""
        if self._planned is None:
            planned = planned_counts([s for j, s in enumerate(self.sentences) if not self.is_row(j)])
            base = self.facts.participants
            if base:
                planned = [n for n in planned if n <= 1.5 * base] + [base]
            self._planned = max(planned, default=0)
        return self._planned or None

    # -- what the allowance's reader asks of the whole document, read once ---------------------------------------------
    @cached_property
    def intakes_often(self) -> bool:
        """The text says intakes start more often than once a year ("Et nytt kull starter hvert halvår")."""
        return any(_INTAKES_OFTEN.search(s.text) for s in self.sentences)

    @cached_property
    def intake_counted(self) -> bool:
        """The text counts intakes or groups one after another ("Kull 1 går fra august ..., og kull 2 går fra januar",
        "Hvert kull har ti nye deltakere")."""
        return any(re.search(r"\b(?:kull|inntak|opptak|gruppe)\s*(?:2|nr\.?\s*2)\b|\b(?:hvert|kvart)\s+(?:kull|inntak|opptak)\b|"
                             r"\bnye deltak\w*", s.text, re.I) for s in self.sentences)

    @cached_property
    def side_by_side(self) -> bool:
        """The text says intakes or groups run side by side."""
        return any(_SIDE_BY_SIDE.search(s.text) for s in self.sentences)

    @cached_property
    def intakes_overlap(self) -> bool:
        """Intakes run side by side, or start more often than once a year."""
        return self.intakes_often or self.side_by_side

    @cached_property
    def _intake_months_at(self) -> list[float | None]:
        """How long one intake lasts, in months, as each sentence tells it (None where it does not)."""
        return [_intake_months_in(s.text) for s in self.sentences]

    def intake_months(self, before: int | None = None) -> float | None:
        """How long one intake lasts, in months, in the first sentence that tells it (before sentence ``before``)."""
        return next((m for m in self._intake_months_at[:before] if m is not None), None)

    @cached_property
    def course_year_months(self) -> str:
        """What the document says of a course year's months, as the rate reader reads a stretch ("kursåret varer i
        10 måneder"), or ""."""
        for j, s in enumerate(self.sentences):
            if self.is_row(j):
                continue
            m = _COURSE_YEAR_MONTHS.search(s.text)
            if m and (n := _count_value(m.group(1))) and n <= 12:
                return f"kursåret varer i {n} måneder"
            # (or an intake's: "Hvert kull går over 11 måneder, fra august til og med juni")
            months = self._intake_months_at[j]
            if months and months <= 12 and months == int(months):
                return f"kursåret varer i {int(months)} måneder"
        return ""

    def paragraph_text(self, i: int, reach: int = 3) -> str:
        """The running text around sentence ``i`` in its section (up to ``reach`` sentences each side, no table
        rows), where a rate's stretch ("Kurset varer i åtte måneder") may be said."""
        lo, hi = max(0, i - reach), min(len(self.sentences), i + reach + 1)
        return " ".join(self.sentences[j].text for j in range(lo, hi)
                        if j != i and self.section[j] == self.section[i] and not self.is_row(j))

    def above_rows(self, i: int) -> int:
        """The first line above sentence ``i`` that is not a table row (-1: none); found once per table."""
        top = self._row_top.get(i)
        if top is None:
            j = i - 1
            while j >= 0 and self.is_row(j):
                if j in self._row_top:
                    j = self._row_top[j]
                    break
                j -= 1
            top = self._row_top[i] = j
        return top

    def table_lead_hit(self, i: int, heading_patterns: Sequence[str], patterns: Sequence[str],
                       keep: Sequence[str] = ()) -> bool:
        """For a table row: its table's header rows ("Post  Budsjett 2025", "Post: Innvilget 2025") or the line
        leading into the table ("Tilskuddet var budsjettert fordelt slik:") match ``patterns`` and not ``keep``:
        they tell what the table is. Read upwards from the row to the section's heading (not included when it
        matches ``heading_patterns``), through at most one sentence (the lead-in)."""
        j, seen = self.above_rows(i), 0
        while j >= 0 and seen < 4:
            if self.is_row(j):
                j -= 1
                continue
            if self.section[j] == j and self.any_hit(j, heading_patterns):
                return False
            seen += 1
            if self.any_hit(j, patterns) and not (keep and self.any_hit(j, keep)):
                return True
            if self._sentence_like(j):
                return False
            j -= 1
        return False

    def cells(self, i: int) -> list[str]:
        """The cells of line ``i`` as the reader joined them: two spaces between cells (four around an empty one,
        as the text of a table reads), or [] when the line is not split that way. The sentence's own text has its
        spaces collapsed; the page's text keeps them."""
        s = self.sentences[i]
        raw = self.doc.pages[s.page - 1].text[s.start:s.end].strip()
        if "  " not in raw or "\n" in raw:
            return []
        return [c.strip() for c in raw.split("  ")]

    def header_cells(self, i: int) -> list[str]:
        """The cells of the header row of the table that row ``i`` stands in ([] when it has none, or when the
        header does not have the row's number of cells)."""
        head = self.above_rows(i)
        if head < 0:
            return []
        header, row = self.cells(head), self.cells(i)
        if not (self.is_header_row(head, i) or head == self.section[i]
                or (len(header) >= 3 and not re.search(r"\d", self.sentences[head].text))):
            return []  # (a header of three cells or more and no number over a row of small numbers: "Dagsats | Uker")
        return header if len(header) >= 2 and len(header) == len(row) else []

    def _sentence_like(self, i: int) -> bool:
        """A sentence of running text: it ends like one, or is prose too long for a header row."""
        text = self.sentences[i].text
        return _ends_sentence(text) or (self.is_prose(i) and len(text.split()) > 12)

    def is_row(self, i: int) -> bool:
        """A table row or a "Label: amount" line: sums of money, not a sentence, not a heading."""
        return bool(_amounts(self.sentences[i].text)) and self.section[i] != i and not self._sentence_like(i)

    def table_context(self, i: int, reach: int = 40) -> list[int]:
        """The lines above table row ``i`` that can title it, nearest first: the header rows and
        sub-headings of its table, then the headings above the table (the section of the text before it,
        and the heading over that). Computed once per row (both sides of the accounts ask)."""
        cached = self._context.get(i)
        if cached is not None:
            return cached
        out: list[int] = []
        j = i - 1
        while j >= 0 and i - j <= reach and (self.section[j] == j or not self._sentence_like(j)):
            if not self.is_row(j):
                out.append(j)  # a header row ("Post Budsjett 2025 Regnskap 2025") or a sub-heading
            j -= 1
        h = self.section[j] if j >= 0 else -1
        for _ in range(3):
            if h < 0:
                break
            if h not in out:
                out.append(h)
            h = self.section[h - 1] if h > 0 else -1
        self._context[i] = out
        return out

    def embedding(self, indices: list[int]) -> dict[int, np.ndarray]:
        """Embeddings of the given sentences: the shared ones, else encoded now (once per sentence)."""
        if self._embeddings is not None:
            return {i: self._embeddings[i] for i in indices}
        enc = self.engine.encoder
        if enc is None:
            return {}
        todo = [i for i in indices if i not in self._emb_rows]
        if todo:
            vecs = enc.encode_passages([self.sentences[i].text for i in todo])
            for i, v in zip(todo, vecs):
                self._emb_rows[i] = v
        return {i: self._emb_rows[i] for i in indices}


def _tokens(nlp, text: str) -> Doc:
    """Tokens with Ordbank lemmas (the project's pipeline, minus sentence splitting and number values)."""
    doc = nlp.make_doc(text)
    return nlp.get_pipe("nb_lemmas")(doc)  # number values come from the forms (see _is_number)


def _applicant_words(applicant: str | None) -> set[str]:
    if not applicant:
        return set()
    words = re.findall(r"[A-Za-zÆØÅæøå\-]+", applicant)
    generic = {"kommune", "fylkeskommune", "bydel", "herad", "oslo", "og", "i", "v", "kommuna"}
    out = {w.lower() for w in words if w.lower() not in generic and len(w) > 2}
    if not out and "oslo" in applicant.lower():
        out = {"oslo"}
    return out


# ----------------------------------------------------------------------------------------------


class CheckEngine:
    """Runs every check of a call on a document.

    ``encoder`` (an :class:`nlp_service.embeddings.Encoder`) enables the semantic detectors; without
    it they never fire, and the lemma patterns and facts decide alone. ``detectors`` (the learned
    sentence detectors, :class:`nlp_service.checks.learned.CheckDetectors`) are combined with the
    rules' results by the policy documented in :mod:`nlp_service.checks.learned`.
    """

    def __init__(self, call: CallDefinition, encoder: Any | None = None, detectors: Any | None = None) -> None:
        self.call = call
        self.encoder = encoder
        trained_for = str((detectors.meta.get("call") or "") if detectors is not None else "").split("@")[0]
        if detectors is not None and trained_for and trained_for != call.id:
            log.warning("check detectors were trained for the call %s, not %s: the rules decide alone",
                        trained_for, call.id)
            detectors = None
        self.detectors = detectors
        self._patterns = _PatternSet(call)
        self._exemplars: dict[tuple[int, str, int], np.ndarray] = {}
        self._signer_rules: dict[int, SignerRules] = {}
        for ci, check in enumerate(call.checks):
            for group in (check.detectors, check.applicable_if):
                for det in group:
                    for p in detector_patterns(det):
                        self._patterns.add(p)
            for p in check.learned_unless:
                self._patterns.add(p)
        self._patterns.add("#num")
        if encoder is not None:
            self._encode_exemplars()

    def _encode_exemplars(self) -> None:
        for ci, check in enumerate(self.call.checks):
            for di, det in enumerate(check.detectors):
                if isinstance(det, SemanticDetector):
                    self._exemplars[(ci, "d", di)] = self.encoder.encode_passages(det.exemplars)

    @property
    def semantic(self) -> bool:
        return self.encoder is not None

    @property
    def version(self) -> str:
        """The engine, and the learned detectors it uses, as one version string."""
        if self.detectors is None:
            return f"{ENGINE_VERSION}+rules"
        return f"{ENGINE_VERSION}+detectors@{self.detectors.version}"

    # ------------------------------------------------------------------------------------------
    def run(self, doc: Document, sentences: list[Sentence], *, area: str | None, kind: str, facts: Facts,
            embeddings: np.ndarray | None = None) -> list[CheckResult]:
        """Every check of the call, in the call's order, for a document of ``kind`` assessed in ``area``.

        ``embeddings`` (optional): passage embeddings of ``sentences`` (one row per sentence), when the
        caller has them already (the area classifier does); else the engine embeds only the sentences
        its semantic detectors need.
        """
        if embeddings is not None and len(embeddings) != len(sentences):
            raise ValueError("embeddings must have one row per sentence")
        view = _DocView(self, doc, sentences, facts, embeddings)
        if self.encoder is not None and embeddings is None:
            # one batch for every semantic detector of the checks that apply: each sentence embedded once
            wanted: set[int] = set()
            for check in self.call.checks:
                if check.applies(area, kind):
                    for det in check.detectors:
                        if isinstance(det, SemanticDetector):
                            wanted.update(self._semantic_candidates(det, view))
            if wanted:
                view.embedding(sorted(wanted))
        results = [self._run_check(ci, check, view, area, kind) for ci, check in enumerate(self.call.checks)]
        if self.detectors is not None:
            results = self._with_detectors(results, view, area, embeddings)
        return results

    def _with_detectors(self, results: list[CheckResult], view: _DocView, area: str | None,
                        embeddings: np.ndarray | None) -> list[CheckResult]:
        det = self.detectors
        todo = {r.id for r in results if det.covers(r.id) and r.status in ("met", "uncertain")}
        if not todo:
            return results
        scores = det.sentence_scores(view.sentences, embeddings, checks=todo)
        out = []
        for r in results:
            if r.id in todo:
                check = self.call.check(r.id)
                check_scores = scores[r.id]
                if check.learned_unless and len(check_scores):
                    # a sentence the call reads as keeping the condition cannot carry the model's gap
                    check_scores = np.array([0.0 if view.any_hit(i, check.learned_unless) else sc
                                             for i, sc in enumerate(check_scores)])
                r = det.combine(r, check_scores, view.sentences,
                                gap_message=self._message(check, "gap", view, area),
                                met_message=self._message(check, "met", view, area))
            out.append(r)
        return out

    def explain(self, doc: Document, sentences: list[Sentence], *, area: str | None, kind: str, facts: Facts
                ) -> list[dict]:
        """Per check: status, score and each detector's hit (for tuning and debugging)."""
        view = _DocView(self, doc, sentences, facts, None)
        out = []
        for ci, check in enumerate(self.call.checks):
            if not check.applies(area, kind):
                continue
            hits = [self._detect(ci, di, det, view, area) for di, det in enumerate(check.detectors)]
            score = sum(h.weight for h in hits if h.fired)
            out.append({"id": check.id, "score": score, "status": self._status(check, score),
                        "detectors": [(det.name or det.type, h.fired, h.weight,
                                       [sentences[i].text[:120] for i in h.sentences[:2]],
                                       [sentences[i].text[:120] for i in h.near[:1]])
                                      for det, h in zip(check.detectors, hits)]})
        return out

    # ------------------------------------------------------------------------------------------
    def _status(self, check: CheckDefinition, score: float) -> str:
        high = score >= check.met_at - 1e-9
        mid = check.uncertain_at is not None and score >= check.uncertain_at - 1e-9
        if check.mode == "require":
            return "met" if high else ("uncertain" if mid else "gap")
        return "gap" if high else ("uncertain" if mid else "met")

    def _message(self, check: CheckDefinition, status: str, view: _DocView, area: str | None) -> str:
        template = getattr(check.hints, status)
        area_def = self.call.area(area)
        values = {
            "applicant": view.facts.applicant or "søkeren",
            "applicant_type": view.facts.applicant_type or "ukjent",
            "participants": view.facts.participants if view.facts.participants is not None else "ikke oppgitt",
            "area": area or "ukjent",
            "area_name": area_def.name if area_def else "",
            "allowed": " eller ".join(area_def.applicants) if area_def else "",
        }
        try:
            return template.format_map(_SafeDict(values))
        except (ValueError, IndexError):
            return template

    def _run_check(self, ci: int, check: CheckDefinition, view: _DocView, area: str | None, kind: str
                   ) -> CheckResult:
        def result(status: str, idx: list[int]) -> CheckResult:
            ev = []
            seen = set()
            for i in idx:
                s = view.sentences[i]
                if s.text in seen:
                    continue
                seen.add(s.text)
                ev.append(Evidence(page=s.page, text=s.text[:_EVIDENCE_CHARS]))
                if len(ev) >= _MAX_EVIDENCE:
                    break
            return CheckResult(id=check.id, status=status, message=self._message(check, status, view, area),
                               rule=check.rule, evidence=ev)

        if not check.applies(area, kind):
            return result("not_applicable", [])
        if check.applicable_if:
            gates = [self._detect(ci, -1 - gi, det, view, area) for gi, det in enumerate(check.applicable_if)]
            limits = [d for d in check.detectors if isinstance(d, AmountLimitDetector)]
            if not any(g.fired for g in gates) and not any(
                    (view.in_section(j, d.patterns) and not view.is_row(j) and _asks_a_rate(view.sentences[j].text)
                     and not _zero_sums_only(view.sentences[j].text)) or _an_intakes_row(view, j, d.patterns)
                    for d in limits for j in range(len(view.sentences))):
                # (nor a rate per participant asked under the allowance's heading, which it need not name: "##
                # Deltakerstønad / Vi har lagt til grunn en sats på 3 450 kr per uke per deltaker.", nor a table of
                # its intakes there)
                return result("not_applicable", [])
            if limits and any(g.fired for g in gates) \
                    and all(_zero_sums_only(view.sentences[j].text) for g in gates if g.fired for j in g.sentences) \
                    and not any(view.any_hit(j, d.patterns) and _amounts(view.sentences[j].text)
                                and not _zero_sums_only(view.sentences[j].text)
                                for d in limits for j in range(len(view.sentences))):
                # a sum asked for that is nothing ("Deltakerstønad 0 0 0 0", "satt til kr 0"), and no other line of
                # it holds a sum ("Stønad til deltakerne (12 000 kr/mnd x 10)")
                return result("not_applicable", [])
            if limits and _says_not_asked(view, limits):
                return result("not_applicable", [])
        hits = [self._detect(ci, di, det, view, area) for di, det in enumerate(check.detectors)]
        if any(h.detail == "unknown" for h in hits if not h.fired) and \
                all(not h.fired for h in hits if h.detail != "unknown"):
            # a fact the check needs is missing (no area to compare with): the caseworker must read
            if any(isinstance(d, FactDetector) and d.value == "area.applicants" for d in check.detectors):
                return result("uncertain", [i for h in hits for i in h.sentences + h.near])
        score = sum(h.weight for h in hits if h.fired)
        status = self._status(check, score)
        positive = [i for h in hits if h.fired and h.weight > 0 for i in h.sentences]
        negative = [i for h in hits if h.fired and h.weight < 0 for i in h.sentences]
        # (what an evidence-only detector passed over is nothing near: "som ikke dekkes av rammen lenger")
        near = [i for h in hits if h.weight != 0 for i in h.near]
        if check.mode == "require":
            evidence = positive if status == "met" else (negative + positive + near if status == "gap"
                                                         else positive + near + negative)
        else:
            # met: what keeps the condition (counter-evidence, then the evidence-only detectors' sentences:
            # "Det søkes ikke om midler til ordinær drift"), then what was near
            support = [i for h in hits if h.fired and h.weight == 0 for i in h.sentences]
            evidence = positive if status != "met" else (negative + support + near)
        return result(status, evidence)

    # ------------------------------------------------------------------------------------------
    def _detect(self, ci: int, di: int, det: Any, view: _DocView, area: str | None) -> DetectorHit:
        if isinstance(det, LemmaDetector):
            return self._lemmas(det, view)
        if isinstance(det, SemanticDetector):
            return self._semantic(ci, di, det, view)
        if isinstance(det, FactDetector):
            return self._fact(det, view, area)
        if isinstance(det, AmountLimitDetector):
            return self._amount_limit(det, view)
        if isinstance(det, AccountsDetector):
            return self._accounts(det, view)
        if isinstance(det, SignersDetector):
            return self._signers(det, view)
        raise TypeError(f"unknown detector {det!r}")  # pragma: no cover

    def _lemmas(self, det: LemmaDetector, view: _DocView) -> DetectorHit:
        groups = ([det.with_] if det.with_ else []) + [g for g in det.requires]
        found, near, linked = [], [], []
        n = len(view.sentences)
        for i in range(n):
            if not view.any_hit(i, det.patterns):
                continue
            if det.prose_only and not view.is_prose(i):
                continue
            if det.under_heading and not view.in_section(i, det.under_heading):
                continue
            if (det.unless and view.any_hit(i, det.unless)) or \
                    (det.table_unless and view.table_lead_hit(i, det.under_heading, det.table_unless, det.table_keep)):
                near.append(i)
                continue
            if det.unlink and view.all_recur(i, det.unlink, det.unlink_in):
                near.append(i)
                continue
            ok = True
            for group in groups:
                lo = i if det.direction == "after" else max(0, i - det.window)
                hi = i + 1 if det.direction == "before" else min(n, i + det.window + 1)
                if not any(view.any_hit(j, group) and view.sentences[j].page == view.sentences[i].page
                           for j in range(lo, hi)):
                    ok = False
                    break
            if ok and det.link:
                others = view.linked(i, det.link, det.link_in)
                ok = bool(others)
                if ok:
                    linked.extend(j for j in others[:1] if j not in linked)
            if ok:
                found.append(i)
            else:
                near.append(i)
        fired = len(found) >= det.min_sentences
        shown = found + [j for j in linked if j not in found]
        return DetectorHit(fired=fired, weight=det.weight, sentences=shown if fired else [], near=near + found)

    def _semantic(self, ci: int, di: int, det: SemanticDetector, view: _DocView) -> DetectorHit:
        ex = self._exemplars.get((ci, "d", di))
        if ex is None:
            return DetectorHit(fired=False, weight=det.weight, detail="no encoder")
        candidates = self._semantic_candidates(det, view)
        if not candidates:
            return DetectorHit(fired=False, weight=det.weight)
        emb = view.embedding(candidates)
        if not emb:
            return DetectorHit(fired=False, weight=det.weight, detail="no encoder")
        idx = list(emb)
        mat = np.stack([emb[i] for i in idx])
        sims = (mat @ ex.T).max(axis=1)
        order = np.argsort(-sims)
        found, near = [], []
        for k in order:
            i = idx[int(k)]
            if sims[k] < det.threshold:
                if not near:
                    near.append(i)
                break
            if det.unless and view.any_hit(i, det.unless):
                near.append(i)
                continue
            found.append(i)
        return DetectorHit(fired=bool(found), weight=det.weight, sentences=found[:3], near=near,
                           detail=f"max={float(sims.max()):.3f}")

    @staticmethod
    def _semantic_candidates(det: SemanticDetector, view: _DocView) -> list[int]:
        candidates = [i for i in range(len(view.sentences))
                      if (not det.prefilter or view.any_hit(i, det.prefilter))
                      and len(view.sentences[i].text) > 25 and view.is_prose(i)]
        return candidates[:det.max_candidates]

    def _fact(self, det: FactDetector, view: _DocView, area: str | None) -> DetectorHit:
        value = getattr(view.facts, det.field)
        target = det.value
        if target == "area.applicants":
            area_def = self.call.area(area)
            if area_def is None:
                return DetectorHit(fired=False, weight=det.weight, detail="unknown")
            target = list(area_def.applicants)
        op = det.op
        if op == "present":
            ok = value not in (None, [], "")
        elif op == "absent":
            ok = value in (None, [], "")
        elif value is None:
            ok = False
        elif op == "in":
            ok = value in target
        elif op == "not_in":
            ok = value not in target
        else:
            try:
                ok = {">=": value >= target, ">": value > target, "<": value < target, "<=": value <= target,
                      "==": value == target, "!=": value != target}[op]
            except TypeError:
                ok = False
        ev = self._fact_evidence(det, view, value)
        return DetectorHit(fired=ok, weight=det.weight, sentences=ev if ok else [], near=[] if ok else ev)

    def _fact_evidence(self, det: FactDetector, view: _DocView, value: Any) -> list[int]:
        """The sentence that states the fact: one matching the evidence patterns and holding its value."""
        if not det.evidence:
            return []
        cands = [i for i in range(len(view.sentences)) if view.any_hit(i, det.evidence)]
        if value is None:
            return cands[:1]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            v = int(value)
            forms = {str(v), f"{v:,}".replace(",", " "), f"{v:,}".replace(",", ".")}
            for i in cands:
                text = view.sentences[i].text
                if any(re.search(rf"(?<![\d ]){re.escape(f)}(?!\d)", text) for f in forms):
                    return [i]
                if any(number_word_value(tok.text) == v for tok in view.spacy_docs[i]):
                    return [i]
                if any(a == v for a, _, _ in parse_amounts(text)):
                    return [i]
        elif isinstance(value, str):
            # the sentence that names it ("Søkerorganisasjon: Lillestrøm kommune"), else the first that names it
            # at all (a letterhead); for the applicant's type, the applicant's name, as a whole word
            if det.field == "applicant_type" and view.facts.applicant:
                value = view.facts.applicant
            rx = re.compile(r"(?<!\w)" + re.escape(value) + r"(?!\w)", re.I)
            named = [i for i in range(len(view.sentences)) if rx.search(view.sentences[i].text)]
            for i in cands:
                if i in named:
                    return [i]
            if named:
                return named[:1]
        return cands[:1]

    def _amount_limit(self, det: AmountLimitDetector, view: _DocView) -> DetectorHit:
        limit = float(self.call.constants[det.limit]) if isinstance(det.limit, str) else float(det.limit)
        found, near = [], []
        # what the document says about the allowance in running text, where a rate's stretch may stand
        said_about = " ".join(view.sentences[j].text for j in range(len(view.sentences))
                              if not view.is_row(j) and (view.any_hit(j, det.patterns) or view.in_section(j, det.patterns)))
        # and, when neither tells a rate's stretch, the participants' days, weeks or hours the document says for a
        # year wherever it says them ("Deltakerne er i tiltaket ... 220 oppmøtedager i året"; not the staff's)
        per_year = " ".join(s.text for j, s in enumerate(view.sentences)
                            if _STRETCH_PER_YEAR_RX.search(s.text)
                            and (_PARTICIPANTS_WORD.search(s.text) or _COURSE_WORD.search(s.text))
                            and not view.is_row(j))
        # and the participants' days or hours a week, told wherever the document says them
        # (the participants attend: "Deltakerne er i bakeriet fire dager i uka"; not a part of their week, "Deltakerne
        # har norskopplæring to dager i uka", nor the staff's, "Jobbspesialisten følger opp deltakerne to dager i uka")
        weekly = " ".join(s.text for j, s in enumerate(view.sentences)
                          if (_DAYS_PER_WEEK.search(s.text.lower()) or _HOURS_PER_WEEK.search(s.text.lower()))
                          and _ATTEND.match(s.text) and not view.is_row(j))
        recipients = _recipients(view, det.patterns)
        # (not where the text says the allowance is paid the year round: "Stønaden utbetales i alle tolv måneder")
        course_months = "" if _PAID_ALL_YEAR.search(said_about) else view.course_year_months
        year_group = _yearly_participants(view)
        # intakes one after another, one a year ("Kull 1 ... 10 deltakere. Kull 2 ... 14 deltakere" over two years):
        # a sum for the whole period is for their participant-years, the participants in all
        intakes = intake_counts(view.sentences)
        participant_years = None
        # intakes that run side by side or start more often than once a year ("Et nytt kull ... starter hvert halvår")
        intakes_overlap = view.intakes_overlap
        if intakes and intakes[2] in ("kull", "inntak") and len(intakes[0]) == view.facts.duration_years \
                and sum(intakes[0].values()) == view.facts.participants \
                and not view.side_by_side:
            participant_years = view.facts.participants
        for i in range(len(view.sentences)):
            if not view.any_hit(i, det.patterns) and not _about_the_allowance(view, i, det.patterns) \
                    and not _an_intakes_row(view, i, det.patterns):
                continue
            if _INCLUDING_ALLOWANCE.search(view.sentences[i].text) and not _PER_PARTICIPANT.search(view.sentences[i].text) \
                    and not re.search(r"\d\s+deltak", view.sentences[i].text):
                near.append(i)  # a total that includes the allowance ("til saman 2 550 600 kr, medrekna deltakarstønad")
                continue
            year_columns, column_n = 0, None
            text = view.sentences[i].text
            named = _ALLOWANCE_NAMED_RX.search(text)
            if (view.is_row(i) or view.cells(i)) and named and _OTHER_COST.search(text[:named.start()]):
                near.append(i)  # another cost of those who get it ("Reise for mottakere av deltakerstønad")
                continue
            # (a row of small numbers is no sum row, but its header may make one: "Dagsats | Antall | Uker")
            as_read = _row_as_read(view, i) if view.is_row(i) or (view.cells(i) and not view._sentence_like(i)) \
                else None
            if as_read is not None:
                # the row with what its header says of its cells (course years, half years, a rate and its
                # stretch, thousands)
                text, year_columns = as_read
                column_n = view.column_participants() if year_columns else None
            elif view.is_row(i):
                # "Post | 2025 (mai–des) | 2026 | Sum", "Prosjektår 1 | Prosjektår 2": the row's sums are the years',
                # each a yearly sum for the participants of that year
                head = view.above_rows(i)
                years = _year_columns(view.sentences[head].text) if head >= 0 else 0
                # (a header row the layout reads as the table's heading counts when it names two years or more)
                if years and (view.is_header_row(head, i) or (head == view.section[i] and years >= 2)):
                    year_columns, column_n = years, view.column_participants()
                    if (one_year := _one_year_in_parts(view, i)) is not None:
                        text, year_columns = one_year, 1
            per_unit = _per_participant_year(text, limit, view.facts, det,
                                             around=(view.paragraph_text(i), said_about, course_months),
                                             year_columns=year_columns, column_participants=column_n,
                                             row=view.is_row(i), one_column=_one_sum_column(view, i),
                                             weekly=(weekly,), recipients=recipients, year_group=year_group,
                                             participant_years=participant_years, intakes_overlap=intakes_overlap)
            if per_unit is None and per_year:
                per_unit = _per_participant_year(text, limit, view.facts, det, around=(per_year,), weekly=(weekly,),
                                                 recipients=recipients, year_group=year_group,
                                                 participant_years=participant_years, intakes_overlap=intakes_overlap)
            if per_unit is None:
                near.append(i)
            elif per_unit > limit * 1.001:
                found.append(i)
            else:
                near.append(i)
        return DetectorHit(fired=bool(found), weight=det.weight, sentences=found, near=near)

    def _accounts(self, det: AccountsDetector, view: _DocView) -> DetectorHit:
        found, near = [], []
        for i, sent in enumerate(view.sentences):
            if not _amounts(sent.text):
                continue
            # (any_hit of an empty pattern list is False: the optional fields need no guard)
            if not view.is_row(i):
                if view.any_hit(i, det.rows) and view.any_hit(i, det.prose) \
                        and not (view.any_hit(i, det.exclude) and not view.any_hit(i, det.sections)) \
                        and not view.any_hit(i, det.unbooked):
                    found.append(i)
                continue
            if view.in_front_matter(i, [*det.sections, *det.exclude]) \
                    and not (view.any_hit(i, det.booked) or view.any_hit(i, det.prose)):
                near.append(i)  # "Tilskudd fra IMDi 2025: kr 820 000" among the head's fields (not "Mottatt tilskudd")
                continue
            context = view.table_context(i)
            excluded = view.any_hit(i, det.exclude)
            side = view.any_hit(i, det.rows) and not excluded
            if not side and not excluded:
                # "Sum", "Deltakerstønad": the nearest header or heading that names a side decides
                for j in context:
                    if view.any_hit(j, det.sections):
                        side = not view.any_hit(j, det.exclude)
                        break
                    if view.any_hit(j, det.exclude):
                        break
            if not side:
                continue
            # the row's own words, else the nearest header or heading that says booked or not; neither: booked,
            # unless a column is for a year after the accounts' year ("Post 2025 2026" in the accounts for 2025:
            # the budget over the project's years)
            # A row that names the grant's letter, or stands under a line that does ("Prosjektet finansieres slik,
            # jf. søknaden og tilskuddsbrevet:"), is the grant as awarded unless the row ("mottatt 20. mai 2025"), its
            # table's header or lead-in, or the heading right over it says booked ("## Bokførte inntekter 2025"); a
            # heading further up (the document's title "Regnskap 2025") is not enough.
            names_letter = False
            booked = None
            for j in [i] + context:
                names_letter = names_letter or view.any_hit(j, det.award)
                if view.any_hit(j, det.booked) or (j == i and view.any_hit(i, det.prose)
                                                   and not _NOT_YET.search(view.sentences[i].text)):
                    booked = not names_letter or j == i or view.section[j] != j or j == view.section[i]
                    break  # "Budsjett 2025 Regnskap 2025": a booked column beside the budget
                if view.any_hit(j, det.unbooked) or (j != i and view.is_header_row(j, i)
                                                     and view.later_year_than_accounts(j, det.booked)):
                    booked = False
                    break
            if booked is None:
                booked = not names_letter
            (found if booked else near).append(i)
        return DetectorHit(fired=bool(found), weight=det.weight, sentences=found[:3], near=near[:2])


    def _signers(self, det: SignersDetector, view: _DocView) -> DetectorHit:
        rules = self._signer_rules.get(id(det))
        if rules is None:
            rules = self._signer_rules[id(det)] = SignerRules(det)
        texts = [s.text for s in view.sentences]
        heads = [view.section[i] == i for i in range(len(texts))]
        approval = read_approval(texts, heads, rules)
        if approval.met:
            return DetectorHit(fired=True, weight=det.weight, sentences=approval.evidence)
        return DetectorHit(fired=False, weight=det.weight, near=approval.evidence)


# a heading's number just before a sentence the splitter cut from it ("5." / "Bruk av tilskuddet")
_NUMBER_BEFORE = re.compile(r"(^|\n)[ \t]*\d{1,2}(?:\.\d{1,2})*[.)]?[ \t]*$")


# a sum per month, in bokmål and nynorsk ("11 000 kroner i månaden", "per månad", "månadleg")
_MONTH_RATE_AFTER = re.compile(r"\s*(kroner|kr\.?|,-)?\s*((?:per|pr\.?|for kvar|for hver)\s+(?:deltak\w*|person)\s+)?(i måneden|i månaden|per måned|per månad|pr\.? mnd\.?|pr\.? md\.?|"
                               r"/\s?mnd\.?|/\s?md\.?|/\s?måned|/\s?månad|"
                               r"per mnd\.?|per md\.?|pr\.? måned|pr\.? månad|i mnd|kvar månad|hver måned|månedlig|månadleg)")
_MONTH_RATE_BEFORE = re.compile(r"(månedlig|månadleg|per måned|per månad|mån[ea]ds\w*sats\w*\s*(?:på|er|:)?\s*(?:kr\.?|nok)?)"
                                r"\s*$")
# a sum said per participant right beside it ("50 000 kroner per deltaker", "per deltakar og år: 120 000 kr")
_RATE_AFTER = re.compile(r"\s*(kroner|kr\.?|,-)?\s*(per|pr\.?|for hver|for kvar|hver|kvar)\s+(deltak|person|kandidat)")
_RATE_BEFORE = re.compile(r"(per|pr\.?|for hver|for kvar)\s+(deltak\w*|person|kandidat)( og år| per år| i året)?\s*:?\s*"
                          r"(kr\.?|nok)?\s*$")
_IN_ONE_YEAR = re.compile(r"\s*(kroner|kr\.?|,-)?\s*(i|for|in)\s+(året\s+)?(19|20)\d\d\b")
# a paid stretch ("i seks måneder", "det tolv månader lange løpet"), not a point in time ("etter 3 måneder",
# "seks måneder etter avsluttet løp")
_NOT_A_STRETCH = r"(?<!\better )(?<!\binnen )(?<!\binnan )(?<!\bfør )(?<!\bom )(?<!\bhver )(?<!\bkvar )" \
    r"(?<!\bfri )(?<!ferie )(?<!\bunntatt )(?<!\butenom )"  # (weeks off: "har fri 6 uker per kursår", "sommerferie 6 uker")
_COUNT = r"\b(\d{1,3}(?:[ \u00a0.]\d{3})+|\d{1,4}|[a-zæøå]+)\s+"
# ("i de ti månedene kvalifiseringsløpet varer" counts; "i de to månedene med sommerferie" does not)
_MONTH_COUNT = re.compile(_NOT_A_STRETCH + _COUNT + r"(?:måneder|månader|mnd\.?|md\.?|(?:månedene|månadene)"
                          r"(?=\s+(?:[a-zæøå]+\s+){0,2}?(?:varer|varar)\b))(?!\w)(?!\s+etter\b)")
# a rate per day, week or hour ("560 kroner per dag", "2 650 kr i uka", "95 kr/t", "dagsats på 480 kr") and the
# counts that make it a year ("fem dager i uka i 48 uker", "220 dagar", "32 timar i veka")
# days named by what happens on them ("per oppmøtedag", "per tiltaksdag"), not weekdays
_DAY_KIND = r"(?:arbeids|kurs|oppmøte|frammøte|fremmøte|tiltaks|praksis|skole|opplærings|program)"
# ("125 kr timen", "520 kroner dagen": the definite form alone is a rate too)
_UNIT_RATE_AFTER = re.compile(r"\s*(?:kroner|kr\.?|nok|,-)?\s*(?:per|pr\.?|i|om|hver|kvar|for hver|for kvar|/|(?=dagen\b|uka\b|uken\b|veka\b|timen\b))\s*"
                              r"(?:" + _DAY_KIND + r"(?=dag))?(dag|dagen|uke|uka|uken|veke|veka|time|timen|t)(?!\w)")
_UNIT_RATE_BEFORE = re.compile(r"(dag|uke|veke|time)(?:sats|stønad|pris)\w*\s*(?:på|er|:)?\s*(?:kr\.?|nok)?\s*$")
_UNIT = {"dag": "day", "dagen": "day", "uke": "week", "uka": "week",
         "uken": "week", "veke": "week", "veka": "week", "time": "hour", "timen": "hour", "t": "hour"}
_PER_WEEK = r"\s+(?:i|per|pr\.?|hver|kvar|om)\s+(?:uka|uken|uke|veka|veke)\b"
_DAYS_PER_WEEK = re.compile(_COUNT + r"(?:dager|dagar)" + _PER_WEEK)
# ("20 timer praksis og opplæring i uka")
_HOURS_PER_WEEK = re.compile(_COUNT + r"(?:timer|timar)(?:\s+[a-zæøå]+){0,4}?" + _PER_WEEK)
_WEEK_COUNT = re.compile(_NOT_A_STRETCH + _COUNT + r"(?:uker|veker|vekor)(?!\w)(?!\s+etter\b)")
_DAY_COUNT = re.compile(_NOT_A_STRETCH + _COUNT + _DAY_KIND + r"?(?:dager|dagar)(?!\w)"
                        r"(?!" + _PER_WEEK + r")(?!\s+etter\b)")
_YEAR_COUNT = re.compile(r"\b(?:på|over|gjennom|fordelt på|i)\s+(\d|ett|eitt|ei|ein|én|to|tre|fire|fem|seks)\s+"
                         r"(?:år|års|prosjektår)(?!\w)")
# a sum per participant for the whole stretch ("kr per deltaker for hele prosjektperioden", "per deltakar i alt")
_WHOLE_STRETCH = re.compile(r"\s*(?:kroner|kr\.?|,-)?\s*(?:per|pr\.?|for hver|for kvar|hver|kvar)\s+(?:deltak\w*|person|kandidat)"
                            r"\s+(?:(?:for|i|gjennom|over)\s+(?:hele|heile)\s+(?:prosjektperioden|perioden|løpet|"
                            r"prosjektet|kurset|tiltaket|programmet|opplæringen|opplæringa|forløpet)\b|i alt\b|totalt\b|"
                            r"over\s+(?:to|tre|fire|2|3|4)\s+år\b|"
                            r"samla\b|samlet\b)")
_HOUR_COUNT = re.compile(_NOT_A_STRETCH + _COUNT + r"(?:timer|timar)(?!\w)(?!" + _PER_WEEK + r")(?!\s+etter\b)")
# In the text around a rate, only what says how long the course or the payment lasts ("Kurset varer i åtte
# måneder", "løpet på 78 uker", "det tolv månader lange løpet", "fem dager i uka i 48 uker"), not any period named
# nearby ("en praksisperiode på tre måneder", "bodd i kommunen i minst seks måneder").
# days, weeks or hours said for a year ("til sammen om lag 220 oppmøtedager i året", "46 uker per år"): where this
# stands in the document, it tells a rate's stretch wherever the rate is
_STRETCH_PER_YEAR = (r"\b(?:\d{1,4}|[a-zæøå]+)\s+(?:" + _DAY_KIND + r"?dager|" + _DAY_KIND + r"?dagar|uker|veker|timer|timar)"
                     r"\s+(?:i året|per år|pr\.? år|hvert år|kvart år|årlig|årleg|"
                     # ("42 uker per kursår", "i skuleåret")
                     r"(?:per|pr\.?|hvert|kvart|i)\s+(?:praksis|kurs|skole|skule|opplærings|program|tiltaks)år(?:et)?|"
                     # "Vi har regnet med 90 dager i 2025 ... og 230 dager i 2026": the days of a calendar year
                     r"(?:i|for)\s+(?:19|20)\d\d(?!\s*(?:[–-]|og|til)\s*(?:19|20)\d\d))\b|"
                     # "et praksisår på 47 uker", "opplæringsåret er på 40 veker", "Kursåret går frå august til juni,
                     # 44 veker"
                     r"\b(?:praksis|kurs|skole|skule|opplærings|program|tiltaks)år(?:et)?\s+(?:er\s+)?på\s+"
                     r"(?:\d{1,4}|[a-zæøå]+)\s+(?:uker|veker)\b|"
                     r"\b(?:praksis|kurs|skole|skule|opplærings|program|tiltaks)år(?:et)?\s+(?:går|varer|varar)\b[^.;]{0,40}?"
                     r"\b(?:\d{1,2}|[a-zæøå]+)\s+(?:uker|veker)\b|"
                     # "Hvert kursår har 46 uker", "Eit skuleår består av 38 veker"
                     r"\b(?:(?:hvert|kvart|et|eit|ett)\s+(?:praksis|kurs|skole|skule|opplærings|program|tiltaks)år|"
                     r"(?:praksis|kurs|skole|skule|opplærings|program|tiltaks)året)\s+"
                     r"(?:har|består av|beståande av|omfatter|omfattar|er)\s+(?:på\s+)?(?:\d{1,4}|[a-zæøå]+)\s+(?:" + _DAY_KIND
                     + r"?dager|" + _DAY_KIND + r"?dagar|uker|veker)\b")
_STRETCH_PER_YEAR_RX = re.compile(_STRETCH_PER_YEAR, re.I)
_DURATION_SAID = re.compile(r"\b(?:varer|vare|varar|går over|strekker seg over|strekkjer seg over|løper over|"
                            r"(?:løp|løpet|kurs|kurset|tiltak|tiltaket|program|programmet|opplæring|opplæringa|"
                            r"opplæringen|stønad|stønaden)\s+(?:varer\s+|på|over|i)?)\s*(?:i\s+|om lag\s+|ca\.?\s+)?"
                            r"[\w ]{1,12}?\s+(?:måneder|månader|uker|veker|" + _DAY_KIND + r"?dager|" + _DAY_KIND
                            + r"?dagar|timer|timar)\b"
                            # (not the days or hours of a week: "tiltaket 30 timar i veka i 46 veker" is read below)
                            + r"(?!" + _PER_WEEK + r")"
                            r"|\b\w+\s+(?:måneder|månader|uker|veker)\s+lang[et]?\b"
                            r"|\b\w+\s+(?:dager|dagar|timer|timar)" + _PER_WEEK + r"(?:\s+i\s+[\w ]{1,8}?\s+(?:uker|veker))?"
                            # "Kursåret går fra august til mai, ti måneder", "Kursåret er på ti måneder"
                            r"|\b(?:kurs|skole|skule|opplærings)år(?:et)?\b[^.;,]{0,40}?,\s*"
                            r"(?:\d{1,2}|[a-zæøå]+)\s+(?:måneder|månader)\b"
                            r"|\b(?:kurs|skole|skule|opplærings)år(?:et)?\s+(?:er|varer|varar|har)\s+(?:på\s+)?"
                            r"(?:\d{1,2}|[a-zæøå]+)\s+(?:måneder|månader)\b"
                            # "Stønaden utbetales i 11 måneder i året", "Stønaden blir utbetalt i elleve månader"
                            r"|\bstønad\w*\s+(?:blir\s+|vert\s+)?(?:utbetales|utbetalt|utbetalast|betales|gis|givast)\s+"
                            r"(?:ut\s+)?(?:i\s+)?(?:\d{1,2}|[a-zæøå]+)\s+(?:måneder|månader)\b"
                            # "Deltakarstønaden er rekna for 5 månader i 2025, 11 månader i 2026 og 6 månader i 2027"
                            r"|\b(?:rekna|regnet|beregnet|berekna|budsjettert)\s+(?:for|med)\s+(?:\d{1,2}|[a-zæøå]+)\s+"
                            r"(?:måneder|månader)\b(?:[^.;]{0,40}?,\s*(?:\d{1,2}|[a-zæøå]+)\s+(?:måneder|månader)\b)*"
                            r"(?:[^.;]{0,40}?\s+og\s+(?:\d{1,2}|[a-zæøå]+)\s+(?:måneder|månader)\b)?"
                            + r"|" + _STRETCH_PER_YEAR, re.I)
# the months a course or its payment runs, named ("Kursåret går fra august til mai", "Stønaden blir utbetalt frå
# september til juni"): their count
_MONTH_SPAN = re.compile(r"\b(?:kursår\w*|skoleår\w*|skuleår\w*|opplæringsår\w*|kurset|kursa|stønad\w*|utbetal\w*)\b"
                         r"(?![^.;]{0,50}?\b(?:pause|ferie|fri|stengt|stengd|opphold)\b)[^.;]{0,50}?\b(?:fra|frå)\s+"
                         r"(januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)\s+"
                         r"(?:til|og ut)\s+(januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|"
                         r"desember)\b(?!\s+(?:19|20)\d\d)", re.I)
_MONTH_NUMBER = {m: k for k, m in enumerate(("januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
                                             "september", "oktober", "november", "desember"), 1)}


# months the allowance is not paid ("Stønaden blir ikkje utbetalt i juli", "Det betales ikke stønad i juli og
# desember"): the year's months less them
_MONTHS_NOT_PAID = re.compile(r"\b(?:ikke|ikkje)\s+(?:blir\s+|vert\s+)?(?:utbetalt|utbetales|utbetalast|betalt|betales|"
                              r"betalast)\s+(?:(?:deltakerstønad|deltakarstønad|stønad)\w*\s+)?i\s+(" + MONTH_NAMES
                              + r"(?:\s*(?:,|og)\s*" + MONTH_NAMES + r")*)\b", re.I)


def _months_paid_but(texts: Sequence[str]) -> int | None:
    """The months of a year less those the allowance is not paid, in the first text that names them."""
    def read(text: str) -> re.Match | None:
        # (of the allowance, said in its sentence: not "Det blir ikke utbetalt lunsjtilskudd i juli")
        return next((m for m in _MONTHS_NOT_PAID.finditer(text)
                     if re.search(r"stønad", text[max(text.rfind(". ", 0, m.start()), 0):m.end()], re.I)), None)

    m = _first_told(texts, read)
    return 12 - len(re.findall(MONTH_NAMES, m.group(1), re.I)) if m else None


def _months_named(texts: Sequence[str]) -> int | None:
    """The months of a course year named from one month to another, in the first text that names them."""
    for text in texts:
        m = _MONTH_SPAN.search(text)
        if m:
            a, b = _MONTH_NUMBER[m.group(1).lower()], _MONTH_NUMBER[m.group(2).lower()]
            return (b - a) % 12 + 1 if a != b else 12
    return None


# money not (yet) received ("ikke mottatt per 31.12.2025", "forventes mottatt i januar", "blir utbetalt")
_NOT_YET = re.compile(r"\b(ikke|ikkje|ennå|enno|forvent\w*|blir|vert|vil|skal)\b", re.I)
# intakes that run at the same time, not one a year
_SIDE_BY_SIDE = re.compile(r"\b(?:kull|grupp\w*|pulje\w*|inntak\w*|begge)\b[^.]*\b(?:parallelt|parallell|samtidig|side om side)\b|"
                           r"\b(?:parallelt|parallell|samtidig|side om side)\b[^.]*\b(?:kull|grupp\w*|pulje\w*|inntak\w*)\b", re.I)
# a sum the sentence before comes to ("Per år utgjør dette 1 680 000 kr", "Det blir til saman 1 200 000 kr i året")
# (not another sum said after it: "Samlet blir det søkt om 2 400 000 kr fra IMDi", a salary "over prosjektperioden")
_COMES_TO = re.compile(r"\b(?:dette|stønaden|stønadene)\s+(?:utgjør|utgjer|blir|vert)\b|\b(?:utgjør|utgjer|blir|vert)\s+dette\b",
                       re.I)
# ... and, after a sentence where the allowance is the only pay named: "Satsen er 700 kr per dag", "Vi har budsjettert
# med 1 120 000 kr per år til dette"; "Den er ..." only after a sentence that begins with the allowance
# ("Deltakerstønaden holdes innenfor 1G. Den er 700 kr per dag")
_ITS_SUM = re.compile(r"^\s*(?:satsen|stønaden|stønadssatsen|dagsatsen|ukesatsen|vekesatsen|månedssatsen|månadssatsen|"
                      r"timesatsen)\s+(?:er|blir|vert|utgjør|utgjer|settes|setjast)\b|"
                      r"\b(?:budsjettert|budsjetterer|avsatt|satt av|sett av|lagt inn)\b[^.;]*\btil\s+(?:dette|stønaden)\b", re.I)
_ITS_SUM_DEN = re.compile(r"^\s*den\s+(?:er|blir|vert|utgjør|utgjer)\b", re.I)
_OTHER_PAY = re.compile(r"introduksjonsstønad|kvalifiseringsstønad|sosialhjelp|lønn|\bløn\b|kompensasjon|honorar|"
                        r"tilskudd|tilskot|stilling|jobbspesialist|arbeidsgiver|arbeidsgjevar|ytelse|yting|bostøtte", re.I)


def _other_pay(text: str) -> bool:
    """``text`` names pay other than the allowance, not as what the recipients lack ("som mangler andre ytelser",
    "har ikke introduksjonsstønad")."""
    return any(not re.search(r"\b(?:ikke|ikkje|mangler|manglar|uten|utan|ingen)\s+(?:\w+\s+){0,2}$",
                             text[max(0, m.start() - 40):m.start()], re.I)
               for m in _OTHER_PAY.finditer(text))


_CEILING_BEFORE = re.compile(r"\b(?:inntekt\w*|under|over|mer enn|meir enn|mindre enn|lavere enn|lågare enn|høyere enn|"
                             r"høgare enn)\s+(?:\w+\s+){0,2}$", re.I)
_OTHER_SUM = re.compile(r"\b(?:søk\w*|imdi|lønn\w*|løn|stilling\w*|koordinator\w*|prosjektle[di]\w*|totalt|samlet|samla)\b",
                        re.I)
# what the applicant asks for ("Vi søker om kr 140 000 per deltaker"), not another cost per participant
_INCLUDING_ALLOWANCE = re.compile(r"\b(medrekna|medregna|medregnet|inkludert|inklusive|inkl\.|iberegnet|herunder)\s+"
                                  r"(?:\w+\s+){0,2}deltak\w*stønad", re.I)
_ASKED = re.compile(r"\b(søker|søkjer|søkes|søkjast|søkt|ber om|omsøkt)\b", re.I)
_PER_PARTICIPANT = re.compile(r"\b(per|pr\.?|for hver|for kvar)\s+(deltaker|deltakar|deltager|person)\b", re.I)


def _ends_sentence(text: str) -> bool:
    """The line ends like a sentence (a full stop, "!" or "?"), not like a heading, a title or a signature."""
    return text.rstrip().endswith((".", "!", "?"))


# An organisation, phone, account or case number with its label: "Org.nr.: 974 778 734", "Tlf: 901 23 456"
_NOT_MONEY = re.compile(r"\b(org\.?\s*nr\.?|organisasjonsnr\.?|organisasjonsnummer|tlf\.?|telefon|mobil|"
                        r"kontonummer|kontonr\.?|konto\s*nr\.?|saksnr\.?|ref\.?)[\s:.]*\d[\d .]*(?:[/-]\d+)*"
                        # a case or archive number ("25/02981", "2025/1234-3")
                        r"|\b\d{2,4}/\d{2,6}(?:-\d+)?\b", re.I)


def _amounts(text: str) -> list[str]:
    """Sums of money in a line ("358 912", "12.500,-", "1450000"), not years or day-month dates, nor an
    organisation, phone or account number."""
    return [m for m, _start, _end in _amount_cells(text)]


def _amount_cells(text: str) -> list[tuple[str, int, int]]:
    """``_amounts`` with where each stands: (cell, start, end)."""
    masked = _NOT_MONEY.sub(lambda m: " " * len(m.group(0)), text)
    return [(m.group(0), m.start(), m.end()) for m in _AMOUNT_CELL.finditer(masked)
            if not YEAR_NUMBER.fullmatch(m.group(0))]


# a table header of years ("Post 2025 2026 Sum", "Prosjektår 1 Prosjektår 2", "År 1 År 2"); a period in one cell
# ("Budsjett 2025–2026", "jun 2025–mai 2026") is not two columns
_YEAR_COLUMNS = re.compile(r"\b(?:19|20)\d\d\b|\b(?:prosjektår|år)\s+(?:1|2|3|ein|en|to|tre|én)\b", re.I)
_YEAR_RANGE = re.compile(r"\b(?:19|20)\d\d\s*(?:[-–/]|til)\s*(?:[a-zæøå]+\.?\s+)?(?:(?:19|20)\d\d|\d\d)\b", re.I)
# a count of participants in parts ("10 + 6 deltakere", "2 kull à 8 deltakere")
_COUNT_PARTS = re.compile(r"\d\s*(?:\+|à|x|×)\s*\d|\b(?:kull|grupper|puljer|hold)\b")
_PARTICIPANTS_WORD = re.compile(r"\bdeltak|\bdeltag|\bkull(et)?\b", re.I)
# the course the participants follow ("Opplæringa går over 48 veker kvart skuleår"), not the staff
_COURSE_WORD = re.compile(r"^(\w*opplæring\w*|\w*kurset|kursa|\w*tiltaket|\w*løpet|praksisen|\w*programmet|undervisning\w*)\b|"
                          # "Hvert kursår har 46 uker": a year of the course, whatever comes first
                          r"\b(?:praksis|kurs|skole|skule|opplærings|program|tiltaks)år(?:et)?\b", re.I)


_ATTEND = re.compile(r"\s*(?:deltakerne|deltakarane|deltakere|deltakarar|kursdeltakerne|kvinnene|gruppa|gruppen|kullet)\s+"
                     r"(?:er|møter|møt|deltar|deltek|går|jobber|jobbar|arbeider|arbeidar|har\s+(?:oppmøte|fremmøte|frammøte))\b",
                     re.I)
# one count per year in a row's label, each after "(", "," or "og": "(12 deltakere i 2025, 15 i 2026)"
_COUNT_IN_YEAR = re.compile(r"(?:\(|,|\bog)\s*(\d{1,4})\s+(?:deltak\w*\s+|plasser\s+)?(?:i|for)\s+((?:19|20)\d\d)\b")


def _year_columns(header: str) -> int:
    """The columns of a table header that are years."""
    return len(_YEAR_COLUMNS.findall(_YEAR_RANGE.sub(" ", header)))


# a budget row's cells run together when a line's spacing is lost: "562 500 562 500", "115 500 231 000 115 500"
_MOST_IN_A_CELL = 100_000_000


def _row_sums(text: str) -> list[tuple[int, int, int]]:
    """A budget row's sums as (value, start, end): each run of digit groups split into the fewest sums below a
    hundred million where every sum but the first group starts a new one ("1 350 000 1 350 000" is two, "562 500
    562 500" two, not one of 562 billion; a group with a leading zero never starts a sum)."""
    out = []
    for cell, start, _end in _amount_cells(text):
        groups = [(m.group(0), start + m.start()) for m in re.finditer(r"\d+", cell)]
        if len(groups) == 1:
            out.append((int(re.sub(r"\D", "", cell)), start, start + len(cell)))
            continue
        # fewest sums: best[k] = (count, split) for the first k groups
        best: list[tuple[int, list[int]] | None] = [(0, [])] + [None] * len(groups)
        for k in range(1, len(groups) + 1):
            for j in range(k):
                # (after the first, every group of an amount cell has three digits)
                if best[j] is None or groups[j][0].startswith("0"):
                    continue
                if int("".join(g for g, _ in groups[j:k])) >= _MOST_IN_A_CELL:
                    continue
                if best[k] is None or best[j][0] + 1 < best[k][0]:
                    best[k] = (best[j][0] + 1, best[j][1] + [j])
        if best[-1] is None:
            continue
        cuts = best[-1][1] + [len(groups)]
        for a, b in zip(cuts, cuts[1:]):
            begin, end = groups[a][1], groups[b - 1][1] + len(groups[b - 1][0])
            out.append((int("".join(g for g, _ in groups[a:b])), begin, end))
    return out


class _SafeDict(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


# "ett år", "eitt år": one (number_word_value leaves "en"/"ett" out, as they are mostly articles)
_ONE = {"ett": 1, "eitt": 1, "ei": 1, "ein": 1, "én": 1}


# "... x 11 mnd", "x 46 uker" after a participant's sum
_TIMES_STRETCH = re.compile(r"\s*(?:kr\.?|kroner|,-)?\s*[x×*]\s*(\d{1,2})\s*(mnd\.?|måneder|månader|md\.?|uker|veker)\b", re.I)
# "2 400 000 kr til deltakerstønad i 2026": a sum for one year
_FOR_ALLOWANCE_IN_YEAR = re.compile(r"\s*(?:kroner|kr\.?|,-)?\s*til\s+(?:deltakerstønad\w*|deltakarstønad\w*|stønad\w*)\s+"
                                    r"(?:i|for)\s+(?:året\s+)?(?:19|20)\d\d\b(?!\s*(?:[–-]|og|til)\s*(?:19|20)?\d\d)", re.I)
_WHOLE_SAID = re.compile(r"\b(?:til sammen|til saman|i alt|totalt|samlet|samla)\b|\b(?:over|for|gjennom|i)\s+(?:hele|heile)\s+"
                         r"(?:kurs|opplærings|program|prosjekt)?(?:løpet|perioden|kurset|programmet|prosjektet)\b")
_TIMES_PARTICIPANTS = re.compile(r"\b(\d{1,3})\s*(deltak\w*|deltag\w*|personer|pers\.?)?\s*[x×*]\s*(?:kr\.?\s*|nok\s*)?$")


def _times_participants(head: str, counts: Sequence[int | None]) -> bool:
    """``head`` (the text before a sum) ends "10 x" or "10 deltakere x", where 10 counts participants: the noun says
    so, or the number is a count of them the document gives (not "2 x 780 000" for two years)."""
    m = _TIMES_PARTICIPANTS.search(head)
    return bool(m and (m.group(2) or int(m.group(1)) in {c for c in counts if c}))


def _count_for(said: Sequence[tuple[int, int]], start: int, end: int) -> int:
    """The participants a sum at ``start``..``end`` is for, of the counts ``said`` in its sentence (position, count):
    the first after it in its clause ("465 000 kroner for høsten 2025, da vi starter med ti deltakere"), else the last
    before it ("10 deltakere får deltakerstønad, til sammen 1 400 000 kr"), else the first."""
    after = [c for pos, c in said if end <= pos <= end + 90]
    before = [c for pos, c in said if pos < start]
    return after[0] if after else before[-1] if before else said[0][1]


# --- a budget row read with its table's header ------------------------------------------------------------------
# (the header's cells say what each of the row's cells is: a course year, a half year, a rate, a count, a stretch)
_HALF_YEAR_COLUMN = re.compile(r"^(?:høst|haust|vår|1\.\s*halvår|2\.\s*halvår|første\s+halvår|andre\s+halvår)\s+"
                               r"((?:19|20)\d\d)\b", re.I)
_COURSE_YEAR_COLUMN = re.compile(r"\b(?:kurs|skole|skule|opplærings|program|tiltaks|undervisnings)år\b|"
                                 r"^(?:19|20)\d\d\s*/\s*(?:19|20)?\d\d$", re.I)
_RATE_COLUMN = re.compile(r"\bsats\b|\b(?:måned|månad|uke|veke|dag|time)s?sats\b|"
                          r"^(?:kr\.?\s+)?(?:per|pr\.?)\s+(?:måned|månad|mnd|uke|veke|dag|time)\b", re.I)
_STRETCH_COLUMN = re.compile(r"^(?:antall\s+|tal\s+|ant\.\s*)?(måneder|månader|mnd\.?|uker|veker|dager|dagar|timer|timar)"
                             r"(?:\s+(?:per|pr\.?|i)\s+år(?:et)?)?$", re.I)
# a column of each participant's sum: "Per deltaker", "Beløp per deltaker", "Sats per deltaker per år"
_PER_HEAD_COLUMN = re.compile(r"^(?:beløp\s+|sum\s+|kr\.?\s+|kostnad\s+)?(?:per|pr\.?)\s+(?:deltaker|deltakar|deltager|person)\b", re.I)
# a header cell whose sums are a year's ("Per deltaker per år", "Beløp per år", "Årlig")
_A_YEARS = re.compile(r"\b(?:per|pr\.?|i)\s+år(?:et)?\b|\bårleg|\bårlig", re.I)
# a column of a year's sums beside others: "Per år", "Beløp per år", "Årlig"
_PER_YEAR_COLUMN = re.compile(r"^(?:beløp\s+|sum\s+|kr\.?\s+|kostnad\s+)?(?:(?:per|pr\.?)\s+år|årlig|årleg)(?:\s*\(.*\))?$", re.I)
# the days or hours of a week in a column of their own ("Dager per uke", "Timer i uka")
_WEEKLY_COLUMN = re.compile(r"^(?:antall\s+)?(?:kurs|arbeids|praksis)?(?:dager|dagar|timer|timar)\s+(?:per|pr\.?|i)\s+"
                            r"(?:uke|uka|veke|veka)$", re.I)
# a row's sum at its end ("Sum", "Beløp", "Totalt", "Sum per år")
_TOTAL_COLUMN = re.compile(r"^(?:sum|beløp|totalt?|kostnad)\b", re.I)
_COUNT_COLUMN = re.compile(r"^(?:antall|tal|ant\.)(?:\s+(?:deltakere|deltakarar|deltagere|personer|plasser))?$|"
                           r"^(?:deltakere|deltakarar|deltagere)$", re.I)
_UNIT_OF = (("mån", "måned"), ("mnd", "måned"), ("uke", "uke"), ("veke", "uke"), ("uker", "uke"), ("veker", "uke"),
            ("dag", "dag"), ("time", "time"), ("timar", "time"))
_UNITS_IN_A_YEAR = {"måned": 12, "uke": 52, "dag": 365, "time": 8760}
def _zero_sums_only(text: str) -> bool:
    """Every number in the line is a zero, and there is one ("Deltakerstønad 0 0 0 0", "... satt til kr 0")."""
    numbers = [m.group(0) for m in re.finditer(r"\d+(?:[ \u00a0.]\d{3})*(?:,\d+)?", text)
               if not YEAR_NUMBER.fullmatch(m.group(0))]
    return bool(numbers) and all(not re.sub(r"\D", "", n).strip("0") for n in numbers)


def _unit_of(cell: str) -> str | None:
    low = cell.lower()
    return next((unit for word, unit in _UNIT_OF if re.search(rf"\b{word}", low)), None)


def _cell_value(cell: str, scale: int = 1) -> float | None:
    """A cell that is one number ("1 656 000", "11 500", "12", "0"), times ``scale``; None for anything else."""
    c = re.sub(r"^(?:kr\.?|nok)\s*|\s*(?:kr\.?|kroner|nok|,-)$", "", cell.strip(), flags=re.I)
    if not re.fullmatch(r"\d{1,3}(?:[ \u00a0.]\d{3})*(?:,\d+)?|\d+(?:,\d+)?", c):
        return None
    return float(re.sub(r"[ \u00a0.]", "", c).replace(",", ".")) * scale


def _table_scales(view: "_DocView", i: int, header: Sequence[str]) -> list[int]:
    """Each column's scale for row ``i``: 1000 for a column in thousands, as its header cell says ("Sum (1000 kr)"),
    or as a line says of the whole table (its lead-in, between the table and what stands above it, or the line right
    under it: "Beløpene er i tusen kroner."), where no row of the table holds a sum of a hundred thousand or more;
    else 1."""
    head = view.above_rows(i)
    k = i + 1
    while k < len(view.sentences) and view.is_row(k):
        k += 1
    rows = range(head + 1, k)
    if any(a >= 100_000 for r in rows for a, _s, _e in parse_amounts(view.sentences[r].text)):
        return [1] * len(header)
    cells = [1000 if THOUSANDS_CELL.search(c) else 1 for c in header]
    if any(c == 1000 for c in cells):
        return cells
    said = False
    j = head - 1  # the lead-in: up to the section's heading or the table before
    while not said and j >= 0 and j >= view.section[i] and head - j < 4 and not view.is_row(j):
        said = bool(THOUSANDS.search(view.sentences[j].text))
        j -= 1
    if not said and k < len(view.sentences) and view.section[k] == view.section[i]:
        said = bool(THOUSANDS.search(view.sentences[k].text))  # "Beløpene er i tusen kroner." under the table
    return [1000 if said else 1] * len(header)


def _money(v: float) -> str:
    return f"{int(round(v)):,}".replace(",", " ") + " kr"


# a heading over one year's budget: "Budsjett 2026", "Budsjett for 2026", "2025 (august–desember)", "Kostnader år 2026"
# (not a year beside something else: "Budsjett (oppstart høsten 2025)", "Budsjett (revidert 15. mars 2026)")
_ONE_YEAR_HEADING = re.compile(r"^\W*(?:\d+(?:\.\d+)*\.?\s+)?(?:(?:budsjett|budsjettet|kostnader|kostnadar|utgifter|utgifter)\s+"
                               r"(?:for\s+|i\s+|år\s+|for\s+året\s+)?)?((?:19|20)\d\d)\b(?!\s*[–/-]\s*(?:19|20)?\d\d)", re.I)


# a row of one intake ("Kull 1", "Opptak 2", "Gruppe A", "2"), and how long each intake lasts as the text says it
# ("Hvert kull går i ett år", "Hvert løp varer seks måneder")
_INTAKE_LABEL = re.compile(r"^(?:kull|opptak|inntak|gruppe|pulje|løp)\b[\w .]{0,12}$|^\d{1,2}\.?$", re.I)
_INTAKE_LASTS = re.compile(r"\b(?:hvert|kvart|hver|kvar)\s+(?:kull|opptak|inntak|løp|gruppe|pulje)\w*\s+"
                           r"(?:går|varer|varar|går over|strekker seg over)\s+(?:over\s+|i\s+|om lag\s+)?"
                           r"(\d{1,2}|[a-zæøå]+)\s+(måneder|månader|år|uker|veker)\b", re.I)


# the column of an intake's sum: the allowance's, not another cost's ("Kurskostnad")
_INTAKE_SUM_COLUMN = re.compile(r"^(?:beløp|sum|totalt?|kr\.?|kroner|stønad|deltakerstønad|deltakarstønad|deltagerstønad)\b", re.I)


_T = TypeVar("_T")


def _first_told(texts: Sequence[str], read: Callable[[str], _T | None]) -> _T | None:
    """What ``read`` finds in the first of ``texts`` that tells it (a paragraph before the document's other text)."""
    return next((v for text in texts if (v := read(text)) is not None), None)


def _intake_months_in(text: str) -> float | None:
    """How long one intake lasts, in months, as ``text`` tells it ("Hvert kull går over 11 måneder")."""
    m = _INTAKE_LASTS.search(text)
    if m and (n := _count_value(m.group(1))):
        return n * {"år": 12, "uker": 12 / 52, "veker": 12 / 52}.get(m.group(2).lower(), 1)
    return None


def _intake_row(view: "_DocView", i: int, row: Sequence[str], kinds: Sequence[str | None],
                header: Sequence[str]) -> tuple[str, int] | None:
    """An intake's row under the allowance's heading ("Kull 1 | 01.09.2025 | 10 | 1 400 000"): its sum for each of
    its participants, a year's where the intake lasts a year or less (by its months column or the text)."""
    at = {k: n for n, k in reversed(list(enumerate(kinds))) if k}
    if "count" not in at or not _INTAKE_LABEL.match(row[0]):
        return None
    count = _cell_value(row[at["count"]])
    sums = [v for n, c in enumerate(row) if kinds[n] is None and (v := _cell_value(c)) and v >= 1000]
    if not count or not sums:
        return None
    months = None
    if "stretch" in at and (unit := _unit_of(header[at["stretch"]])) in ("måned", "uke"):
        months = (_cell_value(row[at["stretch"]]) or 0) * (1 if unit == "måned" else 12 / 52) or None
    months = months or _intake_months_in(view.paragraph_text(i)) or view.intake_months(before=i)
    if not months:
        return None
    return f"{row[0]}: {_money(sums[-1] / count * (12 / months if months > 12 else 1))} per deltaker per år", 0


def _row_as_read(view: "_DocView", i: int) -> tuple[str, int] | None:
    """Row ``i`` of a budget as one statement the allowance's reader understands, from the row's cells and its
    header's: (text, year columns), or None where the header adds nothing (the row is read as it stands).

    - rate and stretch columns in the same unit ("Sats per måned | Antall deltakere | Måneder | Sum per år"): the rate
      for its stretch ("11 500 kr per måned i 12 måneder"); a yearly rate ("Sats per år") as the year's sum;
    - course-year columns ("Kursår 2025/26 | Kursår 2026/27"): one sum per year;
    - half-year columns ("Høst 2025 | Vår 2026 | Høst 2026"): the halves of each calendar year added up;
    - sums in thousands (said of the table above it, in its header, or right under it): each such cell times 1000;
    - one column of sums ("Post | Beløp") under a heading of one year ("Budsjett 2026"): that year's sum.
    """
    row = view.cells(i)
    header = view.header_cells(i)
    if not row or not header:
        return None
    label = row[0]
    scales = _table_scales(view, i, header)
    kinds = [(_PER_HEAD_COLUMN.match(h) and "per_head") or (_PER_YEAR_COLUMN.match(h) and "per_year")
             or (_RATE_COLUMN.search(h) and "rate")
             or (_STRETCH_COLUMN.match(h) and "stretch") or (_WEEKLY_COLUMN.match(h) and "weekly")
             or (_COUNT_COLUMN.match(h) and "count") or (_HALF_YEAR_COLUMN.match(h) and "half")
             or (_COURSE_YEAR_COLUMN.search(h) and "course") or None for h in header]
    kinds[0] = "label"
    at = {k: n for n, k in reversed(list(enumerate(kinds))) if k}
    if "rate" not in at and (intake := _intake_row(view, i, row, kinds, header)):
        return intake
    if "per_head" in at:
        # "Post | Per deltaker | Antall | Sum": each participant's sum (a year's, where the column says so)
        v = _cell_value(row[at["per_head"]], scales[at["per_head"]])
        yearly = _A_YEARS.search(header[at["per_head"]])
        return (f"{label} {_money(v)} per deltaker" + (" per år" if yearly else ""), 0) if v else None
    if "per_year" in at:
        # "Post | Per år | Sum 2 år": a year's sum, whatever the total beside it
        v = _cell_value(row[at["per_year"]], scales[at["per_year"]])
        return (f"{label} {_money(v)} per år", 0) if v else None
    if "rate" in at:
        rate = _cell_value(row[at["rate"]], scales[at["rate"]])
        rate_unit = "år" if re.search(r"\b(?:per|pr\.?)\s+år\b|\bårs?sats\b|\bårleg|\bårlig", header[at["rate"]], re.I) \
            else _unit_of(header[at["rate"]])
        if not rate:
            return None
        if rate_unit == "år":
            return f"{label} {_money(rate)} per deltaker per år", 0
        if "stretch" not in at:
            return None
        stretch, unit = _cell_value(row[at["stretch"]]), _unit_of(header[at["stretch"]])
        if not stretch or unit is None:
            return None
        # a stretch longer than a year is the project's, spread over its years ("Uker 92" over two years: 46 a year)
        in_a_year, raw = _UNITS_IN_A_YEAR[unit], stretch
        if stretch > in_a_year:
            stretch = min(in_a_year, stretch / max(view.facts.duration_years or 1, math.ceil(stretch / in_a_year)))
        words = {"måned": "måneder", "uke": "uker", "dag": "dager", "time": "timer"}
        if rate_unit in (None, unit):
            return f"{label} {_money(rate)} per {unit} i {int(stretch)} {words[unit]}", 0
        # a rate in one unit over a stretch in another ("Dagsats | Uker", "Ukesats | Måneder", "Månedssats | Uker"): the
        # stretch in weeks (a month is 52/12 of them)
        weeks = {"uke": stretch, "måned": stretch * 52 / 12}.get(unit)
        if weeks is None:
            return None
        weeks = min(weeks, 52.0)
        if rate_unit in ("måned", "uke"):
            per_week = rate * 12 / 52 if rate_unit == "måned" else rate
            return f"{label} {_money(per_week * weeks)} per deltaker per år", 0
        # a day's or an hour's rate: times the days or hours a week in the row's own column ("Dager per uke"); else
        # each participant's share of the row's sum where it has one ("Dagsats | Antall | Uker | Sum", over the years
        # of a stretch longer than one); else as the text says the participants' week (the days a week, five where
        # it says none; the hours a week)
        if "weekly" in at and (per := _cell_value(row[at["weekly"]])) and per <= (7 if rate_unit == "dag" else 60):
            return f"{label} {_money(rate * per * weeks)} per deltaker per år", 0
        count = _cell_value(row[at["count"]]) if "count" in at else None
        total = _cell_value(row[-1], scales[-1]) if kinds[-1] is None and len(row) > 2 else None
        if count and total and total >= 1000 and _TOTAL_COLUMN.match(header[-1]):
            return f"{label} {_money(total / count * stretch / raw)} per deltaker per år", 0
        return f"{label} {_money(rate)} per {rate_unit} i {round(weeks)} uker", 0
    periods: list[tuple[str, float]] = []
    for n, (kind, h) in enumerate(zip(kinds, header)):
        if kind in ("course", "half"):
            v = _cell_value(row[n], scales[n]) if row[n] else 0.0
            if v is None:
                return None
            key = _HALF_YEAR_COLUMN.match(h).group(1) if kind == "half" else h
            if periods and periods[-1][0] == key:
                periods[-1] = (key, periods[-1][1] + v)
            else:
                periods.append((key, v))
    halves = [h for kind, h in zip(kinds, header) if kind == "half"]
    if len(halves) == 2 and len(periods) == 2 and re.match(r"(?:høst|haust|2\.|andre)", halves[0], re.I) \
            and int(periods[1][0]) == int(periods[0][0]) + 1 \
            and not view.intakes_often and not ((months := view.intake_months()) and months <= 6):
        # an autumn and the spring after it ("Høst 2025 | Vår 2026"): one course year, not two calendar years' halves
        periods = [(periods[0][0], periods[0][1] + periods[1][1])]
    if periods:
        return label + " " + " ".join(_money(v) for _key, v in periods), len(periods)
    years = _year_columns(view.sentences[view.above_rows(i)].text)
    if any(sc != 1 for sc in scales) and years:
        values = [_cell_value(c, sc) for c, sc in zip(row[1:], scales[1:]) if c]
        if any(v is None for v in values):
            return None
        return label + " " + " ".join(_money(v) for v in values), years
    if len(header) == 2 and not years:
        h = view.section[i]
        titles = [h]
        if h == view.above_rows(i) and h > 0:
            # the header row is read as the section's heading: the title line right over it, or the heading over that
            titles = [h - 1, view.section[h - 1]] if len(view.sentences[h - 1].text.split()) <= 8 else [view.section[h - 1]]
        one_year = next((m for t in titles if t >= 0 and (m := _ONE_YEAR_HEADING.match(view.sentences[t].text))), None)
        per_year = _A_YEARS.search(header[1])  # "Beløp per år"
        v = _cell_value(row[1], scales[1])
        if v is not None and (one_year or per_year or scales[1] != 1):
            return f"{label} {_money(v)}" + (f" i {one_year.group(1)}" if one_year else " per år" if per_year
                                             else ""), 0
    return None


def _one_year_in_parts(view: "_DocView", i: int) -> str | None:
    """Row ``i`` under year columns that are parts of one year ("2025 (sep–des) | 2026 (jan–aug)", 12 months or fewer
    in all, one calendar year after the other): the row with its parts added up, one year's sum; else None."""
    header, row = view.header_cells(i), view.cells(i)
    if not header or not row or len(header) != len(row):
        return None
    cols = [(n, m, int(h.strip()[:4])) for n, h in enumerate(header) if n > 0 and (m := year_column_months(h)) is not None]
    if len(cols) != 2 or all(m == 12 for _n, m, _y in cols) or sum(m for _n, m, _y in cols) > 12 \
            or cols[1][2] != cols[0][2] + 1:
        return None
    # (one running on from the other: the first to December, the second from January; not two spring terms a year
    # apart, "2026 (jan–jun) | 2027 (jan–jun)"; nor two intakes, one in each, "Kull 1 ... kull 2 ...")
    spans = [year_column_span(header[n]) for n, _m, _y in cols]
    if None in spans or spans[0][1] != 12 or spans[1][0] != 1 or view.intake_counted:
        return None
    values = [_cell_value(row[n]) for n, _m, _y in cols]
    if any(v is None for v in values):
        return None
    return f"{row[0]} {_money(sum(values))}"


def _one_sum_column(view: "_DocView", i: int) -> bool:
    """Row ``i`` stands under a header of a label and one column of sums ("Post | Beløp")."""
    head = view.above_rows(i)
    return head >= 0 and bool(re.fullmatch(r"\s*[A-ZÆØÅa-zæøå]+\s+(?:beløp|kr|kroner|nok|sum|kostnad|budsjett)"
                                           r"(?:\s*\((?:kr|nok|kroner)\)|\s+(?:i\s+)?(?:kr|nok|kroner)\.?)?\s*",
                                           view.sentences[head].text, re.I))
_SAID_COUNT = re.compile(r"\b(\d{1,4}|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|tretten|fjorten|femten|"
                         r"seksten|sytten|atten|nitten|tjue\w{0,4}|tretti\w{0,4}|førti\w{0,4}|femti\w{0,4})\s+"
                         r"(?:nye\s+)?(?:deltak(?:ere|erne|er|arar|arane|ar|ane|erane)?|(?:stønads)?mottak(?:ere|erne|arar|arane)(?!\s+av\b))\b")
_INTAKES_OFTEN = re.compile(r"\b(?:kull|inntak|gruppe|pulje)\w*\b[^.]{0,60}\b(?:hvert halvår|kvart halvår|to ganger i året|"
                            r"hver sjette måned|kvar sjette månad|hvert semester|kvart semester)\b|\btil enhver tid\b", re.I)
# a count for each intake ("6 mottakere per kull"): one intake's, not a count in parts
_PER_INTAKE = re.compile(r"\b(?:per|pr\.?|i hvert|i kvart|i kvar|for hvert|for kvart)\s+(?:kull|gruppe|pulje)\b")


def _count_value(word: str) -> int | None:
    """A count in digits ("12", "1 200") or in words ("tolv", "eitt")."""
    digits = re.sub(r"[ \u00a0.]", "", word)
    low = word.lower()
    return int(digits) if digits.isdigit() else _ONE.get(low) or number_word_value(low)


def _counts(pattern: re.Pattern, text: str) -> list[int]:
    """The numbers counted by ``pattern`` in ``text`` ("48 uker", "tolv månader"), in digits or words."""
    return [n for n in (_count_value(c) for c in pattern.findall(text)) if n]


def _stretch(pattern: re.Pattern, low: str, around: Sequence[str]) -> list[int]:
    """Counts said in the sentence, else in what the first of the texts ``around`` it says of how long the course
    or the payment lasts (its paragraph: "Kurset varer i åtte måneder"; then the document's other text on the
    allowance)."""
    counts = _counts(pattern, low)
    for text in around:
        if counts:
            break
        counts = _counts(pattern, "  ".join(m.group(0) for m in _DURATION_SAID.finditer(text)))
    return counts


def _stretch_years(low: str) -> float | None:
    """The longest stretch said in the sentence ("på to år", "18 måneder", "78 uker"), in years."""
    spans = _counts(_YEAR_COUNT, low) + [n / 12 for n in _counts(_MONTH_COUNT, low)] \
        + [n / 52 for n in _counts(_WEEK_COUNT, low)]
    return max(spans) if spans else None


# only some of the participants get the allowance, said beside it: "12 av de 20 deltakerne vil ha behov for
# deltakerstønad", "Av de 20 deltakerne vil 12 få deltakerstønad", "deltakerstønad for ti deltakere", "12 deltakere vil ha
# behov for deltakerstønad", "Vi regner med 6 slike deltakere per kull" (not "bare 5 av de 20 deltakerne klart å
# fullføre", "barnepass for 6 deltakere")
_PEOPLE = r"(?:deltak|deltag|kvinne|person)\w*"
# (not another benefit: "De fire deltakerne som mottar stønad fra Nav", "stønader frå Nav")
_ALLOWANCE_NAMES = r"deltakerstønad|deltakarstønad|deltagerstønad"
_ALLOWANCE_NAMED = r"(?:" + _ALLOWANCE_NAMES + r")"
_ALLOWANCE_NAMED_RX = re.compile(_ALLOWANCE_NAMED, re.I)

# the application says it does not ask for the allowance ("det søkes ikke om deltakerstønad", "I denne søknaden søkjer
# vi ikkje om deltakarstønad", "I 2026 dekker kommunen deltakerstønaden over eget budsjett"; "Det er ikke tatt med i
# denne søknaden" on or after a sentence that names it), where its sums are an earlier project's or a later one's
_NOT_ASKED = re.compile(r"\b(?:søkes|søkjast|søker\s+vi|vi\s+søker|søkjer\s+vi|vi\s+søkjer)\s+(?:derfor\s+|altså\s+|heller\s+)?"
                        r"(?:ikke|ikkje)\s+(?:om\s+)?(?:\w+\s+)?(?:" + _ALLOWANCE_NAMES + r")\b|"
                        r"\b(?:dekker|dekkjer|betaler|finansierer)\s+(?:kommunen|bydelen|vi)\s+(?:selv\s+|sjølv\s+)?"
                        r"(?:deltakerstønaden|deltakarstønaden)\b", re.I)
_NOT_IN_THIS = re.compile(r"\b(?:ikke|ikkje)\s+(?:tatt|teke|teken)\s+med\s+i\s+denne\s+søknaden|"
                          r"\binngår\s+(?:ikke|ikkje)\s+i\s+(?:denne\s+)?søknaden", re.I)
# what was ("I forprosjektet fekk deltakarane 135 000 kr", "Kommunen fikk i 2024 tilskudd til deltakerstønad")
_PAST = re.compile(r"\b(?:fikk|fekk|hadde|mottok|fått|vart|ble|var)\b", re.I)
# an ask in the present ("Vi søker om deltakerstønad til ...", "Det søkes om 1 200 000 kr i deltakerstønad")
_ASKS_FOR = re.compile(r"\b(?:søker|søkjer|søkes|søkjast)\s+(?:\w+\s+){0,2}?om\s+(?:[\w ]+\s+){0,4}?(?:" + _ALLOWANCE_NAMES + r")",
                       re.I)


def _says_not_asked(view: "_DocView", limits: Sequence["AmountLimitDetector"]) -> bool:
    """The text says the allowance is not asked for, and nothing asks for it: no sentence asks in the present
    and no table row of it holds a sum above zero."""
    said = asked = False
    for j, s in enumerate(view.sentences):
        t = s.text
        if t.rstrip().endswith("?") and _ALLOWANCE_NAMED_RX.search(t) and re.search(r"\bsøk|\bsøkj", t, re.I):
            # a form's question whether it is asked for, answered on the next line ("Søkes det om deltakerstønad?" /
            # "Nei"; not "Mottar deltakerne deltakerstønad fra NAV i dag?")
            answer = view.sentences[j + 1].text if j + 1 < len(view.sentences) else ""
            said = said or bool(re.match(r"\W*(?:nei|nei\.)\W*$", answer, re.I))
            continue
        if _NOT_ASKED.search(t) or (_NOT_IN_THIS.search(t) and (
                _ALLOWANCE_NAMED_RX.search(t) or (j > 0 and _ALLOWANCE_NAMED_RX.search(view.sentences[j - 1].text)))):
            said = True
        elif _ASKS_FOR.search(t):
            asked = True
        elif view.is_row(j) and any(view.any_hit(j, d.patterns) for d in limits) and not _zero_sums_only(t):
            asked = True
        elif any((view.in_section(j, d.patterns) and not view.is_row(j) and _asks_a_rate(t))
                 or _an_intakes_row(view, j, d.patterns) for d in limits):
            asked = True  # a rate or an intake's row under the allowance's heading, which need not name it
        elif _ALLOWANCE_NAMED_RX.search(t) and _amounts(t) and not _zero_sums_only(t) and not _PAST.search(t):
            asked = True  # "De øvrige seks får deltakerstønad på 12 000 kr i måneden" (not "I forprosjektet fekk ...")
    return said and not asked

_ALLOWANCE_WORD = r"(?:" + _ALLOWANCE_NAMES + r"|stønad)\w*+(?!\s+(?:fra|frå)\s+(?:nav|andre|staten)\b)"
_GETS = r"(?:\w+\s+){0,6}?(?:behov\s+for|rett\s+på|rett\s+til|krav\s+på|får|få|motta|mottar|mottek|søkes|søkjast)\s+(?:\w+\s+)?"
_RECIPIENTS = re.compile(r"\b(\d{1,4}|[a-zæøå]+)\s+av\s+(?:de\s+|dei\s+)?(?:\d{1,4}\s+|[a-zæøå]+\s+)?" + _PEOPLE + r"\s+" + _GETS
                         + _ALLOWANCE_WORD + r"|"
                         # "ti av de fjorten vil ha krav på stønaden" (under the allowance's heading)
                         r"\b(\d{1,4}|[a-zæøå]+)\s+av\s+(?:de|dei)\s+(?:\d{1,4}|[a-zæøå]+)\s+(?:vil|skal|kommer\s+til\s+å)\s+"
                         r"(?:ha\s+(?:krav|rett)\s+på|få|motta|ta\s+imot)\s+(?:stønaden|stønad\b|" + _ALLOWANCE_NAMES + r")|"
                         r"\bav\s+(?:de|dei)\s+\d{1,4}\s+" + _PEOPLE + r"\s+(?:vil|skal|kommer\s+til\s+å|kjem\s+til\s+å)\s+"
                         r"(\d{1,4}|[a-zæøå]+)\s+" + _GETS + _ALLOWANCE_WORD + r"|"
                         # ("deltakerstønad på 650 kroner per dag for de ti kvinnene som ...")
                         + _ALLOWANCE_WORD + r"\s+(?:\w+\s+){0,6}?(?:for|til|gjeld|gjelder)\s+(?:de\s+|dei\s+)?(\d{1,4}|[a-zæøå]+)\s+"
                         + _PEOPLE + r"|"
                         r"\b(\d{1,4}|[a-zæøå]+)\s+" + _PEOPLE + r"\s+" + _GETS + _ALLOWANCE_WORD + r"|"
                         r"\b(\d{1,4}|[a-zæøå]+)\s+slike\s+" + _PEOPLE + r"|"
                         # "Sju av deltakerne mottar introduksjonsstønad. De øvrige fem får deltakerstønad"
                         r"\b(?:de|dei)\s+(?:øvrige|andre|resterende|resterande|siste)\s+(\d{1,4}|[a-zæøå]+)\s+"
                         r"(?:" + _PEOPLE + r"\s+)?" + _GETS + _ALLOWANCE_WORD + r"|"
                         # "For de ti deltakerne som ikke har introduksjonsstønad, søker vi om deltakerstønad", "dei
                         # åtte deltakarane som står utan anna yting, vil få deltakarstønad"
                         # (named in full there: "dei fire som mottek stønad frå Nav" are others; not on past "men for
                         # de andre")
                         r"\b(?:de|dei)\s+(\d{1,4}|[a-zæøå]+)\s+" + _PEOPLE + r"\s+som\s+(?:(?!\bmen\b|\b(?:for\s+)?(?:de|dei)\s+(?:andre|øvrige)\b)[^.;:]){1,80}?"
                         r"(?:\b(?:søker|søkjer)\s+(?:vi\s+)?om\s+(?:\w+\s+)?|\s" + _GETS + r")" + _ALLOWANCE_NAMED, re.I)
# (those who do not get it: "De fire deltakerne som har introduksjonsstønad, får ikke deltakerstønad")
_NOT_GETTING = re.compile(r"\b(?:ikke|ikkje)\s+(?:\w+\s+)?\w*stønad\w*$", re.I)
# (a count for a year or a season is that year's, not a subset: "for 10 deltakere høsten 2025 og for alle 20 i 2026")
_FOR_A_YEAR = re.compile(r"^\W*(?:[\wæøå]+\W+){0,3}?(?:(?:i|fra|frå|for|fom\.?|f\.o\.m\.?)\s+(?:19|20)\d\d|"
                         r"(?:høsten|hausten|våren|første|andre|fyrste)\b)", re.I)


def _an_intakes_row(view: "_DocView", i: int, patterns: Sequence[str]) -> bool:
    """Line ``i`` is an intake's row of a table under the allowance's heading ("## Deltakerstønad per opptak /
    Kull 1 | 01.09.2025 | 8 | 1 120 000"), which need not name the allowance."""
    cells = view.cells(i)
    return bool(cells) and bool(_INTAKE_LABEL.match(cells[0])) and view.is_row(i) and view.in_section(i, patterns) \
        and not _zero_sums_only(view.sentences[i].text) and _INTAKE_SUM_COLUMN.match((view.header_cells(i) or [""])[-1])


# other costs per participant ("til reise og opphold på praksisstedet", "Reise for mottakere av deltakerstønad")
_OTHER_COST = re.compile(r"\b(?:reise\w*|opphold|transport|busskort|barnepass|barnehage\w*|kost|losji|materiell|"
                         r"læremidl\w*|lunsj|mat|husleie|bolig|kursavgift\w*|arbeidsklær|arbeidstøy|utstyr)\b", re.I)


# a rate paid to someone else ("Praksisbedriftene får en dagsats på 700 kr per deltaker til veiledning")
_PAID_TO_OTHERS = re.compile(r"\b(?:\w*bedrift\w*|arbeidsgiver\w*|arbeidsgjevar\w*|praksisvert\w*|praksisplass\w*|"
                             r"arrangør\w*|tilbyder\w*|leverandør\w*)\s+(?:får|mottar|fær|tek imot|tar imot)\b|"
                             r"\btil\s+(?:veiledning|rettleiing|oppfølging|arbeidsgiver\w*|bedrift\w*)\b", re.I)


def _asks_a_rate(text: str) -> bool:
    """The sentence asks a sum per participant, or gives the rate it is reckoned from ("Vi har lagt til grunn en sats
    på 3 450 kr per uke per deltaker"), not another benefit's nor another cost's ("til reise og opphold"), nor one
    paid to someone else ("Praksisbedriftene får en dagsats på 700 kr per deltaker til veiledning")."""
    return bool(_PER_PARTICIPANT.search(text)) and not _OTHER_COST.search(text) and not _PAID_TO_OTHERS.search(text) \
        and bool(
        _ASKED.search(text) or (re.search(r"\b(?:dag|uke|veke|måned|månad|time|år)?s?sats(?:en)?\b", text, re.I)
                                and not _other_pay(text)))


def _about_the_allowance(view: "_DocView", i: int, patterns: Sequence[str]) -> bool:
    """Sentence ``i``, which does not name the allowance, asks a sum of it: "Vi søker om kr 140 000 per deltaker per
    år" under the heading "Deltakerstønad" or right after the sentence that names it; or says what that sentence's
    allowance comes to ("Alle deltakerne får deltakerstønad. Per år utgjør dette 1 680 000 kr.")."""
    text = view.sentences[i].text
    after_it = i > 0 and view.any_hit(i - 1, patterns) and not view.is_row(i - 1)
    if (after_it or view.in_section(i, patterns)) and _asks_a_rate(text):
        return True
    if not (after_it and not _OTHER_SUM.search(text) and not view.is_row(i)):
        return False
    before = view.sentences[i - 1].text
    if not _ALLOWANCE_NAMED_RX.search(before):
        return False
    if _COMES_TO.search(text):
        return True
    only_pay = not _other_pay(before) and not _other_pay(text)
    return bool(only_pay and (_ITS_SUM.search(text) or (
        _ITS_SUM_DEN.search(text) and re.match(r"\s*(?:" + _ALLOWANCE_NAMES + r")\w*\b", before, re.I))))


# a share of the participants ("Om lag halvparten av deltakerne ... vil få deltakerstønad")
_SHARES = {"halvparten": 1 / 2, "en tredjedel": 1 / 3, "ein tredjedel": 1 / 3, "to tredjedeler": 2 / 3,
           "to tredjedelar": 2 / 3, "en fjerdedel": 1 / 4, "ein fjerdedel": 1 / 4, "tre fjerdedeler": 3 / 4,
           "tre fjerdedelar": 3 / 4}
_SHARE_OF = r"\b(" + "|".join(_SHARES) + r")\s+av\s+(?:de\s+|dei\s+)?(?:\d{1,4}\s+|[a-zæøå]+\s+)?" + _PEOPLE
# those of the participants who have no other benefit, whom the call gives the allowance to ("Deltakere kan få
# deltakerstønad så lenge de ikke får stønad fra andre ordninger"): "åtte av de tolv deltakerne ikke har rett til
# introduksjonsstønad eller andre ytelser", "halvparten av deltakerne har ikke introduksjonsstønad"
_WITHOUT_OTHER = re.compile(
    r"(?:\b(\d{1,4}|[a-zæøå]+)\s+av\s+(?:de\s+|dei\s+)?(?:\d{1,4}\s+|[a-zæøå]+\s+)?" + _PEOPLE + r"|" + _SHARE_OF + r")"
    r"\s+(?:\w+\s+){0,2}?(?:(?:ikke|ikkje)\s+(?:har|får|mottar|mottek|fyller)|(?:har|får|mottar|mottek)\s+(?:ikke|ikkje))\s+"
    r"(?:rett\s+(?:til|på)\s+|krav\s+på\s+)?(?:introduksjonsstønad|kvalifiseringsstønad|andre\s+ytelser|anna\s+yting|"
    r"annen\s+inntekt|anna\s+inntekt|andre\s+stønader|egen\s+inntekt|eiga\s+inntekt)", re.I)
# "Dette gjelder etter vår kartlegging ti av de fjorten kvinnene", right after the sentence on the allowance
_THIS_APPLIES_TO = re.compile(r"^(?:dette|det|den|stønaden|ordningen)\s+(?:gjelder|gjeld)\s+(?:[\wæøå]+\s+){0,4}?"
                              r"(\d{1,4}|[a-zæøå]+)\s+av\s+(?:de\s+|dei\s+)?(?:\d{1,4}\s+|[a-zæøå]+\s+)?" + _PEOPLE, re.I)
_SHARE_GETS = re.compile(_SHARE_OF + r"\b[^.;]{0,80}?\b" + _GETS + _ALLOWANCE_NAMED, re.I)


def _recipients(view: "_DocView", patterns: Sequence[str]) -> int | None:
    """How many of the participants get the allowance, where the running text on it says fewer than all (several
    counts, one for each year, "for ti deltakere, og for 2026 ... for tolv deltakere": the most of them), or says
    how many have no other benefit wherever it says it (the allowance is for them, as the call says)."""
    everyone = view.facts.participants
    if not everyone:
        return None
    counts = []
    for j, s in enumerate(view.sentences):
        if view.is_row(j):
            continue
        after_it = j > 0 and _ALLOWANCE_NAMED_RX.search(view.sentences[j - 1].text)
        for m in (*_WITHOUT_OTHER.finditer(s.text), *_SHARE_GETS.finditer(s.text),
                  *(_THIS_APPLIES_TO.finditer(s.text) if after_it else ())):
            word = next(g for g in m.groups() if g)
            n = round(_SHARES[word.lower()] * everyone) if word.lower() in _SHARES else _count_value(word)
            if n and 1 < n < everyone:
                counts.append(n)
        if not (view.any_hit(j, patterns) or view.in_section(j, patterns)):
            continue  # (the patterns a form needs, the allowance named beside the count, are in _RECIPIENTS)
        for m in _RECIPIENTS.finditer(s.text):
            if _NOT_GETTING.search(m.group(0)) or _FOR_A_YEAR.match(s.text[m.end():m.end() + 40]) or \
                    re.search(r"\b(?:19|20)\d\d\b|\b(?:høsten|hausten|våren)\b", s.text[max(0, m.start() - 40):m.start()], re.I):
                continue
            n = _count_value(next(g for g in m.groups() if g))
            if n and 1 < n <= everyone:
                counts.append(n)
    return max(counts) if counts and max(counts) < everyone else None


# the participants of one year, where the text counts more over the project: "Vi tar inn 12 deltakere per år", or a
# count per kull with one kull a year ("tolv deltakere i hvert kull. Vi planlegger to kull, ett per prosjektår")
_PER_YEAR_COUNT = re.compile(r"\b(\d{1,3}|[a-zæøå]+)\s+(?:nye\s+)?(?:deltak\w*|deltag\w*|kvinner|personer|plasser)\s+"
                             r"(?:per år|pr\.? år|i året|hvert år|kvart år|årlig|årleg)\b", re.I)
_PER_KULL_COUNT = re.compile(r"\b(\d{1,3}|[a-zæøå]+)\s+(?:deltak\w*|deltag\w*|kvinner|personer)\s+"
                             r"(?:i hvert|i kvart|i kvar|per|pr\.?)\s+kull\b|"
                             # "tre kull à 10 deltakere"
                             r"\bkull\s+(?:à|a|på|med)\s+(\d{1,3}|[a-zæøå]+)\s+(?:deltak\w*|deltag\w*|kvinner|personer)\b", re.I)
_KULL_A_YEAR = re.compile(r"\b(?:ett|eitt|eit|et|1)\s+(?:nytt\s+)?(?:kull\s+)?(?:per|pr\.?|i|hvert|kvart)\s+"
                          r"(?:prosjekt|kalender|kurs)?år(?:et)?\b|\bnytt kull (?:hvert|kvart) år\b", re.I)


def _yearly_participants(view: "_DocView") -> int | None:
    """One year's participants, where the text gives them and they are fewer than the project's in all."""
    everyone = view.facts.participants
    if not everyone:
        return None
    prose = [s.text for j, s in enumerate(view.sentences) if not view.is_row(j)]
    found = {m.group(1) for t in prose for m in _PER_YEAR_COUNT.finditer(t)}
    if not found and any(_KULL_A_YEAR.search(t) for t in prose):
        found = {m.group(1) or m.group(2) for t in prose for m in _PER_KULL_COUNT.finditer(t)}
    counts = {_count_value(w) for w in found} - {None}
    return counts.pop() if len(counts) == 1 and 1 < next(iter(counts)) < everyone else None


# one course year told season by season ("Høsten 2025 er beregnet til 90 kursdager og våren 2026 til 130 kursdager"):
# the autumn and the spring after it are one year of the course, whatever calendar years they fall in
_SEASON_UNIT = r"(?:" + _DAY_KIND + r"?dager|" + _DAY_KIND + r"?dagar|uker|veker|timer|timar)"
_SEASON_PAIR = re.compile(r"\b(?:høsten|hausten)\s+(?:(20\d\d)\b)?[^.;]{0,40}?\b(\d{1,4})\s+(" + _SEASON_UNIT + r")\b"
                          r"(?!" + _PER_WEEK + r")[^.;]{0,40}?\b(?:våren|vårhalvåret)\s+(?:(20\d\d)\b)?[^.;]{0,30}?\b(\d{1,4})\s+("
                          + _SEASON_UNIT + r")\b(?!" + _PER_WEEK + r")", re.I)


def _unit_kind(word: str) -> str:
    """"kursdager" -> "day", "veker" -> "week", "timar" -> "hour" (the words of ``_SEASON_UNIT``)."""
    word = word.lower()
    return "day" if "dag" in word else "hour" if word.startswith("tim") else "week"


def _course_year(unit: str, text: str) -> int | None:
    """The days, weeks or hours of one course year told for its autumn and the spring after it."""
    for m in _SEASON_PAIR.finditer(text):
        autumn, spring = m.group(1), m.group(4)
        kinds = {_unit_kind(m.group(3)), _unit_kind(m.group(6))}
        if kinds == {unit} and (not autumn or not spring or int(spring) == int(autumn) + 1):
            return int(m.group(2)) + int(m.group(5))
    return None


_STRETCH_COUNT = {"week": _WEEK_COUNT, "day": _DAY_COUNT, "hour": _HOUR_COUNT}
# a course year's months, said wherever the document says them ("Kvart kursår er ti månader", "Hvert kursår har ti
# måneder", "Kursåret varer i elleve måneder")
_COURSE_YEAR_MONTHS = re.compile(r"\b(?:(?:hvert|kvart|eitt|ett|eit|et)\s+(?:kurs|skole|skule|opplærings|program)år|"
                                 r"(?:kurs|skole|skule|opplærings|program)året)\s+(?:er|har|varer|varar|går over|"
                                 r"strekker seg over|strekkjer seg over)\s+(?:på\s+|i\s+)?(?:om lag\s+|ca\.?\s+)?"
                                 r"(\d{1,2}|[a-zæøå]+)\s+(?:måneder|månader)\b", re.I)


_PAID_ALL_YEAR = re.compile(r"\b(?:hele|heile)\s+året\b|\balle\s+(?:tolv|12)\s+(?:måneder|månader|månedene|månadene)\b|"
                            r"\b(?:i\s+)?(?:tolv|12)\s+(?:måneder|månader)\s+(?:i\s+året|per\s+år|i\s+året)\b", re.I)


# the year round but some weeks: "deltakerne er i praksis alle uker unntatt fem", "Kurset går hele året, men
# deltakerne har fri 6 uker per kursår", "Tiltaket går hele året med sommerferie 6 uker", "Tilbudet går hele året;
# deltakerne har fri 2 uker i jula og 4 uker om sommeren" (the weeks off added up)
_ALL_WEEKS_BUT = re.compile(r"\balle\s+(?:årets\s+)?(?:uker|veker|vekene|ukene)\s+(?:unntatt|utenom|untatt|bortsett\s+fra)\s+"
                            r"(\d{1,2}|[a-zæøå]+)\b|\b(?:hele|heile)\s+året\b[^.]{0,60}?\b(?:fri|\w*ferie|opphold)\s+(?:i\s+|på\s+)?"
                            r"(\d{1,2}|[a-zæøå]+)\s+(?:uker|veker)\b", re.I)
_MORE_WEEKS_OFF = re.compile(r"[^.;]{0,30}?\bog\s+(\d{1,2}|[a-zæøå]+)\s+(?:uker|veker)\s+(?:om|i|til|rundt)\s+"
                             r"(?:sommer\w*|jul\w*|påske\w*|\w*ferie\w*|vinter\w*|høst\w*|haust\w*)\b|"
                             r"[^.;]{0,30}?\bog\s+(\d{1,2}|[a-zæøå]+)\s+(?:uker|veker)\s+(?:fri|ferie)\b", re.I)


def _weeks_but(text: str) -> int | None:
    """The weeks of a year less those off ("alle uker unntatt fem": 47)."""
    for m in _ALL_WEEKS_BUT.finditer(text):
        # (of the participants or the course, in the sentence that says it: not "Praksisbedriften holder åpent
        # alle uker unntatt to")
        start = max(text.rfind(". ", 0, m.start()) + 1, 0)
        end = text.find(". ", m.end())
        sentence = text[start:end if end >= 0 else len(text)]
        if not (_PARTICIPANTS_WORD.search(sentence) or re.search(r"\b(?:kurs|tiltak|opplæring|program|løp|stønad)\w*",
                                                                 sentence, re.I)):
            continue
        if re.search(r"\b(?:holder|held|har|er)\s+(?:\w+\s+)?åp(?:en|ent|e)\b|\bopningstid|\båpningstid", sentence, re.I):
            continue  # (a workplace's opening: "Bedriften der deltakerne har praksis holder åpent hele året")
        off = _count_value(m.group(1) or m.group(2))
        if off is not None and m.group(2) and (more := _MORE_WEEKS_OFF.match(text, m.end())):
            off += _count_value(more.group(1) or more.group(2)) or 0
        if off is not None and off < 26:
            return 52 - off
    return None



def _unit_rate_year(value: float, unit: str, low: str, around: Sequence[str], weekly: Sequence[str] = ()
                    ) -> float | None:
    """A rate per day, week or hour as the sum for one year: times the days, weeks or hours paid in a year
    (at most a year's worth), from the sentence or its paragraph; None when they are not said. The days or hours
    a week, when neither says them, may stand in ``weekly`` (the participants' week told anywhere: "Deltakerne er
    i bakeriet fire dager i uka")."""
    weeks = min(max(_stretch(_WEEK_COUNT, low, around) or [0]), 52)
    # "i 300 dager fordelt over to år": the days or hours of one year
    years = max(_counts(_YEAR_COUNT, low) or [1])
    # (only where the sentence gives no stretch of its own: "150 kr per time i 38 uker")
    said_here = _counts(_STRETCH_COUNT[unit], low) or \
        (unit != "week" and _counts(_WEEK_COUNT, low))
    course_year = None if said_here else _first_told((low, *around), lambda t: _course_year(unit, t))
    if not said_here and (but := _first_told((low, *around), _weeks_but)):
        weeks = but
    if unit == "week":
        weeks = min(course_year, 52) if course_year else weeks
        return value * weeks if weeks else None
    if unit == "day":
        days = course_year or max(_stretch(_DAY_COUNT, low, around) or [0]) / years
        if days >= 20:
            return value * min(days, 260)
        per_week = min(max(_stretch(_DAYS_PER_WEEK, low, tuple(around) + tuple(weekly)) or [5]), 7)
        return value * per_week * weeks if weeks else None
    hours = course_year or max(_stretch(_HOUR_COUNT, low, around) or [0]) / years
    if hours >= 50:
        return value * min(hours, 2000)
    per_week = max(_stretch(_HOURS_PER_WEEK, low, tuple(around) + tuple(weekly)) or [0])
    return value * per_week * weeks if per_week and weeks else None


def _per_participant_year(text: str, limit: float, facts: Facts, det: AmountLimitDetector,
                          around: Sequence[str] = (), year_columns: int = 0,
                          column_participants: int | None = None, weekly: Sequence[str] = (),
                          recipients: int | None = None, year_group: int | None = None,
                          participant_years: int | None = None, row: bool = False,
                          one_column: bool = False, intakes_overlap: bool = False) -> float | None:
    """The sum asked for one participant for one year, as far as the sentence tells; the stretch paid (months,
    weeks, days) may be said in the paragraph ``around`` it. A budget row under a header of ``year_columns`` years
    holds one sum per year (its bare cells read too), and may end with their total: each is for
    ``column_participants`` unless the row names its own count (a count per intake, "6 mottakere per kull", unless
    the intakes overlap: ``intakes_overlap``). A total is for the ``recipients`` when the text
    says only some of the participants get the allowance ("12 av de 20 deltakerne vil ha behov for deltakerstønad"). A row whose sums do not fit its header that way, or
    that gives a rate per participant, is read as a sentence."""
    low = text.lower()
    around = tuple(t.lower() for t in around)
    weekly = tuple(t.lower() for t in weekly)
    m = re.search(r"(\d+(?:[.,]\d+)?)\s*(?:ganger\s+|x\s+)?(?:g|grunnbeløpet)\b", low)
    if m and _CEILING_BEFORE.search(low[max(0, m.start() - 40):m.start()]):
        m = None  # "inntekt under 2 ganger grunnbeløpet": who may get it, not what they get
    multiples = [float(m.group(1).replace(",", "."))] if m else []
    share = re.search(r"(\d+(?:[.,]\d+)?)\s*(?:%|prosent)\s+av\s+(?:g|grunnbeløpet|1\s*g)\b", low)
    if share and not _CEILING_BEFORE.search(low[max(0, share.start() - 40):share.start()]):  # "80 % av G"
        multiples = [float(share.group(1).replace(",", ".")) / 100]
    if re.search(r"\b(én|en|ett|1)\s*g\b", low) and not multiples:
        multiples = [1.0]
    if m and multiples and _WHOLE_STRETCH.match(low[m.end():m.end() + 80]):
        # "2G per deltaker for hele prosjektperioden på to år": a share of G over the whole stretch
        years = _stretch_years(low) or facts.duration_years
        if years and years > 1:
            multiples = [x / years for x in multiples]
    yearly: list[float] = []
    other: list[float] = []
    amounts = []
    sums = parse_amounts(text)
    year_cells = 0
    if year_columns and det.per_participant and not _PER_PARTICIPANT.search(text):
        # a budget row's cells, kr or bare ("Deltakerstønad (12 deltakere) 1 160 000 1 740 000 2 900 000")
        # (a small rate in the label, "x kr 95", is no reason to skip the bare cells)
        cells = [a for a in sums if a[0] >= 1000] or [a for a in _row_sums(text) if a[0] >= 1000]
        values = [a[0] for a in cells]
        if len(values) == year_columns:
            year_cells = len(values)
        elif len(values) == year_columns + 1 and abs(values[-1] - sum(values[:-1])) <= 0.01 * values[-1]:
            year_cells = year_columns
        if year_cells:
            sums = cells
    elif row and not sums and one_column:
        # a row of a budget with one column of sums ("Post | Beløp"): its bare cells ("Deltakerstønad (10 x 140 000)
        # 1 400 000")
        sums = [a for a in _row_sums(text) if a[0] >= 1000]
    # a sum worked out in the sentence ("12 deltakere × 11 000 kr × 12 mnd = 1 584 000 kr per år"): its factors
    # before "=" are what the result is made of, not sums of their own
    equals = re.search(r"[×x*]\s*[^=]{0,40}(=)\s*(?:kr\.?\s*)?\d", low)
    if equals:
        sums = [a for a in sums if a[1] > equals.start(1)] or sums
    for value, start, end in sums:
        unit = _UNIT_RATE_AFTER.match(low[end:end + 30])
        unit_name = _UNIT[unit.group(1)] if unit else None
        before = _UNIT_RATE_BEFORE.search(low[max(0, start - 30):start])
        if before and not unit_name:
            unit_name = _UNIT[before.group(1)]
        if unit_name:
            # a rate per day, week or hour: a yearly sum when the days, weeks or hours are said
            per_year = _unit_rate_year(float(value), unit_name, low, around, weekly)
            if per_year is not None:
                yearly.append(per_year)
        elif value >= 1000:
            amounts.append((value, start, end))
    # Rates (per month, per participant) and totals said for one year ("1 656 000 kr i 2026 for dei 12
    # deltakarane") are yearly sums: the highest decides, as the limit holds for every year. Other totals are
    # divided out over participants and years, and then the lowest reading is kept.
    # "for 12 deltakere", "for ti deltakere" (read for each sum: see _count_for)
    said = [(m.start(), _count_value(m.group(1))) for m in _SAID_COUNT.finditer(low)
            if not re.search(r"\b(?:andre|øvrige|resten av|resten|av de|av dei)\s+$", low[max(0, m.start() - 12):m.start()])]
    said = [(pos, c) for pos, c in said if c]
    if row and not said:
        # a bare count in the row's label, before its sums ("Deltakerstønad heltid (6)  792 000")
        first = min((a[1] for a in sums), default=len(low))
        # (not a note's number, "(1)": at least three, and no more than the participants)
        said = [(m.start(), n) for m in re.finditer(r"\((\d{1,3})\)", low[:first])
                if 3 <= (n := int(m.group(1))) <= (facts.participants or 999)]
    said_count = said[0][1] if said else None
    # a count for each year in the row's label ("Deltakerstønad (12 deltakere i 2025, 15 i 2026)")
    # (in the order of the years, as the columns go; not when a count comes in parts: "10 + 6 i 2026")
    in_parts = bool(_COUNT_PARTS.search(_PER_INTAKE.sub(" ", low))) or (bool(_PER_INTAKE.search(low)) and intakes_overlap)
    year_counts = [int(c) for c, _year in sorted(_COUNT_IN_YEAR.findall(low), key=lambda m: m[1])] \
        if year_cells and not in_parts else []
    label_years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", low[:sums[0][1]] if sums else low)]
    if year_cells and not in_parts and not year_counts and label_years == sorted(label_years) \
            and not re.search(r"\b(hvorav|herav|av dei|av dem|av desse|av disse)\b", low):
        # one count per column in the order the label gives them ("(10 deltakere i 5 mnd / 16 deltakere i
        # 11 mnd)", "(2025: 10 deltakere × 4 mnd, 2026: 14 deltakere × 11 mnd)")
        in_order = [int(c) for c in re.findall(r"(\d{1,4})\s+deltak", low)]
        if len(in_order) == year_cells:
            year_counts = in_order
    for k, (value, start, end) in enumerate(amounts):
        tail = low[end:end + 70]
        head = low[max(0, start - 40):start]
        v = float(value)
        month = _MONTH_RATE_AFTER.match(tail) or _MONTH_RATE_BEFORE.search(head)
        in_year = False
        times_n = _times_participants(head, (said_count, recipients, facts.participants, year_group))
        times = _TIMES_STRETCH.match(tail)
        if times and times_n:
            # "(12 x 11 000 x 11 mnd)": each participant's sum a month (or a week) times the months (weeks) of a year
            per = min(int(times.group(1)), 12 if times.group(2).startswith(("m", "M")) else 52)
            yearly.append(float(value) * per)
            continue
        # (a row's label with counts for its year columns keeps its first count; see year_counts)
        said_count = (said[0][1] if k < year_cells else _count_for(said, start, end)) if said else None
        if k < year_cells and not month:
            # the row's own count, when it is one plain count ("(12 deltakere)", not "(10 + 6 deltakere)")
            if len(year_counts) == year_cells:
                n = year_counts[k]
            else:
                n = said_count if said_count and not in_parts \
                    else (recipients or year_group or column_participants or facts.participants)
            if n:
                yearly.append(v / n)
            continue
        if month:
            # paid for N months ("i seks måneder", "det tolv månader lange løpet"); several counts: the longest
            # stretch, as the limit is per year
            counts = _stretch(_MONTH_COUNT, low, around)
            months = max(counts) if counts else (_months_named((low, *around[:1])) or _months_paid_but((low, *around))
                                                 or 12)
            v = v * min(months, 12)
        elif det.per_participant and not re.search(r"per deltak|pr\.? deltak|for hver deltak|hver deltak|per person|"
                                                   r"per kandidat|i snitt", tail + head) and not times_n:
            # (read in the text as written: "... 2 772 000 kr. For 2025 gjeld dette ..." is the next sentence's year)
            in_year = bool(_IN_ONE_YEAR.match(text[end:end + 70]) or (
                _FOR_ALLOWANCE_IN_YEAR.match(text[end:end + 70])
                and len(re.findall(r"\b(?:19|20)\d\d\b", text[end:])) == 1 and not re.search(r"\bhalvår", text[end:])))
            # a sum for one year is for that year's participants ("12 deltakere per år", one kull a year of 12)
            # ("per kursår", "kvart skuleår", "hvert prosjektår": a year of the course or the project)
            one_year = in_year or bool(re.search(r"per år|i året|årlig|årleg|for året|prosjektåret|"
                                                 r"\b(?:per|pr\.?|hvert|kvart|kvar)\s+(?:kurs|skole|skule|opplærings|"
                                                 r"prosjekt|program|tiltaks)år\b", tail + head))
            # (a stretch of years said beside the sum is the sum's: "1G per år i to år  3 123 840")
            span = max(_counts(_YEAR_COUNT, head + " " + tail) or [1])
            one_year = one_year and span == 1
            n = said_count or (recipients or (year_group if one_year else None)
                                                             or facts.participants)
            if n:
                v = v / n
            else:
                continue
            # (participants counted intake by intake, one intake a year: the count is already of participant-years)
            by_intake = participant_years is not None and n == participant_years
            if det.per_year and span > 1 and not by_intake:
                v = v / span
            elif det.per_year and facts.duration_years and facts.duration_years > 1 and not one_year and not by_intake:
                v = v / facts.duration_years
        rate = bool(month) or bool(_RATE_AFTER.match(tail) or _RATE_BEFORE.search(head)) or (
            # "Deltakerstønad (10 x 140 000)": the participants times each one's sum (not "x 12 mnd" after it)
            times_n and not re.match(r"\s*(?:kr\.?|kroner|,-)?\s*[x×*]", tail))
        whole = rate and _WHOLE_STRETCH.match(tail) or (
            # "Hver deltaker får til sammen 180 000 kr ... over hele kursløpet på 18 måneder" (not "150 000 kr ... per
            # år, totalt 3 600 000 kr for de tolv")
            re.search(r"\b(?:hver|kvar)\s+deltak", head) and _WHOLE_SAID.search(head[-25:] + " " + tail[:60])
            and not re.search(r"\b(?:per|pr\.?)\s+år\b|\bi året\b|\bårlig|\bårleg|\bkvart år|\bhvert år", tail[:60]))
        if whole and not month:
            # "240 000 kr per deltaker for hele prosjektperioden på to år": a total over the stretch paid
            years = _stretch_years(low) or facts.duration_years
            if years and years > 1:
                v = v / years
        (yearly if rate or in_year else other).append(v)
    best: float | None = max(yearly) if yearly else (min(other) if other else None)
    if best is None and multiples:
        return max(multiples) * limit
    if best is not None and multiples and max(multiples) <= 1.0 and best <= limit * 1.3:
        # "1G, beregnet til ..." – the computed sum decides when it is given
        return best
    return best
