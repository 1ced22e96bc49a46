"""The learned check detectors: trained on a small real subset of the corpus they must separate held-out
sentences and documents; the policy that combines them with the rules never hides a gap the rules found;
the committed model loads, changes the engine's version and keeps the keyword traps as gaps."""

from __future__ import annotations

import numpy as np
import pytest

from nlp_service.calls import load_call
from nlp_service.checks.engine import CheckEngine
from nlp_service.checks.facts import extract_facts
from nlp_service.checks.learned import CheckDetectors, detectors_dir, load_detectors, span_sentences
from nlp_service.checks.train import _auc, combined_status, doc_scores, fit_detector, prepare_records
from nlp_service.contract import CheckResult, Evidence
from nlp_service.corpus.dataset import load_corpus, markup_to_text
from nlp_service.ingest.text import document_from_text
from nlp_service.language.segment import document_sentences

CHECK = "overforingsverdi"


@pytest.fixture(scope="module")
def call():
    return load_call("tuki-2025")


@pytest.fixture(scope="module")
def subset(call):
    """60 train-split and 30 dev-split applications of the corpus, read and run through the rules."""
    docs = [d for d in load_corpus(kinds=("applications",)) if "other_hands" not in (d.gold.get("tags") or [])]
    train = [d for d in docs if d.split == "train"][:60]
    held = [d for d in docs if d.split == "dev"][:30]
    engine = CheckEngine(call)
    return prepare_records(train, engine, progress=lambda m: None), prepare_records(held, engine, progress=lambda m: None)


@pytest.fixture(scope="module")
def small_model(subset):
    train, _ = subset
    return fit_detector(train, CHECK, "met", C=10.0, use_embeddings=False)


def test_gold_spans_are_found_among_the_sentences(subset):
    train, _ = subset
    met = [r for r in train if r.gold[CHECK][0] == "met"]
    found = sum(1 for r in met if span_sentences(r.sentences, r.gold[CHECK][1]))
    assert found >= 0.9 * len(met)


def test_a_detector_trained_on_a_small_subset_separates_held_out_sentences(subset, small_model):
    _, held = subset
    pos, neg = [], []
    for r in held:
        if r.gold[CHECK][0] != "met":
            continue
        p = doc_scores(small_model, r, use_embeddings=False)
        span = set(span_sentences(r.sentences, r.gold[CHECK][1]))
        for i, v in enumerate(p):
            if len(r.sentences[i].lemmas) >= 3:
                (pos if i in span else neg).append(v)
    assert len(pos) >= 10
    auc = _auc(pos, neg)
    assert auc is not None and auc >= 0.9, auc


def test_the_best_sentence_separates_held_out_documents(subset, small_model):
    _, held = subset
    met = [doc_scores(small_model, r, False).max() for r in held if r.gold[CHECK][0] == "met"]
    gap = [doc_scores(small_model, r, False).max() for r in held if r.gold[CHECK][0] == "gap"]
    assert met and gap
    assert _auc(met, gap) >= 0.8


def _result(status: str) -> CheckResult:
    return CheckResult(id=CHECK, status=status, message="regel", rule="r",
                       evidence=[Evidence(page=1, text="Regelens setning.")])


def _detectors(signal: str) -> CheckDetectors:
    cfg = {"signal": "met", "veto": 0.3, "decide": 0.5} if signal == "met" else {"signal": "gap", "flag": 0.7,
                                                                                "decide": 0.5}
    return CheckDetectors(estimators={CHECK: None}, meta={"settings": {"use_embeddings": False},
                                                           "checks": {CHECK: cfg}})


def test_the_policy_never_turns_a_rule_gap_into_met():
    sentences = document_sentences(document_from_text("Modellen deles med andre kommuner. Den publiseres åpent."))
    for signal in ("met", "gap"):
        det = _detectors(signal)
        for scores in (np.array([0.99, 0.99]), np.array([0.0, 0.0])):
            r = det.combine(_result("gap"), scores, sentences, gap_message="mangel", met_message="oppfylt")
            assert r.status == "gap" and r.message == "regel"
            assert combined_status("gap", float(scores.max()), det.meta["checks"][CHECK]) == "gap"


