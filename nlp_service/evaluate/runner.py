"""Run the whole pipeline over a labelled folder and measure it against the labels.

``read_archive`` reads an archive (the format of :mod:`nlp_service.corpus.dataset`) with errors an
evaluator can act on; ``corpus_archive`` exports a split of the authored corpus to that format;
``analyze_labeled`` runs every document through the service (a PDF through
``Analyzer.analyze_bytes``, a .txt through ``document_from_text`` and the same analysis stages), one
failure never stopping the rest; ``evaluate_results`` turns the contract objects and the labels into
the figures of the report (``metrics.json``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import multiprocessing
import multiprocessing.util
import re
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from nlp_service.analysis import Analyzer
from nlp_service.classify.train import AREAS, load_document
from nlp_service.contract import Analysis, DocumentInfo, ErrorInfo
from nlp_service.corpus.dataset import LabeledDoc, export_archive, load_archive, load_corpus
from nlp_service.errors import AnalysisError
from nlp_service.evaluate import metrics
from nlp_service.ingest.document import Document
from nlp_service.jobs.runner import available_cores, limit_threads

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


class ArchiveError(ValueError):
    """A labels file or data folder that cannot be evaluated; the message is for the evaluator (bokmål)."""


# load_archive's own messages (English, for developers) and what the evaluator is told instead.
_ARCHIVE_MESSAGES = [
    (re.compile(r"line (\d+) is not valid JSON"), "Linje {0} i etikettfilen er ikke gyldig JSON."),
    (re.compile(r"row (\d+) has no 'file'"), "Rad {0} i etikettfilen mangler feltet «file» (filnavnet i mappen)."),
    (re.compile(r"row (\d+) points outside"), "Rad {0} i etikettfilen peker på en fil utenfor datamappen."),
    (re.compile(r"must be \.csv or \.jsonl"), "Etikettfilen må være en .csv- eller .jsonl-fil."),
]


def _no_value(value: object) -> bool:
    return value is None or str(value).strip() == ""


def read_archive(data_dir: Path, labels: Path, split: str | None = None) -> list[LabeledDoc]:
    """The labelled documents of an archive, checked: every problem with the labels file itself is an
    :class:`ArchiveError` in bokmål. A listed file that is missing is not: it becomes that document's
    error in the report, and the other documents are still evaluated."""
    data_dir, labels = Path(data_dir), Path(labels)
    if not data_dir.is_dir():
        raise ArchiveError(f"Datamappen {data_dir} finnes ikke.")
    if not labels.is_file():
        raise ArchiveError(f"Etikettfilen {labels} finnes ikke.")
    try:
        docs = load_archive(data_dir, labels)
    except UnicodeDecodeError:
        raise ArchiveError("Etikettfilen er ikke UTF-8-kodet tekst. Lagre den som UTF-8 og prøv igjen.") from None
    except (AttributeError, TypeError):  # a JSON line that is a list or a number, not an object
        raise ArchiveError("En linje i etikettfilen er ikke et JSON-objekt med feltnavn "
                           "(for eksempel {\"file\": \"soknad.pdf\", \"area\": \"2\"}).") from None
    except ValueError as exc:
        for pattern, message in _ARCHIVE_MESSAGES:
            m = pattern.search(str(exc))
            if m:
                raise ArchiveError(message.format(*m.groups())) from None
        raise ArchiveError(f"Etikettfilen kunne ikke leses: {exc}") from None
    if not docs:
        raise ArchiveError("Etikettfilen har ingen dokumenter.")
    seen: dict[Path, int] = {}
    for n, d in enumerate(docs, start=1):
        name = d.gold.get("file")
        if d.area is not None and d.area not in AREAS:
            raise ArchiveError(f"Rad {n} ({name}): satsingsområdet «{d.area}» er ukjent. Bruk 1–5, "
                               "eller la feltet stå tomt når det ikke er kjent.")
        if d.path in seen:
            raise ArchiveError(f"Filen {name} står mer enn én gang i etikettfilen (rad {seen[d.path]} og {n}).")
        seen[d.path] = n
        gold_facts(d)  # a fact label that is not a number stops here, before hours of analysis
    if split:
        chosen = [d for d in docs if d.split == split]
        if not chosen:
            present = sorted({d.split for d in docs if d.split})
            also = f" Etikettfilen har: {', '.join(present)}." if present else " Etikettfilen har ingen split-kolonne."
            raise ArchiveError(f"Ingen dokumenter har split «{split}».{also}")
        docs = chosen
    return docs


def corpus_archive(folder: Path, split: str = "test", progress: Progress = lambda m: None) -> list[LabeledDoc]:
    """A split of the authored corpus as an archive of rendered PDFs (each in its layout) in ``folder``,
    read back as an evaluator's archive would be. The corpus gold that the labels file does not carry
    (applicant, applicant type, facts) is joined back by id."""
    corpus = [d for d in load_corpus() if d.split == split]
    if not corpus:
        raise ArchiveError(f"Korpuset har ingen dokumenter i split «{split}».")
    progress(f"Lager PDF-er av korpusets {split}-del ({len(corpus)} dokumenter) i {folder} ...")
    labels = export_archive(corpus, folder)
    gold = {d.id: d.gold for d in corpus}
    docs = read_archive(folder, labels)
    for d in docs:
        d.gold = {**gold.get(d.id, {}), **{k: v for k, v in d.gold.items() if v is not None}}
    return docs


class DocumentKeepingAnalyzer(Analyzer):
    """The service's Analyzer, keeping the last Document it parsed so a model comparison can read the
    same text again without a second ingest (OCR of a scan is the slow part)."""

    last_document: Document | None = None

    def parse(self, data: bytes) -> Document:
        self.last_document = None
        doc = super().parse(data)
        self.last_document = doc
        return doc


@dataclass
class DocResult:
    doc: LabeledDoc
    analysis: Analysis
    seconds: float
    document: Document | None = None  # kept only when asked (model comparison)

    @property
    def file(self) -> str:
        return str(self.doc.gold.get("file") or self.doc.path.name)

    @property
    def ok(self) -> bool:
        return self.analysis.error is None


def _failed(name: str, sha: str, code: str, message: str | None = None, info: DocumentInfo | None = None,
            versions: dict | None = None) -> Analysis:
    error = ErrorInfo(code=code, message=message) if message else ErrorInfo(**AnalysisError(code).to_dict())
    return Analysis(file=name, sha256=sha, document=info, area=None, checks=None, facts=None, similar_projects=None,
                    error=error, versions=versions or {})


def _analyze_text(analyzer: Analyzer, d: LabeledDoc, data: bytes) -> tuple[Analysis, Document | None]:
    """A .txt archive entry: ``document_from_text`` (corpus markup removed), then the analysis stages."""
    name, sha = d.path.name, hashlib.sha256(data).hexdigest()
    try:
        doc = load_document(d)
    except UnicodeDecodeError:
        return _failed(name, sha, "unreadable_text", "Tekstfilen er ikke UTF-8-kodet og kan ikke leses.",
                       versions=analyzer.versions()), None
    info = DocumentInfo(kind=doc.kind, pages=len(doc.pages), text_source=doc.text_source, language=doc.language,
                        ocr_repairs=doc.ocr_repairs, active_content=doc.active_content)
    if not doc.text.strip():
        return _failed(name, sha, "no_text", info=info, versions=analyzer.versions()), doc
    try:
        result = analyzer.stages.run(doc)
    except Exception:  # noqa: BLE001 - one document's failure never stops the evaluation
        log.exception("analysis stage failed for a document (sha256 %s)", sha[:12])
        return _failed(name, sha, "internal_error", info=info, versions=analyzer.versions()), doc
    analysis = Analysis.model_validate({"file": name, "sha256": sha, "document": info.model_dump(), "error": None,
                                       "versions": analyzer.versions(), **result})
    return analysis, doc


def _analyze_one(analyzer: Analyzer, d: LabeledDoc, keep_documents: bool) -> DocResult:
    started = time.perf_counter()
    document = None
    try:
        data = d.path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        analysis = _failed(d.path.name, "", "file_not_found", versions=analyzer.versions())
    else:
        if d.path.suffix.lower() == ".txt":
            analysis, document = _analyze_text(analyzer, d, data)
        else:
            analysis = analyzer.analyze_bytes(d.path.name, data)
            if keep_documents and analysis.document is not None:
                document = getattr(analyzer, "last_document", None) or analyzer.parse(data)
    return DocResult(doc=d, analysis=analysis, seconds=time.perf_counter() - started, document=document)


def analyze_labeled(docs: list[LabeledDoc], analyzer: Analyzer, *, keep_documents: bool = False,
                    progress: Progress = lambda m: None, workers: int = 1) -> list[DocResult]:
    """Every labelled document through the service, timed; failures become results with ``error`` set.

    ``workers`` > 1 shares the documents among that many processes: this one, with ``analyzer``, and
    ``workers - 1`` helpers, each with an analyzer of its own from the same settings. The results keep the
    order of ``docs`` and are the same as with one process (each document is analysed by one process alone)."""
    out: list[DocResult | None] = [None] * len(docs)
    done = 0
    lock = threading.Lock()

    def record(i: int, r: DocResult) -> None:
        nonlocal done
        with lock:
            out[i] = r
            done += 1
            status = "feil: " + r.analysis.error.code if r.analysis.error else "ok"
            progress(f"  [{done}/{len(docs)}] {r.doc.id}: {status} ({r.seconds:.1f} s)")

    helpers = min(max(0, workers - 1), max(0, len(docs) - 1))
    if helpers == 0:
        for i, d in enumerate(docs):
            record(i, _analyze_one(analyzer, d, keep_documents))
        return out  # type: ignore[return-value]
    # loaded here first: its caches (the earlier-projects index) are built once, by us; with PDFs to read, the
    # ingest child starts meanwhile
    pdfs = any(d.path.suffix.lower() != ".txt" for d in docs)
    if pdfs:
        analyzer.warm()
    else:
        _ = analyzer.stages
    pending = iter(range(len(docs)))
    left_over: list[int] = []  # documents a helper could not take (it failed to start or died)

    def take() -> int | None:
        with lock:
            return next(pending, None)

    def feed(pool: ProcessPoolExecutor) -> None:
        while (i := take()) is not None:
            try:
                record(i, pool.submit(_helper_analyze, docs[i], keep_documents).result())
            except Exception as exc:  # noqa: BLE001 - a broken helper: this process takes its documents
                log.warning("evaluation helper failed (%s); its documents are analysed here", type(exc).__name__)
                with lock:
                    left_over.append(i)
                    left_over.extend(pending)
                return

    # the cores shared among the processes: torch's threads and each reader's OCR workers
    threads = max(1, available_cores() // (helpers + 1))
    helper_settings = analyzer.settings.model_copy(
        update={"ocr_workers": min(analyzer.settings.ocr_workers, threads)})
    saved_threads = _torch_threads(threads)
    pool = ProcessPoolExecutor(helpers, mp_context=multiprocessing.get_context("spawn"), initializer=_helper_start,
                               initargs=(helper_settings, keep_documents, threads, pdfs))
    try:
        feeders = [threading.Thread(target=feed, args=(pool,), daemon=True, name=f"evaluation-helper-{k}")
                   for k in range(helpers)]
        for t in feeders:
            t.start()
        while (i := take()) is not None:
            record(i, _analyze_one(analyzer, docs[i], keep_documents))
        for t in feeders:
            t.join()
    finally:
        # a helper that failed is not waited for (it may still be loading its models; it ends by itself)
        pool.shutdown(wait=not left_over, cancel_futures=True)
        _torch_threads(saved_threads)
    for i in left_over:
        record(i, _analyze_one(analyzer, docs[i], keep_documents))
    return out  # type: ignore[return-value]


def _torch_threads(n: int | None) -> int | None:
    """Set torch's intra-op threads to ``n`` (when torch is loaded); the number before."""
    torch = sys.modules.get("torch")
    if torch is None or n is None:
        return None
    before = torch.get_num_threads()
    torch.set_num_threads(n)
    return before


