"""What the documents tab asks of the core, in the worker: the incident's documents with what this user may do,
creating, editing and submitting; and which next step a kind of document offers this user (`next_step`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from desktop.domain import DocumentState, Stage
from desktop.services import approvals, doc_steps, documents, incidents, org
from desktop.services.approvals import QueueItem
from desktop.services.doc_steps import KINDS
from desktop.services.documents import DocumentVersionView
from ui.data.workbench import Workbench

OnError = Callable[[BaseException], None]


@dataclass(frozen=True)
class DocumentsState:
    incident_id: int
    documents: list[DocumentVersionView] = field(default_factory=list)
    may_draft: dict[str, str | None] = field(default_factory=dict)  # kind -> None if allowed, else why not
    queue: dict[int, QueueItem] = field(default_factory=dict)  # version id -> what waits for me on it
    branch_reason: str | None = "…"  # 3.2.3: None if this user may deal with the head office and the regulator
    paper: frozenset[int] = frozenset()  # 3.3.3: versions this user may record a wet-ink signature on now

    def of_kind(self, kind: str) -> list[DocumentVersionView]:
        return [d for d in self.documents if d.kind == kind]


def load(workbench: Workbench, incident_id: int, on_result: Callable[[DocumentsState], None],
         on_error: OnError | None = None) -> None:
    actor = workbench.actor

    def job(session: Any) -> DocumentsState:
        docs = documents.list_documents(session, actor, incident_id)
        me = doc_steps.current_actor(session, actor)
        record = incidents.get_incident(session, actor, incident_id)
        unit = org.unit_info(session, record.unit_id)
        may = {kind: doc_steps.may_draft(session, me, kind, unit) for kind in KINDS}
        queue = {q.version_id: q for q in approvals.pending_for(session, actor, incident_id=incident_id)}
        branch = doc_steps.may_act_for_branch(session, me, "办理")
        paper = frozenset(d.version_id for d in docs if d.kind == "written_report"
                          and d.state == DocumentState.SUBMITTED
                          and approvals.paper_signature_refusal(session, actor, d.version_id) is None)
        return DocumentsState(incident_id, docs, may, queue, branch, paper)

    workbench.read(job, on_result, on_error)


def versions(workbench: Workbench, document_id: int, on_result: Callable[[list[DocumentVersionView]], None],
             on_error: OnError | None = None) -> None:
    actor = workbench.actor
    workbench.read(lambda s: documents.versions(s, actor, document_id), on_result, on_error)


def create(workbench: Workbench, incident_id: int, kind: str, stage: Stage | str,
           on_result: Callable[[DocumentVersionView], None], on_error: OnError) -> None:
    actor = workbench.actor
    workbench.write(lambda s: documents.create_document(s, actor, incident_id, kind, stage), on_result, on_error)


def save(workbench: Workbench, document_id: int, sha256: str, fields: dict[str, str],
         on_result: Callable[[DocumentVersionView], None], on_error: OnError) -> None:
    """A draft changes in place; a frozen version stays as it was and the core makes version N+1."""
    actor = workbench.actor
    workbench.write(lambda s: documents.edit_document(s, actor, document_id, sha256, fields), on_result, on_error)


def submit(workbench: Workbench, version_id: int, sha256: str,
           on_result: Callable[[DocumentVersionView], None], on_error: OnError) -> None:
    actor = workbench.actor
    workbench.write(lambda s: documents.submit(s, actor, version_id, sha256), on_result, on_error)


@dataclass(frozen=True)
class NextStep:
    """What bringing a kind of document forward means for this user now."""

    what: str  # decide / edit / paper (record a wet-ink signature) / create / wait / refused
    version: DocumentVersionView | None = None
    item: QueueItem | None = None
    stage: Stage | None = None  # of the written report to create
    reason: str = ""


def next_step(state: DocumentsState, kind: str) -> NextStep:
    """The one document of this kind still on its way (not yet sent), or a new one: decided by the core."""
    answer = doc_steps.next_document(kind, state.of_kind(kind), queued=state.queue, paper=state.paper,
                                     draft_refusal=state.may_draft.get(kind))
    item = state.queue.get(answer.version.version_id) if answer.what == "decide" and answer.version else None
    return NextStep(answer.what, answer.version, item, answer.stage, answer.reason)
