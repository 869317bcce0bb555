"""The storage locks (the SQL triggers and the repository's insert check) and
the core's rule for the months a record touches say the same, table by table."""

import sqlite3
from dataclasses import replace
from datetime import date

import pytest

from magdesk import usecases
from magdesk.core import model as M
from magdesk.core.months import locked_months
from magdesk.storage import open_database
from magdesk.storage.db import PeriodLockedError
from magdesk.storage.repository import TABLES, Repository

from ..core.world import BATCH, COMPANY, CUSTOMER, FLAKES, FOREIGN, LOT, N42, SALE, SUPPLIER

MONTHS = ["2026-01", "2026-02", "2026-03", "2026-04"]


@pytest.fixture
def world(tmp_path):
    """A file with one record of each dated table, spread over four months."""
    path = tmp_path / "months.sqlite"
    assert usecases.create_database(path, COMPANY) == []
    with open_database(path) as db:
        repo = Repository(db)
        ids = {}
        for cp in (SUPPLIER, CUSTOMER, FOREIGN):
            ids[cp.name_cn] = repo.insert(replace(cp, id=None))
        flakes = repo.insert(replace(FLAKES, id=None))
        magnet = repo.insert(replace(N42, id=None))
        lot = repo.insert(replace(LOT, id=None, date=date(2026, 1, 15),
                                  supplier_id=ids[SUPPLIER.name_cn], product_id=flakes))
        batch = repo.insert(replace(BATCH, id=None, start_date=date(2026, 2, 25),
                                    end_date=date(2026, 3, 3), product_id=magnet))
        repo.replace_batch_inputs(batch, [M.BatchInput(None, batch, lot, 1_000_000)])
        sale = repo.insert(replace(SALE, id=None, date=date(2026, 3, 10),
                                   customer_id=ids[CUSTOMER.name_cn], product_id=magnet,
                                   batch_id=batch))
        repo.insert(M.ExportLine(None, sale, "310420260000012345", date(2026, 4, 2),
                                 "8505111000", "JP", ids[FOREIGN.name_cn], "Kanto",
                                 "EV_MOTOR", 1_000))
        repo.insert(M.Adjustment(None, "TZ-1", date(2026, 2, 10), "LOSS", flakes, 100))
    return path


DATED = ("purchase", "batch", "batch_input", "sale", "export", "adjustment")


@pytest.mark.parametrize("filed", MONTHS)
def test_the_triggers_and_the_core_rule_agree(world, filed):
    with open_database(world) as db:
        repo = Repository(db)
        records = {e: list(repo.iter(e)) for e in DATED}
        batches = {b.id: b for b in records["batch"]}
    conn = sqlite3.connect(world)
    conn.execute("INSERT INTO period (period, state) VALUES (?, 'FILED')", (filed,))
    for entity in DATED:
        table = TABLES[entity].name
        for record in records[entity]:
            expected = bool(locked_months(entity, record, {filed}, batches.get))
            for sql in (f"UPDATE {table} SET id = id WHERE id = ?",
                        f"DELETE FROM {table} WHERE id = ?"):
                conn.execute("SAVEPOINT probe")
                try:
                    conn.execute(sql, (record.id,))
                    refused = False
                except sqlite3.DatabaseError as exc:
                    assert "period.locked" in str(exc)
                    refused = True
                conn.execute("ROLLBACK TO probe")
                conn.execute("RELEASE probe")
                assert refused == expected, (entity, filed, sql)
    conn.commit()
    conn.close()
    # An insert is checked by the repository, by the same rule.
    with open_database(world) as db:
        repo = Repository(db)
        for entity in DATED:
            for record in records[entity]:
                expected = bool(locked_months(entity, record, {filed}, batches.get))
                fresh = replace(record, id=None)
                if hasattr(fresh, "doc_no"):
                    fresh = replace(fresh, doc_no=fresh.doc_no + "-B")
                if entity == "purchase":
                    fresh = replace(fresh, lot_no="L-B")
                if entity == "batch":
                    fresh = replace(fresh, batch_no="PB-B")
                if entity == "export":
                    fresh = replace(fresh, line_no=2)
                try:
                    with db.write():
                        repo.insert(fresh)
                        raise _Undo
                except PeriodLockedError:
                    assert expected, (entity, filed)
                except _Undo:
                    assert not expected, (entity, filed)


class _Undo(Exception):
    """Leaves the probing insert's transaction without committing it."""
