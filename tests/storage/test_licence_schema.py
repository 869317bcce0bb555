"""Licences of both kinds in the file: a file of schema v7 gains the permitted
end uses of a licence (audited), keeps its licences; a general licence
without quantity is kept and read back as one."""

from dataclasses import replace
from datetime import date

from magdesk.core import model as M
from magdesk.storage import audit, migrations, schema
from magdesk.storage import db as dbmod
from magdesk.storage.db import open_database
from magdesk.storage.repository import Repository
from tests.core import world as W

V7 = 7


def _write_world(db):
    repo = Repository(db)
    with db.write():
        repo.insert_many("counterparty", [W.SUPPLIER, W.CUSTOMER, W.FOREIGN])
        repo.insert_many("licence", [W.LICENCE])


def test_a_version_7_file_gains_the_end_uses_of_its_licences(tmp_path, monkeypatch):
    path = tmp_path / "v7.sqlite"
    monkeypatch.setattr(dbmod, "LATEST", V7)
    with open_database(path, create=True) as db:
        assert db.schema_version == V7
        cols = [r[1] for r in db.conn.execute("PRAGMA table_info(export_licence)")]
        assert "end_uses" not in cols
        db.conn.execute("INSERT INTO counterparty (id, name_cn, cp_type, role, country) "
                        "VALUES (3, '关东电机株式会社', 'FOREIGN', 'CUSTOMER', 'JP')")
        db.conn.execute("INSERT INTO export_licence (id, licence_no, licence_type, valid_from, "
                        "valid_to, qty_g) VALUES (1, 'LX1', 'INDIVIDUAL', '2026-01-01', "
                        "'2026-12-31', 500000)")
        db.conn.execute("INSERT INTO licence_consignee VALUES (1, 3)")
        db.conn.commit()
    monkeypatch.setattr(dbmod, "LATEST", migrations.LATEST)
    with open_database(path) as db:
        assert db.schema_version == migrations.LATEST > V7
        assert schema.compare(db.conn).ok and not db.read_only
        repo = Repository(db)
        old = repo.find("licence", "LX1")
        assert (old.qty_g, old.end_uses, old.consignee_ids) == (500_000, (), (3,))
        repo.update(replace(old, end_uses=("EV_MOTOR", "WIND")))
        assert repo.find("licence", "LX1").end_uses == ("EV_MOTOR", "WIND")
        entry = next(audit.entries(db.conn, entity="export_licence"))
        assert entry.action == "UPDATE"
        assert [[c.field, c.old, c.new] for c in entry.changes] == [
            ["end_uses", "", "EV_MOTOR,WIND"]]
        assert audit.verify(db.conn).ok


def test_a_general_licence_without_quantity_is_kept_as_one(tmp_path):
    with open_database(tmp_path / "f.sqlite", create=True) as db:
        _write_world(db)
        repo = Repository(db)
        general = M.Licence(None, "TY2026000001", "GENERAL", date(2026, 1, 1),
                            date(2026, 12, 31), None, end_user="Kanto Motor\nOsaka Drives",
                            consignee_ids=(3,), end_uses=("EV_MOTOR",))
        new_id = repo.insert(general)
        assert repo.get("licence", new_id) == replace(general, id=new_id)
        assert db.conn.execute("SELECT qty_g, end_uses FROM export_licence WHERE id = ?",
                               (new_id,)).fetchone() == (0, "EV_MOTOR")
        assert repo.all_by_id("licence")[new_id].qty_g is None
        assert repo.get("licence", W.LICENCE.id) == W.LICENCE
