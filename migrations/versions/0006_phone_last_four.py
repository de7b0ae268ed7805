"""The last four digits of each phone, stored and indexed: agents find a customer by "the last four
digits?" (alone, or with the start of the name) from the index, as the pop finds a number.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 09:12:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('customer_phones', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_four', sa.String(length=4), nullable=True))
    # Stored numbers are E.164 (they end in digits), so this equals core.phone.last_four_of.
    op.execute("UPDATE customer_phones SET last_four = substr(e164, length(e164) - 3)")
    with op.batch_alter_table('customer_phones', schema=None) as batch_op:
        batch_op.alter_column('last_four', existing_type=sa.String(length=4), nullable=False)
        batch_op.create_index('ix_customer_phones_last_four_customer', ['last_four', 'customer_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('customer_phones', schema=None) as batch_op:
        batch_op.drop_index('ix_customer_phones_last_four_customer')
        batch_op.drop_column('last_four')
