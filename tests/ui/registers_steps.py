"""Steps the register window tests share: open a register page, save its form, log a monitoring entry."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.ui.conftest import ime_type, settle


def show_register(qtbot: Any, window: Any, worker: Any, key: str) -> Any:
    window.show_page(key)
    page = window.pages[key]
    qtbot.waitUntil(lambda: page.loaded_once if hasattr(page, "loaded_once") else True, timeout=5000)
    settle(qtbot, worker)
    return page


def save_form(qtbot: Any, worker: Any, dialog: Any) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    settle(qtbot, worker)


def add_entry(qtbot: Any, worker: Any, page: Any, title: str, excerpt: str) -> None:
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.form
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    ime_type(dialog.inputs["title"], title)
    ime_type(dialog.inputs["excerpt"], excerpt)
    qtbot.keyClicks(dialog.inputs["url"], "https://weibo.com/1234567890/Abc")
    dialog.inputs["reads"].setValue(52000)
    dialog.inputs["reposts"].setValue(830)
    save_form(qtbot, worker, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: page.selected() is not None and page.selected().title == title, timeout=5000)
