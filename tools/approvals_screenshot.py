"""Screenshot of the approval queue for docs/:
`xvfb-run -a -s "-screen 0 1600x1000x24" python -m tools.approvals_screenshot docs`.

Builds the example database in a temporary file, adds a same-city response plan waiting for a branch leader,
logs in as the branch leader (fenhang) and grabs 待我审批 from the screen, as a person would see it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer

from desktop import demo
from desktop.db.session import Database
from desktop.domain import SYSTEM
from desktop.services import accounts, documents, incidents
from tools.screenshots import grab
from ui.app import crash, i18n, theme
from ui.app.settings import Settings
from ui.app.start import AppController, make_application
from ui.data.worker import DbWorker


def _add_waiting_plan(db: Database) -> None:
    """4.2.2.1(3): the branch office's plan for the overdue same-city incident, waiting for a branch leader."""
    with db.session() as s:
        office = accounts.authenticate(s, "bangongshi", demo.DEMO_PASSWORD).actor()
        record = next(r for r in incidents.list_incidents(s, SYSTEM) if "存单到期" in r.title)
        v = documents.create_document(s, office, record.id, "response_plan", "", {
            "reply_script": "我行已为客户预约办理支取，对给客户带来的不便深表歉意。",
            "plan_measures": "网点负责人当面解释系统维护安排；运营管理部跟进热线转办。"})
        documents.submit(s, office, v.version_id, v.sha256)


def main(out: str = "docs", user: str = "fenhang") -> int:
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    crash.install()
    app = make_application()
    settings = Settings()
    settings.reset()
    theme.apply(app)
    i18n.install_translators(app, "zh_CN")
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'demo.sqlite3'}")
        demo.fill(db)
        _add_waiting_plan(db)
        worker = DbWorker(db)
        controller = AppController(app, db, worker, settings)
        controller.start(user, demo.DEMO_PASSWORD)

        def show() -> None:
            w = controller.window
            assert w is not None
            w.setGeometry(0, 0, 1600, 1000)
            w.showMaximized()
            w.show_page("approvals")

        def shoot() -> None:
            assert controller.window is not None
            grab(controller.window, out_dir / "screenshot-approvals.png")
            app.quit()

        QTimer.singleShot(1500, show)
        QTimer.singleShot(4000, shoot)
        code = app.exec()
        worker.stop()
        db.dispose()
    return code


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:]))
