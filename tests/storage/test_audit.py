"""The audit trail: triggers on every record table, who and when, the hash
chain, and tampering behind magdesk's back."""

import sqlite3
from dataclasses import replace

import pytest

from magdesk import usecases
from magdesk.storage import audit, migrations
from magdesk.storage import db as dbmod
from magdesk.storage.db import open_database
from magdesk.storage.repository import Repository
from tests.core import world as W


def _log(db):
    return list(audit.entries(db.conn))


def test_every_record_table_has_its_three_triggers(tmp_path):
    with open_database(tmp_path / "a.sqlite", create=True) as db:
        names = {r[0] for r in db.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit_%'")}
    expected = {f"audit_{t}_{e}" for t in migrations.AUDITED for e in ("insert", "update", "delete")}
    assert names == expected
    assert set(migrations.AUDITED) >= {
        "counterparty", "product", "purchase_in", "production_batch", "batch_input", "sale_out",
        "export_shipment", "export_licence", "licence_consignee", "stock_adjustment", "company",
        "period", "accepted_finding"}


def test_insert_update_delete_record_who_when_and_each_field(tmp_path):
    with open_database(tmp_path / "a.sqlite", create=True, clerk="王静") as db:
        repo = Repository(db)
        cid = repo.insert(replace(W.SUPPLIER, id=None))
        repo.update(replace(W.SUPPLIER, id=cid, address="新地址 8 号"))
        repo.update(replace(W.SUPPLIER, id=cid, address="新地址 8 号"))  # no change: no entry
        repo.delete("counterparty", cid)
        deleted, updated, inserted, start = _log(db)
        session = db.conn.execute("SELECT app, clerk, os_user FROM audit_session").fetchone()
        report = audit.verify(db.conn)
    assert start.action == "START"
    assert (inserted.action, inserted.entity, inserted.record, inserted.record_key) == (
        "INSERT", "counterparty", str(cid), W.SUPPLIER.name_cn)
    assert {c.field: c.new for c in inserted.changes}["uscc"] == W.SUPPLIER.uscc
    assert [(c.field, c.old, c.new) for c in updated.changes] == [
        ("address", W.SUPPLIER.address, "新地址 8 号")]
    assert {c.field: c.old for c in deleted.changes}["address"] == "新地址 8 号"
    assert all(e.app and e.clerk == "王静" and e.os_user for e in (inserted, updated, deleted))
    assert inserted.at <= updated.at <= deleted.at
    assert session == (0, "", "")  # outside a magdesk transaction nobody is "magdesk"
    assert report.ok and report.sealed == 4


def test_plain_sqlite3_still_writes_and_shows_up_as_outside(tmp_path):
    path = tmp_path / "a.sqlite"
    with open_database(path, create=True) as db:
        Repository(db).insert(replace(W.SUPPLIER, id=None))
    raw = sqlite3.connect(path)  # another program, no magdesk functions needed
    raw.execute("UPDATE counterparty SET address = 'x' WHERE id = 1")
    raw.execute("INSERT INTO period (period, state) VALUES ('2026-01', 'OPEN')")
    raw.commit()
    raw.close()
    with open_database(path) as db:  # sealed as found
        newest = _log(db)[:2]
        report = audit.verify(db.conn)
        kinds = [r[0] for r in db.conn.execute("SELECT seal FROM audit_seal ORDER BY seq")]
    assert [(e.action, e.entity, e.app, e.clerk) for e in newest] == [
        ("INSERT", "period", False, ""), ("UPDATE", "counterparty", False, "")]
    assert kinds == ["tx", "tx", "late", "late"]
    assert report.ok and report.outside == 2


def test_a_rolled_back_write_leaves_no_entry(tmp_path):
    with open_database(tmp_path / "a.sqlite", create=True) as db:
        repo = Repository(db)
        with pytest.raises(sqlite3.IntegrityError), db.write():
            repo.insert(replace(W.SUPPLIER, id=None))
            repo.insert(replace(W.CUSTOMER, id=None, uscc=W.SUPPLIER.uscc))
        assert [e.action for e in _log(db)] == ["START"]
        assert db.conn.execute("SELECT count(*) FROM audit_seal").fetchone() == (1,)


def test_cascaded_lines_and_history_of_a_batch(tmp_path):
    with open_database(tmp_path / "a.sqlite", create=True) as db:
        repo = Repository(db)
        repo.insert_many("counterparty", [W.SUPPLIER, W.CUSTOMER, W.FOREIGN])
        repo.insert_many("product", [W.FLAKES, W.DYFE, W.N42, W.N40SH])
        repo.insert_many("purchase", [W.LOT, W.LOT_DY])
        repo.insert_many("batch", [W.BATCH])
        repo.insert_many("batch_input", [i for i in W.INPUTS if i.batch_id == W.BATCH.id])
        lines = [i.id for i in W.INPUTS if i.batch_id == W.BATCH.id]
        repo.update(replace(W.BATCH, grade="N99"))
        usecases.delete_records(db, "batch", [W.BATCH.id])
        history = usecases.record_history(db, "batch", W.BATCH.id)
        by_key = usecases.audit_log(db, record=W.BATCH.batch_no)
        assert audit.verify(db.conn).ok
    assert [e.action for e in history if e.entity == "production_batch"] == [
        "DELETE", "UPDATE", "INSERT"]
    line_actions = sorted((int(e.record), e.action) for e in history if e.entity == "batch_input")
    assert line_actions == sorted([(i, "DELETE") for i in lines] + [(i, "INSERT") for i in lines])
    assert [e.seq for e in by_key] == [e.seq for e in history if e.entity == "production_batch"]


def test_the_demo_writes_one_summary_and_keeps_its_triggers(demo_copy):
    with open_database(demo_copy) as db:
        entries = _log(db)
        triggers = db.conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit_%'"
        ).fetchone()[0]
        sales = db.conn.execute("SELECT count(*) FROM sale_out").fetchone()[0]
    assert [e.action for e in entries] == ["BULK", "START"]
    assert {c.field: c.new for c in entries[0].changes}["rows"]["sale_out"] == sales
    assert triggers == 3 * len(migrations.AUDITED)


