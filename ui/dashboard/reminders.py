"""The reminder panel at the top of the main window, above every page: the duties that entered "due soon",
became overdue or must be done at once, with the incident and who must act, until the user says "知道了".

A reminder is (incident, rule, state entered); each account acknowledges it once, in the database
(`deadline_board.acknowledge`), so it stays quiet after a restart while an unacknowledged one comes back. The
panel works from the workbench's cached rows and the clock alone: a tick only recomputes when a duty's state may
have changed (the earliest next change of any row). Reminders new to this session are announced by `appeared`
(the window's notifier flashes the taskbar, beeps if chosen, and shows a tray balloon where there is a tray).
"""

from __future__ import annotations

import math
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services import deadline_board as dl
from desktop.timeutil import now_utc
from ui.app.theme import state_brushes
from ui.common.countdown import countdown, state_label
from ui.common.strings import rule_text
from ui.data.workbench import Workbench

COL_STATE, COL_COUNTDOWN, COL_INCIDENT, COL_DUTY, COL_RESPONSIBLE, COL_ACK = range(6)
VISIBLE_ROWS = 3  # more scroll: the panel never pushes the page out of the window
# Rows built in the table: a province's backlog can hold thousands of reminders, and a row of widgets for each
# would cost seconds at every change of state (100 rows of buttons were most of the UI thread's part of the first
# fill at 10,000 open incidents). The most urgent first; "全部知道了" covers them all; the dashboard lists the rest.
MAX_SHOWN = 30

Item = tuple[dl.DeadlineRow, str]


def key_of(item: Item) -> dl.ReminderKey:
    row, state = item
    return dl.ReminderKey(row.incident_id, row.rule_id, state)


