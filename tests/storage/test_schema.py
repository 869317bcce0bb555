"""Only magdesk's schema runs: files altered with plain sqlite3 (a planted
trigger, a view in place of a table, a dropped audit trigger) are named and
opened read-only before anything is written; no command changes their data;
repair restores the schema, keeps every row, takes a restore point first and
records itself in the audit trail."""

import sqlite3
import time
from pathlib import Path

import pytest

from magdesk import usecases
from magdesk.cli import main
from magdesk.filing.export import ExportError
from magdesk.storage import schema
from magdesk.storage.db import ReadOnlyError, open_database
from magdesk.storage.repair import RepairRefused
from magdesk.storage.snapshots import list_snapshots

PLANTED = ("CREATE TRIGGER evil_x AFTER UPDATE ON audit_session "
           "BEGIN DELETE FROM sale_out WHERE id % 3 = 0; END")
ON_INSERT = ("CREATE TRIGGER evil_cp AFTER INSERT ON counterparty "
             "BEGIN DELETE FROM sale_out; END")
# The customer with the most sales hidden behind a view of the table's name.
VIEW = ("ALTER TABLE counterparty RENAME TO counterparty_real;"
        "CREATE VIEW counterparty AS SELECT * FROM counterparty_real WHERE id <> "
        "(SELECT customer_id FROM sale_out GROUP BY customer_id ORDER BY count(*) DESC LIMIT 1)")
DROPPED = "DROP TRIGGER audit_sale_out_update; DROP TRIGGER sale_out_locked_delete"


def _alter(path, script):
    conn = sqlite3.connect(path)
    conn.executescript(script)
    conn.close()


