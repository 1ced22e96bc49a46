"""The analysis stages after ingest: classify, check, compare. Each fills its part of the contract.

Models load once per process (the embedding model, the area classifier, the call definition, the
check engine, the earlier-projects index); every document then runs through the same objects. The
document's chunk embeddings are computed once and shared by the classifier and the similarity search.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy as np

from nlp_service.config import Settings
from nlp_service.contract import AreaResult, Evidence
from nlp_service.ingest.document import Document

log = logging.getLogger(__name__)


def rounded_probabilities(probabilities: dict[str, float], digits: int = 4) -> dict[str, float]:
    """The probabilities to ``digits`` decimals, still summing to 1 as the contract says: what rounding takes from
    the sum (at most a few units in the last decimal) is given back to the most probable area."""
    out = {k: round(v, digits) for k, v in probabilities.items()}
    if out:
        top = max(out, key=out.get)
        out[top] = round(out[top] + 1.0 - sum(out.values()), digits)
    return out


@dataclass
class Stages:
    settings: Settings
    encoder: object
    classifier: object
    call: object
    engine: object
    index: object
    calibration: object
    seen: list = field(default_factory=list)  # fingerprints of this process's documents, for duplicates

    @classmethod
    def load(cls, settings: Settings) -> "Stages":
        from nlp_service.calls import load_call
        from nlp_service.checks.engine import CheckEngine
        from nlp_service.checks.learned import load_detectors
        from nlp_service.classify.features import encoder_for
        from nlp_service.classify.model import AreaClassifier
        from nlp_service.similarity import ProjectIndex, default_index_dir, load_calibration

        encoder = encoder_for(settings)
        classifier = AreaClassifier.load(settings.classifier_dir)
        call = load_call(settings.call)
        # The rules and the learned sentence detectors (models/check-detectors, loaded once): the
        # semantic detectors of the call file stay off; with the embedding model they changed no result
        # on the dev or test split and cost seconds a document (see the checks' evaluation).
        detectors = load_detectors(settings, encoder=encoder)
        engine = CheckEngine(call, encoder=None, detectors=detectors)
        index = ProjectIndex.open(default_index_dir(settings), encoder)
        return cls(settings=settings, encoder=encoder, classifier=classifier, call=call, engine=engine,
                   index=index, calibration=load_calibration())

    def versions(self) -> dict[str, str]:
        return {"area_model": str(self.classifier.meta.get("trained", "?")),
                "embedding_model": self.settings.embedding_model_dir.name,
                "call": f"{self.call.id}@{self.call.version}",
                "checks": self.engine.version}

    def area_names(self) -> dict[str, list[str]]:
        return {a.number: [a.name] for a in self.call.areas}

    def classify(self, doc: Document, parsed_pages: list | None = None):
        """The area result, the prepared text and the chunk embeddings of one document."""
        from nlp_service.classify.features import feature_matrix, mean_vector
        from nlp_service.classify.prepare import prepare_document

        prepared, stated = prepare_document(doc, self.area_names(), {a.number for a in self.call.areas},
                                            parsed_pages=parsed_pages)
        chunks = self.encoder.encode_passages(prepared.chunks) if prepared.chunks \
            else np.zeros((0, 384), dtype=np.float32)
        X = feature_matrix([prepared], mean_vector(chunks)[None, :])
        pred = self.classifier.predict(X, [prepared])[0]
        matches = None
        if pred.predicted is not None and stated.area is not None:
            matches = pred.predicted == stated.area
        area = AreaResult(
            predicted=pred.predicted, stated=stated.area, matches_stated=matches,
            probabilities=rounded_probabilities(pred.probabilities), uncertain=pred.uncertain,
            evidence=[Evidence(page=p, text=t) for p, t in pred.evidence],
        )
        return area, prepared, chunks

    def run(self, doc: Document, *, doc_id: str | None = None) -> dict:
        from nlp_service.checks.facts import extract_facts
        from nlp_service.language.segment import document_sentences, parse_pages
        from nlp_service.similarity import Fingerprint, duplicates_by_document, find_duplicates, similar_projects

        parsed = parse_pages(doc)  # one spaCy pass, shared by the classifier and the checks
        area, prepared, chunks = self.classify(doc, parsed)
        sentences = document_sentences(doc, parsed_pages=parsed)
        facts = extract_facts(doc, sentences)
        # The assessed area: the one the applicant chose, else the one the content reads as.
        assessed = area.stated or area.predicted
        if assessed is None and area.probabilities:
            assessed = max(area.probabilities, key=area.probabilities.get)
        checks = self.engine.run(doc, sentences, area=assessed, kind=doc.kind, facts=facts)
        similar = similar_projects(self.index, chunks, applicant=facts.applicant, calibration=self.calibration)
        duplicates = None
        if doc_id is not None:
            fp = Fingerprint.of(doc_id, doc.text, applicant=facts.applicant, vectors=chunks)
            pairs = find_duplicates([fp], stored=self.seen)
            duplicates = duplicates_by_document(pairs).get(doc_id, [])
            self.seen = [f for f in self.seen if f.id != doc_id] + [fp]
        return {
            "area": area.model_dump(),
            "checks": [c.model_dump() for c in checks],
            "facts": facts.model_dump(),
            "similar_projects": [p.model_dump() for p in similar],
            "duplicates": duplicates,
        }
