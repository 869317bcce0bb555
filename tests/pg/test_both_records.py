"""Saving, deleting, undoing and redoing every kind of record, on a file and
on a server: each step's ``Changes`` and the records read back are the same
on both back ends, and the audit chain holds after it all."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from magdesk import usecases
from magdesk.core import model as M
from magdesk.usecases import reads

OPEN_MONTH = "2026-10"
# the entity, the field an update changes, and the key a new copy gets
KINDS = (("counterparty", "address", "name_cn"), ("product", "spec", "code"),
         ("purchase", "invoice_no", "doc_no"), ("batch", "output_pcs", "batch_no"),
         ("sale", "contract_no", "doc_no"), ("export", "end_user", "customs_decl_no"),
         ("licence", "euc_ref", "licence_no"), ("adjustment", "note", "doc_no"))


def _newest(db, entity: str):
    """The entity's newest record in a month that is open (or of no month)."""
    repo = reads.records(db)
    if entity == "adjustment" and not repo.count("adjustment"):  # the demo has none
        batch = _newest(db, "batch")
        made = usecases.save(db, M.Adjustment(None, "TZ-1", date(2026, 10, 20), "LOSS",
                                              batch.product_id, 100, batch.id, "碎片"))
        assert made.ok, made.why("en")
    return repo.get(entity, max(r.id for r in repo.iter(entity)))


def _outcome(changes) -> tuple:
    return (changes.ok, sorted(changes.entities), sorted(changes.records),
            sorted(changes.months), changes.findings, [f.code for f in changes.refused])


def _changed(record, name: str):
    value = getattr(record, name)
    return replace(record, **{name: (value or 0) + 7 if isinstance(value, int) or value is None
                              and name.endswith("pcs") else f"{value}改"})


def _new_copy(db, record, key: str):
    fresh = replace(record, id=None, **{key: f"{getattr(record, key)}-N"})
    if hasattr(fresh, "lot_no"):
        fresh = replace(fresh, lot_no=f"{fresh.lot_no}-N")
    if hasattr(fresh, "uscc") and fresh.uscc:
        fresh = replace(fresh, uscc=None, country="JP", cp_type="FOREIGN")
    return fresh


def _inputs(db, batch):
    if not hasattr(batch, "batch_no"):
        return None
    lines = list(reads.records(db).iter("batch_input", where="batch_id = ?", params=(batch.id,)))
    return [replace(line, id=None, batch_id=0) for line in lines]


def _steps(db, entity: str, field: str, key: str) -> list[tuple]:
    """Update, undo, redo; insert a copy, delete it, undo the delete, redo."""
    repo = reads.records(db)
    old = _newest(db, entity)
    steps = []
    updated = usecases.save(db, _changed(old, field), inputs=_inputs(db, old))
    steps.append(_outcome(updated))
    steps.append(repo.get(entity, old.id))
    steps.append(_outcome(usecases.undo(db, updated.edit)))
    assert repo.get(entity, old.id) == old
    steps.append(_outcome(usecases.redo(db, updated.edit)))
    made = usecases.save(db, _new_copy(db, old, key), inputs=_inputs(db, old))
    steps.append(_outcome(made))
    assert made.ok, made.why("en")
    ((_, new_id),) = made.records
    record = repo.get(entity, new_id)
    steps.append(record)
    gone = usecases.delete(db, [record])
    steps.append(_outcome(gone))
    assert repo.get(entity, new_id) is None
    steps.append(_outcome(usecases.undo(db, gone.edit)))
    assert repo.get(entity, new_id) == record
    steps.append(_outcome(usecases.redo(db, gone.edit)))
    assert repo.get(entity, new_id) is None
    return steps


@pytest.mark.parametrize(("entity", "field", "key"), KINDS)
def test_every_kind_saves_deletes_undoes_and_redoes_the_same(both, entity, field, key):
    on_file, on_server = (_steps(db, entity, field, key) for db in both)
    assert all(step[0] for step in on_file if isinstance(step, tuple))
    assert on_server == on_file
    assert all(usecases.verify_audit(db).ok for db in both)
