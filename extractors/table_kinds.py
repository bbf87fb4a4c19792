"""What a table holds, told from its content: its kind and what its columns mean.

A table's kind is decided by what its cells say, never by its title: money cells and
"(£'m)" headers make a financial table, a header naming a reference, a delivery and a
status makes an action plan, "Outturn" and "Target" row labels make a per-indicator
KPI block, and so on. The column vocabularies here are shared by the record extractors
(``kpis``, ``actions``, ``financial``), which read the same columns the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from extractors.values import (
    has_money_sign,
    is_not_reported,
    is_period_label,
    kpi_number,
    money_unit_in,
    parse_direction,
    parse_money,
    parse_rag,
)
from schemas.records import BBox, MoneyUnit, Table

TableKind = str
"""One of "financial", "action_plan", "rag_summary", "kpi_exception", "kpi_block", "kpi_series",
"kpi_summary", "kpi_targets", "kpi_tiles", "volumetric", "survey", "legend", "other"."""

# ---------------------------------------------------------------- grid access


def column_labels(table: Table) -> list[str]:
    """Each column's heading: the texts of its header rows, top to bottom, merged cells spread."""
    width = max((len(r) for r in table.grid), default=0)
    parts: list[list[str]] = [[] for _ in range(width)]
    spans = {(s.row, s.col): s.colspan for s in table.spans}
    for r, row in enumerate(table.header):
        for c, cell in enumerate(row):
            text = cell.strip()
            if not text:
                continue
            for cc in range(c, min(width, c + spans.get((r, c), 1))):
                if not parts[cc] or parts[cc][-1] != text:
                    parts[cc].append(text)
    return [" ".join(p) for p in parts]


def row_location(table: Table, index: int) -> tuple[int, BBox | None]:
    """Page and box of row ``index`` of header+rows (the page the row starts on)."""
    page = table.row_pages[index] if index < len(table.row_pages) else table.pdf_page
    boxes = [b for b in (table.cell_bboxes[index] if index < len(table.cell_bboxes) else []) if b]
    if not boxes:
        return page, None
    return page, (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def cell_location(table: Table, index: int, col: int) -> tuple[int, BBox | None]:
    """Page and box of one cell of header+rows."""
    page = table.row_pages[index] if index < len(table.row_pages) else table.pdf_page
    row = table.cell_bboxes[index] if index < len(table.cell_bboxes) else []
    return page, row[col] if col < len(row) else None


def cell_fill(table: Table, index: int, col: int | None) -> str | None:
    """Background colour of one cell of header+rows, None where it is not filled."""
    fills = table.cell_fills[index] if index < len(table.cell_fills) else []
    return fills[col] if col is not None and col < len(fills) else None


def cell(row: Sequence[str], col: int | None) -> str:
    """A row's cell text, "" when the column is absent or the row is short."""
    if col is None or col >= len(row):
        return ""
    return re.sub(r"\s+", " ", row[col]).strip()


def merge_continuation_rows(
    rows: Sequence[Sequence[str]], continues: Callable[[int, Sequence[str]], bool]
) -> list[tuple[int, list[str]]]:
    """Rows with their continuations joined: (index of the first row, cells).

    A row split by a page break or an unruled layout arrives as a row followed by one
    that ``continues`` it (an action with an empty reference, an indicator whose name runs
    on); each of its cells is appended to the cell above.
    """
    merged: list[tuple[int, list[str]]] = []
    for index, row in enumerate(rows):
        texts = [cell(row, c) for c in range(len(row))]
        if merged and any(texts) and continues(index, row):
            base = merged[-1][1]
            base.extend([""] * (len(texts) - len(base)))
            for c, text in enumerate(texts):
                if text:
                    base[c] = f"{base[c]} {text}".strip()
        elif any(texts):
            merged.append((index, texts))
    return merged


# ---------------------------------------------------------------- column vocabularies

ACTION_FIELDS = ("ref", "partner", "delivery", "outcome", "target_date", "status", "progress", "next_steps")

# Checked in order; a column takes the first field whose pattern its heading matches.
_ACTION_HEADINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "next_steps",
        re.compile(r"\bnext\s+(?:steps?|actions?)\b|\bfurther\s+actions?\b|\bactions?\s+planned\b", re.I),
    ),
    # "Ref", "No.", and a heading ending in its number: "Action No.", "Item number".
    ("ref", re.compile(r"\bref(?:erence)?\b\.?|^(?:#|id|item)$|(?:^|\s)(?:no\.?|number)$", re.I)),
    ("status", re.compile(r"\b(?:status|rag)\b", re.I)),
    ("target_date", re.compile(r"\b(?:date|deadline|timescales?|due|by\s+when|completion)\b", re.I)),
    ("progress", re.compile(r"\b(?:progress|update|comments?|commentary)\b", re.I)),
    (
        "outcome",
        re.compile(r"\b(?:outcomes?|success\s+measures?|benefits?|impact|expected\s+results?)\b", re.I),
    ),
    ("partner", re.compile(r"\b(?:partners?|council|borough|organisations?|lead|owner|responsible)\b", re.I)),
    (
        "delivery",
        re.compile(
            r"\b(?:delivery|actions?|objectives?|descriptions?|tasks?|activit(?:y|ies)|milestones?)\b", re.I
        ),
    ),
)


