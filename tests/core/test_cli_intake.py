"""`incidents add` and `units`, masked URLs, one-line database errors, `demo --reset` on a real database."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from desktop import demo
from desktop.cli.main import main
from desktop.db.session import Database, mask_url


@pytest.fixture
def url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The example organisation and accounts (no incidents) in an SQLite file; REPDESK_PASSWORD set."""
    url = f"sqlite:///{tmp_path / 'org.sqlite3'}"
    db = Database(url)
    with db.session() as s:
        demo.build_accounts(s, demo.build_organisation(s))
    db.dispose()
    monkeypatch.setenv("REPDESK_PASSWORD", demo.DEMO_PASSWORD)
    return url


def _example(url: str, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert main(["--database-url", url, "--user", "xinxi", "incidents", "add", "--example"]) == 0
    return json.loads(capsys.readouterr().out)


def test_example_is_valid_input_and_add_prints_the_number_alone(url: str, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    example = _example(url, capsys)
    assert example["unit"] == "BD-CY"  # xinxi's own outlet
    path = tmp_path / "in.json"
    path.write_text(json.dumps(example, ensure_ascii=False), encoding="utf-8")
    assert main(["--database-url", url, "--user", "xinxi", "incidents", "add", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out.startswith("SY")
    assert main(["--database-url", url, "incidents"]) == 0
    assert out.strip() in capsys.readouterr().out


def test_add_reads_standard_input(url: str, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    example = _example(url, capsys)
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(example)))
    assert main(["--database-url", url, "--user", "xinxi", "incidents", "add", "-"]) == 0
    assert capsys.readouterr().out.strip().startswith("SY")


@pytest.mark.parametrize(("change", "field"), [
    ({"severity": "huge"}, "severity"),
    ({"title": ""}, "title"),
    ({"unit": "NOPE"}, "unit"),
    ({"occurred_at": "yesterday"}, "occurred_at"),
    ({"occurred_at": "9999-12-31T23:59:59+08:00"}, "occurred_at"),
    ({"business_line": "yes"}, "business_line"),
    ({"colour": "red"}, "colour"),
    ({"unit": "SJZ-ZSL"}, None),  # outside xinxi's area: refused, nothing recorded
])
def test_a_bad_field_is_one_line_naming_it(url: str, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str], change: dict[str, object],
                                           field: str | None) -> None:
    example = _example(url, capsys)
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps({**example, **change})))
    assert main(["--database-url", url, "--user", "xinxi", "incidents", "add", "-"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "Traceback" not in err
    if field:
        assert f": {field}: " in err
    assert main(["--database-url", url, "incidents"]) == 0
    assert capsys.readouterr().out == ""


def test_add_without_a_user_or_with_a_wrong_password(url: str, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--database-url", url, "incidents", "add", "--example"]) == 2
    assert "--user" in capsys.readouterr().err
    monkeypatch.setenv("REPDESK_PASSWORD", "wrong-one1")
    assert main(["--database-url", url, "--user", "xinxi", "incidents", "add", "--example"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_units_lists_code_name_kind(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--database-url", url, "units"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == len(demo.ORGANISATION)
    assert "BD-CY\t保定朝阳支行\t" in "\n".join(lines)
    assert all(len(line.split("\t")) == 3 for line in lines)


def test_urls_are_printed_masked() -> None:
    assert mask_url("postgresql://repdesk:s3cret@db:5432/x") == "postgresql://repdesk:***@db:5432/x"
    assert mask_url("sqlite:////tmp/a.sqlite3") == "sqlite:////tmp/a.sqlite3"


@pytest.mark.parametrize("kind", ["garbage", "nosuch://u:s3cret@h/x", "postgresql://u:s3cret@127.0.0.1:1/x",
                                  "corrupt", "folder"])
def test_bad_databases_are_one_line_and_exit_2(kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if kind == "corrupt":
        (tmp_path / "bad.sqlite3").write_bytes(b"not a database at all" * 200)
        kind = f"sqlite:///{tmp_path / 'bad.sqlite3'}"
    elif kind == "folder":
        kind = f"sqlite:///{tmp_path}"
    assert main(["--database-url", kind, "units"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and "s3cret" not in err


def test_demo_reset_refuses_a_database_that_is_not_a_demo_one(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = Database(url)
    with db.session() as s:
        admin = demo.accounts.authenticate(s, "admin", demo.DEMO_PASSWORD).actor()
    with db.session() as s:
        demo.org.create_unit(s, admin, kind="outlet", name="真实支行", short_name="真实", code="REAL",
                             parent_id=demo.org.list_units(s)[0].id)
    db.dispose()
    assert main(["--database-url", url, "demo", "--reset"]) == 2
    assert "--yes" in capsys.readouterr().err
    assert main(["--database-url", url, "units"]) == 0
    assert "REAL" in capsys.readouterr().out  # nothing erased
