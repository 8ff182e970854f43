"""Guard against a Qt binding that corrupts reference counts (PySide6 6.12.0 did: every model call took one
reference from None or True, and a window left open aborted the process within minutes)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

Index = QModelIndex | QPersistentModelIndex


class _Model(QAbstractTableModel):
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 20

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return "x" if role == Qt.ItemDataRole.DisplayRole else None


class _Proxy(QSortFilterProxyModel):
    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        return True


def test_model_calls_leave_none_and_true_alone(qtbot: QtBot) -> None:
    model, proxy = _Model(), _Proxy()
    proxy.setSourceModel(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.resize(400, 600)
    view.show()
    qtbot.waitExposed(view)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(300):  # like five minutes of a ticking countdown
        model.dataChanged.emit(model.index(0, 0), model.index(19, 3))
        view.viewport().repaint()
    assert sys.getrefcount(True) >= true_before - 20
    assert sys.getrefcount(None) >= none_before - 200