# A heading word read as two run together splits into parts this many letters long or more.
MIN_PART = 3


def action_columns(labels: Sequence[str]) -> dict[str, int]:
    """Action-plan field -> column index, matched by heading wording in any order.

    A heading wrapped in a narrow column may come back with the words either side of
    its line break run together ("Responsibleofficer"), the break read as one inside a
    word too long for the cell; a heading that names no field is read again with one
    of its words split in two.
    """
    found: dict[str, int] = {}
    for col, label in enumerate(labels):
        readings = [label] if _names_a_field(label) else [label, *_split_readings(label)]
        name = next(
            (
                n
                for text in readings
                for n, pattern in _ACTION_HEADINGS
                if n not in found and pattern.search(text)
            ),
            None,
        )
        if name is not None:
            found[name] = col
    return found


def _names_a_field(label: str) -> bool:
    return any(pattern.search(label) for _, pattern in _ACTION_HEADINGS)


def _split_readings(label: str) -> Iterator[str]:
    """The label with one of its words split in two, at each place in turn."""
    for word in re.finditer(rf"[^\W\d_]{{{2 * MIN_PART},}}", label):
        for cut in range(word.start() + MIN_PART, word.end() - MIN_PART + 1):
            yield f"{label[:cut]} {label[cut:]}"


_KPI_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("comment", re.compile(r"\bcomments?\b|\bcommentary\b|\bnotes?\b", re.I)),
    # A column naming each row's council: "Council", "Authority", "Partner".
    ("council", re.compile(r"^\s*(?:councils?|authorit(?:y|ies)|boroughs?|partners?)\s*$", re.I)),
    ("target", re.compile(r"\b(?:targets?|threshold)\b", re.I)),
    ("status", re.compile(r"\b(?:rag|status|direction|dot|trend|travel|rating)\b", re.I)),
    ("directorate", re.compile(r"\b(?:directorate|department|division|portfolio)\b", re.I)),
    ("service_area", re.compile(r"\bservice\s+area\b|\bteam\b|\bfunction\b", re.I)),
    ("service", re.compile(r"^\s*services?\s*$", re.I)),
    # "PI Code", "KPI Ref", "Indicator No.": the indicator's reference, not its name.
    ("ref", re.compile(r"\b(?:ref(?:erence)?|code|id)\b|(?:^|\s)no\.?$", re.I)),
    ("indicator", re.compile(r"\b(?:kpis?|indicators?|measures?|pis?|metrics?)\b", re.I)),
    ("actual", re.compile(r"\b(?:actual|outturn|performance|result|achieved|ytd|year\s+to\s+date)\b", re.I)),
)


_NAMES_ACTUAL = dict(_KPI_ROLES)["actual"]


