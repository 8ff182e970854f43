"""`repdesk export` and desktop.registers.export: every register to Excel and CSV, one row per record (counted
independently in SQL), a Chinese header row, times in China Standard Time, the user's scope, streamed in chunks,
recorded on the audit record; bad arguments are one line and exit 2."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select, text, union

from desktop.cli.main import main
from desktop.db.models import AccountabilityItem, AuditEntry, Incident, MediaContact, Unit, User
from desktop.db.prevention_tables import Drill, FollowUp, PlanReview, Screening, Sweep, Training
from desktop.db.register_tables import Complaint, Journalist, MonitoringEntry
from desktop.db.session import Database
from desktop.domain import Actor
from desktop.registers import export, prevention
from desktop.services import accounts, audit, org
from desktop.timeutil import now_utc, to_cst

ALL = ("incidents", "opinions", "complaints", "media", "training", "drills", "screenings", "sweeps",
       "accountability", "plan-reviews", "followups")
TABLES: dict[str, Any] = {
    "incidents": Incident, "opinions": MonitoringEntry, "complaints": Complaint, "training": Training,
    "drills": Drill, "screenings": Screening, "sweeps": Sweep, "accountability": AccountabilityItem,
    "plan-reviews": PlanReview, "followups": FollowUp,
}


def _actor(db: Database, username: str) -> Actor:
    with db.read() as s:
        user_id = s.execute(select(User.id).where(User.username == username)).scalar_one()
        return accounts.current_actor(s, Actor(user_id, "", None))


def _count(db: Database, register: str) -> int:
    """The register's records, counted straight from the tables (not through the code under test)."""
    with db.read() as s:
        if register == "media":  # one row per journalist: typed in, or known from incidents' media records
            pairs = union(select(func.trim(MediaContact.journalist), func.trim(MediaContact.outlet)),
                          select(Journalist.name, Journalist.outlet)).subquery()
            return int(s.execute(select(func.count()).select_from(pairs)).scalar_one())
        return int(s.execute(select(func.count()).select_from(TABLES[register])).scalar_one())


def _xlsx_rows(path: Path) -> list[tuple[Any, ...]]:
    book = load_workbook(path, read_only=True)
    rows = [tuple(r) for r in book.active.iter_rows(values_only=True)]
    book.close()
    return rows


def _csv_rows(path: Path) -> list[list[str]]:
    assert path.read_bytes()[:3] == b"\xef\xbb\xbf"  # the BOM: Excel reads the Chinese as Chinese
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_every_register_is_exportable_and_the_cli_lists_them() -> None:
    assert tuple(export.register_names()) == ALL


@pytest.mark.parametrize("register", ALL)
def test_every_register_exports_one_row_per_record_to_excel_and_csv(demo_db: Database, tmp_path: Path,
                                                                    register: str) -> None:
    admin = _actor(demo_db, "admin")  # sees every unit
    expected = _count(demo_db, register)
    assert expected > 0, f"the example data has no {register}"
    spec = export.REGISTERS[register]
    with demo_db.session() as s:
        x = export.export_register(s, admin, register, "xlsx", tmp_path / f"{register}.xlsx")
        c = export.export_register(s, admin, register, "csv", tmp_path / f"{register}.csv")
    rows = _xlsx_rows(x.path)
    assert rows[0] == spec.headers and any("\u4e00" <= ch <= "\u9fff" for ch in "".join(spec.headers))
    assert len(rows) - 1 == expected == x.rows
    lines = _csv_rows(c.path)
    assert tuple(lines[0]) == spec.headers and len(lines) - 1 == expected == c.rows
    assert all(len(line) == len(spec.headers) for line in lines)


def test_times_are_china_standard_time_and_text_never_becomes_a_formula(demo_db: Database, tmp_path: Path) -> None:
    jingban = _actor(demo_db, "jingban")
    with demo_db.session() as s:
        unit = s.execute(select(Unit.id).where(Unit.code == "BD-CY")).scalar_one()
        late = (to_cst(now_utc()) - timedelta(days=1)).replace(hour=23, minute=30, second=0)
        made = prevention.add_training(s, jingban, unit_id=unit, kind="course", title="=HYPERLINK(\"x\")",
                                       held_at=late, participants=5, hours=1.5, note="-1+2")
        x = export.export_register(s, jingban, "training", "xlsx", tmp_path / "t.xlsx")
        c = export.export_register(s, jingban, "training", "csv", tmp_path / "t.csv")
    book = load_workbook(x.path)
    sheet = book.active
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == made.id)
    assert row[3].value == '=HYPERLINK("x")' and row[3].data_type == "s"
    assert row[4].value == to_cst(made.held_at).replace(tzinfo=None)  # 23:30 CST stays on its own day
    line = next(r for r in _csv_rows(c.path)[1:] if r[0] == str(made.id))
    assert line[3] == "'=HYPERLINK(\"x\")" and line[7] == "'-1+2"
    assert line[4] == to_cst(made.held_at).strftime("%Y-%m-%d %H:%M")


def test_the_export_is_the_users_scope(demo_db: Database, tmp_path: Path) -> None:
    jingban = _actor(demo_db, "jingban")  # Baoding's comprehensive-management department: its area only
    with demo_db.session() as s:
        area = org.descendants(s, s.execute(select(Unit.id).where(Unit.code == "BD")).scalar_one())
        expected = s.execute(select(func.count()).select_from(Training).where(Training.unit_id.in_(area)))
        expected_n = int(expected.scalar_one())
        everyone = int(s.execute(select(func.count()).select_from(Training)).scalar_one())
        result = export.export_register(s, jingban, "training", "xlsx", tmp_path / "bd.xlsx")
    assert 0 < result.rows == expected_n < everyone
    assert len(_xlsx_rows(result.path)) - 1 == expected_n


