"""Every table model passes qtmodeltester; the dashboard's clock logic flips states at the right instants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt

from desktop.services import deadline_board as dl
from desktop.services import incidents
from desktop.timeutil import now_utc
from ui.dashboard.model import COL_COUNTDOWN, STATE_ROLE, DeadlineTableModel
from ui.dashboard.proxy import DeadlineFilterProxy
from ui.incidents.models import EventTableModel, IncidentListModel, OpinionRow, OpinionTableModel

T0 = datetime(2026, 3, 2, 1, 15, tzinfo=UTC)


def _row(rule_id: str = "3.2.1", kind: str = "deadline", limit_min: int = 30,
         due: datetime | None = None) -> dl.DeadlineRow:
    due = due or T0 + timedelta(minutes=limit_min)
    return dl.DeadlineRow(1, "SY2026-0001", "测试", 5, "中山路支行", 2, None, "general", rule_id, rule_id, "报告",
                          kind, "事发单位", "reported_to_lead", due, limit_min * 60.0, due.timestamp())


def _records(db: Any) -> list[Any]:
    from desktop.domain import SYSTEM

    with db.read() as s:
        return incidents.list_incidents(s, SYSTEM)


def test_deadline_model_passes_modeltester(qtmodeltester: Any, demo_db: Any) -> None:
    model = DeadlineTableModel()
    model.set_rows(dl.build_rows(_records(demo_db), now_utc()), now_utc().timestamp())
    assert model.rowCount() > 5
    qtmodeltester.check(model)
    proxy = DeadlineFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)


def test_incident_models_pass_modeltester(qtmodeltester: Any, demo_db: Any) -> None:
    records = _records(demo_db)
    listing = IncidentListModel()
    listing.set_rows(records)
    qtmodeltester.check(listing)
    events = EventTableModel()
    events.set_rows(max(records, key=lambda r: len(r.events)).events)
    qtmodeltester.check(events)
    opinions = OpinionTableModel()
    opinions.set_rows([OpinionRow("微博", "标题", T0, "1万", "负面", "张伟")])
    qtmodeltester.check(opinions)


def test_due_soon_is_half_the_limit_or_the_minutes_whichever_comes_first() -> None:
    thr = dl.Thresholds()
    assert thr.soon_seconds(30 * 60) == 900  # half of 30 minutes beats the 10 minutes
    assert thr.soon_seconds(2 * 3600) == 3600
    assert dl.Thresholds(45).soon_seconds(30 * 60) == 2700  # 45 minutes come first: amber from the start
    row = _row()
    due = row.due_ts
    assert dl.state_at(row, due - 900, thr) == dl.COMFORTABLE  # exactly half left: not yet less than half
    assert dl.state_at(row, due - 899, thr) == dl.DUE_SOON
    assert dl.state_at(row, due - 13 * 60, thr) == dl.DUE_SOON  # 13 minutes left on a 30-minute rule
    assert dl.state_at(row, due, thr) == dl.DUE_SOON  # exactly at due_at is still pending
    assert dl.state_at(row, due + 1, thr) == dl.OVERDUE
    assert dl.state_at(_row("x", "immediate", 0), due + 999, thr) == dl.IMMEDIATE
    assert dl.state_at(_row("w", "window", 240), T0.timestamp(), thr) == dl.WINDOW


def test_tick_emits_only_changed_states_and_visible_countdowns(qtbot: Any) -> None:
    rows = [_row("a", limit_min=30), _row("b", limit_min=240)]
    model = DeadlineTableModel()
    model.set_rows(rows, T0.timestamp())
    changes: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(lambda a, b, _r=None: changes.append((a.row(), a.column(), b.row(), b.column())))
    entered: list[str] = []
    model.stateEntered.connect(lambda _row, state: entered.append(state))
    model.tick(T0.timestamp() + 60, visible=(0, 1))
    assert changes == [(0, COL_COUNTDOWN, 0, COL_COUNTDOWN), (1, COL_COUNTDOWN, 1, COL_COUNTDOWN)]
    changes.clear()
    model.tick(T0.timestamp() + 20 * 60 + 1, visible=(0, -1))  # row a: 10 minutes left
    assert changes == [(0, 0, 0, 7)]
    assert model.data(model.index(0, 0), STATE_ROLE) == dl.DUE_SOON
    model.tick(T0.timestamp() + 31 * 60, visible=(0, -1))
    assert model.data(model.index(0, 0), STATE_ROLE) == dl.OVERDUE
    assert entered == [dl.DUE_SOON, dl.OVERDUE]
    assert model.counts[dl.OVERDUE] == 1
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole).name() == "#fde2e1"
