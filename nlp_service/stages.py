"""The analysis stages after ingest: classify, check, compare. Each fills its part of the contract."""

from __future__ import annotations

from dataclasses import dataclass

from nlp_service.config import Settings
from nlp_service.ingest.document import Document


@dataclass
class Stages:
    settings: Settings

    @classmethod
    def load(cls, settings: Settings) -> "Stages":
        return cls(settings=settings)

    def versions(self) -> dict[str, str]:
        return {}

    def run(self, doc: Document) -> dict:
        # Filled in as the classifier, the checks and the similarity index land.
        return {"area": None, "checks": None, "facts": None, "similar_projects": None}
