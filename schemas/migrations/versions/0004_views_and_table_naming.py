"""views, flag locations, one naming of tables, runs, decision search

Generated with autogenerate, then reviewed and completed by hand:

* One naming of tables: every row read from a table (KPIs, KPI series, actions,
  financial cells, table cells, flag locations) names it by ``table_ref`` (the stable
  ``extracted_tables.id``, a foreign key) with ``table_label`` (T001, ... within its
  document) beside it. Columns are renamed, not dropped and added, so their values stay;
  ``table_ref`` is filled from the labels. ``extracted_tables`` is renamed in place:
  rebuilding it in batch mode would cascade-delete its cells.
* ``flag_locations``: a flag's locations a row each, filled from the stored flags.
* ``runs``: what each run was asked to do and how it ended.
* Full-text search over decisions, as over minute items in 0002: SQLite FTS5 with
  triggers, a PostgreSQL GIN index on ``to_tsvector``.
* Views for reading the database directly (``flag_evidence``, ``kpi_values``,
  ``financial_values``, ``decision_timeline``). A later migration that rebuilds one of
  their tables in batch mode on SQLite must drop the views first and create them again
  (SQLite checks views when the rebuilt table is renamed into place).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

import hashlib
import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from schemas.migrations.fts import fts5_down, fts5_up


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# What a reader wants first comes first (the page among it); the sha256 and box last.
_PROVENANCE = "{t}.sha256, {t}.printed_page, {t}.bbox_x0, {t}.bbox_top, {t}.bbox_x1, {t}.bbox_bottom"

_VIEWS = {
    "flag_evidence": """
SELECT f.kind, f.severity, d.file_name AS document, COALESCE(l.pdf_page, f.pdf_page) AS pdf_page,
       l.table_label, l.row_label, l.text, f.description, f.expected, f.found,
       fd.file_name AS flag_document, f.rule, f.rule_version, l.position AS location, l.table_ref,
       f.id AS flag_id, l.id AS location_id, COALESCE(l.document_sha256, f.sha256) AS sha256,
       f.sha256 AS flag_sha256, l.bbox_x0, l.bbox_top, l.bbox_x1, l.bbox_bottom
FROM inconsistencies f
JOIN documents fd ON fd.sha256 = f.sha256
LEFT JOIN flag_locations l ON l.flag_id = f.id
LEFT JOIN documents d ON d.sha256 = COALESCE(l.document_sha256, f.sha256)""",
    "kpi_values": f"""
SELECT k.indicator, COALESCE(k.service_area, k.directorate) AS service, k.council, k.period,
       k.target, k.actual, k.rag, k.direction, k.unit, d.file_name AS document, k.pdf_page, k.table_label,
       d.committee, d.meeting_date, k.target_value, k.actual_value, k.target_comparator,
       k.actual_comparator, k.directorate, k.service_area, k.table_ref, k.id, {_PROVENANCE.format(t="k")}
FROM kpis k
JOIN documents d ON d.sha256 = k.sha256""",
    "financial_values": f"""
SELECT d.file_name AS document, c.pdf_page, t.section_title AS table_title, c.table_label, c.row_label,
       c.column_label, c.raw, c.value, c.unit,
       c.value * CASE c.unit WHEN '£m' THEN 1000000 WHEN '£k' THEN 1000 ELSE 1 END AS value_pounds,
       d.committee, d.meeting_date, c.table_ref, c.id, {_PROVENANCE.format(t="c")}
FROM financial_cells c
JOIN documents d ON d.sha256 = c.sha256
LEFT JOIN extracted_tables t ON t.id = c.table_ref""",
    "decision_timeline": f"""
SELECT COALESCE(m.meeting_date, mn.meeting_date) AS meeting_date, COALESCE(m.committee, d.committee) AS committee,
       i.number AS item_number, i.title AS item_title, dc.kind, dc.text, d.file_name AS document, dc.pdf_page,
       mm.meeting_id, i.id AS item_id, dc.id AS decision_id, {_PROVENANCE.format(t="dc")}{{rowid}}