def test_a_rule_met_without_a_sentence_that_reads_as_met_becomes_a_gap_with_evidence():
    sentences = document_sentences(document_from_text("Prosjektet har overføringsverdi. Vi starter i mars."))
    det = _detectors("met")
    r = det.combine(_result("met"), np.array([0.1, 0.05]), sentences, gap_message="mangel", met_message="oppfylt")
    assert r.status == "gap" and r.message == "mangel"
    # the rule's sentence and the nearest thing the detector found
    assert [e.text for e in r.evidence] == ["Regelens setning.", "Prosjektet har overføringsverdi."]
    kept = det.combine(_result("met"), np.array([0.9, 0.05]), sentences, gap_message="mangel", met_message="oppfylt")
    assert kept.status == "met" and kept.evidence[0].text == "Regelens setning."
    decided = det.combine(_result("uncertain"), np.array([0.9, 0.05]), sentences, gap_message="mangel",
                          met_message="oppfylt")
    assert decided.status == "met" and decided.evidence[0].text == "Prosjektet har overføringsverdi."


def test_a_forbid_signal_flags_the_sentence_that_breaks_the_condition():
    sentences = document_sentences(document_from_text("Vi søker lønn til faste stillinger. Resten er kurs."))
    det = _detectors("gap")
    r = det.combine(_result("met"), np.array([0.8, 0.1]), sentences, gap_message="mangel", met_message="oppfylt")
    assert r.status == "gap" and r.evidence[0].text == "Vi søker lønn til faste stillinger."
    assert det.combine(_result("met"), np.array([0.6, 0.1]), sentences, gap_message="mangel",
                       met_message="oppfylt").status == "met"


def test_saved_detectors_load_without_running_code_and_score_the_same(tmp_path, subset, small_model):
    _, held = subset
    det = CheckDetectors(estimators={CHECK: small_model},
                         meta={"trained": "test", "settings": {"use_embeddings": False},
                               "checks": {CHECK: {"signal": "met", "veto": 0.2, "decide": 0.5}}})
    det.save(tmp_path)
    loaded = CheckDetectors.load(tmp_path)
    r = held[0]
    np.testing.assert_allclose(loaded.sentence_scores(r.sentences)[CHECK], det.sentence_scores(r.sentences)[CHECK])


# ------------------------------------------------------------------ the committed model


@pytest.fixture(scope="module")
def committed():
    det = load_detectors()
    if det is None:
        pytest.fail(f"no committed check detectors in {detectors_dir()}: run `nlp-service train --checks`")
    return det


def test_the_committed_model_changes_the_engine_version(call, committed):
    assert CheckEngine(call).version != CheckEngine(call, detectors=committed).version
    assert committed.meta["checks"], "at least one check has a detector"
    for cid in committed.meta["checks"]:
        assert call.check(cid)  # every detector belongs to a check of the call


TRAPS = {
    "egenandel": ("Egenandel: 0 kr\n\nVi ønsker full finansiering av prosjektet fra IMDi.", "5"),
    "involvering_sivilsamfunn": ("Deltakelse i kursene er frivillig, og frivillig deltakelse er viktig for oss. "
                                 "Kommunen gjennomfører alle aktivitetene selv.", "5"),
    "tidligere_prosjekter": ("Vi har ikke tidligere gjennomført prosjekter med tilskudd fra IMDi. "
                             "Dette er vårt første prosjekt på feltet.", "5"),
}


