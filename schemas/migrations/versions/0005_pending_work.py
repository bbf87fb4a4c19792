"""pending cross-document work

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('pending_work',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('task', sa.String(length=20), nullable=False),
    sa.Column('since', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['sha256'], ['documents.sha256'], name=op.f('fk_pending_work_sha256_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('sha256', 'task', name=op.f('pk_pending_work'))
    )


def downgrade() -> None:
    op.drop_table('pending_work')
