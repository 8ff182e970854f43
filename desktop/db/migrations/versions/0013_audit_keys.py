"""audit_keys: each audit entry's HMAC under the installation key, kept outside the database

Revision ID: 0013_audit_keys
Revises: 0011_doc_numbers
Create Date: 2026-12-01 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0013_audit_keys'
down_revision = '0011_doc_numbers'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: the entries written before this revision stay as they are (the record is never rewritten); the
    # verifier reports them as unkeyed.
    with op.batch_alter_table('audit_log') as batch_op:
        batch_op.add_column(sa.Column('mac', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('audit_log') as batch_op:
        batch_op.drop_column('mac')
