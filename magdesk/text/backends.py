"""Moving a company between back ends (``storage.postgres``, ``magdesk-cli db
copy``): why a copy is refused, and what it did."""

from __future__ import annotations

BACKENDS: dict[str, tuple[str, str]] = {
    "pg.no_driver": (
        "未安装 PostgreSQL 支持（psycopg）；请安装 magdesk[postgres]",
        "PostgreSQL support (psycopg) is not installed; install magdesk[postgres]",
    ),
    "pg.cannot_connect": (
        "无法连接 PostgreSQL 服务器 {where}：{error}",
        "cannot connect to the PostgreSQL server {where}: {error}",
    ),
    "pg.failed": (
        "PostgreSQL 服务器 {where} 拒绝了复制，未写入任何内容：{error}",
        "the PostgreSQL server {where} refused the copy, nothing was written: {error}",
    ),
    "pg.not_empty": (
        "{where} 不是空数据库（已有表 {tables}）；请选择替换，或换一个空数据库",
        "{where} is not empty (it holds {tables}); copy with replace, or to an empty database",
    ),
    "pg.foreign_tables": (
        "{where} 中有不是 magdesk 建立的表（{tables}），不会替换",
        "{where} holds tables magdesk did not make ({tables}); it is not replaced",
    ),
    "pg.not_magdesk": (
        "{where} 中没有 magdesk 的数据",
        "{where} holds no magdesk company",
    ),
    "pg.version": (
        "{where} 的结构版本为 {version}，本程序为 {latest}；请由其管理员运行一次 "
        "magdesk-cli db upgrade（升级期间其他录入员稍候）",
        "{where} has schema version {version}, this magdesk has {latest}; its administrator "
        "upgrades it once with magdesk-cli db upgrade (other clerks wait meanwhile)",
    ),
    "pg.version_newer": (
        "{where} 的结构版本为 {version}，比本程序的 {latest} 新；请使用新版 magdesk 打开",
        "{where} has schema version {version}, newer than this magdesk's {latest}; open it "
        "with a newer magdesk",
    ),
    "pg.source_version": (
        "{path} 的结构版本为 {version}，需要 {latest}；请先用 magdesk 打开它以升级",
        "{path} has schema version {version}, {latest} is needed; open it in magdesk first "
        "to upgrade it",
    ),
    "pg.not_a_file": ("{path} 不是 magdesk 文件", "{path} is not a magdesk file"),
    "pg.no_source": ("{path} 不存在", "{path} does not exist"),
    "pg.target_exists": (
        "{path} 已存在；请选择替换，或换一个文件名",
        "{path} already exists; copy with replace, or to another name",
    ),
    "pg.two_servers": (
        "两端都是服务器；请先复制到 SQLite 文件，再复制到另一台服务器",
        "both sides are servers; copy to a SQLite file, then from it to the other server",
    ),
    "pg.cli.done": (
        "已复制 {source} → {target}：{tables} 个表，{rows} 行，附件 {attachments} 个（{size}），"
        "审计链 {entries} 条已在到达后校验至第 {head} 条，用时 {seconds} 秒",
        "copied {source} -> {target}: {tables} tables, {rows} rows, {attachments} attachments "
        "({size}), audit chain of {entries} entries verified on arrival up to entry {head}, "
        "in {seconds} s",
    ),
    "pg.same": ("来源和目标相同：{where}", "the source and the target are the same: {where}"),
    "pg.two_files": (
        "两端都是 SQLite 文件；请用“备份到”复制文件",
        "both sides are SQLite files; copy a file with backup --to",
    ),
    "pg.bad_type": (
        "{table} 表第 {key} 行的 {column} 为 {found}，定义为 {declared}；无法原样复制",
        "{column} of row {key} in {table} is {found}, declared {declared}; it cannot be "
        "copied exactly",
    ),
    "pg.blob_missing": (
        "附件 {name}（{sha}）的文件缺失或损坏；请先运行附件检查",
        "the file of attachment {name} ({sha}) is missing or damaged; run attach check first",
    ),
    "pg.blob_damaged": (
        "服务器上附件文件 {sha} 的内容与其哈希不符",
        "the attachment bytes {sha} on the server do not match their hash",
    ),
    "pg.counts": (
        "复制后 {table} 表行数不符：来源 {source} 行，目标 {target} 行",
        "after the copy {table} has {target} rows, the source {source}",
    ),
    "pg.audit_broken": (
        "到达后审计链校验失败，第 {seq} 条：{detail}；未写入任何内容",
        "the audit chain failed its check on arrival at entry {seq}: {detail}; nothing was "
        "written",
    ),
    "pg.schema": (
        "复制出的文件结构与定义不符：{detail}",
        "the copied file's schema differs from the definition: {detail}",
    ),
    "pg.lost": (
        "与服务器 {where} 的连接中断，这次保存没有写入；已填写的内容仍在，服务器恢复后请再保存：{error}",
        "the connection to the server {where} was lost and this save was not written; what "
        "you entered is still here: save again when the server is back ({error})",
    ),
    "pg.denied": (
        "服务器 {where} 上您的角色无权这样做：{error}",
        "your role on the server {where} may not do this: {error}",
    ),
    "pg.schema_foreign": (
        "服务器 {where} 上的对象与 magdesk 的定义不符（{zh}），为免其中的代码运行，已以只读方式打开；"
        "请服务器管理员核对",
        "the objects on the server {where} differ from magdesk's definition ({en}); it is "
        "opened read-only so that nothing planted there runs: ask the server's administrator",
    ),
    "pg.file_only": (
        "这项操作只适用于文件；服务器上请用：{instead}",
        "this is done on a file only; on a server use: {instead}",
    ),
}
