"""The facts of an application: who applies, how many take part, how much is asked and given, for how long,
with whom. Read from form fields ("Søknadsbeløp: kr 850 000"), budget tables (PDF tables or table-like
lines) and running text, in that order of trust.

Everything here is general Norwegian: labels and wordings that application portals and municipal
letters use, number words, and the many ways of writing a sum of money ("kr 150 000", "150.000,-",
"NOK 150 000", "1,2 mill.", "kr 1 200 000").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date

from nlp_service.contract import Facts
from nlp_service.ingest.document import Document
from nlp_service.language.lexicon import number_word_value
from nlp_service.language.segment import Sentence

__all__ = ["extract_facts", "parse_amounts", "parse_amount", "FactSources", "extract_facts_with_sources"]

# ----------------------------------------------------------------------------------------------
# Money

_GROUPED = r"\d{1,3}(?:[ \u00a0\u202f.]\d{3})+"
_PLAIN = r"\d+"
_NUM = rf"(?:{_GROUPED}|{_PLAIN})"
_MILL = re.compile(r"(?<![\d,.])(\d+(?:[.,]\d+)?)\s*(?:mill(?:ioner|ion)?\.?|mnok|mill\.?\s*kr)(?![a-zæøå])", re.I)
_KR_BEFORE = re.compile(rf"(?:\bkr\.?|\bnok|\bkroner)\s*({_NUM})(?:\s*,-|,00|,–)?(?!\s*(?:mill|%|prosent))", re.I)
_KR_AFTER = re.compile(rf"(?<![\d,.])({_NUM})\s*(?:,-|,–|kr\b\.?|kroner\b|nok\b|kr,-)", re.I)
_BARE_CELL = re.compile(rf"^\s*(?:kr\.?\s*|nok\s*)?(-?{_GROUPED}|-?\d{{3,}}|0)(?:\s*,-|,00)?\s*(?:kr|nok|kroner)?\s*$", re.I)


def _to_int(digits: str) -> int:
    return int(re.sub(r"\D", "", digits))


#: A year written as a word ("2025"), where it is not a count or a sum: in a label, a header row, between two counts.
YEAR_WORD = re.compile(r"\b(?:19|20)\d\d\b")
# a heading's number at its start ("5. Bruk av tilskuddet", "3.2 Resultater")
NUMBERED = re.compile(r"^\d{1,2}(?:\.\d{1,2})*[.)]?\s+(?=\D)")


def heading_shape(text: str, *, short_label: bool = False) -> bool:
    """A line shaped like a heading: short, not ending like a sentence or a field, not a list item or a table
    row, and beginning with a capital after its number. A short label ending with a colon ("Budsjett:") may be
    one where ``short_label`` says so; a longer one is a lead-in to what follows."""
    if not text or len(text) > 90 or len(text.split()) > 12 or text.endswith((".", ",", ";")) or ": " in text:
        return False
    if text.endswith(":") and not (short_label and len(text.split()) <= 3):
        return False
    return not text.startswith(("-", "•", "*", "–", "|")) and NUMBERED.sub("", text)[:1].isupper()


def parse_amounts(text: str) -> list[tuple[int, int, int]]:
    """Sums of money in ``text`` as (value in NOK, start, end), in order; overlapping readings merged."""
    found: list[tuple[int, int, int]] = []
    for m in _MILL.finditer(text):
        value = float(m.group(1).replace(",", "."))
        found.append((int(round(value * 1_000_000)), m.start(), m.end()))
    for rx in (_KR_BEFORE, _KR_AFTER):
        for m in rx.finditer(text):
            if any(s <= m.start(1) < e for _, s, e in found):
                continue
            value = _to_int(m.group(1))
            # "1 200 000" must not be read as "1" or "200 000" by a neighbouring pattern
            found.append((value, m.start(1), m.end(1)))
    found.sort(key=lambda t: t[1])
    out: list[tuple[int, int, int]] = []
    for item in found:
        if out and item[1] < out[-1][2]:
            if item[0] > out[-1][0]:
                out[-1] = item
            continue
        out.append(item)
    return out


def parse_amount(text: str) -> int | None:
    """The first sum of money in ``text``; a bare number (a table cell, a form value) counts too."""
    amounts = parse_amounts(text)
    if amounts:
        return amounts[0][0]
    m = _BARE_CELL.match(text)
    if m:
        return _to_int(m.group(1))
    if re.fullmatch(r"\s*(?:kr\.?\s*)?0\s*(?:kr|,-)?\s*", text, re.I):
        return 0
    return None


# ----------------------------------------------------------------------------------------------
# Lines, form fields and tables

# a table's sums in thousands, said of the table's figures ("Alle beløp er oppgitt i hele tusen kroner", "Beløp i 1000
# kr", "Tall i tusen kroner", "TNOK"), not a sum of a thousand ("egenandel på kr 1 000", "femti tusen kroner")
THOUSANDS = re.compile(r"\b(?:beløp\w*|tall\w*|summ\w*|budsjett\w*|oppgitt|angitt|oppført|ført opp|gitt)\b[^.;]{0,30}?"
                        r"\bi\s+(?:hele\s+|heile\s+)?(?:tusen|1\s?000|1000)\s*(?:kr\b|kroner\b|nok\b|,-)|\btnok\b|\btkr\b", re.I)
# a header cell that says its column is in thousands: "Sum (1000 kr)", "2026 (i tusen kr)", "Beløp i 1 000 kr"
THOUSANDS_CELL = re.compile(r"(?:\(\s*|\bi\s+)(?:hele\s+)?(?:tusen|1\s?000|1000)\s*(?:kr\b|kroner\b|nok\b)|\btnok\b|\btkr\b",
                            re.I)

_FIELD = re.compile(r"^\s*([A-ZÆØÅa-zæøå][\wæøåÆØÅ .,/()&\-–]{1,70}?)\s*:\s*(.*?)\s*$")


@dataclass
class Row:
    cells: list[str]
    page: int
    header: list[str] = field(default_factory=list)
    text: str = ""
    caption: str = ""  # the text line just above a table of text lines ("Kommunens egeninnsats:")
    scales: list[int] = field(default_factory=list)  # each column's scale: 1000 for a column in thousands

    def amount(self, j: int) -> int | None:
        """Cell ``j``'s amount in kroner (its column's scale applied: "250" in a table "i 1000 kr" is 250 000)."""
        value = parse_amount(self.cells[j]) if j < len(self.cells) else None
        if value is None:
            return None
        return value * (self.scales[j] if j < len(self.scales) else 1)


@dataclass
class FormField:
    label: str  # lower-cased
    value: str
    page: int
    text: str


def _lines(doc: Document) -> list[tuple[int, str]]:
    out = []
    for page in doc.pages:
        if page.lines:
            out.extend((page.number, ln.text) for ln in page.lines)
        else:
            out.extend((page.number, ln) for ln in page.text.split("\n"))
    return out


def _known_label(text: str) -> bool:
    """A field label the facts read (participants, amounts, period, applicant), written alone."""
    if re.match(r"deltak(else|ing)|deltaking", text):  # participation, not a count
        return False
    return any(p.search(text) for p in (_PART_LABEL, _APPLICANT_LABEL, _REQ_LABEL, _OWN_LABEL)) or \
        bool(_PERIOD_LABEL.fullmatch(text))


def _form_fields(lines: list[tuple[int, str]], headings: frozenset[tuple[int, str]] = frozenset()
                 ) -> list[FormField]:
    """``Label: value`` lines, and the two-column form of the portal's PDF export, where a known label
    stands alone on its line and its value follows on the next ("Antall deltakere" / "16"). A section
    heading ("Deltakere") followed by its first sentence is not a field: marked headings and values that
    read as a sentence are left out, and so is the end of a wrapped line ("Kommunedirektørens stab – HR og" /
    "organisasjon"). (The cells of a ruled table come as one line per row from the PDF reader.)"""
    out = []
    for k, (page, line) in enumerate(lines):
        m = _FIELD.match(line)
        if m:
            label = " ".join(m.group(1).lower().split())
            if len(label.split()) <= 7:
                out.append(FormField(label=label, value=m.group(2), page=page, text=line.strip()))
            continue
        label = " ".join(line.lower().split()).strip(" :")
        if not (0 < len(label.split()) <= 5) or re.search(r"[\d.!?,;]", label) or k + 1 >= len(lines):
            continue
        next_page, value = lines[k + 1]
        value = value.strip()
        if len(_split_cells(line)) >= 2:
            continue  # a table's header row ("Post  Kostnad  Herav egenandel"), not a label over its value
        if next_page != page or not value or _FIELD.match(value) or not _known_label(label):
            continue
        if k > 0 and lines[k - 1][0] == page and len(lines[k - 1][1].split()) >= 3 and _WRAPPED.search(lines[k - 1][1]):
            continue  # (an empty field shown as "-" is not a wrapped line)
        if (page, line) in headings or value.endswith((".", "!", "?", ":")) or len(value.split()) > 10:
            continue
        if _known_label(" ".join(value.lower().split()).strip(" :")):
            continue  # an empty field: the next line is the next label
        out.append(FormField(label=label, value=value, page=page, text=f"{line.strip()}: {value}"))
    return out


# a line that runs on to the next: it ends with a conjunction, a preposition or a dash
_WRAPPED = re.compile(r"(\b(og|eller|i|for|av|med|til|på|frå|fra)|[–,-])\s*$", re.I)


def _split_cells(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        return [c.strip() for c in s.strip("|").split("|")]
    if "\t" in s:
        return [c.strip() for c in s.split("\t") if c.strip()]
    return [c.strip() for c in re.split(r"\s{2,}", s) if c.strip()]


def _tables(doc: Document, lines: list[tuple[int, str]]) -> list[list[Row]]:
    """Tables: those the PDF ingest found, and runs of table-like text lines (2+ cells)."""
    tables: list[list[Row]] = []
    for page in doc.pages:
        for t in page.tables:
            rows = [[(c or "").strip() for c in r] for r in t.rows]
            if rows:
                header = rows[0]
                tables.append(_scaled([Row(cells=r, page=page.number, header=header, text="  ".join(r)) for r in rows]))
    run: list[Row] = []
    caption = ""
    for page, line in lines + [(0, "")]:
        cells = _split_cells(line) if line.strip() else []
        # A row label may hold a colon ("Dialogmøter: lokaler, mat  80 000  40 000"): two amounts make it a row.
        # Inside a run of rows, a label with a colon and the run's number of cells is a row too ("Dugnad: 400
        # frivillige timer à kr 400  160 000").
        tabular = len(cells) >= 2 and (not _FIELD.match(line) or line.strip().startswith("|")
                                       or sum(_BARE_CELL.match(c) is not None for c in cells[1:]) >= 2
                                       or (bool(run) and len(cells) == len(run[0].cells)
                                           and _BARE_CELL.match(cells[-1]) is not None))
        if tabular:
            run.append(Row(cells=cells, page=page, text=line.strip()))
            continue
        if len(run) >= 2:
            header = run[0].cells
            for r in run:
                r.header = header
                r.caption = caption
            tables.append(_scaled(run, before=caption, after=line.strip()))
        if run:
            caption = ""  # a caption is for the table right below it, not for the next one
        run = []
        if line.strip() and not re.fullmatch(r"[|\-\s:]+", line):
            caption = line.strip()
    return tables


def _scaled(table: list[Row], before: str = "", after: str = "") -> list[Row]:
    """The table with each column's scale: 1000 for a column whose header cell says it is in thousands ("Sum (1000
    kr)"), or for every column where the line over the table or the line right under it says so ("Budsjett (i 1000
    kr)", "Alle beløp er oppgitt i hele tusen kroner."); none where a cell holds a hundred thousand or more (the
    figures are then kroner)."""
    if any((a := parse_amount(c)) is not None and a >= 100_000 for r in table for c in r.cells[1:]):
        return table
    header = table[0].header or table[0].cells
    scales = [1000 if THOUSANDS_CELL.search(c) else 1 for c in header]
    # (not a line under the table that leads in to the next one: "Tabellen under viser ..., tallene i 1000 kr.")
    after = "" if re.search(r"\b(?:under|nedenfor|nedanfor|følgende|følgjande)\b|:\s*$", after, re.I) else after
    if 1000 not in scales and (THOUSANDS_CELL.search(before) or THOUSANDS.search(before) or THOUSANDS.search(after)):
        scales = [1000] * len(header)
    if 1000 in scales:
        for r in table:
            r.scales = scales
    return table


_TOTAL_HEAD = re.compile(r"^(sum|total|totalt|i alt|samlet|sum totalt|til sammen|sum prosjekt\w*)$", re.I)


def _row_total(row: Row) -> int | None:
    """The row's amount for the whole period: its total column if the table has one, else the sum of its cells."""
    # (a cell that is a year is a column's name, not a sum: "Egenandel Sandnes kommune | 2025 | 2026 | 2027")
    values = [(i, None if re.fullmatch(r"\s*(?:19|20)\d\d\s*", c) else row.amount(i)) for i, c in enumerate(row.cells)]
    numeric = [(i, v) for i, v in values if v is not None and i > 0]
    if not numeric:
        return None
    header = [h.strip().lower() for h in row.header]
    total_cols = [i for i, h in enumerate(header) if _TOTAL_HEAD.match(h)]
    for i in total_cols:
        if i < len(row.cells) and values[i][1] is not None:
            return values[i][1]
    # "2025", "2027 (jan.–juni)": a year's column
    year_cols = [i for i, h in enumerate(header) if re.fullmatch(r"(19|20)\d\d(\s*\([^)]*\))?", h)]
    if year_cols:
        vals = [values[i][1] for i in year_cols if i < len(values) and values[i][1] is not None]
        if vals:
            return sum(vals)
    # No header to go by: one amount is the amount; several are years.
    amounts = [v for _, v in numeric if not (1900 <= v <= 2100)]
    if not amounts:
        return None
    return sum(amounts) if len(amounts) > 1 else amounts[0]


# ----------------------------------------------------------------------------------------------
# Labels

_REQ_LABEL = re.compile(
    r"(søknadsbeløp|søknadssum|søkt beløp|søkt om|omsøkt|beløp (det )?søk|søkt tilskudd|tilskudd (det )?søkes|"
    r"søkt fra imdi|søker om|beløp søkt|totalt søkt|samlet søknadsbeløp|søknadsbeløp totalt|omsøkt beløp|"
    r"søkt sum|sum søkt|søkjer om|søkt)", re.I)
_OWN_LABEL = re.compile(
    r"(egenandel|eigenandel|eigendel|egeninnsats|eigeninnsats|egenfinansiering|eigenfinansiering|eget bidrag|eige bidrag|"
    r"kommunens bidrag|kommunens andel|fylkeskommunens bidrag|fylkeskommunens andel|bydelens bidrag|"
    r"\w+ kommunes bidrag|\w+ kommunes andel|\w+ fylkeskommunes bidrag|"
    r"bydelens andel|egne midler|kommunal andel|kommunalt bidrag|eigne midlar|kommunen sitt bidrag|"
    r"egen finansiering|egenfinansiert|kommunal medfinansiering|medfinansiering|"
    r"(?:kommunens|bydelens|fylkeskommunens|stiftelsens|foreningens|søkers|vår) (?:egen|eigen) innsats|\A(?:egen|eigen) innsats|"
    r"kommunal innsats|kommunens innsats|bydelens innsats|fylkeskommunal innsats|kommunal eigeninnsats)", re.I)
_PART_LABEL = re.compile(
    r"^((planlagt |forventet |forventa )?(antall|tal|talet på|tal på) ((deltak|deltag)\w*|personer som deltar|"
    r"personar som deltek)( (i|på) (tiltaket|prosjektet|tilbodet|tilbudet))?( (totalt|samlet|samla|i alt))?"
    r"( \((planlagt|anslag|anslått|antall|tal|ca\.?|forventet)\))?|deltakerantall|(antall|tal) personer i målgruppen|"
    r"deltak(?!\w*(stønad|avgift|lønn|løn|utgift|kostnad))\w*( \((antall|tal|planlagt|anslag)\))?|"
    r"deltag(?!\w*(stønad|avgift|lønn|løn|utgift|kostnad))\w*|målgruppe \(antall\))$", re.I)
_PERIOD_LABEL = re.compile(r"(prosjektperiode|periode|varighet|tidsrom|prosjektperiod|tidsperiode|prosjektets varighet|"
                           r"start(dato)?\s*[–-]\s*slutt(dato)?|oppstart\s*(og|[–-])\s*(avslutning|slutt))", re.I)
_APPLICANT_LABEL = re.compile(
    r"^(søker|søkar|søkjar|søkende (kommune|organisasjon|virksomhet)|søkerorganisasjon|tilskuddsmottaker|"
    r"tilskotsmottakar|ansvarlig søker|prosjekteier|prosjekteigar|søker \(organisasjon\)|organisasjon|"
    r"navn på søker|søkers navn|kommune|virksomhet|mottaker|søknaden gjelder|søkjande|virksomhetens navn|"
    r"organisasjonens navn|navn på (virksomhet|virksomheten|organisasjon|organisasjonen))"
    r"(\s*/\s*(kommune|bydel|fylkeskommune|organisasjon|virksomhet))*"  # "Kommune/bydel: Stange kommune"
    # "Søker (kommune/bydel)", "Søker (ansvarlig kommune)", "Søker (prosjektansvarlig)"; not "(kontaktperson)"
    r"( \(((ansvarlig|ansvarleg) )?(kommune|bydel|fylkeskommune|organisasjon|virksomhet|verksemd|vertskommune|"
    r"prosjektansvarlig|prosjektansvarleg|prosjekteier|prosjekteigar|juridisk enhet|juridisk eining)"
    r"(/(kommune|bydel|fylkeskommune|organisasjon|virksomhet|verksemd))*\))?$",
    re.I)


# ----------------------------------------------------------------------------------------------
# Applicant

_FYLKE = r"(?:Vestland|Rogaland|Nordland|Trøndelag|Innlandet|Agder|Troms|Finnmark|Troms og Finnmark|Møre og Romsdal|Vestfold|Telemark|Vestfold og Telemark|Buskerud|Akershus|Østfold|Viken|Oslo)"
_NAME = r"(?:St\.\s?)?[A-ZÆØÅ][\wæøåÆØÅ\-]+(?:[ \-](?:og|[A-ZÆØÅ][\wæøåÆØÅ\-]+))*"
_ORG_NAME = re.compile(
    rf"(?:(?:Oslo kommune,?\s*)?[Bb]ydel\s+{_NAME}(?:,\s*Oslo kommune)?|{_FYLKE} fylkeskommune|{_NAME} fylkeskommune|"
    rf"{_NAME} (?:kommune|herad|kommune v/ ?[\w ]+)|Oslo kommune(?: v/ ?[\w ]+)?)")


def applicant_type_of(name: str | None) -> str | None:
    if not name:
        return None
    low = name.lower()
    if re.search(r"\bbydel\b", low):
        return "bydel"
    if re.search(r"fylkeskommune\b|fylkeskommuna\b", low) or re.search(r"oslo kommune.*utdanningsetat", low):
        return "fylkeskommune"
    if re.search(r"\b(kommune|herad|kommuna)\b", low):
        return "kommune"
    return "other"


_ORG_WORD = re.compile(r"\b(kommune|fylkeskommune|bydel|herad|kommuna|fylkeskommuna)\b", re.I)
# Organisations a letterhead may name that a title may mention too: only on a line that is not a phrase.
_TITLE_ORG_WORDS = r"universitet|universitetet|høgskole|høgskolen|høgskule|høgskulen|helseforetak|sykehus|sjukehus|\w*sykehuset"
_OTHER_ORG = re.compile(r"\b(AS|ASA|SA|BA|HF|DPS|IKS)\b|\b((?i:forening|foreningen|idrettslag|idrettsklubb|klubb|stiftelse|stiftelsen|"
                        r"organisasjon|organisasjonen|lag|senter|senteret|trossamfunn|menighet|forbund|idrettsråd|"
                        r"regionråd\w*|\w+rådet|politiske? råd|"
                        rf"frivillig(?:hets)?sentral(?:en)?|\w+foreningen?|{_TITLE_ORG_WORDS}))\b")
_NEW_ORG = re.compile(rf"\b(HF|DPS)\b|(?i:{_TITLE_ORG_WORDS}|idrettsråd)", re.I)
# A public school is a unit of its county or municipality: it is the sender only when the letterhead names no owner.
_SCHOOL = re.compile(r"^[A-ZÆØÅ][\wæøå.-]*(?:\s+[A-ZÆØÅ][\wæøå.-]*)*\s+(videregående skole|vidaregåande skule|vgs|"
                     r"skole|skule)$")
# A letterhead names an organisation; a title or heading line is a phrase ("Samarbeid med sykehuset").
_PHRASE = re.compile(r"\b(med|om|til|for|av|mot|i samarbeid|gjennom|blant|hos)\b", re.I)
# "Fjellkompetanse AS, i samarbeid med Vågå kommune": the partner after the applicant is not the applicant
_WITH_PARTNER = re.compile(r",?\s+(?:i (?:tett |nært |nær )?samarbeid med|sammen med)\s.*$", re.I)


