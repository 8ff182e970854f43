"""Bad input of every kind reaches the service layer's public functions and gets the core's own refusal, never
another exception (a database error, a TypeError deep in a query), on SQLite and on PostgreSQL.

A first slice: log-in and accounts, and the scripted intake (`incidents add`) down to create_incident."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_approvals import draft, event, make_world, new_incident

from desktop import demo, validation
from desktop.cli import intake
from desktop.db.models import (
    AccountabilityItem,
    Appeasement,
    Document,
    Draft,
    Incident,
    LeadershipMember,
    MediaContact,
    OpinionEntry,
    PaperSignature,
    Unit,
    User,
)
from desktop.db.session import Database
from desktop.errors import RepDeskError, ValidationError
from desktop.services import accountability, accounts, approvals, documents, drafts, incidents
from desktop.services import org as units

WEIRD_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=10),  # NUL and the other control characters
    st.text(min_size=300, max_size=5000),
    st.sampled_from(["", " ", "\x00", "admin\x00", "'; DROP TABLE users; --", "xinxi"]),
)
ANYTHING = st.one_of(WEIRD_TEXT, st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
                     st.floats(allow_nan=True), st.lists(st.integers(), max_size=3),
                     st.datetimes(timezones=st.just(UTC)), st.datetimes())
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                          HealthCheck.too_slow])


@pytest.fixture
def org(db: Database) -> tuple[Database, dict[str, Any]]:
    with db.session() as s:
        actors = demo.build_accounts(s, demo.build_organisation(s))
    return db, actors


def _refused_or_done(db: Database, call: Any) -> None:
    try:
        with db.session() as s:
            call(s)
    except RepDeskError:
        pass


@FUZZ
@given(name=ANYTHING, password=ANYTHING)
def test_authenticate(org: tuple[Database, dict[str, Any]], name: Any, password: Any) -> None:
    db, _actors = org
    _refused_or_done(db, lambda s: accounts.authenticate(s, name, password))


@FUZZ
@given(old=ANYTHING, new=ANYTHING)
def test_change_password(org: tuple[Database, dict[str, Any]], old: Any, new: Any) -> None:
    db, actors = org
    _refused_or_done(db, lambda s: accounts.change_password(s, actors["fayan"], old, new))


@FUZZ
@given(user_id=ANYTHING, password=ANYTHING)
def test_reset_password(org: tuple[Database, dict[str, Any]], user_id: Any, password: Any) -> None:
    db, actors = org
    _refused_or_done(db, lambda s: accounts.reset_password(s, actors["admin"], user_id, password))


FIELD_VALUES = st.dictionaries(st.sampled_from([*intake.FIELDS, "unknown", "\x00"]), ANYTHING, max_size=8)


@FUZZ
@given(changes=FIELD_VALUES)
def test_incident_intake(org: tuple[Database, dict[str, Any]], changes: dict[str, Any]) -> None:
    db, actors = org
    with db.read() as s:
        base = intake.example(s, actors["xinxi"], datetime.now(UTC))
    text = __import__("json").dumps({**base, **changes}, default=str)

    def add(s: Any) -> None:
        data = intake.parse(text)
        incidents.create_incident(s, actors["xinxi"], intake.to_service(s, data))

    _refused_or_done(db, add)


# --- every public service function that takes input -----------------------------------------------------------
# The remaining half: the incident's timeline, opinion, spokesperson and search; documents; approvals and the
# paper signature; units, accounts, accountability items and drafts. Each gets wrong types, over-long and control
# text, extreme ids and times; only the core's own errors may come out.

EXTREME_IDS = st.one_of(st.integers(min_value=-(2**70), max_value=2**70),
                        st.sampled_from([0, -1, 2**31 - 1, 2**31, 2**63 - 1, 2**63]),
                        st.booleans(), st.none(), st.floats(allow_nan=True), st.text(max_size=30))
EXTREME_TIMES = st.one_of(
    st.datetimes(timezones=st.just(UTC)),  # years 1..9999
    st.datetimes(),  # naive
    st.sampled_from([datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC)]),
    WEIRD_TEXT, st.none(), st.integers(),
)
SOME = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                          HealthCheck.too_slow])


@dataclass
class Place:
    db: Database
    people: dict[str, Any]
    units: dict[str, int]
    incident_id: int
    event_id: int
    version_id: int
    document_id: int
    sha256: str


@pytest.fixture
def place(db: Database, monkeypatch: pytest.MonkeyPatch) -> Place:
    w = make_world(db, monkeypatch)
    i = new_incident(w)
    event(w, "xinxi", i, "reported_to_lead", 5)
    v = draft(w, "xinxi", i, "written_report", 8, stage="first", doc_number="朝银〔2026〕3号")
    with db.read() as s:
        event_id = incidents.get_incident(s, w.people["xinxi"], i).events[0].id
    return Place(db, w.people, w.units, i, event_id, v.version_id, v.document_id, v.sha256)


def _refused(p: Place, call: Any) -> None:
    _refused_or_done(p.db, call)


@SOME
@given(incident_id=EXTREME_IDS, event_type=ANYTHING, at_=EXTREME_TIMES, note=ANYTHING, late=ANYTHING,
       data=st.one_of(st.none(), ANYTHING, st.dictionaries(st.sampled_from(["journalist", "outlet", "contact",
                                                                             "x\x00"]), ANYTHING, max_size=3)))
def test_record_event(place: Place, incident_id: Any, event_type: Any, at_: Any, note: Any, late: Any,
                      data: Any) -> None:
    for who, iid in (("xinxi", incident_id), ("xinxi", place.incident_id)):
        _refused(place, lambda s, who=who, iid=iid: incidents.record_event(
            s, place.people[who], iid, event_type, at_, note, late, data))


@SOME
@given(event_id=EXTREME_IDS, reason=ANYTHING, at_=st.one_of(st.none(), EXTREME_TIMES), note=ANYTHING,
       version=EXTREME_IDS)
def test_withdraw_and_correct(place: Place, event_id: Any, reason: Any, at_: Any, note: Any, version: Any) -> None:
    who = place.people["xinxi"]
    for eid in (event_id, place.event_id):
        _refused(place, lambda s, eid=eid: incidents.withdraw_event(s, who, eid, reason, expected_version=version))
        _refused(place, lambda s, eid=eid: incidents.correct_event(s, who, eid, at=at_, note=note, reason=reason,
                                                                   details=note, late_reason=note))


@SOME
@given(incident_id=EXTREME_IDS, version=EXTREME_IDS, changes=st.dictionaries(
    st.sampled_from(["title", "place", "reply_script", "el_cause", "occurred_at", "learned_at", "unit_id",
                     "business_dept_id", "major_criteria", "severity", "source", "business_line"]),
    st.one_of(ANYTHING, EXTREME_TIMES), max_size=4))
def test_update_incident(place: Place, incident_id: Any, version: Any, changes: dict[str, Any]) -> None:
    who = place.people["xinxi"]
    _refused(place, lambda s: incidents.update_incident(s, who, incident_id, version, changes))
    _refused(place, lambda s: incidents.update_incident(s, who, place.incident_id, 1, changes))
    _refused(place, lambda s: incidents.create_incident(s, who, changes))


@SOME
@given(incident_id=EXTREME_IDS, a=ANYTHING, b=ANYTHING, seen=EXTREME_TIMES, version=EXTREME_IDS)
def test_opinion_spokesperson_search(place: Place, incident_id: Any, a: Any, b: Any, seen: Any,
                                     version: Any) -> None:
    who, jingban = place.people["xinxi"], place.people["jingban"]
    for iid in (incident_id, place.incident_id):
        _refused(place, lambda s, iid=iid: incidents.add_opinion(s, who, iid, source=a, link_or_title=b,
                                                                 seen_at=seen, reach=a, tone=b))
        _refused(place, lambda s, iid=iid: incidents.save_spokesperson(s, jingban, iid, version, a, b, late_reason=a))
        _refused(place, lambda s, iid=iid: incidents.set_leadership_group(s, jingban, iid, a))
        _refused(place, lambda s, iid=iid: incidents.get_incident(s, who, iid))
        _refused(place, lambda s, iid=iid: incidents.close_incident(s, jingban, iid, no_evaluation_reason=a))
    _refused(place, lambda s: incidents.search_incidents(s, who, a, limit=version))
    _refused(place, lambda s: incidents.search_incidents(s, who, a))
    _refused(place, lambda s: incidents.find_by_number(s, who, a))


@SOME
@given(some_id=EXTREME_IDS, kind=ANYTHING, stage=ANYTHING, sha=ANYTHING,
       fields=st.one_of(ANYTHING, st.dictionaries(st.sampled_from(["title", "body", "doc_number", "urgency", "?"]),
                                                   ANYTHING, max_size=3)))
def test_documents(place: Place, some_id: Any, kind: Any, stage: Any, sha: Any, fields: Any) -> None:
    who = place.people["xinxi"]
    _refused(place, lambda s: documents.create_document(s, who, some_id, kind, stage, fields))
    _refused(place, lambda s: documents.create_document(s, who, place.incident_id, "written_report", "first",
                                                        fields))
    _refused(place, lambda s: documents.edit_document(s, who, some_id, sha, fields))
    _refused(place, lambda s: documents.edit_document(s, who, place.document_id, place.sha256, fields))
    _refused(place, lambda s: documents.submit(s, who, some_id, sha))
    _refused(place, lambda s: documents.get_version(s, who, some_id))
    _refused(place, lambda s: documents.versions(s, who, some_id))
    _refused(place, lambda s: documents.list_documents(s, who, some_id))


@SOME
@given(some_id=EXTREME_IDS, sha=ANYTHING, text=ANYTHING, when=EXTREME_TIMES,
       scan=st.one_of(st.binary(max_size=64), ANYTHING))
def test_approvals(place: Place, some_id: Any, sha: Any, text: Any, when: Any, scan: Any) -> None:
    lingdao, jingban = place.people["lingdao"], place.people["jingban"]
    for vid in (some_id, place.version_id):
        _refused(place, lambda s, vid=vid: approvals.approve(s, lingdao, vid, sha, text, text, step=text))
        _refused(place, lambda s, vid=vid: approvals.return_(s, lingdao, vid, sha, text))
        _refused(place, lambda s, vid=vid: approvals.sign(s, lingdao, vid, sha, text))
        _refused(place, lambda s, vid=vid: approvals.send(s, jingban, vid, sha, at=when, note=text))
        _refused(place, lambda s, vid=vid: approvals.record_paper_signature(s, jingban, vid, text, when, scan, text,
                                                                            expected_sha256=sha))
        _refused(place, lambda s, vid=vid: approvals.signed_version(s, vid))
    _refused(place, lambda s: approvals.record_head_office_consent(s, jingban, some_id, at=when, note=text))
    _refused(place, lambda s: approvals.report_to_regulator(s, jingban, some_id, at=when, note=text))
    _refused(place, lambda s: approvals.verify_code(s, text))


@SOME
@given(some_id=EXTREME_IDS, a=ANYTHING, b=ANYTHING, c=ANYTHING)
def test_units_accounts_accountability_drafts(place: Place, some_id: Any, a: Any, b: Any, c: Any) -> None:
    admin, jingban = place.people["admin"], place.people["jingban"]
    _refused(place, lambda s: units.create_unit(s, admin, kind=a, name=b, code=c, parent_id=some_id, short_name=a,
                                              phone=b))
    _refused(place, lambda s: units.create_unit(s, admin, kind="sub_branch", name=b, code=c,
                                              parent_id=place.units["bd_main"], short_name=a))
    _refused(place, lambda s: units.rename_unit(s, admin, some_id, a, b))
    _refused(place, lambda s: units.rename_unit(s, admin, place.units["bd_chaoyang"], a, b))
    _refused(place, lambda s: units.unit_info(s, some_id))
    _refused(place, lambda s: accounts.create_user(s, admin, username=a, display_name=b, unit_id=some_id,
                                                   password=c, roles=a, phone=b))
    _refused(place, lambda s: accounts.create_user(s, admin, username=a, display_name=b,
                                                   unit_id=place.units["bd_chaoyang"], password="Repdesk-2026-ok",
                                                   roles={"informant"}, phone=c))
    for iid in (some_id, place.incident_id):
        _refused(place, lambda s, iid=iid: accountability.add_item(s, jingban, iid, unit_name=a, person=b,
                                                                   measure=c, text=a, quarter=b))
    _refused(place, lambda s: drafts.save_draft(s, a, b, c))
    _refused(place, lambda s: drafts.save_draft(s, "jingban", b, {"x": a}))
    _refused(place, lambda s: drafts.load_draft(s, a, b))
    _refused(place, lambda s: drafts.discard_draft(s, a, b))


# --- the shared limits -----------------------------------------------------------------------------------------


def test_short_field_limits_are_the_columns_lengths() -> None:
    """A limit larger than its column would let the database refuse (PostgreSQL) or keep (SQLite) what the
    other accepts: the two must agree."""
    columns = {
        "title": Incident.title, "place": Incident.place, "business_line_name": Incident.business_line_name,
        "spokesperson_name": Incident.spokesperson_name, "number": Incident.number,
        "journalist": MediaContact.journalist, "outlet": MediaContact.outlet, "contact": MediaContact.phone,
        "customer": Appeasement.customer, "handled_by": Appeasement.handled_by, "source": OpinionEntry.source,
        "reach": OpinionEntry.reach, "tone": OpinionEntry.tone, "unit_name": AccountabilityItem.unit_name,
        "person": AccountabilityItem.person, "measure": AccountabilityItem.measure,
        "quarter": AccountabilityItem.quarter, "name": LeadershipMember.name,
        "member_title": LeadershipMember.title, "position": LeadershipMember.position,
        "unit_full_name": Unit.name, "short_name": Unit.short_name, "code": Unit.code, "phone": Unit.phone,
        "username": User.username, "display_name": User.display_name, "doc_number": Document.doc_number,
        "signer_name": PaperSignature.signer_name, "scan_filename": PaperSignature.scan_filename,
        "draft_owner": Draft.owner, "draft_key": Draft.key,
    }
    for field, column in columns.items():
        assert validation.LIMITS[field] <= column.type.length, field


@pytest.mark.parametrize("value", ["a\x00b", "a\x1bb", "a\x7fb", "line\nbreak", "tab\there", "a\u2028b"])
def test_single_line_text_refuses_control_characters(value: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validation.text(value, "title")
    assert caught.value.field == "title"


def test_multiline_text_keeps_line_breaks_but_not_nul() -> None:
    assert validation.text(" 一\n二\t三 ", "note") == "一\n二\t三"
    with pytest.raises(ValidationError, match="控制字符"):
        validation.text("一\x00二", "note")


def test_too_long_names_the_field_and_its_limit() -> None:
    with pytest.raises(ValidationError, match="200") as caught:
        validation.text("字" * 201, "title")
    assert caught.value.field == "title"
    assert validation.text("字" * 200, "title") == "字" * 200


@pytest.mark.parametrize("value", [0, -1, 2**31, 2**63, True, 1.0, "1", None])
def test_ids_are_whole_numbers_in_range(value: Any) -> None:
    with pytest.raises(ValidationError):
        validation.ident(value, "incident_id")
    assert validation.ident(2**31 - 1, "incident_id") == 2**31 - 1


@pytest.mark.parametrize("value", [datetime(1999, 12, 31, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC),
                                   datetime(2026, 1, 1), datetime.max.replace(tzinfo=UTC), "2026-01-01"])
def test_times_outside_the_supported_range_are_refused(value: Any) -> None:
    with pytest.raises(ValidationError, match="时间"):
        validation.time(value, "occurred_at")


def test_an_event_far_in_the_past_is_refused_and_nothing_stored(place: Place) -> None:
    with place.db.session() as s, pytest.raises(ValidationError) as caught:
        incidents.record_event(s, place.people["xinxi"], place.incident_id, "media_inquiry",
                               datetime(1026, 1, 1, tzinfo=UTC), data={"journalist": "王", "outlet": "报",
                                                                        "contact": "1"})
    assert caught.value.field == "at"
    with place.db.read() as s:
        assert len(incidents.get_incident(s, place.people["xinxi"], place.incident_id).events) == 1
