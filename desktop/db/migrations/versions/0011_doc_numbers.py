"""doc_numbers: document numbers (发文字号) given from each issuing unit's yearly sequence at signing

Revision ID: 0011_doc_numbers
Revises: 0014_incident_counters
Create Date: 2026-11-28 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desktop.db.types

revision = '0011_doc_numbers'
down_revision = '0014_incident_counters'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('doc_numbers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=60), nullable=False),
    sa.Column('assigned_at', desktop.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_doc_numbers_unit_id_units')),
    sa.ForeignKeyConstraint(['version_id'], ['document_versions.id'],
                            name=op.f('fk_doc_numbers_version_id_document_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_doc_numbers')),
    sa.UniqueConstraint('unit_id', 'year', 'seq', name=op.f('uq_doc_numbers_unit_id')),
    sa.UniqueConstraint('version_id', name=op.f('uq_doc_numbers_version_id'))
    )


def downgrade() -> None:
    op.drop_table('doc_numbers')
