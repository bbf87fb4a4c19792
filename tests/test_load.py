"""Loading: one transaction per document, idempotent upserts, stale rows removed, exact read-back."""

from __future__ import annotations

from datetime import date

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from pipeline.db import make_engine
from pipeline.export import to_json
from pipeline.load import load_document, replace_flags
from pipeline.readback import read_extraction
from schemas import sql
from schemas.meetings import include_name
from schemas.records import (
    Decision,
    DocumentExtraction,
    DocumentMeta,
    FinancialCell,
    FlagLocation,
    Inconsistency,
    Kpi,
    MinuteItem,
    Minutes,
    PageText,
    Provenance,
    Report,
    Section,
    Span,
    Table,
)

SHA = "ab" * 32


def _prov(page: int = 1, name: str = "test") -> Provenance:
    return Provenance(
        sha256=SHA,
        pdf_page=page,
        printed_page=page,
        bbox=(10, 20, 30, 40),
        extractor=name,
        extractor_version="1",
    )


def _extraction(kpis: int = 2) -> DocumentExtraction:
    table = Table(
        id="T001",
        kind="financial",
        pdf_page=2,
        pages=[2, 3],
        section_title="Reserve",
        headings=["Report", "Reserve"],
        header=[["", "Total £"]],
        rows=[["Opening", "(1,000)"], ["Closing", "500"]],
        spans=[Span(row=1, col=0, rowspan=1, colspan=1, vertical=True)],
        row_pages=[2, 2, 3],
        cell_bboxes=[[(1, 2, 3, 4), (5, 6, 7, 8)]] * 3,
        prov=_prov(2, "tables"),
    )
    return DocumentExtraction(
        file="pack.pdf",
        sha256=SHA,
        page_count=3,
        document=DocumentMeta(committee="Audit Committee", meeting_date=date(2025, 1, 2), prov=_prov()),
        pages=[
            PageText(pdf_page=i, width=595, height=842, text=f"page {i}", prov=_prov(i)) for i in (1, 2, 3)
        ],
        sections=[Section(kind="report", title="Budget", pdf_page_start=1, pdf_page_end=3, prov=_prov())],
        minutes=[
            Minutes(
                meeting_date=date(2024, 12, 1),
                chair="A Person",
                present=["A Person", "B Person"],
                items=[
                    MinuteItem(
                        number="4a",
                        title="BUDGET",
                        text="Noted.",
                        decisions=[
                            Decision(text="The Committee noted the budget.", kind="noted", prov=_prov())
                        ],
                        prov=_prov(),
                    )
                ],
                prov=_prov(),
            )
        ],
        reports=[
            Report(title="Budget", recommendations=["Note it", "Agree it"], pdf_page_start=1, prov=_prov())
        ],
        tables=[table],
        kpis=[
            Kpi(indicator=f"KPI {i}", target="95%", target_value=95.0, unit="%", prov=_prov(2, "kpis"))
            for i in range(kpis)
        ],
        financial_cells=[
            FinancialCell(
                table="T001",
                row_label="Opening",
                column_label="Total £",
                raw="(1,000)",
                value=-1000,
                unit="£",
                prov=_prov(2),
            )
        ],
    )


def _counts(engine) -> dict[str, int]:
    with Session(engine) as s:
        return {
            m.__tablename__: s.scalar(select(func.count()).select_from(m))
            for m in [sql.Document, *sql.EXTRACTED_TABLES]
        }


def test_loading_twice_adds_no_rows(db_url):
    engine = make_engine(db_url)
    _source(engine)
    load_document(engine, _extraction())
    first = _counts(engine)
    load_document(engine, _extraction())
    assert _counts(engine) == first
    assert first["kpis"] == 2 and first["table_cells"] == 6 and first["decisions"] == 1


def test_reloading_a_smaller_extraction_removes_stale_rows(db_url):
    engine = make_engine(db_url)
    _source(engine)
    load_document(engine, _extraction(kpis=3))
    load_document(engine, _extraction(kpis=1))
    assert _counts(engine)["kpis"] == 1


