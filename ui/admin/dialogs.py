"""The administration page's forms: a new account, a password reset, roles, a new unit, a unit's name.

A form collects input and emits `submitted(values)`; the page runs the core call in the worker and answers with
`finish()` (closes it) or `show_error(exc)` (the core's message at the field it names; the form stays open and
nothing was stored).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import ROLES, UNIT_KINDS, UnitInfo
from desktop.services.accounts import MAX_PASSWORD
from desktop.services.org import ALLOWED_PARENTS
from ui.admin.models import UnitTree
from ui.common.widgets import limit_length


def _t_domain(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("domain", text)


class FormDialog(QDialog):
    submitted = Signal(dict)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.fields: dict[str, QWidget] = {}  # core field name -> widget, to focus the one an error names
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def values(self) -> dict[str, Any]:
        """The form's values; each form names its own."""
        return {}

    def check(self, values: dict[str, Any]) -> tuple[str, str] | None:
        """A form-level check before the core is asked: (field, message) or None."""
        return None

    def accept(self) -> None:
        values = self.values()
        problem = self.check(values)
        if problem is not None:
            self._say(*problem)
            return
        self.error.hide()
        self.ok_button.setEnabled(False)  # until the worker answers
        self.submitted.emit(values)

    def finish(self, *_: object) -> None:
        super().accept()

    def show_error(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self._say(getattr(exc, "field", ""), getattr(exc, "message", None) or str(exc))

    def _say(self, field: str, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        widget = self.fields.get(field)
        if widget is not None:
            widget.setFocus()

    def password_pair(self) -> tuple[QLineEdit, QLineEdit]:
        first, second = QLineEdit(), QLineEdit()
        for edit in (first, second):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(MAX_PASSWORD)
        self.form.addRow(self.tr("密码"), first)
        self.form.addRow(self.tr("确认密码"), second)
        self.fields["password"] = first
        return first, second

    def role_boxes(self, checked: frozenset[str] = frozenset()) -> dict[str, QCheckBox]:
        boxes: dict[str, QCheckBox] = {}
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, (key, label) in enumerate(ROLES.items()):
            box = QCheckBox(_t_domain(label))
            box.setObjectName(f"role_{key}")
            box.setChecked(key in checked)
            grid.addWidget(box, i // 2, i % 2)
            boxes[key] = box
        self.form.addRow(self.tr("角色"), holder)
        self.fields["roles"] = holder
        return boxes

    def password_mismatch(self, values: dict[str, Any]) -> tuple[str, str] | None:
        if values["password"] != values["password2"]:
            return "password", self.tr("两次输入的密码不一致")
        return None


class AccountDialog(FormDialog):
    """A new account: login name, name, unit from the organisation tree, phone, roles, initial password."""

    def __init__(self, units: list[UnitInfo], inactive: frozenset[int], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("新建账号"), parent)
        self.resize(520, 640)
        self.username = limit_length(QLineEdit(), "username")
        self.display_name = limit_length(QLineEdit(), "display_name")
        self.unit = UnitTree(columns=False)
        self.unit.set_units(units, inactive, show_inactive=False)
        self.unit.setMinimumHeight(200)
        self.phone = limit_length(QLineEdit(), "phone")
        self.form.addRow(self.tr("登录名"), self.username)
        self.form.addRow(self.tr("姓名"), self.display_name)
        self.form.addRow(self.tr("所属单位"), self.unit)
        self.form.addRow(self.tr("电话"), self.phone)
        self.roles = self.role_boxes()
        self.password, self.password2 = self.password_pair()
        self.fields.update(username=self.username, display_name=self.display_name, unit_id=self.unit)

    def values(self) -> dict[str, Any]:
        return {"username": self.username.text(), "display_name": self.display_name.text(),
                "unit_id": self.unit.selected_unit_id(), "phone": self.phone.text(),
                "roles": {k for k, box in self.roles.items() if box.isChecked()},
                "password": self.password.text(), "password2": self.password2.text()}

    def check(self, values: dict[str, Any]) -> tuple[str, str] | None:
        if values["unit_id"] is None:
            return "unit_id", self.tr("请选择所属单位")
        return self.password_mismatch(values)


class PasswordDialog(FormDialog):
    def __init__(self, who: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("重置密码：%1").replace("%1", who), parent)
        self.password, self.password2 = self.password_pair()

    def values(self) -> dict[str, Any]:
        return {"password": self.password.text(), "password2": self.password2.text()}

    def check(self, values: dict[str, Any]) -> tuple[str, str] | None:
        return self.password_mismatch(values)


class RolesDialog(FormDialog):
    def __init__(self, who: str, roles: frozenset[str], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("修改角色：%1").replace("%1", who), parent)
        self.roles = self.role_boxes(roles)

    def values(self) -> dict[str, Any]:
        return {"roles": {k for k, box in self.roles.items() if box.isChecked()}}


class UnitDialog(FormDialog):
    """A new unit under `parent_unit`: only the kinds org.ALLOWED_PARENTS allows there can be chosen."""

    def __init__(self, parent_unit: UnitInfo, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("添加下级单位：%1").replace("%1", parent_unit.name), parent)
        self.kind = QComboBox()
        model = self.kind.model()
        for key, label in UNIT_KINDS.items():
            self.kind.addItem(_t_domain(label), key)
            if parent_unit.kind not in ALLOWED_PARENTS[key] and isinstance(model, QStandardItemModel):
                item = model.item(self.kind.count() - 1)
                item.setEnabled(False)
                item.setToolTip(self.tr("不能设在%1之下").replace("%1", _t_domain(UNIT_KINDS[parent_unit.kind])))
        allowed = [i for i in range(self.kind.count()) if parent_unit.kind in ALLOWED_PARENTS[self.kind.itemData(i)]]
        if allowed:
            self.kind.setCurrentIndex(allowed[0])
        self.name = limit_length(QLineEdit(), "unit_full_name")
        self.short_name = limit_length(QLineEdit(), "short_name")
        self.code = limit_length(QLineEdit(), "code")
        self.phone = limit_length(QLineEdit(), "phone")
        self.form.addRow(self.tr("上级单位"), QLabel(parent_unit.name))
        self.form.addRow(self.tr("类型"), self.kind)
        self.form.addRow(self.tr("名称"), self.name)
        self.form.addRow(self.tr("简称"), self.short_name)
        self.form.addRow(self.tr("单位代码"), self.code)
        self.form.addRow(self.tr("电话"), self.phone)
        self.fields.update(kind=self.kind, name=self.name, code=self.code, parent_id=self.kind)
        self.parent_id = parent_unit.id
        self.setMinimumWidth(420)

    def values(self) -> dict[str, Any]:
        return {"kind": self.kind.currentData(), "name": self.name.text(), "short_name": self.short_name.text(),
                "code": self.code.text(), "phone": self.phone.text(), "parent_id": self.parent_id}


class RenameDialog(FormDialog):
    def __init__(self, unit: UnitInfo, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("重命名单位"), parent)
        self.name = limit_length(QLineEdit(unit.name), "unit_full_name")
        self.short_name = limit_length(QLineEdit(unit.short_name), "short_name")
        self.form.addRow(self.tr("名称"), self.name)
        self.form.addRow(self.tr("简称"), self.short_name)
        self.fields.update(name=self.name)
        self.unit_id = unit.id
        self.setMinimumWidth(420)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text(), "short_name": self.short_name.text()}


class SettingDialog(FormDialog):
    """One organisation setting as text: the head office's office (3.2.3) or a unit's 机关代字."""

    def __init__(self, title: str, label: str, field: str, current: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.value = limit_length(QLineEdit(current), field)
        self.value.setObjectName(field)
        self.form.addRow(label, self.value)
        self.fields[field] = self.value
        self.setMinimumWidth(420)

    def values(self) -> dict[str, Any]:
        return {"value": self.value.text()}
