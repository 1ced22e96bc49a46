"""Regression guards from the review of engine 45 (session 16): a reviewer who saw the change (a budget row read with
its table's header, zero rows, recipients and rates told apart) wrote application texts aimed at its risks, each with
the status worked out by hand. Kept: the texts where the first version of engine 45 was wrong and engine 44 right
(tables in thousands, one-column tables under a heading with a year, counts per intake, "Dette gjelder ..."), and
those the change set right."""

from __future__ import annotations

import pytest

CASES = [
    ('r01 per-participant course-year table egenandel på kr 1 000 abov',  # met: 96 000 per participant per course year ≤ 130 160
     '# Søknad om tilskudd – Kvalifisering for kvinner\n\nSøker: Hole kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 10\n\n## Prosjektbeskrivelse\nProsjektet gir ti kvinner med flyktningbakgrunn et kvalifiseringsløp med norskopplæring og arbeidspraksis.\n\n## Økonomi\nTabellen viser kostnad per deltaker per kursår. Deltakerne betaler en egenandel på kr 1 000 for læremidler.\n\n| Post | Kursår 2025/26 | Kursår 2026/27 |\n| Deltakerstønad per deltaker | 96 000 | 96 000 |\n| Kursmateriell per deltaker | 4 000 | 4 000 |\n',
     'met'),
    ('r03 per-participant year table femti tusen kroner egeninnsats ab',  # met: 98 000
     '# Søknad om tilskudd – Praksisløp\n\nSøker: Ørland kommune\nProsjektperiode: 01.01.2026 – 31.12.2027\nAntall deltakere: 12\n\n## Budsjett\nKommunen bidrar i tillegg med om lag femti tusen kroner i egeninnsats til lokaler. Tabellen under viser kostnadene per deltaker.\n\n| Post | 2026 | 2027 |\n| Deltakerstønad per deltaker | 98 000 | 98 000 |\n| Arbeidstøy per deltaker | 2 500 | 2 500 |\n',
     'met'),
    ('r04 rate table, rate in kr, only the Sum column (1000 kr)',  # met: 9 500×12 = 114 000 (1 140 000/10)
     '# Søknad om tilskudd – Jobbsjansen\n\nSøker: Eidsvoll kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Budsjett\n| Post | Sats per måned (kr) | Antall deltakere | Måneder | Sum (1000 kr) |\n| Deltakerstønad | 9 500 | 10 | 12 | 1 140 |\n| Reisestøtte | 800 | 10 | 12 | 96 |\n',
     'met'),
    ('r11 Dette gjelder ti av de fjorten kvinnene (the allowances reci',  # gap: 1 400 000/10 = 140 000
     '# Søknad om tilskudd – Kvinner i arbeid\n\nSøker: Time kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 14\n\n## Deltakerstønad\nDeltakere som ikke mottar introduksjonsstønad eller andre ytelser, får deltakerstønad. Dette gjelder etter vår kartlegging ti av de fjorten kvinnene. Deltakerstønaden utgjør til sammen 1 400 000 kr per år.\n',
     'gap'),
    ('r12 Dette gjelder tre av de tolv deltakerne (transport)',  # met: 1 500 000/12 = 125 000
     '# Søknad om tilskudd – Praksisplasser\n\nSøker: Klepp kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 12\n\n## Deltakerstønad\nAlle deltakerne får deltakerstønad på til sammen 1 500 000 kr per år. Noen deltakere trenger tilrettelagt transport til praksisplassen. Dette gjelder tre av de tolv deltakerne.\n',
     'met'),
    ('r15 (8 mottakere per kull), new intake every half year, 12 month',  # met: 1 920 000/16 = 120 000
     '# Søknad om tilskudd – Kvalifisering i kull\n\nSøker: Hamar kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 16\n\n## Organisering\nEt nytt kull på åtte deltakere starter hvert halvår, i august og i januar, og hvert kull går over tolv måneder. Til enhver tid er det derfor 16 deltakere i tiltaket.\n\n## Budsjett\n| Post | Kursår 2025/26 | Kursår 2026/27 | Sum |\n| Deltakerstønad (8 mottakere per kull) | 1 920 000 | 1 920 000 | 3 840 000 |\n| Prosjektleder | 700 000 | 700 000 | 1 400 000 |\n',
     'met'),
    ('r16 same, To kull ... går parallelt said in the Organisering sec',  # met: 1 920 000/16 = 120 000
     '# Søknad om tilskudd – Kvalifisering i kull\n\nSøker: Elverum kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 16\n\n## Organisering\nTo kull på åtte deltakere går parallelt hvert kursår.\n\n## Budsjett\n| Post | Kursår 2025/26 | Kursår 2026/27 | Sum |\n| Deltakerstønad (8 mottakere per kull) | 1 920 000 | 1 920 000 | 3 840 000 |\n',
     'met'),
    ('r17 Post  Beløp under Budsjett (oppstart høsten 2025), 2-year to',  # met: 2 400 000/2/10 = 120 000
     '# Søknad om tilskudd – Praksisløp\n\nSøker: Modum kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 10\n\n## Budsjett (oppstart høsten 2025)\nBudsjettet gjelder hele prosjektperioden på to år.\n\n| Post | Beløp |\n| Deltakerstønad | 2 400 000 |\n| Prosjektleder | 1 300 000 |\n| Sum | 3 700 000 |\n',
     'met'),
    ('r19 Post  Beløp under Budsjett ... (vedtatt av kommunestyret i 2',  # met: 120 000
     '# Søknad om tilskudd – Praksisløp\n\nSøker: Kongsberg kommune\nProsjektperiode: 01.01.2026 – 31.12.2027\nAntall deltakere: 10\n\n## Budsjett for prosjektperioden (vedtatt av kommunestyret i 2025)\n| Post | Beløp |\n| Deltakerstønad | 2 400 000 |\n| Prosjektleder | 1 300 000 |\n| Sum | 3 700 000 |\n',
     'met'),
    ('r30 template row Deltakerstønad  0  0  0  own row Stønad til del',  # gap: 1 440 000/10 = 144 000
     '# Søknad om tilskudd – Praksis\n\nSøker: Horten kommune\nProsjektperiode: 01.01.2026 – 31.12.2027\nAntall deltakere: 10\n\n## Budsjett\n| Post | 2026 | 2027 | Sum |\n| Deltakerstønad | 0 | 0 | 0 |\n| Stønad til deltakerne (12 000 kr/mnd x 10) | 1 440 000 | 1 440 000 | 2 880 000 |\n',
     'gap'),
    ('r31 sample.md (course-year columns)',  # gap: 1 656 000/12 = 138 000
     '# Søknad om tilskudd\n\nSøker: Lunner kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 12\n\n## Budsjett\n\n| Post | Kursår 2025/26 | Kursår 2026/27 | Sum |\n| Deltakerstønad | 1 656 000 | 1 656 000 | 3 312 000 |\n',
     'gap'),
    ('r32 Beløp i 1000 kr. above a year table',  # gap: 1 440 000/10 = 144 000
     '# Søknad om tilskudd – Jobbsjansen\n\nSøker: Askøy kommune\nProsjektperiode: 01.01.2026 – 31.12.2027\nAntall deltakere: 10\n\n## Budsjett\nBeløp i 1000 kr.\n\n| Post | 2026 | 2027 | Sum |\n| Deltakerstønad | 1 440 | 1 440 | 2 880 |\n| Prosjektleder | 750 | 770 | 1 520 |\n',
     'gap'),
    ('r33 Sats per måned  Antall deltakere  Måneder, no sum',  # gap: 11 500×12 = 138 000
     '# Søknad om tilskudd – Jobbsjansen\n\nSøker: Sola kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Budsjett\n| Post | Sats per måned | Antall deltakere | Måneder |\n| Deltakerstønad | 11 500 | 10 | 12 |\n| Reisestøtte | 800 | 10 | 12 |\n',
     'gap'),
    ('r39 table in thousands, then a second per-participant table in k',  # met: 960 000/10 = 96 000; 96 000 per participant
     '# Søknad om tilskudd – Jobbsjansen\n\nSøker: Verdal kommune\nProsjektperiode: 01.01.2026 – 31.12.2027\nAntall deltakere: 10\n\n## Budsjett\nAlle beløp er oppgitt i hele tusen kroner.\n\n| Post | 2026 | 2027 |\n| Deltakerstønad | 960 | 960 |\n| Prosjektleder | 750 | 770 |\n\nTabellen under viser kostnaden per deltaker, i kroner.\n\n| Post | 2026 | 2027 |\n| Deltakerstønad per deltaker | 96 000 | 96 000 |\n| Kursmateriell per deltaker | 4 000 | 4 000 |\n',
     'met'),
    ('r40 Post  Beløp under Budsjett 2026 (2-year project)',  # gap: 1 440 000/10 = 144 000 for 2026
     '# Søknad om tilskudd – Jobbsjansen\n\nSøker: Namsos kommune\nProsjektperiode: 01.01.2026 – 31.12.2027\nAntall deltakere: 10\n\n## Budsjett 2026\n| Post | Beløp |\n| Deltakerstønad | 1 440 000 |\n| Prosjektleder | 750 000 |\n',
     'gap'),
    ('r41 Post  Beløp under Budsjett (revidert 15. mars 2026), whole p',  # met: 2 400 000/2/10 = 120 000
     '# Søknad om tilskudd – Praksisløp\n\nSøker: Alta kommune\nProsjektperiode: 01.01.2026 – 31.12.2027\nAntall deltakere: 10\n\n## Budsjett (revidert 15. mars 2026)\nBudsjettet gjelder hele prosjektperioden.\n\n| Post | Beløp |\n| Deltakerstønad | 2 400 000 |\n| Prosjektleder | 1 300 000 |\n',
     'met'),
    ('r42 Deltakerne får deltakerstønad. Vi har lagt til grunn en sats',  # gap: 158 700
     '# Søknad om tilskudd – Kvalifisering\n\nSøker: Harstad kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nDeltakerne får deltakerstønad. Vi har lagt til grunn en sats på 3 450 kr per uke per deltaker. Kurset går over 46 uker per år.\n',
     'gap'),
    ('r47 (10 mottakere per kull), one intake per course year, 20 in a',  # gap: 1 440 000/10 = 144 000
     '# Søknad om tilskudd – Kvalifisering i kull\n\nSøker: Grimstad kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 20\n\n## Organisering\nHvert kursår tar vi inn ett nytt kull på ti deltakere.\n\n## Budsjett\n| Post | Kursår 2025/26 | Kursår 2026/27 | Sum |\n| Deltakerstønad (10 mottakere per kull) | 1 440 000 | 1 440 000 | 2 880 000 |\n',
     'gap'),
    ('r51 nynorsk version of 01 (ein eigendel på kr 1 000)',  # met: 96 000
     '# Søknad om tilskudd – Kvalifisering for kvinner\n\nSøker: Voss kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 10\n\n## Økonomi\nTabellen viser kostnad per deltakar per kursår. Deltakarane betaler ein eigendel på kr 1 000 for læremiddel.\n\n| Post | Kursår 2025/26 | Kursår 2026/27 |\n| Deltakarstønad per deltakar | 96 000 | 96 000 |\n| Kursmateriell per deltakar | 4 000 | 4 000 |\n',
     'met'),
    ('r54 Av kommunens 40 mottakere av introduksjonsstønad er 12 valgt',  # gap: 1 680 000/12 = 140 000
     '# Søknad om tilskudd – Arbeid først\n\nSøker: Porsgrunn kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 12\n\n## Deltakerstønad\nAv kommunens 40 mottakere av introduksjonsstønad er 12 valgt ut til prosjektet; vi søker om 1 680 000 kr per år i deltakerstønad til dem.\n',
     'gap'),
    ('r55 Post  Beløp under Budsjett (jf. IMDis utlysning 2026), whole',  # met: 2 400 000/2/10 = 120 000
     '# Søknad om tilskudd – Praksisløp\n\nSøker: Narvik kommune\nProsjektperiode: 01.08.2026 – 31.07.2028\nAntall deltakere: 10\n\n## Budsjett (jf. IMDis utlysning 2026)\nBudsjettet viser samlet søknadsbeløp for hele prosjektperioden.\n\n| Post | Beløp |\n| Deltakerstønad | 2 400 000 |\n| Prosjektleder | 1 300 000 |\n',
     'met'),
    ('r56 per-participant year table under it engangsbeløp på kr 1 000',  # met: 98 000
     '# Søknad om tilskudd – Praksisløp\n\nSøker: Lenvik kommune\nProsjektperiode: 01.01.2026 – 31.12.2027\nAntall deltakere: 10\n\n## Kostnader per deltaker\n| Post | 2026 | 2027 |\n| Deltakerstønad per deltaker | 98 000 | 98 000 |\n| Arbeidstøy og verneutstyr | 3 000 | 1 500 |\nDeltakerne får i tillegg et engangsbeløp på kr 1 000 til skolesekk og skrivesaker.\n',
     'met'),
    ('r57 Sats per år  Antall deltakere  Måneder (6-month project)',  # met: 124 000/yr (62 000 for 6 months) ≤ 130 160
     '# Søknad om tilskudd – Kort kvalifisering\n\nSøker: Halden kommune\nProsjektperiode: 01.01.2026 – 30.06.2026\nAntall deltakere: 10\n\n## Budsjett\n| Post | Sats per år | Antall deltakere | Måneder | Sum |\n| Deltakerstønad | 124 000 | 10 | 6 | 620 000 |\n',
     'met'),
]


@pytest.mark.parametrize("name, text, want", CASES, ids=[c[0] for c in CASES])
def test_found_by_the_review_of_engine_45(allowance_of, name, text, want):
    assert allowance_of(text) == want
