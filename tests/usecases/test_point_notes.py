"""A restore point's note is said in the clerk's language in the list of
points (the CLI's and the window's); a note the clerk typed stays as typed."""

import pytest

from magdesk import usecases
from magdesk.cli import main
from magdesk.storage.snapshots import _NOTES


@pytest.mark.parametrize(("note", "zh"), [
    ("before export 2026-10", "导出 2026-10 申报表之前"),
    ("before filing 2026-09", "将 2026-09 标记为已申报之前"),
    ("before amending 2026-08", "发起 2026-08 更正之前"),
    ("before import", "导入之前"),
    ("before deleting 12 sale records", "批量删除 12 条记录之前"),
    ("before restoring a.sqlite", "还原 a.sqlite 之前"),
    ("before migration from schema v4", "数据结构从 v4 升级之前"),
    ("before repairing the schema", "修复数据结构之前"),
    ("before saving template SJ-2026", "保存申报模板“SJ-2026”之前"),
    ("before deleting template SJ-2026", "删除申报模板“SJ-2026”之前"),
    ("on exit", "关闭文件时"),
    ("manual", "手动备份"),
])
def test_known_notes_read_in_chinese(note, zh):
    assert usecases.point_note(note, "zh") == zh
    assert usecases.point_note(note, "en").isascii()


def test_every_known_note_has_a_pattern_tested():
    assert len(_NOTES) == 13


def test_a_typed_note_stays_as_typed():
    assert usecases.point_note("月底备份 before export", "zh") == "月底备份 before export"


def test_the_cli_lists_points_in_chinese(demo_copy, capsys):
    from magdesk.storage import open_database

    with open_database(demo_copy) as db:
        db.snapshot("before export 2026-10")
    assert main(["--lang", "zh", "snapshots", "--db", str(demo_copy)]) == 0
    out = capsys.readouterr().out
    assert "导出 2026-10 申报表之前" in out and "before export" not in out