def test_a_record_added_in_bulk_names_that_operation_in_its_history(demo_copy):
    with open_database(demo_copy) as db:
        repo = Repository(db)
        sale = repo.get("sale", 5)
        repo.update(replace(sale, invoice_no="12345678"))
        history = usecases.record_history(db, "sale", 5)
        assert usecases.record_history(db, "sale", 10**9) == []
    assert [(e.action, e.record) for e in history] == [("UPDATE", "5"), ("BULK", "demo producer")]
    assert {c.field: c.new for c in history[1].changes}["ids"]["sale_out"][0] == 1


def test_a_failed_bulk_write_brings_the_triggers_back(tmp_path):
    with open_database(tmp_path / "a.sqlite", create=True) as db:
        with pytest.raises(RuntimeError), db.bulk("test"), db.write() as conn:
            conn.execute("SELECT 1")
            raise RuntimeError
        Repository(db).insert(replace(W.SUPPLIER, id=None))
        assert [e.action for e in _log(db)] == ["INSERT", "START"]


def test_upgrading_a_version_2_file_starts_the_trail(tmp_path, monkeypatch):
    path = tmp_path / "v2.sqlite"
    monkeypatch.setattr(dbmod, "MIGRATIONS", migrations.MIGRATIONS[:2])
    monkeypatch.setattr(dbmod, "LATEST", 2)
    with open_database(path, create=True) as db:
        Repository(db).insert_many("counterparty", [W.SUPPLIER, W.CUSTOMER])
    monkeypatch.setattr(dbmod, "MIGRATIONS", migrations.MIGRATIONS)
    monkeypatch.setattr(dbmod, "LATEST", migrations.LATEST)
    with open_database(path) as db:
        Repository(db).delete("counterparty", 2)
        deleted, start = _log(db)
        assert audit.verify(db.conn).ok
    assert start.action == "START"
    assert {c.field: c.new for c in start.changes}["rows"]["counterparty"] == 2
    assert deleted.action == "DELETE"


