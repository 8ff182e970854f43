"""The tables of the 数据交换 page: the peers (with what waits to be sent to each) and the conflicts."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from desktop.exchange import crypto
from desktop.exchange.service import ConflictInfo, PeerInfo
from desktop.timeutil import format_cst
from ui.common.package_preview import describe_counts
from ui.common.table_model import CachedTableModel


def _t(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


@dataclass(frozen=True)
class PeerRow:
    peer: PeerInfo
    pending: dict[str, int] = field(default_factory=dict)


def show_value(value: Any) -> str:
    """A conflicting value as a person reads it: times in Beijing time, nothing shown as （空）."""
    if value is None or value == "":
        return _t("ConflictTableModel", "（空）")
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        return format_cst(moment) if moment.tzinfo is not None else value
    return json.dumps(value, ensure_ascii=False)


class PeerTableModel(CachedTableModel):
    CONTEXT = "PeerTableModel"
    HEADERS = ("单位代码", "名称", "关系", "指纹（可电话核对）", "最近发出", "最近收到", "待发送")
    FINGERPRINT = 3

    def cell(self, row: PeerRow, column: int) -> str:
        p = row.peer
        role = {"upstream": _t(self.CONTEXT, "上级"), "site": _t(self.CONTEXT, "站点")}.get(p.role, p.role)
        fingerprint = (crypto.display_fingerprint(p.fingerprint) if p.fingerprint
                       else _t(self.CONTEXT, "尚未收到其第一个包"))
        if not p.enrolled:
            waiting = _t(self.CONTEXT, "站点尚未发回第一个包")
        else:
            waiting = describe_counts(row.pending) if row.pending else _t(self.CONTEXT, "无")
        return (p.unit_code, p.unit_name, role, fingerprint,
                format_cst(p.last_sent) if p.last_sent else "—",
                format_cst(p.last_received) if p.last_received else "—", waiting)[column]

    def colour(self, row: PeerRow, column: int) -> QColor | None:
        return QColor("#777777") if not row.peer.enrolled else None


class ConflictTableModel(CachedTableModel):
    CONTEXT = "ConflictTableModel"
    HEADERS = ("事件编号", "事项", "本机的值", "对方的值", "对方", "发现时间", "处理")

    def cell(self, c: ConflictInfo, column: int) -> str:
        if c.resolved_at is None:
            state = _t(self.CONTEXT, "待处理")
        else:
            state = {"local": _t(self.CONTEXT, "已采用本机的值"),
                     "remote": _t(self.CONTEXT, "已采用对方的值"),
                     "corrected": _t(self.CONTEXT, "已更正为：%1").replace("%1", show_value(c.chosen_value)),
                     }.get(c.chosen, c.chosen)
        return (c.incident_number, c.field_label, show_value(c.local_value), show_value(c.remote_value),
                c.peer_unit_name, format_cst(c.detected_at), state)[column]

    def colour(self, c: ConflictInfo, column: int) -> QColor | None:
        return QColor("#b71c1c") if c.resolved_at is None and column == 6 else None
