"""unit_anomaly: an indicator's actual printed in a different unit from its target.

"6.3 weeks" against a target of "<5 cases", or "12 days" against "95%", cannot be
compared: one of them carries the wrong unit. Only units printed on both figures are
read (a bare "2.2" against "5 days" is not a contradiction), and durations are one
kind of unit: "10 days" against a target of "<2 weeks" is measured in time as asked.
"""

from __future__ import annotations

import re

from pipeline.flags.base import Finding, OtherDocuments, Rule, kpi_location
from schemas.records import DocumentExtraction

_UNITS = (
    ("%", re.compile(r"\d\s*%|\bper\s?cent\b", re.I)),
    ("£", re.compile(r"£\s*\d|\d\s*[km]\b", re.I)),
    ("days", re.compile(r"\d\s*(?:working\s+)?days?\b", re.I)),
    ("weeks", re.compile(r"\d\s*weeks?\b", re.I)),
    ("months", re.compile(r"\d\s*months?\b", re.I)),
    ("years", re.compile(r"\d\s*years?\b", re.I)),
    ("hours", re.compile(r"\d\s*(?:hours?|hrs?)\b", re.I)),
    ("cases", re.compile(r"\d\s*cases?\b", re.I)),
)

_DURATIONS = {"days", "weeks", "months", "years", "hours"}


def _dimension(unit: str) -> str:
    return "time" if unit in _DURATIONS else unit


def printed_units(text: str | None) -> set[str]:
    """The units a printed figure carries ("6.3 weeks" -> {"weeks"}, "<£20,000" -> {"£"})."""
    if not text:
        return set()
    return {unit for unit, pattern in _UNITS if pattern.search(text)}


def check(doc: DocumentExtraction, others: OtherDocuments) -> list[Finding]:
    findings = []
    for kpi in doc.kpis:
        target, actual = printed_units(kpi.target), printed_units(kpi.actual)
        if len(target) != 1 or len(actual) != 1 or len({_dimension(u) for u in target | actual}) == 1:
            continue
        where = f" for {kpi.council}" if kpi.council else ""
        findings.append(
            Finding(
                description=f"'{kpi.indicator}'{where}: the actual {kpi.actual} is in {actual.pop()}, "
                f"but the target {kpi.target} is in {next(iter(target))}",
                expected=next(iter(target)),
                found=kpi.actual,
                locations=[kpi_location(doc, kpi)],
            )
        )
    return findings


RULE = Rule("kpi_units", "1.1.0", "unit_anomaly", check)
