"""Many writers at once: dense incident numbers, conflicts in plain words, one lock order, fresh permissions."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select, update

from desktop import demo
from desktop.db.models import Incident, IncidentCounter, User
from desktop.db.session import Database
from desktop.domain import SYSTEM, Actor
from desktop.errors import ConflictError, ErrorCode, PermissionDenied, RepDeskError
from desktop.services import accounts, incidents

CST = timezone(timedelta(hours=8))
T0 = datetime(2026, 3, 2, 9, 15, tzinfo=CST)
NOW = T0 + timedelta(hours=1)


@pytest.fixture
def tree(db: Database) -> dict[str, int]:
    with db.session() as s:
        return demo.build_organisation(s)


def _data(tree: dict[str, int], title: str = "客户投诉") -> dict[str, object]:
    return {"title": title, "unit_id": tree["bd_chaoyang"], "occurred_at": T0, "severity": "general",
            "source": "complaint"}


def test_numbers_stay_dense_and_unique_with_concurrent_writers(db: Database, tree: dict[str, int]) -> None:
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for k in range(5):
                title = f"并发{n}-{k}"
                db.run(lambda s, title=title: incidents.create_incident(s, SYSTEM, _data(tree, title), now=NOW))
        except BaseException as exc:  # noqa: BLE001 (reported below: a thread's error is otherwise lost)
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    with db.read() as s:
        numbers = sorted(s.execute(select(Incident.number)).scalars())
    assert numbers == [f"SY2026-{n:04d}" for n in range(1, 31)]


def test_numbers_grow_past_9999(db: Database, tree: dict[str, int]) -> None:
    with db.session() as s:
        s.add(IncidentCounter(kind="incident", year=2026, next_value=9999))
    with db.session() as s:
        a = incidents.create_incident(s, SYSTEM, _data(tree), now=NOW).number
        b = incidents.create_incident(s, SYSTEM, _data(tree), now=NOW).number
    assert (a, b) == ("SY2026-9999", "SY2026-10000")


def test_a_stale_write_anywhere_is_the_clear_conflict(db: Database, tree: dict[str, int]) -> None:
    with db.session() as s:
        incident_id = incidents.create_incident(s, SYSTEM, _data(tree), now=NOW).id
    with pytest.raises(ConflictError) as caught, db.session() as s:
        incident = s.get(Incident, incident_id)
        assert incident is not None
        incident.title = "改动"
        # Someone else moved the row version meanwhile: the flush (here at commit) finds no row to update.
        s.connection().execute(update(Incident).where(Incident.id == incident_id)
                               .values(row_version=Incident.row_version + 1))
    assert caught.value.code == ErrorCode.STALE
    assert "其他用户修改" in caught.value.message
    with db.read() as s:
        assert s.get(Incident, incident_id).title == "客户投诉"  # type: ignore[union-attr]


def _disabled(db: Database, tree: dict[str, int]) -> Actor:
    with db.session() as s:
        admin = accounts.create_user(s, SYSTEM, username="admin", display_name="管理员", unit_id=tree["office"],
                                     password="admin2026", roles={"admin"})
        clerk = accounts.create_user(s, admin.actor(), username="clerk", display_name="张伟",
                                     unit_id=tree["bd_chaoyang"], password="clerk2026",
                                     roles={"info_officer", "admin"})
        actor = clerk.actor()
        s.execute(update(User).where(User.id == clerk.id).values(active=False))
    return actor


def test_a_disabled_account_is_refused_on_every_write(db: Database, tree: dict[str, int]) -> None:
    actor = _disabled(db, tree)  # its window still holds the rights it logged in with
    with db.session() as s:
        incident = incidents.create_incident(s, SYSTEM, _data(tree), now=NOW)
    writes = [
        lambda s: incidents.create_incident(s, actor, _data(tree), now=NOW),
        lambda s: incidents.update_incident(s, actor, incident.id, incident.row_version, {"title": "改"}, now=NOW),
        lambda s: incidents.record_event(s, actor, incident.id, "media_inquiry", NOW - timedelta(minutes=1),
                                         data={"journalist": "王", "outlet": "日报", "contact": "1"}, now=NOW),
        lambda s: incidents.add_opinion(s, actor, incident.id, source="微博", link_or_title="帖子",
                                        seen_at=NOW - timedelta(minutes=1)),
        lambda s: accounts.set_active(s, actor, 1, False),
        lambda s: accounts.set_roles(s, actor, 1, {"admin", "leader"}),
    ]
    for write in writes:
        with pytest.raises(PermissionDenied) as caught, db.session() as s:
            write(s)
        assert caught.value.code == ErrorCode.ACCOUNT_DISABLED
        assert "停用" in caught.value.message
    with db.read() as s:
        assert s.execute(select(Incident.id)).scalars().all() == [incident.id]


def test_drafter_and_approver_racing_do_not_deadlock(db: Database, tree: dict[str, int]) -> None:
    """Two transactions touching the same rows in opposite orders: with the write lock taken first by both,
    the second waits for the first instead of deadlocking (on PostgreSQL, the real row locks)."""
    with db.session() as s:
        a = incidents.create_incident(s, SYSTEM, _data(tree, "甲"), now=NOW)
        b = incidents.create_incident(s, SYSTEM, _data(tree, "乙"), now=NOW)
    outcome: dict[str, object] = {}

    def one(name: str, first: Incident, second: Incident) -> None:
        try:
            with db.session() as s:
                incidents.update_incident(s, SYSTEM, first.id, first.row_version, {"title": name + "1"}, now=NOW)
                s.flush()
                incidents.update_incident(s, SYSTEM, second.id, second.row_version, {"title": name + "2"}, now=NOW)
            outcome[name] = "ok"
        except RepDeskError as exc:
            outcome[name] = exc.code
        except BaseException as exc:  # noqa: BLE001 (a raw error, a deadlock: the assertion below fails on it)
            outcome[name] = repr(exc)

    drafter = threading.Thread(target=one, args=("drafter", a, b))
    approver = threading.Thread(target=one, args=("approver", b, a))
    drafter.start()
    approver.start()
    drafter.join(30)
    approver.join(30)
    assert not drafter.is_alive() and not approver.is_alive()
    # One holds the write lock and finishes; the other waited for it, then found the rows changed: the clear
    # conflict, never a deadlock or a raw error.
    assert sorted(map(str, outcome.values())) == ["ok", "stale"]
