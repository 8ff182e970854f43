"""Drafts of unsaved form input, queued on the database worker; the queries are `desktop.services.drafts`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop.services.drafts import discard_draft, load_draft, save_draft
from ui.data.worker import DbWorker


class DraftStore:
    """Saving, loading and discarding one account's drafts, queued on the database worker."""

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
