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

from desktop.db.models import DocNumber, DocumentVersion, Setting
from desktop.domain import Actor
from desktop.errors import ConflictError, ErrorCode, PermissionDenied, ValidationError
from desktop.services import audit, org
from desktop.timeutil import CST, now_utc

HEAD_OFFICE_KEY = "org.head_office_office"  # 3.2.3: where the branch office reports a major incident


def _prefix_key(unit_id: int) -> str:
    return f"unit.{unit_id}.doc_prefix"


def _get(session: Session, key: str) -> str:
    row = session.get(Setting, key)
    return row.value if row is not None else ""


def _set(session: Session, actor: Actor, key: str, value: str, now: datetime | None) -> None:
    # The first set-up and the example data run as the system before any administrator exists.
    if actor.user_id is not None and not actor.has("admin"):
        raise PermissionDenied("只有管理员可以维护机构设置")
    row = session.get(Setting, key)
    before = row.value if row is not None else None
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    session.flush()
    audit.record(session, actor, "setting.set", "setting", key, before=before, after=value, at=now or now_utc())


def head_office(session: Session) -> str:
    """The head office's office (e.g. 总行办公室) as set up; "" until entered."""
    return _get(session, HEAD_OFFICE_KEY)


def set_head_office(session: Session, actor: Actor, name: str, now: datetime | None = None) -> None:
    name = name.strip()
    if not name:
        raise ValidationError("head_office", "请填写总行办公室的名称（《重大突发事件报告》的主送机关）")
    _set(session, actor, HEAD_OFFICE_KEY, name, now)


def doc_prefix(session: Session, unit_id: int) -> str:
    """The unit's 机关代字 (e.g. 冀华银办); "" until entered."""
    return _get(session, _prefix_key(unit_id))


def set_doc_prefix(session: Session, actor: Actor, unit_id: int, prefix: str, now: datetime | None = None) -> None:
    prefix = prefix.strip()
    org.unit_info(session, unit_id)  # refuses an unknown unit
    if not prefix or any(c in prefix for c in "〔〕[]()（）0123456789"):
        raise ValidationError("doc_prefix", "机关代字应为文字，如“冀华银办”（年份和序号由系统编排）")
    _set(session, actor, _prefix_key(unit_id), prefix, now)


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
