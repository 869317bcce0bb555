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
    """``canonical_read`` for one column kind, as a function of the cell alone
    (the read-back calls it for every cell)."""
    return _READERS.get(kind, _read_text)


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
