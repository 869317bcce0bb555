"""The records' use cases on a real file, without Qt: each says what it
changed (Changes), or why nothing was written."""

from dataclasses import replace
from datetime import date

import pytest

from magdesk import usecases
from magdesk.core import model as M
from magdesk.core.findings import finding
from magdesk.storage import open_database
from magdesk.usecases import reads
from magdesk.usecases.edits import Create, Delete, Update

PERIOD = "2026-06"
TODAY = date(2026, 11, 26)


def _customer(name: str) -> M.Counterparty:
    return M.Counterparty(None, name, "FOREIGN", "CUSTOMER", "JP", "1-2 Chiyoda, Tokyo",
                          name_en="Test Co", end_use_default="EV_MOTOR")


def _file(db, tmp_path, period=PERIOD) -> None:
    usecases.export_filing(db, period, tmp_path, today=TODAY)
    usecases.file_period(db, period, date(2026, 7, 8), "RC-1")


def _a_sale(db, period=PERIOD):
    return next(reads.records(db).iter("sale", where="date LIKE ?", params=(f"{period}%",)))


def test_a_new_record_says_its_entity_id_and_that_findings_may_differ(demo_copy):
    with open_database(demo_copy) as db:
        changes = usecases.save(db, _customer("测试客户甲"))
        assert changes.ok and isinstance(changes.edit, Create)
        ((entity, new_id),) = changes.records
        assert entity == "counterparty" and changes.entities == {"counterparty"}
        assert changes.findings and not changes.months  # a counterparty has no month
        assert reads.records(db).get("counterparty", new_id).name_cn == "测试客户甲"


def test_an_update_says_the_months_it_touches_and_undo_redo_go_through(demo_copy):
    with open_database(demo_copy) as db:
        sale = _a_sale(db, "2026-07")
        moved = replace(sale, date=date(2026, 8, 3), contract_no="HT-MOVED")
        changes = usecases.save(db, moved)
        assert isinstance(changes.edit, Update)
        assert changes.months == {"2026-07", "2026-08"}  # where it was and where it is
        assert changes.records == {("sale", sale.id)}
        back = usecases.undo(db, changes.edit)
        assert back.ok and back.months == {"2026-07", "2026-08"}
        assert reads.records(db).get("sale", sale.id) == sale
        assert usecases.redo(db, changes.edit).ok
        assert reads.records(db).get("sale", sale.id).contract_no == "HT-MOVED"


def test_a_batch_touches_the_months_it_starts_and_ends_in(demo_copy):
    with open_database(demo_copy) as db:
        batch = next(b for b in reads.records(db).iter("batch")
                     if b.start_date.month != b.end_date.month)
        changes = usecases.save(db, replace(batch, output_pcs=(batch.output_pcs or 0) + 1))
        assert changes.ok
        assert changes.months == {f"{d.year}-{d.month:02d}" for d in (batch.start_date,
                                                                       batch.end_date)}


def test_a_filed_month_refuses_a_save_naming_the_month(demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        _file(db, tmp_path)
        sale = _a_sale(db)
        changes = usecases.save(db, replace(sale, contract_no="HT-LATE"))
        assert not changes.ok and not changes.changed and changes.edit is not None
        assert [(f.code, f.entity, f.record) for f in changes.refused] == [
            ("period.locked", "sale", sale.doc_no)]
        assert changes.why("zh").startswith(f"{PERIOD}已申报锁定")
        assert PERIOD in changes.why("en") and "period.locked" not in changes.why("en")
        assert reads.records(db).get("sale", sale.id) == sale


def test_undo_in_a_month_filed_since_is_refused_with_the_month_not_the_key(demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        sale = _a_sale(db)
        saved = usecases.save(db, replace(sale, contract_no="HT-BEFORE-FILING"))
        _file(db, tmp_path)
        undone = usecases.undo(db, saved.edit)
        assert not undone.ok and undone.refused[0].code == "period.locked"
        text = undone.why("zh")
        assert text.startswith(f"{PERIOD}已申报锁定") and "period.locked" not in text
        assert reads.records(db).get("sale", sale.id).contract_no == "HT-BEFORE-FILING"


def test_a_key_taken_and_a_record_in_use_are_refusals(demo_copy):
    with open_database(demo_copy) as db:
        product = reads.records(db).find("product", "MG-N42")
        twin = replace(product, id=None)
        taken = usecases.save(db, twin)
        assert [f.code for f in taken.refused] == ["key.duplicate"] and not taken.entities
        in_use = usecases.delete(db, [product])
        assert [f.code for f in in_use.refused] == ["record.in_use"]
        assert reads.records(db).find("product", "MG-N42") == product


def test_delete_is_one_step_that_undo_puts_back(demo_copy):
    with open_database(demo_copy) as db:
        new = usecases.save(db, _customer("将删除的客户"))
        ((_, new_id),) = new.records
        record = reads.records(db).get("counterparty", new_id)
        gone = usecases.delete(db, [record])
        assert gone.ok and isinstance(gone.edit, Delete)
        assert gone.records == {("counterparty", new_id)}
        assert reads.records(db).get("counterparty", new_id) is None
        assert usecases.undo(db, gone.edit).ok
        assert reads.records(db).get("counterparty", new_id) == record


def test_accepting_a_warning_is_part_of_the_save_and_of_its_undo(demo_copy):
    with open_database(demo_copy) as db:
        customer = _customer("试点客户")
        warning = finding("uscc.check_digit", "counterparty", customer.name_cn, "uscc")
        with pytest.raises(ValueError):  # a reason is needed
            usecases.save(db, customer, accept=[warning], reason="")
        changes = usecases.save(db, customer, accept=[warning], reason="与营业执照一致")
        accepted = ("counterparty", customer.name_cn, "uscc.check_digit")
        assert changes.ok and accepted in reads.accepted(db)
        assert usecases.undo(db, changes.edit).ok
        assert accepted not in reads.accepted(db)  # undone with the record, one step
        assert usecases.redo(db, changes.edit).ok and accepted in reads.accepted(db)


def test_a_read_only_file_is_a_failure_said_in_the_clerks_language(demo_copy):
    with open_database(demo_copy) as writer, open_database(demo_copy) as reader:
        assert reader.read_only and writer is not None
        changes = usecases.save(reader, _customer("只读客户"))
        assert not changes.ok and changes.failure is not None
        assert changes.why("zh") and "Error" not in changes.why("zh")


def test_accept_warning_alone_says_findings_changed(demo_copy):
    with open_database(demo_copy) as db:
        changes = usecases.accept_warning(db, "counterparty", "X", "uscc.check_digit",
                                          "与营业执照一致")
        assert changes.findings and changes.entities == {"counterparty"}
        with pytest.raises(ValueError):
            usecases.accept_warning(db, "sale", "X", "period.locked", "理由足够长")


def test_accepting_a_warning_on_a_read_only_file_is_a_failure_not_an_exception(demo_copy):
    from tests.usecases.state import audit_head, content

    with open_database(demo_copy) as writer, open_database(demo_copy) as reader:
        assert reader.read_only and not writer.read_only
        before, head = content(demo_copy), audit_head(demo_copy)
        changes = usecases.accept_warning(reader, "counterparty", "X", "uscc.check_digit",
                                          "与营业执照一致")
        assert not changes.ok and not changes.changed and changes.failure is not None
        assert "copy.sqlite" in changes.why("en") and changes.why("zh")
        assert content(demo_copy) == before and audit_head(demo_copy) == head
