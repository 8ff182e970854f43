"""统计: the figures of a year or a quarter as charts (QtCharts), in the logged-in account's scope, and the
声誉风险管理工作报告 of the same period printed through the preview.

The figures are computed in the database worker (desktop.registers.statistics.compute); the charts are built
the first time the page is shown, and the core's figures, the report layer (ReportLab) and QtPdf are imported on
first use, so the window does not pay for them at start.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.timeutil import now_utc, to_cst
from ui.data.workbench import Workbench

if TYPE_CHECKING:  # annotations only: the modules themselves are imported when the page first needs them
    from desktop.registers.statistics import Period
    from desktop.registers.work_report import Count, Figures, OnTime
    from ui.printing.preview import PdfPreviewDialog

RED, BLUE, GREEN, AMBER = QColor("#C00000"), QColor("#2F5597"), QColor("#548235"), QColor("#BF8F00")
CHART_KEYS = ("month", "unit", "source", "severity", "rule_rate", "unit_rate", "monitoring", "prevention")
# (row, column, rows, columns): the rules' long names get the whole width
GRID = {"month": (0, 0, 1, 1), "unit": (0, 1, 1, 1), "source": (1, 0, 1, 1), "severity": (1, 1, 1, 1),
        "rule_rate": (2, 0, 1, 2), "unit_rate": (3, 0, 1, 1), "monitoring": (3, 1, 1, 1), "prevention": (4, 0, 1, 2)}


def _axis_top(top: float) -> int:
    """A maximum the five ticks divide into whole numbers."""
    return max(4, -(-int(top + 1) // 4) * 4)


def _short(label: str, limit: int = 12) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


class StatisticsPage(QWidget):
    """Period selector (year or quarter), the charts, a summary line and 打印报告…; `loaded` carries each new
    Figures once the charts show it."""

    loaded = Signal(object)  # Figures
    message = Signal(str)

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.figures: Figures | None = None
        self.preview: PdfPreviewDialog | None = None
        self.charts: dict[str, QChart] = {}
        self.views: dict[str, QChartView] = {}
        self._asked: Period | None = None
        today = to_cst(now_utc()).date()
        self.kind = QComboBox()
        self.kind.setObjectName("stat_kind")
        self.kind.addItem(self.tr("年度"), "annual")
        self.kind.addItem(self.tr("季度"), "quarterly")
        self.year = QSpinBox()
        self.year.setObjectName("stat_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.quarter = QComboBox()
        self.quarter.setObjectName("stat_quarter")
        names = (self.tr("第一季度"), self.tr("第二季度"), self.tr("第三季度"), self.tr("第四季度"))
        for q, name in enumerate(names, 1):
            self.quarter.addItem(name, q)
        self.quarter.setCurrentIndex((today.month - 1) // 3)
        self.quarter.setVisible(False)
        self.print_button = QPushButton(self.tr("打印报告…"))
        self.print_button.setObjectName("stat_print")
        self.print_button.setToolTip(self.tr("预览并打印或另存本期的声誉风险管理工作报告"))
        self.scope = QLabel()
        self.scope.setObjectName("stat_scope")
        self.summary = QLabel(self.tr("正在统计…"))
        self.summary.setObjectName("stat_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("统计期间")))
        bar.addWidget(self.kind)
        bar.addWidget(self.year)
        bar.addWidget(self.quarter)
        bar.addSpacing(12)
        bar.addWidget(self.scope, 1)
        bar.addWidget(self.print_button)
        self.grid = QGridLayout()
        self.grid.setSpacing(8)
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.addWidget(self.summary)
        inner.addLayout(self.grid)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.year.valueChanged.connect(self.reload)
        self.quarter.currentIndexChanged.connect(self.reload)
        self.print_button.clicked.connect(self.print_report)
        # an incident recorded or changed (here or by another user) moves the figures of the page being looked at
        self.workbench.incidentChanged.connect(self._incident_changed)

    # --- the period ------------------------------------------------------------------------------------------

    def period(self) -> Period:
        from desktop.registers import statistics

        if self.kind.currentData() == "quarterly":
            return statistics.quarter_period(f"{self.year.value()}Q{self.quarter.currentData()}")
        return statistics.year_period(self.year.value())

    def _kind_changed(self) -> None:
        self.quarter.setVisible(self.kind.currentData() == "quarterly")
        self.reload()

    def activated(self) -> None:
        if not self.charts:
            self._build_charts()
        self.reload()

    def _incident_changed(self, _incident_id: int) -> None:
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        """Ask the worker for the period's figures; a late answer for a period no longer chosen is dropped."""
        if not self.charts:
            return  # not shown yet: `activated` loads
        from desktop.registers import statistics

        period = self.period()
        self._asked = period
        actor = self.workbench.actor
        self.summary.setText(self.tr("正在统计 %1…").replace("%1", period.name))
        self.workbench.read(lambda s: statistics.compute(s, actor, period),
                            lambda figures: self._show(period, figures), self._failed)

    def _failed(self, exc: BaseException) -> None:
        text = getattr(exc, "message", None) or str(exc)
        self.summary.setText(self.tr("无法统计：%1").replace("%1", text))
        self.message.emit(self.summary.text())

    # --- the charts ------------------------------------------------------------------------------------------

    def _build_charts(self) -> None:
        titles = {
            "month": self.tr("各月事件数"),
            "unit": self.tr("各单位事件数"),
            "source": self.tr("事件来源"),
            "severity": self.tr("事件等级"),
            "rule_rate": self.tr("各时限规则及时率（%）"),
            "unit_rate": self.tr("各单位及时率（%）"),
            "monitoring": self.tr("各月舆情监测条数与事件数"),
            "prevention": self.tr("各单位培训学时与应急演练"),
        }
        for key in CHART_KEYS:
            chart = QChart()
            chart.setTitle(titles[key])
            chart.setMargins(QMargins(4, 4, 4, 4))
            chart.legend().setVisible(key in ("source", "severity", "monitoring", "prevention"))
            chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
            view = QChartView(chart)
            view.setObjectName(f"chart_{key}")
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(260)
            self.charts[key], self.views[key] = chart, view
            self.grid.addWidget(view, *GRID[key])

    def _show(self, period: Period, figures: Figures) -> None:
        from desktop.registers.work_report import Count, hours_text, minutes_text

        if period != self._asked:
            return
        self.figures = figures
        self.scope.setText(self.tr("统计范围：%1").replace("%1", figures.scope_name))
        total = figures.on_time_total
        self.summary.setText(
            self.tr("%1：事件 %2 起（重大 %3 起，处置中 %4 起）；时限及时率 %5（应办 %6 项）；首报中位时长 %7；"
                    "舆情监测 %8 条，转为或关联事件 %9 条；培训 %10 学时，应急演练 %11 次；未完成整改跟进 %12 项"
                    "（逾期 %13 项）。")
            .replace("%13", str(figures.followups_overdue)).replace("%12", str(figures.followups_open))
            .replace("%11", str(figures.drills)).replace("%10", hours_text(figures.training_hours))
            .replace("%9", str(figures.monitoring_escalated)).replace("%8", str(figures.monitoring_entries))
            .replace("%7", minutes_text(figures.first_report_median_minutes)).replace("%6", str(total.due))
            .replace("%5", total.rate_text).replace("%4", str(figures.open)).replace("%3", str(figures.major))
            .replace("%2", str(figures.total)).replace("%1", period.name))
        self._bars("month", [(self.tr("事件数"), figures.by_month, RED)])
        self._bars("unit", [(self.tr("事件数"), figures.by_unit, BLUE)], horizontal=True)
        self._pie("source", figures.by_source)
        self._pie("severity", figures.by_severity)
        self._rates("rule_rate", figures.on_time_rules)
        self._rates("unit_rate", figures.on_time_units)
        self._lines("monitoring", [(self.tr("舆情监测"), figures.monitoring_by_month, BLUE),
                                   (self.tr("声誉事件"), figures.by_month, RED)])
        self._bars("prevention", [
            (self.tr("培训学时"), [Count(p.unit, round(p.training_hours)) for p in figures.prevention], GREEN),
            (self.tr("应急演练"), [Count(p.unit, p.drills) for p in figures.prevention], AMBER)])
        self.loaded.emit(figures)

    def _reset(self, key: str) -> QChart:
        chart = self.charts[key]
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        return chart

    def _bars(self, key: str, sets: Sequence[tuple[str, Sequence[Count], QColor]], horizontal: bool = False) -> None:
        chart = self._reset(key)
        series = QHorizontalBarSeries() if horizontal else QBarSeries()
        labels = [_short(c.label) for c in sets[0][1]] if sets else []
        if horizontal:  # a row per unit, tall enough that Qt does not elide the names to "…" (as in _rates)
            self.views[key].setMinimumHeight(max(260, 90 + 28 * len(labels)))
        top = 0
        for name, counts, colour in sets:
            bar_set = QBarSet(name)
            bar_set.setColor(colour)
            for c in counts:
                bar_set.append(c.value)
                top = max(top, c.value)
            series.append(bar_set)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append(labels or [self.tr("无")])
        categories.setReverse(horizontal)  # the first (largest) row on top
        values = QValueAxis()
        values.setRange(0, _axis_top(top))
        values.setLabelFormat("%d")
        values.setTickCount(5)
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(values)

    def _rates(self, key: str, rows: Sequence[OnTime]) -> None:
        chart = self._reset(key)
        shown = [r for r in rows if r.due]
        self.views[key].setMinimumHeight(max(260, 90 + 28 * len(shown)))
        series = QHorizontalBarSeries()
        bar_set = QBarSet(self.tr("及时率"))
        bar_set.setColor(BLUE)
        for r in shown:
            bar_set.append(round((r.rate or 0.0) * 100, 1))
        series.append(bar_set)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.setReverse(True)  # the first row on top, as in the printed table
        categories.append([_short(f"{r.article} {r.label}" if r.article else r.label, 30) for r in shown]
                          or [self.tr("无")])
        values = QValueAxis()
        values.setRange(0, 100)
        values.setLabelFormat("%d")
        values.setTickCount(5)
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        series.attachAxis(values)

    def _pie(self, key: str, counts: Sequence[Count]) -> None:
        chart = self._reset(key)
        series = QPieSeries()
        palette = (RED, BLUE, GREEN, AMBER, QColor("#7F7F7F"))
        for i, c in enumerate(x for x in counts if x.value):
            pie_slice = series.append(f"{c.label} {c.value}", c.value)
            pie_slice.setColor(palette[i % len(palette)])
            pie_slice.setLabelVisible(True)
        chart.addSeries(series)

    def _lines(self, key: str, lines: Sequence[tuple[str, Sequence[Count], QColor]]) -> None:
        chart = self._reset(key)
        labels = [c.label for c in lines[0][1]] if lines else []
        top = 0
        made = []
        for name, counts, colour in lines:
            series = QLineSeries()
            series.setName(name)
            series.setColor(colour)
            for i, c in enumerate(counts):
                series.append(i, c.value)
                top = max(top, c.value)
            chart.addSeries(series)
            made.append(series)
        categories = QBarCategoryAxis()
        categories.append(labels or [self.tr("无")])
        values = QValueAxis()
        values.setRange(0, _axis_top(top))
        values.setLabelFormat("%d")
        values.setTickCount(5)
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        for series in made:
            series.attachAxis(categories)
            series.attachAxis(values)

    # --- the report ------------------------------------------------------------------------------------------

    def print_report(self) -> PdfPreviewDialog:
        """The 工作报告 of the chosen period in the preview (built in the worker); printing or saving it there
        records the print."""
        from desktop.registers import statistics
        from ui.printing.preview import show_pdf_preview

        period = self.period()
        actor = self.workbench.actor
        self.preview = show_pdf_preview(self.window(), self.workbench,
                                        lambda s: statistics.build_report(s, actor, period), period.title)
        return self.preview
