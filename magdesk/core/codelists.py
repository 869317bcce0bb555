"""Code lists (HS codes, countries, currencies, export-control items) as plain
data.  Parsing takes text so that the core does no I/O; ``magdesk.resources``
reads the shipped files."""

from __future__ import annotations

import csv
import io
import tomllib
from dataclasses import dataclass, field
from datetime import date


class CodeListError(ValueError):
    """A shipped code list is malformed; the message names the list and entry."""


@dataclass(frozen=True, slots=True)
class HsCode:
    code: str
    zh: str
    en: str
    valid_from: int
    valid_to: int | None = None
    kind: str = "other"
    controlled: bool = False

    def valid_in(self, year: int) -> bool:
        return self.valid_from <= year and (self.valid_to is None or year <= self.valid_to)


@dataclass(frozen=True, slots=True)
class Country:
    alpha2: str
    alpha3: str
    name_en: str
    name_zh: str


@dataclass(frozen=True, slots=True)
class Currency:
    code: str
    minor_unit: int
    name_en: str
    name_zh: str


@dataclass(frozen=True, slots=True)
class ControlItem:
    number: str
    element: str  # "any", "dy", "tb", "ho", ...
    categories: frozenset[str]
    valid_from: date
    basis: str = ""
    zh: str = ""
    en: str = ""
    suspended_from: date | None = None
    suspended_until: date | None = None
    # "item": a control item; "deminimis": heavy rare earths below ``limit_pct``
    # (units of 0.0001 %) are not controlled
    kind: str = "item"
    limit_pct: int = 0
    enabled: bool = True  # off: kept as data, on only when the clerk turns it on
    source: str = ""  # why it is off (or on), in the source's words
    basis_zh: str = ""  # ``basis`` as a Chinese reader names it

    def basis_in(self, lang: str) -> str:
        return (self.basis_zh or self.basis) if lang == "zh" else self.basis

    def name(self, lang: str) -> str:
        return (self.zh or self.en) if lang == "zh" else (self.en or self.zh)

    def applies_on(self, day: date) -> bool:
        if day < self.valid_from:
            return False
        if self.suspended_from and self.suspended_until:
            return not (self.suspended_from <= day < self.suspended_until)
        return True


@dataclass(frozen=True)
class CodeLists:
    hs: dict[str, HsCode] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)
    currencies: dict[str, Currency] = field(default_factory=dict)
    control_items: tuple[ControlItem, ...] = ()
    screening_rules: tuple = ()  # core.screening.Rule

    def country(self, code: str) -> Country | None:
        """Look up by alpha-2 or alpha-3 code."""
        code = code.strip().upper()
        found = self.countries.get(code)
        if found is None and len(code) == 3:
            found = self._alpha3.get(code)
        return found

    def country_code(self, text: str) -> str | None:
        """The alpha-2 code for ``text``: a code (CN, CHN), a completer entry
        ("CN 中国") or a Chinese or English name (中国, Germany; any case).
        None when nothing matches."""
        text = text.strip()
        head = text.split(" ", 1)[0]
        found = self.country(head) if head.isascii() and len(head) in (2, 3) else None
        if found is None:
            found = self._names.get(text.casefold())
        return found.alpha2 if found is not None else None

    @property
    def _names(self) -> dict[str, Country]:
        cache = self.__dict__.get("_names_cache")
        if cache is None:
            cache = {name.casefold(): c for c in self.countries.values()
                     for name in (c.name_en, c.name_zh) if name}
            self.__dict__["_names_cache"] = cache
        return cache

    @property
    def _alpha3(self) -> dict[str, Country]:
        cache = self.__dict__.get("_alpha3_cache")
        if cache is None:
            cache = {c.alpha3: c for c in self.countries.values()}
            self.__dict__["_alpha3_cache"] = cache
        return cache


def parse_hs_codes(text: str, source: str = "hs_codes.toml") -> dict[str, HsCode]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CodeListError(f"{source}: {exc}") from None
    codes: dict[str, HsCode] = {}
    for i, row in enumerate(data.get("code", []), 1):
        try:
            item = HsCode(
                code=str(row["code"]),
                zh=row["zh"],
                en=row["en"],
                valid_from=int(row["valid_from"]),
                valid_to=row.get("valid_to"),
                kind=row.get("kind", "other"),
                controlled=bool(row.get("controlled", False)),
            )
        except KeyError as exc:
            raise CodeListError(f"{source}: entry {i} lacks {exc}") from None
        if len(item.code) != 10 or not item.code.isdigit():
            raise CodeListError(f"{source}: entry {i}: {item.code!r} is not 10 digits")
        codes[item.code] = item
    return codes


def _csv_rows(text: str, source: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    missing = set(columns) - set(reader.fieldnames or ())
    if missing:
        raise CodeListError(f"{source}: missing columns {sorted(missing)}")
    return list(reader)


def parse_countries(text: str, source: str = "countries.csv") -> dict[str, Country]:
    rows = _csv_rows(text, source, ("alpha2", "alpha3", "name_en", "name_zh"))
    return {
        r["alpha2"]: Country(r["alpha2"], r["alpha3"], r["name_en"], r["name_zh"]) for r in rows
    }


def parse_currencies(text: str, source: str = "currencies.csv") -> dict[str, Currency]:
    rows = _csv_rows(text, source, ("code", "minor_unit", "name_en", "name_zh"))
    return {
        r["code"]: Currency(r["code"], int(r["minor_unit"]), r["name_en"], r["name_zh"])
        for r in rows
    }


def _pct_units(value) -> int:
    """A percentage as TOML writes it (0.1) in units of 0.0001 %."""
    from decimal import Decimal

    return int(Decimal(str(value)) * 10_000)


def parse_control_items(text: str, source: str = "control_items.toml") -> tuple[ControlItem, ...]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CodeListError(f"{source}: {exc}") from None
    items = []
    for i, row in enumerate(data.get("item", []), 1):
        try:
            items.append(
                ControlItem(
                    number=row["number"],
                    element=row["element"],
                    categories=frozenset(row["categories"]),
                    valid_from=row["valid_from"],
                    basis=row.get("basis", ""),
                    zh=row.get("zh", ""),
                    en=row.get("en", ""),
                    suspended_from=row.get("suspended_from"),
                    suspended_until=row.get("suspended_until"),
                    kind=row.get("kind", "item"),
                    limit_pct=_pct_units(row.get("limit", 0)),
                    enabled=bool(row.get("enabled", True)),
                    source=row.get("source", ""),
                    basis_zh=row.get("basis_zh", ""),
                )
            )
        except KeyError as exc:
            raise CodeListError(f"{source}: item {i} lacks {exc}") from None
    return tuple(items)


def parse_screening_rules(text: str, source: str = "screening_rules.toml") -> tuple:
    """The end-use rules of screening (core.screening.Rule)."""
    from .screening import Rule

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CodeListError(f"{source}: {exc}") from None
    rules = []
    for n, raw in enumerate(data.get("rule", []), 1):
        try:
            rules.append(Rule(str(raw["country"]).upper(), tuple(map(str, raw["end_uses"])),
                              raw.get("since"), str(raw.get("source", "")),
                              str(raw.get("source_en", ""))))
        except (KeyError, TypeError) as exc:
            raise CodeListError(f"{source}: rule {n} lacks {exc}") from None
    return tuple(rules)
