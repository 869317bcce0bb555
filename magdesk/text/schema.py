"""How a file's schema differs from magdesk's definition and what a repair did
(``storage.schema``, ``storage.repair``), and the separators of a list said in
a sentence (``words.*``)."""

from __future__ import annotations

SCHEMA: dict[str, tuple[str, str]] = {
    # one object of sqlite_master
    "schema.kind.table": ("表", "table"),
    "schema.kind.index": ("索引", "index"),
    "schema.kind.trigger": ("触发器", "trigger"),
    "schema.kind.function": ("函数", "function"),
    "schema.kind.view": ("视图", "view"),
    "schema.object": ("{kind} {name}", "{kind} {name}"),
    "schema.object_on": ("{table} 表上的{kind} {name}", "{kind} {name} on {table}"),
    # what differs
    "schema.foreign": ("外来：{names}", "foreign: {names}"),
    "schema.missing": ("缺少：{names}", "missing: {names}"),
    "schema.changed": ("被改动：{names}", "changed: {names}"),
    "schema.more": ("等另 {count} 个", "and {count} more"),
    # what a repair did
    "schema.dropped": ("删除：{names}", "dropped: {names}"),
    "schema.recreated": ("按定义重建：{names}", "recreated: {names}"),
    "schema.renamed": ("表 {found} 改回原名 {name}（数据保留）",
                       "table {found} renamed back to {name} (its rows kept)"),
    # a list inside a sentence, and the parts of a longer one
    "words.list": ("、", ", "),
    "words.parts": ("；", "; "),
}
