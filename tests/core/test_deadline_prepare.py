"""`deadline_board.prepare`: what the worker works out for the dashboard and the reminder panel equals what they
would compute row by row, also when it reuses an earlier board whose instant is behind (a change fell due since)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desktop.services import deadline_board as dl

T0 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def _row(incident_id: int, rule: str, minutes: float, limit_minutes: float = 60, kind: str = "deadline"
         ) -> dl.DeadlineRow:
    due = T0 + timedelta(minutes=minutes)
    return dl.DeadlineRow(
        incident_id=incident_id, number=f"SY2026-{incident_id:04d}", title="事件", unit_id=1, unit_name="中山支行",
        lead_unit_id=None, business_dept_id=None, severity="general", rule_id=rule, article="4.2.2.1", label=rule,
        kind=kind, responsible="事发机构", done_by="x", due_at=due, limit_seconds=limit_minutes * 60,
        due_ts=due.timestamp())


def _rows() -> list[dl.DeadlineRow]:
    rows = [_row(1, "a", -30), _row(2, "a", 5), _row(3, "a", 40), _row(4, "a", 300, 600), _row(5, "i", -10, 0),
            _row(6, "w", 20, 60, "window"), _row(7, "a", 29.5), _row(8, "a", 0.5)]
    return sorted(rows, key=lambda r: (r.due_ts, r.incident_id, r.rule_id))


def _expected(rows: list[dl.DeadlineRow], now_ts: float, acknowledged: frozenset[dl.ReminderKey],
              thr: dl.Thresholds) -> tuple[list[str], list[float | None], list[tuple[dl.DeadlineRow, str]], float]:
    changes = [dl.next_change(r, now_ts, thr) for r in rows]
    return ([dl.state_at(r, now_ts, thr) for r in rows], changes, dl.reminders(rows, now_ts, acknowledged, thr),
            min((t for t in changes if t is not None), default=float("inf")))


def _check(board: dl.Board, rows: list[dl.DeadlineRow], now_ts: float, acknowledged: frozenset[dl.ReminderKey],
           thr: dl.Thresholds) -> None:
    states, changes, reminders, soonest = _expected(rows, now_ts, acknowledged, thr)
    assert board.states == states
    assert board.changes == changes
    assert board.reminders == reminders
    assert board.reminder_keys == [dl.ReminderKey(r.incident_id, r.rule_id, s) for r, s in reminders]
    assert board.next_change == soonest
    assert board.keys == [r.key for r in rows]
    # The heap holds every next change once, numbered by the row's position (the model's generations).
    assert sorted(board.heap) == sorted((t, r.key, i) for i, (r, t) in enumerate(zip(rows, changes, strict=True), 1)
                                        if t is not None)
    assert board.heap[0] == min(board.heap)
    assert board.fits(rows, now_ts, thr)


def test_prepare_equals_the_row_by_row_answers() -> None:
    rows, thr = _rows(), dl.Thresholds()
    acknowledged = frozenset({dl.ReminderKey(1, "a", dl.OVERDUE)})
    board = dl.prepare(rows, T0.timestamp(), thr, acknowledged)
    _check(board, rows, T0.timestamp(), acknowledged, thr)
    assert (rows[0].incident_id, rows[0].rule_id) == (1, "a")
    assert all(key != dl.ReminderKey(1, "a", dl.OVERDUE) for key in board.reminder_keys)  # acknowledged: quiet


def test_an_earlier_board_is_reused_only_where_nothing_fell_due() -> None:
    rows, thr = _rows(), dl.Thresholds()
    before = dl.prepare(rows, T0.timestamp(), thr, frozenset())
    # Later, a row replaced by a new object (a reload), one gone, one new; 3 minutes on, row 8 (due at 0:30)
    # is overdue, which the earlier board, where it is the same object, does not say.
    later = (T0 + timedelta(minutes=3)).timestamp()
    changed = [_row(2, "a", 50) if r.incident_id == 2 else r for r in rows if r.incident_id != 3]
    changed.append(_row(9, "a", 1))
    changed.sort(key=lambda r: (r.due_ts, r.incident_id, r.rule_id))
    board = dl.prepare(changed, later, thr, frozenset(), before)
    _check(board, changed, later, frozenset(), thr)
    assert before.states[[r.incident_id for r in rows].index(8)] == dl.DUE_SOON
    assert board.states[[r.incident_id for r in changed].index(8)] == dl.OVERDUE
    # Other thresholds: nothing of the earlier board is taken.
    other = dl.Thresholds(45)
    _check(dl.prepare(changed, later, other, frozenset(), before), changed, later, frozenset(), other)
    # An earlier board from a later instant is not trusted either (the clock went back).
    _check(dl.prepare(rows, T0.timestamp(), thr, frozenset(), board), rows, T0.timestamp(), frozenset(), thr)
