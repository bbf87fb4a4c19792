"""The PDF layer: clear reasons for unusable files, and PDFium pages that read like pdfminer's."""

from __future__ import annotations

import pdfplumber
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from extractors.layout import page_lines
from pipeline.pdf.pdfpages import PdfError, inspect_pdf, open_document
from tests.pdfgen import Text, write_encrypted_pdf, write_pdf, write_scanned_pdf


def _reason(path) -> str:
    with pytest.raises(PdfError) as err:
        inspect_pdf(path)
    return err.value.reason


def test_empty_file_is_reported_as_empty(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert _reason(path) == "empty file (0 bytes)"


def test_html_saved_as_pdf_is_not_a_pdf(tmp_path):
    path = tmp_path / "agenda.pdf"
    path.write_text("<!DOCTYPE html><html><body>Not found</body></html>")
    assert _reason(path).startswith("not a PDF")


def test_truncated_download_is_reported_as_truncated(tmp_path):
    whole = write_pdf(tmp_path / "whole.pdf", [["Minutes of the meeting"] * 20])
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert _reason(cut).startswith("truncated")


def test_password_protected_pdf_is_reported_as_encrypted(tmp_path):
    assert _reason(write_encrypted_pdf(tmp_path / "locked.pdf")).startswith("encrypted")


def test_scan_without_text_layer_needs_ocr_when_ocr_is_off(tmp_path):
    with pytest.raises(PdfError) as err:
        inspect_pdf(write_scanned_pdf(tmp_path / "scan.pdf"), ocr=False)
    assert err.value.reason == "scanned: no text layer, needs OCR"


def test_good_pdf_reports_pages_and_text(tmp_path):
    path = write_pdf(tmp_path / "ok.pdf", [["Agenda"], ["Minutes"], []])
    info = inspect_pdf(path)
    assert info.page_count == 3
    assert info.pages_without_text == [3]
    assert len(info.sha256) == 64


def test_pdfium_pages_give_pdfplumbers_words_and_lines(tmp_path):
    lines = [
        Text("COMMITTEE AGENDA", 16, True),
        "Friday 18 October 2019 at 10.00 am",
        Text("Body text", 9, family="Times"),
    ]

    def ruled(canvas, width, height):
        canvas.rect(70, 300, 300, 120)
        canvas.line(70, 360, 370, 360)

    from tests.pdfgen import PageSpec

    path = write_pdf(tmp_path / "p.pdf", [PageSpec(lines=lines, extra=[ruled])])
    with open_document(path) as doc, pdfplumber.open(path) as reference:
        ours, theirs = doc.pages[0], reference.pages[0]
        assert [w["text"] for w in ours.extract_words()] == [w["text"] for w in theirs.extract_words()]
        assert len(ours.rects) == len(theirs.rects) and len(ours.lines) == len(theirs.lines)
        for a, b in zip(ours.extract_words(), theirs.extract_words(), strict=True):
            assert a["x0"] == pytest.approx(b["x0"], abs=0.5)
            assert a["top"] == pytest.approx(b["top"], abs=0.5)


def test_page_with_rotate_entry_reads_like_pdfplumber(tmp_path):
    path = tmp_path / "rotated.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setPageRotation(90)
    canvas.drawString(72, 770, "First line of a turned page")
    canvas.drawString(72, 750, "Second line")
    canvas.showPage()
    canvas.save()
    with open_document(path) as doc, pdfplumber.open(path) as reference:
        ours, theirs = doc.pages[0], reference.pages[0]
        assert (ours.width, ours.height) == (theirs.width, theirs.height)
        assert [w["text"] for w in ours.extract_words()] == [w["text"] for w in theirs.extract_words()]

        def boxes(page):
            return sorted((c["text"], c["upright"], c["x0"], c["top"]) for c in page.chars)

        for a, b in zip(boxes(ours), boxes(theirs), strict=True):
            assert a[:2] == b[:2]
            assert a[2:] == pytest.approx(b[2:], abs=1.0)


def test_vertical_text_chars_are_not_upright(tmp_path):
    def vertical(canvas, width, height):
        canvas.saveState()
        canvas.translate(100, 400)
        canvas.rotate(90)
        canvas.setFont("Helvetica", 10)
        canvas.drawString(0, 0, "Directorate")
        canvas.restoreState()

    from tests.pdfgen import PageSpec

    path = write_pdf(tmp_path / "v.pdf", [PageSpec(lines=["Heading"], extra=[vertical])])
    with open_document(path) as doc:
        chars = [c for c in doc.pages[0].chars if not c["upright"]]
        assert "".join(c["text"] for c in chars) == "Directorate"
        # Read bottom to top, the rotated word runs up the page.
        assert chars[0]["top"] > chars[-1]["top"]


def test_pages_read_from_many_threads_match_a_sequential_read(raw_pdfs):
    from concurrent.futures import ThreadPoolExecutor

    paths = sorted(raw_pdfs.glob("*.pdf"), key=lambda p: p.stat().st_size)[:3]

    def read(path):
        with open_document(path) as doc:
            return [len(p.chars) + len(p.rects) for p in doc.pages]

    sequential = [read(p) for p in paths]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(read, paths * 2))
    assert threaded == sequential * 2


