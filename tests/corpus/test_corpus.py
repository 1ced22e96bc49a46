"""The corpus: every gold file is sound, every document renders and reads back, the datasheet's numbers hold."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from nlp_service.corpus.dataset import export_archive, load_archive, load_corpus, markup_to_text
from nlp_service.corpus.validate import datasheet_counts, validate_gold

DOCS = load_corpus()


@pytest.mark.parametrize("doc", DOCS, ids=[d.id for d in DOCS])
def test_gold_is_sound(doc):
    assert validate_gold(doc.gold, doc.path.read_text(encoding="utf-8")) == []
    assert doc.split in {"train", "dev", "test"}


def test_datasheet_numbers_meet_the_issue():
    c = datasheet_counts()
    assert c["applications"] >= 150 and all(n >= 25 for n in c["per_area"].values()) and len(c["per_area"]) == 5
    assert c["per_language"].get("nn", 0) >= 5
    assert c["mismatch"] >= 10
    assert c["tags"].get("hard_case", 0) >= 15
    assert c["reports"] >= 30 and c["earlier_projects"] >= 200 and c["similarity_pairs"] >= 40
    keyword_traps = c["tags"].get("keyword_trap", 0)
    assert keyword_traps >= 30
    for check, figures in c["checks"].items():
        assert figures["gap_share"] >= 0.2, check


def test_every_document_renders_and_reads_back(tmp_path, sandbox, make_sandbox):
    """Every document through the renderer (their layouts, scans included) and the real ingest.

    Two sandboxes read side by side (each its own child process), so the test takes about half the time
    on CI's two cores; the documents and the checks on each are the same as one after the other."""
    labels = export_archive(DOCS, tmp_path)
    archive = {d.id: d for d in load_archive(tmp_path, labels)}
    assert set(archive) == {d.id for d in DOCS}
    second = make_sandbox()
    halves = [DOCS[0::2], DOCS[1::2]]

    def read(pair):
        box, docs = pair
        failures = []
        for doc in docs:
            parsed = box.parse(archive[doc.id].path.read_bytes())
            want = re.sub(r"\s+", " ", markup_to_text(doc.path.read_text(encoding="utf-8"))).lower()
            got = re.sub(r"\s+", " ", parsed.text).lower()
            # The first words of the document's body come through (OCR and damage repair allowed a little slack).
            probe = " ".join(w for w in re.findall(r"[a-zæøå]{6,}", want)[:40])
            found = sum(1 for w in probe.split() if w in got)
            if found < 0.7 * len(probe.split()):
                failures.append((doc.id, archive[doc.id].gold.get("layout"), found, len(probe.split())))
            if parsed.kind != doc.kind and archive[doc.id].gold.get("layout") != "scan":
                failures.append((doc.id, "kind", parsed.kind, doc.kind))
        return failures

    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(read, zip((sandbox, second), halves)))
    finally:
        second.close()
    assert [f for part in results for f in part] == []
