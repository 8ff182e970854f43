"""`repdesk incidents add FILE.json`: the intake form's fields as JSON, for other systems (a public-opinion monitor,
a call centre) that record incidents as a named account. docs/cli-incidents-add.md describes the fields.

Units are named by their code (`repdesk units` lists them): ids are the database's own business."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from desktop.domain import ELEMENTS, MAJOR_ELEMENTS, Actor
from desktop.errors import ValidationError
from desktop.services import org, permissions
from desktop.timeutil import TimeFormatError, format_rfc3339_cst, parse_rfc3339

# The fields, in the intake form's order; the value's JSON type.
FIELDS: dict[str, type | tuple[type, ...]] = {
    "title": str, "unit": str, "occurred_at": str, "learned_at": str, "place": str, "severity": str,
    "source": str, "business_line": bool, "business_line_name": str, "business_dept": str,
    "customer_dispute": bool, "major_criteria": list, **{k: str for k in (*ELEMENTS, *MAJOR_ELEMENTS)},
}
REQUIRED = ("title", "unit", "occurred_at", "severity", "source")
MAX_BYTES = 1_000_000  # far above any real report; a bound keeps a runaway pipe from being read whole


def parse(text: str) -> dict[str, Any]:
    """The JSON object, its fields checked for name and type; ValidationError names the first bad one."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ValidationError("json", f"不是有效的 JSON（第 {getattr(exc, 'lineno', '?')} 行）") from None
    if not isinstance(data, dict):
        raise ValidationError("json", "应为一个 JSON 对象（{...}）")
    for key in data:
        if key not in FIELDS:
            raise ValidationError(str(key)[:60], "未知的字段")
    for key in REQUIRED:
        if key not in data:
            raise ValidationError(key, "缺少必填字段")
    for key, value in data.items():
        wanted = FIELDS[key]
        if not isinstance(value, wanted) or (wanted is str and isinstance(value, bool)):
            kind = {str: "文字", bool: "true 或 false", list: "列表"}[wanted]  # type: ignore[index]
            raise ValidationError(key, f"应为{kind}")
    return data


def _moment(key: str, text: str) -> datetime:
    try:
        return parse_rfc3339(text)
    except TimeFormatError:
        raise ValidationError(key, "时间应为带时区的 RFC 3339 格式，如 2026-03-02T09:15:00+08:00") from None


def _unit(session: Session, key: str, code: str) -> int:
    for unit in org.list_units(session):
        if unit.code == code:
            return unit.id
    raise ValidationError(key, f"没有代码为“{code[:32]}”的在用单位（见 repdesk units）")


def to_service(session: Session, data: dict[str, Any]) -> dict[str, Any]:
    """The service's own fields (desktop.services.incidents.create_incident), which checks the values."""
    out: dict[str, Any] = {k: v for k, v in data.items() if k not in ("unit", "business_dept", "occurred_at",
                                                                   "learned_at")}
    out["unit_id"] = _unit(session, "unit", data["unit"])
    if data.get("business_dept"):
        out["business_dept_id"] = _unit(session, "business_dept", data["business_dept"])
    for key in ("occurred_at", "learned_at"):
        if key in data:
            out[key] = _moment(key, data[key])
    return out


def example(session: Session, actor: Actor, now: datetime) -> dict[str, Any]:
    """A valid report for the first unit the account may record for, timed now."""
    scope = permissions.scope(session, actor)
    units = [u for u in org.list_units(session) if scope is None or u.id in scope]
    own = [u for u in units if u.id == actor.unit_id and u.kind == "outlet"]
    unit = (own or [u for u in units if u.kind == "outlet"] or units)[0]
    at = now - timedelta(minutes=10)
    return {
        "title": "客户在网点大厅拍摄视频投诉服务态度",
        "unit": unit.code,
        "occurred_at": format_rfc3339_cst(at),
        "learned_at": format_rfc3339_cst(at + timedelta(minutes=5)),
        "place": f"{unit.name}营业大厅",
        "severity": "general",
        "source": "online",
        "business_line": False,
        "customer_dispute": True,
        "el_cause": "客户因排队时间过长与大堂经理发生争执，并拍摄视频发布至短视频平台。",
        "el_situation": "视频播放量约五千次，评论以围观为主。",
        "el_measures_taken": "网点负责人已与客户电话沟通并致歉。",
    }

