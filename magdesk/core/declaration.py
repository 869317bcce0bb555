"""Declaration texts of an export line: the specification text (规格型号,
the declaration elements customs expects under the line's HS code, joined
as declarations are typed) and the remarks statement on control (备注栏).

The elements per HS code are data (resources/codelists/declaration_elements.toml,
parsed here from text); a product's element shares are read in one place,
``shares``; the control decision comes from the export line's own fields
(controlled, control_no, licence)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal

from .codelists import CodeListError
from .enums import EndUse
from .kinds.percent import to_decimal_pct

SOURCES = frozenset({
    "product_name", "hs_name", "use", "composition", "magnetised", "brand_type",
    "export_preference", "grade", "spec", "test_report", "fixed",
})
# The file settings (file_setting keys) a field's source may read.
SETTING_KEYS = {"brand_type": "declaration.brand_type",
                "export_preference": "declaration.export_preference"}
# The product's share fields, today's and those a product may come to carry.
ELEMENTS = ("nd", "pr", "dy", "tb", "ho", "gd", "sm", "co", "ce", "la", "other_re")


def shares(product) -> list[tuple[str, Decimal]]:
    """The element shares of ``product`` as (element, percent): each element
    whose share is known and above zero, in the order of ``ELEMENTS``, then
    the rare earths in total (``"tre"``) when known.  Read through
    ``composition.shares``, the one place the product's composition is read."""
    from .composition import shares as given

    known = {element.key: units for element, units in given(product) if units}
    out = [(key, to_decimal_pct(known[key])) for key in ELEMENTS if key in known]
    tre = getattr(product, "re_total_pct", None)
    if tre:
        out.append(("tre", to_decimal_pct(tre)))
    return out


@dataclass(frozen=True, slots=True)
class Field:
    label: str
    source: str
    value: str = ""  # the text of a "fixed" field
    default: str = ""
    choices: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Group:
    name: str
    codes: tuple[str, ...]
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class DeclarationElements:
    """The parsed data file."""

    groups: tuple[Group, ...]
    separator: str = "|"
    composition_separator: str = " "
    element_labels: dict[str, str] = field(default_factory=dict)
    balance: dict[str, str] = field(default_factory=dict)
    balance_stated: str = "其他余量"  # the rest when the balance's element is stated already
    magnetised: tuple[str, str] = ("已磁化", "未磁化")
    uses: dict[str, str] = field(default_factory=dict)
    remarks: dict[str, str] = field(default_factory=dict)

    def group_for(self, hs_code: str) -> Group | None:
        """The group of ``hs_code``: its exact code, else its longest prefix,
        else the group for any code ("*")."""
        best, length = None, -1
        for group in self.groups:
            for code in group.codes:
                prefix = "" if code == "*" else code
                if hs_code.startswith(prefix):
                    size = 99 if prefix == hs_code else len(prefix)
                    if size > length:
                        best, length = group, size
        return best

    def fields_for(self, hs_code: str) -> tuple[Field, ...]:
        group = self.group_for(hs_code)
        return group.fields if group else ()

    def composition(self, product) -> str:
        """The element shares as a declaration states them: ``钕22.1% 镨6.9%
        镝0.36% 铁余量``; the total of the rare earths only when neither Nd
        nor Pr is known."""
        found = shares(product)
        known = {element for element, _ in found}
        parts = []
        for element, label in self.element_labels.items():
            if element not in known or (element == "tre" and known & {"nd", "pr"}):
                continue
            pct = dict(found)[element]
            parts.append(f"{label}{pct:f}%")
        rest = self.balance.get(getattr(product, "category", ""), "")
        stated = {self.element_labels.get(element, "") for element in known} - {""}
        if rest and any(rest.startswith(label) for label in stated):
            rest = self.balance_stated  # SmCo with its Co stated: not 钴余量 again
        if rest:
            parts.append(rest)
        return self.composition_separator.join(parts)

    def use(self, end_use: str) -> str:
        if not end_use:
            return ""
        if end_use in self.uses:
            return self.uses[end_use]
        try:
            return EndUse(end_use).label("zh") + "用"
        except ValueError:
            return end_use

    def remarks_for(self, controlled: bool, control_no: str, licence_no: str = "",
                    licence_type: str = "") -> str:
        """The remarks-column statement: controlled or not, with the control
        number and the licence number."""
        if not controlled:
            return self.remarks.get("not_controlled", "不属于管制物项")
        if not licence_no:
            key = "controlled_unlicensed"
        elif licence_type == "GENERAL" and "controlled_general" in self.remarks:
            key = "controlled_general"
        else:
            key = "controlled"
        text = self.remarks.get(key) or self.remarks.get("controlled", "")
        return text.format(control_no=control_no, licence_no=licence_no)


