"""UI fixtures: the example database, one database worker per test, the real main window as `jingban`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture
def settings(tmp_path: Path) -> Any:
    from ui.app.settings import Settings

    return Settings(QSettings(str(tmp_path / "repdesk.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def worker(demo_db: Any) -> Iterator[Any]:
    from ui.data.worker import DbWorker

    w = DbWorker(demo_db)
    yield w
    w.stop()


def login(db: Any, username: str) -> Any:
    from desktop.services import accounts

    with db.session() as s:
        return accounts.authenticate(s, username, "repdesk2026")


@pytest.fixture
def make_window(qtbot: Any, demo_db: Any, worker: Any, settings: Any) -> Iterator[Any]:
    from ui.shell.main_window import MainWindow

    made: list[Any] = []

    def make(username: str = "jingban", managed: bool = True) -> Any:
        window = MainWindow(demo_db, login(demo_db, username), settings, worker)
        if managed:  # an unmanaged window is one the test destroys itself
            qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.workbench.snapshot.at is not None, timeout=5000)
        made.append(window)
        return window

    yield make
    from shiboken6 import isValid

    for window in made:
        if not isValid(window):
            continue
        window.clock.stop()
        window.workbench.shutdown()
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=5000)


@pytest.fixture
def window(make_window: Any) -> Any:
    return make_window("jingban")


def settle(qtbot: Any, worker: Any) -> None:
    """Wait until the database worker has answered everything queued so far."""
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=5000)


def ime_type(widget: Any, text: str) -> None:
    """Chinese arrives through the input method, as a committed string (QTest.keyClicks is ASCII only)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
