"""Filing templates kept in the company's file (``storage.template_store``,
``usecases.templates``) and the CLI's ``template`` lines: why one is
refused, and what was done."""

from __future__ import annotations

TEMPLATE_STORE: dict[str, tuple[str, str]] = {
    # refusals (storage.template_store.TemplateRefused)
    "template_store.no_name": (
        "申报模板需要一个名称（[template] 中的 id）",
        "A filing template needs a name (the id of its [template] table)",
    ),
    "template_store.bad_name": (
        "申报模板名称“{name}”不可用：名称不能超过 {most} 个字符，也不能含换行或控制字符",
        "'{name}' cannot name a filing template: at most {most} characters, without line breaks or control characters",
    ),
    "template_store.builtin_name": (
        "“{name}”是 magdesk 内置模板的名称，请为此模板另取一个名称",
        "'{name}' is the name of a template built into magdesk; give this template another name",
    ),
    "template_store.not_toml": (
        "申报模板“{name}”不是有效的 TOML 文本（第{line}行：{error}），未保存",
        "Filing template '{name}' is not valid TOML (line {line}: {error}); nothing was saved",
    ),
    "template_store.no_head": (
        "申报模板“{name}”缺少 [template] 表，未保存",
        "Filing template '{name}' has no [template] table; nothing was saved",
    ),
    "template_store.invalid": (
        "申报模板“{name}”有误，未保存：{zh}",
        "Filing template '{name}' is wrong; nothing was saved: {en}",
    ),
    "template_store.id_differs": (
        "申报模板的 [template] id 是“{found}”，而保存的名称是“{name}”，两者须一致；未保存",
        "The template's [template] id is '{found}' but it is saved as '{name}'; they must agree. Nothing was saved",
    ),
    "template_store.unknown": (
        "本文件中没有名为“{name}”的申报模板，也没有这个内置模板",
        "There is no filing template '{name}' in this file, nor built into magdesk",
    ),
    "template_store.unknown_version": (
        "申报模板“{name}”没有第 {version} 版（现有：{versions}）",
        "Filing template '{name}' has no version {version} (there are: {versions})",
    ),
    "template_store.in_use": (
        "申报模板“{name}”已用于 {periods} 的申报表，需保留以便重新导出或更正；未删除",
        "Filing template '{name}' was used for the filing of {periods} and is kept to export or amend it again; nothing was deleted",
    ),
    "template_store.builtin_kept": (
        "“{name}”是内置模板，不能删除",
        "'{name}' is built into magdesk and cannot be deleted",
    ),
    # restore points taken before a template is saved or deleted (snapshots.said_note)
    "file.note_template_save": ("保存申报模板“{name}”之前", "before saving template {name}"),
    "file.note_template_delete": ("删除申报模板“{name}”之前", "before deleting template {name}"),
    # the CLI's lines
    "cli.template_line": (
        "{mark} {name}  第{version}版（共{versions}版）  {kind}  {saved}  样表 {sample}",
        "{mark} {name}  v{version} (of {versions})  {kind}  {saved}  sample {sample}",
    ),
    "cli.template_builtin": ("内置", "built in"),
    "cli.template_in_file": ("本文件", "in this file"),
    "cli.template_default": (
        "* 为默认申报模板（导出时使用）",
        "* marks the default filing template (the one export uses)",
    ),
    "cli.template_saved": (
        "已保存申报模板“{name}”第{version}版{default}",
        "Saved filing template '{name}' version {version}{default}",
    ),
    "cli.template_saved_default": ("，并设为默认", ", now the default"),
    "cli.template_now_default": (
        "默认申报模板现为“{name}”",
        "The default filing template is now '{name}'",
    ),
    "cli.template_deleted": (
        "已删除申报模板“{name}”（共{versions}版）",
        "Deleted filing template '{name}' ({versions} versions)",
    ),
    "cli.template_unreadable": (
        "无法读取“{path}”：{error}",
        "Cannot read '{path}': {error}",
    ),
    "cli.template_default_needs": (
        "请给出模板名称，或用 --builtin 恢复内置模板",
        "Give a template name, or --builtin for the built-in template",
    ),
}