# Words that head a table row or a field, not a name: "Egenandel Nordland fylkeskommune" is Nordland fylkeskommune.
_ROW_HEAD = re.compile(r"^(?:(?:egenandel|eigendel|eigenandel|tilskudd|tilskot|søker|søkjar|sum|regnskap|rekneskap|"
                       r"budsjett|bidrag|andel|innbetaling|refusjon|fra|frå)\s+)+", re.I)


def _clean_name(value: str) -> str:
    value = _WITH_PARTNER.sub("", _ROW_HEAD.sub("", value.strip()))
    value = re.sub(r"\s*\((org\.?\s*nr|organisasjonsnummer)[^)]*\)", "", value, flags=re.I)
    # "(NMBU)" is part of the name; "(avdeling ...)" is not
    value = re.split(r"\s+[–/-]\s+|;|\s{2,}|\s*\((?![A-ZÆØÅ]{2,6}\))", value)[0].strip(" .,")
    parts = [p.strip() for p in value.split(",")]
    # "Innlandet fylkeskommune, Opplæring og ..." -> the organisation; "Oslo kommune, bydel Alna" stays whole
    keep = 1
    for i, part in enumerate(parts):
        if _ORG_WORD.search(part):
            keep = i + 1
    return ", ".join(parts[:keep]).strip(" .,")


_SENDER = re.compile(r"^((?:[A-ZÆØÅ][\wæøåÆØÅ\-]*|og|i|for|på)(?:\s+(?:[A-ZÆØÅ][\wæøåÆØÅ\-]*|og|i|for|på)){0,6})"
                     r"\s+(?:søker|søkjer)\s+(?:herved\s+|med dette\s+|på vegne\s+|hermed\s+)?(?:om|på|IMDi|tilskudd)")


def _applicant(fields: list[FormField], lines: list[tuple[int, str]]) -> tuple[str | None, int | None, str | None]:
    for f in fields:
        # a name has letters: "kommune" / "110 000" is a table cell split over two lines, not a field
        # nor is a value that is itself a label ("Kommune: Antall deltakere", a table's header row)
        if _APPLICANT_LABEL.match(f.label) and re.search(r"[A-Za-zÆØÅæøå]{2}", f.value) \
                and not _known_label(" ".join(f.value.lower().split())):
            return _clean_name(f.value), f.page, f.text
    # A letter: the sender's block in the first lines (a bydel before its "Oslo kommune").
    head = [(p, ln.strip()) for p, ln in lines[:14] if ln.strip()]
    orgs = []
    for k, (page, line) in enumerate(head):
        if _FIELD.match(line) or len(line) > 70 or re.match(r"^(søknad|til\b|integrerings|imdi|postboks|\d)", line, re.I):
            continue
        if k and re.match(r"(søknad|søknaden|rapport|årsrapport|sluttrapport|regnskap)\b", head[k - 1][1], re.I) \
                and re.search(r"\b(med|og|for|til|hos)$", head[k - 1][1], re.I):
            continue  # the end of a wrapped title ("Søknad ... i samarbeid med" / "Grenland Grønt SA"), not a sender
        m = _ORG_NAME.fullmatch(line.strip(" ,."))
        if m:
            orgs.append((_ROW_HEAD.sub("", m.group(0)), page, line))
        elif (_OTHER_ORG.search(line) and not (_NEW_ORG.search(line) and _PHRASE.search(line)) or _SCHOOL.search(line)) \
                and not line.endswith(".") \
                and 2 <= len(line.split()) <= 8:  # not "Organisasjon"
            orgs.append((line.strip(" ,."), page, line))
    bydel = [o for o in orgs if re.match(r"bydel\b", o[0], re.I)]
    if bydel:
        return bydel[0]
    owners = [o for o in orgs if _ORG_WORD.search(o[0])]
    if orgs and _SCHOOL.search(orgs[0][0]) and owners:
        orgs = owners
    if orgs:
        return _clean_name(orgs[0][0]), orgs[0][1], orgs[0][2]
    # a memo's "Fra: Hitra kommune, enhet for kultur og inkludering" in the first lines (not "Fra: Kari
    # Nordmann <kari@x.kommune.no>", nor an attached letter's sender further down)
    first = {ln.strip() for _, ln in lines[:14]}
    for f in fields:
        if re.fullmatch(r"fra|frå", f.label.strip(), re.I) and f.text.strip() in first:
            m = _ORG_NAME.match(f.value.strip())
            if m:
                return _clean_name(re.split(r",?\s+v/", m.group(0))[0]), f.page, f.text
    for page, line in lines[:80]:
        for part in re.split(r"(?<=[.!?])\s+", line):
            m = _SENDER.match(part.strip())
            if m and (_ORG_WORD.search(m.group(1)) or _OTHER_ORG.search(m.group(1))):
                return _clean_name(m.group(1)), page, line
    for page, line in lines[:60]:
        for m in _ORG_NAME.finditer(line):
            tail = line[m.end():m.end() + 60].lower()
            # "X kommune søker ...", a line that starts with the name, or a title ending in it ("Regnskap – X kommune")
            if (re.match(r"\s*(,[^.]*?)?\s*(ved [^.]*?)?\s*(søker|søkjer|har|vil|ønsker)", tail) or m.start() == 0
                    or (re.search(r"\S\s+–\s*$", line[:m.start()]) and not tail.strip())):
                return _ROW_HEAD.sub("", m.group(0)), page, line
    for page, line in lines[:60]:
        m = _ORG_NAME.search(line)
        if m:
            return _ROW_HEAD.sub("", m.group(0)), page, line
    return None, None, None


# ----------------------------------------------------------------------------------------------
# Participants

_STRONG_NOUN = re.compile(r"^(deltak\w*|deltag\w*|introdeltak\w*|kursdeltak\w*|praksisdeltak\w*)$", re.I)
_PEOPLE_NOUN = re.compile(
    r"^(kvinner|kvinnene|menn|mennene|ungdommer|ungdommene|unge|personer|innvandrere|innvandrerne|innvandrarar|"
    r"flyktninger|flyktningene|flyktningar|elever|elevene|lærlinger|lærlingene|lærlingar|lærekandidater|"
    r"kandidater|kandidatene|kandidatar|arbeidsinnvandrere|arbeidsinnvandrerne|arbeidsinnvandrarar|familier|"
    r"voksne|vaksne|mødre|fedre|foreldre|brukere|arbeidstakere|arbeidstakarar|jobbsøkere|praksiskandidater|"
    r"nyankomne|beboere|husstander|familiemedlemmer|barn|plasser|lærlingplasser|kursplasser|leietakere|leigetakarar|"
    r"familiar|familiane|born|borna|ungdomar|ungdommar|personar|elevar|elevane|kvinnene|lærlingane|kandidatane)$", re.I)
# Counted only where the sentence says they take part ("30 ansatte deltar i opplæringen").
_WEAK_NOUN = re.compile(
    r"^(ansatte|tilsette|medarbeidere|ledere|leiarar|trenere|utleiere|ambassadører|\w+ambassadører|\w*agenter|"
    r"innbyggere|innbyggjarar|lagledere|frivillige|assistenter)$", re.I)
_NUMWORD = (r"(?:(?:tjue|tretti|tredve|førti|femti|seksti|sytti|åtti|nitti)(?:en|én|to|tre|fire|fem|seks|sju|syv|åtte|ni)?|"
            r"to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|tretten|fjorten|femten|seksten|sytten|atten|nitten|"
            r"hundre|hundrede|dusin)")
_NUM_RX = rf"(\d{{1,3}}(?:[ \u00a0]\d{{3}})+|\d{{1,5}}|(?i:{_NUMWORD})\b)"
_RANGE = re.compile(
    rf"(?:(minst|minimum|inntil|opptil|om lag|omlag|ca\.?|cirka|rundt|totalt|til sammen|i alt|samlet|over|maks|maksimalt)\s+)?"
    rf"{_NUM_RX}(?:\s*(?:[-–]|til)\s*{_NUM_RX})?\s+(?:[a-zæøå]+e\s+){{0,2}}?([a-zæøåA-ZÆØÅ]+)", re.I)
_BETWEEN = re.compile(rf"\bmellom\s+(\d{{1,4}}|{_NUMWORD})\s+og\s+(\d{{1,4}}|{_NUMWORD})\b(?=\s+[a-zæøå])", re.I)
_GROUPS = re.compile(rf"{_NUM_RX}\s+(?:grupper|kull|puljer|klasser|hold)(?:\s+(?:i|på|ved)\s+(?-i:[A-ZÆØÅ])[\wæøå\-]+)?"
                     rf"\s+(?:à|a|med|på)\s+{_NUM_RX}", re.I)
_TOTAL_BEFORE = re.compile(r"(totalt|til sammen|i alt|samlet|til saman|i alt)\W*(\w+\W+){0,4}$", re.I)
# "12 deltakere totalt: ti kvinner starter i august ...": the total word is the count's before it, not the next one's
_TOTAL_AFTER = re.compile(r"^\s*(totalt|til sammen|til saman|i alt)\b", re.I)
_PER_AFTER = re.compile(r"^\W*(\w+\W+){0,3}?(om gangen|per (år|kull|gruppe|klasse|semester|pulje|runde|møte|kurs|samling)|"
                        r"hver(?=\W)|kvar(?=\W)|"  # "Mestringsgruppene har plass til 8 deltakere hver"
                        r"i hvert( kull)?|hvert (år|kull|semester|skoleår)|i året|per kull|pr\.? (år|kull|møte|kurs)|"
                        r"på (hvert|kvart|kvar) (møte|kurs|samling)|i (kvart|kvar) (kull|år))", re.I)
# "om lag 160 deltakarar i prosjektperioden": the count for the whole period
_PERIOD_AFTER = re.compile(r"^\W*(\w+\W+){0,3}?(i (hele )?prosjektperioden|gjennom (hele |heile )?prosjektperioden|"
                           r"i løpet av (hele )?(prosjekt)?perioden|i heile prosjektperioden|over (hele )?perioden)", re.I)
_GROUPS_EACH = re.compile(rf"{_NUM_RX}\s+(?:\w*grupper|kull|puljer|klasser|hold)\b[^.]{{0,60}}?\b{_NUM_RX}(?:\s*[-–]\s*\d{{1,3}})?\s+"
                          r"(?:deltak\w*|deltag\w*|elever|kvinner|personer)\s+(?:i|på)\s+(?:hvert|hver|kvart|kvar)\b", re.I)
# "fire grupper i løpet av prosjektperioden, hver med 6–8 deltakere": the groups times the lower bound
_GROUPS_WITH_EACH = re.compile(rf"{_NUM_RX}\s+(?:grupper|kull|puljer|klasser|hold)\b[^.]{{0,60}}?,?\s+(?:hver|hvert|kvar|kvart)\s+"
                               rf"(?:med|på)\s+(?:minst\s+|inntil\s+|om lag\s+|ca\.?\s+|rundt\s+)?{_NUM_RX}"
                               r"(?:\s*[-–]\s*\d{1,3})?\s+(?:deltak\w*|deltag\w*|elever|elevar|kvinner|personer|personar)\b", re.I)
# places that each take some ("Ti bedrifter har sagt ja til å ta imot to deltakere hver", "Fem kommuner rekrutterer fire
# kandidater hver"): the places times each one's count
_EACH_TAKES = re.compile(rf"{_NUM_RX}\s+(?:\w*bedrifter|arbeidsgivere|arbeidsgjevarar|kommuner|kommunar|skoler|skular|"
                         rf"barnehager|barnehagar|virksomheter|verksemder|enheter|einingar)\b[^.]{{0,90}}?\b{_NUM_RX}\s+"
                         r"(?:deltak\w*|deltag\w*|kandidat\w*|personer|personar|kvinner)\s+(?:hver|kvar|hver for seg|kvar for seg)\b",
                         re.I)
# a count for one group ("I hvert elevpanel blir det 8–12 elever"), and a count for all of them ("mellom 30 og 40 elever
# deltar i elevpanelene samlet")
_EACH_GROUP_BEFORE = re.compile(r"\b(?:i hvert|i hver|i kvart|i kvar|per|pr\.?)\s+[a-zæøå]+\b[^,.;:]{0,25}$", re.I)
_ALL_AFTER = re.compile(r"^[^,.;:]{0,40}?\b(?:samlet|samla|til sammen|til saman|totalt|i alt)\b", re.I)
# the long run, beyond the project ("Målgruppen på sikt er alle som deltar i ansettelsesprosesser")
_LONG_RUN = re.compile(r"\bpå sikt\b|\better prosjekt(?:slutt|perioden|et)\b", re.I)
_PAST_WORDS = re.compile(r"\b(gjennomførte|gjennomførde|hadde|hadde vi|deltok|fullførte|fullført|fikk|bosatte|bosatt|"
                         r"tidligere|i fjor|avsluttet|avslutta|var med|ledet|leia|har hatt|i dag|har i dag|har rundt|"
                         r"har om lag|har cirka|har over|leidde|fekk|tok|var|deltok|gjennomført|hatt|"
                         # ("har tatt fagbrev"; not "har tatt høyde for 12 deltakere")
                         r"har tatt(?!\s+(?:høyde|hensyn))|har teke(?!\s+(?:høgd|omsyn)))\b",
                         re.I)
# A year before the call's (2025): a period that names one is an earlier one
_BEFORE_CALL = re.compile(r"\b20(0\d|1\d|2[0-4])\b")
# what will be done, an adverb or two between ("blir gjennomført med to kull", "blir difor gjennomført")
_WILL_BE = re.compile(r"\b(?:blir|vert|bli)\s+(?:\w+\s+){0,2}$", re.I)


class _Past:
    """Words that tell the past ("gjennomførte", "hadde", "tidligere"); "gjennomført" only where it is not what will
    be done ("blir gjennomført", "vert difor gjennomført")."""

    @staticmethod
    def search(text: str) -> re.Match | None:
        for m in _PAST_WORDS.finditer(text):
            if m.group(0).lower() == "gjennomført" and _WILL_BE.search(text[:m.start()]):
                continue
            return m
        return None


_PAST = _Past()
_PLAN = re.compile(r"\b(regner med|reknar med|planlegger|planlagt|skal|vil|tar inn|tek inn|rekrutter\w*|inntak|"
                   r"deltar|deltek|målgruppe\w*|plass(er)? til|beregnet|tar sikte|venter|forventer|starter|startar|"
                   r"omfatter|gjelder|nå)\b", re.I)
_TAKE_PART = re.compile(r"\b(delta\w*|deltek|med i|lære opp|læres opp|opplæring|opplæringa|kurs|kurset|nettverk av|"
                        r"kull|samlinger|samlingar|\w+samling\w*|utdann\w*|invitert|inviteres|inviterast|"
                        r"(pilot|ressurs|kurs|lærings)?grupp(e|a|en) (på|med))\b", re.I)


# staff in the project's own bodies ("Seks ansatte i flyktningtjenesten og HR deltar i prosjektgruppen", "Ti ansatte
# ... deltar i arbeidsgruppen som planlegger møtene"): they run the project, they do not take part in it
_STAFF_GROUP = re.compile(r"\b(?:deltar|deltek|sitter|sit|er med)\s+i\s+(?:\w+\s+){0,2}?(?:prosjekt|arbeids|styrings|referanse|"
                          r"koordinerings|planleggings)grupp\w*", re.I)


def _num(tok: str | None) -> int | None:
    if tok is None:
        return None
    t = tok.replace("\u00a0", " ")
    if re.fullmatch(r"\d{1,3}(?: \d{3})+|\d+", t):
        return int(t.replace(" ", ""))
    return number_word_value(t)


_POPULATION = re.compile(r"\b(bor|bur|bodde|budde|bosatt|bosette\w*|bosatte|busett\w*|innbyggere med|har rundt|"
                         r"har om lag|har over|tar hvert år|tek kvart år|kommer hvert år|har hvert år|har kvart år|tatt imot|tok imot)\b", re.I)


def _noun_class(noun: str, sentence: str, *, in_field: bool = False) -> float | None:
    if _STRONG_NOUN.match(noun):
        return 3.0
    if _PEOPLE_NOUN.match(noun):
        if noun.lower() in ("plasser", "lærlingplasser", "kursplasser"):
            return 1.5
        return 2.0
    if _WEAK_NOUN.match(noun) and (in_field or (_TAKE_PART.search(sentence) and not _STAFF_GROUP.search(sentence))):
        return 0.8 if not in_field else 2.0
    return None


def _people_after(rest: str) -> bool:
    """What follows "tre grupper à 8": nothing, a range's end, or people ("elever", "deltakere", "kvinner")."""
    w = re.match(r"\s*(?:[–-]\s*\d+\s*)?([a-zæøåA-ZÆØÅ]+)?", rest).group(1)
    return (not w or bool(_STRONG_NOUN.match(w) or _PEOPLE_NOUN.match(w) or _WEAK_NOUN.match(w))
            or w.lower() in ("i", "og", "hver", "hvert", "kvar", "per", "pr", "som", "fra", "frå", "på", "om", "til"))


# A count with its noun left out after "og" / a comma: "og seks i Måløy", "og fire som har avslutta", "med seks nye"
_ELIDED = re.compile(rf"(?:,\s*(?:og\s+)?|\s+og\s+)(?:[a-zæøå ]{{0,50}}?\bmed\s+)?{_NUM_RX}\s+"
                     r"(?=(?:nye|nya|i|på|mot|som|til|fra|frå|ved|innan|innen)\b)", re.I)
_NOT_EXACT = ("minst", "minimum", "inntil", "opptil", "over", "maks", "maksimalt")


_GROUP_IS = re.compile(r"\b(gruppa|gruppen|gruppene|kullet|klassen)\s+(?:då\s+|da\s+|nå\s+|vil\s+|skal\s+)?"
                       r"(?:er|blir|vert|vere|være)\s+på\s+(\d{1,3}|[a-zæøå]+)\b(?!\s*(?:%|prosent|timer|timar|uker|veker))",
                       re.I)


_GROWS_TO = re.compile(rf"\b(?:utvider|utvidar|utvides|utvidast|utvidet|øker|aukar|økes|aukast)\s+"
                       rf"(?:vi\s+|me\s+)?(?:(?:gruppa|gruppen|kullet|klassen|antallet|talet|tallet)\s+"
                       rf"(?:(?:på|av)\s+)?(?:deltak\w+\s+|deltag\w+\s+)?)?(?:med\s+\w+\s+|fra\s+\d{{1,3}}\s+|frå\s+\d{{1,3}}\s+)?"
                       rf"til\s+{_NUM_RX}(?![ \u00a0]?\d)", re.I)
# what may follow the grown count: people, or nothing that names other things ("til 14, når ...", "til 12 fra januar")
_AFTER_GROWN = re.compile(r"\s*(?:[,.;:)]|$|(?:fra|frå|i|når|etter|og|fordi)\b)", re.I)


def _participants_noun_near(text: str) -> bool:
    """``text`` (what follows a count) begins with people ("12 deltakere", "16 plasser")."""
    w = re.match(r"\s*([a-zæøåA-ZÆØÅ]+)", text)
    return bool(w and (_STRONG_NOUN.match(w.group(1)) or _PEOPLE_NOUN.match(w.group(1))))


