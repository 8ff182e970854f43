"""The open incidents read while the password is typed (ui.data.workbench.Preload, started by ui.app.start): the
first window made from them holds what it would have read itself, narrowed to the account's sight, with a change
committed after the read; and the dashboard filled from the worker's prepared board still lists soonest first, and
its filters still work."""

from __future__ import annotations

import gc
from collections import Counter
from typing import Any

from sqlalchemy import select

from desktop.db.models import Incident
from desktop.domain import IncidentStatus
from desktop.services import accounts, incidents
from desktop.services import deadline_board as dl
from tests.ui.conftest import login, settle
from ui.dashboard.model import STATE_ROLE


def _window(qtbot: Any, db: Any, worker: Any, settings: Any, preload: Any = None) -> Any:
    from ui.shell.main_window import MainWindow

    window = MainWindow(db, login(db, "jingban"), settings, worker, preload=preload)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.workbench.snapshot.at is not None, timeout=10000)
    settle(qtbot, worker)
    return window


def _close(window: Any) -> None:
    window.clock.stop()
    window.workbench.shutdown()


def test_the_first_window_takes_the_preload_narrowed_and_brought_up_to_date(qtbot: Any, demo_db: Any,
                                                                           worker: Any, settings: Any) -> None:
    from ui.data.workbench import Preload

    preload = Preload(demo_db, dl.Thresholds(settings.due_soon_min_minutes))
    try:
        preload.run()  # as the start's thread runs it, before anyone has logged in
    finally:
        gc.unfreeze()  # it freezes what is alive (for the program's life): not this test session's objects
    with demo_db.read() as s:
        actor = accounts.get_account(s, login(demo_db, "jingban").id).actor()
        mine = {r.id for r in incidents.open_records(s, actor)}
        every = {r.id for r in incidents.every_open_record(s)}
        target = s.execute(select(Incident.id, Incident.row_version).where(
            Incident.status == IncidentStatus.OPEN, Incident.id.in_(mine)).limit(1)).one()
    assert mine and mine < every  # jingban sees a part of the open set: the narrowing is what is checked
    # Committed after the read ahead, by another connection: the first load reads that incident again.
    demo_db.run(lambda s: incidents.update_incident(s, actor, target.id, target.row_version,
                                                    {"title": "预读之后改过的标题"}))

    window = _window(qtbot, demo_db, worker, settings, preload)
    snap = window.workbench.snapshot
    assert {r.id for r in snap.records} == mine
    record = window.workbench.record(target.id)
    assert record is not None and record.title == "预读之后改过的标题"
    assert {r.incident_id for r in snap.rows} <= mine
    assert all(r.title == "预读之后改过的标题" for r in snap.rows if r.incident_id == target.id)
    assert preload.take() is None  # taken once: nothing of the whole open set is kept
    _close(window)

    # The same window made without the read ahead holds the same records and duties.
    plain = _window(qtbot, demo_db, worker, settings)
    assert sorted(r.id for r in plain.workbench.snapshot.records) == sorted(r.id for r in snap.records)
    assert [r.key for r in plain.workbench.snapshot.rows] == [r.key for r in snap.rows]
    _close(plain)


def test_the_dashboard_filled_from_the_board_sorts_soonest_first_and_filters(make_window: Any, qtbot: Any,
                                                                             worker: Any) -> None:
    window = make_window("hangzhang")
    settle(qtbot, worker)
    page = window.pages["dashboard"]
    snap = window.workbench.snapshot
    assert snap.board is not None and snap.board.fits(snap.rows, snap.at.timestamp(), page.model.thresholds)
    model, proxy = page.model, page.proxy
    rows = model.rows()
    assert rows == sorted(rows, key=lambda r: (r.due_ts, r.incident_id, r.rule_id))  # overdue (soonest) first
    # The states the model took from the board are the ones it computes itself.
    now = model.now_ts
    states = [dl.state_at(r, now, model.thresholds) for r in rows]
    assert [model.data(model.index(i, 0), STATE_ROLE) for i in range(len(rows))] == states
    assert model.counts == Counter(states)
    assert proxy.rowCount() == len(rows)  # no filter: every row, without a pass of its own
    unit = rows[-1].unit_id
    page.unit.setCurrentIndex(page.unit.findData(unit))
    shown = [model.row_at(proxy.mapToSource(proxy.index(i, 0)).row()) for i in range(proxy.rowCount())]
    assert shown and all(r.unit_id == unit for r in shown)
    assert len(shown) == sum(1 for r in rows if r.unit_id == unit)
    assert shown == sorted(shown, key=lambda r: (r.due_ts, r.incident_id, r.rule_id))
    page.unit.setCurrentIndex(0)
    assert proxy.rowCount() == len(rows)


def test_the_incident_page_is_built_once_the_dashboard_is_filled(qtbot: Any, demo_db: Any, worker: Any,
                                                                 settings: Any) -> None:
    """The start asks for the incident page ahead of its first use: the first incident opened shows at once (the
    page itself takes 0.1-0.2 s to build). A window made otherwise builds it when first asked for."""
    from ui.shell.main_window import MainWindow

    window = MainWindow(demo_db, login(demo_db, "jingban"), settings, worker)
    qtbot.addWidget(window)
    window.prepare_incident_page()  # as ui.app.start does, before the first load
    window.show()
    assert window._incident_page is None  # not on the way to the dashboard
    qtbot.waitUntil(lambda: window._incident_page is not None, timeout=10000)
    page = window._incident_page
    record = window.workbench.snapshot.records[0]
    window.open_incident(record.id)
    assert window.incident_page is page and window.stack.currentWidget() is page
    assert page.title.text().startswith(record.number)  # from the window's snapshot, no wait
    plain = _window(qtbot, demo_db, worker, settings)
    qtbot.wait(400)
    assert plain._incident_page is None
