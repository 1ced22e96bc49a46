"""Facts from a form, from a budget table (PDF table and table-like text) and from running text."""

from __future__ import annotations

import pytest

from nlp_service.checks.facts import extract_facts, parse_amount, parse_amounts
from nlp_service.corpus.dataset import markup_to_text
from nlp_service.ingest.document import Document, Line, Page, Table
from nlp_service.ingest.text import document_from_text
from nlp_service.language.segment import document_sentences


def facts_of(markup: str):
    doc = document_from_text(markup_to_text(markup))
    return extract_facts(doc, document_sentences(doc))


FORM = """# Søknad om tilskudd – Søknadsportalen

Søker: Bodø kommune
Organisasjonsnummer: 972 418 013
Prosjektnavn: Trygg start
Satsingsområde: 2 – Tiltak som gir psykisk støtte
Søknadsbeløp: kr 850 000
Egenandel: 200.000,-
Prosjektperiode: 01.08.2025–31.07.2027
Antall deltakere: 18

## Samarbeidspartnere

Flyktningtjenesten samarbeider med helsestasjonen og Nav Bodø. Salten DPS gir veiledning til gruppelederne.
"""


def test_facts_from_a_form():
    f = facts_of(FORM)
    assert f.applicant == "Bodø kommune"
    assert f.applicant_type == "kommune"
    assert f.requested_nok == 850_000
    assert f.own_contribution_nok == 200_000
    assert f.duration_years == 2
    assert f.participants == 18
    assert {"Nav", "DPS", "helsestasjon"} <= set(f.partners)


def test_empty_or_zero_form_fields():
    f = facts_of("Søker: Vestland fylkeskommune\nSøknadsbeløp: NOK 1 400 000\nEgenandel: 0 kr\nAntall deltakere:\n")
    assert f.applicant_type == "fylkeskommune"
    assert f.requested_nok == 1_400_000
    assert f.own_contribution_nok == 0
    assert f.participants is None


def test_budget_table_in_text():
    text = """Bydel Alna søker om tilskudd til prosjektet «Far i nytt land». Vi starter med 12 fedre høsten 2025.

## Budsjett

| Post | 2025 | 2026 |
| Prosjektleder 50 % | 300 000 | 300 000 |
| Kurs og veiledning | 100 000 | 150 000 |
| Sum søkt fra IMDi | 400 000 | 450 000 |
| Egenandel (arbeidstid og lokaler) | 90 000 | 90 000 |
"""
    f = facts_of(text)
    assert f.applicant == "Bydel Alna" and f.applicant_type == "bydel"
    assert f.requested_nok == 850_000  # both years: the whole project period
    assert f.own_contribution_nok == 180_000
    assert f.duration_years == 2  # from the budget's year columns
    assert f.participants == 12


def test_budget_table_from_pdf_tables():
    body = "Søknad om tilskudd\nAgder fylkeskommune søker om midler til et velkomsttilbud."
    page = Page(number=1, width=595, height=842, text=body,
                lines=[Line(text=t, bbox=(0, 0, 0, 0)) for t in body.split("\n")],
                tables=[Table(bbox=(0, 0, 1, 1), rows=[
                    ["Post", "2025", "2026", "Sum"],
                    ["Prosjektleder", "250 000", "250 000", "500 000"],
                    ["Sum søkt fra IMDi", "300 000", "320 000", "620 000"],
                    ["Egenandel fylkeskommunen", "100 000", "100 000", "200 000"],
                ])])
    doc = Document(pages=[page], text_source="text_layer", kind="application", language="nb")
    f = extract_facts(doc, document_sentences(doc))
    assert f.applicant == "Agder fylkeskommune" and f.applicant_type == "fylkeskommune"
    assert f.requested_nok == 620_000
    assert f.own_contribution_nok == 200_000
    assert f.duration_years == 2


def test_facts_from_running_text():
    text = """Sunnfjord kommune

# Søknad om tilskudd

Sunnfjord kommune søkjer om 1,2 mill. kroner til eit toårig prosjekt. Kommunen dekker selv 25 % av kostnadene,
tilsvarende 400 000 kroner i arbeidstid. Vi regner med tjue deltakere, og vi samarbeider med Røde Kors og
frivilligsentralen om språkkafeen.
"""
    f = facts_of(text)
    assert f.applicant == "Sunnfjord kommune"
    assert f.requested_nok == 1_200_000
    assert f.own_contribution_nok == 400_000
    assert f.participants == 20
    assert f.duration_years == 2
    assert {"Røde Kors", "frivillighetssentralen"} <= set(f.partners)


@pytest.mark.parametrize("text,value", [
    ("kr 150 000", 150_000), ("150.000,-", 150_000), ("NOK 150 000", 150_000), ("1,2 mill.", 1_200_000),
    ("kr 1 200 000", 1_200_000), ("Vi søker om 640 000 kroner", 640_000), ("kr. 90 000,-", 90_000),
    ("2,5 millioner kroner", 2_500_000),
])
def test_amount_spellings(text, value):
    assert parse_amounts(text)[0][0] == value


def test_bare_amount_cells():
    assert parse_amount("300 000") == 300_000
    assert parse_amount("0") == 0
    assert parse_amount("Se vedlegg") is None


@pytest.mark.parametrize("sentence,expected", [
    ("Vi regner med 25 deltakere i prosjektet.", 25),
    ("Vi regner med tjue deltakere.", 20),
    ("Totalt regner vi med 12-15 kvinner.", 12),
    ("Tiltaket skal ha minst 15 deltakere.", 15),
    ("Prosjektet har tjue ansatte i flyktningtjenesten, og vi starter med 8 deltakere.", 8),
    ("Vi tar inn 12 deltakere høsten 2025 og 12 nye høsten 2026, til sammen 24.", 24),
    ("Vi planlegger fire grupper à 8–10 elever i året.", 32),
    # one count, then more of the same with the noun left out: added up
    ("I første kull er det ni deltakarar på Florø og seks i Måløy, alle i introduksjonsprogrammet.", 15),
    ("Vi reknar med at ni deltakarar i introduksjonsprogrammet og fire som har avslutta programmet, vil nytte tilbodet.",
     13),
    ("Første pulje startar i august med sju deltakarar, og andre pulje startar i januar med seks nye.", 13),
    ("Fem kandidater skal mot helsefagarbeiderfaget, fire mot barne- og ungdomsarbeiderfaget og tre mot kokkfaget.", 12),
    # a split of the count, or a count of something else, is not added
    ("Vi reknar med 14 deltakarar, sju i kvar runde.", 14),
    ("Første år planlegger vi for 60 deltakere på velkomstkveldene, og 30 nye plasser på norskkurs.", 60),
    # a group of staff or a network that takes part; "av" after a group is not a share
    ("Vi startar med ei pilotgruppe på åtte tilsette frå barnehagane.", 8),
    ("Vi skal etablere et nettverk av 20 mangfoldsambassadører, både nye og etablerte innbyggere.", 20),
    ("Minst 120 leietakere med innvandrerbakgrunn skal få veiledning om rettighetene sine.", 120),
    # a share of an earlier count is not the plan
    ("Av 64 deltakere gikk 29 over i arbeid eller utdanning.", None),
    # form fields with a note in brackets, or the target group counted
    ("Antall deltakere (anslag): 15–20 per år", 15),
    ("Deltakere (antall): minst 12", 12),
    ("Antall personer i målgruppen: 12–15", 12),
    ("Planlagt antall deltakere: minst 10 hvert år, til sammen minst 20", 20),
    # a year between the counts; parts that add up to the count before them are a breakdown
    ("Vi regner med å ta inn 8 deltakere i første kull høsten 2025 og 8 i andre kull høsten 2026.", 16),
    ("Vi tar opp et kull på tolv voksne innvandrere i august 2025, seks i helsearbeiderfaget og seks i barne- og "
     "ungdomsarbeiderfaget.", 12),
    # outcomes and breakdowns after a comma are not more participants
    ("Tiltaket har 15 deltakere, og 6 som har fått fast jobb etter praksis.", 15),
    ("Vi regner med 18 deltakere, 12 i helsefag og 3 i barnehage.", 18),
    # a field's total of something else
    ("Antall deltakere: totalt 40 timer opplæring for 12 deltakere", 12),
    ("Antall deltakere: samlet 2 kull med 12 deltakere i hvert", 24),
    # a range said with "mellom ... og": its lower bound
    ("Høsten 2025 blir det mellom 12 og 16 deltakere, avhengig av praksisplassene.", 12),
])
def test_participants_in_text(sentence, expected):
    assert facts_of(f"Askøy kommune\n\n{sentence}").participants == expected


def test_staff_and_meetings_are_not_participants():
    f = facts_of("Askøy kommune\n\nProsjektet har tjue ansatte. Vi holder 12 møter og 14 samlinger i året.")
    assert f.participants is None


@pytest.mark.parametrize("period,years", [
    ("Prosjektperiode: 01.08.2025–31.07.2027", 2),
    ("Prosjektperiode: 01.04.2025–31.03.2028", 3),
    ("Prosjektperiode: 2025-2026", 2),
    ("Prosjektperiode: 2025", 1),
    ("Prosjektperiode: høst 2025 – vår 2027", 2),
    ("Vi søker om midler til et prosjekt over to år.", 2),
    ("Kommunen søker om kr 480 000 for prosjektperioden august 2025 til juni 2026.", 1),
])
def test_duration(period, years):
    assert facts_of(f"Askøy kommune\n\n{period}").duration_years == years


@pytest.mark.parametrize("header,name,kind", [
    ("Søker: Vestland fylkeskommune", "Vestland fylkeskommune", "fylkeskommune"),
    ("Søker: Oslo kommune, bydel Alna", "Oslo kommune, bydel Alna", "bydel"),
    ("Oslo kommune\nBydel Søndre Nordstrand\nPostboks 82 Holmlia", "Bydel Søndre Nordstrand", "bydel"),
    ("Foreningen Brobyggerne Gjøvik\nStorgata 14, 2815 Gjøvik", "Foreningen Brobyggerne Gjøvik", "other"),
    ("Søker: Innlandet fylkeskommune, Opplæring og kompetanse", "Innlandet fylkeskommune", "fylkeskommune"),
    ("Tilskuddsmottaker: Voss herad", "Voss herad", "kommune"),
])
def test_applicant(header, name, kind):
    f = facts_of(header + "\n\nVi søker om tilskudd til et prosjekt.")
    assert f.applicant == name
    assert f.applicant_type == kind


def test_the_portals_two_column_form_pdf_gives_its_fields(sandbox, pdf_dir):
    """The form layout prints its fields as a ruled two-column table, label beside value, no colon; the reader
    gives each row as one "label: value" line ("Antall deltakere: 18"), and the fields come through as they do
    from text. (Labels and values on lines of their own, where no ruled table holds them, are read by
    ``test_the_two_column_form_without_a_table``.)"""
    doc = sandbox.parse((pdf_dir / "form.pdf").read_bytes())
    lines = [ln.text.strip() for ln in doc.pages[0].lines]
    assert "Antall deltakere: 18" in lines and "Antall deltakere" not in lines  # the layout under test
    facts = extract_facts(doc, document_sentences(doc))
    assert facts.participants == 18
    assert facts.own_contribution_nok == 200000
    assert facts.requested_nok == 850000
    assert facts.applicant == "Askøy kommune" and facts.applicant_type == "kommune"


def test_a_section_heading_and_its_first_sentence_are_not_a_field():
    """"Deltakere" / "Organisasjon" as headings followed by prose: the two-column pairing must not read the
    sentence as the field's value (a year as the participant count, a sentence as the applicant)."""
    facts = facts_of("""# Søknad fra Askøy kommune

## Organisasjon

Prosjektet ledes av flyktningtjenesten i Askøy kommune, som har drevet introduksjonsprogrammet siden 2016.

## Deltakere

I 2024 startet vi samtalegrupper for nyankomne, og neste år tar vi inn 14 deltakere.
""")
    assert facts.participants == 14
    assert facts.applicant == "Askøy kommune"


def _lines_doc(lines: list[str]) -> Document:
    """A page as the PDF reader gives it: one Line per printed line (table cells on lines of their own)."""
    text, out, pos = "", [], 0
    for ln in lines:
        out.append(Line(text=ln, bbox=(0.0, 0.0, 0.0, 0.0), start=pos))
        text += ln + "\n"
        pos += len(ln) + 1
    return Document(pages=[Page(number=1, width=595.0, height=842.0, text=text, lines=out)], text_source="text_layer")


