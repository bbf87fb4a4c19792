"""Values as report tables print them: money, percentages, KPI figures, RAG and trend marks.

Two families of parsers live here. Money parsers read one financial cell ("(63,112)",
"£1.381m", "£468k", "0.223" under a "(£'m)" header) into a signed value and its unit.
KPI parsers follow the export's rules for indicator values: the single number in the
string, with comparators, "£", thousands separators and text in parentheses ignored, and
"K"/"M" multipliers applied ("£12.78M" is 12780000, "95%" is 95.0).
"""

from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass

from extractors.dates import MONTHS
from schemas.records import Direction, KpiUnit, MoneyUnit, Rag

_MINUS = "-\u2212\u2013"
# Footnote marks printed after a figure: asterisks, daggers, hashes and superscript digits.
_FOOTNOTE = "*\u2020\u2021#\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
_NUMBER = r"\d[\d,]*(?:\.\d+)?|\.\d+"
_MULTIPLIER = {"k": 1e3, "m": 1e6, "bn": 1e9, "b": 1e9}


@dataclass(frozen=True)
class Money:
    """A signed amount in the unit it is printed in."""

    value: float
    unit: MoneyUnit


def _to_float(digits: str) -> float | None:
    cleaned = digits.replace(",", "")
    try:
        return float(cleaned)
    except ValueError:
        return None


# ---------------------------------------------------------------- money

_MONEY_CELL = re.compile(
    rf"^(?P<minus>[{_MINUS}])?\s*(?P<pound1>£)?\s*(?P<open>\()?\s*(?P<minus2>[{_MINUS}])?\s*(?P<pound2>£)?\s*"
    rf"(?P<num>{_NUMBER})\s*(?P<suffix>bn|m|k)?\s*(?P<close>\))?$",
    re.I,
)
_UNIT_M = re.compile(r"£\s*['’]?\s*(?:m\b|mn\b|millions?\b)|£\s*['’]?m(?![a-z])", re.I)
_UNIT_K = re.compile(r"£\s*['’]?\s*(?:000s?\b|k\b|thousands?\b)|£\s*['’]?k(?![a-z])", re.I)


def money_unit_in(text: str) -> MoneyUnit | None:
    """The money unit a header or caption announces: "(£'m)" -> "£m", "£'000" -> "£k", "£" -> "£"."""
    if _UNIT_M.search(text):
        return "£m"
    if _UNIT_K.search(text):
        return "£k"
    if "£" in text:
        return "£"
    return None


def parse_money(text: str, default_unit: MoneyUnit | None = None) -> Money | None:
    """One financial cell as a signed amount, or None when the cell is not a single amount.

    Parentheses or a leading minus mean negative; a trailing footnote mark ("£1m*", "1,234¹")
    is ignored. "£1.381m" is 1.381 "£m", "£468k" is 468 "£k", "£1.2bn" is 1200 "£m"; a bare
    figure takes ``default_unit`` (the unit its column or table announces), else whole pounds.

    Args:
        text: the cell as printed.
        default_unit: unit of figures printed without one.
    """
    s = text.strip().rstrip(_FOOTNOTE).strip()
    m = _MONEY_CELL.match(s)
    if not m or bool(m.group("open")) != bool(m.group("close")):
        return None
    value = _to_float(m.group("num"))
    if value is None:
        return None
    suffix = (m.group("suffix") or "").lower()
    if suffix == "bn":
        value, unit = value * 1000, "£m"
    elif suffix:
        unit = "£m" if suffix == "m" else "£k"
    else:
        unit = default_unit or "£"
    negative = bool(m.group("open")) ^ bool(m.group("minus") or m.group("minus2"))
    return Money(-value if negative else value, unit)


def has_money_sign(text: str) -> bool:
    """Whether a cell carries money notation: a "£", or a figure in accounting parentheses."""
    s = text.strip().rstrip(_FOOTNOTE).strip()
    return "£" in s or bool(re.fullmatch(rf"\(\s*[{_MINUS}]?\s*(?:{_NUMBER})\s*\)", s))


