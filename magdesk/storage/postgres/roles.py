"""magdesk's three roles as PostgreSQL group roles of one company's database.

- **clerk** (enters): reads everything; inserts, changes and deletes the
  business rows (sales, purchases, batches, licences, attachments, ...);
  never a period's state nor a filing (``period``, ``filing_export``,
  ``filing_snapshot``).
- **filer** (exports, files, amends): what a clerk can, plus those tables.
- **admin**: what a filer can, plus the file's identity and settings rows,
  and may grant the three roles to server users (``ADMIN OPTION``).

Nobody writes the audit trail directly (``audit_log``, ``audit_seal``,
``audit_head``): the server's own functions append and seal it
(``rules.py``); they run as their owner (``SECURITY DEFINER``, a fixed
``search_path``), their helpers may be executed by nobody else, so a client
that bypasses magdesk cannot forge or erase history.  Connecting at all is
for the three groups only (``CONNECT`` revoked from ``PUBLIC``).

The groups are per database (``magdesk_<database>_<role>``): PostgreSQL's
roles are the whole server's, and two companies on one server must not
share their clerks.  Users (login roles) are the server's too; a user is a
member of one group of a database.  Installing and managing users takes the
server account that made the database (its owner, allowed to create roles);
restoring a point takes the owner of the company's tables, as the copy made
them."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from ..reasons import Reason
from .connection import ServerError, connect, server_errors, where
from .schema import owned_tables

ROLES = ("clerk", "filer", "admin")
FILING = ("period", "filing_export", "filing_snapshot")
AUDIT = ("audit_log", "audit_seal", "audit_head", "audit_session")
DERIVED = ("movement_month",)  # kept by the server's triggers alone
ADMIN_ONLY = ("magdesk_meta", "magdesk_file", "file_setting")
# The chain's helpers: callable by the triggers' functions (their owner) only.
HELPERS = ("magdesk_audit_append(text, text, text, text, text, text)",
           "magdesk_audit_insert(bigint, bigint, text, text, text, text, text, text)",
           "magdesk_audit_seal(bigint)")
_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}\Z")


@dataclass(frozen=True)
class ServerUser:
    """A server user and its role in this company's database."""

    name: str
    role: str


def group(database: str, role: str) -> str:
    """The group role of ``role`` in ``database`` (at most 63 bytes, as
    PostgreSQL names are; a long database name keeps a hash of itself)."""
    name = f"magdesk_{database}_{role}"
    if len(name.encode()) <= 63:
        return name
    digest = hashlib.sha256(database.encode()).hexdigest()[:8]
    return f"magdesk_{database.encode()[:36].decode(errors='ignore')}_{digest}_{role}"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def statements(database: str, schema: str, definers: list[str]) -> list[str]:
    """Everything ``install`` runs, in order, as SQL text (the restore runs
    it too, inside its transaction): the groups made when missing, every
    grant of the company's tables reset and given again, the chain's
    functions run as their owner.  ``definers``: the signatures of the
    audit functions that must run as their owner."""
    groups = {r: _ident(group(database, r)) for r in ROLES}
    everyone = ", ".join(groups.values())
    out = []
    for role in ROLES:
        name = group(database, role)
        out.append(f"DO $do$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
                   f"{_literal(name)}) THEN CREATE ROLE {_ident(name)} NOLOGIN; END IF; "
                   "END $do$")
    out += [f"REVOKE ALL ON DATABASE {_ident(database)} FROM PUBLIC",
            f"GRANT CONNECT, TEMPORARY ON DATABASE {_ident(database)} TO {everyone}",
            f"GRANT USAGE ON SCHEMA {_ident(schema)} TO {everyone}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {_ident(schema)} TO {everyone}"]
    for name in owned_tables():
        table = f"{_ident(schema)}.{name}"
        out.append(f"REVOKE ALL ON {table} FROM PUBLIC, {everyone}")
        out.append(f"GRANT SELECT ON {table} TO {everyone}")
        writers = _writers(name, groups)
        if writers:
            out.append(f"GRANT INSERT, UPDATE, DELETE ON {table} TO {', '.join(writers)}")
    for helper in HELPERS:
        out.append(f"REVOKE ALL ON FUNCTION {_ident(schema)}.{helper} FROM PUBLIC")
    for function in definers:
        out.append(f"ALTER FUNCTION {function} SECURITY DEFINER "
                   f"SET search_path = {_ident(schema)}, pg_temp")
    for role in ("clerk", "filer"):
        out.append(f"GRANT {groups[role]} TO {groups['admin']} WITH ADMIN OPTION")
    return out


def _writers(table: str, groups: dict[str, str]) -> list[str]:
    if table in AUDIT or table in DERIVED:
        return []
    if table in ADMIN_ONLY:
        return [groups["admin"]]
    if table in FILING:
        return [groups["filer"], groups["admin"]]
    return list(groups.values())


def _definers(pg) -> list[str]:
    """The audit functions on the server (the chain's and each table's
    trigger function), as ``name(argument types)``."""
    return [r[0] for r in pg.execute(
        "SELECT quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' "
        "|| pg_get_function_identity_arguments(p.oid) || ')' FROM pg_proc p "
        "JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = current_schema() AND (p.proname LIKE 'magdesk\\_audit\\_%' "
        "OR p.proname LIKE 'magdesk\\_movement\\_month\\_%') "
        "ORDER BY 1")]