def test_table_cells_on_their_own_lines_are_not_form_fields():
    """A budget row printed cell by cell: "Deltakerstønad" / "130 000" is no participant count, and
    "kommune" / "110 000" (the end of "Eigendel Suldal kommune") is no applicant."""
    doc = _lines_doc(["Suldal kommune", "Helse og omsorg", "", "Rekneskap for tilskot 2025", "",
                      "Post", "Budsjett", "Eigendel Suldal", "kommune", "110 000", "Deltakerstønad", "130 000", "",
                      "Vi reknar med 14 deltakarar i to grupper."])
    f = extract_facts(doc, document_sentences(doc))
    assert f.applicant == "Suldal kommune"
    assert f.participants == 14


def test_a_wrapped_title_line_is_not_the_sender():
    doc = _lines_doc(["Søknad om tilskudd – «Grønn start» i samarbeid med", "Grenland Grønt SA",
                      "Skien kommune, Introduksjonssenteret", "Til IMDi, 11. februar 2025", "",
                      "Skien kommune søker om kr 680 000 for ett år til prosjektet."])
    f = extract_facts(doc, document_sentences(doc))
    assert f.applicant == "Skien kommune" and f.applicant_type == "kommune"


def test_a_sender_after_a_title_line_is_kept():
    """Only a title that ends in 'med', 'og', 'for', 'til' or 'hos' wraps onto the next line; 'utarbeidet av' /
    'Stiftelsen Kirkens Bymisjon' names the sender, and a bydel stays before its kommune."""
    doc = _lines_doc(["Sluttrapport utarbeidet av", "Stiftelsen Kirkens Bymisjon", "",
                      "Drammen kommune har bidratt med lokaler."])
    assert extract_facts(doc, document_sentences(doc)).applicant == "Stiftelsen Kirkens Bymisjon"
    doc = _lines_doc(["Søknad om tilskudd – Språkkafé i", "Bydel Alna", "Oslo kommune", "",
                      "Bydelen søker om kr 300 000."])
    assert extract_facts(doc, document_sentences(doc)).applicant == "Bydel Alna"
    doc = _lines_doc(["Post", "Budsjett", "Deltakerutgifter", "45 000", "", "Vi tar inn tolv deltakere."])
    assert extract_facts(doc, document_sentences(doc)).participants == 12


def test_more_field_labels_and_own_contribution_wordings():
    f = facts_of("""# Søknad om tilskudd

Kommune/bydel: Stange kommune
Antall deltakere totalt: 20

Kommunen stiller selv med lokaler og ledelse fra psykisk helse og rus, til en verdi av 95 000 kroner.
""")
    assert (f.applicant, f.participants, f.own_contribution_nok) == ("Stange kommune", 20, 95000)


def test_a_table_row_label_is_not_part_of_the_name():
    f = facts_of("""# Regnskap 2025

| Post | Budsjett | Regnskap |
| Tilskudd fra IMDi | kr 1 250 000 | kr 1 250 000 |
| Egenandel Nordland fylkeskommune | kr 320 000 | kr 320 000 |
""")
    assert f.applicant == "Nordland fylkeskommune" and f.applicant_type == "fylkeskommune"


BY_SOURCE = """# Søknad om tilskudd

Søkerorganisasjon: Nord-Odal kommune
Egenandel: se budsjettet
Prosjektperiode: 2025

## Budsjett

| Post | Søkt fra IMDi | Kommunens egenandel | Sum |
| --- | --- | --- | --- |
| Prosjektleder 30 % | 180 000 | 60 000 | 240 000 |
| Dialogmøter: lokaler, mat, tolk | 80 000 | 40 000 | 120 000 |
| Materiell | 60 000 | 0 | 60 000 |
| Sum | 320 000 | 100 000 | 420 000 |
"""


def test_a_budget_by_source_gives_own_contribution_and_request_from_its_columns():
    # One column per source: the sum row of each column, not the table's total; a row label with a colon
    # ("Dialogmøter: ...") stays a row of the table.
    f = facts_of(BY_SOURCE)
    assert f.own_contribution_nok == 100_000
    assert f.requested_nok == 320_000


def test_a_county_column_without_the_word_egenandel():
    f = facts_of("""# Søknad

Buskerud fylkeskommune søker om midler til velkomstkurs.

| Post | Totalt | Fylkeskommunen | Søkt fra IMDi |
| --- | --- | --- | --- |
| Koordinator | 900 000 | 270 000 | 630 000 |
| Sum | 900 000 | 270 000 | 630 000 |
""")
    assert (f.own_contribution_nok, f.requested_nok) == (270_000, 630_000)


@pytest.mark.parametrize("sentence, years, want", [
    # a calculation's result
    ("Egeninnsats: 350 timer fra psykisk helse à 650 kr = 227 500 kr", 2, 227_500),
    # one amount per named year, added up
    ("Åsnes kommune går inn med 90 000 kroner i 2025, 180 000 kroner i 2026 og 90 000 kroner i 2027.", 3, 360_000),
    # items in brackets, added up
    ("Kommunens egen innsats er lokaler (40 000 kr), 10 % av kultursjefens stilling (65 000 kr) og skyss "
     "(15 000 kr).", 2, 120_000),
    # a yearly amount in a form field, over the project's years
    ("Kommunens egeninnsats: lokaler og 10 % av kultursjefens tid, verdsatt til kr 90 000 per år.", 3, 270_000),
    # the verb before "selv"
    ("I tillegg dekker vi selv kr 190 000 i form av lærertimer.", 2, 190_000),
    ("Gran kommune tar selv 30 % av de samlede kostnadene, 280 000 kroner, i form av tid og lokaler.", 2, 280_000),
    ("Suldal kommune legg sjølv inn arbeidstid tilsvarande 210 000 kr over prosjektperioden.", 2, 210_000),
    ("HR-avdelingen bidrar med 20 % stilling, verdsatt til 170 000 kroner per år, altså 340 000 kroner totalt.", 2,
     340_000),
    # put in without the word egenandel: "legg i tillegg inn", "ber sjølve", valued "verdsatt / rekna til"
    ("Kvinnherad kommune legg i tillegg inn 450 timar arbeid, rekna til 585 kr timen, til saman 263 250 kr.", 2,
     263_250),
    ("Kommunane ber sjølve: kontorplass og undervisningsrom (45 000 kr) og 20 % av stillinga (155 000 kr).", 2, 200_000),
    ("Fjellkompetanse AS stiller kurslokaler og 20 % stilling som faglig leder, verdsatt til 160 000 kr over "
     "prosjektperioden.", 2, 160_000),
    ("Foreningens medlemmer bidrar med dugnadsinnsats verdsatt til 80 000 kr over to år.", 2, 80_000),
    ("Helgelandssykehuset dekker lokaler, ledelse og 20 % av psykologressursen, til sammen beregnet til kr 290 000 "
     "over to år.", 2, 290_000),
    # the verb first, and a price per hour that is not the sum
    ("I tillegg legger kommunen inn 180 timer fra SLT-koordinatoren og 120 timer fra ungdomsklubben, til sammen 300 "
     "timer à 550 kr, det vil si 165 000 kr.", 2, 165_000),
    # a share of the total, then what it comes to; an amount per project year
    ("Nord-Aurdal kommune stiller en egenandel på 25 % av prosjektets totale kostnader på kr 600 000, det vil si "
     "kr 150 000, i form av arbeidstid.", 2, 150_000),
    ("Egenandel: kr 90 000 per prosjektår", 3, 270_000),
    # the grant or the participants paying is not the applicant's own contribution
    ("Tilskuddet fra IMDi dekker lønn til en koordinator i 50 % stilling, beregnet til kr 450 000.", 2, None),
    ("Deltakerne bidrar med dugnad på ei felles hage, og materialene er beregnet til kr 40 000.", 2, None),
    # a budget row headed by the municipality's name
    ("| Hva | Beløp |\n| Tolk | 110 000 |\n| Løten kommunes bidrag (arbeidstid i flyktningtjenesten) | 150 000 |", 1,
     150_000),
])
def test_own_contribution_for_the_whole_period(sentence, years, want):
    f = facts_of(f"""# Søknad om tilskudd

Søker: Åsnes kommune
Prosjektperiode: 2025–{2024 + years}

{sentence}
""")
    assert f.own_contribution_nok == want


@pytest.mark.parametrize("rows, want", [
    # two rows that each begin with the label are parts of the own contribution: added up
    ("| Egeninnsats: leder flyktningtjenesten 20 % stilling | 60 000 | 150 000 | 210 000 |\n"
     "| Egeninnsats: undervisningsrom og utstyr | 15 000 | 40 000 | 55 000 |", 265_000),
    # a labelled sum row is the whole
    ("| Egenandel: lønn | 60 000 | 150 000 | 210 000 |\n| Egenandel: lokaler | 15 000 | 40 000 | 55 000 |\n"
     "| Sum egenandel | 75 000 | 190 000 | 265 000 |", 265_000),
    # a cost row that names the own share, and the financing row that repeats it, are one contribution
    ("| Prosjektleder 40 % (herav 20 % egenandel) | 160 000 | 160 000 | 320 000 |\n"
     "| Egenandel Nordland fylkeskommune | 80 000 | 80 000 | 160 000 |", 320_000),
    ("| Jobbveileder 30 % (bydelens egeninnsats) | 195 000 | 195 000 | 390 000 |\n"
     "| Egeninnsats bydelen | 195 000 | 195 000 | 390 000 |", 390_000),
    # the parts and the financing row that adds them up: the whole, not twice
    ("| Egeninnsats: leder 20 % stilling | 60 000 | 150 000 | 210 000 |\n| Egeninnsats: undervisningsrom | 15 000 | "
     "40 000 | 55 000 |\n| Egenfinansiering Steinkjer kommune | 75 000 | 190 000 | 265 000 |", 265_000),
    # someone else's money is no part of the own contribution
    ("| Egenandel Steinkjer kommune | 150 000 | 150 000 | 300 000 |\n| Medfinansiering fra NAV Steinkjer | 50 000 | "
     "50 000 | 100 000 |", 300_000),
])
def test_own_contribution_rows_of_one_table(rows, want):
    f = facts_of("# Søknad\n\nSøker: Steinkjer kommune\nEgenandel: Se budsjett\n\n## Budsjett\n\n"
                 "| Post | 2025 | 2026 | Sum |\n| Prosjektleder 50 % | 180 000 | 430 000 | 610 000 |\n" + rows + "\n")
    assert f.own_contribution_nok == want


def test_two_amounts_that_are_not_one_per_year_are_not_added():
    # "i 2025" after one amount and a total after the other: the total is the period's amount
    f = facts_of("""# Søknad

Søker: Åsnes kommune
Prosjektperiode: 2025–2026

Kommunen bidrar med 90 000 kroner i 2025 og 180 000 kroner til sammen.
""")
    assert f.own_contribution_nok == 180_000


@pytest.mark.parametrize("sentence, want", [
    # a count per meeting or per course beside the count for the whole period
    ("Vi reknar med 20–25 deltakarar per kurs, altså om lag 160 deltakarar i prosjektperioden.", 160),
    ("Vi regner med om lag 30 elever hvert skoleår og til sammen minst 50 ulike elever i prosjektperioden.", 50),
    # groups of a given size
    ("Vi gjennomfører to kull, ett i 2026 og ett i 2027, med 14 deltakere i hvert.", 28),
])
def test_participants_for_the_whole_period(sentence, want):
    f = facts_of(f"# Søknad om tilskudd\n\nSøker: Hamar kommune\n\n{sentence}\n")
    assert f.participants == want


@pytest.mark.parametrize("line", [
    "Egenandel: 150 000 kr (tilsagn fra Sparebankstiftelsen DNB)",
    "Eigenfinansiering: 180 000 kr (Vestland fylkeskommune dekkjer fagprøver og teorikurs)",
])
def test_someone_elses_money_under_the_own_contribution_label_is_not_an_own_contribution(line):
    f = facts_of(f"# Søknad om tilskudd\n\nSøker: Lier kommune\n{line}\n")
    assert f.own_contribution_nok is None


def test_a_named_municipalitys_share_column_a_budget_row_read_as_field_and_a_start_end_period():
    f = facts_of("""# Søknad om tilskudd

Organisasjon: Øyer kommune
Start – slutt: august 2025 – juni 2027
Egenandel: Se budsjettabell

| Post | Søkt fra IMDi | Øyer kommunes andel |
| --- | --- | --- |
| Tolk | 80 000 | 0 |
| Lokaler i helsehuset | 0 | 20 000 |
| Sum, kroner | 80 000 | 20 000 |
""")
    assert (f.own_contribution_nok, f.duration_years) == (20_000, 2)
    row = facts_of("# Søknad\n\nSøker: Skaun kommune\nEgeninnsats: prosjektledelse, 320 timer à 500 kr  160 000\n")
    assert row.own_contribution_nok == 160_000