def kpi_columns(labels: Sequence[str]) -> dict[str, list[int]]:
    """KPI role -> columns: council, directorate, service_area, ref, indicator, target, actual, status,
    comment.

    A heading that names a reporting period ("Quarter 1", "Apr-19", "2019/20") is an actual
    column unless it also says "target"; a "Service" column is the directorate when a
    "Service Area" column sits beside it; a "Description" column is the indicator of a
    table of targets and actuals that heads no column as one.
    """
    roles: dict[str, list[int]] = {}
    for col, label in enumerate(labels):
        role = next((name for name, pattern in _KPI_ROLES if pattern.search(label)), None)
        if role is None and is_period_label(label):
            role = "actual"
        if role:
            roles.setdefault(role, []).append(col)
    if "service" in roles:
        key = "directorate" if "service_area" in roles and "directorate" not in roles else "service_area"
        roles.setdefault(key, []).extend(roles.pop("service"))
    # "Ref | Description | Target | Actual": in a table of targets and actuals whose headings name
    # no indicator column, the description is the indicator; under money headings ("Savings
    # target £000") it is a savings line.
    money = any(money_unit_in(label) for label in labels)
    if "indicator" not in roles and {"target", "actual"} <= roles.keys() and not money:
        described = [c for c, label in enumerate(labels) if _DESCRIPTION.search(label)]
        if described:
            roles["indicator"] = described[:1]
    return roles


_DESCRIPTION = re.compile(r"^\s*(?:description|name|title)\b", re.I)


def kpi_roles(table: Table) -> dict[str, list[int]]:
    """KPI role -> columns of a table (:func:`kpi_columns`); where no heading names the
    indicator column, a table of targets with actuals or statuses, not under money headings,
    has its indicators in its row labels' column."""
    labels = column_labels(table)
    roles = kpi_columns(labels)
    if "indicator" in roles or "target" not in roles or not {"actual", "status"} & roles.keys():
        return roles
    col = label_column(table)
    taken = {c for cols in roles.values() for c in cols}
    if col is not None and col not in taken and not any(money_unit_in(label) for label in labels):
        roles["indicator"] = [col]
    return roles


_BLOCK_ROWS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("target", re.compile(r"^(?:target|threshold)s?\b", re.I)),
    ("actual", re.compile(r"^(?:outturn|actual|performance|result|achieved)\b", re.I)),
    ("rag", re.compile(r"^(?:rag|status)\b", re.I)),
    ("direction", re.compile(r"^(?:dot|direction|trend)\b", re.I)),
)


def block_rows(rows: Sequence[Sequence[str]]) -> dict[str, int]:
    """Row role -> row index for a per-indicator block (Outturn / Target / RAG / DoT rows)."""
    roles: dict[str, int] = {}
    for i, row in enumerate(rows):
        label = cell(row, 0)
        for name, pattern in _BLOCK_ROWS:
            if name not in roles and pattern.search(label):
                roles[name] = i
                break
    return roles


# ---------------------------------------------------------------- classification


def _value_cells(table: Table, label_col: bool) -> list[str]:
    start = 1 if label_col else 0
    return [cell(row, c) for row in table.rows for c in range(start, len(row)) if cell(row, c)]


# A row reference: a number or short code ("12", "3a", "1.2", "R04"), one word.
_REFERENCE = re.compile(r"^(?=\S*\d)[A-Za-z]{0,3}\d+(?:[.\-/]\d+)*[A-Za-z]?\.?$")
# Share of a column's cells that must read as references for it to be a reference column.
REFERENCE_SHARE = 0.8


def label_column(table: Table) -> int | None:
    """The column of the rows' text labels, None when the rows have none.

    The first column that mostly holds words telling the rows apart: a column numbering the
    rows ("Row ref": 1, 2, 3 ...) is no label, for the label of a row is its text, nor is one
    of group codes repeated down the rows; and figures may stand either side of the labels
    (last year's before them, this year's after), but most of them after.
    """
    width = max((len(row) for row in table.rows), default=0)
    texts = [[cell(row, c) for row in table.rows if cell(row, c)] for c in range(width)]
    figured = [c for c, col in enumerate(texts) if col and sum(map(_is_figure_cell, col)) * 2 > len(col)]
    words = [
        c
        for c in range(width)
        if texts[c]
        and c not in figured
        and not _is_reference_column(table, c)
        and sum(f > c for f in figured) * 2 >= len(figured)
    ]
    if has_label_column(table) and not _is_reference_column(table, 0) and not texts[0]:
        return 0
    # A column of group codes repeated down the rows ("GET", "GET", "DCED") groups them; the
    # label is the first that tells each row apart, if one does.
    distinct = [c for c in words if len(set(texts[c])) == len(texts[c])]
    return (distinct or words or [None])[0]


