"""Documents built in tests for the inconsistency rules: pages of text, tables, KPI records.

Builders make :class:`~schemas.records.DocumentExtraction` objects shaped as the
database returns them (page texts without tables, tables with row pages and cell
boxes), so each rule can be tried on papers of other councils and layouts without
drawing PDFs. This module holds no tests.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from extractors.values import kpi_number, kpi_unit
from schemas.records import (
    DocumentExtraction,
    DocumentMeta,
    Kpi,
    KpiSeriesPoint,
    Member,
    Minutes,
    PageText,
    Provenance,
    Report,
    Section,
    Table,
    TableRegion,
)


def prov(sha: str, page: int | None = None, bbox=None, name: str = "test") -> Provenance:
    return Provenance(sha256=sha, pdf_page=page, bbox=bbox, extractor=name, extractor_version="0")


def sha_of(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


def table(
    tid: str,
    header: Sequence[Sequence[str]],
    rows: Sequence[Sequence[str]],
    *,
    page: int = 1,
    kind: str = "other",
    title: str | None = None,
    headings: Sequence[str] = (),
    preamble: str | None = None,
    row_pages: Sequence[int] | None = None,
    sha: str = "0" * 64,
) -> Table:
    """A table printed from the top of ``page``: each cell 80pt wide, 15pt high."""
    grid = [list(r) for r in [*header, *rows]]
    pages = list(row_pages) if row_pages else [page] * len(grid)
    boxes = [
        [(60.0 + 80 * c, 100.0 + 15 * r, 140.0 + 80 * c, 115.0 + 15 * r) for c in range(len(row))]
        for r, row in enumerate(grid)
    ]
    width = max(len(r) for r in grid)
    regions = [
        TableRegion(page=p, bbox=(60.0, 100.0, 60.0 + 80 * width, 100.0 + 15 * len(grid)))
        for p in dict.fromkeys(pages)
    ]
    return Table(
        id=tid,
        kind=kind,
        pdf_page=pages[0],
        pages=sorted(set(pages)),
        section_title=title or (headings[-1] if headings else None),
        headings=list(headings) or ([title] if title else []),
        preamble=preamble,
        header=[list(h) for h in header],
        rows=[list(r) for r in rows],
        row_pages=pages,
        cell_bboxes=boxes,
        regions=regions,
        prov=prov(sha, pages[0], name="tables"),
    )


def kpi(
    indicator: str,
    council: str | None,
    target: str | None,
    actual: str | None,
    *,
    table_id: str = "T001",
    page: int = 1,
    period: str = "2021/22 Q2",
    directorate: str | None = None,
    rag: str | None = None,
    sha: str = "0" * 64,
) -> Kpi:
    values = [target, actual]
    return Kpi(
        council=council,
        directorate=directorate,
        indicator=indicator,
        period=period,
        target=target,
        actual=actual,
        target_value=kpi_number(target),
        actual_value=kpi_number(actual),
        unit=kpi_unit(indicator, values),
        rag=rag,
        source_table=table_id,
        prov=prov(sha, page, name="kpis"),
    )


def series(
    indicator: str,
    table_id: str,
    periods: Sequence[str],
    rows: dict[str, Sequence[str]],
    *,
    page: int = 1,
    sha: str = "0" * 64,
) -> list[KpiSeriesPoint]:
    """The points of a monthly or quarterly table: one row of values per series label."""
    points = []
    for r, (label, values) in enumerate(rows.items()):
        for c, (period, value) in enumerate(zip(periods, values, strict=True)):
            points.append(
                KpiSeriesPoint(
                    indicator=indicator,
                    series=label,
                    period_label=period,
                    value=value,
                    value_number=kpi_number(value),
                    source_table=table_id,
                    prov=prov(sha, page, (140.0 + 50 * c, 300.0 + 15 * r, 190.0 + 50 * c, 315.0 + 15 * r)),
                )
            )
    return points


def document(
    name: str,
    pages: Sequence[str],
    *,
    tables: Sequence[Table] = (),
    kpis: Sequence[Kpi] = (),
    kpi_series: Sequence[KpiSeriesPoint] = (),
    sections: Sequence[tuple[str, int, int]] = (),
    reports: Sequence[Report] = (),
    minutes: Sequence[Minutes] = (),
    members: Sequence[tuple[str, str]] = (),
    meeting_date=None,
) -> DocumentExtraction:
    """A document whose page ``n`` (1-based) holds the running text ``pages[n - 1]``.

    Tables, KPIs and series points should be built with ``sha=sha_of(name)``.
    """
    sha = sha_of(name)
    return DocumentExtraction(
        file=f"{name}.pdf",
        sha256=sha,
        page_count=len(pages),
        document=DocumentMeta(meeting_date=meeting_date, prov=prov(sha, 1)),
        pages=[
            PageText(pdf_page=n, width=595, height=842, text=text, prov=prov(sha, n, name="pages"))
            for n, text in enumerate(pages, 1)
        ],
        members=[Member(name=m, council=c, prov=prov(sha, 1)) for m, c in members],
        sections=[
            Section(kind=kind, pdf_page_start=a, pdf_page_end=b, prov=prov(sha, a)) for kind, a, b in sections
        ],
        reports=list(reports),
        minutes=list(minutes),
        tables=list(tables),
        kpis=list(kpis),
        kpi_series=list(kpi_series),
    )


def report(sha: str, title: str, page: int, recommendations: Sequence[str], meeting_date=None) -> Report:
    return Report(
        title=title,
        recommendations=list(recommendations),
        pdf_page_start=page,
        meeting_date=meeting_date,
        prov=prov(sha, page, name="reports"),
    )


def minutes(sha: str, page: int, meeting_date) -> Minutes:
    return Minutes(meeting_date=meeting_date, prov=prov(sha, page, name="minutes"))


def no_others() -> list[DocumentExtraction]:
    return []
