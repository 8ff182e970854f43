"""The 数据交换 page's dialogs: resolving a conflict, choosing the unit of a site package."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import UnitInfo
from desktop.exchange.service import ConflictInfo
from desktop.services.incidents import SINGLE_LINE, TEXT_FIELDS
from desktop.validation import limit
from ui.common.widgets import banner, fill_unit_combo
from ui.exchange.models import show_value


def may_type(conflict: ConflictInfo) -> bool:
    """A corrected value may be typed for an incident's text facts (an edit the core checks like any other)."""
    return conflict.field in TEXT_FIELDS and all(isinstance(v, str | None)
                                                 for v in (conflict.local_value, conflict.remote_value))


class ResolveDialog(QDialog):
    """Both values side by side; the lead department keeps one or types a corrected one. The page writes the
    choice (`choice()`, `typed()`) through the core and closes the dialog when it is recorded."""

    def __init__(self, conflict: ConflictInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.setWindowTitle(self.tr("处理数据交换冲突"))
        self.setMinimumWidth(560)
        intro = QLabel(self.tr("事件 %1 的“%2”在本机和%3都被修改过，两个值都已保留在记录中。请选择采用哪一个：")
                       .replace("%1", conflict.incident_number).replace("%2", conflict.field_label)
                       .replace("%3", conflict.peer_unit_name or self.tr("对方")))
        intro.setWordWrap(True)
        self.local = QRadioButton(self.tr("采用本机的值：%1").replace("%1", show_value(conflict.local_value)))
        self.local.setObjectName("chooseLocal")
        self.remote = QRadioButton(self.tr("采用%1的值：%2").replace("%1", conflict.peer_unit_name or self.tr("对方"))
                                   .replace("%2", show_value(conflict.remote_value)))
        self.remote.setObjectName("chooseRemote")
        self.own = QRadioButton(self.tr("输入更正后的值："))
        self.own.setObjectName("chooseTyped")
        self.text = QPlainTextEdit()
        self.text.setObjectName("typedValue")
        self.text.setMaximumHeight(90 if conflict.field not in SINGLE_LINE else 36)
        self.text.setEnabled(False)
        self.group = QButtonGroup(self)
        for button in (self.local, self.remote, self.own):
            self.group.addButton(button)
        self.own.toggled.connect(self.text.setEnabled)
        typed_allowed = may_type(conflict)
        self.own.setVisible(typed_allowed)
        self.text.setVisible(typed_allowed)
        self.error = banner("errorBanner")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("记录处理结果"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.ok.setEnabled(False)
        self.group.buttonToggled.connect(lambda *_: self.ok.setEnabled(True))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.local)
        layout.addWidget(self.remote)
        layout.addWidget(self.own)
        layout.addWidget(self.text)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def choice(self) -> str:
        return "remote" if self.remote.isChecked() else "typed" if self.own.isChecked() else "local"

    def typed(self) -> str:
        return self.text.toPlainText().strip()

    def check(self) -> str:
        """A message when the choice cannot be written as it is, else ""."""
        if self.choice() == "typed":
            if not self.typed():
                return self.tr("请输入更正后的值")
            if len(self.typed()) > limit(self.conflict.field):
                return self.tr("更正后的值过长（最多 %1 字）").replace("%1", str(limit(self.conflict.field)))
        return ""

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.ok.setEnabled(True)


class SitePackageDialog(QDialog):
    """The unit a site package is made for (its accounts, the organisation and the rule set go with it)."""

    def __init__(self, units: Sequence[UnitInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("制作站点包"))
        self.unit = QComboBox()
        self.unit.setObjectName("siteUnit")
        fill_unit_combo(self.unit, units)
        self.codes = {u.id: u.code for u in units}
        hint = QLabel(self.tr("站点包包含机构设置、该单位及其下级单位人员的账号（沿用现有密码）、规则集和本机的公钥。"
                              "请用移动存储介质交给该单位，在其空数据库上导入；它发回的第一个包即证明来自此站点包。"))
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存站点包…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("单位"), self.unit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def unit_code(self) -> str:
        return self.codes.get(self.unit.currentData(), "")
