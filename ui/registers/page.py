"""The one page every register uses: a period and unit filter, a paged table read in the worker, the selected
entry's facts and steps, its attachments, and the register's own actions (each says why it does not apply).

`RegisterTabs` puts several registers on one page (预防工作: training, drills, screenings, sweeps, plan reviews).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid
from sqlalchemy.orm import Session

from ui.common.filters import DateRangeFilter
from ui.common.table_model import RECORD_ROLE, CachedTableModel
from ui.common.widgets import banner, fill_unit_combo
from ui.data.workbench import Workbench
from ui.documents.attachments import AttachmentsWidget
from ui.registers.form import FormDialog, error_text, tr
from ui.registers.spec import Action, Detail, Listing, Query, RegisterSpec

PAGE_SIZE = 100


class RegisterModel(CachedTableModel):
    CONTEXT = "Registers"

    def __init__(self, spec: RegisterSpec, parent: Any = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.HEADERS = tuple(c.header for c in spec.columns)

    def cell(self, item: Any, column: int) -> str:
        return self.spec.columns[column].text(item)

    def colour(self, item: Any, column: int) -> QColor | None:
        name = self.spec.columns[column].colour(item)
        return QColor(name) if name else None


class RegisterPage(QWidget):
    """One register. `openIncident(id)` when an action made or names an incident; `message` for the status bar."""

    openIncident = Signal(int)
    message = Signal(str)
    changed = Signal()  # after any write from this page

    def __init__(self, workbench: Workbench, spec: RegisterSpec, parent: QWidget | None = None,
                 with_title: bool = True) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.spec = spec
        self.offset = 0
        self.more = False
        self._generation = 0
        self._detail_generation = 0
        self.loaded_once = False
        self.form: FormDialog | None = None
        self.dialog: QWidget | None = None  # the dialog an action opened, for tests
        self.model = RegisterModel(spec, self)
        title = QLabel(tr(spec.title))
        title.setObjectName("pageTitle")
        hint = QLabel(tr(spec.hint))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.period = DateRangeFilter(tr("期间"))
        self.period.changed.connect(self.first_page)
        self.unit = QComboBox()
        self.unit.setMinimumWidth(200)
        fill_unit_combo(self.unit, workbench.units, empty=tr("全部单位"))
        self.unit.currentIndexChanged.connect(lambda _i: self.first_page())
        self.period.setVisible(spec.period_filter)
        self.unit.setVisible(spec.unit_filter)
        self.count = QLabel()
        self.prev_button = QPushButton(tr("上一页"))
        self.prev_button.clicked.connect(lambda: self._go(self.offset - PAGE_SIZE))
        self.next_button = QPushButton(tr("下一页"))
        self.next_button.clicked.connect(lambda: self._go(self.offset + PAGE_SIZE))
        self.add_button = QPushButton(tr(spec.create_label))
        self.add_button.setObjectName("primary")
        self.add_button.clicked.connect(self.open_form)
        self.add_button.setVisible(spec.create is not None and bool(spec.fields))
        self.error = banner("errorBanner")
        self.status = banner("banner")
        top = QHBoxLayout()
        if with_title:
            top.addWidget(title)
            top.addSpacing(16)
        top.addWidget(self.period)
        top.addWidget(self.unit)
        top.addStretch(1)
        top.addWidget(self.count)
        top.addWidget(self.prev_button)
        top.addWidget(self.next_button)
        top.addWidget(self.add_button)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        # The actions on the selected row, each with the reason it does not apply in plain sight.
        self.action_buttons: dict[str, QPushButton] = {}
        self.action_reason = QLabel()
        self.action_reason.setObjectName("disabledReason")
        self.action_reason.setWordWrap(True)
        actions = QHBoxLayout()
        for action in spec.actions:
            button = QPushButton(tr(action.label))
            button.clicked.connect(lambda _=False, a=action: self.run_action(a.key))
            self.action_buttons[action.key] = button
            actions.addWidget(button)
        actions.addWidget(self.action_reason, 1)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.view, 1)
        ll.addLayout(actions)
        # The detail panel: the facts, the steps (oldest first), the attachments.
        self.facts = QFormLayout()
        self.facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        facts_box = QWidget()
        facts_box.setLayout(self.facts)
        # The steps as wrapping text: long notes are read whole, never cut.
        self.steps = QTextBrowser()
        self.steps.setOpenLinks(False)
        self.step_rows: list[tuple[str, str, str]] = []
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(facts_box)
        steps_box = QGroupBox(tr("办理经过"))
        QVBoxLayout(steps_box).addWidget(self.steps)
        dl.addWidget(steps_box, 1)
        self.detail_tabs = QTabWidget()
        self.detail_tabs.addTab(detail, tr("详情"))
        self.attachments: AttachmentsWidget | None = None
        if spec.attachments:
            self.attachments = AttachmentsWidget(workbench, spec.attachments, stacked=True)
            self.attachments.message.connect(self.message.emit)
            self.attachments.changed.connect(self.reload)
            self.detail_tabs.addTab(self.attachments, tr("附件"))
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.detail_tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([700, 460])
        layout = QVBoxLayout(self)
        if with_title:
            layout.addWidget(hint)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(split, 1)
        workbench.loaded.connect(self._units_loaded)
        self._show_detail(None)
        self.reload()

    # --- reading ---------------------------------------------------------------------------------------------

    def query(self) -> Query:
        first, last = self.period.dates() if self.spec.period_filter else (None, None)
        unit = self.unit.currentData() if self.spec.unit_filter else None
        return Query(first, last, unit, self.offset, PAGE_SIZE)

    def first_page(self) -> None:
        self.offset = 0
        self.reload()

    def _go(self, offset: int) -> None:
        self.offset = max(0, offset)
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation, actor, query, listing = self._generation, self.workbench.actor, self.query(), self.spec.listing
        # Bound methods only (the generation travels in the answer): an answer arriving after the page was
        # deleted is dropped by the worker instead of touching dead widgets.
        self.workbench.read(lambda s: (generation, listing(s, actor, query)), self._loaded, self._failed)

    def _units_loaded(self) -> None:
        if self.unit.count() <= 1 and self.workbench.units:
            fill_unit_combo(self.unit, self.workbench.units, empty=tr("全部单位"))

    def _loaded(self, answer: tuple[int, Listing]) -> None:
        generation, listing = answer
        if generation != self._generation:
            return  # a newer query is on its way
        self.loaded_once = True
        self.error.hide()
        chosen = self.selected()
        chosen_id = self.spec.row_id(chosen) if chosen is not None else None
        self.model.set_rows(listing.rows)
        self.more = listing.more
        self.view.resizeColumnsToContents()
        for i, column in enumerate(self.spec.columns):
            if column.stretch:
                self.view.horizontalHeader().setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
        first = self.offset + 1 if listing.rows else 0
        self.count.setText(tr("第 %1–%2 条").replace("%1", str(first))
                           .replace("%2", str(self.offset + len(listing.rows))))
        self.prev_button.setEnabled(self.offset > 0)
        self.next_button.setEnabled(listing.more)
        self.prev_button.setVisible(self.offset > 0 or listing.more)
        self.next_button.setVisible(self.offset > 0 or listing.more)
        if chosen_id is not None:
            self.select_id(chosen_id)
        if self.selected() is None:
            self._show_detail(None)
        self._update_actions()

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(error_text(exc))
        self.error.show()

    def activated(self) -> None:
        self.reload()

    # --- selection and detail --------------------------------------------------------------------------------

    def selected(self) -> Any:
        rows = self.view.selectionModel().selectedRows()
        return self.model.data(rows[0], RECORD_ROLE) if rows else None

    def select_id(self, row_id: int) -> bool:
        for row in range(self.model.rowCount()):
            if self.spec.row_id(self.model.row_at(row)) == row_id:
                self.view.selectRow(row)
                return True
        return False

    def _selection_changed(self) -> None:
        row = self.selected()
        self._update_actions()
        if row is None:
            self._show_detail(None)
            return
        if self.attachments is not None:
            self.attachments.load(self.spec.row_id(row))
        if self.spec.detail is None:
            self._show_detail(Detail([(c.header, c.text(row)) for c in self.spec.columns]))
            return
        self._detail_generation += 1
        generation, actor, detail = self._detail_generation, self.workbench.actor, self.spec.detail
        self.workbench.read(lambda s: (generation, detail(s, actor, row)), self._detail_read, self._failed)

    def _detail_read(self, answer: tuple[int, Detail]) -> None:
        generation, detail = answer
        if generation == self._detail_generation:  # else an answer about a row no longer selected
            self._show_detail(detail)

    def _show_detail(self, detail: Detail | None) -> None:
        while self.facts.rowCount():
            self.facts.removeRow(0)
        if detail is None:
            note = QLabel(tr("选中一条记录即可查看详情"))
            note.setObjectName("hint")
            self.facts.addRow(note)
            self._set_steps([])
            if self.attachments is not None:
                self.attachments.clear()
            return
        for label, value in detail.facts:
            text = QLabel(value or "—")
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts.addRow(tr(label) + "：", text)
        self._set_steps(list(detail.steps))

    def _set_steps(self, steps: list[tuple[str, str, str]]) -> None:
        self.step_rows = steps
        if not steps:
            self.steps.setHtml(f"<p style='color:#666'>{escape(tr('暂无办理记录'))}</p>")
            return
        head = "".join(f"<th align='left'>{escape(tr(h))}</th>" for h in ("时间", "记录人", "内容"))
        body = "".join(f"<tr><td style='white-space:nowrap'>{escape(when)}</td>"
                       f"<td style='white-space:nowrap'>{escape(who)}</td><td>{escape(what)}</td></tr>"
                       for when, who, what in steps)
        self.steps.setHtml(f"<table cellspacing='0' cellpadding='3' width='100%'><tr>{head}</tr>{body}</table>")

    # --- acting ----------------------------------------------------------------------------------------------

    def _update_actions(self) -> None:
        row = self.selected()
        reasons: dict[str, list[str]] = {}  # one reason, the actions it disables: said once
        for action in self.spec.actions:
            button = self.action_buttons[action.key]
            if action.needs_row and row is None:
                button.setEnabled(False)
                continue
            reason = action.refusal(row) if row is not None else ""
            button.setEnabled(not reason)
            if reason:
                reasons.setdefault(reason, []).append(tr(action.label).rstrip("…"))
        self.action_reason.setText("；".join(f"{'、'.join(names)}：{reason}" for reason, names in reasons.items()))

    def action(self, key: str) -> Action:
        return next(a for a in self.spec.actions if a.key == key)

    def run_action(self, key: str) -> None:
        action = self.action(key)
        row = self.selected()
        if action.needs_row and row is None:
            return
        action.run(self, row)

    def open_form(self) -> FormDialog | None:
        create = self.spec.create
        if create is None:
            return None
        if self.spec.form_choices is not None:
            # The choices come from the database: read them first, then open the form with them.
            load, actor = self.spec.form_choices, self.workbench.actor
            self.workbench.read(lambda s: (create, load(s, actor)), self._form_read, self._failed)
            return None
        return self._open_form(create, {})

    def _form_read(self, answer: tuple[Any, dict[str, dict[str, str]]]) -> None:
        create, choices = answer
        self._open_form(create, choices)

    def _open_form(self, create: Any, choices: dict[str, dict[str, str]]) -> FormDialog:
        self.form = FormDialog(self.workbench, tr(self.spec.create_label).rstrip("…"), self.spec.fields, create,
                               parent=self, choices=choices)
        self.form.saved.connect(self._created)
        self.form.open()
        return self.form

    def _created(self, result: Any) -> None:
        self.done(tr("已保存"), select=result)

    def done(self, text: str, select: Any = None) -> None:
        """After a write from this page: say so, read the page again and keep `select` (a row) selected."""
        self.status.setText(text)
        self.status.show()
        self.message.emit(text)
        self.changed.emit()
        if select is not None and hasattr(select, "id"):
            wanted = self.spec.row_id(select)
            generation = self._generation + 1
            self.reload()
            # Queued after the reload's read, so it answers after the rows are in.
            self.workbench.read(lambda _s: (generation, wanted), self._reselect)
        else:
            self.reload()

    def _reselect(self, answer: tuple[int, int]) -> None:
        generation, wanted = answer
        if self._generation == generation:
            self.select_id(wanted)

    def write(self, job: Callable[[Session], Any], done_text: str,
              after: Callable[[Any], None] | None = None) -> None:
        """A write for an action that needs no dialog: refusals go to the page's error line."""
        def ok(result: Any) -> None:
            if not isValid(self):  # the page was closed while the write ran: nothing left to show it in
                return
            self.done(done_text, select=result if hasattr(result, "id") else None)
            if after is not None:
                after(result)
        self.workbench.write(job, ok, self._failed)


class RegisterTabs(QWidget):
    """Several registers on one page, one tab each."""

    openIncident = Signal(int)
    message = Signal(str)

    def __init__(self, workbench: Workbench, title: str, hint: str, specs: Sequence[RegisterSpec],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(tr(title))
        heading.setObjectName("pageTitle")
        note = QLabel(tr(hint))
        note.setObjectName("hint")
        note.setWordWrap(True)
        self.tabs = QTabWidget()
        self.pages: dict[str, RegisterPage] = {}
        for spec in specs:
            page = RegisterPage(workbench, spec, with_title=False)
            page.openIncident.connect(self.openIncident.emit)
            page.message.connect(self.message.emit)
            self.pages[spec.key] = page
            self.tabs.addTab(page, tr(spec.title))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addWidget(self.tabs, 1)

    def activated(self) -> None:
        current = self.tabs.currentWidget()
        if isinstance(current, RegisterPage):
            current.reload()


