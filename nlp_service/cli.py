"""The command line: ``nlp-service analyze|triage|train|evaluate|serve|users|projects``.

Only JSON lines go to stdout; progress and logs go to stderr. Exit status: 0 when every file was
analysed, 1 when at least one failed (its object still printed with ``error`` set), 2 for usage.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path


#: Libraries whose DEBUG/INFO records carry data: SQLAlchemy logs statements with their parameters (file
#: names, analyses); pdfminer (under pdfplumber) logs the tokens of the PDF it reads.
_QUIET_LOGGERS = ("sqlalchemy", "pdfminer", "multipart", "python_multipart")


def _setup_logging(verbose: bool) -> None:
    """The logging of every command: to stderr at WARNING (INFO with --verbose).

    ``NLP_SERVICE_LOG_LEVEL`` (DEBUG, INFO, WARNING, ...) sets the level and ``NLP_SERVICE_LOG_FILE``
    also appends the records to a file (read here, not in the settings: logging starts first).
    Records never hold document content; the libraries above are held at WARNING at any level.
    """
    level = logging.INFO if verbose else logging.WARNING
    wanted = logging.getLevelName(os.environ.get("NLP_SERVICE_LOG_LEVEL", "").strip().upper() or "-")
    if isinstance(wanted, int):
        level = wanted
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if os.environ.get("NLP_SERVICE_LOG_FILE"):
        handlers.append(logging.FileHandler(os.environ["NLP_SERVICE_LOG_FILE"], encoding="utf-8"))
    logging.basicConfig(level=level, handlers=handlers, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for name in _QUIET_LOGGERS:
        logging.getLogger(name).setLevel(max(level, logging.WARNING))


def _looks_like_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return b"%PDF" in fh.read(1024)
    except OSError:
        return False


def cmd_analyze(args: argparse.Namespace) -> int:
    from nlp_service.analysis import Analyzer

    failed = 0
    with Analyzer() as analyzer:
        if any(_looks_like_pdf(Path(name)) for name in args.files):
            analyzer.warm()  # the models load while the ingest child starts, not after it
        for name in args.files:
            result = analyzer.analyze_path(Path(name))
            if result.error is not None:
                failed += 1
            sys.stdout.write(result.model_dump_json() + "\n")
            sys.stdout.flush()
    return 1 if failed else 0


def cmd_train_checks(args: argparse.Namespace) -> int:
    """``train --checks``: the learned sentence detectors of the checks, from the corpus (settings by grouped
    CV over train + dev, then fitted on train + dev; never the test split)."""
    from nlp_service.calls import load_call
    from nlp_service.checks.learned import detectors_dir
    from nlp_service.checks.train import train_checks
    from nlp_service.config import get_settings
    from nlp_service.corpus.dataset import load_corpus

    settings = get_settings()
    log = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731
    if args.data or args.labels:
        print("nlp-service train --checks: lærer bare fra korpuset (gullspennene); --data/--labels brukes ikke",
              file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else detectors_dir(settings)
    if out is None:
        print("nlp-service train --checks: oppgi --out (sjekkmodellene er slått av i innstillingene)", file=sys.stderr)
        return 2
    encoder = None
    if args.embeddings:
        from nlp_service.classify.features import encoder_for

        encoder = encoder_for(settings)
    exclude = set(args.exclude_tag or [])
    docs = [d for d in load_corpus() if not exclude & set(d.gold.get("tags") or [])]
    card = train_checks(docs, load_call(settings.call), out, encoder=encoder, excluded_tags=exclude, progress=log)
    cv = card["cv"]["rules_plus_detectors"]["ALL"]
    log(f"Lagret i {out}: {len(card['checks'])} sjekker, CV (train+dev) samsvar {cv['agreement']:.3f}, "
        f"funne mangler {cv['gap_recall']:.3f}, {card['train_seconds']} s")
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    if args.checks:
        return cmd_train_checks(args)
    from nlp_service.classify.train import train
    from nlp_service.config import get_settings
    from nlp_service.corpus.dataset import load_archive, load_corpus

    settings = get_settings()
    out = Path(args.out) if args.out else settings.classifier_dir
    if (args.data is None) != (args.labels is None):
        print("nlp-service train: --data og --labels må brukes sammen", file=sys.stderr)
        return 2
    log = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731
    if args.data:
        try:
            docs = load_archive(Path(args.data), Path(args.labels))
        except (OSError, ValueError) as exc:
            print(f"nlp-service train: {exc}", file=sys.stderr)
            return 2
        from nlp_service.analysis import Analyzer

        with Analyzer(settings) as analyzer:
            card = train(docs, settings, out, parse=analyzer.parse, use_extra=args.earlier_projects, progress=log)
    else:
        card = train(load_corpus(), settings, out, use_extra=args.earlier_projects, progress=log)
    t = card["test"]
    log(f"Lagret i {out}: test macro-F1 {t['macro_f1']:.3f}, ECE {t['ece']:.3f}, terskel {t['threshold']:.2f}, "
        f"{card['train_seconds']} s")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nlp-service", description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("analyze", help="analyse PDF files; one JSON object per line on stdout")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("train", help="train the area classifier (or, with --checks, the check detectors)")
    p.add_argument("--checks", action="store_true",
                   help="train the learned sentence detectors of the checks from the corpus instead")
    p.add_argument("--embeddings", action=argparse.BooleanOptionalAction, default=False,
                   help="with --checks: also try e5 sentence embeddings in the cross-validation (slow on CPU)")
    p.add_argument("--exclude-tag", action="append", metavar="TAG",
                   help="with --checks: leave out corpus documents with this tag (repeatable)")
    p.add_argument("--data", metavar="DIR", help="folder of PDFs or .txt files (archive format, see README)")
    p.add_argument("--labels", metavar="FILE", help="labels file, .csv or .jsonl")
    p.add_argument("--out", metavar="DIR", help="where to write the model (default: the configured classifier folder)")
    p.add_argument("--earlier-projects", dest="earlier_projects", action=argparse.BooleanOptionalAction,
                   default=None, help="also learn from the earlier projects' summaries (default: chosen on dev)")
    p.set_defaults(func=cmd_train)

    # Each further command lives beside its code: a module with ``register(subparsers)``.
    import importlib

    for module in _COMMAND_MODULES:
        importlib.import_module(module).register(sub)
    return parser


#: Modules that add their own subcommands (serve, users, projects, triage, evaluate ...).
_COMMAND_MODULES: list[str] = ["nlp_service.serve_cli", "nlp_service.jobs.triage_cli", "nlp_service.evaluate.evaluate_cli",
                               "nlp_service.similarity.projects_cli", "nlp_service.jobs.worker_cli"]


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _setup_logging(args.verbose)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
