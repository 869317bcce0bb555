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
    for old in getattr(app, "_magdesk_translators", []):
        app.removeTranslator(old)
    app._magdesk_translators = []
    if lang != "zh":
        return
    qt = QTranslator(app)
    if qt.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
               QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        app._magdesk_translators.append(qt)
    ours = QTranslator(app)
    if ours.load(str(resources_dir() / "i18n" / "magdesk_zh_CN.qm")):
        app.installTranslator(ours)
        app._magdesk_translators.append(ours)


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
    from ..storage.repository import Repository
    from .dialogs import CompanyDialog

    answer = CompanyDialog.ask(data_dir() / "magdesk.sqlite")
    if answer is None:
        return None
    company, path = answer
    with open_database(path, create=True) as db:
        Repository(db).set_company(company)
    return path


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