def _participants_in(text: str, *, in_field: bool = False) -> list[tuple[int, int, str, str, float]]:
    """(value, position, qualifier, noun, score) for every "N deltakere"-like phrase in ``text``."""
    out = []
    # "mellom 12 og 16 deltakere" is the range "12–16" (the same length, so positions hold)
    text = _BETWEEN.sub(lambda m: f"{m.group(1)}–{m.group(2)}".rjust(len(m.group(0))), text)
    ranges = list(_RANGE.finditer(text))  # read again below for counts with the noun left out
    for m in ranges:
        qual, a, noun = m.group(1), m.group(2), m.group(4)
        va = _num(a)
        if va is None or va <= 1 or va > 100000:
            continue
        if a.isdigit() and len(a) == 4 and 1900 <= va <= 2100:
            continue
        cls = _noun_class(noun, text, in_field=in_field)
        if cls is None:
            # "ca. 25 faste deltakere": the word after one or two adjectives
            following = re.findall(r"[a-zæøåA-ZÆØÅ]+", text[m.end():m.end() + 40])[:2]
            if re.fullmatch(r"[a-zæøå]+e", noun):
                for word in following:
                    # only participants and people ("faste deltakere", "unge kvinner"), not staff or landlords
                    strong = _STRONG_NOUN.match(word) or _PEOPLE_NOUN.match(word)
                    cls = _noun_class(word, text, in_field=in_field) if strong else None
                    if cls is not None:
                        noun = word
                        break
                    if not re.fullmatch(r"[a-zæøå]+e", word):
                        break
        if cls is None and re.match(r"\s*av\s+(?:dem|disse|dei|desse)\s+(?:\w+\s+)?(?:deltar|deltek|får|skal|vil)\b",
                                    text[m.end(2) if not m.group(3) else m.end(3):]) \
                and not any(_STRONG_NOUN.match(r.group(4)) or _PEOPLE_NOUN.match(r.group(4))
                            for r in ranges if r.start() < m.start()):
            # "mellom 180 og 220 av dem deltar i dialogverkstedene" (of the staff named before); not a part of the
            # people the sentence has counted ("300–400 personer ..., og at rundt 60 av dem vil delta fast")
            cls, noun = 2.0, "deltakere"
        if cls is None:
            continue
        before = text[max(0, m.start() - 14):m.start()].lower()
        if re.search(r"(per|pr\.?|hver|kr|nok|§|nr\.?|av)\s*$", before) and \
                not re.search(r"(nettverk|gruppe|gruppa|team|pool|stab|bestå|består|beståande|samansett) av\s*$",
                              before):
            # "per deltaker", "14 av 17 deltakere" (a share); not "et nettverk av 20 ambassadører", "Kullet skal
            # bestå av fjorten deltakere"
            continue
        if re.match(r"\s*%", text[m.end(2):m.end(2) + 3]):
            continue
        score = cls
        low_before = text[max(0, m.start() - 60):m.start()]
        total_before = _TOTAL_BEFORE.search(low_before)
        if total_before and re.search(rf"{_NUM_RX}\s+[a-zæøåA-ZÆØÅ]+\s*$", low_before[:total_before.start()]):
            total_before = None  # "12 deltakere totalt: ti kvinner ...": the total is the 12's
        if (qual or "").lower() in ("totalt", "til sammen", "i alt", "samlet") or total_before \
                or _TOTAL_AFTER.match(text[m.end():m.end() + 20]):
            score += 1.5
        if _EACH_GROUP_BEFORE.search(text[max(0, m.start() - 50):m.start()]):
            score -= 1.0
        elif _ALL_AFTER.match(text[m.end():m.end() + 45]) and not _TOTAL_AFTER.match(text[m.end():m.end() + 20]):
            score += 1.0
        tail = text[m.end():m.end() + 40]
        # ("minst 12 deltakere, seks i hvert spor": the count per track is the next one, not this)
        if _PER_AFTER.match(tail) and not re.match(rf"\s*,\s*(?:og\s+)?{_NUM_RX}\s", tail):
            score -= 1.5 if re.match(r"\s*(?:hver|kvar)\b", tail, re.I) else 1.0  # (one group's: "8 deltakere hver")
        elif _PERIOD_AFTER.match(text[m.end():m.end() + 50]):
            score += 1.0
        out.append((va, m.start(), (qual or "").lower(), noun.lower(), score))
    # what the group comes to once it has grown ("tek inn fire nye i januar 2026, slik at gruppa då er på 16",
    # "Vi starter med 10 deltakere i august 2025 og utvider til 12 fra januar 2026"; a bare "Fra januar 2026 utvider
    # vi til 14" after a sentence that counts the first group: see _participants)
    for m in _GROUP_IS.finditer(text):
        n = _num(m.group(2))
        if n and 1 < n < 1000:
            out.append((n, m.start(), "", "gruppe", 3.5))
    for m in _GROWS_TO.finditer(text):
        n = _num(m.group(1))
        if n and 1 < n < 1000:
            after = text[m.end():m.end() + 30]
            if _participants_noun_near(after):
                out.append((n, m.start(), "", "gruppe", 4.0))
            elif _AFTER_GROWN.match(after):
                # a bare count: the group's when the sentence counts people before it, else see _counted
                people = bool(re.search(r"\b(deltak|deltag)\w*", text[:m.start()], re.I))
                out.append((n, m.start(), "", "gruppe" if people else "vekst", 4.0))
    # "fire grupper à 8–10 elever", "to kull, ett i 2026 og ett i 2027, med 14 deltakere i hvert": a total
    for rx in (_GROUPS, _GROUPS_EACH, _GROUPS_WITH_EACH, _EACH_TAKES):
        for m in rx.finditer(text):
            if rx is _GROUPS and not _people_after(text[m.end():]):
                continue  # "tre grupper med 10 treff / kurskvelder / leksjoner": not people
            n, k = _num(m.group(1)), _num(m.group(2))
            if n and k and 1 < n < 50 and 1 < k < 1000:
                # "samlet 2 kull med 12 deltakere i hvert": the total is the groups', not the 12's
                total = 1.5 if _TOTAL_BEFORE.search(text[max(0, m.start() - 60):m.start()]) else 0.0
                out.append((n * k, m.start(), "", "grupper", 3.2 + total))
    # "ni deltakarar på Florø og seks i Måløy", "sju deltakarar ..., og andre pulje startar i januar med seks nye":
    # one count of people, then more of the same with the noun left out, added up
    for m in ranges:
        first = _num(m.group(2))
        if (first is None or not 1 < first < 1000 or m.group(3) or (m.group(1) or "").lower() in _NOT_EXACT
                or not (_STRONG_NOUN.match(m.group(4)) or _PEOPLE_NOUN.match(m.group(4)))
                or re.search(r"(per|pr\.?|hver|av)\s*$", text[max(0, m.start() - 14):m.start()], re.I)):
            continue
        total, pos, parts, comma_first = first, m.end(), 1, False
        while True:
            e = _ELIDED.search(text, pos)
            # no other number between them but a year ("8 deltakere i første kull høsten 2025 og 8 i andre")
            if not e or re.search(r"\d|[.;:]", YEAR_WORD.sub("", text[pos:e.start()])) \
                    or e.start() - pos > 120:
                break
            n = _num(e.group(1))
            after = text[e.end():e.end() + 40]
            # "14 deltakarar, sju i kvar runde" splits the count; "og 30 nye plasser" counts something else;
            # "12 i arbeid", "6 som har fått fast jobb" are outcomes
            if (not n or n > 1000 or re.match(r"(i|på)\s+(kvar|kvart|hver|hvert|hvar|begge|alle)\b", after, re.I)
                    or re.match(r"ny[ea]\s+(?!deltak|deltag)[a-zæøå]", after, re.I)
                    or re.match(r"(i|til|over i|inn i)\s+(arbeid|jobb|utdanning|fast|ordinær)\b|som\s+(har\s+|hadde\s+)?"
                                r"(fått|fikk|fekk|gått|gikk|gjekk|begynt|begynte|kommet|kom)\b[^.,]{0,20}\b(jobb|arbeid|"
                                r"utdanning|stilling)", after, re.I)):
                break
            if parts == 1:
                comma_first = e.group(0).lstrip().startswith(",") and "og" not in e.group(0)
            total, pos, parts = total + n, e.end(), parts + 1
        # "tolv voksne innvandrere, seks i helsearbeiderfaget og seks i barne- og ungdomsarbeiderfaget": the
        # parts after the first add up to it, a breakdown of it
        if parts > 2 and total - first == first:
            continue
        # "18 deltakere, 12 i ... og 3 i ...": after a comma, parts no more than the count are a breakdown of it
        if parts > 1 and comma_first and total - first <= first:
            continue
        if parts > 1 and not _PER_AFTER.match(text[m.end():m.end() + 40]):
            out.append((total, m.start(), "", m.group(4).lower(), _noun_class(m.group(4), text) + 0.4))
    # "til sammen 24." after a sentence that counts participants
    m = re.search(r"(til sammen|totalt|i alt|til saman)\s+(?:(?:minst|om lag|rundt|ca\.?|cirka)\s+)?(\d{1,5})\b"
                  r"(?![ \u00a0.]\d{3}\b)(?!\s*(%|kr|prosent|000|timer|timar|uker|veker|år|\w*dager|\w*dagar|måneder|"
                  r"månader|mnd))", text, re.I)
    if m and re.search(r"deltak|deltag|kvinner|elever|personer", text, re.I):
        out.append((int(m.group(2)), m.start(), "totalt", "deltakere", 4.3))
    # "40 ledere og 15 kandidater": one count of two groups
    for m in re.finditer(rf"{_NUM_RX}\s+([a-zæøå]+)\s+og\s+(?:minst\s+)?{_NUM_RX}\s+([a-zæøå]+)(?:\s+([a-zæøå]+))?", text, re.I):
        a, n1, b = _num(m.group(1)), m.group(2), _num(m.group(3))
        c1 = _noun_class(n1, text, in_field=in_field)
        n2 = m.group(4)
        c2 = _noun_class(n2, text, in_field=in_field)
        if c2 is None and m.group(5):
            n2 = m.group(5)
            c2 = _noun_class(n2, text, in_field=in_field)
        if a and b and c1 is not None and c2 is not None and a < 10000 and b < 10000:
            out.append((a + b, m.start(), "", n2.lower(), max(c1, c2) + 0.3))
    for m in _OF_THE.finditer(text):
        n = _num(m.group(1))
        if n and 1 < n < 1000 and not any(c[0] == n for c in out):
            out.append((n, m.start(1), "", "deltakere", 2.6))
    return out


def _participants_from_field(value: str) -> int | None:
    v = value.strip()
    if re.match(r"\d", v):
        # "8 (i tillegg får 25 ansatte opplæring)": an aside on others is not the count ("12 per år (to kull)" is)
        v = re.sub(r"\((?:i tillegg|i tillegg til|pluss|samt|utenom|utanom)\b[^)]*\)", " ", v, flags=re.I).strip()
    if re.match(r"(se|sjå|jf\.?|viser til|sjaa)\b", v, re.I):
        return None  # "se punkt 3": a reference to where the count is, not a count
    lead = re.match(r"(\d{1,4})\s*\(([^)]*)\)\s*\.?$", v)
    if lead and not re.search(r"\b(?:per|pr\.?|i hvert|i kvart|hvert|kvart)\b|\+", lead.group(2), re.I):
        return int(lead.group(1))  # "40 (14 familier, voksne og barn)": the count, and what it is made of
    # "to kull, se pkt. 4", "4 skoler, se målgruppe": the reference goes, and what is left counts groups or places
    # with no people in them: the text has the count
    v = re.sub(r"[,;(]?\s*\b(?:se|sjå|jf\.?|viser til)\s+(?:pkt\.?|punkt|kap\.?|kapittel|avsnitt|del|under|nedanfor|"
               r"nedenfor|beskrivelse\w*|skildring\w*|målgruppe\w*)\b.*$", "", v, flags=re.I).strip() or v
    if re.fullmatch(rf"{_NUM_RX}\s+(?:kull|grupper|puljer|klasser|hold|skoler|skular|skolar|enheter|einingar|"
                    r"kommuner|kommunar|bedrifter|verksemder)\s*\.?", v, re.I):
        return None
    # "8 + 8", "12 + 14 (to opptak)" (two intakes, groups or years): the counts added up
    m = re.fullmatch(r"(\d{1,4}(?:\s*\+\s*\d{1,4})+)\s*(?:deltak\w*|deltag\w*|personer|kvinner)?\s*\.?",
                     re.sub(r"\s*\((?:to|tre|fire|fem|\d)\s+(?:opptak|kull|grupper|puljer|inntak|år)\)\s*\.?$", "", v, flags=re.I),
                     re.I)
    if m:
        return sum(int(n) for n in re.findall(r"\d+", m.group(1)))
    # "minst 10 hvert år, til sammen minst 20": the total the field gives
    m = re.search(r"\b(til sammen|til saman|totalt|i alt|samlet|samla)\s+(?:(?:minst|om lag|ca\.?|cirka|rundt)\s+)?"
                  r"(\d{1,5})\b(?!\s*(%|kr|prosent|000|timer|timar|uker|veker|år|kull|grupper|grupper|puljer|samlinger|"
                  r"samlingar|møter|kurs))", v, re.I)
    if m:
        return int(m.group(2))
    # "10 i 2025/26 og 10 i 2026/27": one count per year or intake, added up
    per_year = re.findall(r"(\d{1,4})\s+(?:i|for)\s+(?:20\d\d(?:/\d\d)?|høsten|våren|[a-zæøå]+ kull)", v, re.I)
    if len(per_year) >= 2 and re.search(r"\bog\b", v):
        return sum(int(n) for n in per_year)
    m = re.search(r"(\d{1,5})\s*(?:per|pr\.?|i hvert)\s*(kull|gruppe|pulje|år)\D{0,10}?(\d{1,2}|[a-zæøå]+)\s+(kull|grupper|puljer|år)", v, re.I)
    if m and _num(m.group(3)):
        return int(m.group(1)) * _num(m.group(3))
    # "2 kull x 12", "to grupper à 8": the groups times each one's count
    m = re.fullmatch(r"(\d{1,2}|[a-zæøå]+)\s+(?:kull|grupper|puljer|hold|klasser)\s*(?:x|×|à|a|á|med)\s*(\d{1,4})"
                     r"(?:\s+(?:deltak\w*|deltag\w*|personer|kvinner|i\s+hvert|i\s+kvart|per\s+kull))?\s*\.?", v, re.I)
    if m and _num(m.group(1)):
        return _num(m.group(1)) * int(m.group(2))
    cands = _participants_in(v, in_field=True)
    if cands:
        return max(cands, key=lambda c: (c[4], c[0]))[0]
    m = re.search(r"(\d{1,3}(?:[ \u00a0]\d{3})+|\d{1,5})", v)
    if m and not (len(m.group(1)) == 4 and 1900 <= int(m.group(1)) <= 2100):  # a year is not a count
        return _num(m.group(1))
    for tok in re.findall(r"[a-zæøå]+", v.lower()):
        n = number_word_value(tok)
        if n:
            return n
    return None


def planned_counts(sentences: list[Sentence]) -> list[int]:
    """Every count of participants the running text plans for ("Første kull starter med 12 deltakere", "Fra
    januar 2026 utvider vi til 16 plasser"), not counts of the past or of the population, nor budget lines."""
    out = []
    for idx, s in enumerate(sentences):
        text = s.text
        if re.search(r"\b\d{1,3} \d{3}\b", text) or _POPULATION.search(text) or _PAST.search(text):
            continue
        out += [value for value, _pos, _qual, _noun, score in _counted(sentences, idx) if score >= 1.5]
    return out


def _counted(sentences: list[Sentence], idx: int) -> list[tuple[int, int, str, str, float]]:
    """The counts of people in sentence ``idx``; a bare "Fra januar 2026 utvider vi til 14" only right after a
    sentence that counts the group."""
    found = _participants_in(sentences[idx].text)
    if any(c[3] == "vekst" for c in found) and not (
            idx > 0 and any(c[3] != "vekst" for c in _participants_in(sentences[idx - 1].text))):
        found = [c for c in found if c[3] != "vekst"]
    return found


# a form field that counts per group ("7 i hvert spor", "8 deltakere per kull"), and the number of groups the text gives
_GROUP_WORDS = {"spor": r"spor", "kull": r"kull", "gruppe": r"grupper", "pulje": r"puljer", "klasse": r"klasser"}
_PER_GROUP_FIELD = re.compile(r"(\d{1,3})(?:\s*[-–]\s*\d{1,3})?\s+(?:deltak\w*\s+|deltag\w*\s+|kvinner\s+|personer\s+)?(?:i hvert|i kvart|i kvar|per|pr\.?)\s+"
                              r"(spor|kull|gruppe|pulje|klasse)(?:et|a|en)?\s*\.?$", re.I)


def _groups_said(sentences: list[Sentence], unit: str) -> int | None:
    """How many groups of ``unit`` the text plans ("Prosjektet har to spor", "Vi tar inn to kull"): one number, or
    None when it gives none or several."""
    rx = re.compile(rf"\b(to|tre|fire|fem|seks|[2-9])\s+{_GROUP_WORDS[unit.lower()]}\b", re.I)
    # (planned ones: not "Vi har tidligere gjennomført fire kull", "har tre grupper i introduksjonsprogrammet i dag")
    found = {_num(m.group(1)) for s in sentences if not (_PAST.search(s.text) or _POPULATION.search(s.text))
             for m in rx.finditer(s.text)}
    return found.pop() if len(found) == 1 else None


# intakes counted one by one by their number ("Kull 1 starter i september 2025 og består av 10 deltakere. Kull 2 ...
# består av 14", "minst 15 deltakarar i kull 1 ... og 18 deltakarar i kull 2"): their sum
_INTAKE_FIRST = re.compile(rf"^\W*(kull|gruppe|pulje|inntak)\s*([1-9])\b[^.]*?\b{_NUM_RX}\s+"
                           r"(?:deltak\w*|deltag\w*|kvinner|personer|elever)\b", re.I)
_INTAKE_AFTER = re.compile(rf"\b{_NUM_RX}\s+(?:deltak\w*|deltag\w*|kvinner|personer|elever)\s+(?:i|på)\s+"
                           r"(kull|gruppe|pulje|inntak)\s*([1-9])\b", re.I)


# intakes told by their order ("Første kull på 6 kandidater starter i august 2025, og et nytt kull på 5–7 kandidater tas
# inn i januar 2026", "minst 14 vaksne innvandrarar i første kull hausten 2025, og eit nytt kull av same storleik")
_ORDINAL_INTAKE = re.compile(r"\b(første|fyrste|andre|tredje|(?:et|eit|ett)\s+nytt|neste)\s+"
                             r"(kull|inntak|pulje|gruppe)\b", re.I)
_ORDINAL_NUMBER = {"første": 1, "fyrste": 1, "andre": 2, "tredje": 3}
_COUNT_AFTER_INTAKE = re.compile(rf"^[^;]{{0,60}}?\s(?:på|med)\s+(?:minst\s+|om lag\s+|ca\.?\s+|rundt\s+|cirka\s+)?{_NUM_RX}"
                                 r"(?:\s*[-–]\s*\d{1,3})?\s+([a-zæøå]+)", re.I)
_COUNT_BEFORE_INTAKE = re.compile(rf"{_NUM_RX}(?:\s*[-–]\s*\d{{1,3}})?\s+(?:[a-zæøå]+\s+){{0,2}}?([a-zæøå]+)\s+"
                                  r"(?:i|på|til)\s+$", re.I)
_SAME_SIZE = re.compile(r"^\s+(?:av|med|på)\s+(?:same|samme)\s+(?:storleik|størrelse)", re.I)


_OUTSIDE_PROJECT = re.compile(r"\b(?:etter prosjekt\w*|på sikt|med ordinære midl\w*|over ordinær drift|i ordinær drift|"
                              r"i nabokommun\w*|i andre kommun\w*|hos andre|håper|(?:i|fra|frå)\s+20(?:2[89]|3\d))\b", re.I)


def _ordinal_intakes(text: str, after: int) -> list[tuple[str, int, int]]:
    """(unit, number, count) for each intake ``text`` tells by its order; "et nytt kull" follows the last one
    (``after``: the highest number already seen)."""
    out: list[tuple[str, int, int]] = []
    last, prev_end = after, 0
    for m in _ORDINAL_INTAKE.finditer(text):
        word = m.group(1).lower()
        clause = re.split(r"[,;]| og ", text[m.end():], maxsplit=1)[0]
        if word == "andre" and not out and not after or _OUTSIDE_PROJECT.search(clause):
            # "andre kull" with no first one is "other intakes"; one after the project or elsewhere is not its own
            prev_end = m.end()
            continue
        k = _ORDINAL_NUMBER.get(word, last + 1)
        n = None
        a = _COUNT_AFTER_INTAKE.match(text[m.end():])
        b = _COUNT_BEFORE_INTAKE.search(text[prev_end:m.start()])
        for found in (a, b):
            if found and (_STRONG_NOUN.match(found.group(2)) or _PEOPLE_NOUN.match(found.group(2))):
                n = _num(found.group(1))
                break
        if n is None and out and _SAME_SIZE.match(text[m.end():]):
            n = out[-1][2]
        if n:
            out.append((m.group(2), k, n))
        last, prev_end = max(last, k), m.end()
    return out


def intake_counts(sentences: list[Sentence]) -> tuple[dict[int, int], int, str] | None:
    """The participants of intakes numbered one by one, within a few sentences ({number: count}, the first
    sentence's index, what they are called: "kull", "gruppe" ...); None unless there are two or more, numbered from
    1. Intakes of the past (an earlier project's, a year before 2025) are not counted."""
    seen: dict[int, int] = {}
    start = last = -1
    unit = ""
    for idx, s in enumerate(sentences):
        if _PAST.search(s.text) or _BEFORE_CALL.search(s.text):
            continue
        found = [(m.group(1), int(m.group(2)), _num(m.group(3))) for m in _INTAKE_FIRST.finditer(s.text)]
        found += [(m.group(2), int(m.group(3)), _num(m.group(1))) for m in _INTAKE_AFTER.finditer(s.text)]
        if not found:
            found = _ordinal_intakes(s.text, max(seen) if seen and 0 <= last and idx - last <= 3 else 0)
        pairs = [(k, n) for _, k, n in found if n]
        if not pairs:
            continue
        unit = unit or found[0][0].lower()
        if last < 0 or idx - last > 3:
            if len(seen) >= 2:
                break
            seen, start = {}, idx
        for k, n in pairs:
            seen.setdefault(k, n)
        last = idx
    if len(seen) < 2 or sorted(seen) != list(range(1, len(seen) + 1)):
        return None
    return seen, start, unit


def _intakes(sentences: list[Sentence]) -> tuple[int, int, str] | None:
    """The participants of intakes numbered one by one: (their sum, page, the first sentence)."""
    found = intake_counts(sentences)
    if found is None:
        return None
    counts, start, _ = found
    return sum(counts.values()), sentences[start].page, sentences[start].text


