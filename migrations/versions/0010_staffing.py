"""Staffing: days marked for the forecast, shift templates, agents' limits, shift plans and their shifts.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 03:17:10.234682
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('shift_templates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('start_minute', sa.Integer(), nullable=False),
    sa.Column('length_minutes', sa.Integer(), nullable=False),
    sa.Column('breaks', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.CheckConstraint('length_minutes > 0 AND length_minutes <= 960', name=op.f('ck_shift_templates_length_minutes')),
    sa.CheckConstraint('start_minute >= 0 AND start_minute < 1440', name=op.f('ck_shift_templates_start_minute')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shift_templates')),
    sa.UniqueConstraint('name', name=op.f('uq_shift_templates_name'))
    )
    op.create_table('shift_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('first_day', sa.Date(), nullable=False),
    sa.Column('last_day', sa.Date(), nullable=False),
    sa.Column('interval_minutes', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('zone', sa.String(length=64), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'published')", name=op.f('ck_shift_plans_status')),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_shift_plans_created_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shift_plans'))
    )
    op.create_table('staffing_agents',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('max_hours_week', sa.Integer(), nullable=False),
    sa.Column('min_rest_hours', sa.Integer(), nullable=False),
    sa.Column('available', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_staffing_agents_user_id_users')),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_staffing_agents'))
    )
    op.create_table('staffing_special_days',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('business_line_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('holiday', 'campaign')", name=op.f('ck_staffing_special_days_kind')),
    sa.ForeignKeyConstraint(['business_line_id'], ['business_lines.id'], name=op.f('fk_staffing_special_days_business_line_id_business_lines')),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_staffing_special_days_created_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staffing_special_days')),
    sa.UniqueConstraint('day', 'kind', 'business_line_id', name='uq_staffing_special_days_day_kind_line')
    )
    with op.batch_alter_table('staffing_special_days', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staffing_special_days_day'), ['day'], unique=False)

    op.create_table('planned_shifts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('template_id', sa.Integer(), nullable=True),
    sa.Column('start_at', sa.DateTime(), nullable=False),
    sa.Column('end_at', sa.DateTime(), nullable=False),
    sa.Column('breaks', sa.Text(), nullable=False),
    sa.Column('edited_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['edited_by'], ['users.id'], name=op.f('fk_planned_shifts_edited_by_users')),
    sa.ForeignKeyConstraint(['plan_id'], ['shift_plans.id'], name=op.f('fk_planned_shifts_plan_id_shift_plans'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['template_id'], ['shift_templates.id'], name=op.f('fk_planned_shifts_template_id_shift_templates')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_planned_shifts_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_planned_shifts')),
    sa.UniqueConstraint('plan_id', 'user_id', 'day', name='uq_planned_shifts_one_shift_a_day')
    )
    with op.batch_alter_table('planned_shifts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_planned_shifts_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_planned_shifts_start_at'), ['start_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_planned_shifts_user_id'), ['user_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('planned_shifts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_planned_shifts_user_id'))
        batch_op.drop_index(batch_op.f('ix_planned_shifts_start_at'))
        batch_op.drop_index(batch_op.f('ix_planned_shifts_plan_id'))

    op.drop_table('planned_shifts')
    with op.batch_alter_table('staffing_special_days', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staffing_special_days_day'))

    op.drop_table('staffing_special_days')
    op.drop_table('staffing_agents')
    op.drop_table('shift_plans')
    op.drop_table('shift_templates')
