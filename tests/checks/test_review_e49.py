"""Cases from the review of engine 49 (session 17): a reviewer who saw the change (a rate over a stretch in another
unit, rates and intake tables under the allowance's heading, weeks off, an autumn and spring as one year, a form's "Nei",
a course year's months said elsewhere) wrote 67 applications aimed at its risks, each with the status worked out by
hand, and ran them on engines 48 and 49 as it then stood. Kept: the twelve the first version read wrong and engine 48
right (a "Dager per uke" column, a row's own sum, 11 months read as 48 weeks, a two-year weeks column, a travel rate
under the allowance's heading, "alle uker unntatt to" said of the employer, "utbetales hele året" beside a course year
of ten months, a travel row naming the allowance's recipients, an intake each half year), all mended; the ones the
change set right; and those wrong on both that the mends set right."""

from __future__ import annotations

import pytest

CASES = [
    ('r01 Dagsats/Uker, no days said (5 a week), sum column agrees',  # fixed: 580×5×46 = 133 400 > 130 290
     '# Søknad om tilskudd – Språkpraksis\n\nSøker: Gran kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Budsjett\n| Post | Dagsats | Antall deltakere | Uker | Sum |\n| Deltakerstønad | 580 | 10 | 46 | 1 334 000 |\n| Lunsj | 80 | 10 | 46 | 184 000 |\n',
     'gap'),
    ('r03 Dagsats/Dager per uke/Uker days a week in a column',  # regression: 700×3×46 = 96 600 (5 days: 161 000
     '# Søknad om tilskudd – Praksisløp\n\nSøker: Jevnaker kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Budsjett\n| Post | Dagsats | Dager per uke | Uker | Deltakere |\n| Deltakerstønad | 700 | 3 | 46 | 10 |\n| Lunsj | 90 | 3 | 46 | 10 |\n',
     'met'),
    ("r04 Dagsats/Uker, days a week said as 'fire kursdager i uka'",  # regression: 680×4×46 = 125 120; sum 1 251 200/10 (5 days: 156 400
     '# Søknad om tilskudd – Norsk og arbeid\n\nSøker: Hurdal kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Organisering\nTiltaket har fire kursdager i uka.\n\n## Budsjett\n| Post | Dagsats | Antall deltakere | Uker | Sum |\n| Deltakerstønad | 680 | 10 | 46 | 1 251 200 |\n',
     'met'),
    ("r05 Dagsats/Uker, 'to dager i uka' is norsk only allowance for a",  # both wrong: 600×5×46 = 138 000; sum 1 380 000/10
     '# Søknad om tilskudd – Norsk og praksis\n\nSøker: Nes kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nDeltakerne har norskopplæring to dager i uka og arbeidspraksis tre dager i uka. Deltakerstønaden utbetales for alle fem dagene.\n\n## Budsjett\n| Post | Dagsats | Antall deltakere | Uker | Sum |\n| Deltakerstønad | 600 | 10 | 46 | 1 380 000 |\n',
     'gap'),
    ('r06 Ukesats/Måneder borderline, no sum 11 months  47.67 weeks (r',  # regression: 2 730×11×52/12 = 130 130 ≤ 130 290 (48 weeks: 131 040
     '# Søknad om tilskudd – Jobbsjansen\n\nSøker: Ullensaker kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Budsjett\n| Post | Ukesats | Antall deltakere | Måneder |\n| Deltakerstønad | 2 730 | 10 | 11 |\n',
     'met'),
    ('r07 Ukesats/Måneder borderline with a sum column',  # regression: 2 730×47.67 = 130 130; sum 1 301 300/10 = 130 130
     '# Søknad om tilskudd – Jobbsjansen\n\nSøker: Nannestad kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Budsjett\n| Post | Ukesats | Antall deltakere | Måneder | Sum |\n| Deltakerstønad | 2 730 | 10 | 11 | 1 301 300 |\n',
     'met'),
    ('r08 Ukesats/Måneder clear gap',  # fixed: 2 900×11×52/12 = 138 233
     '# Søknad om tilskudd – Jobbsjansen\n\nSøker: Eidskog kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Budsjett\n| Post | Ukesats | Antall deltakere | Måneder | Sum |\n| Deltakerstønad | 2 900 | 10 | 11 | 1 382 330 |\n',
     'gap'),
    ('r10 Månedssats/Uker 52 weeks, no sum',  # fixed: 11 200×12 = 134 400
     '# Søknad om tilskudd – Praksis\n\nSøker: Grue kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Budsjett\n| Post | Månedssats | Antall deltakere | Uker |\n| Deltakerstønad | 11 200 | 10 | 52 |\n',
     'gap'),
    ('r12 Timesats/Uker, 30 hours a week',  # fixed: 110×30×46 = 151 800
     '# Søknad om tilskudd – Kvalifisering\n\nSøker: Våler kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nDeltakerne er i tiltaket 30 timer per uke, og deltakerstønaden utbetales per time.\n\n## Budsjett\n| Post | Timesats | Antall deltakere | Uker |\n| Deltakerstønad | 110 | 10 | 46 |\n',
     'gap'),
    ('r13 Dagsats/Uker where Uker is the whole 2-year period (92)',  # regression: 520×5×92 = 239 200 over 2 years = 119 600/yr; sum 2 392 000/10/2 (52-week cap gives 135 20
     '# Søknad om tilskudd – Toårig praksisløp\n\nSøker: Elverum kommune\nProsjektperiode: 01.01.2026 – 31.12.2027\nAntall deltakere: 10\n\n## Budsjett\nTabellen viser hele prosjektperioden 2026–2027.\n\n| Post | Dagsats | Antall deltakere | Uker | Sum |\n| Deltakerstønad | 520 | 10 | 92 | 2 392 000 |\n',
     'met'),
    ('r15 Dagsats/Uker with Sum (1000 kr) column',  # fixed: 620×5×44 = 136 400; sum 1 364 (×1000)/10
     '# Søknad om tilskudd – Arbeidspraksis\n\nSøker: Stor-Elvdal kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Budsjett\n| Post | Dagsats | Antall deltakere | Uker | Sum (1000 kr) |\n| Deltakerstønad | 620 | 10 | 44 | 1 364 |\n',
     'gap'),
    ('r16 rate under heading, not naming it, met',  # fixed: 2 600×46 = 119 600
     '# Søknad om tilskudd – Kvalifisering\n\nSøker: Rendalen kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nVi har lagt til grunn en sats på 2 600 kr per uke per deltaker i 46 uker.\n',
     'met'),
    ("r17 'Satsen er ... per måned per deltaker', hele året",  # fixed: 12 000×12 = 144 000
     '# Søknad om tilskudd – Kvalifisering\n\nSøker: Tynset kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nSatsen er 12 000 kr per måned per deltaker, og stønaden utbetales hele året.\n',
     'gap'),
    ("r21 heading 'Deltakerstønad', only a travel/board ask participan",  # regression: no allowance asked; 2 700/uke is for reise og opphold
     '# Søknad om tilskudd – Praksis i distriktet\n\nSøker: Alvdal kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nDeltakerne mottar introduksjonsstønad gjennom hele tiltaket. Vi søker om 2 700 kr per uke per deltaker til reise og opphold på praksisstedet.\n',
     'not_applicable'),
    ('r22 intake table under heading, each a year, met',  # fixed: 1 250 000/10 = 125 000; 1 500 000/12 = 125 000
     '# Søknad om tilskudd – Kvalifisering i kull\n\nSøker: Hamar kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 22\n\n## Deltakerstønad per kull\nHvert kull går i ett år.\n\n| Kull | Oppstart | Deltakere | Beløp |\n| Kull 1 | 01.08.2025 | 10 | 1 250 000 |\n| Kull 2 | 01.08.2026 | 12 | 1 500 000 |\n',
     'met'),
    ('r23 intake table, second intake over',  # fixed: kull 2: 1 600 000/12 = 133 333 (kull 1: 120 000
     '# Søknad om tilskudd – Kvalifisering i kull\n\nSøker: Løten kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 22\n\n## Deltakerstønad per kull\nHvert kull går i ett år.\n\n| Kull | Oppstart | Deltakere | Beløp |\n| Kull 1 | 01.08.2025 | 10 | 1 200 000 |\n| Kull 2 | 01.01.2026 | 12 | 1 600 000 |\n',
     'gap'),
    ('r24 intake of 18 months by a Måneder column',  # fixed: 1 850 000/10 = 185 000 per 18 mnd = 123 333/yr
     '# Søknad om tilskudd – Langt kvalifiseringsløp\n\nSøker: Stange kommune\nProsjektperiode: 01.08.2025 – 31.01.2027\nAntall deltakere: 10\n\n## Deltakerstønad\n| Kull | Oppstart | Måneder | Deltakere | Beløp |\n| Kull 1 | 01.08.2025 | 18 | 10 | 1 850 000 |\n',
     'met'),
    ('r25 intake of two years by text',  # fixed: 2 700 000/10 = 270 000 per 2 yr = 135 000/yr
     '# Søknad om tilskudd – Toårig løp\n\nSøker: Ringsaker kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 10\n\n## Deltakerstønad\nHvert kull går over to år.\n\n| Kull | Oppstart | Deltakere | Beløp |\n| Kull 1 | 01.08.2025 | 10 | 2 700 000 |\n',
     'gap'),
    ('r31 intake with an Uker column (46 weeks)',  # fixed: 1 380 000/10 = 138 000 in 46 weeks
     '# Søknad om tilskudd – Kvalifisering\n\nSøker: Gausdal kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\n| Kull | Deltakere | Uker | Beløp |\n| Kull 1 | 10 | 46 | 1 380 000 |\n',
     'gap'),
    ("r32 'hele året, men fri 6 uker i sommerferien', 2 900/uke",  # fixed: 2 900×46 = 133 400
     '# Søknad om tilskudd – Helårsløp\n\nSøker: Larvik kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nVi søker om deltakerstønad på 2 900 kr per uke per deltaker. Kurset går hele året, men deltakerne har fri 6 uker i sommerferien.\n',
     'gap'),
    ("r34 stretch 44 weeks said in paragraph, 'alle uker unntatt to' a",  # regression: 2 900×44 = 127 600 (50 weeks: 145 000
     '# Søknad om tilskudd – Praksis\n\nSøker: Holmestrand kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nVi søker om deltakerstønad på 2 900 kr per uke per deltaker. Deltakerne får stønad i 44 uker per år. Praksisbedriften holder åpent alle uker unntatt to.\n',
     'met'),
    ("r35 'hele året ... fri i seks uker' (with 'i')",  # fixed: 3 000×46 = 138 000 (6 weeks: 18 000
     '# Søknad om tilskudd – Helårsløp\n\nSøker: Horten kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nVi søker om deltakerstønad på 3 000 kr per uke per deltaker. Tiltaket går hele året, og deltakerne har fri i seks uker om sommeren.\n',
     'gap'),
    ("r37 nynorsk 'heile året, men fri 6 veker'",  # fixed: 2 900×46 = 133 400
     '# Søknad om tilskot – Heilårsløp\n\nSøker: Seljord kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakarstønad\nVi søkjer om deltakarstønad på 2 900 kr per veke per deltakar. Tiltaket går heile året, men deltakarane har fri 6 veker.\n',
     'gap'),
    ("r38 nynorsk 'Kvart kursår er ti månader', monthly rate",  # fixed: 12 500×10 = 125 000 (12 months: 150 000
     '# Søknad om tilskot – Kursår\n\nSøker: Kviteseid kommune\nProsjektperiode: 01.08.2025 – 31.05.2026\nAntall deltakere: 10\n\n## Deltakarstønad\nVi søkjer om deltakarstønad på 12 500 kr per månad per deltakar.\n\n## Organisering\nKvart kursår er ti månader, frå august til mai.\n',
     'met'),
    ('r39 course year 10 months, but allowance paid all year',  # regression: 11 500×12 = 138 000 (10 months: 115 000
     '# Søknad om tilskudd – Helårsløp\n\nSøker: Bø kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nVi søker om deltakerstønad på 11 500 kr per måned per deltaker. Stønaden utbetales hele året, også i ferien.\n\n## Organisering\nHvert kursår har ti måneder med undervisning.\n',
     'gap'),
    ('r41 Høst 2025/Vår 2026 per participant',  # fixed: 62 000 + 72 000 = 134 000
     '# Søknad om tilskudd – Kvalifiseringsår\n\nSøker: Sauda kommune\nProsjektperiode: 01.08.2025 – 30.06.2026\nAntall deltakere: 10\n\n## Budsjett\n| Post | Høst 2025 | Vår 2026 |\n| Deltakerstønad per deltaker | 62 000 | 72 000 |\n| Kursmateriell per deltaker | 2 000 | 2 000 |\n',
     'gap'),
    ("r47 form 'Søkes det om deltakerstønad' / 'Nei'",  # fixed: explicitly not asked
     '# Søknad om tilskudd – Norsk på arbeidsplassen\n\nSøker: Karmøy kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Skjema\nSøkes det om deltakerstønad?\nNei\n\n## Budsjett\n| Post | Beløp |\n| Prosjektleder | 700 000 |\n| Lunsj | 80 000 |\n',
     'not_applicable'),
    ("r51 nynorsk form 'Søkjer de om deltakarstønad' / 'Nei'",  # fixed: explicitly not asked
     '# Søknad om tilskot – Norsk i arbeid\n\nSøker: Fitjar kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Skjema\nSøkjer de om deltakarstønad?\nNei\n\n## Budsjett\n| Post | Beløp |\n| Prosjektleiar | 650 000 |\n| Kursmateriell | 40 000 |\n',
     'not_applicable'),
    ("r53 rate under heading  'alle uker unntatt fem'",  # fixed: 2 700×47 = 126 900
     '# Søknad om tilskudd – Praksis\n\nSøker: Bømlo kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nVi har lagt til grunn en sats på 2 700 kr per uke per deltaker. Deltakerne er i praksis alle uker unntatt fem.\n',
     'met'),
    ('r58 Dagsats/Uker row for travel (names allowance recipients) bes',  # regression: allowance 10 000×12 = 120 000; travel 600×5×46 = 138 000 is not the allowance
     '# Søknad om tilskudd – Praksis i distriktet\n\nSøker: Granvin kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Budsjett\n| Post | Dagsats | Antall deltakere | Uker |\n| Reise for mottakere av deltakerstønad | 600 | 10 | 46 |\n\nDeltakerstønaden er 10 000 kr per måned i 12 måneder.\n',
     'met'),
    ('r59 Ukesats/Måneder, nynorsk Vekesats',  # fixed: 2 700×12×52/12 = 140 400
     '# Søknad om tilskot – Jobbsjansen\n\nSøker: Eidfjord kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Budsjett\n| Post | Vekesats | Tal deltakarar | Månader |\n| Deltakarstønad | 2 700 | 10 | 12 |\n',
     'gap'),
    ('r60 Ukesats/Måneder 10 months, rounding down hides a gap',  # both wrong: 3 010×10×52/12 = 130 433 > 130 290 (43 weeks: 129 430
     '# Søknad om tilskudd – Jobbsjansen\n\nSøker: Fjaler kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Budsjett\n| Post | Ukesats | Antall deltakere | Måneder |\n| Deltakerstønad | 3 010 | 10 | 10 |\n',
     'gap'),
    ("r61 form question about another source answered 'Nei'  Ukesats/M",  # fixed: 2 900×11×52/12 = 138 233
     '# Søknad om tilskudd – Jobbsjansen\n\nSøker: Askvoll kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Skjema\nHar deltakerne rett til deltakerstønad fra andre ordninger?\nNei\n\n## Budsjett\n| Post | Ukesats | Antall deltakere | Måneder | Sum |\n| Deltakerstønad | 2 900 | 10 | 11 | 1 382 330 |\n',
     'gap'),
    ("r62 form question answered 'Nei'  rate under heading not naming",  # both wrong: 2 900×52 = 150 800
     '# Søknad om tilskudd – Helårsløp\n\nSøker: Hyllestad kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Skjema\nMottar deltakerne deltakerstønad fra NAV i dag?\nNei\n\n## Deltakerstønad\nVi har lagt til grunn en sats på 2 900 kr per uke per deltaker i 52 uker.\n',
     'gap'),
    ("r63 form question answered 'Nei'  intake table under heading",  # both wrong: 1 400 000/10 = 140 000
     '# Søknad om tilskudd – Kvalifisering\n\nSøker: Solund kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 10\n\n## Skjema\nHar deltakerne hatt deltakerstønad tidligere?\nNei\n\n## Deltakerstønad\nHvert kull går i ett år.\n\n| Kull | Oppstart | Deltakere | Beløp |\n| Kull 1 | 01.08.2025 | 10 | 1 400 000 |\n',
     'gap'),
    ("r65 heading 'Deltakerstønad' 'sats' for reise og opphold partici",  # regression: no allowance asked
     '# Søknad om tilskudd – Praksis i distriktet\n\nSøker: Stryn kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nDeltakerne mottar introduksjonsstønad gjennom hele tiltaket. Til reise og opphold på praksisstedet har vi lagt til grunn en sats på 2 700 kr per uke per deltaker.\n',
     'not_applicable'),
    ("r66 course year 10 months, but 'utbetales i alle tolv måneder' r",  # regression: 11 500×12 = 138 000 (10 months: 115 000
     '# Søknad om tilskudd – Helårsløp\n\nSøker: Volda kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nVi søker om deltakerstønad på 11 500 kr per måned per deltaker. Stønaden utbetales i alle tolv måneder.\n\n## Organisering\nHvert kursår har ti måneder med undervisning.\n',
     'gap'),
    ('r67 Høst 2025/Vår 2026 with a new intake of ten each half year,',  # regression: each participant is in one half year: 680 000/10 = 68 000 per participant (the merged 1 36
     '# Søknad om tilskudd – Halvårskull\n\nSøker: Bjerkreim kommune\nProsjektperiode: 01.08.2025 – 30.06.2026\nAntall deltakere: 10 per kull\n\n## Organisering\nHvert halvår tar vi inn et nytt kull på ti deltakere. Hvert kull går i seks måneder.\n\n## Budsjett\n| Post | Høst 2025 | Vår 2026 |\n| Deltakerstønad | 680 000 | 680 000 |\n',
     'met'),
]


@pytest.mark.parametrize("name, text, want", CASES, ids=[c[0] for c in CASES])
def test_found_by_the_review_of_engine_49(allowance_of, name, text, want):
    assert allowance_of(text) == want
