"""What ``audit verify`` found against the anchors held outside the file, in
the clerk's language (zh, en): the lines the CLI prints, and a window would
show, after the chain's own check.  No Qt, no SQL: words only."""

from __future__ import annotations

from datetime import datetime

_TEXT = {
    "none": ("文件外还没有锚点（导出申报表、建立恢复点或备份、关闭改动过的文件时记下）：只核对了审计记录自身是否一致",
             "No anchor outside the file yet (one is kept on every export, restore point, "
             "backup and when a changed file is closed): only the chain's own consistency "
             "was checked"),
    "ok": ("已与文件外的 {n} 个锚点核对一致；最新的是第 {seq} 条（{where}，{when}，见{source}）",
           "Checked against {n} anchors held outside the file; the newest matching one is "
           "entry {seq} ({where}, {when}, in {source})"),
    "rewritten": ("审计记录已被改写：{where}（{when}，见{source}）记下第 {seq} 条的哈希为 {short}，"
                  "文件中的却是 {found}。文件中的哈希链虽自身一致，但已被重新计算；第 {first} 条"
                  "（{entry}）起的记录不可信，此前最后一个一致的锚点：{last}",
                  "Audit trail rewritten: {where} ({when}, in {source}) anchored entry {seq} "
                  "with hash {short}, the file has {found}. The chain in the file is consistent "
                  "but was recomputed; entries from {first} ({entry}) on cannot be trusted; "
                  "last matching anchor: {last}"),
    "cut": ("审计记录末尾被截去：{where}（{when}，见{source}）记下审计记录已到第 {seq} 条，"
            "文件中只到第 {end} 条；第 {first} 条起的记录不可信，此前最后一个一致的锚点：{last}",
            "Entries cut off the audit trail: {where} ({when}, in {source}) anchored entry "
            "{seq}, the file's trail ends at entry {end}; entries from {first} on cannot be "
            "trusted; last matching anchor: {last}"),
    "changed_at": ("与副本 {copy} 比对：最先被改动的是第 {seq} 条",
                   "Compared with the copy {copy}: entry {seq} is the first one changed"),
    "no_last": ("无", "none"),
    "elsewhere": ("该锚点记的是 {file}：如果那是本文件的副本并被单独修改过，两者的审计记录自然不同",
                  "That anchor was taken of {file}: if that is a copy of this file changed on "
                  "its own, the two trails have simply gone separate ways"),
    "replaced": ("{n} 个锚点早于一次恢复，所记的记录已被该次恢复取代，不计入",
                 "{n} anchors from before a restore name entries that restore replaced; "
                 "not counted"),
    "other": ("{n} 个锚点属于另一个文件（文件标识不同），已忽略",
              "{n} anchors belong to another file (another identity) and were ignored"),
    "set_aside": ("锚点列表无法读取，已另存为 {path}；此前记下的锚点未能核对",
                  "The anchor list could not be read and was set aside as {path}; anchors "
                  "recorded before then were not checked"),
    "unreadable": ("{path} 无法作为申报工作簿读取（{error}），未用作锚点",
                   "{path} cannot be read as a filing workbook ({error}); not used as an anchor"),
    "no_anchor": ("{path} 的“申报信息”中没有“审计链”一行（较早版本的 magdesk 导出？），未用作锚点",
                  "{path} has no 审计链 row on 申报信息 (exported by an older magdesk?); not "
                  "used as an anchor"),
}
_KINDS = {"export": ("导出 {d}", "export {d}"), "workbook": ("申报工作簿 {d}", "workbook {d}"),
          "point": ("恢复点 {d}", "restore point {d}"), "backup": ("备份 {d}", "backup {d}"),
          "restore": ("恢复自 {d}", "restore from {d}"), "closed": ("关闭 {d}", "closed {d}")}
_SOURCES = {"list": ("数据文件夹的锚点列表", "the data folder's anchor list"),
            "point": ("该恢复点", "that restore point"),
            "workbook": ("所给的工作簿", "the workbook given")}


def _t(key: str, lang: str, **params) -> str:
    zh, en = _TEXT[key]
    return (zh if lang == "zh" else en).format(**params)


def _pick(table: dict, key: str, lang: str) -> str:
    zh, en = table.get(key, (key, key))
    return zh if lang == "zh" else en


def where(anchor, lang: str) -> str:
    """What took an anchor: "export 2026-10 r0 X.xlsx", "restore point …"."""
    return _pick(_KINDS, anchor.kind, lang).format(d=anchor.detail)


def _when(moment: datetime) -> str:
    return f"{moment.astimezone():%Y-%m-%d %H:%M}"


def _about(anchor, lang: str) -> dict:
    return {"where": where(anchor, lang), "when": _when(anchor.when), "seq": anchor.seq,
            "source": _pick(_SOURCES, anchor.source, lang)}


def _entry(entry: dict | None) -> str:
    if not entry:
        return "?"
    key = entry.get("record_key") or entry.get("record") or ""
    at = str(entry.get("at") or "")
    try:
        at = f"{datetime.fromisoformat(at.replace('Z', '+00:00')).astimezone():%Y-%m-%d %H:%M:%S}"
    except ValueError:  # an entry edited by hand: as it is
        pass
    return f"{entry.get('action')} {entry.get('entity')} {key}, {at}"


def lines(check, lang: str) -> list[tuple[str, bool]]:
    """(line, is_a_problem) for the anchors part of an ``AuditCheck``."""
    report, out = check.anchors, []
    for path, code, error in check.unusable:
        out.append((_t(code, lang, path=path, error=error), False))
    for path in report.set_aside:
        out.append((_t("set_aside", lang, path=path), False))
    for status, key in (("replaced", "replaced"), ("other_file", "other")):
        if report.count(status):
            out.append((_t(key, lang, n=report.count(status)), False))
    bad = report.disagreeing
    if bad is not None:
        last = report.last_match
        params = {**_about(bad.anchor, lang), "first": report.first_after,
                  "entry": _entry(report.first_entry), "end": report.last_entry,
                  "short": bad.anchor.hash[:12], "found": bad.found[:12] or "-",
                  "last": (f"{where(last, lang)} ({_when(last.when)})" if last
                           else _t("no_last", lang))}
        out.append((_t("rewritten" if bad.status == "differs" else "cut", lang, **params), True))
        if report.elsewhere:
            out.append((_t("elsewhere", lang, file=report.elsewhere), True))
        if report.changed_at is not None:
            out.append((_t("changed_at", lang, copy=report.changed_in,
                           seq=report.changed_at), True))
    elif report.newest_match is not None:
        out.append((_t("ok", lang, n=report.count("match"), **_about(report.newest_match, lang)),
                    False))
    else:
        out.append((_t("none", lang), False))
    return out