@pytest.mark.parametrize("sentence, field, want", [
    # the part of a total, not the total
    ("Vi søker om 300 000 kr, av totalt 500 000 kr i prosjektkostnader.", "requested_nok", 300_000),
    ("Egenandel: 200 000 kr av samlet kr 800 000", "own_contribution_nok", 200_000),
    # a comparison of two years is not a list of yearly amounts
    ("Vi søker om 400 000 kr i 2026, mot 350 000 kr i 2025.", "requested_nok", 400_000),
    # someone else's money, in any case; the applicant's own budget and "ved tilsagn" are not someone else's
    ("Egenandel: 100 000 kr (Gave fra Stiftelsen Dam)", "own_contribution_nok", None),
    ("Egenandel: 300 000 kr (midler fra eget driftsbudsjett)", "own_contribution_nok", 300_000),
    ("Egenandel: 300 000 kr (Stange kommune dekker lønn til koordinator)", "own_contribution_nok", 300_000),
    ("Ved tilsagn vil kommunen stille med 200 000 kr i egeninnsats.", "own_contribution_nok", 200_000),
    # the participants paying is not the applicant's contribution
    ("Deltakerne betaler selv kursavgift på 1 500 kr.", "own_contribution_nok", None),
    # Nav's wage subsidy and the volunteers' effort are not the applicant's either
    ("Egenfinansiering: 240 000 kr (lønnstilskudd fra Nav Midt-Troms)", "own_contribution_nok", None),
    ("Frivillige lag i Hardanger stiller med eigeninnsats verdsett til om lag 150 000 kr i prosjektperioden.",
     "own_contribution_nok", None),
    ("Kommunen stiller med eigeninnsats verdsett til om lag 150 000 kr i prosjektperioden, og frivillige lag bidrar "
     "også.", "own_contribution_nok", 150_000),
    # a yearly calculation's result over the project's two years
    ("Kommunen stiller med 20 % stilling = 130 000 kr per år.", "own_contribution_nok", 260_000),
])
def test_amounts_a_reviewer_found_misread(sentence, field, want):
    f = facts_of(f"# Søknad om tilskudd\n\nSøker: Stange kommune\nProsjektperiode: 2025–2026\n\n{sentence}\n")
    assert getattr(f, field) == want


@pytest.mark.parametrize("lines, want", [
    # start and end as two fields
    ("Prosjektstart: 01.08.2025\nProsjektslutt: 31.07.2027", 2),
    # a planned period in a sentence with a participle ("vil bli gjennomført"), not an earlier project
    ("Prosjektet vil bli gjennomført i perioden 1. september 2025 til 31. august 2027.", 2),
    ("Det søkes om et samlet tilskudd fordelt over to prosjektår.", 2),
    ("Midlene skal gå til å videreføre kafeen i 2025 og 2026.", 2),
    # only a budget row names the months
    ("| Prosjektleder 40 %, august 2025 – desember 2026 | 420 000 | IMDi |", 2),
    # the count before the years it spans; a plan's period is not the project's
    ("Varighet: 2 år (2025–2027)", 2),
    ("Stillingen er foreslått kuttet i økonomiplanen for 2025–2028. Vi søker derfor om tilskudd for å videreføre "
     "gruppetilbudet i to år.", 2),
])
def test_duration_from_fields_and_sentences_later_authors_wrote(lines, want):
    assert facts_of(f"# Søknad om tilskudd\n\nSøker: Hitra kommune\n\n{lines}\n").duration_years == want


def test_an_earlier_projects_period_is_not_the_duration():
    f = facts_of("# Søknad om tilskudd\n\nSøker: Hitra kommune\n\n"
                 "Vi gjennomførte i perioden 2021–2023 prosjektet «Trygg start», og vil nå bygge videre på det.\n")
    assert f.duration_years is None


@pytest.mark.parametrize("markup, name, kind", [
    ("# Søknad – Tilskudd 2025\n\nSamarbeid med Østfold fylkeskommune om fagopplæringen.\n"
     "Søker (juridisk enhet): Rakkestad kommune\nKontakt: Tor Skjønberg", "Rakkestad kommune", "kommune"),
    ("# Hitra for alle\n\nSøknad om tilskudd – satsingsområde 5\nFra: Hitra kommune, enhet for kultur og inkludering, "
     "Fillan\nKontaktperson: Marit Aune\n\nKafeen startet som et prosjekt i 2022, med tilskudd fra Trøndelag "
     "fylkeskommune, og har siden blitt et fast tilbud.", "Hitra kommune", "kommune"),
    ("Drangedal frivilligsentral\nPrestestranda, 3750 Drangedal\n\n"
     "Vi søker i nært samarbeid med Drangedal kommune om tilskudd.", "Drangedal frivilligsentral", "other"),
])
def test_applicant_later_authors_wrote(markup, name, kind):
    f = facts_of(markup + "\n")
    assert (f.applicant, f.applicant_type) == (name, kind)


@pytest.mark.parametrize("markup, name, kind", [
    # an association's letterhead, then the municipality it works with: the association applies
    ("Lillehammer idrettsråd\nPostboks 224, 2602 Lillehammer\n\nLillehammer, 16.02.2025\n\n# Alle på laget\n\n"
     "Lillehammer idrettsråd søker om kr 640 000 i tett samarbeid med Lillehammer kommune.", "Lillehammer idrettsråd", "other"),
    ("Thor Heyerdahl videregående skole\nElveveien 2, 3262 Larvik\n\nTil IMDi\n\n"
     "Vi søker om kr 780 000 til et forsøk for voksne innvandrere i Larvik kommune.", "Thor Heyerdahl videregående skole",
     "other"),
    # a school under its owner's letterhead: the owner applies
    ("Vestfold fylkeskommune\nThor Heyerdahl videregående skole\n\nVi søker om kr 780 000.", "Vestfold fylkeskommune",
     "fylkeskommune"),
    ("Universitetssykehuset Nord-Norge HF\nDPS Midt-Troms, poliklinikk Bardufoss\n\nTil IMDi\n\n"
     "DPS Midt-Troms søker om NOK 400 000, i samarbeid med Målselv kommune.", "Universitetssykehuset Nord-Norge HF", "other"),
    ("Norges miljø- og biovitenskapelige universitet (NMBU)\nFakultet for landskap og samfunn\n\n"
     "Kopi: Ås kommune\n\nVi søker i nært samarbeid med Ås kommune.",
     "Norges miljø- og biovitenskapelige universitet (NMBU)", "other"),
    ("# Søknadsportalen\n\nSøker: Fjellkompetanse AS, i samarbeid med Vågå kommune\nOrganisasjonsnummer: 921 884 310",
     "Fjellkompetanse AS", "other"),
])
def test_an_organisation_that_names_its_municipal_partner_is_the_applicant(markup, name, kind):
    f = facts_of(markup + "\n")
    assert (f.applicant, f.applicant_type) == (name, kind)


@pytest.mark.parametrize("markup", [
    "Fra: Hitra kommune, enhet for kultur og inkludering\nForeldreveiledning i barnehage og skole\n\nVi søker om tilskudd.",
    "Samarbeid med sykehuset\nHitra kommune\n\nVi søker om tilskudd.",
])
def test_a_title_that_ends_in_a_school_or_names_a_hospital_is_not_the_sender(markup):
    assert facts_of(markup + "\n").applicant == "Hitra kommune"


def test_a_memo_from_a_person_does_not_name_the_applicant():
    f = facts_of("Fra: Kari Nordmann <kari.nordmann@sola.kommune.no>\n\n# Årsrapport\n\nSola kommune har gjennomført prosjektet.\n")
    assert f.applicant == "Sola kommune"


@pytest.mark.parametrize("lines, want", [
    # a reference to where the count is, not a count
    ("Planlagt antall deltakere: se punkt 3\n\n## 3. Deltakere\n\nVi tar inn to kull med sju deltakere i hvert kull.", 14),
    # meetings per group, not people
    ("Antall deltakere:\n\nVi planlegger tre grupper med 15 samlinger hver i prosjektperioden.", None),
])
def test_participants_references_and_meetings(lines, want):
    assert facts_of(f"# Søknad om tilskudd\n\nSøker: Grimstad kommune\n{lines}\n").participants == want


@pytest.mark.parametrize("sentence", [
    "Vi gjennomførte et forprosjekt i perioden januar 2024 – desember 2024, og vil nå bygge videre på det.",
    "Vi fikk tilskudd fra IMDi i 2024 og 2025 og vil nå videreføre arbeidet.",
    "Tall fra SSB for 2023 og 2024 viser en økning i antall bosatte.",
    "Kommunen skal bosette 30 flyktninger i 2025 og 2026.",
    "| Lønn prosjektleder januar 2023 – desember 2024 | 500 000 |",
])
def test_periods_that_are_not_the_projects_give_no_duration(sentence):
    """An earlier project's or another count's years (the reviewer's cases): a wrong duration would divide the
    participant allowance by the wrong number of years."""
    assert facts_of(f"# Søknad om tilskudd\n\nSøker: Hamar kommune\n\n{sentence}\n").duration_years is None


@pytest.mark.parametrize("sentence, want", [
    ("Vi har tre grupper med 10 treff hver.", None),
    ("Vi har tre grupper med 10 kurskvelder hver.", None),
    ("Vi har fire grupper à 8–10 elever.", 32),
    ("Vi har to grupper à 8.", 16),
])
def test_groups_count_people_not_meetings(sentence, want):
    assert facts_of(f"# Søknad om tilskudd\n\nSøker: Hamar kommune\n\n{sentence}\n").participants == want


def test_a_sender_further_down_is_not_the_applicant():
    """An attached letter of intent from a municipality inside a county's application."""
    f = facts_of("# Søknad om tilskudd\n\nTrøndelag fylkeskommune søker om tilskudd til prosjektet.\n\n"
                 + "Mer tekst om prosjektet.\n" * 14 + "\n## Vedlegg: intensjonsavtale\n\nFra: Hitra kommune\n"
                 "Til: Trøndelag fylkeskommune\n")
    assert (f.applicant, f.applicant_type) == ("Trøndelag fylkeskommune", "fylkeskommune")


def test_budget_columns_by_source_the_applicants_own_name_and_years_with_notes():
    f = facts_of("""# Søknad om tilskudd

Søkerorganisasjon: Grimstad kommune
Egenandel: se budsjettabell, kolonne «Grimstad kommune»

| Post | Søkt IMDi | Grimstad kommune | Sum |
| --- | --- | --- | --- |
| Lærerressurs | 600 000 | 200 000 | 800 000 |
| Lokaler | 0 | 105 000 | 105 000 |
| Sum | 600 000 | 305 000 | 905 000 |
""")
    assert (f.own_contribution_nok, f.requested_nok) == (305_000, 600_000)
    years = facts_of("""# Søknad om tilskudd

Søker: Tynset kommune

| Post | 2025 (aug.–des.) | 2026 | 2027 (jan.–juni) |
| --- | --- | --- | --- |
| Koordinator 50 % | 90 000 | 220 000 | 110 000 |
| Sum søkt IMDi | 220 000 | 500 000 | 240 000 |
""")
    assert years.requested_nok == 960_000


@pytest.mark.parametrize("lines, field, want", [
    ("Kommunal medfinansiering: 520 timer fagveiledning à kr 450, til sammen kr 234 000", "own_contribution_nok", 234_000),
    ("Deltakerne betaler en egenandel på 250 kroner for leirhelgen.", "own_contribution_nok", None),
    ("Vi regner med ca. 25 faste deltakere i løpet av perioden.", "participants", 25),
    # an adjective before landlords does not make them the participants
    ("Målgruppe (antall): 30 leietakere med innvandrerbakgrunn og 15 private utleiere", "participants", 30),
    ("Startdato – sluttdato: 01.08.2025 – 31.12.2026", "duration_years", 2),
    ("Antall deltakere: 10 i 2025/26 og 10 i 2026/27", "participants", 20),
])
def test_facts_the_thirteenth_batch_showed(lines, field, want):
    assert getattr(facts_of(f"# Søknad om tilskudd\n\nSøker: Time kommune\n{lines}\n"), field) == want


