"""Spreadsheet column letters: ``0`` → ``A``, ``26`` → ``AA``, and back.
Used by the import (to name a cell), the filing templates (a column of an
authority's sample) and the window."""

from __future__ import annotations


def column_letter(index: int) -> str:
    """``0`` → ``A``, ``26`` → ``AA``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int | None:
    """The 0-based index of a column letter ("A" → 0, "AB" → 27), None if not one."""
    letters = letters.strip().upper()
    if not letters or not letters.isascii() or not letters.isalpha() or len(letters) > 3:
        return None
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1 if n <= 16384 else None