# --- tampering ----------------------------------------------------------------------------------

TAMPERING = {
    # name: (SQL behind magdesk's back, first broken entry, problem)
    "edited": ("UPDATE audit_log SET new = replace(new, 'x2', 'x9') WHERE seq = 3", 3, "content"),
    "clerk edited": ("UPDATE audit_log SET clerk = '别人' WHERE seq = 2", 2, "content"),
    "deleted": ("DELETE FROM audit_log WHERE seq = 3", 3, "missing"),
    "deleted with its seal": ("DELETE FROM audit_log WHERE seq = 3; "
                              "DELETE FROM audit_seal WHERE seq = 3", 3, "missing"),
    "last deleted": ("DELETE FROM audit_log WHERE seq = 5; DELETE FROM audit_seal WHERE seq = 5",
                     5, "missing"),
    "swapped": ("UPDATE audit_log SET seq = -1 WHERE seq = 3; UPDATE audit_log SET seq = 3 "
                "WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = -1", 3, "content"),
    "inserted copy": ("INSERT INTO audit_log (at, app, clerk, os_user, action, entity, record, "
                      "record_key, old, new) SELECT at, app, clerk, os_user, action, entity, "
                      "record, record_key, old, new FROM audit_log WHERE seq = 3", 6, "forged"),
    "seal forged": ("UPDATE audit_seal SET entry_hash = 'ab' WHERE seq = 2", 2, "content"),
    "seal removed": ("DELETE FROM audit_seal WHERE seq = 4", 4, "unsealed"),
    "head removed": ("DELETE FROM audit_head", 5, "no_head"),
}


@pytest.mark.parametrize("case", sorted(TAMPERING))
def test_tampering_is_found_and_the_first_broken_entry_named(tmp_path, case):
    sql, first, problem = TAMPERING[case]
    path = tmp_path / "a.sqlite"
    with open_database(path, create=True) as db:
        repo = Repository(db)
        for n in (1, 2):
            cid = repo.insert(replace(W.SUPPLIER, id=None, name_cn=f"供应商{n}", uscc=None,
                                      address=f"x{n}"))
        repo.update(replace(W.SUPPLIER, id=cid, name_cn="供应商2", uscc=None, address="x3"))
        repo.delete("counterparty", cid)  # entries: START, 2 INSERT, UPDATE, DELETE
        assert audit.verify(db.conn).ok
    raw = sqlite3.connect(path)
    raw.executescript(sql)
    raw.commit()
    raw.close()
    with open_database(path) as db:  # opening seals what is new, and must not hide anything
        check = usecases.verify_audit(db)
    assert not check.ok
    assert (check.report.broken_at, check.report.problem) == (first, problem), check.report.detail


def test_many_outside_entries_are_sealed_in_chunks_into_one_chain(tmp_path):
    path = tmp_path / "a.sqlite"
    with open_database(path, create=True) as db:
        Repository(db).insert(replace(W.SUPPLIER, id=None))
    raw = sqlite3.connect(path)  # another program writes 12,000 entries (3 chunks of sealing)
    raw.executemany("UPDATE counterparty SET address = ? WHERE id = 1",
                    [(f"地址 {i}",) for i in range(12_000)])
    raw.commit()
    raw.close()
    with open_database(path) as db:
        report = audit.verify(db.conn)
        head = db.conn.execute("SELECT seq FROM audit_head").fetchone()[0]
        last = db.conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    assert report.ok and report.outside == 12_000
    assert head == last
