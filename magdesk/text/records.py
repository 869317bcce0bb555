"""Refusals of a change to the records that the clerk reads: accepting a
warning, naming an entity (``magdesk-cli accept``, ``audit log --entity``)."""

from __future__ import annotations

RECORDS: dict[str, tuple[str, str]] = {
    "records.unknown_code": ("没有代码为 {code} 的校验结果", "unknown finding code: {code}"),
    "records.not_a_warning": ("{code} 是错误，不能接受；请改正该记录",
                              "{code} is an error and cannot be accepted; correct the record"),
    "records.reason_short": ("请填写至少4个字的原因", "give a reason of at least 4 characters"),
    "records.unknown_entity": ("没有“{entity}”这类记录", "unknown entity '{entity}'"),
    "records.not_a_choice": ("{field}不能是“{value}”，可选：{choices}",
                             "{field} cannot be '{value}'; one of: {choices}"),
}
