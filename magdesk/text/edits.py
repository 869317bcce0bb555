"""The undo history's words: what a step did (the Undo menu, "已撤销：…") and
why a step cannot be undone or redone now.  ``{entity}`` is the entity's label
in the reader's language (lower case in English), ``{action}`` one of the
``edit.cannot_*`` texts."""

from __future__ import annotations

EDITS: dict[str, tuple[str, str]] = {
    # what a step did
    "edit.add": ("新增{entity} {key}", "Add {entity} {key}"),
    "edit.change": ("修改{entity} {key}", "Edit {entity} {key}"),
    "edit.delete": ("删除{entity} {key}", "Delete {entity} {key}"),
    "edit.delete_many": ("删除 {count} 条{entity}", "Delete {count} {entity} records"),
    "edit.import": ("导入 {entity}（{rows} 行）", "Import {entity} ({rows} rows)"),
    # why an import's step is refused (nothing changed then)
    "edit.cannot_undo_import": ("不能撤销导入", "The import cannot be undone"),
    "edit.conflict": (
        "{entity} {key} 在您打开后已被 {who} 于 {when} 修改，未保存您的修改：{fields}。"
        "您填写的内容仍在表单中；请核对后关闭，重新打开该记录再修改。",
        "{entity} {key} was changed by {who} at {when} after you opened it; your changes "
        "were not saved: {fields}. What you entered is still in the form: compare, close "
        "it and open the record again to change it.",
    ),
    "edit.conflict_deleted": (
        "{entity} {key} 在您打开后已被 {who} 于 {when} 删除，未保存您的修改；"
        "您填写的内容仍在表单中。",
        "{entity} {key} was deleted by {who} at {when} after you opened it; your changes "
        "were not saved. What you entered is still in the form.",
    ),
    "edit.conflict_field": ("{field} 现为 {theirs}（您的表单中为 {mine}）",
                            "{field} is now {theirs} (your form has {mine})"),
    "edit.someone": ("另一位用户", "another user"),
    "edit.cannot_redo_import": ("不能重做导入", "The import cannot be redone"),
    "edit.taken": ("{action}：{key} 已被导入后新录入的记录占用。",
                   "{action}: {key} is taken by a record entered since."),
    "edit.changed_since": ("{action}：{entity} {key} 在导入后已被修改或删除。",
                           "{action}: {entity} {key} was changed or deleted after it."),
    "edit.referred_to": ("{action}：{entity} {key} 已被{other} {other_key} 引用。",
                         "{action}: {entity} {key} is referred to by {other} {other_key}."),
    "edit.locked": ("{action}：{key} 所在的 {month} 已申报并锁定。",
                    "{action}: {key} lies in {month}, which is filed and locked."),
}