OWN_LIST = """# Søknad om tilskudd

Søker: Tynset kommune
Prosjektperiode: 2025–2026

## 6. Kommunens egenfinansiering

Tynset kommune stiller følgende ressurser til disposisjon for prosjektet:

- prosjektlederressurs tilsvarende 20 % stilling, kr 150 000 per år;
- lokaler, IKT og administrasjon, kr 40 000 per år;
- praksisveiledere i helse og omsorg, beregnet til 300 timer à kr 550, samlet kr 165 000 for hele perioden.

## 7. Deling av resultater

Modellen deles med kommunene i regionen.
"""


def test_an_own_contribution_listed_item_by_item_under_its_heading_is_summed():
    # 2 x 150 000 + 2 x 40 000 + 165 000 (the price per hour is not an item's sum)
    assert facts_of(OWN_LIST).own_contribution_nok == 545_000


def test_a_listed_own_contribution_with_an_item_without_an_amount_is_not_summed():
    markup = OWN_LIST.replace("- lokaler, IKT og administrasjon, kr 40 000 per år;", "- lokaler og IKT;")
    # the list cannot be added up; no other sentence gives the sum
    assert facts_of(markup).own_contribution_nok is None


def test_a_budget_row_with_a_colon_in_its_label_stays_in_the_table():
    f = facts_of("""# Søknad om tilskudd

Søker: Ørland kommune

| Post | Kroner |
| --- | --- |
| Tolk | 40 000 |
| Sum søknad | 310 000 |
| Dugnad: 400 frivillige timer à kr 400 | 160 000 |
""")
    assert f.own_contribution_nok == 160_000
    assert f.requested_nok == 310_000


def test_the_amount_asked_for_is_the_row_named_so_not_the_budget_total():
    f = facts_of("""# Søknad om tilskudd

Søker: Modum kommune

| Utgiftspost | Beløp |
| --- | --- |
| Prosjektkoordinering | 100 000 |
| Fagprøveavgifter og materiell | 40 000 |
| Totalt | 140 000 |
| Egenandel (20 %) | 28 000 |
| Søknadsbeløp | 112 000 |
""")
    assert f.requested_nok == 112_000


WRAPPED_CELLS = """Bergen kommune
Etat for barnehage
Postboks 7700, 5020 Bergen

Bergen, 12. februar 2025

# Søknad om tilskudd: Likeverdige barnehager i Laksevåg og Fyllingsdalen

Søknaden gjelder satsingsområde 5, arbeid for mangfold og mot rasisme og diskriminering.

## Budsjett

| Post | Kostnad | Finansieres av |
| --- | --- | --- |
| Prosjektleder 40 %, august 2025 – desember 2026 | 420 000 | IMDi |
| Frikjøp av pedagogiske ledere til kursrekken | 270 000 | Bergen kommune |
| Kursholdere og veiledning, HVL | 120 000 | IMDi |
| Totalt | 810 000 | |

Bergen kommune finansierer selv 270 000 kroner i form av frikjøp av pedagogiske ledere.
"""


def test_table_cells_that_wrap_are_not_form_fields():
    # In the PDF the narrow cells wrap ("Bergen" / "kommune" / "Kursholdere ..."): read cell by cell, "kommune"
    # alone on its line was the label of a field whose value was the next cell. The reader gives one line per row.
    from nlp_service.corpus.render import Layout, render_pdf
    from nlp_service.ingest.pdf import IngestOptions, parse_pdf

    # two columns: the table's cells are narrow enough to wrap
    doc = parse_pdf(render_pdf(WRAPPED_CELLS, "wrapped-cells", Layout(name="two_column", running_header=False)),
                    IngestOptions())
    lines = [ln.text for p in doc.pages for ln in p.lines]
    assert "Frikjøp av pedagogiske ledere til kursrekken  270 000  Bergen kommune" in lines
    assert any(t.rows for p in doc.pages for t in p.tables)  # a ruled table, read as such
    f = extract_facts(doc, document_sentences(doc))
    assert f.applicant == "Bergen kommune"


def test_the_end_of_a_wrapped_letterhead_line_is_not_a_field_label():
    f = facts_of("""Farsund kommune
Kommunedirektørens stab – HR og
organisasjon
Postboks 100, 4551 Farsund

# Søknad om tilskudd

Farsund kommune søker om tilskudd.
""")
    assert f.applicant == "Farsund kommune"


def test_an_intermunicipal_company_is_the_applicant_not_its_owners():
    f = facts_of("""Hallingdal kvalifiseringssenter IKS
Eigd av Flå, Nesbyen, Gol, Hemsedal, Ål og Hol kommunar
Sentrumsvegen 91, 3550 Gol

# Søknad om tilskot

Hallingdal kvalifiseringssenter IKS søkjer på vegne av eigarkommunane om tilskot. Vi gjennomførte eit prosjekt saman
med Hemsedal kommune i 2021–2023.
""")
    assert f.applicant == "Hallingdal kvalifiseringssenter IKS" and f.applicant_type == "other"


def test_the_amount_asked_for_the_whole_period_beside_one_years_field():
    f = facts_of("""# Søknad om tilskot

Søkjar: Sunnfjord kommune
Prosjektperiode: 01.04.2025–31.12.2026
Søknadsbeløp 2025: kr 1 258 000
Søknadsbeløp heile perioden: kr 3 554 000
""")
    assert f.requested_nok == 3_554_000


def test_a_budget_row_with_a_colon_and_a_column_per_year_is_added_up():
    f = facts_of("""# Søknad om tilskudd

Søker: Oslo kommune, bydel Stovner

| Post | 2025 | 2026 |
| Prosjektkoordinator 60 % | 420 000 | 420 000 |
| Sum søkt fra IMDi | 645 000 | 645 000 |
| Bydelens andel: arbeidstid psykologspesialist og lokaler | 215 000 | 215 000 |
""")
    assert f.own_contribution_nok == 430_000


def test_the_two_column_form_without_a_table():
    # a form whose labels and values the reader gives on lines of their own (no ruled table around them)
    doc = _lines_doc(["Søknad om tilskudd", "", "Søker", "Bodø kommune", "Antall deltakere", "16", "Søknadsbeløp",
                      "kr 850 000", "", "Vi vil prøve ut en ny modell."])
    facts = extract_facts(doc, document_sentences(doc))
    assert facts.applicant == "Bodø kommune" and facts.participants == 16 and facts.requested_nok == 850_000


def test_an_empty_field_shown_as_a_dash_is_not_a_wrapped_line():
    # review: a "-" for an empty field before the next label
    doc = _lines_doc(["Søknad om tilskudd", "", "Søker", "Bodø kommune", "Organisasjonsnummer", "-", "Søknadsbeløp",
                      "850 000", "Tidligere tilskudd", "–", "Antall deltakere", "18"])
    facts = extract_facts(doc, document_sentences(doc))
    assert facts.requested_nok == 850_000 and facts.participants == 18


@pytest.mark.parametrize("other", ["Totalt søkt fra andre kilder: kr 200 000",
                                   "Samla søkt frå andre finansieringskjelder: kr 150 000",
                                   "Tidligere søkt og innvilget totalt: kr 1 200 000"])
def test_a_total_of_other_money_does_not_outweigh_the_amount_asked(other):
    # review: the whole-period field is preferred only beside a field for one year
    f = facts_of(f"# Søknad om tilskudd\n\nSøker: Bodø kommune\nSøknadsbeløp: kr 850 000\n{other}\n")
    assert f.requested_nok == 850_000


@pytest.mark.parametrize("line, requested, own", [
    ("Søknadsbeløp: 300 000  300 000", 600_000, None),  # two years, as a row without a header
    ("Søknadsbeløp: 2025  450 000", 450_000, None),  # a year is not an amount
    ("Egenandel: 100 000  100 000", None, 200_000),
])
def test_a_field_with_an_amount_per_year(line, requested, own):
    f = facts_of(f"# Søknad om tilskudd\n\nSøker: Bodø kommune\n{line}\n")
    assert (f.requested_nok, f.own_contribution_nok) == (requested, own)


def test_a_header_row_is_not_the_applicants_field():
    # review: a two-column table "Kommune | Antall deltakere" read as "Kommune: Antall deltakere"
    f = facts_of("""Hallingdal kvalifiseringssenter IKS

# Søknad om tilskot

Kommune: Antall deltakere
Hemsedal kommune: 4
""")
    assert f.applicant == "Hallingdal kvalifiseringssenter IKS"


@pytest.mark.parametrize("body, participants", [
    # an allowance per participant said as "til sammen 115 500 kr" is a sum, not 115 people
    ("Deltakerstønaden er 10 500 kr per måned i 11 måneder, til sammen 115 500 kr per deltaker. For 12 deltakere blir "
     "det 1 386 000 kr.", 12),
    # the ordinary programme's yearly intake is the municipality's population, not the project's participants
    ("Kommunen har hvert år mellom 30 og 40 deltakere i introduksjonsprogrammet. Vi tar inn 14 deltakere per kull.", 14),
])
def test_participants_not_taken_from_sums_or_the_ordinary_programme(body, participants):
    assert facts_of("# Søknad\n\nSøker: Karmøy kommune\n\n## Målgruppe\n\n" + body + "\n").participants == participants


@pytest.mark.parametrize("body, years", [
    # two intakes one after the other are one project period
    ("Vi planlegger to kull i prosjektperioden: august 2025–mai 2026 og august 2026–mai 2027.", 2),
    ("Prosjektperioden er 1.8.2025–31.5.2026 for første kull og 1.8.2026–31.5.2027 for andre kull.", 2),
    # an earlier project's period, further off or just before, is another project's
    ("Prosjektperioden er august 2025–juni 2026, og vi bygger på piloten august 2022–juni 2023.", 1),
    ("Prosjektperioden er januar 2026–desember 2026, og bygger videre på forprosjektet august 2025–desember 2025.", 1),
    # an earlier grant's dated period is not the project's
    ("Kommunen fikk tilskudd fra IMDi for perioden 1.1.2025–31.12.2025 til et forprosjekt. Vi planlegger et toårig "
     "prosjekt.", 2),
])
def test_a_period_of_consecutive_intakes(body, years):
    assert facts_of("# Søknad\n\nSøker: Karmøy kommune\n\n## Plan\n\n" + body + "\n").duration_years == years


def test_a_period_with_its_dates_outweighs_year_columns():
    markup = """# Søknad

Søker: Holmestrand kommune

## Budsjett

| Post | 2025 (sep.–des.) | 2026 | 2027 (jan.–aug.) | Sum |
| Prosjektleder | 150 000 | 450 000 | 300 000 | 900 000 |
| Egenandel: veiledning i enhetene | 90 000 | 270 000 | 180 000 | 540 000 |

Samlet søknadsbeløp er kr 900 000 for perioden 1.9.2025–31.8.2027.
"""
    f = facts_of(markup)
    assert f.duration_years == 2
    # a row read as a field, with a total column that sums the others: the total, not twice it
    assert f.own_contribution_nok == 540_000


def test_intake_columns_give_the_period():
    markup = """# Søknad

Søker: Skien kommune

## Budsjett

| Post | Kull 1 (sep. 2025–aug. 2026) | Kull 2 (sep. 2026–aug. 2027) |
| Prosjektleder | 400 000 | 400 000 |
| Egenandel Skien kommune | 300 000 | 300 000 |
"""
    assert facts_of(markup).duration_years == 2


@pytest.mark.parametrize("sentence, own", [
    # the period's total beside a yearly one
    ("Kommunen dekker selv jobbspesialist i 20 % stilling, til sammen kr 150 000 per år og kr 200 000 for hele "
     "perioden.", 200_000),
    # a yearly total split into parts: the yearly total times the years
    ("Kommunens egenandel er til sammen kr 150 000 per år, hvorav kr 100 000 er lønn og kr 50 000 er lokaler.", 300_000),
])
def test_a_yearly_total_beside_the_periods_total_or_its_parts(sentence, own):
    markup = ("# Søknad\n\nSøker: Nordre Follo kommune\nProsjektperiode: 01.01.2026–31.12.2027\n\n## Egenandel\n\n"
              + sentence + "\n")
    assert facts_of(markup).own_contribution_nok == own


def test_a_budget_row_named_after_the_applicant_is_its_own_contribution():
    markup = """# Søknad

Søker: Askøy kommune
Egenandel:

## Budsjett

| Post | 2025 | 2026 |
| Prosjektleder 50 % | 340 000 | 350 000 |
| Sum omsøkt IMDi | 340 000 | 350 000 |
| Askøy kommune: lokaler og 10 % koordinering flyktningtjenesten | 120 000 | 140 000 |
"""
    assert facts_of(markup).own_contribution_nok == 260_000


def test_a_regional_council_is_another_applicant():
    f = facts_of("Valdres regionråd\nPostboks 143, 2901 Fagernes\n\n# Søknad om tilskot\n\nVi søkjer om tilskot.\n")
    assert f.applicant == "Valdres regionråd" and f.applicant_type == "other"


