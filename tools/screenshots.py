"""Screenshots of the real program for docs/:
`xvfb-run -a -s "-screen 0 1600x1000x24" python -m tools.screenshots docs`.

Logs in as the example lead officer (jingban) on the example database, then grabs the dashboard, the intake
form and an incident's timeline from the screen, as a person would see them. With `--admin`, logs in as the
example administrator and grabs the administration page and the print preview (`main_admin`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop.db.session import Database
from ui.app import crash, i18n, theme
from ui.app.settings import Settings
from ui.app.start import AppController, make_application
from ui.data.worker import DbWorker


def grab(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()
    screen = widget.screen()
    geo = widget.frameGeometry()
    pixmap = screen.grabWindow(0, geo.x(), geo.y(), geo.width(), geo.height())
    if pixmap.isNull() or pixmap.width() < 10:
        pixmap = widget.grab()
    pixmap.save(str(path))
    print(f"saved {path} ({pixmap.width()}x{pixmap.height()})")


def main(out: str = "docs", user: str = "jingban", password: str = "repdesk2026") -> int:
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    crash.install()
    app = make_application()
    settings = Settings()
    settings.reset()
    theme.apply(app)
    i18n.install_translators(app, "zh_CN")
    db = Database()
    worker = DbWorker(db)
    controller = AppController(app, db, worker, settings)
    controller.start(user, password)
    steps: list[tuple[int, Callable[[], None]]] = []

    def window():  # type: ignore[no-untyped-def]
        assert controller.window is not None
        return controller.window

    def at(ms: int, fn: Callable[[], None]) -> None:
        steps.append((ms, fn))

    def shoot_dashboard() -> None:
        w = window()
        w.setGeometry(0, 0, 1600, 1000)
        w.showMaximized()
        grab(w, out_dir / "screenshot-dashboard.png")

    def open_intake() -> None:
        w = window()
        w.new_incident()
        form = w.intake.editor.form
        form.title.setText("客户在营业部大厅拉横幅反映贷款审批问题")
        form.place.setText("保定分行营业部")
        form.business_line.setChecked(True)
        form.business_line_name.setText("个人贷款")
        form.customer_dispute.setChecked(True)
        form.elements["el_cause"].setPlainText("客户因个人经营贷款审批未通过，认为银行故意拖延。")
        form.elements["el_place"].setPlainText("保定分行营业部大厅")
        form.elements["el_situation"].setPlainText("客户在大厅拉横幅约十分钟，已被劝离，有路人拍照。")
        w.intake.move(200, 80)

    def shoot_intake() -> None:
        grab(window().intake, out_dir / "screenshot-intake.png")
        window().intake.editor.drafts.discard("incident:new")
        window().intake.done(0)

    def open_major() -> None:
        w = window()
        major = next(r for r in w.workbench.snapshot.records if r.is_major and r.status == "open")
        w.open_incident(major.id)

    def shoot_timeline() -> None:
        grab(window(), out_dir / "screenshot-timeline.png")
        app.quit()

    at(2500, shoot_dashboard)
    at(3500, open_intake)
    at(5000, shoot_intake)
    at(5800, open_major)
    at(7500, shoot_timeline)
    for ms, fn in steps:
        QTimer.singleShot(ms, fn)
    code = app.exec()
    worker.stop()
    db.dispose()
    return code


def main_admin(out: str = "docs", user: str = "admin", password: str = "repdesk2026") -> int:
    """The administration page, then the preview of the example's signed 《重大突发事件报告》 (as `admin`):
    `python -m tools.screenshots --admin docs`."""
    from desktop.services import documents, incidents, printing
    from ui.printing.preview import show_version_preview

    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    crash.install()
    app = make_application()
    settings = Settings()
    settings.reset()
    theme.apply(app)
    i18n.install_translators(app, "zh_CN")
    db = Database()
    worker = DbWorker(db)
    controller = AppController(app, db, worker, settings)
    controller.start(user, password)
    found: dict[str, object] = {}

    def window():  # type: ignore[no-untyped-def]
        assert controller.window is not None
        return controller.window

    def signed_major(session) -> int:  # type: ignore[no-untyped-def]
        actor = window().workbench.actor
        for record in incidents.list_incidents(session, actor):
            for view in documents.list_documents(session, actor, record.id):
                if view.kind == "major_report" and printing.is_signed(view):
                    return view.version_id
        raise LookupError("no signed major report in this database")

    def open_admin() -> None:
        w = window()
        w.setGeometry(0, 0, 1600, 1000)
        w.showMaximized()
        w.show_page("admin")
        w.workbench.read(signed_major, lambda v: found.update(version=v))

    def shoot_admin() -> None:
        grab(window(), out_dir / "screenshot-admin.png")

    def open_preview() -> None:
        dialog = show_version_preview(window(), window().workbench, found["version"])  # type: ignore[arg-type]
        dialog.setGeometry(250, 10, 1000, 980)
        found["dialog"] = dialog

    def shoot_preview() -> None:
        grab(found["dialog"], out_dir / "screenshot-preview.png")  # type: ignore[arg-type]
        app.quit()

    for ms, fn in ((2500, open_admin), (4000, shoot_admin), (4500, open_preview), (8000, shoot_preview)):
        QTimer.singleShot(ms, fn)
    code = app.exec()
    worker.stop()
    db.dispose()
    return code


def main_wall(out: str = "docs", user: str = "jingban", password: str = "repdesk2026") -> int:
    """The duty wall (值班大屏, F11) full screen, grabbed from the whole screen: `xvfb-run -a -s "-screen 0
    1366x768x24" python -m tools.screenshots --wall docs` writes docs/screenshot-wall-1366x768.png."""
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    crash.install()
    app = make_application()
    settings = Settings()
    settings.reset()
    theme.apply(app)
    i18n.install_translators(app, "zh_CN")
    db = Database()
    worker = DbWorker(db)
    controller = AppController(app, db, worker, settings)
    controller.start(user, password)

    def open_wall() -> None:
        assert controller.window is not None
        controller.window.showMaximized()
        controller.window.toggle_wall()  # what F11 does

    def shoot_wall() -> None:
        screen = app.primaryScreen()
        size = screen.size()
        path = out_dir / f"screenshot-wall-{size.width()}x{size.height()}.png"
        QApplication.processEvents()
        screen.grabWindow(0).save(str(path))
        print(f"saved {path}")
        app.quit()

    QTimer.singleShot(2500, open_wall)
    QTimer.singleShot(4500, shoot_wall)
    code = app.exec()
    worker.stop()
    db.dispose()
    return code


if __name__ == "__main__":
    if "--wall" in sys.argv:
        raise SystemExit(main_wall(*(a for a in sys.argv[1:] if a != "--wall")))
    if "--admin" in sys.argv:
        raise SystemExit(main_admin(*(a for a in sys.argv[1:] if a != "--admin")))
    raise SystemExit(main(*sys.argv[1:]))
