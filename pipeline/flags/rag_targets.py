"""rag_vs_target: a RAG status that contradicts the indicator's actual against its target.

Green means the target is met; amber or red that it is missed. A status is flagged
when the actual and target printed beside it (read with the indicator's polarity, see
:mod:`pipeline.flags.kpi_terms`) contradict it: green for a missed target, amber or red
for a met one. Where amber ends and red begins is each council's own tolerance (5%,
10%, or set per indicator), so amber against red is not judged; the expected status
names the band a 5% tolerance gives, as a guide. Annual, forecast and cumulative targets set against a
part-year figure are not judged: the names say so ("forecast v actual", "annual",
"cumulative"), or the actual is below half the target in an in-year period.
"""

from __future__ import annotations

from decimal import Decimal

from extractors.values import quarter
from pipeline.flags.base import Finding, OtherDocuments, Rule, kpi_location
from pipeline.flags.kpi_terms import PART_YEAR, printed_value, shortfall
from pipeline.flags.settings import SETTINGS
from schemas.records import DocumentExtraction, Kpi


def _band(miss: Decimal) -> str:
    if miss == 0:
        return "green"
    return "amber" if miss <= SETTINGS.amber_band else "red"


def _part_year(kpi: Kpi, miss: Decimal) -> bool:
    texts = " ".join(t for t in (kpi.indicator, kpi.target, kpi.actual) if t)
    if PART_YEAR.search(texts):
        return True
    in_year = kpi.period is not None and quarter(kpi.period) not in (None, "Q4")
    return in_year and miss > SETTINGS.part_year_shortfall


def check(doc: DocumentExtraction, others: OtherDocuments) -> list[Finding]:
    findings = []
    for kpi in doc.kpis:
        if kpi.rag is None:
            continue
        miss = shortfall(kpi)
        if miss is None or _part_year(kpi, miss):
            continue
        band = _band(miss)
        if (band == "green") == (kpi.rag == "green"):
            continue
        target, actual = printed_value(kpi.target), printed_value(kpi.actual)
        gap = abs(target.value - actual.value) / abs(target.value) * 100
        how = "meets" if miss == 0 else f"misses by {gap:.1f}% of"
        where = f" for {kpi.council}" if kpi.council else ""
        findings.append(
            Finding(
                description=f"'{kpi.indicator}'{where} is rated {kpi.rag}, but its actual {actual.raw} "
                f"{how} the target {target.raw}: that is {band}",
                expected=band,
                found=f"{kpi.rag} ({actual.raw} against {target.raw})",
                locations=[kpi_location(doc, kpi)],
                severity="high" if {band, kpi.rag} == {"green", "red"} else "medium",
            )
        )
    return findings


RULE = Rule("rag_targets", "rag_vs_target", check)
