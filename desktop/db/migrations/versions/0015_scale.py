"""indexes for every query the window and the commands make; the change counter

Revision ID: 0015_scale
Revises: 0012_accountability
Create Date: 2026-11-29 22:00:00
"""

from __future__ import annotations

from alembic import op

revision = '0015_scale'
down_revision = '0012_accountability'
branch_labels = None
depends_on = None


# (name, table, columns): the same indexes desktop/db/models.py declares after its tables.
INDEXES = (
    ('ix_incidents_status_occurred_at', 'incidents', ['status', 'occurred_at']),
    ('ix_incidents_unit_occurred_at', 'incidents', ['unit_id', 'occurred_at']),
    ('ix_incidents_severity_occurred_at', 'incidents', ['severity', 'occurred_at']),
    ('ix_incidents_business_dept_id', 'incidents', ['business_dept_id']),
    ('ix_incidents_created_by_id', 'incidents', ['created_by_id']),
    ('ix_audit_log_entity', 'audit_log', ['entity', 'entity_id']),
    ('ix_document_versions_created_by_state', 'document_versions', ['created_by_id', 'state']),
)


def upgrade() -> None:
    # plain CREATE INDEX (no batch copy): SQLite and PostgreSQL both add an index in place
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
