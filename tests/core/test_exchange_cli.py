"""`repdesk exchange ...` as a person runs it: a site package at the branch office, the site set up from it on an
empty database with no account, its package back, the peers one a line; exit 0 and one summary line on success,
exit 2 and one line with nothing written for every package that must be refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop import demo
from desktop.cli.main import main
from desktop.db.models import AuditEntry, Incident
from desktop.db.session import Database
from desktop.demo import DEMO_PASSWORD


def _repdesk(capsys: pytest.CaptureFixture[str], url: str, *args: str, user: str | None = None) -> tuple[int, str, str]:
    argv = ["--database-url", url, *(["--user", user] if user else []), *args]
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _counts(url: str) -> tuple[int, int]:
    db = Database(url)
    try:
        with db.read() as s:
            return (int(s.execute(select(func.count()).select_from(AuditEntry)).scalar_one()),
                    int(s.execute(select(func.count()).select_from(Incident)).scalar_one()))
    finally:
        db.dispose()


@pytest.fixture
def installations(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                  demo_db: Any) -> tuple[str, str, Path]:
    """The branch office (the example data, as `repdesk demo` makes it) and the 保定分行 site set up from its site
    package by the CLI."""
    monkeypatch.setenv("REPDESK_PASSWORD", DEMO_PASSWORD)
    branch = demo_db.url
    demo_db.dispose()
    site = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    code, out, err = _repdesk(capsys, branch, "exchange", "site-package", "--unit", "BD", "-o",
                              str(tmp_path / "bd.site"), user="admin")
    assert (code, err) == (0, "") and len(_lines(out)) == 1 and "bd.site" in out
    # An empty database, no account: the site package sets it up.
    monkeypatch.delenv("REPDESK_PASSWORD")
    code, out, err = _repdesk(capsys, site, "exchange", "import", str(tmp_path / "bd.site"))
    assert (code, err) == (0, "") and len(_lines(out)) == 1 and "站点已建立" in out and "BD" in out
    monkeypatch.setenv("REPDESK_PASSWORD", DEMO_PASSWORD)
    return branch, site, tmp_path


def test_site_package_import_export_and_peers(installations: tuple[str, str, Path],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    branch, site, tmp = installations
    code, out, _ = _repdesk(capsys, site, "exchange", "peers")
    [line] = _lines(out)
    code_, name, fingerprint, sent, received = line.split("\t")
    assert (code, code_, name, sent) == (0, "SJZ-BGS", "石家庄分行办公室", "—") and len(fingerprint.split()) == 8
    assert received != "—"
    # At the site: an incident recorded offline, then the package to the branch office.
    incident = json.dumps({"title": "客户在网点拍摄视频投诉", "unit": "BD-CY", "severity": "general",
                           "occurred_at": "2026-03-02T09:15:00+08:00", "source": "complaint", "place": "朝阳支行",
                           "el_cause": "客户对理财收益不满", "el_time": "上午", "el_place": "营业大厅",
                           "el_situation": "客户已离开", "el_measures_taken": "负责人致歉", "el_forecast": "可望平息",
                           "el_impact": "影响有限"}, ensure_ascii=False)
    (tmp / "incident.json").write_text(incident, encoding="utf-8")
    code, out, err = _repdesk(capsys, site, "incidents", "add", str(tmp / "incident.json"), user="xinxi")
    assert code == 0, err
    code, out, err = _repdesk(capsys, site, "exchange", "export", "--to", "SJZ-BGS", "-o", str(tmp / "up.pkg"),
                              user="jingban")
    assert (code, err) == (0, "") and len(_lines(out)) == 1 and "事件 1" in out and "up.pkg" in out
    assert (tmp / "up.pkg").read_bytes().startswith(b"RDXPKG/1\n")
    # An existing file is never overwritten.
    code, out, err = _repdesk(capsys, site, "exchange", "export", "--to", "SJZ-BGS", "-o", str(tmp / "up.pkg"),
                              user="jingban")
    assert code == 2 and len(_lines(err)) == 1 and out == ""

    code, out, err = _repdesk(capsys, branch, "exchange", "import", str(tmp / "up.pkg"), user="bangongshi")
    assert (code, err) == (0, "") and len(_lines(out)) == 1 and "新增" in out and "事件 1" in out
    code, out, err = _repdesk(capsys, branch, "exchange", "import", str(tmp / "up.pkg"), user="bangongshi")
    assert (code, err) == (0, "") and len(_lines(out)) == 1 and "没有新内容" in out
    code, out, _ = _repdesk(capsys, branch, "exchange", "peers")
    [line] = _lines(out)
    assert line.startswith("BD\t华夏银行保定分行\t") and line.split("\t")[4] != "—"
    code, out, _ = _repdesk(capsys, branch, "incidents")
    assert sum("客户在网点拍摄视频投诉" in line for line in _lines(out)) == 1


def test_refused_packages_exit_2_with_one_line_and_nothing_written(installations: tuple[str, str, Path],
                                                                  capsys: pytest.CaptureFixture[str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    branch, site, tmp = installations
    assert _repdesk(capsys, site, "exchange", "export", "--to", "SJZ-BGS", "-o", str(tmp / "up.pkg"),
                    user="jingban")[0] == 0
    good = (tmp / "up.pkg").read_bytes()
    # A package the branch office sends the site, imported at the branch office: addressed to someone else.
    assert _repdesk(capsys, branch, "exchange", "import", str(tmp / "up.pkg"), user="bangongshi")[0] == 0
    assert _repdesk(capsys, branch, "exchange", "export", "--to", "BD", "-o", str(tmp / "down.pkg"),
                    user="bangongshi")[0] == 0
    # Another branch office's site (its own example data, its own keys): an installation this branch never knew.
    stranger, stranger_site = f"sqlite:///{tmp / 'stranger.sqlite3'}", f"sqlite:///{tmp / 'stranger-site.sqlite3'}"
    made = Database(stranger)
    demo.fill(made, year=False)  # the organisation and accounts are what matter here: the current incidents suffice
    made.dispose()
    assert _repdesk(capsys, stranger, "exchange", "site-package", "--unit", "BD", "-o", str(tmp / "s.site"),
                    user="admin")[0] == 0
    monkeypatch.delenv("REPDESK_PASSWORD")
    assert _repdesk(capsys, stranger_site, "exchange", "import", str(tmp / "s.site"))[0] == 0
    monkeypatch.setenv("REPDESK_PASSWORD", DEMO_PASSWORD)
    code, out, err = _repdesk(capsys, stranger_site, "exchange", "export", "--to", "SJZ-BGS", "-o",
                              str(tmp / "stranger.pkg"), user="jingban")
    assert code == 0, err

    # A second site of the same branch office (朝阳支行): the package for 保定分行's site is not for it.
    sibling = f"sqlite:///{tmp / 'sibling.sqlite3'}"
    assert _repdesk(capsys, branch, "exchange", "site-package", "--unit", "BD-CY", "-o", str(tmp / "cy.site"),
                    user="admin")[0] == 0
    monkeypatch.delenv("REPDESK_PASSWORD")
    assert _repdesk(capsys, sibling, "exchange", "import", str(tmp / "cy.site"))[0] == 0
    monkeypatch.setenv("REPDESK_PASSWORD", DEMO_PASSWORD)

    altered = bytearray(good)
    altered[-30] ^= 0x01
    bad: dict[str, tuple[bytes, str, str]] = {
        "truncated": (good[:-50], branch, "签名"),
        "altered": (bytes(altered), branch, "签名"),
        "corrupt": (b"PK\x03\x04 not a package at all", branch, "不是"),
        "newer": (good.replace(b'"format":1', b'"format":2', 1), branch, "格式版本"),
        "older": (good.replace(b'"format":1', b'"format":0', 1), branch, "格式版本"),
        "for-someone-else": ((tmp / "down.pkg").read_bytes(), sibling, "其他安装"),
        "unknown-installation": ((tmp / "stranger.pkg").read_bytes(), branch, "未知的安装"),
        "own-package-at-home": (good, site, "未知的安装"),
    }
    for name, (data, url, words) in bad.items():
        path = tmp / f"{name}.pkg"
        path.write_bytes(data)
        before = _counts(url)
        user = {branch: "bangongshi", site: "jingban", sibling: "fuzeren"}[url]
        code, out, err = _repdesk(capsys, url, "exchange", "import", str(path), user=user)
        assert (code, out) == (2, ""), name
        assert len(_lines(err)) == 1 and words in err, (name, err)
        assert _counts(url) == before, name
    # A site package on a database already set up: refused too.
    before = _counts(site)
    code, out, err = _repdesk(capsys, site, "exchange", "import", str(tmp / "s.site"), user="jingban")
    assert (code, out) == (2, "") and len(_lines(err)) == 1 and "站点包" in err
    assert _counts(site) == before
