"""Where things live: bundled resources, the user's data and log folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "RepDesk"


def resources_dir() -> Path:
    """The `resources/` folder, from a source checkout or from a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def data_dir() -> Path:
    """The user's data folder (XDG on Linux, %APPDATA% on Windows); REPDESK_DATA_DIR overrides it."""
    override = os.environ.get("REPDESK_DATA_DIR")
    if override:
        path = Path(override)
    elif sys.platform == "win32":
        path = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / APP_NAME
    elif sys.platform == "darwin":
        path = Path.home() / "Library" / "Application Support" / APP_NAME
    else:
        path = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "repdesk"
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    override = os.environ.get("REPDESK_LOG_DIR")
    if override:
        path = Path(override)
    elif sys.platform == "win32":
        path = data_dir() / "logs"
    else:
        path = Path(os.environ.get("XDG_STATE_HOME", Path.home() / ".local" / "state")) / "repdesk" / "log"
    path.mkdir(parents=True, exist_ok=True)
    return path
