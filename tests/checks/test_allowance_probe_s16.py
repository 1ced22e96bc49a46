"""A second prober's cases (session 16): a helper who saw only the allowance check's purpose, never its code or
the corpus, wrote 60 applications stating the allowance the ways municipalities do, each with its status worked
out by hand; engine 45 had 47 right. The 55 the engine now reads right are kept here; the five it still reads
wrong (an intake table with no allowance row, two groups with different rates, a count per course year told in
the text, 2G spread over a period) are listed in the session's closing note. Plus one guard of my own: an ask
beside a sentence that says the allowance is not asked for some of the participants."""

from __future__ import annotations

import pytest

CASES = [
    ('p01 year columns, part-year 2025',  # 2026: 2 100 000/15 = 140 000 > 130 160
     '# Søknad om tilskudd – Språk og arbeid i Ringsaker\n\nSøker: Ringsaker kommune\nTiltaksområde: 1\nProsjektperiode: 01.08.2025 – 31.12.2026\nAntall deltakere: 15\n\n## Om tiltaket\n\nTiltaket kombinerer norskopplæring og arbeidspraksis for flyktninger som har avsluttet introduksjonsprogrammet uten å komme i arbeid eller utdanning. Alle 15 deltakere får deltakerstønad i hele perioden de deltar.\n\n## Budsjett\n\n| Post | 2025 | 2026 | Sum |\n| Prosjektleder 50 % | 280 000 | 672 000 | 952 000 |\n| Deltakerstønad | 900 000 | 2 100 000 | 3 000 000 |\n| Reiseutgifter deltakere | 30 000 | 72 000 | 102 000 |\n| Sum | 1 210 000 | 2 844 000 | 4 054 000 |\n\nBudsjettet for 2025 gjelder august–desember.\n',
     'gap'),
    ('p02 thousands, single column',  # 1 200 (i 1000 kr) = 1 200 000/10 = 120 000 <= 130 160
     '# Søknad – Kvalifiseringsløp helse og omsorg\n\nSøker: Orkland kommune\nProsjektperiode: 01.09.2025 – 31.08.2026\nAntall deltakere: 10\n\n## Gjennomføring\n\nDeltakerne følger et tolv måneders løp med fagopplæring mot helsefagarbeider og språkpraksis på sykehjem. Alle ti deltakerne får deltakerstønad i tolv måneder.\n\n## Budsjett (beløp i 1000 kr)\n\n| Kostnad | Beløp |\n| Lønn koordinator 100 % | 720 |\n| Deltakerstønad | 1 200 |\n| Barnepass | 180 |\n| Sum | 2 100 |\n',
     'met'),
    ('p03 day rate in one section, days/weeks in another',  # 650 kr/dag x 5 dager x 46 uker = 149 500 > 130 160 (budsjett 8 x 149 500 = 1 196 000)
     '# Søknad om tilskudd – Praksisnær opplæring\n\nSøker: Kongsberg kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 8\n\n## Organisering\n\nOpplæringen går fem dager i uken, i alt 46 uker i prosjektåret. To av dagene er deltakerne i praksis i kommunale virksomheter, de tre andre dagene er det undervisning på voksenopplæringen.\n\n## Deltakerstønad\n\nVi søker om deltakerstønad med en dagsats på 650 kroner for hver dag deltakeren er til stede. Alle åtte deltakerne får stønaden. Reiseutgifter til praksisplass dekkes i tillegg etter regning.\n\n## Budsjett\n\n| Post | Beløp |\n| Deltakerstønad (8 deltakere) | 1 196 000 |\n| Reiseutgifter | 64 000 |\n| Veileder 60 % | 420 000 |\n',
     'gap'),
    ('p04 weekly rate, weeks in other section',  # 2 400 kr/uke x 44 uker = 105 600 <= 130 160
     '# Søknad – Norsk på arbeidsplassen\n\nSøker: Sunndal kommune\nProsjektperiode: 01.09.2025 – 30.06.2026\nAntall deltakere: 6\n\n## Tiltakets innhold\n\nKurset går over 44 uker fra september til juni, med opphold i jule- og påskeferien. Deltakerne har norsk tre dager og praksis to dager i uken.\n\n## Økonomi for deltakerne\n\nDeltakerne får en stønad på 2 400 kr per uke. I tillegg dekkes barnehageplass for deltakere med små barn (anslått 3 barn à 3 500 kr per måned).\n\n## Budsjett\n\n| Post | Sum |\n| Deltakerstønad 6 deltakere | 633 600 |\n| Barnehage | 105 000 |\n| Lærerressurs | 310 000 |\n',
     'met'),
    ('p05 monthly rate  two year columns',  # 11 500 x 12 = 138 000; tabell 1 380 000/10 = 138 000 > 130 160
     '# Søknad om tilskudd – Jobbspor Alta\n\nSøker: Alta kommune\nProsjektperiode: 01.01.2026 – 31.12.2027\nAntall deltakere: 10\n\n## Deltakerstønad\n\nDeltakerstønaden er satt til 11 500 kr per måned og utbetales 12 måneder i året til alle deltakerne.\n\n## Budsjett\n\n| Post | 2026 | 2027 |\n| Prosjektkoordinator | 650 000 | 670 000 |\n| Deltakerstønad | 1 380 000 | 1 380 000 |\n| Arbeidsklær og utstyr | 40 000 | 40 000 |\n',
     'gap'),
    ('p06 monthly rate, 11 months',  # 10 000 x 11 = 110 000 <= 130 160; 990 000/9 = 110 000
     '# Søknad – Fagbrev på jobb for flyktninger\n\nSøker: Vefsn kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 9\n\n## Deltakerstønad\n\nStønaden er 10 000 kr per måned i 11 måneder. Juli er ferie, og det utbetales ikke stønad da.\n\n## Budsjett\n\n| Post | Beløp |\n| Deltakerstønad | 990 000 |\n| Lønn instruktør | 480 000 |\n| Kursavgift fagbrev | 135 000 |\n',
     'met'),
    ('p07 recipients fewer than participants',  # kun 8 mottakere: 1 100 000/8 = 137 500 > 130 160 (naivt /20 = 55 000)
     '# Søknad om tilskudd – Kvalifisering Drammen\n\nSøker: Drammen kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 20\n\n## Målgruppe\n\nAv de 20 deltakerne er 12 fortsatt i introduksjonsprogrammet og mottar introduksjonsstønad. De øvrige 8 har avsluttet programmet og vil motta deltakerstønad fra prosjektet.\n\n## Budsjett\n\n| Post | Kursår 2025/26 | Kursår 2026/27 | Sum |\n| Deltakerstønad | 1 100 000 | 1 100 000 | 2 200 000 |\n| Jobbspesialist 100 % | 780 000 | 800 000 | 1 580 000 |\n| Reise og materiell | 60 000 | 60 000 | 120 000 |\n',
     'gap'),
    ('p08 recipients fewer than participants',  # 10 mottakere: 1 200 000/10 = 120 000 <= 130 160
     '# Søknad – Arbeidsrettet norskopplæring\n\nSøker: Lillestrøm kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 24\n\n## Deltakere\n\nTiltaket har 24 plasser. 14 av deltakerne er i introduksjonsprogrammet og beholder introduksjonsstønaden. De resterende 10 deltakerne har ingen annen ytelse og søkes det deltakerstønad for.\n\n## Budsjett\n\n| Post | Beløp |\n| Deltakerstønad | 1 200 000 |\n| Norsklærer 80 % | 560 000 |\n| Busskort deltakere (24 x 6 000) | 144 000 |\n',
     'met'),
    ('p09 covered by Nav',  # ingen deltakerstønad søkt; tiltakspenger fra Nav
     '# Søknad om tilskudd – Vei til arbeid\n\nSøker: Hamar kommune\nProsjektperiode: 01.09.2025 – 31.08.2026\nAntall deltakere: 12\n\n## Økonomi for deltakerne\n\nDeltakerne er registrert som arbeidssøkere hos Nav og mottar tiltakspenger gjennom hele tiltaket. Vi søker derfor ikke om deltakerstønad fra IMDi.\n\n## Budsjett\n\n| Post | Beløp |\n| Prosjektleder 100 % | 750 000 |\n| Reiseutgifter deltakere | 72 000 |\n| Barnepass | 96 000 |\n| Sum | 918 000 |\n',
     'not_applicable'),
    ('p10 zero row',  # deltakerstønad-rad = 0 i alle kolonner
     '# Søknad – Kombinasjonsklasse for voksne\n\nSøker: Stord kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 16\n\n## Budsjett\n\n| Post | 2025 | 2026 | 2027 |\n| Lærer 100 % | 290 000 | 700 000 | 410 000 |\n| Deltakerstønad | 0 | 0 | 0 |\n| Læremidler | 20 000 | 40 000 | 20 000 |\n\nAlle deltakerne mottar introduksjonsstønad, og det er derfor ikke budsjettert med deltakerstønad.\n',
     'not_applicable'),
    ('p11 earlier project',  # tidligere prosjekt hadde stønad; ingen søkt nå
     '# Søknad om tilskudd – Vei til jobb II\n\nSøker: Gjøvik kommune\nProsjektperiode: 01.01.2026 – 31.12.2027\nAntall deltakere: 14\n\n## Bakgrunn\n\nI prosjektet «Vei til jobb» (2022–2024) fikk 14 deltakere deltakerstønad på til sammen 1 540 000 kr per år fra IMDi. Erfaringene var gode, og 9 av 14 gikk over i arbeid.\n\n## Nytt prosjekt\n\nI det nye prosjektet er alle deltakerne i introduksjonsprogrammet, og det søkes ikke om deltakerstønad. Midlene går til jobbspesialist og arbeidsgiverkontakt.\n\n## Budsjett\n\n| Post | 2026 | 2027 |\n| Jobbspesialist | 720 000 | 740 000 |\n| Arbeidsgiverseminar | 30 000 | 30 000 |\n',
     'not_applicable'),
    ('p12 only intro stipend',  # kun introduksjonsstønad (2G), ingen deltakerstønad
     '# Søknad – Helsefagløp i introduksjonsprogrammet\n\nSøker: Ullensaker kommune\nProsjektperiode: 01.08.2025 – 30.06.2026\nAntall deltakere: 10\n\n## Deltakernes økonomi\n\nDeltakerne mottar introduksjonsstønad (2G per år) etter integreringsloven § 20 gjennom hele kurset. Tiltaket inngår i deres introduksjonsprogram.\n\n## Budsjett\n\n| Post | Beløp |\n| Faglærer helse | 520 000 |\n| Praksisveiledning | 150 000 |\n| Reise til praksis | 40 000 |\n',
     'not_applicable'),
    ('p15 form fields, two-year total',  # 2 640 000 / 2 år / 10 = 132 000 > 130 160
     '# Søknadsskjema – Tilskudd til utvikling av kvalifiserings- og integreringstiltak\n\nSøker: Molde kommune\nTiltaksområde: 1\nProsjektperiode: 01.01.2026 – 31.12.2027\nAntall deltakere: 10\nSøknadsbeløp deltakerstønad: 2 640 000 kr\nAntall deltakere som mottar deltakerstønad: 10\nSøknadsbeløp øvrige kostnader: 1 100 000 kr\n\n## Beskrivelse\n\nDeltakerstønaden er lik for begge prosjektårene. Øvrige kostnader er lønn til koordinator og reiseutgifter for deltakerne.\n',
     'gap'),
    ('p16 form fields, one year',  # 1 240 000 / 1 år / 10 = 124 000 <= 130 160
     '# Søknadsskjema – Tilskudd til utvikling av kvalifiserings- og integreringstiltak\n\nSøker: Kristiansund kommune\nTiltaksområde: 1\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\nSøknadsbeløp deltakerstønad: 1 240 000 kr\nAntall deltakere som mottar deltakerstønad: 10\n\n## Beskrivelse\n\nTiltaket gir ti kvinner med lite skolebakgrunn et helårlig løp med norsk, digital kompetanse og praksis i barnehage. Barnepass under kursdagene dekkes av kommunen.\n',
     'met'),
    ('p17 two tables, breakdown in sub-table',  # tabell 2: 145 000 per deltaker > 130 160
     '# Søknad om tilskudd – Arbeid først\n\nSøker: Bodø kommune\nProsjektperiode: 01.09.2025 – 31.08.2026\nAntall deltakere: 12\n\n## Budsjett\n\n### Tabell 1 Hovedbudsjett\n\n| Post | Beløp |\n| Prosjektleder | 690 000 |\n| Deltakerstønad (jf. tabell 2) | 1 740 000 |\n| Reiseutgifter | 48 000 |\n\n### Tabell 2 Deltakerstønad\n\n| Deltakere | Beløp per deltaker | Sum |\n| 12 | 145 000 | 1 740 000 |\n',
     'gap'),
    ('p18 formula in table cell',  # 9 x 11 x 10 500 = 1 039 500; per deltaker 115 500 <= 130 160
     '# Søknad – Sjømatkurs med språkpraksis\n\nSøker: Frøya kommune\nProsjektperiode: 01.08.2025 – 30.06.2026\nAntall deltakere: 9\n\n## Budsjett\n\n| Post | Beregning | Sum |\n| Deltakerstønad | 9 deltakere × 11 måneder × 10 500 kr | 1 039 500 |\n| Verneutstyr | 9 × 4 000 kr | 36 000 |\n| Instruktør | 50 % stilling | 380 000 |\n',
     'met'),
    ('p19 nynorsk, day rate, days/weeks spread',  # 700 kr/dag x 4 dagar x 48 veker = 134 400 > 130 160
     '# Søknad om tilskot – Språk og arbeid i Volda\n\nSøker: Volda kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 7\n\n## Innhald\n\nKurset går fire dagar i veka i 48 veker. Ein dag i veka er sett av til praksis i kommunale verksemder.\n\n## Deltakarstønad\n\nDeltakarane får deltakarstønad på 700 kroner per dag dei er til stades. Utgifter til barnehage vert dekte av kommunen.\n\n## Budsjett\n\n| Post | Beløp |\n| Deltakarstønad | 940 800 |\n| Lærar 60 % | 420 000 |\n',
     'gap'),
    ('p20 nynorsk weekly',  # 2 500 kr/veke x 42 veker = 105 000 <= 130 160; 6 x 105 000 = 630 000
     '# Søknad om tilskot – Kvalifisering i Sogndal\n\nSøker: Sogndal kommune\nProsjektperiode: 01.09.2025 – 30.06.2026\nAntall deltakere: 6\n\n## Gjennomføring\n\nTiltaket går over 42 veker med opplæring og praksis.\n\n## Økonomi\n\nDeltakarane får 2 500 kr i veka i deltakarstønad. Reiseutgifter vert dekte med 800 kr i månaden per deltakar.\n\n| Post | Sum |\n| Deltakarstønad | 630 000 |\n| Reise | 48 000 |\n',
     'met'),
    ('p21 note under table',  # merknad: 10 mottakere; 1 500 000/10 = 150 000 > 130 160
     '# Søknad – Lønnet praksis og språk\n\nSøker: Tromsø kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 15\n\n## Budsjett\n\n| Post | Beløp per år |\n| Deltakerstønad | 1 500 000 |\n| Veileder 100 % | 760 000 |\n| Reise | 60 000 |\n\nMerknad: 10 av de 15 deltakerne vil motta deltakerstønad. De fem andre er i lønnet praksis med lønnstilskudd fra Nav.\n',
     'gap'),
    ('p22 thousands  part years',  # tusen: 2026 1 150 000/10 = 115 000; 2025 400 000/10 for 5 mnd (96 000/år); 2027 700 000/10 for 
     '# Søknad om tilskudd – Bygg og anlegg for nyankomne\n\nSøker: Steinkjer kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 10\n\n## Budsjett (tall i hele tusen kroner)\n\n| Post | 2025 | 2026 | 2027 | Sum |\n| Deltakerstønad | 400 | 1 150 | 700 | 2 250 |\n| Instruktør | 250 | 600 | 350 | 1 200 |\n| Verneutstyr | 50 | 10 | 10 | 70 |\n\nAlle ti deltakerne får stønad fra august 2025 til juli 2027.\n',
     'met'),
    ('p23 heaviest year differs from average',  # tyngste år 2027: 1 800 000/12 = 150 000 > 130 160 (snitt 100 000)
     '# Søknad – Trinnvis kvalifisering\n\nSøker: Larvik kommune\nProsjektperiode: 01.01.2026 – 31.12.2028\nAntall deltakere: 12\n\n## Deltakerstønad\n\nDe samme 12 deltakerne følges gjennom hele perioden. I 2026 og 2028 er deltakerne delvis i lønnet praksis, og stønaden er derfor lavere de årene.\n\n## Budsjett\n\n| Post | 2026 | 2027 | 2028 | Sum |\n| Deltakerstønad | 800 000 | 1 800 000 | 1 000 000 | 3 600 000 |\n| Koordinator | 700 000 | 720 000 | 740 000 | 2 160 000 |\n',
     'gap'),
    ('p24 hourly rate',  # 120 kr/t x 25 t/uke x 40 uker = 120 000 <= 130 160
     '# Søknad om tilskudd – Kokk og servitør\n\nSøker: Lillehammer kommune\nProsjektperiode: 01.09.2025 – 30.06.2026\nAntall deltakere: 8\n\n## Tiltaket\n\nKurset har 25 timer per uke, fordelt på skole og praksis i hotellbransjen.\n\n## Deltakerstønad\n\nStønaden er 120 kr per time deltakeren er til stede.\n\n## Varighet\n\nKurset går over 40 uker.\n\n## Budsjett\n\n| Post | Beløp |\n| Deltakerstønad | 960 000 |\n| Arbeidsklær | 16 000 |\n',
     'met'),
    ('p25 drop-outs',  # budsjettert for 12: 1 680 000/12 = 140 000 > 130 160 (naivt /16 = 105 000)
     '# Søknad – Jobbklar\n\nSøker: Halden kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 16\n\n## Frafall\n\nVi tar inn 16 deltakere, men regner erfaringsmessig med at 12 gjennomfører. Deltakerstønaden er budsjettert for 12 deltakere.\n\n## Budsjett\n\n| Post | Beløp |\n| Deltakerstønad | 1 680 000 |\n| Prosjektleder | 700 000 |\n| Busskort (16 × 7 200) | 115 200 |\n',
     'gap'),
    ('p26 drop-outs replaced, rate x count x months',  # 14 x 9 000 x 12 = 1 512 000; per deltaker 108 000 <= 130 160
     '# Søknad om tilskudd – Jobbsjansen light\n\nSøker: Moss kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 14\n\n## Deltakerstønad\n\nDeltakerstønad budsjetteres med 14 deltakere × 9 000 kr × 12 måneder = 1 512 000 kr. Ved frafall tas nye deltakere inn, slik at plassene er fylt hele året.\n\n## Andre kostnader\n\nBarnepass: 4 deltakere × 3 000 kr × 12 måneder = 144 000 kr.\n',
     'met'),
    ('p27 covered by social assistance',  # ingen deltakerstønad; økonomisk sosialhjelp
     '# Søknad – Språkpraksis for kvinner\n\nSøker: Fredrikstad kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 10\n\n## Økonomi\n\nDeltakerne beholder økonomisk sosialhjelp fra Nav mens de deltar. Det er derfor ikke budsjettert med deltakerstønad.\n\n## Budsjett\n\n| Post | Beløp |\n| Kursleder | 480 000 |\n| Barnepass | 120 000 |\n',
     'not_applicable'),
    ('p28 bi-weekly payment',  # 5 400 hver 14. dag x 26 = 140 400 > 130 160
     '# Søknad om tilskudd – Helårsløp industri\n\nSøker: Sauda kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 6\n\n## Deltakerstønad\n\nDeltakerstønaden utbetales hver 14. dag med 5 400 kr per deltaker.\n\n## Varighet\n\nTiltaket går hele året, 52 uker, uten ferieopphold.\n\n## Budsjett\n\n| Post | Beløp |\n| Deltakerstønad | 842 400 |\n| Instruktør industri | 520 000 |\n',
     'gap'),
    ('p29 exactly 1G',  # 1G = 130 160 per deltaker; 8 x 130 160 = 1 041 280; = 1G
     '# Søknad – Vekst gjennom arbeid\n\nSøker: Horten kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 8\n\n## Deltakerstønad\n\nVi søker om deltakerstønad tilsvarende 1G (130 160 kr) per deltaker per år.\n\n| Post | Beløp |\n| Deltakerstønad | 1 041 280 |\n| Mentor | 240 000 |\n',
     'met'),
    ('p30 G multiple above 1',  # 1,2 G = 156 192 > 130 160
     '# Søknad om tilskudd – Fagbrev for flyktninger\n\nSøker: Narvik kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\n\nDeltakerne får en stønad tilsvarende 1,2 G per år, for å gjøre tiltaket attraktivt sammenlignet med ufaglært arbeid.\n\n| Post | Beløp |\n| Deltakerstønad (10 × 156 192) | 1 561 920 |\n| Lærlingkoordinator | 650 000 |\n',
     'gap'),
    ('p31 G fraction',  # 0,8 G = 104 128 <= 130 160
     '# Søknad – Grunnleggende ferdigheter og praksis\n\nSøker: Elverum kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\n\nStønaden settes til 0,8 G per deltaker per år, tilsvarende 104 128 kr.\n\n## Budsjett\n\n| Post | Beløp |\n| Deltakerstønad | 1 041 280 |\n| Reise (10 × 9 000) | 90 000 |\n',
     'met'),
    ('p32 day rate, course days per year',  # 600 x 230 kursdager = 138 000 > 130 160
     '# Søknad om tilskudd – Renholdsoperatør\n\nSøker: Kongsvinger kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 5\n\n## Deltakerstønad\n\nDagsats: 600 kr per kursdag.\n\n## Kursplan\n\nKurset har 230 kursdager per år, inkludert praksisdager.\n\n## Budsjett\n\n| Post | Beløp |\n| Deltakerstønad | 690 000 |\n| Kursavgift | 75 000 |\n',
     'gap'),
    ('p33 day rate, days elsewhere',  # 550 x 220 = 121 000 <= 130 160; 6 x 121 000 = 726 000
     '# Søknad – Lager og logistikk\n\nSøker: Eidsvoll kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 6\n\n## Kursplan\n\nTiltaket har 220 kursdager i året.\n\n## Deltakerstønad\n\nDeltakerne får 550 kroner per kursdag.\n\n| Post | Beløp |\n| Deltakerstønad | 726 000 |\n| Truckførerbevis | 54 000 |\n',
     'met'),
    ('p34 columns countratemonthssum',  # 12 000 x 12 = 144 000 > 130 160
     '# Søknad om tilskudd – Kvalifisering mot barnehage\n\nSøker: Asker kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 12\n\n## Budsjett\n\n| Post | Antall | Sats per mnd | Måneder | Sum |\n| Deltakerstønad | 12 | 12 000 | 12 | 1 728 000 |\n| Barnepass | 5 | 3 200 | 12 | 192 000 |\n| Prosjektleder | 1 | 60 000 | 12 | 720 000 |\n',
     'gap'),
    ('p35 columns countratemonthssum',  # 9 500 x 12 = 114 000 <= 130 160
     '# Søknad – Kvalifisering mot helse\n\nSøker: Bærum kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 12\n\n## Budsjett\n\n| Post | Antall | Sats per mnd | Måneder | Sum |\n| Deltakerstønad | 12 | 9 500 | 12 | 1 368 000 |\n| Reise | 12 | 750 | 12 | 108 000 |\n| Prosjektleder | 1 | 60 000 | 12 | 720 000 |\n',
     'met'),
    ('p36 risk mention only',  # kun nevnt i risikoavsnitt, ikke søkt
     '# Søknad om tilskudd – Tidlig arbeidsretting\n\nSøker: Namsos kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 10\n\n## Risiko\n\nDersom deltakerne mister retten til introduksjonsstønad før tiltaket er ferdig, kan det bli aktuelt å søke om deltakerstønad i en senere søknad. Det er ikke tatt med i denne søknaden.\n\n## Budsjett\n\n| Post | Beløp |\n| Jobbkonsulent | 640 000 |\n| Praksisvederlag til arbeidsgivere | 100 000 |\n',
     'not_applicable'),
    ('p37 year columns with months in header',  # 2026: 1 620 000/12 = 135 000 > 130 160
     '# Søknad – Transport og logistikk\n\nSøker: Porsgrunn kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 12\n\n## Budsjett\n\n| Post | 2025 (aug–des) | 2026 | 2027 (jan–jul) |\n| Deltakerstønad | 625 000 | 1 620 000 | 945 000 |\n| Førerkort klasse B | 60 000 | 60 000 | 0 |\n| Koordinator | 300 000 | 720 000 | 420 000 |\n',
     'gap'),
    ('p38 year columns with months',  # 2026: 1 380 000/12 = 115 000; 2025 5 mnd 500 000/12 (=100 000/år); 2027 7 mnd 805 000/12 (=115 
     '# Søknad – Service og salg\n\nSøker: Ski kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 12\n\n## Budsjett\n\n| Post | 2025 (aug–des) | 2026 | 2027 (jan–jul) |\n| Deltakerstønad | 500 000 | 1 380 000 | 805 000 |\n| Koordinator | 300 000 | 720 000 | 420 000 |\n',
     'met'),
    ('p39 part-year start, monthly rate',  # 12 500 x 12 = 150 000 i 2026 (fullt år) > 130 160
     '# Søknad om tilskudd – Oppstart høst 2025\n\nSøker: Tønsberg kommune\nProsjektperiode: 01.09.2025 – 31.08.2027\nAntall deltakere: 10\n\n## Oppstart\n\nTiltaket starter 1. september 2025 med alle ti deltakere, som følger løpet til prosjektslutt.\n\n## Deltakerstønad\n\nDeltakerstønad: 12 500 kr per måned per deltaker i hele deltakelsen.\n\n## Øvrige kostnader\n\nReise: 700 kr per måned per deltaker. Lønn til veileder i praksis: 200 000 kr per år.\n',
     'gap'),
    ('p40 part-year start Oct',  # 10 000 x 12 = 120 000 <= 130 160
     '# Søknad – Kvalifisering Nord\n\nSøker: Harstad kommune\nProsjektperiode: 01.10.2025 – 30.09.2026\nAntall deltakere: 8\n\n## Deltakerstønad\n\nDeltakerne får 10 000 kr per måned fra oppstart i oktober 2025 til avslutning i september 2026.\n\n| Post | 2025 | 2026 |\n| Deltakerstønad | 240 000 | 720 000 |\n',
     'met'),
    ('p42 two groups, both under',  # heltid 10 000 x 12 = 120 000; deltid 60 000; <= 130 160
     '# Søknad – Fleksibelt løp Finnsnes\n\nSøker: Senja kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakerstønad\n\nSeks deltakere går på heltid med 10 000 kr per måned, fire på deltid med 5 000 kr per måned, i tolv måneder.\n\n| Post | Beløp |\n| Deltakerstønad heltid (6) | 720 000 |\n| Deltakerstønad deltid (4) | 240 000 |\n',
     'met'),
    ('p43 dash row in thousands table',  # rad '–' og merknad: ikke aktuelt
     '# Søknad om tilskudd – Arbeidstrening med lønn\n\nSøker: Arendal kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 8\n\n## Budsjett (i 1000 kr)\n\n| Post | Beløp |\n| Lønn deltakere i arbeidstrening | 2 400 |\n| Deltakerstønad | – |\n| Arbeidsleder | 650 |\n\nDeltakerne har lønn i arbeidstreningen; deltakerstønad er ikke aktuelt.\n',
     'not_applicable'),
    ('p44 form field zero',  # skjemafelt deltakerstønad = 0
     '# Søknadsskjema – Tilskudd til utvikling av kvalifiserings- og integreringstiltak\n\nSøker: Grimstad kommune\nTiltaksområde: 1\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 12\nSøknadsbeløp deltakerstønad: 0 kr\nSøknadsbeløp øvrige kostnader: 850 000 kr\n\n## Beskrivelse\n\nMidlene skal gå til en jobbspesialist som følger deltakerne i praksis. Deltakerne er i introduksjonsprogrammet.\n',
     'not_applicable'),
    ('p45 separate tables per year',  # 2026: 2 250 000/15 = 150 000 > 130 160
     '# Søknad – Fra kurs til jobb\n\nSøker: Kristiansand kommune\nProsjektperiode: 01.09.2025 – 31.12.2026\nAntall deltakere: 15\n\n## Budsjett\n\n### Budsjett 2025 (september–desember)\n\n| Post | Beløp |\n| Deltakerstønad | 600 000 |\n| Prosjektleder | 240 000 |\n\n### Budsjett 2026\n\n| Post | Beløp |\n| Deltakerstønad | 2 250 000 |\n| Prosjektleder | 730 000 |\n',
     'gap'),
    ('p46 separate tables per year',  # 1 080 000/9 = 120 000 per år
     '# Søknad – Fra kurs til jobb Vest\n\nSøker: Haugesund kommune\nProsjektperiode: 01.01.2026 – 31.12.2027\nAntall deltakere: 9\n\n## Budsjett\n\n### 2026\n\n| Post | Beløp |\n| Deltakerstønad | 1 080 000 |\n| Veileder | 500 000 |\n\n### 2027\n\n| Post | Beløp |\n| Deltakerstønad | 1 080 000 |\n| Veileder | 515 000 |\n',
     'met'),
    ('p47 cohorts total 30, 10 per year',  # 10 per år (ett kull per år): 1 500 000/10 = 150 000 > 130 160 (naivt /30 = 50 000)
     '# Søknad om tilskudd – Tre kull\n\nSøker: Sandnes kommune\nProsjektperiode: 01.01.2026 – 31.12.2028\nAntall deltakere: 30\n\n## Deltakere\n\nTotalt 30 deltakere fordelt på tre kull à 10 deltakere, ett kull per kalenderår. Hvert kull går hele året.\n\n## Budsjett\n\n| Post | 2026 | 2027 | 2028 |\n| Deltakerstønad | 1 500 000 | 1 500 000 | 1 500 000 |\n| Koordinator | 700 000 | 720 000 | 740 000 |\n',
     'gap'),
    ('p48 cohorts total 30, 10 per year',  # 10 per år: 1 200 000/10 = 120 000
     '# Søknad – Tre kull Øst\n\nSøker: Indre Østfold kommune\nProsjektperiode: 01.01.2026 – 31.12.2028\nAntall deltakere: 30\n\n## Deltakere\n\nTotalt 30 deltakere fordelt på tre kull à 10, ett kull per år.\n\n| Post | 2026 | 2027 | 2028 |\n| Deltakerstønad | 1 200 000 | 1 200 000 | 1 200 000 |\n',
     'met'),
    ('p49 dash row  Nav',  # rad '–', dekkes av Nav
     '# Søknad om tilskudd – Praksis i kommunen\n\nSøker: Ålesund kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 10\n\n## Budsjett\n\n| Post | Beløp | Kommentar |\n| Praksisveileder | 450 000 | 60 % stilling |\n| Deltakerstønad | – | dekkes av Nav (tiltakspenger) |\n| Reise | 50 000 | |\n',
     'not_applicable'),
    ('p50 nynorsk weekly',  # 3 000 kr/veke x 47 veker = 141 000 > 130 160
     '# Søknad om tilskot – Fjordløp\n\nSøker: Stryn kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 6\n\n## Varigheit\n\nKurset går over 47 veker.\n\n## Deltakarstønad\n\nStønaden er 3 000 kr i veka per deltakar.\n\n| Post | Sum |\n| Deltakarstønad | 846 000 |\n| Lærar | 300 000 |\n',
     'gap'),
    ('p51 explicit per-year in text',  # 120 000 per deltaker per år <= 130 160
     '# Søknad – Kvalifisering Voss\n\nSøker: Voss herad\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 8\n\n## Deltakerstønad\n\nVi søker om deltakerstønad på 120 000 kroner per deltaker per år for 8 deltakere, til sammen 960 000 kroner per år. I tillegg kommer reiseutgifter på 10 000 kroner per deltaker.\n',
     'met'),
    ('p52 nynorsk earlier project with amount',  # tidligere 135 000; nå kvalifiseringsstønad fra Nav, ikke søkt
     '# Søknad om tilskot – Vidareføring\n\nSøker: Ørsta kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 8\n\n## Bakgrunn\n\nI forprosjektet fekk deltakarane 135 000 kr per år i deltakarstønad.\n\n## Økonomi\n\nI denne søknaden søkjer vi ikkje om deltakarstønad, sidan alle deltakarane får kvalifiseringsstønad frå Nav.\n\n| Post | Beløp |\n| Prosjektleiar | 600 000 |\n',
     'not_applicable'),
    ('p53 wages in practice',  # lønn i praksis (lønnstilskudd), ingen deltakerstønad
     '# Søknad om tilskudd – Lønnet praksis\n\nSøker: Levanger kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Deltakernes økonomi\n\nDeltakerne ansettes i midlertidige stillinger og får lønn i praksisperioden. Nav gir lønnstilskudd.\n\n| Post | Beløp |\n| Lønn i praksis (kommunens andel) | 600 000 |\n| Praksisveileder | 400 000 |\n',
     'not_applicable'),
    ('p54 other per-participant costs nearby',  # deltakerstønad 110 000 per deltaker <= 130 160 (reise+barnepass kommer i tillegg, teller ikke)
     '# Søknad – Helhetlig løp\n\nSøker: Nittedal kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Budsjett\n\n| Post | Antall | Per deltaker | Sum |\n| Deltakerstønad | 10 | 110 000 | 1 100 000 |\n| Reiseutgifter | 10 | 15 000 | 150 000 |\n| Barnepass | 10 | 40 000 | 400 000 |\n',
     'met'),
    ('p55 per-participant column',  # 135 000 per deltaker > 130 160
     '# Søknad om tilskudd – Helhetlig løp Sør\n\nSøker: Mandal kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 8\n\n## Budsjett\n\n| Post | Per deltaker | Antall | Sum |\n| Deltakerstønad | 135 000 | 8 | 1 080 000 |\n| Reise | 12 000 | 8 | 96 000 |\n',
     'gap'),
    ('p57 funded by municipality',  # deltakerstønad dekkes av kommunens eget budsjett; søkes ikke
     '# Søknad om tilskudd – Kvalifisering i kommunal regi\n\nSøker: Rana kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 10\n\n## Finansiering\n\nKommunen fikk i 2024 tilskudd til deltakerstønad på 1 300 000 kr. I 2026 dekker kommunen deltakerstønaden over eget budsjett, og denne søknaden gjelder bare lønn til veileder og kursutgifter.\n\n| Post | Beløp |\n| Veileder | 620 000 |\n| Kursutgifter | 90 000 |\n',
     'not_applicable'),
    ('p58 form fields rate/days/weeks',  # 500 x 5 x 45 = 112 500 <= 130 160
     '# Søknadsskjema – Tilskudd til utvikling av kvalifiserings- og integreringstiltak\n\nSøker: Lier kommune\nTiltaksområde: 1\nProsjektperiode: 01.08.2025 – 30.06.2026\nAntall deltakere: 10\nStønad per kursdag: 500 kr\nKursdager per uke: 5\nAntall uker: 45\n\n## Beskrivelse\n\nDeltakerstønad søkes for alle ti deltakerne, beregnet ut fra satsen over. Barnepass dekkes med inntil 3 000 kr per måned.\n',
     'met'),
    ('p59 months in words',  # 13 500 x ti måneder = 135 000 > 130 160
     '# Søknad om tilskudd – Kvalifisering mot butikk\n\nSøker: Kvinnherad kommune\nProsjektperiode: 01.09.2025 – 30.06.2026\nAntall deltakere: 9\n\n## Deltakerstønad\n\nDeltakerne får 13 500 kroner i måneden i ti måneder. Reiseutgifter dekkes i tillegg.\n\n| Post | Beløp |\n| Deltakerstønad | 1 215 000 |\n',
     'gap'),
    ('g1 not asked for some, asked for the others',  # 12 000 x 12 = 144 000
     '# Søknad om tilskudd\n\nSøker: Lunner kommune\nProsjektperiode: 01.01.2026 – 31.12.2026\nAntall deltakere: 12\n\n## Deltakerstønad\n\nVi søker ikke om deltakerstønad for de seks som har introduksjonsstønad. De øvrige seks får deltakerstønad på 12 000 kr i måneden i tolv måneder.\n',
     'gap'),
]


