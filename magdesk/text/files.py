"""Why a file cannot be opened, written or restored (``storage.reasons.Reason``),
and an operating-system refusal on a path; keyed ``file.<reason code>``."""

from __future__ import annotations

FILES: dict[str, tuple[str, str]] = {
    # a write the database refused (storage.db.DuplicateKeyError)
    "file.key_taken": (
        "该单号、代码或统一社会信用代码已被其他记录使用，未保存",
        "A document number, code or credit code is already taken; nothing was saved",
    ),
    # why an opened file is read-only
    "file.marked_read_only": ("{name} 已设为只读", "{name} is marked read-only"),
    "file.drive_read_only": ("{name} 所在的磁盘是只读的", "the drive holding {name} is read-only"),
    "file.no_permission": ("您没有写入 {name} 的权限", "you may not write to {name}"),
    "file.folder_read_only": ("{name} 所在的文件夹是只读的", "the folder of {name} is read-only"),
    "file.folder_not_writable": (
        "{name} 所在的文件夹无法写入（{error}）",
        "the folder of {name} cannot be written ({error})",
    ),
    "file.full_read_only": (
        "{name} 所在的磁盘已满，只能查看；请腾出空间后重新打开以便编辑",
        "the disk holding {name} is full: it can only be viewed; free some space and open it again to edit it",
    ),
    "file.in_use": ("{name} 正由 {holder}打开编辑", "{name} is open for writing by {holder}"),
    "file.schema_foreign": (
        "{name} 的结构与 magdesk 的定义不符（{zh}），为免其中的代码运行，已以只读方式打开；可修复：magdesk-cli repair --db {path}",
        "the schema of {name} differs from magdesk's definition ({en}); it is opened read-only so that nothing planted in it runs. Repair it with: magdesk-cli repair --db {path}",
    ),
    "file.repair_refused": (
        "{name} 无法修复：{zh} 缺失或其列已被改动，文件中也没有按原定义保存其数据的表。修复不会凭空造出数据；请从还原点还原（magdesk-cli snapshots --db {path}）。文件未作任何改动。",
        "{name} cannot be repaired: {en} is missing or has other columns, and no table in the file holds its rows as defined. A repair never makes up data; restore a restore point instead (magdesk-cli snapshots --db {path}). Nothing was changed.",
    ),
    "file.repair_failed": (
        "{name} 未修复（{error}），文件未作任何改动",
        "{name} was not repaired ({error}); nothing was changed",
    ),
    "file.repair_incomplete": (
        "修复后结构仍不符（{zh}），已全部撤销，文件未作任何改动",
        "after the repair the schema still differs ({en}); all of it was undone, nothing was changed",
    ),
    "file.nothing_written": ("未写入任何内容：{reason}", "nothing was written: {reason}"),
    # why a file is not opened at all
    "file.no_file": ("找不到数据库文件：{path}", "no such database file: {path}"),
    "file.being_created": ("{path} 正由 {holder}创建", "{path} is being created by {holder}"),
    "file.cannot_create": ("无法创建 {path}：{error}", "{path} cannot be created: {error}"),
    "file.not_writable": (
        "无法以写入方式打开 {path}（{error}）",
        "{path} could not be opened for writing ({error})",
    ),
    "file.not_magdesk": (
        "{path} 不是 magdesk 数据库（{error}）",
        "{path} is not a magdesk database ({error})",
    ),
    "file.other_program": (
        "{path} 是其他程序的 SQLite 文件，不是 magdesk 的数据库",
        "{path} is an SQLite file of another program, not magdesk's",
    ),
    "file.newer": (
        "{path} 由更新版本的 magdesk 写入（结构版本 {version}，本程序只认识到 {latest}）。请安装新版 magdesk 后再打开。",
        "{path} was written by a newer magdesk (schema {version}; this one knows {latest}). Install the newer magdesk to open it.",
    ),
    "file.damaged": (
        "{path} 已损坏（{problem}）。最新的还原点是 {name}（{taken}，{note}），可用命令还原：magdesk-cli restore --db {path} --snapshot 1",
        "{path} is damaged ({problem}). The newest restore point is {name} ({taken}, {note}); restore it with: magdesk-cli restore --db {path} --snapshot 1",
    ),
    # why a change or a restore point was not written
    "file.disk_full": ("磁盘已满", "the disk is full"),
    "file.not_saved_full": (
        "{path} 所在的磁盘已满：此次更改未保存，之前保存的内容都还在。请腾出空间后重试。",
        "the disk holding {path} is full: this change was not saved; everything saved before is kept. Free some space and try again.",
    ),
    "file.not_saved_read_only": (
        "{path} 已无法写入：此次更改未保存，之前保存的内容都还在。",
        "{path} cannot be written any more: this change was not saved; everything saved before is kept.",
    ),
    "file.not_saved_gone": (
        "无法访问 {path}（{error}），是否拔出了它所在的磁盘？此次更改未保存，文件中之前保存的内容都还在。请重新连接后再打开该文件。",
        "{path} cannot be reached ({error}); was the drive removed? this change was not saved; everything saved before is kept in the file. Reconnect it and open the file again.",
    ),
    # an operating-system refusal on a path (failures.path_problem)
    "file.path_full": (
        "{path} 无法写入：磁盘已满。请腾出空间后重试。",
        "{path} could not be written: the disk is full. Free some space and try again.",
    ),
    "file.path_too_big": (
        "{path} 无法写入：文件超出了允许的大小（{error}）",
        "{path} could not be written: the file is larger than allowed ({error})",
    ),
    "file.path_is_folder": ("{path} 是一个文件夹，这里需要的是文件", "{path} is a folder; a file is needed here"),
    "file.path_not_folder": (
        "{path} 不是文件夹（它或它上级的某一项是文件），这里需要的是文件夹",
        "{path} is not a folder (it, or a folder above it, is a file); a folder is needed here",
    ),
    "file.path_missing": ("找不到 {path}", "{path} does not exist"),
    "file.path_denied": ("您没有访问 {path} 的权限", "you may not access {path}"),
    "file.path_read_only": ("{path} 所在的磁盘是只读的", "the drive holding {path} is read-only"),
    "file.path_exists": ("{path} 已存在", "{path} already exists"),
    "file.path_error": ("{path} 无法读写（{error}）", "{path} cannot be read or written ({error})"),
    "file.report_not_written": ("错误报告未写入：{error}", "the error report was not written: {error}"),
    "file.demo_exists": (
        "{path} 已存在；请另选文件名，或选择替换",
        "{path} already exists; choose another file or replace it",
    ),
    "file.demo_disk_full": (
        "无法生成演示数据库 {path}：磁盘已满。请腾出空间后重试。",
        "the demo database {path} could not be written: the disk is full. Free some space and try again.",
    ),
    "file.demo_not_written": (
        "无法生成演示数据库 {path}：{error}",
        "the demo database {path} could not be written: {error}",
    ),
    "file.backup_not_written": (
        "备份无法写到 {target}：{error}",
        "the backup could not be written to {target}: {error}",
    ),
    "file.open_disk_full": (
        "无法打开 {path}：它所在的磁盘已满（打开时需要在它旁边写入少量工作文件）。文件本身未受影响；请腾出空间后再打开。",
        "{path} cannot be opened: the disk holding it is full (opening writes a small working file beside it). The file itself is unharmed; free some space and open it again.",
    ),
    "file.no_point_on_closing": (
        "关闭时未能为 {name} 保存还原点：{error}",
        "no restore point of {name} on closing: {error}",
    ),
    "file.point_not_written": (
        "还原点无法写入 {folder}：{error}",
        "the restore point could not be written to {folder}: {error}",
    ),
    "file.point_mid_change": (
        "更改进行中，不能保存还原点",
        "a restore point cannot be taken in the middle of a change",
    ),
    # why a restore point is not put back
    "file.no_such_point": ("找不到还原点：{path}", "no such restore point: {path}"),
    "file.point_unreadable": (
        "{name} 无法读取（{error}），请选择其他还原点",
        "{name} cannot be read ({error}); choose another one",
    ),
    "file.point_not_magdesk": ("{name} 不是 magdesk 文件", "{name} is not a magdesk file"),
    "file.point_newer": (
        "{name} 由更新版本的 magdesk 写入（结构版本 {schema}）",
        "{name} was written by a newer magdesk (schema {schema})",
    ),
    "file.point_damaged": (
        "{name} 已损坏（{check}），请选择其他还原点",
        "{name} is damaged ({check}); choose another one",
    ),
    "file.file_damaged": ("{name} 已损坏", "{name} is damaged"),
    "file.copy_not_written": (
        "还原的副本无法写到 {target} 旁边：{error}",
        "the restored copy could not be written beside {target}: {error}",
    ),
    "file.not_replaced": (
        "无法替换 {target}（{error}）；请先关闭打开它的其他程序，然后重试",
        "{target} could not be replaced ({error}); close every other program that has it open and try again",
    ),
    "file.damaged_not_kept": (
        "已损坏的文件无法另存：{error}",
        "the damaged file could not be kept aside: {error}",
    ),
    "file.restore_in_use": (
        "{name} 正由 {holder}打开编辑；请先关闭它",
        "{name} is open for writing by {holder}; close it first",
    ),
    "file.cannot_write": ("{path} 无法写入：{error}", "{path} cannot be written: {error}"),
    # why an export is not written
    "file.export_exists": (
        "{path} 已存在；请先移走它，或选择替换",
        "{path} already exists; move it away or export with replace",
    ),
    "file.export_uncoded": (
        "未导出 {period}：工作表“{sheet}”第 {row} 行 {column} 列“{header}”的值“{value}”在模板的下拉列表中没有代码；请在申报模板中为它选一个代码",
        "{period} not exported: sheet '{sheet}', row {row}, column {column} '{header}': the template's drop-down list has no code for '{value}'; choose one in the filing template",
    ),
    "file.export_counts": (
        "未导出 {period}：工作簿与数据库的行数不符（{zh}），已删除写出的文件。请先运行 magdesk-cli check 检查该文件",
        "{period} was not exported: the workbook's row counts differ from the database's ({en}); the written file was removed. Check the file first with magdesk-cli check",
    ),
    "file.no_company": (
        "尚未填写本企业信息，请先填写（文件 ▸ 本企业信息）",
        "the own company profile is missing; enter it first",
    ),
    "file.damaged_no_point": (
        "{path} 已损坏（{problem}），且没有它的还原点；请使用备份副本。",
        "{path} is damaged ({problem}). There is no restore point of it; use a backup copy.",
    ),
    # restore points are a file's own (its identity's): never another company's
    "file.damaged_unknown": (
        "{path} 已损坏（{problem}）。无法读出它是哪个文件，本机也未曾打开过它，因此不推荐任何还原点（其他文件的还原点不会推荐给它）；请使用它的备份副本。",
        "{path} is damaged ({problem}). Which file it is cannot be read from it and this computer has not opened it before, so no restore point is recommended (other files' restore points never are); use a backup copy of it.",
    ),
    "file.other_company": (
        "{name} 是另一家公司的文件：{their_company}（统一社会信用代码：{their_code}）；而 {target} 是 {our_company}（统一社会信用代码：{our_code}）的文件。未还原。",
        "{name} is another company's file: {their_company} (credit code {their_code}), while {target} is {our_company}'s (credit code {our_code}). Nothing was restored.",
    ),
    "file.other_file": (
        "{name} 是另一个文件的副本（文件标识 {their_id}）：{their_company}（统一社会信用代码：{their_code}）；而 {target}（文件标识 {our_id}）是 {our_company}（统一社会信用代码：{our_code}）的文件。未还原。",
        "{name} is a copy of another file (identity {their_id}): {their_company} (credit code {their_code}), while {target} (identity {our_id}) is {our_company}'s (credit code {our_code}). Nothing was restored.",
    ),
    "file.no_point_number": (
        "没有第 {number} 个还原点（{db} 共有 {count} 个）",
        "there is no restore point number {number} ({count} restore points of {db})",
    ),
    "file.no_point_named": ("{db} 没有名为 {name} 的还原点", "{db} has no restore point called {name}"),
    "file.not_own_point": (
        "{name} 不是 {db} 自己的还原点；要用其他文件还原，请指明 --from",
        "{name} is not a restore point of {db}; to restore from another file, name it with --from",
    ),
    # who holds a file open for writing (the lock file's holder)
    "file.holder_other_program": ("另一个程序", "another program"),
    "file.holder_unknown": ("另一个 magdesk（进程未知）", "another magdesk (process unknown)"),
    "file.holder_process": ("{who}（进程 {pid}，自 {since} 起）", "{who} pid {pid} since {since}"),
    # a backup or a restore point refused (storage.snapshots, datasafety)
    "file.backup_self": ("备份不能覆盖它所复制的数据库", "a backup cannot replace the database it copies"),
    "file.backup_exists": ("{target} 已存在；请另选文件名，或选择替换",
                           "{target} already exists; choose another name or replace it"),
    "file.copy_unreadable": ("副本读回时校验未通过，未保存", "the copy does not read back correctly"),
    "file.point_not_readable": ("{name} 不是可读取的还原点（{error}）",
                                "{name} is not a readable restore point ({error})"),
    "file.not_a_point": ("{name} 不是还原点", "{name} is not a restore point"),
    "file.restore_read_only": ("{name} 现在不能还原：{reason}", "{name} cannot be restored now: {reason}"),
    "file.no_audit": ("{name} 没有审计记录（结构版本 {schema}）",
                      "{name} has no audit trail (schema {schema})"),
    "file.company_file_exists": ("{path} 已存在；请另选文件", "{path} already exists; choose another file"),
    "file.no_worksheet": ("文件中没有工作表", "the file holds no worksheet"),
    # what a restore point was taken before (its note), as the list of points says it
    "file.note_export": ("导出 {period} 申报表之前", "before export {period}"),
    "file.note_filing": ("将 {period} 标记为已申报之前", "before filing {period}"),
    "file.note_amending": ("发起 {period} 更正之前", "before amending {period}"),
    "file.note_import": ("导入之前", "before import"),
    "file.note_deleting": ("批量删除 {count} 条记录之前", "before deleting {count} records"),
    "file.note_restoring": ("还原 {name} 之前", "before restoring {name}"),
    "file.note_migration": ("数据结构从 v{version} 升级之前", "before migration from schema v{version}"),
    "file.note_repair": ("修复数据结构之前", "before repairing the schema"),
    "file.note_exit": ("关闭文件时", "on closing"),
    "file.note_manual": ("手动备份", "taken by hand"),
    "file.note_backup": ("备份", "backup"),
}
