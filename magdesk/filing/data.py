"""The filing data of a period as text: checksum, filed snapshots, and the
field-level differences an amendment lists."""

from __future__ import annotations

import hashlib

from ..storage.filing_store import FilingStore
from .cells import canonical
from .sources import source_rows
from .template import Sheet, Template


def row_key(sheet: Sheet, row: dict) -> str:
    return "/".join(str(row.get(k) or "") for k in sheet.key)


def row_texts(sheet: Sheet, row: dict, seq: int) -> list[str]:
    return [canonical(c, row.get(c.field), seq) for c in sheet.written]


def data_digest(store: FilingStore, template: Template, period: str) -> str:
    """SHA-256 of the canonical text of the data sheets (FILING-SPEC 申报信息)."""
    digest = hashlib.sha256()
    for sheet in template.sheets:
        digest.update(f"{sheet.name}\n".encode())
        for seq, row in enumerate(source_rows(store, sheet.source, period), 1):
            digest.update(("\t".join(row_texts(sheet, row, seq)) + "\n").encode())
    return digest.hexdigest()


def snapshot_rows(store: FilingStore, sheet: Sheet, period: str) -> list[tuple[str, dict]]:
    """(row key, {header: text}) for every row, leaving out the running 序号."""
    out = []
    for seq, row in enumerate(source_rows(store, sheet.source, period), 1):
        texts = row_texts(sheet, row, seq)
        out.append((row_key(sheet, row), {c.header: t for c, t in zip(sheet.written, texts,
                                                                      strict=True)
                                          if c.kind != "seq"}))
    return out


def differences(template: Template, filed: dict[str, dict[str, dict]],
                store: FilingStore, period: str) -> list[list[str]]:
    """Rows of 更正说明: sheet, record, field, old, new, change."""
    out: list[list[str]] = []
    for sheet in template.sheets:
        before = filed.get(sheet.name, {})
        now = dict(snapshot_rows(store, sheet, period))
        for key in sorted(before.keys() | now.keys()):
            old, new = before.get(key), now.get(key)
            if old is None:
                out.append([sheet.name, key, "", "", "", "新增"])
            elif new is None:
                out.append([sheet.name, key, "", "", "", "删除"])
            else:
                out += [[sheet.name, key, header, old.get(header, ""), text, "修改"]
                        for header, text in new.items() if old.get(header, "") != text]
    return out
