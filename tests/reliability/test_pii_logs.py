"""Personal data in the documents (fødselsnummer, phone numbers, e-mail addresses, a name), in their
contents and in their file names, never reaches a log, stderr or an error message.

Each path runs as it runs on a caseworker's machine, in its own process, with logging at DEBUG into a
file (``NLP_SERVICE_LOG_LEVEL`` / ``NLP_SERVICE_LOG_FILE``, set up in ``nlp_service.cli``):
``nlp-service analyze``, ``nlp-service triage`` and ``nlp-service serve`` with uploads through the API.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import httpx
import pytest

CLI = str(Path(sys.executable).parent / "nlp-service")


def _known_codes() -> set[str]:
    from nlp_service.errors import MESSAGES
    from nlp_service.jobs.zipsafe import ZIP_MESSAGES

    return set(MESSAGES) | set(ZIP_MESSAGES)


def _debug_env(tmp: Path, seed_data_dir) -> tuple[dict[str, str], Path]:
    log_file = tmp / "service.log"
    data = tmp / "data"
    data.mkdir(exist_ok=True)
    seed_data_dir(data)
    return {**os.environ, "NLP_SERVICE_DATA_DIR": str(data), "NLP_SERVICE_LOG_LEVEL": "DEBUG",
            "NLP_SERVICE_LOG_FILE": str(log_file)}, log_file


def _assert_logged_at_debug(log_text: str) -> None:
    """The log file holds the service's own records, so the search below searched something."""
    assert "nlp_service" in log_text, log_text[-2000:]
    assert " DEBUG " in log_text or " INFO " in log_text


def test_analyze_cli_logs_no_personal_data(analyze_cli_run, pii_files, pii):
    """The session's one ``nlp-service analyze`` run (root conftest), which ends with these files."""
    _files, r, lines, log_text = analyze_cli_run
    names = sorted(pii_files)
    assert r.returncode == 1, r.stderr[-3000:]  # the broken files failed, the others were analysed
    results = {o["file"]: o for o in lines if o["file"] in pii_files}
    assert set(results) == set(names)
    assert results["soknad-askoy.pdf"]["error"] is None
    assert results[f"{pii.EMAILS[0]}.pdf"]["error"] is None
    assert results[f"{pii.FNR}-soknad.pdf"]["error"]["code"] == "not_pdf"
    broken = results[f"cv {pii.NAME} {pii.FNR}.pdf"]["error"]
    assert broken is not None and broken["code"] in _known_codes()
    for o in results.values():
        if o["error"]:
            assert not pii.leaks(o["error"]["message"]), o["error"]
    _assert_logged_at_debug(log_text)
    assert not pii.leaks(log_text), pii.leaks(log_text)
    assert not pii.leaks(r.stderr), pii.leaks(r.stderr)