@dataclass(frozen=True, slots=True)
class DeclarationText:
    """The texts of one export line."""

    decl_no: str
    line_no: int
    hs_code: str
    name: str
    spec_text: str
    remarks: str
    elements: tuple[tuple[str, str], ...] = ()


def declaration_text(data: DeclarationElements, line, product, *, sale=None, licence=None,
                     hs_name: str = "", settings: dict[str, str] | None = None
                     ) -> DeclarationText:
    """The texts of export ``line`` (an ExportLine) of ``product``, with its
    ``sale`` (for the grade), its ``licence`` (or None), the HS code's Chinese
    description and the file's declaration settings."""
    settings = settings or {}
    elements = []
    for f in data.fields_for(line.hs_code):
        value = _value(data, f, line, product, sale, hs_name, settings)
        elements.append((f.label, value.replace(data.separator, "/") if data.separator else value))
    name = next((v for label, v in elements if label == "品名"), "") or \
        getattr(product, "name_cn", "")
    remarks = data.remarks_for(bool(line.controlled), line.control_no or "",
                               getattr(licence, "licence_no", "") or "",
                               getattr(licence, "licence_type", "") or "")
    return DeclarationText(line.customs_decl_no, line.line_no, line.hs_code, name,
                           data.separator.join(v for _, v in elements), remarks, tuple(elements))


def _value(data: DeclarationElements, f: Field, line, product, sale, hs_name: str,
           settings: dict[str, str]) -> str:
    source = f.source
    if source == "fixed":
        value = f.value
    elif source == "product_name":
        value = getattr(product, "name_cn", "")
    elif source == "hs_name":
        value = hs_name
    elif source == "use":
        value = data.use(line.end_use or getattr(sale, "end_use", None) or "")
    elif source == "composition":
        value = data.composition(product)
    elif source == "magnetised":
        value = data.magnetised[0 if getattr(product, "is_magnetized", False) else 1]
    elif source in SETTING_KEYS:
        value = settings.get(SETTING_KEYS[source], "")
        if f.choices and value not in f.choices:
            value = ""
    elif source == "grade":
        value = getattr(sale, "grade", "") or getattr(product, "grade", "")
    elif source == "spec":
        value = getattr(product, "spec", "")
    elif source == "test_report":
        value = getattr(product, "test_report_no", "")
    else:  # pragma: no cover - refused when parsed
        value = ""
    return (value or f.default).strip()


def parse_declaration_elements(text: str, name: str = "declaration_elements.toml"
                               ) -> DeclarationElements:
    """Parse the data file; a malformed entry is a CodeListError naming it."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CodeListError(f"{name}: {exc}") from None
    choices = {key: tuple(values) for key, values in data.get("choices", {}).items()}
    groups = []
    for n, entry in enumerate(data.get("hs", []), 1):
        where = f"{name}: [[hs]] #{n} ({entry.get('name', '')})"
        codes = tuple(str(c) for c in entry.get("codes", ()))
        if not codes or any(not (c == "*" or (c.isdigit() and len(c) <= 10)) for c in codes):
            raise CodeListError(f"{where}: codes must be HS codes, prefixes or \"*\"")
        fields = []
        for f in entry.get("fields", ()):
            label, source = str(f.get("label", "")).strip(), f.get("source", "")
            if not label:
                raise CodeListError(f"{where}: a field without a label")
            if source not in SOURCES:
                raise CodeListError(f"{where}: field {label!r} has an unknown source {source!r}")
            if source == "fixed" and not f.get("value"):
                raise CodeListError(f"{where}: fixed field {label!r} has no value")
            allowed = ()
            if "choices" in f:
                if f["choices"] not in choices:
                    raise CodeListError(f"{where}: field {label!r} names unknown choices "
                                        f"{f['choices']!r}")
                allowed = choices[f["choices"]]
                if f.get("default") and f["default"] not in allowed:
                    raise CodeListError(f"{where}: field {label!r}: default {f['default']!r} "
                                        "is not among its choices")
            fields.append(Field(label, source, str(f.get("value", "")),
                                str(f.get("default", "")), allowed))
        if len({f.label for f in fields}) != len(fields):
            raise CodeListError(f"{where}: a label appears twice")
        groups.append(Group(str(entry.get("name", "")), codes, tuple(fields)))
    comp = data.get("composition", {})
    magnetised = data.get("magnetised", {})
    return DeclarationElements(
        groups=tuple(groups), separator=str(data.get("separator", "|")),
        composition_separator=str(comp.get("separator", " ")),
        element_labels=dict(comp.get("labels", {})), balance=dict(comp.get("balance", {})),
        balance_stated=str(comp.get("balance_stated", "其他余量")),
        magnetised=(str(magnetised.get("yes", "已磁化")), str(magnetised.get("no", "未磁化"))),
        uses={str(k): str(v) for k, v in data.get("use", {}).items()},
        remarks={str(k): str(v) for k, v in data.get("remarks", {}).items()})
