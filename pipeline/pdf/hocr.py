"""Tesseract's words: its hOCR output as word boxes in lines, and the engine's usual slips put right.

The OCR engine gives each line of a page as words with pixel boxes, confidences and
the line's baseline; some of what it reads is not print (specks, picture texture),
and some print it reads the same wrong way every time: an o for a zero in a figure,
an E for a pound sign, an S for a 5 in "5th March", an e-mail address split at its
"@". These are put right here, from the text alone.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, replace

# Words Tesseract is this unsure of are specks, logos and picture texture.
MIN_CONFIDENCE = 30
# A word with no letter or digit (a dash, a bullet, a bracket) needs this much.
MIN_MARK_CONFIDENCE = 40
_LINE_CLASSES = {"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"}
_XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class WordBox:
    """A word as Tesseract gives it, in pixels."""

    text: str
    x0: int
    top: int
    x1: int
    bottom: int
    baseline: float
    confidence: float

    @property
    def box(self) -> tuple[int, int, int, int]:
        return (self.x0, self.top, self.x1, self.bottom)

    def moved(self, dx: int, dy: int, scale: float = 1.0) -> WordBox:
        """The word in an image ``scale`` times smaller, then shifted by (dx, dy)."""
        return replace(
            self,
            x0=round(self.x0 / scale) + dx,
            top=round(self.top / scale) + dy,
            x1=round(self.x1 / scale) + dx,
            bottom=round(self.bottom / scale) + dy,
            baseline=self.baseline / scale + dy,
        )


def _title(element: ET.Element) -> dict[str, list[str]]:
    """An hOCR ``title`` attribute as {property: values}."""
    out = {}
    for part in (element.get("title") or "").split(";"):
        bits = part.split()
        if bits:
            out[bits[0]] = bits[1:]
    return out


def _classes(element: ET.Element) -> set[str]:
    return set((element.get("class") or "").split())


def hocr_lines(hocr: ET.Element) -> tuple[list[list[WordBox]], list[float]]:
    """The upright lines of an hOCR page, each with Tesseract's row height (pixels)."""
    lines: list[list[WordBox]] = []
    rows: list[float] = []
    for element in hocr.iter():
        if _classes(element) & _LINE_CLASSES:
            props = _title(element)
            if int(float((props.get("textangle") or ["0"])[0])) % 360:
                continue  # a sideways block on an upright page: not running text
            # A mark opening a line may be a bullet, which Tesseract reads with little confidence.
            boxes = [b for k, b in enumerate(_line_boxes(element, props)) if k == 0 or plausible(b)]
            if boxes:
                lines.append(boxes)
                rows.append(float((props.get("x_size") or ["0"])[0]))
    return lines, rows


def _line_boxes(line: ET.Element, props: dict[str, list[str]]) -> list[WordBox]:
    lx0, _, lx1, ly1 = (float(v) for v in props["bbox"][:4])
    slope, offset = (float(v) for v in (props.get("baseline") or ["0", "0"])[:2])
    # One baseline for the whole line, as print has: what slope is left after straightening
    # the page is measuring noise, and would make the line look taller than its type.
    baseline = ly1 + offset + slope * (lx1 - lx0) / 2
    boxes = []
    for span in line.iter(f"{_XHTML}span"):
        if "ocrx_word" not in _classes(span):
            continue
        text = re.sub(r"\s+", "", "".join(span.itertext()))
        wp = _title(span)
        confidence = float((wp.get("x_wconf") or ["0"])[0])
        if not text:
            continue
        x0, top, x1, bottom = (int(v) for v in wp["bbox"][:4])
        boxes.append(WordBox(text, x0, top, x1, bottom, baseline, confidence))
    return boxes


def plausible(box: WordBox) -> bool:
    """Whether an OCR word is print rather than a speck or picture texture read as letters.

    Tesseract doubts words it reads well when they carry quotes or other marks, so a
    run of letters counts whatever the confidence; short readings and lone marks
    need some. An underscore or two alone is the stub of a table rule left in the image
    (a line to write on is a longer run).
    """
    letters = sum(ch.isalnum() for ch in box.text)
    if not letters:
        return box.confidence >= MIN_MARK_CONFIDENCE and box.text not in {"_", "__"}
    if letters >= 3 and letters >= 0.6 * len(box.text):
        return True
    return box.confidence >= MIN_CONFIDENCE


