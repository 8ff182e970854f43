"""Accounts: slow salted hashes, log-in, lock-out after repeated failures, who may manage accounts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop import demo
from desktop.db.session import Database
from desktop.domain import SYSTEM, Actor
from desktop.errors import AuthError, PermissionDenied, ValidationError
from desktop.services import accounts

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def admin(db: Database) -> tuple[Database, Actor, dict[str, int]]:
    with db.session() as s:
        units = demo.build_organisation(s)
        first = accounts.create_user(s, SYSTEM, username="admin", display_name="王建国", unit_id=units["office"],
                                     password="admin2026", roles={"admin"})
    return db, first.actor(), units


def test_passwords_are_stored_as_salted_scrypt_hashes() -> None:
    one, two = accounts.hash_password("repdesk2026"), accounts.hash_password("repdesk2026")
    assert one.startswith("scrypt$") and one != two  # a fresh salt each time
    assert "repdesk2026" not in one
    assert accounts.check_password("repdesk2026", one) and not accounts.check_password("repdesk2027", one)
    assert not accounts.check_password("x", "plain-text")


def test_the_first_account_must_be_an_administrator(db: Database) -> None:
    with db.session() as s:
        units = demo.build_organisation(s)
    with pytest.raises(ValidationError) as err, db.session() as s:
        accounts.create_user(s, SYSTEM, username="li", display_name="李", unit_id=units["office"],
                             password="abc12345", roles={"info_officer"})
    assert err.value.field == "roles"


def test_only_administrators_create_accounts(admin: tuple[Database, Actor, dict[str, int]]) -> None:
    db, boss, units = admin
    with db.session() as s:
        clerk = accounts.create_user(s, boss, username="li", display_name="李", unit_id=units["office"],
                                     password="abc12345", roles={"info_officer"}).actor()
    with pytest.raises(PermissionDenied), db.session() as s:
        accounts.create_user(s, clerk, username="zhao", display_name="赵", unit_id=units["office"],
                             password="abc12345", roles={"info_officer"})
    with pytest.raises(PermissionDenied), db.session() as s:
        accounts.set_roles(s, clerk, clerk.user_id or 0, {"admin"})


@pytest.mark.parametrize(
    ("field", "changes"),
    [("password", {"password": "short1"}), ("password", {"password": "onlyletters"}),
     ("username", {"username": "张 三"}), ("roles", {"roles": {"emperor"}}), ("roles", {"roles": set()}),
     ("display_name", {"display_name": " "})],
)
def test_bad_accounts_are_refused_naming_the_field(admin: tuple[Database, Actor, dict[str, int]], field: str,
                                                   changes: dict[str, object]) -> None:
    db, boss, units = admin
    data: dict[str, object] = {"username": "li", "display_name": "李", "unit_id": units["office"],
                               "password": "abc12345", "roles": {"info_officer"}}
    data.update(changes)
    with pytest.raises(ValidationError) as err, db.session() as s:
        accounts.create_user(s, boss, **data)  # type: ignore[arg-type]
    assert err.value.field == field


def test_five_failures_lock_the_account_for_a_while(admin: tuple[Database, Actor, dict[str, int]]) -> None:
    db, _boss, _units = admin
    messages = []
    for _ in range(accounts.MAX_FAILURES):
        with pytest.raises(AuthError) as err, db.session() as s:
            accounts.authenticate(s, "admin", "wrong-one1", now=NOW)
        messages.append(err.value.message)
    assert messages[:-1] == [accounts.WRONG_CREDENTIALS] * (accounts.MAX_FAILURES - 1) and "锁定" in messages[-1]
    with pytest.raises(AuthError) as err, db.session() as s:  # even the right password, while locked
        accounts.authenticate(s, "admin", "admin2026", now=NOW + timedelta(minutes=5))
    assert "锁定" in err.value.message
    with db.session() as s:  # the lock lapses
        account = accounts.authenticate(s, "admin", "admin2026", now=NOW + accounts.LOCK_FOR + timedelta(seconds=1))
    assert account.username == "admin" and "admin" in account.roles


def test_unknown_names_and_wrong_passwords_get_the_same_answer(admin: tuple[Database, Actor, dict[str, int]]) -> None:
    db, _boss, _units = admin
    # Every failure short of the lock-out, the first as the last: a count of tries left would tell a real name.
    for attempt in range(accounts.MAX_FAILURES - 1):
        with pytest.raises(AuthError) as unknown, db.session() as s:
            accounts.authenticate(s, f"nobody{attempt}", "admin2026", now=NOW)
        with pytest.raises(AuthError) as wrong, db.session() as s:
            accounts.authenticate(s, "admin", "admin2027", now=NOW)
        assert unknown.value.message == wrong.value.message, attempt
        assert unknown.value.code == wrong.value.code


def test_disabled_accounts_cannot_log_in_and_a_reset_unlocks(admin: tuple[Database, Actor, dict[str, int]]) -> None:
    db, boss, units = admin
    with db.session() as s:
        li = accounts.create_user(s, boss, username="li", display_name="李", unit_id=units["office"],
                                  password="abc12345", roles={"info_officer"})
    for _ in range(accounts.MAX_FAILURES):
        with pytest.raises(AuthError), db.session() as s:
            accounts.authenticate(s, "li", "nope12345", now=NOW)
    with db.session() as s:
        accounts.reset_password(s, boss, li.id, "new12345")
    with db.session() as s:
        assert accounts.authenticate(s, "li", "new12345", now=NOW).id == li.id
    with db.session() as s:
        accounts.set_active(s, boss, li.id, False)
    with pytest.raises(AuthError) as err, db.session() as s:
        accounts.authenticate(s, "li", "new12345", now=NOW)
    assert "停用" in err.value.message
