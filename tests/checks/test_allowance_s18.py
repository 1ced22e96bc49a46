"""The allowance where the text tells the weeks off as a holiday ("sommerferie 6 uker", "fri 2 uker i jula og 4 uker
om sommeren": the year's weeks less all of them) and where a day's or a week's rate under the allowance's heading does
not name it ("en dagsats på 560 kr per deltaker"), from the cases the reviewer of engine 49 found wrong on both engines;
and, from the 50th batch's train and dev documents, a month the allowance is not paid ("ikkje utbetalt i juli"), a
course year in two calendar years' part columns ("2025 (sep–des) | 2026 (jan–aug)"), and recipients said after the
rate or as "ti av de fjorten" (engine 51, session 18). Each told here in my own words, with within-1G twins and guards
(the status worked out by hand beside each)."""

from __future__ import annotations

import pytest


def _doc(applicant: str, body: str, participants: int = 10) -> str:
    return (f"# Søknad om tilskudd – Helårsløp\n\nSøker: {applicant}\nProsjektperiode: 01.01.2026 – 31.12.2026\n"
            f"Antall deltakere: {participants}\n\n## Deltakerstønad\n{body}\n")


CASES = [
    # a holiday's weeks off the year: 3 100 x (52 - 6) = 142 600
    ("summer holiday", _doc("Holmestrand kommune", "Hver deltaker får 3 100 kr per uke i deltakerstønad. Kurset går "
                            "hele året med sommerferie på 6 uker."), "gap"),
    # the twin within: 2 700 x 46 = 124 200
    ("summer holiday within", _doc("Holmestrand kommune", "Hver deltaker får 2 700 kr per uke i deltakerstønad. Kurset "
                                   "går hele året med sommerferie på 6 uker."), "met"),
    # weeks off told in two parts, added up: 2 900 x (52 - 2 - 4) = 133 400
    ("two parts off", _doc("Færder kommune", "Vi søker om deltakerstønad på 2 900 kr per uke per deltaker. Opplegget går "
                           "hele året; deltakerne har fri tre uker i jula og fire uker om sommeren."), "gap"),
    # (three and four weeks: 2 900 x 45 = 130 500, over; two and four: 2 800 x 46 = 128 800, within)
    ("two parts off within", _doc("Færder kommune", "Vi søker om deltakerstønad på 2 800 kr per uke per deltaker. "
                                  "Opplegget går hele året; deltakerne har fri to uker i jula og fire uker om sommeren."),
     "met"),
    # guard: the weeks said with the rate stand; the holiday beside them changes nothing: 3 000 x 40 = 120 000
    ("weeks said with the rate", _doc("Horten kommune", "Deltakerne får 3 000 kr per uke i deltakerstønad i 40 uker. Kurset går hele "
                                      "året med sommerferie på 6 uker for de ansatte."), "met"),
    # guard: a holiday is no stretch of the rate: 600 x 5 x 44 = 132 000 (not 6 weeks' 18 000)
    ("holiday no stretch", _doc("Tønsberg kommune", "Deltakerstønaden er 600 kr per dag, fem dager i uka i 44 uker. "
                                "Deltakerne har juleferie 2 uker og sommerferie 6 uker."), "gap"),
    # a day's rate under the heading, not naming the allowance: 580 x 5 x 46 = 133 400
    ("day rate unnamed", _doc("Stord kommune", "Vi har lagt til grunn en dagsats på 580 kr per deltaker, fem dager i uka "
                              "i 46 uker."), "gap"),
    # its twin within: 540 x 5 x 46 = 124 200
    ("day rate unnamed within", _doc("Stord kommune", "Vi har lagt til grunn en dagsats på 540 kr per deltaker, fem "
                                     "dager i uka i 46 uker."), "met"),
    # a week's rate the same way: 3 000 x 46 = 138 000
    ("week rate unnamed", _doc("Fitjar kommune", "Budsjettet bygger på en ukesats på 3 000 kr per deltaker i 46 uker."),
     "gap"),
    # guard: a day's rate for another cost under the heading asks nothing: not applicable
    ("day rate of another cost", _doc("Bømlo kommune", "Deltakerne får ikke deltakerstønad i dette tiltaket. Vi har lagt "
                                      "til grunn en dagsats på 650 kr per deltaker til reise og opphold."),
     "not_applicable"),
]


