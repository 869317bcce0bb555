"""Attachments: refusals, the kinds, the steps of the undo history and the
CLI's lines; keyed ``attach.<…>``."""

from __future__ import annotations

ATTACHMENTS: dict[str, tuple[str, str]] = {
    # refusals (storage.attachments, usecases.attachments)
    "attach.too_big": (
        "附件 {name} 太大（{size}），超过每个文件 {limit} 的上限，未保存",
        "{name} is too big to attach ({size}; the limit is {limit} per file); nothing was kept",
    ),
    "attach.not_found": ("找不到要附加的文件 {name}（{path}），未保存",
                         "the file to attach, {name}, is not there ({path}); nothing was kept"),
    "attach.unreadable": ("无法读取要附加的文件 {name}（{error}），未保存",
                          "{name} cannot be read ({error}); nothing was kept"),
    "attach.no_owner": ("找不到要附加到的{entity} {record}，未保存",
                        "there is no {entity} {record} to attach to; nothing was kept"),
    "attach.bad_owner": ("附件只能附加到交易对象、产品、许可证、销售或出口明细，不能附加到 {entity}",
                         "attachments belong to a counterparty, product, licence, sale or export "
                         "line, not to {entity}"),
    "attach.bad_kind": ("附件类型 {kind} 不存在；可选：{kinds}",
                        "there is no attachment kind {kind}; choose one of: {kinds}"),
    "attach.no_such": ("没有编号为 {id} 的附件", "there is no attachment number {id}"),
    "attach.blob_gone": ("附件 {name} 的文件已被清理，未保存；请重新附加该文件",
                         "the stored file of attachment {name} was pruned meanwhile; nothing was "
                         "saved: attach the file again"),
    "attach.missing": ("附件 {name} 的文件不在附件文件夹中（可运行 attach check 查看）",
                       "the file of attachment {name} is not in the attachments folder "
                       "(attach check lists them)"),
    # the kinds
    "attach.kind.contract": ("合同", "contract"),
    "attach.kind.test_report": ("检测报告", "test report"),
    "attach.kind.end_user_cert": ("最终用户和最终用途证明", "end-user certificate"),
    "attach.kind.licence": ("许可证", "licence"),
    "attach.kind.photo": ("照片", "photo"),
    "attach.kind.spec": ("规格书", "specification"),
    "attach.kind.other": ("其他", "other"),
    # a record's history: a file attached or detached
    "attach.word": ("附件", "attachment"),
    # the steps of the undo history
    "attach.edit.add": ("附加 {name}", "attach {name}"),
    "attach.edit.delete": ("删除附件 {name}", "delete attachment {name}"),
    # the CLI
    "attach.cli.added": ("已附加 {name}（{size}，编号 {id}）到 {owner}",
                         "attached {name} ({size}, number {id}) to {owner}"),
    "attach.cli.same_bytes": ("相同内容的文件已保存过，只存一份",
                              "the same bytes were kept already: stored once"),
    "attach.cli.none": ("没有附件", "no attachments"),
    "attach.cli.exported": ("已导出到 {path}", "exported to {path}"),
    "attach.cli.deleted": ("已删除附件 {name}（编号 {id}）", "deleted attachment {name} (number {id})"),
    "attach.cli.check_ok": ("{count} 个附件，共 {size}，文件均完好",
                            "{count} attachments, {size} in all: every file is whole"),
    "attach.cli.check_missing": ("缺失：{id} {name}（{owner}）", "missing: {id} {name} ({owner})"),
    "attach.cli.check_corrupt": ("已损坏：{id} {name}（{owner}）", "damaged: {id} {name} ({owner})"),
    "attach.cli.check_bad": ("{count} 个附件中有 {bad} 个缺失或损坏",
                             "{bad} of {count} attachments are missing or damaged"),
    "attach.cli.pruned": ("已清理不再使用的附件文件，释放 {size}",
                          "attachment files no longer used removed: {size} freed"),
    "attach.cli.carried": ("附件：{count} 个文件（{size}）已随备份复制到 {folder}",
                           "attachments: {count} files ({size}) copied with it to {folder}"),
    "attach.cli.bad_owner_ref": ("无法识别 {ref}：应写作“类型：编号”，如 {example}",
                                 "cannot read {ref}: write entity:key, e.g. {example}"),
}