# ---------------------------------------------------------------- KPI figures

_NUMBER_TOKEN = re.compile(
    rf"(?<![\w.,])(?P<minus>[{_MINUS}](?=\d|\.\d))?(?P<num>{_NUMBER})(?P<suffix>bn|[km])?(?![a-z\d])",
    re.I,
)
_PARENTHESISED = re.compile(r"\([^()]*\)")
_COMPARATOR = re.compile(r"^\s*(?:£\s*)?(<=|>=|≤|≥|<|>)")


def numbers_in(text: str) -> list[float]:
    """Every number in a KPI string, multipliers applied, text in parentheses left out."""
    s = _PARENTHESISED.sub(" ", text)
    found = []
    for m in _NUMBER_TOKEN.finditer(s):
        value = _to_float(m.group("num"))
        if value is None:
            continue
        value *= _MULTIPLIER.get((m.group("suffix") or "").lower(), 1.0)
        found.append(-value if m.group("minus") else value)
    return found


def kpi_number(text: str | None) -> float | None:
    """The single number in a KPI value ("<£20,000" -> 20000, "£28.7K" -> 28700, "95%" -> 95).

    None when the string has no number or more than one ("Spend £8,078 Saving £1,315").
    """
    if not text:
        return None
    found = numbers_in(text)
    return found[0] if len(found) == 1 else None


def comparator(text: str | None) -> str | None:
    """The comparator a target or actual starts with ("<", ">", "<=", ">="), if any."""
    if not text:
        return None
    m = _COMPARATOR.match(text)
    if not m:
        return None
    return {"≤": "<=", "≥": ">="}.get(m.group(1), m.group(1))


# The units a printed figure can carry, in the order they decide a KPI's unit. Years
# and hours are no unit of the export but still tell one measure from another.
_UNIT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("%", re.compile(r"%|\bper\s?cent\b", re.I)),
    ("£", re.compile(r"£|\d\s?(?:K|M|bn)(?![a-z])", re.I)),
    ("days", re.compile(r"\d\s*(?:working\s+)?days?\b", re.I)),
    ("weeks", re.compile(r"\d\s*weeks?\b", re.I)),
    ("months", re.compile(r"\d\s*months?\b", re.I)),
    ("years", re.compile(r"\d\s*years?\b", re.I)),
    ("hours", re.compile(r"\d\s*(?:hours?|hrs?)\b", re.I)),
    ("cases", re.compile(r"\d\s*cases?\b", re.I)),
)
# The export's name of each printed unit that is one of its units.
_EXPORTED_UNITS: dict[str, KpiUnit] = {
    "%": "%",
    "£": "£",
    "days": "days",
    "weeks": "weeks",
    "months": "months",
    "cases": "count",
}


def printed_units(text: str | None) -> set[str]:
    """Every unit a printed figure carries ("6.3 weeks" -> {"weeks"}, "<£20,000" -> {"£"})."""
    if not text:
        return set()
    return {unit for unit, pattern in _UNIT_PATTERNS if pattern.search(text)}


def printed_unit(values: list[str | None]) -> KpiUnit | None:
    """The unit the printed values show: "%", then "£"/"K"/"M", then days/weeks/months, then cases."""
    shown = set().union(*(printed_units(v) for v in values))
    for unit, _ in _UNIT_PATTERNS:
        if unit in shown and unit in _EXPORTED_UNITS:
            return _EXPORTED_UNITS[unit]
    return None


_PERCENT_NAME = re.compile(r"^\s*(?:%|percentage\b)|%\s*of\b", re.I)
_COUNT_NAME = re.compile(r"\b(?:number|no\.?)\s+of\b", re.I)


def kpi_unit(indicator: str, values: list[str | None]) -> KpiUnit | None:
    """The unit of an indicator's values, by the export's rules.

    None when no value is numeric. Else the unit the printed values show; else one the
    indicator's name implies: "%..." / "Percentage..." / "% of" -> "%", "...rating..." ->
    "score", "number of" / "no of" -> "count" when every printed number is whole.
    """
    if all(kpi_number(v) is None for v in values):
        return None
    unit = printed_unit(values)
    if unit:
        return unit
    if _PERCENT_NAME.search(indicator):
        return "%"
    if re.search(r"\brating\b", indicator, re.I):
        return "score"
    if _COUNT_NAME.search(indicator):
        every = [n for v in values if v for n in numbers_in(v)]
        if every and all(float(n).is_integer() for n in every):
            return "count"
    return None


