"""Why a file cannot be opened or written, in the clerk's language.

A ``Reason`` is a ``str``, the English sentence (what logs, the CLI and
``str()`` of an error show), that also keeps its code and values, so that the
window can say it in Chinese: ``said(reason_or_error, "zh")``."""

from __future__ import annotations

import re

_TEXTS = {
    # why an opened file is read-only
    "marked_read_only": ("{name} 已设为只读", "{name} is marked read-only"),
    "drive_read_only": ("{name} 所在的磁盘是只读的", "the drive holding {name} is read-only"),
    "no_permission": ("您没有写入 {name} 的权限", "you may not write to {name}"),
    "folder_read_only": ("{name} 所在的文件夹是只读的", "the folder of {name} is read-only"),
    "folder_not_writable": ("{name} 所在的文件夹无法写入（{error}）",
                            "the folder of {name} cannot be written ({error})"),
    "full_read_only": ("{name} 所在的磁盘已满，只能查看；请腾出空间后重新打开以便编辑",
                       "the disk holding {name} is full: it can only be viewed; free some space "
                       "and open it again to edit it"),
    "in_use": ("{name} 正由 {holder}打开编辑", "{name} is open for writing by {holder}"),
    "schema_foreign": ("{name} 的结构与 magdesk 的定义不符（{zh}），为免其中的代码运行，已以只读方式打开；"
                       "可修复：magdesk-cli repair --db {path}",
                       "the schema of {name} differs from magdesk's definition ({en}); it is "
                       "opened read-only so that nothing planted in it runs. Repair it with: "
                       "magdesk-cli repair --db {path}"),
    "repair_refused": ("{name} 无法修复：{zh} 缺失或其列已被改动，文件中也没有按原定义保存其数据的表。修复不会凭空造出数据；"
                       "请从还原点还原（magdesk-cli snapshots --db {path}）。文件未作任何改动。",
                       "{name} cannot be repaired: {en} is missing or has other columns, and no "
                       "table in the file holds its rows as defined. A repair never makes up data; restore a restore point instead "
                       "(magdesk-cli snapshots --db {path}). Nothing was changed."),
    "repair_failed": ("{name} 未修复（{error}），文件未作任何改动",
                      "{name} was not repaired ({error}); nothing was changed"),
    "repair_incomplete": ("修复后结构仍不符（{zh}），已全部撤销，文件未作任何改动",
                          "after the repair the schema still differs ({en}); all of it was "
                          "undone, nothing was changed"),
    "nothing_written": ("未写入任何内容：{reason}", "nothing was written: {reason}"),
    # why a file is not opened at all
    "no_file": ("找不到数据库文件：{path}", "no such database file: {path}"),
    "being_created": ("{path} 正由 {holder}创建", "{path} is being created by {holder}"),
    "cannot_create": ("无法创建 {path}：{error}", "{path} cannot be created: {error}"),
    "not_writable": ("无法以写入方式打开 {path}（{error}）",
                     "{path} could not be opened for writing ({error})"),
    "not_magdesk": ("{path} 不是 magdesk 数据库（{error}）",
                    "{path} is not a magdesk database ({error})"),
    "other_program": ("{path} 是其他程序的 SQLite 文件，不是 magdesk 的数据库",
                      "{path} is an SQLite file of another program, not magdesk's"),
    "newer": ("{path} 由更新版本的 magdesk 写入（结构版本 {version}，本程序只认识到 {latest}）。"
              "请安装新版 magdesk 后再打开。",
              "{path} was written by a newer magdesk (schema {version}; this one knows "
              "{latest}). Install the newer magdesk to open it."),
    "damaged": ("{path} 已损坏（{problem}）。最新的还原点是 {name}（{taken}，{note}），"
                "可用命令还原：magdesk-cli restore --db {path} --snapshot 1",
                "{path} is damaged ({problem}). The newest restore point is {name} ({taken}, "
                "{note}); restore it with: magdesk-cli restore --db {path} --snapshot 1"),
    # why a change or a restore point was not written
    "disk_full": ("磁盘已满", "the disk is full"),
    "not_saved_full": ("{path} 所在的磁盘已满：此次更改未保存，之前保存的内容都还在。请腾出空间后重试。",
                       "the disk holding {path} is full: this change was not saved; everything "
                       "saved before is kept. Free some space and try again."),
    "not_saved_read_only": ("{path} 已无法写入：此次更改未保存，之前保存的内容都还在。",
                            "{path} cannot be written any more: this change was not saved; "
                            "everything saved before is kept."),
    "not_saved_gone": ("无法访问 {path}（{error}），是否拔出了它所在的磁盘？此次更改未保存，文件中之前保存的"
                       "内容都还在。请重新连接后再打开该文件。",
                       "{path} cannot be reached ({error}); was the drive removed? this change "
                       "was not saved; everything saved before is kept in the file. Reconnect "
                       "it and open the file again."),
    # an operating-system refusal on a path (failures.path_problem)
    "path_full": ("{path} 无法写入：磁盘已满。请腾出空间后重试。",
                  "{path} could not be written: the disk is full. Free some space and try again."),
    "path_too_big": ("{path} 无法写入：文件超出了允许的大小（{error}）",
                     "{path} could not be written: the file is larger than allowed ({error})"),
    "path_is_folder": ("{path} 是一个文件夹，这里需要的是文件", "{path} is a folder; a file is needed here"),
    "path_not_folder": ("{path} 不是文件夹（它或它上级的某一项是文件），这里需要的是文件夹",
                        "{path} is not a folder (it, or a folder above it, is a file); a folder "
                        "is needed here"),
    "path_missing": ("找不到 {path}", "{path} does not exist"),
    "path_denied": ("您没有访问 {path} 的权限", "you may not access {path}"),
    "path_read_only": ("{path} 所在的磁盘是只读的", "the drive holding {path} is read-only"),
    "path_exists": ("{path} 已存在", "{path} already exists"),
    "path_error": ("{path} 无法读写（{error}）", "{path} cannot be read or written ({error})"),
    "report_not_written": ("错误报告未写入：{error}", "the error report was not written: {error}"),
    "demo_exists": ("{path} 已存在；请另选文件名，或选择替换",
                    "{path} already exists; choose another file or replace it"),
    "demo_disk_full": ("无法生成演示数据库 {path}：磁盘已满。请腾出空间后重试。",
                       "the demo database {path} could not be written: the disk is full. Free "
                       "some space and try again."),
    "demo_not_written": ("无法生成演示数据库 {path}：{error}",
                         "the demo database {path} could not be written: {error}"),
    "backup_not_written": ("备份无法写到 {target}：{error}",
                           "the backup could not be written to {target}: {error}"),
    "open_disk_full": ("无法打开 {path}：它所在的磁盘已满（打开时需要在它旁边写入少量工作文件）。"
                       "文件本身未受影响；请腾出空间后再打开。",
                       "{path} cannot be opened: the disk holding it is full (opening writes a "
                       "small working file beside it). The file itself is unharmed; free some "
                       "space and open it again."),
    "no_point_on_closing": ("关闭时未能为 {name} 保存还原点：{error}",
                            "no restore point of {name} on closing: {error}"),
    "point_not_written": ("还原点无法写入 {folder}：{error}",
                          "the restore point could not be written to {folder}: {error}"),
    "point_mid_change": ("更改进行中，不能保存还原点",
                         "a restore point cannot be taken in the middle of a change"),
    # why a restore point is not put back
    "no_such_point": ("找不到还原点：{path}", "no such restore point: {path}"),
    "point_unreadable": ("{name} 无法读取（{error}），请选择其他还原点",
                         "{name} cannot be read ({error}); choose another one"),
    "point_not_magdesk": ("{name} 不是 magdesk 文件", "{name} is not a magdesk file"),
    "point_newer": ("{name} 由更新版本的 magdesk 写入（结构版本 {schema}）",
                    "{name} was written by a newer magdesk (schema {schema})"),
    "point_damaged": ("{name} 已损坏（{check}），请选择其他还原点",
                      "{name} is damaged ({check}); choose another one"),
    "file_damaged": ("{name} 已损坏", "{name} is damaged"),
    "copy_not_written": ("还原的副本无法写到 {target} 旁边：{error}",
                         "the restored copy could not be written beside {target}: {error}"),
    "not_replaced": ("无法替换 {target}（{error}）；请先关闭打开它的其他程序，然后重试",
                     "{target} could not be replaced ({error}); close every other program "
                     "that has it open and try again"),
    "damaged_not_kept": ("已损坏的文件无法另存：{error}",
                         "the damaged file could not be kept aside: {error}"),
    "restore_in_use": ("{name} 正由 {holder}打开编辑；请先关闭它",
                       "{name} is open for writing by {holder}; close it first"),
    "cannot_write": ("{path} 无法写入：{error}", "{path} cannot be written: {error}"),
    # why an export is not written
    "export_exists": ("{path} 已存在；请先移走它，或选择替换",
                      "{path} already exists; move it away or export with replace"),
    "export_counts": ("未导出 {period}：工作簿与数据库的行数不符（{zh}），已删除写出的文件。"
                      "请先运行 magdesk-cli check 检查该文件",
                      "{period} was not exported: the workbook's row counts differ from the "
                      "database's ({en}); the written file was removed. Check the file first "
                      "with magdesk-cli check"),
    "no_company": ("尚未填写本企业信息，请先填写（文件 ▸ 本企业信息）",
                   "the own company profile is missing; enter it first"),
    "damaged_no_point": ("{path} 已损坏（{problem}），且没有它的还原点；请使用备份副本。",
                         "{path} is damaged ({problem}). There is no restore point of it; "
                         "use a backup copy."),
    # restore points are a file's own (its identity's): never another company's
    "damaged_unknown": ("{path} 已损坏（{problem}）。无法读出它是哪个文件，本机也未曾打开过它，"
                        "因此不推荐任何还原点（其他文件的还原点不会推荐给它）；请使用它的备份副本。",
                        "{path} is damaged ({problem}). Which file it is cannot be read from it "
                        "and this computer has not opened it before, so no restore point is "
                        "recommended (other files' restore points never are); use a backup "
                        "copy of it."),
    "other_company": ("{name} 是另一家公司的文件：{their_company}（统一社会信用代码：{their_code}）；"
                      "而 {target} 是 {our_company}（统一社会信用代码：{our_code}）的文件。未还原。",
                      "{name} is another company's file: {their_company} (credit code "
                      "{their_code}), while {target} is {our_company}'s (credit code "
                      "{our_code}). Nothing was restored."),
    "other_file": ("{name} 是另一个文件的副本（文件标识 {their_id}）：{their_company}"
                   "（统一社会信用代码：{their_code}）；而 {target}（文件标识 {our_id}）是 "
                   "{our_company}（统一社会信用代码：{our_code}）的文件。未还原。",
                   "{name} is a copy of another file (identity {their_id}): {their_company} "
                   "(credit code {their_code}), while {target} (identity {our_id}) is "
                   "{our_company}'s (credit code {our_code}). Nothing was restored."),
    "no_point_number": ("没有第 {number} 个还原点（{db} 共有 {count} 个）",
                        "there is no restore point number {number} ({count} restore points "
                        "of {db})"),
    "no_point_named": ("{db} 没有名为 {name} 的还原点", "{db} has no restore point called {name}"),
    "not_own_point": ("{name} 不是 {db} 自己的还原点；要用其他文件还原，请指明 --from",
                      "{name} is not a restore point of {db}; to restore from another file, "
                      "name it with --from"),
}


