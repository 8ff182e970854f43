"""Local accounts: slow salted password hashes (scrypt, standard library), lock-out, roles."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.db.models import Unit, User, UserRole
from desktop.domain import ROLES, Actor
from desktop.errors import AuthError, ErrorCode, NotFound, PermissionDenied, ValidationError
from desktop.services import audit
from desktop.timeutil import now_utc
from desktop.validation import MAX_ID, ident, text

MAX_FAILURES = 5
LOCK_FOR = timedelta(minutes=15)
MIN_PASSWORD = 8
MAX_PASSWORD = 256  # scrypt takes any length; a bound keeps a pasted file from being hashed
_MAX_NAME = 60  # users.username is String(60)
# OWASP's Password Storage Cheat Sheet: scrypt with N=2^17, r=8, p=1. A stored hash of a lower cost is replaced
# at the next successful log-in (the only moment the password is known).
SCRYPT_COST = {"n": 2**17, "r": 8, "p": 1}
_MAXMEM = 2**28  # 128 * r * N bytes is needed; the standard library's default (32 MiB) refuses N=2^17
# The one answer to an unknown name, a wrong password and a locked or disabled account alike: the log-in never
# tells whether a name exists or what state its account is in.
WRONG_CREDENTIALS = (f"登录名或密码不正确，或账号已停用、已锁定（连续输错 {MAX_FAILURES} 次将锁定账号"
                     f" {LOCK_FOR // timedelta(minutes=1)} 分钟）；如有疑问请联系管理员")


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    cost = SCRYPT_COST
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, maxmem=_MAXMEM, **cost)
    b64 = base64.b64encode
    return f"scrypt${cost['n']}${cost['r']}${cost['p']}${b64(salt).decode()}${b64(digest).decode()}"


def needs_rehash(stored: str) -> bool:
    """True when `stored` was made at a lower cost than SCRYPT_COST (or by another scheme)."""
    try:
        scheme, n, r, p, _salt, _digest = stored.split("$")
        return scheme != "scrypt" or (int(n), int(r), int(p)) < (
            SCRYPT_COST["n"], SCRYPT_COST["r"], SCRYPT_COST["p"])
    except ValueError:
        return True


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    expected = base64.b64decode(digest)
    actual = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), dklen=len(expected),
                            n=int(n), r=int(r), p=int(p), maxmem=_MAXMEM)
    return hmac.compare_digest(expected, actual)


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    display_name: str
    unit_id: int
    unit_name: str
    phone: str
    roles: frozenset[str]
    active: bool
    locked_until: datetime | None
    must_change_password: bool = False  # an administrator reset it: the log-in asks for a new one first

    def actor(self) -> Actor:
        return Actor(user_id=self.id, name=self.display_name, unit_id=self.unit_id, roles=self.roles)


def _account(user: User) -> Account:
    return Account(user.id, user.username, user.display_name, user.unit_id, user.unit.name, user.phone,
                   frozenset(r.role for r in user.roles), user.active, user.locked_until,
                   bool(user.must_change_password))


def _validate_password(password: str) -> None:
    if not isinstance(password, str):
        raise ValidationError("password", "密码须为文字")
    if len(password) > MAX_PASSWORD:
        raise ValidationError("password", f"密码不能超过{MAX_PASSWORD}位")
    if any(ord(c) < 32 or ord(c) == 127 for c in password):
        raise ValidationError("password", "密码不能包含控制字符")
    if len(password) < MIN_PASSWORD:
        raise ValidationError("password", f"密码至少{MIN_PASSWORD}位")
    if password.isdigit() or password.isalpha():
        raise ValidationError("password", "密码须同时包含字母和数字")


def _validate_roles(roles: set[str]) -> None:
    unknown = roles - set(ROLES)
    if unknown:
        raise ValidationError("roles", f"未知的角色：{'、'.join(sorted(unknown))}")
    if not roles:
        raise ValidationError("roles", "请至少选择一个角色")


def current_actor(session: Session, actor: Actor) -> Actor:
    """The actor with the roles and unit the database holds now: a role taken away after log-in no longer
    counts. Every public write function starts with it (the record is evidence of who could do what, then)."""
    if actor.user_id is None:
        return actor
    user = session.get(User, actor.user_id)
    if user is None or not user.active:
        raise PermissionDenied("您的账号已被管理员停用或已不存在，不能再办理；本次操作未保存，请联系管理员",
                               ErrorCode.ACCOUNT_DISABLED)
    return Actor(
        user_id=user.id,
        name=user.display_name,
        unit_id=user.unit_id,
        roles=frozenset(r.role for r in user.roles),
    )


def _require_admin(session: Session, actor: Actor, message: str) -> None:
    """The administrator role as the accounts table holds it now, not as it was at log-in."""
    user = session.get(User, actor.user_id) if actor.user_id is not None else None
    if user is not None and not user.active:
        raise PermissionDenied("您的账号已被管理员停用，不能再办理；本次操作未保存，请联系管理员",
                               ErrorCode.ACCOUNT_DISABLED)
    if user is None or "admin" not in {r.role for r in user.roles}:
        raise PermissionDenied(message)


def has_accounts(session: Session) -> bool:
    return session.execute(select(User.id).limit(1)).first() is not None


def create_user(session: Session, actor: Actor, *, username: str, display_name: str, unit_id: int,
                password: str, roles: set[str], phone: str = "") -> Account:
    # The very first account (set-up of a new installation) is the administrator; after that only admins.
    first = not has_accounts(session)
    if not first:
        _require_admin(session, actor, "只有管理员可以创建账号")
    username, display_name = text(username, "username"), text(display_name, "display_name")
    phone = text(phone, "phone")
    unit_id = ident(unit_id, "unit_id")
    if not isinstance(roles, (set, frozenset, list, tuple)) or not all(isinstance(r, str) for r in roles):
        raise ValidationError("roles", "角色无效")
    roles = set(roles)
    if not username or not username.isascii() or not username.replace("_", "").replace(".", "").isalnum():
        raise ValidationError("username", "登录名只能包含字母、数字、点和下划线")
    if not display_name:
        raise ValidationError("display_name", "请填写姓名")
    if session.execute(select(User.id).where(User.username == username)).first():
        raise ValidationError("username", f"登录名“{username}”已存在")
    if session.get(Unit, unit_id) is None:
        raise ValidationError("unit_id", "请选择所属单位")
    _validate_roles(roles)
    if first and "admin" not in roles:
        raise ValidationError("roles", "第一个账号必须是管理员")
    _validate_password(password)
    user = User(username=username, display_name=display_name, unit_id=unit_id, phone=phone,
                password_hash=hash_password(password), created_at=now_utc(), active=True,
                roles=[UserRole(role=r) for r in sorted(roles)])
    session.add(user)
    session.flush()
    audit.record(session, actor, "user.create", "user", user.id,
                 after={"username": username, "display_name": display_name, "unit_id": unit_id,
                        "roles": sorted(roles)})
    return _account(user)


def authenticate(session: Session, username: str, password: str, now: datetime | None = None) -> Account:
    """Log in. Five failures in a row lock the account for 15 minutes. Every refusal (unknown name, wrong password,
    locked or disabled account) has the same message and code and costs the same one scrypt, so neither the answer
    nor its time tells whether a name exists or what state its account is in."""
    now = now or now_utc()
    if not isinstance(username, str) or not isinstance(password, str):
        raise ValidationError("username", "登录名和密码须为文字")
    user = session.execute(
        select(User).options(selectinload(User.roles)).where(User.username == username.strip()[:_MAX_NAME])
    ).scalar_one_or_none() if username.strip() and "\x00" not in username else None
    matches = check_password(password, user.password_hash if user is not None else _unused_hash())
    if user is None or not user.active:
        raise AuthError(WRONG_CREDENTIALS, ErrorCode.BAD_CREDENTIALS)
    if user.locked_until is not None and user.locked_until > now:
        raise AuthError(WRONG_CREDENTIALS, ErrorCode.BAD_CREDENTIALS)  # not counted: a lock is not extended
    if not matches:
        raise _count_failure(session, user.id, now)
    user.failed_attempts = 0
    user.locked_until = None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        audit.record(session, Actor(user.id, user.display_name, user.unit_id), "user.rehash", "user", user.id,
                     at=now)
    account = _account(user)
    audit.record(session, account.actor(), "user.login", "user", user.id, at=now)
    return account


def _unused_hash() -> str:
    """What an unknown name is checked against: a stored hash's form at today's cost, with a random salt and a
    random digest no password gives. Made without hashing, so an unknown name costs one scrypt like a known one
    (hashing a throwaway password here cost a fresh process a second scrypt: slower, so telling)."""
    cost, b64 = SCRYPT_COST, base64.b64encode
    salt, digest = b64(secrets.token_bytes(16)).decode(), b64(secrets.token_bytes(32)).decode()
    return f"scrypt${cost['n']}${cost['r']}${cost['p']}${salt}${digest}"


def _count_failure(session: Session, user_id: int, now: datetime) -> AuthError:
    """Count a failed log-in. Returns the refusal to raise, marked `keep_changes`: the transaction
    (desktop.db.session.Database) commits the count before it raises, or the lock-out would never come. (A
    transaction of its own would wait for the caller's, which holds the write lock: every writing transaction
    takes it first.)"""
    user = session.get(User, user_id)
    assert user is not None
    user.failed_attempts += 1
    if user.failed_attempts < MAX_FAILURES:
        return _kept(AuthError(WRONG_CREDENTIALS, ErrorCode.BAD_CREDENTIALS))
    user.locked_until = now + LOCK_FOR
    user.failed_attempts = 0
    audit.record(session, Actor(None, user.display_name, user.unit_id), "user.locked", "user", user.id,
                 after={"locked_until": user.locked_until}, at=now)
    return _kept(AuthError(WRONG_CREDENTIALS, ErrorCode.BAD_CREDENTIALS))  # the same answer: see authenticate


def _kept(error: AuthError) -> AuthError:
    error.keep_changes = True
    return error


def _get(session: Session, user_id: int) -> User:
    # An id is checked before it reaches SQL: a float, a string or a number beyond BIGINT is no account.
    if isinstance(user_id, bool) or not isinstance(user_id, int) or not 0 < user_id <= MAX_ID:
        raise NotFound("账号不存在")
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("账号不存在")
    return user


def reset_password(session: Session, actor: Actor, user_id: int, new_password: str) -> None:
    """An administrator sets another account's password; its owner must choose a new one at the next log-in (the
    administrator knows this one). One's own password is changed with change_password, which needs the old one."""
    _require_admin(session, actor, "只有管理员可以重置他人的密码")
    if actor.user_id == user_id:
        raise PermissionDenied("修改自己的密码须提供原密码（请使用“修改密码”）")
    _validate_password(new_password)
    user = _get(session, user_id)
    _set_password(session, actor, user, new_password, must_change=True)


