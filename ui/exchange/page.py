"""数据交换: the installations this one exchanges packages with, what waits to be sent to each, export to a file
(a removable drive by default), import with a preview and the package's checks before anything is written, site
packages for the administrator, and the conflicts an import found, resolved by the lead department.

The core does all of it (desktop.exchange.service, which checks rights and records every step in the audit
chain); this page reads and writes only through the workbench's worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid
from sqlalchemy.orm import Session

from desktop.errors import RepDeskError
from desktop.exchange import service
from desktop.exchange.service import ConflictInfo, ImportResult, Preview
from ui.common.package_preview import PackagePreviewDialog
from ui.common.table_model import RECORD_ROLE
from ui.common.widgets import open_file_name, save_file_name
from ui.data.workbench import Workbench
from ui.exchange.dialogs import ResolveDialog, SitePackageDialog
from ui.exchange.files import PACKAGE_FILTER, SITE_FILTER, default_folder, suggested_path, write_package
from ui.exchange.models import ConflictTableModel, PeerRow, PeerTableModel, show_value

OPERATORS = service.OPERATORS  # the roles the core lets export, import and resolve


@dataclass(frozen=True)
class ExchangeView:
    """One read of the page's data."""

    own_unit: str
    fingerprint: str
    peers: list[PeerRow] = field(default_factory=list)
    conflicts: list[ConflictInfo] = field(default_factory=list)


def read_view(session: Session, actor: Any, open_only: bool) -> ExchangeView:
    try:
        unit = service.own_unit(session).name
    except RepDeskError:
        unit = ""
    peers = [PeerRow(p, service.pending_counts(session, p.unit_code) if p.enrolled else {})
             for p in service.list_peers(session)]
    return ExchangeView(unit, service.own_fingerprint(session), peers,
                        service.list_conflicts(session, actor, open_only=open_only))


def _message(exc: BaseException) -> str:
    return exc.message if isinstance(exc, RepDeskError) else str(exc)


