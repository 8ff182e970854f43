"""The incident form: every fact and every report element (3.3.2). It lays out and converts; it decides nothing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import ELEMENTS, MAJOR_CRITERIA, MAJOR_ELEMENTS, SEVERITIES, SOURCES, IncidentRecord, UnitInfo
from desktop.timeutil import format_cst, parse_rfc3339
from ui.common.widgets import (
    banner,
    cst_edit,
    fill_unit_combo,
    get_cst,
    limit_length,
    mark_invalid,
    select_data,
    set_cst,
)

ELEMENT_HINTS: dict[str, str] = {
    "el_cause": "事件因何而起", "el_time": "事件发生及发展的时间", "el_place": "事件发生的地点",
    "el_situation": "目前的状况、舆情传播情况", "el_measures_taken": "已经采取的处置措施",
    "el_forecast": "对事态发展的判断", "el_impact": "已经造成的影响",
    "el_consequences": "可能引发的后果（重大事件）", "el_planned_measures": "拟采取的措施（重大事件）",
}


class IncidentForm(QWidget):
    """`values()` gives the dict the core's create/update take; `payload()`/`load_payload()` are the draft."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._units: dict[int, UnitInfo] = {}
        self._loading = False
        # Facts are typed once (3.3.2): 时间 and 地点 show the occurred-at time and the place, and follow them,
        # while they hold what was last filled in from them (key -> that text); once edited, the user's text stays.
        self._filled: dict[str, str | None] = {"el_time": None, "el_place": None}
        self.error = banner("errorBanner")
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("一句话说明发生了什么"))
        limit_length(self.title, "title")
        self.unit = QComboBox()
        self.unit_info = QLabel()
        self.unit_info.setObjectName("hint")
        self.occurred_at = cst_edit()
        self.learned_at = cst_edit()
        self.place = limit_length(QLineEdit(), "place")
        self.severity = QComboBox()
        for key, label in SEVERITIES.items():
            self.severity.addItem(self.tr(label), key)
        self.source = QComboBox()
        for key, label in SOURCES.items():
            self.source.addItem(self.tr(label), key)
        self.business_line = QCheckBox(self.tr("涉及具体业务条线"))
        self.business_line_name = limit_length(QLineEdit(), "business_line_name")
        self.business_line_name.setPlaceholderText(self.tr("业务条线名称，如：个人理财"))
        self.business_dept = QComboBox()
        self.customer_dispute = QCheckBox(self.tr("涉及客户纠纷"))
        # 4.1: why the incident is 重大 is recorded with it (and printed in its reports).
        self.criteria: dict[str, QCheckBox] = {k: QCheckBox(self.tr(label)) for k, label in MAJOR_CRITERIA.items()}
        self.elements: dict[str, QPlainTextEdit] = {}
        for key in (*ELEMENTS, *MAJOR_ELEMENTS):
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setPlaceholderText(self.tr(ELEMENT_HINTS[key]))
            edit.setFixedHeight(58)
            self.elements[key] = edit
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self._layout()
        self._connect()
        self._on_business_line()
        self._loading = True
        try:
            self._start_following()
        finally:
            self._loading = False

    def _layout(self) -> None:
        facts = QGroupBox(self.tr("事件基本情况"))
        form = QFormLayout(facts)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._req(self.tr("事件标题")), self.title)
        form.addRow(self._req(self.tr("事发单位")), self.unit)
        form.addRow("", self.unit_info)
        times = QHBoxLayout()
        times.addWidget(self.occurred_at)
        times.addWidget(QLabel(self.tr("获悉时间")))
        times.addWidget(self.learned_at)
        times.addWidget(QLabel(self.tr("（北京时间）")))
        form.addRow(self._req(self.tr("事发时间")), times)
        form.addRow(self.tr("事发地点"), self.place)
        sev = QHBoxLayout()
        sev.addWidget(self.severity)
        sev.addWidget(QLabel(self.tr("事件来源")))
        sev.addWidget(self.source, 1)
        form.addRow(self._req(self.tr("事件级别")), sev)
        form.addRow("", self.business_line)
        form.addRow(self.tr("业务条线"), self.business_line_name)
        form.addRow(self.tr("主办业务部门"), self.business_dept)
        form.addRow("", self.customer_dispute)

        report = QGroupBox(self.tr("报告要素（3.3.2，书面报告签发前须全部填写）"))
        grid = QGridLayout(report)
        for i, (key, label) in enumerate(ELEMENTS.items()):
            grid.addWidget(self._req(self.tr(label)), i, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self.elements[key], i, 1)
        self.major_box = QGroupBox(self.tr("重大事件另需（4.3.4）"))
        major = QGridLayout(self.major_box)
        criteria = QVBoxLayout()
        for box in self.criteria.values():
            criteria.addWidget(box)
        major.addWidget(QLabel(self.tr("认定情形（4.1）")), 0, 0, Qt.AlignmentFlag.AlignTop)
        major.addLayout(criteria, 0, 1)
        for i, (key, label) in enumerate(MAJOR_ELEMENTS.items(), start=1):
            major.addWidget(self._req(self.tr(label)), i, 0, Qt.AlignmentFlag.AlignTop)
            major.addWidget(self.elements[key], i, 1)

        left = QVBoxLayout()
        left.addWidget(facts)
        left.addWidget(self.major_box)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 5)
        right = QVBoxLayout()
        right.addWidget(report)
        right.addWidget(self.missing)
        columns.addLayout(right, 6)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.error)
        outer.addLayout(columns)

    def _req(self, text: str) -> QLabel:
        label = QLabel(f"{text} <span style='color:#c62828'>*</span>")
        label.setToolTip(self.tr("必填"))
        return label

    def _connect(self) -> None:
        for edit in (self.title, self.place, self.business_line_name):
            edit.textEdited.connect(self._changed)
        for combo in (self.unit, self.severity, self.source, self.business_dept):
            combo.currentIndexChanged.connect(self._changed)
        for box in (self.business_line, self.customer_dispute, *self.criteria.values()):
            box.toggled.connect(self._changed)
        for dt in (self.occurred_at, self.learned_at):
            dt.dateTimeChanged.connect(self._changed)
        for element in self.elements.values():
            element.textChanged.connect(self._changed)
        self.unit.currentIndexChanged.connect(self._show_unit_info)
        self.occurred_at.dateTimeChanged.connect(self._follow_facts)
        self.place.textChanged.connect(self._follow_facts)
        self.business_line.toggled.connect(self._on_business_line)
        self.severity.currentIndexChanged.connect(self._update_missing)

    def fact_texts(self) -> dict[str, str]:
        """What the facts say for the 时间 and 地点 elements: the occurred-at time (Beijing time), the place."""
        return {"el_time": format_cst(get_cst(self.occurred_at)), "el_place": self.place.text().strip()}

    def follows_facts(self, key: str) -> bool:
        """The element still holds what the facts filled in (the user has not typed over it)."""
        filled = self._filled.get(key)
        return filled is not None and self.elements[key].toPlainText() == filled

    def _follow_facts(self, *_: Any) -> None:
        if self._loading:
            return
        for key, text in self.fact_texts().items():
            if self.follows_facts(key) and self.elements[key].toPlainText() != text:
                self._filled[key] = text
                self.elements[key].setPlainText(text)

    def _start_following(self) -> None:
        """After loading: an element that is empty or says what the facts say follows them from now on (an empty
        one is filled in); one with other text is the user's and stays."""
        for key, text in self.fact_texts().items():
            current = self.elements[key].toPlainText()
            if current.strip() and current != text:
                self._filled[key] = None
                continue
            self._filled[key] = text
            if current != text:
                self.elements[key].setPlainText(text)

    def _changed(self, *_: Any) -> None:
        self._update_missing()
        if not self._loading:
            self.edited.emit()

    def _on_business_line(self, *_: Any) -> None:
        on = self.business_line.isChecked()
        self.business_line_name.setEnabled(on)
        self.business_dept.setEnabled(on)

    # --- data ------------------------------------------------------------------------------------------------

    def set_units(self, units: list[UnitInfo]) -> None:
        self._units = {u.id: u for u in units}
        fill_unit_combo(self.unit, units)
        fill_unit_combo(self.business_dept, units, kinds={"department", "comprehensive_dept", "branch_office"},
                        empty=self.tr("（未指定）"))
        self._show_unit_info()

    def _show_unit_info(self, *_: Any) -> None:
        info = self._units.get(self.unit.currentData())
        if info is None:
            self.unit_info.setText("")
            return
        where = self.tr("同城机构") if info.location == "same_city" else self.tr("异地机构")
        lead = info.lead_unit_name or self.tr("（未设置）")
        self.unit_info.setText(self.tr("%1 · 牵头部门：%2").replace("%1", where).replace("%2", lead))

    def values(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "title": self.title.text(), "unit_id": self.unit.currentData(),
            "occurred_at": get_cst(self.occurred_at), "learned_at": get_cst(self.learned_at),
            "place": self.place.text(), "severity": self.severity.currentData(), "source": self.source.currentData(),
            "business_line": self.business_line.isChecked(), "customer_dispute": self.customer_dispute.isChecked(),
            "business_line_name": self.business_line_name.text() if self.business_line.isChecked() else "",
            "business_dept_id": self.business_dept.currentData() if self.business_line.isChecked() else None,
        }
        # A tuple, as the record holds it, so an unchanged choice is not sent again; none for a general incident.
        major = self.severity.currentData() == "major"
        data["major_criteria"] = tuple(k for k, box in self.criteria.items() if major and box.isChecked())
        for key, edit in self.elements.items():
            data[key] = edit.toPlainText()
        return data

    def payload(self) -> dict[str, Any]:
        data = self.values()
        for key in ("occurred_at", "learned_at"):
            data[key] = data[key].isoformat()
        return data

    def load_payload(self, data: dict[str, Any]) -> None:
        values = dict(data)
        for key in ("occurred_at", "learned_at"):
            if isinstance(values.get(key), str):
                values[key] = parse_rfc3339(values[key])
        self.load_values(values)

    def load_record(self, record: IncidentRecord) -> None:
        values: dict[str, Any] = {k: getattr(record, k) for k in (
            "title", "unit_id", "occurred_at", "learned_at", "place", "severity", "source", "business_line",
            "business_line_name", "business_dept_id", "customer_dispute", "major_criteria")}
        values.update(record.elements)
        self.load_values(values)

    def load_values(self, values: dict[str, Any]) -> None:
        self._loading = True
        try:
            self.title.setText(values.get("title", ""))
            select_data(self.unit, values.get("unit_id"))
            for key in ("occurred_at", "learned_at"):
                if isinstance(values.get(key), datetime):
                    set_cst(getattr(self, key), values[key])
            self.place.setText(values.get("place", ""))
            select_data(self.severity, values.get("severity", "general"))
            select_data(self.source, values.get("source", "complaint"))
            self.business_line.setChecked(bool(values.get("business_line")))
            self.business_line_name.setText(values.get("business_line_name", ""))
            select_data(self.business_dept, values.get("business_dept_id"))
            self.customer_dispute.setChecked(bool(values.get("customer_dispute")))
            ticked = set(values.get("major_criteria") or ())
            for key, box in self.criteria.items():
                box.setChecked(key in ticked)
            for key, edit in self.elements.items():
                if edit.toPlainText() != values.get(key, ""):
                    edit.setPlainText(values.get(key, ""))
            self._start_following()
        finally:
            self._loading = False
        self._update_missing()

    def set_severity_locked(self, major: bool) -> None:
        """4.1: severity only goes up; a major incident's combo offers no way back."""
        self.severity.model().item(0).setEnabled(not major)  # type: ignore[attr-defined]

    # --- feedback --------------------------------------------------------------------------------------------

    def missing_elements(self) -> list[str]:
        """Same rule as IncidentRecord.missing_elements, on what is typed now."""
        required = dict(ELEMENTS)
        if self.severity.currentData() == "major":
            required.update(MAJOR_ELEMENTS)
        return [self.tr(label) for key, label in required.items() if not self.elements[key].toPlainText().strip()]

    def _update_missing(self, *_: Any) -> None:
        self.major_box.setVisible(self.severity.currentData() == "major")
        missing = self.missing_elements()
        if missing:
            self.missing.setObjectName("banner")
            self.missing.setText(self.tr("书面报告尚缺要素：%1。缺项未补齐前，书面报告不能报送。")
                                 .replace("%1", "、".join(missing)))
        else:
            self.missing.setObjectName("hint")
            self.missing.setText(self.tr("报告要素已齐全。"))
        self.missing.style().unpolish(self.missing)
        self.missing.style().polish(self.missing)

    def field_widget(self, field: str) -> QWidget | None:
        mapping: dict[str, QWidget] = {
            "title": self.title, "unit_id": self.unit, "occurred_at": self.occurred_at,
            "learned_at": self.learned_at, "place": self.place, "severity": self.severity, "source": self.source,
            "business_line_name": self.business_line_name, "business_dept_id": self.business_dept,
        }
        if field == "major_criteria":
            return next(iter(self.criteria.values()))
        return mapping.get(field) or self.elements.get(field)

    def show_error(self, field: str | None, message: str) -> None:
        self.clear_errors()
        self.error.setText(message)
        self.error.show()
        widget = self.field_widget(field) if field else None
        if widget is not None:
            mark_invalid(widget, True)
            widget.setToolTip(message)
            widget.setFocus()

    def clear_errors(self) -> None:
        self.error.hide()
        for field in ("title", "unit_id", "occurred_at", "learned_at", "place", "severity", "source",
                      "business_line_name", "business_dept_id", *self.elements):
            widget = self.field_widget(field)
            if widget is not None and widget.property("invalid") == "true":
                mark_invalid(widget, False)
