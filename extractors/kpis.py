"""KPI records and KPI series points from the tables of a performance report.

Four forms of KPI table give :class:`Kpi` records:

* exception tables and target lists: one row per indicator, with directorate / service
  area / KPI / target / actual / direction-of-travel columns in any order (merged
  directorate and service-area cells are filled down, a row naming a group heads the rows
  below it, a row split in two is joined, a "Council" column names each row's council);
  each actual column is read against the target
  of its own quarter or council, an "Actual" column of a table headed "Quarter 3" reports
  that quarter, and last year's outturn printed for comparison gives no record;
* per-indicator blocks: Outturn / Target / RAG / DoT rows against period columns such as
  "2018/19", "LBH 2019/20 Q1" or "LBN Q1", of which only the current year's reporting
  periods give records;
* KPI tiles: "97.10% LBH Council Tax collection rate Target 96.75%".

The monthly or quarterly tables that follow a per-indicator block give
:class:`KpiSeriesPoint` records, one per cell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.base import Extractor, Source
from extractors.councils import Council, council_in_brackets, council_prefix, councils_in
from extractors.dates import parse_date
from extractors.table_kinds import (
    TILE,
    block_rows,
    cell,
    cell_fill,
    cell_location,
    column_labels,
    generic_suffix,
    kpi_roles,
    merge_continuation_rows,
    read_table,
    row_location,
    starts_with_figure,
    strip_suffix,
    tile_texts,
)
from extractors.values import (
    comparator,
    fiscal_year,
    fiscal_year_of_month,
    is_not_reported,
    is_period_label,
    kpi_number,
    kpi_unit,
    leading_rag,
    month_label,
    parse_direction,
    parse_rag,
    quarter,
    rag_of_colour,
    stated_rag,
)
from schemas.records import BBox, Direction, Kpi, KpiSeriesPoint, Rag, Table

EXTRACTOR = Extractor("kpis", __name__)

_ROW_FORMS = {"kpi_exception", "kpi_targets"}


def extract_kpis(
    tables: Sequence[Table],
    councils: Sequence[Council],
    source: Source,
    *,
    year_hint: str | None = None,
) -> tuple[list[Kpi], list[KpiSeriesPoint]]:
    """KPI records and series points from a document's tables.

    Args:
        tables: the document's tables in reading order (a series table is read as the
            series of the per-indicator block it follows).
        councils: the councils the document names (:func:`extractors.councils.find_councils`).
        source: the PDF the tables come from.
        year_hint: the financial year the document reports on ("2019/20"), used for period
            columns printed without a year ("LBH Q1") when no table of the document states it.

    Returns:
        The KPI records and the KPI series points, in table order.
    """
    kinds = [(t, kind) for kind, t in map(read_table, tables)]
    year = _reporting_year(kinds, _own_year(kinds, year_hint))
    blocks = [t for t, kind in kinds if kind == "kpi_block"]
    suffix = generic_suffix([path[-2] for t in blocks if len(path := _heading_path(t)) >= 3])
    kpis: list[Kpi] = []
    series: list[KpiSeriesPoint] = []
    block_indicator: str | None = None
    previous = None
    for table, kind in kinds:
        if kind in _ROW_FORMS:
            kpis.extend(_row_form(table, councils, source, year))
        elif kind == "kpi_block":
            block_indicator = _indicator_heading(table)
            kpis.extend(_block(table, councils, source, year, suffix))
        elif kind == "kpi_tiles":
            kpis.extend(_tiles(table, councils, source, year))
        elif kind == "kpi_series":
            # A series right after a block is that indicator's history, whatever heading sits between.
            own = _indicator_heading(table)
            indicator = block_indicator if previous == "kpi_block" else own or block_indicator
            series.extend(_series(table, source, indicator))
        previous = kind
    return kpis, series


# ---------------------------------------------------------------- shared


def _heading_path(table: Table) -> list[str]:
    """The headings above a table, outermost first, ending with its nearest heading."""
    path = list(table.headings)
    if table.section_title and (not path or path[-1] != table.section_title):
        path.append(table.section_title)
    return path


def _indicator_heading(table: Table) -> str | None:
    return table.section_title or (table.headings[-1] if table.headings else None)


def _reporting_year(kinds: Sequence[tuple[Table, str]], own: str | None) -> str | None:
    """The year the document reports on: the latest financial year KPI column headings name,
    else a tile's, else the series months'; never one after the document's ``own`` year (a
    column of limits or plans for the years ahead reports nothing yet), which stands in when
    the tables name none."""
    years = [
        y
        for t, kind in kinds
        if kind in {"kpi_exception", "kpi_targets", "kpi_block"}
        for label in column_labels(t)
        if (y := _column_year(label))
    ]
    if not years:
        years = [
            y
            for t, kind in kinds
            if kind == "kpi_tiles"
            for row in t.rows
            for c in row
            if (y := fiscal_year(c))
        ]
    if not years:
        for t, kind in kinds:
            months = [m for label in column_labels(t) if kind == "kpi_series" and (m := month_label(label))]
            years += [fiscal_year_of_month(m, y) for m, y in months[:1] if y]
    years = [y for y in years if own is None or y <= own]
    return max(years) if years else own


def _own_year(kinds: Sequence[tuple[Table, str]], hint: str | None) -> str | None:
    """The latest financial year the document says it reports on: its meeting's (``hint``), one
    a heading over its KPI tables names ("Quarter 3 2024/25"), or the year of a date its KPI
    column headings print ("Actual 30/09/2024")."""
    tables = [t for t, kind in kinds if kind in {*_ROW_FORMS, "kpi_block", "kpi_tiles"}]
    named = [y for t in tables for heading in _heading_path(t) if (y := fiscal_year(heading))]
    days = [d for t in tables for label in column_labels(t) if (d := parse_date(label))]
    dated = [fiscal_year_of_month(d.month, d.year) for d in days]
    return max([y for y in (hint, *named, *dated) if y], default=None)


def _column_year(label: str) -> str | None:
    """The financial year a column heading names, or the one of the date it names ("Actual
    30/09/2024" reports 2024/25)."""
    if y := fiscal_year(label):
        return y
    day = parse_date(label)
    return fiscal_year_of_month(day.month, day.year) if day else None


def _heading_council(table: Table, councils: Sequence[Council]) -> Council | None:
    """The council the nearest heading naming any council names, if it names only one."""
    for heading in reversed(_heading_path(table)):
        found = councils_in(heading, councils)
        if found:
            return found[0] if len(found) == 1 else None
    return None


def _without_councils(label: str, councils: Sequence[Council]) -> str:
    """A column heading without its council names and abbreviations ("LBH 2019/20 Q1" -> "2019/20 Q1")."""
    return " ".join(w for w in label.split() if not councils_in(w, councils))


def _label_council(label: str, councils: Sequence[Council]) -> Council | None:
    found = councils_in(label, councils)
    return found[0] if len(found) == 1 else None


def _kpi(
    source: Source,
    where: tuple[int, BBox | None],
    table: Table,
    *,
    council: Council | None,
    indicator: str,
    period: str | None,
    target: str | None,
    actual: str | None,
    directorate: str | None = None,
    service_area: str | None = None,
    direction: Direction | None = None,
    rag: Rag | None = None,
) -> Kpi:
    target = target or None
    actual = actual or None
    return Kpi(
        prov=source.prov(EXTRACTOR, *where),
        council=council.name if council else None,
        directorate=directorate or None,
        service_area=service_area or None,
        indicator=indicator,
        period=period,
        target=target,
        actual=actual,
        target_value=kpi_number(target),
        actual_value=kpi_number(actual),
        target_comparator=comparator(target),
        actual_comparator=comparator(actual),
        unit=kpi_unit(indicator, [target, actual]),
        direction=direction,
        rag=rag,
        source_table=table.id,
    )


def _period(label: str, year: str | None, fallback_year: str | None) -> str | None:
    """A column's reporting period: "2019/20 Q1" from "LBH 2019/20 Q1" or "Quarter 1" and the year."""
    y = _column_year(label) or year or fallback_year
    q = quarter(label)
    if q:
        return f"{y} {q}" if y else q
    if month_label(label):
        return label
    return y


def _heading_quarter(table: Table) -> tuple[str | None, str | None]:
    """The quarter the nearest heading naming one reports ("Q3"), and the year it names."""
    for heading in reversed(_heading_path(table)):
        if q := quarter(heading):
            return q, fiscal_year(heading)
    return None, None


def _status(texts: Sequence[str]) -> tuple[Direction | None, Rag | None]:
    direction = next((d for t in texts if (d := parse_direction(t))), None)
    rag = next((r for t in texts if (r := parse_rag(t) or leading_rag(t))), None)
    return direction, rag


# ---------------------------------------------------------------- exception tables and target lists


def _target_column(
    actual: int, targets: Sequence[int], labels: Sequence[str], councils: Sequence[Council]
) -> int | None:
    """The target column an actual column is read against.

    Targets headed by quarters ("Quarter 2 | Quarter 3" over "Target | Actual") or by
    councils ("NCC Target | NCC Actual") go with the actual of the same quarter or council;
    among the rest, the first of the actual's year or of no year.
    """
    pool = list(targets)
    for mark in (quarter, lambda label: _label_council(label, councils)):
        marked = [t for t in pool if mark(labels[t])]
        if marked:
            pool = [t for t in marked if mark(labels[t]) == mark(labels[actual])]
    year = fiscal_year(labels[actual])
    return next((t for t in pool if fiscal_year(labels[t]) in {year, None}), pool[0] if pool else None)


# A name that ends on a joining word or a hyphen goes on in the next row.
_RUNS_ON = re.compile(
    r"(?:[-–,/(]|\b(?:of|and|the|to|in|for|within|per|by|with|from|on|a|an|or|at|as))\s*$", re.I
)


def _row_form(table: Table, councils: Sequence[Council], source: Source, year: str | None) -> list[Kpi]:
    labels = column_labels(table)
    roles = kpi_roles(table)
    assigned = {c for cols in roles.values() for c in cols}
    # A column headed by a council ("Havering", "LBH Q1") holds that council's actual.
    for col, label in enumerate(labels):
        rest = _without_councils(label, councils)
        if col not in assigned and rest != label and (not rest or is_period_label(rest)):
            roles.setdefault("actual", []).append(col)
    ind_col = roles["indicator"][0]
    dir_col = roles.get("directorate", [None])[0]
    council_col = roles.get("council", [None])[0]
    area_col = roles.get("service_area", [None])[0]
    targets, actuals, statuses = roles.get("target", []), roles.get("actual", []), roles.get("status", [])
    value_cols = [*targets, *actuals, *statuses]

    # One (target column, actual column, period, council) per figure a row reports.
    pairs: list[tuple[int | None, int | None, str | None, Council | None]] = []
    h_quarter, h_year = _heading_quarter(table)
    for a in actuals:
        a_year = fiscal_year(labels[a])
        t = _target_column(a, targets, labels, councils)
        t_year = fiscal_year(labels[t]) if t is not None else None
        period = _period(labels[a], a_year or t_year or h_year, year)
        # An "Actual" column of a table headed "Quarter 3 2024/25" reports that quarter.
        if h_quarter and not (quarter(labels[a]) or month_label(labels[a])):
            period = f"{period} {h_quarter}" if period else h_quarter
        pairs.append((t, a, period, _label_council(labels[a], councils)))
    # As in per-indicator blocks, last year's outturn printed beside this year's figures is there
    # for comparison: only the columns of the latest year give records, and never a year after
    # the one the document reports on (limits or plans for the years ahead).
    years = [fiscal_year(period or "") for _t, _a, period, _c in pairs]
    latest = max((y for y in years if y and (year is None or y <= year)), default=None)
    pairs = [pair for pair, y in zip(pairs, years, strict=True) if y in {latest, None}]
    if not actuals:
        pairs = [
            (t, None, fiscal_year(labels[t]) or year, _label_council(labels[t], councils)) for t in targets
        ]

    spans = {(s.row, s.col): s for s in table.spans}
    offset = len(table.header)

    def is_group(index: int, row: Sequence[str]) -> bool:
        texts = [c for c in range(len(row)) if cell(row, c)]
        span = spans.get((offset + index, texts[0])) if texts else None
        if len(texts) != 1:
            return False
        return (span is not None and span.colspan > 1) or (texts == [0] == [ind_col] and heads_group(index))

    def heads_group(index: int) -> bool:
        """A first-column row without figures that names the group below, in a table printed
        without rules: capitalised, first or after a name that reads complete on the same page,
        and followed by an indicator with figures. A name broken over two rows runs on instead."""
        name = cell(table.rows[index], ind_col)
        after = table.rows[index + 1 : index + 2]
        if not (name[:1].isupper() and after and cell(after[0], ind_col)):
            return False
        if index:
            pages = table.row_pages
            if len(pages) > offset + index and pages[offset + index] != pages[offset + index - 1]:
                return False
            if _RUNS_ON.search(cell(table.rows[index - 1], ind_col)):
                return False
        return any(cell(after[0], c) for c in value_cols)

    def continues(index: int, row: Sequence[str]) -> bool:
        if cell(row, dir_col) or cell(row, area_col) or cell(row, council_col) or is_group(index, row):
            return False
        indicator, values = cell(row, ind_col), [cell(row, c) for c in value_cols if cell(row, c)]
        # A name running on starts in lower case, and its row holds no figure of its own.
        running_on = indicator[:1].islower() and not any(starts_with_figure(v) for v in values)
        return not indicator or not values or running_on

    heading_council = _heading_council(table, councils)
    table_rag = stated_rag(table.preamble)
    records: list[Kpi] = []
    directorate = area = indicator = None
    for index, row in merge_continuation_rows(table.rows, continues):
        if is_group(index, row):
            directorate, area = next(cell(row, c) for c in range(len(row)) if cell(row, c)), None
            continue
        if cell(row, dir_col):
            directorate, area = cell(row, dir_col), None
        if cell(row, area_col):
            area = cell(row, area_col)
        # Rows of one indicator's councils print its name once, on the first.
        indicator = cell(row, ind_col) or (indicator if cell(row, council_col) else None)
        if not indicator:
            continue
        direction, rag = _status([cell(row, c) for c in statuses])
        # A status shown only by the colour of its cell.
        colours = [rag_of_colour(cell_fill(table, offset + index, c)) for c in statuses]
        rag = rag or next((r for r in colours if r), None)
        named = (
            _label_council(cell(row, council_col), councils)
            or council_in_brackets(area or "", councils)
            or council_in_brackets(indicator, councils)
        )
        where = row_location(table, offset + index)
        for t, a, period, column_council in pairs:
            records.append(
                _kpi(
                    source,
                    where,
                    table,
                    council=column_council or named or heading_council,
                    indicator=indicator,
                    period=period,
                    target=cell(row, t),
                    actual=cell(row, a),
                    directorate=directorate,
                    service_area=area,
                    direction=direction,
                    rag=rag or table_rag,
                )
            )
    return records


# ---------------------------------------------------------------- per-indicator blocks


def _current_columns(labels: Sequence[str], councils: Sequence[Council]) -> list[int]:
    """Columns reporting a period of the current year: the latest year's quarters or months.

    Headings name a council, a year and a period in any mix ("LBH 2019/20 Q1", "LBN Q1",
    "2018/19 Annual"). Columns naming a quarter or month win over whole-year columns (the
    previous year's outturn); among them, those of the latest year printed, or of no year.
    """
    periods: dict[int, str] = {}
    for col, label in enumerate(labels):
        if col == 0:
            continue
        rest = _without_councils(label, councils)
        if is_period_label(rest):
            periods[col] = rest
    if not periods:
        # Columns headed by a council alone ("Havering", "LBN") report the current year.
        return [c for c, label in enumerate(labels) if c and label and not _without_councils(label, councils)]
    marked = {c: p for c, p in periods.items() if quarter(p) or month_label(p)}
    pool = marked or periods
    years = [y for p in pool.values() if (y := fiscal_year(p))]
    latest = max(years) if years else None
    return [c for c, p in pool.items() if fiscal_year(p) in {latest, None} and (marked or fiscal_year(p))]


def _block(
    table: Table, councils: Sequence[Council], source: Source, year: str | None, suffix: tuple[str, ...]
) -> list[Kpi]:
    indicator = _indicator_heading(table)
    if not indicator:
        return []
    labels = column_labels(table)
    # A label-less row is the rest of the row above, split where a cell ran over two lines.
    merged = merge_continuation_rows(table.rows, lambda _i, row: not cell(row, 0))
    grid = [cells for _i, cells in merged]
    rows = block_rows(grid)
    current = _current_columns(labels, councils)
    # A "2019/20 RAG" column holds the RAG of the year's figures rather than a period of its own.
    status_cols = [
        c for c, label in enumerate(labels) if c and re.search(r"\b(?:rag|dot|status)\b", label, re.I)
    ]
    column_rag = next(
        (r for c in status_cols for row in grid if (r := parse_rag(cell(row, c)))),
        None,
    )
    path = _heading_path(table)
    directorate = strip_suffix(path[-2], suffix) if len(path) >= 3 else None
    named = council_in_brackets(indicator, councils) or _heading_council(table, councils)
    table_rag = stated_rag(table.preamble)
    offset = len(table.header)

    def at(role: str, col: int) -> str:
        return cell(grid[rows[role]], col) if role in rows else ""

    def colour(role: str, col: int) -> Rag | None:
        """The RAG a row's cell shows only by its colour."""
        return rag_of_colour(cell_fill(table, offset + merged[rows[role]][0], col)) if role in rows else None

    records = []
    for col in current:
        actual_row = merged[rows.get("actual", rows.get("target", 0))][0]
        records.append(
            _kpi(
                source,
                cell_location(table, offset + actual_row, col),
                table,
                council=_label_council(labels[col], councils) or named,
                indicator=indicator,
                period=_period(labels[col], None, year),
                target=at("target", col),
                actual=at("actual", col),
                directorate=directorate,
                direction=parse_direction(at("direction", col)),
                rag=parse_rag(at("rag", col)) or colour("rag", col) or column_rag or table_rag,
            )
        )
    return records


# ---------------------------------------------------------------- tiles

_TILE_TARGET = re.compile(r"\btarget\s*:?\s*(?P<target>\S.*?)\s*$", re.I)


def _tiles(table: Table, councils: Sequence[Council], source: Source, year: str | None) -> list[Kpi]:
    """One record per tile: its figure, then an optional council abbreviation, the name and "Target: x"."""
    tiles = tile_texts(table)
    texts = [text for _r, _c, text in tiles]
    table_year = next((y for t in [*texts, *_heading_path(table)] if (y := fiscal_year(t))), None) or year
    records = []
    for r, c, text in tiles:
        m = TILE.match(text)
        if not m:
            continue
        rest, target = m.group("rest"), None
        t = _TILE_TARGET.search(rest)
        if t and TILE.match(f"{t.group('target')} x") is not None:
            rest, target = rest[: t.start()].strip(), t.group("target")
        council, indicator = council_prefix(rest, councils)
        if not indicator:
            continue
        records.append(
            _kpi(
                source,
                cell_location(table, len(table.header) + r, c),
                table,
                council=council,
                indicator=indicator,
                period=fiscal_year(text) or table_year,
                target=target,
                actual=m.group("figure").strip(),
            )
        )
    return records


# ---------------------------------------------------------------- series


def _series(table: Table, source: Source, indicator: str | None) -> list[KpiSeriesPoint]:
    """Every cell of a monthly or quarterly table: series = row label, period = column heading."""
    if not indicator:
        return []
    labels = column_labels(table)
    offset = len(table.header)
    points = []
    for r, row in enumerate(table.rows):
        series = cell(row, 0)
        if not series:
            continue
        for c in range(1, len(labels)):
            if not labels[c]:
                continue
            value = cell(row, c)
            page, bbox = cell_location(table, offset + r, c)
            points.append(
                KpiSeriesPoint(
                    prov=source.prov(EXTRACTOR, page, bbox),
                    indicator=indicator,
                    series=series,
                    period_label=labels[c],
                    value=value,
                    value_number=None if is_not_reported(value) else kpi_number(value),
                    source_table=table.id,
                )
            )
    return points
