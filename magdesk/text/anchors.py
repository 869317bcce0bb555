"""What ``audit verify`` found against the anchors held outside the file, in
the clerk's language (zh, en): the lines the CLI prints, and a window would
show, after the chain's own check.  No Qt, no SQL; the words are the
catalogue's ``audit.*`` (``magdesk/text/audit.py``)."""

from __future__ import annotations

from datetime import datetime

from . import CATALOGUE, say


def _anchor(key: str, lang: str, **params) -> str:
    """The catalogue's ``audit.anchor.<key>``."""
    return say(f"audit.anchor.{key}", lang, **params)


def _pick(area: str, key: str, lang: str, **params) -> str:
    """``audit.<area>.<key>``; a kind or source a newer magdesk wrote: as it is."""
    code = f"audit.{area}.{key}"
    return say(code, lang, **params) if code in CATALOGUE else key


def where(anchor, lang: str) -> str:
    """What took an anchor: "export 2026-10 r0 X.xlsx", "restore point …"."""
    code = f"audit.kind.{anchor.kind}"
    if code not in CATALOGUE:
        return f"{anchor.kind} {anchor.detail}"
    return say(code, lang, detail=anchor.detail)


def _when(moment: datetime) -> str:
    return f"{moment.astimezone():%Y-%m-%d %H:%M}"


def _about(anchor, lang: str) -> dict:
    return {"where": where(anchor, lang), "when": _when(anchor.when), "seq": anchor.seq,
            "source": _pick("source", anchor.source, lang)}


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
        out.append((_anchor(code, lang, path=path, error=error), False))
    for path in report.set_aside:
        out.append((_anchor("set_aside", lang, path=path), False))
    for status, key in (("replaced", "replaced"), ("other_file", "other")):
        if report.count(status):
            out.append((_anchor(key, lang, n=report.count(status)), False))
    bad = report.disagreeing
    if bad is not None:
        last = report.last_match
        params = {**_about(bad.anchor, lang), "first": report.first_after,
                  "entry": _entry(report.first_entry), "end": report.last_entry,
                  "short": bad.anchor.hash[:12], "found": bad.found[:12] or "-",
                  "last": (f"{where(last, lang)} ({_when(last.when)})" if last
                           else _anchor("no_last", lang))}
        out.append((_anchor("rewritten" if bad.status == "differs" else "cut", lang, **params), True))
        if report.elsewhere:
            out.append((_anchor("elsewhere", lang, file=report.elsewhere), True))
        if report.changed_at is not None:
            out.append((_anchor("changed_at", lang, copy=report.changed_in,
                           seq=report.changed_at), True))
    elif report.newest_match is not None:
        out.append((_anchor("ok", lang, n=report.count("match"), **_about(report.newest_match, lang)),
                    False))
    else:
        out.append((_anchor("none", lang), False))
    return out
