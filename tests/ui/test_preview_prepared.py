"""Selecting a version in the documents tab builds its PDF in the worker at once; asking for the preview then shows
that build (no second one), within the preview's time; selecting something else before it starts drops it."""

from __future__ import annotations

import threading
import time
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument, QPdfPageRenderer

from tests.ui.conftest import settle
from tests.ui.test_approvals_flow import open_incident

LEFT = Qt.MouseButton.LeftButton


def _counted_builds(monkeypatch: Any) -> list[int]:
    from desktop.services import printing
    from ui.printing import preview

    builds: list[int] = []
    original = printing.build_version

    def counted(session: Any, actor: Any, version_id: int) -> Any:
        builds.append(version_id)
        return original(session, actor, version_id)

    monkeypatch.setattr(printing, "build_version", counted)
    monkeypatch.setattr(preview, "_BUILT", type(preview._BUILT)())  # nothing built by an earlier test
    return builds


def _documents_tab(qtbot: Any, window: Any) -> Any:
    from sqlalchemy import text

    with window.workbench.db.read() as s:  # the example incident with the most documents
        incident = s.execute(text("SELECT incident_id FROM documents GROUP BY incident_id "
                                  "ORDER BY count(*) DESC, incident_id LIMIT 1")).scalar()
    page = open_incident(qtbot, window, incident)
    page.show_tab("documents")
    tab = page.documents
    qtbot.waitUntil(lambda: tab.model.rowCount() > 1, timeout=5000)
    return tab


def _click_row(qtbot: Any, view: Any, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), LEFT, pos=rect.center())


def test_the_preview_of_a_selected_version_is_the_build_made_when_it_was_selected(
        qtbot: Any, make_window: Any, worker: Any, monkeypatch: Any) -> None:
    from desktop.services import audit
    from ui.printing.preview import PdfPreviewDialog

    window = make_window("bangongshi")
    tab = _documents_tab(qtbot, window)
    settle(qtbot, worker)
    builds = _counted_builds(monkeypatch)
    entries_before = _newest_entry(window, audit)
    _click_row(qtbot, tab.view, 1)
    qtbot.waitUntil(lambda: tab.version_model.rowCount() > 0, timeout=5000)
    _click_row(qtbot, tab.versions_view, tab.version_model.rowCount() - 1)  # the oldest version
    chosen = tab.selected_version()
    assert chosen is not None and tab.previewed() == chosen
    settle(qtbot, worker)
    assert builds[-1] == chosen.version_id  # built in the worker when selected, before anyone asked
    made = len(builds)

    started = time.perf_counter()
    qtbot.mouseClick(tab.preview_button, LEFT)
    dialog = tab.findChildren(PdfPreviewDialog)[-1]
    painted: list[int] = []
    dialog.view.findChild(QPdfPageRenderer).pageRendered.connect(lambda page, *_: painted.append(page))
    qtbot.waitUntil(lambda: 0 in painted, timeout=5000)
    elapsed = time.perf_counter() - started
    assert len(builds) == made  # served from the build made on selection: no second build
    assert dialog.document.status() == QPdfDocument.Status.Ready and dialog.document.pageCount() > 0
    assert dialog.printed is not None and dialog.printed.version_id == chosen.version_id
    # The preview's own promise, with room for a machine shared with other work (measured: about 0.06-0.1 s).
    assert elapsed < 1.0, elapsed
    settle(qtbot, worker)
    assert _newest_entry(window, audit) == entries_before  # looking, even ahead of time, records nothing
    dialog.close()


def test_a_build_still_queued_when_the_selection_moves_on_is_dropped(
        qtbot: Any, make_window: Any, worker: Any, monkeypatch: Any) -> None:
    from ui.printing.preview import prepare_version

    window = make_window("bangongshi")
    tab = _documents_tab(qtbot, window)
    settle(qtbot, worker)
    builds = _counted_builds(monkeypatch)
    first, second = tab.model.row_at(0).version_id, tab.model.row_at(1).version_id
    gate = threading.Event()
    window.workbench.read(lambda _s: gate.wait(10), lambda _r: None)  # the worker busy: what follows waits in its queue
    prepare_version(window.workbench, first)  # queued together: the first is dropped before it starts
    prepare_version(window.workbench, second)
    gate.set()
    settle(qtbot, worker)
    assert builds == [second]
    gate.clear()
    window.workbench.read(lambda _s: gate.wait(10), lambda _r: None)
    prepare_version(window.workbench, first)
    prepare_version(window.workbench, None)  # nothing selected any more
    gate.set()
    settle(qtbot, worker)
    assert builds == [second]


def _newest_entry(window: Any, audit: Any) -> int:
    with window.workbench.db.read() as s:
        return int(audit.changes_after(s, None)[0])
