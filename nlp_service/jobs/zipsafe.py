"""Safe extraction of an uploaded or given .zip of PDFs.

A zip archive is hostile until proven otherwise. :func:`extract_pdfs` refuses the whole archive
(:class:`ZipRefused`, a Norwegian message) when it is not a readable zip, holds more files than
allowed, declares more uncompressed data in total than allowed, or names an entry that would land
outside the target folder (``..``, absolute paths, drive letters, symbolic links: zip-slip). An
entry that is too large on its own, compresses suspiciously well (zip bomb), is encrypted, is
damaged or repeats a name is not extracted; it comes back as a failed :class:`ZipEntry` with an
error a caseworker can read, and the other entries go on.

Sizes are checked twice: against the sizes the archive declares, before anything is written, and
while streaming the bytes out (in chunks), so an archive that lies in its headers is still stopped.
Only entries whose names end in ``.pdf`` are extracted; other files (and hidden files and macOS
resource forks, ``__MACOSX/``) are skipped and counted.
"""

from __future__ import annotations

import os
import stat
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from nlp_service.contract import ErrorInfo

#: Errors of the zip layer, in the same shape as :mod:`nlp_service.errors` (code and a sentence).
ZIP_MESSAGES: dict[str, str] = {
    "zip_corrupt": "Zip-filen er skadet eller er ikke en zip-fil, og kan ikke pakkes ut.",
    "zip_too_many_files": "Zip-filen inneholder {count} filer; grensen er {limit}. Del den opp i flere zip-filer.",
    "zip_too_large": "Innholdet i zip-filen er til sammen {size} MB utpakket; grensen er {limit} MB. "
                     "Del den opp i flere zip-filer.",
    "zip_unsafe_path": "Zip-filen inneholder et filnavn som peker ut av mappen den pakkes ut i "
                       "(mulig angrepsfil). Ingenting i den ble pakket ut.",
    "zip_entry_too_large": "Filen er {size} MB utpakket; grensen for én fil i en zip-fil er {limit} MB.",
    "zip_bomb": "Filen pakkes ut til urimelig mye mer enn den fyller i zip-filen (mulig zip-bombe) "
                "og ble ikke pakket ut.",
    "zip_entry_encrypted": "Filen er passordbeskyttet inne i zip-filen og kan ikke pakkes ut.",
    "zip_entry_corrupt": "Filen er skadet inne i zip-filen og kan ikke pakkes ut.",
    "zip_duplicate_name": "Filnavnet finnes flere ganger i zip-filen; bare den første filen med dette navnet "
                          "ble lest.",
}


def zip_error(code: str, **params: object) -> ErrorInfo:
    return ErrorInfo(code=code, message=ZIP_MESSAGES[code].format(**params))


class ZipRefused(ValueError):
    """The whole archive is refused; ``code`` and ``message`` (Norwegian) say why."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.message = ZIP_MESSAGES[code].format(**params)
        super().__init__(self.message)

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class ZipLimits:
    max_files: int = 5000
    max_total_mb: float = 4096.0
    max_file_mb: float = 100.0
    max_ratio: float = 100.0  # uncompressed / compressed size of one entry
    chunk_bytes: int = 1 << 20


@dataclass
class ZipEntry:
    """One PDF entry: extracted to ``path``, or not, with ``error`` saying why."""

    name: str  # the entry's path inside the archive (posix, normalised)
    path: Path | None = None
    error: ErrorInfo | None = None


@dataclass
class ZipContents:
    entries: list[ZipEntry] = field(default_factory=list)
    skipped: int = 0  # entries that are not PDFs (by name)


_MB = 1024 * 1024


def _safe_name(raw: str) -> str | None:
    """The entry's relative posix path, or None when it could leave the target folder."""
    name = unicodedata.normalize("NFC", raw.replace("\\", "/"))
    if not name or "\x00" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    parts = [p for p in PurePosixPath(name).parts if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts):
        return None
    return "/".join(parts)


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return stat.S_ISLNK(mode)


