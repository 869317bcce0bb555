"""The data rows of a worksheet as SpreadsheetML text.

xlsxwriter writes the workbook around the data (styles, widths, frozen header,
filters, validation lists, print set-up); the ``<row>`` elements, which are
nearly all of a filing workbook, are written here as text and spliced into the
sheet.  That is several times faster than one library call per cell, and no
value can turn into markup, a rich string or a formula: every text is escaped
and written as an inline string.

Text escaping follows ECMA-376 (and what Excel and xlsxwriter do): ``&``, ``<``
and ``>`` as entities; control characters as ``_xHHHH_``; a literal
``_xHHHH_`` in the text gets its underscore escaped as ``_x005F_``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime

from ..core.units import format_kg, format_money
from .cells import EXCEL_EPOCH, cell_value
from .template import Column

_SPECIAL = re.compile(r"[&<>_\x00-\x08\x0b-\x1f\ufffe\uffff]")
_LITERAL_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_EPOCH_DAY = EXCEL_EPOCH.date().toordinal()

# (cell XML or "" for an empty cell, the cell's canonical text)
CellFn = Callable[[int, object, int], tuple[str, str]]


def escape_text(text: str) -> str:
    """``text`` as the content of a ``<t>`` element."""
    if not _SPECIAL.search(text):
        return text
    text = _LITERAL_ESCAPE.sub(r"_x005F\g<0>", text)
    text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def string_cell(ref: str, style: int, text: str) -> str:
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>{escape_text(text)}</t></is></c>'


def excel_serial(day: date) -> int:
    if isinstance(day, datetime):
        day = day.date()
    return day.toordinal() - _EPOCH_DAY


def column_cell(column: Column, letter: str, style: int) -> CellFn:
    """The function that renders ``column``'s cell in row ``r``: raw value in,
    (XML, canonical text) out.  The canonical text is what FILING-SPEC's data
    checksum is computed over (see cells.canonical)."""
    kind = column.kind
    if kind == "seq":
        return lambda r, _raw, seq: (f'<c r="{letter}{r}" s="{style}"><v>{seq}</v></c>', str(seq))

    def number(r: int, value, text: str) -> tuple[str, str]:
        return f'<c r="{letter}{r}" s="{style}"><v>{value!r}</v></c>', text

    if kind == "mass":
        return lambda r, raw, _seq: ("", "") if raw is None or raw == "" else \
            number(r, raw / 1000, format_kg(raw))
    if kind == "money":
        return lambda r, raw, _seq: ("", "") if raw is None or raw == "" else \
            number(r, raw / 100, format_money(raw))
    if kind == "date":
        return lambda r, raw, _seq: ("", "") if raw is None or raw == "" else \
            number(r, excel_serial(raw), raw.isoformat())
    if kind == "integer":
        return lambda r, raw, _seq: ("", "") if raw is None or raw == "" else \
            number(r, int(raw), str(int(raw)))

    def text(r: int, raw, seq: int) -> tuple[str, str]:
        value = cell_value(column, raw, seq)
        if value is None:
            return "", ""
        return string_cell(f"{letter}{r}", style, value), value

    return text  # text, enum, bool
