"""similar_projects: the nearest projects, scored, and every earlier project of the same applicant."""

from __future__ import annotations

import pytest

from nlp_service.contract import Analysis, SimilarProject
from nlp_service.similarity.applicants import applicant_key, same_applicant
from nlp_service.similarity.compare import similar_projects
from nlp_service.similarity.scoring import load_calibration


@pytest.mark.parametrize("name", ["Bodø kommune", "BODØ KOMMUNE", "Bodø", "Bodo kommune", "bodø  kommune.",
                                  "Flyktningtjenesten i Bodø kommune", "Bodø kommune, flyktningtjenesten",
                                  "Bodø kommune v/ Kari Nilsen", "Bodø kommune (org.nr. 972 418 013)"])
def test_spellings_of_one_applicant_share_a_key(name):
    assert applicant_key(name) == "bodo"


def test_keys_keep_applicants_apart():
    assert applicant_key("Vestland fylkeskommune") == applicant_key("VESTLAND FYLKE") == "vestland fylkeskommune"
    assert applicant_key("Bydel Alna") == applicant_key("Alna bydel") == applicant_key("Oslo kommune, bydel Alna")
    assert applicant_key("Voss herad") == applicant_key("Voss kommune")
    assert not same_applicant("Troms og Finnmark fylkeskommune", "Finnmark fylkeskommune")
    assert not same_applicant("Bydel Alna", "Oslo kommune")
    assert not same_applicant("Bodø kommune", "Bodø fylkeskommune")
    assert not same_applicant(None, None) and not same_applicant("", "Bodø")
    assert applicant_key("  ") is None


def test_same_applicant_projects_are_flagged_and_listed_beyond_the_nearest(corpus_index, similarity_pairs, embed):
    q = similarity_pairs["q-ep-a-008"]  # a Tromsø project, by the text
    bodo = {p.id for p in corpus_index.projects if applicant_key(p.applicant) == "bodo"}
    assert len(bodo) == 5
    out = similar_projects(corpus_index, embed(q["text"]), applicant="BODØ KOMMUNE, Flyktningtjenesten")
    assert all(isinstance(s, SimilarProject) for s in out)
    top, rest = out[:5], out[5:]
    assert top[0].id == q["project_id"] and not top[0].same_applicant
    assert [s.score for s in top] == sorted((s.score for s in top), reverse=True)
    assert {s.id for s in out if s.same_applicant} == bodo
    assert all(s.same_applicant for s in rest) and {s.id for s in rest} == bodo - {s.id for s in top}
    assert all(0.0 <= s.score <= 1.0 for s in out)
    # it fills the contract's field
    Analysis(file="x.pdf", sha256="0" * 64, document=None, area=None, checks=None, facts=None,
             similar_projects=out)


def test_scores_and_very_similar_follow_the_calibration(corpus_index, similarity_pairs, embed):
    cal = load_calibration()
    q = similarity_pairs["q-ep-b-021"]
    out = similar_projects(corpus_index, embed(q["text"]), applicant=None, calibration=cal, k=5)
    assert len(out) == 5 and not any(s.same_applicant for s in out)
    for s in out:
        assert s.very_similar == (s.score >= cal.very_similar)
    assert out[0].id == q["project_id"] and out[0].very_similar
    assert not any(s.very_similar for s in out[1:])


def test_exclude_ids_and_the_cap_on_the_applicants_projects(corpus_index, embed, similarity_pairs):
    q = similarity_pairs["q-ep-a-002"]  # a Bodø project
    out = similar_projects(corpus_index, embed(q["text"]), applicant="Bodø kommune", k=2,
                           max_same_applicant=1, exclude_ids=[q["project_id"]])
    assert q["project_id"] not in {s.id for s in out}
    assert len(out) <= 3 and sum(s.same_applicant for s in out[2:]) == len(out[2:]) <= 1
