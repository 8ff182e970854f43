"""The countdown table: cached DeadlineRows, recomputed every second without touching the database.

A tick only emits dataChanged for rows whose colour state changed (found through a heap of the next
transition instants) and for the countdown cells of the rows the view says are visible. A reload changes only the
rows that differ (rows removed, inserted, changed in place): never a reset after the first load.
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


def _order(row: dl.DeadlineRow) -> tuple[float, int, str]:
    """The rows' order, as deadline_board.build_rows sorts them: soonest first."""
    return (row.due_ts, row.incident_id, row.rule_id)


class DeadlineTableModel(QAbstractTableModel):
    stateEntered = Signal(object, str)  # DeadlineRow, new state (after a tick or a reload, never at first load)

    def __init__(self, thresholds: dl.Thresholds | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.thresholds = thresholds or dl.Thresholds()
        self._rows: list[dl.DeadlineRow] = []
        self._states: list[str] = []
        self._index: dict[tuple[int, str], int] = {}  # row key -> its row
        # The next clock-driven state change of each row: (instant, key, generation). A row replaced or removed
        # leaves its old entry behind; the generation tells it apart, and the heap is compacted when they pile up.
        self._heap: list[tuple[float, tuple[int, str], int]] = []
        self._generation: dict[tuple[int, str], int] = {}
        self._serial = 0
        self._now_ts = 0.0
        self._known: dict[tuple[int, str], str] = {}
        self.counts: Counter[str] = Counter()
        self._loaded_once = False
        self._bold = QFont()
        self._bold.setBold(True)

    # --- data in ---------------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[dl.DeadlineRow], now_ts: float, board: dl.Board | None = None) -> None:
        """The rows as they are now (sorted as build_rows sorts them). The first load resets the model; later
        loads remove, insert and change only the rows that differ, so a view keeps its scroll position and
        selection and repaints only what changed. `board`: the rows' states and next changes worked out in the
        worker, taken when they were made for these rows at `now_ts` with these thresholds."""
        rows = list(rows)
        if not self._rows or not self._loaded_once:
            self.beginResetModel()
            self._rows = rows
            self._now_ts = now_ts
            if board is not None and board.fits(rows, now_ts, self.thresholds):
                self._take(board)
            else:
                self._recompute_all()
            self.endResetModel()
            if self._loaded_once:
                for row, state in zip(self._rows, self._states, strict=True):
                    self._entered(row, state)
            self._known = dict(zip(self._index, self._states, strict=True))  # _index: the keys in row order
            self._loaded_once = True
            return
        self._advance(now_ts)
        wanted = {(row.incident_id, row.rule_id): row for row in rows}  # row.key, without a call a row
        self._remove_missing(wanted)
        self._insert_and_update(rows)

    def _remove_missing(self, wanted: dict[tuple[int, str], dl.DeadlineRow]) -> None:
        """Remove (in runs, from the end) the rows that are gone or moved to another place in the order."""
        # Most rows are the very objects of the last load (only the changed incidents' are new): no comparison.
        doomed = [i for i, row in enumerate(self._rows)
                  if (new := wanted.get((row.incident_id, row.rule_id))) is not row
                  and (new is None or _order(new) != _order(row))]
        if not doomed:
            return
        runs: list[tuple[int, int]] = []
        for i in doomed:
            if runs and runs[-1][1] == i - 1:
                runs[-1] = (runs[-1][0], i)
            else:
                runs.append((i, i))
        for first, last in reversed(runs):
            self.beginRemoveRows(QModelIndex(), first, last)
            for row, state in zip(self._rows[first:last + 1], self._states[first:last + 1], strict=True):
                self.counts[state] -= 1
                self._generation.pop(row.key, None)
                self._known.pop(row.key, None)
            del self._rows[first:last + 1]
            del self._states[first:last + 1]
            self.endRemoveRows()
        self._index = {row.key: i for i, row in enumerate(self._rows)}

    def _insert_and_update(self, rows: list[dl.DeadlineRow]) -> None:
        """The rows left are in `rows`, in the same order: insert the others in runs, and replace the rows whose
        content changed in place (dataChanged)."""
        kept = self._rows
        runs: list[tuple[int, int]] = []  # positions in `rows`, both ends included
        replaced: list[int] = []
        i = 0
        for j, row in enumerate(rows):
            if i < len(kept) and (kept[i] is row or kept[i].key == row.key):
                if kept[i] is not row and kept[i] != row:
                    replaced.append(j)
                i += 1
            elif runs and runs[-1][1] == j - 1:
                runs[-1] = (runs[-1][0], j)
            else:
                runs.append((j, j))
        now, thr = self._now_ts, self.thresholds
        fresh: list[int] = []
        for first, last in runs:  # in increasing order: everything before `first` is already in place
            self.beginInsertRows(QModelIndex(), first, last)
            added = rows[first:last + 1]
            states = [dl.state_at(r, now, thr) for r in added]
            self._rows[first:first] = added
            self._states[first:first] = states
            self.counts.update(states)
            self.endInsertRows()
            fresh.extend(range(first, last + 1))
        last_col = self.columnCount() - 1
        for j in replaced:
            state = dl.state_at(rows[j], now, thr)
            self.counts[self._states[j]] -= 1
            self.counts[state] += 1
            self._rows[j], self._states[j] = rows[j], state
            self.dataChanged.emit(self.index(j, 0), self.index(j, last_col))
        if runs:
            self._index = {row.key: i for i, row in enumerate(self._rows)}
        for j in (*fresh, *replaced):
            row, state = self._rows[j], self._states[j]
            self._schedule(row)
            self._entered(row, state)
            self._known[row.key] = state
        if len(self._heap) > 2 * len(self._rows) + 64:  # stale entries of removed and replaced rows
            self._heap = [e for e in self._heap if self._generation.get(e[1]) == e[2]]
            heapq.heapify(self._heap)

    def _entered(self, row: dl.DeadlineRow, state: str) -> None:
        before = self._known.get(row.key)
        if before is not None and before != state and state in dl.ALERT_STATES:
            self.stateEntered.emit(row, state)

    def _schedule(self, row: dl.DeadlineRow) -> None:
        self._serial += 1
        self._generation[row.key] = self._serial
        t = dl.next_change(row, self._now_ts, self.thresholds)
        if t is not None:
            heapq.heappush(self._heap, (t, row.key, self._serial))

    def set_thresholds(self, thresholds: dl.Thresholds) -> None:
        self.thresholds = thresholds
        self._recompute_all()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1))

    def _take(self, board: dl.Board) -> None:
        """`_recompute_all` from the worker's answer: its generations are the rows' positions, so every later one
        is numbered after them."""
        self._states = list(board.states)
        self.counts = Counter(self._states)
        self._index = {key: i for i, key in enumerate(board.keys)}
        self._generation = {key: i for i, key in enumerate(board.keys, 1)}
        self._serial = max(self._serial, len(board.keys))
        self._heap = list(board.heap)

    def _recompute_all(self) -> None:
        now, thr = self._now_ts, self.thresholds
        self._states = [dl.state_at(r, now, thr) for r in self._rows]
        self.counts = Counter(self._states)
        self._index = {row.key: i for i, row in enumerate(self._rows)}
        self._generation = {}
        heap = []
        for row in self._rows:
            self._serial += 1
            self._generation[row.key] = self._serial
            t = dl.next_change(row, now, thr)
            if t is not None:
                heap.append((t, row.key, self._serial))
        heapq.heapify(heap)
        self._heap = heap

    def _advance(self, now_ts: float) -> list[int]:
        """Move the clock to `now_ts`: the rows whose state changed (counts and states updated)."""
        self._now_ts = now_ts
        changed: list[int] = []
        heap, thr, generation, index = self._heap, self.thresholds, self._generation, self._index
        while heap and heap[0][0] <= now_ts:
            _, key, serial = heapq.heappop(heap)
            if generation.get(key) != serial:
                continue  # the row was removed or replaced since
            i = index[key]
            row = self._rows[i]
            state = dl.state_at(row, now_ts, thr)
            following = dl.next_change(row, now_ts, thr)
            if following is not None:
                heapq.heappush(heap, (following, key, serial))
            if state != self._states[i]:
                self.counts[self._states[i]] -= 1
                self.counts[state] += 1
                self._states[i] = state
                self._known[key] = state
                changed.append(i)
        last_col = self.columnCount() - 1
        for i in changed:
            self.dataChanged.emit(self.index(i, 0), self.index(i, last_col))
            if self._states[i] in dl.ALERT_STATES:
                self.stateEntered.emit(self._rows[i], self._states[i])
        return changed

    def tick(self, now_ts: float, visible: tuple[int, int] | None = None) -> list[int]:
        """Advance the clock; returns the rows whose state changed."""
        changed = self._advance(now_ts)
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
