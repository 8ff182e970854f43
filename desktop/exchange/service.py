"""Exchange between installations: site packages, export of what a peer lacks, import that is safe to repeat.

Everything is checked before anything is written (desktop.exchange.package); an import is applied in one
transaction (Database.run) or not at all, and is itself an entry of the audit chain, as is every record it adds or
changes. A record is known by its uid everywhere; what a peer holds (`ExchangeKnown`) is what it sent us or
acknowledged from us, so an export carries exactly the rest, and an edit made at both ends since is a conflict.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, delete, insert, or_, select
from sqlalchemy.orm import Session

from desktop import __version__
from desktop.db.exchange_tables import (
    ExchangeConflict,
    ExchangeKnown,
    ExchangePackage,
    ExchangePeer,
    ReceivedAuditEntry,
)
from desktop.db.models import (
    AuditEntry,
    DocNumber,
    Document,
    DocumentVersion,
    Incident,
    LeadershipMember,
    RuleSetRecord,
    Setting,
    Unit,
    User,
    UserRole,
)
from desktop.db.prevention_tables import Drill, Screening
from desktop.db.register_tables import Complaint, MediaOutlet, MonitoringEntry
from desktop.db.session import Database
from desktop.domain import SYSTEM, Actor, Decision
from desktop.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from desktop.exchange import crypto, records
from desktop.exchange.package import (
    FORMAT,
    MAGIC,
    PackageRefused,
    build,
    check_signature,
    decode,
    decrypt,
    open_body,
    parse,
)
from desktop.exchange.records import BY_NAME, KINDS, Kind, Names
from desktop.registers import prevention
from desktop.services import audit, doc_steps, incidents, org, permissions
from desktop.services.incidents import NUMBER_TAG_KEY
from desktop.timeutil import now_utc

UNIT_KEY = "exchange.unit_code"  # the unit this installation speaks for
ENROL_KEY = "exchange.enrol_secret"  # a site's one-time proof, sent in its packages until the upstream answers
OPERATORS = ("admin", "lead_officer")
ACKS_KEPT = 500


@dataclass(frozen=True)
class PeerInfo:
    unit_code: str
    unit_name: str
    role: str
    fingerprint: str
    enrolled: bool
    last_sent: datetime | None
    last_received: datetime | None


@dataclass(frozen=True)
class Preview:
    kind: str
    package: str
    sender_unit_code: str
    sender_unit_name: str
    sender_fingerprint: str
    recipient_unit_code: str
    created: str
    program_version: str
    counts: dict[str, int]
    ok: bool
    problem: str = ""
    new_counts: dict[str, int] = field(default_factory=dict)
    # (check, "passed" | "failed" | "unchecked", Chinese message), in the order made (CHECKS)
    checks: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class ImportResult:
    kind: str
    new: dict[str, int]
    changed: int
    conflicts: int
    nothing_new: bool
    summary: str


@dataclass(frozen=True)
class ExportResult:
    data: bytes
    counts: dict[str, int]
    summary: str


@dataclass(frozen=True)
class ConflictInfo:
    id: int
    incident_id: int
    incident_number: str
    field: str
    field_label: str
    local_value: Any
    remote_value: Any
    peer_unit_name: str
    detected_at: datetime
    resolved_at: datetime | None
    chosen: str  # "" open, "local", "remote" or "corrected"
    chosen_value: Any = None  # the value kept


# --- this installation ---------------------------------------------------------------------------------------


def _setting(session: Session, key: str) -> str | None:
    return session.execute(select(Setting.value).where(Setting.key == key)).scalar_one_or_none()


def _put_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def own_unit(session: Session) -> Unit:
    """The unit this installation speaks for: set by its site package, else the branch office (the top unit)."""
    code = _setting(session, UNIT_KEY)
    units = list(session.execute(select(Unit).order_by(Unit.id)).scalars())
    if not units:
        raise ValidationError("unit", "本机尚未建立机构，不能进行数据交换")
    for u in units:
        if code and u.code == code:
            return u
    return next((u for u in units if u.kind == "branch_office"), next((u for u in units if u.parent_id is None),
                                                                        units[0]))


def own_keys(session: Session) -> crypto.Keys | None:
    installation = audit.installation_id(session)
    return crypto.load_keys(installation) if installation else None


def ensure_keys(session: Session, actor: Actor, now: datetime) -> crypto.Keys:
    """This installation's exchange keys, made the first time they are needed (in a writing transaction: an
    installation without an audit key gets one from this entry)."""
    installation = audit.installation_id(session)
    keys = crypto.load_keys(installation) if installation else None
    if keys is not None:
        return keys
    audit.record(session, actor, "exchange.keys", "installation", "", at=now)
    installation = audit.installation_id(session)
    assert installation is not None
    keys = crypto.create_keys(installation)
    entry_note = {"fingerprint": keys.fingerprint, "sign_public": keys.sign_public, "box_public": keys.box_public}
    audit.record(session, actor, "exchange.keys_made", "installation", installation, after=entry_note, at=now)
    return keys


def own_fingerprint(session: Session) -> str:
    keys = own_keys(session)
    return crypto.display_fingerprint(keys.fingerprint) if keys else ""


def _operator(session: Session, actor: Actor, what: str) -> Actor:
    actor = doc_steps.current_actor(session, actor)  # the roles the database holds now
    if not actor.has(*OPERATORS):
        raise PermissionDenied(f"只有管理员或牵头部门经办可以{what}")
    return actor


def _me(session: Session, keys: crypto.Keys) -> dict[str, str]:
    unit = own_unit(session)
    return {"installation": keys.installation, "unit_code": unit.code, "unit_name": unit.name,
            "sign_public": keys.sign_public, "box_public": keys.box_public, "fingerprint": keys.fingerprint}


def _peer(session: Session, unit_code: str) -> ExchangePeer:
    peer = session.execute(select(ExchangePeer).where(ExchangePeer.unit_code == unit_code)).scalar_one_or_none()
    if peer is None:
        raise NotFound(f"没有单位代码为 {unit_code} 的交换对象（见 repdesk exchange peers）")
    return peer


def list_peers(session: Session) -> list[PeerInfo]:
    return [PeerInfo(p.unit_code, p.unit_name, p.role, p.fingerprint, p.installation is not None, p.last_sent_at,
                     p.last_received_at)
            for p in session.execute(select(ExchangePeer).order_by(ExchangePeer.unit_code)).scalars()]


def incident_origin(session: Session, incident_id: int) -> str:
    """"" for an incident recorded here, else the name of the peer it came from."""
    origin = session.execute(select(Incident.origin).where(Incident.id == incident_id)).scalar_one_or_none()
    if not origin:
        return ""
    name = session.execute(select(ExchangePeer.unit_name).where(ExchangePeer.installation == origin)).scalar()
    return name or origin


def origin_names(session: Session) -> dict[int, str]:
    """Every incident received from a peer, with that peer's name: one query for the incident list (few incidents
    arrive from elsewhere, so the map stays small whatever the list holds)."""
    peers = {i: n for i, n in session.execute(select(ExchangePeer.installation, ExchangePeer.unit_name)
                                             .where(ExchangePeer.installation.is_not(None)))}
    # `> ""` rather than `!= ""`: a range on ix_incidents_origin, where an inequality would scan every incident.
    return {i: peers.get(o) or o for i, o in session.execute(select(Incident.id, Incident.origin)
                                                              .where(Incident.origin > ""))}


# --- site packages -------------------------------------------------------------------------------------------


def number_tag(unit_code: str) -> str:
    """The tag a site's incident numbers carry (SY2026-BDCY-0001): its unit code, letters and digits only."""
    return re.sub(r"[^A-Za-z0-9]", "", unit_code).upper()[:6] or "S"


