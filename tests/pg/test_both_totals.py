"""The monthly movement totals (storage/totals.py) stay equal to a
recomputation from the base tables whoever writes, on a file and on a
server: random inserts, changes and deletes by raw SQL (odd dates, a
batch's start moved, a purchase's product changed, a sale's export flag
flipped, a batch deleted with its input lines), saves, undos and deletes
through the use cases; a copy either way arrives with them right; the
sales with no real day are read through their partial index."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import pytest

from magdesk import usecases
from magdesk.storage import totals
from magdesk.storage.db import on_server
from magdesk.usecases import reads

DATES = ("2025-03-14", "2025-04-01", "2025-04-30", "2026-02-28", "2026-06", "2026-06-00",
         "2026-06-31", "2026-13-01", "2026-6-5", "")


def _conn(db):
    return usecases.repository(db).conn


def _kept(db) -> dict:
    return {(p, m, k): (q, n) for p, m, k, q, n in _conn(db).execute(
        "SELECT product_id, month, kind, qty_g, lines FROM movement_month WHERE lines <> 0")}


def _ids(conn, sql: str) -> list[int]:
    return [r[0] for r in conn.execute(sql).fetchall()]


def _one_change(conn, rng: random.Random, n: int) -> None:
    """One random write by raw SQL, as another program might make it."""
    pick = rng.choice
    products = _ids(conn, "SELECT id FROM product")
    purchases = _ids(conn, "SELECT id FROM purchase_in")
    batches = _ids(conn, "SELECT id FROM production_batch")
    sales = _ids(conn, "SELECT id FROM sale_out")
    party = _ids(conn, "SELECT min(customer_id) FROM sale_out")[0]
    op, day, qty = rng.randrange(12), pick(DATES), rng.randrange(0, 90000)
    statements = [
        ("INSERT INTO purchase_in (doc_no, date, supplier_id, product_id, lot_no, qty_g) "
         "VALUES (?, ?, ?, ?, ?, ?)", (f"T-P{n}", day, party, pick(products), f"T-L{n}", qty)),
        ("UPDATE purchase_in SET product_id = ?, date = ? WHERE id = ?",
         (pick(products), day, pick(purchases))),
        ("INSERT INTO production_batch (batch_no, start_date, end_date, process, product_id, "
         "output_g) VALUES (?, ?, ?, 'SINTER', ?, ?)", (f"T-B{n}", day, pick(DATES),
                                                        pick(products), qty)),
        ("UPDATE production_batch SET start_date = ?, output_g = ? WHERE id = ?",
         (day, qty, pick(batches))),
        ("INSERT INTO batch_input (batch_id, purchase_id, qty_g) VALUES (?, ?, ?)",
         (pick(batches), pick(purchases), qty)),
        ("UPDATE batch_input SET purchase_id = ?, qty_g = ? WHERE id = (SELECT max(id) "
         "FROM batch_input WHERE batch_id = ?)", (pick(purchases), qty, pick(batches))),
        ("DELETE FROM batch_input WHERE id = (SELECT min(id) FROM batch_input WHERE batch_id = ?)",
         (pick(batches),)),
        ("DELETE FROM production_batch WHERE id = ? AND id NOT IN (SELECT batch_id FROM sale_out)"
         " AND id NOT IN (SELECT batch_id FROM stock_adjustment WHERE batch_id IS NOT NULL)",
         (pick(batches),)),
        ("INSERT INTO sale_out (doc_no, date, customer_id, product_id, batch_id, qty_g, is_export)"
         " VALUES (?, ?, ?, ?, ?, ?, ?)", (f"T-S{n}", day, party, pick(products), pick(batches),
                                           qty, rng.randrange(2))),
        ("UPDATE sale_out SET is_export = 1 - is_export, product_id = ?, date = ? WHERE id = ?",
         (pick(products), day, pick(sales))),
        ("DELETE FROM sale_out WHERE id = ? AND id NOT IN (SELECT sale_id FROM export_shipment)",
         (pick(sales),)),
        ("DELETE FROM purchase_in WHERE id = ? AND id NOT IN (SELECT purchase_id FROM batch_input)",
         (pick(purchases),)),
    ]
    conn.execute(*statements[op])


def test_raw_writes_of_every_kind_keep_the_totals(company):
    assert totals.mismatches(_conn(company)) == []
    rng, done = random.Random(20), 0
    with company.write() as conn:  # the filed months open again: every row may change
        conn.execute("UPDATE period SET state = 'OPEN'")
    for n in range(160):
        with company.write() as conn:
            _one_change(conn, rng, n)
            done += 1
        if n % 40 == 0:
            assert totals.mismatches(_conn(company)) == [], n
    assert done == 160
    assert totals.mismatches(_conn(company)) == []
    odd = _conn(company).execute(
        "SELECT count(*) FROM movement_month WHERE month IN ('2026-06', '2026-13', '2026-6-', '')"
        " AND lines > 0").fetchone()[0]
    assert odd > 0  # the odd dates are in the totals, by their first seven characters


def test_a_write_refused_leaves_the_totals_as_they_were(company):
    before = _kept(company)
    batch = _conn(company).execute("SELECT min(batch_id) FROM sale_out").fetchone()[0]
    with pytest.raises(Exception) as refused:  # noqa: B017 (each back end its own error)
        with company.write() as conn:  # its sales refer to it: the delete and triggers undone
            conn.execute("DELETE FROM production_batch WHERE id = ?", (batch,))
    assert "foreign key" in str(refused.value).lower(), refused.value
    assert _kept(company) == before


def _open_month(db, entity: str):
    """The entity's newest record of 2026-10, the demo's open last month."""
    repo = reads.records(db)
    column = "start_date" if entity == "batch" else "date"
    table = {"batch": "production_batch", "purchase": "purchase_in", "sale": "sale_out"}[entity]
    rid = _conn(db).execute(f"SELECT max(id) FROM {table} WHERE {column} >= '2026-10-01'"
                            ).fetchone()[0]
    return repo.get(entity, rid)


def _check(db, changes):
    assert changes.ok, changes.why("en")
    assert totals.mismatches(_conn(db)) == []
    return changes


def test_saves_undos_and_deletes_through_the_use_cases_keep_the_totals(company):
    repo = reads.records(company)
    purchase = _open_month(company, "purchase")
    other = next(p for p in repo.iter("product") if p.id != purchase.product_id)
    moved = _check(company, usecases.save(company, replace(purchase, product_id=other.id)))
    _check(company, usecases.undo(company, moved.edit))
    _check(company, usecases.redo(company, moved.edit))
    batch = _open_month(company, "batch")
    lines = [replace(line, id=None, batch_id=0) for line in
             repo.iter("batch_input", where="batch_id = ?", params=(batch.id,))]
    assert lines
    _check(company, usecases.save(company, replace(batch, start_date=date(2026, 9, 3)),
                                  inputs=lines))
    sale = _open_month(company, "sale")
    flipped = _check(company, usecases.save(company, replace(sale, is_export=not sale.is_export,
                                                             end_use="OTHER", qty_g=11)))
    copy = replace(sale, id=None, doc_no=f"{sale.doc_no}-N")
    made = _check(company, usecases.save(company, copy))
    ((_, new_id),) = made.records
    gone = _check(company, usecases.delete(company, [repo.get("sale", new_id)]))
    _check(company, usecases.undo(company, gone.edit))
    _check(company, usecases.undo(company, flipped.edit))


def test_the_sales_with_no_real_day_are_read_by_their_index(company):
    conn = _conn(company)
    from magdesk.storage import days, period_sales

    with company.write() as w:
        w.execute("UPDATE sale_out SET date = '2026-13-01' WHERE id = (SELECT max(id) FROM "
                  "sale_out WHERE date >= '2026-10-01')")
    found = period_sales.undated(conn, "doc_no, date")
    assert ("2026-13-01" in {d for _doc, d in found})
    if on_server(conn):
        conn.execute("SET enable_seqscan = off")  # a few thousand rows: the index must serve
        plan = " ".join(r[0] for r in conn.execute(
            f"EXPLAIN SELECT * FROM sale_out WHERE ({days.PG_REAL_DAY}) IS NOT TRUE"))
        conn.execute("RESET enable_seqscan")
        assert days.UNDATED_INDEX in plan, plan
    else:
        plan = " ".join(r[3] for r in conn.execute(
            f"EXPLAIN QUERY PLAN SELECT * FROM sale_out WHERE ({days.SQLITE_REAL_DAY}) IS NOT TRUE"))
        assert f"INDEX {days.UNDATED_INDEX}" in plan, plan


def _spoil(db) -> None:
    """A total put wrong by hand (the rows stay as many)."""
    with db.write() as conn:
        conn.execute("UPDATE movement_month SET qty_g = qty_g + 1 WHERE kind = 'out_export'")
    assert totals.mismatches(_conn(db))


def test_check_tells_totals_written_to_directly(company):
    assert usecases.check_database(company).movement_totals == 0
    _spoil(company)
    report = usecases.check_database(company)
    assert report.movement_totals > 0 and not report.ok


def test_a_copy_either_way_arrives_with_its_totals_right(pg_demo_copy, pg_url, tmp_path):
    with usecases.open_file(pg_demo_copy) as db:
        with db.write() as conn:
            for n, day in enumerate(("2026-06", "2026-06-00", "2026-10-32")):
                conn.execute("UPDATE sale_out SET date = ? WHERE id = ?", (day, 10 + n))
        kept = _kept(db)
        _spoil(db)
    usecases.copy_database(pg_demo_copy, pg_url)
    with usecases.open_file(pg_url) as server:
        assert _kept(server) == kept
        assert totals.mismatches(_conn(server)) == []
        _spoil(server)
    back = tmp_path / "back.sqlite"
    usecases.copy_database(pg_url, back)
    with usecases.open_file(back) as db:
        assert _kept(db) == kept
        assert totals.mismatches(_conn(db)) == []


def test_a_server_company_of_version_11_is_upgraded_with_its_totals(pg_demo, pg_url):
    import psycopg

    from magdesk.cli import main
    from magdesk.storage.postgres import rules

    usecases.copy_database(pg_demo, pg_url)
    with psycopg.connect(pg_url) as pg:  # what magdesk of schema v11 made there
        for statement in rules.movement_statements():
            if statement.startswith("CREATE TRIGGER"):
                name, table = statement.split()[2], statement.split(" ON ")[1].split()[0]
                pg.execute(f"DROP TRIGGER {name} ON {table}")
        pg.execute("DROP TABLE movement_month")
        pg.execute("DROP INDEX sale_out_undated, production_batch_start")
        pg.execute("UPDATE magdesk_meta SET value = '11' WHERE key = 'schema_version'")
        pg.execute("UPDATE sale_out SET date = '2026-06', is_export = 1 - is_export"
                   " WHERE id < 40")
    assert main(["db", "upgrade", pg_url]) == 0
    with usecases.open_file(pg_url) as db:
        assert usecases.check_database(db).ok
        assert _kept(db) and totals.mismatches(_conn(db)) == []
        with db.write() as conn:  # and kept from then on
            conn.execute("UPDATE sale_out SET qty_g = qty_g + 5 WHERE id < 90")
        assert totals.mismatches(_conn(db)) == []