def reference_columns(table: Table) -> set[int]:
    """Columns left of the row labels that number or code the rows ("Row ref", "PI Code")."""
    label = label_column(table)
    return {c for c in range(label or 0) if _is_reference_column(table, c)}


def _is_reference_column(table: Table, col: int) -> bool:
    texts = [cell(row, col) for row in table.rows if cell(row, col)]
    return bool(texts) and sum(1 for t in texts if _REFERENCE.match(t)) >= REFERENCE_SHARE * len(texts)


def has_label_column(table: Table) -> bool:
    """Whether the first column holds row labels (mostly text) rather than figures."""
    firsts = [cell(row, 0) for row in table.rows if cell(row, 0)]
    if not firsts:
        return bool(table.rows)
    figures = sum(1 for t in firsts if _is_figure_cell(t))
    return figures * 2 < len(firsts)


def _is_figure_cell(text: str) -> bool:
    """A cell that prints a figure, not a label that mentions one ("Calls answered in 20 seconds")."""
    return parse_money(text) is not None or (kpi_number(text) is not None and len(text) < 12)


_CAPTION_UNIT = re.compile(r"(?:figures|amounts|all|values)\b[^.]{0,20}?(£\s*['’]?\s*(?:m|000|k)\w*)", re.I)


def announced_unit(table: Table, labels: Sequence[str]) -> MoneyUnit | None:
    """The money unit a table announces as a whole.

    In its header ("£000" under a heading, "(£'m)" beside one), else in the heading printed
    above it ("Capital programme (£'000)"), else in a caption line ("All figures in £000").
    A heading counts only for thousands or millions: a bare "£" there says nothing of the
    figures' scale.
    """
    announced = [u for label in labels if (u := money_unit_in(label))]
    if announced:
        return max(set(announced), key=announced.count)
    heading = money_unit_in(table.section_title or "")
    if heading in {"£m", "£k"}:
        return heading
    m = _CAPTION_UNIT.search(table.preamble or "")
    return money_unit_in(m.group(1)) if m else None


# Columns of figures hold at least this share of a financial table's cells beside its labels.
FIGURE_SHARE = 0.3


def _is_financial(table: Table, labels: Sequence[str]) -> bool:
    labelled = has_label_column(table)
    values = _value_cells(table, labelled)
    if not values:
        return False
    # Columns of words beside the figures (a project's name and purpose) have no say in how
    # the figures read, provided the figures are no small part of the table.
    width = max((len(row) for row in table.rows), default=0)
    first = 1 if labelled else 0
    columns = [[cell(row, c) for row in table.rows if cell(row, c)] for c in range(first, width)]
    figures = [
        v
        for col in columns
        if sum(1 for v in col if parse_money(v) is not None or is_not_reported(v)) * 2 > len(col)
        for v in col
    ]
    if len(figures) < FIGURE_SHARE * len(values):
        return False
    money = [v for v in figures if parse_money(v) is not None]
    dashes = sum(1 for v in figures if is_not_reported(v))
    if not money or (len(money) + dashes) < 0.6 * len(figures):
        return False
    announced = announced_unit(table, labels) is not None
    signed = sum(1 for v in money if has_money_sign(v)) * 3 >= len(money)
    return announced or signed or budget_vocabulary(table, labels)


# Words of a budget: columns or a title that say them head money, whatever the unit.
_BUDGET_WORDS = re.compile(
    r"\b(?:budgets?|forecasts?|outturns?|variances?|spend|spent|spending|expenditure|income|costs?|"
    r"savings?|capital|revenue|reserves?|grants?|funding|precepts?|allocations?|virements?|"
    r"(?:over|under)spends?)\b",
    re.I,
)


def budget_vocabulary(table: Table, labels: Sequence[str]) -> bool:
    """Whether a table speaks of a budget both in its column headings and in its row labels
    or the heading printed over it ("Budget 2018-19 | Spent" over "Revenue total")."""
    label_col = 0 if has_label_column(table) else None
    rows = [cell(row, label_col) for row in table.rows] if label_col is not None else []
    return any(_BUDGET_WORDS.search(text) for text in labels) and any(
        _BUDGET_WORDS.search(text) for text in [*rows, table.section_title or ""]
    )


