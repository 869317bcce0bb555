"""Restore points: taking, listing, rotating, restoring, backups."""

import os
import sqlite3
from dataclasses import replace
from datetime import date

import pytest

from magdesk import usecases
from magdesk.settings import data_dir
from magdesk.storage import audit, migrations, snapshots
from magdesk.storage.db import StorageError, open_database
from magdesk.storage.identity import file_identity
from magdesk.storage.repository import Repository
from magdesk.storage.snapshots import SnapshotError
from tests.core import world as W


def _count(path, table="counterparty"):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def _supplier(n):
    return replace(W.SUPPLIER, id=None, name_cn=f"供应商{n}", uscc=None)


def test_a_restore_point_is_a_plain_checked_copy_with_its_note(tmp_path):
    path = tmp_path / "books.sqlite"
    with open_database(path, create=True) as db:
        Repository(db).insert(_supplier(1))
        snap = usecases.take_snapshot(db, "before import 销售.xlsx")
        Repository(db).insert(_supplier(2))  # after the copy: not in it
        listed = usecases.list_snapshots(db)
    identity = file_identity(sqlite3.connect(path))
    assert len(identity) == 32 and snap.path.parent == data_dir() / "snapshots" / identity
    assert snap.identity == identity
    assert snap.name.startswith("books.") and snap.name.endswith(".before-import-销售-xlsx.sqlite")
    assert (snap.note, snap.kind, snap.schema) == ("before import 销售.xlsx", "before", migrations.LATEST)
    assert listed == [snap]
    assert _count(snap.path) == 1
    conn = sqlite3.connect(snap.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    conn.close()
    assert not [p for p in snap.path.parent.iterdir() if p.name.startswith(".")]


def test_rotation_keeps_the_newest_and_the_last_of_every_filed_period(tmp_path):
    path = tmp_path / "books.sqlite"
    with open_database(path, create=True, keep=3) as db:
        taken = [db.snapshot("empty")]
        with db.write() as conn:
            conn.execute("INSERT INTO period (period, state) VALUES ('2026-01', 'FILED')")
        taken.append(db.snapshot("January filed"))
        with db.write() as conn:  # amended: revision 1, no longer filed
            conn.execute("UPDATE period SET state = 'AMENDED', revision = 1")
        taken += [db.snapshot(f"later {n}") for n in range(5)]  # more than keep
        names = [s.note for s in usecases.list_snapshots(db)]
    assert names == ["later 4", "later 3", "later 2", "January filed"]
    assert snapshots.read_info(taken[1].path).filed == ("2026-01@0",)


def test_restoring_snapshots_the_current_state_then_replaces_the_file(tmp_path):
    path = tmp_path / "books.sqlite"
    with open_database(path, create=True, keep=1) as db:
        Repository(db).insert(_supplier(1))
        good = db.snapshot("good")
        Repository(db).insert(_supplier(2))
        Repository(db).insert(_supplier(3))
        result = usecases.restore_snapshot(db, good.path)
        assert Repository(db).count("counterparty") == 1  # db now reads the restored file
        newest = usecases.audit_log(db, limit=1)[0]
        assert audit.verify(db.conn).ok
        Repository(db).insert(_supplier(4))  # and can write it
        listed = {s.path for s in usecases.list_snapshots(db)}
    assert result.before is not None and _count(result.before.path) == 3
    assert {good.path, result.before.path} <= listed  # keep=1, yet the source survived
    assert (newest.action, newest.record) == ("RESTORE", good.name)
    assert not os.path.exists(f"{path}-wal")  # closed cleanly: no stale log left
    assert _count(path) == 2


def test_a_stale_log_beside_the_file_is_not_picked_up(tmp_path):
    path = tmp_path / "books.sqlite"
    with open_database(path, create=True) as db:
        Repository(db).insert(_supplier(1))
        good = db.snapshot("good")
    raw = sqlite3.connect(path)  # a log with two more rows, left behind by a crash
    raw.execute("PRAGMA wal_autocheckpoint = 0")
    raw.execute("INSERT INTO counterparty (name_cn, cp_type, role, country) "
                "VALUES ('甲', 'DOMESTIC', 'SUPPLIER', 'CN'), ('乙', 'DOMESTIC', 'SUPPLIER', 'CN')")
    raw.commit()
    wal = path.with_name(path.name + "-wal").read_bytes()
    raw.close()
    probe = tmp_path / "probe"
    probe.mkdir()
    (probe / path.name).write_bytes(path.read_bytes())
    (probe / (path.name + "-wal")).write_bytes(wal)
    assert _count(probe / path.name) == 3  # SQLite applies such a log when it finds one
    path.with_name(path.name + "-wal").write_bytes(wal)
    result = usecases.restore_file(path, good.path)
    assert _count(result.before.path) == 3  # the state before, log included, is kept
    assert _count(path) == 1  # the restored file did not pick the log up


def test_restore_by_path_keeps_a_damaged_file_aside(tmp_path):
    path = tmp_path / "books.sqlite"
    with open_database(path, create=True) as db:
        Repository(db).insert(_supplier(1))
        good = db.snapshot("good")
    with open(path, "r+b") as fh:  # wreck every page after the first
        fh.seek(4096)
        fh.write(os.urandom(path.stat().st_size - 4096))
    result = usecases.restore_file(path, good.path)
    assert result.damaged_copy is not None and result.damaged_copy.exists()
    with open_database(path) as db:
        assert Repository(db).count("counterparty") == 1
        assert usecases.audit_log(db, limit=1)[0].action == "RESTORE"


def test_restore_by_path_recreates_a_missing_file(tmp_path):
    path = tmp_path / "books.sqlite"
    with open_database(path, create=True) as db:
        Repository(db).insert(_supplier(1))
        db.snapshot("good")
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    source = usecases.find_snapshot(path, "latest")
    usecases.restore_file(path, source)
    assert _count(path) == 1


def test_a_restore_source_must_be_a_sound_magdesk_file(tmp_path):
    path = tmp_path / "books.sqlite"
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"junk" * 1000)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with open_database(path, create=True) as db:
        for source in (bad, other, tmp_path / "missing.sqlite"):
            with pytest.raises(SnapshotError):
                usecases.restore_snapshot(db, source)
        assert Repository(db).count("counterparty") == 0


