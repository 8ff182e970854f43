"""The register pages as the navigation shows them; the shell wraps each factory in a PageSpec."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ui.data.workbench import Workbench
from ui.registers import accountability, complaints, media, monitoring, prevention
from ui.registers.page import RegisterPage, RegisterTabs

OpenIncident = Callable[[int], None]
Message = Callable[[str], None]


def _wire(page: RegisterPage | RegisterTabs, open_incident: OpenIncident, message: Message) -> QWidget:
    page.openIncident.connect(open_incident)
    page.message.connect(message)
    return page


def monitoring_page(workbench: Workbench, open_incident: OpenIncident, message: Message) -> QWidget:
    return _wire(RegisterPage(workbench, monitoring.SPEC), open_incident, message)


def complaints_page(workbench: Workbench, open_incident: OpenIncident, message: Message) -> QWidget:
    return _wire(RegisterPage(workbench, complaints.SPEC), open_incident, message)


def media_page(workbench: Workbench, open_incident: OpenIncident, message: Message) -> QWidget:
    return _wire(RegisterTabs(workbench, "媒体与发言人",
                              "媒体和记者名录由各事件的媒体采访记录自动汇集（不必重复录入），也可在此直接登记；"
                              "选中记者可查看其历次采访。新闻发言人按单位指定，列明联系电话。", media.REGISTERS),
                 open_incident, message)


def prevention_page(workbench: Workbench, open_incident: OpenIncident, message: Message) -> QWidget:
    return _wire(RegisterTabs(workbench, "预防工作",
                              "声誉风险培训、应急演练、新产品新流程新系统上线前的声誉风险排查（由负责领导在“待我审批”中签批）、"
                              "定期风险排查和应急预案年度评审；各项发现的问题可添加整改事项，明确责任人和期限，"
                              "未落实的显示在时限看板上。", prevention.REGISTERS),
                 open_incident, message)


def accountability_page(workbench: Workbench, open_incident: OpenIncident, message: Message) -> QWidget:
    return _wire(RegisterTabs(workbench, "责任追究",
                              "评估报告中记录的责任追究事项，按单位和季度汇总：6.1.1 处罚，6.1.2 季度考核计零分、"
                              "取消年度评优资格；每项都列明来源事件。", accountability.REGISTERS),
                 open_incident, message)
