"""系统管理: accounts (create, reset password, roles, enable/disable) and the organisation tree (add, rename,
deactivate). Shown only to administrators; the core refuses everyone else whatever the window shows.

Every read and write runs in the worker; a refused write (ValidationError, PermissionDenied) is shown in Chinese
and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop.services import accounts, org
from desktop.services.accounts import Account
from desktop.services.org import AdminData
from ui.admin.dialogs import (
    AccountDialog,
    FormDialog,
    PasswordDialog,
    RenameDialog,
    RolesDialog,
    SettingDialog,
    UnitDialog,
)
from ui.admin.models import COL_NAME, COL_ROLES, COL_UNIT, SORT_ROLE, AccountTableModel, UnitTree
from ui.data.workbench import Workbench


class AdminPage(QWidget):
    loaded = Signal()
    changed = Signal(str)  # what was done, in Chinese

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.data = AdminData()
        self.dialog: FormDialog | None = None
        title = QLabel(self.tr("系统管理"))
        title.setObjectName("pageTitle")
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._accounts_tab(), self.tr("账号"))
        self.tabs.addTab(self._org_tab(), self.tr("机构"))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self._selection_changed()

    def _accounts_tab(self) -> QWidget:
        self.model = AccountTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(COL_ROLES, QHeaderView.ResizeMode.Stretch)
        self.new_account_button = QPushButton(self.tr("新建账号…"))
        self.password_button = QPushButton(self.tr("重置密码…"))
        self.roles_button = QPushButton(self.tr("修改角色…"))
        self.active_button = QPushButton(self.tr("停用账号"))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.change_roles())
        self.new_account_button.clicked.connect(self.new_account)
        self.password_button.clicked.connect(self.reset_password)
        self.roles_button.clicked.connect(self.change_roles)
        self.active_button.clicked.connect(self.toggle_account)
        return self._tab(self.table, self.new_account_button, self.password_button, self.roles_button,
                         self.active_button)

    def _org_tab(self) -> QWidget:
        self.tree = UnitTree()
        self.add_unit_button = QPushButton(self.tr("添加下级单位…"))
        self.rename_button = QPushButton(self.tr("重命名…"))
        self.unit_active_button = QPushButton(self.tr("停用单位"))
        self.prefix_button = QPushButton(self.tr("机关代字…"))
        self.head_office_button = QPushButton(self.tr("总行办公室…"))
        self.settings_label = QLabel()
        self.settings_label.setWordWrap(True)
        self.tree.currentItemChanged.connect(lambda *_: self._selection_changed())
        self.prefix_button.clicked.connect(self.edit_prefix)
        self.head_office_button.clicked.connect(self.edit_head_office)
        self.add_unit_button.clicked.connect(self.add_unit)
        self.rename_button.clicked.connect(self.rename_unit)
        self.unit_active_button.clicked.connect(self.toggle_unit)
        tab = self._tab(self.tree, self.add_unit_button, self.rename_button, self.unit_active_button,
                        self.prefix_button, self.head_office_button)
        layout = tab.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(1, self.settings_label)
        return tab

    @staticmethod
    def _tab(view: QWidget, *buttons: QPushButton) -> QWidget:
        tab = QWidget()
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addLayout(row)
        layout.addWidget(view, 1)
        return tab

    # --- reading ---------------------------------------------------------------------------------------------

    def activated(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        actor = self.workbench.actor
        self.workbench.read(lambda s: org.admin_data(s, actor), self._loaded, self._refused)

    def _loaded(self, data: AdminData) -> None:
        self.data = data
        keep = self.selected_account()
        self.model.set_rows(data.accounts, data.at)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(COL_ROLES, QHeaderView.ResizeMode.Stretch)
        for column in (COL_NAME, COL_UNIT):
            self.table.setColumnWidth(column, self.table.columnWidth(column) + 16)
        if keep is not None:
            self.select_account(keep.id)
        self.tree.set_units(data.units, data.inactive)
        self._selection_changed()
        self.loaded.emit()

    def _refused(self, exc: BaseException) -> None:
        self.say(getattr(exc, "message", None) or str(exc), error=True)

    def say(self, text: str, error: bool = False) -> None:
        self.banner.setObjectName("errorBanner" if error else "hint")
        self.banner.setStyleSheet(self.banner.styleSheet())  # re-polish after the name change
        self.banner.setText(text)
        self.banner.show()

    # --- selection -------------------------------------------------------------------------------------------

    def selected_account(self) -> Account | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.model.account_at(self.proxy.mapToSource(rows[0]).row())

    def select_account(self, user_id: int) -> bool:
        row = self.model.row_of(user_id)
        if row < 0:
            return False
        self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
        return True

    def _selection_changed(self, *_: object) -> None:
        account = self.selected_account()
        for button in (self.password_button, self.roles_button, self.active_button):
            button.setEnabled(account is not None)
        self.active_button.setText(self.tr("启用账号") if account is not None and not account.active
                                   else self.tr("停用账号"))
        unit = self.tree.selected_unit()
        for button in (self.add_unit_button, self.rename_button, self.unit_active_button, self.prefix_button):
            button.setEnabled(unit is not None)
        unset = self.tr("（未设置）")
        text = self.tr("总行办公室：%1").replace("%1", self.data.head_office or unset)
        if unit is not None:
            text += self.tr("；%1的机关代字：%2").replace("%1", unit.name).replace(
                "%2", self.data.prefixes.get(unit.id) or unset)
        self.settings_label.setText(text)
        self.unit_active_button.setText(self.tr("启用单位") if unit is not None and unit.id in self.data.inactive
                                        else self.tr("停用单位"))

    # --- writing ---------------------------------------------------------------------------------------------

    def _run(self, job: Callable[[Session], Any], done: str, dialog: FormDialog | None = None) -> None:
        def ok(_result: Any) -> None:
            if dialog is not None:
                dialog.finish()
            self.say(done)
            self.changed.emit(done)
            self.refresh()

        def refused(exc: BaseException) -> None:
            if dialog is not None:
                dialog.show_error(exc)
            else:
                self._refused(exc)

        self.workbench.write(job, ok, refused)

    def _open(self, dialog: FormDialog, on_submit: Callable[[dict[str, Any]], None]) -> FormDialog:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(on_submit)
        dialog.open()
        return dialog

    def new_account(self) -> FormDialog:
        dialog = AccountDialog(self.data.units, self.data.inactive, self)
        actor = self.workbench.actor

        def submit(v: dict[str, Any]) -> None:
            self._run(lambda s: accounts.create_user(
                s, actor, username=v["username"], display_name=v["display_name"], unit_id=v["unit_id"],
                password=v["password"], roles=v["roles"], phone=v["phone"]),
                self.tr("已创建账号 %1").replace("%1", v["username"].strip()), dialog)
        return self._open(dialog, submit)

    def reset_password(self) -> FormDialog | None:
        account = self.selected_account()
        if account is None:
            return None
        dialog = PasswordDialog(f"{account.display_name}（{account.username}）", self)
        actor = self.workbench.actor
        done = self.tr("已重置 %1 的密码").replace("%1", account.display_name)
        return self._open(dialog, lambda v: self._run(
            lambda s: accounts.reset_password(s, actor, account.id, v["password"]), done, dialog))

    def change_roles(self) -> FormDialog | None:
        account = self.selected_account()
        if account is None:
            return None
        dialog = RolesDialog(f"{account.display_name}（{account.username}）", account.roles, self)
        actor = self.workbench.actor
        done = self.tr("已修改 %1 的角色").replace("%1", account.display_name)
        return self._open(dialog, lambda v: self._run(
            lambda s: accounts.set_roles(s, actor, account.id, v["roles"]), done, dialog))

    def toggle_account(self) -> None:
        account = self.selected_account()
        if account is None:
            return
        actor, active = self.workbench.actor, not account.active
        done = (self.tr("已启用账号 %1") if active else self.tr("已停用账号 %1")).replace("%1", account.display_name)
        self._run(lambda s: accounts.set_active(s, actor, account.id, active), done)

    def add_unit(self) -> FormDialog | None:
        parent_unit = self.tree.selected_unit()
        if parent_unit is None:
            return None
        dialog = UnitDialog(parent_unit, self)
        actor = self.workbench.actor

        def submit(v: dict[str, Any]) -> None:
            self._run(lambda s: org.create_unit(
                s, actor, kind=v["kind"], name=v["name"], code=v["code"], parent_id=v["parent_id"],
                short_name=v["short_name"], phone=v["phone"]),
                self.tr("已添加单位 %1").replace("%1", v["name"].strip()), dialog)
        return self._open(dialog, submit)

    def rename_unit(self) -> FormDialog | None:
        unit = self.tree.selected_unit()
        if unit is None:
            return None
        dialog = RenameDialog(unit, self)
        actor = self.workbench.actor

        def submit(v: dict[str, Any]) -> None:
            self._run(lambda s: org.rename_unit(s, actor, unit.id, v["name"], v["short_name"]),
                      self.tr("已将单位更名为 %1").replace("%1", v["name"].strip()), dialog)
        return self._open(dialog, submit)

    def toggle_unit(self) -> None:
        unit = self.tree.selected_unit()
        if unit is None:
            return
        actor, active = self.workbench.actor, unit.id in self.data.inactive
        done = (self.tr("已启用单位 %1") if active else self.tr("已停用单位 %1")).replace("%1", unit.name)
        self._run(lambda s: org.set_unit_active(s, actor, unit.id, active), done)

    def edit_head_office(self) -> FormDialog:
        dialog = SettingDialog(self.tr("总行办公室"), self.tr("总行办公室名称"), "head_office", self.data.head_office,
                               self)
        actor = self.workbench.actor

        def submit(v: dict[str, Any]) -> None:
            self._run(lambda s: org.set_head_office(s, actor, v["value"]),
                      self.tr("已将总行办公室设为 %1").replace("%1", v["value"].strip()), dialog)
        return self._open(dialog, submit)

    def edit_prefix(self) -> FormDialog | None:
        unit = self.tree.selected_unit()
        if unit is None:
            return None
        dialog = SettingDialog(self.tr("机关代字：%1").replace("%1", unit.name), self.tr("机关代字"), "doc_prefix",
                               self.data.prefixes.get(unit.id, ""), self)
        actor = self.workbench.actor

        def submit(v: dict[str, Any]) -> None:
            self._run(lambda s: org.set_doc_prefix(s, actor, unit.id, v["value"]),
                      self.tr("已将%1的机关代字设为 %2").replace("%1", unit.name).replace("%2", v["value"].strip()),
                      dialog)
        return self._open(dialog, submit)
