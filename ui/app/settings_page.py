"""Settings: language, the due-soon threshold, notifications, reload interval, the duty wall's type size."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.app.i18n import LANGUAGES
from ui.app.settings import Settings


class SettingsPage(QWidget):
    def __init__(self, settings: Settings, on_apply: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.on_apply = on_apply
        title = QLabel(self.tr("设置"))
        title.setObjectName("pageTitle")
        self.language = QComboBox()
        for key, label in LANGUAGES.items():
            self.language.addItem(label, key)
        self.fraction = QDoubleSpinBox()
        self.fraction.setRange(0.05, 0.9)
        self.fraction.setSingleStep(0.05)
        self.minimum = QSpinBox()
        self.minimum.setRange(1, 240)
        self.minimum.setSuffix(self.tr(" 分钟"))
        self.notify = QCheckBox(self.tr("时限即将到期或超时时弹出提醒"))
        self.sound = QCheckBox(self.tr("同时发出提示音"))
        self.reload = QSpinBox()
        self.reload.setRange(5, 600)
        self.reload.setSuffix(self.tr(" 秒"))
        self.wall_pt = QSpinBox()
        self.wall_pt.setRange(12, 60)
        self.wall_pt.setSuffix(" pt")
        apply = QPushButton(self.tr("应用"))
        apply.setObjectName("primary")
        apply.clicked.connect(self.apply)
        self.note = QLabel()
        self.note.setObjectName("hint")
        clocks = QGroupBox(self.tr("时限看板"))
        f = QFormLayout(clocks)
        f.addRow(self.tr("“即将到期”比例"), self.fraction)
        f.addRow(self.tr("“即将到期”至少提前"), self.minimum)
        f.addRow("", QLabel(self.tr("到期前取“时限 × 比例”与“至少提前”中较长者，进入黄色“即将到期”。\n"
                                    "默认：时限的四分之一或10分钟，取较长者（30分钟时限提前10分钟，2小时时限提前30分钟）。")))
        f.addRow(self.tr("从数据库刷新间隔"), self.reload)
        f.addRow(self.tr("值班大屏字号"), self.wall_pt)
        general = QGroupBox(self.tr("常规"))
        g = QFormLayout(general)
        g.addRow(self.tr("界面语言"), self.language)
        g.addRow("", self.notify)
        g.addRow("", self.sound)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(general)
        layout.addWidget(clocks)
        layout.addWidget(apply)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.load()

    def load(self) -> None:
        s = self.settings
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        self.fraction.setValue(s.due_soon_fraction)
        self.minimum.setValue(s.due_soon_min_minutes)
        self.notify.setChecked(s.notify)
        self.sound.setChecked(s.sound)
        self.reload.setValue(s.reload_seconds)
        self.wall_pt.setValue(s.wall_font_pt)

    def apply(self) -> None:
        s = self.settings
        language_changed = s.language != self.language.currentData()
        s.language = self.language.currentData()
        s.due_soon_fraction = self.fraction.value()
        s.due_soon_min_minutes = self.minimum.value()
        s.notify = self.notify.isChecked()
        s.sound = self.sound.isChecked()
        s.reload_seconds = self.reload.value()
        s.wall_font_pt = self.wall_pt.value()
        s.sync()
        self.on_apply()
        self.note.setText(self.tr("已应用。界面语言将在下次启动时生效。") if language_changed else self.tr("已应用。"))
