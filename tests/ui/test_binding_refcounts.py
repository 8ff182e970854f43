"""Guard against a Qt binding that corrupts reference counts (PySide6 6.12.0 did: every model call took one
reference from None or True, and a window left open aborted the process within minutes)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

Index = QModelIndex | QPersistentModelIndex

# PEP 683: from Python 3.12 on, None, True and the small ints are immortal; their reference counts are fixed, so
# they can neither show a stray decrement nor be freed by one.
IMMORTAL_SINGLETONS = sys.version_info >= (3, 12)


class _Model(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        # Values of ordinary, mortal objects (built at run time: not interned, not shared with anything else),
        # whose reference counts show a binding that takes a reference it does not own on any Python version.
        self.text = "".join(["cell", " ", "text"])  # noqa: FLY002 - joined at run time: not an interned literal
        self.tip = "".join(["tool", " ", "tip"])  # noqa: FLY002 - joined at run time: not an interned literal

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 20

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tip
        return None


class _Proxy(QSortFilterProxyModel):
    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        return True


def _shown(qtbot: QtBot) -> tuple[_Model, QTableView]:
    model, proxy = _Model(), _Proxy()
    proxy.setSourceModel(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.resize(400, 600)
    view.show()
    qtbot.waitExposed(view)
    return model, view


def _tick(model: _Model, view: QTableView, times: int = 100) -> None:
    for _ in range(times):  # like a minute and a half of a ticking countdown: thousands of model calls
        model.dataChanged.emit(model.index(0, 0), model.index(19, 3))
        view.viewport().grab()  # paints now, asking data() for every visible cell (repaint() may only schedule)
        for row in range(0, 20, 5):  # what a tooltip asks
            model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_model_calls_leave_the_values_they_return_alone(qtbot: QtBot) -> None:
    model, view = _shown(qtbot)
    _tick(model, view, times=3)  # the first paints may keep what they keep
    text_before, tip_before = sys.getrefcount(model.text), sys.getrefcount(model.tip)
    _tick(model, view)
    # thousands of data() calls: one reference too few or too many per call would show by far more than this
    assert abs(sys.getrefcount(model.text) - text_before) <= 20
    assert abs(sys.getrefcount(model.tip) - tip_before) <= 20


@pytest.mark.skipif(IMMORTAL_SINGLETONS, reason="None and True are immortal (PEP 683): their reference counts "
                                                "are fixed, and the returned values are checked above")
def test_model_calls_leave_none_and_true_alone(qtbot: QtBot) -> None:
    model, view = _shown(qtbot)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    _tick(model, view)
    assert sys.getrefcount(True) >= true_before - 20
    assert sys.getrefcount(None) >= none_before - 200