def _rows(path):
    """Every data row of every table but the audit trail's (which a repair extends)."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'audit%' "
            "AND name NOT LIKE 'sqlite%' ORDER BY name")]
        return {t: sorted(map(repr, conn.execute(f'SELECT * FROM "{t}"'))) for t in tables}
    finally:
        conn.close()


def _schema_rows(path):
    conn = sqlite3.connect(path)
    try:
        return sorted((t, n, tb, schema.normalise(s)) for t, n, tb, s in conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master"))
    finally:
        conn.close()


def _sales(path):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM sale_out").fetchone()[0]
    finally:
        conn.close()


def test_a_planted_trigger_opens_read_only_and_runs_in_no_command(demo_copy, capsys):
    _alter(demo_copy, PLANTED)
    sales = _sales(demo_copy)
    with open_database(demo_copy) as db:
        assert db.read_only
        assert db.read_only_reason.code == "schema_foreign"
        assert "foreign: trigger evil_x on audit_session" in db.read_only_reason
        assert "audit_session 表上的触发器 evil_x" in db.read_only_reason.message("zh")
    assert main(["--lang", "en", "check", "--db", str(demo_copy)]) == 1
    out = capsys.readouterr().out
    assert "foreign: trigger evil_x on audit_session" in out
    main(["--lang", "en", "validate", "--db", str(demo_copy)])
    assert main(["--lang", "en", "audit", "verify", "--db", str(demo_copy)]) in (0, 1)
    assert _sales(demo_copy) == sales  # the trigger never fired


def test_check_reports_the_objects_as_json(demo_copy, capsys):
    import json

    _alter(demo_copy, DROPPED)
    assert main(["check", "--db", str(demo_copy), "--json"]) == 1
    got = json.loads(capsys.readouterr().out)
    assert not got["ok"]
    assert {o["name"] for o in got["schema"]["missing"]} == {
        "audit_sale_out_update", "sale_out_locked_delete"}
    with open_database(demo_copy) as db:
        report = usecases.check_database(db)
        assert not report.ok and not report.schema.ok
        assert "missing: trigger sale_out_locked_delete on sale_out" in db.read_only_reason


def test_an_import_into_a_file_with_a_trigger_on_counterparty_is_refused(demo_copy, tmp_path):
    from tests.importing.helpers import write_csv

    _alter(demo_copy, ON_INSERT)
    before = _rows(demo_copy)
    rows = [["客户名称", "英文名称", "地址", "国家"], ["Tokyo Magnet KK", "Tokyo Magnet KK",
                                                      "Tokyo", "日本"]]
    with open_database(demo_copy) as db:
        result = usecases.import_file(db, "counterparties", write_csv(tmp_path / "c.csv", rows))
    assert result.status != "imported"
    assert _rows(demo_copy) == before


def test_a_view_in_place_of_a_table_never_exports(demo_copy, tmp_path):
    _alter(demo_copy, VIEW)
    out = tmp_path / "out"
    with open_database(demo_copy) as db:
        assert db.read_only
        assert "view counterparty" in db.read_only_reason
        assert "missing: table counterparty" in db.read_only_reason
        # Refused as read-only before anything is written, the view named (the
        # read-back's row counts refuse it on a writable file: the test below).
        with pytest.raises(ReadOnlyError) as caught:
            usecases.export_filing(db, "2026-10", out, draft=True)
    assert "view counterparty" in caught.value.message("en")
    assert "视图 counterparty" in caught.value.message("zh")
    assert list_snapshots(demo_copy) == []
    assert not [p for p in out.iterdir() if p.suffix == ".xlsx"] if out.exists() else True
    assert not list(out.glob(".*.tmp")) if out.exists() else True


def test_an_export_whose_rows_differ_from_the_tables_is_refused(demo_copy, tmp_path):
    # A sale whose customer is gone (written with foreign keys off) drops out of
    # the sheet's join: the file is otherwise magdesk's and writable.
    conn = sqlite3.connect(demo_copy)
    conn.execute("UPDATE sale_out SET customer_id = 99999 WHERE id = "
                 "(SELECT min(id) FROM sale_out WHERE date LIKE '2026-10%')")
    conn.commit()
    conn.close()
    out = tmp_path / "out"
    with open_database(demo_copy, check=False) as db:
        assert not db.read_only
        with pytest.raises(ExportError) as caught:
            usecases.export_filing(db, "2026-10", out, draft=True)
        exported = db.conn.execute("SELECT count(*) FROM filing_export").fetchone()[0]
    message = str(caught.value)
    assert "sheet '销售出库' holds" in message and "the written file was removed" in message
    assert list(out.iterdir()) == []
    assert exported == 0


def test_a_dropped_audit_trigger_is_named_missing(demo_copy):
    _alter(demo_copy, DROPPED)
    with open_database(demo_copy) as db:
        assert db.read_only
        assert "audit_sale_out_update" in db.read_only_reason


@pytest.mark.parametrize("attack", [PLANTED, ON_INSERT, VIEW, DROPPED,
                                    PLANTED + ";" + DROPPED + ";CREATE TABLE extra (x)"])
def test_repair_restores_the_schema_and_keeps_every_row(demo_copy, demo_file, attack):
    rows = _rows(demo_copy)
    _alter(demo_copy, attack)
    result = usecases.repair_schema(demo_copy)
    assert result.plan.needed
    assert _schema_rows(demo_copy) == _schema_rows(demo_file)
    after = _rows(demo_copy)
    assert after == rows
    (point,) = list_snapshots(demo_copy)
    assert point.kind == "repair" and point.path == result.point.path
    assert _schema_rows(point.path) != _schema_rows(demo_file)  # the file as found
    with open_database(demo_copy) as db:
        assert not db.read_only
        entry = db.conn.execute("SELECT action, entity, record, new FROM audit_log "
                                "WHERE action = 'REPAIR'").fetchone()
        assert entry[:3] == ("REPAIR", "*", "schema")
        assert (result.plan.dropped or result.plan.recreated)
        for obj in result.plan.dropped + result.plan.recreated:
            assert obj.name in entry[3]
    assert main(["audit", "verify", "--db", str(demo_copy)]) == 0


def test_repair_of_a_sound_file_does_nothing(demo_copy):
    result = usecases.repair_schema(demo_copy)
    assert not result.plan.needed and result.point is None
    assert list_snapshots(demo_copy) == []


def test_repair_does_not_make_up_a_missing_table(demo_copy, capsys):
    _alter(demo_copy, "ALTER TABLE stock_adjustment RENAME TO kept;"
                      "ALTER TABLE kept ADD COLUMN extra TEXT")
    before = _schema_rows(demo_copy)
    with pytest.raises(RepairRefused) as caught:
        usecases.repair_schema(demo_copy)
    assert "table stock_adjustment" in caught.value.message("en")
    assert "表 stock_adjustment" in caught.value.message("zh")
    assert _schema_rows(demo_copy) == before and list_snapshots(demo_copy) == []
    assert main(["--lang", "en", "repair", "--db", str(demo_copy)]) == 1
    assert "cannot be repaired" in capsys.readouterr().err


def test_the_cli_repairs_and_the_file_opens_writable(demo_copy, capsys):
    _alter(demo_copy, PLANTED)
    assert main(["--lang", "en", "repair", "--db", str(demo_copy)]) == 0
    out = capsys.readouterr().out
    assert "dropped: trigger evil_x on audit_session" in out and "restore point" in out
    assert main(["check", "--db", str(demo_copy)]) == 0
    assert main(["--lang", "en", "repair", "--db", str(demo_copy)]) == 0
    assert "nothing to repair" in capsys.readouterr().out


def test_a_restored_point_with_a_planted_trigger_is_read_only(demo_copy):
    _alter(demo_copy, PLANTED)
    point = usecases.repair_schema(demo_copy).point
    sales = _sales(demo_copy)
    with open_database(demo_copy) as db:
        usecases.restore_snapshot(db, point.path)
        assert db.read_only and "evil_x" in db.read_only_reason
    assert _sales(demo_copy) == sales


def test_an_older_file_is_compared_with_its_own_version(tmp_path):
    from magdesk.storage.migrations import MIGRATIONS

    path = tmp_path / "v4.sqlite"
    conn = sqlite3.connect(path)
    for step in MIGRATIONS[:4]:
        for statement in step:
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 4")
    conn.execute("PRAGMA application_id = 1296516179")
    conn.commit()
    assert schema.compare(conn).ok
    conn.execute("DROP TRIGGER audit_company_delete")
    assert [o.name for o in schema.compare(conn).missing] == ["audit_company_delete"]
    conn.close()


def test_the_comparison_costs_a_few_milliseconds(demo_copy):
    conn = sqlite3.connect(demo_copy)
    schema.compare(conn)  # the definition is made once per version
    start = time.perf_counter()
    for _ in range(20):
        assert schema.compare(conn).ok
    assert (time.perf_counter() - start) / 20 < 0.005
    conn.close()


def test_a_file_repair_refuses_can_be_restored_from_its_point(demo_copy, capsys):
    """The way out repair names: a restore point put back over a file whose
    schema is not magdesk's, with nothing planted in it run on the way."""
    with open_database(demo_copy) as db:
        usecases.take_snapshot(db, "sound")
    sales = _sales(demo_copy)
    _alter(demo_copy, "ALTER TABLE counterparty ADD COLUMN memo TEXT;" + PLANTED)
    assert main(["--lang", "en", "repair", "--db", str(demo_copy)]) == 1
    assert "restore" in capsys.readouterr().err
    name = next(p.name for p in list_snapshots(demo_copy) if p.note == "sound")
    assert main(["--lang", "en", "restore", "--db", str(demo_copy), "--snapshot", name]) == 0
    assert "Restored" in capsys.readouterr().out
    assert _sales(demo_copy) == sales
    with open_database(demo_copy) as db:
        assert not db.read_only
    assert any("before restoring" in p.note for p in list_snapshots(demo_copy))


def test_a_read_only_file_with_planted_objects_is_not_restored(demo_copy, capsys):
    with open_database(demo_copy) as db:
        usecases.take_snapshot(db, "sound")
    _alter(demo_copy, PLANTED)
    demo_copy.chmod(0o444)
    try:
        assert main(["--lang", "en", "restore", "--db", str(demo_copy), "--snapshot", "1"]) == 1
        err = capsys.readouterr().err
        assert "cannot be restored now" in err and "read-only" in err, err
    finally:
        demo_copy.chmod(0o644)
    assert "evil_x" in _schema_rows(demo_copy).__repr__()


def test_the_shipped_definition_is_what_the_migrations_make():
    """schema_latest.py (read at every start instead of running the migrations
    in memory) is exactly what they make: after a new migration, regenerate it
    with ``python -m magdesk.storage.schema``."""
    from magdesk.storage import schema_latest
    from magdesk.storage.migrations import MIGRATIONS

    assert schema_latest.VERSION == len(MIGRATIONS)
    assert schema_latest.MASTER == schema.build(len(MIGRATIONS))
    assert Path(schema_latest.__file__).read_text(encoding="utf-8") == schema.render_latest()