def install(pg) -> None:
    """Make and grant the three groups on the database of ``pg`` (inside the
    caller's transaction; running it again changes nothing)."""
    pg.execute("SELECT pg_advisory_xact_lock(hashtext('magdesk roles'))")  # two at once wait
    for statement in install_script(pg):
        pg.execute(statement)


def install_script(pg) -> list[str]:
    """The statements ``install`` runs on the database of ``pg``."""
    database, schema = pg.execute("SELECT current_database(), current_schema()").fetchone()
    if not pg.execute("SELECT to_regclass('magdesk_meta') IS NOT NULL").fetchone()[0]:
        raise ServerError(Reason("pg.not_magdesk", where=database))
    return statements(database, schema, _definers(pg))


def installed(pg) -> bool:
    """Whether the groups of the database of ``pg`` exist."""
    database = pg.execute("SELECT current_database()").fetchone()[0]
    return pg.execute("SELECT count(*) FROM pg_roles WHERE rolname = ANY(%s)",
                      ([group(database, r) for r in ROLES],)).fetchone()[0] == len(ROLES)


# --- users ----------------------------------------------------------------------------------


def install_roles(url: str) -> None:
    """Make or bring up to date the three groups of the database at ``url``."""
    with connect(url) as pg, server_errors(url):
        install(pg)


def add_user(url: str, name: str, role: str, password: str) -> ServerUser:
    """A new server user ``name`` with ``password``, in ``role``'s group of
    this database (the groups installed first); a user the server has
    already (of another company) is given the role, its password kept."""
    _check(name, role)
    with connect(url) as pg, server_errors(url):
        install(pg)
        exists = _role_of_server(pg, name)
        if exists is not None and not exists:
            raise ServerError(Reason("pg.user_is_group", name=name))
        if exists is None:
            # Hashed here (SCRAM) so that neither the server's log nor its
            # statistics ever hold the password itself.
            secret = pg.pgconn.encrypt_password(password.encode(), name.encode()).decode()
            pg.execute(f"CREATE ROLE {_ident(name)} LOGIN PASSWORD {_literal(secret)}")
        _grant_only(pg, name, role)
    return ServerUser(name, role)


def set_role(url: str, name: str, role: str) -> ServerUser:
    """Move the user ``name`` of this database to ``role``."""
    _check(name, role)
    with connect(url) as pg, server_errors(url):
        if _role_in(pg, name) is None:
            raise ServerError(Reason("pg.no_user", name=name, where=where(url)))
        _grant_only(pg, name, role)
    return ServerUser(name, role)


def list_users(url: str) -> list[ServerUser]:
    """The users of this database with their roles, by name."""
    with connect(url) as pg, server_errors(url):
        database = pg.execute("SELECT current_database()").fetchone()[0]
        by_group = {group(database, r): r for r in ROLES}
        rows = pg.execute(
            "SELECT u.rolname, g.rolname FROM pg_auth_members m "
            "JOIN pg_roles u ON u.oid = m.member JOIN pg_roles g ON g.oid = m.roleid "
            "WHERE g.rolname = ANY(%s) AND u.rolcanlogin ORDER BY u.rolname, g.rolname",
            (list(by_group),)).fetchall()
    return [ServerUser(user, by_group[g]) for user, g in rows]


def drop_user(url: str, name: str) -> bool:
    """Take the user ``name`` out of this database; the server user itself
    is dropped too when it is then in no group at all (True), else kept for
    the other companies it works for (False)."""
    _check(name, "clerk")
    with connect(url) as pg, server_errors(url):
        if _role_in(pg, name) is None:
            raise ServerError(Reason("pg.no_user", name=name, where=where(url)))
        _revoke_all(pg, name)
        others = pg.execute("SELECT count(*) FROM pg_auth_members m JOIN pg_roles u "
                            "ON u.oid = m.member WHERE u.rolname = %s", (name,)).fetchone()[0]
        if others:
            return False
        pg.execute(f"DROP ROLE {_ident(name)}")
    return True


def _check(name: str, role: str) -> None:
    if role not in ROLES:
        raise ServerError(Reason("pg.bad_role", role=role, roles=", ".join(ROLES)))
    if not _NAME.match(name) or name.startswith(("pg_", "magdesk_")):
        raise ServerError(Reason("pg.bad_user_name", name=name))


def _role_of_server(pg, name: str) -> bool | None:
    """None: no such role on the server; True: a login role; False: a group."""
    row = pg.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
    return None if row is None else bool(row[0])


def _role_in(pg, name: str) -> str | None:
    """The role of ``name`` in this database, or None."""
    database = pg.execute("SELECT current_database()").fetchone()[0]
    for role in ROLES:
        if pg.execute("SELECT EXISTS (SELECT FROM pg_auth_members m JOIN pg_roles u "
                      "ON u.oid = m.member JOIN pg_roles g ON g.oid = m.roleid "
                      "WHERE u.rolname = %s AND g.rolname = %s)",
                      (name, group(database, role))).fetchone()[0]:
            return role
    return None


def _revoke_all(pg, name: str) -> None:
    database = pg.execute("SELECT current_database()").fetchone()[0]
    for role in ROLES:
        pg.execute(f"REVOKE {_ident(group(database, role))} FROM {_ident(name)}")


def _grant_only(pg, name: str, role: str) -> None:
    database = pg.execute("SELECT current_database()").fetchone()[0]
    _revoke_all(pg, name)
    pg.execute(f"GRANT {_ident(group(database, role))} TO {_ident(name)}")
