"""A company copied to a PostgreSQL server is the same desk there: the same
findings, the same filing workbook byte for byte, its own anchors."""

import dataclasses
import hashlib
from datetime import datetime
from pathlib import Path

from magdesk import usecases


def test_db_target_keeps_a_url_and_makes_a_path():
    url = "postgresql://clerk@db.example:5433/company"
    assert usecases.db_target(url) == url
    assert usecases.db_target("data/company.sqlite") == Path("data/company.sqlite")


def _with_faults(path: Path) -> None:
    """Records the rules find fault with, saved through the use cases (a
    save keeps what the clerk typed; validation says what is wrong)."""
    with usecases.open_file(path) as db:
        repo = usecases.repository(db)
        sale = next(iter(repo.iter("sale", where="is_export = 0")))
        bad = dataclasses.replace(sale, id=None, doc_no=sale.doc_no + "X", invoice_no="123",
                                  qty_g=1)
        assert usecases.save(db, bad).ok


def _findings(target) -> list[dict]:
    with usecases.open_file(target) as db:
        return [f.as_dict("en") for f in usecases.validate_database(db)]


def test_a_company_on_a_server_validates_and_exports_as_its_file(pg_demo_copy, pg_url,
                                                                   tmp_path):
    _with_faults(pg_demo_copy)
    usecases.copy_database(pg_demo_copy, pg_url)
    found = _findings(pg_demo_copy)
    assert found == _findings(pg_url)
    assert {f["code"] for f in found} >= {"invoice.format"}, found
    at = datetime.fromisoformat("2026-11-05T09:00:00+08:00")
    written = {}
    for name, target in (("file", pg_demo_copy), ("server", pg_url)):
        with usecases.open_file(target) as db:
            result = usecases.export_filing(db, "2026-09", tmp_path / name, at=at, draft=True)
        written[name] = hashlib.sha256(result.path.read_bytes()).hexdigest()
        assert written[name] == result.sha256
    assert written["file"] == written["server"]
    for target in (pg_demo_copy, pg_url):  # each went on on its own trail: both intact
        with usecases.open_file(target) as db:
            check = usecases.verify_audit(db)
        assert check.ok, check.as_dict()


def test_a_restore_point_asked_for_on_a_server_is_one_of_its_own(pg_demo, pg_url):
    usecases.copy_database(pg_demo, pg_url)
    with usecases.open_file(pg_url) as db:
        point = usecases.take_snapshot(db, "before month end", kind="manual")
        assert usecases.take_snapshot(db, "before export", kind="before") is None  # not there
        listed = usecases.list_snapshots(db)
    assert [p.name for p in listed] == [point.name] == \
        [p.name for p in usecases.list_snapshots(pg_url)]
    assert point.note == "before month end" and point.path.stat().st_size == point.size > 0
    assert usecases.foreign_snapshots(pg_url) == []


def test_a_company_as_this_magdesk_made_it_needs_no_upgrade(pg_demo, pg_url):
    from magdesk.storage.schema_latest import VERSION

    usecases.copy_database(pg_demo, pg_url)
    assert usecases.upgrade_server(pg_url) == (VERSION, VERSION)
    with usecases.open_file(pg_url) as db:
        assert usecases.check_database(db).ok


def test_what_is_done_on_a_file_only_is_refused_on_a_server_saying_what_instead(tmp_path):
    import pytest

    from magdesk.storage.db import StorageError

    url = "postgresql://clerk@db.example:5433/company"
    for call in (lambda: usecases.repair_schema(url),
                 lambda: usecases.restore_file(url, tmp_path / "point.sqlite")):
        with pytest.raises(StorageError) as refused:
            call()
        assert refused.value.args[0].code == "pg.file_only"
        assert "magdesk-cli" in refused.value.message("zh")
