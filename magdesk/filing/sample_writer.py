"""Filling an authority's sample workbook (a template of ``layout = "sample"``).

The sample stays as the authority made it: its sheets, styles, column widths,
merged title and header rows, instruction sheets and drop-down lists.  Below
each data sheet's header the sample's own rows (examples, pre-formatted empty
lines) are taken away and the month's rows are written, each column at its
letter, in the sample's unit, number format and codes, styled like the
sample's first data row.

openpyxl opens and saves the sample (small: it holds no data); two
placeholder rows written there with each column's style, plain and with
Excel's quote prefix, tell the style numbers the saved file gives them.  The
data rows themselves are written as text (sheetxml.py) and spliced in in
place of the placeholders, as for magdesk's own layout, so a month of 100,000
rows costs what it costs there.  magdesk's sheets (申报信息, 校验, 更正说明) follow
the sample's when the template asks for them.
"""

from __future__ import annotations

import copy
import hashlib
import io
import re
from collections.abc import Callable, Iterable
from datetime import UTC
from decimal import Decimal

import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.cell_range import CellRange

from .cells import display_width
from .readback import XlsxReader
from .sheetxml import FORMULA_START, SheetRows, escape_text
from .template import Sheet, Template, column_letter
from .writer import INFO_SHEET, Written, splice, stream_rows

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_THIN = Side(style="thin")
_HEADER_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


