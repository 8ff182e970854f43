"""Log-in and secrets: one answer for every refusal, OWASP's scrypt cost with rehash, own password changes need
the old one, an administrator's reset forces a change, private data folder."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import demo
from desktop.db.models import User
from desktop.db.session import Database
from desktop.errors import AuthError, ErrorCode, PermissionDenied, ValidationError
from desktop.services import accounts


@pytest.fixture
def people(db: Database) -> Iterator[tuple[Database, dict[str, int]]]:
    """The example organisation and accounts, without incidents."""
    with db.session() as s:
        units = demo.build_organisation(s)
        actors = demo.build_accounts(s, units)
    yield db, {name: a.user_id for name, a in actors.items() if a.user_id is not None}


def _actor(db: Database, name: str):  # type: ignore[no-untyped-def]
    with db.session() as s:
        return accounts.authenticate(s, name, demo.DEMO_PASSWORD).actor()


def test_every_refusal_costs_one_hash_and_says_the_same(people: tuple[Database, dict[str, int]],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    db, ids = people
    admin = _actor(db, "admin")
    with db.session() as s:
        accounts.set_active(s, admin, ids["fayan"], False)
    real = accounts.hashlib.scrypt
    calls: list[bytes] = []  # every scrypt the log-in runs, a dummy hash's making included
    monkeypatch.setattr(accounts.hashlib, "scrypt", lambda pw, **kw: calls.append(pw) or real(pw, **kw))
    answers = set()
    for name, password in (("nobody", demo.DEMO_PASSWORD), ("xinxi", "wrong-one1"), ("fayan", demo.DEMO_PASSWORD),
                           ("", ""), ("x\x00y", "a")):
        calls.clear()
        with pytest.raises(AuthError) as err, db.session() as s:
            accounts.authenticate(s, name, password)
        answers.add((err.value.code, err.value.message))
        assert len(calls) == 1, name  # a dummy hash for an unknown name: the same time as a real one
    assert answers == {(ErrorCode.BAD_CREDENTIALS, accounts.WRONG_CREDENTIALS)}


def test_a_cheaper_stored_hash_is_replaced_at_log_in(people: tuple[Database, dict[str, int]],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    db, ids = people
    with db.read() as s:
        before = s.get(User, ids["xinxi"]).password_hash  # type: ignore[union-attr]
    assert before.split("$")[1] == str(accounts.SCRYPT_COST["n"])
    monkeypatch.setattr(accounts, "SCRYPT_COST", {**accounts.SCRYPT_COST, "n": accounts.SCRYPT_COST["n"] * 2})
    assert accounts.needs_rehash(before)
    _actor(db, "xinxi")
    with db.read() as s:
        after = s.get(User, ids["xinxi"]).password_hash  # type: ignore[union-attr]
    assert after != before and not accounts.needs_rehash(after)
    assert accounts.check_password(demo.DEMO_PASSWORD, after)


def test_production_cost_is_owasps() -> None:
    import importlib.util

    spec = importlib.util.find_spec("desktop.services.accounts")
    assert spec and spec.origin
    assert '"n": 2**17, "r": 8, "p": 1' in Path(spec.origin).read_text(encoding="utf-8")


def test_own_password_needs_the_old_one_and_a_reset_forces_a_change(people: tuple[Database, dict[str, int]]) -> None:
    db, ids = people
    xinxi, admin = _actor(db, "xinxi"), _actor(db, "admin")
    with pytest.raises(ValidationError) as err, db.session() as s:
        accounts.change_password(s, xinxi, "not-it-1", "brandnew123")
    assert err.value.field == "old_password"
    with pytest.raises(PermissionDenied), db.session() as s:
        accounts.reset_password(s, xinxi, ids["xinxi"], "brandnew123")  # not around the old one
    with db.session() as s:
        accounts.reset_password(s, admin, ids["xinxi"], "fromadmin1")
    with db.session() as s:
        account = accounts.authenticate(s, "xinxi", "fromadmin1")
    assert account.must_change_password
    with db.session() as s:
        accounts.change_password(s, account.actor(), "fromadmin1", "mine12345")
    with db.session() as s:
        assert not accounts.authenticate(s, "xinxi", "mine12345").must_change_password


def test_the_data_folder_database_and_logs_are_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop import paths

    monkeypatch.setenv("REPDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("REPDESK_LOG_DIR", str(tmp_path / "log"))
    (tmp_path / "log").mkdir(mode=0o755)
    database = Database()
    database.dispose()
    def mode(p: Path) -> int:
        return stat.S_IMODE(os.stat(p).st_mode)

    assert mode(paths.data_dir()) == 0o700 and mode(paths.log_dir()) == 0o700
    assert mode(paths.data_dir() / "repdesk.sqlite3") == 0o600
    assert mode(paths.private_file(paths.log_dir() / "repdesk.log")) == 0o600