_HELPER: Analyzer | None = None


def _helper_start(settings, keep_documents: bool, threads: int, pdfs: bool = True) -> None:  # noqa: ANN001
    """In a helper process: load an analyzer once (closed when the process ends)."""
    global _HELPER
    limit_threads(threads)
    _HELPER = (DocumentKeepingAnalyzer if keep_documents else Analyzer)(settings)
    if pdfs:
        _HELPER.warm()
    else:
        _ = _HELPER.stages
    multiprocessing.util.Finalize(_HELPER, _HELPER.close, exitpriority=10)


def _helper_analyze(d: LabeledDoc, keep_documents: bool) -> DocResult:
    assert _HELPER is not None
    return _analyze_one(_HELPER, d, keep_documents)


# --- gold ----------------------------------------------------------------------------------------------

_INT_FACTS = ("participants", "own_contribution_nok", "requested_nok", "duration_years")
_NONE_WORDS = {"null", "none", "ingen", "-"}


def gold_facts(d: LabeledDoc) -> dict:
    """The facts an archive row (or corpus gold) labels: a ``facts`` object (JSONL, corpus) or one column
    per fact (CSV; ``partners`` separated by ";"; an empty cell is unlabelled, "ingen" means not stated)."""
    g = d.gold
    out: dict = {}
    for k in ("applicant", "applicant_type"):
        if not _no_value(g.get(k)) and str(g[k]).strip().lower() not in _NONE_WORDS:
            out[k] = str(g[k]).strip()
    facts = g.get("facts")
    if isinstance(facts, dict):
        out.update({k: facts[k] for k in (*_INT_FACTS, "partners") if k in facts})
        return out
    for k in _INT_FACTS:
        value = g.get(k)
        if _no_value(value):
            continue
        text = str(value).strip()
        if text.lower() in _NONE_WORDS:
            out[k] = None
            continue
        try:
            out[k] = int(float(text.replace(" ", "").replace("\u00a0", "")))
        except ValueError:
            raise ArchiveError(f"Dokumentet {d.id}: «{k}» må være et helt tall eller «ingen».") from None
    if isinstance(g.get("partners"), list):
        out["partners"] = g["partners"]
    elif not _no_value(g.get("partners")):
        out["partners"] = [] if str(g["partners"]).strip().lower() in _NONE_WORDS else \
            [p.strip() for p in str(g["partners"]).split(";") if p.strip()]
    return out


