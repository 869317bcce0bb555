"""The audit trail read back on both back ends: a record's history and the
log's lines say the same steps, the chain verifies after them on the
server as on the file, and ``check_database`` reports a server's health
(its row counts, its schema objects against magdesk's: ``postgres.catalog``)."""

from __future__ import annotations

from dataclasses import replace

from magdesk import usecases
from magdesk.storage.db import on_server


def _said(entries) -> list:
    """What each entry says, without when (each back end's own clock)."""
    return [(e.app, e.action, e.entity, e.record, e.record_key, e.changes) for e in entries]


def _history(db) -> dict:
    repo = usecases.repository(db)
    sale = repo.get("sale", max(s.id for s in repo.iter("sale", where="is_export = 0")))
    batch = repo.get("batch", sale.batch_id)
    edits = [usecases.save(db, replace(sale, contract_no="HT-HIST")),
             usecases.save(db, replace(batch, grade=f"{batch.grade}H")),
             usecases.save(db, replace(sale, contract_no="HT-HIST-2"))]
    usecases.undo(db, edits[-1].edit)
    return {"sale": _said(usecases.record_history(db, "sale", sale.id)),
            "batch": _said(usecases.record_history(db, "batch", batch.id)),
            "lines": [(line.app, line.what, line.field, line.old, line.new)
                      for line in usecases.history_lines(db, "sale", sale.id, "zh")],
            "log": _said(usecases.audit_log(db, limit=12)),
            "by_key": _said(usecases.audit_log(db, record=sale.doc_no)),
            "of_table": _said(usecases.audit_log(db, entity="production_batch", limit=5)),
            "check": usecases.verify_audit(db)}


def test_histories_and_the_log_say_the_same_and_the_chain_holds(both):
    on_file, on_server = (_history(db) for db in both)
    assert on_file["check"].ok and on_server["check"].ok
    assert on_file["sale"][0][1] == "UPDATE" and len(on_file["lines"]) >= 3
    for name in ("sale", "batch", "lines", "log", "by_key", "of_table"):
        assert on_server[name] == on_file[name], name
    assert on_server["check"].total == on_file["check"].total > 4


def test_each_back_end_is_checked_by_its_counts_and_its_schema(company):
    report = usecases.check_database(company)
    assert report.ok and report.integrity == "ok" and report.schema.ok
    assert report.counts["sale_out"] == 3000 and report.counts["attachment"] == 2
    server = on_server(company.conn)
    company.conn.execute("CREATE TABLE stray (x integer)")
    company.conn.execute("DROP TRIGGER audit_sale_out_delete" + (" ON sale_out" if server else ""))
    again = usecases.check_database(company).schema
    assert not again.ok
    assert [o.name for o in again.foreign] == ["stray"]
    assert [o.name for o in again.missing] == ["audit_sale_out_delete"]
