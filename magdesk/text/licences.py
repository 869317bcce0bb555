"""The words of licence usage (``usecases.licence_usage``): each licence's
state and the lines the CLI prints."""

from __future__ import annotations

LICENCES: dict[str, tuple[str, str]] = {
    "licences.state.exceeded": ("超量使用", "Exceeded"),
    "licences.state.expired": ("已过期", "Expired"),
    "licences.state.not_yet_valid": ("尚未生效", "Not yet valid"),
    "licences.state.used_up": ("已用完", "Used up"),
    "licences.state.near_limit": ("将用完（≥80%）", "Nearly used (≥ 80 %)"),
    "licences.state.expiring": ("30日内到期", "Expires within 30 days"),
    "licences.state.valid": ("有效", "Valid"),
    "licences.no_qty": ("不限量", "no quantity"),
    "licences.usage_line": (
        "{licence}  {kind}  {valid_from}至{valid_to}  许可 {licensed}  已用 {drawn} kg  "
        "剩余 {left}  已用比例 {pct}  剩余天数 {days}  {state}",
        "{licence}  {kind}  {valid_from} to {valid_to}  licensed {licensed}  drawn {drawn} kg  "
        "left {left}  used {pct}  days left {days}  {state}",
    ),
    "licences.permits": (
        "    许可收货人：{consignees}；最终用户：{end_users}；最终用途：{end_uses}",
        "    Consignees: {consignees}; end users: {end_users}; end uses: {end_uses}",
    ),
    "licences.drawn_line": ("    {line}  {day}  {qty} kg  {consignee}",
                           "    {line}  {day}  {qty} kg  {consignee}"),
    "licences.any": ("不限", "any"),
    "licences.none": ("本文件没有出口许可证", "No export licence in this file"),
    "licences.summary": (
        "共 {count} 个许可证：{in_use} 个有效，{attention} 个需注意（将用完、已用完、超量或30日内到期）",
        "{count} licence(s): {in_use} valid, {attention} to look at (nearly or wholly used, "
        "exceeded, or expiring within 30 days)",
    ),
}
