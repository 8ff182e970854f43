"""What every register shares: who may record and see what (by role and unit, as for incidents), the audit of
every change, the vocabularies with their Chinese and English labels, the field limits and the period of a list.

The checks read the database every time (the roles and unit an account holds now, not those it logged in with),
so a window left open after a change of rights is refused by the core whatever it still shows."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from desktop.db.models import Unit
from desktop.domain import MONITORING_PLATFORMS, MONITORING_TONES, Actor
from desktop.errors import NotFound, PermissionDenied, ValidationError
from desktop.services import accounts, audit, permissions
from desktop.timeutil import CST, cst_days, format_cst
from desktop.validation import ident, text
from desktop.validation import time as valid_time

# Roles that record in the registers for their own area: the incidents' writers and the spokesperson.
RECORDERS = ("info_officer", "lead_officer", "unit_head", "leader", "president", "admin", "spokesperson")
# Roles that close a monitoring entry or designate a unit's spokesperson: the lead department and the leaders.
DECIDERS = ("lead_officer", "unit_head", "leader", "president", "admin")

# Field -> maximum length in characters; the short ones equal their column's String(n) in desktop.db.register_tables.
LIMITS: dict[str, int] = {
    "title": 200, "subject": 200, "platform": 20, "url": 2_000, "excerpt": 5_000, "tone": 20,
    "customer": 120, "contact": 60, "channel": 20, "description": 5_000, "result": 5_000, "note": 5_000,
    "reason": 5_000, "name": 60, "outlet": 120, "phone": 60, "email": 120, "notes": 5_000, "kind": 20,
    "address": 200, "mobile": 60, "member_title": 120, "filename": 200, "media_type": 100,
}

# --- vocabularies (stored keys -> Chinese labels; English in VOCAB_EN for the window's translation) -------------

TONES: dict[str, str] = MONITORING_TONES
PLATFORMS: dict[str, str] = MONITORING_PLATFORMS
MONITORING_STATES: dict[str, str] = {"open": "待研判", "escalated": "已转为事件", "linked": "已关联事件",
                                     "closed": "已关闭"}
COMPLAINT_CHANNELS: dict[str, str] = {
    "counter": "网点现场", "phone": "客服电话", "letter": "来信", "online": "网络/APP", "regulator": "监管转办",
    "other": "其他",
}
COMPLAINT_STATES: dict[str, str] = {"open": "处理中", "resolved": "已办结"}
COMPLAINT_STEP_KINDS: dict[str, str] = {
    "received": "受理", "step": "处理", "result": "处理结果", "escalated": "转为事件", "linked": "关联事件",
    "result_reported": "处理结果报牵头部门",
}
OUTLET_KINDS: dict[str, str] = {"newspaper": "报纸", "tv": "电视", "radio": "广播", "online": "网络媒体",
                                "agency": "通讯社", "other": "其他"}
ATTACHMENT_OWNERS: dict[str, str] = {"incident": "事件", "monitoring": "舆情监测", "complaint": "投诉",
                                     "drill": "应急演练", "screening": "风险评估"}

VOCAB_EN: dict[str, dict[str, str]] = {
    "tones": {"negative": "Negative", "neutral": "Neutral", "positive": "Positive"},
    "platforms": {"weibo": "Weibo", "wechat": "WeChat", "douyin": "Douyin", "news": "News site",
                  "forum": "Forum", "video": "Video platform", "other": "Other"},
    "monitoring_states": {"open": "To assess", "escalated": "Became an incident", "linked": "Linked to an incident",
                          "closed": "Closed"},
    "complaint_channels": {"counter": "At the counter", "phone": "Service line", "letter": "Letter",
                           "online": "Online / app", "regulator": "Passed on by the regulator", "other": "Other"},
    "complaint_states": {"open": "Being handled", "resolved": "Resolved"},
    "complaint_step_kinds": {"received": "Received", "step": "Handling", "result": "Result",
                             "escalated": "Became an incident", "linked": "Linked to an incident",
                             "result_reported": "Result reported to the lead department"},
    "outlet_kinds": {"newspaper": "Newspaper", "tv": "Television", "radio": "Radio", "online": "Online media",
                     "agency": "News agency", "other": "Other"},
    "attachment_owners": {"incident": "Incident", "monitoring": "Monitoring entry", "complaint": "Complaint",
                          "drill": "Drill", "screening": "Screening"},
}
VOCAB_ZH: dict[str, dict[str, str]] = {
    "tones": TONES, "platforms": PLATFORMS, "monitoring_states": MONITORING_STATES,
    "complaint_channels": COMPLAINT_CHANNELS, "complaint_states": COMPLAINT_STATES,
    "complaint_step_kinds": COMPLAINT_STEP_KINDS, "outlet_kinds": OUTLET_KINDS, "attachment_owners": ATTACHMENT_OWNERS,
}


def label(vocabulary: str, key: str, lang: str = "zh") -> str:
    """A stored key's label; the key itself when unknown (an older or foreign value still shows)."""
    table = VOCAB_EN if lang.startswith("en") else VOCAB_ZH
    return table.get(vocabulary, {}).get(key, key)


