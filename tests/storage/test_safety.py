"""Opening safely: integrity checks, read-only files and drives, a full disk,
a vanished drive, and one writer even across computers."""

import contextlib
import os
import sqlite3
import subprocess
import time
import uuid
from dataclasses import replace

import pytest

from magdesk.storage import safety
from magdesk.storage.db import (
    DamagedFileError,
    DiskFullError,
    ReadOnlyError,
    StorageUnavailableError,
    open_database,
)
from magdesk.storage.reasons import said
from magdesk.storage.repository import Repository
from tests.core import world as W


def _supplier(n, address=""):
    return replace(W.SUPPLIER, id=None, name_cn=f"供应商{n}", uscc=None, address=address)


def _wreck(path, offset, size):
    with open(path, "r+b") as fh:
        fh.seek(offset)
        fh.write(os.urandom(size))


def _file_with_rows(path, rows=300):
    with open_database(path, create=True) as db:
        Repository(db).insert_many("counterparty", [
            replace(_supplier(n, "地址" * 40), id=n) for n in range(1, rows + 1)])


def test_a_damaged_file_is_refused_naming_the_newest_restore_point(tmp_path):
    path = tmp_path / "books.sqlite"
    _file_with_rows(path)
    with open_database(path) as db:
        snap = db.snapshot("good")
    _wreck(path, 8192, path.stat().st_size - 8192)
    with pytest.raises(DamagedFileError) as caught:
        open_database(path)
    assert caught.value.latest == snap
    assert snap.name in str(caught.value) and "magdesk-cli restore" in str(caught.value)


def test_a_truncated_file_is_damaged_even_without_restore_points(tmp_path):
    path = tmp_path / "books.sqlite"
    _file_with_rows(path)
    with open(path, "r+b") as fh:
        fh.truncate(path.stat().st_size // 2)
    with pytest.raises(DamagedFileError, match="no restore point"):
        open_database(path)


def test_foreign_key_problems_are_counted_not_fatal(tmp_path):
    path = tmp_path / "books.sqlite"
    _file_with_rows(path, 1)
    raw = sqlite3.connect(path)  # foreign keys are off in plain sqlite3
    raw.execute("INSERT INTO purchase_in (doc_no, date, supplier_id, product_id, lot_no, qty_g) "
                "VALUES ('P1', '2026-01-02', 99, 99, 'L1', 1000)")
    raw.commit()
    raw.close()
    with open_database(path) as db:
        assert db.foreign_key_violations == 2
    with open_database(path, check=False) as db:
        assert db.foreign_key_violations == 0  # not looked at


def test_a_read_only_file_opens_read_only_and_is_never_written(tmp_path):
    path = tmp_path / "books.sqlite"
    _file_with_rows(path, 3)
    path.chmod(0o444)
    before = path.read_bytes()
    try:
        with open_database(path) as db:
            assert db.read_only and "marked read-only" in db.read_only_reason
            assert Repository(db).count("counterparty") == 3
            with pytest.raises(ReadOnlyError, match="nothing was written"):
                Repository(db).insert(_supplier(9))
    finally:
        path.chmod(0o644)
    assert path.read_bytes() == before


class _FailingConnection:
    """An sqlite3 connection whose COMMIT fails the way a full disk or a
    pulled USB stick makes it fail."""

    def __init__(self, conn, message):
        self._conn, self._message = conn, message

    def execute(self, sql, *args):
        if sql == "COMMIT":
            raise sqlite3.OperationalError(self._message)
        return self._conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)


@pytest.mark.parametrize(("message", "error"), [("database or disk is full", DiskFullError),
                                                 ("disk I/O error", StorageUnavailableError)])
def test_a_failed_commit_keeps_what_was_committed(tmp_path, message, error):
    path = tmp_path / "books.sqlite"
    with open_database(path, create=True) as db:
        Repository(db).insert(_supplier(1))
        real = db.conn
        db.conn = _FailingConnection(real, message)
        with pytest.raises(error, match="everything saved before is kept") as caught:
            Repository(db).insert(_supplier(2))
        assert "此次更改未保存" in said(caught.value, "zh")
        assert "之前保存的内容都还在" in said(caught.value, "zh")
        db.conn = real
        assert not real.in_transaction
        assert Repository(db).count("counterparty") == 1
    with open_database(path) as db:
        assert Repository(db).count("counterparty") == 1
        assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@contextlib.contextmanager
def _tmpfs(tmp_path, size="600k"):
    mount = tmp_path / f"mnt-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode:
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_really_full_disk(tmp_path):
    with _tmpfs(tmp_path, "800k") as mount:  # a new file and its WAL fit, 400 long rows not
        path = mount / "books.sqlite"
        with open_database(path, create=True, backup_dir=mount / "backups") as db:
            Repository(db).insert(_supplier(1))
            big = [replace(_supplier(n, "很长的地址" * 200), id=n) for n in range(2, 400)]
            with pytest.raises(DiskFullError):
                Repository(db).insert_many("counterparty", big)
            assert Repository(db).count("counterparty") == 1
            with pytest.raises(Exception, match="disk is full") as caught:  # SnapshotError
                db.snapshot("does not fit")
            assert said(caught.value, "zh").endswith("：磁盘已满")
            assert not [p for p in (mount / "backups").rglob(".*")]  # no half copy left
        with open_database(path) as db:
            assert Repository(db).count("counterparty") == 1
            assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_read_only_drive(tmp_path):
    with _tmpfs(tmp_path, "4m") as mount:
        path = mount / "books.sqlite"
        _file_with_rows(path, 2)
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        with open_database(path) as db:
            assert db.read_only and "read-only" in db.read_only_reason
            assert Repository(db).count("counterparty") == 2


def test_a_writer_on_another_computer_keeps_this_one_read_only(tmp_path):
    path = tmp_path / "books.sqlite"
    _file_with_rows(path, 1)
    lock = path.with_name(path.name + ".lock")
    lock.write_text(f"clerk@front-desk pid 4242 since 2026-11-26T08:00:00\nhost front-desk\n"
                    f"heartbeat {time.time():.0f}\n")
    with open_database(path) as db:
        assert db.read_only and "clerk@front-desk" in db.read_only_reason
    lock.write_text(f"clerk@front-desk pid 4242\nhost front-desk\n"
                    f"heartbeat {time.time() - safety.LEASE_SECONDS - 5:.0f}\n")
    with open_database(path) as db:  # that writer is long gone
        assert not db.read_only
        assert "host " in lock.read_text()
    assert lock.read_text() == ""  # a clean close leaves no lease


def test_write_errors_are_told_apart():
    assert safety.write_error_kind(sqlite3.OperationalError("database or disk is full")) == "full"
    assert safety.write_error_kind(sqlite3.OperationalError("disk I/O error")) == "gone"
    assert safety.write_error_kind(
        sqlite3.OperationalError("attempt to write a readonly database")) == "read_only"
    assert safety.write_error_kind(
        sqlite3.DatabaseError("database disk image is malformed")) == "damaged"
    assert safety.write_error_kind(sqlite3.OperationalError("no such table: x")) == ""
