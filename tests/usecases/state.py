"""What a file holds, read by a connection of its own: a refused use case
must leave it exactly as it was (the same rows, the same audit head)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def content(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table (the audit trail's included), committed
    ones only: equal contents, nothing written."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
            "ORDER BY name")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"'), key=repr) for t in tables}
    finally:
        conn.close()


def counts(path: Path) -> dict[str, int]:
    """Rows per table."""
    return {table: len(rows) for table, rows in content(path).items()}


def audit_head(path: Path) -> tuple[int, str]:
    """The newest audit entry's number and the chain's head."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        last = conn.execute("SELECT coalesce(max(seq), 0) FROM audit_log").fetchone()[0]
        head = conn.execute("SELECT seq, hash FROM audit_head").fetchone()
        return last, f"{head[0]}:{head[1]}"
    finally:
        conn.close()
