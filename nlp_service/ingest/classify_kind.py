"""The kind of a document (application, status report, annual report, accounts) from its wording."""

from __future__ import annotations

import re

from nlp_service.ingest.document import Document

_OE = "[øoa0g@éd]"  # "ø" and what OCR makes of it

_SIGNALS: dict[str, list[tuple[str, float]]] = {
    "application": [
        # "ø" is the letter an OCR'd text layer damages most ("Saknad", "Sgknad"): the title words allow for it
        (rf"\bs{_OE}knad(en)? om (tilskudd|midler|støtte)", 3), (r"\bsøknadsbeløp", 3), (r"\bsøker\s*:", 2),
        (rf"\bsøkje|\bs{_OE}knad\b", 1), (r"\bprosjektna(vn|mn)\s*:", 1.5), (r"\bvi søker\b|\bsøker (om|herved)\b", 2),
        (r"søknadsportal", 2), (r"\bsøkjar\s*:|\bsøknadssum|beløp det søkes|søkt(e)? beløp|søknadsbeløp", 2),
        (r"\bomsøkt\b|\bsøkt beløp", 1.5), (r"\begenandel\b", 0.5), (r"satsingsområde\s*:", 1),
    ],
    "status_report": [
        (r"\bstatusrapport", 4), (r"\bstatus (for|per|pr\.?) ", 1.5), (r"\bfremdrift|framdrift", 1.5),
        (r"1\.\s*september", 1), (r"\bså langt i prosjektet|hittil i prosjektet|første halvår", 1.5),
    ],
    "annual_report": [
        (r"\b[åa]rsrapport|\bdrsrapport|sluttrapport|årsrapportering", 4), (r"\bmåloppnåelse|resultat(er)? for deltakerne", 1.5),
        (r"\bbruk av tilskudd|tilskuddet (er|ble) brukt", 2), (r"\brapport(en)? for (året|20\d\d)", 1.5),
        (r"\brapport for (tilskudd|tilskot)\b|\brapporteringsperiode", 2),
    ],
    "accounts": [
        (r"\bprosjektregnskap|\bregnskap(et|srapport|soversikt|soppstilling|sutskrift)?\b|\brekneskap(en)?\b", 3), (r"\bbokførte? (inntekter|utgifter|kostnader)", 3),
        (r"\bsum (inntekter|utgifter|kostnader)", 2), (r"\bgodkjent av|attestert|anvist", 1.5),
        (r"\bavvik\b|\bmindreforbruk|\bmerforbruk", 1),
    ],
}


# A document names what it is in its title: these weigh most in its first few hundred characters.
_TITLE_REACH = 1000
_TITLE = {
    "application": rf"\bs{_OE}knad(?!sportal)|\bsøkjar\b|\bsøknadsskjema",
    "status_report": r"\bstatusrapport",
    # "Rapport for 2025" after the year's end is the year's report
    "annual_report": r"\b[åa]rsrapport|\bdrsrapport|\bsluttrapport|\b[åa]rsmelding|\brapport for (året |tilskudd |tilskot )?20\d\d\b",
    "accounts": r"\b(prosjekt|slutt|del)?regnskap(srapport|soversikt|soppstilling|sutskrift)?\b|\b(slutt)?rekneskap",
}
# The portal's name heads reports as well as applications: it counts for an application, but names no title.
_PORTAL = re.compile(r"\bsøknadsportal")


def detect_kind(doc: Document) -> str:
    # The title and first page weigh most: a report quotes its application, not the other way round.
    page1 = "\n".join(p.text for p in doc.pages[:1])
    head = page1.lower()
    rest = doc.text.lower()
    scores: dict[str, float] = {}
    for kind, signals in _SIGNALS.items():
        score = 0.0
        for pattern, weight in signals:
            score += 2 * weight * min(len(re.findall(pattern, head[:1500])), 1)
            score += weight * min(len(re.findall(pattern, rest)), 3)
        scores[kind] = score
    # The title may sit under a letterhead (sender, addressee, references, contact lines: often 500
    # characters): the first 1,000 characters are searched, earlier counting more.
    title = head[:_TITLE_REACH]
    if _PORTAL.search(title):
        scores["application"] += 4
    found = {kind: m.start() for kind, pattern in _TITLE.items() if (m := re.search(pattern, title))}
    for kind, start in found.items():
        # earlier is stronger; a kind named after another one was named is a mention ("regnskap for samme
        # periode sendes i eget brev" under "Årsrapport 2025"), half as strong
        bonus = 8 - 4 * start / _TITLE_REACH
        scores[kind] += bonus if start == min(found.values()) else bonus / 2
    # The document's own title, its first heading ("Årsrapport 2025 – ..."), outweighs a word further down the
    # letterhead ("regnskapet er sendt i eget brev")
    first = next((ln.text.lower() for ln in (doc.pages[0].lines if doc.pages else []) if ln.heading), None)
    # only a heading above the first sentence of running text is the title ("Regnskap fra forrige prosjekt"
    # after the text has begun is a section)
    prose = re.search(r"[a-zæøå]{3,}[.!?](\s*\n|\s+[A-ZÆØÅ])", page1)
    if first and 0 <= head.find(first.strip()) < min(_TITLE_REACH, prose.start() if prose else _TITLE_REACH):
        for kind, pattern in _TITLE.items():
            if re.search(pattern, first):
                scores[kind] += 6
    if scores["accounts"] and any(t.rows for p in doc.pages for t in p.tables):
        scores["accounts"] += 1
    best = max(scores, key=scores.get)
    return best if scores[best] >= 3 else "other"
