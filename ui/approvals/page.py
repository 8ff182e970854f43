"""The approval queue page (待我审批): what waits for the logged-in user, most urgent deadline first, with a live
countdown; below it, the drafts returned to this user with the comment.

Reloaded through the worker whenever an incident changes (the workbench announces it after every write and when
its 30-second reload finds other users' changes); the countdown ticks each second from the cached rows.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.approvals import QueueItem, ReturnedItem
from ui.approvals import controller as ctl
from ui.approvals.dialog import DecisionDialog
from ui.approvals.model import ITEM_ROLE, ApprovalQueueModel, ReturnedModel
from ui.approvals.screenings import ScreeningQueue
from ui.common.countdown import widest_countdowns
from ui.common.widgets import banner
from ui.data.workbench import Workbench


def _table(model: ApprovalQueueModel | ReturnedModel, stretch: int) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class ApprovalsPage(QWidget):
    countChanged = Signal(int)
    openIncident = Signal(int)  # a returned draft: its incident's documents
    message = Signal(str)

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.model = ApprovalQueueModel(self)
        self.returned = ReturnedModel(self)
        self.dialog: DecisionDialog | None = None
        self._loading = self._again = False
        self.loaded_once = False
        self.title = QLabel(self.tr("待我审批"))
        self.title.setObjectName("pageTitle")
        hint = QLabel(self.tr(
            "按时限先后排列，已超时的在前。双击或选中后点“打开办理”，阅读冻结的文件版本后再审批、签发或报送。"))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.status = banner("banner")
        self.error = banner("errorBanner")
        self.view = _table(self.model, ApprovalQueueModel.INCIDENT)
        self.empty = QLabel(self.tr("目前没有等待您办理的事项。"))
        self.empty.setObjectName("hint")
        self.open_button = QPushButton(self.tr("打开办理"))
        self.open_button.setObjectName("primary")
        self.open_button.clicked.connect(self.open_selected)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.open_button)
        queue = QWidget()
        ql = QVBoxLayout(queue)
        ql.setContentsMargins(0, 0, 0, 0)
        ql.addWidget(self.view, 1)
        ql.addWidget(self.empty)
        self.returned_view = _table(self.returned, ReturnedModel.COMMENT)
        self.fix_button = QPushButton(self.tr("打开事件修改"))
        self.fix_button.clicked.connect(self.open_returned)
        returned_box = QGroupBox(self.tr("退回给我修改的文件"))
        rl = QVBoxLayout(returned_box)
        rl.addWidget(self.returned_view, 1)
        rb = QHBoxLayout()
        rb.addStretch(1)
        rb.addWidget(self.fix_button)
        rl.addLayout(rb)
        # The screenings of new products, processes and systems waiting for this leader's sign-off.
        self.screenings = ScreeningQueue(workbench)
        self.screenings.decided.connect(self._decided)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(queue)
        split.addWidget(self.screenings)
        split.addWidget(returned_box)
        # One size per pane (the screenings pane came in between): a missing size squeezed the returned box, and its
        # button, to nothing. Neither lower pane may be dragged away entirely.
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setStretchFactor(2, 1)
        split.setSizes([600, 150, 150])
        split.setCollapsible(1, False)
        split.setCollapsible(2, False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(split, 1)
        self.view.doubleClicked.connect(self._open_index)
        self.view.activated.connect(self._open_index)
        self.returned_view.doubleClicked.connect(lambda _i: self.open_returned())
        workbench.incidentChanged.connect(self._incident_changed)  # whoever changed it, wherever
        self.reload()

    # --- data ------------------------------------------------------------------------------------------------

    def reload(self) -> None:
        if self._loading:
            self._again = True
            return
        self._loading = True
        ctl.load_queue(self.workbench, self._loaded, self._load_failed)
        self.screenings.reload()

    def _incident_changed(self, _incident_id: int) -> None:
        self.reload()

    def _loaded(self, state: ctl.QueueState) -> None:
        self._loading = False
        self.loaded_once = True
        self.error.hide()
        self.model.thresholds = self.workbench.thresholds
        self.model.set_rows(state.items)
        self.returned.set_rows(state.returned)
        self.view.resizeColumnsToContents()
        # The countdown grows as it runs ("超 12:00:00"): room for it now, not a clipped cell later.
        metrics = self.view.fontMetrics()
        widest = max(metrics.horizontalAdvance(text) for text in widest_countdowns()) + 16
        self.view.setColumnWidth(ApprovalQueueModel.COUNTDOWN,
                                 max(widest, self.view.columnWidth(ApprovalQueueModel.COUNTDOWN)))
        self.view.horizontalHeader().setSectionResizeMode(ApprovalQueueModel.INCIDENT, QHeaderView.ResizeMode.Stretch)
        self.returned_view.resizeColumnsToContents()
        count = len(state.items)
        self.title.setText(self.tr("待我审批（%1）").replace("%1", str(count)) if count else self.tr("待我审批"))
        self.empty.setVisible(count == 0)
        self.open_button.setEnabled(count > 0)
        self.fix_button.setEnabled(bool(state.returned))
        self.countChanged.emit(count)
        if self._again:
            self._again = False
            self.reload()

    def _load_failed(self, exc: BaseException) -> None:
        self._loading = False
        self.error.setText(ctl.error_text(exc))
        self.error.show()

    def tick(self, now: datetime) -> None:
        self.model.thresholds = self.workbench.thresholds
        self.model.tick(now)

    def activated(self) -> None:
        self.reload()

    # --- acting ----------------------------------------------------------------------------------------------

    def selected_item(self) -> QueueItem | None:
        rows = self.view.selectionModel().selectedRows()
        if rows:
            return self.model.data(rows[0], ITEM_ROLE)
        return self.model.row_at(0) if self.model.rowCount() == 1 else None

    def open_selected(self) -> None:
        item = self.selected_item()
        if item is not None:
            self.open_item(item)

    def _open_index(self, index: QModelIndex) -> None:
        item = self.model.data(index, ITEM_ROLE)
        if item is not None:
            self.open_item(item)

    def open_item(self, item: QueueItem) -> DecisionDialog:
        self.dialog = DecisionDialog(self.workbench, item, self)
        self.dialog.decided.connect(self._decided)
        self.dialog.open()
        return self.dialog

    def _decided(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()
        self.message.emit(text)

    def open_returned(self) -> None:
        rows = self.returned_view.selectionModel().selectedRows()
        row = rows[0].row() if rows else 0
        if self.returned.rowCount() > row:
            item: ReturnedItem = self.returned.row_at(row)
            self.openIncident.emit(item.version.incident_id)
