"""Writing the filing workbook.

xlsxwriter writes the frame of the workbook in memory: every sheet with its
header row, widths, frozen panes, filters, validation lists and print set-up.
The data rows stream from the database into a temporary file per sheet as
SpreadsheetML (sheetxml.py), and are spliced into their sheets when the file
is written, so memory stays flat whatever the row count.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC

import xlsxwriter

from .cells import display_width
from .readback import XlsxReader
from .sheetxml import FORMULA_START, SheetRows
from .template import Sheet, Template, UncodedValue, column_letter

INFO_SHEET = "申报信息"
CHECK_SHEET = "校验"
AMEND_SHEET = "更正说明"
ANCHOR_ROW = "审计链"  # 申报信息's last row: the audit chain's head (storage/anchors.py)
HEADER_STYLE = {"bold": True, "bg_color": "#D9E1F2", "border": 1, "valign": "vcenter",
                "text_wrap": False}


@dataclass
class Written:
    """What was written: row counts per sheet and the data checksum."""

    counts: dict[str, int] = field(default_factory=dict)
    data_sha256: str = ""
    after: list[tuple[str, str]] = field(default_factory=list)  # 申报信息 rows after the checksum


class _Widths:
    def __init__(self, headers: list[str]):
        self.widths = [display_width(h) for h in headers]

    def see(self, col: int, text: str) -> None:
        if 2 * len(text) > self.widths[col]:  # cheap test first: most cells are narrower
            width = display_width(text)
            if width > self.widths[col]:
                self.widths[col] = width

    def see_rows(self, rows: list[list[str]]) -> None:
        """The texts of many rows, column by column: a builtin mapped over a
        column, not a Python call per cell."""
        for col, texts in enumerate(zip(*rows, strict=True)):
            longest = max(map(len, texts))
            if 2 * longest > self.widths[col]:  # cheap test first: most columns are narrower
                width = longest if "".join(texts).isascii() else max(map(display_width, texts))
                self.widths[col] = max(self.widths[col], width)

    def apply(self, ws) -> None:
        for col, width in enumerate(self.widths):
            ws.set_column(col, col, min(max(width + 2, 6), 70))


class WorkbookWriter:
    def __init__(self, path, template: Template):
        self.path = path
        self.template = template
        self.frame = io.BytesIO()
        self.book = xlsxwriter.Workbook(self.frame, {
            "in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
            "strings_to_numbers": False, "default_date_format": "yyyy-mm-dd"})
        self.header = self.book.add_format(HEADER_STYLE)
        self.formats = {fmt: self.book.add_format({"num_format": fmt})
                        for fmt in ("@", "0", "yyyy-mm-dd", "0.000", "#,##0.00")}
        # The data rows are written as XML text, so each number format needs its
        # style index now, as writing a cell through xlsxwriter would assign it.
        self.styles = {fmt: f._get_xf_index() for fmt, f in self.formats.items()}
        # The same with Excel's quote prefix, for texts that start like a formula.
        self.quoted = {fmt: self.book.add_format({"num_format": fmt, "quote_prefix": True})
                       for fmt in self.formats}
        self.quoted_styles = {fmt: f._get_xf_index() for fmt, f in self.quoted.items()}
        self.info = self.book.add_worksheet(INFO_SHEET)
        self.digest = hashlib.sha256()
        self.written = Written()
        self.bodies: dict[str, tuple[object, str]] = {}  # sheet -> (rows file, dimension)

    def stamp(self, when) -> None:
        """The workbook's created and modified times: when it was generated
        (the info sheet's 生成时间), not the second the file is zipped, so
        the same data generated at the same time gives the same bytes."""
        self.book.set_properties({"created": when.astimezone(UTC).replace(tzinfo=None)})

    def data_sheet(self, sheet: Sheet, rows: Iterable[dict],
                   tick: Callable[[], None] | None = None) -> None:
        ws = self.book.add_worksheet(sheet.name)
        headers = [c.header for c in sheet.columns]
        self._header_row(ws, headers)
        widths = _Widths(headers)
        render = SheetRows(sheet.columns, [self.styles[c.number_format] for c in sheet.columns],
                           [self.quoted_styles[c.number_format] for c in sheet.columns]).render
        body, n = stream_rows(render, rows, 2, self.digest, sheet.name, widths.see_rows, tick)
        self._finish_table(ws, sheet.columns, n, widths)
        self.written.counts[sheet.name] = n
        self.bodies[sheet.name] = (body, f"A1:{column_letter(len(headers) - 1)}{n + 1}")

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
                    ws.write_string(r, c, str(text), self._text_format(str(text)))
                    widths.see(c, str(text))
        widths.apply(ws)
        ws.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)

    def _text_format(self, text: str):
        """A text cell's format: with the quote prefix when it starts like a formula."""
        return self.quoted["@"] if text.startswith(FORMULA_START) else self.formats["@"]

    def finish(self, info_rows: list[tuple[str, str]],
               after: list[tuple[str, str]] = ()) -> Written:
        """Write 申报信息 (row counts and checksum, then the rows ``after`` it:
        the audit chain's anchor) and close the file."""
        self.written.data_sha256 = self.digest.hexdigest()
        self.written.after = list(after)
        rows = list(info_rows)
        rows += [(f"{name} 行数", str(n)) for name, n in self.written.counts.items()]
        rows.append(("数据校验码", self.written.data_sha256))
        rows += self.written.after
        self._header_row(self.info, ["项目", "内容"])
        widths = _Widths(["项目", "内容"])
        for r, (item, value) in enumerate(rows, 1):
            self.info.write_string(r, 0, item, self.formats["@"])
            self.info.write_string(r, 1, value, self._text_format(value))
            widths.see(0, item)
            widths.see(1, value)
        widths.apply(self.info)
        self.info.activate()
        self.book.close()
        try:
            self._assemble()
        finally:
            for body, _dimension in self.bodies.values():
                body.close()
        return self.written

    def _assemble(self) -> None:
        """The frame's members in order, each data sheet with its rows spliced in."""
        splice(self.frame, self.path, self.bodies)


def stream_rows(render, rows: Iterable[dict], first_row: int, digest, sheet_name: str,
                see_texts: Callable[[list], None] | None = None,
                tick: Callable[[], None] | None = None) -> tuple[object, int]:
    """Render ``rows`` (from Excel row ``first_row``) into a temporary rows
    file, a thousand at a time, adding their canonical lines to ``digest``
    (under the sheet's name) and showing their texts to ``see_texts`` (the
    column widths).  Returns (the rows file, the number of rows)."""
    digest.update(f"{sheet_name}\n".encode())
    body = tempfile.TemporaryFile()
    rendered: list[tuple[str, list[str], str]] = []

    def flush() -> None:
        if rendered:
            xml, texts, lines = zip(*rendered, strict=True)
            body.write("".join(xml).encode())
            digest.update("".join(line + "\n" for line in lines).encode())
            if see_texts is not None:
                see_texts(texts)
            rendered.clear()

    n = 0
    try:
        for n, row in enumerate(rows, 1):
            rendered.append(render(n + first_row - 1, n, row))
            if n % 1000 == 0:
                flush()
                if tick is not None:
                    tick()
    except UncodedValue as exc:  # said with the sheet and row by the export
        exc.sheet, exc.row = sheet_name, n + first_row - 1
        body.close()
        raise
    flush()
    return body, n


def splice(frame, path, bodies: dict[str, tuple[object, str]],
           prepare: Callable[[str, str], str] | None = None) -> None:
    """Write the workbook ``frame`` (bytes in a file-like) to ``path``, each
    sheet named in ``bodies`` with its rows file spliced in before
    ``</sheetData>`` and its dimension set; ``prepare(sheet, xml)`` may first
    change a sheet's XML (take out placeholder rows)."""
    with XlsxReader(frame) as book:
        members = {path_: name for name, path_ in book.paths.items()}
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for info in book.zip.infolist():
                data = book.zip.read(info)
                name = members.get(info.filename)
                if name not in bodies:
                    out.writestr(info, data, zipfile.ZIP_DEFLATED)
                    continue
                body, dimension = bodies[name]
                xml = data.decode()
                if prepare is not None:
                    xml = prepare(name, xml)
                head, tail = xml.split("</sheetData>", 1)
                head = _DIMENSION.sub(f'<dimension ref="{dimension}"/>', head, count=1)
                member = zipfile.ZipInfo(info.filename, info.date_time)
                member.compress_type = zipfile.ZIP_DEFLATED
                with out.open(member, "w", force_zip64=True) as sink:
                    sink.write(head.encode())
                    body.seek(0)
                    shutil.copyfileobj(body, sink, 1 << 20)
                    sink.write(("</sheetData>" + tail).encode())


_DIMENSION = re.compile(r'<dimension ref="[^"]*"\s*/>')