def _inside(target: Path, rel: str) -> Path | None:
    root = target.resolve()
    dest = (root / rel).resolve()
    return dest if dest.is_relative_to(root) and dest != root else None


def extract_pdfs(zip_path: Path, target: Path, limits: ZipLimits = ZipLimits()) -> ZipContents:
    """Extract the PDF entries of ``zip_path`` under ``target``; raises :class:`ZipRefused`."""
    target.mkdir(parents=True, exist_ok=True)
    try:
        archive = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise ZipRefused("zip_corrupt") from None
    with archive:
        try:
            infos = [i for i in archive.infolist() if not i.is_dir()]
        except (zipfile.BadZipFile, ValueError):
            raise ZipRefused("zip_corrupt") from None
        # The whole archive first: count, declared total, and every name (zip-slip refuses all).
        if len(infos) > limits.max_files:
            raise ZipRefused("zip_too_many_files", count=len(infos), limit=limits.max_files)
        declared = sum(i.file_size for i in infos)
        if declared > limits.max_total_mb * _MB:
            raise ZipRefused("zip_too_large", size=f"{declared / _MB:.0f}", limit=f"{limits.max_total_mb:g}")
        named: list[tuple[zipfile.ZipInfo, str, Path]] = []
        for info in infos:
            rel = _safe_name(info.filename)
            dest = _inside(target, rel) if rel is not None else None
            if rel is None or dest is None or _is_symlink(info):
                raise ZipRefused("zip_unsafe_path")
            named.append((info, rel, dest))

        contents = ZipContents()
        seen: set[str] = set()
        written_total = 0
        for info, rel, dest in named:
            if not rel.lower().endswith(".pdf") or any(p.startswith(".") or p == "__MACOSX" for p in rel.split("/")):
                contents.skipped += 1
                continue
            entry = ZipEntry(name=rel)
            contents.entries.append(entry)
            if rel.casefold() in seen:
                entry.error = zip_error("zip_duplicate_name")
                continue
            seen.add(rel.casefold())
            if info.flag_bits & 0x1:
                entry.error = zip_error("zip_entry_encrypted")
                continue
            if info.file_size > _MB and info.file_size > limits.max_ratio * max(info.compress_size, 1):
                entry.error = zip_error("zip_bomb")
                continue
            if info.file_size > limits.max_file_mb * _MB:
                entry.error = zip_error("zip_entry_too_large", size=f"{info.file_size / _MB:.0f}",
                                        limit=f"{limits.max_file_mb:g}")
                continue
            try:
                written = _stream_out(archive, info, dest, limits, written_total)
            except _EntryTooLarge:
                entry.error = zip_error("zip_bomb")
                continue
            except _TotalTooLarge:
                raise ZipRefused("zip_too_large", size=f"> {limits.max_total_mb:g}",
                                 limit=f"{limits.max_total_mb:g}") from None
            except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, ValueError, EOFError,
                    NotImplementedError, RuntimeError):
                entry.error = zip_error("zip_entry_corrupt")
                continue
            written_total += written
            entry.path = dest
        return contents


class _EntryTooLarge(Exception):
    pass


class _TotalTooLarge(Exception):
    pass


def _stream_out(archive: zipfile.ZipFile, info: zipfile.ZipInfo, dest: Path, limits: ZipLimits,
                written_before: int) -> int:
    """Copy one entry out in chunks, stopping at the per-file, ratio and total limits."""
    max_file = min(limits.max_file_mb * _MB, max(limits.max_ratio * max(info.compress_size, 1), _MB))
    max_total = limits.max_total_mb * _MB
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    written = 0
    try:
        with archive.open(info) as src, open(tmp, "wb") as out:
            while True:
                chunk = src.read(limits.chunk_bytes)
                if not chunk:
                    break
                written += len(chunk)
                if written > max_file:
                    raise _EntryTooLarge
                if written_before + written > max_total:
                    raise _TotalTooLarge
                out.write(chunk)
        os.replace(tmp, dest)
    finally:
        if tmp.exists():
            tmp.unlink()
    return written
