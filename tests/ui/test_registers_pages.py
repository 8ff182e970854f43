"""Every register page opens from the navigation, reads its rows in the worker and shows them; the media directory
is filled from the incidents' media records; the accountability page lists the evaluations' 6.1 items."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.registers_steps import show_register

PAGES = {"monitoring": "舆情监测", "complaints": "投诉台账", "media": "媒体与发言人", "prevention": "预防工作",
         "accountability": "责任追究"}


@pytest.mark.parametrize("key", list(PAGES))
def test_each_register_page_is_in_the_navigation_and_loads(qtbot: Any, window: Any, worker: Any, key: str) -> None:
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert PAGES[key] in titles
    page = show_register(qtbot, window, worker, key)
    registers = list(page.pages.values()) if hasattr(page, "pages") else [page]
    for register in registers:
        if hasattr(page, "tabs"):
            page.tabs.setCurrentWidget(register)
        qtbot.waitUntil(lambda r=register: r.loaded_once, timeout=5000)
        assert not register.error.isVisible(), register.error.text()


def test_the_media_directory_is_filled_from_the_incidents(qtbot: Any, window: Any, worker: Any, demo_db: Any) -> None:
    from desktop.registers import media

    with demo_db.session() as s:
        known = media.directory(s, window.workbench.actor)
    tabs = show_register(qtbot, window, worker, "media")
    page = tabs.pages["journalists"]
    tabs.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.loaded_once and page.model.rowCount() == len(known), timeout=5000)
    asked = [j for j in known if j.inquiries]
    if asked:  # the example incidents' reporters, with what they asked
        row = next(i for i in range(page.model.rowCount()) if page.model.row_at(i).key == asked[0].key)
        page.view.selectRow(row)
        qtbot.waitUntil(lambda: len(page.step_rows) == len(asked[0].inquiries), timeout=5000)
        assert page.step_rows[0][1] == asked[0].inquiries[0].incident_number
