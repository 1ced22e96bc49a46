"""Labelled documents: the authored corpus and any archive in the documented format.

Archive format (what IMDi points ``nlp-service train/evaluate --data DIR --labels FILE`` at): a
folder of PDFs (or .txt) and a labels file, CSV or JSONL, with at least ``file`` (relative to DIR)
and ``area`` ("1".."5", empty when unknown), optionally ``kind``, ``split`` and one column per
check id (met / gap / not_applicable). The corpus is exported to this format by ``export_archive``.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from nlp_service.config import PROJECT_ROOT

CORPUS_DIR = PROJECT_ROOT / "corpora"
_CHECK_VALUES = {"met", "gap", "uncertain", "not_applicable"}


@dataclass
class LabeledDoc:
    id: str
    path: Path  # a .pdf or a .txt
    area: str | None
    kind: str = "application"
    split: str | None = None
    stated: str | None = None
    checks: dict[str, str] = field(default_factory=dict)
    gold: dict = field(default_factory=dict)  # the whole gold record, where the corpus has one

    @property
    def is_pdf(self) -> bool:
        return self.path.suffix.lower() == ".pdf"


def markup_to_text(markup: str) -> str:
    """The plain text a reader sees in a rendered corpus document (markup removed)."""
    out = []
    for line in markup.replace("\r\n", "\n").split("\n"):
        s = line.rstrip()
        if s.startswith("## "):
            s = s[3:]
        elif s.startswith("# "):
            s = s[2:]
        elif s.lstrip().startswith("|"):
            cells = [c.strip() for c in s.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                continue
            s = "  ".join(cells)
        out.append(s)
    return "\n".join(out)


def load_splits(root: Path = CORPUS_DIR) -> dict[str, str]:
    path = root / "splits.json"
    return json.loads(path.read_text(encoding="utf-8"))["splits"] if path.exists() else {}


def load_corpus(root: Path = CORPUS_DIR, *, kinds: tuple[str, ...] = ("applications", "reports")) -> list[LabeledDoc]:
    """The authored corpus: every ``<id>.json`` gold file beside its ``<id>.txt`` source."""
    splits = load_splits(root)
    docs = []
    for folder in kinds:
        for gold_path in sorted((root / folder).glob("*.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            checks = {k: v["status"] for k, v in gold.get("checks", {}).items()}
            docs.append(LabeledDoc(
                id=gold["id"], path=gold_path.with_suffix(".txt"), area=gold.get("area"),
                kind=gold.get("kind", "application"), split=splits.get(gold["id"]), stated=gold.get("stated"),
                checks=checks, gold=gold))
    return docs


def load_archive(data_dir: Path, labels: Path) -> list[LabeledDoc]:
    """An archive: a folder of PDFs or .txt files and a CSV or JSONL labels file."""
    rows: list[dict] = []
    if labels.suffix.lower() == ".jsonl":
        for n, line in enumerate(labels.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{labels}: line {n} is not valid JSON ({exc.msg})") from None
    elif labels.suffix.lower() == ".csv":
        with open(labels, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    else:
        raise ValueError(f"{labels}: the labels file must be .csv or .jsonl")
    docs = []
    for n, row in enumerate(rows, start=1):
        if not row.get("file"):
            raise ValueError(f"{labels}: row {n} has no 'file'")
        path = (data_dir / row["file"]).resolve()
        if not str(path).startswith(str(data_dir.resolve())):
            raise ValueError(f"{labels}: row {n} points outside {data_dir}")
        area = str(row.get("area") or "").strip() or None
        checks = {k: str(v) for k, v in row.items() if str(v) in _CHECK_VALUES}
        docs.append(LabeledDoc(id=row.get("id") or Path(row["file"]).stem, path=path, area=area,
                               kind=row.get("kind") or "application", split=row.get("split") or None,
                               stated=(str(row.get("stated") or "").strip() or None), checks=checks, gold=row))
    return docs


def export_archive(docs: list[LabeledDoc], out_dir: Path, *, render: bool = True) -> Path:
    """Write corpus documents as an archive (PDFs rendered in their layouts, labels.jsonl); returns the labels path."""
    from nlp_service.corpus.render import layout_for, render_pdf

    out_dir.mkdir(parents=True, exist_ok=True)
    labels = out_dir / "labels.jsonl"
    with open(labels, "w", encoding="utf-8") as fh:
        for d in docs:
            layout = layout_for(d.id, d.gold.get("style", "letter"))
            if render:
                target = out_dir / f"{d.id}.pdf"
                if not target.exists():
                    applicant = d.gold.get("applicant") or ""
                    header = f"{applicant} – søknad om tilskudd" if d.kind == "application" else applicant
                    target.write_bytes(render_pdf(d.path.read_text(encoding="utf-8"), d.id, layout,
                                                  header=header, footer="Tilskudd til utvikling av kvalifiserings- og integreringstiltak"))
                name = target.name
            else:
                name = d.path.name
            row = {"file": name, "id": d.id, "area": d.area, "kind": d.kind, "split": d.split, "stated": d.stated,
                   "layout": layout.name, "style": d.gold.get("style"), "language": d.gold.get("language"),
                   **d.checks}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return labels
