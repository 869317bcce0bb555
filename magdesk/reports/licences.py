"""Licence usage: for every dual-use export licence valid in the period or
used in it, the licensed quantity, what was used before and in the period,
what remains and when it expires; then the period's controlled export lines."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from ..core.enums import LicenceType
from ..filing.sources import source_rows
from ..storage.db import Database
from ..storage.filing_store import FilingStore, period_bounds
from ..storage.report_store import ReportStore
from .common import country_label, make_report
from .model import Column, Paragraph, Report, Row, Section, Table

TITLE = "出口许可证使用情况表"
USAGE = "许可证使用情况"
LINES = "本期管制物项出口明细"
SOON = 30  # days before expiry a licence is flagged


def licence_report(db: Database, period: str, *, now: datetime | None = None) -> Report:
    bounds = period_bounds(period)
    last_day = date.fromisoformat(bounds["end"]) - timedelta(days=1)
    usage = usage_table(ReportStore(db).licence_usage(period), last_day)
    exports = [x for x in source_rows(FilingStore(db), "exports", period) if x["controlled"]]
    lines = lines_table(exports)
    unlicensed = [x for x in exports if not x["licence_no"]]
    check = (f"核对：本期管制物项出口 {len(exports)} 行，均有许可证。" if not unlicensed else
             f"注意：{len(unlicensed)} 行管制物项出口无许可证："
             + "、".join(x["customs_decl_no"] for x in unlicensed[:20]) + "。")
    sections = [
        Section("一、许可证使用情况", (usage,)),
        Section("二、本期管制物项出口", (lines, Paragraph(check))),
    ]
    return make_report(db, "licences", TITLE, period, sections, now=now, landscape=True,
                       units="重量单位：千克(kg)")


def status(row: dict, remaining: int | None, last_day: date) -> str:
    """``remaining`` None: a general licence without quantity."""
    valid_to = date.fromisoformat(row["valid_to"])
    if remaining is not None and remaining < 0:
        return "超量使用"
    if valid_to <= last_day:
        return "本期到期"
    if remaining == 0:
        return "已用完"
    if valid_to <= last_day + timedelta(days=SOON):
        return f"{SOON}日内到期"
    return "有效"


def usage_table(rows: list[dict], last_day: date) -> Table:
    data = []
    for r in rows:
        used = r["used_before_g"] + r["used_in_g"]
        licensed = r["qty_g"] or None  # 0 stored: a general licence without quantity
        remaining = None if licensed is None else licensed - used
        holder = r["end_user"] or "、".join(r["consignees"])
        data.append(Row((r["licence_no"], LicenceType(r["licence_type"]).label("zh"),
                         r["control_no"], holder, f"{r['valid_from']} 至 {r['valid_to']}",
                         licensed, r["used_before_g"], r["used_in_g"], used, remaining,
                         status(r, remaining, last_day))))
    columns = (Column("许可证号", "code"), Column("类型"), Column("管制编码", "code"),
               Column("最终用户"), Column("有效期"), Column("许可数量(kg)", "mass"),
               Column("期初已用(kg)", "mass"), Column("本期使用(kg)", "mass"),
               Column("累计已用(kg)", "mass"), Column("剩余(kg)", "mass"), Column("状态"))
    total = Row(("合计", "", "", "", "",
                 *(sum(r.cells[i] or 0 for r in data) for i in range(5, 10)), ""), "total")
    return Table(USAGE, columns, tuple(data), (total,),
                 note=f"列出本期内有效或本期有使用的许可证；状态按本期末日({last_day})判断；"
                      "许可数量空白：通用许可证不限量。")


def lines_table(exports: list[dict]) -> Table:
    data = tuple(Row((x["customs_decl_no"], x["decl_date"], x["sale_doc_no"], x["consignee_name"],
                      country_label(x["destination"]), x["control_no"],
                      LicenceType(x["licence_type"]).label("zh"), x["licence_no"] or "(无)",
                      x["qty_g"])) for x in exports)
    columns = (Column("报关单号", "code"), Column("申报日期", "date"), Column("出库单号", "code"),
               Column("境外收货人"), Column("运抵国(地区)"), Column("管制编码", "code"),
               Column("许可证类型"), Column("许可证号", "code"), Column("重量(kg)", "mass"))
    total = Row((f"合计({len(data)} 行)", "", "", "", "", "", "", "",
                 sum(x["qty_g"] for x in exports)), "total")
    return Table(LINES, columns, data, (total,))
