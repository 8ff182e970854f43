"""accountability_items (6.1) and incidents.major_criteria (4.1)

Revision ID: 0012_accountability
Revises: 0013_audit_keys
Create Date: 2026-11-28 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desktop.db.types

revision = '0012_accountability'
down_revision = '0013_audit_keys'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('accountability_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('unit_name', sa.String(length=120), nullable=False),
    sa.Column('person', sa.String(length=60), nullable=False),
    sa.Column('measure', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('quarter', sa.String(length=10), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by_name', sa.String(length=60), nullable=False),
    sa.Column('recorded_at', desktop.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'],
                            name=op.f('fk_accountability_items_incident_id_incidents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'],
                            name=op.f('fk_accountability_items_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accountability_items'))
    )
    op.create_index(op.f('ix_accountability_items_incident_id'), 'accountability_items', ['incident_id'])
    with op.batch_alter_table('incidents') as batch:
        batch.add_column(sa.Column('major_criteria', sa.String(length=200), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('incidents') as batch:
        batch.drop_column('major_criteria')
    op.drop_index(op.f('ix_accountability_items_incident_id'), table_name='accountability_items')
    op.drop_table('accountability_items')
