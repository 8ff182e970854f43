"""Resources come from the installed package through importlib.resources; user folders from platformdirs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop import paths


def test_resources_are_the_installed_package() -> None:
    assert paths.resources_dir().name in ("resources", "repdesk_resources")  # a source checkout, or installed
    for parts in (("rules", "default.json"), ("fonts", "wqy-microhei.ttc"), ("icons", "repdesk.svg")):
        assert paths.resource(*parts).is_file(), parts


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the XDG folders of Linux")
def test_user_folders_follow_xdg_and_the_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("REPDESK_DATA_DIR", "REPDESK_LOG_DIR", "REPDESK_CONFIG_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert paths.data_dir() == tmp_path / "data" / "repdesk"
    assert paths.log_dir() == tmp_path / "state" / "repdesk" / "log"
    assert paths.config_dir() == tmp_path / "config" / "repdesk"
    assert all(p.is_dir() for p in (paths.data_dir(), paths.log_dir(), paths.config_dir()))
    monkeypatch.setenv("REPDESK_DATA_DIR", str(tmp_path / "mine"))
    assert paths.data_dir() == tmp_path / "mine"
