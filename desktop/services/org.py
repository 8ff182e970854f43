"""The organisation tree, and what follows from where a unit sits in it (2.2, 2.3)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.db.models import Setting, Unit
from desktop.domain import SYSTEM, UNIT_KINDS, Actor, UnitInfo
from desktop.errors import NotFound, PermissionDenied, ValidationError
from desktop.services import accounts, audit
from desktop.services.accounts import Account
from desktop.timeutil import now_utc
from desktop.validation import ident, optional_ident, text

# Which kinds may hang under which: the shape of a branch (2.2).
ALLOWED_PARENTS: dict[str, tuple[str | None, ...]] = {
    "branch": (None,),
    "branch_office": ("branch",),
    "department": ("branch", "secondary_branch"),
    "outlet": ("branch", "secondary_branch", "department"),
    "secondary_branch": ("branch",),
    "comprehensive_dept": ("secondary_branch",),
}
_SINGLETONS = {"branch_office", "comprehensive_dept"}


def _info(unit: Unit, by_id: dict[int, Unit]) -> UnitInfo:
    """2.2: same-city units (and the branch itself) answer to the branch office; 2.3: units of a secondary
    branch are remote, and their lead department is that secondary branch's comprehensive-management department."""
    secondary: Unit | None = None
    branch: Unit | None = None
    node: Unit | None = unit
    while node is not None:
        if node.kind == "secondary_branch" and secondary is None:
            secondary = node
        if node.kind == "branch":
            branch = node
        node = by_id.get(node.parent_id) if node.parent_id is not None else None
    lead: Unit | None = None
    if secondary is not None:
        lead = next((u for u in by_id.values() if u.parent_id == secondary.id and u.kind == "comprehensive_dept"), None)
        location = "remote"
    else:
        location = "same_city"
        if branch is not None:
            lead = next((u for u in by_id.values() if u.parent_id == branch.id and u.kind == "branch_office"), None)
    return UnitInfo(
        id=unit.id,
        parent_id=unit.parent_id,
        kind=unit.kind,
        name=unit.name,
        short_name=unit.short_name,
        code=unit.code,
        location=location,
        lead_unit_id=lead.id if lead else None,
        lead_unit_name=lead.name if lead else "",
        secondary_branch_id=secondary.id if secondary else None,
        active=unit.active,
    )


def _all(session: Session) -> dict[int, Unit]:
    return {u.id: u for u in session.execute(select(Unit)).scalars()}


def list_units(session: Session, include_inactive: bool = False) -> list[UnitInfo]:
    by_id = _all(session)
    units = sorted(by_id.values(), key=lambda u: (u.sort_order, u.id))
    return [_info(u, by_id) for u in units if include_inactive or u.active]


def unit_info(session: Session, unit_id: int) -> UnitInfo:
    by_id = _all(session)
    if isinstance(unit_id, bool) or not isinstance(unit_id, int) or unit_id not in by_id:
        raise NotFound(f"找不到编号为 {unit_id} 的单位")
    return _info(by_id[unit_id], by_id)


def descendants(session: Session, unit_id: int) -> set[int]:
    """The unit and everything under it."""
    children: dict[int | None, list[int]] = {}
    for uid, parent in session.execute(select(Unit.id, Unit.parent_id)):
        children.setdefault(parent, []).append(uid)
    found, stack = set(), [unit_id]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        stack.extend(children.get(current, []))
    return found


def is_empty(session: Session) -> bool:
    return session.execute(select(func.count(Unit.id))).scalar_one() == 0


