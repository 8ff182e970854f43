"""The incident's documents tab (文件): its documents, creating and editing them, versions, decisions, printing.

Buttons the user may not use are hidden (doc_steps.may_draft, the approval queue); the core refuses anyway.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import STAGES, DocumentState, IncidentRecord, Stage
from desktop.services.doc_steps import KINDS
from desktop.services.documents import DocumentVersionView
from ui.app.crash import dialogs_enabled
from ui.approvals.controller import error_text
from ui.approvals.dialog import DecisionDialog
from ui.approvals.render import version_html
from ui.common.widgets import banner
from ui.data.workbench import Workbench
from ui.documents import controller as dc
from ui.documents.editor import DocumentEditorDialog
from ui.documents.model import DocumentListModel, VersionListModel
from ui.documents.paper import PaperSignatureDialog
from ui.printing.preview import prepare_version, show_version_preview


def _table(model: DocumentListModel | VersionListModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return view


class DocumentsTab(QWidget):
    stateChanged = Signal(object)  # DocumentsState

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.record: IncidentRecord | None = None
        self.state = dc.DocumentsState(0)
        self.editor: DocumentEditorDialog | None = None
        self.dialog: DecisionDialog | None = None
        self.model = DocumentListModel(self)
        self.version_model = VersionListModel(self)
        self.stage = QComboBox()
        for key, label in STAGES.items():
            self.stage.addItem(self.tr(label), key)
        self.new_buttons: dict[str, QPushButton] = {}
        new_row = QHBoxLayout()
        new_row.addWidget(QLabel(self.tr("新建：")))
        for kind, label in KINDS.items():
            if kind == "written_report":
                new_row.addWidget(self.stage)
            button = QPushButton(self.tr(label))
            button.clicked.connect(lambda _=False, k=kind: self.create_document(k))
            new_row.addWidget(button)
            self.new_buttons[kind] = button
        new_row.addStretch(1)
        self.status = banner("banner")
        self.error = banner("errorBanner")
        self.view = _table(self.model)
        self.edit_button = QPushButton(self.tr("编辑/修改"))
        self.decide_button = QPushButton(self.tr("办理（审批/签发/报送）"))
        self.decide_button.setObjectName("primary")
        self.preview_button = QPushButton(self.tr("预览/打印"))
        # 3.3.3 on paper: shown only to whom may use it (a unit without a unit-head account, its lead department).
        self.paper_button = QPushButton(self.tr("录入纸质签字"))
        self.paper_button.setToolTip(self.tr("事发单位主要负责人在“待签字”打印件上手写签字后，录入签字人、时间和扫描件"))
        self.paper_button.clicked.connect(self.paper_selected)
        self.paper_dialog: PaperSignatureDialog | None = None
        self.why = QLabel()  # why the buttons beside it are disabled, in plain sight (not only in a tooltip)
        self.why.setObjectName("disabledReason")
        self.why.setWordWrap(True)
        self.why.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.edit_button.clicked.connect(self.edit_selected)
        self.decide_button.clicked.connect(self.decide_selected)
        self.preview_button.clicked.connect(self.preview_selected)
        doc_row = QHBoxLayout()
        doc_row.addStretch(1)  # the buttons stay on the right when there is nothing to say
        doc_row.addWidget(self.why, 1)
        for b in (self.edit_button, self.decide_button, self.preview_button, self.paper_button):
            doc_row.addWidget(b)
        self.versions_view = _table(self.version_model)
        self.versions_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.browser = QTextBrowser()
        lower = QSplitter(Qt.Orientation.Horizontal)
        versions_box = QWidget()
        vl = QVBoxLayout(versions_box)
        vl.setContentsMargins(0, 0, 0, 0)
        vl.addWidget(QLabel(self.tr("版本历史（冻结的版本不再改动）")))
        vl.addWidget(self.versions_view, 1)
        lower.addWidget(versions_box)
        lower.addWidget(self.browser)
        lower.setStretchFactor(1, 2)
        split = QSplitter(Qt.Orientation.Vertical)
        upper = QWidget()
        ul = QVBoxLayout(upper)
        ul.setContentsMargins(0, 0, 0, 0)
        ul.addWidget(self.view, 1)
        ul.addLayout(doc_row)
        split.addWidget(upper)
        split.addWidget(lower)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(new_row)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(split, 1)
        self.view.selectionModel().selectionChanged.connect(self._document_selected)
        self.versions_view.selectionModel().selectionChanged.connect(self._version_selected)
        self._versions_of: int | None = None  # the document whose versions are listed
        # Set while this tab selects a row itself (after a reload, a step brought forward): the user did not pick
        # it, so no speculative build (a build per change of the incident would crowd the worker).
        self._reselecting = False
        # Whoever changes this incident (this window, another one, another user): its documents are read again.
        workbench.incidentChanged.connect(self._incident_changed)
        self._update_buttons()

    # --- data ------------------------------------------------------------------------------------------------

    def load(self, record: IncidentRecord) -> None:
        """Show this incident's documents. Another incident's are cleared at once (none of its documents, versions
        or preview stay on screen), then this one's are read; the same incident's are read again when it changes."""
        if self.record is None or self.record.id != record.id:
            self.clear()
            self.record = record
            self.reload()
        self.record = record

    def clear(self) -> None:
        """Nothing shown until the next incident's documents arrive: answers for the previous one are ignored."""
        self.record = None
        self.state = dc.DocumentsState(0)
        self._versions_of = None
        self.model.set_rows([])
        self.version_model.set_rows([])
        self.browser.clear()
        self.status.hide()
        self.error.hide()
        for button in self.new_buttons.values():
            button.hide()
        self.stage.hide()
        self._update_buttons()
        self.stateChanged.emit(self.state)

    def reload(self) -> None:
        if self.record is not None:
            dc.load(self.workbench, self.record.id, self._loaded, self._failed)

    def _incident_changed(self, incident_id: int) -> None:
        if self.record is not None and incident_id == self.record.id:
            self.reload()

    def _loaded(self, state: dc.DocumentsState) -> None:
        if self.record is None or state.incident_id != self.record.id:
            return  # a late answer for the incident shown before
        selected = self.selected()
        self.state = state
        self.model.set_rows(state.documents)
        self.view.resizeColumnsToContents()
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for kind, button in self.new_buttons.items():
            button.setVisible(state.may_draft.get(kind) is None and (kind != "major_report" or self.record.is_major))
        self.stage.setVisible(self.new_buttons["written_report"].isVisible())
        row = self.model.find(selected.version_id) if selected is not None else -1
        if row < 0 and selected is not None:
            row = next((i for i, d in enumerate(state.documents) if d.document_id == selected.document_id), -1)
        self._reselecting = True
        try:
            if row >= 0:
                self.view.selectRow(row)
            else:  # the reset dropped the selection without a signal: no versions or preview of it stay
                self._document_selected()
        finally:
            self._reselecting = False
        self._update_buttons()
        self.stateChanged.emit(state)

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(error_text(exc))
        self.error.show()

    def selected(self) -> DocumentVersionView | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _document_selected(self, *_: QItemSelection) -> None:
        doc = self.selected()
        self._update_buttons()
        if doc is None:
            self._versions_of = None
            self.version_model.set_rows([])
            self.browser.clear()
            self._prepare()  # nothing selected: a build still queued is dropped
            return
        if doc.document_id != self._versions_of:  # another document: none of the previous one's versions stay
            self._versions_of = doc.document_id
            self.version_model.set_rows([])
        if self.selected_version() is None:
            self.browser.setHtml(version_html(doc))
        dc.versions(self.workbench, doc.document_id, self._versions_loaded, self._failed)
        self._prepare()

    def selected_version(self) -> DocumentVersionView | None:
        rows = self.versions_view.selectionModel().selectedRows()
        return self.version_model.row_at(rows[0].row()) if rows else None

    def _versions_loaded(self, rows: list[DocumentVersionView]) -> None:
        doc = self.selected()
        if doc is None or not rows or rows[0].document_id != doc.document_id:
            return
        kept = self.selected_version()
        self.version_model.set_rows(rows)
        self.versions_view.resizeColumnsToContents()
        row = next((i for i, v in enumerate(rows) if kept is not None and v.version_id == kept.version_id), -1)
        if row >= 0:
            self._reselecting = True
            try:
                self.versions_view.selectRow(row)  # the version the user was reading, as it is now
            finally:
                self._reselecting = False
        elif kept is not None:
            self.browser.setHtml(version_html(doc))

    def _version_selected(self, *_: QItemSelection) -> None:
        rows = self.versions_view.selectionModel().selectedRows()
        if rows:
            self.browser.setHtml(version_html(self.version_model.row_at(rows[0].row())))
        self._prepare()

    def previewed(self) -> DocumentVersionView | None:
        """What "预览/打印" shows: the version selected below, else the selected document's newest."""
        return self.selected_version() or self.selected()

    def _prepare(self) -> None:
        """Build what the preview would show now, in the worker, before it is asked for: asked a moment later it
        is there at once. Only while the user is looking at this tab; selecting something else drops it."""
        doc = self.previewed() if self.isVisible() else None
        if doc is not None and self._reselecting:
            return
        prepare_version(self.workbench, doc.version_id if doc is not None else None)

    def refusals(self) -> dict[QPushButton, str | None]:
        """Why each document button may not be used now (None: it may); the core refuses anyway."""
        doc = self.selected()
        if doc is None:
            pick = self.tr("请先在上方列表中选择一个文件")
            return {self.edit_button: pick, self.decide_button: pick, self.preview_button: pick}
        edit = self.state.may_draft.get(doc.kind, "")
        if edit == "":
            edit = self.tr("您不能修改该文件")
        elif edit is None and doc.state == DocumentState.SENT:
            edit = self.tr("已报送的文件不再修改")
        decide = None if doc.version_id in self.state.queue else self.tr("该文件目前没有等待您审批、签发或报送的步骤")
        return {self.edit_button: edit, self.decide_button: decide, self.preview_button: None}

    def _update_buttons(self) -> None:
        refusals = self.refusals()
        for button, reason in refusals.items():
            button.setEnabled(reason is None)
            button.setToolTip(reason or "")
        refused = {button: reason for button, reason in refusals.items() if reason}
        if len(refused) > 1 and len(set(refused.values())) == 1:  # one reason for all: said once
            text = next(iter(refused.values()))
        else:
            text = "；".join(self.tr("%1：%2").replace("%1", b.text()).replace("%2", r) for b, r in refused.items())
        self.why.setText(text)
        self.why.setVisible(bool(text))
        doc = self.selected()
        self.paper_button.setVisible(doc is not None and doc.version_id in self.state.paper)

    # --- acting ----------------------------------------------------------------------------------------------

    def say(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()

    def create_document(self, kind: str, stage: Stage | str | None = None) -> None:
        if self.record is None:
            return
        self.error.hide()
        if stage is None:
            stage = self.stage.currentData() if kind == "written_report" else ""
        dc.create(self.workbench, self.record.id, kind, stage or "", self._created, self._failed)

    def _created(self, view: DocumentVersionView) -> None:
        self.say(self.tr("已新建%1（第1版草稿），请填写后提交审批。").replace("%1", view.kind_label))
        self.open_editor(view)  # the list follows: the write announces the incident changed

    def open_editor(self, view: DocumentVersionView) -> DocumentEditorDialog:
        self.editor = DocumentEditorDialog(self.workbench, view, self)  # its saves announce the incident changed
        self.editor.submitted.connect(lambda v: self.say(
            self.tr("%1第%2版已提交审批。").replace("%1", v.kind_label).replace("%2", str(v.number))))
        self.editor.open()
        return self.editor

    def edit_selected(self) -> None:
        doc = self.selected()
        if doc is not None:
            self.open_editor(doc)

    def open_decision(self, version_id: int) -> DecisionDialog | None:
        item = self.state.queue.get(version_id)
        if item is None:
            return None
        self.dialog = DecisionDialog(self.workbench, item, self)
        self.dialog.decided.connect(self.say)
        self.dialog.open()
        return self.dialog

    def decide_selected(self) -> None:
        doc = self.selected()
        if doc is not None:
            self.open_decision(doc.version_id)

    def preview_selected(self) -> None:
        doc = self.previewed()
        if doc is None:
            return
        show_version_preview(self, self.workbench, doc.version_id)  # built when it was selected: served at once

    def open_paper_signature(self, version_id: int) -> PaperSignatureDialog | None:
        """3.3.3: record the unit head's wet-ink signature on the printed (待签字) version."""
        doc = next((d for d in self.state.documents if d.version_id == version_id), None)
        if doc is None or version_id not in self.state.paper:
            return None
        self.error.hide()
        self.paper_dialog = PaperSignatureDialog(self.workbench, doc, self)
        self.paper_dialog.recorded.connect(lambda v: self.say(
            self.tr("已录入纸质签字：%1第%2版由%3签字，已签发，可报送。").replace("%1", v.kind_label)
            .replace("%2", str(v.number)).replace("%3", v.signer_name)))
        self.paper_dialog.open()
        return self.paper_dialog

    def paper_selected(self) -> None:
        doc = self.selected()
        if doc is not None:
            self.open_paper_signature(doc.version_id)

    def bring_forward(self, kind: str) -> str:
        """The timeline's "next step" for a document: decide on it, edit it, or start it. Returns what was done."""
        step = dc.next_step(self.state, kind)
        self.error.hide()
        if step.what == "decide" and step.version is not None:
            self.open_decision(step.version.version_id)
        elif step.what == "edit" and step.version is not None:
            self.open_editor(step.version)
        elif step.what == "paper" and step.version is not None:
            self.open_paper_signature(step.version.version_id)
        elif step.what == "create":
            self.create_document(kind, step.stage)
        else:
            self.say(step.reason)
            if step.what == "refused" and dialogs_enabled():
                QMessageBox.information(self, self.tr("不能办理"), step.reason)
        if step.version is not None:
            row = self.model.find(step.version.version_id)
            if row >= 0:
                self.view.selectRow(row)
        return step.what
