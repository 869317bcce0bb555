"""Generators and checks shared by the fuzz tests (tests/stress/test_fuzz.py,
with hypothesis) and the fuzz stress script (tests/stress/fuzz_stress.py,
seeded mutations of valid inputs).  Each ``check_*`` raises AssertionError
(or lets an unexpected exception through) when magdesk misbehaves."""

from __future__ import annotations

import csv
import io
import random
import sqlite3
from datetime import date
from pathlib import Path

# --- identifiers ---------------------------------------------------------------------------

ALPHABETS = [
    "0123456789",
    "0123456789ABCDEFGHJKLMNPQRTUWXY",
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ -",
    "０１２３４５６７８９ＡＢＣＮＳＨ",  # full width
    "٠١٢٣٤٥٦٧٨٩०१२३४५६७८९",  # other scripts' digits
    "NSHUEATBPIYXGLM-/ 0123456789",
    "稀土钕铁硼有限公司\t\n\r\x00\x1f\u200b\ufeff",
]


def random_identifier(rng: random.Random) -> str:
    alphabet = "".join(rng.sample(ALPHABETS, rng.randint(1, 3)))
    return "".join(rng.choice(alphabet) for _ in range(rng.choice((0, 1, 8, 10, 17, 18, 18,
                                                                    20, rng.randint(0, 60)))))


def check_identifier(text: str) -> None:
    """Every identifier check gives a reason code or None, never an exception."""
    from magdesk.core import identifiers as I
    from magdesk.core.enums import Category

    for code in (text, I.normalise_uscc(text)):
        assert I.check_uscc(code) in (None, "format", "check_digit")
        assert I.check_hs_format(code) in (None, "format")
        for export in (True, False):
            assert I.check_declaration(code, export=export, on=date(2026, 1, 3)) in (
                None, "format", "direction", "year")
        assert I.check_invoice(code) in (None, "format")
        assert I.check_lot(code) in (None, "format")
    grade = I.normalise_grade(text)
    for category in Category:
        assert I.check_grade(category, grade) in (None, "format")
        assert I.check_grade(category, text) in (None, "format")
    assert isinstance(I.grade_needs_heavy_re(grade), bool)
    if I.check_uscc(text) is None:  # what passes is plain ASCII of the right shape
        assert text.isascii() and len(text) == 18


# --- filing templates -------------------------------------------------------------------------


def template_seed() -> str:
    from magdesk.filing.template import templates_dir

    return (templates_dir() / "REFLOW-1.toml").read_text(encoding="utf-8")


def mutate_text(rng: random.Random, text: str, pieces: list[str] | None = None) -> str:
    """A few line- and character-level edits of ``text``."""
    lines = text.splitlines(keepends=True) or [""]
    for _ in range(rng.randint(1, 4)):
        lines = lines or [""]
        i = rng.randrange(len(lines))
        action = rng.randrange(8)
        if action == 0:
            del lines[i]
        elif action == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif action == 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == 3 and lines[i]:
            k = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:k] + rng.choice(pieces or ["\"", "=", "[", "]", "'", "\\", "\x00",
                                                            "9" * 30, "-1", "稀", "\n"]) + lines[i][k:]
        elif action == 4 and lines[i]:
            k = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:k] + lines[i][k + rng.randint(1, 8):]
        elif action == 5:
            lines = lines[:rng.randrange(len(lines) + 1)]  # cut off
            if not lines:
                lines = [""]
        elif action == 6:
            lines[i] = lines[i].replace("true", "false").replace("text", rng.choice(
                ["date", "int", "mass", "money", "bogus", ""]))
        else:
            lines[i] = lines[i].replace("\"", "", 1)
    return "".join(lines)


def check_template(path: Path) -> str:
    """A template file loads or is refused with TemplateError: "ok" or "refused"."""
    from magdesk.filing.template import TemplateError, load_template

    try:
        template = load_template(path=path)
    except TemplateError as exc:
        assert str(exc)
        return "refused"
    assert template.sheets and all(sheet.columns for sheet in template.sheets)
    return "ok"


# --- import files --------------------------------------------------------------------------------

COUNTERPARTY_HEAD = ["单位名称", "英文名称", "交易对象类型", "角色", "是否贸易商", "统一社会信用代码",
                     "境外登记号", "国家(地区)", "地址", "默认最终用途"]


def counterparty_rows(rng: random.Random, n: int, tag: str) -> list[list[str]]:
    return [[f"模糊客户{tag}-{i}", f"Fuzz {tag} {i}", "境外企业", "客户", "否", "", f"R{i}",
             rng.choice(["日本", "德国", "韩国", "JP", "US"]), f"Street {i}", "新能源汽车驱动电机"]
            for i in range(n)]


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode(encoding, errors="replace")


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        if not data:
            data += bytes([rng.randrange(256)])
        k = rng.randrange(len(data))
        action = rng.randrange(4)
        if action == 0:
            data[k] = rng.randrange(256)
        elif action == 1:
            del data[k:k + rng.randint(1, 64)]
        elif action == 2:
            data[k:k] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        else:
            data = data[:k]
    return bytes(data)


