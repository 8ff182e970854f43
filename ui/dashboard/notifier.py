"""The attention a new deadline reminder asks for: the taskbar entry flashes, an optional sound, and a tray
balloon where the desktop has a tray (an extra: the reminder itself is the window's reminder panel,
ui.dashboard.reminders, which feeds this)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from desktop.services import deadline_board as dl
from desktop.timeutil import format_cst
from ui.app.settings import Settings
from ui.common.strings import rule_text

log = logging.getLogger("repdesk.ui.notify")


class Notifier(QObject):
    """Collects the new reminders of one tick and announces them as one message; the window it belongs to (its
    parent) is the one whose taskbar entry flashes."""

    def __init__(self, settings: Settings, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.history: list[tuple[str, str]] = []  # (title, text) shown, newest last
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip(self.tr("声誉风险工作台"))
            self.tray.show()
        self._batch: list[tuple[dl.DeadlineRow, str]] = []
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(0)
        self._flush.timeout.connect(self.flush)

    def on_state(self, row: dl.DeadlineRow, state: str) -> None:
        self._batch.append((row, state))
        self._flush.start()

    def on_states(self, items: list[tuple[dl.DeadlineRow, str]]) -> None:
        """`on_state` for many at once (a first load at a large branch brings thousands)."""
        self._batch.extend(items)
        self._flush.start()

    def flush(self) -> None:
        batch, self._batch = self._batch, []
        if not batch:
            return
        window = self.parent()
        if isinstance(window, QWidget):
            QApplication.alert(window)  # always: the taskbar entry flashes until the window is activated
        if not self.settings.notify:  # the optional extras: balloon and sound
            return
        overdue = [r for r, s in batch if s == dl.OVERDUE]
        if overdue:
            title = self.tr("时限已超")
        elif any(s == dl.DUE_SOON for _r, s in batch):
            title = self.tr("时限即将到期")
        else:
            title = self.tr("有事项须立即办理")
        lines = []
        for row, state in batch[:5]:
            if state == dl.OVERDUE:
                what = self.tr("已超时")
            elif state == dl.IMMEDIATE:
                what = self.tr("立即办理")
            else:
                what = self.tr("即将到期")
            lines.append(self.tr("%1 第%2条 %3：%4（%5）").replace("%1", row.number).replace("%2", row.article)
                         .replace("%3", rule_text(row.label)).replace("%4", what)
                         .replace("%5", format_cst(row.due_at)))
        if len(batch) > 5:
            lines.append(self.tr("另有 %1 项").replace("%1", str(len(batch) - 5)))
        text = "\n".join(lines)
        self.history.append((title, text))
        log.info("%s: %s", title, text.replace("\n", " | "))
        if self.tray is not None:
            icon = QSystemTrayIcon.MessageIcon.Warning if overdue else QSystemTrayIcon.MessageIcon.Information
            self.tray.showMessage(title, text, icon, 15000)
        if self.settings.sound:
            QApplication.beep()
