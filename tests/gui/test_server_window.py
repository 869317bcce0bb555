"""The window on a company kept by a real PostgreSQL server: opened by URL
and by File ▸ Connect to server…, the password in the keyring and nowhere
in the settings, other clerks' saves shown within seconds, a killed
connection said while the form keeps what was typed."""

from dataclasses import replace
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from magdesk import text, usecases
from magdesk.settings import Settings, config_dir
from magdesk.usecases import reads
from tests.gui.conftest import wait_for_tasks


@pytest.fixture
def company_url(pg_demo, pg_url):
    usecases.copy_database(pg_demo, pg_url)
    return pg_url


@pytest.fixture
def server_window(qtbot, company_url):
    from magdesk.gui.app import application, open_window

    settings = Settings(language="zh", clerk_name="测试")
    application(settings)
    win = open_window(company_url, settings, db=usecases.open_file(company_url))
    qtbot.addWidget(win)
    yield win
    wait_for_tasks(qtbot, win)
    win.close()
    win.db.close()


def _new_sale(db, doc_no: str):
    sale = next(reads.records(db).iter("sale", where="date LIKE ?", params=("2026-10%",)))
    return replace(sale, id=None, doc_no=doc_no, invoice_no=f"FP{doc_no[3:]}", qty_g=1000)


def _with_password(url: str, password: str) -> str:
    return url.replace("postgres@", f"postgres:{password}@", 1)


def test_the_window_names_the_server_never_the_password(server_window, company_url, qtbot):
    w = server_window
    where = usecases.server_where(company_url)
    assert w.windowTitle().endswith(f"— {where}") and w.status_file.text() == where
    assert not w.backup_action.isEnabled() and not w.restore_action.isEnabled()
    assert "服务器" in w.backup_action.toolTip()
    w._enable_restore()  # as the menu opens: still off on a server
    assert not w.restore_action.isEnabled()
    # (the settings of Qt are the user's: other test runs may write there meanwhile)
    qtbot.waitUntil(lambda: company_url in QSettings().value("recentFiles", [], list),
                    timeout=5000)
    w._fill_recent()
    assert where in [a.text() for a in w.recent_menu.actions()]
    from magdesk.gui.servers import home_folder
    from magdesk.settings import data_dir

    assert home_folder(w.db) == data_dir()  # the file dialogs' start: not a folder of a file


def test_another_clerks_save_appears_in_the_open_window(server_window, company_url, qtbot):
    w = server_window
    w.select_section(5)
    section = w.current_section()
    before = section.model.rowCount()
    other = usecases.open_file(company_url)
    try:
        saved = usecases.save(other, _new_sale(other, "SX-OTHER-7"))
    finally:
        other.close()
    qtbot.waitUntil(lambda: section.model.rowCount() == before + 1, timeout=3000)
    (entity, new_id), = saved.records
    rows = range(section.model.rowCount())
    assert [section.model.index(r, 0).data() for r in rows
            if section.model.record_id(r) == new_id] == ["SX-OTHER-7"]
    assert w.statusBar().currentMessage() == "已显示其他录入员的更改"


def test_the_windows_own_save_is_not_heard_as_anothers(server_window, qtbot):
    w = server_window
    heard = []
    w.server_watch.heard.connect(lambda pid, changes: heard.append(pid))
    assert w.commit(None, _new_sale(w.db, "SX-MINE-1")).ok
    qtbot.waitUntil(lambda: bool(heard), timeout=3000)
    assert heard == [usecases.own_connection(w.db)]
    assert w.statusBar().currentMessage() != "已显示其他录入员的更改"


def test_a_dropped_connection_is_said_and_the_form_keeps_what_was_typed(
        server_window, company_url, qtbot):
    w = server_window
    sale = next(w.repo.iter("sale", where="date LIKE ?", params=("2026-10%",)))
    form = w.open_record("sale", sale.id)  # (closes itself when saved)
    form.widgets["contract_no"].setText("HT-断线后")
    with psycopg.connect(company_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (usecases.own_connection(w.db),))
    form.save()
    lost = text.say("pg.lost", "zh", where=w.db.where, error="")
    assert form.status.text().startswith(lost.split("（")[0][:12])
    assert form.isVisible() and form.widgets["contract_no"].text() == "HT-断线后"
    form.widgets["contract_no"].setText("HT-断线")  # typing on: checked as typed
    form.widgets["contract_no"].setText("HT-断线后")
    assert form.status.text().startswith(lost.split("（")[0][:12])  # said, not a crash
    form.save()  # the connection made again: saved now
    with psycopg.connect(company_url) as pg:
        kept = pg.execute("SELECT contract_no FROM sale_out WHERE id = %s", (sale.id,)).fetchone()
    assert kept == ("HT-断线后",)


