"""Packs whose report tables follow other councils' conventions.

The tables of :mod:`.packs` were modelled on one joint committee's papers; these follow
the forms other councils print:

* budget monitoring in thousands, announced as "£000" under each heading (a second
  header row), as "£'000" in the corner cell, as "£k" beside the heading or only in the
  heading above the table ("Capital programme (£'000)"); columns "Budget 2024/25",
  "Revised Budget", "Forecast Outturn", "Variance Adverse/(Favourable)" or one per
  financial year of a medium-term plan; negatives as "(1,234)" or "-1,234"; "Sub-total"
  and "Net total" rows; "-" or "–" for nothing; a footnote mark after a figure ("1,234*");
* KPI tables "Indicator | Polarity | 2023/24 Outturn | Target 2024/25 | Q1 | Q2 | Q3 |
  Status | Trend", "Measure | Good is | Target | Actual | RAG" (the quarter named by the
  heading above), "PI Code | Performance Indicator" with a target and an actual under
  each quarter, "Ref | Description" with a target and an actual per council; statuses as
  words ("On target", "Within tolerance", "Amber – within 5% of target") or letters,
  trends as words ("Improving", "No change", "Worse") or arrows, figures "95.2%",
  "£1.2m", "12 days", "<5%", "1,234"; a row naming each group of indicators; a row per
  indicator and council, the council in a column of its own;
* KPI columns headed by the partner councils, by names, by a place's name alone
  ("Kingsbury") or by abbreviations the report defines ("Royal Borough of Kingsbury upon
  Tern (RBK)");
* action plans "No. | Action | Lead Officer | Deadline | Progress update | RAG" in any
  order and wording ("Action No.", "Timescale"), references "1.1", "A3", "SP-04",
  deadlines "Mar-25", "31/03/2025", "Q4 2024/25", statuses "On track" / "At risk", a theme
  row across the table opening the plan or a group of actions within it, and a plan whose
  header and first theme row end a page, its actions following on the next.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date

from tests.variants.documents import report_doc
from tests.variants.spec import (
    ActionFact,
    Appendix,
    Council,
    Heading,
    KpiFact,
    MoneyFact,
    Pack,
    Para,
    SpanSpec,
    Style,
    TableSpec,
    Value,
)
from tests.variants.tables import DIRECTIONS, RAG_WORDS
from tests.variants.words import ACTION_TEXT, NORTHSHIRE, PROGRESS_TEXT, Names

# A council whose abbreviation is not its initials: the report defines it in brackets.
KINGSBURY = Council("Kingsbury upon Tern", "Royal Borough of Kingsbury upon Tern", "RBK")

STYLES = {
    "ruled-bold-pageof": Style(
        "ruled-bold-pageof",
        body=10,
        margins=(56, 56, 60, 60),
        landscape_appendices=False,
        stamp="page_of",
        header_fill=False,
        cover="inline",
        cover_labels="b",
    ),
    "unruled-helvetica": Style(
        "unruled-helvetica",
        body=10.5,
        margins=(60, 60, 60, 60),
        landscape_appendices=False,
        stamp="bare",
        rules="none",
        header_fill=False,
        pad_even=False,
        cover="inline",
    ),
    "frame-times": Style(
        "frame-times",
        family="Times",
        body=11,
        margins=(64, 64, 64, 64),
        stamp="page",
        rules="frame",
        cover="stacked",
    ),
}

STATUS_WORDS = {
    "On target": "green",
    "Within tolerance": "amber",
    "Off target": "red",
    "Amber – within 5% of target": "amber",
}
TREND_WORDS = {"Improving": "up", "Declining": "down", "No change": "flat", "Better": "up", "Worse": "down"}

# (indicator, kind of figure, polarity: whether higher is better)
_MEASURES: tuple[tuple[str, str, bool], ...] = (
    ("% of Council Tax collected", "pct", True),
    ("% of invoices paid within 30 days", "pct", True),
    ("% of working time lost to agency cover", "pct_low", False),
    ("Average time to process housing benefit changes", "days", False),
    ("Income from commercial property", "money", True),
    ("Number of affordable homes delivered", "count", True),
    ("Number of complaints escalated to stage 2", "count", False),
    ("Average time to resolve a complaint", "days", False),
)


def _figure(kind: str, rng: random.Random, target: bool) -> Value:
    """A KPI figure as councils print it: "95.2%", "<5%", "12 days", "£1.2m", "1,234"."""
    if kind == "pct":
        x = rng.randint(90, 98) if target else round(rng.uniform(85, 99.9), 1)
        return Value(f"{x}%", float(x))
    if kind == "pct_low":
        x = rng.randint(4, 8) if target else round(rng.uniform(2, 9), 1)
        return Value(f"<{x}%" if target else f"{x}%", float(x))
    if kind == "days":
        x = rng.randint(8, 20) if target else round(rng.uniform(6, 24), 1)
        return Value(f"{x} days", float(x))
    if kind == "money":
        x = round(rng.uniform(1, 4), 1 if target else 2)
        return Value(f"£{x}m", round(x * 1e6, 2))
    x = rng.randint(900, 1900)
    return Value(f"{x:,}", float(x))


# ---------------------------------------------------------------- KPI tables


def quarters_table(rng: random.Random, measures: Sequence[tuple[str, str, bool]], year: str) -> TableSpec:
    """ "Indicator | Polarity | Last year | Target | Q1 | Q2 | Q3 | Status | Trend": a record per quarter.

    The row's status and trend are printed once and belong to each of its records; the
    previous year's outturn is printed for comparison and is not a record of this year.
    """
    quarters = ["Q1", "Q2", "Q3"]
    first = int(year[:4]) - 1
    previous = f"{first}/{str(first + 1)[2:]} Outturn"
    header = ["Indicator", "Polarity", previous, f"Target {year}", *quarters, "Status", "Trend"]
    rows, facts = [], []
    for indicator, kind, high in measures:
        target = _figure(kind, rng, True)
        actuals = [_figure(kind, rng, False) for _ in quarters]
        status = rng.choice([*STATUS_WORDS, "G", "A", "R"])
        trend = rng.choice([*TREND_WORDS, "↑", "↓"])
        polarity = "High is good" if high else "Low is good"
        last = _figure(kind, rng, False).text
        rows.append([indicator, polarity, last, target.text, *(a.text for a in actuals), status, trend])
        rag = STATUS_WORDS.get(status) or RAG_WORDS[status]
        direction = TREND_WORDS.get(trend) or DIRECTIONS[trend]
        facts += [
            KpiFact(None, None, None, indicator, f"{year} {q}", target, a, direction, rag)
            for q, a in zip(quarters, actuals, strict=True)
        ]
    widths = [3.0, 1.0, 1.0, 1.0, 0.8, 0.8, 0.8, 1.2, 0.9]
    return TableSpec("kpi_exception", [header], rows, widths, kpis=facts)


def measures_table(rng: random.Random, measures: Sequence[tuple[str, str, bool]], period: str) -> TableSpec:
    """ "Measure | Good is | Target | Actual | RAG": the period is the one the heading above names."""
    rows, facts = [], []
    for indicator, kind, high in measures:
        target, actual = _figure(kind, rng, True), _figure(kind, rng, False)
        rag = rng.choice(["Green", "Amber", "Red"])
        rows.append([indicator, "Higher" if high else "Lower", target.text, actual.text, rag])
        facts.append(KpiFact(None, None, None, indicator, period, target, actual, None, RAG_WORDS[rag]))
    header = [["Measure", "Good is", "Target", "Actual", "RAG"]]
    return TableSpec("kpi_exception", header, rows, [3.6, 0.9, 1.0, 1.0, 0.8], kpis=facts)


def partner_targets_table(
    rng: random.Random, measures: Sequence[tuple[str, str, bool]], councils: Sequence[Council], quarter: int
) -> TableSpec:
    """A reference, a description, then a target and an actual column for each partner ("NCC
    Target", "NCC Actual"); the year and quarter are the heading's."""
    header = ["Ref", "Description", *(f"{c.abbr} {word}" for c in councils for word in ("Target", "Actual"))]
    rows, facts = [], []
    for k, (indicator, kind, _high) in enumerate(measures):
        figures = [(_figure(kind, rng, True), _figure(kind, rng, False)) for _ in councils]
        rows.append([f"RP{k + 1}", indicator, *(v.text for pair in figures for v in pair)])
        facts += [
            KpiFact(c.name, None, None, indicator, f"2024/25 Q{quarter}", t, a)
            for c, (t, a) in zip(councils, figures, strict=True)
        ]
    widths = [0.6, 3.0, *([1.0] * 2 * len(councils))]
    return TableSpec("kpi_exception", [header], rows, widths, kpis=facts)


def council_rows_table(
    rng: random.Random, measures: Sequence[tuple[str, str, bool]], councils: Sequence[Council], quarter: int
) -> TableSpec:
    """A row per indicator and council, the council named by its abbreviation in a column of its own."""
    header = [["Indicator", "Council", "Target", f"Q{quarter} 2024/25", "RAG"]]
    rows, facts = [], []
    for indicator, kind, _high in measures:
        for c in councils:
            target, actual = _figure(kind, rng, True), _figure(kind, rng, False)
            rag = rng.choice(["G", "A", "R"])
            rows.append([indicator, c.abbr, target.text, actual.text, rag])
            facts.append(
                KpiFact(
                    c.name, None, None, indicator, f"2024/25 Q{quarter}", target, actual, None, RAG_WORDS[rag]
                )
            )
    return TableSpec("kpi_exception", header, rows, [3.4, 0.9, 1, 1, 0.7], kpis=facts)


def partner_table(
    rng: random.Random,
    measures: Sequence[tuple[str, str, bool]],
    councils: Sequence[Council],
    year: str,
    quarter: int,
    by_name: bool,
) -> TableSpec:
    """An actual column per partner council, headed "RBK Q2" or by the council's name alone.

    A name of a place "upon" a river is printed without the river ("Kingsbury").
    """
    heads = [c.name.split(" upon ")[0] if by_name else f"{c.abbr} Q{quarter}" for c in councils]
    header = ["Indicator", f"Target {year}", *heads]
    rows, facts = [], []
    for indicator, kind, _high in measures:
        target = _figure(kind, rng, True)
        actuals = [_figure(kind, rng, False) for _ in councils]
        rows.append([indicator, target.text, *(a.text for a in actuals)])
        facts += [
            KpiFact(c.name, None, None, indicator, f"{year} Q{quarter}", target, a)
            for c, a in zip(councils, actuals, strict=True)
        ]
    widths = [3.6, 1.1, *([1.2] * len(councils))]
    return TableSpec("kpi_exception", [header], rows, widths, kpis=facts)


def spanned_quarters_table(
    rng: random.Random,
    groups: Sequence[tuple[str, Sequence[tuple[str, str, bool]]]],
    year: str,
    council: Council,
) -> TableSpec:
    """The year printed once over its quarters' columns; a row naming each group of indicators
    (their directorate) across the table."""
    quarters = ["Q1", "Q2", "Q3"]
    header = [
        ["Indicator", "Target", year, "", "", "Trend"],
        ["", "", *quarters, ""],
    ]
    spans = [SpanSpec(0, 2, 1, 3)]
    rows, facts = [], []
    for directorate, measures in groups:
        spans.append(SpanSpec(len(header) + len(rows), 0, 1, len(header[0])))
        rows.append([directorate, *([""] * (len(header[0]) - 1))])
        for indicator, kind, _high in measures:
            target = _figure(kind, rng, True)
            actuals = [_figure(kind, rng, False) for _ in quarters]
            trend = rng.choice([*TREND_WORDS, "→"])
            rows.append([indicator, target.text, *(a.text for a in actuals), trend])
            direction = TREND_WORDS.get(trend) or DIRECTIONS[trend]
            facts += [
                KpiFact(council.name, directorate, None, indicator, f"{year} {q}", target, a, direction)
                for q, a in zip(quarters, actuals, strict=True)
            ]
    return TableSpec("kpi_exception", header, rows, [3.6, 1, 0.9, 0.9, 0.9, 1], spans, kpis=facts)


def paired_quarters_table(
    rng: random.Random, measures: Sequence[tuple[str, str, bool]], year: str
) -> TableSpec:
    """A code, then a target and an actual under each quarter's heading; the row's RAG is printed once."""
    quarters = ["Quarter 2", "Quarter 3"]
    header = [
        ["PI Code", "Performance Indicator", quarters[0], "", quarters[1], "", "RAG"],
        ["", "", "Target", "Actual", "Target", "Actual", ""],
    ]
    spans = [SpanSpec(0, 2, 1, 2), SpanSpec(0, 4, 1, 2)]
    rows, facts = [], []
    for k, (indicator, kind, _high) in enumerate(measures):
        figures = [(_figure(kind, rng, True), _figure(kind, rng, False)) for _ in quarters]
        rag = rng.choice(["G", "A", "R"])
        rows.append([f"HS{k + 1:02d}", indicator, *(v.text for pair in figures for v in pair), rag])
        facts += [
            KpiFact(None, None, None, indicator, f"{year} Q{q[-1]}", t, a, None, RAG_WORDS[rag])
            for q, (t, a) in zip(quarters, figures, strict=True)
        ]
    return TableSpec("kpi_exception", header, rows, [0.8, 3.2, 1, 1, 1, 1, 0.7], spans, kpis=facts)


# ---------------------------------------------------------------- money in thousands


def _thousands(value: int, minus: bool) -> str:
    if value < 0:
        return f"-{abs(value):,}" if minus else f"({abs(value):,})"
    return f"{value:,}"


def _money_rows(
    groups: Sequence[tuple[str | None, Sequence[str]]],
    columns: Sequence[str],
    figures: Callable[[], list[int]],
    minus: bool,
    blank: str,
    total: str = "Net total",
) -> tuple[list[list[str]], list[MoneyFact]]:
    """Rows of figures in thousands: groups of services, each closed by a "Sub-total" row when
    it has a heading, then a net total. Zero prints as ``blank`` and gives no record."""
    rows: list[list[str]] = []
    money: list[MoneyFact] = []
    grand = [0] * len(columns)

    def add(label: str, values: Sequence[int]) -> None:
        cells = []
        for col, v in zip(columns, values, strict=True):
            raw = blank if v == 0 else _thousands(v, minus)
            cells.append(raw)
            if v:
                money.append(MoneyFact(label, col, raw, float(v), "£k"))
        rows.append([label, *cells])

    for heading, labels in groups:
        if heading:
            rows.append([heading, *([""] * len(columns))])
        sums = [0] * len(columns)
        for label in labels:
            values = figures()
            add(label, values)
            sums = [a + b for a, b in zip(sums, values, strict=True)]
        if heading:
            add("Sub-total", sums)
        grand = [a + b for a, b in zip(grand, sums, strict=True)]
    add(total, grand)
    return rows, money


def _budget_line(rng: random.Random, with_original: bool) -> list[int]:
    """Original and revised budget, forecast outturn and variance (forecast less revised budget)."""
    revised = rng.randint(300, 9500)
    original = revised - rng.choice([0, rng.randint(-300, 300)])
    variance = rng.choice([0, rng.randint(-400, 400)])
    line = [revised, revised + variance, variance]
    return [original, *line] if with_original else line


def revenue_table(
    rng: random.Random,
    year: str,
    groups: Sequence[tuple[str | None, Sequence[str]]],
    unit: str = "£000",
    minus: bool = False,
) -> TableSpec:
    """Headings on one row and ``unit`` under each on the next; variance "Adverse/(Favourable)".

    One forecast figure carries a footnote mark, explained under the table.
    """
    top = ["Service", f"Budget {year}", "Revised Budget", "Forecast Outturn", "Variance Adverse/(Favourable)"]
    columns = [f"{h} {unit}" for h in top[1:]]
    rows, money = _money_rows(groups, columns, lambda: _budget_line(rng, True), minus, "-")
    # The first service line's forecast is marked for a footnote.
    mark = next(k for k, m in enumerate(money) if m.column_label == columns[2])
    fact = money[mark]
    row = next(r for r in rows if r[0] == fact.row_label)
    row[3] = f"{fact.raw}*"
    money[mark] = MoneyFact(fact.row_label, fact.column_label, row[3], fact.value, fact.unit)
    header = [top, ["", *([unit] * 4)]]
    return TableSpec("financial", header, rows, [2.4, 1, 1, 1, 1.3], money=money)


def corner_unit_table(rng: random.Random, schemes: Sequence[str]) -> TableSpec:
    """ "£'000" in the corner cell stands for every column; negatives with a minus, nothing as "–"."""
    heads = ["Revised Budget", "Spend to date", "Forecast Outturn", "Variance"]

    def figures() -> list[int]:
        revised = rng.randint(150, 4800)
        variance = rng.choice([0, rng.randint(-250, 250)])
        return [revised, rng.randint(0, revised), revised + variance, variance]

    rows, money = _money_rows([(None, schemes)], heads, figures, True, "–", total="Total")
    return TableSpec("financial", [["£'000", *heads]], rows, [2.4, 1, 1, 1, 1], money=money)


def plain_capital_table(rng: random.Random, schemes: Sequence[str]) -> TableSpec:
    """Plain figures whose unit only the heading above states ("Capital programme (£'000)")."""
    heads = ["Budget", "Actual to date", "Forecast", "Variance"]

    def figures() -> list[int]:
        budget = rng.randint(150, 2400)
        variance = rng.randint(-120, 120) or 15
        return [budget, rng.randint(10, budget), budget + variance, variance]

    rows, money = _money_rows([(None, schemes)], heads, figures, True, "-", total="Total")
    return TableSpec("financial", [["Scheme", *heads]], rows, [2.4, 1, 1, 1, 1], money=money)


def plan_years_table(rng: random.Random, pressures: Sequence[str], first: int) -> TableSpec:
    """A column per financial year, "£'000" in the corner: figures that look like a series."""
    heads = [f"{y}/{str(y + 1)[2:]}" for y in range(first, first + 3)]

    def figures() -> list[int]:
        start = rng.randint(120, 900)
        return [start, start + rng.randint(20, 200), start + rng.randint(200, 400)]

    rows, money = _money_rows([(None, pressures)], heads, figures, False, "-", total="Total pressures")
    return TableSpec("financial", [["£'000", *heads]], rows, [2.4, 1, 1, 1], money=money)


def partner_money_table(rng: random.Random, councils: Sequence[Council]) -> TableSpec:
    """Each partner's share in "£k" columns; negatives with a minus."""
    heads = ["Budget £k", "Forecast £k", "Variance £k"]
    rows, money = _money_rows(
        [(None, [c.name for c in councils])], heads, lambda: _budget_line(rng, False), True, "-"
    )
    return TableSpec("financial", [["Partner", *heads]], rows, [2.4, 1, 1, 1], money=money)


# ---------------------------------------------------------------- action plans

_DEADLINES = ("Mar-25", "31/03/2025", "Q4 2024/25", "30/09/2025", "Dec-25")
_ACTION_STATUS = {"On track": "green", "At risk": "amber", "Off track": "red"}


def plan_table(
    rng: random.Random,
    service: str,
    refs: Sequence[str],
    officers: Sequence[str],
    order: Sequence[str],
    words: bool,
    headings: dict[str, str] | None = None,
    themes: dict[str, str] | None = None,
) -> TableSpec:
    """An action plan with the columns in ``order`` (of "ref", "delivery", "partner", "target_date",
    "progress", "status"); the status a RAG letter or an "On track" / "At risk" word.

    ``headings`` rewords some of the columns' headings ("Action No.", "Timescale"); ``themes``
    opens a group of actions, before the action of the given reference, with a row across the
    table ("Priority 1: Homes for local people").
    """
    headings = {
        "ref": "No.",
        "delivery": "Action",
        "partner": "Lead Officer",
        "target_date": "Deadline",
        "progress": "Progress update",
        "status": "RAG",
        **(headings or {}),
    }
    widths = {"ref": 0.6, "delivery": 2.6, "partner": 1.2, "target_date": 0.9, "progress": 2.8, "status": 0.8}
    rows, facts, spans = [], [], []
    for ref in refs:
        if themes and ref in themes:
            spans.append(SpanSpec(1 + len(rows), 0, 1, len(order)))
            rows.append([themes[ref], *([""] * (len(order) - 1))])
        printed = rng.choice(list(_ACTION_STATUS) if words else ["G", "A", "R"])
        values = {
            "ref": ref,
            "delivery": rng.choice(ACTION_TEXT) + ".",
            "partner": rng.choice(officers),
            "target_date": rng.choice(_DEADLINES),
            "progress": " ".join(rng.sample(PROGRESS_TEXT, 2)),
            "status": printed,
        }
        rows.append([values[f] for f in order])
        status = _ACTION_STATUS.get(printed) or RAG_WORDS[printed]
        facts.append(
            ActionFact(
                ref,
                values["partner"],
                values["delivery"],
                None,
                values["target_date"],
                status,
                values["progress"],
                None,
                service,
            )
        )
    header = [[headings[f] for f in order]]
    return TableSpec("action_plan", header, rows, [widths[f] for f in order], spans, actions=facts)


# ---------------------------------------------------------------- packs


def borough_performance(seed: int = 31) -> Pack:
    """One council's quarterly performance and action-plan report: ruled tables with bold headers."""
    rng, style = random.Random(seed), STYLES["ruled-bold-pageof"]
    names = Names(rng)
    committee = "Overview and Scrutiny Committee"
    day, year = date(2025, 2, 12), "2024/25"
    # Each indicator stands in one table: a record is keyed by indicator and period.
    measures = rng.sample(_MEASURES, len(_MEASURES))
    others = [(f"{name} (Housing)", kind, high) for name, kind, high in rng.sample(_MEASURES, 3)]
    officers = ["Head of Customer Services", "Chief Digital Officer", "HR Business Partner"]
    report = report_doc(
        rng,
        names,
        committee,
        day,
        "Corporate Performance and Delivery Plan Quarter 3 2024/25",
        "castlemere.gov.uk",
        [
            Heading("Performance against target"),
            Para("The table below shows each indicator's outturn for the first three quarters of the year."),
            quarters_table(rng, measures[:5], year),
            Para("Polarity shows whether a higher or a lower figure is better."),
            Heading("Corporate health measures: Quarter 3 2024/25"),
            Para("Measures of the organisation's health are reported against their targets."),
            measures_table(rng, measures[5:], f"{year} Q3"),
            Heading("Service measures"),
            Para("Targets are profiled through the year; each quarter is shown against its own."),
            paired_quarters_table(rng, others, year),
        ],
        [
            "That the Committee notes performance at the end of Quarter 3.",
            "That the Committee notes the action plans.",
        ],
        None,
        "1.",
        ["There are no direct financial implications."],
    )
    plans = Appendix(
        [
            Heading("Appendix A: Delivery Plan Progress", 1),
            Para("Position at 31 December 2024", bold=True),
            Heading("Customer Access Action Plan", 2),
            plan_table(
                rng,
                "Customer Access",
                ["1.1", "1.2", "1.3", "2.1"],
                officers,
                ["ref", "delivery", "partner", "target_date", "progress", "status"],
                False,
            ),
            Heading("Workforce Action Plan", 2),
            plan_table(
                rng,
                "Workforce",
                ["A3", "A4", "SP-04"],
                officers,
                ["delivery", "ref", "target_date", "status", "partner", "progress"],
                True,
                {
                    "ref": "Action No.",
                    "target_date": "Timescale",
                    "status": "Status",
                    "partner": "Responsible Officer",
                },
            ),
        ],
        label="Appendix A",
    )
    return Pack("variant-borough-performance", style, documents=[report, plans], committee=committee)


def partnership_budget(seed: int = 32) -> Pack:
    """A two-council partnership's budget and performance report: rule-framed Times, money in thousands."""
    rng, style = random.Random(seed), STYLES["frame-times"]
    names = Names(rng)
    committee = "Northshire and Kingsbury Revenues Partnership Board"
    councils = [NORTHSHIRE, KINGSBURY]
    day, year = date(2024, 11, 20), "2024/25"
    budget = report_doc(
        rng,
        names,
        committee,
        day,
        "Revenue and Capital Budget Monitoring Quarter 2 2024/25",
        "northshire.gov.uk",
        [
            Heading("Background"),
            Para(
                f"The partnership delivers revenues and benefits services for {NORTHSHIRE.long} "
                f"({NORTHSHIRE.abbr}) and the {KINGSBURY.long} ({KINGSBURY.abbr})."
            ),
            Heading("Revenue forecast"),
            Para("The forecast outturn for each service is set out below."),
            revenue_table(
                rng,
                year,
                [
                    ("Revenues", ["Council Tax", "Business Rates", "Recovery"]),
                    ("Benefits", ["Housing Benefit", "Council Tax Support"]),
                ],
            ),
            Para("* Includes the cost of the new document management system."),
            Heading("Position by partner"),
            Para("The forecast variance is shared between the partners as follows."),
            partner_money_table(rng, councils),
            Heading("Medium term financial plan"),
            Para("Pressures on the partnership budget over the next three years are estimated below."),
            plan_years_table(rng, ["Pay inflation", "Contract inflation", "Demand growth"], day.year + 1),
            Heading("Capital programme"),
            Para("Capital schemes are summarised below."),
            corner_unit_table(rng, ["Revenues system upgrade", "Customer portal", "Office move"]),
        ],
        ["note the forecast outturn at the end of Quarter 2;", "note the capital programme position."],
        "The Board is asked to:",
        "(a)",
        ["The partnership is forecast to underspend, shared between the partners."],
    )
    measures = rng.sample(_MEASURES, len(_MEASURES))
    shared = [(f"{name} (shared service)", kind, high) for name, kind, high in rng.sample(_MEASURES, 3)]
    performance = Appendix(
        [
            Heading("Appendix 1: Partnership Performance Quarter 2", 1),
            Para(f"Figures are shown for each partner: {NORTHSHIRE.abbr} and {KINGSBURY.abbr}."),
            Heading("Collection and processing", 2),
            partner_table(rng, measures[:5], councils, year, 2, by_name=False),
            Heading("Customer measures", 2),
            partner_table(rng, measures[5:7], councils, year, 2, by_name=True),
            Heading("Partner targets: Quarter 2 2024/25", 2),
            partner_targets_table(rng, measures[7:], councils, 2),
            Heading("Shared service measures by partner", 2),
            council_rows_table(rng, shared, councils, 2),
        ],
        label="Appendix 1",
    )
    return Pack("variant-partnership-budget", style, documents=[budget, performance], committee=committee)


# Paragraphs that bring the last action plan of the district's report down to the foot of
# a page: its header and first theme row end the page, its actions follow on the next.
SERVICE_TEXT = (
    "Each service has reviewed how residents reach it and what they ask for most often, and has "
    "agreed with its portfolio holder the changes it will make to its processes during the year, "
    "starting with the services that residents contact most.",
    "The actions below are monitored by the corporate leadership team each month and reported "
    "to Cabinet each quarter, alongside the performance indicators and the budget forecasts, so "
    "that progress can be read against spending.",
    "Where an action has slipped, the responsible officer sets out the reasons and the steps "
    "being taken to recover it, so that members can judge whether a new date is realistic and "
    "what the delay means for residents.",
)


def district_outturn(seed: int = 33) -> Pack:
    """A district council's outturn report printed without rules: money in "£'000" columns."""
    rng, style = random.Random(seed), STYLES["unruled-helvetica"]
    names = Names(rng)
    committee = "Cabinet"
    council = Council("Castlemere", "Castlemere District Council", "CDC")
    day, year = date(2025, 1, 22), "2024/25"
    measures = rng.sample(_MEASURES, 4)
    report = report_doc(
        rng,
        names,
        committee,
        day,
        "Budget and Performance Monitoring Quarter 3 2024/25",
        "castlemere.gov.uk",
        [
            Heading("1. Introduction"),
            Para(f"This report sets out the financial and service position of {council.long} at Quarter 3."),
            Heading("2. Revenue budget"),
            Para("Forecasts for each portfolio are shown below."),
            revenue_table(
                rng,
                year,
                [(None, ["Housing", "Planning", "Leisure and Culture", "Environmental Services"])],
                unit="£'000",
                minus=True,
            ),
            Para("* Includes the one-off cost of the local plan inquiry."),
            Heading("3. Council Plan actions"),
            plan_table(
                rng,
                "Council Plan",
                ["1.1", "1.2", "2.1", "2.2"],
                ["Head of Housing", "Head of Finance"],
                ["ref", "delivery", "partner", "target_date", "status", "progress"],
                True,
                themes={
                    "1.1": "Priority 1: Homes for local people",
                    "2.1": "Priority 2: Finance and resources",
                },
            ),
            Heading(f"4. {council.long} performance"),
            Para("Performance against the Council Plan indicators is shown below."),
            spanned_quarters_table(
                rng, [("Housing", measures[:2]), ("Resources", measures[2:])], year, council
            ),
            Heading("5. Capital programme (£'000)"),
            Para("Spend on the capital programme to the end of December is set out below."),
            plain_capital_table(
                rng, ["Leisure centre roof", "Play area renewals", "Disabled facilities grants"]
            ),
            Heading("6. Service improvement actions"),
            *(Para(text) for text in SERVICE_TEXT),
            plan_table(
                rng,
                "Service Improvement",
                ["3.1", "3.2"],
                ["Head of Customer Services", "Head of Finance"],
                ["ref", "delivery", "partner", "target_date", "status", "progress"],
                False,
                themes={"3.1": "Priority 3: A modern council"},
            ),
        ],
        ["That Cabinet notes the forecast outturn and performance at Quarter 3."],
        None,
        "1.",
        ["As set out in section 2 of the report."],
    )
    return Pack("variant-district-outturn", style, documents=[report], committee=committee)


TABLE_PACKS: dict[str, Callable[..., Pack]] = {
    "borough-performance": borough_performance,
    "partnership-budget": partnership_budget,
    "district-outturn": district_outturn,
}
