"""incident_events: withdrawn and corrected events stay on the timeline (who, when, why, the correction)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desktop.db.types

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('incident_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('withdrawn_at', desktop.db.types.UTCDateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('withdrawn_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('withdrawn_by_name', sa.String(length=60), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('withdraw_reason', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('superseded_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_incident_events_withdrawn_by_id_users'), 'users',
                                    ['withdrawn_by_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_incident_events_superseded_by_id_incident_events'),
                                    'incident_events', ['superseded_by_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('incident_events', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_incident_events_superseded_by_id_incident_events'),
                                 type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_incident_events_withdrawn_by_id_users'), type_='foreignkey')
        batch_op.drop_column('superseded_by_id')
        batch_op.drop_column('withdraw_reason')
        batch_op.drop_column('withdrawn_by_name')
        batch_op.drop_column('withdrawn_by_id')
        batch_op.drop_column('withdrawn_at')