def test_connect_to_server_opens_the_company_and_keeps_the_password_in_the_keyring(
        qtbot, company_url, window, monkeypatch):
    from magdesk.gui import servers

    def fill(dialog):
        fields = usecases.server_fields(company_url)
        dialog.host.setText(fields["host"])
        dialog.port.setValue(fields["port"])
        dialog.database.setText(fields["database"])
        dialog.user.setText(fields["user"])
        dialog.password.setText("口令-s3cret")
        dialog.remember.setChecked(True)
        return 1  # Accepted

    monkeypatch.setattr(servers.ConnectDialog, "exec", fill)
    window.connect_server()
    qtbot.waitUntil(lambda: getattr(window, "replacement", None) is not None, timeout=15000)
    new = window.replacement
    qtbot.addWidget(new)
    assert usecases.on_server(new.db) and new.windowTitle().endswith(new.db.where)
    assert usecases.saved_password(company_url) == "口令-s3cret"
    qtbot.waitUntil(lambda: company_url in QSettings().value("recentFiles", [], list),
                    timeout=5000)
    QSettings().sync()
    for kept in (config_dir() / "settings.json", Path(QSettings().fileName())):
        assert not kept.exists() or "s3cret" not in kept.read_text(encoding="utf-8")
    assert all("s3cret" not in p for p in QSettings().value("recentFiles", [], list))
    # Recent ▸ the server again: the keyring's password goes with it
    assert servers.reopen_target(new, usecases.without_password(company_url)) == \
        _with_password(usecases.without_password(company_url), "%E5%8F%A3%E4%BB%A4-s3cret")
    wait_for_tasks(qtbot, new)
    new.close()
    new.db.close()


def test_a_server_that_cannot_be_reached_is_said_over_the_window(qtbot, window, pg_server,
                                                                monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: said.append(a[2]))
    window.reopen(pg_server.rsplit("/", 1)[0] + "/no_such_company")
    qtbot.waitUntil(lambda: bool(said), timeout=15000)
    assert "no_such_company" in said[0] and "连接" in said[0]  # where, and the server's reason
    assert getattr(window, "replacement", None) is None and window.isVisible()


def test_connect_dialog_from_a_recent_server_without_a_kept_password(qtbot, monkeypatch):
    from magdesk.gui import servers

    url = "postgresql://li@db.example.cn:5433/magnets"
    dialog = servers.ConnectDialog(url)
    qtbot.addWidget(dialog)
    assert (dialog.host.text(), dialog.port.value(), dialog.database.text(),
            dialog.user.text(), dialog.password.text()) == ("db.example.cn", 5433, "magnets",
                                                           "li", "")
    assert not dialog.remember.isChecked()
    asked = []
    monkeypatch.setattr(servers.ConnectDialog, "exec", lambda d: asked.append(d) or 0)
    assert servers.reopen_target(None, url) is None and len(asked) == 1
    dialog.database.setText("")
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()


def test_a_recent_server_that_trusts_the_clerk_reopens_without_the_dialog(company_url,
                                                                          monkeypatch):
    from magdesk.gui import servers

    asked = []
    monkeypatch.setattr(servers.ConnectDialog, "exec", lambda d: asked.append(d) or 0)
    url = usecases.without_password(company_url)
    assert servers.reopen_target(None, url) == url and asked == []


def test_magdesk_with_a_url_opens_the_server_and_keeps_no_password(company_url, tmp_path):
    import os
    import subprocess
    import sys

    from magdesk.app import build_parser

    assert build_parser("en").parse_args([company_url]).db == company_url  # not a Path
    with_password = _with_password(company_url, "pw-9d1f")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               MAGDESK_DATA_DIR=str(tmp_path / "data"))
    ran = subprocess.run([sys.executable, "-m", "magdesk", with_password, "--lang", "en",
                          "--quit-after", "3000"], env=env, capture_output=True, text=True,
                         timeout=120)
    assert ran.returncode == 0, ran.stderr
    kept = "\n".join(p.read_text(encoding="utf-8") for p in (tmp_path / "cfg").rglob("*.conf"))
    assert company_url.split("//")[1] in kept and "pw-9d1f" not in kept
