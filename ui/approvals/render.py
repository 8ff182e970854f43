"""A frozen document version as the approver reads it: fields, 3.3.2 elements, timeline and deadlines snapshot,
the steps (who, when) and the decisions so far. Plain HTML for a QTextBrowser; everything is escaped."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.domain import ELEMENTS, LEADERSHIP_POSITIONS, MAJOR_ELEMENTS
from desktop.services.documents import FIELD_LABELS, KIND_FIELDS, DocumentVersionView
from desktop.timeutil import format_cst, parse_rfc3339
from ui.common.strings import rule_text

MULTILINE = frozenset({"body", "reply_script", "plan_measures", "evaluation", "lessons", "positive_publicity",
                       "accountability"})
STATUS_LABELS: dict[str, str] = {
    "met": "按时完成", "late": "逾期完成", "overdue": "已超时", "pending": "待办", "open": "可选时段",
    "lapsed": "可选时段已过", "waiting": "未起算", "superseded": "已转重大",
}


def _t(text: str) -> str:
    return QCoreApplication.translate("DocumentView", text)


def field_label(key: str) -> str:
    return _t(FIELD_LABELS.get(key, key))


def in_order(values: dict[str, Any], order: Iterable[str]) -> list[tuple[str, Any]]:
    """The keys in the rules' order (3.3.2's elements, a kind's fields), then any others by name: stored content
    is canonical JSON, whose keys come back sorted by name."""
    keys = [k for k in order if k in values]
    return [(k, values[k]) for k in (*keys, *sorted(set(values) - set(keys)))]


def _cst(value: str | datetime | None) -> str:
    if not value:
        return "—"
    moment = parse_rfc3339(value) if isinstance(value, str) else value
    return format_cst(moment)


def _text(value: Any) -> str:
    return escape(str(value or "")).replace("\n", "<br>") or "<span style='color:#999'>（未填写）</span>"


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th align='left' style='background:#eceff1'>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table cellspacing='0' cellpadding='4' border='1' width='100%'><tr>{head}</tr>{body}</table>"


def version_html(v: DocumentVersionView) -> str:
    c = v.content
    parts = [(f"<h3>{escape(v.kind_label)}{escape('（' + v.stage_label + '）' if v.stage_label else '')}"
             f"　{_t('第%1版').replace('%1', str(v.number))}　{escape(v.state_label)}</h3>"),
             (f"<p>{escape(v.incident_number)}　{escape(c.get('incident', {}).get('title', ''))}<br>"
             f"{_t('单位')}：{escape(v.unit_name)}　{_t('起草人')}：{escape(v.created_by_name)}"
             f"　{_t('起草时间')}：{_cst(v.created_at)}　{_t('提交时间')}：{_cst(v.submitted_at)}<br>"
             f"<span style='color:#666'>SHA-256 {escape(v.sha256[:16])}…　{escape(v.verification_code)}</span></p>")]
    parts.append(f"<h4>{_t('文件内容')}</h4>")
    parts.append(_table([_t("项目"), _t("内容")], [[escape(field_label(k)), _text(val)]
                                                  for k, val in in_order(v.fields, KIND_FIELDS.get(v.kind, ()))]))
    labels = {**ELEMENTS, **MAJOR_ELEMENTS}
    elements = c.get("elements", {})
    if elements:
        parts.append(f"<h4>{_t('报告要素（3.3.2）')}</h4>")
        parts.append(_table([_t("要素"), _t("内容")], [[escape(_t(labels.get(k, k))), _text(val)]
                                                    for k, val in in_order(elements, labels)]))
    group = c.get("leadership_group") or []
    if group:
        parts.append(f"<h4>{_t('处置领导小组')}</h4>")
        parts.append(_table([_t("职务"), _t("姓名"), _t("单位及职务")], [
            [escape(_t(LEADERSHIP_POSITIONS.get(m["position"], m["position"]))), escape(m["name"]),
             escape(m["title"])] for m in group]))
    parts.append(f"<h4>{_t('时间线（截至 %1）').replace('%1', _cst(c.get('snapshot_at')))}</h4>")
    parts.append(_table([_t("时间"), _t("事项"), _t("记录人"), _t("备注"), _t("迟报说明")], [
        [_cst(e["at"]), escape(rule_text(e["label"])), escape(e["recorded_by"]), escape(e.get("note", "")),
         escape(e.get("late_reason", ""))] for e in c.get("timeline", [])]))
    parts.append(f"<h4>{_t('时限')}</h4>")
    parts.append(_table([_t("条款"), _t("责任方"), _t("时限"), _t("状态"), _t("完成时间")], [
        [escape(d["article"]), escape(rule_text(d["responsible"])), _cst(d["due_at"]),
         escape(_t(STATUS_LABELS.get(d["status"], d["status"]))), _cst(d["done_at"])]
        for d in c.get("deadlines", [])]))
    parts.append(f"<h4>{_t('审批环节')}</h4>")
    parts.append(_table([_t("环节"), _t("条款"), _t("办理人"), _t("办理时间")], [
        [escape(s.label), escape(s.article), escape(s.done_by) or _t("待办理"), _cst(s.done_at)]
        for s in v.steps]))
    parts.append(f"<h4>{_t('审批意见')}</h4>")
    if v.decisions:
        parts.append(_table([_t("时间"), _t("环节"), _t("意见"), _t("办理人"), _t("说明")], [
            [_cst(d.decided_at), escape(d.step_label), escape(d.decision_label), escape(d.actor_name),
             _text(d.comment) if d.comment else ""] for d in v.decisions]))
    else:
        parts.append(f"<p>{_t('尚无审批意见。')}</p>")
    return "".join(parts)
