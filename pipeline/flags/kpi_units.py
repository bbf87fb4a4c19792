"""unit_anomaly: an indicator's actual printed in a different unit from its target.

"6.3 weeks" against a target of "<5 cases", or "12 days" against "95%", cannot be
compared: one of them carries the wrong unit. Only units printed on both figures are
read (a bare "2.2" against "5 days" is not a contradiction), and durations are one
kind of unit: "10 days" against a target of "<2 weeks" is measured in time as asked.
"""

from __future__ import annotations

from extractors.values import printed_units
from pipeline.flags.base import Finding, OtherDocuments, Rule, kpi_location
from schemas.records import DocumentExtraction

_DURATIONS = {"days", "weeks", "months", "years", "hours"}


def _dimension(unit: str) -> str:
    return "time" if unit in _DURATIONS else unit


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


RULE = Rule("kpi_units", "unit_anomaly", check)
