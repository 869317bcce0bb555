"""Settings kept in the company file (``file_setting``: key, value), read."""

from __future__ import annotations

from .db import Database


def file_settings(db: Database, prefix: str = "") -> dict[str, str]:
    """The file's settings whose key starts with ``prefix``."""
    rows = db.conn.execute("SELECT key, value FROM file_setting WHERE substr(key, 1, ?) = ?",
                           (len(prefix), prefix))
    return dict(rows.fetchall())
