"""The 数据交换 page, driven through the window: peers and fingerprints, export to a file the other side can read,
import with its preview and checks before anything is written, a tampered package refused, a conflict resolved,
the origin of a received incident; and the set-up wizard making a site from a site package."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import func, select

from desktop import demo
from desktop.db.exchange_tables import ExchangeConflict
from desktop.db.models import AuditEntry, Incident, Unit
from desktop.db.session import Database
from desktop.exchange import crypto, service
from desktop.services import incidents
from desktop.timeutil import now_utc
from tests.ui.conftest import login, settle
from ui.common.package_preview import FAILED, PASSED, UNCHECKED
from ui.exchange.files import Volume, pick_folder


def _actor(db: Database, name: str) -> Any:
    return login(db, name).actor()


def _count(db: Database, model: type) -> int:
    with db.read() as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


@pytest.fixture
def site(demo_db: Database, tmp_path: Path) -> Iterator[Database]:
    """保定分行's site installation, set up from the branch office's (the example database's) site package."""
    package = service.make_site_package(demo_db, _actor(demo_db, "admin"), "BD")
    db = Database(f"sqlite:///{tmp_path / 'site.sqlite3'}")
    service.import_package(db, package, None)
    yield db
    db.dispose()


def _site_incident(site: Database, title: str = "客户在网点拍摄视频投诉") -> int:
    now, xinxi = now_utc(), _actor(site, "xinxi")
    with site.session() as s:
        cy = s.execute(select(Unit.id).where(Unit.code == "BD-CY")).scalar_one()
        record = incidents.create_incident(s, xinxi, {
            "title": title, "unit_id": cy, "occurred_at": now - timedelta(minutes=30), "severity": "general",
            "source": "complaint", **demo.ELEMENTS_GENERAL, "el_time": "今日上午", "el_place": "朝阳支行大厅"},
            now=now - timedelta(minutes=20))
    return record.id


def _site_package(site: Database) -> bytes:
    return service.export_package(site, _actor(site, "jingban"), "SJZ-BGS").data


def _page(window: Any, qtbot: Any) -> Any:
    window.show_page("exchange")
    page = window.pages["exchange"]
    qtbot.waitUntil(lambda: page.view is not None, timeout=5000)
    settle(qtbot, window.workbench.worker)
    return page


def _choose_file(monkeypatch: pytest.MonkeyPatch, path: Path, *, save: bool) -> None:
    name = "getSaveFileName" if save else "getOpenFileName"
    monkeypatch.setattr(QFileDialog, name, staticmethod(lambda *a, **k: (str(path), "")))


def test_import_shows_the_preview_and_checks_before_anything_is_written(
        make_window: Any, qtbot: Any, demo_db: Database, site: Database, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    incident_id = _site_incident(site)
    with site.read() as s:
        number = s.get(Incident, incident_id).number  # type: ignore[union-attr]
    file = tmp_path / "from-site.rdx"
    file.write_bytes(_site_package(site))
    window = make_window("bangongshi")
    page = _page(window, qtbot)
    # The peer the site package made: known by its unit, not yet by its key; this installation's own fingerprint.
    assert page.peers.rowCount() == 1
    assert page.peers.index(0, 0).data() == "BD"
    assert "尚未收到其第一个包" in page.peers.index(0, 3).data()
    with demo_db.read() as s:
        mine = service.own_fingerprint(s)
    assert mine and mine in page.own.text()

    before = _count(demo_db, Incident), _count(demo_db, AuditEntry)
    _choose_file(monkeypatch, file, save=False)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.preview_dialog is not None and page.preview_dialog.isVisible(), timeout=5000)
    dialog = page.preview_dialog
    states = {k: label.property("state") for k, label in dialog.check_labels.items()}
    assert states == dict.fromkeys(("form", "version", "kind", "sender", "signature", "recipient", "content"),
                                   PASSED)
    assert "事件 1" in dialog.counts.text() and "事件 1" in dialog.new.text()
    with site.read() as s:
        assert dialog.findChild(type(dialog.counts), "fingerprint").text() == service.own_fingerprint(s)
    assert dialog.import_button.isEnabled()
    assert (_count(demo_db, Incident), _count(demo_db, AuditEntry)) == before  # nothing written yet

    with qtbot.waitSignal(page.finished, timeout=10000) as done:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "新增" in done.args[0] and "BD" in done.args[0]
    assert page.result.isVisible() and "新增" in page.result.text()
    assert _count(demo_db, Incident) == before[0] + 1
    with demo_db.read() as s:
        peer = service.list_peers(s)[0]
        received = s.execute(select(Incident.id).where(Incident.number == number)).scalar_one()
    qtbot.waitUntil(lambda: page.peers.index(0, 3).data() == crypto.display_fingerprint(peer.fingerprint),
                    timeout=5000)
    assert page.peers.index(0, 5).data() != "—"  # last received

    # The incident carries its origin, in its header and in the list.
    window.open_incident(received)
    incident_page = window.incident_page
    qtbot.waitUntil(lambda: incident_page.exchange_note.isVisible(), timeout=5000)
    assert "来自：华夏银行保定分行" in incident_page.exchange_note.text()
    window.show_page("incidents")
    listing = window.pages["incidents"]
    qtbot.waitUntil(lambda: any("来自：华夏银行保定分行" in (listing.model.index(r, 1).data() or "")
                                for r in range(listing.model.rowCount())), timeout=5000)

    # The same file again: the preview says nothing is new, and importing it changes nothing.
    page_again = _page(window, qtbot)
    page_again.preview_dialog = None
    qtbot.mouseClick(page_again.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page_again.preview_dialog is not None, timeout=5000)
    assert "没有本机尚无的记录" in page_again.preview_dialog.new.text()
    with qtbot.waitSignal(page_again.finished, timeout=10000) as again:
        qtbot.mouseClick(page_again.preview_dialog.import_button, Qt.MouseButton.LeftButton)
    assert "没有新内容" in again.args[0]
    assert _count(demo_db, Incident) == before[0] + 1


def test_export_writes_a_file_the_peer_can_preview(make_window: Any, qtbot: Any, demo_db: Database, site: Database,
                                                    tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _site_incident(site)
    service.import_package(demo_db, _site_package(site), _actor(demo_db, "bangongshi"))  # the site is known now
    window = make_window("bangongshi")
    page = _page(window, qtbot)
    assert page.export_button.isEnabled()  # the only peer is selected
    assert "审计记录" in page.peers.index(0, 6).data()  # waiting: at least the import's own record
    out = tmp_path / "usb" / "to-site"
    out.parent.mkdir()
    _choose_file(monkeypatch, out, save=True)
    with qtbot.waitSignal(page.finished, timeout=10000) as done:
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    written = out.with_suffix(".rdx")
    assert "已导出给 BD" in done.args[0] and str(written) in done.args[0]
    data = written.read_bytes()
    with site.read() as s:
        preview = service.preview_package(s, data)
    assert preview.ok and preview.kind == "exchange" and preview.sender_unit_code == "SJZ-BGS"
    qtbot.waitUntil(lambda: page.peers.index(0, 4).data() != "—", timeout=5000)  # last sent
    assert not list(out.parent.glob("*.part"))


def test_a_tampered_package_is_refused_with_its_reason_and_nothing_written(
        make_window: Any, qtbot: Any, demo_db: Database, site: Database, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _site_incident(site)
    altered = bytearray(_site_package(site))
    altered[-20] ^= 0x01
    file = tmp_path / "altered.rdx"
    file.write_bytes(bytes(altered))
    window = make_window("bangongshi")
    page = _page(window, qtbot)
    before = _count(demo_db, Incident), _count(demo_db, AuditEntry)
    _choose_file(monkeypatch, file, save=False)
    with qtbot.waitSignal(page.finished, timeout=5000) as refused:
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.preview_dialog is not None and page.preview_dialog.isVisible(), timeout=5000)
    dialog = page.preview_dialog
    assert "签名" in refused.args[0] and "签名" in dialog.problem.text() and dialog.problem.isVisible()
    states = {k: label.property("state") for k, label in dialog.check_labels.items()}
    assert states["form"] == PASSED and states["signature"] == FAILED and states["recipient"] == UNCHECKED
    assert not dialog.import_button.isEnabled()
    assert page.result.isVisible() and "签名" in page.result.text()
    dialog.reject()
    settle(qtbot, window.workbench.worker)
    assert (_count(demo_db, Incident), _count(demo_db, AuditEntry)) == before


def _conflict(demo_db: Database, site: Database) -> int:
    """The same incident's place edited at both ends since the last exchange; the branch imports the site's."""
    incident_id = _site_incident(site)
    service.import_package(demo_db, _site_package(site), _actor(demo_db, "bangongshi"))
    service.import_package(site, service.export_package(demo_db, _actor(demo_db, "bangongshi"), "BD").data,
                           _actor(site, "jingban"))
    with demo_db.read() as s:
        branch_id = s.execute(select(Incident.id).where(Incident.origin != "")).scalar_one()
        branch_version = s.get(Incident, branch_id).row_version  # type: ignore[union-attr]
    with site.read() as s:
        site_version = s.get(Incident, incident_id).row_version  # type: ignore[union-attr]
    bangongshi, jingban = _actor(demo_db, "bangongshi"), _actor(site, "jingban")
    with demo_db.session() as s:
        incidents.update_incident(s, bangongshi, branch_id, branch_version, {"place": "分行核实：朝阳支行二楼"})
    with site.session() as s:
        incidents.update_incident(s, jingban, incident_id, site_version, {"place": "朝阳支行一楼大厅"})
    result = service.import_package(demo_db, _site_package(site), _actor(demo_db, "bangongshi"))
    assert result.conflicts == 1
    return branch_id


def test_a_conflict_shows_both_values_and_the_lead_department_chooses_one(
        make_window: Any, qtbot: Any, demo_db: Database, site: Database) -> None:
    branch_id = _conflict(demo_db, site)
    window = make_window("bangongshi")
    window.open_incident(branch_id)
    incident_page = window.incident_page
    qtbot.waitUntil(lambda: "冲突" in incident_page.exchange_note.text(), timeout=5000)
    page = _page(window, qtbot)
    assert page.conflicts.rowCount() == 1
    row = [page.conflicts.index(0, c).data() for c in range(page.conflicts.columnCount())]
    assert row[1] == "地点" and row[2] == "分行核实：朝阳支行二楼" and row[3] == "朝阳支行一楼大厅"
    assert row[4] == "华夏银行保定分行" and row[6] == "待处理"
    assert "1 处待处理" in page.conflict_box.title()
    qtbot.mouseClick(page.resolve_button, Qt.MouseButton.LeftButton)
    dialog = page.resolve_dialog
    assert dialog is not None and dialog.isVisible()
    assert "分行核实：朝阳支行二楼" in dialog.local.text() and "朝阳支行一楼大厅" in dialog.remote.text()
    assert not dialog.ok.isEnabled()  # nothing chosen yet
    dialog.remote.click()
    with qtbot.waitSignal(page.finished, timeout=10000) as done:
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert "朝阳支行一楼大厅" in done.args[0]
    with demo_db.read() as s:
        assert s.get(Incident, branch_id).place == "朝阳支行一楼大厅"  # type: ignore[union-attr]
        kept = s.execute(select(ExchangeConflict)).scalars().one()
        assert kept.chosen == "remote" and kept.resolved_by_name  # kept, resolved, both values on record
    qtbot.waitUntil(lambda: page.conflicts.rowCount() == 0, timeout=5000)
    page.show_resolved.setChecked(True)
    qtbot.waitUntil(lambda: page.conflicts.rowCount() == 1, timeout=5000)
    assert page.conflicts.index(0, 6).data() == "已采用对方的值"


def test_a_corrected_value_may_be_typed_and_an_empty_one_is_refused(
        make_window: Any, qtbot: Any, demo_db: Database, site: Database) -> None:
    from tests.ui.conftest import ime_type

    branch_id = _conflict(demo_db, site)
    window = make_window("bangongshi")
    page = _page(window, qtbot)
    qtbot.mouseClick(page.resolve_button, Qt.MouseButton.LeftButton)
    dialog = page.resolve_dialog
    dialog.own.click()
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible() and "请输入" in dialog.error.text()
    with demo_db.read() as s:
        assert s.execute(select(ExchangeConflict.resolved_at)).scalar_one() is None  # nothing written
    ime_type(dialog.text, "朝阳支行一楼大厅东侧")
    with qtbot.waitSignal(page.finished, timeout=10000):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    with demo_db.read() as s:
        assert s.get(Incident, branch_id).place == "朝阳支行一楼大厅东侧"  # type: ignore[union-attr]
        kept = s.execute(select(ExchangeConflict)).scalar_one()
        # Recorded as a correction, with the typed value, not as "kept the value here".
        assert kept.resolved_at is not None and kept.chosen == "corrected"
        assert kept.chosen_value == '"朝阳支行一楼大厅东侧"'
    page.show_resolved.setChecked(True)
    qtbot.waitUntil(lambda: page.conflicts.rowCount() == 1 and "已更正为" in str(page.conflicts.index(0, 6).data()),
                    timeout=10000)


def test_the_wizard_sets_up_a_site_from_a_site_package(qtbot: Any, demo_db: Database, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.auth.setup_wizard import SetupWizard
    from ui.data.worker import DbWorker

    file = tmp_path / "site-package.rdx"
    file.write_bytes(service.make_site_package(demo_db, _actor(demo_db, "admin"), "BD"))
    empty = Database(f"sqlite:///{tmp_path / 'new-site.sqlite3'}")
    worker = DbWorker(empty)
    try:
        wizard = SetupWizard(worker)
        qtbot.addWidget(wizard)
        wizard.show()
        _choose_file(monkeypatch, file, save=False)
        qtbot.mouseClick(wizard.site_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: wizard.site_preview is not None and wizard.site_preview.isVisible(), timeout=5000)
        preview = wizard.site_preview
        assert preview is not None
        states = {k: label.property("state") for k, label in preview.check_labels.items()}
        assert set(states.values()) == {PASSED} and "kind" in states and "sender" not in states
        assert "账号 4" in preview.counts.text()
        with empty.read() as s:
            assert service.is_empty(s)  # nothing written before the confirmation
        qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: wizard.login is not None and wizard.login.isVisible(), timeout=10000)
        login_dialog = wizard.login
        assert login_dialog is not None
        assert "站点已建立" in login_dialog.status.text() and not wizard.isVisible()
        qtbot.keyClicks(login_dialog.username, "xinxi")
        qtbot.keyClicks(login_dialog.password, demo.DEMO_PASSWORD)
        with qtbot.waitSignal(wizard.finishedSetup, timeout=10000) as done:
            qtbot.mouseClick(login_dialog.ok_button, Qt.MouseButton.LeftButton)
        assert done.args[0].username == "xinxi"
        with empty.read() as s:
            assert [p.unit_code for p in service.list_peers(s)] == ["SJZ-BGS"]

        # Another site package on the set-up database is refused in the preview, nothing written.
        file.write_bytes(service.make_site_package(demo_db, _actor(demo_db, "admin"), "BD"))
        wizard2 = SetupWizard(worker)
        qtbot.addWidget(wizard2)
        qtbot.mouseClick(wizard2.site_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: wizard2.site_preview is not None, timeout=5000)
        refused = wizard2.site_preview
        assert refused is not None and not refused.import_button.isEnabled()
        assert "空数据库" in refused.problem.text() and refused.check_labels["kind"].property("state") == FAILED
        with empty.read() as s:
            assert len(service.list_peers(s)) == 1
    finally:
        qtbot.waitUntil(lambda: worker.pending == 0, timeout=5000)
        worker.stop()
        empty.dispose()


def test_packages_are_saved_to_a_removable_drive_when_one_is_mounted() -> None:
    docs = "/home/x/Documents"
    assert pick_folder([Volume("/"), Volume("/boot")], docs) == docs
    assert pick_folder([Volume("/"), Volume("/media/x/U盘")], docs) == "/media/x/U盘"
    assert pick_folder([Volume("/run/media/x/KINGSTON", read_only=True)], docs) == docs
    assert pick_folder([Volume("C:/"), Volume("E:/")], docs, "C:") == "E:/"
    assert pick_folder([Volume("C:/")], docs, "C:") == docs
