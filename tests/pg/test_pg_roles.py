"""magdesk's roles on the real test server: a clerk enters sales but can
neither file a month nor touch the audit trail; a filer files; a server
user in no group of the company cannot even connect; writes by every role
leave one chain that magdesk's verifier passes; two companies on one server
keep their users apart; a restore keeps the grants."""

from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from magdesk import usecases
from magdesk.storage import audit, totals
from magdesk.storage.db import open_database
from magdesk.storage.postgres import points, roles
from magdesk.storage.postgres.connection import ServerError

_SALE = ("INSERT INTO sale_out (doc_no, date, customer_id, product_id, batch_id, qty_g) "
         "SELECT %s, date, customer_id, product_id, batch_id, 3 FROM sale_out "
         "ORDER BY id LIMIT 1")
_FILE = ("INSERT INTO period (period, state, revision, filed_on, receipt_no) "
         "VALUES (%s, 'FILED', 1, '2026-02-05', 'R-1')")


def _as(url: str, user: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=f"{user}@{parts.hostname}:{parts.port}"))


def _session(url: str, user: str):
    """A connection of ``user`` that says, as magdesk does, who writes."""
    pg = psycopg.connect(_as(url, user))
    pg.execute("SELECT set_config('magdesk.app', '1', false), "
               "set_config('magdesk.clerk', %s, false)", (user,))
    return pg


def _refused(pg, sql: str, params=()) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        pg.execute(sql, params)
    pg.rollback()


def _forget(server: str, url: str, users: tuple[str, ...] = ()) -> None:
    """The database dropped, then its groups and ``users`` (the server's
    roles outlive a database: the next test starts without them)."""
    database = url.rsplit("/", 1)[1]
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        for name in (*(roles.group(database, r) for r in roles.ROLES), *users):
            admin.execute(f"DROP ROLE IF EXISTS {name}")


@pytest.fixture
def company(pg_demo, pg_url, pg_server):
    usecases.copy_database(pg_demo, pg_url)
    for name, role in (("ann", "clerk"), ("fay", "filer"), ("ada", "admin")):
        roles.add_user(pg_url, name, role, f"{name}-secret")
    yield pg_url
    _forget(pg_server, pg_url, ("ann", "fay", "ada", "bo", "lone"))


def test_a_clerk_enters_but_neither_files_nor_touches_the_trail(company):
    with _session(company, "ann") as pg:
        pg.execute(_SALE, ("ANN-1",))
        pg.execute("UPDATE sale_out SET qty_g = qty_g + 1 WHERE doc_no = 'ANN-1'")
        pg.commit()
        assert totals.mismatches(pg) == []  # her sale in the totals, by the triggers' owner
        _refused(pg, _FILE, ("2026-01",))
        _refused(pg, "UPDATE period SET state = 'FILED'")
        _refused(pg, "DELETE FROM filing_export")
        for sql in ("UPDATE audit_log SET clerk = 'x' WHERE seq = 1",
                    "DELETE FROM audit_log WHERE seq = 1", "DELETE FROM audit_seal",
                    "UPDATE audit_head SET seq = 1",
                    "INSERT INTO audit_log (seq, at, app, clerk, os_user, action, entity, "
                    "record) VALUES (999999, 'x', 1, 'x', 'x', 'DELETE', 'sale_out', '1')",
                    "SELECT magdesk_audit_append('DELETE', 'sale_out', '1', NULL, NULL, '{}')",
                    "SELECT magdesk_audit_seal(1)",
                    "UPDATE movement_month SET qty_g = 0"):  # kept by the triggers alone
            _refused(pg, sql)
        mine = pg.execute("SELECT l.action, l.app, s.seal FROM audit_log l JOIN audit_seal s "
                          "USING (seq) WHERE l.clerk = 'ann' ORDER BY seq").fetchall()
    assert mine == [("INSERT", 1, "tx"), ("UPDATE", 1, "tx")]


def test_a_filer_files_and_an_admin_too_and_the_chain_holds(company, tmp_path):
    with _session(company, "fay") as pg:
        pg.execute(_SALE, ("FAY-1",))
        pg.execute(_FILE, ("2026-01",))
        pg.commit()
        _refused(pg, "DELETE FROM audit_log")
        _refused(pg, "UPDATE magdesk_meta SET value = 'x'")
    with _session(company, "ada") as pg:
        pg.execute("UPDATE period SET revision = 2 WHERE period = '2026-01'")
        pg.execute(_SALE, ("ADA-1",))
        pg.commit()
        _refused(pg, "UPDATE audit_log SET clerk = 'x'")
    with _session(company, "ann") as pg:
        pg.execute(_SALE, ("ANN-2",))
        pg.commit()
    with psycopg.connect(company) as pg:
        chain = audit.verify(pg)
        clerks = [r[0] for r in pg.execute(
            "SELECT clerk FROM audit_log WHERE app = 1 ORDER BY seq DESC LIMIT 5")]
        logins = [r[0] for r in pg.execute(
            "SELECT os_user FROM audit_log WHERE app = 1 ORDER BY seq DESC LIMIT 5")]
    assert chain.ok and chain.sealed == chain.entries
    assert clerks == ["ann", "ada", "ada", "fay", "fay"]
    assert logins == ["ann", "ada", "ada", "fay", "fay"]  # os_user: the server's own login
    back = tmp_path / "back.sqlite"
    usecases.copy_database(company, back)  # verified again, by magdesk, in the file
    with open_database(back) as db:
        assert usecases.verify_audit(db).ok