@pytest.mark.parametrize("check_id", sorted(TRAPS))
def test_keyword_traps_stay_gaps_with_the_committed_detectors(call, committed, check_id):
    body, area = TRAPS[check_id]
    markup = f"# Søknad om tilskudd\n\nSøker: Voss kommune\nAntall deltakere: 16\n\n## Om tiltaket\n\n{body}\n"
    doc = document_from_text(markup_to_text(markup))
    sentences = document_sentences(doc)
    facts = extract_facts(doc, sentences)
    rules = {r.id: r for r in CheckEngine(call).run(doc, sentences, area=area, kind="application", facts=facts)}
    both = {r.id: r for r in CheckEngine(call, detectors=committed).run(doc, sentences, area=area,
                                                                         kind="application", facts=facts)}
    assert rules[check_id].status == "gap"
    assert both[check_id].status == "gap"


@pytest.mark.parametrize("sentence, want", [
    # the model reads these as ordinary operation (they share its words); the call's learned_unless keeps them met
    ("Det søkes ikke om lønn til ordinære stillinger i enhetene.", "met"),
    ("Det søkes ikke om midler til lønn for eksisterende ansatte.", "met"),
    ("Tilskuddet skal ikke brukes til å dekke ordinære stillinger eller drift i tjenestene.", "met"),
    # what it is there for: asking for the existing staff's pay is flagged
    ("Vi søker om midler til å dekke lønn for eksisterende ansatte i flyktningtjenesten.", "gap"),
    # "ikke lenger" (no longer) is the reason for the request, not a promise to keep ordinary operation apart
    ("Kommunen har ikke lenger budsjett til lønn for eksisterende ansatte i flyktningtjenesten, og vi søker derfor "
     "om tilskudd til å dekke den.", "gap"),
])
def test_the_learned_detector_cannot_flag_a_sentence_that_keeps_ordinary_operation_apart(call, committed, sentence,
                                                                                        want):
    markup = ("# Søknad om tilskudd\n\nSøker: Voss kommune\nAntall deltakere: 16\n\n## Om tiltaket\n\nVi vil prøve ut "
              "en ny modell for arbeidsrettet norskopplæring med praksis i kommunale enheter.\n\n## Budsjett\n\n"
              + sentence + "\n")
    doc = document_from_text(markup_to_text(markup))
    sentences = document_sentences(doc)
    facts = extract_facts(doc, sentences)
    results = {r.id: r for r in CheckEngine(call, detectors=committed).run(doc, sentences, area="1",
                                                                            kind="application", facts=facts)}
    assert results["ikke_ordinaer_drift"].status == want


def test_detectors_with_sentence_embeddings_train_save_load_and_run_in_the_engine(tmp_path, call, subset):
    """The e5 path (``train --checks --embeddings``): real embeddings from the project's encoder."""
    from nlp_service.checks.train import embed_records
    from nlp_service.classify.features import encoder_for
    from nlp_service.config import get_settings

    encoder = encoder_for(get_settings())
    train, held = subset
    few = train[:12]
    embed_records(few, encoder, progress=lambda m: None)
    est = fit_detector(few, CHECK, "met", C=3.0, use_embeddings=True)
    assert est is not None
    det = CheckDetectors(estimators={CHECK: est},
                         meta={"trained": "e5-test", "settings": {"use_embeddings": True},
                               "checks": {CHECK: {"signal": "met", "veto": 0.0, "decide": 0.5}}})
    det.save(tmp_path)
    loaded = CheckDetectors.load(tmp_path)
    loaded.encoder = encoder  # the engine embeds the sentences itself when none are passed
    r = held[0]
    scores = loaded.sentence_scores(r.sentences)[CHECK]
    assert scores.shape == (len(r.sentences),) and 0.0 <= scores.min() and scores.max() <= 1.0
    doc = document_from_text(markup_to_text(
        "# Søknad\n\nSøker: Voss kommune\n\nVi lager en veileder som deles gratis med andre kommuner.\n"))
    sentences = document_sentences(doc)
    results = {x.id: x for x in CheckEngine(call, detectors=loaded).run(
        doc, sentences, area="5", kind="application", facts=extract_facts(doc, sentences))}
    assert results[CHECK].status in ("met", "gap")
    loaded.encoder = None
    with pytest.raises(ValueError):
        loaded.sentence_scores(r.sentences)


