"""The dossier of an export declaration and the licence application sheet
through the use cases, on a real file: a declaration of two lines made
through the use cases (tests/usecases/dossier_case.py), written as xlsx
(read back with openpyxl and calamine), statement and zip with the
attachments; the PDF drawn by a plain-text renderer (the real PDF:
tests/reports/test_dossier_pdf.py)."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from magdesk import usecases
from magdesk.reports import ReportError
from magdesk.storage import open_database
from tests.usecases.dossier_case import make_declared, text_render


@pytest.fixture
def declared(demo_copy):
    return demo_copy, make_declared(demo_copy)


def test_the_dossier_names_its_chain_and_what_is_missing(declared, tmp_path):
    path, f = declared
    with open_database(path) as db:
        result = usecases.write_dossier(db, f["decl"], tmp_path / "out", render_pdf=text_render)
    said = result.pdf.read_text(encoding="utf-8")
    assert f["decl"] in said and f["licence"] in said and f["report"] in said
    for number in [*f["batches"], *f["lots"], *f["sales"]]:
        assert number in said, number
    codes = [m.code for m in result.missing]
    assert "dossier.missing_test_report" in codes and "dossier.missing_contract_file" in codes
    assert any(m.message("en") == f"Model {f['bare']}: no test report number"
               for m in result.missing)
    assert result.pages == 1 and result.attachments == 0


def test_the_dossier_workbook_reads_back_with_openpyxl_and_calamine(declared, tmp_path):
    path, f = declared
    with open_database(path) as db:
        result = usecases.write_dossier(db, f["decl"], tmp_path, render_pdf=text_render)
    book = openpyxl.load_workbook(result.xlsx)
    assert len(book.sheetnames) == 8 and all(len(n) <= 31 for n in book.sheetnames)
    cover = book[book.sheetnames[0]]
    values = {r[0]: r[1] for r in cover.iter_rows(values_only=True) if r and r[0]}
    assert values["报关单号 Declaration No."] == f["decl"]  # an identifier stays text
    assert f"型号 {f['bare']} 无检测报告编号" in {r[1] for r in cover.iter_rows(values_only=True)}
    lines = book[book.sheetnames[1]]
    rows = list(lines.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r[0] == "项号 Line")
    data = rows[header + 1:header + 3]
    assert [r[0] for r in data] == ["1", "2"]
    mass_col = rows[header].index("重量(kg) Mass")
    assert all(isinstance(r[mass_col], float | int) for r in data)
    assert lines.cell(header + 2, mass_col + 1).number_format == "#,##0.000"
    calamine = CalamineWorkbook.from_path(str(result.xlsx))
    assert calamine.sheet_names == book.sheetnames
    lots = calamine.get_sheet_by_index(3).to_python()
    flat = {str(c) for r in lots for c in r}
    assert set(f["lots"]) <= flat and set(f["batches"]) <= flat


def test_the_zip_holds_pdf_workbook_statement_and_no_half_file(declared, tmp_path):
    path, f = declared
    with open_database(path) as db:
        result = usecases.write_dossier(db, f["decl"], tmp_path / "out", render_pdf=text_render,
                                        statement="本批货物用于风力发电机。\n\n特此说明。")
    with zipfile.ZipFile(result.zip) as z:
        names = z.namelist()
        assert z.read(result.statement.name).decode() == "本批货物用于风力发电机。\n\n特此说明。\n"
    assert names == [result.pdf.name, result.xlsx.name, result.statement.name]
    assert "本批货物用于风力发电机。" in result.pdf.read_text(encoding="utf-8")  # not the draft
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        [result.pdf.name, result.xlsx.name, result.statement.name, result.zip.name])


def test_the_statement_is_drafted_from_the_product_data(declared):
    path, f = declared
    with open_database(path) as db:
        zh = usecases.draft_statement(db, f["decl"])
        en = usecases.draft_statement(db, f["decl"], "en")
        report = usecases.dossier_report(db, f["decl"])
    assert f["decl"] in zh and f["bare"] in zh and f["report"] in zh and "最终用途" in zh
    assert "检测报告 无" in zh  # the model without a report says so
    assert "end use" in en and f["bare"] in en
    assert report.subject.endswith(f["decl"]) and report.landscape


def test_the_licence_sheet_of_a_sale_and_of_a_contract(declared, tmp_path):
    path, f = declared
    with open_database(path) as db:
        one = usecases.write_licence_sheet(db, tmp_path / "sale", render_pdf=text_render,
                                           sale=f["sales"][0])
        contract = usecases.licence_sheet_report(db, contract=f["contract"])
        under = [s.doc_no for s in usecases.repository(db).iter(
            "sale", order="date, doc_no", where="contract_no = ?", params=(f["contract"],))]
        whole = usecases.write_licence_sheet(db, tmp_path / "contract", render_pdf=text_render,
                                             contract=f["contract"])
    said = one.pdf.read_text(encoding="utf-8")
    for label in ("名称 Name", "最终用户 End user", "管制编码 Control No.",
                  "合同号 Contract No.", "交货日期 Delivery date"):
        assert label in said, label
    assert f["sales"][0] in said and "☐ | 1 | 出口合同或协议" in said
    assert [present for *_w, present in one.ticks] == [False] * 5
    items = contract.table("申请物项 Items")
    assert [r[0] for r in items.data()] == under  # one sheet, every sale of the contract
    assert openpyxl.load_workbook(whole.xlsx).sheetnames[0].startswith("一、出口经营者")


@pytest.mark.parametrize("kind,key", [("decl", "999999999999999999"), ("sale", "SO-NONE"),
                                      ("contract", "HT-NONE")])
def test_an_unknown_subject_is_refused_naming_it_and_nothing_is_written(demo_copy, tmp_path,
                                                                      kind, key):
    out = tmp_path / "out"
    with open_database(demo_copy) as db, pytest.raises(ReportError) as caught:
        if kind == "decl":
            usecases.write_dossier(db, key, out, render_pdf=text_render)
        else:
            usecases.write_licence_sheet(db, out, render_pdf=text_render, **{kind: key})
    assert key in caught.value.message("zh") and key in caught.value.message("en")
    assert not out.exists()


def _attach(db, entity, record_id, path, kind):
    changes = usecases.attach(db, entity, record_id, path, kind)
    assert changes.ok, changes.failure


def attached(path, f, folder):
    """Attach a contract (twice: the sale's and the customer's), a test
    report, the licence's end-user certificate and a photo whose file is
    then lost from the store; returns the controlled model's code."""
    folder.mkdir()
    (folder / "contract.pdf").write_bytes(b"%PDF-1.4 contract of sale")
    (folder / "report.pdf").write_bytes(b"%PDF-1.4 test report")
    (folder / "euc.pdf").write_bytes(b"%PDF-1.4 end-user certificate")
    (folder / "photo.png").write_bytes(b"\x89PNG site photo")
    with open_database(path) as db:
        repo = usecases.repository(db)
        sale = repo.find("sale", f["sales"][0])
        line = next(repo.iter("export", where="customs_decl_no = ? AND line_no = 1",
                              params=(f["decl"],)))
        _attach(db, "sale", sale.id, folder / "contract.pdf", "contract")
        _attach(db, "counterparty", sale.customer_id, folder / "contract.pdf", "contract")
        _attach(db, "product", sale.product_id, folder / "report.pdf", "test_report")
        _attach(db, "licence", line.licence_id, folder / "euc.pdf", "end_user_cert")
        _attach(db, "sale", sale.id, folder / "photo.png", "photo")
        gone = usecases.attachments_of(db, "sale", sale.id)[-1]
        usecases.attachment_file(db, gone).unlink()  # its file lost from the store
        return repo.get("product", sale.product_id).code


