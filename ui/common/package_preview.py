"""What an exchange package holds and what its checks found, shown BEFORE anything is applied.

Shared by the 数据交换 page (ui.exchange) and the set-up wizard (ui.auth, a site package): the two sit side by side
in the window's layers and may not import each other. The core reads the package (desktop.exchange.service.
preview_package, in the worker); this dialog only shows the answer and asks the user to confirm.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.exchange import service
from desktop.exchange.records import BY_NAME
from desktop.exchange.service import Preview
from desktop.timeutil import format_cst

# The core names each check and its result (desktop.exchange.service.Preview.checks); the window only words them.
PASSED, FAILED, UNCHECKED = service.PASSED, service.FAILED, service.UNCHECKED
CHECK_LABELS = {
    "form": QT_TRANSLATE_NOOP("PackagePreview", "文件完整，包头可读"),
    "version": QT_TRANSLATE_NOOP("PackagePreview", "格式版本为本程序可读"),
    "kind": QT_TRANSLATE_NOOP("PackagePreview", "包的类型与本机相符"),
    "sender": QT_TRANSLATE_NOOP("PackagePreview", "发送方是已知的交换对象"),
    "signature": QT_TRANSLATE_NOOP("PackagePreview", "签名有效（内容未被改动）"),
    "recipient": QT_TRANSLATE_NOOP("PackagePreview", "发给本机（可用本机的密钥解密）"),
    "content": QT_TRANSLATE_NOOP("PackagePreview", "内容完整（审计记录与其哈希相符）"),
}
OTHER_COUNTS = {"units": "单位", "accounts": "账号", "rule_sets": "规则集", "audit": "审计记录"}


def _t(text: str) -> str:
    return QCoreApplication.translate("PackagePreview", text)


def check_rows(preview: Preview) -> list[tuple[str, str, str]]:
    """(check, PASSED | FAILED | UNCHECKED, the core's message), in the order the core checked."""
    return [(name, state, message) for name, state, message in preview.checks]


def describe_counts(counts: dict[str, int]) -> str:
    parts = [f"{BY_NAME[k].label if k in BY_NAME else OTHER_COUNTS.get(k, k)} {v}" for k, v in counts.items() if v]
    return "，".join(parts) or _t("无")


def _moment(text: str) -> str:
    try:
        return format_cst(datetime.fromisoformat(text))
    except ValueError:
        return text or "—"


class PackagePreviewDialog(QDialog):
    """The package's header and checks; 导入 is offered only when every check passed. `accepted` means: apply it."""

    def __init__(self, preview: Preview, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        site = preview.kind == "site"
        self.setWindowTitle(self.tr("导入站点包") if site else self.tr("导入数据交换包"))
        self.setObjectName("packagePreview")
        self.setMinimumWidth(560)
        facts = QFormLayout()
        facts.addRow(self.tr("文件"), self._value(file_name))
        kind = {"site": self.tr("站点包（建立本机）"), "exchange": self.tr("数据交换包")}.get(preview.kind,
                                                                                       self.tr("无法识别"))
        facts.addRow(self.tr("类型"), self._value(kind))
        if preview.sender_unit_code:
            facts.addRow(self.tr("发送方"), self._value(f"{preview.sender_unit_code} {preview.sender_unit_name}"))
            fingerprint = self._value(preview.sender_fingerprint or "—")
            fingerprint.setObjectName("fingerprint")
            facts.addRow(self.tr("发送方指纹"), fingerprint)
            facts.addRow(self.tr("收件方"), self._value(preview.recipient_unit_code or "—"))
            facts.addRow(self.tr("生成时间"), self._value(_moment(preview.created)))
            facts.addRow(self.tr("程序版本"), self._value(preview.program_version or "—"))
            self.counts = self._value(describe_counts(preview.counts))
            self.counts.setObjectName("previewCounts")
            facts.addRow(self.tr("包内"), self.counts)
            if preview.ok and not site:
                self.new = self._value(describe_counts(preview.new_counts) if preview.new_counts
                                       else self.tr("没有本机尚无的记录（可能已导入过）"))
                self.new.setObjectName("previewNew")
                facts.addRow(self.tr("其中本机尚无"), self.new)
        box = QGroupBox(self.tr("检查结果"))
        checks = QVBoxLayout(box)
        self.check_labels: dict[str, QLabel] = {}
        marks = {PASSED: "✔", FAILED: "✘", UNCHECKED: "—"}
        words = {PASSED: self.tr("通过"), FAILED: self.tr("未通过"), UNCHECKED: self.tr("未检查")}
        for check, state, message in check_rows(preview):
            label = QLabel(f"{marks[state]}  {_t(str(CHECK_LABELS.get(check, check)))}：{words[state]}")
            label.setToolTip(message)  # the refusal itself is shown in full below the list
            label.setObjectName(f"check_{check}")
            label.setProperty("state", state)
            if state == FAILED:
                label.setStyleSheet("color: #b71c1c; font-weight: bold;")
            elif state == PASSED:
                label.setStyleSheet("color: #1b5e20;")
            checks.addWidget(label)
            self.check_labels[check] = label
        self.problem = QLabel(preview.problem)
        self.problem.setObjectName("errorBanner")
        self.problem.setWordWrap(True)
        self.problem.setVisible(not preview.ok)
        self.buttons = QDialogButtonBox()
        self.import_button: QPushButton = self.buttons.addButton(self.tr("导入"),
                                                                 QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("confirmImport")
        self.import_button.setEnabled(preview.ok)
        close = self.buttons.addButton(self.tr("取消") if preview.ok else self.tr("关闭"),
                                       QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("cancelImport")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        hint = QLabel(self.tr("确认无误后点击“导入”：整个包在一个事务中导入，或者什么也不写入。")
                      if preview.ok else self.tr("该包未通过检查，不能导入；本机没有写入任何内容。"))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(facts)
        layout.addWidget(box)
        layout.addWidget(self.problem)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)

    @staticmethod
    def _value(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label
