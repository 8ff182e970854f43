"""Filters of the countdown table: by unit, by responsible party, "mine", by state, severity and the incident's
date. Order stays the model's (soonest first)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from desktop.services import deadline_board as dl
from ui.dashboard.model import STATE_ROLE, DeadlineTableModel


class DeadlineFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.setDynamicSortFilter(False)
        self.unit_id: int | None = None
        self.responsible: str | None = None
        self.scope: dl.MyScope | None = None
        self.only_mine = False
        self.states: frozenset[str] | None = None
        self.severity: str | None = None
        self.occurred: tuple[datetime | None, datetime | None] = (None, None)  # [start, end)
        # Whether any filter is set: Qt asks filterAcceptsRow for every row at each load (tens of thousands at a
        # large branch), and with none set the answer must cost no more than the call.
        self._filtering = False
        self._model: DeadlineTableModel | None = None

    def setSourceModel(self, model: object) -> None:
        self._model = model if isinstance(model, DeadlineTableModel) else None
        super().setSourceModel(model)  # type: ignore[arg-type]

    def _change(self, apply: object) -> None:
        def applied() -> None:
            apply()  # type: ignore[operator]
            self._filtering = bool(self.unit_id is not None or self.responsible or self.severity
                                   or self.occurred != (None, None) or self.states is not None
                                   or (self.only_mine and self.scope is not None))

        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            applied()
            self.endFilterChange()
        else:  # Qt before 6.9
            applied()
            self.invalidateFilter()

    def set_filters(self, unit_id: int | None, responsible: str | None, only_mine: bool,
                    scope: dl.MyScope | None) -> None:
        def apply() -> None:
            self.unit_id, self.responsible, self.only_mine, self.scope = unit_id, responsible, only_mine, scope

        self._change(apply)

    def set_all(self, unit_id: int | None, responsible: str | None, only_mine: bool, scope: dl.MyScope | None,
                states: frozenset[str] | None, severity: str | None, start: datetime | None,
                end: datetime | None) -> None:
        """`set_filters` and `set_facets` in one pass over the rows (each is a Python call per row: tens of
        thousands at a large branch)."""
        def apply() -> None:
            self.unit_id, self.responsible, self.only_mine, self.scope = unit_id, responsible, only_mine, scope
            self.states, self.severity, self.occurred = states, severity, (start, end)

        self._change(apply)

    def set_facets(self, states: frozenset[str] | None, severity: str | None, start: datetime | None,
                   end: datetime | None) -> None:
        """The colour states to keep (None: all), the severity, the incidents' occurrence between start and end."""
        def apply() -> None:
            self.states, self.severity, self.occurred = states, severity, (start, end)

        self._change(apply)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self._model
        if not self._filtering or model is None:
            return True
        row = model.row_at(source_row)
        if self.unit_id is not None and row.unit_id != self.unit_id:
            return False
        if self.responsible and self.responsible not in row.parties:
            return False
        if self.severity and row.severity != self.severity:
            return False
        start, end = self.occurred
        if row.occurred_at is not None and ((start and row.occurred_at < start) or (end and row.occurred_at >= end)):
            return False
        if self.states is not None and model.data(model.index(source_row, 0), STATE_ROLE) not in self.states:
            return False
        return not (self.only_mine and self.scope is not None and not self.scope.owns(row))

    def source_range(self, first: int, last: int) -> tuple[int, int] | None:
        """The source rows behind proxy rows first..last (the source order is the proxy order)."""
        if self.rowCount() == 0 or first < 0:
            return None
        last = min(last, self.rowCount() - 1)
        a = self.mapToSource(self.index(first, 0)).row()
        b = self.mapToSource(self.index(last, 0)).row()
        return (a, b)