# what some of the participants achieve ("minst seks deltakere får tilbud om sommerjobb", "minst åtte deltakere skal ta
# kurs i mattrygghet og få kursbevis"): an aim, not the number planned
_OUTCOME = re.compile(r"\b(?:får tilbud om|få tilbud om|får jobb|få jobb|i jobb|i arbeid|over i arbeid|ut i arbeid|fast jobb|"
                      r"fagbrev|kursbevis|kompetansebevis|sertifikat|førerkort|bestå\w*|fullfør\w*|gjennomfør\w* (?:hele|heile)|"
                      r"utdanning|sommerjobb|sesongjobb|ansatt|tilsett)\b", re.I)
# "ti av de fjorten vil ha krav på stønaden": "de fjorten" are the participants, all of them
_OF_THE = re.compile(rf"\bav\s+(?:de|dei|alle)\s+{_NUM_RX}(?=\s+(?:vil|skal|har|kan|får|fekk|som|er)\b)", re.I)


def _participants(fields: list[FormField], sentences: list[Sentence]) -> tuple[int | None, int | None, str | None]:
    for f in fields:
        # a count, not a sum: "Deltakerutgifter" / "45 000" is a budget row printed cell by cell
        if _PART_LABEL.search(f.label) and f.value.strip() and not re.search(r"\d{1,3}[ .]\d{3}", f.value):
            n = _participants_from_field(f.value)
            if n is not None:
                # "7 i hvert spor", and the text says how many: "Prosjektet har to spor" (14)
                each = _PER_GROUP_FIELD.match(f.value.strip())
                if each and int(each.group(1)) == n:
                    groups = _groups_said(sentences, each.group(2))
                    if groups:
                        return n * groups, f.page, f.text
                return n, f.page, f.text
    intakes = _intakes(sentences)
    if intakes:
        return intakes
    best: tuple[float, int, int, str] | None = None
    for idx, s in enumerate(sentences):
        text = s.text
        if re.search(r"\b\d{1,3} \d{3}\b", text):
            table_penalty = 1.5  # a budget line ("Deltakerstønad, 10 deltakere 560 000")
        else:
            table_penalty = 0.0
        past = 2.0 if _POPULATION.search(text) or _LONG_RUN.search(text) else 0.0
        if _PAST.search(text):
            past += 2.5 if (not _PLAN.search(text) or _BEFORE_CALL.search(text)) else 1.0
        plan = 0.5 if _PLAN.search(text) else 0.0
        for value, pos, qual, noun, score in _counted(sentences, idx):
            total = score + plan - past - table_penalty - idx * 0.002
            if (qual or "").lower() in ("minst", "minimum") and _OUTCOME.search(text[pos:]):
                total -= 1.5  # an aim for some of them ("minst seks deltakere får tilbud om sommerjobb"), not the count
            # what the applicant has today, right before the count ("Vi har i dag totalt 41 voksne elever ved
            # senteret"), is no plan, whatever plan word follows ("så rekrutteringen regner vi som realistisk")
            if past < 2.5 and re.search(r"\bhar i dag\b[^.;]{0,25}$", text[:pos], re.I):
                total -= 2.5 - past
            if best is None or total > best[0]:
                best = (total, value, s.page, s.text)
    if best is None or best[0] < 0.75:
        return None, None, None
    return best[1], best[2], best[3]


# ----------------------------------------------------------------------------------------------
# Duration

# a table's row or column of participants ("Antall deltakere | 12 | 14", "Kommune | Planlagte deltakere 2025–2026")
_PARTICIPANTS_CELL = re.compile(r"^(?:(?:antall|tal på|talet på|planlagte|planlagde|nye|nya)\s+)*(?:deltak\w*|deltag\w*)"
                                r"(?:\s+(?:(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?|totalt|i alt))?$", re.I)
# a new group every year or term ("Hvert år tas det inn en ny gruppe", "nytt kull kvart år"): a row of yearly counts adds up
_NEW_EACH = re.compile(r"\b(?:ny|nytt|nye|ei ny|en ny)\s+(?:gruppe|kull|inntak|deltakere|deltakarar|pulje)\b"
                       r"(?!\s+(?:(?:med\s+)?frivillige|mentorer|ansatte|tilsette|veiledere|rettleiarar|ledere|leiarar))[^.]{0,50}?"
                       r"\b(?:hvert|kvart|hver|kvar|hvert nytt|kvart nytt)\s+(?:år|semester|halvår|januar|august|høst|haust|vår)|"
                       r"\b(?:hvert|kvart)\s+(?:år|semester|halvår)\b[^.]{0,30}?\b(?:tas|takast|tek|tar)\s+(?:det\s+|vi\s+)?inn\s+(?:ei|en|ein|eit|et)?\s*(?:ny|nytt)"
                       r"(?!\s+(?:gruppe|kull)\s+(?:(?:med\s+)?frivillige|mentorer|ansatte|tilsette|veiledere|ledere))", re.I)


def _count_cell(cell: str) -> int | None:
    """A count in a table cell ("12", "1 200"), not a year nor an amount."""
    cell = cell.strip()
    if not re.fullmatch(r"\d{1,3}(?:[ \u00a0]\d{3})?", cell):
        return None
    value = int(re.sub(r"\D", "", cell))
    return None if 1900 <= value <= 2100 else value


def _participants_from_tables(tables: list[list[Row]], sentences: list[Sentence]) -> tuple[int, int, str] | None:
    """The participants a table plans, where neither a field nor the text says them: a row of them ("Antall
    deltakere | 12 | 14": its total column, else the years added up where a new group starts each year, else the
    largest year) or a column of them over groups, intakes or municipalities ("Kommune | Planlagte deltakere":
    the sum row, else the rows added up)."""
    new_each = any(_NEW_EACH.search(s.text) for s in sentences)
    for table in tables:
        header = [h.strip() for h in (table[0].header or table[0].cells)]
        for row in table[1:]:
            if not row.cells or not _PARTICIPANTS_CELL.match(row.cells[0].strip()):
                continue
            if len(header) == len(row.cells) - 1:
                header = ["", *header]  # a header row with an empty first cell, read without it
            values = [(j, v) for j, c in enumerate(row.cells) if j > 0 and (v := _count_cell(c)) is not None]
            if not values:
                continue
            added = new_each or re.match(r"\s*(?:nye|nya)\b", row.cells[0], re.I)
            total = [v for j, v in values if j < len(header) and _TOTAL_HEAD.match(header[j])]
            yearly = [v for j, v in values if not (j < len(header) and _TOTAL_HEAD.match(header[j]))]
            if total and (added or not yearly):
                return total[0], row.page, row.text
            if len(yearly) == 1:
                return yearly[0], row.page, row.text
            # (the same people followed over the years: the largest year, whatever a "Sum" column adds up)
            return (sum(yearly) if added else max(yearly)), row.page, row.text
        cols = [j for j, h in enumerate(header) if j > 0 and _PARTICIPANTS_CELL.match(h)]
        if len(cols) != 1 or len(table) < 3:
            continue
        j = cols[0]
        body = [r for r in table[1:] if r.cells and not re.fullmatch(r"[-:\s]*", r.cells[0])]
        sums = [r for r in body if _TOTAL_HEAD.match(r.cells[0].strip()) or _SUM_ROW.match(r.cells[0].strip())]
        if sums and j < len(sums[-1].cells) and (v := _count_cell(sums[-1].cells[j])) is not None:
            return v, sums[-1].page, sums[-1].text
        counts = [_count_cell(r.cells[j]) if j < len(r.cells) else None for r in body]
        if not sums and len(counts) >= 2 and all(c is not None for c in counts):
            return sum(counts), body[0].page, " / ".join(r.text for r in body)
    return None


#: The months' full names, one alternation ("januar|februar|...").
MONTH_NAMES = r"(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)"
_MONTHS = {"januar": 1, "februar": 2, "mars": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7, "august": 8,
           "september": 9, "oktober": 10, "november": 11, "desember": 12, "jan": 1, "feb": 2, "mar": 3,
           "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "des": 12}
_DATE = r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})"
_MONTH_YEAR = r"(?:\d{1,2}\.\s*)?(januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember|jan|feb|mar|apr|jun|jul|aug|sept?|okt|nov|des)\.?\s+(\d{4})"
_SEP = r"\s*(?:[-–—]|til|t\.o\.m\.?|tom)\s*"
_YEARS_WORD = {"ett": 1, "et": 1, "ei": 1, "én": 1, "en": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "1": 1, "2": 2, "3": 3,
               "4": 4, "5": 5, "halvannet": 2, "halvtanna": 2}


def _years_from_months(months: float) -> int:
    years = months / 12.0
    return max(1, math.ceil(years - 0.04))


def _joined_days(spans: list[tuple[date, date]]) -> int | None:
    """The days of the first period in ``spans``, joined with the ones that follow on from it within four months
    ("to kull: august 2025–mai 2026 og august 2026–mai 2027" is one project period); a period before it (a pilot)
    or further off is another project's."""
    spans = [(a, b) for a, b in spans if b > a]
    if not spans:
        return None
    start, end = spans[0]
    for a, b in spans[1:]:
        if a >= start and (a - end).days <= 122:
            end = max(end, b)
    return (end - start).days + 1


def _duration_in(text: str) -> int | None:
    low = text.lower()
    # "2 år (2025–2027)": the count the text gives before the years it spans; a plan's period ("økonomiplanen for
    # 2025–2028") is not the project's
    m = re.match(r"\s*(ett|eitt|to|tre|fire|fem|[1-5]|halvannet)\s*(?:år|prosjektår)\b", low)
    if m:
        return _YEARS_WORD.get(m.group(1), 1 if m.group(1) == "eitt" else None)
    low = re.sub(r"(økonomiplan\w*|handlingsplan\w*|handlingsprogram\w*|planperiode\w*|kommuneplan\w*|strategi\w*)"
                 r"\s+(for\s+(perioden\s+)?)?20\d\d\s*[-–]\s*20\d\d", r"\1", low)
    spans = []
    for m in re.finditer(_DATE + _SEP + _DATE, low):
        d1, m1, y1, d2, m2, y2 = (int(x) for x in m.groups())
        try:
            spans.append((date(y1, m1, d1), date(y2, m2, d2)))
        except ValueError:
            continue
    days = _joined_days(spans)
    if days:
        return max(1, math.ceil(days / 365.25 - 0.03))
    spans = []
    for m in re.finditer(_MONTH_YEAR + _SEP + _MONTH_YEAR, low):
        m1, y1, m2, y2 = _MONTHS[m.group(1)[:4] if m.group(1)[:4] in _MONTHS else m.group(1)[:3]], int(m.group(2)), \
            _MONTHS[m.group(3)[:4] if m.group(3)[:4] in _MONTHS else m.group(3)[:3]], int(m.group(4))
        spans.append((date(y1, m1, 1), date(y2, m2, 28)))
    days = _joined_days(spans)
    if days:
        return _years_from_months(round(days / 30.44))
    m = re.search(r"(?:(januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)\s*)?[-–]?\s*"
                  r"(?:(januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)\s+)?"
                  r"\b(20\d\d)" + _SEP + r"(?:(januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)\s+)?(20\d\d)\b", low)
    if m:
        y1, y2 = int(m.group(3)), int(m.group(5))
        if 0 <= y2 - y1 <= 6:
            if m.group(2) and m.group(4):
                months = (y2 - y1) * 12 + (_MONTHS[m.group(4)] - _MONTHS[m.group(2)]) + 1
                return _years_from_months(months)
            return y2 - y1 + 1
    m = re.search(r"\b(over|i|for|på|varer|vare|periode på|prosjekt på|fordelt på)\s+(ett|et|ei|eitt|én|en|to|tre|fire|fem|[1-5]|halvannet)"
                  r"\s*(?:\(\d\)\s*)?(?:år|budsjettår|skoleår|prosjektår)\b(?!\s+(etter|siden|før|gamle|i programmet|i norge|botid))", low)
    if m and not re.search(r"\b(minst|etter|har vært|var)\s+$", low[:m.start()][-12:] + " "):
        return _YEARS_WORD.get(m.group(2), 1 if m.group(2) == "eitt" else None)
    m = re.search(r"\b(ett|to|tre|fire|fem|[1-5])[-–]?årig", low)
    if m:
        return _YEARS_WORD.get(m.group(1))
    m = re.search(r"\b(\d{1,2})\s*måneder\b", low)
    if m:
        return _years_from_months(int(m.group(1)))
    return None


_SEASON = {"høst": 8, "hausten": 8, "høsten": 8, "haust": 8, "vår": 1, "våren": 1, "sommer": 6, "sommeren": 6,
           "vinter": 1, "vinteren": 1}
_SEASON_END = {"høst": 12, "hausten": 12, "høsten": 12, "haust": 12, "vår": 6, "våren": 6, "sommer": 8,
               "sommeren": 8, "vinter": 3, "vinteren": 3}


def _season_span(text: str) -> int | None:
    low = text.lower()
    m = re.search(r"\b(høsten|høst|hausten|haust|våren|vår|sommeren|vinteren)\s+(20\d\d)\s*(?:[-–—]|til|og)\s*"
                  r"(?:(høsten|høst|hausten|haust|våren|vår|sommeren|vinteren)\s+)?(20\d\d)", low)
    if not m:
        return None
    y1, y2 = int(m.group(2)), int(m.group(4))
    m1 = _SEASON[m.group(1)]
    m2 = _SEASON_END[m.group(3)] if m.group(3) else 12
    months = (y2 - y1) * 12 + (m2 - m1) + 1
    return _years_from_months(months) if months > 0 else None


def _duration_text(text: str) -> int | None:
    low = text.lower()
    m = re.search(r"skoleår(?:ene|a)?\s+(20\d\d)/\d\d(?:\s*(?:og|,|–|-)\s*(20\d\d)/\d\d)?", low)
    if m:
        return (int(m.group(2)) - int(m.group(1)) + 1) if m.group(2) else 1
    season = _season_span(text)
    if season:
        return season
    d = _duration_in(text)
    if d:
        return d
    m = re.search(r"\b(?:for|i|fordelt på|over)\s+(?:årene\s+)?(20\d\d)\s*(?:,\s*20\d\d\s*)*og\s+(20\d\d)\b", low)
    if m and 0 < int(m.group(2)) - int(m.group(1)) <= 5:
        return int(m.group(2)) - int(m.group(1)) + 1
    return None


_START_LABEL = re.compile(r"^(prosjektstart|startdato|oppstart|start|oppstartsdato|prosjektoppstart)$", re.I)
_END_LABEL = re.compile(r"^(prosjektslutt|sluttdato|avslutning|slutt|prosjektavslutning|avslutningsdato)$", re.I)



# "Prosjektmidlene skal gå til ... i 2025 og 2026": two named years, in a sentence that plans the project
_TWO_YEARS = re.compile(r"\b(i|for|over)\s+(årene\s+)?20\d\d\s+og\s+20\d\d\b", re.I)
_PLANS_PROJECT = re.compile(r"\b(skal|vil|søker|planlegger)\b.*\b(prosjekt\w*|tiltak\w*|midl\w*|tilskud\w*)|"
                            r"\b(prosjekt\w*|tiltak\w*|midl\w*|tilskud\w*)\b.*\b(skal|vil|planlegges)\b", re.I)


def _past_period(text: str) -> bool:
    """A sentence about something done before (an earlier project's period), not the planned one: a past cue,
    unless the sentence also plans ('vil', 'skal') and names no year before the call's."""
    return bool(_PAST.search(text)) and (not re.search(r"\b(vil|skal)\b", text, re.I) or bool(_BEFORE_CALL.search(text)))


# "for perioden 1.9.2025–31.8.2027": a dated period, the project's in a sentence that plans (not an earlier grant's)
_DATED_PERIOD = re.compile(r"perioden?\s+\d{1,2}\.\s?\d{1,2}\.\s?\d{4}", re.I)


_MONTH_SPAN_CELL = re.compile(r"^\s*20\d\d\s*\(\s*([a-zæøå]+)\.?\s*[-–]\s*([a-zæøå]+)\.?\s*\)\s*$", re.I)


def year_column_span(cell: str) -> tuple[int, int] | None:
    """The first and last month a budget column of one year covers: (1, 12) for "2026", (9, 12) for "2025 (sept.–des.)";
    None for another kind of column."""
    if re.fullmatch(r"\s*20\d\d\s*", cell):
        return 1, 12
    m = _MONTH_SPAN_CELL.match(cell)
    if not m:
        return None
    a, b = _MONTHS.get(m.group(1).lower()), _MONTHS.get(m.group(2).lower())
    return (a, b) if a and b and b >= a else None


def year_column_months(cell: str) -> int | None:
    """The months a budget column of one year covers: 12 for "2026", 4 for "2025 (sept.–des.)"; None for another
    kind of column ("2025 (år 1)")."""
    span = year_column_span(cell)
    return span[1] - span[0] + 1 if span else None


def _period_months(fields: list[FormField]) -> int | None:
    """The project's months, from its period field's dates ("01.06.2025–31.12.2026": 19)."""
    for f in fields:
        if not _PERIOD_LABEL.fullmatch(f.label):
            continue
        m = re.search(_DATE + _SEP + _DATE, f.value)
        if m:
            d1, m1, y1, d2, m2, y2 = (int(x) for x in m.groups())
            try:
                days = (date(y2, m2, d2) - date(y1, m1, d1)).days + 1
            except ValueError:
                return None
            return round(days / 30.44) if days > 0 else None
        m = re.search(_MONTH_YEAR + _SEP + _MONTH_YEAR, f.value.lower())
        if m:
            a, b = _MONTHS.get(m.group(1)[:4]) or _MONTHS.get(m.group(1)[:3]), \
                _MONTHS.get(m.group(3)[:4]) or _MONTHS.get(m.group(3)[:3])
            if a and b:
                n = (int(m.group(4)) - int(m.group(2))) * 12 + b - a + 1
                return n if n > 0 else None
    return None


def _duration(fields: list[FormField], sentences: list[Sentence],
              tables: list[list[Row]] | None = None) -> tuple[int | None, int | None, str | None]:
    for f in fields:
        if _PERIOD_LABEL.search(f.label) and f.value.strip():
            d = _duration_text(f.value)
            if d is None:
                years = sorted({int(y) for y in re.findall(r"\b(20\d\d)\b", f.value)})
                d = (years[-1] - years[0] + 1) if years and years[-1] - years[0] <= 5 else None
            if d:
                return d, f.page, f.text
    # "Prosjektstart: 01.08.2025" and "Prosjektslutt: 31.07.2027" as two fields
    start = next((f for f in fields if _START_LABEL.match(f.label.strip()) and f.value.strip()), None)
    end = next((f for f in fields if _END_LABEL.match(f.label.strip()) and f.value.strip()), None)
    if start and end:
        d = _duration_text(f"{start.value.strip()} – {end.value.strip()}")
        if d and d <= 6:
            return d, start.page, start.text
    strong = re.compile(r"prosjektperiode|prosjektet (skal )?(varer|vare|går|gå|løper|strekker)|"
                        r"[a-zæøå]+årig|varighet|\bsøk(er|jer|es|t|nad)\b|skoleår|fordelt på", re.I)
    for s in sentences:
        if (strong.search(s.text) and not (_PAST.search(s.text) and re.search(r"\b20(0\d|1\d|2[0-3])\b", s.text))) \
                or (_DATED_PERIOD.search(s.text) and not _PAST.search(s.text)):
            d = _duration_text(s.text)
            if d and d <= 6:
                return d, s.page, s.text
    for table in tables or []:
        head = table[0].cells if table else []
        years = [int(c) for c in head if re.fullmatch(r"(20\d\d)", c.strip())]
        amounts = any(parse_amount(c) is not None for r in table[1:] for c in r.cells[1:])
        # year columns with the months of a part year ("2025 (sept.–des.)", "2026", "2027 (jan–jun)"): the months
        # they cover, rounded up to years
        parts = [year_column_months(c) for c in head if re.match(r"\s*20\d\d\b", c)]
        if amounts and len(parts) >= 2 and None not in parts and any(m < 12 for m in parts):
            return _years_from_months(sum(parts)), table[0].page, table[0].text
        if years and amounts:
            return len(set(years)), table[0].page, table[0].text
        # columns for periods ("Kull 1 (sep. 2025–aug. 2026)", "Kull 2 (sep. 2026–aug. 2027)"): the span they cover
        d = _duration_in("  ".join(head)) if amounts and re.search(_MONTH_YEAR + _SEP + _MONTH_YEAR,
                                                                    " ".join(head).lower()) else None
        if d and d <= 6:
            return d, table[0].page, table[0].text
    weak = re.compile(r"\b(over|i|for|på)\s+(to|tre|fire|ett|eitt)\s+år\b|perioden|i løpet av|fra .*20\d\d til .*20\d\d", re.I)
    for s in sentences:
        two_years = _TWO_YEARS.search(s.text)
        if (weak.search(s.text) or (two_years and _PLANS_PROJECT.search(s.text))) \
                and not _past_period(s.text) and not (two_years and _BEFORE_CALL.search(s.text)):
            d = _duration_text(s.text)
            if d and d <= 6:
                return d, s.page, s.text
    # last: a season or month span anywhere ("høsten 2025 – våren 2027", a budget row "august 2025 – desember 2026")
    for s in sentences:
        if _PAST.search(s.text):
            continue
        span = re.search(_MONTH_YEAR + _SEP + _MONTH_YEAR, s.text.lower())
        d = _season_span(s.text) or (_duration_in(s.text) if span and not _BEFORE_CALL.search(span.group(0)) else None)
        if d and d <= 6:
            return d, s.page, s.text
    return None, None, None