_O_IN_NUMBER = re.compile(r"(?<=\d)[Oo](?=[\d.,%]|$)|(?<![A-Za-z])[Oo](?=\d)|(?<=[A-Z]{2})O(?=\d)")
# A pound sign read as E: before an amount with decimals or thousands ("E12.78M",
# "E3,000"; a bare "E15" is a postcode), or in a unit such as "(E'm)" or "E'000".
_E_FOR_POUND = re.compile(r"(?<![A-Za-z])E(?=\d{1,3}(?:[.,]\d)|'(?:m|000|k)\b)")


# A one read as a lower-case l beside a digit, in a word with no other lower-case letter
# ("Al2", "20l9"): a code's or a number's.
_L_IN_NUMBER = re.compile(r"l(?=\d)|(?<=\d)l")


# "Cllr" (councillor) with its two l's read as i, I, 1 or | ("Clir", "Cilr").
_CLLR = re.compile(r"^C(?!ll)[lI1i|]{2}r(?=[.,;:]?$)")


def restore_misread(text: str) -> str:
    """Text with the OCR engine's usual slips in figures put right.

    An o next to digits ("1O5", "2O19") or between a code's letters and its number
    ("IPO1") is a zero, while a formula's "CO2" keeps its O; an l beside a digit in a
    word with no other lower-case letter ("Al2", "20l9") is a one, while "Vol2"
    keeps its l; an E where a pound sign stands before an amount or a unit ("E12.78M",
    "(E'm)") is a pound sign; "Clir" is a councillor's "Cllr".
    """
    if any(ch.isdigit() for ch in text):
        text = _O_IN_NUMBER.sub("0", text)
        if sum(ch.islower() for ch in text) == text.count("l"):
            text = _L_IN_NUMBER.sub("1", text)
    return _E_FOR_POUND.sub("£", _CLLR.sub("Cllr", text))


# A day of the month with its ordinal ending ("5th", "21st"), digits read as look-alike
# letters ("Sth", "lst", "2Ist"), before the name of a month.
_DAY_ORDINAL = re.compile(r"([0-9SIlO|]{1,2})(st|nd|rd|th)")
_MONTH = re.compile(
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?,?",
    re.IGNORECASE,
)
_DIGIT_FOR = str.maketrans("SIlO|", "51101")


def restore_day_numbers(boxes: list[WordBox]) -> list[WordBox]:
    """The words of a line with a date's day put right: "Sth March" is "5th March"."""
    out = list(boxes)
    for k, (box, after) in enumerate(itertools.pairwise(boxes)):
        day = _DAY_ORDINAL.fullmatch(box.text)
        if day and not day.group(1).isdigit() and _MONTH.fullmatch(after.text):
            out[k] = replace(box, text=day.group(1).translate(_DIGIT_FOR) + day.group(2))
    return out


# The two sides of an e-mail address: a local part of address characters, and a domain
# of at least two labels (a full stop or bracket may follow it in the sentence).
_LOCAL_PART = re.compile(r"[\w.+'’-]+")
_DOMAIN = re.compile(r"[\w-]{2,}(?:\.[\w-]+)+[.,;:)]*")


def join_addresses(boxes: list[WordBox]) -> list[WordBox]:
    """The words of a line with e-mail addresses split at the "@" made whole again.

    Tesseract sets the "@" apart, reading "jo.green@example.gov.uk" as two words
    ("jo.green", "@example.gov.uk") or three ("jo.green", "@", "example.gov.uk"); an
    address never holds a space, so the pieces are one word. A lone "@" between other
    words ("3 @ £5") and a handle with no dotted domain ("@council") are left as read.
    """
    out: list[WordBox] = []
    for box in boxes:
        out.append(box)
        if len(out) >= 3 and out[-2].text == "@" and _is_address(out[-3].text + "@" + box.text):
            out[-3:] = [_joined(out[-3:])]
        elif len(out) >= 2 and out[-2].text != "@" and box.text != "@":
            left = out[-2]
            if left.text.endswith("@") != box.text.startswith("@") and _is_address(left.text + box.text):
                out[-2:] = [_joined(out[-2:])]
    return out


def _is_address(text: str) -> bool:
    local, _, domain = text.partition("@")
    return bool(local and _LOCAL_PART.fullmatch(local) and _DOMAIN.fullmatch(domain))


def _joined(boxes: Sequence[WordBox]) -> WordBox:
    """One word of the words given, left to right."""
    return replace(
        boxes[0],
        text="".join(b.text for b in boxes),
        top=min(b.top for b in boxes),
        x1=boxes[-1].x1,
        bottom=max(b.bottom for b in boxes),
        confidence=min(b.confidence for b in boxes),
    )
