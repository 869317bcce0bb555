"""Why a period's state cannot change now (``filing.periods.PeriodError``), and
a write refused because its month is filed (``storage.db.PeriodLockedError``)."""

from __future__ import annotations

PERIODS: dict[str, tuple[str, str]] = {
    "period.already_filed": (
        "{period}已申报（回执编号{receipt}），无需再次标记",
        "{period} is already filed (receipt {receipt})",
    ),
    "period.receipt_required": (
        "请填写稀土产品追溯系统的回执编号",
        "The receipt number from the tracking system is required",
    ),
    "period.not_exported": (
        "{period}还没有导出申报表，不能标记为已申报；请先导出",
        "{period} has no exported workbook to file; export it first",
    ),
    "period.changed_since_export": (
        "{period}的记录在导出{file}之后有改动；请重新导出，并上传新导出的文件",
        "The records of {period} changed after {file} was written; export again and upload that file",
    ),
    "period.not_filed": (
        "{period}尚未申报（状态：{state}），只有已申报的月份才能发起更正",
        "{period} is not filed ({state}); only a filed period is amended",
    ),
    # a locked month the database did not name (a trigger's refusal)
    "period.locked_record": (
        "该记录所在的月份已申报锁定，不能修改；请发起更正",
        "The record lies in a filed and locked month; start an amendment to change it",
    ),
}
