"""The command line: ``nlp-service analyze|triage|train|evaluate|serve|users|projects``.

Only JSON lines go to stdout; progress and logs go to stderr. Exit status: 0 when every file was
analysed, 1 when at least one failed (its object still printed with ``error`` set), 2 for usage.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def cmd_analyze(args: argparse.Namespace) -> int:
    from nlp_service.analysis import Analyzer

    failed = 0
    with Analyzer() as analyzer:
        for name in args.files:
            result = analyzer.analyze_path(Path(name))
            if result.error is not None:
                failed += 1
            sys.stdout.write(result.model_dump_json() + "\n")
            sys.stdout.flush()
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nlp-service", description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("analyze", help="analyse PDF files; one JSON object per line on stdout")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=cmd_analyze)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _setup_logging(args.verbose)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
