"""The countdown dashboard page and the full-screen duty wall for the office's second monitor."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QResizeEvent, QShortcut
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

from desktop.domain import SEVERITIES
from desktop.rules.model import PARTIES
from desktop.services import deadline_board as dl
from desktop.timeutil import CST, cst_days
from ui.app.settings import Settings
from ui.common.filters import DateRangeFilter, fill_choices
from ui.common.strings import rule_text
from ui.common.widgets import fill_unit_combo
from ui.dashboard import columns
from ui.dashboard.delegate import FastCellDelegate
from ui.dashboard.followups import FollowUpsPanel
from ui.dashboard.model import COL_INCIDENT, COL_RESPONSIBLE, COL_UNIT, INCIDENT_ROLE, DeadlineTableModel
from ui.dashboard.proxy import DeadlineFilterProxy
from ui.data.workbench import Workbench


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


# The wall's type size setting is for a 1080-line screen; other screens scale it with their height, so the wall
# reads the same from across the room at 1366x768, 1920x1080 and 3840x2160.
REFERENCE_LINES = 1080
# At most this share of the wall's width goes to the columns that are never cut (state, countdown, due time,
# article); the rest is the duty's and the incident title's. A larger type size is scaled down to keep it.
WALL_SHARE = 0.7
MIN_PT = 8.0


class DutyWall(QWidget):
    """Only the countdown table, in big type, full screen; Esc or F11 leaves."""

    closed = Signal()

    def __init__(self, proxy: DeadlineFilterProxy, font_pt: int) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("值班大屏 — 声誉风险事件时限"))
        self.font_pt = font_pt
        self.view = make_table(proxy)
        for col in (COL_UNIT, COL_RESPONSIBLE):
            self.view.hideColumn(col)
        self.clock = QLabel()
        head = QHBoxLayout()
        self.title = QLabel(self.tr("声誉风险事件时限"))
        head.addWidget(self.title, 1)
        head.addWidget(self.clock)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.view)
        for key in ("Esc", "F11"):
            QShortcut(QKeySequence(key), self, self.close)
        self.fit()

    def source(self) -> DeadlineTableModel:
        return self.view.model().sourceModel()  # type: ignore[attr-defined]

    def wall_font(self, width: int, height: int) -> QFont:
        """The setting's size scaled with the screen's height, made smaller only if the uncut columns would
        otherwise take more than WALL_SHARE of the width."""
        model = self.source()
        rows, now, names = model.rows(), model.now_ts, columns.headers(self.view)
        font = QFont(self.font())
        font.setPointSizeF(max(MIN_PT, self.font_pt * height / REFERENCE_LINES))
        budget = WALL_SHARE * width
        for _ in range(4):  # text widths scale almost linearly with the size: one step, then small corrections
            total = columns.protected_total(font, font, names, rows, now)
            if total <= budget or font.pointSizeF() <= MIN_PT:
                break
            font.setPointSizeF(max(MIN_PT, font.pointSizeF() * min(0.97, budget / total)))
        return font

    def fit(self) -> None:
        """Type size from the wall's size, then the columns for that type (on resize and after each load)."""
        font = self.wall_font(self.width(), self.height())
        for widget in (self.view, self.view.horizontalHeader(), self.title, self.clock):
            widget.setFont(font)
        # The application's style sheet styles header sections, and a styled section ignores setFont: its size too.
        self.view.horizontalHeader().setStyleSheet(f"QHeaderView::section {{ font-size: {font.pointSizeF():.1f}pt; }}")
        self.view.itemDelegate().reset_fonts()  # type: ignore[attr-defined]
        self.view.verticalHeader().setDefaultSectionSize(int(QFontMetrics(font).height() * 1.6))
        margins = self.layout().contentsMargins()  # type: ignore[union-attr]
        available = (self.width() - margins.left() - margins.right() - 2 * self.view.frameWidth()
                     - self.view.verticalScrollBar().sizeHint().width())
        model = self.source()
        columns.fit(self.view, model.rows(), model.now_ts, available)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def closeEvent(self, event: object) -> None:
        self.closed.emit()
        super().closeEvent(event)  # type: ignore[arg-type]


