"""A template drafted from a sample (``filing.draft``): what is still
unmapped or ambiguous, and the CLI's lines about learning and checking."""

from __future__ import annotations

TEMPLATE_DRAFT: dict[str, tuple[str, str]] = {
    "template.required_unmapped": (
        "工作表“{sheet}”第 {column} 列“{header}”：样表标为必填，尚未对应任何字段",
        "Sheet '{sheet}', column {column} '{header}': the sample marks it required and it is not mapped",
    ),
    "template.twice": (
        "工作表“{sheet}”第 {column} 列“{header}”：与第 {other} 列对应同一字段",
        "Sheet '{sheet}', column {column} '{header}': mapped to the same field as column {other}",
    ),
    "template.no_code": (
        "工作表“{sheet}”第 {column} 列“{header}”：下拉列表中没有对应“{values}”的代码；含这些值的月份将无法导出",
        "Sheet '{sheet}', column {column} '{header}': no code in the drop-down list for {values}; a month holding one cannot be exported",
    ),
    "template.no_codes": (
        "工作表“{sheet}”第 {column} 列“{header}”：样表的下拉列表只能选“{values}”，尚未为任何值设定代码；"
        "现将写入magdesk的名称，请为每个值选择代码",
        "Sheet '{sheet}', column {column} '{header}': the sample's drop-down list offers only "
        "{values} and no value has a code yet; magdesk's own labels would be written, choose "
        "a code for each value",
    ),
    "template.unit_unsaid": (
        "工作表“{sheet}”第 {column} 列“{header}”：样表未注明单位，将按 {unit} 填写，请确认",
        "Sheet '{sheet}', column {column} '{header}': the sample does not say its unit; it will be written in {unit}, please confirm",
    ),
    "template.guess": (
        "工作表“{sheet}”第 {column} 列“{header}”：推测对应“{target}”，请确认",
        "Sheet '{sheet}', column {column} '{header}': guessed as '{target}', please confirm",
    ),
    "cli.template_learned": (
        "已从样表“{sample}”学习申报模板“{name}”，写入 {out}：{sheets} 个数据表，{mapped}/{columns} 列已对应",
        "Learned template '{name}' from sample '{sample}' into {out}: {sheets} data sheet(s), {mapped} of {columns} columns mapped",
    ),
    "cli.template_problems": (
        "尚需处理 {count} 项（修改 TOML 中的 field 后用 template check 检查）：",
        "{count} thing(s) to settle (set the field in the TOML, then run template check):",
    ),
    "cli.template_ok": (
        "申报模板“{name}”第{version}版可用：{sheets}",
        "Filing template '{name}' v{version} holds: {sheets}",
    ),
}