def make_site_package(db: Database, actor: Actor, unit_code: str, now: datetime | None = None) -> bytes:
    """At the upstream installation, as an administrator: what a site of `unit_code` needs to start."""
    now = now or now_utc()

    def job(session: Session) -> bytes:
        me = doc_steps.current_actor(session, actor)
        if not me.has("admin"):
            raise PermissionDenied("只有管理员可以制作站点包")
        unit = session.execute(select(Unit).where(Unit.code == unit_code)).scalar_one_or_none()
        if unit is None:
            raise ValidationError("unit", f"没有单位代码为 {unit_code} 的单位（见 repdesk units）")
        keys = ensure_keys(session, me, now)
        if unit.id == own_unit(session).id:
            raise ValidationError("unit", "不能为本机所代表的单位制作站点包")
        peer = session.execute(select(ExchangePeer).where(ExchangePeer.unit_code == unit.code)).scalar_one_or_none()
        if peer is not None and peer.installation is not None:
            raise ConflictError(f"{unit.name}的站点已建立（指纹 {crypto.display_fingerprint(peer.fingerprint)}），"
                                "不能再制作站点包")
        secret = secrets.token_hex(32)
        if peer is None:
            peer = ExchangePeer(unit_code=unit.code, unit_name=unit.name, role="site", created_at=now)
            session.add(peer)
        peer.enrol_hash = hashlib.sha256(secret.encode("ascii")).hexdigest()
        scope = org.descendants(session, unit.id) | {unit.id}
        units = list(session.execute(select(Unit).order_by(Unit.id)).scalars())
        users = list(session.execute(select(User).where(User.unit_id.in_(scope), User.active.is_(True))
                                     .order_by(User.id)).scalars())
        roles = {u.id: [r.role for r in u.roles] for u in users}
        body: dict[str, Any] = {
            "units": [{"id": u.id, "parent_id": u.parent_id, "kind": u.kind, "name": u.name,
                       "short_name": u.short_name, "code": u.code, "phone": u.phone, "sort_order": u.sort_order,
                       "active": u.active} for u in units],
            "accounts": [{"username": u.username, "display_name": u.display_name, "unit_id": u.unit_id,
                          "phone": u.phone, "password_hash": u.password_hash,
                          "must_change_password": u.must_change_password, "roles": roles[u.id]} for u in users],
            "rule_sets": [{"rule_set_id": r.rule_set_id, "version": r.version, "sha256": r.sha256,
                           "content": r.content}
                          for r in session.execute(select(RuleSetRecord).order_by(RuleSetRecord.id)).scalars()],
            "settings": {s.key: s.value for s in session.execute(select(Setting)).scalars()
                         if s.key.startswith(("org.", "unit."))},
            "site": {"unit_code": unit.code, "number_tag": number_tag(unit.code)},
            "enrol": secret,
        }
        counts = {"units": len(body["units"]), "accounts": len(body["accounts"]), "rule_sets": len(body["rule_sets"])}
        package_uid = secrets.token_hex(16)
        header = {"kind": "site", "package": package_uid, "program": __version__,
                  "created": records.moment_text(now), "sender": _me(session, keys),
                  "recipient": {"installation": "", "unit_code": unit.code, "unit_name": unit.name},
                  "counts": counts}
        session.flush()
        session.add(ExchangePackage(package_uid=package_uid, peer_id=peer.id, direction="out", created_at=now,
                                    processed_at=now, counts=json.dumps(counts), items="[]"))
        audit.record(session, me, "exchange.site_package", "exchange_peer", peer.id,
                     after={"unit_code": unit.code, "package": package_uid, **counts}, at=now)
        return build(keys, header, body, None)

    return db.run(job)


def is_empty(session: Session) -> bool:
    """No account yet: only a site package may be imported, with no one logged in."""
    return session.execute(select(User.id).limit(1)).first() is None


def _set_up_site(session: Session, header: dict[str, Any], body: dict[str, Any], now: datetime) -> ImportResult:
    """An empty database becomes the site: the organisation, its people, the rule set, the upstream peer."""
    try:
        units = sorted(body["units"], key=lambda u: int(u["id"]))
        id_map: dict[int, int] = {}
        pending = list(units)
        while pending:  # parents before children, whatever their ids
            progressed = False
            for u in list(pending):
                parent = u.get("parent_id")
                if parent is not None and parent not in id_map:
                    continue
                row = Unit(parent_id=id_map.get(parent) if parent is not None else None, kind=u["kind"],
                           name=u["name"], short_name=u["short_name"], code=u["code"], phone=u["phone"],
                           sort_order=u["sort_order"], active=u["active"])
                session.add(row)
                session.flush()
                id_map[int(u["id"])] = row.id
                pending.remove(u)
                progressed = True
            if not progressed:
                raise PackageRefused("站点包中的机构层级有误（上级单位缺失）")
        for a in body["accounts"]:
            user = User(username=a["username"], display_name=a["display_name"], unit_id=id_map[int(a["unit_id"])],
                        phone=a["phone"], password_hash=a["password_hash"], active=True,
                        must_change_password=bool(a["must_change_password"]), created_at=now)
            user.roles = [UserRole(role=r) for r in a["roles"]]
            session.add(user)
        for r in body["rule_sets"]:
            session.add(RuleSetRecord(rule_set_id=r["rule_set_id"], version=r["version"], sha256=r["sha256"],
                                      content=r["content"], loaded_at=now))
        for key, value in body["settings"].items():
            match = re.fullmatch(r"unit\.(\d+)\.(.+)", key)
            if match:
                key = f"unit.{id_map[int(match.group(1))]}.{match.group(2)}"
            _put_setting(session, key, value)
        site = body["site"]
        _put_setting(session, UNIT_KEY, site["unit_code"])
        _put_setting(session, NUMBER_TAG_KEY, site["number_tag"])
        _put_setting(session, ENROL_KEY, body["enrol"])
        sender = header["sender"]
        session.flush()
        keys = ensure_keys(session, SYSTEM, now)
        peer = ExchangePeer(unit_code=sender["unit_code"], unit_name=sender["unit_name"], role="upstream",
                            installation=sender["installation"], sign_public=sender["sign_public"],
                            box_public=sender["box_public"],
                            fingerprint=crypto.fingerprint_of(sender["sign_public"], sender["box_public"]),
                            enrol_hash="", created_at=now, last_received_at=now)
        session.add(peer)
        session.flush()
        session.add(ExchangePackage(package_uid=header["package"], peer_id=peer.id, direction="in",
                                    created_at=records.parse_moment(header["created"]) or now, processed_at=now,
                                    counts=json.dumps(header["counts"])))
    except (KeyError, TypeError, ValueError) as exc:
        raise PackageRefused(f"站点包内容不完整，未导入任何内容（{exc}）") from None
    counts = {"units": len(units), "accounts": len(body["accounts"])}
    audit.record(session, SYSTEM, "exchange.site_setup", "exchange_peer", peer.id,
                 after={"upstream": sender["unit_code"], "upstream_fingerprint": peer.fingerprint,
                        "site_unit": site["unit_code"], "own_fingerprint": keys.fingerprint,
                        "package": header["package"], **counts}, at=now)
    summary = (f"站点已建立：{site['unit_code']}，{counts['units']} 个单位，{counts['accounts']} 个账号；"
               f"上级 {sender['unit_name']}（指纹 {crypto.display_fingerprint(peer.fingerprint)}）")
    return ImportResult("site", counts, 0, 0, False, summary)


# --- checking a package before anything is written --------------------------------------------------------------


@dataclass
class _Checked:
    header: dict[str, Any]
    body: dict[str, Any]
    peer_id: int | None  # None: a site package for an empty database
    enrol: bool  # the site's first package: its keys become trusted


