"""The file's own budget, measured from its raw bytes before any PDF reader parses it.

PDFium decodes a page's content stream, fonts and images whole, and pdfminer the
catalog's /Metadata, so a stream deflated twice over a gigabyte of zeros (2 kB in the
file) costs gigabytes of memory before any limit on a page can be checked; a page whose
/Contents lists 100,000 streams costs minutes to load. These are measured here first,
from the raw bytes (no parser trusts the file's structure), inflating no further than
the limit.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator

from pipeline.pdf.limits import MIB, Limits, over

# zlib's largest expansion: a stream this many times its own length or less needs no inflating.
_DEFLATE_RATIO = 1032
# Inflated a piece at a time, so measuring a bomb never holds more than this.
_PIECE = 1 << 20
# A stream's dictionary ends this close before its "stream" keyword.
_DICT_REACH = 4096

_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")
_OBJ = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/<>\[\]()]+)")
_NAME = re.compile(rb"/([^\s/<>\[\]()]+)")
_DEFLATE = {b"FlateDecode", b"Fl"}
_CONTENTS = re.compile(rb"/Contents\s*(?:(\[)|(\d+)\s+(\d+)\s+R)")
_REFERENCE = re.compile(rb"\d+\s+\d+\s+R\b")


def over_budget(data: bytes, limits: Limits) -> str | None:
    """Why the PDF whose bytes are ``data`` is over budget before it is parsed, or None."""
    return _bomb(data, limits) or _long_contents(data, limits)


def _bomb(data: bytes, limits: Limits) -> str | None:
    """A stream inflating past its limit, or all streams together past theirs.

    Only leading Flate filters are followed: every other filter shrinks its input or
    decodes an image, whose size its own header bounds.
    """
    each, total = limits.stream_mib * MIB, limits.total_mib * MIB
    spent = 0
    for match in _STREAM.finditer(data):
        start = match.end()
        end = data.find(b"endstream", start)
        if end < 0:
            end = len(data)
        head = data[max(0, match.start() - _DICT_REACH) : match.start()]
        objs = list(_OBJ.finditer(head))
        deflations = _leading_deflations(head[objs[-1].end() :] if objs else head)
        cap = min(each, total - spent)
        bound = (end - start) * _DEFLATE_RATIO**deflations
        size = _inflated(data[start:end], deflations, cap) if bound > cap else end - start
        if size > each:
            what = _stream_name(data, objs[-1] if objs else None)
            return over(f"{what} inflates past {limits.stream_mib:,} MiB", limits, "stream_mib")
        spent += size
        if spent > total:
            return over(f"its streams together inflate past {limits.total_mib:,} MiB", limits, "total_mib")
    return None


def _stream_name(data: bytes, obj: re.Match[bytes] | None) -> str:
    """'the /Metadata stream (object 7)': the key that refers to the stream, if one is found."""
    if obj is None:
        return "a stream"
    number, generation = obj.group(1), obj.group(2)
    key = re.search(rb"/([A-Za-z0-9]+)\s*" + number + rb"\s+" + generation + rb"\s+R\b", data)
    named = f"/{key.group(1).decode('ascii')} stream" if key else "stream"
    return f"the {named} (object {int(number)})"


def _long_contents(data: bytes, limits: Limits) -> str | None:
    """A page whose /Contents array lists more streams than the limit."""
    for match in _CONTENTS.finditer(data):
        if match.group(1):
            start = match.end()
        else:
            body = re.search(rb"\b" + match.group(2) + rb"\s+" + match.group(3) + rb"\s+obj\s*\[", data)
            if body is None:
                continue
            start = body.end()
        end = data.find(b"]", start)
        listed = len(_REFERENCE.findall(data, start, end if end >= 0 else len(data)))
        if listed > limits.contents:
            return over(f"a page's /Contents lists {listed:,} streams", limits, "contents")
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


def _inflated(raw: bytes, times: int, cap: int) -> int:
    """The size ``raw`` inflates to ``times`` over, counted no further than just past ``cap``."""
    pieces: Iterable[bytes] = [raw]
    for _ in range(times):
        pieces = _inflate(pieces)
    total = 0
    for piece in pieces:
        total += len(piece)
        if total > cap:
            break
    return total


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
