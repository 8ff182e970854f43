"""A lean painter for the countdown table. It repaints every second, so each cell makes one model call
(PAINT_ROLE: text, colours, weight, alignment) and draws plain text, instead of the generic delegate's
dozen role queries and style pass per cell."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui.dashboard.model import PAINT_ROLE

_SELECTED = QStyle.StateFlag.State_Selected
_ELIDE = Qt.TextElideMode.ElideRight


class FastCellDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._fonts: tuple[QFont, QFont] | None = None

    def reset_fonts(self) -> None:
        """Call after changing the view's font (the duty wall)."""
        self._fonts = None

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        cell = index.data(PAINT_ROLE)
        if cell is None:
            super().paint(painter, option, index)
            return
        text, background, foreground, bold, align, elide = cell
        if self._fonts is None:  # one regular and one bold font: fresh QFonts per cell defeat the glyph cache
            regular = QFont(option.font)
            heavy = QFont(regular)
            heavy.setBold(True)
            self._fonts = (regular, heavy)
        rect = option.rect
        if option.state & _SELECTED:
            palette = option.palette
            painter.fillRect(rect, palette.highlight())
            painter.setPen(palette.highlightedText().color())
        else:
            painter.fillRect(rect, background)
            painter.setPen(foreground)
        painter.setFont(self._fonts[1] if bold else self._fonts[0])
        rect.adjust(6, 0, -6, 0)
        if elide:
            text = painter.fontMetrics().elidedText(text, _ELIDE, rect.width())
        painter.drawText(rect, align, text)
