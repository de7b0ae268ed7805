"""Teams (班组): a team of agents and the supervisor who leads it, and each user's team.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 10:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('teams',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('leader_user_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['leader_user_id'], ['users.id'], name=op.f('fk_teams_leader_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_teams')),
    sa.UniqueConstraint('name', name=op.f('uq_teams_name'))
    )
    if op.get_bind().dialect.name == 'sqlite':
        # A plain ADD COLUMN with the reference inline: SQLite cannot add a constraint later, and a
        # batch copy of users fails its foreign keys once calls, orders and events point at the rows.
        op.execute(
            'ALTER TABLE users ADD COLUMN team_id INTEGER'
            ' CONSTRAINT fk_users_team_id_teams REFERENCES teams (id)'
        )
    else:
        op.add_column('users', sa.Column('team_id', sa.Integer(), nullable=True))
        op.create_foreign_key(op.f('fk_users_team_id_teams'), 'users', 'teams', ['team_id'], ['id'])
    op.create_index(op.f('ix_users_team_id'), 'users', ['team_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_users_team_id'), table_name='users')
    if op.get_bind().dialect.name == 'sqlite':
        # A plain DROP COLUMN (SQLite 3.35+), for the reason given in upgrade().
        op.execute('ALTER TABLE users DROP COLUMN team_id')
    else:
        op.drop_constraint(op.f('fk_users_team_id_teams'), 'users', type_='foreignkey')
        op.drop_column('users', 'team_id')
    op.drop_table('teams')