FROM decisions dc
JOIN minute_items i ON i.id = dc.item_id
JOIN minutes mn ON mn.id = i.minutes_id
JOIN documents d ON d.sha256 = dc.sha256
LEFT JOIN minutes_meetings mm ON mm.minutes_id = mn.id
LEFT JOIN meetings m ON m.id = mm.meeting_id""",
}
# SQLite's full-text search matches on rowid; a view that is to be searched shows it.
_ROWID = {"sqlite": ", dc.rowid AS decision_rowid"}

_SEARCH_UP = {
    "sqlite": fts5_up("decisions_fts", "decisions", ["text"]),
    "postgresql": ["CREATE INDEX ix_decisions_tsv ON decisions USING gin (to_tsvector('english', text))"],
}
_SEARCH_DOWN = {"sqlite": fts5_down("decisions_fts"), "postgresql": ["DROP INDEX IF EXISTS ix_decisions_tsv"]}

_FROM_TABLE = ("kpis", "kpi_series", "actions", "financial_cells")
_RENAMED = {"kpis": "source_table", "kpi_series": "source_table", "actions": "source_table", "financial_cells": "table_id"}


def _row_id(*parts) -> str:
    # As pipeline.load.row_id was when this migration was written.
    return hashlib.sha1("|".join("" if p is None else str(p) for p in parts).encode()).hexdigest()


def _fill_table_refs() -> None:
    for table in _FROM_TABLE:
        op.execute(
            f"UPDATE {table} SET table_ref = (SELECT t.id FROM extracted_tables t "
            f"WHERE t.sha256 = {table}.sha256 AND t.table_label = {table}.table_label) "
            "WHERE table_label IS NOT NULL"
        )
    op.execute(
        "UPDATE table_cells SET table_label = "
        "(SELECT t.table_label FROM extracted_tables t WHERE t.id = table_cells.table_ref)"
    )


def _fill_flag_locations() -> None:
    bind = op.get_bind()
    tables = set(bind.execute(sa.text("SELECT id FROM extracted_tables")).scalars())
    rows = []
    for flag_id, sha256, locations in bind.execute(sa.text("SELECT id, sha256, locations FROM inconsistencies")):
        if isinstance(locations, str):
            locations = json.loads(locations)
        for i, loc in enumerate(locations or []):
            document = loc.get("document_sha256") or sha256
            ref = _row_id(document, "tables", loc["table"]) if loc.get("table") else None
            x0, top, x1, bottom = loc.get("bbox") or (None, None, None, None)
            rows.append(
                {
                    "id": _row_id(flag_id, "location", i), "flag_id": flag_id, "sha256": sha256,
                    "position": i, "document_sha256": document, "pdf_page": loc.get("pdf_page"),
                    "table_ref": ref if ref in tables else None, "table_label": loc.get("table"),
                    "row_label": loc.get("row_label"), "text": loc.get("text"),
                    "bbox_x0": x0, "bbox_top": top, "bbox_x1": x1, "bbox_bottom": bottom,
                }
            )
    if rows:
        columns = list(rows[0])
        bind.execute(
            sa.text(f"INSERT INTO flag_locations ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})"),
            rows,
        )


def _views_up(dialect: str) -> None:
    for name, body in _VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {body.replace('{rowid}', _ROWID.get(dialect, ''))}")


def _views_down() -> None:
    for name in reversed(list(_VIEWS)):
        op.execute(f"DROP VIEW IF EXISTS {name}")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    # ### commands auto generated by Alembic, then adjusted: renames keep values ###
    op.execute("ALTER TABLE extracted_tables RENAME COLUMN table_id TO table_label")
    for table in _FROM_TABLE:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                _RENAMED[table], new_column_name='table_label', existing_type=sa.String(length=10), nullable=True
            )
            batch_op.add_column(sa.Column('table_ref', sa.String(length=40), nullable=True))
            if table == 'financial_cells':
                batch_op.drop_index('ix_financial_cells_table_row')
                batch_op.create_index('ix_financial_cells_table_row', ['table_ref', 'row_label'], unique=False)
            batch_op.create_index(batch_op.f(f'ix_{table}_table_ref'), ['table_ref'], unique=False)
            batch_op.create_foreign_key(
                batch_op.f(f'fk_{table}_table_ref_extracted_tables'), 'extracted_tables', ['table_ref'], ['id'],
                ondelete='CASCADE',
            )

    with op.batch_alter_table('table_cells', schema=None) as batch_op:
        batch_op.add_column(sa.Column('table_label', sa.String(length=10), nullable=True))

    op.create_table('flag_locations',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('flag_id', sa.String(length=40), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('document_sha256', sa.String(length=64), nullable=False),
    sa.Column('pdf_page', sa.Integer(), nullable=True),
    sa.Column('table_ref', sa.String(length=40), nullable=True),
    sa.Column('table_label', sa.String(length=10), nullable=True),
    sa.Column('row_label', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('bbox_x0', sa.Float(), nullable=True),
    sa.Column('bbox_top', sa.Float(), nullable=True),
    sa.Column('bbox_x1', sa.Float(), nullable=True),
    sa.Column('bbox_bottom', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['flag_id'], ['inconsistencies.id'], name=op.f('fk_flag_locations_flag_id_inconsistencies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sha256'], ['documents.sha256'], name=op.f('fk_flag_locations_sha256_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['table_ref'], ['extracted_tables.id'], name=op.f('fk_flag_locations_table_ref_extracted_tables'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_flag_locations'))
    )
    with op.batch_alter_table('flag_locations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_flag_locations_document_sha256'), ['document_sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_flag_locations_flag_id'), ['flag_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_flag_locations_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_flag_locations_table_ref'), ['table_ref'], unique=False)

    # Runs written before this revision (none were) would need values for the new columns.
    with op.batch_alter_table('runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('command', sa.String(length=20), nullable=False, server_default='run'))
        batch_op.add_column(sa.Column('status', sa.String(length=20), nullable=False, server_default='completed'))
        batch_op.add_column(sa.Column('loaded', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('partial', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('unchanged', sa.Integer(), nullable=False, server_default='0'))
        batch_op.create_index(batch_op.f('ix_runs_started'), ['started'], unique=False)
    # ### end Alembic commands ###
    _fill_table_refs()
    _fill_flag_locations()
    for statement in _SEARCH_UP.get(dialect, []):
        op.execute(statement)
    _views_up(dialect)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    _views_down()
    for statement in _SEARCH_DOWN.get(dialect, []):
        op.execute(statement)
    # ### commands auto generated by Alembic, then adjusted: renames keep values ###
    with op.batch_alter_table('runs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_runs_started'))
        batch_op.drop_column('unchanged')
        batch_op.drop_column('partial')
        batch_op.drop_column('loaded')
        batch_op.drop_column('status')
        batch_op.drop_column('command')

    with op.batch_alter_table('flag_locations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_flag_locations_table_ref'))
        batch_op.drop_index(batch_op.f('ix_flag_locations_sha256'))
        batch_op.drop_index(batch_op.f('ix_flag_locations_flag_id'))
        batch_op.drop_index(batch_op.f('ix_flag_locations_document_sha256'))
    op.drop_table('flag_locations')

    with op.batch_alter_table('table_cells', schema=None) as batch_op:
        batch_op.drop_column('table_label')

    for table in reversed(_FROM_TABLE):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f'fk_{table}_table_ref_extracted_tables'), type_='foreignkey')
            batch_op.drop_index(batch_op.f(f'ix_{table}_table_ref'))
            if table == 'financial_cells':
                batch_op.drop_index('ix_financial_cells_table_row')
                batch_op.create_index('ix_financial_cells_table_row', ['table_label', 'row_label'], unique=False)
            batch_op.drop_column('table_ref')
            batch_op.alter_column(
                'table_label', new_column_name=_RENAMED[table], existing_type=sa.String(length=10),
                nullable=table != 'financial_cells',
            )
    op.execute("ALTER TABLE extracted_tables RENAME COLUMN table_label TO table_id")
    # ### end Alembic commands ###