# The checks a package passes before anything is written, in the order `_check` makes them, with what each
# means (the window lists them: passed, failed with the refusal, or not reached).
CHECKS = {
    "form": "文件完整，包头可读",
    "version": "格式版本为本程序可读",
    "kind": "包的类型与本机相符",
    "sender": "发送方是已知的交换对象",
    "signature": "签名有效（内容未被改动）",
    "recipient": "发给本机（可用本机的密钥解密）",
    "content": "内容完整（审计记录与其哈希相符）",
}
EXCHANGE_CHECKS = ("form", "version", "kind", "sender", "signature", "recipient", "content")
SITE_CHECKS = ("form", "version", "signature", "content", "kind")
PASSED, FAILED, UNCHECKED = "passed", "failed", "unchecked"


def _check(session: Session, data: bytes, steps: list[str] | None = None) -> _Checked:
    """Every check, in order; `steps` (the preview) collects the name of each check as it starts, so the last
    one named is the one a refusal comes from."""
    step = steps.append if steps is not None else (lambda _name: None)
    step("form")
    if data.startswith(MAGIC):
        try:  # a readable header of another format: the form is fine, the version is not
            end = data.index(b"\n", len(MAGIC))
            if json.loads(data[len(MAGIC):end].decode("utf-8")).get("format") != FORMAT:
                step("version")
        except (ValueError, UnicodeDecodeError, AttributeError):
            pass
    raw = parse(data)
    if not steps or steps[-1] != "version":
        step("version")
    header = raw.header
    sender = header["sender"]
    kind = header["kind"]
    if kind == "site":
        step("signature")
        check_signature(raw, sender["sign_public"])  # the site package brings the upstream's key itself
        step("content")
        body = open_body(raw, None)
        step("kind")
        if not is_empty(session):
            known = session.execute(select(ExchangePackage.id).where(
                ExchangePackage.package_uid == header["package"])).first()
            if known is None:
                raise PackageRefused("本机已经建立，不能再导入站点包（站点包只能导入空数据库）")
            return _Checked(header, body, -1, False)
        return _Checked(header, body, None, False)
    step("kind")
    if kind != "exchange":
        raise PackageRefused(f"不认识的数据交换包类型（{kind}）")
    if is_empty(session):
        raise PackageRefused("本机数据库为空：只能导入上级制作的站点包")
    step("sender")
    peer = session.execute(select(ExchangePeer).where(
        ExchangePeer.installation == sender["installation"])).scalar_one_or_none()
    enrol = False
    if peer is None:
        peer = session.execute(select(ExchangePeer).where(ExchangePeer.unit_code == sender["unit_code"],
                                                          ExchangePeer.installation.is_(None))).scalar_one_or_none()
        if peer is None or not peer.enrol_hash:
            raise PackageRefused(f"数据交换包来自未知的安装（{sender.get('unit_name', '')} "
                                 f"{crypto.display_fingerprint(str(sender.get('fingerprint', '')))}），未导入任何内容")
        step("signature")
        check_signature(raw, sender["sign_public"])
        enrol = True
    else:
        if peer.sign_public != sender["sign_public"]:
            raise PackageRefused("数据交换包的签名密钥与已知的该安装不符，未导入任何内容")
        step("signature")
        check_signature(raw, peer.sign_public)
    step("recipient")
    recipient = header["recipient"]
    installation = audit.installation_id(session)
    if not isinstance(recipient, dict) or recipient.get("installation") != installation:
        name = recipient.get("unit_name", "") if isinstance(recipient, dict) else ""
        raise PackageRefused(f"数据交换包是发给其他安装的（{name}），未导入任何内容")
    plain = decrypt(raw, own_keys(session))
    step("content")
    body = decode(plain)
    if enrol:
        secret = body.get("enrol")
        if not isinstance(secret, str) or hashlib.sha256(secret.encode("ascii")).hexdigest() != peer.enrol_hash:
            step("sender")  # the site's proof is inside the encrypted body: the sender check fails here
            raise PackageRefused("数据交换包来自未知的安装：它没有证明自己来自本机制作的站点包，未导入任何内容")
    for entry in body.get("audit", []):
        if not isinstance(entry, dict) or _entry_hash(entry) != entry.get("hash"):
            raise PackageRefused("数据交换包中的审计记录与其哈希不符，未导入任何内容")
    return _Checked(header, body, peer.id, enrol)


def _entry_hash(entry: dict[str, Any]) -> str:
    fields = {k: entry.get(k) for k in ("id", "at", "actor_id", "actor_name", "action", "entity", "entity_id",
                                        "incident_id", "before", "after", "prev_hash")}
    return hashlib.sha256(audit.canonical(fields).encode("utf-8")).hexdigest()


def preview_package(session: Session, data: bytes) -> Preview:
    """What a package holds and the result of its checks, without writing anything."""
    steps: list[str] = []
    try:
        raw = parse(data)
    except PackageRefused as exc:
        try:
            _check(session, data, steps)
        except PackageRefused:
            pass
        return Preview("", "", "", "", "", "", "", "", {}, False, exc.message,
                       checks=_check_results(EXCHANGE_CHECKS, steps, exc.message))
    h = raw.header
    sender, recipient = h["sender"], h["recipient"] if isinstance(h["recipient"], dict) else {}
    base: dict[str, Any] = {
        "kind": str(h["kind"]), "package": str(h["package"]), "sender_unit_code": str(sender["unit_code"]),
        "sender_unit_name": str(sender.get("unit_name", "")),
        "sender_fingerprint": crypto.display_fingerprint(str(sender.get("fingerprint", ""))),
        "recipient_unit_code": str(recipient.get("unit_code", "")), "created": str(h["created"]),
        "program_version": str(h.get("program", "")),
        "counts": {k: int(v) for k, v in dict(h["counts"]).items()},
    }
    order = SITE_CHECKS if base["kind"] == "site" else EXCHANGE_CHECKS
    try:
        checked = _check(session, data, steps)
    except PackageRefused as exc:
        return Preview(**base, ok=False, problem=exc.message, checks=_check_results(order, steps, exc.message))
    new: dict[str, int] = {}
    if checked.peer_id is not None and checked.peer_id > 0:
        names = Names(session)
        for kind in KINDS:
            payloads = [p for p in checked.body.get("records", {}).get(kind.name, []) if isinstance(p, dict)]
            names.prefetch(kind.name, {str(p.get("uid")) for p in payloads})
            fresh = sum(1 for p in payloads if names.id_of(kind.name, str(p.get("uid"))) is None)
            if fresh:
                new[kind.name] = fresh
    return Preview(**base, ok=True, new_counts=new, checks=_check_results(order, steps, ""))


def _check_results(order: tuple[str, ...], steps: list[str], problem: str) -> tuple[tuple[str, str, str], ...]:
    """(check, PASSED | FAILED | UNCHECKED, Chinese message) for each check in `order`: those `_check` went
    through passed, except the last one when the package was refused; the rest were not reached."""
    failed = steps[-1] if problem and steps else ""
    out = []
    for name in order:
        if name == failed:
            out.append((name, FAILED, problem))
        elif name in steps:
            out.append((name, PASSED, CHECKS[name]))
        else:
            out.append((name, UNCHECKED, "未检查：前面的检查未通过" if problem else CHECKS[name]))
    return tuple(out)


# --- export ------------------------------------------------------------------------------------------------------


def _scope(session: Session, peer: ExchangePeer) -> tuple[Any, set[int] | None]:
    """What the peer may see: a site, the incidents and register records of its units; the upstream, all of this
    installation's. Returns the incidents (a query of ids) and the units (None: all)."""
    query = select(Incident.id)
    units: set[int] | None = None
    if peer.role == "site":
        unit = session.execute(select(Unit).where(Unit.code == peer.unit_code)).scalar_one()
        units = org.descendants(session, unit.id) | {unit.id}
        query = query.where(Incident.unit_id.in_(units))
    return query, units


def _in_units(model: Any, units: set[int] | None) -> Any:
    query = select(model.id)
    return query if units is None else query.where(model.unit_id.in_(units))


