"""Monthly movement totals, kept by the writes: per product, month and kind
the grams and the number of rows of the movements a period's opening
stock sums (``period.py``), so that a month or a year reads the totals of
the months before it instead of every earlier purchase, batch, input line
and sale.

``movement_month`` holds, by ``substr(date, 1, 7)`` of each row's own date
as the balance buckets them:

- ``in_purchase``: ``purchase_in.qty_g`` by its ``date``;
- ``in_production``: ``production_batch.output_g`` by its ``end_date``;
- ``out_consumption``: ``batch_input.qty_g`` by its batch's ``start_date``,
  under its purchase's product (an input line counts while both its batch
  and its purchase exist, as the join of the balance reads it);
- ``out_sales`` / ``out_export``: ``sale_out.qty_g`` by ``date`` and
  ``is_export``.

Derived data: triggers on both back ends keep it (SQLite's here, the
server's made from the same statements in ``postgres/rules.py``), so every
writer (use cases, imports, restores, another program) keeps it right; it
is not audited (a total is no record) and no one edits it.  A row whose
``lines`` came back to 0 is kept (the table has a row per product, month
and kind that ever had one: small) and read as none.  A batch's input
lines are taken off BEFORE the batch is deleted: the lines its deletion
cascades to no longer find it.  What fires no row trigger escapes them, as
it escapes the audit trail (SQLite's ``REPLACE`` of a row without recursive
triggers, a server's ``TRUNCATE``): ``check`` tells such totals
(``mismatches``), a schema repair and a copy work them out again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

TABLE = "movement_month"

CREATE_TABLE = f"""CREATE TABLE {TABLE} (
        product_id INTEGER NOT NULL,
        month TEXT NOT NULL,
        kind TEXT NOT NULL,
        qty_g INTEGER NOT NULL,
        lines INTEGER NOT NULL,
        PRIMARY KEY (product_id, month, kind)) WITHOUT ROWID"""

_UPSERT = (f" WHERE true ON CONFLICT (product_id, month, kind) DO UPDATE SET"
           f" qty_g = {TABLE}.qty_g + excluded.qty_g, lines = {TABLE}.lines + excluded.lines")


def _add(select: str) -> str:
    """Add the rows of ``select`` (product, month, kind, grams, lines; it
    ends with its FROM, or with nothing, and takes no WHERE) to the totals."""
    return f"INSERT INTO {TABLE} (product_id, month, kind, qty_g, lines) SELECT {select}{_UPSERT}"


def _add_where(select: str, where: str, group: str = "") -> str:
    """As ``_add``, with a WHERE (and GROUP BY) of the select's own."""
    return (f"INSERT INTO {TABLE} (product_id, month, kind, qty_g, lines) SELECT {select}"
            f" WHERE {where}{group} ON CONFLICT (product_id, month, kind) DO UPDATE SET"
            f" qty_g = {TABLE}.qty_g + excluded.qty_g, lines = {TABLE}.lines + excluded.lines")


def _sale_kind(row: str) -> str:
    return f"CASE WHEN {row}.is_export <> 0 THEN 'out_export' ELSE 'out_sales' END"


def _row(table: str, row: str, sign: str) -> str:
    """The totals statement of one row of a table with one movement per row."""
    product, column, date, kind = {
        "purchase_in": ("product_id", "qty_g", "date", "'in_purchase'"),
        "production_batch": ("product_id", "output_g", "end_date", "'in_production'"),
        "sale_out": ("product_id", "qty_g", "date", _sale_kind(row)),
    }[table]
    return _add(f"{row}.{product}, substr({row}.{date}, 1, 7), {kind}, "
                f"{sign}{row}.{column}, {sign}1")


def _input_line(row: str, sign: str) -> str:
    """An input line's consumption, when its batch and purchase exist."""
    return _add_where(
        f"p.product_id, substr(b.start_date, 1, 7), 'out_consumption', {sign}{row}.qty_g, {sign}1"
        " FROM production_batch AS b, purchase_in AS p",
        f"b.id = {row}.batch_id AND p.id = {row}.purchase_id")


