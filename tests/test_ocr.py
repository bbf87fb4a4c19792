"""Scanned pages read through OCR: words, sizes, weights and rules as a born-digital page has them.

Scans are made in the tests: born-digital pages (drawn with reportlab, and sample
PDFs) rendered to grey images, roughened like a scanner's output (noise, a slight
rotation, a page fed sideways) and saved as image-only PDFs. The image measurements
run everywhere; tests that need Tesseract skip when it is not installed. OCR tests
share one worker and one OCR cache, so each page image is read once.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from extractors.base import Source
from extractors.layout import page_lines, page_words
from extractors.tables import extract_tables
from pipeline.export import to_json
from pipeline.extract import extract_pdf, segment_pdf
from pipeline.pdf import scanimage
from pipeline.pdf.hocr import WordBox, join_addresses, restore_day_numbers, restore_misread
from pipeline.pdf.ocr import (
    OcrPage,
    OcrWord,
    page_objects,
    read_page,
    tesseract_available,
)
from pipeline.pdf.pdfpages import PdfError, inspect_pdf, open_document, sha256_of
from tests.conftest import RAW_PDFS, load_scorer
from tests.pdfgen import Text, write_pdf, write_scanned_pdf
from tests.test_tables_pdfs import Grid, Heading, Page, Para, write_pages
from tests.variants import build

needs_tesseract = pytest.mark.skipif(
    not tesseract_available(),
    reason="tesseract is not installed (scripts/install-system-packages.sh installs it)",
)
ocr_group = pytest.mark.xdist_group("ocr")

BODY = [
    "The Joint Committee received a report on the performance of shared services",
    "during the second quarter. Members asked about staffing levels in payroll and",
    "the number of agency workers employed in the contact centre since April.",
]


def scan_of(
    src: Path,
    dst: Path,
    *,
    pages: Sequence[int] = (),
    dpi: int = 200,
    angle: float = 0.0,
    turn: int = 0,
    noise: float = 6.0,
) -> Path:
    """An image-only copy of ``src``: pages rendered grey, roughened like a scan, saved as pictures.

    Args:
        src: the born-digital PDF.
        dst: where to write the scan.
        pages: 0-based pages to take (all when empty).
        dpi: the scan's resolution.
        angle: rotation (degrees, counter-clockwise) of the paper on the scanner.
        turn: quarter turns (counter-clockwise, in degrees: 90, 180, 270) of a page fed sideways.
        noise: the scanner's grain, the spread (grey levels) of the noise added to each pixel.
    """
    rng = np.random.default_rng(7)
    doc = pdfium.PdfDocument(str(src))
    images = []
    for i in pages or range(len(doc)):
        image = doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        if angle:
            image = image.rotate(angle, resample=Image.BILINEAR, fillcolor=255)
        if turn:
            image = image.rotate(turn, expand=True)
        pixels = np.asarray(image, dtype=np.float32) + rng.normal(0, noise, (image.height, image.width))
        images.append(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)))
    doc.close()
    images[0].save(dst, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return dst


def grey_page(path: Path, index: int = 0) -> np.ndarray:
    """A page rendered grey at the resolution OCR reads at."""
    doc = pdfium.PdfDocument(str(path))
    try:
        return doc[index].render(scale=scanimage.DPI / 72, grayscale=True).to_numpy().copy()
    finally:
        doc.close()


def words_of(path: Path, index: int = 0) -> list[str]:
    with open_document(path) as doc:
        return [w.text for w in page_words(doc.pages[index])]


def overlap(expected: Sequence[str], found: Sequence[str]) -> float:
    """Share of the expected words found (as a multiset)."""
    return sum((Counter(expected) & Counter(found)).values()) / max(len(expected), 1)


def text_page(path: Path) -> Path:
    """A report page: a bold title, a bold label, body text, a bold heading, a line in a serif face."""
    lines = [
        Text("QUARTERLY PERFORMANCE REPORT", 16, True),
        Text("Report author and contact details:", 11, True, space_before=8),
        *BODY,
        Text("Recommendations", 12, True, space_before=8),
        Text("The Committee is asked to note the report and agree the revised targets.", 11, family="Times"),
    ]
    return write_pdf(path, [lines])


# ---------------------------------------------------------------- the image alone


def test_skew_of_a_page_put_crooked_on_the_scanner_is_measured(tmp_path):
    scan = scan_of(text_page(tmp_path / "p.pdf"), tmp_path / "scan.pdf", angle=1.5)
    grey = grey_page(scan)
    assert scanimage.skew_angle(grey < scanimage.ink_threshold(grey)) == pytest.approx(-1.5, abs=0.15)


def test_square_page_is_left_alone(tmp_path):
    grey = grey_page(text_page(tmp_path / "p.pdf"))
    assert scanimage.skew_angle(grey < scanimage.ink_threshold(grey)) == 0.0


def test_page_fed_sideways_is_seen_lying_on_its_side(tmp_path):
    upright = grey_page(scan_of(text_page(tmp_path / "p.pdf"), tmp_path / "a.pdf"))
    sideways = grey_page(scan_of(text_page(tmp_path / "p.pdf"), tmp_path / "b.pdf", turn=90))
    assert not scanimage.lies_sideways(upright < scanimage.ink_threshold(upright))
    assert scanimage.lies_sideways(sideways < scanimage.ink_threshold(sideways))


GRID = Grid(
    rows=[
        ["Service", "Budget £", "Forecast £", "Variance £"],
        ["Legal Services", "1,200", "1,150", "(50)"],
        ["Payroll", "800", "845", "45"],
        ["Internal Audit", "300", "300", "0"],
    ],
    widths=[150, 80, 80, 80],
)


def test_ruled_grid_becomes_rules_and_large_bold_letters_do_not(tmp_path):
    pdf = write_pages(
        tmp_path / "t.pdf", [Page([Heading("BUDGET MONITORING TEMPLATE", 22), Para("Text."), GRID])]
    )
    with open_document(pdf) as doc:
        drawn = doc.pages[0]
        xs = sorted({round(x) for ln in drawn.lines + drawn.rects for x in (ln["x0"], ln["x1"])})
        heading_bottom = min(w.top for w in page_words(drawn) if w.text == "Text.")
    grey = grey_page(scan_of(pdf, tmp_path / "scan.pdf"))
    graphics = scanimage.separate_graphics(grey, scanimage.ink_threshold(grey))
    verticals = [r for r in graphics.rules if not r.horizontal]
    horizontals = [r for r in graphics.rules if r.horizontal]
    # Every column edge of the grid is found, and nothing in the heading above it.
    for edge in (min(xs), *(min(xs) + sum(GRID.widths[: k + 1]) for k in range(len(GRID.widths)))):
        assert any(abs(r.pos - edge) < 1.5 for r in verticals), edge
    assert len({round(r.pos) for r in horizontals}) >= len(GRID.rows) + 1
    assert all((r.pos if r.horizontal else r.start) > heading_bottom for r in graphics.rules)
    # Rules are gone from the image the OCR engine reads.
    assert (graphics.clean < 100).sum() < (grey < 100).sum() * 0.9


def test_shaded_header_row_is_a_filled_area(tmp_path):
    pdf = write_pages(tmp_path / "t.pdf", [Page([Para("Text."), GRID])])
    grey = grey_page(scan_of(pdf, tmp_path / "scan.pdf"))
    graphics = scanimage.separate_graphics(grey, scanimage.ink_threshold(grey))
    assert any(f.x1 - f.x0 > 300 and 8 < f.bottom - f.top < 30 and f.grey < 0.95 for f in graphics.fills)


def test_size_of_a_line_from_how_high_its_letters_rise():
    px = 11 / scanimage.PT_PER_PX  # an 11 pt line at 300 dpi
    words = [("Members", 0.72 * px), ("were", 0.56 * px), ("told", 0.74 * px)]
    assert scanimage.line_size(words, row=0) * scanimage.PT_PER_PX == pytest.approx(11, rel=0.02)


def test_sizes_measured_with_noise_settle_on_one_size_and_headings_stay_apart():
    sizes = [10.9, 11.1, 11.0, 11.3, 10.8, 12.4, 12.5, 16.1]
    settled = scanimage.settle_sizes(sizes, [60, 60, 60, 60, 60, 12, 12, 20])
    assert len(set(settled[:5])) == 1 and settled[0] == pytest.approx(11.0, abs=0.15)
    assert settled[5] == settled[6] != settled[0]
    assert settled[7] == 16.1


def test_bold_words_have_thicker_strokes_for_their_size(tmp_path):
    lines = [Text(f"Regular body text line number {n} of the minutes", 11) for n in range(6)]
    lines += [Text("Resolved Recommendations", 11, bold=True), Text("Apologies Received", 14, bold=True)]
    lines += [Text("Another regular line in a larger size", 14)]
    pdf = write_pdf(tmp_path / "p.pdf", [lines])
    grey = grey_page(scan_of(pdf, tmp_path / "scan.pdf"))
    with open_document(pdf) as doc:
        rows = page_lines(doc.pages[0])
    to_px = 1 / scanimage.PT_PER_PX
    boxes = [
        [(w.text, tuple(round(v * to_px) for v in (w.x0, w.top, w.x1, w.bottom))) for w in ln.words]
        for ln in rows
    ]
    bold = scanimage.bold_words(boxes, [ln.size * to_px for ln in rows], grey < scanimage.ink_threshold(grey))
    assert [all(flags) for flags in bold] == [ln.bold for ln in rows]
    assert [any(flags) for flags in bold] == [ln.bold for ln in rows]


def test_bullet_is_a_filled_blob_above_the_baseline():
    ink = np.zeros((60, 60), bool)
    cv2.circle(ink.view(np.uint8), (20, 30), 6, 1, -1)
    assert scanimage.is_bullet((14, 24, 26, 36), baseline=45, size=46, ink=ink)
    ring = np.zeros((60, 60), np.uint8)
    cv2.circle(ring, (20, 30), 6, 1, 2)
    assert not scanimage.is_bullet((14, 24, 26, 36), baseline=45, size=46, ink=ring.astype(bool))
    # A letter stands on the baseline.
    assert not scanimage.is_bullet((14, 33, 26, 45), baseline=45, size=46, ink=ink)


def test_arrows_are_told_by_a_head_spreading_both_ways_and_letters_are_not(tmp_path):
    shafts = {
        "↑": ((30, 50), (30, 10)),
        "↓": ((30, 10), (30, 50)),
        "→": ((10, 30), (50, 30)),
        "←": ((50, 30), (10, 30)),
    }
    for arrow, (tail, tip) in shafts.items():
        ink = np.zeros((60, 60), np.uint8)
        cv2.arrowedLine(ink, tail, tip, 1, 2, tipLength=0.25)
        assert scanimage.arrow_of((2, 2, 57, 57), ink.astype(bool)) == arrow
    letters = "t 1 l f j I ! | + T Y i"
    pdf = write_pdf(
        tmp_path / "p.pdf", [[Text(letters, 11), Text(letters, 14, family="Times"), Text(letters, 9)]]
    )
    grey = grey_page(scan_of(pdf, tmp_path / "scan.pdf"))
    ink = grey < scanimage.ink_threshold(grey)
    with open_document(pdf) as doc:
        boxes = [(w.x0, w.top, w.x1, w.bottom) for w in page_words(doc.pages[0])]
    to_px = 1 / scanimage.PT_PER_PX
    assert [scanimage.arrow_of(tuple(round(v * to_px) for v in b), ink) for b in boxes] == [None] * len(boxes)


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        ("1O5", "105"),
        ("2O19", "2019"),
        ("1O%", "10%"),
        ("IPO1", "IP01"),
        ("CO2", "CO2"),
        ("Officer", "Officer"),
        ("E12.78M", "£12.78M"),
        ("(E'm)", "(£'m)"),
        ("E15", "E15"),
        ("East", "East"),
        ("Al2", "A12"),
        ("20l9", "2019"),
        ("Vol2", "Vol2"),
        ("Clir", "Cllr"),
        ("Clear", "Clear"),
    ],
)
def test_usual_misreadings_in_figures_and_words_are_put_right(read, printed):
    assert restore_misread(read) == printed


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        (["Email:", "jo.green", "@example.gov.uk"], ["Email:", "jo.green@example.gov.uk"]),
        (["jo.green@", "example.gov.uk."], ["jo.green@example.gov.uk."]),
        (["to", "jo.green", "@", "example.gov.uk,"], ["to", "jo.green@example.gov.uk,"]),
        (["3", "@", "£5"], ["3", "@", "£5"]),
        (["follow", "@council"], ["follow", "@council"]),
        (["Wednesday", "Sth", "March"], ["Wednesday", "5th", "March"]),
        (["lst", "April"], ["1st", "April"]),
        (["Sth", "Yorkshire"], ["Sth", "Yorkshire"]),
        (["Ist", "Marketing"], ["Ist", "Marketing"]),
    ],
)
def test_addresses_split_at_the_at_sign_and_misread_days_are_put_right(read, printed):
    boxes = [WordBox(text, 20 * k, 0, 20 * k + 15, 10, 10.0, 90.0) for k, text in enumerate(read)]
    assert [b.text for b in join_addresses(restore_day_numbers(boxes))] == printed


def test_dash_left_out_between_two_words_is_found_by_its_shape():
    ink = np.zeros((100, 300), bool)
    ink[62:65, 120:148] = True  # a flat stroke at mid x-height, about half the type size long
    assert scanimage.dash_between((10, 40, 100, 80), (170, 40, 250, 80), 80, 46, ink) == (
        "–",
        (120, 62, 148, 65),
    )
    ink[50:80, 130:133] = True  # a letter stroke crossing it: no dash
    assert scanimage.dash_between((10, 40, 100, 80), (170, 40, 250, 80), 80, 46, ink) is None


def test_ocr_words_become_chars_that_extract_as_the_same_words(tmp_path):
    word = dict(top=100.0, bottom=108.0, baseline=108.0, size=11.0, bold=False, confidence=95.0, line=0)
    result = OcrPage(
        width=595.0,
        height=842.0,
        turns=0,
        skew=0.0,
        words=(
            OcrWord("Minutes", 72.0, x1=110.0, **word),
            OcrWord("of", 111.5, x1=121.0, **word),  # a gap narrower than pdfplumber's tolerance
            OcrWord("Meeting", 124.0, x1=170.0, **{**word, "bold": True, "line": 1}),
        ),
        rules=(scanimage.Rule(True, 120.0, 72.0, 300.0, 0.5),),
        fills=(),
    )
    blank = write_pdf(tmp_path / "blank.pdf", [[]])
    with open_document(blank, ocr=False) as doc:
        page = doc.pages[0]
        page._objects = page_objects(result, page)
        words = page.extract_words(extra_attrs=["size", "fontname"])
        assert [w["text"] for w in words] == ["Minutes", "of", "Meeting"]
        assert [w["size"] for w in words] == [11.0, 11.0, 11.0]
        assert [ln.bold for ln in page_lines(page)] == [False]
        assert [w.bold for w in page_words(page)] == [False, False, True]
        assert [(ln["top"], ln["x0"], ln["x1"]) for ln in page.lines] == [(120.0, 72.0, 300.0)]


def test_scan_is_refused_with_ocr_turned_off(tmp_path):
    scan = scan_of(text_page(tmp_path / "p.pdf"), tmp_path / "scan.pdf")
    with pytest.raises(PdfError) as err:
        inspect_pdf(scan, ocr=False)
    assert err.value.reason == "scanned: no text layer, needs OCR"
    with open_document(scan, ocr=False) as doc:
        assert doc.pages[0].chars == [] and not doc.scanned


# ---------------------------------------------------------------- with Tesseract


@needs_tesseract
@ocr_group
def test_scanned_page_reads_back_its_words_sizes_and_weights(tmp_path):
    pdf = text_page(tmp_path / "p.pdf")
    scan = scan_of(pdf, tmp_path / "scan.pdf", angle=0.8)
    with open_document(pdf) as doc:
        born = page_lines(doc.pages[0])
    with open_document(scan) as doc:
        read = page_lines(doc.pages[0])
        assert doc.pages[0].read_by_ocr and doc.scanned
    assert (
        overlap([w.text for ln in born for w in ln.words], [w.text for ln in read for w in ln.words]) >= 0.95
    )
    assert [ln.text for ln in read][:2] == [
        "QUARTERLY PERFORMANCE REPORT",
        "Report author and contact details:",
    ]
    assert [ln.bold for ln in read] == [ln.bold for ln in born]
    for a, b in zip(born, read, strict=True):
        # Sizes are measured for common sans faces; a serif face reads somewhat smaller.
        assert b.size == pytest.approx(a.size, rel=0.1), a.text
        assert b.top == pytest.approx(a.top, abs=3) and b.x0 == pytest.approx(a.x0, abs=3)


@needs_tesseract
@ocr_group
def test_scan_inspects_as_scanned_and_a_blank_scan_is_refused(tmp_path):
    info = inspect_pdf(scan_of(text_page(tmp_path / "p.pdf"), tmp_path / "scan.pdf"))
    assert info.scanned and info.pages_needing_ocr == [1]
    with pytest.raises(PdfError) as err:
        inspect_pdf(write_scanned_pdf(tmp_path / "blank.pdf", pages=1, text=False))
    assert err.value.reason == "scanned: OCR found no text"


@needs_tesseract
@ocr_group
def test_rough_crooked_scan_of_a_serif_front_sheet_and_minutes_reads_as_printed(tmp_path):
    # Grainy and crooked: Times bold capitals barely heavier than the body, item numbers
    # hanging far left of their titles, an e-mail address, a day of the month.
    pdf, _ = build("district-licensing", tmp_path)
    scan = scan_of(pdf, tmp_path / "scan.pdf", pages=(0, 1), angle=0.6, noise=12)
    with open_document(pdf) as doc:
        born = [page_lines(doc.pages[i]) for i in (0, 1)]
    with open_document(scan) as doc:
        read = [page_lines(doc.pages[i]) for i in (0, 1)]
    for born_lines, read_lines in zip(born, read, strict=True):
        texts = [ln.text for ln in read_lines]
        for line in born_lines:
            if "...." in line.text:
                continue  # dot leaders: the OCR engine passes over them
            match = min(read_lines, key=lambda ln: abs(ln.top - line.top))
            assert abs(match.top - line.top) <= 3, line.text
            # The "Page N" stamp is small print in a second face, whose regular weight
            # is heavier for its size than the page's Times: its weight is not pinned.
            if not line.text.startswith("Page "):
                assert match.bold == line.bold, (line.text, match.text)
            assert match.size == pytest.approx(line.size, rel=0.1), line.text
            if (
                line.text[:2] in {"1.", "2.", "3.", "4.", "5.", "6."}
                or "@" in line.text
                or "March" in line.text
            ):
                assert line.text in texts


@needs_tesseract
@ocr_group
def test_page_fed_sideways_is_read_upright(tmp_path):
    pdf = text_page(tmp_path / "p.pdf")
    scan = scan_of(pdf, tmp_path / "scan.pdf", turn=270)
    with open_document(scan) as doc:
        page = doc.pages[0]
        # The image lies landscape in the PDF; read, the page stands upright.
        assert (page.width, page.height) == pytest.approx((595.3, 841.9), abs=2)
        words = [w.text for w in page_words(page)]
    assert overlap(words_of(pdf), words) >= 0.95


@needs_tesseract
@ocr_group
def test_ocr_result_is_kept_and_read_back_instead_of_reading_the_page_again(tmp_path):
    scan = scan_of(text_page(tmp_path / "p.pdf"), tmp_path / "scan.pdf")
    cache = tmp_path / "cache"
    doc = pdfium.PdfDocument(str(scan))
    try:
        first = read_page(doc, 0, cache=cache)
        [kept] = cache.rglob("*.json")
        assert OcrPage.from_json(kept.read_text()) == first
        altered = json.loads(kept.read_text())
        altered["words"][0]["text"] = "ALTERED"
        kept.write_text(json.dumps(altered))
        assert read_page(doc, 0, cache=cache).words[0].text == "ALTERED"
    finally:
        doc.close()


@needs_tesseract
@ocr_group
def test_ruled_table_in_a_scan_comes_out_of_the_table_engine_as_drawn(tmp_path):
    merged = Grid(
        rows=[
            ["Directorate", "Indicator", "Target", "Actual"],
            ["Finance", "Invoices paid within 30 days", "95%", "97%"],
            [None, "Debt recovered", "80%", "74%"],
            ["Legal", "Cases closed on time", "90%", "92%"],
        ],
        widths=[110, 200, 70, 70],
        spans={(1, 0): (2, 1)},
    )
    pdf = write_pages(
        tmp_path / "t.pdf", [Page([Heading("Performance"), Para("Indicators below."), GRID, merged])]
    )
    scan = scan_of(pdf, tmp_path / "scan.pdf", angle=-0.6)
    with open_document(pdf) as doc:
        born = extract_tables(doc.pages, Source("0" * 64))
    with open_document(scan) as doc:
        read = extract_tables(doc.pages, Source("0" * 64))
    assert [(t.header, t.rows, t.spans) for t in read] == [(t.header, t.rows, t.spans) for t in born]


# ---------------------------------------------------------------- the sample PDFs, scanned


def _section_scores(pdf: Path, truth: dict, file_name: str) -> dict[str, float]:
    score = load_scorer()
    seg = segment_pdf(pdf, sha256_of(pdf)).model_copy(update={"file": file_name})
    exported = to_json(extract_pdf(pdf, seg))
    tallies = {s: score.Tally() for s in score.SECTIONS}
    score.score_pair(truth, exported, tallies)
    return {s: t.f1 for s, t in tallies.items() if t.tp + t.fn and s != "inconsistencies"}


@needs_tesseract
@ocr_group
@pytest.mark.slow
@pytest.mark.parametrize("name", ["oneSource-2019-07-12-minutes", "oneSource-2020-02-07-kpi-q2-cover"])
def test_scanned_sample_gives_the_records_of_the_born_digital_pdf(corpus_dir, tmp_path, name):
    truth = json.loads((corpus_dir / f"{name}.truth.json").read_text())
    pdf = RAW_PDFS / f"{name}.pdf"
    born = _section_scores(pdf, truth, pdf.name)
    scanned = _section_scores(scan_of(pdf, tmp_path / pdf.name, angle=0.7), truth, pdf.name)
    assert set(scanned) == set(born)
    for section, f1 in born.items():
        assert scanned[section] >= f1 - 0.1, (section, scanned, born)


@needs_tesseract
@ocr_group
@pytest.mark.slow
def test_scanned_table_pages_of_a_pack_give_the_born_digital_tables(tmp_path):
    source = pdfium.PdfDocument(str(RAW_PDFS / "oneSource-2019-10-18-pack.pdf"))
    subset = pdfium.PdfDocument.new()
    subset.import_pages(source, [9, 13, 32])  # a finance table, an action-plan summary, KPI tables
    subset.save(tmp_path / "pages.pdf")
    source.close()
    scan = scan_of(tmp_path / "pages.pdf", tmp_path / "scan.pdf")
    with open_document(tmp_path / "pages.pdf") as doc:
        born = extract_tables(doc.pages, Source("0" * 64))
    with open_document(scan) as doc:
        read = extract_tables(doc.pages, Source("0" * 64))
    score = load_scorer()
    tally = score.Tally()

    def as_json(tables):
        return {"tables": [{"id": t.id, "header": t.header, "rows": t.rows} for t in tables]}

    score.score_tables(as_json(born), as_json(read), tally)
    assert len(read) == len(born)
    assert tally.f1 >= 0.9, tally.misses