def _rows(session: Session, kind: Kind, incidents: Any, units: set[int] | None) -> list[Any]:
    model: Any = kind.model
    path = kind.incident_path
    if kind.name == "incident":
        query = select(model).where(model.id.in_(incidents))
    elif path == "incident":
        query = select(model).where(model.incident_id.in_(incidents))
    elif path == "document":
        query = select(model).where(model.document_id.in_(select(Document.id).where(
            Document.incident_id.in_(incidents))))
    elif path == "version":
        query = select(model).where(model.version_id.in_(select(DocumentVersion.id).join(Document).where(
            Document.incident_id.in_(incidents))))
    elif path == "unit":
        query = select(model) if units is None else select(model).where(model.unit_id.in_(units))
    elif path == "complaint":
        query = select(model).where(model.complaint_id.in_(_in_units(Complaint, units)))
    elif path == "owner":  # attachments of the travelling owners the peer may see
        owners = {"incident": incidents, "monitoring": _in_units(MonitoringEntry, units),
                  "complaint": _in_units(Complaint, units), "drill": _in_units(Drill, units),
                  "screening": _in_units(Screening, units)}
        query = select(model).where(or_(*(and_(model.owner_kind == k, model.owner_id.in_(q))
                                          for k, q in owners.items())))
    elif path == "source":  # follow-ups of the prevention records the peer may see (the record travels too)
        query = select(model).where(or_(*(and_(model.source_kind == k, model.source_id.in_(
            _in_units(records.BY_NAME[k].model, units))) for k in records.PREVENTION)))
    else:  # "all": the media directory
        query = select(model)
    return list(session.execute(query.order_by(model.id)).scalars())


def _known(session: Session, peer_id: int) -> dict[tuple[str, str], str]:
    return {(e, u): d for e, u, d in session.execute(
        select(ExchangeKnown.entity, ExchangeKnown.uid, ExchangeKnown.digest).where(ExchangeKnown.peer_id == peer_id))}


def _collect(session: Session, peer: ExchangePeer) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]],
                                                           list[list[Any]]]:
    known = _known(session, peer.id)
    names = Names(session)
    incidents, units = _scope(session, peer)
    out: dict[str, list[dict[str, Any]]] = {}
    items: list[list[Any]] = []
    for kind in KINDS:
        for row in _rows(session, kind, incidents, units):
            payload = records.serialise(kind, row, names)
            d = records.digest(payload)
            if known.get((kind.name, row.uid)) == d:
                continue
            out.setdefault(kind.name, []).append(payload)
            items.append([kind.name, row.uid, d, payload if kind.merge == "facts" else None])
    entries: list[dict[str, Any]] = []
    uid_of_incident = {i: u for i, u in session.execute(select(Incident.id, Incident.uid)
                                                        .where(Incident.id.in_(incidents)))}
    for e in session.execute(select(AuditEntry).where(AuditEntry.incident_id.in_(incidents))
                             .order_by(AuditEntry.id)).scalars():
        if ("audit", str(e.id)) in known:  # entries never change: one the peer has, it has (its hash may be
            continue                     # set only when the chain is sealed at commit, after it was remembered)
        entries.append({"id": e.id, "at": audit.canonical(e.at).strip('"'), "actor_id": e.actor_id,
                        "actor_name": e.actor_name, "action": e.action, "entity": e.entity, "entity_id": e.entity_id,
                        "incident_id": e.incident_id, "before": e.before, "after": e.after,
                        "prev_hash": e.prev_hash, "hash": e.hash, "mac": e.mac or "",
                        "incident_uid": uid_of_incident.get(e.incident_id or 0, "")})
        items.append(["audit", str(e.id), e.hash, None])
    return out, entries, items


_PENDING_KEPT = 32
_pending_cache: dict[tuple[str, str, int, str], dict[str, int]] = {}


def pending_counts(session: Session, peer_unit_code: str) -> dict[str, int]:
    """What an export to the peer would carry now (read only).

    Counting means serialising every record in the peer's scope, so the answer is kept per audit mark: every
    change to a record, every export and every import is an entry of the chain, and the newest entry's hash
    stands for the whole history before it, so an unchanged mark means unchanged counts (the window asks on
    every reload)."""
    last = session.execute(select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).first()
    key = (audit.installation_id(session) or "", peer_unit_code, int(last[0]) if last else 0,
           str(last[1]) if last else "")
    cached = _pending_cache.get(key)
    if cached is not None:
        return dict(cached)
    recs, entries, _items = _collect(session, _peer(session, peer_unit_code))
    counts = {k: len(v) for k, v in recs.items()}
    if entries:
        counts["audit"] = len(entries)
    if len(_pending_cache) >= _PENDING_KEPT:
        _pending_cache.pop(next(iter(_pending_cache)))
    _pending_cache[key] = dict(counts)
    return counts


def export_package(db: Database, actor: Actor, peer_unit_code: str, now: datetime | None = None) -> ExportResult:
    # The package's time orders it against the sender's other packages (an older one applied after a newer one
    # changes nothing): to the microsecond, so two packages made within a second still have an order.
    created = now or datetime.now(UTC)
    now = now or now_utc()

    def job(session: Session) -> ExportResult:
        me = _operator(session, actor, "导出数据交换包")
        keys = ensure_keys(session, me, now)
        peer = _peer(session, peer_unit_code)
        if peer.installation is None:
            raise ValidationError("peer", f"{peer.unit_name}的站点尚未发回第一个数据交换包：还不知道它的密钥，"
                                          "不能向它导出")
        recs, entries, items = _collect(session, peer)
        acks = list(session.execute(select(ExchangePackage.package_uid).where(
            ExchangePackage.peer_id == peer.id, ExchangePackage.direction == "in")
            .order_by(ExchangePackage.id.desc()).limit(ACKS_KEPT)).scalars())
        body: dict[str, Any] = {"records": recs, "audit": entries, "acks": acks}
        secret = _setting(session, ENROL_KEY)
        if secret and peer.role == "upstream":
            body["enrol"] = secret
        counts = {k: len(v) for k, v in recs.items()}
        counts["audit"] = len(entries)
        package_uid = secrets.token_hex(16)
        header = {"kind": "exchange", "package": package_uid, "program": __version__,
                  "created": records.moment_text(created), "sender": _me(session, keys),
                  "recipient": {"installation": peer.installation, "unit_code": peer.unit_code,
                                "unit_name": peer.unit_name, "fingerprint": peer.fingerprint},
                  "counts": counts}
        data = build(keys, header, body, peer.box_public)
        sha = hashlib.sha256(data).hexdigest()
        session.add(ExchangePackage(package_uid=package_uid, peer_id=peer.id, direction="out", created_at=created,
                                    processed_at=now, counts=json.dumps(counts), items=json.dumps(items),
                                    sha256=sha))
        peer.last_sent_at = now
        audit.record(session, me, "exchange.export", "exchange_peer", peer.id,
                     after={"to": peer.unit_code, "package": package_uid, "sha256": sha, **counts}, at=now)
        total = sum(v for k, v in counts.items() if k != "audit")
        summary = (f"已导出给 {peer.unit_code} {peer.unit_name}：{total} 条记录（{_describe(counts)}），"
                   f"{len(entries)} 条审计记录，{len(data)} 字节")
        return ExportResult(data, counts, summary)

    return db.run(job)


def _describe(counts: dict[str, int]) -> str:
    parts = [f"{BY_NAME[k].label} {v}" for k, v in counts.items() if k in BY_NAME and v]
    return "，".join(parts) or "无新内容"


# --- import ------------------------------------------------------------------------------------------------------


