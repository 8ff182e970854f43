"""Views never show stale or foreign data: another incident clears the incident page's tabs at once, every write
(from this window or from anywhere else) refreshes the views of the incident it changed, and a disabled action
looks disabled and says why beside it."""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget

from desktop.demo import history as example_year
from tests.ui.conftest import ime_type, login, settle

# The current example incidents, recorded after the example's closed year: the first has two documents, the
# second none.
FIRST, SECOND = example_year.COUNT + 1, example_year.COUNT + 2


def _open(qtbot: Any, window: Any, incident_id: int, tab: str = "") -> Any:
    window.open_incident(incident_id, tab)
    page = window.incident_page
    qtbot.waitUntil(lambda: page.record is not None and page.record.id == incident_id
                    and page.documents.state.incident_id == incident_id, timeout=5000)
    return page


def _select_version(qtbot: Any, tab: Any, kind: str, number: int) -> Any:
    """Select the document of this kind, then its version `number`: the preview shows that version."""
    row = next(i for i in range(tab.model.rowCount()) if tab.model.row_at(i).kind == kind)
    tab.view.selectRow(row)
    qtbot.waitUntil(lambda: tab.version_model.rowCount() > 0, timeout=5000)
    at = next(i for i in range(tab.version_model.rowCount()) if tab.version_model.row_at(i).number == number)
    tab.versions_view.selectRow(at)
    assert tab.browser.toPlainText().strip()
    return tab.version_model.row_at(at)


def _nothing_shown(tab: Any) -> None:
    assert tab.model.rowCount() == 0
    assert tab.version_model.rowCount() == 0
    assert tab.browser.toPlainText() == ""


