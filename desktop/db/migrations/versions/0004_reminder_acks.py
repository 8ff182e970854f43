"""reminder_acks: each user's "知道了" to a deadline reminder (incident, rule, state entered), kept across restarts

Revision ID: 0004_reminder_acks
Revises: 0003
Create Date: 2026-11-26 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desktop.db.types

revision = '0004_reminder_acks'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('reminder_acks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('rule_id', sa.String(length=60), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('acknowledged_at', desktop.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_reminder_acks_incident_id_incidents'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_reminder_acks_user_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_acks')),
    sa.UniqueConstraint('user_id', 'incident_id', 'rule_id', 'state', name='uq_reminder_acks_user_key')
    )
    with op.batch_alter_table('reminder_acks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminder_acks_incident_id'), ['incident_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('reminder_acks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminder_acks_incident_id'))

    op.drop_table('reminder_acks')
