"""One grammar for the numbers and markers that open a line: items, paragraphs, list points.

Councils number their papers every which way: "1.", "1.1", "4a", "A.", "(a)", "(iv)",
"ITEM 1:", "Minute 283", "2709.", "19.09.01", bullets. :func:`parse_numbering` reads the
token opening a line, whatever its form, and says what it is; the extractors decide
from the page (which tokens run down the same margin, in sequence) what the numbers
mean. :func:`run_in_heading` reads a heading set in the same line as its text
("Public Forum: No one present.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from extractors.settings import SETTINGS

Style = Literal[
    "arabic", "decimal", "arabic_letter", "upper", "lower", "upper_roman", "lower_roman", "bullet", "code"
]

BULLETS = "•●▪■◦○‣⁃·\uf0a7\uf0b7\uf0d8\uf076\uf0fc\uf0a8\u2022\u25aa\u25cf\u2023\u2043➢►✓▫□∙➤▶✔❖"
"""Glyphs printed as bullets (the private-use ones are Symbol and Wingdings bullets)."""
DASH_BULLETS = "-–—*"
"""Marks that are bullets only when a space follows them."""

_WORD = r"(?:agenda\s+item|item|minute|min\.?|paragraph|para\.?|resolution|motion)"
_ROMAN = r"(?=[ivxlc]+\b)c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_LABEL = (
    r"(?P<label>\d{1,4}(?:\.\d{1,3}){1,3}"  # 1.1, 19.09.01
    r"|\d{1,4}[a-z]{1,2}"  # 4a, 12bb
    r"|\d{1,4}"  # 1, 2709
    rf"|{_ROMAN}"  # iv, XII
    r"|[a-z])"  # a, B
)
_NUMBERED = re.compile(
    rf"^\s*(?P<open_word>\((?={_WORD}))?(?P<word>{_WORD}(?![a-z])\s*(?:no\.?\s*)?)?(?P<open>\()?{_LABEL}(?P<close>\)|\.(?!\d)|:|\s*[-–—](?=\s)|(?=\s)|$)",
    re.I,
)
# Minute numbers within the year or with the body's code: "25/42", "PL/42", "CAB12", "EX.45".
_CODE = re.compile(
    rf"^\s*(?P<word>(?i:{_WORD}(?![a-z]))\s*(?i:no\.?\s*)?)?"
    r"(?P<label>\d{1,3}/\d{1,4}|[A-Z]{2,5}\d{1,3}[a-z]?|[A-Z]{1,5}[/.]\d{1,4}(?:/\d{1,4})?[a-z]?)"
    r"(?P<close>[.):]?)(?=\s|$)"
)
_BULLET = re.compile(rf"^\s*(?:[{re.escape(BULLETS)}]\s*|[{re.escape(DASH_BULLETS)}]\s+)")
# "Open Forum: No one present.", "Reports from Working Groups:- Finance.": ":-" as ":".
_RUN_IN = re.compile(
    r"^\s*(?P<heading>[A-Z][\w'’&/()-]*(?:\s+[\w'’&/()-]+){0,5}?)\s*:[-–]?\s+(?P<rest>\S.*)$"
)

_MERIDIEM = re.compile(r"^[ap]\.?m\b\.?|^noon\b|^hours?\b|^hrs\b", re.I)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_ROMAN_ONLY = re.compile(rf"^{_ROMAN}$", re.I)


@dataclass(frozen=True)
class Numbering:
    """The number or marker that opens a line, and the text after it."""

    token: str
    """As printed, e.g. "4a.", "(iv)", "ITEM 1:", "19.09.01", "•"."""
    label: str
    """The number alone: "4a", "iv", "1", "19.09.01"; "" for a bullet."""
    style: Style
    rest: str
    """The line's text after the token."""
    worded: bool = False
    """Introduced by a word: "Item 1", "Minute 283", "(Item 1)"."""
    bracketed: bool = False
    """Closed by a bracket: "(a)", "a)", "(Item 1)"."""

    @property
    def opened(self) -> bool:
        """Opened by a bracket too: "(a)", "(Item 1)"."""
        return self.token.startswith("(")

    @property
    def depth(self) -> int:
        """Levels of a dotted number ("1.2.3" is 3); 1 for any other."""
        return self.label.count(".") + 1 if self.style == "decimal" else 1

    @property
    def value(self) -> int | None:
        """The number's place in its sequence (A and i are 1, 4a is 4, 1.2 is 2); None for a bullet."""
        if self.style == "bullet":
            return None
        if self.style == "decimal":
            return int(self.label.rsplit(".", 1)[1])
        if self.style == "code":
            return int(re.findall(r"\d+", self.label)[-1])
        if self.style in ("arabic", "arabic_letter"):
            return int(re.match(r"\d+", self.label).group())
        if self.style in ("upper_roman", "lower_roman"):
            return roman_value(self.label)
        return ord(self.label.lower()) - ord("a") + 1