def import_package(db: Database, data: bytes, actor: Actor | None, now: datetime | None = None) -> ImportResult:
    """Check, then apply in one transaction. `actor` None only sets up an empty database from a site package."""
    now = now or now_utc()
    with db.read() as session:
        checked = _check(session, data)
    if checked.peer_id is None:
        return db.run(lambda s: _set_up_empty(s, data, now))
    if actor is None:
        raise PermissionDenied("导入数据交换包须以用户身份进行（--user NAME）")

    def job(session: Session) -> ImportResult:
        again = _check(session, data)  # under the write lock: the state it was checked against still holds
        me = _operator(session, actor, "导入数据交换包")
        if again.peer_id == -1:
            audit.record(session, me, "exchange.import", "exchange_package", again.header["package"],
                         after={"nothing_new": True, "kind": "site"}, at=now)
            return ImportResult("site", {}, 0, 0, True, "该站点包已导入过，没有新内容")
        assert again.peer_id is not None
        return _apply(session, me, again, now)

    return db.run(job)


def _set_up_empty(session: Session, data: bytes, now: datetime) -> ImportResult:
    checked = _check(session, data)
    if checked.peer_id is not None:
        raise PackageRefused("本机已经建立，不能再导入站点包")
    return _set_up_site(session, checked.header, checked.body, now)


@dataclass
class _Known:
    """A record the peer holds that was not known before this package (`_Apply.write_known`)."""

    entity: str
    uid: str
    digest: str
    payload: str
    package_at: datetime | None = None


