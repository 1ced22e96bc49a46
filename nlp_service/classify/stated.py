"""The area a document names itself ("Satsingsområde: 2 – ..."), and the text with it masked out.

``predicted`` must come from the content alone, so everything that states the area (the form field,
a sentence such as "Vi søker under satsingsområde 5", the area's official name quoted beside it) is
removed before the classifier sees the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"(?P<num>[1-9])"
_WORD = r"(?:satsings?områd(?:e|et)|satsingsomr\.?|delområd(?:e|et)|område|innsatsområde|tilskuddsområde)"
# A field or sentence that names an area by number.
_STATED = [
    re.compile(rf"^\s*(?:valgt\s+)?{_WORD}\s*(?:nr\.?\s*)?[:\-–]?\s*(?:nr\.?\s*)?{_NUM}\b", re.I | re.M),
    re.compile(rf"\b(?:søk(?:er|jer|nad(?:en)?)|gjeld(?:er)?|innenfor|innanfor|under|til|i|for|på)\b[^.\n]{{0,40}}?"
               rf"\b{_WORD}\s*(?:nr\.?\s*)?{_NUM}\b", re.I),
    re.compile(rf"\b{_WORD}\s*(?:nr\.?\s*)?:?\s*{_NUM}\b(?![.,]\d)", re.I),
]
_FIELD_LINE = re.compile(rf"^\s*(?:velg\s+|valgt\s+)?{_WORD}\s*(?:nr\.?)?\s*:.*$", re.I | re.M)


@dataclass
class StatedArea:
    area: str | None
    spans: list[tuple[int, int]]  # character spans of the text that state or name the area


def _name_patterns(area_names: dict[str, list[str]]) -> dict[str, list[re.Pattern]]:
    pats = {}
    for area, names in area_names.items():
        pats[area] = [re.compile(re.escape(n).replace(r"\ ", r"\s+"), re.I) for n in names if len(n) > 12]
    return pats


def find_stated_area(text: str, area_names: dict[str, list[str]] | None = None,
                     valid: set[str] | None = None) -> StatedArea:
    """The first area the text names as its own, by number (or by its exact official name in a field)."""
    valid = valid or {"1", "2", "3", "4", "5"}
    found: list[tuple[int, str, tuple[int, int]]] = []
    for pattern in _STATED:
        for m in pattern.finditer(text):
            if m.group("num") in valid:
                found.append((m.start(), m.group("num"), (m.start(), m.end())))
    spans: list[tuple[int, int]] = [s for _, _, s in found]
    for m in _FIELD_LINE.finditer(text):
        spans.append((m.start(), m.end()))
    area = min(found)[1] if found else None
    if area_names:
        for num, patterns in _name_patterns(area_names).items():
            for p in patterns:
                for m in p.finditer(text):
                    # The official name right after an area word or in the field line is a statement too.
                    before = text[max(0, m.start() - 40):m.start()].lower()
                    line_start = text.rfind("\n", 0, m.start()) + 1
                    in_field = bool(_FIELD_LINE.match(text[line_start:text.find("\n", m.end()) if "\n" in text[m.end():] else len(text)]))
                    if in_field or re.search(_WORD, before, re.I):
                        spans.append((m.start(), m.end()))
                        if area is None and in_field:
                            area = num
    return StatedArea(area=area, spans=sorted(set(spans)))


def mask_stated(text: str, stated: StatedArea) -> str:
    """The text with every statement of the area blanked out (lengths kept, so offsets still hold)."""
    if not stated.spans:
        return text
    chars = list(text)
    for start, end in stated.spans:
        # Blank the whole line or sentence around a statement: its other words name the area too.
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        if line_end - line_start > 300:  # a long paragraph: blank the sentence only
            line_start = max(text.rfind(". ", 0, start) + 2, line_start)
            dot = text.find(". ", end)
            line_end = line_end if dot < 0 else min(line_end, dot + 1)
        for i in range(line_start, line_end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