class ExchangePage(QWidget):
    message = Signal(str)  # for the status bar
    openIncident = Signal(int)
    shown = Signal()  # the page's data arrived and is on screen
    finished = Signal(str)  # an export, import, site package or resolution ended: its result text

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.view: ExchangeView | None = None
        self.preview_dialog: PackagePreviewDialog | None = None
        self.resolve_dialog: ResolveDialog | None = None
        self.site_dialog: SitePackageDialog | None = None
        self._generation = 0
        self._stale = True
        title = QLabel(self.tr("数据交换"))
        title.setObjectName("pageTitle")
        self.own = QLabel()
        self.own.setObjectName("ownFingerprint")
        self.own.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.own.setWordWrap(True)
        intro = QLabel(self.tr("离线机构与上级之间用数据交换包传递事件、时间线、文件、审批和审计记录。"
                               "每个包都有签名并只能由收件方解密；导入前先显示包内容和检查结果。"
                               "需要时可通过电话与对方核对指纹。"))
        intro.setObjectName("hint")
        intro.setWordWrap(True)

        self.peers = PeerTableModel(self)
        self.peer_view = QTableView()
        self.peer_view.setObjectName("peerTable")
        self.peer_view.setModel(self.peers)
        self.peer_view.verticalHeader().hide()
        self.peer_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.peer_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.peer_view.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.peer_view.setMinimumHeight(120)
        self.none_yet = QLabel(self.tr("还没有交换对象。上级机构的管理员为本单位制作站点包后，"
                                       "站点发回的第一个包会使双方互相认识。"))
        self.none_yet.setObjectName("hint")
        self.none_yet.setWordWrap(True)
        self.none_yet.hide()

        self.export_button = QPushButton(self.tr("导出给所选单位…"))
        self.export_button.setObjectName("exportPackage")
        self.export_button.setToolTip(self.tr("把对方尚未确认收到的内容写入一个文件（默认保存到已插入的移动存储）"))
        self.import_button = QPushButton(self.tr("从文件导入…"))
        self.import_button.setObjectName("importPackage")
        self.site_button = QPushButton(self.tr("制作站点包…"))
        self.site_button.setObjectName("makeSitePackage")
        self.site_button.setToolTip(self.tr("为一个离线单位制作建立本地安装所需的站点包（仅管理员）"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        actions = QHBoxLayout()
        for button in (self.export_button, self.import_button, self.site_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.refresh_button)
        self.result = QLabel()
        self.result.setObjectName("exchangeResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.hide()

        self.conflicts = ConflictTableModel(self)
        self.conflict_view = QTableView()
        self.conflict_view.setObjectName("conflictTable")
        self.conflict_view.setModel(self.conflicts)
        self.conflict_view.verticalHeader().hide()
        self.conflict_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.conflict_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        header = self.conflict_view.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.resolve_button = QPushButton(self.tr("处理所选冲突…"))
        self.resolve_button.setObjectName("resolveConflict")
        self.open_button = QPushButton(self.tr("打开事件"))
        self.show_resolved = QCheckBox(self.tr("显示已处理的冲突"))
        conflict_actions = QHBoxLayout()
        conflict_actions.addWidget(self.resolve_button)
        conflict_actions.addWidget(self.open_button)
        conflict_actions.addStretch(1)
        conflict_actions.addWidget(self.show_resolved)
        self.conflict_box = QGroupBox(self.tr("冲突（同一事项在两端都被修改，两个值都已保留，由牵头部门选定）"))
        inner = QVBoxLayout(self.conflict_box)
        inner.addWidget(self.conflict_view)
        inner.addLayout(conflict_actions)

        peers_box = QGroupBox(self.tr("交换对象"))
        peers_layout = QVBoxLayout(peers_box)
        peers_layout.addWidget(self.peer_view)
        peers_layout.addWidget(self.none_yet)
        peers_layout.addLayout(actions)
        peers_layout.addWidget(self.result)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.own)
        layout.addWidget(intro)
        layout.addWidget(peers_box, 1)
        layout.addWidget(self.conflict_box, 1)

        self.export_button.clicked.connect(self.export_package)
        self.import_button.clicked.connect(self.import_package)
        self.site_button.clicked.connect(self.make_site_package)
        self.refresh_button.clicked.connect(self.reload)
        self.resolve_button.clicked.connect(self.resolve_selected)
        self.open_button.clicked.connect(self._open_selected)
        self.conflict_view.doubleClicked.connect(lambda _i: self._open_selected())
        self.show_resolved.toggled.connect(lambda _on: self.reload())
        self.peer_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.conflict_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        workbench.loaded.connect(self._on_loaded)
        workbench.rightsChanged.connect(self._update_buttons)
        self._update_buttons()

    # --- reading -----------------------------------------------------------------------------------------------

    def activated(self) -> None:
        """Shown in the window (the navigation): what waits to be sent is counted again each time."""
        self.reload()

    def _on_loaded(self) -> None:
        # Something changed (here, another window, an import): read again when it can be seen.
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def reload(self) -> None:
        self._stale = False
        self._generation += 1
        generation, actor, open_only = self._generation, self.workbench.actor, not self.show_resolved.isChecked()
        self.workbench.read(lambda s: (generation, read_view(s, actor, open_only)), self._show, self._read_failed)

    def _show(self, answer: tuple[int, ExchangeView]) -> None:
        generation, view = answer
        if generation != self._generation:
            return  # a late answer: a newer read is on its way
        self.view = view
        chosen = self.selected_peer()
        picked = self.selected_conflict()
        if view.fingerprint:
            self.own.setText(self.tr("本机（%1）的指纹：%2").replace("%1", view.own_unit or "—")
                             .replace("%2", view.fingerprint))
        else:
            self.own.setText(self.tr("本机（%1）尚未生成数据交换密钥：第一次导出或制作站点包时生成。")
                             .replace("%1", view.own_unit or "—"))
        self.peers.set_rows(view.peers)
        self.none_yet.setVisible(not view.peers)
        self.peer_view.resizeColumnsToContents()
        self.conflicts.set_rows(view.conflicts)
        self.conflict_view.resizeColumnsToContents()
        open_count = sum(1 for c in view.conflicts if c.resolved_at is None)
        title = self.tr("冲突：%1 处待处理（同一事项在两端都被修改，两个值都已保留，由牵头部门选定）")
        self.conflict_box.setTitle(title.replace("%1", str(open_count)))
        self._select(self.peer_view, [r.peer.unit_code for r in view.peers],
                     chosen.peer.unit_code if chosen else None)
        self._select(self.conflict_view, [c.id for c in view.conflicts], picked.id if picked else None)
        self._update_buttons()
        self.shown.emit()

    @staticmethod
    def _select(view: QTableView, keys: list[Any], key: Any) -> None:
        row = keys.index(key) if key in keys else (0 if keys else -1)
        if row >= 0:
            view.selectRow(row)

    def _read_failed(self, exc: BaseException) -> None:
        self._report(self.tr("无法读取数据交换信息：%1").replace("%1", _message(exc)), ok=False)

    def selected_peer(self) -> PeerRow | None:
        rows = self.peer_view.selectionModel().selectedRows()
        return self.peers.data(rows[0], RECORD_ROLE) if rows else None

    def selected_conflict(self) -> ConflictInfo | None:
        rows = self.conflict_view.selectionModel().selectedRows()
        return self.conflicts.data(rows[0], RECORD_ROLE) if rows else None

    def _update_buttons(self) -> None:
        if not (isValid(self.peer_view) and isValid(self.conflict_view)):
            return  # the page is being taken down: a view's selection emptied as its sibling's model goes
        actor = self.workbench.actor
        operator = actor.has(*OPERATORS)
        peer = self.selected_peer()
        self.export_button.setEnabled(operator and peer is not None and peer.peer.enrolled)
        if peer is not None and not peer.peer.enrolled:
            self.export_button.setToolTip(self.tr("该站点尚未发回第一个包：还不知道它的密钥，不能向它导出"))
        else:
            self.export_button.setToolTip(self.tr("把对方尚未确认收到的内容写入一个文件（默认保存到已插入的移动存储）"))
        self.import_button.setEnabled(operator)
        self.site_button.setVisible(actor.has("admin"))
        conflict = self.selected_conflict()
        self.resolve_button.setEnabled(operator and conflict is not None and conflict.resolved_at is None)
        self.open_button.setEnabled(conflict is not None)

    def _report(self, text: str, *, ok: bool) -> None:
        self.result.setText(text)
        self.result.setStyleSheet("" if ok else "color: #b71c1c;")
        self.result.show()
        self.message.emit(text)
        self.finished.emit(text)

    # --- export ------------------------------------------------------------------------------------------------

    def export_package(self) -> None:
        peer = self.selected_peer()
        if peer is None:
            self._report(self.tr("请先在上表中选择要导出给哪个单位"), ok=False)
            return
        code = peer.peer.unit_code
        suggested = suggested_path(self.tr("数据交换包_%1").replace("%1", code))
        path = save_file_name(self, self.tr("导出数据交换包"), suggested, PACKAGE_FILTER)
        if not path:
            return
        if not path.lower().endswith(".rdx"):
            path += ".rdx"
        db, actor = self.workbench.db, self.workbench.actor

        def job(_session: Session) -> tuple[str, str]:
            # export_package runs its own writing transaction (Database.run); the worker's read session is left
            # unused, so it holds no lock the export would wait for.
            result = service.export_package(db, actor, code)
            return result.summary, write_package(path, result.data)

        self.export_button.setEnabled(False)
        self.workbench.read(job, self._exported, self._action_failed)

    def _exported(self, answer: tuple[str, str]) -> None:
        summary, path = answer
        self._report(self.tr("%1，已写入 %2").replace("%1", summary).replace("%2", path), ok=True)
        self._after_write()

    def _after_write(self) -> None:
        self.workbench.refresh()  # the audit entries and incidents it wrote reach every page
        self.reload()

    def _action_failed(self, exc: BaseException) -> None:
        self._report(_message(exc), ok=False)
        self._update_buttons()

    # --- import ------------------------------------------------------------------------------------------------

    def import_package(self) -> None:
        path = open_file_name(self, self.tr("导入数据交换包"), default_folder(), PACKAGE_FILTER)
        if path:
            self.preview_file(path)

    def preview_file(self, path: str) -> None:
        """Read the file and its checks in the worker; the preview dialog opens with the answer. Nothing is
        written until the user confirms there."""

        def job(session: Session) -> tuple[bytes, Preview]:
            data = Path(path).read_bytes()
            return data, service.preview_package(session, data)

        def failed(exc: BaseException) -> None:
            text = exc.strerror if isinstance(exc, OSError) and exc.strerror else _message(exc)
            self._report(self.tr("无法读取 %1：%2").replace("%1", path).replace("%2", text), ok=False)

        self.workbench.read(job, lambda answer: self._preview(path, *answer), failed)

    def _preview(self, path: str, data: bytes, preview: Preview) -> None:
        dialog = self.preview_dialog = PackagePreviewDialog(preview, path, self)
        dialog.accepted.connect(lambda: self._apply(data))
        if not preview.ok:
            self._report(self.tr("未导入：%1").replace("%1", preview.problem), ok=False)
        dialog.open()

    def _apply(self, data: bytes) -> None:
        db, actor = self.workbench.db, self.workbench.actor

        def job(_session: Session) -> ImportResult:
            # import_package checks everything again and applies the package in one transaction of its own.
            return service.import_package(db, data, actor)

        self.import_button.setEnabled(False)
        self.workbench.read(job, self._imported, self._action_failed)

    def _imported(self, result: ImportResult) -> None:
        self._report(result.summary, ok=True)
        self._after_write()

    # --- site packages ------------------------------------------------------------------------------------------

    def make_site_package(self) -> None:
        dialog = self.site_dialog = SitePackageDialog(self.workbench.units, self)
        dialog.accepted.connect(lambda: self._save_site_package(dialog.unit_code()))
        dialog.open()

    def _save_site_package(self, code: str) -> None:
        if not code:
            return
        path = save_file_name(self, self.tr("保存站点包"), suggested_path(self.tr("站点包_%1").replace("%1", code)),
                              SITE_FILTER)
        if not path:
            return
        if not path.lower().endswith(".rdx"):
            path += ".rdx"
        db, actor = self.workbench.db, self.workbench.actor

        def job(_session: Session) -> tuple[str, int]:
            data = service.make_site_package(db, actor, code)  # its own transaction, as for an export
            return write_package(path, data), len(data)

        def done(answer: tuple[str, int]) -> None:
            written, size = answer
            text = self.tr("站点包已写入 %1（%2 字节）：在 %3 的空数据库上启动 RepDesk，选择“从上级机构的站点包导入…”")
            self._report(text.replace("%1", written).replace("%2", str(size)).replace("%3", code), ok=True)
            self._after_write()

        self.workbench.read(job, done, self._action_failed)

    # --- conflicts ----------------------------------------------------------------------------------------------

    def _open_selected(self) -> None:
        conflict = self.selected_conflict()
        if conflict is not None:
            self.openIncident.emit(conflict.incident_id)

    def resolve_selected(self) -> None:
        conflict = self.selected_conflict()
        if conflict is None or conflict.resolved_at is not None:
            return
        dialog = self.resolve_dialog = ResolveDialog(conflict, self)
        dialog.buttons.accepted.connect(lambda: self._resolve(dialog))
        dialog.open()

    def _resolve(self, dialog: ResolveDialog) -> None:
        problem = dialog.check()
        if problem:
            dialog.show_error(problem)
            return
        conflict, choice, typed, actor = dialog.conflict, dialog.choice(), dialog.typed(), self.workbench.actor

        def job(session: Session) -> ConflictInfo:
            if choice != "typed":
                return service.resolve_conflict(session, actor, conflict.id, choice)
            # A corrected value: recorded as such on the conflict, and applied by the core as an ordinary edit.
            return service.resolve_conflict(session, actor, conflict.id, "corrected", value=typed)

        def done(info: ConflictInfo) -> None:
            dialog.accept()
            value = typed if choice == "typed" else conflict.remote_value if choice == "remote" else \
                conflict.local_value
            self._report(self.tr("已处理事件 %1 的“%2”冲突：采用 %3").replace("%1", info.incident_number)
                         .replace("%2", info.field_label).replace("%3", show_value(value)), ok=True)
            self.reload()

        dialog.ok.setEnabled(False)
        self.workbench.write(job, done, lambda exc: dialog.show_error(_message(exc)))
