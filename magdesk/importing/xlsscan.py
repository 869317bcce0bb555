"""The used area of every sheet of an .xls, measured before calamine opens it.

calamine reads every sheet of an .xls when the file is opened and pads each to
its used area from A1: a 22 KB file of 40 sheets, each with one cell at GR65536,
takes 16 GB before a sheet can be looked at.  So the BIFF records are walked
here first: the compound file's ``Workbook`` stream (``Book`` for BIFF5) is
gathered from its sectors, and in each worksheet's substream the cell records
give the last row and column it uses (a DIMENSIONS record can lie).  A file
this cannot follow is left to calamine, which says why it cannot read it.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END = 0xFFFFFFFE  # end of a sector chain
_STREAMS = ("Workbook", "Book")
_BOF, _EOF, _SHEET = 0x0809, 0x000A, 0x0085
_WORKSHEET = 0x0010
# Cell records: row (u16) and column (u16) first; MULRK and MULBLANK end with
# their last column.
_CELLS = {0x0006, 0x00D6, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E}
_MULTI = {0x00BD, 0x00BE}


class NotFollowed(Exception):
    """A compound file or BIFF stream this scan cannot follow."""


def sheet_areas(data: bytes) -> Iterator[tuple[str, int, int]]:
    """(sheet name, last row, last column), 1-based, of each worksheet that
    holds a cell, in the order of the file."""
    stream = _workbook_stream(data)
    names = _sheet_names(stream)
    pos, n = 0, 0
    rows = columns = 0
    in_sheet = False
    while pos + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, pos)
        body = stream[pos + 4:pos + 4 + size]
        pos += 4 + size
        if kind == _BOF:
            in_sheet = len(body) >= 4 and struct.unpack_from("<H", body, 2)[0] == _WORKSHEET
            rows = columns = 0
        elif kind == _EOF:
            if in_sheet:
                if rows:
                    yield names.get(n, f"#{n + 1}"), rows, columns
                n += 1
            in_sheet = False
        elif in_sheet and len(body) >= 4 and (kind in _CELLS or kind in _MULTI):
            row, col = struct.unpack_from("<HH", body, 0)
            if kind in _MULTI and len(body) >= 6:
                col = max(col, struct.unpack_from("<H", body, len(body) - 2)[0])
            rows, columns = max(rows, row + 1), max(columns, col + 1)


def _sheet_names(stream: bytes) -> dict[int, str]:
    """Worksheet names by their order (BOUNDSHEET records of the globals)."""
    names, pos, n = {}, 0, 0
    while pos + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, pos)
        body = stream[pos + 4:pos + 4 + size]
        pos += 4 + size
        if kind == _SHEET and len(body) >= 8:
            if body[5] == 0:  # a worksheet (not a chart or macro sheet)
                count, high = body[6], body[7] & 1
                raw = body[8:8 + count * (2 if high else 1)]
                names[n] = raw.decode("utf-16-le" if high else "latin-1", "replace")
                n += 1
        elif kind == _EOF:
            break
    return names


def _workbook_stream(data: bytes) -> bytes:
    if len(data) < 512 or data[:8] != _OLE:
        raise NotFollowed("not a compound file")
    shift, mini_shift = struct.unpack_from("<HH", data, 30)
    if not 7 <= shift <= 16 or not 2 <= mini_shift < shift:
        raise NotFollowed("sector size")
    size, mini_size = 1 << shift, 1 << mini_shift
    n_fat, dir_start = struct.unpack_from("<II", data, 44)
    cutoff, minifat_start, _n_minifat, difat_start, n_difat = struct.unpack_from(
        "<IIIII", data, 56)
    sectors = max(0, (len(data) - size) // size)

    def sector(i: int) -> bytes:
        if i >= sectors:
            raise NotFollowed("sector beyond the file")
        return data[size * (i + 1):size * (i + 2)]

    fat_sectors = [i for i in struct.unpack_from("<109I", data, 76) if i < _END]
    per = size // 4
    nxt, guard = difat_start, 0
    while nxt < _END and guard <= n_difat and guard <= sectors:
        words = struct.unpack(f"<{per}I", sector(nxt))
        fat_sectors += [i for i in words[:-1] if i < _END]
        nxt, guard = words[-1], guard + 1
    fat: list[int] = []
    for i in fat_sectors[:max(n_fat, 0) or len(fat_sectors)]:
        fat += struct.unpack(f"<{per}I", sector(i))

    def chain(start: int, table: list[int]) -> Iterator[int]:
        seen = 0
        while start < _END:
            if start >= len(table) or seen > len(table):
                raise NotFollowed("broken chain")
            yield start
            start, seen = table[start], seen + 1

    directory = b"".join(sector(i) for i in chain(dir_start, fat))
    entries = [directory[k:k + 128] for k in range(0, len(directory) - 127, 128)]
    if not entries:
        raise NotFollowed("no directory")
    root_start, _root_size = struct.unpack_from("<II", entries[0], 116)
    for name in _STREAMS:
        for entry in entries:
            length = struct.unpack_from("<H", entry, 64)[0]
            if entry[66] != 2 or length < 2 or length > 64:
                continue
            if entry[:length - 2].decode("utf-16-le", "replace") != name:
                continue
            start, stream_size = struct.unpack_from("<II", entry, 116)
            if stream_size >= cutoff:
                body = b"".join(sector(i) for i in chain(start, fat))
            else:
                minifat: list[int] = []
                for i in chain(minifat_start, fat):
                    minifat += struct.unpack(f"<{per}I", sector(i))
                mini = b"".join(sector(i) for i in chain(root_start, fat))
                body = b"".join(mini[i * mini_size:(i + 1) * mini_size]
                                for i in chain(start, minifat))
            return body[:stream_size]
    raise NotFollowed("no Workbook stream")
