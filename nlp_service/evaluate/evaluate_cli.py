"""``nlp-service evaluate``: the whole pipeline over labelled documents, one report for evaluators.

    nlp-service evaluate --out REPORT_DIR                              # the corpus test split, as PDFs
    nlp-service evaluate --data DIR --labels FILE --out REPORT_DIR [--split test] [--compare]

Writes ``report.html``, ``metrics.json`` and the figures as PNG into REPORT_DIR. Exit status: 0 when
every document was analysed, 1 when at least one could not be (the report lists it, the others are
evaluated), 2 for a usage error or a labels file that cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "evaluate", help="measure the classifier and the checks on labelled documents; writes report.html",
        description="Run the whole pipeline over labelled documents and write report.html, metrics.json and the "
                    "figures as PNG. Exit status: 0 when every document was analysed, 1 when at least one could not "
                    "be (it is listed in the report), 2 for a usage error or a labels file that cannot be read.")
    p.add_argument("--data", metavar="DIR", help="folder of PDFs or .txt files (archive format); "
                   "default: the corpus split, exported as PDFs into the data folder")
    p.add_argument("--labels", metavar="FILE", help="labels file (.csv or .jsonl) for --data")
    p.add_argument("--out", metavar="REPORT_DIR", required=True, help="where to write the report")
    p.add_argument("--split", metavar="NAME", help="only the documents of this split "
                   "(default: all of --data; 'test' of the corpus without --data)")
    p.add_argument("--compare", action="store_true", help="also compare baseline models and draw a learning curve")
    p.add_argument("--repeats", type=int, default=10, help="draws per learning-curve point (default 10)")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="processes that analyse the documents (default: one per core)")
    p.set_defaults(func=cmd_evaluate)


def cmd_evaluate(args: argparse.Namespace) -> int:
    from nlp_service.config import get_settings
    from nlp_service.evaluate.runner import ArchiveError, corpus_archive, read_archive

    if (args.data is None) != (args.labels is None):
        _log("nlp-service evaluate: --data og --labels må brukes sammen.")
        return 2
    if args.repeats < 1:
        _log("nlp-service evaluate: --repeats må være minst 1.")
        return 2
    if args.workers is not None and args.workers < 1:
        _log("nlp-service evaluate: --workers må være minst 1.")
        return 2
    settings = get_settings()
    try:
        if args.data:
            docs = read_archive(Path(args.data), Path(args.labels), args.split)
            source = {"description": f"{len(docs)} merkede dokumenter fra {args.data}", "data": str(args.data),
                      "labels": str(args.labels), "split": args.split, "corpus": False}
        else:
            split = args.split or "test"
            folder = settings.data_dir / "evaluation" / f"corpus-{split}"
            docs = corpus_archive(folder, split, progress=_log)
            source = {"description": f"korpuset, gjengitt som PDF i sine oppsett ({folder})", "data": str(folder),
                      "split": split, "corpus": True}
    except ArchiveError as exc:
        _log(f"nlp-service evaluate: {exc}")
        return 2
    m = run_evaluation(docs, settings, source=source, compare=args.compare, repeats=args.repeats,
                       workers=args.workers)
    from nlp_service.evaluate.report import write_report

    paths = write_report(m, Path(args.out))
    from nlp_service.evaluate.report import format_number

    area = m.get("area") or {}
    checks = (m.get("checks") or {}).get("overall") or {}
    _log(f"Rapport: {paths['report']}  (macro-F1 {format_number(area.get('macro_f1'))}, "
         f"ECE {format_number((area.get('calibration') or {}).get('ece'))}, "
         f"vilkår i samsvar {format_number(checks.get('agreement'))}, "
         f"fakta eksakt {format_number((m.get('facts') or {}).get('exact'))}, {m['documents']['failed']} feilet)")
    return 1 if m["documents"]["failed"] else 0


def run_evaluation(docs, settings, *, source: dict, compare: bool = False, repeats: int = 10, analyzer=None,
                   workers: int | None = 1) -> dict:
    """Analyse ``docs``, compute every figure, optionally compare models and draw the learning curve,
    and add the live agreement from the store. One Analyzer for the whole run (``analyzer`` when given),
    with ``workers - 1`` helper processes beside it (``None``: one process per core)."""
    from nlp_service.calls import load_call
    from nlp_service.evaluate.live import live_agreement
    from nlp_service.evaluate.runner import DocumentKeepingAnalyzer, analyze_labeled, evaluate_results
    from nlp_service.jobs.runner import available_cores
    from nlp_service.store import Store

    own = analyzer is None
    analyzer = analyzer or DocumentKeepingAnalyzer(settings)
    try:
        _log("Laster modellene ...")
        stages = analyzer.stages  # loaded before the clock starts: seconds per document exclude it
        _log(f"Analyserer {len(docs)} dokumenter ...")
        results = analyze_labeled(docs, analyzer, keep_documents=compare, progress=_log,
                                  workers=available_cores() if workers is None else workers)
        call = load_call(settings.call)
        m = evaluate_results(results, threshold=stages.classifier.threshold, source=source,
                             versions=analyzer.versions())
        m["check_titles"] = {c.id: c.title for c in call.checks}
        if compare:
            from nlp_service.corpus.dataset import load_corpus
            from nlp_service.evaluate.compare import compare_models, evaluation_set, training_pool
            from nlp_service.evaluate.learning_curve import learning_curve

            evaluated, rows = evaluation_set(results, stages)
            if rows:
                evaluated_ids = {r.doc.id for r in results}
                pool = training_pool(stages.encoder, [d for d in load_corpus() if d.split in ("train", "dev")
                                                      and d.id not in evaluated_ids], progress=_log)
                config = stages.classifier.meta["config"]
                _log("Sammenligner modeller ...")
                m["comparison"] = compare_models(pool, evaluated, rows, stages.encoder, call, config)
                _log(f"Læringskurve ({repeats} trekninger per punkt) ...")
                m["learning_curve"] = learning_curve(pool, evaluated, config, repeats=repeats)
            else:
                _log("Ingen analyserte søknader med kjent område: modellsammenligningen hoppes over.")
    finally:
        if own:
            analyzer.close()
    m["live"] = live_agreement(Store(settings))
    return m
