"""A two-line export declaration made in a demo copy through the use cases
(one line controlled with its licence, one not, its model without a test
report), and a plain-text renderer of a report for tests that need no PDF."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from magdesk import usecases
from magdesk.reports.model import Facts, Paragraph, Table, cell_text
from magdesk.storage import open_database


def text_render(report, path: Path) -> int:
    """Write what a report says as plain lines (title, subject, facts, every
    cell, paragraphs): a renderer for the use case without Qt; one page."""
    lines = [report.title, report.subject]
    for section in report.sections:
        lines.append(section.title)
        for block in section.blocks:
            if isinstance(block, Facts):
                lines += [f"{k}: {v}" for k, v in block.pairs]
            elif isinstance(block, Table):
                lines.append(" | ".join(c.header for c in block.columns))
                lines += [" | ".join(cell_text(c.kind, v) for c, v in
                                     zip(block.columns, r.cells, strict=True))
                          for r in (*block.rows, *block.totals)]
            elif isinstance(block, Paragraph):
                lines.append(block.text)
    Path(path).write_text("\n".join(lines), encoding="utf-8")
    return 1


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


def make_declared(demo_copy) -> dict:
    """A two-line declaration built in the demo copy; what it must name."""
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
    return facts