def test_detectors_of_another_call_are_not_used(committed):
    from pathlib import Path

    other = load_call(Path(__file__).resolve().parent / "second_call.yaml")
    assert other.id != "tuki-2025"
    assert CheckEngine(other, detectors=committed).detectors is None
    assert CheckEngine(load_call("tuki-2025"), detectors=committed).detectors is committed


def test_a_check_keeps_its_own_signal_unless_the_other_is_clearly_better():
    from nlp_service.checks.train import SIGNAL_MARGIN, choose_signal

    # a forbid check learns what breaks it: 0.9952 against 0.9968 is a tie, not a reason to switch
    assert choose_signal({"gap": 0.9952, "met": 0.9968}, "gap") == "gap"
    assert choose_signal({"gap": 0.80, "met": 0.80 + SIGNAL_MARGIN + 0.01}, "gap") == "met"
    assert choose_signal({"met": 0.9}, "gap") == "met"  # too few gap spans to learn from
    assert choose_signal({"met": 0.7, "gap": 0.95}, "met") == "gap"


def _fig(n: int, right: int, gaps: int, found: int) -> dict:
    return {"n": n, "agreement": right / n, "gold_gaps": gaps, "gap_recall": found / gaps if gaps else None}


def test_a_detector_is_kept_only_when_it_wins_by_a_margin_of_documents():
    """A one-document difference on the later authors' documents is a tie (session 5 saw such choices flip
    between retrains); two more right with no gap lost, or two more gaps found with no document lost, keeps
    the detector; two documents lost drops it; tied on every side, the detector only if it finds more gaps on
    the later authors' documents without losing a document there."""
    from nlp_service.checks.train import MIN_GAIN_DOCS, keep_detector

    assert MIN_GAIN_DOCS == 2
    rules, later, every = _fig(30, 25, 8, 4), "later authors", "all train+dev"
    assert keep_detector([(rules, _fig(30, 27, 8, 6), later)]).startswith("detector")
    assert keep_detector([(rules, _fig(30, 25, 8, 6), later)]).startswith("detector")  # +2 gaps, 2 false flags
    assert keep_detector([(rules, _fig(30, 26, 8, 5), later)]).startswith("detector (tie")  # +1 gap, none lost
    assert keep_detector([(rules, _fig(30, 26, 8, 4), later)]) == "tie"  # one more right, no more gaps: rules
    assert keep_detector([(rules, _fig(30, 24, 8, 5), later)]) == "tie"  # a gap more but a document lost
    assert keep_detector([(rules, _fig(30, 23, 8, 5), later)]).startswith("rules")
    assert keep_detector([(rules, _fig(30, 28, 8, 3), later)]) == "tie"  # +3 right but a gap lost
    no_gaps = _fig(20, 18, 0, 0)  # a check with no gold gap on these documents: gaps count as 0
    assert keep_detector([(no_gaps, _fig(20, 20, 0, 0), later)]).startswith("detector")
    # a tie on the later authors' documents: the next side decides
    all_rules = _fig(300, 280, 60, 50)
    assert keep_detector([(rules, _fig(30, 26, 8, 4), later),
                          (all_rules, _fig(300, 283, 60, 53), every)]).startswith("detector (all")


def test_the_policy_is_chosen_on_agreement_and_gaps_found_together():
    from nlp_service.checks.train import choose_policy

    rows = [dict(rate=0.0, min_auc=0.9, agreement=0.93, gap_recall=0.86),
            dict(rate=0.05, min_auc=0.9, agreement=0.925, gap_recall=0.91),
            dict(rate=0.1, min_auc=0.0, agreement=0.90, gap_recall=0.93)]
    assert choose_policy(rows) == {"rate": 0.05, "min_auc": 0.9}
    # equal sums: the more cautious policy
    assert choose_policy(rows[:1] + [dict(rate=0.02, min_auc=0.9, agreement=0.92, gap_recall=0.87)]) == \
        {"rate": 0.0, "min_auc": 0.9}
