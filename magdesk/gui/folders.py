"""The folder each file dialog opened last, per purpose (export, import,
backup, print, a template's sample, a file to attach), kept in QSettings
(an INI file in magdesk's settings folder), so that the next dialog of the
same purpose opens there."""

from __future__ import annotations

from pathlib import Path

PURPOSES = ("export", "import", "backup", "print", "template", "attach")


def _store():
    from PySide6.QtCore import QSettings

    from ..settings import config_dir

    return QSettings(str(config_dir() / "folders.ini"), QSettings.Format.IniFormat)


def last_folder(purpose: str, fallback: str | Path = "") -> str:
    """The folder last used for ``purpose`` if it still exists, else ``fallback``."""
    folder = _store().value(f"folders/{purpose}", "", str) or ""
    if folder and Path(folder).is_dir():
        return folder
    return str(fallback) if fallback else ""


def remember(purpose: str, chosen: str | Path) -> None:
    """Keep the folder of ``chosen`` (a folder, or a file in one) for ``purpose``."""
    if not chosen:
        return
    path = Path(chosen)
    folder = path if path.is_dir() else path.parent
    store = _store()
    store.setValue(f"folders/{purpose}", str(folder))
    store.sync()