def test_values_typed_into_form_fields_are_page_text(tmp_path):
    path = tmp_path / "notice.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica", 11)
    canvas.drawString(72, 760, "Notice is hereby given that Area Council ______ will meet.")
    canvas.drawString(72, 720, "Date/Time:")
    blank_x = 72 + canvas.stringWidth("Notice is hereby given that Area Council ", "Helvetica", 11)
    form = canvas.acroForm
    form.textfield(
        name="number", value="014", x=blank_x, y=755, width=36, height=16, fontSize=9, borderWidth=0
    )
    form.textfield(
        name="when", value="June 8, 630pm", x=140, y=714, width=200, height=16, fontSize=12, borderWidth=0
    )
    form.textfield(
        name="notes", value="Welcome\nBudget Update", x=90, y=600, width=300, height=60,
        fontSize=12, borderWidth=0, fieldFlags="multiline",
    )  # fmt: skip
    canvas.save()
    with open_document(path) as doc:
        lines = [ln.text for ln in page_lines(doc.pages[0])]
    assert "Notice is hereby given that Area Council 014 will meet." in lines
    assert "Date/Time: June 8, 630pm" in lines
    assert [ln for ln in lines if ln.startswith(("Welcome", "Budget Update"))] == [
        "Welcome",
        "Budget Update",
    ]


def test_glyphs_a_clip_hides_are_not_on_the_page(tmp_path):
    path = tmp_path / "clipped.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica", 10)
    # A spreadsheet cell's text runs on under the next cell, clipped at the cell's edge.
    canvas.saveState()
    box = canvas.beginPath()
    box.rect(70, 700, canvas.stringWidth("Youth Brigade ", "Helvetica", 10), 14)
    canvas.clipPath(box, stroke=0, fill=0)
    canvas.drawString(72, 704, "Youth Brigade Hall")
    canvas.restoreState()
    canvas.drawString(160, 704, "200")
    canvas.showPage()
    canvas.save()
    with open_document(path) as doc:
        words = [w["text"] for w in doc.pages[0].extract_words()]
    assert words == ["Youth", "Brigade", "200"]


def _ligature_pdf(path, text: str, *, unmapped: bool = False):
    """``text`` set in a TrueType face that draws "fi" (U+FB01) as one glyph; with
    ``unmapped`` the font's ToUnicode map reads that glyph as "[", as fonts that leave a
    ligature unmapped make it come out."""
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("Vera", f"{reportlab.__path__[0]}/fonts/Vera.ttf"))
    canvas = Canvas(str(path), pagesize=A4, pageCompression=0)
    canvas.setFont("Vera", 12)
    canvas.drawString(72, 700, text)
    canvas.showPage()
    canvas.save()
    if unmapped:
        data = path.read_bytes()
        assert b"<FB01>" in data
        path.write_bytes(data.replace(b"<FB01>", b"<005B>"))
    return path


def test_a_ligature_the_font_maps_reads_as_its_letters(tmp_path):
    path = _ligature_pdf(tmp_path / "lig.pdf", "Pro\ufb01t for officers")
    with open_document(path) as doc:
        assert "".join(c["text"] for c in doc.pages[0].chars) == "Profit for officers"


def test_a_ligature_the_font_leaves_unmapped_reads_as_the_letters_as_wide_as_it(tmp_path):
    path = _ligature_pdf(tmp_path / "lig.pdf", "Pro\ufb01t for officers", unmapped=True)
    with pdfplumber.open(path) as pdf:
        assert pdf.pages[0].extract_words()[0]["text"] == "Pro[t"
    with open_document(path) as doc:
        assert "".join(c["text"] for c in doc.pages[0].chars) == "Profit for officers"
