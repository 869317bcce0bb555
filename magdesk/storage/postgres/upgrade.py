"""Bringing a company on a server up to this magdesk's schema
(``magdesk-cli db upgrade URL``, by the account that owns its tables).

A file migrates itself on opening (``storage/migrations.py``); a server's
company is shared, so it is upgraded once, on purpose, and until then a
newer magdesk opens it not at all (``pg.version`` says what to run).  An
upgrade is one transaction under the audit chain's lock (no clerk writes
meanwhile, and a failure leaves the company as it was):

- what this magdesk makes on a server and the company lacks is made: its
  tables (with their foreign keys), indexes and triggers, found by name as
  ``check`` finds them (``catalog.py``);
- the rules' functions are made again, so a changed body arrives too;
- each version's own step fills what a new table derives from the rows
  (``STEPS``);
- the groups' grants are made again when the company has its groups, so a
  new table is granted as the others are;
- the schema version is set.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import totals
from ..reasons import Reason
from . import catalog, notify, rules
from .connection import ServerError, connect, server_errors, where
from .schema import META, VERSION, indexes, tables

# version -> what that version's upgrade does to the rows (after its objects exist)
STEPS: dict[int, Callable] = {
    12: totals.rebuild,  # the monthly movement totals, worked out from the rows
}


def upgrade(url: str) -> tuple[int, int]:
    """Upgrade the company at ``url``: (the version it had, the one it has
    now).  A company newer than this magdesk is refused (``pg.version``)."""
    with connect(url) as pg, server_errors(url):
        pg.execute("SELECT pg_advisory_xact_lock(%s)", (rules.CHAIN_LOCK,))
        before = catalog.version(pg)
        if before == 0:
            raise ServerError(Reason("pg.not_magdesk", where=where(url)))
        if before > VERSION:
            raise ServerError(Reason("pg.version_newer", where=where(url), version=before,
                                     latest=VERSION))
        if before == VERSION and not catalog.compare(pg).missing:
            return before, before
        _make_missing(pg)
        for version in range(before + 1, VERSION + 1):
            if version in STEPS:
                STEPS[version](pg)
        _regrant(pg)
        pg.execute(f"UPDATE {META} SET value = %s WHERE key = 'schema_version'", (str(VERSION),))
    return before, VERSION


def _make_missing(pg) -> None:
    """The tables, indexes and triggers the company lacks; every function
    of the rules again (CREATE OR REPLACE)."""
    missing = {(o.type, o.name.lower()) for o in catalog.compare(pg).missing}
    new_tables = {t.name for t in tables() if ("table", t.name) in missing}
    for table in tables():
        if table.name in new_tables:
            pg.execute(table.pg_sql)
    for statement in indexes():
        if _names(statement) in missing:
            pg.execute(statement)
    for table in tables():
        if table.name in new_tables:
            for statement in table.foreign_keys:
                pg.execute(statement)
    for statement in (*rules.statements(), *notify.statements()):
        kind_name = _names(statement)
        if kind_name[0] == "function" or kind_name in missing:
            pg.execute(statement)


def _names(statement: str) -> tuple[str, str]:
    match = catalog.CREATE.match(statement.strip())
    return (match.group(1).lower(), match.group(2).lower()) if match else ("", "")


def _regrant(pg) -> None:
    from . import roles

    if roles.installed(pg):
        roles.install(pg)


__all__ = ["STEPS", "upgrade"]
