"""What an indicator's figures mean: their printed value, which way is better, whether a target is met.

An indicator's polarity comes from its target's comparator ("<5 cases": lower is
better; ">90%": higher) and else from its name ("Average time taken ...", "... cost
...", "... complaints ...", "... unacceptable ...", "missed ..." are better low; "...
collected", "... satisfaction ...", "... within ..." better high; "... reduction"
better high). A name with words of both kinds ("% of complaints resolved within 10
days") says nothing; so a name that only says it is a percentage ("% of ...", "...
rate") or a target printed as a percentage is one to reach. Indicators whose polarity
none of these says are not judged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from extractors.councils import Council
from pipeline.flags.figures import Figure, make_figure
from pipeline.flags.text import councils_named
from schemas.records import Kpi

_HIGHER_WORDS = re.compile(r"\breduc(?:e|ed|tion)\b|\bdecrease\b|\bimprove", re.I)
_LOWER_NAME = re.compile(
    r"\baverage\s+(?:time|number\s+of\s+days|no\.?\s+of\s+days|days|cost|length)|\btime\s+taken\b"
    r"|\btime\s+to\b|\bdays\s+to\b|\bcosts?\b|\bcomplaints?\b|\barrears\b|\bsickness\b|\berrors?\b"
    r"|\bvoids?\b|\bbacklog\b|\boutstanding\b|\bhearings\b|\bdelays?\b|\bturnover\b|\babsence\b"
    r"|\bunacceptable\b|\bmissed\b|\blate\b|\boverdue\b|\bfail(?:ed|ures?)\b|\bvacan(?:t|cy|cies)\b"
    r"|\babandoned\b|\bre-?offend|\bagency\b|\bempty\b|\bescalat",
    re.I,
)
_HIGHER_NAME = re.compile(
    r"\bsatisf|\bcollected\b|\bavailab|\bon\s+time\b|\bwithin\b|\bsuccess\b|\baccuracy\b|\bcompliance\b"
    r"|\bresolved\b|\bcompleted\b|\bincome\b|\bsavings?\b|\brating\b",
    re.I,
)
_SHARE_NAME = re.compile(r"^\s*%|\bpercentage\b|\brate\b", re.I)
"""Names that say only that the figure is a share: one to reach unless another word says otherwise."""
_LOWER_TARGET = re.compile(
    r"^\s*(?:£\s*)?(?:<|≤|<=)|\b(?:below|under|less\s+than|no\s+more\s+than|maximum|max)\b", re.I
)
_HIGHER_TARGET = re.compile(
    r"^\s*(?:£\s*)?(?:>|≥|>=)|\b(?:above|over|more\s+than|at\s+least|no\s+less\s+than|minimum|min)\b", re.I
)
PART_YEAR = re.compile(
    r"\bforecast|\bannual\b|\bcumulative\b|year[\s-]to[\s-]date|\bytd\b|full[\s-]year|\bprofiled?\b|\bprojected\b",
    re.I,
)
_ONE_NUMBER = re.compile(r"(?<![\w.])[-–]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.])[-–]?\d+(?:\.\d+)?")
_PARENTHESISED = re.compile(r"\([^()]*\)")


def series_row(label: str, councils: Sequence[Council]) -> tuple[str | None, bool]:
    """What a row of a monthly or quarterly table holds: (its council, whether it is a target row).

    "Leeds" is a council's figures; "Target", "Threshold", "LCC Target" are targets
    (for every council, or the one named); "York grade A" (a part of a council's
    figures) and other labels are neither: (None, False).
    """
    named = councils_named(label, councils)
    rest = label
    for n in reversed(named):
        rest = rest[: n.start] + rest[n.end :]
    words = rest.lower().split()
    target = bool(words) and all(w in {"target", "threshold"} for w in words)
    if len(named) > 1 or (words and not target):
        return None, False
    return (named[0].council if named else None), target


def lower_is_better(kpi: Kpi) -> bool | None:
    """True when a lower figure is better performance, False when higher, None when unknown."""
    target = kpi.target or ""
    if _LOWER_TARGET.search(target):
        return True
    if _HIGHER_TARGET.search(target):
        return False
    name = kpi.indicator
    if _HIGHER_WORDS.search(name):
        return False
    lower, higher = bool(_LOWER_NAME.search(name)), bool(_HIGHER_NAME.search(name))
    if lower != higher:
        return lower
    if lower:
        # "Complaints resolved within 10 days": the words pull both ways, so the name says nothing.
        return None
    # A share ("% of waste recycled") or a percentage target ("100%") is one to reach.
    if _SHARE_NAME.search(name) or "%" in target:
        return False
    return None


def printed_value(text: str | None) -> Figure | None:
    """The single figure a KPI string prints ("<£20,000", "97.70%", "6.3 weeks"), with its precision.

    Comparators, units and text in parentheses are ignored; "K"/"M" multiply. None when
    the string has no number or several ("Spend £8,078 Saving £1,315").
    """
    if not text:
        return None
    s = _PARENTHESISED.sub(" ", text)
    numbers = list(_ONE_NUMBER.finditer(s))
    if len(numbers) != 1:
        return None
    m = numbers[0]
    digits = m.group(0).lstrip("-–")
    suffix = re.match(r"\s*([km])\b", s[m.end() :], re.I)
    kind = "percent" if "%" in s else "money" if "£" in s or suffix else "number"
    return make_figure(
        digits,
        kind=kind,
        raw=text.strip(),
        negative=m.group(0)[0] in "-–",
        scale=suffix.group(1) if suffix else None,
    )


def missed_by(actual: Figure, target: Figure, lower_better: bool) -> Decimal:
    """By how much ``actual`` misses ``target`` (0 or less when it meets it).

    A target is a threshold, exact as printed; the actual is a measurement, and any
    value its rounding allows may meet it.
    """
    return (actual.lo - target.value) if lower_better else (target.value - actual.hi)


def shortfall(kpi: Kpi) -> Decimal | None:
    """How far the actual falls short of the target, as a fraction of the target.

    0 when the actual meets the target, or could with rounding of its printed digits;
    None when either figure is missing or the polarity is unknown.
    """
    target, actual = printed_value(kpi.target), printed_value(kpi.actual)
    lower = lower_is_better(kpi)
    if target is None or actual is None or lower is None or target.value == 0:
        return None
    if (target.kind == "percent") != (actual.kind == "percent") and actual.kind != "number":
        return None
    gap = missed_by(actual, target, lower)
    if gap <= 0:
        return Decimal(0)
    return gap / abs(target.value)
