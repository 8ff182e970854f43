"""The statistics page (统计): the figures as charts in the account's scope, a period switch that changes the
series, and the 声誉风险管理工作报告 printed from it through the preview."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCharts import QBarSeries
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtTest import QTest
from sqlalchemy import select

from desktop.db.models import AuditEntry
from desktop.timeutil import now_utc, to_cst
from tests.ui.conftest import settle


def _month_values(page: Any) -> list[float]:
    series = page.charts["month"].series()
    assert len(series) == 1 and isinstance(series[0], QBarSeries)
    bar_set = series[0].barSets()[0]
    return [bar_set.at(i) for i in range(bar_set.count())]


def _open(qtbot: Any, window: Any) -> Any:
    page = window.pages["statistics"]
    if window.current_key() == "statistics":  # a later window opens on the page the settings last saw
        qtbot.waitUntil(lambda: page.figures is not None, timeout=10000)
        return page
    window.activateWindow()  # the shortcut belongs to the active window
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        QTest.keySequence(window, "Ctrl+5")  # the navigation's shortcut
    assert window.current_key() == "statistics"
    return page


def test_statistics_page_switches_period_and_the_series_follow(qtbot: Any, make_window: Any) -> None:
    window = make_window("fenhang")  # a branch leader: the whole branch
    page = _open(qtbot, window)
    year = to_cst(now_utc()).year
    figures = page.figures
    assert figures.kind == "annual" and figures.first.year == year
    assert "全辖" in page.scope.text()
    # twelve months, and the bars add up to the year's incidents (the example incidents happened minutes ago)
    months = _month_values(page)
    assert len(months) == 12 and sum(months) == figures.total > 0
    assert str(figures.total) in page.summary.text()
    # a quarter: three bars, the quarter's own count
    quarter = (to_cst(now_utc()).month - 1) // 3
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.kind.setCurrentIndex(page.kind.findData("quarterly"))
    assert page.quarter.isVisible()
    assert page.figures.kind == "quarterly" and len(_month_values(page)) == 3
    assert _month_values(page) == months[3 * quarter:3 * quarter + 3]
    assert sum(_month_values(page)) == page.figures.total > 0  # the example's latest incident is minutes old
    # another quarter: its own three months of the year's bars
    other = (quarter + 1) % 4
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.quarter.setCurrentIndex(other)
    assert page.figures.first.month == 3 * other + 1
    assert _month_values(page) == months[3 * other:3 * other + 3]
    assert sum(_month_values(page)) == page.figures.total
    # two years back by the year box: before the example's closed year (the twelve months before now), nothing
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.kind.setCurrentIndex(page.kind.findData("annual"))
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.year.setValue(year - 2)
    assert page.figures.first.year == year - 2 and page.figures.total == 0
    assert len(_month_values(page)) == 12 and sum(_month_values(page)) == 0


def test_a_unit_account_sees_only_its_area(qtbot: Any, make_window: Any) -> None:
    whole = _open(qtbot, make_window("fenhang")).figures
    page = _open(qtbot, make_window("jingban"))  # the remote lead department: the secondary branch's area
    assert "保定分行" in page.scope.text() and "全辖" not in page.scope.text()
    assert 0 < page.figures.total < whole.total


def test_print_the_work_report_from_the_page(qtbot: Any, make_window: Any, demo_db: Any, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window("fenhang")
    page = _open(qtbot, window)
    target = tmp_path / "工作报告.pdf"
    monkeypatch.setattr("ui.printing.preview.save_file_name", lambda *a, **k: str(target))
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    dialog = page.preview
    qtbot.waitUntil(lambda: dialog.printed is not None, timeout=20000)
    assert dialog.document.status() == QPdfDocument.Status.Ready
    assert dialog.document.pageCount() >= 2
    assert "声誉风险管理工作报告" in dialog.windowTitle()
    with qtbot.waitSignal(dialog.pane.sentOut, timeout=10000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window.workbench.worker)
    data = target.read_bytes()
    assert data == dialog.printed.pdf
    # the print is in the hash-chained record, with who printed it and the PDF's hash
    with demo_db.read() as s:
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "work_report.print")).scalars().one()
    assert entry.actor_name == "孙立新"
    assert hashlib.sha256(data).hexdigest() in entry.after
    dialog.close()


def test_an_incident_recorded_while_the_page_is_open_moves_the_figures(qtbot: Any, make_window: Any) -> None:
    from datetime import timedelta

    from desktop.services import incidents

    window = make_window("bangongshi")  # the branch office: the whole branch
    page = _open(qtbot, window)
    before = page.figures.total
    actor = window.workbench.actor
    occurred = now_utc() - timedelta(minutes=3)

    def record(session: Any) -> Any:
        return incidents.create_incident(session, actor, {
            "title": "网点门前客户聚集拉横幅", "unit_id": actor.unit_id,
            "occurred_at": occurred, "severity": "general", "source": "other"})

    with qtbot.waitSignal(page.loaded, timeout=10000):
        window.workbench.write(record)
    assert page.figures.total == before + 1
    assert sum(_month_values(page)) == before + 1
