"""The incident's other tabs: public-opinion monitoring and media contacts; the major-incident set-up;
accountability (6.1)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
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

from desktop.domain import ACCOUNTABILITY_MEASURES, LEADERSHIP_POSITIONS, MAJOR_CRITERIA, IncidentRecord
from desktop.errors import ErrorCode, RepDeskError
from desktop.services import accountability, incidents
from desktop.timeutil import format_cst, now_utc
from ui.common.widgets import banner, cst_edit, get_cst, limit_length, set_cst
from ui.data.workbench import Workbench
from ui.incidents.event_dialog import EventDialog
from ui.incidents.models import OpinionRow, OpinionTableModel


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
        self.source = limit_length(QLineEdit(), "source")
        self.source.setPlaceholderText(self.tr("如：微博、抖音、本地论坛"))
        self.link = limit_length(QLineEdit(), "link_or_title")
        self.seen_at = cst_edit()
        self.reach = limit_length(QLineEdit(), "reach")
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
        workbench.incidentChanged.connect(self._incident_changed)

    def load(self, record: IncidentRecord) -> None:
        """The media contacts from the record; the monitoring entries are read for another incident (the previous
        one's cleared at once, with what was typed for it) and when this one changes."""
        if self.record is None or self.record.id != record.id:
            self.clear()
            self.record = record
            self.reload()
        self.record = record
        lines = [f"{format_cst(e.at)}　{e.data.get('journalist', '')}（{e.data.get('outlet', '')}，"
                 f"{e.data.get('contact', '')}）{e.data.get('question', '')}　— {e.recorded_by}"
                 for e in record.events if e.type == "media_inquiry" and not e.withdrawn]
        self.media.setText("\n".join(lines) or self.tr("暂无媒体咨询采访。"))

    def clear(self) -> None:
        self.record = None
        self.model.set_rows([])
        self.media.clear()
        self.error.hide()
        for edit in (self.source, self.link, self.reach):
            edit.clear()

    def _incident_changed(self, incident_id: int) -> None:
        if self.record is not None and incident_id == self.record.id:
            self.reload()

    def reload(self) -> None:
        if self.record is None:
            return
        actor, incident_id = self.workbench.actor, self.record.id

        def job(session: Any) -> tuple[int, list[OpinionRow]]:
            return incident_id, [OpinionRow(o.source, o.link_or_title, o.seen_at, o.reach, o.tone, o.recorded_by_name)
                                 for o in incidents.opinions(session, actor, incident_id)]

        self.workbench.read(job, self._loaded, self._load_failed)

    def _loaded(self, result: tuple[int, list[OpinionRow]]) -> None:
        incident_id, rows = result
        if self.record is not None and self.record.id == incident_id:  # not a late answer for the previous one
            self.model.set_rows(rows)

    def _load_failed(self, _exc: BaseException) -> None:
        self.model.set_rows([])

    def add(self) -> None:
        if self.record is None:
            return
        self.error.hide()
        actor, incident_id = self.workbench.actor, self.record.id
        source, link, seen_at = self.source.text(), self.link.text(), get_cst(self.seen_at)
        reach, tone = self.reach.text(), self.tone.currentText()
        self.workbench.write(lambda s: incidents.add_opinion(s, actor, incident_id, source=source, link_or_title=link,
                                                             seen_at=seen_at, reach=reach, tone=tone),
                             self._added, self._failed, reload=False)

    def _added(self, _result: Any) -> None:
        for edit in (self.source, self.link, self.reach):
            edit.clear()
        set_cst(self.seen_at, now_utc())  # the list follows: the write announces the incident changed

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(_message(exc))
        self.error.show()


def _designations(record: IncidentRecord) -> int:
    return sum(1 for e in record.events if e.type == "spokesperson_designated" and not e.withdrawn)


class MajorTab(QWidget):
    """4.3.1-4.3.4: the leadership group, the spokesperson and the reply script of a major incident."""

    saved = Signal(object)

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.record: IncidentRecord | None = None
        self.status = banner("banner")
        # 4.1: the grounds it was found 重大 on, as ticked in the incident's details.
        self.criteria = QLabel()
        self.criteria.setWordWrap(True)
        self.group = QTableWidget(0, 3)
        self.group.setHorizontalHeaderLabels([self.tr("职务"), self.tr("姓名"), self.tr("单位及职务")])
        self.group.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.group.verticalHeader().hide()
        add, remove, save_group = (QPushButton(self.tr("添加成员")), QPushButton(self.tr("删除所选")),
                                   QPushButton(self.tr("保存领导小组")))
        add.clicked.connect(lambda: self._add_row("member", "", ""))
        remove.clicked.connect(lambda: self.group.removeRow(self.group.currentRow()))
        save_group.clicked.connect(self.save_group)
        # 4.3.4(1): the group meets at once; the meeting goes on the timeline (leadership_group_convened).
        self.convene_button = QPushButton(self.tr("记录召开领导小组会议"))
        self.convene_button.clicked.connect(self.convene)
        self.event_dialog: EventDialog | None = None
        self._designated_before = 0  # designations on the timeline when the spokesperson was last saved
        buttons = QHBoxLayout()
        for b in (add, remove):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(save_group)
        buttons.addWidget(self.convene_button)
        group_box = QGroupBox(self.tr("处置领导小组（4.3.1-4.3.3）"))
        gl = QVBoxLayout(group_box)
        gl.addWidget(self.group)
        gl.addLayout(buttons)
        self.spokesperson = limit_length(QLineEdit(), "spokesperson_name")
        self.reply_script = QPlainTextEdit()
        self.reply_script.setTabChangesFocus(True)
        self.save_script_button = save_script = QPushButton(self.tr("保存发言人与应答口径"))
        save_script.clicked.connect(self.save_script)
        # Asked for only when the designation (4.3.4(3): within four hours) is late.
        self.late_reason = limit_length(QLineEdit(), "late_reason")
        self.late_reason.setPlaceholderText(self.tr("指定新闻发言人超过时限的原因"))
        script_box = QGroupBox(self.tr("新闻发言人与应答口径（4.3.4(3)）"))
        sf = self.script_form = QFormLayout(script_box)
        sf.addRow(self.tr("新闻发言人"), self.spokesperson)
        sf.addRow(self.tr("应答口径"), self.reply_script)
        sf.addRow(self.tr("迟报说明 *"), self.late_reason)
        sf.addRow("", save_script)
        sf.setRowVisible(self.late_reason, False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.criteria)
        layout.addWidget(group_box, 1)
        layout.addWidget(script_box, 1)
        workbench.incidentChanged.connect(self._incident_changed)

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
        """The spokesperson and script from the record; the group is read for another incident (the previous one's
        cleared at once) and when this one changes."""
        if self.record is None or self.record.id != record.id:
            self.clear()
            self.record = record
            self.reload()
        self.record = record
        grounds = "、".join(self.tr(MAJOR_CRITERIA[k]) for k in record.major_criteria)
        grounds = grounds or self.tr("（未填写，请在“事件详情”中勾选）")
        self.criteria.setText(self.tr("认定情形（4.1）：%1").replace("%1", grounds))
        self.spokesperson.setText(record.spokesperson_name)
        if self.reply_script.toPlainText() != record.reply_script:
            self.reply_script.setPlainText(record.reply_script)

    def clear(self) -> None:
        self.record = None
        self.group.setRowCount(0)
        self.status.hide()
        self.spokesperson.clear()
        self.reply_script.clear()

    def _incident_changed(self, incident_id: int) -> None:
        if self.record is not None and incident_id == self.record.id:
            self.reload()

    def reload(self) -> None:
        if self.record is None:
            return
        fresh = self.workbench.record(self.record.id) or self.record  # may have just become major
        if not fresh.is_major:
            return
        actor, incident_id = self.workbench.actor, self.record.id
        self.workbench.read(lambda s: (incident_id, incidents.leadership_group(s, actor, incident_id)),
                            self._show_group, lambda _e: None)

    def _show_group(self, result: tuple[int, list[tuple[str, str, str]]]) -> None:
        incident_id, members = result
        if self.record is None or self.record.id != incident_id:
            return  # a late answer for the incident shown before
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

    def convene(self) -> EventDialog | None:
        """Record that the leadership group met (its members named in the note), through the event dialog."""
        if self.record is None:
            return None
        names = "，".join(f"{self.tr(LEADERSHIP_POSITIONS.get(p, p))} {n}" for p, n, _t in self.members() if n.strip())
        self.event_dialog = EventDialog(self.workbench, self.record, "leadership_group_convened", self)
        self.event_dialog.note.setText(names)
        self.event_dialog.recorded.connect(self._convened)
        self.event_dialog.open()
        return self.event_dialog

    def _convened(self, record: IncidentRecord) -> None:
        self._say(self.tr("已记录处置领导小组召开会议（4.3.4(1)）"))
        self.saved.emit(record)

    def save_script(self) -> None:
        """4.3.4(3): saving a newly named spokesperson records the designation on the timeline (the core)."""
        if self.record is None:
            return
        r, actor = self.record, self.workbench.actor
        name, script = self.spokesperson.text(), self.reply_script.toPlainText()
        late = self.late_reason.text() if self.script_form.isRowVisible(self.late_reason) else ""
        self._designated_before = _designations(r)
        self.workbench.write(lambda s: incidents.save_spokesperson(s, actor, r.id, r.row_version, name, script,
                                                                   late_reason=late),
                             self._script_saved, self._script_failed)

    def _script_failed(self, exc: BaseException) -> None:
        if isinstance(exc, RepDeskError) and exc.code == ErrorCode.LATE_REASON_REQUIRED:
            self.script_form.setRowVisible(self.late_reason, True)
            self.late_reason.setFocus()
        self._failed(exc)

    def _group_saved(self, _result: object) -> None:
        self._say(self.tr("领导小组已保存"))

    def _failed(self, exc: BaseException) -> None:
        self._say(_message(exc))

    def _script_saved(self, record: IncidentRecord) -> None:
        self.late_reason.clear()
        self.script_form.setRowVisible(self.late_reason, False)
        if _designations(record) > self._designated_before:
            self._say(self.tr("发言人与应答口径已保存，已记录“指定新闻发言人”（4.3.4(3)）"))
        else:
            self._say(self.tr("发言人与应答口径已保存"))
        self.saved.emit(record)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()


class AccountabilityDialog(QDialog):
    """6.1: one accountability item; saved through the core, which checks everything; an error keeps it open."""

    added = Signal(object)  # accountability.ItemView

    def __init__(self, workbench: Workbench, incident_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.incident_id = incident_id
        self.setWindowTitle(self.tr("登记责任追究"))
        self.error = banner("errorBanner")
        self.unit_name = limit_length(QLineEdit(), "unit_name")
        self.unit_name.setPlaceholderText(self.tr("被追责的机构或部门"))
        self.person = limit_length(QLineEdit(), "person")
        self.person.setPlaceholderText(self.tr("责任人姓名（可不填）"))
        self.measure = QComboBox()
        for key, label in ACCOUNTABILITY_MEASURES.items():
            self.measure.addItem(self.tr(label), key)
        self.quarter = limit_length(QLineEdit(), "quarter")
        self.quarter.setPlaceholderText(self.tr("如 2026Q1（6.1.2 必填）"))
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(70)
        self.save_button = QPushButton(self.tr("登记"))
        self.save_button.setObjectName("primary")
        cancel = QPushButton(self.tr("取消"))
        form = QFormLayout()
        form.addRow(self.tr("机构或部门 *"), self.unit_name)
        form.addRow(self.tr("责任人"), self.person)
        form.addRow(self.tr("追责措施 *"), self.measure)
        form.addRow(self.tr("考核季度"), self.quarter)
        form.addRow(self.tr("具体内容"), self.text)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        self.resize(520, 320)

    def save(self) -> None:
        self.error.hide()
        actor, incident_id = self.workbench.actor, self.incident_id
        values = {"unit_name": self.unit_name.text(), "person": self.person.text(),
                  "measure": self.measure.currentData(), "quarter": self.quarter.text(),
                  "text": self.text.toPlainText()}
        self.save_button.setEnabled(False)
        self.workbench.write(lambda s: accountability.add_item(s, actor, incident_id, **values), self._saved,
                             self._failed)

    def _saved(self, item: Any) -> None:
        self.save_button.setEnabled(True)
        self.added.emit(item)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(_message(exc))
        self.error.show()


class AccountabilityTab(QWidget):
    """6.1: the incident's accountability items (never deleted); adding is offered to those the core allows."""

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.record: IncidentRecord | None = None
        self.dialog: AccountabilityDialog | None = None
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("机构或部门"), self.tr("责任人"), self.tr("追责措施"),
                                              self.tr("考核季度"), self.tr("具体内容"), self.tr("登记人及时间")])
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.add_button = QPushButton(self.tr("登记责任追究…"))
        self.add_button.clicked.connect(self.open_dialog)
        self.hint = QLabel(self.tr("责任追究由牵头部门经办人员或分行领导登记（6.1），登记后不能删除。"))
        self.hint.setObjectName("hint")
        row = QHBoxLayout()
        row.addWidget(self.hint, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.add_button.setEnabled(False)
        workbench.incidentChanged.connect(self._incident_changed)

    def load(self, record: IncidentRecord) -> None:
        if self.record is None or self.record.id != record.id or self.record.status != record.status:
            self.clear()
            self.record = record
            self.reload()
        self.record = record

    def clear(self) -> None:
        self.record = None
        self.table.setRowCount(0)
        self.add_button.setEnabled(False)

    def _incident_changed(self, incident_id: int) -> None:
        if self.record is not None and incident_id == self.record.id:
            self.reload()

    def reload(self) -> None:
        if self.record is None:
            return
        actor, incident_id = self.workbench.actor, self.record.id
        self.workbench.read(lambda s: (incident_id, accountability.items(s, actor, incident_id),
                                       accountability.may_add(s, actor, incident_id)),
                            self._show, lambda _e: None)

    def _show(self, result: tuple[int, list[Any], bool]) -> None:
        incident_id, items, allowed = result
        if self.record is None or self.record.id != incident_id:
            return  # a late answer for the incident shown before
        self.add_button.setEnabled(allowed)
        self.table.setRowCount(0)
        for item in items:
            row = self.table.rowCount()
            self.table.insertRow(row)
            cells = (item.unit_name, item.person, self.tr(item.measure_label), item.quarter, item.text,
                     f"{item.recorded_by_name} {format_cst(item.recorded_at)}")
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))

    def open_dialog(self) -> AccountabilityDialog | None:
        if self.record is None:
            return None
        self.dialog = AccountabilityDialog(self.workbench, self.record.id, self)
        self.dialog.added.connect(lambda _item: self.reload())
        self.dialog.open()
        return self.dialog
