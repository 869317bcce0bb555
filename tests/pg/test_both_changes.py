"""Refusals, accepted warnings, imports, filing and amending a month, on a
file and on a server: the same outcome on both back ends."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import openpyxl

from magdesk import usecases
from magdesk.core import model as M
from magdesk.core.findings import finding
from tests.importing.helpers import write_xlsx

TODAY = date(2026, 11, 26)
AT = datetime(2026, 11, 26, 10, 0)
FILED = "2026-09"


def _sale_in(db, month: str):
    """The month's newest domestic sale."""
    repo = usecases.repository(db)
    return next(repo.iter("sale", where="date LIKE ? AND is_export = 0", params=(f"{month}%",),
                          order="id DESC"))


def _refusals(db, tmp_path) -> list:
    repo = usecases.repository(db)
    product = repo.find("product", "MG-N42")
    taken = usecases.save(db, replace(product, id=None))
    exported = usecases.export_filing(db, FILED, tmp_path, today=TODAY, at=AT)
    filed = usecases.file_period(db, FILED, date(2026, 10, 9), "RC-9")
    sale = _sale_in(db, FILED)
    locked = usecases.save(db, replace(sale, contract_no="HT-LATE"))
    gone = usecases.delete(db, [sale])
    return [[f.code for f in taken.refused], exported.status if hasattr(exported, "status")
            else bool(exported), str(filed), [(f.code, f.record) for f in locked.refused],
            [(f.code, f.record) for f in gone.refused], repo.get("sale", sale.id) == sale,
            usecases.period_status(db, FILED, today=TODAY)]


def test_a_taken_key_and_a_filed_month_are_refused_alike(both, tmp_path):
    on_file, on_server = (_refusals(db, tmp_path / str(i)) for i, db in enumerate(both))
    assert on_file[0] == ["key.duplicate"] and on_file[3][0][0] == "period.locked"
    assert on_server == on_file


def _accepting(db) -> list:
    customer = M.Counterparty(None, "试点客户", "FOREIGN", "CUSTOMER", "JP", "Tokyo",
                              name_en="Test Co", end_use_default="EV_MOTOR")
    warning = finding("uscc.check_digit", "counterparty", customer.name_cn, "uscc")
    saved = usecases.save(db, customer, accept=[warning], reason="与营业执照一致")
    repo = usecases.repository(db)
    key = ("counterparty", customer.name_cn, "uscc.check_digit")
    steps = [saved.ok, key in repo.accepted()]
    steps += [usecases.undo(db, saved.edit).ok, key in repo.accepted()]
    steps += [usecases.redo(db, saved.edit).ok, key in repo.accepted()]
    alone = usecases.accept_warning(db, "sale", "SO-X", "amount.mismatch", "合同约定价格")
    steps += [alone.ok, ("sale", "SO-X", "amount.mismatch") in repo.accepted()]
    return steps


def test_accepted_warnings_are_kept_and_undone_alike(both):
    on_file, on_server = (_accepting(db) for db in both)
    assert on_file == [True, True, True, False, True, True, True, True]
    assert on_server == on_file


SALE_HEAD = ["出库单号", "销售日期", "客户名称", "客户统一社会信用代码", "物料编码", "生产批号",
             "重量(kg)", "数量(件)", "金额", "发票号码"]


def _ledger(db, path, kilos: float):
    repo = usecases.repository(db)
    sale = _sale_in(db, "2026-10")
    customer = repo.get("counterparty", sale.customer_id)
    product, batch = repo.get("product", sale.product_id), repo.get("batch", sale.batch_id)
    rows = [[f"IMP-{i}", sale.date, customer.name_cn, customer.uscc or "", product.code,
             batch.batch_no, kilos + i, 10 + i, 1000 + i, f"2633{i:016d}"] for i in range(1, 4)]
    return write_xlsx(path, [SALE_HEAD, *rows], "销售")


def _importing(db, folder) -> list:
    folder.mkdir()
    repo = usecases.repository(db)
    # The newest sale deleted first: a server's numbering goes on past it, a
    # file's takes its number again; the import's undo must find its rows.
    newest = repo.get("sale", max(s.id for s in repo.iter("sale")))
    assert usecases.delete(db, [newest]).ok
    undone = usecases.import_file(db, "sales", _ledger(db, folder / "u.xlsx", 0.25), today=TODAY)
    step = usecases.import_changes(db, undone)
    assert len(step.records) == 3 and usecases.undo(db, step.edit).ok
    assert not list(repo.iter("sale", where="doc_no LIKE 'IMP-%'"))
    first = usecases.import_file(db, "sales", _ledger(db, folder / "a.xlsx", 0.5), today=TODAY)
    again = usecases.import_file(db, "sales", _ledger(db, folder / "b.xlsx", 0.75),
                                 on_duplicate="update", today=TODAY)
    twice = usecases.import_file(db, "sales", _ledger(db, folder / "c.xlsx", 0.75), today=TODAY)
    rows = [replace(r, id=None) for r in repo.iter("sale", where="doc_no LIKE 'IMP-%'")]
    return [(r.status, r.inserted, r.updated, r.errors, [f.code for f in r.findings])
            for r in (first, again, twice)] + [rows]


def test_an_import_writes_and_updates_the_same_rows(both, tmp_path):
    on_file, on_server = (_importing(db, tmp_path / str(i)) for i, db in enumerate(both))
    assert on_file[0][:4] == ("imported", 3, 0, 0) and on_file[1][:4] == ("imported", 0, 3, 0)
    assert on_file[2][0] == "rejected" and len(on_file[3]) == 3
    assert on_server == on_file


def _cells(path) -> list:
    """Every sheet's cells, but the audit chain's head: each back end stamps
    its own moments into the entries of the steps run here."""
    book = openpyxl.load_workbook(path, read_only=True)
    return [[tuple(row) for row in ws.iter_rows(values_only=True) if row[0] != "审计链"]
            for ws in book.worksheets]


def _amending(db, folder) -> list:
    first = usecases.export_filing(db, FILED, folder / "1", today=TODAY, at=AT)
    usecases.file_period(db, FILED, date(2026, 10, 9), "RC-9")
    amended = usecases.amend_period(db, FILED, today=TODAY)
    sale = _sale_in(db, FILED)
    changed = usecases.save(db, replace(sale, qty_g=sale.qty_g - 100))
    second = usecases.export_filing(db, FILED, folder / "2", today=TODAY, at=AT)
    statuses = usecases.period_statuses(db, today=TODAY)
    return [str(amended), changed.ok, first.path.name, second.path.name, _cells(first.path),
            _cells(second.path), first.data_sha256, second.data_sha256, statuses]


def test_an_amended_month_is_exported_again_alike(both, tmp_path):
    on_file, on_server = (_amending(db, tmp_path / str(i)) for i, db in enumerate(both))
    assert on_file[1] and on_file[2] != on_file[3]
    assert on_server == on_file
