"""Unsaved form input kept in the `drafts` table, per account and form, so a crash or power cut loses nothing."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop.db.models import Draft
from desktop.errors import ValidationError
from desktop.timeutil import now_utc
from desktop.validation import mapping, text


def _keys(owner: str, key: str) -> tuple[str, str]:
    return text(owner, "draft_owner"), text(key, "draft_key")


def save_draft(session: Session, owner: str, key: str, payload: dict[str, Any]) -> None:
    """One draft per account and form: a later save replaces the earlier one."""
    owner, key = _keys(owner, key)
    payload = mapping(payload, "payload", 500)
    try:
        stored = json.dumps(payload, ensure_ascii=False, default=str)
    except (TypeError, ValueError):  # a non-text key, a cycle: nothing a form would keep
        raise ValidationError("payload", "草稿内容无法保存") from None
    row = session.execute(select(Draft).where(Draft.owner == owner, Draft.key == key)).scalar_one_or_none()
    if row is None:
        session.add(Draft(owner=owner, key=key, payload=stored, updated_at=now_utc()))
    else:
        row.payload, row.updated_at = stored, now_utc()


def load_draft(session: Session, owner: str, key: str) -> dict[str, Any] | None:
    owner, key = _keys(owner, key)
    row = session.execute(select(Draft).where(Draft.owner == owner, Draft.key == key)).scalar_one_or_none()
    return json.loads(row.payload) if row is not None else None


def discard_draft(session: Session, owner: str, key: str) -> None:
    owner, key = _keys(owner, key)
    session.execute(delete(Draft).where(Draft.owner == owner, Draft.key == key))
