"""The incident's other tabs: public-opinion monitoring and media contacts; the major-incident set-up."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import LEADERSHIP_POSITIONS, IncidentRecord
from desktop.errors import RepDeskError
from desktop.services import incidents
from desktop.timeutil import format_cst, now_utc
from ui.incidents.models import OpinionRow, OpinionTableModel
from ui.common.widgets import banner, cst_edit, get_cst, set_cst
from ui.data.workbench import Workbench


def _message(exc: BaseException) -> str:
    return exc.message if isinstance(exc, RepDeskError) else str(exc)


class OpinionTab(QWidget):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.record: IncidentRecord | None = None
        self.model = OpinionTableModel()
        view = QTableView()
        view.setModel(self.model)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.error = banner("errorBanner")
        self.source = QLineEdit()
        self.source.setPlaceholderText(self.tr("如：微博、抖音、本地论坛"))
        self.link = QLineEdit()
        self.seen_at = cst_edit()
        self.reach = QLineEdit()
        self.reach.setPlaceholderText(self.tr("如：阅读1.2万、转发300"))
        self.tone = QComboBox()
        for tone in (self.tr("负面"), self.tr("中性"), self.tr("正面")):
            self.tone.addItem(tone)
        add = QPushButton(self.tr("添加舆情记录"))
        add.clicked.connect(self.add)
        form = QFormLayout()
        form.addRow(self.tr("来源 *"), self.source)
        form.addRow(self.tr("链接或标题 *"), self.link)
        row = QHBoxLayout()
        row.addWidget(self.seen_at)
        row.addWidget(QLabel(self.tr("传播量")))
        row.addWidget(self.reach, 1)
        row.addWidget(QLabel(self.tr("倾向")))
        row.addWidget(self.tone)
        row.addWidget(add)
        form.addRow(self.tr("监测时间"), row)
        opinion_box = QGroupBox(self.tr("舆情监测（4.2.2、4.3.4(5)）"))
        box = QVBoxLayout(opinion_box)
        box.addWidget(view, 1)
        box.addWidget(self.error)
        box.addLayout(form)
        self.media = QLabel()
        self.media.setWordWrap(True)
        media_box = QGroupBox(self.tr("媒体咨询采访记录（4.2.2(1)）"))
        QVBoxLayout(media_box).addWidget(self.media)
        layout = QVBoxLayout(self)
        layout.addWidget(opinion_box, 3)
        layout.addWidget(media_box, 1)

    def load(self, record: IncidentRecord) -> None:
        self.record = record
        lines = [f"{format_cst(e.at)}　{e.data.get('journalist', '')}（{e.data.get('outlet', '')}，"
                 f"{e.data.get('contact', '')}）{e.data.get('question', '')}　— {e.recorded_by}"
                 for e in record.events if e.type == "media_inquiry" and not e.withdrawn]
        self.media.setText("\n".join(lines) or self.tr("暂无媒体咨询采访。"))
        actor, incident_id = self.workbench.actor, record.id

        def job(session: Any) -> list[OpinionRow]:
            return [OpinionRow(o.source, o.link_or_title, o.seen_at, o.reach, o.tone, o.recorded_by_name)
                    for o in incidents.opinions(session, actor, incident_id)]

        self.workbench.read(job, self.model.set_rows, lambda _e: self.model.set_rows([]))

    def add(self) -> None:
        if self.record is None:
            return
        self.error.hide()
        actor, incident_id = self.workbench.actor, self.record.id
        values = {"source": self.source.text(), "link_or_title": self.link.text(), "seen_at": get_cst(self.seen_at),
                      "reach": self.reach.text(), "tone": self.tone.currentText()}
        self.workbench.write(lambda s: incidents.add_opinion(s, actor, incident_id, **values), self._added,
                             self._failed, reload=False)

    def _added(self, _result: Any) -> None:
        for edit in (self.source, self.link, self.reach):
            edit.clear()
        set_cst(self.seen_at, now_utc())
        if self.record is not None:
            self.load(self.record)

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(_message(exc))
        self.error.show()


class MajorTab(QWidget):
    """4.3.1-4.3.4: the leadership group, the spokesperson and the reply script of a major incident."""

    saved = Signal(object)

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.record: IncidentRecord | None = None
        self.status = banner("banner")
        self.group = QTableWidget(0, 3)
        self.group.setHorizontalHeaderLabels([self.tr("职务"), self.tr("姓名"), self.tr("单位及职务")])
        self.group.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.group.verticalHeader().hide()
        add, remove, save_group = (QPushButton(self.tr("添加成员")), QPushButton(self.tr("删除所选")),
                                   QPushButton(self.tr("保存领导小组")))
        add.clicked.connect(lambda: self._add_row("member", "", ""))
        remove.clicked.connect(lambda: self.group.removeRow(self.group.currentRow()))
        save_group.clicked.connect(self.save_group)
        buttons = QHBoxLayout()
        for b in (add, remove):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(save_group)
        group_box = QGroupBox(self.tr("处置领导小组（4.3.1-4.3.3）"))
        gl = QVBoxLayout(group_box)
        gl.addWidget(self.group)
        gl.addLayout(buttons)
        self.spokesperson = QLineEdit()
        self.reply_script = QPlainTextEdit()
        self.reply_script.setTabChangesFocus(True)
        save_script = QPushButton(self.tr("保存发言人与应答口径"))
        save_script.clicked.connect(self.save_script)
        script_box = QGroupBox(self.tr("新闻发言人与应答口径（4.3.4(3)）"))
        sf = QFormLayout(script_box)
        sf.addRow(self.tr("新闻发言人"), self.spokesperson)
        sf.addRow(self.tr("应答口径"), self.reply_script)
        sf.addRow("", save_script)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(group_box, 1)
        layout.addWidget(script_box, 1)

    def _add_row(self, position: str, name: str, title: str) -> None:
        row = self.group.rowCount()
        self.group.insertRow(row)
        combo = QComboBox()
        for key, label in LEADERSHIP_POSITIONS.items():
            combo.addItem(self.tr(label), key)
        combo.setCurrentIndex(max(0, combo.findData(position)))
        self.group.setCellWidget(row, 0, combo)
        self.group.setItem(row, 1, QTableWidgetItem(name))
        self.group.setItem(row, 2, QTableWidgetItem(title))

    def load(self, record: IncidentRecord) -> None:
        self.record = record
        self.spokesperson.setText(record.spokesperson_name)
        if self.reply_script.toPlainText() != record.reply_script:
            self.reply_script.setPlainText(record.reply_script)
        if not record.is_major:
            return
        actor, incident_id = self.workbench.actor, record.id
        self.workbench.read(lambda s: incidents.leadership_group(s, actor, incident_id), self._show_group,
                            lambda _e: None)

    def _show_group(self, members: list[tuple[str, str, str]]) -> None:
        self.group.setRowCount(0)
        for position, name, title in members:
            self._add_row(position, name, title)

    def members(self) -> list[tuple[str, str, str]]:
        out = []
        for row in range(self.group.rowCount()):
            combo = self.group.cellWidget(row, 0)
            name, title = self.group.item(row, 1), self.group.item(row, 2)
            out.append((combo.currentData() if isinstance(combo, QComboBox) else "member",
                        name.text() if name else "", title.text() if title else ""))
        return out

    def save_group(self) -> None:
        if self.record is None:
            return
        actor, incident_id, members = self.workbench.actor, self.record.id, self.members()
        self.workbench.write(lambda s: incidents.set_leadership_group(s, actor, incident_id, members),
                             self._group_saved, self._failed)

    def save_script(self) -> None:
        if self.record is None:
            return
        r, actor = self.record, self.workbench.actor
        changes = {"spokesperson_name": self.spokesperson.text(), "reply_script": self.reply_script.toPlainText()}
        self.workbench.write(lambda s: incidents.update_incident(s, actor, r.id, r.row_version, changes),
                             self._script_saved, self._failed)

    def _group_saved(self, _result: object) -> None:
        self._say(self.tr("领导小组已保存"))

    def _failed(self, exc: BaseException) -> None:
        self._say(_message(exc))

    def _script_saved(self, record: IncidentRecord) -> None:
        self._say(self.tr("发言人与应答口径已保存"))
        self.saved.emit(record)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()
