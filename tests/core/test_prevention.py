"""Prevention registers through the service layer (SQLite and PostgreSQL): training, drills, screenings with the
responsible leader's sign-off, sweeps, plan reviews, follow-ups for the dashboard; permissions by unit and role;
every change on the keyed audit record; withdrawn, never deleted."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop import demo
from desktop.db.models import AuditEntry
from desktop.db.prevention_tables import FollowUp, Screening, Training
from desktop.db.session import Database
from desktop.domain import Actor
from desktop.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from desktop.registers import followups, prevention
from desktop.services import audit

NOW = datetime(2026, 6, 30, 4, 0, tzinfo=UTC)


class World:
    def __init__(self, db: Database) -> None:
        self.db = db
        with db.session() as s:
            self.units = demo.build_organisation(s)
            self.people = demo.build_accounts(s, self.units)

    def run(self, job: Any) -> Any:
        return self.db.run(job)

    def __getitem__(self, name: str) -> Actor:
        return self.people[name]


@pytest.fixture
def world(db: Database) -> Iterator[World]:
    yield World(db)


def _training(w: World, who: str = "jingban", unit: str = "bd_chaoyang", **over: Any) -> Any:
    data: dict[str, Any] = {"unit_id": w.units[unit], "kind": "lecture", "title": "声誉风险防范专题讲座",
            "held_at": NOW - timedelta(days=10), "participants": 25, "hours": 2.5, "now": NOW} | over
    return w.run(lambda s: prevention.add_training(s, w[who], **data))


def _entries(w: World, action: str) -> int:
    with w.db.read() as s:
        return int(s.execute(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == action))
                   .scalar_one())


def test_training_is_recorded_audited_and_totalled_per_unit(world: World) -> None:
    w = world
    a = _training(w)
    _training(w, participants=10, hours=1.0, kind="competition", title="声誉风险知识竞赛")
    _training(w, who="bangongshi", unit="zhongshan", participants=40, hours=3.0)
    assert a.kind_label == "专题讲座" and a.unit_name == "保定朝阳支行" and a.recorded_by_name == "张伟"
    assert _entries(w, "training.add") == 3
    with w.db.read() as s:
        totals = {t.unit_name: t for t in prevention.training_totals(s, w["admin"])}
        mine = prevention.training_totals(s, w["jingban"])  # the secondary branch's area only
        assert audit.verify(s).ok
    assert (totals["保定朝阳支行"].sessions, totals["保定朝阳支行"].participants,
            totals["保定朝阳支行"].hours) == (2, 35, 3.5)
    assert totals["石家庄中山路支行"].hours == 3.0
    assert [t.unit_name for t in mine] == ["保定朝阳支行"]


def test_bad_training_input_is_refused_with_a_chinese_message_and_nothing_is_written(world: World) -> None:
    w = world
    cases: list[tuple[dict[str, Any], str]] = [
        ({"kind": "party"}, "kind"), ({"title": "  "}, "title"), ({"participants": 0}, "participants"),
        ({"hours": -1}, "hours"), ({"hours": "2"}, "hours"), ({"held_at": NOW + timedelta(days=3)}, "held_at"),
        ({"held_at": datetime(2026, 1, 1)}, "held_at"), ({"title": "x" * 201}, "title"),
    ]
    for change, field in cases:
        with pytest.raises(ValidationError) as err:
            _training(w, **change)
        assert err.value.field == field, change
        assert any("\u4e00" <= c <= "\u9fff" for c in err.value.message), err.value.message
    with w.db.read() as s:
        assert s.execute(select(func.count()).select_from(Training)).scalar_one() == 0


def test_recording_is_by_role_and_within_the_actors_units(world: World) -> None:
    w = world
    with pytest.raises(PermissionDenied, match="辖外"):
        _training(w, who="jingban", unit="zhongshan")  # the Baoding lead department, for a Shijiazhuang outlet
    with pytest.raises(PermissionDenied, match="角色"):
        _training(w, who="fayan", unit="office")  # the spokesperson records no prevention work
    _training(w, who="xinxi", unit="bd_chaoyang")  # the outlet's own information officer
    with w.db.read() as s:
        assert prevention.list_trainings(s, w["zhongshan"]) == []  # another outlet sees none of it
        assert len(prevention.list_trainings(s, w["lingdao"])) == 1  # the secondary branch's leader does
        assert [u.name for u in prevention.recordable_units(s, w["xinxi"])] == ["保定朝阳支行"]


def test_a_drill_with_follow_ups_the_dashboard_lists_overdue_first(world: World) -> None:
    w = world
    jb = w["jingban"]
    drill = w.run(lambda s: prevention.add_drill(
        s, jb, unit_id=w.units["bd_office"], scenario="网点客户聚集并直播维权", held_at=NOW - timedelta(days=40),
        units="保定朝阳支行、保定分行营业部", participants=32, findings="舆情报告链条过长；应答口径准备不足", now=NOW))
    late = w.run(lambda s: followups.add_followup(
        s, jb, source_kind="drill", source_id=drill.id, unit_id=w.units["bd_chaoyang"], owner="刘强",
        action="缩短舆情报告链条", due_at=NOW - timedelta(days=5), now=NOW))
    soon = w.run(lambda s: followups.add_followup(
        s, jb, source_kind="drill", source_id=drill.id, unit_id=w.units["bd_office"], owner="张伟",
        action="编制常见问题应答口径", due_at=NOW + timedelta(days=10), now=NOW))
    with w.db.read() as s:
        board = followups.open_followups(s, w["lingdao"], now=NOW)
        outlet = followups.open_followups(s, w["xinxi"], now=NOW)
        other = followups.open_followups(s, w["zhongshan"], now=NOW)
    assert [f.id for f in board] == [late.id, soon.id]
    assert board[0].overdue and board[0].state_label == "已超期" and not board[1].overdue
    assert board[0].source_label == "应急演练" and board[0].source_title == "网点客户聚集并直播维权"
    assert [f.id for f in outlet] == [late.id] and other == []
    done = w.run(lambda s: followups.complete_followup(s, w["fuzeren"], late.id, "报告链条已压缩为两级",
                                                       now=NOW))
    assert done.state == "done" and done.closed_by_name == "刘强" and not done.overdue
    with pytest.raises(ConflictError):
        w.run(lambda s: followups.complete_followup(s, jb, late.id, now=NOW))
    with pytest.raises(ValidationError):
        w.run(lambda s: followups.cancel_followup(s, jb, soon.id, "  ", now=NOW))
    w.run(lambda s: followups.cancel_followup(s, jb, soon.id, "并入全行口径库建设", now=NOW))
    with w.db.read() as s:
        assert followups.open_followups(s, w["lingdao"], now=NOW) == []
        assert s.execute(select(func.count()).select_from(FollowUp)).scalar_one() == 2  # nothing deleted
        assert {f.state for f in followups.list_followups(s, w["admin"], source_kind="drill",
                                                          source_id=drill.id)} == {"done", "cancelled"}
        assert audit.verify(s).ok
    assert _entries(w, "followup.done") == 1 and _entries(w, "followup.cancelled") == 1


def _screening(w: World, leader: str = "lingdao", who: str = "jingban", **over: Any) -> Any:
    data: dict[str, Any] = {
            "unit_id": w.units["bd_retail"], "subject_kind": "product", "subject": "“悦享”系列净值型理财产品",
            "assessment": "产品净值波动可能引发客户对收益的误解，销售话术需规范。", "risk_level": "medium",
            "verdict": "with_measures", "measures": "双录全覆盖；到期前五日短信提示净值。",
            "leader_id": w[leader].user_id, "launch_at": NOW + timedelta(days=20), "now": NOW} | over
    return w.run(lambda s: prevention.add_screening(s, w[who], **data))


def test_a_screening_waits_for_its_leader_and_only_that_leader_signs_it_off(world: World) -> None:
    w = world
    with w.db.read() as s:
        choices = {c.name for c in prevention.leaders_for(s, w.units["bd_retail"])}
        assert choices == {"陈志远", "孙立新", "周明"}  # Baoding's leader and the branch's
        assert {c.name for c in prevention.leaders_for(s, w.units["zhongshan"])} == {"孙立新", "周明"}
    with pytest.raises(ValidationError, match="签批的领导"):
        _screening(w, leader="fuzeren")  # a unit head is no leader
    with pytest.raises(ValidationError, match="防控措施"):
        _screening(w, measures="")
    sc = _screening(w)
    assert sc.state == "pending" and sc.state_label == "待领导签批" and sc.leader_name == "陈志远"
    with w.db.read() as s:
        assert [p.id for p in prevention.pending_screenings(s, w["lingdao"])] == [sc.id]
        assert prevention.pending_screenings(s, w["fenhang"]) == []
        assert "陈志远" in (prevention.may_sign_off(s, w["fenhang"], sc.id) or "")
        assert prevention.may_sign_off(s, w["lingdao"], sc.id) is None
    with pytest.raises(PermissionDenied, match="陈志远"):
        w.run(lambda s: prevention.sign_off(s, w["fenhang"], sc.id, True, now=NOW))
    with pytest.raises(ValidationError, match="退回时请填写意见"):
        w.run(lambda s: prevention.sign_off(s, w["lingdao"], sc.id, False, now=NOW))
    signed = w.run(lambda s: prevention.sign_off(s, w["lingdao"], sc.id, True, "同意，按措施落实", now=NOW))
    assert (signed.state, signed.decided_by_name, signed.decision_comment) == ("approved", "陈志远", "同意，按措施落实")
    with pytest.raises(ConflictError):
        w.run(lambda s: prevention.sign_off(s, w["lingdao"], sc.id, False, "再议", now=NOW))
    with pytest.raises(ConflictError):
        w.run(lambda s: prevention.withdraw(s, w["jingban"], "screening", sc.id, "录错", now=NOW))
    with w.db.read() as s:
        assert prevention.pending_screenings(s, w["lingdao"]) == []
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "screening.approved")).scalar_one()
        assert entry.actor_name == "陈志远" and entry.entity_id == str(sc.id)
        assert audit.verify(s).ok


def test_a_returned_screening_keeps_the_comment_and_a_leader_never_signs_their_own(world: World) -> None:
    w = world
    sc = _screening(w, leader="fenhang")
    back = w.run(lambda s: prevention.sign_off(s, w["fenhang"], sc.id, False, "补充客户投诉预案", now=NOW))
    assert back.state == "returned" and back.state_label == "领导已退回"
    with pytest.raises(ValidationError, match="本人"):
        _screening(w, leader="lingdao", who="lingdao")
    assert _entries(w, "screening.returned") == 1


def test_sweeps_plan_reviews_and_withdrawal_keep_the_record(world: World) -> None:
    w = world
    sweep = w.run(lambda s: prevention.add_sweep(
        s, w["bangongshi"], unit_id=w.units["zhongshan"], scope="营业网点服务质量与投诉处理",
        held_at=NOW - timedelta(days=3), findings="叫号系统高峰期故障；投诉登记不全", issues_found=2, now=NOW))
    with pytest.raises(ValidationError, match="修订内容"):
        w.run(lambda s: prevention.add_plan_review(
            s, w["bangongshi"], unit_id=w.units["office"], year=2026, plan_name="声誉风险突发事件应急预案",
            reviewed_at=NOW - timedelta(days=1), conclusion="revised", now=NOW))
    review = w.run(lambda s: prevention.add_plan_review(
        s, w["bangongshi"], unit_id=w.units["office"], year=2026, plan_name="声誉风险突发事件应急预案",
        reviewed_at=NOW - timedelta(days=1), conclusion="revised", changes="增加新媒体舆情处置流程", now=NOW))
    assert review.conclusion_label == "已修订预案"
    with pytest.raises(NotFound):
        w.run(lambda s: prevention.withdraw(s, w["jingban"], "sweep", sweep.id, "录错", now=NOW))  # not theirs
    w.run(lambda s: prevention.withdraw(s, w["bangongshi"], "sweep", sweep.id, "重复登记", now=NOW))
    with pytest.raises(ConflictError):
        w.run(lambda s: prevention.withdraw(s, w["bangongshi"], "sweep", sweep.id, "重复登记", now=NOW))
    with w.db.read() as s:
        assert prevention.list_sweeps(s, w["admin"]) == []
        kept = prevention.list_sweeps(s, w["admin"], include_withdrawn=True)
        assert len(kept) == 1 and kept[0].withdrawn and kept[0].withdraw_reason == "重复登记"
        assert len(prevention.list_plan_reviews(s, w["admin"])) == 1
        assert audit.verify(s).ok


def test_lists_filter_by_period_and_read_in_chunks(world: World) -> None:
    w = world
    for day in range(7):
        _training(w, held_at=NOW - timedelta(days=day * 10))
    with w.db.read() as s:
        recent = prevention.list_trainings(s, w["admin"], start=NOW - timedelta(days=25), end=NOW + timedelta(days=1))
        assert len(recent) == 3 and recent[0].held_at > recent[-1].held_at  # newest first
        streamed = list(prevention.iter_records(s, w["admin"], "training", chunk=2))
        assert [v.id for v in streamed] == sorted(v.id for v in streamed) and len(streamed) == 7
        assert s.execute(select(func.count()).select_from(Screening)).scalar_one() == 0


def test_every_vocabulary_has_its_english_labels() -> None:
    assert set(prevention.VOCAB_EN) == set(prevention.VOCAB_ZH)
    for name, zh in prevention.VOCAB_ZH.items():
        assert set(prevention.VOCAB_EN[name]) == set(zh), name


def test_drills_and_screenings_take_attachments(world: World) -> None:
    from desktop.registers import attachments

    w = world
    drill = w.run(lambda s: prevention.add_drill(s, w["jingban"], unit_id=w.units["bd_office"], scenario="断网应急",
                                                 held_at=NOW - timedelta(days=1), now=NOW))
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    w.run(lambda s: attachments.attach(s, w["jingban"], "drill", drill.id, "现场.png", png, now=NOW))
    with w.db.read() as s:
        assert [a.filename for a in attachments.list_attachments(s, w["lingdao"], "drill", drill.id)] == ["现场.png"]
    with pytest.raises(PermissionDenied):  # another area's drill
        w.run(lambda s: attachments.attach(s, w["zhongshan"], "drill", drill.id, "x.png", png, now=NOW))


@pytest.mark.parametrize("tamper, named", [
    ("UPDATE prevention_trainings SET participants = 250", "声誉风险培训第 1 号记录：内容与登记时的审计记录不符"),
    ("UPDATE prevention_screenings SET state = 'approved', decided_by_name = '陈志远'",
     "上线前声誉风险排查第 1 号记录：领导签批与审计记录不符"),
    ("UPDATE prevention_followups SET state = 'done', closed_by_name = '刘强'",
     "整改事项第 1 号：办结情况与审计记录不符"),
    ("UPDATE prevention_trainings SET withdrawn_at = recorded_at, withdrawn_by_name = '张伟'",
     "声誉风险培训第 1 号记录：撤回情况与审计记录不符"),
    (("INSERT INTO prevention_sweeps (unit_id, scope, held_at, findings, issues_found, recorded_by_name,"
      " recorded_at, withdrawn_by_name, withdraw_reason) SELECT unit_id, '补录', held_at, '', 0, '张伟',"
      " recorded_at, '', '' FROM prevention_trainings"), "声誉风险排查第 1 号记录：审计记录中没有其登记"),
])
def test_audit_verify_names_a_record_changed_around_the_program(world: World, tamper: str, named: str) -> None:
    from sqlalchemy import text

    from desktop.integrity import crosscheck

    w = world
    _training(w)
    sc = _screening(w)
    w.run(lambda s: followups.add_followup(s, w["jingban"], source_kind="screening", source_id=sc.id,
                                           unit_id=w.units["bd_retail"], owner="张伟", action="双录抽查",
                                           due_at=NOW + timedelta(days=5), now=NOW))
    with w.db.read() as s:
        assert crosscheck.check(s).ok
    with w.db.engine.begin() as conn:
        conn.execute(text(tamper))
    with w.db.read() as s:
        report = crosscheck.check(s)
    assert not report.ok and report.chain.ok
    assert any(p.startswith(named) for p in report.problems), report.problems


def test_the_prevention_registers_export_on_both_databases(world: World, tmp_path: Any) -> None:
    from openpyxl import load_workbook

    from desktop.registers import export

    w = world
    _training(w)
    _training(w, who="bangongshi", unit="zhongshan")
    _screening(w)
    # 陈志远 leads the Baoding area: its training and screening, not Zhongshan Road's training.
    for register, expected in (("training", 1), ("screenings", 1), ("accountability", 0)):
        with w.db.session() as s:
            result = export.export_register(s, w["lingdao"], register, "xlsx", tmp_path / f"{register}.xlsx",
                                            now=NOW)
        book = load_workbook(result.path, read_only=True)
        rows = list(book.active.iter_rows(values_only=True))
        book.close()
        assert result.rows == len(rows) - 1 == expected, register
