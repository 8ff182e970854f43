"""媒体名录与新闻发言人: the outlets and journalists the bank deals with, and each unit's designated spokespeople.

A journalist who asked about an incident (4.2.2.x(1): the media contact recorded on its timeline) is in the
directory already, with the history of their inquiries: read from the incidents, never typed twice. Journalists and
outlets met elsewhere are added directly. A spokesperson's designation ends with a reason and stays listed as
ended."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.db.models import Incident, IncidentEvent, MediaContact
from desktop.db.register_tables import Journalist, MediaOutlet, Spokesperson
from desktop.domain import Actor
from desktop.errors import ConflictError, ErrorCode, ValidationError
from desktop.registers import base
from desktop.services import permissions
from desktop.timeutil import now_utc
from desktop.validation import mapping


@dataclass(frozen=True)
class Inquiry:
    incident_id: int
    incident_number: str
    asked_at: datetime
    question: str


@dataclass(frozen=True)
class JournalistRow:
    name: str
    outlet: str
    phone: str
    email: str
    notes: str
    directory_id: int | None  # the directly-added entry, if any
    inquiries: tuple[Inquiry, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return (self.name, self.outlet)

    @property
    def last_inquiry(self) -> datetime | None:
        return max((i.asked_at for i in self.inquiries), default=None)


@dataclass(frozen=True)
class OutletRow:
    name: str
    kind: str
    phone: str
    address: str
    notes: str
    directory_id: int | None
    journalists: int
    inquiries: int

    @property
    def kind_label(self) -> str:
        return base.OUTLET_KINDS.get(self.kind, self.kind)


@dataclass(frozen=True)
class SpokespersonRow:
    id: int
    unit_id: int
    unit_name: str
    name: str
    title: str
    phone: str
    mobile: str
    designated_at: datetime
    designated_by: str
    ended_at: datetime | None
    ended_by: str
    end_reason: str

    @property
    def active(self) -> bool:
        return self.ended_at is None


def _visible_contacts(session: Session, actor: Actor) -> list[tuple[MediaContact, str]]:
    """The media contacts of the incidents the actor sees, not brought by a withdrawn or corrected event."""
    withdrawn = select(IncidentEvent.id).where(IncidentEvent.withdrawn_at.is_not(None))
    query = (select(MediaContact, Incident.number).join(Incident, MediaContact.incident_id == Incident.id)
             .where(or_(MediaContact.event_id.is_(None), MediaContact.event_id.not_in(withdrawn))))
    units = base.visible_units(session, actor)
    if units is not None:
        query = query.where(or_(Incident.unit_id.in_(sorted(units)), Incident.business_dept_id.in_(sorted(units))))
    return [(c, n) for c, n in session.execute(query.order_by(MediaContact.asked_at, MediaContact.id))]


def directory(session: Session, actor: Actor, text: str = "") -> list[JournalistRow]:
    """Every journalist: those typed in and those who asked about a visible incident, one row per (name, outlet),
    with the inquiries newest last; `text` filters on name, outlet or phone."""
    actor = base.fresh(session, actor)
    permissions.require_role(actor, base.RECORDERS, "查看媒体名录")
    needle = base.field(text, "outlet").lower() if text else ""
    typed: dict[tuple[str, str], Journalist] = {
        (t.name, t.outlet): t for t in session.execute(select(Journalist).order_by(Journalist.id)).scalars()}
    asked: dict[tuple[str, str], list[tuple[MediaContact, str]]] = {}
    for contact, number in _visible_contacts(session, actor):
        asked.setdefault((contact.journalist.strip(), contact.outlet.strip()), []).append((contact, number))
    rows = []
    for key in sorted(set(typed) | set(asked), key=lambda k: (k[1], k[0])):
        j: Journalist | None = typed.get(key)
        contacts = asked.get(key, [])
        latest_phone = next((c.phone for c, _ in reversed(contacts) if c.phone), "")
        row = JournalistRow(
            name=key[0], outlet=key[1], phone=(j.phone if j and j.phone else latest_phone),
            email=j.email if j else "", notes=j.notes if j else "", directory_id=j.id if j else None,
            inquiries=tuple(Inquiry(c.incident_id, n, c.asked_at, c.question) for c, n in contacts))
        if needle and not any(needle in v.lower() for v in (row.name, row.outlet, row.phone)):
            continue
        rows.append(row)
    return rows


def outlets(session: Session, actor: Actor) -> list[OutletRow]:
    """Every outlet: typed in, named by a directory journalist, or by an incident's media contact."""
    people = directory(session, actor)
    typed = {o.name: o for o in session.execute(select(MediaOutlet).order_by(MediaOutlet.name)).scalars()}
    names = sorted(set(typed) | {p.outlet for p in people})
    out = []
    for name in names:
        o = typed.get(name)
        mine = [p for p in people if p.outlet == name]
        out.append(OutletRow(name, o.kind if o else "", o.phone if o else "", o.address if o else "",
                             o.notes if o else "", o.id if o else None, len(mine),
                             sum(len(p.inquiries) for p in mine)))
    return out


