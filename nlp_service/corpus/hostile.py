"""Hostile and broken files, built on demand for the tests, the fuzzing and the reliability scripts.

Nothing here is committed as a binary: each file is made by code, so a reader sees what it is.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


def simple_pdf(text: str = "Søknad om tilskudd. Kommunen søker om midler til et prosjekt med 20 deltakere.",
               pages: int = 1, **canvas_kwargs) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, **canvas_kwargs)
    for n in range(pages):
        c.setFont("Helvetica", 11)
        y = 780
        for line in text.split("\n"):
            c.drawString(72, y, line)
            y -= 16
        c.drawString(72, 60, f"Side {n + 1}")
        c.showPage()
    c.save()
    return buf.getvalue()


def encrypted_pdf(user_password: str = "hemmelig", owner_password: str = "eier") -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption

    enc = StandardEncryption(userPassword=user_password, ownerPassword=owner_password, strength=128)
    return simple_pdf(encrypt=enc)


def _assemble(objects: list[bytes]) -> bytes:
    """A classic PDF from numbered object bodies (object 1 is the catalog), with a correct xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def decompression_bomb(inflated_mb: int = 1500) -> bytes:
    """A small PDF whose one content stream inflates to ``inflated_mb`` megabytes of spaces."""
    comp = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    parts = [comp.compress(chunk) for _ in range(inflated_mb)]
    parts.append(comp.flush())
    stream = b"".join(parts)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode() + stream + b"\nendstream",
    ]
    return _assemble(objects)


def circular_pdf() -> bytes:
    """A page tree whose Pages node is its own kid."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 /Parent 2 0 R >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Parent 3 0 R >> >>",
    ]
    return _assemble(objects)


def javascript_pdf() -> bytes:
    """A readable PDF that carries an OpenAction with JavaScript and an embedded file."""
    content = b"BT /F1 12 Tf 72 760 Td (Soknad om tilskudd med 15 deltakere.) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R /Names << /EmbeddedFiles << /Names [(a.exe) 7 0 R] >> >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 6 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
        b"<< /S /JavaScript /JS (app.alert('hei');) >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Filespec /F (a.exe) /EF << /F 8 0 R >> >>",
        b"<< /Type /EmbeddedFile /Length 4 >>\nstream\nMZ\x90\x00\nendstream",
    ]
    return _assemble(objects)


#: The error code each file of ``write_hostile_set`` must give (None: it is read and analysed).
EXPECTED_CODES: dict[str, str | None] = {
    "not_pdf.pdf": "not_pdf",
    "text_named_pdf.pdf": "not_pdf",
    "empty.pdf": "empty_file",
    "truncated.pdf": "corrupt_pdf",
    "corrupt.pdf": "corrupt_pdf",
    "encrypted.pdf": "encrypted_pdf",
    "bomb.pdf": "decompression_bomb",
    "circular.pdf": "corrupt_pdf",
    "empty_user_password.pdf": None,
    "javascript.pdf": None,
}


def zip_of(entries: list[tuple[str, bytes]]) -> bytes:
    """A zip file of ``(name, bytes)`` entries exactly as named (``../x.pdf`` included: for zip-slip)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return buf.getvalue()


def write_hostile_set(folder: Path, *, bomb_mb: int = 1500) -> dict[str, Path]:
    """Write one file of each hostile kind into ``folder``; returns name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    good = simple_pdf()
    files = {
        "not_pdf.pdf": b"\x89PNG\r\n\x1a\n" + b"\x00" * 200,
        "text_named_pdf.pdf": "Dette er ikke en PDF, bare tekst.".encode(),
        "empty.pdf": b"",
        "truncated.pdf": good[: len(good) // 2],
        "corrupt.pdf": b"%PDF-1.7\n" + bytes((i * 37 + 11) % 256 for i in range(4000)),
        "encrypted.pdf": encrypted_pdf(),
        "empty_user_password.pdf": encrypted_pdf(user_password=""),
        "bomb.pdf": decompression_bomb(bomb_mb),
        "circular.pdf": circular_pdf(),
        "javascript.pdf": javascript_pdf(),
    }
    paths = {}
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        paths[name] = path
    return paths
