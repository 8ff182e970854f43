"""What a page may ask of the window that hosts it, and how a page is declared.

Pages are built by a factory that receives the host; they never import the main window, so the shell depends on
the feature rooms and never the other way round.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtWidgets import QStatusBar, QWidget

from desktop.domain import Actor
from ui.app.settings import Settings
from ui.dashboard.notifier import Notifier
from ui.data.workbench import Workbench


class Host(Protocol):
    """The main window as its pages see it."""

    workbench: Workbench
    settings: Settings
    notifier: Notifier

    @property
    def actor(self) -> Actor: ...

    def open_incident(self, incident_id: int, tab: str = "") -> None: ...

    def set_page_count(self, key: str, count: int) -> None: ...

    def apply_settings(self) -> None: ...

    def statusBar(self) -> QStatusBar: ...


@dataclass(frozen=True)
class PageSpec:
    """A page behind the navigation: a key, a translated title, and a factory `(host) -> QWidget`.

    A page may define `tick(now)` (called every second while the window runs) and `activated()` (when shown).
    """

    key: str
    title: str  # already translated
    factory: Callable[[Host], QWidget]
    shortcut: str = ""
    visible: Callable[[Host], bool] = lambda _w: True  # e.g. admin pages: lambda w: w.actor.has("admin")
