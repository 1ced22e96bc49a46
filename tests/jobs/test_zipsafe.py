"""Zip input: zip-slip and zip bombs are refused, in Norwegian; good entries still come out."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest

from nlp_service.jobs.zipsafe import ZipLimits, ZipRefused, extract_pdfs


@pytest.fixture(scope="module")
def good_pdf(render_pdf) -> bytes:
    return render_pdf("a2-017", "letter")


def _zip(path: Path, entries: list[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return path


@pytest.mark.parametrize("evil", ["../utenfor.pdf", "a/../../utenfor.pdf", "/tmp/absolutt.pdf",
                                  "C:/Windows/utenfor.pdf", "..\\utenfor.pdf"])
def test_zip_slip_refuses_the_whole_archive(tmp_path, good_pdf, evil):
    archive = _zip(tmp_path / "slip.zip", [("god.pdf", good_pdf), (evil, good_pdf)])
    target = tmp_path / "ut" / "inne"
    with pytest.raises(ZipRefused) as info:
        extract_pdfs(archive, target)
    assert info.value.code == "zip_unsafe_path"
    assert "mappen" in info.value.message and "angrepsfil" in info.value.message
    assert not any(target.rglob("*.pdf"))  # nothing extracted, not even the good entry
    assert not (tmp_path / "ut" / "utenfor.pdf").exists() and not (tmp_path / "utenfor.pdf").exists()


def test_symlink_entry_is_refused(tmp_path, good_pdf):
    link = zipfile.ZipInfo("lenke.pdf")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    archive = _zip(tmp_path / "link.zip", [(link, b"/etc/passwd"), ("god.pdf", good_pdf)])
    with pytest.raises(ZipRefused) as info:
        extract_pdfs(archive, tmp_path / "ut")
    assert info.value.code == "zip_unsafe_path"


def test_zip_bomb_entry_is_not_extracted_and_the_others_are(tmp_path, good_pdf):
    bomb = b"\0" * (60 * 1024 * 1024)  # deflates about 1000:1
    archive = _zip(tmp_path / "bomb.zip", [("god.pdf", good_pdf), ("bombe.pdf", bomb), ("les-meg.txt", b"hei")])
    del bomb
    contents = extract_pdfs(archive, tmp_path / "ut")
    by_name = {e.name: e for e in contents.entries}
    assert by_name["god.pdf"].error is None and by_name["god.pdf"].path.read_bytes() == good_pdf
    assert by_name["bombe.pdf"].path is None and by_name["bombe.pdf"].error.code == "zip_bomb"
    assert "zip-bombe" in by_name["bombe.pdf"].error.message
    assert contents.skipped == 1
    assert sorted(p.name for p in (tmp_path / "ut").iterdir()) == ["god.pdf"]


def test_limits_on_count_total_and_one_file(tmp_path, good_pdf):
    many = _zip(tmp_path / "many.zip", [(f"s{i}.pdf", good_pdf) for i in range(6)])
    with pytest.raises(ZipRefused) as info:
        extract_pdfs(many, tmp_path / "a", ZipLimits(max_files=5))
    assert info.value.code == "zip_too_many_files" and "grensen er 5" in info.value.message
    big = _zip(tmp_path / "big.zip", [(f"s{i}.pdf", good_pdf + b"\n" * (600 * 1024)) for i in range(3)])
    with pytest.raises(ZipRefused) as info:
        extract_pdfs(big, tmp_path / "b", ZipLimits(max_total_mb=1))
    assert info.value.code == "zip_too_large"
    contents = extract_pdfs(big, tmp_path / "c", ZipLimits(max_file_mb=0.5))
    assert {e.error.code for e in contents.entries} == {"zip_entry_too_large"}


def test_an_entry_whose_header_lies_about_its_size_is_stopped(tmp_path, good_pdf):
    archive = _zip(tmp_path / "lies.zip", [("stor.pdf", b"%PDF-1.4\n" + b"A" * 5_000_000), ("god.pdf", good_pdf)])
    raw = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as zf:
        info = zf.getinfo("stor.pdf")
    # Make both headers claim 1,000 bytes: the reader must not trust them.
    real = info.file_size.to_bytes(4, "little")
    for at in [i for i in range(len(raw) - 4) if raw[i:i + 4] == real]:
        raw[at:at + 4] = (1000).to_bytes(4, "little")
    archive.write_bytes(bytes(raw))
    contents = extract_pdfs(archive, tmp_path / "ut")
    by_name = {e.name: e for e in contents.entries}
    assert by_name["stor.pdf"].path is None and by_name["stor.pdf"].error.code in ("zip_entry_corrupt", "zip_bomb")
    assert by_name["god.pdf"].error is None
    assert not (tmp_path / "ut" / "stor.pdf").exists()


def test_not_a_zip_is_refused(tmp_path):
    fake = tmp_path / "fake.zip"
    fake.write_bytes(b"PK\x03\x04 dette er ikke en zip")
    with pytest.raises(ZipRefused) as info:
        extract_pdfs(fake, tmp_path / "ut")
    assert info.value.code == "zip_corrupt"


def test_triage_of_a_zip_slip_archive_exits_2_before_any_analysis(tmp_path, good_pdf, capsys):
    from nlp_service.jobs.triage_cli import main

    archive = _zip(tmp_path / "slip.zip", [("../ut.pdf", good_pdf)])
    rc = main([str(archive), "--out", str(tmp_path / "out.jsonl")])
    err = capsys.readouterr().err
    assert rc == 2 and "peker ut av mappen" in err
    assert not (tmp_path / "out.jsonl").exists()
