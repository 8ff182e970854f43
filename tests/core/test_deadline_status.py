"""The one status function (deadline_board.reading): amber at half the limit or the configured minutes, whichever
comes first; immediate duties immediate everywhere, the approval queue and paper included."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from test_approvals import World, at, event, make_world, new_incident, queue, submitted

from desktop.db.session import Database
from desktop.domain import SYSTEM
from desktop.reports import model as R
from desktop.services import deadline_board as dl
from desktop.services import documents, incidents, printing

DUE = datetime(2026, 3, 2, 1, 45, tzinfo=UTC).timestamp()


@pytest.fixture
def world(db: Database, monkeypatch: pytest.MonkeyPatch) -> World:
    return make_world(db, monkeypatch)


def _read(left_seconds: float, minutes: int = 10) -> tuple[str, str]:
    r = dl.reading("deadline", DUE, 30 * 60, DUE - left_seconds, dl.Thresholds(minutes))
    return r.state, r.text


def test_a_30_minute_rule_walks_green_amber_red() -> None:
    assert _read(30 * 60) == (dl.COMFORTABLE, "0:30:00")
    assert _read(15 * 60 + 1) == (dl.COMFORTABLE, "0:15:01")
    assert _read(15 * 60) == (dl.COMFORTABLE, "0:15:00")  # exactly half: not yet "less than half"
    assert _read(15 * 60 - 1) == (dl.DUE_SOON, "0:14:59")
    assert _read(13 * 60) == (dl.DUE_SOON, "0:13:00")  # never green
    assert _read(0) == (dl.DUE_SOON, "0:00:00")  # exactly at the limit: still pending
    assert _read(-1) == (dl.OVERDUE, "超 0:00:01")
    assert _read(-(1 * 3600 + 54 * 60 + 30)) == (dl.OVERDUE, "超 1:54:30")
    # The configured minutes win when they come first: 20 minutes on a 30-minute rule.
    assert _read(20 * 60 - 1, minutes=20) == (dl.DUE_SOON, "0:19:59")
    assert _read(20 * 60 + 1, minutes=20)[0] == dl.COMFORTABLE
    # On a 2-hour rule the half (1 hour) comes long before the 10 minutes.
    assert dl.reading("deadline", DUE, 7200, DUE - 3599).state == dl.DUE_SOON
    assert dl.reading("deadline", DUE, 7200, DUE - 3601).state == dl.COMFORTABLE


def test_the_dashboard_rows_change_colour_at_those_instants() -> None:
    due = datetime.fromtimestamp(DUE, UTC)
    row = dl.DeadlineRow(1, "SY2026-0001", "标题", 5, "中山路支行", 2, None, "general", "3.2.1", "3.2.1", "报告",
                         "deadline", "事发单位", "reported_to_lead", due, 1800.0, DUE)
    thr = dl.Thresholds()
    start = DUE - 1800
    assert dl.state_at(row, start, thr) == dl.COMFORTABLE
    soon = dl.next_change(row, start, thr)
    assert soon is not None and DUE - soon == pytest.approx(900, abs=0.01)
    assert dl.state_at(row, soon, thr) == dl.DUE_SOON
    late = dl.next_change(row, soon, thr)
    assert late is not None and dl.state_at(row, late, thr) == dl.OVERDUE
    assert dl.next_change(row, late, thr) is None


def test_immediate_duties_count_the_time_since_they_became_due() -> None:
    r = dl.reading("immediate", DUE, 0, DUE + 12 * 60 + 3)
    assert (r.state, r.text, r.label) == (dl.IMMEDIATE, "立即（已过 0:12:03）", "立即办理")
    assert dl.reading("immediate", DUE, 0, DUE + 30 * 3600).text == "立即（已过 30:00:00）"
    # No limit is immediate too, whatever the clock says.
    assert dl.reading("deadline", DUE, 0, DUE + 5).state == dl.IMMEDIATE
    assert dl.reading("window", DUE, 4 * 3600, DUE - 60).text == "可 · 剩 0:01:00"
    assert dl.reading("window", DUE, 4 * 3600, DUE + 60).state == dl.LAPSED


def test_an_immediate_duty_walks_through_the_queue_as_immediate(world: World) -> None:
    w = world
    i = new_incident(w)
    event(w, "xinxi", i, "reported_to_lead", 10)  # 3.3.1: the written report follows the phone report at once
    report = submitted(w, "xinxi", i, "written_report", 12, stage="first")
    [item] = queue(w, "fuzeren", 13)
    assert (item.version_id, item.rule_id, item.rule_kind, item.limit_seconds) == (report.version_id, "3.3.1",
                                                                                   "immediate", 0.0)
    reading = item.reading(at(13))
    assert reading is not None and (reading.state, reading.text) == (dl.IMMEDIATE, "立即（已过 0:03:00）")
    assert not item.is_overdue(at(13 + 600))  # hours later: still immediate, never "超 …"
    later = item.reading(at(13) + timedelta(seconds=38))
    assert later is not None and later.text == "立即（已过 0:03:38）"


def test_paper_prints_an_open_immediate_duty_as_immediate(world: World) -> None:
    w = world
    i = new_incident(w)
    event(w, "xinxi", i, "reported_to_lead", 10)
    report = submitted(w, "xinxi", i, "written_report", 40, stage="first")
    with w.db.read() as s:
        view = documents.get_version(s, SYSTEM, report.version_id)
        _kind, data = printing.document_data(s, view, False)
        record = incidents.get_incident(s, SYSTEM, i)
    rows = {r.rule_id: r for r in data.incident.deadlines}
    assert (rows["3.3.1"].status, rows["3.3.1"].status_zh) == ("immediate", "立即办理")
    # The same state as the screen's at the snapshot's instant, for the timed rules too.
    snapshot_at = view.content["snapshot_at"]
    for s in incidents.deadlines(record, at(40)):
        if s.status in dl.OPEN_STATUSES and s.due_at is not None and s.rule.id in rows:
            state = dl.reading(s.rule.kind, s.due_at.timestamp(), s.rule.limit.total_seconds(),
                               at(40).timestamp()).state
            assert rows[s.rule.id].status == printing.PAPER_STATUS[state], (s.rule.id, snapshot_at)
    summary = R.summarize(data.incident.deadlines)
    assert summary.pending >= 1 and summary.missed == sum(r.status == "overdue" for r in rows.values())
