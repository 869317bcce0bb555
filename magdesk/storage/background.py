"""Queries run in a thread of their own while the caller goes on.

SQLite lets go of Python's lock while it works, so a query that sums or
screens a large table in SQL, and hands back a few rows, runs beside Python
code on a second core.  Each piece of work gets a read-only connection of
its own.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Background(Generic[T]):
    """``work(conn)`` started at once in a thread of its own.  Inside a
    transaction (an import checks what it wrote before committing) only the
    database's own connection sees the data: then the work is done at once,
    on it."""

    def __init__(self, db, work: Callable[[sqlite3.Connection], T], name: str = "query"):
        self._main = db.conn
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        if self._main.in_transaction:
            self._conn = self._main
            self._run(work)
            return
        self._conn = db.reader()
        self._thread = threading.Thread(target=self._run, args=(work,), daemon=True,
                                        name=f"magdesk {name}")
        self._thread.start()

    def _run(self, work: Callable[[sqlite3.Connection], T]) -> None:
        try:
            self._value = work(self._conn)
        except BaseException as exc:  # handed to the caller of result()
            self._error = exc
        finally:
            if self._conn is not self._main:
                self._conn.close()

    def result(self, tick: Callable[[], None] = lambda: None) -> T:
        """What the work returned, once it is done (``tick`` is called while
        waiting; if it raises, the work is stopped)."""
        try:
            while self._thread is not None and self._thread.is_alive():
                self._thread.join(0.05)
                tick()
        except BaseException:
            self.cancel()
            raise
        if self._error is not None:
            raise self._error
        return self._value

    def cancel(self) -> None:
        """Stop the work (a no-op once it is done)."""
        if self._thread is not None and self._thread.is_alive():
            try:
                self._conn.interrupt()
            except sqlite3.ProgrammingError:  # closed meanwhile
                pass
            self._thread.join()


def rows_at_once(conn: sqlite3.Connection, sql: str, width: int) -> list[list]:
    """The rows of ``sql`` (``width`` columns) as lists, handed to Python in
    one piece (a JSON array SQLite builds), not row by row: a thread
    fetching rows takes and gives back Python's lock at every row, and two
    doing so side by side wait on each other at every turn."""
    from .db import on_server

    if on_server(conn):  # a server's rows arrive in one piece anyway
        return [list(row) for row in conn.execute(sql).fetchall()]
    names = ", ".join(f"c{i}" for i in range(width))
    (text,) = conn.execute(f"WITH t({names}) AS ({sql}) "
                           f"SELECT json_group_array(json_array({names})) FROM t").fetchone()
    return json.loads(text)
