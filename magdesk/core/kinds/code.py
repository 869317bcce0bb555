"""An identifier (document, lot and batch numbers, HS codes, credit codes,
declaration numbers): text as written; from a spreadsheet it may be a number
Excel has already rounded, which is refused, never silently accepted."""

from __future__ import annotations

import math
import re
from datetime import date, datetime

from ._base import DASHES, KindError, normalise_width
from .text import clean, number_text

NAME = "code"
NUMERIC = False
EXCEL_DIGITS = 15  # Excel keeps 15 significant digits of a number
_SCIENTIFIC = r"^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+\Z"
_COMPACT = f"[\\s.{re.escape(DASHES)}]"  # any dash: see _base.DASHES
_CONTROL = r"^(\d[A-Za-z]\d{3})(.*)\Z"
# (patterns, compiled by re on first use and cached there: a table shows codes
# without parsing any, and the window's start pays for no compiling)


def lenient(value) -> str:
    """An identifier from a cell, as text.  A number that Excel rounded (16
    or more digits) or shows in scientific notation (``1.23457E+17``) is an
    error (``import.mangled_id``)."""
    if isinstance(value, bool):
        raise KindError("import.mangled_id", value)
    if type(value) is str and value.isascii() and value.isprintable() and "  " not in value \
            and value == value.strip() and not value.startswith("'"):
        # the common case, and NFKC leaves printable ASCII as it is
        if ("E" in value or "e" in value) and re.match(_SCIENTIFIC, value):
            raise KindError("import.mangled_id", value)
        return value
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise KindError("import.mangled_id", value)
        if abs(value) >= 10**EXCEL_DIGITS:
            raise KindError("import.mangled_id", f"{float(value):.5E}")  # as Excel shows it
        return number_text(value)
    if isinstance(value, (date, datetime)):
        return clean(value)
    text = clean(normalise_width(str(value)))
    if text.startswith("'"):  # Excel's "keep as text" mark, typed into a csv
        text = text[1:].strip()
    if re.match(_SCIENTIFIC, text):
        raise KindError("import.mangled_id", text)
    return text


def parse(text) -> str:
    """A typed identifier: trimmed (its canonical case is the field's rule)."""
    return str(text).strip()


def compact(value) -> str:
    """An identifier without any inner spaces, dots or hyphens (HS codes written
    ``8505.11.1000``, declaration numbers in groups)."""
    if type(value) is str and value.isdigit() and value.isascii():
        return value
    return re.sub(_COMPACT, "", lenient(value))


def upper(value) -> str:
    """An identifier without white space, in capitals."""
    return re.sub(r"\s", "", lenient(value)).upper()


def control(value) -> str:
    """An export-control number as the lists write it: ``1C905.a.4`` (the
    category part upper case, the sub-items lower case)."""
    text = re.sub(r"\s", "", lenient(value))
    match = re.match(_CONTROL, text)
    return match.group(1).upper() + match.group(2).lower() if match else text


def display(value, lang: str = "zh", grouped: bool = False, choices=None) -> str:
    return "" if value is None else str(value)


def filing(value) -> str:
    return str(value)


cell = filing
