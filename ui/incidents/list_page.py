"""The incident list page (事件列表): the incidents the user may see, filtered in the database, sortable, and
exported to Excel exactly as shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, QStandardPaths, Qt, QTimer, Signal
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

from desktop.domain import SEVERITIES, STATUSES, IncidentRecord, IncidentStatus
from desktop.reports.spreadsheet import write_table
from desktop.services import incidents
from desktop.timeutil import today_cst
from ui.common.filters import DateRangeFilter, fill_choices
from ui.common.widgets import fill_unit_combo, save_file_name
from ui.data.workbench import Workbench
from ui.incidents.models import RECORD_ROLE, SORT_ROLE, IncidentListModel


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
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
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
        fill_unit_combo(self.unit, [], empty=self.tr("全部单位"))
        self.dates = DateRangeFilter(self.tr("事发日期"))
        self.count = QLabel()
        self.export_button = QPushButton(self.tr("导出Excel…"))
        self.export_button.setToolTip(self.tr("把列表中显示的事件按显示的顺序导出为 Excel 工作簿"))
        self.export_button.setEnabled(False)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(IncidentListModel.TIME_COLUMN, Qt.SortOrder.DescendingOrder)
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
        """Ask the database (in the worker) for the incidents the filters let through."""
        self._typing.stop()
        self._stale = False
        self._generation += 1
        generation, actor, chosen = self._generation, self.workbench.actor, self.filters()

        def job(session: Session) -> tuple[int, list[IncidentRecord]]:
            return generation, incidents.list_incidents(session, actor, filters=chosen)

        self.workbench.read(job, self._show)

    def _show(self, answer: tuple[int, list[IncidentRecord]]) -> None:
        generation, records = answer
        if generation != self._generation:
            return
        self.model.set_rows(records)
        self.count.setText(self.tr("共 %1 件").replace("%1", str(len(records))))
        self.export_button.setEnabled(bool(records))
        self.view.resizeColumnsToContents()

    def shown_records(self) -> list[IncidentRecord]:
        """The rows as the table shows them, in its order."""
        return [self.proxy.index(i, 0).data(RECORD_ROLE) for i in range(self.proxy.rowCount())]

    # --- export ------------------------------------------------------------------------------------------------

    def export(self) -> None:
        """Every row the table shows, in its order, to an .xlsx file the user names; written in the worker."""
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
        rows = [[self.model.export_value(r, c) for c in columns] for r in self.shown_records()]
        sheet = self.tr("事件列表")

        def job(_: Session) -> tuple[str, int]:
            return path, write_table(path, headers, rows, sheet)

        self.export_button.setEnabled(False)
        self.workbench.read(job, self._exported, self._export_failed)

    def _exported(self, answer: tuple[str, int]) -> None:
        path, count = answer
        self.export_button.setEnabled(self.proxy.rowCount() > 0)
        self.message.emit(self.tr("已将 %1 件事件导出到 %2").replace("%1", str(count)).replace("%2", path))
        self.exported.emit(path)

    def _export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(self.proxy.rowCount() > 0)
        QMessageBox.warning(self, self.tr("导出到 Excel"), self.tr("无法导出：%1")
                            .replace("%1", getattr(exc, "message", None) or str(exc)))

    def _open(self, index: QModelIndex) -> None:
        record = self.proxy.data(index, RECORD_ROLE)
        if record is not None:
            self.openIncident.emit(record.id)