def test_reloading_updates_the_rows_a_new_extraction_changes(db_url):
    engine = make_engine(db_url)
    _source(engine)
    load_document(engine, _extraction())
    changed = _extraction()
    changed.kpis[1] = changed.kpis[1].model_copy(update={"target": "90%", "target_value": 90.0})
    load_document(engine, changed)
    with Session(engine) as s:
        targets = s.execute(select(sql.KpiRow.indicator, sql.KpiRow.target).order_by(sql.KpiRow.position))
        assert targets.all() == [("KPI 0", "95%"), ("KPI 1", "90%")]


def test_a_table_of_many_rows_is_written_by_one_statement(db_url):
    engine = make_engine(db_url)
    _source(engine)
    inserts: list[str] = []

    @event.listens_for(engine, "before_cursor_execute")
    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.startswith("INSERT INTO kpis"):
            inserts.append(statement)

    load_document(engine, _extraction(kpis=1200))
    assert len(inserts) == 1 and _counts(engine)["kpis"] == 1200


def test_read_back_exports_exactly_what_was_loaded(db_url):
    engine = make_engine(db_url)
    _source(engine)
    ex = _extraction()
    load_document(engine, ex)
    with Session(engine) as s:
        back = read_extraction(s, SHA)
    assert to_json(back) == to_json(ex)
    assert back.tables[0].cell_bboxes[0][0] == (1, 2, 3, 4)
    assert back.kpis[0].prov == ex.kpis[0].prov


def test_migrations_match_the_models(db_url):
    engine = make_engine(db_url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        diff = compare_metadata(context, sql.Base.metadata)
    assert diff == []


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)


def _source(engine) -> None:
    with Session(engine) as s:
        s.add(
            sql.SourceFile(
                sha256=SHA,
                file_name="pack.pdf",
                size=1,
                first_seen=_now(),
                last_seen=_now(),
                status="pending",
            )
        )
        s.commit()


def test_rows_read_from_a_table_name_it_by_its_stable_id_with_its_label_beside_it(db_url):
    engine = make_engine(db_url)
    _source(engine)
    ex = _extraction()
    ex.kpis[0] = ex.kpis[0].model_copy(update={"source_table": "T001"})
    load_document(engine, ex)
    with Session(engine) as s:
        [table] = s.scalars(select(sql.TableRow)).all()
        assert table.table_label == "T001"
        cell = s.scalars(select(sql.FinancialCellRow)).one()
        kpis = sorted(s.scalars(select(sql.KpiRow)).all(), key=lambda k: k.indicator)
        cells = {(c.table_ref, c.table_label) for c in s.scalars(select(sql.TableCellRow))}
    assert (cell.table_ref, cell.table_label) == (table.id, "T001")
    assert [(k.table_ref, k.table_label) for k in kpis] == [(table.id, "T001"), (None, None)]
    assert cells == {(table.id, "T001")}


def test_a_flags_places_are_rows_naming_tables_in_any_document_by_stable_id(db_url):
    engine = make_engine(db_url)
    _source(engine)
    load_document(engine, _extraction())
    other = "cd" * 32
    here = FlagLocation(pdf_page=2, table="T001", row_label="Closing", bbox=(1, 2, 3, 4))
    there = FlagLocation(pdf_page=7, table="T005", document_sha256=other, text="£500")
    flag = Inconsistency(
        kind="cross_reference_mismatch",
        description="Closing printed twice",
        locations=[here, there],
        rule="test",
        rule_version="1",
        prov=_prov(2),
    )
    replace_flags(engine, SHA, [flag])
    with Session(engine) as s:
        table_ref = s.scalar(select(sql.TableRow.id))
        places = s.scalars(select(sql.FlagLocationRow).order_by(sql.FlagLocationRow.position)).all()
    assert [(p.document_sha256, p.table_ref, p.table_label) for p in places] == [
        (SHA, table_ref, "T001"),
        (other, None, "T005"),  # a table not in the database keeps its label only
    ]
    assert (places[0].bbox_x0, places[0].bbox_bottom, places[1].text) == (1, 4, "£500")
    replace_flags(engine, SHA, [])
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(sql.FlagLocationRow)) == 0
