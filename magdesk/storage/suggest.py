"""Suggestions for the entry forms: a sale's batches and the next document number.
Each is one indexed query, cheap on a million-sale file."""

from __future__ import annotations

import re
from datetime import date

from .repository import Repository

# A document number with a year-month and a running number: SO-202611-0000007.
_DOC_NO = re.compile(r"^(?P<head>.*?)(?P<ym>20\d{2}(?:0[1-9]|1[0-2]))(?P<sep>\D+)(?P<n>\d+)$")


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def batches_like(repo: Repository, text: str, product_id: int | None = None,
                 limit: int = 50) -> list[str]:
    """Batch numbers containing ``text``, newest (completion date) first; only the
    batches of ``product_id`` when a product is given (a sale of another product's
    batch is an error)."""
    where, params = "batch_no LIKE ? ESCAPE '\\'", [_like(text)]
    if product_id is not None:
        where += " AND product_id = ?"
        params.append(product_id)
    rows = repo.conn.execute(
        f"SELECT batch_no FROM production_batch WHERE {where} "  # noqa: S608 - fixed text
        f"ORDER BY end_date DESC, id DESC LIMIT {int(limit)}", params)
    return [r[0] for r in rows]


def export_sales_like(repo: Repository, text: str, limit: int = 50) -> list[tuple[str, str]]:
    """(delivery number, customer) of the export sales whose number contains
    ``text``, newest first: the sales an export line may belong to.  It walks
    the sales' date index from the newest and stops at ``limit``."""
    rows = repo.conn.execute(
        "SELECT s.doc_no, COALESCE(c.name_cn, '') FROM sale_out s "
        "LEFT JOIN counterparty c ON c.id = s.customer_id "
        "WHERE s.is_export = 1 AND s.doc_no LIKE ? ESCAPE '\\' "
        f"ORDER BY s.date DESC, s.id DESC LIMIT {int(limit)}", (_like(text),))
    return [(doc_no, name) for doc_no, name in rows]


def next_sale_doc_no(repo: Repository, day: date) -> str:
    """The delivery number after the file's greatest one, in its pattern, for the
    month of ``day``: SO-202611-0000007 → SO-202612-0000008 for a December sale.

    The running number continues across months (as the file numbers them);
    "" when the greatest number has no year-month and running number, or when
    the suggestion is taken already.  Both lookups use the doc_no index."""
    return next_doc_no(repo, "sale_out", day)


def next_doc_no(repo: Repository, table: str, day: date) -> str:
    """As ``next_sale_doc_no``, for the documents of ``table`` (sale_out, or
    purchase_in: RK-202611-003 → RK-202611-004)."""
    if table not in ("sale_out", "purchase_in"):
        raise ValueError(table)
    row = repo.conn.execute(f"SELECT MAX(doc_no) FROM {table}").fetchone()  # noqa: S608
    match = _DOC_NO.match(row[0] or "") if row else None
    if match is None:
        return ""
    number = str(int(match["n"]) + 1).zfill(len(match["n"]))
    suggestion = f"{match['head']}{day:%Y%m}{match['sep']}{number}"
    taken = repo.conn.execute(f"SELECT 1 FROM {table} WHERE doc_no = ?",  # noqa: S608
                              (suggestion,))
    return "" if taken.fetchone() else suggestion


def lots_left(repo: Repository, text: str, limit: int = 50) -> list[tuple[str, int]]:
    """(lot number, grams left) of the lots of raw material (what a batch
    draws on: oxides, metals, alloys, powder, scrap) whose number contains
    ``text`` and that have stock left, newest (arrival) first."""
    from ..core.enums import RAW_CATEGORIES

    marks = ", ".join("?" * len(RAW_CATEGORIES))
    # the stock left named in a subquery: a server reads no alias in WHERE
    rows = repo.conn.execute(
        "SELECT lot_no, left_g FROM (SELECT p.lot_no, p.date, p.id, "
        "p.qty_g - COALESCE((SELECT SUM(i.qty_g) FROM batch_input i "
        "WHERE i.purchase_id = p.id), 0) AS left_g "
        "FROM purchase_in p JOIN product pr ON pr.id = p.product_id "
        f"WHERE p.lot_no LIKE ? ESCAPE '\\' AND pr.category IN ({marks})) AS lots "  # noqa: S608
        f"WHERE left_g > 0 ORDER BY date DESC, id DESC LIMIT {int(limit)}",
        [_like(text), *sorted(c.value for c in RAW_CATEGORIES)])
    return [(r[0], r[1]) for r in rows]
