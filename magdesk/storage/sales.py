"""What validation needs to know of all the sales, worked out by SQLite.

Reading a million sales into Python to check them one by one took most of
the time validation took.  Here the record rules of a sale (its field specs
and ``check_sale``) are put as one SQL condition, and only the rows that fail
it come back, to be checked, and explained, by ``check_sale``.  The
condition may be stricter than the rules (a row that breaks none costs a
check) but never looser: tests/storage checks that every row ``check_sale``
finds fault with fails it.  The sums, repeats and export sales are plain
queries.

All of it runs on a connection of its own in a worker thread, started as
validation starts: SQLite lets go of Python's lock while it works, so on a
machine with two cores the sales are summed while the other records are
checked.
"""

from __future__ import annotations

import functools
import sqlite3
import sys
import threading
from collections import defaultdict
from collections.abc import Callable

from ..core import enums as E
from ..core import rules_records as R
from ..core.rules_sales import EXPORT_SALE_COLUMNS, SALE_COLUMNS, ExportSale, SaleSummary
from ..core.units import PCT_SCALE

_COLUMNS = ", ".join(SALE_COLUMNS)


@functools.cache
def _whitespace() -> str:
    """Every character str.strip() removes: a text without them at its ends
    is its own strip(), so SQL's length() is the length the rule measures."""
    return "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _in(values) -> str:
    return f"({', '.join(_quote(v) if isinstance(v, str) else str(int(v)) for v in values)})"


def _field(v: str, kind: str, required: bool, max_len, min_len, choices) -> str:
    """SQL that is true only when column ``v`` passes check_fields.  A NULL
    result counts as false, so a required field needs no test of its own
    for NULL; ``''`` fails every test below but the enum's and the date's
    (which it fails too)."""
    if kind in ("text", "code"):
        ok = f"length({v}) BETWEEN {1 if required else 0} AND {max_len or 10**9}"
        if min_len:
            ok += f" AND length({v}) >= {min_len} AND {v} = trim({v}, {_quote(_whitespace())})"
    elif kind == "enum":
        ok = f"{v} IN {_in(sorted(choices.__members__))}"
    elif kind in ("mass", "int"):  # '' is empty to the rule, and > 0 to SQLite
        ok = f"{v} > 0" if not required else f"typeof({v}) IN ('integer', 'real') AND {v} > 0"
    elif kind == "money":
        ok = f"{v} >= 0"
    elif kind == "pct":
        ok = f"{v} BETWEEN 0 AND {100 * PCT_SCALE}"
    elif kind == "date":  # date() also refuses a day that does not exist
        ok = f"{v} BETWEEN :earliest AND :today AND date({v}) = {v}"
    else:  # references: presence only
        ok = f"{v} <> ''"
    if required:
        return ok
    if kind in ("text", "code"):
        return f"coalesce({ok}, 1)"
    return f"({v} IS NULL OR {v} = '' OR {ok})"


def sale_condition(ctx: R.Context) -> str:
    """SQL over ``sale_out`` that is true only when the sale breaks no record
    rule, but for its batch (see ``batches_at_fault``)."""
    fields = [_field(name, *rest) for name, *rest in R.field_plan("sale")]
    suppliers = [i for i, cp in ctx.counterparties.items() if cp.role == E.Role.SUPPLIER]
    not_magnets = [i for i, p in ctx.products.items()
                   if p.category not in E.MAGNET_CATEGORIES]
    digits = "[0-9]"
    rules = [
        f"customer_id NOT IN {_in(suppliers)}",
        f"product_id NOT IN {_in(not_magnets)}",
        # 0.01 g to 50 kg a piece (strict, in whole numbers: the edges go to check_sale)
        "(qty_pcs IS NULL OR (qty_g * 100 > qty_pcs AND qty_g < 50000 * qty_pcs))",
        # most sales are in yuan: one comparison instead of a search of the list
        f"({'currency = ' + _quote('CNY') + ' OR ' if 'CNY' in ctx.codes.currencies else ''}"
        f"currency IN {_in(sorted(ctx.codes.currencies))})",
        f"(CASE WHEN invoice_no = '' THEN is_export = 1 ELSE invoice_no GLOB '{digits * 20}'"
        f" OR invoice_no GLOB '{digits * 8}' END)",
        "(is_export = 0 OR length(end_use) > 0)",
    ]
    return " AND ".join(fields + rules)


def batches_at_fault(groups, ctx: R.Context) -> set[int]:
    """The batches some sale breaks a rule with: it sells another product
    than the batch made, or sells before the batch ended.  ``groups`` are
    (batch id, product id, first day sold)."""
    out = set()
    for batch_id, product_id, first in groups:
        made = ctx.batches.get(batch_id)
        if made is not None and (made.product_id != product_id or (
                made.end_date is not None and first < made.end_date.isoformat())):
            out.add(batch_id)
    return out