# ----------------------------------------------------------------------------------------------
# Partners: canonical short names and how they are written

PARTNER_ALIASES: list[tuple[str, str]] = [
    ("Nav", r"\bnav\b|\bnav-kontor|\bnav[- ][A-ZÆØÅ]"),
    ("DPS", r"\bdps\b|distriktspsykiatrisk"),
    ("helsestasjon", r"helsestasjon"),
    ("voksenopplæringen", r"voksenopplæring|\bvo\b|læringssenter|opplæringssenter|introduksjonssenter|kvalifiseringssenter|vaksenopplæring"),
    ("videregående skole", r"videregående skole|\bvgs\b|vidaregåande|videregående skoler"),
    ("frivillighetssentralen", r"frivillighetssentral|frivilligsentral"),
    ("Røde Kors", r"røde kors"),
    ("universitet/høgskole", r"universitet|høgskole|høyskole|høgskule|\buis\b|\buit\b|\bntnu\b|\bhvl\b|oslomet|\buia\b|\bnord universitet|\busn\b|\bnmbu\b|\buh[- ]"),
    ("arbeidsgivere", r"arbeidsgiver(e|ne)\b|bedrifter|lokale bedrifter|næringslivet"),
    ("politi", r"\bpoliti(et|distrikt\w*)?\b"),
    ("Skatteetaten", r"skatteetaten|skattekontor"),
    ("NHO", r"\bnho\b"),
    ("LO", r"\blo\b"),
    ("KS", r"\bks\b"),
    ("opplæringskontor", r"opplæringskontor"),
    ("Fellesforbundet", r"fellesforbundet"),
    ("Fagforbundet", r"fagforbundet"),
    ("innvandrerorganisasjoner", r"innvandrerorganisasjon|innvandrarorganisasjon|innvandrerforening|"
                                 r"innvandrarforeining|kulturforening|kulturforeining|kvinneforening|kvinneforeining|"
                                 r"internasjonale? kvinne(gruppe|forum|nettverk)"),
    ("psykisk helsetjeneste", r"psykisk helse(tjeneste|team|- og rus|vern| og rus)|psykisk helse-"),
    ("kommunepsykolog", r"kommunepsykolog"),
    ("fastlege", r"fastleg"),
    ("trossamfunn", r"trossamfunn|tros- og livssyn|moské|menighet"),
    ("idrettslag", r"idrettslag"),
    ("idrettsråd", r"idrettsråd"),
    ("idrettskrets", r"idrettskrets"),
    ("tillitsvalgte", r"tillitsvalgt"),
    ("bibliotek", r"bibliotek"),
    ("Arbeidstilsynet", r"arbeidstilsyn"),
    ("innvandrerråd", r"innvandrerråd|innvandrarråd"),
    ("sosial entreprenør", r"sosial(e)? entreprenør"),
    ("Kirkens Bymisjon", r"kirkens bymisjon"),
    ("RVTS", r"\brvts( (sør|nord|øst|vest|midt))?\b"),
    ("kommuner", r"\b(kommunene|kommunane|samarbeidskommunene|deltakerkommunene|nabokommunene|vertskommunene|de (\w+ )?kommunene)\b"),
    ("innvandrerorganisasjoner", r"innvandrerorganisasjon|innvandrarorganisasjon|minoritetsorganisasjon"),
    ("PP-tjenesten", r"pp-tjenesten|\bppt\b"),
    ("Likestillings- og diskrimineringsombudet", r"likestillings- og diskrimineringsombud|\bldo\b"),
    ("familievernkontoret", r"familievern"),
    ("frisklivssentralen", r"frisklivssentral"),
    ("bedriftshelsetjenesten", r"bedriftshelsetjeneste"),
    ("Antirasistisk Senter", r"antirasistisk senter"),
    ("fylkeskommune", r"\bfylkeskommunen\b"),
]
_PARTNER_RX = [(name, re.compile(rx, re.I)) for name, rx in PARTNER_ALIASES]
_NEEDS_CUE = {"KS", "fastlege", "tillitsvalgte", "bibliotek", "idrettslag", "NHO", "LO", "kommuner"}
# The applicant's own unit in the header ("Enhet: Introduksjonssenteret", "Kontaktperson: ..., Molde
# voksenopplæringssenter") is not a partner.
_OWN_UNIT_FIELD = re.compile(r"^\s*(enhet|eining|ansvarlig enhet|ansvarleg eining|virksomhet|verksemd|avdeling|"
                             r"kontaktperson|prosjektleder|prosjektleiar|søker|søkar|prosjekteier|prosjekteigar|"
                             r"organisasjon|adresse|e-post)\b[^:]{0,30}:", re.I)
# Sharing the results through KS' networks, or the applicant as "one of the largest employers", is not
# working with KS or with employers.
_SHARING = re.compile(r"\b(dele[rs]?|delt|presentere[rs]?|presentert|publiser\w*|spre[rs]?|spreie|tilgjengeleg|"
                      r"tilgjengelig|gjord kjent|formidle\w*)\b", re.I)
# Named partner municipalities ("Bodø, Fauske og Saltdal kommuner", "kommunane Luster og Lærdal",
# "Samarbeidskommuner: ..."): partners whoever applies.
_NAMED_MUNICIPALITIES = re.compile(r"samarbeidskommun|[A-ZÆØÅ][\wæøå-]+ og [A-ZÆØÅ][\wæøå-]+ kommun(er|ar)\b|"
                                   r"\bkommun(ene|ane) [A-ZÆØÅ][\wæøå-]+(,| og) ")
_OWN_EMPLOYER = re.compile(r"(størst\w*|stor|viktig\w*) arbeidsg[ij]\w*", re.I)
_PARTNER_CUE = re.compile(
    r"samarbeid|samarbeider|samarbeidspart|partner|sammen med|i samarbeid|deltar|bidrar|styringsgruppe|"
    r"referansegruppe|arbeidsgruppe|avtale|involver|med på|ansvar for|stiller med|leverer|faglig|veiled|"
    r"samarbeidsgruppe|nettverk|koordiner", re.I)


def _partners(sentences: list[Sentence], applicant: str | None) -> list[str]:
    found: dict[str, int] = {}
    own = (applicant or "").lower()
    for idx, s in enumerate(sentences):
        text = s.text
        if _PAST.search(text) and re.search(r"\b20(0\d|1\d|2[0-3])\b", text):
            continue  # an earlier project
        if re.search(r"\b(ikke|ingen)\b.{0,40}\b(samarbeid|partner)", text, re.I):
            continue
        if _OWN_UNIT_FIELD.match(text):
            continue
        short_line = len(s.lemmas) <= 4 and not _PARTNER_CUE.search(text) and not text.endswith(".")
        for name, rx in _PARTNER_RX:
            if rx.search(text):
                if name == "fylkeskommune" and "fylkeskommune" in own:
                    continue
                if name in _NEEDS_CUE and not _PARTNER_CUE.search(text):
                    continue
                if short_line:
                    continue  # a heading or a unit's name on its own line (often the applicant's own)
                if name == "KS" and _SHARING.search(text):
                    continue
                if name == "arbeidsgivere" and _OWN_EMPLOYER.search(text):
                    continue
                if name == "kommuner" and "fylkeskommune" not in own and not _NAMED_MUNICIPALITIES.search(text):
                    continue
                if name == "RVTS":
                    m = rx.search(text)
                    name = "RVTS " + m.group(2).capitalize() if m.group(2) else "RVTS"
                found.setdefault(name, idx)
    return [n for n, _ in sorted(found.items(), key=lambda kv: kv[1])]


# ----------------------------------------------------------------------------------------------
# Amounts: requested and own contribution


# Money from someone else under the own-contribution label: "Egenandel: 150 000 kr (tilsagn fra
# Sparebankstiftelsen DNB)", "Eigenfinansiering: 180 000 kr (Vestland fylkeskommune dekkjer fagprøver)".
_THIRD_PARTY = re.compile(r"\b(tilsagn|gave|støtte|midler|midlar|midlene|midlane|tilskudd|tilskuddet|tilskot|tilskotet|"
                          r"lønnstilskudd|lønnstilskot|medfinansiering)\s+"
                          r"(fra|frå)\s+(?!kommunen|fylkeskommunen|bydelen|eget|egne|eige|eigne|vårt|våre)|"
                          # the grant pays ("Tilskuddet dekker lønn ..."), or the participants do the work
                          r"^\W*(tilskuddet|tilskotet|midlene|midlane|imdi)\b[^.]{0,40}\b(dekker|dekkjer|finansierer)\b|"
                          r"\b(deltakerne|deltakarane|foreldrene|foreldra|elevene)\b[^.]{0,30}\b(bidrar|bidreg|stiller)\b|"
                          # volunteers' effort ("Frivillige lag i Hardanger stiller med eigeninnsats verdsett til ...")
                          r"^\W*(frivillige|frivillig)\s+(lag|organisasjoner|organisasjonar|foreninger|foreiningar)?\b[^.]{0,40}"
                          r"\b(bidrar|bidreg|stiller|legger inn|legg inn)\b|"
                          # what the participants or their families pay themselves
                          r"\b(deltakerne|deltakarane|foreldrene|foreldra|elevene)\s+(betaler|betalar|dekker|dekkjer)\s+(selv|sjølv|"
                          r"(en |ein )?(egenandel|eigenandel|eigendel|kursavgift|deltakeravgift|deltakaravgift|avgift))\b|"
                          r"\(\s*[A-ZÆØÅ][\wæøå-]+(\s+[A-ZÆØÅa-zæøå][\wæøå-]+)?\s+(fylkeskommune|kommune)\s+(dekker|dekkjer)\b",
                          re.I)


class _ThirdParty:
    """``_THIRD_PARTY`` (someone else's money, or what the participants pay themselves), except where the other
    party named is the applicant itself ("(Stange kommune dekker ...)" in Stange kommune's own application)."""

    def __init__(self, applicant: str | None) -> None:
        self.applicant = (applicant or "").lower().strip()

    def search(self, text: str):
        m = _THIRD_PARTY.search(text)
        if m and self.applicant and self.applicant in m.group(0).lower():
            return None
        return m


_FROM_OTHER = re.compile(r"\b(?:fra|frå)\s+(?!kommunen\b|bydelen\b|fylkeskommunen\b|oss\b|egne\b|eigne\b)\w+", re.I)


# whose the part is, before its label ("Kommunens egeninnsats: lokaler", "Bydelens eigeninnsats: ...")
_OWNER_WORD = re.compile(r"^(?:kommunens|kommunen sin|fylkeskommunens|fylkeskommunen sin|bydelens|bydelen sin)\s+", re.I)


class _OtherSource(_ThirdParty):
    """``_ThirdParty``, and a budget row of money from someone named after "fra" ("Medfinansiering fra NAV
    Steinkjer"), unless it is the applicant ("Egenandel fra Steinkjer kommune", "fra kommunen")."""

    def search(self, text: str):
        m = super().search(text) or _FROM_OTHER.search(text)
        if m and ((self.applicant and self.applicant in text.lower()) or _OWNER_WORD.match(text.lstrip())):
            return None  # (the applicant's own row says whose it is: "Kommunens egeninnsats: veileder fra Nav")
        return m


# a field for the whole period ("Søknadsbeløp heile perioden") beside one for a single year ("Søknadsbeløp 2025")
_WHOLE_PERIOD_LABEL = re.compile(r"\b(hele|heile) (prosjekt)?perioden|\btotalt?\b|\bsamlet\b|\bsamla\b|\bi alt\b|"
                                 r"\btil sammen\b|\btil saman\b|\balle år\b", re.I)


def _amount_from_fields(fields: list[FormField], label: re.Pattern, *, exclude: re.Pattern | None = None,
                        years: int | None = None, not_value: re.Pattern | _ThirdParty | None = None):
    # the field for the whole period first, where another gives one year's amount ("Søknadsbeløp 2025" /
    # "Søknadsbeløp heile perioden"); not a total of something else ("Totalt søkt fra andre kilder")
    if any(label.search(f.label) and YEAR_WORD.search(f.label) for f in fields):
        fields = sorted(fields, key=lambda f: not (label.search(f.label) and _WHOLE_PERIOD_LABEL.search(f.label)
                                                   and len(parse_amounts(f.value)) == 1))
    for f in fields:
        if label.search(f.label) and not (exclude and exclude.search(f.label)):
            v = f.value.strip()
            if not v or (not_value and not_value.search(v)):
                continue
            cells = _split_cells(v)
            sums = [a for c in cells if _BARE_CELL.match(c) and (a := parse_amount(c)) and not 1900 <= a <= 2100]
            if len(sums) >= 2:
                # a budget row with a column per year read as a field ("Bydelens andel: ...  215 000  215 000"):
                # several amounts without a header are years, as in a table row; the last is the row's total
                # where it is the sum of the others ("90 000  270 000  180 000  540 000")
                if len(sums) >= 3 and sums[-1] == sum(sums[:-1]):
                    return sums[-1], f.page, f.text
                return sum(sums), f.page, f.text
            if len(cells) >= 2 and _BARE_CELL.match(cells[-1]) and (last := parse_amount(cells[-1])) \
                    and not 1900 <= last <= 2100:
                # a budget row read as a field: "Egeninnsats: 320 timer à 500 kr  160 000" (the sum cell)
                return last, f.page, f.text
            amounts = parse_amounts(v)
            if amounts:
                # "350 timer à 650 kr = 227 500 kr", "90 000 per år" over two years: the period's amount
                return _period_amount(v, amounts, years), f.page, f.text
            a = parse_amount(v)
            if a is None:
                m = re.match(r"^\s*(?:kr\.?\s*|nok\s*)?(\d{1,3}(?:[ .\u00a0]\d{3})+|\d{4,})\b", v, re.I)
                a = _to_int(m.group(1)) if m else None
            if a is not None:
                return a, f.page, f.text
            if re.fullmatch(r"(kr\.?\s*)?0(\s*(kr|,-|kroner))?|ingen|null", v.lower()):
                return 0, f.page, f.text
    return None


_PRICED_HOURS = re.compile(r"(?:\bà|\bá|\bx)\s*(?:kr\.?\s*)?\d|\bkr\.?\s*\d+\s*(?:per|pr\.?|/)\s*t|\d+\s*kr\.?\s*(?:per|pr\.?|/)\s*t",
                           re.I)
_HOURS_ROW = re.compile(r"\b(timer|timar|antall)\b", re.I)
_REQ_ROW = re.compile(r"(søkt|søknad|imdi|tilskudd|omsøkt|tilskot)", re.I)
_SUM_ROW = re.compile(r"\b(sum|total|totalt|i alt|samlet|samla|til sammen|til saman|"
                      r"(hele|heile) (prosjekt)?perioden)\b", re.I)
# a row that is the amount asked for by its label alone ("Søknadsbeløp | 920 000"), without a "Sum"
_REQ_ROW_ALONE = re.compile(r"^\s*(søknadsbeløp|søknadssum|søkt beløp|omsøkt beløp|beløp søkt|sum søkt|totalt søkt|"
                            r"søkt fra imdi|søkt tilskudd)\s*:?\s*$", re.I)
_OWN_ROW = re.compile(_OWN_LABEL.pattern + r"|kommunens del|kommunen dekker|egenfinansiering|finansiert av kommunen|"
                     r"^dugnad\w*|\((?:dekkes|dekkast|dekt|dekket|betales|finansieres) av (?:kommunen|fylkeskommunen|"
                     r"bydelen|oss|søker)\)", re.I)
_NOT_OWN_ROW = re.compile(r"søkt|imdi|tilskudd fra|totalt budsjett|sum kostnader|sum utgifter|totale kostnader", re.I)


# a row declared the applicant's own as a whole by what its label ends with ("Lokaler Gjøvik læringssenter (kommunens
# egeninnsats)"), not a share of it ("Prosjektleder 40 % (herav 20 % egenandel)")
_OWN_PAREN = re.compile(r"\((?:kommunens|kommunen sin|bydelens|fylkeskommunens|vår|vår egen|eigen|egen)?\s*"
                        r"(?:egeninnsats|eigeninnsats|egenandel|eigenandel|eigendel)\)\s*$", re.I)


def _amount_from_tables(tables: list[list[Row]], label: re.Pattern, *, need_sum: bool = False,
                        exclude: re.Pattern | None = None, add_rows: bool = False, not_part=None):
    """The largest total of a row labelled ``label``. With ``add_rows``, a table's several labelled rows that
    are no sum ("Egeninnsats: 20 % stilling  210 000", "Egeninnsats: lokaler  55 000") are parts, added up,
    unless the table has a labelled sum row ("Sum egenandel") or a row that adds up the others, which is the
    whole; rows that ``not_part`` finds (someone else's money) or that count hours are no parts."""
    hits = []
    for table in tables:
        rows = []
        for row in table:
            first = row.cells[0] if row.cells else ""
            if not label.search(first) or (exclude and exclude.search(first)):
                continue
            if need_sum and not _SUM_ROW.search(first):
                continue
            total = _row_total(row)
            if total is not None:
                rows.append((total, row.page, row.text, first, bool(_SUM_ROW.search(first))))
        if add_rows:
            # parts are rows that begin with the label ("Egeninnsats: lokaler"), not a cost row that names it
            # ("Prosjektleder 40 % (herav 20 % egenandel)") nor the financing row that repeats it
            # (hours valued in the label are a sum: "frivillig innsats (timer à 300 kr)")
            parts = [r for r in rows if not (not_part and not_part.search(r[2]))
                     and not (_HOURS_ROW.search(r[2]) and not _PRICED_HOURS.search(r[3]))]
            whole = any(abs(2 * r[0] - sum(x[0] for x in parts)) <= 0.01 * r[0] for r in parts)
            if len(parts) > 1 and not whole and not any(is_sum for *_, is_sum in rows) \
                    and all(_OWN_LABEL.match(r[2].lstrip()) or _OWN_LABEL.match(_OWNER_WORD.sub("", r[2].lstrip()))
                            or _OWN_PAREN.search(r[3]) for r in parts) \
                    and len({r[0] for r in parts}) == len(parts):
                hits.append((sum(r[0] for r in parts), parts[0][1], " / ".join(r[2] for r in parts)))
                continue
        hits += [r[:3] for r in rows]
    if hits:
        return max(hits, key=lambda h: h[0])
    return None


_OWN_COLUMN = re.compile(_OWN_LABEL.pattern + r"|\b(kommunes|fylkeskommunes|bydels|kommunen sin|fylkeskommunen sin)\s+"
                         r"(andel|del|bidrag|finansiering)\b|^(kommunen|kommune|fylkeskommunen|fylkeskommune|bydelen|bydel|"
                         r"fylkeskommunalt|kommunalt|egen\w*|eigen\w*|eigne midlar|egne midler)$", re.I)
_REQ_COLUMN = re.compile(r"søkt|omsøkt|imdi|tilskudd|tilskot|søknad", re.I)
_COST_COLUMN = re.compile(r"^(?:kostnad|kostnader|kostnadar|utgift|utgifter|beløp|totalt?|sum|budsjett)\b", re.I)


def _applicant_names(applicant: str | None) -> list[str]:
    """The names the applicant goes by: as given, without what stands in parentheses, the short form there
    ("Norges miljø- og biovitenskapelige universitet (NMBU)": the first two and "NMBU"), and the unit that applies
    for it ("Helse Stavanger HF v/ Dalane DPS": "Dalane DPS")."""
    if not applicant:
        return []
    names = [applicant.strip(), re.sub(r"\s*\([^)]*\)", "", applicant).strip(),
             *re.findall(r"\(([A-ZÆØÅ][\wÆØÅæøå-]{1,15})\)", applicant),
             *[m.strip() for m in re.findall(r"\s(?:v/|ved)\s*([A-ZÆØÅ][^(),]{2,60})$", applicant)],
             # a bydel of its kommune ("Bydel Alna, Oslo kommune": "Bydel Alna")
             *re.findall(r"^((?:Bydel|bydel)\s+[^,]{2,40}),", applicant.strip())]
    return [n for n in dict.fromkeys(names) if n]


def _own_row(applicant: str | None) -> re.Pattern:
    """``_OWN_ROW``, and a budget row that begins with the applicant's own name ("Askøy kommune: lokaler og 10 %
    koordinering  120 000  140 000")."""
    names = _applicant_names(applicant)
    if not names:
        return _OWN_ROW
    name = "(?:" + "|".join(map(re.escape, names)) + ")"
    return re.compile(_OWN_ROW.pattern + r"|^" + name + r"\s*[:–(-]|^(finansiert|finansiering|dekket|dekt)(?:\s+av|\s*:)\s+" + name
                      + r"\s*$|\((?:dekkes|dekkast|dekt|dekket|betales|finansieres) av\s+" + name + r"\)|"
                      # "Lokaler og ledelse, dekkes av Karmøy kommune"
                      r",\s*(?:dekkes|dekkast|dekt|dekket|betales|finansieres|finansiert)\s+av\s+" + name + r"\s*$", re.I)