def condition(r: DocResult) -> str:
    """Scanned (text from OCR, or none), OCR-damaged (damaged text layer, or words repaired), or clean."""
    info = r.analysis.document
    layout = r.doc.gold.get("layout")
    if (info is not None and info.text_source in ("ocr", "none")) or (info is None and layout == "scan"):
        return "scanned"
    if layout == "ocr_damaged" or (info is not None and info.ocr_repairs > 0):
        return "ocr_damaged"
    return "clean"


# --- the figures ----------------------------------------------------------------------------------------


def _probs_row(r: DocResult, labels: list[str]) -> np.ndarray:
    p = r.analysis.area.probabilities
    return np.array([float(p.get(a, 0.0)) for a in labels])


def _area_rows(results: list[DocResult], labels: list[str]) -> list[DocResult]:
    return [r for r in results if r.ok and r.analysis.area is not None and r.analysis.area.probabilities
            and r.doc.area in labels]


def area_figures(results: list[DocResult], labels: list[str], threshold: float | None = None,
                 bootstrap: int = 1000) -> dict | None:
    """Classifier figures over the documents with an area label; the prediction is the top-class area
    (also where the service abstains), abstention is measured apart."""
    rows = _area_rows(results, labels)
    if not rows:
        return None
    y = [r.doc.area for r in rows]
    probs = np.vstack([_probs_row(r, labels) for r in rows])
    pred = [labels[i] for i in probs.argmax(axis=1)]
    service = [r.analysis.area.predicted for r in rows]
    answered = [p is not None for p in service]
    used = [a for a in labels if a in y or a in pred]
    lo, hi = metrics.bootstrap_macro_f1(y, pred, used, n=bootstrap)
    return {
        "n": len(rows), "labels": used,
        "macro_f1": metrics.macro_f1(y, pred, used), "macro_f1_ci95": [lo, hi],
        "accuracy": metrics.accuracy(y, pred),
        "per_area": metrics.per_class(y, pred, used),
        "confusion": metrics.confusion(y, pred, used),
        "calibration": {"ece": metrics.expected_calibration_error(probs, y, labels),
                        "brier": metrics.brier(probs, y, labels),
                        "reliability": metrics.reliability(probs, y, labels)},
        "threshold": threshold,
        "abstained": float(1 - np.mean(answered)),
        "accuracy_answered": metrics.accuracy([t for t, a in zip(y, answered) if a],
                                              [p for p in service if p is not None]) if any(answered) else None,
        "abstention_curve": metrics.abstention_curve(probs, y, labels),
    }