_CAPTIONED = """# Søknad om tilskudd

Søker: Lødingen kommune
Søknadsbeløp: kr 1 620 000
Egenandel: se tabell

Kommunen bidrar med oppfølging fra programrådgiverne og leder i flyktningtjenesten.

{caption}

| Kva | Timar | Kroner |
| --- | --- | --- |
| Programrådgjevarar, oppfølging 2025–2026 | 400 | 168 000 |
| Leiar flyktningtenesta, styringsgruppe 2025–2027 | 200 | 84 000 |
{sum_row}
"""


@pytest.mark.parametrize("caption, sum_row, want", [
    ("Eigen innsats frå kommunen:", "| Sum | 600 | 252 000 |", 252_000),  # the amount column, not hours + kroner
    ("Kommunens egeninnsats:", "", 252_000),  # no sum row: the rows added up
    ("Budsjett og egenandel", "| Sum | 600 | 252 000 |", None),  # a whole budget under a heading that names it
])
def test_a_table_under_an_own_contribution_caption_gives_its_sum(caption, sum_row, want):
    assert facts_of(_CAPTIONED.format(caption=caption, sum_row=sum_row)).own_contribution_nok == want


def test_a_table_under_a_caption_with_year_columns_and_no_sum():
    text = """Søker: Kongsberg kommune

Kommunens egeninnsats:

| Post | 2025 (aug–des) | 2026 |
| Veileder 20 % stilling inkl. sosiale kostnader | 62 500 | 150 000 |
| Kontorplass og undervisningsrom | 25 000 | 60 000 |

Søknaden er godkjent av kommunedirektøren.
"""
    assert facts_of(text).own_contribution_nok == 297_500


def test_the_financing_row_of_the_applicant_is_its_own_contribution():
    text = """Søker: Alta kommune

## Budsjett

| Post | 2025 | 2026 | Sum |
| Prosjektleder 60 % | 165 000 | 400 000 | 565 000 |
| Koordinering flyktningtjenesten 15 % (kommunens egen innsats) | 40 000 | 95 000 | 135 000 |
| Kurslokaler Markveien (kommunens egen innsats) | 20 000 | 48 000 | 68 000 |
| Sum kostnader | 225 000 | 543 000 | 768 000 |
| Finansiert av Alta kommune | 60 000 | 143 000 | 203 000 |
| Omsøkt tilskudd fra IMDi | 165 000 | 400 000 | 565 000 |
"""
    assert facts_of(text).own_contribution_nok == 203_000


def test_the_applicant_by_its_short_name_as_the_one_who_gives():
    text = """Søker: Norges miljø- og biovitenskapelige universitet (NMBU)

Det søkes om til sammen kr 1 500 000 fordelt på årene 2025, 2026 og 2027.

NMBU stiller med veiledning fra to forskere (10 % stilling hver) og tilgang til veksthus og forsøksfelt i alle tre \
sesongene, til sammen verdsatt til 380 000 kroner.
"""
    assert facts_of(text).own_contribution_nok == 380_000


_LODINGEN = "# Søknad om tilskudd\n\nSøker: Lødingen kommune\nSøknadsbeløp: kr 1 620 000\n\n"


@pytest.mark.parametrize("body, want", [
    # a table of hours alone gives no kroner, and the amount the text states stands
    ("Egeninnsatsen er verdsatt til 250 000 kroner.\n\nKommunens egeninnsats:\n\n| Rolle | Timer |\n"
     "| Programrådgiver | 400 |\n| Leder flyktningtjenesten | 100 |\n", 250_000),
    # the amount column by any name with "kr" in it, never the hours added to it
    ("Kommunens egeninnsats:\n\n| Hva | Timer | Kostnad (kr) |\n| Programrådgivere | 400 | 168 000 |\n"
     "| Leder | 200 | 84 000 |\n| Sum | 600 | 252 000 |\n", 252_000),
    # someone else's contribution under the caption
    ("Egeninnsats fra samarbeidspartnerne:\n\n| Partner | Kroner |\n| Nav Lødingen, veiledning | 90 000 |\n"
     "| Frivilligsentralen, lokaler | 40 000 |\n", None),
    ("Frivilligsentralens egeninnsats:\n\n| Hva | Kroner |\n| Frivillige timer | 60 000 |\n| Lokaler | 40 000 |\n", None),
    # a sum word inside a row's label does not make it the sum row
    ("Kommunens egeninnsats:\n\n| Post | Kroner |\n| Veileder 20 % stilling | 150 000 |\n"
     "| Lokaler (til sammen tre rom) | 60 000 |\n", 210_000),
    # the caption is for the table right below it, not for the budget after it
    ("Kommunens egeninnsats:\n\n| Rolle | Stillingsprosent |\n| Programrådgiver | 20 % |\n| Leder | 5 % |\n\n"
     "| Post | 2025 | 2026 | Sum |\n| Prosjektleder 100 % | 300 000 | 600 000 | 900 000 |\n"
     "| Kurs | 50 000 | 100 000 | 150 000 |\n| Sum | 350 000 | 700 000 | 1 050 000 |\n", None),
])
def test_what_a_captioned_table_does_not_give(body, want):
    assert facts_of(_LODINGEN + body).own_contribution_nok == want


@pytest.mark.parametrize("sentence", [
    "Prosjektet har en totalkostnad på 1 880 000 kroner, og NMBU dekker resten.",
    "NMBU dekker ikke utgifter over 50 000 kroner per ekskursjon.",
    "NMBU bidrar med veiledning, men dekker ikke reiser til samlede kostnader på 90 000 kroner.",
])
def test_the_applicants_short_name_with_no_amount_it_gives(sentence):
    text = "Søker: Norges miljø- og biovitenskapelige universitet (NMBU)\n\nDet søkes om kr 1 500 000.\n\n" + sentence + "\n"
    assert facts_of(text).own_contribution_nok is None


_ADDITION = """Søker: Sunndal kommune

## Budsjett

| Post | 2025 | 2026 | Sum |
| Prosjektleder 50 % | 150 000 | 300 000 | 450 000 |
| Egenandel kommunen: programrådgiver 30 % stilling | 60 000 | 180 000 | 240 000 |
| Sum søkt fra IMDi | 150 000 | 300 000 | 450 000 |

{more}
"""


@pytest.mark.parametrize("more, want", [
    # a further part "i tillegg", valued in the next sentence or in the same one
    ("I tillegg til stillingsressursen i tabellen stiller kommunen lokaler og IT-utstyr til disposisjon for prosjektet. "
     "Dette er beregnet til 45 000 kr for hele prosjektperioden.", 285_000),
    ("I tillegg stiller kommunen møterom på rådhuset, verdsatt til 25 000 kroner for høsten 2025 og 60 000 kroner for "
     "2026.", 325_000),
    # valued beside the table and of another kind than its row (rooms beside staff time): a part too
    ("Kommunen stiller lokaler til disposisjon. Dette er beregnet til 45 000 kr.", 285_000),
    # not in addition and the row's own kind (its staff told again), someone else's, or not valued: the row alone
    ("Kommunen stiller programrådgiveren til disposisjon. Dette er beregnet til 230 000 kr.", 240_000),
    ("I tillegg stiller Nav Sunndal med en veileder. Dette er beregnet til 90 000 kr.", 240_000),
    ("I tillegg stiller kommunen lokaler til disposisjon.", 240_000),
])
def test_a_part_given_in_addition_is_added_to_the_own_contribution(more, want):
    assert facts_of(_ADDITION.format(more=more)).own_contribution_nok == want


def test_a_form_fields_own_contribution_is_the_whole_and_gets_nothing_added():
    text = ("Søker: Sunndal kommune\nEgenandel: kr 285 000\n\nI tillegg til stillingsressursen stiller kommunen lokaler "
            "til disposisjon. Dette er beregnet til 45 000 kr for hele prosjektperioden.\n")
    assert facts_of(text).own_contribution_nok == 285_000


_PARTS = """Søker: Vefsn kommune
Prosjektperiode: 01.01.2025–31.12.2026

## Egeninnsats

{text}
"""


@pytest.mark.parametrize("text, want", [
    # the own contribution in two places of the text, each valued, yearly ones once per year (150 000 + 90 000) x 2
    ("Flyktningtjenesten bidrar med en kontaktperson i 20 % stilling, tilsvarende 150 000 kr per år, som egeninnsats. "
     "Vefsn kommune stiller også undervisningsrom til disposisjon, verdsatt til 90 000 kr i året.", 480_000),
    # a part valued in the sentence after the one that gives it, and one said by the own contribution's name
    ("Bydelen stiller møterom til disposisjon for samlingene. Lokalene er verdsatt til 25 000 kroner for høsten 2025 "
     "og 60 000 kroner for 2026. Bydelen går inn med en programrådgiver i 20 % stilling, til sammen 170 000 kroner "
     "for prosjektperioden.", 255_000),
    ("Kommunen stiller lokaler til disposisjon, verdsatt til kr 90 000 for hele prosjektperioden. Sykehjemmene bidrar "
     "med arbeidstid til opplæring av veilederne. Denne egeninnsatsen er beregnet til kr 240 000 i perioden.", 330_000),
    # a further part of several things, each valued: 180 000 x 2 + 40 000 x 2 + 20 000
    ("Kommunen bidrar med prosjektledelse, verdsatt til 180 000 kr per år. I tillegg stiller kommunen med lokaler, "
     "verdsatt til 40 000 kr per år, og IT-utstyr, verdsatt til 20 000 kroner.", 460_000),
    # the whole said beside its parts, or the parts of the first one: nothing is counted twice
    ("Kommunen bidrar med prosjektledelse, verdsatt til 180 000 kr per år. Kommunen stiller også lokaler, verdsatt til "
     "60 000 kr per år. Samlet egeninnsats er dermed 480 000 kroner.", 480_000),
    ("Kommunens egeninnsats er verdsatt til 300 000 kroner. Kommunen stiller med prosjektleder, verdsatt til "
     "200 000 kroner, og med lokaler, verdsatt til 100 000 kroner.", 300_000),
    ("Kommunen bidrar med prosjektledelse i 20 % stilling, verdsatt til 180 000 kr per år. Dette er verdsatt til "
     "180 000 kr per år.", 360_000),
    # a part given without its giver named, or paid "av IKS-et" (bokmål or nynorsk), valued with "utgjer"
    ("Fylkeskommunen stiller med ein rettleiar i 30 % stilling, verdsett til 320 000 kr. Undervisningslokala på "
     "skulen blir stilte til disposisjon utan kostnad for prosjektet; dette utgjer om lag 80 000 kr for heile "
     "perioden.", 400_000),
    # a part's own total over the years is no total of the whole ("som egeninnsats, til sammen ... over perioden")
    ("Vefsn kommune stiller prosjektleder i 20 % stilling som egeninnsats, til sammen 300 000 kroner over "
     "prosjektperioden. Lokaler og utstyr til opplæringen dekkes av kommunen, verdsatt til 80 000 kroner for hele "
     "perioden.", 380_000),
    # a monthly value beside the period's sum: the sum (85 000 + 100 000)
    ("Stiftelsen stiller kjøkken og lokaler til disposisjon, verdsatt til 5 000 kroner i måneden (85 000 kroner for "
     "hele perioden). Daglig leder går inn med om lag 10 % av sin stilling, som vi har verdsatt til 100 000 kroner "
     "for perioden.", 185_000),
    # two things valued in one sentence, each per year: (180 000 + 60 000) x 2
    ("Kommunen stiller med 20 % stilling fra introduksjonsprogrammet (verdsatt til 180 000 kr per år) og lokaler "
     "verdsatt til 60 000 kr per år.", 480_000),
    # a part "i tillegg" with its amount but no word of valuing, and a part given by a unit named after the sentence
    # that names the own contribution
    ("Bydelen stiller lokaler til disposisjon, verdsatt til kr 96 000 per år. I tillegg dekker bydelen 20 % av en "
     "programrådgiverstilling, om lag kr 150 000 årlig.", 492_000),
    ("Flyktningtenesta stiller med ein programrådgjevar i 20 % stilling, verdsett til 160 000 kr. I tillegg kjem "
     "kommunen sin eigeninnsats. Volda læringssenter stiller undervisningsrom til disposisjon, verdsett til 40 000 "
     "kr.", 200_000),
    # someone else's part, and a part with no value, are not the applicant's
    ("Kommunen bidrar med prosjektledelse i 20 % stilling, verdsatt til 180 000 kr per år. Nav Vefsn stiller med en "
     "veileder, verdsatt til 100 000 kr per år. Kommunen stiller også lokaler til disposisjon.", 360_000),
])
def test_an_own_contribution_said_in_parts_across_the_text_is_added_up(text, want):
    assert facts_of(_PARTS.format(text=text)).own_contribution_nok == want


