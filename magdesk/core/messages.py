"""The severity of every finding code: whether it stops an export (error) or
asks to be checked (warning).  This is domain knowledge, so it lives in the
core; the sentences are in the catalogue of the clerk's words
(``magdesk.text``), rendered only when shown."""

from __future__ import annotations

from .. import text
from .fields import entity_label, field_label
from .findings import Finding, Severity

E, W = Severity.ERROR, Severity.WARNING

SEVERITY: dict[str, Severity] = {
    "field.required": E, "field.too_long": E, "field.too_short": E, "field.choice": E,
    "field.not_positive": E, "field.negative": E, "field.pct_range": E, "field.not_a_number": E,
    "date.future": E, "date.too_old": E, "date.order": E, "date.invalid": E, "uscc.format": E,
    "uscc.check_digit": W, "uscc.duplicate": E, "hs.format": E, "hs.unknown": E,
    "hs.not_valid": E, "decl.format": E, "decl.direction": E, "decl.year": E, "grade.required": E,
    "grade.format": E, "grade.mismatch": W, "grade.heavy_re": W, "lot.format": E,
    "invoice.format": E, "country.unknown": E, "currency.unknown": E, "cp.name_en_required": E,
    "cp.uscc_required": E, "cp.foreign_in_cn": E, "cp.domestic_abroad": E, "name.formula_like": W,
    "cp.end_use_missing": W, "product.hs_magnet": W, "comp.required": E, "comp.sum": E,
    "comp.typical": W, "comp.exempt_reason": E, "comp.report_none": W, "ref.not_supplier": E, "ref.not_customer": E, "ref.missing": E,
    "purchase.magnet": W, "qty.large": W, "amount.mismatch": W, "purchase.decl_required": E,
    "lot.duplicate": E, "lot.overdrawn": E, "input.before_lot": E, "batch.no_inputs": E,
    "batch.yield": W, "batch.dy_out": W, "batch.tb_out": W, "sale.not_magnet": E,
    "sale.batch_product": E, "sale.before_batch": E, "batch.oversold": E, "sale.piece_weight": W,
    "sale.invoice_missing": E, "sale.end_use_required": E, "sale.export_missing": E,
    "dup.suspect": W, "export.destination_cn": E, "export.consignee_domestic": E,
    "export.consignee_sale": W, "export.sale_not_export": E, "export.exceeds_sale": E,
    "export.control_missed": E, "export.control_extra": W, "export.control_no": W,
    "export.report_missing": W, "export.licence_missing": E, "licence.consignee": E,
    "licence.expired": E, "licence.not_yet_valid": E, "licence.exceeded": E,
    "licence.control_no": W, "licence.end_user": E, "licence.end_use": E,
    "licence.nearly_used": W, "licence.expiring": W, "licence.qty_required": E,
    "licence.general_term": W,
    "licence.one_consignee": E, "licence.consignee_domestic": E, "balance.identity": E,
    "balance.opening": E, "balance.negative": E, "key.duplicate": E, "period.locked": E,
    "record.in_use": E, "import.file_unreadable": E, "import.file_is_folder": E,
    "import.file_missing": E, "import.file_type": E, "import.sheet_missing": E,
    "import.limit_file": E, "import.limit_entries": E, "import.limit_part": E,
    "import.limit_total": E, "import.limit_ratio": E, "import.limit_declared": E,
    "import.limit_dtd": E, "import.limit_tag": E, "import.limit_strings": E,
    "import.limit_dimension": E, "import.limit_rows": E, "import.limit_columns": E,
    "import.limit_cells": E, "import.limit_sparse": E, "import.limit_dense": E,
    "import.bad_bytes": E, "import.replaced": W,
    "import.header_missing": E, "import.column_missing": E, "import.column_unknown": E,
    "import.column_unmapped": W, "import.column_twice": W, "import.mangled_id": E,
    "import.not_integer": E, "import.unknown_unit": E, "import.bool": E,
    "import.ref_ambiguous": E, "import.ref_conflict": E, "import.duplicate": E,
    "import.duplicate_in_file": E, "import.batch_conflict": E, "import.formula_text": W,
    "import.export_pending": W, "import.constraint": E, "import.period_locked": E,
    "screen.listed": E, "screen.close": W, "screen.rule": E,
}

# code -> (severity, zh, en), as the callers of the single table knew it
CATALOG: dict[str, tuple[Severity, str, str]] = {
    code: (severity, *text.CATALOGUE[code]) for code, severity in SEVERITY.items()}


def severity_of(code: str) -> Severity:
    return SEVERITY[code]


def render_text(f: Finding, lang: str = "zh") -> str:
    """The finding's sentence alone, without the entity and record in front."""
    params = {"label": field_label(f.entity, f.field, lang), "record": f.record, **f.params}
    if "end_use_code" in params:  # an end use by its name in the reader's language
        from .enums import EndUse

        code = params["end_use_code"]
        params["end_use"] = EndUse(code).label(lang) if code in EndUse.__members__ else code
    return text.say(f.code, lang, **params)


def render(f: Finding, lang: str = "zh") -> str:
    sentence = render_text(f, lang)
    where = f"{entity_label(f.entity, lang)} {f.record}"
    return f"{where}: {sentence}" if lang != "zh" else f"{where}：{sentence}"


def derived_value(entity: str, name: str, value, lang: str = "zh") -> str:
    """A derived value as the clerk reads it (an amount in 元, an end use by name)."""
    from .fields import field_spec
    from .units import format_money

    spec = field_spec(entity, name)
    if spec is not None and spec.kind == "money" and isinstance(value, int):
        return format_money(value)
    if spec is not None and spec.choices is not None and value:
        return spec.choices(value).label(lang)
    return str(value)


def render_derived(entity: str, d, lang: str = "zh") -> str:
    """One ``derive.Derived`` as a sentence in the reader's language."""
    params = {**d.params, "was": d.params.get("value", ""),
              "label": field_label(entity, d.field, lang),
              "value": derived_value(entity, d.field, d.value, lang)}
    return text.say(d.rule, lang, **params)


def render_derived_summary(entity: str, example, count: int, rows: list[int],
                           lang: str = "zh") -> str:
    """An import's derivations by one rule: the first as an example, how many
    rows and which (the first of them)."""
    sentence = render_derived(entity, example, lang)
    more = "…" if count > len(rows) else ""
    return text.say("derive.rows", lang, sentence=sentence, count=count, more=more,
                    rows=("、" if lang == "zh" else ", ").join(map(str, rows)))
