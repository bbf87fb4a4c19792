"""pdfplumber's page-object dicts, built from boxes in its coordinates.

The PDFium reader (:mod:`pipeline.pdf.pdfpages`) and OCR (:mod:`pipeline.pdf.ocr`) both hand
pdfplumber the objects it would have parsed itself; these builders give them the keys
pdfplumber's cropping, word extraction and table finding read.
"""

from __future__ import annotations

from typing import Any

from pdfplumber.page import Page

from extractors.base import storable

Box = tuple[float, float, float, float]
"""``(x0, top, x1, bottom)`` in points, origin at the top-left of the page."""


def boxed(kind: str, box: Box, page: Page, height: float | None = None) -> dict[str, Any]:
    """The keys every object has: its kind, page and box in both of pdfplumber's y axes.

    ``height`` is the page's, when the caller has it: a page works it out from its box on each call.
    """
    x0, top, x1, bottom = box
    height = page.height if height is None else height
    return {
        "object_type": kind,
        "page_number": page.page_number,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "y0": height - bottom,
        "y1": height - top,
        "width": x1 - x0,
        "height": bottom - top,
        "doctop": page.initial_doctop + top,
    }


def char_object(
    page: Page,
    text: str,
    box: Box,
    *,
    fontname: str,
    size: float,
    upright: bool,
    matrix: tuple[float, ...],
    color: tuple[float, ...] | None,
    height: float | None = None,
) -> dict[str, Any]:
    """A glyph as pdfplumber's ``char``: its advance is its box's width; its text one a database keeps."""
    obj = boxed("char", box, page, height)
    obj.update(
        text=storable(text),
        fontname=fontname,
        size=size,
        upright=upright,
        matrix=matrix,
        adv=obj["width"],
        non_stroking_color=color,
        stroking_color=None,
    )
    return obj