_FIGURE = (
    r"[<>]?\s*[-−]?\s*£?\s*\d[\d,]*(?:\.\d+)?\s*"
    r"(?:%|bn\b|[KkMm]\b|(?:working\s+)?days?\b|weeks?\b|months?\b|cases?\b|hours?\b)?"
)
TILE = re.compile(rf"^\s*(?P<figure>{_FIGURE})\s+(?P<rest>\D.*?)\s*$", re.S)
_STARTS_WITH_FIGURE = re.compile(rf"^\s*{_FIGURE}(?:\s|$)")


def starts_with_figure(text: str) -> bool:
    """Whether a cell opens with a figure ("97%", "£28.7K", "<6 months", "19 days Speed of ...")."""
    return _STARTS_WITH_FIGURE.match(text) is not None


def tile_texts(table: Table) -> list[tuple[int, int, str]]:
    """The text of each KPI tile as (row index, column, text).

    A tile is usually one cell ("97.10% LBH Council Tax collection rate Target 96.75%");
    when the figures, names and targets of a row of tiles came out as separate rows, each
    row starting with figures opens a band, and a tile is its column's text in the band.
    """
    bands: list[tuple[int, dict[int, list[str]]]] = []
    for r, row in enumerate(table.rows):
        texts = {c: cell(row, c) for c in range(len(row)) if cell(row, c)}
        if not texts:
            continue
        if not bands or all(starts_with_figure(t) for t in texts.values()):
            bands.append((r, {}))
        for c, text in texts.items():
            bands[-1][1].setdefault(c, []).append(text)
    return [(r, c, " ".join(parts)) for r, columns in bands for c, parts in sorted(columns.items())]


def _is_tiles(table: Table) -> bool:
    if table.header:
        return False
    texts = [text for _r, _c, text in tile_texts(table)]
    tiles = [t for t in texts if (m := TILE.match(t)) and len(m.group("rest")) >= 6]
    return len(texts) >= 2 and len(tiles) * 4 >= len(texts) * 3


def _is_legend(table: Table) -> bool:
    rows = [r for r in table.rows if any(cell(r, c) for c in range(len(r)))]
    if not rows:
        return False
    keyed = 0
    for row in rows:
        texts = [cell(row, c) for c in range(len(row)) if cell(row, c)]
        marks = [t for t in texts if parse_rag(t) or parse_direction(t) or t in {"∅", "Ø"}]
        words = [t for t in texts if len(t.split()) >= 3 and not re.search(r"\d", t)]
        keyed += bool(marks and words) or (len(texts) == 1 and len(texts[0].split()) >= 4)
    return keyed * 4 >= len(rows) * 3 and any(
        parse_rag(cell(r, c)) or parse_direction(cell(r, c)) for r in rows for c in range(len(r))
    )


def _rag_counts(table: Table) -> bool:
    labels = {cell(row, 0).lower() for row in table.rows}
    return len(labels & {"green", "amber", "red"}) >= 2


def _is_rag_summary(table: Table) -> bool:
    cells = [cell(row, c) for row in table.rows for c in range(len(row))]
    return sum(1 for t in cells if re.fullmatch(r"\d+(?:\.\d+)?%\s*[RAG]", t)) >= 2


def _is_series(table: Table, labels: Sequence[str]) -> bool:
    periods = [label for label in labels[1:] if label]
    if len(periods) < 2 or not all(is_period_label(label) for label in periods):
        return False
    values = _value_cells(table, True)
    numeric = sum(1 for v in values if kpi_number(v) is not None or is_not_reported(v))
    return bool(values) and numeric * 5 >= len(values) * 4


def _percent_grid(table: Table) -> bool:
    values = _value_cells(table, True)
    percent = sum(1 for v in values if re.fullmatch(r"-?\d+(?:\.\d+)?\s*%", v))
    return len(values) >= 8 and percent * 10 >= len(values) * 7


def classify_table(table: Table) -> TableKind:
    """The kind of a table, from its header and cells.

    Args:
        table: one logical table.

    Returns:
        "financial", "action_plan", "rag_summary", "kpi_exception", "kpi_block", "kpi_series",
        "kpi_summary", "kpi_targets", "kpi_tiles", "volumetric", "survey", "legend" or "other".
    """
    return read_table(table)[0]


# Kinds whose reading depends on a header row.
_HEADED_KINDS = {"action_plan", "kpi_exception", "kpi_targets", "kpi_block", "kpi_series", "financial"}


