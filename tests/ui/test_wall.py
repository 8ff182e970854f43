"""The duty wall and the dashboard readable at 1366x768, 1920x1080 and 3840x2160, in Chinese and English: the
state, countdown, due time and article are never cut; colours from the one status function, the queue included."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QTableView

from desktop.services import deadline_board as dl
from desktop.services.approvals import QueueItem
from ui.app.theme import state_brushes
from ui.dashboard.delegate import FastCellDelegate
from ui.dashboard.model import COL_COUNTDOWN, COL_STATE, PROTECTED, STATE_ROLE, DeadlineTableModel

SIZES = [(1366, 768), (1920, 1080), (3840, 2160)]
DELEGATE_PAD = 12  # FastCellDelegate draws inside the cell less 6 px a side
LONG_TITLE = ("Customers filmed a protest at the Baoding Chaoyang sub-branch and posted the video on several "
              "short-video platforms, where it was shared widely")


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest, qapp: Any) -> Iterator[str]:
    from ui.app import i18n

    i18n.install_translators(qapp, request.param)
    try:
        yield request.param
    finally:
        i18n.install_translators(qapp, "zh_CN")


def _extreme_rows(rows: list[dl.DeadlineRow], now: datetime) -> list[dl.DeadlineRow]:
    """The demo's rows and the widest a real day brings: two-article rules, long titles, a countdown days
    overdue, an immediate duty a day old, windows open and lapsed."""
    base = rows[0]
    extra = [
        replace(base, rule_id="x-overdue", article="4.2.2.1(1), 4.2.2.2(1)", title=LONG_TITLE, kind="deadline",
                due_at=now - timedelta(hours=150, minutes=59), limit_seconds=1800.0),
        replace(base, rule_id="x-immediate", article="4.3.1, 4.3.4(1)", title=LONG_TITLE, kind="immediate",
                due_at=now - timedelta(hours=30, minutes=12, seconds=3), limit_seconds=0.0),
        replace(base, rule_id="x-window", article="4.3.4(4)", kind="window", due_at=now + timedelta(hours=5),
                limit_seconds=6 * 3600.0),
        replace(base, rule_id="x-lapsed", article="4.3.4(4)", kind="window", due_at=now - timedelta(hours=50),
                limit_seconds=6 * 3600.0),
        replace(base, rule_id="x-soon", article="4.2.2.1(4), 4.2.2.2(4)", kind="deadline",
                due_at=now + timedelta(minutes=13), limit_seconds=1800.0),
    ]
    extra = [replace(r, due_ts=r.due_at.timestamp()) for r in extra]
    return sorted(extra + rows, key=lambda r: r.due_ts)


def _load_extremes(window: Any) -> Any:
    """The real load path (Workbench.loaded -> DashboardPage.on_loaded) with the extreme rows added."""
    page = window.pages["dashboard"]
    snap = window.workbench.snapshot
    assert snap.at is not None
    window.workbench.snapshot = replace(snap, rows=_extreme_rows(list(snap.rows), snap.at))
    page.on_loaded()
    return page


def _uncut(view: QTableView, label: str) -> int:
    """Every visible cell of the protected columns holds its text whole; returns the cells checked."""
    model = view.model()
    regular = QFont(view.font())
    heavy = QFont(regular)
    heavy.setBold(True)
    viewport = view.viewport().width()
    first, last = view.rowAt(0), view.rowAt(view.viewport().height() - 1)
    last = last if last >= 0 else model.rowCount() - 1
    assert first == 0 and last >= 0, label
    checked = 0
    for col in PROTECTED:
        assert not view.isColumnHidden(col), (label, col)
        width = view.columnWidth(col)
        # The whole column on screen, not scrolled off the right edge.
        assert view.columnViewportPosition(col) + width <= viewport, (label, col, width, viewport)
        heading = str(model.headerData(col, Qt.Orientation.Horizontal))
        assert QFontMetrics(_bold(view.horizontalHeader().font())).horizontalAdvance(heading) + 8 <= width, \
            (label, heading)
        metrics = QFontMetrics(heavy if col in (COL_STATE, COL_COUNTDOWN) else regular)
        for row in range(first, last + 1):
            text = model.index(row, col).data()
            assert metrics.horizontalAdvance(text) + DELEGATE_PAD <= width, (label, col, text, width)
            checked += 1
    return checked


def _bold(font: QFont) -> QFont:
    heavy = QFont(font)
    heavy.setBold(True)
    return heavy


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_wall_and_dashboard_never_cut_state_countdown_due_or_article(
        qtbot: Any, language: str, make_window: Any, width: int, height: int) -> None:
    from ui.dashboard.view import DutyWall

    window = make_window("jingban")
    window.resize(width, height)
    window.show_page("dashboard")
    page = _load_extremes(window)
    qtbot.waitUntil(lambda: page.view.viewport().width() > width * 0.6)
    assert isinstance(page.view.itemDelegate(), FastCellDelegate)
    page.tick(window.workbench.snapshot.at + timedelta(seconds=1))
    assert _uncut(page.view, f"dashboard {width}x{height} {language}") > 20
    assert any("4.2.2.1(1), 4.2.2.2(1)" == page.proxy.index(r, 3).data() for r in range(page.proxy.rowCount()))

    wall = DutyWall(page.proxy, window.settings.wall_font_pt)
    qtbot.addWidget(wall)
    wall.resize(width, height)
    wall.show()
    qtbot.waitUntil(lambda: wall.view.viewport().width() > width * 0.8)
    page.wall = wall
    page.on_loaded()  # a reload while the wall is up refits it
    checked = _uncut(wall.view, f"wall {width}x{height} {language}")
    assert checked >= 4 * 5
    # The type scales with the screen: about the setting's size on 1080 lines, twice that on 2160.
    pt = wall.view.font().pointSizeF()
    expected = window.settings.wall_font_pt * height / 1080
    assert pt <= expected + 0.01
    if language == "zh_CN" or height > 768:
        assert pt >= 0.8 * expected, (pt, expected)
    # Readable from across the room: rows at least 2.5 % of the screen's height.
    assert wall.view.rowHeight(0) >= 0.025 * height
    page.wall = None
    wall.close()


def test_the_font_follows_the_screen_height(qtbot: Any, make_window: Any) -> None:
    from ui.dashboard.view import DutyWall

    window = make_window("jingban")
    page = window.pages["dashboard"]
    sizes = {}
    for width, height in SIZES:
        wall = DutyWall(page.proxy, 22)
        qtbot.addWidget(wall)
        wall.resize(width, height)
        wall.show()
        qtbot.waitUntil(lambda w=wall, h=height: w.height() == h)
        sizes[height] = wall.view.font().pointSizeF()
        wall.close()
    assert sizes[768] < sizes[1080] < sizes[2160]
    assert sizes[2160] == pytest.approx(2 * sizes[1080], rel=0.02)


def test_the_dashboard_model_walks_a_30_minute_rule_green_amber_red(qtbot: Any) -> None:
    t0 = datetime(2026, 3, 2, 1, 15, tzinfo=UTC)
    due = t0 + timedelta(minutes=30)
    row = dl.DeadlineRow(1, "SY2026-0001", "测试", 5, "中山路支行", 2, None, "general", "3.2.1", "3.2.1", "报告",
                         "deadline", "事发单位", "reported_to_lead", due, 1800.0, due.timestamp())
    model = DeadlineTableModel()
    model.set_rows([row], t0.timestamp())
    seen = []
    for minutes_left, state, text in ((20, dl.COMFORTABLE, "0:20:00"), (15, dl.COMFORTABLE, "0:15:00"),
                                      (13, dl.DUE_SOON, "0:13:00"), (0, dl.DUE_SOON, "0:00:00")):
        model.tick((due - timedelta(minutes=minutes_left)).timestamp())
        seen.append((model.index(0, 0).data(STATE_ROLE), model.index(0, COL_COUNTDOWN).data()))
        assert seen[-1] == (state, text), minutes_left
        assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) == state_brushes(state)[0]
    model.tick((due + timedelta(seconds=38)).timestamp())
    assert (model.index(0, 0).data(STATE_ROLE), model.index(0, COL_COUNTDOWN).data()) == (dl.OVERDUE, "超 0:00:38")
    assert model.index(0, 0).data() == "已超时"


def _queue_item(rule_kind: str, due_at: datetime, limit: float) -> QueueItem:
    return QueueItem(
        version_id=1, document_id=1, incident_id=1, incident_number="SY2026-0001", incident_title="测试",
        kind="written_report", kind_label="书面报告", stage_label="首报", version_number=1, sha256="0" * 64,
        action="sign", action_label="签发", step="unit_head_sign", step_label="单位主要负责人签发",  # type: ignore[arg-type]
        step_article="3.3.3", drafter_name="李晓梅", submitted_at=due_at, rule_id="3.3.1", rule_article="3.3.1, 3.3.3",
        due_at=due_at, rule_kind=rule_kind, limit_seconds=limit)


def test_the_queue_shows_an_immediate_duty_as_immediate(qtbot: Any) -> None:
    from ui.approvals.model import ApprovalQueueModel

    became_due = datetime(2026, 3, 2, 1, 25, tzinfo=UTC)
    model = ApprovalQueueModel()
    model.set_rows([_queue_item("immediate", became_due, 0.0),
                    _queue_item("deadline", became_due + timedelta(minutes=30), 1800.0)])
    model.tick(became_due + timedelta(seconds=38))
    countdown, due = model.index(0, model.COUNTDOWN), model.index(0, model.DUE)
    assert countdown.data() == "立即（已过 0:00:38）"  # not "超 0:00:38"
    assert due.data() == "立即"
    immediate_fg = state_brushes(dl.IMMEDIATE)[1]
    assert countdown.data(Qt.ItemDataRole.ForegroundRole) == immediate_fg
    # The timed duty beside it, through the same function: amber at 13 of 30 minutes left, then red.
    model.tick(became_due + timedelta(minutes=17))
    timed = model.index(1, model.COUNTDOWN)
    assert timed.data() == "0:13:00" and timed.data(Qt.ItemDataRole.ForegroundRole) == state_brushes(dl.DUE_SOON)[1]
    model.tick(became_due + timedelta(minutes=31))
    assert timed.data() == "超 0:01:00" and timed.data(Qt.ItemDataRole.ForegroundRole) == state_brushes(dl.OVERDUE)[1]
    assert model.index(0, model.COUNTDOWN).data() == "立即（已过 0:31:00）"


def test_f11_opens_the_wall_on_the_whole_screen_and_closes_it(qtbot: Any, make_window: Any) -> None:
    window = make_window("jingban")
    page = window.pages["dashboard"]
    window.toggle_wall()  # F11
    wall = page.wall
    assert wall is not None
    qtbot.waitUntil(lambda: wall.isVisible() and wall.size() == window.screen().geometry().size())
    assert _uncut(wall.view, "wall on the screen") > 0
    window.toggle_wall()
    qtbot.waitUntil(lambda: page.wall is None)


def test_the_incident_chart_words_open_duties_like_the_dashboard(qtbot: Any) -> None:
    from desktop.rules.loader import default_ruleset
    from desktop.rules.model import RuleStatus
    from ui.incidents.timeline_chart import TimelineChart

    rules = default_ruleset()
    occurred = datetime(2026, 3, 2, 1, 15, tzinfo=UTC)
    report, written = rules.rule("3.2.1"), rules.rule("3.3.1")
    statuses = [RuleStatus(report, occurred + report.limit, "pending", None),
                RuleStatus(written, occurred + timedelta(minutes=5), "pending", None)]
    chart = TimelineChart()
    qtbot.addWidget(chart)
    chart.set_data(occurred, statuses, (), occurred + timedelta(minutes=17))  # 13 of 30 minutes left
    assert chart.look(statuses[0]) == (state_brushes(dl.DUE_SOON)[1].name(), "即将到期")
    assert chart.look(statuses[1]) == (state_brushes(dl.IMMEDIATE)[1].name(), "立即办理")
    chart.set_now(occurred + timedelta(minutes=31))
    assert chart.look(statuses[0])[1] == "已超时"
    chart.resize(900, chart.height())
    chart.grab()  # paints with them