def test_backup_to_a_file_or_folder(tmp_path):
    path = tmp_path / "books.sqlite"
    usb = tmp_path / "usb"
    usb.mkdir()
    with open_database(path, create=True) as db:
        Repository(db).insert(_supplier(1))
        copy = usecases.backup_to(db, usb / "books-2026-11.sqlite")
        with pytest.raises(SnapshotError, match="already exists"):
            usecases.backup_to(db, copy.path)
        with pytest.raises(SnapshotError, match="cannot replace"):
            usecases.backup_to(db, path)
        in_folder = usecases.backup_to(db, usb)
        Repository(db).insert(_supplier(2))
        usecases.restore_snapshot(db, copy.path)
        assert Repository(db).count("counterparty") == 1
    assert in_folder.path.parent == usb and copy.kind == "backup"


def test_on_exit_a_restore_point_only_when_something_changed(tmp_path):
    path = tmp_path / "books.sqlite"
    db = open_database(path, create=True)
    Repository(db).insert(_supplier(1))
    first = usecases.close_database(db)
    second = usecases.close_database(open_database(path))
    db = open_database(path)
    Repository(db).insert(_supplier(2))
    third = usecases.close_database(db)
    assert first is not None and second is None and third not in (None, first)
    assert [s.kind for s in usecases.list_snapshots(path)] == ["exit", "exit"]


def test_an_untouched_file_gets_no_restore_point_even_without_any_before(tmp_path):
    """A copy opened, read and closed: no restore point, and the file is left
    byte for byte as it was (the clerk's 737 MB restore point of a copy)."""
    path = tmp_path / "copy.sqlite"
    with open_database(path, create=True) as db:
        Repository(db).insert_many("counterparty", [_supplier(n) for n in range(1, 50)])
    before = path.read_bytes()
    db = open_database(path)
    assert Repository(db).count("counterparty") == 49
    assert not db.changed()
    assert usecases.close_database(db) is None
    assert usecases.list_snapshots(path) == [] and path.read_bytes() == before