def roman_value(text: str) -> int:
    """The value of a Roman numeral ("iv" is 4)."""
    values = [_ROMAN_VALUES[c] for c in text.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def parse_numbering(
    text: str, *, prefer_roman: bool = False, codes: bool = False, set_apart: bool = False
) -> Numbering | None:
    """The numbering token opening ``text``, or None when the line opens with none.

    A single letter that is also a Roman numeral ("I", "v", "C") reads as a letter
    unless ``prefer_roman`` (the lines around it count in Roman numerals).
    A number must be closed by punctuation, a bracket or a space: "2025 budget" opens
    with a number, "2025-26 budget" and "£5m" do not. With ``codes``, minute numbers
    within the year or with the body's code ("25/42", "PL/42", "CAB12") count too; with
    ``set_apart`` (the token stands apart from its text, by a wide gap or on a line of
    its own, or the line is set as a heading, where "A report" is unlikely prose), so
    does a bare letter or numeral with no stop after it ("B   BUDGET", "B URGENT BUSINESS").
    """
    bullet = _BULLET.match(text)
    if bullet:
        return Numbering(bullet.group().strip(), "", "bullet", text[bullet.end() :].strip())
    match = _NUMBERED.match(text)
    if match is None:
        return _code(text) if codes else None
    label, word = match.group("label"), match.group("word")
    opened, close = bool(match.group("open") or match.group("open_word")), match.group("close") or ""
    if opened and close != ")":
        return None
    rest = text[match.end() :].strip()
    style = _style(label, prefer_roman)
    if style is None:
        return None
    if (
        not word
        and not close.strip()
        and not set_apart
        and style not in ("arabic", "decimal", "arabic_letter")
    ):
        # A bare letter or numeral is a word ("I am", "A report") unless punctuated.
        return None
    if style == "arabic" and int(label) > SETTINGS.max_item_number:
        return None
    if not word and not close.strip() and ((rest[:1] and rest[0] in "%£$,") or _MERIDIEM.match(rest)):
        # A figure or a time ("10.30 am"), not a number of the line.
        return None
    return Numbering(
        token=text[: match.end()].strip(),
        label=label,
        style=style,
        rest=rest,
        worded=bool(word),
        bracketed=close == ")",
    )


def _code(text: str) -> Numbering | None:
    match = _CODE.match(text)
    if match is None:
        return None
    return Numbering(
        token=text[: match.end()].strip(),
        label=match.group("label"),
        style="code",
        rest=text[match.end() :].strip(),
        worded=bool(match.group("word")),
        bracketed=match.group("close") == ")",
    )


def item_reference(text: str) -> str | None:
    """The item number of a line that only refers to an agenda item, as minutes print under
    a minute's heading: "(Item 4)" gives "4"; None for any other line."""
    found = parse_numbering(text)
    if found and found.worded and found.opened and found.bracketed and not found.rest:
        return found.label
    return None


def _style(label: str, prefer_roman: bool) -> Style | None:
    if "." in label:
        return "decimal"
    if label.isdigit():
        return "arabic"
    if label[0].isdigit():
        return "arabic_letter"
    roman = bool(_ROMAN_ONLY.match(label))
    if len(label) == 1 and not (roman and prefer_roman):
        return "upper" if label.isupper() else "lower"
    if roman:
        return "upper_roman" if label.isupper() else "lower_roman"
    return None


def follows(previous: Numbering, current: Numbering) -> bool:
    """Whether ``current`` is the next number after ``previous`` in the same scheme.

    "3." follows "2.", "4b" follows "4a" or "4", "2.1" follows "2" or "1.3", "C." follows
    "B.", "(iv)" follows "(iii)". Running minute numbers ("3101.", "3102.") follow too.
    """
    if previous.style == "bullet" or current.style == "bullet":
        return False
    if previous.style == "code" or current.style == "code":
        return (
            previous.style == current.style
            and _code_prefix(previous) == _code_prefix(current)
            and current.value == (previous.value or 0) + 1
        )
    if current.style == "decimal" or previous.style == "decimal":
        prev, cur = previous.label.split("."), current.label.split(".")
        if cur[:-1] == prev[:-1] and cur[-1].isdigit() and prev[-1].isdigit():
            return int(cur[-1]) == int(prev[-1]) + 1
        return cur[:-1] == prev and cur[-1].lstrip("0") in ("1", "")
    if {previous.style, current.style} <= {"arabic", "arabic_letter"}:
        if previous.value == current.value:
            return _letter(current) == _letter(previous) + 1
        return current.value == previous.value + 1 and _letter(current) <= 1
    return previous.style == current.style and current.value == (previous.value or 0) + 1


def _code_prefix(n: Numbering) -> str:
    return re.sub(r"\d+[a-z]?$", "", n.label)


def _letter(n: Numbering) -> int:
    tail = n.label.lstrip("0123456789")
    return ord(tail[-1].lower()) - ord("a") + 1 if tail else 0


def run_in_heading(text: str) -> tuple[str, str] | None:
    """A heading set at the start of its paragraph: "Public Forum: No one present." gives
    ("Open Forum", "No one present."). The heading is a few words, the first capitalised;
    a sentence that merely holds a colon ("The reasons are: ...") is not one."""
    match = _RUN_IN.match(text)
    if match is None:
        return None
    heading = match.group("heading")
    words = [w.lower().strip("'’()") for w in heading.split()]
    # A heading names a subject ("Reports from outside bodies"); a clause says something
    # of one ("The reasons are", "It was noted").
    if words[0] in _PRONOUNS or any(w in _CLAUSE_WORDS for w in words):
        return None
    return heading, match.group("rest")


_PRONOUNS = frozenset(
    {"it", "this", "that", "these", "those", "there", "he", "she", "they", "we", "i", "you"}
)
_CLAUSE_WORDS = frozenset(
    {
        *("is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did"),
        *("will", "would", "shall", "should", "can", "could", "may", "might", "must"),
        *("said", "says", "asked", "explained", "reported", "stated", "noted", "agreed", "resolved"),
        *("following", "as", "follows"),
    }
)
