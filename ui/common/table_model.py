"""The base of every table model in the window: cached plain rows, headers translated in the model's context.

data() never touches the database; set_rows() replaces the rows in one reset.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

Index = QModelIndex | QPersistentModelIndex
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


def _t(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


class CachedTableModel(QAbstractTableModel):
    """Rows are cached plain records; subclasses name their HEADERS and say what each cell shows."""

    HEADERS: tuple[str, ...] = ()
    CONTEXT = "Table"

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.HEADERS):
            return _t(self.CONTEXT, self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role == RECORD_ROLE:
            return item
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cell(item, index.column())
        if role == SORT_ROLE:
            return self.sort_value(item, index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.colour(item, index.column())
        return None

    def cell(self, item: Any, column: int) -> str:
        return ""

    def sort_value(self, item: Any, column: int) -> Any:
        return self.cell(item, column)

    def colour(self, item: Any, column: int) -> QColor | None:
        return None
