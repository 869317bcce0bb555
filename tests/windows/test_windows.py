"""On Windows itself: the writer lease (msvcrt's mandatory lock), the user
folders, the fonts, and a backup restored over the file through NTFS renames."""

import os
from pathlib import Path

from magdesk import usecases
from magdesk.settings import config_dir, data_dir
from magdesk.storage.db import StorageError, hold_writer, open_database


def test_the_user_folders_are_under_appdata(monkeypatch):
    monkeypatch.delenv("MAGDESK_CONFIG_DIR", raising=False)
    monkeypatch.delenv("MAGDESK_DATA_DIR", raising=False)
    assert config_dir() == Path(os.environ["APPDATA"]) / "magdesk"
    assert data_dir() == Path(os.environ["LOCALAPPDATA"]) / "magdesk"


def test_a_second_writer_is_refused_and_told_who_holds_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("MAGDESK_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "公司.sqlite"
    usecases.create_demo(path, sales=40)
    lease = hold_writer(path)
    try:
        try:
            hold_writer(path)
        except StorageError as exc:
            said = str(exc)
        else:
            raise AssertionError("a second writer was let in")
        # the lease text is readable past the locked byte: the holder is named
        assert str(os.getpid()) in said or os.environ.get("COMPUTERNAME", "?") in said
    finally:
        lease.release()
    hold_writer(path).release()  # free again once released


def test_chinese_prints_in_a_windows_font():
    from magdesk.gui import printing

    printing.ensure_app()
    assert printing.cjk_family() in ("Microsoft YaHei", "SimHei", "SimSun")


def test_a_backup_restores_over_the_open_file(tmp_path, monkeypatch):
    monkeypatch.setenv("MAGDESK_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "demo.sqlite"
    usecases.create_demo(path, sales=40)
    with open_database(path) as db:
        before = db.conn.execute("SELECT count(*) FROM sale_out").fetchone()[0]
        copy = usecases.backup_to(db, tmp_path / "usb").path
        db.conn.execute("DELETE FROM sale_out WHERE id = (SELECT max(id) FROM sale_out)")
    usecases.restore_file(path, copy)
    with open_database(path) as db:
        assert db.conn.execute("SELECT count(*) FROM sale_out").fetchone()[0] == before
        assert usecases.verify_audit(db).ok
