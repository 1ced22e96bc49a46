"""The document kind from its wording: the title under a letterhead still names the kind."""

from __future__ import annotations

from nlp_service.ingest.text import document_from_text

LETTERHEAD = """NORDRE LAND KOMMUNE
Sektor for oppvekst og kvalifisering – voksenopplæring og flyktningtjeneste
Postadresse: Postboks 173, 2881 Dokka

Integrerings- og mangfoldsdirektoratet
Avdeling for kvalifisering og tilskudd
Postboks 243 Sentrum
0103 Oslo

Deres referanse: 25-01544-4
Vår referanse: 2025/611-14
Arkivkode: F30
Saksbehandler: Kari Nordmann
Direkte telefon: 61 11 00 00
E-post: kari.nordmann@example.no
Dato: 27.01.2026
"""


def test_annual_report_title_under_a_long_letterhead():
    body = """
Årsrapport for 2025 – tilskudd til utvikling av kvalifiserings- og integreringstiltak

Kommunen viser til tilskuddsbrevet, der kommunen ble innvilget et tilskudd på kr 400 000 til prosjektet.
Prosjektet har prøvd ut bransjerettet norskopplæring for deltakere i introduksjonsprogrammet, med to dager
undervisning i uken ved voksenopplæringen og tre dager praksis i kommunale virksomheter. Det ble tatt inn
ni deltakere i vårkullet og åtte i høstkullet. Femten fullførte kurset, og elleve av dem fikk tilbud om
vikariater eller deltidsstillinger i kommunen etter kurset. Veilederne i virksomhetene fikk opplæring før
oppstart, og samarbeidet med Nav om oppfølging av deltakerne har fungert godt gjennom hele året.

Bruk av tilskuddet

| Post | Tilskudd IMDi | Egenandel | Sum |
| Lønn | 400 000 | 100 000 | 500 000 |
| Sum utgifter | 400 000 | 100 000 | 500 000 |

Avvik fra søknaden: kurset startet en måned senere enn planlagt, og mindreforbruket er lite.
Regnskap for prosjektet sendes i eget brev.
"""
    assert len(LETTERHEAD) > 400  # the title starts beyond the old 400-character window
    assert document_from_text(LETTERHEAD + body).kind == "annual_report"
    accounts = LETTERHEAD + "\nRegnskap 2025 for prosjektet\n\n| Post | Regnskap 2025 |\n| Lønn | 400 000 |\n| Sum utgifter | 400 000 |\n"
    assert document_from_text(accounts).kind == "accounts"


def test_an_application_whose_text_layer_damaged_the_title():
    """An OCR'd text layer turns "Søknad" into "Saknad" and "søker" into "saker" (a real word, so the repair
    leaves it): the title still says what the document is."""
    text = ("Oslo kommune\nBydel Grünerløkka\n\nTil Integrerings- og mangfoldsdirektoratet\n\n"
            "Saknad om tilskudd til prosjektet «Etter flukten»\n\n"
            "Bydel Grünerløkka saker med dette om kr 720 000 til et toårig prosjekt for deltakere i "
            "introduksjonsprogrammet med psykiske helseutfordringer.\n")
    assert document_from_text(text).kind == "application"


def test_an_accounts_report_that_points_to_the_annual_report():
    """A "Regnskapsrapport" whose letter says the annual report (with "måloppnåelse") is sent separately."""
    body = """
Regnskapsrapport for 2025 – regionalt velkomsttilbud for arbeidsinnvandrere

Fylkeskommunen legger med dette fram regnskapsrapport for prosjektets første år. Årsrapporten med beskrivelse
av aktiviteter og måloppnåelse sendes som eget dokument samme dag.

| Post | Opprinnelig budsjett | Disponert 2025 |
| Tilskudd fra IMDi | 1 250 000 | 1 250 000 |
| Sum utgifter | 1 600 000 | 1 650 000 |
"""
    assert document_from_text(LETTERHEAD + body).kind == "accounts"


def test_a_report_for_the_year_is_the_annual_report():
    """Titled "Rapport for 2025" and sent after the year's end; it mentions 1 September and what was done
    so far, as a status report would, but its title names the year."""
    body = """
Rapport for 2025: «Likt for alle» – tilskudd satsingsområde 5

Kommunen fikk i 2025 kr 640 000 til arbeid mot rasisme og diskriminering i egne tjenester. Fra 1. september
hadde alle ansatte i tildelingskontoret fått opplæring, og hittil i prosjektet har tre tjenester endret rutiner.
"""
    assert document_from_text(LETTERHEAD + body).kind == "annual_report"


def test_a_report_that_mentions_its_accounts_and_accounts_under_the_portals_name():
    """The title the document gives itself decides over accounts words further down: "Årsrapport 2025" that
    says its accounts follow, a "Rapport for tilskudd 2025" form; the portal's name over a report or a set
    of accounts is not an application's title."""
    report = (LETTERHEAD + "\nÅrsrapport 2025 – «Velkommen til Lister»\n\nFylkeskommunen viser til tilskuddsbrevet. "
              "Rapporten gjelder perioden 1. mars til 31. desember 2025. Regnskap for samme periode, godkjent av "
              "prosjektansvarlig og overordnet leder, sendes i eget brev.\n\nMåloppnåelse\n\nTolv av 40 deltakere fikk "
              "jobb.\n\nBruk av tilskuddet\n\n| Post | Kr |\n| Lønn koordinator | 300 000 |\n| Sum utgifter | 300 000 |\n"
              "\nAvviket mot budsjettet er lite; regnskapet viser et mindreforbruk på 4 000 kr.\n")
    assert document_from_text(report).kind == "annual_report"
    form = ("Rapport for tilskudd 2025 – TUKI\n\nMottaker: Lunner kommune\nRapporteringsperiode: 01.01.2025–31.12.2025\n\n"
            "Hva ble gjort\n\nVi gjennomførte to kull, og ni av 14 deltakere fikk jobb. Regnskap sendes separat.\n")
    assert document_from_text(form).kind == "annual_report"
    portal_report = ("Søknadsportalen – rapportskjema\nÅrsrapport 2025\n\nTilskotsmottakar: Årdal kommune\n\n"
                     "Prosjektet har hatt to grupper.\n")
    assert document_from_text(portal_report).kind == "annual_report"
    portal_accounts = ("Sluttregnskap for tilskuddsåret 2025\n\nSøknadsportalen – rapportering, skjema R3 Regnskap\n"
                       "Tilskuddsmottaker: Oslo kommune, Bydel Bjerke\n\n| Post | Regnskap |\n| Lønn | 200 000 |\n"
                       "| Sum utgifter | 200 000 |\n")
    assert document_from_text(portal_accounts).kind == "accounts"


def test_a_heading_below_the_first_sentence_is_a_section_not_the_title():
    text = ("Tilskudd til kvalifiserings- og integreringstiltak 2026\nSøker: Vågå kommune\n\n"
            "Vi søker om midler til et nytt prosjekt for nyankomne flyktninger i 2026. Målgruppen er voksne.\n\n"
            "Regnskap fra forrige prosjekt\n\nProsjektet i 2024 ble avsluttet med et lite mindreforbruk.\n\n"
            "Budsjett\n\nSøkt beløp kr 500 000.\n")
    doc = document_from_text(text)
    for line in doc.pages[0].lines:  # as a PDF marks them
        line.heading = line.text.strip() in ("Regnskap fra forrige prosjekt", "Budsjett")
    from nlp_service.ingest.classify_kind import detect_kind

    assert detect_kind(doc) == "application"
