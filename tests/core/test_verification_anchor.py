"""A signed page carries the record's position at its signing (RDV2), tagged with the installation key: a record cut
short below it, a rewritten signing entry, a forged tag, or a missing key is named by `repdesk verify`."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from desktop.cli.main import main
from desktop.services.issuing import verification


@pytest.fixture(autouse=True)
def _printing_as_the_branch_office(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPDESK_USER", "bangongshi")
    monkeypatch.setenv("REPDESK_PASSWORD", "repdesk2026")


def _signed_pdf(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, verification.Code]:
    capsys.readouterr()
    assert main(["--database-url", url, "incidents", "--all"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.strip().splitlines()]
    number = next(r[0] for r in rows if "飞单" in r[1])
    out = tmp_path / "major.pdf"
    assert main(["--database-url", url, "report", "major-report", number, "-o", str(out)]) == 0
    code = verification.extract_code(out.read_bytes())
    parsed = verification.parse(code or "")
    assert parsed is not None and parsed.entry_id is not None and parsed.tag is not None, code
    capsys.readouterr()
    return out, parsed


def _db_path(url: str) -> str:
    return url.removeprefix("sqlite:///")


def _verify(url: str, pdf: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    rc = main(["--database-url", url, "verify", str(pdf)])
    out, err = capsys.readouterr()
    return rc, out, err


def test_a_signed_pdf_carries_an_anchored_code_and_verifies(
        demo_db: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = str(demo_db.url)  # type: ignore[attr-defined]
    pdf, code = _signed_pdf(url, tmp_path, capsys)
    text = "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert verification.extract_code(pdf.read_bytes()) in text.replace(" ", "").replace("\n", "")
    with sqlite3.connect(_db_path(url)) as con:
        action, entity_id = con.execute("SELECT action, entity_id FROM audit_log WHERE id = ?",
                                        (code.entry_id,)).fetchone()
    assert action in ("document.signed", "document.paper_signed") and entity_id == str(code.version_id)
    rc, out, err = _verify(url, pdf, capsys)
    assert rc == 0 and "验证通过" in out, err


def test_truncating_the_record_below_the_signing_is_named(
        demo_db: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = str(demo_db.url)  # type: ignore[attr-defined]
    pdf, code = _signed_pdf(url, tmp_path, capsys)
    con = sqlite3.connect(_db_path(url))
    with con:
        con.execute("DELETE FROM audit_log WHERE id >= ?", (code.entry_id,))
    con.close()
    rc, out, err = _verify(url, pdf, capsys)
    assert rc == 1 and out == ""
    assert "截断" in err and f"第 {code.entry_id} 条" in err and err.count("\n") == 1, err


def test_a_rewritten_signing_entry_is_named(
        demo_db: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = str(demo_db.url)  # type: ignore[attr-defined]
    pdf, code = _signed_pdf(url, tmp_path, capsys)
    con = sqlite3.connect(_db_path(url))
    with con:
        con.execute("UPDATE audit_log SET action = 'document.approved' WHERE id = ?", (code.entry_id,))
    con.close()
    rc, _out, err = _verify(url, pdf, capsys)
    assert rc == 1 and "改写" in err and f"第 {code.entry_id} 条" in err, err


def test_a_code_with_a_wrong_tag_is_refused(
        demo_db: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = str(demo_db.url)  # type: ignore[attr-defined]
    pdf, code = _signed_pdf(url, tmp_path, capsys)
    assert code.tag is not None
    forged_tag = ("0" if code.tag[0] != "0" else "1") + code.tag[1:]
    forged = f"RDV2:{code.version_id}:{code.digest}:{code.entry_id}:{forged_tag}"
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    writer = PdfWriter(clone_from=reader)
    writer.add_metadata({"/Keywords": verification.pdf_keywords(forged)})
    bad = tmp_path / "forged.pdf"
    with bad.open("wb") as fh:
        writer.write(fh)
    rc, _out, err = _verify(url, bad, capsys)
    assert rc == 1 and "密钥签名不符" in err and err.count("\n") == 1, err


def test_verifying_without_the_key_says_the_key_is_missing(
        demo_db: object, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    url = str(demo_db.url)  # type: ignore[attr-defined]
    pdf, _code = _signed_pdf(url, tmp_path, capsys)
    empty = tmp_path / "no-keys"
    empty.mkdir()
    monkeypatch.setenv("REPDESK_KEY_DIR", str(empty))
    rc, _out, err = _verify(url, pdf, capsys)
    assert rc == 1 and "缺少安装密钥" in err and err.count("\n") == 1, err


def test_an_old_rdv1_code_still_verifies_with_a_note(
        demo_db: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.services import approvals

    url = str(demo_db.url)  # type: ignore[attr-defined]
    _pdf, code = _signed_pdf(url, tmp_path, capsys)
    with demo_db.read() as s:  # type: ignore[attr-defined]
        check = approvals.verify_code(s, verification.make_code(code.version_id, code.digest))
        assert check.ok and "RDV1" in check.message and "不含审计记录锚点" in check.message
        anchored = approvals.verify_code(
            s, verification.make_anchored_code(b"x" * 32, code.version_id, code.digest, code.entry_id or 1))
        assert not anchored.ok and "密钥签名不符" in anchored.message


def test_the_code_is_read_as_pypdf_reads_it_and_pypdf_reads_any_other_file(
        demo_db: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The direct reader (no pypdf on a cold `repdesk report`) gives the Info entries pypdf gives for the file
    ReportLab writes; a file it is not sure of (an incremental update, whose later trailer wins) goes to pypdf."""
    url = str(demo_db.url)  # type: ignore[attr-defined]
    pdf, code = _signed_pdf(url, tmp_path, capsys)
    data = pdf.read_bytes()
    direct = verification._plain_info(data)
    meta = PdfReader(io.BytesIO(data)).metadata
    assert direct is not None and meta is not None
    assert direct == {k: str(v) for k, v in meta.items() if k in direct} and set(meta) - set(direct) <= {"/Trapped"}
    assert direct["/Author"] and not direct["/Author"].isascii()  # a UTF-16 string, decoded as pypdf does
    assert verification.extract_code(data) == direct["/Keywords"].split(":", 1)[1].strip()
    assert verification.parse(verification.extract_code(data) or "") == code
    # An incremental update that changes the code: the direct reader declines, pypdf reads the update.
    writer = PdfWriter(io.BytesIO(data), incremental=True)
    writer.add_metadata({"/Keywords": verification.pdf_keywords("RDV1:7:0123456789abcdef")})
    updated = io.BytesIO()
    writer.write(updated)
    assert updated.getvalue().startswith(data) and verification._plain_info(updated.getvalue()) is None
    assert verification.extract_code(updated.getvalue()) == "RDV1:7:0123456789abcdef"
    # A draft (no code) and a file that is no PDF at all.
    assert verification.extract_code(data.replace(b"RepDesk-Verification:", b"RepDesk-Something-Else")) is None
    assert verification.extract_code(b"%PDF-1.4 not really") is None
