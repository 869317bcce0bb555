"""The restore point an export takes is copied while the workbook is
written (a thread and a connection of its own), yet it holds the file as
it was before the export, and the export is recorded only once it is whole."""

import sqlite3
from datetime import date

import pytest

from magdesk import usecases
from magdesk.storage.db import open_database
from magdesk.storage.snapshots import SnapshotError

PERIOD = "2026-06"


def _state(path):
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT state FROM period WHERE period = ?", (PERIOD,)).fetchone()
        exports = conn.execute("SELECT count(*) FROM filing_export WHERE period = ?",
                               (PERIOD,)).fetchone()[0]
        return (row[0] if row else "OPEN"), exports
    finally:
        conn.close()


def test_the_export_point_holds_the_file_as_it_was_before_the_export(demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        before = _state(demo_copy)
        result = usecases.export_filing(db, PERIOD, tmp_path / "out", today=date(2026, 11, 26))
        (point,) = usecases.list_snapshots(db)
        assert db.changed()  # the export recorded after the point: closing takes another
    assert result.path.exists()
    assert point.note == f"before export {PERIOD}"
    assert before == ("OPEN", 0)
    assert _state(point.path) == before  # the copy began before the export was recorded
    assert _state(demo_copy) == ("EXPORTED", 1)


def test_a_point_that_cannot_be_written_refuses_the_export_and_writes_nothing(demo_copy,
                                                                            tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    out = tmp_path / "out"
    with open_database(demo_copy, backup_dir=blocker) as db:
        with pytest.raises(SnapshotError, match="could not be written"):
            usecases.export_filing(db, PERIOD, out, today=date(2026, 11, 26))
    assert _state(demo_copy) == ("OPEN", 0)
    assert list(out.iterdir()) == []  # neither the workbook nor its temporary


def test_the_point_is_taken_once_however_often_it_is_waited_for(demo_copy):
    with open_database(demo_copy) as db:
        taken = db.snapshot_later("before something")
        assert taken() is taken()
        assert [p.note for p in usecases.list_snapshots(db)] == ["before something"]