def test_chunk_seams_lose_and_repeat_nothing(demo_db: Database, tmp_path: Path, monkeypatch: Any) -> None:
    admin = _actor(demo_db, "admin")
    with demo_db.session() as s:
        whole = {r: export.export_register(s, admin, r, "csv", tmp_path / f"{r}-1.csv") for r in ALL}
    monkeypatch.setattr(export, "CHUNK", 3)
    with demo_db.session() as s:
        for r in ALL:
            small = export.export_register(s, admin, r, "csv", tmp_path / f"{r}-3.csv")
            assert small.sha256 == whole[r].sha256, r


def test_an_export_is_on_the_record_and_an_existing_file_is_kept(demo_db: Database, tmp_path: Path) -> None:
    admin = _actor(demo_db, "admin")
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "sweeps.xlsx"
    target.write_bytes(b"keep me")
    with demo_db.session() as s, pytest.raises(FileExistsError):
        export.export_register(s, admin, "sweeps", "xlsx", target)
    assert target.read_bytes() == b"keep me"
    with demo_db.session() as s:
        result = export.export_register(s, admin, "sweeps", "xlsx", target, force=True)
    with demo_db.read() as s:
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "register.export")).scalar_one()
        assert entry.actor_name == "王建国" and entry.entity_id == "sweeps" and result.sha256 in entry.after
        assert audit.verify(s).ok
    assert [p.name for p in folder.iterdir()] == ["sweeps.xlsx"]  # no temporary file left behind


def _cli(demo_db: Database, *args: str) -> int:
    return main(["--database-url", str(demo_db.url), *args])


def test_cli_exports_with_one_summary_line(demo_db: Database, tmp_path: Path, capsys: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("REPDESK_PASSWORD", "repdesk2026")
    out = tmp_path / "drills.xlsx"
    assert _cli(demo_db, "--user", "admin", "export", "drills", "-o", str(out)) == 0
    printed = capsys.readouterr().out.strip().splitlines()
    assert len(printed) == 1 and "应急演练台账" in printed[0] and f"{_count(demo_db, 'drills')} 条" in printed[0]
    assert len(_xlsx_rows(out)) - 1 == _count(demo_db, "drills")
    csv_out = tmp_path / "drills.txt"
    assert _cli(demo_db, "--user", "admin", "export", "drills", "--format", "csv", "-o", str(csv_out)) == 0
    assert len(_csv_rows(csv_out)) - 1 == _count(demo_db, "drills")


@pytest.mark.parametrize("args", [
    ("--user", "admin", "export", "nonsense", "-o", "X.xlsx"),
    ("--user", "admin", "export", "-o", "X.xlsx"),
    ("--user", "admin", "export", "training"),
    ("--user", "admin", "export", "training", "-o", "X.pdf"),
    ("--user", "admin", "export", "training", "--format", "ods", "-o", "X.xlsx"),
    ("export", "training", "-o", "X.xlsx"),  # nobody to act as
    ("--user", "admin", "export", "training", "-o", "no/such/folder/X.xlsx"),
])
def test_cli_refuses_bad_arguments_with_one_line_and_status_2(demo_db: Database, tmp_path: Path, capsys: Any,
                                                              monkeypatch: Any, args: tuple[str, ...]) -> None:
    monkeypatch.setenv("REPDESK_PASSWORD", "repdesk2026")
    monkeypatch.delenv("REPDESK_USER", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert _cli(demo_db, *args) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.strip().splitlines()) == 1, captured.err
    assert list(work.iterdir()) == []


def test_cli_keeps_an_existing_file_and_refuses_a_wrong_password(demo_db: Database, tmp_path: Path, capsys: Any,
                                                                 monkeypatch: Any) -> None:
    out = tmp_path / "a.csv"
    out.write_text("old", encoding="utf-8")
    monkeypatch.setenv("REPDESK_PASSWORD", "repdesk2026")
    assert _cli(demo_db, "--user", "admin", "export", "accountability", "-o", str(out)) == 2
    assert out.read_text(encoding="utf-8") == "old"
    monkeypatch.setenv("REPDESK_PASSWORD", "wrong")
    assert _cli(demo_db, "--user", "admin", "export", "accountability", "-o", str(tmp_path / "b.csv")) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 2
    with demo_db.read() as s:
        assert s.execute(text("SELECT count(*) FROM audit_log WHERE action = 'register.export'")).scalar_one() == 0


def test_a_large_register_streams_in_chunks_without_growing_memory(demo_db: Database, tmp_path: Path,
                                                                   monkeypatch: Any) -> None:
    """Rows are read a chunk at a time and written as they come: five times the rows, not five times the memory."""
    import tracemalloc

    admin = _actor(demo_db, "admin")
    monkeypatch.setattr(export, "CHUNK", 100)
    copy = text("INSERT INTO prevention_trainings (unit_id, kind, title, held_at, participants, hours, note,"
                " recorded_by_name, recorded_at, withdrawn_by_name, withdraw_reason) SELECT unit_id, kind,"
                " title || :i, held_at, participants, hours, note, recorded_by_name, recorded_at, '', ''"
                " FROM prevention_trainings ORDER BY id LIMIT 1")
    peaks = []
    for total in (600, 3000):
        with demo_db.engine.begin() as conn:
            have = conn.execute(text("SELECT count(*) FROM prevention_trainings")).scalar_one()
            conn.execute(copy, [{"i": str(i)} for i in range(total - have)])
        tracemalloc.start()
        with demo_db.session() as s:
            result = export.export_register(s, admin, "training", "csv", tmp_path / f"t{total}.csv")
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert result.rows == total
    assert peaks[1] < peaks[0] * 1.5, peaks
