"""Printed figures as the intervals they stand for, and sums checked with rounding.

A figure printed with ``d`` decimals stands for every value within half a unit of its
last printed place: "0.8" is [0.75, 0.85], "£581k" is [£580,500, £581,500]. A total is
consistent with its items when its interval overlaps the sum of theirs (the rounding
semantics of XBRL Calculations 1.1): only a difference that no rounding of the printed
figures can explain is an inconsistency.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Literal

FigureKind = Literal["money", "percent", "number"]

_MINUS = "-\u2212\u2013"
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_SCALES = {"k": Decimal(1000), "m": Decimal(10**6), "bn": Decimal(10**9), "b": Decimal(10**9)}
_SCALE_WORDS = {"thousand": "k", "million": "m", "millions": "m", "billion": "bn", "bn": "bn", "mn": "m"}
_APPROX = (
    r"(?<![A-Za-z])(?:c\.?\s?|circa\s|approx\.?\s|approximately\s|around\s|about\s|roughly\s|nearly\s"
    r"|almost\s|some\s|over\s|under\s|more\s+than\s|less\s+than\s|up\s+to\s|at\s+least\s)|~\s?"
)


@dataclass(frozen=True)
class Figure:
    """A printed figure: its signed value and half a unit of its last printed place.

    Money is in pounds, percentages in percent, plain numbers as printed.
    """

    value: Decimal
    half: Decimal
    kind: FigureKind
    raw: str
    approximate: bool = False
    scale: str | None = None
    """The multiplier of money printed with one ("m", "k", "bn") or under a header that gives one."""

    @property
    def lo(self) -> Decimal:
        return self.value - self.half

    @property
    def hi(self) -> Decimal:
        return self.value + self.half

    def magnitude(self) -> Figure:
        """The same figure without its sign (narrative text often drops it)."""
        return Figure(abs(self.value), self.half, self.kind, self.raw, self.approximate, self.scale)

    def agrees_with(self, other: Figure) -> bool:
        """Whether the two intervals overlap: some values they stand for are equal."""
        return not (self.hi < other.lo or other.hi < self.lo)

    def same_as(self, other: Figure) -> bool:
        """Whether two printings can be one figure: the finer, rounded to the coarser's last place, is it.

        "0.817" and "0.8" can ("0.817" rounds to "0.8"); "86%" and "87%" cannot, although
        their intervals touch at 86.5.
        """
        coarse, fine = (self, other) if self.half >= other.half else (other, self)
        if coarse.half == 0:
            return coarse.value == fine.value
        unit = coarse.half * 2
        ratio = fine.value / unit
        return any(
            ratio.quantize(Decimal(1), rounding=r) * unit == coarse.value
            for r in (ROUND_HALF_UP, ROUND_HALF_EVEN)
        )


def _decimal(digits: str) -> Decimal | None:
    try:
        return Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return None


def _half_unit(digits: str) -> Decimal:
    decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
    return Decimal(5) * Decimal(10) ** (-decimals - 1)


def make_figure(
    digits: str,
    *,
    kind: FigureKind,
    raw: str,
    negative: bool = False,
    scale: str | None = None,
    approximate: bool = False,
) -> Figure | None:
    """A figure from its printed digits ("1,234.5"), sign, multiplier ("k", "m", "bn")."""
    value = _decimal(digits)
    if value is None:
        return None
    scale = scale.lower() if scale else None
    factor = _SCALES.get(scale or "", Decimal(1))
    half = _half_unit(digits) * factor
    value *= factor
    return Figure(-value if negative else value, half, kind, raw, approximate, scale)


_EXACT_ZERO = {"-", "–", "—", "nil"}

_CELL = re.compile(
    rf"^(?P<minus>[{_MINUS}])?\s*(?P<pound1>£)?\s*(?P<open>\()?\s*(?P<minus2>[{_MINUS}])?\s*(?P<pound2>£)?\s*"
    rf"(?P<num>{_NUMBER})\s*(?P<suffix>bn|m|k)?\s*(?P<pct>%)?\s*(?P<close>\))?$",
    re.I,
)


def parse_cell(text: str, scale: str | None = None) -> Figure | None:
    """A table cell holding one figure ("(0.630)", "£1382k", "26", "95.54%", "£1m*").

    A dash stands for an exact zero. Parentheses or a leading minus mean negative;
    a trailing footnote mark is ignored. Bare money figures take ``scale``, the
    multiplier their table announces ("m" for a "(£'m)" heading).
    """
    s = text.strip().rstrip("*†‡#").strip()
    if s.lower() in _EXACT_ZERO:
        return Figure(Decimal(0), Decimal(0), "number", text)
    m = _CELL.match(s)
    if not m or bool(m.group("open")) != bool(m.group("close")):
        return None
    negative = bool(m.group("open")) ^ bool(m.group("minus") or m.group("minus2"))
    if m.group("pct"):
        return make_figure(m.group("num"), kind="percent", raw=text, negative=negative)
    money = bool(m.group("pound1") or m.group("pound2") or m.group("suffix") or scale)
    return make_figure(
        m.group("num"),
        kind="money" if money else "number",
        raw=text,
        negative=negative,
        scale=m.group("suffix") or scale,
    )


MONEY_IN_TEXT = re.compile(
    rf"(?P<approx>{_APPROX})?(?P<open>\()?\s?(?P<minus>[{_MINUS}])?\s?"
    rf"(?:(?P<pound>£)\s?(?P<num>{_NUMBER})(?:\s?(?P<suffix>bn|b|m|k)\b|\s(?P<word>thousand|millions?|billion|mn)\b)?"
    rf"|(?<![\w£.,])(?P<num2>{_NUMBER})(?P<suffix2>bn|m|k)\b)"
    r"\s?(?P<close>\))?",
    re.I,
)
PERCENT_IN_TEXT = re.compile(
    rf"(?P<approx>{_APPROX})?(?<![\w.,])(?P<minus>[{_MINUS}])?(?P<num>{_NUMBER})\s?(?:%|per\s?cent\b)",
    re.I,
)


@dataclass(frozen=True)
class Mention:
    """A figure printed in running text, with its place in the text it was read from."""

    figure: Figure
    start: int
    end: int
    parenthesised: bool = False


def money_in(text: str) -> list[Mention]:
    """Money amounts in running text: "£0.450m", "(£0.120m)", "£270k", "(3.2m)", "£2.5 billion".

    An amount without "£" counts only with a multiplier suffix ("7.1m"). Amounts after
    "c", "approximately", "over"... are approximate.
    """
    found = []
    for m in MONEY_IN_TEXT.finditer(text):
        digits = m.group("num") or m.group("num2")
        suffix = m.group("suffix") or m.group("suffix2")
        if m.group("word"):
            suffix = _SCALE_WORDS[m.group("word").lower()]
        if not m.group("pound") and not suffix:
            continue
        opened, closed = bool(m.group("open")), bool(m.group("close"))
        parenthesised = opened and closed
        start = m.start("open") if parenthesised else m.start("minus") if m.group("minus") else None
        if start is None:
            start = m.start("pound") if m.group("pound") else m.start("num2")
        if m.group("approx"):
            start = m.start("approx")
        end = m.end("close") if parenthesised else m.end("suffix") if m.group("suffix") else None
        if end is None:
            end = (
                m.end("word") if m.group("word") else m.end("suffix2") if m.group("suffix2") else m.end("num")
            )
        figure = make_figure(
            digits,
            kind="money",
            raw=text[start:end],
            negative=parenthesised or bool(m.group("minus")),
            scale=suffix,
            approximate=bool(m.group("approx")),
        )
        if figure is not None:
            found.append(Mention(figure, start, end, parenthesised))
    return found


def percents_in(text: str) -> list[Mention]:
    """Percentages in running text: "64%", "~70%", "approximately 64%", "12.5 per cent"."""
    found = []
    for m in PERCENT_IN_TEXT.finditer(text):
        figure = make_figure(
            m.group("num"),
            kind="percent",
            raw=m.group(0).strip(),
            negative=bool(m.group("minus")),
            approximate=bool(m.group("approx")),
        )
        if figure is not None:
            found.append(Mention(figure, m.start(), m.end()))
    return found


def sum_figures(items: Iterable[Figure], kind: FigureKind = "number") -> Figure:
    """The sum of figures as an interval: the sum of values, half-widths added."""
    items = list(items)
    value = sum((f.value for f in items), Decimal(0))
    half = sum((f.half for f in items), Decimal(0))
    raw = " + ".join(f.raw for f in items)
    return Figure(value, half, kind, raw, any(f.approximate for f in items))


def reconciles(total: Figure, items: Sequence[Figure]) -> bool:
    """Whether a printed total is the sum of printed items up to rounding (XBRL Calculations 1.1).

    The total stands for [total - h, total + h]; the items for the sum of their
    intervals. They reconcile when the two intervals overlap.
    """
    return total.agrees_with(sum_figures(items))


def written_like(value: Decimal, like: Figure) -> str:
    """``value`` written as ``like`` was printed: same kind, multiplier, decimals and notation."""
    digits = re.search(_NUMBER, like.raw)
    decimals = len(digits.group(0).split(".", 1)[1]) if digits and "." in digits.group(0) else 0
    if like.kind == "percent":
        return f"{value:.{decimals}f}%"
    factor = _SCALES.get(like.scale or "", Decimal(1))
    grouping = "," if digits and "," in digits.group(0) else ""
    text = f"{abs(value) / factor:{grouping}.{decimals}f}"
    if like.scale and _SUFFIXED.search(like.raw):
        text += like.scale
    if "£" in like.raw:
        text = "£" + text
    if value >= 0:
        return text
    return f"({text})" if "(" in like.raw or like.kind == "money" else f"-{text}"


_SUFFIXED = re.compile(r"\d\s?(?:bn|b|m|k)\b|\b(?:thousand|millions?|billion|mn)\b", re.I)


def difference(later: Figure, earlier: Figure) -> Figure:
    """``later - earlier`` as an interval: the halves of both printed figures added."""
    return Figure(later.value - earlier.value, later.half + earlier.half, later.kind, "")


def ratio_bounds(part: Figure, whole: Figure) -> tuple[Decimal, Decimal] | None:
    """The least and greatest ``part / whole`` in percent over every value both figures stand for.

    None when the whole may be zero or changes sign within its rounding.
    """
    if whole.lo <= 0 <= whole.hi:
        return None
    corners = [p / w * 100 for p in (part.lo, part.hi) for w in (whole.lo, whole.hi)]
    return min(corners), max(corners)


def share_agrees(share: Figure, part: Figure, whole: Figure) -> bool | None:
    """Whether a printed percentage can be ``part`` of ``whole`` (None when it cannot be judged)."""
    bounds = ratio_bounds(part, whole)
    if bounds is None:
        return None
    return not (share.hi < bounds[0] or bounds[1] < share.lo)
