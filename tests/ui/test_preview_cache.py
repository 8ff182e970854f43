"""A previewed version asked for again on the same record is served without a rebuild; any change to the record
(a newer audit entry) builds it again."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text


def test_a_version_is_built_again_only_when_the_record_changed(qtbot: Any, make_window: Any, demo_db: Any,
                                                               monkeypatch: Any) -> None:
    from desktop.services import audit, printing
    from ui.printing import preview

    window = make_window("bangongshi")
    with demo_db.read() as s:
        version = s.execute(text("SELECT max(id) FROM document_versions")).scalar()
    builds: list[int] = []
    original = printing.build_version

    def counted(session: Any, actor: Any, version_id: int) -> Any:
        builds.append(version_id)
        return original(session, actor, version_id)

    monkeypatch.setattr(printing, "build_version", counted)
    monkeypatch.setattr(preview, "_BUILT", type(preview._BUILT)())
    job = preview.version_job(window.workbench, version)
    with demo_db.read() as s:
        first = job(s)
    with demo_db.read() as s:
        again = job(s)
    assert builds == [version] and again is first  # served, not rebuilt
    with demo_db.session() as s:  # any change to the record: an audit entry
        audit.record(s, window.actor, "test.touch", "document_version", version)
    with demo_db.read() as s:
        rebuilt = job(s)
    assert builds == [version, version] and rebuilt.pdf == first.pdf  # the same bytes, built again