def is_not_reported(text: str) -> bool:
    """A cell that stands for "no value": blank, a dash, "N/A", "TBC"/"TBD", "n.a."."""
    s = text.strip().lower().rstrip(".")
    return s in {"", "-", "–", "—", "n/a", "na", "n.a", "tbc", "tbd", "nil return"}


# ---------------------------------------------------------------- marks

_DIRECTION_SYMBOLS: dict[str, Direction] = {
    "↑": "up",
    "⬆": "up",
    "▲": "up",
    "⇧": "up",
    "↗": "up",
    "↓": "down",
    "⬇": "down",
    "▼": "down",
    "⇩": "down",
    "↘": "down",
    "→": "flat",
    "↔": "flat",
    "⬌": "flat",
    "⇨": "flat",
    "►": "flat",
    "=": "flat",
}
# Trends printed as words: an improving trend is the up arrow of papers that print arrows.
_DIRECTION_WORDS: dict[str, Direction] = {
    "new": "new",
    "up": "up",
    "improving": "up",
    "improved": "up",
    "better": "up",
    "down": "down",
    "declining": "down",
    "declined": "down",
    "deteriorating": "down",
    "deteriorated": "down",
    "worsening": "down",
    "worsened": "down",
    "worse": "down",
    "same": "flat",
    "no change": "flat",
    "unchanged": "flat",
    "stable": "flat",
    "static": "flat",
    "maintained": "flat",
}


def _status_words(text: str) -> str:
    """A status cell's letters for lookup, in lower case: "On-target", "On target" and "Ontrack"
    (a narrow cell's two lines read as one word) all look the same. A cell with a figure in it
    ("G1", "R2") is a code, and looks like no status."""
    return "" if re.search(r"\d", text) else re.sub(r"[^a-z]", "", text.lower())


_DIRECTION_KEYS = {_status_words(word): direction for word, direction in _DIRECTION_WORDS.items()}


def parse_direction(text: str | None) -> Direction | None:
    """A direction-of-travel mark: ↑ "up", ↓ "down", → "flat", "NEW" "new"; None otherwise.

    Trends printed as words count too: "Improving" is "up", "Declining" "down", "No change" "flat".
    """
    if not text:
        return None
    s = text.strip()
    if s in _DIRECTION_SYMBOLS:
        return _DIRECTION_SYMBOLS[s]
    return _DIRECTION_KEYS.get(_status_words(s))


# Statuses printed as words mean the colours their keys give them: on target or on track is
# green, within tolerance or at risk amber, off target or off track red.
_RAG_WORDS: dict[str, Rag] = {
    "g": "green",
    "green": "green",
    "on target": "green",
    "on track": "green",
    "target met": "green",
    "target achieved": "green",
    "a": "amber",
    "amber": "amber",
    "within tolerance": "amber",
    "near target": "amber",
    "at risk": "amber",
    "r": "red",
    "red": "red",
    "off target": "red",
    "off track": "red",
    "target not met": "red",
}


_RAG_KEYS = {_status_words(word): rag for word, rag in _RAG_WORDS.items()}


def parse_rag(text: str | None) -> Rag | None:
    """A RAG status printed as a letter, a colour or a status word; None otherwise.

    "G", "Green", "GREEN"; "On target" / "On track" are green, "Within tolerance" / "At risk"
    amber, "Off target" / "Off track" red.
    """
    if not text:
        return None
    return _RAG_KEYS.get(_status_words(text))


def leading_rag(text: str | None) -> Rag | None:
    """A status cell that names its colour before other words ("Green - on track", "Amber (within 5%)")."""
    if not text:
        return None
    m = re.match(r"^\s*(green|amber|red)\b", text, re.I)
    return parse_rag(m.group(1)) if m else None


