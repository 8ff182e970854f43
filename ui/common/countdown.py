"""The one status function's words in the window's language: a duty's state and countdown as the dashboard,
the duty wall, the approval queue and the incident page show them (`deadline_board.reading`)."""

from __future__ import annotations

from datetime import datetime

from desktop.services import deadline_board as dl
from desktop.timeutil import format_cst
from ui.common.strings import translated

# The dashboard's translation context, where these texts were first translated (ui/common/strings.py lists them).
CONTEXT = "DeadlineTableModel"


def state_label(state: str) -> str:
    """时间充裕 / 即将到期 / 已超时 / 立即办理 / 可选时段 / 可选时段已过."""
    return translated(CONTEXT, dl.STATE_LABELS.get(state, state))


def countdown(reading: dl.Reading) -> str:
    """`2:25:10`, `超 1:54:30`, `立即（已过 0:12:03）`, `可 · 剩 0:40:00`. Cheap: called every second per cell."""
    return translated(CONTEXT, reading.template).replace("%1", reading.clock)


def widest_countdowns(hours_digits: int = 2) -> list[str]:
    """Every countdown form with its widest clock so far (`99:59:59`): what a column must hold as it runs."""
    clock = "9" * max(1, hours_digits) + ":59:59"
    return [translated(CONTEXT, template).replace("%1", clock) for template in set(dl.TEMPLATES.values())]


def due_label(state: str, due_at: datetime) -> str:
    """The due time, or 立即 for an immediate duty (it has no limit, only the moment it became due)."""
    return translated(CONTEXT, "立即") if state == dl.IMMEDIATE else format_cst(due_at)
