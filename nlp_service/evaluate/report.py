"""The evaluation report: ``metrics.json``, the figures as PNG and ``report.html``.

The HTML is self-contained (the figures are embedded, no scripts, no links out) so it can be mailed
or archived as one file. It is written for an evaluator who never saw the code: bokmål headings,
and for each figure one sentence on what it means.
"""

from __future__ import annotations

import base64
import json
import math
from pathlib import Path

from jinja2 import Environment

from nlp_service.evaluate import plots

CONDITION_NAMES = {"scanned": "skannet (tekst fra OCR)", "ocr_damaged": "OCR-skadet tekst", "clean": "ren tekst"}
STYLE_NAMES = {"form": "skjemaeksport fra portalen", "letter": "brev"}
LAYOUT_NAMES = {"form": "skjema", "letter": "brev", "two_column": "to spalter", "scan": "skannet",
                "ocr_damaged": "OCR-skadet"}
KIND_NAMES = {"application": "søknad", "status_report": "statusrapport", "annual_report": "årsrapport",
              "accounts": "regnskap", "other": "annet"}
STATUS_NAMES = {"met": "oppfylt", "gap": "mangel", "uncertain": "usikker", "not_applicable": "gjelder ikke"}
FACT_NAMES = {"applicant": "søker", "applicant_type": "søkertype", "participants": "antall deltakere",
              "own_contribution_nok": "egenandel (kr)", "requested_nok": "søknadsbeløp (kr)",
              "duration_years": "varighet (år)"}


