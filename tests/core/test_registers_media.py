"""The media directory and spokespeople: journalists from the incidents' media records (not typed twice) with the
history of their inquiries, journalists and outlets added directly, spokespeople designated and ended with a reason."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from desktop import demo
from desktop.db.session import Database
from desktop.domain import Actor
from desktop.errors import ConflictError, PermissionDenied, ValidationError
from desktop.registers import media
from desktop.services import incidents

CST = timezone(timedelta(hours=8))
T0 = datetime(2026, 3, 2, 9, 15, tzinfo=CST)
NOW = T0 + timedelta(hours=2)


@pytest.fixture
def world(db: Database) -> tuple[dict[str, int], dict[str, Actor]]:
    with db.session() as s:
        units = demo.build_organisation(s)
        people = demo.build_accounts(s, units)
    return units, people


def _inquiry(db: Database, people: dict[str, Actor], unit_id: int, minutes: int, question: str) -> int:
    with db.session() as s:
        record = incidents.create_incident(s, people["admin"], {
            "title": f"事件{minutes}", "unit_id": unit_id, "occurred_at": T0, "severity": "general",
            "source": "media"}, now=NOW)
        incidents.record_event(s, people["admin"], record.id, "media_inquiry", T0 + timedelta(minutes=minutes),
                               data={"journalist": "刘记者", "outlet": "燕赵都市报", "contact": "0311-1234567",
                                     "question": question}, now=NOW)
        return record.id


def test_journalists_come_from_the_incidents_with_their_inquiries(db: Database, world: Any) -> None:
    units, people = world
    first = _inquiry(db, people, units["bd_chaoyang"], 10, "排队情况")
    second = _inquiry(db, people, units["zhongshan"], 20, "赔付进展")
    with db.read() as s:
        everyone = media.directory(s, people["bangongshi"])
        theirs = media.directory(s, people["xinxi"])  # Baoding: sees only its own incident's inquiry
        outlets = media.outlets(s, people["bangongshi"])
    assert [(j.name, j.outlet, j.phone) for j in everyone] == [("刘记者", "燕赵都市报", "0311-1234567")]
    assert [i.incident_id for i in everyone[0].inquiries] == [first, second]
    assert [i.question for i in theirs[0].inquiries] == ["排队情况"]
    assert [(o.name, o.journalists, o.inquiries) for o in outlets] == [("燕赵都市报", 1, 2)]


def test_journalists_and_outlets_added_directly_join_the_same_rows(db: Database, world: Any) -> None:
    units, people = world
    _inquiry(db, people, units["bd_chaoyang"], 10, "排队情况")
    with db.session() as s:
        row = media.add_journalist(s, people["bangongshi"], {"name": "刘记者", "outlet": "燕赵都市报",
                                                             "phone": "13900000000", "email": "liu@example.cn"},
                                   now=NOW)
        media.add_journalist(s, people["bangongshi"], {"name": "陈记者", "outlet": "河北电视台"}, now=NOW)
        media.add_outlet(s, people["bangongshi"], {"name": "河北电视台", "kind": "tv", "phone": "0311-88888888"},
                         now=NOW)
    assert row.phone == "13900000000" and len(row.inquiries) == 1 and row.directory_id is not None
    with db.read() as s:
        assert [j.name for j in media.directory(s, people["bangongshi"], "电视")] == ["陈记者"]
        tv = next(o for o in media.outlets(s, people["bangongshi"]) if o.name == "河北电视台")
    assert (tv.kind_label, tv.phone, tv.journalists) == ("电视", "0311-88888888", 1)
    with pytest.raises(ConflictError), db.session() as s:
        media.add_journalist(s, people["bangongshi"], {"name": "刘记者", "outlet": "燕赵都市报"}, now=NOW)
    with pytest.raises(ValidationError), db.session() as s:
        media.add_journalist(s, people["bangongshi"], {"name": "", "outlet": "燕赵都市报"}, now=NOW)


def test_spokespeople_are_designated_per_unit_and_ended_with_a_reason(db: Database, world: Any) -> None:
    units, people = world
    with pytest.raises(PermissionDenied), db.session() as s:  # an informant does not designate
        media.designate_spokesperson(s, people["xinxi"], {"unit_id": units["bd_chaoyang"], "name": "刘强",
                                                          "phone": "0312-1"}, now=NOW)
    with pytest.raises(ValidationError), db.session() as s:  # a spokesperson without a number is no use
        media.designate_spokesperson(s, people["fuzeren"], {"unit_id": units["bd_chaoyang"], "name": "刘强"},
                                     now=NOW)
    with db.session() as s:
        one = media.designate_spokesperson(s, people["fuzeren"], {
            "unit_id": units["bd_chaoyang"], "name": "刘强", "title": "行长", "phone": "0312-1", "mobile": "139"},
            now=NOW)
    with db.read() as s:
        assert [(p.name, p.unit_name, p.mobile) for p in media.spokespeople(s, people["xinxi"])] == [
            ("刘强", one.unit_name, "139")]
    with db.session() as s:
        media.end_spokesperson(s, people["fuzeren"], one.id, "岗位调整", now=NOW)
    with db.read() as s:
        assert media.spokespeople(s, people["xinxi"]) == []
        ended = media.spokespeople(s, people["xinxi"], include_ended=True)
    assert [(p.active, p.end_reason) for p in ended] == [(False, "岗位调整")]
