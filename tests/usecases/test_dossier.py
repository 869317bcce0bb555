"""The dossier of an export declaration and the licence application sheet,
on a real file: a declaration of two lines made through the use cases (one
controlled with its licence, one not, its model without a test report),
written as PDF (read back with pdftotext), xlsx (openpyxl and calamine),
statement and zip."""

from __future__ import annotations

import subprocess
import zipfile
from dataclasses import replace

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from magdesk import usecases
from magdesk.reports import ReportError
from magdesk.storage import open_database


def _render():
    from magdesk.gui import printing

    printing.ensure_app()
    return printing.save_pdf


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def _first_page(path) -> str:
    return subprocess.run(["pdftotext", "-l", "1", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def _saved(db, record):
    """Save through the use case, accepting the warnings it raises."""
    changes = usecases.save(db, record)
    if changes.refused:
        changes = usecases.save(db, record, accept=changes.refused, reason="测试：待补资料")
    assert changes.ok, changes.refused
    return changes


def _pair(repo):
    """A licensed controlled line and an uncontrolled line (Dy/Tb free, on its
    own declaration) to the same consignee in the same month, declared no
    later than the controlled one."""
    lines = sorted(repo.iter("export"), key=lambda x: (x.decl_date, x.id))
    counts: dict[str, int] = {}
    for x in lines:
        counts[x.customs_decl_no] = counts.get(x.customs_decl_no, 0) + 1
    sales = repo.all_by_id("sale")
    products = repo.all_by_id("product")
    for x in reversed(lines):
        if not (x.controlled and x.licence_id) or counts[x.customs_decl_no] > 1:
            continue
        for y in lines:
            product = products[sales[y.sale_id].product_id]
            if (not y.controlled and y.consignee_id == x.consignee_id
                    and counts[y.customs_decl_no] == 1 and y.decl_date <= x.decl_date
                    and f"{y.decl_date:%Y-%m}" == f"{x.decl_date:%Y-%m}"
                    and not product.dy_pct and not product.tb_pct
                    and product.id != products[sales[x.sale_id].product_id].id):
                return x, y
    raise AssertionError("the demo has no such pair")


@pytest.fixture
def declared(demo_copy):
    """A two-line declaration built in a demo copy; what it must name."""
    with open_database(demo_copy) as db:
        repo = usecases.repository(db)
        x, y = _pair(repo)
        _saved(db, replace(y, customs_decl_no=x.customs_decl_no, decl_date=x.decl_date,
                           line_no=2))
        sales = [repo.get("sale", x.sale_id), repo.get("sale", y.sale_id)]
        bare = repo.get("product", sales[1].product_id)
        _saved(db, replace(bare, test_report_no="", report_date=None, report_lab=""))
        controlled = repo.get("product", sales[0].product_id)
        batches = [repo.get("batch", s.batch_id) for s in sales]
        lots = [repo.get("purchase", i.purchase_id).lot_no for b in batches
                for i in repo.iter("batch_input", where="batch_id = ?", params=(b.id,))]
        facts = {"decl": x.customs_decl_no, "sales": [s.doc_no for s in sales],
                 "bare": bare.code, "report": controlled.test_report_no,
                 "licence": repo.get("licence", x.licence_id).licence_no,
                 "batches": [b.batch_no for b in batches], "lots": lots,
                 "contract": sales[0].contract_no}
    return demo_copy, facts


def test_the_dossier_names_the_declaration_its_chain_reports_and_licence(declared, tmp_path):
    path, f = declared
    with open_database(path) as db:
        result = usecases.write_dossier(db, f["decl"], tmp_path / "out", render_pdf=_render())
    text = _pdf_text(result.pdf)
    assert f["decl"] in text and f["licence"] in text and f["report"] in text
    for number in [*f["batches"], *f["lots"], *f["sales"]]:
        assert number in text, number
    cover = _first_page(result.pdf)
    assert f"型号 {f['bare']} 无检测报告编号" in cover  # the missing report, on the cover
    assert "第1页/共" in cover.replace(" ", "") and result.pages >= 2
    codes = [m.code for m in result.missing]
    assert "dossier.missing_test_report" in codes and "dossier.missing_contract_file" in codes
    assert any(m.message("en") == f"Model {f['bare']}: no test report number"
               for m in result.missing)


def test_the_dossier_workbook_reads_back_with_openpyxl_and_calamine(declared, tmp_path):
    path, f = declared
    with open_database(path) as db:
        result = usecases.write_dossier(db, f["decl"], tmp_path, render_pdf=_render())
    book = openpyxl.load_workbook(result.xlsx)
    assert len(book.sheetnames) == 8 and all(len(n) <= 31 for n in book.sheetnames)
    cover = book[book.sheetnames[0]]
    values = {r[0]: r[1] for r in cover.iter_rows(values_only=True) if r and r[0]}
    assert values["报关单号 Declaration No."] == f["decl"]  # an identifier stays text
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
        result = usecases.write_dossier(db, f["decl"], tmp_path / "out", render_pdf=_render(),
                                        statement="本批货物用于风力发电机。\n\n特此说明。")
    with zipfile.ZipFile(result.zip) as z:
        names = z.namelist()
        assert z.read(result.statement.name).decode() == "本批货物用于风力发电机。\n\n特此说明。\n"
    assert names == [result.pdf.name, result.xlsx.name, result.statement.name]
    assert "本批货物用于风力发电机。" in _pdf_text(result.pdf)  # the clerk's text, not the draft
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
        one = usecases.write_licence_sheet(db, tmp_path / "sale", render_pdf=_render(),
                                           sale=f["sales"][0])
        contract = usecases.licence_sheet_report(db, contract=f["contract"])
        whole = usecases.write_licence_sheet(db, tmp_path / "contract", render_pdf=_render(),
                                             contract=f["contract"])
    text = _pdf_text(one.pdf)
    for label in ("出口经营者 Exporter", "最终用户 End user", "管制编码",
                  "合同号 Contract No.", "申请所需附件 Attachments required"):
        assert label in text, label
    assert f["sales"][0] in text and "☐" in text
    assert [present for *_w, present in one.ticks] == [False] * 5
    items = contract.table("申请物项 Items")
    assert len(items.data()) >= 1 and f["sales"][0] in {r[0] for r in items.data()}
    assert openpyxl.load_workbook(whole.xlsx).sheetnames[0].startswith("一、出口经营者")


@pytest.mark.parametrize("kind,key", [("decl", "999999999999999999"), ("sale", "SO-NONE"),
                                      ("contract", "HT-NONE")])
def test_an_unknown_subject_is_refused_naming_it_and_nothing_is_written(demo_copy, tmp_path,
                                                                      kind, key):
    out = tmp_path / "out"
    with open_database(demo_copy) as db, pytest.raises(ReportError) as caught:
        if kind == "decl":
            usecases.write_dossier(db, key, out, render_pdf=_render())
        else:
            usecases.write_licence_sheet(db, out, render_pdf=_render(), **{kind: key})
    assert key in caught.value.message("zh") and key in caught.value.message("en")
    assert not out.exists()


def _attach(db, entity, record_id, path, kind):
    changes = usecases.attach(db, entity, record_id, path, kind)
    assert changes.ok, changes.failure


def test_attachments_go_into_the_zip_once_named_by_what_they_are(declared, tmp_path):
    path, f = declared
    files = tmp_path / "files"
    files.mkdir()
    (files / "contract.pdf").write_bytes(b"%PDF-1.4 contract of sale")
    (files / "report.pdf").write_bytes(b"%PDF-1.4 test report")
    (files / "euc.pdf").write_bytes(b"%PDF-1.4 end-user certificate")
    (files / "photo.png").write_bytes(b"\x89PNG site photo")
    with open_database(path) as db:
        repo = usecases.repository(db)
        sale = repo.find("sale", f["sales"][0])
        line = next(repo.iter("export", where="customs_decl_no = ? AND line_no = 1",
                              params=(f["decl"],)))
        controlled = repo.get("product", sale.product_id)
        _attach(db, "sale", sale.id, files / "contract.pdf", "contract")
        _attach(db, "counterparty", sale.customer_id, files / "contract.pdf", "contract")
        _attach(db, "product", controlled.id, files / "report.pdf", "test_report")
        _attach(db, "licence", line.licence_id, files / "euc.pdf", "end_user_cert")
        _attach(db, "sale", sale.id, files / "photo.png", "photo")
        gone = usecases.attachments_of(db, "sale", sale.id)[-1]
        usecases.attachment_file(db, gone).unlink()  # its file lost from the store
        result = usecases.write_dossier(db, f["decl"], tmp_path / "out", render_pdf=_render())
        sheet = usecases.write_licence_sheet(db, tmp_path / "sheet", render_pdf=_render(),
                                             sale=f["sales"][0])
    with zipfile.ZipFile(result.zip) as z:
        kept = [n for n in z.namelist() if n.startswith("附件/")]
        assert z.read(next(n for n in kept if "检测报告" in n)) == b"%PDF-1.4 test report"
    assert result.attachments == 3 and len(kept) == 3  # the contract twice, kept once
    assert kept[0].startswith("附件/01_") and any(
        n.startswith("附件/") and f"_检测报告_{controlled.code}_report.pdf" in n for n in kept)
    codes = [m.code for m in result.missing]
    assert "dossier.missing_blob" in codes and "dossier.missing_euc" not in codes
    assert ("dossier.missing_contract_file", (("sale", f["sales"][0]),)) not in [
        (m.code, m.params) for m in result.missing]
    assert "photo.png" in _first_page(result.pdf)  # the lost file, on the cover
    ticks = {en: present for _zh, en, present in sheet.ticks}
    assert ticks["Export contract or agreement"] and ticks["Technical specification or test report"]
    assert ticks["End-user and end-use certificate (with Chinese translation)"]  # the licence's
    assert not ticks["Photos of the production site and of where the magnet sits"]  # file lost
    assert "☑" in _pdf_text(sheet.pdf)