class _Apply:
    def __init__(self, session: Session, actor: Actor, peer: ExchangePeer, package_at: datetime,
                 now: datetime) -> None:
        self.session = session
        self.actor = actor
        self.peer = peer
        self.package_at = package_at
        self.now = now
        self.names = Names(session)
        self.new: dict[str, int] = {}
        self.changed = 0
        self.conflicts = 0
        self.known: dict[tuple[str, str], Any] = {(k.entity, k.uid): k for k in session.execute(
            select(ExchangeKnown).where(ExchangeKnown.peer_id == peer.id)).scalars()}
        self.pending_links: list[tuple[Kind, str, str, str]] = []
        self.pending_audit: list[audit.Pending] = []
        self.fresh_known: list[_Known] = []
        self.taken_numbers: set[str] = set()
        self.outlets: set[str] = set()

    def audit(self, actor: Actor, action: str, entity: str, entity_id: object, **kw: Any) -> None:
        """An entry of the local chain recording what arrived: the peer has the facts, so it is not sent back.
        Entries are appended in batches (`flush_audit`): one chain lock and one flush per kind of record."""
        self.pending_audit.append(audit.Pending(actor, action, entity, entity_id, **kw))

    def flush_audit(self) -> None:
        for entry in audit.record_many(self.session, self.pending_audit):
            self.remember("audit", str(entry.id), entry.hash, None)
        self.pending_audit.clear()

    def remember(self, entity: str, uid: str, digest: str, payload: dict[str, Any] | None) -> None:
        row = self.known.get((entity, uid))
        if row is not None and row.package_at is not None and row.package_at > self.package_at:
            return  # what a newer package said stays the common ground
        if row is None:  # written in one statement at the end (`write_known`): thousands per package
            row = _Known(entity=entity, uid=uid, digest=digest, payload="")
            self.fresh_known.append(row)
            self.known[(entity, uid)] = row
        row.digest = digest
        row.payload = json.dumps(payload, ensure_ascii=False, sort_keys=True) if payload is not None else ""
        row.package_at = self.package_at

    def write_known(self) -> None:
        """What the peer now holds, new entries: one multi-row INSERT rather than an ORM object each."""
        rows = [{"peer_id": self.peer.id, "entity": k.entity, "uid": k.uid, "digest": k.digest,
                 "payload": k.payload, "package_at": k.package_at} for k in self.fresh_known]
        for start in range(0, len(rows), 1000):
            self.session.execute(insert(ExchangeKnown), rows[start:start + 1000])
        self.fresh_known.clear()

    def incident_of(self, kind: Kind, row: Any) -> int | None:
        """The incident a record belongs to (None for a register record that names none)."""
        if kind.name == "incident":
            return int(row.id)
        if kind.incident_path == "document":
            return int(self.session.get(Document, row.document_id).incident_id)  # type: ignore[union-attr]
        if kind.incident_path == "version":
            version = self.session.get(DocumentVersion, row.version_id)
            assert version is not None
            return int(self.session.get(Document, version.document_id).incident_id)  # type: ignore[union-attr]
        if kind.name == "attachment" and row.owner_kind == "incident":
            return int(row.owner_id)
        incident_id = getattr(row, "incident_id", None)
        return None if incident_id is None else int(incident_id)

    def values(self, kind: Kind, payload: dict[str, Any], columns: tuple[str, ...] | None = None) -> dict[str, Any]:
        out = {}
        for column in columns or tuple(kind.fields):
            how = kind.fields[column]
            value = records.local_value(kind, column, payload.get(column), self.names, payload)
            if isinstance(how, records.Ref | records.PolyRef) and payload.get(column) is not None and value is None:
                if column in kind.late:  # named record later in this package: linked once it is here
                    self.pending_links.append((kind, str(payload["uid"]), column, str(payload[column])))
                    continue
                raise PackageRefused(f"数据交换包不完整：{kind.label}引用的记录不在本机也不在包中，未导入任何内容")
            out[column] = value
        return out

    def link_late(self) -> None:
        """The links to records that came later in the package (a corrected event's replacement)."""
        for kind, uid, column, target in self.pending_links:
            how = kind.fields[column]
            assert isinstance(how, records.Ref)
            target_id = self.names.id_of(how.kind, target)
            if target_id is None:
                raise PackageRefused(f"数据交换包不完整：{kind.label}引用的记录不在本机也不在包中，未导入任何内容")
            model: Any = kind.model
            row = self.session.execute(select(model).where(model.uid == uid)).scalar_one()
            if getattr(row, column) is None:
                setattr(row, column, target_id)
        self.pending_links.clear()
        self.session.flush()

    def take_number(self, version: DocumentVersion, payload: dict[str, Any]) -> None:
        """The 发文字号 given where the version was signed: the same row here, so the same number prints; a number
        this installation's sequence already gave another version is a conflict to resolve, never a second owner."""
        number = payload.get("assigned_number")
        if not isinstance(number, dict):
            return
        if self.session.execute(select(DocNumber.id).where(DocNumber.version_id == version.id)).first():
            return
        unit_id = self.names.unit_id(number.get("unit"))
        taken = self.session.execute(select(DocNumber).where(
            DocNumber.unit_id == unit_id, DocNumber.year == int(number["year"]),
            DocNumber.seq == int(number["seq"]))).scalar_one_or_none()
        if taken is not None:
            self.conflict(BY_NAME["version"], version, "doc_number", taken.number, number.get("number"))
            return
        row = DocNumber(version_id=version.id, unit_id=unit_id, year=int(number["year"]), seq=int(number["seq"]),
                        number=str(number["number"]),
                        assigned_at=records.parse_moment(number.get("assigned_at")) or self.now)
        self.session.add(row)
        self.session.flush()
        self.audit(self.actor, "document.numbered", "document_version", version.id,
                   after={"doc_number": row.number, "unit_id": unit_id, "year": row.year, "seq": row.seq,
                          "from": self.peer.unit_code}, incident_id=self.incident_of(BY_NAME["version"], version),
                   at=self.now)

    def records(self, kind: Kind, payloads: list[dict[str, Any]]) -> None:
        """One kind's records: their uids and the records they name looked up in bulk, the new ones inserted with
        one flush, their audit entries appended in one batch. Per-record queries and flushes made an import of
        1,000 incidents take minutes."""
        for payload in payloads:
            uid = payload.get("uid") if isinstance(payload, dict) else None
            if not isinstance(uid, str) or not re.fullmatch(r"[0-9a-f]{32}", uid):
                raise PackageRefused(f"数据交换包中的{kind.label}缺少有效的标识，未导入任何内容")
        self.names.prefetch(kind.name, {p["uid"] for p in payloads})
        for column, how in kind.fields.items():
            if isinstance(how, records.Ref):
                self.names.prefetch(how.kind, {str(p[column]) for p in payloads if p.get(column) is not None})
            elif isinstance(how, records.PolyRef):
                for owner_kind, target in how.kinds.items():
                    self.names.prefetch(target, {str(p[column]) for p in payloads
                                                 if p.get(column) is not None and p.get(how.kind_column) == owner_kind})
        if kind.name == "incident":
            numbers = [str(p.get("number")) for p in payloads if self.names.id_of("incident", p["uid"]) is None]
            self.taken_numbers = {n for start in range(0, len(numbers), 500) for n in self.session.execute(
                select(Incident.number).where(Incident.number.in_(numbers[start:start + 500]))).scalars()}
        model: Any = kind.model
        fresh: list[tuple[Any, dict[str, Any]]] = []
        batch: set[str] = set()
        for payload in payloads:
            uid = payload["uid"]
            row_id = self.names.id_of(kind.name, uid)
            if row_id is None:
                if uid in batch:
                    continue  # the same record twice in one package: once is enough
                batch.add(uid)
                row = self.insert(kind, model, uid, payload)
                if row is not None:
                    fresh.append((row, payload))
            else:
                row = self.session.get(model, row_id)
                if kind.merge == "facts":
                    self.merge_facts(kind, row, payload)
                else:
                    self.progress(kind, row, payload)
            self.remember(kind.name, uid, records.digest(payload), payload if kind.merge == "facts" else None)
        self.session.add_all([row for row, _p in fresh])
        self.session.flush()
        for row, _payload in fresh:
            self.names.remember(kind.name, row.uid, row.id)
        for row, payload in fresh:
            self.inserted(kind, row, payload)
        self.flush_audit()

    def insert(self, kind: Kind, model: Any, uid: str, payload: dict[str, Any]) -> Any:
        """A new record's row, not yet added to the session (`records` adds a kind's rows at once)."""
        values = self.values(kind, payload)
        if kind.name == "incident":
            if values["number"] in self.taken_numbers:
                raise PackageRefused(f"事件编号 {values['number']} 在本机已被另一事件使用，未导入任何内容")
            self.taken_numbers.add(values["number"])
            values.update(origin=self.peer.installation, updated_at=self.now)
        elif kind.name == "outlet" and (values["name"] in self.outlets or self.session.execute(
                select(MediaOutlet.id).where(MediaOutlet.name == values["name"])).first()):
            return None  # the same outlet entered at both ends: the directory keeps one (names are unique)
        elif kind.name == "attachment":
            content = values["content"]
            if hashlib.sha256(content).hexdigest() != values["sha256"] or len(content) != int(values["size"]):
                raise PackageRefused(f"数据交换包中的附件“{values['filename']}”与其 SHA-256 不符，未导入任何内容")
        if kind.name == "outlet":
            self.outlets.add(values["name"])
        self.new[kind.name] = self.new.get(kind.name, 0) + 1
        return model(uid=uid, **values)

    def inserted(self, kind: Kind, row: Any, payload: dict[str, Any]) -> None:
        """A new record's audit entry, as where it was recorded (the entries `audit verify` checks), once its
        row has its id here."""
        uid = row.uid
        incident_id = self.incident_of(kind, row)
        facts = {"uid": uid, "from": self.peer.unit_code}
        if kind.name == "event":
            self.audit(self.actor, "event.record", "incident_event", row.id,
                         after={"type": row.type, "at": row.at, "note": row.note, "late_reason": row.late_reason,
                                "data": row.data, "recorded_by": row.recorded_by_name, **facts},
                         incident_id=incident_id, at=self.now)
        elif kind.name == "decision":
            version = self.session.get(DocumentVersion, row.version_id)
            assert version is not None
            paper = payload.get("actor_name", "").endswith("（纸质签字）")
            if not paper:
                who = Actor(row.actor_id, row.actor_name, None)
                self.audit(who, f"document.{row.decision}", "document_version", version.id,
                             after={"state": version.state, "step": row.step, "comment": row.comment,
                                    "sha256": version.sha256, "received": True, **facts},
                             incident_id=incident_id, at=row.decided_at)
        elif kind.name == "attachment":  # the entry `audit verify` checks the file against, as at its origin
            who = Actor(row.uploaded_by_id, row.uploaded_by_name, None)
            self.audit(who, "attachment.add", "attachment", row.id,
                       after={"owner_kind": row.owner_kind, "owner_id": row.owner_id, "filename": row.filename,
                              "media_type": row.media_type, "size": row.size, "sha256": row.sha256,
                              "note": row.note, "received": True, **facts},
                       incident_id=incident_id, at=self.now)
        elif kind.name == "paper":
            version = self.session.get(DocumentVersion, row.version_id)
            assert version is not None
            who = Actor(row.recorded_by_id, row.recorded_by_name, None)
            self.audit(who, "document.paper_signed", "document_version", version.id,
                         after={"state": version.state, "step": "unit_head_sign", "signer_name": row.signer_name,
                                "signed_at": row.signed_at, "scan_sha256": row.scan_sha256,
                                "sha256": version.sha256, "received": True, **facts},
                         incident_id=incident_id, at=row.recorded_at)
        elif kind.name in records.PREVENTION:  # the entries `audit verify` checks a prevention row against
            who = Actor(row.recorded_by_id, row.recorded_by_name, None)
            self.audit(who, f"{kind.name}.add", f"prevention_{kind.name}", row.id, before=facts,
                       after=prevention.added_facts(kind.name, row), at=row.recorded_at)
            self.later_facts(kind, row, set(kind.progress))
        elif kind.name == "followup":
            who = Actor(row.recorded_by_id, row.recorded_by_name, None)
            self.audit(who, "followup.add", "prevention_followup", row.id, before=facts,
                       after={"source": f"{row.source_kind}:{row.source_id}", "unit_id": row.unit_id,
                              "owner": row.owner, "action": row.action, "due_at": row.due_at}, at=row.recorded_at)
            self.later_facts(kind, row, {"state"})
        else:
            self.audit(self.actor, f"exchange.{kind.name}_received", kind.model.__tablename__,
                         row.id, after={k: v for k, v in payload.items() if k not in ("content", "scan")},
                         incident_id=incident_id, at=self.now)
        if kind.name == "version":
            self.take_number(row, payload)

    def later_facts(self, kind: Kind, row: Any, changed: set[str]) -> bool:
        """A prevention record's withdrawal, a screening's sign-off, a follow-up's closing, made at the other
        installation: each entered here with its own entry by the person named on the row, as `audit verify`
        expects (returns whether there was one)."""
        facts = {"from": self.peer.unit_code, "uid": row.uid}
        wrote = False
        if kind.name in records.PREVENTION and "withdrawn_at" in changed and row.withdrawn_at is not None:
            self.audit(Actor(None, row.withdrawn_by_name, None), f"{kind.name}.withdraw", f"prevention_{kind.name}",
                       row.id, before={"withdrawn": False, **facts},
                       after={"withdrawn": True, "reason": row.withdraw_reason}, at=row.withdrawn_at)
            wrote = True
        if kind.name == "screening" and "state" in changed and row.state != "pending":
            self.audit(Actor(row.decided_by_id, row.decided_by_name, None), f"screening.{row.state}",
                       "prevention_screening", row.id, before={"state": "pending", **facts},
                       after={"state": row.state, "comment": row.decision_comment, "verdict": row.verdict},
                       at=row.decided_at)
            wrote = True
        if kind.name == "followup" and "state" in changed and row.state != "open":
            self.audit(Actor(None, row.closed_by_name, None), f"followup.{row.state}", "prevention_followup",
                       row.id, before={"state": "open", **facts}, after={"state": row.state, "note": row.close_note},
                       at=row.closed_at)
            wrote = True
        return wrote

    def leadership(self, payloads: list[dict[str, Any]]) -> None:
        """A leadership group is set as a whole (services.incidents.set_leadership_group makes new rows each
        time): the members a package brings for an incident are its group now, unless a newer package already
        said otherwise. Replaced members are removed as at the origin, with a `leadership.set` entry."""
        by_incident: dict[str, list[dict[str, Any]]] = {}
        for p in payloads:
            by_incident.setdefault(str(p.get("incident_id")), []).append(p)
        for incident_uid, members in by_incident.items():
            incident_id = self.names.id_of("incident", incident_uid)
            if incident_id is None:
                raise PackageRefused("数据交换包不完整：领导小组成员引用的事件不在本机也不在包中，未导入任何内容")
            known = self.known.get(("leadership_group", incident_uid))
            if known is not None and known.package_at is not None and known.package_at > self.package_at:
                continue  # an older group arriving after a newer one
            uids = {str(m["uid"]) for m in members}
            old = list(self.session.execute(select(LeadershipMember).where(
                LeadershipMember.incident_id == incident_id).order_by(LeadershipMember.sort_order)).scalars())
            if {m.uid for m in old} == uids:
                continue
            before = [(m.position, m.name, m.title) for m in old]
            for gone in old:
                if gone.uid not in uids:
                    self.session.delete(gone)
            have = {m.uid for m in old}
            group = sorted(members, key=lambda p: int(p.get("sort_order") or 0))
            for p in group:
                if p["uid"] not in have:
                    self.session.add(LeadershipMember(uid=p["uid"], incident_id=incident_id,
                                                      position=str(p["position"]), name=str(p["name"]),
                                                      title=str(p.get("title") or ""),
                                                      sort_order=int(p.get("sort_order") or 0)))
                    self.new["leadership"] = self.new.get("leadership", 0) + 1
            self.session.flush()
            self.audit(self.actor, "leadership.set", "incident", incident_id, before=before,
                       after=[[p["position"], p["name"], p.get("title") or ""] for p in group],
                       incident_id=incident_id, at=self.now)
            self.remember("leadership_group", incident_uid, records.digest({"members": sorted(uids)}), None)
        for p in payloads:
            self.remember("leadership", str(p["uid"]), records.digest(p), None)
        self.flush_audit()

    def merge_facts(self, kind: Kind, row: Any, payload: dict[str, Any]) -> None:
        known = self.known.get((kind.name, row.uid))
        if known is not None and known.package_at is not None and known.package_at > self.package_at:
            return  # an older package arriving after a newer one: what it says was already superseded
        base = json.loads(known.payload) if known is not None and known.payload else None
        local = records.serialise(kind, row, self.names)
        taken: dict[str, Any] = {}
        for column in kind.fields:
            if column in records.IDENTITY or local.get(column) == payload.get(column):
                continue
            if base is not None and column in base and local.get(column) == base[column]:
                taken[column] = payload.get(column)  # changed there only
            elif base is not None and column in base and payload.get(column) == base[column]:
                continue  # changed here only
            else:
                self.conflict(kind, row, column, local.get(column), payload.get(column))
        if not taken:
            return
        values = self.values(kind, payload, tuple(taken))
        before = {c: local.get(c) for c in taken}
        for column, value in values.items():
            setattr(row, column, value)
        row.updated_at = self.now
        self.session.flush()
        self.changed += 1
        self.audit(self.actor, "incident.update", "incident", row.id, before=before,
                     after={**taken, "from": self.peer.unit_code}, incident_id=row.id, at=self.now)

    def conflict(self, kind: Kind, row: Any, column: str, local: Any, remote: Any) -> None:
        local_text = json.dumps(local, ensure_ascii=False)
        remote_text = json.dumps(remote, ensure_ascii=False)
        incident_id = self.incident_of(kind, row)
        same = self.session.execute(select(ExchangeConflict.id).where(
            ExchangeConflict.entity_uid == row.uid, ExchangeConflict.field == column,
            ExchangeConflict.remote_value == remote_text, ExchangeConflict.resolved_at.is_(None))).first()
        if same is not None:
            return
        c = ExchangeConflict(incident_id=incident_id, peer_id=self.peer.id, entity=kind.name, entity_uid=row.uid,
                             field=column, local_value=local_text, remote_value=remote_text, detected_at=self.now)
        self.session.add(c)
        self.session.flush()
        self.conflicts += 1
        self.audit(self.actor, "exchange.conflict", "exchange_conflict", c.id,
                     after={"field": column, "local": local, "remote": remote, "from": self.peer.unit_code},
                     incident_id=incident_id, at=self.now)

    def progress(self, kind: Kind, row: Any, payload: dict[str, Any]) -> None:
        """An immutable record's later facts: a version signed or sent there, an event withdrawn there."""
        changed: dict[str, Any] = {}
        if kind.name == "version":
            if payload.get("sha256") != row.sha256:
                self.conflict(kind, row, "content", row.sha256, payload.get("sha256"))
                return
            self.take_number(row, payload)
            order = records.STATE_ORDER
            remote_state = str(payload.get("state"))
            if remote_state in order and order.index(remote_state) > order.index(str(row.state)):
                changed = self.values(kind, payload, kind.progress)
        elif kind.name == "event":
            if row.withdrawn_at is None and payload.get("withdrawn_at"):
                changed = self.values(kind, payload, kind.progress)
            elif row.superseded_by_id is None and payload.get("superseded_by_id"):
                changed = self.values(kind, payload, ("superseded_by_id",))
        elif kind.name == "document":
            if not row.doc_number and payload.get("doc_number"):
                changed = {"doc_number": payload["doc_number"]}
        elif kind.newer:  # a later result carries its state with it
            local = getattr(row, kind.newer)
            remote = records.parse_moment(payload.get(kind.newer))
            if remote is not None and (local is None or remote > local):
                changed = self.values(kind, payload, kind.progress)
        elif kind.name == "screening" and row.state == "pending" and payload.get("state") not in (None, "pending"):
            changed = self.values(kind, payload, ("state", "decided_by_id", "decided_by_name", "decided_at",
                                                  "decision_comment"))
            if row.withdrawn_at is None and payload.get("withdrawn_at"):
                changed.update(self.values(kind, payload, records.WITHDRAWAL))
        elif kind.progress:  # filled in where still empty here (a closure, a link, a withdrawal)
            local_payload = records.serialise(kind, row, self.names)
            fill = tuple(c for c in kind.progress if local_payload.get(c) in (None, "", "open")
                         and payload.get(c) not in (None, "", "open"))
            changed = self.values(kind, payload, fill) if fill else {}
        if not changed:
            return
        before = {c: records.serialise(kind, row, self.names).get(c) for c in changed}
        for column, value in changed.items():
            setattr(row, column, value)
        self.session.flush()
        self.changed += 1
        if self.later_facts(kind, row, set(changed)):
            return
        action = "event.withdraw" if kind.name == "event" and "withdrawn_at" in changed \
            else f"exchange.{kind.name}_progress"
        self.audit(self.actor, action, kind.model.__tablename__, row.id, before=before,
                     after={c: payload.get(c) for c in changed} | {"from": self.peer.unit_code},
                     incident_id=self.incident_of(kind, row), at=self.now)


