"""What the approval views ask of the core, run in the worker: the queue, one version, the decisions.

Views lay out; this decides which decisions an item offers and turns the core's refusals into plain Chinese.
Every write goes through `workbench.write`, which reloads afterwards, so the queue, dashboard and timeline move.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.errors import ConflictError, ErrorCode, NotFound, PermissionDenied, RepDeskError, ValidationError
from desktop.services import approvals, documents
from desktop.services.approvals import QueueItem, ReturnedItem
from desktop.services.documents import DocumentVersionView
from ui.data.workbench import Workbench

# The decisions each kind of queue item offers: whoever approves or signs may also send it back.
OFFERED: dict[str, tuple[str, ...]] = {
    "approve": ("approve", "return"),
    "sign": ("sign", "return"),
    "send": ("send",),
}
DECISION_LABELS: dict[str, str] = {"approve": "同意", "return": "退回起草人", "sign": "签发", "send": "确认已报送"}


def _t(text: str) -> str:
    return QCoreApplication.translate("Approvals", text)


def error_text(exc: BaseException) -> str:
    """The core's message with what kind of refusal it is; nothing was changed in any case."""
    message = exc.message if isinstance(exc, RepDeskError) else str(exc)
    if isinstance(exc, PermissionDenied):
        prefix = _t("无权办理")
    elif isinstance(exc, ConflictError):
        prefix = _t("文件已变化")
    elif isinstance(exc, ValidationError):
        prefix = _t("未能办理")
    elif isinstance(exc, NotFound):
        prefix = _t("找不到")
    else:
        prefix = _t("出现错误")
    return _t("%1：%2（未作任何更改）").replace("%1", prefix).replace("%2", message)


def needs_late_reason(exc: BaseException) -> bool:
    return isinstance(exc, RepDeskError) and exc.code == ErrorCode.LATE_REASON_REQUIRED


@dataclass(frozen=True)
class QueueState:
    items: list[QueueItem] = field(default_factory=list)
    returned: list[ReturnedItem] = field(default_factory=list)


def load_queue(workbench: Workbench, on_result: Callable[[QueueState], None],
               on_error: Callable[[BaseException], None] | None = None) -> None:
    actor = workbench.actor

    def job(session: Any) -> QueueState:
        return QueueState(approvals.pending_for(session, actor), approvals.returned_to(session, actor))

    workbench.read(job, on_result, on_error)


def load_version(workbench: Workbench, version_id: int, on_result: Callable[[DocumentVersionView], None],
                 on_error: Callable[[BaseException], None] | None = None) -> None:
    actor = workbench.actor
    workbench.read(lambda s: documents.get_version(s, actor, version_id), on_result, on_error)


def load_version_and_latest(workbench: Workbench, version_id: int,
                            on_result: Callable[[tuple[DocumentVersionView, int]], None],
                            on_error: Callable[[BaseException], None] | None = None) -> None:
    """The version and the number of its document's newest version, so a notice can name the one that replaced
    it."""
    actor = workbench.actor

    def job(session: Any) -> tuple[DocumentVersionView, int]:
        view = documents.get_version(session, actor, version_id)  # checks the actor may read it
        if view.is_current:
            return view, view.number
        return view, documents.latest_version(documents.load_version(session, version_id).document).number

    workbench.read(job, on_result, on_error)


def decide(workbench: Workbench, decision: str, version_id: int, sha256: str, *, comment: str = "",
           late_reason: str = "", at: datetime | None = None,
           on_result: Callable[[DocumentVersionView], None] | None = None,
           on_error: Callable[[BaseException], None] | None = None) -> None:
    """One decision on the version the user was shown (its id and SHA-256): stale versions are refused."""
    actor = workbench.actor
    jobs: dict[str, Callable[[Any], DocumentVersionView]] = {
        "approve": lambda s: approvals.approve(s, actor, version_id, sha256, comment, late_reason),
        "return": lambda s: approvals.return_(s, actor, version_id, sha256, comment),
        "sign": lambda s: approvals.sign(s, actor, version_id, sha256, comment),
        "send": lambda s: approvals.send(s, actor, version_id, sha256, at=at, note=comment,
                                         late_reason=late_reason),
    }
    workbench.write(jobs[decision], on_result, on_error)


def done_text(decision: str, view: DocumentVersionView) -> str:
    what = _t("%1第%2版").replace("%1", view.kind_label).replace("%2", str(view.number))
    verbs = {"approve": _t("已同意"), "return": _t("已退回起草人"), "sign": _t("已签发"), "send": _t("已报送")}
    return f"{what}{verbs[decision]}（{view.state_label}）"
