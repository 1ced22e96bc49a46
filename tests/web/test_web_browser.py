"""One caseworker in a real browser: Chromium (Debian's, driven by Playwright) against the app served
by uvicorn on 127.0.0.1. Logs in, drops a PDF on the upload page, follows the batch to the
document's page, picks a piece of evidence and sees it highlighted on the page image. The page is
saved as a screenshot; its path is printed."""

from __future__ import annotations

import base64
import os
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from nlp_service.corpus.render import Layout, render_pdf

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]
REPO = Path(__file__).resolve().parents[2]


def _chromium() -> str | None:
    """Debian's chromium; installed with apt when missing and we may (root), else None."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], env=env, capture_output=True, timeout=900)
    return CHROMIUM if Path(CHROMIUM).exists() else None


@pytest.fixture(scope="module")
def server(web_app, web_users):
    """The session's app served by uvicorn on a free port of 127.0.0.1 (in this process, so it uses the
    Analyzer already loaded)."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(web_app, host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def test_caseworker_uploads_a_pdf_and_sees_the_evidence_highlighted(server, tmp_path_factory):
    chromium = _chromium()
    if chromium is None:
        pytest.skip("Chromium finnes ikke i /usr/bin/chromium og kunne ikke installeres med apt-get "
                    "(krever root og tilgang til pakkearkivet)")
    from playwright.sync_api import expect, sync_playwright

    source = (REPO / "corpora" / "applications" / "a2-012.txt").read_text(encoding="utf-8")
    pdf = render_pdf(source, "a2-012", Layout(name="letter"), header="Voss herad – søknad 2025", footer="TUKI 2025")
    shot = tmp_path_factory.mktemp("screenshots") / "dokumentside.png"

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="nb-NO")
            page.goto(f"{server}/dokumenter")
            expect(page).to_have_url(f"{server}/login?neste=%2Fdokumenter")
            page.fill("input[name=username]", "web-saksbehandler")
            page.fill("input[name=password]", "et-langt-passord-42")
            page.click("button[type=submit]")
            expect(page.locator("h1")).to_contain_text("Dokumenter")

            # Drop the file on the upload page, as a caseworker drags it from a folder.
            page.click("nav.mainnav >> text=Last opp")
            transfer = page.evaluate_handle(
                """(b64) => {
                    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
                    const dt = new DataTransfer();
                    dt.items.add(new File([bytes], "voss-ut-på-tur.pdf", {type: "application/pdf"}));
                    return dt;
                }""", base64.b64encode(pdf).decode())
            page.dispatch_event("#dropzone", "drop", {"dataTransfer": transfer})
            expect(page.locator("#chosen li")).to_contain_text("voss-ut-på-tur.pdf")
            page.click("#upload-form button[type=submit]")

            # The batch page polls its progress, then opens the one document when it is done.
            page.wait_for_url(f"{server}/dokumenter/*", timeout=120_000)
            expect(page.locator("h1")).to_contain_text("voss-ut-på-tur.pdf")
            expect(page.locator("#omrade")).to_contain_text("Satsingsområde")
            expect(page.locator("#page-image")).to_be_visible()
            page.wait_for_function("document.getElementById('page-image').naturalWidth > 0")

            # Pick the first piece of evidence that was found on its page: it is highlighted there.
            link = page.locator("a.evidence:not(.not-found)").first
            expect(link).to_be_visible()
            key = link.get_attribute("data-key")
            link.click()
            mark = page.locator(f'.mark.active[data-key="{key}"]').first
            expect(mark).to_be_visible()
            expect(link).to_have_class("evidence active")
            box, frame = mark.bounding_box(), page.locator("#page-inner").bounding_box()
            assert box["width"] > 20 and box["height"] > 4
            assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"] + 1
            assert f"bevis={key}" in page.url

            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    print(f"\nSkjermbilde av dokumentsiden: {shot}")
    assert shot.stat().st_size > 10_000