def _own_column(applicant: str | None) -> re.Pattern:
    """``_OWN_COLUMN``, and a column headed by the applicant's own name ("Søkt IMDi" | "Grimstad kommune")."""
    if not applicant:
        return _OWN_COLUMN
    return re.compile(_OWN_COLUMN.pattern + r"|^" + re.escape(applicant.strip()) + r"$", re.I)


def _amount_from_columns(tables: list[list[Row]], head: re.Pattern, other: re.Pattern, *,
                         exclude: re.Pattern | None = None):
    """A budget laid out by source, one column each ("Søkt fra IMDi" | "Kommunens egenandel" | "Sum"): the
    amount in the sum row of the column whose header is ``head``, where another column's header is ``other``."""
    for table in tables:
        header = [h.strip() for h in (table[0].header or table[0].cells)]
        cols = [j for j, h in enumerate(header) if j > 0 and head.search(h) and not (exclude and exclude.search(h))
                and not re.search(r"\bdeltak\w*|\bdeltag\w*|\belev\w*|\bforeldr\w*", h, re.I)]  # (their fee)
        if len(cols) != 1 or not any(other.search(h) for j, h in enumerate(header) if j > 0 and j != cols[0]):
            continue
        j = cols[0]
        for r in reversed(table):
            if r.cells and _SUM_ROW.match(r.cells[0].strip()) and j < len(r.cells):
                value = r.amount(j)
                if value is not None and not 1900 <= parse_amount(r.cells[j]) <= 2100:
                    return value, r.page, r.text
    return None


_AMOUNT_HEAD = re.compile(r"\b(kroner|kr|nok|beløp|verdi|kostnad|kostnader|sum)\b", re.I)
_COUNT_HEAD = re.compile(r"\b(timer|timar|antall|tal|stilling\w*|prosent|%|årsverk)\b", re.I)
_OWN_CAPTION = re.compile(r"\b(egen|eigen|eiga) innsats|\b(kommunens|fylkeskommunens|bydelens) (egen|eigen)\w*", re.I)
# ("Eigenfinansiering utover prosjektleiar:" is the applicant's own: "finansiering" only as a word of its own)
_CAPTION_NOT_OWN = re.compile(r"søk|imdi|tilskudd|tilskot|budsjet|kostnad|(?<![a-zæøå])finansiering|ekstern|partner|andre|"
                              r"øvrige",
                              re.I)
_YEAR_CELL = re.compile(r"^(19|20)\d\d\b")
# whose contribution a caption names ("Frivilligsentralens egeninnsats:" is someone else's)
_CAPTION_OWNER = re.compile(r"\b(\w+s)\s+(?:egen|eigen|eiga)", re.I)
_OWN_OWNERS = {"kommunens", "fylkeskommunens", "bydelens", "prosjekteiers", "søkers", "våres"}


# a header cell that names the applicant's part ("Kommunens bidrag | 2025 | 2026 | Sum")
_OWNERS_PART = re.compile(r"^(?:(?:kommunens|kommunen sin|fylkeskommunens|fylkeskommunen sin|bydelens|bydelen sin)\s+"
                          r"(?:bidrag|andel|del|innsats|finansiering)|[\wæøå]+s\s+(?:egenandel|eigenandel|eigendel|"
                          r"egeninnsats|eigeninnsats)|(?:finansiert|dekt|dekket|betalt)\s+av\s+(?:kommunen|fylkeskommunen|"
                          r"bydelen|oss\s+selv|oss\s+sjølve))\s*$", re.I)
# "(ikke søkt dekket)": what the applicant pays itself, said beside the caption
_NOT_ASKED = re.compile(r"\b(ikke|ikkje)\s+(søkt|søkte|omsøkt)(\s+(dekket|dekt|om))?", re.I)


def _own_captioned_table(tables: list[list[Row]], third_party: "_ThirdParty"):
    """A table of its own right under a caption that names the own contribution ("Kommunens egeninnsats:" /
    "Eigen innsats frå kommunen:"), with rows such as "Veileder 20 % stilling | 62 500 | 150 000": its sum
    row, else its rows added up. When the table also counts hours or shares of a post, only a column headed
    by an amount ("Kroner", "Kostnad (kr)") is read, and without one the table gives nothing. Someone else's
    contribution ("Egeninnsats fra samarbeidspartnerne") and tables that hold the amount asked for are not
    this. Only tables of text lines have a caption (a table the PDF reader found has none)."""
    for table in tables:
        caption = table[0].caption
        first = table[0].cells
        if len(table) > 1 and len(first) > 1 and (_OWN_LABEL.match(first[0]) or _OWNERS_PART.match(first[0])) \
                and all(parse_amount(c) is None or _YEAR_CELL.match(c) for c in first[1:]):
            # (or the header row's first cell: "Egenandel Sandnes kommune | 2025 | 2026 | 2027")
            caption = first[0]
        owner = _CAPTION_OWNER.search(caption)
        if not caption or len(caption) > 90 or caption.endswith(".") \
                or _CAPTION_NOT_OWN.search(_NOT_ASKED.sub("", caption)) \
                or third_party.search(caption) \
                or (owner and owner.group(1).lower() not in _OWN_OWNERS
                    and owner.group(1).lower()[:-1] not in third_party.applicant) \
                or not (_OWN_LABEL.search(caption) or _OWN_TEXT.search(caption) or _OWN_CAPTION.search(caption)
                        or _OWNERS_PART.match(caption)):
            continue
        rows = [r for r in table if r.cells and not re.fullmatch(r"[-:\s]*", r.cells[0])]
        if any(_NOT_OWN_ROW.search(r.cells[0]) for r in rows):
            continue
        header = [h.strip() for h in rows[0].cells]
        is_header = all(parse_amount(c) is None or _YEAR_CELL.match(c) for c in header[1:])
        body = rows[1:] if is_header else rows
        amount_cols = [j for j, h in enumerate(header) if is_header and j > 0 and _AMOUNT_HEAD.search(h)]
        if is_header and not amount_cols and any(_COUNT_HEAD.search(h) for h in header[1:]):
            continue  # hours or shares of a post, with no amount to read

        def total(r: Row) -> int | None:
            if amount_cols:
                return r.amount(amount_cols[-1])
            return _row_total(r)

        sums = [r for r in body if _SUM_ROW.match(r.cells[0].strip())]
        if sums and total(sums[-1]):
            return total(sums[-1]), sums[-1].page, sums[-1].text
        parts = [r for r in body if r not in sums]
        values = [total(r) for r in parts]
        if parts and all(v is not None for v in values) and sum(values) > 0:
            return sum(values), parts[0].page, " / ".join(r.text for r in parts)
    return None


def _budget_total(tables: list[list[Row]]):
    """The last "Sum" row of a budget table whose rows are costs (the amount asked for when only one source)."""
    for table in tables:
        if not any(_SUM_ROW.fullmatch(r.cells[0].strip().lower()) for r in table if r.cells):
            continue
        if any(_OWN_ROW.search(r.cells[0]) for r in table if r.cells):
            continue
        heads = " ".join(table[0].cells).lower()
        if not re.search(r"post|kostnad|utgift|budsjett|20\d\d|beløp", heads):
            continue
        for r in reversed(table):
            if r.cells and _SUM_ROW.fullmatch(r.cells[0].strip().lower()):
                return _row_total(r), r.page, r.text
    return None


_OWN_TEXT = re.compile(
    r"egenandel|eigenandel|eigendel|egeninnsats|eigeninnsats|eget bidrag|eige bidrag|egne midler|eigne midlar|"
    r"egenfinansier|kommunens bidrag|kommunen sitt bidrag|egen innsats|"
    r"\b(kommun\w*|fylkeskommun\w*|bydel\w*|vi|klubben|foreningen|organisasjonen|stiftelsen|[A-ZÆØÅ]\w+ kommune)\s+"
    r"(?:selv\s+|sjølv\s+|sjølve\s+|også\s+|i tillegg\s+)?(dekker|dekkjer|bidrar|bidreg|legg inn|legger inn|går inn med|stiller med|"
    r"legg i tillegg inn|legger i tillegg inn|legg òg inn|legger også inn|"
    r"stiller selv med|stiller sjølv med|stiller også med|"
    r"har satt av|har sett av|setter av|set av|finansierer|skyt inn|skyter inn)|"
    # the verb first: "I tillegg legger kommunen inn 300 timer à 550 kr"
    r"\b(legg|legger)\s+(kommunen|bydelen|fylkeskommunen|vi)\s+(også\s+|òg\s+|i tillegg\s+)?inn\b|"
    r"\b(dekker|dekkjer|bidrar|bidreg)\s+([A-ZÆØÅ]\w+\s+)?(kommun\w*|fylkeskommun\w*|bydel\w*)|"
    r"\b[\w-]*(avdelingen|avdelinga|tjenesten|tenesta|etaten|senteret|skolen|skulen|voksenopplæring|voksenopplæringen|"
    r"vaksenopplæring|vaksenopplæringa|læringssenter)\s+(selv\s+|sjølv\s+)?(bidrar|bidreg|stiller|dekker|dekkjer) |"
    # "selv" after the verb: "dekker vi selv kr 190 000", "Gran kommune tar selv 30 %", "legg sjølv inn
    # arbeidstid"; the applicant is the subject ("Deltakerne betaler selv kursavgift" is not an own contribution)
    r"\b(dekker|dekkjer|tar|legg|legger|bidrar|bidreg|finansierer|betaler|betalar|ber|bær|bærer)\s+(vi|kommunen|bydelen|fylkeskommunen)\s+(selv|sjølv)\b|"
    r"\b(dekker|dekkjer|finansierer|bidrar|bidreg)\s+(selv|sjølv)\b|"  # "AS-et dekker selv 20 prosent" (not the participants: avoid)
    r"\b(kommun\w*|fylkeskommun\w*|bydel\w*|vi|[A-ZÆØÅ]\w+ (?:kommune|herad))\s+(tar|legg|legger|betaler|betalar|ber|bær|"
    r"bærer)\s+(selv|sjølv|sjølve)\b|"
    # what the applicant puts in, valued: "stiller kurslokaler og 20 % stilling, verdsatt til 160 000 kr",
    # "bidrar med dugnadsinnsats verdsatt til 80 000 kr"
    r"\b(stiller|stiller med|bidrar med|bidreg med|dekker|dekkjer|dugnad\w*)\b[^.]{0,120}?\b(verdsatt|verdsett|rekna|regnet|beregnet|"
    r"berekna)\s+til\b", re.I)
_TOTAL_WORDS = re.compile(r"\b(samlet|samla|til sammen|til saman|totalt|i alt|over (hele )?(prosjekt)?perioden|"
                          r"i prosjektperioden|over (to|tre|fire) år|for (to|tre|fire) år)\b", re.I)
_PER_YEAR = re.compile(r"^\s*(kroner|kr\.?|nok|,-)?\s*(per år|pr\.? år|i året|årlig|årleg|kvart år|hvert år|i år|"
                       r"per prosjektår|pr\.? prosjektår|for hvert prosjektår|i prosjektåret|"
                       # a year of the course, the school or the budget ("per kursår", "kvart skuleår", "per budsjettår")
                       r"(?:per|pr\.?|hvert|kvart|for hvert|for kvart)\s+(?:kurs|skole|skule|opplærings|budsjett|program)år)\b",
                       re.I)
_PER_MONTH = re.compile(r"^\s*(?:kroner|kr\.?|nok|,-)?\s*(?:i måneden|i månaden|per måned|per månad|pr\.? mnd\.?|"
                        r"pr\.? måned|per mnd\.?|i mnd\.?|månedlig|månadleg)", re.I)
# the months a monthly amount runs ("12 500 kr per måned i hele prosjektperioden på 18 måneder")
_MONTHS_SAID = re.compile(r"[^.;]{0,60}?\b(?:på|i|over|for)\s+(?:de\s+|dei\s+)?(\d{1,2}|[a-zæøå]+)\s+"
                          r"(?:måneder|månader|mnd|månedene|månadene)\b", re.I)
# the months named ("i kursperioden fra september til mai"): their count
_MONTHS_NAMED = re.compile(rf"[^.;]{{0,60}}?\b(?:fra|frå)\s+({MONTH_NAMES})\s+(?:til|og ut)\s+({MONTH_NAMES})\b", re.I)
_PER_OTHER = re.compile(r"^\s*(kroner|kr\.?|nok|,-)?\s*(i måneden|per måned|pr\.? mnd|per deltaker|per time|i timen|per kull)", re.I)


_UNIT = r"(?:\s*(?:kroner|kr\.?|nok|,-))?"
# a calculation's result: "à 650 kr = 227 500 kr", "25 % av ... kr 600 000, det vil si kr 150 000"
_CALC_RESULT = re.compile(r"(=|\bdet vil si|\bdvs\.?|\baltså|\bsom utgjør|\bsom utgjer)\s*(?:kr\.?\s*|nok\s*)?$", re.I)
_AMOUNT_TOTAL_AFTER = re.compile(rf"^{_UNIT}\s*(?:totalt|til sammen|til saman|i alt|samlet|samla)\b", re.I)
_AMOUNT_TOTAL_BEFORE = re.compile(r"(?<!\bav )(?<!\bav et )\b(?:totalt|til sammen|til saman|i alt|samlet|samla)\s*(?:på\s*|er\s*)?"
                                  r"(?:kr\.?\s*|nok\s*)?$", re.I)
_WHOLE_PERIOD_AFTER = re.compile(rf"^{_UNIT}\s*(?:for|i|over)\s+(?:hele|heile)\s+(?:prosjekt)?perioden\b|"
                                 rf"^{_UNIT}\s*(?:i|for)\s+prosjektperioden\b", re.I)
_IN_YEAR = re.compile(rf"^{_UNIT}\s*(?:i|for)\s+(?:året\s+|høsten\s+|hausten\s+|våren\s+)?((?:19|20)\d\d)\b",
                     re.I)
_OPEN_PAREN = re.compile(r"\(\s*(?:kr\.?\s*|nok\s*)?$", re.I)
_CLOSE_PAREN = re.compile(rf"^{_UNIT}(?:\s*(?:per år|pr\.? år|i året|årlig|årleg))?\s*\)", re.I)
# between two amounts of a yearly list: a comma or "og", not a comparison ("400 000 kr i 2026, mot 350 000 kr i 2025")
_LIST_JOIN = re.compile(r"^[^.;]{0,40}?(,|\bog\b)", re.I)
_COMPARISON = re.compile(r"\b(mot|enn|sammenlignet|samanlikna)\b", re.I)


# the words that value one thing each ("verdsatt til"), not those that restate a sum ("tilsvarende", "utgjør")
_VALUED_EACH = re.compile(r"\b(verdsatt|verdsett|beregnet|berekna|rekna|regnet|anslått|verdi av|verdien av)\b", re.I)


def _valued_one_by_one(text: str, amounts: list[tuple[int, int, int]], years: int | None) -> int | None:
    """Two or more things, each valued ("20 % stilling (verdsatt til 180 000 kr per år) og lokaler verdsatt til 60 000
    kr per år"), when every amount is one of them: their sum for the period, a yearly one once per year."""
    valued = [a for a in amounts if _VALUED_EACH.search(text[max(0, a[1] - 25):a[1]])]
    if len(valued) < 2 or len(valued) != len(amounts):
        return None
    return sum(a[0] * (years if years and _PER_YEAR.match(text[a[2]:a[2] + 25]) else 1) for a in valued)


def _period_amount(text: str, amounts: list[tuple[int, int, int]], years: int | None, months: int | None = None) -> int:
    """The amount for the whole period among ``amounts`` (those after the cue): a calculation's result
    ("à 650 kr = 227 500 kr"), an amount called the total, a sum of one amount per named year or of
    items in brackets ("lokaler (40 000 kr), ... og skyss (15 000 kr)"), one yearly amount times the years, or one
    monthly amount times the months it says or the project's ``months``."""
    if len(amounts) == 1 and _PER_MONTH.match(text[amounts[0][2]:amounts[0][2] + 25]):
        said = _MONTHS_SAID.match(text, amounts[0][2])
        n = _to_int(said.group(1)) if said and said.group(1).isdigit() else (
            number_word_value(said.group(1)) if said else None)
        named = None if n else _MONTHS_NAMED.match(text, amounts[0][2])
        if named:
            n = (_MONTHS[named.group(2).lower()] - _MONTHS[named.group(1).lower()]) % 12 + 1
        if n or months:
            return amounts[0][0] * (n or months)
    # a rate beside the period's sum ("5 000 kroner i måneden (85 000 kroner for hele perioden)"): the sum
    whole = [a for a in amounts if _WHOLE_PERIOD_AFTER.match(text[a[2]:a[2] + 40])]
    if whole and all(_PER_OTHER.match(text[a[2]:a[2] + 25]) or _PER_YEAR.match(text[a[2]:a[2] + 25])
                     for a in amounts if a not in whole):
        return whole[0][0]
    each = _valued_one_by_one(text, amounts, years)
    if each is not None:
        return each
    results = [a for a in amounts if _CALC_RESULT.search(text[max(0, a[1] - 16):a[1]])]
    if results:
        last = results[-1]
        # a further part after the calculation ("400 timer à 550 kr = 220 000 kr, i tillegg lokaler ... til en verdi
        # av 30 000 kr")
        more = [a for a in amounts if a[1] > last[2] and _IN_ADDITION.search(text[last[2]:a[1]])
                and not re.search(r"[.;]\s+[A-ZÆØÅ]", text[last[2]:a[1]])
                and _VALUED.search(text[last[2]:a[1]]) and not _PER_OTHER.match(text[a[2]:a[2] + 25])]
        if more and not _PER_YEAR.match(text[last[2]:last[2] + 25]):
            return last[0] + sum(a[0] for a in more)
        # "20 % stilling = 130 000 kr per år": the result is yearly
        return last[0] * years if years and _PER_YEAR.match(text[last[2]:last[2] + 25]) else last[0]
    for a in amounts:
        if _AMOUNT_TOTAL_AFTER.match(text[a[2]:a[2] + 25]) or _AMOUNT_TOTAL_BEFORE.search(text[max(0, a[1] - 30):a[1]]):
            if not _PER_YEAR.match(text[a[2]:a[2] + 25]):
                return a[0]
            # a yearly total: the period's total where one is given ("til sammen kr 150 000 per år og kr 200 000 for
            # hele perioden"), else the yearly one times the years ("..., hvorav kr 100 000 er lønn")
            whole = [b for b in amounts if b is not a and _WHOLE_PERIOD_AFTER.match(text[b[2]:b[2] + 40])]
            if whole:
                return whole[0][0]
            return a[0] * years if years else a[0]
    in_years = [(a, _IN_YEAR.match(text[a[2]:a[2] + 25])) for a in amounts]
    named = [(a, m.group(1)) for a, m in in_years if m]
    gaps = [text[a[2]:b[1]] for (a, _), (b, _) in zip(named, named[1:])]
    if len(named) >= 2 and len({y for _, y in named}) == len(named) and all(
            _LIST_JOIN.match(gap) and not _COMPARISON.search(gap) for gap in gaps):
        return sum(a[0] for a, _ in named)
    items = [a for a in amounts if _OPEN_PAREN.search(text[max(0, a[1] - 8):a[1]])
             and _CLOSE_PAREN.match(text[a[2]:a[2] + 12])]
    if len(items) >= 2 and len(items) == len(amounts):
        # ("10 % stilling (65 000 kr per år) og lokaler (20 000 kr per år)": each yearly one once per year)
        return sum(a[0] * (years if years and _PER_YEAR.match(text[a[2]:a[2] + 25]) else 1) for a in items)
    parts = [a for a in amounts if a[0] >= 1000 and not _PER_OTHER.match(text[a[2]:a[2] + 25])]
    made_of = _MADE_OF.search(text)
    if made_of and len(parts) >= 2 and all(a[1] > made_of.end() for a in parts) \
            and all(re.search(r"\bog\b|,|\+", text[a[2]:b[1]]) for a, b in zip(parts, parts[1:])):
        # the own contribution told as its parts ("Egenandelen består av 100 000 kr i kontanter ... og egeninnsats i
        # form av arbeidstid tilsvarende 80 000 kr"): their sum
        return sum(a[0] * (years if years and _PER_YEAR.match(text[a[2]:a[2] + 25]) else 1) for a in parts)
    value = amounts[0][0]
    if years and _YEARLY_BEFORE.search(text[max(0, amounts[0][1] - 60):amounts[0][1]]) \
            and not _WHOLE_PERIOD_AFTER.match(text[amounts[0][2]:amounts[0][2] + 40]):
        return value * years  # "en årlig egenandel på 175 000 kr"
    if _PER_YEAR.match(text[amounts[0][2]:amounts[0][2] + 25]):
        # (not the same told per month: "180 000 kroner per år (15 000 kr per måned)")
        others = [a for a in amounts[1:] if not _PER_YEAR.match(text[a[2]:a[2] + 25])
                  and not _PER_OTHER.match(text[a[2]:a[2] + 25]) and not _PER_MONTH.match(text[a[2]:a[2] + 25])]
        if others:
            return others[0][0]
        if years:
            return value * years
    return value


