"""Render each main screen to PNG, in Chinese and in English, for review:
the sections, a record form, a month's findings list and the import
wizard's steps (on a sample ledger with a few bad cells).

    python -m magdesk.gui.screenshots OUT_DIR [--db FILE]
    python -m magdesk.gui.screenshots --guide resources/guide/img
    python -m magdesk.gui.screenshots OUT_DIR --sample 样表.xlsx  (the 申报模板 page learning it)

With --guide it writes the user guide's pictures instead (the company
dialog, a batch with inputs, a history, the import preview, the filing
page, the restore points; zh and en), scaled down to a 256-colour palette.

Uses the demo producer (with two mistakes planted, so the findings list has
something to show) unless a database is given; runs offscreen."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m magdesk.gui.screenshots")
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--db", type=Path)
    parser.add_argument("--guide", type=Path, help="write the user guide's pictures here")
    parser.add_argument("--sample", type=Path,
                        help="an authority's sample workbook: the 申报模板 page learning it")
    args = parser.parse_args(argv)
    if args.out is None and args.guide is None:
        parser.error("give OUT_DIR or --guide DIR")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ..settings import load_settings
    from ..usecases import create_demo
    from .app import application, install_translations
    from .main_window import MainWindow

    db_path = args.db
    work = Path(tempfile.mkdtemp())
    if db_path is None:
        db_path = work / "demo.sqlite"
        create_demo(db_path, sales=2400)
        _plant_mistakes(db_path)
    ledger = _sample_ledger(db_path, work / "销售台账.xlsx")
    for folder in (args.out, args.guide):
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
    base = load_settings()
    app = application(base)
    from ..usecases.files import open_file

    for lang in ("zh", "en"):
        settings = dataclasses.replace(base, language=lang)
        install_translations(app, lang)
        with open_file(db_path) as db:
            window = MainWindow(db, settings)
            window.resize(1280, 800)
            window.show()
            _wait(app, lambda w=window: not w.findings_task.running)
            if args.guide is not None:
                _guide(app, window, ledger, args.guide, lang)
                window.close()
                QApplication.processEvents()
                continue
            for index in range(window.nav.count()):
                window.select_section(index)
                app.processEvents()
                target = args.out / f"{lang}-{index:02d}.png"
                window.grab().save(str(target))
                print(target)
            form = window.open_record("sale", None)
            app.processEvents()
            form.grab().save(str(args.out / f"{lang}-form-sale.png"))
            form.close()
            licence = next(iter(window.repo.iter("licence")), None)
            if licence is not None:
                form = window.open_record("licence", licence.id)
                _shoot(app, form, args.out / f"{lang}-form-licence.png")
                form.close()
            batch = next(window.repo.iter("batch", order="end_date DESC"))
            form = window.open_record("batch", batch.id)
            _shoot(app, form, args.out / f"{lang}-form-batch.png")
            form.close()
            _history(app, window, args.out / f"{lang}-history.png")
            window.show_guide()
            _shoot(app, window.guide, args.out / f"{lang}-guide.png")
            window.guide.close()
            _findings(app, window, args.out / f"{lang}-findings.png")
            _wizard(app, window, ledger, args.out, lang)
            if args.sample is not None:
                _templates(app, window, args.sample, args.out / f"{lang}-templates.png")
            window.close()
            QApplication.processEvents()
    return 0


def _wait(app, done, limit: float = 120) -> None:
    import time

    started = time.monotonic()
    while not done() and time.monotonic() - started < limit:
        app.processEvents()
        time.sleep(0.02)
    app.processEvents()


def _plant_mistakes(path: Path) -> None:
    """Two records of the latest month made wrong, as a clerk might."""
    import dataclasses

    from .. import usecases
    from ..usecases import reads
    from ..usecases.files import open_file

    with open_file(path) as db:
        repo = reads.records(db)
        month = repo.last_period()
        sales = list(repo.iter("sale", where="date LIKE ? AND is_export = 0",
                               params=(f"{month}%",)))
        usecases.save(db, dataclasses.replace(sales[0], invoice_no="2633-ABC"))
        usecases.save(db, dataclasses.replace(sales[1], qty_pcs=1))


def _sample_ledger(path: Path, target: Path) -> Path:
    """A clerk's sales ledger: a title row, headers of its own, 24 rows, two bad cells."""
    import openpyxl

    from ..usecases import reads
    from ..usecases.files import open_file

    with open_file(path) as db:
        repo = reads.records(db)
        batch = next(repo.iter("batch", order="end_date DESC"))
        product = repo.get("product", batch.product_id)
        customer = next(c for c in repo.iter("counterparty")
                        if c.cp_type != "FOREIGN" and c.role != "SUPPLIER")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "销售"
    sheet.append(["2026年 销售台账"])
    sheet.append(["单号", "日子", "客户", "料号", "批次", "斤两(kg)", "件数", "票号", "备注"])
    for i in range(1, 25):
        weight = "十二点五" if i == 3 else 0.5 + i / 100
        day = "2026-13-01" if i == 7 else batch.end_date
        sheet.append([f"XS-{i:04d}", day, customer.name_cn, product.code, batch.batch_no, weight,
                      100 + i, f"2633{i:016d}", ""])
    book.save(target)
    return target


