"""What the administration page shows: the accounts table model and the organisation tree widget.

Rows are cached `Account`s and `UnitInfo`s read by the worker; nothing here touches the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from desktop.domain import ROLES, UNIT_KINDS, UnitInfo
from desktop.services.accounts import Account
from desktop.timeutil import format_cst, now_utc

Index = QModelIndex | QPersistentModelIndex
ACCOUNT_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
UNIT_ROLE = Qt.ItemDataRole.UserRole + 3

COL_USERNAME, COL_NAME, COL_UNIT, COL_PHONE, COL_ROLES, COL_STATE = range(6)
HEADERS = ("登录名", "姓名", "所属单位", "电话", "角色", "状态")


def _t(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def role_labels(roles: Iterable[str]) -> str:
    order = list(ROLES)
    return "、".join(_t("domain", ROLES[r]) for r in sorted(roles, key=order.index) if r in ROLES)


def account_state(account: Account, now: datetime) -> str:
    if not account.active:
        return _t("AccountTableModel", "已停用")
    if account.locked_until is not None and account.locked_until > now:
        return _t("AccountTableModel", "锁定至 %1").replace("%1", format_cst(account.locked_until))
    return _t("AccountTableModel", "正常")


class AccountTableModel(QAbstractTableModel):
    """One row per account; state (disabled, locked until …) as of the moment the rows were set."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Account] = []
        self._now = now_utc()

    def set_rows(self, rows: Sequence[Account], now: datetime | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._now = now or now_utc()
        self.endResetModel()

    def account_at(self, row: int) -> Account:
        return self._rows[row]

    def row_of(self, user_id: int) -> int:
        return next((i for i, a in enumerate(self._rows) if a.id == user_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(HEADERS):
            return _t("AccountTableModel", HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        account = self._rows[index.row()]
        column = index.column()
        if role == ACCOUNT_ROLE:
            return account
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return self._text(account, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_STATE and self._text(account, column) != \
                _t("AccountTableModel", "正常"):
            return QBrush(QColor("#b71c1c"))
        if role == Qt.ItemDataRole.ForegroundRole and not account.active:
            return QBrush(QColor("#888888"))
        return None

    def _text(self, account: Account, column: int) -> str:
        if column == COL_USERNAME:
            return account.username
        if column == COL_NAME:
            return account.display_name
        if column == COL_UNIT:
            return account.unit_name
        if column == COL_PHONE:
            return account.phone
        if column == COL_ROLES:
            return role_labels(account.roles)
        return account_state(account, self._now)


class UnitTree(QTreeWidget):
    """The organisation as a tree: name, kind, code; inactive units greyed and marked 已停用 (optionally hidden)."""

    COL_NAME, COL_KIND, COL_CODE, COL_STATE = range(4)

    def __init__(self, parent: QWidget | None = None, *, columns: bool = True) -> None:
        super().__init__(parent)
        self._columns = columns
        if columns:
            self.setHeaderLabels([self.tr("单位"), self.tr("类型"), self.tr("代码"), self.tr("状态")])
        else:
            self.setHeaderHidden(True)
        self.units: dict[int, UnitInfo] = {}
        self.inactive: frozenset[int] = frozenset()

    def set_units(self, units: Sequence[UnitInfo], inactive: Iterable[int] = (), *,
                  show_inactive: bool = True) -> None:
        keep = self.selected_unit_id()
        self.units = {u.id: u for u in units}
        self.inactive = frozenset(inactive)
        self.clear()
        children: dict[int | None, list[UnitInfo]] = {}
        for unit in units:  # (sort_order, id) order within each parent, as the core lists them
            if unit.id in self.inactive and not show_inactive:
                continue
            parent_id = unit.parent_id if unit.parent_id in self.units else None
            children.setdefault(parent_id, []).append(unit)

        def add(parent: QTreeWidgetItem | None, unit: UnitInfo) -> None:
            item = QTreeWidgetItem(parent) if parent is not None else QTreeWidgetItem(self)
            item.setText(self.COL_NAME, unit.name)
            item.setData(self.COL_NAME, UNIT_ROLE, unit.id)
            if self._columns:
                item.setText(self.COL_KIND, _t("domain", UNIT_KINDS.get(unit.kind, unit.kind)))
                item.setText(self.COL_CODE, unit.code)
                item.setText(self.COL_STATE, self.tr("已停用") if unit.id in self.inactive else self.tr("在用"))
            if unit.id in self.inactive:
                for col in range(self.columnCount()):
                    item.setForeground(col, QBrush(QColor("#888888")))
            for child in children.get(unit.id, []):
                add(item, child)

        for root in children.get(None, []):
            add(None, root)
        self.expandAll()
        if self._columns:
            for col in range(self.columnCount()):
                self.resizeColumnToContents(col)
        if keep is not None:
            self.select_unit(keep)

    def selected_unit_id(self) -> int | None:
        item = self.currentItem()
        return item.data(self.COL_NAME, UNIT_ROLE) if item is not None else None

    def selected_unit(self) -> UnitInfo | None:
        uid = self.selected_unit_id()
        return self.units.get(uid) if uid is not None else None

    def item_of(self, unit_id: int) -> QTreeWidgetItem | None:
        for item in self.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive):
            if item.data(self.COL_NAME, UNIT_ROLE) == unit_id:
                return item
        return None

    def select_unit(self, unit_id: int) -> bool:
        item = self.item_of(unit_id)
        if item is not None:
            self.setCurrentItem(item)
        return item is not None