def stated_figures(results: list[DocResult]) -> dict | None:
    """How well the service reads the area a document names, and flags a content that reads as another."""
    rows = [r for r in results if r.ok and r.analysis.area is not None and "stated" in r.doc.gold]
    if not rows:
        return None
    gold_stated = [r.doc.stated for r in rows]
    found = [r.analysis.area.stated for r in rows]
    mismatch = [r for r in rows if r.doc.stated and r.doc.area and r.doc.stated != r.doc.area]
    flagged = [r for r in rows if r.analysis.area.matches_stated is False]
    true_flags = [r for r in flagged if r.doc.stated and r.doc.area and r.doc.stated != r.doc.area]
    return {"n": len(rows), "stated_exact": metrics.accuracy(gold_stated, found),
            "gold_mismatches": len(mismatch), "flagged": len(flagged), "flagged_correct": len(true_flags),
            "mismatch_precision": len(true_flags) / len(flagged) if flagged else None,
            "mismatch_recall": len(true_flags) / len(mismatch) if mismatch else None}


def _check_pairs(results: list[DocResult]) -> list[tuple[str, str, str | None]] | None:
    judged = [r for r in results if r.ok and r.doc.checks]
    if not any(r.analysis.checks is not None for r in judged):
        return None  # the pipeline gave no checks at all: not measured, rather than all wrong
    pairs = []
    for r in judged:
        predicted = {c.id: c.status for c in r.analysis.checks or []}
        pairs += [(cid, gold, predicted.get(cid)) for cid, gold in r.doc.checks.items()]
    return pairs


