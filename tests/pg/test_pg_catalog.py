"""``check`` of a company on a server: what magdesk made there, by name; a
trigger planted on the server, or a rule gone, makes it read-only, saying
which (as planted objects do in a file)."""

import dataclasses

import psycopg

from magdesk import usecases


def test_a_server_as_magdesk_made_it_checks_clean_and_opens_for_writing(pg_demo, pg_url):
    usecases.copy_database(pg_demo, pg_url)
    with usecases.open_file(pg_url) as db:
        report = usecases.check_database(db)
        assert report.ok and not db.read_only
        assert report.counts["sale_out"] == 3000 and report.schema_version == report.latest_schema


def test_a_planted_trigger_or_a_missing_rule_makes_it_read_only_naming_them(pg_demo, pg_url):
    usecases.copy_database(pg_demo, pg_url)
    with psycopg.connect(pg_url, autocommit=True) as pg:
        pg.execute("CREATE FUNCTION skim() RETURNS trigger LANGUAGE plpgsql AS "
                   "$$BEGIN NEW.qty_g := NEW.qty_g - 1; RETURN NEW; END$$")
        pg.execute("CREATE TRIGGER skim_sales BEFORE INSERT ON sale_out "
                   "FOR EACH ROW EXECUTE FUNCTION skim()")
        pg.execute("DROP TRIGGER sale_out_locked ON sale_out")
    with usecases.open_file(pg_url) as db:
        report = usecases.check_database(db)
        said = report.schema.describe("en")
        assert "skim_sales" in said and "skim" in said and "sale_out_locked" in said
        assert db.read_only and "skim_sales" in db.read_only_reason.message("zh")
        sale = next(iter(usecases.repository(db).iter("sale")))
        refused = usecases.save(db, dataclasses.replace(sale, id=None, doc_no="X-1"))
        assert not refused.ok and "skim_sales" in refused.why("en")
