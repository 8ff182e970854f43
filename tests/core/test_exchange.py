"""Exchange between installations: a site set up from a site package works offline; its package reaches the branch
office with the same numbers, times and a verifying record; upstream decisions come back; conflicts are kept; bad
packages are refused with nothing written."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop import demo
from desktop.db.exchange_tables import ExchangeConflict
from desktop.db.models import AuditEntry, Incident, IncidentEvent
from desktop.db.session import Database
from desktop.domain import Actor, Stage
from desktop.errors import ValidationError
from desktop.exchange import service
from desktop.exchange.package import PackageRefused
from desktop.integrity import crosscheck
from desktop.services import accounts, approvals, documents, incidents
from desktop.timeutil import now_utc


def _actor(db: Database, username: str) -> Actor:
    with db.session() as s:
        return accounts.authenticate(s, username, demo.DEMO_PASSWORD).actor()


def _verifies(db: Database) -> None:
    with db.read() as s:
        report = crosscheck.check(s)
    assert report.ok, crosscheck.first_problem(report)


def _count(db: Database, model: type) -> int:
    with db.read() as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


@pytest.fixture
def pair(db: Database, tmp_path: Path, fill_example: Any) -> Iterator[tuple[Database, Database]]:
    """The branch office (the example data, SQLite or PostgreSQL) and the 保定分行 site set up from its package."""
    fill_example(db, year=False)  # the current incidents alone: quicker
    package = service.make_site_package(db, _actor(db, "admin"), "BD")
    site = Database(f"sqlite:///{tmp_path / 'site.sqlite3'}")
    result = service.import_package(site, package, None)
    assert result.kind == "site" and result.new["accounts"] == 4
    yield db, site
    site.dispose()


def _offline_incident(site: Database) -> tuple[int, int]:
    """At the site: an incident, an event and a first written report signed by the unit head and sent."""
    xinxi, fuzeren = _actor(site, "xinxi"), _actor(site, "fuzeren")
    now = now_utc()
    with site.session() as s:
        unit = s.execute(select(Incident.unit_id).limit(1)).scalar()
        del unit
        from desktop.db.models import Unit

        cy = s.execute(select(Unit.id).where(Unit.code == "BD-CY")).scalar_one()
        rec = incidents.create_incident(s, xinxi, {
            "title": "客户在网点拍摄视频投诉", "unit_id": cy, "occurred_at": now - timedelta(minutes=30),
            "severity": "general", "source": "complaint", **demo.ELEMENTS_GENERAL,
            "el_time": "今日上午", "el_place": "朝阳支行大厅"}, now=now - timedelta(minutes=20))
    with site.session() as s:
        v = documents.create_document(s, xinxi, rec.id, "written_report", Stage.FIRST,
                                      {"doc_number": "保朝银报〔2026〕9号"}, now=now - timedelta(minutes=10))
        v = documents.submit(s, xinxi, v.version_id, v.sha256, now=now - timedelta(minutes=9))
    with site.session() as s:
        v = approvals.sign(s, fuzeren, v.version_id, v.sha256, comment="同意报送", now=now - timedelta(minutes=8))
        v = approvals.send(s, xinxi, v.version_id, v.sha256, note="已报送", now=now - timedelta(minutes=7))
    return rec.id, v.version_id


def test_site_records_offline_and_the_branch_receives_it_the_same(pair: tuple[Database, Database]) -> None:
    branch, site = pair
    incident_id, _version = _offline_incident(site)
    with site.read() as s:
        number = s.get(Incident, incident_id).number  # type: ignore[union-attr]
        occurred = s.get(Incident, incident_id).occurred_at  # type: ignore[union-attr]
        site_events = sorted((e.type, e.at) for e in s.execute(
            select(IncidentEvent).where(IncidentEvent.incident_id == incident_id)).scalars())
    assert number.startswith("SY") and "-BD-" in number  # a site's numbers never collide with the branch's
    package = service.export_package(site, _actor(site, "jingban"), "SJZ-BGS").data
    assert package.startswith(b"RDXPKG/1\n")
    result = service.import_package(branch, package, _actor(branch, "bangongshi"))
    assert result.new["incident"] == 1 and result.new["event"] == len(site_events) and result.conflicts == 0
    with branch.read() as s:
        got = s.execute(select(Incident).where(Incident.number == number)).scalar_one()
        assert got.occurred_at == occurred
        assert service.incident_origin(s, got.id) == "华夏银行保定分行"
        events = sorted((e.type, e.at) for e in s.execute(
            select(IncidentEvent).where(IncidentEvent.incident_id == got.id)).scalars())
        assert [p.unit_code for p in service.list_peers(s)] == ["BD"]
    assert events == site_events
    _verifies(branch)
    _verifies(site)

    # The same package again: nothing new, nothing changed.
    before = _count(branch, Incident), _count(branch, IncidentEvent)
    again = service.import_package(branch, package, _actor(branch, "bangongshi"))
    assert again.nothing_new and (_count(branch, Incident), _count(branch, IncidentEvent)) == before

    # The branch's answer acknowledges it: the site's next export carries nothing it already sent.
    back = service.export_package(branch, _actor(branch, "bangongshi"), "BD").data
    service.import_package(site, back, _actor(site, "jingban"))
    with site.read() as s:
        assert {k: v for k, v in service.pending_counts(s, "SJZ-BGS").items() if k != "audit"} == {}
    _verifies(site)


def test_bad_packages_are_refused_with_nothing_written(pair: tuple[Database, Database], tmp_path: Path) -> None:
    branch, site = pair
    _offline_incident(site)
    package = service.export_package(site, _actor(site, "jingban"), "SJZ-BGS").data
    bangongshi = _actor(branch, "bangongshi")
    audit_before, incidents_before = _count(branch, AuditEntry), _count(branch, Incident)
    altered = bytearray(package)
    altered[-20] ^= 0x01
    header_altered = package.replace(b'"counts":{', b'"counts":{"x":0,', 1)
    for bad, words, failed in ((package[:-40], "签名", "signature"), (bytes(altered), "签名", "signature"),
                               (header_altered, "签名", "signature"), (b"not a package", "不是", "form"),
                               (package.replace(b'"format":1', b'"format":2', 1), "格式版本", "version")):
        with pytest.raises(PackageRefused) as caught:
            service.import_package(branch, bad, bangongshi)
        assert words in caught.value.message
        # The preview names the check that refused it: those before passed, those after were not reached.
        with branch.read() as s:
            checks = service.preview_package(s, bad).checks
        order = [name for name, _state, _message in checks]
        assert order == list(service.EXCHANGE_CHECKS)
        states = {name: state for name, state, _message in checks}
        at = order.index(failed)
        assert [states[n] for n in order] == ["passed"] * at + ["failed"] + ["unchecked"] * (len(order) - at - 1)
        assert {n: m for n, _s, m in checks}[failed] == caught.value.message
    with branch.read() as s:
        good = service.preview_package(s, package)
    assert good.ok and {state for _n, state, _m in good.checks} == {"passed"}
    # From an unknown installation: the site's own package, imported at the site (it is no peer of itself).
    with pytest.raises(PackageRefused, match="未知的安装"):
        service.import_package(site, package, _actor(site, "jingban"))
    with site.read() as s:
        states = {name: state for name, state, _m in service.preview_package(s, package).checks}
    assert states["kind"] == "passed" and states["sender"] == "failed" and states["signature"] == "unchecked"
    assert _count(branch, AuditEntry) == audit_before  # nothing written at the branch
    assert _count(branch, Incident) == incidents_before


def test_upstream_approval_goes_back_and_the_same_fact_edited_at_both_ends_is_a_conflict(
        pair: tuple[Database, Database]) -> None:
    branch, site = pair
    incident_id, _ = _offline_incident(site)
    first = service.export_package(site, _actor(site, "jingban"), "SJZ-BGS").data
    service.import_package(branch, first, _actor(branch, "bangongshi"))
    reply = service.export_package(branch, _actor(branch, "bangongshi"), "BD").data
    service.import_package(site, reply, _actor(site, "jingban"))
    with branch.read() as s:
        b_id = s.execute(select(Incident.id).where(Incident.origin != "")).scalar_one()
        b_version = s.execute(select(Incident.row_version).where(Incident.id == b_id)).scalar_one()
    with site.read() as s:
        s_version = s.get(Incident, incident_id).row_version  # type: ignore[union-attr]
    bangongshi, jingban = _actor(branch, "bangongshi"), _actor(site, "jingban")
    with branch.session() as s:
        incidents.update_incident(s, bangongshi, b_id, b_version, {"place": "分行核实：朝阳支行二楼"})
    with site.session() as s:
        incidents.update_incident(s, jingban, incident_id, s_version, {"place": "朝阳支行一楼大厅"})
    # A branch-side event (an upstream record) travels back to the site's timeline.
    with branch.session() as s:
        incidents.record_event(s, bangongshi, b_id, "media_inquiry", now_utc(), note="记者来电",
                               data={"journalist": "王记者", "outlet": "河北日报", "contact": "13800000000",
                                     "question": "事件经过"})
    answer = service.import_package(branch, service.export_package(site, _actor(site, "jingban"), "SJZ-BGS").data,
                                    _actor(branch, "bangongshi"))
    assert answer.conflicts == 1
    with branch.read() as s:
        found = service.list_conflicts(s, _actor(branch, "bangongshi"))
    assert [(c.field, c.local_value, c.remote_value) for c in found] == [
        ("place", "分行核实：朝阳支行二楼", "朝阳支行一楼大厅")]
    with branch.session() as s:
        service.resolve_conflict(s, bangongshi, found[0].id, "remote")
    with branch.read() as s:
        assert s.get(Incident, b_id).place == "朝阳支行一楼大厅"  # type: ignore[union-attr]
        assert s.execute(select(func.count()).select_from(ExchangeConflict)).scalar_one() == 1  # kept, resolved
    result = service.import_package(site, service.export_package(branch, _actor(branch, "bangongshi"), "BD").data,
                                    _actor(site, "jingban"))
    assert result.new.get("event") == 1
    with site.read() as s:
        types = [e.type for e in s.execute(select(IncidentEvent).where(
            IncidentEvent.incident_id == incident_id)).scalars()]
        assert "media_inquiry" in types
        assert s.get(Incident, incident_id).place == "朝阳支行一楼大厅"  # type: ignore[union-attr]
    _verifies(branch)
    _verifies(site)



def test_a_conflict_resolved_with_a_corrected_value_keeps_all_three(pair: tuple[Database, Database]) -> None:
    """The lead department types the right value: the incident takes it (an edit like any other), the conflict
    row and its audit entry say "corrected" with that value, and both original values stay on record."""
    branch, site = pair
    incident_id, _ = _offline_incident(site)
    service.import_package(branch, service.export_package(site, _actor(site, "jingban"), "SJZ-BGS").data,
                           _actor(branch, "bangongshi"))
    service.import_package(site, service.export_package(branch, _actor(branch, "bangongshi"), "BD").data,
                           _actor(site, "jingban"))
    bangongshi, jingban = _actor(branch, "bangongshi"), _actor(site, "jingban")
    with branch.read() as s:
        b_id = s.execute(select(Incident.id).where(Incident.origin != "")).scalar_one()
        b_version = s.execute(select(Incident.row_version).where(Incident.id == b_id)).scalar_one()
        pending = service.pending_counts(s, "BD")
        assert service.pending_counts(s, "BD") == pending  # the second from the cache
    with site.read() as s:
        s_version = s.get(Incident, incident_id).row_version  # type: ignore[union-attr]
    with branch.session() as s:
        incidents.update_incident(s, bangongshi, b_id, b_version, {"place": "朝阳支行二楼"})
    with branch.read() as s:
        # A new audit mark: counted again, with the edited incident waiting to go back.
        assert service.pending_counts(s, "BD").get("incident", 0) == pending.get("incident", 0) + 1
    with site.session() as s:
        incidents.update_incident(s, jingban, incident_id, s_version, {"place": "朝阳支行一楼"})
    service.import_package(branch, service.export_package(site, jingban, "SJZ-BGS").data, bangongshi)
    with branch.read() as s:
        (conflict,) = service.list_conflicts(s, bangongshi)
    with branch.session() as s, pytest.raises(ValidationError, match="更正后的值"):
        service.resolve_conflict(s, bangongshi, conflict.id, "corrected", value="  ")
    with branch.session() as s:
        info = service.resolve_conflict(s, bangongshi, conflict.id, "corrected", value="朝阳支行一楼大厅东侧")
    assert (info.chosen, info.chosen_value) == ("corrected", "朝阳支行一楼大厅东侧")
    assert (info.local_value, info.remote_value) == ("朝阳支行二楼", "朝阳支行一楼")
    with branch.read() as s:
        assert s.get(Incident, b_id).place == "朝阳支行一楼大厅东侧"  # type: ignore[union-attr]
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "exchange.conflict_resolved")).scalar_one()
        assert '"chosen":"corrected"' in entry.after and "朝阳支行一楼大厅东侧" in entry.after
        edit = s.execute(select(AuditEntry).where(AuditEntry.action == "incident.update", AuditEntry.incident_id
                                                  == b_id).order_by(AuditEntry.id.desc()).limit(1)).scalar_one()
        assert "朝阳支行一楼大厅东侧" in edit.after
        assert service.list_conflicts(s, bangongshi) == []
    _verifies(branch)
