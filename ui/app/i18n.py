"""Qt Linguist translations: source strings are Chinese; the .ts is kept, the .qm is built when missing or stale."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.paths import resource
from ui.common.strings import translated

log = logging.getLogger("repdesk.ui.i18n")
LANGUAGES: dict[str, str] = {"zh_CN": "简体中文", "en": "English"}
_installed: list[QTranslator] = []


def translations_dir() -> Path:
    return resource("translations")


def _lrelease() -> str | None:
    here = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "lrelease"):
        candidate = here / name
        if candidate.exists():
            return str(candidate)
        found = shutil.which(name)
        if found:
            return found
    return None


def build_translations(force: bool = False) -> list[Path]:
    """Compile every stale `repdesk_*.ts` to `.qm` (CI and the PyInstaller build call this too)."""
    built: list[Path] = []
    tool = _lrelease()
    for ts in sorted(translations_dir().glob("repdesk_*.ts")):
        qm = ts.with_suffix(".qm")
        if not force and qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        if tool is None:
            log.warning("lrelease not found; %s not built", qm.name)
            continue
        result = subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=False, capture_output=True, text=True)
        if result.returncode != 0:
            log.warning("lrelease failed for %s: %s", ts.name, result.stderr.strip())
            continue
        built.append(qm)
    return built


def install_translators(app: QCoreApplication, language: str) -> None:
    """Chinese is the source language: only Qt's own zh_CN catalogue is needed for it."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    translated.cache_clear()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language == "en":
        build_translations()
        own = QTranslator(app)
        if own.load(str(translations_dir() / "repdesk_en.qm")):
            app.installTranslator(own)
            _installed.append(own)
        QLocale.setDefault(QLocale("en_US"))
    else:
        qt = QTranslator(app)
        if qt.load("qtbase_zh_CN", qt_dir):
            app.installTranslator(qt)
            _installed.append(qt)
        QLocale.setDefault(QLocale("zh_CN"))
