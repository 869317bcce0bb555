"""Other clerks' changes, said by the server: LISTEN/NOTIFY.

Every change magdesk (or any program) makes to an audited table writes
``audit_log`` entries, sealed into the chain whose head moves once per
transaction as it commits (``rules``); a trigger on that move sends one
notification on the channel ``magdesk``, delivered by PostgreSQL only when
the transaction commits, with JSON ``{"seq": the new head, "tables": the
tables of the entries since the old one, "clerk": ..., "pid": ...}``.  A
rolled-back save says nothing; a thousand-row import is one notification.

``Listener`` is the other end: a connection of its own (a connection that
waits cannot run the window's queries) that has said ``LISTEN magdesk``,
and ``wait(timeout)`` gives the notifications that arrived.  ``pid`` is the
backend of the connection that wrote: a window leaves out its own writes
(they are redrawn by the save itself).
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass

from .connection import connect

CHANNEL = "magdesk"
TRIGGER = "audit_notify"
_FUNCTION = "magdesk_notify"

_BODY = f"""
CREATE OR REPLACE FUNCTION {_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    PERFORM pg_notify('{CHANNEL}', json_build_object(
        'seq', NEW.seq,
        'tables', (SELECT json_agg(DISTINCT entity) FROM audit_log
                   WHERE seq > OLD.seq AND seq <= NEW.seq),
        'clerk', coalesce(current_setting('magdesk.clerk', true), ''),
        'pid', pg_backend_pid())::text);
    RETURN NULL;
END $fn$"""
# On the chain's head: it moves once per transaction, at its commit (rules'
# audit_head_moves), past every entry the transaction wrote.
_TRIGGER = (f"CREATE TRIGGER {TRIGGER} AFTER UPDATE ON audit_head "
            f"FOR EACH ROW WHEN (NEW.seq > OLD.seq) EXECUTE FUNCTION {_FUNCTION}()")


def statements() -> tuple[str, ...]:
    """The function and trigger ``install`` creates."""
    return _BODY, f"DROP TRIGGER IF EXISTS {TRIGGER} ON audit_head", _TRIGGER


def install(pg) -> None:
    """Create the notifying trigger on the server database of ``pg`` (with
    the rules, in the caller's transaction)."""
    for statement in statements():
        pg.execute(statement)


@dataclass(frozen=True)
class Notice:
    """One committed statement of some session: the tables it wrote (as
    ``audit_log`` names them: ``sale_out``, ``period``…), by whom, from
    which server backend."""

    seq: int
    tables: frozenset[str]
    clerk: str
    pid: int


def parse(payload: str, pid: int) -> Notice | None:
    """The notice in a notification's payload; None for one not magdesk's."""
    try:
        data = json.loads(payload)
        return Notice(int(data.get("seq") or 0), frozenset(data.get("tables") or ()),
                      str(data.get("clerk") or ""), int(data.get("pid") or pid))
    except (ValueError, TypeError, AttributeError):
        return None


class Listener:
    """A connection of its own listening on ``magdesk`` (see the module)."""

    def __init__(self, url: str):
        self._pg = connect(url)
        self._pg.autocommit = True
        self._pg.execute(f"LISTEN {CHANNEL}")

    def wait(self, timeout: float) -> list[Notice]:
        """The notices that arrive within ``timeout`` seconds (returns at
        the first, with any that came with it); a lost connection raises
        the driver's ``OperationalError`` (the caller makes a new one)."""
        found: list[Notice] = []
        for note in self._pg.notifies(timeout=timeout, stop_after=1):
            notice = parse(note.payload, note.pid)
            if notice is not None:
                found.append(notice)
        for note in self._pg.notifies(timeout=0):  # any queued with it
            notice = parse(note.payload, note.pid)
            if notice is not None:
                found.append(notice)
        return found

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._pg.close()


def backend_pid(conn) -> int:
    """The server backend's process id of a ``ServerConnection`` (0 when it
    is closed): the ``pid`` of the notices of its own writes."""
    return conn.backend_pid


def revive(db) -> None:
    """A new server connection for ``db`` (a ``ServerDatabase``) in place of
    a broken one, inside the same ``ServerConnection`` object, so that every
    holder of it (the window's repository, an open form's completers) goes
    on with the new one.  Raises ``ServerError`` when the server cannot be
    reached yet (the old, broken one stays)."""
    db.conn.reconnect()
    db._mark = db._state()


def lost_error(db):
    """The ``ServerLostError`` saying that the connection of ``db`` is lost."""
    from ..reasons import Reason
    from .connection import where
    from .server import ServerLostError

    return ServerLostError(Reason("pg.lost", where=where(db.url), error="connection closed"))


def is_broken(db) -> bool:
    """Whether the connection of ``db`` is known to be lost (its last use
    failed so: the driver marks it closed)."""
    return bool(getattr(db.conn, "closed", False))
