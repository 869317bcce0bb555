"""What a value becomes in the workbook: the cell written, its canonical text
(for the checksum and the amendment diff), and the test that a cell read back
holds it."""

from __future__ import annotations

import functools
import unicodedata
from datetime import date, datetime

from ..core.kinds import boolean, count, enum, mass, money, text
from ..core.kinds import date as day_kind
from ..core.kinds._base import Scaled
from .template import Column

EXCEL_EPOCH = datetime(1899, 12, 30)
as_date = day_kind.as_date  # the day a cell read back holds

# The field kind of each column kind of the template: what its cell holds,
# its canonical text, and the reading of a cell back, are the kind's.
KINDS = {"mass": mass, "money": money, "date": day_kind, "bool": boolean, "enum": enum,
         "text": text, "integer": count, "seq": count}


@functools.cache
def scaled(places: int) -> Scaled:
    """The numbers of a mass or money column written with ``places`` decimals
    of the stored integer (kg: 3, t: 6 of grams; 元: 2, 万元: 6 of fen)."""
    return Scaled(places)


def cell_value(column: Column, value, seq: int):
    """The Python value to write (None: leave the cell empty)."""
    kind = column.kind
    if column.const is not None:
        return column.const or None
    if kind == "seq":
        return seq
    if value is None or value == "":
        return None
    if column.codes and value in column.code_map:
        return column.code_map[value]
    if kind == "enum":
        return enum.cell(value, column.enum)
    if kind in ("mass", "money"):
        return scaled(column.places).cell(value)
    return KINDS.get(kind, count).cell(value)  # a column of another kind: as it is


def canonical(column: Column, value, seq: int) -> str:
    """The cell's text as FILING-SPEC defines it for the data checksum."""
    kind = column.kind
    if column.const is not None:
        return column.const
    if kind == "seq":
        return str(seq)
    if value is None or value == "":
        return ""
    if column.codes and value in column.code_map:
        return column.code_map[value]
    if kind == "enum":
        return enum.filing(value, column.enum)
    if kind in ("mass", "money"):
        return scaled(column.places).display(value)
    return KINDS.get(kind, count).filing(value)


def canonical_read(column: Column, read) -> str:
    """The same text from a cell as read back from the file."""
    return canonical_reader(column)(read)


_READERS = {"date": day_kind.read, "seq": count.read, "integer": count.read}


def canonical_reader(column: Column):
    """``canonical_read`` for one column, as a function of the cell alone."""
    if column.const is None and column.kind in ("mass", "money"):
        return scaled(column.places).read
    return _READERS.get(column.kind, text.read) if column.const is None else text.read


def canonical_column(column: Column, cells: tuple) -> list[str] | tuple:
    """``canonical_reader(column)`` over a column of cells read back.  Where the
    cells' types allow (all text, all numbers, all dates) it is one builtin
    mapped over them, not a Python call per cell: the same texts, faster."""
    types = set(map(type, cells))
    kind = "text" if column.const is not None else column.kind
    if kind in ("text", "enum", "bool") and types <= {str}:
        return cells
    if kind in ("mass", "money") and types <= {float, int}:
        return list(map(f"{{:.{column.places}f}}".format, cells))
    if kind == "date" and types <= {date}:
        return list(map(date.isoformat, cells))
    if kind in ("seq", "integer"):
        if types <= {int}:
            return list(map(str, cells))
        if types <= {float} and all(map(float.is_integer, cells)):
            return list(map(str, map(int, cells)))
    return list(map(canonical_reader(column), cells))


def matches(column: Column, read, value, seq: int) -> bool:
    """Whether a cell read back (as openpyxl, calamine or our reader give it)
    holds what was meant to be written."""
    expected = cell_value(column, value, seq)
    if expected is None:
        return read is None or read == ""
    kind = column.kind
    if column.const is not None or column.codes and value in column.code_map:
        return text.matches(read, expected)
    if kind in ("mass", "money"):
        return scaled(column.places).matches(read, value)
    if kind == "date":
        return KINDS[kind].matches(read, value)
    if kind in ("seq", "integer"):
        return count.matches(read, expected)
    return text.matches(read, expected)


@functools.lru_cache(maxsize=4096)  # names and products repeat down a sheet
def display_width(text: str) -> int:
    """Columns a text takes in Excel: CJK (wide) characters count double."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
