"""The checks on opening run once per state of a file: not again on a file
exactly as it was when they passed, again on any change (checked.py)."""

import json
import os
import time
from dataclasses import replace

import pytest

from magdesk.storage import checked
from magdesk.storage import db as dbmod
from magdesk.storage.db import DamagedFileError, OpenCancelled, open_database
from magdesk.storage.repository import Repository
from tests.core import world as W


@pytest.fixture
def checks(monkeypatch):
    """The files SQLite's checks ran on, in order."""
    ran = []
    real = dbmod.Database.check

    def check(self, cancelled=None):
        ran.append(self.path.name)
        return real(self, cancelled)

    monkeypatch.setattr(dbmod.Database, "check", check)
    return ran


def _settled(path, seconds=60):
    """The file as if last written ``seconds`` ago (its status-change time
    cannot be set back, so the settling time is shortened instead)."""
    when = path.stat().st_mtime - seconds
    os.utime(path, (when, when))


def _book(path, rows=200):
    with open_database(path, create=True, check=False) as db:
        Repository(db).insert_many("counterparty", [
            replace(W.SUPPLIER, id=n, name_cn=f"供应商{n}", uscc=None, address="地址" * 40)
            for n in range(1, rows + 1)])


def test_an_unchanged_file_is_checked_once(tmp_path, checks, monkeypatch):
    monkeypatch.setattr(checked, "SETTLE_SECONDS", 0.0)
    path = tmp_path / "books.sqlite"
    _book(path)
    for _ in range(3):
        with open_database(path) as db:  # read, nothing written
            assert Repository(db).count("counterparty") == 200
    assert checks == ["books.sqlite"]  # the first open only
    with open_database(path) as db:
        Repository(db).insert(replace(W.SUPPLIER, id=None, uscc=None))
    open_database(path).close()  # written since: checked again
    open_database(path, check=False).close()
    open_database(path).close()
    assert checks == ["books.sqlite"] * 2


def test_a_file_changed_behind_its_back_is_checked_again(tmp_path, checks, monkeypatch):
    monkeypatch.setattr(checked, "SETTLE_SECONDS", 0.0)
    path = tmp_path / "books.sqlite"
    _book(path)
    open_database(path).close()
    stat = path.stat()
    with open(path, "r+b") as fh:  # damaged in place: same size, times put back
        fh.seek(stat.st_size - 3 * 4096)  # the last table pages
        fh.write(os.urandom(3 * 4096))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
    with pytest.raises(DamagedFileError):
        open_database(path)
    assert checks == ["books.sqlite"] * 2


def test_a_file_written_just_before_its_check_is_checked_again(tmp_path, checks):
    """Another write within the same tick of the clock could leave its times
    as they were: only a file settled before its check is vouched for."""
    path = tmp_path / "books.sqlite"
    _book(path)
    open_database(path).close()
    open_database(path).close()
    assert checks == ["books.sqlite"] * 2
    _settled(path)
    assert checked.vouched(path, checked.identity(path)) is False  # ctime is still new


def test_a_check_given_up_leaves_the_file_free_and_unvouched(tmp_path, checks, monkeypatch):
    monkeypatch.setattr(checked, "SETTLE_SECONDS", 0.0)
    path = tmp_path / "books.sqlite"
    _book(path)
    with pytest.raises(OpenCancelled):
        open_database(path, cancelled=lambda: True)
    with open_database(path) as db:  # the lock was let go; the check runs in full
        assert not db.read_only
    assert checks == ["books.sqlite"] * 2


def test_the_list_is_kept_short_and_a_broken_one_only_costs_a_check(tmp_path, monkeypatch):
    monkeypatch.setattr(checked, "KEEP", 3)
    for n in range(5):
        checked.remember(tmp_path / f"f{n}.sqlite", (1, n, 0, 0, 0, None), time.time())
    assert checked.vouched(tmp_path / "f4.sqlite", (1, 4, 0, 0, 0, None))
    assert not checked.vouched(tmp_path / "f1.sqlite", (1, 1, 0, 0, 0, None))
    assert len(json.loads(checked._store().read_text(encoding="utf-8"))) == 3
    checked._store().write_text("{not json", encoding="utf-8")
    assert not checked.vouched(tmp_path / "f4.sqlite", (1, 4, 0, 0, 0, None))
    checked.remember(tmp_path / "f4.sqlite", (1, 4, 0, 0, 0, None), 0.0)
    assert not checked.vouched(tmp_path / "f4.sqlite", (1, 4, 0, 0, 0, None))  # too old
