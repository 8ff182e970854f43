"""Where things live: the resources shipped with the program, and the user's data, log and settings folders.

Resources are package data (the package `repdesk_resources`, the source tree's `resources/` folder) read through
importlib.resources, so a source checkout, an installed wheel and a PyInstaller bundle find them the same way. The
program writes only into the user's folders, which platformdirs knows for each platform, never next to its code.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from importlib.resources import files
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "RepDesk"
RESOURCES_PACKAGE = "repdesk_resources"

# Lower-case folders on Linux and the other Unixes, as their convention (and earlier versions: ~/.local/share/repdesk)
# has it; macOS and Windows show the product's name. Not roaming on Windows: a database has no place in a profile
# copied from machine to machine.
_DIRS = PlatformDirs(APP_NAME if sys.platform in ("win32", "darwin") else "repdesk", appauthor=False)


@cache
def resources_dir() -> Path:
    """The installed `resources/` folder."""
    root = files(RESOURCES_PACKAGE)
    # Qt and ReportLab open resources by file name. pip unpacks wheels and PyInstaller unpacks its bundle, so
    # the resources are always real files; a zipped install is the one case without them.
    if not isinstance(root, Path):
        raise TypeError(f"RepDesk's resources must be installed as files, not inside an archive ({root})")
    return root


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def _folder(override: str, default: str, private: bool = False) -> Path:
    path = Path(os.environ.get(override) or default)
    path.mkdir(mode=0o700 if private else 0o777, parents=True, exist_ok=True)
    if private:
        _private(path, 0o700)
    return path


def _private(path: Path, mode: int) -> None:
    """The record and the logs (names, phone numbers, who did what) are for the user alone. Only what the user owns
    is changed: a folder an administrator shares on purpose is left as it is. Windows has no such modes."""
    if os.name == "posix" and path.stat().st_uid == os.getuid() and path.stat().st_mode & 0o777 != mode:
        path.chmod(mode)


def private_file(path: Path) -> Path:
    """`path` created (empty) readable and writable by the user alone, or made so: before SQLite or a log
    handler opens it with the process's umask."""
    os.close(os.open(path, os.O_CREAT | os.O_APPEND | os.O_WRONLY, 0o600))
    _private(path, 0o600)
    return path


def data_dir() -> Path:
    """The database and other data: ~/.local/share/repdesk, ~/Library/Application Support/RepDesk,
    %LOCALAPPDATA%\\RepDesk. REPDESK_DATA_DIR overrides it."""
    return _folder("REPDESK_DATA_DIR", _DIRS.user_data_dir, private=True)


def log_dir() -> Path:
    """~/.local/state/repdesk/log, ~/Library/Logs/RepDesk, %LOCALAPPDATA%\\RepDesk\\Logs. REPDESK_LOG_DIR
    overrides it."""
    return _folder("REPDESK_LOG_DIR", _DIRS.user_log_dir, private=True)


def config_dir() -> Path:
    """The window's settings: ~/.config/repdesk, ~/Library/Application Support/RepDesk, %LOCALAPPDATA%\\RepDesk."""
    return _folder("REPDESK_CONFIG_DIR", _DIRS.user_config_dir)


def cache_dir() -> Path:
    """Rebuildable caches (parsed font faces, the title segmenter's dictionary): ~/.cache/repdesk,
    ~/Library/Caches/RepDesk, %LOCALAPPDATA%\\RepDesk\\Cache. REPDESK_CACHE_DIR overrides it. Nothing in it is
    needed: deleted or damaged, it is rebuilt. Private, as what is loaded from it is code-like (pickles)."""
    return _folder("REPDESK_CACHE_DIR", _DIRS.user_cache_dir, private=True)


def key_dir() -> Path:
    """The installation keys and the audit chain's anchors: outside the database, so that a copy of the database
    alone cannot rewrite its own record. REPDESK_KEY_DIR overrides it. Created readable by the user alone."""
    path = Path(os.environ.get("REPDESK_KEY_DIR") or Path(_DIRS.user_data_dir) / "keys")
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path
