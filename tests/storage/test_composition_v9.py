"""Schema v8: a product's composition element by element, its test report and
an exemption, kept on the product; a v7 file keeps its shares on migrating."""

import json
from datetime import date

from magdesk.storage import audit, migrations, schema
from magdesk.storage import db as dbmod
from magdesk.storage.db import open_database
from magdesk.storage.repository import Repository
from tests.core import world as W


def test_a_version_7_file_keeps_its_shares_and_gains_the_composition(tmp_path, monkeypatch):
    path = tmp_path / "v7.sqlite"
    monkeypatch.setattr(dbmod, "MIGRATIONS", migrations.MIGRATIONS[:7])
    monkeypatch.setattr(dbmod, "LATEST", 7)
    with open_database(path, create=True) as db:
        Repository(db).set_company(W.COMPANY)
        with db.write() as conn:  # the v7 columns, as a v7 release wrote them
            conn.execute(
                "INSERT INTO product (id, code, name_cn, category, hs_code, grade, re_total_pct,"
                " dy_pct, tb_pct, ho_pct, sm_pct, gd_pct, test_report_no) VALUES"
                " (1, 'MG-N40SH', '烧结钕铁硼磁体 N40SH', 'SINTERED_NDFEB', '8505111000',"
                " 'N40SH', 315000, 1800, 0, 0, 0, 3300, 'TR-7')")
        assert db.schema_version == 7
    monkeypatch.setattr(dbmod, "MIGRATIONS", migrations.MIGRATIONS)
    monkeypatch.setattr(dbmod, "LATEST", migrations.LATEST)
    with open_database(path) as db:
        assert db.schema_version == migrations.LATEST >= 8 and not db.read_only
        assert schema.compare(db.conn).ok
        repo = Repository(db)
        p = repo.get("product", 1)
        assert (p.re_total_pct, p.dy_pct, p.tb_pct, p.gd_pct, p.test_report_no) == \
            (315000, 1800, 0, 3300, "TR-7")
        assert (p.nd_pct, p.pr_pct, p.report_date, p.report_lab, p.exempt_kind) == \
            (None, None, None, "", None)
        from dataclasses import replace
        repo.update(replace(p, nd_pct=230_000, pr_pct=76_700, report_date=date(2026, 2, 1),
                            report_lab="SGS", exempt_kind="ROTOR_ASSEMBLY",
                            exempt_reason="转子组件"))
        assert repo.get("product", 1).report_date == date(2026, 2, 1)
        assert audit.verify(db.conn).ok
        last = db.conn.execute(
            "SELECT new FROM audit_log WHERE entity = 'product' ORDER BY seq DESC LIMIT 1"
        ).fetchone()[0]
        # the audit trail names the new columns that changed
        assert json.loads(last) == {"nd_pct": 230000, "pr_pct": 76700,
                                    "report_date": "2026-02-01", "report_lab": "SGS",
                                    "exempt_kind": "ROTOR_ASSEMBLY", "exempt_reason": "转子组件"}


def test_the_v9_step_remakes_only_the_product_audit_triggers():
    v3 = " ".join(migrations.MIGRATIONS[2])
    v8 = " ".join(migrations.MIGRATIONS[8])  # v9, after the licences' step (v8)
    assert "nd_pct" not in v3 and "'nd_pct', NEW.nd_pct" in v8
    assert "audit_product_update" in v8 and "audit_sale_out_update" not in v8
