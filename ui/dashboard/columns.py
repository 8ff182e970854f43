"""Column widths of the countdown table for the font it is drawn in, on the dashboard and on the duty wall.

The state, the whole countdown, the due time and the article are never cut: their columns are measured to hold
every text they can show (every state, every countdown form with the widest clock it can reach before the next
reload). Only the duty, the incident title and the parties give way (elided, whole in the tooltip).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QTableView

from desktop.services import deadline_board as dl
from desktop.timeutil import format_cst
from ui.common.countdown import state_label, widest_countdowns
from ui.common.strings import rule_text, translated
from ui.dashboard.model import (
    COL_ARTICLE,
    COL_COUNTDOWN,
    COL_DUE,
    COL_DUTY,
    COL_RESPONSIBLE,
    COL_STATE,
    COL_UNIT,
    PROTECTED,
)

CELL_PAD = 12 + 6  # the lean delegate's 6 px a side, the grid line and a little air
HEADER_PAD = 24  # the header section's padding (style sheet: 4 px) and frame, with air
SAMPLE_ROWS = 500  # the flexible columns' content is judged on the first rows (soonest first)
GROWTH = 86400.0  # a countdown keeps growing between reloads: room for a day's worth of hours digits


def bold(font: QFont) -> QFont:
    heavy = QFont(font)
    heavy.setBold(True)
    return heavy


def needed_widths(font: QFont, header_font: QFont, header: Sequence[str], rows: Sequence[dl.DeadlineRow],
                  now_ts: float) -> dict[int, int]:
    """The width each protected column needs in `font` (state and countdown are painted bold), header included."""
    regular, heavy = QFontMetrics(font), QFontMetrics(bold(font))
    head = QFontMetrics(bold(header_font))  # the style sheet draws header sections bold
    far = max((abs(r.due_ts - now_ts) for r in rows), default=0.0) + GROWTH
    digits = max(2, len(str(int(far // 3600))))
    dues = {format_cst(r.due_at) for r in rows[:SAMPLE_ROWS]} | {"2026-12-28 23:58",
                                                                  translated("DeadlineTableModel", "立即")}
    texts = {
        COL_STATE: (heavy, [state_label(s) for s in dl.STATE_LABELS]),
        COL_COUNTDOWN: (heavy, widest_countdowns(digits)),
        COL_DUE: (regular, sorted(dues)),
        COL_ARTICLE: (regular, sorted({r.article for r in rows}) or ["4.2.2.1(1)"]),
    }
    widths = {}
    for col, (fm, items) in texts.items():
        cells = max(fm.horizontalAdvance(t) for t in items) + CELL_PAD
        widths[col] = max(cells, head.horizontalAdvance(header[col]) + HEADER_PAD)
    return widths


def content_width(font: QFont, texts: Sequence[str]) -> int:
    fm = QFontMetrics(font)
    return max((fm.horizontalAdvance(t) for t in texts[:SAMPLE_ROWS]), default=0) + CELL_PAD


def headers(view: QTableView) -> list[str]:
    model = view.model()
    return [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount())]


def fit(view: QTableView, rows: Sequence[dl.DeadlineRow], now_ts: float, available: int,
        flexible: bool = True) -> dict[int, int]:
    """Protected columns to their measured widths; with `flexible`, the duty and parties columns share what is
    left with the incident title (which stretches). Returns the protected widths."""
    font = view.font()
    header_names = headers(view)
    widths = needed_widths(font, view.horizontalHeader().font(), header_names, rows, now_ts)
    for col, width in widths.items():
        view.setColumnWidth(col, width)
    if flexible:
        rest = max(0, available - sum(widths.values()))
        head = QFontMetrics(bold(view.horizontalHeader().font()))
        # The incident title is the one text that may be shortened most (its number says which incident it is);
        # on the wall, without the parties' columns, the duty takes up to about half of the rest.
        wall = view.isColumnHidden(COL_UNIT) and view.isColumnHidden(COL_RESPONSIBLE)
        shares = {COL_DUTY: (0.55 if wall else 0.3, [rule_text(r.label) for r in rows[:SAMPLE_ROWS]]),
                  COL_UNIT: (0.12, [r.unit_name for r in rows[:SAMPLE_ROWS]]),
                  COL_RESPONSIBLE: (0.15, [rule_text(r.responsible) for r in rows[:SAMPLE_ROWS]])}
        for col, (share, texts) in shares.items():
            if view.isColumnHidden(col):
                continue
            floor = head.horizontalAdvance(header_names[col]) + HEADER_PAD
            view.setColumnWidth(col, max(floor, min(content_width(font, texts), int(rest * share))))
    return widths


def protected_total(font: QFont, header_font: QFont, header: Sequence[str], rows: Sequence[dl.DeadlineRow],
                    now_ts: float) -> int:
    return sum(needed_widths(font, header_font, header, rows, now_ts).values())


__all__ = ["PROTECTED", "fit", "needed_widths", "protected_total"]
