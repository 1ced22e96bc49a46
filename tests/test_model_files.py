"""The model files: saved with their vocabularies beside them, loaded back the same, and nothing outside
scikit-learn/numpy/scipy runs on load."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
from sklearn.calibration import CalibratedClassifierCV
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from nlp_service.skops_io import dump_trusted, load_trusted, vocabularies_path

TEXTS = ["kommunen dekker egenandel", "egenandel avklares senere", "tjue deltakere i to grupper",
         "minst femten deltakere", "samarbeid med helsestasjonen", "frivilligsentralen rekrutterer",
         "regnskapet er bokført", "budsjettet er vedtatt"] * 3
LABELS = [0, 1, 0, 1, 0, 1, 0, 1] * 3


def _pipeline() -> Pipeline:
    features = ColumnTransformer([("tfidf", TfidfVectorizer(ngram_range=(1, 2)), 0)])
    return Pipeline([("features", features), ("clf", LogisticRegression())])


@pytest.fixture()
def models():
    X = np.array([[t] for t in TEXTS], dtype=object)
    plain = _pipeline().fit(X, LABELS)
    calibrated = CalibratedClassifierCV(_pipeline(), cv=3).fit(X, LABELS)
    return X, {"plain": plain, "calibrated": calibrated}


def test_round_trip_keeps_the_vocabularies_out_of_the_model_file(tmp_path, models):
    X, objs = models
    before = {k: m.predict_proba(X) for k, m in objs.items()}
    path = tmp_path / "model.skops"
    dump_trusted(objs, path)
    # the objects saved are left as they were
    assert all(np.allclose(m.predict_proba(X), before[k]) for k, m in objs.items())
    sidecar = json.loads(vocabularies_path(path).read_text(encoding="utf-8"))["vocabularies"]
    # one vocabulary for the plain pipeline, one per calibration fold
    assert len(sidecar) == 1 + 3 and all("egenandel" in v for v in sidecar.values())
    with zipfile.ZipFile(path) as zf:
        stored = b"".join(zf.read(name) for name in zf.namelist())
    assert b"frivilligsentralen" not in stored and b"helsestasjonen" not in stored
    loaded = load_trusted(path)
    assert set(loaded) == set(objs)
    for k, m in loaded.items():
        assert np.allclose(m.predict_proba(X), before[k]), k


def test_a_model_without_its_vocabularies_is_refused_in_words(tmp_path, models):
    _, objs = models
    path = tmp_path / "model.skops"
    dump_trusted(objs, path)
    vocabularies_path(path).unlink()
    with pytest.raises(ValueError, match="vocabulary .* is missing"):
        load_trusted(path)


def test_a_model_file_holding_other_code_is_refused(tmp_path):
    import skops.io as sio

    path = tmp_path / "model.skops"
    sio.dump({"step": Path("/tmp")}, path)
    with pytest.raises(ValueError, match="refusing to load types"):
        load_trusted(path)


def test_a_vocabulary_file_from_another_model_is_refused(tmp_path, models):
    _, objs = models
    first, second = tmp_path / "a" / "model.skops", tmp_path / "b" / "model.skops"
    first.parent.mkdir(), second.parent.mkdir()
    dump_trusted({"plain": objs["plain"]}, first)
    dump_trusted({"plain": objs["calibrated"]}, second)
    vocabularies_path(second).write_bytes(vocabularies_path(first).read_bytes())
    with pytest.raises(ValueError, match="belongs to another model file"):
        load_trusted(second)


@pytest.mark.parametrize("folder", ["area-classifier", "check-detectors"])
def test_the_committed_models_come_with_their_vocabularies(folder):
    from nlp_service.config import PROJECT_ROOT

    path = PROJECT_ROOT / "models" / folder / "model.skops"
    vocabularies = json.loads(vocabularies_path(path).read_text(encoding="utf-8"))["vocabularies"]
    assert vocabularies and all(len(v) > 100 for v in vocabularies.values())
    load_trusted(path)  # every vectorizer in the file gets its vocabulary back
