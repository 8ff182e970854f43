"""Settings: language, the due-soon threshold, notifications, reload interval, the duty wall's type size, and the
font files printed documents embed (仿宋, 小标宋, 黑体, 楷体; e.g. copied from a Windows PC)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.reports import fonts as F
from ui.app.i18n import LANGUAGES
from ui.app.settings import Settings
from ui.common.widgets import open_file_name


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)  # long in English: wraps instead of widening the window
    return label


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
        self.minimum = QSpinBox()
        self.minimum.setRange(1, 240)
        self.minimum.setSuffix(self.tr(" 分钟"))
        self.notify = QCheckBox(self.tr("时限即将到期或超时时弹出提醒"))
        self.sound = QCheckBox(self.tr("同时发出提示音"))
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
        f.addRow(self.tr("“即将到期”至少提前"), self.minimum)
        f.addRow("", _wrapped(self.tr(
            "剩余时间不足时限的一半，或不足上面的分钟数，以先到者为准，即显示黄色“即将到期”。\n"
            "例如：30分钟时限剩15分钟起变黄，2小时时限剩1小时起变黄；“立即”事项显示为“立即办理”。")))
        f.addRow(self.tr("值班大屏字号"), self.wall_pt)
        f.addRow("", _wrapped(self.tr("按1080线屏幕计，随屏幕高度缩放；状态、倒计时、时限和条款始终完整显示。")))
        # The font files live in the core's fonts.json (not in QSettings): the command line reads the same choice.
        self.font_paths: dict[str, QLineEdit] = {}
        faces = QGroupBox(self.tr("公文字体"))
        ff = QFormLayout(faces)
        labels = {F.FANG: self.tr("仿宋（正文）"), F.SONG: self.tr("小标宋（标题）"),
                  F.HEI: self.tr("黑体（一级标题）"), F.KAI: self.tr("楷体（二级标题）")}
        for role in F.ROLES:
            edit = QLineEdit()
            edit.setReadOnly(True)
            edit.setPlaceholderText(self.tr("自动查找已安装的字体"))
            choose = QPushButton(self.tr("选择…"))
            choose.clicked.connect(lambda _=False, r=role: self.choose_font(r))
            clear = QPushButton(self.tr("清除"))
            clear.clicked.connect(lambda _=False, e=edit: e.clear())
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(choose)
            row.addWidget(clear)
            ff.addRow(labels[role], row)
            self.font_paths[role] = edit
        ff.addRow("", _wrapped(self.tr("可选用从办公电脑复制的 TrueType 字体文件（如 simfang.ttf、FZXBSJW.TTF），"
                                       "打印时嵌入 PDF；未指定或未安装时以其他字体代替，预览和打印时会提示。")))
        self.font_status = _wrapped("")
        self.font_status.setObjectName("hint")
        ff.addRow("", self.font_status)
        general = QGroupBox(self.tr("常规"))
        g = QFormLayout(general)
        g.addRow(self.tr("界面语言"), self.language)
        g.addRow("", self.notify)
        g.addRow("", self.sound)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(general)
        layout.addWidget(clocks)
        layout.addWidget(faces)
        layout.addWidget(apply)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.load()

    def load(self) -> None:
        s = self.settings
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        self.minimum.setValue(s.due_soon_min_minutes)
        self.notify.setChecked(s.notify)
        self.sound.setChecked(s.sound)
        self.wall_pt.setValue(s.wall_font_pt)
        chosen = F.user_fonts()
        for role, edit in self.font_paths.items():
            edit.setText(str(chosen[role]) if role in chosen else "")

    def showEvent(self, event: QShowEvent) -> None:
        # here, not in __init__: resolving the faces registers fonts, which the window's start need not wait for
        self.show_faces()
        super().showEvent(event)

    def show_faces(self) -> None:
        notes = F.font_set().stand_ins()
        self.font_status.setText("；".join(notes) if notes else self.tr("四种公文字体均已找到。"))

    def choose_font(self, role: str) -> None:
        path = open_file_name(self, self.tr("选择字体文件"), self.font_paths[role].text(),
                              self.tr("TrueType 字体 (*.ttf *.ttc *.TTF *.TTC)"))
        if path:
            self.font_paths[role].setText(path)

    def apply(self) -> None:
        s = self.settings
        chosen = {role: edit.text() or None for role, edit in self.font_paths.items()}
        if chosen != {role: str(p) if p else None for role, p in ((r, F.user_fonts().get(r)) for r in F.ROLES)}:
            try:  # first: a file that cannot be embedded changes nothing, not even the other settings
                F.save_user_fonts(chosen)
            except F.FontFileError as exc:
                self.note.setText(str(exc))
                return
            self.show_faces()
        language_changed = s.language != self.language.currentData()
        s.language = self.language.currentData()
        s.due_soon_min_minutes = self.minimum.value()
        s.notify = self.notify.isChecked()
        s.sound = self.sound.isChecked()
        s.wall_font_pt = self.wall_pt.value()
        s.sync()
        self.on_apply()
        self.note.setText(self.tr("已应用。界面语言将在下次启动时生效。") if language_changed else self.tr("已应用。"))
