"""Unsaved form input kept in the `drafts` table, per account and form, so a crash or power cut loses nothing."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop.db.models import Draft
from desktop.timeutil import now_utc


def save_draft(session: Session, owner: str, key: str, payload: dict[str, Any]) -> None:
    """One draft per account and form: a later save replaces the earlier one."""
    text = json.dumps(payload, ensure_ascii=False, default=str)
    row = session.execute(select(Draft).where(Draft.owner == owner, Draft.key == key)).scalar_one_or_none()
    if row is None:
        session.add(Draft(owner=owner, key=key, payload=text, updated_at=now_utc()))
    else:
        row.payload, row.updated_at = text, now_utc()


def load_draft(session: Session, owner: str, key: str) -> dict[str, Any] | None:
    row = session.execute(select(Draft).where(Draft.owner == owner, Draft.key == key)).scalar_one_or_none()
    return json.loads(row.payload) if row is not None else None


def discard_draft(session: Session, owner: str, key: str) -> None:
    session.execute(delete(Draft).where(Draft.owner == owner, Draft.key == key))
