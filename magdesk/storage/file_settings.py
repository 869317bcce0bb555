"""Settings kept in the company file (``file_setting``: key, value), read."""

from __future__ import annotations

from .db import Database


def file_settings(db: Database, prefix: str = "") -> dict[str, str]:
    """The file's settings whose key starts with ``prefix``."""
    rows = db.conn.execute("SELECT key, value FROM file_setting WHERE substr(key, 1, ?) = ?",
                           (len(prefix), prefix))
    return dict(rows.fetchall())


def set_file_setting(db: Database, key: str, value: str | None) -> None:
    """Keep ``value`` under ``key`` (None: take the setting away), in one
    audited write."""
    with db.write() as conn:
        if value is None:
            conn.execute("DELETE FROM file_setting WHERE key = ?", (key,))
        else:
            conn.execute("INSERT INTO file_setting (key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))
