"""What a value becomes in the workbook: the cell written, its canonical text
(for the checksum and the amendment diff), and the test that a cell read back
holds it."""

from __future__ import annotations

import functools
import unicodedata
from datetime import date, datetime, timedelta

from ..core.enums import yes_no
from ..core.units import format_kg, format_money
from .template import Column

EXCEL_EPOCH = datetime(1899, 12, 30)


def cell_value(column: Column, value, seq: int):
    """The Python value to write (None: leave the cell empty)."""
    kind = column.kind
    if kind == "seq":
        return seq
    if value is None or value == "":
        return None
    if kind == "mass":
        return value / 1000
    if kind == "money":
        return value / 100
    if kind == "enum":
        return column.enum(value).label("zh") if value in column.enum.__members__ else str(value)
    if kind == "bool":
        return yes_no(bool(value))
    if kind == "text":
        return str(value)
    return value  # date, integer


def canonical(column: Column, value, seq: int) -> str:
    """The cell's text as FILING-SPEC defines it for the data checksum."""
    kind = column.kind
    if kind == "seq":
        return str(seq)
    if value is None or value == "":
        return ""
    if kind == "mass":
        return format_kg(value)
    if kind == "money":
        return format_money(value)
    if kind == "date":
        return value.isoformat()
    if kind in ("enum", "bool", "text"):
        return cell_value(column, value, seq)
    return str(int(value))


def canonical_read(column: Column, read) -> str:
    """The same text from a cell as read back from the file."""
    return canonical_reader(column.kind)(read)


def _read_mass(read) -> str:
    if read is None or read == "":
        return ""
    return f"{read:.3f}" if _is_number(read) else f"?{read}"


def _read_money(read) -> str:
    if read is None or read == "":
        return ""
    return f"{read:.2f}" if _is_number(read) else f"?{read}"


def _read_date(read) -> str:
    if read is None or read == "":
        return ""
    day = as_date(read)
    return day.isoformat() if day else f"?{read}"


def _read_integer(read) -> str:
    if read is None or read == "":
        return ""
    return str(int(read)) if _is_number(read) and read == int(read) else f"?{read}"


def _read_text(read) -> str:
    if read is None:
        return ""
    return read if isinstance(read, str) else f"?{read}"


_READERS = {"mass": _read_mass, "money": _read_money, "date": _read_date, "seq": _read_integer,
            "integer": _read_integer}


def canonical_reader(kind: str):
    """``canonical_read`` for one column kind, as a function of the cell alone."""
    return _READERS.get(kind, _read_text)


_NUMBER_TEXT = {"mass": "{:.3f}".format, "money": "{:.2f}".format}


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
    if kind == "mass":
        return _is_number(read) and round(read * 1000) == value
    if kind == "money":
        return _is_number(read) and round(read * 100) == value
    if kind == "date":
        return as_date(read) == value
    if kind in ("seq", "integer"):
        return _is_number(read) and read == expected
    return isinstance(read, str) and read == expected


def as_date(read) -> date | None:
    if isinstance(read, datetime):
        return read.date()
    if isinstance(read, date):
        return read
    if _is_number(read):
        return (EXCEL_EPOCH + timedelta(days=read)).date()
    return None


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@functools.lru_cache(maxsize=4096)  # names and products repeat down a sheet
def display_width(text: str) -> int:
    """Columns a text takes in Excel: CJK (wide) characters count double."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
