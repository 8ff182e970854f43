"""The countdown dashboard page and the full-screen duty wall for the office's second monitor."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.timeutil import CST
from desktop.services import deadline_board as dl
from ui.dashboard.delegate import FastCellDelegate
from ui.dashboard.model import COL_COUNTDOWN, COL_INCIDENT, COL_RULE, INCIDENT_ROLE, DeadlineTableModel
from ui.dashboard.proxy import DeadlineFilterProxy
from ui.app.settings import Settings
from ui.common.strings import rule_text
from ui.common.widgets import fill_unit_combo
from ui.data.workbench import Workbench

RESPONSIBLE = ("事发单位", "属地牵头部门", "分行办公室", "主办业务部门", "处置领导小组", "新闻发言人", "受访单位")


def make_table(model: DeadlineFilterProxy) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setItemDelegate(FastCellDelegate(view))
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    view.setAlternatingRowColors(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(COL_INCIDENT, QHeaderView.ResizeMode.Stretch)
    return view


def visible_rows(view: QTableView) -> tuple[int, int] | None:
    if not view.isVisible() or view.model().rowCount() == 0:
        return None
    first = view.rowAt(0)
    last = view.rowAt(view.viewport().height() - 1)
    if first < 0:
        return None
    return first, (last if last >= 0 else view.model().rowCount() - 1)


class DutyWall(QWidget):
    """Only the countdown table, in big type, full screen; Esc or F11 leaves."""

    closed = Signal()

    def __init__(self, proxy: DeadlineFilterProxy, font_pt: int) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("值班大屏 — 声誉风险事件时限"))
        self.view = make_table(proxy)
        font = QFont(self.font())
        font.setPointSize(font_pt)
        self.view.setFont(font)
        self.view.itemDelegate().reset_fonts()  # type: ignore[attr-defined]
        self.view.verticalHeader().setDefaultSectionSize(int(font_pt * 2.3))
        self.view.horizontalHeader().setFont(font)
        for col in (5, 6):
            self.view.hideColumn(col)
        self.clock = QLabel()
        self.clock.setFont(font)
        head = QHBoxLayout()
        title = QLabel(self.tr("声誉风险事件时限"))
        title.setFont(font)
        head.addWidget(title, 1)
        head.addWidget(self.clock)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.view)
        for key in ("Esc", "F11"):
            QShortcut(QKeySequence(key), self, self.close)

    def closeEvent(self, event: object) -> None:
        self.closed.emit()
        super().closeEvent(event)  # type: ignore[arg-type]


class DashboardPage(QWidget):
    openIncident = Signal(int)

    def __init__(self, workbench: Workbench, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.settings = settings
        self.model = DeadlineTableModel(dl.Thresholds(settings.due_soon_fraction, settings.due_soon_min_minutes), self)
        self.proxy = DeadlineFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.wall: DutyWall | None = None
        title = QLabel(self.tr("时限看板"))
        title.setObjectName("pageTitle")
        self.summary = QLabel()
        self.unit = QComboBox()
        self.unit.setMinimumWidth(220)
        self.responsible = QComboBox()
        self.responsible.addItem(self.tr("全部责任方"), None)
        for name in RESPONSIBLE:
            self.responsible.addItem(rule_text(name), name)
        self.mine = QCheckBox(self.tr("只看与我有关"))
        self.mine.setChecked(settings.only_mine)
        self.wall_button = QPushButton(self.tr("值班大屏 (F11)"))
        self.view = make_table(self.proxy)
        self.empty = QLabel(self.tr("当前没有未完成的时限。"))
        self.empty.setObjectName("hint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(16)
        head.addWidget(self.summary, 1)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("事发单位")))
        filters.addWidget(self.unit)
        filters.addWidget(QLabel(self.tr("责任方")))
        filters.addWidget(self.responsible)
        filters.addWidget(self.mine)
        filters.addStretch(1)
        filters.addWidget(self.wall_button)
        legend = QLabel(self.tr("颜色：绿 = 时间充裕　黄 = 即将到期　红 = 已超时　蓝 = 立即办理（无具体时限）　灰 = 可选时段（“可”）"
                                "。双击一行打开事件。"))
        legend.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addWidget(legend)
        self.unit.currentIndexChanged.connect(self.apply_filters)
        self.responsible.currentIndexChanged.connect(self.apply_filters)
        self.mine.toggled.connect(self.apply_filters)
        self.view.doubleClicked.connect(self._open)
        self.view.activated.connect(self._open)
        self.wall_button.clicked.connect(self.toggle_wall)
        workbench.loaded.connect(self.on_loaded)

    def on_loaded(self) -> None:
        snap = self.workbench.snapshot
        now = snap.at.timestamp() if snap.at else 0.0
        selected = self._selected_key()
        self.model.set_rows(snap.rows, now)
        fill_unit_combo(self.unit, [u for u in snap.units if any(r.unit_id == u.id for r in snap.rows)],
                        empty=self.tr("全部单位"))
        self.apply_filters()
        self._restore_selection(selected)
        if not self.view.horizontalHeader().sectionSize(COL_RULE) > 200:
            self.view.resizeColumnsToContents()
            for col in range(self.model.columnCount()):  # the lean delegate pads 6 px a side and paints bold
                self.view.setColumnWidth(col, self.view.columnWidth(col) + 20)
            self.view.setColumnWidth(COL_RULE, min(380, max(260, self.view.columnWidth(COL_RULE))))
            self.view.setColumnWidth(COL_COUNTDOWN, max(150, self.view.columnWidth(COL_COUNTDOWN)))
        self._update_summary()

    def apply_filters(self, *_: object) -> None:
        self.settings.only_mine = self.mine.isChecked()
        self.proxy.set_filters(self.unit.currentData(), self.responsible.currentData(), self.mine.isChecked(),
                               self.workbench.snapshot.scope)
        self.empty.setVisible(self.proxy.rowCount() == 0)
        self._update_summary()

    def set_thresholds(self, thresholds: dl.Thresholds) -> None:
        self.model.set_thresholds(thresholds)
        self._update_summary()

    def tick(self, now: datetime) -> None:
        """Every second, from cached rows: dataChanged only for state changes and visible countdowns."""
        ranges = [r for r in (visible_rows(self.view), visible_rows(self.wall.view) if self.wall else None) if r]
        hint: tuple[int, int] | None = None
        if ranges:
            src = [self.proxy.source_range(a, b) for a, b in ranges]
            src = [s for s in src if s]
            if src:
                hint = (min(s[0] for s in src), max(s[1] for s in src))
        self.model.tick(now.timestamp(), hint if hint else (0, -1))
        if self.wall is not None:
            self.wall.clock.setText(now.astimezone(CST).strftime("%H:%M:%S"))
        self._update_summary()

    def _update_summary(self) -> None:
        c = self.model.counts
        self.summary.setText(self.tr("已超时 %1 项　即将到期 %2 项　立即办理 %3 项　共 %4 项")
                             .replace("%1", str(c[dl.OVERDUE])).replace("%2", str(c[dl.DUE_SOON]))
                             .replace("%3", str(c[dl.IMMEDIATE])).replace("%4", str(self.model.rowCount())))

    def _selected_key(self) -> tuple[int, str] | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        if not rows:
            return None
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row()).key

    def _restore_selection(self, key: tuple[int, str] | None) -> None:
        if key is None:
            return
        for i in range(self.proxy.rowCount()):
            if self.model.row_at(self.proxy.mapToSource(self.proxy.index(i, 0)).row()).key == key:
                self.view.selectRow(i)
                return

    def _open(self, index: QModelIndex) -> None:
        incident_id = self.proxy.data(index, INCIDENT_ROLE)
        if incident_id is not None:
            self.openIncident.emit(int(incident_id))

    def toggle_wall(self) -> None:
        if self.wall is not None:
            self.wall.close()
            return
        self.wall = DutyWall(self.proxy, self.settings.wall_font_pt)
        self.wall.view.doubleClicked.connect(self._open)
        self.wall.closed.connect(self._wall_closed)
        self.wall.showFullScreen()

    def _wall_closed(self) -> None:
        if self.wall is not None:
            self.wall.deleteLater()
        self.wall = None
