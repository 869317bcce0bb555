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

from .cells import EXCEL_EPOCH, cell_value, scaled
from .template import Column, UncodedValue, column_letter

_SPECIAL = re.compile(r"[&<>_\x00-\x08\x0b-\x1f\ufffe\uffff]")
_LITERAL_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_EPOCH_DAY = EXCEL_EPOCH.date().toordinal()

TEXT_KINDS = {"text", "enum", "bool"}
# A text starting so is a formula to Excel if ever re-entered: its cell carries
# Excel's quote prefix (a style, so the value and the checksum are unchanged).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_AT = re.compile(r"(?:^|\t)[=+\-@\r]")
QUOTED = 4  # in a row's pattern: the text cell is written with the quote prefix


def escape_text(text: str) -> str:
    """``text`` as the content of a ``<t>`` element."""
    if not _SPECIAL.search(text):
        return text
    text = _LITERAL_ESCAPE.sub(r"_x005F\g<0>", text)
    text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def excel_serial(day: date) -> int:
    if isinstance(day, datetime):
        day = day.date()
    return day.toordinal() - _EPOCH_DAY


def text_of(column: Column) -> Callable[[object, int], str]:
    """The function giving ``column``'s canonical text (cells.canonical) from
    the raw value and the row's sequence number: what the data checksum is
    computed over, the text of a text cell, and the stored value of a number
    (a date's is its serial day)."""
    kind = column.kind
    if column.const is not None:
        const = column.const
        return lambda _raw, _seq: const
    if kind == "seq":
        return lambda _raw, seq: str(seq)
    if kind in ("mass", "money"):
        display = scaled(column.places).display  # "" for none; kg with 3 decimals, t with 6
        return lambda raw, _seq: display(raw)
    if kind == "date":
        return lambda raw, _seq: "" if raw is None or raw == "" else raw.isoformat()
    if kind == "integer":
        return lambda raw, _seq: "" if raw is None or raw == "" else str(int(raw))
    if kind == "text":
        return lambda raw, _seq: "" if raw is None or raw == "" else str(raw)
    # enum and bool: the labels (or the template's codes) of the known values
    # looked up, any other value as cell_value has it
    known = (True, False) if kind == "bool" else tuple(column.enum.__members__)
    if column.codes:
        codes = column.code_map

        def coded(raw, _seq):
            if raw is None or raw == "":
                return ""
            if raw not in codes:
                raise UncodedValue(column, raw)
            return codes[raw]

        return coded
    labels = {value: cell_value(column, value, 0) for value in known}
    return lambda raw, seq: labels.get(raw) or ("" if raw is None or raw == "" else
                                                cell_value(column, raw, seq))


class SheetRows:
    """The ``<row>`` elements of one sheet's data.

    A row is one ``str.format`` of the cells' texts: the row's format, with
    its empty cells left out and ``xml:space`` on the texts with space at an
    end, is built once for each such pattern of a sheet."""

    def __init__(self, columns: tuple[Column, ...], styles: list[int],
                 quoted: list[int] | None = None, indexes: list[int] | None = None):
        """``styles``, ``quoted``: each column's style index, plain and with
        the quote prefix; ``indexes``: each column's 0-based place in the
        sheet (by default one after the other from A)."""
        self.texts = [(c.field, text_of(c)) for c in columns]
        quoted = quoted or styles
        indexes = indexes or list(range(len(columns)))
        self.cells = [(column_letter(at), style, c.kind in TEXT_KINDS or c.const is not None)
                      for at, style, c in zip(indexes, styles, columns, strict=True)]
        self.quoted = list(quoted)
        self.dates = [(i, c.field) for i, c in enumerate(columns)
                      if c.kind == "date" and c.const is None]
        self.formats: dict[tuple, str] = {}

    def render(self, r: int, seq: int, row: dict) -> tuple[str, list[str], str]:
        """(the XML of row ``r``, its cells' canonical texts, the texts joined by tabs)."""
        texts = [text(row.get(name), seq) for name, text in self.texts]
        line = "\t".join(texts)
        values = [escape_text(t) for t in texts] if _SPECIAL.search(line) else texts.copy()
        for i, name in self.dates:
            if values[i]:
                values[i] = str(excel_serial(row[name]))
        if list(map(str.strip, texts)) == texts:
            pattern = tuple(map(bool, texts))
            if _FORMULA_AT.search(line):
                pattern = self._quoted(pattern, texts)
        else:
            pattern = self._quoted(tuple(2 if t.strip() != t else bool(t) for t in texts),
                                   texts)
        form = self.formats.get(pattern) or self._format(pattern)
        return form.format(r, *values), texts, line

    def _quoted(self, pattern: tuple, texts: list[str]) -> tuple:
        """``pattern`` with QUOTED added for the text cells that start like a formula."""
        return tuple(kind | QUOTED if kind and cell[2] and t.startswith(FORMULA_START) else kind
                     for kind, cell, t in zip(pattern, self.cells, texts, strict=True))

    def _format(self, pattern: tuple) -> str:
        """1 for a cell with a value, 2 for a text to keep its spaces, 0 for none;
        plus QUOTED for a text cell with Excel's quote prefix."""
        cells = []
        for i, ((letter, style, text), kind) in enumerate(zip(self.cells, pattern, strict=True)):
            if kind & QUOTED:
                style, kind = self.quoted[i], kind & ~QUOTED
            if kind and text:
                space = ' xml:space="preserve"' if kind == 2 else ""
                cells.append(f'<c r="{letter}{{0}}" s="{style}" t="inlineStr">'
                             f"<is><t{space}>{{{i + 1}}}</t></is></c>")
            elif kind:
                cells.append(f'<c r="{letter}{{0}}" s="{style}"><v>{{{i + 1}}}</v></c>')
        form = self.formats[pattern] = '<row r="{0}">' + "".join(cells) + "</row>"
        return form
