"""English mode for the rule set's texts: every one is listed for lupdate, translated, and shown in English."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFormLayout

from desktop.paths import resource
from tests.ui.conftest import settle
from tests.ui.test_timeline import _click_action, _open_from_dashboard

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
# Kept in the rule set for people reading it, never shown by the window.
NOT_SHOWN = frozenset({"note_zh"})


def rule_set_texts() -> set[str]:
    """Every Chinese text of resources/rules/default.json the window shows: the event types' names, button
    texts and detail fields, the rules' duties and deliverables, the responsible parties (whole and one by one)."""
    data = json.loads(resource("rules", "default.json").read_text(encoding="utf-8"))
    texts: set[str] = set()
    for item in (*data["event_types"], *data["rules"]):
        for key, value in item.items():
            if key in NOT_SHOWN:
                continue
            if key.endswith("_zh") or "_zh_" in key:
                texts.update(value.values() if isinstance(value, dict) else [value] if value else [])
        if "responsible" in item:
            texts.add(item["responsible"])
            texts.update(item["responsible"].split("、"))
    return texts


@pytest.fixture
def english(qapp: Any) -> Iterator[None]:
    """The English translator, as `language = en` installs it at start; Chinese again afterwards."""
    from ui.app import i18n

    i18n.install_translators(qapp, "en")
    try:
        assert QCoreApplication.translate("pages", "时限看板") == "Deadlines"
        yield
    finally:
        i18n.install_translators(qapp, "zh_CN")


def test_every_rule_set_text_is_listed_for_lupdate() -> None:
    from ui.common import strings

    texts = rule_set_texts()
    assert len(texts) > 100
    assert "事发后半小时内报告分行办公室" in texts and "已与省市宣传部门及主流媒体联系沟通" in texts
    assert "分行办公室、主办业务部门" in texts and "记者姓名" in texts
    listed = set(strings.RULES)
    assert sorted(texts - listed) == []  # missing from ui/strings.RULES
    assert sorted(listed - texts) == []  # no longer in the rule set
    assert len(strings.RULES) == len(listed)


def test_every_rule_set_text_has_an_english_translation(english: None) -> None:
    from ui.common.strings import RULES, rule_text

    untranslated = {text: rule_text(text) for text in RULES if CJK.search(rule_text(text))}
    assert untranslated == {}
    assert rule_text("事发单位") == "Incident unit"
    assert rule_text("分行办公室、主办业务部门") == "Branch office, business department"
    assert rule_text("不在规则集里的文字") == "不在规则集里的文字"  # another rule set's texts stay as they are


def test_chinese_is_back_after_english(english: None, qapp: Any) -> None:
    from ui.app import i18n
    from ui.common.strings import rule_text

    assert rule_text("事发单位") == "Incident unit"
    i18n.install_translators(qapp, "zh_CN")
    assert rule_text("事发单位") == "事发单位"


