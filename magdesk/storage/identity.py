"""The identity of a magdesk file: a random value made with the file (schema
v5) and kept inside it, so that it survives copy, rename and move.  Restore
points are kept per identity; a restore across identities is refused unless
the clerk insists."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class FileIdentity:
    identity: str  # 32 hex digits; "" for a file from before v5
    uscc: str  # the company's credit code, "" when the file has no profile yet
    company: str  # the company's name

    def same_company(self, other: FileIdentity) -> bool:
        return bool(self.identity) and self.identity == other.identity


def file_identity(conn: sqlite3.Connection) -> str:
    """The identity kept in the file behind ``conn``, or "" (a file from before
    schema v5, or not a magdesk file)."""
    try:
        row = conn.execute("SELECT identity FROM magdesk_file WHERE id = 1").fetchone()
    except sqlite3.Error:
        return ""
    return row[0] if row else ""


def describe(conn: sqlite3.Connection) -> FileIdentity:
    """Identity, credit code and company name of the file behind ``conn``."""
    try:
        row = conn.execute("SELECT uscc, name FROM company WHERE id = 1").fetchone()
    except sqlite3.Error:
        row = None
    uscc, name = (row[0] or "", row[1] or "") if row else ("", "")
    return FileIdentity(file_identity(conn), uscc, name)
