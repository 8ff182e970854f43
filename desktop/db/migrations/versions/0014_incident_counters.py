"""incident_counters: per-year counter for incident numbers, seeded from the numbers already given

Revision ID: 0014_incident_counters
Revises: 0010_paper_signatures
Create Date: 2026-12-01 09:00:00
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = '0014_incident_counters'
down_revision = '0010_paper_signatures'
branch_labels = None
depends_on = None


def upgrade() -> None:
    counters = op.create_table('incident_counters',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('next_value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'year', name=op.f('pk_incident_counters'))
    )
    # Seed from the numbers given so far (compared as numbers: the text max stops sorting past 9999).
    highest: dict[int, int] = {}
    for (number,) in op.get_bind().execute(sa.text("SELECT number FROM incidents")):
        match = re.fullmatch(r"SY(\d{4})-(\d+)", number or "")
        if match:
            year, seq = int(match.group(1)), int(match.group(2))
            highest[year] = max(highest.get(year, 0), seq)
    if highest:
        op.bulk_insert(counters, [{"kind": "incident", "year": y, "next_value": s + 1} for y, s in highest.items()])


def downgrade() -> None:
    op.drop_table('incident_counters')
