"""``magdesk-cli db upgrade URL``: a company on a server made by an older
magdesk (some objects missing, an older function body, an older version)
is refused by a newer one, saying what to run; the upgrade makes what it
lacks in one transaction, grants it again, and opens; a second upgrade has
nothing to do; a company newer than this magdesk is refused untouched."""

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from magdesk import usecases
from magdesk.cli import main
from magdesk.storage.postgres import roles
from magdesk.storage.postgres.connection import ServerError
from magdesk.storage.postgres.schema import VERSION

_OLD_INSERT = """
CREATE OR REPLACE FUNCTION magdesk_audit_insert(
    p_seq bigint, p_app bigint, p_action text, p_entity text, p_record text, p_key text,
    p_old text, p_new text)
RETURNS void LANGUAGE sql AS $fn$
    INSERT INTO audit_log (seq, at, app, clerk, os_user, action, entity, record, record_key,
                           old, new)
    VALUES (p_seq, to_char(clock_timestamp() AT TIME ZONE 'UTC',
            'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), p_app,
            coalesce(current_setting('magdesk.clerk', true), ''), 'old-body',
            p_action, p_entity, p_record, p_key, p_old, p_new)
$fn$"""


def _made_older(url: str) -> None:
    """What an older magdesk left: an index, a lock trigger and the change
    notice missing, the chain's insert of an older body, an older version."""
    with psycopg.connect(url) as pg:
        pg.execute("DROP INDEX sale_out_date")
        pg.execute("DROP TRIGGER sale_out_locked ON sale_out")
        pg.execute("DROP TRIGGER audit_notify ON audit_head")
        pg.execute(_OLD_INSERT)
        pg.execute("UPDATE magdesk_meta SET value = %s WHERE key = 'schema_version'",
                   (str(VERSION - 1),))


def _sale_by(url: str, user: str, doc_no: str) -> tuple[str, str]:
    parts = conninfo_to_dict(url) | {"user": user}
    with psycopg.connect(**parts) as pg:
        pg.execute("SELECT set_config('magdesk.app', '1', false), "
                   "set_config('magdesk.clerk', '王芳', false)")
        pg.execute("INSERT INTO sale_out (doc_no, date, customer_id, product_id, batch_id, qty_g) "
                   "SELECT %s, date, customer_id, product_id, batch_id, 3 FROM sale_out "
                   "ORDER BY id DESC LIMIT 1", (doc_no,))
        pg.commit()
        return pg.execute("SELECT clerk, os_user FROM audit_log ORDER BY seq DESC LIMIT 1"
                          ).fetchone()


def test_an_older_company_is_refused_until_its_administrator_upgrades_it(pg_demo, pg_url,
                                                                         pg_server, capsys):
    usecases.copy_database(pg_demo, pg_url)
    roles.add_user(pg_url, "upg_ann", "clerk", "secret-1")
    try:
        _made_older(pg_url)
        with pytest.raises(ServerError) as refused:
            usecases.open_file(pg_url)
        assert "magdesk-cli db upgrade" in refused.value.message("en")
        assert f"{VERSION - 1}" in refused.value.message("zh")

        assert main(["db", "upgrade", pg_url]) == 0
        assert f"from schema version {VERSION - 1} to {VERSION}" in capsys.readouterr().out
        with usecases.open_file(pg_url) as db:
            report = usecases.check_database(db)
            assert report.ok and not db.read_only, report
            assert report.schema_version == VERSION
        # the function's new body, and the clerk's grants, as before the upgrade
        assert _sale_by(pg_url, "upg_ann", "UPG-1") == ("王芳", "upg_ann")
        with psycopg.connect(pg_url) as pg:
            with pytest.raises(psycopg.errors.RaiseException, match="period.locked"):
                filed = pg.execute("SELECT min(substr(date, 1, 7)) FROM sale_out").fetchone()[0]
                pg.execute("INSERT INTO period (period, state, revision, filed_on, receipt_no) "
                           "VALUES (%s, 'FILED', 1, '2026-02-05', 'R-1')", (filed,))
                pg.execute("UPDATE sale_out SET qty_g = qty_g + 1 WHERE date LIKE %s",
                           (f"{filed}%",))
        assert main(["db", "upgrade", pg_url]) == 0
        assert "nothing to do" in capsys.readouterr().out
    finally:
        with psycopg.connect(pg_server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {conninfo_to_dict(pg_url)['dbname']} "
                          "WITH (FORCE)")
            admin.execute("DROP ROLE IF EXISTS upg_ann")
            for role in roles.ROLES:
                admin.execute(f"DROP ROLE IF EXISTS "
                              f"{roles.group(conninfo_to_dict(pg_url)['dbname'], role)}")


def test_a_company_newer_than_this_magdesk_is_refused_untouched(pg_demo, pg_url, capsys):
    usecases.copy_database(pg_demo, pg_url)
    with psycopg.connect(pg_url) as pg:
        pg.execute("UPDATE magdesk_meta SET value = %s WHERE key = 'schema_version'",
                   (str(VERSION + 1),))
    assert main(["--lang", "en", "db", "upgrade", pg_url]) == 1
    assert "newer than this magdesk" in capsys.readouterr().err
    with pytest.raises(ServerError, match="newer"):
        usecases.open_file(pg_url)
    with psycopg.connect(pg_url) as pg:
        assert pg.execute("SELECT value FROM magdesk_meta WHERE key = 'schema_version'"
                          ).fetchone()[0] == str(VERSION + 1)
