"""What the summaries share: the report frame (company, time, version),
grouping rows with subtotals, labels."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from .. import __version__, text
from ..core.enums import Category
from ..resources import load_codelists
from ..storage.db import Database
from ..storage.repository import Repository
from .model import Report, Row, Section


class ReportError(Exception):
    """The summary cannot be made (no company profile, unknown lot or sale).
    ``code`` is stable; ``message(lang)`` is the sentence for the clerk, the
    catalogue's ``report.<code>``."""

    def __init__(self, code: str, /, **params):
        self.code, self.params = code, params
        super().__init__(self.message("zh"))

    def message(self, lang: str = "zh") -> str:
        return text.say(f"report.{self.code}", lang, **self.params)


def make_report(db: Database, kind: str, title: str, period: str,
                sections: Iterable[Section], *, now: datetime | None = None,
                **extra) -> Report:
    company = Repository(db).company()
    if company is None:
        raise ReportError("no_company")
    return Report(kind=kind, title=title, period=period, company=company.name,
                  uscc=company.uscc, sections=tuple(sections),
                  generated_at=(now or datetime.now()).astimezone(),
                  software=f"magdesk {__version__}", **extra)


def add(a: int | None, b: int | None) -> int | None:
    """Sum of optional amounts: None only when both are None."""
    if a is None:
        return b
    return a if b is None else a + b


def grouped(keys: list[tuple], rows: dict[tuple, list], group_len: int,
            subtotal: Callable[[tuple, list[list]], tuple]) -> tuple[Row, ...]:
    """Rows in ``keys`` order, with a subtotal row after every group (the
    first ``group_len`` key parts) of more than one row."""
    out: list[Row] = []
    block: list[list] = []
    for i, key in enumerate(keys):
        block.append(rows[key])
        out.append(Row(tuple(rows[key])))
        last = i + 1 == len(keys) or keys[i + 1][:group_len] != key[:group_len]
        if last:
            if len(block) > 1:
                out.append(Row(subtotal(key, block), "subtotal"))
            block = []
    return tuple(out)


def category_label(code: str) -> str:
    try:
        return Category(code).label("zh")
    except ValueError:
        return code


def country_label(code: str) -> str:
    country = load_codelists().countries.get(code or "")
    return f"{code} {country.name_zh}" if country else (code or "")


def kg_text(grams: int) -> str:
    from ..core.kinds import mass

    return f"{mass.display(grams)} kg"