def random_import_file(rng: random.Random, folder: Path, n: int) -> tuple[Path, str]:
    """A counterparty sheet, valid or damaged in one of many ways: csv in a few
    encodings and delimiters, mutated text or bytes, an xlsx cut short or
    with bytes changed, plain noise."""
    rows = [COUNTERPARTY_HEAD, *counterparty_rows(rng, rng.randint(0, 12), str(n))]
    how = rng.randrange(9)
    if how == 7:  # a hostile workbook: a cell far out, in one of the forms a reader takes
        return _bomb(rng, folder / f"f{n}.xlsx"), "bomb"
    if how == 8:  # UTF-8 text with stray bytes (refused, or read as GB18030 if it fits)
        data = bytearray(csv_bytes(rows))
        for _ in range(rng.randint(1, 3)):
            data[rng.randrange(len(data) + 1):0] = bytes([rng.choice([0xFF, 0x81, 0xC3, 0xE5])])
        return _write(folder / f"f{n}.csv", bytes(data)), "stray bytes"
    if how == 0:  # valid
        return _write(folder / f"f{n}.csv", csv_bytes(rows)), "valid csv"
    if how == 1:  # encodings, delimiters
        enc = rng.choice(["gb18030", "utf-16", "utf-8-sig", "big5", "latin-1"])
        return _write(folder / f"f{n}.csv", csv_bytes(rows, enc, rng.choice(",;\t|"))), "encoding"
    if how == 2:  # cell text mutated
        text = csv_bytes(rows).decode()
        return _write(folder / f"f{n}.csv", mutate_text(rng, text, [
            ",", "\"", "\n", "=1+1", "１２３", "\x00", "是", "合计", "境内企业"]).encode()), "text"
    if how == 3:  # bytes mutated
        return _write(folder / f"f{n}.csv", mutate_bytes(rng, csv_bytes(rows))), "bytes"
    if how in (4, 5):  # xlsx, whole or damaged
        data = _xlsx(rows)
        if how == 5:
            data = mutate_bytes(rng, data)
        return _write(folder / f"f{n}.xlsx", data), "xlsx" if how == 4 else "xlsx damaged"
    noise = bytes(rng.randrange(256) for _ in range(rng.randint(0, 400)))
    return _write(folder / f"f{n}.{rng.choice(['csv', 'xlsx', 'xls', 'txt'])}", noise), "noise"


def _bomb(rng: random.Random, path: Path) -> Path:
    from tests.importing import bombs

    far = rng.choice([b"XFD1048576", b"GS1", b"A1048577", b"zz9", b"AAAAAAA2"])
    cell = rng.choice([b'<c r="%s"><v>1</v></c>', b"<c r = '%s'><v>1</v></c>",
                       b'<x:c r="%s"><x:v>1</x:v></x:c>', b'<c r="A1" r="%s"><v>1</v></c>'])
    cells = [b'<row r="1"><c r="A1"><v>1</v></c></row>', cell % far]
    if rng.random() < 0.5:
        cells.append(b"<row>" + b"<c><v>1</v></c>" * rng.randint(1, 400) + b"</row>")
    head = bombs.HEAD.replace(b"<worksheet ", b'<worksheet xmlns:x="http://schemas.'
                              b'openxmlformats.org/spreadsheetml/2006/main" ')
    return bombs.rows(path, cells, head=head)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _xlsx(rows: list[list[str]]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def footprint(conn: sqlite3.Connection) -> tuple:
    """What a write would change: every record table's row count and the last
    audit entry (the triggers log every row written)."""
    from magdesk.storage.migrations import AUDITED

    counts = tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in AUDITED)
    return counts, conn.execute("SELECT coalesce(max(seq), 0) FROM audit_log").fetchone()[0]


def check_import(db, path: Path) -> str:
    """An import gives a result or ImportFileError, never another exception;
    unless it says "imported", nothing was written."""
    from magdesk import usecases
    from magdesk.importing import ImportFileError

    before = footprint(db.conn)
    try:
        result = usecases.import_file(db, "counterparties", path)
    except ImportFileError as exc:
        assert exc.message("zh") and exc.message("en")
        status = "file refused"
    else:
        status = result.status
        for f in result.findings:
            assert f.message("zh") and f.message("en")
    after = footprint(db.conn)
    if status == "imported":
        assert after[0][1] == before[0][1] + result.inserted  # counterparty is table 2
    else:
        assert after == before, f"{status} but something was written"
    assert not db.conn.in_transaction
    return status
