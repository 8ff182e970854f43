"""The append-only, hash-chained record of every change (who, when, what, before/after)."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import bindparam, event, func, select, update
from sqlalchemy.orm import Session

from desktop.db.models import AuditEntry, Setting, User
from desktop.db.session import take_write_lock
from desktop.domain import Actor
from desktop.errors import ErrorCode, PermissionDenied
from desktop.paths import key_dir
from desktop.timeutil import format_rfc3339_cst, now_utc

GENESIS = "0" * 64
ACCOUNT_DISABLED_MESSAGE = "您的账号已被管理员停用，不能再办理；本次操作未保存，请联系管理员"
_LOCK_KEY = "audit_chain_lock"
# The installation this database's chain is keyed by: names the key file and the anchor outside the database.
INSTALLATION_KEY = "installation_id"
KEYED_FROM_KEY = "audit_keyed_from"  # the first keyed entry; the anchor keeps its own copy
_PENDING = "repdesk_audit_anchor"  # Session.info: a commit must move this installation's anchor forward


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_jsonable)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return format_rfc3339_cst(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"not JSON-serialisable: {type(value).__name__}")


class _Hashed(Protocol):
    """What the hash and the MAC cover: an AuditEntry, or a row of its columns as the verification reads them."""

    @property
    def id(self) -> int: ...
    @property
    def at(self) -> datetime: ...
    @property
    def actor_id(self) -> int | None: ...
    @property
    def actor_name(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def entity(self) -> str: ...
    @property
    def entity_id(self) -> str: ...
    @property
    def incident_id(self) -> int | None: ...
    @property
    def before(self) -> str: ...
    @property
    def after(self) -> str: ...
    @property
    def prev_hash(self) -> str: ...
    @property
    def hash(self) -> str: ...
    @property
    def mac(self) -> str | None: ...


def entry_hash(entry: _Hashed) -> str:
    body = canonical(
        {
            "id": entry.id,
            "at": entry.at,
            "actor_id": entry.actor_id,
            "actor_name": entry.actor_name,
            "action": entry.action,
            "entity": entry.entity,
            "entity_id": entry.entity_id,
            "incident_id": entry.incident_id,
            "before": entry.before,
            "after": entry.after,
            "prev_hash": entry.prev_hash,
        }
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def entry_mac(key: bytes, entry: _Hashed) -> str:
    """The entry's HMAC: over its whole content and the previous entry's hash, so neither the entry nor its place
    in the chain can be recomputed without the key."""
    return _mac_of_hash(key, entry_hash(entry))


def _mac_of_hash(key: bytes, digest: str) -> str:
    return hmac.new(key, digest.encode("ascii"), hashlib.sha256).hexdigest()


class KeyMissing(Exception):
    """This machine does not hold the key the database's chain is keyed by."""


def _key_path(installation: str) -> Path:
    return key_dir() / f"{installation}.key"


def _anchor_path(installation: str) -> Path:
    return key_dir() / f"{installation}.anchor"


def _valid_installation(installation: str) -> bool:
    # It names files: a database edited to say "../x" must not lead the program anywhere else.
    return len(installation) == 32 and all(c in "0123456789abcdef" for c in installation)


def load_key(installation: str) -> bytes:
    if not _valid_installation(installation):
        raise KeyMissing(f"数据库中的安装标识无效（{installation[:40]}）")
    try:
        data = _key_path(installation).read_bytes()
    except OSError:
        raise KeyMissing(
            f"本机没有该数据库的安装密钥（{installation}.key）：无法校验。"
            f"请从创建该数据库的电脑复制密钥文件到 {key_dir()}"
        ) from None
    if len(data) != 32:
        raise KeyMissing(f"安装密钥文件 {installation}.key 已损坏")
    return data