# A RAG colour is saturated and not dark; its hue (degrees) falls in one of these ranges.
RAG_SATURATION = 0.35
RAG_VALUE = 0.35
_RAG_HUES: tuple[tuple[float, float, Rag], ...] = (
    (0.0, 15.0, "red"),
    (20.0, 65.0, "amber"),
    (75.0, 170.0, "green"),
    (340.0, 360.0, "red"),
)


def rag_of_colour(colour: str | None) -> Rag | None:
    """The RAG status a cell shows by its fill colour ("#rrggbb"): a strong red, amber (orange to
    yellow) or green; None for pale tints, greys, blues and no colour."""
    if not colour or not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        return None
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, saturation, value = colorsys.rgb_to_hsv(r, g, b)
    if saturation < RAG_SATURATION or value < RAG_VALUE:
        return None
    degrees = hue * 360
    return next((rag for lo, hi, rag in _RAG_HUES if lo <= degrees < hi), None)


_STATED_RAG = re.compile(
    r"\bRAG(?:\s*(?:rated|rating|status))?\s*(?:=|:|is|of|as)?\s*(green|amber|red)\b"
    r"|\b(?:rated|rag)\s+(green|amber|red)\b",
    re.I,
)


def stated_rag(text: str | None) -> Rag | None:
    """A RAG status a sentence states for a whole table ("... (i.e. RAG rated = Green) ...")."""
    if not text:
        return None
    m = _STATED_RAG.search(text)
    return parse_rag(m.group(1) or m.group(2)) if m else None


# ---------------------------------------------------------------- periods

_FISCAL_YEAR = re.compile(r"(?<!\d)((?:19|20)?\d\d)\s*[/-]\s*(\d{2}|\d{4})(?!\d)")
_QUARTER = re.compile(r"\b(?:Q|Qtr\.?\s*|Quarter\s*)([1-4])\b", re.I)
_MONTH_LABEL = re.compile(
    r"^(?P<month>[A-Za-z]{3,9})\.?(?:[\s\-/']+(?P<year>\d{2}|\d{4}))?$",
)


def fiscal_year(text: str) -> str | None:
    """The first financial year in a text, normalised: "19/20", "2019-20", "2019/2020" -> "2019/20"."""
    for m in _FISCAL_YEAR.finditer(text):
        first, second = m.group(1), m.group(2)
        start = int(first) + (2000 if len(first) == 2 else 0)
        end = int(second[-2:])
        if (start + 1) % 100 == end:
            return f"{start}/{end:02d}"
    return None


def quarter(text: str) -> str | None:
    """The quarter a label names ("Quarter 1", "Q1", "Qtr 1") as "Q1"."""
    m = _QUARTER.search(text)
    return f"Q{m.group(1)}" if m else None


def month_label(text: str) -> tuple[int, int | None] | None:
    """(month, year) of a month column label such as "Apr-19", "April 2019", "Jan"; None otherwise."""
    m = _MONTH_LABEL.match(text.strip())
    if not m:
        return None
    month = MONTHS.get(m.group("month").lower())
    if month is None:
        return None
    year = m.group("year")
    if year is None:
        return month, None
    return month, int(year) + (2000 if len(year) == 2 else 0)


def fiscal_year_of_month(month: int, year: int) -> str:
    """The April-to-March financial year a calendar month falls in."""
    start = year if month >= 4 else year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def is_period_label(text: str) -> bool:
    """Whether a column heading names a reporting period (a month, quarter or financial year)."""
    s = text.strip()
    if not s:
        return False
    if month_label(s):
        return True
    rest = _QUARTER.sub(" ", _FISCAL_YEAR.sub(" ", s)) if (fiscal_year(s) or quarter(s)) else s
    return rest != s and re.sub(r"\s+", " ", rest).strip().lower() in _PERIOD_WORDS


_PERIOD_WORDS = {
    "",
    "annual",
    "ytd",
    "year to date",
    "full year",
    "cumulative",
    "actual",
    "outturn",
    "performance",
}
