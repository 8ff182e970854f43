"""An incident keeps the rule set version it was recorded under, even after the program's rule set changed."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from sqlalchemy import update

from desktop.db.models import Incident, RuleSetRecord
from desktop.services import incidents, rulesets
from desktop.services.rulesets import rules_file_text
from desktop.timeutil import now_utc
from tests.ui.conftest import login


def _version_one() -> str:
    """The rule set as version 1 was: without the complaint report-back rule (4.2.2-4b) and its two events."""
    data = json.loads(rules_file_text())
    data["version"] = 1
    data["rules"] = [r for r in data["rules"] if r["id"] != "4.2.2-4b"]
    return json.dumps(data, ensure_ascii=False)


def test_an_incident_of_version_one_is_read_under_version_one(demo_db: Any, monkeypatch: Any) -> None:
    current = rulesets.active_ruleset
    with demo_db.session() as s:
        assert current(s).version == 2
        s.add(RuleSetRecord(rule_set_id="hx-sjz-2013", version=1, sha256="0" * 64, content=_version_one(),
                            loaded_at=now_utc() - timedelta(days=400)))
        first = s.scalars(Incident.__table__.select().with_only_columns(Incident.id).limit(1)).first()
        s.execute(update(Incident).where(Incident.id == first).values(rule_set_version=1))
    # A fresh process knows only the program's own rule set until it reads the stored one.
    monkeypatch.setattr(rulesets, "_known", {})
    actor = login(demo_db, "jingban").actor()
    with demo_db.read() as s:
        record = next(r for r in incidents.list_incidents(s, actor) if r.id == first)
        assert record.rule_set_version == 1
        older = rulesets.ruleset_for("hx-sjz-2013", 1)
        assert "4.2.2-4b" not in {r.id for r in older.rules}
        assert "4.2.2-4b" in {r.id for r in rulesets.ruleset_for("hx-sjz-2013", 2).rules}
        assert {s.rule.id for s in incidents.deadlines(record, now_utc())} <= {r.id for r in older.rules}
        assert incidents.get_incident(s, actor, first).number == record.number
