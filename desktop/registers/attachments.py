"""Attachments (附件): post screenshots, scanned letters, call recordings and videos kept with an incident, a
monitoring entry, a complaint, a drill or a screening.

The bytes are stored in the database, so they travel with backups and exchange packages; their SHA-256 is written
into the audit entry that added them, so `repdesk audit verify` finds a file changed around the program. A file is
never deleted: it is withdrawn with a reason and stays readable for the record."""

from __future__ import annotations

import hashlib
import json
import mimetypes
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import AuditEntry, Incident, Setting
from desktop.db.prevention_tables import Drill, Screening
from desktop.db.register_tables import Attachment, Complaint, MonitoringEntry
from desktop.domain import Actor
from desktop.errors import ConflictError, ErrorCode, NotFound, PermissionDenied, ValidationError
from desktop.registers import base
from desktop.services import permissions
from desktop.timeutil import now_utc
from desktop.validation import count, ident

DEFAULT_LIMIT = 50 * 1024 * 1024  # 50 MB: a few minutes of phone video, any screenshot or scanned letter
LIMIT_KEY = "attachment_max_bytes"
MAX_LIMIT = 1024 * 1024 * 1024  # a database row is no place for more than this
# What may be attached: evidence a person looks at or listens to (images, PDF, audio, video).
ALLOWED_FAMILIES = ("image/", "audio/", "video/")
ALLOWED_TYPES = ("application/pdf",)
# Extensions mimetypes does not know everywhere.
EXTRA_TYPES = {".amr": "audio/amr", ".m4a": "audio/mp4", ".webp": "image/webp", ".heic": "image/heic",
               ".mov": "video/quicktime", ".mkv": "video/x-matroska", ".silk": "audio/silk"}

# Owner kinds -> (model, its unit column's name). The incident's own visibility rule (its unit or its business
# department) applies to incidents. Prevention registers (drills, screenings) add their models here.
OWNER_MODELS: dict[str, tuple[type[Any], str]] = {
    "incident": (Incident, "unit_id"),
    "monitoring": (MonitoringEntry, "unit_id"),
    "complaint": (Complaint, "unit_id"),
    "drill": (Drill, "unit_id"),  # a drill's photos and minutes (prevention)
    "screening": (Screening, "unit_id"),  # a screening's assessment papers (prevention)
}


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    owner_kind: str
    owner_id: int
    filename: str
    media_type: str
    size: int
    sha256: str
    uploaded_by: str
    uploaded_at: datetime
    note: str
    withdrawn_at: datetime | None
    withdrawn_by: str
    withdraw_reason: str

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def previewable(self) -> str:
        """What the window can show: "image", "pdf", "audio", "video"."""
        if self.media_type == "application/pdf":
            return "pdf"
        return self.media_type.split("/", 1)[0]


def _row(a: Attachment) -> AttachmentRow:
    return AttachmentRow(a.id, a.owner_kind, a.owner_id, a.filename, a.media_type, a.size, a.sha256,
                         a.uploaded_by_name, a.uploaded_at, a.note, a.withdrawn_at, a.withdrawn_by_name,
                         a.withdraw_reason)


def media_type_of(filename: str) -> str:
    """The file's media type from its name; "" when it is not evidence the program keeps."""
    lower = filename.lower()
    ext = lower[lower.rfind("."):] if "." in lower else ""
    kind = EXTRA_TYPES.get(ext) or mimetypes.guess_type(lower)[0] or ""
    return kind if kind in ALLOWED_TYPES or kind.startswith(ALLOWED_FAMILIES) else ""


# --- the size limit (a setting in the database, so every installation sharing it agrees) ------------------------


def size_limit(session: Session) -> int:
    stored = session.execute(select(Setting.value).where(Setting.key == LIMIT_KEY)).scalar_one_or_none()
    if stored is not None and stored.isdigit() and 0 < int(stored) <= MAX_LIMIT:
        return int(stored)
    return DEFAULT_LIMIT


def set_size_limit(session: Session, actor: Actor, limit_bytes: int) -> int:
    actor = base.fresh(session, actor)
    permissions.require_role(actor, ("admin",), "设置附件大小上限")
    limit_bytes = count(limit_bytes, "limit", 1024, MAX_LIMIT)
    before = size_limit(session)
    setting = session.get(Setting, LIMIT_KEY)
    if setting is None:
        session.add(Setting(key=LIMIT_KEY, value=str(limit_bytes)))
    else:
        setting.value = str(limit_bytes)
    session.flush()
    base.audit_change(session, actor, "setting.attachment_limit", "setting", LIMIT_KEY, before=before,
                      after=limit_bytes)
    return limit_bytes


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