def test_an_own_contribution_given_only_as_a_valued_thing_the_applicant_puts_in():
    text = ("Søker: Stiftelsen Fjellkjøkkenet\nProsjektperiode: 2025–2026\n\n## Lokaler\n\nStiftelsen stiller lokaler og "
            "kjøkkenutstyr til disposisjon for prosjektet. Dette har en verdi på om lag 180 000 kroner per år, til "
            "sammen 360 000 kroner for prosjektperioden.\n")
    assert facts_of(text).own_contribution_nok == 360_000


def test_a_labelled_row_of_a_table_under_an_own_contribution_caption_is_one_part_of_the_table():
    text = """Søker: Bydel Alna
Egenandel: Se budsjett

## Budsjett

Bydelens egeninnsats (ikke søkt dekket):

| Post | 2025 | 2026 | Sum |
| Egeninnsats bydel: programrådgiver 20 % stilling | 60 000 | 150 000 | 210 000 |
| Lokaler til samlinger (verdsatt husleie) | 20 000 | 48 000 | 68 000 |
"""
    assert facts_of(text).own_contribution_nok == 278_000


def test_a_financing_table_with_the_applicants_column_and_a_row_for_the_whole_period():
    text = """Søker: Vestfold fylkeskommune

## Finansiering per år

| År | IMDi | Vestfold fylkeskommune | Totalt |
| 2025 | 600 000 | 150 000 | 750 000 |
| 2026 | 800 000 | 200 000 | 1 000 000 |
| Hele perioden | 1 400 000 | 350 000 | 1 750 000 |
"""
    assert facts_of(text).own_contribution_nok == 350_000


@pytest.mark.parametrize("field, want", [
    # a field that names its part, and a part "i tillegg til" it: added
    ("240 000 kr i arbeidstid (rådgiver fagopplæring 20 %)", 300_000),
    ("200 000 kr (arbeidstid)", 260_000),
    # a bare amount is the whole
    ("kr 240 000", 240_000),
])
def test_a_part_in_addition_to_a_field_that_names_its_own_part(field, want):
    text = (f"Søker: Nordland fylkeskommune\nEgenandel: {field}\nProsjektperiode: 2025–2026\n\nI tillegg til "
            "rådgiverressursen i søknadsskjemaet stiller fylkeskommunen lokaler og samlingsrom til disposisjon, "
            "verdsatt til kr 60 000 for hele perioden.\n")
    assert facts_of(text).own_contribution_nok == want


def test_participants_in_a_field_as_counts_added():
    assert facts_of("Søker: Gjøvik kommune\nAntall deltakere: 8 + 8\n").participants == 16
    assert facts_of("Søker: Gjøvik kommune\nAntall deltakere: 12 + 6 + 6\n").participants == 24


def test_a_row_paid_by_the_applicant_and_a_yearly_part_in_addition():
    """"Lokaler (dekkes av fylkeskommunen)" is the applicant's row; a part "i tillegg", said per year, counts once a
    year: 192 000 + 180 000 x 2."""
    text = """Søker: Rogaland fylkeskommune
Egenandel: 20 % stilling + lokaler, se budsjett
Prosjektperiode: 2025–2026

Rogaland fylkeskommune bidrar i tillegg med 20 % stilling til prosjektledelse, beregnet til 180 000 kroner per år.

## Budsjett

| Post | 2025 | 2026 | Sum |
| Prosjektkoordinator 50 % | 300 000 | 300 000 | 600 000 |
| Lokaler i Haugesund (dekkes av fylkeskommunen) | 96 000 | 96 000 | 192 000 |
"""
    assert facts_of(text).own_contribution_nok == 552_000


@pytest.mark.parametrize("sentence, want", [
    # the text names who gives it and points to the table; the row begins with that name
    ("Larvik læringssenter stiller med norsklærer og lokaler som vist i tabellen.", 255_000),
    ("I tillegg stiller Larvik læringssenter med norsklærer og lokaler, se budsjettet.", 255_000),
    # no pointer to the table, or a giver no row names: nothing
    ("Larvik læringssenter stiller med norsklærer og lokaler.", None),
    ("Nav Larvik stiller med veileder som vist i tabellen.", None),
])
def test_a_budget_row_named_by_the_part_of_the_applicant_the_text_says_gives_it(sentence, want):
    text = f"""Søker: Larvik kommune
Egenandel: Se budsjett

{sentence}

## Budsjett

| Post | 2025 | 2026 | Sum |
| Prosjektleder 50 % | 150 000 | 300 000 | 450 000 |
| Larvik læringssenter: norsklærer 20 % og lokaler | 75 000 | 180 000 | 255 000 |
| Sum søkt fra IMDi | 150 000 | 300 000 | 450 000 |
"""
    assert facts_of(text).own_contribution_nok == want


def test_a_budget_row_of_the_applicants_own_effort_named_so():
    text = """Søker: Stiftelsen Elvekafeen

## Budsjett

| Post | 2025 | 2026 | Sum |
| Kafélærer 50 % | 100 000 | 240 000 | 340 000 |
| Stiftelsens egen innsats (lokaler, daglig leder) | 55 000 | 132 000 | 187 000 |
"""
    assert facts_of(text).own_contribution_nok == 187_000


@pytest.mark.parametrize("leader_row, want", [
    # a table of what the applicant gives beyond the part the text values: both (160 000 x 2 + 40 000 x 2)
    ("", 400_000),
    # the table holds the text's part too: the text's part is in it, and the caption's table is not added to it
    ("| Prosjektleiar 20 % | 160 000 | 160 000 |\n", 320_000),
])
def test_the_texts_part_and_a_captioned_table_of_further_parts(leader_row, want):
    text = f"""Søker: Møre og Romsdal fylkeskommune
Eigendel: Sjå budsjett
Prosjektperiode: 2025–2026

Fylkeskommunen stiller med prosjektleiar i 20 % stilling, verdsett til 160 000 kroner per år.

## Budsjett

| Post | 2025 | 2026 |
| Koordinator 50 % | 380 000 | 390 000 |
| Sum omsøkt | 380 000 | 390 000 |

Eigenfinansiering utover prosjektleiar:

| Post | 2025 | 2026 |
{leader_row}| Lokale og møterom | 40 000 | 40 000 |
"""
    assert facts_of(text).own_contribution_nok == want


def test_budget_rows_of_the_municipalitys_effort_are_its_own_contribution():
    text = """Søker: Fredrikstad kommune
Egenandel: Se budsjett

## Budsjett

| Post | 2025 | 2026 | Sum |
| Prosjektleder 50 % | 300 000 | 300 000 | 600 000 |
| Kommunal innsats: programrådgiver 20 % | 150 000 | 150 000 | 300 000 |
| Kommunal innsats: lokaler og utstyr | 60 000 | 60 000 | 120 000 |
"""
    assert facts_of(text).own_contribution_nok == 420_000


@pytest.mark.parametrize("text, want", [
    # an aside in brackets on others than the participants
    ("Antall deltakere: 8 (i tillegg får 25 ansatte opplæring)", 8),
    ("Antall deltakere: 12 per år (to kull)", 24),
    # what a group "consists of" is its count, not a share
    ("## Deltakere\n\nKullet skal bestå av fjorten deltakere, rekruttert fra introduksjonsprogrammet.", 14),
    ("## Resultater\n\n14 av 17 deltakere kom i arbeid.", None),
    # a group that grows: what it comes to ("slik at gruppa då er på 16"), not its first intake
    ("## Deltakarar\n\nProsjektet startar opp med 12 deltakarar frå august 2025, og vi tek inn fire nye i januar 2026, "
     "slik at gruppa då er på 16.", 16),
])
def test_participants_beside_asides_and_in_what_a_group_consists_of(text, want):
    assert facts_of("Søker: Alta kommune\n" + text + "\n").participants == want


@pytest.mark.parametrize("text, want", [
    # a share of the budget, the grant asked of IMDi, another foundation, someone else who gives: not further parts
    ("Kommunens egenandel er 300 000 kroner. Egenandelen utgjør 20 prosent av totalbudsjettet på 1 500 000 kroner.",
     300_000),
    ("Kommunen bidrar med 200 000 kroner i egeninnsats. Vi søker IMDi om tilskudd som dekker lønn til prosjektleder, "
     "tilsvarende 900 000 kroner.", 200_000),
    ("Kommunen bidrar med prosjektledelse, verdsatt til 200 000 kroner. Stiftelsen Kirkens Bymisjon stiller med en "
     "miljøarbeider, verdsatt til 120 000 kroner.", 200_000),
    ("Kommunen bidrar med prosjektledelse, verdsatt til 200 000 kroner. I tillegg bidrar Nav Vefsn med arbeidstrening, "
     "og vi anslår verdien til om lag 150 000 kroner.", 200_000),
    # a breakdown of the whole said first, and a yearly value restated for the period
    ("Kommunens egeninnsats er 450 000 kroner i prosjektperioden. Den største delen er prosjektleder i 50 % stilling, "
     "som kommunen dekker selv, verdsatt til 350 000 kroner.", 450_000),
    ("Kommunen stiller med prosjektleder, verdsatt til 150 000 kroner per år, tilsvarende 300 000 kroner for de to "
     "årene.", 300_000),
])
def test_what_is_not_a_further_part_of_the_own_contribution(text, want):
    assert facts_of(_PARTS.format(text=text)).own_contribution_nok == want


def test_a_text_total_of_the_own_contribution_is_not_added_to_its_table():
    text = """Søker: Vefsn kommune
Prosjektperiode: 2025–2026

Kommunens egeninnsats er 400 000 kroner over prosjektperioden, se tabellen under.

Kommunens egeninnsats per år:

| Post | Beløp |
| Prosjektleder 20 % | 125 000 |
| Lokaler | 75 000 |
"""
    assert facts_of(text).own_contribution_nok == 400_000


@pytest.mark.parametrize("field, want", [("12 + 12 (samme deltakere begge år)", 12), ("8 + 8 deltakere", 16)])
def test_counts_added_in_a_field_only_when_they_are_bare(field, want):
    assert facts_of(f"Søker: Gjøvik kommune\nAntall deltakere: {field}\n").participants == want
    # "8 + 4 frivillige mentorer": the mentors are not added to the participants
    assert facts_of("Søker: Gjøvik kommune\nAntall deltakere: 8 + 4 frivillige mentorer\n").participants != 12


def test_a_table_row_and_the_own_contribution_valued_in_words_beside_it_are_added():
    """A row "Eigendel: lokale og reinhald" and, in the text, "Denne eigeninnsatsen er verdsett til 140 000 kr per
    år": two parts (100 000 + 280 000); the same contribution said again in words is not added."""
    head = "Søkar: Sunnfjord kommune\nProsjektperiode: 2025–2026\n\n## Organisering\n\n"
    table = ("\n\n## Budsjett\n\n| Post | 2025 | 2026 | Sum |\n| Prosjektleiar 50 % | 300 000 | 300 000 | 600 000 |\n"
             "| Eigendel: lokale og reinhald | 50 000 | 50 000 | 100 000 |\n")
    parts = ("Kommunen set av ein koordinator i 20 % stilling frå flyktningtenesta. Denne eigeninnsatsen er verdsett til "
             "140 000 kr per år, altså 280 000 kr for heile prosjektperioden.")
    assert facts_of(head + parts + table).own_contribution_nok == 380_000
    again = "Eigeninnsatsen vår er lokale og reinhald, verdsett til 50 000 kr per år."
    assert facts_of(head + again + table).own_contribution_nok == 100_000


@pytest.mark.parametrize("text, want", [
    # valued in the present tense ("dette verdsetter vi til")
    ("Daglig leder bruker om lag 10 % av stillingen sin på prosjektet, tilsvarende 65 000 kroner for hele perioden, og "
     "dette dekker stiftelsen selv. Stiftelsen stiller bakeriets lokaler og utstyr til disposisjon i hele perioden, og "
     "dette verdsetter vi til 90 000 kroner.", 155_000),
    # "regnes som en del av egenandelen", valued in the next sentence by "Vi har beregnet den til"
    ("Kommunen stiller undervisningsrom til disposisjon, verdsatt til 25 000 kr for høsten 2025 og 60 000 kr for 2026. "
     "Praksisveiledningen på sykehjemmene regnes som en del av egenandelen. Vi har beregnet den til 50 000 kr i 2025 og "
     "120 000 kr i 2026.", 255_000),
])
def test_more_ways_to_value_a_part_of_the_own_contribution(text, want):
    assert facts_of(_PARTS.format(text=text).replace("Vefsn kommune", "Stiftelsen Brødhuset")).own_contribution_nok == want


