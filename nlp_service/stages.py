"""The analysis stages after ingest: classify, check, compare. Each fills its part of the contract.

Models load once per process (the embedding model, the area classifier, the call definition, the
earlier-projects index); every document then runs through the same objects.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from nlp_service.config import Settings
from nlp_service.contract import AreaResult, Evidence
from nlp_service.ingest.document import Document

log = logging.getLogger(__name__)


@dataclass
class Stages:
    settings: Settings
    encoder: object
    classifier: object
    extra: dict = field(default_factory=dict)

    @classmethod
    def load(cls, settings: Settings) -> "Stages":
        from nlp_service.classify.features import encoder_for
        from nlp_service.classify.model import AreaClassifier

        encoder = encoder_for(settings)
        classifier = AreaClassifier.load(settings.classifier_dir)
        return cls(settings=settings, encoder=encoder, classifier=classifier)

    def versions(self) -> dict[str, str]:
        return {"area_model": str(self.classifier.meta.get("trained", "?")),
                "embedding_model": self.settings.embedding_model_dir.name}

    def classify(self, doc: Document) -> tuple[AreaResult, object]:
        from nlp_service.classify.features import document_vectors, feature_matrix
        from nlp_service.classify.prepare import prepare_document

        prepared, stated = prepare_document(doc)
        X = feature_matrix([prepared], document_vectors([prepared], self.encoder))
        pred = self.classifier.predict(X, [prepared])[0]
        matches = None
        if pred.predicted is not None and stated.area is not None:
            matches = pred.predicted == stated.area
        area = AreaResult(
            predicted=pred.predicted, stated=stated.area, matches_stated=matches,
            probabilities={k: round(v, 4) for k, v in pred.probabilities.items()}, uncertain=pred.uncertain,
            evidence=[Evidence(page=p, text=t) for p, t in pred.evidence],
        )
        return area, prepared

    def run(self, doc: Document) -> dict:
        area, _ = self.classify(doc)
        return {"area": area.model_dump(), "checks": None, "facts": None, "similar_projects": None}
