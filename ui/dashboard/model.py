"""The countdown table: cached DeadlineRows, recomputed every second without touching the database.

A tick only emits dataChanged for rows whose colour state changed (found through a heap of the next
transition instants) and for the countdown cells of the rows the view says are visible.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from desktop.services import deadline_board as dl
from ui.app.theme import state_brushes
from ui.common.countdown import countdown, due_label, state_label
from ui.common.strings import rule_text, translated

Index = QModelIndex | QPersistentModelIndex

COL_STATE, COL_COUNTDOWN, COL_DUE, COL_ARTICLE, COL_DUTY, COL_INCIDENT, COL_UNIT, COL_RESPONSIBLE = range(8)
# Never shortened, on the dashboard or the duty wall: their columns are sized to hold them whole (the view).
PROTECTED = (COL_STATE, COL_COUNTDOWN, COL_DUE, COL_ARTICLE)
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
INCIDENT_ROLE = Qt.ItemDataRole.UserRole + 3
PAINT_ROLE = Qt.ItemDataRole.UserRole + 4  # (text, background, foreground, bold, alignment, elide): one call a cell
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


_BRUSHES = {state: state_brushes(state) for state in (dl.COMFORTABLE, dl.DUE_SOON, dl.OVERDUE, dl.IMMEDIATE,
                                                     dl.WINDOW, dl.LAPSED)}


def _t(text: str) -> str:
    return translated("DeadlineTableModel", text)


class DeadlineTableModel(QAbstractTableModel):
    stateEntered = Signal(object, str)  # DeadlineRow, new state (after a tick or a reload, never at first load)

    def __init__(self, thresholds: dl.Thresholds | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.thresholds = thresholds or dl.Thresholds()
        self._rows: list[dl.DeadlineRow] = []
        self._states: list[str] = []
        self._heap: list[tuple[float, int]] = []
        self._now_ts = 0.0
        self._known: dict[tuple[int, str], str] = {}
        self.counts: Counter[str] = Counter()
        self._loaded_once = False
        self._bold = QFont()
        self._bold.setBold(True)

    # --- data in ---------------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[dl.DeadlineRow], now_ts: float) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._now_ts = now_ts
        self._recompute_all()
        self.endResetModel()
        if self._loaded_once:
            for row, state in zip(self._rows, self._states, strict=True):
                before = self._known.get(row.key)
                if before is not None and before != state and state in dl.ALERT_STATES:
                    self.stateEntered.emit(row, state)
        self._known = {row.key: state for row, state in zip(self._rows, self._states, strict=True)}
        self._loaded_once = True

    def set_thresholds(self, thresholds: dl.Thresholds) -> None:
        self.thresholds = thresholds
        self._recompute_all()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1))

    def _recompute_all(self) -> None:
        now, thr = self._now_ts, self.thresholds
        self._states = [dl.state_at(r, now, thr) for r in self._rows]
        self.counts = Counter(self._states)
        heap = []
        for i, r in enumerate(self._rows):
            t = dl.next_change(r, now, thr)
            if t is not None:
                heap.append((t, i))
        heapq.heapify(heap)
        self._heap = heap

    def tick(self, now_ts: float, visible: tuple[int, int] | None = None) -> list[int]:
        """Advance the clock; returns the rows whose state changed."""
        self._now_ts = now_ts
        changed: list[int] = []
        heap, thr = self._heap, self.thresholds
        while heap and heap[0][0] <= now_ts:
            _, i = heapq.heappop(heap)
            row = self._rows[i]
            state = dl.state_at(row, now_ts, thr)
            following = dl.next_change(row, now_ts, thr)
            if following is not None:
                heapq.heappush(heap, (following, i))
            if state != self._states[i]:
                self.counts[self._states[i]] -= 1
                self.counts[state] += 1
                self._states[i] = state
                self._known[row.key] = state
                changed.append(i)
        last_col = self.columnCount() - 1
        for i in changed:
            self.dataChanged.emit(self.index(i, 0), self.index(i, last_col))
            if self._states[i] in dl.ALERT_STATES:
                self.stateEntered.emit(self._rows[i], self._states[i])
        if self._rows:
            first, last = visible if visible is not None else (0, len(self._rows) - 1)
            first, last = max(first, 0), min(last, len(self._rows) - 1)
            # One cell at a time: the view then repaints exactly those cells, not a margin into the neighbours.
            emit, index, display = self.dataChanged.emit, self.index, [Qt.ItemDataRole.DisplayRole]
            for i in range(first, last + 1):
                cell = index(i, COL_COUNTDOWN)
                emit(cell, cell, display)
        return changed

    # --- access ----------------------------------------------------------------------------------------------

    def row_at(self, row: int) -> dl.DeadlineRow:
        return self._rows[row]

    def rows(self) -> list[dl.DeadlineRow]:
        return list(self._rows)

    @property
    def now_ts(self) -> float:
        """The instant of the last tick or load."""
        return self._now_ts

    # --- Qt model ---------------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 8

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (_t("状态"), _t("倒计时"), _t("时限（北京时间）"), _t("条款"), _t("事项"), _t("事件"), _t("事发单位"),
                 _t("责任方"))
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        i = index.row()
        if not 0 <= i < len(self._rows):  # an invalid index has row -1
            return None
        row, state, col = self._rows[i], self._states[i], index.column()
        if role == PAINT_ROLE:
            bg, fg = _BRUSHES[state]
            return (self._display(row, state, col), bg, fg, col <= COL_COUNTDOWN,
                    _RIGHT if col == COL_COUNTDOWN else _LEFT, col not in PROTECTED)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, state, col)
        if role == Qt.ItemDataRole.BackgroundRole:
            return _BRUSHES[state][0]
        if role == Qt.ItemDataRole.ForegroundRole:
            return _BRUSHES[state][1]
        if role == Qt.ItemDataRole.FontRole and col in (COL_STATE, COL_COUNTDOWN):
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_COUNTDOWN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.number} {row.title}\n{_t('第')}{row.article}{_t('条')}：{rule_text(row.label)}"
        if role == ROW_ROLE:
            return row
        if role == STATE_ROLE:
            return state
        if role == INCIDENT_ROLE:
            return row.incident_id
        return None

    def _display(self, row: dl.DeadlineRow, state: str, col: int) -> str:
        if col == COL_STATE:
            return state_label(state)
        if col == COL_COUNTDOWN:
            return countdown(dl.read_row(row, self._now_ts, self.thresholds))
        if col == COL_DUE:
            return due_label(state, row.due_at)
        if col == COL_ARTICLE:
            return row.article
        if col == COL_DUTY:
            return rule_text(row.label)
        if col == COL_INCIDENT:
            return f"{row.number} {row.title}"
        if col == COL_UNIT:
            return row.unit_name
        return rule_text(row.responsible)