def test_attachments_go_into_the_zip_once_named_by_what_they_are(declared, tmp_path):
    path, f = declared
    model = attached(path, f, tmp_path / "files")
    with open_database(path) as db:
        result = usecases.write_dossier(db, f["decl"], tmp_path / "out", render_pdf=text_render)
        sheet = usecases.write_licence_sheet(db, tmp_path / "sheet", render_pdf=text_render,
                                             sale=f["sales"][0])
    with zipfile.ZipFile(result.zip) as z:
        kept = [n for n in z.namelist() if n.startswith("附件/")]
        assert z.read(next(n for n in kept if "检测报告" in n)) == b"%PDF-1.4 test report"
    assert result.attachments == 3 and len(kept) == 3  # the contract twice, kept once
    assert kept[0].startswith("附件/01_") and any(
        f"_检测报告_{model}_report.pdf" in n for n in kept)
    codes = [m.code for m in result.missing]
    assert "dossier.missing_blob" in codes and "dossier.missing_euc" not in codes
    assert ("dossier.missing_contract_file", (("sale", f["sales"][0]),)) not in [
        (m.code, m.params) for m in result.missing]
    ticks = {en: present for _zh, en, present in sheet.ticks}
    assert ticks["Export contract or agreement"] and ticks["Technical specification or test report"]
    assert ticks["End-user and end-use certificate (with Chinese translation)"]  # the licence's
    assert not ticks["Photos of the production site and of where the magnet sits"]  # file lost