def _new_key(installation: str) -> bytes:
    key = secrets.token_bytes(32)
    # O_EXCL: never overwrite a key; 0600: readable by the user alone.
    fd = os.open(_key_path(installation), os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(key)
    return key


def installation_id(session: Session) -> str | None:
    return session.execute(select(Setting.value).where(Setting.key == INSTALLATION_KEY)).scalar_one_or_none()


def _key_for_append(session: Session, first_id: int) -> tuple[str, bytes]:
    """The installation key; a database without one (new, or made before the chain was keyed) gets one now, keyed
    from the entry about to be written. Runs under the chain lock, so two writers cannot both create one."""
    installation = installation_id(session)
    if installation is not None:
        return installation, load_key(installation)
    installation = secrets.token_hex(16)
    key = _new_key(installation)
    session.add(Setting(key=INSTALLATION_KEY, value=installation))
    session.add(Setting(key=KEYED_FROM_KEY, value=str(first_id)))
    session.flush()
    return installation, key


@dataclass(frozen=True)
class Anchor:
    """The chain's head as last committed, kept next to the key: a database cut short is found."""

    last_id: int
    last_mac: str
    keyed_from: int


def read_anchor(installation: str) -> Anchor | None:
    try:
        data = json.loads(_anchor_path(installation).read_text("utf-8"))
        return Anchor(int(data["last_id"]), str(data["last_mac"]), int(data["keyed_from"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_anchor(installation: str, anchor: Anchor) -> None:
    """Atomically, and only forward: with several writers (PostgreSQL) commits may finish out of order."""
    current = read_anchor(installation)
    if current is not None and current.last_id >= anchor.last_id:
        return
    path = _anchor_path(installation)
    part = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.part")
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"last_id": anchor.last_id, "last_mac": anchor.last_mac, "keyed_from": anchor.keyed_from}, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(part, path)


@event.listens_for(Session, "before_commit")
def _head_before_commit(session: Session) -> None:
    # Read the head now (after any rolled-back savepoint), while SQL may still run; written after the commit.
    pending = session.info.get(_PENDING)
    if not pending:
        return
    installation = pending[0]
    session.flush()
    last = session.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).scalar_one_or_none()
    keyed_from = session.execute(select(Setting.value).where(Setting.key == KEYED_FROM_KEY)).scalar_one_or_none()
    if last is None or last.mac is None:
        session.info.pop(_PENDING, None)
        return
    session.info[_PENDING] = (installation, Anchor(last.id, last.mac, int(keyed_from or 1)))


@event.listens_for(Session, "after_commit")
def _anchor_after_commit(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    if pending and len(pending) == 2 and isinstance(pending[1], Anchor):
        _write_anchor(pending[0], pending[1])


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session: Session) -> None:
    if not session.in_transaction():
        session.info.pop(_PENDING, None)


def _take_chain_lock(session: Session) -> None:
    """Serialise appends: the UPDATE takes SQLite's write lock or PostgreSQL's row lock before the head is read."""
    # The database's write lock uses the same row and creates it race-free (INSERT ... ON CONFLICT DO NOTHING);
    # adding it here through the ORM as well collided with that insert.
    take_write_lock(session)
    session.execute(update(Setting).where(Setting.key == _LOCK_KEY).values(value=Setting.value))


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: object,
    before: Any = None,
    after: Any = None,
    incident_id: int | None = None,
    at: datetime | None = None,
) -> AuditEntry:
    """Append one entry to the chain; `at`: the moment of the change, the service's `now` (the clock if None).

    Every change is audited, so this is where a disabled account is refused on every write, whatever the service
    checked before: the accounts table decides, not the rights the window was opened with."""
    if actor.user_id is not None:
        active = session.execute(select(User.active).where(User.id == actor.user_id)).scalar_one_or_none()
        if active is False:
            raise PermissionDenied(ACCOUNT_DISABLED_MESSAGE, ErrorCode.ACCOUNT_DISABLED)
    _take_chain_lock(session)
    last = session.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).scalar_one_or_none()
    installation, key = _key_for_append(session, (last.id + 1) if last else 1)
    entry = AuditEntry(
        id=(last.id + 1) if last else 1,
        at=at or now_utc(),
        actor_id=actor.user_id,
        actor_name=actor.name,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        incident_id=incident_id,
        before="" if before is None else canonical(before),
        after="" if after is None else canonical(after),
        prev_hash=last.hash if last else GENESIS,
        hash="",
    )
    entry.hash = entry_hash(entry)
    entry.mac = entry_mac(key, entry)
    session.add(entry)
    session.flush()
    session.info[_PENDING] = (installation,)
    return entry


