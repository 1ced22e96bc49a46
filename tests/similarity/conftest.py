"""The real embedding model and the corpus's earlier-projects index, built once per test session."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def encoder():
    from nlp_service.classify.features import encoder_for
    from nlp_service.config import get_settings

    return encoder_for(get_settings())


@pytest.fixture(scope="session")
def corpus_index_dir(tmp_path_factory, encoder) -> Path:
    """A data folder's index, built from the corpus (210 projects) by ``ProjectIndex.open``; never modified."""
    from nlp_service.similarity.index import ProjectIndex

    folder = tmp_path_factory.mktemp("similarity-index")
    ProjectIndex.open(folder, encoder)
    return folder


@pytest.fixture
def index_dir(tmp_path, corpus_index_dir) -> Path:
    """A copy of the corpus index a test may change."""
    target = tmp_path / "similarity"
    shutil.copytree(corpus_index_dir, target)
    return target


@pytest.fixture(scope="session")
def corpus_index(corpus_index_dir):
    from nlp_service.similarity.index import ProjectIndex

    return ProjectIndex.load(corpus_index_dir)


@pytest.fixture(scope="session")
def similarity_pairs() -> dict[str, dict]:
    out = {}
    for path in sorted((REPO / "corpora" / "similarity").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                q = json.loads(line)
                out[q["id"]] = q
    return out


@pytest.fixture(scope="session")
def embed(encoder):
    """A document's chunk passage embeddings, as the pipeline makes them."""
    from nlp_service.classify.features import prepare_text

    def _embed(text: str) -> np.ndarray:
        return encoder.encode_passages(prepare_text(text).chunks)

    return _embed
