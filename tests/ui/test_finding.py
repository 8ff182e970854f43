"""Finding things through the widgets: the window's search box, the incident list's and the dashboard's
filters, the incident list's export to Excel."""

from __future__ import annotations

from datetime import date, timedelta, timezone
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.domain import IncidentStatus
from desktop.services import incidents
from tests.ui.conftest import ime_type, settle
from ui.dashboard.model import ROW_ROLE, STATE_ROLE
from ui.incidents.models import RECORD_ROLE
from ui.shell.search import ID_ROLE

CST = timezone(timedelta(hours=8))


def _hits(box: Any) -> list[int]:
    return [box.popup.item(i).data(ID_ROLE) for i in range(box.popup.count()) if box.popup.item(i).data(ID_ROLE)]


def test_the_search_box_finds_a_journalist_from_any_page_and_opens_the_incident(qtbot: Any, window: Any) -> None:
    window.show_page("approvals")
    box = window.search
    ime_type(box, "孙晓")
    qtbot.waitUntil(lambda: box.popup.isVisible() and len(_hits(box)) == 1, timeout=5000)
    assert "记者：孙晓" in box.popup.item(0).text() and "飞单" in box.popup.item(0).text()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.incident_page.record is not None and "飞单" in window.incident_page.record.title)
    assert window.stack.currentWidget() is window.incident_page
    assert box.text() == "" and not box.popup.isVisible()


def test_the_search_box_is_chosen_from_the_keyboard(qtbot: Any, window: Any) -> None:
    box = window.search
    shortcuts = {s.toString() for s in window.find_action.shortcuts()}
    assert {"Ctrl+K", QKeySequence(QKeySequence.StandardKey.Find).toString()} <= shortcuts
    window.find_action.trigger()
    ime_type(box, "SY")
    qtbot.waitUntil(lambda: box.popup.isVisible() and len(_hits(box)) >= 2, timeout=5000)  # jingban: Baoding's
    second = _hits(box)[1]
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.popup.currentRow() == 1
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.incident_page.record is not None and window.incident_page.record.id == second)


def test_the_search_box_finds_nothing_outside_the_users_area(qtbot: Any, window: Any) -> None:
    box = window.search
    ime_type(box, "王先生")  # the customer of a Shijiazhuang incident: not jingban's to see
    qtbot.waitUntil(lambda: box.popup.isVisible() and box.popup.count() == 1, timeout=5000)
    assert _hits(box) == [] and "没有找到" in box.popup.item(0).text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert not box.popup.isVisible()


def _list_page(qtbot: Any, window: Any, worker: Any) -> Any:
    window.show_page("incidents")
    page = window.pages["incidents"]
    settle(qtbot, worker)
    return page


def _titles(page: Any) -> list[str]:
    return [page.model.index(i, 1).data() for i in range(page.model.rowCount())]


def _choose(qtbot: Any, worker: Any, combo: Any, data: object) -> None:
    combo.setCurrentIndex(combo.findData(data))
    settle(qtbot, worker)


def test_the_incident_list_filters_by_state_severity_unit_date_and_text(qtbot: Any, make_window: Any,
                                                                        worker: Any) -> None:
    window = make_window("hangzhang")  # sees every incident
    page = _list_page(qtbot, window, worker)
    with window.workbench.db.read() as s:  # the example's year, counted from the database
        every = incidents.list_incidents(s, window.workbench.actor)
    assert page.model.rowCount() == 3 and page.count.text() == "共 3 件"  # the open ones
    _choose(qtbot, worker, page.status, None)
    assert page.model.rowCount() == len(every) > 40
    _choose(qtbot, worker, page.status, "closed")
    closed_titles = sorted(r.title for r in every if r.status == IncidentStatus.CLOSED)
    assert sorted(_titles(page)) == closed_titles and "客户投诉网点排队时间过长并在微博发帖" in closed_titles
    _choose(qtbot, worker, page.status, None)
    _choose(qtbot, worker, page.severity, "major")
    major_titles = sorted(r.title for r in every if r.severity == "major")
    assert sorted(_titles(page)) == major_titles and "媒体记者就保定营业部“飞单”传闻采访" in major_titles
    _choose(qtbot, worker, page.severity, None)
    baoding = next(u.id for u in window.workbench.units if u.name == "华夏银行保定分行")
    _choose(qtbot, worker, page.unit, baoding)  # the units under it along
    in_baoding = sorted(r.title for r in every if r.unit_name.startswith("保定"))
    assert sorted(_titles(page)) == in_baoding
    assert {"客户在朝阳支行大厅拍摄视频投诉理财收益", "媒体记者就保定营业部“飞单”传闻采访"} <= set(in_baoding)
    _choose(qtbot, worker, page.unit, None)
    page.dates.set_range(date(2020, 1, 1), date(2020, 1, 31))
    settle(qtbot, worker)
    assert page.model.rowCount() == 0 and page.count.text() == "共 0 件"
    with window.workbench.db.read() as s:  # the window holds open incidents only: a closed one from the database
        closed = incidents.list_incidents(s, window.workbench.actor, status=IncidentStatus.CLOSED)[0]
    day = closed.occurred_at.astimezone(CST).date()
    page.dates.set_range(day, day)
    settle(qtbot, worker)
    assert closed.title in _titles(page)
    assert all(page.model.index(i, 0).data(RECORD_ROLE).occurred_at.astimezone(CST).date() == day
               for i in range(page.model.rowCount()))
    page.dates.set_range(None, None)
    settle(qtbot, worker)
    ime_type(page.search, "孙晓")  # a journalist: searched in the database like the window's search box
    qtbot.waitUntil(lambda: _titles(page) == ["媒体记者就保定营业部“飞单”传闻采访"], timeout=5000)


