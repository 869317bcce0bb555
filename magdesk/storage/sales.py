"""What validation needs to know of all the sales, worked out by SQLite.

Reading a million sales into Python to check them one by one took most of
the time validation took.  Here the record rules of a sale (its field specs
and ``check_sale``) are put as one SQL condition, and only the rows that fail
it come back, to be checked, and explained, by ``check_sale``.  The
condition may be stricter than the rules (a row that breaks none costs a
check) but never looser: tests/storage checks that every row ``check_sale``
finds fault with fails it.  The sums, repeats and export sales are plain
queries.

It all runs on connections and in threads of their own (background.py):
the sums from the moment the data set is loaded, the screen once the rules'
context is known.  On a machine with two cores the sales are worked out
while the other records are checked.
"""

from __future__ import annotations

import dataclasses
import functools
import sqlite3
import sys
from collections.abc import Callable

from ..core import enums as E
from ..core import rules_records as R
from ..core.rules_sales import EXPORT_SALE_COLUMNS, SALE_COLUMNS, ExportSale, SaleSummary
from ..core.units import PCT_SCALE
from . import days, period_sales
from .background import Background, rows_at_once
from .db import on_server
from .period import Span

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


def _field(server: bool, v: str, kind: str, required: bool, max_len, min_len, choices) -> str:
    """SQL that is true only when column ``v`` passes check_fields.  A NULL
    result counts as false, so a required field needs no test of its own
    for NULL; ``''`` fails every test below but the enum's and the date's
    (which it fails too).  On a ``server`` the columns are typed (a number
    cannot be text there).  The date's test is the calendar's, written out
    alike for both back ends (``days.real_day``)."""
    if kind in ("text", "code"):
        ok = f"length({v}) BETWEEN {1 if required else 0} AND {max_len or 10**9}"
        if min_len:
            trim = "btrim" if server else "trim"
            ok += f" AND length({v}) >= {min_len} AND {v} = {trim}({v}, {_quote(_whitespace())})"
    elif kind == "enum":
        ok = f"{v} IN {_in(sorted(choices.__members__))}"
    elif kind in ("mass", "int"):  # '' is empty to the rule, and > 0 to SQLite
        ok = f"{v} > 0" if not required or server else \
            f"typeof({v}) IN ('integer', 'real') AND {v} > 0"
    elif kind == "money":
        ok = f"{v} >= 0"
    elif kind == "pct":
        ok = f"{v} BETWEEN 0 AND {100 * PCT_SCALE}"
    elif kind == "date":  # a day that does not exist too (days.py)
        ok = f"{v} BETWEEN :earliest AND :today AND {days.real_day(v, server)}"
    else:  # references: presence only
        ok = f"{v} IS NOT NULL" if server else f"{v} <> ''"
    if required:
        return ok
    if kind in ("text", "code"):
        return f"({ok}) IS NOT FALSE"
    if server and kind in ("mass", "int", "money", "pct"):
        return f"({v} IS NULL OR {ok})"
    return f"({v} IS NULL OR {v} = '' OR {ok})"


def sale_condition(ctx: R.Context, server: bool = False) -> str:
    """SQL over ``sale_out`` that is true only when the sale breaks no record
    rule, but for those with its batch (``_BATCHES_SQL``)."""
    suppliers = [i for i, cp in ctx.counterparties.items() if cp.role == E.Role.SUPPLIER]
    not_magnets = [i for i, p in ctx.products.items()
                   if p.category not in E.MAGNET_CATEGORIES]
    plan = {name: rest for name, *rest in R.field_plan("sale")}
    uses = _in(sorted(plan["end_use"][-1].__members__))
    currencies = sorted(ctx.codes.currencies)
    rules = {
        # 0.01 g to 50 kg a piece (strict, in whole numbers: the edges go to
        # check_sale); with a positive mass this holds only for a positive count
        "qty_pcs": "(qty_pcs IS NULL OR (qty_g * 100 > qty_pcs AND qty_g < 50000 * qty_pcs))",
        "currency": f"currency IN {_in(currencies)}",
        # none only for an export; else 8 or 20 digits
        "invoice_no": "(CASE length(invoice_no) WHEN 0 THEN is_export = 1"
                      " WHEN 20 THEN ltrim(invoice_no, '0123456789') = ''"
                      " WHEN 8 THEN ltrim(invoice_no, '0123456789') = '' END)",
        # required for an export, and one of the list when given
        "end_use": "(CASE WHEN is_export = 0 AND coalesce(end_use, '') = '' THEN 1 = 1"
                   f" ELSE end_use IN {uses} END)",
    }
    # a field whose rule above asks more than its spec needs no test of its own
    covered = {"qty_pcs", "invoice_no", "end_use"}
    if all(0 < len(code) <= plan["currency"][2] for code in currencies):
        covered.add("currency")
    fields = [_field(server, name, *rest) for name, rest in plan.items() if name not in covered]
    return " AND ".join([
        *fields, *rules.values(),
        f"customer_id NOT IN {_in(suppliers)}",
        f"product_id NOT IN {_in(not_magnets)}",
    ])


# Per batch: its sales' products, first day and grams, against what the batch
# made, when it ended and how much (with what came back): only batches some
# sale is at fault with, or that are sold beyond what they have
_BATCHES_SQL = """
SELECT batch_id, sold, at_fault FROM (
SELECT s.batch_id, s.sold, s.low <> b.product_id OR s.high <> b.product_id
       OR s.first < coalesce(b.end_date, '') AS at_fault, b.output_g + coalesce(r.back, 0) AS room
  FROM (SELECT batch_id, min(product_id) AS low, max(product_id) AS high,
               min(date) AS first, sum(qty_g) AS sold
          FROM sale_out GROUP BY batch_id) AS s
  JOIN production_batch AS b ON b.id = s.batch_id
  LEFT JOIN (SELECT batch_id, sum(qty_g) AS back FROM stock_adjustment
              WHERE kind = 'RETURN' GROUP BY batch_id) AS r ON r.batch_id = s.batch_id) AS q
 WHERE at_fault OR sold > room
"""