def test_window_shows_the_rule_set_in_english(qtbot: Any, english: None, make_window: Any, worker: Any) -> None:
    from ui.dashboard.model import COL_ARTICLE, COL_DUTY, COL_RESPONSIBLE

    window = make_window("jingban")

    # The dashboard: article and duty, responsible party; the responsible filter.
    dashboard = window.pages["dashboard"]
    model = dashboard.model
    assert model.rowCount() > 5
    for i in range(model.rowCount()):
        rule, responsible = model.index(i, COL_DUTY).data(), model.index(i, COL_RESPONSIBLE).data()
        assert not CJK.search(rule) and not CJK.search(responsible), (rule, responsible)
    cells = {(model.index(i, COL_ARTICLE).data(), model.index(i, COL_DUTY).data(),
              model.index(i, COL_RESPONSIBLE).data()) for i in range(model.rowCount())}
    assert ("4.3.4(3)", "Designate a spokesperson within 4 hours", "Leadership group") in cells
    assert any(responsible == "Business department, incident unit" for _, _, responsible in cells)
    row = next(i for i in range(model.rowCount()) if model.row_at(i).rule_id == "4.3.4-3b")
    tip = model.index(row, COL_DUTY).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith("Designate a spokesperson within 4 hours")
    combo = dashboard.responsible
    assert [combo.itemText(i) for i in range(1, combo.count())] == [
        "Incident unit", "Local lead department", "Branch office", "Business department", "Leadership group",
        "Spokesperson", "Interviewed unit"]
    assert combo.itemData(1) == "事发单位"  # the filter still compares the rule set's own words

    # The incident page: next-step buttons, the "other events" menu, the timeline, the chart.
    page = _open_from_dashboard(qtbot, window, "媒体记者就保定营业部")
    settle(qtbot, worker)
    buttons = page.action_buttons
    assert "publicity_dept_contacted" in buttons
    for event_type, button in buttons.items():
        assert not CJK.search(button.text()), (event_type, button.text())
    publicity = buttons["publicity_dept_contacted"]
    assert publicity.text() == "Contacted the provincial and city publicity departments and mainstream media"
    assert publicity.width() < publicity.fontMetrics().horizontalAdvance(publicity.text())  # longer than the column
    assert publicity.height() >= 2 * publicity.fontMetrics().height()  # so it wraps onto a second line
    menu = [action.text() for action in page.more_menu.actions()]
    assert menu and not [text for text in menu if CJK.search(text)]
    events = [page.events.index(i, 1).data() for i in range(page.events.rowCount())]
    assert "Reported to the lead department" in events and "Leadership group meeting" in events
    assert not [text for text in events if CJK.search(text)]
    from ui.incidents.timeline_chart import ROW_H, TOP

    tips = [page.chart.row_tooltip(TOP + row * ROW_H + 1) for row in range(len(page.chart._statuses))]
    assert tips and not [tip for tip in tips if CJK.search(tip)]
    assert any(tip.startswith("4.3.4(3) Designate a spokesperson within 4 hours\nResponsible: Leadership group")
               for tip in tips)

    # The history tab names events in English too.
    qtbot.waitUntil(lambda: page.history.model.rowCount() > 0, timeout=5000)
    changes = [page.history.model.index(i, page.history.model.CHANGE).data()
               for i in range(page.history.model.rowCount())]
    assert any("Reported to the lead department" in change for change in changes)

    # A document's frozen timeline and deadlines, as the documents tab shows them (the printed PDF stays Chinese).
    documents = page.documents
    qtbot.waitUntil(lambda: documents.model.rowCount() > 0, timeout=5000)
    documents.view.selectRow(0)
    shown = documents.browser.toPlainText()
    assert "Reported to the lead department\n" in shown and "Leadership group meeting\n" in shown
    assert "\nInterviewed unit\n" in shown and "\nIncident unit\n" in shown

    # The event dialog: the heading is the button's text, the detail fields are English.
    dialog = _click_action(qtbot, page, "media_inquiry")
    assert dialog.heading.text().startswith("<b>Received a media inquiry</b>")
    form = dialog.findChild(QFormLayout)
    labels = [form.labelForField(edit).text() for edit in dialog.fields.values()]
    assert labels == ["Journalist's name *", "Media outlet *", "Contact details *", "Question asked"]
    dialog.reject()


def test_notification_names_the_duty_in_english(english: None, settings: Any) -> None:
    from datetime import UTC, datetime

    from PySide6.QtGui import QIcon

    from desktop.services import deadline_board as dl
    from ui.dashboard.notifier import Notifier

    due = datetime(2026, 11, 23, 12, 30, tzinfo=UTC)
    row = dl.DeadlineRow(
        incident_id=1, number="SY2026-0001", title="客户投诉", unit_id=1, unit_name="保定朝阳支行", lead_unit_id=None,
        business_dept_id=None, severity="general", rule_id="3.2.1", article="3.2.1",
        label="事发后半小时内报告分行办公室", kind="deadline", responsible="事发单位", done_by="reported_to_lead",
        due_at=due, limit_seconds=1800.0, due_ts=due.timestamp())
    notifier = Notifier(settings, QIcon())
    notifier.on_state(row, dl.OVERDUE)
    notifier.flush()
    title, text = notifier.history[-1]
    assert title == "Deadline overdue"
    assert text == "SY2026-0001 Art. 3.2.1 Report to the branch office within 30 min of the incident: Overdue " \
                   "(2026-11-23 20:30)"
