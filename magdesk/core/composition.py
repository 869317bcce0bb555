"""A product model's composition, element by element (DOMAIN.md §2.6, §4.5).

Shares are integer units of 0.0001 % on the product (``<element>_pct``); the
test report's number, date and laboratory sit beside them.  ``shares`` is the
one way to read them (the declaration texts, the control decision and the
checks all do), in the order a declaration lists them."""

from __future__ import annotations

from dataclasses import dataclass

from . import enums as E
from .model import Product
from .units import PCT_SCALE


@dataclass(frozen=True, slots=True)
class Element:
    key: str  # "dy": the field is ``dy_pct``
    symbol: str  # "Dy"
    zh: str  # "镝"
    rare_earth: bool = True

    @property
    def field(self) -> str:
        return f"{self.key}_pct"

    def name(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.symbol


# In the order of a declaration's specification text (钕, 镨, 镝, 铽, …).
ELEMENTS: tuple[Element, ...] = (
    Element("nd", "Nd", "钕"),
    Element("pr", "Pr", "镨"),
    Element("dy", "Dy", "镝"),
    Element("tb", "Tb", "铽"),
    Element("ho", "Ho", "钬"),
    Element("gd", "Gd", "钆"),
    Element("sm", "Sm", "钐"),
    Element("ce", "Ce", "铈"),
    Element("la", "La", "镧"),
    Element("other_re", "other RE", "其他稀土"),
    Element("co", "Co", "钴", rare_earth=False),
)
BY_KEY: dict[str, Element] = {e.key: e for e in ELEMENTS}
TRE_FIELD = "re_total_pct"


def element(key: str) -> Element:
    return BY_KEY[key]


def share(product: Product, key: str) -> int | None:
    """One element's share (units of 0.0001 %), None when not given."""
    return getattr(product, f"{key}_pct", None)


def shares(product: Product) -> tuple[tuple[Element, int], ...]:
    """The elements whose share is given, with the share (units of 0.0001 %),
    in declaration order; a share of 0 is given (measured and absent)."""
    return tuple((e, v) for e in ELEMENTS if (v := getattr(product, e.field, None)) is not None)


def rare_earth_sum(product: Product) -> int:
    """The rare-earth elements given, summed (Co is not one)."""
    return sum(v for e, v in shares(product) if e.rare_earth)


def smco_kind(grade: str) -> str | None:
    """"1:5" or "2:17" from a SmCo grade (GB/T 4180: YX… is SmCo5, YXG…/XGS… Sm2Co17)."""
    g = grade.strip().upper()
    if g.startswith(("YXG", "XGS")):
        return "2:17"
    if g.startswith("YX"):
        return "1:5"
    return None


def _pct(low: float, high: float) -> tuple[int, int]:
    return round(low * PCT_SCALE), round(high * PCT_SCALE)


# Typical ranges (warn only), per category, in percent (DOMAIN.md §4.5).
_NDFEB = {TRE_FIELD: (28, 34), "dy_pct": (0, 10), "tb_pct": (0, 3)}
_RANGES: dict[str, dict[str, tuple[float, float]]] = {
    E.Category.SINTERED_NDFEB: _NDFEB,
    E.Category.SMCO: {"sm_pct": (23, 37)},
}
_SMCO = {"1:5": {"sm_pct": (33, 37)}, "2:17": {"sm_pct": (23, 28)}}


def typical_ranges(product: Product) -> dict[str, tuple[float, float]]:
    """Field -> (low %, high %) that a product of its category and grade
    usually lies within."""
    if product.category == E.Category.SMCO:
        kind = smco_kind(product.grade)
        if kind:
            return _SMCO[kind]
    return _RANGES.get(product.category, {})


def out_of_range(product: Product) -> list[tuple[str, float, float]]:
    """(field, low %, high %) of every given share outside its typical range."""
    out = []
    for name, (low, high) in typical_ranges(product).items():
        value = getattr(product, name)
        lo, hi = _pct(low, high)
        if value is not None and not lo <= value <= hi:
            out.append((name, low, high))
    return out


def has_report(product: Product) -> bool:
    return bool(product.test_report_no.strip())
