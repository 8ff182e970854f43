"""Per incident: each rule's time window against what was done, with the present moment marked."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.domain import EventRecord
from desktop.rules.model import RuleStatus
from desktop.services import deadline_board as dl
from desktop.timeutil import to_cst
from ui.app.theme import STATE_COLOURS, STATUS_COLOURS
from ui.common.countdown import state_label
from ui.common.strings import rule_text

ROW_H = 24
LABEL_W = 250  # the rules' labels: at least this wide, wider for longer labels up to LABEL_SHARE of the chart
LABEL_SHARE = 0.4
TOP = 34
BOTTOM = 40


def _status_text(status: str) -> str:
    names = {"met": "按时", "late": "逾期完成", "overdue": "已超时", "pending": "待办", "open": "可选",
             "lapsed": "已过", "waiting": "未起算", "superseded": "已转重大"}
    return QCoreApplication.translate("TimelineChart", names.get(status, status))


def _row_title(s: RuleStatus) -> str:
    return f"{s.rule.article} {rule_text(s.rule.label_zh or s.rule.id)}"


class TimelineChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._statuses: list[RuleStatus] = []
        self._events: tuple[EventRecord, ...] = ()
        self._start: datetime | None = None
        self._now: datetime | None = None
        self.thresholds = dl.Thresholds()  # the page keeps it the window's (Workbench.thresholds)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(520)

    def set_data(self, occurred_at: datetime, statuses: list[RuleStatus], events: tuple[EventRecord, ...],
                 now: datetime) -> None:
        self._start, self._now = occurred_at, now
        self._statuses = [s for s in statuses if s.due_at is not None]
        self._events = events
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def set_now(self, now: datetime) -> None:
        self._now = now
        self.update()

    def look(self, s: RuleStatus) -> tuple[str, str]:
        """Colour and word of a row: an open duty as the dashboard shows it now (its one status function, so
        立即 reads as immediate and amber starts at half the limit), a settled one in the engine's words."""
        if s.status in dl.OPEN_STATUSES and s.due_at is not None and self._now is not None:
            state = dl.reading(s.rule.kind, s.due_at.timestamp(), s.rule.limit.total_seconds(),
                               self._now.timestamp(), self.thresholds).state
            return STATE_COLOURS[state][1], state_label(state)
        return STATUS_COLOURS.get(s.status, "#888888"), _status_text(s.status)

    def label_width(self, fm: QFontMetrics) -> int:
        widest = max((fm.horizontalAdvance(_row_title(s)) for s in self._statuses), default=0) + 16
        return int(max(LABEL_W, min(widest, self.width() * LABEL_SHARE)))

    def row_tooltip(self, y: float) -> str:
        """The whole of a row's rule (its label is elided): duty, who answers for it, what is delivered."""
        row = int((y - TOP) // ROW_H) if y >= TOP else -1
        if not 0 <= row < len(self._statuses):
            return ""
        rule = self._statuses[row].rule
        lines = [_row_title(self._statuses[row]), _tr("责任方：%1").replace("%1", rule_text(rule.responsible))]
        if rule.deliverable_zh:
            lines.append(rule_text(rule.deliverable_zh))
        return "\n".join(lines)

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip:
            text = self.row_tooltip(e.pos().y())  # type: ignore[attr-defined]
            if text:
                QToolTip.showText(e.globalPos(), text, self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
                e.ignore()
            return True
        return super().event(e)

    def sizeHint(self) -> QSize:
        return QSize(760, TOP + BOTTOM + max(1, len(self._statuses)) * ROW_H)

    def _span(self) -> tuple[datetime, datetime]:
        assert self._start is not None and self._now is not None
        end = max([self._now, *(s.due_at for s in self._statuses if s.due_at),
                   *(s.done_at for s in self._statuses if s.done_at)])
        span = max(end - self._start, timedelta(minutes=30))
        return self._start, self._start + span * 1.06

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        if self._start is None or self._now is None:
            return
        t0, t1 = self._span()
        fm = QFontMetrics(self.font())
        label_w = self.label_width(fm)
        left, right = label_w, self.width() - 16
        total = (t1 - t0).total_seconds()

        def x(moment: datetime) -> float:
            return left + (right - left) * max(0.0, min(1.0, (moment - t0).total_seconds() / total))

        bottom = TOP + len(self._statuses) * ROW_H
        p.setPen(QPen(QColor("#dddddd")))
        for i in range(7):  # time axis
            moment = t0 + (t1 - t0) * (i / 6)
            xi = x(moment)
            p.drawLine(QPointF(xi, TOP - 6), QPointF(xi, bottom))
            p.setPen(QColor("#666666"))
            p.drawText(QRectF(xi - 40, bottom + 4, 80, 16), Qt.AlignmentFlag.AlignCenter,
                       to_cst(moment).strftime("%H:%M"))
            p.setPen(QPen(QColor("#dddddd")))
        for e in self._events:  # what was done, along the top
            xe = x(e.at)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor("#455a64"))
            p.drawPolygon(QPolygonF([QPointF(xe, TOP - 6), QPointF(xe - 4, TOP - 14), QPointF(xe + 4, TOP - 14)]))
        p.setPen(QColor("#455a64"))
        p.drawText(QRectF(8, TOP - 24, label_w - 16, 18), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   _tr("时间线事件 ▼"))
        for row, s in enumerate(self._statuses):
            y = TOP + row * ROW_H
            if row % 2:
                p.fillRect(QRectF(0, y, self.width(), ROW_H), QColor("#f7f8fa"))
            colour_name, label = self.look(s)
            colour = QColor(colour_name)
            p.setPen(QColor("#333333"))
            text = fm.elidedText(_row_title(s), Qt.TextElideMode.ElideRight, label_w - 16)
            p.drawText(QRectF(8, y, label_w - 12, ROW_H), Qt.AlignmentFlag.AlignVCenter, text)
            assert s.due_at is not None
            anchor = s.due_at - s.rule.limit
            xa, xd = x(anchor), x(s.due_at)
            band = QColor(colour)
            band.setAlpha(60)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(band)
            if s.rule.kind == "immediate":
                p.setBrush(colour)
                p.drawPolygon(QPolygonF([QPointF(xa, y + 5), QPointF(xa + 6, y + ROW_H / 2),
                                         QPointF(xa, y + ROW_H - 5), QPointF(xa - 6, y + ROW_H / 2)]))
            else:
                p.drawRoundedRect(QRectF(xa, y + 6, max(3.0, xd - xa), ROW_H - 12), 3, 3)
                p.setPen(QPen(colour, 2))
                p.drawLine(QPointF(xd, y + 3), QPointF(xd, y + ROW_H - 3))
            if s.done_at is not None:
                p.setPen(QPen(QColor("white"), 1.5))
                p.setBrush(colour)
                p.drawEllipse(QPointF(x(s.done_at), y + ROW_H / 2), 6, 6)
            p.setPen(colour)
            tx = min(max(xd, x(s.done_at) if s.done_at else xd) + 10, right - fm.horizontalAdvance(label))
            p.drawText(QRectF(tx, y, fm.horizontalAdvance(label) + 4, ROW_H), Qt.AlignmentFlag.AlignVCenter, label)
        xn = x(self._now)
        p.setPen(QPen(QColor("#c62828"), 1.5, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(xn, TOP - 4), QPointF(xn, bottom))
        p.setPen(QColor("#c62828"))
        p.drawText(QRectF(xn - 30, bottom + 20, 60, 16), Qt.AlignmentFlag.AlignCenter, _tr("现在"))
        p.end()


def _tr(text: str) -> str:
    return QCoreApplication.translate("TimelineChart", text)
