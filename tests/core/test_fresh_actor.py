"""Permissions are checked against the accounts table on every action, not against the Actor built at log-in: an
administrator demoted (or an account disabled) after log-in is refused by the organisation settings, the
reminders and the print record alike, and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import delete, select

from desktop.db.models import Setting, Unit, User, UserRole
from desktop.domain import Actor
from desktop.errors import ErrorCode, PermissionDenied
from desktop.services import accounts, deadline_board, org, printing
from desktop.services.deadline_board import ReminderKey


def _logged_in(db: Any, username: str) -> Actor:
    """The Actor as log-in builds it: the roles and unit the database held at that moment."""
    with db.session() as s:
        user_id = s.execute(select(User.id).where(User.username == username)).scalar_one()
        return accounts.current_actor(s, Actor(user_id=user_id, name="", unit_id=None))


def _demote(db: Any, actor: Actor) -> None:
    with db.session() as s:
        s.execute(delete(UserRole).where(UserRole.user_id == actor.user_id, UserRole.role == "admin"))


def _disable(db: Any, actor: Actor) -> None:
    with db.session() as s:
        s.get(User, actor.user_id).active = False


def test_a_demoted_administrator_can_no_longer_change_the_organisation(demo_db: Any) -> None:
    admin = _logged_in(demo_db, "admin")
    assert admin.has("admin")
    with demo_db.read() as s:
        branch = next(u for u in org.list_units(s) if u.kind == "branch")
        before_settings = s.execute(select(Setting.key, Setting.value)).all()
    _demote(demo_db, admin)
    writes = [
        lambda s: org.create_unit(s, admin, kind="sub_branch", name="某某支行", code="NEW-1", parent_id=branch.id),
        lambda s: org.rename_unit(s, admin, branch.id, "改名"),
        lambda s: org.set_unit_active(s, admin, branch.id, False),
        lambda s: org.set_head_office(s, admin, "某某银行总行办公室"),
        lambda s: org.set_doc_prefix(s, admin, branch.id, "某银办"),
    ]
    for write in writes:
        with pytest.raises(PermissionDenied) as err, demo_db.session() as s:
            write(s)
        assert err.value.code == ErrorCode.PERMISSION_DENIED
    with demo_db.read() as s:  # nothing changed
        assert s.get(Unit, branch.id).name == branch.name and s.get(Unit, branch.id).active
        assert s.execute(select(Unit.id).where(Unit.code == "NEW-1")).first() is None
        assert s.execute(select(Setting.key, Setting.value)).all() == before_settings


def test_a_disabled_account_can_neither_acknowledge_nor_record_a_print(demo_db: Any) -> None:
    jingban = _logged_in(demo_db, "jingban")
    _disable(demo_db, jingban)
    with pytest.raises(PermissionDenied) as err, demo_db.session() as s:
        deadline_board.acknowledge(s, jingban, [ReminderKey(1, "r", deadline_board.OVERDUE)])
    assert err.value.code == ErrorCode.ACCOUNT_DISABLED
    printed = printing.Printed(pdf=b"%PDF-1.4", signed=False, message="", kind="register", period="2026")
    with pytest.raises(PermissionDenied) as err, demo_db.session() as s:
        printing.record_print(s, jingban, printed)
    assert err.value.code == ErrorCode.ACCOUNT_DISABLED
