"""Dossier speed: the dossier of an export declaration of 50 lines.

Figure: ``usecases.write_dossier`` (the chain read, the declaration texts,
the control decisions, the licence usage, the PDF by ``gui.printing.save_pdf``,
the xlsx, the statement and the zip with the attachments), median of 3 in
one process; the Qt application and the font lookup are made before the
clock starts, as in the running desktop.  The declaration is made in a demo
copy of 3,000 sales: 50 export lines (controlled and not, several licences)
moved into one declaration through the repository in one transaction, with
12 attachments (contracts, test reports, an end-user certificate of 1 MB).

Floor, same run: openpyxl writing the dossier's own table rows (the same cell
texts) into one workbook, no styles: the cost of putting those rows in a file
at all.  Also printed: the plain backward trace summary of one of the sales
to PDF (``reports.build_report`` + ``save_pdf``), for reference.

Target (issue 19): under 3 s.

    .venv/bin/python benchmarks/bench_dossier.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

LINES = 50
TARGET = 3.0


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from magdesk.gui.printing import cjk_family, ensure_app

    app = ensure_app()
    cjk_family()
    return app


def build(folder: Path) -> tuple[Path, str]:
    """A demo file with one declaration of ``LINES`` lines and attachments."""
    from magdesk import usecases
    from magdesk.storage import open_database
    from magdesk.storage.repository import Repository

    path = folder / "demo.sqlite"
    usecases.create_demo(path, sales=3000, seed=1, end_period="2026-10")
    with open_database(path) as db:
        repo = Repository(db)
        lines = sorted(repo.iter("export"), key=lambda x: (x.decl_date, x.id))[-LINES:]
        decl, day = lines[-1].customs_decl_no[:9] + "999999999", lines[-1].decl_date
        with db.write():
            for n, x in enumerate(lines, 1):
                repo.update(replace(x, customs_decl_no=f"T{n:03d}"))
            for n, x in enumerate(lines, 1):
                repo.update(replace(x, customs_decl_no=decl, decl_date=day, line_no=n))
        _attachments(db, folder, lines)
    return path, decl


def _attachments(db, folder: Path, lines) -> None:
    from magdesk import usecases

    repo = usecases.repository(db)
    sales = [repo.get("sale", x.sale_id) for x in lines[:6]]
    for i, s in enumerate(sales):
        contract = folder / f"contract-{i}.pdf"
        contract.write_bytes(b"%PDF-1.4 contract " + bytes(20_000 + i))
        report = folder / f"report-{i}.pdf"
        report.write_bytes(b"%PDF-1.4 report " + bytes(50_000 + i))
        assert usecases.attach(db, "sale", s.id, contract, "contract").ok
        assert usecases.attach(db, "product", s.product_id, report, "test_report").ok
    euc = folder / "euc.pdf"
    euc.write_bytes(b"%PDF-1.4 euc " + os.urandom(1 << 20))
    assert usecases.attach(db, "counterparty", lines[-1].consignee_id, euc, "end_user_cert").ok


def figure(path: Path, decl: str, out: Path) -> tuple[float, dict]:
    from magdesk import usecases
    from magdesk.gui.printing import save_pdf
    from magdesk.storage import open_database

    start = time.perf_counter()
    with open_database(path, check=False) as db:
        result = usecases.write_dossier(db, decl, out, render_pdf=save_pdf)
    seconds = time.perf_counter() - start
    return seconds, {"pages": result.pages, "attachments": result.attachments,
                     "missing": len(result.missing), "zip_mb": result.zip.stat().st_size / 2**20}


def floor(path: Path, decl: str, out: Path) -> float:
    import openpyxl

    from magdesk import usecases
    from magdesk.reports.model import cell_text
    from magdesk.storage import open_database

    with open_database(path, check=False) as db:
        report = usecases.dossier_report(db, decl)
    rows = [[cell_text(c.kind, v) for c, v in zip(t.columns, r.cells, strict=True)]
            for t in report.tables() for r in (*t.rows, *t.totals)]
    start = time.perf_counter()
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("rows")
    for row in rows:
        sheet.append(row)
    book.save(out / "floor.xlsx")
    return time.perf_counter() - start


def trace(path: Path, decl: str, out: Path) -> float:
    from magdesk.gui.printing import save_pdf
    from magdesk.reports import build_report
    from magdesk.storage import open_database
    from magdesk.storage.repository import Repository

    with open_database(path, check=False) as db:
        line = next(Repository(db).iter("export", where="customs_decl_no = ?", params=(decl,)))
        sale = Repository(db).get("sale", line.sale_id).doc_no
        start = time.perf_counter()
        save_pdf(build_report(db, "trace", f"{line.decl_date:%Y-%m}", sale=sale),
                 out / "trace.pdf")
    return time.perf_counter() - start


def main() -> int:
    app = _app()  # noqa: F841 - kept alive while painting
    with tempfile.TemporaryDirectory(prefix="bench-dossier-") as tmp:
        folder = Path(tmp)
        path, decl = build(folder)
        runs, info = [], {}
        for n in range(3):
            seconds, info = figure(path, decl, folder / f"out{n}")
            runs.append(seconds)
        floors = [floor(path, decl, folder) for _ in range(3)]
        traced = statistics.median(trace(path, decl, folder) for _ in range(3))
    median, low = statistics.median(runs), statistics.median(floors)
    print(f"dossier of a {LINES}-line declaration: {median:.2f} s (median of 3: "
          + ", ".join(f"{s:.2f}" for s in runs) + f"); {info['pages']} pages, "
          f"{info['attachments']} attachments zipped ({info['zip_mb']:.1f} MB), "
          f"{info['missing']} missing pieces")
    print(f"floor (openpyxl write-only of the same rows): {low:.3f} s; ratio {median / low:.1f}x")
    print(f"reference: backward trace summary of one sale to PDF: {traced:.2f} s")
    ok = median < TARGET
    print(f"{'PASS' if ok else 'FAIL'}: {median:.2f} s against the target of {TARGET:.0f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