_REPEATS_SQL = """
SELECT s.doc_no, s.date
  FROM (SELECT customer_id, date, product_id, qty_g, min(id) AS first FROM sale_out
         GROUP BY 1, 2, 3, 4 HAVING count(*) > 1) AS d
  JOIN sale_out AS s ON s.customer_id = d.customer_id AND s.date = d.date
       AND s.product_id = d.product_id AND s.qty_g = d.qty_g AND s.id <> d.first
 ORDER BY s.date, s.id
"""  # within a group the day is the same: the first is the one with the lowest id

_MONTHS_SQL = """
SELECT product_id, substr(date, 1, 7), CASE WHEN x <> 0 THEN 'out_export' ELSE 'out_sales' END,
       sum(grams)
  FROM (SELECT product_id, date, is_export AS x, sum(qty_g) AS grams FROM sale_out
         GROUP BY product_id, date, is_export) AS d
 GROUP BY 1, 2, 3
"""


def batches_to_check(conn: sqlite3.Connection) -> list[tuple[int, int, int]]:
    """(batch id, grams sold, whether a sale is at fault with it) of each
    batch some sale is at fault with or that may be sold beyond its output."""
    return conn.execute(_BATCHES_SQL).fetchall()


def _sums(conn: sqlite3.Connection, main: sqlite3.Connection,
          span: Span | None = None) -> tuple[SaleSummary, list[int]]:
    """Everything but the suspects, which need the rules' Context; and the
    batches some sale is at fault with, whose sales are suspects (of the
    period's sales alone with a ``span``: period_sales.py)."""
    if span is not None:
        batches = period_sales.batches_to_check(conn, span)
        exports = period_sales.export_sales(conn, span)
    else:
        batches = batches_to_check(conn)
        exports = rows_at_once(conn, f"SELECT id, {', '.join(EXPORT_SALE_COLUMNS)}"
                                     " FROM sale_out WHERE is_export <> 0",
                               1 + len(EXPORT_SALE_COLUMNS))

    def sales_of_batch(batch_id: int) -> list[tuple[str, str, int]]:
        return main.execute("SELECT doc_no, date, qty_g FROM sale_out WHERE batch_id = ?"
                            " ORDER BY date, id", (batch_id,)).fetchall()

    summary = SaleSummary(
        suspects=[], sold_by_batch={batch: sold for batch, sold, _at_fault in batches},
        repeats=conn.execute(_REPEATS_SQL).fetchall() if span is None
        else period_sales.repeats(conn, span),
        export_sales={row[0]: ExportSale._make(row[1:]) for row in exports},
        movements=conn.execute(_MONTHS_SQL).fetchall() if span is None
        else period_sales.movements(conn, span),
        sales_of_batch=sales_of_batch)
    return summary, [batch for batch, _sold, at_fault in batches if at_fault]


def _screen(conn: sqlite3.Connection, ctx: R.Context,
            sums: tuple[SaleSummary, list[int]], span: Span | None = None) -> SaleSummary:
    """The summary with the rows that may break a record rule as its
    suspects (with a ``span``: the period's, and those of no real date)."""
    summary, faulty = sums
    dates = {"earliest": R.EARLIEST.isoformat(), "today": ctx.today.isoformat()}
    within = ""
    if span is not None:
        within = "date >= :start AND date < :end AND "
        dates.update(start=span.start, end=span.end)
    suspects = {row[0]: row for row in conn.execute(
        f"SELECT {_COLUMNS} FROM sale_out WHERE {within}"
        f"({sale_condition(ctx, on_server(conn))}) IS NOT TRUE",
        dates)}
    if span is not None:
        suspects.update((row[0], row) for row in period_sales.undated(conn, _COLUMNS))
    if faulty:
        suspects.update((row[0], row) for row in conn.execute(
            f"SELECT {_COLUMNS} FROM sale_out WHERE {within}batch_id IN {_in(sorted(faulty))}",
            dates))
    return dataclasses.replace(summary, suspects=sorted(suspects.values(),
                                                     key=lambda r: (r[2], r[0])))


def sale_summary_later(db, span: Span | None = None) -> Callable[[R.Context], _Pending]:
    """Start summing the stored sales in a thread of their own; the callable
    returned takes the rules' Context and starts screening them in another
    (each query reads one index alone and in order, migrations._V4, and
    hands back few rows: SQLite works without Python's lock).  With a
    ``span``, of the period's sales (period_sales.py)."""
    sums = Background(db, lambda conn: _sums(conn, db.conn, span), "sale sums")

    def screen(ctx: R.Context) -> _Pending:
        return _Pending(sums, Background(
            db, lambda conn: _screen(conn, ctx, sums.result(), span), "sale screen"))

    return screen


class _Pending:
    """The summary, from the screening thread, which waits for the summing one."""

    def __init__(self, sums: Background, screen: Background):
        self._sums, self._screen = sums, screen

    def result(self, tick: Callable[[], None] = lambda: None) -> SaleSummary:
        try:
            return self._screen.result(tick)
        except BaseException:
            self.cancel()
            raise

    def cancel(self) -> None:
        self._sums.cancel()  # first: the screen may be waiting for it
        self._screen.cancel()