def _fact_records(results: list[DocResult]) -> list[tuple[dict, dict]] | None:
    judged = [(r, gold_facts(r.doc)) for r in results if r.ok]
    judged = [(r, g) for r, g in judged if g]
    if not judged or not any(r.analysis.facts is not None for r, _ in judged):
        return None
    return [(g, r.analysis.facts.model_dump() if r.analysis.facts else {}) for r, g in judged]


def group_summary(results: list[DocResult], labels: list[str]) -> dict:
    """The main figures for a part of the documents (a condition, a style, a kind)."""
    rows = _area_rows(results, labels)
    y = [r.doc.area for r in rows]
    pred = [labels[int(np.argmax(_probs_row(r, labels)))] for r in rows]
    used = [a for a in labels if a in y or a in pred]
    pairs = _check_pairs(results)
    checks = metrics.check_agreement(pairs)["overall"] if pairs else None
    records = _fact_records(results)
    facts = metrics.facts_agreement(records) if records else None
    seconds = [r.seconds for r in results]
    return {"documents": len(results), "failed": sum(not r.ok for r in results), "area_n": len(rows),
            "area_accuracy": metrics.accuracy(y, pred) if rows else None,
            "area_macro_f1": metrics.macro_f1(y, pred, used) if rows else None,
            "check_agreement": checks["agreement"] if checks else None,
            "false_gaps": checks["false_gaps"] if checks else None,
            "facts_exact": facts["exact"] if facts else None,
            "seconds_mean": float(np.mean(seconds)) if seconds else None}


def _breakdown(results: list[DocResult], key: Callable[[DocResult], str | None], labels: list[str]) -> dict | None:
    groups: dict[str, list[DocResult]] = {}
    for r in results:
        k = key(r)
        if k:
            groups.setdefault(str(k), []).append(r)
    return {k: group_summary(v, labels) for k, v in sorted(groups.items())} if groups else None