class SampleWriter:
    """The same calls as writer.WorkbookWriter, onto the template's sample."""

    def __init__(self, path, template: Template):
        if template.sample is None:
            raise ValueError(f"template {template.id!r} has no sample workbook")
        self.path = path
        self.template = template
        self.book = openpyxl.load_workbook(io.BytesIO(template.sample), rich_text=True)
        self.digest = hashlib.sha256()
        self.written = Written()
        self.bodies: dict[str, tuple[object, str]] = {}
        self.sheets = {s.name: s for s in template.sheets}
        missing = [name for name in self.sheets if name not in self.book.sheetnames]
        if missing:
            raise ValueError(f"the sample has no sheet {', '.join(map(repr, missing))}")
        self._cached = None
        for sheet in template.sheets:
            self._clear_below_header(sheet)
            self._values_above(sheet)
        self.styles = self._placeholder_styles()

    # -- the sample's data sheets -------------------------------------------------

    def stamp(self, when) -> None:
        """As ``WorkbookWriter.stamp``: created and modified are the time generated."""
        moment = when.astimezone(UTC).replace(tzinfo=None, microsecond=0)
        self.book.properties.created = self.book.properties.modified = moment

    def _clear_below_header(self, sheet: Sheet) -> None:
        """Take the sample's rows below the header away, keeping the look of
        its first data row's cells for the placeholders."""
        ws = self.book[sheet.name]
        first = sheet.first_row
        looks = {}
        for at in sheet.indexes:
            cell = ws._cells.get((first, at + 1))
            looks[at] = copy.copy(cell._style) if cell is not None and cell.has_style else None
        for merged in list(ws.merged_cells.ranges):
            if merged.max_row >= first:
                ws.merged_cells.remove(merged)
        for row, col in [key for key in ws._cells if key[0] >= first]:
            del ws._cells[(row, col)]
        for row in [r for r in ws.row_dimensions if r >= first]:
            del ws.row_dimensions[row]
        for quoted, row in ((False, first), (True, first + 1)):
            for column, at in zip(sheet.columns, sheet.indexes, strict=True):
                if not column.mapped:
                    continue
                cell = ws.cell(row, at + 1)
                if looks[at] is not None:
                    cell._style = copy.copy(looks[at])
                cell.number_format = column.number_format
                cell.quotePrefix = quoted

    def _values_above(self, sheet: Sheet) -> None:
        """No formula in a data sheet: one above the header (填报日期 =TODAY())
        becomes the value the sample last showed, or an empty cell."""
        ws = self.book[sheet.name]
        found = [cell for (row, _col), cell in ws._cells.items()
                 if row < sheet.first_row and cell.data_type == "f"]
        if not found:
            return
        if self._cached is None:
            self._cached = openpyxl.load_workbook(io.BytesIO(self.template.sample),
                                                  data_only=True)
        shown = self._cached[sheet.name]
        for cell in found:
            value = shown.cell(cell.row, cell.column).value
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"
                cell.quotePrefix = value.startswith(FORMULA_START)

    def _placeholder_styles(self) -> dict[str, tuple[list[int], list[int]]]:
        """Each data sheet's written columns' style numbers (plain, quoted), as
        the saved file numbers them."""
        out = {}
        with XlsxReader(self._save()) as saved:
            for name, sheet in self.sheets.items():
                xml = saved.zip.read(saved.paths[name]).decode()
                plain = _row_styles(xml, sheet.first_row)
                quoted = _row_styles(xml, sheet.first_row + 1)
                letters = [column_letter(at) for c, at in zip(sheet.columns, sheet.indexes,
                                                              strict=True) if c.mapped]
                out[name] = ([plain.get(x, 0) for x in letters],
                             [quoted.get(x, 0) for x in letters])
        return out

    def data_sheet(self, sheet: Sheet, rows: Iterable[dict],
                   tick: Callable[[], None] | None = None) -> None:
        columns = sheet.written
        indexes = [at for c, at in zip(sheet.columns, sheet.indexes, strict=True) if c.mapped]
        plain, quoted = self.styles[sheet.name]
        render = SheetRows(columns, plain, quoted, indexes).render
        summed = sheet.summed
        sums = [Decimal(0)] * len(summed)

        def add(texts_of_rows) -> None:
            for k, i in enumerate(summed):
                sums[k] += sum(Decimal(texts[i]) for texts in texts_of_rows if texts[i])

        body, n = stream_rows(render, rows, sheet.first_row, self.digest, sheet.name,
                              add if sheet.total else None, tick)
        self.written.counts[sheet.name] = n
        ws = self.book[sheet.name]
        last_row = max(sheet.first_row + n - 1, sheet.header_row)
        if sheet.total:
            last_row = sheet.first_row + n
            body.seek(0, 2)
            body.write(_total_row(sheet, last_row, columns, indexes, plain, summed,
                                  sums).encode())
        width = max(ws.max_column, max(indexes) + 1)
        self.bodies[sheet.name] = (body, f"A1:{column_letter(width - 1)}{last_row}")
        _extend_validations(ws, sheet, indexes, last_row)
        _extend_tables(ws, sheet, max(sheet.first_row + n - 1, sheet.first_row))

    # -- magdesk's sheets -----------------------------------------------------------

    def plain_sheet(self, name: str, headers: list[str], rows: list[list[str]]) -> None:
        """A small all-text sheet (校验, 更正说明), after the sample's."""
        if self.template.magdesk_sheets:
            self._text_sheet(name, headers, rows)

    def _text_sheet(self, name: str, headers: list[str], rows: list[list[str]]) -> None:
        ws = self.book.create_sheet(_free_name(self.book, name))
        widths = [display_width(h) for h in headers]
        for col, header in enumerate(headers, 1):
            cell = ws.cell(1, col, header)
            cell.font, cell.fill, cell.border = _HEADER_FONT, _HEADER_FILL, _HEADER_BORDER
            cell.alignment = Alignment(vertical="center")
        for r, row in enumerate(rows, 2):
            for c, text in enumerate(row, 1):
                if text != "":
                    cell = ws.cell(r, c, str(text))
                    cell.data_type, cell.number_format = "s", "@"
                    cell.quotePrefix = str(text).startswith(FORMULA_START)
                    widths[c - 1] = max(widths[c - 1], display_width(str(text)))
        for col, width in enumerate(widths):
            ws.column_dimensions[column_letter(col)].width = min(max(width + 2, 6), 70)
        ws.freeze_panes = "A2"

    def finish(self, info_rows: list[tuple[str, str]],
               after: list[tuple[str, str]] = ()) -> Written:
        """申报信息 (when the template keeps magdesk's sheets), then the file."""
        self.written.data_sha256 = self.digest.hexdigest()
        self.written.after = list(after) if self.template.magdesk_sheets else []
        if self.template.magdesk_sheets:
            rows = list(info_rows)
            rows += [(f"{name} 行数", str(n)) for name, n in self.written.counts.items()]
            rows.append(("数据校验码", self.written.data_sha256))
            rows += self.written.after
            self._text_sheet(INFO_SHEET, ["项目", "内容"], [list(r) for r in rows])
        try:
            splice(self._save(), self.path, self.bodies, self._without_placeholders)
        finally:
            for body, _dimension in self.bodies.values():
                body.close()
        return self.written

    def _without_placeholders(self, name: str, xml: str) -> str:
        first = self.sheets[name].first_row
        for row in (first, first + 1):
            xml = re.sub(rf'<row r="{row}"[^>]*?(?:/>|>.*?</row>)', "", xml, count=1,
                         flags=re.DOTALL)
        return xml

    def _save(self) -> io.BytesIO:
        frame = io.BytesIO()
        self.book.save(frame)
        frame.seek(0)
        return frame


