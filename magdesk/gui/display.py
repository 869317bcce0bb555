"""How stored values are shown in tables and forms."""

from __future__ import annotations

from datetime import date

from ..core import enums as E
from ..core.fields import field_spec
from ..core.units import format_kg, format_money, format_pct


def show(entity: str, name: str, kind: str, value, lang: str) -> str:
    """Text for a stored value (grams as kg, fen as yuan, counts; thousands
    separated; codes as labels)."""
    if value is None or value == "":
        return ""
    if kind == "mass":
        return format_kg(value, grouped=True)
    if kind == "money":
        return format_money(value, grouped=True)
    if kind == "pct":
        return format_pct(value)
    if kind == "int" and isinstance(value, int):
        return f"{value:,}"  # pieces, like the masses beside them
    if kind == "bool":
        return E.yes_no(bool(value), lang)
    if kind == "enum":
        spec = field_spec(entity, name)
        if spec is not None and spec.choices is not None and value in spec.choices.__members__:
            return spec.choices(value).label(lang)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def right_aligned(kind: str) -> bool:
    return kind in ("mass", "money", "pct", "int")
