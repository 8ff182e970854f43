"""One incident: what to do next (buttons in the user's words), the timeline, the deadline chart, the details."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop.domain import EventRecord, IncidentRecord, IncidentStatus
from desktop.exchange import service as exchange
from desktop.rules.model import RuleStatus
from desktop.services import incidents, permissions
from desktop.services.rulesets import ruleset_for
from desktop.timeutil import format_cst, now_utc
from ui.common.strings import rule_text
from ui.common.widgets import WrapButton
from ui.data.workbench import Workbench
from ui.documents.attachments import AttachmentsWidget
from ui.documents.tab import DocumentsTab
from ui.incidents import corrections, timeline_logic
from ui.incidents import workflow_steps as documents_flow
from ui.incidents.event_dialog import EventDialog
from ui.incidents.history import HistoryTab
from ui.incidents.intake import IncidentEditor
from ui.incidents.models import EventTableModel
from ui.incidents.tabs import AccountabilityTab, MajorTab, OpinionTab
from ui.incidents.timeline_chart import TimelineChart

CLOSERS = ("lead_officer", "leader", "president", "admin")  # as incidents.close_incident requires


class IncidentPage(QWidget):
    back = Signal()

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.record: IncidentRecord | None = None
        self._showing: int | None = None  # the incident asked for: answers about any other are ignored
        self.statuses: list[RuleStatus] = []
        self.action_buttons: dict[str, QPushButton] = {}
        self.action_reasons: dict[str, QLabel] = {}  # under each next-step button: why it is disabled
        self._actions_signature: tuple[object, ...] = ()
        self.event_dialog: EventDialog | None = None
        self.change_dialog: corrections.WithdrawDialog | corrections.CorrectionDialog | None = None
        self.close_dialog: corrections.CloseDialog | None = None
        back = QPushButton(self.tr("← 返回"))
        back.clicked.connect(self.back.emit)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setWordWrap(True)
        self.badge = QLabel()
        self.facts = QLabel()
        self.facts.setObjectName("hint")
        self.facts.setWordWrap(True)
        self.missing = QLabel()
        self.missing.setObjectName("banner")
        self.missing.setWordWrap(True)
        # Received from another installation, and any conflict an exchange found (resolved on the 数据交换 page).
        self.exchange_note = QLabel()
        self.exchange_note.setObjectName("exchangeNote")
        self.exchange_note.setWordWrap(True)
        self.exchange_note.hide()
        head = QHBoxLayout()
        head.addWidget(back)
        head.addWidget(self.badge)
        head.addWidget(self.title, 1)
        self.close_button = QPushButton(self.tr("结束事件…"))
        self.close_button.clicked.connect(self.close_incident)
        self.close_button.hide()
        head.addWidget(self.close_button)
        self.actions_box = QGroupBox(self.tr("下一步（点击即记录，时间默认为现在）"))
        self.actions_layout = QVBoxLayout(self.actions_box)
        self.more = QPushButton(self.tr("其他事项…"))
        self.closed_note = QLabel(self.tr("事件已结束，不再记录新的事项。"))
        self.closed_note.setObjectName("disabledReason")
        self.closed_note.setWordWrap(True)
        self.closed_note.hide()
        self.more_menu = QMenu(self)
        self.more.setMenu(self.more_menu)
        self.chart = TimelineChart()
        self.events = EventTableModel()
        self.events_view = QTableView()
        self.events_view.setModel(self.events)
        self.events_view.verticalHeader().hide()
        self.events_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.events_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.events_view.setWordWrap(False)
        self.events_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        # Mistakes are withdrawn or corrected with a reason, never erased (the original stays, struck through).
        self.events_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.events_view.customContextMenuRequested.connect(self._event_menu)
        self.events_view.selectionModel().selectionChanged.connect(lambda *_: self._update_change_buttons())
        self.withdraw_button = QPushButton(self.tr("撤回…"))
        self.withdraw_button.clicked.connect(lambda: self.withdraw_event(self.selected_event()))
        self.correct_button = QPushButton(self.tr("更正…"))
        self.correct_button.clicked.connect(lambda: self.correct_event(self.selected_event()))
        change_row = QHBoxLayout()
        change_row.addWidget(QLabel(self.tr("选中的事项：")))
        change_row.addWidget(self.withdraw_button)
        change_row.addWidget(self.correct_button)
        self.change_reason = QLabel()  # why 撤回…/更正… are disabled, in plain sight
        self.change_reason.setObjectName("disabledReason")
        change_row.addWidget(self.change_reason)
        change_row.addStretch(1)
        timeline = QWidget()
        left = QVBoxLayout()
        left.addWidget(self.closed_note)
        left.addWidget(self.actions_box)
        left.addStretch(1)
        actions_panel = QWidget()
        actions_panel.setLayout(left)
        actions_scroll = QScrollArea()
        actions_scroll.setWidget(actions_panel)
        actions_scroll.setWidgetResizable(True)
        actions_scroll.setFixedWidth(400)
        actions_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        right = QVBoxLayout()
        chart_box = QGroupBox(self.tr("时限与完成情况"))
        QVBoxLayout(chart_box).addWidget(self.chart)
        right.addWidget(chart_box)
        events_box = QGroupBox(self.tr("时间线（谁在何时记录了什么）"))
        events_layout = QVBoxLayout(events_box)
        events_layout.addWidget(self.events_view)
        events_layout.addLayout(change_row)
        right.addWidget(events_box, 1)
        row = QHBoxLayout(timeline)
        row.addWidget(actions_scroll)
        row.addLayout(right, 1)
        self.editor = IncidentEditor(workbench)
        self.opinions = OpinionTab(workbench)
        self.major = MajorTab(workbench)
        self.tabs = QTabWidget()
        self.tabs.addTab(timeline, self.tr("时间线"))
        self.tabs.addTab(self.editor, self.tr("事件信息与报告要素"))
        self.tabs.addTab(self.opinions, self.tr("舆情与媒体"))
        self.tabs.addTab(self.major, self.tr("重大事件处置"))
        self.documents = DocumentsTab(workbench)
        self.history = HistoryTab(workbench)
        self.tabs.addTab(self.documents, self.tr("文件"))
        self.tabs.addTab(self.history, self.tr("操作记录"))
        self.accountability = AccountabilityTab(workbench)
        self.tabs.addTab(self.accountability, self.tr("责任追究"))
        # Evidence (post screenshots, recordings, videos), kept with its content hash and listed as 附件 on paper.
        self.attachments = AttachmentsWidget(workbench, "incident")
        self.tabs.addTab(self.attachments, self.tr("附件"))
        self.documents.stateChanged.connect(lambda _s: self._apply_workflow())
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.facts)
        layout.addWidget(self.missing)
        layout.addWidget(self.exchange_note)
        layout.addWidget(self.tabs, 1)
        self.editor.saved.connect(self.set_record)
        self.major.saved.connect(self.set_record)
        workbench.loaded.connect(self._on_reloaded)
        workbench.incidentChanged.connect(self._incident_changed)
        self._update_change_buttons()
        QShortcut(QKeySequence("Ctrl+E"), self, self.show_action_menu,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # --- data ------------------------------------------------------------------------------------------------

    def show_incident(self, incident_id: int) -> None:
        """Nothing of the incident shown before stays on screen: the cached record at once, or a blank page until
        the record arrives; every tab clears the previous incident's content and reads this one's."""
        self._showing = incident_id
        cached = self.workbench.record(incident_id)
        if cached is not None:
            self.set_record(cached)
        elif self.record is not None and self.record.id != incident_id:
            self._show_loading()
        self.workbench.fetch(incident_id, self.set_record, self._fetch_failed)

    def _show_loading(self) -> None:
        self.editor.flush()  # what was typed for the previous incident stays its draft
        self.record = None
        self._actions_signature = ()
        self.title.setText(self.tr("正在读取事件…"))
        self.badge.hide()
        self.facts.clear()
        self.missing.hide()
        self.exchange_note.hide()
        self.closed_note.hide()
        self.tabs.hide()
        for tab in (self.opinions, self.major, self.documents, self.history, self.accountability):
            tab.clear()  # late answers for the previous incident find no incident to fill in
        self.attachments.clear()

    def _fetch_failed(self, exc: BaseException) -> None:
        if self.record is None:
            self.title.setText(getattr(exc, "message", str(exc)))
        self.workbench.failed.emit(exc)

    def _incident_changed(self, incident_id: int) -> None:
        """Changed here, in another window or by another user: read it again (its tabs re-read their own parts)."""
        if self.record is not None and incident_id == self.record.id:
            self.workbench.fetch(incident_id, self.set_record)

    def set_record(self, record: IncidentRecord) -> None:
        if self._showing is not None and record.id != self._showing:
            return  # a late answer, or a dialog's result, for the incident shown before
        self._showing = record.id
        if record == self.record:
            return  # read again after a change already shown (e.g. this page's own write): keep the selection
        same = self.record is not None and self.record.id == record.id
        if not same and self.record is not None:
            self.editor.flush()  # what was typed for the previous incident stays its draft
        self.record = record
        self.tabs.show()
        self.badge.show()
        now = now_utc()
        self.statuses = incidents.deadlines(record, now)
        rules = ruleset_for(record.rule_set_id, record.rule_set_version)
        self.events.labels = {t: rule_text(et.label_zh) for t, et in rules.event_types.items()}
        self.events.set_rows(record.events)
        self.events_view.resizeColumnsToContents()
        self.chart.thresholds = self.workbench.thresholds
        current = tuple(e for e in record.events if not e.withdrawn)  # the deadlines count these only
        self.chart.set_data(record.occurred_at, self.statuses, current, now)
        self._update_change_buttons()
        self._show_header(record)
        self._load_exchange(record.id)
        self._build_actions(record)
        if not same or not self.editor._dirty:
            self.editor.load(record)
        self.opinions.load(record)
        self.major.load(record)
        self.documents.load(record)
        self.history.load(record)
        self.accountability.load(record)
        self.attachments.load(record.id)
        self.tabs.setTabEnabled(3, record.is_major)

    def _on_reloaded(self) -> None:
        # Changes to the incident arrive as `incidentChanged`; the reload itself only moves the clock.
        if self.record is not None and self.isVisible():
            self.chart.set_now(now_utc())

    def tick(self, now: datetime) -> None:
        if self.record is not None and self.isVisible():
            self.chart.set_now(now)

    def _show_header(self, r: IncidentRecord) -> None:
        self.title.setText(f"{r.number}　{r.title}")
        self.badge.setText(self.tr("重大") if r.is_major else self.tr("一般"))
        self.badge.setObjectName("badgeMajor" if r.is_major else "badgeGeneral")
        self.badge.style().unpolish(self.badge)
        self.badge.style().polish(self.badge)
        where = self.tr("同城机构") if r.location == "same_city" else self.tr("异地机构")
        parts = [self.tr("事发单位：%1").replace("%1", r.unit_name), where,
                 self.tr("牵头部门：%1").replace("%1", r.lead_unit_name or "—"),
                 self.tr("事发：%1").replace("%1", format_cst(r.occurred_at)),
                 self.tr("获悉：%1").replace("%1", format_cst(r.learned_at))]
        if r.business_dept_name:
            parts.append(self.tr("主办业务部门：%1").replace("%1", r.business_dept_name))
        if r.status == IncidentStatus.CLOSED:
            parts.append(self.tr("已结束"))
        actor = self.workbench.actor
        # Offered to the roles the core lets close an incident (5.2, 5.3); it checks the rest itself.
        self.close_button.setVisible(r.status != IncidentStatus.CLOSED and actor is not None
                                     and any(actor.has(role) for role in CLOSERS))
        self.facts.setText("　|　".join(parts))
        missing = r.missing_elements()
        self.missing.setVisible(bool(missing))
        self.missing.setText(self.tr("书面报告尚缺要素：%1（在“事件信息与报告要素”中补全）")
                             .replace("%1", "、".join(missing)))

    def _load_exchange(self, incident_id: int) -> None:
        actor = self.workbench.actor

        def job(session: Session) -> tuple[int, str, int]:
            open_conflicts = exchange.list_conflicts(session, actor, incident_id=incident_id)
            return incident_id, exchange.incident_origin(session, incident_id), len(open_conflicts)

        self.workbench.read(job, self._show_exchange)

    def _show_exchange(self, answer: tuple[int, str, int]) -> None:
        incident_id, origin, conflicts = answer
        if self.record is None or self.record.id != incident_id:
            return  # a late answer about the incident shown before
        parts = [self.tr("来自：%1").replace("%1", origin)] if origin else []
        if conflicts:
            parts.append(self.tr("有 %1 处数据交换冲突待牵头部门处理（见“数据交换”）").replace("%1", str(conflicts)))
        self.exchange_note.setText("　|　".join(parts))
        self.exchange_note.setStyleSheet("color: #b71c1c;" if conflicts else "")
        self.exchange_note.setVisible(bool(parts))

    def _build_actions(self, record: IncidentRecord) -> None:
        actor = self.workbench.actor
        may = self._may_record(record)
        shown = [a for a in timeline_logic.next_actions(record, self.statuses, actor) if may(a.event_type)]
        others = [a for a in timeline_logic.other_actions(record, shown) if may(a.event_type)]
        signature = (record.id, record.status, actor.user_id if actor else None,
                     tuple((a.event_type, a.text, a.urgent, tuple(a.articles)) for a in shown),
                     tuple(a.event_type for a in others))
        # The same buttons: keep them (no flicker, no lost click).
        if signature == self._actions_signature:
            self._apply_workflow()
            return
        self._actions_signature = signature
        while self.actions_layout.count():
            item = self.actions_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.more:
                widget.deleteLater()
        self.action_buttons.clear()
        self.action_reasons.clear()
        closed = record.status == IncidentStatus.CLOSED
        for action in shown:
            button = WrapButton(rule_text(action.text))
            button.setObjectName("actionUrgent" if action.urgent else "action")
            if action.articles:
                button.setToolTip(self.tr("对应条款：%1").replace("%1", "、".join(action.articles)))
            button.setProperty("baseToolTip", button.toolTip())
            button.clicked.connect(lambda _=False, t=action.event_type: self.record_event(t))
            if action.event_type in documents_flow.WORKFLOW:
                button.setText(documents_flow.text_for(action.event_type))
            reason = QLabel()
            reason.setObjectName("disabledReason")
            reason.setWordWrap(True)
            reason.hide()
            self.actions_layout.addWidget(button)
            self.actions_layout.addWidget(reason)
            self.action_buttons[action.event_type] = button
            self.action_reasons[action.event_type] = reason
        self.more_menu.clear()
        for action in others:
            self.more_menu.addAction(rule_text(action.text), partial(self.record_event, action.event_type))
        self.more.setEnabled(not closed)
        self.actions_layout.addWidget(self.more)
        self._apply_workflow()

    def _may_record(self, record: IncidentRecord) -> Callable[[str], bool]:
        """Offer only the events the user may record: who records an event follows the responsible party of its
        rules (the core refuses the rest anyway). The workflow's buttons say themselves why they are disabled."""
        actor = self.workbench.actor
        unit = self.workbench.unit(actor.unit_id)
        kind = unit.kind if unit is not None else ""
        rules = ruleset_for(record.rule_set_id, record.rule_set_version)
        return lambda event_type: event_type in documents_flow.WORKFLOW or permissions.record_refusal(
            actor, kind, record, event_type, rules) is None

    def _apply_workflow(self) -> None:
        """Buttons this user may not use now are disabled, saying why under them (the core refuses anyway); a
        closed incident says it once, above them all."""
        if self.record is None:
            return
        closed = self.record.status == IncidentStatus.CLOSED
        self.closed_note.setVisible(closed)
        for event_type, button in self.action_buttons.items():
            reason = None
            if event_type in documents_flow.WORKFLOW:
                reason = documents_flow.refusal(event_type, self.record, self.documents.state)
            button.setEnabled(reason is None and not closed)
            button.setToolTip(reason or str(button.property("baseToolTip") or ""))
            label = self.action_reasons.get(event_type)
            if label is not None:
                label.setText(reason or "")
                label.setVisible(reason is not None and not closed)

    def show_tab(self, key: str) -> None:
        tabs = {"timeline": 0, "details": 1, "opinions": 2, "major": 3}
        widget = {"documents": self.documents, "history": self.history,
                  "accountability": self.accountability, "attachments": self.attachments}.get(key)
        self.tabs.setCurrentIndex(self.tabs.indexOf(widget) if widget is not None else tabs.get(key, 0))

    # --- acting ----------------------------------------------------------------------------------------------

    def show_action_menu(self) -> None:
        menu = QMenu(self)
        for event_type, button in self.action_buttons.items():
            menu.addAction(button.text(), partial(self.record_event, event_type))
        menu.addSeparator()
        for action in self.more_menu.actions():
            menu.addAction(action)
        menu.popup(self.actions_box.mapToGlobal(self.actions_box.rect().topLeft()))

    def selected_event(self) -> EventRecord | None:
        rows = self.events_view.selectionModel().selectedRows()
        return self.events.row_at(rows[0].row()) if rows else None

    def _update_change_buttons(self) -> None:
        """撤回…/更正… for the selected event when the user may change it; else disabled, saying why."""
        event, record = self.selected_event(), self.record
        for button, correcting in ((self.withdraw_button, False), (self.correct_button, True)):
            reason = (corrections.refusal(self.workbench, record, event, correcting)
                      if event is not None and record is not None else self.tr("请先在时间线中选择一个事项"))
            button.setEnabled(reason is None)
            button.setToolTip(reason or "")
        refused = {b.text().rstrip("…"): b.toolTip() for b in (self.withdraw_button, self.correct_button)
                   if not b.isEnabled()}
        text = "；".join(self.tr("%1：%2").replace("%1", what).replace("%2", why) for what, why in refused.items()) \
            if len(set(refused.values())) > 1 else "".join(set(refused.values()))
        self.change_reason.setText(text)
        self.change_reason.setVisible(bool(text))

    def _event_menu(self, pos: QPoint) -> None:
        index = self.events_view.indexAt(pos)
        if not index.isValid() or self.record is None:
            return
        self.events_view.selectRow(index.row())
        event, record = self.events.row_at(index.row()), self.record
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        choices: tuple[tuple[str, bool, Callable[[EventRecord | None], None]], ...] = (
            (self.tr("撤回…"), False, self.withdraw_event), (self.tr("更正…"), True, self.correct_event))
        for text, correcting, act in choices:
            action = menu.addAction(text)
            action.triggered.connect(partial(act, event))
            reason = corrections.refusal(self.workbench, record, event, correcting)
            action.setEnabled(reason is None)
            action.setToolTip(reason or "")
        menu.popup(self.events_view.viewport().mapToGlobal(pos))

    def close_incident(self) -> None:
        """Asks whether the evaluation is done first: then it only confirms, else it asks the reason."""
        record = self.record
        if record is None:
            return
        self.workbench.read(lambda s: incidents.evaluation_done(s, record.id),
                            lambda evaluated: self._open_close_dialog(record, bool(evaluated)))

    def _open_close_dialog(self, record: IncidentRecord, evaluated: bool) -> None:
        if self.record is None or self.record.id != record.id:
            return
        self.close_dialog = corrections.CloseDialog(self.workbench, record, evaluated, self)
        self.close_dialog.recorded.connect(self.set_record)
        self.close_dialog.open()

    def withdraw_event(self, event: EventRecord | None) -> None:
        if event is None or self.record is None:
            return
        self.change_dialog = corrections.WithdrawDialog(self.workbench, self.record, event, self)
        self.change_dialog.recorded.connect(self.set_record)
        self.change_dialog.open()

    def correct_event(self, event: EventRecord | None) -> None:
        if event is None or self.record is None:
            return
        self.change_dialog = corrections.CorrectionDialog(self.workbench, self.record, event, self)
        self.change_dialog.recorded.connect(self.set_record)
        self.change_dialog.open()

    def record_event(self, event_type: str) -> None:
        record = self.record
        if record is None:
            return
        if event_type in documents_flow.WORKFLOW:
            # Signed, approved and sent come only from the documents workflow (3.3.3, 4.2.2.x(3), 4.3.4(2)).
            self.event_dialog = documents_flow.run(event_type, record, self.workbench, self.documents,
                                                   lambda: self.show_tab("documents"), self)
            if self.event_dialog is not None:
                self.event_dialog.recorded.connect(self.set_record)
            return
        self.event_dialog = EventDialog(self.workbench, record, event_type, self)
        self.event_dialog.recorded.connect(self.set_record)
        self.event_dialog.open()