def _set_password(session: Session, actor: Actor, user: User, new_password: str, *, must_change: bool) -> None:
    user.password_hash = hash_password(new_password)
    user.failed_attempts = 0
    user.locked_until = None
    user.must_change_password = must_change
    audit.record(session, actor, "user.password", "user", user.id, after={"must_change_password": must_change})


def change_password(session: Session, actor: Actor, old_password: str, new_password: str) -> None:
    if actor.user_id is None:
        raise PermissionDenied("请先登录")
    user = _get(session, actor.user_id)
    if not isinstance(old_password, str) or not check_password(old_password, user.password_hash):
        raise ValidationError("old_password", "原密码不正确")
    _validate_password(new_password)
    if check_password(new_password, user.password_hash):
        raise ValidationError("new_password", "新密码不能与原密码相同")
    _set_password(session, actor, user, new_password, must_change=False)


def set_roles(session: Session, actor: Actor, user_id: int, roles: set[str]) -> Account:
    _require_admin(session, actor, "只有管理员可以分配角色")
    _validate_roles(roles)
    user = _get(session, user_id)
    before = sorted(r.role for r in user.roles)
    if user.id == actor.user_id and "admin" not in roles:
        raise ValidationError("roles", "不能取消自己的管理员角色")
    for link in [link for link in user.roles if link.role not in roles]:
        user.roles.remove(link)
    kept = {link.role for link in user.roles}
    user.roles.extend(UserRole(role=r) for r in sorted(roles - kept))
    session.flush()
    audit.record(session, actor, "user.roles", "user", user.id, before=before, after=sorted(roles))
    return _account(user)


def set_active(session: Session, actor: Actor, user_id: int, active: bool) -> Account:
    _require_admin(session, actor, "只有管理员可以停用账号")
    user = _get(session, user_id)
    if user.id == actor.user_id and not active:
        raise ValidationError("active", "不能停用自己的账号")
    user.active = active
    audit.record(session, actor, "user.active", "user", user.id, before=not active, after=active)
    return _account(user)


def list_accounts(session: Session, actor: Actor) -> list[Account]:
    if not actor.has("admin"):
        raise PermissionDenied("只有管理员可以查看账号列表")
    users = session.execute(select(User).options(selectinload(User.roles), selectinload(User.unit))
                            .order_by(User.id)).scalars()
    return [_account(u) for u in users]


def get_account(session: Session, user_id: int) -> Account:
    return _account(_get(session, user_id))