def _batch_lines(row: str, sign: str) -> str:
    """The consumption of every input line of the batch ``row``."""
    return _add_where(
        f"p.product_id, substr({row}.start_date, 1, 7), 'out_consumption', "
        f"{sign}sum(i.qty_g), {sign}count(*)"
        " FROM batch_input AS i JOIN purchase_in AS p ON p.id = i.purchase_id",
        f"i.batch_id = {row}.id", " GROUP BY p.product_id")


def _purchase_lines(row: str, sign: str) -> str:
    """The consumption of every input line drawing on the purchase ``row``."""
    return _add_where(
        f"{row}.product_id, substr(b.start_date, 1, 7), 'out_consumption', "
        f"{sign}sum(i.qty_g), {sign}count(*)"
        " FROM batch_input AS i JOIN production_batch AS b ON b.id = i.batch_id",
        f"i.purchase_id = {row}.id", " GROUP BY substr(b.start_date, 1, 7)")


# (table, event, timing, the columns an update must touch, statements).  A
# purchase's product or id and a batch's start or id move their lines' grams.
RULES: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("purchase_in", "INSERT", "AFTER", (),
     (_row("purchase_in", "NEW", ""), _purchase_lines("NEW", ""))),
    ("purchase_in", "UPDATE", "AFTER", ("id", "date", "product_id", "qty_g"),
     (_row("purchase_in", "OLD", "-"), _row("purchase_in", "NEW", ""),
      _purchase_lines("OLD", "-"), _purchase_lines("NEW", ""))),
    ("purchase_in", "DELETE", "AFTER", (),
     (_row("purchase_in", "OLD", "-"), _purchase_lines("OLD", "-"))),
    ("production_batch", "INSERT", "AFTER", (),
     (_row("production_batch", "NEW", ""), _batch_lines("NEW", ""))),
    ("production_batch", "UPDATE", "AFTER", ("id", "start_date", "end_date", "product_id",
                                             "output_g"),
     (_row("production_batch", "OLD", "-"), _row("production_batch", "NEW", ""),
      _batch_lines("OLD", "-"), _batch_lines("NEW", ""))),
    ("production_batch", "DELETE", "BEFORE", (),
     (_row("production_batch", "OLD", "-"), _batch_lines("OLD", "-"))),
    ("batch_input", "INSERT", "AFTER", (), (_input_line("NEW", ""),)),
    ("batch_input", "UPDATE", "AFTER", ("batch_id", "purchase_id", "qty_g"),
     (_input_line("OLD", "-"), _input_line("NEW", ""))),
    ("batch_input", "DELETE", "AFTER", (), (_input_line("OLD", "-"),)),
    ("sale_out", "INSERT", "AFTER", (), (_row("sale_out", "NEW", ""),)),
    ("sale_out", "UPDATE", "AFTER", ("date", "product_id", "qty_g", "is_export"),
     (_row("sale_out", "OLD", "-"), _row("sale_out", "NEW", ""))),
    ("sale_out", "DELETE", "AFTER", (), (_row("sale_out", "OLD", "-"),)),
)


def trigger_name(table: str, event: str) -> str:
    return f"{TABLE}_{table}_{event.lower()}"


def sqlite_triggers() -> list[str]:
    """SQLite's triggers keeping the totals."""
    out = []
    for table, event, timing, columns, body in RULES:
        of = f" OF {', '.join(columns)}" if columns else ""
        out.append(f"CREATE TRIGGER {trigger_name(table, event)} {timing} {event}{of} ON {table}"
                   f" BEGIN {'; '.join(body)}; END")
    return out


