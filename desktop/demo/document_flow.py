"""Documents for the example database: a signed and sent written report, the major incident's approved, signed
and
sent 《重大突发事件报告》, and a remote response plan waiting in the branch office's approval queue.

Called by `desktop.demo` after the example incidents exist; times are relative to `now`, like theirs.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from desktop.domain import Actor, Stage
from desktop.services import approvals, documents

REPLY_SCRIPT_GENERAL = (
    "我行已关注到客户反映的情况，网点负责人已与客户取得联系。我行将认真核实理财产品的销售过程，"
    "依法依规维护客户的合法权益。"
)


def demo_documents(
    session: Session,
    units: dict[str, int],
    people: dict[str, Actor],
    incidents_by_key: dict[str, int],
    now: datetime,
) -> dict[str, int]:
    """Adds the example documents; returns their version ids by name."""
    ago = lambda **kw: now - timedelta(**kw)
    out: dict[str, int] = {}
    xinxi, fuzeren, jingban = people["xinxi"], people["fuzeren"], people["jingban"]
    bgs, lingdao, fenhang, hangzhang = (
        people["bangongshi"],
        people["lingdao"],
        people["fenhang"],
        people["hangzhang"],
    )

    # The remote incident just reported: the outlet's first written report, signed by its head, sent (3.3.3).
    i = incidents_by_key["just_reported"]
    v = documents.create_document(
        session,
        xinxi,
        i,
        "written_report",
        Stage.FIRST,
        {"doc_number": "保朝银报〔2026〕1号"},
        now=ago(minutes=4),
    )
    v = documents.submit(session, xinxi, v.version_id, v.sha256, now=ago(minutes=4))
    v = approvals.sign(session, fuzeren, v.version_id, v.sha256, comment="同意报送", now=ago(minutes=3))
    v = approvals.send(
        session, xinxi, v.version_id, v.sha256, note="书面报告已传真保定分行综合管理部", now=ago(minutes=3)
    )
    out["written_report"] = v.version_id

    # Its response plan: the local leader approved; the branch office's approval is still due (4.2.2.2(3)).
    v = documents.create_document(
        session,
        jingban,
        i,
        "response_plan",
        "",
        {
            "reply_script": REPLY_SCRIPT_GENERAL,
            "body": "快速反应、强化沟通、严密监控、重在控制（4.2.2）：先安抚客户，再核查事实，统一对外口径。",
            "plan_measures": "网点负责人当面回访客户｜保定朝阳支行｜24小时内\n"
            "核查销售录音录像｜保定分行个人业务部｜1小时内\n"
            "监测舆情｜保定分行综合管理部｜持续",
        },
        now=ago(minutes=2),
    )
    v = documents.submit(session, jingban, v.version_id, v.sha256, now=ago(minutes=2))
    v = approvals.approve(
        session, lingdao, v.version_id, v.sha256, comment="同意，请分行办公室审批", now=ago(minutes=1)
    )
    out["response_plan"] = v.version_id

    # The major incident: approved by the leadership group, signed by the president, sent to the head office.
    i = incidents_by_key["major"]
    v = documents.create_document(
        session, bgs, i, "major_report", "",
        {"doc_number": "冀华银办〔2026〕12号",
         # the drafter explains, next to the item, why it is still open (printed on the signed report)
         "overdue_notes": "3.2.4｜主办业务部门正在核实客户资金去向，书面报告将于核实后补报"},
        now=ago(minutes=35),
    )
    v = documents.submit(session, bgs, v.version_id, v.sha256, now=ago(minutes=35))
    v = approvals.approve(
        session, fenhang, v.version_id, v.sha256, comment="领导小组审定同意", now=ago(minutes=30)
    )
    v = approvals.sign(session, hangzhang, v.version_id, v.sha256, now=ago(minutes=25))
    v = approvals.send(
        session, bgs, v.version_id, v.sha256, note="已通过总行公文系统报送总行办公室", now=ago(minutes=20)
    )
    out["major_report"] = v.version_id
    return out
