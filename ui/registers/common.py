"""Small helpers the register declarations share: vocabulary labels in the chosen language, numbers, times, and
the incidents an entry may be linked to."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from desktop.timeutil import format_cst
from ui.data.workbench import Workbench


def label(vocabulary: Mapping[str, str], key: str | None) -> str:
    """The Chinese label of `key`, translated in the "domain" context like every other vocabulary."""
    if not key:
        return ""
    return QCoreApplication.translate("domain", vocabulary.get(key, key))


def number(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def when(moment: datetime | date | None) -> str:
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        return format_cst(moment)
    return moment.isoformat()


def money(cents: int | None) -> str:
    return "" if cents is None else f"{cents / 100:,.2f}"


def incident_choices(workbench: Workbench) -> dict[str, str]:
    """The open incidents this user sees, newest first: id -> "number title"."""
    records = sorted(workbench.snapshot.records, key=lambda r: r.occurred_at, reverse=True)
    return {str(r.id): f"{r.number}　{r.title}" for r in records if r.status != "closed"}
