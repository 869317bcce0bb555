"""What a value becomes in the workbook: the cell written, its canonical text
(for the checksum and the amendment diff), and the test that a cell read back
holds it."""

from __future__ import annotations

import functools
import unicodedata
from datetime import date, datetime

from ..core.kinds import boolean, count, enum, mass, money, text
from ..core.kinds import date as day_kind
from .template import Column

EXCEL_EPOCH = datetime(1899, 12, 30)
as_date = day_kind.as_date  # the day a cell read back holds

# The field kind of each column kind of the template: what its cell holds,
# its canonical text, and the reading of a cell back, are the kind's.
KINDS = {"mass": mass, "money": money, "date": day_kind, "bool": boolean, "enum": enum,
         "text": text, "integer": count, "seq": count}


def cell_value(column: Column, value, seq: int):
    """The Python value to write (None: leave the cell empty)."""
    kind = column.kind
    if kind == "seq":
        return seq
    if value is None or value == "":
        return None
    if kind == "enum":
        return enum.cell(value, column.enum)
    return KINDS.get(kind, count).cell(value)  # a column of another kind: as it is


def canonical(column: Column, value, seq: int) -> str:
    """The cell's text as FILING-SPEC defines it for the data checksum."""
    kind = column.kind
    if kind == "seq":
        return str(seq)
    if value is None or value == "":
        return ""
    if kind == "enum":
        return enum.filing(value, column.enum)
    return KINDS.get(kind, count).filing(value)


def canonical_read(column: Column, read) -> str:
    """The same text from a cell as read back from the file."""
    return canonical_reader(column.kind)(read)


_READERS = {"mass": mass.read, "money": money.read, "date": day_kind.read, "seq": count.read,
            "integer": count.read}


def canonical_reader(kind: str):
    """``canonical_read`` for one column kind, as a function of the cell alone."""
    return _READERS.get(kind, text.read)


_NUMBER_TEXT = {"mass": "{:.3f}".format, "money": "{:.2f}".format}  # mass.read, money.read


def canonical_column(kind: str, cells: tuple) -> list[str] | tuple:
    """``canonical_reader(kind)`` over a column of cells read back.  Where the
    cells' types allow (all text, all numbers, all dates) it is one builtin
    mapped over them, not a Python call per cell: the same texts, faster."""
    types = set(map(type, cells))
    if kind in ("text", "enum", "bool") and types <= {str}:
        return cells
    if kind in _NUMBER_TEXT and types <= {float, int}:
        return list(map(_NUMBER_TEXT[kind], cells))
    if kind == "date" and types <= {date}:
        return list(map(date.isoformat, cells))
    if kind in ("seq", "integer"):
        if types <= {int}:
            return list(map(str, cells))
        if types <= {float} and all(map(float.is_integer, cells)):
            return list(map(str, map(int, cells)))
    return list(map(canonical_reader(kind), cells))


def matches(column: Column, read, value, seq: int) -> bool:
    """Whether a cell read back (as openpyxl, calamine or our reader give it)
    holds what was meant to be written."""
    expected = cell_value(column, value, seq)
    if expected is None:
        return read is None or read == ""
    kind = column.kind
    if kind in ("mass", "money", "date"):
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
