"""Validation of the corpus gold files and the datasheet's counts (used by the tests and corpora/README.md)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from nlp_service.corpus.dataset import CORPUS_DIR, load_corpus

APPLICATION_CHECKS = ("egenandel", "minst_ti_deltakere", "tidligere_prosjekter", "overforingsverdi",
                      "ikke_ordinaer_drift", "riktig_soker", "laereplan_fov", "deltakerstonad_maks_1g",
                      "lokalt_saerpreg", "samarbeidspartnere", "tverrfaglig_samarbeid", "ikke_behandling",
                      "dialog_offentlige_aktorer", "involvering_sivilsamfunn")
REPORT_CHECKS = {"status_report": ("status_fremdrift",), "annual_report": ("rapport_maloppnaelse", "rapport_bruk_av_tilskudd"),
                 "accounts": ("regnskap_inntekter_utgifter", "regnskap_godkjent")}
AREA_CHECKS = {"laereplan_fov": "1", "deltakerstonad_maks_1g": "1", "lokalt_saerpreg": "2", "samarbeidspartnere": "2",
               "tverrfaglig_samarbeid": "2", "ikke_behandling": "2", "dialog_offentlige_aktorer": "4",
               "involvering_sivilsamfunn": "5"}
STATUSES = {"met", "gap", "not_applicable"}
APPLICANT_TYPES = {"kommune", "fylkeskommune", "bydel", "other"}
# The tags corpora/AUTHORING.md defines; "other_hands" marks documents by a later author who did not see the detectors,
# "other_hands_2" to "other_hands_51" later batches by authors who saw neither the detectors nor any results.
TAGS = {"mismatch", "hard_case", "out_of_scope", "keyword_trap", "no_stated_area", "other_hands", "other_hands_2",
        "other_hands_3", "other_hands_4", "other_hands_5", "other_hands_6",
        "other_hands_7", "other_hands_8", "other_hands_9",
        "other_hands_10", "other_hands_11", "other_hands_12",
        "other_hands_13", "other_hands_14", "other_hands_15",
        "other_hands_16", "other_hands_17", "other_hands_18",
        "other_hands_19", "other_hands_20", "other_hands_21",
        "other_hands_22", "other_hands_23",
        "other_hands_24", "other_hands_25",
        "other_hands_26", "other_hands_27", "other_hands_28",
        "other_hands_29", "other_hands_30", "other_hands_31",
        "other_hands_32", "other_hands_33", "other_hands_34", "other_hands_35", "other_hands_36",
        "other_hands_37", "other_hands_38", "other_hands_39", "other_hands_40", "other_hands_41", "other_hands_42", "other_hands_43", "other_hands_44", "other_hands_45", "other_hands_46", "other_hands_47", "other_hands_48", "other_hands_49", "other_hands_50", "other_hands_51"}


def validate_gold(gold: dict, text: str) -> list[str]:
    """Problems with one gold record against its text; empty when it is sound."""
    problems = []
    kind = gold.get("kind")
    if gold.get("area") not in {"1", "2", "3", "4", "5"}:
        problems.append("area must be '1'..'5'")
    if gold.get("stated") not in {None, "1", "2", "3", "4", "5"}:
        problems.append("stated must be '1'..'5' or null")
    if gold.get("applicant_type") not in APPLICANT_TYPES:
        problems.append("applicant_type")
    if not gold.get("applicant"):
        problems.append("applicant missing")
    unknown_tags = set(gold.get("tags", [])) - TAGS
    if unknown_tags:
        problems.append(f"unknown tags {sorted(unknown_tags)}")
    checks = gold.get("checks", {})
    expected = APPLICATION_CHECKS if kind == "application" else tuple(c for cs in REPORT_CHECKS.values() for c in cs)
    if kind not in ("application", *REPORT_CHECKS):
        problems.append(f"kind {kind!r}")
    for check in expected:
        if check not in checks:
            problems.append(f"check {check} missing")
            continue
        status, span = checks[check].get("status"), checks[check].get("span")
        if status not in STATUSES:
            problems.append(f"{check}: status {status!r}")
        if status == "met" and (not span or span not in text or "\n" in span):
            problems.append(f"{check}: met span not an exact one-line substring")
    if kind == "application":
        assessed = gold.get("stated") or gold.get("area")
        for check, area in AREA_CHECKS.items():
            status = checks.get(check, {}).get("status")
            if area != assessed and status != "not_applicable":
                problems.append(f"{check}: must be not_applicable in area {assessed}")
        facts = gold.get("facts", {})
        for key in ("participants", "own_contribution_nok", "requested_nok", "duration_years"):
            if facts.get(key) is not None and not isinstance(facts[key], int):
                problems.append(f"facts.{key} must be an integer or null")
        if not isinstance(facts.get("partners", []), list):
            problems.append("facts.partners must be a list")
    else:
        for check in expected:
            if check not in REPORT_CHECKS[kind] and checks.get(check, {}).get("status") != "not_applicable":
                problems.append(f"{check}: not a check of {kind}")
    return problems


def datasheet_counts(root: Path = CORPUS_DIR) -> dict:
    docs = load_corpus(root)
    apps = [d for d in docs if d.kind == "application"]
    reports = [d for d in docs if d.kind != "application"]
    counts = {
        "applications": len(apps), "reports": len(reports),
        "per_area": dict(sorted(Counter(d.area for d in apps).items())),
        "per_kind": dict(sorted(Counter(d.kind for d in docs).items())),
        "per_style": dict(sorted(Counter(d.gold.get("style") for d in apps).items())),
        "per_language": dict(sorted(Counter(d.gold.get("language") for d in apps).items())),
        "per_split": dict(sorted(Counter(d.split for d in docs).items())),
        "mismatch": sum(1 for d in apps if d.stated and d.stated != d.area),
        "no_stated": sum(1 for d in apps if not d.stated),
        "tags": dict(sorted(Counter(t for d in apps for t in d.gold.get("tags", [])).items())),
        "checks": {},
    }
    for check in APPLICATION_CHECKS + tuple(c for cs in REPORT_CHECKS.values() for c in cs):
        c = Counter(d.checks.get(check) for d in docs if d.checks.get(check) in ("met", "gap"))
        if c:
            counts["checks"][check] = {"met": c["met"], "gap": c["gap"],
                                       "gap_share": round(c["gap"] / (c["met"] + c["gap"]), 2)}
    projects = [json.loads(line) for p in sorted((root / "earlier_projects").glob("*.jsonl"))
                for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    pairs = [line for p in sorted((root / "similarity").glob("*.jsonl"))
             for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    counts["earlier_projects"] = len(projects)
    counts["earlier_projects_per_year"] = dict(sorted(Counter(p["year"] for p in projects).items()))
    counts["earlier_projects_per_area"] = dict(sorted(Counter(p["area"] for p in projects).items()))
    counts["similarity_pairs"] = len(pairs)
    return counts


def datasheet_markdown(root: Path = CORPUS_DIR) -> str:
    """The counts section of corpora/README.md (regenerate with ``python -m nlp_service.corpus.validate``)."""
    c = datasheet_counts(root)

    def table(title: str, data: dict) -> str:
        rows = "\n".join(f"| {k} | {v} |" for k, v in data.items())
        return f"| {title} | n |\n| --- | --- |\n{rows}\n"

    checks = "\n".join(f"| `{k}` | {v['met']} | {v['gap']} | {v['gap_share']:.0%} |" for k, v in c["checks"].items())
    return f"""Applications: **{c['applications']}**; reports: **{c['reports']}**; earlier projects: **{c['earlier_projects']}**;
paraphrase pairs (an application-style text and the earlier project it describes): **{c['similarity_pairs']}**.
Stated area differs from the content's area in **{c['mismatch']}** applications; **{c['no_stated']}** name no area.

{table('area (content)', c['per_area'])}
{table('kind', c['per_kind'])}
{table('style (applications)', c['per_style'])}
{table('language (applications)', c['per_language'])}
{table('split (all documents)', c['per_split'])}
{table('tag (applications)', c['tags'])}
{table('earlier projects by year', c['earlier_projects_per_year'])}
{table('earlier projects by 2025 area', c['earlier_projects_per_area'])}
| check | met | gap | gap share |
| --- | --- | --- | --- |
{checks}
"""


if __name__ == "__main__":
    print(datasheet_markdown())
