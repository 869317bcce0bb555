"""The data sources a template's sheets draw on: each yields one dict per row
with typed values (dates as date, mass in grams, money in hundredths, enum
codes, bools)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..core.balance import monthly_balance
from ..storage.filing_store import FilingStore
from ..storage.repository import Repository

SOURCES: dict[str, tuple[str, ...]] = {
    "counterparties": ("name_cn", "name_en", "cp_type", "role", "uscc", "foreign_reg_no",
                       "country", "address"),
    "purchases": ("doc_no", "date", "supplier_name", "supplier_uscc", "supplier_cp_type",
                  "product_code", "product_name", "category", "hs_code", "lot_no", "qty_g",
                  "amount_fen", "invoice_no", "origin", "import_decl_no"),
    "batches": ("batch_no", "start_date", "end_date", "process", "product_code", "product_name",
                "grade", "output_g", "lot_no", "input_product_code", "input_g"),
    "sales": ("doc_no", "date", "customer_name", "customer_uscc", "customer_country",
              "customer_cp_type", "customer_name_en",
              "product_code", "product_name", "category", "grade", "hs_code", "batch_no",
              "qty_g", "qty_pcs", "amount_fen", "currency", "invoice_no", "contract_no",
              "is_export"),
    "exports": ("sale_doc_no", "customs_decl_no", "line_no", "decl_date", "destination",
                "consignee_name", "end_user", "end_use", "controlled", "control_no",
                "licence_type", "licence_no", "qty_g", "value_fen", "currency"),
    "inventory": ("product_code", "product_name", "category", "opening_g", "in_purchase",
                  "in_production", "out_sales", "out_consumption", "out_loss", "closing_g"),
}
_DATES = {"date", "start_date", "end_date", "decl_date"}
_BOOLS = {"is_export", "controlled"}


def source_rows(store: FilingStore, source: str, period: str) -> Iterator[dict]:
    """The rows of ``source`` for ``period``."""
    if source == "inventory":
        yield from _inventory(store, period)
        return
    for row in store.rows(source, period):
        for name in _DATES.intersection(row):
            row[name] = date.fromisoformat(row[name])
        for name in _BOOLS.intersection(row):
            row[name] = bool(row[name])
        yield row


def _inventory(store: FilingStore, period: str) -> Iterator[dict]:
    """One row per product with stock or movement in the month.  Customer
    returns are netted into 销售出库 (the sheet has no column of their own),
    so that opening + in − out = closing holds on every row of the sheet."""
    # the months before rolled into one: the opening needs their sum alone
    movements = [m for m in Repository(store.db).movements_to(period) if m[1] <= period]
    products = store.products()
    for row in monthly_balance(movements, period):
        if row.period != period or not row.has_activity:
            continue
        code, name, category = products[row.product_id]
        yield {
            "product_code": code, "product_name": name, "category": category,
            "opening_g": row.opening_g, "in_purchase": row.in_purchase,
            "in_production": row.in_production,
            "out_sales": row.out_sales + row.out_export - row.in_return,
            "out_consumption": row.out_consumption, "out_loss": row.out_loss,
            "closing_g": row.closing_g,
        }