def _apply(session: Session, actor: Actor, checked: _Checked, now: datetime) -> ImportResult:
    header, body = checked.header, checked.body
    peer = session.get(ExchangePeer, checked.peer_id)
    assert peer is not None
    package_uid = str(header["package"])
    seen = session.execute(select(ExchangePackage.id).where(ExchangePackage.package_uid == package_uid)).first()
    if seen is not None:
        audit.record(session, actor, "exchange.import", "exchange_package", package_uid,
                     after={"from": peer.unit_code, "nothing_new": True}, at=now)
        return ImportResult("exchange", {}, 0, 0, True, f"该数据交换包已导入过（来自 {peer.unit_name}），没有新内容")
    sender = header["sender"]
    if checked.enrol:
        peer.installation = sender["installation"]
        peer.sign_public = sender["sign_public"]
        peer.box_public = sender["box_public"]
        peer.fingerprint = crypto.fingerprint_of(sender["sign_public"], sender["box_public"])
        peer.enrol_hash = ""
        session.flush()
        audit.record(session, actor, "exchange.site_enrolled", "exchange_peer", peer.id,
                     after={"unit_code": peer.unit_code, "fingerprint": peer.fingerprint}, at=now)
    try:
        package_at = records.parse_moment(header["created"]) or now
        work = _Apply(session, actor, peer, package_at, now)
        _acknowledged(session, work, peer, body.get("acks", []))
        recs = body.get("records", {})
        for kind in KINDS:
            if kind.name == "leadership" and recs.get(kind.name):
                work.leadership(list(recs[kind.name]))
            elif recs.get(kind.name):
                work.records(kind, list(recs[kind.name]))
        work.link_late()
        work.flush_audit()
        received_audit = 0
        have = set(session.execute(select(ReceivedAuditEntry.entry_id).where(
            ReceivedAuditEntry.peer_id == peer.id)).scalars())
        for entry in body.get("audit", []):
            work.remember("audit", str(entry["id"]), str(entry["hash"]), None)
            if int(entry["id"]) not in have:
                have.add(int(entry["id"]))
                content = {k: v for k, v in entry.items() if k not in ("hash", "mac", "incident_uid")}
                session.add(ReceivedAuditEntry(peer_id=peer.id, entry_id=int(entry["id"]),
                                               incident_uid=str(entry.get("incident_uid") or ""),
                                               content=audit.canonical(content), hash=str(entry["hash"]),
                                               mac=str(entry.get("mac") or "")))
                received_audit += 1
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise PackageRefused(f"数据交换包内容有误，未导入任何内容（{exc}）") from None
    work.write_known()
    session.add(ExchangePackage(package_uid=package_uid, peer_id=peer.id, direction="in", created_at=package_at,
                                processed_at=now, counts=json.dumps(header["counts"]), sha256=""))
    peer.last_received_at = now
    if peer.role == "upstream" and body.get("acks"):
        session.execute(delete(Setting).where(Setting.key == ENROL_KEY))  # the upstream knows us now
    total_new = sum(work.new.values())
    nothing = not total_new and not work.changed and not work.conflicts
    audit.record(session, actor, "exchange.import", "exchange_package", package_uid,
                 after={"from": peer.unit_code, "new": work.new, "changed": work.changed,
                        "conflicts": work.conflicts, "audit_entries": received_audit}, at=now)
    if nothing:
        summary = f"已导入来自 {peer.unit_code} {peer.unit_name} 的数据交换包：没有新内容"
    else:
        summary = (f"已导入来自 {peer.unit_code} {peer.unit_name} 的数据交换包：新增 {total_new} 条"
                   f"（{_describe(work.new)}），更新 {work.changed} 条，冲突 {work.conflicts} 处")
    return ImportResult("exchange", work.new, work.changed, work.conflicts, nothing, summary)


