"""Loading the committed scikit-learn models without running code from the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

#: The only kinds of objects a model file may hold.
TRUSTED_PREFIXES = ("sklearn.", "numpy.", "scipy.")


def load_trusted(path: Path) -> Any:
    """``skops.io.load`` trusting only scikit-learn's, numpy's and scipy's types; any other type in
    the file (a class of someone's code, a function) is refused with ``ValueError``."""
    import skops.io as sio

    untrusted = sio.get_untrusted_types(file=path)
    allowed = [t for t in untrusted if t.startswith(TRUSTED_PREFIXES)]
    refused = sorted(set(untrusted) - set(allowed))
    if refused:
        raise ValueError(f"{path}: refusing to load types outside scikit-learn/numpy/scipy: {refused}")
    return sio.load(path, trusted=allowed)