class Reason(str):
    """The English sentence for ``code`` with ``params``; ``message(lang)``
    says it in the clerk's language (values that are Reasons too)."""

    code: str
    params: dict

    def __new__(cls, code: str, **params) -> Reason:
        self = super().__new__(cls, _TEXTS[code][1].format(**params))
        self.code, self.params = code, params
        return self

    def message(self, lang: str = "zh") -> str:
        zh, en = _TEXTS[self.code]
        if lang != "zh":
            return en.format(**self.params)
        values = {key: said(value, lang) if isinstance(value, Reason) else value
                  for key, value in self.params.items()}
        if "holder" in values:
            values["holder"] = holder_text(values["holder"], lang)
        return zh.format(**values)

    def __reduce__(self):  # pickled as what it is, not as a plain str
        return (_rebuild, (self.code, self.params))


def _rebuild(code: str, params: dict) -> Reason:
    return Reason(code, **params)


_HOLDER = re.compile(r"(?P<who>\S+) pid (?P<pid>\d+) since (?P<since>\S+)")


def holder_text(holder: str, lang: str) -> str:
    """The lock file's ``user@host pid N since TIME`` as the clerk reads it."""
    if lang != "zh":
        return holder
    if holder == "another program":
        return "另一个程序"
    if holder == "another magdesk (process unknown)":  # safety.UNKNOWN_HOLDER
        return "另一个 magdesk（进程未知）"
    found = _HOLDER.fullmatch(holder)
    if found is None:
        return holder
    since = found["since"].replace("T", " ")[:16]
    return f"{found['who']}（进程 {found['pid']}，自 {since} 起）"


def said(thing: object, lang: str) -> str:
    """A Reason, or an error carrying one (or its own ``message(lang)``), in
    ``lang``; anything else as ``str()`` has it."""
    message = getattr(thing, "message", None)
    if callable(message):
        return message(lang)
    if isinstance(thing, BaseException) and thing.args and isinstance(thing.args[0], Reason):
        return thing.args[0].message(lang)
    return str(thing)
