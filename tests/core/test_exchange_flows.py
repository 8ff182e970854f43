"""Exchange flows beyond the first package: the branch office's decisions on a site's major incident go back and
close the site's clocks (with the document number the branch assigned), packages applied out of order end where
packages applied in order do, a corrected event keeps its link to its replacement, and the registers (monitoring,
complaints with their steps, attachments) recorded at a site reach the branch office."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from desktop.db.models import ApprovalDecision, DocNumber, Document, DocumentVersion, Incident, IncidentEvent, Unit
from desktop.db.prevention_tables import Drill, FollowUp, Training
from desktop.db.register_tables import Attachment, Complaint, ComplaintStep, MonitoringEntry
from desktop.db.session import Database
from desktop.domain import SYSTEM
from desktop.exchange import service
from desktop.registers import attachments, complaints, followups, monitoring, prevention
from desktop.services import approvals, documents, incidents
from desktop.timeutil import now_utc
from tests.core.test_exchange import _actor, _offline_incident, _verifies, pair  # noqa: F401 (pair: a fixture)

ELEMENTS = {"el_cause": "客户对理财收益不满", "el_time": "上午9时15分", "el_place": "营业大厅",
            "el_situation": "客户已离开", "el_measures_taken": "负责人致歉", "el_forecast": "可望平息",
            "el_impact": "影响有限", "el_consequences": "可能引发集中赎回", "el_planned_measures": "两小时内报告总行"}
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def _send(src: Database, src_user: str, dst: Database, dst_user: str, to: str) -> service.ImportResult:
    data = service.export_package(src, _actor(src, src_user), to).data
    return service.import_package(dst, data, _actor(dst, dst_user))


def _unit(db: Database, code: str) -> int:
    with db.read() as s:
        return int(s.execute(select(Unit.id).where(Unit.code == code)).scalar_one())


def _statuses(db: Database, incident_id: int, rule_ids: tuple[str, ...]) -> dict[str, str]:
    with db.read() as s:
        record = incidents.get_incident(s, SYSTEM, incident_id)
        return {r.rule.id: r.status for r in incidents.deadlines(record, now_utc()) if r.rule.id in rule_ids}


def _snapshot(db: Database) -> dict[str, object]:
    """What an installation holds about exchanged incidents, by stable ids: equal snapshots, equal records."""
    with db.read() as s:
        events = sorted((e.uid, e.type, e.at, e.withdrawn_at is not None) for e in s.execute(
            select(IncidentEvent).join(Incident).where(Incident.number.like("SY%-BD-%"))).scalars())
        found = sorted((i.uid, i.number, i.title, i.place, i.occurred_at) for i in s.execute(
            select(Incident).where(Incident.number.like("SY%-BD-%"))).scalars())
        versions = sorted((v.uid, v.state, v.sha256) for v in s.execute(select(DocumentVersion).join(Document).join(
            Incident).where(Incident.number.like("SY%-BD-%"))).scalars())
    return {"incidents": found, "events": events, "versions": versions}


def test_the_branch_offices_decisions_on_a_major_incident_close_the_sites_clocks(
        pair: tuple[Database, Database]) -> None:  # noqa: F811
    branch, site = pair
    now = now_utc()
    jingban, yyb = _actor(site, "jingban"), _unit(site, "BD-YYB")
    with site.session() as s:
        rec = incidents.create_incident(s, jingban, {
            "title": "媒体就营业部“飞单”传闻采访", "unit_id": yyb, "severity": "major",
            "occurred_at": now - timedelta(minutes=50), "source": "media", "place": "保定分行营业部", **ELEMENTS},
            now=now - timedelta(minutes=45))
        incidents.record_event(s, jingban, rec.id, "reported_to_lead", now - timedelta(minutes=44),
                               now=now - timedelta(minutes=44))
    clocks = ("3.2.3a", "3.2.3b")
    assert set(_statuses(site, rec.id, clocks).values()) <= {"pending", "open", "overdue"}
    _send(site, "jingban", branch, "bangongshi", "SJZ-BGS")
    with branch.read() as s:
        b_id = s.execute(select(Incident.id).where(Incident.number == rec.number)).scalar_one()
    hangzhang, fenhang, bgs = _actor(branch, "hangzhang"), _actor(branch, "fenhang"), _actor(branch, "bangongshi")
    with branch.session() as s:
        incidents.set_leadership_group(s, hangzhang, b_id, [("leader", "周明", "分行行长")])
    with branch.session() as s:  # the drafter leaves 发文字号 blank: the branch office's sequence numbers it
        v = documents.create_document(s, bgs, b_id, "major_report", "", {}, now=now - timedelta(minutes=30))
        v = documents.submit(s, bgs, v.version_id, v.sha256, now=now - timedelta(minutes=29))
    with branch.session() as s:
        v = approvals.approve(s, fenhang, v.version_id, v.sha256, comment="领导小组审定同意",
                              now=now - timedelta(minutes=25))
    with branch.session() as s:
        v = approvals.sign(s, hangzhang, v.version_id, v.sha256, now=now - timedelta(minutes=20))
    with branch.session() as s:
        v = approvals.send(s, bgs, v.version_id, v.sha256, now=now - timedelta(minutes=15))
    with branch.session() as s:
        approvals.record_head_office_consent(s, bgs, b_id, note="总行办公室电话同意", now=now - timedelta(minutes=10))
    with branch.session() as s:
        approvals.report_to_regulator(s, bgs, b_id, now=now - timedelta(minutes=5))
    assert _statuses(branch, b_id, clocks) == {"3.2.3a": "met", "3.2.3b": "met"}
    with branch.read() as s:
        number = s.execute(select(DocNumber.number).where(DocNumber.version_id == v.version_id)).scalar_one()
        version_uid = s.get(DocumentVersion, v.version_id).uid  # type: ignore[union-attr]
    assert "〔" in number

    back = _send(branch, "bangongshi", site, "jingban", "BD")
    assert back.conflicts == 0
    assert _statuses(site, rec.id, clocks) == {"3.2.3a": "met", "3.2.3b": "met"}
    with site.read() as s:
        record = incidents.get_incident(s, SYSTEM, rec.id)
        assert [e.type for e in record.events][-4:] == ["major_report_approved", "reported_to_head_office",
                                                         "head_office_consent", "reported_to_regulator"]
        here = s.execute(select(DocumentVersion.id).where(DocumentVersion.uid == version_uid)).scalar_one()
        assert s.execute(select(DocNumber.number).where(DocNumber.version_id == here)).scalar_one() == number
        decided = s.execute(select(ApprovalDecision.decision).where(ApprovalDecision.version_id == here)
                            .order_by(ApprovalDecision.decided_at)).scalars().all()
        assert [str(d) for d in decided] == ["approved", "signed", "sent"]
    _verifies(site)
    _verifies(branch)
    # Nothing goes round in circles: the site has nothing of the branch's to send back, not even the audit
    # entries that recorded what arrived.
    with site.read() as s:
        assert service.pending_counts(s, "SJZ-BGS") == {}


def test_packages_applied_out_of_order_end_as_in_order(pair: tuple[Database, Database]) -> None:  # noqa: F811
    branch, site = pair
    incident_id, _ = _offline_incident(site)
    jingban = _actor(site, "jingban")
    first = service.export_package(site, jingban, "SJZ-BGS").data
    with site.session() as s:  # later facts: an edit, a new event, a wrong event corrected
        rec = incidents.get_incident(s, SYSTEM, incident_id)
        incidents.update_incident(s, jingban, incident_id, rec.row_version, {"place": "朝阳支行一楼大厅"})
        incidents.record_event(s, jingban, incident_id, "customer_appeased", now_utc() - timedelta(minutes=3),
                               data={"customer": "王先生", "agreed": "致歉", "result": "客户表示满意"})
    with site.session() as s:
        wrong = s.execute(select(IncidentEvent.id).where(IncidentEvent.incident_id == incident_id,
                                                         IncidentEvent.type == "customer_appeased")).scalar_one()
        incidents.correct_event(s, jingban, wrong, at=now_utc() - timedelta(minutes=2), reason="时间记错")
    second = service.export_package(site, jingban, "SJZ-BGS").data  # not acknowledged: carries the first's too

    # The newer package first, then the older one: the branch ends where the site is, nothing reverted.
    bgs = _actor(branch, "bangongshi")
    newer = service.import_package(branch, second, bgs)
    older = service.import_package(branch, first, bgs)
    assert newer.conflicts == older.conflicts == 0 and not older.new and older.changed == 0
    assert _snapshot(branch) == _snapshot(site)
    assert [i[3] for i in _snapshot(branch)["incidents"]] == ["朝阳支行一楼大厅"]  # type: ignore[attr-defined]
    with branch.read() as s:  # the corrected event names its replacement here as at the site
        old, new = s.execute(select(IncidentEvent).join(Incident).where(
            IncidentEvent.type == "customer_appeased", Incident.number.like("SY%-BD-%"))
            .order_by(IncidentEvent.id)).scalars().all()
        assert old.superseded_by_id == new.id and old.withdrawn_at is not None
    _verifies(branch)


def test_registers_recorded_at_a_site_reach_the_branch_office(pair: tuple[Database, Database]) -> None:  # noqa: F811
    branch, site = pair
    xinxi = _actor(site, "xinxi")
    cy = _unit(site, "BD-CY")
    now = now_utc()
    with site.session() as s:
        entry = monitoring.add_entry(s, xinxi, {
            "unit_id": cy, "observed_at": now - timedelta(hours=2), "platform": "weibo",
            "url": "https://weibo.example/p/1", "title": "网友称朝阳支行排队两小时无人处理",
            "excerpt": "今天在朝阳支行办业务……", "reads": 12000, "reposts": 340, "tone": "negative"}, now=now)
        attachments.attach(s, xinxi, "monitoring", entry.id, "截图.png", PNG, now=now)
    with site.session() as s:
        c = complaints.add_complaint(s, xinxi, {
            "unit_id": cy, "received_at": now - timedelta(hours=3), "customer": "王先生", "contact": "138****0000",
            "channel": "counter", "subject": "理财产品到期未兑付", "description": "客户称三天未到账",
            "amount_cents": 5_000_000}, now=now)
        complaints.add_step(s, xinxi, c.id, "电话回访客户，解释兑付流程", now - timedelta(hours=1), now=now)
    with site.session() as s:
        complaints.record_result(s, xinxi, c.id, "款项已到账，客户表示满意", now - timedelta(minutes=30), now=now)

    result = _send(site, "jingban", branch, "bangongshi", "SJZ-BGS")
    assert result.new["monitoring"] == 1 and result.new["complaint"] == 1 and result.new["attachment"] == 1
    with branch.read() as s:
        got = s.execute(select(MonitoringEntry)).scalars().all()
        mine = [e for e in got if e.title == "网友称朝阳支行排队两小时无人处理"]
        assert len(mine) == 1 and mine[0].reads == 12000 and mine[0].logged_by_name == "李晓梅"
        complaint = s.execute(select(Complaint).where(Complaint.customer == "王先生",
                                                      Complaint.subject == "理财产品到期未兑付")).scalar_one()
        assert complaint.state == "resolved" and complaint.result == "款项已到账，客户表示满意"
        steps = s.execute(select(func.count()).select_from(ComplaintStep).where(
            ComplaintStep.complaint_id == complaint.id)).scalar_one()
        assert steps >= 3  # received, the call back, the result
        kept = s.execute(select(Attachment).where(Attachment.owner_kind == "monitoring",
                                                  Attachment.owner_id == mine[0].id)).scalar_one()
        bgs = _actor(branch, "bangongshi")
        assert attachments.read_attachment(s, bgs, kept.id) == PNG
        assert [r.title for r in monitoring.list_entries(s, bgs) if r.id == mine[0].id]
    _verifies(branch)
    again = _send(site, "jingban", branch, "bangongshi", "SJZ-BGS")
    assert not again.new


def test_prevention_recorded_at_a_site_reaches_the_branch_office(pair: tuple[Database, Database]) -> None:  # noqa: F811
    """A drill (with its photo and a follow-up) and a training recorded at a site arrive at the branch office as
    they were recorded; a withdrawal and a closed follow-up made later follow in the next package, and the
    branch's audit record verifies them all (each row against its entry)."""
    branch, site = pair
    jingban = _actor(site, "jingban")
    bd = _unit(site, "BD")
    now = now_utc()
    with site.session() as s:
        drill = prevention.add_drill(s, jingban, unit_id=bd, scenario="网点客户聚集并被拍摄上网", held_at=now
                                     - timedelta(days=2), units="朝阳支行、竞秀支行", participants=24,
                                     findings="舆情上报时限偏长", now=now)
        attachments.attach(s, jingban, "drill", drill.id, "演练现场.png", PNG, now=now)
        follow = followups.add_followup(s, jingban, source_kind="drill", source_id=drill.id, unit_id=bd,
                                        owner="张明", action="修订舆情上报流程", due_at=now + timedelta(days=30),
                                        now=now)
        training = prevention.add_training(s, jingban, unit_id=bd, kind="lecture", title="声誉风险专题讲座",
                                           held_at=now - timedelta(days=1), participants=40, hours=2.5, now=now)

    result = _send(site, "jingban", branch, "bangongshi", "SJZ-BGS")
    assert result.new["drill"] == 1 and result.new["training"] == 1 and result.new["followup"] == 1
    assert result.new["attachment"] == 1
    with branch.read() as s:
        got_drill = s.execute(select(Drill).where(Drill.scenario == "网点客户聚集并被拍摄上网")).scalar_one()
        assert (got_drill.participants, got_drill.findings, got_drill.recorded_by_name) == (
            24, "舆情上报时限偏长", jingban.name)
        got_training = s.execute(select(Training).where(Training.title == "声誉风险专题讲座")).scalar_one()
        assert (got_training.kind, got_training.participants, got_training.hours) == ("lecture", 40, 2.5)
        assert got_training.held_at == training.held_at
        got_follow = s.execute(select(FollowUp).where(FollowUp.action == "修订舆情上报流程")).scalar_one()
        assert (got_follow.source_kind, got_follow.source_id, got_follow.state) == ("drill", got_drill.id, "open")
        photo = s.execute(select(Attachment).where(Attachment.owner_kind == "drill",
                                                   Attachment.owner_id == got_drill.id)).scalar_one()
        assert attachments.read_attachment(s, _actor(branch, "bangongshi"), photo.id) == PNG
        bgs = _actor(branch, "bangongshi")
        assert [r.id for r in prevention.list_drills(s, bgs) if r.id == got_drill.id]
    _verifies(branch)

    with site.session() as s:
        prevention.withdraw(s, jingban, "training", training.id, "重复登记", now=now + timedelta(minutes=5))
        followups.complete_followup(s, jingban, follow.id, "流程已修订", now=now + timedelta(minutes=6))
    later = _send(site, "jingban", branch, "bangongshi", "SJZ-BGS")
    assert not later.new and later.changed == 2
    with branch.read() as s:
        got_training = s.execute(select(Training).where(Training.title == "声誉风险专题讲座")).scalar_one()
        assert got_training.withdrawn_at is not None and got_training.withdraw_reason == "重复登记"
        got_follow = s.execute(select(FollowUp).where(FollowUp.action == "修订舆情上报流程")).scalar_one()
        assert (got_follow.state, got_follow.close_note) == ("done", "流程已修订")
    _verifies(branch)
    assert _send(site, "jingban", branch, "bangongshi", "SJZ-BGS").nothing_new
