"""Any printed summary (``model.Report``) as an xlsx workbook: one sheet per
section, the report's title and subject above, each table with its title,
a bold header row, its data and totals; label/value facts as two columns;
paragraphs one a row.  Identifiers stay text, mass is kg with 3 decimals,
money 2 decimals, dates are dates; the columns are as wide as their text.
Written aside and renamed into place (openpyxl, no Qt)."""

from __future__ import annotations

import os
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..filing.cells import display_width
from .model import BarChart, Column, Facts, Paragraph, Report, Table

FORMATS = {"mass": "#,##0.000", "money": "#,##0.00", "count": "0", "date": "yyyy-mm-dd"}
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)
HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
MAX_WIDTH = 60  # a wider column wraps instead


def sheet_name(title: str, taken: set[str]) -> str:
    """``title`` as a sheet name: no []:*?/\\, at most 31 characters, unique."""
    name = re.sub(r"[\[\]:*?/\\]", " ", title).strip().strip("'") or "Sheet"
    name = name[:31]
    base, n = name, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def cell_value(kind: str, value):
    """The value a cell holds for a column of ``kind`` (strings stay text)."""
    if value is None or isinstance(value, str):
        return value if value is not None else ""
    if kind == "mass":
        return Decimal(value) / 1000
    if kind == "money":
        return Decimal(value) / 100
    if isinstance(value, bool):
        return "是" if value else "否"
    if kind in ("code", "text"):
        return value.isoformat() if isinstance(value, date) else str(value)
    return value


def write_workbook(report: Report, path: str | Path) -> Path:
    """Write ``report`` to the xlsx ``path``; returns it."""
    path = Path(path)
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for section in report.sections:
        ws = book.create_sheet(sheet_name(section.title, taken))
        _Sheet(ws, report, section.title).write(section.blocks)
    if not book.sheetnames:
        book.create_sheet("Sheet")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        book.save(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


class _Sheet:
    """Writes blocks one below the other, keeping the widest text per column."""

    def __init__(self, ws, report: Report, title: str):
        self.ws, self.row, self.widths = ws, 1, {}
        self._put(1, f"{report.company}  {report.title}", TITLE)
        self.row += 1
        if report.subject:
            self._put(1, report.subject, BOLD)
            self.row += 1
        self._put(1, title, BOLD)
        self.row += 2

    def write(self, blocks) -> None:
        for block in blocks:
            if isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Facts):
                self.facts(block)
            elif isinstance(block, Paragraph):
                self._put(1, block.text, wrap=True)
                self.row += 1
            elif isinstance(block, BarChart):
                self.chart(block)
        for col, width in self.widths.items():
            self.ws.column_dimensions[get_column_letter(col)].width = min(width + 2, MAX_WIDTH)

    def _put(self, col: int, value, font=None, fmt: str | None = None, fill=None,
             wrap: bool = False, measure: bool = False):
        cell = self.ws.cell(self.row, col, value)
        if font is not None:
            cell.font = font
        if fmt:
            cell.number_format = fmt
        if fill is not None:
            cell.fill = fill
        if wrap:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        if measure:
            shown = value if isinstance(value, str) else _shown(value, fmt)
            self.widths[col] = max(self.widths.get(col, 6), display_width(shown))
        return cell

    def table(self, table: Table) -> None:
        self._put(1, table.title, BOLD)
        self.row += 1
        for col, column in enumerate(table.columns, 1):
            self._put(col, column.header, BOLD, fill=HEAD_FILL, measure=True)
        self.row += 1
        if not table.rows:
            self._put(1, table.empty)
            self.row += 1
        for row in (*table.rows, *table.totals):
            font = BOLD if row.style else None
            fill = TOTAL_FILL if row.style else None
            for col, (column, value) in enumerate(zip(table.columns, row.cells, strict=False), 1):
                self._cell(col, column, value, font, fill)
            self.row += 1
        if table.note:
            self._put(1, table.note)
            self.row += 1
        self.row += 1

    def _cell(self, col: int, column: Column, value, font, fill) -> None:
        shown = cell_value(column.kind, value)
        fmt = FORMATS.get(column.kind) if not isinstance(shown, str) else "@"
        self._put(col, shown, font, fmt, fill, measure=True)

    def facts(self, facts: Facts) -> None:
        self._put(1, facts.title, BOLD)
        self.row += 1
        for label, value in facts.pairs:
            self._put(1, label, BOLD, fill=HEAD_FILL, measure=True)
            self._put(2, value, fmt="@", measure=True)
            self.row += 1
        self.row += 1

    def chart(self, chart: BarChart) -> None:
        columns = (Column(""), *(Column(s.name, "mass") for s in chart.series))
        rows = [(cat, *(s.values[i] for s in chart.series))
                for i, cat in enumerate(chart.categories)]
        from .model import Row

        self.table(Table(chart.title, columns, tuple(Row(r) for r in rows)))


def _shown(value, fmt: str | None) -> str:
    if isinstance(value, Decimal):
        places = 3 if fmt == FORMATS["mass"] else 2
        return f"{value:,.{places}f}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