def test_triage_cli_logs_no_personal_data(tmp_path, pii_files, pii, seed_data_dir):
    env, log_file = _debug_env(tmp_path, seed_data_dir)
    folder = tmp_path / "innkommet"
    folder.mkdir()
    for name, path in pii_files.items():
        (folder / name).write_bytes(path.read_bytes())
    # A zip named by a fødselsnummer, whose entries are named by personal data too.
    with zipfile.ZipFile(folder / f"vedlegg {pii.FNR}.zip", "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"søknad {pii.NAME}.pdf", pii_files["soknad-askoy.pdf"].read_bytes()[:5000])
    out = tmp_path / "triage.jsonl"
    r = subprocess.run([CLI, "triage", str(folder), "--out", str(out), "--workers", "1", "--quiet"],
                       capture_output=True, text=True, env=env, timeout=900)
    assert r.returncode in (0, 1), r.stderr[-3000:]
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= len(pii_files)
    errors = [row["error"] for row in rows if row.get("error")]
    assert len(errors) >= 2 and all(e["code"] in _known_codes() for e in errors)
    for e in errors:
        assert not pii.leaks(e["message"]), e
    log_text = log_file.read_text(encoding="utf-8")
    assert " DEBUG " in log_text  # the level was applied (the workers log to stderr, searched too)
    assert not pii.leaks(log_text), pii.leaks(log_text)
    assert not pii.leaks(r.stderr), pii.leaks(r.stderr)


def _zip(entries: list[tuple[str, bytes]]) -> bytes:
    from nlp_service.corpus.hostile import zip_of

    return zip_of(entries)


def test_service_logs_no_personal_data(tmp_path, pii_files, pii, load_module, seed_data_dir):
    load = load_module("reliability_load")
    env, log_file = _debug_env(tmp_path, seed_data_dir)
    password = secrets.token_urlsafe(18)
    extra = {k: env[k] for k in ("NLP_SERVICE_LOG_LEVEL", "NLP_SERVICE_LOG_FILE")}
    service = load.start_service(Path(env["NLP_SERVICE_DATA_DIR"]), password, env_extra=extra, verbose=True)
    try:
        load.wait_ready(service)
        service.token = load.login_and_make_token(service, password)
        auth = {"Authorization": f"Bearer {service.token}"}
        with httpx.Client(base_url=service.base, timeout=600, headers=auth) as c:
            files = [("files", (name, path.read_bytes(), "application/pdf")) for name, path in pii_files.items()]
            good = pii_files["soknad-askoy.pdf"].read_bytes()
            files.append(("files", (f"vedlegg {pii.FNR}.zip", _zip([
                (f"{pii.EMAILS[1]}.pdf", good[:4000]), (f"../../{pii.FNR}.pdf", good)]), "application/zip")))
            files.append(("files", (f"{pii.NAME}.zip", _zip([(f"{pii.FNR}.pdf", b"\0" * (60 << 20))]),
                                    "application/zip")))
            r = c.post("/api/documents", files=files)
            assert r.status_code == 200, r.text
            docs = r.json()["documents"]
            by_code = {(d["analysis"]["error"] or {}).get("code") for d in docs}
            assert {None, "not_pdf", "zip_unsafe_path", "zip_bomb"} <= by_code, by_code
            for d in docs:
                err = d["analysis"]["error"]
                if err:
                    assert err["code"] in _known_codes() and not pii.leaks(err["message"]), err
            readable = [d["document_id"] for d in docs if d["analysis"]["error"] is None]
            assert len(readable) == 2
            for doc_id in readable:  # the caseworker reads them: API, page, page image, file
                assert c.get(f"/api/documents/{doc_id}").status_code == 200
                assert c.get(f"/dokumenter/{doc_id}").status_code == 200
                assert c.get(f"/api/documents/{doc_id}/pages/1.png").status_code == 200
                assert c.get(f"/api/documents/{doc_id}/file").status_code == 200
            # A search for a person's name or fødselsnummer is not logged either (query strings).
            assert c.get("/api/documents", params={"q": pii.FNR}).status_code in (200, 422)
            # The web upload (the caseworkers' form; an upload batch run by the service's own pool) with
            # files named by a fødselsnummer and an e-mail address.
            r = c.post("/last-opp", files=[
                ("files", (f"{pii.FNR} søknad.pdf", pii.TEXT.encode() + b"\n2", "application/pdf")),
                ("files", (f"{pii.EMAILS[0]} (2).pdf", good[: len(good) // 2], "application/pdf"))],
                follow_redirects=False)
            assert r.status_code == 303, r.text
            batch_id = r.headers["location"].split("/bunker/")[1].split("?")[0]
            for _ in range(600):
                progress = c.get(f"/api/batches/{batch_id}").json()
                if progress["status"] == "done":
                    break
                time.sleep(0.5)
            assert progress["status"] == "done" and progress["failed"] >= 1, progress
            for item in progress["items"]:
                assert item["error_code"] in _known_codes() and not pii.leaks(item["error_message"]), item
    finally:
        rc = service.stop()
    assert rc == 0
    server_out = service.log_path.read_text(encoding="utf-8", errors="replace")
    log_text = log_file.read_text(encoding="utf-8")
    _assert_logged_at_debug(log_text)
    assert not pii.leaks(log_text), pii.leaks(log_text)
    assert not pii.leaks(server_out), pii.leaks(server_out)


@pytest.mark.parametrize("level", ["DEBUG", "info"])
def test_log_level_and_file_come_from_the_environment(tmp_path, level, monkeypatch):
    """The logging set-up the tests above rely on: level and file from the environment, and the
    libraries that log data (SQL with its parameters, PDF tokens) held at WARNING."""
    import logging

    from nlp_service import cli

    log_file = tmp_path / "x.log"
    monkeypatch.setenv("NLP_SERVICE_LOG_LEVEL", level)
    monkeypatch.setenv("NLP_SERVICE_LOG_FILE", str(log_file))
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    quiet = {name: logging.getLogger(name).level for name in cli._QUIET_LOGGERS}
    root.handlers = []
    try:
        cli._setup_logging(verbose=False)
        assert root.level == getattr(logging, level.upper())
        logging.getLogger("nlp_service.test").debug("debug-record")
        logging.getLogger("nlp_service.test").info("info-record")
        logging.getLogger("sqlalchemy.engine.Engine").info("INSERT INTO documents ... ('%s.pdf')", "x")
        logging.getLogger("pdfminer.psparser").debug("nexttoken: (b'Kari')")
        for h in root.handlers:
            h.flush()
        text = log_file.read_text(encoding="utf-8")
        assert "info-record" in text
        assert ("debug-record" in text) == (level.upper() == "DEBUG")
        assert "INSERT INTO" not in text and "nexttoken" not in text
    finally:
        for h in root.handlers:
            h.close()
        root.handlers = saved[0]
        root.setLevel(saved[1])
        for name, lvl in quiet.items():
            logging.getLogger(name).setLevel(lvl)