def format_share(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{100 * value:.1f} %".replace(".", ",")


def format_number(value, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, int):
        return f"{value:,}".replace(",", " ")
    return f"{value:.{digits}f}".replace(".", ",")


def write_plots(m: dict, out_dir: Path) -> dict[str, Path]:
    """Every figure the metrics allow, as PNG files in ``out_dir``; returns name -> path."""
    out: dict[str, Path] = {}
    area = m.get("area")
    if area:
        out["per_area"] = plots.per_area(area, out_dir / "per_area.png")
        out["confusion"] = plots.confusion(area, out_dir / "confusion.png")
        out["reliability"] = plots.reliability(area, out_dir / "reliability.png")
        out["abstention"] = plots.abstention(area, out_dir / "abstention.png")
    if m.get("checks") and any(v["n"] for v in m["checks"]["per_check"].values()):
        out["checks"] = plots.checks(m["checks"], out_dir / "checks.png")
    for key, title, names in (("condition", "Etter forhold: skannet, OCR-skadet, ren tekst", CONDITION_NAMES),
                              ("style", "Skjemaeksport eller brev", STYLE_NAMES),
                              ("kind", "Etter dokumenttype", KIND_NAMES)):
        groups = (m.get("breakdown") or {}).get(key)
        if groups:
            out[f"breakdown_{key}"] = plots.breakdown(groups, title, out_dir / f"breakdown_{key}.png", names)
    if m.get("comparison"):
        out["compare"] = plots.compare(m["comparison"], out_dir / "compare.png")
    if m.get("learning_curve"):
        out["learning_curve"] = plots.learning_curve(m["learning_curve"], out_dir / "learning_curve.png")
    if m.get("live") and m["live"].get("by_week"):
        out["live"] = plots.live_by_week(m["live"], out_dir / "live_agreement.png")
    return out


def write_report(m: dict, out_dir: Path) -> dict[str, Path]:
    """Write ``metrics.json``, the PNGs and ``report.html`` into ``out_dir``; returns name -> path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    metrics_path = out_dir / "metrics.json"
    metrics_path.write_text(json.dumps(m, ensure_ascii=False, indent=2, default=_json_default), encoding="utf-8")
    images = write_plots(m, out_dir)
    embedded = {k: "data:image/png;base64," + base64.b64encode(p.read_bytes()).decode("ascii")
                for k, p in images.items()}
    env = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(pct=format_share, num=format_number)
    html = env.from_string(_TEMPLATE).render(
        m=m, img=embedded, conditions=CONDITION_NAMES, styles=STYLE_NAMES, layouts=LAYOUT_NAMES, kinds=KIND_NAMES,
        fact_names=FACT_NAMES, statuses=STATUS_NAMES, check_titles=m.get("check_titles") or {})
    report_path = out_dir / "report.html"
    report_path.write_text(html, encoding="utf-8")
    return {"report": report_path, "metrics": metrics_path, **images}


def _json_default(value):
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


_TEMPLATE = """<!DOCTYPE html>
<html lang="nb">
<head>
<meta charset="utf-8">
<title>Evalueringsrapport – forhåndsvurdering av søknader</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 1000px; margin: 2em auto;
       padding: 0 1em; color: #222; line-height: 1.45; }
h1 { font-size: 1.6em; } h2 { border-bottom: 2px solid #1f5fa8; padding-bottom: .2em; margin-top: 2em; }
table { border-collapse: collapse; margin: .8em 0; font-size: .92em; }
th, td { border: 1px solid #ccc; padding: .3em .6em; text-align: left; vertical-align: top; }
th { background: #eef3fa; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.explain { color: #444; font-size: .92em; } .note { background: #fff8e5; border-left: 4px solid #e08a1e;
       padding: .5em 1em; } img { max-width: 100%; border: 1px solid #ddd; margin: .5em 0; }
.wrong { color: #c0392b; } .ev { font-style: italic; color: #333; } small { color: #666; }
</style>
</head>
<body>
<h1>Evalueringsrapport: forhåndsvurdering av søknader</h1>
<p>Laget {{ m.generated }}. Data: {{ m.source.description or "ukjent" }}
{% if m.source.split %} (del: <b>{{ m.source.split }}</b>){% endif %}.
{{ m.documents.total }} dokumenter, {{ m.documents.analysed }} analysert, {{ m.documents.failed }} kunne ikke analyseres.</p>
<p class="explain">Rapporten måler tjenesten slik saksbehandlerne får den: hvert dokument er kjørt gjennom hele
analysen og sammenlignet med fasiten (de merkede svarene). Den inneholder utdrag fra dokumentene og skal
behandles som saksdokumenter.</p>

<h2>Sammendrag</h2>
<table>
<tr><th>Tall</th><th>Verdi</th><th>Hva det betyr</th></tr>
{% if m.area %}
<tr><td>Macro-F1, satsingsområde</td><td class="n">{{ m.area.macro_f1|num }}<br><small>95 %: {{ m.area.macro_f1_ci95[0]|num(2) }}–{{ m.area.macro_f1_ci95[1]|num(2) }}</small></td>
<td>Gjennomsnittet over områdene av F1 (balansen mellom presisjon og treffrate); 1 er feilfritt. Intervallet viser hvor mye tallet kan variere med et annet utvalg dokumenter av samme størrelse.</td></tr>
<tr><td>Andel riktig område</td><td class="n">{{ m.area.accuracy|pct }}</td><td>Andelen søknader der modellens mest sannsynlige område er det riktige (n = {{ m.area.n }}).</td></tr>
<tr><td>Forventet kalibreringsfeil (ECE)</td><td class="n">{{ m.area.calibration.ece|num }}</td><td>Hvor langt modellens oppgitte sikkerhet i snitt ligger fra hvor ofte den faktisk har rett; 0 er perfekt.</td></tr>
<tr><td>Brier-skår</td><td class="n">{{ m.area.calibration.brier|num }}</td><td>Gjennomsnittlig kvadratavvik mellom sannsynlighetene og fasiten; 0 er perfekt, lavere er bedre.</td></tr>
<tr><td>Avstår (usikker)</td><td class="n">{{ m.area.abstained|pct }}</td><td>Andelen søknader der tjenesten ikke foreslår område fordi sikkerheten er under terskelen {{ m.area.threshold|num(2) }}{% if m.area.accuracy_answered is not none %}; blant resten er {{ m.area.accuracy_answered|pct }} riktige{% endif %}.</td></tr>
{% endif %}
<tr><td>Vilkår i samsvar med fasit</td><td class="n">{{ (m.checks.overall.agreement if m.checks else none)|pct }}</td><td>{% if m.checks %}Andelen vurderinger (oppfylt/mangel) der tjenesten sier det samme som fasiten; «usikker» teller som uenig (n = {{ m.checks.overall.n }}).{% else %}Analysen ga ingen vilkårsvurderinger for disse dokumentene, så de kunne ikke måles.{% endif %}</td></tr>
{% if m.checks %}
<tr><td>Falske mangler</td><td class="n">{{ m.checks.overall.false_gaps }}</td><td>Antall ganger tjenesten meldte en mangel der fasiten sier vilkåret er oppfylt.</td></tr>
<tr><td>Mangler funnet</td><td class="n">{{ m.checks.overall.gap_recall|pct }}</td><td>Andelen av fasitens mangler som tjenesten også meldte som mangel.</td></tr>
{% endif %}
<tr><td>Fakta eksakt riktig</td><td class="n">{{ (m.facts.exact if m.facts else none)|pct }}</td><td>{% if m.facts %}Andelen merkede fakta (søker, søkertype, deltakere, beløp, varighet) som tjenesten hentet ut helt likt fasiten.{% else %}Analysen ga ingen fakta for disse dokumentene, så de kunne ikke måles.{% endif %}</td></tr>
<tr><td>Sekunder per dokument</td><td class="n">{{ m.timing.mean|num(2) }}</td><td>Gjennomsnittlig tid for hele analysen av ett dokument på denne maskinen (median {{ m.timing.median|num(2) }}, 95-persentil {{ m.timing.p95|num(2) }}).</td></tr>
<tr><td>Dokumenter som feilet</td><td class="n">{{ m.documents.failed }}</td><td>Dokumenter tjenesten ikke kunne lese; de er listet nederst med feilmeldingen saksbehandleren ville fått.</td></tr>
</table>

{% if m.area %}
<h2>Satsingsområde</h2>
<p class="explain">Tallene gjelder søknadene med kjent område (n = {{ m.area.n }}); rapportene vises i oppdelingen etter dokumenttype.
Modellens forslag er området med høyest sannsynlighet, også der tjenesten avstår. Området søkeren selv oppgir, er skjult for modellen.</p>
<table>
<tr><th>Område</th><th>Presisjon</th><th>Treffrate</th><th>F1</th><th>Antall</th></tr>
{% for a in m.area.labels %}{% set v = m.area.per_area[a] %}
<tr><td>{{ a }}</td><td class="n">{{ v.precision|num(2) }}</td><td class="n">{{ v.recall|num(2) }}</td><td class="n">{{ v.f1|num(2) }}</td><td class="n">{{ v.support }}</td></tr>
{% endfor %}
</table>
<p class="explain"><b>Presisjon:</b> av søknadene modellen la i området, andelen som hører hjemme der.
<b>Treffrate:</b> av søknadene som hører hjemme i området, andelen modellen fant. <b>F1:</b> et samlet mål av de to.</p>
{% if img.per_area %}<img src="{{ img.per_area }}" alt="Presisjon, treffrate og F1 per område">{% endif %}
<h3>Forvekslingsmatrise</h3>
<p class="explain">Hver rad er riktig område, hver kolonne modellens forslag; tall utenfor diagonalen er forvekslinger.</p>
{% if img.confusion %}<img src="{{ img.confusion }}" alt="Forvekslingsmatrise">{% endif %}

<h3>Kalibrering</h3>
<p class="explain">En godt kalibrert modell som sier 80 % har rett omtrent 8 av 10 ganger. Søylene viser andelen riktige
for hvert sikkerhetsintervall; jo nærmere diagonalen, jo mer kan saksbehandleren stole på sannsynlighetene.
ECE = {{ m.area.calibration.ece|num }}, Brier = {{ m.area.calibration.brier|num }}.</p>
{% if img.reliability %}<img src="{{ img.reliability }}" alt="Pålitelighetsdiagram">{% endif %}

<h3>Treffsikkerhet mot avståelse</h3>
<p class="explain">Kurven viser hva det koster å la modellen avstå når den er usikker: jo flere dokumenter den overlater
til saksbehandleren, jo oftere har den rett på resten. Den stiplede linjen er tjenestens terskel.</p>
{% if img.abstention %}<img src="{{ img.abstention }}" alt="Treffsikkerhet mot avståelse">{% endif %}
{% endif %}

{% if m.stated %}
<h3>Oppgitt område og avvik</h3>
<p class="explain">Tjenesten leser området søkeren oppgir, og varsler når innholdet leses som et annet område.</p>
<table>
<tr><td>Oppgitt område lest riktig</td><td class="n">{{ m.stated.stated_exact|pct }}</td><td>Andelen dokumenter der området søkeren oppgir (eller at det mangler) ble lest likt fasiten (n = {{ m.stated.n }}).</td></tr>
<tr><td>Avvik i fasiten</td><td class="n">{{ m.stated.gold_mismatches }}</td><td>Søknader der søkerens valgte område ikke passer innholdet.</td></tr>
<tr><td>Avvik varslet</td><td class="n">{{ m.stated.flagged }} ({{ m.stated.flagged_correct }} riktige)</td><td>Varsler om avvik fra tjenesten; presisjon {{ m.stated.mismatch_precision|pct }}, treffrate {{ m.stated.mismatch_recall|pct }}.</td></tr>
</table>
{% endif %}
{% if m.kind_detection %}
<p class="explain">Dokumenttype (søknad, statusrapport, årsrapport, regnskap) gjenkjent riktig: <b>{{ m.kind_detection.accuracy|pct }}</b> (n = {{ m.kind_detection.n }}).</p>
{% endif %}

<h2>Vilkår i utlysningen</h2>
{% if m.checks %}
<p class="explain">For hvert vilkår: hvor ofte tjenesten er enig med fasiten når vilkåret gjelder (oppfylt eller mangel),
hvor mange av fasitens mangler den fant, og hvor ofte den meldte mangel uten grunn (falske mangler).</p>
<table>
<tr><th>Vilkår</th><th>Vurdert</th><th>Samsvar</th><th>Mangler i fasit</th><th>Mangler funnet</th><th>Falske mangler</th><th>Usikker</th><th>«Gjelder ikke» riktig</th></tr>
{% for cid, c in m.checks.per_check.items() %}
<tr><td>{{ cid }}{% if check_titles[cid] %}<br><small>{{ check_titles[cid] }}</small>{% endif %}</td><td class="n">{{ c.n }}</td><td class="n">{{ c.agreement|pct }}</td>
<td class="n">{{ c.gold_gaps }}</td><td class="n">{{ c.gaps_found }} ({{ c.gap_recall|pct }})</td><td class="n">{{ c.false_gaps }}</td><td class="n">{{ c.uncertain }}</td><td class="n">{{ c.na_agreement|pct }}</td></tr>
{% endfor %}
<tr><th>Alle</th><th class="n">{{ m.checks.overall.n }}</th><th class="n">{{ m.checks.overall.agreement|pct }}</th><th class="n">{{ m.checks.overall.gold_gaps }}</th>
<th class="n">{{ m.checks.overall.gaps_found }} ({{ m.checks.overall.gap_recall|pct }})</th><th class="n">{{ m.checks.overall.false_gaps }}</th><th class="n">{{ m.checks.overall.uncertain }}</th><th class="n">{{ m.checks.overall.na_agreement|pct }}</th></tr>
</table>
{% if img.checks %}<img src="{{ img.checks }}" alt="Vilkår: samsvar og mangler funnet">{% endif %}
{% else %}
<p class="note">Analysen ga ingen vilkårsvurderinger for disse dokumentene, så vilkårene er ikke målt.</p>
{% endif %}

<h2>Fakta hentet fra dokumentene</h2>
{% if m.facts %}
<p class="explain">Andelen dokumenter der tjenesten hentet ut faktumet helt likt fasiten («ikke oppgitt» må også stemme).
Samarbeidspartnere måles med F1 mellom navnelistene.</p>
<table>
<tr><th>Faktum</th><th>Antall</th><th>Eksakt riktig</th></tr>
{% for f, v in m.facts.per_fact.items() %}
<tr><td>{{ fact_names.get(f, f) }}</td><td class="n">{{ v.n }}</td><td class="n">{{ v.rate|pct }}</td></tr>
{% endfor %}
<tr><th>Alle</th><th class="n">{{ m.facts.n }}</th><th class="n">{{ m.facts.exact|pct }}</th></tr>
<tr><td>samarbeidspartnere (F1)</td><td class="n">{{ m.facts.partners.n }}</td><td class="n">{{ m.facts.partners.f1_micro|num(2) }}</td></tr>
</table>
{% else %}
<p class="note">Analysen ga ingen fakta for disse dokumentene, så de er ikke målt.</p>
{% endif %}

<h2>Etter forhold</h2>
<p class="explain">De samme tallene for deler av dokumentene: skannede dokumenter (tekst fra tekstgjenkjenning), dokumenter med
OCR-skadet tekst (æ/ø/å ødelagt eller reparert) og ren tekst; skjemaeksport eller brev; og dokumenttype. En del med få dokumenter gir usikre tall.</p>
{% for key, title, names in [("condition", "Skannet, OCR-skadet eller ren tekst", conditions), ("style", "Skjemaeksport eller brev", styles), ("layout", "Oppsett", layouts), ("kind", "Dokumenttype", kinds)] %}
{% set groups = m.breakdown[key] %}
{% if groups %}
<h3>{{ title }}</h3>
<table>
<tr><th>Del</th><th>Dokumenter</th><th>Feilet</th><th>Område riktig</th><th>Macro-F1</th><th>Vilkår i samsvar</th><th>Falske mangler</th><th>Fakta eksakt</th><th>Sekunder</th></tr>
{% for k, g in groups.items() %}
<tr><td>{{ names.get(k, k) }}</td><td class="n">{{ g.documents }}</td><td class="n">{{ g.failed }}</td><td class="n">{{ g.area_accuracy|pct }}</td><td class="n">{{ g.area_macro_f1|num(2) }}</td>
<td class="n">{{ g.check_agreement|pct }}</td><td class="n">{{ g.false_gaps if g.false_gaps is not none else "–" }}</td><td class="n">{{ g.facts_exact|pct }}</td><td class="n">{{ g.seconds_mean|num(2) }}</td></tr>
{% endfor %}
</table>
{% if img["breakdown_" ~ key] %}<img src="{{ img["breakdown_" ~ key] }}" alt="{{ title }}">{% endif %}
{% endif %}
{% endfor %}

<h2>Dokumentene tjenesten tok mest feil på</h2>
<p class="explain">Sortert etter en feilskår: (1 − sannsynligheten modellen ga riktig område) + antall vilkår som avviker
fra fasiten + antall fakta som avviker. Ved hvert avvik vises tjenestens begrunnelse (utdragene den viste) og fasitens utdrag.</p>
{% for e in m.most_wrong %}
<h3>{{ e.file }} <small>(skår {{ e.score|num(2) }}, {{ kinds.get(e.kind, e.kind) }}, {{ conditions.get(e.condition, e.condition) }})</small></h3>
<ul>
{% if e.area %}
<li{% if e.area.predicted != e.area.gold %} class="wrong"{% endif %}>Område: fasit {{ e.area.gold }}, modellen {{ e.area.predicted }} ({{ e.area.probability|pct }}; riktig område fikk {{ e.area.probability_gold|pct }}){% if e.area.stated %}, søkeren oppgir {{ e.area.stated }}{% endif %}{% if e.area.service_predicted is none %}, tjenesten avsto{% endif %}.
{% if e.area.evidence %}<br>Begrunnelse: {% for ev in e.area.evidence %}<span class="ev">«{{ ev.text }}»</span> <small>(s. {{ ev.page }})</small> {% endfor %}{% endif %}</li>
{% endif %}
{% for c in e.checks_wrong or [] %}
<li class="wrong">Vilkår {{ c.id }}: fasit {{ statuses.get(c.gold, c.gold) }}, tjenesten {{ statuses.get(c.predicted, c.predicted) if c.predicted else "ingen vurdering" }}.
{% for ev in c.evidence %}<br>Tjenestens utdrag: <span class="ev">«{{ ev.text }}»</span> <small>(s. {{ ev.page }})</small>{% endfor %}
{% if c.gold_span %}<br>Fasitens utdrag: <span class="ev">«{{ c.gold_span }}»</span>{% endif %}</li>
{% endfor %}
{% for f in e.facts_wrong or [] %}
<li class="wrong">{{ fact_names.get(f.field, f.field) }}: fasit {{ f.gold if f.gold is not none else "ikke oppgitt" }}, tjenesten {{ f.predicted if f.predicted is not none else "ikke funnet" }}.</li>
{% endfor %}
</ul>
{% else %}
<p>Ingen dokumenter med avvik.</p>
{% endfor %}

<h2>De tregeste dokumentene</h2>
<p class="explain">Sekunder for hele analysen av ett dokument (lesing, tekstgjenkjenning ved skann, språk, modell, vilkår).
Totalt {{ m.timing.total|num(1) }} s for {{ m.documents.total }} dokumenter.</p>
<table>
<tr><th>Fil</th><th>Sekunder</th><th>Sider</th><th>Tekstkilde</th><th>Forhold</th></tr>
{% for s in m.timing.slowest %}
<tr><td>{{ s.file }}</td><td class="n">{{ s.seconds|num(2) }}</td><td class="n">{{ s.pages if s.pages is not none else "–" }}</td><td>{{ s.text_source or "–" }}</td><td>{{ conditions.get(s.condition, s.condition) }}{% if s.error %} (feil: {{ s.error }}){% endif %}</td></tr>
{% endfor %}
</table>

{% if m.failures %}
<h2>Dokumenter som ikke kunne analyseres</h2>
<p class="explain">Feilmeldingen er den saksbehandleren ville fått; de andre dokumentene er analysert som vanlig.</p>
<table><tr><th>Fil</th><th>Kode</th><th>Melding</th></tr>
{% for f in m.failures %}<tr><td>{{ f.file }}</td><td>{{ f.code }}</td><td>{{ f.message }}</td></tr>{% endfor %}
</table>
{% endif %}

{% if m.comparison %}
<h2>Modeller side om side</h2>
<p class="explain">De samme dokumentene vurdert av enklere modeller og av den gjeldende modellen. Sammenligningsmodellene
er trent på {{ m.comparison.trained_on }}; området søkeren oppgir er skjult for alle. Søylene viser macro-F1 med 95 % intervall.</p>
<table>
<tr><th>Modell</th><th>Macro-F1</th><th>95 % intervall</th><th>Andel riktige</th><th>Trent på</th><th>Beskrivelse</th></tr>
{% for mod in m.comparison.models %}
<tr><td>{{ mod.name }}</td><td class="n">{{ mod.macro_f1|num }}</td><td class="n">{{ mod.macro_f1_ci95[0]|num(2) }}–{{ mod.macro_f1_ci95[1]|num(2) }}</td><td class="n">{{ mod.accuracy|pct }}</td>
<td class="n">{{ mod.n_train if mod.n_train is not none else "se modellkortet" }}</td><td>{{ mod.description }}</td></tr>
{% endfor %}
</table>
{% if img.compare %}<img src="{{ img.compare }}" alt="Modeller side om side">{% endif %}
{% endif %}

{% if m.learning_curve %}{% set lc = m.learning_curve %}
<h2>Læringskurve: hva flere merkede søknader gir</h2>
<p class="explain">Modellen trent på 4, 8, 16, 32 og alle merkede søknader per område, trukket tilfeldig fra korpusets
train + dev ({{ lc.repeats }} trekninger per punkt), og målt på de samme {{ lc.n_evaluated }} dokumentene.
Punktene er snittet, strekene ± ett standardavvik. Med alle søknadene blir treningen lik hver gang, så den kjøres
én gang; en størrelse over det som finnes, er det samme som «alle». Stiger kurven fortsatt ved «alle», vil flere merkede søknader trolig hjelpe.</p>
<p class="explain">For å holde kjøringen rimelig er innbyggingene beregnet én gang, og trekningene bruker den ukalibrerte
utgaven av modellen med de samme innstillingene (<code>{{ lc.pipeline }}</code>). Kalibreringen (temperaturskalering) endrer bare
sannsynlighetene, ikke hvilket område som får høyest, så macro-F1 blir den samme.
{% if lc.earlier_projects_in_every_fit %}Som i den gjeldende modellen er {{ lc.earlier_projects_in_every_fit }} sammendrag av tidligere prosjekter med i hver trening. {% endif %}
Tilgjengelig per område: {% for a, n in lc.available_per_area.items() %}{{ a }}: {{ n }}{% if not loop.last %}, {% endif %}{% endfor %}.</p>
<table>
<tr><th>Per område</th><th>Treninger</th><th>Macro-F1 (snitt)</th><th>Standardavvik</th><th>Min–maks</th></tr>
{% for p in lc.points %}
<tr><td>{{ p.size }}{% if p.same_as_all %} <small>(= alle)</small>{% endif %}</td><td class="n">{{ p.fits }}</td><td class="n">{{ p.mean|num }}</td><td class="n">{{ p.std|num }}</td><td class="n">{{ p.min|num(2) }}–{{ p.max|num(2) }}</td></tr>
{% endfor %}
</table>
{% if img.learning_curve %}<img src="{{ img.learning_curve }}" alt="Læringskurve">{% endif %}
{% endif %}

{% if m.live and m.live.reviewed %}{% set lv = m.live %}
<h2>Enighet med saksbehandlerne i drift</h2>
<p class="explain">Fra saksbehandlernes rettinger i tjenesten: et område som er bekreftet, teller som enighet; et vilkår
teller som godtatt når saksbehandleren har gått gjennom analysen uten å rette det. {{ lv.reviewed }} gjennomgåtte analyser,
{{ lv.corrections }} registrerte rettinger og bekreftelser.</p>
<table>
<tr><td>Område bekreftet</td><td class="n">{{ lv.area.agreement|pct }}</td><td>{{ lv.area.agreed }} av {{ lv.area.n }}; tjenesten avsto på {{ lv.area.abstained }}.</td></tr>
<tr><td>Vilkår godtatt</td><td class="n">{{ lv.checks.agreement|pct }}</td><td>{{ lv.checks.agreed }} av {{ lv.checks.n }} vurderinger.</td></tr>
</table>
<table><tr><th>Område (saksbehandlerens)</th><th>Gjennomgått</th><th>Enig</th></tr>
{% for a, v in lv.area.per_area.items() %}<tr><td>{{ a }}</td><td class="n">{{ v.n }}</td><td class="n">{{ v.agreement|pct }}</td></tr>{% endfor %}
</table>
{% if img.live %}<img src="{{ img.live }}" alt="Enighet per uke">{% endif %}
{% endif %}

<h2>Om tallene</h2>
<ul class="explain">
<li>Versjoner: {% for k, v in m.versions.items() %}{{ k }} {{ v }}{% if not loop.last %}, {% endif %}{% endfor %}.</li>
{% if m.source.corpus %}<li>Korpuset er skrevet for prosjektet (ingen ekte søknader er offentlige). Tallene på IMDis egne søknader vil trolig være lavere.</li>{% endif %}
<li>Med få dokumenter er tallene usikre: én feil mer eller mindre flytter dem merkbart. Se intervallet for macro-F1.</li>
<li>Alle tall finnes også i <code>metrics.json</code> ved siden av denne rapporten, og figurene som PNG-filer.</li>
</ul>
</body>
</html>
"""
