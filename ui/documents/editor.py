"""Editing a document's drafter fields (documents.KIND_FIELDS) and submitting it for approval.

A draft is changed in place. A frozen version (submitted, returned, signed…) is never changed: saving makes
version N+1 as a new draft, which needs every approval again; the dialog says so before anything is saved.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import DocumentState
from desktop.services.documents import (
    CLASSIFICATIONS,
    KIND_FIELDS,
    URGENCIES,
    DocumentVersionView,
    format_notes,
    overdue_items,
    parse_notes,
)
from desktop.validation import LIMITS
from ui.approvals.controller import error_text
from ui.approvals.render import MULTILINE, field_label
from ui.common.widgets import banner, limit_length, mark_invalid
from ui.data.workbench import Workbench
from ui.documents import controller as dc

# GB/T 9704 7.2.2, 7.2.3: urgency and classification are picked from the standard's words, never typed; empty
# (the first entry) is "none", as most reports carry neither. Attachments are one name a line (7.3.4).
CHOICES: dict[str, tuple[str, ...]] = {"urgency": ("", *reversed(URGENCIES)),
                                       "classification": ("", *reversed(CLASSIFICATIONS))}
LINES = frozenset({"attachments"})


class DocumentEditorDialog(QDialog):
    saved = Signal(object)  # DocumentVersionView
    submitted = Signal(object)  # DocumentVersionView

    def __init__(self, workbench: Workbench, view: DocumentVersionView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench, self.view = workbench, view
        self.setWindowTitle(self.tr("编辑文件：%1").replace("%1", view.kind_label))
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.frozen = banner("banner")
        self.error = banner("errorBanner")
        self.edits: dict[str, QLineEdit | QPlainTextEdit | QComboBox] = {}
        self.overdue_edits: dict[str, QLineEdit] = {}  # rule id -> its 超时未办说明, beside the item
        form = QFormLayout()
        for key in KIND_FIELDS[view.kind]:
            edit: QLineEdit | QPlainTextEdit | QComboBox
            if key == "overdue_notes":
                # Each overdue item gets its own explanation field: signed paper never says "未填写".
                notes = parse_notes(view.fields.get(key, ""))
                for item in overdue_items(view.content):
                    line = limit_length(QLineEdit(notes.get(item["id"], "")), "note")
                    line.setPlaceholderText(self.tr("请说明该事项超时未办的原因"))
                    self.overdue_edits[item["id"]] = line
                    form.addRow(self.tr("超时未办说明（%1 %2）*").replace("%1", item["article"])
                                .replace("%2", item.get("responsible", "")), line)
                continue
            if key in CHOICES:
                edit = QComboBox()
                current = view.fields.get(key, "")
                for word in (*CHOICES[key], *(() if current in CHOICES[key] else (current,))):
                    edit.addItem(word or self.tr("（无）"), word)
                edit.setCurrentIndex(edit.findData(current))
            elif key in MULTILINE or key in LINES:
                edit = QPlainTextEdit(view.fields.get(key, ""))
                edit.setTabChangesFocus(True)
                edit.setMinimumHeight(90)
            else:
                edit = limit_length(QLineEdit(view.fields.get(key, "")), key if key in LIMITS else "field")
            self.edits[key] = edit
            form.addRow(field_label(key) + (" *" if key in ("title", "reply_script") else ""), edit)
        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        note = QLabel(self.tr(
            "报告要素、时间线和时限取自事件当前的记录（在“事件信息与报告要素”中修改），每次保存时更新。"))
        note.setObjectName("hint")
        note.setWordWrap(True)
        self.save_button = QPushButton(self.tr("保存草稿"))
        self.submit_button = QPushButton(self.tr("保存并提交审批"))
        self.submit_button.setObjectName("primary")
        close = QPushButton(self.tr("关闭"))
        self.save_button.clicked.connect(lambda: self.save(submit=False))
        self.submit_button.clicked.connect(lambda: self.save(submit=True))
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        for b in (self.save_button, self.submit_button, close):
            row.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.frozen)
        layout.addWidget(self.error)
        layout.addWidget(scroll, 1)
        layout.addWidget(note)
        layout.addLayout(row)
        self.resize(760, 720)
        self._show(view)

    def _show(self, view: DocumentVersionView) -> None:
        self.view = view
        stage = f"（{view.stage_label}）" if view.stage_label else ""
        self.heading.setText(f"<b>{view.kind_label}{stage}</b>　{view.incident_number}　"
                             + self.tr("第%1版 · %2").replace("%1", str(view.number)).replace("%2", view.state_label))
        frozen = view.state != DocumentState.DRAFT
        self.frozen.setVisible(frozen)
        self.frozen.setText(self.tr("第%1版已冻结（%2），不会被改动：保存修改将生成第%3版草稿，须重新提交审批。")
                            .replace("%1", str(view.number)).replace("%2", view.state_label)
                            .replace("%3", str(view.number + 1)))
        last = view.last_return
        if last is not None and view.state == DocumentState.RETURNED:
            self.frozen.setText(self.frozen.text() + "\n" + self.tr("退回意见（%1）：%2")
                                .replace("%1", last.actor_name).replace("%2", last.comment))

    def values(self) -> dict[str, str]:
        values = {k: (e.toPlainText() if isinstance(e, QPlainTextEdit)
                      else str(e.currentData()) if isinstance(e, QComboBox) else e.text())
                  for k, e in self.edits.items()}
        if "overdue_notes" in KIND_FIELDS[self.view.kind]:
            values["overdue_notes"] = format_notes({k: e.text() for k, e in self.overdue_edits.items()})
        return values

    def _busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)
        self.submit_button.setEnabled(not busy)

    def save(self, submit: bool) -> None:
        self.error.hide()
        for e in self.edits.values():
            mark_invalid(e, False)
        for line in self.overdue_edits.values():
            mark_invalid(line, False)
        self._busy(True)
        self._submit_after = submit
        dc.save(self.workbench, self.view.document_id, self.view.sha256, self.values(), self._saved, self._failed)

    def _saved(self, view: DocumentVersionView) -> None:
        self._show(view)
        self.saved.emit(view)
        if self._submit_after:
            dc.submit(self.workbench, view.version_id, view.sha256, self._submitted, self._failed)
        else:
            self._busy(False)

    def _submitted(self, view: DocumentVersionView) -> None:
        self._busy(False)
        self.submitted.emit(view)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        text = error_text(exc)
        if getattr(exc, "field", "") == "elements":
            text += "\n" + self.tr("请在“事件信息与报告要素”中补全上述要素，然后回到这里再次“保存并提交审批”。")
        self.error.setText(text)
        self.error.show()
        edit = self.edits.get(getattr(exc, "field", ""))
        if getattr(exc, "field", "") == "overdue_notes":
            edit = next((e for e in self.overdue_edits.values() if not e.text().strip()), None)
        if edit is not None:
            mark_invalid(edit, True)
            edit.setFocus()
