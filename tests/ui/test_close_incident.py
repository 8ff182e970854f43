"""结束事件… on the incident page: without a reviewed 评估总结报告 only the lead department's clerk may close, with
a reason why none is due (5.2, 5.3); anyone else sees the core's refusal and nothing changes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.ui.conftest import ime_type, settle
from tests.ui.test_timeline import _ok
from tests.ui.test_timeline_corrections import TITLE, _open

LEFT = Qt.MouseButton.LeftButton


def _ask_to_close(qtbot: Any, page: Any, worker: Any) -> Any:
    assert page.close_button.isVisible()
    page.close_dialog = None
    qtbot.mouseClick(page.close_button, LEFT)
    settle(qtbot, worker)
    qtbot.waitUntil(lambda: page.close_dialog is not None and page.close_dialog.isVisible())
    return page.close_dialog


def test_the_lead_clerk_closes_with_a_reason_others_are_refused(qtbot: Any, window: Any, worker: Any,
                                                                make_window: Any, demo_db: Any) -> None:
    from sqlalchemy import select

    from desktop.db.models import AuditEntry
    from desktop.services import incidents

    page = _open(qtbot, window, worker, TITLE)
    incident_id = page.record.id
    dialog = _ask_to_close(qtbot, page, worker)
    assert dialog.reason.isVisible()  # no reviewed evaluation: the reason is asked
    _ok(qtbot, dialog)  # without a reason: the core refuses, the dialog stays
    settle(qtbot, worker)
    assert dialog.isVisible() and "评估总结报告尚未审核签发" in dialog.error.text()
    assert page.record.status != "closed"

    ime_type(dialog.reason, "已并入同类事件统一评估")
    _ok(qtbot, dialog)
    settle(qtbot, worker)
    qtbot.waitUntil(lambda: page.record.status == "closed")
    assert not dialog.isVisible() and not page.close_button.isVisible()
    assert page.closed_note.isVisible()
    with demo_db.read() as s:
        after = s.execute(select(AuditEntry.after).where(AuditEntry.incident_id == incident_id,
                                                         AuditEntry.action == "incident.close")).scalar_one()
        assert "已并入同类事件统一评估" in after
        assert incidents.get_incident(s, window.actor, incident_id).status == "closed"


def test_a_leader_giving_the_reason_sees_the_core_refusal(qtbot: Any, make_window: Any, worker: Any) -> None:
    window = make_window("fenhang")
    page = _open(qtbot, window, window.workbench.worker, TITLE)
    worker = window.workbench.worker
    dialog = _ask_to_close(qtbot, page, worker)
    ime_type(dialog.reason, "不须评估")
    _ok(qtbot, dialog)
    settle(qtbot, worker)
    assert dialog.isVisible() and "须由牵头部门的经办人员填写" in dialog.error.text()
    assert page.record.status != "closed"


def test_the_informant_is_not_offered_the_close(qtbot: Any, make_window: Any) -> None:
    window = make_window("xinxi")
    worker = window.workbench.worker
    page = _open(qtbot, window, worker, TITLE)
    assert not page.close_button.isVisible()
