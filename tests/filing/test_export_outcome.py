"""An export that cannot record itself leaves no workbook under its final name
(the folder and the file never disagree), and a rerun is not told the file
already exists; an --out that is no folder is named in the clerk's language."""

import sqlite3

import pytest

from magdesk.cli import main
from magdesk.filing.export import ExportError, export_period
from magdesk.storage import open_database
from magdesk.storage.db import DiskFullError
from magdesk.storage.reasons import said

PERIOD = "2026-06"


def _export(db_path, out, *extra):
    return main(["--lang", "en", "export", "--db", str(db_path), "--period", PERIOD, "--out",
                 str(out), "--draft", *extra])


class _CommitFails:
    """An sqlite3 connection whose COMMIT fails as on a full disk (the pattern
    of tests/storage/test_safety.py)."""

    def __init__(self, conn):
        self._conn = conn

    def execute(self, sql, *args):
        if sql == "COMMIT":
            raise sqlite3.OperationalError("database or disk is full")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def test_a_read_only_file_leaves_no_workbook_and_the_rerun_writes_it(demo_copy, tmp_path,
                                                                      capsys):
    out = tmp_path / "out"
    demo_copy.chmod(0o444)
    try:
        assert _export(demo_copy, out) == 1
        assert "nothing was written" in capsys.readouterr().err
        assert list(out.iterdir()) == []  # neither the workbook nor its temporary file
    finally:
        demo_copy.chmod(0o644)
    assert _export(demo_copy, out) == 0
    assert "already exists" not in capsys.readouterr().err
    assert [p.suffix for p in out.iterdir()] == [".xlsx"]


def test_a_commit_failing_after_the_rename_takes_the_workbook_away(demo_copy, tmp_path):
    out = tmp_path / "out"
    with open_database(demo_copy) as db:
        real = db.conn
        db.conn = _CommitFails(real)
        with pytest.raises(DiskFullError):
            export_period(db, PERIOD, out, findings=[], draft=True)
        db.conn = real
        assert list(out.iterdir()) == []
        assert db.conn.execute("SELECT count(*) FROM filing_export").fetchone()[0] == 0
        done = export_period(db, PERIOD, out, findings=[], draft=True)  # no "already exists"
        assert done.path.exists()


def test_a_replaced_workbook_is_put_back_when_the_new_one_cannot_be_recorded(demo_copy,
                                                                             tmp_path):
    out = tmp_path / "out"
    with open_database(demo_copy) as db:
        first = export_period(db, PERIOD, out, findings=[], draft=True).path
        before = first.read_bytes()
        real = db.conn
        db.conn = _CommitFails(real)
        with pytest.raises(DiskFullError):
            export_period(db, PERIOD, out, findings=[], draft=True, replace=True)
        db.conn = real
        assert [p.name for p in out.iterdir()] == [first.name]
        assert first.read_bytes() == before
        assert db.conn.execute("SELECT count(*) FROM filing_export").fetchone()[0] == 1


def test_out_must_be_a_folder(demo_copy, tmp_path, capsys):
    a_file = tmp_path / "a-file.txt"
    a_file.write_text("x")
    with open_database(demo_copy) as db, pytest.raises(ExportError) as caught:
        export_period(db, PERIOD, a_file, findings=[], draft=True)
    assert "不是文件夹" in said(caught.value, "zh") and str(a_file) in said(caught.value, "zh")
    assert _export(demo_copy, a_file / "below") == 1
    err = capsys.readouterr().err
    assert "is not a folder" in err and "Traceback" not in err


def test_a_full_disk_while_writing_names_the_workbook(demo_copy, tmp_path):
    from tests.storage.test_full_disk_messages import _leave_free
    from tests.storage.test_safety import _tmpfs

    with _tmpfs(tmp_path, "1m") as mount, open_database(demo_copy) as db:
        _leave_free(mount, 2)
        with pytest.raises(ExportError) as caught:
            export_period(db, PERIOD, mount, findings=[], draft=True)
        said_zh = said(caught.value, "zh")
        assert said_zh.startswith(f"{mount}/") and said_zh.endswith(" 无法写入：磁盘已满。请腾出空间后重试。")
        assert "_稀土产品流向_草稿.xlsx" in said_zh and ".tmp" not in said_zh
        assert sorted(p.name for p in mount.iterdir()) == ["fill"]
        assert db.conn.execute("SELECT count(*) FROM filing_export").fetchone()[0] == 0


def test_an_export_refused_as_read_only_takes_no_restore_point(demo_copy, tmp_path, capsys):
    """Each refused attempt would otherwise add a point of the file as it is
    (say with an object planted in it) and rotate out the good ones."""
    from magdesk.storage.snapshots import list_snapshots

    conn = sqlite3.connect(demo_copy)
    conn.execute("CREATE INDEX planted_grade ON sale_out(grade)")
    conn.close()
    for _ in range(3):
        assert _export(demo_copy, tmp_path / "out") == 1
        assert "nothing was written" in capsys.readouterr().err
    assert list_snapshots(demo_copy) == []
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_no_point_before_a_change_is_taken_of_a_read_only_file(demo_copy):
    """Filing, amending and bulk deletion take their point the same way; a
    point asked for (backup) is still taken of a read-only file."""
    from magdesk import usecases
    from magdesk.storage.db import ReadOnlyError

    conn = sqlite3.connect(demo_copy)
    conn.execute("CREATE INDEX planted_grade ON sale_out(grade)")
    conn.close()
    with open_database(demo_copy) as db:
        assert db.read_only
        with pytest.raises(ReadOnlyError):
            usecases.delete_records(db, "sale_out", [1, 2])
        assert usecases.list_snapshots(db) == []
        usecases.take_snapshot(db, "asked for", kind="manual")
        assert [p.note for p in usecases.list_snapshots(db)] == ["asked for"]
