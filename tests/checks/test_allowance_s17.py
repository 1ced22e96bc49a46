"""The allowance read from what the probers and the reviewer of sessions 15 and 16 found wrong on both engines
(engine 49, session 17): a rate in one unit over a stretch in another ("Dagsats | Uker", "Ukesats | Måneder",
"Månedssats | Uker"); a row of small numbers under such a header; a rate under the allowance's heading that does not
name it; weeks off ("fri 6 uker per kursår", "alle uker unntatt fem"); an autumn and the spring after it as one course
year; an intake table under the allowance's heading; a form's question answered "Nei"; a course year's months said
elsewhere ("Kvart kursår er ti månader"); a share of G or a sum over a stretch of years said beside it ("2G per deltaker
for hele prosjektperioden på to år", "1G per år i to år"); a count in brackets in a row's label ("Deltakerstønad heltid (6)"). Each case's status worked out by hand; the "own" cases are guards of mine
(the within-1G twins and a "Ja" answer)."""

from __future__ import annotations

import pytest

CASES = [
    ('review 05',  # Dagsats | Uker, five days a week: 600 x 5 x 46 = 138 000
     '# Søknad om tilskudd – Språkpraksis\n\nSøker: Stange kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nStønaden utbetales for fem dager i uka så lenge deltakeren er i tiltaket.\n\n## Budsjett\n| Post | Dagsats | Antall deltakere | Uker | Sum |\n| Deltakerstønad | 600 | 10 | 46 | 1 380 000 |\n| Lunsj | 80 | 10 | 46 | 184 000 |\n',
     'gap'),
    ('review 06',  # Høst 2025 | Vår 2026 in an 11-month project: 1 320 000/10 = 132 000
     '# Søknad om tilskudd – Kvalifiseringsår\n\nSøker: Sauda kommune\nProsjektperiode: 01.08.2025 – 30.06.2026\nAntall deltakere: 10\n\n## Budsjett\n| Post | Høst 2025 | Vår 2026 | Sum |\n| Deltakerstønad | 600 000 | 720 000 | 1 320 000 |\n| Prosjektleder 50 % | 300 000 | 360 000 | 660 000 |\n',
     'gap'),
    ('review 09',  # a rate under the heading that does not name it: 3 450 x 46 = 158 700
     '# Søknad om tilskudd – Kvalifisering\n\nSøker: Ringsaker kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nVi har lagt til grunn en sats på 3 450 kr per uke per deltaker. Kurset går over 46 uker per år.\n',
     'gap'),
    ('review 21',  # "fri 6 uker per kursår": 3 000 x 46 = 138 000
     '# Søknad om tilskudd – Helårsløp\n\nSøker: Larvik kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nVi søker om deltakerstønad på 3 000 kr per uke per deltaker. Kurset går hele året, men deltakerne har fri 6 uker per kursår.\n',
     'gap'),
    ('review 23',  # "alle uker unntatt fem": 3 000 x 47 = 141 000 (not the language course's 20 weeks)
     '# Søknad om tilskudd – Praksis og norsk\n\nSøker: Sandefjord kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nVi søker om deltakerstønad på 3 000 kr per uke per deltaker. Tiltaket har ikke sommerferie, og deltakerne er i praksis alle uker unntatt fem.\nNorskopplæringen går over 20 uker per år.\n',
     'gap'),
    ('review 24',  # Ukesats | Måneder: 2 800 x 11 x 52/12 = 133 467
     '# Søknad om tilskudd – Jobbsjansen\n\nSøker: Kristiansund kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Budsjett\n| Post | Ukesats | Antall deltakere | Måneder | Sum |\n| Deltakerstønad | 2 800 | 10 | 11 | 1 355 200 |\n',
     'gap'),
    ('review 34',  # Dagsats | Uker with no sum column: 600 x 5 x 46 = 138 000
     '# Søknad om tilskudd – Språkpraksis\n\nSøker: Løten kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nDeltakerne får deltakerstønad for fem dager i uka.\n\n## Budsjett\n| Post | Dagsats | Antall deltakere | Uker |\n| Deltakerstønad | 600 | 10 | 46 |\n| Lunsj | 80 | 10 | 46 |\n',
     'gap'),
    ('review 35',  # Ukesats | Måneder (11), no sum: 2 900 x 48 weeks = 139 200
     '# Søknad om tilskudd – Jobbsjansen\n\nSøker: Nesset kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Budsjett\n| Post | Ukesats | Antall deltakere | Måneder |\n| Deltakerstønad | 2 900 | 10 | 11 |\n',
     'gap'),
    ('probe2 13',  # an intake table under the heading: 14 000 x 10 = 140 000
     '# Søknad om tilskudd – Opptak i to kull\n\nSøker: Skien kommune\nProsjektperiode: 01.09.2025 – 30.06.2027\nAntall deltakere: 16\n\n## Opptak\n\nTiltaket har to kull med åtte deltakere hver. Hvert kull går i ti måneder.\n\n## Deltakerstønad per opptak\n\n| Opptak | Oppstart | Antall | Måneder | Sats per mnd | Sum |\n| Kull 1 | 01.09.2025 | 8 | 10 | 14 000 | 1 120 000 |\n| Kull 2 | 01.09.2026 | 8 | 10 | 14 000 | 1 120 000 |\n| Sum | | 16 | | | 2 240 000 |\n',
     'gap'),
    ('probe2 41',  # six full-time at 11 000 a month: the row "heltid (6)" 792 000/6 = 132 000
     '# Søknad om tilskudd – Fleksibelt løp\n\nSøker: Hammerfest kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\n\nSeks deltakere går på heltid og får 11 000 kr per måned. Fire deltakere går på deltid og får 5 500 kr per måned. Stønaden utbetales i tolv måneder.\n\n## Budsjett\n\n| Post | Beløp |\n| Deltakerstønad heltid (6) | 792 000 |\n| Deltakerstønad deltid (4) | 264 000 |\n| Sum deltakerstønad | 1 056 000 |\n',
     'gap'),
    ('probe2 60',  # 2G per participant for the whole two-year period: 130 160 a year
     '# Søknad – Toårig kvalifisering\n\nSøker: Vestby kommune\nProsjektperiode: 01.01.2026 – 31.12.2027\nAntall deltakere: 8\n\n## Deltakerstønad\n\nDeltakerstønaden settes til 2G per deltaker for hele prosjektperioden på to år, fordelt likt på årene.\n\n| Post | Sum prosjektperioden |\n| Deltakerstønad (8 × 260 320) | 2 082 560 |\n',
     'met'),
    ('prober1 B1',  # an intake table: 1 400 000/10 for one year = 140 000
     '# Søknad om tilskudd\n\nSøker: Lunner kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 20\n\n## Om prosjektet\n\nProsjektet skal gi arbeidsrettet kvalifisering.\n\n## Mål\n\nProsjektet skal gi deltakerne arbeid.\n\n## Deltakerstønad\n\nTabellen viser deltakerstønaden per kull. Hvert kull går i ett år.\n\n| Kull | Oppstart | Deltakere | Beløp |\n| Kull 1 | august 2025 | 10 | 1 400 000 |\n| Kull 2 | august 2026 | 10 | 1 400 000 |\n',
     'gap'),
    ('prober1 B2',  # an intake table: 1 200 000/10 = 120 000
     '# Søknad om tilskudd\n\nSøker: Lunner kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 20\n\n## Om prosjektet\n\nProsjektet skal gi arbeidsrettet kvalifisering.\n\n## Mål\n\nProsjektet skal gi deltakerne arbeid.\n\n## Deltakerstønad\n\nTabellen viser deltakerstønaden per kull. Hvert kull går i ett år.\n\n| Kull | Oppstart | Deltakere | Beløp |\n| Kull 1 | august 2025 | 10 | 1 200 000 |\n| Kull 2 | august 2026 | 10 | 1 200 000 |\n',
     'met'),
    ('prober1 G1',  # an intake table after an ask: 140 000
     '# Søknad om tilskudd\n\nSøker: Lunner kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 20\n\n## Om prosjektet\n\nProsjektet skal gi arbeidsrettet kvalifisering.\n\n## Mål\n\nProsjektet skal gi deltakerne arbeid.\n\n## Deltakerstønad\n\nVi søker om deltakerstønad for to kull. Hvert kull går i ett år.\n\n| Kull | Oppstart | Deltakere | Beløp |\n| Kull 1 | august 2025 | 10 | 1 400 000 |\n| Kull 2 | august 2026 | 10 | 1 400 000 |\n',
     'gap'),
    ('prober1 F4',  # a form question answered "Nei"
     '# Søknad om tilskudd\n\nSøker: Lunner kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 12\n\n## Om prosjektet\n\nProsjektet skal gi arbeidsrettet kvalifisering.\n\n## Mål\n\nProsjektet skal gi deltakerne arbeid.\n\nSøkes det om deltakerstønad?\nNei\n',
     'not_applicable'),
    ('prober1 G10',  # "1G per år i to år", 3 123 840/12/2 = 130 160
     '# Søknad om tilskudd\n\nSøker: Lunner kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 12\n\n## Om prosjektet\n\nProsjektet skal gi arbeidsrettet kvalifisering.\n\n## Mål\n\nProsjektet skal gi deltakerne arbeid.\n\n## Budsjett\n\n| Post | Beløp |\n| Deltakerstønad: 12 deltakere, 1G per år i to år | 3 123 840 |\n',
     'met'),
    ('own g1',  # a course year of ten months said elsewhere: 12 800 x 10 = 128 000
     '# Søknad om tilskudd – Arbeid og norsk\n\nSøker: Volda kommune\nProsjektperiode: 01.08.2025 – 30.06.2027\nAntall deltakere: 12\n\n## Gjennomføring\n\nKvart kursår er ti månader, frå august til juni.\n\n## Deltakarstønad\n\nVi søkjer om deltakarstønad på 12 800 kroner i månaden for kvar deltakar.\n',
     'met'),
    ('own g2',  # the same, 13 500 x 10 = 135 000
     '# Søknad om tilskudd – Arbeid og norsk\n\nSøker: Volda kommune\nProsjektperiode: 01.08.2025 – 30.06.2027\nAntall deltakere: 12\n\n## Gjennomføring\n\nKvart kursår er ti månader, frå august til juni.\n\n## Deltakarstønad\n\nVi søkjer om deltakarstønad på 13 500 kroner i månaden for kvar deltakar.\n',
     'gap'),
    ('own g3',  # "alle uker unntatt fem": 2 500 x 47 = 117 500
     '# Søknad om tilskudd – Praksis hele året\n\nSøker: Tønsberg kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nVi søker om deltakerstønad på 2 500 kr per uke per deltaker. Tiltaket har ikke sommerferie, og deltakerne er i praksis alle uker unntatt fem.\n',
     'met'),
    ('own g4',  # Dagsats | Uker, three days a week told: 600 x 3 x 46 = 82 800
     '# Søknad om tilskudd – Språkpraksis\n\nSøker: Elverum kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Opplegg\nDeltakerne er i praksis tre dager i uka.\n\n## Budsjett\n| Post | Dagsats | Antall deltakere | Uker | Sum |\n| Deltakerstønad | 600 | 10 | 46 | 828 000 |\n| Lunsj | 80 | 10 | 46 | 110 400 |\n',
     'met'),
    ('own g5',  # Høst 2025 | Vår 2026: 1 200 000/10 = 120 000
     '# Søknad om tilskudd – Kvalifiseringsår\n\nSøker: Sauda kommune\nProsjektperiode: 01.08.2025 – 30.06.2026\nAntall deltakere: 10\n\n## Budsjett\n| Post | Høst 2025 | Vår 2026 | Sum |\n| Deltakerstønad | 540 000 | 660 000 | 1 200 000 |\n| Prosjektleder 50 % | 300 000 | 360 000 | 660 000 |\n',
     'met'),
    ('own g6',  # Månedssats | Uker: 11 000 x 46 x 12/52 = 116 769 (not 12 months: 132 000)
     '# Søknad om tilskudd – Jobbsjansen\n\nSøker: Kristiansund kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Budsjett\n| Post | Månedssats | Antall deltakere | Uker | Sum |\n| Deltakerstønad | 11 000 | 10 | 46 | 1 167 700 |\n',
     'met'),
    ('own g7',  # an intake table with a months column: 960 000/8 = 120 000
     '# Søknad om tilskudd – Opptak i to kull\n\nSøker: Skien kommune\nProsjektperiode: 01.09.2025 – 30.06.2027\nAntall deltakere: 16\n\n## Deltakerstønad per opptak\n\n| Opptak | Oppstart | Antall | Måneder | Sum |\n| Kull 1 | 01.09.2025 | 8 | 10 | 960 000 |\n| Kull 2 | 01.09.2026 | 8 | 10 | 960 000 |\n',
     'met'),
    ('own g8',  # a form question answered "Ja", then the sum: 11 500 x 12 = 138 000
     '# Søknadsskjema\n\nSøker: Nome kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 12\n\nSøkes det om deltakerstønad?\nJa\n\n## Deltakerstønad\nDeltakerstønad: 12 deltakere x 11 500 kr x 12 måneder = 1 656 000 kr.\n',
     'gap'),
    ('own g9',  # "1,2G per år i to år": 3 748 608/12/2 = 156 192
     '# Søknad om tilskudd – Toårig løp\n\nSøker: Lunner kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 12\n\n## Budsjett\n\n| Post | Beløp |\n| Deltakerstønad: 12 deltakere, 1,2G per år i to år | 3 748 608 |\n',
     'gap'),
    ('own g11',  # a note number in the row's label, "(1)", is no count: 1 200 000/10 = 120 000
     '# Søknad om tilskudd – Språk og arbeid\n\nSøker: Nordkapp kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Budsjett\n\n| Post | Beløp |\n| Deltakerstønad (1) | 1 200 000 |\n| Prosjektleder 50 % | 380 000 |\n\n(1) Alle ti deltakerne får stønad i tolv måneder.\n',
     'met'),
    ('own g10',  # an intake of 11 months said elsewhere: 11 800 x 11 = 129 800 (not 12 months: 141 600)
     '# Søknad om tilskudd – Arbeid i kull\n\nSøker: Sola kommune\nProsjektperiode: 01.08.2025 – 30.06.2027\nAntall deltakere: 12\n\n## Gjennomføring\n\nHvert kull går over 11 måneder, fra august til og med juni.\n\n## Deltakerstønad\n\nAlle deltakerne får deltakerstønad på kr 11 800 per måned.\n',
     'met'),
]


@pytest.mark.parametrize("name, text, want", CASES, ids=[c[0] for c in CASES])
def test_allowance_found_wrong_on_both_engines_by_the_probers(allowance_of, name, text, want):
    assert allowance_of(text) == want
