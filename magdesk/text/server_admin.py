"""What an administrator does on a PostgreSQL server (``storage.postgres``
points and roles, ``magdesk-cli db point|points|restore|user``): why it is
refused, and what it did."""

from __future__ import annotations

SERVER_ADMIN: dict[str, tuple[str, str]] = {
    "pg.no_tool": (
        "找不到 PostgreSQL 程序 {tool}（服务器版本 {major}）；已查找：{places}。"
        "请安装 postgresql-client",
        "the PostgreSQL program {tool} (server version {major}) was not found in {places}; "
        "install postgresql-client",
    ),
    "pg.tool_failed": (
        "{tool} 在 {where} 上失败，未改动任何内容：{error}",
        "{tool} failed on {where}, nothing was changed: {error}",
    ),
    "pg.point_not_written": (
        "无法在 {folder} 写入恢复点：{error}",
        "the restore point could not be written in {folder}: {error}",
    ),
    "pg.point_failed": (
        "未能为 {where} 建立恢复点，未写入任何内容：{error}",
        "no restore point of {where} was taken, nothing was written: {error}",
    ),
    "pg.point_unreadable": (
        "恢复点 {name} 无法读取：{error}",
        "the restore point {name} cannot be read: {error}",
    ),
    "pg.no_point": (
        "{where} 没有名为 {name} 的恢复点",
        "{where} has no restore point called {name}",
    ),
    "pg.restore_check": (
        "已从 {name} 恢复 {where}，但恢复后的校验不符：{detail}",
        "{where} was restored from {name} but does not check against it: {detail}",
    ),
    "pg.bad_role": (
        "没有角色 {role}；可用：{roles}",
        "there is no role {role}; the roles are {roles}",
    ),
    "pg.bad_user_name": (
        "用户名 {name} 不可用：只能用小写字母、数字和下划线，且不以 pg_ 或 magdesk_ 开头",
        "the user name {name} cannot be used: lower-case letters, digits and underscores "
        "only, not starting with pg_ or magdesk_",
    ),
    "pg.user_is_group": (
        "{name} 是服务器上的组角色，不是用户",
        "{name} is a group role on the server, not a user",
    ),
    "pg.no_user": (
        "{where} 中没有用户 {name}",
        "{where} has no user {name}",
    ),
    "pg.cli.point": (
        "已为 {where} 建立恢复点 {name}：审计链至第 {seq} 条，{rows} 行，{size}",
        "restore point {name} of {where} taken: audit chain up to entry {seq}, {rows} rows, "
        "{size}",
    ),
    "pg.cli.no_points": ("{where} 还没有恢复点", "{where} has no restore points yet"),
    "pg.cli.upgraded": ("已将 {where} 的结构从版本 {before} 升级到 {now}",
                        "{where} upgraded from schema version {before} to {now}"),
    "pg.cli.up_to_date": ("{where} 的结构已是版本 {now}，无需升级",
                          "{where} is already at schema version {now}; nothing to do"),
    "pg.cli.restored": (
        "已将 {where} 恢复到 {name}（审计链 {entries} 条已校验，用时 {seconds} 秒）；"
        "恢复前的状态保存在 {before}",
        "{where} restored to {name} (audit chain of {entries} entries verified, in "
        "{seconds} s); the state before it is kept as {before}",
    ),
    "pg.cli.password": ("{name} 的密码：", "password for {name}: "),
    "pg.cli.no_password": ("未输入密码", "no password given"),
    "pg.cli.user_set": ("{name}：{role}", "{name}: {role}"),
    "pg.cli.no_users": ("{where} 还没有用户", "{where} has no users yet"),
    "pg.cli.user_dropped": (
        "已从 {where} 删除用户 {name}",
        "user {name} removed from {where}",
    ),
    "pg.cli.user_kept": (
        "已从 {where} 移除用户 {name}；该服务器用户仍属于其他数据库，予以保留",
        "user {name} removed from {where}; the server user still works for other databases "
        "and is kept",
    ),
}
