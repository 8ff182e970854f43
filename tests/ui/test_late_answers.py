"""Answers from the database worker that arrive after their widget was closed and deleted are dropped: none may
touch a dead widget (a RuntimeError raised in the Qt event loop, which pytest-qt turns into a failure)."""

from __future__ import annotations

from typing import Any

import shiboken6

from tests.ui.conftest import settle


def test_a_register_page_deleted_while_its_reads_are_queued_drops_their_answers(qtbot: Any, window: Any,
                                                                               worker: Any) -> None:
    from ui.registers import monitoring
    from ui.registers.page import RegisterPage

    page = RegisterPage(window.workbench, monitoring.SPEC)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.loaded_once and page.model.rowCount() > 0, timeout=5000)
    settle(qtbot, worker)
    assert page.attachments is not None
    attachments = page.attachments
    # Queued now, answered after the page is gone: the selected row's detail and attachments, the list read
    # again and the re-selection after a save.
    page.view.selectRow(0)
    page.done("已保存", select=page.model.row_at(0))
    assert worker.pending >= 4
    shiboken6.delete(page)
    assert not shiboken6.isValid(attachments)
    settle(qtbot, worker)
    assert worker.pending == 0


def test_a_register_form_whose_choices_arrive_after_the_page_was_deleted_is_not_opened(qtbot: Any, window: Any,
                                                                                      worker: Any) -> None:
    from ui.registers import prevention
    from ui.registers.page import RegisterPage

    page = RegisterPage(window.workbench, prevention.SCREENINGS)  # its form's leaders come from the database
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.loaded_once, timeout=5000)
    settle(qtbot, worker)
    assert page.open_form() is None and worker.pending == 1
    shiboken6.delete(page)
    settle(qtbot, worker)
