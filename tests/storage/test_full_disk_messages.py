"""A full disk and a folder where a file is wanted are said in the clerk's
language, naming the file: opening a valid file on a full disk is not "not a
magdesk database", a demo on a full disk is no traceback."""

import os
import shutil
import sqlite3

import pytest

from magdesk.cli import main
from magdesk.storage import open_database
from magdesk.storage.db import NotMagdeskFileError, StorageError
from magdesk.storage.reasons import said
from magdesk.usecases import create_demo

from .test_safety import _file_with_rows, _tmpfs


def _leave_free(mount, pages: int) -> None:
    """Fill the small file system ``mount`` up to ``pages`` free pages."""
    fill = mount / "fill"
    fill.unlink(missing_ok=True)
    free = shutil.disk_usage(mount).free
    with open(fill, "wb") as fh:
        fh.write(b"\0" * max(free - pages * 4096, 0))


@pytest.mark.parametrize("pages", [1, 4])
def test_a_valid_file_on_a_full_disk_is_not_called_foreign(tmp_path, pages):
    with _tmpfs(tmp_path, "2m") as mount:
        path = mount / "books.sqlite"
        _file_with_rows(path, 2)
        for name in os.listdir(mount):  # closed cleanly: only the file itself stays
            assert name == "books.sqlite" or name.endswith(".lock")
        _leave_free(mount, pages)
        with pytest.raises(StorageError) as caught:
            open_database(path).close()
        assert not isinstance(caught.value, NotMagdeskFileError)
        assert said(caught.value, "zh").startswith(f"无法打开 {path}：它所在的磁盘已满")
        assert "the disk holding it is full" in said(caught.value, "en")
        (mount / "fill").unlink()
        with open_database(path) as db:  # space again: the file is as it was
            assert db.conn.execute("SELECT count(*) FROM counterparty").fetchone()[0] == 2


def test_a_demo_on_a_full_disk(tmp_path, capsys):
    with _tmpfs(tmp_path, "1m") as mount:
        for pages in (1, 8, 120):
            _leave_free(mount, pages)
            target = mount / "demo.sqlite"
            with pytest.raises(StorageError) as caught:
                create_demo(target, sales=300)
            assert said(caught.value, "zh") == f"无法生成演示数据库 {target}：磁盘已满。请腾出空间后重试。"
            assert sorted(os.listdir(mount)) == ["fill"]  # no half-made file left
        assert main(["--lang", "en", "demo", "--db", str(target), "--sales", "300"]) == 1
        err = capsys.readouterr().err
        assert "the disk is full" in err and "Traceback" not in err


def test_a_folder_given_for_a_file(tmp_path, capsys):
    folder = tmp_path / "books"
    folder.mkdir()
    for command in (["check"], ["demo"], ["validate"]):
        assert main(["--lang", "zh", *command, "--db", str(folder)]) == 1
        assert capsys.readouterr().err == f"magdesk-cli: {folder} 是一个文件夹，这里需要的是文件\n"
    assert os.listdir(folder) == [] and not (tmp_path / "books.lock").exists()
    assert main(["--lang", "en", "import-template", "sales", str(folder)]) == 1
    assert capsys.readouterr().err == f"magdesk-cli: {folder} is a folder; a file is needed here\n"


def test_the_read_only_reason_in_the_clerks_language(tmp_path, capsys):
    path = tmp_path / "books.sqlite"
    _file_with_rows(path, 1)
    path.chmod(0o444)
    try:
        assert main(["--lang", "zh", "check", "--db", str(path)]) == 0
    finally:
        path.chmod(0o644)
    assert "只读打开：books.sqlite 已设为只读" in capsys.readouterr().out
    assert sqlite3.connect(path).execute("SELECT count(*) FROM counterparty").fetchone() == (1,)


def test_a_file_where_a_folder_is_wanted(tmp_path, capsys):
    path = tmp_path / "books.sqlite"
    _file_with_rows(path, 1)
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    assert main(["--lang", "zh", "backup", "--db", str(path), "--to", str(a_file / "b.sqlite")]) == 1
    assert capsys.readouterr().err.startswith(f"magdesk-cli: 备份无法写到 {a_file / 'b.sqlite'}：")
    assert main(["--lang", "en", "import-template", "sales", str(a_file / "t.xlsx")]) == 1
    assert capsys.readouterr().err == (f"magdesk-cli: {a_file} is not a folder (it, or a folder "
                                       "above it, is a file); a folder is needed here\n")
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("books")) == [
        "a-file"]


def test_a_summary_into_a_folder(demo_copy, tmp_path, capsys):
    folder = tmp_path / "out"
    folder.mkdir()
    assert main(["--lang", "zh", "summary", "--db", str(demo_copy), "--period", "2026-06",
                 "--report", "flow", "--pdf", str(folder)]) == 1
    assert capsys.readouterr().err == f"magdesk-cli: 无法写入 PDF：{folder} 是一个文件夹，这里需要的是文件\n"


def test_a_demo_over_an_existing_file(tmp_path, capsys):
    path = tmp_path / "books.sqlite"
    _file_with_rows(path, 1)
    assert main(["--lang", "zh", "demo", "--db", str(path)]) == 1
    assert capsys.readouterr().err == f"magdesk-cli: {path} 已存在；请另选文件名，或选择替换\n"