def _acknowledged(session: Session, work: _Apply, peer: ExchangePeer, acks: list[Any]) -> None:
    """The peer holds what our packages it acknowledges carried: it need not get them again."""
    if not acks:
        return
    for package in session.execute(select(ExchangePackage).where(
            ExchangePackage.peer_id == peer.id, ExchangePackage.direction == "out",
            ExchangePackage.acknowledged_at.is_(None), ExchangePackage.package_uid.in_([str(a) for a in acks]))
            .order_by(ExchangePackage.id)).scalars():
        for entity, uid, digest, payload in json.loads(package.items):
            row = work.known.get((entity, uid))
            if row is not None and row.package_at is not None and row.package_at > package.created_at:
                continue  # the peer sent a newer copy since
            work.remember(entity, uid, digest, payload)
            work.known[(entity, uid)].package_at = package.created_at
        package.acknowledged_at = work.now


# --- conflicts ---------------------------------------------------------------------------------------------------


def _conflict_info(session: Session, c: ExchangeConflict) -> ConflictInfo:
    number = session.execute(select(Incident.number).where(Incident.id == c.incident_id)).scalar() or ""
    peer = session.get(ExchangePeer, c.peer_id)
    return ConflictInfo(c.id, c.incident_id, number, c.field, records.FIELD_LABELS.get(c.field, c.field),
                        json.loads(c.local_value), json.loads(c.remote_value), peer.unit_name if peer else "",
                        c.detected_at, c.resolved_at, c.chosen,
                        json.loads(c.chosen_value) if c.chosen_value else None)


def list_conflicts(session: Session, actor: Actor, *, open_only: bool = True,
                   incident_id: int | None = None) -> list[ConflictInfo]:
    query = select(ExchangeConflict).order_by(ExchangeConflict.id)
    if open_only:
        query = query.where(ExchangeConflict.resolved_at.is_(None))
    if incident_id is not None:
        query = query.where(ExchangeConflict.incident_id == incident_id)
    out = []
    for c in session.execute(query).scalars():
        incident = session.get(Incident, c.incident_id)
        if incident is not None and permissions.can_see(session, actor, incident):
            out.append(_conflict_info(session, c))
    return out


def resolve_conflict(session: Session, actor: Actor, conflict_id: int, choice: str,
                     now: datetime | None = None, *, value: Any = None) -> ConflictInfo:
    """The lead department keeps one of the two values, or ("corrected") types the right one, `value`: the
    choice is a new entry, both values stay on record. A corrected value is an ordinary edit of the incident
    (checked and audited as any edit), in the same transaction as the conflict's resolution."""
    now = now or now_utc()
    me = _operator(session, actor, "处理数据交换冲突")
    if choice not in ("local", "remote", "corrected"):
        raise ValidationError("choice", "请选择保留本机的值、对方的值或填写更正后的值")
    if choice == "corrected" and (not isinstance(value, str) or not value.strip()):
        raise ValidationError("value", "请填写更正后的值")
    c = session.get(ExchangeConflict, conflict_id)
    if c is None:
        raise NotFound(f"找不到该冲突（编号 {conflict_id}）")
    if c.resolved_at is not None:
        raise ConflictError(f"该冲突已由{c.resolved_by_name}处理")
    kind = BY_NAME[c.entity]
    model: Any = kind.model
    row = session.execute(select(model).where(model.uid == c.entity_uid)).scalar_one()
    permissions.require_see(session, me, session.get(Incident, c.incident_id))  # type: ignore[arg-type]
    names = Names(session)
    if choice == "corrected":
        if kind.name != "incident" or c.field not in incidents.TEXT_FIELDS:
            raise ValidationError("value", "该冲突只能选择保留本机的值或对方的值")
        record = incidents.get_incident(session, me, c.incident_id)
        incidents.update_incident(session, me, c.incident_id, record.row_version, {c.field: value.strip()}, now)
        session.refresh(row)
        chosen = records.serialise(kind, row, names).get(c.field)
    else:
        chosen = json.loads(c.remote_value if choice == "remote" else c.local_value)
    if choice != "corrected" and kind.merge == "facts" and c.field in kind.fields:
        current = records.serialise(kind, row, names).get(c.field)
        if current != chosen:
            value = records.local_value(kind, c.field, chosen, names, {c.field: chosen})
            setattr(row, c.field, value)
            row.updated_at = now
    c.resolved_at = now
    c.resolved_by_name = me.name
    c.chosen = choice
    c.chosen_value = json.dumps(chosen, ensure_ascii=False)
    session.flush()
    audit.record(session, me, "exchange.conflict_resolved", "exchange_conflict", c.id,
                 before={"field": c.field, "local": json.loads(c.local_value), "remote": json.loads(c.remote_value)},
                 after={"chosen": choice, "value": chosen}, incident_id=c.incident_id, at=now)
    return _conflict_info(session, c)


__all__ = ["Decision", "ExportResult", "ImportResult", "PackageRefused", "PeerInfo", "Preview"]
