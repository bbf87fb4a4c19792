"""Dates and times as committee papers print them.

"Friday 18 October 2019", "Monday 3rd June 2019", "4 th May 2025", "18th Oct 2019",
"18/10/2019", "Tuesday, January 25, 2022", "18-Oct-2019", "2019-10-18", "mardi 20 juin
2023"; "10.30 am", "10:00 A.M.", "630pm", "2 pm", "14:00", "1900 hrs", "19 h 30", "noon".

Dates are found where a day, a month and a year stand together (the month's names in
every language read here come from dateparser's own tables) and read by dateparser.
Numeric dates are day-first (UK usage) unless only month-first makes a date ("1/25/2022").
A date printed without its year ("June 6", "20 juin") is read only when the caller gives
a date it belongs near, such as the meeting's own: it takes the year that brings it
closest to that date.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

import dateparser
from dateparser.languages.loader import default_loader

from extractors.settings import SETTINGS

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
"""English month names and abbreviations by month number, for readers of English prose."""

LANGUAGES = ("en", "fr", "cy")
"""Languages whose month names are read: papers of UK, Welsh, US and Québec bodies."""

_MONTH_KEYS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def _month_names() -> tuple[list[str], list[str]]:
    """Every month name of :data:`LANGUAGES` (dateparser's tables), and the full ones alone."""
    names: set[str] = set()
    full: set[str] = set()
    for lang in LANGUAGES:
        info = default_loader.get_locale(lang).info
        for key in _MONTH_KEYS:
            forms = [f.lower().rstrip(".") for f in info.get(key, [])]
            names.update(forms)
            full.add(max(forms, key=len))
    by_length = sorted(names, key=len, reverse=True)
    return by_length, [n for n in by_length if n in full]


_NAMES, _FULL_NAMES = _month_names()
_MONTH = r"(?P<month>" + "|".join(map(re.escape, _NAMES)) + r")\b\.?"
_FULL_MONTH = r"(?P<month>" + "|".join(map(re.escape, _FULL_NAMES)) + r")\b"
# "24th", "4 th" (a superscript set apart), "1er" (French first).
_DAY = r"(?P<day>[0-3]?\d)(?:\s?(?:st|nd|rd|th)\b|er\b)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)\b"

_DAY_MONTH_YEAR = re.compile(rf"\b{_DAY}(?:\s+(?:of|de))?\s+{_MONTH}\s*,?\s+{_YEAR}", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.I)
_NUMERIC = re.compile(r"\b(?P<day>[0-3]?\d)[/.](?P<month>[0-3]?\d)[/.](?P<year>(?:19|20)?\d\d)\b")
# "05-Mar-2025", as date fields of forms print, and ISO "2025-03-05".
_DASHED = re.compile(rf"\b{_DAY}-{_MONTH}-(?P<year>(?:19|20)?\d\d)\b", re.I)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")

DATE_PATTERNS = (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _NUMERIC, _DASHED, _ISO)

# A day and a full month name with no year after them: "20 juin", "June 6", "6th of June".
_PARTIAL = (
    re.compile(rf"\b{_DAY}(?:\s+(?:of|de))?\s+{_FULL_MONTH}(?!\s*,?\s*\d)", re.I),
    re.compile(rf"\b{_FULL_MONTH}\s+{_DAY}(?![\d/.:,]*\d)(?!\s*,?\s*(?:19|20)\d\d)", re.I),
)

_TIME = re.compile(
    r"\b(?P<hour>[0-2]?\d)(?:[.:](?P<minute>[0-5]\d))?\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)(?![a-z])"
    # "630pm": a form's time typed without its separator.
    r"|\b(?P<hourc>1[0-2]|0?[1-9])(?P<minutec>[0-5]\d)\s*(?P<ampmc>[ap]\.?m\.?)(?![a-z])"
    r"|(?<![£$€\d.,])\b(?P<hour24>[0-2]\d)[:.]?(?P<minute24>[0-5]\d)\s*(?:hours|hrs)\b"
    # French: "19 h 30", "19h30".
    r"|(?<![£$€\d.,])\b(?P<hourf>[0-2]?\d)\s?h\s?(?P<minutef>[0-5]\d)\b"
    r"|(?<![£$€\d.,])\b(?P<hour24b>[0-2]?\d)[:.](?P<minute24b>[0-5]\d)\b(?!\s*(?:%|[/.,]\d|[km]\b))"
    r"|\b(?P<noon>noon|midday|midnight)\b",
    re.I,
)


@lru_cache(maxsize=4096)
def _parse(text: str, order: str, base: date | None = None) -> date | None:
    """One printed date read by dateparser; None when it names no real day."""
    settings: dict = {"DATE_ORDER": order, "PREFER_DAY_OF_MONTH": "first"}
    if base is None:
        settings["STRICT_PARSING"] = True
    else:
        settings["REQUIRE_PARTS"] = ["day", "month"]
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    # A superscript ordinal set apart from its day ("4 th") is read as printed joined.
    cleaned = re.sub(r"\b(\d{1,2})\s(st|nd|rd|th)\b", r"\1\2", text, flags=re.I)
    found = dateparser.parse(cleaned, languages=list(LANGUAGES), settings=settings)
    return found.date() if found else None


def _numeric(match: re.Match[str]) -> date | None:
    """A day-first numeric date, or month-first when only that names a real day."""
    day, month, year = int(match.group("day")), int(match.group("month")), int(match.group("year"))
    year += 2000 if year < 100 else 0
    for d, m in ((day, month), (month, day)):
        try:
            return date(year, m, d)
        except ValueError:
            continue
    return None


def _nearest_year(found: date, context: date) -> date | None:
    """The day and month of ``found`` in the year that brings them closest to ``context``."""
    candidates = []
    for year in (context.year - 1, context.year, context.year + 1):
        try:
            candidates.append(found.replace(year=year))
        except ValueError:
            continue
    return min(candidates, key=lambda d: abs((d - context).days), default=None)


def find_dates(text: str, context: date | None = None) -> list[tuple[date, int, int]]:
    """Every date in ``text`` with its start and end offsets, in reading order.

    Args:
        text: printed text.
        context: a date the text belongs near (the meeting's); when given, dates printed
            without a year are read too, in the year nearest to it.
    """
    found: list[tuple[date, int, int]] = []
    taken: list[tuple[int, int]] = []

    def keep(match: re.Match[str], day: date | None) -> None:
        if day is not None:
            found.append((day, match.start(), match.end()))
            taken.append((match.start(), match.end()))

    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if pattern is _NUMERIC:
                keep(m, _numeric(m))
            else:
                order = "MDY" if pattern is _MONTH_DAY_YEAR else "DMY"
                keep(m, _parse(m.group(), order))
    if context is not None:
        for pattern in _PARTIAL:
            for m in pattern.finditer(text):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                month_first = pattern is _PARTIAL[1]
                month = m.group("month")
                if month_first and month.islower() and len(month) < SETTINGS.partial_month_letters:
                    continue
                order = "MDY" if month_first else "DMY"
                day = _parse(m.group(), order, context)
                keep(m, _nearest_year(day, context) if day else None)
    return sorted(found, key=lambda f: f[1])


def parse_date(text: str, context: date | None = None) -> date | None:
    """The first date printed in ``text``, or None (see :func:`find_dates` for ``context``)."""
    dates = find_dates(text, context)
    return dates[0][0] if dates else None


def find_times(text: str) -> list[str]:
    """Every clock time in ``text`` as 24-hour "HH:MM", in reading order."""
    times = []
    for m in _TIME.finditer(text):
        if m.group("noon"):
            times.append("00:00" if m.group("noon").lower() == "midnight" else "12:00")
            continue
        if m.group("ampm") or m.group("ampmc"):
            compact = bool(m.group("ampmc"))
            hour = int(m.group("hourc") if compact else m.group("hour"))
            minute = int((m.group("minutec") if compact else m.group("minute")) or 0)
            pm = (m.group("ampmc") or m.group("ampm")).lower().startswith("p")
            if hour > 12:
                continue
            hour = hour % 12 + (12 if pm else 0)
        elif m.group("hour24"):
            hour, minute = int(m.group("hour24")), int(m.group("minute24"))
        elif m.group("hourf"):
            hour, minute = int(m.group("hourf")), int(m.group("minutef"))
        else:
            hour, minute = int(m.group("hour24b")), int(m.group("minute24b"))
        if hour < 24:
            times.append(f"{hour:02d}:{minute:02d}")
    return times


def parse_time(text: str) -> str | None:
    """The first clock time in ``text`` as "HH:MM", or None."""
    times = find_times(text)
    return times[0] if times else None
