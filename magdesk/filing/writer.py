"""Writing the filing workbook (xlsxwriter, constant memory, row by row)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

import xlsxwriter

from .cells import canonical, cell_value, display_width
from .template import Column, Sheet, Template

INFO_SHEET = "申报信息"
CHECK_SHEET = "校验"
AMEND_SHEET = "更正说明"
HEADER_STYLE = {"bold": True, "bg_color": "#D9E1F2", "border": 1, "valign": "vcenter",
                "text_wrap": False}


@dataclass
class Written:
    """What was written: row counts per sheet and the data checksum."""

    counts: dict[str, int] = field(default_factory=dict)
    data_sha256: str = ""


class _Widths:
    def __init__(self, headers: list[str]):
        self.widths = [display_width(h) for h in headers]

    def see(self, col: int, text: str) -> None:
        if 2 * len(text) > self.widths[col]:  # cheap test first: most cells are narrower
            width = display_width(text)
            if width > self.widths[col]:
                self.widths[col] = width

    def apply(self, ws) -> None:
        for col, width in enumerate(self.widths):
            ws.set_column(col, col, min(max(width + 2, 6), 70))


class WorkbookWriter:
    def __init__(self, path, template: Template):
        self.template = template
        self.book = xlsxwriter.Workbook(str(path), {
            "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
            "strings_to_numbers": False, "default_date_format": "yyyy-mm-dd"})
        self.header = self.book.add_format(HEADER_STYLE)
        self.formats = {fmt: self.book.add_format({"num_format": fmt})
                        for fmt in ("@", "0", "yyyy-mm-dd", "0.000", "#,##0.00")}
        self.info = self.book.add_worksheet(INFO_SHEET)
        self.digest = hashlib.sha256()
        self.written = Written()

    def data_sheet(self, sheet: Sheet, rows: Iterable[dict],
                   tick: Callable[[], None] | None = None) -> None:
        ws = self.book.add_worksheet(sheet.name)
        headers = [c.header for c in sheet.columns]
        self._header_row(ws, headers)
        widths = _Widths(headers)
        self.digest.update(f"{sheet.name}\n".encode())
        n = 0
        for n, row in enumerate(rows, 1):
            texts = [self._cell(ws, n, col, column, row.get(column.field), n, widths)
                     for col, column in enumerate(sheet.columns)]
            self.digest.update(("\t".join(texts) + "\n").encode())
            if tick is not None and n % 1000 == 0:
                tick()
        self._finish_table(ws, sheet.columns, n, widths)
        self.written.counts[sheet.name] = n

    def _cell(self, ws, r: int, c: int, column: Column, raw, seq: int, widths: _Widths) -> str:
        value = cell_value(column, raw, seq)
        text = canonical(column, raw, seq)
        if value is None:
            return text
        fmt = self.formats[column.number_format]
        if isinstance(value, str):
            ws.write_string(r, c, value, fmt)
        elif isinstance(value, date):
            ws.write_datetime(r, c, datetime(value.year, value.month, value.day), fmt)
        else:
            ws.write_number(r, c, value, fmt)
        widths.see(c, text)
        return text

    def _header_row(self, ws, headers: list[str]) -> None:
        # Printed as a clerk expects: A4, landscape when wide, one page wide,
        # the header repeated on every page.
        ws.set_paper(9)
        if len(headers) > 4:
            ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(0)
        ws.set_row(0, 20)
        for col, header in enumerate(headers):
            ws.write_string(0, col, header, self.header)
        ws.freeze_panes(1, 0)

    def _finish_table(self, ws, columns, n: int, widths: _Widths) -> None:
        widths.apply(ws)
        ws.autofilter(0, 0, max(n, 1), len(columns) - 1)
        for col, column in enumerate(columns):
            choices = column.choices()
            if choices:
                ws.data_validation(1, col, max(n, 1), col, {
                    "validate": "list", "source": choices, "ignore_blank": True,
                    "error_title": column.header, "error_message": "、".join(choices)})

    def plain_sheet(self, name: str, headers: list[str], rows: list[list[str]]) -> None:
        """A small all-text sheet (校验, 更正说明)."""
        ws = self.book.add_worksheet(name)
        self._header_row(ws, headers)
        widths = _Widths(headers)
        for r, row in enumerate(rows, 1):
            for c, text in enumerate(row):
                if text != "":
                    ws.write_string(r, c, str(text), self.formats["@"])
                    widths.see(c, str(text))
        widths.apply(ws)
        ws.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)

    def finish(self, info_rows: list[tuple[str, str]]) -> Written:
        """Write 申报信息 (row counts and checksum last) and close the file."""
        self.written.data_sha256 = self.digest.hexdigest()
        rows = list(info_rows)
        rows += [(f"{name} 行数", str(n)) for name, n in self.written.counts.items()]
        rows.append(("数据校验码", self.written.data_sha256))
        self._header_row(self.info, ["项目", "内容"])
        widths = _Widths(["项目", "内容"])
        for r, (item, value) in enumerate(rows, 1):
            self.info.write_string(r, 0, item, self.formats["@"])
            self.info.write_string(r, 1, value, self.formats["@"])
            widths.see(0, item)
            widths.see(1, value)
        widths.apply(self.info)
        self.info.activate()
        self.book.close()
        return self.written