class DashboardPage(QWidget):
    openIncident = Signal(int)

    def __init__(self, workbench: Workbench, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.settings = settings
        self.model = DeadlineTableModel(dl.Thresholds(settings.due_soon_min_minutes), self)
        self.proxy = DeadlineFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.wall: DutyWall | None = None
        self._fitted = False
        title = QLabel(self.tr("时限看板"))
        title.setObjectName("pageTitle")
        self.summary = QLabel()
        self.unit = QComboBox()
        self.unit.setMinimumWidth(220)
        self.responsible = QComboBox()
        self.responsible.addItem(self.tr("全部责任方"), None)
        for name in PARTIES:
            self.responsible.addItem(rule_text(name), name)
        self.mine = QCheckBox(self.tr("只看与我有关"))
        self.mine.setChecked(settings.only_mine)
        self.state = QComboBox()
        self.state.addItem(self.tr("全部状态"), None)
        for label, states in ((self.tr("已超时"), (dl.OVERDUE,)), (self.tr("即将到期"), (dl.DUE_SOON,)),
                              (self.tr("时间充裕"), (dl.COMFORTABLE,)), (self.tr("立即办理"), (dl.IMMEDIATE,)),
                              (self.tr("可选时段"), (dl.WINDOW, dl.LAPSED))):
            self.state.addItem(label, ",".join(states))
        self.severity = QComboBox()
        fill_choices(self.severity, SEVERITIES, self.tr("全部级别"))
        self.dates = DateRangeFilter(self.tr("事发日期"))
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
        facets = QHBoxLayout()
        facets.addWidget(QLabel(self.tr("状态")))
        facets.addWidget(self.state)
        facets.addWidget(QLabel(self.tr("级别")))
        facets.addWidget(self.severity)
        facets.addWidget(self.dates)
        facets.addStretch(1)
        legend = QLabel(self.tr(
            "颜色：绿 = 时间充裕　黄 = 即将到期　红 = 已超时　蓝 = 立即办理（无具体时限）　灰 = 可选时段（“可”）"
            "。双击一行打开事件。"))
        legend.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(filters)
        layout.addLayout(facets)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addWidget(legend)
        # Below the deadlines: the prevention work's open follow-ups (hidden when there are none).
        self.followups = FollowUpsPanel(workbench)
        layout.addWidget(self.followups)
        self.unit.currentIndexChanged.connect(self.apply_filters)
        self.responsible.currentIndexChanged.connect(self.apply_filters)
        self.mine.toggled.connect(self.apply_filters)
        self.state.currentIndexChanged.connect(self.apply_filters)
        self.severity.currentIndexChanged.connect(self.apply_filters)
        self.dates.changed.connect(self.apply_filters)
        self.view.doubleClicked.connect(self._open)
        self.view.activated.connect(self._open)
        self.wall_button.clicked.connect(self.toggle_wall)
        workbench.loaded.connect(self.on_loaded)

    def on_loaded(self) -> None:
        snap = self.workbench.snapshot
        now = snap.at.timestamp() if snap.at else 0.0
        selected = self._selected_key()
        first = self.model.rowCount() == 0
        if first:  # the filters set on the empty model cost nothing: the reset below filters the rows once
            self.apply_filters()
        self.model.set_rows(snap.rows, now, snap.board)
        present = {r.unit_id for r in snap.rows}  # once, not once a unit: thousands of rows at scale
        fill_unit_combo(self.unit, [u for u in snap.units if u.id in present], empty=self.tr("全部单位"))
        if first:
            self._filtered()
        else:  # rows changed in place (dataChanged) are filtered again only by a new pass
            self.apply_filters()
        self._restore_selection(selected)
        # Every load: the uncut columns for the rows now shown; the others once, then they are the user's.
        self.fit_columns(flexible=not self._fitted)
        self._fitted = True
        if self.wall is not None:
            self.wall.fit()
        self._update_summary()

    def apply_filters(self, *_: object) -> None:
        self.settings.only_mine = self.mine.isChecked()
        states = self.state.currentData()
        self.proxy.set_all(self.unit.currentData(), self.responsible.currentData(), self.mine.isChecked(),
                           self.workbench.snapshot.scope, frozenset(states.split(",")) if states else None,
                           self.severity.currentData(), *cst_days(*self.dates.dates()))
        self._filtered()

    def _filtered(self) -> None:
        self.empty.setVisible(self.proxy.rowCount() == 0)
        self._update_summary()

    def set_thresholds(self, thresholds: dl.Thresholds) -> None:
        self.model.set_thresholds(thresholds)
        self._update_summary()

    def fit_columns(self, flexible: bool = True) -> None:
        """The state, countdown, due time and article whole in the table's font; with `flexible`, the other
        columns share the rest of the width."""
        columns.fit(self.view, self.model.rows(), self.model.now_ts, self.view.viewport().width(), flexible)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fitted:
            self.fit_columns()

    def tick(self, now: datetime) -> None:
        """Every second, from cached rows: dataChanged only for state changes and visible countdowns."""
        ranges = [r for r in (visible_rows(self.view), visible_rows(self.wall.view) if self.wall else None) if r]
        hint: tuple[int, int] | None = None
        if ranges:
            src = [s for s in (self.proxy.source_range(a, b) for a, b in ranges) if s]
            if src:
                hint = (min(s[0] for s in src), max(s[1] for s in src))
        changed = self.model.tick(now.timestamp(), hint if hint else (0, -1))
        if changed and self.proxy.states is not None:  # a row may have left or entered the chosen state
            self.apply_filters()
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
        # The whole screen from the start, even where no window manager honours "full screen" (the type size
        # and the columns follow the wall's size).
        self.wall.setGeometry(self.window().screen().geometry())
        self.wall.showFullScreen()

    def _wall_closed(self) -> None:
        if self.wall is not None:
            self.wall.deleteLater()
        self.wall = None
