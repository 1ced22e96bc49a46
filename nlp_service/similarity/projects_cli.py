"""``nlp-service projects import FILE``: add earlier projects (CSV or JSONL) to the persistent index."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def cmd_import(args: argparse.Namespace) -> int:
    from nlp_service.classify.features import encoder_for
    from nlp_service.config import get_settings
    from nlp_service.similarity import ProjectImportError, ProjectIndex, default_index_dir, import_projects

    settings = get_settings()
    index_dir = default_index_dir(settings)
    encoder = encoder_for(settings)
    ProjectIndex.open(index_dir, encoder)  # the corpus's projects first, on a fresh data folder
    try:
        added = import_projects(Path(args.file), index_dir, encoder=encoder, replace=args.replace)
    except (ProjectImportError, OSError) as exc:
        print(f"nlp-service projects import: {exc}", file=sys.stderr)
        return 1
    print(f"{added} tidligere prosjekter lagt til i {index_dir}", file=sys.stderr)
    return 0


def register(subparsers) -> None:  # noqa: ANN001 - argparse's private subparsers action
    p = subparsers.add_parser("projects", help="earlier projects for the similarity search")
    sub = p.add_subparsers(dest="projects_command", required=True)
    imp = sub.add_parser("import", help="add earlier projects from a CSV or JSONL file "
                                        "(id, year, applicant, title, area, summary)")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--replace", action="store_true", help="replace projects with the same id")
    imp.set_defaults(func=cmd_import)
