import sqlite3
from dataclasses import replace

import pytest
import sqlite_utils

from magdesk.core import model as M
from magdesk.storage import db as dbmod
from magdesk.storage import migrations
from magdesk.storage.db import (
    NewerFileError,
    NotMagdeskFileError,
    ReadOnlyError,
    open_database,
)
from magdesk.storage.repository import TABLES, Repository
from magdesk.storage.snapshots import list_snapshots
from tests.core import world as W


def test_new_file_is_migrated_with_wal_and_foreign_keys(tmp_path):
    with open_database(tmp_path / "a.sqlite", create=True) as db:
        assert db.schema_version == migrations.LATEST
        assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
        tables = set(sqlite_utils.Database(db.conn).table_names())
    assert {"counterparty", "product", "purchase_in", "production_batch", "batch_input",
            "sale_out", "export_shipment", "export_licence", "period"} <= tables


def test_missing_file_is_not_created_silently(tmp_path):
    with pytest.raises(dbmod.StorageError):
        open_database(tmp_path / "nope.sqlite")
    assert not (tmp_path / "nope.sqlite").exists()


def test_newer_file_is_refused(tmp_path):
    path = tmp_path / "new.sqlite"
    open_database(path, create=True).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    conn.close()
    with pytest.raises(NewerFileError, match="newer magdesk"):
        open_database(path)


@pytest.mark.parametrize("content", [b"not a database at all" * 100, None])
def test_foreign_files_are_refused(tmp_path, content):
    path = tmp_path / "other.sqlite"
    if content is None:
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE notes (x)")
        conn.close()
    else:
        path.write_bytes(content)
    before = path.read_bytes()
    with pytest.raises(NotMagdeskFileError):
        open_database(path)
    assert path.read_bytes() == before


def test_second_writer_gets_read_only(tmp_path):
    path = tmp_path / "a.sqlite"
    first = open_database(path, create=True)
    Repository(first).insert(replace(W.SUPPLIER, id=None))
    second = open_database(path)
    try:
        assert second.read_only and "open for writing by" in second.read_only_reason
        assert Repository(second).count("counterparty") == 1  # it can still read
        with pytest.raises(ReadOnlyError):
            Repository(second).insert(replace(W.CUSTOMER, id=None))
        with pytest.raises(sqlite3.OperationalError):  # even raw SQL cannot write
            second.conn.execute("DELETE FROM counterparty")
    finally:
        second.close()
        first.close()
    third = open_database(path)  # the lock went with the first writer
    assert not third.read_only
    third.close()


