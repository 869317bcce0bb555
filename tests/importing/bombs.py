"""Hostile workbooks, built as an attacker would: a minimal xlsx around a sheet
XML of one's choosing, deflated from repeated bytes."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

_CT = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
       b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
       b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
       b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
       b'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
       b'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
       b'spreadsheetml.worksheet+xml"/></Types>')
_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_BOOK = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
         b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
         b'<sheets><sheet name="\xe5\x8f\xb0\xe8\xb4\xa6" sheetId="1" r:id="rId1"/></sheets>'
         b'</workbook>')  # the sheet is named 台账
_BOOK_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
              b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
              b'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
              b'</Relationships>')
HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
SHEET_PART = "xl/worksheets/sheet1.xml"
SHEET = "台账"


def workbook(path: Path, body: Iterable[bytes], *, head: bytes = HEAD, before: bytes = b"",
             extra: dict[str, bytes] | None = None, zip64: bool = True, level: int = 6) -> Path:
    """An xlsx whose one sheet (台账) holds ``<sheetData>`` + ``body`` chunks."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        zf.writestr("[Content_Types].xml", _CT)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", _BOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
        with zf.open(SHEET_PART, "w", force_zip64=zip64) as out:
            out.write(head + before + b"<sheetData>")
            for chunk in body:
                out.write(chunk)
            out.write(b"</sheetData></worksheet>")
    return path


def far_cell(path: Path) -> Path:
    """4.7 KB in the issue: one cell at XFD1048576."""
    return workbook(path, [b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t>'
                           b'</is></c></row>'])


def huge_sheet(path: Path, gigabytes: float = 2.0) -> Path:
    """A few MB holding a sheet of ``gigabytes`` of plain rows (50 numbers each)."""
    row = b"<row>" + b'<c t="n"><v>1</v></c>' * 50 + b"</row>"
    block = row * 1000
    blocks = int(gigabytes * 2**30 / len(block))
    return workbook(path, (block for _ in range(blocks)))


def stray_cell(path: Path) -> Path:
    """1.5 KB in the tester's report: a value at A1 and one at Z1048576, which
    calamine pads to 27 million cells (1.17 GB)."""
    return workbook(path, [b'<row r="1"><c r="A1" t="inlineStr"><is><t>\xe5\x87\xba\xe5\xba\x93'
                           b'</t></is></c></row><row r="1048576"><c r="Z1048576"><v>1</v></c>'
                           b'</row>'])


def dense(path: Path, rows: int, columns: int, *, positional: bool = False) -> Path:
    """``rows`` × ``columns`` real cells (short texts and numbers), written as
    a stream of 1,000-row blocks: never all in memory.  ``positional``: cells
    without ``r`` (placed one after another), as some writers do."""
    letters = [_column(c) for c in range(columns)]

    def block(first: int) -> bytes:
        out = []
        for n in range(first, min(first + 1000, rows + 1)):
            cells = []
            for c, col in enumerate(letters):
                ref = b"" if positional else b' r="%s%d"' % (col, n)
                cells.append(b'<c%s t="inlineStr"><is><t>K%d</t></is></c>' % (ref, n % 997)
                             if c % 2 == 0 else b"<c%s><v>%d</v></c>" % (ref, n * 7 + c))
            out.append(b'<row r="%d">%s</row>' % (n, b"".join(cells)))
        return b"".join(out)

    return workbook(path, (block(k) for k in range(1, rows + 1, 1000)), level=1)


def dense_stream(path: Path, rows: int, columns: int) -> Path:
    """Cells and rows without ``r``, short numbers: 1,048,576 × 26 cells fit
    in 450 MB of XML (within the part limit); one 1,000-row block repeated."""
    one = b"".join(b"<row>" + b"".join(b"<c><v>%d</v></c>" % ((n * 31 + c) % 1000)
                                        for c in range(columns)) + b"</row>"
                   for n in range(1000))
    blocks, rest = divmod(rows, 1000)
    tail = b"".join(one.split(b"</row>")[:rest]) + b"</row>" * bool(rest)
    return workbook(path, [*(one for _ in range(blocks)), tail], level=1)


def _column(index: int) -> bytes:
    letters = b""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = bytes([65 + rest]) + letters
    return letters


def rows(path: Path, cells: list[bytes], **options) -> Path:
    """A sheet of the given raw ``<row>``/``<c>`` markup."""
    return workbook(path, [b"".join(cells)], **options)


def forge_size(path: Path, part: str, size: int) -> Path:
    """Make the zip declare ``size`` bytes for ``part`` (central directory and
    local header), its data and CRC unchanged."""
    data = bytearray(path.read_bytes())
    name = part.encode()
    with zipfile.ZipFile(path) as zf:
        offset = zf.getinfo(part).header_offset
    # local header: signature, ..., uncompressed size at 22 (zip64: in the extra field)
    assert data[offset:offset + 4] == b"PK\x03\x04"
    data[offset + 22:offset + 26] = size.to_bytes(4, "little")
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) != -1:
        length = int.from_bytes(data[at + 28:at + 30], "little")
        if data[at + 46:at + 46 + length] == name:
            data[at + 24:at + 28] = size.to_bytes(4, "little")
        at += 4
    path.write_bytes(bytes(data))
    return path
