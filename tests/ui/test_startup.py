"""Start-up: the log-in dialog is drawn before the core loads, it takes a log-in before the database is open, it
stays responsive while the password is checked, and the whole start (dialog, wizard, window) still works."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import settle

ROOT = Path(__file__).resolve().parents[2]

FIRST_PAINT = """
import os, sys
sys.path.insert(0, {root!r})
from ui.auth import login
def paint(self, event):
    heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "reportlab", "jieba", "pypdf")
                   or m.startswith(("desktop.db", "desktop.services", "ui.shell", "ui.data", "ui.dashboard")))
    print("HEAVY", ",".join(heavy), "TITLE", self.windowTitle(), "NAME", self.username.text(), flush=True)
    os._exit(0)
login.LoginDialog.paintEvent = paint
from ui.app.launch import main
main(["--user", "jingban"])
"""


def test_the_login_dialog_is_drawn_before_the_core_is_loaded(tmp_path: Path) -> None:
    env = dict(os.environ, REPDESK_DATA_DIR=str(tmp_path), REPDESK_LOG_DIR=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen", REPDESK_NO_DIALOGS="1")
    env.pop("REPDESK_PASSWORD", None)
    out = subprocess.run([sys.executable, "-c", FIRST_PAINT.format(root=str(ROOT))], env=env, capture_output=True,
                         text=True, timeout=60, cwd=tmp_path, check=False)
    line = next(x for x in out.stdout.splitlines() if x.startswith("HEAVY"))
    heavy = line.split("HEAVY ", 1)[1].split(" TITLE")[0]
    assert heavy == "", f"loaded before the first paint: {heavy}"
    assert "NAME jingban" in line  # `--user NAME` without a password: the dialog with the name filled in


def test_a_login_asked_for_before_the_database_is_open_is_sent_when_it_is(qtbot: Any, worker: Any) -> None:
    from ui.auth.login import LoginDialog

    dialog = LoginDialog(None, "jingban")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.status.isVisible() and "正在打开数据库" in dialog.status.text()
    qtbot.keyClicks(dialog.password, "repdesk2026")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.busy.isVisible() and not dialog.ok_button.isEnabled()  # waiting, and says so
    with qtbot.waitSignal(dialog.loggedIn, timeout=10000) as blocker:
        dialog.attach(worker)
    assert blocker.args[0].username == "jingban"


def test_the_dialog_stays_responsive_while_the_password_is_checked(qtbot: Any, worker: Any, demo_db: Any,
                                                                    monkeypatch: Any) -> None:
    from sqlalchemy import update

    from desktop.db.models import User
    from desktop.services import accounts
    from ui.auth.login import LoginDialog

    # The suite hashes at a cheap cost; this account's check must take a real while (a tenth of a second or more).
    monkeypatch.setattr(accounts, "SCRYPT_COST", {**accounts.SCRYPT_COST, "n": 2**15})
    with demo_db.session() as s:
        s.execute(update(User).where(User.username == "jingban").values(
            password_hash=accounts.hash_password("repdesk2026")))
    dialog = LoginDialog(worker, "jingban")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.password, "wrong-pass1")
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    started = time.perf_counter()
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.busy.isVisible() and "正在验证密码" in dialog.status.text()
    qtbot.keyClicks(dialog.username, "x")  # typing goes on while scrypt runs in the worker
    settle(qtbot, worker)
    timer.stop()
    elapsed = time.perf_counter() - started
    assert dialog.username.text() == "jingbanx"
    assert not dialog.busy.isVisible() and dialog.error.isVisible()
    gaps = [b - a for a, b in zip([started, *ticks], ticks, strict=False)]
    # scrypt takes a tenth of a second or more: the UI thread kept turning meanwhile (no gap near the whole wait)
    assert len(ticks) >= 3 and max(gaps) < max(0.25, elapsed * 0.6), (elapsed, max(gaps))


def _find(kind: str) -> Any:
    return next((w for w in QApplication.topLevelWidgets() if type(w).__name__ == kind and w.isVisible()), None)


def test_run_shows_the_dialog_then_logs_in_to_the_window(qtbot: Any, demo_db: Any) -> None:
    from ui.app import start as app_module

    seen: dict[str, Any] = {}

    def step() -> None:
        dialog = _find("LoginDialog")
        window = _find("MainWindow")
        if window is not None:
            seen["user"] = window.user_label.text()
            window.close()
            QApplication.quit()
            return
        if dialog is not None and "dialog" not in seen:
            seen["dialog"] = dialog
            dialog.username.setText("jingban")
            qtbot.keyClicks(dialog.password, "repdesk2026")
            qtbot.keyClick(dialog.password, Qt.Key.Key_Return)  # sent at once, or when the database is open
        QTimer.singleShot(50, step)

    QTimer.singleShot(0, step)
    assert app_module.run(demo_db.url) == 0
    assert "张伟" in seen["user"]


def test_an_empty_database_gets_the_set_up_wizard_in_the_dialog_s_place(qtbot: Any, tmp_path: Path) -> None:
    from ui.app import start as app_module

    seen: dict[str, Any] = {}

    def step() -> None:
        wizard = _find("SetupWizard")
        if wizard is not None:
            seen["login_visible"] = _find("LoginDialog") is not None
            seen["wizard"] = wizard.windowTitle()
            wizard.reject()  # quits, as closing the wizard does
            return
        QTimer.singleShot(50, step)

    QTimer.singleShot(0, step)
    assert app_module.run(f"sqlite:///{tmp_path / 'empty.sqlite3'}") == 0
    assert "首次使用" in seen["wizard"] and not seen["login_visible"]


def test_an_unusable_database_is_said_and_exits_1(qtbot: Any, tmp_path: Path, capsys: Any) -> None:
    from ui.app import start as app_module

    assert app_module.run("nosuchdb://x/y") == 1
    assert "cannot open the database" in capsys.readouterr().err


def test_constants_spelt_out_for_the_fast_start_agree_with_the_core() -> None:
    from desktop.services import accounts
    from desktop.services import deadline_board as dl
    from ui.app import theme
    from ui.auth import login

    assert login.MAX_PASSWORD == accounts.MAX_PASSWORD
    assert set(theme.STATE_COLOURS) == {dl.COMFORTABLE, dl.DUE_SOON, dl.OVERDUE, dl.IMMEDIATE, dl.WINDOW, dl.LAPSED}


def test_the_window_builds_a_page_when_it_is_first_shown(qtbot: Any, make_window: Any) -> None:
    from ui.shell import main_window as mw

    window = make_window("bangongshi")
    waiting = [k for k, w in dict.items(window.pages) if isinstance(w, mw._Deferred)]
    assert waiting and "dashboard" not in waiting and "approvals" not in waiting  # the filled dashboard comes first
    key = waiting[0]
    window.show_page(key)
    page = window.stack.currentWidget()
    assert not isinstance(page, mw._Deferred) and window.pages[key] is page
    assert window.windowTitle().startswith(window.specs[key].title)