def test_migration_backs_up_and_runs_each_step_in_a_transaction(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    with open_database(path, create=True) as db:
        Repository(db).insert(replace(W.SUPPLIER, id=None))
    broken = [*migrations.MIGRATIONS, ["CREATE TABLE extra (x)", "THIS IS NOT SQL"]]
    monkeypatch.setattr(dbmod, "MIGRATIONS", broken)
    monkeypatch.setattr(dbmod, "LATEST", len(broken))
    with pytest.raises(sqlite3.OperationalError):
        open_database(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'extra'").fetchall()
    conn.close()
    backups = list_snapshots(path)  # a restore point of the file as it was
    assert [b.note for b in backups] == [f"before migration from schema v{migrations.LATEST}"]
    assert backups[0].kind == "migration" and backups[0].schema == migrations.LATEST
    assert sqlite3.connect(backups[0].path).execute(
        "SELECT count(*) FROM counterparty").fetchone() == (1,)


def test_round_trip_of_every_entity(tmp_path):
    path = tmp_path / "rt.sqlite"
    records = {
        "counterparty": [W.SUPPLIER, W.CUSTOMER, W.FOREIGN],
        "product": [W.FLAKES, W.DYFE, W.N42, W.N40SH],
        "purchase": [W.LOT, W.LOT_DY],
        "batch": [W.BATCH, W.BATCH_SH],
        "batch_input": W.INPUTS,
        "sale": [W.SALE, W.SALE_X],
        "licence": [W.LICENCE],
        "export": [W.EXPORT],
        "adjustment": [M.Adjustment(1, "ADJ-1", W.SALE.date, "RETURN", 3, 1000, 1, "退货")],
    }
    with open_database(path, create=True) as db:
        repo = Repository(db)
        repo.set_company(W.COMPANY)
        for entity, rows in records.items():
            repo.insert_many(entity, rows)
    with open_database(path) as db:  # a fresh connection reads what was committed
        repo = Repository(db)
        assert repo.company() == W.COMPANY
        for entity, rows in records.items():
            assert [repo.get(entity, r.id) for r in rows] == rows, entity
        assert repo.find("sale", "SO-2") == W.SALE_X
        updated = replace(W.LICENCE, qty_g=2_000_000, consignee_ids=(2, 3))
        repo.update(updated)
        assert repo.get("licence", 1) == updated
    raw = sqlite_utils.Database(path)  # identifiers are text, mass integer grams
    row = next(raw["export_shipment"].rows)
    assert row["customs_decl_no"] == "310420260000012345" and row["qty_g"] == 500_000
    assert raw.execute("SELECT typeof(customs_decl_no) FROM export_shipment").fetchone() == ("text",)


def test_failed_write_leaves_nothing_behind(tmp_path):
    with open_database(tmp_path / "tx.sqlite", create=True) as db:
        repo = Repository(db)
        with pytest.raises(sqlite3.IntegrityError), db.write():
            repo.insert(replace(W.SUPPLIER, id=None))
            repo.insert(replace(W.CUSTOMER, id=None, uscc=W.SUPPLIER.uscc))  # duplicate code
        assert repo.count("counterparty") == 0
        with pytest.raises(sqlite3.IntegrityError):  # unknown product: foreign key
            repo.insert(replace(W.LOT, id=None, product_id=99, supplier_id=99))
        assert repo.count("purchase") == 0


def test_bulk_checks_references_at_commit(tmp_path):
    """A bulk load may write children before parents; a reference still
    missing at commit rolls the whole transaction back."""
    with open_database(tmp_path / "b.sqlite", create=True) as db:
        repo = Repository(db)
        with db.bulk("load", references_at_commit=True), db.write():
            repo.insert_many("purchase", [W.LOT])  # before its supplier and product
            repo.insert_many("counterparty", [W.SUPPLIER])
            repo.insert_many("product", [W.FLAKES])
        assert repo.count("purchase") == 1
        with pytest.raises(sqlite3.IntegrityError, match="purchase_in"):
            with db.bulk("load", references_at_commit=True), db.write():
                repo.insert_many("purchase", [replace(W.LOT_DY, product_id=99)])
                repo.insert_many("counterparty", [W.CUSTOMER])
        assert repo.count("purchase") == 1 and repo.count("counterparty") == 1
        assert db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_raw_rows_match_records_and_movements(demo_file):
    with open_database(demo_file) as db:
        repo = Repository(db)
        streamed = list(repo.iter("sale", order="date, id"))
        rows = list(repo.iter("sale", order="date, id", raw=True))
        assert [TABLES["sale"].from_row(r) for r in rows] == streamed
        assert len(streamed) == repo.count("sale")
        movements = repo.movements()
        without_sales = repo.movements_later()()
    sales_only = {m for m in movements if m[2] in ("out_sales", "out_export")}
    assert set(movements) - sales_only == set(without_sales)
    assert sum(m[3] for m in sales_only) == sum(s.qty_g for s in streamed)


def test_a_version_1_file_is_upgraded_keeping_its_data(tmp_path, monkeypatch):
    path = tmp_path / "v1.sqlite"
    monkeypatch.setattr(dbmod, "MIGRATIONS", migrations.MIGRATIONS[:1])
    monkeypatch.setattr(dbmod, "LATEST", 1)
    with open_database(path, create=True) as db:
        Repository(db).insert_many("counterparty", [W.SUPPLIER])
    monkeypatch.setattr(dbmod, "MIGRATIONS", migrations.MIGRATIONS)  # not undo(): that would
    monkeypatch.setattr(dbmod, "LATEST", migrations.LATEST)  # drop the isolated data folder
    with open_database(path) as db:
        assert db.schema_version == migrations.LATEST
        assert Repository(db).get("counterparty", 1) == W.SUPPLIER
    assert [b.schema for b in list_snapshots(path)] == [1]


def test_a_version_3_file_gets_the_wider_sale_indexes(tmp_path, monkeypatch):
    path = tmp_path / "v3.sqlite"
    monkeypatch.setattr(dbmod, "MIGRATIONS", migrations.MIGRATIONS[:3])
    monkeypatch.setattr(dbmod, "LATEST", 3)
    open_database(path, create=True).close()
    monkeypatch.setattr(dbmod, "MIGRATIONS", migrations.MIGRATIONS)
    monkeypatch.setattr(dbmod, "LATEST", migrations.LATEST)
    with open_database(path) as db:
        columns = [row[2] for row in db.conn.execute("PRAGMA index_info(sale_out_customer)")]
        plan = " ".join(row[3] for row in db.conn.execute(
            "EXPLAIN QUERY PLAN SELECT product_id, date, is_export, sum(qty_g) FROM sale_out"
            " GROUP BY product_id, date, is_export"))
    assert columns == ["customer_id", "date", "product_id", "qty_g"]
    assert "COVERING INDEX sale_out_product" in plan and "TEMP B-TREE" not in plan