def add_journalist(session: Session, actor: Actor, data: dict[str, Any], now: datetime | None = None) -> JournalistRow:
    now = now or now_utc()
    mapping(data, "data", 10)
    unknown = {str(k) for k in data} - {"name", "outlet", "phone", "email", "notes"}
    if unknown:
        raise ValidationError(min(unknown)[:40], "未知的字段")
    values = {"name": base.field(data.get("name", ""), "name", required="记者姓名"),
              "outlet": base.field(data.get("outlet", ""), "outlet", required="所属媒体"),
              "phone": base.field(data.get("phone", ""), "phone"),
              "email": base.field(data.get("email", ""), "email"),
              "notes": base.field(data.get("notes", ""), "notes", multiline=True)}
    actor = base.fresh(session, actor)
    permissions.require_role(actor, base.RECORDERS, "登记媒体记者")
    if session.execute(select(Journalist.id).where(Journalist.name == values["name"],
                                                   Journalist.outlet == values["outlet"])).first():
        raise ConflictError(f"{values['outlet']}的记者{values['name']}已在名录中", ErrorCode.CONFLICT)
    j = Journalist(added_by_name=actor.name, added_at=now, **values)
    session.add(j)
    session.flush()
    base.audit_change(session, actor, "media.journalist_add", "journalist", j.id, after=values, at=now)
    return next(r for r in directory(session, actor) if r.key == (j.name, j.outlet))


def add_outlet(session: Session, actor: Actor, data: dict[str, Any], now: datetime | None = None) -> OutletRow:
    now = now or now_utc()
    mapping(data, "data", 10)
    unknown = {str(k) for k in data} - {"name", "kind", "phone", "address", "notes"}
    if unknown:
        raise ValidationError(min(unknown)[:40], "未知的字段")
    kind = data.get("kind", "")
    values = {"name": base.field(data.get("name", ""), "outlet", required="媒体名称"),
              "kind": base.choice(kind, base.OUTLET_KINDS, "kind", "请选择媒体类型") if kind else "",
              "phone": base.field(data.get("phone", ""), "phone"),
              "address": base.field(data.get("address", ""), "address"),
              "notes": base.field(data.get("notes", ""), "notes", multiline=True)}
    actor = base.fresh(session, actor)
    permissions.require_role(actor, base.RECORDERS, "登记媒体")
    if session.execute(select(MediaOutlet.id).where(MediaOutlet.name == values["name"])).first():
        raise ConflictError(f"媒体“{values['name']}”已在名录中", ErrorCode.CONFLICT)
    o = MediaOutlet(added_by_name=actor.name, added_at=now, **values)
    session.add(o)
    session.flush()
    base.audit_change(session, actor, "media.outlet_add", "media_outlet", o.id, after=values, at=now)
    return next(r for r in outlets(session, actor) if r.name == o.name)


# --- spokespeople ------------------------------------------------------------------------------------------------


def _spokesperson_row(s: Spokesperson, names: dict[int, str]) -> SpokespersonRow:
    return SpokespersonRow(s.id, s.unit_id, names.get(s.unit_id, ""), s.name, s.title, s.phone, s.mobile,
                           s.designated_at, s.designated_by_name, s.ended_at, s.ended_by_name, s.end_reason)


def designate_spokesperson(session: Session, actor: Actor, data: dict[str, Any],
                           now: datetime | None = None) -> SpokespersonRow:
    """A unit's spokesperson with their phone numbers (a unit may have several)."""
    now = now or now_utc()
    mapping(data, "data", 10)
    unknown = {str(k) for k in data} - {"unit_id", "name", "title", "phone", "mobile"}
    if unknown:
        raise ValidationError(min(unknown)[:40], "未知的字段")
    unit_id = base.unit_id_of(session, data.get("unit_id"))
    values = {"name": base.field(data.get("name", ""), "name", required="新闻发言人姓名"),
              "title": base.field(data.get("title", ""), "member_title"),
              "phone": base.field(data.get("phone", ""), "phone"),
              "mobile": base.field(data.get("mobile", ""), "mobile")}
    if not values["phone"] and not values["mobile"]:
        raise ValidationError("phone", "请填写新闻发言人的办公电话或手机")
    actor = base.require_recorder(session, actor, unit_id, "指定新闻发言人", base.DECIDERS)
    s = Spokesperson(unit_id=unit_id, designated_at=now, designated_by_name=actor.name, ended_by_name="",
                     end_reason="", **values)
    session.add(s)
    session.flush()
    base.audit_change(session, actor, "media.spokesperson_designate", "spokesperson", s.id,
                      after={"unit_id": unit_id, **values}, at=now)
    return _spokesperson_row(s, base.unit_names(session))


def end_spokesperson(session: Session, actor: Actor, spokesperson_id: int, reason: str,
                     now: datetime | None = None) -> SpokespersonRow:
    now = now or now_utc()
    reason = base.field(reason, "reason", required="免去理由", multiline=True)
    s: Spokesperson = base.get_or_404(session, Spokesperson, spokesperson_id, "新闻发言人")
    actor = base.require_recorder(session, actor, s.unit_id, "免去新闻发言人", base.DECIDERS)
    if s.ended_at is not None:
        raise ConflictError(f"{s.name}的新闻发言人指定已于此前结束", ErrorCode.WRONG_STATE)
    s.ended_at, s.ended_by_name, s.end_reason = now, actor.name, reason
    session.flush()
    base.audit_change(session, actor, "media.spokesperson_end", "spokesperson", s.id, before={"active": True},
                      after={"active": False, "reason": reason}, at=now)
    return _spokesperson_row(s, base.unit_names(session))


def spokespeople(session: Session, actor: Actor, include_ended: bool = False) -> list[SpokespersonRow]:
    """Every unit's spokespeople (a contact list the whole branch may read), by unit."""
    actor = base.fresh(session, actor)
    permissions.require_role(actor, base.RECORDERS, "查看新闻发言人")
    query = select(Spokesperson)
    if not include_ended:
        query = query.where(Spokesperson.ended_at.is_(None))
    names = base.unit_names(session)
    rows = [_spokesperson_row(s, names) for s in session.execute(query.order_by(Spokesperson.id)).scalars()]
    return sorted(rows, key=lambda r: (r.unit_name, r.ended_at is not None, r.designated_at))
