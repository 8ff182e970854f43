"""The headless command line: demo, incidents, audit verify, and no Qt at start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from desktop.cli.main import main
from desktop.demo import history


def _run(*args: str, env_db: str | None = None) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "desktop", *args]
    return subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=60, cwd=Path(__file__).parents[2])


def test_headless_commands_never_import_qt_or_the_database_for_deadlines() -> None:
    code = (
        "import sys, io; sys.stdin = io.StringIO('{\"occurred_at\": \"2026-03-02T09:15:00+08:00\", "
        "\"location\": \"same_city\", \"severity\": \"general\", \"now\": \"2026-03-02T10:00:00+08:00\"}');"
        "from ui.app.launch import main; rc = main(['deadlines', '-']);"
        "bad = [m for m in sys.modules"
        " if m.split('.')[0] in ('PySide6', 'sqlalchemy', 'reportlab') or m == 'ui.app.start'];"
        "print(rc, bad, file=sys.stderr)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=60)
    assert out.stderr.strip().endswith("0 []")


def test_demo_then_incidents_lists_number_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert main(["--database-url", url, "demo"]) == 0
    capsys.readouterr()
    assert main(["--database-url", url, "incidents"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == history.COUNT + 4  # every demo incident: the closed year and the four current ones
    for line in lines:
        number, title, unit, severity, due = line.split("\t")
        assert number.startswith("SY") and title and unit and severity in ("一般", "重大") and due
    assert sum(line.endswith("已结束") for line in lines) == history.COUNT + 1
    assert main(["--database-url", url, "incidents", "--open"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 3
    # a second demo on the same database is refused, --reset rebuilds it
    assert main(["--database-url", url, "demo"]) == 2
    assert main(["--database-url", url, "demo", "--reset"]) == 0


def test_database_url_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("REPDESK_DATABASE_URL", f"sqlite:///{tmp_path / 'env.sqlite3'}")
    assert main(["incidents"]) == 0  # an empty database: made there, at head, with nothing to list
    assert (tmp_path / "env.sqlite3").exists()


def test_audit_verify_passes_then_names_the_tampered_entry(demo_db: Any, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.db.session import Database

    url = demo_db.url  # the example data, as `repdesk demo` makes it
    demo_db.dispose()
    assert main(["--database-url", url, "audit", "verify"]) == 0
    db = Database(url)
    with db.session() as s:  # behind the program's back: the entry is chosen first, so its number is known
        # whatever the example data holds
        broken = s.execute(text("SELECT min(id) FROM audit_log WHERE after LIKE '%网点%'")).scalar_one()
        s.execute(text("UPDATE audit_log SET after = replace(after, '网点', '总行') WHERE id = :id"), {"id": broken})
    db.dispose()
    capsys.readouterr()
    assert main(["--database-url", url, "audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert f"第 {broken} 条" in err


def test_audit_verify_notices_a_deleted_entry(demo_db: Any, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.db.session import Database

    url = demo_db.url
    demo_db.dispose()
    db = Database(url)
    with db.session() as s:
        s.execute(text("DELETE FROM audit_log WHERE id = 5"))
    db.dispose()
    assert main(["--database-url", url, "audit", "verify"]) == 1
    assert "第 6 条" in capsys.readouterr().err


def test_version_and_help() -> None:
    out = _run("--version")
    assert out.returncode == 0 and out.stdout.startswith("repdesk ")
    out = _run("--help")
    assert out.returncode == 0 and "deadlines" in out.stdout and "incidents" in out.stdout


# --- `repdesk report` as a named person ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report_db(demo_module_url: str) -> str:
    return demo_module_url


def _signed_number(url: str, capsys: pytest.CaptureFixture[str]) -> str:
    """The example incident whose written report is signed (朝阳支行)."""
    capsys.readouterr()
    assert main(["--database-url", url, "incidents"]) == 0
    return next(line.split("\t")[0] for line in capsys.readouterr().out.splitlines() if "朝阳支行" in line)


def _prints(url: str) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    """(sha256, printed by) of every DocumentPrint; (action, actor, after) of every print in the audit record."""
    from sqlalchemy import select

    from desktop.db.models import AuditEntry, DocumentPrint
    from desktop.db.session import Database

    db = Database(url)
    with db.read() as s:
        rows = [(p.pdf_sha256, p.printed_by_name) for p in s.execute(select(DocumentPrint)).scalars()]
        entries = [(e.action, e.actor_name, e.after) for e in s.execute(
            select(AuditEntry).where(AuditEntry.action.like("%.print%")).order_by(AuditEntry.id)).scalars()]
    db.dispose()
    return rows, entries


def _name(url: str, username: str) -> str:
    from sqlalchemy import select

    from desktop.db.models import User
    from desktop.db.session import Database

    db = Database(url)
    with db.read() as s:
        name = s.execute(select(User.display_name).where(User.username == username)).scalar_one()
    db.dispose()
    return name


def test_report_is_recorded_as_the_user_who_printed_it(report_db: str, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib

    number = _signed_number(report_db, capsys)
    monkeypatch.setenv("REPDESK_PASSWORD", "repdesk2026")
    before_rows, before_entries = _prints(report_db)
    out = tmp_path / "signed.pdf"
    assert main(["--database-url", report_db, "--user", "fuzeren", "report", "written-report", number,
                 "-o", str(out)]) == 0
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    rows, entries = _prints(report_db)
    name = _name(report_db, "fuzeren")
    assert rows[len(before_rows):] == [(digest, name)]
    [(action, actor, after)] = entries[len(before_entries):]
    assert (action, actor) == ("document.print", name) and digest in after
    # REPDESK_USER works as well as --user; a draft print is recorded too, by its own name
    monkeypatch.setenv("REPDESK_USER", "bangongshi")
    register = tmp_path / "register.pdf"
    assert main(["--database-url", report_db, "report", "register", "--from", "2020-01-01", "--to", "2030-12-31",
                 "-o", str(register)]) == 0
    assert _prints(report_db)[1][-1][:2] == ("register.print", _name(report_db, "bangongshi"))
    capsys.readouterr()
    assert main(["--database-url", report_db, "verify", str(out)]) == 0
    assert main(["--database-url", report_db, "audit", "verify"]) == 0
    assert "哈希链校验通过" in capsys.readouterr().out


def test_report_without_a_user_names_the_option_and_prints_nothing(report_db: str, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    number = _signed_number(report_db, capsys)
    monkeypatch.delenv("REPDESK_USER", raising=False)
    monkeypatch.setenv("REPDESK_PASSWORD", "repdesk2026")
    before = _prints(report_db)
    out = tmp_path / "x.pdf"
    assert main(["--database-url", report_db, "report", "written-report", number, "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--user NAME" in err[0]
    assert not out.exists() and _prints(report_db) == before
    # a wrong password is refused like the window's log-in, and prints nothing
    monkeypatch.setenv("REPDESK_PASSWORD", "not-the-password")
    assert main(["--database-url", report_db, "--user", "fuzeren", "report", "written-report", number,
                 "-o", str(out)]) == 2
    assert not out.exists() and _prints(report_db) == before


def test_report_never_overwrites_without_force_and_a_failed_write_records_nothing(
        report_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    number = _signed_number(report_db, capsys)
    monkeypatch.setenv("REPDESK_USER", "fuzeren")
    monkeypatch.setenv("REPDESK_PASSWORD", "repdesk2026")
    before = _prints(report_db)
    out = tmp_path / "kept.pdf"
    out.write_bytes(b"someone else's file")
    assert main(["--database-url", report_db, "report", "written-report", number, "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_bytes() == b"someone else's file" and _prints(report_db) == before
    for target in (tmp_path / "no" / "such" / "folder.pdf", tmp_path):  # a missing folder; a folder, not a file
        assert main(["--database-url", report_db, "report", "written-report", number, "-o", str(target),
                     "--force"]) == 2
        assert "cannot write" in capsys.readouterr().err
        assert _prints(report_db) == before
    assert not list(tmp_path.glob(".*.part"))
    assert main(["--database-url", report_db, "report", "written-report", number, "-o", str(out), "--force"]) == 0
    assert out.read_bytes().startswith(b"%PDF") and len(_prints(report_db)[0]) == len(before[0]) + 1


def test_the_window_takes_its_password_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, object] = {}

    def open_window(url: object, **kwargs: object) -> int:
        seen.update(kwargs)
        return 0

    monkeypatch.setenv("REPDESK_PASSWORD", "from-the-environment")
    assert main(["--user", "jingban", "gui"], open_window=open_window) == 0
    assert seen == {"user": "jingban", "password": "from-the-environment"}
    monkeypatch.setenv("REPDESK_USER", "fuzeren")
    assert main([], open_window=open_window) == 0
    assert seen == {"user": "fuzeren", "password": "from-the-environment"}
    monkeypatch.delenv("REPDESK_PASSWORD")  # no password: the log-in dialog, the name filled in
    assert main(["--user", "jingban"], open_window=open_window) == 0
    assert seen == {"user": "jingban", "password": None}
    with pytest.raises(SystemExit):  # never a password on the command line
        main(["gui", "--password", "x"], open_window=open_window)


@pytest.mark.parametrize("code", [
    "RDV1:" + "9" * 40 + ":0123456789abcdef",  # a huge number
    "RDV1:-5:0123456789abcdef",  # negative
    "RDV1:2147483648:0123456789abcdef",  # one past the id columns' range
    "RDV1:\u0661\u0662:0123456789abcdef",  # Arabic-Indic digits: int() would read them
    "RDV1:１２:0123456789abcdef",  # full-width digits
    "RDV1:1:" + "a" * 5000,  # 5,000 characters
    "RDV1:1:0123456789abcdef\x00",
])
def test_verify_a_crafted_code_gets_one_line_and_a_non_zero_exit(
        code: str, demo_db: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pypdf import PdfWriter

    from desktop.services.issuing import verification

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Keywords": verification.pdf_keywords(code)})
    pdf = tmp_path / "crafted.pdf"
    with pdf.open("wb") as fh:
        writer.write(fh)
    capsys.readouterr()
    assert main(["--database-url", str(demo_db.url), "verify", str(pdf)]) == 1  # type: ignore[attr-defined]
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("验证未通过：")
    assert "Traceback" not in err and code not in err
