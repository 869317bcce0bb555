"""Why a file is not opened or not written, said in the clerk's language:
the English sentence stays what str() gives (logs, the CLI)."""

import sqlite3

import pytest

from magdesk.storage import open_database
from magdesk.storage.db import DamagedFileError, NotMagdeskFileError, StorageError
from magdesk.storage.reasons import Reason, holder_text, said


def _another_program_s_file(tmp_path):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    return other


def test_a_reason_is_its_english_sentence_and_says_itself_in_chinese():
    reason = Reason("in_use", name="a.sqlite", holder="lin@desk2 pid 4242 since 2026-12-06T09:30:05")
    assert reason == "a.sqlite is open for writing by lin@desk2 pid 4242 since 2026-12-06T09:30:05"
    assert reason.message("en") == str(reason)
    assert reason.message("zh") == "a.sqlite 正由 lin@desk2（进程 4242，自 2026-12-06 09:30 起）打开编辑"
    nested = Reason("nothing_written", reason=reason)
    assert nested.message("zh").startswith("未写入任何内容：a.sqlite 正由 lin@desk2")
    assert str(nested).startswith("nothing was written: a.sqlite is open for writing")


def test_a_holder_that_is_not_magdesk_s_line_is_kept_as_it_is():
    assert holder_text("another program", "zh") == "另一个程序"
    assert holder_text("something odd", "zh") == "something odd"
    assert holder_text("lin@desk2 pid 1 since 2026-01-01T00:00:00", "en").startswith("lin@desk2 pid")


def test_a_second_opener_reads_why_in_chinese(demo_copy):
    with open_database(demo_copy) as writer, open_database(demo_copy) as reader:
        assert not writer.read_only and reader.read_only
        assert "open for writing by" in reader.read_only_reason  # the CLI's English
        text = said(reader.read_only_reason, "zh")
        assert text.startswith(f"{demo_copy.name} 正由 ") and text.endswith("打开编辑")
        assert "pid" not in text and "进程" in text


def test_a_file_marked_read_only_says_so_in_chinese(demo_copy):
    demo_copy.chmod(0o444)
    try:
        with open_database(demo_copy) as db:
            assert said(db.read_only_reason, "zh") == f"{demo_copy.name} 已设为只读"
    finally:
        demo_copy.chmod(0o644)


def test_refusals_to_open_say_what_and_where_in_chinese(tmp_path):
    missing = tmp_path / "gone.sqlite"
    with pytest.raises(StorageError) as caught:
        open_database(missing)
    assert str(caught.value) == f"no such database file: {missing}"
    assert said(caught.value, "zh") == f"找不到数据库文件：{missing}"
    other = _another_program_s_file(tmp_path)
    with pytest.raises(NotMagdeskFileError) as caught:
        open_database(other)
    assert said(caught.value, "zh") == f"{other} 是其他程序的 SQLite 文件，不是 magdesk 的数据库"
    assert caught.value.message("en") == str(caught.value)


def test_a_damaged_file_without_restore_points_says_so_in_chinese(tmp_path):
    path = tmp_path / "broken.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises((DamagedFileError, NotMagdeskFileError)) as caught:
        open_database(path)
    text = said(caught.value, "zh")
    assert str(path) in text and ("已损坏" in text or "不是 magdesk 数据库" in text)


def test_restore_refusals_say_themselves_in_chinese(tmp_path):
    from magdesk.storage.restore import check_source

    missing = tmp_path / "gone.sqlite"
    with pytest.raises(StorageError) as caught:
        check_source(missing)
    assert str(caught.value) == f"no such restore point: {missing}"
    assert said(caught.value, "zh") == f"找不到还原点：{missing}"
    other = _another_program_s_file(tmp_path)
    with pytest.raises(StorageError) as caught:
        check_source(other)
    assert said(caught.value, "zh") == "other.sqlite 不是 magdesk 文件"
