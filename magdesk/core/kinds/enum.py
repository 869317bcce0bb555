"""A choice of a code list (category, process, end use …): stored as its
code; shown in the clerk's language; filed with its Chinese label; typed or
read as its code, either label or a common synonym."""

from __future__ import annotations

from ._base import KindError
from .text import clean, name_key

NAME = "enum"
NUMERIC = False


def parser(choices, synonyms: dict[str, str] | None = None):
    """A parser of ``choices`` (a LabelledEnum), tolerant of width, spaces and
    case; KindError("field.choice") for anything else."""
    table: dict[str, str] = {}
    for code, (zh, en) in choices.labels().items():
        for text in (code, zh, en):
            table[name_key(text)] = code
    for text, code in (synonyms or {}).items():
        table.setdefault(name_key(text), code)

    def parse_cell(value) -> str:
        code = table.get(name_key(clean(value)))
        if code is None:
            raise KindError("field.choice", value)
        return code

    return parse_cell


lenient = parser


def parse(value, choices) -> str:
    return parser(choices)(value)


def display(value, lang: str = "zh", grouped: bool = False, choices=None) -> str:
    """The label of a known code, else the stored value as it is."""
    if value is None or value == "":
        return ""
    if choices is not None and value in choices.__members__:
        return choices(value).label(lang)
    return str(value)


def filing(value, choices) -> str:
    """The Chinese label the filing holds (an unknown code as it is)."""
    return choices(value).label("zh") if value in choices.__members__ else str(value)


cell = filing
