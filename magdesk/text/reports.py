"""Why a summary cannot be made (``reports.common.ReportError``)."""

from __future__ import annotations

REPORTS: dict[str, tuple[str, str]] = {
    "report.no_company": (
        "本企业信息缺失，请先填写企业名称和统一社会信用代码",
        "The own company profile is missing; enter its name and credit code first",
    ),
    "report.trace_subject": (
        "批次追溯需要一个原料批号或一个出库单号（只能选其一）",
        "A batch trace needs one lot number or one sale document number",
    ),
    "report.lot_not_found": ("找不到原料批号“{key}”", "No purchased lot '{key}'"),
    "report.sale_not_found": ("找不到出库单号“{key}”", "No sale '{key}'"),
    "report.unknown_kind": ("没有“{key}”这种汇总表", "There is no summary called '{key}'"),
}