def create_unit(
    session: Session,
    actor: Actor,
    *,
    kind: str,
    name: str,
    code: str,
    parent_id: int | None = None,
    short_name: str = "",
    phone: str = "",
) -> UnitInfo:
    actor = accounts.current_actor(session, actor)  # the roles the accounts table holds now, not at log-in
    # An empty database has no administrator yet: the first set-up creates the tree before any account exists.
    if not actor.has("admin") and not is_empty(session):
        raise PermissionDenied("只有管理员可以维护机构")
    name, code = text(name, "unit_full_name"), text(code, "code")
    short_name, phone = text(short_name, "short_name"), text(phone, "phone")
    parent_id = optional_ident(parent_id, "parent_id")
    if not isinstance(kind, str) or kind not in UNIT_KINDS:
        raise ValidationError("kind", f"未知的单位类型：{kind}")
    if not name:
        raise ValidationError("name", "请填写单位名称")
    if not code:
        raise ValidationError("code", "请填写单位代码")
    if session.execute(select(Unit.id).where(Unit.code == code)).first():
        raise ValidationError("code", f"单位代码“{code}”已被使用")
    parent = session.get(Unit, parent_id) if parent_id is not None else None
    if parent_id is not None and parent is None:
        raise ValidationError("parent_id", "上级单位不存在")
    parent_kind = parent.kind if parent else None
    if parent_kind not in ALLOWED_PARENTS[kind]:
        allowed = "、".join(UNIT_KINDS[k] for k in ALLOWED_PARENTS[kind] if k) or "无（顶层）"
        raise ValidationError("parent_id", f"{UNIT_KINDS[kind]}的上级只能是：{allowed}")
    if kind in _SINGLETONS and parent is not None and any(c.kind == kind for c in parent.children):
        raise ValidationError("kind", f"{parent.name}已有{UNIT_KINDS[kind]}")
    if kind == "branch" and session.execute(select(Unit.id).where(Unit.kind == "branch")).first():
        raise ValidationError("kind", "机构树只能有一个分行")
    order = len(parent.children) if parent else 0
    unit = Unit(kind=kind, name=name, code=code, short_name=short_name, phone=phone, parent_id=parent_id,
                sort_order=order, active=True)
    session.add(unit)
    session.flush()
    audit.record(session, actor, "unit.create", "unit", unit.id, after={"kind": kind, "name": name, "code": code,
                                                                       "parent_id": parent_id})
    return unit_info(session, unit.id)


def rename_unit(session: Session, actor: Actor, unit_id: int, name: str, short_name: str = "") -> UnitInfo:
    actor = accounts.current_actor(session, actor)
    if not actor.has("admin"):
        raise PermissionDenied("只有管理员可以维护机构")
    name = text(name, "unit_full_name", required="单位名称")
    short_name = text(short_name, "short_name")
    unit = session.get(Unit, ident(unit_id, "unit_id"))
    if unit is None:
        raise NotFound("单位不存在")
    before = {"name": unit.name, "short_name": unit.short_name}
    unit.name, unit.short_name = name, short_name
    audit.record(session, actor, "unit.rename", "unit", unit.id, before=before,
                 after={"name": unit.name, "short_name": unit.short_name})
    return unit_info(session, unit.id)


def set_unit_active(session: Session, actor: Actor, unit_id: int, active: bool) -> None:
    actor = accounts.current_actor(session, actor)
    if not actor.has("admin"):
        raise PermissionDenied("只有管理员可以维护机构")
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFound("单位不存在")
    before = unit.active
    unit.active = active
    audit.record(session, actor, "unit.active", "unit", unit.id, before=before, after=active)


# --- organisation settings: the head office's name, each unit's 机关代字 ---------------------------------------
# No organisation's name is written in code: an administrator enters them (or the first set-up does).

HEAD_OFFICE_KEY = "org.head_office_office"  # 3.2.3: where the branch office reports a major incident


def _prefix_key(unit_id: int) -> str:
    return f"unit.{unit_id}.doc_prefix"


def _get(session: Session, key: str) -> str:
    row = session.get(Setting, key)
    return row.value if row is not None else ""


def _set(session: Session, actor: Actor, key: str, value: str, now: datetime | None) -> None:
    actor = accounts.current_actor(session, actor)
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
    name = text(name, "head_office")
    if not name:
        raise ValidationError("head_office", "请填写总行办公室的名称（《重大突发事件报告》的主送机关）")
    _set(session, actor, HEAD_OFFICE_KEY, name, now)


def doc_prefix(session: Session, unit_id: int) -> str:
    """The unit's 机关代字 (e.g. 冀华银办); "" until entered."""
    return _get(session, _prefix_key(unit_id))


