"""The flags raised on other councils' papers, printed in many layouts, that carry no planted error.

Every synthetic pack (tests/variants) is read and loaded into a database and validated
as a batch would. The packs plant no error, so no rule may fire on their finance
tables, prose, counts or lists. Their KPI figures are drawn at random, though, table by
table: an indicator's actual can differ between its exception table and its outturn
table, and a RAG status can contradict its figures. Those are real inconsistencies of
the printed paper, so each KPI flag must be one the pack's own records bear out, read
from its truth with the generator's knowledge of which indicators are better low.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pipeline.db import make_engine
from pipeline.flagquery import list_flags
from tests.test_audit import load
from tests.variants import PACKS, build

SEEDS = (None, 101, 202)

# The generator's indicators whose figures are better low (tests/variants/words.py).
LOWER_BETTER = (
    "Missed collections",
    "% of streets with unacceptable",
    "Average time",
    "Average working days lost",
    "Number of complaints",
)
RAG_FLAG = re.compile(r"^'(?P<indicator>.+?)'(?: for (?P<council>.+?))? is rated (?P<rag>\w+),")
CROSS_FLAG = re.compile(r"^'(?P<indicator>.+?)' \((?P<councils>.+), (?P<period>[^,]+)\): the (?P<role>\w+)")
QUARTER = re.compile(r"\bQ(?:uarter\s*)?(\d)\b")


def _same_indicator(printed: str, indicator: str) -> bool:
    """A flag names the indicator as read, which a wrapped cell may cut short."""
    return indicator.startswith(printed.rstrip(". ")) or printed.startswith(indicator)


def _slack(text: str) -> Decimal:
    """Half a unit of the last digit printed: how far rounding may have moved a figure."""
    digits = re.search(r"\d+(?:\.(\d+))?", text)
    places = len(digits.group(1) or "") if digits else 0
    return Decimal(5) / Decimal(10) ** (places + 1)


def _contradicts(record: dict[str, Any]) -> bool:
    """Whether a record's RAG status says the opposite of its actual against its target."""
    if record["target_value"] is None or record["actual_value"] is None:
        return False
    target, actual = Decimal(str(record["target_value"])), Decimal(str(record["actual_value"]))
    slack = _slack(record["actual"]) * (1000 if "K" in record["actual"] else 1)
    if record["indicator"].startswith(LOWER_BETTER):
        meets = actual - slack <= target
    else:
        meets = actual + slack >= target
    return meets != (record["rag"] == "green")


def _printed_values(
    truth: dict[str, Any], indicator: str, council: str, period: str, role: str
) -> set[float]:
    """Every value the pack prints for one indicator, council, period and role."""
    values = {
        k[f"{role}_value"]
        for k in truth["kpis"]
        if _same_indicator(indicator, k["indicator"])
        and k["council"] == council
        and k["period"] == period
        and k[f"{role}_value"] is not None
    }
    quarter = QUARTER.search(period)
    for point in truth["kpi_series"]:
        if not _same_indicator(indicator, point["indicator"]) or point["value_number"] is None:
            continue
        label = QUARTER.search(point["period_label"])
        if role == "actual" and point["series"] == council and label and quarter:
            if label.group(1) == quarter.group(1):
                values.add(point["value_number"])
        elif role == "target" and point["series"] == "Target":
            values.add(point["value_number"])
    return values


def _justified(flag: dict[str, Any], truth: dict[str, Any]) -> bool:
    if flag["kind"] == "rag_vs_target":
        m = RAG_FLAG.match(flag["description"])
        return m is not None and any(
            _same_indicator(m["indicator"], k["indicator"])
            and k["council"] == m["council"]
            and k["rag"] == m["rag"]
            and _contradicts(k)
            for k in truth["kpis"]
        )
    if flag["kind"] == "cross_reference_mismatch":
        m = CROSS_FLAG.match(flag["description"])
        return m is not None and all(
            len(_printed_values(truth, m["indicator"], council, m["period"], m["role"])) > 1
            for council in m["councils"].split(", ")
        )
    return False


@pytest.mark.parametrize("seed", SEEDS, ids=lambda s: f"seed-{s or 'default'}")
@pytest.mark.parametrize("name", sorted(PACKS))
def test_a_pack_without_planted_errors_raises_only_flags_its_figures_bear_out(
    name: str, seed: int | None, tmp_path: Path
) -> None:
    pdf, truth = build(name, tmp_path, seed)
    assert truth["inconsistencies"] == []
    engine = make_engine(f"sqlite:///{tmp_path / 'flags.db'}")
    load(engine, pdf, tmp_path / "store")
    unfounded = [
        (f["kind"], f["pages"], f["description"]) for f in list_flags(engine) if not _justified(f, truth)
    ]
    assert unfounded == []


def test_the_oracle_tells_a_contradicting_status_from_a_consistent_one() -> None:
    def record(indicator: str, target: float, actual: str, rag: str) -> dict[str, Any]:
        return {
            "indicator": indicator,
            "target_value": target,
            "actual": actual,
            "actual_value": float(actual.strip("%")),
            "rag": rag,
        }

    assert not _contradicts(record("% of streets with unacceptable levels of litter", 92.0, "89.8%", "green"))
    assert _contradicts(record("% of streets with unacceptable levels of litter", 86.0, "90.1%", "green"))
    assert _contradicts(record("% of Council Tax collected", 95.0, "97.5%", "red"))
    assert not _contradicts(record("% of business rates collected", 93.3, "93.3%", "green"))