def _total_row(sheet: Sheet, r: int, columns, indexes: list[int], styles: list[int],
               summed: list[int], sums: list[Decimal]) -> str:
    """The totals row: its label, and each quantity's and amount's sum in the
    column's decimals (exact: the sum of the written texts)."""
    label_style = next((st for at, st in zip(indexes, styles, strict=True)
                        if at == sheet.total_column), styles[0] if styles else 0)
    cells = {sheet.total_column: f'<c r="{column_letter(sheet.total_column)}{r}" '
                                 f's="{label_style}" t="inlineStr"><is><t>'
                                 f"{escape_text(sheet.total)}</t></is></c>"}
    for i, total in zip(summed, sums, strict=True):
        at, column = indexes[i], columns[i]
        cells[at] = (f'<c r="{column_letter(at)}{r}" s="{styles[i]}">'
                     f"<v>{total:.{column.places}f}</v></c>")
    return f'<row r="{r}">' + "".join(cells[at] for at in sorted(cells)) + "</row>"


_CELL_STYLE = re.compile(r'<c r="([A-Z]+)(\d+)"([^>]*?)/?>')
_STYLE = re.compile(r'\bs="(\d+)"')


def _row_styles(xml: str, row: int) -> dict[str, int]:
    """Column letter → style number of the cells of one row of a sheet's XML."""
    match = re.search(rf'<row r="{row}"[^>]*?>(.*?)</row>', xml, flags=re.DOTALL)
    out = {}
    if match:
        for letter, _number, attrs in _CELL_STYLE.findall(match.group(1)):
            style = _STYLE.search(attrs)
            out[letter] = int(style.group(1)) if style else 0
    return out


def _extend_validations(ws, sheet: Sheet, indexes: list[int], last_row: int) -> None:
    """A drop-down list of the sample that covers a column's data cells goes
    down to the last row written (the sample's own reach is kept when longer)."""
    columns = {at + 1 for at in indexes}
    for validation in ws.data_validations.dataValidation:
        ranges = []
        for area in validation.sqref.ranges:
            reaches = area.max_row >= sheet.first_row and area.min_row <= sheet.first_row
            if reaches and columns & set(range(area.min_col, area.max_col + 1)) \
                    and area.max_row < last_row:
                area = CellRange(min_col=area.min_col, min_row=area.min_row,
                                 max_col=area.max_col, max_row=last_row)
            ranges.append(area.coord)
        validation.sqref = " ".join(ranges)


def _extend_tables(ws, sheet: Sheet, last_row: int) -> None:
    """An Excel table (and a filter) the sample puts on its header goes down
    to the last data row written, so the table holds the month's rows (the
    sample's own reach is kept when longer; a table with its own totals row
    is left as it is)."""
    def stretched(ref: str) -> str | None:
        area = CellRange(ref)
        if sheet.header_rows[0] <= area.min_row < sheet.first_row <= area.max_row + 1 and \
                area.max_row < last_row:
            return CellRange(min_col=area.min_col, min_row=area.min_row, max_col=area.max_col,
                             max_row=last_row).coord
        return None

    for table in ws.tables.values():
        ref = stretched(table.ref) if not table.totalsRowCount else None
        if ref:
            table.ref = ref
            if table.autoFilter is not None:
                table.autoFilter.ref = ref
    if ws.auto_filter.ref and (ref := stretched(ws.auto_filter.ref)):
        ws.auto_filter.ref = ref


def _free_name(book, name: str) -> str:
    """``name``, or ``name (2)`` … when the sample has a sheet so named."""
    if name not in book.sheetnames:
        return name
    n = 2
    while f"{name} ({n})" in book.sheetnames:
        n += 1
    return f"{name} ({n})"
