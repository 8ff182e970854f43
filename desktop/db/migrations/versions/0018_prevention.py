"""prevention registers: training, drills, screenings, sweeps, plan reviews, follow-ups

Revision ID: 0018_prevention
Revises: 0017_registers
Create Date: 2026-11-29 22:00:00
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

import desktop.db.types

revision = '0018_prevention'
down_revision = '0017_registers'
branch_labels = None
depends_on = None

UID_TABLES = ('prevention_drills', 'prevention_followups', 'prevention_plan_reviews', 'prevention_screenings',
              'prevention_sweeps', 'prevention_trainings')


def upgrade() -> None:
    op.create_table('prevention_drills',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('scenario', sa.String(length=200), nullable=False),
    sa.Column('held_at', desktop.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('units', sa.Text(), nullable=False),
    sa.Column('participants', sa.Integer(), nullable=False),
    sa.Column('findings', sa.Text(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by_name', sa.String(length=60), nullable=False),
    sa.Column('recorded_at', desktop.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('withdrawn_at', desktop.db.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('withdrawn_by_name', sa.String(length=60), nullable=False),
    sa.Column('withdraw_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_prevention_drills_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_prevention_drills_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prevention_drills'))
    )
    op.create_index(op.f('ix_prevention_drills_held_at'), 'prevention_drills', ['held_at'])
    op.create_index(op.f('ix_prevention_drills_unit_id'), 'prevention_drills', ['unit_id'])
    op.create_table('prevention_followups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_kind', sa.String(length=20), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('owner', sa.String(length=60), nullable=False),
    sa.Column('action', sa.Text(), nullable=False),
    sa.Column('due_at', desktop.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('closed_at', desktop.db.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_by_name', sa.String(length=60), nullable=False),
    sa.Column('close_note', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by_name', sa.String(length=60), nullable=False),
    sa.Column('recorded_at', desktop.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_prevention_followups_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_prevention_followups_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prevention_followups'))
    )
    op.create_index('ix_prevention_followups_source', 'prevention_followups', ['source_kind', 'source_id'])
    op.create_index(op.f('ix_prevention_followups_state'), 'prevention_followups', ['state'])
    op.create_index(op.f('ix_prevention_followups_unit_id'), 'prevention_followups', ['unit_id'])
    op.create_table('prevention_plan_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('plan_name', sa.String(length=200), nullable=False),
    sa.Column('reviewed_at', desktop.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('conclusion', sa.String(length=20), nullable=False),
    sa.Column('changes', sa.Text(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by_name', sa.String(length=60), nullable=False),
    sa.Column('recorded_at', desktop.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('withdrawn_at', desktop.db.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('withdrawn_by_name', sa.String(length=60), nullable=False),
    sa.Column('withdraw_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_prevention_plan_reviews_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_prevention_plan_reviews_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prevention_plan_reviews'))
    )
    op.create_index(op.f('ix_prevention_plan_reviews_unit_id'), 'prevention_plan_reviews', ['unit_id'])
    op.create_table('prevention_screenings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('subject_kind', sa.String(length=20), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('launch_at', desktop.db.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('assessment', sa.Text(), nullable=False),
    sa.Column('risk_level', sa.String(length=10), nullable=False),
    sa.Column('verdict', sa.String(length=20), nullable=False),
    sa.Column('measures', sa.Text(), nullable=False),
    sa.Column('leader_id', sa.Integer(), nullable=False),
    sa.Column('leader_name', sa.String(length=60), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_by_name', sa.String(length=60), nullable=False),
    sa.Column('decided_at', desktop.db.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decision_comment', sa.Text(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by_name', sa.String(length=60), nullable=False),
    sa.Column('recorded_at', desktop.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('withdrawn_at', desktop.db.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('withdrawn_by_name', sa.String(length=60), nullable=False),
    sa.Column('withdraw_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_prevention_screenings_decided_by_id_users')),
    sa.ForeignKeyConstraint(['leader_id'], ['users.id'], name=op.f('fk_prevention_screenings_leader_id_users')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_prevention_screenings_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_prevention_screenings_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prevention_screenings'))
    )
    op.create_index(op.f('ix_prevention_screenings_leader_id'), 'prevention_screenings', ['leader_id'])
    op.create_index(op.f('ix_prevention_screenings_state'), 'prevention_screenings', ['state'])
    op.create_index(op.f('ix_prevention_screenings_unit_id'), 'prevention_screenings', ['unit_id'])
    op.create_table('prevention_sweeps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=200), nullable=False),
    sa.Column('held_at', desktop.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('findings', sa.Text(), nullable=False),
    sa.Column('issues_found', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by_name', sa.String(length=60), nullable=False),
    sa.Column('recorded_at', desktop.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('withdrawn_at', desktop.db.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('withdrawn_by_name', sa.String(length=60), nullable=False),
    sa.Column('withdraw_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_prevention_sweeps_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_prevention_sweeps_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prevention_sweeps'))
    )
    op.create_index(op.f('ix_prevention_sweeps_held_at'), 'prevention_sweeps', ['held_at'])
    op.create_index(op.f('ix_prevention_sweeps_unit_id'), 'prevention_sweeps', ['unit_id'])
    op.create_table('prevention_trainings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('held_at', desktop.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('participants', sa.Integer(), nullable=False),
    sa.Column('hours', sa.Double(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by_name', sa.String(length=60), nullable=False),
    sa.Column('recorded_at', desktop.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('withdrawn_at', desktop.db.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('withdrawn_by_name', sa.String(length=60), nullable=False),
    sa.Column('withdraw_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_prevention_trainings_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_prevention_trainings_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prevention_trainings'))
    )
    op.create_index(op.f('ix_prevention_trainings_held_at'), 'prevention_trainings', ['held_at'])
    op.create_index(op.f('ix_prevention_trainings_unit_id'), 'prevention_trainings', ['unit_id'])
    # desktop.exchange: prevention rows travel between installations by a stable id, unique where set.
    for table in UID_TABLES:
        op.create_index(f'ix_{table}_uid', table, ['uid'], unique=True)
    # A major incident's leadership group travels with it: existing members get their ids now.
    op.add_column('leadership_members', sa.Column('uid', sa.String(length=32), nullable=True))
    bind = op.get_bind()
    ids = [row[0] for row in bind.execute(sa.text('SELECT id FROM leadership_members'))]
    if ids:
        bind.execute(sa.text('UPDATE leadership_members SET uid = :uid WHERE id = :id'),
                     [{'uid': uuid.uuid4().hex, 'id': i} for i in ids])
    op.create_index('ix_leadership_members_uid', 'leadership_members', ['uid'], unique=True)


def downgrade() -> None:
    op.drop_index('ix_leadership_members_uid', table_name='leadership_members')
    with op.batch_alter_table('leadership_members') as batch:
        batch.drop_column('uid')
    for table in UID_TABLES:
        op.drop_index(f'ix_{table}_uid', table_name=table)
    op.drop_index(op.f('ix_prevention_trainings_unit_id'), table_name='prevention_trainings')
    op.drop_index(op.f('ix_prevention_trainings_held_at'), table_name='prevention_trainings')
    op.drop_table('prevention_trainings')
    op.drop_index(op.f('ix_prevention_sweeps_unit_id'), table_name='prevention_sweeps')
    op.drop_index(op.f('ix_prevention_sweeps_held_at'), table_name='prevention_sweeps')
    op.drop_table('prevention_sweeps')
    op.drop_index(op.f('ix_prevention_screenings_unit_id'), table_name='prevention_screenings')
    op.drop_index(op.f('ix_prevention_screenings_state'), table_name='prevention_screenings')
    op.drop_index(op.f('ix_prevention_screenings_leader_id'), table_name='prevention_screenings')
    op.drop_table('prevention_screenings')
    op.drop_index(op.f('ix_prevention_plan_reviews_unit_id'), table_name='prevention_plan_reviews')
    op.drop_table('prevention_plan_reviews')
    op.drop_index(op.f('ix_prevention_followups_unit_id'), table_name='prevention_followups')
    op.drop_index(op.f('ix_prevention_followups_state'), table_name='prevention_followups')
    op.drop_index('ix_prevention_followups_source', table_name='prevention_followups')
    op.drop_table('prevention_followups')
    op.drop_index(op.f('ix_prevention_drills_unit_id'), table_name='prevention_drills')
    op.drop_index(op.f('ix_prevention_drills_held_at'), table_name='prevention_drills')
    op.drop_table('prevention_drills')