# from the 50th batch's train and dev documents, told in my own words
BUDGET = ("# Søknad om tilskudd – Arbeidsspor\n\nSøker: {applicant}\nProsjektperiode: {period}\n"
          "Antall deltakere: {n}\n\n## Deltakerstønad\n{body}\n\n## Budsjett\n{table}\n")
CASES += [
    # a monthly rate not paid in one month: 11 400 x 11 = 125 400 (not x 12 = 136 800)
    ("a month not paid", BUDGET.format(
        applicant="Ørsta kommune", period="01.08.2025–30.06.2027", n=12,
        body="Deltakarar utan anna yting får deltakarstønad på 11 400 kr per månad. Stønaden blir ikkje utbetalt i juli.",
        table="| Post | 2026 |\n| Prosjektleiar | 400 000 |"), "met"),
    # its twin over the line: 12 000 x 11 = 132 000
    ("a month not paid, over", BUDGET.format(
        applicant="Ørsta kommune", period="01.08.2025–30.06.2027", n=12,
        body="Deltakarar utan anna yting får deltakarstønad på 12 000 kr per månad. Stønaden blir ikkje utbetalt i juli.",
        table="| Post | 2026 |\n| Prosjektleiar | 400 000 |"), "gap"),
    # a course year in two calendar years' part columns (4 + 8 months): one year, 1 380 000 / 10 = 138 000
    ("parts of one year", BUDGET.format(
        applicant="Narvik kommune", period="01.09.2025–31.08.2026", n=14,
        body="Ti av deltakerne får deltakerstønad fra prosjektet.",
        table="| Post | 2025 (sep–des) | 2026 (jan–aug) | Sum |\n| Deltakerstønad, 10 deltakere | 460 000 | 920 000 | "
              "1 380 000 |\n| Koordinator | 150 000 | 300 000 | 450 000 |"), "gap"),
    # guard: full calendar years stay two years: 1 200 000 / 10 = 120 000 a year
    ("two full years", BUDGET.format(
        applicant="Narvik kommune", period="01.01.2025–31.12.2026", n=14,
        body="Ti av deltakerne får deltakerstønad fra prosjektet.",
        table="| Post | 2025 | 2026 | Sum |\n| Deltakerstønad, 10 deltakere | 1 200 000 | 1 200 000 | 2 400 000 |"), "met"),
    # the recipients said after the rate ("for de ti kvinnene som ..."): 1 400 000 / 10 = 140 000, not / 14
    ("recipients after the rate", BUDGET.format(
        applicant="Bodø kommune", period="01.08.2025–31.12.2026", n=14,
        body="Vi legger til grunn en deltakerstønad på 610 kroner per dag for de ti kvinnene som ikke har annen ytelse.",
        table="| Post | 2025 | 2026 | Sum |\n| Deltakerstønad | 580 000 | 1 400 000 | 1 980 000 |"), "gap"),
    # project years whose headers shorten the months ("aug. 2025–jul. 2026"): two year columns, 1 360 000 / 10
    ("project years with short months", BUDGET.format(
        applicant="Hamar kommune", period="01.08.2025–31.07.2027", n=14,
        body="Deltakerstønad gis til de deltakerne som ikke mottar introduksjonsstønad.",
        table="| Post | Prosjektår 1 (aug. 2025–jul. 2026) | Prosjektår 2 (aug. 2026–jul. 2027) | Sum |\n"
              "| Deltakerstønad, 10 stønadsmottakere | 1 360 000 | 1 360 000 | 2 720 000 |"), "gap"),
    # the recipients as "ti av de fjorten vil ha krav på stønaden" under the heading
    ("recipients of the whole", BUDGET.format(
        applicant="Bodø kommune", period="01.08.2025–31.12.2026", n=14,
        body="Deltakerne som ikke har annen ytelse, får deltakerstønad. Vi regner med at ti av de fjorten vil ha krav "
             "på stønaden.",
        table="| Post | 2025 | 2026 | Sum |\n| Deltakerstønad | 580 000 | 1 400 000 | 1 980 000 |"), "gap"),
]


@pytest.mark.parametrize("name, text, want", CASES, ids=[c[0] for c in CASES])
def test_allowance_weeks_off_and_unnamed_rates(allowance_of, name, text, want):
    assert allowance_of(text) == want