def most_wrong(results: list[DocResult], labels: list[str], k: int = 10) -> list[dict]:
    """The documents with the highest error score: (1 - the probability given to the right area) + the
    number of judged checks that disagree with the labels + the number of labelled facts that differ."""
    out = []
    for r in results:
        if not r.ok:
            continue
        a = r.analysis
        entry: dict = {"file": r.file, "id": r.doc.id, "kind": r.doc.kind, "condition": condition(r)}
        score = 0.0
        if a.area is not None and a.area.probabilities and r.doc.area in labels:
            row = _probs_row(r, labels)
            top = labels[int(np.argmax(row))]
            score += 1.0 - float(row[labels.index(r.doc.area)])
            entry["area"] = {"gold": r.doc.area, "predicted": top, "probability": float(row.max()),
                             "probability_gold": float(row[labels.index(r.doc.area)]), "stated": a.area.stated,
                             "service_predicted": a.area.predicted,
                             "evidence": [e.model_dump() for e in a.area.evidence]}
        if a.checks is not None and r.doc.checks:
            predicted = {c.id: c for c in a.checks}
            judged = [(cid, g) for cid, g in r.doc.checks.items() if g in metrics.JUDGED]
            wrong = []
            for cid, g in judged:
                c = predicted.get(cid)
                if c is None or c.status != g:
                    gold_check = (r.doc.gold.get("checks") or {}).get(cid)
                    span = gold_check.get("span") if isinstance(gold_check, dict) else None
                    wrong.append({"id": cid, "gold": g, "predicted": c.status if c else None,
                                  "evidence": [e.model_dump() for e in c.evidence] if c else [], "gold_span": span})
            score += len(wrong)
            entry["checks_wrong"] = wrong
        gold = gold_facts(r.doc)
        if a.facts is not None and gold:
            got = a.facts.model_dump()
            scalar = [f for f in metrics.SCALAR_FACTS if f in gold]
            wrong_facts = [{"field": f, "gold": gold[f], "predicted": got.get(f)} for f in scalar
                           if metrics._norm_fact(f, gold[f]) != metrics._norm_fact(f, got.get(f))]
            score += len(wrong_facts)
            entry["facts_wrong"] = wrong_facts
        entry["score"] = round(score, 4)
        if score > 0:
            out.append(entry)
    out.sort(key=lambda e: -e["score"])
    return out[:k]


def timing(results: list[DocResult], k: int = 10) -> dict:
    seconds = np.array([r.seconds for r in results]) if results else np.zeros(0)
    slowest = sorted(results, key=lambda r: -r.seconds)[:k]
    return {"total": float(seconds.sum()), "mean": float(seconds.mean()) if len(seconds) else None,
            "median": float(np.median(seconds)) if len(seconds) else None,
            "p95": float(np.percentile(seconds, 95)) if len(seconds) else None,
            "max": float(seconds.max()) if len(seconds) else None,
            "slowest": [{"file": r.file, "id": r.doc.id, "seconds": round(r.seconds, 3),
                         "pages": r.analysis.document.pages if r.analysis.document else None,
                         "text_source": r.analysis.document.text_source if r.analysis.document else None,
                         "condition": condition(r), "error": r.analysis.error.code if r.analysis.error else None}
                        for r in slowest]}


def evaluate_results(results: list[DocResult], *, labels: list[str] = AREAS, threshold: float | None = None,
                     source: dict | None = None, versions: dict | None = None, bootstrap: int = 1000) -> dict:
    """All the figures of the report, as one JSON-ready dict (written as ``metrics.json``)."""
    applications = [r for r in results if r.doc.kind == "application"]
    pairs = _check_pairs(results)
    records = _fact_records(results)
    kind_rows = [r for r in results if r.ok and r.analysis.document is not None]
    return {
        "generated": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "source": source or {},
        "versions": versions or {},
        "documents": {"total": len(results), "analysed": sum(r.ok for r in results),
                      "failed": sum(not r.ok for r in results), "applications": len(applications)},
        "failures": [{"file": r.file, "id": r.doc.id, "code": r.analysis.error.code,
                      "message": r.analysis.error.message} for r in results if not r.ok],
        "area": area_figures(applications, labels, threshold, bootstrap),
        "stated": stated_figures(applications),
        "kind_detection": {"n": len(kind_rows), "accuracy": metrics.accuracy(
            [r.doc.kind for r in kind_rows], [r.analysis.document.kind for r in kind_rows])} if kind_rows else None,
        "checks": metrics.check_agreement(pairs) if pairs else None,
        "facts": metrics.facts_agreement(records) if records else None,
        "breakdown": {
            "condition": _breakdown(results, condition, labels),
            "style": _breakdown(results, lambda r: r.doc.gold.get("style"), labels),
            "layout": _breakdown(results, lambda r: r.doc.gold.get("layout"), labels),
            "kind": _breakdown(results, lambda r: r.doc.kind, labels),
        },
        "most_wrong": most_wrong(results, labels),
        "timing": timing(results),
    }
