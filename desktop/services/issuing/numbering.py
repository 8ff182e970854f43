"""Who a document goes to and under which number: the reporting line (3.1.4), the head office's name as set up,
and document numbers (发文字号) from each issuing unit's own yearly sequence.

No organisation's name is written in code: the head office's office and each unit's 机关代字 (the prefix of its
document numbers, e.g. 冀华银办) are settings an administrator enters; everything else comes from the tree.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.db.models import DocNumber, DocumentVersion
from desktop.domain import Actor
from desktop.errors import ConflictError, ErrorCode, ValidationError
from desktop.services import audit, org
from desktop.timeutil import CST

# The settings themselves live with the organisation (org) so the first set-up can enter them; re-exported here
# for the callers that number documents.
HEAD_OFFICE_KEY = org.HEAD_OFFICE_KEY
head_office = org.head_office
set_head_office = org.set_head_office
doc_prefix = org.doc_prefix
set_doc_prefix = org.set_doc_prefix


# --- the reporting line (3.1.4: level by level, never skipping one) --------------------------------------------


def branch_office_name(session: Session) -> str:
    return next((u.name for u in org.list_units(session, include_inactive=True) if u.kind == "branch_office"), "")


def upward_recipient(session: Session, unit_id: int, kind: str) -> str:
    """The next level up from the issuing unit: a unit reports to its local lead department (3.1.2, 3.2.1,
    3.2.2); a secondary branch's comprehensive-management department to the branch office (3.2.2); the branch
    office to the branch's leaders (4.2.2.1(3)); the branch to the head office's office (3.2.3)."""
    if kind == "major_report":
        return head_office(session)
    unit = org.unit_info(session, unit_id)
    if unit.kind == "branch":
        return head_office(session)
    if unit.lead_unit_id is not None and unit.lead_unit_id != unit.id:
        return unit.lead_unit_name
    if unit.kind == "comprehensive_dept":
        return branch_office_name(session)
    branch = next((u for u in org.list_units(session, include_inactive=True) if u.kind == "branch"), None)
    return f"{branch.short_name or branch.name}领导" if branch is not None else ""


# --- document numbers -------------------------------------------------------------------------------------------


def format_number(prefix: str, year: int, seq: int) -> str:
    return f"{prefix}〔{year}〕{seq}号"


def assigned(session: Session, version_id: int) -> str:
    return session.execute(select(DocNumber.number).where(DocNumber.version_id == version_id)).scalar() or ""


def assign(session: Session, actor: Actor, version: DocumentVersion, drafted_number: str, now: datetime) -> str:
    """At signing, in the signing transaction: a version whose drafter left 发文字号 blank takes the next number
    of its issuing unit's sequence for the year. Returns the number the version carries."""
    if drafted_number.strip():
        return drafted_number.strip()
    done = assigned(session, version.id)
    if done:
        return done
    unit_id = version.document.unit_id
    prefix = doc_prefix(session, unit_id)
    if not prefix:
        raise ValidationError("doc_number", f"{org.unit_info(session, unit_id).name}尚未设置机关代字："
                                            "请在文件中填写发文字号，或请管理员设置后再签发")
    year = now.astimezone(CST).year
    last = session.execute(select(func.max(DocNumber.seq)).where(DocNumber.unit_id == unit_id,
                                                                 DocNumber.year == year)).scalar() or 0
    number = format_number(prefix, year, last + 1)
    session.add(DocNumber(version_id=version.id, unit_id=unit_id, year=year, seq=last + 1, number=number,
                          assigned_at=now))
    try:
        session.flush()
    except IntegrityError:
        raise ConflictError("发文字号正被他人同时使用，请重试", ErrorCode.STALE) from None
    audit.record(session, actor, "document.numbered", "document_version", version.id,
                 after={"doc_number": number, "unit_id": unit_id, "year": year, "seq": last + 1},
                 incident_id=version.document.incident_id, at=now)
    return number