_UNIT_PRICE = re.compile(r"(?:\bà|\bá|\ba|\bx|@)\s*(?:kr\.?|nok)?\s*$", re.I)
# a yearly amount said before it ("en årlig egenandel på 175 000 kr", "ein årleg eigeninnsats på")
_YEARLY_BEFORE = re.compile(r"\b(?:årlig|årleg|årlige|årlege)\s+(?:egenandel|eigenandel|eigendel|egeninnsats|eigeninnsats|"
                            r"bidrag|andel|innsats)\w*\s+(?:på|er|om lag|ca\.?)\s*(?:om lag\s+|ca\.?\s+|kr\.?\s*)?$", re.I)
# the own contribution told as its parts ("Egenandelen består av ...", "Eigendelen er sett saman av ...")
_MADE_OF = re.compile(r"\b(?:egenandel|eigenandel|eigendel|egeninnsats|eigeninnsats)\w*\s+(?:består av|bestå av|er sett saman av|"
                      r"er satt sammen av|fordeler seg på|fordeler seg slik)", re.I)
_LIST_ITEM = re.compile(r"^\s*(?:[-•*–]|\d+[.)])\s+")


def _heading_line(lines: list, k: int) -> bool:
    """A heading: marked so by the PDF's fonts, or, in plain text, a short line standing alone that does not
    end like a sentence or a field ("6. Kommunens egenfinansiering")."""
    ln = lines[k]
    if ln.heading:
        return True
    alone_before = k == 0 or not lines[k - 1].text.strip()
    alone_after = k + 1 >= len(lines) or not lines[k + 1].text.strip()
    return alone_before and alone_after and heading_shape(ln.text.strip())


def _own_from_list(doc: Document, years: int | None):
    """An own contribution given as a list of what the applicant puts in, under a heading of its own
    ("## Kommunens egenfinansiering" / "- prosjektleder 20 % stilling, kr 150 000 per år" / "- lokaler, kr 40 000
    per år" / ...): the sum of the items, a yearly item times the years. Every item must carry an amount, and a
    total said in the section's prose is left to the text reading."""
    for page in doc.pages:
        lines = page.lines
        for k, ln in enumerate(lines):
            if not _OWN_LABEL.search(ln.text) or not _heading_line(lines, k):
                continue
            items: list[str] = []
            prose: list[str] = []
            for j in range(k + 1, len(lines)):
                nxt = lines[j]
                if _heading_line(lines, j):
                    break
                if not nxt.text.strip():
                    continue
                if _LIST_ITEM.match(nxt.text):
                    items.append(_LIST_ITEM.sub("", nxt.text))
                elif items and (nxt.text.strip()[:1].islower() or _WRAPPED.search(items[-1])):
                    items[-1] += " " + nxt.text.strip()  # an item wrapped onto the next line
                else:
                    prose.append(nxt.text)  # (the section's prose, also after the list)
            if len(items) < 2 or any(_TOTAL_WORDS.search(p) and parse_amounts(p) for p in prose):
                continue
            total = 0
            for item in items:
                amounts = [a for a in parse_amounts(item) if not _UNIT_PRICE.search(item[:a[1]])]
                if not amounts:
                    break
                per_year = _PER_YEAR.match(item[amounts[-1][2]:amounts[-1][2] + 25])
                if per_year and not years:
                    break
                total += _period_amount(item, amounts, years)
            else:
                return total, page.number, ln.text
    return None


_IN_ADDITION = re.compile(r"\b(i tillegg|dessuten|utover dette|ut over dette|utover det)\b", re.I)
# someone else's effort said to come in addition ("frivillig innsats fra kommunens samarbeidspartner Røde Kors")
_SOMEONE_ELSES = re.compile(r"\bfrivillig\w*\s+(?:innsats|timer|timar|arbeid)|\bdugnad|\bsamarbeidspartner\w*|\bpartner\w*|"
                            r"\b(?:fra|frå)\s+(?:Nav|NAV|Røde Kors)\b", re.I)
# "I tillegg kommer kommunens lokaler og utstyr ..., som vi har verdsatt til 45 000 kr"
_COMES_IN_ADDITION = re.compile(r"\bi tillegg (?:kommer|kjem)\b|\b(?:kommer|kjem) i tillegg\b", re.I)
_VALUED = re.compile(r"\b(verdsatt|verdsett|verdsetter|verdset|verdsettes|verdsetjast|beregnet|berekna|rekna|regnet|verdien|verdi|tilsvarer|tilsvarar|"
                     r"tilsvarende|tilsvarande|utgjør|utgjer|anslått|anslag)\b", re.I)
_VALUE_NEXT = re.compile(r"^\s*(dette|det|verdien|desse|disse|lokalene|lokala|ressursen|innsatsen)\b|"
                         # "Vi har beregnet den til 50 000 kr i 2025 og 120 000 kr i 2026."
                         r"^\s*vi\s+(har\s+)?(verdsatt|verdsett|beregnet|berekna|rekna|regnet)\s+(den|det|dette|dei|dem|desse|disse)\b",
                         re.I)
# the part told, then valued after a comma ("Praksisveilederne bruker om lag en halv dag per uke per deltaker, og dette
# er beregnet til 180 000 kr per prosjektår", "..., noe som tilsvarer om lag 180 000 kr"): the part when the sentence
# measures it in time or room, or its subject is what the sentence before gave ("I tillegg stiller kommunen med
# veiledere ... Veilederne følger opp ..."); not a cost named and priced ("Vi bruker tolk ..., og dette er beregnet til")
_VALUED_AFTER = re.compile(r"^[^.]{0,160}?,\s+(?:og\s+)?(?:(?:dette|det|dei|de|verdien)\s+(?:er\s+|blir\s+|vert\s+)?|noe som\s+|"
                           r"noko som\s+)(?:beregnet|berekna|verdsatt|verdsett|rekna|regnet|anslått|tilsvarer|tilsvarar|utgjør|"
                           r"utgjer)\b", re.I)
_MEASURED = re.compile(r"^[^.,]{0,160}?(?:\b(?:timer|timar|time|dag|dager|dagar|uke|uka|veke|veka|stilling|årsverk|prosent|"
                       r"kvadratmeter|m2|m²)\b|\d\s?%)", re.I)


def _stems(text: str) -> set[str]:
    """The first six letters of each word of six or more: enough to find the same word inflected ("veiledere" /
    "Veilederne", "kommune" / "Kommunens")."""
    return {w[:6] for w in re.findall(r"[a-zæøå]{6,}", text.lower())}


def _values_the_part(part: str, nxt: str) -> bool:
    """The sentence after a part of the own contribution gives its value."""
    if _VALUE_NEXT.match(nxt):
        return True
    if not _VALUED_AFTER.match(nxt):
        return False
    if _MEASURED.match(nxt):
        return True
    subject = " ".join(nxt.lower().split()[:2])
    return any(st in subject for st in _stems(part))


# a sentence that names the own contribution itself ("Denne egeninnsatsen er beregnet til kr 240 000 i perioden")
_PART_OWN_WORD = re.compile(r"\b(egeninnsats\w*|eigeninnsats\w*|egenandel\w*|eigenandel\w*|eigendel\w*|"
                            r"egen innsats|eigen innsats)\b", re.I)
# the applicant's side as the one who gives, also first in a sentence ("Bydelen stiller møterom ..."), not another
# foundation ("Stiftelsen Kirkens Bymisjon")
# a municipality's own services ("biblioteket", "Flyktningtjenesten", "Larvik læringssenter")
_MUNICIPAL_UNITS = (r"[Bb]iblioteket|[Ff]olkebiblioteket|[Kk]ulturhuset|[\wæøåÆØÅ]*[Vv]oksenopplæring(?:en)?|"
                    r"[\wæøåÆØÅ]*[Vv]aksenopplæring(?:a)?|[\wæøåÆØÅ]*[Tt]jenesten|[\wæøåÆØÅ]*[Tt]enesta|"
                    r"[\wæøåÆØÅ]*[Ll]æringssenter(?:et)?")
_GIVER = (r"[Kk]ommunen|[Kk]ommunens|[Bb]ydelen|[Bb]ydelens|[Ff]ylkeskommunen|[Ff]ylkeskommunens|[Vv]i|"
          r"[Ss]tiftelsen(?!\s+[A-ZÆØÅ])|[Ff]oreningen(?!\s+[A-ZÆØÅ])|[Oo]rganisasjonen(?!\s+[A-ZÆØÅ])|"
          r"[A-ZÆØÅ]\w+ (?:fylkes)?kommune|Bydel [A-ZÆØÅ]\w+|"
          # a department of the applicant's own ("I tillegg stiller HR-avdelingen med en rådgiver ...")
          r"(?:[\wæøåÆØÅ]+-)?[\wæøåÆØÅ]*[Aa]vdelingen|[Ss]eksjonen|"
          # or one of its services ("Lokala ... stiller biblioteket utan kostnad for prosjektet", "Flyktningtjenesten
          # bidrar med veiledningstid")
          + _MUNICIPAL_UNITS)
_PART_GIVER = re.compile(r"\b(" + _GIVER + r")\b")
# a municipality's own service as a giver (a part only in a municipality's, a county's or a bydel's application)
_MUNICIPAL_UNIT = re.compile(_MUNICIPAL_UNITS)
# the applicant's side gives ("Kommunen stiller lokaler ... til disposisjon", "dekkjer sjølv")
_PART_GIVES = re.compile(r"\b(stiller|bidrar|bidreg|går inn med|gjeng inn med|legger inn|legg inn|dekker|dekkjer)\b", re.I)
# given without the giver named ("Undervisningslokala blir stilte til disposisjon utan kostnad for prosjektet")
_GIVEN_PASSIVE = re.compile(r"\b(stilles|stillast|blir stilt|blir stilte|vert stilt|vert stilte|er stilt|er stilte)\s+"
                            r"(\w+\s+){0,3}?til (disposisjon|rådighet|rådvelde)|"
                            r"\b(dekkes|dekkast|dekt|betales|betalast)\s+av\s+(kommunen|fylkeskommunen|bydelen|oss|søker|"
                            r"iks-et|selskapet|stiftelsen|foreningen|organisasjonen)\b", re.I)
# the whole own contribution named as such ("Samlet egeninnsats er dermed 480 000 kroner", "Egenandelen er til
# sammen ..."), not a part's total over the years ("stiller prosjektleder som egeninnsats, til sammen 300 000 kroner
# over prosjektperioden")
_WHOLE_OWN = re.compile(r"\b(samlet|samla|samlede|totalt|total|til sammen|til saman|i alt)\s+(\w+\s+){0,2}?"
                        r"(egen|eigen)(andel|innsats|del|finansiering)\w*|\b(egen|eigen)(andel|innsats|del|finansiering)"
                        r"\w*\s+(er|blir|vert|utgjør|utgjer)\s+(dermed\s+|da\s+|altså\s+)?(til sammen|til saman|"
                        r"totalt|samlet|samla|i alt)\b", re.I)
# not a further part: the grant asked of IMDi, a share of the budget, a breakdown of what was read ("Den største delen
# er ...", "herav"), a restatement ("tilsvarende 300 000 kroner for de to årene" is handled by _period_amount)
_NOT_A_PART = re.compile(r"\b(søker|søkjer|søkes|søkt|omsøkt|tilskudd\w*|tilskot\w*|imdi|totalbudsjett\w*|"
                         r"samlede kostnader|samla kostnader|totale kostnader|største del\w*|"
                         # (not "regnes som en del av egenandelen": a part of the own contribution)
                         r"en del av(?!\s+(?:egenandel|eigenandel|eigendel|egeninnsats|eigeninnsats)\w*)|herav|hvorav|"
                         r"(?<!verdien )(?<!verdi )av dette|(?<!verdien )av desse|(?<!verdien )av disse)\b|(?:%|\bprosent)\s+av\s+(?:de[nt]?\s+|dei\s+)?(?:total|samla|samlede|"
                         r"budsjett|kostnad|søknad|prosjekt)", re.I)
# the applicant's side right before or after the verb that gives ("Bydelen stiller", "I tillegg dekker bydelen")
_GIVER_GIVES = re.compile(r"\b(?:" + _GIVER + r")\s+(?:\w+\s+){0,2}?(?:stiller|bidrar|bidreg|går inn|gjeng inn|legger inn|"
                          r"legg inn|dekker|dekkjer)\b|\b(?:stiller|bidrar|bidreg|dekker|dekkjer|legger|legg)\s+"
                          r"(?:også\s+|òg\s+|selv\s+|sjølv\s+)?(?:" + _GIVER + r")\b|"
                          # its own staff's time, valued by the applicant ("som vi har verdsatt til 100 000 kroner")
                          r"\b(?:som|noe|noko|det|dette)\s+vi\s+(?:har\s+)?(?:verdsatt|verdsett|verdsetter|verdset|beregnet|berekna|"
                          r"rekna|regnet)\b")
# the same with the applicant's side only by its pronoun-like names ("kommunen", "vi"), not any "X kommune" or
# "Bydel X", which may be a partner; the applicant's own names are added where it is known (_applicant_side)
_OWN_SIDE = r"[Kk]ommunen|[Kk]ommunens|[Bb]ydelen|[Bb]ydelens|[Ff]ylkeskommunen|[Ff]ylkeskommunens|[Vv]i"
_OWN_SIDE_GIVES = re.compile(_GIVER_GIVES.pattern.replace(_GIVER, _OWN_SIDE))
# a form field that names the kind of part its amount is ("240 000 kr i arbeidstid", "20 % stilling")
_FIELD_PART = re.compile(r"\b(arbeidstid|stilling\w*|årsverk|timer|timar|lokal\w*|husleie|husleige)\b", re.I)
# "i tillegg til" what the form says: the one case where a form field's amount gets a part added
_IN_ADDITION_TO = re.compile(r"\b(i tillegg til|utover)\b", re.I)


_BARE_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0.]\d{3})+|\d+")


# the part the sentence before described, valued as own contribution ("Denne eigeninnsatsen er verdsett til ...")
_THIS_OWN = re.compile(r"\b(denne|dette|desse|disse)\s+(egeninnsats\w*|eigeninnsats\w*|egenandel\w*|eigenandel\w*|"
                       r"eigendel\w*|bidrag\w*|innsats\w*)\b", re.I)
# a breakdown of the own contribution, or another project's ("består av", "er en del av egenandelen", "I forrige prosjekt")
_BREAKDOWN = re.compile(r"\b(består av|er ein del av|er en del av|herav|av dette|forrige|førre|tidligere|tidlegare)\b",
                        re.I)

# a part the budget leaves out ("Dette er ikke ført opp i budsjettet nedenfor", "Denne innsatsen er ikkje teken med i
# tabellen over")
_OUTSIDE_BUDGET = re.compile(
    r"\b(?:ikke|ikkje)\s+(?:\w+\s+){0,2}?(?:ført opp|ført|tatt med|teke med|teken med|tatt inn|teke inn|med)\s+i\s+"
    r"(?:budsjettet|tabellen|budsjettabellen|budsjetttabellen)\b|\b(?:utenom|utanfor) budsjettet\b", re.I)
# a part the applicant pays for itself, in the budget or beside it ("finansiert av kommunen selv", "som kommunen dekker
# selv", "med egne midler", "over eget budsjett")
_SELF_PAID = re.compile(
    r"\bover (?:eget|eige|sitt eget|sitt eige|kommunens|bydelens|fylkeskommunens) budsjett\b|"
    r"\b(?:dekker|dekkjer|betaler|finansierer)\s+(?:\w+\s+)?(?:selv|sjølv)\b|"
    r"\bfinansiert av (?:kommunen|bydelen|fylkeskommunen|oss) (?:selv|sjølv)\b|\b(?:med|av|over)\s+(?:egne|eigne)\s+midl(?:er|ar)\b",
    re.I)
# the kind of thing a part is: staff time, or rooms (a budget row of the applicant's rooms and a sentence on its staff
# are two parts; a sentence on the same kind as the row is the row told again)
_STAFF_PART = re.compile(r"\b(?:stilling\w*|årsverk|timer|timar|arbeidstid|lønn|løn)\b|\d\s?%|"
                         r"(?:leder|leiar|rådgiver|rådgjevar|koordinator|sykepleier|sjukepleiar|psykolog|lærer|lærar|"
                         r"konsulent|veileder|rettleiar)\w*\b", re.I)
_ROOM_PART = re.compile(r"\b(?:lokal\w*|husleie|husleige|møterom\w*|rom|kontor\w*)\b", re.I)
# "legg i tillegg inn 20 % stilling": the verb and its particle apart
_PUTS_IN = re.compile(r"\b(?:legger|legg|går|gjeng)\s+(?:\w+\s+){1,2}?inn\b", re.I)


def _part_kinds(text: str) -> set[str]:
    return {k for k, rx in (("staff", _STAFF_PART), ("room", _ROOM_PART)) if rx.search(text)}


def _applicant_side(applicant: str | None, sentences: list[Sentence]) -> re.Pattern:
    """The applicant by its names, its first word ("Opplæringskontoret for helse- og oppvekstfag i Salten":
    "opplæringskontoret") and the short form the text gives it ("Opplæringskontoret for helse- og oppvekstfag i
    Sunnhordland (OKHS) er ..."); matches nothing without an applicant."""
    names = _applicant_names(applicant)
    if not names:
        return re.compile(r"(?!)")
    plain = names[1] if len(names) > 1 else names[0]
    words = re.findall(r"[A-ZÆØÅa-zæøå][\wæøåÆØÅ]*", plain)
    # (its first word where that is a definite noun, "Opplæringskontoret"; not a place, "Askøy" of "Askøy kommune",
    # which names partners too: "Nav Askøy")
    extra = [words[0]] if len(words) > 1 and len(words[0]) >= 6 and re.search(r"(?:et|en)$", words[0]) \
        and applicant_type_of(applicant) == "other" else []
    defined = re.compile(re.escape(plain) + r"\s*\(([A-ZÆØÅ][A-ZÆØÅa-zæøå-]{1,9})\)")
    extra += [m.group(1) for s in sentences for m in defined.finditer(s.text)]
    return re.compile(r"\b(" + "|".join(map(re.escape, dict.fromkeys(names + extra))) + r")\b", re.I)