@dataclass(frozen=True)
class Pending:
    """One entry of a batch for `record_many`: the arguments of `record`."""

    actor: Actor
    action: str
    entity: str
    entity_id: object
    before: Any = None
    after: Any = None
    incident_id: int | None = None
    at: datetime | None = None


def record_many(session: Session, pending: list[Pending]) -> list[AuditEntry]:
    """Append a batch of entries in order, exactly as `record` one by one would (same hashes, MACs and checks),
    under one chain lock, one key read and one flush: an import of thousands of records writes thousands of
    entries, and per-entry locking and flushing dominated its time."""
    if not pending:
        return []
    for user_id in {p.actor.user_id for p in pending if p.actor.user_id is not None}:
        active = session.execute(select(User.active).where(User.id == user_id)).scalar_one_or_none()
        if active is False:
            raise PermissionDenied(ACCOUNT_DISABLED_MESSAGE, ErrorCode.ACCOUNT_DISABLED)
    _take_chain_lock(session)
    last = session.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).scalar_one_or_none()
    next_id = (last.id + 1) if last else 1
    installation, key = _key_for_append(session, next_id)
    prev = last.hash if last else GENESIS
    out: list[AuditEntry] = []
    for p in pending:
        entry = AuditEntry(
            id=next_id,
            at=p.at or now_utc(),
            actor_id=p.actor.user_id,
            actor_name=p.actor.name,
            action=p.action,
            entity=p.entity,
            entity_id=str(p.entity_id),
            incident_id=p.incident_id,
            before="" if p.before is None else canonical(p.before),
            after="" if p.after is None else canonical(p.after),
            prev_hash=prev,
            hash="",
        )
        entry.hash = entry_hash(entry)
        entry.mac = entry_mac(key, entry)
        out.append(entry)
        prev = entry.hash
        next_id += 1
    session.add_all(out)
    session.flush()
    session.info[_PENDING] = (installation,)
    return out


def changes_after(session: Session, after: int | None) -> tuple[int, dict[int, int]]:
    """What changed since entry `after`: the newest entry's id, and each incident an entry after `after` is about,
    with the newest such entry's id. With `after` None (the caller has seen nothing yet) no incident is new.

    Every change to an incident is audited with its id, whoever made it and from wherever: the window reads this
    to refresh the views of exactly the incidents that changed."""
    newest = session.execute(select(func.max(AuditEntry.id))).scalar() or 0
    if after is None or newest <= after:
        return newest, {}
    rows = session.execute(
        select(AuditEntry.incident_id, func.max(AuditEntry.id))
        .where(AuditEntry.id > after, AuditEntry.incident_id.is_not(None))
        .group_by(AuditEntry.incident_id)
    ).all()
    return newest, {incident_id: last for incident_id, last in rows if incident_id is not None}


def changed_outside_incidents(session: Session, after: int) -> bool:
    """Whether an entry after `after` is about no incident (an account, a unit, a rule set, a setting): the
    window then reads those again. The newest entries only, by the primary key: cheap whatever the history."""
    found = session.execute(
        select(AuditEntry.id).where(AuditEntry.id > after, AuditEntry.incident_id.is_(None)).limit(1)
    ).first()
    return found is not None


# The columns the hash covers, and the MAC: the chain is walked as plain rows, never as ORM objects.
_CHAIN_COLUMNS = (AuditEntry.id, AuditEntry.at, AuditEntry.actor_id, AuditEntry.actor_name, AuditEntry.action,
                  AuditEntry.entity, AuditEntry.entity_id, AuditEntry.incident_id, AuditEntry.before,
                  AuditEntry.after, AuditEntry.prev_hash, AuditEntry.hash, AuditEntry.mac)
CHUNK = 2000  # rows per read of a long table: memory follows this, not the years of history


