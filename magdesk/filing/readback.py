"""Re-opening a written workbook and comparing it with the rows it came from.

A sheet is read whole by python-calamine (Rust: a 5,000-sale month reads back
three times faster than with iterparse) while its XML is small enough; a
larger one is streamed with iterparse, so that memory stays flat whatever the
row count.
Tests compare the same files through openpyxl and python-calamine as well."""

from __future__ import annotations

import functools
import hashlib
import itertools
import posixpath
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from xml.etree.ElementTree import iterparse

from python_calamine import CalamineWorkbook

from .cells import canonical_column, cell_value, matches
from .template import Sheet, column_letter

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_ROW, _V, _T = f"{NS}row", f"{NS}v", f"{NS}t"
# calamine holds a sheet in about 1.6 times its XML's size: up to 16 MB of XML
# (a month of some 15,000 sales) it is read whole, beyond that streamed.
WHOLE_SHEET_BYTES = 16 << 20


class ReadBackError(Exception):
    """The file does not hold what was meant to be written."""


@dataclass(frozen=True)
class Mismatch:
    sheet: str
    row: int  # as Excel numbers it
    column: str
    expected: str
    found: str

    def __str__(self) -> str:
        return (f"{self.sheet}!{self.column}{self.row}: expected {self.expected!r}, "
                f"found {self.found!r}")


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape_text(text: str) -> str:
    """A ``<t>`` text with its ``_xHHHH_`` escapes (ECMA-376) decoded."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


@functools.cache
def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


class XlsxReader:
    """Rows of the sheets of one .xlsx file."""

    def __init__(self, path):
        self.source = path
        self.zip = zipfile.ZipFile(path)
        self.paths = self._sheet_paths()
        self.shared = self._shared_strings()
        self._calamine = None

    def close(self) -> None:
        self.zip.close()
        if self._calamine is not None:
            self._calamine.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def sheet_names(self) -> list[str]:
        return list(self.paths)

    def _sheet_paths(self) -> dict[str, str]:
        rels = {}
        with self.zip.open("xl/_rels/workbook.xml.rels") as fh:
            for _, el in iterparse(fh):
                if el.tag.endswith("Relationship"):
                    rels[el.get("Id")] = el.get("Target")
        out = {}
        with self.zip.open("xl/workbook.xml") as fh:
            for _, el in iterparse(fh):
                if el.tag == f"{NS}sheet":
                    target = rels[el.get(f"{REL_NS}id")]
                    # relative to xl/, or from the package root (openpyxl writes "/xl/…")
                    out[el.get("name")] = posixpath.normpath(
                        target[1:] if target.startswith("/") else posixpath.join("xl", target))
        return out

    def _shared_strings(self) -> list[str]:
        if "xl/sharedStrings.xml" not in self.zip.namelist():
            return []
        out = []
        with self.zip.open("xl/sharedStrings.xml") as fh:
            for _, el in iterparse(fh):
                if el.tag == f"{NS}si":
                    out.append(unescape_text("".join(t.text or "" for t in el.iter(f"{NS}t"))))
                    el.clear()
        return out

    def rows(self, sheet: str) -> Iterator[tuple[int, list]]:
        """(Excel row number, cell values) for every stored row of ``sheet``
        (an empty cell as None or "")."""
        if self.zip.getinfo(self.paths[sheet]).file_size <= WHOLE_SHEET_BYTES:
            return self._whole_rows(sheet)
        return self._streamed_rows(sheet)

    def _whole_rows(self, sheet: str) -> Iterator[tuple[int, list]]:
        if self._calamine is None:
            self._calamine = CalamineWorkbook.from_object(self.source)
        data = self._calamine.get_sheet_by_name(sheet)
        if data.start is None:
            return
        first, pad = data.start
        for number, values in enumerate(data.iter_rows(), first + 1):
            if values.count("") != len(values):  # calamine fills the gaps between rows
                yield number, [None] * pad + values if pad else values

    def _streamed_rows(self, sheet: str) -> Iterator[tuple[int, list]]:
        with self.zip.open(self.paths[sheet]) as fh:
            for _, el in iterparse(fh):
                if el.tag != _ROW:
                    continue
                values: list = []
                for cell in el:
                    col = _column_index(cell.get("r").rstrip("0123456789"))
                    if col >= len(values):
                        values.extend([None] * (col + 1 - len(values)))
                    values[col] = self._value(cell)
                yield int(el.get("r")), values
                el.clear()

    def _value(self, cell):
        kind = cell.get("t")
        if kind == "inlineStr":
            first = cell[0]  # <is>: usually one <t>, rich text has several
            if len(first) == 1:
                return unescape_text(first[0].text or "")
            return unescape_text("".join(t.text or "" for t in cell.iter(_T)))
        v = cell.find(_V)
        if v is None or v.text is None:
            return None
        if kind == "s":
            return self.shared[int(v.text)]
        if kind in ("str", "e"):
            return v.text
        if kind == "b":
            return v.text == "1"
        number = float(v.text)
        return int(number) if number.is_integer() else number


def info_items(reader: XlsxReader, sheet: str, limit: int = 200) -> dict[str, str]:
    """项目 → 内容 of a two-column sheet (申报信息), streamed and at most
    ``limit`` rows, so that a workbook given to ``audit verify --anchor`` is
    read the same careful way whatever it holds."""
    if sheet not in reader.paths:
        return {}
    out = {}
    for _number, cells in itertools.islice(reader._streamed_rows(sheet), limit):
        if len(cells) >= 2 and isinstance(cells[0], str):
            out[cells[0]] = "" if cells[1] is None else str(cells[1])
    return out


def compare_sheet(reader: XlsxReader, sheet: Sheet, rows: Iterable[dict],
                  limit: int = 20) -> list[Mismatch]:
    """Every data cell of ``sheet`` against ``rows``; at most ``limit`` mismatches."""
    out: list[Mismatch] = []
    columns, indexes = _written(sheet)
    stored = reader.rows(sheet.name)
    above: dict[int, list] = {}
    row = next(stored, None)
    while row is not None and row[0] < sheet.first_row:
        above[row[0]] = row[1]
        row = next(stored, None)
    for column, at in zip(sheet.columns, sheet.indexes, strict=True):
        texts = [str(above.get(r, [])[at]).strip() for r in sheet.header_rows
                 if at < len(above.get(r, [])) and above[r][at] not in (None, "")]
        # a header broken over lines in its cell is the same header on one
        if "".join(column.header.split()) not in ["".join(t.split()) for t in texts]:
            out.append(Mismatch(sheet.name, sheet.header_row, column_letter(at), column.header,
                                " / ".join(texts)))
    stored = itertools.chain([row] if row is not None else [], stored)
    first = sheet.first_row
    for seq, values in enumerate(rows, 1):
        number, cells = next(stored, (seq + first - 1, []))
        for column, at in zip(columns, indexes, strict=True):
            read = cells[at] if at < len(cells) else None
            value = values.get(column.field)
            if number != seq + first - 1 or not matches(column, read, value, seq):
                out.append(Mismatch(sheet.name, seq + first - 1, column_letter(at),
                                    str(cell_value(column, value, seq)), str(read)))
                if len(out) >= limit:
                    return out
    extra = next(stored, None)
    if extra is not None and sheet.total and sheet.total_column < len(extra[1]) \
            and extra[1][sheet.total_column] == sheet.total:
        extra = next(stored, None)  # the totals row (its sums checked by sheet_digest)
    if extra is not None:
        out.append(Mismatch(sheet.name, extra[0], "A", "(no more rows)", str(extra[1])))
    return out


def _written(sheet: Sheet) -> tuple[list, list[int]]:
    """The columns of ``sheet`` that hold values, and their 0-based places."""
    pairs = [(c, at) for c, at in zip(sheet.columns, sheet.indexes, strict=True) if c.mapped]
    return [c for c, _at in pairs], [at for _c, at in pairs]


def sheet_digest(reader: XlsxReader, sheets) -> tuple[str, dict[str, int]]:
    """The FILING-SPEC data checksum recomputed from the cells as read back,
    with the row count of each sheet.  A sheet's totals row (a sample layout's
    合计) is not data: it is checked to hold the sums of the cells above it,
    and a wrong one spoils the checksum."""
    digest = hashlib.sha256()
    counts = {}
    for sheet in sheets:
        digest.update(f"{sheet.name}\n".encode())
        totals: list = []
        rows = _data_rows(reader, sheet, totals)
        columns, indexes = _written(sheet)
        summed = sheet.summed
        sums = [Decimal(0)] * len(summed)
        counts[sheet.name] = 0
        while chunk := list(itertools.islice(rows, 1000)):
            counts[sheet.name] += len(chunk)
            lines, texts = _canonical_lines(columns, indexes, chunk)
            digest.update(lines)
            for k, i in enumerate(summed):
                sums[k] += sum(Decimal(t) for t in texts[i] if t and t[0] != "?")
        if sheet.total and not _totals_hold(sheet, columns, indexes, summed, sums, totals):
            digest.update(b"totals row differs from the sums of its columns\n")
    return digest.hexdigest(), counts


def _data_rows(reader: XlsxReader, sheet: Sheet, totals: list) -> Iterator[list]:
    """The cells of the data rows of ``sheet``; its totals row (the last row,
    its label where the template puts it) held back into ``totals``."""
    held = None
    for number, cells in reader.rows(sheet.name):
        if number < sheet.first_row:
            continue
        if held is not None:
            yield held
        held = cells
    if held is not None:
        at = sheet.total_column
        if sheet.total and at < len(held) and held[at] == sheet.total:
            totals.append(held)
        else:
            yield held


def _totals_hold(sheet: Sheet, columns: list, indexes: list[int], summed: list[int],
                 sums: list, totals: list) -> bool:
    if not totals:
        return False
    cells = totals[0]
    for k, i in enumerate(summed):
        read = cells[indexes[i]] if indexes[i] < len(cells) else None
        if canonical_column(columns[i], (read,))[0] != f"{sums[k]:.{columns[i].places}f}":
            return False
    return True


def _canonical_lines(columns: list, indexes: list[int], rows: list[list]) -> tuple[bytes, list]:
    """The rows' canonical texts, a line each, computed column by column (see
    cells.canonical_column); with the texts, column by column."""
    width = max(indexes) + 1
    rows = [cells if len(cells) >= width else cells + [None] * (width - len(cells))
            for cells in rows]
    if indexes == list(range(len(indexes))):
        cells_of = zip(*rows, strict=False)  # as many as the shortest row has, at least width
    else:
        cells_of = ([cells[at] for cells in rows] for at in indexes)
    texts = [canonical_column(column, cells)
             for column, cells in zip(columns, cells_of, strict=False)]
    lines = "".join(line + "\n" for line in map("\t".join, zip(*texts, strict=True))).encode()
    return lines, texts