class ReminderPanel(QFrame):
    openIncident = Signal(int)
    # [(DeadlineRow, state)]: reminders not announced before in this session. `object`, not `list`: a list
    # argument is converted element by element to a Qt list (0.12 s for the 10,000 of a large branch's first load).
    appeared = Signal(object)

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminderPanel")
        self.workbench = workbench
        self.items: list[Item] = []
        self._acked_here: set[dl.ReminderKey] = set()  # said here; the snapshot has them after its next reload
        self._announced: set[dl.ReminderKey] = set()
        self._now_ts: float | None = None  # the instant of the last evaluation or tick
        self._next_change = math.inf
        self.title = QLabel()
        self.title.setObjectName("reminderTitle")
        hint = QLabel(self.tr("点击一行打开事件"))
        hint.setObjectName("hint")
        self.more = QLabel()
        self.more.setObjectName("hint")
        self.more.hide()
        self.ack_all_button = QPushButton(self.tr("全部知道了"))
        self.ack_all_button.clicked.connect(self.acknowledge_all)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(hint, 1)
        head.addWidget(self.more)
        head.addWidget(self.ack_all_button)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("状态"), self.tr("倒计时"), self.tr("事件"), self.tr("事项"),
                                              self.tr("责任方（须办理）"), ""])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_INCIDENT, QHeaderView.ResizeMode.Stretch)
        self.table.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.table.cellClicked.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addLayout(head)
        layout.addWidget(self.table)
        self.hide()
        workbench.loaded.connect(self._on_loaded)

    # --- what is shown -----------------------------------------------------------------------------------------

    def shown_keys(self) -> list[dl.ReminderKey]:
        return [key_of(item) for item in self.items]

    def refresh(self) -> None:
        """After a load or a change of settings: the reminders at the panel's current instant."""
        self.evaluate(self._now_ts if self._now_ts is not None else now_utc().timestamp())

    def _on_loaded(self) -> None:
        """A new snapshot: its reminders as the worker found them at its instant, when it did (the next tick
        evaluates again if a state has changed since); else as `refresh`."""
        board = self.workbench.snapshot.board
        if board is not None and board.thresholds == self.workbench.thresholds:
            self.evaluate(board.now_ts)
        else:
            self.refresh()

    def tick(self, now: datetime) -> None:
        """Every second: the countdowns; the reminders themselves only when a state may have changed."""
        now_ts = now.timestamp()
        if now_ts >= self._next_change or (self._now_ts is not None and now_ts < self._now_ts):
            self.evaluate(now_ts)
            return
        self._now_ts = now_ts
        self._update_countdowns()

    def evaluate(self, now_ts: float) -> None:
        self._now_ts = now_ts
        snapshot, thresholds = self.workbench.snapshot, self.workbench.thresholds
        board = snapshot.board
        keys: list[dl.ReminderKey]
        if (board is not None and board.now_ts == now_ts and board.thresholds == thresholds
                and board.acknowledged == snapshot.acknowledged):
            # Worked out in the worker for this instant (every row of the open set at a large branch).
            items, keys, self._next_change = board.reminders, board.reminder_keys, board.next_change
            if self._acked_here:
                kept = [(item, key) for item, key in zip(items, keys, strict=True) if key not in self._acked_here]
                items, keys = [item for item, _ in kept], [key for _, key in kept]
        else:
            acknowledged = snapshot.acknowledged | self._acked_here
            items = dl.reminders(snapshot.rows, now_ts, acknowledged, thresholds)
            keys = [key_of(item) for item in items]
            changes = (dl.next_change(row, now_ts, thresholds) for row in snapshot.rows)
            self._next_change = min((t for t in changes if t is not None), default=math.inf)
        if items != self.items:
            self.items = items
            self._rebuild()
        else:
            self._update_countdowns()
        announced = self._announced
        new = [item for item, key in zip(items, keys, strict=True) if key not in announced]
        if new:
            announced.update(keys)
            self.appeared.emit(new)

    def _rebuild(self) -> None:
        table = self.table
        table.setRowCount(0)
        shown = self.items[:MAX_SHOWN]
        table.setRowCount(len(shown))
        for r, (row, state) in enumerate(shown):
            background, foreground = state_brushes(state)
            texts = {
                COL_STATE: state_label(state),
                COL_COUNTDOWN: "",
                COL_INCIDENT: f"{row.number} {row.title}",
                COL_DUTY: self.tr("第%1条 %2").replace("%1", row.article).replace("%2", rule_text(row.label)),
                COL_RESPONSIBLE: rule_text(row.responsible),
            }
            for col, text in texts.items():
                cell = QTableWidgetItem(text)
                cell.setToolTip(self.tr("打开事件 %1").replace("%1", row.number))
                if col in (COL_STATE, COL_COUNTDOWN):
                    cell.setBackground(background)
                    cell.setForeground(foreground)
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                table.setItem(r, col, cell)
            button = QPushButton(self.tr("知道了"))
            button.setToolTip(self.tr("此提醒不再显示（对您本人）"))
            key = key_of((row, state))
            button.clicked.connect(lambda _=False, k=key: self.acknowledge([k]))
            table.setCellWidget(r, COL_ACK, button)
        self._update_countdowns()
        count = len(self.items)
        self.title.setText(self.tr("需要关注的时限提醒（%1 项）").replace("%1", str(count)))
        self.more.setText(self.tr("仅列出最紧急的 %1 项，其余见时限看板").replace("%1", str(MAX_SHOWN)))
        self.more.setVisible(count > MAX_SHOWN)
        header = table.horizontalHeader().sizeHint().height()
        rows = sum(table.rowHeight(r) for r in range(min(count, VISIBLE_ROWS)))
        table.setFixedHeight(header + rows + 2 * table.frameWidth())
        self.setVisible(count > 0)

    def _update_countdowns(self) -> None:
        if self._now_ts is None:
            return
        thresholds, table = self.workbench.thresholds, self.table
        # The rows in sight only (the panel shows three; the rest are read when scrolled to, at the next tick).
        first = max(table.rowAt(0), 0)
        last = table.rowAt(table.viewport().height() - 1)
        last = table.rowCount() - 1 if last < 0 else last
        for r in range(first, min(last + 1, len(self.items))):
            row = self.items[r][0]
            cell = table.item(r, COL_COUNTDOWN)
            if cell is not None:
                cell.setText(countdown(dl.read_row(row, self._now_ts, thresholds)))

    def _clicked(self, r: int, col: int) -> None:
        if col != COL_ACK and 0 <= r < len(self.items):
            self.openIncident.emit(self.items[r][0].incident_id)

    # --- "知道了" ----------------------------------------------------------------------------------------------

    def acknowledge(self, keys: list[dl.ReminderKey]) -> None:
        """Quiet at once; stored for this account in the worker (a failure brings them back)."""
        keys = [k for k in keys if k not in self._acked_here and k not in self.workbench.snapshot.acknowledged]
        if not keys:
            return
        self._acked_here.update(keys)
        actor = self.workbench.actor
        self.workbench.write(lambda s: dl.acknowledge(s, actor, keys), on_error=self._not_stored, reload=False)
        self.refresh()

    def acknowledge_all(self) -> None:
        self.acknowledge(self.shown_keys())

    def _not_stored(self, exc: BaseException) -> None:
        # Every acknowledgement stored so far is in the database: read them again rather than guess which failed.
        self._acked_here.clear()
        self.workbench.reload()
        self.workbench.failed.emit(exc)
