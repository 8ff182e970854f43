"""Local accounts: slow salted password hashes (scrypt, standard library), lock-out, roles."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.db.models import Unit, User, UserRole
from desktop.domain import ROLES, Actor
from desktop.errors import AuthError, ErrorCode, NotFound, PermissionDenied, ValidationError
from desktop.services import audit
from desktop.timeutil import format_cst, now_utc

MAX_FAILURES = 5
LOCK_FOR = timedelta(minutes=15)
MIN_PASSWORD = 8
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
# The one answer to an unknown name and to a wrong password alike: the log-in never tells whether a name exists.
WRONG_CREDENTIALS = (f"登录名或密码不正确（连续输错 {MAX_FAILURES} 次将锁定账号"
                     f" {LOCK_FOR // timedelta(minutes=1)} 分钟）")


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)
    b64 = base64.b64encode
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${b64(salt).decode()}${b64(digest).decode()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    expected = base64.b64decode(digest)
    actual = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), dklen=len(expected),
                            n=int(n), r=int(r), p=int(p))
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

    def actor(self) -> Actor:
        return Actor(user_id=self.id, name=self.display_name, unit_id=self.unit_id, roles=self.roles)


def _account(user: User) -> Account:
    return Account(user.id, user.username, user.display_name, user.unit_id, user.unit.name, user.phone,
                   frozenset(r.role for r in user.roles), user.active, user.locked_until)


def _validate_password(password: str) -> None:
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


def has_accounts(session: Session) -> bool:
    return session.execute(select(User.id).limit(1)).first() is not None


def create_user(session: Session, actor: Actor, *, username: str, display_name: str, unit_id: int,
                password: str, roles: set[str], phone: str = "") -> Account:
    # The very first account (set-up of a new installation) is the administrator; after that only admins.
    first = not has_accounts(session)
    if not first and not actor.has("admin"):
        raise PermissionDenied("只有管理员可以创建账号")
    username, display_name = username.strip(), display_name.strip()
    if not username or not username.replace("_", "").replace(".", "").isalnum():
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
    user = User(username=username, display_name=display_name, unit_id=unit_id, phone=phone.strip(),
                password_hash=hash_password(password), created_at=now_utc(), active=True,
                roles=[UserRole(role=r) for r in sorted(roles)])
    session.add(user)
    session.flush()
    audit.record(session, actor, "user.create", "user", user.id,
                 after={"username": username, "display_name": display_name, "unit_id": unit_id,
                        "roles": sorted(roles)})
    return _account(user)


def authenticate(session: Session, username: str, password: str, now: datetime | None = None) -> Account:
    """Log in. Five failures in a row lock the account for 15 minutes; the message never says which part was wrong."""
    now = now or now_utc()
    user = session.execute(
        select(User).options(selectinload(User.roles)).where(User.username == username.strip())
    ).scalar_one_or_none()
    if user is None:
        check_password(password, _unused_hash())  # one scrypt, as for a name that exists
        raise AuthError(WRONG_CREDENTIALS, ErrorCode.BAD_CREDENTIALS)
    if not user.active:
        raise AuthError("该账号已停用，请联系管理员", ErrorCode.ACCOUNT_DISABLED)
    if user.locked_until is not None and user.locked_until > now:
        raise AuthError(f"密码错误次数过多，账号已锁定至 {format_cst(user.locked_until)}", ErrorCode.ACCOUNT_LOCKED)
    if not check_password(password, user.password_hash):
        raise _count_failure(session, user.id, now)
    user.failed_attempts = 0
    user.locked_until = None
    account = _account(user)
    audit.record(session, account.actor(), "user.login", "user", user.id, at=now)
    return account


@cache
def _unused_hash() -> str:
    """A hash no password is checked against for real: the work an unknown name costs."""
    return hash_password(secrets.token_hex(16))


def _count_failure(session: Session, user_id: int, now: datetime) -> AuthError:
    """Count a failed log-in in a transaction of its own: the caller's is rolled back by the refusal, and the
    count must survive it or the lock-out would never come. Returns the refusal to raise."""
    with Session(session.get_bind()) as own, own.begin():
        user = own.get(User, user_id, with_for_update=True)
        assert user is not None
        user.failed_attempts += 1
        if user.failed_attempts < MAX_FAILURES:
            return AuthError(WRONG_CREDENTIALS, ErrorCode.BAD_CREDENTIALS)
        user.locked_until = now + LOCK_FOR
        user.failed_attempts = 0
        audit.record(own, Actor(None, user.display_name, user.unit_id), "user.locked", "user", user.id,
                     after={"locked_until": user.locked_until}, at=now)
        return AuthError(f"密码错误次数过多，账号已锁定至 {format_cst(user.locked_until)}", ErrorCode.ACCOUNT_LOCKED)


def _get(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("账号不存在")
    return user


def reset_password(session: Session, actor: Actor, user_id: int, new_password: str) -> None:
    if not actor.has("admin") and actor.user_id != user_id:
        raise PermissionDenied("只有管理员可以重置他人的密码")
    _validate_password(new_password)
    user = _get(session, user_id)
    user.password_hash = hash_password(new_password)
    user.failed_attempts = 0
    user.locked_until = None
    audit.record(session, actor, "user.password", "user", user.id)


def change_password(session: Session, actor: Actor, old_password: str, new_password: str) -> None:
    if actor.user_id is None:
        raise PermissionDenied("请先登录")
    user = _get(session, actor.user_id)
    if not check_password(old_password, user.password_hash):
        raise ValidationError("old_password", "原密码不正确")
    reset_password(session, actor, actor.user_id, new_password)


def set_roles(session: Session, actor: Actor, user_id: int, roles: set[str]) -> Account:
    if not actor.has("admin"):
        raise PermissionDenied("只有管理员可以分配角色")
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
    if not actor.has("admin"):
        raise PermissionDenied("只有管理员可以停用账号")
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
