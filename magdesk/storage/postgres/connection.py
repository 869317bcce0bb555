"""Reaching a PostgreSQL server: the URL said without its password, psycopg
loaded only here, and a failure said as what failed and where."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

from ..db import StorageError
from ..reasons import Reason

CONNECT_TIMEOUT = 10  # seconds: a server that does not answer is said, not waited for


class ServerError(StorageError):
    """A copy refused or failed on a server; ``message(lang)`` says why and where."""


def is_url(target: object) -> bool:
    """Whether ``target`` names a server (``postgresql://`` or ``postgres://``)."""
    return isinstance(target, str) and re.match(r"postgres(ql)?://", target) is not None


def where(url: str) -> str:
    """``user@host:port/database`` of ``url``: never the password."""
    try:
        from psycopg.conninfo import conninfo_to_dict

        info = conninfo_to_dict(url)
    except Exception:  # noqa: BLE001 - an unreadable URL is said as its scheme only
        return "postgresql://?"
    user = f"{info['user']}@" if info.get("user") else ""
    port = f":{info['port']}" if info.get("port") else ""
    return f"{user}{info.get('host', 'localhost')}{port}/{info.get('dbname', '')}"


def _driver():
    try:
        import psycopg
    except ImportError:
        raise ServerError(Reason("pg.no_driver")) from None
    return psycopg


def _said(exc: Exception, url: str) -> str:
    """The server's or libpq's words, on one line, with no password in them."""
    line = " ".join(str(exc).split()) or type(exc).__name__
    with contextlib.suppress(Exception):
        from psycopg.conninfo import conninfo_to_dict

        password = conninfo_to_dict(url).get("password")
        if password:
            line = line.replace(str(password), "***")
    return line[:400]


# magdesk reads a period's rows through their indexes, from a company a
# server keeps in memory: planned as such (random_page_cost 1.1, the usual
# value for SSDs and cached data, where 4 assumes spinning disks), the lots a
# month's purchases share are read by index in 22 ms, not by hashing all
# 1.7 million purchases (218 ms).  Options the URL gives are kept instead.
_SESSION_OPTIONS = "-c random_page_cost=1.1"


def connect(url: str):
    """A psycopg connection (not autocommit) to ``url``; a ``ServerError``
    naming the server when it cannot be reached or refuses us."""
    psycopg = _driver()
    try:
        from psycopg.conninfo import conninfo_to_dict

        extra = {} if "options" in conninfo_to_dict(url) else {"options": _SESSION_OPTIONS}
        return psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT, **extra)
    except (psycopg.Error, ValueError) as exc:
        raise ServerError(Reason("pg.cannot_connect", where=where(url),
                                 error=_said(exc, url))) from None


@contextlib.contextmanager
def server_errors(url: str) -> Iterator[None]:
    """Inside: an error of the server (a constraint, a lost connection) is a
    ``ServerError`` naming the server; the transaction is rolled back by the
    connection's own context."""
    psycopg = _driver()
    try:
        yield
    except psycopg.Error as exc:
        raise ServerError(Reason("pg.failed", where=where(url), error=_said(exc, url))) from None
