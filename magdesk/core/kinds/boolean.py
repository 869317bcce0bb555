"""Yes or no: stored as 0/1; shown as 是/否 (Yes/No); filed as 是/否; typed or
read as 是, Y, yes, true, 1, √, ✓, 对, 有 (and their opposites: 否, N, ×, 错, 无 …)."""

from __future__ import annotations

from ._base import KindError, normalise_width

NAME = "bool"
NUMERIC = False
_TRUE = frozenset({"是", "y", "yes", "true", "1", "√", "✓", "✔", "对", "有"})
_FALSE = frozenset({"否", "n", "no", "false", "0", "×", "✗", "✘", "x", "错", "无", "不是"})
# the words an import template's notes list (besides 是 / 否)
WORDS = {True: ("Y", "√", "对", "有", "1"), False: ("N", "×", "错", "无", "0")}
_LABELS = {"zh": ("否", "是"), "en": ("No", "Yes")}


def parse(value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = normalise_width(str(value)).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise KindError("import.bool", value)


lenient = parse


def display(value, lang: str = "zh", grouped: bool = False, choices=None) -> str:
    if value is None or value == "":
        return ""
    return _LABELS["zh" if lang == "zh" else "en"][bool(value)]


def filing(value) -> str:
    """The filing's text (Chinese whatever the clerk's language)."""
    return _LABELS["zh"][bool(value)]


cell = filing
