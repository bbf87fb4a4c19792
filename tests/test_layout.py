"""The page layout model: a page's words and lines are read once and shared by every extractor."""

from __future__ import annotations

import gc
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from extractors import layout
from extractors.layout import Word, is_bold_font, join_superscripts, page_lines, read_words, text_layer
from pipeline.pdf.pdfpages import open_document
from tests.pdfgen import Text, write_pdf


def _pdfplumber_words(page) -> list[Word]:
    """The words as pdfplumber's own word extraction gives them, in the layout's terms."""
    found = page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False, use_text_flow=False)
    return join_superscripts(
        [
            Word(
                w["text"],
                w["x0"],
                w["top"],
                w["x1"],
                w["bottom"],
                float(w["size"]),
                is_bold_font(w["fontname"]),
            )
            for w in found
            if w["upright"]
        ]
    )


def test_a_page_is_read_into_words_and_lines_once_for_every_extractor(tmp_path):
    pdf = write_pdf(tmp_path / "a.pdf", [[Text("Budget report", size=16, bold=True), "The committee met."]])
    with open_document(pdf) as doc:
        page = doc.pages[0]
        assert text_layer(page) is text_layer(page)
        first, again = page_lines(page), page_lines(page)
        assert [ln.text for ln in first] == ["Budget report", "The committee met."]
        assert all(a is b for a, b in zip(first, again, strict=True))


def test_lines_outside_excluded_boxes_leave_out_the_words_inside(tmp_path):
    pdf = write_pdf(tmp_path / "a.pdf", [["Heading line", "Second line"]])
    with open_document(pdf) as doc:
        page = doc.pages[0]
        heading = page_lines(page)[0]
        assert [ln.text for ln in page_lines(page, exclude=[heading.bbox])] == ["Second line"]
        assert len(page_lines(page)) == 2


def test_a_cropped_page_has_a_layer_of_its_own(tmp_path):
    pdf = write_pdf(tmp_path / "a.pdf", [["Top line", *[""] * 20, "Bottom line"]])
    with open_document(pdf) as doc:
        page = doc.pages[0]
        top = page.crop((0, 0, page.width, page.height / 4))
        assert [ln.text for ln in page_lines(top)] == ["Top line"]
        assert [ln.text for ln in page_lines(page)] == ["Top line", "Bottom line"]


def test_a_pages_layer_goes_with_the_page(tmp_path):
    pdf = write_pdf(tmp_path / "a.pdf", [["One"], ["Two"], ["Three"]])
    gc.collect()
    before = len(layout._LAYERS)
    with open_document(pdf) as doc:
        for page in doc.pages:
            text_layer(page)
        assert len(layout._LAYERS) == before + 3
    del doc, page
    gc.collect()
    assert len(layout._LAYERS) <= before


_FONTS = ["Helvetica", "Helvetica-Bold", "Times-Roman", "Times-Bold", "Courier"]
_WORDS = st.sampled_from(["Total", "£1,234", "(56.7)", "12%", "n/a", "2024-25", "Revenue", "•", "a", "-"])


@st.composite
def _runs(draw) -> list[tuple[str, str, float, float, float]]:
    """Runs of text: (text, font, size, x, baseline), some raised, some close after another."""
    runs = []
    for _ in range(draw(st.integers(1, 12))):
        text = " ".join(draw(st.lists(_WORDS, min_size=1, max_size=3)))
        font = draw(st.sampled_from(_FONTS))
        size = draw(st.sampled_from([6.0, 8.0, 9.5, 11.0, 14.0]))
        x = draw(st.floats(40, 400))
        y = draw(st.floats(100, 780))
        runs.append((text, font, size, x, y))
        if draw(st.booleans()):
            # An ordinal ending or footnote mark set small and raised right after the run.
            tail = draw(st.sampled_from(["th", "st", "1", "er"]))
            width = 0.55 * size * len(text) + draw(st.floats(-1.0, 4.0))
            runs.append((tail, font, size * 0.6, x + width, y + size * 0.35))
    return runs


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_runs())
def test_words_are_those_of_pdfplumbers_word_extraction(runs):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.pdf"
        canvas = Canvas(str(path), pagesize=A4)
        for text, font, size, x, y in runs:
            canvas.setFont(font, size)
            canvas.drawString(x, y, text)
        canvas.showPage()
        canvas.save()
        with open_document(path, ocr=False) as doc:
            page = doc.pages[0]
            assert read_words(page.chars) == _pdfplumber_words(page)