def test_a_file_in_rollback_mode_opened_and_closed_has_not_changed(tmp_path):
    path = tmp_path / "from-a-backup.sqlite"
    open_database(path, create=True).close()
    raw = sqlite3.connect(path)  # as restore points and backups are kept
    raw.execute("PRAGMA journal_mode = DELETE")
    raw.close()
    db = open_database(path)
    assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert not db.changed() and usecases.close_database(db) is None


def test_what_counts_as_a_change_for_the_restore_point_on_exit(tmp_path):
    path = tmp_path / "books.sqlite"
    open_database(path, create=True).close()
    with open_database(path) as db:  # a refused save rolls back: nothing changed
        Repository(db).insert(replace(_supplier(1), uscc="91350100M000100Y43"))
        db.snapshot("before a duplicate")
        with pytest.raises(StorageError):
            Repository(db).insert(replace(_supplier(2), uscc="91350100M000100Y43"))
        with pytest.raises(RuntimeError), db.write() as conn:
            conn.execute("DELETE FROM counterparty")
            raise RuntimeError("given up")
        assert not db.changed()  # the restore point holds the state; the rest undone
        sibling = db.sibling()  # a worker thread's connection commits
        Repository(sibling).insert(_supplier(3))
        sibling.close()
        assert db.changed()
        db.snapshot("after the worker")
        assert not db.changed()
        with db.write() as conn:  # a table outside the audit trail
            conn.execute("INSERT INTO period (period, state) VALUES ('2026-01', 'FILED')")
        assert db.changed()
    raw = sqlite3.connect(path)  # another program, between two sessions and during one
    db = open_database(path)
    raw.execute("UPDATE counterparty SET address = 'changed outside'")
    raw.commit()
    raw.close()
    assert db.changed()
    assert usecases.close_database(db).kind == "exit"


def test_on_exit_after_a_migration_and_after_a_restore(tmp_path, monkeypatch):
    from magdesk.storage import db as dbmod

    path = tmp_path / "old.sqlite"
    monkeypatch.setattr(dbmod, "MIGRATIONS", migrations.MIGRATIONS[:3])
    monkeypatch.setattr(dbmod, "LATEST", 3)
    open_database(path, create=True).close()
    monkeypatch.setattr(dbmod, "MIGRATIONS", migrations.MIGRATIONS)
    monkeypatch.setattr(dbmod, "LATEST", migrations.LATEST)
    db = open_database(path)  # migrated in this session: changed by it
    assert db.changed() and usecases.close_database(db).schema == migrations.LATEST
    db = open_database(path)
    point = usecases.list_snapshots(path)[0]
    usecases.restore_snapshot(db, point.path)
    assert db.changed()  # the file was replaced
    assert usecases.close_database(db) is not None
    kinds = [s.kind for s in usecases.list_snapshots(path)]
    assert kinds == ["exit", "restore", "exit", "migration"]


def test_a_restore_point_that_cannot_be_written_stops_the_operation(tmp_path):
    path = tmp_path / "books.sqlite"
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with open_database(path, create=True, backup_dir=blocker) as db:
        with pytest.raises(SnapshotError, match="could not be written"):
            usecases.take_snapshot(db, "before anything")
        with pytest.raises(SnapshotError):
            usecases.delete_records(db, "counterparty", [1, 2])


def test_export_filing_and_amending_take_restore_points(demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        usecases.export_filing(db, "2026-06", tmp_path, today=date(2026, 11, 26))
        usecases.file_period(db, "2026-06", date(2026, 7, 8), "RC-1")
        usecases.amend_period(db, "2026-06", today=date(2026, 11, 26))
        notes = [s.note for s in usecases.list_snapshots(db)]
        kept = usecases.list_snapshots(db)
    assert notes == ["before amending 2026-06", "before filing 2026-06", "before export 2026-06"]
    assert kept[0].filed == ("2026-06@0",)  # the state as filed, kept for good
