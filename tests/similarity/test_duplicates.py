"""Near-duplicates: a text sent again, and one project sent by two applicants."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from nlp_service.corpus.dataset import markup_to_text
from nlp_service.similarity.duplicates import DuplicatePair, Fingerprint, duplicates_by_document, find_duplicates

APPLICATIONS = Path(__file__).resolve().parents[2] / "corpora" / "applications"


def _application(doc_id: str) -> tuple[str, str]:
    gold = json.loads((APPLICATIONS / f"{doc_id}.json").read_text(encoding="utf-8"))
    return gold["applicant"], markup_to_text((APPLICATIONS / f"{doc_id}.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def documents() -> dict[str, tuple[str, str]]:
    return {i: _application(i) for i in ("a2-001", "a2-016", "a5-005", "a5-007")}


def _copy_for(applicant: str, text: str, new_applicant: str, seed: int = 3) -> str:
    """Another applicant's copy: names replaced, paragraphs reordered, every fifth sentence dropped."""
    swapped = text.replace(applicant, new_applicant).replace(applicant.split()[0], new_applicant.split()[0])
    paras = swapped.split("\n\n")
    head, rest = paras[:2], paras[2:]
    random.Random(seed).shuffle(rest)
    sentences = ". ".join(head + rest).split(". ")
    return ". ".join(s for k, s in enumerate(sentences) if k % 5 != 3)


def test_the_same_text_sent_again(documents):
    applicant, text = documents["a2-001"]
    again = "\n".join(line.upper() + "  " for line in text.split("\n"))  # extracted again: case, spaces, breaks
    pairs = find_duplicates([Fingerprint.of("ny", again, applicant=applicant),
                             Fingerprint.of("gammel", text, applicant=applicant)])
    assert len(pairs) == 1
    p = pairs[0]
    assert (p.a, p.b, p.kind, p.jaccard, p.same_applicant) == ("ny", "gammel", "same_text", 1.0, True)
    assert "sendt inn på nytt" in p.reason


def test_a_lightly_edited_text_sent_again(documents):
    applicant, text = documents["a2-001"]
    words = text.split(" ")
    edited = " ".join(w for k, w in enumerate(words) if k % 150 != 7)  # a word in 150 gone
    pairs = find_duplicates([text, edited])  # bare texts: ids are their positions
    assert [(p.a, p.b, p.kind) for p in pairs] == [("0", "1", "near_copy")]
    assert pairs[0].jaccard >= 0.9 and "nesten like" in pairs[0].reason


def test_the_same_project_from_another_applicant(documents, embed):
    applicant, text = documents["a2-001"]
    copy = _copy_for(applicant, text, "Narvik kommune")
    original = Fingerprint.of("bergen", text, applicant=applicant, vectors=embed(text))
    other = Fingerprint.of("narvik", copy, applicant="Narvik kommune", vectors=embed(copy))
    pairs = find_duplicates([other], stored=[original])
    assert len(pairs) == 1
    p = pairs[0]
    assert p.kind == "same_project_other_applicant" and p.same_applicant is False and p.b_stored
    assert "to ulike søkere" in p.reason and "Narvik kommune" in p.reason and applicant in p.reason
    # by the embeddings alone (no text given): a copy with the names replaced is alike chunk by chunk
    swapped = text.replace(applicant, "Narvik kommune").replace(applicant.split()[0], "Narvik")
    by_vectors = find_duplicates([Fingerprint.of("narvik", applicant="Narvik kommune", vectors=embed(swapped))],
                                 stored=[Fingerprint.of("bergen", applicant=applicant, vectors=original.vectors)])
    assert [(q.kind, q.jaccard) for q in by_vectors] == [("same_project_other_applicant", None)]
    assert by_vectors[0].chunk_cosine >= 0.95 and "avsnitt for avsnitt" in by_vectors[0].reason


def test_different_projects_are_not_duplicates(documents, embed):
    # the closest pairs of the corpus by mean embedding, from different applicants
    fps = [Fingerprint.of(i, t, applicant=a, vectors=embed(t)) for i, (a, t) in documents.items()]
    assert find_duplicates(fps) == []


def test_the_same_applicants_new_version_is_not_flagged_by_content(documents, embed):
    applicant, text = documents["a5-005"]
    copy = _copy_for(applicant, text, applicant)  # same applicant, rewritten: only text rules apply
    pairs = find_duplicates([Fingerprint.of("v2", copy, applicant=applicant, vectors=embed(copy)),
                             Fingerprint.of("v1", text, applicant=applicant, vectors=embed(text))])
    assert all(p.kind != "same_project_other_applicant" for p in pairs)


def test_entries_per_document_and_fingerprint_json(documents):
    applicant, text = documents["a2-016"]
    fp = Fingerprint.of("lagret", text, applicant=applicant, vectors=np.eye(2, 384, dtype=np.float32))
    again = Fingerprint.from_dict(json.loads(json.dumps(fp.to_dict())))
    assert again.id == fp.id and again.text_sha256 == fp.text_sha256 and again.applicant == applicant
    np.testing.assert_array_equal(again.minhash, fp.minhash)
    np.testing.assert_array_equal(again.vectors, fp.vectors)
    pairs = find_duplicates([text, text], stored=[again])
    assert {(p.a, p.b, p.b_stored) for p in pairs} == {("0", "1", False), ("0", "lagret", True), ("1", "lagret", True)}
    entries = duplicates_by_document(pairs)
    assert set(entries) == {"0", "1"}  # stored documents get no entries of their own
    assert {e["id"] for e in entries["0"]} == {"1", "lagret"}
    assert all(isinstance(DuplicatePair(**{**p.model_dump()}), DuplicatePair) for p in pairs)


def test_nothing_to_compare():
    assert find_duplicates([]) == []
    assert find_duplicates(["", "   "]) == []  # no words: no text to compare
