"""Small shared widgets and helpers: CST date-time edits, error marking, file dialogs in the chosen language, an
indented unit picker, a wrapping button."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QRect, QSize, Qt, QTime, QTimeZone
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

from desktop.domain import UnitInfo
from desktop.timeutil import CST, now_utc, to_cst
from desktop.validation import EARLIEST, LATEST, limit


def cst_edit(parent: QWidget | None = None, moment: datetime | None = None) -> QDateTimeEdit:
    """Edits China Standard Time wall-clock values whatever the machine's zone (kept as UTC: no DST gaps)."""
    edit = QDateTimeEdit(parent)
    edit.setTimeZone(QTimeZone.utc())
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setCalendarPopup(True)
    edit.setToolTip(QCoreApplication.translate("widgets", "北京时间（UTC+8）"))
    # The core's supported range (desktop.validation): a mistyped year cannot be entered at all, rather than be
    # refused on saving or found by a later report.
    edit.setMinimumDateTime(_wall(EARLIEST))
    edit.setMaximumDateTime(_wall(LATEST - timedelta(minutes=1)))
    set_cst(edit, moment or now_utc())
    return edit


def _wall(moment: datetime) -> QDateTime:
    c = to_cst(moment)
    return QDateTime(QDate(c.year, c.month, c.day), QTime(c.hour, c.minute, c.second), QTimeZone.utc())


def limit_length(edit: QLineEdit, field: str) -> QLineEdit:
    """The core's limit for `field` (desktop.validation.LIMITS): the form stops typing where the core would
    refuse."""
    edit.setMaxLength(limit(field))
    return edit


def set_cst(edit: QDateTimeEdit, moment: datetime) -> None:
    c = to_cst(moment)
    edit.setDateTime(QDateTime(QDate(c.year, c.month, c.day), QTime(c.hour, c.minute, c.second), QTimeZone.utc()))


def get_cst(edit: QDateTimeEdit) -> datetime:
    q = edit.dateTime()
    d, t = q.date(), q.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second(), tzinfo=CST)


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    widget.setProperty("invalid", "true" if invalid else "false")
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def banner(object_name: str = "banner") -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.hide()
    return label


# Every file dialog of the window: Qt's own, whose words follow the chosen language (the installed translators);
# the system's native dialog speaks the system's language whatever the user chose.
FILE_DIALOG_OPTIONS = QFileDialog.Option.DontUseNativeDialog


def open_file_name(parent: QWidget | None, caption: str, directory: str = "", filters: str = "") -> str:
    """The file chosen to open, or "" when cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, caption, directory, filters, options=FILE_DIALOG_OPTIONS)
    return path


def save_file_name(parent: QWidget | None, caption: str, directory: str = "", filters: str = "") -> str:
    """The file chosen to save to, or "" when cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, caption, directory, filters, options=FILE_DIALOG_OPTIONS)
    return path


def tree_order(units: Sequence[UnitInfo]) -> list[tuple[UnitInfo, int]]:
    """Units in tree order (children under their parent) with their depth."""
    children: dict[int | None, list[UnitInfo]] = {}
    ids = {u.id for u in units}
    for u in units:
        children.setdefault(u.parent_id if u.parent_id in ids else None, []).append(u)
    out: list[tuple[UnitInfo, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for u in children.get(parent, []):
            out.append((u, depth))
            walk(u.id, depth + 1)

    walk(None, 0)
    return out


def fill_unit_combo(combo: QComboBox, units: Sequence[UnitInfo], kinds: set[str] | None = None,
                    empty: str | None = None) -> None:
    """The organisation tree as an indented list: readable, and type-to-find works from the keyboard."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if empty is not None:
        combo.addItem(empty, None)
    for unit, depth in tree_order(units):
        if kinds is not None and unit.kind not in kinds:
            continue
        combo.addItem("\u3000" * depth + unit.name, unit.id)
    if current is not None:
        at = combo.findData(current)
        if at >= 0:
            combo.setCurrentIndex(at)
    combo.blockSignals(False)


def select_data(combo: QComboBox, value: object) -> None:
    at = combo.findData(value)
    if at >= 0:
        combo.setCurrentIndex(at)


class WrapButton(QPushButton):
    """A push button whose text wraps onto further lines when it is wider than the button (the incident page's
    next-step buttons sit in a fixed-width column, and English is longer than Chinese). text() stays whole."""

    _FLAGS = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap)

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed, QSizePolicy.ControlType.PushButton)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _option(self) -> QStyleOptionButton:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""
        return option

    def _chrome(self) -> QSize:
        """Border and padding around the text, as the style (and the style sheet) draws them."""
        option = self._option()
        option.rect = QRect(0, 0, 1000, 1000)
        contents = self.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, self)
        return QSize(1000 - contents.width(), 1000 - contents.height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        chrome = self._chrome()
        text = self.fontMetrics().boundingRect(QRect(0, 0, max(1, width - chrome.width()), 100000), self._FLAGS,
                                               self.text())
        return max(super().sizeHint().height(), text.height() + chrome.height())

    def sizeHint(self) -> QSize:
        width = min(super().sizeHint().width(), 360)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(min(super().minimumSizeHint().width(), 120), super().sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        option = self._option()
        style = self.style()
        style.drawControl(QStyle.ControlElement.CE_PushButton, option, painter, self)
        contents = style.subElementRect(QStyle.SubElement.SE_PushButtonContents, option, self)
        style.drawItemText(painter, contents, self._FLAGS, self.palette(), self.isEnabled(), self.text(),
                           QPalette.ColorRole.ButtonText)
        painter.end()
