"""A company's objects on a server against what magdesk makes there (the
server's ``check``): its tables, indexes, rules' triggers and functions, by
name, read from the server's catalogue.  What a server holds that magdesk
did not make there (a trigger someone planted, a table of another program)
is ``foreign``; what it lacks, ``missing``: the same ``SchemaDiff`` a file's
check gives, so ``magdesk-cli check`` says both alike."""

from __future__ import annotations

import re
from functools import cache

from ..schema import SchemaDiff, SchemaObject
from . import rules
from .schema import BLOBS, META, VERSION, indexes, owned_tables

CREATE = re.compile(r"CREATE (?:OR REPLACE )?(?:UNIQUE |CONSTRAINT )?(TRIGGER|INDEX|FUNCTION) (\w+)"
                     r"(?:.*? ON (\w+))?", re.IGNORECASE | re.DOTALL)

_PRESENT = """
SELECT 'table', c.relname, c.relname FROM pg_class AS c
 WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
UNION ALL
SELECT 'index', i.relname, t.relname FROM pg_index AS x
  JOIN pg_class AS i ON i.oid = x.indexrelid JOIN pg_class AS t ON t.oid = x.indrelid
 WHERE i.relnamespace = current_schema()::regnamespace
   AND NOT EXISTS (SELECT 1 FROM pg_constraint AS k WHERE k.conindid = x.indexrelid)
UNION ALL
SELECT 'trigger', g.tgname, t.relname FROM pg_trigger AS g JOIN pg_class AS t ON t.oid = g.tgrelid
 WHERE t.relnamespace = current_schema()::regnamespace AND NOT g.tgisinternal
UNION ALL
SELECT 'function', p.proname, '' FROM pg_proc AS p
 WHERE p.pronamespace = current_schema()::regnamespace
"""


@cache
def expected() -> dict[tuple[str, str], SchemaObject]:
    """What magdesk makes on a server, by (kind, name)."""
    found = {("table", t): SchemaObject("table", t, t, "") for t in owned_tables()}
    for statement in (*indexes(), *rules.statements(), *extra_statements()):
        match = CREATE.match(statement.strip())
        if match:
            kind, name, table = match.group(1).lower(), match.group(2), match.group(3) or ""
            found[(kind, name.lower())] = SchemaObject(kind, name, table if kind != "function"
                                                       else "", "")
    return found


def extra_statements() -> tuple[str, ...]:
    """Objects other parts of the back end add with the rules: the trigger
    that says each committed change (``notify``)."""
    from . import notify

    return notify.statements()


def compare(conn) -> SchemaDiff:
    """The server's objects (of the connection's schema) against ``expected``."""
    have = {(kind, name.lower()): SchemaObject(kind, name, table, "")
            for kind, name, table in conn.execute(_PRESENT).fetchall()}
    want = expected()
    foreign = tuple(o for k, o in sorted(have.items()) if k not in want)
    missing = tuple(o for k, o in sorted(want.items()) if k not in have)
    return SchemaDiff(version(conn), foreign, missing, ())


def version(conn) -> int:
    row = conn.execute(f"SELECT value FROM {META} WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


__all__ = ["BLOBS", "CREATE", "VERSION", "compare", "expected", "version"]