def choice(value: Any, vocabulary: dict[str, str], field: str, message: str) -> str:
    if not isinstance(value, str) or value not in vocabulary:
        raise ValidationError(field, message)
    return value


def field(value: Any, name: str, *, required: str = "", multiline: bool = False) -> str:
    """One text field of a register, checked against its limit (LIMITS)."""
    return text(value, name, LIMITS.get(name, 5_000), multiline=multiline, required=required)


def number(value: Any, name: str, what: str) -> int | None:
    """A non-negative whole number or None (reads, reposts, an amount in fen)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 10**15:
        raise ValidationError(name, f"{what}应为不小于0的整数")
    return value


def moment(value: Any, name: str, what: str, now: datetime) -> datetime:
    """A time that has happened (a few minutes of clock skew allowed), to the second."""
    when = valid_time(value, name)
    if (when - now).total_seconds() > 300:
        raise ValidationError(name, f"{what}（{format_cst(when)}）晚于当前时间")
    return when.replace(microsecond=0)


# --- who may do what --------------------------------------------------------------------------------------------


def fresh(session: Session, actor: Actor) -> Actor:
    """The actor with the roles and unit the database holds now."""
    return accounts.current_actor(session, actor)


def visible_units(session: Session, actor: Actor) -> set[int] | None:
    """The units whose register entries the actor sees (None: all), exactly as for incidents."""
    return permissions.scope(session, actor)


Q = TypeVar("Q", bound=Select[Any])


def where_visible(query: Q, unit_column: Any, units: set[int] | None) -> Q:
    if units is None:
        return query
    condition: ColumnElement[bool] = unit_column.in_(sorted(units)) if units else unit_column.is_(None)
    return query.where(condition)


def require_visible(session: Session, actor: Actor, unit_id: int, what: str) -> None:
    units = visible_units(session, actor)
    if units is not None and unit_id not in units:
        raise PermissionDenied(f"您无权查看本单位辖外的{what}")


def require_recorder(session: Session, actor: Actor, unit_id: int, what: str,
                     roles: tuple[str, ...] = RECORDERS) -> Actor:
    """The fresh actor, if their role may `what` and `unit_id` is in their area; else a refusal."""
    actor = fresh(session, actor)
    permissions.require_role(actor, roles, what)
    permissions.require_unit_in_scope(session, actor, unit_id, what)
    return actor


def unit_id_of(session: Session, value: Any, name: str = "unit_id") -> int:
    """A unit given by a form: an existing, active unit."""
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 10:
        value = int(value.strip())
    try:
        unit = session.get(Unit, ident(value, name))
    except ValidationError:
        unit = None
    if unit is None or not unit.active:
        raise ValidationError(name, "请选择单位")
    return unit.id


def unit_names(session: Session) -> dict[int, str]:
    return {uid: short or name for uid, name, short in session.execute(select(Unit.id, Unit.name, Unit.short_name))}


def audit_change(session: Session, actor: Actor, action: str, entity: str, entity_id: object, *,
                 before: Any = None, after: Any = None, incident_id: int | None = None,
                 at: datetime | None = None) -> None:
    """One entry of the hash-chained record for one change of a register."""
    audit.record(session, actor, action, entity, entity_id, before=before, after=after, incident_id=incident_id,
                 at=at)


def get_or_404(session: Session, model: type[Any], row_id: Any, what: str) -> Any:
    row = session.get(model, ident(row_id, "id"))
    if row is None:
        raise NotFound(f"找不到{what}（编号 {row_id}）")
    return row


# --- periods ----------------------------------------------------------------------------------------------------


def period(first: date | None, last: date | None) -> tuple[datetime | None, datetime | None]:
    """China Standard Time days first..last (inclusive) as a half-open range of aware datetimes."""
    if first is not None and last is not None and last < first:
        raise ValidationError("to", "结束日期不能早于开始日期")
    return cst_days(first, last)


def cst_day(moment_: datetime) -> date:
    return moment_.astimezone(CST).date()
