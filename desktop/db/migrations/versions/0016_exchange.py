"""exchange between installations: installation keys, peers, stable ids, received packages, conflicts

Revision ID: 0016_exchange
Revises: 0015_scale
Create Date: 2026-11-29 22:00:00
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = '0016_exchange'
down_revision = '0015_scale'
branch_labels = None
depends_on = None

# Every table whose rows travel between installations: each row gets an id it keeps everywhere.
UID_TABLES = ('incidents', 'incident_events', 'media_contacts', 'opinion_entries', 'appeasements', 'documents',
              'document_versions', 'approval_decisions', 'paper_signatures')


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy): nullable columns are added in place on both SQLite and PostgreSQL.
    op.add_column('incidents', sa.Column('uid', sa.String(length=32), nullable=True))
    op.add_column('incidents', sa.Column('origin', sa.String(length=32), server_default='', nullable=False))
    for table in UID_TABLES[1:]:
        op.add_column(table, sa.Column('uid', sa.String(length=32), nullable=True))
    bind = op.get_bind()
    for table in UID_TABLES:
        ids = [row[0] for row in bind.execute(sa.text(f'SELECT id FROM {table}'))]
        if ids:
            bind.execute(sa.text(f'UPDATE {table} SET uid = :uid WHERE id = :id'),
                         [{'uid': uuid.uuid4().hex, 'id': i} for i in ids])
        op.create_index(f'ix_{table}_uid', table, ['uid'], unique=True)
    op.create_index('ix_incidents_origin', 'incidents', ['origin'])

    op.create_table('exchange_peers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_code', sa.String(length=32), nullable=False),
    sa.Column('unit_name', sa.String(length=120), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('installation', sa.String(length=32), nullable=True),
    sa.Column('sign_public', sa.String(length=64), nullable=False),
    sa.Column('box_public', sa.String(length=64), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('enrol_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_received_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_peers')),
    sa.UniqueConstraint('installation', name=op.f('uq_exchange_peers_installation')),
    sa.UniqueConstraint('unit_code', name=op.f('uq_exchange_peers_unit_code'))
    )
    op.create_table('exchange_known',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('peer_id', sa.Integer(), nullable=False),
    sa.Column('entity', sa.String(length=30), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('package_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['peer_id'], ['exchange_peers.id'], name=op.f('fk_exchange_known_peer_id_exchange_peers'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_known')),
    sa.UniqueConstraint('peer_id', 'entity', 'uid', name='uq_exchange_known_peer_entity_uid')
    )
    op.create_table('exchange_packages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('package_uid', sa.String(length=32), nullable=False),
    sa.Column('peer_id', sa.Integer(), nullable=False),
    sa.Column('direction', sa.String(length=3), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('processed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('counts', sa.Text(), nullable=False),
    sa.Column('items', sa.Text(), nullable=False),
    sa.Column('acknowledged_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['peer_id'], ['exchange_peers.id'],
                            name=op.f('fk_exchange_packages_peer_id_exchange_peers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_packages')),
    sa.UniqueConstraint('package_uid', name=op.f('uq_exchange_packages_package_uid'))
    )
    op.create_index(op.f('ix_exchange_packages_peer_id'), 'exchange_packages', ['peer_id'], unique=False)
    op.create_table('exchange_conflicts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('peer_id', sa.Integer(), nullable=False),
    sa.Column('entity', sa.String(length=30), nullable=False),
    sa.Column('entity_uid', sa.String(length=32), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=False),
    sa.Column('local_value', sa.Text(), nullable=False),
    sa.Column('remote_value', sa.Text(), nullable=False),
    sa.Column('detected_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolved_by_name', sa.String(length=60), nullable=False),
    sa.Column('chosen', sa.String(length=10), nullable=False),
    sa.Column('chosen_value', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'],
                            name=op.f('fk_exchange_conflicts_incident_id_incidents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['peer_id'], ['exchange_peers.id'],
                            name=op.f('fk_exchange_conflicts_peer_id_exchange_peers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_conflicts'))
    )
    op.create_index(op.f('ix_exchange_conflicts_incident_id'), 'exchange_conflicts', ['incident_id'], unique=False)
    op.create_table('exchange_received_audit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('peer_id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('incident_uid', sa.String(length=32), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('mac', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['peer_id'], ['exchange_peers.id'],
                            name=op.f('fk_exchange_received_audit_peer_id_exchange_peers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_received_audit')),
    sa.UniqueConstraint('peer_id', 'entry_id', name='uq_exchange_received_audit_peer_entry')
    )


def downgrade() -> None:
    op.drop_table('exchange_received_audit')
    op.drop_index(op.f('ix_exchange_conflicts_incident_id'), table_name='exchange_conflicts')
    op.drop_table('exchange_conflicts')
    op.drop_index(op.f('ix_exchange_packages_peer_id'), table_name='exchange_packages')
    op.drop_table('exchange_packages')
    op.drop_table('exchange_known')
    op.drop_table('exchange_peers')
    op.drop_index('ix_incidents_origin', table_name='incidents')
    for table in reversed(UID_TABLES):
        op.drop_index(f'ix_{table}_uid', table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column('uid')
            if table == 'incidents':
                batch.drop_column('origin')