def _read(path: Path) -> list[list[Any]]:
    return [list(r) for r in openpyxl.load_workbook(path).active.iter_rows(values_only=True)]


HEADERS = ["编号", "标题", "事发单位", "级别", "来源", "事发时间（北京时间）", "状态", "牵头部门"]


def test_export_writes_exactly_the_shown_rows_in_their_order(qtbot: Any, make_window: Any, worker: Any,
                                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window("hangzhang")
    page = _list_page(qtbot, window, worker)
    _choose(qtbot, worker, page.status, None)
    page.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by number, as the user clicked the header
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(tmp_path / "事件"), "")))
    with qtbot.waitSignal(page.exported, timeout=10000) as written:
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert written.args == [str(tmp_path / "事件.xlsx")]
    rows = _read(tmp_path / "事件.xlsx")
    assert rows[0] == HEADERS
    shown = [page.model.index(i, 0).data(RECORD_ROLE) for i in range(page.model.rowCount())]
    with window.workbench.db.read() as s:
        assert len(rows) == 1 + len(shown) == 1 + len(incidents.list_incidents(s, window.workbench.actor))
    assert [r[0] for r in rows[1:]] == sorted(r.number for r in shown)
    for row, record in zip(rows[1:], shown, strict=True):
        assert row[0] == record.number and row[1] == record.title and row[2] == record.unit_name
        assert row[3] == ("重大" if record.severity == "major" else "一般")
        assert row[5] == record.occurred_at.astimezone(CST).replace(tzinfo=None)  # Beijing wall-clock time
        assert row[6] == ("已结束" if record.status == "closed" else "处置中")
    _choose(qtbot, worker, page.severity, "major")
    with qtbot.waitSignal(page.exported, timeout=10000):
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    rows = _read(tmp_path / "事件.xlsx")
    majors = [page.model.index(i, 1).data() for i in range(page.model.rowCount())]
    assert [r[1] for r in rows[1:]] == majors and "媒体记者就保定营业部“飞单”传闻采访" in majors


def test_export_to_a_missing_folder_says_so(qtbot: Any, window: Any, worker: Any, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    page = _list_page(qtbot, window, worker)
    shown: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(tmp_path / "no" / "such" / "x.xlsx"), "")))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a: shown.append(text)))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "无法导出" in shown[0] and "无法写入" in shown[0] and page.export_button.isEnabled()


def _dashboard_rows(page: Any) -> list[tuple[Any, str]]:
    return [(page.proxy.index(i, 0).data(ROW_ROLE), page.proxy.index(i, 0).data(STATE_ROLE))
            for i in range(page.proxy.rowCount())]


def test_the_dashboard_filters_by_state_severity_and_date(qtbot: Any, make_window: Any) -> None:
    window = make_window("hangzhang")
    page = window.pages["dashboard"]
    everything = _dashboard_rows(page)
    assert everything
    by_state = 0
    for i in range(1, page.state.count()):
        page.state.setCurrentIndex(i)
        wanted = set(page.state.currentData().split(","))
        rows = _dashboard_rows(page)
        assert all(state in wanted for _, state in rows)
        by_state += len(rows)
    assert by_state == len(everything)
    page.state.setCurrentIndex(0)
    page.severity.setCurrentIndex(page.severity.findData("major"))
    rows = _dashboard_rows(page)
    assert rows and all(row.severity == "major" for row, _ in rows)
    assert len(rows) == sum(1 for row, _ in everything if row.severity == "major")
    page.severity.setCurrentIndex(page.severity.findData(None))
    page.dates.set_range(date(2020, 1, 1), date(2020, 1, 31))
    assert page.proxy.rowCount() == 0 and not page.empty.isHidden()
    days = sorted({row.occurred_at.astimezone(CST).date() for row, _ in everything})
    page.dates.set_range(days[0], days[0])
    rows = _dashboard_rows(page)
    assert rows and all(row.occurred_at.astimezone(CST).date() == days[0] for row, _ in rows)
    page.dates.set_range(None, None)
    assert page.proxy.rowCount() == len(everything)
