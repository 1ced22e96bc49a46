"""Evaluate the required-content checks and the facts on the authored corpus.

    python evaluation/eval_checks.py [--split train|dev|train+dev|test|all] [--json PATH] [--call tuki-2025]
                                     [--embeddings | --no-embeddings] [--errors]
                                     [--detectors DIR|none] [--tag TAG] [--exclude-tag TAG]

``--detectors``: the learned check detectors combined with the rules (default: the configured folder,
``models/check-detectors``; ``none`` for the rules alone). ``--tag`` keeps only documents with that gold
tag (e.g. ``other_hands``), ``--exclude-tag`` leaves them out.

Documents are read from their ``.txt`` sources (``markup_to_text`` + ``document_from_text``). The area
the checks are judged in is the *assessed* area: the gold ``stated`` area if the document names one,
else the gold ``area``; the kind is the gold kind. Per check it prints:

- ``n``: documents where the gold status is met or gap (the check applies);
- ``agree``: share of those where the predicted status equals the gold one (``uncertain`` counts as
  disagreement), with its 95 % Wilson interval (on a handful of documents one disagreement moves it a lot);
- ``na_ok``: share of documents with gold ``not_applicable`` that are predicted ``not_applicable``;
- ``gap_recall``: gold gaps predicted ``gap``; ``flagged``: gold gaps predicted ``gap`` or ``uncertain``;
- ``false_gaps``: gold ``met`` predicted ``gap`` (count); ``uncertain``: predicted ``uncertain`` (count).

Per fact: the exact-match rate (participants, own_contribution_nok, requested_nok, duration_years,
applicant_type, applicant; the applicant compared case- and whitespace-insensitively, an Oslo district with or without "Oslo kommune") and, for
partners, the set F1 (micro over documents, and the mean per document).

Tune only on train and dev; the test split is for the final report.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("NLP_SERVICE_DATA_DIR", "/tmp/checks-data")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nlp_service.calls import load_call  # noqa: E402
from nlp_service.checks.engine import CheckEngine  # noqa: E402
from nlp_service.checks.facts import extract_facts  # noqa: E402
from nlp_service.corpus.dataset import CORPUS_DIR, load_corpus, markup_to_text  # noqa: E402
from nlp_service.evaluate.metrics import norm_applicant  # noqa: E402
from nlp_service.ingest.text import document_from_text  # noqa: E402
from nlp_service.language.segment import document_sentences  # noqa: E402

SCALAR_FACTS = ["participants", "own_contribution_nok", "requested_nok", "duration_years"]


def assessed_area(gold: dict) -> str | None:
    return gold.get("stated") or gold.get("area")


def _wilson(k: int, n: int) -> list[float] | None:
    """95 % Wilson interval of k successes in n: how far a figure on a handful of documents can be trusted."""
    if not n:
        return None
    from scipy.stats import binomtest

    ci = binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    return [round(ci.low, 3), round(ci.high, 3)]


def load_encoder(enabled: bool | None):
    if enabled is False:
        return None
    from nlp_service.config import get_settings

    model_dir = get_settings().embedding_model_dir
    if not (Path(model_dir) / "modules.json").is_file():
        if enabled:
            raise SystemExit(f"no embedding model at {model_dir}")
        return None
    from nlp_service.embeddings import Encoder

    return Encoder(Path(model_dir), precision=get_settings().embedding_precision)


def evaluate(split: str, *, call: str = "tuki-2025", encoder=None, errors: bool = False,
             root: Path = CORPUS_DIR, detectors=None, tag: str | None = None, exclude_tag: str | list[str] | None = None) -> dict:
    engine = CheckEngine(load_call(call), encoder=encoder, detectors=detectors)
    docs = [d for d in load_corpus(root) if split == "all" or d.split in split.split("+")]
    if tag:
        docs = [d for d in docs if tag in (d.gold.get("tags") or [])]
    excluded = {exclude_tag} if isinstance(exclude_tag, str) else set(exclude_tag or [])
    if excluded:
        docs = [d for d in docs if not excluded & set(d.gold.get("tags") or [])]
    per_check: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    fact_ok: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    partner = {"tp": 0, "fp": 0, "fn": 0, "doc_f1": []}
    times: list[float] = []
    mistakes: list[str] = []
    for d in docs:
        gold = d.gold
        doc = document_from_text(markup_to_text(d.path.read_text(encoding="utf-8")))
        sentences = document_sentences(doc)
        facts = extract_facts(doc, sentences)
        t0 = time.perf_counter()
        results = engine.run(doc, sentences, area=assessed_area(gold) if d.kind == "application" else gold.get("area"),
                             kind=d.kind, facts=facts)
        times.append(time.perf_counter() - t0)
        predicted = {r.id: r for r in results}
        for cid, g in gold.get("checks", {}).items():
            gs = g["status"]
            r = predicted.get(cid)
            ps = r.status if r else "missing"
            c = per_check[cid]
            if gs == "not_applicable":
                c["n_na"] += 1
                c["na_ok"] += ps == "not_applicable"
            else:
                c["n"] += 1
                c["agree"] += ps == gs
                if gs == "gap":
                    c["gold_gaps"] += 1
                    c["gaps_found"] += ps == "gap"
                    c["flagged"] += ps in ("gap", "uncertain")
                if gs == "met" and ps == "gap":
                    c["false_gaps"] += 1
            c["uncertain"] += ps == "uncertain"
            if ps != gs and errors:
                ev = (r.evidence[0].text[:140] if r and r.evidence else "")
                mistakes.append(f"{d.id:8} {cid:28} gold={gs:14} pred={ps:14} | {ev}")
        # facts
        checks_f = [("applicant_type", gold.get("applicant_type"), facts.applicant_type),
                    ("applicant", norm_applicant(gold.get("applicant")), norm_applicant(facts.applicant))]
        if "facts" in gold:
            for k in SCALAR_FACTS:
                checks_f.append((k, gold["facts"].get(k), getattr(facts, k)))
        for k, gv, pv in checks_f:
            if k in ("applicant", "applicant_type") and gold.get(k) is None:
                continue
            fact_ok[k][0] += gv == pv
            fact_ok[k][1] += 1
            if gv != pv and errors:
                mistakes.append(f"{d.id:8} fact {k:23} gold={gv!r} pred={pv!r}")
        if "facts" in gold:
            gp = {p.lower() for p in gold["facts"].get("partners", [])}
            pp = {p.lower() for p in facts.partners}
            tp = len(gp & pp)
            partner["tp"] += tp
            partner["fp"] += len(pp - gp)
            partner["fn"] += len(gp - pp)
            partner["doc_f1"].append(2 * tp / (len(gp) + len(pp)) if (gp or pp) else 1.0)

    checks_out = {}
    for cid in [c.id for c in engine.call.checks] + sorted(set(per_check) - {c.id for c in engine.call.checks}):
        c = per_check.get(cid)
        if not c:
            continue
        checks_out[cid] = {
            "n": c["n"],
            "agreement": c["agree"] / c["n"] if c["n"] else None,
            "agreement_ci95": _wilson(c["agree"], c["n"]),
            "n_not_applicable": c["n_na"],
            "na_agreement": c["na_ok"] / c["n_na"] if c["n_na"] else None,
            "gold_gaps": c["gold_gaps"],
            "gap_recall": c["gaps_found"] / c["gold_gaps"] if c["gold_gaps"] else None,
            "flagged_recall": c["flagged"] / c["gold_gaps"] if c["gold_gaps"] else None,
            "false_gaps": c["false_gaps"],
            "uncertain": c["uncertain"],
        }
    tot_n = sum(c["n"] for c in per_check.values())
    tot_gaps = sum(c["gold_gaps"] for c in per_check.values())
    facts_out = {k: {"n": v[1], "exact": v[0] / v[1] if v[1] else None} for k, v in fact_ok.items()}
    denom = 2 * partner["tp"] + partner["fp"] + partner["fn"]
    facts_out["partners"] = {"n": len(partner["doc_f1"]),
                             "f1_micro": 2 * partner["tp"] / denom if denom else None,
                             "f1_mean": sum(partner["doc_f1"]) / len(partner["doc_f1"]) if partner["doc_f1"] else None}
    return {
        "split": split, "call": call, "documents": len(docs), "semantic": encoder is not None,
        "detectors": engine.version, "tag": tag, "exclude_tag": exclude_tag,
        "checks": checks_out,
        "overall": {
            "agreement": sum(c["agree"] for c in per_check.values()) / tot_n if tot_n else None,
            "gap_recall": sum(c["gaps_found"] for c in per_check.values()) / tot_gaps if tot_gaps else None,
            "flagged_recall": sum(c["flagged"] for c in per_check.values()) / tot_gaps if tot_gaps else None,
            "false_gaps": sum(c["false_gaps"] for c in per_check.values()),
        },
        "facts": facts_out,
        "runtime_s": {"mean": sum(times) / len(times) if times else None, "max": max(times) if times else None},
        "mistakes": mistakes,
    }


def _f(x) -> str:
    return "   -  " if x is None else f"{x:6.3f}"


def print_report(res: dict) -> None:
    print(f"split={res['split']}  documents={res['documents']}  semantic={res['semantic']}  "
          f"checks={res['detectors']}  tag={res['tag']}  exclude_tag={res['exclude_tag']}")
    print(f"{'check':28} {'n':>4} {'agree':>6} {'95% CI':>13} {'na_ok':>6} {'gaps':>5} {'recall':>6} {'flagd':>6} "
          f"{'falseG':>6} {'unc':>4}")
    for cid, c in res["checks"].items():
        ci = c.get("agreement_ci95")
        ci_text = f"{ci[0]:.2f}-{ci[1]:.2f}" if ci else "-"
        print(f"{cid:28} {c['n']:4d} {_f(c['agreement'])} {ci_text:>13} {_f(c['na_agreement'])} {c['gold_gaps']:5d} "
              f"{_f(c['gap_recall'])} {_f(c['flagged_recall'])} {c['false_gaps']:6d} {c['uncertain']:4d}")
    o = res["overall"]
    print(f"{'ALL':28} {'':4} {_f(o['agreement'])} {'':13} {'':6} {'':5} {_f(o['gap_recall'])} {_f(o['flagged_recall'])} "
          f"{o['false_gaps']:6d}")
    print()
    print(f"{'fact':22} {'n':>4} {'exact':>6}")
    for k, v in res["facts"].items():
        if k == "partners":
            print(f"{'partners (F1 micro/mean)':22} {v['n']:4d} {_f(v['f1_micro'])} {_f(v['f1_mean'])}")
        else:
            print(f"{k:22} {v['n']:4d} {_f(v['exact'])}")
    rt = res["runtime_s"]
    if rt["mean"] is not None:
        print(f"\nchecks runtime per document: mean {rt['mean'] * 1000:.0f} ms, max {rt['max'] * 1000:.0f} ms")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="dev", choices=["train", "dev", "train+dev", "test", "all"])
    ap.add_argument("--json", type=Path, help="write the figures as JSON to this path")
    ap.add_argument("--call", default="tuki-2025")
    emb = ap.add_mutually_exclusive_group()
    emb.add_argument("--embeddings", dest="embeddings", action="store_true", default=None,
                     help="use the semantic detectors (default: when the model folder exists)")
    emb.add_argument("--no-embeddings", dest="embeddings", action="store_false")
    ap.add_argument("--errors", action="store_true", help="list every disagreement")
    ap.add_argument("--detectors", default=None,
                    help="folder of the learned check detectors, or 'none' for the rules alone "
                         "(default: the configured folder, models/check-detectors)")
    ap.add_argument("--tag", help="only documents with this gold tag (e.g. other_hands)")
    ap.add_argument("--exclude-tag", action="append",
                    help="leave out documents with this gold tag (repeatable: the sealed batches)")
    args = ap.parse_args(argv)
    detectors = None
    if args.detectors is None or args.detectors.lower() != "none":
        from nlp_service.checks.learned import CheckDetectors, load_detectors

        detectors = load_detectors() if args.detectors is None else CheckDetectors.load(Path(args.detectors))
        if detectors is not None and detectors.encoder is None and detectors.use_embeddings:
            detectors.encoder = load_encoder(True)
    res = evaluate(args.split, call=args.call, encoder=load_encoder(args.embeddings), errors=args.errors,
                   detectors=detectors, tag=args.tag, exclude_tag=args.exclude_tag)
    print_report(res)
    if args.errors:
        print("\n" + "\n".join(res["mistakes"]))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        out = {k: v for k, v in res.items() if k != "mistakes"}
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
