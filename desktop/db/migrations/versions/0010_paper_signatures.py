"""paper_signatures: a unit head's wet-ink signature on a printed version, recorded with a scan (3.3.1, 3.3.3)

Revision ID: 0010_paper_signatures
Revises: 0004_reminder_acks
Create Date: 2026-11-27 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desktop.db.types

revision = '0010_paper_signatures'
down_revision = '0004_reminder_acks'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('paper_signatures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('signer_name', sa.String(length=60), nullable=False),
    sa.Column('signed_at', desktop.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_by_name', sa.String(length=60), nullable=False),
    sa.Column('recorded_at', desktop.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('scan', sa.LargeBinary(), nullable=False),
    sa.Column('scan_sha256', sa.String(length=64), nullable=False),
    sa.Column('scan_filename', sa.String(length=255), nullable=False),
    sa.Column('scan_mime', sa.String(length=100), nullable=False),
    sa.Column('scan_size', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'],
                            name=op.f('fk_paper_signatures_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['version_id'], ['document_versions.id'],
                            name=op.f('fk_paper_signatures_version_id_document_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_paper_signatures')),
    sa.UniqueConstraint('version_id', name=op.f('uq_paper_signatures_version_id'))
    )


def downgrade() -> None:
    op.drop_table('paper_signatures')