def read_table(table: Table) -> tuple[TableKind, Table]:
    """A table's kind, and the table as that kind reads it.

    A kind already set on the table (other than "other") is kept. When the table came
    without a header row and its first row reads as one (headings, no figures) under which
    the table reads as a kind that has a header (an action plan, a KPI or financial table),
    that row is taken as the header.
    """
    given = table.kind if table.kind != "other" else None
    kind = given or _content_kind(table)
    if not table.header and len(table.rows) >= 2 and _reads_as_header(table.rows[0]):
        rows = [list(r) for r in table.rows]
        promoted = table.model_copy(update={"header": rows[:1], "rows": rows[1:]})
        promoted_kind = _content_kind(promoted)
        if promoted_kind == kind or (
            not given and promoted_kind in _HEADED_KINDS and kind not in _HEADED_KINDS
        ):
            return promoted_kind, promoted
    return kind, table


def _reads_as_header(row: Sequence[str]) -> bool:
    texts = [cell(row, c) for c in range(len(row)) if cell(row, c)]
    figures = [t for t in texts if parse_money(t) is not None or re.fullmatch(r"[<>]?\s*-?[\d.,]+\s*%?", t)]
    return len(texts) >= 2 and not figures


def _content_kind(table: Table) -> TableKind:
    if not table.rows:
        return "other"
    labels = column_labels(table)
    actions = action_columns(labels)
    if "ref" in actions and len(actions) >= 4 and {"status", "progress", "target_date"} & actions.keys():
        return "action_plan"
    rows = block_rows(table.rows)
    if "target" in rows and "actual" in rows:
        return "kpi_block"
    roles = kpi_roles(table)
    if "indicator" in roles and ("target" in roles or "actual" in roles):
        # Years across the top of money figures are a financial plan or its limits, not an
        # indicator's actuals: only a heading that says "actual" or "target" makes them so.
        dated = {"target", "status"}.isdisjoint(roles) and not any(
            _NAMES_ACTUAL.search(labels[c]) for c in roles["actual"]
        )
        if dated and _is_financial(table, labels):
            return "financial"
        return "kpi_exception" if "actual" in roles else "kpi_targets"
    if _is_tiles(table):
        return "kpi_tiles"
    if _rag_counts(table):
        return "kpi_summary"
    if _is_rag_summary(table):
        return "rag_summary"
    if _is_legend(table):
        return "legend"
    if _is_series(table, labels):
        # Year columns under "£'000" are a financial plan, not an indicator's history.
        money = announced_unit(table, labels) is not None
        money = money or any(has_money_sign(v) for v in _value_cells(table, True))
        return "financial" if money else "kpi_series"
    if _is_financial(table, labels):
        return "financial"
    if any(re.search(r"\bvolum", label, re.I) for label in labels):
        return "volumetric"
    if _percent_grid(table):
        return "survey"
    return "other"


# ---------------------------------------------------------------- headings


def generic_suffix(titles: Sequence[str]) -> tuple[str, ...]:
    """The trailing words that headings of the same sort share ("Improvement Plan Update").

    Learned from the document: the longest run of final words at least two distinct
    headings end with (leaving each some words of its own), and of two words or more
    unless every heading ends with it. Empty when the headings share no ending.
    """
    distinct = list(dict.fromkeys(t.strip() for t in titles if t and t.strip()))
    words = [t.lower().split() for t in distinct]
    longest = max((len(w) for w in words), default=0)
    for size in range(longest - 1, 0, -1):
        counts: dict[tuple[str, ...], int] = {}
        for w in words:
            if len(w) > size:
                counts[tuple(w[-size:])] = counts.get(tuple(w[-size:]), 0) + 1
        for suffix, count in sorted(counts.items(), key=lambda kv: -kv[1]):
            if count >= 2 and (size >= 2 or count == len(words) >= 3):
                return suffix
    return ()


def strip_suffix(title: str, suffix: tuple[str, ...]) -> str:
    """A heading without a learned generic ending ("ICT Improvement Plan Update" -> "ICT")."""
    words = title.split()
    if suffix and len(words) > len(suffix) and tuple(w.lower() for w in words[-len(suffix) :]) == suffix:
        return " ".join(words[: -len(suffix)]).rstrip(" -–:,")
    return title.strip()
