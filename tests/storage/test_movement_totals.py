"""Schema v12's monthly movement totals on a file: a version 11 file gets
them filled from its data when it opens; they are derived data, out of the
audit trail; a broken total is told by ``mismatches``."""

from __future__ import annotations

import sqlite3

from magdesk.storage import audit, migrations, totals
from magdesk.storage.db import open_database


def _as_version_11(path) -> None:
    """Take the objects of schema v12 and later off a current file: what v11 made it."""
    conn = sqlite3.connect(path, isolation_level=None)
    new = [name for kind, name in conn.execute("SELECT type, name FROM sqlite_master")
           if name.startswith("movement_month_") or name in ("sale_out_undated",
                                                               "production_batch_start")]
    for name in new:
        kind = "INDEX" if name in ("sale_out_undated", "production_batch_start") else "TRIGGER"
        conn.execute(f"DROP {kind} {name}")
    conn.execute("DROP TABLE movement_month")
    for column in migrations.SORTED_SALE_COLUMNS:  # and what came after v12
        conn.execute(f"DROP INDEX sale_out_by_{column}")
    # rows of odd dates, and a batch's lines on a purchase of another product
    conn.execute("UPDATE sale_out SET date = '2026-06' WHERE id = 3")
    conn.execute("UPDATE purchase_in SET date = '2025-13-01' WHERE id = 2")
    conn.execute("UPDATE production_batch SET start_date = '' WHERE id = 4")
    conn.execute("PRAGMA user_version = 11")
    conn.close()


def test_a_version_11_file_gets_its_totals_filled_from_its_data(demo_copy):
    _as_version_11(demo_copy)
    with open_database(demo_copy) as db:
        assert db.schema_version == migrations.LATEST >= 12
        conn = db.conn
        assert totals.mismatches(conn) == []
        kept = dict(((p, m, k), q) for p, m, k, q in conn.execute(
            "SELECT product_id, month, kind, qty_g FROM movement_month"))
        assert {k for _p, _m, k in kept} == {"in_purchase", "in_production", "out_consumption",
                                             "out_sales", "out_export"}
        sold = conn.execute("SELECT sum(qty_g) FROM sale_out").fetchone()[0]
        assert sum(q for (_p, _m, k), q in kept.items() if k.startswith("out_s")
                   or k == "out_export") == sold
        assert any(m == "2025-13" for _p, m, _k in kept) and any(m == "" for _p, m, _k in kept)


def test_the_totals_are_out_of_the_audit_trail(demo_copy):
    with open_database(demo_copy) as db:
        before = db.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        assert "movement_month" not in migrations.AUDITED
        with db.write() as conn:
            conn.execute("UPDATE sale_out SET qty_g = qty_g + 1 WHERE id = 5")
        entries = db.conn.execute("SELECT entity FROM audit_log").fetchall()[before:]
        assert [e for (e,) in entries] == ["sale_out"]
        assert audit.verify(db.conn).problem == ""


def test_a_total_put_wrong_is_told(demo_copy):
    with open_database(demo_copy) as db:
        with db.write() as conn:
            conn.execute("UPDATE movement_month SET qty_g = qty_g + 1 WHERE kind = 'out_export'")
        wrong = totals.mismatches(db.conn)
        assert wrong and all(kind == "out_export" for _p, _m, kind, *_ in wrong)
        assert not totals.movement_totals_match(db.conn)
        with db.write() as conn:
            totals.rebuild(conn)
        assert totals.movement_totals_match(db.conn)


# The movements as a period read them before the totals: every earlier row
# summed (the reference the totals must give exactly, for any text of a date).
_EARLIER = """
SELECT p.id, :before, 'in_purchase', (SELECT sum(qty_g) FROM purchase_in
        WHERE product_id = p.id AND date < :start) FROM product AS p
UNION ALL
SELECT product_id, :before, 'in_production', sum(output_g)
  FROM production_batch WHERE end_date < :start GROUP BY 1
UNION ALL
SELECT p.product_id, :before, 'out_consumption', sum(i.qty_g)
  FROM batch_input i JOIN production_batch b ON b.id = i.batch_id
  JOIN purchase_in p ON p.id = i.purchase_id WHERE b.start_date < :start GROUP BY 1
UNION ALL
SELECT p.id, :before, 'out_sales', (SELECT sum(qty_g) FROM sale_out
        WHERE product_id = p.id AND date < :start) FROM product AS p
"""

_ODD_DATES = ("2026-06", "2026-06-00", "2026-06-", "2026-05-32", "2026-5-31", "2026-06-01",
              "2026", "", "2026-06-0", "2026-13-01", "2027-01")


