"""Unsaved form input kept in the `drafts` table, per account and form, so a crash or power cut loses nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop.db.models import Draft
from desktop.timeutil import now_utc
from ui.data.worker import DbWorker


def save_draft(session: Session, owner: str, key: str, payload: dict[str, Any]) -> None:
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


class DraftStore:
    """The same operations, queued on the database worker."""

    def __init__(self, worker: DbWorker, owner: str) -> None:
        self.worker = worker
        self.owner = owner

    def save(self, key: str, payload: dict[str, Any], on_saved: Callable[[Any], None] | None = None) -> None:
        owner = self.owner
        self.worker.submit(lambda s: save_draft(s, owner, key, payload), on_saved, lambda _e: None)

    def load(self, key: str, on_loaded: Callable[[dict[str, Any] | None], None]) -> None:
        owner = self.owner
        self.worker.submit(lambda s: load_draft(s, owner, key), on_loaded, lambda _e: on_loaded(None), write=False)

    def discard(self, key: str) -> None:
        owner = self.owner
        self.worker.submit(lambda s: discard_draft(s, owner, key), None, lambda _e: None)