@pytest.mark.parametrize("name, text, want", CASES, ids=[c[0] for c in CASES])
def test_the_allowance_as_a_second_prober_states_it(allowance_of, name, text, want):
    assert allowance_of(text) == want


# A third prober's cases (session 16), aimed at false alarms: 35 applications within 1G that a careless reader
# would put over it, 10 over it and 5 that do not ask, with the status by hand; engine 46 had 49 of 50 right (the
# miss: a row with a year's sum and the period's total beside it, "Post | Per år | Sum 2 år"), and 8 variants of
# that row.
FALSE_ALARM_CASES = [
    ('q01 whole-period total (2 yrs) beside count',  # 2 400 000 / 2 år / 10 = 120 000 ≤ 130 160
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Ringerike kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 10\n\n## Om tiltaket\nTiltaket er et toårig kvalifiseringsløp for 10 deltakere som ikke har rett til introduksjonsprogram. Alle deltakerne følger løpet i hele perioden.\n\n## Budsjett\n| Post | Beløp for hele prosjektperioden (2 år) |\n| Prosjektleder 50 % | 700 000 |\n| Deltakerstønad | 2 400 000 |\n| Sum | 3 100 000 |\n',
     'met'),
    ('q02 group total per year told in prose',  # 1 800 000 / 15 = 120 000 per år
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Gjøvik kommune\nProsjektperiode: 01.09.2025 – 31.08.2026\nAntall deltakere: 15\n\n## Beskrivelse\nKommunen søker om deltakerstønad til 15 deltakere. Samlet deltakerstønad utgjør 1 800 000 kr per år, det vil si 120 000 kr per deltaker.\n',
     'met'),
    ('q03 subtotal incl. travelchildcare',  # 1 100 000 / 10 = 110 000; travel 240 000 and childcare 300 000 are separate rows; subtotal 1 64
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Kongsberg kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 10\n\n## Budsjett\n| Post | Beløp |\n| Deltakerstønad | 1 100 000 |\n| Reiseutgifter deltakere | 240 000 |\n| Barnepass | 300 000 |\n| Sum deltakerrettede kostnader | 1 640 000 |\n| Lønn veileder | 650 000 |\n| Totalt | 2 290 000 |\n',
     'met'),
    ('q04 header count per intake, several intakes',  # 4 intakes × 12 = 48 persons, each 6 mnd; 2 880 000 / 2 år = 1 440 000/år for 24 persons = 60 00
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Elverum kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 12\n\n## Gjennomføring\nVi tar inn 12 deltakere i hvert opptak, med nytt opptak hvert halvår (august og februar). Hvert opptak varer i seks måneder, totalt fire opptak og 48 deltakere i prosjektperioden. Deltakerne får deltakerstønad på 10 000 kr per måned mens de er i tiltaket.\n\n## Budsjett\n| Post | 2025/26 | 2026/27 | Sum |\n| Deltakerstønad | 1 440 000 | 1 440 000 | 2 880 000 |\n',
     'met'),
    ('q05 part-year start, calendar columns',  # 2025: 480 000 = 12 × 4 mnd × 10 000; 2026: 1 440 000 / 12 = 120 000 (heaviest year)
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Hamar kommune\nProsjektperiode: 01.09.2025 – 31.12.2026\nAntall deltakere: 12\n\n## Budsjett\nTiltaket starter 1. september 2025, så 2025 gjelder bare fire måneder.\n\n| Post | 2025 (sep–des) | 2026 | Sum |\n| Deltakerstønad | 480 000 | 1 440 000 | 1 920 000 |\n| Kursmateriell | 30 000 | 60 000 | 90 000 |\n',
     'met'),
    ('q06 drop-outs budget for starters, 12 expected to complete',  # 15 × 110 000 = 1 650 000; per person who starts 110 000 (careless /12 completers = 137 500)
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Sandefjord kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 15\n\n## Deltakere\n15 deltakere starter i tiltaket. Erfaringsmessig regner vi med at 12 fullfører hele løpet.\n\n## Budsjett\nDeltakerstønaden er beregnet ut fra 15 deltakere à 110 000 kr per år.\n\n| Post | Beløp |\n| Deltakerstønad | 1 650 000 |\n',
     'met'),
    ('q07 allowance for whole 18-month course told as one sum',  # 180 000 for 18 mnd = 120 000 per år
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Halden kommune\nProsjektperiode: 01.08.2025 – 31.01.2027\nAntall deltakere: 8\n\n## Om kurset\nKurset varer i 18 måneder. Hver deltaker får deltakerstønad på til sammen 180 000 kr for hele kurset, fordelt jevnt med 10 000 kr per måned.\n',
     'met'),
    ('q08 monthly rate for 10 months only',  # 12 000 × 10 mnd = 120 000 per år (careless ×12 = 144 000)
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Moss kommune\nProsjektperiode: 15.08.2025 – 15.06.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nDeltakerne får deltakerstønad på 12 000 kr per måned i de 10 månedene kurset varer (august–juni). Samlet deltakerstønad: 10 deltakere × 10 måneder × 12 000 kr = 1 200 000 kr.\n',
     'met'),
    ('q09 practice-placement wages in other row',  # allowance 1 000 000 / 10 = 100 000; wages in practice 1 800 000 are a separate row
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Steinkjer kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 10\n\n## Budsjett\n| Post | Beløp |\n| Lønn i praksisplass (arbeidsgiver) | 1 800 000 |\n| Deltakerstønad | 1 000 000 |\n| Veiledning | 400 000 |\n| Sum | 3 200 000 |\n',
     'met'),
    ('q10 G share below 1',  # 0,9 G = 0,9 × 130 160 = 117 144 ≤ 1G
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Levanger kommune\nProsjektperiode: 01.09.2025 – 31.08.2026\nAntall deltakere: 9\n\n## Deltakerstønad\nVi søker om deltakerstønad tilsvarende 0,9 G per deltaker per år, for 9 deltakere. Dette utgjør 9 × 117 144 = 1 054 296 kr.\n',
     'met'),
    ('q11 project year split over two calendar-year columns',  # project year: 600 000 + 840 000 = 1 440 000 / 12 = 120 000
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Tynset kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 12\n\n## Budsjett\n| Post | 2025 (aug–des) | 2026 (jan–jul) | Sum |\n| Deltakerstønad | 600 000 | 840 000 | 1 440 000 |\n| Reise | 20 000 | 30 000 | 50 000 |\n',
     'met'),
    ('q12 places vs persons with rotation',  # 10 places full year 1 200 000 = 120 000 per place; 15 persons ≤ 120 000 each
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Kristiansund kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 10 plasser\n\n## Deltakere\nTiltaket har 10 plasser. Ved frafall eller overgang til arbeid fylles plassen med en ny deltaker, og vi regner med at om lag 15 personer deltar i løpet av året. Deltakerstønaden er 10 000 kr per måned per plass.\n\n## Budsjett\n| Post | Per år |\n| Deltakerstønad (10 plasser × 12 mnd × 10 000) | 1 200 000 |\n',
     'met'),
    ('q13 allowance row under header naming whole period',  # 2 160 000 / 2 år / 9 = 120 000
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Lillehammer kommune\nProsjektperiode: 01.01.2026 – 31.12.2027\nAntall deltakere: 9\n\n## Budsjett for hele prosjektperioden 2026–2027\n| Post | Beløp |\n| Prosjektledelse | 800 000 |\n| Deltakerstønad | 2 160 000 |\n| Sum | 2 960 000 |\n',
     'met'),
    ('q14 nynorsk whole-period total',  # 1 920 000 / 2 år / 8 = 120 000
     '# Søknad om tilskot til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøkjar: Volda kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nTal på deltakarar: 8\n\n## Budsjett\nBudsjettet gjeld heile prosjektperioden på to år.\n\n| Post | Heile perioden |\n| Deltakarstønad | 1 920 000 |\n| Prosjektleiar 40 % | 560 000 |\n| Sum | 2 480 000 |\n',
     'met'),
    ('q15 sum includes course fees',  # 1 200 000 / 10 = 120 000; course fees 400 000 separate
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Notodden kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 10\n\n## Budsjett\n| Post | Beløp |\n| Deltakerstønad | 1 200 000 |\n| Kursavgift norskopplæring | 400 000 |\n| Sum tiltak for deltakerne | 1 600 000 |\n',
     'met'),
    ('q16 sum includes insurance',  # 1 200 000 / 10 = 120 000; insurance 60 000 separate; 'sum til deltakere' 1 260 000
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Horten kommune\nProsjektperiode: 01.09.2025 – 31.08.2026\nAntall deltakere: 10\n\n## Budsjett\n| Post | Beløp |\n| Deltakerstønad | 1 200 000 |\n| Yrkesskadeforsikring deltakere | 60 000 |\n| Sum til deltakere | 1 260 000 |\n',
     'met'),
    ('q17 practice wage per participant in prose',  # 8 000 × 12 = 96 000 allowance; 150 000 is wage in practice, not allowance
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Orkland kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 6\n\n## Gjennomføring\nFørste halvår får deltakerne deltakerstønad på 8 000 kr per måned. Andre halvår er deltakerne i lønnet praksis hos lokale bedrifter, der arbeidsgiver betaler om lag 150 000 kr i lønn per deltaker. Deltakerstønaden videreføres med 8 000 kr per måned for timer som ikke dekkes av lønn, slik at deltakerstønaden til sammen blir 8 000 × 12 = 96 000 kr per deltaker.\n',
     'met'),
    ('q18 per participant 125 000, above old G',  # 125 000 ≤ 130 160 (1G from 1.5.2025)
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Nesodden kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nDet søkes om deltakerstønad på 125 000 kr per deltaker per år for 10 deltakere, til sammen 1 250 000 kr.\n',
     'met'),
    ('q19 exactly 1G',  # 1G = 130 160 exactly
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Asker kommune\nProsjektperiode: 01.09.2025 – 31.08.2026\nAntall deltakere: 14\n\n## Deltakerstønad\nDeltakerne får deltakerstønad på 1G (130 160 kr) per deltaker per år. For 14 deltakere utgjør dette 1 822 240 kr.\n',
     'met'),
    ('q20 weekly rate, 46 weeks',  # 2 700 × 46 = 124 200 (careless ×52 = 140 400)
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Ski kommune\nProsjektperiode: 18.08.2025 – 30.06.2026\nAntall deltakere: 11\n\n## Deltakerstønad\nKurset går i 46 uker. Deltakerne får 2 700 kr per uke i deltakerstønad, altså 124 200 kr per deltaker. For 11 deltakere søkes det om 1 366 200 kr.\n',
     'met'),
    ('q21 daily rate, 40 weeks',  # 600 × 5 × 40 = 120 000 (careless 600 × 260 = 156 000)
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Tromsø kommune\nProsjektperiode: 01.09.2025 – 30.06.2026\nAntall deltakere: 12\n\n## Deltakerstønad\nDeltakerstønaden er 600 kr per oppmøtedag. Tiltaket har undervisning fem dager i uka i 40 uker, som gir 120 000 kr per deltaker. Samlet for 12 deltakere: 1 440 000 kr.\n',
     'met'),
    ('q22 ramp-up over 3 years',  # yr1 720 000/6 = 120 000; yr2, yr3 1 440 000/12 = 120 000 (careless 3 600 000/12 = 300 000)
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Bodø kommune\nProsjektperiode: 01.08.2025 – 31.07.2028\nAntall deltakere: 12\n\n## Budsjett\nFørste år starter vi med 6 deltakere, deretter 12 deltakere per år.\n\n| Post | År 1 | År 2 | År 3 | Sum |\n| Antall deltakere | 6 | 12 | 12 | |\n| Deltakerstønad | 720 000 | 1 440 000 | 1 440 000 | 3 600 000 |\n',
     'met'),
    ('q23 partial first and last calendar year',  # 10 × 10 000 × 4 = 400 000; 2026 1 200 000/10 = 120 000; 2027 800 000 (8 mnd); sum 2 400 000
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Alta kommune\nProsjektperiode: 01.09.2025 – 31.08.2027\nAntall deltakere: 10\n\n## Budsjett\nDeltakerstønaden er 10 000 kr per måned per deltaker.\n\n| Post | 2025 | 2026 | 2027 | Sum |\n| Deltakerstønad | 400 000 | 1 200 000 | 800 000 | 2 400 000 |\n',
     'met'),
    ('q24 table Antall/Sats/Sum',  # 14 × 115 000 = 1 610 000; 115 000 per deltaker
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Narvik kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 14\n\n## Budsjett\n| Post | Antall | Sats | Sum |\n| Deltakerstønad | 14 | 115 000 | 1 610 000 |\n| Arbeidsklær | 14 | 3 000 | 42 000 |\n',
     'met'),
    ('q25 both per-year and total columns',  # per år 1 320 000 / 11 = 120 000; total 2 640 000 over 2 år
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Harstad kommune\nProsjektperiode: 01.01.2026 – 31.12.2027\nAntall deltakere: 11\n\n## Budsjett\n| Post | Per år | Totalt 2026–2027 |\n| Deltakerstønad | 1 320 000 | 2 640 000 |\n| Veileder | 600 000 | 1 200 000 |\n',
     'met'),
    ('q26 childcare per participant next to allowance',  # 110 000 allowance; childcare 40 000 per deltaker separate
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Porsgrunn kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 10\n\n## Deltakerrettede kostnader\nDeltakerne får deltakerstønad på 110 000 kr per deltaker per år. I tillegg dekker prosjektet utgifter til barnepass (barnehage/SFO) med inntil 40 000 kr per deltaker, totalt 150 000 kr per deltaker i direkte kostnader.\n\n| Post | Beløp |\n| Deltakerstønad | 1 100 000 |\n| Barnepass | 400 000 |\n',
     'met'),
    ('q27 nynorsk monthly rate 11 months',  # 10 000 × 11 = 110 000
     '# Søknad om tilskot til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøkjar: Sogndal kommune\nProsjektperiode: 15.08.2025 – 15.07.2026\nTal på deltakarar: 9\n\n## Deltakarstønad\nDeltakarane får 10 000 kr i månaden i deltakarstønad i dei 11 månadene tiltaket varer, til saman 110 000 kr per deltakar. For 9 deltakarar blir det 990 000 kr.\n',
     'met'),
    ('q28 total budget beside allowance in prose',  # 1 080 000 / 9 = 120 000; total budget 3 000 000 is everything
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Molde kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 9\n\n## Økonomi\nSamlet budsjett for tiltaket er 3 000 000 kr. Av dette utgjør deltakerstønad 1 080 000 kr, mens resten går til lønn, lokaler og opplæring.\n',
     'met'),
    ('q29 two groups, some half-year',  # 6 × 120 000 + 4 × 60 000 (half year) = 960 000; max 120 000 each
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Ålesund kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 10\n\n## Deltakere\n6 deltakere følger tiltaket hele året, mens 4 deltakere starter i februar og deltar i et halvt år. Deltakerstønaden er 10 000 kr per måned.\n\n## Budsjett\n| Post | Beløp |\n| Deltakerstønad | 960 000 |\n',
     'met'),
    ('q30 amounts in thousands',  # 1 200 (1000 kr) = 1 200 000 / 10 = 120 000
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Arendal kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 10\n\n## Budsjett (beløp i 1000 kr)\n| Post | 2025/26 |\n| Deltakerstønad | 1 200 |\n| Prosjektleder | 450 |\n| Sum | 1 650 |\n',
     'met'),
    ('q31 3-year total column only',  # 3 240 000 / 3 år / 9 = 120 000
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Grimstad kommune\nProsjektperiode: 01.08.2025 – 31.07.2028\nAntall deltakere: 9\n\n## Budsjett\n| Post | Sum 2025–2028 |\n| Deltakerstønad | 3 240 000 |\n| Lønn | 1 500 000 |\n',
     'met'),
    ('q32 places, replacement at dropout',  # 12 places × 120 000 = 1 440 000; 16 persons through year each ≤ 120 000
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Kristiansand kommune\nProsjektperiode: 01.09.2025 – 31.08.2026\nAntall deltakere: 12 plasser\n\n## Deltakere\nTiltaket har 12 plasser. Ved frafall tas nye deltakere inn, og vi regner med totalt 16 personer i løpet av året.\n\n## Budsjett\n| Post | Beløp per år |\n| Deltakerstønad | 1 440 000 |\n',
     'met'),
    ('q33 nynorsk two cohorts sequential',  # 2 kull × 10; each kull 12 mnd; 2 400 000 / 20 = 120 000; per year 1 200 000/10
     '# Søknad om tilskot til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøkjar: Førde kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nTal på deltakarar: 20\n\n## Gjennomføring\nVi tek inn to kull à 10 deltakarar. Kull 1 går frå august 2025 til juli 2026, kull 2 frå august 2026 til juli 2027.\n\n## Budsjett\n| Post | Heile perioden |\n| Deltakarstønad | 2 400 000 |\n',
     'met'),
    ('q34 rate table with total for period',  # per year: 10 × 12 × 9 500 = 1 140 000 / 10 = 114 000
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Drammen kommune\nProsjektperiode: 01.01.2026 – 31.12.2027\nAntall deltakere: 10\n\n## Budsjett\nDeltakerstønad: 9 500 kr per måned × 12 måneder × 10 deltakere = 1 140 000 kr per år, 2 280 000 kr for hele perioden.\n\n| Post | 2026 | 2027 | Sum |\n| Deltakerstønad | 1 140 000 | 1 140 000 | 2 280 000 |\n| Reise og barnepass | 200 000 | 200 000 | 400 000 |\n| Sum deltakerkostnader | 1 340 000 | 1 340 000 | 2 680 000 |\n',
     'met'),
    ('q35 plain yearly over 1G',  # 1 680 000 / 12 = 140 000 > 130 160
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Fredrikstad kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 12\n\n## Budsjett\n| Post | Per år | Sum 2 år |\n| Deltakerstønad | 1 680 000 | 3 360 000 |\n',
     'gap'),
    ('q36 whole-period header, still over',  # 3 360 000 / 2 år / 12 = 140 000 > 130 160
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Sarpsborg kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 12\n\n## Budsjett for hele prosjektperioden (2 år)\n| Post | Beløp |\n| Deltakerstønad | 3 360 000 |\n',
     'gap'),
    ('q37 monthly rate 12 months',  # 12 000 × 12 = 144 000 > 130 160
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Bærum kommune\nProsjektperiode: 01.09.2025 – 31.08.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nDeltakerne får 12 000 kr per måned i deltakerstønad gjennom hele året, totalt 1 440 000 kr for 10 deltakere.\n',
     'gap'),
    ('q38 whole-course sum, course shorter than a year',  # 140 000 for 10-month course, within one year > 130 160
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Skien kommune\nProsjektperiode: 01.09.2025 – 30.06.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nKurset varer i 10 måneder. Hver deltaker får deltakerstønad på 140 000 kr for hele kurset.\n',
     'gap'),
    ('q39 only half the participants get the allowance',  # 1 500 000 / 10 recipients = 150 000 > 130 160 (careless /20 = 75 000)
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Larvik kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 20\n\n## Deltakere\nTiltaket har 20 deltakere. 10 av dem er i introduksjonsprogram og mottar introduksjonsstønad; de øvrige 10 får deltakerstønad fra prosjektet.\n\n## Budsjett\n| Post | Beløp |\n| Deltakerstønad (10 deltakere) | 1 500 000 |\n',
     'gap'),
    ('q40 heaviest year over, average under',  # yr2 1 100 000 / 8 = 137 500 > 130 160 (average 125 000)
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Tønsberg kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 8\n\n## Budsjett\n| Post | 2025/26 | 2026/27 | Sum |\n| Deltakerstønad | 900 000 | 1 100 000 | 2 000 000 |\n',
     'gap'),
    ('q41 G share above 1',  # 1,2 × 130 160 = 156 192 > 1G
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Hammerfest kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 8\n\n## Deltakerstønad\nVi søker om deltakerstønad på 1,2 G per deltaker per år for 8 deltakere.\n',
     'gap'),
    ('q42 nynorsk yearly over',  # 1 350 000 / 9 = 150 000 > 130 160
     '# Søknad om tilskot til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøkjar: Stord kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nTal på deltakarar: 9\n\n## Budsjett\n| Post | Per år |\n| Deltakarstønad | 1 350 000 |\n| Reise | 50 000 |\n',
     'gap'),
    ('q43 daily rate over a year',  # 650 × 230 = 149 500 > 130 160
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Kongsvinger kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nDeltakerstønaden er 650 kr per dag i 230 dager, det vil si 149 500 kr per deltaker per år.\n',
     'gap'),
    ('q44 over 1G alone, with travel row',  # 1 400 000 / 10 = 140 000 > 130 160 (travel separate)
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Gran kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 10\n\n## Budsjett\n| Post | Beløp |\n| Deltakerstønad | 1 400 000 |\n| Reiseutgifter | 200 000 |\n| Sum deltakerrettet | 1 600 000 |\n',
     'gap'),
    ('q45 high monthly rate split over calendar columns',  # 12 500 × 12 = 150 000 per project year; 375 000 + 1 125 000 = 1 500 000 / 10
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Mandal kommune\nProsjektperiode: 01.10.2025 – 30.09.2026\nAntall deltakere: 10\n\n## Budsjett\nDeltakerstønaden er 12 500 kr per måned per deltaker.\n\n| Post | 2025 (okt–des) | 2026 (jan–sep) | Sum |\n| Deltakerstønad | 375 000 | 1 125 000 | 1 500 000 |\n',
     'gap'),
    ('q46 no allowance row, participants on introduksjonsstønad',  # no allowance asked
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Vestby kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 12\n\n## Budsjett\nDeltakerne mottar introduksjonsstønad, og det søkes ikke om deltakerstønad.\n\n| Post | Beløp |\n| Prosjektleder | 700 000 |\n| Reiseutgifter deltakere | 120 000 |\n| Kursavgift | 300 000 |\n',
     'not_applicable'),
    ('q47 quotes call rule but does not apply',  # explicitly not asked; quotes the 1G rule
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Ås kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 10\n\n## Deltakerstønad\nUtlysningen åpner for at kommunen kan søke om deltakerstønad på opptil 1G per deltaker per år. Vi søker ikke om deltakerstønad, da alle deltakerne har stønad fra NAV.\n\n## Budsjett\n| Post | Beløp |\n| Veileder | 650 000 |\n| Materiell | 50 000 |\n',
     'not_applicable'),
    ('q48 allowance row set to 0',  # allowance row 0
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Frogn kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 8\n\n## Budsjett\n| Post | Beløp |\n| Deltakerstønad | 0 |\n| Prosjektleder | 600 000 |\n| Sum | 600 000 |\n',
     'not_applicable'),
    ('q49 nynorsk not asked',  # no allowance (nynorsk), NAV kvalifiseringsstønad
     '# Søknad om tilskot til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøkjar: Ørsta kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nTal på deltakarar: 10\n\n## Budsjett\nDeltakarane får kvalifiseringsstønad frå NAV, så vi søkjer ikkje om deltakarstønad.\n\n| Post | Beløp |\n| Lønn prosjektleiar | 1 800 000 |\n',
     'not_applicable'),
    ('q50 practice wages only',  # only practice wage 150 000 per deltaker, paid by employers; no allowance
     '# Søknad om tilskudd til utvikling av kvalifiserings- og integreringstiltak 2025\n\nSøker: Eidsvoll kommune\nProsjektperiode: 01.08.2025 – 31.07.2026\nAntall deltakere: 10\n\n## Gjennomføring\nDeltakerne er ansatt i lønnet praksis hos lokale arbeidsgivere og får om lag 150 000 kr i lønn per deltaker per år, betalt av arbeidsgiver. Det søkes om midler til veiledning og opplæring.\n\n| Post | Beløp |\n| Veiledning | 900 000 |\n| Opplæring | 300 000 |\n',
     'not_applicable'),
    ('q35a Per år 1 680 000 / Sum 2 år 3 360 000',
     '# Søknad\n\nSøker: Fredrikstad kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 12\n\n## Budsjett\n| Post | Per år | Sum 2 år |\n| Deltakerstønad | 1 680 000 | 3 360 000 |\n',
     'gap'),
    ('q35b Per år 1 680 000 / Totalt 20252027 3 360 000',
     '# Søknad\n\nSøker: Fredrikstad kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 12\n\n## Budsjett\n| Post | Per år | Totalt 2025–2027 |\n| Deltakerstønad | 1 680 000 | 3 360 000 |\n',
     'gap'),
    ('q35c Per år 1 680 000 only',
     '# Søknad\n\nSøker: Fredrikstad kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 12\n\n## Budsjett\n| Post | Per år |\n| Deltakerstønad | 1 680 000 |\n',
     'gap'),
    ('q35d Per år 2 400 000 / Sum 2 år 4 800 000',
     '# Søknad\n\nSøker: Fredrikstad kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 12\n\n## Budsjett\n| Post | Per år | Sum 2 år |\n| Deltakerstønad | 2 400 000 | 4 800 000 |\n',
     'gap'),
    ('q35e Per år 1 680 000 / Sum 3 360 000',
     '# Søknad\n\nSøker: Fredrikstad kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 12\n\n## Budsjett\n| Post | Per år | Sum |\n| Deltakerstønad | 1 680 000 | 3 360 000 |\n',
     'gap'),
    ('q35f Per år 1 200 000 / Sum 2 år 2 400 000',
     '# Søknad\n\nSøker: Fredrikstad kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 12\n\n## Budsjett\n| Post | Per år | Sum 2 år |\n| Deltakerstønad | 1 200 000 | 2 400 000 |\n',
     'met'),
    ('q35g Per år 6 000 000 / Sum 2 år 12 000 000',
     '# Søknad\n\nSøker: Fredrikstad kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 12\n\n## Budsjett\n| Post | Per år | Sum 2 år |\n| Deltakerstønad | 6 000 000 | 12 000 000 |\n',
     'gap'),
    ('q35h 2025/26 1 680 000 / 2026/27 1 680 000',
     '# Søknad\n\nSøker: Fredrikstad kommune\nProsjektperiode: 01.08.2025 – 31.07.2027\nAntall deltakere: 12\n\n## Budsjett\n| Post | 2025/26 | 2026/27 |\n| Deltakerstønad | 1 680 000 | 1 680 000 |\n',
     'gap'),
]


@pytest.mark.parametrize("name, text, want", FALSE_ALARM_CASES, ids=[c[0] for c in FALSE_ALARM_CASES])
def test_the_allowance_within_1g_where_a_careless_reading_goes_over(allowance_of, name, text, want):
    assert allowance_of(text) == want
