"""The files' use cases on real files: the health check, the repair's plan,
the repair itself, and why a repair is refused (nothing written then)."""

import sqlite3

import pytest

from magdesk import usecases
from magdesk.storage import open_database
from magdesk.storage.db import StorageError
from magdesk.storage.migrations import LATEST
from magdesk.storage.repair import RepairRefused
from tests.usecases.state import content

PLANTED = ("CREATE TRIGGER evil_x AFTER UPDATE ON audit_session "
           "BEGIN DELETE FROM sale_out WHERE id % 3 = 0; END")
MISSING_TABLE = ("ALTER TABLE stock_adjustment RENAME TO kept;"
                 "ALTER TABLE kept ADD COLUMN extra TEXT")


def _alter(path, script):
    conn = sqlite3.connect(path)
    conn.executescript(script)
    conn.close()


def _data(path):
    """Every row but the audit trail's (which a repair extends)."""
    return {t: rows for t, rows in content(path).items() if not t.startswith("audit")}


def test_a_sound_file_checks_ok_and_needs_no_repair(demo_copy):
    with open_database(demo_copy) as db:
        report = usecases.check_database(db)
        plan = usecases.repair_plan(db)
    assert isinstance(report, usecases.CheckReport) and report.ok
    assert (report.integrity, report.foreign_key_violations) == ("ok", 0)
    assert report.schema_version == report.latest_schema == LATEST
    assert report.counts["sale_out"] == 600 and not report.read_only
    assert not plan.needed and plan.dropped == plan.recreated == plan.blocked == ()
    before = content(demo_copy)
    result = usecases.repair_schema(demo_copy)
    assert not result.plan.needed and result.point is None
    assert content(demo_copy) == before


def test_a_planted_trigger_is_named_and_the_repair_drops_it_keeping_every_row(demo_copy):
    rows = _data(demo_copy)
    _alter(demo_copy, PLANTED)
    with open_database(demo_copy) as db:
        assert db.read_only  # nothing of the file runs while it holds that
        report = usecases.check_database(db)
        plan = usecases.repair_plan(db)
    assert not report.ok and "evil_x" in str(report.read_only)
    assert plan.needed and [o.name for o in plan.dropped] == ["evil_x"] and not plan.blocked
    result = usecases.repair_schema(demo_copy)
    assert result.point is not None and result.point.kind == "repair"
    assert usecases.list_snapshots(demo_copy)[0].path == result.point.path
    assert _data(demo_copy) == rows
    with open_database(demo_copy) as db:
        assert not db.read_only and usecases.check_database(db).ok
        assert usecases.audit_log(db, limit=1)[0].action == "REPAIR"


def test_a_repair_that_would_invent_a_table_is_refused_and_writes_nothing(demo_copy):
    _alter(demo_copy, MISSING_TABLE)
    with open_database(demo_copy) as db:
        plan = usecases.repair_plan(db)
    assert plan.blocked and [o.name for o in plan.blocked] == ["stock_adjustment"]
    reason = usecases.repair_refusal(plan, demo_copy)
    assert "stock_adjustment" in reason.message("en") and "copy.sqlite" in reason.message("en")
    assert "表 stock_adjustment" in reason.message("zh")
    before = content(demo_copy)
    with pytest.raises(RepairRefused):
        usecases.repair_schema(demo_copy)
    assert content(demo_copy) == before and usecases.list_snapshots(demo_copy) == []


def test_a_file_held_for_writing_is_not_repaired_under_it(demo_copy):
    before = content(demo_copy)
    with open_database(demo_copy) as writer:
        assert not writer.read_only
        with pytest.raises(StorageError) as caught:
            usecases.repair_schema(demo_copy)
        assert "copy.sqlite" in caught.value.message("en")
    assert content(demo_copy) == before


def test_a_file_that_is_not_there_is_said_and_not_made(tmp_path):
    path = tmp_path / "gone.sqlite"
    with pytest.raises(StorageError) as caught:
        usecases.repair_schema(path)
    assert "gone.sqlite" in caught.value.message("en") and not path.exists()


def test_open_file_opens_writable_and_a_planted_file_read_only(demo_copy):
    """The window opens files through this use case: writable as a rule,
    read-only with the objects named when something was planted in it."""
    import sqlite3

    from magdesk import usecases

    db = usecases.open_file(demo_copy)
    try:
        assert not db.read_only
    finally:
        db.close()
    conn = sqlite3.connect(demo_copy)
    conn.execute("CREATE TRIGGER planted AFTER INSERT ON product BEGIN SELECT 1; END")
    conn.commit()
    conn.close()
    db = usecases.open_file(demo_copy, check=False)
    try:
        assert db.read_only and "planted" in db.read_only_reason
    finally:
        db.close()
