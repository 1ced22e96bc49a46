"""Who applied: one key per applicant, whatever the spelling ("Bodø kommune", "BODØ KOMMUNE", "Bodø").

The key keeps what tells applicants apart (a fylkeskommune from a kommune of the same name, an Oslo
bydel from Oslo kommune) and drops what does not (case, æ/ø/å damage, "kommune"/"herad", the
department that wrote the application, "v/ ...", organisation numbers).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["applicant_key", "same_applicant", "fold_text"]

_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "ae", "ö": "o", "ü": "u"})
# A department or contact person after the applicant: "Bodø kommune, flyktningtjenesten", "v/ Kari".
_TAIL = re.compile(r"\s*(?:,|;|/|\(|\s-\s|\bv/|\bved\b|\bc/o\b|\bavd\b|\bavdeling\b|\borg\.?\s*nr\b|\d{3}\s?\d{3}\s?\d{3}).*$")
_OSLO = re.compile(r"\s+(?:i\s+)?oslo(?:\s+kommune)?$")
_FYLKE = re.compile(r"^(.*?)\s+(?:fylkeskommune|fylke)$")
_KOMMUNE = re.compile(r"^(?:.*\s)?(?:i|for)\s+(.+?)\s+(?:kommune|herad)$|^(.+?)\s+(?:kommune|herad)$")


def fold_text(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().translate(_FOLD)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"[‐-―]", "-", text)  # dashes of every kind
    return re.sub(r"\s+", " ", text).strip(" .-")


def applicant_key(name: str | None) -> str | None:
    """A comparable key for an applicant's name, or None when there is no name.

    ``"Bodø kommune"``, ``"BODØ KOMMUNE"``, ``"Bodø"``, ``"Bodo kommune"`` and
    ``"Flyktningtjenesten i Bodø kommune"`` give ``"bodo"``; ``"Vestland fylkeskommune"`` and
    ``"Vestland fylke"`` give ``"vestland fylkeskommune"``; ``"Bydel Alna"``, ``"Alna bydel"`` and
    ``"Oslo kommune, bydel Alna"`` give ``"bydel alna"``; ``"Voss herad"`` gives ``"voss"``.
    """
    if not name or not name.strip():
        return None
    text = fold_text(name)
    # an Oslo district may be named after the city: "Oslo kommune, bydel Alna", "Oslo kommune v/ bydel Alna"
    bydel = re.search(r"\bbydel\s+([a-z][a-z \-]*)", text) or re.search(r"([a-z][a-z\-]*(?: [a-z\-]+)?)\s+bydel\b", text)
    if bydel:
        return "bydel " + _OSLO.sub("", _TAIL.sub("", bydel.group(1))).strip(" .-")
    text = _TAIL.sub("", text).strip(" .-")
    if m := _FYLKE.match(text):
        return m.group(1).strip() + " fylkeskommune"
    if m := _KOMMUNE.match(text):
        return (m.group(1) or m.group(2)).strip()
    return text or None


def same_applicant(a: str | None, b: str | None) -> bool:
    """True when both names are given and name the same applicant."""
    ka, kb = applicant_key(a), applicant_key(b)
    return ka is not None and ka == kb