def set_doc_prefix(session: Session, actor: Actor, unit_id: int, prefix: str, now: datetime | None = None) -> None:
    prefix = text(prefix, "doc_prefix")
    unit_info(session, unit_id)  # refuses an unknown unit
    if not prefix or any(c in prefix for c in "〔〕[]()（）0123456789"):
        raise ValidationError("doc_prefix", "机关代字应为文字，如“冀华银办”（年份和序号由系统编排）")
    _set(session, actor, _prefix_key(unit_id), prefix, now)


# --- the administration page -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AdminData:
    """What the administration page shows: every account and every unit, inactive ones included."""

    accounts: list[Account] = field(default_factory=list)
    units: list[UnitInfo] = field(default_factory=list)
    inactive: frozenset[int] = frozenset()
    at: datetime | None = None
    head_office: str = ""
    prefixes: dict[int, str] = field(default_factory=dict)  # unit id -> 机关代字, only those entered


def admin_data(session: Session, actor: Actor) -> AdminData:
    users = accounts.list_accounts(session, actor)  # refuses non-administrators
    units = list_units(session, include_inactive=True)
    prefixes = {u.id: p for u in units if (p := doc_prefix(session, u.id))}
    return AdminData(users, units, frozenset(u.id for u in units if not u.active), now_utc(), head_office(session),
                     prefixes)


# --- first run ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SecondarySetup:
    """A secondary branch and its comprehensive-management department, the lead department of its area (2.3)."""

    name: str
    code: str
    dept_name: str
    dept_code: str


@dataclass(frozen=True)
class SetupPlan:
    """The organisation a new installation starts with, and its first (administrator) account."""

    branch_name: str
    branch_code: str
    office_name: str
    office_code: str
    admin_username: str
    admin_display_name: str
    admin_password: str
    branch_short_name: str = ""
    admin_phone: str = ""
    secondaries: tuple[SecondarySetup, ...] = ()
    # Optional: may be entered later on the administration page; needed before a report to the head office is
    # addressed (3.2.3) or a number is assigned at signing.
    head_office: str = ""
    office_prefix: str = ""


def set_up(session: Session, plan: SetupPlan) -> Account:
    """First run, in one transaction (all or nothing): the branch, its office (2.2), the secondary branches with
    their comprehensive-management departments (2.3), then the administrator in the office. Only an empty
    database can be set up; rows the wizard left blank are skipped, half-filled ones refused."""
    if not is_empty(session) or accounts.has_accounts(session):
        raise PermissionDenied("系统已完成初始设置，机构与账号请由管理员在“系统管理”中维护")
    secondaries = []
    for number, row in enumerate(plan.secondaries, start=1):
        cells = (row.name.strip(), row.code.strip(), row.dept_name.strip(), row.dept_code.strip())
        if not any(cells):
            continue
        if not all(cells):
            raise ValidationError("secondaries", f"第{number}行：请填写二级分行名称、代码及其综合管理部名称、代码")
        secondaries.append(cells)
    branch = create_unit(session, SYSTEM, kind="branch", name=plan.branch_name, code=plan.branch_code,
                         short_name=plan.branch_short_name)
    office = create_unit(session, SYSTEM, kind="branch_office", name=plan.office_name, code=plan.office_code,
                         parent_id=branch.id)
    for name, code, dept_name, dept_code in secondaries:
        secondary = create_unit(session, SYSTEM, kind="secondary_branch", name=name, code=code, parent_id=branch.id)
        create_unit(session, SYSTEM, kind="comprehensive_dept", name=dept_name, code=dept_code,
                    parent_id=secondary.id)
    if plan.head_office.strip():
        set_head_office(session, SYSTEM, plan.head_office)
    if plan.office_prefix.strip():
        set_doc_prefix(session, SYSTEM, office.id, plan.office_prefix)
    return accounts.create_user(session, SYSTEM, username=plan.admin_username,
                                display_name=plan.admin_display_name, unit_id=office.id,
                                password=plan.admin_password, roles={"admin"}, phone=plan.admin_phone)
