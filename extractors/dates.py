"""Dates and times as committee papers print them.

"Friday 18 October 2019", "18th Oct 2019", "18/10/2019", "October 18, 2019",
"18-Oct-2019", "2019-10-18";
"10.30 am", "10:30am", "2 pm", "14:00", "1900 hrs", "noon". Dates are day-first (UK usage).
"""

from __future__ import annotations

import re
from datetime import date

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
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# An ordinal's suffix may stand apart from its figure: a superscript "th" comes out as "13 th".
_DAY = r"(?P<day>[0-3]?\d)(?:\s?(?:st|nd|rd|th)\b)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_DAY_MONTH_YEAR = re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH}\s*,?\s+{_YEAR}\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I)
_NUMERIC = re.compile(r"\b(?P<day>[0-3]?\d)[/.](?P<month>[01]?\d)[/.](?P<year>(?:19|20)?\d\d)\b")
# "05-Mar-2025", as date fields of forms print, and ISO "2025-03-05".
_DASHED = re.compile(rf"\b{_DAY}-{_MONTH}-(?P<year>(?:19|20)?\d\d)\b", re.I)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")

DATE_PATTERNS = (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _NUMERIC, _DASHED, _ISO)

_TIME = re.compile(
    r"\b(?P<hour>[0-2]?\d)(?:[.:](?P<minute>[0-5]\d))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)(?![a-z])"
    r"|(?<![£$€\d.,])\b(?P<hour24>[0-2]\d)[:.]?(?P<minute24>[0-5]\d)\s*(?:hours|hrs)\b"
    r"|(?<![£$€\d.,])\b(?P<hour24b>[0-2]?\d)[:.](?P<minute24b>[0-5]\d)\b(?!\s*(?:%|[/.,]\d|[km]\b))"
    r"|\b(?P<noon>noon|midday|midnight)\b",
    re.I,
)


def _make_date(day: str, month: str, year: str) -> date | None:
    m = MONTHS.get(month.lower().rstrip(".")) if not month.isdigit() else int(month)
    y = int(year)
    if y < 100:
        y += 2000
    try:
        return date(y, m, int(day)) if m else None
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[date, int, int]]:
    """Every date in ``text`` with its start and end offsets, in reading order."""
    found: list[tuple[date, int, int]] = []
    taken: list[tuple[int, int]] = []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            d = _make_date(m.group("day"), m.group("month"), m.group("year"))
            if d:
                found.append((d, m.start(), m.end()))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda f: f[1])


def parse_date(text: str) -> date | None:
    """The first date printed in ``text``, or None."""
    dates = find_dates(text)
    return dates[0][0] if dates else None


def find_times(text: str) -> list[str]:
    """Every clock time in ``text`` as 24-hour "HH:MM", in reading order."""
    times = []
    for m in _TIME.finditer(text):
        if m.group("noon"):
            times.append("00:00" if m.group("noon").lower() == "midnight" else "12:00")
            continue
        if m.group("ampm"):
            hour, minute = int(m.group("hour")), int(m.group("minute") or 0)
            pm = m.group("ampm").lower().startswith("p")
            if hour > 12:
                continue
            hour = hour % 12 + (12 if pm else 0)
        elif m.group("hour24"):
            hour, minute = int(m.group("hour24")), int(m.group("minute24"))
        else:
            hour, minute = int(m.group("hour24b")), int(m.group("minute24b"))
        if hour < 24:
            times.append(f"{hour:02d}:{minute:02d}")
    return times


def parse_time(text: str) -> str | None:
    """The first clock time in ``text`` as "HH:MM", or None."""
    times = find_times(text)
    return times[0] if times else None
