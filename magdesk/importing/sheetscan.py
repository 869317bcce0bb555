"""How far the cells of a worksheet's XML really reach, measured streaming.

The scanner is fed decompressed chunks; it keeps only the unfinished tag at a
chunk's end (at most MAX_TAG bytes) and the figures, so memory stays bounded
whatever the part holds.  Cells count only inside ``<sheetData>``, as readers
take them.

Two speeds.  The quick scan works on whole chunks with a few C-speed
searches and holds for the shape every common writer uses: each cell
``<c r="B7" …>`` with its reference first.  A chunk with a ``<c`` not so
followed (a cell placed by position, ``<col…``, ``<color…``) or with a
prefixed element (``<x:c>``) sends the part to the exact scan, which walks it
again tag by tag the way python-calamine places cells: by their ``r`` (the
last one if repeated), else one column right of the cell before, in the row's
``r`` or the row after the last.

The quick scan bounds rather than measures where that suffices: rows up to
99,999 are taken as 99,999; the last single-letter column is found by a few
searches; any reference beyond — two letters, six digits, any case — is read
(rows: the stretch's last one, proven last by a search for any beyond it).
An ``r`` attribute of another form (a second one in a tag, spaced, single
quoted) sends the part to the exact scan.  It counts the cells holding a
value (``<v``, ``<is``) as it goes.  Its bounds count cells that only carry a
style, which python-calamine does not pad for: when they leave the area in
doubt (too large, or large and mostly empty) the exact scan measures the area
of the cells with a value (limits.py).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

MAX_TAG = 2**20  # a tag longer than this is no spreadsheet's
NARROW = 26  # columns A..Z
SHORT = 99_999  # rows of five digits

# references beyond Z or 99,999.  In the quick scan every r attribute is the
# first of a <c r=" or a <row r=" (_other_r sends any other to the exact scan),
# so the searches start with a literal and run at C speed
_C = rb'<c r="'
_FAR = re.compile(_C + rb"(?:[A-Za-z]{2}|[A-Za-z]+[0-9]{6})")
_WIDE = re.compile(_C + rb"([A-Za-z]{2,})[0-9]")
_LONG = re.compile(_C + rb"([A-Za-z]+)([0-9]{6,})")
_POSITIONAL = re.compile(rb'<c(?! r=")')
_TAG = re.compile(rb"<(/?)(?:[^\s<>/!?:=]+:)?(c|row|v|is)(?=[\s/>])([^>]*)>")
_ATTR = re.compile(rb'([^\s=/<>]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_REF = re.compile(rb"([A-Za-z]+)([0-9]+)\Z")
_DIM = re.compile(rb"<(?:[^\s<>/!?:=]+:)?dimension\s[^>]*?ref\s*=\s*[\"']([^\"']*)")
_NAME = re.compile(rb"</?([^\s/>]+)")
_LAST = re.compile(rb'<c r="([A-Za-z]+)([0-9]+)"')


@functools.lru_cache(maxsize=32)
def _letter_beyond(column: int) -> re.Pattern:
    """A cell ``<c r="…`` whose column is a single letter beyond ``column``."""
    first = chr(65 + column)
    return re.compile(b'<c r="([%s-Z%s-z])[0-9]' % (first.encode(), first.lower().encode()))


def _beyond_row(row: int) -> re.Pattern:
    """Any ``r`` attribute whose row is beyond ``row`` (leading zeros too)."""
    digits = str(row)
    alternatives = [b"[1-9][0-9]{%d,}" % len(digits)]
    for i, digit in enumerate(digits):
        if digit != "9":
            alternatives.append(b"%s[%d-9][0-9]{%d}" % (digits[:i].encode(), int(digit) + 1,
                                                         len(digits) - i - 1))
    return re.compile(_C + rb"([A-Za-z]+0*(?:" + b"|".join(alternatives) + rb"))(?![0-9])")


class TagTooLong(Exception):
    """A tag runs on for more than MAX_TAG bytes."""


@dataclass
class Use:
    """Where a sheet's cells reach: the last row and column (1-based, or a bound
    of them that is within the limits), the farthest cell named as Excel does,
    and how many cells there are."""

    rows: int = 0
    columns: int = 0
    cell: str = ""
    cells: int = 0
    values: int = 0  # cells holding a value (<v> or <is>): the ones a reader keeps
    down: str = ""  # exact scan: the cell that reaches lowest, and farthest right
    right: str = ""
    seen: int = 0  # bytes of the part scanned so far, and the rows begun in them
    row_tags: int = 0


