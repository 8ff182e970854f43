"""The window's one search box (Ctrl+K, Ctrl+F): finds an incident by number, title, unit, person or journalist
from any page. The search runs in the database worker; the answers drop down under the box, in a list laid over
the window (a child widget, not a popup window: the keyboard stays in the box, as it should for an input method).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop.domain import SEVERITIES, STATUSES
from desktop.services import incidents
from desktop.timeutil import format_cst
from ui.common.strings import translated
from ui.data.workbench import Workbench

ID_ROLE = Qt.ItemDataRole.UserRole + 1
LIMIT = 20
_NAVIGATION = frozenset({Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown})


class SearchBox(QLineEdit):
    """Type to search; Up/Down to choose, Enter or a click to open the incident, Esc to close the list.

    `overlay` is the widget the list of answers is laid over (the main window)."""

    openIncident = Signal(int)

    def __init__(self, workbench: Workbench, overlay: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.overlay = overlay
        self.setObjectName("globalSearch")
        self.setPlaceholderText(self.tr("查找事件：编号、标题、单位、人员、记者 (Ctrl+K)"))
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(320)
        self._asked = ""  # the text of the newest search sent; older answers are dropped
        self.popup = QListWidget(overlay)
        self.popup.setObjectName("searchResults")
        self.popup.setFrameShape(QFrame.Shape.Box)
        self.popup.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.popup.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.popup.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.popup.hide()
        self.popup.itemClicked.connect(self._choose)
        self.popup.itemActivated.connect(self._choose)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(250)
        self._typing.timeout.connect(self.run)
        self.textChanged.connect(self._edited)
        self.returnPressed.connect(self._return)

    # --- searching ---------------------------------------------------------------------------------------------

    def _edited(self, text: str) -> None:
        if text.strip():
            self._typing.start()
        else:
            self._typing.stop()
            self._asked = ""
            self.popup.hide()

    def run(self) -> None:
        """Search now for the box's text (typing waits a quarter of a second for the next key)."""
        self._typing.stop()
        text = self.text().strip()
        if not text:
            return
        self._asked = text
        actor = self.workbench.actor

        def job(session: Session) -> tuple[str, incidents.SearchResult]:
            return text, incidents.search_incidents(session, actor, text, LIMIT)

        self.workbench.read(job, self._show)

    def _show(self, answer: tuple[str, incidents.SearchResult]) -> None:
        text, result = answer
        if text != self._asked or text != self.text().strip():
            return
        self.popup.clear()
        for hit in result.hits:
            item = QListWidgetItem(self._describe(hit))
            item.setData(ID_ROLE, hit.id)
            item.setToolTip(f"{hit.number} {hit.title}")
            self.popup.addItem(item)
        if not result.hits:
            self._note(self.tr("没有找到与“%1”有关的事件").replace("%1", text))
        elif result.more:
            self._note(self.tr("只列出前 %1 件，请输入更多文字缩小范围").replace("%1", str(LIMIT)))
        self.popup.setCurrentRow(0 if result.hits else -1)
        self._place()

    def _note(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.popup.addItem(item)

    def _describe(self, hit: incidents.SearchHit) -> str:
        where = {
            "unit": self.tr("单位"), "spokesperson": self.tr("新闻发言人"), "journalist": self.tr("记者"),
            "outlet": self.tr("媒体"), "leadership": self.tr("处置领导小组"), "appeasement": self.tr("客户安抚"),
            "reporter": self.tr("登记人"), "recorder": self.tr("记录人"),
        }.get(hit.field)
        facts = [hit.unit_name, translated("domain", SEVERITIES.get(hit.severity, hit.severity)),
                 translated("domain", STATUSES.get(hit.status, hit.status)), format_cst(hit.occurred_at)]
        if where and hit.value not in (hit.unit_name,):
            facts.insert(0, f"{where}：{hit.value}")
        return f"{hit.number}  {hit.title}\n    " + " · ".join(facts)

    def _place(self) -> None:
        rows = self.popup.count()
        height = sum(self.popup.sizeHintForRow(i) for i in range(min(rows, 8))) + 2 * self.popup.frameWidth() + 2
        width = max(self.width(), 480)
        below = self.mapTo(self.overlay, QPoint(self.width(), self.height()))
        self.popup.setGeometry(max(0, below.x() - width), below.y(), width, height)
        self.popup.raise_()
        self.popup.show()

    # --- choosing ----------------------------------------------------------------------------------------------

    def _choose(self, item: QListWidgetItem | None) -> None:
        incident_id = item.data(ID_ROLE) if item is not None else None
        if incident_id is None or not self.popup.isVisible():  # a note, or the second signal of one click
            return
        self.popup.hide()
        self.clear()
        self.openIncident.emit(int(incident_id))

    def _return(self) -> None:
        if self.popup.isVisible() and self.popup.currentItem() is not None:
            self._choose(self.popup.currentItem())
        elif self.text().strip():
            self.run()

    def focus_search(self) -> None:
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _NAVIGATION and self.popup.count():
            if not self.popup.isVisible():
                self._place()
            QApplication.sendEvent(self.popup, event)
            return
        if event.key() == Qt.Key.Key_Escape and self.popup.isVisible():
            self.popup.hide()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        # Clicking an answer leaves the focus here (the list takes none); going anywhere else closes the list.
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.popup.hide()
