"""What ``audit verify`` and ``audit log`` say: the anchors held outside the file
(``audit.anchor.*``), what took an anchor and where it is kept, the actions of
the log and how a broken chain was broken (their English is the stored code)."""

from __future__ import annotations

AUDIT: dict[str, tuple[str, str]] = {
    # the anchors outside the file (text/anchors.py)
    "audit.anchor.none": (
        "文件外还没有锚点（导出申报表、建立恢复点或备份、关闭改动过的文件时记下）：只核对了审计记录自身是否一致",
        "No anchor outside the file yet (one is kept on every export, restore point, backup and when a changed file is closed): only the chain's own consistency was checked",
    ),
    "audit.anchor.ok": (
        "已与文件外的 {n} 个锚点核对一致；最新的是第 {seq} 条（{where}，{when}，见{source}）",
        "Checked against {n} anchors held outside the file; the newest matching one is entry {seq} ({where}, {when}, in {source})",
    ),
    "audit.anchor.rewritten": (
        "审计记录已被改写：{where}（{when}，见{source}）记下第 {seq} 条的哈希为 {short}，文件中的却是 {found}。文件中的哈希链虽自身一致，但已被重新计算；第 {first} 条（{entry}）起的记录不可信，此前最后一个一致的锚点：{last}",
        "Audit trail rewritten: {where} ({when}, in {source}) anchored entry {seq} with hash {short}, the file has {found}. The chain in the file is consistent but was recomputed; entries from {first} ({entry}) on cannot be trusted; last matching anchor: {last}",
    ),
    "audit.anchor.cut": (
        "审计记录末尾被截去：{where}（{when}，见{source}）记下审计记录已到第 {seq} 条，文件中只到第 {end} 条；第 {first} 条起的记录不可信，此前最后一个一致的锚点：{last}",
        "Entries cut off the audit trail: {where} ({when}, in {source}) anchored entry {seq}, the file's trail ends at entry {end}; entries from {first} on cannot be trusted; last matching anchor: {last}",
    ),
    "audit.anchor.changed_at": (
        "与副本 {copy} 比对：最先被改动的是第 {seq} 条",
        "Compared with the copy {copy}: entry {seq} is the first one changed",
    ),
    "audit.anchor.no_last": ("无", "none"),
    "audit.anchor.elsewhere": (
        "该锚点记的是 {file}：如果那是本文件的副本并被单独修改过，两者的审计记录自然不同",
        "That anchor was taken of {file}: if that is a copy of this file changed on its own, the two trails have simply gone separate ways",
    ),
    "audit.anchor.replaced": (
        "{n} 个锚点早于一次恢复，所记的记录已被该次恢复取代，不计入",
        "{n} anchors from before a restore name entries that restore replaced; not counted",
    ),
    "audit.anchor.other": (
        "{n} 个锚点属于另一个文件（文件标识不同），已忽略",
        "{n} anchors belong to another file (another identity) and were ignored",
    ),
    "audit.anchor.set_aside": (
        "锚点列表无法读取，已另存为 {path}；此前记下的锚点未能核对",
        "The anchor list could not be read and was set aside as {path}; anchors recorded before then were not checked",
    ),
    "audit.anchor.unreadable": (
        "{path} 无法作为申报工作簿读取（{error}），未用作锚点",
        "{path} cannot be read as a filing workbook ({error}); not used as an anchor",
    ),
    "audit.anchor.no_anchor": (
        "{path} 的“申报信息”中没有“审计链”一行（较早版本的 magdesk 导出？），未用作锚点",
        "{path} has no 审计链 row on 申报信息 (exported by an older magdesk?); not used as an anchor",
    ),
    # what took an anchor ({detail}: the file or point)
    "audit.kind.export": ("导出 {detail}", "export {detail}"),
    "audit.kind.workbook": ("申报工作簿 {detail}", "workbook {detail}"),
    "audit.kind.point": ("恢复点 {detail}", "restore point {detail}"),
    "audit.kind.backup": ("备份 {detail}", "backup {detail}"),
    "audit.kind.restore": ("恢复自 {detail}", "restore from {detail}"),
    "audit.kind.closed": ("关闭 {detail}", "closed {detail}"),
    # where the anchor was read
    "audit.source.list": ("数据文件夹的锚点列表", "the data folder's anchor list"),
    "audit.source.point": ("该恢复点", "that restore point"),
    "audit.source.workbook": ("所给的工作簿", "the workbook given"),
    # an audit log entry's action, and a broken chain's problem
    "audit.action.insert": ("新增", "INSERT"),
    "audit.action.update": ("修改", "UPDATE"),
    "audit.action.delete": ("删除", "DELETE"),
    "audit.action.bulk": ("批量写入", "BULK"),
    "audit.action.restore": ("恢复", "RESTORE"),
    "audit.action.repair": ("修复", "REPAIR"),
    "audit.action.start": ("开始记录", "START"),
    "audit.problem.missing": ("有记录被删除", "missing"),
    "audit.problem.link": ("有记录被插入、移动或调换", "link"),
    "audit.problem.content": ("内容在封存后被修改", "content"),
    "audit.problem.forged": ("冒称由 magdesk 写入", "forged"),
    "audit.problem.unsealed": ("封存被移除", "unsealed"),
    "audit.problem.head": ("结尾与最后封存处不符", "head"),
    "audit.problem.no_head": ("最后封存处的记录被删除", "no_head"),
    # where a broken chain broke (storage.audit.verify)
    "audit.detail.missing_range": (
        "第 {first}–{last} 条已丢失（被删除）；第 {seq} 条接在第 {before} 条之后",
        "entries {first}–{last} are missing (deleted); entry {seq} follows entry {before}",
    ),
    "audit.detail.missing_one": (
        "第 {first} 条已丢失（被删除）；第 {seq} 条接在第 {before} 条之后",
        "entry {first} is missing (deleted); entry {seq} follows entry {before}",
    ),
    "audit.detail.unsealed": ("第 {seq} 条的封存已被移除", "the seal of entry {seq} was removed"),
    "audit.detail.link": (
        "第 {seq} 条没有接在第 {before} 条之后：此处有记录被插入、移动或调换",
        "entry {seq} does not follow entry {before}: an entry was inserted, moved or swapped here",
    ),
    "audit.detail.content": ("第 {seq} 条在封存后被修改或移动",
                             "entry {seq} was changed or moved after it was sealed"),
    "audit.detail.forged_late": (
        "第 {seq} 条自称由 magdesk 写入，实际由其他程序添加",
        "entry {seq} says magdesk wrote it, but it was added by another program",
    ),
    "audit.detail.forged_unsealed": (
        "第 {seq} 条自称由 magdesk 写入，但 magdesk 并未封存它：它由其他程序添加",
        "entry {seq} says magdesk wrote it, but magdesk did not seal it: it was added by "
        "another program",
    ),
    "audit.detail.orphan_seal": ("第 {seq} 条已被删除（其封存仍在）",
                                 "entry {seq} was deleted (its seal is still there)"),
    "audit.detail.no_head": ("最后封存处的记录已被删除",
                             "the record of the last sealed entry was deleted"),
    "audit.detail.cut_range": ("第 {first}–{last} 条已从审计记录末尾被截去",
                               "entries {first}–{last} were cut off the end of the trail"),
    "audit.detail.cut_one": ("第 {seq} 条已从审计记录末尾被截去",
                             "entry {seq} was cut off the end of the trail"),
    "audit.detail.head": (
        "审计记录的结尾与 magdesk 最后封存处（第 {seq} 条）不符：其后的记录由其他程序封存，或有记录被替换",
        "the trail does not end where magdesk last sealed it (entry {seq}): entries after it "
        "were sealed by another program, or entries were replaced",
    ),
    # a record's history in the clerk's words (the History dialog)
    "history.action.insert": ("新增", "Added"),
    "history.action.update": ("修改", "Changed"),
    "history.action.delete": ("删除", "Deleted"),
    "history.action.restore": ("恢复", "Restored"),
    "history.action.repair": ("修复", "Repaired"),
    "history.action.start": ("开始记录", "Trail started"),
    "history.import": ("导入 {file}（{rows} 行）", "Imported {file} ({rows} rows)"),
    "history.demo": ("示例数据（{rows} 行）", "Demo data ({rows} rows)"),
    "history.undo": ("撤销：{what}", "Undone: {what}"),
    "history.redo": ("重做：{what}", "Redone: {what}"),
    "history.bulk": ("批量写入 {note}（{rows} 行）", "Bulk write {note} ({rows} rows)"),
}