# --- owners --------------------------------------------------------------------------------------------------------


def _owner(session: Session, actor: Actor, owner_kind: Any, owner_id: Any) -> tuple[str, int, int | None]:
    """(kind, id, the incident it belongs to) if the owner exists and the actor may see it."""
    if not isinstance(owner_kind, str) or owner_kind not in OWNER_MODELS:
        raise ValidationError("owner_kind", "不能在此处添加附件")
    owner_id = ident(owner_id, "owner_id")
    model, unit_column = OWNER_MODELS[owner_kind]
    what = base.ATTACHMENT_OWNERS.get(owner_kind, owner_kind)
    row = session.get(model, owner_id)
    if row is None:
        raise NotFound(f"找不到{what}（编号 {owner_id}）")
    if isinstance(row, Incident):
        permissions.require_see(session, actor, row)
        return owner_kind, owner_id, row.id
    base.require_visible(session, actor, getattr(row, unit_column), what)
    return owner_kind, owner_id, getattr(row, "incident_id", None)


def _load(session: Session, actor: Actor, attachment_id: Any) -> tuple[Attachment, int | None]:
    row: Attachment = base.get_or_404(session, Attachment, attachment_id, "附件")
    _, _, incident_id = _owner(session, actor, row.owner_kind, row.owner_id)
    return row, incident_id


# --- commands --------------------------------------------------------------------------------------------------


def attach(session: Session, actor: Actor, owner_kind: str, owner_id: int, filename: str, content: bytes,
           media_type: str = "", note: str = "", now: datetime | None = None) -> AttachmentRow:
    """Keep a file with its owner; refused if too large, empty, or not an image, PDF, audio or video file."""
    now = now or now_utc()
    actor = base.fresh(session, actor)
    permissions.require_role(actor, base.RECORDERS, "添加附件")
    kind, owner, incident_id = _owner(session, actor, owner_kind, owner_id)
    name = base.field(filename, "filename", required="文件名")
    if "/" in name or "\\" in name:
        name = name.replace("\\", "/").rsplit("/", 1)[-1]
    note = base.field(note, "note", multiline=True)
    if not isinstance(content, (bytes, bytearray, memoryview)):
        raise ValidationError("content", "附件内容无效")
    data = bytes(content)
    if not data:
        raise ValidationError("content", f"文件“{name}”是空的，未添加")
    limit = size_limit(session)
    if len(data) > limit:
        raise ValidationError("content",
                              f"文件“{name}”为 {_megabytes(len(data))}，超过附件大小上限 {_megabytes(limit)}")
    guessed = media_type_of(name)
    given = media_type.strip().lower() if isinstance(media_type, str) else ""
    kind_of_file = given if given and (given in ALLOWED_TYPES or given.startswith(ALLOWED_FAMILIES)) else guessed
    if not kind_of_file:
        raise ValidationError("filename", f"“{name}”不是图片、PDF、音频或视频文件，不能作为附件")
    digest = hashlib.sha256(data).hexdigest()
    row = Attachment(owner_kind=kind, owner_id=owner, filename=name, media_type=kind_of_file, size=len(data),
                     sha256=digest, content=data, note=note, uploaded_by_id=actor.user_id,
                     uploaded_by_name=actor.name, uploaded_at=now)
    session.add(row)
    session.flush()
    base.audit_change(session, actor, "attachment.add", "attachment", row.id,
                      after={"owner_kind": kind, "owner_id": owner, "filename": name, "media_type": kind_of_file,
                             "size": len(data), "sha256": digest, "note": note},
                      incident_id=incident_id, at=now)
    return _row(row)


