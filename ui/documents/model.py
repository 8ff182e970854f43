"""Table models of an incident's documents: the current version of each, and one document's versions.

Rows are cached `documents.DocumentVersionView`s; data() never touches the database.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from desktop.domain import DocumentState
from desktop.services.documents import DocumentVersionView
from desktop.timeutil import format_cst
from ui.approvals.model import _Rows

STATE_COLOURS = {DocumentState.RETURNED: "#b71c1c", DocumentState.SUBMITTED: "#0d3c8c",
                 DocumentState.APPROVED: "#0d3c8c", DocumentState.SIGNED: "#1b5e20", DocumentState.SENT: "#1b5e20",
                 DocumentState.SUPERSEDED: "#8a8a8a"}


def _t(text: str) -> str:
    return QCoreApplication.translate("DocumentListModel", text)


def _when(v: DocumentVersionView) -> str:
    moment = v.signed_at or v.submitted_at or v.created_at
    return format_cst(moment) if moment else "—"


class DocumentListModel(_Rows):
    KIND, STAGE, VERSION, STATE, SIGNER, DRAFTER, UPDATED = range(7)
    HEADERS = ("文件", "阶段", "版本", "状态", "签发人", "起草人", "最近办理")

    def headerData(self, section: int, orientation: Any, role: int = 0) -> Any:
        value = super().headerData(section, orientation, role)
        return _t(self.HEADERS[section]) if value is not None else None

    def cell(self, v: DocumentVersionView, column: int) -> str:
        values = (v.kind_label, v.stage_label or "—", _t("第%1版").replace("%1", str(v.number)), v.state_label,
                  v.signer_name or "—", v.created_by_name, _when(v))
        return values[column]

    def colour(self, v: DocumentVersionView, column: int) -> QColor | None:
        if column == self.STATE and v.state in STATE_COLOURS:
            return QColor(STATE_COLOURS[v.state])
        return None

    def find(self, version_id: int) -> int:
        return next((i for i, v in enumerate(self._rows) if v.version_id == version_id), -1)


class VersionListModel(_Rows):
    """Every version of one document, oldest first: a frozen version stays as it was signed or returned."""

    NUMBER, STATE, DRAFTER, CREATED, SUBMITTED, SIGNER, CODE = range(7)
    HEADERS = ("版本", "状态", "起草人", "起草时间", "提交时间", "签发", "校验码")

    def headerData(self, section: int, orientation: Any, role: int = 0) -> Any:
        value = super().headerData(section, orientation, role)
        return _t(self.HEADERS[section]) if value is not None else None

    def cell(self, v: DocumentVersionView, column: int) -> str:
        signed = f"{v.signer_name} {format_cst(v.signed_at)}" if v.signed_at else "—"
        values = (_t("第%1版").replace("%1", str(v.number)), v.state_label, v.created_by_name,
                  format_cst(v.created_at), format_cst(v.submitted_at) if v.submitted_at else "—", signed,
                  v.verification_code if v.state != DocumentState.DRAFT else "—")
        return values[column]

    def colour(self, v: DocumentVersionView, column: int) -> QColor | None:
        if column == self.STATE and v.state in STATE_COLOURS:
            return QColor(STATE_COLOURS[v.state])
        return None