# The totals of a table's rows numbered after ``?``, as (select, where, group
# by) per kind, for ``added_after``: what the table's insert trigger adds.
_NEW_ROWS = {
    "sale_out": (
        ("product_id, substr(date, 1, 7), CASE WHEN is_export <> 0 THEN 'out_export'"
         " ELSE 'out_sales' END, sum(qty_g), count(*) FROM sale_out", "id > ?", " GROUP BY 1, 2, 3"),
    ),
    "purchase_in": (
        ("product_id, substr(date, 1, 7), 'in_purchase', sum(qty_g), count(*) FROM purchase_in",
         "id > ?", " GROUP BY 1, 2"),
        # input lines already naming a new purchase's id (another program's, keys off)
        ("n.product_id, substr(b.start_date, 1, 7), 'out_consumption', sum(i.qty_g), count(*)"
         " FROM purchase_in AS n JOIN batch_input AS i ON i.purchase_id = n.id"
         " JOIN production_batch AS b ON b.id = i.batch_id", "n.id > ?", " GROUP BY 1, 2"),
    ),
}


@contextmanager
def added_after(conn, table: str) -> Iterator[None]:
    """SQLite, inside the caller's transaction: the rows inserted into
    ``table`` in the block, all numbered by SQLite after its largest id,
    added to the totals by one statement per kind at its end, the table's
    insert trigger dropped meanwhile: a second row trigger beside the
    audit's costs an import more than writing the row (18 µs a row against
    9).  Other tables, and a file without the trigger, as they are."""
    name = trigger_name(table, "INSERT")
    found = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                         (name,)).fetchone() if table in _NEW_ROWS else None
    if found is None:
        yield
        return
    last = conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
    conn.execute(f"DROP TRIGGER {name}")
    try:
        yield
    finally:  # a failure is rolled back by the caller, the trigger's drop with it
        conn.execute(found[0])
    for select, where, group in _NEW_ROWS[table]:
        conn.execute(_add_where(select, where, group), (last,))


# The totals worked out from the base tables: one GROUP BY per table.
RECOMPUTE_SQL = """
SELECT product_id, substr(date, 1, 7), 'in_purchase', sum(qty_g), count(*)
  FROM purchase_in GROUP BY 1, 2
UNION ALL
SELECT product_id, substr(end_date, 1, 7), 'in_production', sum(output_g), count(*)
  FROM production_batch GROUP BY 1, 2
UNION ALL
SELECT p.product_id, substr(b.start_date, 1, 7), 'out_consumption', sum(i.qty_g), count(*)
  FROM batch_input AS i JOIN production_batch AS b ON b.id = i.batch_id
  JOIN purchase_in AS p ON p.id = i.purchase_id GROUP BY 1, 2
UNION ALL
SELECT product_id, substr(date, 1, 7),
       CASE WHEN is_export <> 0 THEN 'out_export' ELSE 'out_sales' END, sum(qty_g), count(*)
  FROM sale_out GROUP BY 1, 2, 3
"""

FILL_SQL = f"INSERT INTO {TABLE} (product_id, month, kind, qty_g, lines) {RECOMPUTE_SQL}"


def rebuild(conn) -> None:
    """Work the totals out again from the base tables (inside the caller's
    transaction)."""
    conn.execute(f"DELETE FROM {TABLE}")
    conn.execute(FILL_SQL)


def mismatches(conn) -> list[tuple]:
    """The totals that differ from a recomputation: (product, month, kind,
    kept grams, kept lines, recomputed grams, recomputed lines), a side
    missing as None; empty when they are right."""
    kept = {(p, m, k): (q, n) for p, m, k, q, n in conn.execute(
        f"SELECT product_id, month, kind, qty_g, lines FROM {TABLE} WHERE lines <> 0 OR qty_g <> 0")}
    want = {(p, m, k): (q, n) for p, m, k, q, n in conn.execute(RECOMPUTE_SQL)}
    return [(*key, *kept.get(key, (None, None)), *want.get(key, (None, None)))
            for key in sorted(kept.keys() | want.keys(), key=repr)
            if kept.get(key) != want.get(key)]


def movement_totals_match(conn) -> bool:
    """Whether the kept totals equal a recomputation from the base tables."""
    return not mismatches(conn)


def made_right(conn) -> bool:
    """Check the totals against a recomputation and, if they differ, work
    them out again (a copy's arrival: derived data, not the source's word);
    whether they had to be."""
    if not mismatches(conn):
        return False
    rebuild(conn)
    return True
