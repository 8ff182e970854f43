"""The incident list page (事件列表): the incidents the user may see, filtered, sorted and counted in the database
and read a page at a time as the user scrolls (the cost follows what is shown, not the history), and exported to
Excel: every incident the filters let through, in the shown order, streamed from the database in the worker."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop.domain import SEVERITIES, STATUSES, IncidentStatus
from desktop.exchange import service as exchange
from desktop.reports.spreadsheet import write_table
from desktop.services import incidents
from desktop.timeutil import today_cst
from ui.common.filters import DateRangeFilter, fill_choices
from ui.common.widgets import fill_unit_combo, save_file_name
from ui.data.workbench import Workbench
from ui.incidents.models import RECORD_ROLE, IncidentListModel

PAGE = 200  # rows read at a time as the user scrolls


class IncidentListPage(QWidget):
    openIncident = Signal(int)
    message = Signal(str)  # for the status bar
    exported = Signal(str)  # the workbook's path, once written

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self._generation = 0  # of the newest query: older answers are dropped
        self._stale = True
        self.model = IncidentListModel(self)
        self._sized = False  # columns fitted to the first page once, not again on every page or filter
        title = QLabel(self.tr("事件列表"))
        title.setObjectName("pageTitle")
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("按编号、标题、单位、人员或记者查找"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self.status = QComboBox()
        fill_choices(self.status, STATUSES, self.tr("全部状态"))
        self.status.setCurrentIndex(self.status.findData(IncidentStatus.OPEN))
        self.severity = QComboBox()
        fill_choices(self.severity, SEVERITIES, self.tr("全部级别"))
        self.unit = QComboBox()
        self.unit.setMinimumWidth(200)
        # The units already read: a page made after the first load hears `loaded` only when something changes.
        fill_unit_combo(self.unit, workbench.units, empty=self.tr("全部单位"))
        self.dates = DateRangeFilter(self.tr("事发日期"))
        self.count = QLabel()
        self.export_button = QPushButton(self.tr("导出Excel…"))
        self.export_button.setToolTip(self.tr("把筛选出的全部事件按显示的顺序导出为 Excel 工作簿"))
        self.export_button.setEnabled(False)
        self.view = QTableView()
        self.view.setModel(self.model)
        # the header shows the order; a click asks the model, which asks the database (sortRequested)
        self.view.horizontalHeader().setSortIndicator(IncidentListModel.TIME_COLUMN, Qt.SortOrder.DescendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addSpacing(16)
        bar.addWidget(self.count)
        bar.addStretch(1)
        bar.addWidget(self.search)
        bar.addWidget(self.export_button)
        filters = QHBoxLayout()
        for label, widget in ((self.tr("状态"), self.status), (self.tr("级别"), self.severity),
                              (self.tr("事发单位"), self.unit)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.dates)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(250)
        self._typing.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._text_edited)
        for combo in (self.status, self.severity, self.unit):
            combo.currentIndexChanged.connect(self.refresh)
        self.dates.changed.connect(self.refresh)
        self.export_button.clicked.connect(self.export)
        self.view.doubleClicked.connect(self._open)
        self.view.activated.connect(self._open)
        self.model.fetchRequested.connect(self._fetch_page)
        self.model.sortRequested.connect(self.refresh)
        workbench.loaded.connect(self._on_loaded)

    # --- reading -----------------------------------------------------------------------------------------------

    def filters(self) -> incidents.IncidentFilter:
        first, last = self.dates.dates()
        status = self.status.currentData()
        return incidents.IncidentFilter(status=IncidentStatus(status) if status else None,
                                        severity=self.severity.currentData(),
                                        unit_id=self.unit.currentData(), occurred_from=first, occurred_to=last,
                                        text=self.search.text())

    def _text_edited(self, _: str) -> None:
        self._typing.start()  # a quarter of a second after the last key

    def _on_loaded(self) -> None:
        fill_unit_combo(self.unit, self.workbench.units, empty=self.tr("全部单位"))
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True  # read again when shown

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self, *_: object) -> None:
        """Ask the database (in the worker) how many incidents the filters let through and for the first page of
        them in the shown order; later pages come as the user scrolls (`_fetch_page`)."""
        self._typing.stop()
        self._stale = False
        self._generation += 1
        generation, actor, chosen = self._generation, self.workbench.actor, self.filters()
        key, descending = self.model.sort_key()

        def job(session: Session) -> tuple[int, int, list[incidents.IncidentRow]]:
            total = incidents.count_incidents(session, actor, chosen)
            return generation, total, incidents.page_incidents(session, actor, chosen, key, descending, 0, PAGE)

        self.workbench.read(job, self._show)
        self.workbench.read(exchange.origin_names, self.model.set_origins)  # few: one small query

    def _show(self, answer: tuple[int, int, list[incidents.IncidentRow]]) -> None:
        generation, total, rows = answer
        if generation != self._generation:
            return
        self.model.reset_pages(rows, total)
        self.count.setText(self.tr("共 %1 件").replace("%1", str(total)))
        self.export_button.setEnabled(total > 0)
        if rows and not self._sized:
            self._sized = True
            self.view.resizeColumnsToContents()

    def _fetch_page(self, offset: int) -> None:
        """The next page, read in the worker under the same filters and order as the rows above it."""
        generation, actor, chosen = self._generation, self.workbench.actor, self.filters()
        key, descending = self.model.sort_key()

        def job(session: Session) -> tuple[int, int, list[incidents.IncidentRow]]:
            return generation, offset, incidents.page_incidents(session, actor, chosen, key, descending, offset,
                                                                PAGE)

        def failed(exc: BaseException) -> None:
            self.model.page_failed()
            self.workbench.failed.emit(exc)

        self.workbench.read(job, self._add_page, failed)

    def _add_page(self, answer: tuple[int, int, list[incidents.IncidentRow]]) -> None:
        generation, offset, rows = answer
        if generation == self._generation:
            self.model.append_page(offset, rows)
        else:
            self.model.page_failed()  # a page of a list since re-read: the new list asks for its own

    def shown_records(self) -> list[incidents.IncidentRow]:
        """The rows read so far, in the table's order."""
        return [self.model.index(i, 0).data(RECORD_ROLE) for i in range(self.model.rowCount())]

    # --- export ------------------------------------------------------------------------------------------------

    def export(self) -> None:
        """Every incident the filters let through (not only the rows read so far), in the table's order, to an
        .xlsx file the user names: read from the database and written in the worker."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / f"{self.tr('事件列表')}_{today_cst():%Y%m%d}.xlsx")
        path = save_file_name(self, self.tr("导出到 Excel"), suggested, self.tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        columns = range(self.model.columnCount())
        headers = [str(self.model.headerData(c, Qt.Orientation.Horizontal)) for c in columns]
        headers[IncidentListModel.TIME_COLUMN] += self.tr("（北京时间）")
        sheet = self.tr("事件列表")
        actor, chosen, model = self.workbench.actor, self.filters(), self.model
        key, descending = self.model.sort_key()

        def job(session: Session) -> tuple[str, int]:
            # export_value only formats a row (translated labels, no database): safe in the worker
            rows = ([model.export_value(r, c) for c in columns]
                    for r in incidents.stream_incidents(session, actor, chosen, key, descending))
            return path, write_table(path, headers, rows, sheet)

        self.export_button.setEnabled(False)
        self.workbench.read(job, self._exported, self._export_failed)

    def _exported(self, answer: tuple[str, int]) -> None:
        path, count = answer
        self.export_button.setEnabled(self.model.total() > 0)
        self.message.emit(self.tr("已将 %1 件事件导出到 %2").replace("%1", str(count)).replace("%2", path))
        self.exported.emit(path)

    def _export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(self.model.total() > 0)
        QMessageBox.warning(self, self.tr("导出到 Excel"), self.tr("无法导出：%1")
                            .replace("%1", getattr(exc, "message", None) or str(exc)))

    def _open(self, index: QModelIndex) -> None:
        record = self.model.data(index, RECORD_ROLE)
        if record is not None:
            self.openIncident.emit(record.id)
