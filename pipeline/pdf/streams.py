"""Decompression bombs: a stream of a few kilobytes that inflates to gigabytes.

PDFium decodes a page's content stream, fonts and images whole, so a stream deflated
twice over a gigabyte of zeros (2 kB in the file) costs gigabytes of memory before any
limit on the page can be checked. The file's streams are measured here first, reading
them from the raw bytes (no parser trusts the file's structure), inflating no further
than the limit.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator

# zlib's largest expansion: a stream this many times its own length or less needs no inflating.
_DEFLATE_RATIO = 1032
# Inflated a piece at a time, so measuring a bomb never holds more than this.
_PIECE = 1 << 20
# A stream's dictionary ends this close before its "stream" keyword.
_DICT_REACH = 4096

_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")
_OBJ = re.compile(rb"\bobj\b")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/<>\[\]()]+)")
_NAME = re.compile(rb"/([^\s/<>\[\]()]+)")
_DEFLATE = {b"FlateDecode", b"Fl"}


def first_bomb(data: bytes, limit: int) -> int | None:
    """The byte offset of the first stream that inflates to more than ``limit`` bytes, if any.

    Only leading Flate filters are followed: every other filter shrinks its input or
    decodes an image, whose size its own header bounds.
    """
    for match in _STREAM.finditer(data):
        start = match.end()
        end = data.find(b"endstream", start)
        if end < 0:
            end = len(data)
        head = data[max(0, match.start() - _DICT_REACH) : match.start()]
        objs = list(_OBJ.finditer(head))
        deflations = _leading_deflations(head[objs[-1].end() :] if objs else head)
        may_burst = deflations and (end - start) * _DEFLATE_RATIO**deflations > limit
        if may_burst and _inflates_beyond(data[start:end], deflations, limit):
            return match.start()
    return None


def _leading_deflations(dictionary: bytes) -> int:
    found = _FILTER.search(dictionary)
    if found is None:
        return 0
    names = _NAME.findall(found.group(1))
    leading = 0
    for name in names:
        if name not in _DEFLATE:
            break
        leading += 1
    return leading


def _inflates_beyond(raw: bytes, times: int, limit: int) -> bool:
    pieces: Iterable[bytes] = [raw]
    for _ in range(times):
        pieces = _inflate(pieces)
    total = 0
    for piece in pieces:
        total += len(piece)
        if total > limit:
            return True
    return False


def _inflate(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """Inflated pieces of a zlib stream given in pieces; a damaged stream ends where it breaks."""
    inflater = zlib.decompressobj()
    try:
        for piece in pieces:
            while piece and not inflater.eof:
                out = inflater.decompress(piece, _PIECE)
                piece = inflater.unconsumed_tail
                if out:
                    yield out
            if inflater.eof:
                return
        yield inflater.flush()
    except zlib.error:
        return
