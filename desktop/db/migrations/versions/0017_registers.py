"""registers: public-opinion monitoring, complaints, media directory, attachments

Revision ID: 0017_registers
Revises: 0016_exchange
Create Date: 2026-11-29 22:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desktop.db.types

revision = '0017_registers'
down_revision = '0016_exchange'
branch_labels = None
depends_on = None


def _time(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, desktop.db.types.UTCDateTime(timezone=True), nullable=nullable)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f'{target}.id'], name=op.f(f'fk_{table}_{column}_{target}'))


def upgrade() -> None:
    op.create_table(
        'monitoring_entries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        _time('observed_at'),
        sa.Column('platform', sa.String(length=20), nullable=False),
        sa.Column('url', sa.Text(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('excerpt', sa.Text(), nullable=False),
        sa.Column('reads', sa.BigInteger(), nullable=True),
        sa.Column('reposts', sa.BigInteger(), nullable=True),
        sa.Column('tone', sa.String(length=20), nullable=False),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('incident_id', sa.Integer(), nullable=True),
        sa.Column('close_reason', sa.Text(), nullable=False),
        _time('closed_at', True),
        sa.Column('closed_by_name', sa.String(length=60), nullable=False),
        sa.Column('logged_by_id', sa.Integer(), nullable=True),
        sa.Column('logged_by_name', sa.String(length=60), nullable=False),
        _time('logged_at'),
        sa.Column('supersedes_id', sa.Integer(), nullable=True),
        sa.Column('superseded_by_id', sa.Integer(), nullable=True),
        sa.Column('correction_reason', sa.Text(), nullable=False),
        sa.Column('row_version', sa.Integer(), nullable=False),
        sa.Column('uid', sa.String(length=32), nullable=True),
        _fk('monitoring_entries', 'unit_id', 'units'),
        _fk('monitoring_entries', 'incident_id', 'incidents'),
        _fk('monitoring_entries', 'logged_by_id', 'users'),
        _fk('monitoring_entries', 'supersedes_id', 'monitoring_entries'),
        _fk('monitoring_entries', 'superseded_by_id', 'monitoring_entries'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_monitoring_entries')),
    )
    for column in ('unit_id', 'observed_at', 'incident_id'):
        op.create_index(op.f(f'ix_monitoring_entries_{column}'), 'monitoring_entries', [column])

    op.create_table(
        'complaints',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        _time('received_at'),
        sa.Column('customer', sa.String(length=120), nullable=False),
        sa.Column('contact', sa.String(length=60), nullable=False),
        sa.Column('channel', sa.String(length=20), nullable=False),
        sa.Column('subject', sa.String(length=200), nullable=False),
        sa.Column('description', sa.Text(), nullable=False),
        sa.Column('amount_cents', sa.BigInteger(), nullable=True),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('result', sa.Text(), nullable=False),
        _time('result_at', True),
        sa.Column('incident_id', sa.Integer(), nullable=True),
        sa.Column('recorded_by_id', sa.Integer(), nullable=True),
        sa.Column('recorded_by_name', sa.String(length=60), nullable=False),
        _time('recorded_at'),
        sa.Column('row_version', sa.Integer(), nullable=False),
        sa.Column('uid', sa.String(length=32), nullable=True),
        _fk('complaints', 'unit_id', 'units'),
        _fk('complaints', 'incident_id', 'incidents'),
        _fk('complaints', 'recorded_by_id', 'users'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_complaints')),
    )
    for column in ('unit_id', 'received_at', 'incident_id'):
        op.create_index(op.f(f'ix_complaints_{column}'), 'complaints', [column])

    op.create_table(
        'complaint_steps',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('complaint_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        _time('at'),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('by_id', sa.Integer(), nullable=True),
        sa.Column('by_name', sa.String(length=60), nullable=False),
        _time('recorded_at'),
        sa.Column('uid', sa.String(length=32), nullable=True),
        _fk('complaint_steps', 'complaint_id', 'complaints'),
        _fk('complaint_steps', 'by_id', 'users'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_steps')),
    )
    op.create_index(op.f('ix_complaint_steps_complaint_id'), 'complaint_steps', ['complaint_id'])

    op.create_table(
        'media_outlets',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('phone', sa.String(length=60), nullable=False),
        sa.Column('address', sa.String(length=200), nullable=False),
        sa.Column('notes', sa.Text(), nullable=False),
        sa.Column('added_by_name', sa.String(length=60), nullable=False),
        _time('added_at'),
        sa.Column('uid', sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_media_outlets')),
        sa.UniqueConstraint('name', name=op.f('uq_media_outlets_name')),
    )

    op.create_table(
        'journalists',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=60), nullable=False),
        sa.Column('outlet', sa.String(length=120), nullable=False),
        sa.Column('phone', sa.String(length=60), nullable=False),
        sa.Column('email', sa.String(length=120), nullable=False),
        sa.Column('notes', sa.Text(), nullable=False),
        sa.Column('added_by_name', sa.String(length=60), nullable=False),
        _time('added_at'),
        sa.Column('uid', sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_journalists')),
    )
    op.create_index(op.f('ix_journalists_outlet'), 'journalists', ['outlet'])

    op.create_table(
        'spokespeople',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=60), nullable=False),
        sa.Column('title', sa.String(length=120), nullable=False),
        sa.Column('phone', sa.String(length=60), nullable=False),
        sa.Column('mobile', sa.String(length=60), nullable=False),
        _time('designated_at'),
        sa.Column('designated_by_name', sa.String(length=60), nullable=False),
        _time('ended_at', True),
        sa.Column('ended_by_name', sa.String(length=60), nullable=False),
        sa.Column('end_reason', sa.Text(), nullable=False),
        sa.Column('uid', sa.String(length=32), nullable=True),
        _fk('spokespeople', 'unit_id', 'units'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_spokespeople')),
    )
    op.create_index(op.f('ix_spokespeople_unit_id'), 'spokespeople', ['unit_id'])

    op.create_table(
        'attachments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('owner_kind', sa.String(length=20), nullable=False),
        sa.Column('owner_id', sa.Integer(), nullable=False),
        sa.Column('filename', sa.String(length=200), nullable=False),
        sa.Column('media_type', sa.String(length=100), nullable=False),
        sa.Column('size', sa.BigInteger(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
        sa.Column('uploaded_by_name', sa.String(length=60), nullable=False),
        _time('uploaded_at'),
        _time('withdrawn_at', True),
        sa.Column('withdrawn_by_name', sa.String(length=60), nullable=False),
        sa.Column('withdraw_reason', sa.Text(), nullable=False),
        sa.Column('uid', sa.String(length=32), nullable=True),
        _fk('attachments', 'uploaded_by_id', 'users'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_attachments')),
    )
    op.create_index('ix_attachments_owner', 'attachments', ['owner_kind', 'owner_id'])


def downgrade() -> None:
    op.drop_index('ix_attachments_owner', table_name='attachments')
    op.drop_table('attachments')
    op.drop_index(op.f('ix_spokespeople_unit_id'), table_name='spokespeople')
    op.drop_table('spokespeople')
    op.drop_index(op.f('ix_journalists_outlet'), table_name='journalists')
    op.drop_table('journalists')
    op.drop_table('media_outlets')
    op.drop_index(op.f('ix_complaint_steps_complaint_id'), table_name='complaint_steps')
    op.drop_table('complaint_steps')
    for column in ('unit_id', 'received_at', 'incident_id'):
        op.drop_index(op.f(f'ix_complaints_{column}'), table_name='complaints')
    op.drop_table('complaints')
    for column in ('unit_id', 'observed_at', 'incident_id'):
        op.drop_index(op.f(f'ix_monitoring_entries_{column}'), table_name='monitoring_entries')
    op.drop_table('monitoring_entries')
