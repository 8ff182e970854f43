"""The timeline's next-step buttons for the events only the approval workflow records.

The core refuses `written_report_to_lead`, `response_plan_approved`, `major_report_approved`,
`reported_to_head_office`, `head_office_consent` and `reported_to_regulator` typed in as events: these buttons
lead into the documents workflow instead (draft → submit → approve/sign → send), or call the approvals service
for head-office consent and the regulator report (3.2.3: in that order, 3.1.4: no skipping levels).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.domain import IncidentRecord
from desktop.services import approvals
from ui.common.widgets import get_cst
from ui.data.workbench import Workbench
from ui.documents.controller import DocumentsState
from ui.documents.tab import DocumentsTab
from ui.incidents.event_dialog import EventDialog

# event type -> the kind of document that records it
DOCUMENT_EVENTS: dict[str, str] = {
    "written_report_to_lead": "written_report",
    "response_plan_approved": "response_plan",
    "major_report_approved": "major_report",
    "reported_to_head_office": "major_report",
}
BRANCH_EVENTS = ("head_office_consent", "reported_to_regulator")
WORKFLOW = frozenset({*DOCUMENT_EVENTS, *BRANCH_EVENTS})
TEXTS: dict[str, str] = {
    "written_report_to_lead": "起草并签发书面报告",
    "response_plan_approved": "起草应对方案（含应答口径）并报批",
    "major_report_approved": "起草《重大突发事件报告》报领导小组审定",
    "reported_to_head_office": "报送总行（《重大突发事件报告》）",
    "head_office_consent": "记录总行同意报送监管部门",
    "reported_to_regulator": "已报告监管部门",
}


def _t(text: str) -> str:
    return QCoreApplication.translate("Workflow", text)


def text_for(event_type: str) -> str:
    return _t(TEXTS[event_type])


def refusal(event_type: str, record: IncidentRecord, state: DocumentsState) -> str | None:
    """Why this user may not use the button now (None: they may); the core checks again regardless."""
    if state.incident_id != record.id:
        return _t("正在读取文件…")
    if event_type in BRANCH_EVENTS:
        if state.branch_reason:
            return _t("只有分行办公室或分行领导可以办理（3.2.3）")
        # The 3.2.3 order is the core's decision; its messages are marked for translation in ui/common/strings.
        refused = approvals.branch_order_refusal(event_type, ((e.type, e.at) for e in record.events))
        return _t(refused) if refused else None
    kind = DOCUMENT_EVENTS[event_type]
    mine = any(item.kind == kind for item in state.queue.values())
    if mine or state.may_draft.get(kind) is None:
        return None
    return state.may_draft.get(kind) or _t("您不能办理该文件")


class BranchEventDialog(EventDialog):
    """Head-office consent or the regulator report: the event dialog's form, the approvals service's command."""

    def submit(self) -> None:
        self.error.hide()
        actor, incident_id = self.workbench.actor, self.record.id
        at, note = get_cst(self.at), self.note.text()
        late = self.late_reason.toPlainText() if self.late_reason.isVisible() else ""
        job: Callable[[Any], IncidentRecord]
        if self.event_type == "head_office_consent":
            job = lambda s: approvals.record_head_office_consent(s, actor, incident_id, at, note)
        else:
            job = lambda s: approvals.report_to_regulator(s, actor, incident_id, at, note, late)
        self.buttons.setEnabled(False)
        self.workbench.write(job, self._done, self._failed)


def run(event_type: str, record: IncidentRecord, workbench: Workbench, tab: DocumentsTab,
        show_documents: Callable[[], None], parent: Any) -> EventDialog | None:
    """Do what the button says; returns the dialog opened for the branch events."""
    if event_type in BRANCH_EVENTS:
        dialog = BranchEventDialog(workbench, record, event_type, parent)
        dialog.open()
        return dialog
    show_documents()
    tab.bring_forward(DOCUMENT_EVENTS[event_type])
    return None
