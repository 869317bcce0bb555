"""Starting the desktop: application, fonts, translations, the window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from ..resources import resources_dir
from ..settings import Settings, data_dir, load_settings
from ..storage.db import StorageError, open_database

CJK_FONTS = ("Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC",
             "Source Han Sans SC", "SimHei")
_windows: list = []  # keep open windows alive


def application(settings: Settings) -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("magdesk")
    app.setApplicationName("magdesk")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "magdesk.svg")))
    install_translations(app, settings.lang())
    families = set(QFontDatabase.families())
    for family in CJK_FONTS:
        if family in families:
            font = QFont(family)
            font.setPointSize(10)
            app.setFont(font)
            break
    return app


def install_translations(app: QApplication, lang: str) -> None:
    """Qt's own Chinese for its dialogs (file, print, message boxes) and magdesk's.

    The qtbase_zh_CN.qm of PySide6 6.11 lacks strings Qt renamed (the file
    dialog's "&Look in:", "Files of &type:"); magdesk's supplement has them.
    It goes in first: Qt asks the translator installed last first, so Qt's own
    translation wins wherever it has one."""
    for old in getattr(app, "_magdesk_translators", []):
        app.removeTranslator(old)
    app._magdesk_translators = []
    # Qt's locale-dependent texts (a file's type in the file dialog) follow the language
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China)
                       if lang == "zh" else QLocale.system())
    if lang != "zh":
        return
    i18n = resources_dir() / "i18n"
    supplement, qt, ours = QTranslator(app), QTranslator(app), QTranslator(app)
    loaded = (supplement.load(str(i18n / "qtbase_supplement_zh_CN.qm")),
              qt.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
                      QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
              ours.load(str(i18n / "magdesk_zh_CN.qm")))
    for translator, ok in zip((supplement, qt, ours), loaded, strict=True):
        if ok:
            app.installTranslator(translator)
            app._magdesk_translators.append(translator)


def open_window(path: Path, settings: Settings):
    from .main_window import MainWindow

    db = open_database(path)
    window = MainWindow(db, settings)
    window.language_changed.connect(lambda: _relaunch(window, path))
    window.destroyed.connect(lambda: db.close())
    recent = [str(path)] + [p for p in (QSettings().value("recentFiles", [], list) or [])
                            if p != str(path)]
    QSettings().setValue("recentFiles", recent[:8])
    window.show()
    _windows.append(window)
    return window


def _relaunch(window, path: Path) -> None:
    """Apply a new language: close and reopen the window in it."""
    settings = load_settings()
    install_translations(QApplication.instance(), settings.lang())
    reopen(window, path, settings)


def reopen(window, path: Path, settings: Settings):
    """Close ``window`` and its file (so the lock is free), then open ``path``."""
    window.close()
    window.db.close()
    if window in _windows:
        _windows.remove(window)
    return open_window(path, settings)


def first_start(settings: Settings) -> Path | None:
    """The company profile, then the new file headed by it (None if cancelled)."""
    from .company import FirstStartDialog

    return FirstStartDialog.ask(settings.lang(), data_dir() / "magdesk.sqlite")


def run(path: Path | None, demo: bool, quit_after: int = 0) -> int:
    settings = load_settings()
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") \
            and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = application(settings)
    if demo:
        from ..services import create_demo

        path = data_dir() / "magdesk-demo.sqlite"
        if not path.exists():
            create_demo(path)
    if path is None:
        recent = QSettings().value("recentFiles", [], list) or []
        path = next((Path(p) for p in recent if Path(p).exists()), None) or first_start(settings)
    if path is None:
        return 0
    try:
        open_window(path, settings)
    except StorageError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "magdesk", str(exc))
        return 1
    if quit_after:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(quit_after, app.quit)
    code = app.exec()
    for open_one in list(_windows):  # on exit: a restore point, unless nothing changed
        try:
            open_one.db.close(snapshot=True)
        except StorageError as exc:
            print(f"magdesk: {exc}", file=sys.stderr)
    return code
