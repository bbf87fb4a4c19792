"""cross_reference_mismatch: one indicator's figure for one council and period printed differently.

The same actual or target can be printed in an exception table, the indicator's own
outturn table, its quarterly table (the "Quarter 1" column of the council's row) and
its monthly table (a "Target" row that is the same every month), and again in other
documents in the database. Records are the same indicator when one name's content
words are all in the other's ("% of suppliers paid within 30 days of receipt" and
"... (of documentation by Transactional Team)"), their directorates share a word and
their units agree. Figures are compared with the rounding of their printed digits.

One flag per disagreement: actuals per council; a target printed once for several
councils that disagrees the same way for each is one flag. Targets half as large again
as each other are an annual target beside a year-to-date one, not a misprint.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from extractors.councils import Council
from extractors.values import quarter
from pipeline.flags.base import Finding, OtherDocuments, Rule, cell_location, kpi_location, tables_by_id
from pipeline.flags.figures import Figure
from pipeline.flags.kpi_terms import printed_value, series_row
from pipeline.flags.labels import content_words, same_indicator, squash
from pipeline.flags.settings import SETTINGS
from pipeline.flags.text import doc_councils
from schemas.records import DocumentExtraction, FlagLocation, Kpi, KpiSeriesPoint, Table


@dataclass(frozen=True)
class _Name:
    indicator: str
    directorate: str | None
    unit: str | None


@dataclass
class _Seen:
    """One printed figure of an indicator: what it is, for whom, when, and where."""

    name: _Name
    role: str  # "actual" or "target"
    council: str | None
    period: str
    figure: Figure
    where: FlagLocation
    table: str
    own: bool


def _compatible(a: _Name, b: _Name) -> bool:
    if a.unit and b.unit and a.unit != b.unit:
        return False
    if a.directorate and b.directorate and not content_words(a.directorate) & content_words(b.directorate):
        return False
    return same_indicator(a.indicator, b.indicator)


def _name(kpi: Kpi) -> _Name:
    return _Name(kpi.indicator, kpi.directorate, kpi.unit)


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] < b[1] - 1 and b[0] < a[1] - 1


def _printed_at(
    doc: DocumentExtraction, tables: Mapping[str, Table], kpi: Kpi, text: str, sha: str | None
) -> FlagLocation:
    """The cell printing ``text`` in the KPI's table, in the column or row of its actual."""
    where = kpi_location(doc, kpi, sha256=sha, tables=tables)
    table = tables.get(kpi.source_table or "")
    if table is None or where.bbox is None or text == kpi.actual:
        return where
    x, y = (where.bbox[0], where.bbox[2]), (where.bbox[1], where.bbox[3])
    for r, (cells, boxes) in enumerate(zip(table.grid, table.cell_bboxes, strict=False)):
        for c, (cell, box) in enumerate(zip(cells, boxes, strict=False)):
            if box is None or cell.strip() != text.strip():
                continue
            if _overlap(y, (box[1], box[3])):  # the same row: a row per indicator
                return cell_location(table, r, c, sha256=sha, label=where.row_label)
            if _overlap(x, (box[0], box[2])):  # the same column: a row per measure
                return cell_location(table, r, c, sha256=sha)
    return where


def _from_kpis(doc: DocumentExtraction, own: bool, periods: set[str] | None = None) -> list[_Seen]:
    """The figures of the document's KPI records (only those of ``periods``, if given)."""
    sha = None if own else doc.sha256
    tables = tables_by_id(doc)
    out = []
    for kpi in doc.kpis:
        if not kpi.period or not kpi.council or (periods is not None and kpi.period not in periods):
            continue
        for role, text in (("actual", kpi.actual), ("target", kpi.target)):
            figure = printed_value(text)
            if figure is not None:
                where = _printed_at(doc, tables, kpi, text, sha)
                table = kpi.source_table or ""
                out.append(_Seen(_name(kpi), role, kpi.council, kpi.period, figure, where, table, own))
    return out


def _from_series(doc: DocumentExtraction, councils: Sequence[Council]) -> list[_Seen]:
    """Quarter-column actuals of council rows, and constant Target rows, tied to their indicator's records."""
    by_indicator: dict[str, list[Kpi]] = defaultdict(list)
    for kpi in doc.kpis:
        by_indicator[kpi.indicator].append(kpi)
    rows: dict[tuple[str, str | None, str], list[KpiSeriesPoint]] = defaultdict(list)
    for p in doc.kpi_series:
        rows[(p.indicator, p.source_table, p.series)].append(p)
    out = []
    for (indicator, table, series), points in rows.items():
        kpis = [k for k in by_indicator.get(indicator, []) if k.period and k.council]
        council, target = series_row(series, councils)
        if not kpis or (council is None and not target):
            continue
        if target:
            values = {printed_value(p.value).value for p in points if printed_value(p.value) is not None}
            if len(values) != 1:
                continue  # a monthly profile, not one target
            for kpi in kpis:
                if council in (None, kpi.council):
                    out.append(_point(kpi, points[0], "target", kpi.council, table))
            continue
        for p in points:
            q = quarter(p.period_label)
            for kpi in kpis:
                if q and kpi.council == council and quarter(kpi.period) == q:
                    out.append(_point(kpi, p, "actual", council, table))
    return [s for s in out if s is not None]


