"""Saving and loading the committed scikit-learn models without running code from the file.

A text vectorizer's vocabulary (tens of thousands of terms) would be stored by skops as one node per term, and
auditing and loading those nodes took most of a process's start-up (about 6 s of 8 s for the two models). The
vocabularies are therefore kept beside the model file in a JSON file (``<model>.vocabularies.json``: terms and
column numbers, nothing that runs, and the sha256 of the model file it belongs to) and put back into their
vectorizers on load.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any, Iterator

#: The only kinds of objects a model file may hold.
TRUSTED_PREFIXES = ("sklearn.", "numpy.", "scipy.")


def vocabularies_path(path: Path) -> Path:
    """The JSON file beside ``path`` that holds its vectorizers' vocabularies."""
    return path.with_name(path.stem + ".vocabularies.json")


def _vectorizers(obj: Any, where: str = "", seen: set[int] | None = None) -> Iterator[tuple[str, Any]]:
    """Every fitted text vectorizer inside ``obj`` (pipelines, column transformers, calibrated classifiers,
    dicts and lists of them), each with a path that names where it sits; the same walk after a load finds
    the same paths."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(getattr(obj, "vocabulary_", None), dict) and type(obj).__module__.startswith("sklearn."):
        yield where, obj
        return
    if isinstance(obj, dict):
        for key in sorted(obj, key=str):
            yield from _vectorizers(obj[key], f"{where}[{key!r}]", seen)
    elif isinstance(obj, (list, tuple)):
        for i, item in enumerate(obj):
            yield from _vectorizers(item, f"{where}[{i}]", seen)
    elif type(obj).__module__.startswith("sklearn.") and hasattr(obj, "__dict__"):
        for name in sorted(vars(obj)):
            yield from _vectorizers(vars(obj)[name], f"{where}.{name}", seen)


def dump_trusted(obj: Any, path: Path) -> None:
    """``skops.io.dump`` with each vectorizer's vocabulary in ``vocabularies_path(path)`` instead of the file
    (and without ``stop_words_``, which scikit-learn keeps only for introspection). ``obj`` is left as it was."""
    import skops.io as sio

    found = list(_vectorizers(obj))
    vocabularies = {where: {term: int(col) for term, col in vec.vocabulary_.items()} for where, vec in found}
    for _, vec in found:
        if hasattr(vec, "stop_words_"):
            del vec.stop_words_
        vec.vocabulary_ = {}
    try:
        sio.dump(obj, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    finally:
        for where, vec in found:
            vec.vocabulary_ = vocabularies[where]
    sidecar = vocabularies_path(path)
    if vocabularies:
        # tied to this model file by its hash; written beside it and renamed, so a save cut short leaves no
        # half-written file under the name
        payload = {"model_sha256": hashlib.sha256(Path(path).read_bytes()).hexdigest(), "vocabularies": vocabularies}
        tmp = sidecar.with_name(sidecar.name + ".tmp")
        tmp.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        tmp.replace(sidecar)
    elif sidecar.exists():
        sidecar.unlink()


def load_trusted(path: Path) -> Any:
    """``skops.io.load`` trusting only scikit-learn's, numpy's and scipy's types; any other type in
    the file (a class of someone's code, a function) is refused with ``ValueError``. The vocabularies
    come back from their JSON file; a model whose vectorizers need one that is missing is refused too."""
    import skops.io as sio

    data = Path(path).read_bytes()  # read once: the types audited, the object loaded and the hash are of one file
    untrusted = sio.get_untrusted_types(data=data)
    allowed = [t for t in untrusted if t.startswith(TRUSTED_PREFIXES)]
    refused = sorted(set(untrusted) - set(allowed))
    if refused:
        raise ValueError(f"{path}: refusing to load types outside scikit-learn/numpy/scipy: {refused}")
    obj = sio.loads(data, trusted=allowed)
    sidecar = vocabularies_path(path)
    vocabularies = {}
    if sidecar.exists():
        payload = json.loads(sidecar.read_text(encoding="utf-8"))
        if payload.get("model_sha256") != hashlib.sha256(data).hexdigest():
            raise ValueError(f"{path}: {sidecar.name} belongs to another model file (saved apart); save the model again")
        vocabularies = payload["vocabularies"]
    for where, vec in _vectorizers(obj):
        if where in vocabularies:
            vec.vocabulary_ = vocabularies[where]  # JSON: terms to int column numbers
            idf = getattr(vec, "idf_", None)
            if idf is not None and len(idf) != len(vec.vocabulary_):
                raise ValueError(f"{path}: the vocabulary of {where or 'the model'} does not fit its model")
        elif not vec.vocabulary_:
            raise ValueError(f"{path}: the vocabulary of {where or 'the model'} is missing ({sidecar.name})")
    return obj
