"""The control decision in the clerk's words: why an export of a product
model is, or is not, a controlled item (core/control.py ``Decision``)."""

from __future__ import annotations

CONTROL: dict[str, tuple[str, str]] = {
    "control.remark_yes": ("属于管制物项（{control_no}）", "Controlled item ({control_no})"),
    "control.remark_no": ("不属于管制物项", "Not a controlled item"),
    "control.category": (
        "属于管制物项{control_no}：{item}，不论成分（{basis}，自{since}起施行）",
        "Controlled item {control_no}: {item}, whatever the composition ({basis}, in force since {since})",
    ),
    "control.element": (
        "属于管制物项{control_no}：含{element}{share}%，高于现行门槛{threshold}%（{basis}，自{since}起施行）",
        "Controlled item {control_no}: {element} {share} %, above the threshold in force of {threshold} % ({basis}, in force since {since})",
    ),
    "control.needs_report": (
        "属于管制物项{control_no}：{element}{share}%不超过{limit}%，但没有第三方成分检测报告，不能按0.1%规则免于管制",
        "Controlled item {control_no}: {element} {share} % is at most {limit} %, but without a third-party test report the 0.1 % rule cannot free it",
    ),
    "control.report_0_1": (
        "不属于管制物项：{element}{share}%不超过{limit}%，有第三方检测报告{report}（按0.1%规则，行业惯例）",
        "Not a controlled item: {element} {share} % is at most {limit} %, shown by third-party test report {report} (the 0.1 % rule, industry practice)",
    ),
    "control.deminimis": (
        "不属于管制物项：{element}{share}%低于{limit}%（{basis}，微量规则已启用）",
        "Not a controlled item: {element} {share} % is below {limit} % ({basis}, de-minimis rule turned on)",
    ),
    "control.below": (
        "不属于管制物项：{shares}，均不高于现行门槛{threshold}%",
        "Not a controlled item: {shares}, none above the threshold in force of {threshold} %",
    ),
    "control.rule_off": (
        "不属于管制物项：含{element}{share}%，但{control_no}（{item}）{off}",
        "Not a controlled item: {element} {share} %, but {control_no} ({item}) {off}",
    ),
    "control.rule_off_category": (
        "不属于管制物项：{control_no}（{item}）{off}",
        "Not a controlled item: {control_no} ({item}) {off}",
    ),
    "control.off_switched_off": ("未启用（{basis}）", "is switched off ({basis})"),
    "control.off_suspended": ("暂停实施至{until}（{basis}）", "is suspended until {until} ({basis})"),
    "control.off_not_yet": ("自{until}起才施行（{basis}）", "is in force only from {until} ({basis})"),
    "control.not_listed": (
        "不属于管制物项：{category}不在磁体管制条目所列类别之内",
        "Not a controlled item: {category} is not among the categories the magnet items list",
    ),
    "control.exempt": (
        "不属于管制物项：{exempt}（{reason}）",
        "Not a controlled item: {exempt} ({reason})",
    ),
}