def _entries_in_order(session: Session) -> Iterator[_Hashed]:
    """Every entry in id order, a chunk at a time (keyset: `id > last`, by the primary key), so verifying a
    history of a million entries holds one chunk of rows (594,943 ORM objects took 1.4 GB)."""
    # The first page unbounded: a row inserted with id 0 or below is read (and named) like any other. Each
    # statement is built once: a new one per chunk left garbage cycles that grew the peak with the history.
    first = select(*_CHAIN_COLUMNS).order_by(AuditEntry.id).limit(CHUNK)
    rest = first.where(AuditEntry.id > bindparam("after"))
    rows = session.execute(first).all()
    while True:
        yield from rows
        if len(rows) < CHUNK:
            return
        rows = session.execute(rest, {"after": rows[-1].id}).all()


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    entries: int
    broken_id: int | None = None
    reason: str = ""
    unkeyed_until: int = 0  # entries 1..N were written before the chain was keyed (no MAC): legacy, reported


def verify(session: Session) -> VerifyResult:
    """The chain: each entry links to the one before, its hash matches, its MAC matches under the installation
    key, and the anchor kept with the key is not ahead of the database (nothing cut off the end)."""
    installation = installation_id(session)
    key: bytes | None = None
    anchor: Anchor | None = None
    if installation is not None:
        try:
            key = load_key(installation)
        except KeyMissing as exc:
            return VerifyResult(False, 0, None, str(exc))
        anchor = read_anchor(installation)
    stored_from = session.execute(select(Setting.value).where(Setting.key == KEYED_FROM_KEY)).scalar_one_or_none()
    # The anchor's copy wins: the database's own may have been edited to pass keyed entries off as legacy ones.
    keyed_from = anchor.keyed_from if anchor else int(stored_from) if stored_from and stored_from.isdigit() else 1
    prev = GENESIS
    expected_id = 1
    count = 0
    unkeyed = 0
    last: _Hashed | None = None
    for entry in _entries_in_order(session):
        count += 1
        if entry.id != expected_id:
            return VerifyResult(False, count, entry.id, f"第 {expected_id} 条记录缺失（下一条为第 {entry.id} 条）")
        if entry.prev_hash != prev:
            return VerifyResult(False, count, entry.id, "与上一条记录的链接不符")
        digest = entry_hash(entry)  # once: the MAC is over it (hashing twice was a third of the walk's time)
        if digest != entry.hash:
            return VerifyResult(False, count, entry.id, "记录内容与其哈希不符，已被改动")
        if entry.mac is None:
            if key is not None and entry.id >= keyed_from:
                return VerifyResult(False, count, entry.id, "缺少密钥校验值：该条记录被替换或改动")
            unkeyed = entry.id
        elif key is None:
            return VerifyResult(False, count, entry.id, "记录带有密钥校验值，但数据库中的安装标识已被删除")
        elif not hmac.compare_digest(entry.mac, _mac_of_hash(key, digest)):
            return VerifyResult(False, count, entry.id, "密钥校验值不符：该条记录被改动（哈希链已被无密钥重算）")
        prev = entry.hash
        expected_id += 1
        last = entry
    newest = last.id if last else 0
    if key is not None and anchor is None and newest >= keyed_from:
        return VerifyResult(False, count, None, "找不到保存在密钥旁的链头锚点：无法确认记录未被截断", unkeyed)
    if anchor is not None:
        if anchor.last_id > newest:
            span = f"第 {newest + 1} 条" if anchor.last_id == newest + 1 else f"第 {newest + 1}–{anchor.last_id} 条"
            return VerifyResult(False, count, newest + 1, f"记录被截断：{span}缺失（链头锚点为第 {anchor.last_id} 条）",
                                unkeyed)
        at_anchor = session.get(AuditEntry, anchor.last_id)
        if at_anchor is None or at_anchor.mac != anchor.last_mac:
            return VerifyResult(False, count, anchor.last_id, "与密钥旁的链头锚点不符：记录被替换", unkeyed)
    if key is None and count:
        return VerifyResult(False, count, None, f"第 1–{unkeyed} 条未经密钥保护（本机尚未为该数据库建立安装密钥）",
                            unkeyed)
    return VerifyResult(True, count, None, "", unkeyed)