def test_a_new_incident_shows_none_of_the_previous_ones_documents(qtbot: Any, window: Any, worker: Any) -> None:
    page = _open(qtbot, window, FIRST, "documents")
    tab = page.documents
    _select_version(qtbot, tab, "response_plan", 1)
    assert "应对方案" in tab.browser.toPlainText()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.intake is not None and window.intake.isVisible(), timeout=3000)
    dialog = window.intake
    form = dialog.editor.form
    ime_type(form.title, "网点门口客户聚集")
    ime_type(form.place, "保定朝阳支行门口")
    seen: list[tuple[int, int, str, bool]] = []
    # Connected after the window's own slot: runs the moment the page has switched to the new incident.
    dialog.created.connect(lambda _r: seen.append((tab.model.rowCount(), tab.version_model.rowCount(),
                                                   tab.browser.toPlainText(), page.tabs.isVisible())))
    qtbot.mouseClick(dialog.editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    documents, versions, preview, _ = seen[0]
    assert (documents, versions, preview) == (0, 0, "")  # not even for a moment
    qtbot.waitUntil(lambda: page.record is not None and page.record.title == "网点门口客户聚集"
                    and tab.state.incident_id == page.record.id, timeout=5000)
    settle(qtbot, worker)
    _nothing_shown(tab)
    assert page.tabs.isVisible() and page.tabs.currentWidget() is tab
    assert tab.why.isVisible() and tab.why.text() == "请先在上方列表中选择一个文件"
    assert not tab.edit_button.isEnabled() and not tab.decide_button.isEnabled()


def test_another_incident_clears_every_tab_and_late_answers_are_ignored(qtbot: Any, make_window: Any,
                                                                        worker: Any, demo_db: Any) -> None:
    from desktop.services import history

    window = make_window("bangongshi")
    page = _open(qtbot, window, FIRST, "documents")
    tab = page.documents
    _select_version(qtbot, tab, "written_report", 1)
    settle(qtbot, worker)
    assert page.history.model.rowCount() > 0
    window.open_incident(SECOND)
    _nothing_shown(tab)  # at once, before any answer for the second incident
    assert page.history.model.rowCount() == 0
    settle(qtbot, worker)
    assert tab.state.incident_id == SECOND
    _nothing_shown(tab)
    # Back and forth faster than the worker answers: only the incident asked for last is shown.
    window.open_incident(FIRST)
    window.open_incident(SECOND)
    settle(qtbot, worker)
    assert page.record.id == SECOND and tab.state.incident_id == SECOND
    _nothing_shown(tab)
    with demo_db.read() as s:
        assert page.history.model.rowCount() == len(history.history(s, window.workbench.actor, SECOND))


def test_a_change_made_elsewhere_refreshes_the_open_incident(qtbot: Any, window: Any, worker: Any,
                                                             demo_db: Any) -> None:
    from desktop.services import documents, incidents
    from desktop.timeutil import now_utc

    page = _open(qtbot, window, FIRST, "documents")
    tab = page.documents
    shown = _select_version(qtbot, tab, "response_plan", 1)
    settle(qtbot, worker)
    assert tab.version_model.rowCount() == 1
    # Beside the buttons, not only in a tooltip: why 办理 is disabled for the drafter.
    assert not tab.decide_button.isEnabled()
    assert tab.why.isVisible() and "该文件目前没有等待您审批、签发或报送的步骤" in tab.why.text()
    history_rows, events = page.history.model.rowCount(), page.events.rowCount()
    changed: list[int] = []
    window.workbench.incidentChanged.connect(changed.append)

    # Another user's change to another incident: nothing here is read again.
    state = tab.state
    office = login(demo_db, "bangongshi").actor()  # before the writing session: login writes too
    with demo_db.session() as s:
        incidents.record_event(s, office, SECOND, "media_inquiry", now_utc(),
                               data={"journalist": "王记者", "outlet": "燕赵晚报", "contact": "0311-1234567",
                                     "question": "存单能否支取"})
    with qtbot.waitSignal(window.workbench.loaded, timeout=5000):
        window.workbench.reload()  # as the slow timer does
    settle(qtbot, worker)
    assert changed == [SECOND] and tab.state is state

    # A change to this incident made elsewhere (here: the core, as another window would): the documents, the
    # versions beside the preview, the history and the timeline follow.
    jingban = login(demo_db, "jingban").actor()
    with demo_db.session() as s:
        documents.edit_document(s, jingban, shown.document_id, shown.sha256, {"plan_measures": "增加回访。"})
        incidents.record_event(s, jingban, FIRST, "media_inquiry", now_utc(),
                               data={"journalist": "李记者", "outlet": "河北日报", "contact": "0312-7654321",
                                     "question": "理财收益"})
    window.workbench.reload()
    qtbot.waitUntil(lambda: tab.version_model.rowCount() == 2, timeout=5000)
    settle(qtbot, worker)
    assert changed == [SECOND, FIRST]
    current = tab.model.row_at(tab.model.find(tab.selected().version_id))
    assert current.number == 2 and current.kind == "response_plan"
    assert tab.selected_version() is not None and tab.selected_version().number == 1  # still reading version 1
    assert page.history.model.rowCount() == history_rows + 2
    assert page.events.rowCount() == events + 1
    assert "李记者" in page.opinions.media.text()

    # A write through this window announces the incident as well.
    with qtbot.waitSignal(window.workbench.incidentChanged, timeout=5000) as blocker:
        window.workbench.write(lambda s: incidents.add_opinion(
            s, jingban, FIRST, source="微博", link_or_title="理财收益", seen_at=now_utc(), reach="", tone="负面"),
            reload=False)
    assert blocker.args == [FIRST]
    qtbot.waitUntil(lambda: page.opinions.model.rowCount() == 1, timeout=5000)


def _dominant(widget: QWidget) -> QColor:
    image = widget.grab().toImage()
    counts = Counter(image.pixel(x, y) for x in range(0, image.width(), 2) for y in range(0, image.height(), 2))
    return QColor.fromRgb(counts.most_common(1)[0][0])


def _reddish(colour: QColor) -> bool:
    return colour.red() - max(colour.green(), colour.blue()) > 12


def test_a_disabled_urgent_button_is_grey_and_says_why(qtbot: Any, make_window: Any, worker: Any) -> None:
    from ui.app import theme

    app = QApplication.instance()
    before = app.styleSheet()
    app.setStyleSheet(theme.STYLE)
    try:
        window = make_window("bangongshi")
        page = _open(qtbot, window, SECOND)
        settle(qtbot, worker)
        button = page.action_buttons["written_report_to_lead"]
        reason = page.action_reasons["written_report_to_lead"]
        assert button.objectName() == "actionUrgent" and not button.isEnabled()
        assert reason.isVisible() and reason.text().startswith("书面报告由事发单位（石家庄中山路支行）")
        assert "3.3.1" in reason.text()
        disabled = _dominant(button)
        assert not _reddish(disabled) and abs(disabled.red() - disabled.blue()) < 8  # grey, no red
        button.setEnabled(True)
        enabled = _dominant(button)
        assert _reddish(enabled) and enabled != disabled
        button.setEnabled(False)
        # The documents tab's primary (red) button, disabled: grey too, with its reason beside it.
        page.show_tab("documents")
        tab = page.documents
        qtbot.waitUntil(tab.decide_button.isVisible, timeout=3000)
        assert tab.decide_button.objectName() == "primary" and not tab.decide_button.isEnabled()
        assert not _reddish(_dominant(tab.decide_button))
        assert tab.why.isVisible() and tab.why.text() == "请先在上方列表中选择一个文件"
    finally:
        app.setStyleSheet(before)


def test_an_open_decision_follows_a_change_made_elsewhere(qtbot: Any, make_window: Any, worker: Any,
                                                          demo_db: Any) -> None:
    from desktop.services import documents
    from tests.ui.test_approvals_flow import open_queue_item

    bgs = make_window("bangongshi")
    dialog = open_queue_item(qtbot, bgs, FIRST, "approve")
    shown = dialog.view
    assert shown.number == 1 and not dialog.error.isVisible()
    queue = bgs.pages["approvals"]
    waiting = queue.model.rowCount()
    drafter = login(demo_db, "jingban").actor()  # before the writing session: login writes too
    with demo_db.session() as s:  # meanwhile the drafter, in his own window, changes the plan: version 2
        documents.edit_document(s, drafter, shown.document_id, shown.sha256,
                                {"plan_measures": "增加回访。"})
    bgs.workbench.reload()  # as F5 does (the change feed would soon too)
    qtbot.waitUntil(dialog.stale.isVisible, timeout=5000)
    settle(qtbot, worker)
    assert dialog.stale.text() == "该文件已有新的第2版，您看到的第1版可能不能再办理。"
    assert "已被新版本取代" in dialog.state.text() and not dialog.error.isVisible()
    assert queue.model.rowCount() == waiting - 1  # version 2 is a draft: nothing waits for the office now
    dialog.reject()
