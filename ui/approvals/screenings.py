"""上线前声誉风险排查 waiting for this leader's sign-off, in the approval queue: the assessment and verdict, and
同意 or 退回 with a comment. The core decides who may sign (only the leader named on it) and refuses the rest."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import RepDeskError
from desktop.registers import prevention
from desktop.timeutil import format_cst
from ui.common.widgets import banner
from ui.data.workbench import Workbench


class ScreeningQueue(QGroupBox):
    """The pending screenings for the logged-in leader; `decided(text)` after a sign-off or a return."""

    countChanged = Signal(int)
    decided = Signal(str)

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("待我签批的上线前声誉风险排查"), parent)
        self.workbench = workbench
        self.rows: list[Any] = []
        self._loading = False
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("登记时间"), self.tr("单位"), self.tr("排查对象"),
                                              self.tr("风险等级"), self.tr("结论"), self.tr("登记人")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("签批意见（退回时必填）"))
        self.comment.setMaxLength(prevention.LIMITS["comment"])
        self.approve_button = QPushButton(self.tr("同意上线"))
        self.approve_button.setObjectName("primary")
        self.approve_button.clicked.connect(lambda: self.sign(True))
        self.return_button = QPushButton(self.tr("退回"))
        self.return_button.clicked.connect(lambda: self.sign(False))
        self.error = banner("errorBanner")
        buttons = QHBoxLayout()
        buttons.addWidget(self.comment, 1)
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.return_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._update_buttons()
        # Hidden until a screening waits; shown later in the page's splitter, it must not come back 0 px high.
        self.setMinimumHeight(160)
        self.hide()

    def reload(self) -> None:
        if self._loading:
            return
        self._loading = True
        actor = self.workbench.actor
        self.workbench.read(lambda s: prevention.pending_screenings(s, actor), self._loaded, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self.error.setText(exc.message if isinstance(exc, RepDeskError) else str(exc))
        self.error.show()

    def _loaded(self, rows: list[Any]) -> None:
        self._loading = False
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            values = (format_cst(r.recorded_at), r.unit_name, f"{r.subject_kind_label}：{r.subject}",
                      r.risk_level_label, r.verdict_label, r.recorded_by_name)
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(i, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        if rows and not self.table.selectedItems():
            self.table.selectRow(0)
        self._show_selected()
        self.setVisible(bool(rows))
        self.countChanged.emit(len(rows))

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    def _show_selected(self) -> None:
        r = self.selected()
        if r is None:
            self.detail.clear()
        else:
            launch = format_cst(r.launch_at) if r.launch_at else self.tr("未定")
            self.detail.setText(self.tr("评估情况：%1\n防控措施：%2\n计划上线：%3")
                                .replace("%1", r.assessment or "—").replace("%2", r.measures or "—")
                                .replace("%3", launch))
        self._update_buttons()

    def _update_buttons(self) -> None:
        on = self.selected() is not None
        self.approve_button.setEnabled(on)
        self.return_button.setEnabled(on)

    def sign(self, approve: bool) -> None:
        r = self.selected()
        if r is None:
            return
        self.error.hide()
        actor, comment, screening_id = self.workbench.actor, self.comment.text().strip(), r.id
        text = (self.tr("已同意“%1”上线") if approve else self.tr("已退回“%1”")).replace("%1", r.subject)
        # A bound method (what to say travels in the answer): dropped by the worker if this box was deleted meanwhile.
        self.workbench.write(lambda s: (text, prevention.sign_off(s, actor, screening_id, approve, comment)),
                             self._signed, self._failed)

    def _signed(self, answer: tuple[str, Any]) -> None:
        text, _view = answer
        self.comment.clear()
        self.decided.emit(text)
        self.reload()
