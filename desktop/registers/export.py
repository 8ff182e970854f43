"""Every register to Excel (.xlsx, openpyxl) or CSV: one row per record, a Chinese header row, times in China
Standard Time. The rows stream from SQL a chunk at a time into a write-only workbook or a CSV file, so a large
register never sits in memory whole; the actor sees exactly what the listings show them (their scope of units).

The file is written beside its target and moved into place: a failure leaves no half-written file. The export is
recorded in the audit record (who took which register out, how many rows, the file's SHA-256), like a print."""

from __future__ import annotations

import csv
import hashlib
import os
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from desktop.domain import SEVERITIES, SOURCES, STATUSES, Actor
from desktop.errors import PermissionDenied, RepDeskError, ValidationError
from desktop.registers import accountability_quarter, complaints, followups, media, monitoring, prevention
from desktop.services import accounts, audit, incidents
from desktop.timeutil import format_cst, now_utc, to_cst

FORMATS = ("xlsx", "csv")
CHUNK = 500
TIME_FORMAT = "yyyy-mm-dd hh:mm"
# A CSV cell that a spreadsheet would run as a formula (CSV injection): written with a leading apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Register:
    label: str
    headers: tuple[str, ...]
    rows: Callable[[Session, Actor], Iterator[Sequence[object]]]


@dataclass(frozen=True)
class ExportResult:
    register: str
    label: str
    rows: int
    path: Path
    sha256: str
    fmt: str


def _withdrawn(view: Any) -> str:
    if view.withdrawn_at is None:
        return ""
    return f"已撤回（{view.withdrawn_by_name}，{format_cst(view.withdrawn_at)}）：{view.withdraw_reason}"


def _incident_rows(session: Session, actor: Actor) -> Iterator[Sequence[object]]:
    for r in incidents.iter_incidents(session, actor, incidents.IncidentFilter(), chunk=CHUNK):
        yield (r.number, r.title, r.unit_name, r.occurred_at, r.learned_at, r.place, SEVERITIES.get(r.severity, ""),
               SOURCES.get(r.source, r.source), r.business_line_name if r.business_line else "",
               r.business_dept_name, "是" if r.customer_dispute else "否", STATUSES.get(r.status, r.status),
               r.closed_at, r.spokesperson_name)


def _training_rows(session: Session, actor: Actor) -> Iterator[Sequence[object]]:
    for v in prevention.iter_records(session, actor, "training", CHUNK):
        yield (v.id, v.unit_name, v.kind_label, v.title, v.held_at, v.participants, v.hours, v.note,
               v.recorded_by_name, v.recorded_at, _withdrawn(v))


def _drill_rows(session: Session, actor: Actor) -> Iterator[Sequence[object]]:
    for v in prevention.iter_records(session, actor, "drill", CHUNK):
        yield (v.id, v.unit_name, v.scenario, v.held_at, v.units, v.participants, v.findings, v.recorded_by_name,
               v.recorded_at, _withdrawn(v))


def _screening_rows(session: Session, actor: Actor) -> Iterator[Sequence[object]]:
    for v in prevention.iter_records(session, actor, "screening", CHUNK):
        yield (v.id, v.unit_name, v.subject_kind_label, v.subject, v.launch_at, v.assessment, v.risk_level_label,
               v.verdict_label, v.measures, v.leader_name, v.state_label, v.decided_at, v.decision_comment,
               v.recorded_by_name, v.recorded_at, _withdrawn(v))


def _sweep_rows(session: Session, actor: Actor) -> Iterator[Sequence[object]]:
    for v in prevention.iter_records(session, actor, "sweep", CHUNK):
        yield (v.id, v.unit_name, v.scope, v.held_at, v.issues_found, v.findings, v.recorded_by_name,
               v.recorded_at, _withdrawn(v))


def _plan_review_rows(session: Session, actor: Actor) -> Iterator[Sequence[object]]:
    for v in prevention.iter_records(session, actor, "plan_review", CHUNK):
        yield (v.id, v.unit_name, v.year, v.plan_name, v.reviewed_at, v.conclusion_label, v.changes,
               v.recorded_by_name, v.recorded_at, _withdrawn(v))


def _followup_rows(session: Session, actor: Actor) -> Iterator[Sequence[object]]:
    for v in followups.iter_followups(session, actor, chunk=CHUNK):
        yield (v.id, v.source_label, v.source_title, v.unit_name, v.owner, v.action, v.due_at, v.state_label,
               v.closed_at, v.closed_by_name, v.close_note, v.recorded_by_name, v.recorded_at)


