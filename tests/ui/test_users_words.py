"""Everything in the user's words and in the order of the rules: 3.3.2 elements in order wherever a version is
listed, the history tab without stored keys, file dialogs in the chosen language, a window title that names the
program once, and approvers deciding beside the formatted document."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.ui.conftest import login
from tests.ui.test_approvals_queue import _demo_plan_incident
from tests.ui.test_english import english  # noqa: F401 - the English translator, as a fixture

ROOT = Path(__file__).resolve().parents[2]
RAW = re.compile(r"business_line|unit_head_sign|el_[a-z]+|\bFalse\b|\bTrue\b|T\d{2}:\d{2}:\d{2}|[+-]\d{2}:\d{2}\b")


def _versions(db: Any, kind: str) -> list[Any]:
    from desktop.services import documents, incidents

    actor = login(db, "jingban").actor()
    with db.read() as s:
        return [v for r in incidents.list_incidents(s, actor) for v in documents.list_documents(s, actor, r.id)
                if v.kind == kind]


def _in_order(text: str, words: list[str]) -> bool:
    at = [text.index(w) for w in words]
    return at == sorted(at)


def test_a_version_lists_its_fields_and_3_3_2_elements_in_the_rules_order(qapp: Any, demo_db: Any) -> None:
    from PySide6.QtGui import QTextDocument

    from desktop.domain import ELEMENTS
    from desktop.services.documents import FIELD_LABELS, KIND_FIELDS
    from ui.approvals.render import version_html

    view = _versions(demo_db, "written_report")[0]
    assert list(view.content["elements"]) != list(ELEMENTS)  # stored as canonical JSON: keys sorted by name
    page = QTextDocument()
    page.setHtml(version_html(view))
    text = page.toPlainText()
    assert _in_order(text, [f"\n{label}\n" for label in ELEMENTS.values()])
    assert _in_order(text, [f"\n{FIELD_LABELS[k]}\n" for k in KIND_FIELDS["written_report"]])


def test_the_history_tab_shows_labels_and_beijing_times(qtbot: Any, make_window: Any, demo_db: Any) -> None:
    window = make_window("bangongshi")
    incident = _demo_plan_incident(demo_db)
    window.open_incident(incident, tab="history")
    model = window.incident_page.history.model
    qtbot.waitUntil(lambda: model.rowCount() >= 8, timeout=5000)
    cells = [str(model.index(r, c).data()) for r in range(model.rowCount()) for c in range(model.columnCount())]
    tips = [str(model.index(r, model.CHANGE).data(Qt.ItemDataRole.ToolTipRole)) for r in range(model.rowCount())]
    assert [c for c in cells + tips if RAW.search(c)] == []
    text = "\n".join(cells)
    assert "涉及具体业务条线：是" in text and "环节：事发单位主要负责人签发" in text and "状态：草稿 → 待审批" in text


def test_every_file_dialog_is_qts_own_in_the_chosen_language(monkeypatch: pytest.MonkeyPatch, qapp: Any) -> None:
    from ui.common import widgets

    asked: list[Any] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: asked.append(k) or ("x.pdf", "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: asked.append(k) or ("y.pdf", "")))
    assert widgets.save_file_name(None, "另存为 PDF", "", "PDF 文件 (*.pdf)") == "x.pdf"
    assert widgets.open_file_name(None, "选择要验证的 PDF 文件") == "y.pdf"
    assert all(k["options"] & QFileDialog.Option.DontUseNativeDialog for k in asked) and len(asked) == 2
    # Nothing in the window opens a file dialog of its own (the system's speaks the system's language).
    direct = [str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py")
              if p.name != "widgets.py" and re.search(r"QFileDialog\.get|QFileDialog\(", p.read_text(encoding="utf-8"))]
    assert direct == []


def test_the_window_title_names_the_program_once(qtbot: Any, make_window: Any, qapp: Any, demo_db: Any) -> None:
    from ui.app import i18n

    i18n.install_translators(qapp, "zh_CN")  # sets the program's name Qt puts after each title
    name = qapp.applicationDisplayName()
    assert name == "声誉风险工作台"
    window = make_window("bangongshi")
    window.show_page("approvals")
    title = window.windowTitle()
    assert name not in title and "待我审批" in title and "赵丽" in title
    assert f"{title} - {name}".count(name) == 1  # as the title bar shows it
    window.open_incident(_demo_plan_incident(demo_db))
    qtbot.waitUntil(lambda: "事件详情" in window.windowTitle(), timeout=5000)


def test_the_approver_reads_the_pdf_beside_the_buttons_and_sees_the_decision(qtbot: Any, make_window: Any,
                                                                             worker: Any, demo_db: Any) -> None:
    from tests.ui.test_approvals_flow import open_queue_item

    window = make_window("bangongshi")
    dialog = open_queue_item(qtbot, window, _demo_plan_incident(demo_db), "approve")
    assert dialog.preview.document.pageCount() > 0 and dialog.preview.isVisible()
    assert set(dialog.buttons) == {"approve", "return"} and all(b.isVisible() for b in dialog.buttons.values())
    # Beside: the document on the left, the buttons to its right, both on screen at once.
    assert dialog.preview.mapTo(dialog, dialog.preview.rect().topRight()).x() \
        <= dialog.buttons["approve"].mapTo(dialog, dialog.buttons["approve"].rect().topLeft()).x()
    assert "待审批" in dialog.state.text()
    qtbot.mouseClick(dialog.buttons["approve"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome != "", timeout=5000)
    assert dialog.isVisible() and "已审批" in dialog.state.text() and dialog.view.state == "approved"
    assert "已同意" in dialog.outcome_label.text() and dialog.outcome_label.isVisible()
    assert not any(b.isEnabled() for b in dialog.buttons.values())
    qtbot.mouseClick(dialog.buttons["approve"], Qt.MouseButton.LeftButton)  # spent: nothing happens
    # The preview follows: the approved plan prints as the signed document now.
    qtbot.waitUntil(lambda: dialog.preview.printed is not None and dialog.preview.printed.signed, timeout=15000)
    assert dialog.preview.document.pageCount() > 0
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


@pytest.mark.usefixtures("english")
def test_the_history_tab_in_english(qtbot: Any, make_window: Any, demo_db: Any) -> None:
    window = make_window("bangongshi")
    window.open_incident(_demo_plan_incident(demo_db), tab="history")
    model = window.incident_page.history.model
    qtbot.waitUntil(lambda: model.rowCount() >= 8, timeout=5000)
    text = "\n".join(str(model.index(r, model.CHANGE).data(Qt.ItemDataRole.ToolTipRole))
                     for r in range(model.rowCount()))
    assert "State: Draft → Awaiting approval" in text and "Concerns a business line: Yes" in text
    assert "Step: Signed by the incident unit's head" in text and "State：" not in text
    assert [c for c in text.split("\n") if RAW.search(c)] == []
