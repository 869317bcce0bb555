"""Starting the desktop: application, fonts, translations, the window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import shiboken6

# Not QtCore.Qt here: naming it builds its ~100 enums (~40 ms of every start);
# what needs it imports it where used.
from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ..resources import resources_dir
from ..settings import Settings, data_dir, load_settings
from ..usecases.kinds import OpenCancelled, StorageError

CJK_FONTS = ("Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC",
             "Source Han Sans SC", "SimHei")
FOCUS = "#2a64b0"
# The application's own style, beneath each window's: a drop-down's list
# drawn as a list (combobox-popup: 0; the menu-like list Fusion draws takes a
# form field's pale colour and paints its chosen line white on it), its chosen
# line white on blue; and a field with the keyboard focus framed in blue,
# whatever colour its state gives it (a check box too: its frame kept, unseen,
# when it has no focus, so nothing moves).
STYLE = f"""
QComboBox {{ combobox-popup: 0; }}
QComboBox QAbstractItemView {{ background: white; color: #1a1a1a;
    selection-background-color: {FOCUS}; selection-color: white; }}
QLineEdit:focus, QComboBox:focus, QAbstractSpinBox:focus, QPlainTextEdit:focus,
QTextEdit:focus {{ border: 2px solid {FOCUS}; border-radius: 3px; }}
QCheckBox {{ border: 2px solid transparent; border-radius: 3px; padding: 1px; }}
QCheckBox:focus {{ border-color: {FOCUS}; }}
"""
_windows: list = []  # keep open windows alive
_leaving: list = []  # windows changed for another, to close once it has painted


def application(settings: Settings) -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("magdesk")
    app.setApplicationName("magdesk")
    install_translations(app, settings.lang())
    if app.styleSheet() != STYLE:
        app.setStyleSheet(STYLE)
    families = set(QFontDatabase.families())
    for family in CJK_FONTS:
        if family in families:
            font = QFont(family)
            font.setPointSize(10)
            if sys.platform.startswith("linux"):
                # FreeType's autohinter (fontconfig's usual hintslight) costs ~4 ms
                # of a first frame in Chinese and changes nothing one can see at
                # these sizes (compared side by side); Windows' fonts keep theirs.
                font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            app.setFont(font)
            break
    return app


def set_window_icon() -> None:
    """The program's icon on its windows.  Set once a first window has painted
    (its queue, main_window.py) or before a first-start dialog: QIcon and its
    SVG plugin are ~4 ms that the first frame need not wait for."""
    app = QApplication.instance()
    if app is None or getattr(app, "_magdesk_icon", False):
        return
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "magdesk.svg")))
    app._magdesk_icon = True


def remember_recent(path: Path | str) -> None:
    """``path`` first in File ▸ Recent files (at most 8); a server's URL
    without its password (that is the keyring's, never the settings')."""
    from PySide6.QtCore import QSettings

    from .servers import recent_name

    name = recent_name(path)
    recent = [name] + [p for p in (QSettings().value("recentFiles", [], list) or [])
                       if p != name]
    QSettings().setValue("recentFiles", recent[:8])


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


def open_window(path: Path, settings: Settings, db=None, like=None):
    """A window on the file at ``path`` (or on ``db``, already open), shown;
    made ``like`` a window it replaces: its place, size and section.
    Its file is closed by whoever takes the window away (``reopen``, ``run``)."""
    from ..usecases.files import open_file
    from .main_window import MainWindow

    db = db or open_file(path)
    window = MainWindow(db, settings)
    if like is not None and shiboken6.isValid(like):
        window.restoreGeometry(like.saveGeometry())
        window.select_section(max(0, like.nav.currentRow()))
    window.language_changed.connect(lambda: _relaunch(window))
    window.later.add(lambda: remember_recent(path))  # once it has painted
    window.show()
    _windows.append(window)
    return window


def _relaunch(window) -> None:
    """Apply a new language: the window made again in it, on the same file."""
    settings = load_settings()
    install_translations(QApplication.instance(), settings.lang())
    from .servers import target_of

    reopen(window, target_of(window.db), settings)


def reopen(window, path: Path, settings: Settings):
    """Change ``window`` to the file at ``path``; ``window.replacement`` is the
    new window once it shows, and the old one closes only then.

    The same file (a new language, a restore put back): a new window on the
    open file, brought up to date (a restore may have put back an older
    schema), at once; it is returned.  Another file is opened and checked in
    the background while this window stays (opening.Switch); None."""
    from PySide6.QtCore import Qt

    from . import opening

    if opening.same_company(path, window.db) and not window.db.read_only:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            window.db.upgrade()
            new = open_window(path, settings, db=window.db, like=window)
        finally:
            QApplication.restoreOverrideCursor()
        window.replacement = new
        _retire(window, new, close_file=False)
        return new
    if getattr(window, "switching", None) is None:
        window.switching = opening.Switch(
            window, path, lambda db: open_window(path, settings, db=db),
            lambda old, new: _retire(old, new))
    return None


def _retire(window, new, close_file: bool = True) -> None:
    """Take ``window`` away once ``new`` has painted (so the screen is never
    empty between them; after a second at most); its file closes then (with
    a restore point if this session changed it) unless ``new`` goes on with it."""
    from PySide6.QtCore import Qt

    from .opening import close_later

    if window in _windows:
        _windows.remove(window)

    def away() -> None:
        if away not in _leaving:
            return
        _leaving.remove(away)
        if shiboken6.isValid(window):
            window.close()  # and gone with the last reference to it
        if close_file:
            close_later(window.db, new)

    _leaving.append(away)
    new.dashboard.chart.painted.connect(away, Qt.ConnectionType.SingleShotConnection)
    QTimer.singleShot(1000, window, away)


def first_start(settings: Settings) -> Path | None:
    """The company profile, then the new file headed by it (None if cancelled)."""
    from .company import FirstStartDialog

    set_window_icon()
    return FirstStartDialog.ask(settings.lang(), data_dir() / "magdesk.sqlite")


def _refused(exc: StorageError, settings: Settings) -> int:
    """Why the file cannot be opened (or the demo made), in a message box."""
    from PySide6.QtWidgets import QMessageBox

    from ..usecases.kinds import said

    QMessageBox.critical(None, "magdesk", said(exc, settings.lang()))
    return 1


def run(path: Path | None, demo: bool, quit_after: int = 0, lang: str | None = None) -> int:
    """The desktop until its last window closes; ``lang`` (zh, en) the window's
    language this time, whatever the settings say."""
    settings = load_settings()
    if lang:
        import dataclasses

        settings = dataclasses.replace(settings, language=lang)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") \
            and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = application(settings)
    from .crash import install

    install()  # from here on no traceback reaches the clerk: a message box and a log
    if demo:
        from ..usecases import create_demo

        path = data_dir() / "magdesk-demo.sqlite"
        if not path.exists():
            try:
                create_demo(path)
            except StorageError as exc:  # a full disk: said, not a traceback
                return _refused(exc, settings)
    if path is None:
        from PySide6.QtCore import QSettings

        recent = QSettings().value("recentFiles", [], list) or []
        path = next((Path(p) for p in recent if Path(p).exists()), None) or first_start(settings)
    if path is None:
        return 0
    from .servers import is_server

    if is_server(path):  # the keyring's password, or the Connect dialog asking for it
        from .servers import reopen_target

        path = reopen_target(None, str(path))
        if path is None:
            return 0
    from .opening import open_first, wait_closed

    try:
        open_window(path, settings, db=open_first(path))  # a big file: a dialog, not nothing
    except OpenCancelled:
        return 0
    except StorageError as exc:
        return _refused(exc, settings)
    if quit_after:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(quit_after, app.quit)
    code = app.exec()
    for away in list(_leaving):  # quit just after a switch
        away()
    wait_closed()  # files closing in the background after a switch
    for open_one in list(_windows):  # on exit: a restore point, unless nothing changed
        try:
            open_one.db.close(snapshot=True)
        except StorageError as exc:
            print(f"magdesk: {exc}", file=sys.stderr)
    return code
