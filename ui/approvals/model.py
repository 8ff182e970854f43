"""Table models of the approval queue: what waits for me (with a live countdown), and what came back to me.

Rows are cached `approvals.QueueItem` / `ReturnedItem`; data() never touches the database. The countdown column
is repainted each second by `tick(now)` with one dataChanged over that column only.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from desktop.services import deadline_board as dl
from desktop.services.approvals import QueueItem, ReturnedItem
from desktop.timeutil import format_cst, now_utc
from ui.app.theme import state_brushes
from ui.common.countdown import countdown, due_label
from ui.common.table_model import RECORD_ROLE as ITEM_ROLE  # noqa: F401 - the queue item of a row
from ui.common.table_model import CachedTableModel, Index  # noqa: F401 - re-exported

OVERDUE_COLOUR = QColor("#b71c1c")


def _t(text: str) -> str:
    return QCoreApplication.translate("ApprovalQueueModel", text)


class _Rows(CachedTableModel):
    CONTEXT = "ApprovalQueueModel"


class ApprovalQueueModel(_Rows):
    """approvals.pending_for, in the core's order: most urgent deadline first, overdue first."""

    COUNTDOWN, DUE, RULE, INCIDENT, DOCUMENT, ACTION, DRAFTER, SUBMITTED = range(8)
    HEADERS = ("倒计时", "时限（北京时间）", "所服务的时限", "事件", "文件", "待办事项", "起草人", "提交时间")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.now = now_utc()
        self.thresholds = dl.Thresholds()  # the page keeps it the window's (Workbench.thresholds)

    def tick(self, now: datetime) -> None:
        self.now = now
        if self._rows:
            self.dataChanged.emit(self.index(0, self.COUNTDOWN), self.index(len(self._rows) - 1, self.COUNTDOWN),
                                  [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole])

    def cell(self, item: QueueItem, column: int) -> str:
        if column in (self.COUNTDOWN, self.DUE):
            # The dashboard's status function: an immediate (立即) duty reads as immediate here too.
            reading = item.reading(self.now, self.thresholds)
            if reading is None or item.due_at is None:
                return _t("无时限") if column == self.COUNTDOWN else "—"
            return countdown(reading) if column == self.COUNTDOWN else due_label(reading.state, item.due_at)
        if column == self.RULE:
            return _t("第%1条").replace("%1", item.rule_article) if item.rule_article else "—"
        if column == self.INCIDENT:
            return f"{item.incident_number} {item.incident_title}"
        if column == self.DOCUMENT:
            stage = f"（{item.stage_label}）" if item.stage_label else ""
            return _t("%1%2 第%3版").replace("%1", item.kind_label).replace("%2", stage) \
                .replace("%3", str(item.version_number))
        if column == self.ACTION:
            return f"{item.action_label}：{item.step_label}（{item.step_article}）"
        if column == self.DRAFTER:
            return item.drafter_name
        return format_cst(item.submitted_at) if item.submitted_at else "—"

    def colour(self, item: QueueItem, column: int) -> QColor | None:
        if column in (self.COUNTDOWN, self.DUE):
            reading = item.reading(self.now, self.thresholds)
            return state_brushes(reading.state)[1] if reading is not None else None
        return None


class ReturnedModel(_Rows):
    """approvals.returned_to: my drafts sent back, with the comment."""

    INCIDENT, DOCUMENT, RETURNED_BY, RETURNED_AT, COMMENT = range(5)
    HEADERS = ("事件", "文件", "退回人", "退回时间", "退回意见")

    def cell(self, item: ReturnedItem, column: int) -> str:
        v = item.version
        if column == self.INCIDENT:
            return v.incident_number
        if column == self.DOCUMENT:
            stage = f"（{v.stage_label}）" if v.stage_label else ""
            return _t("%1%2 第%3版").replace("%1", v.kind_label).replace("%2", stage).replace("%3", str(v.number))
        if column == self.RETURNED_BY:
            return item.returned_by
        if column == self.RETURNED_AT:
            return format_cst(item.returned_at)
        return item.comment

    def colour(self, item: ReturnedItem, column: int) -> QColor | None:
        return OVERDUE_COLOUR if column == self.COMMENT else None