def _history(app, window, target: Path) -> None:
    """The history of the sale whose invoice number was made wrong."""
    from .safety import History

    sale = next(iter(window.repo.iter("sale", where="invoice_no = ?", params=("2633-ABC",))), None)
    sale = sale or next(iter(window.repo.iter("sale")))
    dialog = History(window.db, "sale", sale.id, window)
    dialog.show()
    _shoot(app, dialog, target)
    dialog.close()


def _findings(app, window, target: Path) -> None:
    """The findings list of the month with the most of them."""
    found = window.dashboard.findings or {}
    month = max((p for p in found if p), key=lambda p: len(found[p]), default=None)
    dialog = window.findings_flow.show(month) if month else None
    if dialog is not None:
        app.processEvents()
        dialog.grab().save(str(target))
        print(target)
        dialog.close()


def _wizard(app, window, ledger: Path, out: Path, lang: str) -> None:
    """The import wizard's steps on the sample ledger (nothing is imported)."""
    from PySide6.QtWidgets import QWizard

    window.imports.start()
    wiz = window.imports.wizard
    wiz.choose.kind.setCurrentIndex(4)  # sales
    wiz.choose.path.setText(str(ledger))
    app.processEvents()
    _shoot(app, wiz, out / f"{lang}-import-1-file.png")
    wiz.next()
    _wait(app, lambda: wiz.currentPage() is wiz.map_page, 30)
    page = wiz.map_page
    page.header_row.setValue(2)
    names = ["doc_no", "date", "customer_name", "product_code", "batch_no", "qty_g", "qty_pcs"]
    for combo, name in zip(page.combos, names, strict=False):
        combo.setCurrentIndex(combo.findData(name))  # the invoice column left to the clerk
    _shoot(app, wiz, out / f"{lang}-import-2-columns.png")
    page.combos[7].setCurrentIndex(page.combos[7].findData("invoice_no"))
    wiz.next()
    _wait(app, lambda: wiz.preview_page.ready, 30)
    _shoot(app, wiz, out / f"{lang}-import-3-preview.png")
    wiz.next()
    _wait(app, lambda: wiz.dry_result is not None, 60)
    _shoot(app, wiz, out / f"{lang}-import-4-check.png")
    wiz.button(QWizard.WizardButton.CancelButton).click()
    app.processEvents()


def _templates(app, window, sample: Path, target: Path) -> None:
    """The 申报模板 page learning an authority's ``sample`` (nothing is saved)."""
    page = window.templates_page
    window.select_section(window.stack.indexOf(page))
    page.learn(sample)
    dialog = page.learn_dialog
    if dialog is None:  # not learned: the page says why
        return
    dialog.show_preview()
    _shoot(app, dialog, target)
    dialog.reject()
    app.processEvents()


def _guide(app, window, ledger: Path, out: Path, lang: str) -> None:
    """The guide's pictures for ``lang``, each small enough to ship."""
    from PySide6.QtWidgets import QWizard

    from .. import usecases
    from .company import CompanyProfileDialog
    from .safety import History, RestorePoints

    def small(widget, name: str, width: int = 760) -> None:
        app.processEvents()
        image = widget.grab().toImage()
        if image.width() > width:
            image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        image = image.convertToFormat(QImage.Format.Format_Indexed8)
        target = out / f"{lang}-{name}.png"
        image.save(str(target), "PNG", 9)
        print(target)

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    company = CompanyProfileDialog(window.db, lang, window)
    company.show()
    small(company, "company", 640)
    company.close()
    batch = next(window.repo.iter("batch", order="end_date DESC"))  # the demo's have inputs
    form = window.open_record("batch", batch.id)
    small(form, "batch", 700)
    form.close()
    sale = next(iter(window.repo.iter("sale", where="invoice_no = ?", params=("2633-ABC",))), None)
    history = History(window.db, "sale", (sale or next(iter(window.repo.iter("sale")))).id, window)
    history.show()
    small(history, "history", 700)
    history.close()
    window.select_section(window.stack.indexOf(window.filing))
    small(window, "filing", 760)
    if not usecases.list_snapshots(window.db):
        usecases.take_snapshot(window.db, "before import")
        usecases.take_snapshot(window.db, f"before export {window.periods[-1]}")
    points = RestorePoints(window.db, window)
    points.show()
    small(points, "restore", 640)
    points.close()
    window.imports.start()
    wiz = window.imports.wizard
    wiz.choose.kind.setCurrentIndex(4)  # sales
    wiz.choose.path.setText(str(ledger))
    wiz.next()
    _wait(app, lambda: wiz.currentPage() is wiz.map_page, 30)
    page = wiz.map_page
    page.header_row.setValue(2)
    names = ["doc_no", "date", "customer_name", "product_code", "batch_no", "qty_g", "qty_pcs",
             "invoice_no"]
    for combo, name in zip(page.combos, names, strict=False):
        combo.setCurrentIndex(combo.findData(name))
    wiz.next()
    _wait(app, lambda: wiz.preview_page.ready, 30)
    small(wiz, "import", 700)
    wiz.button(QWizard.WizardButton.CancelButton).click()
    app.processEvents()


def _shoot(app, widget, target: Path) -> None:
    app.processEvents()
    widget.grab().save(str(target))
    print(target)


if __name__ == "__main__":
    sys.exit(main())