def _own_parts(sentences: list[Sentence], primary: str, primary_value: int, third_party: "_ThirdParty",
               years: int | None, *, how: str, applicant: str | None = None,
               in_tables: frozenset[int] = frozenset(), months: int | None = None):
    """Further parts of the own contribution, beside the one already read (``primary``, worth ``primary_value``
    for the period), each valued in its sentence or the next: (their sum for the period, their texts), or None.

    ``how`` says how wide to look, by where the first part was read:
    - "text" (a sentence): every sentence where the applicant's side gives something valued ("Kommunen stiller
      også undervisningsrom ... til disposisjon, verdsatt til 90 000 kr i året") or that values the own
      contribution itself ("Denne egeninnsatsen er beregnet til kr 240 000 i perioden");
    - "table" (a budget row, a list, a column): what is said to come "i tillegg"/"dessuten", the part the
      sentence before described, valued as own contribution ("Denne eigeninnsatsen er verdsett til 140 000 kr per år"),
      and a part the applicant's side gives and values beside the table, with an amount the tables do not hold
      (``in_tables``), when the text says the budget leaves it out ("Dette er ikke ført opp i budsjettet", "som
      kommunen dekker selv") or it is of another kind than the rows read (staff time beside a row of rooms);
    - "field" (a form field that names the part it is, "240 000 kr i arbeidstid"): only what is said to come
      "i tillegg til" it (a field with a bare amount is the whole, and this is not asked).
    With no first part (``primary`` empty), the parts alone are the own contribution.
    A yearly part counts once per year. A part whose amount was already read, parts that add up to the first
    one (its breakdown), someone else's money and a total of the whole own contribution are not added."""
    if how == "text" and _WHOLE_OWN.search(primary):
        return None  # "Samlet egeninnsats er 480 000 kroner": the whole, already
    seen = {a[0] for a in parse_amounts(primary)}
    side = _applicant_side(applicant, sentences) if how == "table" else None
    parts: list[tuple[int, str]] = []
    for idx, s in enumerate(sentences):
        text = s.text
        if primary and (text in primary or primary in text) or third_party.search(text):
            continue
        if _NOT_A_PART.search(text):
            continue  # what is asked of IMDi, a share of the budget, or a breakdown of the first part
        if _other_giver(text, third_party.applicant):
            continue  # another body's part ("Nav Stovner bidrar med egeninnsats tilsvarende 80 000 kr")
        giver = _PART_GIVER.search(text)
        if giver and _MUNICIPAL_UNIT.fullmatch(giver.group(1)) and not _OWN_SIDE_NAME.search(third_party.applicant):
            giver = None  # (the municipality's library gives to an organisation's project: the municipality's part)
        if giver and not _GIVER_GIVES.search(text):
            giver = None  # the applicant named, but someone else gives ("I tillegg bidrar Nav Askøy ..., og vi anslår")
        # a giver by name right after a sentence that names the own contribution ("I tillegg kjem kommunen sin
        # eigeninnsats. Volda læringssenter stiller undervisningsrom ... til disposisjon, verdsett til 40 000 kr.")
        named = idx > 0 and _PART_OWN_WORD.search(sentences[idx - 1].text) and not parse_amounts(sentences[idx - 1].text)
        beside = False
        if how == "field":
            # (the field names its own part: a part "i tillegg" is another)
            wanted = ((_IN_ADDITION_TO.search(text) or _IN_ADDITION.search(text)) and _PART_GIVES.search(text) and giver) \
                or (_COMES_IN_ADDITION.search(text) and _VALUED.search(text))  # "... verdsatt til 85 000 kr per år og
            # kommer i tillegg til beløpet i punkt 7"
        elif how == "table":
            # said to come in addition, or the part just described valued as own contribution beside the table's row
            # ("Kommunen set av ein koordinator ... Denne eigeninnsatsen er verdsett til 140 000 kr per år"; not the
            # whole of it, "Samlet egeninnsats er ...", nor the row again in words or broken down, "Egeninnsatsen
            # består av ...", "Kommunens egeninnsats er anslått til ca. 310 000 kr")
            wanted = (_IN_ADDITION.search(text) and _PART_GIVES.search(text) and giver) or (
                _THIS_OWN.search(text) and _VALUED.search(text) and parse_amounts(text)
                and not _WHOLE_OWN.search(text) and not _BREAKDOWN.search(text))
            if not wanted and not _WHOLE_OWN.search(text) and not _BREAKDOWN.search(text) and (
                    _OWN_SIDE_GIVES.search(text) or (side.search(text)
                                                  and (_PART_GIVES.search(text) or _PUTS_IN.search(text)))):
                wanted = beside = True
        else:
            wanted = (_PART_GIVES.search(text) and (giver or named)) or _PART_OWN_WORD.search(text) \
                or _GIVEN_PASSIVE.search(text) or (_COMES_IN_ADDITION.search(text) and _PART_GIVER.search(text)
                                                   and not _SOMEONE_ELSES.search(text))
        if not wanted:
            continue
        # valued in the sentence, or an amount said to come "i tillegg" ("I tillegg dekker bydelen 20 % av en
        # stilling, om lag kr 150 000 årlig")
        value_sentence = text if (_VALUED.search(text) or _IN_ADDITION.search(text) or (
            beside and (_OUTSIDE_BUDGET.search(text) or _SELF_PAID.search(text)))) and parse_amounts(text) else None
        if value_sentence is None and idx + 1 < len(sentences):
            nxt = sentences[idx + 1].text
            if _values_the_part(text, nxt) and _VALUED.search(nxt) and not third_party.search(nxt):
                value_sentence = nxt
        if not value_sentence:
            continue
        if how == "text" and _WHOLE_OWN.search(value_sentence):
            return None  # the whole own contribution said at once: the first reading had its chance
        amounts = [a for a in parse_amounts(value_sentence) if a[0] >= 1000 and not _UNIT_PRICE.search(
            value_sentence[:a[1]]) and not _PER_OTHER.match(value_sentence[a[2]:a[2] + 25])]
        monthly = [a for a in parse_amounts(value_sentence) if a[0] >= 1000
                   and _PER_MONTH.match(value_sentence[a[2]:a[2] + 25])]
        if not amounts and len(monthly) == 1 and months:
            amounts = monthly  # "Dette er rekna til 3 000 kr i månaden i heile prosjektperioden"
        if not amounts or any(a[0] in seen for a in amounts) or sum(a[0] for a in amounts) == primary_value:
            continue  # read already, or the first part's breakdown
        if beside and not _OUTSIDE_BUDGET.search(text + " " + (sentences[idx + 1].text if idx + 1 < len(sentences)
                                                                 else "")):
            # (unless the text says the budget leaves it out) not an amount of the tables, a row told in words, nor
            # the same kind of part as the rows read, those rows told again
            kinds, row_kinds = _part_kinds(text), _part_kinds(primary)
            if any(a[0] in in_tables for a in amounts) or not kinds or not row_kinds or kinds & row_kinds:
                continue
        # (several things valued one by one count each, before a sum for the whole period said beside them)
        value = _valued_one_by_one(value_sentence, amounts, years)
        if value is None:
            value = _period_amount(value_sentence, amounts, years, months)
        if value == primary_value:
            continue
        seen.update(a[0] for a in amounts)
        parts.append((value, text if value_sentence == text else text + " " + value_sentence))
    if not parts or (how == "text" and len(parts) > 1 and sum(v for v, _ in parts) == primary_value):
        return None
    return sum(v for v, _ in parts), " + ".join(t for _, t in parts)


_TO_THE_TABLE = re.compile(r"\b(som vist|som det går fram|jf\.?|se|sjå|sjaa)\s+(i\s+|av\s+)?(tabellen|budsjettet)|"
                           r"\bi (tabellen|budsjettet)\b", re.I)


def _own_row_named_in_text(sentences: list[Sentence], tables: list[list[Row]], third_party: "_ThirdParty"):
    """A budget row whose label names the part of the applicant that the text says gives it, with a pointer to the
    table ("Larvik læringssenter stiller med norsklærer og lokaler som vist i tabellen" / "Larvik læringssenter:
    norsklærer 20 % og lokaler | 75 000 | 180 000 | 255 000"): (its total, page, row)."""
    for s in sentences:
        verb = _PART_GIVES.search(s.text)
        if not verb or not _TO_THE_TABLE.search(s.text) or third_party.search(s.text):
            continue
        for table in tables:
            for row in table:
                label = row.cells[0].strip() if row.cells else ""
                # the name the row begins with ("Larvik læringssenter: norsklærer ..."), right before or after the
                # verb ("Larvik læringssenter stiller med", "I tillegg stiller Larvik læringssenter med")
                name = re.split(r"\s*[:(–]\s*|\s+-\s+", label)[0].strip()
                if len(name) < 4 or not name[0].isupper() or _NOT_OWN_ROW.search(label) or name == label:
                    continue
                low, n = s.text.lower(), name.lower()
                if f"{n} {verb.group(0).lower()}" in low or f"{verb.group(0).lower()} {n}" in low:
                    total = _row_total(row)
                    if total:
                        return total, row.page, row.text
    return None


def _yearly_part_in_row(own: tuple[int, int, str], tables: list[list[Row]]) -> tuple[int, int, str]:
    """A yearly amount said in the text and counted for every year of the project ("verdsatt til 310 000 kr per år",
    two years: 620 000), where one budget row carries it for one year beside its total for the period ("Jobbspesialist
    40 %, kommunens arbeidstid (note 3) | 130 000 | 310 000 | 440 000": a first year that is only a part): the
    row's total, which the budget worked out."""
    said = {a[0] for a in parse_amounts(own[2])}
    if len(said) != 1 or own[0] in said:
        return own
    amount = said.pop()
    # the row of the same part: a word of its label in the sentence ("Jobbspesialist"), or the note it points to
    words = _stems(own[2])
    rows = []
    for table in tables:
        for row in table:
            total = _row_total(row)
            label = (row.cells[0] if row.cells else row.text).lower()
            note = re.search(r"\b(note|merknad|fotnote)\s*(\d+)", label)
            same = words & _stems(label) or (
                note and re.search(rf"\b{note.group(1)}\s*{note.group(2)}\b", own[2], re.I))
            if total and same and amount < total < own[0] \
                    and amount in {_to_int(c) for c in _BARE_NUMBER.findall(row.text)}:
                rows.append((total, row))
    if len(rows) != 1:
        return own
    total, row = rows[0]
    return total, own[1], f"{own[2]} — {row.text}"


# the applicant's share of the whole, with its sum ("Fylkeskommunen dekker 25 % av de samlede kostnadene, 533 000 kroner,
# gjennom arbeidstid ...")
_SHARE_COVERED = re.compile(r"\b(?:" + _GIVER + r")\s+(?:selv\s+|sjølv\s+)?(?:dekker|dekkjer|finansierer|bidrar med|bidreg med)\s+"
                            r"(?:om lag\s+|ca\.?\s+)?\d{1,2}(?:[.,]\d)?\s*(?:%|prosent)\s+av\s+(?:de\s+|dei\s+|det\s+)?"
                            r"(?:samlede|samla|totale|samlet|samla)\s+(?:kostnadene|kostnader|utgiftene|utgifter|budsjettet)\s*"
                            r"(?:,|\()\s*(?:dvs\.?\s*|det vil si\s*|tilsvarende\s*|som utgjør\s*|som utgjer\s*)?(?:kr\.?\s*|nok\s*)?"
                            r"(\d{1,3}(?:[ \u00a0.]\d{3})+)")


def _share_covered(sentences: list[Sentence]):
    for s in sentences:
        m = _SHARE_COVERED.search(s.text)
        if m and not _PAST.search(s.text):
            return _to_int(m.group(1)), s.page, s.text
    return None


def _applicant_gives(applicant: str | None) -> re.Pattern:
    """The applicant by its name or its short form as the one who gives ("NMBU stiller med veiledning fra to
    forskere ..., til sammen verdsatt til 380 000 kroner"); matches nothing without an applicant."""
    names = _applicant_names(applicant)
    if not names:
        return re.compile(r"(?!)")
    return re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\s+(selv\s+|sjølv\s+|også\s+|i tillegg\s+)?"
                      r"(stiller med|stiller selv med|bidrar med|bidreg med|går inn med|legger inn|legg inn)\b")


# what the applicant does not give, or gives as a share of a total ("dekker resten", "av de samlede kostnadene")
_NOT_GIVEN = re.compile(r"\b(ikke|ikkje|resten|restbeløpet|samlede|samla|totalkostnad\w*|totale)\b", re.I)


_NOT_OWN_BEFORE = re.compile(r"\b(?:søk\w*|imdi|totalbudsjett\w*|budsjettet|totale kostnad\w*|samla kostnad\w*|"
                             r"samlede kostnad\w*|totalt|samla|samlet)\b", re.I)
# a sentence whose giver is another body named first ("Nav Stovner bidrar med egeninnsats tilsvarende 80 000 kr",
# "Grimstad Røde Kors bidrar med frivillig innsats ..."), not the applicant's side ("Arendal kommune har satt av")
_OTHER_GIVER = re.compile(r"^\W*((?:NAV|Nav|[A-ZÆØÅ][\wæøå-]+)(?:\s+[A-ZÆØÅ][\wæøå-]+){0,3})\s+(?:også\s+|òg\s+)?"
                          r"(?:bidrar|bidreg|stiller|legger inn|legg inn|går inn|gjeng inn|dekker|dekkjer)\b")
_OWN_SIDE_NAME = re.compile(r"\b(?:kommune|kommunen|kommunens|bydel|bydelen|bydelens|fylkeskommune|fylkeskommunen|"
                            r"fylkeskommunens|herad|heradet|vi)\b", re.I)


# bodies outside the applicant (not its own units: "Flyktningtjenesten", "Volda læringssenter", "Servicetorget")
_OUTSIDE_BODY = re.compile(r"\b(?:Nav|NAV|Røde Kors|Kirkens \w+|Frivillig\w*|\w*(?:forening|foreining)\w*|\w*lag|IL|AS|SA|ASA|"
                           r"Universitet\w*|Høgskole\w*|Høgskule\w*|Caritas|Redd Barna|Norsk Folkehjelp|Frelsesarmeen|Blå Kors|"
                           r"\w*menighet\w*|"
                           r"\w*kyrkjelyd\w*|Moské\w*|Bufetat|Husbanken|Skatteetaten|Politiet)\b")


def _other_giver(text: str, applicant: str) -> bool:
    """The sentence's giver is a body outside the applicant named first ("Nav Stovner bidrar med egeninnsats", "Grimstad
    Røde Kors bidrar med frivillig innsats"), not the applicant, a part of a municipality nor one of its units."""
    m = _OTHER_GIVER.match(text)
    if not m or _OWN_SIDE_NAME.search(m.group(1)):
        return False
    if not _OUTSIDE_BODY.search(m.group(1)) and not re.search(r"\bfrivillig\w*\s+(?:innsats|timer|timar|arbeid)|\bdugnad",
                                                             text[m.end():], re.I):
        return False  # (one of the applicant's own units: "Flyktningtjenesten bidrar med ...")
    name = m.group(1).lower()
    return not (applicant and (name in applicant or applicant in name))


def _amount_from_text(sentences: list[Sentence], cue: re.Pattern, *, avoid: re.Pattern | _ThirdParty | None = None,
                      years: int | None = None, months: int | None = None):
    """The amount a cue sentence gives: the first sum after the cue (a total preferred; "per år" times the years;
    another body's part, named as the giver, only where nothing else is said)."""
    best = None
    applicant = avoid.applicant if isinstance(avoid, _ThirdParty) else ""
    for idx, s in enumerate(sentences):
        m = cue.search(s.text)
        if not m or (avoid and avoid.search(s.text)):
            continue
        amounts = parse_amounts(s.text)
        if not amounts:
            continue
        # (an amount before the cue only where it is not the sum asked for nor the whole budget: "Av dette søkes
        # IMDi om 500 000 kr, og resten dekkes av kommunen som egenandel", "Totalbudsjettet er 800 000 kr, hvorav
        # 25 % egenandel")
        after = [a for a in amounts if a[1] >= m.start()] or [
            a for a in amounts if not _NOT_OWN_BEFORE.search(s.text[max(0, a[1] - 40):a[1]])]
        if not after:
            continue
        # a unit price ("300 timer à 550 kr, det vil si 165 000 kr") is not the sum
        priced = [a for a in after if not _UNIT_PRICE.search(s.text[:a[1]])]
        after = priced or after
        value = _period_amount(s.text, after, years, months)
        tail = s.text[after[0][2]:after[0][2] + 25]
        score = 1.0
        if _TOTAL_WORDS.search(s.text):
            score += 1.0
        if _PER_OTHER.match(tail) and value == after[0][0]:
            score -= 2.0  # (a rate, not reckoned over the months)
        if applicant and _other_giver(s.text, applicant):
            score -= 1.5
        score -= idx * 0.001
        if best is None or score > best[0]:
            best = (score, value, s.page, s.text)
    return best[1:] if best else None


# ----------------------------------------------------------------------------------------------


@dataclass
class FactSources:
    """Where each fact was read: field name -> (page, text)."""

    where: dict[str, tuple[int, str]] = field(default_factory=dict)


def extract_facts_with_sources(doc: Document, sentences: list[Sentence]) -> tuple[Facts, FactSources]:
    lines = _lines(doc)
    headings = frozenset((page.number, ln.text) for page in doc.pages for ln in page.lines if ln.heading)
    fields = _form_fields(lines, headings)
    tables = _tables(doc, lines)
    src = FactSources()

    applicant, page, text = _applicant(fields, lines)
    if applicant:
        src.where["applicant"] = (page, text)

    participants, page, text = _participants(fields, sentences)
    if participants is None:
        participants, page, text = _participants_from_tables(tables, sentences) or (None, None, None)
    if participants is not None:
        src.where["participants"] = (page, text)

    duration, page, text = _duration(fields, sentences, tables)
    if duration is not None:
        src.where["duration_years"] = (page, text)

    own_column = _own_column(applicant)
    requested = (_amount_from_fields(fields, _REQ_LABEL, exclude=_OWN_LABEL)
                 or _amount_from_tables(tables, _REQ_ROW, need_sum=True, exclude=_OWN_ROW)
                 or _amount_from_tables(tables, _REQ_ROW_ALONE)
                 or _amount_from_columns(tables, _REQ_COLUMN, own_column, exclude=own_column)
                 or _amount_from_text(sentences, re.compile(r"\b(søker|søkjer|søkes|søkjast)\b[^.]{0,60}?\b(om|totalt|til sammen|samlet|imdi)\b|søknadsbeløp|søknadssum|omsøkt|søkt beløp", re.I),
                                      avoid=re.compile(r"deltakerstønad|i måneden|per deltaker", re.I))
                 or _budget_total(tables))
    if requested:
        src.where["requested_nok"] = (requested[1], requested[2])

    third_party = _ThirdParty(applicant)
    months = _period_months(fields)
    own = _amount_from_fields(fields, _OWN_LABEL, years=duration, not_value=third_party)
    own_rows = _amount_from_tables(tables, _own_row(applicant), exclude=_NOT_OWN_ROW, add_rows=True,
                                   not_part=_OtherSource(applicant))
    captioned = _own_captioned_table(tables, third_party)
    if own_rows is not None and captioned is not None and captioned[0] > own_rows[0] and own_rows[2] in captioned[2]:
        # a labelled row of a table under an own-contribution caption ("Bydelens egeninnsats:" / "Egeninnsats
        # bydel: programrådgiver ..." / "Lokaler (verdsatt husleie) ..."): the table is the whole
        own_rows = captioned
    row_texts = {r.text for table in tables for r in table}
    if own is not None and own_rows is not None and own[2] != own_rows[2] and own[2] in row_texts:
        own = own_rows  # a budget row read as a field ("Egeninnsats: 20 % stilling  210 000"): the table decides
    # a form field ("Egenandel: 285 000") is the whole, not a part another sentence adds to (a budget row that
    # reads like a field is a part)
    from_field = own is not None and own is not own_rows and own[2] not in row_texts
    # a form field's amount is the whole, unless it says which part it is ("Egenandel: 240 000 kr i arbeidstid
    # (rådgiver 20 %)") and the text gives another "i tillegg til" it
    how = ("field" if _FIELD_PART.search(own[2]) else None) if from_field else "table"
    if own is None:
        own = (own_rows
               or _amount_from_columns(tables, own_column, _REQ_COLUMN, exclude=_REQ_COLUMN)
               # (the own part of each cost: "Post | Kostnad | Herav egenandel")
               or _amount_from_columns(tables, own_column, _COST_COLUMN, exclude=_REQ_COLUMN)
               or _own_from_list(doc, duration))
        if own is None:
            how = "text"
            own = _amount_from_text(sentences, _OWN_TEXT, years=duration, avoid=third_party, months=months) \
                or _share_covered(sentences)
        if own is None:
            how = "table"
            own = captioned
        if own is None:
            how = "text"
            own = _amount_from_text(sentences, _applicant_gives(applicant), years=duration, avoid=_NOT_GIVEN)
        if own is None:
            how = "table"
            own = _own_row_named_in_text(sentences, tables, third_party)
    if own is None:
        # only in parts, each valued where it is given ("Stiftelsen stiller lokaler og kjøkkenutstyr til disposisjon
        # for prosjektet. Dette har en verdi på om lag 180 000 kroner per år, til sammen 360 000 kroner ...")
        found = _own_parts(sentences, "", 0, third_party, duration, how="text", months=months)
        if found:
            page = next(s.page for s in sentences if s.text in found[1])
            own, how = (found[0], page, found[1]), None
    # every number the tables hold: a text's amount found there is a row told in words
    table_amounts = frozenset(_to_int(c) * scale for table in tables for r in table for c in _BARE_NUMBER.findall(r.text)
                              for scale in {1, max(r.scales, default=1)})
    if own and how == "text":
        own = _yearly_part_in_row(own, tables)
        if captioned is not None:
            # the text tells a row of a table of the own contribution's parts ("Kommunens bidrag | 2025 | 2026 | Sum",
            # "Stiftelsens egenandel | ..."): the table is the whole
            said = {a[0] for a in parse_amounts(own[2]) if a[0] >= 1000} | {own[0]}
            whole = next((w for table in tables
                          if table[0].cells and (_OWN_LABEL.match(table[0].cells[0]) or _OWNERS_PART.match(table[0].cells[0]))
                          and said & {_to_int(c) for r in table for c in _BARE_NUMBER.findall(r.text)}
                          and (w := _own_captioned_table([table], third_party))), None)
            if whole is not None:
                own, how = whole, "table"
    if own and how == "text" and captioned is not None and captioned[2] not in own[2] and captioned[0] != own[0] \
            and not _PART_OWN_WORD.search(own[2]):
        # the text's part beside a table of further parts under its own caption ("Fylkeskommunen stiller med
        # prosjektleiar ..., verdsett til 160 000 kroner per år" / "Eigenfinansiering utover prosjektleiar:"), unless
        # the text's amount stands in a table (the table then holds it)
        if not all(a[0] in table_amounts for a in parse_amounts(own[2]) if a[0] >= 1000):
            own = (own[0] + captioned[0], own[1], own[2] + " + " + captioned[2])
    if own and how:
        # further parts said elsewhere ("I tillegg stiller kommunen lokaler ... Dette er beregnet til 45 000 kr")
        extra = _own_parts(sentences, own[2], own[0], third_party, duration, how=how, applicant=applicant,
                           in_tables=table_amounts, months=months)
        if extra:
            own = (own[0] + extra[0], own[1], own[2] + " + " + extra[1])
    if own:
        src.where["own_contribution_nok"] = (own[1], own[2])

    facts = Facts(
        applicant=applicant,
        applicant_type=applicant_type_of(applicant),
        participants=participants,
        own_contribution_nok=own[0] if own else None,
        requested_nok=requested[0] if requested else None,
        duration_years=duration,
        partners=_partners(sentences, applicant),
    )
    return facts, src


def extract_facts(doc: Document, sentences: list[Sentence]) -> Facts:
    """The facts of the contract's ``facts`` object, read from the document and its sentences."""
    return extract_facts_with_sources(doc, sentences)[0]
