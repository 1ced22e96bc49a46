"""The report of a real evaluation: rendered PDFs (a scan, OCR damage, a report), a hostile file and a
missing one, through the real pipeline; the files it writes and what an evaluator reads in them."""

from __future__ import annotations

import json

import pytest

from nlp_service.corpus.dataset import export_archive, load_corpus
from nlp_service.corpus.hostile import encrypted_pdf
from nlp_service.corpus.render import layout_for
from nlp_service.errors import MESSAGES
from nlp_service.evaluate.report import write_report
from nlp_service.evaluate.runner import read_archive


def pick(docs, layout=None, kind="application"):
    return next(d for d in docs if d.kind == kind and d.id not in PICKED and
                (layout is None or layout_for(d.id, d.gold.get("style", "letter")).name == layout))


PICKED: set[str] = set()


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    corpus = [d for d in load_corpus() if d.split == "test"]
    chosen = []
    for layout, kind in (("scan", "application"), ("ocr_damaged", "application"), ("form", "application"),
                         (None, "annual_report")):
        d = pick(corpus, layout, kind)
        PICKED.add(d.id)
        chosen.append(d)
    folder = tmp_path_factory.mktemp("arkiv")
    labels = export_archive(chosen, folder)
    rows = [json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines()]
    gold = {d.id: d.gold for d in chosen}
    for row in rows:  # the facts an evaluator labels, in the JSONL form
        g = gold[row["id"]]
        row.update(applicant=g.get("applicant"), applicant_type=g.get("applicant_type"), facts=g.get("facts"))
    (folder / "kryptert.pdf").write_bytes(encrypted_pdf())
    rows += [{"file": "kryptert.pdf", "area": "2"}, {"file": "mangler.pdf", "area": "3"}]
    labels.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return folder, labels, chosen


@pytest.fixture(scope="module")
def evaluation(archive, analyzer, tmp_path_factory):
    from nlp_service.config import get_settings
    from nlp_service.evaluate.evaluate_cli import run_evaluation

    folder, labels, _ = archive
    docs = read_archive(folder, labels)
    m = run_evaluation(docs, get_settings(), source={"description": "testarkiv", "corpus": True}, analyzer=analyzer)
    out = tmp_path_factory.mktemp("rapport")
    return m, write_report(m, out), out


def test_failures_are_reported_and_do_not_stop_the_others(evaluation, archive):
    m, _, _ = evaluation
    assert m["documents"] == {"total": 6, "analysed": 4, "failed": 2, "applications": 5}
    assert {(f["file"], f["code"]) for f in m["failures"]} == {("kryptert.pdf", "encrypted_pdf"),
                                                               ("mangler.pdf", "file_not_found")}
    assert {f["message"] for f in m["failures"]} == {MESSAGES["encrypted_pdf"], MESSAGES["file_not_found"]}


def test_figures_cover_conditions_kinds_and_timing(evaluation, archive):
    m, _, _ = evaluation
    assert m["area"]["n"] == 3  # the three readable applications
    assert 0.0 <= m["area"]["macro_f1"] <= 1.0 and m["area"]["calibration"]["brier"] >= 0.0
    conditions = m["breakdown"]["condition"]
    assert conditions["scanned"]["documents"] >= 1 and conditions["ocr_damaged"]["documents"] >= 1
    assert set(m["breakdown"]["kind"]) == {"application", "annual_report"}
    assert len(m["timing"]["slowest"]) == 6 and all(s["seconds"] >= 0 for s in m["timing"]["slowest"])
    assert m["facts"]["n"] > 0 and m["checks"]["overall"]["n"] > 0
    assert m["live"]["reviewed"] == 0


def test_report_files_exist_and_name_the_figures(evaluation):
    m, paths, out = evaluation
    for name in ("report.html", "metrics.json", "per_area.png", "confusion.png", "reliability.png", "abstention.png",
                 "checks.png", "breakdown_condition.png", "breakdown_kind.png"):
        assert (out / name).is_file(), name
    for png in out.glob("*.png"):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    saved = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert saved["area"]["macro_f1"] == pytest.approx(m["area"]["macro_f1"])
    html = (out / "report.html").read_text(encoding="utf-8")
    for heading in ("Sammendrag", "Macro-F1, satsingsområde", "Forventet kalibreringsfeil (ECE)", "Brier-skår",
                    "Forvekslingsmatrise", "Kalibrering", "Treffsikkerhet mot avståelse", "Vilkår i utlysningen",
                    "Falske mangler", "Fakta hentet fra dokumentene", "Etter forhold", "skannet (tekst fra OCR)",
                    "OCR-skadet tekst", "Dokumentene tjenesten tok mest feil på", "De tregeste dokumentene",
                    "Dokumenter som ikke kunne analyseres"):
        assert heading in html, heading
    assert "kryptert.pdf" in html and MESSAGES["encrypted_pdf"] in html
    assert f"{m['area']['macro_f1']:.3f}".replace(".", ",") in html
    # self-contained: every figure embedded, nothing fetched or run
    assert html.count("data:image/png;base64,") == len(list(out.glob("*.png")))
    assert "<script" not in html and 'src="http' not in html


def test_documents_no_helper_process_can_take_are_analysed_here_not_lost(archive, analyzer):
    """``analyze_labeled`` with a helper process that cannot be sent the documents (here: labels it cannot
    receive): this process analyses them instead, in their order, with the results one process gives.
    (The helper at work, on the whole test split, is the regression gate's run.)"""
    import threading

    from nlp_service.evaluate.runner import analyze_labeled

    folder, labels, _ = archive
    docs = [d for d in read_archive(folder, labels) if d.path.exists() and d.gold.get("layout") != "scan"][:2]
    one = analyze_labeled(docs, analyzer)
    for d in docs:
        d.gold["ikke-sendbar"] = threading.Lock()  # cannot be pickled: no helper can receive it
    two = analyze_labeled(docs, analyzer, workers=2)
    assert [r.doc.id for r in two] == [d.id for d in docs]

    def outcome(r):
        a = r.analysis
        return (a.error, a.area.predicted if a.area else None, a.facts,
                [(c.id, c.status) for c in a.checks] if a.checks else None)

    assert [outcome(r) for r in two] == [outcome(r) for r in one]
