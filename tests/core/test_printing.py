"""Printing stored documents: signed versions carry their signer and code, drafts say so, verify tells them apart."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.cli.main import main


@pytest.fixture(autouse=True)
def _printing_as_the_branch_office(monkeypatch: pytest.MonkeyPatch) -> None:
    """`repdesk report` records who printed: the branch office, who sees every example incident."""
    monkeypatch.setenv("REPDESK_USER", "bangongshi")
    monkeypatch.setenv("REPDESK_PASSWORD", "repdesk2026")


@pytest.fixture(scope="module")
def demo_url(demo_module_url: str) -> str:
    return demo_module_url


def _numbers(url: str, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    capsys.readouterr()
    assert main(["--database-url", url, "incidents", "--all"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.strip().splitlines()]
    by_title = {r[1]: r[0] for r in rows}
    return {
        "remote": next(n for t, n in by_title.items() if "朝阳支行" in t),
        "major": next(n for t, n in by_title.items() if "飞单" in t),
        "overdue": next(n for t, n in by_title.items() if "存单" in t),
    }


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def test_signed_written_report_prints_signer_and_code_and_verifies(
    demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number = _numbers(demo_url, capsys)["remote"]
    out = tmp_path / "report.pdf"
    assert main(["--database-url", demo_url, "report", "written-report", number, "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert "签发版本" in said and "刘强" in said
    text = _text(out.read_bytes())
    assert "签发人" in text and "刘强" in text and "RDV2:" in text
    assert "草稿" not in text
    for element in ("起因", "时间", "地点", "当前情况", "已采取的措施", "事态发展预测", "造成的影响"):
        assert element in text
    assert main(["--database-url", demo_url, "verify", str(out)]) == 0
    assert "验证通过" in capsys.readouterr().out


def test_signed_major_report_verifies_and_an_altered_copy_is_rejected(
    demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number = _numbers(demo_url, capsys)["major"]
    out = tmp_path / "major.pdf"
    assert main(["--database-url", demo_url, "report", "major-report", number, "-o", str(out)]) == 0
    text = _text(out.read_bytes())
    assert "周明" in text and "特" in text and "可能引发的后果" in text and "拟采取的措施" in text
    assert main(["--database-url", demo_url, "verify", str(out)]) == 0
    altered = tmp_path / "altered.pdf"
    data = bytearray(out.read_bytes())
    marker = data.rfind(b"/Producer")
    data[marker + 12] ^= 0x01  # a change a viewer would not even show
    altered.write_bytes(bytes(data))
    capsys.readouterr()
    assert main(["--database-url", demo_url, "verify", str(altered)]) == 1
    assert "不一致" in capsys.readouterr().err


def test_unsigned_document_prints_a_watermarked_draft_and_says_so(
    demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number = _numbers(demo_url, capsys)["overdue"]
    out = tmp_path / "draft.pdf"
    assert main(["--database-url", demo_url, "report", "written-report", number, "-o", str(out)]) == 0
    assert "草稿" in capsys.readouterr().out
    assert "草稿" in _text(out.read_bytes())
    assert main(["--database-url", demo_url, "verify", str(out)]) == 1


def test_every_kind_prints(demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    numbers = _numbers(demo_url, capsys)
    for kind in ("written-report", "major-report", "response-plan", "evaluation"):
        out = tmp_path / f"{kind}.pdf"
        assert main(["--database-url", demo_url, "report", kind, numbers["major"], "-o", str(out)]) == 0
        assert out.read_bytes().startswith(b"%PDF")
    out = tmp_path / "register.pdf"
    assert main(["--database-url", demo_url, "report", "register", "--from", "2020-01-01", "--to", "2030-12-31",
                 "-o", str(out)]) == 0
    text = _text(out.read_bytes())
    for number in numbers.values():
        assert number in text


@pytest.mark.parametrize(
    "args",
    [
        ["report", "written-report", "SY1999-0001", "-o", "x.pdf"],
        ["report", "register", "--from", "2026-13-01", "--to", "2026-12-31", "-o", "x.pdf"],
        ["report", "register", "--from", "2026-12-31", "--to", "2026-01-01", "-o", "x.pdf"],
        ["report", "register", "-o", "x.pdf"],
        ["report", "written-report", "-o", "x.pdf"],
    ],
)
def test_bad_report_requests_are_refused(demo_url: str, args: list[str], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["--database-url", demo_url, *args]) == 2
    assert capsys.readouterr().err.strip()
    assert not (tmp_path / "x.pdf").exists()


def test_a_major_report_of_a_general_incident_is_refused(demo_url: str, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    number = _numbers(demo_url, capsys)["overdue"]
    assert main(["--database-url", demo_url, "report", "major-report", number, "-o", str(tmp_path / "m.pdf")]) == 2
    assert "重大" in capsys.readouterr().err


def test_verify_refuses_a_foreign_file(demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf at all")
    assert main(["--database-url", demo_url, "verify", str(junk)]) == 1
    assert main(["--database-url", demo_url, "verify", str(tmp_path / "missing.pdf")]) == 2


def test_the_printed_code_names_the_stored_signed_version(demo_url: str, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.db.session import Database
    from desktop.services import approvals
    from desktop.services.issuing.verification import extract_code as extract_verification_code

    number = _numbers(demo_url, capsys)["major"]
    out = tmp_path / "major.pdf"
    assert main(["--database-url", demo_url, "report", "major-report", number, "-o", str(out)]) == 0
    code = extract_verification_code(out.read_bytes())
    assert code is not None
    db = Database(demo_url)
    with db.read() as s:
        check = approvals.verify_code(s, code)
    db.dispose()
    assert check.ok and check.version is not None
    view = check.version
    assert view.kind == "major_report" and view.incident_number == number
    assert code.startswith(f"RDV2:{view.version_id}:{view.sha256[:16]}:")
    text = _text(out.read_bytes())
    assert view.signer_name in text and code in text
