"""The corpus: every gold file is sound, every document renders and reads back, the datasheet's numbers hold."""

from __future__ import annotations

import re
import zlib
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


def _read_back_set(docs):
    """A third of the test-split documents in a text layout, a twelfth of the others, and scans that cover every
    kind and every area.

    A scan costs about 1.7 s to rasterise and OCR against 0.05 s for a text PDF; the OCR path is the same
    for each, so a scan of each kind and of each area (the first by id that brings a new one) shows it on
    every kind of content. ``nlp-service evaluate --split test`` reads every test document, scans included, and
    reports any that fails to read.
    The text documents are chosen by a hash of the id (the same ones each run, and the same share of each new
    batch): every test document and a sixth of the rest had grown to a minute of CI's ten as the corpus passed
    1 750 documents, and the markup of every split is the same (every test document and a third of the rest
    until 1 700 documents; a sixth of the rest until 1 760)."""
    from nlp_service.corpus.render import layout_for

    chosen, kinds_seen, areas_seen = [], set(), set()
    for doc in sorted(docs, key=lambda d: d.id):
        if layout_for(doc.id, doc.gold.get("style", "letter")).name != "scan":
            if zlib.crc32(doc.id.encode()) % (3 if doc.split == "test" else 12) == 0:
                chosen.append(doc)
        elif doc.kind not in kinds_seen or doc.area not in areas_seen:
            kinds_seen.add(doc.kind)
            areas_seen.add(doc.area)
            chosen.append(doc)
    return chosen


def test_a_share_of_each_split_and_scans_of_every_kind_and_area_render_and_read_back(tmp_path, sandbox, make_sandbox):
    """The documents of ``_read_back_set`` (text layouts, and scans of every kind and of every area) through the
    renderer and the real ingest.

    Two sandboxes read side by side (each its own child process), so the test takes about half the time
    on CI's two cores; the documents and the checks on each are the same as one after the other."""
    docs = _read_back_set(DOCS)
    labels = export_archive(docs, tmp_path)
    archive = {d.id: d for d in load_archive(tmp_path, labels)}
    assert set(archive) == {d.id for d in docs}
    layouts = {archive[d.id].gold.get("layout") for d in docs}
    assert {"scan", "form", "letter", "two_column", "ocr_damaged"} <= layouts
    scans = [d for d in docs if archive[d.id].gold.get("layout") == "scan"]
    assert {d.kind for d in scans} == {d.kind for d in DOCS} and {d.area for d in scans} == set("12345")
    second = make_sandbox()
    halves = [docs[0::2], docs[1::2]]

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


def test_later_documents_are_split_by_the_hash_of_their_id_and_never_split_again():
    """corpora/README.md's rule for documents added after the first 150 applications and 35 reports."""
    import json

    from nlp_service.corpus.dataset import CORPUS_DIR
    from nlp_service.corpus.splits import assign, hashed_split

    splits = json.loads((CORPUS_DIR / "splits.json").read_text(encoding="utf-8"))["splits"]
    later = {i: s for i, s in splits.items()
             if int(i.split("-")[1]) >= (31 if i.startswith("a") else 8)}
    assert len(later) > 400
    assert {i: hashed_split(i) for i in later} == later
    with pytest.raises(ValueError, match="already have a split"):
        assign("other_hands_10")
