"""One module per field kind, each saying how a value of its kind is parsed
(as typed in a form, and leniently as a spreadsheet holds it), displayed (in
a table, a form, a report) and written to the filing workbook:

========  ==================  ===============  =====================  ==========
kind      stored              typed / read     shown                  filed
========  ==================  ===============  =====================  ==========
mass      int grams           ``2 t``, 500公斤  1,234.500 (kg)         1234.500
money     int hundredths      ``¥1,234.5``     1,234.50               1234.50
pct       int 0.0001 %        ``0.5%``         0.5                    -
date      date                2025年6月3日      2025-06-03             2025-06-03
bool      0/1                 是, Y, √, 1      是 / Yes               是
enum      code                code or label    label (zh or en)       zh label
int       int                 ``1,200件``      1,200                  1200
code      text                as written       as stored              as stored
text      text                trimmed          as stored              as stored
========  ==================  ===============  =====================  ==========

``of(spec)`` gives a field's kind module (by the spec's ``kind``, or a kind
name); every module has ``parse``, ``lenient``, ``display`` and ``filing``,
and raises ``KindError`` whose ``code`` is a catalogue code."""

from __future__ import annotations

from . import boolean, code, count, date, enum, mass, money, percent, text
from ._base import KindError, QuantityError, shown

__all__ = ["KindError", "QuantityError", "boolean", "code", "count", "date", "display", "enum",
           "mass", "money", "of", "percent", "shown", "text"]

KINDS = {
    "mass": mass, "money": money, "pct": percent, "date": date, "bool": boolean,
    "enum": enum, "int": count, "code": code, "text": text,
    # the same kinds under the names the filing template and the reports use
    "integer": count, "seq": count, "count": count, "percent": percent,
}


def of(spec_or_kind):
    """The kind module of a FieldSpec (or of a kind's name); text for any other."""
    return KINDS.get(getattr(spec_or_kind, "kind", spec_or_kind), text)


def display(spec, value, lang: str = "zh", grouped: bool = False) -> str:
    """A FieldSpec's stored value as the clerk reads it."""
    return of(spec).display(value, lang, grouped, spec.choices)
