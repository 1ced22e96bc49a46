"""``nlp-service projects import FILE``: earlier projects from a CSV or JSONL file into the index.

Columns (CSV header or JSON keys): ``id``, ``year``, ``applicant``, ``title``, ``area``, ``summary``
are required (``area`` may be empty when unknown, else "1".."5"); ``applicant_type`` (kommune,
fylkeskommune, bydel, other) and ``area_name`` are optional; other columns are ignored. CSV may be
separated by comma, semicolon or tab (as spreadsheets save it), UTF-8 with or without BOM.

The whole file is checked first: any problem stops the import, nothing is added, and the error
names every line with a problem (up to 20). Ids already in the index are a problem too, unless
``replace=True``.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
from pathlib import Path

from pydantic import ValidationError

from nlp_service.similarity.index import EarlierProject, ProjectIndex

__all__ = ["import_projects", "read_projects", "ProjectImportError"]

REQUIRED = ("id", "year", "applicant", "title", "area", "summary")
APPLICANT_TYPES = ("kommune", "fylkeskommune", "bydel", "other")
MAX_LISTED = 20


class ProjectImportError(ValueError):
    """The file cannot be imported; ``problems`` lists each, as ``(line number or None, message)``."""

    def __init__(self, path: Path, problems: list[tuple[int | None, str]]) -> None:
        self.path = Path(path)
        self.problems = problems
        lines = [f"  {'linje ' + str(n) if n else 'filen'}: {msg}" for n, msg in problems[:MAX_LISTED]]
        if len(problems) > MAX_LISTED:
            lines.append(f"  ... og {len(problems) - MAX_LISTED} problemer til")
        super().__init__(f"{self.path.name}: kan ikke importeres, ingenting er lagt til.\n" + "\n".join(lines))


def _rows(path: Path) -> tuple[list[tuple[int, dict]], list[tuple[int | None, str]]]:
    """(line number, row) of a .csv or .jsonl file, line numbers as an editor shows them; and the
    lines that are no row at all."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ProjectImportError(path, [(None, "filen finnes ikke")]) from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise ProjectImportError(path, [(line, "teksten er ikke UTF-8; lagre filen som UTF-8")]) from None
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        rows, problems = [], []
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append((n, f"ugyldig JSON ({exc.msg}, kolonne {exc.colno})"))
                continue
            if not isinstance(row, dict):
                problems.append((n, "hver linje må være et JSON-objekt"))
                continue
            rows.append((n, row))
        return rows, problems
    if suffix == ".csv":
        first = text.split("\n", 1)[0]
        delimiter = max(",;\t", key=first.count)
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        header = [h.strip().lower() for h in reader.fieldnames or []]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise ProjectImportError(path, [(1, f"overskriftslinjen mangler kolonnen {', '.join(missing)} "
                                                f"(fant: {', '.join(header) or 'ingen'})")])
        reader.fieldnames = header
        rows = []
        for row in reader:
            # the row's first line: where it ends, less the line breaks inside quoted cells
            cells = [v for v in row.values() if isinstance(v, str)] + list(row.get(None) or [])
            line = reader.line_num - sum(v.count("\n") for v in cells)
            if None in row:  # more cells than the header has columns
                row.pop(None)
                rows.append((line, {"__extra_cells__": True, **row}))
            elif any((v or "").strip() for v in row.values()):
                rows.append((line, row))
        return rows, []
    raise ProjectImportError(path, [(None, f"filtypen {path.suffix or '(ingen)'} støttes ikke; bruk .csv eller .jsonl")])


def _project(row: dict, source: str) -> tuple[EarlierProject | None, list[str]]:
    problems = []
    if row.pop("__extra_cells__", False):
        problems.append("flere celler enn kolonner i overskriftslinjen (mangler det anførselstegn rundt en tekst med skilletegn?)")
    values = {k.strip().lower(): (v.strip() if isinstance(v, str) else v) for k, v in row.items() if k}
    for col in REQUIRED:
        if col not in values:
            problems.append(f"mangler feltet «{col}»")
        elif col != "area" and values[col] in (None, ""):
            problems.append(f"feltet «{col}» er tomt")
    year = values.get("year")
    if year not in (None, ""):
        try:
            year = int(str(year).strip())
            if not 1990 <= year <= 2100:
                problems.append(f"årstallet {year} er utenfor 1990-2100")
        except ValueError:
            problems.append(f"«year» må være et årstall, ikke «{year}»")
    area = values.get("area")
    area = None if area in (None, "") else str(area).strip()
    if area is not None:
        m = re.fullmatch(r"([1-5])(?:\s*[-–:.]\s*.*)?", area)
        if m:
            area = m.group(1)
        else:
            problems.append(f"«area» må være et satsingsområde 1-5 (eller tomt), ikke «{area}»")
    atype = values.get("applicant_type") or None
    if atype is not None and str(atype).lower() not in APPLICANT_TYPES:
        problems.append(f"«applicant_type» må være en av {', '.join(APPLICANT_TYPES)}, ikke «{atype}»")
    for col in ("id", "applicant", "title", "summary", "area_name"):
        if values.get(col) is not None and not isinstance(values[col], str):
            problems.append(f"feltet «{col}» må være tekst")
    if problems:
        return None, problems
    try:
        project = EarlierProject(
            id=values["id"], year=year, applicant=values["applicant"], title=values["title"], area=area,
            area_name=values.get("area_name") or None, summary=values["summary"],
            applicant_type=str(atype).lower() if atype else None, source=source)
    except ValidationError as exc:
        return None, [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
    return project, []


def read_projects(path: Path, *, source: str = "import") -> list[tuple[int, EarlierProject]]:
    """The projects of a file with their line numbers; :class:`ProjectImportError` lists every problem."""
    path = Path(path)
    rows, problems = _rows(path)
    out: list[tuple[int, EarlierProject]] = []
    first_line: dict[str, int] = {}
    for n, row in rows:
        project, errs = _project(row, source)
        problems += [(n, e) for e in errs]
        if project is None:
            continue
        if project.id in first_line:
            problems.append((n, f"id «{project.id}» står også på linje {first_line[project.id]}"))
            continue
        first_line[project.id] = n
        out.append((n, project))
    if not out and not problems:
        problems.append((None, "filen har ingen prosjekter"))
    if problems:
        raise ProjectImportError(path, sorted(problems, key=lambda p: p[0] or 0))
    return out


@contextlib.contextmanager
def _locked(index_dir: Path):
    """One writer at a time in ``index_dir`` (an advisory lock; no-op where fcntl is missing)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".lock", "w") as fh:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            yield
            return
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def import_projects(path: Path, index_dir: Path, *, encoder=None, replace: bool = False, source: str = "import") -> int:
    """Add the projects of a CSV or JSONL file to the index in ``index_dir``; returns how many were added.

    The index starts from the corpus's projects when the folder has none. Raises
    :class:`ProjectImportError` (a ``ValueError``) naming each line with a problem; then nothing is added.
    """
    rows = read_projects(Path(path), source=source)
    index_dir = Path(index_dir)
    if encoder is None:
        from nlp_service.classify.features import encoder_for
        from nlp_service.config import get_settings

        encoder = encoder_for(get_settings())
    with _locked(index_dir):
        index = ProjectIndex.open(index_dir, encoder)
        if not replace:
            known = [(n, f"id «{p.id}» finnes allerede i indeksen (bruk replace for å erstatte)")
                     for n, p in rows if p.id in index]
            if known:
                raise ProjectImportError(Path(path), known)
        added = index.add([p for _, p in rows], encoder=encoder, replace=replace)
        index.save(index_dir)
    return added