def _accountability_rows(session: Session, actor: Actor) -> Iterator[Sequence[object]]:
    for v in accountability_quarter.iter_items(session, actor, CHUNK):
        yield (v.quarter, v.unit_name, v.person, v.clause, v.measure_label, v.text, v.incident_number,
               v.incident_title, v.recorded_by_name, v.recorded_at)


def _paged(fetch: Callable[[int], list[Any]]) -> Iterator[Any]:
    """The rows of a listing that pages by offset, a chunk at a time, until a short page."""
    offset = 0
    while True:
        page = fetch(offset)
        yield from page
        if len(page) < CHUNK:
            return
        offset += CHUNK


def _opinion_rows(session: Session, actor: Actor) -> Iterator[Sequence[object]]:
    # Every version of an entry is a row: a corrected entry stays on the record beside its correction.
    for v in _paged(lambda offset: monitoring.list_entries(session, actor, include_superseded=True, limit=CHUNK,
                                                           offset=offset)):
        corrected = f"已更正（见第{v.superseded_by_id}号）" if v.superseded_by_id else ""
        yield (v.id, v.unit_name, v.observed_at, v.platform_label, v.url, v.title, v.excerpt, v.reads, v.reposts,
               v.tone_label, v.state_label, v.incident_number, v.close_reason, v.logged_by, v.logged_at, corrected)


def _complaint_rows(session: Session, actor: Actor) -> Iterator[Sequence[object]]:
    for v in _paged(lambda offset: complaints.list_complaints(session, actor, limit=CHUNK, offset=offset)):
        steps = "\n".join(f"{format_cst(st.at)} {st.kind_label}：{st.note}" for st in v.steps)
        amount = v.amount_cents / 100 if v.amount_cents is not None else None
        yield (v.id, v.unit_name, v.received_at, v.customer, v.contact, v.channel_label, v.subject, v.description,
               amount, steps, v.state_label, v.result, v.result_at, v.incident_number, v.recorded_by, v.recorded_at)


def _media_rows(session: Session, actor: Actor) -> Iterator[Sequence[object]]:
    # The directory is one row per journalist (name and outlet), typed in or known from incidents' media records.
    for v in media.directory(session, actor):
        asked = "\n".join(f"{format_cst(i.asked_at)} {i.incident_number}：{i.question}" for i in v.inquiries)
        yield (v.name, v.outlet, v.phone, v.email, v.notes, "名录" if v.directory_id else "事件媒体记录",
               len(v.inquiries), v.last_inquiry, asked)


RECORDED = ("登记人", "登记时间", "撤回情况")
REGISTERS: dict[str, Register] = {
    "incidents": Register("声誉风险事件台账", (
        "事件编号", "事件标题", "事发单位", "发生时间", "获知时间", "地点", "事件等级", "信息来源", "业务条线",
        "业务主管部门", "涉及客户纠纷", "状态", "结束时间", "新闻发言人"), _incident_rows),
    "opinions": Register("舆情监测台账", (
        "序号", "单位", "发现时间", "平台", "网址", "标题", "内容摘要", "阅读数", "转发数", "倾向", "状态",
        "关联事件", "关闭原因", "登记人", "登记时间", "更正情况"), _opinion_rows),
    "complaints": Register("投诉台账", (
        "序号", "受理单位", "受理时间", "客户", "联系方式", "渠道", "投诉事项", "投诉内容", "涉及金额（元）",
        "处理经过", "状态", "处理结果", "办结时间", "关联事件", "登记人", "登记时间"), _complaint_rows),
    "media": Register("媒体名录", (
        "记者", "媒体", "电话", "电子邮箱", "备注", "来源", "采访次数", "最近采访时间", "采访记录"), _media_rows),
    "training": Register("声誉风险培训台账", (
        "序号", "单位", "形式", "培训名称", "培训日期", "参加人数", "培训时长（小时）", "备注", *RECORDED),
        _training_rows),
    "drills": Register("应急演练台账", (
        "序号", "组织单位", "演练场景", "演练日期", "参演单位", "参演人数", "发现的问题", *RECORDED), _drill_rows),
    "screenings": Register("上线前声誉风险排查台账", (
        "序号", "单位", "对象类别", "排查对象", "计划上线时间", "评估意见", "风险等级", "排查结论", "防控措施",
        "签批领导", "签批状态", "签批时间", "签批意见", *RECORDED), _screening_rows),
    "sweeps": Register("声誉风险排查台账", (
        "序号", "单位", "排查范围", "排查日期", "发现问题数", "排查发现", *RECORDED), _sweep_rows),
    "accountability": Register("责任追究台账（6.1）", (
        "季度", "被追责单位", "被追责人", "条款", "追责措施", "说明", "事件编号", "事件标题", "登记人", "登记时间"),
        _accountability_rows),
    "plan-reviews": Register("应急预案年度评审台账", (
        "序号", "单位", "年度", "预案名称", "评审日期", "评审结论", "修订内容", *RECORDED), _plan_review_rows),
    "followups": Register("整改事项台账", (
        "序号", "来源", "来源事项", "责任单位", "责任人", "整改事项", "完成期限", "状态", "办结时间", "办结人",
        "办结说明", "登记人", "登记时间"), _followup_rows),
}


