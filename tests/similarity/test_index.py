"""The earlier-projects index: search with the real model, persistence, adding projects."""

from __future__ import annotations

import json

import numpy as np
import pytest

from nlp_service.similarity.index import EarlierProject, ProjectIndex, corpus_projects, passage_text


@pytest.mark.parametrize("query_id", ["q-ep-a-008", "q-ep-a-021", "q-ep-b-021"])
def test_search_finds_the_project_a_paraphrase_describes(corpus_index, similarity_pairs, embed, query_id):
    # q-ep-a-021 never names the applicant ("En kommune i Agder"): found on content alone
    q = similarity_pairs[query_id]
    hits = corpus_index.search(embed(q["text"]), k=5)
    assert [p.id for p, _ in hits][0] == q["project_id"]
    cosines = [c for _, c in hits]
    assert cosines == sorted(cosines, reverse=True)
    assert all(-1.0 <= c <= 1.0 for c in cosines)


def test_search_takes_the_best_chunk(corpus_index, similarity_pairs, embed):
    # a document's chunks: the project's cosine is the best of them, not a mean
    q = similarity_pairs["q-ep-a-008"]
    chunks = embed(q["text"])
    per_chunk = np.stack([corpus_index.cosines(c) for c in chunks])
    np.testing.assert_allclose(corpus_index.cosines(chunks), per_chunk.max(axis=0), rtol=1e-6)


def test_index_from_an_empty_folder_is_the_corpus(corpus_index_dir, corpus_index):
    assert len(corpus_index) == 210 == len(corpus_projects())
    assert {p.source for p in corpus_index.projects} == {"corpus"}
    assert sorted(p.name for p in corpus_index_dir.iterdir() if not p.name.startswith(".")) == \
        ["embeddings.npy", "projects.json"]
    emb = corpus_index.embeddings
    assert emb.dtype == np.float32 and emb.shape == (210, 384)
    np.testing.assert_allclose(np.linalg.norm(emb, axis=1), 1.0, atol=1e-4)


def test_persistence_round_trip_without_pickle(tmp_path, corpus_index, encoder):
    index = ProjectIndex(corpus_index.projects[:5], corpus_index.embeddings[:5], model=corpus_index.model)
    extra = EarlierProject(id="imp-1", year=2024, applicant="Bodø kommune", title="Språkkafé", area=None,
                           summary="Frivillige driver språkkafé for nyankomne.", source="import")
    index.add([extra], encoder=encoder)
    index.save(tmp_path)
    # plain files: a JSON document and an array that loads with pickle forbidden
    doc = json.loads((tmp_path / "projects.json").read_text(encoding="utf-8"))
    assert doc["count"] == 6 and doc["projects"][-1]["source"] == "import"
    raw = np.load(tmp_path / "embeddings.npy", allow_pickle=False)
    loaded = ProjectIndex.load(tmp_path)
    assert loaded.projects == index.projects
    assert loaded.model == index.model
    np.testing.assert_array_equal(raw, index.embeddings)
    np.testing.assert_array_equal(loaded.embeddings, index.embeddings)
    q = index.embeddings[2]
    assert loaded.search(q, k=3) == index.search(q, k=3)


def test_open_loads_what_is_there_without_embedding(corpus_index_dir, encoder):
    class NoEncoding:
        model_dir = encoder.model_dir

        def encode_passages(self, texts):
            raise AssertionError("the stored embeddings should have been used")

    assert len(ProjectIndex.open(corpus_index_dir, NoEncoding())) == 210


def test_open_embeds_again_for_another_model(tmp_path, corpus_index, encoder):
    projects = corpus_index.projects[:3]
    ProjectIndex(projects, np.eye(3, 384, dtype=np.float32), model="other-model").save(tmp_path)
    index = ProjectIndex.open(tmp_path, encoder)
    assert index.model == corpus_index.model
    assert ((index.embeddings * corpus_index.embeddings[:3]).sum(axis=1) > 0.99).all()
    assert ProjectIndex.load(tmp_path).model == corpus_index.model


def test_load_refuses_files_that_do_not_match(tmp_path, corpus_index):
    ProjectIndex(corpus_index.projects[:3], corpus_index.embeddings[:3]).save(tmp_path)
    np.save(tmp_path / "embeddings.npy", corpus_index.embeddings[:2])
    with pytest.raises(ValueError, match="does not match"):
        ProjectIndex.load(tmp_path)


def test_add_refuses_a_known_id_unless_replacing(corpus_index):
    index = ProjectIndex(corpus_index.projects[:3], corpus_index.embeddings[:3])
    p = corpus_index.projects[0]
    with pytest.raises(ValueError, match="already in the index"):
        index.add([p], corpus_index.embeddings[:1])
    changed = p.model_copy(update={"title": "Ny tittel"})
    index.add([changed], corpus_index.embeddings[5:6], replace=True)
    assert len(index) == 3 and index.get(p.id).title == "Ny tittel"
    np.testing.assert_array_equal(index.embeddings[0], corpus_index.embeddings[5])
    with pytest.raises(ValueError, match="twice"):
        index.add([corpus_index.projects[7], corpus_index.projects[7]], corpus_index.embeddings[:2])


def test_search_edges(corpus_index):
    q = corpus_index.embeddings[10]
    first = corpus_index.search(q, k=1)[0]
    assert first[0].id == corpus_index.projects[10].id and first[1] == pytest.approx(1.0, abs=1e-4)
    hits = corpus_index.search(q, k=3, exclude_ids=[corpus_index.projects[10].id])
    assert corpus_index.projects[10].id not in [p.id for p, _ in hits] and len(hits) == 3
    assert len(corpus_index.search(q, k=1000)) == 210
    assert ProjectIndex().search(q, k=5) == []
    with pytest.raises(ValueError, match="dimension"):
        corpus_index.search(np.ones(10, dtype=np.float32))


def test_passage_text_is_title_and_summary(corpus_index):
    p = corpus_index.projects[0]
    assert passage_text(p) == f"{p.title}\n{p.summary}"