@pytest.mark.parametrize("text, want", [
    # the total said after its count; the first intake after the colon is a part of it
    ("Prosjektet skal ha 12 deltakere totalt: ti kvinner starter i august 2025, og to til tas inn i januar 2026.", 12),
    # a group that grows: what it grows to, in the same sentence or right after the one that counts the first intake
    ("Vi starter med 10 deltakere i august 2025 og utvider til 12 fra januar 2026.", 12),
    ("Første kull starter i august 2025 med 12 deltakere. Fra januar 2026 utvider vi til 14, når Dyrøy kommer inn.", 14),
    # ... not a number something else grows to, with no count of the group before it
    ("Vi har 12 deltakere. Kommunen har i mange år hatt stabil drift.\n\nFra 2026 utvider vi åpningstiden til 14.", 12),
    # a count per track after a comma is that track's, not the count's
    ("Prosjektet skal ha minst 12 deltakere, seks i hvert spor. Vi har i dag totalt 41 voksne elever ved senteret, så "
     "rekrutteringen regner vi som realistisk.", 12),
])
def test_participants_of_a_group_that_grows_and_beside_what_the_applicant_has_today(text, want):
    assert facts_of("Søker: Alta kommune\n\n## Deltakere\n\n" + text + "\n").participants == want


def test_budget_rows_declared_the_applicants_own_in_brackets_are_added():
    """Two rows whose labels end "(kommunens egeninnsats)" are two parts (220 000 + 85 000); a row that says only a
    share of it is the applicant's ("(herav 20 % egenandel)") is no part."""
    text = """Søker: Gjøvik kommune
Prosjektperiode: 2025–2027

## Budsjett

| Post | 2025 | 2026 | 2027 | Sum |
| Prosjektkoordinator 50 % | 120 000 | 360 000 | 180 000 | 660 000 |
| Programrådgiver 20 % stilling (kommunens egeninnsats) | 40 000 | 120 000 | 60 000 | 220 000 |
| Lokaler Gjøvik læringssenter (kommunens egeninnsats) | 15 000 | 45 000 | 25 000 | 85 000 |
"""
    assert facts_of(text).own_contribution_nok == 305_000
    share = text.replace("Lokaler Gjøvik læringssenter (kommunens egeninnsats)", "Lærer 40 % (herav 20 % egenandel)")
    assert facts_of(share).own_contribution_nok == 220_000


@pytest.mark.parametrize("said, want", [("Prosjektet har to spor: kafé og tekstil.", 14), ("", 7),
                                        ("Vi starter med to spor og utvider til tre spor i 2026.", 7)])
def test_a_field_that_counts_per_track_and_the_tracks_the_text_gives(said, want):
    text = f"Søker: Sarpsborg kommune\nAntall deltakere: 7 i hvert spor\n\n## Om prosjektet\n\n{said}\n"
    assert facts_of(text).participants == want



@pytest.mark.parametrize("text, want", [
    # found by review: what else grows, a per-group field beside groups of the past, "har i dag" far from the count
    ("Prosjektet har 12 deltakere i Sandnes, og fra 2026 utvider vi tilbudet til 3 bydeler.", 12),
    ("Vi har 12 deltakere. Fra 2026 øker vi til 4 samlinger i måneden.", 12),
    ("Vi starter med 10 deltakere, og i 2026 øker gruppa fra 10 til 14 deltakere.", 14),
    ("Kommunen har i dag ikke et tilsvarende tilbud, og prosjektet skal gi 12 deltakere arbeidstrening. "
     "Mentorordningen har 8 personer.", 12),
])
def test_participants_found_by_review(text, want):
    assert facts_of("Søker: Alta kommune\n\n## Deltakere\n\n" + text + "\n").participants == want


def test_a_per_group_field_is_not_multiplied_by_groups_of_the_past():
    text = ("Søker: Alta kommune\nAntall deltakere: 8 per kull\n\n## Bakgrunn\n\nVi har tidligere gjennomført fire kull "
            "med språkpraksis.\n")
    assert facts_of(text).participants == 8


@pytest.mark.parametrize("said", [
    "Kommunens egeninnsats er anslått til ca. 310 000 kr for hele perioden.",
    "Egeninnsatsen består av arbeidstid for programrådgiver, verdsatt til 250 000 kr, og lokaler.",
    "I forrige prosjekt var egeninnsatsen verdsatt til 200 000 kr.",
])
def test_the_own_contribution_row_said_again_in_words_is_not_added(said):
    text = ("Søker: Vefsn kommune\nProsjektperiode: 2025–2026\n\n## Egeninnsats\n\n" + said + "\n\n## Budsjett\n\n"
            "| Post | 2025 | 2026 | Sum |\n| Egenandel: arbeidstid og lokaler | 150 000 | 150 000 | 300 000 |\n")
    assert facts_of(text).own_contribution_nok == 300_000


# ------------------------------------------------------------------- learned from the 40th batch (train/dev only)

def test_a_part_measured_then_valued_in_the_same_sentence_is_added():
    text = ("Søker: Kongsberg kommune\nProsjektperiode: 1. juni 2025 – 31. mai 2027\n\n## Kommunens eget bidrag\n\n"
            "Kommunen dekker selv veiledningen på arbeidsplassene. Praksisveilederne bruker om lag en halv dag per uke "
            "per deltaker, og dette er beregnet til 180 000 kr per prosjektår. Dette er ikke tatt med i budsjettet.\n\n"
            "Enheten stiller dessuten kontorplass og møterom til samlingene, verdsatt til 40 000 kr per år.\n")
    assert facts_of(text).own_contribution_nok == 440_000


def test_a_yearly_part_the_budget_row_carries_for_a_part_year_is_the_rows_total():
    text = ("Søker: Kristiansund kommune\nProsjektperiode: 01.08.2025 – 31.12.2026\nEgenandel: Se budsjett\n\n"
            "## Budsjett\n\n| Post | 2025 | 2026 | Sum |\n| Koordinator 50 % | 200 000 | 480 000 | 680 000 |\n"
            "| Jobbspesialist 40 %, kommunens arbeidstid (note 3) | 130 000 | 310 000 | 440 000 |\n\n"
            "Note 3: Kristiansund kommune dekker selv en jobbspesialist i 40 % stilling gjennom hele "
            "prosjektperioden, verdsatt til 310 000 kr per år.\n")
    assert facts_of(text).own_contribution_nok == 440_000
    # with no row that carries it, the yearly amount counts for each year
    alone = text.replace("| Jobbspesialist 40 %, kommunens arbeidstid (note 3) | 130 000 | 310 000 | 440 000 |\n", "")
    assert facts_of(alone).own_contribution_nok == 620_000


@pytest.mark.parametrize("sentence, want", [
    ("Løpet varer i ti månader og blir gjennomført med to kull med 15 deltakarar i kvart.", 30),
    # what was carried out is no plan
    ("Prosjektet ble gjennomført med to kull med 15 deltakere i hvert.", None),
])
def test_what_will_be_carried_out_is_a_plan(sentence, want):
    assert facts_of(f"Søker: Sunnfjord kommune\n\n## Deltakarar\n\n{sentence}\n").participants == want


# ------------------------------------------------------------------- found by review of engine 38

@pytest.mark.parametrize("said, want", [
    # a cost named and priced in the budget, not a part measured and valued
    ("Vi bruker tolk på alle samlingene, og dette er beregnet til 90 000 kr per år i budsjettet.", 300_000),
    # a part measured, then valued in other words
    ("Veilederne bruker om lag en halv dag per uke per deltaker, noe som tilsvarer om lag 90 000 kr per år.", 480_000),
    ("Veilederne bruker om lag en halv dag per uke per deltaker, og dette utgjør om lag 90 000 kr per år.", 480_000),
])
def test_a_sentence_after_a_part_values_it_only_when_it_measures_it(said, want):
    text = ("Søker: Vefsn kommune\nProsjektperiode: 2025–2026\n\n## Eget bidrag\n\nKommunen stiller selv med lokaler og "
            "veiledning, verdsatt til 150 000 kr per år. I tillegg stiller kommunen med veiledere på arbeidsplassene. "
            + said + "\n")
    assert facts_of(text).own_contribution_nok == want


def test_a_yearly_part_is_not_a_row_of_something_else_with_the_same_figure():
    text = ("Søker: Vefsn kommune\nProsjektperiode: 2025–2026\n\n## Eget bidrag\n\nKommunen stiller kontorplass, møterom "
            "og IKT-utstyr til disposisjon, verdsatt til 100 000 kr per år.\n\n## Budsjett\n\n| Post | 2025 | 2026 | Sum |\n"
            "| Tolk og oversettelse | 100 000 | 40 000 | 140 000 |\n")
    assert facts_of(text).own_contribution_nok == 200_000


@pytest.mark.parametrize("sentence", ["Løpet varer i ti månader og blir difor gjennomført med to kull med 15 deltakarar "
                                      "i kvart.", "Kurset blir altså gjennomført med to kull med 15 deltakere i hvert."])
def test_what_will_be_carried_out_with_an_adverb_between_is_a_plan(sentence):
    assert facts_of(f"Søker: Sunnfjord kommune\n\n## Deltakarar\n\n{sentence}\n").participants == 30


# ------------------------------------------------------------------- learned from the 42nd batch (train/dev only)

@pytest.mark.parametrize("text, want", [
    # intakes counted one by one by their number: their sum
    ("Kull 1 starter i september 2025 og består av 10 deltakere. Kull 2 starter i september 2026 og består av 14 "
     "deltakere, fordi vi da har et ekstra arbeidslag.", 24),
    ("Vi tek inn minst 15 deltakarar i kull 1 (skuleåret 2025/26) og planlegg 18 deltakarar i kull 2 (skuleåret "
     "2026/27).", 33),
    # those who have taken a certificate in an earlier project are no plan
    ("Prosjektet skal omfatte minst 14 kvinner i hvert prosjektår. Fylkeskommunen har siden 2022 hatt prosjektet "
     "«Fagbrev på jobb», der 22 voksne innvandrere har tatt fagbrev.", 14),
])
def test_intakes_one_by_one_and_earlier_projects(text, want):
    assert facts_of(f"Søker: Alta kommune\n\n## Deltakere\n\n{text}\n").participants == want


@pytest.mark.parametrize("unit", ["per kursår", "per budsjettår", "kvart skuleår"])
def test_an_own_contribution_per_course_or_budget_year_counts_each_year(unit):
    text = ("Søker: Ørsta kommune\nProsjektperiode: 1. august 2025 – 31. juli 2027\n\n## Eigeninnsats\n\nØrsta kommune "
            f"legg sjølv inn 20 % stilling som koordinator, verdsett til 160 000 kr {unit}.\n")
    assert facts_of(text).own_contribution_nok == 320_000


# ------------------------------------------------------------------- found by review of engines 39-41

@pytest.mark.parametrize("text, want", [
    # an earlier project's intakes are not the plan
    ("Prosjektet viderefører en pilot. Kull 1 startet i august 2023 og besto av 12 deltakere. Kull 2 startet i "
     "august 2024 og besto av 10 deltakere. I den nye prosjektperioden tar vi inn 16 deltakere.", 16),
    # "har tatt høyde for" plans
    ("Vi har tatt høyde for 12 deltakere i første kull.", 12),
])
def test_participants_found_by_the_second_review(text, want):
    assert facts_of(f"Søker: Alta kommune\n\n## Deltakere\n\n{text}\n").participants == want


def test_the_applicants_staff_valued_after_a_comma_is_a_part():
    text = ("Søker: Vefsn kommune\nProsjektperiode: 2025–2026\n\n## Eget bidrag\n\nKommunen stiller selv med lokaler og "
            "veiledning, verdsatt til 150 000 kr per år. I tillegg stiller kommunen med veiledere på arbeidsplassene. "
            "Veilederne følger opp hver deltaker tett i praksisperioden, og dette er beregnet til 90 000 kr per år.\n")
    assert facts_of(text).own_contribution_nok == 480_000


def test_a_yearly_part_in_a_row_named_for_the_applicants_time():
    text = ("Søker: Kristiansund kommune\nProsjektperiode: 01.08.2025 – 31.12.2026\nEgenandel: Se budsjett\n\n"
            "## Budsjett\n\n| Post | 2025 | 2026 | Sum |\n| Kommunens arbeidstid (40 %) | 130 000 | 310 000 | 440 000 |\n\n"
            "Kristiansund kommune dekker selv en jobbspesialist i 40 % stilling gjennom hele prosjektperioden, "
            "verdsatt til 310 000 kr per år.\n")
    assert facts_of(text).own_contribution_nok == 440_000


