"""Cases from the review of engine 51 (session 18): a reviewer who saw the change (tables in thousands for the facts,
another body's part, a yearly or monthly own part, parts told in one sentence or said to come in addition; participants
in tables, staff in the project group, groups a year, an aim; the allowance's weeks off, unnamed rates, months not
paid, part-year columns, recipients) wrote 69 applications aimed at its risks, each with the right value worked out by
hand, and ran them on engines 50 and 51 as it then stood. Kept: the ten the first version read wrong and engine 50
right (a line under a table that leads in to the next table in thousands, "Kostnadene til lokaler, 90 000 kr, dekkes
av kommunen", a municipal library beside an organisation's application, another body's effort "i tillegg", praksis
weeks read as weeks off, a firm's rate under the allowance's heading, a lunch grant not paid in July, two intakes and
two spring terms in part-year columns, a workplace open all year), all mended; the ones the change set right; and
those wrong on both that the mends set right."""

from __future__ import annotations

import pytest

from nlp_service.checks.facts import extract_facts
from nlp_service.corpus.dataset import markup_to_text
from nlp_service.ingest.text import document_from_text
from nlp_service.language.segment import document_sentences

CASES = [
    ("r01 kroner table whose line under it introduces a second table '", 'own',  # regression: first table is kroner: 30 000 + 50 000 = 80 000 (second table in thousands only restates t
     '# Søknad om tilskudd – Jobbspor\nSøker: Elverum kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Egenandel\nKommunens egeninnsats er satt opp i tabellen under.\n| Post | Beløp |\n| Lokaler på voksenopplæringen | 30 000 |\n| Arbeidstid veileder | 50 000 |\n| Sum egenandel | 80 000 |\nTabellen under viser hele budsjettet, tallene i 1000 kr.\n| Post | Beløp |\n| Lønn prosjektleder | 520 |\n| Lokaler | 30 |\n| Arbeidstid veileder | 50 |\n| Sum | 600 |\n',
     80000),
    ("r02 budget table under heading 'Budsjett (i 1000 kr)'", 'own',  # fixed: Egenandel kommunen 100 + 100 = 200 (1000 kr) = 200 000
     '# Søknad om tilskudd – Norsk på arbeidsplassen\nSøker: Ringsaker kommune\nProsjektperiode: 01.01.2025 – 31.12.2026\nAntall deltakere: 12\n\n## Budsjett (i 1000 kr)\n| Post | 2025 | 2026 | Sum |\n| Lønn koordinator | 300 | 300 | 600 |\n| Kurs og materiell | 50 | 50 | 100 |\n| Egenandel kommunen | 100 | 100 | 200 |\n| Søkt fra IMDi | 250 | 250 | 500 |\n',
     200000),
    ("r03 header cell 'Sum (1000 kr)' in a financing table", 'own',  # fixed: Kommunal medfinansiering 120 × 1000 = 120 000
     '# Søknad om tilskudd – Kvinner i arbeid\nSøker: Gjøvik kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 15\n\n## Finansiering\n| Finansiering | Sum (1000 kr) |\n| Tilskudd fra IMDi | 480 |\n| Kommunal medfinansiering | 120 |\n| Totalt | 600 |\n',
     120000),
    ("r05 'Herav egenandel' column beside a cost column", 'own',  # fixed: Herav egenandel: 100 000 + 60 000 = 160 000 (sum row)
     '# Søknad om tilskudd – Språkpraksis i helse\nSøker: Levanger kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Budsjett\n| Post | Kostnad | Herav egenandel |\n| Lønn prosjektleder | 400 000 | 100 000 |\n| Lokaler | 60 000 | 60 000 |\n| Kursmateriell | 40 000 | 0 |\n| Sum | 500 000 | 160 000 |\n',
     160000),
    ("r06 'Herav deltakernes egenandel' (participants' fees) column be", 'own',  # both wrong: kommunens egenandel 50 000 (participants' 20 000 is not the applicant's)
     '# Søknad om tilskudd – Førerkort som integrering\nSøker: Kongsvinger kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Finansiering\nKommunens egenandel er 50 000 kr i form av lokaler og arbeidstid.\n| Post | Kostnad | Herav deltakernes egenandel |\n| Teorikurs førerkort | 60 000 | 12 000 |\n| Kjøretimer | 140 000 | 8 000 |\n| Sum | 200 000 | 20 000 |\n',
     50000),
    ("r07 Nav's 'egeninnsats' sentence before the municipality's own", 'own',  # fixed: kommunen 120 000; Nav's 80 000 is not the applicant's
     '# Søknad om tilskudd – Veien til arbeid\nSøker: Lillestrøm kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 12\n\n## Egenandel\nNav Lillestrøm bidrar med egeninnsats tilsvarende 80 000 kr i form av veiledning.\nLillestrøm kommune bidrar med en egenandel på 120 000 kr i form av arbeidstid og lokaler.\n',
     120000),
    ("r11 'en årlig egenandel på X' over a two-year project", 'own',  # fixed: 175 000 × 2 years = 350 000
     '# Søknad om tilskudd – Arbeidsnorsk\nSøker: Sandnes kommune\nProsjektperiode: 01.01.2025 – 31.12.2026\nAntall deltakere: 16\n\n## Egenandel\nKommunen går inn med en årlig egenandel på 175 000 kr i form av arbeidstid og lokaler.\n',
     350000),
    ("r14 'Egenandelen består av A ... og B'", 'own',  # fixed: 100 000 + 80 000 = 180 000
     '# Søknad om tilskudd – Fagbrev på jobb\nSøker: Steinkjer kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Egenandel\nEgenandelen består av 100 000 kr i kontanter og egeninnsats i form av arbeidstid tilsvarende 80 000 kr.\n',
     180000),
    ("r16 'I tillegg kommer kommunens lokaler ..., verdsatt til X' as", 'own',  # fixed: 100 000 + 40 000 = 140 000
     '# Søknad om tilskudd – Språkkafé Pluss\nSøker: Lunner kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 20\n\n## Egenandel\nKommunen bidrar med en egenandel på 100 000 kr i form av arbeidstid for koordinator.\nI tillegg kommer kommunens lokaler på kulturhuset, verdsatt til 40 000 kr.\n',
     140000),
    ("r18 field 'Egenandel 60 000 kr  arbeidstid' plus '... verdsatt t", 'own',  # fixed: 60 000 + 85 000 × 2 years = 230 000
     '# Søknad om tilskudd – Mentor på jobb\nSøker: Molde kommune\nProsjektperiode: 01.01.2025 – 31.12.2026\nAntall deltakere: 12\nEgenandel: 60 000 kr + arbeidstid\n\n## Egenandel\nArbeidstiden til koordinator i flyktningtjenesten er verdsatt til 85 000 kr per år og kommer i tillegg til beløpet over.\n',
     230000),
    ("r20 nynorsk monthly own part 'rekna til 3 000 kr i månaden i hei", 'own',  # fixed: 3 000 × 24 months (01.01.2025–31.12.2026) = 72 000
     '# Søknad om tilskot – Språkkafé på biblioteket\nSøkjar: Volda kommune\nProsjektperiode: 01.01.2025 – 31.12.2026\nTal på deltakarar: 20\n\n## Eigendel\nKommunen stiller lokale på biblioteket til disposisjon for prosjektet. Dette er rekna til 3 000 kr i månaden i heile prosjektperioden.\n',
     72000),
    ('r22 monthly own part over the months named (septembermai), not t', 'own',  # both wrong: 4 000 × 9 months (sep–mai) = 36 000
     '# Søknad om tilskudd – Norskkurs for foreldre\nSøker: Nes kommune\nProsjektperiode: 01.08.2025 – 30.06.2026\nAntall deltakere: 12\n\n## Egenandel\nKommunen dekker husleie for kurslokalet som egenandel, 4 000 kr per måned i kursperioden fra september til mai.\n',
     36000),
    ("r25 amount before the cue preceded by 'Kostnadene' (own sum name", 'own',  # regression: 90 000 (lokaler dekket av kommunen som egenandel)
     '# Søknad om tilskudd – Kvinnetreff\nSøker: Eidsvoll kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 15\n\n## Finansiering\nKostnadene til lokaler, 90 000 kr, dekkes av kommunen som egenandel.\n',
     90000),
    ("r26 'Biblioteket stiller lokaler' as a municipality's own giver", 'own',  # fixed: 100 000 + 30 000 = 130 000 (one-year project)
     '# Søknad om tilskudd – Språkkafé\nSøker: Stjørdal kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 25\n\n## Egenandel\nKommunens egenandel i form av arbeidstid er 100 000 kr.\nBiblioteket stiller lokaler gratis til disposisjon for språkkafeen, verdsatt til 30 000 kr per år.\n',
     130000),
    ("r27 organisation applicant the municipal library's free rooms ar", 'own',  # regression: foreningens egenandel 20 000; the library (municipality) gives the 30 000
     '# Søknad om tilskudd – Leksehjelp for mødre\nSøker: Eritreisk forening Drammen\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 15\n\n## Egenandel\nForeningens egenandel er 20 000 kr.\nI tillegg stiller biblioteket lokaler gratis til disposisjon; dette er verdsatt til 30 000 kr.\n',
     20000),
    ("r31 'et dusin deltakere'", 'participants',  # fixed: et dusin = 12
     '# Søknad om tilskudd – Jobbklar\nSøker: Eidskog kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\n\n## Målgruppe\nVi planlegger å ta inn et dusin deltakere i løpet av høsten 2026.\n',
     12),
    ("r35 row 'Antall deltakere | 12 | 14', a new group each year, no", 'participants',  # fixed: 12 + 14 = 26 (new group each year)
     '# Søknad om tilskudd – Jobbspor Vest\nSøker: Askøy kommune\nProsjektperiode: 01.01.2025 – 31.12.2026\n\n## Gjennomføring\nHvert år tas det inn en ny gruppe.\n| | 2025 | 2026 |\n| Antall deltakere | 12 | 14 |\n',
     26),
    ("r36 row 'Antall deltakere | 10 | 10' of the same group both year", 'participants',  # fixed: the same 10 people both years = 10
     '# Søknad om tilskudd – Følg meg\nSøker: Fjell kommune\nProsjektperiode: 01.01.2025 – 31.12.2026\n\n## Gjennomføring\nDen samme gruppen følger programmet begge årene.\n| | 2025 | 2026 |\n| Antall deltakere | 10 | 10 |\n',
     10),
    ("r37 row 'Antall deltakere | 10 | 10 | 20' with a Sum column, sam", 'participants',  # both wrong: same 10 people over two years; 20 is participant-years
     '# Søknad om tilskudd – Toårig løp\nSøker: Bamble kommune\nProsjektperiode: 01.01.2025 – 31.12.2026\n\n## Gjennomføring\nDeltakerne følger kvalifiseringsløpet i to år.\n| | 2025 | 2026 | Sum |\n| Antall deltakere | 10 | 10 | 20 |\n',
     10),
    ("r38 'Hvert år tas det inn en ny gruppe frivillige mentorer' besi", 'participants',  # both wrong: the same 8 women both years (the new group each year is mentors)
     '# Søknad om tilskudd – Mentor og mor\nSøker: Kragerø kommune\nProsjektperiode: 01.01.2025 – 31.12.2026\n\n## Gjennomføring\nHvert år tas det inn en ny gruppe frivillige mentorer.\nKvinnene følges gjennom begge prosjektårene.\n| | 2025 | 2026 |\n| Antall deltakere | 8 | 8 |\n',
     8),
    ("r39 column 'Planlagte deltakere' over municipalities", 'participants',  # fixed: 8 + 5 + 6 = 19
     '# Søknad om tilskudd – Regional språkpraksis\nSøker: Hamar kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\n\n## Samarbeidskommuner\n| Kommune | Planlagte deltakere |\n| Hamar | 8 |\n| Løten | 5 |\n| Stange | 6 |\n',
     19),
    ("r40 field '12  14 (to opptak)'", 'participants',  # fixed: 12 + 14 = 26
     '# Søknad om tilskudd – To opptak\nSøker: Moss kommune\nProsjektperiode: 01.01.2025 – 31.12.2026\nAntall deltakere: 12 + 14 (to opptak)\n',
     26),
    ("r41 'tre samtalegrupper med 79 deltakere i hver gruppe'", 'participants',  # fixed: 3 × 7 = 21
     '# Søknad om tilskudd – Samtalegrupper\nSøker: Vestby kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\n\n## Gjennomføring\nVi skal drive tre samtalegrupper med 7–9 deltakere i hver gruppe.\n',
     21),
    ("r42 'minst seks deltakere får tilbud om sommerjobb' (an aim) bes", 'participants',  # fixed: 15 ungdommer
     '# Søknad om tilskudd – Sommerjobb\nSøker: Råde kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\n\n## Mål\nMålet er at minst seks deltakere får tilbud om sommerjobb.\nTiltaket har plass til 15 ungdommer.\n',
     15),
    ("r44 'Ti av de fjorten vil ha krav på stønaden' as the only count", 'participants',  # fixed: de fjorten = 14
     '# Søknad om tilskudd – Mødre i praksis\nSøker: Notodden kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\n\n## Deltakerstønad\nTi av de fjorten vil ha krav på stønaden.\n',
     14),
    ("r48 'fri 4 uker om sommeren og 10 uker med arbeidspraksis' (the", 'allowance',  # regression: 2 800 × (52 − 4) = 134 400 > 130 290
     '# Søknad om tilskudd – Kurs og praksis\nSøker: Stor-Elvdal kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nKurset går hele året med fri 4 uker om sommeren og 10 uker med arbeidspraksis i kommunale virksomheter.\nDeltakerstønaden betales også i praksisukene.\nDeltakerstønaden er 2 800 kr per uke per deltaker.\n',
     'gap'),
    ("r49 'en dagsats på 600 kr per deltaker' under the allowance head", 'allowance',  # fixed: 600 × 5 × 46 = 138 000 > 130 290
     '# Søknad om tilskudd – Språkpraksis Rena\nSøker: Åsnes kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nVi legger til grunn en dagsats på 600 kr per deltaker, fem dager i uka i 46 uker.\n',
     'gap'),
    ("r50 allowance said in full, and under its heading a 'dagsats ...", 'allowance',  # regression: 480 × 5 × 44 = 105 600 ≤ 130 160 (700 kr/dag goes to the firms)
     '# Søknad om tilskudd – Praksis med veiledning\nSøker: Våler kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nDeltakerstønaden er 480 kr per dag, fem dager i uka i 44 uker, det vil si 105 600 kr per deltaker per år.\nPraksisbedriftene får en dagsats på 700 kr per deltaker til veiledning.\n',
     'met'),
    ("r51 nynorsk 'Stønaden blir ikkje utbetalt i juli' with a monthly", 'allowance',  # fixed: 11 500 × 11 = 126 500 ≤ 130 160
     '# Søknad om tilskot – Språk og arbeid\nSøkjar: Luster kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nTal på deltakarar: 10\n\n## Deltakarstønad\nDeltakarstønaden er 11 500 kr per månad per deltakar.\nStønaden blir ikkje utbetalt i juli.\n',
     'met'),
    ("r52 'Det blir ikke utbetalt lunsjtilskudd i juli' (another benef", 'allowance',  # regression: 11 000 × 12 = 132 000 > 130 290 (only the lunch grant stops in July)
     '# Søknad om tilskudd – Kantinepraksis\nSøker: Eidsberg kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nDeltakerstønaden er 11 000 kr per måned per deltaker.\nDet blir ikke utbetalt lunsjtilskudd i juli, da kantina er stengt.\n',
     'gap'),
    ("r54 year columns '2025 (sepdes) | 2026 (janaug)' that are one co", 'allowance',  # fixed: 45 000 + 90 000 = 135 000 for one 12-month course year > 130 290
     '# Søknad om tilskudd – Kursåret\nSøker: Kongsberg kommune\nProsjektperiode: 01.09.2025 – 31.08.2026\nAntall deltakere: 10\n\n## Budsjett\n| Post | 2025 (sep–des) | 2026 (jan–aug) |\n| Deltakerstønad per deltaker | 45 000 | 90 000 |\n',
     'gap'),
    ('r55 part-year columns that are two intakes with new participants', 'allowance',  # regression: each participant is in one intake: at most 70 000 in a year ≤ 130 160
     '# Søknad om tilskudd – To kull\nSøker: Flesberg kommune\nProsjektperiode: 01.08.2025 – 30.06.2026\nAntall deltakere: 20\n\n## Gjennomføring\nKull 1 går fra august til desember 2025, og kull 2 går fra januar til juni 2026. Hvert kull har ti nye deltakere.\n\n## Budsjett\n| Post | 2025 (aug–des) | 2026 (jan–jun) |\n| Deltakerstønad per deltaker | 70 000 | 70 000 |\n',
     'met'),
    ("r56 part-year columns of two spring terms in different years ('2", 'allowance',  # regression: 70 000 per participant in each calendar year ≤ 130 160
     '# Søknad om tilskudd – Vårkurs\nSøker: Rollag kommune\nProsjektperiode: 01.01.2026 – 30.06.2027\nAntall deltakere: 10\n\n## Gjennomføring\nKurset går i vårsemesteret både i 2026 og i 2027, med de samme deltakerne.\n\n## Budsjett\n| Post | 2026 (jan–jun) | 2027 (jan–jun) |\n| Deltakerstønad per deltaker | 70 000 | 70 000 |\n',
     'met'),
    ("r57 recipients after the rate 'deltakerstønad på 650 kr per dag", 'allowance',  # fixed: 1 430 000 / 10 = 143 000 (= 650 × 5 × 44) > 130 290
     '# Søknad om tilskudd – Kvinner i praksis\nSøker: Nore og Uvdal kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 14\n\n## Deltakerstønad\nVi søker om deltakerstønad på 650 kr per dag for de ti kvinnene som ikke har introduksjonsstønad.\n\n## Budsjett\n| Post | Beløp |\n| Deltakerstønad | 1 430 000 |\n',
     'gap'),
    ("r59 'ti av de fjorten vil ha krav på stønaden' with a budget tot", 'allowance',  # fixed: 1 350 000 / 10 = 135 000 > 130 290
     '# Søknad om tilskudd – Mødre i arbeid\nSøker: Krødsherad kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 14\n\n## Deltakerstønad\nTi av de fjorten vil ha krav på stønaden.\n\n## Budsjett\n| Post | Beløp |\n| Deltakerstønad | 1 350 000 |\n',
     'gap'),
    ("r62 'Stønaden blir ikke utbetalt i juli og august' with a monthl", 'allowance',  # fixed: 13 000 × 10 = 130 000 ≤ 130 160
     '# Søknad om tilskudd – Ti måneder\nSøker: Øvre Eiker kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nDeltakerstønaden er 13 000 kr per måned per deltaker.\nStønaden blir ikke utbetalt i juli og august.\n',
     'met'),
    ('r64 one course year in part-year columns, row for the whole grou', 'allowance',  # fixed: (540 000 + 1 080 000) / 12 = 135 000 > 130 290
     '# Søknad om tilskudd – Kursåret 2\nSøker: Hole kommune\nProsjektperiode: 01.09.2025 – 31.08.2026\nAntall deltakere: 12\n\n## Budsjett\n| Post | 2025 (sep–des) | 2026 (jan–aug) |\n| Deltakerstønad, 12 deltakere | 540 000 | 1 080 000 |\n',
     'gap'),
    ("r65 'hele året med fellesferie 3 uker' said of the workplace the", 'allowance',  # regression: 3 000 × 40 = 120 000 ≤ 130 160
     '# Søknad om tilskudd – Praksis i bedrift\nSøker: Jevnaker kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nBedriften der deltakerne har praksis holder åpent hele året med fellesferie 3 uker.\nKurset varer i 40 uker.\nDeltakerstønaden er 3 000 kr per uke per deltaker.\n',
     'met'),
    ("r66 monthly own part with its stretch said as 'i de seks måneden", 'own',  # both wrong: 9 000 × 6 = 54 000
     '# Søknad om tilskudd – Kurs i seks måneder\nSøker: Nordre Land kommune\nProsjektperiode: 01.01.2025 – 31.12.2026\nAntall deltakere: 10\n\n## Egenandel\nKommunens egenandel er lønn til en koordinator i 20 % stilling, 9 000 kr i måneden, i de seks månedene kurset varer.\n',
     54000),
    ("r68 'I tillegg kommer frivillig innsats fra kommunens samarbeids", 'own',  # regression: kommunens 100 000; the Red Cross volunteers' 30 000 are another body's
     '# Søknad om tilskudd – Språkvenn\nSøker: Sandefjord kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 20\n\n## Egenandel\nKommunen bidrar med en egenandel på 100 000 kr i form av arbeidstid.\nI tillegg kommer frivillig innsats fra kommunens samarbeidspartner Sandefjord Røde Kors, verdsatt til 30 000 kr.\n',
     100000),
]


@pytest.mark.parametrize("name, fact, text, want", CASES, ids=[c[0] for c in CASES])
def test_found_by_the_review_of_engine_51(allowance_of, name, fact, text, want):
    if fact == "allowance":
        assert allowance_of(text) == want
        return
    doc = document_from_text(markup_to_text(text))
    facts = extract_facts(doc, document_sentences(doc))
    assert (facts.own_contribution_nok if fact == "own" else facts.participants) == want