def register_names() -> list[str]:
    return list(REGISTERS)


# --- the writers ---------------------------------------------------------------------------------------------


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _write_xlsx(target: Path, title: str, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """A write-only workbook: rows go to the file as they come, nothing is kept per cell."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    for column, header in enumerate(headers, start=1):
        # The header's width, at least a date's; long texts wrap in Excel at 60.
        sheet.column_dimensions[get_column_letter(column)].width = min(60, max(18, _width(header) + 4))
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    head = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        head.append(cell)
    sheet.append(head)
    count = 0
    for row in rows:
        out: list[object] = []
        for value in row:
            if isinstance(value, datetime):
                cell = WriteOnlyCell(sheet, value=to_cst(value).replace(tzinfo=None))
                cell.number_format = TIME_FORMAT
                out.append(cell)
            elif isinstance(value, str):
                clean = ILLEGAL_CHARACTERS_RE.sub("", value)
                if clean.startswith("="):
                    cell = WriteOnlyCell(sheet, value=clean)
                    cell.data_type = "s"  # text stays text: a title beginning with "=" never becomes a formula
                    out.append(cell)
                else:
                    out.append(clean)  # a plain value: openpyxl writes it as text without a cell object
            else:
                out.append(value)
        sheet.append(out)
        count += 1
    if headers:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count + 1}"
    book.save(target)
    return count


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_cst(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _write_csv(target: Path, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """UTF-8 with a byte-order mark, so Excel opens the Chinese text as Chinese; CRLF line ends as RFC 4180."""
    count = 0
    with target.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([_csv_cell(v) for v in row])
            count += 1
    return count


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _place(temporary: Path, target: Path, force: bool) -> None:
    """Move the finished file into place; without `force` an existing file is never replaced, even one made
    since the caller looked (a hard link fails on an existing name; where links are not possible, checked)."""
    if force:
        os.replace(temporary, target)
        return
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError:
        if target.exists():
            raise FileExistsError(str(target)) from None
        os.replace(temporary, target)
        return
    temporary.unlink()


def export_register(session: Session, actor: Actor, register: str, fmt: str, path: str | Path, *,
                    force: bool = False, now: datetime | None = None) -> ExportResult:
    """Write `register` as the actor sees it to `path` (`fmt` xlsx or csv) and record the export.

    Raises ValidationError for an unknown register or format, FileExistsError when `path` exists and `force` is
    not given, RepDeskError when the file cannot be written."""
    now = now or now_utc()
    if not isinstance(register, str) or register not in REGISTERS:
        raise ValidationError("register", f"没有名为“{register}”的台账；可导出：{'、'.join(REGISTERS)}")
    if not isinstance(fmt, str) or fmt not in FORMATS:
        raise ValidationError("format", "导出格式应为 xlsx 或 csv")
    actor = accounts.current_actor(session, actor)
    if actor.user_id is None:
        raise PermissionDenied("导出台账须以本人账户办理（--user）")
    spec = REGISTERS[register]
    target = Path(path)
    if target.exists() and not force:
        raise FileExistsError(str(target))
    try:
        fd, name = tempfile.mkstemp(suffix=f".{fmt}", prefix=".repdesk-", dir=target.parent)
    except OSError as exc:
        raise RepDeskError(f"无法写入“{target}”：{exc.strerror or exc}") from exc
    os.close(fd)
    temporary = Path(name)
    try:
        rows = spec.rows(session, actor)
        count = (_write_xlsx(temporary, spec.label, spec.headers, rows) if fmt == "xlsx"
                 else _write_csv(temporary, spec.headers, rows))
        sha = _sha256(temporary)
        _place(temporary, target, force)
    except FileExistsError:
        temporary.unlink(missing_ok=True)
        raise
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise RepDeskError(f"无法写入“{target}”：{exc.strerror or exc}") from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    try:
        audit.record(session, actor, "register.export", "register", register,
                     after={"format": fmt, "rows": count, "sha256": sha, "file": target.name}, at=now)
    except BaseException:
        target.unlink(missing_ok=True)  # an export that is not on the record is not left behind either
        raise
    return ExportResult(register, spec.label, count, target, sha, fmt)