def withdraw(session: Session, actor: Actor, attachment_id: int, reason: str,
             now: datetime | None = None) -> AttachmentRow:
    """Take a file out of the lists and off paper, with a reason; its bytes stay in the record."""
    now = now or now_utc()
    actor = base.fresh(session, actor)
    permissions.require_role(actor, base.RECORDERS, "撤回附件")
    reason = base.field(reason, "reason", required="撤回理由", multiline=True)
    row, incident_id = _load(session, actor, attachment_id)
    if row.withdrawn_at is not None:
        raise ConflictError(f"附件“{row.filename}”已被撤回", ErrorCode.WRONG_STATE)
    if actor.user_id is not None and row.uploaded_by_id != actor.user_id and not actor.has(*base.DECIDERS):
        raise PermissionDenied("只有上传人或牵头部门、负责人可以撤回附件")
    row.withdrawn_at, row.withdrawn_by_name, row.withdraw_reason = now, actor.name, reason
    session.flush()
    base.audit_change(session, actor, "attachment.withdraw", "attachment", row.id, before={"withdrawn": False},
                      after={"withdrawn": True, "reason": reason, "sha256": row.sha256},
                      incident_id=incident_id, at=now)
    return _row(row)


# --- queries ---------------------------------------------------------------------------------------------------


def list_attachments(session: Session, actor: Actor, owner_kind: str, owner_id: int,
                     include_withdrawn: bool = True) -> list[AttachmentRow]:
    kind, owner, _ = _owner(session, actor, owner_kind, owner_id)
    query = select(Attachment).where(Attachment.owner_kind == kind, Attachment.owner_id == owner)
    if not include_withdrawn:
        query = query.where(Attachment.withdrawn_at.is_(None))
    return [_row(a) for a in session.execute(query.order_by(Attachment.id)).scalars()]


def get_attachment(session: Session, actor: Actor, attachment_id: int) -> AttachmentRow:
    return _row(_load(session, actor, attachment_id)[0])


def read_attachment(session: Session, actor: Actor, attachment_id: int) -> bytes:
    """The file's bytes for the window's preview or 另存为; refused if they no longer match their hash."""
    row, _ = _load(session, actor, attachment_id)
    data = bytes(row.content)
    if hashlib.sha256(data).hexdigest() != row.sha256:
        raise ConflictError(f"附件“{row.filename}”的内容与登记的哈希不符，已被改动；请运行审计校验")
    return data


def counts(session: Session, owner_kind: str, owner_ids: list[int]) -> dict[int, int]:
    """Attachments not withdrawn per owner (for the lists' 附件 column); no permission check: counts only."""
    found: dict[int, int] = {}
    if not owner_ids:
        return found
    rows = session.execute(select(Attachment.owner_id).where(
        Attachment.owner_kind == owner_kind, Attachment.owner_id.in_(owner_ids), Attachment.withdrawn_at.is_(None)))
    for (owner_id,) in rows:
        found[owner_id] = found.get(owner_id, 0) + 1
    return found


# --- verification (repdesk audit verify) --------------------------------------------------------------------------


def verify_attachments(session: Session) -> list[str]:
    """Every attachment against its bytes and the audit entry that added it: a changed file, a hash column
    rewritten to match, a file added or removed around the program, each named."""
    recorded: dict[str, AuditEntry] = {}
    for entry in session.execute(select(AuditEntry).where(AuditEntry.action == "attachment.add")
                                 .order_by(AuditEntry.id)).scalars():
        recorded.setdefault(entry.entity_id, entry)
    problems: list[str] = []
    seen: set[str] = set()
    ids = list(session.execute(select(Attachment.id).order_by(Attachment.id)).scalars())
    for attachment_id in ids:
        # One at a time: a database of videos is never held in memory at once.
        row = session.execute(select(Attachment.filename, Attachment.sha256, Attachment.size, Attachment.content)
                              .where(Attachment.id == attachment_id)).one()
        seen.add(str(attachment_id))
        name = f"附件 #{attachment_id}（{row.filename}）"
        actual = hashlib.sha256(bytes(row.content)).hexdigest()
        found = recorded.get(str(attachment_id))
        if found is None:
            problems.append(f"{name}没有对应的审计记录：可能是直接写入库中的")
            continue
        try:
            after = json.loads(found.after or "{}")
        except ValueError:
            after = {}
        if actual != after.get("sha256") or len(bytes(row.content)) != after.get("size"):
            problems.append(f"{name}：文件内容与第 {found.id} 条审计记录登记的哈希不符，已被改动")
        elif row.sha256 != actual or row.filename != after.get("filename"):
            problems.append(f"{name}：登记信息与第 {found.id} 条审计记录不符，已被改动")
    for entity_id, entry in recorded.items():
        if entity_id not in seen:
            problems.append(f"第 {entry.id} 条审计记录登记的附件 #{entity_id} 在库中已不存在：被删除")
    return problems
