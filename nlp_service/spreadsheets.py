"""Tables for caseworkers' spreadsheets: CSV (semicolons, decimal commas, a byte-order mark, as Excel in
Norway opens it) and XLSX (openpyxl: bold frozen header, auto filter, numbers as numbers).

Used by the API's exports and the triage's export. Cells that a spreadsheet would run as a formula (text
from documents and file names beginning with ``=``, ``+``, ``-``, ``@`` or a control character) are
written as text: a leading apostrophe in CSV, an explicit string cell in XLSX.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

OSLO = ZoneInfo("Europe/Oslo")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def _plain(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nei"
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(OSLO).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return value


def _csv_cell(value: object) -> object:
    value = _plain(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    if isinstance(value, float):
        return f"{value:.4f}".replace(".", ",")
    return value


def to_csv(rows: Iterable[dict], columns: list[tuple[str, str]]) -> bytes:
    """Semicolon-separated UTF-8 with a byte order mark, as Excel in Norway opens it."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([header for _, header in columns])
    for row in rows:
        writer.writerow([_csv_cell(row.get(key)) for key, _ in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(rows: Iterable[dict], columns: list[tuple[str, str]], sheet: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append([header for _, header in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths = [len(header) for _, header in columns]
    for r, row in enumerate(rows, start=2):
        for c, (key, _) in enumerate(columns, start=1):
            value = _plain(row.get(key))
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text begins with
                widths[c - 1] = max(widths[c - 1], min(len(value), 60))
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width + 2
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
