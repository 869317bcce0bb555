"""Dual-use export licences of both kinds (DOMAIN.md §2.5-2.6): what a
licence permits, and how much of it the export lines have drawn.

An individual licence (单项许可) names one consignee and end user and has a
quantity; a general licence (通用许可: one year by default, up to three) names
the consignees and end users it permits and the end uses, and may have no
quantity.  Each export line draws on one licence; lines draw in declaration
order (date, declaration number, line number)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from . import enums as E
from .model import Counterparty, ExportLine, Licence
from .screening import normalise

NEAR_PCT = 80  # a licence this much used is near its limit (a warning)
SOON_DAYS = 30  # a licence expiring within this many days of today (a warning)
GENERAL_YEARS = 3  # a general licence runs one year by default, at most three

_SPLIT = re.compile(r"[;；\n]+")


def split_names(names: str) -> list[str]:
    """Names one a line, or separated by ; (or ；), as typed."""
    return [name.strip() for name in _SPLIT.split(names or "") if name.strip()]


def end_users(lic: Licence) -> list[str]:
    """The end users a licence names."""
    return split_names(lic.end_user)


def end_user_permitted(lic: Licence, end_user: str,
                       counterparties: Mapping[int, Counterparty]) -> bool:
    """Whether ``end_user`` (an export line's) is one the licence permits: the
    end users it names and its consignees (by their Chinese or English name),
    compared as screening compares names (case, spaces, punctuation,
    full-width forms and company suffixes not counting); a licence that
    names neither permits any."""
    named = end_users(lic)
    for cid in lic.consignee_ids:
        cp = counterparties.get(cid)
        if cp is not None:
            named += [cp.name_cn, cp.name_en]
    if not named or not (end_user or "").strip():
        return True
    wanted = normalise(end_user)
    return any(normalise(name) == wanted for name in named if name)


def end_use_permitted(lic: Licence, end_use: str) -> bool:
    """A licence that names end uses permits only those."""
    return not lic.end_uses or end_use in lic.end_uses


def years_after(day: date, years: int) -> date:
    """The same day ``years`` later (1 March for 29 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, month=3, day=1)


def crosses_near(licensed: int | None, before: int, after: int) -> bool:
    """Whether a line taking the drawn grams from ``before`` to ``after``
    makes the licence 80 % used (and not beyond its quantity)."""
    if not licensed:
        return False
    limit = licensed * NEAR_PCT
    return before * 100 < limit <= after * 100 and after <= licensed


def expiring(lic: Licence, drawn: int, today: date) -> int | None:
    """Days left when the licence expires within 30 days of ``today`` while it
    still has quantity left (or has no quantity); else None."""
    days = (lic.valid_to - today).days
    if not 0 <= days <= SOON_DAYS or lic.valid_from > today:
        return None
    if lic.qty_g is not None and drawn >= lic.qty_g:
        return None
    return days


class UsageLine(NamedTuple):
    """One export line drawn on a licence."""

    key: str  # declaration no./line
    day: date  # declaration date
    qty_g: int
    consignee: str  # its Chinese name


class State:
    """A licence's state on a day, the most pressing first."""

    EXCEEDED = "EXCEEDED"  # more drawn than licensed
    EXPIRED = "EXPIRED"
    NOT_YET_VALID = "NOT_YET_VALID"
    USED_UP = "USED_UP"  # all of it drawn
    NEAR_LIMIT = "NEAR_LIMIT"  # 80 % or more drawn
    EXPIRING = "EXPIRING"  # within 30 days of the day, with quantity left or none
    VALID = "VALID"

    ALL = (EXCEEDED, EXPIRED, NOT_YET_VALID, USED_UP, NEAR_LIMIT, EXPIRING, VALID)
    ATTENTION = (EXCEEDED, USED_UP, NEAR_LIMIT, EXPIRING)  # the dashboard's "look at these"


@dataclass(frozen=True)
class LicenceUsage:
    """What a licence permits and what the export lines drew on it, on a day."""

    licence: Licence
    drawn_g: int
    left_g: int | None  # None: a licence without quantity
    lines: tuple[UsageLine, ...]
    pct_used: float | None  # None: a licence without quantity
    days_left: int  # to its last valid day, from the day (negative: expired)
    state: str

    @property
    def in_use(self) -> bool:
        """Valid on the day (whatever it has drawn)."""
        return self.state not in (State.EXPIRED, State.NOT_YET_VALID)


def usage(licences: Iterable[Licence], exports: Iterable[ExportLine],
          counterparties: Mapping[int, Counterparty], on: date) -> list[LicenceUsage]:
    """Every licence with what the export lines declared up to ``on`` drew on
    it, in the order licences expire."""
    lines: dict[int, list[UsageLine]] = {}
    for x in sorted(exports, key=lambda e: (e.decl_date, e.customs_decl_no, e.line_no)):
        if x.licence_id is None or x.decl_date > on:
            continue
        cp = counterparties.get(x.consignee_id)
        lines.setdefault(x.licence_id, []).append(
            UsageLine(x.key, x.decl_date, x.qty_g, cp.name_cn if cp is not None else ""))
    return [_usage_of(lic, tuple(lines.get(lic.id, ())), None, on)
            for lic in sorted(licences, key=lambda k: (k.valid_to, k.licence_no))]


def usage_from_sums(licences: Iterable[Licence], drawn: Mapping[int, int],
                    on: date) -> list[LicenceUsage]:
    """``usage`` from the grams the lines declared up to ``on`` drew on
    each licence (summed by storage), without the lines: what the
    dashboard's tile shows, on a decade of export lines at no cost."""
    return [_usage_of(lic, (), drawn.get(lic.id, 0), on)
            for lic in sorted(licences, key=lambda k: (k.valid_to, k.licence_no))]


def _usage_of(lic: Licence, lines: tuple[UsageLine, ...], drawn: int | None,
              on: date) -> LicenceUsage:
    if drawn is None:
        drawn = sum(line.qty_g for line in lines)
    left = None if lic.qty_g is None else lic.qty_g - drawn
    pct = None if not lic.qty_g else round(drawn * 100 / lic.qty_g, 1)
    return LicenceUsage(lic, drawn, left, lines, pct, (lic.valid_to - on).days,
                        state_of(lic, drawn, on))


def state_of(lic: Licence, drawn: int, on: date) -> str:
    if lic.qty_g is not None and drawn > lic.qty_g:
        return State.EXCEEDED
    if on > lic.valid_to:
        return State.EXPIRED
    if on < lic.valid_from:
        return State.NOT_YET_VALID
    if lic.qty_g is not None and drawn == lic.qty_g:
        return State.USED_UP
    if lic.qty_g and drawn * 100 >= lic.qty_g * NEAR_PCT:
        return State.NEAR_LIMIT
    if expiring(lic, drawn, on) is not None:
        return State.EXPIRING
    return State.VALID


def is_general(lic: Licence) -> bool:
    return lic.licence_type == E.LicenceType.GENERAL
