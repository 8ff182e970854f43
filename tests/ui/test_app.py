"""Start-up: log-in with the core's messages, the first-run wizard, the whole program with --user, settings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import ime_type, settle


def test_login_shows_the_core_message_then_logs_in(qtbot: Any, worker: Any) -> None:
    from ui.auth.login import LoginDialog

    dialog = LoginDialog(worker, "jingban")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.password, "wrong-pass1")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    settle(qtbot, worker)
    from desktop.services.accounts import WRONG_CREDENTIALS

    assert dialog.error.text() == WRONG_CREDENTIALS
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, "repdesk2026")
    with qtbot.waitSignal(dialog.loggedIn, timeout=5000) as blocker:
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert blocker.args[0].username == "jingban"


def fill_branch(wizard: Any) -> None:
    """The branch page starts empty (no organisation's name is written in code): the administrator types it."""
    ime_type(wizard.branch_name, "华夏银行石家庄分行")
    ime_type(wizard.branch_short, "石家庄分行")
    wizard.branch_code.setText("SJZ")
    ime_type(wizard.office_name, "石家庄分行办公室")
    wizard.office_code.setText("SJZ-BGS")


def test_first_run_wizard_builds_the_organisation(qtbot: Any, sqlite_db: Any) -> None:
    from desktop.services import org
    from ui.auth.setup_wizard import SetupWizard
    from ui.data.worker import DbWorker

    worker = DbWorker(sqlite_db)
    try:
        wizard = SetupWizard(worker)
        qtbot.addWidget(wizard)
        fill_branch(wizard)
        wizard.add_secondary("华夏银行保定分行", "BD", "保定分行综合管理部", "BD-ZHGL")
        wizard.display_name.setText("王建国")
        wizard.password.setText("short")
        wizard.password2.setText("short")
        wizard.accept()
        settle(qtbot, worker)
        assert "密码至少8位" in wizard.error.text()
        wizard.password.setText("admin2026")
        wizard.password2.setText("admin2026")
        with qtbot.waitSignal(wizard.finishedSetup, timeout=5000) as blocker:
            wizard.accept()
        assert "admin" in blocker.args[0].roles
        with sqlite_db.read() as s:
            units = {u.name: u for u in org.list_units(s)}
        assert units["保定分行综合管理部"].kind == "comprehensive_dept"
        assert units["华夏银行保定分行"].location == "remote"
    finally:
        worker.stop()


def test_first_run_wizard_takes_the_head_office_and_the_office_prefix(qtbot: Any, sqlite_db: Any) -> None:
    from desktop.services import org
    from ui.auth.setup_wizard import SetupWizard
    from ui.data.worker import DbWorker

    worker = DbWorker(sqlite_db)
    try:
        wizard = SetupWizard(worker)
        qtbot.addWidget(wizard)
        fill_branch(wizard)
        wizard.display_name.setText("王建国")
        wizard.password.setText("admin2026")
        wizard.password2.setText("admin2026")
        ime_type(wizard.office_prefix, "冀华银办〔2026〕")
        wizard.accept()
        settle(qtbot, worker)
        assert "机关代字应为文字" in wizard.error.text()
        with sqlite_db.read() as s:
            assert org.is_empty(s)  # all or nothing: the refused set-up left no unit behind
        wizard.office_prefix.clear()
        ime_type(wizard.office_prefix, "冀华银办")
        ime_type(wizard.head_office, "华夏银行总行办公室")
        with qtbot.waitSignal(wizard.finishedSetup, timeout=5000):
            wizard.accept()
        with sqlite_db.read() as s:
            office = next(u for u in org.list_units(s) if u.kind == "branch_office")
            assert org.head_office(s) == "华夏银行总行办公室"
            assert org.doc_prefix(s, office.id) == "冀华银办"
    finally:
        worker.stop()


def test_run_with_user_opens_the_window_and_quits(qtbot: Any, demo_db: Any, tmp_path: Path) -> None:
    from ui.app import start as app_module

    seen: dict[str, Any] = {}

    def look_and_quit() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow" and w.isVisible()]
        if not windows:
            QTimer.singleShot(100, look_and_quit)
            return
        seen["status"] = windows[0].user_label.text()
        windows[0].close()
        QApplication.instance().quit()

    QTimer.singleShot(100, look_and_quit)
    code = app_module.run(demo_db.url, user="jingban", password="repdesk2026")
    assert code == 0
    assert "张伟" in seen["status"] and "保定分行综合管理部" in seen["status"] and "牵头部门经办" in seen["status"]


def test_run_with_wrong_password_exits_2(qtbot: Any, demo_db: Any) -> None:
    from ui.app import start as app_module

    assert app_module.run(demo_db.url, user="jingban", password="nope") == 2


def test_settings_defaults_live_in_one_place(settings: Any) -> None:
    assert settings.language == "zh_CN" and not hasattr(settings, "due_soon_fraction")  # half the limit: fixed
    assert settings.due_soon_min_minutes == 10
    settings.due_soon_min_minutes = 15
    assert settings.due_soon_min_minutes == 15
    assert "dashboard/due_soon_min_minutes" in type(settings).DEFAULTS


def test_translations_build_and_speak_english(qtbot: Any) -> None:
    from PySide6.QtCore import QCoreApplication

    from ui.app import i18n

    # the build step that setup.sh, the wheel build and the bundle build run; the program never compiles them
    build = Path(__file__).resolve().parents[2] / "scripts" / "build_translations.py"
    subprocess.run([sys.executable, str(build)], check=True, capture_output=True)
    assert (i18n.translations_dir() / "repdesk_en.qm").exists()
    app = QApplication.instance()
    i18n.install_translators(app, "en")
    try:
        assert QCoreApplication.translate("DeadlineTableModel", "已超时") == "Overdue"
    finally:
        i18n.install_translators(app, "zh_CN")

