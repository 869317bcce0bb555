"""Which encoding a csv file is in, decided per file with evidence, and
decoded strictly in it.

- A byte-order mark decides: UTF-8, UTF-16 LE or UTF-16 BE.
- Else UTF-8 when the whole file decodes as UTF-8.
- Else the evidence: the valid multi-byte UTF-8 sequences against the bytes
  that are not UTF-8.  Chinese text in UTF-8 is all multi-byte sequences, so a
  file that is mostly such text with a stray byte is UTF-8 with a bad byte —
  not GB18030, which would read it without complaint as other characters
  (德国测试公司 as 寰峰浗娴嬭瘯鍏徃).  GB18030/GBK text is rarely valid UTF-8:
  there the bytes that are not UTF-8 outnumber the sequences that are.
- GB18030 (a superset of GBK and GB2312, what Chinese Excel writes) otherwise.

The chosen encoding is applied strictly: a file not valid in it is refused
(``BadBytes``: where the first bad byte is, how many there are) unless the
clerk accepts replacement characters, and then the cells holding them are
named by the caller.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

REPLACEMENT = "\ufffd"

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig", "utf-8"), (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"))
_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")


@dataclass
class BadBytes(Exception):
    """The file is not valid ``encoding``: ``count`` bad bytes, the first at
    byte ``offset`` of the file (BOM included)."""

    encoding: str
    offset: int
    count: int
    text_before: str  # the file decoded up to the first bad byte (to find its row)


@dataclass
class Decoded:
    text: str
    encoding: str  # utf-8, utf-8-sig, utf-16 (by its BOM) or gb18030
    bad_bytes: int = 0  # replaced by U+FFFD (only when the clerk accepted it)


def name(encoding: str) -> str:
    """How a clerk reads the encoding's name."""
    return {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "utf-16": "UTF-16",
            "gb18030": "GB18030"}.get(encoding, encoding.upper())


def decode(data: bytes, accept_bad_bytes: bool = False) -> Decoded:
    """``data`` decoded in the encoding the evidence points to; BadBytes when it
    is not valid there, unless ``accept_bad_bytes`` (then U+FFFD for them)."""
    for bom, label, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data, len(bom), codec, label, accept_bad_bytes)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    codec = "utf-8" if _looks_utf8(data) else "gb18030"
    return _strict(data, 0, codec, codec, accept_bad_bytes)


def _looks_utf8(data: bytes) -> bool:
    """More valid multi-byte UTF-8 sequences than bytes that are not UTF-8."""
    return len(_MULTIBYTE.findall(data)) > _bad(data, "utf-8")


def _bad(data: bytes, codec: str) -> int:
    """How many undecodable stretches ``data`` has in ``codec`` (at C speed:
    the replacement characters of a lenient decoding, less those written)."""
    written = data.count(REPLACEMENT.encode(codec))
    return data.decode(codec, errors="replace").count(REPLACEMENT) - written


def _strict(data: bytes, skip: int, codec: str, label: str, accept: bool) -> Decoded:
    body = data[skip:]
    try:
        return Decoded(body.decode(codec), label)
    except UnicodeDecodeError as exc:
        first = exc.start
    count = _bad(body, codec)
    if not accept:
        raise BadBytes(label, skip + first, count,
                       body[:first].decode(codec, errors="replace"))
    return Decoded(body.decode(codec, errors="replace"), label, count)
