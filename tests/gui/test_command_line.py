"""``magdesk --lang zh|en`` starts the window in that language, and
``magdesk --help`` speaks Chinese when asked (--lang) or when the system does."""

import sys

import pytest

from magdesk.app import main

from .conftest import lang_settings, wait_for_tasks


def _help(capsys, *args) -> str:
    with pytest.raises(SystemExit) as done:
        main([*args, "--help"])
    assert done.value.code == 0
    return capsys.readouterr().out


def test_help_follows_the_locale_and_lang(capsys, monkeypatch):
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    chinese = _help(capsys)
    assert chinese.startswith("用法：magdesk")
    assert "选项：" in chinese and "显示本帮助并退出" in chinese and "窗口语言" in chinese
    assert "usage" not in chinese and "show this help" not in chinese
    english = _help(capsys, "--lang", "en")
    assert english.startswith("usage: magdesk") and "the window's language" in english
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert _help(capsys).startswith("usage: magdesk")
    assert _help(capsys, "--lang=zh").startswith("用法：magdesk")


@pytest.mark.parametrize("lang, first, other", [("en", "Dashboard", "zh"),
                                                ("zh", "工作台", "en")])
def test_lang_starts_the_window_in_that_language(qtbot, demo_copy, monkeypatch, lang, first,
                                                 other):
    from magdesk.gui import app as gui_app
    from magdesk.settings import load_settings, save_settings

    save_settings(lang_settings(other))  # the settings say the other language
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own
    before = list(gui_app._windows)
    seen = []

    def look() -> None:
        window = next(w for w in gui_app._windows if w not in before)
        seen.append((window.lang, window.nav.item(0).text(), window.windowTitle()))
        wait_for_tasks(qtbot, window)  # its file closes next

    from PySide6.QtWidgets import QApplication

    # the window as it is when the event loop would start (the loop itself
    # is left out: a test's application goes on after it)
    monkeypatch.setattr(QApplication, "exec", lambda *_a: look() or 0)
    try:
        assert main([str(demo_copy), "--lang", lang]) == 0
    finally:
        for window in [w for w in gui_app._windows if w not in before]:
            gui_app._windows.remove(window)
            window.close()
            window.deleteLater()
        gui_app.application(lang_settings("zh"))
    assert seen and seen[0][:2] == (lang, first)
    assert load_settings().language == other  # for this time only
