"""A day: stored as a ``datetime.date``; shown and filed as YYYY-MM-DD; typed
as ``2025-06-03``, ``2025/6/3``, ``2025.6.3``, ``2025年6月3日`` or ``20250603``
(in a form also as ``6-3``, ``6/3``, ``6.3`` or ``6月3日``: a day of the year
it is given); read from a spreadsheet also as a date cell or an Excel serial."""

from __future__ import annotations

import functools
import math
import re
from datetime import date, datetime, timedelta

from ._base import KindError, is_number, normalise_width

NAME = "date"
NUMERIC = False
EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_EPOCH_TIME = datetime(1899, 12, 30)
_DATE_DIGITS = re.compile(r"^(\d{4})(\d{2})(\d{2})\Z")
_MONTH_DAY = re.compile(r"^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\Z")
_SERIAL_TEXT = re.compile(r"^\d{5}(?:\.\d+)?\Z")


@functools.cache
def _date_text() -> re.Pattern:
    # compiled on first use: a table shows dates without parsing any
    return re.compile(
        r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
        r"(?:[\sT]+\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?)?\Z")


def parse(text, year: int | None = None) -> date:
    """A day from typed text (see the module); KindError("date.invalid").
    ``year``: a month and day alone (``11-2``, ``11月2日``) are a day of it."""
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    value = normalise_width(str(text)).strip()
    short = _MONTH_DAY.match(value) if year is not None else None
    if short:
        return _ymd(text, str(year), *short.groups())
    return _from_text(value, text)


def _from_text(value: str, original) -> date:
    if len(value) == 10 and value[4] == value[7] == "-":
        try:
            return date.fromisoformat(value)  # the common case
        except ValueError:
            raise KindError("date.invalid", original) from None
    match = _date_text().match(value) or _DATE_DIGITS.match(value)
    if match:
        return _ymd(original, *match.groups())
    raise KindError("date.invalid", original)


def lenient(value) -> date:
    """A day from a spreadsheet cell: what ``parse`` takes, a date cell, an
    Excel serial (as a number or a text of five digits)."""
    if isinstance(value, str):
        text = normalise_width(value).strip()
        if _SERIAL_TEXT.match(text):
            return _from_number(float(text))
        return _from_text(text, value)
    if isinstance(value, bool):
        raise KindError("date.invalid", value)
    if isinstance(value, (int, float)):
        return _from_number(value)
    return parse(value)


def _from_number(number: float | int) -> date:
    if isinstance(number, float) and not math.isfinite(number):
        raise KindError("date.invalid", number)
    if number == int(number) and 19000101 <= number <= 21001231:
        digits = str(int(number))
        return _ymd(number, digits[:4], digits[4:6], digits[6:])
    if 1 <= number < 2958466:  # Excel's serials run to 9999-12-31
        return EXCEL_EPOCH + timedelta(days=int(number))
    raise KindError("date.invalid", number)


def _ymd(original, year: str, month: str, day: str) -> date:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise KindError("date.invalid", original) from None


def display(value, lang: str = "zh", grouped: bool = False, choices=None) -> str:
    if value is None or value == "":
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


# --- the filing workbook (FILING-SPEC: a date cell; its text YYYY-MM-DD) ---

def filing(value) -> str:
    return value.isoformat()


def cell(value):
    return value


def as_date(value) -> date | None:
    """The day a cell read back holds (a date, a datetime or a serial), or None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if is_number(value):
        return (_EXCEL_EPOCH_TIME + timedelta(days=value)).date()
    return None


def read(value) -> str:
    if value is None or value == "":
        return ""
    day = as_date(value)
    return day.isoformat() if day else f"?{value}"


def matches(value, day) -> bool:
    return as_date(value) == day
