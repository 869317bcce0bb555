"""A csv's encoding is decided per file with evidence and applied strictly: a
file with bad bytes is refused naming the encoding, the row and the byte
offset, or — when the clerk accepts it — imported with each cell holding a
replacement character named as a warning.  Never silently garbled."""

from __future__ import annotations

import sqlite3

import pytest

from magdesk.cli import main
from magdesk.importing.encoding import decode
from magdesk.importing.reader import ImportFileError, read_source

HEAD = "中文名称,英文名称,类型,角色,国家（地区）,地址\n"
ROWS = ["德国测试公司,German Test GmbH,境外企业,客户,DE,Berlin\n",
        "日本测试株式会社,Japan Test KK,境外企业,客户,JP,Tokyo\n"]


def utf8_with(tmp_path, stray: bytes, before: str = ROWS[1]):
    """The issue's file: UTF-8 Chinese text with one stray byte in row 3."""
    data = (HEAD + "".join(ROWS)).encode()
    at = data.index(before.encode())
    path = tmp_path / "counterparties.csv"
    path.write_bytes(data[:at] + stray + data[at:])
    return path, at


@pytest.mark.parametrize("stray", [b"\xff", b"\x81", b"\xe5\xbe"])
def test_a_stray_byte_in_utf8_text_is_refused_naming_encoding_row_and_offset(tmp_path, stray):
    path, at = utf8_with(tmp_path, stray)
    with pytest.raises(ImportFileError) as info:
        read_source(path)
    error = info.value
    assert error.code == "import.bad_bytes"
    assert error.params == {"file": "counterparties.csv", "encoding": "UTF-8", "row": "3",
                            "offset": str(at), "count": "1"}
    assert "第3行" in error.message("zh") and f"字节位置{at}" in error.message("zh")
    assert "row 3" in error.message("en") and "UTF-8" in error.message("en")
    # never the GB18030 reading of it
    assert "寰峰浗" not in decode(path.read_bytes(), accept_bad_bytes=True).text


def test_accepted_bad_bytes_are_imported_with_a_warning_at_each_cell(demo_copy, run, tmp_path):
    path, _ = utf8_with(tmp_path, b"\xff")
    result = run("counterparties", path, accept_bad_bytes=True)
    assert result.status == "imported" and result.inserted == 2
    warned = [(f.row, f.column, f.header) for f in result.findings if f.code == "import.replaced"]
    assert warned == [(3, "A", "中文名称")]
    message = next(f for f in result.findings if f.code == "import.replaced").message("zh")
    assert message.startswith("第3行 A列“中文名称”")
    conn = sqlite3.connect(demo_copy)
    names = {n for (n,) in conn.execute("SELECT name_cn FROM counterparty")}
    conn.close()
    assert "\ufffd日本测试株式会社" in names and "德国测试公司" in names


def test_gb18030_decoded_strictly(tmp_path):
    good = tmp_path / "gb.csv"
    good.write_bytes((HEAD + "".join(ROWS)).encode("gb18030"))
    source = read_source(good)
    assert source.encoding == "gb18030" and source.rows[1][0] == "德国测试公司"
    bad = tmp_path / "gb-bad.csv"
    data = (HEAD + ROWS[0]).encode("gb18030")
    bad.write_bytes(data + b"\xff\xff" + ROWS[1].encode("gb18030"))
    with pytest.raises(ImportFileError) as info:
        read_source(bad)
    assert info.value.params["encoding"] == "GB18030"
    assert info.value.params["row"] == "3" and info.value.params["offset"] == str(len(data))
    accepted = read_source(bad, accept_bad_bytes=True)
    assert accepted.replaced == [(3, 0)] and accepted.bad_bytes == 2
    assert accepted.rows[1][0] == "德国测试公司"


def test_byte_order_marks_decide_and_are_strict(tmp_path):
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        path = tmp_path / "u16.csv"
        path.write_bytes(bom + (HEAD + ROWS[0]).encode(codec))
        assert read_source(path).rows[1][0] == "德国测试公司"
        path.write_bytes(bom + (HEAD + ROWS[0]).encode(codec) + b"\x00")  # an odd byte
        with pytest.raises(ImportFileError) as info:
            read_source(path)
        assert info.value.params["encoding"] == "UTF-16"
    path = tmp_path / "sig.csv"
    path.write_bytes(b"\xef\xbb\xbf" + HEAD.encode() + b"\xc3(\n")
    with pytest.raises(ImportFileError) as info:
        read_source(path)
    assert info.value.params["encoding"] == "UTF-8" and info.value.params["offset"] == str(
        3 + len(HEAD.encode()))


def test_the_row_is_the_record_as_excel_numbers_it(tmp_path):
    """A quoted cell spanning lines is one row: the bad byte after it is in row 3."""
    path = tmp_path / "multi.csv"
    path.write_bytes((HEAD + '"德国\n测试\n公司",x,境外企业,客户,DE,B\n').encode() + b"\xff,y\n")
    with pytest.raises(ImportFileError) as info:
        read_source(path)
    assert info.value.params["row"] == "3"


def test_cli_refuses_then_imports_with_accept_bad_bytes(demo_copy, tmp_path, capsys):
    path, _ = utf8_with(tmp_path, b"\xff")
    args = ["--lang", "en", "import", "--db", str(demo_copy), "counterparties", str(path)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "not valid UTF-8" in err and "row 3" in err and "--accept-bad-bytes" in err
    assert "Traceback" not in err
    assert main([*args, "--accept-bad-bytes"]) == 0
    out = capsys.readouterr().out
    assert "import.replaced" in out and "row 3, column A" in out