def _point(kpi: Kpi, p: KpiSeriesPoint, role: str, council: str | None, table: str | None) -> _Seen | None:
    figure = printed_value(p.value)
    if figure is None:
        return None
    where = FlagLocation(pdf_page=p.prov.pdf_page, table=p.source_table, row_label=p.series, bbox=p.prov.bbox)
    return _Seen(_name(kpi), role, council, kpi.period, figure, where, table or "", True)


def _candidates(names: list[_Name]) -> list[tuple[int, int]]:
    """Pairs of names that may name one indicator, found through the words they share.

    Names of two or more content words are one indicator when one's words are all in the
    other's: the pair shares the rarest word of the shorter, under which each name is
    looked up. Shorter names must be spelt alike, letter for letter.
    """
    spelt: dict[str, list[int]] = defaultdict(list)
    by_word: dict[str, list[int]] = defaultdict(list)
    for i, name in enumerate(names):
        spelt[squash(name.indicator)].append(i)
        for word in content_words(name.indicator):
            by_word[word].append(i)
    pairs = {(i, j) for same in spelt.values() for i in same for j in same if i < j}
    for i, name in enumerate(names):
        own = content_words(name.indicator)
        if len(own) >= 2:
            rarest = min(own, key=lambda w: (len(by_word[w]), w))
            pairs |= {(min(i, j), max(i, j)) for j in by_word[rarest] if j != i}
    return sorted(pairs)


def _clusters(names: list[_Name]) -> dict[_Name, int]:
    parent = list(range(len(names)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidates(names):
        if _compatible(names[i], names[j]):
            parent[root(j)] = root(i)
    return {n: root(i) for i, n in enumerate(names)}


def _groups(seen: list[_Seen]) -> list[list[_Seen]]:
    """Figures split into groups that agree with each other up to rounding."""
    groups: list[list[_Seen]] = []
    printed: list[dict[tuple[Decimal, Decimal], Figure]] = []
    for s in seen:
        # Figures printed alike agree alike: each group is read through its distinct printings.
        home = next(
            (k for k, figures in enumerate(printed) if all(s.figure.same_as(f) for f in figures.values())),
            None,
        )
        if home is None:
            groups.append([s])
            printed.append({})
            home = len(groups) - 1
        else:
            groups[home].append(s)
        printed[home].setdefault((s.figure.value, s.figure.half), s.figure)
    return groups


def _different_targets(values: frozenset) -> bool:
    """Targets too far apart to be one target misprinted: an annual target and a year-to-date one."""
    low, high = min(abs(v) for v in values), max(abs(v) for v in values)
    return low == 0 or high / low >= SETTINGS.targets_apart


def _periods(doc: DocumentExtraction) -> set[str]:
    """The periods of the document's council figures: those another document's are compared in."""
    return {k.period for k in doc.kpis if k.period and k.council}


def partner(doc: DocumentExtraction, other: DocumentExtraction) -> bool:
    """Whether ``other`` prints council figures for a period ``doc`` prints."""
    return bool(_periods(doc) & _periods(other))


def check(doc: DocumentExtraction, others: OtherDocuments) -> list[Finding]:
    councils = doc_councils(doc)
    seen = _from_kpis(doc, True) + _from_series(doc, councils)
    if not seen:
        return []
    periods = {s.period for s in seen}
    for other in others():
        seen += _from_kpis(other, False, periods)
    cluster = _clusters(list(dict.fromkeys(s.name for s in seen)))
    buckets: dict[tuple, list[_Seen]] = defaultdict(list)
    for s in seen:
        buckets[(cluster[s.name], s.period, s.role, s.council)].append(s)
    disagreements: dict[tuple, list[tuple[str, list[list[_Seen]]]]] = defaultdict(list)
    for (c, period, role, council), items in buckets.items():
        groups = _groups(items)
        if len(groups) < 2 or not any(s.own for s in items) or len({s.table for s in items}) < 2:
            continue
        values = frozenset(g[0].figure.value.normalize() for g in groups)
        if role == "target" and _different_targets(values):
            continue
        disagreements[(c, period, role, values)].append((council, groups))
    return [_finding(role, period, entries) for (_, period, role, _), entries in disagreements.items()]


def _finding(role: str, period: str, entries: list[tuple[str, list[list[_Seen]]]]) -> Finding:
    councils = [council for council, _ in entries]
    groups = entries[0][1]
    items = [s for _, gs in entries for g in gs for s in g]
    name = items[0].name.indicator
    ranked = sorted(groups, key=len, reverse=True)
    printed = "; ".join(
        f"{g[0].figure.raw} in {', '.join(dict.fromkeys(s.table for s in g))}" for g in ranked
    )
    if len(ranked[0]) > len(ranked[1]):
        expected = ranked[0][0].figure.raw
        found = " / ".join(g[0].figure.raw for g in ranked[1:])
    else:
        expected = f"one {role} figure"
        found = " vs ".join(g[0].figure.raw for g in ranked)
    locations = list(
        {(loc.pdf_page, loc.table, loc.row_label, loc.bbox): loc for loc in (s.where for s in items)}.values()
    )
    return Finding(
        description=f"'{name}' ({', '.join(councils)}, {period}): the {role} is printed as {printed}",
        expected=expected,
        found=found,
        locations=locations,
    )


RULE = Rule("kpi_cross_reference", "cross_reference_mismatch", check, partner)