# ------------------------------------------------------------------- learned from the forty-third batch

_BESIDE = ("Søker: {applicant}\nProsjektperiode: 1. august 2025 – 31. juli 2027\nEgenandel: Se budsjett\n\n"
           "## Egeninnsats\n\n{text}\n\n## Budsjett\n\n| Post | 2025/26 | 2026/27 | Sum |\n"
           "| Prosjektleder 50 % | 300 000 | 300 000 | 600 000 |\n{row}\n| Søkt fra IMDi | 300 000 | 300 000 | 600 000 |\n")


@pytest.mark.parametrize("applicant, text, row, want", [
    # staff time the municipality pays itself, beside a budget row of rooms: two parts
    ("Lier kommune", "Kommunepsykologen bidrar med 10 % stilling i prosjektet, som kommunen dekker selv (ca. 80 000 kr "
     "per år).", "| Kommunens bidrag: møterom | 20 000 | 20 000 | 40 000 |", 200_000),
    # valued by "vi", a unit of the municipality giving staff time beside a row of rooms
    ("Frosta kommune", "Servicekontoret stiller med om lag 10 % stilling til mottaket, som vi verdsetter til 55 000 kr "
     "per år.", "| Lokaler (kommunens egenandel) | 30 000 | 30 000 | 60 000 |", 170_000),
    # a part the text says the budget leaves out, given by the applicant's own word for itself
    ("Opplæringskontoret for bygg i Hallingdal", "I tillegg dekker opplæringskontoret kursmateriell med egne midler, "
     "anslått til 30 000 kr per år. Dette er ikke ført opp i budsjettet nedenfor.",
     "| Faglig leder 20 % (egeninnsats) | 100 000 | 100 000 | 200 000 |", 260_000),
    # the short form the text gives the applicant ("(OKBH)"), in nynorsk, with the amount found in another row too
    ("Opplæringskontoret for bygg i Hallingdal", "Opplæringskontoret for bygg i Hallingdal (OKBH) er eit "
     "samarbeidsorgan for lærebedrifter. OKBH legg i tillegg inn 10 % stilling som koordinator, rekna til 300 000 kr "
     "for heile perioden. Denne innsatsen er ikkje teken med i tabellen.",
     "| Lokale (eigeninnsats OKBH) | 20 000 | 20 000 | 40 000 |", 340_000),
])
def test_a_part_told_beside_the_budget_table_is_added(applicant, text, row, want):
    assert facts_of(_BESIDE.format(applicant=applicant, text=text, row=row)).own_contribution_nok == want


@pytest.mark.parametrize("text", [
    # the row told again in words, with its own amount
    "Kommunen dekker selv koordinatoren i 30 % stilling, verdsatt til 210 000 kr per år.",
    # the same kind of part as the row, rounded: the row told again, not another part
    "Kommunen dekker selv koordinatoren i 30 % stilling, om lag 200 000 kr per år.",
])
def test_the_budget_rows_part_told_again_beside_the_table_is_not_added(text):
    row = "| Kommunens bidrag: koordinator 30 % | 210 000 | 210 000 | 420 000 |"
    assert facts_of(_BESIDE.format(applicant="Lier kommune", text=text, row=row)).own_contribution_nok == 420_000


@pytest.mark.parametrize("text, want", [
    ("Vi planlegger fire grupper i løpet av prosjektperioden, hver med 6–8 deltakere.", 24),
    ("Første kull på 7 deltakere starter i august 2025, og et nytt kull på 6–8 deltakere tas inn i januar 2026.", 13),
    ("Vi tar sikte på å ta inn minst 12 voksne innvandrere i første kull høsten 2025, og et nytt kull av samme "
     "størrelse høsten 2026.", 24),
    ("I hvert elevpanel blir det 6–10 elever, og vi regner med at mellom 25 og 35 elever deltar i panelene samlet.", 25),
    # the long run is no plan of the project's
    ("Målgruppen på sikt er alle som ansetter i kommunen, i alt om lag 300 ledere med personalansvar. Vi regner med "
     "minst 20 ledere og tillitsvalgte fra to enheter i ledersamlingene.", 20),
])
def test_participants_told_by_groups_intakes_and_the_whole(text, want):
    assert facts_of(f"Søker: Alta kommune\n\n## Deltakere\n\n{text}\n").participants == want


@pytest.mark.parametrize("field, text, want", [
    # a field that points to the text and counts intakes or schools: the text's count
    ("to kull, se pkt. 4", "Første kull på 7 deltakere starter i august 2025, og et nytt kull på 8 deltakere tas inn "
     "i januar 2026.", 15),
    ("3 skoler, se målgruppe", "Vi regner med at 30 elever deltar i elevpanelene.", 30),
    # a range per intake, and the text says how many intakes
    ("12–14 per kull", "Vi tar inn to kull, høsten 2025 og høsten 2026.", 24),
])
def test_a_participants_field_that_counts_groups_or_points_to_the_text(field, text, want):
    assert facts_of(f"Søker: Alta kommune\nAntall deltakere: {field}\n\n## Målgruppe\n\n{text}\n").participants == want


@pytest.mark.parametrize("head, want", [
    ("| Post | 2025 (sept.–des.) | 2026 | Sum |", 2),
    ("| Post | 2025 (aug–des) | 2026 | 2027 (jan–jun) | Sum |", 2),
    ("| Post | 2025 (mai–des) | 2026 | 2027 | 2028 (jan–apr) | Sum |", 3),
])
def test_the_duration_from_year_columns_with_part_years(head, want):
    cells = head.count("|") - 3
    row = "| Prosjektleder | " + " | ".join(["100 000"] * cells) + f" | {cells * 100} 000 |"
    assert facts_of(f"Søker: Alta kommune\n\n## Budsjett\n\n{head}\n{row}\n").duration_years == want


def test_intakes_told_in_order_across_two_sentences():
    text = ("Første kull starter 1. september 2025 med 10 deltakere. Neste kull starter i september 2026, og der "
            "regner vi med 13 deltakere.")
    assert facts_of(f"Søker: Alta kommune\n\n## Deltakere\n\n{text}\n").participants == 23


@pytest.mark.parametrize("rows, want", [
    # hours valued in the label are a sum, a part like the others
    ("| Egenandel: lokaler (5 000 kr/mnd) | 45 000 | 60 000 | 105 000 |\n"
     "| Egenandel: frivillig innsats (timer à 250 kr) | 50 000 | 70 000 | 120 000 |\n", 225_000),
    # a row the applicant covers, said after a comma
    ("| Lokaler og ledelse, dekkes av Molde kommune | 40 000 | 60 000 | 100 000 |\n", 100_000),
])
def test_budget_rows_of_the_own_contribution_told_in_other_ways(rows, want):
    text = ("Søker: Molde kommune\nEgenandel: Se budsjett\n\n## Budsjett\n\n| Post | 2025 (aug–des) | 2026 | Sum |\n"
            "| Prosjektleder 50 % | 150 000 | 300 000 | 450 000 |\n| Sum søkt fra IMDi | 150 000 | 300 000 | 450 000 |\n"
            + rows)
    assert facts_of(text).own_contribution_nok == want


def test_the_applicants_share_of_the_costs_with_its_sum_is_the_own_contribution():
    text = ("Søker: Vestland fylkeskommune\nEgenandel: 20 %\n\n## Finansiering\n\nFylkeskommunen dekker 20 % av de "
            "samlede kostnadene, 410 000 kroner, gjennom arbeidstid fra seksjon for integrering.\n")
    assert facts_of(text).own_contribution_nok == 410_000


@pytest.mark.parametrize("applicant, text, want", [
    # the unit that applies on the applicant's behalf gives a part beside the budget, which leaves it out
    ("Helse Fonna HF v/ Haugaland DPS",
     "Haugaland DPS stiller med psykolog i 20 % stilling gjennom hele prosjektperioden, verdsatt til 360 000 kroner. "
     "Denne innsatsen er ikke tatt med i budsjettet over.", 400_000),
    # a department of the applicant gives a part "i tillegg", which the table does not hold
    ("Agder fylkeskommune",
     "I tillegg stiller økonomiavdelingen med en rådgiver i om lag 10 % stilling i 2026, verdsatt til 60 000 kr. "
     "Dette er ikke tatt inn i tabellen.", 100_000),
])
def test_a_part_given_by_the_applying_unit_or_a_department_beside_the_budget(applicant, text, want):
    markup = (f"Søker: {applicant}\nEgenandel: Se budsjett\n\n## Budsjett\n\n| Post | 2025 | 2026 | Sum |\n"
              "| Prosjektleder 50 % | 150 000 | 300 000 | 450 000 |\n"
              "| Lokaler, egeninnsats | 20 000 | 20 000 | 40 000 |\n\n" + text + "\n")
    assert facts_of(markup).own_contribution_nok == want


@pytest.mark.parametrize("rows, after, want", [
    # the applicant's row of the financing, named after "Finansiering:"
    ("| Finansiering: Nesna kommune | 60 000 | 140 000 | 200 000 |\n| Finansiering: søkt fra IMDi | 150 000 | 300 000 "
     "| 450 000 |\n", "", 200_000),
    # two rows that say whose they are ("Kommunens egeninnsats: ..."), one naming where its staff comes from
    ("| Kommunens egeninnsats: veileder fra Nav 20 % | 50 000 | 100 000 | 150 000 |\n"
     "| Kommunens egeninnsats: lokaler (verdi) | 20 000 | 40 000 | 60 000 |\n", "", 210_000),
    # a part the text adds "utover dette", a year's value over the two years
    ("| Egenandel Nesna kommune | 20 000 | 30 000 | 50 000 |\n",
     "Egenandelen i budsjettet gjelder lokaler. Utover dette stiller Nesna kommune med arbeidstid fra "
     "integreringskoordinatoren, om lag 10 % stilling, som vi har regnet til 70 000 kr i året.\n", 190_000),
])
def test_own_contribution_rows_and_parts_later_authors_wrote(rows, after, want):
    text = ("Søker: Nesna kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nEgenandel: Se budsjett\n\n## Budsjett\n\n"
            "| Post | 2025 | 2026 | Sum |\n| Prosjektleder 50 % | 150 000 | 300 000 | 450 000 |\n" + rows + "\n" + after)
    assert facts_of(text).own_contribution_nok == want


def test_a_table_of_the_own_contribution_headed_by_its_label_and_years():
    # the header row is the caption ("Egenandel Nesna kommune | 2025 | 2026"): its rows are the parts, and the years
    # in it are no sum
    text = ("Søker: Nesna kommune\nEgenandel: Se budsjett\n\n## Budsjett\n\n| Post | 2025 | 2026 | Sum |\n"
            "| Prosjektleder 50 % | 150 000 | 300 000 | 450 000 |\n\nMerknad: prosjektlederen ansettes midlertidig.\n\n"
            "| Egenandel Nesna kommune | 2025 | 2026 |\n| Norsklærer 20 % stilling | 60 000 | 140 000 |\n"
            "| Lokaler og IT | 15 000 | 35 000 |\n")
    assert facts_of(text).own_contribution_nok == 250_000


@pytest.mark.parametrize("field, want", [("2 kull x 12", 24), ("to grupper à 8 deltakere", 16), ("3 kull à 10", 30)])
def test_a_participants_field_of_groups_times_their_count(field, want):
    assert facts_of(f"Søker: Rana kommune\nAntall deltakere: {field}\n").participants == want


def test_a_bydels_row_by_its_name_and_a_part_the_county_bears_itself():
    bydel = ("Søker: Bydel Grorud, Oslo kommune\nEgenandel: Se budsjett\n\n## Budsjett\n\n| Post | 2026 | 2027 | Sum |\n"
             "| Koordinator 50 % | 300 000 | 300 000 | 600 000 |\n"
             "| Bydel Grorud – arbeidstid ledere | 50 000 | 70 000 | 120 000 |\n")
    assert facts_of(bydel).own_contribution_nok == 120_000
    county = ("Søker: Nordland fylkeskommune\nProsjektperiode: 01.01.2026 – 31.12.2027\n\n## Finansiering\n\n"
              "Rådgiveren bruker om lag 20 % av stillingen på prosjektet, og denne innsatsen, om lag 150 000 kr i året, "
              "ber fylkeskommunen selv.\n")
    assert facts_of(county).own_contribution_nok == 300_000
