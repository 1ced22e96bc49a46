"""Fixtures of the reliability tests: the evaluation scripts imported by path (they are scripts, not a
package). The documents full of personal data are the root conftest's (``pii_files``, ``pii``)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def load_script(name: str):
    """An evaluation script as a module (``evaluation/<name>.py``)."""
    key = f"_evaluation_{name}"
    if key in sys.modules:
        return sys.modules[key]
    spec = importlib.util.spec_from_file_location(key, REPO / "evaluation" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def load_module():
    return load_script
