"""A company on a PostgreSQL server, as the window reaches it: its address
without the password (the title bar, the recent list), the password kept in
the operating system's keyring (never in the settings), other clerks'
changes as ``Changes``, and a lost connection made again on the next
action.

The keyring (``keyring``: Windows' Credential Manager, macOS' Keychain,
the Secret Service on Linux) is loaded only here and only when a server is
named; without one (a bare Linux desktop) a password is simply not
remembered and the clerk is asked each time."""

from __future__ import annotations

import contextlib
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from ..storage.db import StorageUnavailableError as Unavailable  # noqa: F401 - the window catches it
from .changes import Changes

SERVICE = "magdesk"  # the keyring's service name; the user name is the address
DEFAULT_PORT = 5432

# What another clerk's write of a table means to the window: the entities
# its views list (the table's own, or the record it belongs to), and flags.
_ALSO = {"batch_input": "batch", "licence_consignee": "licence", "attachment": "attachment"}
_FLAGS = {"company": "company", "period": "periods", "filing_template": "templates",
          "file_setting": "templates", "screening_entry": "screening"}


def on_server(db) -> bool:
    """Whether ``db`` is a company on a server (no file: no restore points,
    backups or repair of a file there)."""
    return bool(getattr(db, "is_server", False))


def server_where(url: str) -> str:
    """``user@host:port/database`` of ``url``: never the password."""
    from ..storage.postgres.connection import where

    return where(url)


def server_url(host: str, port: int, database: str, user: str, password: str = "") -> str:
    """The ``postgresql://`` URL of the fields of the Connect dialog (the
    password in it only when given: it is for connecting, never kept)."""
    host = host.strip() or "localhost"
    if ":" in host and not host.startswith("["):  # an IPv6 address
        host = f"[{host}]"
    who = quote(user.strip(), safe="")
    if password:
        who += ":" + quote(password, safe="")
    return f"postgresql://{who}{'@' if who else ''}{host}:{int(port)}/" \
           f"{quote(database.strip(), safe='')}"


def server_fields(url: str) -> dict:
    """The Connect dialog's fields of ``url``: host, port, database, user
    (and its password, if it holds one)."""
    parts = urlsplit(url)
    return {"host": parts.hostname or "localhost", "port": parts.port or DEFAULT_PORT,
            "database": unquote(parts.path.lstrip("/")), "user": unquote(parts.username or ""),
            "password": unquote(parts.password or "")}


def without_password(url: str) -> str:
    """``url`` with no password in it: what the recent list keeps."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.netloc.rsplit("@", 1)[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}@{netloc}" if user else netloc))


def _keyring():
    try:
        import keyring
    except ImportError:
        return None
    return keyring


def saved_password(url: str) -> str | None:
    """The password the keyring keeps for the server of ``url``, if any."""
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        return keyring.get_password(SERVICE, server_where(url))
    except Exception:  # noqa: BLE001 - no usable keyring: nothing remembered
        return None


def remember_password(url: str, password: str) -> bool:
    """Keep ``password`` for the server of ``url`` in the keyring; False
    when this computer has no keyring to keep it in."""
    keyring = _keyring()
    if keyring is None:
        return False
    try:
        keyring.set_password(SERVICE, server_where(url), password)
    except Exception:  # noqa: BLE001 - no usable keyring: the clerk is asked next time
        return False
    return True


def forget_password(url: str) -> None:
    """No password kept for the server of ``url`` any more."""
    keyring = _keyring()
    if keyring is not None:
        with contextlib.suppress(Exception):
            keyring.delete_password(SERVICE, server_where(url))


def opens_without_password(url: str) -> bool:
    """Whether the server at ``url`` lets the clerk in without a password
    given here (it trusts her account, or libpq keeps one: ``PGPASSWORD``,
    ``~/.pgpass``): then none is asked for.  A server that asks for one, or
    cannot be reached (its address may be wrong), is not."""
    from ..storage.postgres.connection import ServerError, connect

    try:
        connect(url).close()
    except ServerError:
        return False
    return True


def with_saved_password(url: str) -> str:
    """``url`` with the keyring's password for it, when it has none of its
    own and the keyring keeps one; else ``url`` as it is."""
    if urlsplit(url).password is not None:
        return url
    password = saved_password(url)
    if not password:
        return url
    parts = urlsplit(url)
    user, _, host = parts.netloc.rpartition("@")
    netloc = f"{user}:{quote(password, safe='')}@{host}"
    return urlunsplit(parts._replace(netloc=netloc))


def reconnect_if_lost(db) -> None:
    """Before an action: a server connection known to be lost is made
    again (a ``ServerError`` saying why when the server is still away).
    What was under way when it broke is not tried again: its commit may or
    may not have reached the server, so the clerk, told, saves again."""
    if not on_server(db):
        return
    from ..storage.postgres import notify

    if notify.is_broken(db):
        notify.revive(db)


def reconnected(db):
    """Before a change: a server connection lost since the last one made
    again; the ``Changes`` saying why not when the server is still away
    (None when connected, and for a file)."""
    from ..storage.db import StorageError

    try:
        reconnect_if_lost(db)
    except StorageError as exc:
        return Changes(failure=exc)
    return None


def lost_connection(db) -> Exception | None:
    """The error saying that the server connection of ``db`` is known to be
    lost (its last use failed so), for what reads without saving (a form
    checked as it is typed): None when it is not, and for a file."""
    if not on_server(db):
        return None
    from ..storage.postgres import notify

    return notify.lost_error(db) if notify.is_broken(db) else None


def own_connection(db) -> int:
    """The server backend of the window's own connection (its notices are
    its own writes); 0 for a file."""
    if not on_server(db):
        return 0
    from ..storage.postgres import notify

    return notify.backend_pid(db.conn)


def notice_changes(tables) -> Changes:
    """What another clerk's committed writes to ``tables`` changed, for the
    window's one handler: the entities listed there, and what the findings,
    months, heading, templates or screening depend on."""
    from ..storage.repository import TABLES

    entity_of = {t.name: t.entity for t in TABLES.values()}
    entities = {_ALSO.get(t) or entity_of.get(t) for t in tables} - {None}
    flags = {_FLAGS[t] for t in tables if t in _FLAGS}
    return Changes(entities=frozenset(entities), findings=True,
                   periods="periods" in flags, company="company" in flags,
                   templates="templates" in flags, screening="screening" in flags)


class ServerWatch:
    """Other clerks' changes of the company at ``url`` (see
    ``storage/postgres/notify.py``): ``wait(timeout)`` gives ``(pid,
    Changes)`` of each committed transaction, ``pid`` the writer's server
    backend.  A lost listening connection is made again at the next call."""

    def __init__(self, url: str):
        self.url = url
        self._listener = None
        self.last_seq = 0

    def wait(self, timeout: float) -> list[tuple[int, Changes]]:
        """The changes that arrive within ``timeout`` seconds."""
        from ..storage.postgres import notify

        try:
            if self._listener is None:
                self._listener = notify.Listener(self.url)
            notices = self._listener.wait(timeout)
        except Exception:  # noqa: BLE001 - the server away: listen again at the next call
            self.close()
            import time

            time.sleep(timeout)  # not a busy loop while the server is away
            return []
        for notice in notices:
            self.last_seq = max(self.last_seq, notice.seq)
        return [(n.pid, notice_changes(n.tables)) for n in notices]

    def close(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None


def watch_server(db) -> ServerWatch | None:
    """A watch on the server ``db`` is on (None for a file)."""
    return ServerWatch(db.url) if on_server(db) else None

