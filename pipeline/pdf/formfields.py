"""What a reader sees typed into a fill-in form: text-field values and free-text notes as page text.

A notice made from a form template prints its number, date, time and venue only as the
values of form fields, which PDFium's text layer leaves out: they are drawn from the
field's appearance, not the page's content. They are added here as characters set in
Helvetica in the field's box (top-aligned when the field holds several lines; one line
sits on the line of print it is typed into, or is centred), and the blank a value is
typed over ("District Council ___") gives way to it.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable, Iterator
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from pdfminer.fontmetrics import FONT_METRICS
from pdfplumber.page import Page

from pipeline.pdf.pageobjects import char_object

Box = tuple[float, float, float, float]

_FONT = "Helvetica"
_WIDTHS: dict[str, int] = FONT_METRICS[_FONT][1]
_DEFAULT_WIDTH = 556
# A field whose font size is automatic is filled at this size, or its box's height less padding.
_AUTO_SIZE = 12.0
# Viewers inset field text by this much (points) from the field's border.
_PADDING = 2.0
# Lines of a multi-line field are this many font sizes apart.
_LEADING = 1.15
_TEXT_FIELDS = {raw.FPDF_FORMFIELD_TEXTFIELD, raw.FPDF_FORMFIELD_COMBOBOX}
_DA_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s+Tf\b")


def field_chars(
    pdfpage: pdfium.PdfPage,
    page: Page,
    to_page: Callable[[float, float, float, float], Box],
    printed: list[dict[str, Any]],
) -> tuple[list[dict[str, Any]], list[Box]]:
    """Characters of the page's filled text fields and free-text notes, and the boxes they fill.

    Args:
        pdfpage: the PDFium page (its document's forms initialised, or values are not read).
        page: the pdfplumber page the characters belong to.
        to_page: maps a user-space box to the page's displayed (x0, top, x1, bottom).
        printed: the page's own characters, whose line a one-line value is typed into.
    """
    chars: list[dict[str, Any]] = []
    boxes: list[Box] = []
    for text, size, box, multiline in _typed_values(pdfpage):
        box = to_page(*box)
        boxes.append(box)
        chars.extend(_set_in_box(text, size, box, multiline, page, _line_bottom(box, printed)))
    return chars, boxes


def _line_bottom(box: Box, printed: list[dict[str, Any]]) -> float | None:
    """The bottom of the printed line that runs through a field's box, if one does."""
    bottoms = sorted(
        c["bottom"]
        for c in printed
        if not c["text"].isspace() and box[1] <= (c["top"] + c["bottom"]) / 2 <= box[3]
    )
    return bottoms[len(bottoms) // 2] if bottoms else None


def _typed_values(pdfpage: pdfium.PdfPage) -> Iterator[tuple[str, float, Box, bool]]:
    formenv = pdfpage.pdf.formenv
    for index in range(raw.FPDFPage_GetAnnotCount(pdfpage.raw)):
        annot = raw.FPDFPage_GetAnnot(pdfpage.raw, index)
        try:
            kind = raw.FPDFAnnot_GetSubtype(annot)
            rect = raw.FS_RECTF()
            if not raw.FPDFAnnot_GetRect(annot, rect):
                continue
            box = (rect.left, rect.bottom, rect.right, rect.top)
            if kind == raw.FPDF_ANNOT_FREETEXT:
                text = _string(raw.FPDFAnnot_GetStringValue, annot, b"Contents")
                found = _DA_SIZE.search(_string(raw.FPDFAnnot_GetStringValue, annot, b"DA"))
                size = float(found.group(1)) if found else 0.0
                multiline = "\n" in text
            elif kind == raw.FPDF_ANNOT_WIDGET and formenv is not None:
                handle = formenv.raw
                if raw.FPDFAnnot_GetFormFieldType(handle, annot) not in _TEXT_FIELDS:
                    continue
                text = _string(raw.FPDFAnnot_GetFormFieldValue, handle, annot)
                value = ctypes.c_float()
                size = value.value if raw.FPDFAnnot_GetFontSize(handle, annot, value) else 0.0
                flags = raw.FPDFAnnot_GetFormFieldFlags(handle, annot)
                multiline = bool(flags & raw.FPDF_FORMFLAG_TEXT_MULTILINE)
            else:
                continue
            if text.strip():
                yield text, size, box, multiline
        finally:
            raw.FPDFPage_CloseAnnot(annot)


def _string(getter: Callable[..., int], *args: Any) -> str:
    """A UTF-16 string from a PDFium getter that reports the buffer length it needs."""
    length = getter(*args, None, 0)
    if length <= 2:
        return ""
    buffer = (ctypes.c_ushort * (length // 2))()
    getter(*args, buffer, length)
    return bytes(buffer).decode("utf-16-le", "replace").rstrip("\x00")


def _set_in_box(
    text: str, size: float, box: Box, multiline: bool, page: Page, line_bottom: float | None
) -> list[dict[str, Any]]:
    x0, top, _x1, bottom = box
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()] if multiline else [" ".join(text.split())]
    size = size or min(_AUTO_SIZE, max(bottom - top - 2 * _PADDING, 1.0))
    if multiline:
        first = top + _PADDING
    elif line_bottom is not None:
        first = line_bottom - size
    else:
        first = top + max((bottom - top - size) / 2, 0.0)
    chars = []
    for k, line in enumerate(lines):
        line_top = first + k * _LEADING * size
        x = x0 + _PADDING
        for ch in line:
            advance = _WIDTHS.get(ch, _DEFAULT_WIDTH) * size / 1000
            chars.append(
                char_object(
                    page,
                    ch,
                    (x, line_top, x + advance, line_top + size),
                    fontname=_FONT,
                    size=size,
                    upright=True,
                    matrix=(1.0, 0.0, 0.0, 1.0, x, page.height - line_top - size),
                    color=(0.0, 0.0, 0.0),
                )
            )
            x += advance
    return chars


def under_fields(char: dict[str, Any], boxes: list[Box]) -> bool:
    """Whether a character is a blank's underscore that a typed value covers."""
    if char["text"] != "_":
        return False
    cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)
