"""What ``magdesk-cli`` prints itself (``--lang zh|en``); refusals that come
from below carry their own codes."""

from __future__ import annotations

CLI: dict[str, tuple[str, str]] = {
    "cli.control_models": ("各型号的管制判定（按{on}出口）：", "Each model's control decision (for an export on {on}):"),
    "cli.control_lines": ("各出口明细的管制判定：", "Each export line's control decision:"),
    "cli.control_changes": (
        "按新的设置，未申报月份中有 {count} 行出口明细的判定会改变：",
        "Under the new settings, {count} export line(s) of the open months would change:",
    ),
    "cli.control_bad_setting": ("门槛“{value}”不是0至100之间的百分数", "Threshold '{value}' is not a percentage from 0 to 100"),
    "cli.screen_list": (
        "限制名单“{list}”：{entries} 条，最近列入 {newest}，导入于 {imported}",
        "Restricted list '{list}': {entries} entries, newest listed {newest}, imported {imported}",
    ),
    "cli.screen_no_list": (
        "本文件尚无限制名单（用 --list 导入）；仅按最终用途规则筛查",
        "No restricted list in this file yet (import one with --list); screened by the end-use rules only",
    ),
    "cli.screen_done": (
        "筛查完毕：{hits} 处命中，其中 {listed} 处为错误（在名单中或用途禁止）",
        "Screened: {hits} hit(s), {listed} of them errors (listed or end use forbidden)",
    ),
    "cli.decl_line": (
        "报关单 {decl_no} 第 {line_no} 项  {hs}  {name}",
        "Declaration {decl_no} line {line_no}  {hs}  {name}",
    ),
    "cli.decl_written": (
        "已写入 {path}：{decls} 份报关单，{lines} 项",
        "Written {path}: {decls} declaration(s), {lines} line(s)",
    ),
    "cli.decl_none": ("{what} 没有出口报关明细", "No export declaration lines for {what}"),
    "cli.demo_done": ("已生成演示数据库 {path}：{summary}", "Demo database written to {path}: {summary}"),
    "cli.valid_ok": ("校验通过：0 个错误，{warnings} 个警告", "Valid: 0 errors, {warnings} warnings"),
    "cli.valid_bad": (
        "校验未通过：{errors} 个错误，{warnings} 个警告",
        "Not valid: {errors} errors, {warnings} warnings",
    ),
    "cli.check": (
        "完整性：{integrity}；外键问题：{fk}；结构版本：{version}/{latest}",
        "Integrity: {integrity}; foreign-key problems: {fk}; schema: {version}/{latest}",
    ),
    "cli.read_only": ("只读打开：{reason}", "Opened read-only: {reason}"),
    "cli.repaired": (
        "已修复 {name} 的结构：{done}。修复前的文件已存为还原点 {point}",
        "Repaired the schema of {name}: {done}. The file as found is kept as restore point {point}",
    ),
    "cli.repair_none": (
        "{name} 的结构与 magdesk 的定义一致，无需修复",
        "The schema of {name} is magdesk's; nothing to repair",
    ),
    "cli.check_schema": (
        "结构与版本 {version} 的定义不符：{objects}",
        "Schema objects differ from version {version}'s definition: {objects}",
    ),
    "cli.check_totals": (
        "月度出入库合计有 {n} 项与单据不符（由触发器维护的派生数据，被直接改写过）",
        "{n} monthly movement totals differ from their records (derived data the "
        "triggers keep, written to directly)",
    ),
    "cli.accepted": ("已接受 {record} 的 {code} 警告", "Accepted warning {code} for {record}"),
    "cli.exported": ("已导出 {path}（SHA-256 {sha}；数据 SHA-256 {data}）",
                     "Exported {path} (SHA-256 {sha}; data SHA-256 {data})"),
    "cli.export_refused": (
        "{period}有 {errors} 个错误，未导出；改正后再导出，或用 --draft 导出草稿",
        "{period} has {errors} errors and was not exported; correct them, or export a --draft",
    ),
    "cli.period_line": (
        "{period}  {state}  更正{revision}  截止 {deadline}（剩 {days} 天）  回执 {receipt}  文件 {file}",
        "{period}  {state}  revision {revision}  due {deadline} ({days} days)  receipt {receipt}  file {file}",
    ),
    "cli.bad_date": ("日期“{value}”格式应为YYYY-MM-DD", "'{value}' is not a date YYYY-MM-DD"),
    "cli.bad_period": ("期间“{value}”格式应为YYYY-MM", "Period '{value}' must be YYYY-MM"),
    "cli.bad_year": ("年份“{value}”格式应为YYYY", "Year '{value}' must be YYYY"),
    "cli.period_required": ("需要 --period", "--period is required"),
    "cli.file_needs": (
        "标记为已申报需要 --date 和 --receipt",
        "--date and --receipt are required to file a period",
    ),
    "cli.imported": (
        "已导入“{file}”工作表“{sheet}”：新增 {inserted} 条，更新 {updated} 条，跳过 {skipped} 条，{warnings} 个警告；导入前的恢复点：{backup}",
        "Imported '{file}', sheet '{sheet}': {inserted} added, {updated} updated, {skipped} skipped, {warnings} warnings; restore point: {backup}",
    ),
    "cli.import_dry": (
        "试运行，未写入：“{file}”工作表“{sheet}”可新增 {inserted} 条，更新 {updated} 条，跳过 {skipped} 条，{warnings} 个警告",
        "Dry run, nothing written: '{file}', sheet '{sheet}' would add {inserted}, update {updated}, skip {skipped}; {warnings} warnings",
    ),
    "cli.import_bad": (
        "未导入：“{file}”工作表“{sheet}”有 {errors} 个错误，{warnings} 个警告；数据库未改动",
        "Not imported: '{file}', sheet '{sheet}' has {errors} errors and {warnings} warnings; the database is unchanged",
    ),
    "cli.import_columns": (
        "未导入：“{file}”工作表“{sheet}”第{row}行表头缺少必需的列：{columns}",
        "Not imported: the header (row {row}) of '{file}', sheet '{sheet}' lacks required columns: {columns}",
    ),
    "cli.import_report": ("错误报告：{path}", "Error report: {path}"),
    "cli.template_done": ("已生成导入模板 {path}", "Import template written to {path}"),
    "cli.bad_bytes_hint": (
        "加上 --accept-bad-bytes 可以按替换字符导入，含替换字符的单元格逐一列为警告",
        "add --accept-bad-bytes to import it with replacement characters, each cell holding one listed as a warning",
    ),
    "cli.bad_map": ("--map 应写作“表头=列名”，而不是“{value}”", "--map takes HEADER=COLUMN, not '{value}'"),
    "cli.summary_done": (
        "已生成{title}（{period}，共 {pages} 页）：{path}",
        "Wrote {title} ({period}, {pages} pages): {path}",
    ),
    "cli.summary_trace": (
        "--report trace 需要 --lot 或 --sale",
        "--report trace needs --lot or --sale",
    ),
    "cli.summary_subject": (
        "--lot/--sale 只用于 --report trace",
        "--lot/--sale go with --report trace",
    ),
    "cli.summary_failed": ("无法写入 PDF：{error}", "Cannot write the PDF: {error}"),
    "cli.snap_line": (
        "{n:>3}  {time}  {note}（{kind}，{size}）  {name}",
        "{n:>3}  {time}  {note} ({kind}, {size})  {name}",
    ),
    "cli.snap_none": ("{db} 还没有恢复点", "No restore points of {db} yet"),
    "cli.snap_folder": ("恢复点文件夹：{folder}", "Restore points folder: {folder}"),
    "cli.snap_done": ("已建立恢复点 {path}（{size}）", "Restore point written: {path} ({size})"),
    "cli.backup_done": ("已备份到 {path}（{size}）", "Backed up to {path} ({size})"),
    "cli.restored": ("已用 {source} 恢复 {db}", "Restored {db} from {source}"),
    "cli.restored_before": (
        "恢复前的状态已存为恢复点 {name}",
        "The state before is kept as restore point {name}",
    ),
    "cli.restored_damaged": ("损坏的原文件另存为 {path}", "The damaged file was kept as {path}"),
    "cli.restore_force": (
        "确认要用它替换时，请加上 --force-other-company 再运行一次",
        "To put it in place all the same, run again with --force-other-company",
    ),
    "cli.snap_foreign": (
        "以下文件不是 {db} 的还原点（不提供还原，也不会删除）：",
        "Not restore points of {db} (never offered for a restore, never deleted):",
    ),
    "cli.snap_foreign_line": (
        "     {name}：{company}（统一社会信用代码：{code}）",
        "     {name}: {company} (credit code {code})",
    ),
    "cli.snap_unreadable": ("     {name}：无法读取", "     {name}: cannot be read"),
    "cli.audit_ok": (
        "审计记录完好：共 {total} 条，哈希链校验通过",
        "Audit trail intact: {total} entries, hash chain verified",
    ),
    "cli.audit_outside": (
        "其中 {n} 条由 magdesk 以外的程序写入",
        "{n} of them were written by programs other than magdesk",
    ),
    "cli.audit_pending": (
        "{n} 条尚未封存（文件以只读方式打开）",
        "{n} not sealed yet (the file is open read-only)",
    ),
    "cli.audit_broken": (
        "审计记录已被改动：第 {seq} 条起不可信（{problem}）：{detail}",
        "Audit trail broken at entry {seq} ({problem}): {detail}",
    ),
    "cli.audit_none": ("没有审计记录", "No audit entries"),
    "cli.outside": ("magdesk 以外的程序", "outside magdesk"),
    # ``magdesk --help`` (the window's own command)
    "cli.gui_usage": ("用法：", "usage: "),
    "cli.gui_description": (
        "magdesk：稀土磁材企业的台账与月度申报。不带参数时打开上次的文件（首次使用时先填写本企业信息）。",
        "magdesk: records and monthly filing for magnet producers. Without arguments it "
        "opens the file used last (on first use it asks for the company first).",
    ),
    "cli.gui_arguments": ("参数", "arguments"),
    "cli.gui_options": ("选项", "options"),
    "cli.gui_file": ("文件", "FILE"),
    "cli.gui_db": ("要打开的 magdesk 数据库文件（.sqlite）", "a magdesk database file (.sqlite) to open"),
    "cli.gui_help": ("显示本帮助并退出", "show this help and exit"),
    "cli.gui_version": ("显示版本号并退出", "show the version and exit"),
    "cli.gui_lang": (
        "窗口语言：zh 中文，en 英文（仅本次；默认按设置或系统语言）",
        "the window's language: zh Chinese, en English (this time only; default: the "
        "settings', else the system's)",
    ),
    "cli.gui_demo": ("打开演示企业的数据（首次使用时生成）", "open a demo producer (made on first use)"),
}
