"""The incident list reads a page at a time: more incidents than one page, fetched as the user scrolls, sorted by
the database on a header click, counted by the database, and exported whole (not only the rows read so far)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog

from desktop.domain import SYSTEM, IncidentStatus
from desktop.services import incidents, org
from desktop.services.incidents import IncidentFilter
from tests.ui.conftest import login, settle
from ui.incidents import list_page
from ui.incidents.models import RECORD_ROLE

# A smaller page than the window's 200 keeps the example quick; the paging is the same code.
PAGE = 25
EXTRA = 2 * PAGE + 17  # three pages and a bit, with the example's own incidents


@pytest.fixture
def many(demo_db: Any, monkeypatch: pytest.MonkeyPatch) -> int:
    """EXTRA more incidents, recorded by the branch office's clerk through the service layer in one transaction,
    spread over 2025 (every tenth one 重大), at units across the organisation."""
    monkeypatch.setattr(list_page, "PAGE", PAGE)
    clerk = login(demo_db, "bangongshi").actor()
    start = datetime(2025, 1, 1, 1, 0, tzinfo=UTC)

    def add(session: Any) -> int:
        units = [u.id for u in org.list_units(session) if u.kind in ("outlet", "sub_branch", "branch")] \
            or [u.id for u in org.list_units(session)]
        for i in range(EXTRA):
            incidents.create_incident(session, clerk, {
                "title": f"分页样本事件{i:03d}", "unit_id": units[i % len(units)],
                "occurred_at": start + timedelta(hours=17 * i), "severity": "major" if i % 10 == 0 else "general",
                "source": "complaint"})
        return EXTRA

    return int(demo_db.run(add))


def _numbers(page: Any) -> list[str]:
    return [page.model.index(i, 0).data() for i in range(page.model.rowCount())]


def _scroll_to_end(qtbot: Any, worker: Any, page: Any) -> None:
    """Drag the scroll bar to the end until the view has asked for one more page and it has come. Again while
    nothing is on its way: right after a reset the view lays itself out later, and a scroll bar still at its old
    maximum does not move (a busy machine showed it)."""
    before = page.model.rowCount()

    def arrived() -> bool:
        if worker.pending:
            return False
        if page.model.rowCount() > before or not page.model.canFetchMore():
            return True
        page.view.scrollToBottom()
        bar = page.view.verticalScrollBar()
        bar.setValue(bar.maximum())  # what dragging the scroll bar to the end does: the view asks for more
        return False

    qtbot.waitUntil(arrived, timeout=5000)
    settle(qtbot, worker)


def _click_header(qtbot: Any, page: Any, column: int) -> None:
    header = page.view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_the_list_fetches_pages_as_the_user_scrolls_and_sorts_in_the_database(
        qtbot: Any, make_window: Any, worker: Any, demo_db: Any, many: int, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window("hangzhang")  # sees every incident
    window.show_page("incidents")
    page = window.pages["incidents"]
    settle(qtbot, worker)
    with demo_db.read() as s:
        open_ = incidents.list_incidents(s, SYSTEM, status=IncidentStatus.OPEN)
    total = len(open_)
    assert total > 2 * PAGE
    # the first page only, and the count the database made
    assert page.model.rowCount() == PAGE and page.count.text() == f"共 {total} 件"
    assert _numbers(page) == [r.number for r in open_[:PAGE]]  # newest first, as list_incidents orders them
    _scroll_to_end(qtbot, worker, page)
    assert page.model.rowCount() == 2 * PAGE
    _scroll_to_end(qtbot, worker, page)
    assert page.model.rowCount() == total and not page.model.canFetchMore()
    assert _numbers(page) == [r.number for r in open_]

    # a click on the number header: the database sorts everything, and the list starts again at its first page
    _click_header(qtbot, page, 0)
    settle(qtbot, worker)
    order = page.view.horizontalHeader().sortIndicatorOrder()
    every = sorted((r.number for r in open_), reverse=order == Qt.SortOrder.DescendingOrder)
    _is_first_pages(page, every)
    _click_header(qtbot, page, 0)  # the other way round
    settle(qtbot, worker)
    _is_first_pages(page, list(reversed(every)))
    before = page.model.rowCount()
    _scroll_to_end(qtbot, worker, page)
    assert page.model.rowCount() > before
    _is_first_pages(page, list(reversed(every)), everything=True)

    # a filter: counted and paged by the database too
    page.severity.setCurrentIndex(page.severity.findData("major"))
    settle(qtbot, worker)
    with demo_db.read() as s:
        majors = incidents.count_incidents(s, SYSTEM, IncidentFilter(status=IncidentStatus.OPEN, severity="major"))
    assert majors > 1 and page.count.text() == f"共 {majors} 件" and page.model.rowCount() == majors
    assert all(page.model.index(i, 0).data(RECORD_ROLE).severity == "major" for i in range(majors))

    # the export holds every incident the filters let through, in the shown order, not only the rows read
    page.severity.setCurrentIndex(page.severity.findData(None))
    page.status.setCurrentIndex(page.status.findData(None))
    settle(qtbot, worker)
    assert page.model.rowCount() < PAGE * 3
    everything = len(incidents_all := _all(demo_db))
    assert page.count.text() == f"共 {everything} 件"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(tmp_path / "全部"), "")))
    with qtbot.waitSignal(page.exported, timeout=20000):
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    rows = list(openpyxl.load_workbook(tmp_path / "全部.xlsx").active.iter_rows(values_only=True))
    shown_order = sorted(incidents_all, reverse=order != Qt.SortOrder.DescendingOrder)
    assert [r[0] for r in rows[1:]] == shown_order
    assert [r[0] for r in rows[1:page.model.rowCount() + 1]] == _numbers(page)


def _is_first_pages(page: Any, order: list[str], everything: bool = False) -> None:
    """Whole pages from the start of `order` (the view asks for as many as fill it), not all unless scrolled."""
    shown = page.model.rowCount()
    assert (shown % PAGE == 0 and 0 < shown < len(order)) or (everything and shown == len(order))
    assert _numbers(page) == order[:shown]


def _all(db: Any) -> list[str]:
    with db.read() as s:
        return [r.number for r in incidents.list_incidents(s, SYSTEM)]