def test_a_name_typed_by_another_login_still_shows_whose_login_wrote(company):
    """The clerk's name is what her session says; the login is the server's."""
    with _session(company, "ann") as pg:
        pg.execute("SELECT set_config('magdesk.clerk', '王芳', false), "
                   "set_config('magdesk.os_user', 'fang', false)")
        pg.execute(_SALE, ("ANN-AS-FANG",))
        pg.commit()
        (who,) = pg.execute("SELECT clerk, os_user FROM audit_log WHERE app = 1 "
                            "ORDER BY seq DESC LIMIT 1").fetchall()
    assert who == ("王芳", "ann")


def test_a_user_in_no_group_is_refused_everything(company, pg_server):
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute("CREATE ROLE lone LOGIN")
    try:
        with pytest.raises(psycopg.OperationalError, match="CONNECT privilege"):
            psycopg.connect(_as(company, "lone"))
        usecases.add_server_user(company, "lone", "clerk", "x")  # a server user, given a role
        with _session(company, "lone") as pg:
            pg.execute(_SALE, ("LONE-1",))
        assert usecases.drop_server_user(company, "lone") is True  # in no group: gone
        with pytest.raises(psycopg.OperationalError, match='role "lone" does not exist'):
            psycopg.connect(_as(company, "lone"))
    finally:
        with psycopg.connect(pg_server, autocommit=True) as admin:
            admin.execute("DROP ROLE IF EXISTS lone")


def test_users_are_listed_moved_and_dropped(company):
    assert roles.list_users(company) == [roles.ServerUser("ada", "admin"),
                                         roles.ServerUser("ann", "clerk"),
                                         roles.ServerUser("fay", "filer")]
    roles.set_role(company, "ann", "filer")
    with _session(company, "ann") as pg:
        pg.execute(_FILE, ("2026-02",))
    assert roles.ServerUser("ann", "filer") in roles.list_users(company)
    assert roles.drop_user(company, "ann") is True
    assert [u.name for u in roles.list_users(company)] == ["ada", "fay"]
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(_as(company, "ann"))
    for call, code in ((lambda: roles.set_role(company, "ann", "clerk"), "pg.no_user"),
                       (lambda: roles.add_user(company, "Bob; DROP", "clerk", "x"),
                        "pg.bad_user_name"),
                       (lambda: roles.add_user(company, "bob", "boss", "x"), "pg.bad_role"),
                       (lambda: roles.drop_user(company, "nobody"), "pg.no_user")):
        with pytest.raises(ServerError) as refused:
            call()
        assert refused.value.args[0].code == code


def test_the_password_is_stored_hashed(company, pg_server):
    with psycopg.connect(pg_server) as pg:
        stored = pg.execute("SELECT rolpassword FROM pg_authid WHERE rolname = 'ann'"
                            ).fetchone()[0]
    assert stored.startswith("SCRAM-SHA-256$") and "ann-secret" not in stored


def test_two_companies_on_one_server_keep_their_users_apart(company, pg_demo, pg_server):
    other = urlunsplit(urlsplit(company)._replace(path=urlsplit(company).path + "_b"))
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {other.rsplit('/', 1)[1]}")
    try:
        usecases.copy_database(pg_demo, other)
        roles.add_user(other, "bo", "clerk", "bo-secret")
        roles.add_user(other, "fay", "clerk", "ignored")  # works for both companies
        assert [u.name for u in roles.list_users(other)] == ["bo", "fay"]
        assert roles.ServerUser("fay", "filer") in roles.list_users(company)
        with pytest.raises(psycopg.OperationalError, match="CONNECT privilege"):
            psycopg.connect(_as(company, "bo"))
        with _session(other, "fay") as pg:
            _refused(pg, _FILE, ("2026-01",))  # a clerk there
        assert roles.drop_user(other, "fay") is False  # still fay of the first company
        with _session(company, "fay") as pg:
            pg.execute(_FILE, ("2026-01",))
        roles.drop_user(other, "bo")
    finally:
        _forget(pg_server, other)


def test_a_restore_keeps_the_grants_and_the_trail_closed(company, tmp_path):
    point = points.take(company, "manual", root=tmp_path)
    with _session(company, "ann") as pg:
        pg.execute(_SALE, ("ANN-9",))
    points.restore(company, point, root=tmp_path)
    with _session(company, "ann") as pg:
        assert pg.execute("SELECT count(*) FROM sale_out WHERE doc_no = 'ANN-9'"
                          ).fetchone()[0] == 0
        pg.execute(_SALE, ("ANN-10",))
        pg.commit()
        _refused(pg, "DELETE FROM audit_log")
        _refused(pg, "SELECT magdesk_audit_seal(1)")
        _refused(pg, _FILE, ("2026-03",))
        assert audit.verify(pg).ok
