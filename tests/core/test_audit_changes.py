"""What changed since a reader last looked: the audit log names the incidents, whoever changed them and from where."""

from __future__ import annotations

from typing import Any

from desktop import demo
from desktop.domain import SYSTEM
from desktop.services import audit, incidents
from desktop.timeutil import now_utc


def test_the_incidents_changed_after_a_mark_and_nothing_on_the_first_look(demo_db: Any) -> None:
    with demo_db.read() as s:
        # two open example incidents (after the closed year, so found by number, not by a fixed id)
        one, two = (incidents.find_by_number(s, SYSTEM, demo.number_of(s, key)).id
                    for key in ("just_reported", "overdue"))
        mark, changed = audit.changes_after(s, None)
        assert mark > 0 and changed == {}  # the first look: nothing is new to a reader who has seen nothing
        assert audit.changes_after(s, mark) == (mark, {})
    with demo_db.session() as s:
        incidents.record_event(s, SYSTEM, two, "worsening", now_utc())
        incidents.add_opinion(s, SYSTEM, one, source="微博", link_or_title="排队", seen_at=now_utc())
        incidents.record_event(s, SYSTEM, two, "media_inquiry", now_utc(),
                               data={"journalist": "王", "outlet": "晚报", "contact": "1", "question": "?"})
    with demo_db.read() as s:
        newest, changed = audit.changes_after(s, mark)
        assert set(changed) == {one, two} and newest == max(changed.values()) == changed[two] > changed[one] > mark
        assert audit.changes_after(s, changed[one]) == (newest, {two: newest})
        assert audit.changes_after(s, newest) == (newest, {})
