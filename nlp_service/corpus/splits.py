"""The fixed train/dev/test split of documents added to the corpus after its first 150 applications and 35 reports.

A new batch is split by the sha256 of each document's id (corpora/README.md): the split cannot be chosen by looking
at a document, and a batch measured once before it is split keeps that measurement clean.

    python -m nlp_service.corpus.splits other_hands_11            # what the batch would get
    python -m nlp_service.corpus.splits other_hands_11 --write    # add it to corpora/splits.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

from nlp_service.corpus.dataset import CORPUS_DIR


def hashed_split(doc_id: str) -> str:
    """sha256 of the id (hex digest as an integer) modulo 10: 0-5 train, 6-7 dev, 8-9 test."""
    m = int(hashlib.sha256(doc_id.encode()).hexdigest(), 16) % 10
    return "train" if m <= 5 else "dev" if m <= 7 else "test"


def batch_ids(tag: str, root: Path = CORPUS_DIR) -> list[str]:
    """Ids of the corpus documents whose gold carries ``tag``."""
    ids = []
    for kind in ("applications", "reports"):
        for path in sorted((root / kind).glob("*.json")):
            if tag in json.loads(path.read_text(encoding="utf-8")).get("tags", []):
                ids.append(path.stem)
    return ids


def assign(tag: str, root: Path = CORPUS_DIR, *, write: bool = False) -> dict[str, str]:
    """The split of each document tagged ``tag``; with ``write``, added to splits.json. A document that already has
    a split is an error: a split once given is never changed."""
    path = root / "splits.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    added = {doc_id: hashed_split(doc_id) for doc_id in batch_ids(tag, root)}
    taken = sorted(set(added) & set(data["splits"]))
    if taken:
        raise ValueError(f"these documents already have a split: {', '.join(taken)}")
    if write and added:
        data["splits"] = dict(sorted({**data["splits"], **added}.items()))
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return added


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("tag", help="the batch's gold tag, e.g. other_hands_11")
    p.add_argument("--write", action="store_true", help="add the batch to corpora/splits.json")
    args = p.parse_args(argv)
    try:
        added = assign(args.tag, write=args.write)
    except ValueError as e:
        print(f"splits: {e}", file=sys.stderr)
        return 2
    counts = Counter(added.values())
    print(f"{len(added)} documents: " + ", ".join(f"{s} {counts[s]}" for s in ("train", "dev", "test")))
    print("test: " + ", ".join(sorted(i for i, s in added.items() if s == "test")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
