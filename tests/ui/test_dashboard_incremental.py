"""The countdown table after the first load changes only the rows that differ: removed, inserted and changed rows
are signalled one by one, never a reset; the clock heap survives it and does not grow over ticks and reloads."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from desktop.services import deadline_board as dl
from ui.dashboard.model import COL_INCIDENT, STATE_ROLE, DeadlineTableModel

T0 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def _row(incident_id: int, rule: str, minutes: float, title: str = "事件") -> dl.DeadlineRow:
    due = T0 + timedelta(minutes=minutes)
    return dl.DeadlineRow(
        incident_id=incident_id, number=f"SY2026-{incident_id:04d}", title=title, unit_id=1, unit_name="中山支行",
        lead_unit_id=None, business_dept_id=None, severity="general", rule_id=rule, article="4.2.2.1", label=rule,
        kind="deadline", responsible="事发机构", done_by="x", due_at=due, limit_seconds=3600.0,
        due_ts=due.timestamp())


def _sorted(rows: list[dl.DeadlineRow]) -> list[dl.DeadlineRow]:
    return sorted(rows, key=lambda r: (r.due_ts, r.incident_id, r.rule_id))


class Spy:
    def __init__(self, model: DeadlineTableModel) -> None:
        self.events: list[tuple[str, int, int]] = []
        model.modelReset.connect(lambda: self.events.append(("reset", 0, 0)))
        model.rowsInserted.connect(lambda _p, a, b: self.events.append(("insert", a, b)))
        model.rowsRemoved.connect(lambda _p, a, b: self.events.append(("remove", a, b)))
        model.dataChanged.connect(lambda a, b, _r=None: self.events.append(("change", a.row(), b.row())))


def _texts(model: DeadlineTableModel) -> list[str]:
    return [model.index(i, COL_INCIDENT).data() for i in range(model.rowCount())]


def test_a_reload_changes_only_the_rows_that_differ(qtbot: Any) -> None:
    model = DeadlineTableModel()
    rows = _sorted([_row(i, r, 10 * i + k) for i in range(1, 21) for k, r in enumerate(("a", "b", "c"))])
    model.set_rows(rows, T0.timestamp())
    spy = Spy(model)
    # Incident 5's title changes (rows stay in place), incident 7 closes (its rows go), incident 30 is new.
    new = [replace(r, title="改过的标题") if r.incident_id == 5 else r for r in rows if r.incident_id != 7]
    new = _sorted(new + [_row(30, "a", 55), _row(30, "b", 400)])
    model.set_rows(new, T0.timestamp())
    kinds = [e[0] for e in spy.events]
    assert "reset" not in kinds
    assert [e for e in spy.events if e[0] == "remove"] == [("remove", 18, 20)]  # incidents 1-6 come first
    assert kinds.count("insert") == 2
    changed_rows = {a for kind, a, b in spy.events if kind == "change" and a == b}
    assert changed_rows == {i for i, r in enumerate(new) if r.incident_id == 5}
    assert model.rows() == new
    assert _texts(model) == [f"{r.number} {r.title}" for r in new]
    assert model.counts.total() == len(new)


def test_a_moved_row_is_removed_and_inserted_in_its_new_place(qtbot: Any) -> None:
    model = DeadlineTableModel()
    rows = _sorted([_row(i, "a", 10 * i) for i in range(1, 6)])
    model.set_rows(rows, T0.timestamp())
    spy = Spy(model)
    moved = _sorted([replace(r, due_ts=r.due_ts + 3600 * 5) if r.incident_id == 2 else r for r in rows])
    model.set_rows(moved, T0.timestamp())
    assert [e[0] for e in spy.events] == ["remove", "insert"]
    assert model.rows() == moved and model.rows()[-1].incident_id == 2


def test_ticks_and_reloads_keep_states_right_and_the_heap_small(qtbot: Any) -> None:
    model = DeadlineTableModel(dl.Thresholds(10))
    rows = _sorted([_row(i, "a", 30 + i) for i in range(1, 41)])
    model.set_rows(rows, T0.timestamp())
    entered: list[tuple[int, str]] = []
    model.stateEntered.connect(lambda row, state: entered.append((row.incident_id, state)))
    now = T0.timestamp()
    for step in range(200):
        now += 30
        model.tick(now)
        if step % 10 == 0:  # a reload in which one incident's duty moves later, as an event recorded would
            victim = step // 10 + 1
            rows = _sorted([replace(r, due_ts=r.due_ts + 60, due_at=r.due_at + timedelta(minutes=1))
                            if r.incident_id == victim else r for r in rows])
            model.set_rows(rows, now)
        states = [dl.state_at(r, now, model.thresholds) for r in model.rows()]
        assert [model.index(i, 0).data(STATE_ROLE) for i in range(model.rowCount())] == states
        assert len(model._heap) <= 2 * model.rowCount() + 64
    assert {state for _i, state in entered} == {dl.DUE_SOON, dl.OVERDUE}
