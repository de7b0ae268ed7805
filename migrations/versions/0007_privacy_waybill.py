"""Privacy waybills (隐私面单): a business line's default for masking the recipient's phone on its
labels, and each order's own choice (none: as its line decides).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 14:10:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite allows NOT NULL with a default): a batch copy of business_lines or
    # orders fails its foreign keys once other rows point at them, i.e. on every real database.
    op.add_column('business_lines', sa.Column('privacy_waybill', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column('orders', sa.Column('privacy_waybill', sa.Boolean(), nullable=True))


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35+): Alembic copies the table on SQLite, and the copy's DROP TABLE
    # fails its foreign keys once orders, lines and events point at the rows.
    for table in ('orders', 'business_lines'):
        if op.get_bind().dialect.name == 'sqlite':
            op.execute(f'ALTER TABLE {table} DROP COLUMN privacy_waybill')
        else:
            op.drop_column(table, 'privacy_waybill')