def test_the_sums_before_a_period_are_what_every_earlier_row_sums_to(demo_copy):
    from magdesk.storage.period import span_of
    from magdesk.storage.repository import Repository

    with open_database(demo_copy) as db:
        with db.write() as conn:
            conn.execute("UPDATE period SET state = 'OPEN'")
            for n, day in enumerate(_ODD_DATES):
                conn.execute("UPDATE sale_out SET date = ? WHERE id = ?", (day, 7 + n))
                conn.execute("UPDATE purchase_in SET date = ? WHERE id = ?", (day, 7 + n))
                conn.execute("UPDATE production_batch SET start_date = ?, end_date = ?"
                             " WHERE id = ?", (day, _ODD_DATES[-n], 7 + n))
            # a product with nothing before, one with purchases of no grams
            conn.execute("UPDATE purchase_in SET qty_g = 0 WHERE product_id ="
                         " (SELECT max(product_id) FROM purchase_in)")
        repo = Repository(db)
        for period in ("2026-06", "2026-07", "2026-05", "2026-01", "2026", "2025", "2027-01",
                       "2019-01"):
            span = span_of(period)
            got = sorted((r for r in repo.movements_to(period) if r[1] == span.before
                          and r[2] in ("in_purchase", "in_production", "out_consumption", "out_sales")),
                         key=repr)
            want = [r for r in db.conn.execute(_EARLIER, span.params).fetchall()
                    if r[3] is not None]
            # the sales of the months before are one sum of both kinds
            assert got == sorted(want, key=repr), period
        assert totals.mismatches(db.conn) == []


def test_check_tells_totals_that_escaped_and_a_repair_works_them_out_again(demo_copy, capsys):
    from magdesk import usecases
    from magdesk.cli import main

    raw = sqlite3.connect(demo_copy, isolation_level=None)
    raw.execute("DROP TRIGGER movement_month_sale_out_insert")  # another program's doing
    raw.execute("INSERT INTO sale_out (doc_no, date, customer_id, product_id, batch_id, qty_g)"
                " SELECT 'ESCAPED-1', date, customer_id, product_id, batch_id, 777 FROM sale_out"
                " WHERE id = 1")
    raw.close()
    with open_database(demo_copy) as db:
        assert db.read_only
        report = usecases.check_database(db)
    assert report.movement_totals == 1 and not report.ok
    assert main(["--lang", "en", "check", "--db", str(demo_copy)]) == 1
    assert "1 monthly movement totals differ" in capsys.readouterr().out
    assert usecases.repair_schema(demo_copy).plan.needed
    with open_database(demo_copy) as db:
        report = usecases.check_database(db)
    assert report.ok and report.movement_totals == 0


def test_rows_added_in_one_go_are_in_the_totals_and_the_trigger_back(demo_copy):
    import dataclasses
    from datetime import date

    import pytest

    from magdesk.storage.repository import ConstraintError, Repository

    with open_database(demo_copy) as db:
        repo = Repository(db)
        sale = repo.get("sale", 1)
        purchase = repo.get("purchase", 1)
        sales = [dataclasses.replace(sale, id=None, doc_no=f"ONE-GO-{n}", qty_g=100 + n,
                                     is_export=bool(n % 2), date=date(2026, 9, 1 + n % 20))
                 for n in range(300)]
        repo.insert_new("sale", sales)
        repo.insert_new("purchase", [dataclasses.replace(purchase, id=None, doc_no="ONE-GO-P",
                                                         lot_no="ONE-GO-L", qty_g=5)])
        assert totals.mismatches(db.conn) == []
        with pytest.raises(ConstraintError):  # a key taken: none of them, the trigger kept
            with repo.constraints():
                repo.insert_new("sale", [dataclasses.replace(sales[0], doc_no="ONE-GO-X"),
                                         sales[1]])
        with db.write() as conn:  # one by one again: the trigger is there
            conn.execute("UPDATE sale_out SET doc_no = 'ONE-GO-Y' WHERE doc_no = 'ONE-GO-1'")
            conn.execute("INSERT INTO sale_out (doc_no, date, customer_id, product_id, batch_id,"
                         " qty_g) SELECT 'ONE-BY-ONE', '2026-06', customer_id, product_id,"
                         " batch_id, 9 FROM sale_out WHERE id = 1")
        assert totals.mismatches(db.conn) == []
        names = {n for (n,) in db.conn.execute("SELECT name FROM sqlite_master")}
        assert {totals.trigger_name(t, "INSERT") for t in ("sale_out", "purchase_in")} <= names
