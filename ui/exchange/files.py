"""Where a package is saved by default: a removable drive when one is mounted (packages travel on a USB stick to
an office without a network), else the Documents folder."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QStorageInfo

from desktop.timeutil import now_utc, to_cst

PACKAGE_FILTER = "RepDesk 数据交换包 (*.rdx);;所有文件 (*)"
SITE_FILTER = "RepDesk 站点包 (*.rdx);;所有文件 (*)"
# Where desktops mount what is plugged in: udisks (/media/USER/..., /run/media/USER/...), macOS (/Volumes/...).
_REMOVABLE_ROOTS = ("/media/", "/run/media/", "/Volumes/")


@dataclass(frozen=True)
class Volume:
    root: str
    ready: bool = True
    read_only: bool = False


def looks_removable(root: str, system_drive: str = "") -> bool:
    """A mount point that looks like a plugged-in drive: under the desktop's mount folders, or (Windows) a drive
    letter other than the system's."""
    if any(root.startswith(prefix) for prefix in _REMOVABLE_ROOTS):
        return True
    letter = re.fullmatch(r"([A-Za-z]):[\\/]?", root)
    return letter is not None and bool(system_drive) and letter.group(1).upper() != system_drive[:1].upper()


def pick_folder(volumes: Iterable[Volume], documents: str, system_drive: str = "") -> str:
    """The first writable removable-looking volume, else `documents`."""
    for v in volumes:
        if v.ready and not v.read_only and looks_removable(v.root, system_drive):
            return v.root
    return documents


def default_folder() -> str:
    volumes = [Volume(v.rootPath(), v.isReady(), v.isReadOnly()) for v in QStorageInfo.mountedVolumes()]
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return pick_folder(volumes, documents, os.environ.get("SystemDrive", "C:"))


def suggested_path(stem: str) -> str:
    """`stem_YYYYMMDD-HHMM.rdx` in the default folder: a new name for every package, none overwritten by habit."""
    return str(Path(default_folder()) / f"{stem}_{to_cst(now_utc()):%Y%m%d-%H%M}.rdx")


def write_package(path: str, data: bytes) -> str:
    """Written whole or not at all: to a temporary name beside it, then renamed (a drive pulled out mid-write leaves
    no half package that looks like a whole one)."""
    target = Path(path)
    temporary = target.with_name(target.name + ".part")
    temporary.write_bytes(data)
    os.replace(temporary, target)
    return str(target)
