"""Exports that are safe to open in a spreadsheet (OWASP: CSV injection).

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by Excel and
LibreOffice as a formula, so a title such as ``=HYPERLINK(...)`` typed by one person would run on the
computer of another. In CSV such a cell gets a leading single quote; in XLSX every text cell is written
as text (never as a formula) and marked as typed text. Every export of Samen writes through here.
"""

import csv
import io
from collections.abc import Iterable
from typing import Any

import openpyxl
import tablib
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: Any) -> Any:
    """The CSV cell for ``value``: text that a spreadsheet would run as a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class Writer:
    """``csv.writer`` whose every cell is neutralised."""

    def __init__(self, stream: Any, **options: Any) -> None:
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([neutralised(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(stream: Any, **options: Any) -> Writer:
    return Writer(stream, **options)


def to_csv(data: tablib.Dataset, *, delimiter: str = ";") -> str:
    stream = io.StringIO()
    out = writer(stream, delimiter=delimiter, lineterminator="\r\n")
    out.writerow(data.headers or [])
    out.writerows(data)
    return stream.getvalue()


def to_xlsx(data: tablib.Dataset) -> bytes:
    """One sheet, bold headers, frozen header row; text is always text, however it begins."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook has one worksheet, and it is active
    sheet.title = (data.title or "Export")[:31]
    sheet.append(list(data.headers or []))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.data_type = "s"
    for row in data:
        sheet.append(list(row))
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
                cell.quotePrefix = cell.value.startswith(FORMULA_STARTS)
    sheet.freeze_panes = "A2"
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()