def column_number(letters: bytes) -> int:
    """b"A" -> 1, b"XFD" -> 16384 (more than four letters: a billion)."""
    if len(letters) > 4:
        return 10**9
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def cell_name(row: int, column: int) -> str:
    letters = ""
    while column > 0 and len(letters) < 8:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


def _row_number(digits: bytes) -> int:
    return int(digits) if len(digits) <= 10 else 10**10


class Scanner:
    """Feed it a part's bytes; ``check(use, declared)`` is called after each
    chunk with the figures so far (``declared``: a ``<dimension ref>`` seen,
    with the figures it declares) and raises when they are beyond the limits.
    ``exact_needed`` tells, after ``close()``, that the quick scan saw cells it
    does not measure and the part must be scanned again with ``exact=True``."""

    def __init__(self, check: Callable[..., None], exact: bool = False):
        self.check = check
        self.exact = exact
        self.exact_needed = False
        self.use = Use()
        self.inside = False
        self.seen_data = False
        self.tail = b""
        self.row = 0  # exact: the current row, for cells without r
        self.col = 0
        self.pending = False  # exact: inside a cell that has no value yet

    def feed(self, data: bytes) -> None:
        buf = self.tail + data if self.tail else data
        cut = buf.rfind(b"<")
        if cut == -1 or buf.find(b">", cut) != -1:
            body, self.tail = buf, b""
        else:  # keep the unfinished tag for the next chunk
            body, self.tail = buf[:cut], buf[cut:]
            if len(self.tail) > MAX_TAG:
                raise TagTooLong
        self._body(body)

    def close(self) -> None:
        if self.tail:
            self._body(self.tail + b">")
            self.tail = b""

    def _body(self, body: bytes) -> None:
        if not self.seen_data and b"dimension" in body:
            self._dimension(body)
        self.use.seen += len(body)
        for start, end in self._segments(body):
            self.use.row_tags += body.count(b"<row", start, end)
            if self.exact:
                self._exact(body, start, end)
                continue
            # values are counted even once the exact scan is needed: a dense
            # sheet is refused on them before it is walked tag by tag
            # (prefixed ones, <x:v>, are counted by the exact scan)
            self.use.values += body.count(b"<v", start, end) + body.count(b"<is", start, end)
            if not self.exact_needed:
                self._quick(body, start, end)
        if self.seen_data:
            self.check(self.use)

    def _dimension(self, body: bytes) -> None:
        found = _DIM.search(body)
        if not found:
            return
        ref = found.group(1).split(b":")[-1].strip()
        parsed = _REF.match(ref)
        if parsed:
            rows, cols = _row_number(parsed.group(2)), column_number(parsed.group(1))
            declared = Use(rows=rows, columns=cols, cell=ref.decode("ascii", "replace"))
            self.check(declared, found.group(1).decode("ascii", "replace"))

    def _segments(self, body: bytes) -> list[tuple[int, int]]:
        """The stretches of ``body`` inside ``<sheetData>`` (it may open or
        close within this chunk, or span it)."""
        out, start = [], 0 if self.inside else None
        pos = body.find(b"sheetData")
        while pos != -1:
            lt, gt = body.rfind(b"<", 0, pos), body.find(b">", pos)
            name = _NAME.match(body, lt) if lt != -1 else None
            if name and gt != -1 and name.group(1).split(b":")[-1] == b"sheetData":
                if body[lt + 1:lt + 2] == b"/":
                    if self.inside:
                        out.append((start, lt))
                    self.inside = False
                elif body[gt - 1:gt] != b"/":
                    self.inside, self.seen_data, start = True, True, gt + 1
            pos = body.find(b"sheetData", max(gt, pos + 9))
            if gt == -1:
                break
        if self.inside:
            out.append((start, len(body)))
        return out

    def _quick(self, body: bytes, a: int, b: int) -> None:
        if _POSITIONAL.search(body, a, b) or body.find(b":c", a, b) != -1:
            self.exact_needed = True  # a cell without r first, or a prefixed one
            return
        # Within Z and 99,999 a reference needs no reading: the bounds of a
        # chunk are within every limit whatever the other figure is (26 columns
        # × 1,048,576 rows, 200 columns × 99,999 rows); beyond, it is read.
        if _other_r(body, a, b):
            self.exact_needed = True  # a second r in a cell (the last one counts), or spaced
            return
        use = self.use
        use.columns, use.rows = max(use.columns, self._letters(body, a, b)), max(use.rows, SHORT)
        use.cell = use.cell or cell_name(SHORT, use.columns)
        if not _FAR.search(body, a, b):
            return
        if _WIDE.search(body, a, b):
            for letters in set(_WIDE.findall(body, a, b)):
                column = column_number(letters)
                if column > use.columns:
                    use.columns, use.cell = column, letters.decode("ascii").upper()
        self._far_rows(body, a, b)

    def _letters(self, body: bytes, a: int, b: int) -> int:
        """The last single-letter column referenced: a search for a letter
        beyond the last one known, until there is none (26 at most in a part)."""
        column = self.use.columns
        while column < NARROW:
            found = _letter_beyond(column).search(body, a, b)
            if not found:
                break
            column = max(column, found.group(1).upper()[0] - 64)
        return column

    def _far_rows(self, body: bytes, a: int, b: int) -> None:
        """The last row referenced, found without reading every reference:
        rows ascend in every writer's file, so the stretch's last reference is
        taken, then a search for any reference beyond it proves it the last
        (else, after a few tries, every reference is read)."""
        use = self.use
        for _ in range(3):
            found = _beyond_row(use.rows).search(body, a, b)
            if not found:
                return
            last = _LAST.match(body, max(body.rfind(b'<c r="', a, b), a))
            for ref in (found.group(1), last and last.group(1) + last.group(2)):
                parsed = _REF.match(ref) if ref else None
                if parsed and _row_number(parsed.group(2)) > use.rows:
                    use.rows = _row_number(parsed.group(2))
                    use.cell = ref.decode("ascii").upper()
        for letters, digits in _LONG.findall(body, a, b):
            row = _row_number(digits)
            if row > use.rows:
                use.rows, use.cell = row, (letters + digits).decode("ascii").upper()

    def _exact(self, body: bytes, a: int, b: int) -> None:
        """Place every cell as python-calamine does; only cells with a value
        (``<v>`` or ``<is>``) count for the area: calamine does not pad for a
        cell that only carries a style (measured: ``<c r="Z1048576" s="3"/>``
        leaves a one-cell sheet)."""
        for closing, name, attrs in _TAG.findall(body, a, b):
            if closing:
                continue
            if name == b"v" or name == b"is":
                if self.pending:
                    self.pending = False
                    self._value()
                continue
            ref = _r(attrs)
            if name == b"row":
                self.row = _row_number(ref) if ref and ref.isdigit() else self.row + 1
                self.col = 0
                continue
            parsed = _REF.match(ref) if ref else None
            if parsed:
                self.col, self.row = column_number(parsed.group(1)), _row_number(parsed.group(2))
            else:
                self.col += 1
            self.use.cells += 1
            self.pending = not attrs.rstrip().endswith(b"/")

    def _value(self) -> None:
        use = self.use
        use.values += 1
        if self.row > use.rows or self.col > use.columns:
            use.cell = cell_name(self.row, self.col)
        if self.row > use.rows:
            use.rows, use.down = self.row, use.cell
        if self.col > use.columns:
            use.columns, use.right = self.col, use.cell


def _other_r(body: bytes, a: int, b: int) -> bool:
    """An ``r`` attribute other than the first of a ``<c r="`` or ``<row r="``
    (a second one, spaced or single-quoted): counted, not searched, for speed."""
    if any(body.find(odd, a, b) != -1 for odd in (b"r =", b"r\t", b"r\n", b"r\r")):
        return True
    return body.count(b"r=", a, b) != (body.count(b'<c r="', a, b)
                                        + body.count(b'<row r="', a, b))


def _r(attrs: bytes) -> bytes | None:
    """The value of the (last) attribute named exactly ``r``."""
    value = None
    if b"r" in attrs:
        for key, double, single in _ATTR.findall(attrs):
            if key == b"r":
                value = double or single
    return value
