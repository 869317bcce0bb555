"""How stored values are shown in tables: each as its field kind displays it
(``core.kinds``), grouped for reading."""

from __future__ import annotations

from ..core.fields import field_spec
from ..core.kinds import KINDS, enum, text


def show(entity: str, name: str, kind: str, value, lang: str) -> str:
    """Text for a stored value (grams as kg, fen as yuan, counts; thousands
    separated; codes as labels)."""
    if value is None or value == "":
        return ""
    if kind == "enum":
        spec = field_spec(entity, name)
        return enum.display(value, lang, True, spec.choices if spec is not None else None)
    return _DISPLAY.get(kind, text.display)(value, lang, True)


_DISPLAY = {name: module.display for name, module in KINDS.items()}  # (one lookup a cell)


def right_aligned(kind: str) -> bool:
    return KINDS.get(kind, text).NUMERIC
