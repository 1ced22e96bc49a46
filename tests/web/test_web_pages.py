"""The caseworkers' pages (Norwegian), through a real HTTP client against the real app."""

from __future__ import annotations

import re

import pytest


def test_login_page_and_wrong_password_in_norwegian(web_client, web_users):
    page = web_client.get("/login")
    assert page.status_code == 200 and "Logg inn" in page.text and 'lang="nb"' in page.text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    r = web_client.post("/login", data={"username": "web-saksbehandler", "password": "feil-passord-123",
                                        "csrf_token": csrf})
    assert r.status_code == 400 and "Feil brukernavn eller passord." in r.text
    r = web_client.post("/login", data={"username": "web-saksbehandler", "password": "x", "csrf_token": "feil"})
    assert r.status_code == 400 and "utløpt" in r.text


def test_login_sends_you_back_to_the_page_you_asked_for_on_this_site_only(web_app, web_users):
    from fastapi.testclient import TestClient

    c = TestClient(web_app)
    r = c.get("/dokumenter?area=2", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?neste=%2Fdokumenter%3Farea%3D2"
    for neste, expected in (("/dokumenter?area=2", "/dokumenter?area=2"), ("//angriper.example", "/dokumenter"),
                            ("https://angriper.example", "/dokumenter")):
        page = c.get("/login", params={"neste": neste})
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        r = c.post("/login", data={"username": "web-saksbehandler", "password": "et-langt-passord-42",
                                   "csrf_token": csrf, "neste": neste}, follow_redirects=False)
        assert r.headers["location"] == expected
        c.cookies.clear()


def test_upload_page_batch_progress_and_the_list(caseworker, web_document):
    assert "Slipp filene her" in caseworker.get("/last-opp").text
    batch = caseworker.get(f"/bunker/{web_document['batch']}")
    assert batch.status_code == 200 and "askøy-søknad.pdf" in batch.text and "filer ferdig" in batch.text
    assert f'data-url="/api/batches/{web_document["batch"]}"' in batch.text
    listing = caseworker.get("/dokumenter", params={"batch": web_document["batch"]})
    assert listing.status_code == 200 and f'/dokumenter/{web_document["id"]}' in listing.text
    assert "Nettsidetest" in listing.text and "Eksporter Excel" in listing.text
    assert 'aria-sort="descending"' in listing.text  # sorted by upload time, newest first
    assert caseworker.get("/dokumenter", params={"mangler": "ingen", "uncertain": "true"}).status_code == 200
    r = caseworker.post("/last-opp", data={}, files=[("files", ("", b"", "application/octet-stream"))])
    assert r.status_code == 422 and "Velg minst én" in r.text


def test_document_page_shows_area_checks_and_evidence_on_the_page(caseworker, web_document):
    analysis = web_document["analysis"]
    page = caseworker.get(f"/dokumenter/{web_document['id']}")
    assert page.status_code == 200
    html = page.text
    area = analysis["area"]
    assert f"område {area['predicted']}" in html
    assert html.count('class="bar-row') == len(area["probabilities"])
    # Every piece of evidence links to its page, and the page image carries its marks.
    assert html.count('<a class="evidence') == len(area["evidence"]) + sum(len(c["evidence"]) for c in analysis["checks"] or [])
    assert f'src="/api/documents/{web_document["id"]}/pages/1.png"' in html
    marks = re.findall(r'<span class="mark[^"]*" data-key="([^"]+)" style="left: ([\d.]+)%; top: ([\d.]+)%', html)
    assert marks, "no evidence was marked on the page"
    assert all(0 <= float(x) <= 100 and 0 <= float(y) <= 100 for _, x, y in marks)
    for check in analysis["checks"] or []:
        assert check["message"] in html.replace("&#39;", "'").replace("&quot;", '"') or check["status"] == "not_applicable"
    active = caseworker.get(f"/dokumenter/{web_document['id']}", params={"bevis": "o0"}).text
    assert 'class="mark active" data-key="o0"' in active
    assert caseworker.get("/dokumenter/finnes-ikke").status_code == 404


def test_corrections_through_the_forms(caseworker, web_document):
    doc_id, analysis = web_document["id"], web_document["analysis"]
    predicted = analysis["area"]["predicted"]
    r = caseworker.post(f"/dokumenter/{doc_id}/korreksjoner", {"target": "area", "value": predicted})
    assert r.status_code == 303 and "lagret=omrade" in r.headers["location"]
    page = caseworker.get(r.headers["location"]).text
    assert "Korreksjonen av området er lagret." in page and "Området er bekreftet av web-saksbehandler" in page
    check = next(c for c in analysis["checks"] if c["status"] != "not_applicable")
    r = caseworker.post(f"/dokumenter/{doc_id}/korreksjoner", {"target": check["id"], "value": "wrong"})
    assert r.status_code == 422 and "Skriv en kommentar" in r.text
    r = caseworker.post(f"/dokumenter/{doc_id}/korreksjoner",
                        {"target": check["id"], "value": "wrong", "comment": "Egenandelen står i budsjettet"})
    assert r.status_code == 303
    assert "Egenandelen står i budsjettet" in caseworker.get(f"/dokumenter/{doc_id}").text
    # Without the form's CSRF token nothing is saved.
    r = caseworker.client.post(f"/dokumenter/{doc_id}/korreksjoner", data={"target": "area", "value": "1"})
    assert r.status_code == 403 and "Last siden på nytt" in r.text


@pytest.mark.parametrize("path,role,allowed", [
    ("/korreksjoner", "web-saksbehandler", False), ("/korreksjoner", "web-evaluator", True),
    ("/brukere", "web-evaluator", False), ("/brukere", "web-admin", True), ("/logg", "web-admin", True),
    ("/prosjekter", "web-saksbehandler", False),
])
def test_pages_by_role(login, path, role, allowed):
    r = login(role).get(path)
    assert (r.status_code == 200) is allowed
    if not allowed:
        assert r.status_code == 403 and "Ingen tilgang" in r.text


def test_admin_creates_a_user_and_a_caseworker_makes_an_api_token(login):
    admin = login("web-admin")
    r = admin.post("/brukere", {"username": "web-ny", "password": "kort", "role": "saksbehandler"})
    assert r.status_code == 422 and "minst 10 tegn" in r.text
    r = admin.post("/brukere", {"username": "web-ny", "password": "et-langt-passord-42", "role": "saksbehandler"})
    assert r.status_code == 200 and "Brukeren «web-ny» er opprettet." in r.text
    newcomer = login("web-ny")
    r = newcomer.post("/api-nokler", {"name": "Saksbehandlingssystemet"})
    token = re.search(r'id="new-token">([^<]+)<', r.text).group(1)
    assert newcomer.get("/api/me", headers={"Authorization": f"Bearer {token}"}).json()["username"] == "web-ny"
    assert token not in newcomer.get("/api-nokler").text  # shown once


def test_logout_ends_the_session(login):
    browser = login("web-evaluator")
    r = browser.post("/logout")
    assert r.status_code == 303 and r.headers["location"] == "/login"
    assert browser.get("/dokumenter", follow_redirects=False).status_code == 303


def test_an_upload_of_many_files_runs_to_the_end_and_a_bad_file_does_not_stop_it(caseworker, pdf_dir, hostile_dir,
                                                                                 batch_done):
    r = caseworker.post("/last-opp", data={"name": "Blandet"}, files=[
        ("files", ("søknad.pdf", (pdf_dir / "letter.pdf").read_bytes(), "application/pdf")),
        ("files", ("skadet.pdf", (hostile_dir / "corrupt.pdf").read_bytes(), "application/pdf")),
        ("files", ("søknad.pdf", (pdf_dir / "form.pdf").read_bytes(), "application/pdf")),
    ])
    assert r.status_code == 303
    progress = batch_done(caseworker, r.headers["location"].split("?")[0].rsplit("/", 1)[1])
    assert progress["status"] == "done" and progress["background"] is False
    assert (progress["total"], progress["done"], progress["failed"]) == (3, 2, 1)
    items = {i["file_name"]: i for i in progress["items"]}
    assert set(items) == {"søknad.pdf", "søknad (2).pdf", "skadet.pdf"}  # the same name twice is kept apart
    assert items["skadet.pdf"]["error_code"] == "corrupt_pdf"
    page = caseworker.get(r.headers["location"]).text
    assert "PDF-filen er skadet" in page and 'id="batch-finished">3<' in page


def test_a_large_batch_can_go_to_the_background_workers(caseworker, batch_done):
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("bombe.pdf", b"%PDF-1.4\n" + b"\0" * (3 << 20))
    r = caseworker.post("/last-opp", data={"bakgrunn": "ja"}, files=[("files", ("bunke.zip", buf.getvalue(),
                                                                              "application/zip"))])
    assert r.status_code == 303
    progress = batch_done(caseworker, r.headers["location"].split("?")[0].rsplit("/", 1)[1])
    assert progress["background"] is True and progress["failed"] == 1
    assert "Stor bunke" in caseworker.get("/last-opp").text


def test_many_wrong_passwords_pause_the_login_of_that_user(web_app, web_client):
    from fastapi.testclient import TestClient

    from nlp_service import auth

    with web_app.state.ctx.store.session() as s:
        auth.create_user(s, "web-gjettet", "et-langt-passord-42", "saksbehandler")
    c = TestClient(web_app)

    def attempt(password: str):
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
        return c.post("/login", data={"username": "web-gjettet", "password": password, "csrf_token": csrf},
                      follow_redirects=False)

    statuses = [attempt(f"feil-passord-{i}").status_code for i in range(8)]
    assert statuses == [400] * 8
    r = attempt("et-langt-passord-42")  # even the right password waits now
    assert r.status_code == 429 and "For mange mislykkede forsøk" in r.text
