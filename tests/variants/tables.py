"""Tables of committee papers, each with the typed records a reader should take from it.

Financial tables (in £000, £m, whole pounds or with a unit in each cell), KPI exception
tables with merged directorate cells, per-indicator Outturn/Target blocks and the monthly
or quarterly series under them, KPI target lists and action plans. Figures are drawn at
random; the records are written alongside the printed cells, so the truth follows what
was printed by construction.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from itertools import groupby

from tests.variants.spec import (
    ActionFact,
    Council,
    KpiFact,
    MoneyFact,
    SeriesFact,
    SpanSpec,
    TableSpec,
    Value,
)
from tests.variants.words import ACTION_TEXT, NEXT_TEXT, OUTCOME_TEXT, PROGRESS_TEXT

DIRECTIONS = {"↑": "up", "↓": "down", "→": "flat", "NEW": "new"}
DIRECTION_WORDS = {"Up": "up", "Down": "down", "Same": "flat", "New": "new"}
RAG_WORDS = {"G": "green", "A": "amber", "R": "red", "Green": "green", "Amber": "amber", "Red": "red"}
MONTHS = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def kpi_value(kind: str, rng: random.Random, target: bool) -> Value:
    """A KPI figure of a kind ("pct", "days", "money_m"...), as a target or an actual."""
    if kind == "pct":
        x = rng.uniform(85, 99)
        if target:
            form = rng.choice(["{:.0f}%", "{:.2f}%", ">{:.0f}%"])
            text = form.format(x)
            return Value(text, _number(text.strip(">%")))
        text = f"{rng.uniform(80, 100):.1f}%"
        return Value(text, _number(text[:-1]))
    if kind == "days":
        if target:
            t = rng.randint(5, 25)
            return Value(rng.choice([f"{t} days", f"<{t} days"]), float(t))
        a = round(rng.uniform(4, 28), 1)
        return Value(rng.choice([f"{a} days", f"{a}"]), a)
    if kind == "score":
        x = round(rng.uniform(6.5, 8.5), 1 if target else 2)
        return Value(f"{x}", x)
    if kind == "money_k":
        x = rng.randint(300, 900) if target else round(rng.uniform(250, 950), 1)
        return Value(f"£{x}K", x * 1000)
    if kind == "money_m":
        x = round(rng.uniform(1, 9), 2)
        text = f"£{x:.2f}{'M' if target else 'm'}"
        return Value(text, round(x * 1e6, 2))
    x = rng.randint(3, 80)
    return Value(str(x), float(x))


def _merged_column(rows: list[list[str]], col: int, offset: int, vertical: bool) -> list[SpanSpec]:
    """Spans merging runs of rows that share a value in ``col``; the text stays in the first."""
    spans = []
    start = 0
    for _key, run in groupby(range(len(rows)), key=lambda r: rows[r][col]):
        run = list(run)
        if len(run) > 1:
            spans.append(SpanSpec(offset + run[0], col, len(run), 1, vertical))
            for r in run[1:]:
                rows[r][col] = ""
        start += len(run)
    return spans


# ---------------------------------------------------------------- KPI tables


def exception_table(
    rng: random.Random,
    indicators: Sequence[tuple[str, str, str, str]],
    council: Council | None,
    year: str,
    quarter: int,
    rag_column: bool,
    vertical: bool,
    arrows: bool = True,
) -> TableSpec:
    """One row per indicator: directorate (merged down), service area, KPI, target, actual, DoT/RAG.

    Direction of travel is an arrow, or a word ("Up", "Same") without ``arrows``.
    """
    marks = DIRECTIONS if arrows else DIRECTION_WORDS
    if rag_column:
        header = [
            "Directorate",
            "Service Area",
            "KPI",
            "Target",
            f"Q{quarter} {year}",
            "RAG",
            "Direction of Travel",
        ]
        widths = [1.1, 1.2, 3.2, 0.9, 0.9, 0.6, 0.9]
    else:
        header = ["Directorate", "Service Area", "Indicator", f"{year} Target", f"Quarter {quarter}", "DoT"]
        widths = [1.1, 1.2, 3.6, 1.0, 1.0, 0.7]
    rows, facts = [], []
    for directorate, area, indicator, kind in sorted(indicators, key=lambda i: i[0]):
        target, actual = kpi_value(kind, rng, True), kpi_value(kind, rng, False)
        arrow = rng.choice(list(marks))
        rag = rng.choice(["G", "A", "R"]) if rag_column else None
        row = [directorate, area, indicator, target.text, actual.text]
        row += [rag, arrow] if rag_column else [arrow]
        rows.append(row)
        facts.append(
            KpiFact(
                council.name if council else None,
                directorate,
                area,
                indicator,
                f"{year} Q{quarter}",
                target,
                actual,
                marks[arrow],
                RAG_WORDS[rag] if rag else "green",
            )
        )
    spans = _merged_column(rows, 0, 1, vertical)
    return TableSpec("kpi_exception", [header], rows, widths, spans, kpis=facts)


def council_columns_table(
    rng: random.Random,
    indicators: Sequence[tuple[str, str, str, str]],
    councils: Sequence[Council],
    year: str,
    quarter: int,
) -> TableSpec:
    """One row per indicator with an actual column per council ("RBK Q2"), directorates merged down."""
    header = [
        "Directorate",
        "Service Area",
        "Indicator",
        f"{year} Target",
        *(f"{c.abbr} Q{quarter}" for c in councils),
    ]
    rows, facts = [], []
    for directorate, area, indicator, kind in sorted(indicators, key=lambda i: i[0]):
        target = kpi_value(kind, rng, True)
        actuals = [kpi_value(kind, rng, False) for _ in councils]
        rows.append([directorate, area, indicator, target.text, *(a.text for a in actuals)])
        facts += [
            KpiFact(c.name, directorate, area, indicator, f"{year} Q{quarter}", target, a)
            for c, a in zip(councils, actuals, strict=True)
        ]
    spans = _merged_column(rows, 0, 1, False)
    widths = [1.1, 1.2, 3.4, 1.0, *([0.9] * len(councils))]
    return TableSpec("kpi_exception", [header], rows, widths, spans, kpis=facts)


def block_tables(
    rng: random.Random,
    indicator: str,
    kind: str,
    directorate: str,
    councils: Sequence[Council],
    year: str,
    quarter: int,
    label_form: str,
    months: bool,
    row_labels: tuple[str, str] = ("Outturn", "Target"),
) -> tuple[TableSpec, TableSpec]:
    """A per-indicator Outturn/Target/RAG/DoT block and its monthly (or quarterly) series.

    ``row_labels`` name the actual and target rows ("Outturn"/"Target", "Actual"/"Threshold").
    """
    first = int(year[:4])
    previous = f"{first - 1}/{str(first)[2:]}"
    labels = {
        "abbr_year": lambda c: f"{c.abbr} {year} Q{quarter}",
        "abbr": lambda c: f"{c.abbr} Q{quarter}",
        "name": lambda c: f"{c.name} Q{quarter}",
    }[label_form]
    header = ["", previous, *(labels(c) for c in councils)]
    outturn = [row_labels[0], kpi_value(kind, rng, False).text]
    target_row = [row_labels[1], kpi_value(kind, rng, True).text]
    rag_row, dot_row = ["RAG", ""], ["DoT", ""]
    facts = []
    for c in councils:
        target, actual = kpi_value(kind, rng, True), kpi_value(kind, rng, False)
        rag = rng.choice(["G", "A", "R", "Green", "Red", ""])
        arrow = rng.choice(list(DIRECTIONS))
        outturn.append(actual.text)
        target_row.append(target.text)
        rag_row.append(rag)
        dot_row.append(arrow)
        facts.append(
            KpiFact(
                c.name,
                directorate,
                None,
                indicator,
                f"{year} Q{quarter}",
                target,
                actual,
                DIRECTIONS[arrow],
                RAG_WORDS.get(rag),
            )
        )
    block = TableSpec(
        "kpi_block", [header], [outturn, target_row, rag_row, dot_row], [1.4] + [1] * (len(header) - 1)
    )
    block.kpis = facts

    if months:
        periods = [f"{m}-{str(first + (k >= 9))[2:]}" for k, m in enumerate(MONTHS)]
        reported = 3 * quarter
    else:
        periods = [f"Quarter {q}" for q in range(1, 5)]
        reported = quarter
    series_rows, points = [], []
    for c in councils:
        values = [_series_value(kind, rng) if k < reported else Value("-") for k in range(len(periods))]
        series_rows.append([c.name, *(v.text for v in values)])
        points += [SeriesFact(indicator, c.name, p, v) for p, v in zip(periods, values, strict=True)]
    goal = _series_value(kind, rng)
    series_rows.append(["Target", *([goal.text] * len(periods))])
    points += [SeriesFact(indicator, "Target", p, goal) for p in periods]
    series = TableSpec("kpi_series", [["", *periods]], series_rows, [1.4] + [1] * len(periods))
    series.series = points
    return block, series


def _series_value(kind: str, rng: random.Random) -> Value:
    if kind == "pct":
        text = f"{rng.uniform(70, 100):.1f}%"
        return Value(text, _number(text[:-1]))
    x = rng.randint(5, 40)
    return Value(str(x), float(x))


def target_table(
    rng: random.Random,
    indicators: Sequence[tuple[str, str, str, str]],
    year: str,
    only: dict[str, Council],
    vertical: bool,
    with_service: bool = True,
) -> TableSpec:
    """A KPI target list: Service (merged down), Service Area, KPI and the year's target.

    ``only`` maps indicators printed with "(RBK only)" to the council they apply to; without
    ``with_service`` the list is just KPI and target.
    """
    rows, facts = [], []
    for directorate, area, indicator, kind in sorted(indicators, key=lambda i: i[0]):
        target = kpi_value(kind, rng, True)
        council = only.get(indicator)
        printed = f"{indicator} ({council.abbr} only)" if council else indicator
        rows.append([directorate, area, printed, target.text] if with_service else [printed, target.text])
        facts.append(
            KpiFact(
                council.name if council else None,
                directorate if with_service else None,
                area if with_service else None,
                printed,
                year,
                target,
                None,
            )
        )
    if not with_service:
        return TableSpec("kpi_targets", [["KPI", f"{year} Target"]], rows, [4.0, 1.2], kpis=facts)
    spans = _merged_column(rows, 0, 1, vertical)
    header = [["Service", "Service Area", "KPI", f"{year} Target"]]
    return TableSpec("kpi_targets", header, rows, [1.1, 1.3, 3.6, 1.0], spans, kpis=facts)


# ---------------------------------------------------------------- money


def _pounds(value: int, minus: bool = False) -> str:
    if value < 0:
        return f"-{abs(value):,}" if minus else f"({abs(value):,})"
    return "-" if value == 0 else f"{value:,}"


def financial_table(
    rng: random.Random,
    form: str,
    councils: Sequence[Council] = (),
    labels: Sequence[str] = (),
    minus: bool = False,
    thousands: str = "£000",
) -> TableSpec:
    """A money table in one of the forms papers use, with a Total row where the form has one.

    Forms: "k_services" (``thousands`` columns: "£000", "£'000"), "m_councils" ((£m) column per council),
    "pounds_reserve" (whole pounds per council), "cell_units" (a unit in each cell).
    """
    if form == "cell_units":
        header = ["Scheme", "Approved budget", "Spend to date", "Forecast outturn"]
        rows, money = [], []
        for scheme in (
            "Depot refurbishment",
            "Vehicle replacement",
            "Digital customer portal",
            "Town centre works",
        ):
            cells = []
            for col in header[1:]:
                if rng.random() < 0.5:
                    x = round(rng.uniform(0.2, 4.5), 3)
                    raw, value, unit = f"£{x:.3f}m", x, "£m"
                else:
                    x = rng.randint(60, 950)
                    raw, value, unit = f"£{x}k", float(x), "£k"
                cells.append(raw)
                money.append(MoneyFact(scheme, col, raw, value, unit))
            rows.append([scheme, *cells])
        return TableSpec("financial", [header], rows, [2.2, 1, 1, 1], money=money)

    if form == "m_councils":
        cols = [f"{c.name} (£m)" for c in councils] + ["Total (£m)"]
        labels, unit, scale = ["Shared", "Non-shared"], "£m", 1000
    elif form == "pounds_reserve":
        cols = [f"{c.name} £" for c in councils] + ["Total £"]
        labels, unit, scale = (
            ["Opening balance", "Planned use of reserve", "Contribution from underspend"],
            "£",
            1,
        )
    else:
        cols = [f"Budget {thousands}", f"Forecast {thousands}", f"Variance {thousands}"]
        labels, unit, scale = list(labels), "£k", 1
    rows: list[list[int]] = []
    for _label in labels:
        if form == "k_services":
            budget = rng.randint(400, 9000)
            variance = rng.choice([0, rng.randint(-250, 250)])
            rows.append([budget, budget + variance, variance])
        else:
            parts = [rng.randint(-400, 900) * (1 if form == "m_councils" else 137) for _ in councils]
            rows.append([*parts, sum(parts)])
    totals = [sum(r[k] for r in rows) for k in range(len(cols))]
    all_rows: list[tuple[str, list[int]]] = [*zip(labels, rows, strict=True), ("Total", totals)]
    grid, money = [], []
    for label, values in all_rows:
        cells = []
        for col, v in zip(cols, values, strict=True):
            if form == "m_councils":
                raw = f"({abs(v) / scale:.3f})" if v < 0 else f"{v / scale:.3f}"
                value = round(v / scale, 3)
            else:
                raw = _pounds(v, minus)
                value = float(v)
            cells.append(raw)
            if raw != "-":
                money.append(MoneyFact(label, col, raw, value, unit))
        grid.append([label, *cells])
    first = "Service" if form == "k_services" else ""
    return TableSpec("financial", [[first, *cols]], grid, [2.2] + [1] * len(cols), money=money)


# ---------------------------------------------------------------- action plans

ACTION_HEADERS = {
    "classic": ["Ref", "Lead", "Action", "Outcome", "Due date", "RAG", "Progress update", "Next steps"],
    "owner": [
        "Action ref",
        "Owner",
        "Key actions",
        "Expected outcome",
        "Target date",
        "Status",
        "Progress to date",
        "Next actions",
    ],
    "reordered": [
        "No.",
        "Action",
        "Responsible officer",
        "Target date",
        "Status",
        "Progress",
        "Outcome",
        "Next steps",
    ],
}
_FIELDS = {
    "classic": ["ref", "partner", "delivery", "outcome", "target_date", "status", "progress", "next_steps"],
    "owner": ["ref", "partner", "delivery", "outcome", "target_date", "status", "progress", "next_steps"],
    "reordered": ["ref", "delivery", "partner", "target_date", "status", "progress", "outcome", "next_steps"],
}
_WIDTHS = {
    "ref": 0.6,
    "partner": 0.8,
    "delivery": 2.2,
    "outcome": 2.0,
    "target_date": 0.9,
    "status": 0.55,
    "progress": 2.4,
    "next_steps": 1.9,
}


def action_table(
    rng: random.Random,
    service: str,
    refs: Sequence[str],
    partners: Sequence[str],
    variant: str,
    words: bool,
    theme: str | None = None,
) -> TableSpec:
    """An action-plan table; a theme row spanning every column may open it."""
    fields = _FIELDS[variant]
    rows: list[list[str]] = []
    spans: list[SpanSpec] = []
    if theme:
        rows.append([theme] + [""] * (len(fields) - 1))
        spans.append(SpanSpec(1, 0, 1, len(fields)))
    facts = []
    for ref in refs:
        letter = rng.choice("GGAR")
        values = {
            "ref": ref,
            "partner": rng.choice(partners),
            "delivery": rng.choice(ACTION_TEXT) + ".",
            "outcome": rng.choice(OUTCOME_TEXT) + ".",
            "target_date": rng.choice(["31 March 2021", "December 2020", "Q4 2020/21", "Ongoing"]),
            "status": {"G": "Green", "A": "Amber", "R": "Red"}[letter] if words else letter,
            "progress": " ".join(rng.sample(PROGRESS_TEXT, 2)),
            "next_steps": rng.choice(NEXT_TEXT),
        }
        rows.append([values[f] for f in fields])
        facts.append(
            ActionFact(
                ref,
                values["partner"],
                values["delivery"],
                values["outcome"],
                values["target_date"],
                RAG_WORDS[letter],
                values["progress"],
                values["next_steps"],
                service,
            )
        )
    widths = [_WIDTHS[f] for f in fields]
    return TableSpec("action_plan", [ACTION_HEADERS[variant]], rows, widths, spans, actions=facts)