def _summarise(conn: sqlite3.Connection, ctx: R.Context) -> SaleSummary:
    # each query reads one index alone and in order (migrations._V4)
    dates = {"earliest": R.EARLIEST.isoformat(), "today": ctx.today.isoformat()}
    suspects = {row[0]: row for row in conn.execute(
        f"SELECT {_COLUMNS} FROM sale_out WHERE NOT coalesce({sale_condition(ctx)}, 0)",
        dates)}
    sold: dict[int, int] = defaultdict(int)
    first = []
    for batch, product, grams, day in conn.execute(
            "SELECT batch_id, product_id, sum(qty_g), min(date) FROM sale_out"
            " GROUP BY batch_id, product_id"):
        sold[batch] += grams
        first.append((batch, product, day))
    faulty = batches_at_fault(first, ctx)
    if faulty:
        suspects.update((row[0], row) for row in conn.execute(
            f"SELECT {_COLUMNS} FROM sale_out WHERE batch_id IN {_in(sorted(faulty))}"))
    by_month: dict[tuple[int, str, str], int] = defaultdict(int)
    for product, day, export, grams in conn.execute(
            "SELECT product_id, date, is_export, sum(qty_g) FROM sale_out"
            " GROUP BY product_id, date, is_export"):
        by_month[(product, day[:7], "out_export" if export else "out_sales")] += grams
    # within a group the day is the same: the first is the one with the lowest id
    repeats = conn.execute(
        "SELECT s.doc_no, s.date FROM (SELECT customer_id, date, product_id, qty_g,"
        " min(id) AS first FROM sale_out GROUP BY 1, 2, 3, 4 HAVING count(*) > 1) AS d"
        " JOIN sale_out AS s ON s.customer_id = d.customer_id AND s.date = d.date"
        " AND s.product_id = d.product_id AND s.qty_g = d.qty_g AND s.id <> d.first"
        " ORDER BY s.date, s.id").fetchall()
    exports = conn.execute(f"SELECT id, {', '.join(EXPORT_SALE_COLUMNS)} FROM sale_out"
                           " WHERE is_export <> 0").fetchall()
    return SaleSummary(
        suspects=sorted(suspects.values(), key=lambda r: (r[2], r[0])),
        sold_by_batch=dict(sold), repeats=repeats,
        export_sales={row[0]: ExportSale._make(row[1:]) for row in exports},
        movements=[(*key, grams) for key, grams in by_month.items()],
        sales_of_batch=lambda batch_id: ())  # set by SalesAtWork


class SalesAtWork:
    """The summary of the stored sales, worked out in a thread of its own
    from the moment this is made.  Inside a transaction (an import checks
    what it wrote before committing) only this connection sees the data:
    then the work is done at once, on it."""

    def __init__(self, db, ctx: R.Context):
        self._main = db.conn
        self._summary: SaleSummary | None = None
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        if self._main.in_transaction:
            self._conn = self._main
            self._work(ctx)
            return
        self._conn = db.reader()
        self._thread = threading.Thread(target=self._work, args=(ctx,), daemon=True,
                                        name="sale summary")
        self._thread.start()

    def _work(self, ctx: R.Context) -> None:
        try:
            self._summary = _summarise(self._conn, ctx)
        except BaseException as exc:  # handed to the caller of result()
            self._error = exc
        finally:
            if self._conn is not self._main:
                self._conn.close()

    def result(self, tick: Callable[[], None] = lambda: None) -> SaleSummary:
        """The summary, once ready (``tick`` is called while waiting; if it
        raises, the work is stopped)."""
        try:
            while self._thread is not None and self._thread.is_alive():
                self._thread.join(0.05)
                tick()
        except BaseException:
            self.cancel()
            raise
        if self._error is not None:
            raise self._error
        summary = self._summary
        summary.sales_of_batch = self._sales_of_batch
        return summary

    def cancel(self) -> None:
        """Stop the work (a no-op when it is done)."""
        if self._thread is not None and self._thread.is_alive():
            try:
                self._conn.interrupt()
            except sqlite3.ProgrammingError:  # closed meanwhile
                pass
            self._thread.join()

    def _sales_of_batch(self, batch_id: int) -> list[tuple[str, str, int]]:
        return self._main.execute("SELECT doc_no, date, qty_g FROM sale_out WHERE batch_id = ?"
                                  " ORDER BY date, id", (batch_id,)).fetchall()
