"""The writer lease always names its holder: a lock held whose lease is not
written yet, or cannot be read, is still another magdesk, not "another
program"; a lease written a moment after the lock is waited for."""

import fcntl
import threading
import time

import pytest

from magdesk.storage import open_database
from magdesk.storage.reasons import said

from .test_safety import _file_with_rows

pytestmark = pytest.mark.skipif(not hasattr(fcntl, "flock"), reason="POSIX locks")


def _held(path):
    fh = open(path.with_name(path.name + ".lock"), "a+", encoding="utf-8")  # noqa: SIM115
    fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fh


def test_a_lock_without_a_lease_names_another_magdesk(tmp_path):
    path = tmp_path / "books.sqlite"
    _file_with_rows(path, 1)
    fh = _held(path)  # locked, the lease never written
    try:
        with open_database(path) as db:
            assert db.read_only
            assert said(db.read_only_reason, "en") == (
                "books.sqlite is open for writing by another magdesk (process unknown)")
            assert said(db.read_only_reason, "zh") == "books.sqlite 正由 另一个 magdesk（进程未知）打开编辑"
    finally:
        fh.close()


def test_a_lease_written_just_after_the_lock_is_waited_for(tmp_path):
    path = tmp_path / "books.sqlite"
    _file_with_rows(path, 1)
    fh = _held(path)

    def write_lease():  # as _WriterLock.acquire does, a moment after the lock
        time.sleep(0.05)
        fh.write("clerk@front-desk pid 4242 since 2026-11-26T08:00:00\n")
        fh.flush()

    late = threading.Thread(target=write_lease)
    late.start()
    try:
        with open_database(path) as db:
            assert db.read_only and "clerk@front-desk pid 4242" in db.read_only_reason
    finally:
        late.join()
        fh.close()
